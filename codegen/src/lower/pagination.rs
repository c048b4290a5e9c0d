//! Pagination, read from an action's parameters: which input says which page (`Offset`,
//! a page number, a token), which input sets the page size, which output is the page's
//! list and which the total. The names are the API's own conventions (wire names, the
//! same in every language); the documented maximum page size is read from the size
//! parameter's description with the vocabulary's words.
//!
//! An action is paginated when its inputs name a position and its output has exactly one
//! list. One whose inputs name a position but whose output has no list or several (the
//! list inside a structure, say) is reported by [`unrecognised`], so that the README's
//! counts say what was left out and why.

use crate::ir::{Action, PageParam, PageStyle, Pagination, Param, Type};
use crate::vocab;

/// Inputs that skip a number of items.
const OFFSETS: &[&str] = &["Offset"];
/// Inputs that name a page by its number.
const PAGE_NUMBERS: &[&str] = &["PageNumber", "PageNo", "PageIndex", "Page"];
/// Inputs that hand back the token of the previous reply.
const TOKENS: &[&str] = &["NextToken", "Cursor", "Context", "ScrollToken", "SearchAfter", "Marker"];
/// Inputs that set the page size.
const SIZES: &[&str] = &["Limit", "PageSize", "MaxResults", "Size", "MaxResult"];
/// Outputs that give the total number of items.
const TOTALS: &[&str] = &["TotalCount", "Total", "TotalNum", "TotalNumber"];
/// Boolean outputs that say the list is over.
const DONE: &[&str] = &["ListOver", "IsOver", "Finished"];

/// The pagination of an action, if it has a recognised one.
pub fn detect(action: &Action) -> Option<Pagination> {
    let position = position(action)?;
    let items = only_list(&action.output).ok()?;
    Some(build(action, position, items))
}

/// Why an action whose inputs name a page position gets no paginator; `None` when it gets
/// one or does not look paginated at all.
pub fn unrecognised(action: &Action) -> Option<String> {
    let (style, param) = position(action)?;
    match only_list(&action.output) {
        Ok(_) => None,
        Err(lists) if lists.is_empty() => {
            Some(format!("`{}` ({}) but no list among the outputs", param.name, style.name()))
        }
        Err(lists) => Some(format!(
            "`{}` ({}) but {} lists among the outputs: {}",
            param.name,
            style.name(),
            lists.len(),
            lists.join(", ")
        )),
    }
}

fn position(action: &Action) -> Option<(PageStyle, &Param)> {
    let input = |names: &[&str]| {
        names.iter().find_map(|n| action.input.iter().find(|p| p.name == *n && p.ty.is_integer_or_string()))
    };
    let output = |name: &str| action.output.iter().find(|p| p.name == name && p.ty.is_integer_or_string());
    if let (Some(offset), Some(_)) = (input(OFFSETS), input(SIZES)) {
        return Some((PageStyle::Offset, offset));
    }
    if let (Some(number), Some(_)) = (input(PAGE_NUMBERS), input(SIZES)) {
        return Some((PageStyle::PageNumber { first: first_page(&number.description) }, number));
    }
    for name in TOKENS {
        let Some(token) = input(&[name]) else { continue };
        let next = format!("Next{name}");
        let Some(out) = output(name).or_else(|| output(&next)) else { continue };
        let done = DONE
            .iter()
            .find(|d| action.output.iter().any(|p| p.name == **d && p.ty == Type::Boolean))
            .map(|d| d.to_string());
        return Some((PageStyle::Token { output: out.name.clone(), done }, token));
    }
    None
}

/// The one list among the outputs, or every list's name when there is not exactly one.
fn only_list(output: &[Param]) -> Result<&Param, Vec<String>> {
    let lists: Vec<&Param> = output.iter().filter(|p| matches!(p.ty, Type::Array(_))).collect();
    match lists[..] {
        [one] => Ok(one),
        _ => Err(lists.iter().map(|p| p.name.clone()).collect()),
    }
}

fn build(action: &Action, (style, position): (PageStyle, &Param), items: &Param) -> Pagination {
    let size = SIZES.iter().find_map(|n| action.input.iter().find(|p| p.name == *n && p.ty.is_integer_or_string()));
    let total = TOTALS
        .iter()
        .find(|n| action.output.iter().any(|p| p.name == **n && p.ty == Type::Integer))
        .map(|n| n.to_string());
    Pagination {
        style,
        position: page_param(position),
        size: size.map(page_param),
        items: items.name.clone(),
        total,
        max_page_size: size.and_then(|s| maximum(&s.description)),
    }
}

