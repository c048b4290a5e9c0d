//! HTML front-end: a documentation page in HTML → [`Page`] blocks.
//!
//! The title is the `h1.doc-title`; the content is read from `.markdown-body` (else `main`,
//! else `body`) in document order. Site chrome (`header`, `nav`, `footer`, `.doc-toolbar`,
//! `.doc-meta`, `.rno-api-explorer`) is skipped. Text is rendered the way the text rendition
//! of a page shows it, then passed through [`normalize_cell`], so that both front-ends
//! produce the same strings: `<br>`, `<p>` and other blocks break lines, a `<li>` is a line
//! starting with `• `, inline tags are flattened and entities decoded. Quirks of the text
//! rendition that are reproduced:
//!
//! - a line break in the page source (inside a `<p>` or a cell) is a line break too;
//! - a `</li>`, `</ul>` or `</ol>` in a table cell that closes nothing (an HTML parser drops
//!   it) still breaks the line;
//! - `<a …>` / `</a>` written as escaped text (`&lt;a href=…&gt;`) are not shown;
//! - in a text that holds markup (`<code>`, `<a>` …) backticks are not shown (they were code
//!   spans), while a plain text keeps them (error-code descriptions: `` `%(value)s` ``).
//!
//! A heading, paragraph or list item ends at its first block child: a nested list, a table,
//! or the rest of a page swallowed by an unclosed `<li>` follows as blocks of their own.
//!
//! Tables: the columns are told by their cells, the header cells a hint (see
//! [`super::columns`]); a column told neither way is dropped together with the cells under
//! it, so that the kept cells stay aligned with `columns` (a table without any column
//! known has no columns, and its rows no cells). `h1` … `h6` are headings of levels 1 … 6
//! (what a heading is, section or example part, is `extract`'s to tell, by number and
//! content). A row short of cells is padded with empty ones.
//!
//! scraper keeps no source positions, so lines come from a cursor over the start tags of
//! the source (see [`ElementOffsets`]).

use std::collections::HashSet;

use scraper::{CaseSensitivity, ElementRef, Html, Node};

use super::html_source::{
    element_key, mark_stray_list_ends, too_deep, ElementOffsets, BLOCK_ELEMENTS, MAX_OPEN_ELEMENTS,
};
use crate::error::{Error, Result};
use crate::source::SourceFile;
use crate::vocab::{normalize_cell, Block, BlockKind, Column, Note, Page, Row, Table};

/// Deeper nesting than this is ignored (guards the recursion against hostile input).
const MAX_DEPTH: usize = 200;

/// Elements whose content is not shown.
const HIDDEN_ELEMENTS: &[&str] =
    &["head", "script", "style", "template", "noscript", "title", "iframe", "noembed", "noframes"];

/// Classes of site chrome (besides the `header`, `nav` and `footer` elements).
const CHROME_CLASSES: &[&str] = &["doc-toolbar", "doc-meta", "rno-api-explorer"];

/// Parses an HTML page into blocks. Fails only on elements nested deeper than
/// [`MAX_OPEN_ELEMENTS`]; otherwise whatever blocks are found are returned.
#[allow(clippy::result_large_err)] // the signature is shared with the text front-end
pub fn parse(file: &SourceFile) -> Result<Page> {
    if let Some((offset, name)) = too_deep(&file.text) {
        return Err(Error::expected(
            &file.display,
            file.line_of(offset),
            format!("HTML elements nested at most {MAX_OPEN_ELEMENTS} deep"),
            format!("`<{name}>` nested deeper"),
        ));
    }
    // Same length and lines as the file, so offsets into it are offsets into the file.
    let source = mark_stray_list_ends(&file.text);
    let document = Html::parse_document(&source);
    let offsets = ElementOffsets::compute(&source, &document);
    let block_holders = block_holders(&document);
    let mut builder =
        PageBuilder { file, offsets, block_holders, last_offset: 0, blocks: Vec::new(), notes: Vec::new() };
    let root = content_root(&document);
    if let Some(title) = title_element(&document) {
        if !title.ancestors().any(|a| a.id() == root.id()) {
            builder.text_block(title, |text| BlockKind::Heading { level: 1, text }, 0);
        }
    }
    builder.walk_pieces(&pieces(root), 0);
    Ok(Page { file: file.display.clone(), blocks: builder.blocks, notes: builder.notes })
}

