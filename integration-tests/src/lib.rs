//! Hand-written tests and examples of the generated crates, from outside as a user would
//! use them: `tencentcloud-api` (`generated/`, with its VPC product) and the golden
//! fixture crate `golden-demo` (`codegen/tests/golden/`). Everything under those folders
//! is generated; what is written by hand about them lives here:
//!
//! - `tests/`: the public surface, the `associate_address` example run against a loopback
//!   server, the golden crate's behaviour, paginators, waiters and documented limits;
//! - `examples/associate_address.rs`: binding an EIP, as a user would write it;
//! - `vpc-whole/`: a test of the paginators and waiters of the whole VPC API, which this
//!   repository's `docs-src/` does not hold: CI copies it into the crate it generates from
//!   the whole VPC corpus with `regen --init`.
//!
//! This library is what the tests share: [`loopback_client`].

use std::time::Duration;

use tencentcloud_api::{Client, Credentials, Endpoint, RetryPolicy};
use test_support::http::Server;
use test_support::tc3::{SECRET_ID, SECRET_KEY};

/// A client that signs with the test key pair (which [`test_support::tc3::check`]
/// verifies) and sends to `server`, in `ap-guangzhou`, retrying quickly (10 ms base
/// delay): what the tests call through every product's `Client::new` (every crate of the
/// bindings re-exports the runtime's `Client`, so this one serves them all).
pub fn loopback_client(server: &Server) -> Client {
    Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint(Endpoint::Url(server.url()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(10), ..RetryPolicy::default() })
        .build()
        .expect("a client with credentials, a region and an endpoint always builds")
}
