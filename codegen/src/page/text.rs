//! Text front-end: a page as a browser's "copy page" gives it (the seeds, `txt/` corpora, a
//! real browser's select-all copy).
//!
//! The article is found by its structure, not by the site's menu words: an action page's
//! article starts at its last `1. API Description` heading (a table of contents before the
//! article repeats the section names, an article never does), in any language
//! ([`crate::vocab`]); a page without numbered sections starts after its "Last updated"
//! line. The title is the last line before "Last updated" that is not toolbar chrome, a
//! hint only. A body indented by a constant amount (as the site gave it in 2021) is read
//! as if it were not.
//!
//! Tables: a header line names its columns, with cells separated by tabs (a browser's
//! copy) or single spaces (the seeds). A tab-separated header may hold cells the
//! vocabulary lacks (two known ones, the name first, suffice): their columns are told by
//! their cells once the rows are read ([`super::columns`]). A numbered line whose title
//! the vocabulary lacks opens a section when it counts on from the last one and a table
//! header follows it. A line is a row when its cells have the shape their
//! columns demand: in tab-separated tables, the cell count; in space-separated ones, the
//! leading cells: a parameter name (or an error code), a Required word of some language, a
//! type (a basic type, `Array of …`, or a structure the Data Types page defines — see
//! [`Known`]). Any other line continues the previous row's description. A blank line ends
//! the table unless a row of it follows (a blank line inside a description cell), or, in a
//! numbered section, unless only description text follows up to the next section.

use super::columns::{classify_cells, is_basic_type_cell, Cells};
use super::text_rows::{classify, classify_any_row, is_error_code, table_header, Line};
use crate::source::SourceFile;
use crate::vocab::{self, is_param_name, normalize_cell, Block, BlockKind, Column, Known, Note, Page, Row, Table};

/// Parses a text page into blocks, knowing nothing of the product's structures.
pub fn parse(file: &SourceFile) -> Page {
    parse_with(file, &Known::default())
}

/// Parses a text page into blocks. Never fails: what the content means is judged later.
pub fn parse_with(file: &SourceFile, known: &Known) -> Page {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let raw: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let updated = raw.iter().position(|l| vocab::is_last_updated(l));
    let (article, toc_end) = find_article(&raw);
    // The title: the last line before "Last updated" that is not toolbar chrome, when that
    // line comes before the article.
    if let Some(updated) = updated.filter(|u| article.is_none_or(|a| *u < a)) {
        if let Some(title) = (0..updated).rev().find(|&i| !raw[i].trim().is_empty() && !vocab::is_toolbar(raw[i])) {
            blocks.push(block(title, BlockKind::Heading { level: 1, text: normalize_cell(raw[title]) }));
        }
    }
    let start = match (article, toc_end, updated) {
        (Some(a), _, _) => a,
        (None, Some(t), _) => t,
        (None, None, Some(u)) => u + 1,
        (None, None, None) => 0,
    };
    let end = (start..raw.len()).find(|&i| vocab::is_footer(raw[i])).unwrap_or(raw.len());
    let lines = dedent(&raw[..end], start);
    let numbered = article.is_some();
    let mut parser =
        Parser { lines: &lines, blocks, notes: Vec::new(), known, numbered, section: 0, start, heading_line: None };
    parser.content(start);
    Page { file: file.display.clone(), blocks: parser.blocks, notes: parser.notes }
}

/// Where the article starts: the numbered section headings fall into runs that count up
/// from their first (`1. … 2. … 6. …`); a table of contents is such a run without a table
/// between its headings, the article the last run with one. Returns the article's first line, or, for a page
/// without numbered sections, the line after a table of contents it may carry.
fn find_article(lines: &[&str]) -> (Option<usize>, Option<usize>) {
    // Known section titles first; numbered lines that read as headings when those find no
    // article (a page whose titles the vocabulary lacks).
    let known = article_by(lines, |l| vocab::numbered_section(l).map(|(n, _)| n));
    let (article, toc_end) = match known {
        (Some(a), t) => (Some(a), t),
        _ => match article_by(lines, section_like) {
            (Some(a), t) if action_like(lines, a) => (Some(a), t),
            _ => (None, known.1),
        },
    };
    (article.map(|a| first_section(lines, a)), toc_end)
}

