//! The doc-page compiler: Tencent Cloud API documentation pages → IR → Rust bindings.
//!
//! Data flows pages → blocks → records → IR → Rust → files, one private stage per step:
//! `source` reads a page, `page` (one front-end per form: text, HTML, Markdown) turns it
//! into the block model of `vocab` (the leaf that also holds the words of the pages, every
//! language), `extract` reads raw records (with their lines) out of the blocks, `lower`
//! resolves types, names and constraints into the [`ir`], `emit` turns the IR into token
//! streams (one module per output file) that `format` prints, and [`output`] compares or
//! writes the generated tree. Nothing reaches back: `emit` reads only the IR.
//!
//! The front door, what the tools beside the compiler use:
//!
//! - generate: [`generate`] / [`generate_for`] (a docs folder → [`Generated`]), or in two
//!   steps [`load_docs`] (read and lower: the IR and the [`Warning`]s) then [`generate_from`];
//! - the IR: [`ir`] (its data types are the API), read from or written to JSON;
//! - review: [`review`] (the changes between two IRs, the Rust API view, the report);
//! - files: [`output`] (plan, apply, compare the generated tree);
//! - pages: [`pages`] (a page read as the generator reads it, for the crawler, the
//!   conformance runner and tests), [`lower_sources`], [`read_page`], [`discover`];
//! - [`Error`] (input that is not what it claims to be; defects are [`Warning`]s).

mod emit;
mod error;
mod extract;
mod format;
mod generated;
mod lower;
mod page;
mod parallel;
mod source;
mod vocab;

#[doc(hidden)]
pub mod fuzzing;
pub mod ir;
pub mod output;
pub mod pages;
pub mod review;

pub use error::{Error, ErrorKind, Result};
pub use generated::{
    Generated, DEFAULT_CRATE_NAME, GENERATED_HEADER, GENERATED_TOML_HEADER, RUNTIME_CRATE_NAME, SETTINGS_FILE,
};
pub use lower::pagination::unrecognised as why_no_paginator;
pub use lower::{discover, load_docs, lower_sources, read_page, Group, Loaded, Warning};
pub use parallel::map as parallel_map;

use std::path::Path;

/// Runs the whole pipeline over a docs folder: either `<product>/<version>/` folders of
/// pages, or one folder holding the pages of one product version.
pub fn generate(docs: &Path) -> Result<Generated> {
    generate_for(docs, DEFAULT_CRATE_NAME)
}

/// [`generate`] for a crate whose library is named `crate_name`.
pub fn generate_for(docs: &Path, crate_name: &str) -> Result<Generated> {
    let loaded = lower::load_docs(docs)?;
    let mut generated = emit::generate_owned(loaded.apis, crate_name)
        .map_err(|message| Error::new(&source::display_path(docs), 0, ErrorKind::Other { message }))?;
    generated.warnings = loaded.warnings.iter().map(ToString::to_string).collect();
    Ok(generated)
}

/// Emits every file for product versions already lowered (the IR), for a crate whose
/// library is named `crate_name`: the IR files with every documented structure, and the
/// code for the structures the actions use. The error is a file that would not format.
pub fn generate_from(apis: Vec<ir::Api>, crate_name: &str) -> std::result::Result<Generated, String> {
    emit::generate_owned(apis, crate_name)
}
