//! Naming: Rust names for wire names, with keywords and collisions handled.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict and reserved, all editions) that cannot be field names.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names a generated structure must not take: they would shadow the prelude or the
/// crate's own items used by generated code.
const RESERVED_TYPES: &[&str] = &[
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Serialize",
    "Deserialize",
    "Action",
    "ValidationError",
    "ApiError",
    "ErrorCode",
    "Client",
];

/// `IPv6Address` → `Ipv6Address`: a run of capitals followed by a lower-case letter and
/// digits (`IPv6`, `IPv4`) is one word, so that heck does not split it as `I`, `Pv6`.
fn fold_versioned_acronyms(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let caps = chars[i..].iter().take_while(|c| c.is_ascii_uppercase()).count();
        if caps >= 2
            && chars.get(i + caps).is_some_and(|c| c.is_ascii_lowercase())
            && chars.get(i + caps + 1).is_some_and(|c| c.is_ascii_digit())
        {
            out.push(chars[i]);
            out.extend(chars[i + 1..=i + caps].iter().map(|c| c.to_ascii_lowercase()));
            i += caps + 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// snake_case for a wire name: `IPv6AddressId` → `ipv6_address_id`; keywords get a `_`
/// suffix (`Type` → `type_`); a name not starting with a letter gets a `_` prefix.
pub fn snake(name: &str) -> String {
    let mut s = fold_versioned_acronyms(name).to_snake_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// A type name: kept as written when it is already an UpperCamelCase identifier
/// (`CCN`, `AddressInfo`), otherwise converted; prelude names get a `Struct` suffix.
pub fn type_name(name: &str) -> String {
    let valid = name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric());
    let mut s = if valid { name.to_string() } else { name.to_upper_camel_case() };
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s.insert(0, 'T');
    }
    if RESERVED_TYPES.contains(&s.as_str()) {
        s.push_str("Struct");
    }
    s
}

/// An enum variant for an error code: `FailedOperation.TaskFailed` →
/// `FailedOperationTaskFailed` (each dotted part in UpperCamelCase, joined).
pub fn error_variant(code: &str) -> String {
    let mut s: String = code.split('.').map(type_name_part).collect();
    if s.is_empty() {
        s.push_str("Empty");
    }
    if s == "Unknown" {
        s.push_str("Code");
    }
    s
}

fn type_name_part(part: &str) -> String {
    if part.chars().all(|c| c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        match chars.next() {
            Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
            None => String::new(),
        }
    } else {
        part.to_upper_camel_case()
    }
}

/// The name of the enum of a field's documented values: the field's type name
/// (`AddressStatus`); a name of the prelude or of the generated code gets `Value`
/// (`Type` stays `Type`, `Option` → `OptionValue`).
pub fn enum_name(field: &str) -> String {
    let ascii = ascii_words(field);
    if ascii.trim().is_empty() {
        return "Values".to_string();
    }
    let s = type_name(&fold_versioned_acronyms(&ascii));
    match s.strip_suffix("Struct") {
        Some(base) if RESERVED_TYPES.contains(&base) => format!("{base}Value"),
        _ => s,
    }
}

/// The function name of a filter (`address-status` → `address_status`, `tag:tag-key` →
/// `tag_tag_key`), from its ASCII letters and digits; `filter` when it has none.
pub fn filter_fn(name: &str) -> String {
    let ascii = ascii_words(name);
    if ascii.trim().is_empty() {
        "filter".to_string()
    } else {
        snake(ascii.trim())
    }
}

/// A name with every character but ASCII letters and digits made a space (`地域-id` →
/// `   id`): what a Rust identifier can be made of.
fn ascii_words(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// The variant of a documented string value, from its ASCII letters and digits:
/// `BIND_ENI` → `BindEni`, `tag:tag-key` → `TagTagKey`, `5.6` → `V5_6` (a leading digit
/// gets `V`, digits on both sides of a separator keep a `_`), `-1` → `Minus1`. `None`
/// when nothing of it is ASCII (`按量计费`).
pub fn value_variant(value: &str) -> Option<String> {
    let value = value.trim();
    let negative = value.strip_prefix('-').is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let mut out = String::new();
    for part in fold_versioned_acronyms(value).split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let word = part.to_upper_camel_case();
        if out.ends_with(|c: char| c.is_ascii_digit()) && word.starts_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        out.push_str(&word);
    }
    if out.is_empty() {
        return None;
    }
    if negative {
        out.insert_str(0, "Minus");
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    Some(out)
}

/// The variants of a documented value set, one per value in order: each a valid, unique
/// identifier, none `Other` (the variant carrying any other value), `Self` or `Err` (the
/// enum's `FromStr::Err`: a variant of that name makes `Self::Err` ambiguous). A value
/// without ASCII letters or digits is `Value<position>`; a name taken before gets a number
/// (`Bind2`; `V1_2` after a digit).
pub fn value_variants<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    const RESERVED: [&str; 3] = ["Other", "Self", "Err"];
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let wanted = value_variant(value).unwrap_or_else(|| format!("Value{}", i + 1));
            let wanted = if RESERVED.contains(&wanted.as_str()) { format!("{wanted}Value") } else { wanted };
            let name = if taken.contains(&wanted) {
                let sep = if wanted.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
                (2..).map(|n| format!("{wanted}{sep}{n}")).find(|c| !taken.contains(c)).unwrap_or_default()
            } else {
                wanted
            };
            taken.insert(name.clone());
            name
        })
        .collect()
}