/// Whether an article found by heading-like lines alone reads as an action page's: its
/// first section (1) holds no table and at least two more sections follow, counting on.
fn action_like(lines: &[&str], a: usize) -> bool {
    let heads: Vec<(usize, u32)> =
        lines.iter().enumerate().skip(a).filter_map(|(i, l)| section_like(l).map(|n| (i, n))).take(3).collect();
    let counts = heads.iter().map(|h| h.1).collect::<Vec<_>>() == [1, 2, 3];
    counts && !lines[heads[0].0..heads[1].0].iter().any(|l| l.contains('\t'))
}

/// The article's first heading when the one found (`2. Input Parameters`) follows a
/// section 1 whose title the vocabulary lacks: the nearest numbered heading-like line
/// before it that counts down to 1, with text between.
fn first_section(lines: &[&str], mut a: usize) -> usize {
    while let Some((n, _)) = vocab::heading_number(lines[a]).filter(|(n, _)| *n > 1) {
        let Some(j) = (0..a).rev().find(|&j| vocab::heading_number(lines[j]).is_some()) else { break };
        if section_like(lines[j]) != Some(n - 1) || !lines[j + 1..a].iter().any(|l| !l.trim().is_empty()) {
            break;
        }
        a = j;
    }
    a
}

fn article_by(lines: &[&str], head: impl Fn(&str) -> Option<u32>) -> (Option<usize>, Option<usize>) {
    let heads: Vec<(usize, u32)> = lines.iter().enumerate().filter_map(|(i, l)| head(l).map(|n| (i, n))).collect();
    let mut runs: Vec<(usize, usize)> = Vec::new(); // (first heading, last heading)
    for (k, &(i, n)) in heads.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if k > 0 && n > heads[k - 1].1 => run.1 = i,
            _ => runs.push((i, i)),
        }
    }
    let with_table = runs.iter().rfind(|(first, last)| {
        lines[*first..*last].iter().any(|l| table_header(l).is_some() || tab_cells(l).len() >= 2)
    });
    // A run whose first heading is followed by text, not by the next heading (a page cut
    // off before its second table).
    let with_text = || {
        runs.iter().rfind(|(first, _)| {
            lines[first + 1..].iter().find(|l| !l.trim().is_empty()).is_some_and(|l| head(l).is_none())
        })
    };
    let article = with_table.or_else(with_text).map(|r| r.0);
    let toc_end = match article {
        Some(_) => None,
        None => runs.last().map(|r| r.1 + 1),
    };
    (article, toc_end)
}

/// The number of a line that reads as a section heading: a known section title, or a
/// number followed by a short title that does not read as a sentence or a list item
/// (`3. What Comes Back`, not `1. Only one EIP can be bound.`).
fn section_like(line: &str) -> Option<u32> {
    if let Some((n, _)) = vocab::numbered_section(line) {
        return Some(n);
    }
    let (number, title) = vocab::heading_number(line)?;
    let sentence_end = |c: char| ".。:：;；,，、!！?？".contains(c);
    let short = title.chars().count() <= 40 && title.split_whitespace().count() <= 6;
    let heading = !title.is_empty()
        && short
        && !title.contains('\t')
        && !title.ends_with(sentence_end)
        && !title.starts_with(|c: char| c.is_ascii_digit());
    (heading && (1..=20).contains(&number)).then_some(number)
}

/// A table's columns in the usual order (name, required, type, description), each row's
/// cells with them: a page may put them in any order.
fn in_usual_order(columns: Vec<Column>, rows: Vec<Row>) -> (Vec<Column>, Vec<Row>) {
    if columns.is_sorted() {
        return (columns, rows);
    }
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| columns[i]);
    let rows = rows
        .into_iter()
        .map(|row| Row {
            line: row.line,
            cells: order.iter().map(|&i| row.cells.get(i).cloned().unwrap_or_default()).collect(),
        })
        .collect();
    (order.iter().map(|&i| columns[i]).collect(), rows)
}