fn page_param(param: &Param) -> PageParam {
    PageParam { name: param.name.clone(), text: param.ty != Type::Integer }
}

/// The first page's number: 0 when the description says numbering starts at 0, else 1.
fn first_page(description: &str) -> u64 {
    u64::from(!vocab::says_counts_from_zero(description))
}

/// The largest value a description documents: the number after a "maximum" word
/// ("Maximum value: 100", "up to 100", "最大值为100"), before one ("100 maximum"), or the
/// upper end of a range ("Value range: 1-100", "from 1 to 1,000").
///
/// Text is only split at what a search found (`split_once`, `trim_*_matches`), never at an
/// offset counted by hand: any text, in any script, is read without a panic.
pub fn maximum(description: &str) -> Option<u64> {
    let lower = description.to_lowercase();
    let number_after = |rest: &str| -> Option<u64> {
        let (start, _) = rest.char_indices().find(|(_, c)| c.is_ascii_digit())?;
        let (between, at_number) = rest.split_at(start);
        // Only a number close to the word: "maximum of 100", not a number sentences later.
        let chars = between.chars().count();
        if chars > 24 || between.contains(['.', '。', ';']) && chars > 2 {
            return None;
        }
        number(at_number)
    };
    for word in vocab::maximum_words() {
        if let Some((before, after)) = lower.split_once(word) {
            if let Some(n) = number_after(after) {
                return Some(n);
            }
            // "100 maximum": the number just before the word.
            let before = before.trim_end();
            let words = before.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',');
            if let Some(n) = before.strip_prefix(words).and_then(number) {
                return Some(n);
            }
        }
    }
    for word in vocab::range_words() {
        if let Some((_, rest)) = lower.split_once(word) {
            let first = rest.trim_start_matches(|c: char| !c.is_ascii_digit());
            if first.is_empty() {
                return None;
            }
            let after_first = first.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',');
            return number_after_separator(after_first);
        }
    }
    None
}

/// The number after a range separator (`-`, `–`, `~`, `to`, `至`) at the start of `text`.
fn number_after_separator(text: &str) -> Option<u64> {
    let text = text.trim_start();
    let rest = ["-", "–", "—", "~", "～", "to", "至", "到"].iter().find_map(|s| text.strip_prefix(s))?;
    number(rest.trim_start())
}

