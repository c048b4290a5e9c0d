//! What a number of a limit counts, from the words after it: characters (`60 characters`,
//! `1024字符`, `8-16桁`), bytes (`1024 bytes`, `55バイト`, `4 KB`, `20M`: K and M are
//! binary), or nothing said (a value, or the items of a list).

use super::text::{self, words};
use crate::ir::LengthOf;

/// What follows a number: `(what is counted, multiplier, length of the words read)`.
pub fn measure_after(text: &str, string: bool) -> Option<(LengthOf, u64, usize)> {
    let spaced = text.trim_start();
    let gap = text.len() - spaced.len();
    let lower = text::lower(spaced);
    // `1000 个英文字母、数字`: a counter word before the letters.
    let lower_skipped = lower.strip_prefix('个').unwrap_or(&lower);
    let skipped = lower.len() - lower_skipped.len();
    // (`个字节`: bytes, though `个字` counts characters — the longer word wins.)
    let bytes = words().bytes.iter().find(|w| lower_skipped.starts_with(**w) && bounded(lower_skipped, w));
    if let Some(w) = bytes
        .filter(|w| skipped + w.len() > words().chars.iter().find(|c| lower.starts_with(**c)).map_or(0, |c| c.len()))
    {
        return Some((LengthOf::Bytes, 1, gap + skipped + w.len()));
    }
    if let Some(w) = words().chars.iter().find(|w| lower.starts_with(**w) && bounded(&lower, w)) {
        return Some((LengthOf::Chars, 1, gap + w.len()));
    }
    if let Some(w) = words().chars.iter().find(|w| lower_skipped.starts_with(**w) && bounded(lower_skipped, w)) {
        return Some((LengthOf::Chars, 1, gap + skipped + w.len()));
    }
    if let Some(w) = words().bytes.iter().find(|w| lower.starts_with(**w) && bounded(&lower, w)) {
        return Some((LengthOf::Bytes, 1, gap + w.len()));
    }
    if string {
        for (w, m) in [("kb", 1024), ("k", 1024), ("mb", 1024 * 1024), ("m", 1024 * 1024)] {
            if lower.starts_with(w) && bounded(&lower, w) {
                return Some((LengthOf::Bytes, m, gap + w.len()));
            }
        }
    }
    None
}

/// `w` at the start of `lower` ends at a word boundary (ASCII words).
fn bounded(lower: &str, w: &str) -> bool {
    !w.is_ascii() || !lower.get(w.len()..).unwrap_or_default().starts_with(|c: char| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_counted() {
        assert_eq!(measure_after(" characters.", true), Some((LengthOf::Chars, 1, 11)));
        assert_eq!(measure_after(" 个英文字母", true), Some((LengthOf::Chars, 1, 16)));
        assert_eq!(measure_after("字节", true), Some((LengthOf::Bytes, 1, 6)));
        assert_eq!(measure_after(" KB.", true), Some((LengthOf::Bytes, 1024, 3)));
        assert_eq!(measure_after("M", true), Some((LengthOf::Bytes, 1024 * 1024, 1)));
        assert_eq!(measure_after(" MB", false), None);
        assert_eq!(measure_after(" million", true), None);
        assert_eq!(measure_after("バイトを超える", true), Some((LengthOf::Bytes, 1, 9)));
        assert_eq!(measure_after("桁で", true), Some((LengthOf::Chars, 1, 3)));
    }
}
