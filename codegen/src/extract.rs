//! Blocks → raw records: what each page says, as strings, with the line each part is on.
//!
//! Nothing here resolves types or names; that is `lower`'s work. Errors here are about a
//! page's shape: not an API page, a section missing, a page cut off inside a table.

use crate::error::{Error, ErrorKind, Result};
use crate::vocab::{self, BlockKind, Column, Note, Page, Row, Section, Table};

/// What one page holds, and what had to be interpreted to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub record: PageRecord,
    /// The page's display path.
    pub file: String,
    /// Rows read with an interpretation, lines placed nowhere: warnings.
    pub notes: Vec<Note>,
}

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
    /// The action's name (from the `Action` row, else the description's `This API (X)`,
    /// else the title) and the line that says it.
    pub name: String,
    pub name_line: u32,
    /// The page title, when it has one: a hint, never required.
    pub title: Option<String>,
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

/// Reads the records of a page. What kind of page it is comes from its structure: numbered
/// sections make an action page, error-code groups an Error Codes page, structure headings
/// with their tables a Data Types page; the title is only a hint.
pub fn extract(page: &Page) -> Result<Extracted> {
    let file = page.file.as_str();
    let mut notes = page.notes.clone();
    let title = match page.blocks.first() {
        Some(vocab::Block { kind: BlockKind::Heading { level: 1, text }, line }) => Some((text.clone(), *line)),
        _ => None,
    };
    let headings = || {
        page.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Heading { level: 2..=4, text } => Some(text.as_str()),
            _ => None,
        })
    };
    let numbered = headings().any(|h| vocab::numbered_section(h).is_some());
    let title_text = title.as_ref().map(|(t, _)| t.as_str()).unwrap_or("");
    let error_page = !numbered
        && (vocab::is_error_codes_title(title_text)
            || headings().any(|h| vocab::error_code_group(h).is_some() || vocab::is_error_page_section(h)));
    let has_table = page.blocks.iter().any(|b| matches!(b.kind, BlockKind::Table(_)));
    let record = if numbered {
        PageRecord::Action(action(page, title, &mut notes)?)
    } else if error_page {
        PageRecord::ErrorCodes(error_codes(page, &mut notes)?)
    } else if vocab::is_data_types_title(title_text) || (has_table && headings().next().is_some()) {
        PageRecord::DataTypes((file.to_string(), data_types(page, &mut notes)?))
    } else {
        let (line, reason) = match page.blocks.first() {
            None => (1, "no numbered sections, structures or error codes (the page is empty)".to_string()),
            Some(b) => (
                b.line,
                format!("no numbered sections, structures or error codes (the page starts with {})", describe(&b.kind)),
            ),
        };
        return Err(not_a_page(file, line, &reason));
    };
    Ok(Extracted { record, file: file.to_string(), notes })
}

fn not_a_page(file: &str, line: u32, reason: &str) -> Error {
    Error::new(file, line, ErrorKind::NotAPage { reason: reason.to_string() })
}

fn describe(kind: &BlockKind) -> String {
    match kind {
        BlockKind::Heading { text, .. } => format!("heading `{}`", text.chars().take(60).collect::<String>()),
        BlockKind::Paragraph { text } | BlockKind::ListItem { text } => {
            format!("`{}`", text.chars().take(60).collect::<String>())
        }
        BlockKind::Table(_) => "a table".to_string(),
        BlockKind::Code { .. } => "a code block".to_string(),
    }
}

/// The identifier in `This API (CreateKeyPair) is used to …`, `本接口 (CreateKeyPair) 用于…`.
fn name_in_description(text: &str) -> Option<String> {
    let open = text.find(['(', '（'])?;
    let rest = &text[open..];
    let rest = rest.trim_start_matches(['(', '（']).trim_start();
    let end = rest.find([')', '）'])?;
    let name = rest[..end].trim();
    is_action_name(name).then(|| name.to_string())
}

