//! The HTML front-end's work on the page source itself, before and beside the parser:
//! mending stray list end tags, refusing nesting that would make the parser quadratic, and
//! finding where each element starts (scraper keeps no source positions).

use std::borrow::Cow;
use std::collections::HashMap;

use scraper::{ElementRef, Html};

/// Elements that are rendered as their own line(s), never as part of a line of text.
pub(super) const BLOCK_ELEMENTS: &[&str] = &[
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

/// The source with each `</li>`, `</ul>` and `</ol>` inside a table cell that closes
/// nothing replaced by a `<br>` of the same length: an HTML parser drops such an end tag,
/// the text rendition breaks the line there.
pub(super) fn mark_stray_list_ends(text: &str) -> Cow<'_, str> {
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
pub(super) const MAX_OPEN_ELEMENTS: usize = 2048;

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
pub(super) fn too_deep(text: &str) -> Option<(usize, &str)> {
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
pub(super) struct ElementOffsets {
    /// Element (by address in the parsed tree, see [`element_key`]) → offset.
    offsets: HashMap<usize, usize>,
}

impl ElementOffsets {
    pub(super) fn compute(text: &str, document: &Html) -> Self {
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

    pub(super) fn get(&self, el: ElementRef) -> usize {
        self.offsets.get(&element_key(el)).copied().unwrap_or(0)
    }
}

/// Identifies an element of a parsed tree by its address (stable while the tree lives).
pub(super) fn element_key(el: ElementRef) -> usize {
    std::ptr::from_ref(el.value()).addr()
}

/// A tag in the source: its lower-case name, whether it is an end tag, and where it starts
/// (`<`) and ends (after `>`).
pub(super) struct Tag {
    name: String,
    closing: bool,
    start: usize,
    end: usize,
}

/// The tags of a source in order, skipping comments and the contents of raw-text elements
/// (`script`, `style`, `title` …).
pub(super) fn scan_tags(text: &str) -> Vec<Tag> {
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
pub(super) fn tag_end(bytes: &[u8], from: usize) -> usize {
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
pub(super) fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let tail = haystack.get(from..)?;
    tail.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}
