//! A table's rows → parameters: names checked, types resolved, `Required` read by the kind
//! of table, example values split off the description.

use std::collections::{BTreeMap, BTreeSet};

use super::warning::Warning;
use super::{naming, types};
use crate::error::{Error, Result};
use crate::extract::RawParam;
use crate::ir::Param;

/// `AddressId`, `tag_key`: what may name a parameter, a field or a structure.
pub fn is_wire_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `FailedOperation.TaskFailed`.
pub fn is_error_code(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !s.contains("..")
        && !s.ends_with('.')
}

/// Whether a table describes action inputs, action outputs or structure fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Input,
    Output,
    Field { has_required_column: bool },
}

/// Resolves a table's rows into parameters. A row naming a parameter already in the table
/// is dropped (the first is kept) and a type that is neither basic nor a documented
/// structure becomes [`crate::ir::Type::Json`]: both are warnings.
pub fn lower_params(
    file: &str,
    rows: &[RawParam],
    structs: &BTreeSet<String>,
    kind: FieldKind,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Param>> {
    let mut names = naming::UniqueNames::default();
    let mut seen_wire: BTreeMap<&str, u32> = BTreeMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if !is_wire_name(&row.name) {
            return Err(Error::expected(
                file,
                row.line,
                "a parameter name (ASCII letters, digits and `_`)",
                format!("`{}`", row.name),
            ));
        }
        let warn = |warnings: &mut Vec<Warning>, message: String| {
            warnings.push(Warning { file: file.to_string(), line: row.line, message })
        };
        if let Some(first) = seen_wire.get(row.name.as_str()) {
            warn(
                warnings,
                format!("`{}` has two rows in one table (lines {first} and {}): the first is kept", row.name, row.line),
            );
            continue;
        }
        seen_wire.insert(&row.name, row.line);
        let (ty, unknown) = types::resolve(&row.ty, structs);
        if let Some(unknown) = unknown {
            warn(
                warnings,
                format!(
                    "type `{unknown}` of `{}` is not a basic type and no documented structure has that name: generated as serde_json::Value",
                    row.name
                ),
            );
        }
        let (description, example_value) = split_example_value(&row.description);
        let nullable = types::is_nullable(&description);
        let required = match kind {
            FieldKind::Input => row.required.unwrap_or(false),
            FieldKind::Output => !nullable,
            FieldKind::Field { has_required_column: true } => row.required.unwrap_or(false),
            FieldKind::Field { has_required_column: false } => !nullable,
        };
        let facts = super::facts::read(&row.name, &description, &ty);
        out.push(Param {
            name: row.name.clone(),
            rust_name: names.take(naming::snake(&row.name)),
            required,
            doc_type: row.ty.clone(),
            ty,
            nullable,
            description,
            example_value,
            facts,
        });
    }
    Ok(out)
}

/// `… 示例值:eip-ek0cdz1g` → (description, Some("eip-ek0cdz1g")).
fn split_example_value(description: &str) -> (String, Option<String>) {
    crate::vocab::split_example_value(description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(is_wire_name("AddressId") && is_wire_name("tag_key"));
        assert!(!is_wire_name("A B") && !is_wire_name("1A") && !is_wire_name("é"));
        assert!(is_error_code("FailedOperation.TaskFailed") && is_error_code("InternalError"));
        assert!(!is_error_code("Failed..X") && !is_error_code("X.") && !is_error_code(".X") && !is_error_code("a b"));
    }

    #[test]
    fn example_values_are_split_off() {
        assert_eq!(
            split_example_value("ID。 示例值:eip-ek0cdz1g"),
            ("ID。".to_string(), Some("eip-ek0cdz1g".to_string()))
        );
        assert_eq!(split_example_value("Plain."), ("Plain.".to_string(), None));
    }
}
