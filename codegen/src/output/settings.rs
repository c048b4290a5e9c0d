//! What a user sets about the generated crate, in a small TOML file regen reads (by
//! default [`crate::SETTINGS_FILE`], `regen.toml`, in the docs folder).
//!
//! ```toml
//! # The package users depend on (its library: `-` as `_`); the product crates are named
//! # after it: `<name>-<product>`.
//! name = "tencentcloud-api"
//! # Its version; without it, the enclosing workspace's (`version.workspace = true`), or
//! # 0.1.0 for a workspace of its own.
//! version = "0.1.0"
//! # Its description on crates.io and docs.rs (optional).
//! description = "Typed bindings for Tencent Cloud APIs"
//! # The features on by default: `client`, `full` or products (`vpc`). Default: ["client"].
//! default-features = ["client", "vpc"]
//! ```
//!
//! Every key is optional; any other key, a table, or a value of the wrong kind is an error
//! naming the file and line.

use std::path::Path;

use super::error::SettingsError;
use super::toml::{entries, Value};

/// The settings of a generated crate. [`Settings::default`] is what a docs folder without
/// a settings file gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The package name (`tencentcloud-api`).
    pub name: String,
    /// The version (`0.1.0`); `None`: the enclosing workspace's, or `0.1.0`.
    pub version: Option<String>,
    /// The description, if any.
    pub description: Option<String>,
    /// The features on by default, in the order given.
    pub default_features: Vec<String>,
    /// The settings file as shown in messages (empty for the defaults).
    pub file: String,
    /// The line of `default-features` in it (0 when not set there): the features are
    /// checked against the generated crate's when its manifest is written.
    pub default_features_line: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: crate::DEFAULT_CRATE_NAME.replace('_', "-"),
            version: None,
            description: None,
            default_features: vec!["client".to_string()],
            file: String::new(),
            default_features_line: 0,
        }
    }
}

/// The keys a settings file may hold.
const KEYS: [&str; 4] = ["name", "version", "description", "default-features"];

impl Settings {
    /// Reads the settings file at `path`; the defaults when there is none.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        let file = crate::source::display_path(path);
        match std::fs::read_to_string(path) {
            Ok(text) => Settings::parse(&file, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(SettingsError::new(&file, 0, format!("cannot read: {e}"))),
        }
    }

    /// Reads settings from `text`, the file shown as `file` in errors.
    pub fn parse(file: &str, text: &str) -> Result<Settings, SettingsError> {
        let error = |line: usize, message: String| SettingsError::new(file, line, message);
        let mut settings = Settings { file: file.to_string(), ..Settings::default() };
        let mut seen: Vec<(String, usize)> = Vec::new();
        for entry in entries(text).map_err(|(line, message)| error(line, message))? {
            if entry.key.is_empty() {
                return Err(error(
                    entry.line,
                    format!("no tables here: `{}` (keys: {})", entry.table, KEYS.join(", ")),
                ));
            }
            if !KEYS.contains(&entry.key.as_str()) {
                return Err(error(
                    entry.line,
                    format!("unknown key `{}` (expected one of: {})", entry.key, KEYS.join(", ")),
                ));
            }
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == entry.key) {
                return Err(error(entry.line, format!("`{}` is set twice (first at line {first})", entry.key)));
            }
            seen.push((entry.key.clone(), entry.line));
            let text = |value: Value| match value {
                Value::String(s) => Ok(s),
                _ => Err(error(entry.line, format!("`{}` takes a string", entry.key))),
            };
            match entry.key.as_str() {
                "name" => {
                    let name = text(entry.value)?;
                    check_name(&name).map_err(|m| error(entry.line, m))?;
                    settings.name = name;
                }
                "version" => {
                    let version = text(entry.value)?;
                    check_version(&version).map_err(|m| error(entry.line, m))?;
                    settings.version = Some(version);
                }
                "description" => settings.description = Some(text(entry.value)?),
                _ => {
                    let Value::Array(items) = entry.value else {
                        return Err(error(entry.line, "`default-features` takes an array of strings".into()));
                    };
                    let features = items.into_iter().map(text).collect::<Result<Vec<_>, _>>()?;
                    settings.default_features = features;
                    settings.default_features_line = entry.line;
                }
            }
        }
        Ok(settings)
    }

    /// The crate's library name: the package name with `-` as `_` (`tencentcloud_api`).
    pub fn lib_name(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// A package name cargo takes: ASCII letters, digits, `-` and `_`, starting with a letter.
fn check_name(name: &str) -> Result<(), String> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(format!("`{name}` is not a package name (ASCII letters, digits, `-` and `_`, starting with a letter)"))
    }
}

