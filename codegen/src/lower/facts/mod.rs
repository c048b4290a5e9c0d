//! Facts a parameter's description states about its values (`Param.facts`), following the
//! labelling rules of the typed-values set (RULES.md beside the project): the closed or
//! open set of values ([`values`]), a literal default ([`default`]), the range of the value
//! and the limits on its length ([`range`], [`length`]), its unit ([`unit`]), and for a
//! `Filters` parameter its filters and their maximum number ([`filters`]). Each fact keeps
//! the sentence it came from (`facts_from`). The words are the vocabulary's, in every
//! language (`vocab`).
//!
//! Values are typed by the parameter's type: JSON numbers for an Integer or Float, `true` /
//! `false` for a Boolean, strings otherwise (even numeric ones); an array's facts are its
//! elements', except a length with `length_of: items`. A structure-typed parameter gets no
//! facts of the fields inside it: only the number of its items.

mod bullets;
mod default;
mod filters;
mod kind;
mod length;
mod list;
mod normalize;
mod pair_lines;
mod range;
mod respective;
#[cfg(test)]
mod tests_unseen;
mod text;
mod unit;
mod unworded;
mod values;

use crate::ir::{AllowedValue, Facts, LengthOf, Type};
use kind::{kind_of, Kind};
/// `text` lower-cased where that keeps every byte offset (see `text::lower`): shared with the
/// waiter's reading of state values.
pub use text::lower as lower_same_length;

/// The facts of a parameter named `name` (wire name, without `.N`), of type `ty`, from its
/// description.
pub fn read(name: &str, description: &str, ty: &Type) -> Facts {
    let text = normalize::normalize(description);
    // `偏移量，默认为0。… 返回数量，默认为20，最大值为100。`: a second, different default
    // starts the text of another quantity (pasted from the next row); it is not read.
    let text = match default::second_subject(&text) {
        Some(at) => text.get(..at).unwrap_or_default().to_string(),
        None => text,
    };
    let kind = kind_of(ty);
    let array = matches!(ty, Type::Array(_));
    // A string holding JSON: what its text says of values concerns the keys inside it;
    // only its own length is read.
    if kind == Kind::Text && !text::find_all(&text::lower(&text), &text::words().json).is_empty() {
        let mut facts = Facts::default();
        read_limits(&text, kind, array, &mut facts);
        facts.min = None;
        facts.max = None;
        facts.facts_from.retain(|k, _| k.ends_with("_length"));
        return fold(facts);
    }
    let mut facts = Facts::default();
    if name == "Filters" && matches!(kind, Kind::None) {
        read_filters(&text, &mut facts);
        return fold(facts);
    }
    let list = if kind == Kind::None { None } else { values::read_named(&text, kind, name) };
    if let Some(list) = &list {
        let typed: Vec<AllowedValue> = list
            .values
            .iter()
            .filter_map(|(v, m)| Some(AllowedValue { value: typed(v, kind)?, meaning: m.clone() }))
            .collect();
        if typed.len() == list.values.len() {
            facts.allowed_values = Some(typed);
            facts.allowed_values_complete = Some(list.complete);
            facts.facts_from.insert("allowed_values".into(), list.sentence.clone());
        }
    } else if kind != Kind::None && values::has_examples(&text) {
        facts.allowed_values_complete = Some(false);
    }
    // `選択可能な値は1～31 … 1は…、2は…、4は…`: values explained inside a stated range
    // that holds more are no set (a bit mask), the range is read; nor are values explained
    // beside a range (`0: automatic; 0–1: sample at that rate`).
    let bit_mask = kind == Kind::Integer && some_of_a_range(&text, list.as_ref());
    // (A number with a fraction in a stated range takes every value of it: `(0, 1]` with
    // `0: transparent`, `1: opaque` explained.)
    let continuous =
        kind == Kind::Float && range::read(&text, false).iter().any(|l| l.min.is_some() && l.max.is_some() && !l.start);
    if facts.allowed_values.is_some() && (bit_mask || continuous || range::range_item(&text)) {
        facts.allowed_values = None;
        facts.allowed_values_complete = None;
        facts.facts_from.remove("allowed_values");
    }
    let list = list.filter(|_| facts.allowed_values.is_some());
    let listed: &[(String, String)] = list.as_ref().map_or(&[], |l| &l.values);
    let default = if array { default::read_array(&text, kind, listed) } else { default::read(&text, kind, listed) };
    if let Some((value, sentence)) = default {
        if let Some(value) = typed(&value, kind) {
            facts.default = Some(value);
            facts.facts_from.insert("default".into(), sentence);
        }
    }
    // `1为当前地域默认类型，默认为1，且当前只支持该类型`: only the value stated is allowed.
    if facts.allowed_values.is_none() {
        let lower = text::lower(&text);
        if let (Some(value), Some((at, _))) =
            (facts.default.clone(), text::find_all(&lower, &text::words().only_this).first())
        {
            facts.allowed_values = Some(vec![AllowedValue { value, meaning: String::new() }]);
            facts.allowed_values_complete = Some(true);
            facts.facts_from.insert("allowed_values".into(), text::sentence_at(&text, *at).to_string());
        }
    }
    read_limits(&text, kind, array, &mut facts);
    // A field that holds a unit's name (`ChargeUnit`, `TimeUnit`) has no unit of its own.
    let names_a_unit = name.ends_with("Unit") || name.ends_with("Units");
    // (An array's unit is its numbers': `Array of Integer`, `单位：KB`.)
    let numbers = matches!(kind, Kind::Integer | Kind::Float);
    if !matches!(kind, Kind::None | Kind::Time) && (!array || numbers) && !names_a_unit {
        if let Some((unit, sentence)) = unit::read(&text) {
            facts.unit = Some(unit.to_string());
            facts.facts_from.insert("unit".into(), sentence);
        }
    }
    fold(facts)
}

