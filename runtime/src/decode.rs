//! Lenient decoding of replies: the tables say what should come; servers may omit, `null`
//! or reformat it. Every response and structure describes its documented fields
//! ([`Documented`], generated); [`decode_value`] brings a reply to that shape, noting each
//! thing it had to forgive as a [`Deviation`], then deserializes it — which can then no
//! longer fail.
//!
//! What a caller sees for each case is said on [`decode_value`].

use serde_json::{Map, Value};

use crate::wire::{shown, Wire};

/// What a documented value looks like.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// `String`, `Timestamp`, `Date`.
    String,
    /// `Integer`, `Int64`, `UInt64`…
    Integer,
    /// `Float`.
    Float,
    /// `Boolean`.
    Boolean,
    /// Any JSON value (a type the pages do not document).
    Any,
    /// `Array of …`.
    List(&'static Shape),
    /// A structure (or a response): its fields.
    Object(fn() -> &'static [Field]),
    /// A `String` whose page lists every value it takes (a generated enum's `VALUES`): a
    /// value outside them is an `undocumented value`.
    StringIn(&'static [&'static str]),
    /// An `Integer` whose page lists every value it takes.
    IntegerIn(&'static [i64]),
}

/// A documented field of a structure or response.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The wire name: `AddressSet`.
    pub name: &'static str,
    /// What its value looks like.
    pub shape: Shape,
    /// An `Option` in Rust ("may return null", or not required): `null` is expected.
    pub optional: bool,
}

impl Field {
    /// A field (generated code lists them this way, one line each).
    pub const fn new(name: &'static str, shape: Shape, optional: bool) -> Self {
        Field { name, shape, optional }
    }
}

/// A structure or response that knows its documented fields (generated).
pub trait Documented: Wire {
    /// The fields, in page order.
    fn fields() -> &'static [Field];
}

/// What decoding had to forgive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviationKind {
    /// A required field (a plain type in Rust) is missing: the default used.
    Missing,
    /// An optional field (an `Option` in Rust) is missing: `None`.
    Absent,
    /// A required field (not documented as nullable) is `null`.
    Null,
    /// A value in another spelling (`2.0` or `"2"` for an integer, `"true"` for a boolean).
    Reformatted,
    /// A `null` element of a list: skipped.
    NullElement,
    /// One value where a list is documented: taken as a list of one.
    NotAList,
    /// A list of one element where a single value is documented: its element taken.
    AList,
    /// A field the tables do not document: ignored.
    Undocumented,
    /// A value of another kind that cannot stand for the documented one: the default used.
    WrongType,
    /// A value outside the set its page lists: kept (an enum's `Other(..)`).
    UndocumentedValue,
}

impl DeviationKind {
    /// Whether the reply contradicts the tables here: a value plain deserialization would
    /// refuse. An absent optional field and an undocumented field are deviations, not
    /// contradictions.
    pub fn is_contradiction(&self) -> bool {
        !matches!(self, DeviationKind::Absent | DeviationKind::Undocumented)
    }
}

/// One thing decoding forgave: where, what the tables say, what came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    /// `Response.AddressSet[0].AntiDDoSPackageId`.
    pub path: String,
    /// What was forgiven.
    pub kind: DeviationKind,
    /// What the tables document: `Integer`, `a field`…
    pub expected: String,
    /// What came, as JSON (shortened): `"2"`, `null`, `absent`.
    pub found: String,
}

impl std::fmt::Display for Deviation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            DeviationKind::Missing => "missing",
            DeviationKind::Absent => "absent",
            DeviationKind::Null => "null",
            DeviationKind::Reformatted => "reformatted",
            DeviationKind::NullElement => "null element",
            DeviationKind::NotAList => "not a list",
            DeviationKind::AList => "a list",
            DeviationKind::Undocumented => "undocumented",
            DeviationKind::WrongType => "wrong type",
            DeviationKind::UndocumentedValue => "undocumented value",
        };
        write!(f, "{}: {kind}: expected {}, found {}", self.path, self.expected, self.found)
    }
}

/// A decoded value and what decoding forgave.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<T> {
    /// The value, in the documented shape.
    pub value: T,
    /// What had to be forgiven, in the order met.
    pub deviations: Vec<Deviation>,
}

