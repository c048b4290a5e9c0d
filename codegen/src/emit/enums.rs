//! `src/<product>/<version>/enums.rs`: an enum per documented value set ("Valid values:
//! CREATING, BINDING, BIND…" on a `String` or `Integer` parameter or field, or on each
//! element of an array of them), and the names they take.
//!
//! One enum per product version for a field name and a set of values (`AddressStatus`,
//! whichever structures and actions carry it); where the same field name has different
//! sets, each set is named after the first owner that has it (`NatGatewayState`). Names
//! never take one of a structure, request, response, error enum, `ErrorCode`,
//! `CommonError`, `Client` or a filter builder of the module. The impls every enum shares
//! are one runtime macro line (`string_enum!`, `integer_enum!`): the code per enum stays
//! small.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::rustdoc::{doc_line, docs};
use super::tokens::ident;
use crate::ir::{Api, Param, ValueSet};
use crate::lower::naming;

/// Where a parameter lies: a structure's field, an action's input or output (by wire name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Owner<'a> {
    Type(&'a str),
    Input(&'a str),
    Output(&'a str),
}

/// One enum: its name, the field it types, its values, and where it is used.
struct EnumDef<'a> {
    name: String,
    set: ValueSet<'a>,
    /// `Address.AddressStatus`, `DescribeAddresses` input `AddressStatus`, … in order.
    users: Vec<String>,
    /// Some user's page says the list may be partial ("include", "etc.").
    open: bool,
}

/// The enums of a product version, and the other names the module's value sets take.
pub(crate) struct Enums<'a> {
    by_field: BTreeMap<(Owner<'a>, &'a str), usize>,
    list: Vec<EnumDef<'a>>,
}

/// What makes two value sets the same: the kind and the values, in any order.
type SetKey = (bool, BTreeSet<String>);

fn key(set: &ValueSet) -> SetKey {
    (matches!(set, ValueSet::Integers(_)), set.texts().into_iter().collect())
}

impl<'a> Enums<'a> {
    /// The enums of `api`, named.
    pub fn of(api: &'a Api) -> Self {
        // Every parameter with a value set, in a fixed order: structures, then actions
        // (inputs, then outputs), each by name.
        let mut uses: Vec<(Owner<'a>, &'a Param, String)> = Vec::new();
        for dt in api.data_types.values() {
            uses.extend(dt.fields.iter().map(|f| (Owner::Type(&dt.name), f, dt.rust_name.clone())));
        }
        for action in api.actions.values() {
            uses.extend(action.input.iter().map(|p| (Owner::Input(&action.name), p, action.name.clone())));
            uses.extend(action.output.iter().map(|p| (Owner::Output(&action.name), p, action.name.clone())));
        }
        let mut sets: BTreeMap<&str, Vec<SetKey>> = BTreeMap::new();
        let mut found = Vec::new();
        for (owner, param, owner_name) in uses {
            let Some(set) = param.value_set() else { continue };
            let k = key(&set);
            let keys = sets.entry(param.name.as_str()).or_default();
            if !keys.contains(&k) {
                keys.push(k.clone());
            }
            found.push((owner, param, owner_name, set, k));
        }
        let mut taken = naming::UniqueNames::with_taken(other_names(api).iter().map(String::as_str));
        let mut index: BTreeMap<(&str, SetKey), usize> = BTreeMap::new();
        let mut enums = Enums { by_field: BTreeMap::new(), list: Vec::new() };
        for (owner, param, owner_name, set, k) in found {
            let i = match index.get(&(param.name.as_str(), k.clone())) {
                Some(&i) => i,
                None => {
                    let shared = sets.get(param.name.as_str()).is_none_or(|keys| keys.len() == 1);
                    let wanted = if shared {
                        naming::enum_name(&param.name)
                    } else {
                        naming::enum_name(&format!("{}{}", naming::type_name(&owner_name), param.name))
                    };
                    let name = taken.take(if taken.is_taken(&wanted) { format!("{wanted}Value") } else { wanted });
                    enums.list.push(EnumDef { name, set, users: Vec::new(), open: false });
                    index.insert((param.name.as_str(), k), enums.list.len() - 1);
                    enums.list.len() - 1
                }
            };
            let def = &mut enums.list[i];
            def.open |= param.facts.allowed_values_complete == Some(false);
            def.users.push(match owner {
                Owner::Type(t) => format!("`{t}.{}`", param.name),
                Owner::Input(a) => format!("`{a}` input `{}`", param.name),
                Owner::Output(a) => format!("`{a}` output `{}`", param.name),
            });
            enums.by_field.insert((owner, param.name.as_str()), i);
        }
        enums
    }

