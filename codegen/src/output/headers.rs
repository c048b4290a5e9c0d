//! Telling generated files from hand-written ones by their first line.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use super::error::OutputError;
use crate::{GENERATED_HEADER, GENERATED_TOML_HEADER};

/// The marker a generated JSON file carries as its first key.
const JSON_MARKER: &[u8] = b"\"@generated\"";

/// How far into a JSON file the marker is looked for.
const JSON_MARKER_WINDOW: usize = 200;

/// How much of an existing file is read to decide whether it is generated (enough for
/// both rules: the header line plus a line break, and the JSON window).
const SNIFF_LEN: u64 = 512;

/// Whether `contents` (the file at `path`, or a prefix of at least 512 bytes of it) carries
/// the generated-file header.
///
/// - `.json`: the string `"@generated"` occurs within the first 200 bytes;
/// - `.toml`: the first line equals [`GENERATED_TOML_HEADER`] (a trailing `\r` is ignored);
/// - anything else (`.rs` included): the first line equals [`GENERATED_HEADER`] (a
///   trailing `\r` is ignored).
pub fn is_generated(path: &Path, contents: &[u8]) -> bool {
    let extension = |e: &str| path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case(e));
    if extension("json") {
        let window = &contents[..contents.len().min(JSON_MARKER_WINDOW)];
        window.windows(JSON_MARKER.len()).any(|w| w == JSON_MARKER)
    } else {
        let line = match contents.iter().position(|&b| b == b'\n') {
            Some(end) => &contents[..end],
            None => contents,
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let header = if extension("toml") { GENERATED_TOML_HEADER } else { GENERATED_HEADER };
        line == header.as_bytes()
    }
}

/// Whether the file at `path` (which exists) is generated, from its first bytes.
pub(super) fn file_is_generated(path: &Path) -> Result<bool, OutputError> {
    Ok(is_generated(path, &read_prefix(path)?))
}

/// The first [`SNIFF_LEN`] bytes of a file (fewer if it is shorter).
fn read_prefix(path: &Path) -> Result<Vec<u8>, OutputError> {
    let read = || -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        fs::File::open(path)?.take(SNIFF_LEN).read_to_end(&mut buf)?;
        Ok(buf)
    };
    read().map_err(|source| OutputError::Read { path: path.to_path_buf(), source })
}

/// Errors unless the file at `path` (which existed) is generated or has vanished.
pub(super) fn ensure_generated_or_gone(path: &Path) -> Result<(), OutputError> {
    let prefix = match read_prefix(path) {
        Ok(prefix) => prefix,
        Err(OutputError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if is_generated(path, &prefix) {
        Ok(())
    } else {
        Err(OutputError::WouldOverwriteHandWritten { path: path.to_path_buf() })
    }
}
