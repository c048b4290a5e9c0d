//! Text helpers of the facts readers: markup removed, the vocabulary's words found (case
//! folded, at word boundaries for ASCII words), numbers and value tokens read. Every offset
//! is a char boundary of the text it indexes; nothing slices by byte arithmetic on chars.

use std::sync::OnceLock;

use crate::vocab;

/// The vocabulary's words of facts, longest first, every language's (computed once).
pub struct Words {
    pub value_list: Vec<&'static str>,
    pub value_gap: Vec<&'static str>,
    pub limit_gap: Vec<&'static str>,
    pub default_gap: Vec<&'static str>,
    pub open_list: Vec<&'static str>,
    pub only_value: Vec<&'static str>,
    pub values_subject: Vec<&'static str>,
    pub values_verb: Vec<&'static str>,
    pub pair_mark: Vec<&'static str>,
    pub quantity_of: Vec<&'static str>,
    pub quantity_is: Vec<&'static str>,
    pub copula: Vec<&'static str>,
    pub example: Vec<&'static str>,
    pub note: Vec<&'static str>,
    pub json: Vec<&'static str>,
    pub default_before: Vec<&'static str>,
    pub default_after: Vec<&'static str>,
    pub default_bare: Vec<&'static str>,
    pub default_condition: Vec<&'static str>,
    pub condition_then: Vec<&'static str>,
    pub not_condition: Vec<&'static str>,
    pub list_join: Vec<&'static str>,
    pub negation: Vec<&'static str>,
    pub range: Vec<&'static str>,
    pub range_join: Vec<&'static str>,
    pub maximum: Vec<&'static str>,
    pub respectively: Vec<&'static str>,
    pub both_join: Vec<&'static str>,
    pub minimum: Vec<&'static str>,
    pub maximum_after: Vec<&'static str>,
    pub minimum_after: Vec<&'static str>,
    pub starts_before: Vec<&'static str>,
    pub starts_after: Vec<&'static str>,
    pub chars: Vec<&'static str>,
    pub bytes: Vec<&'static str>,
    pub length: Vec<&'static str>,
    pub items_length: Vec<&'static str>,
    pub single_item: Vec<&'static str>,
    pub only: Vec<&'static str>,
    pub only_value_after: Vec<&'static str>,
    pub only_this: Vec<&'static str>,
    pub numbers: Vec<(&'static str, u64)>,
    pub unit_before: Vec<&'static str>,
    pub units: Vec<(&'static str, &'static str)>,
}

/// The words, built on first use.
pub fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| Words {
        value_list: vocab::fact_words(|f| f.value_list),
        // (Punctuation between a word and its value is every language's.)
        value_gap: gap(&[":", "：", "."], |f| f.value_gap),
        limit_gap: gap(&[":", "："], |f| f.limit_gap),
        default_gap: gap(&[":", "："], |f| f.default_gap),
        open_list: vocab::fact_words(|f| f.open_list),
        only_value: vocab::fact_words(|f| f.only_value),
        values_subject: vocab::fact_words(|f| f.values_subject),
        values_verb: vocab::fact_words(|f| f.values_verb),
        pair_mark: vocab::fact_words(|f| f.pair_mark),
        quantity_of: vocab::fact_words(|f| f.quantity_of),
        quantity_is: vocab::fact_words(|f| f.quantity_is),
        copula: vocab::fact_words(|f| f.copula),
        example: vocab::fact_words(|f| f.example),
        note: vocab::fact_words(|f| f.note),
        json: vocab::fact_words(|f| f.json),
        default_before: vocab::fact_words(|f| f.default_before),
        default_after: vocab::fact_words(|f| f.default_after),
        default_bare: vocab::fact_words(|f| f.default_bare),
        default_condition: vocab::fact_words(|f| f.default_condition),
        condition_then: vocab::fact_words(|f| f.condition_then),
        not_condition: vocab::fact_words(|f| f.not_condition),
        list_join: vocab::fact_words(|f| f.list_join),
        negation: vocab::fact_words(|f| f.negation),
        range: vocab::fact_words(|f| f.range),
        range_join: vocab::fact_words(|f| f.range_join),
        maximum: vocab::fact_words(|f| f.maximum),
        respectively: vocab::fact_words(|f| f.respectively),
        both_join: vocab::fact_words(|f| f.both_join),
        minimum: vocab::fact_words(|f| f.minimum),
        maximum_after: vocab::fact_words(|f| f.maximum_after),
        minimum_after: vocab::fact_words(|f| f.minimum_after),
        starts_before: vocab::fact_words(|f| f.starts_before),
        starts_after: vocab::fact_words(|f| f.starts_after),
        chars: vocab::fact_words(|f| f.chars),
        bytes: vocab::fact_words(|f| f.bytes),
        length: vocab::fact_words(|f| f.length),
        items_length: vocab::fact_words(|f| f.items_length),
        single_item: vocab::fact_words(|f| f.single_item),
        only: vocab::fact_words(|f| f.only),
        only_value_after: vocab::fact_words(|f| f.only_value_after),
        only_this: vocab::fact_words(|f| f.only_this),
        numbers: vocab::number_words(),
        unit_before: vocab::fact_words(|f| f.unit_before),
        units: vocab::unit_names(),
    })
}

