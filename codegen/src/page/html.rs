//! HTML front-end: a documentation page in HTML → [`Page`] blocks.
//!
//! The title is the `h1.doc-title`; the content is read from `.markdown-body` (else `main`,
//! else `body`) in document order. Site chrome (`header`, `nav`, `footer`, `.doc-toolbar`,
//! `.doc-meta`, `.rno-api-explorer`) is skipped. Text is rendered the way the text rendition
//! of a page shows it, then passed through [`normalize_cell`], so that both front-ends
//! produce the same strings: `<br>`, `<p>` and other blocks break lines, a `<li>` is a line
//! starting with `• `, inline tags are flattened and entities decoded. Three quirks of the
//! text rendition are reproduced:
//!
//! - a `</li>`, `</ul>` or `</ol>` in a table cell that closes nothing (an HTML parser drops
//!   it) still breaks the line;
//! - `<a …>` / `</a>` written as escaped text (`&lt;a href=…&gt;`) are not shown;
//! - in a text that holds markup (`<code>`, `<a>` …) backticks are not shown (they were code
//!   spans), while a plain text keeps them (error-code descriptions: `` `%(value)s` ``).
//!
//! A heading, paragraph or list item ends at its first block child: a nested list, a table,
//! or the rest of a page swallowed by an unclosed `<li>` follows as blocks of their own.
//!
//! Tables: the columns are the header cells [`Column::from_header`] knows; an unknown
//! header cell is dropped together with the cells under it, so that the kept cells stay
//! aligned with `columns` (a table without any known header cell has no columns, and its
//! rows no cells). A row short of cells is padded with empty ones.
//!
//! scraper keeps no source positions, so lines come from a cursor over the start tags of
//! the source (see [`ElementOffsets`]).

use std::borrow::Cow;
use std::collections::HashMap;

use scraper::{CaseSensitivity, ElementRef, Html, Node};

use super::{normalize_cell, Block, BlockKind, Column, Page, Row, Table};
use crate::error::Result;
use crate::source::SourceFile;

/// Deeper nesting than this is ignored (guards the recursion against hostile input).
const MAX_DEPTH: usize = 200;

/// Elements that are rendered as their own line(s), never as part of a line of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing",
    "main", "menu", "nav", "ol", "p", "plaintext", "pre", "search", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "xmp",
];

/// Elements whose content is not shown.
const HIDDEN_ELEMENTS: &[&str] =
    &["head", "script", "style", "template", "noscript", "title", "iframe", "noembed", "noframes"];

/// Classes of site chrome (besides the `header`, `nav` and `footer` elements).
const CHROME_CLASSES: &[&str] = &["doc-toolbar", "doc-meta", "rno-api-explorer"];

/// Parses an HTML page into blocks. Never fails: whatever blocks are found are returned.
pub fn parse(file: &SourceFile) -> Result<Page> {
    // Same length and lines as the file, so offsets into it are offsets into the file.
    let source = mark_stray_list_ends(&file.text);
    let document = Html::parse_document(&source);
    let offsets = ElementOffsets::compute(&source, &document);
    let mut builder = PageBuilder { file, offsets, last_offset: 0, blocks: Vec::new() };
    let root = content_root(&document);
    if let Some(title) = title_element(&document) {
        if !title.ancestors().any(|a| a.id() == root.id()) {
            builder.text_block(title, TextKind::Heading(1), 0);
        }
    }
    builder.walk_pieces(&pieces(root), 0);
    Ok(Page { file: file.display.clone(), blocks: builder.blocks })
}

/// `.markdown-body`, else `main`, else `body`, else the root element.
fn content_root(document: &Html) -> ElementRef<'_> {
    let root = document.root_element();
    let find = |pred: &dyn Fn(ElementRef) -> bool| root.descendent_elements().find(|e| pred(*e));
    find(&|e| has_class(e, "markdown-body"))
        .or_else(|| find(&|e| e.value().name() == "main"))
        .or_else(|| find(&|e| e.value().name() == "body"))
        .unwrap_or(root)
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

