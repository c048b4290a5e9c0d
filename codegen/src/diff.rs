//! API changes between two IRs: what was added, removed, retyped or made required, and
//! whether each change breaks code written against the generated crate.
//!
//! What makes additive changes non-breaking in the generated crate:
//! - responses, output-only structures (no Required column), error enums, `ErrorCode` and
//!   `CommonError` are `#[non_exhaustive]`, and responses ignore unknown JSON fields: a new
//!   output, output field or error code breaks no code;
//! - requests and input structures derive `Default` and are built with
//!   `..Default::default()`: a new optional input or optional field breaks no such code;
//! - a new action or structure is a new item.
//!
//! Everything else (a removal, a type change, a required ↔ optional change, a new required
//! input) changes or removes something existing code names: breaking.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::ir::{Action, Api, DataType, Param};

/// The kinds of change, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    ActionAdded,
    ActionRemoved,
    InputAdded,
    InputRemoved,
    InputType,
    InputRequired,
    OutputAdded,
    OutputRemoved,
    OutputType,
    ErrorAdded,
    ErrorRemoved,
    PaginatorAdded,
    PaginatorRemoved,
    PaginatorChanged,
    WaiterAdded,
    WaiterRemoved,
    WaiterChanged,
    TypeAdded,
    TypeRemoved,
    FieldAdded,
    FieldRemoved,
    FieldType,
    FieldRequired,
}

impl Kind {
    pub const ALL: [Kind; 23] = [
        Kind::ActionAdded,
        Kind::ActionRemoved,
        Kind::InputAdded,
        Kind::InputRemoved,
        Kind::InputType,
        Kind::InputRequired,
        Kind::OutputAdded,
        Kind::OutputRemoved,
        Kind::OutputType,
        Kind::ErrorAdded,
        Kind::ErrorRemoved,
        Kind::PaginatorAdded,
        Kind::PaginatorRemoved,
        Kind::PaginatorChanged,
        Kind::WaiterAdded,
        Kind::WaiterRemoved,
        Kind::WaiterChanged,
        Kind::TypeAdded,
        Kind::TypeRemoved,
        Kind::FieldAdded,
        Kind::FieldRemoved,
        Kind::FieldType,
        Kind::FieldRequired,
    ];

    /// `input-added`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ActionAdded => "action-added",
            Kind::ActionRemoved => "action-removed",
            Kind::InputAdded => "input-added",
            Kind::InputRemoved => "input-removed",
            Kind::InputType => "input-type",
            Kind::InputRequired => "input-required",
            Kind::OutputAdded => "output-added",
            Kind::OutputRemoved => "output-removed",
            Kind::OutputType => "output-type",
            Kind::ErrorAdded => "error-added",
            Kind::ErrorRemoved => "error-removed",
            Kind::PaginatorAdded => "paginator-added",
            Kind::PaginatorRemoved => "paginator-removed",
            Kind::PaginatorChanged => "paginator-changed",
            Kind::WaiterAdded => "waiter-added",
            Kind::WaiterRemoved => "waiter-removed",
            Kind::WaiterChanged => "waiter-changed",
            Kind::TypeAdded => "type-added",
            Kind::TypeRemoved => "type-removed",
            Kind::FieldAdded => "field-added",
            Kind::FieldRemoved => "field-removed",
            Kind::FieldType => "field-type",
            Kind::FieldRequired => "field-required",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::ActionAdded => "actions added",
            Kind::ActionRemoved => "actions removed",
            Kind::InputAdded => "input parameters added",
            Kind::InputRemoved => "input parameters removed",
            Kind::InputType => "input types changed",
            Kind::InputRequired => "inputs made required / optional",
            Kind::OutputAdded => "output parameters added",
            Kind::OutputRemoved => "output parameters removed",
            Kind::OutputType => "output types changed",
            Kind::ErrorAdded => "error codes added",
            Kind::ErrorRemoved => "error codes removed",
            Kind::PaginatorAdded => "paginators added",
            Kind::PaginatorRemoved => "paginators removed",
            Kind::PaginatorChanged => "paginators changed",
            Kind::WaiterAdded => "waiters added",
            Kind::WaiterRemoved => "waiters removed",
            Kind::WaiterChanged => "waiters changed",
            Kind::TypeAdded => "data types added",
            Kind::TypeRemoved => "data types removed",
            Kind::FieldAdded => "fields added",
            Kind::FieldRemoved => "fields removed",
            Kind::FieldType => "field types changed",
            Kind::FieldRequired => "fields made required / optional",
        }
    }
}

