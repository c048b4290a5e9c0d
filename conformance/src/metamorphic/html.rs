//! Variants of HTML pages (pages saved from the site, Markdown rendered into a saved
//! page's chrome): the article's `<h1>`–`<h6>` headings, `<table>` rows and cells, and
//! `<p>` paragraphs, found by a small tag scanner (script bodies skipped). Only the article
//! changes: it starts at the site's `markdown-text-box` / `markdown-body`, else at the first
//! numbered heading. Every slice is taken with `get`, so no input can make it panic.

use super::kind::{new_levels, numbered, rewrite_date, split_for_wrap, us_date, Kind, Made, Rng, Role};

/// A tag: where it starts and ends, its lowercase name, whether it closes.
#[derive(Debug, Clone)]
struct Tag {
    start: usize,
    end: usize,
    name: String,
    closing: bool,
}

/// An element: its open tag's span, its inner span and its close tag's end.
#[derive(Debug, Clone, Copy)]
struct Element {
    start: usize,
    inner: (usize, usize),
    end: usize,
}

/// The tags of a page from `from` on (script and style bodies skipped).
fn tags(page: &str, from: usize) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut at = from;
    while let Some(offset) = page.get(at..).and_then(|rest| rest.find('<')) {
        let start = at + offset;
        let Some(rest) = page.get(start..) else { break };
        let Some(close) = rest.find('>') else { break };
        let end = start + close + '>'.len_utf8();
        let body = rest.get('<'.len_utf8()..close).unwrap_or("");
        let (closing, body) = match body.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, body),
        };
        let name: String =
            body.chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        at = end;
        if !closing && (name == "script" || name == "style") {
            let closer = format!("</{name}");
            match page.get(end..).and_then(|r| r.find(&closer)) {
                Some(skip) => at = end + skip,
                None => break,
            }
        }
        if !name.is_empty() {
            out.push(Tag { start, end, name, closing });
        }
    }
    out
}

/// The elements named `name` (not nested in one another) among `tags`.
fn elements(tags: &[Tag], name: &str) -> Vec<Element> {
    let mut out = Vec::new();
    let mut open: Option<&Tag> = None;
    for tag in tags.iter().filter(|t| t.name == name) {
        match (open, tag.closing) {
            (None, false) => open = Some(tag),
            (Some(o), true) => {
                out.push(Element { start: o.start, inner: (o.end, tag.start), end: tag.end });
                open = None;
            }
            (Some(_), false) => open = Some(tag),
            (None, true) => {}
        }
    }
    out
}

/// The text of some HTML, tags left out, trimmed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn inner(page: &str, e: Element) -> &str {
    page.get(e.inner.0..e.inner.1).unwrap_or("")
}

/// A heading element and its level.
#[derive(Debug, Clone, Copy)]
struct Heading {
    element: Element,
    level: usize,
}

/// A table: its rows, each with its cells.
#[derive(Debug, Clone)]
struct Table {
    rows: Vec<(Element, Vec<Element>)>,
}

struct Scan {
    headings: Vec<Heading>,
    tables: Vec<Table>,
    paragraphs: Vec<Element>,
}

