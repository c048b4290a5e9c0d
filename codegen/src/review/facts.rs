//! The changes of what a parameter's description states ([`crate::ir::Facts`]): values
//! added to or removed from its set, a set that appears or goes, its default, its range
//! and length, its unit, and the filters of a `Filters` parameter.
//!
//! What breaks code written against the generated crate:
//! - a value removed from a set typed as an enum (a `String` or `Integer` value set): its
//!   variant goes; a value added is a new variant of a `#[non_exhaustive]` enum, which
//!   breaks nothing;
//! - a value set that appears or goes on such a parameter: its type changes (a string ↔
//!   an enum);
//! - a documented limit that `validate()` checks (the range or length of an input or of a
//!   field of an input structure) made tighter: requests that were sent before are now refused before they are sent (a
//!   client built with `documented_limits(false)` sends them still); a limit loosened,
//!   or one of an output or a structure field (documentation), breaks nothing;
//! - a unit that changes from one to another (`s` → `ms`): the same number means another
//!   thing; a unit that appears or goes is documentation;
//! - a filter removed (its typed filter goes); a filter added breaks nothing;
//! - a default that changes breaks no code (the server's behaviour when the parameter is
//!   left out changes: reported, never breaking).

use std::collections::BTreeSet;

use serde_json::Value;

use super::change::{change, Change, Kind};
use crate::ir::{AllowedValue, Facts, LengthOf, Param};

/// Where a parameter is: an input of an action, an output, or a field of a structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Input,
    Output,
    /// A field of a structure with a Required column (one requests hold: `validate`
    /// checks its limits).
    InputField,
    /// A field of an output-only structure.
    Field,
}

/// The changes of the facts of one parameter (`path`: `Action.Param`, `Type.Field`).
pub(super) fn diff_facts(path: &str, old: &Param, new: &Param, role: Role, out: &mut Vec<Change>) {
    let (o, n) = (&old.facts, &new.facts);
    if o == n {
        return;
    }
    let start = out.len();
    diff_facts_of(path, old, new, role, out);
    for c in out.iter_mut().skip(start) {
        c.of_field = matches!(role, Role::Field | Role::InputField);
    }
}

fn diff_facts_of(path: &str, old: &Param, new: &Param, role: Role, out: &mut Vec<Change>) {
    let (o, n) = (&old.facts, &new.facts);
    let push = |out: &mut Vec<Change>, kind, breaking, old: Option<String>, new: Option<String>| {
        out.push(change(kind, path.to_string(), breaking, old, new));
    };
    // Values, or for a list of structures (`Filters`) the names of its filters.
    let (ov, nv) = (values(old), values(new));
    let enum_typed = is_enum_typed(old) && is_enum_typed(new);
    match (ov.is_empty(), nv.is_empty()) {
        (true, false) => push(out, Kind::ValueSetAdded, is_enum_typed(new), None, Some(nv.join(", "))),
        (false, true) => push(out, Kind::ValueSetRemoved, is_enum_typed(old), Some(ov.join(", ")), None),
        _ => {
            for v in nv.iter().filter(|v| !ov.contains(v)) {
                push(out, Kind::ValueAdded, false, None, Some(v.clone()));
            }
            for v in ov.iter().filter(|v| !nv.contains(v)) {
                push(out, Kind::ValueRemoved, enum_typed, Some(v.clone()), None);
            }
        }
    }
    diff_filters(path, old, new, out);
    if o.default != n.default {
        push(
            out,
            Kind::DefaultChanged,
            false,
            Some(shown_value(o.default.as_ref())),
            Some(shown_value(n.default.as_ref())),
        );
    }
    // Ranges and lengths; tighter breaks code only where `validate()` checks it.
    let checked = matches!(role, Role::Input | Role::InputField);
    let range = |f: &Facts| {
        (f.min.as_ref().and_then(serde_json::Number::as_f64), f.max.as_ref().and_then(serde_json::Number::as_f64))
    };
    let (or, nr) = (range(o), range(n));
    if or != nr {
        let breaking = checked && new.limits().range.is_some();
        let shown = |(min, max): (Option<f64>, Option<f64>)| span(min, max, "");
        push_limit(out, path, compare((or.0, nr.0), (or.1, nr.1), false), breaking, shown(or), shown(nr));
    }
    let length = |f: &Facts| (f.min_length.map(|n| n as f64), f.max_length.map(|n| n as f64));
    let (ol, nl) = (length(o), length(n));
    if ol != nl || o.length_of != n.length_of {
        let breaking = checked && new.limits().length.is_some();
        // Counted otherwise (`chars` → `bytes`): taken as tighter.
        let recounted = o.length_of.is_some() && n.length_of.is_some() && o.length_of != n.length_of;
        let tighter = compare((ol.0, nl.0), (ol.1, nl.1), recounted);
        let shown = |(min, max): (Option<f64>, Option<f64>), of: Option<LengthOf>| span(min, max, unit(of));
        push_limit(out, path, tighter, breaking, shown(ol, o.length_of), shown(nl, n.length_of));
    }
    if o.unit != n.unit {
        let breaking = o.unit.is_some() && n.unit.is_some();
        let shown = |u: &Option<String>| u.clone().unwrap_or_else(|| "none".to_string());
        push(out, Kind::UnitChanged, breaking, Some(shown(&o.unit)), Some(shown(&n.unit)));
    }
}

