//! `judgements.tsv`: rows of real pages that a careful reader had to interpret (a row
//! with five cells, Type and Required swapped, a Required word of another language…),
//! with what the oracle takes them to mean. A parser may read such a row otherwise if it
//! says why.
//!
//! The rule: a mismatch is **judged** (reported apart, not a failure) when
//! - it concerns the page and row of a judgement: the page is the action's own
//!   (`<Action>.<ext>`: its fields, required flags, types and error codes), the Data Types
//!   page (structure fields) or the Error Codes page (the product's codes), and the field
//!   or code is the row's name (a field's name compared without its `.N` or broken
//!   suffix: `SecurityGroupIds.아니요` is `SecurityGroupIds`), and
//! - the parser gave a warning for that page at that row's line (`Loaded.warnings`).
//!
//! Without that warning the mismatch fails like any other (and says that it had a
//! judgement but no warning).
//!
//! A row that gives no line and name (`error table row 10`, say) concerns the mismatches
//! of its page on an empty name (an empty row read as a field or code), and any warning
//! on that page stands for it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use codegen::Warning;

use crate::paths::workspace_root;
use crate::report::{Mismatch, Owner};

/// The file name judgement tables have.
pub const FILE_NAME: &str = "judgements.tsv";

/// The project's own table (`conformance/judgements.tsv`): rows of real pages that this parser
/// reads otherwise than the oracle beside them, each with why. Its `file` column is
/// relative to `../shared` (`real/md-history/en/billing/2018-07-09/X.md`), and a row
/// applies to a checked folder whose path ends with the file's folder, wherever the data
/// lies; its line is where the parser says why (the row's own line, or the heading it is
/// read under). The same rule holds as for the data's own tables: without the parser's
/// warning at that line the mismatch fails.
pub fn project() -> Result<Vec<Judgement>> {
    load_from(&workspace_root().join("conformance").join(FILE_NAME), Path::new(""))
}

/// One row of a judgements table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// The folder of the page (absolute or as found).
    pub folder: PathBuf,
    /// The page's file name (`DescribeKeyPairs.md`).
    pub page: String,
    /// The row as the table gives it (`L21 Month`, `error table row 10`).
    pub row: String,
    /// The row's line (`L21`), when the row gives it.
    pub line: Option<u32>,
    /// The name in the row's first cell (a field or code; empty when the row gives none).
    pub name: String,
    /// What the oracle takes the row to mean (`dropped`, `output field`, a type…).
    pub decision: String,
    /// Why a reader had to interpret the row.
    pub why: String,
    /// The kind of the judgement (`row-shape`, `type`…).
    pub kind: String,
}

/// Reads a judgements table; its `file` column is relative to the table's folder. Rows
/// that cannot be read are left out with a notice on stderr.
pub fn load(path: &Path) -> Result<Vec<Judgement>> {
    load_from(path, path.parent().unwrap_or(Path::new("")))
}

/// Reads a judgements table whose `file` column is relative to `base`.
fn load_from(path: &Path, base: &Path) -> Result<Vec<Judgement>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let parsed = (|| {
            let [file, row, decision, why, kind] = cells.as_slice() else { return None };
            let (line_no, name) = row
                .strip_prefix('L')
                .and_then(|r| r.split_once(' '))
                .and_then(|(n, name)| Some((Some(n.parse().ok()?), name.trim())))
                .unwrap_or((None, ""));
            let file = Path::new(file);
            Some(Judgement {
                folder: base.join(file.parent()?),
                page: file.file_name()?.to_string_lossy().into_owned(),
                row: row.to_string(),
                line: line_no,
                name: name.to_string(),
                decision: decision.to_string(),
                why: why.to_string(),
                kind: kind.to_string(),
            })
        })();
        match parsed {
            Some(judgement) => out.push(judgement),
            None => eprintln!(
                "notice: {}:{}: not a judgement row (`file<TAB>row<TAB>decision<TAB>why<TAB>kind`): left out",
                path.display(),
                i + 1
            ),
        }
    }
    Ok(out)
}