/// The article: the innermost element holding every numbered section heading of the page
/// (`<h2>1. API Description</h2>` …; a table of contents repeats the names in links, never
/// in headings); on a page without numbered sections (Data Types, Error Codes), the
/// innermost element holding every table whose header names at least two known columns
/// (site chrome has no parameter tables); else `.markdown-body`, else `main`, else `body`,
/// else the root element.
fn content_root(document: &Html) -> ElementRef<'_> {
    let root = document.root_element();
    let sections: Vec<ElementRef> = root
        .descendent_elements()
        .filter(|e| matches!(e.value().name(), "h1" | "h2" | "h3"))
        .filter(|e| crate::vocab::numbered_section(&e.text().collect::<String>()).is_some())
        .collect();
    if let Some(article) = innermost_holder(&sections) {
        return article;
    }
    let tables: Vec<ElementRef> =
        root.descendent_elements().filter(|e| e.value().name() == "table" && is_parameter_table(*e)).collect();
    if let Some(article) = innermost_holder(&tables) {
        return article;
    }
    let find = |pred: &dyn Fn(ElementRef) -> bool| root.descendent_elements().find(|e| pred(*e));
    find(&|e| has_class(e, "markdown-body"))
        .or_else(|| find(&|e| e.value().name() == "main"))
        .or_else(|| find(&|e| e.value().name() == "body"))
        .unwrap_or(root)
}

/// The innermost element holding all of `elements` (their parent, for one).
fn innermost_holder<'a>(elements: &[ElementRef<'a>]) -> Option<ElementRef<'a>> {
    let (first, rest) = elements.split_first()?;
    let mut ancestors: Vec<ElementRef> = first.ancestors().filter_map(ElementRef::wrap).collect();
    for el in rest {
        ancestors.retain(|a| el.ancestors().any(|h| h.id() == a.id()));
    }
    ancestors.first().copied()
}

/// A table whose header row (its first row) names at least two columns of a parameter or
/// error-code table.
fn is_parameter_table(table: ElementRef<'_>) -> bool {
    table_rows(table).first().is_some_and(|row| {
        let known = row.cells.iter().filter(|c| Column::from_header(&c.text().collect::<String>()).is_some());
        known.count() >= 2
    })
}

/// The `h1.doc-title`, else the first `h1` outside site chrome.
fn title_element(document: &Html) -> Option<ElementRef<'_>> {
    let h1s = || document.root_element().descendent_elements().filter(|e| e.value().name() == "h1");
    h1s()
        .find(|e| has_class(*e, "doc-title"))
        .or_else(|| h1s().find(|e| !e.ancestors().filter_map(ElementRef::wrap).any(is_chrome)))
}

fn has_class(el: ElementRef, class: &str) -> bool {
    el.value().has_class(class, CaseSensitivity::AsciiCaseInsensitive)
}

fn is_chrome(el: ElementRef) -> bool {
    matches!(el.value().name(), "header" | "nav" | "footer") || CHROME_CLASSES.iter().any(|c| has_class(el, c))
}

fn is_hidden(el: ElementRef) -> bool {
    HIDDEN_ELEMENTS.contains(&el.value().name())
}

/// The elements (by [`element_key`]) that hold a block element: containers, even when
/// their own name is inline (an `<a>` around a `<p>`).
fn block_holders(document: &Html) -> HashSet<usize> {
    let elements: Vec<ElementRef> = document.root_element().descendent_elements().collect();
    let mut holders = HashSet::new();
    // Children come after their parent in document order.
    for el in elements.iter().rev() {
        let is_holder = |c: ElementRef| BLOCK_ELEMENTS.contains(&c.value().name()) || holders.contains(&element_key(c));
        if el.child_elements().any(is_holder) {
            holders.insert(element_key(*el));
        }
    }
    holders
}

