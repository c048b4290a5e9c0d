//! The Rust API view of a change: the public items of the generated crates before and
//! after (read from the generated code itself, with syn), what was added, removed or
//! changed, how error codes decode differently, and the semver bump all that implies.
//!
//! The rules (the Cargo book's SemVer compatibility chapter, applied to what is generated):
//! - an item removed or its signature changed: **major**;
//! - an item added: **minor**; a field added to a `#[non_exhaustive]` structure or a
//!   variant to a `#[non_exhaustive]` enum: **minor**; an optional field (`Option`) added
//!   to a request structure (not `#[non_exhaustive]`, derives `Default`, built with
//!   `..Default::default()` as every example shows): **minor**, noted; a required one:
//!   **major** (such code compiles but sends an empty value); a field or variant added to
//!   anything else: **major**;
//! - `#[non_exhaustive]` added or a derive removed: **major**; the reverse: **minor**;
//! - a code that decodes to another variant than before (a code documented for the
//!   action, or a `Common(..)` case that now catches the common codes that were
//!   `Unknown(..)`): a **behaviour change**, **minor** (as a new variant of a
//!   `#[non_exhaustive]` enum is), reported on its own so that code matching
//!   `Unknown("AuthFailure…")` is found;
//! - a documented limit that a request's `validate_limits` checks made tighter (a minimum
//!   raised, a maximum lowered, a limit added): a **behaviour change**, **major** (a request
//!   that was sent is now refused before it is sent, unless the client is built with
//!   `documented_limits(false)`); made looser or removed: **minor** (`checks.rs`);
//! - a field whose documented unit changes from one to another (`CNY` → `USD`): a
//!   **behaviour change**, **major** (read from the IR: the unit is only documentation in
//!   the code);
//! - anything else in the generated code (documentation, validation, bodies): **patch**.

use std::collections::{BTreeMap, BTreeSet};

use super::changes::pairs;
use super::public_items::{public_items, PublicItem};
use super::rust_change::{Bump, Decoded, Decoding, RustApi, RustChange, RustKind};
use crate::ir::Api;

/// The Rust API view between two sets of product versions: each product version found on
/// both sides with a different IR is generated both ways and compared item by item; one
/// found on one side only is a module added (minor) or removed (major).
pub fn rust_api(old: &[Api], new: &[Api]) -> Result<RustApi, String> {
    let mut view = RustApi::default();
    for pair in pairs(old, new) {
        match pair {
            (Some(o), Some(n)) if o == n => {}
            (Some(o), Some(n)) => compare_versions(o, n, &mut view)?,
            (Some(o), None) => view.changes.push(module_change(o, RustKind::Removed, Bump::Major)),
            (None, Some(n)) => view.changes.push(module_change(n, RustKind::Added, Bump::Minor)),
            (None, None) => {}
        }
    }
    view.changes.sort();
    if let Some(max) = view.changes.iter().map(|c| c.bump).max() {
        view.bump = Some(max);
    }
    Ok(view)
}

fn module_change(api: &Api, kind: RustKind, bump: Bump) -> RustChange {
    RustChange {
        path: format!("{}::{}", api.rust_module, api.rust_version_module),
        kind,
        item: "module",
        bump,
        old: None,
        new: None,
        note: None,
        decoded: Vec::new(),
    }
}