fn scan(page: &str) -> Scan {
    let all = tags(page, 0);
    let numbered_heading = |t: &Tag| {
        t.name.len() == 2 && t.name.starts_with('h') && !t.closing && {
            let close = all.iter().find(|c| c.closing && c.name == t.name && c.start >= t.end);
            close.is_some_and(|c| numbered(&text_of(page.get(t.end..c.start).unwrap_or(""))).is_some())
        }
    };
    let start = ["markdown-text-box", "markdown-body"]
        .iter()
        .find_map(|class| page.find(class))
        .or_else(|| all.iter().find(|t| numbered_heading(t)).map(|t| t.start))
        .unwrap_or(0);
    let article: Vec<Tag> = all.into_iter().filter(|t| t.start >= start).collect();
    let mut headings = Vec::new();
    for level in 1..=6 {
        for element in elements(&article, &format!("h{level}")) {
            headings.push(Heading { element, level });
        }
    }
    headings.sort_by_key(|h| h.element.start);
    let mut tables = Vec::new();
    for table in elements(&article, "table") {
        let inside: Vec<Tag> =
            article.iter().filter(|t| t.start >= table.inner.0 && t.end <= table.inner.1).cloned().collect();
        let rows = elements(&inside, "tr")
            .into_iter()
            .map(|row| {
                let cells: Vec<Tag> =
                    inside.iter().filter(|t| t.start >= row.inner.0 && t.end <= row.inner.1).cloned().collect();
                let mut found = elements(&cells, "td");
                found.extend(elements(&cells, "th"));
                found.sort_by_key(|c| c.start);
                (row, found)
            })
            .collect();
        tables.push(Table { rows });
    }
    Scan { headings, tables, paragraphs: elements(&article, "p") }
}

/// Applies non-overlapping replacements of byte spans.
fn apply(page: &str, mut edits: Vec<((usize, usize), String)>) -> Option<String> {
    edits.sort_by_key(|(span, _)| span.0);
    let mut out = String::new();
    let mut at = 0;
    for ((from, to), with) in edits {
        if from < at {
            return None;
        }
        out.push_str(page.get(at..from)?);
        out.push_str(&with);
        at = to;
    }
    out.push_str(page.get(at..)?);
    Some(out)
}

/// Makes the variant of `kind` of an HTML page.
pub fn make(kind: Kind, page: &str, role: &Role, rng: &mut Rng) -> Made {
    let s = scan(page);
    let edits = match kind {
        Kind::Titles => titles(page, &s, rng),
        Kind::Levels => levels(page, &s, rng),
        Kind::Headers => headers(&s, rng),
        Kind::Columns => columns(page, &s, rng),
        Kind::Domain if matches!(role, Role::Action(_)) => domain(page, &s),
        Kind::VersionName | Kind::VersionDate => match role {
            Role::Action(name) => version(page, &s, kind, name, rng),
            _ => Vec::new(),
        },
        Kind::NoIntro if matches!(role, Role::Action(_)) => no_intro(page, &s),
        Kind::Wrap => wrap(page, &s, rng),
        Kind::ErrorHeadings if *role == Role::ErrorCodes => error_headings(page, &s, rng),
        _ => Vec::new(),
    };
    if edits.is_empty() {
        return Made::Nothing;
    }
    match apply(page, edits) {
        Some(text) => Made::Variant(text),
        None => Made::Nothing,
    }
}

type Edits = Vec<((usize, usize), String)>;

fn titles(page: &str, s: &Scan, rng: &mut Rng) -> Edits {
    let mut edits = Vec::new();
    for h in &s.headings {
        if let Some((number, _)) = numbered(&text_of(inner(page, h.element))) {
            edits.push((h.element.inner, format!("{number}. {}", rng.title())));
        }
    }
    edits
}

fn retag(page: &str, h: &Heading, level: usize) -> Edits {
    let e = h.element;
    let open = page.get(e.start..e.inner.0).unwrap_or("");
    let open = open.replacen(&format!("h{}", h.level), &format!("h{level}"), 1);
    vec![((e.start, e.inner.0), open), ((e.inner.1, e.end), format!("</h{level}>"))]
}

fn levels(page: &str, s: &Scan, rng: &mut Rng) -> Edits {
    let levels = new_levels(&s.headings.iter().map(|h| h.level).collect::<Vec<_>>(), rng);
    s.headings.iter().zip(levels).flat_map(|(h, level)| retag(page, h, level)).collect()
}

fn headers(s: &Scan, rng: &mut Rng) -> Edits {
    let mut edits = Vec::new();
    for t in &s.tables {
        if let Some((_, cells)) = t.rows.first() {
            for c in cells {
                edits.push((c.inner, rng.word()));
            }
        }
    }
    edits
}

