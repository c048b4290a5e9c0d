//! Limits: the numbers a description bounds something by, with what they count
//! (`length::measure_after`) and their unit. `Value range: 2560-604800`, `between 1 and 300
//! seconds`, `Maximum value: 100`, `不能大于 200`, `最大値は100`, `8-16桁`, `cannot exceed 60
//! characters`, `55バイトを超えることはできません`, `Page number starting from 1`.
//! Not read: a number far from its word (`The maximum difference between StartTime and
//! EndTime is 24 hours`), a field that holds a maximum (`Maximum number of pods`).

use super::length;
use super::text::{self, count_at, number_at, skip, words};
use crate::ir::LengthOf;

/// A bound read from a description.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// What it counts when the words say (characters, bytes); None: a value or items.
    pub counts: Option<LengthOf>,
    pub unit: Option<&'static str>,
    pub sentence: String,
    /// A numbering start (`starting from 1`), not a stated range.
    pub start: bool,
    /// The number stands alone (`Maximum is 100.`), not before a noun (`100 instances`),
    /// and is written in digits.
    pub bare: bool,
    /// Written in digits (not `one`, `two`).
    pub digits: bool,
    /// The range of the values themselves (after a value word: `weight value: 0 - 100`),
    /// never a number of items.
    pub of_values: bool,
}

impl Limit {
    /// A range the text states in digits, standing alone (not a numbering start).
    pub fn stated(
        min: Option<f64>,
        max: Option<f64>,
        counts: Option<LengthOf>,
        unit: Option<&'static str>,
        sentence: String,
    ) -> Limit {
        Limit { min, max, counts, unit, sentence, start: false, bare: true, digits: true, of_values: false }
    }
}

/// `1-300`, `1~60`, `1 to 5` at the start of `text` (after white space).
pub fn starts_with_range(text: &str) -> bool {
    let text = text.trim_start();
    range_at(text, false).is_some_and(|(.., len)| {
        // Joined by a symbol: `0 (disable) and 1 (enable)` is a list.
        text.get(..len).is_some_and(|r| r.contains(['-', '–', '~', '～']) && !r.contains(['(', '（']))
    })
}

/// `0, 100]` (the `[` already read): two numbers that bound an interval, not a set of two
/// values: not neighbours (`[0, 1]` is the set of 0 and 1 unless the value is a `float`).
/// (A, B, the length read.)
pub fn bracket_interval(text: &str, float: bool) -> Option<(f64, f64, usize)> {
    let close = text.find([']', '］'])?;
    let inner = text.get(..close)?;
    // `[1, 30,000]`: with a spaced separator, a comma inside a number groups its digits.
    let parts: Vec<&str> =
        if inner.contains(", ") { inner.split(", ").collect() } else { inner.split([',', '，']).collect() };
    let [a, b] = parts.as_slice() else { return None };
    let number = |s: &str| s.trim().replace(',', "").parse::<f64>().ok();
    let (a, b) = (number(a)?, number(b)?);
    let apart = b - a > 1.0 || (float && b > a) || a.fract() != 0.0 || b.fract() != 0.0;
    (a < b && apart).then_some((a, b, close + 1))
}

/// Whether an item of `text` is a range with a meaning (`0–1: Sample at the specified
/// rate`): the values it explains are no set of separate values.
pub fn range_item(text: &str) -> bool {
    text.char_indices().any(|(at, c)| {
        let fresh = !text.get(..at).unwrap_or_default().ends_with(|p: char| p.is_ascii_alphanumeric() || p == '.');
        let rest = text.get(at..).unwrap_or_default();
        fresh
            && c.is_ascii_digit()
            && starts_with_range(rest)
            && range_at(rest, false)
                .is_some_and(|(.., len)| rest.get(len..).is_some_and(|r| r.trim_start().starts_with([':', '：'])))
    })
}

