//! `Action::validate_limits` of a request: one call of a runtime check per documented
//! limit ([`crate::ir::Param::limits`]), and the lines of the request's rustdoc that list
//! them.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

use super::tokens::ident;
use crate::ir::limits::Limits;
use crate::ir::{Api, LengthOf, Param, Type};

/// `fn validate_limits`, when some input (or a field of an input's structure, one level
/// down) has a documented limit.
pub(super) fn validate_limits(api: &Api, input: &[Param]) -> Option<TokenStream> {
    let mut checks = Vec::new();
    for p in input {
        let id = ident(&p.rust_name);
        checks.extend(checks_of(p, &p.name, quote! { self.#id }));
        // The fields of its structure, for each structure given.
        let Some(fields) = nested(api, p) else { continue };
        let inner: Vec<TokenStream> = fields
            .iter()
            .flat_map(|f| {
                let fid = ident(&f.rust_name);
                checks_of(f, &format!("{}.{}", p.name, f.name), quote! { item.#fid })
            })
            .collect();
        if inner.is_empty() {
            continue;
        }
        checks.push(match (&p.ty, p.required) {
            (Type::Array(_), true) => quote! { for item in &self.#id { #(#inner)* } },
            (Type::Array(_), false) => quote! { for item in self.#id.iter().flatten() { #(#inner)* } },
            (_, true) => quote! { { let item = &self.#id; #(#inner)* } },
            (_, false) => quote! { if let Some(item) = &self.#id { #(#inner)* } },
        });
    }
    if checks.is_empty() {
        return None;
    }
    Some(quote! {
        #[inline]
        fn validate_limits(&self) -> Result<(), crate::ValidationError> {
            #(#checks)*
            Ok(())
        }
    })
}

/// The fields of the structure of an input that is one (or a list of them), as the
/// request holds them directly (a structure inside a structure is not looked into).
fn nested<'a>(api: &'a Api, p: &Param) -> Option<&'a [Param]> {
    let name = match &p.ty {
        Type::Struct(name) => name,
        Type::Array(inner) => match inner.as_ref() {
            Type::Struct(name) => name,
            _ => return None,
        },
        _ => return None,
    };
    api.data_types.get(name).map(|d| d.fields.as_slice())
}

/// The checks of one parameter's limits, on `value` (`self.period`, `item.values`), named
/// `wire` in errors.
fn checks_of(p: &Param, wire: &str, value: TokenStream) -> Vec<TokenStream> {
    let Limits { range, length, default_outside } = p.limits();
    let mut checks = Vec::new();
    if let Some((min, max)) = range {
        let (min, max) = (bound(min, float), bound(max, float));
        checks.push(match default_outside {
            Some(default) => {
                let default = float(default);
                quote! { crate::check_range_or_default(#wire, &#value, #min, #max, #default)?; }
            }
            None => quote! { crate::check_range(#wire, &#value, #min, #max)?; },
        });
    }
    if let Some((of, min, max)) = length {
        let check = match of {
            LengthOf::Chars => quote! { check_chars },
            LengthOf::Bytes => quote! { check_bytes },
            LengthOf::Items => quote! { check_items },
        };
        let (min, max) = (bound(min, integer), bound(max, integer));
        checks.push(quote! { crate::#check(#wire, &#value, #min, #max)?; });
    }
    checks
}

/// The request's rustdoc lines that list the documented limits: `` - `Period`: 7 to 732 ``.
pub(super) fn notes(api: &Api, input: &[Param]) -> Vec<String> {
    let mut lines = Vec::new();
    for p in input {
        lines.extend(note(p, &p.name));
        for f in nested(api, p).unwrap_or_default() {
            lines.extend(note(f, &format!("{}.{}", p.name, f.name)));
        }
    }
    if lines.is_empty() {
        return lines;
    }
    // A paragraph of its own (after the request's other notes, maybe a list).
    let mut notes = vec![
        String::new(),
        "Documented limits, checked by `validate_limits` (a client built with `documented_limits(false)` skips them):"
            .to_string(),
    ];
    notes.extend(lines);
    notes
}

/// `` - `Period`: 7 to 732 ``, when the parameter has a limit.
fn note(p: &Param, name: &str) -> Option<String> {
    let Limits { range, length, default_outside } = p.limits();
    // For a list, a range and a string length apply to each element.
    let each = if matches!(p.ty, Type::Array(_)) { "each " } else { "" };
    let mut parts = Vec::new();
    if let Some((min, max)) = range {
        let or = default_outside.map(|d| format!(", or the default {}", number(d))).unwrap_or_default();
        parts.push(format!("{each}{}{or}", span(min.map(number), max.map(number), "")));
    }
    if let Some((of, min, max)) = length {
        let (each, unit) = match of {
            LengthOf::Chars => (each, " characters"),
            LengthOf::Bytes => (each, " bytes"),
            LengthOf::Items => ("", " items"),
        };
        parts.push(format!("{each}{}", span(min.map(|n| n.to_string()), max.map(|n| n.to_string()), unit)));
    }
    (!parts.is_empty()).then(|| format!("- `{name}`: {}", parts.join("; ")))
}

/// `7 to 732`, `at least 1`, `at most 60 characters`.
fn span(min: Option<String>, max: Option<String>, unit: &str) -> String {
    match (min, max) {
        (Some(min), Some(max)) if min == max => format!("exactly {min}{unit}"),
        (Some(min), Some(max)) => format!("{min} to {max}{unit}"),
        (Some(min), None) => format!("at least {min}{unit}"),
        (None, Some(max)) => format!("at most {max}{unit}"),
        (None, None) => String::new(),
    }
}

/// `7`, not `7.0`, for a whole number.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// `Some(7.0)`, `Some(-1.5)`, `None`.
fn bound<T>(limit: Option<T>, literal: impl Fn(T) -> TokenStream) -> TokenStream {
    match limit {
        Some(n) => {
            let n = literal(n);
            quote! { Some(#n) }
        }
        None => quote! { None },
    }
}

fn integer(n: u64) -> TokenStream {
    Literal::u64_unsuffixed(n).into_token_stream()
}

/// A float literal; a negative one as a negation (a literal token has no sign).
fn float(n: f64) -> TokenStream {
    let literal = Literal::f64_unsuffixed(n.abs());
    if n < 0.0 {
        quote! { -#literal }
    } else {
        quote! { #literal }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{AllowedValue, Facts};

    fn param(name: &str, rust: &str, ty: Type, required: bool, facts: Facts) -> Param {
        Param {
            name: name.into(),
            rust_name: rust.into(),
            required,
            doc_type: String::new(),
            ty,
            nullable: false,
            description: String::new(),
            example_value: None,
            facts,
        }
    }

    fn range(min: Option<i64>, max: Option<f64>) -> Facts {
        Facts { min: min.map(Into::into), max: max.and_then(serde_json::Number::from_f64), ..Facts::default() }
    }

    fn length(of: LengthOf, min: Option<u64>, max: Option<u64>) -> Facts {
        Facts { min_length: min, max_length: max, length_of: Some(of), ..Facts::default() }
    }

    fn api(types: Vec<crate::ir::DataType>) -> Api {
        Api {
            generated: String::new(),
            product: "demo".into(),
            version: "2020-01-01".into(),
            rust_module: "demo".into(),
            rust_version_module: "v20200101".into(),
            actions: Default::default(),
            data_types: types.into_iter().map(|t| (t.name.clone(), t)).collect(),
            error_codes: Default::default(),
        }
    }

    fn emitted(input: &[Param]) -> String {
        validate_limits(&api(Vec::new()), input).map(|t| t.to_string()).unwrap_or_default()
    }

    fn notes(input: &[Param]) -> Vec<String> {
        super::notes(&api(Vec::new()), input)
    }

    #[test]
    fn each_limit_is_one_call_of_its_check() {
        let input = [
            param("Period", "period", Type::Integer, false, range(Some(7), Some(732.0))),
            param("Ratio", "ratio", Type::Float, true, range(Some(-1), Some(0.5))),
            param("Name", "name", Type::String, true, length(LengthOf::Chars, Some(1), Some(60))),
            param("Data", "data", Type::String, false, length(LengthOf::Bytes, None, Some(4096))),
            param(
                "InstanceIds",
                "instance_ids",
                Type::Array(Box::new(Type::String)),
                false,
                length(LengthOf::Items, None, Some(100)),
            ),
            param("Plain", "plain", Type::String, false, Facts::default()),
        ];
        let code = emitted(&input);
        for expected in [
            r#"crate :: check_range ("Period" , & self . period , Some (7.0) , Some (732.0)) ?"#,
            r#"crate :: check_range ("Ratio" , & self . ratio , Some (- 1.0) , Some (0.5)) ?"#,
            r#"crate :: check_chars ("Name" , & self . name , Some (1) , Some (60)) ?"#,
            r#"crate :: check_bytes ("Data" , & self . data , None , Some (4096)) ?"#,
            r#"crate :: check_items ("InstanceIds" , & self . instance_ids , None , Some (100)) ?"#,
        ] {
            assert!(code.contains(expected), "{expected}\nnot in\n{code}");
        }
        assert_eq!(code.matches("crate :: check_").count(), 5, "{code}");
        assert!(!code.contains("plain"));
        assert_eq!(
            notes(&input),
            [
                "",
                "Documented limits, checked by `validate_limits` (a client built with `documented_limits(false)` skips them):",
                "- `Period`: 7 to 732",
                "- `Ratio`: -1 to 0.5",
                "- `Name`: 1 to 60 characters",
                "- `Data`: at most 4096 bytes",
                "- `InstanceIds`: at most 100 items",
            ]
        );
    }

    #[test]
    fn a_default_outside_the_range_is_accepted_too() {
        let facts = Facts { default: Some(0.into()), ..range(Some(10), Some(600.0)) };
        let interval = param("Interval", "interval", Type::Integer, false, facts);
        assert_eq!(interval.limits().default_outside, Some(0.0));
        let code = emitted(std::slice::from_ref(&interval));
        assert!(
            code.contains(r#"crate :: check_range_or_default ("Interval" , & self . interval , Some (10.0) , Some (600.0) , 0.0) ?"#),
            "{code}"
        );
        assert_eq!(notes(&[interval])[2], "- `Interval`: 10 to 600, or the default 0");
        // A default within the range is nothing special.
        let facts = Facts { default: Some(20.into()), ..range(Some(1), Some(100.0)) };
        let limit = param("Limit", "limit", Type::Integer, false, facts);
        assert_eq!(limit.limits().default_outside, None);
        assert!(emitted(&[limit]).contains("crate :: check_range (\"Limit\""));
    }

    #[test]
    fn the_fields_of_an_input_structure_are_checked_one_level_down() {
        let key = param("Key", "key", Type::String, true, length(LengthOf::Chars, Some(1), Some(127)));
        let weight = param("Weight", "weight", Type::Integer, false, range(Some(0), Some(10.0)));
        let tag = crate::ir::DataType {
            name: "Tag".into(),
            rust_name: "Tag".into(),
            description: String::new(),
            has_required_column: true,
            fields: vec![key, weight],
        };
        let api = api(vec![tag]);
        let tags = param(
            "Tags",
            "tags",
            Type::Array(Box::new(Type::Struct("Tag".into()))),
            false,
            length(LengthOf::Items, None, Some(50)),
        );
        let main = param("Main", "main", Type::Struct("Tag".into()), true, Facts::default());
        let code = validate_limits(&api, &[tags.clone(), main.clone()]).unwrap().to_string();
        for expected in [
            r#"crate :: check_items ("Tags" , & self . tags , None , Some (50)) ?"#,
            r#"for item in self . tags . iter () . flatten () { crate :: check_chars ("Tags.Key" , & item . key , Some (1) , Some (127)) ? ; crate :: check_range ("Tags.Weight" , & item . weight , Some (0.0) , Some (10.0)) ? ; }"#,
            r#"{ let item = & self . main ; crate :: check_chars ("Main.Key" , & item . key , Some (1) , Some (127)) ? ;"#,
        ] {
            assert!(code.contains(expected), "{expected}\nnot in\n{code}");
        }
        let required = Param { required: true, ..tags };
        assert!(validate_limits(&api, &[required]).unwrap().to_string().contains("for item in & self . tags {"));
        let optional = Param { required: false, ..main };
        assert!(validate_limits(&api, std::slice::from_ref(&optional))
            .unwrap()
            .to_string()
            .contains("if let Some (item) = & self . main {"));
        assert_eq!(
            super::notes(&api, &[optional]),
            ["", "Documented limits, checked by `validate_limits` (a client built with `documented_limits(false)` skips them):", "- `Main.Key`: 1 to 127 characters", "- `Main.Weight`: 0 to 10"]
        );
    }

    #[test]
    fn nothing_to_check_is_no_method() {
        assert!(emitted(&[param("Plain", "plain", Type::String, false, Facts::default())]).is_empty());
        assert!(notes(&[]).is_empty());
    }

    #[test]
    fn a_list_checks_its_items_and_each_element() {
        let facts = Facts { min: Some(1.into()), max: Some(65535.into()), ..length(LengthOf::Items, Some(1), Some(5)) };
        let ports = param("Ports", "ports", Type::Array(Box::new(Type::Integer)), false, facts);
        let code = emitted(std::slice::from_ref(&ports));
        assert!(code.contains(r#"check_range ("Ports" , & self . ports , Some (1.0) , Some (65535.0))"#), "{code}");
        assert!(code.contains(r#"check_items ("Ports" , & self . ports , Some (1) , Some (5))"#), "{code}");
        assert_eq!(notes(&[ports])[2], "- `Ports`: each 1 to 65535; 1 to 5 items");
        let names =
            param("Names", "names", Type::Array(Box::new(Type::String)), true, length(LengthOf::Chars, None, Some(8)));
        assert!(emitted(std::slice::from_ref(&names))
            .contains(r#"check_chars ("Names" , & self . names , None , Some (8))"#));
        assert_eq!(notes(&[names])[2], "- `Names`: each at most 8 characters");
    }

    #[test]
    fn limits_that_cannot_be_checked_are_left_out() {
        let set = Facts {
            allowed_values: Some(vec![AllowedValue { value: 7.into(), meaning: String::new() }]),
            ..range(Some(1), Some(10.0))
        };
        let cases = [
            // A value set is an enum: the set says more than the range.
            param("Mode", "mode", Type::Integer, false, set),
            // A page that contradicts itself.
            param("Period", "period", Type::Integer, false, range(Some(10), Some(5.0))),
            param("Name", "name", Type::String, false, length(LengthOf::Chars, Some(9), Some(3))),
            // A limit that does not fit the type.
            param("On", "on", Type::Boolean, false, range(Some(0), Some(1.0))),
            param("Count", "count", Type::Integer, false, length(LengthOf::Items, None, Some(3))),
            param("Size", "size", Type::Integer, false, length(LengthOf::Chars, None, Some(3))),
            param("Spec", "spec", Type::Struct("Spec".into()), false, range(Some(0), None)),
            // A length with no unit.
            param("Tag", "tag", Type::String, false, Facts { max_length: Some(3), ..Facts::default() }),
        ];
        for p in cases {
            assert_eq!(p.limits(), Limits::default(), "{}", p.name);
            assert!(emitted(std::slice::from_ref(&p)).is_empty(), "{}", p.name);
        }
        // A numeric string has a range.
        let offset = param("Offset", "offset", Type::String, false, range(Some(0), None));
        assert_eq!(offset.limits().range, Some((Some(0.0), None)));
    }
}
