//! The report of a batch run: a line per folder, then the summary (per form, failure
//! classes, mismatch categories, judged rows, warnings), as markdown-friendly tables.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::class::{normalise, truncate};
use crate::report::CATEGORIES;
use crate::unit::Outcome;

/// The rule for judged rows, as the report states it.
pub const JUDGED_RULE: &str = "a mismatch on a row listed in a judgements.tsv (the same page, the same field or \
code, a field's `.N` or broken suffix aside) is judged, not failed, only when the parser gave a warning for that \
page at that row's line (a row giving no line: any warning on that page); without the warning it fails like any \
other";

/// What to print besides the lines and the summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Every failure and mismatch under its folder's line.
    pub details: bool,
    /// The table of warnings per kind.
    pub warnings: bool,
}

/// A table cell: no line breaks, `|` escaped.
fn cell(text: &str) -> String {
    truncate(&text.replace('\n', " ").replace('|', "\\|"), 180)
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// The line of one folder: form, product version, percentage, actions, what failed.
pub fn line(outcome: &Outcome) -> String {
    let (found, actions) = outcome.actions();
    let mut out = format!(
        "{:<18} {:<34} {:>7.2}%  actions {found:>4}/{actions:<4}",
        outcome.unit.form,
        outcome.unit.label,
        outcome.percent()
    );
    let consequences = outcome.failures.iter().filter(|f| f.consequence).count();
    if outcome.failures.len() > consequences {
        let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
        for f in outcome.failures.iter().filter(|f| !f.consequence) {
            *classes.entry(f.class.as_str()).or_default() += 1;
        }
        let mut classes: Vec<_> = classes.into_iter().collect();
        classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let listed: Vec<String> = classes.iter().take(3).map(|(c, n)| format!("{} ×{n}", truncate(c, 60))).collect();
        let more = if classes.len() > 3 { format!(", {} more classes", classes.len() - 3) } else { String::new() };
        let _ = write!(out, "  UNREAD {}: {}{more}", outcome.failures.len() - consequences, listed.join(", "));
    }
    if consequences > 0 {
        let _ = write!(out, "  +{consequences} pages using structures left out");
    }
    if !outcome.failing.is_empty() {
        let _ = write!(out, "  MISMATCHES {}", outcome.failing.len());
    }
    if !outcome.judged.is_empty() {
        let _ = write!(out, "  judged {}", outcome.judged.len());
    }
    out
}

/// Every failure and mismatch of a folder, indented.
pub fn details(outcome: &Outcome) -> String {
    let mut out = String::new();
    for f in &outcome.failures {
        let _ = writeln!(out, "    unread: {}: {}", f.place(), f.what);
    }
    for m in &outcome.failing {
        let _ = writeln!(out, "    mismatch: {}: {}", m.category, m.message);
    }
    for (m, j) in &outcome.judged {
        let _ = writeln!(out, "    judged: {}: {} ({} `{}`: {})", m.category, m.message, j.page, j.row, j.decision);
    }
    out
}

/// Warning kinds (normalised messages) with their count per set, most frequent first.
pub type WarningKinds = Vec<(String, BTreeMap<String, usize>)>;

/// The sets, and the warnings per kind and set.
pub fn warning_kinds(outcomes: &[Outcome]) -> (Vec<String>, WarningKinds) {
    let mut sets: Vec<String> = Vec::new();
    let mut kinds: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for o in outcomes {
        if !sets.contains(&o.unit.set) {
            sets.push(o.unit.set.clone());
        }
        for w in &o.warnings {
            *kinds.entry(normalise(&w.message)).or_default().entry(o.unit.set.clone()).or_default() += 1;
        }
    }
    let mut kinds: Vec<_> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.values().sum::<usize>().cmp(&a.1.values().sum::<usize>()).then(a.0.cmp(&b.0)));
    (sets, kinds)
}

