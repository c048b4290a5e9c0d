//! Documentation defects never stop a product version: a page that is an API page but
//! says something wrong (a broken example, an undocumented structure, a malformed error
//! code, a duplicate row) gives a warning `file:line: …`, and everything else is generated.
//! The fixtures under `tests/fixtures/defects/` are docs folders; the other cases are
//! small pages built in memory and lowered with `codegen::lower_sources`.

use std::path::PathBuf;

use codegen::ir::{Api, InputForm, InputOutcome, Type};
use codegen::pages::SourceFile;
use codegen::{lower_sources, Warning};

fn fixture(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/defects").join(case)
}

/// Generates from a defects fixture: it must succeed. Returns the generated tree and the
/// warnings with the fixture folder prefix removed.
fn generate(case: &str) -> (codegen::Generated, Vec<String>) {
    let dir = fixture(case);
    let generated = codegen::generate(&dir).unwrap_or_else(|e| panic!("a defect must not be an error: {e}"));
    let prefix = format!("{}/", codegen::pages::display_path(&dir));
    let warnings = generated.warnings.iter().map(|w| w.strip_prefix(&prefix).unwrap_or(w).to_string()).collect();
    (generated, warnings)
}

fn ir(generated: &codegen::Generated) -> Api {
    serde_json::from_str(&generated.files["ir/vpc-2017-03-12.json"]).unwrap()
}

#[test]
fn an_undocumented_structure_is_a_json_value() {
    let (generated, warnings) = generate("unknown-type");
    assert_eq!(
        warnings,
        ["vpc/2017-03-12/AssociateAddress.txt:23: type `Strin` of `AddressId` is not a basic type and no documented structure has that name: generated as serde_json::Value"]
    );
    let code = &generated.files["products/vpc/src/v20170312/associate_address.rs"];
    assert!(code.contains("pub address_id: serde_json::Value,"), "{code}");
    let param = ir(&generated).actions["AssociateAddress"].input[0].clone();
    assert_eq!((param.name.as_str(), param.doc_type.as_str(), param.ty), ("AddressId", "Strin", Type::Json));
}

#[test]
fn an_example_that_is_not_json_is_an_ignored_test_stating_the_defect() {
    let (generated, warnings) = generate("bad-example-json");
    assert_eq!(
        warnings,
        ["vpc/2017-03-12/AssociateAddress.txt:45: example `Example1 Binding an EIP`: request body is not JSON: expected value: documentation defect, not tested"]
    );
    let example = &ir(&generated).actions["AssociateAddress"].examples[0];
    assert_eq!(example.defects, ["request body is not JSON: expected value"]);
    assert!(example.input.is_null());
    assert_eq!(example.input_outcome, InputOutcome::Unreadable);
    assert!(example.output_deserializes, "the output is still read and tested");
    let tests = &generated.files["products/vpc/tests/v20170312_examples.rs"];
    assert!(
        tests.contains(
            "#[ignore = \"documentation defect: AssociateAddress `Example1 Binding an EIP`: request body is not JSON: expected value\"]\nfn associate_address_example_1_defect() {}"
        ),
        "{tests}"
    );
    assert!(tests.contains("fn associate_address_example_1() {\n    const OUTPUT: &str"), "{tests}");
}

// ---- pages in memory ----

