//! Blocks → raw records: what each page says, as strings, with the line each part is on.
//!
//! Nothing here resolves types or names; that is `lower`'s work. Errors here are about a
//! page's shape: not an API page, a section missing, a page cut off inside a table.

use crate::error::{Error, ErrorKind, Result};
use crate::page::{BlockKind, Column, Page, Row, Table};

/// What one page holds.
#[derive(Debug, Clone, PartialEq)]
pub enum PageRecord {
    Action(RawAction),
    /// The page's file and its structures.
    DataTypes((String, Vec<RawDataType>)),
    ErrorCodes(RawErrorCodes),
}

/// An action page, section by section.
#[derive(Debug, Clone, PartialEq)]
pub struct RawAction {
    pub file: String,
    /// The page title and its line.
    pub title: String,
    pub title_line: u32,
    /// `vpc.intl.tencentcloudapi.com` and its line.
    pub host: Option<(String, u32)>,
    /// Description paragraphs and list items (`• ` prefixed), in order.
    pub description: Vec<String>,
    pub rate_limit: Option<u32>,
    pub input: Vec<RawParam>,
    pub output: Vec<RawParam>,
    pub examples: Vec<RawExample>,
    pub errors: Vec<RawErrorCode>,
    /// Line of the input table's header (for messages about the table as a whole).
    pub input_line: u32,
}

/// A row of a parameter or field table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawParam {
    pub line: u32,
    /// Name as printed, `.N` suffix removed.
    pub name: String,
    /// The name carried the `.N` list suffix.
    pub list_suffix: bool,
    /// The Required cell, when the table has that column.
    pub required: Option<bool>,
    /// The type as printed.
    pub ty: String,
    pub description: String,
}

/// An example: title, description, input and output code with their lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawExample {
    pub line: u32,
    pub title: String,
    pub description: String,
    pub input: Option<(String, u32)>,
    pub output: Option<(String, u32)>,
}

/// A row of an error code table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawErrorCode {
    pub line: u32,
    pub code: String,
    pub description: String,
}

/// A structure of the Data Types page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDataType {
    pub line: u32,
    pub name: String,
    pub description: String,
    pub used_by: Vec<String>,
    pub has_required_column: bool,
    pub fields: Vec<RawParam>,
}

/// The Error Codes page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawErrorCodes {
    pub file: String,
    pub common: Vec<RawErrorCode>,
    pub service: Vec<RawErrorCode>,
}

/// The sections of an action page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Description,
    Input,
    Output,
    Examples,
    Resources,
    Errors,
}

impl Section {
    fn from_heading(text: &str) -> Option<Section> {
        let name = text.split_once(". ").map_or(text, |(_, n)| n).trim();
        Some(match name {
            "API Description" | "接口描述" => Section::Description,
            "Input Parameters" | "输入参数" => Section::Input,
            "Output Parameters" | "输出参数" => Section::Output,
            "Example" | "Examples" | "示例" => Section::Examples,
            "Developer Resources" | "开发者资源" => Section::Resources,
            "Error Code" | "Error Codes" | "错误码" => Section::Errors,
            _ => return None,
        })
    }

    fn title(self) -> &'static str {
        match self {
            Section::Description => "1. API Description",
            Section::Input => "2. Input Parameters",
            Section::Output => "3. Output Parameters",
            Section::Examples => "4. Example",
            Section::Resources => "5. Developer Resources",
            Section::Errors => "6. Error Code",
        }
    }
}

/// Paragraphs of section 1 that are site chrome, not description.
fn is_description_chrome(text: &str) -> bool {
    text.starts_with("We recommend you to use API Explorer")
        || text == "Try it"
        || text.starts_with("API Explorer provides")
        || text.starts_with("推荐使用 API Explorer")
        || text == "点击调试"
        || text.starts_with("API Explorer 提供了")
}

/// Reads the records of a page.
pub fn extract(page: &Page) -> Result<PageRecord> {
    let file = page.file.as_str();
    let (title, title_line) = match page.blocks.first() {
        Some(b) => match &b.kind {
            BlockKind::Heading { level: 1, text } => (text.clone(), b.line),
            other => {
                return Err(not_a_page(
                    file,
                    b.line,
                    &format!("no page title (the page starts with {})", describe(other)),
                ))
            }
        },
        None => return Err(not_a_page(file, 1, "no page title and no numbered sections")),
    };
    match title.as_str() {
        "Data Types" | "数据结构" => data_types(page).map(|types| PageRecord::DataTypes((file.to_string(), types))),
        "Error Codes" | "错误码" => error_codes(page).map(PageRecord::ErrorCodes),
        _ => action(page, title, title_line).map(PageRecord::Action),
    }
}