/// `1-65535]` (the `[` already read): a range joined by a symbol inside brackets.
fn bracket_range(text: &str) -> Option<(f64, f64, usize)> {
    let close = text.find([']', '］'])?;
    let inner = text.get(..close)?.trim();
    let (a, b, _, _, len) = range_at(inner, false)?;
    (len == inner.len() && starts_with_range(inner)).then_some((a, b, close + 1))
}

/// `Age; [0,100].`, `取值在[2，60]之间`: an interval in brackets with no range word, read on
/// a number (`[1, 2, 3]` stays a set: two numbers only, far apart).
fn bare_intervals(text: &str) -> Vec<(f64, f64, usize)> {
    let mut found = Vec::new();
    for (at, c) in text.char_indices() {
        if !matches!(c, '[' | '［') {
            continue;
        }
        let inner = text.get(at + c.len_utf8()..).unwrap_or_default();
        let negative = |s: &str| s.trim_start().starts_with('-');
        // `[-30,30]`: a negative end.
        let interval = if negative(inner) || inner.split([',', '，']).nth(1).is_some_and(negative) {
            signed_interval(inner)
        } else {
            bracket_interval(inner, false)
        };
        if let Some((a, b, _)) = interval {
            // `0 and [128, 4096]`, `from 0 to [128, 8192]`: a value allowed besides.
            let before = skip_join_back(text.get(..at).unwrap_or_default());
            let alone = trailing_number(before).map(|(n, _)| n).filter(|n| *n < a);
            found.push((alone.unwrap_or(a), b, at));
        }
    }
    found
}

/// `… 0 and ` → `… 0`: the text before a join word (`and`, `or`, `to`, `和`) at its end.
fn skip_join_back(text: &str) -> &str {
    let trimmed = text.trim_end();
    let lower = text::lower(trimmed);
    let joins = words().list_join.iter().chain(words().range_join.iter()).map(|w| w.trim());
    for join in joins {
        if lower.ends_with(join) && !join.is_empty() {
            return trimmed.get(..trimmed.len() - join.len()).unwrap_or_default().trim_end();
        }
    }
    trimmed
}

/// `-30,30]`: two signed numbers in brackets, the first below the second.
fn signed_interval(text: &str) -> Option<(f64, f64, usize)> {
    let close = text.find([']', '］'])?;
    let inner = text.get(..close)?;
    let mut parts = inner.split([',', '，']);
    let a: f64 = parts.next()?.trim().parse().ok()?;
    let b: f64 = parts.next()?.trim().parse().ok()?;
    (parts.next().is_none() && a < b).then_some((a, b, close + 1))
}

/// `number of concurrent stream pulls is 4`: the text from the number on, when a quantity
/// named in a few words of the same clause is said to be it (not `difference between A and
/// B is 24 hours`: no quantity word).
fn quantity_stated(rest: &str) -> Option<&str> {
    let lower = text::lower(rest);
    let of = words().quantity_of.iter().find(|w| lower.starts_with(**w))?;
    let clause_end = lower.find(['.', ',', ';', '，', '。', '；', '(', '（']).unwrap_or(lower.len()).min(80);
    let head = lower.get(of.len()..clause_end)?;
    let (at, is) = words().quantity_is.iter().filter_map(|w| head.find(w).map(|at| (at, *w))).min()?;
    let number = rest.get(of.len() + at + is.len()..).filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))?;
    // `… is 50 by default`: a default, not a limit.
    let after = text::lower(number.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start());
    (!words().default_after.iter().any(|w| after.starts_with(w))).then_some(number)
}

