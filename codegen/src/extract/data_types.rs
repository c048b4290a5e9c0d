//! The Data Types page: one structure per heading, its field table and its `Used by actions`
//! line.

use super::records::RawDataType;
use super::tables::params;
use crate::error::{Error, ErrorKind, Result};
use crate::vocab::{self, BlockKind, Column, Note, Page};

/// The Data Types page: a level-2 heading per structure, its description, the
/// `Used by actions:` line, then its field table.
pub(super) fn data_types(page: &Page, notes: &mut Vec<Note>) -> Result<Vec<RawDataType>> {
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
