//! What a run is asked to do ([`Settings`]) and what it gives ([`Conformance`]).

use std::path::PathBuf;

/// What to check and what to print: the flags of `cargo xtask conformance` (but
/// `--report-only`, which only the command's exit status heeds). Any combination of the
/// sets; none (and no `docs`) is an error of the run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Folder holding the pages of one product version.
    pub docs: Option<PathBuf>,
    /// The oracle JSON file.
    pub oracle: Option<PathBuf>,
    /// Every product version and form of the catalog (`<shared>/corpus/catalog.tar.xz`,
    /// unpacked once under `target/corpus-cache/`).
    pub catalog: bool,
    /// Every folder of the real pages with an `oracle.json` (`<shared>/real/`, and its
    /// `html-en-md.tar.xz`, unpacked once under `target/corpus-cache/`).
    pub real: bool,
    /// `--catalog` and `--real`.
    pub all: bool,
    /// Every folder holding an `oracle.json` under DIR (repeatable).
    pub tree: Vec<PathBuf>,
    /// The reference data folder. Default: `../shared` beside the workspace.
    pub shared: Option<PathBuf>,
    /// Where archives are unpacked. Default: `target/corpus-cache/` of the workspace.
    pub cache: Option<PathBuf>,
    /// Also print the table of warnings per kind (markdown).
    pub warnings: bool,
    /// Print every failure and mismatch under its folder's line.
    pub details: bool,
}

/// What a run gives: the report to print, and whether everything matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conformance {
    /// The report, as `cargo xtask conformance` prints it on stdout.
    pub report: String,
    /// Everything matches (every unit at 100%, judged rows aside).
    pub perfect: bool,
}
