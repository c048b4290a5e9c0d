//! Text front-end: a page as a browser's "copy page" gives it (the seeds, `txt/` corpus).
//!
//! The page is site chrome (navigation in any UI language, toolbar, "Last updated"), the
//! content, then footer chrome. Within the content, a table is a header line naming its
//! columns followed by one line per row, cells separated by single spaces; a description
//! cell may continue over the following lines, which are not rows. A line is a row when
//! its leading cells have the shape their columns demand (an identifier, `Yes`/`No`, a
//! type); anything else continues the previous row's description.

use super::{normalize_cell, Block, BlockKind, Column, Page, Row, Table};
use crate::error::Result;
use crate::source::SourceFile;

/// Toolbar lines that stand between the page title and the "Last updated" line.
const TOOLBAR: &[&str] = &[
    "PDF",
    "Focus Mode",
    "Font Size",
    "聚焦模式",
    "字号",
    "フォーカスモード",
    "フォントサイズ",
    "Feedback",
    "文档反馈",
    "フィードバック",
];

/// Prefixes of the "Last updated" line, which ends the leading chrome.
const LAST_UPDATED: &[&str] = &["Last updated", "最后更新时间", "最近更新时间", "最終更新日"];

/// Lines that start the footer chrome.
const FOOTER: &[&str] = &[
    "Help and Support",
    "Was this page helpful?",
    "帮助和支持",
    "本页内容是否解决了您的问题?",
    "ヘルプとサポート",
    "この記事はお役に立ちましたか?",
];

/// Names of the numbered sections of an action page.
const SECTIONS: &[&str] = &[
    "API Description",
    "Input Parameters",
    "Output Parameters",
    "Example",
    "Examples",
    "Developer Resources",
    "Error Code",
    "Error Codes",
    "接口描述",
    "输入参数",
    "输出参数",
    "示例",
    "开发者资源",
    "错误码",
];

/// Unnumbered section headings of the Error Codes page: (text, level).
const ERROR_PAGE_HEADINGS: &[(&str, u8)] = &[
    ("Feature Description", 2),
    ("Error Code List", 2),
    ("Common Error Codes", 3),
    ("Service Error Codes", 3),
    ("功能说明", 2),
    ("错误码列表", 2),
    ("公共错误码", 3),
    ("业务错误码", 3),
];

/// Header cell names, longest first so that `Parameter Name` wins over `Name`.
const HEADER_CELLS: &[&str] = &[
    "Parameter Name",
    "Error Code",
    "Required",
    "Description",
    "Name",
    "Type",
    "参数名称",
    "错误码",
    "必选",
    "类型",
    "描述",
    "名称",
];

/// Words that start a sentence of a multi-line description and never name a parameter:
/// `If NextHopType is set to VPN, …` continues a description, it is not a row `If` of type
/// `NextHopType`.
const SENTENCE_STARTS: &[&str] = &[
    "If",
    "When",
    "Where",
    "While",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "For",
    "In",
    "On",
    "At",
    "It",
    "Its",
    "An",
    "A",
    "Or",
    "And",
    "But",
    "Only",
    "You",
    "We",
    "Please",
    "Otherwise",
    "Unless",
    "Each",
    "Both",
    "Either",
    "All",
    "Is",
    "Are",
    "Will",
    "Can",
    "Must",
    "Should",
    "Then",
];

const YES_NO: &[&str] = &["Yes", "No", "是", "否", "はい", "いいえ"];

/// Parses a text page into blocks. Never fails: what the content means is judged later.
pub fn parse(file: &SourceFile) -> Result<Page> {
    let lines: Vec<&str> = file.text.lines().collect();
    let mut blocks = Vec::new();
    let start = match find_title(&lines) {
        Some((title_idx, content_start)) => {
            blocks.push(block(title_idx, BlockKind::Heading { level: 1, text: normalize_cell(lines[title_idx]) }));
            content_start
        }
        None => lines.iter().position(|l| numbered_section(l).is_some()).unwrap_or(lines.len()),
    };
    let data_types_page = matches!(blocks.first(), Some(Block { kind: BlockKind::Heading { text, .. }, .. }) if text == "Data Types" || text == "数据结构");
    let mut parser = Parser { lines: &lines, blocks, data_types_page };
    parser.content(start);
    Ok(Page { file: file.display.clone(), blocks: parser.blocks })
}

fn block(index: usize, kind: BlockKind) -> Block {
    Block { line: index as u32 + 1, kind }
}

