//! The filters a `Filters.N` parameter documents: one line each (`• address-status -
//! String - Required: No - (Filter condition) … Valid values: …`, `- name - String - …`,
//! `name: meaning`, broken bullets such as `li>havip-id - String`), names kept as printed,
//! in page order, each with its type, whether it is required, its description and its own
//! value set; and the documented maximum number of filters per request (`The maximum number
//! of Filters per request is 10`, `Filtersの上限は10`, `Filters 상한은 10`).

use super::kind::Kind;
use super::text::{self, count_at, token_at, words};
use super::values;
use crate::ir::{AllowedValue, FilterDoc};
use crate::vocab;

/// The filters of a `Filters` description (normalised), in page order.
pub fn read(text: &str) -> Vec<FilterDoc> {
    let mut filters: Vec<FilterDoc> = Vec::new();
    // `vpc-id: …; local-gateway-name: …`: items of one line.
    let lines =
        text.lines()
            .flat_map(|l| if l.trim_start().starts_with(['•', '-']) { vec![l] } else { l.split("; ").collect() });
    for line in lines {
        let line = line.trim();
        let (bulleted, item) = match line.strip_prefix(['•', '-', '*', '·']).or_else(|| line.strip_prefix("li>")) {
            // `• - charge-type`: a bullet doubled.
            Some(rest) => (true, rest.trim_start().strip_prefix("- ").unwrap_or(rest.trim_start())),
            None => (false, line),
        };
        // `When Filters.Name value is Status, Filters.Values valid values:` after the
        // filters: the bullets after it are a filter's values, no more filters.
        let intro = line.ends_with([':', '：']);
        if intro
            && !bulleted
            && !filters.is_empty()
            && !text::find_all(&text::lower(line), &words().value_list).is_empty()
        {
            break;
        }
        let name = name_at(item);
        if name.chars().filter(char::is_ascii_alphabetic).count() < 2 {
            continue;
        }
        let rest = item.get(name.len()..).unwrap_or_default();
        let parts: Vec<&str> = rest.split(" - ").map(str::trim).collect();
        let typed = parts.get(1).is_some_and(|t| vocab::is_basic_type(t));
        let separated = rest.trim_start().starts_with(['-', ':', '：']) || rest.starts_with(". ");
        // Without a bullet: a kebab-case name and `:` (`vpc-id: VPC instance ID`).
        let plain = !bulleted && name.contains('-') && rest.starts_with([':', '：']);
        if !(typed || plain || (bulleted && (separated || rest.starts_with(' ')))) {
            continue;
        }
        if filters.iter().any(|f| f.name == name) {
            continue;
        }
        let mut doc_type = None;
        let mut required = None;
        let mut description: Vec<&str> = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let part = part.trim_start_matches(['-', ':', '：']).trim();
            if i == 1 && vocab::is_basic_type(part) {
                doc_type = Some(part.to_string());
            } else if (i == 2 || i == 1) && required.is_none() && required_of(part).is_some() {
                required = required_of(part);
            } else if !part.is_empty() {
                description.push(part);
            }
        }
        let description = description.join(" - ");
        let list = values::read(&description, Kind::Text);
        filters.push(FilterDoc {
            name: name.to_string(),
            doc_type,
            required,
            allowed_values_complete: list.as_ref().map(|l| l.complete),
            allowed_values: list.map(|l| {
                l.values
                    .into_iter()
                    .map(|(v, m)| AllowedValue { value: serde_json::Value::String(v), meaning: m })
                    .collect()
            }),
            description,
        });
    }
    filters
}

/// `Currently, only ClusterName is supported`, `当前只支持按照单个条件ClusterName进行过滤`:
/// the one name of a sentence saying "only", when it has one.
pub fn named_in_prose(text: &str) -> Option<(String, String)> {
    let lower = text::lower(text);
    let only =
        text::find_all(&lower, &words().only_value).into_iter().chain(text::find_all(&lower, &words().single_item));
    let mut sentences: Vec<&str> = only.map(|(start, _)| text::sentence_at(text, start)).collect();
    sentences.extend(text.split(['.', '。', '\n']).filter(|s| text::find_all(&text::lower(s), &["only"]).len() == 1));
    for sentence in sentences {
        let names: Vec<&str> = sentence
            .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':')))
            .filter(|w| w.len() > 2 && (w.contains('-') || w.chars().skip(1).any(|c| c.is_ascii_uppercase())))
            .filter(|w| *w != "Filters")
            .collect();
        if let [name] = names[..] {
            return Some((name.to_string(), sentence.to_string()));
        }
    }
    None
}

