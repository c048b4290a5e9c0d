//! Units stated for the value: `(in KB)`, `unit: month`, `单位为元`, `单位是毫秒`,
//! `単位は月`, `단위는 GB`, a bracketed unit alone (`(MB)`, `(월)`), normalised to the
//! vocabulary's units. Two different units stated (the units of a list of metrics) give
//! none.

use super::text::{self, skip, words};

/// The unit a description (normalised) states, with its sentence.
pub fn read(text: &str) -> Option<(&'static str, String)> {
    let lower = text::lower(text);
    let mut found: Vec<(&'static str, usize)> = Vec::new();
    for (start, end) in text::find_all(&lower, &words().unit_before) {
        let rest = skip(text.get(end..).unwrap_or_default(), &words().default_gap);
        if let Some((unit, len)) = text::unit_at(rest) {
            let after = rest.get(len..).unwrap_or_default();
            let word_before = lower.get(start..end).unwrap_or_default();
            // `in` needs a closed unit: `in ms`, `(in month)`, not `in seconds or minutes` prose.
            let closed = after.is_empty()
                || after.starts_with([')', '）', '.', ',', '，', '。', ';', ' ', '\n', '、'])
                || after.starts_with(text::is_cjk);
            let weak_single = len == 1 && rest.is_ascii() && word_before.trim_start_matches('(') == "in";
            if closed && !weak_single {
                found.push((unit, start));
            }
        }
    }
    // `(MB)`, `(월)`: a unit alone in brackets.
    for (i, c) in text.char_indices() {
        if c != '(' && c != '（' {
            continue;
        }
        let inner = text.get(i + c.len_utf8()..).unwrap_or_default();
        if let Some((unit, len)) = text::unit_at(inner) {
            let closes = inner.get(len..).is_some_and(|r| r.starts_with([')', '）']));
            if closes && (len > 1 || !inner.is_ascii()) {
                found.push((unit, i));
            }
        }
    }
    let (unit, at) = *found.first()?;
    if found.iter().any(|(u, _)| *u != unit) {
        return None;
    }
    Some((unit, text::sentence_at(text, at).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str) -> Option<&'static str> {
        read(&super::super::normalize::normalize(text)).map(|(u, _)| u)
    }

    #[test]
    fn units_in_every_language() {
        assert_eq!(unit("IPsec SA lifetime (in KB). Value range: 2560-604800."), Some("KB"));
        assert_eq!(unit("Duration for function billing in ms, rounded upwards"), Some("ms"));
        assert_eq!(unit("优惠后总价，单位为元"), Some("CNY"));
        assert_eq!(unit("表示执行函数的耗时，单位是毫秒，异步调用返回为空"), Some("ms"));
        assert_eq!(unit("执行函数时的内存大小，单位为Byte"), Some("B"));
        assert_eq!(unit("購入時期。単位は月、値の範囲[1,2]"), Some("month"));
        assert_eq!(unit("시스템 디크스 크기, 단위는 GB입니다."), Some("GB"));
        assert_eq!(unit("인스턴스 용량 크기(MB)"), Some("MB"));
        assert_eq!(unit("List of ID(s) in the group"), None);
        assert_eq!(
            unit("flux：流量，单位为 byte<br/>bandwidth：带宽，单位为 bps<br/>request：请求数，单位为 次"),
            None
        );
    }
}
