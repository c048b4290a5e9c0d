//! Resolving the types the pages print (`Array of AddressInfo`) to [`Type`].

use std::collections::BTreeSet;

use crate::ir::Type;

/// Resolves a printed type against the documented structures. `Err` carries the name
/// that is neither a basic type nor a structure.
pub fn resolve(printed: &str, structs: &BTreeSet<String>) -> Result<Type, String> {
    if let Some(inner) = printed.strip_prefix("Array of ") {
        return Ok(Type::Array(Box::new(resolve(inner.trim(), structs)?)));
    }
    Ok(match printed {
        "String" => Type::String,
        "Integer" | "Int" | "Int64" | "UInt64" | "Uint64" | "Long" => Type::Integer,
        "Float" | "Double" => Type::Float,
        "Boolean" | "Bool" => Type::Boolean,
        "Timestamp" | "Timestamp ISO8601" | "Datetime" | "DateTime" => Type::Timestamp,
        "Date" => Type::Date,
        name if structs.contains(name) => Type::Struct(name.to_string()),
        other => return Err(other.to_string()),
    })
}

/// Folds the "may return null" notes: true when a description says the field may be null.
pub fn is_nullable(description: &str) -> bool {
    crate::vocab::says_nullable(description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_basic_and_struct_types() {
        let structs: BTreeSet<String> = ["AddressInfo".to_string()].into();
        assert_eq!(resolve("String", &structs), Ok(Type::String));
        assert_eq!(resolve("Timestamp ISO8601", &structs), Ok(Type::Timestamp));
        assert_eq!(
            resolve("Array of AddressInfo", &structs),
            Ok(Type::Array(Box::new(Type::Struct("AddressInfo".into()))))
        );
        assert_eq!(resolve("Array of Strin", &structs), Err("Strin".to_string()));
    }

    #[test]
    fn nullable_notes() {
        assert!(is_nullable("Bandwidth.\nNote: this field may return null, indicating that no valid value was found."));
        assert!(is_nullable("注意：此字段可能返回 null，表示取不到有效值。"));
        assert!(!is_nullable("The ID."));
    }
}