/// `CreateKeyPair`: an upper-case ASCII letter, then ASCII letters and digits.
pub fn is_action_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn action(page: &Page, title: Option<(String, u32)>, notes: &mut Vec<Note>) -> Result<RawAction> {
    let file = page.file.as_str();
    let title_line = title.as_ref().map_or(page.blocks.first().map_or(1, |b| b.line), |(_, l)| *l);
    let mut raw = RawAction {
        file: file.to_string(),
        name: String::new(),
        name_line: title_line,
        title: title.map(|(t, _)| t),
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
    let mut described_name: Option<(String, u32)> = None;
    for block in &page.blocks {
        if let BlockKind::Heading { level: 2..=3, text } = &block.kind {
            if let Some((_, mut s)) = vocab::numbered_section(text) {
                // A second input section where the output section belongs.
                if s == Section::Input && seen.contains(&Section::Input) && !seen.contains(&Section::Output) {
                    notes.push(Note {
                        line: block.line,
                        message: format!(
                            "section `{text}` repeats the input section's name: read as `3. Output Parameters`"
                        ),
                    });
                    s = Section::Output;
                }
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
                if let (None, Some(host)) = (&raw.host, host_in(text)) {
                    raw.host = Some((host, block.line));
                } else if let (None, Some(limit)) = (raw.rate_limit, vocab::rate_limit(text)) {
                    raw.rate_limit = Some(limit);
                } else if !vocab::is_explorer(text) {
                    if described_name.is_none() {
                        described_name = name_in_description(text).map(|n| (n, block.line));
                    }
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
                        raw.input = params(file, block.line, table, true, notes)?;
                    }
                    Section::Output => raw.output = params(file, block.line, table, false, notes)?,
                    _ => raw.errors = error_rows(file, block.line, table, notes)?,
                }
            }
            (Section::Examples, BlockKind::Heading { level: 3, text }) if vocab::example_part(text).is_none() => {
                raw.examples.push(RawExample {
                    line: block.line,
                    title: text.clone(),
                    description: String::new(),
                    input: None,
                    output: None,
                });
                part = None;
            }
            (Section::Examples, BlockKind::Heading { level: 3..=4, text }) => {
                let Some(is_input) = vocab::example_part(text) else { continue };
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
                    _ => notes.push(Note {
                        line: block.line,
                        message: "example code outside an `Input Example` / `Output Example` pair: not used"
                            .to_string(),
                    }),
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
            "the API's domain name (`Domain name for API request: <product>.tencentcloudapi.com`) in section 1",
            "none",
        ));
    }
    raw.examples.retain(|example| {
        let complete = example.input.is_some() && example.output.is_some();
        if !complete {
            let what = if example.input.is_none() { "an `Input Example`" } else { "an `Output Example`" };
            notes.push(Note {
                line: example.line,
                message: format!("example `{}` has no {what}: not used", example.title),
            });
        }
        complete
    });
    // The name: the `Action` row says it; else the description; else the title.
    let from_row = common_param_value(&raw.input, "Action").filter(|(v, _)| is_action_name(v));
    let title_name = raw.title.clone().filter(|t| is_action_name(t)).map(|t| (t, title_line));
    let Some((name, line)) = from_row.clone().or(described_name).or(title_name.clone()) else {
        return Err(Error::expected(
            file,
            title_line,
            "the action's name in the `Action` row (`… The value used for this API: CreateVpc`)",
            "none",
        ));
    };
    if let (Some((row, row_line)), Some((title, _))) = (&from_row, &title_name) {
        if row != title {
            notes.push(Note {
                line: *row_line,
                message: format!("the `Action` row names `{row}` but the page is titled `{title}`: the row wins"),
            });
        }
    }
    raw.name = name;
    raw.name_line = line;
    Ok(raw)
}

/// The value a common parameter's row states: what follows the last colon of its
/// description's first line (`Common parameter. The value used for this API: 2017-03-12.`,
/// `公共参数，本接口取值：2017-03-12。`).
pub fn common_param_value(rows: &[RawParam], name: &str) -> Option<(String, u32)> {
    let row = rows.iter().find(|p| p.name == name)?;
    let text = row.description.lines().next()?;
    let at = text.rfind([':', '：'])?;
    let value = text[at..].trim_start_matches([':', '：']).trim().trim_end_matches(['.', '。', ' ', '，', ',']).trim();
    (!value.is_empty() && !value.contains(' ')).then(|| (value.to_string(), row.line))
}