/// The integer at the start of `text` (thousands separators allowed: `1,000`).
fn number(text: &str) -> Option<u64> {
    let digits: String =
        text.chars().take_while(|c| c.is_ascii_digit() || *c == ',').filter(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ActionNames;

    fn param(name: &str, ty: Type, description: &str) -> Param {
        Param { description: description.into(), ..Param::sample(name, ty) }
    }

    fn action(input: Vec<Param>, output: Vec<Param>) -> Action {
        Action {
            name: "DescribeThings".into(),
            rust: ActionNames {
                module: "describe_things".into(),
                method: "describe_things".into(),
                request: "DescribeThingsRequest".into(),
                response: "DescribeThingsResponse".into(),
                error: "DescribeThingsError".into(),
                event: None,
            },
            host: String::new(),
            description: String::new(),
            rate_limit: None,
            input,
            output,
            examples: Vec::new(),
            errors: Vec::new(),
            constraints: Vec::new(),
            pagination: None,
            waiter: None,
            streaming: None,
        }
    }

    fn list(name: &str) -> Param {
        param(name, Type::Array(Box::new(Type::Struct("Thing".into()))), "")
    }

    #[test]
    fn offset_limit_with_a_total_and_one_list() {
        let a = action(
            vec![param("Offset", Type::String, ""), param("Limit", Type::String, "Maximum value: 100.")],
            vec![param("TotalCount", Type::Integer, ""), list("ThingSet"), param("RequestId", Type::String, "")],
        );
        let p = detect(&a).unwrap();
        assert_eq!(p.style, PageStyle::Offset);
        assert_eq!(p.position, PageParam { name: "Offset".into(), text: true });
        assert_eq!(p.size, Some(PageParam { name: "Limit".into(), text: true }));
        assert_eq!(
            (p.items.as_str(), p.total.as_deref(), p.max_page_size),
            ("ThingSet", Some("TotalCount"), Some(100))
        );
        assert_eq!(unrecognised(&a), None);
    }

    #[test]
    fn page_numbers_and_tokens() {
        let a = action(
            vec![param("PageNumber", Type::Integer, "Starts from 0."), param("PageSize", Type::Integer, "")],
            vec![list("Things")],
        );
        let p = detect(&a).unwrap();
        assert_eq!((p.style, p.total, p.max_page_size), (PageStyle::PageNumber { first: 0 }, None, None));

        let a = action(
            vec![param("Context", Type::String, "")],
            vec![list("Things"), param("Context", Type::String, ""), param("ListOver", Type::Boolean, "")],
        );
        let p = detect(&a).unwrap();
        assert_eq!(p.style, PageStyle::Token { output: "Context".into(), done: Some("ListOver".into()) });
        assert_eq!(p.size, None);

        // A token input the reply never hands back is not pagination.
        let a = action(vec![param("NextToken", Type::String, "")], vec![list("Things")]);
        assert_eq!((detect(&a), unrecognised(&a)), (None, None));
    }

    #[test]
    fn what_looks_paginated_but_is_not_recognised_says_why() {
        let no_list = action(
            vec![param("Offset", Type::Integer, ""), param("Limit", Type::Integer, "")],
            vec![param("Data", Type::Struct("Page".into()), "")],
        );
        assert_eq!(detect(&no_list), None);
        assert_eq!(unrecognised(&no_list).unwrap(), "`Offset` (offset) but no list among the outputs");
        let two = action(
            vec![param("Offset", Type::Integer, ""), param("Limit", Type::Integer, "")],
            vec![list("A"), list("B")],
        );
        assert_eq!(unrecognised(&two).unwrap(), "`Offset` (offset) but 2 lists among the outputs: A, B");
        // An offset without a page size is not pagination at all.
        let alone = action(vec![param("Offset", Type::Integer, "")], vec![list("A")]);
        assert_eq!((detect(&alone), unrecognised(&alone)), (None, None));
    }

    #[test]
    fn maximum_after_before_and_in_ranges() {
        for (text, max) in [
            ("Number of returned results. Default value: 20. Maximum value: 100.", Some(100)),
            ("Page size, upper limit 100.", Some(100)),
            ("Page size, 100 maximum.", Some(100)),
            ("Returns up to 50 items.", Some(50)),
            ("Maximum number of instances per page. Value range: 1-100.", Some(100)),
            ("Size per page, defaults to 1,000, valid value range is 0 – 1,000.", Some(1000)),
            ("Page size\nValue ranges from 1 to 10\nDefault value: 10", Some(10)),
            ("返回数量，默认为20，最大值为100。", Some(100)),
            ("返回数量，默认为20，取值范围：1~100。", Some(100)),
            ("Number of entries per page. Default value: 20", None),
            ("Page size", None),
            ("The maximum. See the API introduction, section 3 for 1000 reasons", None),
        ] {
            assert_eq!(maximum(text), max, "{text}");
        }
    }

    /// Real Chinese `Limit` descriptions made `regen` panic: the number before a
    /// "maximum" word was looked for one byte past a CJK character ("start byte index 10 is
    /// not a char boundary; it is inside '询'").
    #[test]
    fn maximum_in_cjk_text_without_a_panic() {
        for (text, max) in [
            ("返回数量，默认为20，最大值为100。", Some(100)),
            ("分页查询最大条数。默认为20", None),
            ("分页查询100最大。", Some(100)),
            ("１００件まで、最大。既定値は２０", None),
            ("최대\u{3000}값：\u{3000}50", Some(50)),
            ("范围：１～１００", None),
            ("取值范围：1～100", Some(100)),
            ("最大", None),
            ("范围", None),
        ] {
            assert_eq!(maximum(text), max, "{text}");
        }
    }

    #[test]
    fn first_page_number() {
        assert_eq!(first_page("Page number, starting from 0."), 0);
        assert_eq!(first_page("页码，从0开始"), 0);
        assert_eq!(first_page("Page number. Default value: 1."), 1);
        assert_eq!(first_page("Page number"), 1);
    }
}
