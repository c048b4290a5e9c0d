//! Value lists with no "valid values" word before them: a list named by a few words that
//! name the parameter (`Possible EIP states are 'CREATING', …`, `Supported file types: PDF,
//! DOC`, `Node role: MASTER, WORKER and ALL`), inline pairs (`0: descending; 1: ascending`,
//! `1-表示需要， 0-表示不需要`, `off - disabled, on - enabled`), and a one-value statement
//! (`can only be POSTPAID_BY_HOUR`, `目前固定为1`, `one-timeのみです`).

use super::kind::Kind;
use super::list::{fits, inline, is_open, looks_like_wire_value, repeats, token_at, ValueList, QUOTES};
use super::text::{self, is_cjk, skip, words};

/// `Possible EIP states are 'CREATING', 'BINDING' and 'BIND_ENI'.`, `Available bandwidth
/// specifications: 5, 10, 20`: a "possible" word, a few words naming the values, then a
/// list of two or more quoted or wire-like values (numbers for a number).
pub(super) fn subject_list(text: &str, lower: &str, kind: Kind, name: &str) -> Option<ValueList> {
    for (start, end) in text::find_all(lower, &words().values_subject) {
        let after = text.get(end..).unwrap_or_default();
        let clause_end = after.find([':', '：', '.', '。', ',', '，', '\n']).unwrap_or(after.len());
        let clause = lower.get(end..end + clause_end).unwrap_or_default();
        let colon = after.get(clause_end..).is_some_and(|r| r.starts_with([':', '：']));
        let verb = words().values_verb.iter().find_map(|v| {
            let at = clause.find(&format!(" {v} "))?;
            Some((at, at + v.len() + 2))
        });
        // One to three words naming the values between the two.
        let list_at = match verb {
            Some((at, after_verb))
                if (1..=3).contains(&clause.get(..at).unwrap_or_default().split_whitespace().count()) =>
            {
                after_verb
            }
            None if colon && (1..=3).contains(&clause.split_whitespace().count()) => clause_end + 1,
            _ => continue,
        };
        let named = clause.get(..verb.map_or(clause.len(), |(at, _)| at)).unwrap_or_default();
        if !names_the_parameter(named, name) {
            continue;
        }
        let rest = after.get(list_at..).unwrap_or_default().trim_start_matches([':', '：']).trim_start();
        let quoted = rest.starts_with(QUOTES);
        let Some((values, len)) = inline(rest, kind) else { continue };
        let wire = values
            .iter()
            .all(|(v, _)| matches!(kind, Kind::Integer | Kind::Float | Kind::Boolean) || looks_like_wire_value(v));
        if values.len() >= 2 && (quoted || wire) {
            let span = text
                .get(
                    start
                        ..(end + list_at + (after.get(list_at..).unwrap_or_default().len() - rest.len()) + len)
                            .min(text.len()),
                )
                .unwrap_or_default();
            let open = is_open(span)
                || is_open(text.get(end + list_at..).unwrap_or_default().get(..len + 12).unwrap_or_default());
            return Some(ValueList { values, complete: !open, sentence: span.trim().to_string() });
        }
    }
    None
}

/// Whether `words` (`eip states`, `file types`) name the parameter `name` (`AddressStatus`,
/// `FileType`): a word of each sharing its first four letters. Any words do for no name.
pub(super) fn names_the_parameter(words: &str, name: &str) -> bool {
    if name.is_empty() {
        return true;
    }
    let mut parts: Vec<String> = Vec::new();
    for c in name.chars() {
        match parts.last_mut() {
            Some(last) if !c.is_ascii_uppercase() => last.push(c.to_ascii_lowercase()),
            _ => parts.push(c.to_ascii_lowercase().to_string()),
        }
    }
    let stem = |w: &str| w.chars().take(4).collect::<String>();
    words.split_whitespace().any(|w| parts.iter().any(|p| p.len() >= 3 && w.len() >= 3 && stem(p) == stem(w)))
}