/// Whether `lower` (lower-cased) ends inside a condition (`if`, `when`, `如果`, `当`; not
/// `当前`; not after its `then`: `若未设置则默认为8位以上`).
pub fn has_condition(lower: &str) -> bool {
    let not = find_all(lower, &words().not_condition);
    let then = find_all(lower, &words().condition_then);
    find_all(lower, &words().default_condition)
        .iter()
        .any(|(s, e)| !not.iter().any(|(ns, ne)| ns <= s && e <= ne) && !then.iter().any(|(ts, _)| ts >= e))
}

/// The vocabulary's words of `pick` after the punctuation `marks`.
fn gap(marks: &[&'static str], pick: vocab::FactPick) -> Vec<&'static str> {
    marks.iter().copied().chain(vocab::fact_words(pick)).collect()
}

/// Whether a word is a label of the vocabulary (`Note`, `Default`, `Values`), not a value.
pub fn is_label_word(token: &str) -> bool {
    let lower_token = lower(token);
    [&words().default_before, &words().value_list, &words().note]
        .iter()
        .any(|list| list.iter().any(|w| w.trim_end_matches([':', '：']) == lower_token))
}

/// The text with every run of white space as one space (what a fact keeps of its sentence).
pub fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` lower-cased where the lower case has the same length in bytes: an offset in the
/// result is the same character's offset in `text`.
pub fn lower(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every place one of `words` occurs in `lower` (the lower-cased text): (start, end), the
/// longest word at a place, ASCII words only at word boundaries; in text order.
pub fn find_all(lower: &str, words: &[&str]) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    // Most words of a list are not in a given description: a word with a pair of bytes the
    // text lacks is skipped without building a searcher for it (that building was a third
    // of the catalog's lowering).
    let pairs = BytePairs::of(lower);
    for w in words {
        if !pairs.may_contain(w) {
            continue;
        }
        let mut from = 0;
        while let Some(at) = lower.get(from..).and_then(|r| r.find(w)) {
            let start = from + at;
            let end = start + w.len();
            let first_ascii = w.starts_with(is_word_char);
            let last_ascii = w.ends_with(is_word_char);
            let before_ok = !first_ascii || !lower.get(..start).unwrap_or_default().ends_with(is_word_char);
            let after_ok = !last_ascii || !lower.get(end..).unwrap_or_default().starts_with(is_word_char);
            if before_ok && after_ok && !found.iter().any(|(s, e)| start < *e && *s < end) {
                found.push((start, end));
            }
            from = end;
        }
    }
    found.sort();
    found
}

/// Which pairs of adjacent bytes a text holds, hashed into 4,096 bits: a word holding a pair
/// the text lacks cannot occur in it (a pair the text holds says nothing for sure).
struct BytePairs([u64; 64]);

impl BytePairs {
    fn slot(a: u8, b: u8) -> usize {
        (usize::from(a) * 67 + usize::from(b)) % 4096
    }

    fn of(text: &str) -> Self {
        let mut bits = [0u64; 64];
        for pair in text.as_bytes().windows(2) {
            let slot = Self::slot(pair[0], pair[1]);
            bits[slot / 64] |= 1 << (slot % 64);
        }
        BytePairs(bits)
    }

    fn may_contain(&self, word: &str) -> bool {
        word.as_bytes().windows(2).all(|pair| {
            let slot = Self::slot(pair[0], pair[1]);
            self.0[slot / 64] & (1 << (slot % 64)) != 0
        })
    }
}

/// The sentence around `at`: from the previous `。`, `；` or `. ` to the next (a line break
/// is no boundary: a wrapped line keeps its sentence).
pub fn sentence_at(text: &str, at: usize) -> &str {
    let at = floor(text, at);
    let before = text.get(..at).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .find(|(i, c)| {
            matches!(c, '。' | '；')
                || (*c == '.' && text.get(i + 1..).is_some_and(|r| r.starts_with(char::is_whitespace)))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = text.get(at..).unwrap_or_default();
    let end = after
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '。' | '；')
                || (*c == '.' && after.get(i + 1..).is_none_or(|r| r.is_empty() || r.starts_with(char::is_whitespace)))
        })
        .map_or(text.len(), |(i, _)| at + i);
    text.get(start..end).unwrap_or_default().trim()
}

/// The clause ending `before`: after its last `,`, `;`, `。`, line break or sentence end
/// (`. `).
pub fn clause_ending(before: &str) -> &str {
    let start = before
        .char_indices()
        .rev()
        .find(|(i, c)| {
            matches!(c, ',' | '，' | '。' | ';' | '；' | '\n')
                || (*c == '.' && before.get(i + 1..).is_some_and(|r| r.starts_with(' ')))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    before.get(start..).unwrap_or_default()
}

/// Where the sentence starting `text` ends: a line break, `。`, or `.` followed by a
/// space or the end (not the dot of `1.10.5`).
pub fn sentence_end(text: &str) -> Option<usize> {
    text.char_indices().find_map(|(i, c)| match c {
        '\n' | '。' => Some(i),
        '.' => {
            let next = text.get(i + 1..).unwrap_or_default();
            (next.is_empty() || next.starts_with(char::is_whitespace)).then_some(i)
        }
        _ => None,
    })
}

/// The largest char boundary at or below `at`.
pub fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A number at the start of `text` (`1,536`, `0.5`, `20`): its value and length; thousands
/// separators only between groups of three digits.
pub fn number_at(text: &str) -> Option<(f64, usize)> {
    let mut end = 0;
    let mut digits = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    digits.push_str(text.get(..i)?);
    end = end.max(i);
    // Thousands groups: `,ddd` not followed by another digit.
    while bytes.get(end) == Some(&b',')
        && bytes.get(end + 1..end + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
    {
        digits.push_str(text.get(end + 1..end + 4)?);
        end += 4;
    }
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let mut j = end + 1;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        // `1.10.5` is a version, not a number.
        if bytes.get(j) == Some(&b'.') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        digits.push_str(text.get(end..j)?);
        end = j;
    }
    if bytes.get(end).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') && !unit_follows(text.get(end..)?) {
        return None;
    }
    Some((digits.parse().ok()?, end))
}

/// A unit name starts `text` (`MB`, `KB`, `ms`): a number may be glued to it.
pub fn unit_follows(text: &str) -> bool {
    let lower = lower(text);
    words().units.iter().chain([("k", "K"), ("m", "M"), ("g", "G")].iter()).any(|(name, _)| {
        lower.starts_with(name) && !lower.get(name.len()..).unwrap_or_default().starts_with(is_word_char)
    })
}

/// A number or a number word at the start of `text`.
pub fn count_at(text: &str) -> Option<(f64, usize)> {
    number_at(text).or_else(|| {
        let lower = lower(text);
        words().numbers.iter().find_map(|(w, n)| {
            let rest = lower.strip_prefix(w)?;
            (!w.is_ascii() || !rest.starts_with(is_word_char)).then_some((*n as f64, w.len()))
        })
    })
}

/// A value token at the start of `text` (`BIND_ENI`, `tag:tag-key`, `1.10.5`, `2xx`):
/// ASCII letters, digits and `_ . - : / *`, without a trailing `.`, `:` or `-`.
pub fn token_at(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ':' | '*')))
        .map_or(text.len(), |(i, _)| i);
    let token = text.get(..end).unwrap_or_default();
    let token = token.trim_end_matches(['.', ':', '-', '/']);
    if token.chars().any(|c| c.is_ascii_alphanumeric()) {
        token
    } else {
        ""
    }
}

/// A value token at the start of `text`, cut at a `:` (`TOTAL_EIP_QUOTA:EIP quota`), but
/// not at one inside the value: `QCS::CVM::Instance`, `16:9`, `1:1`.
pub fn value_token_at(text: &str) -> &str {
    let token = token_at(text);
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    for (k, (at, c)) in chars.iter().enumerate() {
        if *c != ':' {
            continue;
        }
        let before = k.checked_sub(1).and_then(|b| chars.get(b)).map(|(_, c)| *c);
        let after = chars.get(k + 1).map(|(_, c)| *c);
        let doubled = before == Some(':') || after == Some(':');
        let ratio = before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit());
        if !doubled && !ratio {
            return token.get(..*at).unwrap_or_default();
        }
    }
    token
}

/// `01-User eyes closed`, `10 - Distance failed`: (the number, its meaning), the meaning
/// not starting with a digit (`1-300` is a range).
pub fn numbered_dash(item: &str) -> Option<(&str, &str)> {
    let digits = item.chars().take_while(char::is_ascii_digit).count();
    let number = item.get(..digits).filter(|n| !n.is_empty())?;
    let rest = item.get(digits..)?.trim_start().strip_prefix(['-', '–'])?.trim_start();
    rest.starts_with(|c: char| c.is_alphabetic()).then_some((number, rest))
}

/// `text` without leading white space and these prefixes (repeatedly).
pub fn skip<'a>(mut text: &'a str, prefixes: &[&str]) -> &'a str {
    loop {
        let trimmed = text.trim_start();
        let lower = lower(trimmed);
        match prefixes.iter().find(|p| lower.starts_with(**p)) {
            Some(p) => text = trimmed.get(p.len()..).unwrap_or_default(),
            None => return trimmed,
        }
    }
}

/// Whether `c` is a CJK letter (Han, Kana, Hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// The unit named at the start of `text` (`MB`, `秒`, `seconds`), normalised, and its length.
pub fn unit_at(text: &str) -> Option<(&'static str, usize)> {
    let lower = lower(text);
    words().units.iter().find_map(|(name, unit)| {
        let rest = lower.strip_prefix(name)?;
        let bounded = !name.is_ascii() || !rest.starts_with(|c: char| c.is_ascii_alphanumeric());
        bounded.then_some((*unit, name.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_tokens() {
        assert_eq!(number_at("1,536 MB"), Some((1536.0, 5)));
        assert_eq!(number_at("20M"), Some((20.0, 2)));
        assert_eq!(number_at("1.10.5"), None);
        assert_eq!(number_at("12ab"), None);
        assert_eq!(number_at("0.5"), Some((0.5, 3)));
        assert_eq!(count_at("two IP"), Some((2.0, 3)));
        assert_eq!(token_at("BIND_ENI, x"), "BIND_ENI");
        assert_eq!(token_at("tag:tag-key - String"), "tag:tag-key");
        assert_eq!(token_at("1-表示"), "1");
        assert_eq!(token_at("（x"), "");
    }

    #[test]
    fn words_at_boundaries() {
        assert_eq!(find_all("the maximum is 5", &["max", "maximum"]), [(4, 11)]);
        // The byte-pair filter never hides a word that is there (one-byte words, CJK, edges).
        let text = "a 最大值为5; value: x";
        for w in ["a", "x", "最", "最大值为", "value", ": x", "5;", "a 最"] {
            assert!(BytePairs::of(text).may_contain(w), "{w}");
            assert!(!find_all(text, &[w]).is_empty(), "{w}");
        }
        assert!(!BytePairs::of("abc").may_contain("abd"));
        assert!(BytePairs::of("").may_contain("a"));
        assert_eq!(find_all("最大值为5", &["最大值为"]), [(0, 12)]);
        assert_eq!(sentence_at("A. Default is 1.10.5. C", 5), "Default is 1.10.5");
    }

    /// `find_all` as it was before the byte-pair filter: the reference the filter must match.
    fn find_all_unfiltered(lower: &str, words: &[&str]) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        for w in words {
            let mut from = 0;
            while let Some(at) = lower.get(from..).and_then(|r| r.find(w)) {
                let (start, end) = (from + at, from + at + w.len());
                let before_ok = !w.starts_with(is_word_char) || !lower[..start].ends_with(is_word_char);
                let after_ok = !w.ends_with(is_word_char) || !lower[end..].starts_with(is_word_char);
                if before_ok && after_ok && !found.iter().any(|(s, e)| start < *e && *s < end) {
                    found.push((start, end));
                }
                from = end;
            }
        }
        found.sort();
        found
    }

    proptest::proptest! {
        /// The filter only skips words that are not there: on mixed English and CJK text,
        /// with words cut from the text itself and words made up, the same places as without.
        #[test]
        fn the_byte_pair_filter_changes_nothing(
            text in "[a-c 0-9:;.最大值为默认取]{0,40}",
            cuts in proptest::collection::vec((0usize..40, 1usize..6), 0..6),
            made_up in proptest::collection::vec("[a-c最值默]{1,4}", 0..4),
        ) {
            let chars: Vec<char> = text.chars().collect();
            let mut words: Vec<String> = cuts
                .iter()
                .filter(|(at, _)| *at < chars.len())
                .map(|&(at, len)| chars[at..(at + len).min(chars.len())].iter().collect())
                .collect();
            words.extend(made_up);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(find_all(&text, &words), find_all_unfiltered(&text, &words));
        }
    }
}
