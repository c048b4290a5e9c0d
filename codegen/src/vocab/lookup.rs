//! The lookups every front-end and the extractor ask: each accepts the words of every
//! language (see the crate's `vocab` module).

use super::blocks::Column;
use super::words::{FactWords, Section, Vocabulary};
use super::{en, ja, ko, zh};

/// Every language's words.
pub const LANGUAGES: &[Vocabulary] = &[en::EN, zh::ZH, ja::JA, ko::KO];

impl Column {
    /// The column a header cell names, if any (in any language).
    pub fn from_header(cell: &str) -> Option<Column> {
        column(cell)
    }
}

/// Folds white space and ASCII case, for comparing a page's words with the tables.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

type Pick = fn(&'static Vocabulary) -> &'static [&'static str];

fn words(pick: Pick) -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().flat_map(move |v| pick(v).iter().copied())
}

/// Whether `text` is one of the words (white space and ASCII case folded).
fn is_one_of(text: &str, pick: Pick) -> bool {
    let text = fold(text);
    words(pick).any(|w| fold(w) == text)
}

/// The section a heading names: `2. Input Parameters`, `2. 入力パラメータ`, `Input Parameters`.
pub fn section(heading: &str) -> Option<Section> {
    let name = strip_number(heading).unwrap_or(heading);
    let name = fold(name.trim_end_matches([':', '：']));
    LANGUAGES.iter().flat_map(|v| v.sections).find(|(w, _)| fold(w) == name).map(|(_, s)| *s)
}

/// `2. Input Parameters` → `Input Parameters`; None without a leading number.
pub fn strip_number(heading: &str) -> Option<&str> {
    let heading = heading.trim();
    let digits = heading.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = heading[digits..].strip_prefix(['.', '、', '．'])?;
    Some(rest.trim_start())
}

/// A numbered heading (`3. Whatever it is called`): its number and the title after it.
/// None without a leading number followed by `.`, `、` or `．`.
pub fn heading_number(heading: &str) -> Option<(u32, &str)> {
    let heading = heading.trim();
    let digits = heading.bytes().take_while(u8::is_ascii_digit).count();
    let number = heading.get(..digits)?.parse().ok()?;
    Some((number, strip_number(heading)?))
}

/// A numbered section heading (`1. API Description`): its number and section.
pub fn numbered_section(line: &str) -> Option<(u32, Section)> {
    let line = line.trim();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let number = line[..digits].parse().ok()?;
    strip_number(line)?;
    Some((number, section(line)?))
}

/// The column a header cell names.
pub fn column(header: &str) -> Option<Column> {
    let cell = fold(header);
    LANGUAGES.iter().flat_map(|v| v.columns).find(|(w, _)| fold(w) == cell).map(|(_, c)| *c)
}

/// Header cell texts, longest first (for splitting a header line written with spaces).
pub fn column_words() -> Vec<&'static str> {
    let mut all: Vec<&str> = LANGUAGES.iter().flat_map(|v| v.columns.iter().map(|(w, _)| *w)).collect();
    all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    all.dedup();
    all
}

/// How a Required cell was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// A Yes/No word of some language.
    Word(bool),
    /// Not a Yes/No word, but one edit away from exactly one: a misspelling.
    Misspelt { required: bool, meant: &'static str },
}

impl Required {
    pub fn value(self) -> bool {
        match self {
            Required::Word(b) | Required::Misspelt { required: b, .. } => b,
        }
    }
}

/// Reads a Required cell: a Yes/No word of any language, or a word one letter away from
/// exactly one of them (`에` for `예`, `N` for `No`).
pub fn required_word(cell: &str) -> Option<Required> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    if is_one_of(cell, |v| v.yes) {
        return Some(Required::Word(true));
    }
    if is_one_of(cell, |v| v.no) {
        return Some(Required::Word(false));
    }
    if cell.chars().count() > 6 || cell.contains(' ') {
        return None;
    }
    let folded = fold(cell);
    let script = folded.chars().next().map(script);
    let mut near = words(|v| v.yes)
        .map(|w| (w, true))
        .chain(words(|v| v.no).map(|w| (w, false)))
        .filter(|(w, _)| w.chars().next().map(self::script) == script)
        .filter(|(w, _)| {
            let w = fold(w);
            edit_distance(&w, &folded) == 1 || (folded.chars().count() == 1 && w.starts_with(&folded))
        });
    let (meant, required) = near.next()?;
    if near.any(|(_, r)| r != required) {
        return None;
    }
    Some(Required::Misspelt { required, meant })
}