    /// The enum of a parameter's values, if it has one.
    pub fn name(&self, owner: Owner, param: &Param) -> Option<&str> {
        self.by_field.get(&(owner, param.name.as_str())).map(|&i| self.list[i].name.as_str())
    }

    /// The names of the enums, in the order they are emitted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|e| e.name.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `enums.rs`: every enum and its impls.
    pub fn file(&self) -> TokenStream {
        let items = self.list.iter().map(enum_item);
        quote! { #(#items)* }
    }
}

/// The type names of the module that are not enums: structures, requests, responses,
/// error enums, the product's error codes and client.
fn other_names(api: &Api) -> Vec<String> {
    let mut names: Vec<String> = api.data_types.values().map(|d| d.rust_name.clone()).collect();
    for a in api.actions.values() {
        names.extend([a.rust.request.clone(), a.rust.response.clone(), a.rust.error.clone()]);
    }
    names.extend(["ErrorCode", "CommonError", "Client"].map(String::from));
    names
}

/// Text safe inside a rustdoc code span.
fn code(text: &str) -> String {
    text.replace('`', "'")
}

fn enum_item(def: &EnumDef) -> TokenStream {
    let id = ident(&def.name);
    let texts = def.set.texts();
    let variants = naming::value_variants(texts.iter().map(String::as_str));
    let ids: Vec<_> = variants.iter().map(|v| ident(v)).collect();
    let meanings: Vec<&str> = match &def.set {
        ValueSet::Strings(values) => values.iter().map(|(_, m)| *m).collect(),
        ValueSet::Integers(values) => values.iter().map(|(_, m)| *m).collect(),
    };
    let variant_docs = texts.iter().zip(&meanings).map(|(value, meaning)| {
        let line = if meaning.trim().is_empty() {
            format!("`{}`.", code(value))
        } else {
            format!("`{}`: {}", code(value), meaning.lines().map(doc_line).collect::<Vec<_>>().join(" "))
        };
        docs(&line)
    });
    let shown_users: Vec<&str> = def.users.iter().take(5).map(String::as_str).collect();
    let more = match def.users.len() {
        n if n > 5 => format!(" and {} more", n - 5),
        _ => String::new(),
    };
    let partial = if def.open { " The page says the list may be partial." } else { "" };
    let (other_ty, other_doc, macro_name, literals) = match &def.set {
        ValueSet::Strings(values) => (
            quote! { String },
            "Any other value: one a newer server sends, or one the page does not list (`from` and `parse` give the documented variant for a documented value).",
            quote! { string_enum },
            values.iter().map(|(v, _)| Literal::string(v)).collect::<Vec<_>>(),
        ),
        ValueSet::Integers(values) => (
            quote! { i64 },
            "Any other value: one a newer server sends, or one the page does not list (`from` gives the documented variant for a documented value).",
            quote! { integer_enum },
            values.iter().map(|(v, _)| Literal::i64_unsuffixed(*v)).collect::<Vec<_>>(),
        ),
    };
    let accessor = if matches!(def.set, ValueSet::Strings(_)) { "as_str()" } else { "value()" };
    let doc = docs(&format!(
        "The values the documentation lists for {}{more}.{partial} `{accessor}` gives the wire value; `Other` carries any other value, both ways.",
        shown_users.join(", ")
    ));
    let other_doc = docs(other_doc);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #id {
            #(#variant_docs #ids,)*
            #other_doc
            Other(#other_ty),
        }

        crate::wire::#macro_name!(#id { #(#ids = #literals),* });
    }
}
