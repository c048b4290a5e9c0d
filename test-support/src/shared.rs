//! The reference data beside the repository (`../shared`: the corpus, the real pages, the
//! typed-value labels). Tests read it in place and unpack archives under `target/`; none
//! of it is ever copied into the repository.
//!
//! In a user's clone it is absent: a test that needs it prints a notice and passes. CI
//! (`.ci/run`) sets `TC_REQUIRE_SHARED=1`, which turns its absence into a failure.

use std::path::{Path, PathBuf};

/// The variable that makes the data's absence a failure.
pub const REQUIRE_VAR: &str = "TC_REQUIRE_SHARED";

/// The workspace root: the nearest folder above this crate holding `Cargo.lock`.
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or_else(|| here.parent().unwrap_or(here))
        .to_path_buf()
}

/// `../shared`, beside the workspace root (it may not exist).
pub fn root() -> PathBuf {
    workspace_root().join("..").join("shared")
}

/// The `target/` folder of the workspace (where archives are unpacked): `CARGO_TARGET_DIR`
/// when set, else `<root>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if Path::new(&dir).is_absolute() => PathBuf::from(dir),
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// `../shared/<rel>` when it exists. When it does not, prints
/// `notice: ../shared/<rel> is absent; <what> skipped` and returns `None` (the caller
/// returns), or panics when [`REQUIRE_VAR`] is set (CI).
pub fn dir(rel: &str, what: &str) -> Option<PathBuf> {
    let path = root().join(rel);
    if path.exists() {
        return Some(path);
    }
    let message = format!("../shared/{rel} is absent; {what} skipped");
    if std::env::var_os(REQUIRE_VAR).is_some_and(|v| !v.is_empty() && v != "0") {
        panic!("{message}, but {REQUIRE_VAR} is set: the reference data must lie beside the repository");
    }
    eprintln!("notice: {message}");
    None
}
