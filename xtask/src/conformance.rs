//! `cargo xtask conformance --docs DIR --oracle FILE`: what the parser extracts from a
//! product version's pages, compared with an `oracle.json` saying what a faithful parser
//! must extract (format: `../shared/corpus/README.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use codegen::ir::{Api, ErrorCodeKind, Param};
use serde::Deserialize;

#[derive(Debug, Clone, clap::Args)]
pub struct ConformanceArgs {
    /// Folder holding the pages of one product version.
    #[arg(long, value_name = "DIR")]
    pub docs: PathBuf,
    /// The oracle JSON file.
    #[arg(long, value_name = "FILE")]
    pub oracle: PathBuf,
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

/// Matched and total per category, and every mismatch.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub counts: BTreeMap<&'static str, (usize, usize)>,
    pub mismatches: Vec<(&'static str, String)>,
}

impl Report {
    fn tally(&mut self, category: &'static str, ok: bool, mismatch: impl FnOnce() -> String) {
        let entry = self.counts.entry(category).or_default();
        entry.1 += 1;
        if ok {
            entry.0 += 1;
        } else {
            self.mismatches.push((category, mismatch()));
        }
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
        for (category, mismatch) in &self.mismatches {
            let _ = writeln!(out, "mismatch: {category}: {mismatch}");
        }
        out
    }
}

/// Compares fields by name (in page order): present in both counts as a match of the
/// field; its type and required flag are compared as categories of their own.
fn compare_fields(
    report: &mut Report,
    category: &'static str,
    at: &str,
    want: &[OracleField],
    got: &[Param],
    required: bool,
) {
    let got_by_name: BTreeMap<&str, &Param> = got.iter().map(|p| (p.name.as_str(), p)).collect();
    let want_names: BTreeSet<&str> = want.iter().map(|f| f.name.as_str()).collect();
    for field in want {
        let found = got_by_name.get(field.name.as_str());
        report.tally(category, found.is_some(), || format!("{at}.{} is missing", field.name));
        let Some(param) = found else { continue };
        report.tally("types", param.doc_type == field.ty, || {
            format!("{at}.{}: type `{}`, oracle `{}`", field.name, param.doc_type, field.ty)
        });
        if required {
            let want_required = field.required.unwrap_or(false);
            report.tally("required flags", param.required == want_required, || {
                format!("{at}.{}: required {}, oracle {want_required}", field.name, param.required)
            });
        }
    }
    for param in got.iter().filter(|p| !want_names.contains(p.name.as_str())) {
        report.tally(category, false, || format!("{at}.{} is not in the oracle", param.name));
    }
    let want_order: Vec<&str> = want.iter().map(|f| f.name.as_str()).collect();
    let got_order: Vec<&str> = got.iter().map(|p| p.name.as_str()).filter(|n| want_names.contains(n)).collect();
    let common_order: Vec<&str> = want_order.iter().copied().filter(|n| got_by_name.contains_key(n)).collect();
    if got_order != common_order {
        report.mismatches.push((category, format!("{at}: order {got_order:?}, oracle {common_order:?}")));
    }
}

fn compare_sets(report: &mut Report, category: &'static str, at: &str, want: &[String], got: &BTreeSet<&str>) {
    let want_set: BTreeSet<&str> = want.iter().map(String::as_str).collect();
    for code in &want_set {
        report.tally(category, got.contains(code), || format!("{at}{code} is missing"));
    }
    for code in got.difference(&want_set) {
        report.tally(category, false, || format!("{at}{code} is not in the oracle"));
    }
}

/// Compares an extracted API with an oracle.
pub fn compare(api: &Api, oracle: &Oracle) -> Report {
    let mut report = Report::default();
    if api.product != oracle.product || api.version != oracle.version {
        report.mismatches.push((
            "actions",
            format!("product version {} {}, oracle {} {}", api.product, api.version, oracle.product, oracle.version),
        ));
    }
    for (name, want) in &oracle.actions {
        let got = api.actions.get(name);
        report.tally("actions", got.is_some(), || format!("{name} is missing"));
        let Some(got) = got else { continue };
        compare_fields(&mut report, "input fields", name, &want.input, &got.input, true);
        compare_fields(&mut report, "output fields", name, &want.output, &got.output, false);
        let codes: BTreeSet<&str> = got.errors.iter().map(|e| e.code.as_str()).collect();
        compare_sets(&mut report, "per-action error codes", &format!("{name}:"), &want.errors, &codes);
    }
    for name in api.actions.keys().filter(|n| !oracle.actions.contains_key(*n)) {
        report.tally("actions", false, || format!("{name} is not in the oracle"));
    }
    for (name, want) in &oracle.data_types {
        let got = api.data_types.get(name);
        report.tally("data types", got.is_some(), || format!("{name} is missing"));
        let Some(got) = got else { continue };
        if got.has_required_column != want.has_required_column {
            report.mismatches.push((
                "data types",
                format!("{name}: Required column {}, oracle {}", got.has_required_column, want.has_required_column),
            ));
        }
        compare_fields(&mut report, "data-type fields", name, &want.fields, &got.fields, want.has_required_column);
    }
    for name in api.data_types.keys().filter(|n| !oracle.data_types.contains_key(*n)) {
        report.tally("data types", false, || format!("{name} is not in the oracle"));
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

/// Loads the docs (one product version) and the oracle, prints the report; Ok(true) when
/// everything matches.
pub fn run(args: &ConformanceArgs) -> Result<bool> {
    let oracle = load_oracle(&args.oracle)?;
    let api = load_api(&args.docs)?;
    let report = compare(&api, &oracle);
    println!("conformance of {} against {}", args.docs.display(), args.oracle.display());
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
