//! Tests of the HTML front-end.

use super::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn parse_str(html: &str) -> Vec<Block> {
    parse(&SourceFile::new("t.html", "t.html", html.to_string())).unwrap().blocks
}

fn at(line: u32, kind: BlockKind) -> Block {
    Block { line, kind }
}
fn heading(level: u8, text: &str) -> BlockKind {
    BlockKind::Heading { level, text: text.into() }
}
fn para(text: &str) -> BlockKind {
    BlockKind::Paragraph { text: text.into() }
}
fn item(text: &str) -> BlockKind {
    BlockKind::ListItem { text: text.into() }
}

fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks.iter().filter_map(|b| if let BlockKind::Table(t) = &b.kind { Some(t) } else { None }).collect()
}

#[test]
fn chrome_is_skipped_and_blocks_come_in_order() {
    let html = "<html><body>\n<header>site</header><nav><ul><li>Nav</li></ul></nav>\n<main>\n\
        <h1 class=\"doc-title\">AssociateAddress</h1>\n<div class=\"doc-toolbar\"><span>PDF</span></div>\n\
        <div class=\"doc-meta\">Last updated</div>\n<div class=\"markdown-body\">\n\
        <h2 id=\"x\">1. API   Description</h2>\n<p>Bind an <a href=\"#\">Elastic IP</a>.</p>\n\
        <ul>\n<li>Only <code>UNBIND</code> EIPs.</li>\n<li>Second</li></ul>\n\
        <div class=\"rno-api-explorer\"><p>We recommend API Explorer</p><a>Try it</a></div>\n\
        <h3>Example1</h3>\n<h4>Input Example</h4>\n\
        <pre><code>X-TC-Action: A\n&lt;Common request parameters&gt;\n\n{\n    \"A\": 1\n}\n</code></pre>\n\
        </div></main><footer>Help</footer></body></html>";
    let code = "X-TC-Action: A\n<Common request parameters>\n\n{\n    \"A\": 1\n}";
    let expected = vec![
        at(4, heading(1, "AssociateAddress")),
        at(8, heading(2, "1. API Description")),
        at(9, para("Bind an Elastic IP.")),
        at(11, item("Only UNBIND EIPs.")),
        at(12, item("Second")),
        at(14, heading(3, "Example1")),
        at(15, heading(4, "Input Example")),
        at(16, BlockKind::Code { text: code.into() }),
    ];
    assert_eq!(parse_str(html), expected);
}

#[test]
fn cells_render_line_breaks_like_the_text_rendition() {
    let html = "<div class=\"markdown-body\"><table>\n\
        <thead><tr><th>Name</th><th>Type</th><th>Description</th></tr></thead>\n<tbody>\n\
        <tr><td>LocalBgp</td><td>Boolean</td><td>valid values:.<br><li>true: EIP with local bandwidth.</li>.<br><li>false: not a local bandwidth EIP.</li>.</td></tr>\n\
        <tr><td>Charge</td><td>String</td><td>Including:<br><li><strong>A_B</strong></li><br><p style=\"x\">Prepaid.</p><br>Note: <code>null</code>  here.</td></tr>\n\
        <tr><td>TagSet</td><td><a href=\"DataTypes.html#Tag\">Array of Tag</a></td><td>Tags &amp; more<ul><li>x<ul><li>y</li></ul>z</li></ul></td></tr>\n\
        <tr><td>Kind</td><td>String</td><td>Type.<br><ul><li>For AIA:</li></ul><code>Any</code>: see <a>AIA</a>.</li></ul>Note: some.</li></ul></td></tr>\n\
        <tr><td>Zone</td><td>String</td><td>Use the <a>`DescribeZones`</a> API; see&lt;a href=\"/x\"&gt;Limits&lt;/a&gt;.</td></tr>\n\
        <tr><td>E</td><td>String</td><td>The `%(value)s` is\nwrong.</td></tr>\n\
        </tbody></table></div>";
    let blocks = parse_str(html);
    let table = tables(&blocks)[0];
    assert_eq!(table.columns, [Column::Name, Column::Type, Column::Description]);
    let cells: Vec<&str> = table.rows.iter().map(|r| r.cells[2].as_str()).collect();
    assert_eq!(
        cells[0],
        "valid values:.\n• true: EIP with local bandwidth.\n.\n• false: not a local bandwidth EIP.\n."
    );
    assert_eq!(cells[1], "Including:\n• A_B\nPrepaid.\nNote: null here.");
    assert_eq!(table.rows[2].cells[1], "Array of Tag");
    assert_eq!(cells[2], "Tags & more\n• x\n• y\nz");
    assert_eq!(cells[3], "Type.\n• For AIA:\nAny: see AIA.\nNote: some.");
    assert_eq!(cells[4], "Use the DescribeZones API; seeLimits.");
    assert_eq!(cells[5], "The `%(value)s` is\nwrong.");
    assert_eq!(blocks[0].line, 1);
    assert_eq!(table.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [4, 5, 6, 7, 8, 9]);
}