/// The sentences and meanings kept with white space folded (a line break that wraps a
/// cell's text changes none of them).
fn fold(mut facts: Facts) -> Facts {
    let values = |list: &mut Option<Vec<AllowedValue>>| {
        list.iter_mut().flatten().for_each(|v| v.meaning = meaning(&v.meaning));
    };
    values(&mut facts.allowed_values);
    for filter in &mut facts.filters {
        filter.description = text::folded(&filter.description);
        values(&mut filter.allowed_values);
    }
    facts.facts_from.values_mut().for_each(|s| *s = text::folded(s));
    facts
}

/// A value's meaning, white space folded and without the punctuation that ends its item
/// (`…an EIP.` in one form of a page is `…an EIP` in another).
fn meaning(text: &str) -> String {
    text::folded(text).trim_end_matches(['.', '。', ';', '；', ',', '，']).trim_end().to_string()
}

/// A printed value as a JSON value of this kind.
fn typed(value: &str, kind: Kind) -> Option<serde_json::Value> {
    match kind {
        Kind::Integer | Kind::Float => {
            let n: f64 = value.replace(',', "").parse().ok()?;
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                Some(serde_json::Value::from(n as i64))
            } else {
                serde_json::Number::from_f64(n).map(serde_json::Value::Number)
            }
        }
        Kind::Boolean => match value.to_ascii_lowercase().as_str() {
            "true" => Some(true.into()),
            "false" => Some(false.into()),
            _ => None,
        },
        Kind::Text | Kind::Time => Some(serde_json::Value::String(value.to_string())),
        Kind::None => None,
    }
}

fn number(n: f64) -> Option<serde_json::Number> {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Some((n as i64).into())
    } else {
        serde_json::Number::from_f64(n)
    }
}

/// Whether the values of `list` lie inside a range the text states after a range or value
/// word that holds more than twice as many numbers.
fn some_of_a_range(text: &str, list: Option<&list::ValueList>) -> bool {
    let Some(list) = list else { return false };
    let numbers: Vec<f64> = list.values.iter().filter_map(|(v, _)| v.parse().ok()).collect();
    range::read(text, false).iter().any(|l| match (l.min, l.max) {
        (Some(lo), Some(hi)) if l.counts.is_none() && !l.start => {
            // (Under half of them: `[0,5]` explained but for 1 is still a set.)
            numbers.iter().all(|n| (lo..=hi).contains(n)) && hi - lo + 1.0 > 2.0 * numbers.len() as f64
        }
        _ => false,
    })
}