/// The host a paragraph names: its first word ending in `.tencentcloudapi.com`.
fn host_in(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .map(|w| w.trim_end_matches('.'))
        .find(|w| w.ends_with(".tencentcloudapi.com") && w.len() > ".tencentcloudapi.com".len())
        .map(str::to_string)
}

/// Rows of a parameter table. `input` tables must have a Required column.
fn params(file: &str, line: u32, table: &Table, input: bool, notes: &mut Vec<Note>) -> Result<Vec<RawParam>> {
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
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            notes.push(Note { line: row.line, message: "empty table row skipped".to_string() });
            continue;
        }
        out.push(param(file, cols, row, notes)?);
    }
    Ok(out)
}

/// A row of a parameter table, read by its cells' shapes: a Required cell that holds a
/// type while the Type cell holds a Yes/No word was swapped; a Required cell that is no
/// Yes/No word while the Description is empty was left out (the text is the description).
fn param(file: &str, cols: &[Column], row: &Row, notes: &mut Vec<Note>) -> Result<RawParam> {
    let cell = |c| row.cell(cols, c).unwrap_or("").trim().to_string();
    let mut note = |message: String| notes.push(Note { line: row.line, message });
    let printed = cell(Column::Name);
    if printed.is_empty() {
        return Err(Error::expected(file, row.line, "a parameter name", "an empty cell"));
    }
    let (name, list_suffix) = match printed.split_once('.') {
        Some((base, "N")) => (base.to_string(), true),
        Some((base, suffix)) if vocab::is_param_name(base) && !suffix.contains('.') => {
            note(format!("`{printed}`: the `.N` list suffix is broken on the page; the name is `{base}`"));
            (base.to_string(), true)
        }
        _ => (printed.clone(), false),
    };
    let mut ty = cell(Column::Type);
    let mut description = cell(Column::Description);
    let required = match row.cell(cols, Column::Required).map(str::trim) {
        None => None,
        Some(c) => match vocab::required_word(c) {
            Some(vocab::Required::Word(b)) => Some(b),
            Some(vocab::Required::Misspelt { required, meant }) => {
                note(format!("Required cell of `{name}` reads `{c}`, taken as `{meant}`"));
                Some(required)
            }
            None => {
                if let Some(swapped) = vocab::required_word(&ty).filter(|_| looks_like_type(c)) {
                    note(format!("`{name}`: the Type and Required cells are swapped (`{c}`, `{ty}`)"));
                    ty = c.to_string();
                    Some(swapped.value())
                } else if description.is_empty() && !c.is_empty() {
                    note(format!(
                        "`{name}` has no Required cell (the row is one cell short): `{}` is read as its description and the parameter as optional",
                        c.chars().take(40).collect::<String>()
                    ));
                    description = c.to_string();
                    Some(false)
                } else {
                    note(format!("Required cell of `{name}` reads `{c}`, not a Yes/No word: taken as optional"));
                    Some(false)
                }
            }
        },
    };
    if ty.is_empty() {
        return Err(Error::expected(file, row.line, format!("a type for `{name}`"), "an empty cell"));
    }
    Ok(RawParam { line: row.line, name, list_suffix, required, ty, description })
}

/// `String`, `Array of Filter`, `Vpc`: a cell that reads like a type.
fn looks_like_type(cell: &str) -> bool {
    let inner = cell.strip_prefix("Array of ").unwrap_or(cell).trim();
    let inner = inner.strip_suffix(" ISO8601").unwrap_or(inner);
    vocab::is_basic_type(inner) || vocab::is_param_name(inner)
}

fn error_rows(file: &str, line: u32, table: &Table, notes: &mut Vec<Note>) -> Result<Vec<RawErrorCode>> {
    if table.columns.first() != Some(&Column::Name) {
        return Err(Error::expected(
            file,
            line,
            "an error code table (`Error Code Description`)",
            format!("columns {:?}", table.columns),
        ));
    }
    let mut out = Vec::new();
    for row in &table.rows {
        let code = row.cell(&table.columns, Column::Name).unwrap_or("").trim().to_string();
        let description = row.cell(&table.columns, Column::Description).unwrap_or("").to_string();
        if code.is_empty() {
            if !description.trim().is_empty() {
                notes.push(Note { line: row.line, message: "error code row without a code skipped".to_string() });
            } else {
                notes.push(Note { line: row.line, message: "empty table row skipped".to_string() });
            }
            continue;
        }
        out.push(RawErrorCode { line: row.line, code, description });
    }
    Ok(out)
}

