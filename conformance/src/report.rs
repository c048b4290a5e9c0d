//! The shared types of a comparison: its categories, a mismatch and whom it concerns, and
//! the report of one product version (matched and total per category).

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The categories of the report, in print order.
pub const CATEGORIES: &[&str] = &[
    "actions",
    "input fields",
    "output fields",
    "required flags",
    "types",
    "per-action error codes",
    "data types",
    "data-type fields",
    "common codes",
    "service codes",
];

/// What a mismatch belongs to: the page it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The product version itself, or its error codes (the Error Codes page).
    Product,
    /// An action (its own page).
    Action,
    /// A structure (the Data Types page).
    DataType,
}

/// One difference between what the parser read and the oracle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Its category (one of [`CATEGORIES`]).
    pub category: &'static str,
    /// What it belongs to.
    pub owner_kind: Owner,
    /// The action or structure it concerns; empty for the product's error codes and the
    /// product version itself.
    pub owner: String,
    /// The field, error code, action or structure named; empty when it concerns the
    /// owner as a whole (the order of its fields, its Required column).
    pub item: String,
    /// Whether it was counted in its category's total (order and Required-column
    /// mismatches are not).
    pub tallied: bool,
    /// What differs, as the report prints it.
    pub message: String,
}

/// Matched and total per category, and every mismatch.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Category → (matched, total).
    pub counts: BTreeMap<&'static str, (usize, usize)>,
    /// Every mismatch, in the order found.
    pub mismatches: Vec<Mismatch>,
}

impl Report {
    pub(crate) fn tally(&mut self, category: &'static str, ok: bool, at: At, mismatch: impl FnOnce() -> String) {
        let entry = self.counts.entry(category).or_default();
        entry.1 += 1;
        if ok {
            entry.0 += 1;
        } else {
            self.push(category, at, true, mismatch());
        }
    }

    pub(crate) fn push(
        &mut self,
        category: &'static str,
        (owner_kind, owner, item): At,
        tallied: bool,
        message: String,
    ) {
        let (owner, item) = (owner.to_string(), item.to_string());
        self.mismatches.push(Mismatch { category, owner_kind, owner, item, tallied, message });
    }

    /// Matched and total over every category.
    pub fn score(&self) -> (usize, usize) {
        self.counts.values().fold((0, 0), |(m, t), (matched, total)| (m + matched, t + total))
    }

    /// No mismatch.
    pub fn is_perfect(&self) -> bool {
        self.mismatches.is_empty()
    }

    /// A line per category (matched, total, percent), then a line per mismatch.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for category in CATEGORIES {
            let (matched, total) = self.counts.get(category).copied().unwrap_or_default();
            let percent = if total == 0 { 100.0 } else { 100.0 * matched as f64 / total as f64 };
            let _ = writeln!(out, "{category:<24} {matched:>6}/{total:<6} {percent:>6.2}%");
        }
        for m in &self.mismatches {
            let _ = writeln!(out, "mismatch: {}: {}", m.category, m.message);
        }
        out
    }
}

/// What a tallied item belongs to and its name: see [`Mismatch`].
pub(crate) type At<'a> = (Owner, &'a str, &'a str);