/// Whether the judgement is about a page of `docs`: the same folder, or (a row of the
/// project's table, whose folder is relative) a folder whose path ends with it.
pub fn applies_to(judgement: &Judgement, docs: &Path) -> bool {
    judgement.folder == docs || (judgement.folder.is_relative() && docs.ends_with(&judgement.folder))
}

/// A field's name without its `.N` (or broken) suffix.
fn base_name(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

fn stem(page: &str) -> &str {
    page.rsplit_once('.').map_or(page, |(stem, _)| stem)
}

/// Whether the mismatch concerns the judgement's row (the first half of the rule).
pub fn concerns(judgement: &Judgement, mismatch: &Mismatch) -> bool {
    let page = stem(&judgement.page);
    let codes = matches!(mismatch.category, "per-action error codes" | "common codes" | "service codes");
    let same_item = if judgement.line.is_none() {
        mismatch.item.trim().is_empty() && !mismatch.message.contains(": order ")
    } else if codes {
        mismatch.item.trim() == judgement.name.trim()
    } else {
        !mismatch.item.is_empty() && base_name(&mismatch.item) == base_name(&judgement.name)
    };
    let same_page = match mismatch.owner_kind {
        Owner::Action => mismatch.owner == page,
        Owner::DataType => page == "DataTypes",
        Owner::Product => page == "ErrorCodes",
    };
    same_item && same_page
}

/// Whether the parser warned at the judgement's row (the second half of the rule).
pub fn warned(judgement: &Judgement, warnings: &[Warning]) -> bool {
    warnings.iter().any(|w| {
        judgement.line.is_none_or(|line| w.line == line)
            && Path::new(&w.file).file_name().is_some_and(|n| *n == *judgement.page)
    })
}

/// How a mismatch stands against the judgements of its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict<'a> {
    /// No judgement concerns it.
    None,
    /// Judged: a judgement concerns it and the parser warned at that row.
    Judged(&'a Judgement),
    /// A judgement concerns it but the parser gave no warning there: still a failure.
    Unwarned(&'a Judgement),
}

/// What the judgements say of a mismatch, given the parser's warnings.
pub fn verdict<'a>(judgements: &'a [Judgement], warnings: &[Warning], mismatch: &Mismatch) -> Verdict<'a> {
    let mut unwarned = None;
    for j in judgements.iter().filter(|j| concerns(j, mismatch)) {
        if warned(j, warnings) {
            return Verdict::Judged(j);
        }
        unwarned.get_or_insert(j);
    }
    unwarned.map_or(Verdict::None, Verdict::Unwarned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judgement(page: &str, line: u32, name: &str) -> Judgement {
        Judgement {
            folder: PathBuf::from("md/ko/as/2018-04-19"),
            page: page.to_string(),
            row: format!("L{line} {name}"),
            line: Some(line),
            name: name.to_string(),
            decision: String::new(),
            why: String::new(),
            kind: String::new(),
        }
    }

    fn mismatch(category: &'static str, owner: &str, item: &str) -> Mismatch {
        let owner_kind = match category {
            "data-type fields" => Owner::DataType,
            "common codes" | "service codes" => Owner::Product,
            _ if owner.starts_with("Struct") => Owner::DataType,
            _ => Owner::Action,
        };
        Mismatch { category, owner_kind, owner: owner.into(), item: item.into(), tallied: true, message: String::new() }
    }

    fn warning(file: &str, line: u32) -> Warning {
        Warning { file: file.to_string(), line, message: "row read otherwise".to_string() }
    }

    #[test]
    fn a_judged_row_needs_its_page_its_field_and_a_warning_at_its_line() {
        let j = vec![judgement("CreateLaunchConfiguration.md", 35, "SecurityGroupIds.아니요")];
        let missing = mismatch("input fields", "CreateLaunchConfiguration", "SecurityGroupIds");
        let extra = mismatch("input fields", "CreateLaunchConfiguration", "SecurityGroupIds.아니요");
        let warned = [warning("x/md/ko/as/2018-04-19/CreateLaunchConfiguration.md", 35)];
        assert_eq!(verdict(&j, &warned, &missing), Verdict::Judged(&j[0]));
        assert_eq!(verdict(&j, &warned, &extra), Verdict::Judged(&j[0]));
        // No warning, or one at another line or page: not judged.
        assert_eq!(verdict(&j, &[], &missing), Verdict::Unwarned(&j[0]));
        assert_eq!(verdict(&j, &[warning("CreateLaunchConfiguration.md", 36)], &missing), Verdict::Unwarned(&j[0]));
        assert_eq!(verdict(&j, &[warning("Other.md", 35)], &missing), Verdict::Unwarned(&j[0]));
        // Another action, another field, another category.
        assert_eq!(verdict(&j, &warned, &mismatch("input fields", "Other", "SecurityGroupIds")), Verdict::None);
        assert_eq!(verdict(&j, &warned, &mismatch("types", "CreateLaunchConfiguration", "ImageId")), Verdict::None);
        let struct_field = mismatch("data-type fields", "StructX", "SecurityGroupIds");
        assert_eq!(verdict(&j, &warned, &struct_field), Verdict::None);
    }

    #[test]
    fn data_types_and_error_codes_pages() {
        let j = vec![judgement("DataTypes.md", 127, "LoadBalancerId"), judgement("ErrorCodes.md", 40, "Bad.Code.")];
        let warnings = [warning("DataTypes.md", 127), warning("ErrorCodes.md", 40)];
        let field = mismatch("required flags", "StructForwardLb", "LoadBalancerId");
        assert_eq!(verdict(&j, &warnings, &field), Verdict::Judged(&j[0]));
        // The same field of an action is on the action's page: not this judgement's.
        let action_field = mismatch("required flags", "CreateLb", "LoadBalancerId");
        assert_eq!(verdict(&j, &warnings, &action_field), Verdict::None);
        let code = mismatch("service codes", "", "Bad.Code.");
        assert_eq!(verdict(&j, &warnings, &code), Verdict::Judged(&j[1]));
        assert_eq!(verdict(&j, &warnings, &mismatch("service codes", "", "Bad.Code")), Verdict::None);
    }

    #[test]
    fn a_row_without_line_concerns_empty_names_and_any_warning_of_its_page() {
        let mut j = judgement("DeleteKeyPairs.html", 0, "");
        j.line = None;
        let j = vec![j];
        let empty = mismatch("per-action error codes", "DeleteKeyPairs", "");
        assert_eq!(verdict(&j, &[warning("DeleteKeyPairs.html", 99)], &empty), Verdict::Judged(&j[0]));
        assert_eq!(verdict(&j, &[], &empty), Verdict::Unwarned(&j[0]));
        let named = mismatch("per-action error codes", "DeleteKeyPairs", "AuthFailure");
        assert_eq!(verdict(&j, &[warning("DeleteKeyPairs.html", 99)], &named), Verdict::None);
    }

    #[test]
    fn reads_a_table() {
        let dir = test_support::Scratch::new("judgements");
        dir.write(
            "md/judgements.tsv",
            "file\trow\tdecision\twhy\tkind\nen/x/2020-01-01/A.md\tL21 Month\tdropped\tleading ||\trow-shape\n",
        );
        let rows = load(&dir.path().join("md/judgements.tsv")).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].folder, dir.path().join("md/en/x/2020-01-01"));
        assert_eq!((rows[0].page.as_str(), rows[0].line, rows[0].name.as_str()), ("A.md", Some(21), "Month"));
        dir.write("other.tsv", "file\trow\tdecision\twhy\tkind\nx/A.html\terror table row 10\tskipped\ty\tz\nA\tB\n");
        let rows = load(&dir.path().join("other.tsv")).unwrap();
        assert_eq!(rows.len(), 1, "the row of two cells is left out");
        assert_eq!((rows[0].line, rows[0].name.as_str(), rows[0].row.as_str()), (None, "", "error table row 10"));
    }
}
