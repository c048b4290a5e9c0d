//! Defaults: a literal wire value only (`Default value: 0`, `默认为20`, `True and False
//! (default)`, `デフォルト値は50です`, `기본값은 ANY입니다`), or a default named by its
//! meaning and mapped through the row's own list (`RequestResponse(同步) 和 Event(异步)，
//! 默认为同步`). A behaviour (`It defaults to a random IP`, `若不指定该参数，则绑定默认安全组`)
//! is no default.

use super::kind::Kind;
use super::text::{self, is_cjk, skip, token_at, words};

/// The default a description states: the value as printed and the sentence.
pub fn read(text: &str, kind: Kind, values: &[(String, String)]) -> Option<(String, String)> {
    read_with(text, kind, values, false)
}

/// The default of an array's items (`the max array length is 100 by default` is its limit,
/// not a default).
pub fn read_array(text: &str, kind: Kind, values: &[(String, String)]) -> Option<(String, String)> {
    read_with(text, kind, values, true)
}

fn read_with(text: &str, kind: Kind, values: &[(String, String)], array: bool) -> Option<(String, String)> {
    if kind == Kind::None {
        return None;
    }
    let lower = text::lower(text);
    let before = text::find_all(&lower, &words().default_before).into_iter().map(|(s, e)| (s, e, false));
    let bare = text::find_all(&lower, &words().default_bare).into_iter().map(|(s, e)| (s, e, true));
    // (A bracket may open the value: `default (0)`.)
    let default_gap: Vec<&str> = words().default_gap.iter().copied().chain(["(", "（"]).collect();
    for (start, end, bare) in before.chain(bare).collect::<Vec<_>>() {
        // `• DEFAULT: Default level`: a value named DEFAULT, not a default.
        if text.get(start..end).is_some_and(|w| {
            w.chars().filter(char::is_ascii_alphabetic).all(|c| c.is_ascii_uppercase()) && w.is_ascii()
        }) {
            continue;
        }
        // `• Default: all regions` in a list of values: a value named Default.
        let word = text.get(start..end).unwrap_or_default().trim_end_matches([':', '：']).trim();
        if values.iter().any(|(v, _)| v == word) {
            continue;
        }
        let rest = skip(text.get(end..).unwrap_or_default(), &default_gap);
        // `The default value is ''.`: the empty string.
        if kind == Kind::Text && ["''", "\"\"", "“”", "「」"].iter().any(|q| rest.starts_with(q)) {
            return Some((String::new(), text::sentence_at(text, start).to_string()));
        }
        let rest = rest.trim_start_matches(['\'', '"', '“', '「']);
        let token = literal(rest, kind).filter(|token| {
            // `default true.`, `Default wedata.` (a listed value), never `Default SubnetId`.
            let listed = values.iter().any(|(v, _)| v.eq_ignore_ascii_case(token));
            !bare || listed || matches!(kind, Kind::Integer | Kind::Float | Kind::Boolean)
        });
        if let Some(token) = token {
            let after = rest.get(token.len()..).unwrap_or_default().trim_start_matches(['\'', '"', '”', '」']);
            if ends_value(after, kind) {
                return Some((token.to_string(), text::sentence_at(text, start).to_string()));
            }
        }
        // A default named by its meaning: `默认为同步`.
        if bare {
            continue;
        }
        let meaning: String =
            rest.chars().take_while(|c| !matches!(c, '，' | ',' | '。' | '.' | '；' | ';' | '\n')).collect();
        let meaning = meaning.trim();
        if !meaning.is_empty() {
            if let Some((v, _)) = values.iter().find(|(_, m)| !m.is_empty() && m == meaning) {
                return Some((v.clone(), text::sentence_at(text, start).to_string()));
            }
            // `默认按照创建时间倒序` (`1：倒序，0：顺序`): the one meaning the words hold.
            let held: Vec<&String> = values
                .iter()
                .filter(|(_, m)| m.chars().count() >= 2 && !m.is_ascii() && meaning.contains(m.as_str()))
                .map(|(v, _)| v)
                .collect();
            if let [v] = held.as_slice() {
                return Some(((*v).clone(), text::sentence_at(text, start).to_string()));
            }
        }
    }
    // `• false: Not encrypted (default value).`: a bracketed marker in a listed value's meaning.
    let marks: Vec<&str> = words()
        .default_after
        .iter()
        .filter(|w| w.starts_with(['(', '（', '【']))
        .map(|w| w.trim_end_matches([')', '）', '】']))
        .collect();
    for (value, meaning) in values {
        let meaning = text::lower(meaning);
        // The marker opens or closes the meaning (`(Default) Do not configure`, `Off (default value`).
        let meaning = meaning.trim_end_matches(['.', '。', ')', '）', '】', ' ']);
        if let Some(mark) = marks.iter().find(|m| meaning.starts_with(**m) || meaning.ends_with(**m)) {
            let at = lower.find(*mark).unwrap_or(0);
            if literal(value, kind) == Some(value.as_str()) {
                return Some((value.clone(), text::sentence_at(text, at).to_string()));
            }
        }
    }
    for (start, end) in text::find_all(&lower, &words().default_after) {
        // `20 by default`, `False (default)`, `128 MB (default)`: the value just before.
        let before = text.get(..start).unwrap_or_default().trim_end().trim_end_matches(['\'', '"']);
        let before = strip_unit(before);
        let token_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let token = before.get(token_start..).unwrap_or_default();
        // `The max array length is 100 by default`: a limit, not a default.
        let clause_start = before
            .get(..token_start)
            .unwrap_or_default()
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '.' | ',' | ';' | '。' | '，' | '；' | '\n'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let clause = text::lower(before.get(clause_start..token_start).unwrap_or_default());
        let limits = [&words().maximum, &words().maximum_after, &words().minimum, &words().minimum_after];
        if array && limits.iter().any(|list| !text::find_all(&clause, list).is_empty()) {
            continue;
        }
        // `-POST (default value)`: a dash bullet is no part of the value.
        let token = match token.strip_prefix('-') {
            Some(t) if !t.starts_with(|c: char| c.is_ascii_digit()) => t,
            _ => token,
        };
        // `Python2.7 (default)`: a marker in brackets right after a value names it.
        // (`Empty string (default)`: a word of prose before it names no value.)
        let opens_clause = {
            let head = before.get(..token_start).unwrap_or_default().trim_end_matches([' ', '\'', '"']);
            let lower_head = text::lower(head);
            // `The value is Application (default) or Platform`.
            let word_before =
                |w: &str| lower_head.strip_suffix(w).is_some_and(|h| h.is_empty() || h.ends_with(' ') || !w.is_ascii());
            let named = words().copula.iter().any(|w| word_before(w))
                || words().value_list.iter().any(|w| lower_head.ends_with(w.trim_end_matches([':', '：'])));
            // `cdn or ecdn (default)`: after a word joining values.
            let joined = words().list_join.iter().any(|j| word_before(j.trim_end()));
            named
                || joined
                || head.is_empty()
                || head.ends_with([':', '：', ',', '，', '、', ';', '；', '.', '。', '•', '-', '*', '\n', '(', '（'])
        };
        let bracketed = text.get(start..).is_some_and(|m| m.starts_with(['(', '（']))
            && text.get(..start).is_some_and(|b| b.trim_end_matches(' ').len() + 1 >= b.len())
            && (opens_clause
                || values.iter().any(|(v, _)| v == token)
                || list_like(token)
                || alternatives_after(text.get(end..).unwrap_or_default()));
        let plain = bracketed
            || token.parse::<f64>().is_ok()
            || token.eq_ignore_ascii_case("true")
            || token.eq_ignore_ascii_case("false")
            || values.iter().any(|(v, _)| v == token);
        // `DEFAULT (Default)`: a value that means default.
        if !token.is_empty() && plain && literal(token, kind) == Some(token) && !token.eq_ignore_ascii_case("default") {
            return Some((token.to_string(), text::sentence_at(text, start).to_string()));
        }
    }
    None
}