/// An action page (HTML) of `demo` 2020-01-01. `inputs`: (name, required, type);
/// `outputs`: (name, type); `examples`: (input code, output code); `errors`: codes.
fn action_page(
    action: &str,
    inputs: &[(&str, bool, &str)],
    outputs: &[(&str, &str)],
    examples: &[(&str, &str)],
    errors: &[&str],
) -> SourceFile {
    let mut rows = format!(
        "<tr><td>Action</td><td>Yes</td><td>String</td><td>Common Params. The value used for this API: {action}.</td></tr>\n\
         <tr><td>Version</td><td>Yes</td><td>String</td><td>Common Params. The value used for this API: 2020-01-01.</td></tr>\n"
    );
    for (name, required, ty) in inputs {
        let required = if *required { "Yes" } else { "No" };
        rows.push_str(&format!("<tr><td>{name}</td><td>{required}</td><td>{ty}</td><td>The {name}.</td></tr>\n"));
    }
    let mut out_rows = String::new();
    for (name, ty) in outputs.iter().chain(&[("RequestId", "String")]) {
        out_rows.push_str(&format!("<tr><td>{name}</td><td>{ty}</td><td>The {name}.</td></tr>\n"));
    }
    let mut example_html = String::new();
    for (i, (input, output)) in examples.iter().enumerate() {
        example_html.push_str(&format!(
            "<h3>Example{n} Case {n}</h3>\n<h4>Input Example</h4>\n<pre><code>{}</code></pre>\n\
             <h4>Output Example</h4>\n<pre><code>{}</code></pre>\n",
            escape(input),
            escape(output),
            n = i + 1
        ));
    }
    let error_rows: String =
        errors.iter().map(|code| format!("<tr><td>{code}</td><td>Code {code}.</td></tr>\n")).collect();
    let html = format!(
        "<!DOCTYPE html>\n<html><body><main>\n<h1>{action}</h1>\n<div class=\"markdown-body\">\n\
         <h2>1. API Description</h2>\n<p>Domain name for API request: demo.tencentcloudapi.com.</p>\n<p>Does things.</p>\n\
         <h2>2. Input Parameters</h2>\n<table>\n<thead><tr><th>Parameter Name</th><th>Required</th><th>Type</th><th>Description</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n\
         <h2>3. Output Parameters</h2>\n<table>\n<thead><tr><th>Parameter Name</th><th>Type</th><th>Description</th></tr></thead>\n<tbody>\n{out_rows}</tbody>\n</table>\n\
         <h2>4. Example</h2>\n{example_html}\
         <h2>6. Error Code</h2>\n<table>\n<thead><tr><th>Error Code</th><th>Description</th></tr></thead>\n<tbody>\n{error_rows}</tbody>\n</table>\n\
         </div>\n</main></body></html>\n"
    );
    source(&format!("{action}.html"), html)
}

/// A Data Types page (HTML): (structure, fields as (name, type)).
fn data_types_page(structs: &[(&str, &[(&str, &str)])]) -> SourceFile {
    let mut body = String::new();
    for (name, fields) in structs {
        let rows: String =
            fields.iter().map(|(f, ty)| format!("<tr><td>{f}</td><td>{ty}</td><td>The {f}.</td></tr>\n")).collect();
        body.push_str(&format!(
            "<h2>{name}</h2>\n<p>A structure.</p>\n<table>\n<thead><tr><th>Name</th><th>Type</th><th>Description</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n"
        ));
    }
    source(
        "DataTypes.html",
        format!("<!DOCTYPE html>\n<html><body><main>\n<h1>Data Types</h1>\n<div class=\"markdown-body\">\n{body}</div>\n</main></body></html>\n"),
    )
}

/// An Error Codes page (HTML) with these common and service codes.
fn error_codes_page(common: &[&str], service: &[&str]) -> SourceFile {
    let table = |codes: &[&str]| {
        let rows: String = codes.iter().map(|c| format!("<tr><td>{c}</td><td>Code {c}.</td></tr>\n")).collect();
        format!("<table>\n<thead><tr><th>Error Code</th><th>Description</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n")
    };
    source(
        "ErrorCodes.html",
        format!(
            "<!DOCTYPE html>\n<html><body><main>\n<h1>Error Codes</h1>\n<div class=\"markdown-body\">\n\
             <h3>Common Error Codes</h3>\n{}<h3>Service Error Codes</h3>\n{}</div>\n</main></body></html>\n",
            table(common),
            table(service)
        ),
    )
}

