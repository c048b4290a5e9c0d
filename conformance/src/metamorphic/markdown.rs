//! Variants of Markdown pages (`md/…` folders): headings are `#` lines, tables are pipe
//! rows under a `|---|` line, both outside code fences.

use super::kind::{new_levels, numbered, rewrite_date, split_for_wrap, us_date, Kind, Made, Rng, Role};
use super::lines::Lines;

/// A heading line: its index, level and text.
#[derive(Debug, Clone)]
struct Heading {
    at: usize,
    level: usize,
    text: String,
}

/// A table: the header line, the `|---|` line, and every line up to the blank line or
/// heading that ends it (rows, and raw lines continuing a row).
#[derive(Debug, Clone)]
struct Table {
    header: usize,
    end: usize,
}

/// The cells of a pipe row, whether it has outer pipes (a leading and a trailing one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// A leading pipe.
    pub lead: bool,
    /// A trailing pipe.
    pub trail: bool,
    /// The cells, trimmed.
    pub cells: Vec<String>,
}

impl Row {
    /// Splits a row at its unescaped pipes.
    pub fn of(line: &str) -> Row {
        let trimmed = line.trim();
        let (lead, rest) = match trimmed.strip_prefix('|') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let (trail, rest) = match rest.strip_suffix('|') {
            Some(body) if !body.ends_with('\\') => (true, body),
            _ => (false, rest),
        };
        let mut cells = vec![String::new()];
        let mut escaped = false;
        for c in rest.chars() {
            if c == '|' && !escaped {
                cells.push(String::new());
            } else if let Some(cell) = cells.last_mut() {
                cell.push(c);
            }
            escaped = c == '\\' && !escaped;
        }
        Row { lead, trail, cells: cells.into_iter().map(|c| c.trim().to_string()).collect() }
    }

    /// The row written again.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if self.lead {
            out.push_str("| ");
        }
        out.push_str(&self.cells.join(" | "));
        if self.trail {
            out.push_str(" |");
        }
        out
    }
}

fn is_separator(line: &str) -> bool {
    let row = Row::of(line);
    line.contains('-')
        && row.cells.iter().all(|c| {
            let c = c.trim().trim_start_matches(':').trim_end_matches(':');
            !c.is_empty() && c.chars().all(|ch| ch == '-')
        })
}

fn fence(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("```") || t.starts_with("~~~")
}

fn heading_of(line: &str) -> Option<(usize, String)> {
    let t = line.trim_start();
    let level = t.chars().take_while(|&c| c == '#').count();
    let rest = t.get(level..)?;
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| (level, rest.trim().trim_end_matches('#').trim().to_string()))
}