/// Part of a line of text: not chrome or hidden, and neither a block nor holding one (an
/// `<a>` around a `<p>` is a container).
fn is_inline(el: ElementRef) -> bool {
    !is_chrome(el) && !is_hidden(el) && !el.descendent_elements().any(|d| BLOCK_ELEMENTS.contains(&d.value().name()))
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

fn is_block_piece(piece: &Piece) -> bool {
    matches!(piece, Piece::Element(el) if !is_inline(*el))
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

/// The kinds of block whose content is one text.
#[derive(Clone, Copy)]
enum TextKind {
    Heading(u8),
    Paragraph,
    ListItem,
}

impl TextKind {
    fn block(self, text: String) -> BlockKind {
        match self {
            TextKind::Heading(level) => BlockKind::Heading { level, text },
            TextKind::Paragraph => BlockKind::Paragraph { text },
            TextKind::ListItem => BlockKind::ListItem { text },
        }
    }
}

/// Collects the blocks of a page in document order.
struct PageBuilder<'f> {
    file: &'f SourceFile,
    offsets: ElementOffsets,
    /// Offset of the last element walked, for the line of a run of bare text.
    last_offset: usize,
    blocks: Vec<Block>,
}

impl PageBuilder<'_> {
    fn push(&mut self, offset: usize, kind: BlockKind) {
        self.blocks.push(Block { line: self.file.line_of(offset), kind });
    }

    /// Walks the children of a container: block elements one by one, each run of text and
    /// inline elements between them as a paragraph.
    fn walk_pieces(&mut self, pieces: &[Piece], depth: usize) {
        let mut run_start = 0;
        for (i, piece) in pieces.iter().enumerate() {
            if let Piece::Element(el) = piece {
                if !is_inline(*el) {
                    self.paragraph(&pieces[run_start..i], depth);
                    self.walk_element(*el, depth + 1);
                    run_start = i + 1;
                }
            }
        }
        self.paragraph(&pieces[run_start..], depth);
    }

    /// A run of bare text and inline elements.
    fn paragraph(&mut self, run: &[Piece], depth: usize) {
        let text = render_text(run, depth);
        if !text.is_empty() {
            let offset = match run.first() {
                Some(Piece::Element(el)) => self.offsets.get(*el),
                _ => self.last_offset,
            };
            self.push(offset, BlockKind::Paragraph { text });
        }
    }

    fn walk_element(&mut self, el: ElementRef, depth: usize) {
        if depth > MAX_DEPTH || is_chrome(el) || is_hidden(el) {
            return;
        }
        self.last_offset = self.offsets.get(el);
        match el.value().name() {
            "h1" => self.text_block(el, TextKind::Heading(1), depth),
            "h2" => self.text_block(el, TextKind::Heading(2), depth),
            "h3" => self.text_block(el, TextKind::Heading(3), depth),
            "h4" => self.text_block(el, TextKind::Heading(4), depth),
            "p" | "h5" | "h6" => self.text_block(el, TextKind::Paragraph, depth),
            "li" => self.text_block(el, TextKind::ListItem, depth),
            "table" => self.table(el, depth),
            "pre" => self.code(el, depth),
            _ => self.walk_pieces(&pieces(el), depth),
        }
    }

    /// A heading, paragraph or list item: its text up to its first block child (or, when
    /// it starts with a `<p>`, that paragraph's text); the rest follows as blocks.
    fn text_block(&mut self, el: ElementRef, kind: TextKind, depth: usize) {
        let pieces = pieces(el);
        let mut split = pieces.iter().position(is_block_piece).unwrap_or(pieces.len());
        let mut text = render_text(&pieces[..split], depth);
        if let (true, Some(Piece::Element(first))) = (text.is_empty(), pieces.get(split)) {
            if first.value().name() == "p" {
                text = render_text(&self::pieces(*first), depth);
                split += 1;
            }
        }
        if !text.is_empty() {
            self.push(self.offsets.get(el), kind.block(text));
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
        // Column index in the rows → what it holds, for the header cells we know.
        let known: Vec<(usize, Column)> = header.map_or_else(Vec::new, |h| {
            let cells = rows[h].cells.iter().enumerate();
            cells.filter_map(|(i, th)| Column::from_header(&render_text(&pieces(*th), depth)).map(|c| (i, c))).collect()
        });
        let mut table = Table { columns: known.iter().map(|(_, c)| *c).collect(), rows: Vec::new() };
        for (i, row) in rows.iter().enumerate() {
            if Some(i) == header || row.in_thead || row.cells.iter().all(is_th) {
                continue;
            }
            let cell_text = |index: usize| row.cells.get(index).map_or_else(String::new, |c| render_text(&pieces(*c), depth));
            // A `tr` the parser made up takes the offset of a later one: use its first cell's.
            let first_cell = row.cells.first().map_or(usize::MAX, |c| self.offsets.get(*c));
            let offset = self.offsets.get(row.tr).min(first_cell);
            let cells = known.iter().map(|(index, _)| cell_text(*index)).collect();
            table.rows.push(Row { line: self.file.line_of(offset), cells });
        }
        self.push(self.offsets.get(el), BlockKind::Table(table));
    }
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
    /// Keep the text's own line breaks (inside `pre`).
    preformatted: bool,
}

impl Renderer {
    fn text(&mut self, text: &str) {
        if self.preformatted {
            self.out.push_str(text);
        } else {
            let text = strip_literal_links(text);
            self.out.push_str(&text);
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
fn strip_literal_links(text: &str) -> Cow<'_, str> {
    if !text.contains("<a") && !text.contains("</a>") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let link_start = tail.starts_with("<a") && tail[2..].starts_with(|c: char| c.is_whitespace() || c == '>');
        let tag_len = if tail.starts_with("</a>") {
            Some(4)
        } else if link_start {
            tail.find('>').map(|end| end + 1)
        } else {
            None
        };
        match tag_len {
            Some(len) => rest = &tail[len..],
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The source with each `</li>`, `</ul>` and `</ol>` inside a table cell that closes
/// nothing replaced by a `<br>` of the same length: an HTML parser drops such an end tag,
/// the text rendition breaks the line there.
fn mark_stray_list_ends(text: &str) -> Cow<'_, str> {
    let mut bytes: Option<Vec<u8>> = None;
    let mut in_cell = false;
    // Per open list (the first entry: the cell itself), whether an item is open in it.
    let mut open_items = vec![false];
    for tag in scan_tags(text) {
        let stray = match (tag.closing, tag.name.as_str()) {
            (false, "td" | "th") => {
                in_cell = true;
                open_items = vec![false];
                false
            }
            (_, "td" | "th" | "tr" | "table" | "tbody" | "thead") => {
                in_cell = false;
                false
            }
            _ if !in_cell => false,
            (false, "ul" | "ol") => {
                open_items.push(false);
                false
            }
            (false, "li") => {
                open_items.last_mut().into_iter().for_each(|open| *open = true);
                false
            }
            (true, "li") => !open_items.last_mut().is_some_and(|open| std::mem::replace(open, false)),
            (true, "ul" | "ol") => open_items.len() <= 1 || open_items.pop().is_none(),
            _ => false,
        };
        if stray && tag.end >= tag.start + 4 {
            let bytes = bytes.get_or_insert_with(|| text.as_bytes().to_vec());
            bytes[tag.start..tag.end].fill(b' ');
            bytes[tag.start..tag.start + 3].copy_from_slice(b"<br");
            bytes[tag.end - 1] = b'>';
        }
    }
    match bytes.map(String::from_utf8) {
        Some(Ok(marked)) => Cow::Owned(marked),
        _ => Cow::Borrowed(text),
    }
}

/// The byte offset in the source of every element's start tag.
///
/// The elements are visited in document order with a cursor over the start tags of the
/// source: each element takes the first start tag of its name at or after the cursor, and
/// moves the cursor past it. Elements the parser may make up (`html`, `body`, `tbody`,
/// `tr`, a `p` for a stray `</p>`) and inline elements (which the parser may re-open) take
/// that offset without moving the cursor; an element whose tag is not found takes the
/// cursor's offset.
struct ElementOffsets {
    /// Element (by address in the parsed tree, see [`element_key`]) → offset.
    offsets: HashMap<usize, usize>,
}

impl ElementOffsets {
    fn compute(text: &str, document: &Html) -> Self {
        let mut starts: HashMap<String, Vec<Tag>> = HashMap::new();
        for tag in scan_tags(text).into_iter().filter(|t| !t.closing) {
            starts.entry(tag.name.clone()).or_default().push(tag);
        }
        let bytes = text.as_bytes();
        let mut offsets = HashMap::new();
        let mut cursor = 0;
        for el in document.root_element().descendent_elements() {
            let name = el.value().name();
            let found = starts.get(name).and_then(|tags| tags.get(tags.partition_point(|t| t.start < cursor)));
            let advance = match found {
                None => false,
                Some(_) if !BLOCK_ELEMENTS.contains(&name) => false,
                Some(_) if matches!(name, "html" | "body" | "tbody" | "tr") => false,
                // An empty `p` is a real one only when its tag is closed right away.
                Some(tag) if name == "p" && el.children().next().is_none() => {
                    bytes.get(tag.end..tag.end + 3).is_some_and(|next| next.eq_ignore_ascii_case(b"</p"))
                }
                Some(_) => true,
            };
            let offset = found.map_or(cursor, |t| t.start);
            if advance {
                cursor = offset + 1;
            }
            offsets.insert(element_key(el), offset);
        }
        ElementOffsets { offsets }
    }

    fn get(&self, el: ElementRef) -> usize {
        self.offsets.get(&element_key(el)).copied().unwrap_or(0)
    }
}

/// Identifies an element of a parsed tree by its address (stable while the tree lives).
fn element_key(el: ElementRef) -> usize {
    std::ptr::from_ref(el.value()).addr()
}

/// A tag in the source: its lower-case name, whether it is an end tag, and where it starts
/// (`<`) and ends (after `>`).
struct Tag {
    name: String,
    closing: bool,
    start: usize,
    end: usize,
}

/// The tags of a source in order, skipping comments and the contents of raw-text elements
/// (`script`, `style`, `title` …).
fn scan_tags(text: &str) -> Vec<Tag> {
    const RAW_TEXT: &[&str] =
        &["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"];
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase().into_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(start) = find(bytes, i, b"<") {
        if bytes[start + 1..].starts_with(b"!--") {
            i = find(bytes, start + 4, b"-->").map_or(bytes.len(), |p| p + 3);
            continue;
        }
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let rest = &lower[name_start..];
        let name_len = rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let delimited = rest.get(name_len).is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
        if name_len == 0 || !rest[0].is_ascii_alphabetic() || !delimited {
            i = start + 1;
            continue;
        }
        let name = String::from_utf8_lossy(&rest[..name_len]).into_owned();
        let end = tag_end(bytes, name_start + name_len);
        i = match RAW_TEXT.contains(&name.as_str()) && !closing {
            true => find(&lower, end, format!("</{name}").as_bytes()).unwrap_or(bytes.len()),
            false => end,
        };
        tags.push(Tag { name, closing, start, end });
    }
    tags
}

/// The offset just after the `>` ending a tag whose attributes start at `from` (a quoted
/// attribute value may hold `>`); the end of the text if there is none.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return i + 1,
            None if (b == b'"' || b == b'\'') && after_equals => quote = Some(b),
            None => {}
        }
        if !b.is_ascii_whitespace() {
            after_equals = b == b'=';
        }
    }
    bytes.len()
}

/// The first occurrence of `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let tail = haystack.get(from..)?;
    tail.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn parse_str(html: &str) -> Vec<Block> {
        parse(&SourceFile::new("t.html", "t.html", html.to_string())).unwrap().blocks
    }

    fn block(line: u32, kind: BlockKind) -> Block {
        Block { line, kind }
    }

    fn heading(level: u8, text: &str) -> BlockKind {
        BlockKind::Heading { level, text: text.into() }
    }

    fn para(text: &str) -> BlockKind {
        BlockKind::Paragraph { text: text.into() }
    }

    fn item(text: &str) -> BlockKind {
        BlockKind::ListItem { text: text.into() }
    }

    /// The first table's rows as cell vectors.
    fn rows(blocks: &[Block]) -> (Vec<Column>, Vec<Vec<String>>) {
        let table = blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        });
        let table = table.expect("a table");
        (table.columns.clone(), table.rows.iter().map(|r| r.cells.clone()).collect())
    }

    #[test]
    fn chrome_is_skipped_and_blocks_come_in_order() {
        let html = "<html><body>\n<header>site</header><nav><ul><li>Nav</li></ul></nav>\n<main>\n\
            <h1 class=\"doc-title\">AssociateAddress</h1>\n<div class=\"doc-toolbar\"><span>PDF</span></div>\n\
            <div class=\"doc-meta\">Last updated</div>\n<div class=\"markdown-body\">\n\
            <h2 id=\"x\">1. API   Description</h2>\n<p>Bind an <a href=\"#\">Elastic IP</a>.</p>\n\
            <ul>\n<li>Only <code>UNBIND</code> EIPs.</li>\n<li>Second</li></ul>\n\
            <div class=\"rno-api-explorer\"><p>We recommend API Explorer</p><a>Try it</a></div>\n\
            <h3>Example1</h3>\n<h4>Input Example</h4>\n\
            <pre><code>X-TC-Action: A\n&lt;Common request parameters&gt;\n\n{\n    \"A\": 1\n}\n</code></pre>\n\
            </div></main><footer>Help</footer></body></html>";
        let expected = vec![
            block(4, heading(1, "AssociateAddress")),
            block(8, heading(2, "1. API Description")),
            block(9, para("Bind an Elastic IP.")),
            block(11, item("Only UNBIND EIPs.")),
            block(12, item("Second")),
            block(14, heading(3, "Example1")),
            block(15, heading(4, "Input Example")),
            block(
                16,
                BlockKind::Code { text: "X-TC-Action: A\n<Common request parameters>\n\n{\n    \"A\": 1\n}".into() },
            ),
        ];
        assert_eq!(parse_str(html), expected);
    }

    #[test]
    fn cells_render_br_li_and_p_as_lines() {
        let html = "<div class=\"markdown-body\"><table>\n<thead><tr><th>Name</th><th>Type</th><th>Description</th></tr></thead>\n<tbody>\n\
            <tr><td>LocalBgp</td><td>Boolean</td><td>valid values:.<br><li>true: EIP with local bandwidth.</li>.<br><li>false: not a local bandwidth EIP.</li>.</td></tr>\n\
            <tr><td>Charge</td><td>String</td><td>Including:<br><li><strong>A_B</strong></li><br><p style=\"x\">Prepaid.</p><br>Note: <code>null</code>  here.</td></tr>\n\
            <tr><td>TagSet</td><td><a href=\"DataTypes.html#Tag\">Array of Tag</a></td><td>Tags &amp; more<ul><li>x<ul><li>y</li></ul>z</li></ul></td></tr>\n\
            </tbody></table></div>";
        let blocks = parse_str(html);
        let (columns, cells) = rows(&blocks);
        assert_eq!(columns, [Column::Name, Column::Type, Column::Description]);
        assert_eq!(cells[0][2], "valid values:.\n• true: EIP with local bandwidth.\n.\n• false: not a local bandwidth EIP.\n.");
        assert_eq!(cells[1][2], "Including:\n• A_B\nPrepaid.\nNote: null here.");
        assert_eq!(cells[2][1], "Array of Tag");
        assert_eq!(cells[2][2], "Tags & more\n• x\n• y\nz");
        let BlockKind::Table(table) = &blocks[0].kind else { panic!("not a table") };
        assert_eq!((blocks[0].line, table.rows.iter().map(|r| r.line).collect::<Vec<_>>()), (1, vec![4, 5, 6]));
    }

    #[test]
    fn unknown_header_cells_are_dropped_with_their_cells() {
        let html = "<table><tr><th>Name</th><th>Default</th><th>Description</th></tr>\
            <tr><td>A</td><td>1</td><td>first</td></tr><tr><td>B</td></tr></table>";
        let (columns, cells) = rows(&parse_str(html));
        assert_eq!(columns, [Column::Name, Column::Description]);
        assert_eq!(cells, [vec!["A", "first"], vec!["B", ""]]);
    }

    #[test]
    fn nested_lists_and_stray_tags_keep_items_and_lines() {
        let html = "<body>\n<p>Intro</p>\n<p><ul></p>\n<p><li>One </li></p>\n<p><li>Two,<ul> <ul></p>\n\
            <p><li>Three</li></p>\n<p></ul></li></ul></p>\n<p></p>\n<p>End</p>\nbare <b>text</b>\n</body>";
        let expected = vec![
            block(2, para("Intro")),
            block(4, item("One")),
            block(5, item("Two,")),
            block(6, item("Three")),
            block(9, para("End")),
            block(9, para("bare text")),
        ];
        assert_eq!(parse_str(html), expected);
    }

    #[test]
    fn garbage_never_panics() {
        let deep = "<div><b>".repeat(5000) + "x";
        for input in ["", "<", "<p", "<table><tr><td>a", "\u{0}\u{1}<<>>&#x0;</p></br>", "<!-- <p>", deep.as_str()] {
            let _ = parse_str(input);
        }
        assert_eq!(parse_str("<p>a</p><pre>x</pre><table><tr><td>1"), vec![block(1, para("a")), block(1, BlockKind::Code { text: "x".into() }), block(1, BlockKind::Table(Table { columns: vec![], rows: vec![] }))]);
    }

    // ---- corpus ----

    fn corpus() -> Option<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/vpc/2017-03-12");
        if dir.is_dir() {
            Some(dir)
        } else {
            eprintln!("corpus not found at {}: skipping", dir.display());
            None
        }
    }

    fn parse_page(dir: &Path, name: &str) -> Page {
        let file = SourceFile::read(&dir.join("html").join(format!("{name}.html"))).unwrap();
        parse(&file).unwrap()
    }

    /// The tables of a page with the text of the last heading of `level` before each.
    fn tables_by_heading(page: &Page, level: u8) -> Vec<(String, &Table)> {
        let mut heading = String::new();
        let mut out = Vec::new();
        for block in &page.blocks {
            match &block.kind {
                BlockKind::Heading { level: l, text } if *l == level => heading = text.clone(),
                BlockKind::Table(table) => out.push((heading.clone(), table)),
                _ => {}
            }
        }
        out
    }

    fn cell(row: &Row, table: &Table, column: Column) -> String {
        row.cell(&table.columns, column).unwrap_or_default().to_string()
    }

    fn names(table: &Table) -> Vec<String> {
        table.rows.iter().map(|r| cell(r, table, Column::Name)).collect()
    }

    /// `[{name, type, required?}]` of the oracle as `name type required` strings.
    fn oracle_params(value: &serde_json::Value) -> Vec<String> {
        let params = value.as_array().unwrap();
        params.iter().map(|p| format!("{} {} {}", p["name"].as_str().unwrap(), p["type"].as_str().unwrap(), p["required"])).collect()
    }

    /// A table's rows as `name type required` strings (`null` without a Required column).
    fn table_params(table: &Table, strip_n: bool) -> Vec<String> {
        let common = ["Action", "Version", "Region"];
        let rows = table.rows.iter().filter(|r| !(strip_n && common.contains(&cell(r, table, Column::Name).as_str())));
        rows.map(|r| {
            let name = cell(r, table, Column::Name);
            let name = if strip_n { name.strip_suffix(".N").unwrap_or(&name).to_string() } else { name };
            let required = match r.cell(&table.columns, Column::Required) {
                Some(v) => (v == "Yes").to_string(),
                None => "null".to_string(),
            };
            format!("{name} {} {required}", cell(r, table, Column::Type))
        })
        .collect()
    }

    #[test]
    fn every_corpus_page_parses() {
        let Some(dir) = corpus() else { return };
        let mut count = 0;
        for entry in std::fs::read_dir(dir.join("html")).unwrap() {
            let path = entry.unwrap().path();
            let page = parse(&SourceFile::read(&path).unwrap()).unwrap();
            let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
            assert!(matches!(&page.blocks[0].kind, BlockKind::Heading { level: 1, .. }), "{stem}: no title");
            if stem != "DataTypes" && stem != "ErrorCodes" {
                let h2: Vec<&str> = page.blocks.iter().filter_map(|b| match &b.kind {
                    BlockKind::Heading { level: 2, text } => Some(text.as_str()),
                    _ => None,
                }).collect();
                let expected = ["1. API Description", "2. Input Parameters", "3. Output Parameters", "4. Example", "5. Developer Resources", "6. Error Code"];
                assert_eq!(h2, expected, "{stem}");
                assert!(page.blocks.iter().any(|b| matches!(b.kind, BlockKind::Table(_))), "{stem}: no table");
                assert!(page.blocks.iter().all(|b| !matches!(&b.kind, BlockKind::Paragraph { text } if text.contains("API Explorer"))), "{stem}");
            }
            count += 1;
        }
        assert_eq!(count, 308);
    }

    #[test]
    fn corpus_tables_match_the_oracle() {
        let Some(dir) = corpus() else { return };
        let oracle: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("oracle.json")).unwrap()).unwrap();
        let actions = oracle["actions"].as_object().unwrap();
        assert_eq!(actions.len(), 306);
        for (action, expected) in actions {
            let page = parse_page(&dir, action);
            let tables = tables_by_heading(&page, 2);
            let find = |prefix: &str| tables.iter().find(|(h, _)| h.starts_with(prefix)).map(|(_, t)| *t).unwrap();
            assert_eq!(table_params(find("2."), true), oracle_params(&expected["input"]), "{action} input");
            let output: Vec<String> = table_params(find("3."), false).iter().map(|p| p.replace(" null", " null")).collect();
            let expected_output: Vec<String> = oracle_params(&expected["output"]);
            assert_eq!(output, expected_output, "{action} output");
            let errors: Vec<String> = expected["errors"].as_array().unwrap().iter().map(|e| e.as_str().unwrap().to_string()).collect();
            assert_eq!(names(find("6.")), errors, "{action} errors");
        }
        let page = parse_page(&dir, "DataTypes");
        let types = oracle["data_types"].as_object().unwrap();
        let tables = tables_by_heading(&page, 2);
        assert_eq!(tables.len(), types.len());
        for (name, table) in tables {
            let expected = &types[&name];
            assert_eq!(table_params(table, false), oracle_params(&expected["fields"]), "{name}");
            assert_eq!(table.columns.contains(&Column::Required), expected["has_required_column"] == true, "{name}");
        }
        let page = parse_page(&dir, "ErrorCodes");
        let tables = tables_by_heading(&page, 3);
        for (heading, key) in [("Common Error Codes", "common"), ("Service Error Codes", "service")] {
            let table = tables.iter().find(|(h, _)| h == heading).map(|(_, t)| *t).unwrap();
            let expected: Vec<String> = oracle["error_codes"][key].as_array().unwrap().iter().map(|e| e.as_str().unwrap().to_string()).collect();
            assert_eq!(names(table), expected, "{key}");
        }
    }

    /// Every row of three pages shows in the text rendition as a line starting with its
    /// cells, and the `Address.InternetChargeType` cell equals the text rendition's lines.
    #[test]
    fn corpus_rows_match_the_text_rendition() {
        let Some(dir) = corpus() else { return };
        for name in ["AssociateAddress", "DataTypes", "ErrorCodes"] {
            let txt = std::fs::read_to_string(dir.join("txt").join(format!("{name}.txt"))).unwrap();
            let txt = format!("\n{}\n", normalize_cell(&txt));
            let page = parse_page(&dir, name);
            for (_, table) in tables_by_heading(&page, 2) {
                for row in &table.rows {
                    let line = format!("\n{}\n", row.cells.join(" "));
                    assert!(txt.contains(&line), "{name}: row {line:?} not in the text rendition");
                }
            }
        }
        let txt = std::fs::read_to_string(dir.join("txt/DataTypes.txt")).unwrap();
        let start = txt.find("\nInternetChargeType String Network billing mode of EIP.").unwrap() + 1;
        let lines: Vec<&str> = txt[start..].lines().take(13).collect();
        let expected = lines.join("\n").replacen("InternetChargeType String ", "", 1);
        let page = parse_page(&dir, "DataTypes");
        let (_, address) = tables_by_heading(&page, 2).into_iter().find(|(h, _)| h == "Address").unwrap();
        let row = address.rows.iter().find(|r| r.cells[0] == "InternetChargeType").unwrap();
        assert_eq!(cell(row, address, Column::Description), expected);
    }
}
