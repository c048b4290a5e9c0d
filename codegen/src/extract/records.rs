//! The raw records a page holds: strings as the page prints them, with their lines.

use crate::vocab::Note;

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
    /// The page has no domain line: `host` is the examples' request host, a weaker word
    /// (the folder's product wins over it).
    pub host_from_example: bool,
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
