//! One value list's items: the list type, the characters and words between values, and the
//! inline reader (`TCP, UDP, ICMP, and ALL.`, `1 - normal; 2 - in arrears`), shared by the
//! readers of lists after a "valid values" word (`values`) and without one (`unworded`).

use super::kind::Kind;
use super::text::{self, is_cjk, skip, words};

/// A value list read from a description.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueList {
    /// (wire value as printed, meaning).
    pub values: Vec<(String, String)>,
    pub complete: bool,
    /// The sentence (or lines) the list came from.
    pub sentence: String,
}

pub(super) const SEPARATORS: &[char] = &[',', '，', '、', ';', '；', '|', '/'];
pub(super) const QUOTES: &[char] = &['\'', '"', '‘', '’', '“', '”', '「', '」', '『', '』'];

/// A value token at the start of `text`, cut at a `:` (`TOTAL_EIP_QUOTA:EIP quota`), but
/// not at one inside the value: `QCS::CVM::Instance`, `16:9`.
pub(super) fn token_at(text: &str) -> &str {
    text::value_token_at(text)
}

/// Whether a list's text says it may be partial.
pub(super) fn is_open(text: &str) -> bool {
    !text::find_all(&text::lower(text), &words().open_list).is_empty()
}

/// Whether `token` can be a value of this kind.
pub(super) fn fits(token: &str, kind: Kind) -> bool {
    match kind {
        Kind::Integer => token.parse::<i64>().is_ok(),
        Kind::Float => token.parse::<f64>().is_ok(),
        Kind::Boolean => token.eq_ignore_ascii_case("true") || token.eq_ignore_ascii_case("false"),
        Kind::Text | Kind::Time => !token.is_empty(),
        Kind::None => false,
    }
}

/// `TCP, UDP, ICMP, and ALL.`, `0 (disable) and 1 (enable)`, `ALL과 ANY를 포함하고`: the
/// values up to the end of the sentence or the first item that is not a value; the list
/// and its length.
pub(super) fn inline(text: &str, kind: Kind) -> Option<(Vec<(String, String)>, usize)> {
    let end = text::sentence_end(text).unwrap_or(text.len());
    let segment = text.get(..end).unwrap_or_default();
    let mut values = Vec::new();
    let mut dashed = false;
    let mut rest = segment;
    loop {
        let before = rest;
        rest = rest.trim_start().trim_start_matches(SEPARATORS).trim_start();
        rest = skip(rest, &words().list_join);
        rest = rest.trim_start_matches(QUOTES);
        let token = token_at(rest);
        // `2-SQL操作`: a number before a dash and its meaning, glued into one token.
        let token = match text::numbered_dash(rest) {
            Some((number, _)) if !fits(token, kind) && fits(number, kind) => number,
            _ => token,
        };
        if token.is_empty() || !fits(token, kind) {
            rest = before;
            break;
        }
        let after = rest.get(token.len()..).unwrap_or_default().trim_start_matches(QUOTES);
        let spaced = after.trim_start();
        let mut paired_next = false;
        let (meaning, next) = if let Some(inner) = spaced.strip_prefix(['(', '（']) {
            let close = inner.find([')', '）']).unwrap_or(inner.len());
            let tail = inner.get(close..).unwrap_or_default();
            (
                inner.get(..close).unwrap_or_default(),
                tail.get(tail.chars().next().map_or(0, char::len_utf8)..).unwrap_or_default(),
            )
        } else if let Some(m) = spaced.strip_prefix([':', '：', '=']) {
            let stop = m.find(SEPARATORS).unwrap_or(m.len());
            let pair = spaced_pair_at(m).filter(|at| *at < stop);
            paired_next = pair.is_some();
            let stop = pair.unwrap_or(stop);
            (m.get(..stop).unwrap_or_default(), m.get(stop..).unwrap_or_default())
        } else if let Some(m) = after.strip_prefix('-').filter(|m| {
            m.starts_with(is_cjk) || (token.parse::<i64>().is_ok() && m.starts_with(|c: char| c.is_alphabetic()))
        }) {
            // `0-단일 가용 영역, 1-멀티 가용 영역`, `master-마스터 인스턴스`, `2-SQL操作`: a
            // meaning glued after a dash (two items at least), to the next item (`年額/月額`).
            dashed = true;
            let stop = m.find([',', '，', '、', ';', '；']).unwrap_or(m.len());
            (m.get(..stop).unwrap_or_default(), m.get(stop..).unwrap_or_default())
        } else if let Some(m) =
            after.strip_prefix([' ']).and_then(|a| a.strip_prefix(['-', '–'])).filter(|m| m.starts_with(' '))
        {
            // `1 - normal; 2 - in arrears`: a meaning after a spaced dash, to the next item
            // (two items at least: `0 - positive infinity` is a range).
            dashed = true;
            let stop = m.find([',', '，', ';', '；']).unwrap_or(m.len());
            (m.get(..stop).unwrap_or_default(), m.get(stop..).unwrap_or_default())
        } else {
            ("", after)
        };
        let continues = next.is_empty()
            || next.trim_start().starts_with(SEPARATORS)
            || paired_next
            || words()
                .list_join
                .iter()
                .any(|j| text::lower(next.trim_start()).starts_with(j.trim_end()) && !j.trim_end().is_empty())
            || next.trim().is_empty();
        // `ANY를`, `DETACHING_LB 등이`: a particle ends the list.
        let particle = next.starts_with(is_cjk) || (next.starts_with(' ') && next.trim_start().starts_with(is_cjk));
        if !continues && !particle {
            // `Centos7.2x86_64, ubuntu16.04.1 LTSx86_64`: a value with words after it is
            // a value this reader cannot delimit; the list is not read at all.
            if !values.is_empty() && (token.contains(|c: char| c.is_ascii_digit()) || looks_like_wire_value(token)) {
                return None;
            }
            rest = before;
            break;
        }
        values.push((token.to_string(), meaning.trim().to_string()));
        rest = next;
        if particle && !words().list_join.iter().any(|j| next.trim_start().starts_with(j.trim_end())) {
            break;
        }
    }
    // A list cut short by an item that is no value while more items follow (`all, single
    // port, range`) is no list.
    let left = rest.trim_start().trim_start_matches(SEPARATORS);
    // (One `binlog - 2進数ログ` is a value; one `0 - positive infinity` a range.)
    let numeric = values.iter().all(|(v, _): &(String, String)| v.parse::<f64>().is_ok());
    if values.is_empty()
        || (dashed && values.len() < 2 && numeric)
        || (left.contains(SEPARATORS) && !left.starts_with(is_cjk))
    {
        return None;
    }
    dedup(&mut values);
    Some((values, segment.len() - rest.len()))
}

