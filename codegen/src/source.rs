//! Source files: their display path, their text, and byte offset → line:col.

use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};

/// One documentation page as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in messages (relative to the working directory when possible).
    pub display: String,
    /// Path on disk.
    pub path: PathBuf,
    /// The page text (always valid UTF-8).
    pub text: String,
    line_starts: Vec<usize>,
}

/// A position in a source file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl SourceFile {
    /// Builds a source file from text already in memory.
    pub fn new(display: impl Into<String>, path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile { display: display.into(), path: path.into(), text, line_starts }
    }

    /// Reads a file; a missing, unreadable or non-UTF-8 file is an error naming it.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let display = display_path(path);
        let bytes =
            std::fs::read(path).map_err(|e| Error::new(&display, 0, ErrorKind::Io { message: e.to_string() }))?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(display, path, text)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.as_bytes();
                let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u32;
                Err(Error::new(&display, line, ErrorKind::NotUtf8 { offset }))
            }
        }
    }

    /// Line and column (1-based, column counted in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self.text.get(start..offset).map_or(0, |s| s.chars().count());
        LineCol { line: line as u32 + 1, col: col as u32 + 1 }
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.line_col(offset).line
    }

    /// Number of lines in the file.
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

/// A path for messages: relative to the current directory when it lies below it,
/// always with `/` separators.
pub fn display_path(path: &Path) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    shown.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let f = SourceFile::new("x", "x", "ab\ncdé\n\nz".to_string());
        assert_eq!(f.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, col: 1 });
        assert_eq!(f.line_col(7), LineCol { line: 2, col: 4 });
        assert_eq!(f.line_col(8), LineCol { line: 3, col: 1 });
        assert_eq!(f.line_col(9), LineCol { line: 4, col: 1 });
        assert_eq!(f.line_col(100), LineCol { line: 4, col: 2 });
        assert_eq!(f.line_count(), 4);
    }
}
