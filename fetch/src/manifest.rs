//! `docs-src/manifest.json`: where each page came from, and atomic writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// `docs-src/manifest.json`: where each page came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Page path under the docs folder (`vpc/2017-03-12/AssociateAddress.html`) → where it
    /// was read: a URL (`https://…`), or the absolute path of a local Markdown source.
    pub pages: BTreeMap<String, String>,
    /// The products fetched whole (`--product`): overview URL or source folder → what it
    /// gave.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub products: BTreeMap<String, ProductSource>,
}

/// One product source of the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSource {
    /// For a git checkout: its `HEAD` commit when last read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub git_commit: Option<String>,
    /// The pages kept from it (paths under the docs folder).
    #[serde(default)]
    pub pages: Vec<String>,
}

impl Manifest {
    /// `<docs>/manifest.json`.
    pub fn path(docs: &Path) -> PathBuf {
        docs.join("manifest.json")
    }

    /// The manifest of a docs folder (empty when there is none yet).
    pub fn load(docs: &Path) -> Result<Manifest> {
        let path = Self::path(docs);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                serde_json::from_str(&text).with_context(|| format!("{}: not a fetch manifest", path.display()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::default()),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// Writes the manifest (atomically).
    pub fn save(&self, docs: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        write_atomically(&Self::path(docs), text.as_bytes())
    }
}

/// Whether a manifest source is a URL (else it is a local file).
pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// Writes a file through a temporary file in the same folder and a rename (the one way
/// of the workspace: [`codegen::output::write_atomically`]).
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    codegen::output::write_atomically(path, contents).with_context(|| format!("writing {}", path.display()))
}
