//! The JSON form of generated types, by shared code instead of per-type serde derives.
//!
//! Every generated request, response and structure implements [`Wire`] with one line per
//! field (`fields.read("AddressId")`, `object.put("AddressId", &self.address_id)`), and
//! `serde::Serialize` / `serde::Deserialize` through it (the crate's `serde_by_wire!` macro). A derive
//! expands to a visitor, a field enum and a sequence reader per type; measured on a
//! 700-structure crate, `cargo check` took 30 s with derives and 7 s this way (the whole
//! VPC crate: see the README's "Build cost").
//!
//! Reading is as strict as a serde derive of the same type: a required field missing or
//! `null` is an error, a value of another JSON kind is an error, an integer must fit `i64`,
//! a structure must be a JSON object; fields nobody documents are ignored. (Replies from
//! servers are first brought to the documented shape by [`crate::decode_value`], which
//! forgives and reports; this reading is what is left.) Errors name where they are:
//! `AddressSet[0].AddressId: expected a string, found 2`.
//!
//! Writing gives a JSON object with the documented wire names; an `Option` that is `None`
//! is left out. Keys come out in `serde_json`'s map order (sorted, unless a crate in the
//! build enables its `preserve_order` feature); JSON objects are unordered.

use serde_json::{Map, Value};

/// A type with a JSON form (generated for requests, responses and structures).
pub trait Wire: Sized {
    /// The JSON form.
    fn to_wire(&self) -> Value;

    /// Reads the JSON form; as strict as a serde derive of the same type.
    fn from_wire(value: &Value) -> Result<Self, WireError>;

    /// The value of a field that is missing from its object: `None` for an `Option`; an
    /// error (`None` here) for anything else.
    fn when_missing() -> Option<Self> {
        None
    }

    /// Whether the field is left out when written (an `Option` that is `None`).
    fn is_left_out(&self) -> bool {
        false
    }
}

/// Why a JSON value is not the documented type, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    /// Where, from the value read: `AddressSet[0].AddressId` (empty: the value itself).
    pub path: String,
    /// What is wrong: `expected a string, found 2`.
    pub message: String,
}

impl WireError {
    fn expected(what: &str, found: &Value) -> Self {
        WireError { path: String::new(), message: format!("expected {what}, found {}", shown(found)) }
    }

    /// The same error, one step further out (`Name` or `[3]`).
    fn within(mut self, step: &str) -> Self {
        self.path = if self.path.is_empty() {
            step.to_string()
        } else if self.path.starts_with('[') {
            format!("{step}{}", self.path)
        } else {
            format!("{step}.{}", self.path)
        };
        self
    }
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for WireError {}

/// A value, as JSON, shortened for messages.
pub(crate) fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

impl Wire for String {
    fn to_wire(&self) -> Value {
        Value::String(self.clone())
    }

    fn from_wire(value: &Value) -> Result<Self, WireError> {
        value.as_str().map(str::to_string).ok_or_else(|| WireError::expected("a string", value))
    }
}

impl Wire for i64 {
    fn to_wire(&self) -> Value {
        Value::from(*self)
    }

    fn from_wire(value: &Value) -> Result<Self, WireError> {
        value.as_i64().ok_or_else(|| WireError::expected("an integer (i64)", value))
    }
}

impl Wire for f64 {
    fn to_wire(&self) -> Value {
        Value::from(*self)
    }

    fn from_wire(value: &Value) -> Result<Self, WireError> {
        value.as_f64().ok_or_else(|| WireError::expected("a number", value))
    }
}

impl Wire for bool {
    fn to_wire(&self) -> Value {
        Value::Bool(*self)
    }

    fn from_wire(value: &Value) -> Result<Self, WireError> {
        value.as_bool().ok_or_else(|| WireError::expected("a boolean", value))
    }
}

/// Any JSON value: a type the pages do not document.
impl Wire for Value {
    fn to_wire(&self) -> Value {
        self.clone()
    }

    fn from_wire(value: &Value) -> Result<Self, WireError> {
        Ok(value.clone())
    }
}

impl<T: Wire> Wire for Option<T> {
    fn to_wire(&self) -> Value {
        self.as_ref().map_or(Value::Null, Wire::to_wire)
    }

    fn from_wire(value: &Value) -> Result<Self, WireError> {
        match value {
            Value::Null => Ok(None),
            value => T::from_wire(value).map(Some),
        }
    }

