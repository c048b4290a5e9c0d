//! Examples: a `POST` request with a JSON body (or the bare body), or a `GET` URL whose
//! query lines (`&Filters.0.Name=vpc-id`) are turned into JSON using the parameters'
//! types. What cannot be read is an [`ExampleError`]: a documentation defect, reported as
//! a warning by the caller, never a reason to stop.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::ir::{DataType, InputForm, Param, Type, UNWRAPPED_OUTPUT};

/// Common parameters that examples carry but request structs do not.
const COMMON: &[&str] = &["Action", "Version", "Region"];

/// Why an example could not be read: a message without positions (the same for every
/// form of the page), and the line within the example's code (0-based) where the problem
/// is, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleError {
    pub message: String,
    pub line: usize,
}

impl ExampleError {
    fn at_start(message: String) -> Self {
        ExampleError { message, line: 0 }
    }

    /// A JSON error in text that starts `offset` lines into the code.
    pub fn json(what: &str, e: &serde_json::Error, offset: usize) -> Self {
        ExampleError {
            message: format!("{what} is not JSON: {}", json_message(e)),
            line: offset + e.line().saturating_sub(1),
        }
    }
}

/// serde_json's message without its ` at line L column C` suffix.
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_string(),
        _ => text,
    }
}

/// Parses an example's input code into JSON.
pub fn input(
    code: &str,
    params: &[Param],
    types: &BTreeMap<String, DataType>,
) -> Result<(InputForm, Value), ExampleError> {
    let first = code.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    // A bare JSON object is a POST body shown without its request line and headers.
    let bare_body = first.starts_with('{');
    if first.starts_with("POST ") || bare_body {
        let start = match code.find("\n\n") {
            _ if bare_body => 0,
            Some(at) => at + 2,
            None => code.find('{').unwrap_or(code.len()),
        };
        let offset = code[..start].matches('\n').count();
        let body = &code[start..];
        let mut value: Value = if body.trim().is_empty() {
            Value::Object(Map::new())
        } else {
            parse_json(body).map_err(|e| ExampleError::json("request body", &e, offset))?
        };
        match &mut value {
            Value::Object(map) => COMMON.iter().for_each(|c| {
                map.remove(*c);
            }),
            _ => return Err(ExampleError { message: "request body is not a JSON object".to_string(), line: offset }),
        }
        Ok((InputForm::Post, value))
    } else if first.starts_with("http://") || first.starts_with("https://") || first.starts_with("GET ") {
        Ok((InputForm::Get, query(code, params, types).map_err(ExampleError::at_start)?))
    } else {
        Err(ExampleError::at_start(format!(
            "input is neither a `POST / HTTP/1.1` request nor a GET URL: it starts `{}`",
            first.chars().take(40).collect::<String>().replace('`', "'")
        )))
    }
}

/// Parses example JSON. Pages sometimes break a long string over several lines, leave a
/// trailing comma or forget the comma at the end of a line, which JSON forbids; such
/// examples are read as meant (see [`repair_json`]).
pub fn parse_json(code: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(code).or_else(|strict| serde_json::from_str(&repair_json(code)).map_err(|_| strict))
}

/// Mends what pages get wrong in JSON, in one pass that knows when it is inside a string:
/// raw control characters (line breaks, tabs) inside strings are escaped, commas standing
/// outside strings right before `}` or `]` are dropped, and a missing comma at the end of
/// a line is put back: a line ending a value (`"…"`, a number, `true`, `false`, `null`,
/// `}`, `]`) followed by a line starting one (`"`, `{`, `[`). Whatever is still wrong
/// stays wrong: the caller only takes the repair when it parses.
pub fn repair_json(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let (mut in_string, mut escaped) = (false, false);
    // The last character outside whitespace that ended a value, while none followed it.
    let mut value_ended = false;
    for (i, &c) in chars.iter().enumerate() {
        if !in_string && c == '\n' && value_ended {
            let next = chars[i + 1..].iter().find(|n| !n.is_whitespace());
            if next.is_some_and(|n| matches!(n, '"' | '{' | '[')) {
                out.push(',');
                value_ended = false;
            }
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            } else if (c as u32) < 0x20 {
                match c {
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    other => out.push_str(&format!("\\u{:04x}", other as u32)),
                }
                continue;
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' && chars[i + 1..].iter().find(|n| !n.is_whitespace()).is_some_and(|n| matches!(n, '}' | ']'))
        {
            continue;
        }
        if in_string {
            value_ended = false;
        } else if !c.is_whitespace() {
            // A closing quote, a digit, the end of a literal or of a container ends a value.
            value_ended = c == '"' || c.is_ascii_digit() || matches!(c, 'e' | 'l' | '}' | ']');
        }
        out.push(c);
    }
    out
}

