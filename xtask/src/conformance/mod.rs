//! `cargo xtask conformance --docs DIR --oracle FILE`: what the parser extracts from a
//! product version's pages, compared with an `oracle.json` saying what a faithful parser
//! must extract (format: `../shared/corpus/README.md`).
//!
//! `--catalog`, `--real`, `--all` and `--tree DIR` run the same comparison over every
//! folder of pages that has an `oracle.json` ([`batch`]), from unpacked archives
//! ([`cache`]), and summarise the failures and warnings ([`summary`]); mismatches on rows
//! a careful reader had to interpret are told apart by [`judgements`].

pub mod batch;
pub mod cache;
pub mod judgements;
pub mod salvage;
pub mod summary;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use codegen::ir::{Api, ErrorCodeKind, Param};
use serde::Deserialize;

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
}

/// What the oracle says of a product version.
#[derive(Debug, Deserialize)]
pub struct Oracle {
    pub product: String,
    pub version: String,
    pub actions: BTreeMap<String, OracleAction>,
    pub data_types: BTreeMap<String, OracleType>,
    pub error_codes: OracleCodes,
}

#[derive(Debug, Deserialize)]
pub struct OracleAction {
    pub input: Vec<OracleField>,
    pub output: Vec<OracleField>,
    pub errors: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct OracleType {
    pub has_required_column: bool,
    pub fields: Vec<OracleField>,
}

#[derive(Debug, Deserialize)]
pub struct OracleField {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct OracleCodes {
    pub common: Vec<String>,
    pub service: Vec<String>,
}

/// The categories of the report, in print order.
pub const CATEGORIES: &[&str] = &[
    "actions",
    "input fields",
    "output fields",
    "required flags",
    "types",
    "per-action error codes",
    "data types",
    "data-type fields",
    "common codes",
    "service codes",
];

/// What a mismatch belongs to: the page it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The product version itself, or its error codes (the Error Codes page).
    Product,
    /// An action (its own page).
    Action,
    /// A structure (the Data Types page).
    DataType,
}

/// One difference between what the parser read and the oracle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub category: &'static str,
    pub owner_kind: Owner,
    /// The action or structure it concerns; empty for the product's error codes and the
    /// product version itself.
    pub owner: String,
    /// The field, error code, action or structure named; empty when it concerns the
    /// owner as a whole (the order of its fields, its Required column).
    pub item: String,
    /// Whether it was counted in its category's total (order and Required-column
    /// mismatches are not).
    pub tallied: bool,
    pub message: String,
}

/// Matched and total per category, and every mismatch.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub counts: BTreeMap<&'static str, (usize, usize)>,
    pub mismatches: Vec<Mismatch>,
}

impl Report {
    fn tally(&mut self, category: &'static str, ok: bool, at: At, mismatch: impl FnOnce() -> String) {
        let entry = self.counts.entry(category).or_default();
        entry.1 += 1;
        if ok {
            entry.0 += 1;
        } else {
            self.push(category, at, true, mismatch());
        }
    }

    fn push(&mut self, category: &'static str, (owner_kind, owner, item): At, tallied: bool, message: String) {
        let (owner, item) = (owner.to_string(), item.to_string());
        self.mismatches.push(Mismatch { category, owner_kind, owner, item, tallied, message });
    }

    /// Matched and total over every category.
    pub fn score(&self) -> (usize, usize) {
        self.counts.values().fold((0, 0), |(m, t), (matched, total)| (m + matched, t + total))
    }

    pub fn is_perfect(&self) -> bool {
        self.mismatches.is_empty()
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        for category in CATEGORIES {
            let (matched, total) = self.counts.get(category).copied().unwrap_or_default();
            let percent = if total == 0 { 100.0 } else { 100.0 * matched as f64 / total as f64 };
            let _ = writeln!(out, "{category:<24} {matched:>6}/{total:<6} {percent:>6.2}%");
        }
        for m in &self.mismatches {
            let _ = writeln!(out, "mismatch: {}: {}", m.category, m.message);
        }
        out
    }
}

/// What a tallied item belongs to and its name: see [`Mismatch`].
type At<'a> = (Owner, &'a str, &'a str);

/// Compares fields by name (in page order): present in both counts as a match of the
/// field; its type and required flag are compared as categories of their own.
fn compare_fields(
    report: &mut Report,
    category: &'static str,
    (kind, at): (Owner, &str),
    want: &[OracleField],
    got: &[Param],
    required: bool,
) {
    let got_by_name: BTreeMap<&str, &Param> = got.iter().map(|p| (p.name.as_str(), p)).collect();
    let want_names: BTreeSet<&str> = want.iter().map(|f| f.name.as_str()).collect();
    for field in want {
        let found = got_by_name.get(field.name.as_str());
        let place = (kind, at, field.name.as_str());
        report.tally(category, found.is_some(), place, || format!("{at}.{} is missing", field.name));
        let Some(param) = found else { continue };
        report.tally("types", param.doc_type == field.ty, place, || {
            format!("{at}.{}: type `{}`, oracle `{}`", field.name, param.doc_type, field.ty)
        });
        if required {
            let want_required = field.required.unwrap_or(false);
            report.tally("required flags", param.required == want_required, place, || {
                format!("{at}.{}: required {}, oracle {want_required}", field.name, param.required)
            });
        }
    }
    for param in got.iter().filter(|p| !want_names.contains(p.name.as_str())) {
        report.tally(category, false, (kind, at, &param.name), || format!("{at}.{} is not in the oracle", param.name));
    }
    let want_order: Vec<&str> = want.iter().map(|f| f.name.as_str()).collect();
    let got_order: Vec<&str> = got.iter().map(|p| p.name.as_str()).filter(|n| want_names.contains(n)).collect();
    let common_order: Vec<&str> = want_order.iter().copied().filter(|n| got_by_name.contains_key(n)).collect();
    if got_order != common_order {
        report.push(category, (kind, at, ""), false, format!("{at}: order {got_order:?}, oracle {common_order:?}"));
    }
}

