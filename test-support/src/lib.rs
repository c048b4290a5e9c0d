//! What the tests of every crate of this workspace share (a dev-dependency only):
//!
//! - [`Scratch`]: a scratch folder removed when dropped;
//! - [`shared`]: the reference data beside the repository (`../shared`), skipped with a
//!   printed notice when it is absent (a user's clone) and a failure under CI;
//! - [`http`]: one real HTTP/1.1 server on loopback, answering from a closure, that every
//!   loopback test uses; [`tc3`] checks its requests' signatures with the published
//!   algorithm (not the runtime's code) and [`metadata`] plays a CVM metadata service.
//!
//! It depends on no crate of this workspace, so that every one of them can use it.

pub mod http;
pub mod metadata;
pub mod proxy;
mod scratch;
pub mod shared;
pub mod tc3;

pub use scratch::{files_under, Scratch};
