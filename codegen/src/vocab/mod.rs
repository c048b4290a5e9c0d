//! The words documentation pages are written in: one table per content language (English,
//! Chinese, Japanese, Korean), shared by every front-end and by the extractor.
//!
//! Nothing else in the compiler knows a section name, a column header, a Yes/No word or a
//! "may return null" note: front-ends and `extract` ask this module. Lookups accept the
//! words of every language, because real pages mix them (a Chinese `是` on a Japanese page,
//! an English `Yes` on a Korean one); [`required_word`] also reads a misspelt Required cell
//! as the word it is one letter away from, and says so.
//!
//! The module is a leaf: it imports nothing else of the compiler. It holds the block model
//! the front-ends produce ([`blocks`]), one table of words per language (`en.rs`, `zh.rs`, `ja.rs`,
//! `ko.rs`, each a [`Vocabulary`]), and the lookups over all of them.

pub mod blocks;
mod en;
mod ja;
mod ko;
mod lookup;
mod words;
mod zh;

pub use blocks::{normalize_cell, Block, BlockKind, Column, Known, Note, Page, Row, Table};
pub use lookup::*;
pub use words::Section;
