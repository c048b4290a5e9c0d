//! Typed filters: for an action whose `Filters` parameter documents its filters
//! (`address-status - String - … Valid values: CREATING, BIND…`), a builder type
//! (`DescribeAddressesFilter`) with one constructor per documented filter, so that a
//! misspelled filter name is a compile error and a filter with a documented value set takes
//! its enum: `DescribeAddressesFilter::address_status([AddressStatus::Unbind])`. Any other
//! filter can still be sent by name (`Filter { name, values }`).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::{filters_param, Enums};
use super::rustdoc::docs;
use super::tokens::ident;
use crate::ir::{Action, Api, Param, ValueSet};
use crate::lower::naming;

/// The filter builder of an action, if its `Filters` documents filters (in the action's file).
pub(crate) fn filter_builder(api: &Api, enums: &Enums, action: &Action) -> TokenStream {
    let (Some(type_name), Some(filters)) = (enums.filter_type(&action.name), filters_param(api, action)) else {
        return quote! {};
    };
    let Some(dt) = filters.ty.struct_name().and_then(|n| api.data_types.get(n)) else { return quote! {} };
    let field = |n: &str| dt.fields.iter().find(|f| f.name == n);
    let (Some(name_field), Some(values_field)) = (field("Name"), field("Values")) else { return quote! {} };
    let filter_ty = ident(&dt.rust_name);
    let assign = |p: &Param, value: TokenStream| {
        let id = ident(&p.rust_name);
        if p.required {
            quote! { #id: #value }
        } else {
            quote! { #id: Some(#value) }
        }
    };
    let rest = (dt.fields.len() > 2).then(|| quote! { ..Default::default() });
    let mut fns = naming::UniqueNames::default();
    let mut seen = BTreeSet::new();
    let constructors = filters.facts.filters.iter().filter(|f| seen.insert(f.name.as_str())).map(|f| {
        let fn_name = ident(&fns.take(naming::snake(&f.name)));
        let wire = &f.name;
        let enum_name = enums.of_filter(&action.name, &f.name);
        let (item, values) = match (enum_name, f.value_set()) {
            (Some(e), Some(ValueSet::Integers(_))) => {
                let e = ident(e);
                (quote! { super::#e }, quote! { values.into_iter().map(|v| v.value().to_string()).collect() })
            }
            (Some(e), _) => {
                let e = ident(e);
                (quote! { super::#e }, quote! { values.into_iter().map(|v| v.as_str().to_string()).collect() })
            }
            (None, _) => (quote! { impl Into<String> }, quote! { values.into_iter().map(Into::into).collect() }),
        };
        let name_value = assign(name_field, quote! { #wire.to_string() });
        let values_value = assign(values_field, values);
        let mut text = format!("The filter `{}`", f.name.replace('`', "'"));
        if let Some(t) = &f.doc_type {
            text.push_str(&format!(" ({})", t.replace('`', "'")));
        }
        if f.required == Some(true) {
            text.push_str(", required");
        }
        text.push('.');
        if !f.description.trim().is_empty() {
            text.push(' ');
            text.push_str(f.description.trim());
        }
        let doc = docs(&text);
        quote! {
            #doc
            #[inline]
            pub fn #fn_name(values: impl IntoIterator<Item = #item>) -> super::#filter_ty {
                super::#filter_ty { #name_value, #values_value, #rest }
            }
        }
    });
    let id = ident(type_name);
    let doc = docs(&format!(
        "The filters `{}` documents for its `Filters`, one constructor each (a filter with documented values takes their enum). Any other filter can still be sent by name: `{} {{ name, values }}`.",
        action.name, dt.rust_name
    ));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum #id {}

        impl #id {
            #(#constructors)*
        }
    }
}
