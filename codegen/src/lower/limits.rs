//! An example's input value against the documented limits of its parameter
//! ([`crate::ir::Param::limits`]), checked as the generated `validate_limits` checks it:
//! a value the page's own limits rule out is a contradiction, and the example's test
//! expects `validate()` to reject it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::ir::limits::Limits;
use crate::ir::{DataType, LengthOf, Param, Type};

/// Why `value`, given for `param`, breaks its documented limits: the contradiction, with
/// the sentence the limit came from when the IR has it.
pub fn broken(param: &Param, value: &Value) -> Option<String> {
    broken_as(param, &param.name, value)
}

/// What [`broken`] says of the fields of a structure the parameter holds (one, or a list of
/// them), one level down, as `validate_limits` checks them: `Tags.Key`.
pub fn broken_inside(param: &Param, value: &Value, types: &BTreeMap<String, DataType>) -> Option<String> {
    let name = match &param.ty {
        Type::Struct(name) => name,
        Type::Array(inner) => match inner.as_ref() {
            Type::Struct(name) => name,
            _ => return None,
        },
        _ => return None,
    };
    let fields = &types.get(name)?.fields;
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    items.into_iter().find_map(|item| {
        fields.iter().find_map(|f| {
            let v = item.get(&f.name).filter(|v| !v.is_null())?;
            broken_as(f, &format!("{}.{}", param.name, f.name), v)
        })
    })
}

fn broken_as(param: &Param, name: &str, value: &Value) -> Option<String> {
    let Limits { range, length, default_outside } = param.limits();
    let length = length.and_then(|(of, min, max)| {
        let what = broken_length(value, of, min, max)?;
        Some((what, ["min_length", "max_length"]))
    });
    let range = || {
        let (min, max) = range?;
        each(value).find_map(|(at, v)| {
            let n = number(v).filter(|n| default_outside != Some(*n))?;
            let outside = min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m);
            outside.then(|| (format!("as {v}{at} (range {})", span(min, max)), ["min", "max"]))
        })
    };
    let (what, keys) = length.or_else(range)?;
    Some(match keys.iter().find_map(|k| param.facts.facts_from.get(*k)) {
        Some(sentence) => format!("gives `{name}` {what} although the page says \"{sentence}\""),
        None => format!("gives `{name}` {what}, outside its documented limits"),
    })
}

/// The length that breaks the limits: `with 3 items (at most 2)`, `61 characters long
/// (at most 60)`.
fn broken_length(value: &Value, of: LengthOf, min: Option<u64>, max: Option<u64>) -> Option<String> {
    let outside = |n: usize| min.is_some_and(|m| (n as u64) < m) || max.is_some_and(|m| n as u64 > m);
    let limit = span(min.map(|n| n as f64), max.map(|n| n as f64));
    match of {
        LengthOf::Items => {
            let n = value.as_array()?.len();
            outside(n).then(|| format!("with {n} items ({limit})"))
        }
        LengthOf::Chars | LengthOf::Bytes => each(value).find_map(|(at, v)| {
            let text = v.as_str()?;
            let (n, unit) = match of {
                LengthOf::Bytes => (text.len(), "bytes"),
                _ => (text.chars().count(), "characters"),
            };
            let unit = if n == 1 { unit.trim_end_matches('s') } else { unit };
            outside(n).then(|| format!("{n} {unit} long{at} ({limit})"))
        }),
    }
}

/// The value, or each element of a list with ` in element N`.
fn each(value: &Value) -> Box<dyn Iterator<Item = (String, &Value)> + '_> {
    match value {
        Value::Array(items) => Box::new(items.iter().enumerate().map(|(i, v)| (format!(" in element {i}"), v))),
        other => Box::new(std::iter::once((String::new(), other))),
    }
}

/// A number, or a string holding one, as the runtime's `check_range` reads it.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>().ok().map(|n| n as f64).or_else(|| s.parse::<f64>().ok().filter(|f| f.is_finite()))
        }
        _ => None,
    }
}