/// The warnings table (markdown).
pub fn warnings_table(outcomes: &[Outcome]) -> String {
    let (sets, kinds) = warning_kinds(outcomes);
    let mut out = String::from(
        "\nWarnings per kind (messages with the names in backticks, quoted strings, CamelCase names and numbers \
         left out; each form of a product version counts):\n\n",
    );
    let _ = writeln!(out, "| warning | {} |", sets.join(" | "));
    let _ = writeln!(out, "| --- |{}", " ---: |".repeat(sets.len()));
    for (kind, counts) in &kinds {
        let row: Vec<String> = sets.iter().map(|s| counts.get(s).copied().unwrap_or(0).to_string()).collect();
        let _ = writeln!(out, "| {} | {} |", cell(kind), row.join(" | "));
    }
    let totals: Vec<String> = sets
        .iter()
        .map(|s| outcomes.iter().filter(|o| &o.unit.set == s).map(|o| o.warnings.len()).sum::<usize>().to_string())
        .collect();
    let _ = writeln!(out, "| **total** | {} |", totals.join(" | "));
    out
}

#[derive(Default)]
struct FormRow {
    folders: usize,
    perfect: usize,
    read_whole: usize,
    actions: (usize, usize),
    score: (usize, usize),
    warnings: usize,
}

/// The whole report: the lines, then the summary.
pub fn render(outcomes: &[Outcome], options: &Options) -> String {
    let mut out = String::new();
    for o in outcomes {
        let _ = writeln!(out, "{}", line(o));
        if options.details {
            out.push_str(&details(o));
        }
    }

    let _ = writeln!(out, "\n== conformance summary\n");
    let mut forms: BTreeMap<&str, FormRow> = BTreeMap::new();
    for o in outcomes {
        let row = forms.entry(o.unit.form.as_str()).or_default();
        row.folders += 1;
        row.perfect += usize::from(o.is_perfect());
        row.read_whole += usize::from(o.read_whole);
        let (found, total) = o.actions();
        row.actions = (row.actions.0 + found, row.actions.1 + total);
        let (matched, items) = o.score();
        row.score = (row.score.0 + matched, row.score.1 + items);
        row.warnings += o.warnings.len();
    }
    let _ = writeln!(
        out,
        "| form | product versions | at 100% | read without error | actions read | items matched | warnings |"
    );
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut total = FormRow::default();
    for (form, row) in &forms {
        let _ = writeln!(
            out,
            "| {form} | {} | {} | {} | {}/{} | {:.2}% | {} |",
            row.folders,
            row.perfect,
            row.read_whole,
            row.actions.0,
            row.actions.1,
            percent(row.score.0, row.score.1),
            row.warnings
        );
        total.folders += row.folders;
        total.perfect += row.perfect;
        total.read_whole += row.read_whole;
        total.actions = (total.actions.0 + row.actions.0, total.actions.1 + row.actions.1);
        total.score = (total.score.0 + row.score.0, total.score.1 + row.score.1);
        total.warnings += row.warnings;
    }
    let _ = writeln!(
        out,
        "| **total** | {} | {} | {} | {}/{} | {:.2}% | {} |",
        total.folders,
        total.perfect,
        total.read_whole,
        total.actions.0,
        total.actions.1,
        percent(total.score.0, total.score.1),
        total.warnings
    );

    out.push_str(&failure_classes(outcomes));
    out.push_str(&mismatch_categories(outcomes));

    let judged: usize = outcomes.iter().map(|o| o.judged.len()).sum();
    let judgement_rows: usize = outcomes.iter().map(|o| o.unit.judgements.len()).sum();
    if judgement_rows > 0 {
        let _ = writeln!(out, "\nJudged: {judged} mismatches on {judgement_rows} judged rows. Rule: {JUDGED_RULE}.");
    }
    let (sets, kinds) = warning_kinds(outcomes);
    let per_set: Vec<String> = sets
        .iter()
        .map(|s| {
            let n: usize = outcomes.iter().filter(|o| &o.unit.set == s).map(|o| o.warnings.len()).sum();
            let k = kinds.iter().filter(|(_, c)| c.contains_key(s)).count();
            format!("{s} {n} ({k} kinds)")
        })
        .collect();
    let hint = if options.warnings { "" } else { "; --warnings prints them per kind" };
    let _ = writeln!(out, "\nWarnings: {}{hint}.", per_set.join(", "));
    if options.warnings {
        out.push_str(&warnings_table(outcomes));
    }
    let perfect = outcomes.iter().filter(|o| o.is_perfect()).count();
    let _ = writeln!(out, "\nconformance: {perfect}/{} product versions and forms at 100%", outcomes.len());
    out
}

