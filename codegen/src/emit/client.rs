//! `src/<product>/<version>/client.rs`: the product's `Client`, one method per action
//! (behind the `client` feature). Each returns the boxed future of the one generic
//! `Client::send` (`.await` it): no per-action state machine to compile.

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::{Enums, Owner};
use super::rustdoc::{docs, docs_then};
use super::tokens::ident;
use crate::ir::Api;

pub fn client_file(api: &Api, enums: &Enums) -> TokenStream {
    let methods = api.actions.values().map(|action| {
        let method = ident(&action.rust.method);
        let (req, resp, err) = (ident(&action.rust.request), ident(&action.rust.response), ident(&action.rust.error));
        let mut notes =
            vec![format!("Action `{}`; the request is validated before it is sent. `.await` the result.", action.name)];
        if let Some(limit) = action.rate_limit {
            notes.push(format!("At most {limit} requests per second (see `ClientBuilder::rate_limit`)."));
        }
        let doc = docs_then(&action.description, &notes);
        let paginators = action.pagination.as_ref().map(|p| {
            let pages = ident(&format!("{}_pages", action.rust.method));
            let items = ident(&format!("{}_items", action.rust.method));
            let name = &action.name;
            let ends = match &p.style {
                crate::ir::PageStyle::Token { output, done: Some(done) } => {
                    format!("when `{output}` comes back empty or `{done}` is true")
                }
                crate::ir::PageStyle::Token { output, done: None } => format!("when `{output}` comes back empty"),
                _ => match &p.total {
                    Some(total) => format!("at `{total}`, or at an empty page"),
                    None => "at an empty page, or one shorter than the page size".to_string(),
                },
            };
            let pages_doc = docs(&format!(
                "Every page of `{name}`, from the request's position on: a stream of responses, one call per page (each retried and rate-limited like any call), which ends {ends}. A server that repeats a page ends it with `Error::Pagination`. The page size is the request's `{size}`{max}.",
                size = p.size.as_ref().map_or("(none)", |s| s.name.as_str()),
                max = p.max_page_size.map_or(String::new(), |m| format!(", else the documented maximum, {m}")),
            ));
            let items_doc = docs(&format!(
                "Every item of `{name}` (`{}` of each page, in order): `{}` flattened.",
                p.items, pages
            ));
            quote! {
                #pages_doc
                #[inline]
                pub fn #pages<'a>(&'a self, request: &super::#req) -> crate::PageStream<'a, super::#req> {
                    self.inner.pages(request)
                }

                #items_doc
                #[inline]
                pub fn #items<'a>(&'a self, request: &super::#req) -> crate::ItemStream<'a, super::#req> {
                    self.inner.items(request)
                }
            }
        });
        let waiter = action.waiter.as_ref().map(|w| match &w.items {
            None => waiter_method(enums, action, w),
            Some(items) => resource_waiter_method(api, enums, action, w, items),
        });
        let stream = super::stream::client_method(action);
        quote! {
            #doc
            #[inline]
            pub fn #method<'a>(&'a self, request: &'a super::#req) -> crate::Pending<'a, super::#resp, super::#err> {
                self.inner.send_boxed(request)
            }

            #paginators
            #waiter
            #stream
        }
    });
    let doc = docs(&format!(
        "A client for `{}` version `{}`: one method per action. Wraps a `tencentcloud_api::Client`, which holds the credentials, region, endpoint, retries and rate limits.",
        api.product, api.version
    ));
    quote! {
        #doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: crate::Client,
        }

        impl Client {
            /// Wraps a client.
            pub fn new(inner: crate::Client) -> Self {
                Client { inner }
            }

            /// The wrapped client, to send any request with `send`.
            pub fn inner(&self) -> &crate::Client {
                &self.inner
            }

            #(#methods)*
        }

        impl From<crate::Client> for Client {
            fn from(inner: crate::Client) -> Self {
                Client::new(inner)
            }
        }
    }
}

