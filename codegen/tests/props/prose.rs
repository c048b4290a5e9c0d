//! The prose readers of `lower/` and `vocab/`: arbitrary Unicode around their keywords.

use std::collections::BTreeSet;

use codegen::fuzzing::readers;
use codegen::ir::{Constraint, Type};
use proptest::prelude::*;

use super::{any_junk, in_words, junk};

/// Every word a maximum or a range is recognised by (junk made of none of their
/// characters cannot spell one).
fn limit_words() -> Vec<&'static str> {
    let mut words = readers::maximum_words();
    words.extend(readers::range_words());
    words.extend(["-", "–", "—", "~", "～", "to", "至", "到"]);
    words
}

/// Junk that spells no limit word, holds no ASCII digit and, with `stops`, no full stop.
fn limit_junk(max: usize, stops: bool) -> impl Strategy<Value = String> {
    let words = limit_words();
    junk(max, move |c| !c.is_ascii_digit() && !in_words(c, &words) && (stops || !matches!(c, '.' | '。' | ';')))
}

proptest! {
    #![proptest_config(super::config(256))]

    #[test]
    fn readers_never_panic(text in any_junk(80), this in any_junk(8)) {
        let _ = readers::max_page_size(&text);
        let _ = readers::state_values(&text);
        let _ = readers::constraints(&text, &this);
        let _ = readers::error_code(&text);
        let _ = readers::resolve_type(&text, &BTreeSet::from([this.clone()]));
        let _ = readers::example(&text);
        let _ = readers::names(&text);
        let _ = readers::rate_limit(&text);
        let _ = readers::lookups(&text);
        for sentence in readers::sentences(&text) {
            prop_assert!(!sentence.is_empty() && text.contains(&sentence), "{sentence:?} of {text:?}");
            let _ = readers::constraints(&sentence, &this);
        }
    }

    /// Each reader with its keywords planted in junk: no panic, whatever the words.
    #[test]
    fn readers_never_panic_around_their_keywords(
        a in any_junk(12), b in any_junk(12), c in any_junk(12), n in 0u64..100_000, pick in any::<prop::sample::Index>(),
    ) {
        let mut words = readers::maximum_words();
        words.extend(readers::range_words());
        words.extend(readers::valid_values_words());
        words.extend(["次/秒", "requests per second", "示例值：", "Array of ", "必填其一", "如果指定了", "则也必须指定"]);
        let word = pick.get(&words);
        for text in [format!("{a}{word}{b}{n}{c}"), format!("{a}{n}{b}{word}{c}"), format!("{a}{word}{n}{word}{b}{c}")] {
            let _ = readers::max_page_size(&text);
            let _ = readers::state_values(&text);
            let _ = readers::rate_limit(&text);
            let _ = readers::lookups(&text);
            let _ = readers::constraints(&text, "Self");
            let _ = readers::resolve_type(&text, &BTreeSet::new());
            let _ = readers::example(&text);
        }
    }

    /// `…<maximum word><up to 24 characters>N…` is N, whatever the junk around.
    #[test]
    fn the_maximum_after_a_maximum_word_is_read(
        before in limit_junk(30, true), between in limit_junk(20, false), after in limit_junk(30, true),
        n in 0u64..10_000_000, pick in any::<prop::sample::Index>(),
    ) {
        let word = *pick.get(&readers::maximum_words());
        let text = format!("{before}{word}{between}{n}{after}");
        prop_assert_eq!(readers::max_page_size(&text), Some(n), "{:?}", text);
        // And upper case: the reader lower-cases first.
        let upper = format!("{before}{}{between}{n}{after}", word.to_uppercase());
        prop_assert_eq!(readers::max_page_size(&upper), Some(n), "{:?}", upper);
    }

    /// `…N <maximum word>…` with no number after the word is N.
    #[test]
    fn the_maximum_before_a_maximum_word_is_read(
        before in limit_junk(30, true), after in limit_junk(30, true), space in "[ \u{3000}]{0,2}",
        n in 0u64..10_000_000, pick in any::<prop::sample::Index>(),
    ) {
        let word = *pick.get(&readers::maximum_words());
        // The number must not run on from digits or a comma of the junk before it.
        let before = format!("{before}口");
        let text = format!("{before}{n}{space}{word}{after}");
        prop_assert_eq!(readers::max_page_size(&text), Some(n), "{:?}", text);
    }

    /// `…<range word> L~N…` is N.
    #[test]
    fn the_upper_end_of_a_range_is_read(
        before in limit_junk(30, true), between in limit_junk(10, true), after in limit_junk(30, true),
        low in 0u64..1000, n in 0u64..10_000_000, pick in any::<prop::sample::Index>(),
        separator in prop::sample::select(vec!["-", "–", "—", "~", "～", " to ", "至", "到", " ～ "]),
    ) {
        let word = *pick.get(&readers::range_words());
        let text = format!("{before}{word}{between}{low}{separator}{n}{after}");
        prop_assert_eq!(readers::max_page_size(&text), Some(n), "{:?}", text);
    }

    /// `…N<per-second unit>…`, only words between, is N.
    #[test]
    fn the_rate_limit_before_a_per_second_unit_is_read(
        before in junk(30, |c| !c.is_ascii_digit() && !in_words(c, UNITS)),
        between in junk(12, |c| !c.is_ascii_digit() && !in_words(c, UNITS)),
        after in any_junk(30),
        n in 0u32..1_000_000, pick in any::<prop::sample::Index>(),
    ) {
        let unit = pick.get(UNITS);
        let text = format!("{before}{n}{between}{unit}{after}");
        prop_assert_eq!(readers::rate_limit(&text), Some(n), "{:?}", text);
    }

    /// `…<valid-values word>：A（…），B（…）` lists A and B, whatever comes before the word and
    /// inside the explanations (İ, ẞ and the Kelvin sign included: their lower case has
    /// another length).
    #[test]
    fn documented_state_values_are_read(
        before in junk(30, |c| !in_words(c, &readers::valid_values_words()) && !c.is_ascii_alphanumeric()),
        first in "[A-Z][A-Z_]{1,12}", second in "[A-Z][A-Z0-9_]{1,12}",
        why_first in junk(12, |c| !SEPARATORS.contains(&c)), why_second in junk(12, |c| !SEPARATORS.contains(&c)),
        colon in prop::sample::select(vec![":", "：", ": ", "：\n"]),
        pick in any::<prop::sample::Index>(),
    ) {
        let word = *pick.get(&readers::valid_values_words());
        let text = format!("{before}{word}{colon}{first}（{why_first}），{second}（{why_second}）");
        let values: Vec<String> = readers::state_values(&text).into_iter().map(|(v, _)| v).collect();
        prop_assert_eq!(values, vec![first, second], "{:?}", text);
    }

    /// `X and Y cannot be specified at the same time` is read whatever surrounds it.
    #[test]
    fn mutual_exclusion_is_read(
        before in junk(20, |c| !c.is_ascii() || c == ' '), after in any_junk(20),
        x in "[A-Z][a-zA-Z]{1,10}", y in "[A-Z][a-zA-Z]{1,10}",
    ) {
        let sentence = format!("{before} {x} and {y} cannot be specified at the same time {after}");
        let found = readers::constraints(&sentence, "Self");
        prop_assert!(
            found.iter().any(|c| matches!(c, Constraint::MutuallyExclusive { params, .. } if *params == [x.clone(), y.clone()])),
            "{sentence:?}: {found:?}"
        );
    }

    /// `Array of <T>` is a list whatever the case of the prefix and whatever follows.
    #[test]
    fn printed_list_types_are_lists(inner in any_junk(12), upper in any::<bool>()) {
        let prefix = if upper { "ARRAY OF " } else { "Array of " };
        let (ty, _) = readers::resolve_type(&format!("{prefix}{inner}x"), &BTreeSet::new());
        prop_assert!(matches!(ty, Type::Array(_)), "{ty:?}");
    }

    /// Rust names of any wire name are identifiers; of an ASCII one, ASCII identifiers.
    #[test]
    fn rust_names_are_identifiers(name in any_junk(16), ascii in "[A-Za-z][A-Za-z0-9_.]{0,20}") {
        let _ = readers::names(&name);
        for rust in readers::names(&ascii) {
            prop_assert!(syn::parse_str::<syn::Ident>(&rust).is_ok(), "{ascii:?} → {rust:?}");
        }
    }
}

