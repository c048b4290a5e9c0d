//! How a parameter's values are typed, for the facts readers.

use crate::ir::Type;

/// How a parameter's values are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Float,
    Boolean,
    /// Strings: strings as printed.
    Text,
    /// Timestamps and dates: strings as printed, no range or unit.
    Time,
    /// A structure: none of its fields' facts.
    None,
}

pub fn kind_of(ty: &Type) -> Kind {
    match ty {
        Type::Integer => Kind::Integer,
        Type::Float => Kind::Float,
        Type::Boolean => Kind::Boolean,
        Type::String => Kind::Text,
        Type::Timestamp | Type::Date => Kind::Time,
        Type::Array(inner) => kind_of(inner),
        Type::Struct(_) | Type::Json => Kind::None,
    }
}
