use std::collections::BTreeSet;

use super::*;

/// Splits a line into the cells of a row, or None when the line is not a row (it then
/// continues the previous row's description).
fn split_row(line: &str, columns: &[Column], tabs: bool, known: &Known) -> Option<Vec<String>> {
    match classify(line, columns, tabs, known) {
        Line::Row(cells) | Line::Odd(cells, _) => Some(cells),
        Line::Continuation => None,
    }
}

fn cols(s: &str) -> Vec<Column> {
    table_header(s).unwrap().0
}

fn none() -> Known {
    Known::default()
}

fn page(text: &str) -> Page {
    parse(&SourceFile::new("p.txt", "p.txt", text.to_string()))
}

fn tables(page: &Page) -> Vec<&Table> {
    page.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn headers_are_recognised() {
    use Column::*;
    assert_eq!(cols("Parameter Name Required Type Description"), vec![Name, Required, Type, Description]);
    assert_eq!(cols("Name Type Required Description"), vec![Name, Type, Required, Description]);
    assert_eq!(cols("Error Code Description"), vec![Name, Description]);
    assert_eq!(cols("参数名称 必选 类型 描述"), vec![Name, Required, Type, Description]);
    assert_eq!(cols("参数名称\t必选\t类型\t描述"), vec![Name, Required, Type, Description]);
    assert_eq!(cols("매개변수 이름 필수 여부 유형 설명"), vec![Name, Required, Type, Description]);
    assert_eq!(table_header("Name Type"), None);
    assert_eq!(table_header("Parameter Names Type Description"), None);
}

#[test]
fn rows_are_told_from_continuations() {
    let k = none();
    let input = cols("Parameter Name Required Type Description");
    assert_eq!(
        split_row("Filters.N No Array of Filter Filter conditions.", &input, false, &k).unwrap(),
        vec!["Filters.N", "No", "Array of Filter", "Filter conditions."]
    );
    assert_eq!(split_row("• address-id - String - Optional", &input, false, &k), None);
    assert_eq!(split_row("Note: this field may return null", &input, false, &k), None);
    let output = cols("Name Type Description");
    assert_eq!(
        split_row("CreatedTime Timestamp ISO8601 The creation time", &output, false, &k).unwrap(),
        vec!["CreatedTime", "Timestamp ISO8601", "The creation time"]
    );
    assert_eq!(split_row("Prepaid by monthly-subscribed bandwidth.", &output, false, &k), None);
    assert_eq!(split_row("TaskId String", &output, false, &k).unwrap(), vec!["TaskId", "String", ""]);
    let errors = cols("Error Code Description");
    assert_eq!(
        split_row("FailedOperation.CreateVpnGatewayFailed", &errors, false, &k).unwrap(),
        vec!["FailedOperation.CreateVpnGatewayFailed", ""]
    );
    assert_eq!(split_row("The two parameters cannot be specified.", &errors, false, &k), None);
    assert!(split_row("InternalError An internal error occurred.", &errors, false, &k).is_some());
}

/// Regression fixtures of issue 8, point 7: rows decided by the table's shape.
#[test]
fn rows_named_like_english_words_are_rows() {
    let k = none();
    let input = cols("Parameter Name Required Type Description");
    assert_eq!(split_row("All No Boolean Whether to query all.", &input, false, &k).unwrap()[0], "All");
    assert_eq!(split_row("For No String The target.", &input, false, &k).unwrap()[0], "For");
    assert_eq!(split_row("For example: a, b", &input, false, &k), None);
    let output = cols("Name Type Description");
    assert_eq!(split_row("All Boolean Everything.", &output, false, &k).unwrap()[0], "All");
    assert_eq!(split_row("For details, see the docs.", &output, false, &k), None);
}

#[test]
fn continuation_lines_that_look_like_rows_are_known_by_the_structures() {
    let output = cols("Name Type Description");
    let known = Known { structures: Some(BTreeSet::from(["Vpc".to_string(), "CC".to_string()])), ..Default::default() };
    assert_eq!(split_row("CLOUD_IDC IDC cluster", &output, false, &known), None);
    assert_eq!(split_row("Vpc Vpc The VPC.", &output, false, &known).unwrap()[1], "Vpc");
    assert_eq!(split_row("Items Array of CC The CCs.", &output, false, &known).unwrap()[1], "Array of CC");
    assert_eq!(split_row("If NextHopType is set to VPN, the value is the gateway ID.", &output, false, &known), None);
    assert_eq!(split_row("Name string lower-case words are prose.", &output, false, &known), None);
}

#[test]
fn guesses_are_recorded_and_confirmed_only_by_names_that_decide_alike() {
    let output = cols("Name Type Description");
    let guessing = none();
    // `IDC` is guessed to be a structure (the line reads as a row), `Vpc` too.
    assert!(split_row("CLOUD_IDC IDC cluster", &output, false, &guessing).is_some());
    assert!(split_row("Vpc Vpc The VPC.", &output, false, &guessing).is_some());
    assert_eq!(
        guessing.guesses.snapshot().into_iter().collect::<Vec<_>>(),
        [("IDC".into(), true), ("Vpc".into(), true)]
    );
    let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<BTreeSet<String>>();
    assert!(guessing.guesses.confirmed_by(&names(&["Vpc", "IDC", "Other"])));
    // Knowing that `IDC` is no structure would read the line otherwise: read again.
    assert!(!guessing.guesses.confirmed_by(&names(&["Vpc"])));
    assert!(none().guesses.confirmed_by(&names(&[])));
}

#[test]
fn error_code_with_a_trailing_dot_is_a_row() {
    let errors = cols("Error Code Description");
    assert_eq!(
        split_row("InvalidParameter. The parameter is invalid.", &errors, false, &none()).unwrap(),
        vec!["InvalidParameter.", "The parameter is invalid."]
    );
}

#[test]
fn blank_line_inside_a_description_cell_does_not_end_the_table() {
    let text = "T\nLast updated: x\n1. API Description\nDomain name for API request: a.tencentcloudapi.com.\n2. Input Parameters\nParameter Name Required Type Description\nA Yes String First.\n    code line 1\n\n    code line 2\nB No Integer Second.\nMore about B.\n\nEven more about B.\n3. Output Parameters\nParameter Name Type Description\nRequestId String The ID.\n";
    let p = page(text);
    let t = tables(&p);
    assert_eq!(t[0].rows.len(), 2);
    assert_eq!(t[0].rows[0].cells[3], "First.\ncode line 1\ncode line 2");
    assert_eq!(t[0].rows[1].cells[3], "Second.\nMore about B.\nEven more about B.");
    assert_eq!(t[1].rows.len(), 1);
}

#[test]
fn browser_copy_with_tabs_toc_and_chinese_chrome() {
    let text = "腾讯云\n文档中心 > 创建密钥对\n创建密钥对\n\n最近更新时间：2022-06-16 06:04:53\n\n本页目录：\n1. 接口描述\n2. 输入参数\n3. 输出参数\n4. 示例\n示例1 创建密钥对\n6. 错误码\n1. 接口描述\n\n接口请求域名： cvm.tencentcloudapi.com 。\n\n2. 输入参数\n\n参数名称\t必选\t类型\t描述\nAction\t是\tString\t公共参数，本接口取值：CreateKeyPair。\nProjectId\t是\tInteger\t项目ID。\n可以通过以下方式获取项目ID：\n\n通过项目列表查询项目ID。\n3. 输出参数\n参数名称\t类型\t描述\nKeyPair\tKeyPair\t密钥对信息。\n6. 错误码\n错误码\t描述\nInternalServerError\t操作内部错误。\n\t\n上一篇: 查询密钥对列表 下一篇: 绑定密钥对\n目录\n";
    let p = page(text);
    assert_eq!(p.blocks[0].kind, BlockKind::Heading { level: 1, text: "创建密钥对".into() });
    assert_eq!(p.blocks[1].kind, BlockKind::Heading { level: 2, text: "1. 接口描述".into() });
    assert_eq!(p.blocks[1].line, 14);
    let t = tables(&p);
    assert_eq!(t.len(), 3);
    assert_eq!(
        t[0].rows[1].cells,
        vec!["ProjectId", "是", "Integer", "项目ID。\n可以通过以下方式获取项目ID：\n通过项目列表查询项目ID。"]
    );
    assert_eq!(t[1].rows[0].cells[1], "KeyPair");
    assert_eq!(t[2].rows.len(), 1);
}

#[test]
fn indented_body_and_korean_chrome() {
    let text = "메뉴\nDescribeX\n마지막 업데이트 시간: 2021-01-01\n    1. API 설명\n\n    API 요청 도메인 이름: as.tencentcloudapi.com.\n\n    2. 입력 매개변수\n\n    매개변수 이름 필수 여부 유형 설명\n    Action 예 String 공통 매개변수\n    Limit 아니요 Integer 개수\n      계속\n    3. 출력 매개변수\n    매개변수 이름 유형 설명\n    RequestId String ID\n";
    let p = page(text);
    assert_eq!(p.blocks[0].kind, BlockKind::Heading { level: 1, text: "DescribeX".into() });
    let t = tables(&p);
    assert_eq!(t[0].rows.len(), 2);
    assert_eq!(t[0].rows[1].cells[3], "개수\n계속");
    assert_eq!(t[1].rows.len(), 1);
}

#[test]
fn data_types_page_structures_are_found_by_their_tables() {
    let text = "tencent cloud\nData Types\nLast updated: x\n\nAddress\n\nAn address.\n\nUsed by actions: A.\n\nName Type Description\nAddressId String The ID.\nTags Array of Tag The tags.\n\nTag\n\nTag\n\nName Type Required Description\nKey String Yes The key.\n";
    let p = page(text);
    let headings: Vec<_> = p
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { level: 2, text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headings, ["Address", "Tag"]);
    assert_eq!(tables(&p).len(), 2);
}

#[test]
fn a_lone_word_ending_a_description_is_not_a_structure() {
    let text = "Data Types\nLast updated: x\n\nA\n\nThe A.\n\nName Type Required Description\nValue String Yes Values, separated by\nSplit\n\nB\n\nThe B.\n\nName Type Description\nId String The ID.\n";
    let p = page(text);
    let headings: Vec<_> = p
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { level: 2, text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headings, ["A", "B"]);
    assert_eq!(tables(&p)[0].rows[0].cells[3], "Values, separated by\nSplit");
}

#[test]
fn example_headings() {
    assert!(vocab::is_example_title("Example1 Binding an EIP with an instance"));
    assert!(vocab::is_example_title("示例1 绑定EIP到实例上"));
    assert!(!vocab::is_example_title("Examples of use"));
    assert_eq!(vocab::example_part("输出示例"), Some(false));
}

#[test]
fn page_structure() {
    let text = "tencent cloud\n\nNav\nAssociateAddress\n\nPDF\nFocus Mode\nLast updated: 2025-11-13 20:43:22\n\n1. API Description\n\nDomain name for API request: vpc.intl.tencentcloudapi.com.\n\n  • An item\n\n2. Input Parameters\n\nParameter Name Required Type Description\nAddressId Yes String The ID.\nMore text.\n• an item\n\n4. Example\n\nExample1 Title\n\nInput Example\n\nPOST / HTTP/1.1\n\n{}\n\nOutput Example\n\n{\n  \"Response\": {}\n}\n\nHelp and Support\nignored";
    let p = page(text);
    let kinds: Vec<_> = p.blocks.iter().map(|b| (b.line, b.kind.clone())).collect();
    assert_eq!(kinds[0], (4, BlockKind::Heading { level: 1, text: "AssociateAddress".into() }));
    assert_eq!(kinds[1], (10, BlockKind::Heading { level: 2, text: "1. API Description".into() }));
    assert_eq!(kinds[3], (14, BlockKind::ListItem { text: "An item".into() }));
    match &kinds[5].1 {
        BlockKind::Table(t) => {
            assert_eq!(t.rows.len(), 1);
            assert_eq!(t.rows[0].line, 19);
            assert_eq!(t.rows[0].cells[3], "The ID.\nMore text.\n• an item");
        }
        other => panic!("expected a table, found {other:?}"),
    }
    assert_eq!(kinds[9], (29, BlockKind::Code { text: "POST / HTTP/1.1\n\n{}".into() }));
    assert_eq!(kinds[11], (35, BlockKind::Code { text: "{\n  \"Response\": {}\n}".into() }));
    assert_eq!(kinds.len(), 12);
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "\n\n",
        "\u{feff}",
        "Last updated",
        "1. API Description",
        "Parameter Name Required Type Description\nX",
        "Parameter Name\tRequired\tType\tDescription\n\t\t\nX\tY",
        "•",
        "Example1",
        "Input Example",
        "Name Type Description\nA B",
        "  \n 1. API Description\n\t",
    ] {
        let _ = page(text);
    }
}
