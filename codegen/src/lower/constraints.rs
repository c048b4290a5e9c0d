//! Constraints read from the parameters' prose, each kept with the sentence it came from.
//!
//! Recognised forms (English and Chinese site):
//! - "X and Y cannot be specified at the same time" / "… simultaneously",
//!   "X, Y, and Z are mutually exclusive", "X 与 Y 不可同时指定" → mutual exclusion;
//! - "If you specify X, then you must also specify Y", "If X is specified, Y must also be
//!   specified", "如果指定了 X 则也必须指定 Y" → conditional requirement.

use crate::ir::Constraint;

/// Splits a description into sentences: at `. `, `。`, `;`, `；` and line breaks.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let ends = match c {
                '。' | ';' | '；' => true,
                '.' => chars.peek().is_none_or(|n| n.is_whitespace()),
                _ => false,
            };
            if ends {
                push_sentence(&mut out, &current);
                current.clear();
            } else {
                current.push(c);
            }
        }
        push_sentence(&mut out, &current);
    }
    out
}

fn push_sentence(out: &mut Vec<String>, s: &str) {
    let s = s.trim().trim_start_matches('•').trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

/// A word that can name a parameter: `NetworkInterfaceId`, `Filters.N`.
fn name_of(word: &str) -> Option<String> {
    let w = word.trim_matches(|c: char| matches!(c, ',' | '`' | '"' | '\'' | '(' | ')' | ':' | '：' | '，'));
    let w = w.strip_suffix(".N").unwrap_or(w);
    let ok = w.starts_with(|c: char| c.is_ascii_alphabetic())
        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && w.chars().any(|c| c.is_ascii_uppercase());
    ok.then(|| w.to_string())
}

/// The list of names that ends just before `end` in `words`: `A, B, and C`, `A and B`.
fn names_before(words: &[&str]) -> Vec<String> {
    let mut names = Vec::new();
    let mut i = words.len();
    while i > 0 {
        let word = words[i - 1];
        match name_of(word) {
            Some(name) => {
                names.push(name);
                i -= 1;
                if i > 0 && matches!(words[i - 1], "and" | "or" | "与" | "和") {
                    i -= 1;
                } else if !(word.ends_with(',') || i > 0 && words[i - 1].ends_with(',')) {
                    break;
                }
            }
            None => break,
        }
    }
    names.reverse();
    names
}

/// The list of names that starts `words`: `A, B, and C`, `A or B`.
fn names_after(words: &[&str]) -> Vec<String> {
    let mut names = Vec::new();
    let mut i = 0;
    while let Some(name) = words.get(i).and_then(|w| name_of(w)) {
        let comma = words[i].ends_with(',');
        names.push(name);
        i += 1;
        match words.get(i) {
            Some(&("and" | "or" | "与" | "和")) => i += 1,
            Some(_) if comma => {
                if matches!(words.get(i), Some(&("and" | "or"))) {
                    i += 1;
                }
            }
            _ => break,
        }
    }
    names
}

/// The constraints a sentence of the description of parameter `this` states ("this
/// parameter" is `this`).
pub fn read(sentence: &str, this: &str) -> Vec<Constraint> {
    let text = sentence.replace("This parameter", this).replace("this parameter", this);
    let words: Vec<&str> = text.split_whitespace().collect();
    let bare = |w: &str| w.trim_end_matches([',', '，', ';']).to_string();
    let find = |phrase: &[&str]| {
        (0..words.len()).find(|&i| {
            words.len() - i >= phrase.len() && phrase.iter().zip(&words[i..]).all(|(p, w)| bare(p) == bare(w))
        })
    };
    let mut found = Vec::new();
    let mut exclusive_names = Vec::new();
    for phrase in [
        &["cannot", "be", "specified", "at", "the", "same", "time"][..],
        &["cannot", "be", "specified", "simultaneously"],
        &["cannot", "be", "both", "specified"],
        &["cannot", "be", "used", "simultaneously", "with"],
        &["are", "mutually", "exclusive"],
        &["不可同时指定"],
        &["不能同时指定"],
    ] {
        let Some(at) = find(phrase) else { continue };
        let mut before = &words[..at];
        // "Both X and Y are required, but they cannot …": the list precedes "are required".
        let both_required = before.last() == Some(&"they");
        if both_required {
            if let Some(are) = before.iter().position(|w| *w == "are") {
                before = &before[..are];
            }
        }
        let mut names = names_before(before);
        if phrase.last() == Some(&"with") {
            names.extend(names_after(&words[at + phrase.len()..]));
        }
        if names.len() >= 2 {
            if both_required {
                found.push(Constraint::AtLeastOne { params: names.clone(), sentence: sentence.to_string() });
            }
            exclusive_names = names.clone();
            found.insert(0, Constraint::MutuallyExclusive { params: names, sentence: sentence.to_string() });
            break;
        }
    }
    // "…, but at least one of them should be entered"
    if !exclusive_names.is_empty() && find(&["at", "least", "one", "of", "them"]).is_some() {
        found.push(Constraint::AtLeastOne { params: exclusive_names, sentence: sentence.to_string() });
    }
    // "Either X or Y is required", "At least one of X and Y must be specified",
    // "Enter at least one of X, Y, and Z"
    let listed = find(&["Either"]).or_else(|| find(&["either"])).map(|at| at + 1).or_else(|| {
        find(&["at", "least", "one", "of"]).or_else(|| find(&["At", "least", "one", "of"])).map(|at| at + 4)
    });
    if let Some(start) = listed {
        let names = names_after(&words[start..]);
        if names.len() >= 2 && !found.iter().any(|c| matches!(c, Constraint::AtLeastOne { .. })) {
            found.push(Constraint::AtLeastOne { params: names, sentence: sentence.to_string() });
        }
    }
    // "X与Y必填其一"
    if let Some(at) = text.find("必填其一") {
        let names: Vec<String> = text[..at]
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter_map(name_of)
            .filter(|n| n.chars().any(|c| c.is_ascii_lowercase()))
            .collect();
        if names.len() >= 2 {
            found.push(Constraint::AtLeastOne { params: names, sentence: sentence.to_string() });
        }
    }
    if !found.is_empty() {
        return found;
    }
    // "If you specify X, then you must also specify Y"
    if let (Some(a), Some(b)) = (find(&["If", "you", "specify"]), find(&["must", "also", "specify"])) {
        if let (Some(param), Some(requires)) =
            (words.get(a + 3).and_then(|w| name_of(w)), words.get(b + 3).and_then(|w| name_of(w)))
        {
            return vec![Constraint::Requires { param, requires, sentence: sentence.to_string() }];
        }
    }
    // "If X is specified, Y must also be specified"
    if let (Some(a), Some(b)) = (find(&["is", "specified,"]), find(&["must", "also", "be", "specified"])) {
        if a >= 2 && words[a - 2] == "If" && b == a + 3 {
            if let (Some(param), Some(requires)) = (name_of(words[a - 1]), name_of(words[a + 2])) {
                return vec![Constraint::Requires { param, requires, sentence: sentence.to_string() }];
            }
        }
    }
    // "如果指定了 X 则也必须指定 Y"
    if let (Some(a), Some(b)) = (find(&["如果指定了"]), find(&["则也必须指定"])) {
        if let (Some(param), Some(requires)) =
            (words.get(a + 1).and_then(|w| name_of(w)), words.get(b + 1).and_then(|w| name_of(w)))
        {
            return vec![Constraint::Requires { param, requires, sentence: sentence.to_string() }];
        }
    }
    Vec::new()
}

/// The parameters a constraint names.
pub fn names(c: &Constraint) -> Vec<&str> {
    match c {
        Constraint::MutuallyExclusive { params, .. } | Constraint::AtLeastOne { params, .. } => {
            params.iter().map(String::as_str).collect()
        }
        Constraint::Requires { param, requires, .. } => vec![param, requires],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mx(s: &str) -> Vec<String> {
        match read(s, "Self").first() {
            Some(Constraint::MutuallyExclusive { params, .. }) => params.clone(),
            other => panic!("expected mutual exclusion from {s:?}, got {other:?}"),
        }
    }

    fn req(s: &str) -> (String, String) {
        match &read(s, "Self")[..] {
            [Constraint::Requires { param, requires, .. }] => (param.clone(), requires.clone()),
            other => panic!("expected a requirement from {s:?}, got {other:?}"),
        }
    }

    fn one_of(s: &str, this: &str) -> Vec<String> {
        match read(s, this).iter().find(|c| matches!(c, Constraint::AtLeastOne { .. })) {
            Some(Constraint::AtLeastOne { params, .. }) => params.clone(),
            other => panic!("expected at-least-one from {s:?}, got {other:?}"),
        }
    }

    #[test]
    fn sentences_split_at_full_stops() {
        assert_eq!(
            sentences("The ID, such as eni-1. NetworkInterfaceId and InstanceId cannot be specified at the same time. You can query it.\n• item"),
            vec!["The ID, such as eni-1", "NetworkInterfaceId and InstanceId cannot be specified at the same time", "You can query it", "item"]
        );
        assert_eq!(sentences("v1.2 is fine"), vec!["v1.2 is fine"]);
    }

    #[test]
    fn mutual_exclusion() {
        assert_eq!(
            mx("NetworkInterfaceId and InstanceId cannot be specified at the same time"),
            ["NetworkInterfaceId", "InstanceId"]
        );
        assert_eq!(
            mx("Parameters AddressIds and Filters cannot be specified at the same time"),
            ["AddressIds", "Filters"]
        );
        assert_eq!(
            mx("Note: IPv6AddressIds and Filters cannot be specified at the same time"),
            ["IPv6AddressIds", "Filters"]
        );
        assert_eq!(
            mx("CidrBlock, Ipv6CidrBlock, SecurityGroupId, and AddressTemplate are mutually exclusive"),
            ["CidrBlock", "Ipv6CidrBlock", "SecurityGroupId", "AddressTemplate"]
        );
        assert_eq!(
            mx("Both Ip6Addresses and Ip6AddressIds are required, but they cannot be specified at the same time"),
            ["Ip6Addresses", "Ip6AddressIds"]
        );
        assert_eq!(mx("NetworkInterfaceId 与 InstanceId 不可同时指定"), ["NetworkInterfaceId", "InstanceId"]);
        assert_eq!(read("The two parameters cannot be specified at the same time", "X"), []);
        assert_eq!(read("address-id cannot be specified simultaneously", "X"), []);
        assert_eq!(
            mx("This parameter cannot be used simultaneously with RouteItemIds, but at least one of them should be entered"),
            ["Self", "RouteItemIds"]
        );
    }

    #[test]
    fn conditional_requirement() {
        assert_eq!(
            req("If you specify NetworkInterfaceId, then you must also specify PrivateIpAddress, indicating the EIP is bound"),
            ("NetworkInterfaceId".into(), "PrivateIpAddress".into())
        );
        assert_eq!(
            req("If NetworkInterfaceId is specified, PrivateIPv6Address must also be specified, which indicates"),
            ("NetworkInterfaceId".into(), "PrivateIPv6Address".into())
        );
        assert_eq!(
            req("如果指定了 NetworkInterfaceId 则也必须指定 PrivateIpAddress ，表示将 EIP 绑定"),
            ("NetworkInterfaceId".into(), "PrivateIpAddress".into())
        );
        assert_eq!(read("If you specify nothing, then nothing happens", "X"), []);
    }

    #[test]
    fn at_least_one() {
        assert_eq!(one_of("Either TaskId or DealName must be entered", "X"), ["TaskId", "DealName"]);
        assert_eq!(one_of("Either Addresses or AddressesExtra is required", "X"), ["Addresses", "AddressesExtra"]);
        assert_eq!(
            one_of("At least one of NewCidrBlocks or OldCidrBlocks must be specified", "X"),
            ["NewCidrBlocks", "OldCidrBlocks"]
        );
        assert_eq!(
            one_of("Enter at least one of this parameter, VpcId, SubnetId, and NetDetectName", "NetDetectId"),
            ["NetDetectId", "VpcId", "SubnetId", "NetDetectName"]
        );
        assert_eq!(
            one_of("This parameter cannot be used simultaneously with RouteIds, but at least one of them should be entered", "RouteSet"),
            ["RouteSet", "RouteIds"]
        );
        let both = read(
            "Both Ip6Addresses and Ip6AddressIds are required, but they cannot be specified at the same time",
            "X",
        );
        assert_eq!(both.len(), 2, "{both:?}");
        assert_eq!(one_of("地址信息。Addresses与AddressesExtra必填其一", "X"), ["Addresses", "AddressesExtra"]);
    }
}
