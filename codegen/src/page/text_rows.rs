//! The text front-end's tables: a header line's columns, and whether a line is a row of the
//! table (its cells split by their shapes) or continues the previous row's description.

use crate::vocab::{self, is_param_name, normalize_cell, Column, Known};

/// A table header line: every cell a known header cell, Name first, Description last.
/// Cells are separated by tabs, or (no tab) by single spaces.
pub fn table_header(line: &str) -> Option<(Vec<Column>, bool)> {
    let line = line.trim();
    let tabs = line.contains('\t');
    let mut columns = Vec::new();
    if tabs {
        // A header cell the vocabulary lacks stands for the column its cells will tell (see
        // `columns`); meanwhile it takes the place of a column the header does not name.
        let cells: Vec<Option<Column>> =
            line.split('\t').map(str::trim).filter(|c| !c.is_empty()).map(vocab::column).collect();
        let named = cells.iter().flatten().count();
        if named < 2 || cells.first() != Some(&Some(Column::Name)) {
            return None;
        }
        let last = cells.len() - 1;
        for (i, cell) in cells.iter().enumerate() {
            let missing = |c: Column| !cells.contains(&Some(c)) && !columns.contains(&c);
            columns.push(match cell {
                Some(c) => *c,
                None if i == last => Column::Description,
                None if missing(Column::Type) => Column::Type,
                None if missing(Column::Required) => Column::Required,
                None => return None,
            });
        }
    } else {
        let words = vocab::column_words();
        let mut rest = line;
        while !rest.is_empty() {
            let cell = words.iter().find(|c| {
                rest.get(..c.len()).is_some_and(|head| head.eq_ignore_ascii_case(c))
                    && (rest.len() == c.len() || rest[c.len()..].starts_with(' '))
            })?;
            columns.push(vocab::column(cell)?);
            rest = rest[cell.len()..].trim_start();
        }
    }
    let valid = columns.len() >= 2
        && columns[0] == Column::Name
        && columns.iter().filter(|c| **c == Column::Name).count() == 1
        && columns.last() == Some(&Column::Description);
    valid.then_some((columns, tabs))
}

/// What a line of a table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Row(Vec<String>),
    /// A row whose cells were read with an interpretation worth reporting.
    Odd(Vec<String>, String),
    Continuation,
}