/// A range read: (A, B, what B counts and its multiplier, unit, length read).
type Range = (f64, f64, Option<(LengthOf, u64)>, Option<&'static str>, usize);

/// `A <unit> <(…)> join B <unit>` at the start of `text`.
fn range_at(text: &str, string: bool) -> Option<Range> {
    let (a, len) = number_at(text)?;
    let mut rest = text.get(len..)?;
    let measure_a = length::measure_after(rest, string);
    let mut unit = None;
    if let Some((_, _, l)) = measure_a {
        rest = rest.get(l..)?;
    } else if let Some((u, l)) = text::unit_at(rest.trim_start()) {
        unit = Some(u);
        rest = rest.trim_start().get(l..)?;
    } else if text::unit_follows(rest.trim_start()) {
        // `128 M-1536 M`: a size letter after each number (`M` for `MB`).
        let letter = rest.trim_start().get(..1)?;
        unit = text::unit_at(&format!("{letter}b")).map(|(u, _)| u);
        rest = rest.trim_start().get(1..)?;
    }
    // `128 MB (default) and 1,536 MB`.
    let trimmed = rest.trim_start();
    if let Some(inner) = trimmed.strip_prefix(['(', '（']) {
        let close = inner.find([')', '）'])?;
        rest = inner.get(close..)?.get(inner.get(close..)?.chars().next()?.len_utf8()..)?;
    }
    let trimmed = rest.trim_start();
    let lower = text::lower(trimmed);
    let join = words().range_join.iter().find(|j| lower.starts_with(**j))?;
    let rest2 = trimmed.get(join.len()..)?.trim_start();
    let (b, blen) = number_at(rest2)?;
    if b < a {
        return None;
    }
    let after = rest2.get(blen..)?;
    let measure = length::measure_after(after, string).map(|(c, m, _)| (c, m));
    let unit = unit.or_else(|| text::unit_at(after.trim_start()).map(|(u, _)| u));
    let measure = measure.or(measure_a.map(|(c, m, _)| (c, m)));
    Some((a, b, measure, unit, text.len() - after.len()))
}

/// Every limit a description (normalised) states. `string`: the value is a string (K and
/// M count bytes).
pub fn read(text: &str, string: bool) -> Vec<Limit> {
    let lower = text::lower(text);
    let mut limits = Vec::new();
    let sentence = |at: usize| text::sentence_at(text, at).to_string();
    let range_words = text::find_all(&lower, &words().range);
    for &(start, end) in &range_words {
        let rest = skip(text.get(end..).unwrap_or_default(), &words().limit_gap);
        // `Value range: [0, 100]`.
        let bracketed = rest.strip_prefix(['[', '［']);
        // (`(0, 1]`, `[0, 1)`: an interval open at an end.)
        let half_open = rest.strip_prefix(['(', '（']).and_then(|r| {
            let close = r.find([']', '］', ')', '）'])?;
            let inner = r.get(..close)?;
            bracket_interval(&format!("{inner}]"), true)
        });
        let interval = bracketed.and_then(|r| bracket_interval(r, true).or_else(|| bracket_range(r))).or(half_open);
        if let Some((a, b, _)) = interval {
            // (The values' range: of an array, its items' values, no number of items.)
            let mut limit = Limit::stated(Some(a), Some(b), None, None, sentence(start));
            limit.of_values = true;
            limits.push(limit);
            continue;
        }
        if let Some((a, b, measure, unit, _)) = range_at(rest, string) {
            let (counts, m) = measure.map_or((None, 1), |(c, m)| (Some(c), m));
            limits.push(Limit {
                min: Some(a * m as f64),
                max: Some(b * m as f64),
                counts,
                unit,
                sentence: sentence(start),
                start: false,
                bare: true,
                digits: true,
                of_values: false,
            });
        }
    }
    // `選択可能な値は30～3600`, `선택 가능 값: 30~3600`, `可选值：2~60`: a value word before
    // two numbers joined by a symbol names a range.
    for (start, end) in text::find_all(&lower, &words().value_list) {
        let rest = skip(text.get(end..).unwrap_or_default(), &words().limit_gap);
        // (`Value range: 1-5`: read above as a range word's.)
        if !starts_with_range(rest) || range_words.iter().any(|(s, e)| *s < end && start < *e) {
            continue;
        }
        if let Some((a, b, measure, unit, _)) = range_at(rest, string) {
            let (counts, m) = measure.map_or((None, 1), |(c, m)| (Some(c), m));
            let mut limit = Limit::stated(Some(a * m as f64), Some(b * m as f64), counts, unit, sentence(start));
            // (`Array length value: 1-20`: the value of a length.)
            let head = lower.get(..start).unwrap_or_default().trim_end();
            limit.of_values = !words().length.iter().any(|w| head.ends_with(w.trim()));
            limits.push(limit);
        }
    }
    for (start, end) in text::find_all(&lower, &words().range) {
        // `Range: 5<= MaxSize <= 256`: the value between two inequalities.
        let rest = skip(text.get(end..).unwrap_or_default(), &words().limit_gap);
        if let Some((a, b)) = inequality_at(rest) {
            limits.push(Limit::stated(Some(a), Some(b), None, None, sentence(start)));
        }
    }
    // `maximum length is`, `limit length to`: a length word inside a limit's words is that
    // limit's, read below.
    let limit_words: Vec<(usize, usize)> =
        [&words().maximum, &words().minimum].iter().flat_map(|list| text::find_all(&lower, list)).collect();
    for (start, end) in text::find_all(&lower, &words().length) {
        if limit_words.iter().any(|(s, e)| *s <= start && end <= *e) {
            continue;
        }
        // `名称长度2-60`, `参数长度是 1M` (after a maximum word): a length; `array length`: a
        // number of items, which a string has none of.
        let items = words().items_length.iter().any(|w| lower.get(..start).unwrap_or_default().ends_with(w));
        if items && string {
            continue;
        }
        let rest = skip(text.get(end..).unwrap_or_default(), &words().limit_gap);
        let counted = |measure: Option<(LengthOf, u64)>| {
            if items {
                return Some((None, 1));
            }
            measure.or(string.then_some((LengthOf::Chars, 1))).map(|(c, m)| (Some(c), m))
        };
        // (`字符长度为[2, 15]`: in brackets.)
        let bracketed = rest.strip_prefix(['[', '［']).and_then(|r| bracket_interval(r, false));
        if let Some((a, b, _)) = bracketed {
            let Some((counts, _)) = counted(None) else { continue };
            limits.push(Limit::stated(Some(a), Some(b), counts, None, sentence(start)));
        } else if let Some((a, b, measure, _, _)) = range_at(rest, string) {
            let Some((counts, m)) = counted(measure) else { continue };
            limits.push(Limit::stated(Some(a * m as f64), Some(b * m as f64), counts, None, sentence(start)));
        } else if let Some((n, len)) = number_at(rest) {
            let clause = text::lower(clause_before(text, start));
            let after_max = !text::find_all(&clause, &words().maximum).is_empty();
            let after_min = !text::find_all(&clause, &words().minimum).is_empty();
            let measured = length::measure_after(rest.get(len..).unwrap_or_default(), string);
            let Some((counts, m)) = counted(measured.map(|(c, m, _)| (c, m))) else {
                continue;
            };
            let n = n * m as f64;
            if after_max {
                limits.push(Limit::stated(None, Some(n), counts, None, sentence(start)));
            } else if after_min {
                limits.push(Limit::stated(Some(n), None, counts, None, sentence(start)));
            } else if let Some((_, _, l)) = measured {
                // `length is 16 characters`: that length exactly, unless a bound follows
                // (`16 characters or less`, `64个字符以内`).
                let next = text::lower(rest.get(len + l..).unwrap_or_default().trim_start());
                let bound = [&words().maximum_after, &words().minimum_after, &words().maximum, &words().minimum]
                    .iter()
                    .any(|list| list.iter().any(|w| next.starts_with(w)));
                if !bound {
                    limits.push(Limit::stated(Some(n), Some(n), counts, None, sentence(start)));
                }
            }
        }
    }
    for (list, is_max) in [(&words().maximum, true), (&words().minimum, false)] {
        for (start, end) in text::find_all(&lower, list) {
            // `Offset+Limit不能大于10000`: a limit on a sum of fields.
            let clause = clause_before(text, start);
            let sum = clause
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '_'))
                .any(|w| w.split('+').filter(|p| p.starts_with(|c: char| c.is_ascii_alphabetic())).count() >= 2);
            // `当时间范围不超过30天，…`, `If A is not 1 or more than 5 faces …`: a condition.
            if sum || text::has_condition(&text::lower(clause)) {
                continue;
            }
            let rest = skip(text.get(end..).unwrap_or_default(), &words().limit_gap);
            let rest = quantity_stated(rest).unwrap_or(rest);
            let Some((n, len)) = count_at(rest) else { continue };
            let after = rest.get(len..).unwrap_or_default();
            // `up to 1-5`: a range, read above; `at least one of A and B`: a constraint
            // between fields.
            if after.trim_start().starts_with(['-', '~', '～']) || after.trim_start().starts_with("of ") {
                continue;
            }
            let mut l = limit(n, after, is_max, string, sentence(start));
            l.digits = rest.starts_with(|c: char| c.is_ascii_digit());
            // `Length limit: 64`, `长度限制：256`: a limit word naming a length counts a string's
            // characters.
            let named_length = lower.get(start..end).is_some_and(|w| !text::find_all(w, &words().length).is_empty());
            if string && l.counts.is_none() && named_length {
                l.counts = Some(LengthOf::Chars);
            }
            limits.push(l);
        }
    }
    for (list, is_max) in [(&words().maximum_after, true), (&words().minimum_after, false)] {
        for (start, _) in text::find_all(&lower, list) {
            if text::has_condition(&text::lower(clause_before(text, start))) {
                continue;
            }
            if let Some((n, after)) = number_before(text, start, string) {
                limits.push(limit(n, after, is_max, string, sentence(start)));
            }
        }
    }
    // `8-16桁`, `8 to 16 characters`: a range of characters or bytes with no word before.
    for (i, _) in text.char_indices() {
        let prev_digit = text.get(..i).unwrap_or_default().ends_with(|c: char| c.is_ascii_digit() || c == '.');
        if prev_digit || !text.get(i..).unwrap_or_default().starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Some((a, b, Some((counts, m)), _, _)) = range_at(text.get(i..).unwrap_or_default(), string) {
            if !limits.iter().any(|l| l.counts == Some(counts) && l.max == Some(b * m as f64)) {
                limits.push(Limit::stated(Some(a * m as f64), Some(b * m as f64), Some(counts), None, sentence(i)));
            }
        }
    }
    for (start, end) in text::find_all(&lower, &words().starts_before) {
        if let Some((n, _)) = number_at(text.get(end..).unwrap_or_default().trim_start()) {
            limits.push(Limit {
                min: Some(n),
                max: None,
                counts: None,
                unit: None,
                sentence: sentence(start),
                start: true,
                bare: true,
                digits: true,
                of_values: false,
            });
        }
    }
    for (start, _) in text::find_all(&lower, &words().starts_after) {
        let before = text.get(..start).unwrap_or_default().trim_end();
        if let Some((n, _)) = trailing_number(before) {
            limits.push(Limit {
                min: Some(n),
                max: None,
                counts: None,
                unit: None,
                sentence: sentence(start),
                start: true,
                bare: true,
                digits: true,
                of_values: false,
            });
        }
    }
    limits
}

