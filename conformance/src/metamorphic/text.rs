//! Variants of browser copies (`.txt`): no heading levels, tables as lines of
//! tab-separated cells, section titles as `N. Title` lines (once in the copied table of
//! contents, again in the article). A table is the run of tab lines of one section: its
//! first line is the header.

use super::kind::{numbered, rewrite_date, split_for_wrap, us_date, Kind, Made, Rng, Role};
use super::lines::Lines;

/// A table: its header line, its rows (header included) and whether raw lines without a
/// tab run between them (a cell continued on following lines).
#[derive(Debug, Clone)]
struct Table {
    rows: Vec<usize>,
    continued: bool,
}

fn cells(line: &str) -> Vec<String> {
    line.split('\t').map(str::to_string).collect()
}

/// The article's section headings: the last line of each `N. Title` text (the copied
/// table of contents lists them first).
fn sections(page: &Lines) -> Vec<usize> {
    let mut found: Vec<(String, usize)> = Vec::new();
    for (i, line) in page.lines.iter().enumerate() {
        if !line.text.contains('\t') && numbered(&line.text).is_some() {
            let text = line.text.trim().to_string();
            match found.iter_mut().find(|(t, _)| *t == text) {
                Some(entry) => entry.1 = i,
                None => found.push((text, i)),
            }
        }
    }
    let mut at: Vec<usize> = found.into_iter().map(|(_, i)| i).collect();
    at.sort_unstable();
    at
}

/// The tables: tab lines grouped by section (all in one when the page has no sections).
fn tables(page: &Lines, sections: &[usize]) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let mut section_of_last = None;
    let mut last_row = None;
    for (i, line) in page.lines.iter().enumerate() {
        let section = sections.iter().rposition(|&s| s <= i);
        if line.text.contains('\t') {
            match out.last_mut() {
                Some(t) if section_of_last == Some(section) => {
                    let gap =
                        last_row.is_some_and(|r: usize| page.lines[r + 1..i].iter().any(|l| !l.text.trim().is_empty()));
                    t.continued |= gap;
                    t.rows.push(i);
                }
                _ => out.push(Table { rows: vec![i], continued: false }),
            }
            section_of_last = Some(section);
            last_row = Some(i);
        }
    }
    // Lines after a table's last row in its section may continue that row too.
    for t in &mut out {
        let Some(&last) = t.rows.last() else { continue };
        let end = sections.iter().copied().find(|&s| s > last).unwrap_or(page.lines.len());
        t.continued |= page.lines[last + 1..end].iter().any(|l| !l.text.trim().is_empty());
    }
    out
}

/// Makes the variant of `kind` of a text page.
pub fn make(kind: Kind, page: &str, role: &Role, rng: &mut Rng) -> Made {
    let mut lines = Lines::of(page);
    let sections = sections(&lines);
    let tables = tables(&lines, &sections);
    let changed = match kind {
        Kind::Levels => return Made::NotForForm("text: a browser copy has no heading levels"),
        Kind::ErrorHeadings => return Made::NotForForm("text: a browser copy's headings are not marked"),
        Kind::Titles => titles(&mut lines, rng),
        Kind::Headers => {
            for t in &tables {
                let header = t.rows[0];
                let n = cells(&lines.lines[header].text).len();
                lines.lines[header].text = (0..n).map(|_| rng.word()).collect::<Vec<_>>().join("\t");
            }
            !tables.is_empty()
        }
        Kind::Columns => columns(&mut lines, &tables, rng),
        Kind::Domain => matches!(role, Role::Action(_)) && domain(&mut lines, &sections, &tables),
        Kind::VersionName | Kind::VersionDate => match role {
            Role::Action(name) => version(&mut lines, &tables, kind, name, rng),
            _ => false,
        },
        Kind::NoIntro => matches!(role, Role::Action(_)) && no_intro(&mut lines, &sections),
        Kind::Wrap => wrap(&mut lines, &tables, rng),
    };
    if changed {
        Made::Variant(lines.join())
    } else {
        Made::Nothing
    }
}

