//! Where things live in this workspace: its root, the docs and the generated crate, the
//! golden fixtures.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of the `xtask` crate).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().expect("xtask lies inside the workspace").to_path_buf()
}

/// The documentation pages the bindings are generated from: `<root>/docs-src`.
pub fn default_docs() -> PathBuf {
    workspace_root().join("docs-src")
}

/// The generated crate: `<root>/generated`.
pub fn default_out() -> PathBuf {
    workspace_root().join("generated")
}

/// The golden fixture pages: `<root>/codegen/tests/fixtures/golden-docs`.
pub fn golden_docs() -> PathBuf {
    workspace_root().join("codegen/tests/fixtures/golden-docs")
}

/// The golden fixture crate generated from them: `<root>/codegen/tests/golden`.
pub fn golden_out() -> PathBuf {
    workspace_root().join("codegen/tests/golden")
}

/// The golden fixture IR with hand-set facts (value sets, defaults, units, filters):
/// `<root>/codegen/tests/fixtures/golden-ir`.
pub fn golden_ir() -> PathBuf {
    workspace_root().join("codegen/tests/fixtures/golden-ir")
}

/// The golden fixture crate generated from that IR: `<root>/codegen/tests/golden-typed`.
pub fn golden_typed_out() -> PathBuf {
    workspace_root().join("codegen/tests/golden-typed")
}

/// What `regen` and `check` cover when given no folders: the bindings and the golden
/// fixture crates.
pub fn default_targets() -> Vec<(PathBuf, PathBuf)> {
    vec![(default_docs(), default_out()), (golden_docs(), golden_out()), (golden_ir(), golden_typed_out())]
}
