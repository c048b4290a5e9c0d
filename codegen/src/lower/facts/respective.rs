//! Two limits given their numbers in order: `The maximum and minimum values allowed are
//! 720 (30 days) and 6 respectively`, `最大值和最小值分别为100和1`, `それぞれ`, `각각`.

use super::length;
use super::range::Limit;
use super::text::{self, number_at, words};
use crate::ir::LengthOf;

/// `The maximum and minimum values allowed are 720 (30 days) and 6 respectively`,
/// `最大值和最小值分别为100和1`: a maximum and a minimum word joined, then two numbers
/// joined, given to the words in their order.
pub fn read(text: &str, string: bool) -> Vec<Limit> {
    let lower = text::lower(text);
    let mut limits = Vec::new();
    for (at, _) in text::find_all(&lower, &words().respectively) {
        let sentence = text::sentence_at(text, at);
        let sentence_lower = text::lower(sentence);
        let first = |list: &[&str]| text::find_all(&sentence_lower, list).first().copied();
        let (Some(max), Some(min)) = (first(&words().maximum), first(&words().minimum)) else { continue };
        let (a, b) = if max.0 < min.0 { (max, min) } else { (min, max) };
        // The two words joined (`maximum and minimum values`), nothing else between.
        let between = sentence_lower.get(a.1..b.0).unwrap_or_default().trim();
        if a.1 > b.0 || !words().both_join.contains(&between) {
            continue;
        }
        let Some((x, y, measure, unit)) = two_numbers(sentence.get(b.1..).unwrap_or_default(), string) else {
            continue;
        };
        let (lo, hi) = if max.0 < min.0 { (y, x) } else { (x, y) };
        let (counts, m) = measure.map_or((None, 1), |(c, m)| (Some(c), m));
        if lo <= hi {
            limits.push(Limit::stated(Some(lo * m as f64), Some(hi * m as f64), counts, unit, sentence.to_string()));
        }
    }
    limits
}

/// `are 720 (30 days) and 6`, `为100和1`: the first two numbers of `text` outside brackets,
/// joined, close to its start; with what they count and their unit.
/// Two numbers, what they count and their unit.
type Numbers = (f64, f64, Option<(LengthOf, u64)>, Option<&'static str>);

fn two_numbers(text: &str, string: bool) -> Option<Numbers> {
    let mut depth = 0usize;
    let start = text.char_indices().take_while(|(i, _)| *i < 48).find_map(|(i, c)| {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let glued = text.get(..i).unwrap_or_default().ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.');
        (depth == 0 && c.is_ascii_digit() && !glued).then_some(i)
    })?;
    // Nothing but words between (`are`, `为`): no other clause.
    if text.get(..start)?.contains([',', ';', '，', '；', ':', '：']) {
        return None;
    }
    let rest = text.get(start..)?;
    let (x, len) = number_at(rest)?;
    let mut after = rest.get(len..)?;
    let measure_x = length::measure_after(after, string);
    let mut unit = None;
    if let Some((_, _, l)) = measure_x {
        after = after.get(l..)?;
    } else if let Some((u, l)) = text::unit_at(after.trim_start()) {
        unit = Some(u);
        after = after.trim_start().get(l..)?;
    }
    // `720 (30 days)`: what the first number means in other words.
    let mut trimmed = after.trim_start();
    if let Some(inner) = trimmed.strip_prefix(['(', '（']) {
        let close = inner.find([')', '）'])?;
        let closing = inner.get(close..)?.chars().next()?;
        trimmed = inner.get(close + closing.len_utf8()..)?.trim_start();
    }
    let lower = text::lower(trimmed);
    let join = words().both_join.iter().find(|j| lower.starts_with(**j))?;
    let rest = trimmed.get(join.len()..)?.trim_start();
    let (y, len) = number_at(rest)?;
    let after = rest.get(len..)?;
    let measure = length::measure_after(after, string).or(measure_x).map(|(c, m, _)| (c, m));
    let unit = unit.or_else(|| text::unit_at(after.trim_start()).map(|(u, _)| u));
    Some((x, y, measure, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(text: &str, string: bool) -> Vec<(Option<f64>, Option<f64>, Option<LengthOf>)> {
        read(text, string).into_iter().map(|l| (l.min, l.max, l.counts)).collect()
    }

    #[test]
    fn two_limits_in_order() {
        assert_eq!(
            bounds(
                "Hours to keep. The maximum and minimum values allowed are 720 (30 days) and 6 respectively.",
                false
            ),
            [(Some(6.0), Some(720.0), None)]
        );
        assert_eq!(
            bounds("The minimum and maximum lengths are 1 and 64 characters respectively.", true),
            [(Some(1.0), Some(64.0), Some(LengthOf::Chars))]
        );
        assert_eq!(bounds("保留时长，最大值和最小值分别为100和1。", false), [(Some(1.0), Some(100.0), None)]);
        assert_eq!(bounds("最大値と最小値はそれぞれ100と1です。", false), [(Some(1.0), Some(100.0), None)]);
        assert_eq!(bounds("최댓값과 최솟값은 각각 100과 1입니다.", false), [(Some(1.0), Some(100.0), None)]);
        // Two numbers of something else, or the words not joined: no range.
        assert_eq!(bounds("The maximum and minimum values are those of A and B respectively.", false), []);
        assert_eq!(bounds("最大值为10，最小值分别为1和2。", false), []);
    }
}
