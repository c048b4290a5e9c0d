//! The golden fixture pages contradict themselves on purpose: every contradiction is
//! reported with its file and line (sorted by file, line, message), and generation still
//! succeeds.

use std::path::PathBuf;

#[test]
fn contradictions_are_warnings_with_file_and_line() {
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden-docs");
    let generated = codegen::generate(&docs).unwrap_or_else(|e| panic!("{e}"));
    let prefix = format!("{}/demo/2020-01-01/", codegen::source::display_path(&docs));
    let warnings: Vec<&str> = generated.warnings.iter().map(|w| w.strip_prefix(&prefix).unwrap_or(w)).collect();
    assert_eq!(
        warnings,
        [
            "DataTypes.txt:22: structure `Item` lists `Ping` under \"Used by actions\", but that action's tables never use it",
            "EdgeCases.txt:47: the description of `TagValue` names `Ghost`, which is not an input parameter of EdgeCases: constraint not enforced (\"If Ghost is specified, TagValue must also be specified\")",
            "EdgeCases.txt:148: example `Example3 An example that breaks its own page` gives `ModeA`, `ModeB` together although the page says \"ModeA and ModeB cannot be specified at the same time\"",
            "EdgeCases.txt:148: example `Example3 An example that breaks its own page` gives none of `PortA`, `PortB` although the page says \"Either PortA or PortB must be specified\"",
            "EdgeCases.txt:148: example `Example3 An example that breaks its own page` output: omits the required `Response.Total`",
            "EdgeCases.txt:148: example `Example3 An example that breaks its own page` uses `Unlisted`, which is not an input parameter",
            "EdgeCases.txt:174: example `Example4 An example without its required parameter` gives `Limit` as a string, but its type is Integer",
            "EdgeCases.txt:174: example `Example4 An example without its required parameter` gives none of `PortA`, `PortB` although the page says \"Either PortA or PortB must be specified\"",
            "EdgeCases.txt:174: example `Example4 An example without its required parameter` omits the required `Name`",
        ]
    );
}