fn escape(code: &str) -> String {
    code.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn source(name: &str, text: String) -> SourceFile {
    SourceFile::new(format!("demo/2020-01-01/{name}"), format!("demo/2020-01-01/{name}"), text)
}

fn lower(files: &[SourceFile]) -> (Api, Vec<String>) {
    let expected = Some(("demo".to_string(), "2020-01-01".to_string()));
    let (api, mut warnings) = lower_sources(files, "demo/2020-01-01", expected).unwrap_or_else(|e| panic!("{e}"));
    warnings.sort(); // by file, line, message, as `load_docs` gives them
    (api, warnings.iter().map(Warning::to_string).collect())
}

/// The line of the first line of `page` containing `needle`.
fn line_of(page: &SourceFile, needle: &str) -> usize {
    page.text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no `{needle}`")) + 1
}

const POST: &str = "POST / HTTP/1.1\nHost: demo.tencentcloudapi.com\nX-TC-Action: Run\n<Common request parameters>\n\n";
const OK_OUTPUT: &str = "{\n  \"Response\": {\n    \"RequestId\": \"r-1\"\n  }\n}";

#[test]
fn broken_examples_are_defects_with_their_line() {
    let inputs = [("Name", false, "String"), ("Ids.N", false, "Array of String")];
    let examples = [
        (format!("{POST}{{\n  \"Name\": \"a\",\n  oops\n}}"), OK_OUTPUT.to_string()),
        (format!("{POST}[1, 2]"), OK_OUTPUT.to_string()),
        ("GET? no: a shell command".to_string(), OK_OUTPUT.to_string()),
        ("https://demo.tencentcloudapi.com/?Action=Run\n&Ids.0=a\n&Ids.x=b".to_string(), OK_OUTPUT.to_string()),
        (format!("{POST}{{}}"), "{\n  \"Response\": {\n    \"RequestId\": \"r\",\n  ]\n}".to_string()),
        (format!("{POST}{{}}"), "\"just a string\"".to_string()),
    ];
    let examples: Vec<(&str, &str)> = examples.iter().map(|(i, o)| (i.as_str(), o.as_str())).collect();
    let page = action_page("Run", &inputs, &[], &examples, &[]);
    let (api, warnings) = lower(std::slice::from_ref(&page));
    let defects: Vec<&[String]> = api.actions["Run"].examples.iter().map(|e| e.defects.as_slice()).collect();
    assert_eq!(
        defects,
        [
            &["request body is not JSON: key must be a string".to_string()][..],
            &["request body is not a JSON object".to_string()],
            &["input is neither a `POST / HTTP/1.1` request nor a GET URL: it starts `GET? no: a shell command`"
                .to_string()],
            &["query key `Ids.x`: `x` names a field of a value that is not an object".to_string()],
            &["output is not JSON: key must be a string".to_string()],
            &["output is not a JSON object".to_string()],
        ]
    );
    let oops = line_of(&page, "oops");
    assert_eq!(
        warnings[0],
        format!("demo/2020-01-01/Run.html:{oops}: example `Example1 Case 1`: request body is not JSON: key must be a string: documentation defect, not tested")
    );
    assert_eq!(warnings.len(), 6, "{warnings:#?}");
    let examples = &api.actions["Run"].examples;
    assert_eq!(examples[3].input_form, InputForm::Get);
    assert!(examples[..4].iter().all(|e| e.input.is_null() && e.input_outcome == InputOutcome::Unreadable));
    assert!(examples[..4].iter().all(|e| e.output_deserializes), "the outputs are still read");
    assert!(examples[4..].iter().all(|e| e.output.is_null() && e.input_outcome == InputOutcome::Valid));
}

#[test]
fn what_is_unambiguous_is_read() {
    let inputs = [("Name", true, "String"), ("Count", false, "Integer")];
    let outputs = [("Total", "Integer")];
    let examples = [
        // A bare body (no request line) is a POST body; a comma forgotten at a line end.
        ("{\n  \"Name\": \"a\"\n  \"Count\": 2\n}", "{\n  \"Response\": {\"Total\": 1, \"RequestId\": \"r\"}\n}"),
        // An output without its `Response` wrapper that carries `RequestId`.
        ("{\"Name\": \"b\"}", "{\n  \"Total\": 2,\n  \"RequestId\": \"r\"\n}"),
        // Without `RequestId` it could be anything: a defect.
        ("{\"Name\": \"c\"}", "{\n  \"result\": true\n}"),
    ];
    let page = action_page("Run", &inputs, &outputs, &examples, &[]);
    let (api, warnings) = lower(std::slice::from_ref(&page));
    let examples = &api.actions["Run"].examples;
    assert_eq!(examples[0].input_form, InputForm::Post);
    assert_eq!(examples[0].input, serde_json::json!({"Name": "a", "Count": 2}));
    assert!(examples[0].defects.is_empty() && examples[0].contradictions.is_empty());
    assert_eq!(examples[1].output, serde_json::json!({"Response": {"Total": 2, "RequestId": "r"}}));
    assert!(examples[1].output_deserializes && examples[1].defects.is_empty());
    assert_eq!(examples[1].contradictions, [codegen::ir::UNWRAPPED_OUTPUT]);
    assert_eq!(examples[2].defects, ["output has no `Response` object"]);
    assert!(examples[2].output.is_null());
    let wrapped = line_of(&page, "\"Total\": 2,");
    assert_eq!(
        warnings,
        [
            format!(
                "demo/2020-01-01/Run.html:{}: example `Example2 Case 2`: {}",
                wrapped - 1,
                codegen::ir::UNWRAPPED_OUTPUT
            ),
            format!(
                "demo/2020-01-01/Run.html:{}: example `Example3 Case 3`: output has no `Response` object: documentation defect, not tested",
                line_of(&page, "\"result\"") - 1
            ),
        ]
    );
}

#[test]
fn undocumented_structures_become_json_values() {
    let inputs = [("KeyPair", false, "KeyPair"), ("Tags.N", false, "Array of Tag"), ("Name", true, "string")];
    let outputs = [("Pair", "KeyPair"), ("Count", "integer"), ("On", "bool"), ("At", "timestamp ISO8601")];
    let page = action_page("Run", &inputs, &outputs, &[], &[]);
    let types = data_types_page(&[("Tag", &[("Key", "String"), ("Owner", "Person")])]);
    let (api, warnings) = lower(&[page.clone(), types.clone()]);
    let run = &api.actions["Run"];
    let tys: Vec<(&str, &Type)> = run.input.iter().chain(&run.output).map(|p| (p.name.as_str(), &p.ty)).collect();
    assert_eq!(
        tys,
        [
            ("KeyPair", &Type::Json),
            ("Tags", &Type::Array(Box::new(Type::Struct("Tag".into())))),
            ("Name", &Type::String),
            ("Pair", &Type::Json),
            ("Count", &Type::Integer),
            ("On", &Type::Boolean),
            ("At", &Type::Timestamp),
            ("RequestId", &Type::String),
        ]
    );
    assert_eq!(api.data_types["Tag"].fields[1].ty, Type::Json);
    assert_eq!(api.data_types["Tag"].fields[1].doc_type, "Person");
    let message = |name: &str, ty: &str| {
        format!("type `{ty}` of `{name}` is not a basic type and no documented structure has that name: generated as serde_json::Value")
    };
    assert_eq!(
        warnings,
        [
            format!("demo/2020-01-01/DataTypes.html:{}: {}", line_of(&types, "<td>Owner<"), message("Owner", "Person")),
            format!("demo/2020-01-01/Run.html:{}: {}", line_of(&page, "<td>KeyPair<"), message("KeyPair", "KeyPair")),
            format!("demo/2020-01-01/Run.html:{}: {}", line_of(&page, "<td>Pair<"), message("Pair", "KeyPair")),
        ]
    );
    let generated = codegen::generate_from(vec![api], codegen::DEFAULT_CRATE_NAME).unwrap();
    let code = &generated.files["products/demo/src/v20200101/run.rs"];
    assert!(code.contains("pub key_pair: Option<serde_json::Value>,"), "{code}");
    assert!(code.contains("pub pair: serde_json::Value,"), "{code}");
    assert!(generated.files["products/demo/src/v20200101/types.rs"].contains("pub owner: serde_json::Value,"));
}

#[test]
fn malformed_error_codes_are_mended_kept_or_dropped() {
    let errors = ["InvalidParameter.", "InvalidParameter", "UnsupportedOperation.", "Bad Code", "A..B", "X.Y"];
    let page = action_page("Run", &[], &[], &[], &errors);
    let codes_page = error_codes_page(&["InternalError", "InternalError."], &["FailedOperation. Busy", "X Y Z"]);
    let (api, warnings) = lower(&[page.clone(), codes_page.clone()]);
    let codes: Vec<&str> = api.actions["Run"].errors.iter().map(|e| e.code.as_str()).collect();
    // A trailing dot is kept as printed (the code the server sends, as documented).
    assert_eq!(codes, ["InvalidParameter.", "InvalidParameter", "UnsupportedOperation.", "X.Y"]);
    let all: Vec<&str> = api.error_codes.keys().map(String::as_str).collect();
    assert_eq!(
        all,
        [
            "FailedOperation.Busy",
            "InternalError",
            "InternalError.",
            "InvalidParameter",
            "InvalidParameter.",
            "UnsupportedOperation.",
            "X.Y"
        ]
    );
    let at = |page: &SourceFile, code: &str| line_of(page, &format!("<td>{code}</td>"));
    let (run, codes_file) = ("demo/2020-01-01/Run.html", "demo/2020-01-01/ErrorCodes.html");
    assert_eq!(
        warnings,
        [
            format!("{codes_file}:{}: error code `InternalError.` ends with a dot: kept as printed", at(&codes_page, "InternalError.")),
            format!("{codes_file}:{}: error code `FailedOperation. Busy` contains spaces: read as `FailedOperation.Busy`", at(&codes_page, "FailedOperation. Busy")),
            format!("{codes_file}:{}: error code `X Y Z` contains spaces: row dropped", at(&codes_page, "X Y Z")),
            format!("{run}:{}: error code `InvalidParameter.` ends with a dot: kept as printed", at(&page, "InvalidParameter.")),
            format!("{run}:{}: error code `UnsupportedOperation.` ends with a dot: kept as printed", at(&page, "UnsupportedOperation.")),
            format!("{run}:{}: error code `Bad Code` contains spaces: row dropped", at(&page, "Bad Code")),
            format!("{run}:{}: `A..B` is not an error code (letters, digits and `_`, in parts joined by single dots): row dropped", at(&page, "A..B")),
        ]
    );
}

#[test]
fn duplicate_rows_and_structures_keep_the_first() {
    let inputs = [("Name", true, "String"), ("Limit", false, "Integer"), ("Name", false, "Integer")];
    let outputs = [("Items", "Array of Item"), ("Items", "String")];
    let page = action_page("Run", &inputs, &outputs, &[], &[]);
    let types = data_types_page(&[
        ("Item", &[("Id", "String"), ("Id", "Integer")]),
        ("Other", &[("X", "String")]),
        ("Item", &[("Size", "Integer")]),
    ]);
    let (api, warnings) = lower(&[page.clone(), types.clone()]);
    let run = &api.actions["Run"];
    let input: Vec<(&str, bool, &Type)> = run.input.iter().map(|p| (p.name.as_str(), p.required, &p.ty)).collect();
    assert_eq!(input, [("Name", true, &Type::String), ("Limit", false, &Type::Integer)]);
    assert_eq!(run.output.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Items", "RequestId"]);
    let fields: Vec<(&str, &Type)> = api.data_types["Item"].fields.iter().map(|f| (f.name.as_str(), &f.ty)).collect();
    assert_eq!(fields, [("Id", &Type::String)]);
    let rows = |page: &SourceFile, needle: &str| -> Vec<usize> {
        page.text.lines().enumerate().filter(|(_, l)| l.contains(needle)).map(|(i, _)| i + 1).collect()
    };
    let (names, items, ids, item_types) =
        (rows(&page, "<td>Name<"), rows(&page, "<td>Items<"), rows(&types, "<td>Id<"), rows(&types, "<h2>Item<"));
    assert_eq!(
        warnings,
        [
            format!("demo/2020-01-01/DataTypes.html:{}: `Id` has two rows in one table (lines {} and {}): the first is kept", ids[1], ids[0], ids[1]),
            format!("demo/2020-01-01/DataTypes.html:{}: structure `Item` is documented twice (first at line {}): the first is kept", item_types[1], item_types[0]),
            format!("demo/2020-01-01/Run.html:{}: `Name` has two rows in one table (lines {} and {}): the first is kept", names[1], names[0], names[1]),
            format!("demo/2020-01-01/Run.html:{}: `Items` has two rows in one table (lines {} and {}): the first is kept", items[1], items[0], items[1]),
        ]
    );
}

/// The same action page as text, as a browser copy of the page gives it.
fn text_page(action: &str, inputs: &[(&str, bool, &str)], examples: &[(&str, &str)], errors: &[&str]) -> SourceFile {
    let mut text = format!(
        "tencent cloud\n\n{action}\n\nLast updated: 2026-01-01 00:00:00\n\n1. API Description\n\n\
         Domain name for API request: demo.tencentcloudapi.com.\n\nDoes things.\n\n2. Input Parameters\n\n\
         Parameter Name Required Type Description\n\
         Action Yes String Common Params. The value used for this API: {action}.\n\
         Version Yes String Common Params. The value used for this API: 2020-01-01.\n"
    );
    for (name, required, ty) in inputs {
        let required = if *required { "Yes" } else { "No" };
        text.push_str(&format!("{name} {required} {ty} The {name}.\n"));
    }
    text.push_str(
        "\n3. Output Parameters\n\nParameter Name Type Description\nRequestId String The RequestId.\n\n4. Example\n\n",
    );
    for (i, (input, output)) in examples.iter().enumerate() {
        text.push_str(&format!(
            "Example{n} Case {n}\n\nInput Example\n\n{input}\n\nOutput Example\n\n{output}\n\n",
            n = i + 1
        ));
    }
    text.push_str("6. Error Code\n\nError Code Description\n");
    for code in errors {
        text.push_str(&format!("{code} Code {code}.\n"));
    }
    text.push_str("\nHelp and Support\n");
    source(&format!("{action}.txt"), text)
}

#[test]
fn text_and_html_forms_give_the_same_ir_and_the_line_of_their_own_form() {
    let inputs = [("Name", true, "String")];
    let examples = [
        (
            format!("{POST}{{\n  \"Name\": \"a\",\n  oops\n}}"),
            "{\n  \"Response\": {\n    \"RequestId\": \"r\",\n  ]\n}".to_string(),
        ),
        (format!("{POST}{{\"Name\": \"b\"}}"), "{\n  \"RequestId\": \"r\"\n}".to_string()),
    ];
    let examples: Vec<(&str, &str)> = examples.iter().map(|(i, o)| (i.as_str(), o.as_str())).collect();
    let html = action_page("Run", &inputs, &[], &examples, &["FailedOperation.Busy"]);
    let text = text_page("Run", &inputs, &examples, &["FailedOperation.Busy"]);
    let (from_html, html_warnings) = lower(std::slice::from_ref(&html));
    let (from_text, text_warnings) = lower(std::slice::from_ref(&text));
    assert_eq!(codegen::ir::to_json(&from_text), codegen::ir::to_json(&from_html));
    assert_eq!(from_text.actions["Run"].examples[0].defects.len(), 2);
    let strip = |w: &str, page: &SourceFile| {
        let (location, message) = w.split_once(": ").unwrap();
        let line: usize = location.rsplit(':').next().unwrap().parse().unwrap();
        assert!(line > 0 && line <= page.text.lines().count(), "{w}");
        message.to_string()
    };
    assert_eq!(
        text_warnings.iter().map(|w| strip(w, &text)).collect::<Vec<_>>(),
        html_warnings.iter().map(|w| strip(w, &html)).collect::<Vec<_>>()
    );
    assert!(text_warnings[0].starts_with(&format!("demo/2020-01-01/Run.txt:{}: ", line_of(&text, "oops"))));
}

/// The generated test file imports only what its tests use (it denies warnings): with
/// every example a defect, nothing at all.
#[test]
fn an_examples_file_of_defects_alone_imports_nothing() {
    let examples = [("not an example", "not JSON either")];
    let page = action_page("Run", &[("Name", false, "String")], &[], &examples, &[]);
    let (api, _) = lower(std::slice::from_ref(&page));
    let generated = codegen::generate_from(vec![api], codegen::DEFAULT_CRATE_NAME).unwrap();
    let tests = &generated.files["products/demo/tests/v20200101_examples.rs"];
    assert!(!tests.contains("\nuse "), "{tests}");
    assert!(tests.contains("#[ignore = \"documentation defect: Run `Example1 Case 1`: input is neither"), "{tests}");
    assert!(!tests.contains("fn run_example_1()"), "{tests}");

    // An output alone: the product's types, not `Action` (decoding is called by its path).
    let examples = [("not an example", OK_OUTPUT)];
    let page = action_page("Run", &[("Name", false, "String")], &[], &examples, &[]);
    let (api, _) = lower(std::slice::from_ref(&page));
    let tests = codegen::generate_from(vec![api], codegen::DEFAULT_CRATE_NAME).unwrap().files
        ["products/demo/tests/v20200101_examples.rs"]
        .clone();
    assert!(
        tests.contains("use tencentcloud_api_demo::v20200101::*;\n")
            && !tests.contains("use tencentcloud_api_runtime::Action"),
        "{tests}"
    );
}

/// A page whose output section is headed `3. Input Parameters` (a real page of 2019 does
/// this): the section in the output's place is read as the output, with a warning.
#[test]
fn a_second_input_section_in_the_outputs_place_is_the_output() {
    let text = "## 1. API Description\n\nDomain name: demo.tencentcloudapi.com.\n\nRuns.\n\n\
        ## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n\
        | Action | Yes | String | Common parameter: Run |\n| Version | Yes | String | Common parameter: 2020-01-01 |\n\
        | Name | Yes | String | The name. |\n\n\
        ## 3. Input Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n\
        | Total | Integer | How many. |\n| RequestId | String | The request ID. |\n\n\
        ## 4. Error Code\n\n| Error Code | Description |\n|---|---|\n| FailedOperation | Failed. |\n";
    let page = SourceFile::new("demo/2020-01-01/Run.md", "demo/2020-01-01/Run.md", text.to_string());
    let (api, warnings) = lower(std::slice::from_ref(&page));
    let run = &api.actions["Run"];
    let names = |params: &[codegen::ir::Param]| params.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&run.input), ["Name"]);
    assert_eq!(names(&run.output), ["Total", "RequestId"]);
    assert_eq!(
        warnings,
        [format!(
            "demo/2020-01-01/Run.md:{}: section `3. Input Parameters` repeats the input section's name: read as `3. Output Parameters`",
            line_of(&page, "## 3. Input")
        )]
    );
}

/// An action whose page documents a `ClientToken` says so to the client (which fills it
/// in when it is left empty); others do not.
#[test]
fn a_documented_client_token_is_declared_to_the_client() {
    let with = action_page("Run", &[("ClientToken", false, "String"), ("Name", false, "String")], &[], &[], &[]);
    let (api, _) = lower(std::slice::from_ref(&with));
    let code = codegen::generate_from(vec![api], codegen::DEFAULT_CRATE_NAME).unwrap().files
        ["products/demo/src/v20200101/run.rs"]
        .clone();
    assert!(code.contains("const CLIENT_TOKEN: Option<&'static str> = Some(\"ClientToken\");"), "{code}");
    let without = action_page("Run", &[("Name", false, "String")], &[], &[], &[]);
    let (api, _) = lower(std::slice::from_ref(&without));
    let code = codegen::generate_from(vec![api], codegen::DEFAULT_CRATE_NAME).unwrap().files
        ["products/demo/src/v20200101/run.rs"]
        .clone();
    assert!(!code.contains("CLIENT_TOKEN"), "{code}");
}
