//! The normalised equality of two IRs: both are turned into JSON, the fields a variant
//! removed are left out (and descriptions folded when the kind asks), and what differs
//! is listed as short paths (`DescribeVpcs.output[2].name: "X" vs "Y"`).

use codegen::ir::Api;
use serde_json::Value;

use super::kind::Kind;

/// One difference: the action it lies in (none for structures and product-wide error
/// codes), and the path with both values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The action the difference lies in.
    pub action: Option<String>,
    /// `DescribeVpcs.output[2].name: "X" vs "Y"`.
    pub text: String,
}

/// The IR as JSON, normalised for `kind`.
pub fn normalised(api: &Api, kind: Kind) -> Value {
    let mut value = serde_json::to_value(api).unwrap_or(Value::Null);
    if let Some(actions) = value.get_mut("actions").and_then(Value::as_object_mut) {
        for action in actions.values_mut() {
            if let Some(action) = action.as_object_mut() {
                for field in kind.removed_fields() {
                    action.remove(*field);
                }
            }
        }
    }
    if kind.folds_white_space() {
        fold(&mut value, false);
    }
    value
}

/// Folds the white space of every `description`.
fn fold(value: &mut Value, is_description: bool) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                fold(v, key == "description");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| fold(v, false)),
        Value::String(s) if is_description => *s = s.split_whitespace().collect::<Vec<_>>().join(" "),
        _ => {}
    }
}

/// What differs between the original's IR and the variant's, for `kind`.
pub fn differences(original: &Api, variant: &Api, kind: Kind) -> Vec<Difference> {
    let (a, b) = (normalised(original, kind), normalised(variant, kind));
    let mut out = Vec::new();
    walk(&a, &b, &mut Vec::new(), &mut out);
    out
}

fn short(value: Option<&Value>) -> String {
    let text = match value {
        None => return "missing".to_string(),
        Some(v) => v.to_string(),
    };
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text
    }
}

fn render(path: &[String]) -> (Option<String>, String) {
    let mut out = String::new();
    let mut action = None;
    let mut parts = path.iter().peekable();
    if path.first().is_some_and(|p| p == "actions") {
        parts.next();
        action = parts.next().cloned();
        out.push_str(action.as_deref().unwrap_or(""));
    }
    for part in parts {
        if part.starts_with('[') || out.is_empty() {
            out.push_str(part);
        } else {
            out.push('.');
            out.push_str(part);
        }
    }
    (action, out)
}

fn walk(a: &Value, b: &Value, path: &mut Vec<String>, out: &mut Vec<Difference>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                path.push(key.clone());
                match (x.get(key), y.get(key)) {
                    (Some(u), Some(v)) => walk(u, v, path, out),
                    (u, v) => push(path, u, v, out),
                }
                path.pop();
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                path.push(format!("[{i}]"));
                walk(u, v, path, out);
                path.pop();
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            // Name the first entry that differs, then the lengths.
            let first = x.iter().zip(y).position(|(u, v)| u != v).unwrap_or(x.len().min(y.len()));
            path.push(format!("[{first}]"));
            push(path, x.get(first), y.get(first), out);
            path.pop();
            let (action, at) = render(path);
            out.push(Difference { action, text: format!("{at}: {} entries vs {}", x.len(), y.len()) });
        }
        _ if a == b => {}
        _ => push(path, Some(a), Some(b), out),
    }
}

fn push(path: &[String], a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Difference>) {
    let (action, at) = render(path);
    out.push(Difference { action, text: format!("{at}: {} vs {}", short(a), short(b)) });
}