/// Brings `value` (found at `path`, e.g. `Response`) to the documented shape of `T` and
/// deserializes it. Does not fail on any JSON value; should serde still refuse the result,
/// the error is the path and serde's message.
///
/// What a caller sees for each case (a documented field `F` of type `T`):
///
/// | the reply | `F: T` (required) | `F: Option<T>` ("may return null") | deviation |
/// | --- | --- | --- | --- |
/// | `F` missing | `T::default()` (`""`, `0`, `false`, `[]`, a default structure) | `None` | `missing` / `absent` |
/// | `"F": null` | `T::default()` | `None` | `null` (required fields only) |
/// | an integer as `2.0` or `"2"` | `2` | `Some(2)` | `reformatted` |
/// | a float as `"1.5"` | `1.5` | `Some(1.5)` | `reformatted` |
/// | a boolean as `"true"`, `"True"`, `1`, `"0"` | `true` / `false` | `Some(…)` | `reformatted` |
/// | a string as a number or boolean | its JSON text (`"2"`) | `Some("2")` | `reformatted` |
/// | a list with `null` elements | the list without them | | `null element` |
/// | one value where a list is documented | a list of that one value | | `not a list` |
/// | a list of one object where an object is documented | that object | | `a list` |
/// | a field the tables do not document | ignored | ignored | `undocumented` |
/// | a value of another kind (an object for an integer…) | `T::default()` | `None` | `wrong type` |
/// | a value outside the documented set of an enum | `Other(value)` | `Some(Other(value))` | `undocumented value` |
///
/// A value kept as JSON (`serde_json::Value`: a type the pages do not document) is taken
/// as it comes.
pub fn decode_value<T: Documented>(mut value: Value, path: &str) -> Result<Decoded<T>, (String, String)> {
    let mut deviations = Vec::new();
    normalize(&mut value, &Shape::Object(T::fields), &mut path.to_string(), &mut deviations);
    match T::from_wire(&value) {
        Ok(value) => Ok(Decoded { value, deviations }),
        Err(e) if e.path.is_empty() => Err((path.to_string(), e.message)),
        Err(e) => Err((format!("{path}.{}", e.path), e.message)),
    }
}

/// The name of a shape, for messages.
fn describe(shape: &Shape) -> String {
    match shape {
        Shape::String | Shape::StringIn(_) => "String".into(),
        Shape::Integer | Shape::IntegerIn(_) => "Integer".into(),
        Shape::Float => "Float".into(),
        Shape::Boolean => "Boolean".into(),
        Shape::Any => "any value".into(),
        Shape::List(inner) => format!("Array of {}", describe(inner)),
        Shape::Object(_) => "an object".into(),
    }
}

/// The default value of a shape (what a missing required field becomes).
fn default_of(shape: &Shape) -> Value {
    match shape {
        Shape::String | Shape::StringIn(_) => Value::String(String::new()),
        Shape::Integer | Shape::IntegerIn(_) => Value::from(0),
        Shape::Float => Value::from(0.0),
        Shape::Boolean => Value::Bool(false),
        Shape::Any => Value::Null,
        Shape::List(_) => Value::Array(Vec::new()),
        Shape::Object(fields) => {
            let mut map = Map::new();
            for field in fields().iter().filter(|f| !f.optional) {
                map.insert(field.name.to_string(), default_of(&field.shape));
            }
            Value::Object(map)
        }
    }
}

fn note(out: &mut Vec<Deviation>, path: &str, kind: DeviationKind, expected: String, found: String) {
    out.push(Deviation { path: path.to_string(), kind, expected, found });
}

