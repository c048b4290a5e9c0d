//! What `regen` and `check` share: the command line's folders and settings, running the
//! generator in memory, printing its warnings.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use codegen::Generated;

use crate::paths::{default_docs, default_out, default_targets};

/// Where to read pages from, where the generated tree goes, and the crate's settings.
/// Paths given on the command line are taken relative to the current directory.
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
    /// The crate's settings (name, version, description, default features: see
    /// `codegen::output::Settings`). Default: `regen.toml` in the docs folder; without
    /// one, the crate `tencentcloud-api` with `default = ["client"]`.
    #[arg(long, value_name = "FILE", requires = "out")]
    pub settings: Option<PathBuf>,
    /// Set up what the generated crate needs beside it, where it is missing: the
    /// hand-written runtime (`runtime/`) and test support (`test-support/`) crates, and
    /// this repository's `Cargo.lock`. For generating bindings outside this repository
    /// (the crate is then a workspace of its own).
    #[arg(long)]
    pub init: bool,
    /// Treat the generator's warnings (pages contradicting themselves, documentation
    /// defects such as broken examples or undocumented structures) as errors: exit
    /// non-zero and write nothing.
    #[arg(long)]
    pub strict: bool,
}

/// One generated crate: its pages, its folder, its settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The docs folder.
    pub docs: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The settings file (which need not exist).
    pub settings: PathBuf,
}

impl GenArgs {
    /// The crates to generate.
    pub fn targets(&self) -> Vec<Target> {
        let pairs = match (&self.docs, &self.out) {
            (None, None) => default_targets(),
            (docs, out) => vec![(docs.clone().unwrap_or_else(default_docs), out.clone().unwrap_or_else(default_out))],
        };
        pairs
            .into_iter()
            .map(|(docs, out)| {
                let settings = self.settings.clone().unwrap_or_else(|| docs.join(codegen::SETTINGS_FILE));
                Target { docs, out, settings }
            })
            .collect()
    }
}

/// Runs the generator over `docs` in memory for the crate in `out`, its manifest
/// included, with the settings in `docs` (`regen.toml`, if any). See [`generate_with`].
pub fn generate(docs: &Path, out: &Path) -> Result<Generated> {
    generate_with(docs, out, &docs.join(codegen::SETTINGS_FILE))
}

/// Runs the generator over `docs` in memory for the crate in `out`: its name, version,
/// description and default features from the settings file `settings` (the defaults when
/// there is none), whether it is a member of an enclosing workspace from where `out` lies.
/// A docs folder that does not exist is an error (rather than an empty tree, which would
/// make `regen` remove every generated file), and so is a settings file with a mistake.
pub fn generate_with(docs: &Path, out: &Path, settings: &Path) -> Result<Generated> {
    if !docs.is_dir() {
        bail!("{}: no such docs folder", docs.display());
    }
    let settings = codegen::output::Settings::load(settings)?;
    let layout = codegen::output::detect_layout(out)?;
    let mut generated = match ir_files(docs)? {
        Some(files) => {
            let mut apis = Vec::new();
            for file in files {
                let text = std::fs::read_to_string(&file)?;
                let api: codegen::ir::Api = serde_json::from_str(&text)
                    .map_err(|e| anyhow::anyhow!("{}: not an IR file: {e}", file.display()))?;
                apis.push(api);
            }
            codegen::generate_from(apis, &settings.lib_name()).map_err(|e| anyhow::anyhow!("{e}"))?
        }
        // The error already reads `file:line: what`; add nothing to it.
        None => codegen::generate_for(docs, &settings.lib_name())?,
    };
    codegen::output::complete(&mut generated, &settings, &layout)?;
    Ok(generated)
}

/// The IR files of a folder that holds IR files (`<product>-<version>.json`, as `regen`
/// writes them under `ir/`) and no pages: a fixture whose facts are set by hand
/// (`codegen/tests/fixtures/golden-ir/`). `None` for a folder of pages.
fn ir_files(docs: &Path) -> Result<Option<Vec<PathBuf>>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(docs)? {
        let path = entry?.path();
        if path.is_dir() {
            return Ok(None);
        }
        if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        } else if path.file_name().is_some_and(|n| n != codegen::SETTINGS_FILE) {
            return Ok(None);
        }
    }
    files.sort();
    Ok((!files.is_empty()).then_some(files))
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
