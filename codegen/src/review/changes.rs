//! The changes between two IRs: product versions paired, then actions, parameters,
//! structures and error codes compared one by one.

use std::collections::{BTreeMap, BTreeSet};

use super::change::{change, Change, Kind};
use super::facts::{diff_facts, Role};
use crate::ir::{Action, Api, DataType, Param};

/// The product versions of two sides, paired by product and version; a single version on
/// each side is paired whatever its version (one product's docs before and after).
pub fn pairs<'a>(old: &'a [Api], new: &'a [Api]) -> Vec<(Option<&'a Api>, Option<&'a Api>)> {
    if let ([o], [n]) = (old, new) {
        return vec![(Some(o), Some(n))];
    }
    let key = |a: &'a Api| ((a.product.as_str(), a.version.as_str()), a);
    let olds: BTreeMap<_, &Api> = old.iter().map(key).collect();
    let news: BTreeMap<_, &Api> = new.iter().map(key).collect();
    olds.keys()
        .chain(news.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|k| (olds.get(k).copied(), news.get(k).copied()))
        .collect()
}

/// The changes from `old` to `new`, product versions paired by [`pairs`]; with several,
/// each change names its product version.
pub fn diff(old: &[Api], new: &[Api]) -> Vec<Change> {
    let several = !(old.len() == 1 && new.len() == 1);
    let empty = |a: &Api| Api {
        actions: BTreeMap::new(),
        data_types: BTreeMap::new(),
        error_codes: BTreeMap::new(),
        ..a.clone()
    };
    let mut changes = Vec::new();
    for pair in pairs(old, new) {
        let mut these = Vec::new();
        let api = match pair {
            (Some(o), Some(n)) => {
                diff_api(o, n, &mut these);
                n
            }
            (Some(o), None) => {
                diff_api(o, &empty(o), &mut these);
                o
            }
            (None, Some(n)) => {
                diff_api(&empty(n), n, &mut these);
                n
            }
            (None, None) => continue,
        };
        let named = several.then(|| format!("{}/{}", api.product, api.version));
        changes.extend(these.into_iter().map(|c| Change { api: named.clone(), ..c }));
    }
    changes
}

fn diff_api(old: &Api, new: &Api, out: &mut Vec<Change>) {
    for name in old.actions.keys().chain(new.actions.keys()).collect::<BTreeSet<_>>() {
        match (old.actions.get(name), new.actions.get(name)) {
            (None, Some(_)) => out.push(change(Kind::ActionAdded, name.clone(), false, None, None)),
            (Some(_), None) => out.push(change(Kind::ActionRemoved, name.clone(), true, None, None)),
            (Some(o), Some(n)) => diff_action(o, n, out),
            (None, None) => {}
        }
    }
    diff_product_codes(old, new, out);
    for name in old.data_types.keys().chain(new.data_types.keys()).collect::<BTreeSet<_>>() {
        match (old.data_types.get(name), new.data_types.get(name)) {
            (None, Some(_)) => out.push(change(Kind::TypeAdded, name.clone(), false, None, None)),
            (Some(_), None) => out.push(change(Kind::TypeRemoved, name.clone(), true, None, None)),
            (Some(o), Some(n)) => diff_type(o, n, out),
            (None, None) => {}
        }
    }
}

/// The product's error code lists (the Error Codes page): common codes and service codes.
/// A code gone from a list is breaking when the product no longer knows it at all (its
/// `ErrorCode` variant goes); it may still be documented by an action's page.
fn diff_product_codes(old: &Api, new: &Api, out: &mut Vec<Change>) {
    for (list, added, removed) in [
        (CodeList::Common, Kind::CommonCodeAdded, Kind::CommonCodeRemoved),
        (CodeList::Service, Kind::ServiceCodeAdded, Kind::ServiceCodeRemoved),
    ] {
        let (o, n) = (list.codes(old), list.codes(new));
        for code in n.difference(&o) {
            out.push(change(added, code.to_string(), false, None, None));
        }
        for code in o.difference(&n) {
            let gone = !new.error_codes.contains_key(*code);
            out.push(change(removed, code.to_string(), gone, None, None));
        }
    }
}

/// The two lists of an Error Codes page.
#[derive(Clone, Copy)]
enum CodeList {
    Common,
    Service,
}

impl CodeList {
    fn codes(self, api: &Api) -> BTreeSet<&str> {
        use crate::ir::ErrorCodeKind;
        api.error_codes
            .iter()
            .filter(|(_, info)| match self {
                CodeList::Common => info.kind == ErrorCodeKind::Common,
                // A common code the page lists among the service codes too is in both.
                CodeList::Service => info.kind == ErrorCodeKind::Service || info.also_service,
            })
            .map(|(code, _)| code.as_str())
            .collect()
    }
}

/// A parameter's type as shown in a report: the printed type, and `, may be null` for a
/// nullable output or output-structure field (an `Option` in the generated code).
fn shown_type(p: &Param, output: bool) -> String {
    if output && !p.required {
        format!("{}, may be null", printed(p))
    } else {
        printed(p)
    }
}

