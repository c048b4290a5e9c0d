//! Enums of documented value sets. A parameter whose page lists its values ("Valid values:
//! CREATING, BINDING, BIND…") is a generated `#[non_exhaustive]` enum with one variant per
//! value and `Other(..)` carrying any other value both ways: a value a newer server sends
//! decodes, a value the page forgot can still be sent. The enum itself is generated (its
//! variants and their documentation); what every such enum has in common is one macro
//! line (`string_enum!` / `integer_enum!`), so that the code per enum stays small:
//!
//! - string enums: `VALUES`, `as_str`, `is_documented`, `is_empty`, `From<&str>`,
//!   `FromStr` (never fails), `Display`, `AsRef<str>`, `PartialEq<&str>`
//!   (`status == "BIND"`: the wire value compared), `Default` (the empty
//!   string, as for a `String`) and `Wire` (a JSON string);
//! - integer enums: `VALUES`, `value`, `is_documented`, `From<i64>`, `FromStr` (an
//!   integer), `Display`, `Default` (`0`, as for an `i64`), `Wire` (a JSON integer).
//!
//! Each impl of each enum costs the build (138 enums in the VPC crate: README, "Build
//! cost"), so there are no more than these: no serde impls of their own (the requests,
//! responses and structures that hold them serialize through `Wire`), no `From<String>`
//! (`from(s.as_str())`), no `PartialEq<str>` (`== "BIND"` compares with a `&str`).
//!
//! Reading is as strict as for a `String` or an `i64` (a number where a string is
//! documented is an error); lenient decoding of replies first brings the value to that
//! shape and reports a value outside a closed set as `undocumented value`
//! ([`crate::DeviationKind::UndocumentedValue`]).

/// The impls of a generated string enum: `crate::enums::string_enum!(AddressStatus {
/// Creating = "CREATING", … })`; the enum has these unit variants and `Other(String)`.
/// Not part of the API a user calls.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum {
    ($ty:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $ty {
            /// The documented wire values, in page order.
            pub const VALUES: &'static [&'static str] = &[$($value),*];

            /// The wire value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => value,
                }
            }

            /// Whether the value is one the page documents (not `Other`).
            #[inline]
            pub fn is_documented(&self) -> bool {
                !matches!(self, Self::Other(_))
            }

            /// Whether the wire value is the empty string.
            #[inline]
            pub fn is_empty(&self) -> bool {
                self.as_str().is_empty()
            }
        }

        impl ::core::convert::From<&str> for $ty {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(other.into()),
                }
            }
        }


        impl ::core::str::FromStr for $ty {
            type Err = ::core::convert::Infallible;

            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }


        impl ::core::cmp::PartialEq<&str> for $ty {
            #[inline]
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::core::convert::AsRef<str> for $ty {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::default::Default for $ty {
            /// The empty string (as for a `String`): `Other("")`.
            #[inline]
            fn default() -> Self {
                Self::from("")
            }
        }

        impl $crate::Wire for $ty {
            #[inline]
            fn to_wire(&self) -> $crate::__private::serde_json::Value {
                $crate::__private::serde_json::Value::String(self.as_str().into())
            }

            #[inline]
            fn from_wire(value: &$crate::__private::serde_json::Value) -> ::core::result::Result<Self, $crate::WireError> {
                $crate::wire::string_of(value).map(Self::from)
            }
        }

    };
}