/// A limit made tighter, or else looser.
fn push_limit(out: &mut Vec<Change>, path: &str, tighter: bool, breaking: bool, old: String, new: String) {
    let kind = if tighter { Kind::LimitTightened } else { Kind::LimitLoosened };
    out.push(change(kind, path.to_string(), breaking && kind == Kind::LimitTightened, Some(old), Some(new)));
}

/// Whether the new bounds rule out a value the old ones allowed (a minimum raised or
/// added, a maximum lowered or added; `recounted`: counted otherwise). `mins` and `maxes`
/// are (old, new).
fn compare(mins: (Option<f64>, Option<f64>), maxes: (Option<f64>, Option<f64>), recounted: bool) -> bool {
    let min_raised = match mins {
        (None, Some(_)) => true,
        (Some(o), Some(n)) => n > o,
        _ => false,
    };
    let max_lowered = match maxes {
        (None, Some(_)) => true,
        (Some(o), Some(n)) => n < o,
        _ => false,
    };
    recounted || min_raised || max_lowered
}

/// Whether the generated code types this parameter's values as an enum: a value set on a
/// `String` or `Integer` (each element, for a list).
fn is_enum_typed(p: &Param) -> bool {
    p.value_set().is_some()
}

/// The wire values of a parameter's set, as shown (`BIND`, `0`); none for a list of
/// structures, whose "values" are its filters' names (see [`diff_filters`]).
fn values(p: &Param) -> Vec<String> {
    if p.ty.struct_name().is_some() {
        return Vec::new();
    }
    shown_values(p.facts.allowed_values.as_deref())
}

fn shown_values(values: Option<&[AllowedValue]>) -> Vec<String> {
    values.unwrap_or_default().iter().map(|v| shown_value(Some(&v.value))).collect()
}

/// `"logical"` → `logical`, `7` → `7`, none → `none`.
fn shown_value(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => "none".to_string(),
    }
}

/// The filters of a `Filters` parameter added and removed, and the values of each filter
/// that stays (path `Action.Filters[address-status]`).
fn diff_filters(path: &str, old: &Param, new: &Param, out: &mut Vec<Change>) {
    let (o, n) = (&old.facts, &new.facts);
    let (on, nn) = (filter_names(old), filter_names(new));
    for name in nn.difference(&on) {
        out.push(change(Kind::FilterAdded, path.to_string(), false, None, Some(name.clone())));
    }
    for name in on.difference(&nn) {
        out.push(change(Kind::FilterRemoved, path.to_string(), true, Some(name.clone()), None));
    }
    for (of, nf) in o.filters.iter().filter_map(|of| Some((of, n.filters.iter().find(|nf| nf.name == of.name)?))) {
        let at = format!("{path}[{}]", of.name);
        let (ov, nv) = (shown_values(of.allowed_values.as_deref()), shown_values(nf.allowed_values.as_deref()));
        match (ov.is_empty(), nv.is_empty()) {
            (true, false) => out.push(change(Kind::ValueSetAdded, at, true, None, Some(nv.join(", ")))),
            (false, true) => out.push(change(Kind::ValueSetRemoved, at, true, Some(ov.join(", ")), None)),
            _ => {
                for v in nv.iter().filter(|v| !ov.contains(v)) {
                    out.push(change(Kind::ValueAdded, at.clone(), false, None, Some(v.clone())));
                }
                for v in ov.iter().filter(|v| !nv.contains(v)) {
                    out.push(change(Kind::ValueRemoved, at.clone(), true, Some(v.clone()), None));
                }
            }
        }
    }
}

/// The filters a `Filters` parameter documents; when its description names them without
/// describing each, the names of its value set (a list of structures has no values).
fn filter_names(p: &Param) -> BTreeSet<String> {
    if !p.facts.filters.is_empty() {
        return p.facts.filters.iter().map(|d| d.name.clone()).collect();
    }
    if p.ty.struct_name().is_none() {
        return BTreeSet::new();
    }
    shown_values(p.facts.allowed_values.as_deref()).into_iter().collect()
}

fn unit(of: Option<LengthOf>) -> &'static str {
    match of {
        Some(LengthOf::Chars) => " characters",
        Some(LengthOf::Bytes) => " bytes",
        Some(LengthOf::Items) => " items",
        None => "",
    }
}

/// `7 to 732`, `at least 1`, `at most 60 characters`, `none`.
fn span(min: Option<f64>, max: Option<f64>, unit: &str) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}{unit}"),
        (Some(min), None) => format!("at least {min}{unit}"),
        (None, Some(max)) => format!("at most {max}{unit}"),
        (None, None) => "none".to_string(),
    }
}
