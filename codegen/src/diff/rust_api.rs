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
//! - anything else in the generated code (documentation, validation, bodies): **patch**.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::ToTokens;
use serde::Serialize;
use syn::{ImplItem, Item, UseTree, Visibility};

use super::decoding::{decoding_changes, decoding_of, Decoded, Decoding};
use crate::ir::Api;

/// How large a release a change calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    Patch,
    Minor,
    Major,
}

impl Bump {
    /// `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// What happened to a public item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RustKind {
    Added,
    Removed,
    Changed,
    /// The same item behaves differently: error codes that decode to other variants.
    Behaviour,
}

impl RustKind {
    fn label(self) -> &'static str {
        match self {
            RustKind::Added => "added",
            RustKind::Removed => "removed",
            RustKind::Changed => "changed",
            RustKind::Behaviour => "behaviour changes",
        }
    }
}

/// One change of the generated crates' public API.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RustChange {
    /// The item's public path under the `tencentcloud_api` crate:
    /// `vpc::v20170312::AssociateAddressRequest::address_id`.
    pub path: String,
    pub kind: RustKind,
    /// `struct`, `field`, `enum`, `variant`, `fn`, `method`, `impl`, `const`, `type`,
    /// `module`, `decoding`.
    pub item: &'static str,
    pub bump: Bump,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// Why this bump, where it is not the plain rule; what a behaviour change is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A behaviour change: each code that decodes to another value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decoded: Vec<Decoded>,
}

/// The Rust API view of a change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RustApi {
    /// The release the change calls for; `None` when the generated code is the same.
    pub bump: Option<Bump>,
    pub changes: Vec<RustChange>,
}

impl RustApi {
    /// `rust api: 12 added, 1 removed, 3 behaviour changes; semver: major`.
    pub fn summary(&self) -> String {
        let mut counts: BTreeMap<RustKind, usize> = BTreeMap::new();
        for c in &self.changes {
            *counts.entry(c.kind).or_default() += 1;
        }
        let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {}", k.label())).collect();
        let items = if parts.is_empty() { "no public item changed".to_string() } else { parts.join(", ") };
        let bump = self.bump.map_or("none", Bump::as_str);
        format!("rust api: {items}; semver: {bump}")
    }
}

