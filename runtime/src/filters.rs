//! The values of typed filters: what every generated filter constructor
//! (`DescribeAddressesFilter::address_status([AddressStatus::Unbind])`) calls, so that each
//! constructor is one line instead of an iterator chain of its own to compile.

use std::fmt::Display;

/// The values of a filter given as text, in the type of the filter structure's `Values`
/// (`String`, or the enum of a documented value set).
#[inline]
pub fn filter_values<V: for<'a> From<&'a str>>(values: impl IntoIterator<Item = impl Into<String>>) -> Vec<V> {
    values.into_iter().map(|value| V::from(value.into().as_str())).collect()
}

/// The values of a filter given as a documented value set's enum: their wire text
/// (`Display` gives it for string and integer enums alike).
#[inline]
pub fn filter_values_shown<V: for<'a> From<&'a str>>(values: impl IntoIterator<Item = impl Display>) -> Vec<V> {
    values.into_iter().map(|value| V::from(value.to_string().as_str())).collect()
}

#[cfg(test)]
mod tests {
    #![allow(dead_code)] // the macros' other items
    use super::*;

    crate::enums::string_enum!(Kind { Bool = "TRUE" });
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Kind {
        Bool,
        Other(String),
    }

    crate::enums::integer_enum!(Level { One = 1 });
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Level {
        One,
        Other(i64),
    }

    #[test]
    fn values_as_text_or_as_the_values_enum() {
        let texts: Vec<String> = filter_values(["a", "b"]);
        assert_eq!(texts, ["a", "b"]);
        let owned: Vec<String> = filter_values(vec![String::from("x")]);
        assert_eq!(owned, ["x"]);
        let kinds: Vec<Kind> = filter_values(["TRUE", "maybe"]);
        assert_eq!(kinds, [Kind::Bool, Kind::Other("maybe".into())]);
        let shown: Vec<String> = filter_values_shown([Kind::Bool, Kind::Other("x".into())]);
        assert_eq!(shown, ["TRUE", "x"]);
        let levels: Vec<String> = filter_values_shown([Level::One, Level::Other(7)]);
        assert_eq!(levels, ["1", "7"]);
        let none: Vec<String> = filter_values(Vec::<String>::new());
        assert!(none.is_empty());
    }
}