    fn when_missing() -> Option<Self> {
        Some(None)
    }

    fn is_left_out(&self) -> bool {
        self.is_none()
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn to_wire(&self) -> Value {
        Value::Array(self.iter().map(Wire::to_wire).collect())
    }

    fn from_wire(value: &Value) -> Result<Self, WireError> {
        let items = value.as_array().ok_or_else(|| WireError::expected("a list", value))?;
        items.iter().enumerate().map(|(i, item)| T::from_wire(item).map_err(|e| e.within(&format!("[{i}]")))).collect()
    }
}

impl<T: Wire> Wire for Box<T> {
    fn to_wire(&self) -> Value {
        (**self).to_wire()
    }

    fn from_wire(value: &Value) -> Result<Self, WireError> {
        T::from_wire(value).map(Box::new)
    }

    fn when_missing() -> Option<Self> {
        T::when_missing().map(Box::new)
    }

    fn is_left_out(&self) -> bool {
        (**self).is_left_out()
    }
}

/// The fields of a JSON object being read into a structure (generated `from_wire`):
///
/// ```ignore
/// let fields = crate::wire::Fields::of(value)?;
/// fields.done(Self { address_id: fields.read("AddressId"), limit: fields.read("Limit") })
/// ```
///
/// [`Fields::read`] gives each field, or its type's default after remembering the first
/// error; [`Fields::done`] gives the structure, or that error. The same result as one `?`
/// per field, for much less to compile: each `?` is a `Try` desugaring rustc type-checks
/// and borrow-checks on its own, and with one per field, reading was a tenth of the VPC
/// crate's whole `cargo check` (README, "Build cost").
#[derive(Debug)]
pub struct Fields<'a> {
    object: &'a Map<String, Value>,
    first_error: std::cell::RefCell<Option<WireError>>,
}

impl<'a> Fields<'a> {
    /// The object's fields; an error if `value` is not an object.
    pub fn of(value: &'a Value) -> Result<Self, WireError> {
        match value.as_object() {
            Some(object) => Ok(Fields { object, first_error: std::cell::RefCell::new(None) }),
            None => Err(WireError::expected("an object", value)),
        }
    }

    /// The field `name` as `T`: an error names the field (and what lies below it).
    pub fn get<T: Wire>(&self, name: &str) -> Result<T, WireError> {
        match self.object.get(name) {
            Some(value) => T::from_wire(value).map_err(|e| e.within(name)),
            None => T::when_missing()
                .ok_or_else(|| WireError { path: name.to_string(), message: "missing (required)".to_string() }),
        }
    }

    /// The field `name` as `T`; on an error, `T::default()` and the error kept for
    /// [`Fields::done`] (only the first: once one field failed, the rest are not read).
    #[inline]
    pub fn read<T: Wire + Default>(&self, name: &str) -> T {
        if self.first_error.borrow().is_some() {
            return T::default();
        }
        match self.get(name) {
            Ok(value) => value,
            Err(error) => {
                self.fail(error);
                T::default()
            }
        }
    }

    #[cold]
    fn fail(&self, error: WireError) {
        self.first_error.borrow_mut().get_or_insert(error);
    }

    /// The structure read, or the first field's error.
    pub fn done<T>(&self, value: T) -> Result<T, WireError> {
        match self.first_error.take() {
            None => Ok(value),
            Some(error) => Err(error),
        }
    }
}

/// A JSON object being written from a structure (generated `to_wire`).
#[derive(Debug, Clone, Default)]
pub struct Object(Map<String, Value>);

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Object(Map::new())
    }

    /// Writes a field, unless it is left out (`None`).
    pub fn put<T: Wire>(&mut self, name: &str, value: &T) {
        if !value.is_left_out() {
            self.0.insert(name.to_string(), value.to_wire());
        }
    }

    /// The object.
    pub fn finish(self) -> Value {
        Value::Object(self.0)
    }
}

/// `Serialize` through [`Wire::to_wire`] (what generated types' `Serialize` calls).
pub fn serialize<T: Wire, S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&value.to_wire(), serializer)
}

/// `Deserialize` through [`Wire::from_wire`] (what generated types' `Deserialize` calls).
pub fn deserialize<'de, T: Wire, D: serde::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let value = <Value as serde::Deserialize>::deserialize(deserializer)?;
    T::from_wire(&value).map_err(serde::de::Error::custom)
}