#[test]
fn unknown_header_cells_are_dropped_with_their_cells() {
    let html = "<table><tr><th>Name</th><th>Default</th><th>Description</th></tr>\
        <tr><td>A</td><td>1</td><td>first</td></tr><tr><td>B</td></tr></table>";
    let table = tables(&parse_str(html))[0].clone();
    assert_eq!(table.columns, [Column::Name, Column::Description]);
    assert_eq!(table.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>(), [vec!["A", "first"], vec!["B", ""]]);
}

#[test]
fn list_items_end_at_block_children_and_lines_survive_stray_tags() {
    let html = "<body>\n<p>Intro</p>\n<p><ul></p>\n<p><li>One </li></p>\n<p><li>Two,<ul> <ul></p>\n\
        <p><li>Three</li></p>\n<p></ul></li></ul></p>\n<p></ul></p>\n<p></p>\n<p>End</p>\nbare <b>text</b>\n\
        <p><li>Open</p>\n<p>Swallowed</p>\n<h2>Section</h2>\n</body>";
    let expected = vec![
        at(2, para("Intro")),
        at(4, item("One")),
        at(5, item("Two,")),
        at(6, item("Three")),
        at(10, para("End")),
        at(11, para("bare text")),
        at(12, item("Open")),
        at(13, para("Swallowed")),
        at(14, heading(2, "Section")),
    ];
    assert_eq!(parse_str(html), expected);
}

#[test]
fn a_paragraph_of_one_multi_line_code_is_a_code_block() {
    // As a Markdown renderer writes an example it did not take for a fenced block.
    let html = "<h4>Output example</h4>\n<p><code>{\n  \"Response\": {}\n}</code></p>\n\
        <p><code>true</code></p>\n<p>Set <code>A\nB</code> here.</p>";
    assert_eq!(
        parse_str(html),
        vec![
            at(1, heading(4, "Output example")),
            at(2, BlockKind::Code { text: "{\n  \"Response\": {}\n}".into() }),
            at(5, para("true")),
            at(6, para("Set A\nB here.")),
        ]
    );
}

#[test]
fn without_numbered_sections_the_article_holds_the_parameter_tables() {
    // A Data Types page inside site chrome whose floating table of contents has an `h2`.
    let html = "<html><body><div class=\"toc\"><h2 class=\"nav-title\">本页目录：</h2></div>\n\
        <div id=\"article\"><h1>Data Types</h1>\n<h2>Tag</h2>\n<p>A tag.</p>\n\
        <table><thead><tr><th>Name</th><th>Type</th><th>Description</th></tr></thead>\n\
        <tbody><tr><td>Key</td><td>String</td><td>The key.</td></tr></tbody></table></div></body></html>";
    let blocks = parse_str(html);
    let headings: Vec<&BlockKind> =
        blocks.iter().map(|b| &b.kind).filter(|k| matches!(k, BlockKind::Heading { .. })).collect();
    assert_eq!(headings, [&heading(1, "Data Types"), &heading(2, "Tag")]);
    assert_eq!(tables(&blocks)[0].rows[0].cells, ["Key", "String", "The key."]);
}

#[test]
fn garbage_never_panics() {
    let deep = "<div><b><ul><li>".repeat(300) + "x";
    let inputs =
        ["", "<", "<p", "</", "<table><tr><td>a</li></ul", "\u{0}\u{1}<<>>&#x0;</p></br>", "<!-- <p>", "<a x='>"];
    for input in inputs.iter().copied().chain([deep.as_str()]) {
        let _ = parse_str(input);
    }
    let kinds: Vec<BlockKind> =
        parse_str("<p>a</p><pre>x\n\n</pre><table><tr><td>1").into_iter().map(|b| b.kind).collect();
    let headless = BlockKind::Table(Table { columns: vec![], rows: vec![Row { line: 3, cells: vec![] }] });
    assert_eq!(kinds, [para("a"), BlockKind::Code { text: "x".into() }, headless]);
}

// ---- corpus (skipped when ../shared/corpus is absent) ----

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/vpc/2017-03-12");
    if !dir.is_dir() {
        eprintln!("notice: corpus not found at {}; skipping", dir.display());
    }
    dir.is_dir().then_some(dir)
}

fn corpus_page(dir: &Path, name: &str) -> Page {
    parse(&SourceFile::read(&dir.join(format!("html/{name}.html"))).unwrap()).unwrap()
}