/// Parses an example's output code: a JSON object with a `Response` object. An object
/// without that wrapper is a defect: still used (wrapped, with a note for the warning)
/// when it carries `RequestId` (every response does, so it can only be the response
/// itself), otherwise an error.
pub fn output(code: &str) -> Result<(Value, Option<&'static str>), ExampleError> {
    let value: Value = parse_json(code).map_err(|e| ExampleError::json("output", &e, 0))?;
    match &value {
        Value::Object(map) if map.contains_key("Response") => Ok((value, None)),
        Value::Object(map) if map.contains_key("RequestId") => {
            Ok((Value::Object(Map::from_iter([("Response".to_string(), value)])), Some(UNWRAPPED_OUTPUT)))
        }
        Value::Object(_) => Err(ExampleError::at_start("output has no `Response` object".to_string())),
        _ => Err(ExampleError::at_start("output is not a JSON object".to_string())),
    }
}

/// The `key=value` pairs of a GET example, common parameters left out.
fn pairs(code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in code.lines() {
        let line = line.trim();
        let query = match line.split_once('?') {
            Some((_, q)) if line.starts_with("http") || line.starts_with("GET ") => q,
            _ => line,
        };
        for part in query.split('&') {
            let part = part.trim();
            if part.is_empty() || part.starts_with('<') {
                continue;
            }
            if let Some((k, v)) = part.split_once('=') {
                if !COMMON.contains(&k) {
                    out.push((percent_decode(k), percent_decode(v)));
                }
            }
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What the next path segment is looked up in.
#[derive(Clone, Copy)]
enum Scope<'a> {
    Fields(&'a [Param]),
    Of(&'a Type),
    Unknown,
}

fn query(code: &str, params: &[Param], types: &BTreeMap<String, DataType>) -> Result<Value, String> {
    let mut root = Value::Object(Map::new());
    for (key, value) in pairs(code) {
        let path: Vec<&str> = key.split('.').collect();
        insert(&mut root, &path, &value, Scope::Fields(params), types)
            .map_err(|e| format!("query key `{key}`: {e}"))?;
    }
    Ok(root)
}

fn field_type<'a>(scope: Scope<'a>, name: &str, types: &'a BTreeMap<String, DataType>) -> Scope<'a> {
    let fields = match scope {
        Scope::Fields(fields) => fields,
        Scope::Of(Type::Struct(s)) => match types.get(s) {
            Some(dt) => &dt.fields[..],
            None => return Scope::Unknown,
        },
        _ => return Scope::Unknown,
    };
    fields.iter().find(|p| p.name == name).map_or(Scope::Unknown, |p| Scope::Of(&p.ty))
}

fn insert(
    target: &mut Value,
    path: &[&str],
    value: &str,
    scope: Scope<'_>,
    types: &BTreeMap<String, DataType>,
) -> Result<(), String> {
    let Some((head, rest)) = path.split_first() else {
        *target = leaf(value, scope);
        return Ok(());
    };
    if let Ok(index) = head.parse::<usize>() {
        if target.is_null() {
            *target = Value::Array(Vec::new());
        }
        let Value::Array(items) = target else { return Err(format!("`{head}` indexes a value that is not a list")) };
        if index > items.len() + 1000 {
            return Err(format!("index {index} is out of range"));
        }
        while items.len() <= index {
            items.push(Value::Null);
        }
        let inner = match scope {
            Scope::Of(Type::Array(inner)) => Scope::Of(inner),
            _ => Scope::Unknown,
        };
        return insert(&mut items[index], rest, value, inner, types);
    }
    if target.is_null() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(map) = target else {
        return Err(format!("`{head}` names a field of a value that is not an object"));
    };
    let next = field_type(scope, head, types);
    insert(map.entry(head.to_string()).or_insert(Value::Null), rest, value, next, types)
}

/// A query value as JSON, typed by its parameter when known.
fn leaf(value: &str, scope: Scope<'_>) -> Value {
    match scope {
        Scope::Of(Type::Integer) => {
            value.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::String(value.to_string()))
        }
        Scope::Of(Type::Float) => value
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(value.to_string())),
        Scope::Of(Type::Boolean) => match value.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(value.to_string()),
        },
        _ => Value::String(value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(name: &str, ty: Type) -> Param {
        Param { ..Param::sample(name, ty) }
    }

    #[test]
    fn post_body() {
        let code = "POST / HTTP/1.1\nHost: vpc.intl.tencentcloudapi.com\nX-TC-Action: AssociateAddress\n<Common request parameters>\n\n{\n    \"InstanceId\": \"ins-1\",\n    \"AddressId\": \"eip-1\"\n}";
        let (form, value) = input(code, &[], &BTreeMap::new()).unwrap();
        assert_eq!(form, InputForm::Post);
        assert_eq!(value, serde_json::json!({"InstanceId": "ins-1", "AddressId": "eip-1"}));
    }

    #[test]
    fn get_query_is_typed() {
        let params = vec![
            param("AddressIds", Type::Array(Box::new(Type::String))),
            param("Limit", Type::Integer),
            param("Flag", Type::Boolean),
            param("Filters", Type::Array(Box::new(Type::Struct("Filter".into())))),
        ];
        let code = "https://vpc.tencentcloudapi.com/?Action=DescribeAddresses\n&AddressIds.0=eip-1\n&AddressIds.1=eip%2D2\n&Limit=20\n&Flag=TRUE\n&Filters.0.Name=vpc-id\n&Filters.0.Values.0=vpc-1\n&<Common request parameters>";
        let (form, value) = input(code, &params, &BTreeMap::new()).unwrap();
        assert_eq!(form, InputForm::Get);
        assert_eq!(
            value,
            serde_json::json!({"AddressIds": ["eip-1", "eip-2"], "Limit": 20, "Flag": true, "Filters": [{"Name": "vpc-id", "Values": ["vpc-1"]}]})
        );
    }

    #[test]
    fn line_breaks_inside_strings_are_read_as_escapes() {
        let (value, _) = output("{\"Response\": {\"Text\": \"# a\n# b\", \"RequestId\": \"r\"}}").unwrap();
        assert_eq!(value["Response"]["Text"], "# a\n# b");
        assert_eq!(
            parse_json("{\"a\": [1, 2,\n], \"b\": \",]\",\n}").unwrap(),
            serde_json::json!({"a": [1, 2], "b": ",]"})
        );
        assert_eq!(repair_json("{\"a\\\"\tb\": 1}\n"), "{\"a\\\"\\tb\": 1}\n");
    }

    #[test]
    fn missing_commas_at_line_ends_are_put_back() {
        let code = "{\n  \"a\": \"x\"\n  \"b\": [1, 2]\n  \"c\": {\"d\": true}\n  \"e\": null\n  \"f\": 3\n}";
        assert_eq!(
            parse_json(code).unwrap(),
            serde_json::json!({"a": "x", "b": [1, 2], "c": {"d": true}, "e": null, "f": 3})
        );
        assert_eq!(parse_json("[\n{\"a\": 1}\n{\"a\": 2}\n]").unwrap(), serde_json::json!([{"a": 1}, {"a": 2}]));
        // Inside strings nothing is added; a line break there is an escape.
        assert_eq!(parse_json("{\"a\": \"x\n\"}").unwrap(), serde_json::json!({"a": "x\n"}));
        // Only where a value ends and the next begins: a key without its colon stays wrong.
        assert!(parse_json("{\n  \"a\"\n  \"b\": 1\n}").is_err());
        assert!(parse_json("{\n  \"a\": 1\n  b: 2\n}").is_err());
    }

    #[test]
    fn a_bare_body_is_a_post_body() {
        let (form, value) =
            input("{\n  \"AddressId\": \"eip-1\",\n  \"Region\": \"ap-guangzhou\"\n}", &[], &BTreeMap::new()).unwrap();
        assert_eq!(form, InputForm::Post);
        assert_eq!(value, serde_json::json!({"AddressId": "eip-1"}));
    }

    #[test]
    fn outputs_without_the_response_wrapper() {
        let (value, note) = output("{\"RequestId\": \"r\", \"Total\": 1}").unwrap();
        assert_eq!(value, serde_json::json!({"Response": {"RequestId": "r", "Total": 1}}));
        assert_eq!(note, Some(UNWRAPPED_OUTPUT));
        let err = output("{\n  \"result\": true\n}").unwrap_err();
        assert_eq!(err, ExampleError { message: "output has no `Response` object".into(), line: 0 });
        assert_eq!(output("[1]").unwrap_err().message, "output is not a JSON object");
    }

    #[test]
    fn bad_examples_are_errors_without_positions() {
        let err = input("POST / HTTP/1.1\nHost: x\n\n{\n  \"A\": 1,\n  nope\n}", &[], &BTreeMap::new()).unwrap_err();
        assert_eq!(err, ExampleError { message: "request body is not JSON: key must be a string".into(), line: 5 });
        let err = input("something else", &[], &BTreeMap::new()).unwrap_err();
        assert_eq!(
            err.message,
            "input is neither a `POST / HTTP/1.1` request nor a GET URL: it starts `something else`"
        );
        assert!(input("POST / HTTP/1.1\n\n[1]", &[], &BTreeMap::new()).is_err());
        let err = input("https://x/?A.0=1&A.x=2", &[], &BTreeMap::new()).unwrap_err();
        assert_eq!(err.message, "query key `A.x`: `x` names a field of a value that is not an object");
        assert!(output("{\"NoResponse\": 1}").is_err());
        let err = output("{\n  \"Response\": {\n    \"A\": 1 2\n  }\n}").unwrap_err();
        assert_eq!(err, ExampleError { message: "output is not JSON: expected `,` or `}`".into(), line: 2 });
        assert!(input("https://x/?A.99999999=1", &[], &BTreeMap::new()).is_err());
    }
}