/// The filter name at the start of a line: `address-status`, `tag:tag-key`,
/// `service-port` of `service-port-Protocol port.`.
fn name_at(item: &str) -> &str {
    let token = token_at(item);
    // `service-port-Protocol`: a capitalised word glued to a lower-case name.
    if let Some(cut) = token.char_indices().find(|(i, c)| {
        *c == '-'
            && token.get(i + 1..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
            && token.get(..*i).is_some_and(|l| l.chars().all(|c| !c.is_ascii_uppercase()))
    }) {
        return token.get(..cut.0).unwrap_or(token);
    }
    token
}

/// `Required: No`, `Optional`, `必須項目：いいえ`, `필수 입력 여부: 아니오`.
fn required_of(part: &str) -> Option<bool> {
    if part.eq_ignore_ascii_case("optional") {
        return Some(false);
    }
    let (label, value) = part.split_once([':', '：'])?;
    if label.chars().count() > 20 {
        return None;
    }
    vocab::required_word(value.trim()).map(|r| r.value())
}

/// The documented maximum number of filters per request, with its sentence.
pub fn max_count(text: &str) -> Option<(u64, String)> {
    let clauses =
        text.split([',', '，', '、', ';', '；', '。', '\n']).flat_map(|c| c.split(" and ")).flat_map(|c| c.split(". "));
    for clause in clauses {
        let Some(at) = clause
            .match_indices("Filters")
            .map(|(i, _)| i)
            .find(|i| !clause.get(*i..).unwrap_or_default().starts_with("Filters."))
        else {
            continue;
        };
        let lower = text::lower(clause);
        // The number after the maximum word (`使用请参考示例2 每次请求的Filters的上限为10`).
        let Some(&(_, max_end)) = text::find_all(&lower, &words().maximum).first() else {
            continue;
        };
        let _ = at;
        let number = clause.char_indices().filter(|(i, c)| *i >= max_end && c.is_ascii_digit()).find_map(|(i, _)| {
            let before = clause.get(..i).unwrap_or_default();
            if before.ends_with(|c: char| c.is_ascii_digit() || c == '.') {
                return None;
            }
            count_at(clause.get(i..).unwrap_or_default())
        });
        if let Some((n, _)) = number {
            return Some((n as u64, clause.trim().to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_lines() {
        let text = "The maximum number of Filters per request is 10, and the maximum number of Filter.Values is 5. Conditions:\n• address-id - String - Required: No - (Filter condition) Filter by ID.\n• is-arrears - String - Optional - Valid values: TRUE, FALSE.\n.\nli>havip-id - String - HAVIP ID.\n- tag:tag-key - String - tag.\n• - charge-type - String - x.\n• private-port. The port.\n• service-port-Protocol port.\n• description The rule description";
        let filters = read(text);
        let names: Vec<&str> = filters.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "address-id",
                "is-arrears",
                "havip-id",
                "tag:tag-key",
                "charge-type",
                "private-port",
                "service-port",
                "description"
            ]
        );
        assert_eq!(filters[0].doc_type.as_deref(), Some("String"));
        assert_eq!(filters[0].required, Some(false));
        assert_eq!(filters[1].allowed_values.as_ref().map(Vec::len), Some(2));
        assert_eq!(max_count(text).map(|m| m.0), Some(10));
    }

    #[test]
    fn values_of_a_filter_after_the_filters_are_no_filters() {
        let text = "Filter criteria. Detailed filter criteria:\n• Resource: Filter by IP;\n• Status: Filter by status.\nWhen Filters.Name value is Status, Filters.Values valid values:\n• Blocked: blocked;\n• Unblocked: unblocked.";
        let names: Vec<String> = read(text).into_iter().map(|f| f.name).collect();
        assert_eq!(names, ["Resource", "Status"]);
    }

    #[test]
    fn counts_in_cjk() {
        assert_eq!(max_count("各リクエストのFiltersの上限は10で、Filter.Valuesの上限は5です。").map(|m| m.0), Some(10));
        assert_eq!(max_count("매회 요청의 Filters 상한은 10, Filter.Values의 상한은 5입니다.").map(|m| m.0), Some(10));
        assert_eq!(max_count("Each request can have up to 10 Filters and 100 Filter.Values.").map(|m| m.0), Some(10));
        assert_eq!(max_count("Filter condition. SubnetIds and Filters cannot be specified at the same time."), None);
    }
}