/// One product version generated both ways.
fn compare_versions(old: &Api, new: &Api, view: &mut RustApi) -> Result<(), String> {
    let sources = |api: &Api| -> Result<BTreeMap<String, String>, String> {
        let generated = crate::emit::generate(std::slice::from_ref(api))?;
        let prefix = format!("products/{}/src/", api.rust_module);
        Ok(generated.files.into_iter().filter(|(path, _)| path.starts_with(&prefix)).collect())
    };
    let (old_files, new_files) = (sources(old)?, sources(new)?);
    let root = |api: &Api| format!("products/{}/src/lib.rs", api.rust_module);
    let old_items = public_items(&old_files, &root(old), &old.rust_module)?;
    let new_items = public_items(&new_files, &root(new), &new.rust_module)?;
    let before = view.changes.len();
    compare_items(&old_items, &new_items, &mut view.changes);
    decoding_changes(&old_items, &new_items, &mut view.changes);
    let none = super::checks::Checks::new();
    let requests = new_items.iter().filter_map(|(path, n)| {
        let o = old_items.get(path)?;
        let (oc, nc) = (o.checks.as_ref(), n.checks.as_ref());
        (oc.is_some() || nc.is_some()).then(|| (path.as_str(), oc.unwrap_or(&none), nc.unwrap_or(&none)))
    });
    super::checks::limit_changes(requests, &mut view.changes);
    unit_changes(old, new, &mut view.changes);
    // Nothing public changed, yet the code did: documentation, validation, bodies.
    if view.changes.len() == before && old_files != new_files {
        view.bump = view.bump.max(Some(Bump::Patch));
        view.changes.push(RustChange {
            path: format!("{}::{}", new.rust_module, new.rust_version_module),
            kind: RustKind::Changed,
            item: "module",
            bump: Bump::Patch,
            old: None,
            new: None,
            note: Some("documentation or implementation only".to_string()),
            decoded: Vec::new(),
        });
    }
    Ok(())
}

/// Fields whose documented unit changed from one to another (`s` → `ms`, `CNY` → `USD`):
/// the same type, but the same number now means another thing: a behaviour change,
/// **major**. (A unit that appears or goes is documentation.)
fn unit_changes(old: &Api, new: &Api, out: &mut Vec<RustChange>) {
    let module = format!("{}::{}", new.rust_module, new.rust_version_module);
    // Every structure of the generated code with its fields: requests, responses, types.
    let structures = |api: &Api| -> BTreeMap<String, BTreeMap<String, (String, Option<String>)>> {
        let fields = |params: &[crate::ir::Param]| {
            params.iter().map(|p| (p.name.clone(), (p.rust_name.clone(), p.facts.unit.clone()))).collect()
        };
        let mut all = BTreeMap::new();
        for a in api.actions.values() {
            all.insert(a.rust.request.clone(), fields(&a.input));
            all.insert(a.rust.response.clone(), fields(&a.output));
        }
        for t in api.data_types.values() {
            all.insert(t.rust_name.clone(), fields(&t.fields));
        }
        all
    };
    let (before, after) = (structures(old), structures(new));
    for (structure, fields) in &after {
        let Some(was) = before.get(structure) else { continue };
        for (wire, (rust, unit)) in fields {
            let Some((_, Some(old_unit))) = was.get(wire) else { continue };
            let Some(new_unit) = unit.as_ref().filter(|u| *u != old_unit) else { continue };
            out.push(RustChange {
                path: format!("{module}::{structure}::{rust}"),
                kind: RustKind::Behaviour,
                item: "unit",
                bump: Bump::Major,
                old: Some(old_unit.clone()),
                new: Some(new_unit.clone()),
                note: Some("the documented unit changed: the same number means another thing".to_string()),
                decoded: Vec::new(),
            });
        }
    }
}