/// The writing system of a letter: a misspelt word is compared with words of its own.
fn script(c: char) -> u8 {
    match c as u32 {
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => 1, // Hangul
        0x3040..=0x30FF => 2,                                     // Kana
        0x4E00..=0x9FFF => 3,                                     // Han
        _ => 0,
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The words before a documented maximum, every language's, longest first (so that
/// `maximum value` is found before `max`).
pub fn maximum_words() -> Vec<&'static str> {
    longest_first(words(|v| v.maximum))
}

/// The words before a range of values, every language's, longest first.
pub fn range_words() -> Vec<&'static str> {
    longest_first(words(|v| v.value_range))
}

fn longest_first(words: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = words.collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words
}

/// The words before a list of documented values, every language's, longest first.
pub fn valid_values_words() -> Vec<&'static str> {
    longest_first(words(|v| v.valid_values))
}

/// Picks one list of the words of facts (`|f| f.value_list`).
pub type FactPick = fn(&'static FactWords) -> &'static [&'static str];

/// One list of the words of facts, every language's, longest first.
pub fn fact_words(pick: FactPick) -> Vec<&'static str> {
    longest_first(LANGUAGES.iter().flat_map(move |v| pick(&v.facts).iter().copied()))
}

/// Unit names and their normalised units, every language's, longest name first.
pub fn unit_names() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<(&'static str, &'static str)> =
        LANGUAGES.iter().flat_map(|v| v.facts.units.iter().copied()).collect();
    all.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    all
}

/// Number words (`two`, `两`) and their numbers, every language's, longest first.
pub fn number_words() -> Vec<(&'static str, u64)> {
    let mut all: Vec<(&'static str, u64)> = LANGUAGES.iter().flat_map(|v| v.facts.numbers.iter().copied()).collect();
    all.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    all
}

/// What a state value means, from the words it (or else its explanation) contains:
/// failed words first (`UNSUCCESSFUL` is not done), then under way (`readyComplete` is not
/// done yet), then done.
pub fn state_meaning(value: &str, explanation: &str) -> Option<StateMeaning> {
    let find = |text: &str| {
        let text = fold(text);
        let has = |pick: Pick| words(pick).any(|w| text.contains(w));
        if has(|v| v.state_failed) {
            Some(StateMeaning::Failed)
        } else if has(|v| v.state_pending) {
            Some(StateMeaning::Pending)
        } else if has(|v| v.state_done) {
            Some(StateMeaning::Done)
        } else {
            None
        }
    };
    find(value).or_else(|| find(explanation))
}

/// What a documented state value means for a waiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateMeaning {
    Done,
    Failed,
    Pending,
}

/// The description says numbering starts at 0 (a page number's).
pub fn says_counts_from_zero(description: &str) -> bool {
    let text = fold(description);
    words(|v| v.from_zero).any(|w| text.contains(&fold(w)))
}

/// The text speaks of a streamed reply (`Whether it is streaming output`, `SSE`, `流式`):
/// a hint, never enough alone. Words of ASCII letters match whole words only (`sse` is not
/// in `assessment`).
pub fn says_streaming(text: &str) -> bool {
    let text = fold(text);
    words(|v| v.streaming).any(|w| contains_word(&text, w))
}

/// Whether `word` occurs in `text`; a word of ASCII letters only where no ASCII letter or
/// digit stands right before or after it.
fn contains_word(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.match_indices(word).any(|(at, _)| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + word.len()..).and_then(|t| t.chars().next());
        !alnum(before) && !alnum(after)
    })
}

/// The description says the value may be `null`.
pub fn says_nullable(description: &str) -> bool {
    let text = fold(description);
    words(|v| v.nullable).any(|w| text.contains(&fold(w)))
}

/// `Example 1 Title`, `Example1`, `示例1 标题`, `例 1`, `サンプル1 …`: an example's title.
pub fn is_example_title(line: &str) -> bool {
    let line = line.trim();
    words(|v| v.example_title).any(|p| {
        line.strip_prefix(p).is_some_and(|rest| {
            let rest = rest.trim_start();
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0
                && rest[digits..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || matches!(c, ':' | '：' | '.' | '、'))
        })
    })
}

