//! A page (or a whole folder) the parser could not read, with the class of its error.

use std::path::Path;

use crate::class::classify;

/// A page (or the whole folder) the parser could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The page's file name; empty when the failure concerns the folder.
    pub page: String,
    /// The line (0: the page or folder as a whole).
    pub line: u32,
    /// The failure's class (a normalised message prefix: [`classify`]).
    pub class: String,
    /// The error's message (without its place).
    pub what: String,
    /// Not a failure of its own: an action page left out because it names a structure
    /// and the folder's Data Types page could not be read.
    pub consequence: bool,
}

/// The failure of a parser error; `consequence`: see [`Failure::consequence`].
pub fn failure(e: &codegen::Error, consequence: bool) -> Failure {
    let page = if e.file.is_empty() || Path::new(&e.file).is_dir() {
        String::new()
    } else {
        Path::new(&e.file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    };
    Failure { page, line: e.line, class: classify(&e.kind), what: e.kind.to_string(), consequence }
}

impl Failure {
    /// `page:line` within the folder (`.` for the folder itself).
    pub fn place(&self) -> String {
        match (self.page.as_str(), self.line) {
            ("", _) => ".".to_string(),
            (page, 0) => page.to_string(),
            (page, line) => format!("{page}:{line}"),
        }
    }
}

/// A folder-level failure with a class of its own.
pub(crate) fn folder_failure(class: &str, detail: &str) -> Failure {
    Failure {
        page: String::new(),
        line: 0,
        class: class.to_string(),
        what: format!("{class}{detail}"),
        consequence: false,
    }
}