fn columns(page: &str, s: &Scan, rng: &mut Rng) -> Edits {
    let mut edits = Vec::new();
    for t in &s.tables {
        let Some(width) = t.rows.first().map(|(_, c)| c.len()) else { continue };
        if width < 2 || t.rows.iter().any(|(_, c)| c.len() != width) {
            continue;
        }
        let order = rng.permutation(width);
        for (_, cells) in &t.rows {
            for (k, cell) in cells.iter().enumerate() {
                let from = cells[order[k]];
                edits.push(((cell.start, cell.end), page.get(from.start..from.end).unwrap_or("").to_string()));
            }
        }
    }
    edits
}

fn domain(page: &str, s: &Scan) -> Edits {
    let first_table = s.tables.first().and_then(|t| t.rows.first()).map_or(page.len(), |(r, _)| r.start);
    s.paragraphs
        .iter()
        .find(|p| p.start < first_table && inner(page, **p).contains("tencentcloudapi.com"))
        .map(|p| vec![((p.start, p.end), String::new())])
        .unwrap_or_default()
}

/// The first row whose first cell says `name`.
fn row_named<'a>(page: &str, s: &'a Scan, name: &str) -> Option<&'a (Element, Vec<Element>)> {
    s.tables
        .iter()
        .flat_map(|t| t.rows.iter().skip(1))
        .find(|(_, cells)| cells.first().is_some_and(|c| text_of(inner(page, *c)) == name))
}

fn version(page: &str, s: &Scan, kind: Kind, action: &str, rng: &mut Rng) -> Edits {
    let Some((_, cells)) = row_named(page, s, "Version") else { return Vec::new() };
    let Some(last) = cells.last() else { return Vec::new() };
    let rewritten = match kind {
        Kind::VersionDate => rewrite_date(inner(page, *last), us_date),
        _ => rewrite_date(inner(page, *last), |_, _, _| action.to_string()),
    };
    let Some(rewritten) = rewritten else { return Vec::new() };
    let mut edits = vec![(last.inner, rewritten)];
    if kind == Kind::VersionName && rng.coin() {
        if let Some((row, _)) = row_named(page, s, "Action") {
            edits.push(((row.start, row.end), String::new()));
        }
    }
    edits
}

fn no_intro(page: &str, s: &Scan) -> Edits {
    let Some(k) =
        s.headings.iter().position(|h| numbered(&text_of(inner(page, h.element))).is_some_and(|(n, _)| n == "1"))
    else {
        return Vec::new();
    };
    let h = s.headings[k];
    match s.headings[k + 1..].iter().find(|next| next.level <= h.level) {
        Some(next) => vec![((h.element.start, next.element.start), String::new())],
        None => Vec::new(),
    }
}

/// Breaks the last cell of one row per table across raw lines (white space in HTML).
fn wrap(page: &str, s: &Scan, rng: &mut Rng) -> Edits {
    let mut edits = Vec::new();
    for t in &s.tables {
        let rows: Vec<&Element> = t.rows.iter().skip(1).filter_map(|(_, c)| c.last()).collect();
        for _ in 0..rows.len().min(8) {
            let cell = *rows[rng.below(rows.len())];
            if let Some((first, rest)) = split_for_wrap(inner(page, cell), rng) {
                edits.push((cell.inner, format!("{first}\n{rest}")));
                break;
            }
        }
    }
    edits
}

fn error_headings(page: &str, s: &Scan, rng: &mut Rng) -> Edits {
    s.headings
        .iter()
        .map(|h| {
            let title = match numbered(&text_of(inner(page, h.element))) {
                Some((number, _)) => format!("{number}. {}", rng.title()),
                None => rng.title(),
            };
            (h.element.inner, title)
        })
        .collect()
}
