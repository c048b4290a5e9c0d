//! Pages read as the generator reads them, for the tools beside it (the crawler tells the
//! kind of a fetched page, the conformance runner salvages what it can of a folder, tests
//! look at the blocks): a deliberate, small surface over the private stages.
//!
//! A page ([`SourceFile`]) of some [`Form`] is [`parse`]d into a [`Page`] of [`Block`]s,
//! from which [`extract`] reads its [`PageRecord`]. The titles and headings the vocabulary
//! knows (every language) are asked with [`is_data_types_title`], [`is_error_codes_title`],
//! [`numbered_section`] and [`last_updated_labels`].

use std::collections::BTreeSet;

pub use crate::extract::{
    common_param_value, extract, Extracted, PageRecord, RawAction, RawDataType, RawErrorCode, RawErrorCodes,
    RawExample, RawParam,
};
pub use crate::lower::extract_pages;
pub use crate::page::{parse, Form};
pub use crate::source::{display_path, SourceFile};
pub use crate::vocab::{
    is_data_types_title, is_error_codes_title, last_updated_labels, numbered_section, Block, BlockKind, Column, Note,
    Page, Row, Section, Table,
};

/// Whether a Type cell (`Array of Filter`, `Vpc`) names something other than a basic type:
/// a structure, documented or not.
pub fn names_a_structure(printed_type: &str) -> bool {
    crate::lower::types::resolve(printed_type, &BTreeSet::new()).1.is_some()
}