/// Ranges of the value, lengths (characters, bytes; items of an array) and a unit attached
/// to a range's numbers: the envelope of what is stated.
fn read_limits(text: &str, kind: Kind, array: bool, facts: &mut Facts) {
    if kind == Kind::Time {
        return;
    }
    let string = kind == Kind::Text && !array;
    let has_set = facts.allowed_values.is_some();
    let mut unit = None;
    let bare = if matches!(kind, Kind::Integer | Kind::Float) && !array { range::bare(text) } else { Vec::new() };
    for limit in range::read(text, string).into_iter().chain(respective::read(text, string)).chain(bare) {
        // A structure's parameter: only a stated number of its items, never the ranges of
        // fields inside it (`length: value ranges from 8 to 64`).
        if kind == Kind::None && ((limit.min.is_some() && limit.max.is_some()) || !array) {
            continue;
        }
        // The range of an array's values: its numbers', nothing of strings (`weight value:
        // 0 - 100` of `["origin1::weight1"]`).
        if array && limit.of_values && !matches!(kind, Kind::Integer | Kind::Float) {
            continue;
        }
        let counts = match limit.counts {
            Some(LengthOf::Chars | LengthOf::Bytes) if string => limit.counts,
            Some(_) => continue,
            // `cannot exceed 2 days`: a number with a unit counts no items.
            None if array && limit.unit.is_some() => continue,
            None if array && !limit.of_values => Some(LengthOf::Items),
            None => None,
        };
        match counts {
            Some(of) => {
                // Characters win over bytes of the same text (`60 characters … 60 bytes`).
                if facts.length_of.is_some_and(|had| had != of) {
                    if of == LengthOf::Bytes {
                        continue;
                    }
                    facts.min_length = None;
                    facts.max_length = None;
                }
                facts.length_of = Some(of);
                if let Some(min) = limit.min.filter(|_| !limit.start) {
                    facts.min_length = Some(facts.min_length.map_or(min as u64, |m| m.min(min as u64)));
                    facts.facts_from.entry("min_length".into()).or_insert(limit.sentence.clone());
                }
                if let Some(max) = limit.max {
                    facts.max_length = Some(facts.max_length.map_or(max as u64, |m| m.max(max as u64)));
                    facts.facts_from.entry("max_length".into()).or_insert(limit.sentence.clone());
                }
            }
            // A string's range only from a number standing alone (`Maximum is 100`).
            None if (matches!(kind, Kind::Integer | Kind::Float) || limit.bare) && limit.digits && !has_set => {
                if let Some(min) = limit.min.and_then(number) {
                    let lower =
                        facts.min.as_ref().and_then(serde_json::Number::as_f64).is_none_or(|m| limit.min < Some(m));
                    if lower {
                        facts.min = Some(min);
                        facts.facts_from.insert("min".into(), limit.sentence.clone());
                    }
                }
                if let Some(max) = limit.max.and_then(number) {
                    let higher =
                        facts.max.as_ref().and_then(serde_json::Number::as_f64).is_none_or(|m| limit.max > Some(m));
                    if higher {
                        facts.max = Some(max);
                        facts.facts_from.insert("max".into(), limit.sentence.clone());
                    }
                }
                if matches!(kind, Kind::Integer | Kind::Float) {
                    unit = unit.or(limit.unit.map(|u| (u, limit.sentence.clone())));
                }
            }
            None => {}
        }
    }
    if array && facts.max_length.is_none() && single_item(text) {
        facts.max_length = Some(1);
        facts.length_of = Some(LengthOf::Items);
        facts.facts_from.insert("max_length".into(), text::sentence_at(text, 0).to_string());
    }
    if let Some((u, sentence)) = unit.filter(|_| !array) {
        facts.unit = Some(u.to_string());
        facts.facts_from.insert("unit".into(), sentence);
    }
}

