//! Checking one unit against its oracle. When `load_docs` fails on a folder, the folder is
//! read page by page ([`crate::salvage`]) to say which pages fail and why, and what the
//! readable pages give is still compared with the oracle; the mismatches are then sorted
//! into those on unread pages, judged ones and failing ones.

use std::collections::BTreeSet;
use std::path::Path;

use codegen::ir::Api;

use crate::compare::compare;
use crate::failure::folder_failure;
use crate::judgements::{self, Verdict};
use crate::oracle::{load_oracle, Oracle};
use crate::report::{Owner, Report};
use crate::salvage;
use crate::unit::{Outcome, Unit, ORACLE};

/// An API with nothing in it: what a folder nobody could read gives.
fn empty_api(oracle: &Oracle) -> Api {
    Api {
        generated: String::new(),
        product: oracle.product.clone(),
        version: oracle.version.clone(),
        rust_module: String::new(),
        rust_version_module: String::new(),
        actions: Default::default(),
        data_types: Default::default(),
        error_codes: Default::default(),
    }
}

/// Counts the files of a folder by extension, for "no pages" messages: ` (22 .md files)`.
fn files_by_extension(docs: &Path) -> String {
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for entry in std::fs::read_dir(docs).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_file() && path.file_name().is_some_and(|n| n != ORACLE && !n.to_string_lossy().starts_with('.')) {
            let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
            *counts.entry(ext).or_default() += 1;
        }
    }
    let parts: Vec<String> = counts.iter().map(|(ext, n)| format!("{n} {ext} files")).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// Checks one unit against its oracle.
pub fn check(unit: &Unit) -> Outcome {
    let mut outcome = Outcome {
        unit: unit.clone(),
        read_whole: false,
        read_some: false,
        failures: Vec::new(),
        report: Report::default(),
        failing: Vec::new(),
        judged: Vec::new(),
        unread: Vec::new(),
        warnings: Vec::new(),
    };
    let oracle = match load_oracle(&unit.docs.join(ORACLE)) {
        Ok(oracle) => oracle,
        Err(e) => {
            outcome.failures.push(folder_failure("oracle unreadable", &format!(": {e:#}")));
            return outcome;
        }
    };
    let read = match codegen::load_docs(&unit.docs) {
        Ok(loaded) => match loaded.apis.len() {
            1 => {
                outcome.read_whole = true;
                Some((loaded.apis.into_iter().next().expect("one API"), loaded.warnings))
            }
            0 => {
                let detail = files_by_extension(&unit.docs);
                outcome.failures.push(folder_failure("no pages: no file the parser reads as a page", &detail));
                None
            }
            n => {
                let detail = format!(" ({n})");
                outcome.failures.push(folder_failure("more than one product version in the folder", &detail));
                None
            }
        },
        Err(e) => {
            let (read, failures) = salvage::salvage(&unit.docs, &e);
            outcome.failures = failures;
            read
        }
    };
    let api = match read {
        Some((api, warnings)) => {
            outcome.read_some = true;
            outcome.warnings = warnings;
            api
        }
        None => empty_api(&oracle),
    };
    outcome.report = compare(&api, &oracle);
    sort_mismatches(&mut outcome, &oracle);
    outcome
}

/// The structures the oracle's actions `read` use, directly or through other structures.
fn structures_used(oracle: &Oracle, read: impl Fn(&str) -> bool) -> BTreeSet<&str> {
    let name_of = |ty: &str| ty.strip_prefix("Array of ").unwrap_or(ty).trim().to_string();
    let mut todo: Vec<String> = oracle
        .actions
        .iter()
        .filter(|(name, _)| read(name))
        .flat_map(|(_, a)| a.input.iter().chain(&a.output))
        .map(|f| name_of(&f.ty))
        .collect();
    let mut used = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if let Some((key, data_type)) = oracle.data_types.get_key_value(name.as_str()) {
            if used.insert(key.as_str()) {
                todo.extend(data_type.fields.iter().map(|f| name_of(&f.ty)));
            }
        }
    }
    used
}

/// Splits the mismatches: on pages that could not be read, judged, or failing.
///
/// A mismatch lies on an unread page when it concerns an action whose page failed, a
/// structure when the Data Types page failed or when only actions whose pages failed use
/// it (the parser keeps only the structures the actions it read use), the Error Codes
/// page's codes when it failed, or an error code that only unread actions list.
fn sort_mismatches(outcome: &mut Outcome, oracle: &Oracle) {
    let stem = |page: &str| page.rsplit_once('.').map_or(page, |(stem, _)| stem).to_string();
    let unread_pages: BTreeSet<String> = outcome.failures.iter().map(|f| stem(&f.page)).collect();
    let action_read = |name: &str| !unread_pages.contains(name);
    let used = structures_used(oracle, action_read);
    let unread_codes: BTreeSet<&str> = oracle
        .actions
        .iter()
        .filter(|(name, _)| !action_read(name))
        .flat_map(|(_, a)| a.errors.iter().map(String::as_str))
        .collect();
    let read_codes: BTreeSet<&str> = oracle
        .actions
        .iter()
        .filter(|(name, _)| action_read(name))
        .flat_map(|(_, a)| a.errors.iter().map(String::as_str))
        .collect();
    for mismatch in std::mem::take(&mut outcome.report.mismatches) {
        let missing = mismatch.message.ends_with(" is missing");
        let unread = !outcome.read_some
            || match mismatch.owner_kind {
                Owner::Action => !action_read(&mismatch.owner),
                Owner::DataType => {
                    unread_pages.contains("DataTypes")
                        || oracle.data_types.contains_key(&mismatch.owner) && !used.contains(mismatch.owner.as_str())
                }
                Owner::Product => {
                    matches!(mismatch.category, "common codes" | "service codes")
                        && (unread_pages.contains("ErrorCodes")
                            || missing
                                && unread_codes.contains(mismatch.item.as_str())
                                && !read_codes.contains(mismatch.item.as_str()))
                }
            };
        if unread {
            outcome.unread.push(mismatch.clone());
        } else {
            match judgements::verdict(&outcome.unit.judgements, &outcome.warnings, &mismatch) {
                Verdict::Judged(j) => outcome.judged.push((mismatch.clone(), j.clone())),
                Verdict::Unwarned(j) => {
                    let mut mismatch = mismatch.clone();
                    let note = format!(" (judged row {} `{}`, but the parser gave no warning there)", j.page, j.row);
                    mismatch.message.push_str(&note);
                    outcome.failing.push(mismatch);
                }
                Verdict::None => outcome.failing.push(mismatch.clone()),
            }
        }
        outcome.report.mismatches.push(mismatch);
    }
}