/// Brings a present, non-null value to `shape`; `path` is where it lies.
fn normalize(value: &mut Value, shape: &Shape, path: &mut String, out: &mut Vec<Deviation>) {
    let reformatted = |value: &Value, out: &mut Vec<Deviation>, path: &str| {
        note(out, path, DeviationKind::Reformatted, describe(shape), shown(value));
    };
    match shape {
        Shape::Any => {}
        Shape::StringIn(values) => {
            let before = out.len();
            normalize(value, &Shape::String, path, out);
            let listed = |v: &Value| v.as_str().is_some_and(|s| values.contains(&s));
            if !out[before..].iter().any(|d| d.kind == DeviationKind::WrongType) && !listed(value) {
                note(out, path, DeviationKind::UndocumentedValue, one_of(values), shown(value));
            }
        }
        Shape::IntegerIn(values) => {
            let before = out.len();
            normalize(value, &Shape::Integer, path, out);
            let listed = |v: &Value| v.as_i64().is_some_and(|n| values.contains(&n));
            if !out[before..].iter().any(|d| d.kind == DeviationKind::WrongType) && !listed(value) {
                note(out, path, DeviationKind::UndocumentedValue, one_of(values), shown(value));
            }
        }
        Shape::String => match value {
            Value::String(_) => {}
            Value::Number(_) | Value::Bool(_) => {
                reformatted(value, out, path);
                *value = Value::String(value.to_string());
            }
            _ => wrong_type(value, shape, path, out),
        },
        Shape::Integer => {
            if value.is_i64() {
                return;
            }
            let number = match &*value {
                Value::Number(n) => n.as_f64().filter(|f| f.fract() == 0.0),
                Value::String(s) => s
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .map(|i| i as f64)
                    .or_else(|| s.trim().parse::<f64>().ok().filter(|f| f.fract() == 0.0 && f.is_finite())),
                _ => None,
            };
            match number {
                // An `i64` cannot hold it: the nearest it can, reported.
                Some(n) if value.is_u64() || !(i64::MIN as f64..=i64::MAX as f64).contains(&n) => {
                    note(out, path, DeviationKind::WrongType, "Integer within i64".into(), shown(value));
                    *value = Value::from(if n < 0.0 { i64::MIN } else { i64::MAX });
                }
                Some(n) => {
                    reformatted(value, out, path);
                    *value = Value::from(n as i64);
                }
                None => wrong_type(value, shape, path, out),
            }
        }
        Shape::Float => match &*value {
            Value::Number(_) => {}
            Value::String(s) => match s.trim().parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
                Some(n) => {
                    reformatted(value, out, path);
                    *value = Value::Number(n);
                }
                None => wrong_type(value, shape, path, out),
            },
            _ => wrong_type(value, shape, path, out),
        },
        Shape::Boolean => {
            let truth = match &*value {
                Value::Bool(_) => return,
                Value::Number(n) => match n.as_i64() {
                    Some(1) => Some(true),
                    Some(0) => Some(false),
                    _ => None,
                },
                Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                    "true" | "1" => Some(true),
                    "false" | "0" => Some(false),
                    _ => None,
                },
                _ => None,
            };
            match truth {
                Some(b) => {
                    reformatted(value, out, path);
                    *value = Value::Bool(b);
                }
                None => wrong_type(value, shape, path, out),
            }
        }
        Shape::List(inner) => {
            if !value.is_array() {
                note(out, path, DeviationKind::NotAList, describe(shape), shown(value));
                *value = Value::Array(vec![value.take()]);
            }
            let Value::Array(items) = value else { return };
            let mut kept = Vec::with_capacity(items.len());
            for (index, mut item) in items.drain(..).enumerate() {
                let at = path.len();
                path.push_str(&format!("[{index}]"));
                if item.is_null() && !matches!(inner, Shape::Any) {
                    note(out, path, DeviationKind::NullElement, describe(inner), "null".into());
                } else {
                    normalize(&mut item, inner, path, out);
                    kept.push(item);
                }
                path.truncate(at);
            }
            *items = kept;
        }
        Shape::Object(fields) => {
            let one_object = value.as_array().is_some_and(|items| items.len() == 1 && items[0].is_object());
            if one_object {
                note(out, path, DeviationKind::AList, describe(shape), shown(value));
                *value = value[0].take();
            }
            let Value::Object(map) = value else {
                return wrong_type(value, shape, path, out);
            };
            object(map, fields(), path, out);
        }
    }
}

/// What a value set documents, for messages: `one of CREATING, BIND` (the first ten).
fn one_of<T: std::fmt::Display>(values: &[T]) -> String {
    let mut listed: Vec<String> = values.iter().take(10).map(ToString::to_string).collect();
    if values.len() > 10 {
        listed.push(format!("… ({} values)", values.len()));
    }
    format!("one of {}", listed.join(", "))
}

fn wrong_type(value: &mut Value, shape: &Shape, path: &str, out: &mut Vec<Deviation>) {
    note(out, path, DeviationKind::WrongType, describe(shape), shown(value));
    *value = default_of(shape);
}