/// Finds the page title and where the content starts: the title is the last non-chrome
/// line before the "Last updated" line, and the content follows that line.
fn find_title(lines: &[&str]) -> Option<(usize, usize)> {
    let updated = lines.iter().position(|l| {
        let l = l.trim();
        LAST_UPDATED.iter().any(|p| l.starts_with(p))
    })?;
    // The numbered sections must not come before it.
    if lines[..updated].iter().any(|l| numbered_section(l).is_some()) {
        return None;
    }
    let title = (0..updated).rev().find(|&i| {
        let l = lines[i].trim();
        !l.is_empty() && !TOOLBAR.contains(&l)
    })?;
    Some((title, updated + 1))
}

/// `1. API Description` → Some(text) when it names a known section.
fn numbered_section(line: &str) -> Option<&str> {
    let line = line.trim();
    let (number, rest) = line.split_once(". ")?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    SECTIONS.contains(&rest.trim()).then_some(line)
}

/// `Example1 Title`, `Example 2 Title`, `示例1 标题`.
fn example_heading(line: &str) -> bool {
    let line = line.trim();
    ["Example", "示例"].iter().any(|p| {
        line.strip_prefix(p).is_some_and(|rest| {
            let rest = rest.trim_start();
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && (rest.len() == digits || rest[digits..].starts_with([' ', ':', '：']))
        })
    })
}

/// `Input Example` / `Output Example` and their Chinese names: Some(is_input).
fn example_part(line: &str) -> Option<bool> {
    match line.trim() {
        "Input Example" | "输入示例" | "Request Example" => Some(true),
        "Output Example" | "输出示例" | "Response Example" => Some(false),
        _ => None,
    }
}

fn is_footer(line: &str) -> bool {
    FOOTER.contains(&line.trim())
}

/// A table header line: every word group is a known header cell, Name first.
pub fn table_header(line: &str) -> Option<Vec<Column>> {
    let mut rest = line.trim();
    let mut columns = Vec::new();
    while !rest.is_empty() {
        let cell = HEADER_CELLS
            .iter()
            .find(|c| rest.strip_prefix(**c).is_some_and(|after| after.is_empty() || after.starts_with(' ')))?;
        columns.push(Column::from_header(cell)?);
        rest = rest[cell.len()..].trim_start();
    }
    let valid = columns.len() >= 2
        && columns[0] == Column::Name
        && columns.iter().filter(|c| **c == Column::Name).count() == 1
        && columns.last() == Some(&Column::Description);
    valid.then_some(columns)
}

