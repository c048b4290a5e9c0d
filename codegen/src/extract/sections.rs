//! The numbered sections of an action page, told by structure: a heading `N. …` at any
//! level is section N whatever it is called. Which section it is comes from its title when
//! the vocabulary knows it (the title decides between kinds that share a number: older
//! pages have `4. Error Codes` before `5. Example`); else from what the section holds (a
//! parameter table is the input, or the output once there is an input; code is examples;
//! a code table is errors) and its number. An unseen title is a warning, never an error.
//!
//! Which numbered headings open sections: the known titles (at levels 1–3, or in counting
//! order), and headings with unseen titles that go on counting from the last section (by
//! one or two: a page may skip a section) without reaching the number of a known title
//! further down (a numbered sub-heading in a section's text is no section).

use std::collections::BTreeMap;

use crate::vocab::{self, BlockKind, Column, Note, Page, Section};

/// Where a section starts: the block's index and what it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Start {
    pub section: Section,
    /// The block is the section's heading (else the section's first block: the text of a
    /// page that has no section 1 heading, read as its description).
    pub heading: bool,
}

/// A numbered heading of a page.
struct Numbered<'a> {
    index: usize,
    level: u8,
    number: u32,
    text: &'a str,
    known: Option<Section>,
}

/// The page's numbered headings, the page title and Error Codes page headings aside.
fn numbered_headings(page: &Page) -> Vec<Numbered<'_>> {
    let mut out = Vec::new();
    for (index, block) in page.blocks.iter().enumerate() {
        let BlockKind::Heading { level, text } = &block.kind else { continue };
        let Some((number, title)) = vocab::heading_number(text) else { continue };
        if title.is_empty() || vocab::error_code_group(text).is_some() || vocab::is_error_page_section(text) {
            continue;
        }
        out.push(Numbered { index, level: *level, number, text, known: vocab::section(text) });
    }
    out
}

/// The numbered headings that open sections (see the module documentation).
fn section_headings(page: &Page) -> Vec<Numbered<'_>> {
    let all = numbered_headings(page);
    let mut accepted: Vec<usize> = Vec::new();
    for (k, heading) in all.iter().enumerate() {
        let last = accepted.last().map_or(0, |&a| all[a].number);
        let take = match heading.known {
            Some(_) => heading.level <= 3 || heading.number > last,
            None => {
                let next_known = all[k + 1..].iter().find(|h| h.known.is_some() && h.level <= 3).map(|h| h.number);
                heading.number > last
                    && heading.number <= last + 2
                    && (last > 0 || heading.number <= 2)
                    && next_known.is_none_or(|n| heading.number < n)
            }
        };
        if take {
            accepted.push(k);
        }
    }
    all.into_iter().enumerate().filter(|(k, _)| accepted.contains(k)).map(|(_, h)| h).collect()
}

/// Whether the page reads as an action page: a numbered heading with a section's title, or
/// numbered headings counting up from 1 or 2 over a parameter table (a page of numbered
/// prose, an overview, is none).
pub(super) fn is_action_page(page: &Page) -> bool {
    let headings = section_headings(page);
    let params =
        || page.blocks.iter().any(|b| matches!(&b.kind, BlockKind::Table(t) if t.columns.contains(&Column::Type)));
    headings.iter().any(|h| h.known.is_some()) || (headings.len() >= 2 && params())
}

/// What a section holds, from its blocks up to the next section heading.
#[derive(Default)]
struct Content {
    params: bool,
    codes: bool,
    examples: bool,
    text: bool,
}

fn content(page: &Page, from: usize, to: usize) -> Content {
    let mut c = Content::default();
    for block in page.blocks.get(from..to).unwrap_or(&[]) {
        match &block.kind {
            BlockKind::Table(t) if t.columns.contains(&Column::Type) => c.params = true,
            BlockKind::Table(t) if t.columns.contains(&Column::Name) => c.codes = true,
            BlockKind::Code { .. } => c.examples = true,
            BlockKind::Heading { text, .. } if vocab::example_part(text).is_some() || vocab::is_example_title(text) => {
                c.examples = true
            }
            BlockKind::Paragraph { .. } | BlockKind::ListItem { .. } => c.text = true,
            _ => {}
        }
    }
    c
}

/// The section a number names on the usual layout.
fn by_number(number: u32) -> Section {
    match number {
        1 => Section::Description,
        2 => Section::Input,
        3 => Section::Output,
        4 => Section::Examples,
        6 => Section::Errors,
        _ => Section::Resources,
    }
}

