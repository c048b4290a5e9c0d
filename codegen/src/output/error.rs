//! What stops a plan, a write or a crate's settings.

use std::io;
use std::path::{Path, PathBuf};

/// Something that stops a plan from being made or carried out. Every variant names the
/// path on disk it concerns.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// A file to write or remove exists without the generated header.
    #[error(
        "{}: refusing to overwrite a hand-written file (it has no `@generated` header); \
         move it away or delete it, then regenerate",
        path.display()
    )]
    WouldOverwriteHandWritten {
        /// The file.
        path: PathBuf,
    },
    /// The generator produced a file without the header.
    #[error(
        "{}: the generator produced this file without the `@generated` header \
         (it would be taken for hand-written afterwards)",
        path.display()
    )]
    MissingHeader {
        /// The file.
        path: PathBuf,
    },
    /// A generated path that is not a plain relative path.
    #[error("{}: not a valid generated path (must be relative, `/`-separated, without `.` or `..`)", path.display())]
    InvalidPath {
        /// The path under the output folder.
        path: PathBuf,
    },
    /// A part of a file that must first be made into the file ([`crate::Generated::blocks`]:
    /// see [`super::complete`]).
    #[error("{}: the generated tree still holds this file as a block: complete it first", path.display())]
    Incomplete {
        /// The file.
        path: PathBuf,
    },
    /// A directory stands where a file is to be written.
    #[error("{}: a file is to be written here but this is a directory", path.display())]
    NotAFile {
        /// The directory.
        path: PathBuf,
    },
    /// A file stands where a directory is needed.
    #[error("{}: a directory is needed here but this is a file", path.display())]
    NotADirectory {
        /// The file.
        path: PathBuf,
    },
    /// Reading failed.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// What was read.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// Writing failed.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// What was written.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// Creating a directory failed.
    #[error("{}: cannot create directory: {source}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// Removing failed.
    #[error("{}: cannot remove: {source}", path.display())]
    Remove {
        /// What was removed.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
}

impl OutputError {
    /// The path on disk the error concerns.
    pub fn path(&self) -> &Path {
        match self {
            OutputError::WouldOverwriteHandWritten { path }
            | OutputError::MissingHeader { path }
            | OutputError::InvalidPath { path }
            | OutputError::Incomplete { path }
            | OutputError::NotAFile { path }
            | OutputError::NotADirectory { path }
            | OutputError::Read { path, .. }
            | OutputError::Write { path, .. }
            | OutputError::CreateDir { path, .. }
            | OutputError::Remove { path, .. } => path,
        }
    }
}

/// A crate's settings file, or the manifest of an enclosing workspace, that cannot be
/// used: `file:line: what` (`file: what` when no line is to blame).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", if *line > 0 { format!(":{line}") } else { String::new() })]
pub struct SettingsError {
    /// The file, as shown.
    pub file: String,
    /// Its line (1-based), 0 when the file as a whole is at fault.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl SettingsError {
    /// An error at `file:line`.
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> SettingsError {
        SettingsError { file: file.to_string(), line, message: message.into() }
    }
}