/// The per-second units of every language.
const UNITS: &[&str] = &["requests/sec", "requests per second", "per second", "次/秒", "回/秒", "회/초"];

/// What separates or brackets the items of a list of values.
const SEPARATORS: &[char] = &[',', ';', '\n', '•', '，', '；', '、', '(', ')', '（', '）'];

proptest! {
    #![proptest_config(super::config(256))]

    /// The facts readers, fed junk around their words (and list bullets, brackets, numbers
    /// glued to units), never panic, and every fact they read keeps a sentence.
    #[test]
    fn facts_readers_never_panic(
        a in any_junk(16), b in any_junk(16), c in any_junk(16), n in 0u64..100_000,
        pick in any::<prop::sample::Index>(), glue in prop::sample::select(vec!["", " ", "\n• ", "<li>", "：", "(", "[", "-", "KB", "字节", "桁", " and ", "、", ": ", "\n", "|", "｜", " = ", "-", "::", "）："]),
    ) {
        let words = readers::fact_words();
        let word = *pick.get(&words);
        for text in [
            format!("{a}{word}{glue}{n}{b}{c}"),
            format!("{a}{n}{glue}{word}{b}"),
            format!("{a}{word}{glue}{b}{glue}{n}{word}{c}"),
            format!("{word}{glue}A_B{glue}C_D{glue}{n}"),
            format!("{a}:\n{word}{glue}{b}\n{n}{glue}{c}\n• {b}\n{a}"),
            format!("{a}\n-{n}{glue}{word} {b}; {n}{glue}{c}\n[{n}, {n},{n}]"),
        ] {
            for facts in readers::facts(&text) {
                for key in ["allowed_values", "default", "min", "max", "max_length", "unit"] {
                    let json = serde_json::to_value(&facts).unwrap();
                    if json.get(key).is_some() {
                        prop_assert!(facts.facts_from.contains_key(key), "{key} without its sentence: {text:?}");
                    }
                }
            }
        }
    }
}
