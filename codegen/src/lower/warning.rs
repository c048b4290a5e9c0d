//! [`Warning`]: what lowering reports about the pages while generating regardless.

use std::fmt;

/// A contradiction or a documentation defect found in the pages: the generated code
/// follows the tables and leaves out what cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}
