//! Blocks of list lines: `• VALUE: meaning`, `- VALUE - meaning`, `VALUE：meaning` lines after
//! a "values" word, `1 = meaning` lines in groups under a heading line, more pairs on one
//! line (`true: enable; false: disable`); dashes glued to numbers told from bullets.

use super::kind::Kind;
use super::list::{dedup, fits, looks_like_wire_value, token_at, QUOTES};
use super::text::{self, is_cjk, words};

/// A block of bullet lines, each `VALUE: meaning`, `VALUE - meaning`, `VALUE（meaning）`,
/// `VALUEは…`, `VALUE, …`: every line of the block must read so (and two or more, unless
/// a "values" word comes before).
pub(super) fn bullets(text: &str, kind: Kind, introduced: bool) -> Option<(Vec<(String, String)>, usize)> {
    let mut values = Vec::new();
    let mut len = 0;
    let mut seen_bullet = false;
    let mut last_alone = false;
    let mut colons = 0;
    let minus = minus_signs(text);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        // Empty lines and stray `.` lines between items.
        if trimmed.is_empty() || trimmed == "." {
            len += line.len();
            continue;
        }
        // Lines without a bullet count after a "values" word (`flux：流量`), up to the
        // first that is no `VALUE：meaning` line.
        let bullet = strip_bullet(trimmed, minus);
        seen_bullet |= bullet.is_some();
        let (item, bulleted) = match bullet {
            Some(item) => (item, true),
            None if introduced && !seen_bullet => (trimmed, false),
            // `• TENANT` then `Tenant`: the meaning of a value alone on its bullet line.
            None if last_alone && !values.is_empty() => {
                if let Some((_, meaning)) = values.last_mut() {
                    *meaning = trimmed.to_string();
                }
                last_alone = false;
                len += line.len();
                continue;
            }
            None => break,
        };
        let item = item.trim_start().trim_start_matches(QUOTES);
        // `01-User eyes closed`, `08 - Suspected change`: a number and its meaning after a dash.
        let item_owned;
        let item = match text::numbered_dash(item) {
            Some((number, meaning)) if !bulleted || !minus => {
                item_owned = format!("{number}: {meaning}");
                item_owned.as_str()
            }
            _ => item,
        };
        let token = token_at(item);
        // `Note: …` after the items ends the list; a bulleted note between items is skipped.
        if words().note.iter().any(|w| text::lower(token) == *w || (!w.is_ascii() && item.starts_with(w))) {
            if bulleted {
                len += line.len();
                continue;
            }
            break;
        }
        let after = item.get(token.len()..).unwrap_or_default().trim_start_matches(QUOTES);
        let spaced = after.trim_start();
        // Without a bullet: `flux：流量`, or a value alone on its line (`HIGH_QUALITY_BGP`).
        // (`<li>pass. </li>`: a value alone, its sentence ended.)
        let spaced = if spaced.trim_end_matches(['.', '。']).is_empty() { "" } else { spaced };
        let alone = spaced.is_empty() && !token.is_empty();
        last_alone = alone && bulleted && looks_like_wire_value(token);
        // (`2，服务器SSL证书`: a number and a comma.)
        let comma = token.parse::<f64>().is_ok() && spaced.starts_with('，');
        if !bulleted && !spaced.starts_with([':', '：', '=']) && !alone && !comma {
            // `Project-level monitoring:` between items heads a group of them.
            let heading = !values.is_empty() && trimmed.ends_with([':', '：']) && !trimmed.contains('.');
            if heading {
                len += line.len();
                continue;
            }
            break;
        }
        if token.is_empty() || !fits(token, kind) {
            return None;
        }
        colons += usize::from(spaced.starts_with([':', '：']));
        let meaning = if let Some(m) = spaced.strip_prefix([':', '：', '-', '=', '(', '（', ',', '，', '、']) {
            m
        } else if after.starts_with(is_cjk) || spaced.is_empty() {
            after
        } else {
            return None;
        };
        // `true: enable; false: disable` on one line: more items after a `;` (or after a
        // sentence's end, a value that looks like one: `… hostname. FALSE: disable …`).
        let mut meaning = meaning;
        let mut more = Vec::new();
        // (Only a value of the same shape as the line's: `SyntaxRule: …, value supports 0:
        // Lucene; 1: CQL` lists the values of a key, not more keys.)
        let numeric = token.parse::<f64>().is_ok();
        while let Some((at, next)) =
            next_pair(meaning, kind).filter(|(_, n)| token_at(n.trim_start()).parse::<f64>().is_ok() == numeric)
        {
            more.push(meaning.get(..at).unwrap_or_default());
            meaning = next;
        }
        more.push(meaning);
        let mut token = token;
        for (k, part) in more.iter().enumerate() {
            if k > 0 {
                token = token_at(part.trim_start());
            }
            let part = if k > 0 { part.trim_start().get(token.len()..).unwrap_or_default() } else { part };
            let part = part.trim_start().trim_start_matches([':', '：', '=']);
            let part = part.trim().trim_end_matches([')', '）', '.', '。', ';', '；']).trim();
            values.push((token.to_string(), part.to_string()));
        }
        len += line.len();
    }
    // A value listed again (the lists of two cases, `When Proto=UDP, valid values:`) once.
    dedup(&mut values);
    let wire = values.iter().filter(|(v, _)| looks_like_wire_value(v)).count();
    // (Or three items or more, every one `Word: meaning`: `-Success: completed`.)
    let all_colons = values.len() >= 3 && colons == values.len();
    let plausible = introduced || (values.len() >= 2 && (wire * 2 > values.len() || all_colons));
    (plausible && !values.is_empty()).then_some((values, len))
}