/// `cdn (default) or ecdn`, `720p (default)/1080p`: another value follows the marked one.
fn alternatives_after(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '/', ',', '，', '、']);
    let rest = skip(rest, &words().list_join);
    let moved = rest.len() < after.len();
    let token = token_at(rest);
    moved
        && !token.is_empty()
        && rest.get(token.len()..).is_some_and(|r| {
            r.trim_start().is_empty() || r.trim_start().starts_with(['.', ',', '，', '。', '/', ';', '；', '(', '（'])
        })
}

/// `BIND_ENI`, `0`, `true`, `EIPv6`: a token that reads as a wire value, not a word.
fn list_like(token: &str) -> bool {
    super::list::looks_like_wire_value(token.trim_start_matches('-'))
}

/// Where the text of another quantity starts: the sentence of a second default whose value
/// differs from the first (`偏移量，默认为0。… 返回数量，默认为20，最大值为100。`).
pub fn second_subject(text: &str) -> Option<usize> {
    let lower = text::lower(text);
    let mut first: Option<(&str, usize)> = None;
    for (start, end) in text::find_all(&lower, &words().default_before) {
        let rest = skip(text.get(end..).unwrap_or_default(), &words().default_gap);
        let Some((_, len)) = text::number_at(rest) else { continue };
        let value = rest.get(..len).unwrap_or_default();
        let sentence = text::sentence_at(text, start);
        let sentence_start = sentence.as_ptr() as usize - text.as_ptr() as usize;
        match first {
            None => first = Some((value, sentence_start)),
            Some((v, s)) if v != value && s != sentence_start => return Some(sentence_start),
            Some(_) => {}
        }
    }
    None
}