/// `Node role: MASTER, WORKER, ETCD and ALL.`: a first sentence of a short label, a colon
/// and three or more upper-case wire values.
pub(super) fn label_list(text: &str, kind: Kind, name: &str) -> Option<ValueList> {
    let colon = text.find([':', '：'])?;
    let label = text.get(..colon)?;
    let words = label.split_whitespace().count();
    if !(1..=3).contains(&words)
        || label.contains(['.', '。', '\n', ',', '，'])
        || !names_the_parameter(&text::lower(label), name)
    {
        return None;
    }
    let rest = text.get(colon..)?;
    let rest = rest.get(rest.chars().next()?.len_utf8()..)?.trim_start();
    let (values, len) = inline(rest, kind)?;
    let upper = |v: &str| v.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') && v.len() >= 2;
    (values.len() >= 3 && values.iter().all(|(v, _)| upper(v))).then(|| ValueList {
        complete: !is_open(rest.get(..len).unwrap_or_default()),
        values,
        sentence: text.get(..(text.len() - rest.len() + len).min(text.len())).unwrap_or_default().trim().to_string(),
    })
}

/// Inline pairs with no word before them: `0: descending; 1: ascending`,
/// `1-表示需要， 0-表示不需要`, `0表示全部CMK， 1 表示…`, `传0不生成…，传1生成…`.
pub(super) fn pairs(text: &str, kind: Kind) -> Option<ValueList> {
    for sentence in text.split('。') {
        // Items split at `;` first (`0：不开启…，即采用…【默认】；1：开启…`: a comma inside a
        // meaning), then at every separator (`0: a, 1: b; 2: c, 3: d`): the longer list.
        let strong = pairs_in(sentence, &[';', '；', '\n'], kind);
        let all = pairs_in(sentence, &[';', '；', ',', '，', '、', '\n'], kind);
        let list = match (strong, all) {
            (Some(s), Some(a)) => Some(if s.values.len() >= a.values.len() { s } else { a }),
            (s, a) => s.or(a),
        };
        if list.is_some() {
            return list;
        }
    }
    None
}

