//! The review of an API change (what `cargo xtask diff` and `regen` print): the changes
//! between two IRs: what was added, removed, retyped or made required, and
//! whether each change breaks code written against the generated crate.
//!
//! What makes additive changes non-breaking in the generated crate:
//! - responses, output-only structures (no Required column), error enums, `ErrorCode` and
//!   `CommonError` are `#[non_exhaustive]`, and responses ignore unknown JSON fields: a new
//!   output, output field or error code breaks no code;
//! - requests and input structures derive `Default` and are built with
//!   `..Default::default()`: a new optional input or optional field breaks no such code;
//! - a new action or structure is a new item.
//!
//! Everything else (a removal, a type change, a required ↔ optional change, a new required
//! input) changes or removes something existing code names: breaking.
//!
//! What a parameter's description states (its value set, default, range, length, unit,
//! filters) is compared too (`facts.rs`, which says what of it breaks code).
//!
//! Two views: [`diff`] compares the IRs (`change.rs`, `changes.rs`, `facts.rs`); [`rust_api`] generates
//! both sides and compares the public items of the generated crates (`public_items.rs`,
//! `decoders.rs`, `checks.rs`, `rust_change.rs`); [`Review`] (`report.rs`) puts both in Markdown or JSON.

mod change;
mod changes;
mod checks;
mod decoders;
mod facts;
mod public_items;
mod report;
mod rust_api;
mod rust_change;
mod tokens;

pub use change::{Change, Kind};
pub use changes::{diff, pairs};
pub use report::{summary_line, to_json, to_markdown, Review};
pub use rust_api::rust_api;
pub use rust_change::{Bump, Decoded, Decoding, RustApi, RustChange, RustKind};