/// One API change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    pub kind: Kind,
    /// `Action`, `Action.Param`, `Action:ErrorCode`, `Type` or `Type.Field`.
    pub path: String,
    pub breaking: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// `vpc/2017-03-12`, when several product versions are compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<String>,
}

fn change(kind: Kind, path: String, breaking: bool, old: Option<String>, new: Option<String>) -> Change {
    Change { kind, path, breaking, old, new, api: None }
}

/// The changes from `old` to `new`. Product versions are paired by product and version; a
/// single version on each side is paired whatever its version.
pub fn diff(old: &[Api], new: &[Api]) -> Vec<Change> {
    let mut changes = Vec::new();
    let key = |a: &Api| (a.product.clone(), a.version.clone());
    let olds: BTreeMap<_, &Api> = old.iter().map(|a| (key(a), a)).collect();
    let news: BTreeMap<_, &Api> = new.iter().map(|a| (key(a), a)).collect();
    if old.len() == 1 && new.len() == 1 {
        diff_api(&old[0], &new[0], &mut changes);
    } else {
        let empty = |a: &Api| Api {
            actions: BTreeMap::new(),
            data_types: BTreeMap::new(),
            error_codes: BTreeMap::new(),
            ..a.clone()
        };
        for k in olds.keys().chain(news.keys()).collect::<BTreeSet<_>>() {
            let mut these = Vec::new();
            match (olds.get(k), news.get(k)) {
                (Some(o), Some(n)) => diff_api(o, n, &mut these),
                (Some(o), None) => diff_api(o, &empty(o), &mut these),
                (None, Some(n)) => diff_api(&empty(n), n, &mut these),
                (None, None) => {}
            }
            let api = format!("{}/{}", k.0, k.1);
            changes.extend(these.into_iter().map(|c| Change { api: Some(api.clone()), ..c }));
        }
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
    for name in old.data_types.keys().chain(new.data_types.keys()).collect::<BTreeSet<_>>() {
        match (old.data_types.get(name), new.data_types.get(name)) {
            (None, Some(_)) => out.push(change(Kind::TypeAdded, name.clone(), false, None, None)),
            (Some(_), None) => out.push(change(Kind::TypeRemoved, name.clone(), true, None, None)),
            (Some(o), Some(n)) => diff_type(o, n, out),
            (None, None) => {}
        }
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
                        path,
                        true,
                        Some(required_word(o.required)),
                        Some(required_word(n.required)),
                    ));
                }
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
                let (ot, nt) = (shown_type(o, true), shown_type(n, true));
                if ot != nt {
                    out.push(change(Kind::OutputType, path, true, Some(ot), Some(nt)));
                }
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
}

/// A paginator in a line: `offset Offset/Limit (max 100) over AddressSet, total TotalCount`.
fn shown_pagination(p: &crate::ir::Pagination) -> String {
    let mut text = format!("{} {}", crate::lower::pagination::style_name(&p.style), p.position.name);
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
                let (ot, nt) = (shown_type(o, !old.has_required_column), shown_type(n, !new.has_required_column));
                if ot != nt {
                    out.push(change(Kind::FieldType, path.clone(), true, Some(ot), Some(nt)));
                }
                if old.has_required_column && new.has_required_column && o.required != n.required {
                    out.push(change(
                        Kind::FieldRequired,
                        path,
                        true,
                        Some(required_word(o.required)),
                        Some(required_word(n.required)),
                    ));
                }
            }
            (None, None) => {}
        }
    }
}

/// `api: 13 actions added, 40 input parameters added, … (2 breaking)` or `api: no changes`.
pub fn summary_line(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "api: no changes".to_string();
    }
    let counts = counts(changes);
    let parts: Vec<String> =
        Kind::ALL.iter().filter_map(|k| counts.get(k).map(|(n, _)| format!("{n} {}", k.label()))).collect();
    let breaking = changes.iter().filter(|c| c.breaking).count();
    format!("api: {} ({breaking} breaking)", parts.join(", "))
}

fn counts(changes: &[Change]) -> BTreeMap<Kind, (usize, usize)> {
    let mut counts: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    for c in changes {
        let entry = counts.entry(c.kind).or_default();
        entry.0 += 1;
        entry.1 += usize::from(c.breaking);
    }
    counts
}

/// The changes as JSON: a list of `{"kind", "path", "breaking", "old"?, "new"?}`.
pub fn to_json(changes: &[Change]) -> String {
    let mut json = serde_json::to_string_pretty(changes).expect("changes serialize");
    json.push('\n');
    json
}

