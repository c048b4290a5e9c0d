//! The Data Types page: one structure per heading, its field table and its `Used by actions`
//! line.

use super::records::RawDataType;
use super::tables::params;
use crate::error::{Error, ErrorKind, Result};
use crate::vocab::{self, BlockKind, Column, Note, Page};

/// The Data Types page: a heading per structure, its description, the `Used by actions:`
/// line, then its field table. A structure's heading is any level-2 heading, or a heading
/// at any other level that reads as a structure's name (pages put them at other levels;
/// the page's title is none).
pub(super) fn data_types(page: &Page, notes: &mut Vec<Note>) -> Result<Vec<RawDataType>> {
    let file = page.file.as_str();
    let mut out: Vec<RawDataType> = Vec::new();
    let mut table_done = true;
    for block in &page.blocks {
        match &block.kind {
            BlockKind::Heading { level, text } if *level == 2 || is_structure_name(text) => {
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

/// `AddressTemplate`: an ASCII letter, then ASCII letters, digits and underscores (the
/// page's title, `Data Types` or `数据结构`, is none).
fn is_structure_name(text: &str) -> bool {
    let text = text.trim();
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !vocab::is_data_types_title(text)
}

#[cfg(test)]
mod tests {
    use super::is_structure_name;

    #[test]
    fn structure_names_are_identifiers() {
        assert!(is_structure_name("AddressTemplate"));
        assert!(is_structure_name(" Filter_2 "));
        assert!(!is_structure_name("Data Types"));
        assert!(!is_structure_name("数据结构"));
        assert!(!is_structure_name("2. Input"));
        assert!(!is_structure_name(""));
    }
}