/// Items added, removed and changed, with their bumps.
fn compare_items(old: &BTreeMap<String, PublicItem>, new: &BTreeMap<String, PublicItem>, out: &mut Vec<RustChange>) {
    // The item a member belongs to: `A::b` → `A`, `A: impl T` → `A`.
    let parent_of = |path: &str| -> String {
        match path.split_once(": impl") {
            Some((owner, _)) => owner.to_string(),
            None => path.rsplit_once("::").map_or_else(String::new, |(owner, _)| owner.to_string()),
        }
    };
    let push = |out: &mut Vec<RustChange>,
                path: &str,
                kind,
                item,
                bump,
                old: Option<String>,
                new: Option<String>,
                note: Option<&str>| {
        out.push(RustChange {
            path: path.to_string(),
            kind,
            item,
            bump,
            old,
            new,
            note: note.map(str::to_string),
            decoded: Vec::new(),
        })
    };
    for path in old.keys().chain(new.keys()).collect::<BTreeSet<_>>() {
        let owner = parent_of(path);
        match (old.get(path), new.get(path)) {
            (None, Some(n)) => {
                // Members of a new item come with it.
                if !owner.is_empty() && !old.contains_key(&owner) && new.contains_key(&owner) {
                    continue;
                }
                let container = new.get(&owner);
                let (bump, note) = match (n.item, container) {
                    ("field", Some(c)) if c.non_exhaustive => (Bump::Minor, None),
                    ("field", Some(c)) if c.derives.contains("Default") && n.signature.starts_with("Option<") => (
                        Bump::Minor,
                        Some("an optional field of a request structure, built with `..Default::default()`; a struct literal naming every field must add it"),
                    ),
                    ("field", Some(c)) if c.derives.contains("Default") => (
                        Bump::Major,
                        Some("a required field: code built with `..Default::default()` compiles but sends an empty value"),
                    ),
                    ("field", _) => (Bump::Major, Some("a new public field of a structure without `#[non_exhaustive]`")),
                    ("variant", Some(c)) if c.non_exhaustive => (Bump::Minor, None),
                    ("variant", _) => (Bump::Major, Some("a new variant of an enum without `#[non_exhaustive]`")),
                    _ => (Bump::Minor, None),
                };
                push(out, path, RustKind::Added, n.item, bump, None, Some(shown(n)), note);
            }
            (Some(o), None) => {
                if !owner.is_empty() && old.contains_key(&owner) && !new.contains_key(&owner) {
                    continue;
                }
                push(out, path, RustKind::Removed, o.item, Bump::Major, Some(shown(o)), None, None);
            }
            (Some(o), Some(n)) => {
                if let Some((bump, note)) = item_changed(o, n) {
                    push(out, path, RustKind::Changed, n.item, bump, Some(shown(o)), Some(shown(n)), note);
                }
            }
            (None, None) => {}
        }
    }
}

/// An item as shown in a report: its signature, `#[non_exhaustive]` and derives.
fn shown(item: &PublicItem) -> String {
    let mut text = String::new();
    if item.non_exhaustive {
        text.push_str("#[non_exhaustive] ");
    }
    if !item.derives.is_empty() {
        text.push_str(&format!("#[derive({})] ", item.derives.iter().cloned().collect::<Vec<_>>().join(", ")));
    }
    text.push_str(&item.signature);
    text
}

/// The bump of a changed item, if it changed.
fn item_changed(old: &PublicItem, new: &PublicItem) -> Option<(Bump, Option<&'static str>)> {
    if old.signature != new.signature || old.item != new.item {
        return Some((Bump::Major, None));
    }
    let mut bump = None;
    let mut note = None;
    let mut raise = |b: Bump, n: &'static str| {
        if bump.is_none_or(|current| b > current) {
            bump = Some(b);
            note = Some(n);
        }
    };
    match (old.non_exhaustive, new.non_exhaustive) {
        (false, true) => raise(Bump::Major, "now `#[non_exhaustive]`: cannot be built or matched exhaustively"),
        (true, false) => raise(Bump::Minor, "no longer `#[non_exhaustive]`"),
        _ => {}
    }
    if !old.derives.is_subset(&new.derives) {
        raise(Bump::Major, "a derived trait removed");
    } else if old.derives != new.derives {
        raise(Bump::Minor, "a derived trait added");
    }
    bump.map(|b| (b, note))
}