/// Hands out unique names: the first taker of a name keeps it, later ones get `2`, `3`, …
/// (with `_` before the number for snake_case names).
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: BTreeSet<String>,
}

impl UniqueNames {
    pub fn with_taken<'a>(taken: impl IntoIterator<Item = &'a str>) -> Self {
        UniqueNames { taken: taken.into_iter().map(str::to_string).collect() }
    }

    /// Whether a name is taken already.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    pub fn take(&mut self, wanted: String) -> String {
        if self.taken.insert(wanted.clone()) {
            return wanted;
        }
        let snake = wanted.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
        (2..)
            .map(|n| if snake { format!("{wanted}_{n}") } else { format!("{wanted}{n}") })
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names() {
        assert_eq!(snake("IPv6AddressId"), "ipv6_address_id");
        assert_eq!(snake("AssociateIPv6Address"), "associate_ipv6_address");
        assert_eq!(snake("EnableIPv6"), "enable_ipv6");
        assert_eq!(snake("VPCId"), "vpc_id");
        assert_eq!(snake("Type"), "type_");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("3Way"), "_3way");
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name("CCN"), "CCN");
        assert_eq!(type_name("AddressInfo"), "AddressInfo");
        assert_eq!(type_name("Option"), "OptionStruct");
        assert_eq!(type_name("ErrorCode"), "ErrorCodeStruct");
        assert_eq!(type_name("tag_key"), "TagKey");
    }

    #[test]
    fn error_variants() {
        assert_eq!(error_variant("FailedOperation.TaskFailed"), "FailedOperationTaskFailed");
        assert_eq!(error_variant("InvalidParameterValue.LBAlreadyBindEip"), "InvalidParameterValueLBAlreadyBindEip");
        assert_eq!(error_variant("InternalError"), "InternalError");
        assert_eq!(error_variant("Unknown"), "UnknownCode");
        assert_eq!(error_variant("A.b_c"), "ABC");
    }

    #[test]
    fn enum_names() {
        assert_eq!(enum_name("AddressStatus"), "AddressStatus");
        assert_eq!(enum_name("IPv6Type"), "Ipv6Type");
        assert_eq!(enum_name("Type"), "Type");
        assert_eq!(enum_name("Option"), "OptionValue");
        assert_eq!(enum_name("Client"), "ClientValue");
        assert_eq!(enum_name("instance-type"), "InstanceType");
        assert_eq!(enum_name("地域"), "Values");
        assert_eq!(enum_name("2nd-zone"), "T2ndZone");
        for (filter, function) in [
            ("address-status", "address_status"),
            ("tag:tag-key", "tag_tag_key"),
            ("Traffic-Mirror-Name", "traffic_mirror_name"),
            ("traffic-package_id", "traffic_package_id"),
            ("GatewayId", "gateway_id"),
            ("type", "type_"),
            ("地域", "filter"),
            ("地域-id", "id"),
            ("3-way", "_3_way"),
        ] {
            assert_eq!(filter_fn(filter), function, "{filter}");
        }
    }

    #[test]
    fn value_variants_are_valid_unique_and_stable() {
        let variants = |values: &[&str]| value_variants(values.iter().copied());
        assert_eq!(variants(&["CREATING", "BIND_ENI", "UNBIND"]), ["Creating", "BindEni", "Unbind"]);
        assert_eq!(variants(&["5.6", "5.7", "56", "8.0.1"]), ["V5_6", "V5_7", "V56", "V8_0_1"]);
        assert_eq!(variants(&["0", "1", "-1", "-1.5"]), ["V0", "V1", "Minus1", "Minus1_5"]);
        assert_eq!(
            variants(&["tag:tag-key", "Traffic-Mirror-Name", "traffic-package_id"]),
            ["TagTagKey", "TrafficMirrorName", "TrafficPackageId"]
        );
        // Duplicates after naming, the carrying variant's name, `Self`, `Err`, nothing ASCII.
        assert_eq!(
            variants(&["bind", "BIND", "Bind2", "other", "self", "按量计费", "", "IPv6", "err", "ok"]),
            ["Bind", "Bind2", "Bind2_2", "OtherValue", "SelfValue", "Value6", "Value7", "Ipv6", "ErrValue", "Ok"]
        );
        assert_eq!(variants(&["v1", "V1", "v1_2"]), ["V1", "V1_2", "V1_2_2"]);
        // Keywords are lower-case: no UpperCamelCase variant is one.
        assert_eq!(variants(&["type", "fn", "async"]), ["Type", "Fn", "Async"]);
        for v in variants(&["a b", "ä1", "x\u{301}", "１２", "_", "--", "IPv6Address"]) {
            assert!(syn::parse_str::<syn::Ident>(&v).is_ok() && v.is_ascii(), "{v}");
        }
    }

    #[test]
    fn collisions_are_numbered() {
        let mut names = UniqueNames::default();
        assert_eq!(names.take("foo".into()), "foo");
        assert_eq!(names.take("foo".into()), "foo_2");
        assert_eq!(names.take("Foo".into()), "Foo");
        assert_eq!(names.take("Foo".into()), "Foo2");
        let mut names = UniqueNames::with_taken(["Unknown"]);
        assert_eq!(names.take("Unknown".into()), "Unknown2");
    }
}
