//! What each column of a table holds, told by its cells, with the header's words as a
//! hint (shared by every front-end).
//!
//! A column whose cells are all Yes/No words (of any language) is Required; one whose cells
//! are all type names (`String`, `Array of Filter`, `Timestamp ISO8601`, a structure) with at
//! least one basic type among them is Type; the first column of identifiers is the name;
//! the free-text one is the description. A header the vocabulary knows keeps its meaning
//! when its cells agree or say nothing certain; cells that are certain (all Yes/No words,
//! all types) win over a header that says otherwise. A header the vocabulary lacks never
//! fails a table: its column is read by its cells, with one note per table.

use crate::vocab::{self, Column};

/// What a column's cells are, all of them (empty cells aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    /// No cell has text.
    Empty,
    /// Yes/No words of some language.
    YesNo,
    /// Type names, at least one of them a basic type or an `Array of …`.
    Types,
    /// Identifiers (`AddressId`, `Filters.N`, `InvalidParameter.Malformed`).
    Identifiers,
    /// Anything else.
    Text,
}

/// `String`, `Array of Filter`, `Timestamp ISO8601`: a basic type, a list or a timestamp.
pub fn is_basic_type_cell(cell: &str) -> bool {
    let cell = cell.trim();
    if let Some(inner) = cell.strip_prefix("Array of ") {
        return is_type_cell(inner);
    }
    let inner = cell.strip_suffix(" ISO8601").unwrap_or(cell);
    vocab::is_basic_type(inner)
}

/// A cell that reads like a type: a basic type, a list, or a structure's name.
pub fn is_type_cell(cell: &str) -> bool {
    let cell = cell.trim();
    is_basic_type_cell(cell) || (cell.starts_with(|c: char| c.is_ascii_uppercase()) && vocab::is_param_name(cell))
}

