//! Markdown front-end: Tencent's Markdown sources of its documentation (`<Action>.md`,
//! `DataTypes.md`, `ErrorCodes.md`) → [`Page`] blocks, read with pulldown-cmark (CommonMark
//! with the GFM tables extension).
//!
//! - `#` … `######` are headings of levels 1 … 6 (what a heading is, section or example
//!   part, is `extract`'s to tell, by number and content). A Markdown source usually has
//!   no title: then
//!   the page has no level-1 heading (none is made up).
//! - Paragraphs, list items (without their bullet; an item ends at its first block child,
//!   a nested list or a second paragraph, which follow as blocks of their own), fenced and
//!   indented code blocks (verbatim, without trailing line breaks) and tables. Block quotes
//!   are looked through; their blocks are read like any other.
//! - Lines are 1-based source lines where a block (a table row) starts. A UTF-8 BOM is
//!   skipped (it would hide a table on the first line) and counts for no line; CRLF line
//!   ends read like LF ones.
//!
//! Text is rendered as the HTML front-end renders the same page turned into HTML, then
//! passed through [`normalize_cell`]: links and emphasis leave their text, inline code its
//! text without backticks, images nothing, entities are decoded (`&#124;` → `|`), a line
//! break in the source is a line break, and inline HTML tags are rendered: `<br>`, `<p>` and
//! other block elements break the line, `<li>` starts a line `• …`, `</li>` ends it (an
//! HTML parser closes the item there, so text after it is on a line of its own), `<td>` is
//! a space, every other tag vanishes. A raw HTML block becomes a paragraph of its text,
//! rendered the same way.
//!
//! Tables: the columns are told by their cells, the header cells a hint (see
//! [`super::columns`]); a column told neither way is dropped together with the cells under
//! it (a table without any column known has no columns, and its rows no cells). Every body row is kept, an empty one too. A GFM
//! parser keeps exactly as many cells per row as the header has, so the shape of an odd row
//! is settled here, without guessing its meaning:
//!
//! - a row short of cells gets empty cells appended;
//! - a row with more cells than the header: the cells past the header's width are read by
//!   pulldown-cmark as a table row of their own (so escaped pipes and code spans are
//!   honoured); empty ones at the end are dropped (a doubled closing pipe);
//! - if that leaves exactly one cell too many and the first cell is empty (a row written
//!   `|| Month | No | …`, whose empty first cell shifts every cell one column right), the
//!   empty first cell is dropped;
//! - cells still beyond the header's width are appended to the last kept column's cell
//!   (normally the description), each after ` | `, empty ones skipped: `| Filter | No |
//!   [Filter](…) | | Log filters… |` under four columns has the description
//!   `Log filters…`, and no text of a row is ever dropped.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::html_source::BLOCK_ELEMENTS;
use crate::error::Result;
use crate::source::SourceFile;
use crate::vocab::{normalize_cell, Block, BlockKind, Column, Note, Page, Row, Table};

/// CommonMark with GFM tables; nothing else (no strikethrough, footnotes, math …).
const OPTIONS: Options = Options::ENABLE_TABLES;

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Parses a Markdown page into blocks. Never fails: what the content means is judged later.
#[allow(clippy::result_large_err)] // the signature is shared with the other front-ends
pub fn parse(file: &SourceFile) -> Result<Page> {
    let base = if file.text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let source = &file.text[base..];
    let mut builder = Builder { file, base, source, open: None, blocks: Vec::new(), notes: Vec::new() };
    let mut events = Parser::new_ext(source, OPTIONS).into_offset_iter();
    while let Some((event, range)) = events.next() {
        builder.event(event, range, &mut events);
    }
    builder.flush();
    Ok(Page { file: file.display.clone(), blocks: builder.blocks, notes: builder.notes })
}

/// What an open text block becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OpenKind {
    Heading(u8),
    Paragraph,
    ListItem,
}