/// `7 to 732`, `at least 1`, `at most 60`.
fn span(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::Facts;

    fn param(name: &str, ty: Type, facts: Facts) -> Param {
        Param { facts, ..Param::sample(name, ty) }
    }

    #[test]
    fn a_value_outside_the_range_is_a_contradiction_citing_the_page() {
        let mut facts = Facts { min: Some(7.into()), max: Some(732.into()), ..Facts::default() };
        facts.facts_from.insert("min".into(), "The minimum value is 7 days, and the maximum is 732 days".into());
        let period = param("Period", Type::Integer, facts);
        assert_eq!(broken(&period, &json!(7)), None);
        assert_eq!(broken(&period, &json!(732)), None);
        assert_eq!(
            broken(&period, &json!(800)).as_deref(),
            Some("gives `Period` as 800 (range 7 to 732) although the page says \"The minimum value is 7 days, and the maximum is 732 days\"")
        );
        let offset = param("Offset", Type::String, Facts { min: Some(0.into()), ..Facts::default() });
        assert_eq!(
            broken(&offset, &json!("-1")).as_deref(),
            Some("gives `Offset` as \"-1\" (range at least 0), outside its documented limits")
        );
        assert_eq!(broken(&offset, &json!("first")), None, "not a number: not checked, as at run time");
        // The page's default is meant to be sent, even outside the range.
        let facts = Facts { min: Some(10.into()), max: Some(600.into()), default: Some(0.into()), ..Facts::default() };
        let interval = param("Interval", Type::Integer, facts);
        assert_eq!(broken(&interval, &json!(0)), None);
        assert!(broken(&interval, &json!(5)).is_some());
    }

    #[test]
    fn the_fields_of_a_structure_one_level_down() {
        let facts = Facts { max_length: Some(3), length_of: Some(LengthOf::Chars), ..Facts::default() };
        let tag = DataType {
            name: "Tag".into(),
            rust_name: "Tag".into(),
            description: String::new(),
            has_required_column: true,
            fields: vec![param("Key", Type::String, facts)],
        };
        let types = BTreeMap::from([("Tag".to_string(), tag)]);
        let tags = param("Tags", Type::Array(Box::new(Type::Struct("Tag".into()))), Facts::default());
        assert_eq!(broken_inside(&tags, &json!([{"Key": "env"}]), &types), None);
        assert_eq!(
            broken_inside(&tags, &json!([{"Key": "env"}, {"Key": "owner"}]), &types).as_deref(),
            Some("gives `Tags.Key` 5 characters long (at most 3), outside its documented limits")
        );
        let one = param("Tag", Type::Struct("Tag".into()), Facts::default());
        assert!(broken_inside(&one, &json!({"Key": "owner"}), &types).is_some());
        assert_eq!(broken_inside(&one, &json!({"Key": null}), &types), None);
    }

    #[test]
    fn lengths_and_elements() {
        let facts = Facts {
            max: Some(65535.into()),
            max_length: Some(2),
            length_of: Some(LengthOf::Items),
            ..Facts::default()
        };
        let ports = param("Ports", Type::Array(Box::new(Type::Integer)), facts);
        assert_eq!(broken(&ports, &json!([80, 443])), None);
        assert_eq!(
            broken(&ports, &json!([80, 443, 8080])).as_deref(),
            Some("gives `Ports` with 3 items (at most 2), outside its documented limits")
        );
        assert_eq!(
            broken(&ports, &json!([80, 70000])).as_deref(),
            Some("gives `Ports` as 70000 in element 1 (range at most 65535), outside its documented limits")
        );
        let facts = Facts { max_length: Some(4), length_of: Some(LengthOf::Bytes), ..Facts::default() };
        let name = param("Name", Type::String, facts);
        assert_eq!(broken(&name, &json!("abcd")), None);
        assert_eq!(
            broken(&name, &json!("名前")).as_deref(),
            Some("gives `Name` 6 bytes long (at most 4), outside its documented limits")
        );
        let facts = Facts { min_length: Some(3), length_of: Some(LengthOf::Chars), ..Facts::default() };
        let names = param("Names", Type::Array(Box::new(Type::String)), facts);
        assert_eq!(broken(&names, &json!(["名前です"])), None);
        assert!(broken(&names, &json!(["名前です", "x"]))
            .unwrap()
            .contains("1 character long in element 1 (at least 3)"));
    }
}
