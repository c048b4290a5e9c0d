//! Resolving the types the pages print (`Array of AddressInfo`) to [`Type`].

use std::collections::BTreeSet;

use crate::ir::Type;

/// Resolves a printed type against the documented structures. A name that is neither a
/// basic type nor a structure resolves to [`Type::Json`] (any JSON value) and is returned
/// too, for the warning. Basic type names are read whatever their case (`string`,
/// `integer`, `bool` occur on real pages); structure names must match exactly.
pub fn resolve(printed: &str, structs: &BTreeSet<String>) -> (Type, Option<String>) {
    let printed = printed.trim();
    let array_prefix = "array of ";
    if printed.len() > array_prefix.len()
        && printed.is_char_boundary(array_prefix.len())
        && printed[..array_prefix.len()].eq_ignore_ascii_case(array_prefix)
    {
        let (inner, unknown) = resolve(&printed[array_prefix.len()..], structs);
        return (Type::Array(Box::new(inner)), unknown);
    }
    if let Some(basic) = basic(printed) {
        return (basic, None);
    }
    if structs.contains(printed) {
        return (Type::Struct(printed.to_string()), None);
    }
    match basic(&printed.to_ascii_lowercase()) {
        Some(basic) => (basic, None),
        None => (Type::Json, Some(printed.to_string())),
    }
}

/// The basic types, as printed (exact case first, then lower-cased).
fn basic(printed: &str) -> Option<Type> {
    Some(match printed {
        "String" | "string" => Type::String,
        "Integer" | "Int" | "Int64" | "UInt64" | "Uint64" | "Long" | "integer" | "int" | "int64" | "uint64"
        | "long" => Type::Integer,
        "Float" | "Double" | "float" | "double" => Type::Float,
        "Boolean" | "Bool" | "boolean" | "bool" => Type::Boolean,
        "Timestamp" | "Timestamp ISO8601" | "Datetime" | "DateTime" | "timestamp" | "timestamp iso8601"
        | "datetime" => Type::Timestamp,
        "Date" | "date" => Type::Date,
        _ => return None,
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
        assert_eq!(resolve("String", &structs), (Type::String, None));
        assert_eq!(resolve("Timestamp ISO8601", &structs), (Type::Timestamp, None));
        assert_eq!(
            resolve("Array of AddressInfo", &structs),
            (Type::Array(Box::new(Type::Struct("AddressInfo".into()))), None)
        );
        assert_eq!(resolve("Array of Strin", &structs), (Type::Array(Box::new(Type::Json)), Some("Strin".to_string())));
        assert_eq!(resolve("KeyPair", &structs), (Type::Json, Some("KeyPair".to_string())));
        assert_eq!(resolve("addressinfo", &structs), (Type::Json, Some("addressinfo".to_string())));
    }

    #[test]
    fn basic_type_names_in_any_case() {
        let none = BTreeSet::new();
        for (printed, ty) in [
            ("string", Type::String),
            ("STRING", Type::String),
            ("integer", Type::Integer),
            ("Int64", Type::Integer),
            ("Uint64", Type::Integer),
            ("UINT64", Type::Integer),
            ("bool", Type::Boolean),
            ("Float", Type::Float),
            ("Double", Type::Float),
            ("timestamp ISO8601", Type::Timestamp),
            ("date", Type::Date),
        ] {
            assert_eq!(resolve(printed, &none), (ty, None), "{printed}");
        }
        assert_eq!(resolve("array of string", &none), (Type::Array(Box::new(Type::String)), None));
    }

    #[test]
    fn nullable_notes() {
        assert!(is_nullable("Bandwidth.\nNote: this field may return null, indicating that no valid value was found."));
        assert!(is_nullable("注意：此字段可能返回 null，表示取不到有效值。"));
        assert!(!is_nullable("The ID."));
    }
}