/// Tells a row from a continuation line by the shape of its cells.
pub fn classify(line: &str, columns: &[Column], tabs: bool, known: &Known) -> Line {
    if tabs && line.contains('\t') {
        return classify_tabbed(line, columns, known);
    }
    // A line without a tab in a table of two or more tab-separated columns continues the
    // last row's description (`EIP does not exist.` is no error code and its description).
    if tabs && columns.len() >= 2 {
        return Line::Continuation;
    }
    let mut rest = line.trim_end();
    if rest.starts_with(char::is_whitespace) || rest.is_empty() {
        return Line::Continuation;
    }
    let error_table = !columns.contains(&Column::Type);
    // A Required word is proof enough of a row: its type may name a structure the Data
    // Types page forgot.
    let loose = Known::default();
    let type_known = if columns.contains(&Column::Required) { &loose } else { known };
    let mut cells = Vec::with_capacity(columns.len());
    let mut odd = None;
    for column in columns {
        match column {
            Column::Description => {
                cells.push(normalize_cell(rest));
                rest = "";
            }
            Column::Name => {
                let Some((word, after)) = next_word(rest) else { return Line::Continuation };
                let ok = if error_table { is_error_code(word) } else { is_param_name(word) };
                if !ok {
                    return Line::Continuation;
                }
                cells.push(word.to_string());
                rest = after;
            }
            Column::Required => {
                let Some((word, after)) = next_word(rest) else { return Line::Continuation };
                match vocab::required_word(word) {
                    Some(vocab::Required::Word(_)) => {}
                    Some(vocab::Required::Misspelt { meant, .. }) if tabs => {
                        odd = Some(format!("Required cell reads `{word}`, taken as `{meant}`"));
                    }
                    _ => return Line::Continuation,
                }
                cells.push(word.to_string());
                rest = after;
            }
            Column::Type => {
                let Some((ty, after)) = split_type(rest, type_known) else { return Line::Continuation };
                cells.push(ty);
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        return Line::Continuation;
    }
    match odd {
        Some(why) => Line::Odd(cells, why),
        None => Line::Row(cells),
    }
}

/// A tab-separated line: a row when its first cell names a parameter (or an error code).
fn classify_tabbed(line: &str, columns: &[Column], known: &Known) -> Line {
    let mut cells: Vec<String> = line.trim_end_matches(['\r', '\n']).split('\t').map(normalize_cell).collect();
    if cells.iter().all(String::is_empty) {
        return Line::Continuation;
    }
    let error_table = !columns.contains(&Column::Type);
    let name = cells.get(columns.iter().position(|c| *c == Column::Name).unwrap_or(0)).map_or("", String::as_str);
    let name_ok = if error_table { is_error_code(name) } else { is_param_name(name) };
    if !name_ok {
        return Line::Continuation;
    }
    let mut odd = None;
    if cells.len() > columns.len() {
        let extra = cells.split_off(columns.len() - 1);
        odd = Some(format!(
            "row has {} cells for {} columns: the rest is read as the description",
            cells.len() + extra.len(),
            columns.len()
        ));
        cells.push(extra.into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" | "));
    } else if cells.len() < columns.len() {
        odd = Some(format!("row has {} cells for {} columns: the missing ones are empty", cells.len(), columns.len()));
        cells.resize(columns.len(), String::new());
    }
    let _ = known;
    match odd {
        Some(why) => Line::Odd(cells, why),
        None => Line::Row(cells),
    }
}

fn next_word(s: &str) -> Option<(&str, &str)> {
    if s.is_empty() {
        return None;
    }
    Some(match s.split_once(' ') {
        Some((w, rest)) => (w, rest),
        None => (s, ""),
    })
}

/// A type cell: a basic type, `Array of X`, `Timestamp ISO8601`, or a structure name (one
/// the Data Types page defines, when the product has one).
fn split_type<'a>(s: &'a str, known: &Known) -> Option<(String, &'a str)> {
    let (first, rest) = next_word(s)?;
    if first == "Array" {
        if let Some(after_of) = rest.strip_prefix("of ") {
            // `Array of X` is a type whatever X is (a structure the Data Types page forgot is
            // reported later, not taken for prose).
            let (elem, after) = next_word(after_of)?;
            return is_type_word(elem, &Known::default()).then(|| (format!("Array of {elem}"), after));
        }
    }
    if first.eq_ignore_ascii_case("Timestamp") {
        if let Some(after) = rest.strip_prefix("ISO8601") {
            if after.is_empty() || after.starts_with(' ') {
                return Some((format!("{first} ISO8601"), after.trim_start_matches(' ')));
            }
        }
    }
    is_type_word(first, known).then(|| (first.to_string(), rest))
}

/// A basic type, or a structure: one the product defines when its names are known, else
/// an identifier starting with an upper-case letter.
fn is_type_word(w: &str, known: &Known) -> bool {
    if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    if vocab::is_basic_type(w) {
        return true;
    }
    match &known.structures {
        Some(names) => names.contains(w),
        None => {
            let mut chars = w.chars();
            let taken = chars.next().is_some_and(|c| c.is_ascii_uppercase())
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
            known.guesses.record(w, taken);
            taken
        }
    }
}

/// `FailedOperation.TaskFailed`, `InternalError`, `InvalidParameter.` (a defect reported
/// later): dotted identifiers in CamelCase; a lone word needs two capitals so that a
/// sentence ("The …") is not taken for a code.
pub fn is_error_code(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    let mut parts = w.split('.');
    let first = parts.next().unwrap_or("");
    let first_ok = first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let rest_ok = parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    first_ok && rest_ok && (w.contains('.') || first.chars().filter(char::is_ascii_uppercase).count() >= 2)
}

/// Whether a line reads as a row of a structure's field table with a basic type (a
/// structure name is no proof: descriptions name structures).
pub(super) fn classify_any_row(line: &str) -> bool {
    use Column::*;
    let strict = Known { structures: Some(Default::default()), ..Default::default() };
    let line = line.replace('\t', " ");
    [&[Name, Type, Description][..], &[Name, Type, Required, Description][..]]
        .iter()
        .any(|cols| !matches!(classify(&line, cols, false, &strict), Line::Continuation))
}