/// In a meaning, where the next `VALUE: meaning` item of the same line starts: after a `;`,
/// or after a sentence's end when the value looks like a wire value. (The offset of the
/// separator, the text from the value on.)
fn next_pair(meaning: &str, kind: Kind) -> Option<(usize, &str)> {
    for (at, c) in meaning.char_indices() {
        let strong = matches!(c, ';' | '；');
        if !(strong || matches!(c, '.' | '。')) {
            continue;
        }
        let next = meaning.get(at + c.len_utf8()..).unwrap_or_default();
        let item = next.trim_start();
        if c == '.' && !next.starts_with(' ') {
            continue;
        }
        let token = token_at(item);
        let after = item.get(token.len()..).unwrap_or_default();
        let pair = after.starts_with(['：', '=']) || after.starts_with(": ");
        if !token.is_empty()
            && pair
            && !text::is_label_word(token)
            && fits(token, kind)
            && (strong || looks_like_wire_value(token))
        {
            return Some((at, next));
        }
    }
    None
}

/// The item of a bullet line (`• A`, `- A`, `* A`). `-1: failed` is a negative number, no
/// bullet, when `minus` (the block has a number line without a dash: `0: successful`).
fn strip_bullet(line: &str, minus: bool) -> Option<&str> {
    let item = line.strip_prefix(['•', '-', '*', '·'])?;
    (!(minus && line.starts_with('-') && item.starts_with(|c: char| c.is_ascii_digit()))).then_some(item)
}

/// Whether a dash glued to a number is a minus sign in `text` (`0: successful` / `-1:
/// failed`, `-1601: …; -1604: …`): unless a line starts with `-0` (a bullet: `-0: Normal` /
/// `-1: Error` numbers every item) or with a spaced dash before a number.
pub(super) fn minus_signs(text: &str) -> bool {
    // (Nor when other items have a spaced dash bullet: `- 1: disabled` / `-2: enabled`.)
    let bullet = |l: &str| {
        l.starts_with("-0") || l.strip_prefix("- ").is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    };
    !text.lines().map(str::trim).any(bullet)
}
