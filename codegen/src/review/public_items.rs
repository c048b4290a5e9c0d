//! The public items of a generated crate, read from its sources with syn: each item's public
//! path (following `pub mod` and `pub use`), signature, `#[non_exhaustive]`, derives, and
//! for error types how they decode codes.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;
use syn::{ImplItem, Item, UseTree, Visibility};

use super::checks::{checks_of, Checks};
use super::decoders::{decoding_of, value_set_decoding};
use super::rust_change::Decoding;
use super::tokens::tidy;

/// A public item of the generated code.
#[derive(Debug, Clone, PartialEq)]
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
    /// Requests: the documented limits their `validate_limits` checks.
    pub checks: Option<Checks>,
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
    // Impl blocks: methods of public types, trait impls, decoders; the one-line impls of
    // value-set enums (`string_enum!`), how they decode.
    for m in &modules {
        for item in &m.items {
            if let Item::Macro(mac) = item {
                let Some((name, decoding)) = value_set_decoding(&mac.mac) else { continue };
                let entry = public.get(&joined(&m.path, &name)).and_then(|at| out.get_mut(&shown(at)));
                if let Some(entry) = entry {
                    entry.decoding = Some(decoding);
                }
                continue;
            }
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
    PublicItem { item, signature, non_exhaustive: false, derives: BTreeSet::new(), decoding: None, checks: None }
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
                PublicItem { item: "struct", signature, non_exhaustive, derives, decoding: None, checks: None },
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
            out.insert(
                at.to_string(),
                PublicItem { item: "enum", signature, non_exhaustive, derives, decoding: None, checks: None },
            );
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
        if name == "validate_limits" {
            if let Some(entry) = out.get_mut(at) {
                entry.checks = Some(checks_of(&f.block));
            }
        }
        if block.trait_.is_none() && is_pub(&f.vis) {
            let sig = &f.sig;
            out.insert(format!("{at}::{name}"), plain("method", tidy(quote::quote! { #sig })));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_of(files: &[(&str, &str)]) -> BTreeMap<String, PublicItem> {
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

    #[test]
    fn value_set_enums_decode_as_their_macro_line_says() {
        let items = crate_of(&[(
            "src/lib.rs",
            "#[non_exhaustive] pub enum Status { Bind, Unbind, Other(String) }
             crate::enums::string_enum!(Status { Bind = \"BIND\", Unbind = \"UNBIND\" });
             pub enum Mode { V0, Minus1, Other(i64) }
             crate::enums::integer_enum!(Mode { V0 = 0, Minus1 = - 1 });
             crate::wire::serde_by_wire!(Status);",
        )]);
        let status = items["demo::Status"].decoding.as_ref().unwrap();
        assert_eq!(
            status.codes.iter().map(|(c, v)| (c.as_str(), v.as_str())).collect::<Vec<_>>(),
            [("BIND", "Bind"), ("UNBIND", "Unbind")]
        );
        assert_eq!(status.fallback.as_deref(), Some("Other(..)"));
        let mode = items["demo::Mode"].decoding.as_ref().unwrap();
        assert_eq!(
            mode.codes.iter().map(|(c, v)| (c.as_str(), v.as_str())).collect::<Vec<_>>(),
            [("-1", "Minus1"), ("0", "V0")]
        );
    }

    #[test]
    fn decoders_are_read_from_their_match() {
        let items = crate_of(&[(
            "src/lib.rs",
            "pub enum E { A, Common(CommonError), Unknown(String) }
             impl crate::ApiError for E {
                 fn from_code(code: &str) -> Self {
                     match code {
                         \"A\" | \"A.\" => Self::A,
                         \"B\" => { Self::B }
                         _ => match super::CommonError::from_code(code) { Some(c) => Self::Common(c), None => Self::Unknown(code.to_string()) },
                     }
                 }
             }
             pub enum CommonError { X }
             impl CommonError { pub fn from_code(code: &str) -> Option<Self> { match code { \"X\" => Some(Self::X), \"Y\" => { Some(Self::Y) } _ => None } } }",
        )]);
        let e = items["demo::E"].decoding.as_ref().unwrap();
        assert!(e.common_fallback);
        assert_eq!(
            e.codes.iter().map(|(c, v)| (c.as_str(), v.as_str())).collect::<Vec<_>>(),
            [("A", "A"), ("A.", "A"), ("B", "B")]
        );
        let common = items["demo::CommonError"].decoding.as_ref().unwrap();
        assert_eq!((common.codes["X"].as_str(), common.codes["Y"].as_str()), ("X", "Y"));
        assert!(!common.common_fallback);
    }
}
