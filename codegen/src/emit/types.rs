//! `src/<product>/<version>/types.rs`: the structures of the Data Types page that the
//! documented actions use. A field that leads back to its own structure without passing
//! through a list is boxed.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::{Enums, Owner};
use super::fields::{documented_impl, fields, wire_impl};
use super::rustdoc::docs_then;
use super::tokens::ident;
use crate::ir::{Api, DataType, Type};

pub fn types_file(api: &Api, enums: &Enums) -> TokenStream {
    let direct = direct_references(api);
    let in_requests = reachable_from_inputs(api);
    let structs = api.data_types.values().map(|dt| {
        let DataType { name, rust_name, description, has_required_column: _, fields: params } = dt;
        let id = ident(rust_name);
        let doc = docs_then(description, &[format!("Structure `{name}` of the Data Types page.")]);
        let boxed = |p: &crate::ir::Param| match &p.ty {
            Type::Struct(target) => reaches(&direct, target, name),
            _ => false,
        };
        let owner = Owner::Type(name);
        let body = fields(api, enums, owner, params, &boxed);
        // Structures no request holds are never built by users: `#[non_exhaustive]`, so new
        // fields do not break code.
        let non_exhaustive = (!in_requests.contains(name.as_str())).then(|| quote! { #[non_exhaustive] });
        let documented = documented_impl(api, enums, owner, &id, params);
        let wire = wire_impl(&id, params);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Default)]
            #non_exhaustive
            pub struct #id {
                #body
            }

            #wire
            #documented
        }
    });
    quote! { #(#structs)* }
}

/// For each structure, the structures its fields hold directly (not through a list).
fn direct_references(api: &Api) -> BTreeMap<&str, BTreeSet<&str>> {
    api.data_types
        .values()
        .map(|dt| {
            let targets = dt.fields.iter().filter_map(|f| match &f.ty {
                Type::Struct(t) => Some(t.as_str()),
                _ => None,
            });
            (dt.name.as_str(), targets.collect())
        })
        .collect()
}

/// The structures a request can hold, directly or through other structures.
fn reachable_from_inputs(api: &Api) -> BTreeSet<&str> {
    let mut seen = BTreeSet::new();
    let mut work: Vec<&str> = api.actions.values().flat_map(|a| &a.input).filter_map(|p| p.ty.struct_name()).collect();
    while let Some(name) = work.pop() {
        if let Some((key, dt)) = api.data_types.get_key_value(name) {
            if seen.insert(key.as_str()) {
                work.extend(dt.fields.iter().filter_map(|f| f.ty.struct_name()));
            }
        }
    }
    seen
}

/// Whether `from` leads to `to` through direct fields.
fn reaches(direct: &BTreeMap<&str, BTreeSet<&str>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut work = vec![from];
    while let Some(at) = work.pop() {
        if at == to {
            return true;
        }
        if seen.insert(at) {
            work.extend(direct.get(at).into_iter().flatten().copied());
        }
    }
    false
}
