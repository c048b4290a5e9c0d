//! `src/<product>/<version>/enums.rs`: an enum per documented value set ("Valid values:
//! CREATING, BINDING, BIND…" on a `String` or `Integer` parameter or field, or on each
//! element of an array of them), and the names they take.
//!
//! One enum per product version for a field name and a set of values (`AddressStatus`,
//! whichever structures, actions and filters carry it); where the same name has different
//! sets, the most used set takes the name and each other set is named after the first
//! owner that has it (`NatGatewayState`). Names
//! never take one of a structure, request, response, error enum, `ErrorCode`,
//! `CommonError`, `Client` or a filter builder of the module. The impls every enum shares
//! are one runtime macro line (`string_enum!`, `integer_enum!`): the code per enum stays
//! small.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::rustdoc::{doc_line, docs};
use super::tokens::ident;
use crate::ir::value_set::ValueSet;
use crate::ir::{Api, Param};
use crate::lower::naming;

/// Where a parameter lies: a structure's field, an action's input or output (by wire name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Owner<'a> {
    Type(&'a str),
    Input(&'a str),
    Output(&'a str),
    /// A filter of an action's `Filters`, by the filter's name.
    Filter(&'a str),
}

/// A value set where it is used.
struct Use<'a> {
    owner: Owner<'a>,
    name: &'a str,
    owner_name: String,
    set: ValueSet<'a>,
    open: bool,
}

/// The `Filters` input of an action whose description documents filters, when it is a
/// list of a structure with a `Name` string and a `Values` list of strings (what a filter
/// builder fills in).
pub(crate) fn filters_param<'a>(api: &'a Api, action: &'a crate::ir::Action) -> Option<&'a Param> {
    let p = action.input.iter().find(|p| p.name == "Filters" && !p.facts.filters.is_empty())?;
    let crate::ir::Type::Array(inner) = &p.ty else { return None };
    let crate::ir::Type::Struct(name) = inner.as_ref() else { return None };
    let dt = api.data_types.get(name)?;
    let field = |n: &str| dt.fields.iter().find(|f| f.name == n);
    let string = crate::ir::Type::String;
    let list = crate::ir::Type::Array(Box::new(crate::ir::Type::String));
    let values = field("Values")?;
    let integers = matches!(values.value_set(), Some(ValueSet::Integers(_)));
    (field("Name")?.ty == string && values.ty == list && !integers).then_some(p)
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
    /// The filter builder of each action that has one: `DescribeAddressesFilter`.
    filter_types: BTreeMap<&'a str, String>,
}

/// What makes two value sets the same: the kind and the values, in any order.
type SetKey = (bool, BTreeSet<String>);

fn key(set: &ValueSet) -> SetKey {
    (matches!(set, ValueSet::Integers(_)), set.texts().into_iter().collect())
}

impl<'a> Enums<'a> {
    /// The enums of `api`, named, and the names of its filter builders.
    pub fn of(api: &'a Api) -> Self {
        // Every value set, in a fixed order: structures, then actions (inputs, outputs,
        // then the filters of `Filters`), each by name.
        let mut found: Vec<Use<'a>> = Vec::new();
        let param = |owner: Owner<'a>, p: &'a Param, owner_name: &str| {
            p.value_set().map(|set| Use {
                owner,
                name: &p.name,
                owner_name: owner_name.to_string(),
                set,
                open: p.facts.allowed_values_complete == Some(false),
            })
        };
        for dt in api.data_types.values() {
            found.extend(dt.fields.iter().filter_map(|f| param(Owner::Type(&dt.name), f, &dt.rust_name)));
        }
        let mut filter_actions = Vec::new();
        for action in api.actions.values() {
            found.extend(action.input.iter().filter_map(|p| param(Owner::Input(&action.name), p, &action.name)));
            found.extend(action.output.iter().filter_map(|p| param(Owner::Output(&action.name), p, &action.name)));
            let Some(filters) = filters_param(api, action) else { continue };
            filter_actions.push(action.name.as_str());
            for f in &filters.facts.filters {
                let Some(set) = f.value_set() else { continue };
                let open = f.allowed_values_complete == Some(false);
                let owner_name = action.name.to_string();
                found.push(Use { owner: Owner::Filter(&action.name), name: &f.name, owner_name, set, open });
            }
        }
        let mut taken = naming::UniqueNames::with_taken(other_names(api).iter().map(String::as_str));
        let mut enums = Enums { by_field: BTreeMap::new(), list: Vec::new(), filter_types: BTreeMap::new() };
        for action in filter_actions {
            let name = taken.take(naming::enum_name(&format!("{action}Filter")));
            enums.filter_types.insert(action, name);
        }
        // The sets of each name (`address-status` and `AddressStatus` are one name) and how
        // often each is used: the most used set of a name takes the bare name (the first
        // one on a tie), the others their first owner's.
        let mut sets: BTreeMap<String, Vec<(SetKey, usize)>> = BTreeMap::new();
        for u in &found {
            let keys = sets.entry(naming::enum_name(u.name)).or_default();
            let k = key(&u.set);
            match keys.iter_mut().find(|(known, _)| *known == k) {
                Some((_, uses)) => *uses += 1,
                None => keys.push((k, 1)),
            }
        }
        let bare = |name: &str, k: &SetKey| {
            let keys = sets.get(name).map(Vec::as_slice).unwrap_or_default();
            let most = keys.iter().map(|(_, n)| *n).max().unwrap_or_default();
            keys.iter().find(|(_, n)| *n == most).is_none_or(|(first, _)| first == k)
        };
        let mut index: BTreeMap<(String, SetKey), usize> = BTreeMap::new();
        for Use { owner, name, owner_name, set, open } in found {
            let group = (naming::enum_name(name), key(&set));
            let i = match index.get(&group) {
                Some(&i) => i,
                None => {
                    let wanted = if bare(&group.0, &group.1) {
                        group.0.clone()
                    } else {
                        naming::enum_name(&format!("{}{}", naming::type_name(&owner_name), group.0))
                    };
                    let name = taken.take(if taken.is_taken(&wanted) { format!("{wanted}Value") } else { wanted });
                    enums.list.push(EnumDef { name, set, users: Vec::new(), open: false });
                    index.insert(group, enums.list.len() - 1);
                    enums.list.len() - 1
                }
            };
            let def = &mut enums.list[i];
            def.open |= open;
            def.users.push(match owner {
                Owner::Type(t) => format!("`{t}.{name}`"),
                Owner::Input(a) => format!("`{a}` input `{name}`"),
                Owner::Output(a) => format!("`{a}` output `{name}`"),
                Owner::Filter(a) => format!("`{a}` filter `{name}`"),
            });
            enums.by_field.entry((owner, name)).or_insert(i);
        }
        enums
    }

    /// The enum of a filter's values, if it has one.
    pub fn of_filter(&self, action: &str, filter: &str) -> Option<&str> {
        self.by_field.get(&(Owner::Filter(action), filter)).map(|&i| self.list[i].name.as_str())
    }

    /// The name of an action's filter builder, if its `Filters` documents filters.
    pub fn filter_type(&self, action: &str) -> Option<&str> {
        self.filter_types.get(action).map(String::as_str)
    }

    /// The enum of a parameter's values, if it has one.
    pub fn name(&self, owner: Owner, param: &Param) -> Option<&str> {
        if matches!(owner, Owner::Filter(_)) {
            return None;
        }
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

        crate::enums::#macro_name!(#id { #(#ids = #literals),* });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Api {
        serde_json::from_str(include_str!("../../tests/fixtures/golden-ir/typed-2021-01-01.json")).unwrap()
    }

    #[test]
    fn one_enum_per_name_and_set_never_taking_another_name() {
        let api = fixture();
        let enums = Enums::of(&api);
        let names: Vec<&str> = enums.names().collect();
        // `AddressType`: two sets, the one of `Address` and of the `address-type` filter
        // used most; `Status` is a structure's name; `Mode` is one set for input and output.
        assert_eq!(
            names,
            [
                "AddressStatus",
                "AddressType",
                "InternetChargeType",
                "InstanceState",
                "InstanceAddressType",
                "Mode",
                "Engine",
                "Kinds",
                "Type",
                "StatusValue"
            ]
        );
        let field = |owner: Owner, name: &str| {
            let p = match owner {
                Owner::Type(t) => api.data_types[t].fields.iter().find(|f| f.name == name),
                Owner::Input(a) => api.actions[a].input.iter().find(|f| f.name == name),
                Owner::Output(a) => api.actions[a].output.iter().find(|f| f.name == name),
                Owner::Filter(_) => None,
            };
            enums.name(owner, p.unwrap()).map(str::to_string)
        };
        assert_eq!(field(Owner::Input("CreateThing"), "Mode"), field(Owner::Output("CreateThing"), "Mode"));
        assert_eq!(field(Owner::Type("Instance"), "AddressType").as_deref(), Some("InstanceAddressType"));
        // Booleans and the filter names of `Filters` are no enums.
        assert_eq!(field(Owner::Input("CreateThing"), "Enabled"), None);
        assert_eq!(field(Owner::Input("DescribeAddresses"), "Filters"), None);
        assert_eq!(enums.of_filter("DescribeAddresses", "address-status"), Some("AddressStatus"));
        assert_eq!(enums.of_filter("DescribeAddresses", "address-type"), Some("AddressType"));
        assert_eq!(enums.of_filter("DescribeAddresses", "address-id"), None);
        assert_eq!(enums.filter_type("DescribeAddresses"), Some("DescribeAddressesFilter"));
        // The same IR, the same names.
        assert_eq!(Enums::of(&api).names().collect::<Vec<_>>(), names);
    }
}
