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
//! Tables: the columns are the header cells [`Column::from_header`] knows; an unknown
//! header cell is dropped together with the cells under it, so that the kept cells stay
//! aligned with `columns` (a table without any known header cell has no columns, and its
//! rows no cells). A row short of cells is padded with empty ones.
//!
//! scraper keeps no source positions, so lines come from a cursor over the start tags of
//! the source (see [`ElementOffsets`]).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use scraper::{CaseSensitivity, ElementRef, Html, Node};

use super::{normalize_cell, Block, BlockKind, Column, Page, Row, Table};
use crate::error::{Error, Result};
use crate::source::SourceFile;

/// Deeper nesting than this is ignored (guards the recursion against hostile input).
const MAX_DEPTH: usize = 200;

/// Elements that are rendered as their own line(s), never as part of a line of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
];

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
    let mut builder = PageBuilder { file, offsets, block_holders, last_offset: 0, blocks: Vec::new() };
    let root = content_root(&document);
    if let Some(title) = title_element(&document) {
        if !title.ancestors().any(|a| a.id() == root.id()) {
            builder.text_block(title, |text| BlockKind::Heading { level: 1, text }, 0);
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
            name @ ("h1" | "h2" | "h3" | "h4") => {
                let level = name.as_bytes()[1] - b'0';
                self.text_block(el, |text| BlockKind::Heading { level, text }, depth);
            }
            "p" | "h5" | "h6" => self.text_block(el, |text| BlockKind::Paragraph { text }, depth),
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
            let cell_text =
                |index: usize| row.cells.get(index).map_or_else(String::new, |c| render_text(&pieces(*c), depth));
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

/// The source with each `</li>`, `</ul>` and `</ol>` inside a table cell that closes
/// nothing replaced by a `<br>` of the same length: an HTML parser drops such an end tag,
/// the text rendition breaks the line there.
fn mark_stray_list_ends(text: &str) -> Cow<'_, str> {
    let mut bytes: Option<Vec<u8>> = None;
    let mut in_cell = false;
    // Per open list (the first entry: the cell itself), whether an item is open in it.
    let mut open_items = vec![false];
    for tag in scan_tags(text) {
        let name = tag.name.as_str();
        let mut stray = false;
        if matches!(name, "td" | "th" | "tr" | "table" | "tbody" | "thead") {
            in_cell = !tag.closing && matches!(name, "td" | "th");
            open_items = vec![false];
        } else if in_cell && matches!(name, "ul" | "ol" | "li") {
            match (tag.closing, name) {
                (false, "li") => open_items.last_mut().into_iter().for_each(|open| *open = true),
                (false, _) => open_items.push(false),
                (true, "li") => stray = !open_items.last_mut().is_some_and(|open| std::mem::replace(open, false)),
                (true, _) => stray = open_items.len() <= 1 || open_items.pop().is_none(),
            }
        }
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

/// More open elements than this are refused: the HTML parser (html5ever) scans its stack of
/// open elements for most tags, so deep nesting costs quadratic time (40,000 nested `<div>`s
/// take minutes). Real pages nest about 20 deep.
const MAX_OPEN_ELEMENTS: usize = 2048;

/// Whether the HTML parser's stack of open elements may grow past [`MAX_OPEN_ELEMENTS`]: the
/// offset and name of the start tag where it would.
///
/// A model of that stack that errs on the deep side: every start tag outside comments and
/// raw text counts (even in CDATA or an attribute value); an end tag closes its element only when
/// nothing but unclosed `p` and `li` (and, for a table part, the parts nested in it) lie
/// above it, and a start tag closes only what it implies the end of (`<p>` an innermost
/// `<p>`, `<li>` an innermost `<li>`, `<tr>` the row and cell it follows …); an end tag
/// that may be text (CDATA, in a tag) closes nothing. The parser nests at most about
/// three times deeper than the model (rows and table bodies it makes up, formatting
/// elements it reopens).
fn too_deep(text: &str) -> Option<(usize, &str)> {
    const VOID: &[&str] = &[
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
        "link", "meta", "param", "source", "track", "wbr", "html", "head", "body",
    ];
    /// Start tags that close an open `p`.
    const CLOSES_P: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "search",
        "section",
        "summary",
        "ul",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "listing",
        "form",
        "li",
        "dd",
        "dt",
    ];
    const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
    /// Elements whose content is text up to their end tag (`plaintext`: up to the end).
    const RAW: &[&str] =
        &["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "title", "textarea", "plaintext"];

    /// Table parts, outermost first: a part closes with the parts nested in it.
    fn table_rank(name: &str) -> Option<u8> {
        match name {
            "table" => Some(0),
            "caption" | "colgroup" | "tbody" | "thead" | "tfoot" => Some(1),
            "tr" => Some(2),
            "td" | "th" => Some(3),
            _ => None,
        }
    }
    /// Closes the innermost element that is a `target`, if only elements that `pass` lie
    /// above it.
    fn close(stack: &mut Vec<&str>, target: impl Fn(&str) -> bool, pass: impl Fn(&str) -> bool) {
        for i in (0..stack.len()).rev() {
            if target(stack[i]) {
                stack.truncate(i);
                return;
            }
            if !pass(stack[i]) {
                return;
            }
        }
    }

    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let is_space = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    // A tag name, up to 32 bytes (longer names are no name this model knows).
    let name_at = |from: usize| {
        let mut len = bytes[from..].iter().take(32).take_while(|&&b| !is_space(b) && b != b'/' && b != b'>').count();
        while !lower.is_char_boundary(from + len) {
            len -= 1;
        }
        &lower[from..from + len]
    };
    let mut stack: Vec<&str> = Vec::new();
    // Nothing before this offset is a tag: a comment, a doctype, raw text.
    let mut comment_until = 0;
    // End tags before this offset may be text: CDATA, attributes, raw text in SVG.
    let mut text_until = 0;
    let mut i = 0;
    while let Some(lt) = find(bytes, i, b"<") {
        i = lt + 1;
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if lt < comment_until {
            // In a comment or raw text, where the parser sees no tag either.
        } else if next.is_ascii_alphabetic() {
            let name = name_at(lt + 1);
            if lt < text_until {
                // Maybe text, maybe markup (in SVG or MathML a `<style>` holds tags); as
                // markup, raw text of its own may start here: no end tag counts any more.
                if RAW.contains(&name) {
                    text_until = bytes.len();
                }
            } else {
                let end = tag_end(bytes, lt + 1);
                text_until = end;
                if RAW.contains(&name) {
                    // Text up to the first `</name` that ends a tag name.
                    let end_tag = format!("</{name}");
                    let mut from = end;
                    let mut raw_end = loop {
                        match find(bytes, from, end_tag.as_bytes()) {
                            Some(p)
                                if bytes
                                    .get(p + end_tag.len())
                                    .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>') =>
                            {
                                break p
                            }
                            Some(p) => from = p + 1,
                            None => break bytes.len(),
                        }
                    };
                    // `<!--<script>` in a script escapes its end tag: where the text ends
                    // is not known, so its tags count.
                    let escaped =
                        |raw: &[u8]| find(raw, 0, b"<!--").is_some_and(|c| find(raw, c, b"<script").is_some());
                    let unknown_end = name == "script" && escaped(&bytes[end..raw_end]);
                    if name == "plaintext" || unknown_end {
                        raw_end = bytes.len();
                    }
                    // In SVG or MathML (maybe still open) it is markup, not text.
                    if unknown_end || stack.iter().any(|n| matches!(*n, "svg" | "math")) {
                        text_until = raw_end;
                    } else {
                        comment_until = raw_end;
                    }
                }
                // The elements this start tag closes, if they are innermost.
                let is = |names: &'static [&'static str]| move |n: &str| names.contains(&n);
                match name {
                    "li" => close(&mut stack, is(&["li"]), is(&["p"])),
                    "dd" | "dt" => close(&mut stack, is(&["dd", "dt"]), is(&["p"])),
                    "option" | "optgroup" => close(&mut stack, is(&["option"]), is(&[])),
                    "tr" => close(&mut stack, is(&["tr"]), is(&["td", "th", "p", "li"])),
                    "td" | "th" => close(&mut stack, is(&["td", "th"]), is(&["p", "li"])),
                    "tbody" | "thead" | "tfoot" => {
                        close(&mut stack, is(&["tbody", "thead", "tfoot"]), is(&["tr", "td", "th", "p", "li"]))
                    }
                    _ => {}
                }
                if CLOSES_P.contains(&name) {
                    close(&mut stack, is(&["p"]), is(&[]));
                }
                if HEADINGS.contains(&name) {
                    close(&mut stack, is(HEADINGS), is(&[]));
                }
            }
            if VOID.contains(&name) {
                continue;
            }
            stack.push(name);
            if stack.len() > MAX_OPEN_ELEMENTS {
                return Some((lt, &text[lt + 1..lt + 1 + name.len()]));
            }
        } else if lt < text_until {
            // In CDATA, a tag or raw text in SVG: what looks like an end tag may be text.
        } else if next == b'/' && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            let name = name_at(lt + 2);
            text_until = tag_end(bytes, lt + 2);
            let rank = table_rank(name);
            let pass =
                |n: &str| matches!(n, "p" | "li") || rank.is_some_and(|r| table_rank(n).is_some_and(|rn| rn > r));
            close(&mut stack, |n| n == name, pass);
        } else if bytes[lt..].starts_with(b"<!--") {
            // Up to the first `-->` (`<!-->` and `<!--->` included) or `--!>`, as the parser.
            let dashes = find(bytes, lt + 2, b"-->").map_or(bytes.len(), |p| p + 3);
            comment_until = find(&bytes[..dashes], lt + 4, b"--!>").map_or(dashes, |p| p + 4);
        } else if bytes[lt..].starts_with(b"<![cdata[") {
            // A comment up to `>`, or in SVG or MathML a text up to `]]>`: tags count.
            let cdata_end = find(bytes, lt, b"]]>").map_or(bytes.len(), |p| p + 3);
            text_until = cdata_end.max(find(bytes, lt, b">").map_or(bytes.len(), |p| p + 1));
        } else if matches!(next, b'!' | b'?' | b'/') {
            // A doctype or a bogus comment, up to the next `>`.
            comment_until = find(bytes, lt, b">").map_or(bytes.len(), |p| p + 1);
        }
    }
    None
}

/// The byte offset in the source of every element's start tag.
///
/// The elements are visited in document order with a cursor over the start tags of the
/// source: each element takes the first start tag of its name at or after the cursor, and
/// moves the cursor past it. Elements the parser may make up (`html`, `body`, `tbody`, `tr`)
/// and inline elements (which the parser may re-open) take that offset without moving the
/// cursor. An empty `p` (it may stand for a stray `</p>`) takes the cursor's offset, and
/// other `p`s only match tags followed by content. An element whose tag is not found takes
/// the cursor's offset.
struct ElementOffsets {
    /// Element (by address in the parsed tree, see [`element_key`]) → offset.
    offsets: HashMap<usize, usize>,
}

impl ElementOffsets {
    fn compute(text: &str, document: &Html) -> Self {
        let bytes = text.as_bytes();
        // A `p` tag directly followed by an end tag or a block ends an empty paragraph.
        let opens_empty_p = |tag: &Tag| {
            let next = &bytes[tag.end.min(bytes.len())..];
            let name: Vec<u8> =
                next.iter().skip(1).take_while(|b| b.is_ascii_alphanumeric()).map(u8::to_ascii_lowercase).collect();
            next.is_empty()
                || next.starts_with(b"</")
                || (next[0] == b'<' && BLOCK_ELEMENTS.iter().any(|b| b.as_bytes() == name.as_slice()))
        };
        let mut starts: HashMap<String, Vec<Tag>> = HashMap::new();
        for tag in scan_tags(text) {
            let empty_p = tag.name == "p" && opens_empty_p(&tag);
            if !tag.closing && !empty_p {
                starts.entry(tag.name.clone()).or_default().push(tag);
            }
        }
        let mut offsets = HashMap::new();
        let mut cursor = 0;
        for el in document.root_element().descendent_elements() {
            let name = el.value().name();
            let found = match name {
                "p" if el.children().next().is_none() => None,
                _ => starts.get(name).and_then(|tags| tags.get(tags.partition_point(|t| t.start < cursor))),
            };
            let offset = found.map_or(cursor, |t| t.start);
            let made_up = matches!(name, "html" | "body" | "tbody" | "tr");
            if found.is_some() && BLOCK_ELEMENTS.contains(&name) && !made_up {
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
#[path = "html_tests.rs"]
mod tests;