fn limit(n: f64, after: &str, is_max: bool, string: bool, sentence: String) -> Limit {
    let measure = length::measure_after(after, string);
    let (counts, m) = measure.map_or((None, 1), |(c, m, _)| (Some(c), m));
    let unit = if measure.is_none() { text::unit_at(after.trim_start()).map(|(u, _)| u) } else { None };
    let n = n * m as f64;
    let (min, max) = if is_max { (None, Some(n)) } else { (Some(n), None) };
    let next = after.trim_start();
    let bare = next.is_empty()
        || next.starts_with(['.', ',', ';', '。', '，', '；', '、', ')', '）'])
        || next.starts_with(text::is_cjk);
    Limit { min, max, counts, unit, sentence, start: false, bare, digits: true, of_values: false }
}

/// The number just before `at`, with a measure word between (`55バイト|を超える`, `8位|以上`):
/// the number and the text after it.
fn number_before(text: &str, at: usize, string: bool) -> Option<(f64, &str)> {
    let before = text.get(..at)?.trim_end();
    // Try each place a number may start, nearest first, at most 16 characters back
    // (`16 characters|or less`).
    for (i, _) in before.char_indices().rev().take(16) {
        if before.get(..i).unwrap_or_default().ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let candidate = before.get(i..)?;
        if let Some((n, len)) = number_at(candidate) {
            let after = candidate.get(len..)?;
            let rest = after.trim();
            let measured = length::measure_after(after, string)
                .is_some_and(|(_, _, l)| after.get(l..).is_some_and(|r| r.trim().is_empty()));
            let unit = text::unit_at(rest).is_some_and(|(_, l)| rest.len() == l);
            if rest.is_empty() || measured || unit {
                return Some((n, text.get(i + len..)?));
            }
        }
    }
    None
}

