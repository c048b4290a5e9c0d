//! The report of a metamorphic run: a row per folder and kind (pages tried, pages equal,
//! failures, the first difference), then a row per kind over every folder.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::kind::Kind;
use super::{FolderOutcome, KindOutcome};

fn cell(text: &str, max: usize) -> String {
    let text = text.replace('\n', " ").replace('|', "\\|");
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max.saturating_sub(1)).collect::<String>())
    } else {
        text
    }
}

/// The first difference of a kind on a folder: `page: path: a vs b`.
fn first(outcome: &KindOutcome) -> String {
    outcome.failures.iter().find_map(|f| f.what.first().map(|w| format!("{}: {w}", f.page))).unwrap_or_default()
}

/// Per kind over all folders: folders tried (with a page to vary), folders passing, pages
/// tried, pages equal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindTotal {
    /// Folders the kind was tried on.
    pub folders: usize,
    /// Of those, the folders where every page tried gave the same IR.
    pub passing: usize,
    /// Folders whose form the kind cannot apply to.
    pub skipped: usize,
    /// Folders with no page the kind changes (no Error Codes page, no domain line, …).
    pub nothing: usize,
    /// Pages tried.
    pub tried: usize,
    /// Pages that gave the same IR.
    pub equal: usize,
}

/// The totals per kind, in kind order.
pub fn totals(outcomes: &[FolderOutcome]) -> BTreeMap<Kind, KindTotal> {
    let mut totals: BTreeMap<Kind, KindTotal> = BTreeMap::new();
    for o in outcomes.iter().flat_map(|f| &f.kinds) {
        let t = totals.entry(o.kind).or_default();
        if o.skipped.is_some() {
            t.skipped += 1;
            continue;
        }
        if o.tried == 0 && o.passes() {
            t.nothing += 1;
            continue;
        }
        t.folders += 1;
        t.passing += usize::from(o.passes());
        t.tried += o.tried;
        t.equal += o.equal;
    }
    totals
}

/// The kinds that pass on every folder they were tried on (and were tried somewhere).
pub fn passing_kinds(outcomes: &[FolderOutcome]) -> Vec<Kind> {
    let broken = outcomes.iter().any(|f| f.error.is_some());
    totals(outcomes)
        .into_iter()
        .filter(|(_, t)| !broken && t.folders > 0 && t.passing == t.folders)
        .map(|(k, _)| k)
        .collect()
}

/// The whole report (markdown tables); `details` lists every failing page's differences.
pub fn render(outcomes: &[FolderOutcome], details: bool) -> String {
    let mut out = String::from("| folder | kind | tried | equal | failures | new warnings | first difference |\n");
    out.push_str("| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
    for f in outcomes {
        if let Some(e) = &f.error {
            let _ = writeln!(out, "| {} | (all) | 0 | 0 | 1 | 0 | UNUSABLE: {} |", f.folder, cell(e, 120));
            continue;
        }
        for o in &f.kinds {
            if let Some(why) = &o.skipped {
                let _ = writeln!(out, "| {} | {} | - | - | - | - | skipped: {} |", f.folder, o.kind, cell(why, 120));
                continue;
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                f.folder,
                o.kind,
                o.tried,
                o.equal,
                o.failures.len(),
                o.new_warnings,
                cell(&first(o), 140)
            );
        }
    }
    if details {
        out.push_str("\nDifferences per failing page (at most 5 each):\n");
        for o in outcomes.iter().flat_map(|f| &f.kinds) {
            for failure in &o.failures {
                let _ = writeln!(out, "  {} [{}] {}", o.folder, o.kind, failure.page);
                for what in failure.what.iter().take(5) {
                    let _ = writeln!(out, "      {}", cell(what, 220));
                }
                if failure.what.len() > 5 {
                    let _ = writeln!(out, "      … {} more", failure.what.len() - 5);
                }
            }
        }
    }
    out.push_str("\n== metamorphic summary\n\n");
    out.push_str(
        "| kind | folders tried | folders passing | skipped (form) | nothing to vary | pages tried | pages equal |\n",
    );
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (kind, t) in totals(outcomes) {
        let _ = writeln!(out, "| {kind} | {} | {} | {} | {} | {} |", t.folders, t.passing, t.skipped, t.tried, t.equal);
    }
    let passing: Vec<&str> = passing_kinds(outcomes).into_iter().map(Kind::name).collect();
    let _ = writeln!(
        out,
        "\nmetamorphic: kinds passing on every folder: {}",
        if passing.is_empty() { "none".to_string() } else { passing.join(", ") }
    );
    out
}
