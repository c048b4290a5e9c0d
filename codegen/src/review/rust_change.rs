//! The Rust API view's data: one change of a public item ([`RustChange`]), what it calls for
//! ([`Bump`]), the whole view ([`RustApi`]), and how error types decode codes ([`Decoding`],
//! [`Decoded`]).

use std::collections::BTreeMap;

use serde::Serialize;

/// How large a release a change calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    Patch,
    Minor,
    Major,
}

impl Bump {
    /// `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// What happened to a public item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RustKind {
    Added,
    Removed,
    Changed,
    /// The same item behaves differently: error codes that decode to other variants.
    Behaviour,
}

impl RustKind {
    pub(super) fn label(self) -> &'static str {
        match self {
            RustKind::Added => "added",
            RustKind::Removed => "removed",
            RustKind::Changed => "changed",
            RustKind::Behaviour => "behaviour changes",
        }
    }
}

/// One change of the generated crates' public API.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RustChange {
    /// The item's public path under the `tencentcloud_api` crate:
    /// `vpc::v20170312::AssociateAddressRequest::address_id`.
    pub path: String,
    pub kind: RustKind,
    /// `struct`, `field`, `enum`, `variant`, `fn`, `method`, `impl`, `const`, `type`,
    /// `module`, `decoding`.
    pub item: &'static str,
    pub bump: Bump,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// Why this bump, where it is not the plain rule; what a behaviour change is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A behaviour change: each code that decodes to another value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decoded: Vec<Decoded>,
}

/// The Rust API view of a change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RustApi {
    /// The release the change calls for; `None` when the generated code is the same.
    pub bump: Option<Bump>,
    pub changes: Vec<RustChange>,
}

impl RustApi {
    /// `rust api: 12 added, 1 removed, 3 behaviour changes; semver: major`.
    pub fn summary(&self) -> String {
        let mut counts: BTreeMap<RustKind, usize> = BTreeMap::new();
        for c in &self.changes {
            *counts.entry(c.kind).or_default() += 1;
        }
        let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {}", k.label())).collect();
        let items = if parts.is_empty() { "no public item changed".to_string() } else { parts.join(", ") };
        let bump = self.bump.map_or("none", Bump::as_str);
        format!("rust api: {items}; semver: {bump}")
    }
}

/// How a type's `from_code` (or `from_str`) turns codes into values; for the enum of a
/// value set, how its wire values decode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoding {
    /// Code → the value it decodes to (`Self::X` shown as `X`).
    pub codes: BTreeMap<String, String>,
    /// Other codes go through `CommonError::from_code` first (a `Common(..)` case).
    pub common_fallback: bool,
    /// What any other code decodes to, as shown: `Other(..)` for the enum of a value set;
    /// none for an error type (`Unknown(..)`).
    pub fallback: Option<String>,
}

/// A code that decodes differently: `AuthFailure`: `Unknown(..)` → `Common(CommonError::AuthFailure)`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Decoded {
    pub code: String,
    pub old: String,
    pub new: String,
}