/// A line's tab-separated cells, normalised (trailing empty cells dropped).
fn tab_cells(line: &str) -> Vec<String> {
    if !line.contains('\t') {
        return Vec::new();
    }
    let mut cells: Vec<String> = line.split('\t').map(normalize_cell).collect();
    while cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells
}

/// The lines with the article's common indentation (from `start` on) removed.
fn dedent<'a>(lines: &[&'a str], start: usize) -> Vec<&'a str> {
    let indent = lines[start.min(lines.len())..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().take_while(|c| c.is_whitespace()).count())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i >= start && l.chars().take_while(|c| c.is_whitespace()).count() >= indent {
                l.char_indices().nth(indent).map_or("", |(at, _)| &l[at..])
            } else {
                l.trim_end_matches('\r')
            }
        })
        .collect()
}

/// How far ahead a blank line inside a table is looked past (bounds the work on any input).
const LOOKAHEAD: usize = 400;

fn block(index: usize, kind: BlockKind) -> Block {
    Block { line: index as u32 + 1, kind }
}

/// A heading line of the Error Codes page: (text, level).
fn error_page_heading(line: &str) -> Option<u8> {
    if vocab::error_code_group(line).is_some() {
        Some(3)
    } else if vocab::is_error_page_section(line) {
        Some(2)
    } else {
        None
    }
}

struct Parser<'a> {
    lines: &'a [&'a str],
    blocks: Vec<Block>,
    notes: Vec<Note>,
    known: &'a Known,
    /// The article has numbered sections (an action page).
    numbered: bool,
    /// The number of the last section heading read.
    section: u32,
    /// The article's first line.
    start: usize,
    /// The line of the last section heading read.
    heading_line: Option<usize>,
}

