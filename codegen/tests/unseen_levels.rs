//! Heading levels a page was never seen with: an example's title and its input/output
//! headings one or two levels off the usual `###`/`####` (and sections at mixed levels),
//! a Data Types page whose structures are headed at other levels than `##`. Each reads as
//! the usual page does.
//!
//! Fixtures: `tests/fixtures/unseen-levels/` (`usual.<form>` and variants of it).

mod one_page;

use std::path::PathBuf;

use codegen::ir::Action;
use codegen::pages::{extract, parse, Form, PageRecord, SourceFile};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unseen-levels").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lowers one fixture as `demo/2020-01-01/Run.<ext>`: the action and the warnings.
fn lower(name: &str) -> (Action, Vec<String>) {
    let ext = name.rsplit_once('.').map_or("md", |(_, e)| e);
    one_page::lower(ext, fixture(name))
}

#[test]
fn examples_headed_at_other_levels_read_as_the_usual_ones() {
    for (usual, variants) in [
        ("usual.md", &["examples-deeper.md", "examples-shallower.md"][..]),
        ("usual.html", &["examples-deeper.html"][..]),
    ] {
        let (expected, _) = lower(usual);
        assert_eq!(expected.examples.len(), 1, "{usual}");
        assert_eq!(expected.examples[0].title, "Example1 Running a job", "{usual}");
        for variant in variants {
            let (action, warnings) = lower(variant);
            assert_eq!(action, expected, "{variant}");
            assert!(warnings.is_empty(), "{variant}: {warnings:?}");
        }
    }
}

/// The structures of a Data Types page, as records.
fn structures(name: &str) -> String {
    let file = SourceFile::new(format!("demo/2020-01-01/{name}"), name, fixture(name));
    let page = parse(&file, Form::Markdown).unwrap_or_else(|e| panic!("{name}: {e}"));
    match extract(&page).unwrap_or_else(|e| panic!("{name}: {e}")).record {
        PageRecord::DataTypes((_, types)) => {
            assert_eq!(types.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Job", "Tag"], "{name}");
            format!("{types:?}")
        }
        other => panic!("{name}: not read as a Data Types page: {other:?}"),
    }
}

#[test]
fn structures_headed_at_other_levels_read_as_the_usual_ones() {
    assert_eq!(structures("DataTypes-levels.md"), structures("DataTypes.md"));
}
