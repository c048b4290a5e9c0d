//! The block model every front-end produces (see `crate::page`): a page is a sequence of
//! [`Block`]s — headings, paragraphs, list items, tables and code — each with the line it
//! starts on, whatever the page's form (text, HTML, Markdown).
//!
//! - `Heading { level: 1 }`: the page title (`AssociateAddress`, `Data Types`, `Error Codes`);
//! - `Heading { level: 2 }`: numbered sections (`1. API Description`, `2. 输入参数`), the
//!   structure names of the Data Types page, the sections of the Error Codes page;
//! - `Heading { level: 3 }`: an example's title (`Example1 Binding an EIP …`), the code groups of
//!   the Error Codes page (`Common Error Codes`);
//! - `Heading { level: 4 }`: `Input Example` / `Output Example` (`输入示例` / `输出示例`);
//! - a numbered section heading (`N. …`) may come at any level, 1 to 6 (see
//!   `extract::sections`);
//! - `Paragraph`, `ListItem` (without its bullet), `Code` (an example, verbatim);
//! - `Table`: the header's columns and the rows, each row's cells in column order.
//!
//! Text is normalised the same way by every front-end (see [`normalize_cell`]): runs of
//! white space become one space, and a multi-line description cell keeps one `\n` between
//! its non-empty lines, list items inside a cell starting with `• `.

/// A page as a sequence of blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page's display path.
    pub file: String,
    pub blocks: Vec<Block>,
    /// What the front-end had to interpret or leave out, with the line (becomes a warning).
    pub notes: Vec<Note>,
}

/// Something a front-end reports about a line: a row it had to interpret, a line it could
/// place nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: u32,
    pub message: String,
}

/// What a front-end may know beyond the page: the structure names the product version's
/// Data Types page defines, which tell a row (`Vpc Vpc The VPC.`) from a description line
/// that happens to start with two capitalised words (`CLOUD_IDC IDC cluster`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    pub structures: Option<std::collections::BTreeSet<String>>,
    /// Without `structures`: each word the text front-end had to guess about, and whether
    /// it took it for a structure. A page whose guesses the names confirm reads the same
    /// with them: it need not be read again.
    pub guesses: Guesses,
}

/// Words guessed to be (or not to be) structure names while reading one page.
#[derive(Debug, Default)]
pub struct Guesses(std::sync::Mutex<std::collections::BTreeMap<String, bool>>);

impl Guesses {
    pub fn record(&self, word: &str, taken: bool) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(word.to_string(), taken);
    }

    pub fn snapshot(&self) -> std::collections::BTreeMap<String, bool> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Whether knowing `names` decides every guess the same way.
    pub fn confirmed_by(&self, names: &std::collections::BTreeSet<String>) -> bool {
        self.snapshot().iter().all(|(word, taken)| names.contains(word) == *taken)
    }
}

impl Clone for Guesses {
    fn clone(&self) -> Self {
        Guesses(std::sync::Mutex::new(self.snapshot()))
    }
}

impl PartialEq for Guesses {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot() == other.snapshot()
    }
}

impl Eq for Guesses {}

/// One block with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub line: u32,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Heading { level: u8, text: String },
    Paragraph { text: String },
    ListItem { text: String },
    Table(Table),
    Code { text: String },
}

/// A table: what its columns hold, and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// What a column of a table holds, read from the header cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// `Parameter Name`, `Name`, `Error Code`, `参数名称`, `名称`, `错误码`.
    Name,
    /// `Required`, `必选`.
    Required,
    /// `Type`, `类型`.
    Type,
    /// `Description`, `描述`.
    Description,
}

/// One table row: its cells in column order, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell of a column, if the table has that column.
    pub fn cell<'a>(&'a self, columns: &[Column], column: Column) -> Option<&'a str> {
        columns.iter().position(|c| *c == column).and_then(|i| self.cells.get(i)).map(String::as_str)
    }
}

/// Normalises a (possibly multi-line) cell or paragraph: every line has its runs of white
/// space folded to one space and is trimmed; empty lines are dropped; lines are joined
/// with `\n`.
pub fn normalize_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut first = true;
        for word in line.split_whitespace() {
            if first {
                if !out.is_empty() {
                    out.push('\n');
                }
                first = false;
            } else {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_space_and_drops_empty_lines() {
        assert_eq!(normalize_cell("  a  b \n\n\t c\n"), "a b\nc");
        assert_eq!(normalize_cell(""), "");
        assert_eq!(normalize_cell("You must  unbind"), "You must unbind");
    }
}