fn page_names(dir: &Path) -> Vec<String> {
    let entries = std::fs::read_dir(dir.join("html")).unwrap();
    let mut names: Vec<String> =
        entries.map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// The tables of a page, each with the text of the last heading of `level` before it.
fn tables_under(page: &Page, level: u8) -> Vec<(String, &Table)> {
    let mut heading = String::new();
    let mut out = Vec::new();
    for block in &page.blocks {
        match &block.kind {
            BlockKind::Heading { level: l, text } if *l == level => heading = text.clone(),
            BlockKind::Table(table) => out.push((heading.clone(), table)),
            _ => {}
        }
    }
    out
}

/// Rows as `name|type|required` (`required` is `null` without a Required column),
/// without the common parameters and the `.N` of list parameters when `input`.
fn table_params(table: &Table, input: bool) -> Vec<String> {
    let cell = |row: &Row, column| row.cell(&table.columns, column).map(str::to_string);
    let rows = table.rows.iter().filter_map(|row| {
        let name = cell(row, Column::Name).unwrap();
        if input && ["Action", "Version", "Region"].contains(&name.as_str()) {
            return None;
        }
        let name = if input { name.strip_suffix(".N").unwrap_or(&name).to_string() } else { name };
        let required = cell(row, Column::Required).map_or("null".to_string(), |r| (r == "Yes").to_string());
        Some(format!("{name}|{}|{required}", cell(row, Column::Type).unwrap_or_default()))
    });
    rows.collect()
}

fn oracle_params(params: &Value) -> Vec<String> {
    let params = params.as_array().unwrap().iter();
    params
        .map(|p| format!("{}|{}|{}", p["name"].as_str().unwrap(), p["type"].as_str().unwrap(), p["required"]))
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

fn names(table: &Table) -> Vec<String> {
    table.rows.iter().map(|r| r.cell(&table.columns, Column::Name).unwrap().to_string()).collect()
}

/// Every page has a title, action pages their six sections and tables, and every block
/// and row the line of its start tag.
#[test]
fn every_corpus_page_parses_into_sections_and_tables() {
    let Some(dir) = corpus() else { return };
    let names = page_names(&dir);
    assert_eq!(names.len(), 308);
    let sections = [
        "1. API Description",
        "2. Input Parameters",
        "3. Output Parameters",
        "4. Example",
        "5. Developer Resources",
        "6. Error Code",
    ];
    for name in names {
        let page = corpus_page(&dir, &name);
        assert!(matches!(&page.blocks[0].kind, BlockKind::Heading { level: 1, .. }), "{name}: no title");
        let source = std::fs::read_to_string(dir.join(format!("html/{name}.html"))).unwrap();
        let source: Vec<&str> = source.lines().collect();
        let on_line =
            |line: u32, tag: &str| assert!(source[line as usize - 1].contains(tag), "{name}:{line}: no {tag}");
        for block in &page.blocks {
            let tag = match &block.kind {
                BlockKind::Heading { level, .. } => format!("<h{level}"),
                BlockKind::Paragraph { .. } => "<p".into(),
                BlockKind::ListItem { .. } => "<li".into(),
                BlockKind::Code { .. } => "<pre".into(),
                BlockKind::Table(table) => {
                    table.rows.iter().for_each(|r| on_line(r.line, &format!("<tr><td>{}</td>", r.cells[0])));
                    "<table".into()
                }
            };
            on_line(block.line, &tag);
        }
        if name == "DataTypes" || name == "ErrorCodes" {
            continue;
        }
        let h2 = page.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Heading { level: 2, text } => Some(text.as_str()),
            _ => None,
        });
        assert_eq!(h2.collect::<Vec<_>>(), sections, "{name}");
        assert!(!tables(&page.blocks).is_empty(), "{name}: no table");
    }
}

#[test]
fn corpus_tables_match_the_oracle() {
    let Some(dir) = corpus() else { return };
    let oracle: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("oracle.json")).unwrap()).unwrap();
    let actions = oracle["actions"].as_object().unwrap();
    assert_eq!(actions.len(), 306);
    for (action, expected) in actions {
        let page = corpus_page(&dir, action);
        let tables = tables_under(&page, 2);
        let section = |prefix: &str| tables.iter().find(|(h, _)| h.starts_with(prefix)).unwrap().1;
        assert_eq!(table_params(section("2."), true), oracle_params(&expected["input"]), "{action} input");
        assert_eq!(table_params(section("3."), false), oracle_params(&expected["output"]), "{action} output");
        assert_eq!(names(section("6.")), strings(&expected["errors"]), "{action} errors");
    }
    let types = oracle["data_types"].as_object().unwrap();
    let page = corpus_page(&dir, "DataTypes");
    let tables = tables_under(&page, 2);
    assert_eq!(tables.len(), types.len());
    for (name, table) in tables {
        assert_eq!(table_params(table, false), oracle_params(&types[&name]["fields"]), "{name}");
        assert_eq!(table.columns.contains(&Column::Required), types[&name]["has_required_column"] == true, "{name}");
    }
    let page = corpus_page(&dir, "ErrorCodes");
    let tables = tables_under(&page, 3);
    for (heading, key) in [("Common Error Codes", "common"), ("Service Error Codes", "service")] {
        let table = tables.iter().find(|(h, _)| h == heading).unwrap().1;
        assert_eq!(names(table), strings(&oracle["error_codes"][key]), "{key}");
    }
}

