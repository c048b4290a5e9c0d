//! What the parser read (the IR of a product version) against the oracle, item by item.

use std::collections::{BTreeMap, BTreeSet};

use codegen::ir::{Api, ErrorCodeKind, Param};

use crate::oracle::{Oracle, OracleField};
use crate::report::{Owner, Report};

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
