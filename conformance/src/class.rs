//! Messages with their particulars left out, so that alike failures and warnings group
//! into one class.

use codegen::ErrorKind;

/// A message with its particulars left out: names in backticks become `…` (a name
/// quoting names, `` `a `b` c` ``, too), quoted strings "…", CamelCase identifiers (action
/// and structure names) …, numbers N, runs of spaces one space.
pub fn normalise(message: &str) -> String {
    // Quoted spans first.
    let mut quoted = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '`' || c == '"' {
            // Up to the closing quote (none: keep the quote as it is).
            let mut ahead = chars.clone();
            if ahead.any(|d| d == c) {
                chars = ahead;
                quoted.push(c);
                quoted.push('…');
            }
        }
        quoted.push(c);
    }
    // `…`x`…` (a name with backticks inside): one name.
    loop {
        let merged = merge_nested(&quoted);
        if merged == quoted {
            break;
        }
        quoted = merged;
    }
    // Then words: identifiers and numbers.
    let mut out = String::with_capacity(quoted.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let upper = word.chars().filter(char::is_ascii_uppercase).count();
        let camel = word.starts_with(|c: char| c.is_ascii_uppercase())
            && upper >= 2
            && word.chars().any(|c| c.is_ascii_lowercase());
        if camel {
            out.push('…');
        } else {
            let mut last_digit = false;
            for c in word.chars() {
                let digit = c.is_ascii_digit() || (last_digit && (c == '.' || c == ','));
                if !digit {
                    out.push(c);
                } else if !last_digit {
                    out.push('N');
                }
                last_digit = digit;
            }
        }
        word.clear();
    };
    let chars: Vec<char> = quoted.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inside_number = (c == '.' || c == ',')
            && word.ends_with(|d: char| d.is_ascii_digit())
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_alphanumeric() || c == '_' || inside_number {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut out);
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out.trim().to_string()
}

/// `` `…`x`…` `` → `` `…` `` when x has no space or backtick.
fn merge_nested(text: &str) -> String {
    const NAME: &str = "`…`";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(NAME) {
        out.push_str(&rest[..at + NAME.len()]);
        rest = &rest[at + NAME.len()..];
        if let Some(next) = rest.find(NAME) {
            let between = &rest[..next];
            if !between.is_empty() && !between.contains([' ', '`']) {
                rest = &rest[next + NAME.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// At most `max` characters, with `…` when cut.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

/// The class of a parser error: its kind's message, normalised, with what it found left
/// out (`expected a type`, `invalid example: expected value at line N column N`, …).
pub fn classify(kind: &ErrorKind) -> String {
    let class = match kind {
        ErrorKind::Expected { expected, .. } => format!("expected {}", normalise(expected)),
        ErrorKind::Io { .. } => "cannot read file".to_string(),
        ErrorKind::NotUtf8 { .. } => "not valid UTF-8".to_string(),
        other => normalise(&other.to_string()),
    };
    truncate(&class, 110)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_leaves_out_names_quotes_and_numbers() {
        assert_eq!(
            normalise("unknown type `Strin` for `AddressId`: not  a basic type"),
            "unknown type `…` for `…`: not a basic type"
        );
        assert_eq!(normalise("expected value at line 3 column 15"), "expected value at line N column N");
        assert_eq!(normalise("cell \"Yes\" in row 12."), "cell \"…\" in row N.");
        assert_eq!(normalise("limit 1.5, then 2,000 rows"), "limit N, then N rows");
        assert_eq!(normalise("a stray ` quote"), "a stray ` quote");
        assert_eq!(normalise("example `Ex 1 `vpc-id` x` output: omits `A`"), "example `…` output: omits `…`");
        assert_eq!(normalise("`A`, `B` and `C`"), "`…`, `…` and `…`");
        assert_eq!(
            normalise("not an input parameter of AssociateIPv6Address: its type is Array of TagInfo, not Integer"),
            "not an input parameter of …: its type is Array of …, not Integer"
        );
        assert_eq!(normalise("Timestamp ISO8601 at line 12."), "Timestamp ISON at line N.");
    }

    #[test]
    fn classes_drop_what_was_found() {
        let kind = ErrorKind::Expected { expected: "a `Version` row".into(), found: "line 12 `x`".into() };
        assert_eq!(classify(&kind), "expected a `…` row");
        assert_eq!(
            classify(&ErrorKind::DuplicateAction { action: "A".into(), first: "B".into() }),
            "action `…` is documented twice (first at B)"
        );
        assert_eq!(classify(&ErrorKind::NotUtf8 { offset: 3 }), "not valid UTF-8");
    }
}
