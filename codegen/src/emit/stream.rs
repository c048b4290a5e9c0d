//! Streamed replies (`Action::streaming`): in the action's file, the event type (the
//! output table without the reply's `RequestId`) and `impl StreamingAction`; in the
//! product's client, the `x_stream` method giving the events as a `futures::Stream`.

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::{Enums, Owner};
use super::fields::{documented_impl, fields, wire_impl};
use super::rustdoc::docs;
use super::tokens::ident;
use crate::ir::{Action, Api, Param};

/// The output parameters an event carries: every one but the reply's `RequestId`.
pub(crate) fn event_fields(action: &Action) -> Vec<Param> {
    action.output.iter().filter(|p| p.name != "RequestId").cloned().collect()
}

/// The client method's name: `chat_completions_stream`.
pub(crate) fn method_name(action: &Action) -> String {
    format!("{}_stream", action.rust.method)
}

/// The event type and `impl StreamingAction` of a streaming action (nothing otherwise).
pub(crate) fn event_items(api: &Api, enums: &Enums, action: &Action) -> TokenStream {
    let (Some(streaming), Some(event)) = (&action.streaming, &action.rust.event) else { return quote! {} };
    let name = &action.name;
    let id = ident(event);
    let req = ident(&action.rust.request);
    let params = event_fields(action);
    let asked = match &streaming.input {
        Some(input) => format!("when the request sets `{input}` (the client's `{}` does)", method_name(action)),
        None => "always".to_string(),
    };
    let doc = docs(&format!(
        "One event of the streamed reply of the `{name}` action, sent {asked}: the output's fields, the reply's `RequestId` aside. Decoded leniently, as a reply is."
    ));
    let body = fields(api, enums, Owner::Output(name), &params, &|_| false);
    let wire = wire_impl(&id, &params);
    let documented = documented_impl(api, enums, Owner::Output(name), &id, &params);
    let input = match &streaming.input {
        Some(input) => quote! { Some(#input) },
        None => quote! { None },
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #id {
            #body
        }

        #wire
        #documented

        #[cfg(feature = "client")]
        impl crate::StreamingAction for #req {
            type Event = #id;
            const STREAM_INPUT: Option<&'static str> = #input;
        }
    }
}

/// The request's documentation line about its streamed reply.
pub(crate) fn request_note(action: &Action) -> Option<String> {
    let (streaming, event) = (action.streaming.as_ref()?, action.rust.event.as_ref()?);
    let how = match &streaming.input {
        Some(input) => format!("Its reply can be streamed (`{input}`)"),
        None => "Its reply is always streamed".to_string(),
    };
    Some(format!("{how}: `Client::{}` gives the events (`{event}`) as the server sends them.", method_name(action)))
}

/// `x_stream`: the action's events as a stream (`.await` it, then poll the stream).
pub(crate) fn client_method(action: &Action) -> TokenStream {
    let (Some(streaming), Some(event)) = (&action.streaming, &action.rust.event) else { return quote! {} };
    let method = ident(&method_name(action));
    let req = ident(&action.rust.request);
    let asks = match &streaming.input {
        Some(input) => format!(" with `{input}` set to `true` (whatever the request says)"),
        None => String::new(),
    };
    let mut lines = vec![
        format!(" Sends `{}`{asks} and gives its streamed reply: a `futures::Stream` of `{event}`, each decoded as it arrives. The request is validated first; a refusal (an error reply) fails the call, as the retry policy allows; an error event, an event that is not JSON or a stall between events is an `Err` item. Drop the stream to close the connection.", action.name),
        String::new(),
        " ```ignore".to_string(),
        format!(" let mut events = client.{method}(&request).await?;"),
        " while let Some(event) = events.next().await {".to_string(),
        "     let event = event?;".to_string(),
        "     // …".to_string(),
        " }".to_string(),
        " ```".to_string(),
    ];
    lines.iter_mut().filter(|l| l.is_empty()).for_each(|l| l.clear());
    quote! {
        #( #[doc = #lines] )*
        #[inline]
        pub fn #method<'a>(&'a self, request: &'a super::#req) -> crate::PendingStream<'a, super::#req> {
            self.inner.send_stream_boxed(request)
        }
    }
}
