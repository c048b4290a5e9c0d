//! A description's markup turned into text, and the line breaks that only wrap a sentence
//! joined: what every reader of facts reads.

use super::text::{is_cjk, is_label_word, lower, numbered_dash, value_token_at as token_at, words};

/// The description with its markup turned into text: `<br>` and `<li>` into lines (a list
/// item into a `• ` line), other tags dropped, `&#124;` into `|`, Markdown links into their
/// text, backticks dropped.
pub fn normalize(description: &str) -> String {
    let mut out = String::with_capacity(description.len());
    let mut rest = description;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let tag = rest.get(1..end).unwrap_or_default().trim().to_ascii_lowercase();
                let name: String =
                    tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                if !name.is_empty() && end < 40 {
                    match name.as_str() {
                        "li" if !tag.starts_with('/') => out.push_str("\n• "),
                        "br" | "p" | "ul" | "ol" | "div" => out.push('\n'),
                        _ => {}
                    }
                    rest = rest.get(end + 1..).unwrap_or_default();
                    continue;
                }
            }
        }
        if c == '&' {
            let entities =
                [("&#124;", "|"), ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"), ("&quot;", "\"")];
            if let Some((e, r)) = entities.iter().find(|(e, _)| rest.starts_with(e)) {
                out.push_str(r);
                rest = rest.get(e.len()..).unwrap_or_default();
                continue;
            }
        }
        if c == '[' {
            // `[text](url)` → `text`.
            if let Some(close) = rest.find("](") {
                if let Some(end) = rest.get(close..).and_then(|r| r.find(')')) {
                    let text = rest.get(1..close).unwrap_or_default();
                    if !text.contains(['[', '\n']) {
                        out.push_str(text);
                        rest = rest.get(close + end + 1..).unwrap_or_default();
                        continue;
                    }
                }
            }
        }
        if c != '`' {
            out.push(c);
        }
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    join_soft_breaks(&out)
}

/// Line breaks that only wrap a sentence (a cell's text continued on the next line) become
/// spaces; the others stay: before a bullet (`•` always starts a line), after a `:`, before
/// `VALUE:` (`Note:`, `0: disabled`, `flux：`), `1-表示`, around an empty line, and between
/// words that do not continue each other (`RESTRICTED` / `Note`).
fn join_soft_breaks(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        let mut rest = line;
        while let Some(at) = rest.char_indices().skip(1).find(|(_, c)| *c == '•').map(|(i, _)| i) {
            lines.push(rest.get(..at).unwrap_or_default());
            rest = rest.get(at..).unwrap_or_default();
        }
        lines.push(rest);
    }
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<&str> = None;
    for line in lines {
        let next = line.split_whitespace().collect::<Vec<_>>().join(" ");
        match prev {
            None => {}
            Some(p) if soft(p, &next) => out.push(' '),
            Some(_) => out.push('\n'),
        }
        out.push_str(&next);
        prev = Some(line.trim());
    }
    out
}

/// Whether the break between line `prev` and line `next` only wraps a sentence.
fn soft(prev: &str, next: &str) -> bool {
    // After `Valid values:` (not after the `1:` of a pair).
    let before_colon = prev.strip_suffix([':', '：']).and_then(|p| p.chars().next_back());
    let word = prev.trim_end_matches([':', '：']).rsplit(' ').next().unwrap_or_default();
    let value_like = word.eq_ignore_ascii_case("true") || word.eq_ignore_ascii_case("false");
    let intro = before_colon.is_some_and(|c| !(c.is_ascii_digit() || c.is_ascii_uppercase())) && !value_like;
    if prev.is_empty() || next.is_empty() || intro {
        return false;
    }
    // A capitalised (or CJK) label opens a line: `Default value: TRUE.`, `기본 값: …`.
    // (or the first word of one, the rest wrapped: `Default` / `value: TRUE.`); a label cut
    // in two continues (`기본` / `값: LOCAL_BASIC`).
    let lower_next = lower(next);
    let tail = lower(prev.rsplit(' ').next().unwrap_or_default());
    let rejoined = format!("{tail} {lower_next}");
    if [&words().default_before, &words().value_list]
        .iter()
        .any(|l| l.iter().any(|w| w.contains(' ') && rejoined.starts_with(w)))
    {
        return true;
    }
    let label = next.starts_with(|c: char| c.is_ascii_uppercase() || is_cjk(c))
        && [&words().default_before, &words().value_list]
            .iter()
            .any(|l| l.iter().any(|w| lower_next.starts_with(w) || w.starts_with(&format!("{lower_next} "))));
    // `Note: …` opens a line of its own; so does the second of two `value: meaning` lines
    // (`asc: Ascending` / `desc: Descending order`: no wrapped sentence reads so).
    let note = words().note.iter().any(|w| lower_next.strip_prefix(w).is_some_and(|r| r.starts_with([':', '：'])))
        && next.starts_with(|c: char| c.is_ascii_uppercase() || is_cjk(c));
    if label || note || (pair_line(prev) && pair_line(next)) {
        return false;
    }
    let last = prev.chars().next_back().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    // `CLOUD_SSD:` / `SSD 클라우드 디스크`, `1:` / `user association`: a value's meaning.
    if before_colon.is_some() && !intro && !next.starts_with(['•', '-', '*', '·']) {
        return true;
    }
    // `- item` after a finished line (`Valid values:`, `… dedicated IPv6.`).
    let finished = matches!(last, '.' | '。' | ')' | '）' | ';' | '；');
    let dash_item = next.strip_prefix("- ").is_some_and(|n| {
        let t = token_at(n);
        !t.is_empty() && n.get(t.len()..).is_some_and(|r| r.starts_with([':', '：']))
    });
    let dash = next.starts_with("- ") && (finished || (prev.starts_with("- ") && dash_item));
    let bullet = next.starts_with(['•', '*', '·']) || next.starts_with("li>") || dash;
    // A word cut off its line (`Valid` / `values: …`, `String -` / `必須項目…`) continues it.
    let cut = last.is_ascii_lowercase() || last == '-';
    let token = token_at(next);
    let after = next.get(token.len()..).unwrap_or_default();
    // `flux：流量`, `Note: …`, `vpc-id - String - …`: an item of its own.
    // (A full-width colon or a number's colon is never a cut word's: `byte` / `bandwidth：`.)
    // A constant (`DAILY_EIP_APPLY:`) opens an item even after a line ending in a word: the
    // browser copy of a list drops its bullets, and no wrapped sentence goes on with one.
    let constant = token.len() >= 2
        && token.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && token.chars().any(|c| c.is_ascii_uppercase());
    let item = !token.is_empty()
        && (after.starts_with('：')
            || (after.starts_with(':') && (!cut || constant || token.parse::<f64>().is_ok()))
            || (after.starts_with(" - ") && !cut));
    let numbered = token.parse::<f64>().is_ok() && (after.starts_with(['-', '=']) || after.starts_with(is_cjk)) && !cut;
    if bullet || item || numbered {
        return false;
    }
    if cut || is_cjk(first) || is_cjk(last) {
        return true;
    }
    let joined =
        prev.ends_with([',', '，', '、', ';', '；']) || [" and", " or", "和", "或"].iter().any(|w| prev.ends_with(w));
    let latin = (first.is_ascii_lowercase() || first.is_ascii_digit() || matches!(first, '(' | '（' | '\'' | '"'))
        && (last.is_ascii_alphanumeric() || matches!(last, ',' | ')' | '.' | '\'' | '"'));
    joined || latin
}