/// `serde::Serialize` and `serde::Deserialize` for types implementing [`Wire`]: one line
/// per generated type instead of a derive (`crate::wire::serde_by_wire!(A, B)` in a
/// product crate). Not part of the API a user calls.
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_by_wire {
    ($($ty:ident),* $(,)?) => {$(
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::wire::serialize(self, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::deserialize(deserializer)
            }
        }
    )*};
}

#[doc(hidden)]
pub use crate::__serde_by_wire as serde_by_wire;

/// A JSON string, as `String::from_wire` reads it (what generated string enums read).
#[doc(hidden)]
pub fn string_of(value: &Value) -> Result<&str, WireError> {
    value.as_str().ok_or_else(|| WireError::expected("a string", value))
}

/// A JSON integer, as `i64::from_wire` reads it (what generated integer enums read).
#[doc(hidden)]
pub fn integer_of(value: &Value) -> Result<i64, WireError> {
    i64::from_wire(value)
}

/// `impl Wire` through the type's own `serde` implementations, for types written by hand
/// (an action the pages do not document yet): `tencentcloud_api::wire_by_serde!(MyRequest);`.
/// Reading fails where its `Deserialize` fails; writing panics if its `Serialize` does
/// (a derive on plain fields never does).
#[macro_export]
macro_rules! wire_by_serde {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::Wire for $ty {
            fn to_wire(&self) -> $crate::__private::serde_json::Value {
                $crate::__private::serde_json::to_value(self).expect("a hand-written type serializes to JSON")
            }

            fn from_wire(value: &$crate::__private::serde_json::Value) -> Result<Self, $crate::WireError> {
                <Self as $crate::__private::serde::Deserialize>::deserialize(value)
                    .map_err(|e| $crate::WireError { path: String::new(), message: e.to_string() })
            }
        }
    )*};
}

/// For the runtime's tests: `impl Wire` for a structure, `field: "WireName"` each, as
/// generated code writes it.
#[cfg(test)]
macro_rules! wire_struct {
    ($ty:ident { $($field:ident: $name:literal),* $(,)? }) => {
        impl $crate::wire::Wire for $ty {
            fn to_wire(&self) -> serde_json::Value {
                #[allow(unused_mut)]
                let mut object = $crate::wire::Object::new();
                $(object.put($name, &self.$field);)*
                object.finish()
            }

            fn from_wire(value: &serde_json::Value) -> Result<Self, $crate::wire::WireError> {
                #[allow(unused_variables)]
                let fields = $crate::wire::Fields::of(value)?;
                fields.done($ty { $($field: fields.read($name)),* })
            }
        }
    };
}

