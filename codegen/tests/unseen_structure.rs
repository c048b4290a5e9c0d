//! Structure first, words as hints: pages whose sections or table columns are named with
//! words the vocabulary has never seen (or laid out in ways never seen) read as the same
//! page with the usual words, with a warning saying what was read how.
//!
//! Each fixture under `tests/fixtures/unseen/` is `usual.<form>` with one thing changed;
//! the test lowers both and compares the action's IR, then the warnings.

mod one_page;

use std::path::PathBuf;

use codegen::lower_sources;
use codegen::pages::SourceFile;
use one_page::lower;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fixture reads as `usual` does (after `usual_edit`), with exactly these warnings
/// (beyond those the usual page gives).
fn reads_as_usual(name: &str, usual_edit: impl Fn(String) -> String, expected: &[&str]) {
    let ext = name.rsplit_once('.').map_or("md", |(_, e)| e);
    let (usual, usual_warnings) = lower(ext, usual_edit(fixture(&format!("usual.{ext}"))));
    let (action, warnings) = lower(ext, fixture(name));
    assert_eq!(action, usual, "{name}");
    let new: Vec<&String> = warnings.iter().filter(|w| !usual_warnings.contains(w)).collect();
    assert_eq!(new, expected, "{name}");
}

fn same(text: String) -> String {
    text
}

#[test]
fn the_usual_pages_read_without_warnings() {
    for ext in ["md", "html", "txt"] {
        let (action, warnings) = lower(ext, fixture(&format!("usual.{ext}")));
        assert!(warnings.is_empty(), "{ext}: {warnings:?}");
        assert!(action.input.iter().any(|p| p.name == "JobName" && p.required), "{ext}");
        assert!(action.input.iter().any(|p| p.name == "Limit" && !p.required), "{ext}");
    }
}

#[test]
fn a_required_column_with_an_unseen_header_is_told_by_its_yes_no_cells() {
    reads_as_usual(
        "required-zorblat.md",
        same,
        &["13: table header not in the vocabulary: column `Zorblat` as Required read by its cells"],
    );
    reads_as_usual(
        "required-zh-phrase.md",
        same,
        &["13: table header not in the vocabulary: column `是否为必传项` as Required read by its cells"],
    );
    reads_as_usual(
        "required-ko-phrase.md",
        same,
        &["13: table header not in the vocabulary: column `꼭 넣어야 하나요` as Required read by its cells"],
    );
    reads_as_usual(
        "required-zorblat.html",
        same,
        &["9: table header not in the vocabulary: column `Zorblat` as Required read by its cells"],
    );
    reads_as_usual(
        "required-zorblat.txt",
        same,
        &["9: table header not in the vocabulary: column `Zorblat` as Required read by its cells"],
    );
}

#[test]
fn an_unseen_output_section_title_is_read_by_number_and_content() {
    reads_as_usual(
        "output-synonym.md",
        same,
        &["22: section title `What Comes Back` not in the vocabulary: read as section 3 (`3. Output Parameters`) by its number and content"],
    );
    reads_as_usual(
        "output-synonym.html",
        same,
        &["18: section title `What Comes Back` not in the vocabulary: read as section 3 (`3. Output Parameters`) by its number and content"],
    );
    reads_as_usual(
        "output-synonym.txt",
        same,
        &["14: section title `What Comes Back` not in the vocabulary: read as section 3 (`3. Output Parameters`) by its number and content"],
    );
}

#[test]
fn mixed_heading_levels_read_as_sections() {
    reads_as_usual("mixed-levels.md", same, &[]);
}

#[test]
fn a_page_without_section_one_reads_its_first_text_as_the_description() {
    reads_as_usual(
        "no-section-1.md",
        same,
        &["1: no `1. API Description` heading: the text before `2. Input Parameters` is read as the API description"],
    );
}

#[test]
fn a_page_whose_section_titles_are_all_unseen_is_an_action_page() {
    let by = |n: u32, title: &str, section: &str, how: &str| {
        format!("section title `{title}` not in the vocabulary: read as section {n} (`{section}`) by its {how}")
    };
    let expected = [
        format!("1: {}", by(1, "Zorblat", "1. API Description", "number and content")),
        format!("9: {}", by(2, "Zorblat Inputs", "2. Input Parameters", "number and content")),
        format!("22: {}", by(3, "Zorblat Outputs", "3. Output Parameters", "number and content")),
        format!("30: {}", by(4, "Zorblat Runs", "4. Example", "number and content")),
        format!("59: {}", by(5, "Zorblat Links", "5. Developer Resources", "number")),
        format!("65: {}", by(6, "Zorblat Failures", "6. Error Code", "number and content")),
    ];
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    reads_as_usual("all-titles-unseen.md", same, &expected);
}

#[test]
fn a_description_going_on_over_raw_lines_is_one_cell() {
    reads_as_usual(
        "continuation.md",
        same,
        &["20: line `The default is 20.` has no type: read as more of the description of `Limit`"],
    );
    reads_as_usual(
        "continuation-row-like.md",
        |usual| usual.replace("Name of the job. |", "Name of the job.<br>JobName Up to 60 characters. |"),
        &[
            "19: line `JobName Up to 60 characters.` has no type: read as more of the description of `JobName`",
            "21: line `The default is 20.` has no type: read as more of the description of `Limit`",
        ],
    );
}

#[test]
fn a_parameter_name_with_a_space_is_read_without_it() {
    reads_as_usual(
        "spaced-name.md",
        same,
        &["26: parameter name `Total Count` has spaces in it: read as `TotalCount`"],
    );
}

#[test]
fn what_is_not_an_action_page_stays_an_error() {
    // A table before any numbered section.
    let text = fixture("usual.md").replacen(
        "## 1. API Description\n",
        "| Name | Type | Description |\n|---|---|---|\n| A | String | a |\n\n## 1. API Description\n",
        1,
    );
    let file = "demo/2020-01-01/Run.md";
    let page = SourceFile::new(file, file, text);
    let err = lower_sources(&[page], "demo/2020-01-01", None).expect_err("a table before section 1");
    assert!(err.to_string().contains("section `1. API Description` before any table"), "{err}");
    // Numbered headings that do not count up from 1 or 2: no action page.
    let text = "## 2019. A year\n\nSome text.\n\n## 2020. Another year\n\nMore text.\n".to_string();
    let page = SourceFile::new(file, file, text);
    let err = lower_sources(&[page], "demo/2020-01-01", None).expect_err("not an action page");
    assert!(err.to_string().contains("no numbered sections"), "{err}");
}