/// `asc: Ascending`, `PullVodPushLive: Video files`, `1: China Telecom`: a line that is
/// one value (a word without spaces, not a label of the vocabulary) and its meaning.
fn pair_line(line: &str) -> bool {
    let token = token_at(line);
    let after = line.get(token.len()..).unwrap_or_default();
    // `formal (default): unbind …`: a marker in brackets between the value and its colon.
    let after = match after.strip_prefix(" (").or_else(|| after.strip_prefix(" （")) {
        Some(inner) if inner.len() < 40 => inner
            .char_indices()
            .find(|(_, c)| matches!(c, ')' | '）'))
            .and_then(|(at, c)| inner.get(at + c.len_utf8()..))
            .unwrap_or(after),
        _ => after,
    };
    if numbered_dash(line).is_some() {
        return true;
    }
    !token.is_empty()
        && !is_label_word(token)
        && (after.starts_with('：') || (after.starts_with(": ") && after.len() > 2) || after.starts_with(" = "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_lines() {
        assert_eq!(normalize("值：<br><li>A：a<br><li>B：b"), "值：\n\n• A：a\n\n• B：b");
        // A wrapped sentence is joined; breaks before items and notes stay.
        assert_eq!(
            normalize("Valid values: TCP,\nUDP and\nICMP. Max is\n100"),
            "Valid values: TCP, UDP and ICMP. Max is 100"
        );
        assert_eq!(normalize("Values: NORMAL, RESTRICTED\nNote: null"), "Values: NORMAL, RESTRICTED\nNote: null");
        assert_eq!(normalize("分页<br/>1-表示需要， 0-表示不需要"), "分页\n1-表示需要， 0-表示不需要");
        assert_eq!(normalize("활동\n실패 • A: a"), "활동 실패\n• A: a");
        assert_eq!(normalize("• FALSE: No\nDefault\nvalue: TRUE."), "• FALSE: No\nDefault value: TRUE.");
        assert_eq!(normalize("• CLOUD_SSD:\nSSD 디스크"), "• CLOUD_SSD: SSD 디스크");
        assert_eq!(normalize("• A: 디스크\n기본\n값: A입니다."), "• A: 디스크\n기본 값: A입니다.");
        assert_eq!(normalize("Type. 1:\nuser association; 2: group"), "Type. 1: user association; 2: group");
        assert_eq!(normalize("multicast. true:\nEnable; false: Disable."), "multicast. true: Enable; false: Disable.");
        assert_eq!(normalize("see [CVM](https://x/y) a&#124;b `X`"), "see CVM a|b X");
        assert_eq!(normalize("1 < 2 and <<"), "1 < 2 and <<");
        // Bullets lost in a browser copy: a constant with its colon still opens an item.
        assert_eq!(
            normalize("State. Valid values:\nUP_NOW: running in a region\nDOWN_LATER: stopped in a zone"),
            "State. Valid values:\nUP_NOW: running in a region\nDOWN_LATER: stopped in a zone"
        );
    }

    #[test]
    fn lines_of_pairs_stay_lines() {
        // Two `value: meaning` lines are two items, whatever the first ends with.
        assert_eq!(normalize("Order.\nasc: Ascending\ndesc: Descending"), "Order.\nasc: Ascending\ndesc: Descending");
        assert_eq!(normalize("Mode:\n1 = Task (default)\n2 = Workflow"), "Mode:\n1 = Task (default)\n2 = Workflow");
        // A note opens a line of its own.
        assert_eq!(normalize("on: Yes\noff: No\nNote: null"), "on: Yes\noff: No\nNote: null");
        // A wrapped sentence still joins (`Valid` / `values: …` is no pair).
        assert_eq!(normalize("Protocol. Valid\nvalues: TCP, UDP"), "Protocol. Valid values: TCP, UDP");
    }
}
