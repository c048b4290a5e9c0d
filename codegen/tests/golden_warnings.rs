//! The golden fixture pages contradict themselves and carry documentation defects on
//! purpose: every contradiction and defect is reported with its file and line (sorted by
//! file, line, message), and generation still succeeds.

use std::path::PathBuf;

#[test]
fn contradictions_and_defects_are_warnings_with_file_and_line() {
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden-docs");
    let generated = codegen::generate(&docs).unwrap_or_else(|e| panic!("{e}"));
    let prefix = format!("{}/demo/2020-01-01/", codegen::pages::display_path(&docs));
    let warnings: Vec<&str> = generated.warnings.iter().map(|w| w.strip_prefix(&prefix).unwrap_or(w)).collect();
    assert_eq!(
        warnings,
        [
            "Chat.txt:65: example `Example1 A streamed answer`: output events 1-2 (2 of 4): gives `FinishReason` as \"\", which is not among its documented values (stop, length)",
            "Chat.txt:69: example `Example1 A streamed answer`: output event 3 is not JSON: expected `,` or `}`: documentation defect, not tested",
            "Chat.txt:71: example `Example1 A streamed answer`: output event 4: gives `Tokens` as a string, but its type is Integer",
            "DataTypes.txt:22: structure `Item` lists `Ping` under \"Used by actions\", but that action's tables never use it",
            "DataTypes.txt:55: structure `Filter` is documented twice (first at line 12): the first is kept",
            "Defects.html:21: type `KeyPair` of `KeyPair` is not a basic type and no documented structure has that name: generated as serde_json::Value",
            "Defects.html:22: type `Label` of `Labels` is not a basic type and no documented structure has that name: generated as serde_json::Value",
            "Defects.html:23: `InstanceId` has two rows in one table (lines 20 and 23): the first is kept",
            "Defects.html:31: type `KeyPair` of `Result` is not a basic type and no documented structure has that name: generated as serde_json::Value",
            "Defects.html:45: example `Example1 A request body without its request line`: output has no `Response` object; its object carries `RequestId`, so it is read as the one under `Response`",
            "Defects.html:59: example `Example2 A request that is not JSON`: request body is not JSON: expected value: documentation defect, not tested",
            "Defects.html:83: example `Example3 Commas forgotten at line ends, and a reply that is not JSON`: output is not JSON: expected value: documentation defect, not tested",
            "Defects.html:89: example `Example4 A query that contradicts the table, and a reply without its Response object`: query key `Labels.Key`: `Key` names a field of a value that is not an object: documentation defect, not tested",
            "Defects.html:95: example `Example4 A query that contradicts the table, and a reply without its Response object`: output has no `Response` object: documentation defect, not tested",
            "Defects.html:102: error code `InvalidParameter.` ends with a dot: kept as printed",
            "Defects.html:104: error code `ResourceUnavailable.` ends with a dot: kept as printed",
            "Defects.html:105: error code `FailedOperation. Busy` contains spaces: read as `FailedOperation.Busy`",
            "Defects.html:106: error code `Failed Operation` contains spaces: row dropped",
            "Defects.html:107: error code `FailedOperation.Busy` is listed twice (lines 105 and 107): the first is kept",
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