/// The impls of a generated integer enum: `crate::enums::integer_enum!(Kind { V0 = 0,
/// V1 = 1 })`; the enum has these unit variants and `Other(i64)`. Not part of the API a
/// user calls.
#[doc(hidden)]
#[macro_export]
macro_rules! __integer_enum {
    ($ty:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $ty {
            /// The documented wire values, in page order.
            pub const VALUES: &'static [i64] = &[$($value),*];

            /// The wire value.
            #[inline]
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => *value,
                }
            }

            /// Whether the value is one the page documents (not `Other`).
            #[inline]
            pub fn is_documented(&self) -> bool {
                !matches!(self, Self::Other(_))
            }
        }

        impl ::core::convert::From<i64> for $ty {
            #[inline]
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(other),
                }
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = ::core::num::ParseIntError;

            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                value.trim().parse::<i64>().map(Self::from)
            }
        }

        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::core::default::Default for $ty {
            /// `0` (as for an `i64`).
            #[inline]
            fn default() -> Self {
                Self::from(0)
            }
        }

        impl $crate::Wire for $ty {
            #[inline]
            fn to_wire(&self) -> $crate::__private::serde_json::Value {
                $crate::__private::serde_json::Value::from(self.value())
            }

            #[inline]
            fn from_wire(value: &$crate::__private::serde_json::Value) -> ::core::result::Result<Self, $crate::WireError> {
                $crate::wire::integer_of(value).map(Self::from)
            }
        }

    };
}

#[doc(hidden)]
pub use crate::{__integer_enum as integer_enum, __string_enum as string_enum};

#[cfg(test)]
mod tests {
    use crate::wire::Wire;
    use serde_json::json;

    /// An enum as generated.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    enum AddressStatus {
        Creating,
        BindEni,
        Other(String),
    }

    crate::enums::string_enum!(AddressStatus { Creating = "CREATING", BindEni = "BIND_ENI" });

    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    enum Flag {
        V0,
        Minus1,
        Other(i64),
    }

    crate::enums::integer_enum!(Flag { V0 = 0, Minus1 = -1 });

    #[test]
    fn string_enums_carry_any_value_both_ways() {
        assert_eq!(AddressStatus::VALUES, ["CREATING", "BIND_ENI"]);
        assert_eq!("BIND_ENI".parse::<AddressStatus>(), Ok(AddressStatus::BindEni));
        assert_eq!(AddressStatus::from("NEW_ONE"), AddressStatus::Other("NEW_ONE".into()));
        assert_eq!(AddressStatus::from(String::from("CREATING").as_str()), AddressStatus::Creating);
        assert_eq!(AddressStatus::BindEni.to_string(), "BIND_ENI");
        assert!(AddressStatus::BindEni == "BIND_ENI" && AddressStatus::Other("X".into()) == "X");
        assert_eq!(AddressStatus::Other("X".into()).as_str(), "X");
        assert!(AddressStatus::Creating.is_documented() && !AddressStatus::Other("X".into()).is_documented());
        assert!(AddressStatus::default().is_empty());
        assert_eq!(AddressStatus::from_wire(&json!("CREATING")), Ok(AddressStatus::Creating));
        assert_eq!(AddressStatus::from_wire(&json!("LATER")).unwrap().to_wire(), json!("LATER"));
        assert_eq!(AddressStatus::from_wire(&json!(2)).unwrap_err().message, "expected a string, found 2");
        let list = Vec::<AddressStatus>::from_wire(&json!(["BIND_ENI", "Q"])).unwrap();
        assert_eq!(list, [AddressStatus::BindEni, AddressStatus::Other("Q".into())]);
        assert_eq!(list.to_wire(), json!(["BIND_ENI", "Q"]));
    }

    #[test]
    fn integer_enums_carry_any_value_both_ways() {
        assert_eq!(Flag::VALUES, [0, -1]);
        assert_eq!("-1".parse::<Flag>(), Ok(Flag::Minus1));
        assert!("x".parse::<Flag>().is_err());
        assert_eq!(Flag::from(7), Flag::Other(7));
        assert_eq!((Flag::Minus1.value(), Flag::Other(7).to_string()), (-1, "7".to_string()));
        assert_eq!(Flag::default(), Flag::V0);
        assert_eq!(Flag::from_wire(&json!(0)), Ok(Flag::V0));
        assert_eq!(Flag::from_wire(&json!(9)).unwrap().to_wire(), json!(9));
        assert!(Flag::from_wire(&json!("0")).is_err());
        assert!(!Flag::Other(3).is_documented());
    }
}
