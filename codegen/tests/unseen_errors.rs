//! Error code tables told by their cells, and the Error Codes page told by its content:
//! unseen header words, reordered columns, a status column, renamed headings and title
//! read as the usual page does.

mod one_page;

use std::path::PathBuf;

use codegen::pages::{extract, parse, Form, PageRecord, SourceFile};
use one_page::lower;

fn fixture(dir: &str, name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The usual action page of `tests/fixtures/unseen/` with its error code table replaced
/// (`from` → `to`) reads as the usual page: the same action, the same error codes.
fn reads_as_usual(ext: &str, from: &str, to: &str) -> Vec<String> {
    let usual = fixture("unseen", &format!("usual.{ext}"));
    assert!(usual.contains(from), "{ext}: no `{from}` in the usual page");
    let (expected, usual_warnings) = lower(ext, usual.clone());
    assert!(!expected.errors.is_empty(), "{ext}: the usual page has error codes");
    let (action, warnings) = lower(ext, usual.replace(from, to));
    assert_eq!(action, expected, "{ext}: {to}");
    warnings.into_iter().filter(|w| !usual_warnings.contains(w)).collect()
}

const MD_TABLE: &str = "| Error Code | Description |\n|---------|---------|\n| FailedOperation.JobBusy | The job is busy. |\n| InvalidParameterValue.JobName | The job name is invalid. |";

#[test]
fn an_error_code_table_with_unseen_headers_reads_by_its_cells() {
    let to = MD_TABLE.replace("| Error Code | Description |", "| Kexol | Thumbrik |");
    let warnings = reads_as_usual("md", MD_TABLE, &to);
    assert!(warnings.iter().all(|w| w.contains("read by its cells")), "{warnings:?}");
    let html = reads_as_usual("html", "<th>Error Code</th><th>Description</th>", "<th>Kexol</th><th>Thumbrik</th>");
    assert!(html.iter().all(|w| w.contains("read by its cells")), "{html:?}");
}

#[test]
fn reordered_error_code_columns_give_the_same_rows() {
    let to = "| Description | Error Code |\n|---------|---------|\n| The job is busy. | FailedOperation.JobBusy |\n| The job name is invalid. | InvalidParameterValue.JobName |";
    assert_eq!(reads_as_usual("md", MD_TABLE, to), Vec::<String>::new());
    let to = "| Thumbrik | Kexol |\n|---------|---------|\n| The job is busy. | FailedOperation.JobBusy |\n| The job name is invalid. | InvalidParameterValue.JobName |";
    reads_as_usual("md", MD_TABLE, to);
}

#[test]
fn a_status_column_is_neither_code_nor_description() {
    let to = "| Plimp | Kexol | Thumbrik |\n|---|---|---|\n| 400 | FailedOperation.JobBusy | The job is busy. |\n| 400 | InvalidParameterValue.JobName | The job name is invalid. |";
    reads_as_usual("md", MD_TABLE, to);
    let to = "| Error Code | HTTP Status | Description |\n|---|---|---|\n| FailedOperation.JobBusy | 409 | The job is busy. |\n| InvalidParameterValue.JobName | 400 | The job name is invalid. |";
    reads_as_usual("md", MD_TABLE, to);
}

#[test]
fn undotted_codes_are_codes_too() {
    let from =
        "| FailedOperation.JobBusy | The job is busy. |\n| InvalidParameterValue.JobName | The job name is invalid. |";
    let to = "| InternalError | Internal error. |\n| LimitExceeded | Quota exceeded. |";
    let usual = fixture("unseen", "usual.md").replace(from, to);
    let (expected, _) = lower("md", usual.clone());
    let (action, _) = lower("md", usual.replace("| Error Code | Description |", "| Kexol | Thumbrik |"));
    assert_eq!(action, expected);
    assert_eq!(action.errors.len(), 2);
}

fn record(name: &str) -> PageRecord {
    let file = format!("demo/2020-01-01/{name}");
    let source = SourceFile::new(file.clone(), file, fixture("unseen-errors", name));
    let page = parse(&source, Form::Markdown).unwrap_or_else(|e| panic!("{name}: {e}"));
    extract(&page).unwrap_or_else(|e| panic!("{name}: {e}")).record
}

#[test]
fn the_error_codes_page_is_told_by_its_codes_whatever_its_headings() {
    for name in ["error-codes-renamed.md", "error-codes-renamed-headers.md"] {
        let PageRecord::ErrorCodes(codes) = record(name) else { panic!("{name}: not read as an Error Codes page") };
        let common: Vec<&str> = codes.common.iter().map(|c| c.code.as_str()).collect();
        let service: Vec<&str> = codes.service.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(common.len(), 5, "{name}: {common:?}");
        assert_eq!(service, ["FailedOperation.JobBusy", "ResourceNotFound.Job"], "{name}");
        assert_eq!(codes.service[0].description, "The job is busy.", "{name}");
    }
}

#[test]
fn a_data_types_page_with_renamed_headings_stays_one() {
    let PageRecord::DataTypes((_, types)) = record("data-types-renamed.md") else { panic!("not a Data Types page") };
    assert_eq!(types.len(), 1);
    assert_eq!(types[0].fields.len(), 2);
}

#[test]
fn an_error_description_wrapped_onto_a_raw_line_continues_its_row() {
    let usual = fixture("unseen", "usual.md");
    let (expected, _) = lower("md", usual.clone());
    let to = "| Error Code | Description |\n|---------|---------|\n| FailedOperation.JobBusy | The job\nis busy.\n| InvalidParameterValue.JobName | The job name is invalid. |";
    let (action, warnings) = lower("md", usual.replace(MD_TABLE, to));
    let folded = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(action.errors.len(), expected.errors.len());
    for (got, want) in action.errors.iter().zip(&expected.errors) {
        assert_eq!(got.code, want.code);
        assert_eq!(folded(&got.description), folded(&want.description));
    }
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("holds no error code: read as more of the description of `FailedOperation.JobBusy`")),
        "{warnings:?}"
    );
}