/// The printed type, marked when it names no documented structure: such a type is
/// generated as `serde_json::Value`, so its structure being documented later (the same
/// printed name) changes the generated type.
fn printed(p: &Param) -> String {
    if p.ty.has_json() {
        format!("{} (undocumented)", p.doc_type)
    } else {
        p.doc_type.clone()
    }
}

/// A type change, or only a nullability change (`Option<T>` ↔ `T` in the generated code:
/// breaking either way). `output` says, for each side, whether absence means null.
fn retyped(
    o: &Param,
    n: &Param,
    output: (bool, bool),
    ty: Kind,
    nullability: Kind,
    path: String,
    out: &mut Vec<Change>,
) {
    let (ot, nt) = (shown_type(o, output.0), shown_type(n, output.1));
    if ot == nt {
        return;
    }
    if printed(o) == printed(n) {
        let word = |p: &Param, output: bool| if output && !p.required { "may be null" } else { "never null" };
        out.push(change(nullability, path, true, Some(word(o, output.0).into()), Some(word(n, output.1).into())));
    } else {
        out.push(change(ty, path, true, Some(ot), Some(nt)));
    }
}

fn required_word(required: bool) -> String {
    if required { "required" } else { "optional" }.to_string()
}

fn diff_action(old: &Action, new: &Action, out: &mut Vec<Change>) {
    let name = &old.name;
    let by_name = |params: &[Param]| params.iter().map(|p| (p.name.clone(), p.clone())).collect::<BTreeMap<_, _>>();
    let (oi, ni) = (by_name(&old.input), by_name(&new.input));
    for param in oi.keys().chain(ni.keys()).collect::<BTreeSet<_>>() {
        let path = format!("{name}.{param}");
        match (oi.get(param), ni.get(param)) {
            (None, Some(p)) => out.push(change(
                Kind::InputAdded,
                path,
                p.required,
                None,
                Some(format!("{}, {}", printed(p), required_word(p.required))),
            )),
            (Some(p), None) => out.push(change(Kind::InputRemoved, path, true, Some(printed(p)), None)),
            (Some(o), Some(n)) => {
                let (ot, nt) = (printed(o), printed(n));
                if ot != nt {
                    out.push(change(Kind::InputType, path.clone(), true, Some(ot), Some(nt)));
                }
                if o.required != n.required {
                    out.push(change(
                        Kind::InputRequired,
                        path.clone(),
                        true,
                        Some(required_word(o.required)),
                        Some(required_word(n.required)),
                    ));
                }
                diff_facts(&path, o, n, Role::Input, out);
            }
            (None, None) => {}
        }
    }
    let (oo, no) = (by_name(&old.output), by_name(&new.output));
    for param in oo.keys().chain(no.keys()).collect::<BTreeSet<_>>() {
        let path = format!("{name}.{param}");
        match (oo.get(param), no.get(param)) {
            (None, Some(p)) => out.push(change(Kind::OutputAdded, path, false, None, Some(shown_type(p, true)))),
            (Some(p), None) => out.push(change(Kind::OutputRemoved, path, true, Some(shown_type(p, true)), None)),
            (Some(o), Some(n)) => {
                retyped(o, n, (true, true), Kind::OutputType, Kind::OutputNullability, path.clone(), out);
                diff_facts(&path, o, n, Role::Output, out);
            }
            (None, None) => {}
        }
    }
    let codes = |a: &Action| a.errors.iter().map(|e| e.code.clone()).collect::<BTreeSet<_>>();
    let (oc, nc) = (codes(old), codes(new));
    for code in nc.difference(&oc) {
        out.push(change(Kind::ErrorAdded, format!("{name}:{code}"), false, None, None));
    }
    for code in oc.difference(&nc) {
        out.push(change(Kind::ErrorRemoved, format!("{name}:{code}"), true, None, None));
    }
    // The client methods they generate (`…_pages`, `…_items`; `…_until_done`, `…_until`):
    // gone is breaking; a changed one keeps its methods but follows other parameters.
    // What the generated `validate()` checks, and the client's pace for the action: not
    // breaking (the server enforces the documented rules anyway), but requests that passed
    // before may now fail before they are sent.
    let rules = |a: &Action| a.constraints.iter().map(shown_constraint).collect::<BTreeSet<_>>();
    let (or, nr) = (rules(old), rules(new));
    for rule in nr.difference(&or) {
        out.push(change(Kind::ConstraintAdded, name.clone(), false, None, Some(rule.clone())));
    }
    for rule in or.difference(&nr) {
        out.push(change(Kind::ConstraintRemoved, name.clone(), false, Some(rule.clone()), None));
    }
    if old.rate_limit != new.rate_limit {
        let shown =
            |limit: Option<u32>| limit.map_or_else(|| "none".to_string(), |n| format!("{n} requests per second"));
        out.push(change(
            Kind::RateLimitChanged,
            name.clone(),
            false,
            Some(shown(old.rate_limit)),
            Some(shown(new.rate_limit)),
        ));
    }
    let paging = |a: &Action| a.pagination.as_ref().map(shown_pagination);
    match (paging(old), paging(new)) {
        (None, Some(n)) => out.push(change(Kind::PaginatorAdded, name.clone(), false, None, Some(n))),
        (Some(o), None) => out.push(change(Kind::PaginatorRemoved, name.clone(), true, Some(o), None)),
        (Some(o), Some(n)) if o != n => out.push(change(Kind::PaginatorChanged, name.clone(), false, Some(o), Some(n))),
        _ => {}
    }
    let waiting = |a: &Action| a.waiter.as_ref().map(crate::ir::Waiter::summary);
    match (waiting(old), waiting(new)) {
        (None, Some(n)) => out.push(change(Kind::WaiterAdded, name.clone(), false, None, Some(n))),
        (Some(o), None) => out.push(change(Kind::WaiterRemoved, name.clone(), true, Some(o), None)),
        (Some(o), Some(n)) if o != n => {
            // From waiting on work to waiting on resources (or back) changes the method.
            let breaking =
                old.waiter.as_ref().map(|w| w.items.is_some()) != new.waiter.as_ref().map(|w| w.items.is_some());
            out.push(change(Kind::WaiterChanged, name.clone(), breaking, Some(o), Some(n)))
        }
        _ => {}
    }
    // A streamed reply gone takes its client method (`x_stream`) and event type with it.
    let streaming = |a: &Action| a.streaming.as_ref().map(crate::ir::Streaming::summary);
    match (streaming(old), streaming(new)) {
        (None, Some(n)) => out.push(change(Kind::StreamingAdded, name.clone(), false, None, Some(n))),
        (Some(o), None) => out.push(change(Kind::StreamingRemoved, name.clone(), true, Some(o), None)),
        (Some(o), Some(n)) if o != n => out.push(change(Kind::StreamingChanged, name.clone(), false, Some(o), Some(n))),
        _ => {}
    }
}