/// The clause of `text` ending at `at`.
fn clause_before(text: &str, at: usize) -> &str {
    text::clause_ending(text.get(..at).unwrap_or_default())
}

/// `5<= MaxSize <= 256`, `1 ≤ x ≤ 10`: the two ends.
fn inequality_at(text: &str) -> Option<(f64, f64)> {
    let (a, len) = number_at(text)?;
    let rest = text.get(len..)?.trim_start();
    let rest = rest.strip_prefix("<=").or_else(|| rest.strip_prefix('≤'))?.trim_start();
    let name = text::token_at(rest);
    let rest = rest.get(name.len()..)?.trim_start();
    let rest = rest.strip_prefix("<=").or_else(|| rest.strip_prefix('≤'))?.trim_start();
    let (b, _) = number_at(rest)?;
    (!name.is_empty() && a <= b).then_some((a, b))
}

/// The intervals in brackets with no range word (`Age; [0,100].`) of a number's
/// description, and its sentences that are a range alone (`单位：秒。1-50`).
pub fn bare(text: &str) -> Vec<Limit> {
    let mut limits: Vec<Limit> = bare_intervals(text)
        .into_iter()
        .map(|(a, b, at)| Limit::stated(Some(a), Some(b), None, None, text::sentence_at(text, at).to_string()))
        .collect();
    for sentence in text.split(['。', '\n']).flat_map(|s| s.split(". ")) {
        let alone = sentence.trim().trim_end_matches(['.', '。']);
        if let Some((a, b, None, unit, len)) = range_at(alone, false) {
            if len == alone.len() && starts_with_range(alone) {
                limits.push(Limit::stated(Some(a), Some(b), None, unit, alone.to_string()));
            }
        }
    }
    limits
}

