//! `src/<product>/<version>/<action>.rs`: request, response, error enum and validation.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::{Enums, Owner};
use super::fields::{documented_impl, element_type, fields, wire_impl};
use super::rustdoc::{doc_line, docs, docs_then};
use super::tokens::{code_pattern, ident};
use proc_macro2::Ident;

use crate::ir::{Action, ActionNames, Api, Constraint, ErrorCodeKind, PageParam, PageStyle, Pagination, Param, Type};

pub fn action_file(api: &Api, enums: &Enums, action: &Action) -> TokenStream {
    let Action {
        name,
        rust,
        host,
        description,
        rate_limit,
        input,
        output,
        examples: _,
        errors: _,
        constraints,
        pagination,
        waiter,
        streaming: _,
    } = action;
    let ActionNames { module: _, method, request, response, error, event: _ } = rust;
    let (req, resp, err) = (ident(request), ident(response), ident(error));

    let mut req_notes = vec![format!("Request of the `{name}` action (`{host}`).")];
    if let Some(limit) = rate_limit {
        req_notes.push(format!("At most {limit} requests per second are allowed for this action."));
    }
    if let Some(p) = pagination {
        req_notes.push(format!(
            "Paginated ({} `{}`): `Client::{method}_pages` streams every page, `Client::{method}_items` every item of `{}`.",
            p.style.name(),
            p.position.name,
            p.items
        ));
    }
    if let Some(w @ crate::ir::Waiter { items: Some(items), .. }) = waiter {
        req_notes.push(format!(
            "Lists resources with a state (`{}` of `{items}`): `Client::{method}_until` polls until every one is in the states asked for.",
            w.state
        ));
    } else if let Some(w) = waiter {
        req_notes.push(format!(
            "Reports how some work goes (`{}`): `Client::{method}_until_done` polls until it is done ({}) or failed ({}).",
            w.state,
            w.done.join(", "),
            if w.failed.is_empty() { "none documented".to_string() } else { w.failed.join(", ") }
        ));
    }
    req_notes.extend(super::stream::request_note(action));
    if !constraints.is_empty() {
        req_notes.push("Checked by `validate`, as documented:".to_string());
        for c in constraints {
            let sentence = match c {
                Constraint::MutuallyExclusive { sentence, .. }
                | Constraint::Requires { sentence, .. }
                | Constraint::AtLeastOne { sentence, .. } => sentence,
            };
            req_notes.push(format!("- {}", doc_line(sentence)));
        }
    }
    req_notes.extend(super::limits::notes(api, input));
    let req_doc = docs_then(description, &req_notes);
    let paginated = pagination.as_ref().map(|p| paginated_impl(api, enums, name, &req, &resp, output, p));
    let req_fields = fields(api, enums, Owner::Input(name), input, &|_| false);
    let resp_doc = docs(&format!("Response of the `{name}` action: the object under `Response` in the reply."));
    let resp_fields = fields(api, enums, Owner::Output(name), output, &|_| false);
    let documented = documented_impl(api, enums, Owner::Output(name), &resp, output);
    let req_wire = wire_impl(&req, input);
    let resp_wire = wire_impl(&resp, output);
    let validate = validate_body(input, constraints);
    let validate_limits = super::limits::validate_limits(api, input);
    // An idempotency token the client may fill in, so that retries cannot do the thing twice.
    let client_token = input
        .iter()
        .any(|p| p.name == "ClientToken" && p.ty == Type::String)
        .then(|| quote! { const CLIENT_TOKEN: Option<&'static str> = Some("ClientToken"); });
    let error_enum = error_enum(api, action);
    let event = super::stream::event_items(api, enums, action);
    let filter_builder = super::filters::filter_builder(api, enums, action);
    let service = &api.product;
    let version = &api.version;
    let rate = match rate_limit {
        Some(n) => quote! { Some(#n) },
        None => quote! { None },
    };
    quote! {
        #req_doc
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #req {
            #req_fields
        }

        #req_wire

        #resp_doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #resp {
            #resp_fields
        }

        #resp_wire
        #documented
        #paginated

        impl crate::Action for #req {
            const ACTION: &'static str = #name;
            const VERSION: &'static str = #version;
            const SERVICE: &'static str = #service;
            const RATE_LIMIT: Option<u32> = #rate;
            #client_token
            type Response = #resp;
            type Error = #err;

            #[inline]
            fn validate_structure(&self) -> Result<(), crate::ValidationError> {
                #validate
            }

            #validate_limits
        }

        #event
        #error_enum
        #filter_builder
    }
}

/// Whether a parameter is given: an `Option` is `Some`; a required one always is.
fn given(p: &Param) -> Option<TokenStream> {
    let id = ident(&p.rust_name);
    (!p.required).then(|| quote! { self.#id.is_some() })
}

fn validate_body(input: &[Param], constraints: &[Constraint]) -> TokenStream {
    let find = |n: &str| input.iter().find(|p| p.name == n);
    let mut checks = Vec::new();
    for p in input.iter().filter(|p| p.required && p.ty == Type::String) {
        let id = ident(&p.rust_name);
        let wire = &p.name;
        checks.push(quote! {
            if self.#id.is_empty() {
                return Err(crate::ValidationError::Empty { param: #wire });
            }
        });
    }
    for c in constraints {
        match c {
            Constraint::MutuallyExclusive { params, .. } => {
                let members: Vec<&Param> = params.iter().filter_map(|n| find(n)).collect();
                let always = members.iter().filter(|p| p.required).count();
                let optional: Vec<TokenStream> = members.iter().filter_map(|p| given(p)).collect();
                let condition = match (always, optional.len()) {
                    (0, 0 | 1) | (2.., _) => continue,
                    (0, 2) => {
                        let (a, b) = (&optional[0], &optional[1]);
                        quote! { #a && #b }
                    }
                    (0, _) => quote! { [#(#optional),*].iter().filter(|given| **given).count() > 1 },
                    (_, _) => quote! { #(#optional)||* },
                };
                let names = params.iter();
                checks.push(quote! {
                    if #condition {
                        return Err(crate::ValidationError::MutuallyExclusive { params: &[#(#names),*] });
                    }
                });
            }
            Constraint::AtLeastOne { params, .. } => {
                let members: Vec<&Param> = params.iter().filter_map(|n| find(n)).collect();
                if members.iter().any(|p| p.required) || members.len() < 2 {
                    continue;
                }
                let given: Vec<TokenStream> = members.iter().filter_map(|p| given(p)).collect();
                let names = params.iter();
                checks.push(quote! {
                    if !(#(#given)||*) {
                        return Err(crate::ValidationError::AtLeastOne { params: &[#(#names),*] });
                    }
                });
            }
            Constraint::Requires { param, requires, .. } => {
                let (Some(p), Some(r)) = (find(param), find(requires)) else { continue };
                if r.required {
                    continue;
                }
                let r_id = ident(&r.rust_name);
                let condition = match given(p) {
                    Some(p_given) => quote! { #p_given && self.#r_id.is_none() },
                    None => quote! { self.#r_id.is_none() },
                };
                checks.push(quote! {
                    if #condition {
                        return Err(crate::ValidationError::Requires { param: #param, requires: #requires });
                    }
                });
            }
        }
    }
    quote! {
        #(#checks)*
        Ok(())
    }
}

/// The action's error enum: its business codes, the common codes (as `Common`), and
/// `Unknown`.
fn error_enum(api: &Api, action: &Action) -> TokenStream {
    let name = &action.name;
    let err = ident(&action.rust.error);
    let mut seen = BTreeSet::new();
    let mut codes: Vec<(&str, &str, &str)> = Vec::new(); // code, variant, description
    for e in &action.errors {
        if seen.insert(e.code.as_str()) {
            let variant = api.error_codes.get(&e.code).map_or("", |i| i.rust_variant.as_str());
            codes.push((&e.code, variant, &e.description));
        }
    }
    let has_common = api.error_codes.values().any(|i| i.kind == ErrorCodeKind::Common);
    let variants = codes.iter().map(|(code, variant, description)| {
        let id = ident(variant);
        let doc = docs_then(description, &[format!("Error code `{code}`.")]);
        quote! { #doc #id, }
    });
    let from_arms = codes.iter().map(|(code, variant, _)| {
        let id = ident(variant);
        let pattern = code_pattern(code, &api.error_codes);
        quote! { #pattern => Self::#id, }
    });
    let code_arms = codes.iter().map(|(code, variant, _)| {
        let id = ident(variant);
        quote! { Self::#id => #code, }
    });
    let description_arms = codes.iter().map(|(_, variant, description)| {
        let id = ident(variant);
        quote! { Self::#id => #description, }
    });
    let (common_variant, otherwise, common_code, common_description) = if has_common {
        (
            quote! {
                /// One of the common error codes of every Tencent Cloud API.
                Common(super::CommonError),
            },
            quote! { match super::CommonError::from_code(code) {
                Some(common) => Self::Common(common),
                None => Self::Unknown(code.to_string()),
            } },
            quote! { Self::Common(common) => common.code(), },
            quote! { Self::Common(common) => common.description(), },
        )
    } else {
        (quote! {}, quote! { Self::Unknown(code.to_string()) }, quote! {}, quote! {})
    };
    // Without business codes there is nothing to match: no single-arm `match`.
    let from_code = if codes.is_empty() {
        otherwise
    } else {
        quote! {
            match code {
                #(#from_arms)*
                _ => #otherwise,
            }
        }
    };
    let doc = docs(&format!("Errors of the `{name}` action: its business error codes, the common error codes, and any other code as `Unknown`."));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #err {
            #(#variants)*
            #common_variant
            /// A code this action does not document.
            Unknown(String),
        }

        impl crate::ApiError for #err {
            #[inline]
            fn from_code(code: &str) -> Self {
                #from_code
            }

            #[inline]
            fn code(&self) -> &str {
                match self {
                    #(#code_arms)*
                    #common_code
                    Self::Unknown(code) => code,
                }
            }

            #[inline]
            fn description(&self) -> &'static str {
                match self {
                    #(#description_arms)*
                    #common_description
                    Self::Unknown(_) => "",
                }
            }
        }

        /// Converts into the product's `ErrorCode` (and `Error<…>` into `Error<ErrorCode>` with `Error::widen`).
        impl crate::ErrorOf for #err { type Product = super::ErrorCode; }

        impl std::fmt::Display for #err {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                crate::fmt_api_error(self, f)
            }
        }

        impl std::error::Error for #err {}
    }
}

/// `impl Paginated`: where the page position and size go, which outputs hold the items and
/// the total, and the items of a response.
fn paginated_impl(
    api: &Api,
    enums: &Enums,
    action: &str,
    req: &Ident,
    resp: &Ident,
    output: &[Param],
    p: &Pagination,
) -> TokenStream {
    let Pagination { style, position, size, items, total, max_page_size } = p;
    let param = |p: &PageParam| {
        let PageParam { name, text } = p;
        quote! { crate::PageParam { name: #name, text: #text } }
    };
    let style = match style {
        PageStyle::Offset => quote! { crate::PageStyle::Offset },
        PageStyle::PageNumber { first } => quote! { crate::PageStyle::PageNumber { first: #first } },
        PageStyle::Token { output, done } => {
            let done = match done {
                Some(d) => quote! { Some(#d) },
                None => quote! { None },
            };
            quote! { crate::PageStyle::Token { output: #output, done: #done } }
        }
    };
    let position = param(position);
    let size = match size {
        Some(s) => {
            let s = param(s);
            quote! { Some(#s) }
        }
        None => quote! { None },
    };
    let total = match total {
        Some(t) => quote! { Some(#t) },
        None => quote! { None },
    };
    let max = match max_page_size {
        Some(m) => quote! { Some(#m) },
        None => quote! { None },
    };
    let list = output.iter().find(|o| &o.name == items);
    let (item, take) = match list {
        Some(list @ Param { ty: Type::Array(_), required, rust_name, .. }) => {
            let field = ident(rust_name);
            let take = if *required {
                quote! { response.#field }
            } else {
                quote! { response.#field.unwrap_or_default() }
            };
            (element_type(api, enums, Owner::Output(action), list), take)
        }
        // Lowering records only a list output; should that not hold, no items.
        _ => (quote! { serde_json::Value }, quote! { { let _ = response; Vec::new() } }),
    };
    quote! {
        impl crate::Paginated for #req {
            type Item = #item;
            const PAGING: crate::Paging = crate::Paging {
                style: #style,
                position: #position,
                size: #size,
                items: #items,
                total: #total,
                max_page_size: #max,
            };

            #[inline]
            fn into_items(response: #resp) -> Vec<Self::Item> {
                #take
            }
        }
    }
}