/// The Rust API view between two sets of product versions: each product version found on
/// both sides with a different IR is generated both ways and compared item by item; one
/// found on one side only is a module added (minor) or removed (major).
pub fn rust_api(old: &[Api], new: &[Api]) -> Result<RustApi, String> {
    let mut view = RustApi::default();
    for pair in super::pairs(old, new) {
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

/// A public item of the generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicItem {
    /// `struct`, `field`, …
    pub item: &'static str,
    /// The signature as written, without attributes, documentation or bodies.
    pub signature: String,
    /// Structures and enums: `#[non_exhaustive]`.
    pub non_exhaustive: bool,
    /// Structures and enums: the derived traits.
    pub derives: BTreeSet<String>,
    /// Error decoding, for types with a `from_code`/`from_str` matching code strings.
    pub decoding: Option<Decoding>,
}

/// A module being read: its internal path and items.
struct Module {
    path: Vec<String>,
    items: Vec<Item>,
    /// Every module on the way is `pub`.
    reachable: bool,
}

/// The public items of a crate, by public path (`<display_root>::…`), from its sources
/// (`files`: path → text; `root`: the crate root's path among them).
pub fn public_items(
    files: &BTreeMap<String, String>,
    root: &str,
    display_root: &str,
) -> Result<BTreeMap<String, PublicItem>, String> {
    let modules = read_modules(files, root)?;
    // Internal path of every item defined in a module → whether it is `pub`.
    let mut defined: BTreeMap<Vec<String>, bool> = BTreeMap::new();
    for m in &modules {
        for item in &m.items {
            if let Some((name, public)) = item_name(item) {
                defined.insert(joined(&m.path, &name), public);
            }
        }
    }
    // Internal path → public path, for items reachable by name or by `pub use`.
    let mut public: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for m in &modules {
        for item in &m.items {
            match item {
                Item::Use(u) if is_pub(&u.vis) => {
                    for (target, alias) in use_targets(&m.path, &u.tree) {
                        if defined.get(&target) == Some(&true) && m.reachable {
                            public.entry(target).or_insert_with(|| joined(&m.path, &alias));
                        }
                    }
                }
                _ => {
                    if let Some((name, true)) = item_name(item) {
                        if m.reachable && !matches!(item, Item::Mod(_)) {
                            public.entry(joined(&m.path, &name)).or_insert_with(|| joined(&m.path, &name));
                        }
                    }
                }
            }
        }
    }
    let shown = |path: &[String]| {
        let mut all = vec![display_root.to_string()];
        all.extend(path.iter().cloned());
        all.join("::")
    };
    let mut out = BTreeMap::new();
    for m in &modules {
        for item in &m.items {
            let Some((name, _)) = item_name(item) else { continue };
            let Some(at) = public.get(&joined(&m.path, &name)) else { continue };
            describe_item(item, &shown(at), &mut out);
        }
    }
    // Impl blocks: methods of public types, trait impls, decoders.
    for m in &modules {
        for item in &m.items {
            let Item::Impl(block) = item else { continue };
            let Some(own) = self_type(&m.path, &block.self_ty) else { continue };
            let Some(at) = public.get(&own) else { continue };
            let at = shown(at);
            describe_impl(block, &at, &mut out);
        }
    }
    Ok(out)
}

/// Reads the module tree from the crate root.
fn read_modules(files: &BTreeMap<String, String>, root: &str) -> Result<Vec<Module>, String> {
    let mut modules = Vec::new();
    let mut work = vec![(root.to_string(), Vec::<String>::new(), true)];
    while let Some((file, path, reachable)) = work.pop() {
        let text = files.get(&file).ok_or_else(|| format!("{file}: a module file the crate names is missing"))?;
        let parsed = syn::parse_file(text).map_err(|e| format!("{file}: {e}"))?;
        // `x/mod.rs` and `lib.rs` hold their children beside them; `x.rs` in `x/`.
        let dir = match file.rsplit_once('/') {
            Some((dir, name)) if name == "mod.rs" || name == "lib.rs" => dir.to_string(),
            Some((dir, name)) => format!("{dir}/{}", name.trim_end_matches(".rs")),
            None => String::new(),
        };
        for item in &parsed.items {
            if let Item::Mod(m) = item {
                let name = m.ident.to_string();
                let child = joined(&path, &name);
                let visible = reachable && is_pub(&m.vis);
                match &m.content {
                    Some((_, items)) => {
                        modules.push(Module { path: child, items: items.clone(), reachable: visible });
                    }
                    None => {
                        let flat = format!("{dir}/{name}.rs");
                        let nested = format!("{dir}/{name}/mod.rs");
                        let file = if files.contains_key(&flat) { flat } else { nested };
                        work.push((file, child, visible));
                    }
                }
            }
        }
        modules.push(Module { path, items: parsed.items, reachable });
    }
    modules.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(modules)
}

fn joined(path: &[String], name: &str) -> Vec<String> {
    let mut all = path.to_vec();
    all.push(name.to_string());
    all
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// The name an item defines and whether it is `pub`.
fn item_name(item: &Item) -> Option<(String, bool)> {
    let (ident, vis) = match item {
        Item::Struct(i) => (&i.ident, &i.vis),
        Item::Enum(i) => (&i.ident, &i.vis),
        Item::Fn(i) => (&i.sig.ident, &i.vis),
        Item::Const(i) => (&i.ident, &i.vis),
        Item::Static(i) => (&i.ident, &i.vis),
        Item::Type(i) => (&i.ident, &i.vis),
        Item::Trait(i) => (&i.ident, &i.vis),
        Item::Union(i) => (&i.ident, &i.vis),
        Item::Mod(i) => (&i.ident, &i.vis),
        _ => return None,
    };
    Some((ident.to_string(), is_pub(vis)))
}

/// The items a `use` tree names, as (internal path, name it is exported as); paths outside
/// the crate (other crates) are left out.
fn use_targets(module: &[String], tree: &UseTree) -> Vec<(Vec<String>, String)> {
    fn walk(base: Vec<String>, tree: &UseTree, out: &mut Vec<(Vec<String>, String)>) {
        match tree {
            UseTree::Path(p) => {
                let segment = p.ident.to_string();
                let next = match segment.as_str() {
                    "crate" => Vec::new(),
                    "self" => base,
                    "super" => {
                        let mut b = base;
                        b.pop();
                        b
                    }
                    _ => joined(&base, &segment),
                };
                walk(next, &p.tree, out);
            }
            UseTree::Name(n) => out.push((joined(&base, &n.ident.to_string()), n.ident.to_string())),
            UseTree::Rename(r) => out.push((joined(&base, &r.ident.to_string()), r.rename.to_string())),
            UseTree::Group(g) => {
                for t in &g.items {
                    walk(base.clone(), t, out);
                }
            }
            // Globs re-export other crates here (the runtime): not the generated API.
            UseTree::Glob(_) => {}
        }
    }
    let mut out = Vec::new();
    walk(module.to_vec(), tree, &mut out);
    out
}

/// The internal path of an impl block's self type (a name defined in the crate).
fn self_type(module: &[String], ty: &syn::Type) -> Option<Vec<String>> {
    let syn::Type::Path(p) = ty else { return None };
    let mut path = module.to_vec();
    let segments: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let (last, leading) = segments.split_last()?;
    for s in leading {
        match s.as_str() {
            "crate" => path.clear(),
            "self" => {}
            "super" => {
                path.pop();
            }
            other => path.push(other.to_string()),
        }
    }
    path.push(last.clone());
    Some(path)
}

/// Tokens as one line of Rust: `Option<Vec<String>>`, `fn f(&self) -> T`.
pub(super) fn tidy(tokens: TokenStream) -> String {
    let mut text = tokens.to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" ::", "::"),
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" ,", ","),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
        ("& ", "&"),
        (" ;", ";"),
        (" :", ":"),
        (" !", "!"),
    ] {
        text = text.replace(from, to);
    }
    text = text.replace(",)", ")").replace(",>", ">").replace(" (", "(");
    text.replace("->", " -> ").replace("  ", " ")
}

