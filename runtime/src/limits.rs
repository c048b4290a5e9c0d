//! The documented limits `Action::validate_limits` checks: a number's range, a string's
//! length (characters or bytes) and a list's number of items. One function per kind of
//! check, generic over the field's type (a value, an `Option` of one, a `Vec` of them), so
//! that generated code is one line per limit.

use serde_json::Number;

use crate::validation::{LengthOf, ValidationError};

/// A scalar as a check sees it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum Scalar<'a> {
    /// An `Integer`.
    Integer(i64),
    /// A `Float`.
    Float(f64),
    /// A `String`.
    Text(&'a str),
    /// Anything else (a structure, a boolean): no limit of a scalar applies.
    Other,
}

/// What a check does with each scalar (and its index in a list).
#[doc(hidden)]
pub type Visitor<'a> = dyn FnMut(Option<usize>, Scalar<'_>) -> Result<(), ValidationError> + 'a;

/// A field's value, visited scalar by scalar: a number or a string, an `Option` of one (not
/// visited when `None`), a `Vec` of them (each element, with its index). Implemented for
/// the types generated fields have; not part of the API a user calls.
#[doc(hidden)]
pub trait Limited {
    /// Calls `check` with each scalar of the value and the index of its element in a list.
    fn visit(&self, index: Option<usize>, check: &mut Visitor<'_>) -> Result<(), ValidationError>;
}

impl Limited for i64 {
    fn visit(&self, index: Option<usize>, check: &mut Visitor<'_>) -> Result<(), ValidationError> {
        check(index, Scalar::Integer(*self))
    }
}

impl Limited for f64 {
    fn visit(&self, index: Option<usize>, check: &mut Visitor<'_>) -> Result<(), ValidationError> {
        check(index, Scalar::Float(*self))
    }
}

impl Limited for String {
    fn visit(&self, index: Option<usize>, check: &mut Visitor<'_>) -> Result<(), ValidationError> {
        check(index, Scalar::Text(self))
    }
}

impl<T: Limited> Limited for Option<T> {
    fn visit(&self, index: Option<usize>, check: &mut Visitor<'_>) -> Result<(), ValidationError> {
        match self {
            Some(value) => value.visit(index, check),
            None => Ok(()),
        }
    }
}

impl<T: Limited> Limited for Vec<T> {
    fn visit(&self, _index: Option<usize>, check: &mut Visitor<'_>) -> Result<(), ValidationError> {
        self.iter().enumerate().try_for_each(|(i, item)| item.visit(Some(i), check))
    }
}

/// A list's number of items, or none when it is not given; not part of the API a user
/// calls.
#[doc(hidden)]
pub trait Counted {
    /// The number of items, `None` when the list is not given.
    fn count(&self) -> Option<usize>;
}

impl<T> Counted for Vec<T> {
    fn count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T> Counted for Option<Vec<T>> {
    fn count(&self) -> Option<usize> {
        self.as_ref().map(Vec::len)
    }
}

/// A bound as documented, for the error: `7`, not `7.0`, for a whole number.
fn bound(limit: f64) -> Option<Number> {
    if limit.fract() == 0.0 && limit.abs() < 9_007_199_254_740_992.0 {
        Some(Number::from(limit as i64))
    } else {
        Number::from_f64(limit)
    }
}

/// Checks that every number of `value` (a numeric string is read as its number; another
/// string is not checked) lies within `min ..= max`, the documented range of `param`.
#[doc(hidden)]
pub fn check_range(
    param: &'static str,
    value: &impl Limited,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(), ValidationError> {
    range_except(param, value, min, max, None)
}

/// [`check_range`] for a parameter whose documented default lies outside its range (range
/// 10 to 600, default 0 meaning "off"): that value is accepted too.
#[doc(hidden)]
pub fn check_range_or_default(
    param: &'static str,
    value: &impl Limited,
    min: Option<f64>,
    max: Option<f64>,
    default: f64,
) -> Result<(), ValidationError> {
    range_except(param, value, min, max, Some(default))
}

fn range_except(
    param: &'static str,
    value: &impl Limited,
    min: Option<f64>,
    max: Option<f64>,
    default: Option<f64>,
) -> Result<(), ValidationError> {
    value.visit(None, &mut |index, scalar| {
        let (number, exact) = match scalar {
            Scalar::Integer(n) => (n as f64, Number::from(n)),
            Scalar::Float(f) => match Number::from_f64(f) {
                Some(exact) => (f, exact),
                None => return Ok(()),
            },
            Scalar::Text(text) => match numeric(text) {
                Some(pair) => pair,
                None => return Ok(()),
            },
            Scalar::Other => return Ok(()),
        };
        if default == Some(number) {
            return Ok(());
        }
        let below = min.is_some_and(|min| number < min);
        let above = max.is_some_and(|max| number > max);
        if below || above {
            return Err(ValidationError::OutOfRange {
                param,
                index,
                min: min.and_then(bound),
                max: max.and_then(bound),
                value: exact,
            });
        }
        Ok(())
    })
}

/// A string that holds a number: `"20"`, `" 1.5 "`.
fn numeric(text: &str) -> Option<(f64, Number)> {
    let text = text.trim();
    if let Ok(n) = text.parse::<i64>() {
        return Some((n as f64, Number::from(n)));
    }
    let f = text.parse::<f64>().ok().filter(|f| f.is_finite())?;
    Some((f, Number::from_f64(f)?))
}

/// Checks the length of every string of `value` (each element of a list), counted in
/// characters, against the documented limits of `param`.
#[doc(hidden)]
pub fn check_chars(
    param: &'static str,
    value: &impl Limited,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ValidationError> {
    check_text(param, value, LengthOf::Chars, min, max)
}

/// Checks the length of every string of `value` (each element of a list), counted in
/// bytes of UTF-8, against the documented limits of `param`.
#[doc(hidden)]
pub fn check_bytes(
    param: &'static str,
    value: &impl Limited,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ValidationError> {
    check_text(param, value, LengthOf::Bytes, min, max)
}

fn check_text(
    param: &'static str,
    value: &impl Limited,
    of: LengthOf,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ValidationError> {
    value.visit(None, &mut |index, scalar| {
        let Scalar::Text(text) = scalar else { return Ok(()) };
        let length = match of {
            LengthOf::Bytes => text.len(),
            LengthOf::Chars | LengthOf::Items => text.chars().count(),
        };
        length_within(param, index, of, length, min, max)
    })
}

/// Checks the number of items of the list `value`, when it is given, against the
/// documented limits of `param`.
#[doc(hidden)]
pub fn check_items(
    param: &'static str,
    value: &impl Counted,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ValidationError> {
    match value.count() {
        Some(length) => length_within(param, None, LengthOf::Items, length, min, max),
        None => Ok(()),
    }
}

fn length_within(
    param: &'static str,
    index: Option<usize>,
    of: LengthOf,
    length: usize,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ValidationError> {
    let length = length as u64;
    if let Some(limit) = min.filter(|&min| length < min) {
        return Err(ValidationError::TooShort { param, index, limit, length, of });
    }
    if let Some(limit) = max.filter(|&max| length > max) {
        return Err(ValidationError::TooLong { param, index, limit, length, of });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_checked_against_their_range() {
        assert_eq!(check_range("Period", &7i64, Some(7.0), Some(732.0)), Ok(()));
        assert_eq!(check_range("Period", &732i64, Some(7.0), Some(732.0)), Ok(()));
        assert_eq!(
            check_range("Period", &733i64, Some(7.0), Some(732.0)),
            Err(ValidationError::OutOfRange {
                param: "Period",
                index: None,
                min: Some(7.into()),
                max: Some(732.into()),
                value: 733.into()
            })
        );
        assert!(check_range("Ratio", &0.5f64, Some(0.1), None).is_ok());
        let low = check_range("Ratio", &0.05f64, Some(0.1), None).unwrap_err();
        assert_eq!(low.to_string(), "`Ratio` is 0.05, outside its documented range: at least 0.1");
        // Not given: nothing to check.
        assert_eq!(check_range("Limit", &None::<i64>, Some(1.0), Some(100.0)), Ok(()));
        assert!(check_range("Limit", &Some(0i64), Some(1.0), Some(100.0)).is_err());
    }

    #[test]
    fn a_default_outside_the_range_is_accepted() {
        assert_eq!(check_range_or_default("Interval", &Some(0i64), Some(10.0), Some(600.0), 0.0), Ok(()));
        assert_eq!(check_range_or_default("Interval", &Some(10i64), Some(10.0), Some(600.0), 0.0), Ok(()));
        let err = check_range_or_default("Interval", &Some(5i64), Some(10.0), Some(600.0), 0.0).unwrap_err();
        assert_eq!(err.to_string(), "`Interval` is 5, outside its documented range 10 to 600");
        assert!(check_range_or_default("Interval", &"0".to_string(), Some(10.0), None, 0.0).is_ok());
    }

    #[test]
    fn numeric_strings_are_read_and_others_left_alone() {
        assert!(check_range("Offset", &"20".to_string(), Some(0.0), Some(100.0)).is_ok());
        let err = check_range("Offset", &" 200 ".to_string(), Some(0.0), Some(100.0)).unwrap_err();
        assert_eq!(err.to_string(), "`Offset` is 200, outside its documented range 0 to 100");
        assert!(check_range("Offset", &"all".to_string(), Some(0.0), Some(100.0)).is_ok());
        assert!(check_range("Offset", &"NaN".to_string(), Some(0.0), Some(100.0)).is_ok());
    }

    #[test]
    fn each_element_of_a_list_is_checked_and_named_by_its_index() {
        let ports = Some(vec![80i64, 443, 70000]);
        let err = check_range("Ports", &ports, Some(1.0), Some(65535.0)).unwrap_err();
        assert_eq!(err.to_string(), "`Ports[2]` is 70000, outside its documented range 1 to 65535");
        assert_eq!(err.params(), ["Ports"]);
        let names = vec!["a".to_string(), "ééé".to_string()];
        assert_eq!(check_chars("Names", &names, None, Some(3)), Ok(()));
        let err = check_bytes("Names", &names, None, Some(3)).unwrap_err();
        assert_eq!(err.to_string(), "`Names[1]` is 6 bytes long, more than the documented maximum of 3");
    }

    #[test]
    fn lengths_count_characters_bytes_or_items() {
        let name = "名前".to_string();
        assert_eq!(check_chars("Name", &name, Some(1), Some(2)), Ok(()));
        assert_eq!(
            check_bytes("Name", &name, None, Some(2)),
            Err(ValidationError::TooLong { param: "Name", index: None, limit: 2, length: 6, of: LengthOf::Bytes })
        );
        let err = check_chars("Name", &String::new(), Some(1), None).unwrap_err();
        assert_eq!(err.to_string(), "`Name` is 0 characters long, fewer than the documented minimum of 1");
        let ids: Option<Vec<String>> = Some(vec!["a".into(), "b".into(), "c".into()]);
        let err = check_items("InstanceIds", &ids, None, Some(2)).unwrap_err();
        assert_eq!(err.to_string(), "`InstanceIds` has 3 items, more than the documented maximum of 2");
        assert_eq!(check_items("InstanceIds", &None::<Vec<String>>, Some(1), Some(2)), Ok(()));
        let err = check_items("InstanceIds", &Vec::<i64>::new(), Some(1), None).unwrap_err();
        assert_eq!(err.to_string(), "`InstanceIds` has 0 items, fewer than the documented minimum of 1");
    }
}