/// The pairs of one sentence, its items split at `separators`.
fn pairs_in(sentence: &str, separators: &[char], kind: Kind) -> Option<ValueList> {
    {
        let mut values: Vec<(String, String)> = Vec::new();
        let mut span_start = None;
        // The item just before the list, and how the list's first pair is marked.
        let mut before_list: Option<(usize, &str)> = None;
        let mut first_mark = String::new();
        let items = sentence
            .split(separators)
            .flat_map(|i| i.split(" 和 "))
            .flat_map(|i| i.split(". "))
            .flat_map(split_spaced_pairs);
        for item in items {
            let offset = item.as_ptr() as usize - sentence.as_ptr() as usize;
            let trimmed = item.trim_start();
            if trimmed.is_empty() {
                continue;
            }
            // `传0不生成…`, `默认 0 表示…`: a word before the value.
            let lower = text::lower(trimmed);
            let lead =
                words().default_before.iter().find(|w| lower.starts_with(**w) && !w.is_ascii()).map_or(0, |w| w.len());
            let trimmed = trimmed.get(lead..).unwrap_or(trimmed).trim_start();
            let (passed, trimmed) = match trimmed.strip_prefix('传') {
                Some(rest) => (true, rest),
                None => (false, trimmed),
            };
            // `Display mode: 0 for crop`: the first pair after a label of several words.
            // (Not `0 (default value): the CMK…`: a value heads that one.)
            let head = token_at(trimmed);
            let head_is_value = head.parse::<f64>().is_ok() || looks_like_wire_value(head);
            let labelled = trimmed.find([':', '：']).filter(|at| {
                values.is_empty() && !head_is_value && trimmed.get(..*at).is_some_and(|l| l.trim().contains(' '))
            });
            let trimmed = match labelled {
                Some(at) => trimmed.get(at..).map_or(trimmed, |r| r.trim_start_matches([':', '：']).trim_start()),
                None => trimmed,
            };
            // `-Topic: Topic dimension`: a dash bullet glued to a word is no part of it.
            let trimmed =
                trimmed.strip_prefix('-').filter(|r| r.starts_with(|c: char| c.is_alphabetic())).unwrap_or(trimmed);
            let token = token_at(trimmed);
            let after = trimmed.get(token.len()..).unwrap_or_default();
            let spaced = after.trim_start();
            let lower_spaced = text::lower(spaced);
            let mark = words().pair_mark.iter().find(|w| lower_spaced.starts_with(**w)).map_or(0, |w| w.len());
            let marked = spaced.starts_with([':', '：', '-', '(', '（', '=']) || mark > 0;
            // `0，表示基础认证配置`: a number and a comma, items split at `；`.
            let marked = marked || (token.parse::<f64>().is_ok() && spaced.starts_with('，'));
            let numeric = token.parse::<i64>().is_ok();
            let word = numeric
                || token.eq_ignore_ascii_case("true")
                || token.eq_ignore_ascii_case("false")
                || looks_like_wire_value(token);
            let glued = numeric && after.starts_with(is_cjk) && (passed || !values.is_empty());
            // `off - disabled, on - enabled`: a short word before a spaced dash.
            let dashed = after.starts_with(" - ") && token.chars().all(|c| c.is_ascii_lowercase()) && token.len() <= 12;
            let word = word || dashed;
            // `Event(异步)`: a value with its meaning in brackets, in a sentence of pairs.
            let explained = spaced.strip_prefix(['(', '（']).is_some_and(|m| m.starts_with(is_cjk))
                && after.starts_with(['(', '（']);
            if !token.is_empty() && (word || explained) && fits(token, kind) && (marked || glued) {
                let meaning = spaced.get(mark..).unwrap_or(spaced);
                let meaning = meaning
                    .trim_start_matches([':', '：', '-', '(', '（', '=', '，'])
                    .trim_end_matches([')', '）'])
                    .trim();
                if values.is_empty() {
                    first_mark = mark_of(spaced, mark);
                }
                span_start.get_or_insert(offset);
                values.push((token.to_string(), meaning.to_string()));
            } else if values.len() >= 2 {
                break;
            } else {
                values.clear();
                span_start = None;
                before_list = Some((offset, item));
            }
        }
        // `可能的返回值：1-主实例；2-灾备实例`, `status (1: initializing, 4: …`, `rename: …;
        // modifyProject: …`: the first pair after a label, or a value no list would take
        // alone, marked as the pairs after it are.
        if values.len() >= 2 && !first_mark.is_empty() {
            if let Some((offset, item)) = before_list {
                if let Some((at, token, meaning)) = lead_pair(item, &first_mark, &values, kind) {
                    values.insert(0, (token, meaning));
                    span_start = Some(offset + at);
                }
            }
        }
        // A value twice (`December 1, 2018 (inclusive) and December 2, 2018 (not
        // inclusive)`) is no list of values.
        if values.len() >= 2 && !repeats(&values) {
            let start = span_start.unwrap_or(0);
            return Some(ValueList {
                values,
                complete: true,
                sentence: sentence.get(start..).unwrap_or_default().trim().to_string(),
            });
        }
    }
    None
}

