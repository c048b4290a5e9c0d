//! How the generated error types decode codes (their `from_code` / `from_str` matches), and
//! the codes that decode differently after a change: a behaviour change of the same items.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;
use serde::Serialize;
use syn::{Expr, Pat};

use super::rust_api::{tidy, Bump, PublicItem, RustChange, RustKind};

/// How a type's `from_code` (or `from_str`) turns codes into values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoding {
    /// Code → the value it decodes to (`Self::X` shown as `X`).
    pub codes: BTreeMap<String, String>,
    /// Other codes go through `CommonError::from_code` first (a `Common(..)` case).
    pub common_fallback: bool,
}

/// A code that decodes differently: `AuthFailure`: `Unknown(..)` → `Common(CommonError::AuthFailure)`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Decoded {
    pub code: String,
    pub old: String,
    pub new: String,
}

/// The codes a decoder's `match code { "A" | "B" => Self::X, … }` names, and whether the
/// other codes go through `CommonError::from_code`.
pub(super) fn decoding_of(block: &syn::Block) -> Decoding {
    let mut decoding = Decoding::default();
    let text = block.to_token_stream().to_string();
    decoding.common_fallback = text.contains("CommonError :: from_code");
    for stmt in &block.stmts {
        if let syn::Stmt::Expr(expr, _) = stmt {
            collect_arms(expr, &mut decoding.codes);
        }
    }
    decoding
}

fn collect_arms(expr: &Expr, codes: &mut BTreeMap<String, String>) {
    match expr {
        Expr::Match(m) => {
            for arm in &m.arms {
                let mut literals = Vec::new();
                string_patterns(&arm.pat, &mut literals);
                if literals.is_empty() {
                    collect_arms(&arm.body, codes);
                    continue;
                }
                let value = decoded_value(&arm.body);
                for code in literals {
                    codes.entry(code).or_insert_with(|| value.clone());
                }
            }
        }
        Expr::Call(c) => c.args.iter().for_each(|a| collect_arms(a, codes)),
        Expr::Block(b) => {
            for stmt in &b.block.stmts {
                if let syn::Stmt::Expr(e, _) = stmt {
                    collect_arms(e, codes);
                }
            }
        }
        Expr::Paren(p) => collect_arms(&p.expr, codes),
        _ => {}
    }
}

/// What an arm decodes to, as a reader names it: `Self::X`, `{ Some(Self::X) }` → `X`.
fn decoded_value(body: &Expr) -> String {
    match body {
        Expr::Block(b) => match b.block.stmts.as_slice() {
            [syn::Stmt::Expr(inner, None)] => decoded_value(inner),
            _ => tidy(body.to_token_stream()),
        },
        Expr::Paren(p) => decoded_value(&p.expr),
        Expr::Call(call) if call.args.len() == 1 && matches!(&*call.func, Expr::Path(f) if f.path.is_ident("Some")) => {
            decoded_value(&call.args[0])
        }
        Expr::Path(p) if p.path.segments.first().is_some_and(|s| s.ident == "Self") => {
            p.path.segments.iter().skip(1).map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::")
        }
        other => tidy(other.to_token_stream()),
    }
}

fn string_patterns(pat: &Pat, out: &mut Vec<String>) {
    match pat {
        Pat::Lit(l) => {
            if let syn::Lit::Str(s) = &l.lit {
                out.push(s.value());
            }
        }
        Pat::Or(o) => o.cases.iter().for_each(|c| string_patterns(c, out)),
        _ => {}
    }
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
            "Unknown(..)".to_string()
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
    use super::super::rust_api::tests::crate_of;

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
