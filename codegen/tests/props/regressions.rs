//! Inputs that once panicked, named after what they did.

use codegen::fuzzing::{self, readers};

/// `lower/pagination.rs`: "start byte index 10 is not a char boundary; it is inside '询'":
/// the number before a "maximum" word was looked for one byte past a CJK character.
#[test]
fn chinese_limit_description_has_its_maximum_read() {
    assert_eq!(readers::max_page_size("返回数量，默认为20，最大值为100。"), Some(100));
    assert_eq!(readers::max_page_size("分页查询最大条数。默认为20"), None);
    // The whole chain, with that description on a `Limit` input.
    let page = "DescribeThings\n\nLast updated: 2026-01-01 00:00:00\n\n1. API Description\n\n\
        Domain name for API request: cvm.tencentcloudapi.com.\n\nLists things.\n\n\
        2. Input Parameters\n\nParameter Name\tRequired\tType\tDescription\n\
        Action\tYes\tString\tCommon parameter.\nVersion\tYes\tString\tCommon parameter.\n\
        Offset\tNo\tInteger\t偏移量，默认为0。\nLimit\tNo\tInteger\t分页查询最大条数。默认为20\n\n\
        3. Output Parameters\n\nParameter Name\tType\tDescription\n\
        TotalCount\tInteger\t总数。\nThingSet\tArray of String\t列表。\nRequestId\tString\tID。\n";
    fuzzing::page_to_ir(format!("0{page}").as_bytes());
}

/// `page/text.rs` (`dedent`): the common indent was counted in bytes; a line indented with
/// U+3000 IDEOGRAPHIC SPACE (3 bytes) was cut inside it.
#[test]
fn ideographic_space_indent_is_removed_by_characters() {
    fuzzing::text_front_end("\u{3000}x\n  y\n".as_bytes());
    fuzzing::text_front_end("  x\n\u{3000}\u{3000}y\n \u{3000}z\n".as_bytes());
    assert!(readers::extract("txt", "\u{3000}x\n  y\n").is_err());
}