/// A semantic version: `MAJOR.MINOR.PATCH`, then `-pre` or `+build` if any.
fn check_version(version: &str) -> Result<(), String> {
    let (core, suffix) = match version.find(['-', '+']) {
        Some(at) => (&version[..at], Some(&version[at + 1..])),
        None => (version, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    let numbers = parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if numbers && suffix.is_none_or(|s| !s.is_empty()) {
        Ok(())
    } else {
        Err(format!("`{version}` is not a version such as 0.1.0"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key() {
        let text = "# comment\nname = \"golden-demo\"\nversion = \"0.0.0\"\ndescription = \"d\"\n\
                    default-features = [\"client\", \"demo\"]\n";
        let settings = Settings::parse("regen.toml", text).unwrap();
        assert_eq!(settings.name, "golden-demo");
        assert_eq!(settings.lib_name(), "golden_demo");
        assert_eq!(settings.version.as_deref(), Some("0.0.0"));
        assert_eq!(settings.description.as_deref(), Some("d"));
        assert_eq!(settings.default_features, ["client", "demo"]);
        assert_eq!(settings.default_features_line, 5);
        let empty = Settings::parse("regen.toml", "").unwrap();
        assert_eq!(empty, Settings { file: "regen.toml".into(), ..Settings::default() });
        assert_eq!(Settings::default().name, "tencentcloud-api");
        assert_eq!(Settings::default().default_features, ["client"]);
        for version in ["1.2.3", "0.1.0-alpha.1", "1.0.0+build"] {
            assert!(Settings::parse("f", &format!("version = \"{version}\"")).is_ok(), "{version}");
        }
    }

    #[test]
    fn mistakes_name_the_file_and_line() {
        for (text, expected) in [
            ("name = \"x\"\nnmae = \"y\"\n", "regen.toml:2: unknown key `nmae` (expected one of: name, version"),
            ("\n[package]\nname = \"x\"\n", "regen.toml:2: no tables here: `package`"),
            ("name = 1\n", "regen.toml:1: `name` takes a string"),
            ("name = \"1x\"\n", "regen.toml:1: `1x` is not a package name"),
            ("name = \"a b\"\n", "regen.toml:1: `a b` is not a package name"),
            ("version = \"1.0\"\n", "regen.toml:1: `1.0` is not a version"),
            ("version = \"1.0.0-\"\n", "regen.toml:1: `1.0.0-` is not a version"),
            ("default-features = \"client\"\n", "regen.toml:1: `default-features` takes an array of strings"),
            ("default-features = [\"client\", 2]\n", "regen.toml:1: `default-features` takes a string"),
            ("name = \"a\"\n\nname = \"b\"\n", "regen.toml:3: `name` is set twice (first at line 1)"),
            ("name = \"a\n", "regen.toml:1: a string is not closed on its line"),
        ] {
            let err = Settings::parse("regen.toml", text).unwrap_err();
            assert!(err.to_string().starts_with(expected), "{text:?}: {err}");
        }
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let path = std::env::temp_dir().join(format!("no-such-settings-{}.toml", std::process::id()));
        assert_eq!(Settings::load(&path).unwrap(), Settings::default());
    }
}
