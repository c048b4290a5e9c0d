//! What `Action::validate` reports.

use std::fmt;

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
}

impl ValidationError {
    /// The wire names of the parameters involved.
    pub fn params(&self) -> Vec<&'static str> {
        match self {
            ValidationError::Empty { param } => vec![param],
            ValidationError::MutuallyExclusive { params } | ValidationError::AtLeastOne { params } => params.to_vec(),
            ValidationError::Requires { param, requires } => vec![param, requires],
        }
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
    }
}
