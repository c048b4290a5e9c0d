//! The documented limits of a parameter that the generated `validate_limits` checks: one
//! rule for `emit` (the checks) and `lower` (the examples checked against them).

use super::{LengthOf, Param, Type};

/// The documented limits of a parameter that the generated `validate_limits` checks (and
/// that an example's input is checked against when lowered): the range of a number (or a
/// numeric string), the length of a string in `chars` or `bytes`, of a list in `items`; for
/// a list, ranges and string lengths apply to each element. A parameter with a value set
/// (an enum) gets neither a range nor a string length: the set says more. A limit whose
/// minimum exceeds its maximum (a page that contradicts itself) is not checked; a default
/// outside the range is accepted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Limits {
    /// Inclusive bounds of the value, at least one of them.
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// What the length counts, and its inclusive bounds (at least one of them).
    pub length: Option<(LengthOf, Option<u64>, Option<u64>)>,
    /// A documented default that lies outside the range ("range 10 to 600, default 0
    /// meaning off"): accepted too, as the page means it to be sent.
    pub default_outside: Option<f64>,
}

impl Param {
    /// The documented limits `validate_limits` checks for this parameter.
    pub fn limits(&self) -> Limits {
        let f = &self.facts;
        let element = match &self.ty {
            Type::Array(inner) => inner.as_ref(),
            ty => ty,
        };
        let scalar = self.value_set().is_none();
        let (min, max) =
            (f.min.as_ref().and_then(serde_json::Number::as_f64), f.max.as_ref().and_then(serde_json::Number::as_f64));
        let numeric = matches!(element, Type::Integer | Type::Float | Type::String);
        let range = (scalar && numeric && (min.is_some() || max.is_some()) && ordered(min, max)).then_some((min, max));
        let counted = match f.length_of {
            Some(LengthOf::Items) => matches!(self.ty, Type::Array(_)),
            Some(LengthOf::Chars | LengthOf::Bytes) => scalar && *element == Type::String,
            None => false,
        };
        let (lo, hi) = (f.min_length, f.max_length);
        let bounded = (lo.is_some() || hi.is_some()) && ordered(lo, hi);
        let length = f.length_of.filter(|_| counted && bounded).map(|of| (of, lo, hi));
        let default = f.default.as_ref().and_then(default_number);
        let outside = |d: f64| range.is_some_and(|(min, max)| min.is_some_and(|m| d < m) || max.is_some_and(|m| d > m));
        let default_outside = default.filter(|d| outside(*d));
        Limits { range, length, default_outside }
    }
}

/// A default as a number: `0`, or a string holding one (`"0"`, for a `String` holding a
/// number).
fn default_number(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// Both bounds absent, one given, or the minimum not above the maximum.
fn ordered<T: PartialOrd>(min: Option<T>, max: Option<T>) -> bool {
    match (min, max) {
        (Some(min), Some(max)) => min <= max,
        _ => true,
    }
}