/// Renames every `N. Title` line (contents and article alike).
fn titles(lines: &mut Lines, rng: &mut Rng) -> bool {
    let mut renamed: Vec<(String, String)> = Vec::new();
    for line in &mut lines.lines {
        if line.text.contains('\t') {
            continue;
        }
        let Some((number, _)) = numbered(&line.text) else { continue };
        let old = line.text.trim().to_string();
        let new = match renamed.iter().find(|(o, _)| *o == old) {
            Some((_, n)) => n.clone(),
            None => {
                let n = format!("{number}. {}", rng.title());
                renamed.push((old, n.clone()));
                n
            }
        };
        line.text = new;
    }
    !renamed.is_empty()
}

fn columns(lines: &mut Lines, tables: &[Table], rng: &mut Rng) -> bool {
    let mut changed = false;
    for t in tables {
        let width = cells(&lines.lines[t.rows[0]].text).len();
        if t.continued || width < 2 || t.rows.iter().any(|&r| cells(&lines.lines[r].text).len() != width) {
            continue;
        }
        let order = rng.permutation(width);
        for &r in &t.rows {
            let row = cells(&lines.lines[r].text);
            lines.lines[r].text = order.iter().map(|&k| row[k].as_str()).collect::<Vec<_>>().join("\t");
        }
        changed = true;
    }
    changed
}

/// Removes the first line of the article before its first table naming the domain.
fn domain(lines: &mut Lines, sections: &[usize], tables: &[Table]) -> bool {
    let from = sections.first().copied().unwrap_or(0);
    let to = tables.first().map_or(lines.lines.len(), |t| t.rows[0]);
    let found = (from..to).find(|&i| lines.lines[i].text.contains("tencentcloudapi.com"));
    match found {
        Some(i) => {
            lines.lines.remove(i);
            true
        }
        None => false,
    }
}

fn row_named(lines: &Lines, tables: &[Table], name: &str) -> Option<usize> {
    tables
        .iter()
        .flat_map(|t| t.rows.iter().skip(1).copied())
        .find(|&r| cells(&lines.lines[r].text).first().is_some_and(|c| c.trim() == name))
}

fn version(lines: &mut Lines, tables: &[Table], kind: Kind, action: &str, rng: &mut Rng) -> bool {
    let Some(at) = row_named(lines, tables, "Version") else { return false };
    let mut row = cells(&lines.lines[at].text);
    let Some(last) = row.last_mut() else { return false };
    let rewritten = match kind {
        Kind::VersionDate => rewrite_date(last, us_date),
        _ => rewrite_date(last, |_, _, _| action.to_string()),
    };
    let Some(rewritten) = rewritten else { return false };
    *last = rewritten;
    lines.lines[at].text = row.join("\t");
    if kind == Kind::VersionName && rng.coin() {
        if let Some(action_row) = row_named(lines, tables, "Action") {
            lines.lines.remove(action_row);
        }
    }
    true
}

/// Removes the article's section 1, up to its section 2.
fn no_intro(lines: &mut Lines, sections: &[usize]) -> bool {
    // The article's section 1: the last `1.` line that the next numbered line follows with
    // `2.` (a copy may have the table of contents first, in the site's language).
    let number = |k: usize| sections.get(k).and_then(|&s| numbered(&lines.lines[s].text)).map(|(n, _)| n.to_string());
    let Some(k) =
        (0..sections.len()).rev().find(|&k| number(k).as_deref() == Some("1") && number(k + 1).as_deref() == Some("2"))
    else {
        return false;
    };
    let end = sections.get(k + 1).copied().unwrap_or(lines.lines.len());
    lines.lines.drain(sections[k]..end);
    true
}

/// Continues the last cell of one row per table on a raw line (no tab).
fn wrap(lines: &mut Lines, tables: &[Table], rng: &mut Rng) -> bool {
    let mut changed = false;
    for t in tables.iter().rev() {
        let rows: Vec<usize> = t.rows.iter().skip(1).copied().collect();
        let mut picked = None;
        for _ in 0..rows.len().min(8) {
            let r = rows[rng.below(rows.len())];
            let row = cells(&lines.lines[r].text);
            if let Some(split) = row.last().and_then(|c| split_for_wrap(c, rng)) {
                picked = Some((r, row, split));
                break;
            }
        }
        let Some((r, mut row, (first, rest))) = picked else { continue };
        if let Some(last) = row.last_mut() {
            *last = first;
        }
        lines.lines[r].text = row.join("\t");
        lines.insert_after(r, rest);
        changed = true;
    }
    changed
}