#[cfg(test)]
pub(crate) use wire_struct;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Inner {
        id: String,
        port: Option<i64>,
    }

    impl Wire for Inner {
        fn to_wire(&self) -> Value {
            let mut object = Object::new();
            object.put("Id", &self.id);
            object.put("Port", &self.port);
            object.finish()
        }

        fn from_wire(value: &Value) -> Result<Self, WireError> {
            let fields = Fields::of(value)?;
            Ok(Inner { id: fields.get("Id")?, port: fields.get("Port")? })
        }
    }

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Outer {
        total: i64,
        ratio: f64,
        on: bool,
        set: Vec<Inner>,
        one: Box<Inner>,
        extra: Value,
    }

    impl Wire for Outer {
        fn to_wire(&self) -> Value {
            let mut object = Object::new();
            object.put("Total", &self.total);
            object.put("Ratio", &self.ratio);
            object.put("On", &self.on);
            object.put("Set", &self.set);
            object.put("One", &self.one);
            object.put("Extra", &self.extra);
            object.finish()
        }

        fn from_wire(value: &Value) -> Result<Self, WireError> {
            let f = Fields::of(value)?;
            f.done(Outer {
                total: f.read("Total"),
                ratio: f.read("Ratio"),
                on: f.read("On"),
                set: f.read("Set"),
                one: f.read("One"),
                extra: f.read("Extra"),
            })
        }
    }

    serde_by_wire!(Inner, Outer);

    fn error(value: Value) -> String {
        serde_json::from_value::<Outer>(value).unwrap_err().to_string()
    }

    #[test]
    fn reads_and_writes_the_documented_form() {
        let value = json!({"Total": 2, "Ratio": 1, "On": true, "Set": [{"Id": "a", "Port": 80}, {"Id": "b"}],
            "One": {"Id": "c", "Port": null}, "Extra": {"x": [1]}, "Undocumented": 1});
        let outer: Outer = serde_json::from_value(value).unwrap();
        assert_eq!(outer.set[1], Inner { id: "b".into(), port: None });
        assert_eq!(outer.ratio, 1.0);
        let written = serde_json::to_value(&outer).unwrap();
        assert_eq!(
            written,
            json!({"Total": 2, "Ratio": 1.0, "On": true, "Set": [{"Id": "a", "Port": 80}, {"Id": "b"}],
                "One": {"Id": "c"}, "Extra": {"x": [1]}})
        );
        assert_eq!(serde_json::from_value::<Outer>(written).unwrap(), outer);
        assert_eq!(serde_json::from_str::<Inner>(r#"{"Id": "x"}"#).unwrap().id, "x");
    }

    #[test]
    fn refuses_what_a_derive_refuses_and_says_where() {
        let ok = json!({"Total": 2, "Ratio": 1.5, "On": true, "Set": [], "One": {"Id": "c"}, "Extra": null});
        assert!(serde_json::from_value::<Outer>(ok.clone()).is_ok());
        let with = |key: &str, v: Value| {
            let mut value = ok.clone();
            value[key] = v;
            value
        };
        let without = |key: &str| {
            let mut value = ok.clone();
            value.as_object_mut().unwrap().remove(key);
            value
        };
        assert_eq!(error(without("Total")), "Total: missing (required)");
        assert_eq!(error(with("Total", Value::Null)), "Total: expected an integer (i64), found null");
        assert_eq!(error(with("Total", json!("2"))), "Total: expected an integer (i64), found \"2\"");
        assert_eq!(error(with("Total", json!(2.5))), "Total: expected an integer (i64), found 2.5");
        assert_eq!(
            error(with("Total", json!(u64::MAX))),
            format!("Total: expected an integer (i64), found {}", u64::MAX)
        );
        assert_eq!(error(with("On", json!(1))), "On: expected a boolean, found 1");
        assert_eq!(error(with("Ratio", json!("1"))), "Ratio: expected a number, found \"1\"");
        assert_eq!(error(with("Set", json!({"Id": "a"}))), "Set: expected a list, found {\"Id\":\"a\"}");
        assert_eq!(error(with("Set", json!([{"Id": "a"}, {"Id": 3}]))), "Set[1].Id: expected a string, found 3");
        assert_eq!(error(with("Set", json!([null]))), "Set[0]: expected an object, found null");
        assert_eq!(error(with("One", json!([{"Id": "a"}]))), "One: expected an object, found [{\"Id\":\"a\"}]");
        assert_eq!(error(with("One", json!({}))), "One.Id: missing (required)");
        assert_eq!(error(json!([1])), "expected an object, found [1]");
        // A value kept as JSON may be anything, `null` included, but not missing.
        assert_eq!(error(without("Extra")), "Extra: missing (required)");
        // Several fields wrong: the first in the structure's order is the one named, as with
        // one `?` per field (`Inner` reads that way, `Outer` through `read`/`done`).
        let mut two = with("Ratio", json!("1"));
        two["Set"] = json!([{"Id": 1}]);
        two.as_object_mut().unwrap().remove("Total");
        assert_eq!(error(two), "Total: missing (required)");
        let inner = |v: Value| serde_json::from_value::<Inner>(v).unwrap_err().to_string();
        assert_eq!(inner(json!({"Id": 1, "Port": "x"})), "Id: expected a string, found 1");
        assert_eq!(inner(json!({"Port": "x"})), "Id: missing (required)");
    }

    #[test]
    fn a_field_read_after_an_error_is_not_decoded() {
        // `read` after a failure gives the default without reading (the error is kept).
        let value = json!({"A": "x", "B": 2});
        let fields = Fields::of(&value).unwrap();
        let a: i64 = fields.read("A");
        let b: i64 = fields.read("B");
        assert_eq!((a, b), (0, 0));
        assert_eq!(fields.done(()).unwrap_err().to_string(), "A: expected an integer (i64), found \"x\"");
        let fields = Fields::of(&value).unwrap();
        let b: i64 = fields.read("B");
        assert_eq!(fields.done(b), Ok(2));
    }
}
