//! What the unit tests share besides `test_support::Scratch`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under `dir` with its contents.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    test_support::files_under(dir)
        .into_iter()
        .map(|rel| {
            let path = dir.join(&rel);
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// A generated Rust file with `body` after the header.
pub fn rs(body: &str) -> String {
    format!("{}\n{body}\n", codegen::GENERATED_HEADER)
}
