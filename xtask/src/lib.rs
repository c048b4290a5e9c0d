//! Shared pieces of `cargo xtask`: where things live, and the subcommands' logic.
//!
//! The binary (`main.rs`) only parses the command line and dispatches; each subcommand
//! lives in its own module here so that tests (`tests/freshness.rs`) can use it too.

pub mod bench;
pub mod check;
pub mod conformance;
pub mod diff;
pub mod fetch;
pub mod paging_report;
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

/// The golden fixture pages: `<root>/codegen/tests/fixtures/golden-docs`.
pub fn golden_docs() -> PathBuf {
    workspace_root().join("codegen/tests/fixtures/golden-docs")
}

/// The golden fixture crate generated from them: `<root>/codegen/tests/golden`.
pub fn golden_out() -> PathBuf {
    workspace_root().join("codegen/tests/golden")
}

/// What `regen` and `check` cover when given no folders: the bindings and the golden
/// fixture crate.
pub fn default_targets() -> Vec<(PathBuf, PathBuf)> {
    vec![(default_docs(), default_out()), (golden_docs(), golden_out())]
}

/// Where to read pages from and where the generated tree goes. Paths given on the
/// command line are taken relative to the current directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct GenArgs {
    /// Folder of documentation pages (`<product>/<version>/` folders, or one version's
    /// pages). Default: `docs-src/` (and the golden fixtures, when `--out` is not given).
    #[arg(long, value_name = "DIR")]
    pub docs: Option<PathBuf>,
    /// Folder of the generated crate. Default: `generated/` (and the golden fixture crate,
    /// when `--docs` is not given).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// When the output folder holds no crate yet, set one up first: the hand-written
    /// parts of `generated/` (its `Cargo.toml`, as a workspace of its own, and the
    /// runtime crate `runtime/`). For generating bindings outside this repository.
    #[arg(long)]
    pub init: bool,
    /// Treat the generator's warnings (pages contradicting themselves, documentation
    /// defects such as broken examples or undocumented structures) as errors: exit
    /// non-zero and write nothing.
    #[arg(long)]
    pub strict: bool,
}

impl GenArgs {
    /// The (docs, out) pairs to generate.
    pub fn targets(&self) -> Vec<(PathBuf, PathBuf)> {
        match (&self.docs, &self.out) {
            (None, None) => default_targets(),
            (docs, out) => vec![(docs.clone().unwrap_or_else(default_docs), out.clone().unwrap_or_else(default_out))],
        }
    }
}

/// The library name of the crate in `out`: `[lib] name`, else the package name with `-`
/// as `_`; `tencentcloud_api` when there is no manifest yet.
pub fn crate_name(out: &Path) -> String {
    let Ok(manifest) = std::fs::read_to_string(out.join("Cargo.toml")) else {
        return codegen::DEFAULT_CRATE_NAME.to_string();
    };
    let mut section = "";
    let (mut package, mut lib) = (None, None);
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
        } else if let Some(value) = line.strip_prefix("name").map(str::trim_start).and_then(|l| l.strip_prefix('=')) {
            let value = value.trim().trim_matches('"').to_string();
            match section {
                "[package]" => package = Some(value),
                "[lib]" => lib = Some(value),
                _ => {}
            }
        }
    }
    lib.or(package).map_or_else(|| codegen::DEFAULT_CRATE_NAME.to_string(), |n| n.replace('-', "_"))
}

/// Runs the generator over `docs` in memory, for the crate in `out`. A docs folder that
/// does not exist is an error (rather than an empty tree, which would make `regen` remove
/// every generated file).
pub fn generate(docs: &Path, out: &Path) -> Result<Generated> {
    if !docs.is_dir() {
        bail!("{}: no such docs folder", docs.display());
    }
    // The error already reads `file:line: what`; add nothing to it.
    Ok(codegen::generate_for(docs, &crate_name(out))?)
}

/// Prints the generator's warnings to stderr, one `warning: …` line each; with `strict`
/// they are errors: printed as `error: …` lines, and the result is an error.
pub fn print_warnings(generated: &Generated, strict: bool) -> Result<()> {
    let label = if strict { "error" } else { "warning" };
    for warning in &generated.warnings {
        eprintln!("{label}: {warning}");
    }
    if strict && !generated.warnings.is_empty() {
        bail!("{} warning(s), and --strict makes them errors: nothing written", generated.warnings.len());
    }
    Ok(())
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