impl Parser<'_> {
    fn note(&mut self, index: usize, message: String) {
        self.notes.push(Note { line: index as u32 + 1, message });
    }

    fn content(&mut self, mut i: usize) {
        while i < self.lines.len() {
            let line = self.lines[i];
            let trimmed = line.trim();
            if trimmed.is_empty() {
                i += 1;
            } else if vocab::numbered_section(line).is_some() || self.unseen_section(i) {
                self.section = vocab::heading_number(line).map_or(self.section, |(n, _)| n);
                self.heading_line = Some(i);
                self.blocks.push(block(i, BlockKind::Heading { level: 2, text: normalize_cell(line) }));
                i += 1;
            } else if let Some(level) = error_page_heading(trimmed).filter(|_| !self.numbered) {
                self.blocks.push(block(i, BlockKind::Heading { level, text: normalize_cell(line) }));
                i += 1;
            } else if vocab::is_example_title(line) && self.numbered {
                self.blocks.push(block(i, BlockKind::Heading { level: 3, text: normalize_cell(line) }));
                i += 1;
            } else if vocab::example_part(line).is_some() && self.numbered {
                self.blocks.push(block(i, BlockKind::Heading { level: 4, text: normalize_cell(line) }));
                i = self.code(i + 1);
            } else if let Some((columns, tabs)) = table_header(line) {
                i = self.table(i, columns, tabs);
            } else if let Some(columns) = self.unseen_header(i) {
                i = self.table(i, columns, true);
            } else if let Some(item) = trimmed.strip_prefix('•') {
                self.blocks.push(block(i, BlockKind::ListItem { text: normalize_cell(item) }));
                i += 1;
            } else if !self.numbered && self.structure_heading(i) {
                self.blocks.push(block(i, BlockKind::Heading { level: 2, text: trimmed.to_string() }));
                i += 1;
            } else {
                self.blocks.push(block(i, BlockKind::Paragraph { text: normalize_cell(line) }));
                i += 1;
            }
        }
    }

    /// A numbered line whose title the vocabulary lacks that opens the next section of an
    /// action page (`3. What Comes Back`): it counts on from the last section (by one or
    /// two) and reads as a heading (see [`section_like`]).
    fn unseen_section(&self, i: usize) -> bool {
        let Some(number) = section_like(self.lines[i]).filter(|_| self.numbered) else {
            return false;
        };
        // A numbered list's item (right after a numbered line that opened no section) is
        // no section.
        let before = (self.start.min(i)..i).rev().find(|&j| !self.lines[j].trim().is_empty());
        let listed =
            before.is_some_and(|j| Some(j) != self.heading_line && vocab::heading_number(self.lines[j]).is_some());
        number > self.section && number <= self.section + 2 && !listed
    }

    /// On a page without numbered sections (the Data Types page), a structure's name is a
    /// lone identifier that starts the page or follows a table, and whose table header
    /// comes before any table row.
    fn structure_heading(&self, i: usize) -> bool {
        let name = self.lines[i].trim();
        if !is_param_name(name) || name.ends_with(".N") {
            return false;
        }
        let starts = match self.blocks.last().map(|b| &b.kind) {
            Some(BlockKind::Table(_)) | None => true,
            Some(BlockKind::Heading { level, .. }) => *level == 1,
            Some(_) => !self.blocks.iter().any(|b| matches!(b.kind, BlockKind::Heading { level: 2, .. })),
        };
        starts && self.structure_name_at(i)
    }

    /// Whether line `i` names the next structure: a lone identifier on a line of its own
    /// (a blank line follows it) whose table header comes before any field row.
    fn structure_name_at(&self, i: usize) -> bool {
        let lone = |j: usize| {
            let name = self.lines[j].trim();
            is_param_name(name)
                && !name.ends_with(".N")
                && self.lines.get(j + 1).is_none_or(|l| l.trim().is_empty() || table_header(l).is_some())
        };
        lone(i) && self.header_before_row(i + 1)
    }

    /// Whether a table header comes (within a few lines) before any line that reads as a
    /// field row with a basic type: what follows a structure's name.
    fn header_before_row(&self, from: usize) -> bool {
        for (j, line) in self.lines.iter().enumerate().skip(from).take(LOOKAHEAD) {
            let t = line.trim();
            if table_header(t).is_some() || self.unseen_header_over_fields(j) {
                return true;
            }
            if vocab::numbered_section(t).is_some() || classify_any_row(t) {
                return false;
            }
        }
        false
    }

    /// A tab-separated header the vocabulary cannot read (unseen words, or known ones in an
    /// unusual order): a line whose cells do not read like the rows below it (lines with as
    /// many tab-separated cells), whose columns the rows' cells tell ([`super::columns`]).
    fn unseen_header(&self, i: usize) -> Option<Vec<Column>> {
        let heads = tab_cells(self.lines[i]);
        if !(self.numbered || self.in_structure()) || heads.len() < 2 || heads.iter().any(String::is_empty) {
            return None;
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (j, line) in self.lines.iter().enumerate().skip(i + 1).take(LOOKAHEAD) {
            if line.trim().is_empty() && rows.is_empty() {
                continue;
            }
            if line.trim().is_empty() || section_like(line).is_some() || self.unseen_section(j) {
                break;
            }
            if !line.contains('\t') {
                continue;
            }
            let cells = tab_cells(line);
            if cells.len() != heads.len() {
                break;
            }
            rows.push(cells);
        }
        if rows.is_empty() {
            return None;
        }
        let (resolved, _) = super::columns::resolve(&heads, &rows);
        let kinds: Vec<Cells> = (0..heads.len()).map(|c| classify_cells(rows.iter().map(|r| r[c].as_str()))).collect();
        let columns: Vec<Column> = if resolved.iter().all(Option::is_none)
            && kinds == [Cells::Identifiers, Cells::Text]
            && rows.iter().all(|r| is_error_code(&r[0]))
        {
            // An error code table: codes, then what they mean.
            vec![Column::Name, Column::Description]
        } else {
            resolved.into_iter().collect::<Option<Vec<_>>>()?
        };
        let one = |c: Column| columns.iter().filter(|x| **x == c).count() == 1;
        if !one(Column::Name) || !one(Column::Description) || columns.iter().filter(|c| **c == Column::Type).count() > 1
        {
            return None;
        }
        // The header reads unlike its rows: its name cell is no name (or code), or a Type
        // or Required cell is no type or Yes/No word.
        let name = columns.iter().position(|c| *c == Column::Name)?;
        let error_table = !columns.contains(&Column::Type);
        let differs = heads.iter().zip(&columns).enumerate().any(|(c, (head, column))| match column {
            Column::Name if error_table => !is_error_code(head),
            Column::Name => !is_param_name(head) || c != name,
            Column::Type => !is_basic_type_cell(head),
            Column::Required => vocab::required_word(head).is_none(),
            Column::Description => false,
        });
        differs.then_some(columns)
    }

    /// On a Data Types page: after a structure's name, before its field table.
    fn in_structure(&self) -> bool {
        !self.numbered
            && self
                .blocks
                .iter()
                .rev()
                .find(|b| matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Table(_)))
                .is_some_and(|b| matches!(b.kind, BlockKind::Heading { level: 2, .. }))
    }

    /// A tab-separated line of unseen header words over a field row of as many cells (what
    /// follows a structure's name on a Data Types page whose headers the vocabulary lacks).
    fn unseen_header_over_fields(&self, j: usize) -> bool {
        let heads = tab_cells(self.lines[j]);
        if heads.len() < 3 || heads.iter().any(String::is_empty) || classify_any_row(self.lines[j]) {
            return false;
        }
        let next = self.lines.iter().skip(j + 1).find(|l| !l.trim().is_empty());
        next.is_some_and(|l| tab_cells(l).len() == heads.len() && classify_any_row(l))
    }

    /// True when line `i` ends a code block or a table (a heading).
    fn ends_block(&self, i: usize) -> bool {
        let line = self.lines[i];
        vocab::numbered_section(line).is_some()
            || self.unseen_section(i)
            || (self.numbered && (vocab::is_example_title(line) || vocab::example_part(line).is_some()))
            || (!self.numbered && error_page_heading(line.trim()).is_some())
    }

    /// An example's code: every line up to the next heading, blank lines at both ends dropped.
    fn code(&mut self, start: usize) -> usize {
        let mut end = start;
        while end < self.lines.len() && !self.ends_block(end) {
            end += 1;
        }
        let body = &self.lines[start..end];
        let first = body.iter().position(|l| !l.trim().is_empty());
        let last = body.iter().rposition(|l| !l.trim().is_empty());
        if let (Some(first), Some(last)) = (first, last) {
            let text = body[first..=last].iter().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n");
            self.blocks.push(block(start + first, BlockKind::Code { text }));
        }
        end
    }

    /// Whether the table goes on after the blank line(s) before `next` (the next non-blank
    /// line): a row of it follows before anything else that has a shape, or (in a
    /// numbered section) only description text follows up to the next section.
    fn continues_after_blank(&self, next: usize, columns: &[Column], tabs: bool) -> bool {
        let mut saw_text = false;
        for (j, line) in self.lines.iter().enumerate().skip(next).take(LOOKAHEAD) {
            if line.trim().is_empty() {
                continue;
            }
            if vocab::numbered_section(line).is_some() || self.unseen_section(j) {
                return self.numbered;
            }
            if self.ends_block(j) || table_header(line).is_some() {
                return false;
            }
            // The next structure's name: text before it still belongs to the last row.
            if !self.numbered && self.structure_name_at(j) {
                return saw_text;
            }
            if !matches!(classify(line, columns, tabs, self.known), Line::Continuation) {
                return true;
            }
            saw_text = true;
        }
        self.numbered
    }

    /// A tab-separated table's columns told by their cells (see `columns`): a header cell
    /// the vocabulary lacks, or one its cells overrule.
    fn resolve_columns(&mut self, header: usize, columns: Vec<Column>, rows: Vec<Row>) -> (Vec<Column>, Vec<Row>) {
        let heads: Vec<String> =
            self.lines[header].split('\t').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect();
        if heads.len() != columns.len() {
            return (columns, rows);
        }
        let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells.clone()).collect();
        let (resolved, note) = super::columns::resolve(&heads, &cells);
        if let Some(message) = note {
            self.note(header, message);
        }
        if resolved.iter().all(Option::is_none) || resolved.iter().zip(&columns).all(|(r, c)| *r == Some(*c)) {
            return (columns, rows);
        }
        let keep: Vec<(usize, Column)> = resolved.iter().enumerate().filter_map(|(i, c)| c.map(|c| (i, c))).collect();
        let rows = rows
            .into_iter()
            .map(|row| Row {
                line: row.line,
                cells: keep.iter().map(|(i, _)| row.cells.get(*i).cloned().unwrap_or_default()).collect(),
            })
            .collect();
        (keep.into_iter().map(|(_, c)| c).collect(), rows)
    }

    /// A table from its header line up to its end (see the module documentation).
    fn table(&mut self, header: usize, columns: Vec<Column>, tabs: bool) -> usize {
        let mut rows: Vec<Row> = Vec::new();
        // The description cell (last, unless the header put it elsewhere) takes the lines
        // that continue a row.
        let described = columns.iter().position(|c| *c == Column::Description).unwrap_or(columns.len() - 1);
        let mut i = header + 1;
        while i < self.lines.len() {
            let line = self.lines[i];
            if self.ends_block(i) || table_header(line).is_some() {
                break;
            }
            // The next structure's name right below the last row: a browser's copy drops the
            // blank line between (in a space-separated table, a lone word there ends a
            // description: `… separated by` / `Split`).
            if tabs && !self.numbered && self.structure_name_at(i) {
                break;
            }
            if tabs && line.contains('\t') && line.split('\t').all(|c| c.trim().is_empty()) {
                self.note(i, "empty table row skipped".to_string());
                i += 1;
                continue;
            }
            if line.trim().is_empty() {
                let next = (i..self.lines.len()).find(|&j| !self.lines[j].trim().is_empty());
                let row_next = |next: usize| {
                    rows.is_empty()
                        && !matches!(classify(self.lines[next], &columns, tabs, self.known), Line::Continuation)
                };
                match next {
                    // Blank lines between the header and the first row.
                    Some(next) if row_next(next) => {
                        i = next;
                        continue;
                    }
                    Some(next) if !rows.is_empty() && self.continues_after_blank(next, &columns, tabs) => {
                        if let Some(description) = rows.last_mut().and_then(|r| r.cells.get_mut(described)) {
                            description.push('\n');
                        }
                        i = next;
                        continue;
                    }
                    _ => break,
                }
            }
            match classify(line, &columns, tabs, self.known) {
                Line::Row(cells) => rows.push(Row { line: i as u32 + 1, cells }),
                Line::Odd(cells, why) => {
                    self.note(i, why);
                    rows.push(Row { line: i as u32 + 1, cells });
                }
                Line::Continuation => match rows.last_mut().and_then(|r| r.cells.get_mut(described)) {
                    Some(description) => {
                        let more = normalize_cell(line);
                        if !description.is_empty() && !description.ends_with('\n') {
                            description.push('\n');
                        }
                        description.push_str(&more);
                    }
                    // Text under a header before any row: not part of the table.
                    None => break,
                },
            }
            i += 1;
        }
        for row in &mut rows {
            if let Some(d) = row.cells.get_mut(described) {
                *d = normalize_cell(d);
            }
        }
        let (columns, rows) = if tabs { self.resolve_columns(header, columns, rows) } else { (columns, rows) };
        let (columns, rows) = in_usual_order(columns, rows);
        self.blocks.push(block(header, BlockKind::Table(Table { columns, rows })));
        i
    }
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
