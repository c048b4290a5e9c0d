//! The rows of a parameter, field or error code table, read by their cells' shapes.

use super::records::{RawErrorCode, RawParam};
use crate::error::{Error, Result};
use crate::page::columns::is_error_code_cell;
use crate::vocab::{self, Column, Note, Row, Table};

/// Rows of a parameter table. `input` tables must have a Required column.
pub(super) fn params(
    file: &str,
    line: u32,
    table: &Table,
    input: bool,
    notes: &mut Vec<Note>,
) -> Result<Vec<RawParam>> {
    let cols = &table.columns;
    for needed in [Column::Name, Column::Type, Column::Description] {
        if !cols.contains(&needed) {
            return Err(Error::expected(
                file,
                line,
                format!("a `{needed:?}` column in the parameter table"),
                format!("columns {cols:?}"),
            ));
        }
    }
    if input && !cols.contains(&Column::Required) {
        return Err(Error::expected(
            file,
            line,
            "a `Required` column in the input parameter table",
            format!("columns {cols:?}"),
        ));
    }
    let mut out: Vec<RawParam> = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            notes.push(Note { line: row.line, message: "empty table row skipped".to_string() });
            continue;
        }
        if let (Some(previous), Some(text)) = (out.last_mut(), continuation(cols, row)) {
            let why = format!("has no type: read as more of the description of `{}`", previous.name);
            continue_description(&mut previous.description, &text, row.line, &why, notes);
            continue;
        }
        out.push(param(file, cols, row, notes)?);
    }
    Ok(out)
}

/// A row that is no row: its Type cell is empty, its Required cell (if any) holds no
/// Yes/No word, and it is not a name with a description; as a description that goes on
/// over raw lines without cell separators reads (`The default is 20.`, or `Offset No more
/// than 100.` all in the first cell). Its text, cells joined by spaces, continues the row
/// above.
fn continuation(cols: &[Column], row: &Row) -> Option<String> {
    let cell = |c| row.cell(cols, c).unwrap_or("").trim();
    if !cell(Column::Type).is_empty() || vocab::required_word(cell(Column::Required)).is_some() {
        return None;
    }
    // A name and a description around an empty Type cell: a row that lacks its type.
    if vocab::is_param_name(cell(Column::Name)) && !cell(Column::Description).is_empty() {
        return None;
    }
    let text: Vec<&str> = row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    Some(text.join(" "))
}

/// A row of a parameter table, read by its cells' shapes: a Required cell that holds a
/// type while the Type cell holds a Yes/No word was swapped; a Required cell that is no
/// Yes/No word while the Description is empty was left out (the text is the description).
fn param(file: &str, cols: &[Column], row: &Row, notes: &mut Vec<Note>) -> Result<RawParam> {
    let cell = |c| row.cell(cols, c).unwrap_or("").trim().to_string();
    let mut note = |message: String| notes.push(Note { line: row.line, message });
    let printed = cell(Column::Name);
    if printed.is_empty() {
        return Err(Error::expected(file, row.line, "a parameter name", "an empty cell"));
    }
    // `Total Count` (an older page): the name without its spaces.
    let printed = match printed.split_whitespace().collect::<String>() {
        joined if joined != printed && vocab::is_param_name(&joined) => {
            note(format!("parameter name `{printed}` has spaces in it: read as `{joined}`"));
            joined
        }
        _ => printed,
    };
    let (name, list_suffix) = match printed.split_once('.') {
        Some((base, "N")) => (base.to_string(), true),
        Some((base, suffix)) if vocab::is_param_name(base) && !suffix.contains('.') => {
            note(format!("`{printed}`: the `.N` list suffix is broken on the page; the name is `{base}`"));
            (base.to_string(), true)
        }
        _ => (printed.clone(), false),
    };
    let mut ty = cell(Column::Type);
    let mut description = cell(Column::Description);
    let required = match row.cell(cols, Column::Required).map(str::trim) {
        None => None,
        Some(c) => match vocab::required_word(c) {
            Some(vocab::Required::Word(b)) => Some(b),
            Some(vocab::Required::Misspelt { required, meant }) => {
                note(format!("Required cell of `{name}` reads `{c}`, taken as `{meant}`"));
                Some(required)
            }
            None => {
                if let Some(swapped) = vocab::required_word(&ty).filter(|_| looks_like_type(c)) {
                    note(format!("`{name}`: the Type and Required cells are swapped (`{c}`, `{ty}`)"));
                    ty = c.to_string();
                    Some(swapped.value())
                } else if description.is_empty() && !c.is_empty() {
                    note(format!(
                        "`{name}` has no Required cell (the row is one cell short): `{}` is read as its description and the parameter as optional",
                        c.chars().take(40).collect::<String>()
                    ));
                    description = c.to_string();
                    Some(false)
                } else {
                    note(format!("Required cell of `{name}` reads `{c}`, not a Yes/No word: taken as optional"));
                    Some(false)
                }
            }
        },
    };
    if ty.is_empty() {
        return Err(Error::expected(file, row.line, format!("a type for `{name}`"), "an empty cell"));
    }
    Ok(RawParam { line: row.line, name, list_suffix, required, ty, description })
}

/// `String`, `Array of Filter`, `Vpc`: a cell that reads like a type.
fn looks_like_type(cell: &str) -> bool {
    let inner = cell.strip_prefix("Array of ").unwrap_or(cell).trim();
    let inner = inner.strip_suffix(" ISO8601").unwrap_or(inner);
    vocab::is_basic_type(inner) || vocab::is_param_name(inner)
}

/// Rows of an error code table: its code column (told by the front-ends by its cells, in
/// any place: see `page::columns`) and its description; a table with a Type column is a
/// parameter table, not this.
pub(super) fn error_rows(file: &str, line: u32, table: &Table, notes: &mut Vec<Note>) -> Result<Vec<RawErrorCode>> {
    if !table.columns.contains(&Column::Name) || table.columns.contains(&Column::Type) {
        return Err(Error::expected(
            file,
            line,
            "an error code table (`Error Code Description`)",
            format!("columns {:?}", table.columns),
        ));
    }
    let mut out: Vec<RawErrorCode> = Vec::new();
    for row in &table.rows {
        let code = row.cell(&table.columns, Column::Name).unwrap_or("").trim().to_string();
        let description = row.cell(&table.columns, Column::Description).unwrap_or("").to_string();
        // A description that goes on over raw lines without cell separators: its text lands
        // in one cell, and no code reads so (`does not exist.`). A row with a description
        // keeps its code, however odd.
        let wrapped = !code.is_empty() && !is_error_code_cell(&code) && description.trim().is_empty();
        if let (Some(previous), true) = (out.last_mut(), wrapped) {
            let text: Vec<&str> = row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
            let why = format!("holds no error code: read as more of the description of `{}`", previous.code);
            continue_description(&mut previous.description, &text.join(" "), row.line, &why, notes);
            continue;
        }
        if code.is_empty() {
            if !description.trim().is_empty() {
                notes.push(Note { line: row.line, message: "error code row without a code skipped".to_string() });
            } else {
                notes.push(Note { line: row.line, message: "empty table row skipped".to_string() });
            }
            continue;
        }
        out.push(RawErrorCode { line: row.line, code, description });
    }
    Ok(out)
}

/// A raw line read as more of the description above (`line `…` <why>`).
fn continue_description(description: &mut String, text: &str, line: u32, why: &str, notes: &mut Vec<Note>) {
    let start: String = text.chars().take(40).collect();
    notes.push(Note { line, message: format!("line `{start}` {why}") });
    if !description.is_empty() {
        description.push('\n');
    }
    description.push_str(text);
}
