//! Hand-written runtime of the generated bindings (crate `tencentcloud-api-runtime`): the
//! traits every generated request and error implements, the validation error and, with the
//! `client` feature, signing, credentials and the HTTP client. Every product is a crate of
//! its own that depends on this one; `tencentcloud-api` re-exports this crate and the
//! products behind one feature each. Nothing in this crate is generated.
//!
//! # Map of the modules
//!
//! Every item is exported at the crate root (generated code and users name
//! `tencentcloud_api_runtime::X`); the modules are private, but for `wire`, `enums` (hidden), `sse`,
//! `sign`, `transport`, `providers` and `test_util`. Each module uses only those listed before it (no circles); this file
//! only declares and re-exports.
//!
//! Always (the types, without `client`):
//!
//! | module | what it holds |
//! |---|---|
//! | `validation` | `ValidationError`: what a request breaks of its documentation |
//! | `filters` | the values of typed filters, as generated filter constructors give them |
//! | `limits` | the checks of documented ranges and lengths that generated `validate_limits` calls |
//! | `wire` | `Wire`: the documented JSON form of generated types |
//! | `enums` | what generated enums of documented value sets share (`string_enum!`, `integer_enum!`) |
//! | `decode` | lenient decoding of a documented shape (`decode_value`, `Documented`, `Deviation`) |
//! | `action` | the traits generated code implements: `Action`, `Paginated`, `ApiError`, `ErrorOf`; the reply envelope |
//! | `sse` | the Server-Sent Events decoder (`SseDecoder`): the WHATWG rules, bytes split anywhere |
//!
//! With `client`:
//!
//! | module | what it holds |
//! |---|---|
//! | `errors` | `Error`, `AnyError`, `AnyCode`, `BuildError` (a leaf: knows no client) |
//! | `transport` | `Transport`: the HTTP stack (`ReqwestTransport` the default), `HttpRequest`, `HttpResponse` with its body as chunks |
//! | `reply` | the reply envelope opened: an API error or the response, decoded by `decode` (`decode`, `decode_reply`, `decode_json`, `Reply`); what an attempt brought (`Answer`) |
//! | `endpoint` | `Endpoint`: where requests go |
//! | `random` | jitter and idempotency tokens |
//! | `retry` | `RetryPolicy`, backoff with jitter, what is retried (`is_rate_limit_code`, `is_safe_to_repeat`) |
//! | `breaker` | `BreakerPolicy`: the circuit breaker between the primary and a backup endpoint |
//! | `limiter` | the token bucket per action (documented rates) |
//! | `sign` | TC3-HMAC-SHA256 |
//! | `credentials` | `Credentials`, `CredentialsError` |
//! | `request` | the headers of one attempt, signed (any content type); `Language`, `USER_AGENT` |
//! | `options` | `CallOptions`: timeout, deadline, retries, headers of some calls |
//! | `provide` | what a credentials provider implements, and the client's cache of it |
//! | `client` | `Client`: its settings and the JSON calls (`send`, `call_json`) |
//! | `attempt` | the retry loop, one attempt through the transport within its timeout and the deadline, tracing |
//! | `raw` | `call_raw`: any body (`RawRequest`, `RawReply`) |
//! | `stream` | streamed replies: `StreamingAction`, `send_stream`, `EventStream`, `call_stream_json` |
//! | `providers` | environment, profile file, CVM role, STS roles, the default chain (STS calls use `client`) |
//! | `builder` | `ClientBuilder` (uses the default chain of `providers`) |
//! | `pages` | paginators (`PageStream`, `ItemStream`) |
//! | `waiter` | waiters (`wait_until`) |
//!
//! Decoding is two modules on purpose: `decode` knows documented shapes and nothing of
//! replies (no client needed: the example tests and builds without `client` use it);
//! `reply` opens the `{"Response": …}` envelope into the response or a typed API error (`Error`),
//! which only the client has.
//!
//! With `test-util` (for tests, never a program's own build): `test_util`, the
//! `MockTransport` a program's tests answer calls with; and, for the generated example
//! tests, `perturb` (documented replies perturbed as servers send them) and `loopback`
//! (those replies sent through the client by a minimal server), exported as the hidden
//! `testing`.
//!
//! Tests: unit tests beside their code; `tests/` sends hand-written actions (`tests/common`)
//! to the loopback server of the workspace's `test-support` crate: no generated product.
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod action;
mod decode;
#[doc(hidden)]
pub mod enums;
mod filters;
mod limits;
pub mod sse;
mod validation;
pub mod wire;