/// `通知过期且自动续费 NOTIFY_AND_MANUAL_RENEW：…`, `未开始推流 1:正在推流`: where, in the
/// meaning after a pair's colon, the next pair starts: at the meaning's first space, after a
/// word of it (a value that looks like one, then a colon; not `明细数据 项目 ID：…`, nor
/// `pay-as-you-goNote:` right after the colon).
pub(super) fn spaced_pair_at(meaning: &str) -> Option<usize> {
    let body = meaning.trim_start();
    let lead = meaning.len() - body.len();
    // (A line break is a space here: a wrapped line changes nothing.)
    let at = body.find([' ', '\n']).filter(|at| *at > 0)?;
    let rest = body.get(at + 1..)?;
    let token = token_at(rest);
    let colon = rest.get(token.len()..).is_some_and(|r| r.starts_with([':', '：']));
    (colon && !text::is_label_word(token) && looks_like_wire_value(token)).then_some(lead + at)
}

/// Each value once, where it first stands.
pub(super) fn dedup(values: &mut Vec<(String, String)>) {
    let mut seen: Vec<String> = Vec::new();
    values.retain(|(v, _)| {
        let new = !seen.contains(v);
        seen.push(v.clone());
        new
    });
}

/// Whether a value stands twice in a list.
pub(super) fn repeats(values: &[(String, String)]) -> bool {
    values.iter().enumerate().any(|(k, (v, _))| values.iter().skip(k + 1).any(|(w, _)| w == v))
}

/// `BIND_ENI`, `VPC`, `0`, `true`, `EIPv6`: what a value of a list without a "values" word
/// before it looks like (not a word of prose: `Note`, `Linux`).
pub(super) fn looks_like_wire_value(v: &str) -> bool {
    let upper = v.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-') && v.len() >= 2;
    upper || v.parse::<f64>().is_ok() || v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") || {
        // camelCase or mixed: a capital after the first letter (`EIPv6`, `fluxHitRate`).
        v.chars().skip(1).any(|c| c.is_ascii_uppercase()) && v.chars().any(|c| c.is_ascii_lowercase())
    }
}