fn attributes_of(attrs: &[syn::Attribute]) -> (bool, BTreeSet<String>) {
    let mut non_exhaustive = false;
    let mut derives = BTreeSet::new();
    for attr in attrs {
        if attr.path().is_ident("non_exhaustive") {
            non_exhaustive = true;
        } else if attr.path().is_ident("derive") {
            let _ = attr.parse_nested_meta(|meta| {
                if let Some(name) = meta.path.segments.last() {
                    derives.insert(name.ident.to_string());
                }
                Ok(())
            });
        }
    }
    (non_exhaustive, derives)
}

fn plain(item: &'static str, signature: String) -> PublicItem {
    PublicItem { item, signature, non_exhaustive: false, derives: BTreeSet::new(), decoding: None }
}

/// The entries of one public item: itself, and its fields or variants.
fn describe_item(item: &Item, at: &str, out: &mut BTreeMap<String, PublicItem>) {
    match item {
        Item::Struct(s) => {
            let (non_exhaustive, derives) = attributes_of(&s.attrs);
            let generics = &s.generics;
            let signature = tidy(quote::quote! { pub struct #generics });
            let signature = signature.replacen("pub struct", &format!("pub struct {}", s.ident), 1);
            out.insert(
                at.to_string(),
                PublicItem { item: "struct", signature, non_exhaustive, derives, decoding: None },
            );
            for (i, field) in s.fields.iter().enumerate() {
                if !is_pub(&field.vis) {
                    continue;
                }
                let name = field.ident.as_ref().map_or_else(|| i.to_string(), ToString::to_string);
                out.insert(format!("{at}::{name}"), plain("field", tidy(field.ty.to_token_stream())));
            }
        }
        Item::Enum(e) => {
            let (non_exhaustive, derives) = attributes_of(&e.attrs);
            let signature = format!("pub enum {}", e.ident);
            out.insert(at.to_string(), PublicItem { item: "enum", signature, non_exhaustive, derives, decoding: None });
            for v in &e.variants {
                let fields = &v.fields;
                out.insert(format!("{at}::{}", v.ident), plain("variant", tidy(quote::quote! { #fields })));
            }
        }
        Item::Fn(f) => {
            let sig = &f.sig;
            out.insert(at.to_string(), plain("fn", tidy(quote::quote! { #sig })));
        }
        Item::Const(c) => {
            let (ty, expr) = (&c.ty, &c.expr);
            out.insert(at.to_string(), plain("const", tidy(quote::quote! { #ty = #expr })));
        }
        Item::Static(s) => {
            let ty = &s.ty;
            out.insert(at.to_string(), plain("static", tidy(quote::quote! { #ty })));
        }
        Item::Type(t) => {
            let ty = &t.ty;
            out.insert(at.to_string(), plain("type", tidy(quote::quote! { #ty })));
        }
        Item::Trait(t) => {
            out.insert(at.to_string(), plain("trait", format!("pub trait {}", t.ident)));
        }
        _ => {}
    }
}

/// An impl block of a public type: its `pub` methods, the trait it implements, and how it
/// decodes codes.
fn describe_impl(block: &syn::ItemImpl, at: &str, out: &mut BTreeMap<String, PublicItem>) {
    if let Some((trait_path, _)) = &block.trait_ {
        let mut name = tidy(trait_path.to_token_stream());
        for prefix in ["crate::", "std::"] {
            name = name.trim_start_matches(prefix).to_string();
        }
        let generics = &block.generics;
        let generics = tidy(generics.to_token_stream());
        out.insert(format!("{at}: impl{generics} {name}"), plain("impl", format!("impl{generics} {name}")));
    }
    for member in &block.items {
        let ImplItem::Fn(f) = member else { continue };
        let name = f.sig.ident.to_string();
        if matches!(name.as_str(), "from_code" | "from_str") {
            let decoding = decoding_of(&f.block);
            if !decoding.codes.is_empty() || decoding.common_fallback {
                let entry = out.get_mut(at);
                if let Some(entry) = entry {
                    let merged = entry.decoding.get_or_insert_with(Decoding::default);
                    merged.codes.extend(decoding.codes);
                    merged.common_fallback |= decoding.common_fallback;
                }
            }
        }
        if block.trait_.is_none() && is_pub(&f.vis) {
            let sig = &f.sig;
            out.insert(format!("{at}::{name}"), plain("method", tidy(quote::quote! { #sig })));
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::diff) fn crate_of(files: &[(&str, &str)]) -> BTreeMap<String, PublicItem> {
        let files: BTreeMap<String, String> = files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        public_items(&files, "src/lib.rs", "demo").unwrap()
    }

    #[test]
    fn public_paths_follow_pub_mod_and_pub_use() {
        let items = crate_of(&[
            ("src/lib.rs", "use other_crate::*; pub mod v1; mod hidden; pub use hidden::Shown;"),
            (
                "src/hidden.rs",
                "pub struct Shown; pub struct NotShown; impl Shown { pub fn go(&self) {} fn private(&self) {} }",
            ),
            (
                "src/v1/mod.rs",
                "mod a; pub use a::{A, AError as Renamed}; pub const VERSION: &str = \"v1\"; struct Private;",
            ),
            (
                "src/v1/a.rs",
                "#[derive(Debug, Default)] pub struct A { pub x: Option<String>, y: u8 }
                 #[non_exhaustive] pub enum AError { One, Two(String) }
                 impl crate::Wire for A {}",
            ),
        ]);
        let paths: Vec<(&str, &str, &str)> =
            items.iter().map(|(p, i)| (p.as_str(), i.item, i.signature.as_str())).collect();
        assert_eq!(
            paths,
            [
                ("demo::Shown", "struct", "pub struct Shown"),
                ("demo::Shown::go", "method", "fn go(&self)"),
                ("demo::v1::A", "struct", "pub struct A"),
                ("demo::v1::A: impl Wire", "impl", "impl Wire"),
                ("demo::v1::A::x", "field", "Option<String>"),
                ("demo::v1::Renamed", "enum", "pub enum AError"),
                ("demo::v1::Renamed::One", "variant", ""),
                ("demo::v1::Renamed::Two", "variant", "(String)"),
                ("demo::v1::VERSION", "const", "&str = \"v1\""),
            ]
        );
        assert!(items["demo::v1::Renamed"].non_exhaustive);
        assert_eq!(items["demo::v1::A"].derives.iter().collect::<Vec<_>>(), ["Debug", "Default"]);
    }

    #[test]
    fn signatures_read_as_rust() {
        let ty: syn::Type = syn::parse_str("Option < Vec < super :: Tag > >").unwrap();
        assert_eq!(tidy(ty.to_token_stream()), "Option<Vec<super::Tag>>");
        let sig: syn::Signature = syn::parse_str("fn f<'a>(&'a self, r: &'a R,) -> crate::Pending<'a, A, B,>").unwrap();
        assert_eq!(tidy(sig.to_token_stream()), "fn f<'a>(&'a self, r: &'a R) -> crate::Pending<'a, A, B>");
    }
}
