//! Tests of the Markdown front-end.

use super::*;

fn parse_str(markdown: &str) -> Vec<Block> {
    parse(&SourceFile::new("t.md", "t.md", markdown.to_string())).unwrap().blocks
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
fn code(text: &str) -> BlockKind {
    BlockKind::Code { text: text.into() }
}

fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks.iter().filter_map(|b| if let BlockKind::Table(t) = &b.kind { Some(t) } else { None }).collect()
}

/// The only table of a page: its rows' lines and cells.
fn rows_of(markdown: &str) -> Vec<(u32, Vec<String>)> {
    let blocks = parse_str(markdown);
    let tables = tables(&blocks);
    assert_eq!(tables.len(), 1, "{blocks:#?}");
    tables[0].rows.iter().map(|r| (r.line, r.cells.clone())).collect()
}

fn cells(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

#[test]
fn headings_keep_their_levels_and_no_title_is_made_up() {
    let page = "## 1. API Description\n\nDomain name for API request: vpc.tencentcloudapi.com.\n\n\
        ## 2. Input Parameters\n\n## 4. Example\n\n### Example 1 Binding an **EIP**\n\n#### Input example\n\n\
        ##### Note\n\n## Error Code List\n\n### Common Error Codes\n";
    let expected = vec![
        at(1, heading(2, "1. API Description")),
        at(3, para("Domain name for API request: vpc.tencentcloudapi.com.")),
        at(5, heading(2, "2. Input Parameters")),
        at(7, heading(2, "4. Example")),
        at(9, heading(3, "Example 1 Binding an EIP")),
        at(11, heading(4, "Input example")),
        at(13, heading(5, "Note")),
        at(15, heading(2, "Error Code List")),
        at(17, heading(3, "Common Error Codes")),
    ];
    assert_eq!(parse_str(page), expected);
    assert_eq!(parse_str("# AssociateAddress\n\n## 1. API Description\n")[0], at(1, heading(1, "AssociateAddress")));
    assert_eq!(parse_str("Data Types\n==========\n\nText\n")[0], at(1, heading(1, "Data Types")));
}

#[test]
fn a_parameter_table_renders_its_cells_like_the_html_front_end() {
    let page = "Intro\n\n\
        | Parameter Name | Required | Type | Description |\n\
        |---------|---------|---------|---------|\n\
        | Filters.N | No | Array of [Filter](/document/api/215/##Filter) | Filter conditions.<br/><li> address-id - String - (Filter condition) ID.</li><li> is-arrears - (TRUE: in arrears&#124;FALSE: paid.)</li> |\n\
        | NeedRecordNum | No | Integer | Whether the total is needed. <br/>1 = required, 0 = not required |\n\
        | Password | Yes | String | Valid values: <br><li>TRUE: *keep* the `Password` <br><li>FALSE: **do not** &lt;keep&gt;&nbsp;it &amp; more<br><br>Default: TRUE. |\n\
        | Kind | No | String | Type.<li>For AIA:</li>after the item<p>Paragraph</p>end |\n";
    let blocks = parse_str(page);
    assert_eq!(blocks[0], at(1, para("Intro")));
    assert_eq!(blocks[1].line, 3);
    let table = tables(&blocks)[0];
    assert_eq!(table.columns, [Column::Name, Column::Required, Column::Type, Column::Description]);
    let rows: Vec<(u32, Vec<String>)> = table.rows.iter().map(|r| (r.line, r.cells.clone())).collect();
    let expected = vec![
        (
            5,
            cells(&[
                "Filters.N",
                "No",
                "Array of Filter",
                "Filter conditions.\n• address-id - String - (Filter condition) ID.\n• is-arrears - (TRUE: in arrears|FALSE: paid.)",
            ]),
        ),
        (6, cells(&["NeedRecordNum", "No", "Integer", "Whether the total is needed.\n1 = required, 0 = not required"])),
        (
            7,
            cells(&[
                "Password",
                "Yes",
                "String",
                "Valid values:\n• TRUE: keep the Password\n• FALSE: do not <keep> it & more\nDefault: TRUE.",
            ]),
        ),
        (8, cells(&["Kind", "No", "String", "Type.\n• For AIA:\nafter the item\nParagraph\nend"])),
    ];
    assert_eq!(rows, expected);
}

#[test]
fn a_table_without_outer_pipes_is_a_table() {
    let page = "Name | Type | Description\n--- | --- | ---\nAddressId | String | The ID.\nTaskId | String\n";
    let blocks = parse_str(page);
    assert_eq!(tables(&blocks)[0].columns, [Column::Name, Column::Type, Column::Description]);
    assert_eq!(rows_of(page), [(3, cells(&["AddressId", "String", "The ID."])), (4, cells(&["TaskId", "String", ""]))]);
}

#[test]
fn a_leading_double_pipe_drops_the_empty_first_cell_only_when_it_is_one_too_many() {
    let page = "| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n\
        | PeriodType | Yes | String | The period type.|\n\
        || Month | No | String | Month; format: yyyy-mm.|\n\
        || Short | No | String |\n\
        | | | | |\n";
    assert_eq!(
        rows_of(page),
        [
            (3, cells(&["PeriodType", "Yes", "String", "The period type."])),
            (4, cells(&["Month", "No", "String", "Month; format: yyyy-mm."])),
            // As many cells as the header: handed on as they are.
            (5, cells(&["", "Short", "No", "String"])),
            // An empty row is a row.
            (6, cells(&["", "", "", ""])),
        ]
    );
}

#[test]
fn cells_past_the_header_width_join_the_last_kept_cell() {
    let page = "| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n\
        | Filter | No | [Filter](https://cloud.tencent.com/document/api/583/17244#Filter) | | Log filters. filter.retCode=not0 |\n\
        | LogType | No | String | | LogType | No | String | Valid values: None (default) and Tail. |\n\
        | Escaped | No | String | a | b \\| c | `x\\|y` |\n\
        | Doubled | No | String | Text. ||\n\
        | Extra | No | String | Text. | **more**<br/>lines |\n";
    assert_eq!(
        rows_of(page),
        [
            (3, cells(&["Filter", "No", "Filter", "Log filters. filter.retCode=not0"])),
            (4, cells(&["LogType", "No", "String", "LogType | No | String | Valid values: None (default) and Tail."])),
            (5, cells(&["Escaped", "No", "String", "a | b | c | x|y"])),
            (6, cells(&["Doubled", "No", "String", "Text."])),
            (7, cells(&["Extra", "No", "String", "Text. | more\nlines"])),
        ]
    );
}

#[test]
fn unknown_header_cells_are_dropped_with_their_cells() {
    let page = "| Name | Default | Description | Since |\n|---|---|---|---|\n| A | 1 | first | 2020 |\n| B |\n\
        | C | 2 | third | 2021 | extra |\n";
    let blocks = parse_str(page);
    assert_eq!(tables(&blocks)[0].columns, [Column::Name, Column::Description]);
    assert_eq!(
        rows_of(page),
        [(3, cells(&["A", "first"])), (4, cells(&["B", ""])), (5, cells(&["C", "third | extra"]))]
    );
    let headless = "| Foo | Bar |\n|---|---|\n| 1 | 2 |\n";
    let blocks = parse_str(headless);
    assert_eq!(*tables(&blocks)[0], Table { columns: vec![], rows: vec![Row { line: 3, cells: vec![] }] });
}

#[test]
fn fenced_and_indented_code_is_verbatim() {
    let page =
        "#### Input example\n\n```\nPOST / HTTP/1.1\n&<Common request parameters>\n\n{\n    \"A\": 1\n}\n\n```\n\n\
        Text\n\n    https://vpc.tencentcloudapi.com/?Action=X\n    &Version=2017-03-12\n\n~~~json\n  indented\n~~~\n";
    let expected = vec![
        at(1, heading(4, "Input example")),
        at(3, code("POST / HTTP/1.1\n&<Common request parameters>\n\n{\n    \"A\": 1\n}")),
        at(13, para("Text")),
        at(15, code("https://vpc.tencentcloudapi.com/?Action=X\n&Version=2017-03-12")),
        at(18, code("  indented")),
    ];
    assert_eq!(parse_str(page), expected);
}

#[test]
fn a_bom_and_crlf_change_nothing() {
    let lf = "| Name | Type | Description |\n|---|---|---|\n| A | String | first<br/>second |\n\n\
        ## 4. Example\n\n```\n{\n  \"x\": 1\n}\n```\n\nSome\ntext\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let blocks = parse_str(&crlf);
    assert_eq!(blocks, parse_str(lf));
    assert_eq!(blocks.iter().map(|b| b.line).collect::<Vec<_>>(), [1, 5, 7, 13]);
    assert_eq!(rows_of(&crlf), [(3, cells(&["A", "String", "first\nsecond"]))]);
    assert_eq!(blocks[2], at(7, code("{\n  \"x\": 1\n}")));
    assert_eq!(blocks[3], at(13, para("Some\ntext")));
}

#[test]
fn list_items_end_at_their_first_block_child() {
    let page = "* [API 3.0 Explorer](https://console.cloud.tencent.com/api/explorer)\n* Second *item*\n  - nested\n\n\
        1. Loose\n\n   second paragraph\n\n2. Next\n\n> quoted\n> - in a quote\n\n- ```\n  code in an item\n  ```\n";
    let expected = vec![
        at(1, item("API 3.0 Explorer")),
        at(2, item("Second item")),
        at(3, item("nested")),
        at(5, item("Loose")),
        at(7, para("second paragraph")),
        at(9, item("Next")),
        at(11, para("quoted")),
        at(12, item("in a quote")),
        at(14, code("code in an item")),
    ];
    assert_eq!(parse_str(page), expected);
}

#[test]
fn html_blocks_and_images_render_as_text() {
    let page = "<div class=\"note\">\nA &amp; B<br>C<!-- hidden -->\n<ul><li>One</li><li>Two</li></ul>\n</div>\n\n\
        An ![diagram](x.png) image and <span>inline</span> HTML.\n";
    let expected = vec![at(1, para("A & B\nC\n• One\n• Two")), at(6, para("An image and inline HTML."))];
    assert_eq!(parse_str(page), expected);
}

#[test]
fn odd_inputs_never_panic() {
    let deep_lists = (0..400).map(|i| format!("{}- x\n", "  ".repeat(i))).collect::<String>();
    let deep_quotes = format!("{} x\n", ">".repeat(5000));
    let wide = format!("|{}\n|{}\n|{}\n", "a|".repeat(3000), "-|".repeat(3000), "||".repeat(5000));
    let many_extra = format!("| Name |\n|---|\n| x {}\n", "| y ".repeat(3000));
    let inputs = [
        "",
        "|",
        "||",
        "| |\n|-|\n||||",
        "|\n|-|\n|",
        "```",
        "```\nunclosed fence\n| a |",
        "~~~~\n",
        "    ",
        "<li>",
        "| a |\n|---|\n| <li> |",
        "| a |\n|---|\n| </li></ul> |",
        "<",
        "<!--",
        "<div>\n<",
        "& &#0; &#x110000; &#xD800; &bogus; &",
        "\u{feff}",
        "\u{feff}\r\n\r",
        "\r\r\r| a |\r|---|\r| b |",
        "# \n## \n###### \n####### x",
        "[a](b",
        "![a](b)![",
        "*_*_*_`",
        "\u{0}\u{1}\u{7f}\u{fffd}",
        "| a | b |\n|---|---|\n| \\| | \\\\| `|` |",
        "- | a |\n  |---|\n  | b | c | d |",
        "> | a |\n> |---|\n> || b | c |",
    ];
    for input in inputs.iter().copied().chain([deep_lists.as_str(), deep_quotes.as_str(), wide.as_str()]) {
        let _ = parse_str(input);
    }
    let rows = rows_of(&many_extra);
    assert_eq!(rows[0].1[0], format!("x{}", " | y".repeat(3000)));
    assert!(parse_str("").is_empty());
    assert!(parse_str("<li>")[0].kind == para("•"));
}