/// A heading, paragraph or list item whose text is being collected.
struct Open {
    kind: OpenKind,
    offset: usize,
    text: Inline,
    /// A list item whose text is that of its first paragraph (a loose list).
    in_paragraph: bool,
}

struct Builder<'f, 's> {
    file: &'f SourceFile,
    /// Length of the BOM skipped: offsets into `source` plus this are offsets into the file.
    base: usize,
    source: &'s str,
    open: Option<Open>,
    blocks: Vec<Block>,
    /// Tables whose columns were read by their cells.
    notes: Vec<Note>,
}

impl<'s> Builder<'_, 's> {
    fn push(&mut self, offset: usize, kind: BlockKind) {
        self.blocks.push(Block { line: self.line_of(offset), kind });
    }

    fn line_of(&self, offset: usize) -> u32 {
        self.file.line_of(self.base + offset)
    }

    /// Ends the open text block, if any; an empty one leaves no block.
    fn flush(&mut self) {
        let Some(open) = self.open.take() else { return };
        let text = open.text.finish();
        if text.is_empty() {
            return;
        }
        let kind = match open.kind {
            OpenKind::Heading(level) => BlockKind::Heading { level, text },
            OpenKind::Paragraph => BlockKind::Paragraph { text },
            OpenKind::ListItem => BlockKind::ListItem { text },
        };
        self.push(open.offset, kind);
    }

    fn open(&mut self, kind: OpenKind, offset: usize) {
        self.flush();
        self.open = Some(Open { kind, offset, text: Inline::default(), in_paragraph: false });
    }

    fn event(&mut self, event: Event<'s>, range: Range<usize>, events: &mut impl Iterator<Item = Spanned<'s>>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => match level {
                HeadingLevel::H1 => self.open(OpenKind::Heading(1), range.start),
                HeadingLevel::H2 => self.open(OpenKind::Heading(2), range.start),
                HeadingLevel::H3 => self.open(OpenKind::Heading(3), range.start),
                HeadingLevel::H4 => self.open(OpenKind::Heading(4), range.start),
                HeadingLevel::H5 => self.open(OpenKind::Heading(5), range.start),
                HeadingLevel::H6 => self.open(OpenKind::Heading(6), range.start),
            },
            Event::Start(Tag::Paragraph) => match &mut self.open {
                // An item's first paragraph (loose list) is the item's text.
                Some(open) if open.kind == OpenKind::ListItem && !open.in_paragraph && open.text.is_empty() => {
                    open.in_paragraph = true;
                }
                _ => self.open(OpenKind::Paragraph, range.start),
            },
            Event::Start(Tag::Item) => self.open(OpenKind::ListItem, range.start),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => self.flush(),
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush();
                self.code(range.start, events);
            }
            Event::Start(Tag::Table(_)) => {
                self.flush();
                self.table(range.start, events);
            }
            Event::Start(Tag::HtmlBlock) => self.open(OpenKind::Paragraph, range.start),
            Event::Html(html) => {
                if self.open.is_none() {
                    self.open(OpenKind::Paragraph, range.start);
                }
                if let Some(open) = &mut self.open {
                    render_html_block(&html, &mut open.text);
                }
            }
            Event::End(TagEnd::HtmlBlock) => self.flush(),
            // Everything else that is not inline is a block boundary (lists, quotes, rules).
            event if !is_inline(&event) => self.flush(),
            // Inline content outside an open block (after a nested list in a tight item)
            // is a paragraph of its own.
            event => {
                if self.open.is_none() {
                    self.open(OpenKind::Paragraph, range.start);
                }
                if let Some(open) = &mut self.open {
                    open.text.event(&event);
                }
            }
        }
    }

    /// A code block: its text verbatim, without trailing line breaks.
    fn code(&mut self, offset: usize, events: &mut impl Iterator<Item = Spanned<'s>>) {
        let mut text = String::new();
        for (event, _) in events.by_ref() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let text = text.replace("\r\n", "\n");
        let text = text.trim_end_matches(['\n', '\r']);
        if !text.trim().is_empty() {
            self.push(offset, BlockKind::Code { text: text.to_string() });
        }
    }

    fn table(&mut self, offset: usize, events: &mut impl Iterator<Item = Spanned<'s>>) {
        let mut header: Vec<String> = Vec::new();
        let mut rows: Vec<(Range<usize>, Vec<String>)> = Vec::new();
        let mut row: Option<RawRow> = None;
        let mut cell = Inline::default();
        for (event, range) in events.by_ref() {
            match event {
                Event::Start(Tag::TableHead | Tag::TableRow) => row = Some(RawRow::new(range)),
                Event::Start(Tag::TableCell) => {
                    cell = Inline::default();
                    if let Some(row) = &mut row {
                        row.cell_ranges.push(range);
                    }
                }
                Event::End(TagEnd::TableCell) => {
                    if let Some(row) = &mut row {
                        row.cells.push(std::mem::take(&mut cell).finish());
                    }
                }
                Event::End(TagEnd::TableHead) => header = row.take().map(|r| r.cells).unwrap_or_default(),
                Event::End(TagEnd::TableRow) => {
                    if let Some(row) = row.take() {
                        let range = row.range.clone();
                        rows.push((range, row.into_cells(self.source)));
                    }
                }
                Event::End(TagEnd::Table) => break,
                event => cell.event(&event),
            }
        }
        let by_header = header.iter().rposition(|h| Column::from_header(h).is_some());
        let shaped: Vec<Vec<String>> =
            rows.iter().map(|(_, c)| shape_row(c.clone(), header.len(), by_header)).collect();
        let (resolved, note) = super::columns::resolve(&header, &shaped);
        if let Some(message) = note {
            self.notes.push(Note { line: self.line_of(offset), message });
        }
        let known: Vec<(usize, Column)> = resolved.iter().enumerate().filter_map(|(i, c)| c.map(|c| (i, c))).collect();
        let mut table = Table { columns: known.iter().map(|(_, c)| *c).collect(), rows: Vec::new() };
        for (range, cells) in rows {
            let cells = shape_row(cells, header.len(), known.last().map(|(i, _)| *i));
            let cells = known.iter().map(|(i, _)| cells[*i].clone()).collect();
            table.rows.push(Row { line: self.line_of(range.start), cells });
        }
        self.push(offset, BlockKind::Table(table));
    }
}