/// A constraint in a line: `at most one of A, B`, `A requires B`, `at least one of A, B`.
fn shown_constraint(c: &crate::ir::Constraint) -> String {
    use crate::ir::Constraint;
    match c {
        Constraint::MutuallyExclusive { params, .. } => format!("at most one of {}", params.join(", ")),
        Constraint::Requires { param, requires, .. } => format!("{param} requires {requires}"),
        Constraint::AtLeastOne { params, .. } => format!("at least one of {}", params.join(", ")),
    }
}

/// A paginator in a line: `offset Offset/Limit (max 100) over AddressSet, total TotalCount`.
fn shown_pagination(p: &crate::ir::Pagination) -> String {
    let mut text = format!("{} {}", p.style.name(), p.position.name);
    if let Some(size) = &p.size {
        text.push_str(&format!("/{}", size.name));
    }
    if let Some(max) = p.max_page_size {
        text.push_str(&format!(" (max {max})"));
    }
    text.push_str(&format!(" over {}", p.items));
    if let Some(total) = &p.total {
        text.push_str(&format!(", total {total}"));
    }
    text
}

fn diff_type(old: &DataType, new: &DataType, out: &mut Vec<Change>) {
    let name = &old.name;
    let by_name = |t: &DataType| t.fields.iter().map(|p| (p.name.clone(), p.clone())).collect::<BTreeMap<_, _>>();
    let (of, nf) = (by_name(old), by_name(new));
    for field in of.keys().chain(nf.keys()).collect::<BTreeSet<_>>() {
        let path = format!("{name}.{field}");
        match (of.get(field), nf.get(field)) {
            (None, Some(p)) => {
                // A required field of an input structure must be set by existing code.
                let breaking = new.has_required_column && p.required;
                let shown = if new.has_required_column {
                    format!("{}, {}", printed(p), required_word(p.required))
                } else {
                    shown_type(p, true)
                };
                out.push(change(Kind::FieldAdded, path, breaking, None, Some(shown)));
            }
            (Some(p), None) => {
                out.push(change(Kind::FieldRemoved, path, true, Some(shown_type(p, !old.has_required_column)), None))
            }
            (Some(o), Some(n)) => {
                // Without a Required column a field is optional when it may be null: that is
                // part of its (generated) type, as for outputs.
                let output = (!old.has_required_column, !new.has_required_column);
                retyped(o, n, output, Kind::FieldType, Kind::FieldNullability, path.clone(), out);
                if old.has_required_column && new.has_required_column && o.required != n.required {
                    out.push(change(
                        Kind::FieldRequired,
                        path.clone(),
                        true,
                        Some(required_word(o.required)),
                        Some(required_word(n.required)),
                    ));
                }
                let role = if new.has_required_column { Role::InputField } else { Role::Field };
                diff_facts(&path, o, n, role, out);
            }
            (None, None) => {}
        }
    }
}
