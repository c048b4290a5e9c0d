//! `cargo xtask conformance`: the command line of the conformance runner (the
//! `conformance` crate), which does the work.

use std::path::PathBuf;

use anyhow::Result;

/// The flags of `cargo xtask conformance`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConformanceArgs {
    /// Folder holding the pages of one product version.
    #[arg(long, value_name = "DIR", requires = "oracle")]
    pub docs: Option<PathBuf>,
    /// The oracle JSON file.
    #[arg(long, value_name = "FILE", requires = "docs")]
    pub oracle: Option<PathBuf>,
    /// Every product version and form of the catalog (`<shared>/corpus/catalog.tar.xz`,
    /// unpacked once under `target/corpus-cache/`).
    #[arg(long, conflicts_with = "docs")]
    pub catalog: bool,
    /// Every folder of the real pages with an `oracle.json` (`<shared>/real/`, and its
    /// `html-en-md.tar.xz`, unpacked once under `target/corpus-cache/`).
    #[arg(long, conflicts_with = "docs")]
    pub real: bool,
    /// `--catalog` and `--real`.
    #[arg(long, conflicts_with = "docs")]
    pub all: bool,
    /// Every folder holding an `oracle.json` under DIR (repeatable).
    #[arg(long, value_name = "DIR", conflicts_with = "docs")]
    pub tree: Vec<PathBuf>,
    /// The reference data folder. Default: `../shared` beside the workspace.
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// Where archives are unpacked. Default: `target/corpus-cache/` of the workspace.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Also print the table of warnings per kind (markdown).
    #[arg(long)]
    pub warnings: bool,
    /// Print every failure and mismatch under its folder's line.
    #[arg(long)]
    pub details: bool,
    /// Print the report but exit 0 whatever it says (errors of the tool itself still fail).
    #[arg(long)]
    pub report_only: bool,
    /// Metamorphic tests: variants of every page (titles renamed, levels changed, columns
    /// reordered, …) must give the page's IR; a table of (folder, kind, tried, equal,
    /// failures). With --real, --all, --catalog or --tree.
    #[arg(long, conflicts_with = "docs")]
    pub metamorphic: bool,
    /// The kinds of variant to try (comma-separated; default: all): titles, levels,
    /// headers, columns, domain, version-name, version-date, no-intro, wrap, error-headings.
    #[arg(long, value_name = "LIST", requires = "metamorphic")]
    pub kinds: Option<String>,
    /// The seed of the variants' random words and choices.
    #[arg(long, value_name = "N", default_value_t = 20, requires = "metamorphic")]
    pub seed: u64,
    /// At most N action pages per folder (chosen with the seed).
    #[arg(long, value_name = "N", requires = "metamorphic")]
    pub sample: Option<usize>,
}

impl ConformanceArgs {
    /// What the runner is asked to do.
    pub fn settings(&self) -> conformance::Settings {
        conformance::Settings {
            docs: self.docs.clone(),
            oracle: self.oracle.clone(),
            catalog: self.catalog,
            real: self.real,
            all: self.all,
            tree: self.tree.clone(),
            shared: self.shared.clone(),
            cache: self.cache.clone(),
            warnings: self.warnings,
            details: self.details,
        }
    }

    /// The metamorphic run's options.
    pub fn metamorphic_options(&self) -> Result<conformance::metamorphic::Options> {
        let kinds = match &self.kinds {
            Some(list) => conformance::metamorphic::Kind::parse_list(list).map_err(anyhow::Error::msg)?,
            None => conformance::metamorphic::Kind::ALL.to_vec(),
        };
        if kinds.is_empty() {
            anyhow::bail!("--kinds names no kind");
        }
        Ok(conformance::metamorphic::Options { kinds, seed: self.seed, sample: self.sample })
    }
}

/// Runs the comparison the arguments ask for and prints the report; Ok(true) when
/// everything matches (or `--report-only` was given).
pub fn run(args: &ConformanceArgs) -> Result<bool> {
    let run = if args.metamorphic {
        conformance::run_metamorphic(&args.settings(), &args.metamorphic_options()?, args.details)?
    } else {
        conformance::run(&args.settings())?
    };
    print!("{}", run.report);
    if !run.perfect && args.report_only {
        println!("conformance: --report-only: the report does not fail the run");
    }
    Ok(run.perfect || args.report_only)
}
