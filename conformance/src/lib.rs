//! The conformance runner behind `cargo xtask conformance`: what the parser extracts from
//! a product version's pages, compared with an `oracle.json` saying what a faithful parser
//! must extract (format: `../shared/corpus/README.md`).
//!
//! One product version (`--docs DIR --oracle FILE`: [`compare`] and a [`Report`]), or a
//! batch (`--catalog`, `--real`, `--all`, `--tree DIR`): every folder of pages that has an
//! `oracle.json` is a [`Unit`], from unpacked archives ([`cache`]), checked on its own
//! ([`check`]: a folder the parser cannot read is salvaged page by page) and summarised
//! ([`summary`]); mismatches on rows a careful reader had to interpret are told apart by
//! [`judgements`].
//!
//! The modules, each using only those listed before it: `paths`, `request`, `class`
//! (messages into classes), `oracle`, `report` (the shared types of a comparison),
//! `compare`, `judgements`, `failure`, `unit`, `salvage`, `check`, `cache`, `summary`,
//! `batch`, `metamorphic` (variants of every page must give the same IR: `--metamorphic`),
//! then [`run`] here.

#![warn(missing_docs)]

pub mod batch;
pub mod cache;
mod check;
mod class;
mod compare;
mod failure;
pub mod judgements;
pub mod metamorphic;
mod oracle;
mod paths;
mod report;
mod request;
mod salvage;
pub mod summary;
mod unit;

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Result};
use codegen::ir::Api;

pub use check::check;
pub use class::{classify, normalise};
pub use compare::compare;
pub use failure::Failure;
pub use oracle::{load_oracle, Oracle, OracleAction, OracleCodes, OracleField, OracleType};
pub use paths::workspace_root;
pub use report::{Mismatch, Owner, Report, CATEGORIES};
pub use request::{Conformance, Settings};
pub use salvage::CONSEQUENCE;
pub use unit::{discover_units, Outcome, Unit, ORACLE};

/// Runs the comparison the settings ask for: one product version (`docs` and `oracle`),
/// else the batch of the sets they name.
pub fn run(settings: &Settings) -> Result<Conformance> {
    match (&settings.docs, &settings.oracle) {
        (Some(docs), Some(oracle)) => run_one(docs, oracle),
        _ => batch::run(settings),
    }
}

/// `--metamorphic`: every folder of the sets the settings name, tried with the variants
/// of `options`; the report, and whether every kind tried passed on every folder.
pub fn run_metamorphic(settings: &Settings, options: &metamorphic::Options, details: bool) -> Result<Conformance> {
    let start = std::time::Instant::now();
    let outcomes = metamorphic::run_sets(settings, options)?;
    let mut report = metamorphic::report::render(&outcomes, details);
    let _ = writeln!(report, "({} folders in {:.1} s)", outcomes.len(), start.elapsed().as_secs_f64());
    let perfect = outcomes.iter().all(|f| f.error.is_none() && f.kinds.iter().all(metamorphic::KindOutcome::passes));
    Ok(Conformance { report, perfect })
}

/// Loads the docs (one product version) and the oracle, and compares them.
fn run_one(docs: &Path, oracle: &Path) -> Result<Conformance> {
    let oracle_data = load_oracle(oracle)?;
    let api = load_api(docs)?;
    let report = compare(&api, &oracle_data);
    let mut out = format!("conformance of {} against {}\n", docs.display(), oracle.display());
    out.push_str(&report.render());
    if report.is_perfect() {
        out.push_str("conformance: everything matches\n");
    } else {
        let _ = writeln!(out, "conformance: {} mismatches", report.mismatches.len());
    }
    Ok(Conformance { report: out, perfect: report.is_perfect() })
}

/// The IR of the one product version under `docs`.
pub fn load_api(docs: &Path) -> Result<Api> {
    if !docs.is_dir() {
        bail!("{}: no such docs folder", docs.display());
    }
    let loaded = codegen::load_docs(docs)?;
    let mut apis = loaded.apis.into_iter();
    match (apis.next(), apis.next()) {
        (Some(api), None) => Ok(api),
        (None, _) => bail!("{}: no pages", docs.display()),
        (Some(_), Some(_)) => bail!("{}: more than one product version; name one version's folder", docs.display()),
    }
}
