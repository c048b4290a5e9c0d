//! `cargo xtask pagination`: which actions get a paginator, per style, and which look
//! paginated (their inputs name a page position) but were not recognised, and why; and
//! which actions get a waiter (`…_until_done`), on which state values. The README's counts
//! come from here. (A report on what codegen's `lower::pagination` recognises, hence the
//! module's name: the command keeps its name, `pagination`.)

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;

#[derive(Debug, Clone, clap::Args)]
pub struct PaginationArgs {
    /// Docs folders (`<product>/<version>/` folders, or one product version's pages).
    /// Defaults to `docs-src/`.
    #[arg(long = "docs", value_name = "DIR")]
    pub docs: Vec<PathBuf>,
    /// List every paginated action too (not only the counts and the unrecognised).
    #[arg(long)]
    pub list: bool,
}

/// What the report counts.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub product_versions: usize,
    pub actions: usize,
    /// Style → paginated actions (`vpc 2017-03-12 DescribeAddresses`).
    pub paginated: BTreeMap<&'static str, Vec<String>>,
    /// Actions that look paginated but get no paginator, with why.
    pub unrecognised: Vec<(String, String)>,
    /// Actions that get a waiter, with their state output and its done / failed values.
    pub waiters: Vec<(String, String)>,
    /// How many of them wait on resources (the rest on work).
    pub resource_waiters: usize,
}

/// The report over the product versions of `docs`.
pub fn report(docs: &[PathBuf]) -> Result<Report> {
    let mut report = Report::default();
    for dir in docs {
        let loaded = codegen::load_docs(dir)?;
        for api in &loaded.apis {
            report.product_versions += 1;
            for action in api.actions.values() {
                report.actions += 1;
                let name = format!("{} {} {}", api.product, api.version, action.name);
                if let Some(p) = &action.pagination {
                    report.paginated.entry(p.style.name()).or_default().push(name.clone());
                } else if let Some(why) = codegen::why_no_paginator(action) {
                    report.unrecognised.push((name.clone(), why));
                }
                if let Some(w) = &action.waiter {
                    report.resource_waiters += usize::from(w.items.is_some());
                    report.waiters.push((name, w.summary()));
                }
            }
        }
    }
    Ok(report)
}

pub fn run(args: &PaginationArgs) -> Result<()> {
    let docs = if args.docs.is_empty() { vec![crate::default_docs()] } else { args.docs.clone() };
    let report = report(&docs)?;
    let paginated: usize = report.paginated.values().map(Vec::len).sum();
    println!(
        "pagination: {paginated} of {} actions get a paginator ({} product versions); {} look paginated but were not recognised",
        report.actions,
        report.product_versions,
        report.unrecognised.len()
    );
    for (style, actions) in &report.paginated {
        println!("  {style}: {}", actions.len());
        if args.list {
            for action in actions {
                println!("    {action}");
            }
        }
    }
    if !report.unrecognised.is_empty() {
        println!("not recognised:");
        for (action, why) in &report.unrecognised {
            println!("  {action}: {why}");
        }
    }
    let resources = report.resource_waiters;
    println!(
        "waiters: {} actions ({} on work, {resources} on resources)",
        report.waiters.len(),
        report.waiters.len() - resources
    );
    for (action, states) in &report.waiters {
        println!("  {action} ({states})");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_golden_pages_have_one_offset_and_one_token_paginator() {
        let report = report(&[crate::golden_docs()]).unwrap();
        assert_eq!(report.paginated["offset"], ["demo 2020-01-01 DescribeItems"]);
        assert_eq!(report.paginated["token"], ["demo 2020-01-01 ListItems"]);
        assert_eq!(report.paginated.len(), 2);
        // `EdgeCases` has a `Limit` but no position: not paginated, and not reported.
        assert!(report.unrecognised.is_empty(), "{:?}", report.unrecognised);
        assert_eq!(report.resource_waiters, 1);
        let waiters: Vec<(&str, &str)> = report.waiters.iter().map(|(a, s)| (a.as_str(), s.as_str())).collect();
        assert_eq!(
            waiters,
            [
                ("demo 2020-01-01 DescribeMachines", "MachineSet[].MachineState: failed LAUNCH_FAILED"),
                ("demo 2020-01-01 DescribeTaskResult", "Status: done SUCCESS; failed FAILED"),
            ]
        );
    }
}