#[cfg(feature = "client")]
mod attempt;
#[cfg(feature = "client")]
mod breaker;
#[cfg(feature = "client")]
mod builder;
#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod credentials;
#[cfg(feature = "client")]
mod endpoint;
#[cfg(feature = "client")]
mod errors;
#[cfg(feature = "client")]
mod limiter;
#[cfg(feature = "client")]
mod options;
#[cfg(feature = "client")]
mod pages;
#[cfg(feature = "client")]
mod provide;
#[cfg(feature = "client")]
pub mod providers;
#[cfg(feature = "client")]
mod random;
#[cfg(feature = "client")]
mod raw;
#[cfg(feature = "client")]
mod reply;
#[cfg(feature = "client")]
mod request;
#[cfg(feature = "client")]
mod retry;
#[cfg(feature = "client")]
pub mod sign;
#[cfg(feature = "client")]
mod stream;
#[cfg(feature = "client")]
pub mod transport;
#[cfg(feature = "client")]
mod waiter;

#[cfg(all(feature = "client", feature = "test-util"))]
mod loopback;
#[cfg(feature = "test-util")]
mod perturb;
#[cfg(all(feature = "client", feature = "test-util"))]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub mod test_util;

pub use action::{Action, ApiError, ErrorOf, PageParam, PageStyle, Paginated, Paging, ResponseEnvelope};
pub use decode::{decode_value, Decoded, Deviation, DeviationKind, Documented, Field, Shape};
pub use validation::{LengthOf, ValidationError};
pub use wire::{Wire, WireError};

// Used by generated error enums; not part of the API a user calls.
#[doc(hidden)]
pub use action::fmt_api_error;
// Called by generated filter constructors; not part of the API a user calls.
#[doc(hidden)]
pub use filters::{filter_values, filter_values_shown};
// Called by generated `validate_limits`; not part of the API a user calls.
#[doc(hidden)]
pub use limits::{
    check_bytes, check_chars, check_items, check_range, check_range_or_default, Counted, Limited, Scalar, Visitor,
};

#[cfg(feature = "client")]
pub use breaker::BreakerPolicy;
#[cfg(feature = "client")]
pub use builder::ClientBuilder;
#[cfg(feature = "client")]
pub use client::{install_crypto_provider, Client, Pending};
#[cfg(feature = "client")]
pub use credentials::{Credentials, CredentialsError};
#[cfg(feature = "client")]
pub use endpoint::{Endpoint, ROOT_DOMAIN};
#[cfg(feature = "client")]
pub use errors::{AnyCode, AnyError, BuildError, Error};
#[cfg(feature = "client")]
pub use options::CallOptions;
#[cfg(feature = "client")]
pub use pages::{ItemStream, PageStream};
#[cfg(feature = "client")]
pub use raw::{RawReply, RawRequest};
#[cfg(feature = "client")]
pub use reply::{decode, decode_json, decode_reply, Reply};
#[cfg(feature = "client")]
pub use request::{Language, USER_AGENT};
#[cfg(feature = "client")]
pub use retry::{is_rate_limit_code, is_safe_to_repeat, RetryPolicy};
#[cfg(feature = "client")]
pub use stream::{EventStream, PendingStream, StreamingAction};
#[cfg(feature = "client")]
pub use transport::{ReqwestTransport, Transport};
#[cfg(feature = "client")]
pub use waiter::{state_of, states_of, wait_until, WaitError, WaitPolicy, WaitState, Waiting};

/// For the generated example tests (feature `test-util`, which product crates take as a
/// dev-dependency only): documented replies perturbed as servers may send them, and sent
/// through the client from a server on loopback. Not part of the API a user calls, and not
/// in a user's build.
#[cfg(feature = "test-util")]
#[doc(hidden)]
pub mod testing {
    #[cfg(feature = "client")]
    pub use super::loopback::check_over_loopback;
    pub use super::perturb::{check_documented_output, check_perturbations};
    #[cfg(feature = "client")]
    pub use super::stream::event_error;
}

/// What the macros of generated code name through `$crate` (not part of the API a user
/// calls): product crates need no dependency on `serde` of their own.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}
