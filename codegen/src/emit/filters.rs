//! Typed filters: for an action whose `Filters` parameter documents its filters
//! (`address-status - String - … Valid values: CREATING, BIND…`), a builder type
//! (`DescribeAddressesFilter`) with one constructor per documented filter, so that a
//! misspelled filter name is a compile error and a filter with a documented value set takes
//! its enum: `DescribeAddressesFilter::address_status([AddressStatus::Unbind])`. Any other
//! filter can still be sent by name (`Filter { name, values }`).

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::enums::{filters_param, Enums};
use super::rustdoc::docs;
use super::tokens::ident;
use crate::ir::{Action, Api, FilterDoc, Param};
use crate::lower::naming;

/// The filter builder of an action, if its `Filters` documents filters (in the action's file).
pub(crate) fn filter_builder(api: &Api, enums: &Enums, action: &Action) -> TokenStream {
    let (Some(type_name), Some(filters)) = (enums.filter_type(&action.name), filters_param(api, action)) else {
        return quote! {};
    };
    let Some(dt) = filters.ty.struct_name().and_then(|n| api.data_types.get(n)) else { return quote! {} };
    let field = |n: &str| dt.fields.iter().find(|f| f.name == n);
    let (Some(name_field), Some(values_field)) = (field("Name"), field("Values")) else { return quote! {} };
    let filter = Filter {
        ty: ident(&dt.rust_name),
        name: name_field,
        values: values_field,
        rest: (dt.fields.len() > 2).then(|| quote! { ..Default::default() }),
    };
    let mut fns = naming::UniqueNames::default();
    let mut seen = BTreeSet::new();
    let constructors: Vec<TokenStream> = filters
        .facts
        .filters
        .iter()
        .filter(|f| seen.insert(f.name.as_str()))
        .map(|f| {
            let fn_name = ident(&fns.take(naming::filter_fn(&f.name)));
            filter.constructor(f, &fn_name, enums.of_filter(&action.name, &f.name))
        })
        .collect();
    let id = ident(type_name);
    let doc = docs(&format!(
        "The filters `{}` documents for its `Filters`, one constructor each (a filter with documented values takes their enum). Any other filter can still be sent by name: `{} {{ name, values }}`.",
        action.name, dt.rust_name
    ));
    quote! {
        #doc
        pub enum #id {}

        impl #id {
            #(#constructors)*
        }
    }
}

/// The filter structure the constructors build.
struct Filter<'a> {
    ty: Ident,
    name: &'a Param,
    values: &'a Param,
    rest: Option<TokenStream>,
}

impl Filter<'_> {
    fn assign(p: &Param, value: TokenStream) -> TokenStream {
        let id = ident(&p.rust_name);
        if p.required {
            quote! { #id: #value }
        } else {
            quote! { #id: Some(#value) }
        }
    }

    /// One filter's constructor: its values as the filter's enum, else as strings; the
    /// conversion is the runtime's (`filter_values`, `filter_values_shown`), one line here.
    fn constructor(&self, f: &FilterDoc, fn_name: &Ident, enum_name: Option<&str>) -> TokenStream {
        let (item, convert) = match enum_name {
            Some(e) => {
                let e = ident(e);
                (quote! { super::#e }, quote! { crate::filter_values_shown })
            }
            None => (quote! { impl Into<String> }, quote! { crate::filter_values }),
        };
        let wire = &f.name;
        let name_value = Self::assign(self.name, quote! { #wire.to_string() });
        let values_value = Self::assign(self.values, quote! { #convert(values) });
        let mut doc = format!("The filter `{}`", f.name.replace('`', "'"));
        if let Some(t) = &f.doc_type {
            doc.push_str(&format!(" ({})", t.replace('`', "'")));
        }
        if f.required == Some(true) {
            doc.push_str(", required");
        }
        doc.push('.');
        if !f.description.trim().is_empty() {
            doc.push(' ');
            doc.push_str(f.description.trim());
        }
        let doc = docs(&doc);
        let (ty, rest) = (&self.ty, &self.rest);
        quote! {
            #doc
            #[inline]
            pub fn #fn_name(values: impl IntoIterator<Item = #item>) -> super::#ty {
                super::#ty { #name_value, #values_value, #rest }
            }
        }
    }
}
