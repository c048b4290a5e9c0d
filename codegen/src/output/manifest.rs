//! The generated crate's manifest (`Cargo.toml`): its package from the [`Settings`], how
//! it belongs to a workspace from the [`Layout`], and its features and product crates
//! from the generator (the block the emitter leaves in [`Generated::blocks`]).

use super::error::SettingsError;
use super::settings::Settings;
use super::toml::entries;
use super::workspace::Layout;
use crate::{Generated, GENERATED_TOML_HEADER};

/// The keys of `[workspace.package]` a member inherits when its workspace has them
/// (besides `version`, which the settings may set).
const INHERITED: [&str; 9] =
    ["edition", "license", "publish", "rust-version", "authors", "repository", "homepage", "keywords", "categories"];

/// The workspace of a crate that is a workspace of its own: the keys its product crates
/// (and the runtime and test support copied beside it by `regen --init`) inherit.
const OWN_WORKSPACE: &str = "\n\
# A workspace of its own (no enclosing workspace lists this folder): this crate, the
# runtime (`runtime/`) and the test support (`test-support/`), both copied here by
# `cargo xtask regen --init`, and the product crates (`products/*`, members as path
# dependencies), which inherit these keys.
[workspace]
resolver = \"2\"
members = [\"runtime\", \"test-support\"]

[workspace.package]
version = \"{version}\"
edition = \"2021\"
license = \"Apache-2.0\"

[workspace.dependencies]
tencentcloud-api-runtime = { path = \"runtime\", version = \"0.1.0\", default-features = false }
serde_json = \"1\"
tokio = { version = \"1\", features = [\"rt-multi-thread\", \"time\", \"sync\", \"macros\", \"net\", \"io-util\"] }
";

/// Turns the manifest block of `generated` (`Cargo.toml`: the crate's features and its
/// product crates) into the whole manifest, a generated file like any other.
pub fn complete(generated: &mut Generated, settings: &Settings, layout: &Layout) -> Result<(), SettingsError> {
    let products = generated.blocks.remove("Cargo.toml").unwrap_or_default();
    let manifest = crate_manifest(settings, layout, &products)?;
    generated.files.insert("Cargo.toml".to_string(), manifest);
    Ok(())
}

/// The crate's `Cargo.toml`: the generated header, `[package]` from the settings (the keys
/// the enclosing workspace has inherited from it), the runtime as its dependency,
/// `[package.metadata.docs.rs]`, `[features]` with the settings' `default` then
/// `products` (the emitter's lines: `client`, `full`, one feature per product, then one
/// dependency table per product crate), and for a workspace of its own, the workspace.
///
/// Errors when a default feature is not one `products` defines (named at the settings
/// file's line).
pub fn crate_manifest(settings: &Settings, layout: &Layout, products: &str) -> Result<String, SettingsError> {
    let file = if settings.file.is_empty() { "the default settings" } else { &settings.file };
    let defined: Vec<String> = entries(products)
        .map_err(|(line, message)| SettingsError::new("the generated features", line, message))?
        .into_iter()
        .filter(|e| e.table.is_empty() && !e.key.is_empty())
        .map(|e| e.key)
        .collect();
    for feature in &settings.default_features {
        if !defined.contains(feature) {
            return Err(SettingsError::new(
                file,
                settings.default_features_line,
                format!("`{feature}` is not a feature of the generated crate (it has: {})", defined.join(", ")),
            ));
        }
    }

    let mut out = format!(
        "{GENERATED_TOML_HEADER}\n\
         # The crate users depend on: the runtime (`tencentcloud-api-runtime`, hand-written)\n\
         # re-exported whole, and one generated crate per product (`products/<product>/`)\n\
         # behind a feature named like the product. Its name, version, description and default\n\
         # features come from the settings file regen reads (`regen.toml` in the docs folder).\n\
         [package]\nname = {}\n",
        quoted(&settings.name)
    );
    let inherits = |key: &str| match layout {
        Layout::Member { package_keys, .. } => package_keys.iter().any(|k| k == key),
        Layout::Own => ["version", "edition", "license"].contains(&key),
    };
    match &settings.version {
        Some(version) if matches!(layout, Layout::Member { .. }) => {
            out.push_str(&format!("version = {}\n", quoted(version)))
        }
        _ if inherits("version") => out.push_str("version.workspace = true\n"),
        _ => out.push_str("version = \"0.1.0\"\n"),
    }
    if let Some(description) = &settings.description {
        out.push_str(&format!("description = {}\n", quoted(description)));
    }
    if !inherits("edition") {
        out.push_str("edition = \"2021\"\n");
    }
    for key in INHERITED.iter().filter(|k| inherits(k)) {
        out.push_str(&format!("{key}.workspace = true\n"));
    }
    let default: Vec<String> = settings.default_features.iter().map(|f| quoted(f)).collect();
    out.push_str(&format!(
        "\n[package.metadata.docs.rs]\n\
         # Every product, with the feature each module needs shown (`doc(cfg)`).\n\
         all-features = true\n\
         rustdoc-args = [\"--cfg\", \"docsrs\"]\n\
         \n\
         [dependencies]\n\
         tencentcloud-api-runtime.workspace = true\n\
         \n\
         [features]\n\
         # What a build gets without `--no-default-features` (the settings' `default-features`).\n\
         default = [{}]\n",
        default.join(", ")
    ));
    out.push_str(products);
    if !products.is_empty() && !products.ends_with('\n') {
        out.push('\n');
    }
    if *layout == Layout::Own {
        let version = settings.version.as_deref().unwrap_or("0.1.0");
        out.push_str(&OWN_WORKSPACE.replace("{version}", version));
    }
    Ok(out)
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::output::toml::Value;

    const PRODUCTS: &str = "client = [\n    \"tencentcloud-api-runtime/client\",\n]\nfull = [\n    \"vpc\",\n]\n\
                            vpc = [\"dep:x-vpc\"]\n\n[dependencies.x-vpc]\npath = \"products/vpc\"\n";

    fn member(keys: &[&str]) -> Layout {
        Layout::Member {
            manifest: PathBuf::from("Cargo.toml"),
            package_keys: keys.iter().map(|k| k.to_string()).collect(),
        }
    }

    fn value(manifest: &str, table: &str, key: &str) -> Option<Value> {
        entries(manifest).unwrap().into_iter().find(|e| e.table == table && e.key == key).map(|e| e.value)
    }

    #[test]
    fn a_member_inherits_what_its_workspace_has() {
        let settings = Settings {
            name: "x".into(),
            version: Some("0.0.0".into()),
            description: Some("The \"x\" crate".into()),
            default_features: vec!["client".into(), "vpc".into()],
            ..Settings::default()
        };
        let manifest = crate_manifest(&settings, &member(&["version", "edition", "license"]), PRODUCTS).unwrap();
        assert!(manifest.starts_with(&format!("{GENERATED_TOML_HEADER}\n")), "{manifest}");
        assert_eq!(value(&manifest, "package", "name"), Some(Value::String("x".into())));
        assert_eq!(value(&manifest, "package", "version"), Some(Value::String("0.0.0".into())));
        assert_eq!(value(&manifest, "package", "description"), Some(Value::String("The \"x\" crate".into())));
        assert_eq!(value(&manifest, "package", "edition.workspace"), Some(Value::Other("true".into())));
        assert_eq!(value(&manifest, "package", "license.workspace"), Some(Value::Other("true".into())));
        assert_eq!(value(&manifest, "package", "publish.workspace"), None);
        let default = Value::Array(vec![Value::String("client".into()), Value::String("vpc".into())]);
        assert_eq!(value(&manifest, "features", "default"), Some(default));
        assert_eq!(value(&manifest, "features", "vpc"), Some(Value::Array(vec![Value::String("dep:x-vpc".into())])));
        assert!(value(&manifest, "dependencies.x-vpc", "path").is_some());
        assert!(!manifest.contains("[workspace"), "{manifest}");

        // No version set: the workspace's; a workspace without one or without an edition.
        let plain = Settings { version: None, ..settings.clone() };
        let manifest = crate_manifest(&plain, &member(&["version"]), PRODUCTS).unwrap();
        assert_eq!(value(&manifest, "package", "version.workspace"), Some(Value::Other("true".into())));
        assert_eq!(value(&manifest, "package", "edition"), Some(Value::String("2021".into())));
        let manifest = crate_manifest(&plain, &member(&[]), PRODUCTS).unwrap();
        assert_eq!(value(&manifest, "package", "version"), Some(Value::String("0.1.0".into())));
    }

    #[test]
    fn a_workspace_of_its_own_declares_it() {
        let settings = Settings { version: Some("2.0.0".into()), ..Settings::default() };
        let manifest = crate_manifest(&settings, &Layout::Own, PRODUCTS).unwrap();
        assert_eq!(value(&manifest, "package", "name"), Some(Value::String("tencentcloud-api".into())));
        assert_eq!(value(&manifest, "package", "version.workspace"), Some(Value::Other("true".into())));
        assert_eq!(value(&manifest, "workspace.package", "version"), Some(Value::String("2.0.0".into())));
        let members = Value::Array(vec![Value::String("runtime".into()), Value::String("test-support".into())]);
        assert_eq!(value(&manifest, "workspace", "members"), Some(members));
        assert!(value(&manifest, "workspace.dependencies", "tencentcloud-api-runtime").is_some());
        assert_eq!(value(&manifest, "features", "default"), Some(Value::Array(vec![Value::String("client".into())])));
    }

    #[test]
    fn complete_moves_the_block_into_the_manifest() {
        let mut generated = Generated::default();
        generated.blocks.insert("Cargo.toml".into(), PRODUCTS.into());
        complete(&mut generated, &Settings::default(), &Layout::Own).unwrap();
        assert!(generated.blocks.is_empty());
        assert!(generated.files["Cargo.toml"].contains("\n[dependencies.x-vpc]\n"));
    }

    #[test]
    fn an_unknown_default_feature_names_the_settings_line() {
        let settings = Settings::parse("docs/regen.toml", "name = \"x\"\ndefault-features = [\"client\", \"cvm\"]\n");
        let err = crate_manifest(&settings.unwrap(), &Layout::Own, PRODUCTS).unwrap_err();
        assert_eq!(
            err.to_string(),
            "docs/regen.toml:2: `cvm` is not a feature of the generated crate (it has: client, full, vpc)"
        );
    }
}
