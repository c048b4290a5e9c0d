//! Lowering: raw records of a product version's pages → [`crate::ir::Api`].
//!
//! Small named passes: [`discover`] finds the pages and the product version each folder
//! stands for; each page is read, parsed and extracted; [`types`] resolves printed types;
//! [`naming`] picks Rust names; [`constraints`] reads the prose; [`examples`] turns
//! examples into JSON; [`error_codes`] checks the error code tables. Contradictions within
//! the pages and documentation defects (a broken example, an undocumented structure, a
//! malformed error code, a duplicate row) become [`Warning`]s and the rest is generated;
//! only input that is not what it claims to be (not an API page, cut off, unreadable, two
//! pages for one action, the wrong folder) is an error.
//!
//! Each pass is a module; this one only names them and re-exports the entry points:
//! [`load_docs`] (`load.rs`) reads a docs folder, `assemble.rs` puts one product version's
//! records together, `product.rs` checks its product and version, `params.rs` lowers a
//! table's rows; [`Warning`] (`warning.rs`) is what they report.

mod action;
mod assemble;
pub mod constraints;
mod discover;
pub mod error_codes;
pub mod examples;
pub mod facts;
mod limits;
mod load;
pub mod naming;
pub mod pagination;
mod params;
mod product;
pub mod streaming;
pub mod types;
mod values;
pub mod waiter;
mod warning;

pub use discover::{discover, Group};
pub use load::{extract_pages, load_docs, lower_sources, read_page, Loaded};
pub use warning::Warning;
