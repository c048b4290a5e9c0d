//! What `Action::validate` reports.

use std::fmt;

use serde_json::Number;

/// A request breaks what its documentation states. `Display` names the parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValidationError {
    /// A required string parameter is empty.
    Empty {
        /// The parameter's wire name.
        param: &'static str,
    },
    /// Parameters that cannot be specified at the same time were.
    MutuallyExclusive {
        /// The parameters' wire names.
        params: &'static [&'static str],
    },
    /// None of parameters of which at least one is needed was specified.
    AtLeastOne {
        /// The parameters' wire names.
        params: &'static [&'static str],
    },
    /// A parameter was specified without another one it requires.
    Requires {
        /// The parameter that was specified.
        param: &'static str,
        /// The parameter it requires, which was not.
        requires: &'static str,
    },
    /// A number lies outside the range the documentation states (a documented limit: see
    /// [`ValidationError::is_documented_limit`]).
    OutOfRange {
        /// The parameter's wire name.
        param: &'static str,
        /// For a list parameter, the element's index.
        index: Option<usize>,
        /// The documented minimum, inclusive.
        min: Option<Number>,
        /// The documented maximum, inclusive.
        max: Option<Number>,
        /// The value given.
        value: Number,
    },
    /// A string or a list is shorter than the documentation allows (a documented limit).
    TooShort {
        /// The parameter's wire name.
        param: &'static str,
        /// For the length of each string of a list parameter, the element's index.
        index: Option<usize>,
        /// The documented minimum length.
        limit: u64,
        /// The length given.
        length: u64,
        /// What the length counts.
        of: LengthOf,
    },
    /// A string or a list is longer than the documentation allows (a documented limit).
    TooLong {
        /// The parameter's wire name.
        param: &'static str,
        /// For the length of each string of a list parameter, the element's index.
        index: Option<usize>,
        /// The documented maximum length.
        limit: u64,
        /// The length given.
        length: u64,
        /// What the length counts.
        of: LengthOf,
    },
}

/// What a documented length counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LengthOf {
    /// Characters (Unicode scalar values) of a string.
    Chars,
    /// Bytes of a string, encoded in UTF-8.
    Bytes,
    /// Items of a list.
    Items,
}

impl LengthOf {
    /// `characters`, `bytes`, `items`.
    pub fn unit(self) -> &'static str {
        match self {
            LengthOf::Chars => "characters",
            LengthOf::Bytes => "bytes",
            LengthOf::Items => "items",
        }
    }
}

impl ValidationError {
    /// The wire names of the parameters involved.
    pub fn params(&self) -> Vec<&'static str> {
        match self {
            ValidationError::Empty { param } => vec![param],
            ValidationError::MutuallyExclusive { params } | ValidationError::AtLeastOne { params } => params.to_vec(),
            ValidationError::Requires { param, requires } => vec![param, requires],
            ValidationError::OutOfRange { param, .. }
            | ValidationError::TooShort { param, .. }
            | ValidationError::TooLong { param, .. } => vec![param],
        }
    }

    /// Whether the error is a documented limit (a range or a length read from the prose),
    /// which `Action::validate_limits` checks and
    /// `ClientBuilder::documented_limits(false)` turns off, rather than the structure of
    /// the request (`Action::validate_structure`).
    pub fn is_documented_limit(&self) -> bool {
        matches!(
            self,
            ValidationError::OutOfRange { .. } | ValidationError::TooShort { .. } | ValidationError::TooLong { .. }
        )
    }
}

/// `` `Ports` `` or `` `Ports[2]` ``.
struct Named(&'static str, Option<usize>);

impl fmt::Display for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(index) => write!(f, "`{}[{index}]`", self.0),
            None => write!(f, "`{}`", self.0),
        }
    }
}