/// A child of an element: a text node or an element.
#[derive(Clone, Copy)]
enum Piece<'a> {
    Text(&'a str),
    Element(ElementRef<'a>),
}

fn pieces(el: ElementRef<'_>) -> Vec<Piece<'_>> {
    el.children()
        .filter_map(|child| match child.value() {
            Node::Text(text) => Some(Piece::Text(text)),
            Node::Element(_) => ElementRef::wrap(child).map(Piece::Element),
            _ => None,
        })
        .collect()
}

/// The normalised text of inline pieces; backticks are dropped when there is markup.
fn render_text(pieces: &[Piece], depth: usize) -> String {
    let mut renderer = Renderer::default();
    let mut markup = false;
    for piece in pieces {
        match piece {
            Piece::Text(text) => renderer.text(text),
            Piece::Element(el) => {
                markup = true;
                renderer.element(*el, depth);
            }
        }
    }
    let text = normalize_cell(&renderer.out);
    if markup && text.contains('`') {
        text.replace('`', "")
    } else {
        text
    }
}

/// Collects the blocks of a page in document order.
struct PageBuilder<'f> {
    file: &'f SourceFile,
    offsets: ElementOffsets,
    block_holders: HashSet<usize>,
    /// Offset of the last element walked, for the line of a run of bare text.
    last_offset: usize,
    blocks: Vec<Block>,
    /// Tables whose columns were read by their cells.
    notes: Vec<Note>,
}

impl PageBuilder<'_> {
    /// Part of a line of text: neither chrome, hidden, a block, nor holding a block.
    fn is_inline(&self, el: ElementRef) -> bool {
        let name = el.value().name();
        !is_chrome(el)
            && !is_hidden(el)
            && !BLOCK_ELEMENTS.contains(&name)
            && !self.block_holders.contains(&element_key(el))
    }

    fn push(&mut self, offset: usize, kind: BlockKind) {
        self.blocks.push(Block { line: self.file.line_of(offset), kind });
    }

    /// Walks the children of a container: block elements one by one, each run of text and
    /// inline elements between them as a paragraph.
    fn walk_pieces(&mut self, pieces: &[Piece], depth: usize) {
        let mut run_start = 0;
        for (i, piece) in pieces.iter().enumerate() {
            if let Piece::Element(el) = piece {
                if !self.is_inline(*el) {
                    self.paragraph(&pieces[run_start..i], depth);
                    self.walk_element(*el, depth + 1);
                    run_start = i + 1;
                }
            }
        }
        self.paragraph(&pieces[run_start..], depth);
    }

    /// A run of bare text and inline elements; its line is that of its first element.
    fn paragraph(&mut self, run: &[Piece], depth: usize) {
        let text = render_text(run, depth);
        if !text.is_empty() {
            let first_element = run.iter().find_map(|p| match p {
                Piece::Element(el) => Some(self.offsets.get(*el)),
                Piece::Text(_) => None,
            });
            self.push(first_element.unwrap_or(self.last_offset), BlockKind::Paragraph { text });
        }
    }

    fn walk_element(&mut self, el: ElementRef, depth: usize) {
        if depth > MAX_DEPTH || is_chrome(el) || is_hidden(el) {
            return;
        }
        self.last_offset = self.offsets.get(el);
        match el.value().name() {
            name @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                let level = name.as_bytes()[1] - b'0';
                self.text_block(el, |text| BlockKind::Heading { level, text }, depth);
            }
            "p" => match lone_code_block(el) {
                Some(code) => self.code(code, depth),
                None => self.text_block(el, |text| BlockKind::Paragraph { text }, depth),
            },
            "li" => self.text_block(el, |text| BlockKind::ListItem { text }, depth),
            "table" => self.table(el, depth),
            "pre" => self.code(el, depth),
            _ => self.walk_pieces(&pieces(el), depth),
        }
    }

    /// A heading, paragraph or list item: its text up to its first block child (or, when
    /// it starts with a `<p>`, that paragraph's text); the rest follows as blocks.
    fn text_block(&mut self, el: ElementRef, kind: impl Fn(String) -> BlockKind, depth: usize) {
        let pieces = pieces(el);
        let is_block = |p: &Piece| matches!(p, Piece::Element(el) if !self.is_inline(*el));
        let mut split = pieces.iter().position(is_block).unwrap_or(pieces.len());
        let mut text = render_text(&pieces[..split], depth);
        if let (true, Some(Piece::Element(first))) = (text.is_empty(), pieces.get(split)) {
            if first.value().name() == "p" {
                text = render_text(&self::pieces(*first), depth);
                split += 1;
            }
        }
        if !text.is_empty() {
            self.push(self.offsets.get(el), kind(text));
        }
        self.walk_pieces(&pieces[split..], depth);
    }

    /// A `pre`: its text verbatim, without trailing line breaks.
    fn code(&mut self, el: ElementRef, depth: usize) {
        let mut renderer = Renderer { preformatted: true, ..Renderer::default() };
        renderer.children(el, depth);
        let text = renderer.out.trim_end_matches(['\n', '\r']);
        if !text.trim().is_empty() {
            self.push(self.offsets.get(el), BlockKind::Code { text: text.to_string() });
        }
    }

    fn table(&mut self, el: ElementRef, depth: usize) {
        let rows = table_rows(el);
        let is_th = |c: &ElementRef| c.value().name() == "th";
        let header = rows
            .iter()
            .position(|r| r.in_thead)
            .or_else(|| rows.iter().position(|r| !r.cells.is_empty() && r.cells.iter().all(is_th)));
        let header_texts: Vec<String> =
            header.map_or_else(Vec::new, |h| rows[h].cells.iter().map(|th| render_text(&pieces(*th), depth)).collect());
        let body: Vec<(usize, &TableRow)> = rows
            .iter()
            .enumerate()
            .filter(|(i, row)| !(Some(*i) == header || row.in_thead || row.cells.iter().all(is_th)))
            .collect();
        let texts: Vec<Vec<String>> =
            body.iter().map(|(_, row)| row.cells.iter().map(|c| render_text(&pieces(*c), depth)).collect()).collect();
        // Column index in the rows → what it holds (see `columns`).
        let (resolved, note) = super::columns::resolve(&header_texts, &texts);
        if let Some(message) = note {
            self.notes.push(Note { line: self.file.line_of(self.offsets.get(el)), message });
        }
        let known: Vec<(usize, Column)> = resolved.iter().enumerate().filter_map(|(i, c)| c.map(|c| (i, c))).collect();
        let mut table = Table { columns: known.iter().map(|(_, c)| *c).collect(), rows: Vec::new() };
        for ((_, row), cells) in body.iter().zip(texts) {
            // A `tr` the parser made up takes the offset of a later one: use its first cell's.
            let first_cell = row.cells.first().map_or(usize::MAX, |c| self.offsets.get(*c));
            let offset = self.offsets.get(row.tr).min(first_cell);
            let cells = known.iter().map(|(index, _)| cells.get(*index).cloned().unwrap_or_default()).collect();
            table.rows.push(Row { line: self.file.line_of(offset), cells });
        }
        self.push(self.offsets.get(el), BlockKind::Table(table));
    }
}

