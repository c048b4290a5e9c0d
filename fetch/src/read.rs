//! Reading a fetched page: is it an API page, which one, and when was it last updated.
//!
//! A page is read the way the generator reads it (`codegen::pages::parse` and
//! `codegen::pages::extract`). An action page states its product (the domain line) and
//! version (the `Version` row); a Data Types or Error Codes page states neither. Every
//! other page of a product's folder (the overview, introductions, "request structure",
//! guides) is not an API page.

use codegen::pages::{BlockKind, Form, Page, PageRecord, SourceFile};

/// What an API page is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// An action page, with the product and version it states.
    Action {
        /// `cvm` (from the domain line `cvm.tencentcloudapi.com`).
        product: String,
        /// `2017-03-12` (the `Version` row).
        version: String,
        /// The action (`DescribeKeyPairs`).
        name: String,
    },
    /// The Data Types page.
    DataTypes,
    /// The Error Codes page.
    ErrorCodes,
}

impl Kind {
    /// The page's file name without extension: the action, `DataTypes` or `ErrorCodes`.
    pub fn title(&self) -> &str {
        match self {
            Kind::Action { name, .. } => name,
            Kind::DataTypes => "DataTypes",
            Kind::ErrorCodes => "ErrorCodes",
        }
    }

    /// The product and version an action page states.
    pub fn stated(&self) -> Option<(String, String)> {
        match self {
            Kind::Action { product, version, .. } => Some((product.clone(), version.clone())),
            _ => None,
        }
    }
}

/// Why a page is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Not an API page (an overview, a guide): skipped when crawling.
    NotApi(String),
    /// An API page that cannot be used: always an error.
    Broken(String),
}

/// The form of a downloaded page: HTML when it starts with markup, else text.
pub fn form_of_download(body: &[u8]) -> Form {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &body[i..]);
    let start = start.strip_prefix("\u{feff}".as_bytes()).unwrap_or(start);
    if start.first() == Some(&b'<') {
        Form::Html
    } else {
        Form::Text
    }
}

/// Reads a page (`display` names it in messages).
pub fn read_page(display: &str, body: &[u8], form: Form) -> Result<Kind, Unread> {
    let text = std::str::from_utf8(body).map_err(|e| Unread::NotApi(format!("not UTF-8 text: {e}")))?;
    let file = SourceFile::new(display.to_string(), "page", text.to_string());
    let page = codegen::pages::parse(&file, form).map_err(|e| Unread::NotApi(e.to_string()))?;
    let numbered = headings(&page, 2..=4).any(|h| codegen::pages::numbered_section(h).is_some());
    let record = match codegen::pages::extract(&page) {
        Ok(extracted) => extracted.record,
        // An action page (numbered sections) the generator cannot read is an error; any
        // other page it cannot read is not an API page.
        Err(e) if numbered => return Err(Unread::Broken(e.to_string())),
        Err(e) => return Err(Unread::NotApi(e.to_string())),
    };
    // A page is a Data Types or Error Codes page by its structure; one with a title (a
    // level-1 heading) must also be titled so: a "common parameters" page has tables
    // under headings too.
    let title = headings(&page, 1..=1).next();
    match record {
        PageRecord::Action(raw) => {
            let product = raw.host.as_ref().and_then(|(h, _)| h.split('.').next()).unwrap_or_default().to_string();
            let version = codegen::pages::common_param_value(&raw.input, "Version").map(|(v, _)| v);
            let Some(version) = version.filter(|_| !product.is_empty()) else {
                return Err(Unread::Broken("the page states no product or version".to_string()));
            };
            for (what, value) in [("product", &product), ("version", &version), ("action", &raw.name)] {
                if !is_path_component(value) {
                    return Err(Unread::Broken(format!("the page states an unusable {what} `{value}`")));
                }
            }
            Ok(Kind::Action { product, version, name: raw.name })
        }
        PageRecord::DataTypes(_) if title.is_none_or(codegen::pages::is_data_types_title) => Ok(Kind::DataTypes),
        PageRecord::ErrorCodes(_) if title.is_none_or(codegen::pages::is_error_codes_title) => Ok(Kind::ErrorCodes),
        PageRecord::DataTypes(_) | PageRecord::ErrorCodes(_) => {
            Err(Unread::NotApi(format!("titled `{}`, not a Data Types or Error Codes page", title.unwrap_or_default())))
        }
    }
}

fn headings(page: &Page, levels: std::ops::RangeInclusive<u8>) -> impl Iterator<Item = &str> {
    page.blocks.iter().filter_map(move |b| match &b.kind {
        BlockKind::Heading { level, text } if levels.contains(level) => Some(text.as_str()),
        _ => None,
    })
}

/// A name usable as one folder or file name: letters, digits, `-`, `_`, `.` (not `.` or
/// `..` alone).
pub fn is_path_component(text: &str) -> bool {
    !text.is_empty()
        && text != "."
        && text != ".."
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The "last updated" time a page states (`最近更新时间：2022-06-16 06:04:53`, `Last updated:
/// 2024-01-02 03:04:05`), as `YYYY-MM-DD hh:mm:ss` (or `YYYY-MM-DD` when the page gives no
/// time). The label words are the vocabulary's (`codegen::pages::last_updated_labels`, every
/// language); markup, colons and spaces between the label and the time are skipped.
pub fn last_updated(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let labels = codegen::pages::last_updated_labels();
    let mut found: Option<(usize, String)> = None;
    for label in labels {
        let mut from = 0;
        while let Some(at) = find_ignore_ascii_case(&text[from..], label).map(|i| i + from) {
            from = at + label.len();
            if found.as_ref().is_some_and(|(first, _)| *first <= at) {
                break;
            }
            if let Some(time) = time_after(&text[from..]) {
                found = Some((at, time));
                break;
            }
        }
    }
    found.map(|(_, time)| time)
}

fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| haystack.get(i..i + needle.len()).is_some_and(|s| s.eq_ignore_ascii_case(needle)))
}

