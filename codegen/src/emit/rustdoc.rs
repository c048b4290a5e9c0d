//! Descriptions from the pages as rustdoc: one `#[doc]` attribute per line, made safe
//! Markdown.

use proc_macro2::TokenStream;
use quote::quote;

/// A `#[doc = "…"]` attribute per line of a description, made safe for rustdoc: list
/// bullets become Markdown items, `<`, `>`, `[`, `]` are escaped, bare URLs are wrapped.
pub(crate) fn docs(text: &str) -> TokenStream {
    // A line after a list item that is not an item itself starts a new paragraph (Markdown
    // would read it as the item's lazy continuation): a blank line goes between.
    let mut lines: Vec<String> = Vec::new();
    let mut after_item = false;
    for line in text.lines().map(doc_line) {
        let item = is_list_item(&line);
        if after_item && !item && !line.is_empty() {
            lines.push(String::new());
        }
        after_item = item;
        lines.push(line);
    }
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #( #[doc = #lines] )* }
}

/// Like [`docs`], followed by an empty line and more (already Markdown) lines.
pub(crate) fn docs_then(text: &str, more: &[String]) -> TokenStream {
    let first = docs(text);
    let sep = (!text.is_empty() && !more.is_empty()).then(|| quote! { #[doc = ""] });
    let more = more.iter().map(|l| format!(" {l}"));
    quote! { #first #sep #( #[doc = #more] )* }
}

/// Whether a Markdown line is a list item: `- a`, `* a`, `+ a`, `1. a`, `1) a`.
fn is_list_item(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() < line.len() {
        rest.starts_with(". ") || rest.starts_with(") ")
    } else {
        ["- ", "* ", "+ "].iter().any(|p| line.starts_with(p))
    }
}

/// A line of a description as a safe Markdown line: `•` bullets become `- ` items,
/// `<`, `>`, `[`, `]` are escaped, bare URLs are wrapped in `<…>`.
pub(crate) fn doc_line(line: &str) -> String {
    let line = line.trim();
    let (prefix, body) = match line.strip_prefix('•') {
        Some(rest) => ("- ", rest.trim()),
        None => ("", line),
    };
    let mut out = String::with_capacity(body.len() + 8);
    out.push_str(prefix);
    let mut rest = body;
    while !rest.is_empty() {
        let url_at = ["https://", "http://"].iter().filter_map(|p| rest.find(p)).min();
        let (plain, url, after) = match url_at {
            Some(at) => {
                let (plain, from_url) = rest.split_at(at);
                let end = from_url
                    .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')' | '）' | '，' | '。'))
                    .unwrap_or(from_url.len());
                let (url, after) = from_url.split_at(end);
                (plain, Some(url), after)
            }
            None => (rest, None, ""),
        };
        for c in plain.chars() {
            match c {
                '<' | '>' | '[' | ']' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        if let Some(url) = url {
            let bare = url.trim_end_matches(['.', ',']);
            out.push('<');
            out.push_str(bare);
            out.push('>');
            // Put back the trailing punctuation trimmed from the URL.
            out.push_str(url.strip_prefix(bare).unwrap_or_default());
        }
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_are_safe_markdown() {
        assert_eq!(doc_line("• Only EIP in the UNBIND status"), "- Only EIP in the UNBIND status");
        assert_eq!(doc_line("<Common request parameters> [x]"), "\\<Common request parameters\\> \\[x\\]");
        assert_eq!(doc_line("See https://cloud.tencent.com/a."), "See <https://cloud.tencent.com/a>.");
        assert_eq!(doc_line("a_b *c* `d`"), "a_b *c* `d`");
    }

    #[test]
    fn a_line_after_a_list_is_a_new_paragraph() {
        let text = docs("Intro\n• one\n• two\nAfter the list\n1. first\nafter\n\n- x\n\ny").to_string();
        let lines: Vec<&str> = text.split("# [doc = ").skip(1).map(|l| l.trim().trim_end_matches(']').trim()).collect();
        assert_eq!(
            lines,
            [
                "\" Intro\"",
                "\" - one\"",
                "\" - two\"",
                "\"\"",
                "\" After the list\"",
                "\" 1. first\"",
                "\"\"",
                "\" after\"",
                "\"\"",
                "\" - x\"",
                "\"\"",
                "\" y\""
            ]
        );
        assert!(is_list_item("12) a") && !is_list_item("12 a") && !is_list_item("-a"));
    }
}