/// The `<code>` a paragraph consists of when it is a code block in all but name: its only
/// content (white space aside) is one `<code>` whose text runs over several lines, as a
/// Markdown renderer writes an example it did not take for a fenced block
/// (`<p><code>{\n  "Response": …}</code></p>`).
fn lone_code_block(p: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut code = None;
    for piece in pieces(p) {
        match piece {
            Piece::Text(text) if text.trim().is_empty() => {}
            Piece::Element(el) if el.value().name() == "code" && code.is_none() => code = Some(el),
            _ => return None,
        }
    }
    code.filter(|c| c.text().collect::<String>().trim().contains('\n'))
}

/// A row of a table: the `tr`, its `td`/`th` cells, and whether it lies in the `thead`.
struct TableRow<'a> {
    tr: ElementRef<'a>,
    cells: Vec<ElementRef<'a>>,
    in_thead: bool,
}

/// The table's own rows (not those of tables nested in its cells), in order.
fn table_rows(table: ElementRef<'_>) -> Vec<TableRow<'_>> {
    fn row(tr: ElementRef<'_>, in_thead: bool) -> TableRow<'_> {
        let cells = tr.child_elements().filter(|c| matches!(c.value().name(), "td" | "th")).collect();
        TableRow { tr, cells, in_thead }
    }
    let mut rows = Vec::new();
    for child in table.child_elements() {
        match child.value().name() {
            "tr" => rows.push(row(child, false)),
            section @ ("thead" | "tbody" | "tfoot") => {
                let trs = child.child_elements().filter(|c| c.value().name() == "tr");
                rows.extend(trs.map(|tr| row(tr, section == "thead")));
            }
            _ => {}
        }
    }
    rows
}

/// Renders elements to text, with line breaks where the text rendition has them.
#[derive(Default)]
struct Renderer {
    out: String,
    /// Inside a `pre`: keep the text exactly (no escaped links dropped).
    preformatted: bool,
}

impl Renderer {
    fn text(&mut self, text: &str) {
        if self.preformatted {
            self.out.push_str(text);
        } else {
            self.out.push_str(&strip_literal_links(text));
        }
    }

    fn children(&mut self, el: ElementRef, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for piece in pieces(el) {
            match piece {
                Piece::Text(text) => self.text(text),
                Piece::Element(child) => self.element(child, depth + 1),
            }
        }
    }

    fn element(&mut self, el: ElementRef, depth: usize) {
        if is_chrome(el) || is_hidden(el) {
            return;
        }
        let name = el.value().name();
        match name {
            "br" => self.out.push('\n'),
            "li" => {
                let mut item = Renderer { preformatted: self.preformatted, ..Renderer::default() };
                item.children(el, depth);
                self.out.push_str("\n• ");
                self.out.push_str(item.out.trim_start());
                self.out.push('\n');
            }
            "td" | "th" => {
                self.out.push(' ');
                self.children(el, depth);
                self.out.push(' ');
            }
            _ if BLOCK_ELEMENTS.contains(&name) => {
                let outer = self.preformatted;
                self.preformatted |= name == "pre";
                self.out.push('\n');
                self.children(el, depth);
                self.out.push('\n');
                self.preformatted = outer;
            }
            _ => self.children(el, depth),
        }
    }
}

/// Drops `<a …>` and `</a>` that a text holds literally (escaped markup in the page).
fn strip_literal_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('<') {
        let tail = &rest[pos..];
        let opens = tail.starts_with("<a") && tail[2..].starts_with(|c: char| c.is_whitespace() || c == '>');
        let link =
            if tail.starts_with("</a>") { Some(4) } else { opens.then(|| tail.find('>').map(|e| e + 1)).flatten() };
        out.push_str(&rest[..pos + usize::from(link.is_none())]);
        rest = &tail[link.unwrap_or(1)..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