/// `Input Example` → Some(true), `Output Example` → Some(false).
pub fn example_part(line: &str) -> Option<bool> {
    let line = line.trim().trim_end_matches([':', '：']);
    if is_one_of(line, |v| v.example_input) {
        Some(true)
    } else if is_one_of(line, |v| v.example_output) {
        Some(false)
    } else {
        None
    }
}

/// The title of a Data Types page.
pub fn is_data_types_title(text: &str) -> bool {
    is_one_of(text, |v| v.data_types_title)
}

/// The title of an Error Codes page.
pub fn is_error_codes_title(text: &str) -> bool {
    is_one_of(text, |v| v.error_codes_title)
}

/// A heading of the Error Codes page: Some(true) for the common codes, Some(false) for the
/// service codes.
pub fn error_code_group(heading: &str) -> Option<bool> {
    let heading = strip_number(heading).unwrap_or(heading);
    if is_one_of(heading, |v| v.common_codes) {
        Some(true)
    } else if is_one_of(heading, |v| v.service_codes) {
        Some(false)
    } else {
        None
    }
}

/// Another heading of the Error Codes page (`Feature Description`, `Error Code List`).
pub fn is_error_page_section(heading: &str) -> bool {
    is_one_of(strip_number(heading).unwrap_or(heading), |v| v.error_page_sections)
}

/// `Used by actions: A, B.` → the list text after the prefix.
pub fn used_by(text: &str) -> Option<&str> {
    let text = text.trim();
    words(|v| v.used_by).find_map(|p| text.strip_prefix(p)).or_else(|| {
        // `API: A, B에 참조됩니다` (Korean puts the verb last).
        text.strip_prefix("API:").and_then(|rest| rest.trim().strip_suffix("에 참조됩니다")).map(str::trim)
    })
}

/// The "Last updated" labels of every language (`Last updated`, `最近更新时间`).
pub fn last_updated_labels() -> impl Iterator<Item = &'static str> {
    words(|v| v.last_updated)
}

/// The line starts with a "Last updated" prefix.
pub fn is_last_updated(line: &str) -> bool {
    let line = line.trim();
    words(|v| v.last_updated).any(|p| line.starts_with(p))
}

/// The rate limit a line states: a number followed by a per-second unit
/// (`默认接口请求频率限制：20次/秒。`, `A maximum of 10 requests can be initiated per second`).
pub fn rate_limit(text: &str) -> Option<u32> {
    for unit in words(|v| v.per_second) {
        let Some(at) = text.find(unit) else { continue };
        // The last number before the unit.
        let before = &text[..at];
        let end = before.rfind(|c: char| c.is_ascii_digit())?;
        let start =
            before[..=end].char_indices().rev().find(|(_, c)| !c.is_ascii_digit()).map_or(0, |(i, c)| i + c.len_utf8());
        let between = before[end..].trim_start_matches(|c: char| c.is_ascii_digit());
        // Only words may stand between the number and the unit ("10 requests can be initiated").
        if between.chars().any(|c| c.is_ascii_digit()) || between.chars().count() > 40 {
            continue;
        }
        if let Ok(n) = before[start..=end].parse() {
            return Some(n);
        }
    }
    None
}

/// A toolbar line of the site chrome (`PDF`, `Focus Mode`).
pub fn is_toolbar(line: &str) -> bool {
    is_one_of(line, |v| v.toolbar)
}

/// The first line of the footer chrome below the article.
pub fn is_footer(line: &str) -> bool {
    let line = line.trim();
    words(|v| v.footer).any(|p| line.starts_with(p))
}

/// A paragraph of the API Explorer box in section 1.
pub fn is_explorer(text: &str) -> bool {
    let text = text.trim();
    words(|v| v.explorer).any(|p| text == p || (p.chars().count() > 8 && text.starts_with(p)))
}