fn not_a_page(file: &str, line: u32, reason: &str) -> Error {
    Error::new(file, line, ErrorKind::NotAPage { reason: reason.to_string() })
}

fn describe(kind: &BlockKind) -> String {
    match kind {
        BlockKind::Heading { text, .. } => format!("heading `{text}`"),
        BlockKind::Paragraph { text } | BlockKind::ListItem { text } => {
            format!("`{}`", text.chars().take(60).collect::<String>())
        }
        BlockKind::Table(_) => "a table".to_string(),
        BlockKind::Code { .. } => "a code block".to_string(),
    }
}

fn action(page: &Page, title: String, title_line: u32) -> Result<RawAction> {
    let file = page.file.as_str();
    let mut raw = RawAction {
        file: file.to_string(),
        title,
        title_line,
        host: None,
        description: Vec::new(),
        rate_limit: None,
        input: Vec::new(),
        output: Vec::new(),
        examples: Vec::new(),
        errors: Vec::new(),
        input_line: 0,
    };
    let mut section: Option<Section> = None;
    let mut seen: Vec<Section> = Vec::new();
    let mut tables_seen = [false; 6];
    let mut part: Option<bool> = None; // inside an example: Some(is_input)
    for block in &page.blocks[1..] {
        if let BlockKind::Heading { level: 2, text } = &block.kind {
            if let Some(s) = Section::from_heading(text) {
                section = Some(s);
                seen.push(s);
                part = None;
                continue;
            }
        }
        let Some(current) = section else {
            if matches!(block.kind, BlockKind::Table(_)) {
                return Err(Error::expected(
                    file,
                    block.line,
                    "section `1. API Description` before any table",
                    "a table",
                ));
            }
            continue;
        };
        match (current, &block.kind) {
            (Section::Description, BlockKind::Paragraph { text }) => {
                if let Some(host) = host_line(text) {
                    raw.host = Some((host, block.line));
                } else if let Some(limit) = rate_limit_line(text) {
                    raw.rate_limit = Some(limit);
                } else if !is_description_chrome(text) {
                    raw.description.push(text.clone());
                }
            }
            (Section::Description, BlockKind::ListItem { text }) => raw.description.push(format!("• {text}")),
            (Section::Input | Section::Output | Section::Errors, BlockKind::Table(table)) => {
                let slot = current as usize;
                if tables_seen[slot] {
                    return Err(Error::expected(
                        file,
                        block.line,
                        format!("one table in section `{}`", current.title()),
                        "a second table",
                    ));
                }
                tables_seen[slot] = true;
                match current {
                    Section::Input => {
                        raw.input_line = block.line;
                        raw.input = params(file, block.line, table, true)?;
                    }
                    Section::Output => raw.output = params(file, block.line, table, false)?,
                    _ => raw.errors = error_rows(file, block.line, table)?,
                }
            }
            (Section::Examples, BlockKind::Heading { level: 3, text }) => {
                raw.examples.push(RawExample {
                    line: block.line,
                    title: text.clone(),
                    description: String::new(),
                    input: None,
                    output: None,
                });
                part = None;
            }
            (Section::Examples, BlockKind::Heading { level: 4, text }) => {
                let is_input = matches!(text.as_str(), "Input Example" | "输入示例" | "Request Example");
                if raw.examples.is_empty() || (is_input && raw.examples.last().is_some_and(|e| e.input.is_some())) {
                    raw.examples.push(RawExample {
                        line: block.line,
                        title: String::new(),
                        description: String::new(),
                        input: None,
                        output: None,
                    });
                }
                part = Some(is_input);
            }
            (Section::Examples, BlockKind::Paragraph { text }) if part.is_none() => {
                if let Some(example) = raw.examples.last_mut() {
                    if !example.description.is_empty() {
                        example.description.push('\n');
                    }
                    example.description.push_str(text);
                }
            }
            (Section::Examples, BlockKind::Code { text }) => {
                let example = raw.examples.last_mut();
                match (example, part) {
                    (Some(example), Some(true)) if example.input.is_none() => {
                        example.input = Some((text.clone(), block.line))
                    }
                    (Some(example), Some(false)) if example.output.is_none() => {
                        example.output = Some((text.clone(), block.line))
                    }
                    _ => {
                        return Err(Error::expected(
                            file,
                            block.line,
                            "`Input Example` or `Output Example` before example code",
                            "a code block",
                        ))
                    }
                }
            }
            _ => {}
        }
    }
    // Shape checks: a page must have the description and both parameter sections; a page
    // whose last block is a parameter table was cut off inside it.
    let last = page.blocks.last().map_or(title_line, |b| match &b.kind {
        BlockKind::Table(t) => t.rows.last().map_or(b.line, |r| r.line),
        _ => b.line,
    });
    if let (Some(s @ (Section::Input | Section::Output)), Some(b)) = (section, page.blocks.last()) {
        if matches!(b.kind, BlockKind::Table(_)) {
            return Err(Error::new(file, last, ErrorKind::Truncated { section: s.title().to_string() }));
        }
    }
    if seen.is_empty() {
        return Err(not_a_page(
            file,
            title_line,
            "no numbered sections (`1. API Description`, `2. Input Parameters`, …)",
        ));
    }
    for required in [Section::Description, Section::Input, Section::Output] {
        if !seen.contains(&required) {
            return Err(Error::expected(file, last, format!("section `{}`", required.title()), "end of page"));
        }
        if required != Section::Description && !tables_seen[required as usize] {
            return Err(Error::expected(
                file,
                last,
                format!("a parameter table in section `{}`", required.title()),
                "none",
            ));
        }
    }
    if raw.host.is_none() {
        return Err(Error::expected(
            file,
            title_line,
            "the line `Domain name for API request: <host>` in section 1",
            "none",
        ));
    }
    for example in &raw.examples {
        if example.input.is_none() || example.output.is_none() {
            let what = if example.input.is_none() { "an `Input Example`" } else { "an `Output Example`" };
            return Err(Error::expected(file, example.line, format!("{what} in example `{}`", example.title), "none"));
        }
    }
    Ok(raw)
}