/// The documented fields of an object: missing or null ones mended, present ones brought
/// to shape; undocumented ones noted and left for serde to ignore.
fn object(map: &mut Map<String, Value>, fields: &[Field], path: &mut String, out: &mut Vec<Deviation>) {
    for field in fields {
        let at = path.len();
        path.push('.');
        path.push_str(field.name);
        match map.get_mut(field.name) {
            None if field.optional => {
                note(out, path, DeviationKind::Absent, describe(&field.shape), "absent".into());
            }
            None => {
                note(out, path, DeviationKind::Missing, describe(&field.shape), "absent".into());
                map.insert(field.name.to_string(), default_of(&field.shape));
            }
            Some(value) if value.is_null() => {
                if !field.optional && !matches!(field.shape, Shape::Any) {
                    note(out, path, DeviationKind::Null, describe(&field.shape), "null".into());
                    *value = default_of(&field.shape);
                }
            }
            Some(value) => {
                let before = out.len();
                normalize(value, &field.shape, path, out);
                // A value of another kind in an optional field: `None`, not a default.
                let wrong = out[before..].iter().any(|d| d.kind == DeviationKind::WrongType && d.path == *path);
                if field.optional && wrong {
                    *value = Value::Null;
                }
            }
        }
        path.truncate(at);
    }
    for (key, value) in map.iter() {
        if !fields.iter().any(|f| f.name == key) {
            note(out, &format!("{path}.{key}"), DeviationKind::Undocumented, "no such field".into(), shown(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::wire_struct;
    use serde_json::json;

    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        id: String,
        port: Option<i64>,
    }

    wire_struct!(Inner { id: "Id", port: "Port" });

    impl Documented for Inner {
        fn fields() -> &'static [Field] {
            const FIELDS: &[Field] = &[
                Field { name: "Id", shape: Shape::String, optional: false },
                Field { name: "Port", shape: Shape::Integer, optional: true },
            ];
            FIELDS
        }
    }

    #[derive(Debug, Default, PartialEq)]
    struct Reply {
        total: i64,
        ratio: f64,
        on: bool,
        set: Vec<Inner>,
        one: Inner,
        note: Option<String>,
        request_id: String,
    }

    wire_struct!(Reply {
        total: "Total",
        ratio: "Ratio",
        on: "On",
        set: "Set",
        one: "One",
        note: "Note",
        request_id: "RequestId"
    });

    impl Documented for Reply {
        fn fields() -> &'static [Field] {
            const FIELDS: &[Field] = &[
                Field { name: "Total", shape: Shape::Integer, optional: false },
                Field { name: "Ratio", shape: Shape::Float, optional: false },
                Field { name: "On", shape: Shape::Boolean, optional: false },
                Field { name: "Set", shape: Shape::List(&Shape::Object(Inner::fields)), optional: false },
                Field { name: "One", shape: Shape::Object(Inner::fields), optional: false },
                Field { name: "Note", shape: Shape::String, optional: true },
                Field { name: "RequestId", shape: Shape::String, optional: false },
            ];
            FIELDS
        }
    }

    fn paths(d: &Decoded<Reply>) -> Vec<String> {
        d.deviations.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_reply_as_documented_has_no_deviation() {
        let reply = json!({"Total": 2, "Ratio": 0.5, "On": true, "Set": [{"Id": "a", "Port": 80}],
            "One": {"Id": "b"}, "Note": null, "RequestId": "r"});
        let d = decode_value::<Reply>(reply, "Response").unwrap();
        // A missing optional field is still reported (`Port` of `One`).
        assert_eq!(paths(&d), ["Response.One.Port: absent: expected Integer, found absent"]);
        assert!(!d.deviations.iter().any(|d| d.kind.is_contradiction()));
        assert_eq!(d.value.set[0].port, Some(80));
        assert_eq!(d.value.note, None);
    }

    #[test]
    fn every_case_of_the_table_is_forgiven_and_reported() {
        let reply = json!({"Total": "2", "Ratio": "1.5", "On": "True", "Set": [null, {"Id": 7, "Port": 2.0, "X": 1}],
            "One": [{"Id": "b", "Port": null}], "RequestId": null, "Extra": {"A": 1}});
        let d = decode_value::<Reply>(reply, "Response").unwrap();
        assert_eq!(
            d.value,
            Reply {
                total: 2,
                ratio: 1.5,
                on: true,
                set: vec![Inner { id: "7".into(), port: Some(2) }],
                one: Inner { id: "b".into(), port: None },
                note: None,
                request_id: String::new(),
            }
        );
        assert_eq!(
            paths(&d),
            [
                "Response.Total: reformatted: expected Integer, found \"2\"",
                "Response.Ratio: reformatted: expected Float, found \"1.5\"",
                "Response.On: reformatted: expected Boolean, found \"True\"",
                "Response.Set[0]: null element: expected an object, found null",
                "Response.Set[1].Id: reformatted: expected String, found 7",
                "Response.Set[1].Port: reformatted: expected Integer, found 2.0",
                "Response.Set[1].X: undocumented: expected no such field, found 1",
                "Response.One: a list: expected an object, found [{\"Id\":\"b\",\"Port\":null}]",
                "Response.Note: absent: expected String, found absent",
                "Response.RequestId: null: expected String, found null",
                "Response.Extra: undocumented: expected no such field, found {\"A\":1}",
            ]
        );
    }

    #[test]
    fn missing_and_wrong_values_become_defaults() {
        let reply = json!({"On": 1, "Set": {"Id": "x"}, "One": "nope", "Ratio": 3});
        let d = decode_value::<Reply>(reply, "Response").unwrap();
        assert_eq!((d.value.total, d.value.ratio, d.value.on), (0, 3.0, true));
        assert_eq!(d.value.set, [Inner { id: "x".into(), port: None }]);
        assert_eq!(d.value.one, Inner::default());
        let kinds: Vec<(&str, &DeviationKind)> = d.deviations.iter().map(|d| (d.path.as_str(), &d.kind)).collect();
        assert!(kinds.contains(&("Response.Total", &DeviationKind::Missing)));
        assert!(kinds.contains(&("Response.Set", &DeviationKind::NotAList)));
        assert!(kinds.contains(&("Response.One", &DeviationKind::WrongType)));
        assert!(kinds.contains(&("Response.On", &DeviationKind::Reformatted)));
        // A value of another kind in an optional field: `None`.
        let reply = json!({"Note": {"x": 1}, "One": {"Id": "a", "Port": [1, 2]}});
        let d = decode_value::<Reply>(reply, "Response").unwrap();
        assert_eq!((d.value.note, d.value.one.port), (None, None));
        // Not an object at all: every required field defaulted, nothing fails.
        let d = decode_value::<Reply>(json!("text"), "Response").unwrap();
        assert_eq!(d.value, Reply::default());
    }

    /// A generated enum of a closed value set.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum State {
        Bind,
        Other(String),
    }

    crate::enums::string_enum!(State { Bind = "BIND" });

    #[derive(Debug, Default, PartialEq)]
    struct Stated {
        state: State,
        states: Vec<State>,
        code: Option<i64>,
    }

    wire_struct!(Stated { state: "State", states: "States", code: "Code" });

    impl Documented for Stated {
        fn fields() -> &'static [Field] {
            const FIELDS: &[Field] = &[
                Field { name: "State", shape: Shape::StringIn(State::VALUES), optional: false },
                Field { name: "States", shape: Shape::List(&Shape::StringIn(State::VALUES)), optional: false },
                Field { name: "Code", shape: Shape::IntegerIn(&[0, 1]), optional: true },
            ];
            FIELDS
        }
    }

    #[test]
    fn a_value_outside_its_documented_set_is_kept_and_reported() {
        let d =
            decode_value::<Stated>(json!({"State": "GONE", "States": ["BIND", "X"], "Code": "7"}), "Response").unwrap();
        assert_eq!(d.value.state, State::Other("GONE".into()));
        assert_eq!(d.value.states, [State::Bind, State::Other("X".into())]);
        assert_eq!(d.value.code, Some(7));
        let shown: Vec<String> = d.deviations.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "Response.State: undocumented value: expected one of BIND, found \"GONE\"",
                "Response.States[1]: undocumented value: expected one of BIND, found \"X\"",
                "Response.Code: reformatted: expected Integer, found \"7\"",
                "Response.Code: undocumented value: expected one of 0, 1, found 7",
            ]
        );
        assert!(d.deviations.iter().all(|d| d.kind.is_contradiction()));
        // Documented values, and a value of another kind (reported as such, not twice).
        let d = decode_value::<Stated>(json!({"State": "BIND", "States": [], "Code": 1}), "Response").unwrap();
        assert!(d.deviations.is_empty(), "{:?}", d.deviations);
        let d = decode_value::<Stated>(json!({"State": {}, "States": ["BIND"], "Code": [1]}), "Response").unwrap();
        let kinds: Vec<&DeviationKind> = d.deviations.iter().map(|d| &d.kind).collect();
        assert_eq!(kinds, [&DeviationKind::WrongType, &DeviationKind::WrongType]);
        assert!(d.value.state.is_empty() && !d.value.state.is_documented() && d.value.code.is_none());
    }

    #[test]
    fn an_integer_beyond_i64_is_clamped_and_reported() {
        let reply = json!({"Total": u64::MAX, "Ratio": 1, "On": false, "Set": [], "One": {"Id": ""}, "RequestId": "r"});
        let d = decode_value::<Reply>(reply, "Response").unwrap();
        assert_eq!(d.value.total, i64::MAX);
        assert_eq!(
            d.deviations[0].to_string(),
            "Response.Total: wrong type: expected Integer within i64, found 18446744073709551615"
        );
    }
}