/// Every heading, paragraph, list item, code block and table row (cells joined by
/// spaces) of every page shows in its text rendition as whole lines.
#[test]
fn corpus_text_matches_the_text_rendition() {
    let Some(dir) = corpus() else { return };
    // The text rendition of this paragraph goes on ("… failed. For example:").
    let known = "If there is an Error field in the response, it means that the API call failed.";
    for name in page_names(&dir) {
        let txt = std::fs::read_to_string(dir.join(format!("txt/{name}.txt"))).unwrap().replace("\r\n", "\n");
        let lines = format!("\n{}\n", normalize_cell(&txt));
        for block in corpus_page(&dir, &name).blocks {
            let probes = match block.kind {
                BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } if text != known => vec![text],
                BlockKind::ListItem { text } => vec![format!("• {text}")],
                BlockKind::Table(table) => table.rows.iter().map(|r| normalize_cell(&r.cells.join(" "))).collect(),
                BlockKind::Code { text } => {
                    assert!(txt.contains(&text), "{name}:{}: code not in the text rendition", block.line);
                    continue;
                }
                _ => continue,
            };
            for probe in probes {
                assert!(
                    lines.contains(&format!("\n{probe}\n")),
                    "{name}:{}: {probe:?} not in the text rendition",
                    block.line
                );
            }
        }
    }
    // The Address.InternetChargeType cell: the 13 lines of the text rendition.
    let txt = std::fs::read_to_string(dir.join("txt/DataTypes.txt")).unwrap();
    let start = txt.find("\nInternetChargeType String Network billing mode of EIP.").unwrap() + 1;
    let expected =
        txt[start..].lines().take(13).collect::<Vec<_>>().join("\n").replacen("InternetChargeType String ", "", 1);
    let page = corpus_page(&dir, "DataTypes");
    let address = tables_under(&page, 2).into_iter().find(|(h, _)| h == "Address").unwrap().1;
    let row = address.rows.iter().find(|r| r.cells[0] == "InternetChargeType").unwrap();
    assert_eq!(row.cell(&address.columns, Column::Description), Some(expected.as_str()));
}

/// Deep nesting makes the HTML parser quadratic (found by fuzzing: 40,000 nested `<div>`s
/// took minutes): past `MAX_OPEN_ELEMENTS` the page is refused, quickly, whatever kind of
/// nesting the parser would build.
#[test]
fn deep_nesting_is_refused_quickly() {
    let deep = MAX_OPEN_ELEMENTS + 10;
    let cases = [
        ("div", "<div>".repeat(deep)),
        ("li", "<li><ul></li>".repeat(deep)),
        ("optgroup", "<optgroup>".repeat(deep)),
        ("p", (0..deep).map(|i| format!("<p><b id={i}></p>x")).collect()),
        ("div", format!("<p>{}", "<div><!-- </div> -->".repeat(deep))),
    ];
    for (name, html) in cases {
        let started = std::time::Instant::now();
        let file = SourceFile::new("t.html", "t.html", format!("<html><body>\n{html}"));
        let err = parse(&file).expect_err("too deep");
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{name}: {:?}", started.elapsed());
        assert_eq!(err.line, 2);
        assert_eq!(
            err.kind.to_string(),
            format!("expected HTML elements nested at most {MAX_OPEN_ELEMENTS} deep, found `<{name}>` nested deeper")
        );
    }
    // A long tag name is cut at a character boundary (found by fuzzing: a panic).
    assert_eq!(parse_str(&format!("<e{}", "\u{FFFD}".repeat(11))), []);
    // Closed elements, sloppy lists and tables, comments and scripts do not add up.
    let page = format!(
        "<main><h1 class=\"doc-title\">T</h1>{}</main>",
        "<div><p>a<ul><li>b<li>c</ul></div><table><tr><td>x<td>y<tr><td>z</table><!-- <div> --><script>'<div>'</script>"
            .repeat(deep)
    );
    let blocks = parse_str(&page);
    assert_eq!(blocks[0], at(1, heading(1, "T")));
    assert_eq!(tables(&blocks).len(), deep);
}