/// A table row as pulldown-cmark gives it: its source range, its cells' ranges and text.
struct RawRow {
    range: Range<usize>,
    cell_ranges: Vec<Range<usize>>,
    cells: Vec<String>,
}

impl RawRow {
    fn new(range: Range<usize>) -> Self {
        RawRow { range, cell_ranges: Vec::new(), cells: Vec::new() }
    }

    /// The row's cells as written: the parser's, less the empty ones it made up for a short
    /// row, plus the ones it dropped past the header's width.
    fn into_cells(mut self, source: &str) -> Vec<String> {
        let row_text = source.get(self.range.clone()).unwrap_or("");
        let content_end = self.range.start + row_text.trim_end().len();
        // Cells made up for a short row are empty and lie past the row's text.
        let written = self.cell_ranges.iter().take_while(|r| !(r.is_empty() && r.start >= content_end)).count();
        self.cells.truncate(written);
        let rest_start = self.cell_ranges.get(written.wrapping_sub(1)).map_or(self.range.start, |r| r.end);
        if let Some(rest) = source.get(rest_start..content_end) {
            self.cells.extend(cells_of_row(rest));
        }
        self.cells
    }
}

/// The cells of a row's text that lie past the header's width (`| d | e |`, starting at
/// the pipe that ended the last cell read), read by pulldown-cmark as the body row of a
/// table as wide as the text has pipes.
fn cells_of_row(rest: &str) -> Vec<String> {
    let rest = rest.trim();
    if rest.trim_matches('|').trim().is_empty() {
        return Vec::new();
    }
    let width = rest.matches('|').count() + 1;
    let mut table = String::with_capacity(rest.len() + 6 * width + 8);
    table.push('|');
    table.push_str(&"x|".repeat(width));
    table.push_str("\n|");
    table.push_str(&"-|".repeat(width));
    table.push('\n');
    let row_start = table.len();
    table.push_str(rest);
    let mut in_row = false;
    let mut cells = Vec::new();
    let mut cell = Inline::default();
    for (event, range) in Parser::new_ext(&table, OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::TableRow) => in_row = true,
            Event::Start(Tag::TableCell) => cell = Inline::default(),
            // Cells made up for a short row lie past the text.
            Event::End(TagEnd::TableCell) if in_row && range.start < table.len() => {
                cells.push(std::mem::take(&mut cell).finish());
            }
            Event::End(TagEnd::TableRow) => break,
            event if in_row => cell.event(&event),
            _ => {}
        }
    }
    if cells.is_empty() && row_start < table.len() {
        // Not read as a row (it cannot happen with a text starting with `|`): keep the text.
        let mut text = Inline::default();
        text.text(rest.trim_matches('|'));
        cells.push(text.finish());
    }
    cells
}