/// `You can specify only one key`, `（目前仅支持设置单个sgId）`: a list of one item.
fn single_item(text: &str) -> bool {
    let lower = text::lower(text);
    !text::find_all(&lower, &text::words().single_item).is_empty()
        && text::words().only.iter().any(|w| lower.contains(w))
}

fn read_filters(text: &str, facts: &mut Facts) {
    let filters = filters::read(text);
    if !filters.is_empty() {
        let names = filters
            .iter()
            .map(|f| AllowedValue { value: f.name.clone().into(), meaning: f.description.clone() })
            .collect();
        facts.allowed_values = Some(names);
        // `Valid filters include:`: the line before the first filter says the list is partial.
        let first = filters.first().map_or("", |f| f.name.as_str());
        let before = text.find(first).and_then(|at| text.get(..at)).unwrap_or_default();
        let open = !text::find_all(&text::lower(before), &text::words().open_list).is_empty();
        facts.allowed_values_complete = Some(!open);
        facts.facts_from.insert("allowed_values".into(), text.lines().next().unwrap_or_default().trim().to_string());
        facts.filters = filters;
    } else if let Some((name, sentence)) = filters::named_in_prose(text) {
        facts.allowed_values = Some(vec![AllowedValue { value: name.into(), meaning: String::new() }]);
        facts.allowed_values_complete = Some(true);
        facts.facts_from.insert("allowed_values".into(), sentence);
    } else if let Some(list) = values::read(text, Kind::Text) {
        facts.allowed_values =
            Some(list.values.into_iter().map(|(v, m)| AllowedValue { value: v.into(), meaning: m }).collect());
        facts.allowed_values_complete = Some(list.complete);
        facts.facts_from.insert("allowed_values".into(), list.sentence);
    }
    // (`The maximum number of Filters for each request is 0`: no limit a request can meet.)
    if let Some((n, sentence)) = filters::max_count(text).filter(|(n, _)| *n > 0) {
        facts.max_length = Some(n);
        facts.length_of = Some(LengthOf::Items);
        facts.facts_from.insert("max_length".into(), sentence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The facts of a description as JSON, without the sentences they came from.
    pub(super) fn facts(name: &str, description: &str, ty: Type) -> serde_json::Value {
        let mut json = serde_json::to_value(read(name, description, &ty)).unwrap();
        json.as_object_mut().unwrap().remove("facts_from");
        json
    }

    #[test]
    fn values_are_typed_by_the_parameter_type() {
        let d = "Default is 20. Maximum is 100.";
        assert_eq!(facts("Limit", d, Type::Integer), json!({"default": 20, "max": 100}));
        assert_eq!(facts("Limit", d, Type::String), json!({"default": "20", "max": 100}));
        let d = "Valid values: True and False (default).";
        assert_eq!(
            facts("Flag", d, Type::Boolean),
            json!({"allowed_values": [{"value": true}, {"value": false, "meaning": "default"}], "allowed_values_complete": true, "default": false})
        );
        let d = "Purchased usage period (in month). Value range: [1, 2, 12].";
        assert_eq!(
            facts("Period", d, Type::Integer),
            json!({"allowed_values": [{"value": 1}, {"value": 2}, {"value": 12}], "allowed_values_complete": true, "unit": "month"})
        );
        let d = "A maximum of 100 instances are allowed for each request. Such as vpc-f49l6u0z.";
        assert_eq!(
            facts("VpcIds", d, Type::Array(Box::new(Type::String))),
            json!({"allowed_values_complete": false, "max_length": 100, "length_of": "items"})
        );
    }

    #[test]
    fn structures_and_unit_names_get_no_nested_facts() {
        let d = "Default is 0. Valid values: A, B. Unit: GB.";
        assert_eq!(facts("Disk", d, Type::Struct("Disk".into())), json!({}));
        assert_eq!(
            facts("ChargeUnit", "Billing unit. GB: The billing unit is calculated in GB", Type::String),
            json!({})
        );
    }

    #[test]
    fn other_quantities_are_not_read() {
        // A limit on the sum of two fields is no limit of this one.
        assert_eq!(facts("Count", "Items to return. Start+Count must not exceed 5000", Type::Integer), json!({}));
        assert_eq!(facts("Count", "返回条数，Start+Count不能大于5000", Type::Integer), json!({}));
        // A gap between two elements (a number with a unit) counts no items.
        let d = "Run days. Two consecutive days may be at most 3 days apart; cannot exceed 3 days.";
        assert_eq!(facts("Days", d, Type::Array(Box::new(Type::Integer))), json!({}));
        // A second default of another value starts the text of another field.
        let d = "起始位置，默认为0。每页条数，默认为50，最大值为200。";
        assert_eq!(facts("Start", d, Type::Integer), json!({"default": 0}));
        // Ranges of fields inside a structure are not the structure parameter's.
        let d = "Rules.\n• min_len: value ranges from 4 to 32\n• digit_count: value ranges from 0 to 8";
        assert_eq!(facts("Rules", d, Type::Array(Box::new(Type::Struct("Rule".into())))), json!({}));
        // A key of a JSON string with its own values.
        let d = "Settings as JSON.\nKeepAliveOn: whether to keep alive, valid values: true or false";
        assert_eq!(facts("Settings", d, Type::String), json!({}));
    }

    #[test]
    fn json_strings_and_dashes() {
        let d = "Options, a JSON string. Keys:\n- Retries (retry count), value range: 0 to 10.\n- Mode: valid values: fast, slow";
        assert_eq!(facts("Options", d, Type::String), json!({}));
        let d = "Log kind. json_log: logs in JSON format; text_log: plain text. The default value is text_log.";
        assert_eq!(facts("LogKind", d, Type::String)["default"], json!("text_log"));
        // Every item dashed: the dashes are bullets, not minus signs.
        let d = "Check result.\n-0: reachable.\n-1: refused.\n-2: timed out.";
        assert_eq!(
            facts("Result", d, Type::Integer)["allowed_values"],
            json!([{"value": 0, "meaning": "reachable"}, {"value": 1, "meaning": "refused"}, {"value": 2, "meaning": "timed out"}])
        );
        // One value and a dash: a range in words, no set.
        assert_eq!(
            facts("Wait", "Wait time. Value range: 0 - unlimited. Unit: ms.", Type::Integer),
            json!({"unit": "ms"})
        );
    }

    #[test]
    fn only_the_value_stated() {
        assert_eq!(
            facts("Mode", "加密模式，默认为2，目前只支持该模式", Type::Integer),
            json!({"allowed_values": [{"value": 2}], "allowed_values_complete": true, "default": 2})
        );
    }

    #[test]
    fn lengths_and_ranges_in_more_forms() {
        assert_eq!(
            facts("Name", "任务名称，只能包含字母，长度3-40", Type::String),
            json!({"min_length": 3, "max_length": 40, "length_of": "chars"})
        );
        assert_eq!(
            facts("Body", "请求体，最大支持的内容长度是 2M", Type::String),
            json!({"max_length": 2097152, "length_of": "bytes"})
        );
        assert_eq!(
            facts("Token", "Unique token, with a maximum value of 32 ASCII characters.", Type::String),
            json!({"max_length": 32, "length_of": "chars"})
        );
        assert_eq!(facts("Size", "Queue size. Range: 10<= Size <= 500", Type::Integer), json!({"min": 10, "max": 500}));
        assert_eq!(
            facts("Disk", "磁盘大小，默认为 50 G，可选范围 50 G-500 G", Type::Integer),
            json!({"default": 50, "min": 50, "max": 500, "unit": "GB"})
        );
    }

    #[test]
    fn filters_are_documented() {
        let d = "Up to 10 Filters per request.\n• vpc-id - String - VPC ID.\n• is-default - Boolean - Default or not.";
        let f = read("Filters", d, &Type::Array(Box::new(Type::Struct("Filter".into()))));
        assert_eq!(f.max_length, Some(10));
        assert_eq!(f.filters.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["vpc-id", "is-default"]);
        assert_eq!(f.filters[1].doc_type.as_deref(), Some("Boolean"));
        assert_eq!(f.allowed_values_complete, Some(true));
        assert!(f.facts_from.contains_key("allowed_values") && f.facts_from.contains_key("max_length"));
    }
}
