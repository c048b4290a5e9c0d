//! Property tests: every prose reader and page front-end, fed arbitrary Unicode around the
//! words it looks for (CJK, combining marks, emoji, right-to-left text, U+3000, full-width
//! punctuation, letters whose lower case is longer or shorter), never panics; where a
//! reader has a property (the maximum read from `…最大值为N…` is N whatever junk surrounds
//! it), it holds. The readers are reached through `codegen::fuzzing::readers`.

mod pages;
mod prose;
mod regressions;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// `cases` cases a test (`PROPTEST_CASES` overrides: a longer run); failures found are kept beside the test's source
/// (`<module>.proptest-regressions`, committed) and tried first on every run.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    }
}

/// Characters a page may hold that the readers' keywords never do, with ASCII.
const RANGES: &[(char, char)] = &[
    ('\u{20}', '\u{7e}'),       // ASCII
    ('\u{300}', '\u{36f}'),     // combining marks
    ('\u{391}', '\u{3c9}'),     // Greek
    ('\u{5d0}', '\u{5ea}'),     // Hebrew (right to left)
    ('\u{627}', '\u{64a}'),     // Arabic (right to left)
    ('\u{200b}', '\u{200f}'),   // zero widths, LRM, RLM
    ('\u{202a}', '\u{202e}'),   // bidi embeddings and overrides
    ('\u{3000}', '\u{3011}'),   // ideographic space, 、。〃…【】
    ('\u{3041}', '\u{3096}'),   // Hiragana
    ('\u{30a1}', '\u{30fa}'),   // Katakana
    ('\u{4e00}', '\u{4e80}'),   // CJK ideographs
    ('\u{6700}', '\u{6800}'),   // CJK ideographs (最 is here)
    ('\u{ac00}', '\u{ac80}'),   // Hangul
    ('\u{ff01}', '\u{ff5e}'),   // full-width ASCII: ！，：；（）～ ０-９ Ａ-Ｚ
    ('\u{1f600}', '\u{1f64f}'), // emoji
    ('\u{fe0f}', '\u{fe0f}'),   // variation selector
    ('\u{130}', '\u{130}'),     // İ: lower case is two characters, one byte longer
    ('\u{1e9e}', '\u{1e9e}'),   // ẞ: lower case one byte shorter
    ('\u{212a}', '\u{212a}'),   // Kelvin sign: lower case two bytes shorter
    ('\u{fb01}', '\u{fb01}'),   // ﬁ ligature
];

/// Any character of [`RANGES`], or a tab or a line break now and then.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        20 => proptest::char::ranges(RANGES.iter().map(|&(a, b)| a..=b).collect::<Vec<_>>().into()),
        1 => Just('\t'),
        1 => Just('\n'),
    ]
}

/// Junk: up to `max` characters of [`any_char`] for which `keep` holds.
fn junk(max: usize, keep: impl Fn(char) -> bool + 'static) -> impl Strategy<Value = String> {
    proptest::collection::vec(any_char().prop_filter("a character the test keeps out", move |c| keep(*c)), 0..=max)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Any junk.
fn any_junk(max: usize) -> impl Strategy<Value = String> {
    junk(max, |_| true)
}

/// Whether `c`, or its lower case, is one of the characters of `words`.
fn in_words(c: char, words: &[&str]) -> bool {
    c.to_lowercase().chain([c]).any(|l| words.iter().any(|w| w.contains(l)))
}
