//! Values of an example outside the closed value set its page documents ("Valid values:
//! CREATING, BIND…"): a contradiction of the page by its own example. The generated code
//! still takes them (an enum's `Other`); decoding a reply reports them as `undocumented
//! value`, so an output holding one does not fit its tables.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::ir::{DataType, Param, Type};

/// Records, as `gives `X` as …` sentences, every value of `value` (an object with these
/// fields, at `path`) outside the closed value set of its field, looking into structures
/// and lists. A value is read as decoding reads it: a number where a string is documented
/// is its text, an integer written `"2"` or `2.0` is `2`; a value of another kind is left
/// to the type checks.
pub(super) fn outside_sets(
    value: &Value,
    fields: &[Param],
    types: &BTreeMap<String, DataType>,
    path: &str,
    out: &mut Vec<String>,
) {
    let Value::Object(map) = value else { return };
    for field in fields {
        let Some(v) = map.get(&field.name).filter(|v| !v.is_null()) else { continue };
        let at = format!("{path}{}", field.name);
        if field.value_set_is_closed() {
            let Some(set) = field.value_set() else { continue };
            let items: Vec<(String, &Value)> = match (v, &field.ty) {
                (Value::Array(items), Type::Array(_)) => {
                    items.iter().enumerate().map(|(i, item)| (format!("{at}[{i}]"), item)).collect()
                }
                _ => vec![(at.clone(), v)],
            };
            for (at, item) in items {
                let Some(read) = as_decoded(item, &set) else { continue };
                if !set.contains(&read) {
                    let listed = set.texts().join(", ");
                    out.push(format!("gives `{at}` as {item}, which is not among its documented values ({listed})"));
                }
            }
            continue;
        }
        let Some(dt) = field.ty.struct_name().and_then(|n| types.get(n)) else { continue };
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    outside_sets(item, &dt.fields, types, &format!("{at}[{i}]."), out);
                }
            }
            other => outside_sets(other, &dt.fields, types, &format!("{at}."), out),
        }
    }
}

/// A value as lenient decoding brings it to the set's type, if it can.
fn as_decoded(value: &Value, set: &crate::ir::value_set::ValueSet) -> Option<Value> {
    match set {
        crate::ir::value_set::ValueSet::Strings(_) => match value {
            Value::String(_) => Some(value.clone()),
            Value::Number(_) | Value::Bool(_) => Some(Value::String(value.to_string())),
            _ => None,
        },
        crate::ir::value_set::ValueSet::Integers(_) => {
            let n = match value {
                Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
                Value::String(s) => s.trim().parse::<i64>().ok(),
                _ => None,
            };
            n.map(Value::from)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{AllowedValue, Facts};
    use serde_json::json;

    fn param(name: &str, ty: Type, values: &[Value], complete: Option<bool>) -> Param {
        let allowed = values.iter().map(|v| AllowedValue { value: v.clone(), meaning: String::new() }).collect();
        Param {
            facts: Facts {
                allowed_values: (!values.is_empty()).then_some(allowed),
                allowed_values_complete: complete,
                ..Facts::default()
            },
            ..Param::sample(name, ty)
        }
    }

    #[test]
    fn values_outside_closed_sets_are_found_where_they_are() {
        let state = param("State", Type::String, &[json!("BIND"), json!("UNBIND")], Some(true));
        let item = DataType {
            name: "Item".into(),
            rust_name: "Item".into(),
            description: String::new(),
            has_required_column: false,
            fields: vec![state.clone()],
        };
        let types = BTreeMap::from([("Item".to_string(), item)]);
        let fields = vec![
            param("Mode", Type::Integer, &[json!(0), json!(1)], None),
            param("Kinds", Type::Array(Box::new(Type::String)), &[json!("a")], Some(true)),
            param("Open", Type::String, &[json!("x")], Some(false)),
            param("Items", Type::Array(Box::new(Type::Struct("Item".into()))), &[], None),
            param("Enabled", Type::Boolean, &[json!(true), json!(false)], Some(true)),
        ];
        let example = json!({"Mode": "2", "Kinds": ["a", "b"], "Open": "y", "Enabled": 1,
            "Items": [{"State": "BIND"}, {"State": "GONE"}]});
        let mut out = Vec::new();
        outside_sets(&example, &fields, &types, "Response.", &mut out);
        assert_eq!(
            out,
            [
                "gives `Response.Mode` as \"2\", which is not among its documented values (0, 1)",
                "gives `Response.Kinds[1]` as \"b\", which is not among its documented values (a)",
                "gives `Response.Items[1].State` as \"GONE\", which is not among its documented values (BIND, UNBIND)",
            ]
        );
        // Documented values, in the spellings decoding forgives, are no contradiction.
        let mut out = Vec::new();
        outside_sets(&json!({"Mode": 1.0, "Kinds": [], "Items": {"State": "UNBIND"}}), &fields, &types, "", &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
