//! Shared pieces of `cargo xtask`: where things live, and the subcommands' logic.
//!
//! The binary (`main.rs`) only parses the command line and dispatches; each subcommand
//! lives in its own module here so that tests (`tests/freshness.rs`) can use it too.

pub mod bench;
pub mod check;
pub mod conformance;
pub mod regen;

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use codegen::Generated;

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

/// Where to read pages from and where the generated tree goes. Paths given on the
/// command line are taken relative to the current directory.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct GenArgs {
    /// Folder of documentation pages (`<product>/<version>/` folders, or one version's pages).
    #[arg(long, value_name = "DIR", default_value_os_t = default_docs())]
    pub docs: PathBuf,
    /// Folder of the generated crate.
    #[arg(long, value_name = "DIR", default_value_os_t = default_out())]
    pub out: PathBuf,
    /// When the output folder holds no crate yet, set one up first: the hand-written
    /// parts of `generated/` (its `Cargo.toml`, as a workspace of its own, and
    /// `src/runtime/`). For generating bindings outside this repository.
    #[arg(long)]
    pub init: bool,
}

impl Default for GenArgs {
    fn default() -> Self {
        GenArgs { docs: default_docs(), out: default_out(), init: false }
    }
}

/// Runs the generator over `docs` in memory. A docs folder that does not exist is an
/// error (rather than an empty tree, which would make `regen` remove every generated file).
pub fn generate(docs: &Path) -> Result<Generated> {
    if !docs.is_dir() {
        bail!("{}: no such docs folder", docs.display());
    }
    // The error already reads `file:line: what`; add nothing to it.
    Ok(codegen::generate(docs)?)
}

/// Prints the generator's warnings to stderr, one `warning: …` line each.
pub fn print_warnings(generated: &Generated) {
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    use std::collections::BTreeMap;
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicU32, Ordering};

    /// A fresh folder under the system temp dir, removed on drop.
    pub struct TempDir(PathBuf);

    impl TempDir {
        pub fn new() -> Self {
            static COUNTER: AtomicU32 = AtomicU32::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!("xtask-test-{}-{n}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }

        pub fn write(&self, rel: &str, contents: &str) {
            let path = self.0.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }

        pub fn read(&self, rel: &str) -> String {
            fs::read_to_string(self.0.join(rel)).unwrap()
        }

        /// Every file under the root with its contents.
        pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
            fn go(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
                for entry in fs::read_dir(dir).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_dir() {
                        go(&path, out);
                    } else {
                        out.insert(path.clone(), fs::read(&path).unwrap());
                    }
                }
            }
            let mut out = BTreeMap::new();
            go(&self.0, &mut out);
            out
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// A generated Rust file with `body` after the header.
    pub fn rs(body: &str) -> String {
        format!("{}\n{body}\n", codegen::GENERATED_HEADER)
    }
}