/// `Domain name for API request: vpc.intl.tencentcloudapi.com.` → the host.
fn host_line(text: &str) -> Option<String> {
    let rest = ["Domain name for API request:", "接口请求域名:", "接口请求域名："]
        .iter()
        .find_map(|p| text.strip_prefix(p))?;
    let host = rest.trim().trim_end_matches(['.', '。', ' ']).trim();
    (!host.is_empty() && !host.contains(' ')).then(|| host.to_string())
}

/// `A maximum of 10 requests can be initiated per second for this API.`,
/// `默认接口请求频率限制:20次/秒。` → the limit.
pub fn rate_limit_line(text: &str) -> Option<u32> {
    let digits = |s: &str| -> Option<u32> {
        let n: String = s.trim_start().chars().take_while(char::is_ascii_digit).collect();
        n.parse().ok()
    };
    if let Some(rest) = text.strip_prefix("A maximum of ") {
        if text.contains("per second") {
            return digits(rest);
        }
    }
    let rest = text.split_once("请求频率限制")?.1.trim_start_matches([':', '：', ' ']);
    let n = digits(rest)?;
    rest.contains("次/秒").then_some(n)
}

fn yes_no(cell: &str) -> Option<bool> {
    match cell {
        "Yes" | "是" | "はい" => Some(true),
        "No" | "否" | "いいえ" => Some(false),
        _ => None,
    }
}

/// Rows of a parameter table. `input` tables must have a Required column.
fn params(file: &str, line: u32, table: &Table, input: bool) -> Result<Vec<RawParam>> {
    let cols = &table.columns;
    for needed in [Column::Name, Column::Type, Column::Description] {
        if !cols.contains(&needed) {
            return Err(Error::expected(
                file,
                line,
                format!("a `{needed:?}` column in the parameter table"),
                format!("columns {cols:?}"),
            ));
        }
    }
    if input && !cols.contains(&Column::Required) {
        return Err(Error::expected(
            file,
            line,
            "a `Required` column in the input parameter table",
            format!("columns {cols:?}"),
        ));
    }
    table.rows.iter().map(|row| param(file, cols, row)).collect()
}

fn param(file: &str, cols: &[Column], row: &Row) -> Result<RawParam> {
    let cell = |c| row.cell(cols, c).unwrap_or("");
    let printed = cell(Column::Name);
    if printed.is_empty() {
        return Err(Error::expected(file, row.line, "a parameter name", "an empty cell"));
    }
    let (name, list_suffix) = match printed.strip_suffix(".N") {
        Some(base) => (base.to_string(), true),
        None => (printed.to_string(), false),
    };
    let required = match row.cell(cols, Column::Required) {
        None => None,
        Some(c) => Some(yes_no(c).ok_or_else(|| {
            Error::expected(file, row.line, "`Yes` or `No` in the Required column", format!("`{c}`"))
        })?),
    };
    let ty = cell(Column::Type);
    if ty.is_empty() {
        return Err(Error::expected(file, row.line, format!("a type for `{name}`"), "an empty cell"));
    }
    Ok(RawParam {
        line: row.line,
        name,
        list_suffix,
        required,
        ty: ty.to_string(),
        description: cell(Column::Description).to_string(),
    })
}