/// The time at the start of `text`, after separators and tags (at most 200 bytes of them).
fn time_after(text: &str) -> Option<String> {
    let mut rest = text;
    loop {
        if text.len() - rest.len() > 200 {
            return None;
        }
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '\u{a0}'));
        if let Some(tag) = trimmed.strip_prefix('<') {
            rest = &tag[tag.find('>')? + 1..];
        } else if let Some(entity) = trimmed.strip_prefix("&nbsp;") {
            rest = entity;
        } else if trimmed.len() == rest.len() {
            break;
        } else {
            rest = trimmed;
        }
    }
    let date = rest.get(..10)?;
    if !matches_pattern(date, "dddd-dd-dd") {
        return None;
    }
    match rest.get(10..19) {
        Some(time) if matches_pattern(time, " dd:dd:dd") => Some(format!("{date}{time}")),
        _ => Some(date.to_string()),
    }
}

/// `d` is a digit, anything else itself.
fn matches_pattern(text: &str, pattern: &str) -> bool {
    text.len() == pattern.len()
        && text.bytes().zip(pattern.bytes()).all(|(t, p)| if p == b'd' { t.is_ascii_digit() } else { t == p })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_updated_times() {
        let t = |s: &str| last_updated(s.as_bytes());
        assert_eq!(t("<span>最近更新时间：2022-06-16 06:04:53</span>").as_deref(), Some("2022-06-16 06:04:53"));
        assert_eq!(t("最后更新时间: 2022-06-16 06:04:53").as_deref(), Some("2022-06-16 06:04:53"));
        assert_eq!(t("<p>Last updated: 2024-01-02 03:04:05</p>").as_deref(), Some("2024-01-02 03:04:05"));
        assert_eq!(t("LAST UPDATED：2024-01-02").as_deref(), Some("2024-01-02"));
        assert_eq!(
            t("<div>Last updated<span class=\"x\">:</span>&nbsp;<b>2024-01-02 03:04:05</b></div>").as_deref(),
            Some("2024-01-02 03:04:05")
        );
        assert_eq!(t("最終更新日：2021-03-04 05:06:07").as_deref(), Some("2021-03-04 05:06:07"));
        assert_eq!(t("마지막 업데이트 시간：2021-03-04 05:06:07").as_deref(), Some("2021-03-04 05:06:07"));
        // The first stated time counts; a label without a time is passed over.
        assert_eq!(
            t("Last updated soon. 最近更新时间：2022-01-01 00:00:00 … Last updated: 2023-01-01 00:00:00").as_deref(),
            Some("2022-01-01 00:00:00")
        );
        assert_eq!(t("no date here"), None);
        assert_eq!(t("Last updated: yesterday"), None);
        assert_eq!(t("Last updated: 2022-6-1"), None);
        assert_eq!(t("Last updated: <unclosed"), None);
        assert_eq!(t(""), None);
        assert_eq!(last_updated(b"\xff\xfeLast updated: 2022-01-01 00:00:00").as_deref(), Some("2022-01-01 00:00:00"));
        assert_eq!(t(&format!("Last updated: {}2022-01-01", " ".repeat(300))), None);
        assert_eq!(t("Last updated: 2022-01-01 1é:00:00").as_deref(), Some("2022-01-01"));
    }

    #[test]
    fn forms_of_downloads() {
        assert_eq!(form_of_download(b"  \n<!DOCTYPE html>"), Form::Html);
        assert_eq!(form_of_download("\u{feff}<html>".as_bytes()), Form::Html);
        assert_eq!(form_of_download(b"1. API Description"), Form::Text);
        assert_eq!(form_of_download(b""), Form::Text);
    }

    #[test]
    fn path_components() {
        assert!(is_path_component("2017-03-12"));
        assert!(is_path_component("DescribeKeyPairs"));
        for bad in ["", ".", "..", "2017/03/12", "a b", "a\\b", "版本"] {
            assert!(!is_path_component(bad), "{bad}");
        }
    }

    #[test]
    fn pages_that_are_not_api_pages() {
        let read = |s: &str| read_page("page", s.as_bytes(), Form::Markdown);
        assert!(matches!(read("Hello"), Err(Unread::NotApi(_))));
        assert!(matches!(read(""), Err(Unread::NotApi(_))));
        assert!(matches!(read_page("page", b"\xff", Form::Html), Err(Unread::NotApi(_))));
        // Tables under headings, but titled otherwise: a common parameters page.
        let common = "# Common Params\n\n## Signature\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| Action | String | The action |\n";
        assert!(matches!(read(common), Err(Unread::NotApi(m)) if m.contains("Common Params")), "{:?}", read(common));
        let data_types = common.replace("# Common Params", "# Data Types");
        assert_eq!(read(&data_types), Ok(Kind::DataTypes));
        // Untitled (a Markdown source): by structure.
        assert_eq!(read(&common.replace("# Common Params\n\n", "")), Ok(Kind::DataTypes));
    }
}
