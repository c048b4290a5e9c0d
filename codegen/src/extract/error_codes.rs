//! The Error Codes page: its common and service code tables.

use super::records::RawErrorCodes;
use super::tables::error_rows;
use crate::error::{Error, Result};
use crate::vocab::{self, BlockKind, Note, Page};

/// The Error Codes page: the tables under `Common Error Codes` and `Service Error Codes`.
pub(super) fn error_codes(page: &Page, notes: &mut Vec<Note>) -> Result<RawErrorCodes> {
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