/// `0:未开始推流 1:正在推流`: an item holding pairs split at the spaces before them.
fn split_spaced_pairs(item: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = item;
    while let Some(colon) = rest.find([':', '：']) {
        // (`Note: BizType 0: log topic`: a note's text, no pair.)
        if text::is_label_word(rest.get(..colon).unwrap_or_default().trim()) {
            break;
        }
        let after = colon + rest.get(colon..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
        let Some(at) = rest.get(after..).and_then(super::list::spaced_pair_at) else { break };
        let (head, tail) = rest.split_at(after + at);
        parts.push(head);
        rest = tail.get(1..).unwrap_or_default();
    }
    parts.push(rest);
    parts
}

/// How a pair is marked after its value: the pair word (`表示`) or the character (`:`, `-`,
/// `(`), `:` for both colons.
fn mark_of(spaced: &str, mark: usize) -> String {
    let word = if mark > 0 { spaced.get(..mark) } else { spaced.chars().next().map(|c| &spaced[..c.len_utf8()]) };
    match word.unwrap_or_default() {
        "：" => ":".to_string(),
        "（" => "(".to_string(),
        w => text::lower(w),
    }
}

/// In `item`, the pair marked by `mark` that starts it or follows its label (after `:`,
/// `(`, or CJK text before a value: `其可选值有2008R2（…`): (its offset, value, meaning).
fn lead_pair(item: &str, mark: &str, values: &[(String, String)], kind: Kind) -> Option<(usize, String, String)> {
    let mut prev: Option<char> = None;
    let mut before_prev: Option<char> = None;
    for (at, c) in item.char_indices() {
        // (Or after CJK text and a space or a line break: `発注ステータス 1：未払い`.)
        let spaced_cjk = prev.is_some_and(char::is_whitespace) && before_prev.is_some_and(is_cjk);
        let starts = match prev {
            None => true,
            Some(p) => matches!(p, ':' | '：' | '(' | '（') || ((is_cjk(p) || spaced_cjk) && c.is_ascii_alphanumeric()),
        };
        before_prev = prev;
        prev = Some(c);
        if !starts {
            continue;
        }
        let rest = item.get(at..).unwrap_or_default();
        let trimmed = rest.trim_start();
        let token = token_at(trimmed);
        if token.is_empty()
            || !fits(token, kind)
            || text::is_label_word(token)
            || values.iter().any(|(v, _)| v == token)
        {
            continue;
        }
        let spaced = trimmed.get(token.len()..).unwrap_or_default().trim_start();
        let lower = text::lower(spaced);
        let marked = match mark {
            ":" => spaced.starts_with([':', '：']),
            "(" => spaced.starts_with(['(', '（']),
            m => lower.starts_with(m),
        };
        // A value with no mark of a wire value opens the item, cased as the values after it.
        let cased = at > 0
            || looks_like_wire_value(token)
            || values.first().is_some_and(|(v, _)| {
                v.starts_with(|c: char| c.is_ascii_uppercase()) == token.starts_with(|c: char| c.is_ascii_uppercase())
            });
        if marked && cased {
            let meaning = match mark {
                ":" => spaced.trim_start_matches([':', '：']),
                "(" => spaced.trim_start_matches(['(', '（']),
                m => spaced.get(m.len()..).unwrap_or_default(),
            };
            let meaning =
                meaning.trim_start_matches([':', '：', '-', '(', '（', '=']).trim_end_matches([')', '）']).trim();
            return Some((at + (rest.len() - trimmed.len()), token.to_string(), meaning.to_string()));
        }
    }
    None
}

/// `Recipient type: 1. specified personnel, 2. task owner, 3. duty schedule`: numbered
/// meanings of an Integer, joined by commas or semicolons, the numbers rising.
pub(super) fn numbered(text: &str, kind: Kind) -> Option<ValueList> {
    if kind != Kind::Integer {
        return None;
    }
    // (offset of the number, the number, offset of its meaning)
    let mut marks: Vec<(usize, i64, usize)> = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let starts = c.is_ascii_digit() && prev.is_none_or(|p| matches!(p, ' ' | ':' | '：' | '(' | '（'));
        prev = Some(c);
        if !starts {
            continue;
        }
        let rest = text.get(at..).unwrap_or_default();
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let after = rest.get(digits..).unwrap_or_default();
        let Some(meaning) = after.strip_prefix(". ") else { continue };
        if !meaning.starts_with(char::is_alphabetic) {
            continue;
        }
        if let Ok(n) = rest.get(..digits).unwrap_or_default().parse::<i64>() {
            marks.push((at, n, text.len() - meaning.len()));
        }
    }
    let mut values: Vec<(String, String)> = Vec::new();
    let mut start = None;
    for (k, (at, n, meaning_at)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(text.len(), |next| next.0);
        let meaning = text.get(*meaning_at..end).unwrap_or_default().trim_end();
        let joined = meaning.ends_with([',', ';', '，', '；']);
        let rising = values.last().is_none_or(|(v, _)| v.parse::<i64>().is_ok_and(|p| p < *n));
        if !rising {
            break;
        }
        start.get_or_insert(*at);
        let meaning = meaning.trim_end_matches([',', ';', '，', '；', '.', '。']);
        let meaning = meaning.split(['(', '（', '\n']).next().unwrap_or_default().trim();
        values.push((n.to_string(), meaning.to_string()));
        if !joined {
            break;
        }
    }
    (values.len() >= 2).then(|| ValueList {
        values,
        complete: true,
        sentence: text::sentence_at(text, start.unwrap_or(0)).to_string(),
    })
}