/// Where each section of an action page starts (by block index), with notes for the
/// titles read by number or content.
pub(super) fn sections(page: &Page, notes: &mut Vec<Note>) -> BTreeMap<usize, Start> {
    let headings = section_headings(page);
    let mut starts = BTreeMap::new();
    let mut seen: Vec<Section> = Vec::new();
    for (k, heading) in headings.iter().enumerate() {
        let line = page.blocks[heading.index].line;
        let end = headings.get(k + 1).map_or(page.blocks.len(), |h| h.index);
        let section = match heading.known {
            // A second input section where the output section belongs.
            Some(Section::Input) if seen.contains(&Section::Input) && !seen.contains(&Section::Output) => {
                notes.push(Note {
                    line,
                    message: format!(
                        "section `{}` repeats the input section's name: read as `3. Output Parameters`",
                        heading.text
                    ),
                });
                Section::Output
            }
            Some(s) => s,
            None => {
                let c = content(page, heading.index + 1, end);
                let number = by_number(heading.number);
                let by_content = if c.params {
                    Some(if seen.contains(&Section::Input) || heading.number >= 3 {
                        Section::Output
                    } else {
                        Section::Input
                    })
                } else if c.examples {
                    Some(Section::Examples)
                } else if c.codes {
                    Some(Section::Errors)
                } else if c.text && heading.number == 1 {
                    Some(Section::Description)
                } else {
                    None
                };
                let (section, how) = match by_content {
                    Some(s) if s == number => (s, "its number and content"),
                    Some(s) => (s, "its content"),
                    None => (number, "its number"),
                };
                let title = vocab::strip_number(heading.text).unwrap_or(heading.text);
                notes.push(Note {
                    line,
                    message: format!(
                        "section title `{title}` not in the vocabulary: read as section {} (`{}`) by {how}",
                        heading.number,
                        section.title()
                    ),
                });
                section
            }
        };
        seen.push(section);
        starts.insert(heading.index, Start { section, heading: true });
    }
    // No section 1 heading: the text between the title and the first section, if any (and
    // no table), is the description.
    if let Some(first) = headings.first().filter(|_| !seen.contains(&Section::Description)) {
        let from =
            usize::from(matches!(page.blocks.first().map(|b| &b.kind), Some(BlockKind::Heading { level: 1, .. })));
        let before = page.blocks.get(from..first.index).unwrap_or(&[]);
        let text =
            before.iter().position(|b| matches!(b.kind, BlockKind::Paragraph { .. } | BlockKind::ListItem { .. }));
        let table = before.iter().any(|b| matches!(b.kind, BlockKind::Table(_)));
        if let (Some(at), false) = (text, table) {
            notes.push(Note {
                line: before[at].line,
                message: format!(
                    "no `1. API Description` heading: the text before `{}` is read as the API description",
                    first.text
                ),
            });
            starts.insert(from + at, Start { section: Section::Description, heading: false });
        }
    }
    starts
}

/// Whether a level-1 heading is a numbered section rather than the page's title.
pub(super) fn is_numbered_title(text: &str) -> bool {
    vocab::heading_number(text).is_some_and(|(n, title)| n <= 20 && !title.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{Block, Row, Table};

    fn heading(level: u8, text: &str) -> BlockKind {
        BlockKind::Heading { level, text: text.to_string() }
    }

    fn para(text: &str) -> BlockKind {
        BlockKind::Paragraph { text: text.to_string() }
    }

    fn table(columns: &[Column]) -> BlockKind {
        BlockKind::Table(Table { columns: columns.to_vec(), rows: vec![Row { line: 1, cells: vec![] }] })
    }

    fn page(kinds: Vec<BlockKind>) -> Page {
        let blocks = kinds.into_iter().enumerate().map(|(i, kind)| Block { line: i as u32 + 1, kind }).collect();
        Page { file: "p.md".into(), blocks, notes: vec![] }
    }

    fn assigned(p: &Page) -> Vec<(usize, Section, bool)> {
        let mut notes = vec![];
        sections(p, &mut notes).into_iter().map(|(i, s)| (i, s.section, s.heading)).collect()
    }

    const PARAMS: &[Column] = &[Column::Name, Column::Type, Column::Description];

    #[test]
    fn unseen_titles_are_read_by_number_and_content() {
        let p = page(vec![
            heading(2, "1. API Description"),
            para("text"),
            heading(2, "2. Input Parameters"),
            table(PARAMS),
            heading(2, "3. Zorblat"),
            table(PARAMS),
            heading(2, "4. Quux"),
            BlockKind::Code { text: "x".into() },
        ]);
        assert_eq!(
            assigned(&p),
            [
                (0, Section::Description, true),
                (2, Section::Input, true),
                (4, Section::Output, true),
                (6, Section::Examples, true)
            ]
        );
        let mut notes = vec![];
        sections(&p, &mut notes);
        assert_eq!(
            notes[0].message,
            "section title `Zorblat` not in the vocabulary: read as section 3 (`3. Output Parameters`) by its number and content"
        );
        assert!(is_action_page(&p));
    }

    #[test]
    fn a_numbered_sub_heading_is_no_section() {
        let p = page(vec![
            heading(2, "1. API Description"),
            heading(3, "2. Notes"),
            para("text"),
            heading(2, "2. Input Parameters"),
            table(PARAMS),
            heading(2, "3. Output Parameters"),
            table(PARAMS),
            heading(3, "1. Step"),
        ]);
        assert_eq!(
            assigned(&p),
            [(0, Section::Description, true), (3, Section::Input, true), (5, Section::Output, true)]
        );
    }

    #[test]
    fn mixed_levels_and_no_section_one() {
        let p = page(vec![
            heading(1, "Run"),
            para("Domain name for API request: demo.tencentcloudapi.com."),
            heading(1, "2. Input Parameters"),
            table(PARAMS),
            heading(3, "3. Output Parameters"),
            table(PARAMS),
        ]);
        assert_eq!(
            assigned(&p),
            [(1, Section::Description, false), (2, Section::Input, true), (4, Section::Output, true)]
        );
        let unseen = page(vec![heading(2, "2. Foo"), table(PARAMS), heading(2, "3. Bar"), table(PARAMS)]);
        assert!(is_action_page(&unseen));
        assert_eq!(assigned(&unseen), [(0, Section::Input, true), (2, Section::Output, true)]);
        assert!(!is_action_page(&page(vec![heading(2, "2019. A year"), table(PARAMS)])));
        assert!(!is_action_page(&page(vec![heading(2, "Vpc"), table(PARAMS)])));
        assert!(!is_action_page(&page(vec![heading(2, "1. Overview"), para("a"), heading(2, "2. Usage"), para("b")])));
    }
}