fn error_rows(file: &str, line: u32, table: &Table) -> Result<Vec<RawErrorCode>> {
    if table.columns.first() != Some(&Column::Name) {
        return Err(Error::expected(
            file,
            line,
            "an error code table (`Error Code Description`)",
            format!("columns {:?}", table.columns),
        ));
    }
    Ok(table
        .rows
        .iter()
        .map(|row| RawErrorCode {
            line: row.line,
            code: row.cell(&table.columns, Column::Name).unwrap_or("").to_string(),
            description: row.cell(&table.columns, Column::Description).unwrap_or("").to_string(),
        })
        .collect())
}

/// The Data Types page: a level-2 heading per structure, its description, the
/// `Used by actions:` line, then its field table.
fn data_types(page: &Page) -> Result<Vec<RawDataType>> {
    let file = page.file.as_str();
    let mut out: Vec<RawDataType> = Vec::new();
    let mut table_done = true;
    for block in &page.blocks[1..] {
        match &block.kind {
            BlockKind::Heading { level: 2, text } => {
                if !table_done {
                    if let Some(prev) = out.last() {
                        return Err(Error::expected(
                            file,
                            block.line,
                            format!("the field table of structure `{}`", prev.name),
                            format!("heading `{text}`"),
                        ));
                    }
                }
                out.push(RawDataType {
                    line: block.line,
                    name: text.clone(),
                    description: String::new(),
                    used_by: Vec::new(),
                    has_required_column: false,
                    fields: Vec::new(),
                });
                table_done = false;
            }
            BlockKind::Paragraph { text } => {
                let Some(current) = out.last_mut().filter(|_| !table_done) else { continue };
                if let Some(list) = text.strip_prefix("Used by actions:") {
                    current.used_by = list
                        .trim()
                        .trim_end_matches('.')
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect();
                } else {
                    if !current.description.is_empty() {
                        current.description.push('\n');
                    }
                    current.description.push_str(text);
                }
            }
            BlockKind::Table(table) => {
                let Some(current) = out.last_mut().filter(|_| !table_done) else {
                    return Err(Error::expected(
                        file,
                        block.line,
                        "a structure name before its field table",
                        "a table",
                    ));
                };
                current.has_required_column = table.columns.contains(&Column::Required);
                current.fields = params(file, block.line, table, false)?;
                table_done = true;
            }
            _ => {}
        }
    }
    if !table_done {
        if let Some(last) = out.last() {
            return Err(Error::new(
                file,
                last.line,
                ErrorKind::Truncated { section: format!("structure `{}`", last.name) },
            ));
        }
    }
    Ok(out)
}

/// The Error Codes page: the tables under `Common Error Codes` and `Service Error Codes`.
fn error_codes(page: &Page) -> Result<RawErrorCodes> {
    let file = page.file.as_str();
    let mut out = RawErrorCodes { file: file.to_string(), ..RawErrorCodes::default() };
    let mut group: Option<bool> = None; // Some(is_common)
    for block in &page.blocks[1..] {
        match &block.kind {
            BlockKind::Heading { text, .. } => {
                group = match text.as_str() {
                    "Common Error Codes" | "公共错误码" => Some(true),
                    "Service Error Codes" | "业务错误码" => Some(false),
                    _ => group,
                };
            }
            BlockKind::Table(table) => {
                let rows = error_rows(file, block.line, table)?;
                match group {
                    Some(true) => out.common.extend(rows),
                    Some(false) => out.service.extend(rows),
                    None => {
                        return Err(Error::expected(
                            file,
                            block.line,
                            "`Common Error Codes` or `Service Error Codes` before an error table",
                            "a table",
                        ))
                    }
                }
            }
            _ => {}
        }
    }
    if out.common.is_empty() && out.service.is_empty() {
        return Err(Error::expected(
            file,
            page.blocks[0].line,
            "the tables `Common Error Codes` and `Service Error Codes`",
            "none",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits() {
        assert_eq!(rate_limit_line("A maximum of 10 requests can be initiated per second for this API."), Some(10));
        assert_eq!(rate_limit_line("默认接口请求频率限制:20次/秒。"), Some(20));
        assert_eq!(rate_limit_line("A maximum of ten requests"), None);
        assert_eq!(rate_limit_line("Nothing here"), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_line("Domain name for API request: vpc.intl.tencentcloudapi.com.").as_deref(),
            Some("vpc.intl.tencentcloudapi.com")
        );
        assert_eq!(host_line("接口请求域名: vpc.tencentcloudapi.com 。").as_deref(), Some("vpc.tencentcloudapi.com"));
        assert_eq!(host_line("Domain name for API request:"), None);
    }
}