/// `… 从 1` → 1: the number ending `text`.
fn trailing_number(text: &str) -> Option<(f64, usize)> {
    let start = text.char_indices().rev().take_while(|(_, c)| c.is_ascii_digit()).last().map(|(i, _)| i)?;
    number_at(text.get(start..)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(text: &str, string: bool) -> Vec<(Option<f64>, Option<f64>, Option<LengthOf>)> {
        read(text, string).into_iter().map(|l| (l.min, l.max, l.counts)).collect()
    }

    #[test]
    fn ranges_and_bounds() {
        assert_eq!(
            bounds("IPsec SA lifetime (in KB). Value range: 2560-604800.", false),
            [(Some(2560.0), Some(604800.0), None)]
        );
        assert_eq!(
            bounds("Specify a value between 128 MB (default) and 1,536 MB in 128 MB increments.", false),
            [(Some(128.0), Some(1536.0), None)]
        );
        assert_eq!(bounds("unit: month, value range: 1~60.", false), [(Some(1.0), Some(60.0), None)]);
        assert_eq!(
            bounds("Value range: [64000, 8192000]. Default: 550000.", false),
            [(Some(64000.0), Some(8192000.0), None)]
        );
        assert_eq!(bounds("Value range: [0.5, 2.0].", false), [(Some(0.5), Some(2.0), None)]);
        assert_eq!(bounds("Value range: [1, 30,000]", false), [(Some(1.0), Some(30000.0), None)]);
        assert_eq!(bounds("Input parameter limit: Maximum list length is 10.", false), [(None, Some(10.0), None)]);
        assert_eq!(
            bounds("The maximum number of concurrent stream pulls is 4, and the default value is 4.", false),
            [(None, Some(4.0), None)]
        );
        assert_eq!(bounds("The maximum difference between StartTime and EndTime is 24 hours.", false), []);
        assert_eq!(bounds("the maximum number of partitions allowed for each topic is 50 by default.", false), []);
        assert_eq!(
            bounds("Limit length to 128 bytes, only letters.", true),
            [(None, Some(128.0), Some(LengthOf::Bytes))]
        );
        assert_eq!(bounds("Value range: [1, 2, 3, 12].", false), []);
        assert_eq!(bounds("The value must be equal to or greater than 1.", false), [(Some(1.0), None, None)]);
        assert_eq!(bounds("Default is 20. Maximum is 100.", false), [(None, Some(100.0), None)]);
        assert_eq!(
            bounds("页码，默认值是 1，从 1开始，不能大于 200", false),
            [(None, Some(200.0), None), (Some(1.0), None, None)]
        );
        assert_eq!(bounds("The maximum difference between StartTime and EndTime is 24 hours.", false), []);
        assert_eq!(bounds("the maximum number of partitions allowed for each topic is 50 by default.", false), []);
        assert_eq!(bounds("Maximum number of pods per node", false), []);
        assert_eq!(bounds("At least one of NewCidrBlocks or OldCidrBlocks must be specified.", false), []);
    }

    #[test]
    fn lengths() {
        assert_eq!(bounds("The maximum length is 60 characters.", true), [(None, Some(60.0), Some(LengthOf::Chars))]);
        assert_eq!(
            bounds("最大長は55バイトを超えることはできません。", true),
            [(None, Some(55.0), Some(LengthOf::Bytes)), (None, Some(55.0), Some(LengthOf::Bytes))]
        );
        assert_eq!(
            bounds("The maximum size of original data is 4 KB.", true),
            [(None, Some(4096.0), Some(LengthOf::Bytes))]
        );
        assert_eq!(bounds("パスワードは8-16桁で", true), [(Some(8.0), Some(16.0), Some(LengthOf::Chars))]);
        assert_eq!(bounds("60바이트를 초과할 수 없습니다", true), [(None, Some(60.0), Some(LengthOf::Bytes))]);
        assert_eq!(bounds("which contains at most two IP addresses.", false), [(None, Some(2.0), None)]);
        // One length exactly, unless a bound goes with it.
        let exactly = [(Some(16.0), Some(16.0), Some(LengthOf::Chars))];
        assert_eq!(bounds("Project id, length is 16 characters.", true), exactly);
        assert_eq!(bounds("Initial vector (custom string, length 16 characters).", true), exactly);
        assert_eq!(bounds("密钥，长度为16个字符。", true), exactly);
        assert_eq!(bounds("名称，长度为64个字符以内。", true), [(None, Some(64.0), Some(LengthOf::Chars))]);
        assert_eq!(bounds("Name, length 16 characters or less.", true), [(None, Some(16.0), Some(LengthOf::Chars))]);
        assert_eq!(bounds("Password, minimum length 8 characters.", true), [(Some(8.0), None, Some(LengthOf::Chars))]);
        // The length of an array counts items, which a string has none of.
        assert_eq!(bounds("Order IDs, with the maximum array length of 10.", false), [(None, Some(10.0), None)]);
        assert_eq!(bounds("Order ID, with the maximum array length of 10.", true), []);
    }
}
