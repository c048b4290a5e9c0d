//! Where things live: the workspace root, and the reference data beside it.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// The reference data when `--shared` is not given: `../shared` beside the workspace.
pub fn default_shared() -> PathBuf {
    workspace_root().join("../shared")
}