/// The Data Types page: a level-2 heading per structure, its description, the
/// `Used by actions:` line, then its field table.
fn data_types(page: &Page, notes: &mut Vec<Note>) -> Result<Vec<RawDataType>> {
    let file = page.file.as_str();
    let mut out: Vec<RawDataType> = Vec::new();
    let mut table_done = true;
    for block in &page.blocks {
        match &block.kind {
            BlockKind::Heading { level: 2, text } => {
                if !table_done {
                    if let Some(prev) = out.pop() {
                        notes.push(Note {
                            line: prev.line,
                            message: format!("structure `{}` has no field table: left out", prev.name),
                        });
                    }
                }
                out.push(RawDataType {
                    line: block.line,
                    name: text.trim().to_string(),
                    description: String::new(),
                    used_by: Vec::new(),
                    has_required_column: false,
                    fields: Vec::new(),
                });
                table_done = false;
            }
            BlockKind::Paragraph { text } => {
                let Some(current) = out.last_mut().filter(|_| !table_done) else { continue };
                if let Some(list) = vocab::used_by(text) {
                    current.used_by = list
                        .trim()
                        .trim_end_matches(['.', '。'])
                        .split([',', '、', '，'])
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
                current.fields = params(file, block.line, table, false, notes)?;
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
fn error_codes(page: &Page, notes: &mut Vec<Note>) -> Result<RawErrorCodes> {
    let file = page.file.as_str();
    let mut out = RawErrorCodes { file: file.to_string(), ..RawErrorCodes::default() };
    let mut group: Option<bool> = None; // Some(is_common)
    for block in &page.blocks {
        match &block.kind {
            BlockKind::Heading { text, .. } => group = vocab::error_code_group(text).or(group),
            // `###　共通エラーコード`: a heading whose marker a full-width space keeps from
            // being one.
            BlockKind::Paragraph { text } if text.starts_with('#') => {
                group = vocab::error_code_group(text.trim_start_matches('#').trim()).or(group)
            }
            BlockKind::Table(table) => {
                let rows = error_rows(file, block.line, table, notes)?;
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
            page.blocks.first().map_or(1, |b| b.line),
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
    fn hosts() {
        assert_eq!(
            host_in("Domain name for API request: vpc.intl.tencentcloudapi.com.").as_deref(),
            Some("vpc.intl.tencentcloudapi.com")
        );
        assert_eq!(host_in("接口请求域名： cvm.tencentcloudapi.com 。").as_deref(), Some("cvm.tencentcloudapi.com"));
        assert_eq!(host_in("API 요청 도메인 이름: as.tencentcloudapi.com.").as_deref(), Some("as.tencentcloudapi.com"));
        assert_eq!(host_in("Domain name for API request:"), None);
    }

    #[test]
    fn names_from_the_description() {
        assert_eq!(name_in_description("本接口 (CreateKeyPair) 用于创建").as_deref(), Some("CreateKeyPair"));
        assert_eq!(name_in_description("This API (CreateVpc) is used to create VPCs.").as_deref(), Some("CreateVpc"));
        assert_eq!(
            name_in_description("본 API(CreateLaunchConfiguration)는").as_deref(),
            Some("CreateLaunchConfiguration")
        );
        assert_eq!(name_in_description("Note (such as ap-shanghai-fsi)"), None);
    }

    #[test]
    fn common_param_values() {
        let row = |d: &str| RawParam {
            line: 3,
            name: "Version".into(),
            list_suffix: false,
            required: Some(true),
            ty: "String".into(),
            description: d.into(),
        };
        for d in [
            "Common parameter. The value used for this API: 2017-03-12.",
            "公共参数，本接口取值：2017-03-12。",
            "共通パラメータ。本インターフェースの値：2017-03-12",
            "공통 매개변수, 본 API 값: 2017-03-12",
        ] {
            assert_eq!(common_param_value(&[row(d)], "Version"), Some(("2017-03-12".to_string(), 3)), "{d}");
        }
    }
}