/// `x_until_done`: polls the action with the same request until its state output says the
/// work is done (the reply) or failed (`WaitError::Failed` with the reply).
fn waiter_method(enums: &Enums, action: &crate::ir::Action, w: &crate::ir::Waiter) -> TokenStream {
    let (req, resp, err) = (ident(&action.rust.request), ident(&action.rust.response), ident(&action.rust.error));
    let until = ident(&format!("{}_until_done", action.rust.method));
    let crate::ir::Waiter { items: _, state, done, failed, pending } = w;
    let value = match action.output.iter().find(|p| &p.name == state) {
        Some(p) => {
            let field = ident(&p.rust_name);
            state_text(quote! { reply.#field }, p.required, enums.name(Owner::Output(&action.name), p))
        }
        // Lowering records only an output of the action; should that not hold, never done.
        None => quote! { "" },
    };
    let list = |values: &[String]| {
        if values.is_empty() {
            "none documented".to_string()
        } else {
            values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
        }
    };
    let doc = docs(&format!(
        "Polls `{}` with this request until `{state}` says the work is done ({}: the reply) or failed ({}: `WaitError::Failed`, carrying the reply), as the page documents; under way ({}) or any other value: polled again, with the policy's backoff, until its deadline (`WaitError::TimedOut`). Each poll is retried and rate-limited like any call. Drop the future to cancel.",
        action.name,
        list(done),
        list(failed),
        list(pending),
    ));
    quote! {
        #doc
        pub fn #until<'a>(&'a self, request: &'a super::#req, policy: &'a crate::WaitPolicy) -> crate::Waiting<'a, super::#resp, super::#err> {
            Box::pin(crate::wait_until(
                move || self.inner.send_boxed(request),
                |reply: &super::#resp| crate::state_of(#value, &[#(#done),*], &[#(#failed),*], #state),
                policy,
            ))
        }
    }
}

/// `x_until`: polls the action with the same request until every resource it lists has its
/// state among the states asked for (the reply), or one is in a failed state
/// (`WaitError::Failed` with the reply).
fn resource_waiter_method(
    api: &crate::ir::Api,
    enums: &Enums,
    action: &crate::ir::Action,
    w: &crate::ir::Waiter,
    items: &str,
) -> TokenStream {
    let (req, resp, err) = (ident(&action.rust.request), ident(&action.rust.response), ident(&action.rust.error));
    let until = ident(&format!("{}_until", action.rust.method));
    let crate::ir::Waiter { items: _, state, done, failed, pending } = w;
    let list = action.output.iter().find(|p| p.name == items);
    let structure = list.and_then(|p| p.ty.struct_name()).and_then(|name| api.data_types.get(name));
    let field = structure.and_then(|s| s.fields.iter().find(|f| &f.name == state).map(|f| (s, f)));
    let (Some(list), Some((structure, field))) = (list, field) else {
        // Lowering records only a listed structure's field; should that not hold, no method.
        return quote! {};
    };
    let list_id = ident(&list.rust_name);
    let resources = if list.required {
        quote! { reply.#list_id.iter() }
    } else {
        quote! { reply.#list_id.iter().flatten() }
    };
    let field_id = ident(&field.rust_name);
    let enum_name = enums.name(Owner::Type(&structure.name), field);
    let value = state_text(quote! { item.#field_id }, field.required, enum_name);
    let target = match enum_name {
        Some(name) => {
            let id = ident(name);
            quote! { super::#id }
        }
        None => quote! { &'a str },
    };
    let all: Vec<String> = done.iter().chain(pending).chain(failed).map(|v| format!("`{v}`")).collect();
    let failed_list: Vec<String> = failed.iter().map(|v| format!("`{v}`")).collect();
    let doc = docs(&format!(
        "Polls `{}` with this request until every resource of `{items}` has its `{state}` among `targets`{} (the reply), as its page documents the states ({}); one in a failed state ({}) ends the wait with `WaitError::Failed`, carrying the reply. No resource listed yet: polled again. With the policy's backoff, until its deadline (`WaitError::TimedOut`); each poll is retried and rate-limited like any call. Drop the future to cancel.",
        action.name,
        enum_name.map_or(String::new(), |e| format!(" (`&[{e}::…]`)")),
        all.join(", "),
        if failed_list.is_empty() { "none documented".to_string() } else { failed_list.join(", ") },
    ));
    quote! {
        #doc
        pub fn #until<'a>(
            &'a self,
            request: &'a super::#req,
            targets: &'a [#target],
            policy: &'a crate::WaitPolicy,
        ) -> crate::Waiting<'a, super::#resp, super::#err> {
            Box::pin(crate::wait_until(
                move || self.inner.send_boxed(request),
                move |reply: &super::#resp| crate::states_of(#resources.map(|item| #value), targets, &[#(#failed),*], #state),
                policy,
            ))
        }
    }
}

/// The text of a state field (`reply.status`, `item.address_status`): a `String` or the
/// enum of its documented values (`as_str`), required or an `Option` (then `""` for `None`).
fn state_text(field: TokenStream, required: bool, enum_name: Option<&str>) -> TokenStream {
    match (required, enum_name) {
        (true, _) => quote! { #field.as_str() },
        (false, None) => quote! { #field.as_deref().unwrap_or_default() },
        (false, Some(name)) => {
            let id = ident(name);
            quote! { #field.as_ref().map_or("", super::#id::as_str) }
        }
    }
}
