//! Errors of the doc-page compiler. Every error names a file and a line.

use std::fmt;

/// An error at a place in a documentation page: `file:line: what`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {kind}", Location { file, line: *line })]
pub struct Error {
    /// The page as shown to the user (e.g. `docs-src/vpc/2017-03-12/X.txt`).
    pub file: String,
    /// 1-based line; 0 when the error concerns the file as a whole.
    pub line: u32,
    /// What went wrong (boxed: results stay small).
    pub kind: Box<ErrorKind>,
}

struct Location<'a> {
    file: &'a str,
    line: u32,
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(self.file)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

impl Error {
    pub fn new(file: &str, line: u32, kind: ErrorKind) -> Self {
        Error { file: file.to_string(), line, kind: Box::new(kind) }
    }

    /// Shorthand for the common "expected X, found Y" error.
    pub fn expected(file: &str, line: u32, expected: impl Into<String>, found: impl Into<String>) -> Self {
        Error::new(file, line, ErrorKind::Expected { expected: expected.into(), found: found.into() })
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    #[error("cannot read file: {message}")]
    Io { message: String },
    #[error("not valid UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("expected {expected}, found {found}")]
    Expected { expected: String, found: String },
    #[error("not an API documentation page: {reason}")]
    NotAPage { reason: String },
    #[error("page ends inside the {section} table (expected more rows or the next section)")]
    Truncated { section: String },
    #[error("action `{action}` is documented twice (first at {first})")]
    DuplicateAction { action: String, first: String },
    #[error("page says {what} `{page}` but it lies in the folder for `{folder}`")]
    FolderMismatch { what: String, page: String, folder: String },
    #[error("pages of different {what} in one folder: `{this}` here, `{other}` in {other_file}")]
    MixedFolder { what: String, this: String, other: String, other_file: String },
    #[error("{message}")]
    Other { message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_and_line() {
        let e = Error::expected("docs-src/vpc/2017-03-12/X.txt", 123, "a type", "`Strin`");
        assert_eq!(e.to_string(), "docs-src/vpc/2017-03-12/X.txt:123: expected a type, found `Strin`");
        let e = Error::new("a.txt", 0, ErrorKind::NotUtf8 { offset: 3 });
        assert_eq!(e.to_string(), "a.txt: not valid UTF-8 (invalid byte at offset 3)");
    }
}
