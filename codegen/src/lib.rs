//! The doc-page compiler: Tencent Cloud API documentation pages → IR → Rust bindings.
//!
//! Pipeline: [`source`] reads pages, [`page`] turns text or HTML into one block model,
//! [`extract`] reads raw records (with their lines) out of the blocks, [`lower`] resolves
//! types, names and constraints into the [`ir`], [`emit`] turns the IR into token streams
//! that [`format`] prints, and [`output`] compares or writes the generated tree.

pub mod emit;
pub mod error;
pub mod extract;
pub mod format;
pub mod fuzzing;
mod generated;
pub mod ir;
pub mod lower;
pub mod output;
pub mod page;
pub mod parallel;
pub mod review;
pub mod source;
pub mod vocab;

pub use error::{Error, ErrorKind, Result};
pub use generated::{Generated, DEFAULT_CRATE_NAME, GENERATED_HEADER, GENERATED_TOML_HEADER, RUNTIME_CRATE_NAME};
/// The review's former name, until xtask calls it [`review`].
#[doc(hidden)]
pub use review as diff;

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