/// Splits a line into the cells of a row, or None when the line is not a row (it then
/// continues the previous row's description).
pub fn split_row(line: &str, columns: &[Column]) -> Option<Vec<String>> {
    let mut rest = line.trim_end();
    if rest.starts_with(char::is_whitespace) {
        return None;
    }
    let error_table = !columns.contains(&Column::Type);
    let mut cells = Vec::with_capacity(columns.len());
    for column in columns {
        match column {
            Column::Description => {
                cells.push(normalize_cell(rest));
                rest = "";
            }
            Column::Name => {
                let (word, after) = next_word(rest)?;
                let ok = if error_table {
                    is_error_code(word)
                } else {
                    is_param_name(word) && !SENTENCE_STARTS.contains(&word)
                };
                if !ok {
                    return None;
                }
                cells.push(word.to_string());
                rest = after;
            }
            Column::Required => {
                let (word, after) = next_word(rest)?;
                if !YES_NO.contains(&word) {
                    return None;
                }
                cells.push(word.to_string());
                rest = after;
            }
            Column::Type => {
                let (ty, after) = split_type(rest)?;
                cells.push(ty);
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        return None;
    }
    Some(cells)
}

fn next_word(s: &str) -> Option<(&str, &str)> {
    if s.is_empty() {
        return None;
    }
    Some(match s.split_once(' ') {
        Some((w, rest)) => (w, rest),
        None => (s, ""),
    })
}

/// A type cell: `String`, `Array of X`, `Timestamp ISO8601`, or a structure name.
fn split_type(s: &str) -> Option<(String, &str)> {
    let (first, rest) = next_word(s)?;
    if !is_type_word(first) {
        return None;
    }
    if first == "Array" {
        if let Some(after_of) = rest.strip_prefix("of ") {
            let (elem, after) = next_word(after_of)?;
            if !is_type_word(elem) {
                return None;
            }
            return Some((format!("Array of {elem}"), after));
        }
    }
    if first == "Timestamp" {
        if let Some(after) = rest.strip_prefix("ISO8601") {
            if after.is_empty() || after.starts_with(' ') {
                return Some(("Timestamp ISO8601".to_string(), after.trim_start_matches(' ')));
            }
        }
    }
    Some((first.to_string(), rest))
}

/// An identifier that starts with an upper-case ASCII letter.
fn is_type_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `AddressId`, `Filters.N`, `tag_key`.
pub fn is_param_name(w: &str) -> bool {
    let base = w.strip_suffix(".N").unwrap_or(w);
    let mut chars = base.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `FailedOperation.TaskFailed`, `InternalError`: dotted identifiers in CamelCase; a lone
/// word needs two capitals so that a sentence ("The …") is not taken for a code.
pub fn is_error_code(w: &str) -> bool {
    let mut parts = w.split('.');
    let first = parts.next().unwrap_or("");
    let first_ok = first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first.chars().all(|c| c.is_ascii_alphanumeric());
    let rest_ok = parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    first_ok && rest_ok && (w.contains('.') || first.chars().filter(char::is_ascii_uppercase).count() >= 2)
}

struct Parser<'a> {
    lines: &'a [&'a str],
    blocks: Vec<Block>,
    data_types_page: bool,
}

impl Parser<'_> {
    fn content(&mut self, mut i: usize) {
        while i < self.lines.len() {
            let line = self.lines[i];
            let trimmed = line.trim();
            if is_footer(line) {
                break;
            }
            if trimmed.is_empty() {
                i += 1;
            } else if let Some(text) = numbered_section(line) {
                self.blocks.push(block(i, BlockKind::Heading { level: 2, text: normalize_cell(text) }));
                i += 1;
            } else if let Some(&(text, level)) = ERROR_PAGE_HEADINGS.iter().find(|(t, _)| *t == trimmed) {
                self.blocks.push(block(i, BlockKind::Heading { level, text: text.to_string() }));
                i += 1;
            } else if example_heading(line) {
                self.blocks.push(block(i, BlockKind::Heading { level: 3, text: normalize_cell(line) }));
                i += 1;
            } else if example_part(line).is_some() {
                self.blocks.push(block(i, BlockKind::Heading { level: 4, text: normalize_cell(line) }));
                i = self.code(i + 1);
            } else if let Some(columns) = table_header(line) {
                i = self.table(i, columns);
            } else if let Some(item) = trimmed.strip_prefix('•') {
                self.blocks.push(block(i, BlockKind::ListItem { text: normalize_cell(item) }));
                i += 1;
            } else if self.data_types_page
                && is_param_name(trimmed)
                && !trimmed.ends_with(".N")
                && self.at_structure_start()
            {
                self.blocks.push(block(i, BlockKind::Heading { level: 2, text: trimmed.to_string() }));
                i += 1;
            } else {
                self.blocks.push(block(i, BlockKind::Paragraph { text: normalize_cell(line) }));
                i += 1;
            }
        }
    }

    /// On the Data Types page a structure's name follows the title or the previous
    /// structure's table; anywhere else a lone word is a paragraph (a one-word description).
    fn at_structure_start(&self) -> bool {
        matches!(self.blocks.last().map(|b| &b.kind), Some(BlockKind::Table(_) | BlockKind::Heading { level: 1, .. }))
    }

    /// True when a line ends a code block or a table (a heading or the footer).
    fn ends_block(&self, line: &str) -> bool {
        numbered_section(line).is_some() || example_heading(line) || example_part(line).is_some() || is_footer(line)
    }

    /// An example's code: every line up to the next heading, blank lines at both ends dropped.
    fn code(&mut self, start: usize) -> usize {
        let mut end = start;
        while end < self.lines.len() && !self.ends_block(self.lines[end]) {
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

    /// A table from its header line up to a blank line, a heading or the footer.
    fn table(&mut self, header: usize, columns: Vec<Column>) -> usize {
        let mut rows: Vec<Row> = Vec::new();
        let mut i = header + 1;
        while i < self.lines.len() {
            let line = self.lines[i];
            if line.trim().is_empty() || self.ends_block(line) || table_header(line).is_some() {
                break;
            }
            match split_row(line, &columns) {
                Some(cells) => rows.push(Row { line: i as u32 + 1, cells }),
                None => match rows.last_mut().and_then(|r| r.cells.last_mut()) {
                    Some(description) => {
                        let more = normalize_cell(line);
                        if !more.is_empty() {
                            if !description.is_empty() {
                                description.push('\n');
                            }
                            description.push_str(&more);
                        }
                    }
                    // Text under a header before any row: not part of the table.
                    None => break,
                },
            }
            i += 1;
        }
        self.blocks.push(block(header, BlockKind::Table(Table { columns, rows })));
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(s: &str) -> Vec<Column> {
        table_header(s).unwrap()
    }

    #[test]
    fn headers_are_recognised() {
        use Column::*;
        assert_eq!(cols("Parameter Name Required Type Description"), vec![Name, Required, Type, Description]);
        assert_eq!(cols("Name Type Required Description"), vec![Name, Type, Required, Description]);
        assert_eq!(cols("Error Code Description"), vec![Name, Description]);
        assert_eq!(cols("参数名称 必选 类型 描述"), vec![Name, Required, Type, Description]);
        assert_eq!(table_header("Name Type"), None);
        assert_eq!(table_header("Parameter Names Type Description"), None);
    }

    #[test]
    fn rows_are_told_from_continuations() {
        let input = cols("Parameter Name Required Type Description");
        assert_eq!(
            split_row("Filters.N No Array of Filter Filter conditions.", &input).unwrap(),
            vec!["Filters.N", "No", "Array of Filter", "Filter conditions."]
        );
        assert_eq!(split_row("• address-id - String - Optional", &input), None);
        assert_eq!(split_row("Note: this field may return null", &input), None);
        let output = cols("Name Type Description");
        assert_eq!(
            split_row("CreatedTime Timestamp ISO8601 The creation time", &output).unwrap(),
            vec!["CreatedTime", "Timestamp ISO8601", "The creation time"]
        );
        assert_eq!(split_row("Prepaid by monthly-subscribed bandwidth.", &output), None);
        assert_eq!(split_row("If NextHopType is set to VPN, the value is the gateway ID.", &output), None);
        assert!(split_row("To String Destination", &output).is_some());
        assert_eq!(split_row("TaskId String", &output).unwrap(), vec!["TaskId", "String", ""]);
        let errors = cols("Error Code Description");
        assert_eq!(
            split_row("FailedOperation.CreateVpnGatewayFailed", &errors).unwrap(),
            vec!["FailedOperation.CreateVpnGatewayFailed", ""]
        );
        assert_eq!(split_row("The two parameters cannot be specified.", &errors), None);
        assert!(split_row("InternalError An internal error occurred.", &errors).is_some());
    }

    #[test]
    fn example_headings() {
        assert!(example_heading("Example1 Binding an EIP with an instance"));
        assert!(example_heading("示例1 绑定EIP到实例上"));
        assert!(!example_heading("Examples of use"));
        assert_eq!(example_part("输出示例"), Some(false));
    }

    #[test]
    fn page_structure() {
        let text = "tencent cloud\n\nNav\nAssociateAddress\n\nPDF\nFocus Mode\nLast updated: 2025-11-13 20:43:22\n\n1. API Description\n\nDomain name for API request: vpc.intl.tencentcloudapi.com.\n\n  • An item\n\n2. Input Parameters\n\nParameter Name Required Type Description\nAddressId Yes String The ID.\nMore text.\n• an item\n\n4. Example\n\nExample1 Title\n\nInput Example\n\nPOST / HTTP/1.1\n\n{}\n\nOutput Example\n\n{\n  \"Response\": {}\n}\n\nHelp and Support\nignored";
        let page = parse(&SourceFile::new("p.txt", "p.txt", text.to_string())).unwrap();
        let kinds: Vec<_> = page.blocks.iter().map(|b| (b.line, b.kind.clone())).collect();
        assert_eq!(kinds[0], (4, BlockKind::Heading { level: 1, text: "AssociateAddress".into() }));
        assert_eq!(kinds[1], (10, BlockKind::Heading { level: 2, text: "1. API Description".into() }));
        assert_eq!(kinds[3], (14, BlockKind::ListItem { text: "An item".into() }));
        match &kinds[5].1 {
            BlockKind::Table(t) => {
                assert_eq!(t.rows.len(), 1);
                assert_eq!(t.rows[0].line, 19);
                assert_eq!(t.rows[0].cells[3], "The ID.\nMore text.\n• an item");
            }
            other => panic!("expected a table, found {other:?}"),
        }
        assert_eq!(kinds[9], (29, BlockKind::Code { text: "POST / HTTP/1.1\n\n{}".into() }));
        assert_eq!(kinds[11], (35, BlockKind::Code { text: "{\n  \"Response\": {}\n}".into() }));
        assert_eq!(kinds.len(), 12);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "\n\n",
            "Last updated",
            "1. API Description",
            "Parameter Name Required Type Description\nX",
            "•",
            "Example1",
            "Input Example",
            "Name Type Description\nA B",
        ] {
            let _ = parse(&SourceFile::new("p.txt", "p.txt", text.to_string()));
        }
    }
}
