//! Whether the generated crate is a member of an enclosing Cargo workspace or a workspace
//! of its own, found the way cargo finds it: the nearest `Cargo.toml` above the output
//! folder that has a `[workspace]` table and does not exclude the folder is the
//! workspace; the crate is a member when one of its `members` (globs allowed) names the
//! folder. Nothing is set by hand: this repository's `generated/` is a member of the root
//! workspace, a crate set up by `regen --init --out DIR` elsewhere is its own.

use std::path::{Component, Path, PathBuf};

use super::error::SettingsError;
use super::toml::{entries, Value};
use crate::source::display_path;

/// Where the generated crate stands among Cargo workspaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// A member of an enclosing workspace: the crate inherits its keys.
    Member {
        /// The workspace's manifest.
        manifest: PathBuf,
        /// The keys of its `[workspace.package]` (`version`, `edition`…), in order.
        package_keys: Vec<String>,
    },
    /// A workspace of its own: its manifest declares the workspace, with the runtime
    /// (`runtime/`) and the test support (`test-support/`) as members.
    Own,
}

/// The layout of the crate in `out` (which need not exist yet). Relative paths are taken
/// from the current directory. Errors only when an enclosing manifest cannot be read.
pub fn detect_layout(out: &Path) -> Result<Layout, SettingsError> {
    let out = normalize(&std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf()));
    for dir in out.ancestors().skip(1) {
        let manifest = dir.join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else { continue };
        let file = display_path(&manifest);
        let entries = entries(&text).map_err(|(line, message)| SettingsError::new(&file, line, message))?;
        if !entries.iter().any(|e| e.table == "workspace" || e.table.starts_with("workspace.")) {
            continue;
        }
        let rel: Vec<String> = match out.strip_prefix(dir) {
            Ok(rel) => rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect(),
            Err(_) => continue,
        };
        let list = |key: &str| -> Vec<String> {
            let values = entries.iter().filter(|e| e.table == "workspace" && e.key == key);
            values
                .flat_map(|e| match &e.value {
                    Value::Array(items) => items.clone(),
                    _ => Vec::new(),
                })
                .filter_map(|v| if let Value::String(s) = v { Some(s) } else { None })
                .collect()
        };
        if list("exclude").iter().any(|p| rel.starts_with(&segments(p))) {
            continue;
        }
        if !list("members").iter().any(|p| glob(&segments(p), &rel)) {
            return Ok(Layout::Own);
        }
        let mut package_keys = Vec::new();
        for entry in &entries {
            let key = match (entry.table.as_str(), entry.key.split_once('.')) {
                ("workspace.package", _) => entry.key.split('.').next().unwrap_or_default(),
                ("workspace", Some(("package", key))) => key.split('.').next().unwrap_or_default(),
                _ => continue,
            };
            if !key.is_empty() && !package_keys.iter().any(|k| k == key) {
                package_keys.push(key.to_string());
            }
        }
        return Ok(Layout::Member { manifest, package_keys });
    }
    Ok(Layout::Own)
}

/// `a/./b/../c` → `a/c`, lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The segments of a member path or glob (`./products/*/` → `products`, `*`).
fn segments(pattern: &str) -> Vec<String> {
    pattern.split(['/', '\\']).filter(|s| !s.is_empty() && *s != ".").map(str::to_string).collect()
}

/// Whether a member glob matches a folder, segment by segment (`*` and `?` within one).
fn glob(pattern: &[String], path: &[String]) -> bool {
    pattern.len() == path.len() && pattern.iter().zip(path).all(|(p, s)| segment_matches(p.as_bytes(), s.as_bytes()))
}

fn segment_matches(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => (0..=name.len()).any(|skip| segment_matches(rest, &name[skip..])),
        Some((b'?', rest)) => !name.is_empty() && segment_matches(rest, &name[1..]),
        Some((c, rest)) => name.first() == Some(c) && segment_matches(rest, &name[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use test_support::Scratch;

    #[test]
    fn members_are_found_as_cargo_finds_them() {
        let root = Scratch::new("members");
        let manifest = "[workspace]\nmembers = [\n  \"gen\",\n  \"crates/*\",\n]\nexclude = [\"crates/skip\"]\n\n\
                        [workspace.package]\nversion = \"0.1.0\"\nedition = \"2021\"\n";
        std::fs::write(root.join("Cargo.toml"), manifest).unwrap();
        let member = |keys: &[&str]| Layout::Member {
            manifest: root.join("Cargo.toml"),
            package_keys: keys.iter().map(|k| k.to_string()).collect(),
        };
        assert_eq!(detect_layout(&root.join("gen")).unwrap(), member(&["version", "edition"]));
        assert_eq!(detect_layout(&root.join("crates/x")).unwrap(), member(&["version", "edition"]));
        assert_eq!(detect_layout(&root.join("other/../gen")).unwrap(), member(&["version", "edition"]));
        assert_eq!(detect_layout(&root.join("other")).unwrap(), Layout::Own);
        assert_eq!(detect_layout(&root.join("crates/x/y")).unwrap(), Layout::Own);
        // Excluded: the search goes on upwards (and finds nothing here, or a workspace above).
        assert_eq!(detect_layout(&root.join("crates/skip")).unwrap(), Layout::Own);

        // A manifest without a workspace (a package) is passed by.
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        std::fs::write(root.join("pkg/Cargo.toml"), "[package]\nname = \"p\"\n").unwrap();
        std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = [\"pkg/gen\"]\n").unwrap();
        let inner = detect_layout(&root.join("pkg/gen")).unwrap();
        assert_eq!(inner, Layout::Member { manifest: root.join("Cargo.toml"), package_keys: Vec::new() });
    }

    #[test]
    fn a_broken_enclosing_manifest_is_an_error_with_its_line() {
        let root = Scratch::new("broken");
        std::fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = [\"a\"\n").unwrap();
        let err = detect_layout(&root.join("a")).unwrap_err();
        assert!(err.to_string().ends_with("Cargo.toml:2: an array is not closed"), "{err}");
    }

    #[test]
    fn globs() {
        let g = |p: &str, s: &str| glob(&segments(p), &segments(s));
        assert!(g("products/*", "products/vpc") && g("./a/", "a") && g("a?c", "abc") && g("*", "x"));
        assert!(!g("products/*", "products") && !g("a?c", "ac") && !g("x*", "yx"));
    }
}