/// `128 MB` → `128`: a unit name after a number dropped.
fn strip_unit(text: &str) -> &str {
    let Some((i, _)) = text.char_indices().rev().find(|(_, c)| c.is_whitespace()) else { return text };
    let last = text.get(i + 1..).unwrap_or_default();
    match text::unit_at(last) {
        Some((_, len)) if len == last.len() => text.get(..i).unwrap_or_default().trim_end(),
        _ => text,
    }
}

/// The literal of this kind at the start of `text`.
fn literal(text: &str, kind: Kind) -> Option<&str> {
    match kind {
        Kind::Integer | Kind::Float => {
            let (n, len) = text::number_at(text)?;
            let _ = n;
            let token = text.get(..len)?;
            (!token.contains(',')).then_some(token)
        }
        Kind::Boolean => {
            let token = token_at(text);
            (token.eq_ignore_ascii_case("true") || token.eq_ignore_ascii_case("false")).then_some(token)
        }
        Kind::Text | Kind::Time => {
            let token = token_at(text);
            (!token.is_empty()).then(|| text.get(..extended(text, token.len())).unwrap_or(token))
        }
        Kind::None => None,
    }
}

/// Where a text literal of `len` bytes at the start of `text` ends once what a token
/// leaves off is added: an offset (`UTC+8`), the time of a date (`2099-12-31 23:59:59`).
fn extended(text: &str, len: usize) -> usize {
    let token = text.get(..len).unwrap_or_default();
    let rest = text.get(len..).unwrap_or_default();
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    if let Some(offset) = rest.strip_prefix('+') {
        let n = digits(offset);
        if n > 0 {
            return len + 1 + n;
        }
    }
    let date = token.len() == 10
        && token.chars().enumerate().all(|(k, c)| if k == 4 || k == 7 { c == '-' } else { c.is_ascii_digit() });
    if let Some(time) = rest.strip_prefix(' ').filter(|_| date) {
        let t = token_at(time);
        let clock = t.len() >= 5 && t.chars().all(|c| c.is_ascii_digit() || c == ':') && t.contains(':');
        if clock {
            return len + 1 + t.len();
        }
    }
    len
}

