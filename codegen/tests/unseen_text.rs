//! Browser copies (`.txt`) read by their structure: numbered lines with titles the
//! vocabulary lacks open sections (a table of contents before the article repeats them),
//! and tab tables whose header cells are unseen words, or known ones in an unusual order,
//! are told by their cells. Each fixture under `tests/fixtures/unseen-text/` is `usual.txt`
//! with one thing changed, and must give the same action (and the listed new warnings).

mod one_page;

use std::path::PathBuf;

use codegen::ir::Action;
use codegen::pages::SourceFile;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen-text").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn lower(text: String) -> (Action, Vec<String>) {
    one_page::lower("txt", text)
}

/// The fixture reads as `usual.txt` does, with exactly these new warnings (by their start).
fn reads_as_usual(name: &str, expected: &[&str]) {
    let (usual, usual_warnings) = lower(fixture("usual.txt"));
    let (action, warnings) = lower(fixture(name));
    assert_eq!(action, usual, "{name}");
    let new: Vec<&String> = warnings.iter().filter(|w| !usual_warnings.contains(w)).collect();
    assert_eq!(new.len(), expected.len(), "{name}: {new:#?}");
    for (w, e) in new.iter().zip(expected) {
        assert!(w.contains(e), "{name}: {w} does not say {e}");
    }
}

#[test]
fn unseen_section_titles_open_sections() {
    reads_as_usual(
        "titles.txt",
        &[
            "section title `Zorblat Intro` not in the vocabulary",
            "section title `Frobnic Inputs` not in the vocabulary",
            "section title `What Comes Back` not in the vocabulary",
            "section title `Troubles` not in the vocabulary",
        ],
    );
}

#[test]
fn unseen_section_titles_after_a_table_of_contents() {
    reads_as_usual(
        "titles-toc.txt",
        &[
            "section title `Zorblat Intro` not in the vocabulary",
            "section title `Frobnic Inputs` not in the vocabulary",
            "section title `What Comes Back` not in the vocabulary",
            "section title `Troubles` not in the vocabulary",
        ],
    );
}

#[test]
fn unseen_header_words_are_told_by_their_cells() {
    reads_as_usual(
        "headers.txt",
        &[
            "table header not in the vocabulary: column `Qakosh` as Name, `Thejakynd` as Required",
            "table header not in the vocabulary: column `Groxugrax` as Name, `Grubrybrylt` as Type",
            "error code table header not as the vocabulary has it: column `Briplikemp` as Name, `Xojov` as Description",
        ],
    );
}

#[test]
fn reordered_columns_are_told_by_their_cells() {
    reads_as_usual("columns.txt", &[]);
}

#[test]
fn an_unseen_section_1_title_opens_section_1() {
    let expected = &["section title `Zorblat Intro` not in the vocabulary"];
    reads_as_usual("section-1.txt", expected);
    reads_as_usual("section-1-toc.txt", expected);
}

/// A note in section 1 that names another region's host is description, not the domain
/// line (which this page lacks).
#[test]
fn a_note_naming_a_host_is_description() {
    let (action, _) = lower(fixture("note-host.txt"));
    assert_ne!(action.host, "demo.ap-shanghai-fsi.tencentcloudapi.com");
    assert!(
        action.description.ends_with("for example: demo.ap-shanghai-fsi.tencentcloudapi.com."),
        "{}",
        action.description
    );
}

/// Sections whose titles the vocabulary lacks right after a table (and after each other)
/// end the table.
#[test]
fn unseen_sections_right_after_a_table_end_it() {
    let (action, _) = lower(fixture("titles-after-table.txt"));
    let (usual, _) = lower(fixture("usual.txt"));
    assert_eq!(action.errors, usual.errors);
}

/// A tab table's description wrapped on a line without a tab continues it, even when the
/// line starts with what looks like an error code.
#[test]
fn a_wrapped_line_continues_the_description() {
    let (action, _) = lower(fixture("wrap.txt"));
    assert_eq!(action.errors.len(), 1, "{:?}", action.errors);
}

/// The structures of a Data Types copy, as records.
fn structures(name: &str) -> String {
    use codegen::pages::{extract, parse, Form, PageRecord};
    let file = SourceFile::new(format!("demo/2020-01-01/{name}"), name, fixture(name));
    let page = parse(&file, Form::Text).unwrap_or_else(|e| panic!("{name}: {e}"));
    match extract(&page).unwrap_or_else(|e| panic!("{name}: {e}")).record {
        PageRecord::DataTypes((_, types)) => {
            assert_eq!(types.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Job", "Tag"], "{name}");
            assert!(types.iter().all(|t| t.fields.len() == 2), "{name}: {types:?}");
            format!("{:?}", types.iter().map(|t| (&t.name, &t.fields)).collect::<Vec<_>>())
        }
        other => panic!("{name}: not read as a Data Types page: {other:?}"),
    }
}

#[test]
fn a_data_types_copy_with_unseen_tab_headers_reads_by_its_cells() {
    assert_eq!(structures("DataTypes-headers.txt"), structures("DataTypes.txt"));
}