/// Settles the shape of a row of `cells` under a header `width` cells wide (see the module
/// documentation); `last_kept` is the column that takes cells past the width.
fn shape_row(mut cells: Vec<String>, width: usize, last_kept: Option<usize>) -> Vec<String> {
    while cells.len() > width && cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    if cells.len() == width + 1 && cells[0].is_empty() {
        cells.remove(0);
    }
    if cells.len() > width {
        let extra = cells.split_off(width);
        if let Some(cell) = last_kept.and_then(|i| cells.get_mut(i)) {
            for text in extra.iter().filter(|t| !t.is_empty()) {
                if !cell.is_empty() {
                    cell.push_str(" | ");
                }
                cell.push_str(text);
            }
        }
    }
    cells.resize(width, String::new());
    cells
}

/// Whether an event is part of a line of text.
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// The text of a run of inline events, rendered like the HTML front-end renders it.
#[derive(Default)]
struct Inline {
    out: String,
    /// Inside an image (its alt text is not shown).
    images: usize,
}

impl Inline {
    fn is_empty(&self) -> bool {
        self.out.trim().is_empty()
    }

    fn text(&mut self, text: &str) {
        if self.images == 0 {
            self.out.push_str(text);
        }
    }

    fn event(&mut self, event: &Event) {
        match event {
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.text(text)
            }
            Event::SoftBreak | Event::HardBreak => self.text("\n"),
            Event::InlineHtml(tag) => self.tag(tag),
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            _ => {}
        }
    }

    /// One HTML tag (or comment, declaration …): how it shows in the text.
    fn tag(&mut self, tag: &str) {
        let inner = tag.strip_prefix('<').unwrap_or(tag);
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let length = inner.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = inner[..length].to_ascii_lowercase();
        match name.as_str() {
            "br" => self.text("\n"),
            "li" if !closing => self.text("\n• "),
            "td" | "th" => self.text(" "),
            name if BLOCK_ELEMENTS.contains(&name) => self.text("\n"),
            _ => {}
        }
    }

    fn finish(self) -> String {
        normalize_cell(&self.out)
    }
}

/// The raw lines of an HTML block: tags rendered like inline ones, the text between them
/// with its entities decoded.
fn render_html_block(html: &str, out: &mut Inline) {
    let mut rest = html;
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        out.text(&decode_entities(&rest[..text_end]));
        rest = &rest[text_end..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
        } else if let Some(end) = rest.find('>') {
            out.tag(&rest[..=end]);
            rest = &rest[end + 1..];
        } else {
            out.text(&decode_entities(rest));
            rest = "";
        }
    }
}

/// HTML text (without tags) with its character references decoded, by an HTML parser.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    scraper::Html::parse_fragment(text).root_element().text().collect()
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
