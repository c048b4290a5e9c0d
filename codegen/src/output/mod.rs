//! The generated tree on disk: what a crate's settings are, where it lies, what would
//! change, and writing it.
//!
//! Every file under an output folder is generated, its manifest (`Cargo.toml`) included:
//!
//! - [`Settings`] are what a user sets (the crate's name, version, description, which
//!   features are on by default), read from a small file ([`crate::SETTINGS_FILE`] in the
//!   docs folder, or one named on the command line), never from hand edits of generated
//!   files;
//! - [`Layout`] says whether the crate is a member of an enclosing Cargo workspace (it
//!   inherits that workspace's keys) or a workspace of its own, found the way cargo finds
//!   it ([`detect_layout`]);
//! - [`complete`] writes the crate's manifest from both into the generated tree;
//! - [`plan`] reads the output folder and works out what would change: files to create
//!   (missing), files whose contents differ (stale), and generated files that the
//!   generator no longer produces (extra, i.e. orphans). It never writes. [`apply`] carries
//!   a plan out: it writes only new or changed files, each atomically, removes the
//!   orphans, and prunes the directories their removal left empty.
//!
//! A file is *generated* when it carries the header (see [`is_generated`]). Files without
//! it are hand-written: they are never removed, and a plan that would overwrite one is an
//! error ([`OutputError::WouldOverwriteHandWritten`]), so nothing is written at all.
//!
//! Everything here is deterministic: directories are read in sorted order and the plan
//! lists paths in sorted order.

mod apply;
mod atomic;
mod error;
mod headers;
mod manifest;
mod paths;
mod plan;
mod settings;
mod toml;
mod workspace;

#[cfg(test)]
mod tests;

pub use apply::apply;
pub use atomic::write_atomically;
pub use error::{OutputError, SettingsError};
pub use headers::is_generated;
pub use manifest::{complete, crate_manifest};
pub use plan::{plan, plan_owned, Change, ChangeKind, Plan};
pub use settings::Settings;
pub use workspace::{detect_layout, Layout};