/// The headings and tables of a page, code fences left out.
fn scan(page: &Lines) -> (Vec<Heading>, Vec<Table>) {
    let lines = &page.lines;
    let (mut headings, mut tables) = (Vec::new(), Vec::new());
    let mut in_fence = false;
    let mut i = 0;
    while i < lines.len() {
        let text = &lines[i].text;
        if fence(text) {
            in_fence = !in_fence;
        } else if !in_fence {
            if let Some((level, title)) = heading_of(text) {
                headings.push(Heading { at: i, level, text: title });
            } else if text.contains('|') && lines.get(i + 1).is_some_and(|next| is_separator(&next.text)) {
                let mut end = i + 2;
                while end < lines.len() {
                    let t = lines[end].text.trim();
                    if t.is_empty() || heading_of(t).is_some() || fence(t) {
                        break;
                    }
                    end += 1;
                }
                tables.push(Table { header: i, end });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    (headings, tables)
}

/// Makes the variant of `kind` of a Markdown page.
pub fn make(kind: Kind, page: &str, role: &Role, rng: &mut Rng) -> Made {
    let mut lines = Lines::of(page);
    let (headings, tables) = scan(&lines);
    let changed = match kind {
        Kind::Titles => titles(&mut lines, &headings, rng),
        Kind::Levels => levels(&mut lines, &headings, rng),
        Kind::Headers => headers(&mut lines, &tables, rng),
        Kind::Columns => columns(&mut lines, &tables, rng),
        Kind::Domain => matches!(role, Role::Action(_)) && domain(&mut lines, &tables),
        Kind::VersionName | Kind::VersionDate => match role {
            Role::Action(name) => version(&mut lines, &tables, kind, name, rng),
            _ => false,
        },
        Kind::NoIntro => matches!(role, Role::Action(_)) && no_intro(&mut lines, &headings),
        Kind::Wrap => wrap(&mut lines, &tables, rng),
        Kind::ErrorHeadings => *role == Role::ErrorCodes && error_headings(&mut lines, &headings, rng),
    };
    if changed {
        Made::Variant(lines.join())
    } else {
        Made::Nothing
    }
}

fn set_heading(lines: &mut Lines, h: &Heading, level: usize, text: &str) {
    lines.lines[h.at].text = format!("{} {text}", "#".repeat(level));
}

fn titles(lines: &mut Lines, headings: &[Heading], rng: &mut Rng) -> bool {
    let mut changed = false;
    for h in headings {
        if let Some((number, _)) = numbered(&h.text) {
            let text = format!("{number}. {}", rng.title());
            set_heading(lines, h, h.level, &text);
            changed = true;
        }
    }
    changed
}

/// The page's top headings (its lowest level) each get another level of 1 to 3; the
/// headings under one move with it, staying below it.
fn levels(lines: &mut Lines, headings: &[Heading], rng: &mut Rng) -> bool {
    let levels = new_levels(&headings.iter().map(|h| h.level).collect::<Vec<_>>(), rng);
    for (h, level) in headings.iter().zip(&levels) {
        set_heading(lines, h, *level, &h.text);
    }
    !headings.is_empty()
}

fn headers(lines: &mut Lines, tables: &[Table], rng: &mut Rng) -> bool {
    for t in tables {
        let mut row = Row::of(&lines.lines[t.header].text);
        for cell in &mut row.cells {
            *cell = rng.word();
        }
        lines.lines[t.header].text = row.render();
    }
    !tables.is_empty()
}

/// Reorders the columns of every table whose rows all have the header's cells (a table
/// with raw continuation lines or rows of another width is left as it is).
fn columns(lines: &mut Lines, tables: &[Table], rng: &mut Rng) -> bool {
    let mut changed = false;
    for t in tables {
        let width = Row::of(&lines.lines[t.header].text).cells.len();
        let uniform = (t.header..t.end).all(|i| {
            let text = &lines.lines[i].text;
            text.contains('|') && Row::of(text).cells.len() == width
        });
        if !uniform || width < 2 {
            continue;
        }
        let order = rng.permutation(width);
        for i in t.header..t.end {
            let row = Row::of(&lines.lines[i].text);
            let cells = order.iter().map(|&k| row.cells[k].clone()).collect();
            lines.lines[i].text = Row { cells, ..row }.render();
        }
        changed = true;
    }
    changed
}

/// Removes the first line before the first table naming the request domain.
fn domain(lines: &mut Lines, tables: &[Table]) -> bool {
    let first_table = tables.first().map_or(lines.lines.len(), |t| t.header);
    let mut in_fence = false;
    for i in 0..first_table {
        let text = &lines.lines[i].text;
        if fence(text) {
            in_fence = !in_fence;
        } else if !in_fence && text.contains("tencentcloudapi.com") {
            lines.lines.remove(i);
            return true;
        }
    }
    false
}

/// The first row of a table whose first cell is `name`.
fn row_named(lines: &Lines, tables: &[Table], name: &str) -> Option<usize> {
    tables.iter().flat_map(|t| t.header + 2..t.end).find(|&i| {
        let text = &lines.lines[i].text;
        text.contains('|') && Row::of(text).cells.iter().find(|c| !c.is_empty()).is_some_and(|c| c == name)
    })
}

fn version(lines: &mut Lines, tables: &[Table], kind: Kind, action: &str, rng: &mut Rng) -> bool {
    let Some(at) = row_named(lines, tables, "Version") else { return false };
    let mut row = Row::of(&lines.lines[at].text);
    let Some(last) = row.cells.iter_mut().rev().find(|c| !c.is_empty()) else { return false };
    let rewritten = match kind {
        Kind::VersionDate => rewrite_date(last, us_date),
        _ => rewrite_date(last, |_, _, _| action.to_string()),
    };
    let Some(rewritten) = rewritten else { return false };
    *last = rewritten;
    lines.lines[at].text = row.render();
    if kind == Kind::VersionName && rng.coin() {
        if let Some(action_row) = row_named(lines, tables, "Action") {
            lines.lines.remove(action_row);
        }
    }
    true
}

/// Removes section 1: its heading and everything up to the next heading of its level or
/// above.
fn no_intro(lines: &mut Lines, headings: &[Heading]) -> bool {
    let Some(k) = headings.iter().position(|h| numbered(&h.text).is_some_and(|(n, _)| n == "1")) else {
        return false;
    };
    let start = headings[k].at;
    let end = headings[k + 1..].iter().find(|h| h.level <= headings[k].level).map_or(lines.lines.len(), |h| h.at);
    lines.lines.drain(start..end);
    true
}

/// Wraps the last cell of one row per table onto a raw line without pipes.
fn wrap(lines: &mut Lines, tables: &[Table], rng: &mut Rng) -> bool {
    let mut changed = false;
    // From the last table up, so that indices stay right.
    for t in tables.iter().rev() {
        let candidates: Vec<usize> = (t.header + 2..t.end)
            .filter(|&i| {
                let row = Row::of(&lines.lines[i].text);
                lines.lines[i].text.contains('|')
                    && row.trail
                    && row.cells.last().is_some_and(|c| !c.contains('|'))
                    && !lines.lines.get(i + 1).is_some_and(|l| !l.text.trim().is_empty() && !l.text.contains('|'))
            })
            .collect();
        let mut picked = None;
        for _ in 0..candidates.len().min(8) {
            let i = candidates[rng.below(candidates.len())];
            let row = Row::of(&lines.lines[i].text);
            // A raw line that would open a block of its own (a list item, a heading, an HTML
            // block…) ends the table in Markdown: a wrap a site could not have made.
            let split = row.cells.last().and_then(|c| split_for_wrap(c, rng));
            if let Some(split) = split.filter(|(_, rest)| !opens_a_block(rest)) {
                picked = Some((i, row, split));
                break;
            }
        }
        let Some((i, mut row, (first, rest))) = picked else { continue };
        if let Some(last) = row.cells.last_mut() {
            *last = first;
        }
        row.trail = false;
        lines.lines[i].text = row.render();
        lines.insert_after(i, rest);
        changed = true;
    }
    changed
}

/// Whether a raw line starting with `text` opens a Markdown block (and so ends a table).
fn opens_a_block(text: &str) -> bool {
    let text = text.trim_start();
    let ordered =
        text.split_once(['.', ')']).is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    ordered || text.starts_with(['-', '*', '+', '#', '>', '|', '<', '`', '~', '=', '_'])
}

fn error_headings(lines: &mut Lines, headings: &[Heading], rng: &mut Rng) -> bool {
    for h in headings {
        let text = match numbered(&h.text) {
            Some((number, _)) => format!("{number}. {}", rng.title()),
            None => rng.title(),
        };
        set_heading(lines, h, h.level, &text);
    }
    !headings.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_at_unescaped_pipes() {
        let row = Row::of("| a | b \\| c | d |");
        assert_eq!(row.cells, vec!["a", "b \\| c", "d"]);
        assert!(row.lead && row.trail);
        let bare = Row::of("a | b");
        assert!(!bare.lead && !bare.trail);
        assert_eq!(bare.render(), "a | b");
    }
}
