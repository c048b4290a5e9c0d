//! How the generated error types decode codes: the string patterns of their `from_code` /
//! `from_str` matches, read with syn; and how the enums of value sets decode wire values:
//! the pairs of their `string_enum!` / `integer_enum!` line.

use std::collections::BTreeMap;

use quote::ToTokens;
use syn::{Expr, Pat};

use super::rust_change::Decoding;
use super::tokens::tidy;

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

/// The enum a `crate::enums::string_enum!(Status { Bind = "BIND", … })` (or
/// `integer_enum!(Mode { V0 = 0, Minus1 = -1 })`) line is about, and how it decodes its
/// wire values (any other value: `Other(..)`).
pub(super) fn value_set_decoding(mac: &syn::Macro) -> Option<(String, Decoding)> {
    use proc_macro2::TokenTree;
    let name = mac.path.segments.last()?.ident.to_string();
    if name != "string_enum" && name != "integer_enum" {
        return None;
    }
    let mut tokens = mac.tokens.clone().into_iter();
    let Some(TokenTree::Ident(ty)) = tokens.next() else { return None };
    let Some(TokenTree::Group(body)) = tokens.next() else { return None };
    let mut decoding = Decoding { fallback: Some("Other(..)".to_string()), ..Decoding::default() };
    let mut pair: Vec<TokenTree> = Vec::new();
    let mut flush = |pair: &mut Vec<TokenTree>| {
        // `Variant = "value"` or `Variant = - 1`.
        if let [TokenTree::Ident(variant), TokenTree::Punct(eq), value @ ..] = pair.as_slice() {
            if eq.as_char() == '=' {
                let text: String = value.iter().map(ToString::to_string).collect();
                let wire = syn::parse_str::<syn::LitStr>(&text).map(|s| s.value()).unwrap_or(text);
                decoding.codes.insert(wire, variant.to_string());
            }
        }
        pair.clear();
    };
    for token in body.stream() {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' => flush(&mut pair),
            _ => pair.push(token),
        }
    }
    flush(&mut pair);
    Some((ty.to_string(), decoding))
}