/// Basic types as the Type column prints them (ASCII case ignored): `String`, `Integer` …
pub const BASIC_TYPES: &[&str] = &[
    "String",
    "Integer",
    "Int",
    "Int32",
    "Int64",
    "UInt64",
    "Uint64",
    "Long",
    "Float",
    "Double",
    "Boolean",
    "Bool",
    "Timestamp",
    "Datetime",
    "Date",
    "Object",
    "Binary",
];

/// `AddressId`, `Filters.N`, `tag_key`.
pub fn is_param_name(w: &str) -> bool {
    let base = w.strip_suffix(".N").unwrap_or(w);
    let mut chars = base.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether a word names a basic type.
pub fn is_basic_type(word: &str) -> bool {
    BASIC_TYPES.iter().any(|t| t.eq_ignore_ascii_case(word))
}

/// `… 示例值:eip-ek0cdz1g` → (description, Some("eip-ek0cdz1g")).
pub fn split_example_value(description: &str) -> (String, Option<String>) {
    for marker in words(|v| v.example_value).filter(|m| m.chars().count() > 2) {
        if let Some(at) = description.rfind(marker) {
            let value = description[at + marker.len()..].trim();
            if !value.contains('\n') {
                return (description[..at].trim_end().to_string(), Some(value.to_string()));
            }
        }
    }
    (description.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_in_every_language() {
        assert_eq!(section("2. Input Parameters"), Some(Section::Input));
        assert_eq!(section("2. 输入参数"), Some(Section::Input));
        assert_eq!(section("2. 入力パラメータ"), Some(Section::Input));
        assert_eq!(section("2. 입력 매개변수"), Some(Section::Input));
        assert_eq!(section("2. Request Parameters"), Some(Section::Input));
        assert_eq!(section("6. Other Resources"), Some(Section::Resources));
        assert_eq!(section("4. Error Codes"), Some(Section::Errors));
        assert_eq!(numbered_section("3. パラメータ出力"), Some((3, Section::Output)));
        assert_eq!(numbered_section("Input Parameters"), None);
        assert_eq!(numbered_section("2. Something else"), None);
    }

    #[test]
    fn columns_and_required_words() {
        assert_eq!(column("Parameter name"), Some(Column::Name));
        assert_eq!(column("필수 여부"), Some(Column::Required));
        assert_eq!(column(" 説明 "), Some(Column::Description));
        assert_eq!(required_word("是"), Some(Required::Word(true)));
        assert_eq!(required_word("いいえ"), Some(Required::Word(false)));
        assert_eq!(required_word("아니오"), Some(Required::Word(false)));
        assert_eq!(required_word("에"), Some(Required::Misspelt { required: true, meant: "예" }));
        assert_eq!(required_word("N"), Some(Required::Misspelt { required: false, meant: "No" }));
        assert_eq!(required_word("String"), None);
        assert_eq!(required_word("Reinstallation parameters"), None);
    }

    #[test]
    fn prose_markers() {
        assert!(says_nullable("Note: This field may return null, indicating …"));
        assert!(says_nullable("注意：此字段可能返回 null，表示取不到有效值。"));
        assert!(!says_nullable("The ID."));
        assert_eq!(rate_limit("A maximum of 10 requests can be initiated per second for this API."), Some(10));
        assert_eq!(rate_limit("默认接口请求频率限制：20次/秒。"), Some(20));
        assert_eq!(rate_limit("기본 API 요청 빈도 제한: 20회/초."), Some(20));
        assert_eq!(
            rate_limit("初期設定の状態では、インターフェースのリクエスト頻度は20回/秒に制限されています。"),
            Some(20)
        );
        assert_eq!(rate_limit("Default API request rate limit: 20 requests/sec."), Some(20));
        assert_eq!(rate_limit("Nothing here"), None);
        assert!(is_example_title("Example1 Binding an EIP"));
        assert!(is_example_title("示例1 绑定EIP到实例上"));
        assert!(is_example_title("예시 1 요청 예시"));
        assert!(!is_example_title("Examples of use"));
        assert_eq!(example_part("Input Sample Code"), Some(true));
        assert_eq!(example_part("출력 예시"), Some(false));
        assert_eq!(used_by("被如下接口引用：CreateCluster。"), Some("CreateCluster。"));
        assert_eq!(used_by("API: DescribeX에 참조됩니다"), Some("DescribeX"));
        assert_eq!(error_code_group("Business Error Codes"), Some(false));
    }
}
