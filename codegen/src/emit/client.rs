//! `src/<product>/<version>/client.rs`: the product's `Client`, one method per action
//! (behind the `client` feature). Each returns the boxed future of the one generic
//! `Client::send` (`.await` it): no per-action state machine to compile.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, docs_then, ident};
use crate::ir::Api;

pub fn client_file(api: &Api) -> TokenStream {
    let methods = api.actions.values().map(|action| {
        let method = ident(&action.rust.method);
        let (req, resp, err) = (ident(&action.rust.request), ident(&action.rust.response), ident(&action.rust.error));
        let mut notes =
            vec![format!("Action `{}`; the request is validated before it is sent. `.await` the result.", action.name)];
        if let Some(limit) = action.rate_limit {
            notes.push(format!("At most {limit} requests per second (see `ClientBuilder::rate_limit`)."));
        }
        let doc = docs_then(&action.description, &notes);
        quote! {
            #doc
            #[inline]
            pub fn #method<'a>(&'a self, request: &'a super::#req) -> crate::Pending<'a, super::#resp, super::#err> {
                self.inner.send_boxed(request)
            }
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