/// `` `Name` is 70 characters long `` / `` `InstanceIds` has 3 items ``.
fn measured(
    f: &mut fmt::Formatter<'_>,
    param: &'static str,
    index: Option<usize>,
    length: u64,
    of: LengthOf,
) -> fmt::Result {
    let name = Named(param, index);
    // `1 byte`, `2 bytes`.
    let unit = of.unit();
    let unit = if length == 1 { unit.strip_suffix('s').unwrap_or(unit) } else { unit };
    match of {
        LengthOf::Items => write!(f, "{name} has {length} {unit}"),
        _ => write!(f, "{name} is {length} {unit} long"),
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidationError::Empty { param } => write!(f, "required parameter `{param}` is empty"),
            ValidationError::MutuallyExclusive { params } => {
                write!(f, "{} cannot be specified at the same time", listed(params, "and"))
            }
            ValidationError::AtLeastOne { params } => write!(f, "one of {} must be specified", listed(params, "or")),
            ValidationError::Requires { param, requires } => {
                write!(f, "`{requires}` must be specified when `{param}` is specified")
            }
            ValidationError::OutOfRange { param, index, min, max, value } => {
                write!(f, "{} is {value}, outside its documented range", Named(param, *index))?;
                match (min, max) {
                    (Some(min), Some(max)) => write!(f, " {min} to {max}"),
                    (Some(min), None) => write!(f, ": at least {min}"),
                    (None, Some(max)) => write!(f, ": at most {max}"),
                    (None, None) => Ok(()),
                }
            }
            ValidationError::TooShort { param, index, limit, length, of } => {
                measured(f, param, *index, *length, *of)?;
                write!(f, ", fewer than the documented minimum of {limit}")
            }
            ValidationError::TooLong { param, index, limit, length, of } => {
                measured(f, param, *index, *length, *of)?;
                write!(f, ", more than the documented maximum of {limit}")
            }
        }
    }
}

/// `` `A`, `B` and `C` ``.
fn listed(params: &[&str], conjunction: &str) -> String {
    let names: Vec<String> = params.iter().map(|p| format!("`{p}`")).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {conjunction} {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

impl std::error::Error for ValidationError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_parameters() {
        assert_eq!(
            ValidationError::Empty { param: "AddressId" }.to_string(),
            "required parameter `AddressId` is empty"
        );
        assert_eq!(
            ValidationError::MutuallyExclusive { params: &["NetworkInterfaceId", "InstanceId"] }.to_string(),
            "`NetworkInterfaceId` and `InstanceId` cannot be specified at the same time"
        );
        assert_eq!(
            ValidationError::MutuallyExclusive { params: &["A", "B", "C"] }.to_string(),
            "`A`, `B` and `C` cannot be specified at the same time"
        );
        assert_eq!(
            ValidationError::Requires { param: "NetworkInterfaceId", requires: "PrivateIpAddress" }.to_string(),
            "`PrivateIpAddress` must be specified when `NetworkInterfaceId` is specified"
        );
        assert_eq!(ValidationError::Requires { param: "A", requires: "B" }.params(), ["A", "B"]);
        assert_eq!(
            ValidationError::AtLeastOne { params: &["TaskId", "DealName"] }.to_string(),
            "one of `TaskId` or `DealName` must be specified"
        );
        assert!(!ValidationError::Empty { param: "A" }.is_documented_limit());
    }

    #[test]
    fn limits_name_the_parameter_the_limit_and_the_value() {
        let range = |min: Option<i64>, max: Option<i64>| ValidationError::OutOfRange {
            param: "Period",
            index: None,
            min: min.map(Number::from),
            max: max.map(Number::from),
            value: Number::from(800),
        };
        assert_eq!(range(Some(7), Some(732)).to_string(), "`Period` is 800, outside its documented range 7 to 732");
        assert_eq!(range(None, Some(732)).to_string(), "`Period` is 800, outside its documented range: at most 732");
        assert_eq!(range(Some(900), None).to_string(), "`Period` is 800, outside its documented range: at least 900");
        assert_eq!(range(Some(7), Some(732)).params(), ["Period"]);
        assert!(range(Some(7), Some(732)).is_documented_limit());
        let long = ValidationError::TooLong { param: "Name", index: None, limit: 60, length: 61, of: LengthOf::Chars };
        assert_eq!(long.to_string(), "`Name` is 61 characters long, more than the documented maximum of 60");
        let short =
            ValidationError::TooShort { param: "Tags", index: Some(1), limit: 2, length: 1, of: LengthOf::Bytes };
        assert_eq!(short.to_string(), "`Tags[1]` is 1 byte long, fewer than the documented minimum of 2");
        let items =
            ValidationError::TooLong { param: "Filters", index: None, limit: 10, length: 11, of: LengthOf::Items };
        assert_eq!(items.to_string(), "`Filters` has 11 items, more than the documented maximum of 10");
        assert!(items.is_documented_limit() && short.is_documented_limit());
    }
}