/// `owner` is the action the codes belong to, or empty for the product's codes.
fn compare_sets(report: &mut Report, category: &'static str, owner: &str, want: &[String], got: &BTreeSet<&str>) {
    let want_set: BTreeSet<&str> = want.iter().map(String::as_str).collect();
    let kind = if owner.is_empty() { Owner::Product } else { Owner::Action };
    let at = if owner.is_empty() { String::new() } else { format!("{owner}:") };
    for code in &want_set {
        report.tally(category, got.contains(code), (kind, owner, code), || format!("{at}{code} is missing"));
    }
    for code in got.difference(&want_set) {
        report.tally(category, false, (kind, owner, code), || format!("{at}{code} is not in the oracle"));
    }
}

/// Compares an extracted API with an oracle.
pub fn compare(api: &Api, oracle: &Oracle) -> Report {
    let mut report = Report::default();
    if api.product != oracle.product || api.version != oracle.version {
        report.push(
            "actions",
            (Owner::Product, "", ""),
            false,
            format!("product version {} {}, oracle {} {}", api.product, api.version, oracle.product, oracle.version),
        );
    }
    for (name, want) in &oracle.actions {
        let got = api.actions.get(name);
        report.tally("actions", got.is_some(), (Owner::Action, name, name), || format!("{name} is missing"));
        let Some(got) = got else { continue };
        compare_fields(&mut report, "input fields", (Owner::Action, name), &want.input, &got.input, true);
        compare_fields(&mut report, "output fields", (Owner::Action, name), &want.output, &got.output, false);
        let codes: BTreeSet<&str> = got.errors.iter().map(|e| e.code.as_str()).collect();
        compare_sets(&mut report, "per-action error codes", name, &want.errors, &codes);
    }
    for name in api.actions.keys().filter(|n| !oracle.actions.contains_key(*n)) {
        report.tally("actions", false, (Owner::Action, name, name), || format!("{name} is not in the oracle"));
    }
    for (name, want) in &oracle.data_types {
        let got = api.data_types.get(name);
        report.tally("data types", got.is_some(), (Owner::DataType, name, name), || format!("{name} is missing"));
        let Some(got) = got else { continue };
        if got.has_required_column != want.has_required_column {
            report.push(
                "data types",
                (Owner::DataType, name, ""),
                false,
                format!("{name}: Required column {}, oracle {}", got.has_required_column, want.has_required_column),
            );
        }
        compare_fields(
            &mut report,
            "data-type fields",
            (Owner::DataType, name),
            &want.fields,
            &got.fields,
            want.has_required_column,
        );
    }
    for name in api.data_types.keys().filter(|n| !oracle.data_types.contains_key(*n)) {
        report.tally("data types", false, (Owner::DataType, name, name), || format!("{name} is not in the oracle"));
    }
    for (kind, category, want) in [
        (ErrorCodeKind::Common, "common codes", &oracle.error_codes.common),
        (ErrorCodeKind::Service, "service codes", &oracle.error_codes.service),
    ] {
        let got: BTreeSet<&str> = api
            .error_codes
            .iter()
            .filter(|(_, i)| i.kind == kind || (kind == ErrorCodeKind::Service && i.also_service))
            .map(|(c, _)| c.as_str())
            .collect();
        compare_sets(&mut report, category, "", want, &got);
    }
    report
}

/// Runs the comparison the arguments ask for and prints the report; Ok(true) when
/// everything matches (or `--report-only` was given).
pub fn run(args: &ConformanceArgs) -> Result<bool> {
    let perfect = match (&args.docs, &args.oracle) {
        (Some(docs), Some(oracle)) => run_one(docs, oracle)?,
        _ => batch::run(args)?,
    };
    if !perfect && args.report_only {
        println!("conformance: --report-only: the report does not fail the run");
    }
    Ok(perfect || args.report_only)
}

/// Loads the docs (one product version) and the oracle, prints the report; Ok(true) when
/// everything matches.
fn run_one(docs: &Path, oracle: &Path) -> Result<bool> {
    let oracle_data = load_oracle(oracle)?;
    let api = load_api(docs)?;
    let report = compare(&api, &oracle_data);
    println!("conformance of {} against {}", docs.display(), oracle.display());
    print!("{}", report.render());
    if report.is_perfect() {
        println!("conformance: everything matches");
    } else {
        println!("conformance: {} mismatches", report.mismatches.len());
    }
    Ok(report.is_perfect())
}

pub fn load_oracle(path: &Path) -> Result<Oracle> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read the oracle", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{}: not an oracle file", path.display()))
}

/// The IR of the one product version under `docs`.
pub fn load_api(docs: &Path) -> Result<Api> {
    if !docs.is_dir() {
        bail!("{}: no such docs folder", docs.display());
    }
    let loaded = codegen::lower::load_docs(docs)?;
    let mut apis = loaded.apis.into_iter();
    match (apis.next(), apis.next()) {
        (Some(api), None) => Ok(api),
        (None, _) => bail!("{}: no pages", docs.display()),
        (Some(_), Some(_)) => bail!("{}: more than one product version; name one version's folder", docs.display()),
    }
}