/// The table of failure classes: pages, folders, one example each.
fn failure_classes(outcomes: &[Outcome]) -> String {
    struct Class {
        pages: usize,
        folders: BTreeSet<usize>,
        example: String,
    }
    let mut classes: BTreeMap<&str, Class> = BTreeMap::new();
    let mut consequences = (0, BTreeSet::new());
    for (i, o) in outcomes.iter().enumerate() {
        for f in &o.failures {
            if f.consequence {
                consequences.0 += 1;
                consequences.1.insert(i);
                continue;
            }
            let class = classes.entry(f.class.as_str()).or_insert_with(|| Class {
                pages: 0,
                folders: BTreeSet::new(),
                example: format!("{} {}/{}: {}", o.unit.form, o.unit.label, f.place(), f.what),
            });
            class.pages += 1;
            class.folders.insert(i);
        }
    }
    let mut out = String::new();
    if classes.is_empty() {
        let _ = writeln!(out, "\nFailures: none (every page was read).");
        return out;
    }
    let pages: usize = classes.values().map(|c| c.pages).sum();
    let _ = writeln!(
        out,
        "\nFailures by class: {pages} pages or folders the parser could not read, {} classes (each page's first \
         error; a folder-level failure counts once):\n",
        classes.len()
    );
    let _ = writeln!(out, "| pages | folders | class | example |");
    let _ = writeln!(out, "| ---: | ---: | --- | --- |");
    let mut classes: Vec<_> = classes.into_iter().collect();
    classes.sort_by(|a, b| b.1.pages.cmp(&a.1.pages).then(a.0.cmp(b.0)));
    for (name, class) in &classes {
        let _ =
            writeln!(out, "| {} | {} | {} | {} |", class.pages, class.folders.len(), cell(name), cell(&class.example));
    }
    if consequences.0 > 0 {
        let _ = writeln!(
            out,
            "\nAnd {} action pages in {} folders left out because they use structures and their folder's Data Types \
             page could not be read (not counted above).",
            consequences.0,
            consequences.1.len()
        );
    }
    out
}

/// The table of mismatch categories: what was read but differs from the oracle.
fn mismatch_categories(outcomes: &[Outcome]) -> String {
    let mut categories: BTreeMap<&str, (usize, BTreeSet<usize>, String)> = BTreeMap::new();
    for (i, o) in outcomes.iter().enumerate() {
        for m in &o.failing {
            let entry = categories
                .entry(m.category)
                .or_insert_with(|| (0, BTreeSet::new(), format!("{} {}: {}", o.unit.form, o.unit.label, m.message)));
            entry.0 += 1;
            entry.1.insert(i);
        }
    }
    let unread: usize = outcomes.iter().map(|o| o.unread.len()).sum();
    let mut out = String::new();
    if categories.is_empty() {
        let _ = writeln!(out, "\nMismatches: none in what was read.");
    } else {
        let _ = writeln!(
            out,
            "\nMismatch categories (read, but not what the oracle says; judged rows and pages that could not be \
             read left out):\n"
        );
        let _ = writeln!(out, "| mismatches | folders | category | example |");
        let _ = writeln!(out, "| ---: | ---: | --- | --- |");
        for category in CATEGORIES {
            if let Some((n, folders, example)) = categories.get(category) {
                let _ = writeln!(out, "| {n} | {} | {category} | {} |", folders.len(), cell(example));
            }
        }
    }
    if unread > 0 {
        let _ = writeln!(out, "\n{unread} oracle items lie on pages that could not be read (see the failures).");
    }
    out
}