/// What may follow a default value: the end of a sentence or clause, a unit, a particle.
fn ends_value(after: &str, kind: Kind) -> bool {
    let trimmed = after.trim_start();
    if after.trim_start_matches([' ', '\t']).starts_with('\n')
        || trimmed.is_empty()
        || trimmed.starts_with(['.', '。', ',', '，', ';', '；', ')', '）', '、', '\n', '(', '（'])
    {
        return true;
    }
    if trimmed.starts_with(is_cjk) {
        return true;
    }
    // `Default is 0 if not specified`, `defaults to 0 if left blank`.
    let lower = text::lower(trimmed);
    if after.starts_with(' ') && words().default_condition.iter().any(|w| lower.starts_with(w)) {
        return true;
    }
    matches!(kind, Kind::Integer | Kind::Float) && (text::unit_at(trimmed).is_some() || text::unit_follows(trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default(text: &str, kind: Kind) -> Option<String> {
        read(text, kind, &[]).map(|(v, _)| v)
    }

    #[test]
    fn literal_defaults() {
        assert_eq!(default("Offset. Default value: 0.", Kind::Integer).as_deref(), Some("0"));
        assert_eq!(default("Number of entries per page; 20 by default", Kind::Integer).as_deref(), Some("20"));
        assert_eq!(default("Cluster version (the default value is 1.10.5)", Kind::Text).as_deref(), Some("1.10.5"));
        assert_eq!(default("Valid values: True and False (default).", Kind::Boolean).as_deref(), Some("False"));
        assert_eq!(
            default("Choose a value between 1 and 300 seconds; The default is 3 seconds.", Kind::Integer).as_deref(),
            Some("3")
        );
        assert_eq!(
            default("Specify a value between 128 MB (default) and 1,536 MB", Kind::Integer).as_deref(),
            Some("128")
        );
        assert_eq!(default("It defaults to False.", Kind::Boolean).as_deref(), Some("False"));
    }

    #[test]
    fn cjk_defaults() {
        assert_eq!(
            default("取值范围：<br><li>TRUE：开启<br><li>FALSE：不开启<br><br>默认取值：TRUE。", Kind::Boolean)
                .as_deref(),
            Some("TRUE")
        );
        assert_eq!(default("'Role' 表示只获取角色，默认取 'All'", Kind::Text).as_deref(), Some("All"));
        assert_eq!(default("Default value: True\n- True: dedicated", Kind::Boolean).as_deref(), Some("True"));
        assert_eq!(
            default("supported environment: Python2.7 (default), Python3.6", Kind::Text).as_deref(),
            Some("Python2.7")
        );
        assert_eq!(default("最大输出条数，默认20", Kind::Integer).as_deref(), Some("20"));
        assert_eq!(default("根据创建者角色筛选，默认 0 表示用户自己创建的cmk", Kind::Integer).as_deref(), Some("0"));
        assert_eq!(default("缺省值为10，最大值为200", Kind::Integer).as_deref(), Some("10"));
        assert_eq!(default("多域名查询时，默认（false)返回", Kind::Boolean).as_deref(), Some("false"));
        assert_eq!(default("返される数、デフォルトは20、最大値は100です。", Kind::Integer).as_deref(), Some("20"));
        assert_eq!(default("CVM 기본값은 POSTPAID_BY_HOUR입니다.", Kind::Text).as_deref(), Some("POSTPAID_BY_HOUR"));
        let values = [("RequestResponse".to_string(), "同步".to_string()), ("Event".to_string(), "异步".to_string())];
        assert_eq!(
            read("RequestResponse(同步) 和 Event(异步)，默认为同步", Kind::Text, &values).map(|d| d.0).as_deref(),
            Some("RequestResponse")
        );
    }

    #[test]
    fn defaults_marked_in_a_list() {
        // A marker inside a value's meaning does not mark that value.
        let values = [("blue".to_string(), "first colour red (default): second".to_string())];
        assert_ne!(
            read("Colour.\nblue: first colour red (default): second", Kind::Text, &values).map(|d| d.0).as_deref(),
            Some("blue")
        );
        assert_eq!(default("The product, either cdn (default) or ecdn.", Kind::Text).as_deref(), Some("cdn"));
        assert_eq!(default("Resolution. Supports 720p (default)/1080p/2k", Kind::Text).as_deref(), Some("720p"));
        let values = [("gray".to_string(), "canary".to_string()), ("formal".to_string(), String::new())];
        assert_eq!(
            read(
                &super::super::normalize::normalize(
                    "Valid values:\ngray: unbind the canary one\nformal (default): unbind the formal one"
                ),
                Kind::Text,
                &values
            )
            .map(|d| d.0)
            .as_deref(),
            Some("formal")
        );
        assert_eq!(
            default("Gateway type. 0: public; 1: private. Default is 0 if not specified.", Kind::Integer).as_deref(),
            Some("0")
        );
        assert_eq!(
            default("Mode: 0 for crop, 1 for scale. defaults to 0 if left blank.", Kind::Integer).as_deref(),
            Some("0")
        );
        assert_eq!(default("Recording type.\n\"video\": Audio-video recording (default).", Kind::Text), None);
        let values =
            [("ON".to_string(), "enabled".to_string()), ("OFF".to_string(), "disabled (default value".to_string())];
        assert_eq!(
            read("Switch.\n• ON: enabled\n• OFF: disabled (default value)", Kind::Text, &values)
                .map(|d| d.0)
                .as_deref(),
            Some("OFF")
        );
        let values = [("GET".to_string(), String::new()), ("HEAD".to_string(), String::new())];
        assert_eq!(
            read("Method. Valid values:\n-GET (default value)\n- HEAD", Kind::Text, &values).map(|d| d.0).as_deref(),
            Some("GET")
        );
        assert_eq!(default("缓存大小，默认为 256 M，可选范围 256 M-1024 M", Kind::Integer).as_deref(), Some("256"));
    }

    #[test]
    fn defaults_from_pages_never_seen() {
        assert_eq!(default("Whether to ignore it. default true.", Kind::Boolean).as_deref(), Some("true"));
        assert_eq!(default("Show the time zone. default is UTC+8.", Kind::Text).as_deref(), Some("UTC+8"));
        assert_eq!(
            default("End date, defaults to 2099-12-31 23:59:59", Kind::Text).as_deref(),
            Some("2099-12-31 23:59:59")
        );
        let values = [("WEDATA".to_string(), String::new()), ("THIRD".to_string(), String::new())];
        assert_eq!(
            read("Source: WEDATA|THIRD.\nDefault wedata.", Kind::Text, &values).map(|d| d.0).as_deref(),
            Some("wedata")
        );
        // A bare `default` before a noun names a thing; a word before `(default)` is prose.
        assert_eq!(default("Default SubnetId", Kind::Text), None);
        assert_eq!(default("Mode. Empty string (default) keeps it running.", Kind::Text), None);
        // A limit that holds by default is no default.
        assert_eq!(read_array("Note: The max array length is 100 by default.", Kind::Integer, &[]), None);
        assert_eq!(default("The maximum number of partitions is 50 by default.", Kind::Integer).as_deref(), Some("50"));
        assert_eq!(
            default("The value is Application (default) or Platform.", Kind::Text).as_deref(),
            Some("Application")
        );
        assert_eq!(default("Entries per page. Maximum value: 100 (default).", Kind::Integer).as_deref(), Some("100"));
        assert_eq!(default("Maximum number of results, 20 by default.", Kind::Integer).as_deref(), Some("20"));
    }

    #[test]
    fn a_value_named_default_is_no_default() {
        let values = [("Inner".to_string(), "a".to_string()), ("Default".to_string(), "all networks".to_string())];
        assert_eq!(read("Valid values:\nInner: a\nDefault: all networks", Kind::Text, &values), None);
    }

    #[test]
    fn behaviours_are_no_default() {
        assert_eq!(default("It defaults to a random IP within 169.254.128.0/17", Kind::Text), None);
        assert_eq!(default("若不指定该参数，则绑定默认安全组", Kind::Text), None);
        assert_eq!(default("If not specified, Cloud Security will be enabled by default.", Kind::Boolean), None);
        assert_eq!(default("Default is 0.", Kind::None), None);
        assert_eq!(default("Values: PT (Gold), AG (Bronze) and DEFAULT (Default).", Kind::Text), None);
    }
}