/// A Markdown report for a pull-request comment: a summary table, then the details
/// grouped by action and by data type.
pub fn to_markdown(title: &str, changes: &[Change]) -> String {
    let mut md = format!("## API changes: {title}\n\n");
    if changes.is_empty() {
        md.push_str("No API changes.\n");
        return md;
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let _ = writeln!(md, "**{} changes, {breaking} breaking.**\n", changes.len());
    md.push_str("| change | count | breaking |\n| --- | ---: | ---: |\n");
    for (kind, (n, b)) in counts(changes) {
        let _ = writeln!(md, "| {} | {n} | {b} |", kind.label());
    }
    // With several product versions, names carry their product version.
    let named = |c: &Change, name: &str| match &c.api {
        Some(api) => format!("{api} {name}"),
        None => name.to_string(),
    };
    let list = |kind: Kind| {
        changes.iter().filter(|c| c.kind == kind).map(|c| format!("`{}`", named(c, &c.path))).collect::<Vec<_>>()
    };
    let mut actions: BTreeMap<String, Vec<&Change>> = BTreeMap::new();
    let mut types: BTreeMap<String, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        let owner = named(c, c.path.split(['.', ':']).next().unwrap_or(&c.path));
        match c.kind {
            Kind::ActionAdded | Kind::ActionRemoved | Kind::TypeAdded | Kind::TypeRemoved => {}
            Kind::FieldAdded | Kind::FieldRemoved | Kind::FieldType | Kind::FieldRequired => {
                types.entry(owner).or_default().push(c)
            }
            _ => actions.entry(owner).or_default().push(c),
        }
    }
    let sections = [
        ("Actions added", list(Kind::ActionAdded), false),
        ("Actions removed", list(Kind::ActionRemoved), true),
        ("Data types added", list(Kind::TypeAdded), false),
        ("Data types removed", list(Kind::TypeRemoved), true),
    ];
    for (heading, names, breaking) in sections {
        if !names.is_empty() {
            let note = if breaking { " — **breaking**" } else { "" };
            let _ = writeln!(md, "\n### {heading} ({}){note}\n\n{}", names.len(), names.join(", "));
        }
    }
    for (heading, groups) in [("Changed actions", &actions), ("Changed data types", &types)] {
        if groups.is_empty() {
            continue;
        }
        let _ = writeln!(md, "\n### {heading}");
        for (owner, list) in groups {
            let _ = writeln!(md, "\n#### `{owner}`\n");
            for c in list {
                let _ = writeln!(md, "- {}", describe(c));
            }
        }
    }
    md
}

fn describe(c: &Change) -> String {
    let member = c.path.split_once(['.', ':']).map_or("", |(_, m)| m);
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let text = match c.kind {
        Kind::ActionAdded => "action added".to_string(),
        Kind::ActionRemoved => "action removed".to_string(),
        Kind::TypeAdded => "data type added".to_string(),
        Kind::TypeRemoved => "data type removed".to_string(),
        Kind::InputAdded => format!("input `{member}` added ({})", value(&c.new)),
        Kind::OutputAdded => format!("output `{member}` added ({})", value(&c.new)),
        Kind::FieldAdded => format!("field `{member}` added ({})", value(&c.new)),
        Kind::InputRemoved => format!("input `{member}` removed (was {})", value(&c.old)),
        Kind::OutputRemoved => format!("output `{member}` removed (was {})", value(&c.old)),
        Kind::FieldRemoved => format!("field `{member}` removed (was {})", value(&c.old)),
        Kind::InputType | Kind::OutputType | Kind::FieldType => {
            format!("`{member}`: type `{}` → `{}`", value(&c.old), value(&c.new))
        }
        Kind::InputRequired | Kind::FieldRequired => format!("`{member}`: {} → {}", value(&c.old), value(&c.new)),
        Kind::ErrorAdded => format!("error code `{member}` added"),
        Kind::ErrorRemoved => format!("error code `{member}` removed"),
        Kind::PaginatorAdded => format!("paginator added ({})", value(&c.new)),
        Kind::PaginatorRemoved => format!("paginator removed (was {})", value(&c.old)),
        Kind::PaginatorChanged => format!("paginator: {} → {}", value(&c.old), value(&c.new)),
        Kind::WaiterAdded => format!("waiter added ({})", value(&c.new)),
        Kind::WaiterRemoved => format!("waiter removed (was {})", value(&c.old)),
        Kind::WaiterChanged => format!("waiter: {} → {}", value(&c.old), value(&c.new)),
    };
    if c.breaking {
        format!("**breaking:** {text}")
    } else {
        text
    }
}
