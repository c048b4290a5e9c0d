//! Shared pieces of `cargo xtask`: where things live, and the subcommands' logic.
//!
//! The binary (`main.rs`) only parses the command line and dispatches; each subcommand
//! lives in its own module here so that tests (`tests/freshness.rs`) can use it too.

pub mod bench;
pub mod check;
pub mod conformance;
pub mod diff;
pub mod fetch;
mod generate;
pub mod instructions;
pub mod paging_report;
mod paths;
pub mod regen;
#[cfg(test)]
mod test_util;
pub mod typed_values;

pub use generate::{generate, generate_with, print_warnings, GenArgs, Target};
pub use paths::{default_docs, default_out, default_targets, golden_docs, golden_out, workspace_root};