/// An identifier cell: a parameter name (`Filters.N`) or an error code (`A.B.C`).
pub fn is_identifier_cell(cell: &str) -> bool {
    let cell = cell.trim();
    vocab::is_param_name(cell)
        || (cell.split('.').all(vocab::is_param_name) && cell.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// What the cells of one column are.
pub fn classify_cells<'a>(cells: impl IntoIterator<Item = &'a str>) -> Cells {
    let cells: Vec<&str> = cells.into_iter().map(str::trim).filter(|c| !c.is_empty()).collect();
    if cells.is_empty() {
        return Cells::Empty;
    }
    if cells.iter().all(|c| vocab::required_word(c).is_some()) {
        Cells::YesNo
    } else if cells.iter().all(|c| is_type_cell(c)) && cells.iter().any(|c| is_basic_type_cell(c)) {
        Cells::Types
    } else if mostly(&cells, is_identifier_cell) {
        // (A name or two may be broken on the page: `SecurityGroupIds.아니요`.)
        Cells::Identifiers
    } else {
        Cells::Text
    }
}

/// All the cells, or three in four of at least four, pass `test`.
fn mostly(cells: &[&str], test: impl Fn(&str) -> bool) -> bool {
    let passing = cells.iter().filter(|c| test(c)).count();
    passing == cells.len() || (cells.len() >= 4 && passing * 4 >= cells.len() * 3)
}

/// An error code as a page prints it: `InvalidParameter`, `ResourceNotFound.Zone`, parts of
/// letters, digits and `_` joined by dots, the first starting with a capital; a trailing dot
/// or spaces around a dot (malformed, warned later) still make a code.
pub fn is_error_code_cell(cell: &str) -> bool {
    let cell = cell.trim();
    let cell = cell.strip_suffix('.').unwrap_or(cell);
    cell.starts_with(|c: char| c.is_ascii_uppercase())
        && cell.split('.').map(str::trim).all(|part| {
            part.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// `400`, `404`: an HTTP-status-like number.
fn is_status_cell(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit())
}

/// The columns of an error code table told by its cells: the column whose cells are
/// error codes (three in four at least, a malformed one may be among them; one at least
/// dotted, `Category.Reason`, or all of them CamelCase, `InternalError`) is the code; a column of
/// numbers (an HTTP status) is dropped; the free text is the description (the widest when
/// there are several). None when the cells do not read as an error code table (a Yes/No or
/// a type column, a second column of identifiers, no code column, or no text).
pub fn error_table_columns(rows: &[Vec<String>], width: usize) -> Option<Vec<Option<Column>>> {
    let column = |i: usize| -> Vec<&str> {
        rows.iter().filter_map(|r| r.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty()).collect()
    };
    let columns: Vec<Vec<&str>> = (0..width).map(column).collect();
    if columns.iter().any(|cells| matches!(classify_cells(cells.iter().copied()), Cells::YesNo | Cells::Types)) {
        return None;
    }
    let code = columns.iter().position(|cells| {
        let codes = cells.iter().filter(|c| is_error_code_cell(c)).count();
        !cells.is_empty()
            && codes * 4 >= cells.len() * 3
            && (cells.iter().any(|c| c.trim_end_matches('.').contains('.'))
                || cells.iter().all(|c| c.chars().filter(char::is_ascii_uppercase).count() >= 2))
    })?;
    // A second column of identifiers (structure names in a Type column): a parameter table.
    let identifiers = |i: usize| classify_cells(columns[i].iter().copied()) == Cells::Identifiers;
    if (0..width).any(|i| i != code && identifiers(i)) {
        return None;
    }
    let status = |cells: &[&str]| !cells.is_empty() && cells.iter().all(|c| is_status_cell(c));
    let text_width = |cells: &[&str]| cells.iter().map(|c| c.chars().count()).sum::<usize>();
    let description = (0..width)
        .filter(|&i| i != code && !status(&columns[i]) && !columns[i].is_empty())
        .filter(|&i| !columns[i].iter().all(|c| is_error_code_cell(c)))
        .max_by_key(|&i| (text_width(&columns[i]), std::cmp::Reverse(i)))?;
    let mut out = vec![None; width];
    out[code] = Some(Column::Name);
    out[description] = Some(Column::Description);
    Some(out)
}

/// At least three in four of the non-empty cells are Yes/No words.
fn mostly_yes_no<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut words, mut all) = (0usize, 0usize);
    for cell in cells.into_iter().map(str::trim).filter(|c| !c.is_empty()) {
        all += 1;
        words += usize::from(vocab::required_word(cell).is_some());
    }
    all > 0 && words * 4 >= all * 3
}

/// The columns of a table: for each header cell, the column it holds (None: dropped), and
/// a note when a header was not in the vocabulary or was overruled by its cells.
///
/// `rows` are the body rows' cells in header order (short rows are fine).
pub fn resolve(headers: &[String], rows: &[Vec<String>]) -> (Vec<Option<Column>>, Option<String>) {
    let hinted: Vec<Option<Column>> = headers.iter().map(|h| Column::from_header(h)).collect();
    if let Some(by_cells) = error_table(headers, &hinted, rows) {
        return by_cells;
    }
    let column = |i: usize| rows.iter().filter_map(move |r| r.get(i).map(String::as_str));
    let mut kinds: Vec<Cells> = (0..headers.len()).map(|i| classify_cells(column(i))).collect();
    // Two columns of type names: names and descriptions can be too (`Object`, `Date`). The
    // one with the larger share of basic types is the Type column (on a tie, the first but
    // the first column: the name comes first, the description after the type); the others,
    // identifiers all, are read as identifiers.
    let basic_share = |i: usize| {
        let cells: Vec<&str> = column(i).map(str::trim).filter(|c| !c.is_empty()).collect();
        (cells.iter().filter(|c| is_basic_type_cell(c)).count() * 1000) / cells.len().max(1)
    };
    let typed: Vec<usize> = (0..kinds.len()).filter(|&i| kinds[i] == Cells::Types).collect();
    if let Some(&kept) = typed.iter().max_by_key(|&&i| (basic_share(i), i != 0, std::cmp::Reverse(i))) {
        for &i in typed.iter().filter(|&&i| i != kept) {
            if column(i).map(str::trim).filter(|c| !c.is_empty()).all(is_identifier_cell) {
                kinds[i] = Cells::Identifiers;
            }
        }
    }
    let mut out = hinted.clone();
    let mut said = Vec::new();
    // Certain cells overrule a header that says otherwise, when no other header claims them.
    for (i, kind) in kinds.iter().enumerate() {
        let certain = match kind {
            Cells::YesNo => Column::Required,
            Cells::Types => Column::Type,
            _ => continue,
        };
        match hinted[i] {
            Some(c) if c == certain || c == Column::Name => {}
            Some(c) if !hinted.contains(&Some(certain)) => {
                said.push(format!("`{}` holds {certain:?} cells, not {c:?} ones: read as {certain:?}", headers[i]));
                out[i] = Some(certain);
            }
            _ => {}
        }
    }
    // Headers the vocabulary lacks: read by their cells, when the table is a table of
    // parameters or codes (a header it knows, or a name and a type column by their cells).
    let unknown: Vec<usize> = (0..headers.len()).filter(|&i| hinted[i].is_none()).collect();
    // (Or a name column beside Yes/No cells, or beside a second column of identifiers: a
    // Type column of structure names.)
    let identifiers = kinds.iter().filter(|k| **k == Cells::Identifiers).count();
    let plausible = hinted.iter().any(Option::is_some)
        || (identifiers > 0 && (kinds.contains(&Cells::Types) || kinds.contains(&Cells::YesNo)))
        || (identifiers >= 2 && kinds.contains(&Cells::Text));
    let full: Vec<&Vec<String>> =
        rows.iter().filter(|r| r.len() >= headers.len() && r.last().is_some_and(|c| !c.trim().is_empty())).collect();
    let full_rows: Vec<&Vec<String>> = if full.is_empty() { rows.iter().collect() } else { full };
    if !unknown.is_empty() && plausible {
        let mut guessed = Vec::new();
        for &i in &unknown {
            let taken = |c: Column, out: &[Option<Column>]| out.contains(&Some(c));
            // Mostly Yes/No words: a row or two may have its Type and Required cells
            // swapped (read row by row later); rows one cell short (their last cell empty,
            // their text shifted left) are left out when there are others.
            let yes_no = mostly_yes_no(full_rows.iter().filter_map(|r| r.get(i).map(String::as_str)));
            let guess = match kinds[i] {
                _ if yes_no => Some(Column::Required),
                Cells::Types => Some(Column::Type),
                Cells::Identifiers if !taken(Column::Name, &out) => Some(Column::Name),
                Cells::Identifiers if !taken(Column::Type, &out) && i + 1 < headers.len() => Some(Column::Type),
                Cells::Identifiers | Cells::Text if !taken(Column::Description, &out) && i + 1 == headers.len() => {
                    Some(Column::Description)
                }
                Cells::Text if !taken(Column::Description, &out) => Some(Column::Description),
                _ => None,
            };
            if let Some(c) = guess.filter(|c| !taken(*c, &out)) {
                out[i] = Some(c);
                guessed.push(format!("`{}` as {c:?}", headers[i]));
            }
        }
        if !guessed.is_empty() {
            said.insert(
                0,
                format!("table header not in the vocabulary: column {} read by its cells", guessed.join(", ")),
            );
        }
    }
    let note = (!said.is_empty()).then(|| said.join("; "));
    (out, note)
}

/// An error code table read by its cells (see [`error_table_columns`]): the headers are a
/// hint only; a header the vocabulary lacks, or one its cells contradict, gets a note.
/// None when the headers name a Type or Required column (a parameter table) or the cells
/// are no error code table's.
fn error_table(
    headers: &[String],
    hinted: &[Option<Column>],
    rows: &[Vec<String>],
) -> Option<(Vec<Option<Column>>, Option<String>)> {
    if hinted.iter().any(|h| matches!(h, Some(Column::Type | Column::Required))) {
        return None;
    }
    let by_cells = error_table_columns(rows, headers.len())?;
    let mut said = Vec::new();
    for (i, (cells, header)) in by_cells.iter().zip(hinted).enumerate() {
        match (cells, header) {
            (Some(c), None) => said.push(format!("`{}` as {c:?}", headers[i])),
            (Some(c), Some(h)) if c != h => said.push(format!("`{}` as {c:?}, not {h:?}", headers[i])),
            _ => {}
        }
    }
    let note = (!said.is_empty()).then(|| {
        format!("error code table header not as the vocabulary has it: column {} read by its cells", said.join(", "))
    });
    Some((by_cells, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn cells_tell_their_column() {
        assert_eq!(classify_cells(["Yes", "No", "是", "아니요", ""]), Cells::YesNo);
        assert_eq!(classify_cells(["String", "Array of Filter", "Timestamp ISO8601", "Vpc"]), Cells::Types);
        assert_eq!(classify_cells(["Vpc", "Subnet"]), Cells::Identifiers, "structures alone could be names");
        assert_eq!(classify_cells(["Filters.N", "VpcId", "InvalidParameter.Malformed"]), Cells::Identifiers);
        assert_eq!(classify_cells(["The ID.", "String"]), Cells::Text);
        assert_eq!(classify_cells(["", " "]), Cells::Empty);
        assert!(is_basic_type_cell("Array of Integer"));
        assert!(!is_basic_type_cell("Array of the things"));
        assert!(is_type_cell("Array of SecurityGroup"));
    }

    #[test]
    fn unseen_headers_over_a_broken_name_or_a_short_row() {
        let all = [Some(Column::Name), Some(Column::Type), Some(Column::Required), Some(Column::Description)];
        let headers = strings(&["Qux", "Zorblat", "Wibble", "Frob"]);
        // One name broken on the page (a translated `.N` suffix): the column is still names.
        let rows = vec![
            strings(&["Limit", "Integer", "No", "How many."]),
            strings(&["VpcId", "String", "Yes", "The VPC."]),
            strings(&["Name", "String", "Yes", "The name."]),
            strings(&["SecurityGroupIds.아니요", "Array of String", "No", "The groups."]),
        ];
        assert_eq!(resolve(&headers, &rows).0, all);
        // A row one cell short (no Required cell): its description shifted left.
        let rows = vec![
            strings(&["NodeRole", "String", "Yes", "The role."]),
            strings(&["Settings", "Settings", "The settings of the node.", ""]),
        ];
        assert_eq!(resolve(&headers, &rows).0, all);
        // A description that reads as a type (`Date`) in a table of one row.
        let rows = vec![strings(&["Name", "String", "No", "Date"])];
        assert_eq!(resolve(&headers, &rows).0, all);
        // Names that are type names too (`Object`): the column of basic types is the Type.
        let rows = vec![
            strings(&["Bucket", "String", "Yes", "A bucket."]),
            strings(&["Region", "String", "Yes", "A region."]),
            strings(&["Object", "String", "Yes", "An object."]),
        ];
        assert_eq!(resolve(&headers, &rows).0, all);
    }

    #[test]
    fn an_unknown_header_is_read_by_its_cells() {
        let headers = strings(&["Parameter Name", "Zorblat", "Type", "Description"]);
        let rows =
            vec![strings(&["Limit", "No", "Integer", "How many."]), strings(&["VpcId", "Yes", "String", "The VPC."])];
        let (columns, note) = resolve(&headers, &rows);
        assert_eq!(
            columns,
            [Some(Column::Name), Some(Column::Required), Some(Column::Type), Some(Column::Description)]
        );
        assert_eq!(
            note.as_deref(),
            Some("table header not in the vocabulary: column `Zorblat` as Required read by its cells")
        );
        // One row with its Type and Required cells swapped: still the Required column.
        let rows = vec![
            strings(&["Limit", "No", "Integer", "How many."]),
            strings(&["VpcId", "Yes", "String", "The VPC."]),
            strings(&["Name", "Yes", "String", "The name."]),
            strings(&["Offset", "Integer", "No", "Where to start."]),
        ];
        assert_eq!(resolve(&headers, &rows).0[1], Some(Column::Required));
        let headers = strings(&["参数名称", "是否必选项", "类型", "描述"]);
        let rows = vec![strings(&["Limit", "否", "Integer", "数量。"])];
        assert_eq!(resolve(&headers, &rows).0[1], Some(Column::Required));
    }

    #[test]
    fn known_headers_keep_their_meaning_unless_the_cells_are_certain() {
        let headers = strings(&["Parameter Name", "Required", "Type", "Description"]);
        // One swapped row: the cells are no longer certain, the headers stand.
        let rows = vec![strings(&["A", "String", "Yes", "x"]), strings(&["B", "No", "String", "y"])];
        let (columns, note) = resolve(&headers, &rows);
        assert_eq!(
            columns,
            [Some(Column::Name), Some(Column::Required), Some(Column::Type), Some(Column::Description)]
        );
        assert_eq!(note, None);
        // A description-less table of something else keeps no unknown column.
        let headers = strings(&["Region", "Value"]);
        let rows = vec![strings(&["Guangzhou", "ap-guangzhou is the region"])];
        assert_eq!(resolve(&headers, &rows), (vec![None, None], None));
    }

    #[test]
    fn an_error_code_table_is_told_by_its_cells() {
        let rows = vec![
            strings(&["Why it failed.", "400", "FailedOperation.Busy"]),
            strings(&["No such zone.", "404", "ResourceNotFound.Zone. "]),
        ];
        let (columns, note) = resolve(&strings(&["Zorblat", "Quux", "Kexol"]), &rows);
        assert_eq!(columns, [Some(Column::Description), None, Some(Column::Name)]);
        assert!(note.is_some_and(|n| n.contains("`Kexol` as Name")));
        // Known headers that agree: no note.
        let rows = vec![strings(&["InternalError", "Internal error."]), strings(&["LimitExceeded", "Too many."])];
        let (columns, note) = resolve(&strings(&["Error Code", "Description"]), &rows);
        assert_eq!((columns, note), (vec![Some(Column::Name), Some(Column::Description)], None));
        // Names and structure types: a parameter table, not an error code table.
        let rows = vec![strings(&["InstancePrice", "ItemPrice", "Instance price."])];
        assert_eq!(error_table_columns(&rows, 3), None);
        assert!(is_error_code_cell("FailedOperation. TaskFailed") && is_error_code_cell("InvalidParameter."));
        assert!(!is_error_code_cell("ap-guangzhou") && !is_error_code_cell("400") && !is_error_code_cell("The job."));
    }

    #[test]
    fn a_type_column_of_structure_names_under_an_unseen_header_is_read_by_its_cells() {
        let rows = vec![
            strings(&["InstancePrice", "ItemPrice", "Instance price."]),
            strings(&["BandwidthPrice", "ItemPrice", "Network price."]),
        ];
        let (columns, _) = resolve(&strings(&["Zorblat", "Quux", "Kexol"]), &rows);
        assert_eq!(columns, [Some(Column::Name), Some(Column::Type), Some(Column::Description)]);
        let rows = vec![strings(&["SecurityService", "RunSecurityServiceEnabled", "No", "Whether to run it."])];
        let (columns, _) = resolve(&strings(&["Zorblat", "Quux", "Plimp", "Kexol"]), &rows);
        assert_eq!(
            columns,
            [Some(Column::Name), Some(Column::Type), Some(Column::Required), Some(Column::Description)]
        );
    }
}