/// `Source: WEDATA|THIRD.`, `Lineage direction INPUT｜OUTPUT.`: values joined by bars
/// with no space, with no word before them.
pub(super) fn piped(text: &str, kind: Kind) -> Option<ValueList> {
    for word in
        text.split(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '，' | '。' | '(' | '（' | ')' | '）'))
    {
        let word = word.trim_end_matches(['.', ',', ';', '；']);
        if !word.contains(['|', '｜']) {
            continue;
        }
        let parts: Vec<&str> = word.split(['|', '｜']).collect();
        let values = parts.iter().all(|p| !p.is_empty() && super::list::token_at(p) == *p && fits(p, kind));
        if parts.len() >= 2 && values {
            let values: Vec<(String, String)> = parts.iter().map(|p| (p.to_string(), String::new())).collect();
            if !repeats(&values) {
                return Some(ValueList { values, complete: true, sentence: word.to_string() });
            }
        }
    }
    None
}

/// `the parameter value can only be POSTPAID_BY_HOUR`, `currently only supports the
/// priority field`, `组织类型（目前固定为1）`.
pub(super) fn only_value(text: &str, lower: &str, kind: Kind) -> Option<ValueList> {
    for (start, end) in text::find_all(lower, &words().only_value) {
        let rest = skip(text.get(end..).unwrap_or_default(), &[":", "：", "the "]);
        let quoted = rest.starts_with(QUOTES);
        let rest = rest.trim_start_matches(QUOTES);
        let token = token_at(rest);
        if token.is_empty() || !fits(token, kind) {
            continue;
        }
        let after = rest.get(token.len()..).unwrap_or_default().trim_start_matches(QUOTES);
        // `仅支持"ENCRYPT_DECRYPT"，默认为…`: a quoted value ends at a comma.
        let ends = after.is_empty()
            || after.starts_with(['.', '。', ')', '）'])
            || (quoted && after.starts_with([',', '，']))
            || after.starts_with(" field")
            || after.starts_with(" value")
            // (`只支持10000条内的查询`: a number before a counter word is a quantity.)
            || (after.starts_with(is_cjk)
                && !text::lower(token).chars().all(|c| c.is_ascii_lowercase())
                && token.parse::<f64>().is_err());
        if ends {
            return Some(ValueList {
                values: vec![(token.to_string(), String::new())],
                complete: true,
                sentence: text::sentence_at(text, start).to_string(),
            });
        }
    }
    // `サポートするタイプはone-timeのみです`: the value just before an "only" word.
    for (start, _) in text::find_all(lower, &words().only_value_after) {
        let before = text.get(..start).unwrap_or_default();
        let token_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let token = before.get(token_start..).unwrap_or_default().trim_start_matches(['-', '.']);
        let lead = before.get(..token_start).unwrap_or_default().chars().next_back();
        let introduced =
            lead.is_some_and(|c| matches!(c, 'は' | '：' | ':' | ' ' | '은' | '는') || QUOTES.contains(&c));
        if !token.is_empty() && introduced && fits(token, kind) {
            return Some(ValueList {
                values: vec![(token.to_string(), String::new())],
                complete: true,
                sentence: text::sentence_at(text, start).to_string(),
            });
        }
    }
    None
}
