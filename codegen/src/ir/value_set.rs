//! The value set a parameter's documented values make (`allowed_values` of a `String` or
//! `Integer`): what `lower` checks examples against and `emit` makes an enum of.

use std::collections::BTreeSet;

use super::{AllowedValue, FilterDoc, Param, Type};

/// The documented value set a parameter's Rust type is an enum of (`lower` checks examples
/// against it, `emit` generates the enum): the values with their meanings, in page order,
/// each once.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueSet<'a> {
    /// Values of a `String` (or `Array of String`) parameter.
    Strings(Vec<(&'a str, &'a str)>),
    /// Values of an `Integer` (or `Array of Integer`) parameter.
    Integers(Vec<(i64, &'a str)>),
}

impl ValueSet<'_> {
    /// The wire values as text (`"CREATING"`, `"0"`), in page order.
    pub fn texts(&self) -> Vec<String> {
        match self {
            ValueSet::Strings(values) => values.iter().map(|(v, _)| v.to_string()).collect(),
            ValueSet::Integers(values) => values.iter().map(|(v, _)| v.to_string()).collect(),
        }
    }

    /// Whether `value` (a JSON string, or an integer) is one of the values.
    pub fn contains(&self, value: &serde_json::Value) -> bool {
        match (self, value) {
            (ValueSet::Strings(values), serde_json::Value::String(s)) => values.iter().any(|(v, _)| v == s),
            (ValueSet::Integers(values), value) => value.as_i64().is_some_and(|n| values.iter().any(|(v, _)| *v == n)),
            _ => false,
        }
    }
}

impl Param {
    /// The value set this parameter is typed by: its documented `allowed_values`, when the
    /// parameter (or each element of it) is a `String` or an `Integer` and every value is of
    /// that type. Never for `Filters` (whose values are the filter names), nor for
    /// booleans, floats or structures.
    pub fn value_set(&self) -> Option<ValueSet<'_>> {
        if self.name == "Filters" || !self.facts.filters.is_empty() {
            return None;
        }
        let base = match &self.ty {
            Type::Array(inner) => inner.as_ref(),
            other => other,
        };
        value_set_of(self.facts.allowed_values.as_deref(), base)
    }

    /// Whether the documented value set is closed: a value outside it contradicts the page
    /// (an open set, "values include …", is examples of a wider domain).
    pub fn value_set_is_closed(&self) -> bool {
        self.value_set().is_some() && self.facts.allowed_values_complete != Some(false)
    }
}

impl FilterDoc {
    /// The value set of this filter's values (`address-status`: `CREATING`, `BIND`, …), of
    /// its printed type (`String` when it prints none).
    pub fn value_set(&self) -> Option<ValueSet<'_>> {
        let base = match self.doc_type.as_deref().map(str::trim) {
            Some(t) if t.eq_ignore_ascii_case("integer") || t.eq_ignore_ascii_case("int64") => Type::Integer,
            Some(t) if !t.is_empty() && !t.eq_ignore_ascii_case("string") => return None,
            _ => Type::String,
        };
        value_set_of(self.allowed_values.as_deref(), &base)
    }

    /// Whether its value set is closed.
    pub fn value_set_is_closed(&self) -> bool {
        self.value_set().is_some() && self.allowed_values_complete != Some(false)
    }
}

/// The value set of these documented values for a `String` or `Integer`: each value once,
/// in page order; `None` when there are none, or one is not of the type.
fn value_set_of<'a>(values: Option<&'a [AllowedValue]>, base: &Type) -> Option<ValueSet<'a>> {
    let values = values.filter(|v| !v.is_empty())?;
    let mut seen = BTreeSet::new();
    match base {
        Type::String => {
            let all: Option<Vec<(&str, &str)>> =
                values.iter().map(|v| v.value.as_str().map(|s| (s, v.meaning.as_str()))).collect();
            Some(ValueSet::Strings(all?.into_iter().filter(|(v, _)| seen.insert(v.to_string())).collect()))
        }
        Type::Integer => {
            let all: Option<Vec<(i64, &str)>> =
                values.iter().map(|v| integer(&v.value).map(|n| (n, v.meaning.as_str()))).collect();
            Some(ValueSet::Integers(all?.into_iter().filter(|(v, _)| seen.insert(v.to_string())).collect()))
        }
        _ => None,
    }
}

/// An integer value, also written as a string (`"1"`).
fn integer(value: &serde_json::Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
}