/// Types whose decoders map some code to another value than before.
pub(super) fn decoding_changes(
    old: &BTreeMap<String, PublicItem>,
    new: &BTreeMap<String, PublicItem>,
    out: &mut Vec<RustChange>,
) {
    // The common codes each side knows (`CommonError`'s decoder), by version module.
    let common = |items: &BTreeMap<String, PublicItem>| -> BTreeMap<String, Decoding> {
        items
            .iter()
            .filter(|(path, _)| path.ends_with("::CommonError"))
            .filter_map(|(path, item)| Some((module_of(path), item.decoding.clone()?)))
            .collect()
    };
    let (old_common, new_common) = (common(old), common(new));
    for (path, n) in new {
        let (Some(o), Some(new_decoding)) = (old.get(path), &n.decoding) else { continue };
        if path.ends_with("::CommonError") {
            continue;
        }
        let old_decoding = o.decoding.clone().unwrap_or_default();
        let module = module_of(path);
        let decode = |d: &Decoding, commons: &BTreeMap<String, Decoding>, code: &str| -> String {
            if let Some(v) = d.codes.get(code) {
                return v.clone();
            }
            if d.common_fallback {
                if let Some(v) = commons.get(&module).and_then(|c| c.codes.get(code)) {
                    return format!("Common(CommonError::{v})");
                }
            }
            d.fallback.clone().unwrap_or_else(|| "Unknown(..)".to_string())
        };
        let mut codes: BTreeSet<&String> = old_decoding.codes.keys().chain(new_decoding.codes.keys()).collect();
        for commons in [old_common.get(&module), new_common.get(&module)].into_iter().flatten() {
            codes.extend(commons.codes.keys());
        }
        let mut moved = Vec::new();
        for code in codes {
            let (before, after) = (decode(&old_decoding, &old_common, code), decode(new_decoding, &new_common, code));
            if before != after {
                moved.push(Decoded { code: code.clone(), old: before, new: after });
            }
        }
        if moved.is_empty() {
            continue;
        }
        let common_added = !old_decoding.common_fallback && new_decoding.common_fallback;
        let what = if common_added { "a `Common(..)` case added; " } else { "" };
        out.push(RustChange {
            path: path.clone(),
            kind: RustKind::Behaviour,
            item: "decoding",
            bump: Bump::Minor,
            old: None,
            new: None,
            note: Some(format!("{what}{} codes decode differently", moved.len())),
            decoded: moved,
        });
    }
}

/// `vpc::v20170312::X` → `vpc::v20170312`.
fn module_of(path: &str) -> String {
    path.rsplit_once("::").map_or_else(String::new, |(m, _)| m.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(source: &str) -> BTreeMap<String, PublicItem> {
        let files = BTreeMap::from([("src/lib.rs".to_string(), source.to_string())]);
        public_items(&files, "src/lib.rs", "demo").unwrap()
    }

    /// The enum of a value set, as generated: a value added is a variant added to a
    /// `#[non_exhaustive]` enum (minor) that decodes what was `Other(..)`; a value removed
    /// is a variant removed (major).
    #[test]
    fn values_of_a_value_set_enum_added_and_removed() {
        let old = items(
            "#[non_exhaustive] pub enum Status { Bind, Unbind, Other(String) }
             crate::enums::string_enum!(Status { Bind = \"BIND\", Unbind = \"UNBIND\" });",
        );
        let new = items(
            "#[non_exhaustive] pub enum Status { Bind, Smart, Other(String) }
             crate::enums::string_enum!(Status { Bind = \"BIND\", Smart = \"SMART\" });",
        );
        let mut changes = Vec::new();
        compare_items(&old, &new, &mut changes);
        decoding_changes(&old, &new, &mut changes);
        let got: Vec<(RustKind, &str, &str, Bump)> =
            changes.iter().map(|c| (c.kind, c.path.as_str(), c.item, c.bump)).collect();
        assert_eq!(
            got,
            [
                (RustKind::Added, "demo::Status::Smart", "variant", Bump::Minor),
                (RustKind::Removed, "demo::Status::Unbind", "variant", Bump::Major),
                (RustKind::Behaviour, "demo::Status", "decoding", Bump::Minor),
            ]
        );
        let moved: Vec<(&str, &str, &str)> =
            changes[2].decoded.iter().map(|d| (d.code.as_str(), d.old.as_str(), d.new.as_str())).collect();
        assert_eq!(moved, [("SMART", "Other(..)", "Smart"), ("UNBIND", "Unbind", "Other(..)")]);
    }
}
