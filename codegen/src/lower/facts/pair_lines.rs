//! Lines of pairs with no "values" word before them: `Statistical areas:` then lines
//! `mainland: Chinese mainland`, `global: global`; two lines of pairs of values
//! (`0：模糊匹配。` / `1：精确查询。`, `0，表示…`); three lines `Word: meaning`.

use super::bullets::bullets;
use super::kind::Kind;
use super::list::{is_open, looks_like_wire_value, token_at, ValueList};
use super::text::{self, words};

/// The list of the first block of pair lines in `text` (normalised), if any.
pub(super) fn read(text: &str, kind: Kind) -> Option<ValueList> {
    // `Statistical areas:` then lines `mainland: Chinese mainland`, `global: global`, each
    // a value and a colon (`• Linuxインスタンスの…` after `以下のとおりです：` is no value).
    // (From the text's start too, with no line before: `BASIC: …` / `ENHANCED: …`.)
    let starts = std::iter::once((0, "")).chain(text.split_inclusive('\n').scan(0, |at, line| {
        *at += line.len();
        Some((*at, line))
    }));
    for (at, line) in starts {
        let rest = text.get(at..).unwrap_or_default();
        let mut lines = rest.lines().filter(|l| !l.trim().is_empty());
        let (first, second, third) =
            (lines.next().unwrap_or_default(), lines.next().unwrap_or_default(), lines.next().unwrap_or_default());
        // (Or two lines of pairs of values, `0：模糊匹配。` / `1：精确查询。`, `0，表示…`.)
        let valued = |l: &str| {
            let token = token_at(l.trim_start());
            token.parse::<f64>().is_ok() || looks_like_wire_value(token)
        };
        // (Or three lines `Word: meaning` of distinct words: `Empty: …` / `Dead: …` / `Stable: …`;
        // never from inside a block of such lines.)
        let words3 = [first, second, third].map(colon_word);
        let three = words3.iter().all(Option::is_some) && words3[0] != words3[1] && words3[1] != words3[2];
        // (Never lines after an example: `For example: Type: ServiceMonitor` / YAML lines.)
        let before = text.get(..at).unwrap_or_default().lines().rev().find(|l| !l.trim().is_empty());
        let after_example = before.is_some_and(|l| !text::find_all(&text::lower(l), &words().example).is_empty());
        let by_lines = !pair_line(line)
            && !after_example
            && ((pair_line(first) && pair_line(second) && valued(first) && valued(second)) || three);
        if (line.trim_end().ends_with([':', '：']) && pair_line(first)) || by_lines {
            if let Some((values, len)) = bullets(rest, kind, true).filter(|(v, _)| v.len() >= 2) {
                let span = rest.get(..len).unwrap_or_default();
                return Some(ValueList { values, complete: !is_open(line), sentence: span.trim().to_string() });
            }
        }
    }
    None
}

/// `Empty: The group has no members`: the word before the line's colon (not a label).
fn colon_word(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let token = token_at(line);
    let after = line.get(token.len()..).unwrap_or_default();
    // (A heading `Chinese:` has no meaning; `Examples:` is no value.)
    let meaning = after.strip_prefix([':', '：']).is_some_and(|m| !m.trim().is_empty());
    let example = words().example.iter().any(|w| w.trim_end_matches([':', '：']) == text::lower(token));
    (meaning && !token.is_empty() && !text::is_label_word(token) && !example).then_some(token)
}

/// `flux：流量`, `01-User eyes closed`, `0，表示…`: a line that starts with a value and its
/// meaning (after a bullet, if any).
fn pair_line(line: &str) -> bool {
    let first = line.trim_start().trim_start_matches(['•', '-', '*', '·']).trim_start();
    let token = token_at(first);
    let after = first.get(token.len()..).unwrap_or_default();
    !token.is_empty()
        && (after.starts_with([':', '：'])
            || text::numbered_dash(first).is_some()
            || (token.parse::<f64>().is_ok() && after.starts_with('，')))
}
