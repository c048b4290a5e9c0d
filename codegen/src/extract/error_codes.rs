//! The Error Codes page: its list of the codes common to every product and its list of
//! this product's codes.
//!
//! The two lists are told apart by what they hold: the common list is the one holding the
//! codes every Tencent Cloud API may return ([`COMMON_CODES`]). The headings (`Common Error
//! Codes`, `Service Error Codes`, or a synonym the vocabulary does not know) are a hint:
//! they decide only when the content does not.

use super::records::{RawErrorCode, RawErrorCodes};
use super::tables::error_rows;
use crate::error::{Error, Result};
use crate::page::columns::is_error_code_cell;
use crate::vocab::{self, BlockKind, Column, Note, Page};

/// The codes common to every product: the gateway's own errors, which any action of any
/// product may return. Codes that end in `.*` stand for their family (`AuthFailure.*`).
/// The generic categories a product's own list repeats (`FailedOperation`,
/// `InvalidParameter`, `ResourceNotFound`, …) are not here: they tell nothing apart.
pub const COMMON_CODES: &[&str] = &[
    "AuthFailure",
    "AuthFailure.*",
    "DryRunOperation",
    "InvalidAction",
    "InvalidRequest",
    "IpInBlacklist",
    "IpNotInWhitelist",
    "MissingParameter",
    "NoSuchProduct",
    "NoSuchVersion",
    "RequestLimitExceeded",
    "RequestLimitExceeded.*",
    "RequestSizeLimitExceeded",
    "ResponseSizeLimitExceeded",
    "ServiceUnavailable",
    "UnknownParameter",
    "UnsupportedProtocol",
    "UnsupportedRegion",
    "InvalidParameterValue.InvalidSecretId",
    "InternalError",
    "InvalidSecretId",
    "SignatureExpire",
    "SignatureFailure",
];

/// Whether `code` is one of [`COMMON_CODES`] (or of a family there).
pub fn is_common_code(code: &str) -> bool {
    let code = code.trim();
    COMMON_CODES.iter().any(|c| match c.strip_suffix(".*") {
        Some(family) => {
            code.strip_prefix(family).and_then(|rest| rest.strip_prefix('.')).is_some_and(|member| !member.is_empty())
        }
        None => code == *c,
    })
}

/// Whether a page's tables are error code tables, by their cells: every table has a code
/// column and no Type column (a Data Types page's tables have one, of type names), three in
/// four of the codes read as codes and one at least is a code common to every product or a
/// dotted `Category.Reason`.
pub(super) fn holds_error_codes(page: &Page) -> bool {
    let tables: Vec<&vocab::Table> = page
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    if tables.is_empty()
        || tables.iter().any(|t| t.columns.contains(&Column::Type) || !t.columns.contains(&Column::Name))
    {
        return false;
    }
    let codes: Vec<&str> = tables
        .iter()
        .flat_map(|t| t.rows.iter().filter_map(|r| r.cell(&t.columns, Column::Name)))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let read = codes.iter().filter(|c| is_error_code_cell(c)).count();
    !codes.is_empty()
        && read * 4 >= codes.len() * 3
        && codes.iter().any(|c| is_common_code(c) || c.trim_end_matches('.').contains('.'))
}

/// A table's rows are the common list when at least three of them, and a quarter of them,
/// are codes common to every product.
fn holds_common_codes(rows: &[RawErrorCode]) -> bool {
    let common = rows.iter().filter(|r| is_common_code(&r.code)).count();
    common >= 3 && common * 4 >= rows.len()
}

/// One table of the page: its line, the heading right above it (no other table between),
/// what the headings so far say (Some(true) common, Some(false) service) and its rows.
struct Listed {
    line: u32,
    heading: Option<String>,
    hint: Option<bool>,
    rows: Vec<RawErrorCode>,
}

/// The Error Codes page: the common list and this product's list (see the module doc).
pub(super) fn error_codes(page: &Page, notes: &mut Vec<Note>) -> Result<RawErrorCodes> {
    let file = page.file.as_str();
    let mut out = RawErrorCodes { file: file.to_string(), ..RawErrorCodes::default() };
    let mut tables: Vec<Listed> = Vec::new();
    let mut heading: Option<String> = None;
    let mut hint: Option<bool> = None;
    for block in &page.blocks {
        match &block.kind {
            BlockKind::Heading { text, .. } => {
                hint = vocab::error_code_group(text).or(hint);
                heading = Some(text.clone());
            }
            // `###　共通エラーコード`: a heading whose marker a full-width space keeps from
            // being one.
            BlockKind::Paragraph { text } if text.starts_with('#') => {
                let text = text.trim_start_matches('#').trim();
                hint = vocab::error_code_group(text).or(hint);
                heading = Some(text.to_string());
            }
            BlockKind::Table(table) => {
                let rows = error_rows(file, block.line, table, notes)?;
                // A heading heads the first table after it only; the next table's hint is
                // carried over, its heading unknown (a synonym, or a line the front-end
                // does not take for a heading).
                tables.push(Listed { line: block.line, heading: heading.take(), hint, rows });
            }
            _ => {}
        }
    }
    let by_content: Vec<bool> = tables.iter().map(|t| holds_common_codes(&t.rows)).collect();
    let any_common = by_content.iter().any(|c| *c);
    for (table, common_content) in tables.into_iter().zip(by_content) {
        let under = match &table.heading {
            Some(h) => format!("the table under `{h}`"),
            None => "the table".to_string(),
        };
        // What the table's own heading says: a contradiction of its content is a warning.
        let own = table.heading.as_deref().and_then(vocab::error_code_group);
        let is_common = match (common_content, table.hint) {
            (true, _) => {
                if own == Some(false) {
                    notes.push(Note {
                        line: table.line,
                        message: format!("{under} holds the codes common to every product: read as the common codes"),
                    });
                }
                true
            }
            // Another table holds the common codes: this one is the product's own list,
            // whatever the heading (a synonym the vocabulary does not know keeps the
            // common heading's hint).
            (false, Some(true)) if any_common => {
                if own == Some(true) {
                    notes.push(Note {
                        line: table.line,
                        message: format!(
                            "{under} holds none of the codes common to every product: read as this product's codes"
                        ),
                    });
                }
                false
            }
            (false, Some(hint)) => hint,
            (false, None) => {
                if !any_common {
                    notes.push(Note {
                        line: table.line,
                        message: format!(
                            "{under} is headed neither `Common Error Codes` nor `Service Error Codes` and holds none of the codes common to every product: read as this product's codes"
                        ),
                    });
                }
                false
            }
        };
        if is_common {
            out.common.extend(table.rows);
        } else {
            out.service.extend(table.rows);
        }
    }
    if out.common.is_empty() && out.service.is_empty() {
        return Err(Error::expected(
            file,
            page.blocks.first().map_or(1, |b| b.line),
            "the tables `Common Error Codes` and `Service Error Codes`",
            "none",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_codes_are_known_with_their_families() {
        assert!(is_common_code("AuthFailure.SignatureExpire") && is_common_code("AuthFailure"));
        assert!(is_common_code("RequestLimitExceeded.UinLimitExceeded") && is_common_code(" InvalidAction "));
        assert!(
            !is_common_code("AuthFailureX") && !is_common_code("AuthFailure.") && !is_common_code("FailedOperation")
        );
        assert!(!is_common_code("InvalidParameter") && !is_common_code(""));
    }

    fn page(parts: &[(&str, &[&str])]) -> Page {
        let mut blocks = Vec::new();
        let mut line = 1;
        for (heading, codes) in parts {
            blocks.push(vocab::Block { line, kind: BlockKind::Heading { level: 3, text: heading.to_string() } });
            let rows = codes
                .iter()
                .enumerate()
                .map(|(i, c)| vocab::Row { line: line + 2 + i as u32, cells: vec![c.to_string(), "Why.".to_string()] })
                .collect();
            let columns = vec![vocab::Column::Name, vocab::Column::Description];
            blocks.push(vocab::Block { line: line + 1, kind: BlockKind::Table(vocab::Table { columns, rows }) });
            line += 3 + codes.len() as u32;
        }
        Page { file: "E.md".to_string(), blocks, notes: Vec::new() }
    }

    const COMMON: &[&str] = &["AuthFailure.TokenFailure", "InvalidAction", "MissingParameter", "InternalError"];
    const OWN: &[&str] = &["FailedOperation.Busy", "ResourceNotFound.Zone"];

    #[test]
    fn headings_that_contradict_the_content_are_warnings() {
        let mut notes = Vec::new();
        let codes = error_codes(&page(&[("Service Error Codes", COMMON), ("Common Error Codes", OWN)]), &mut notes);
        let codes = codes.unwrap();
        assert_eq!(codes.common.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), COMMON);
        assert_eq!(codes.service.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), OWN);
        let messages: Vec<(u32, &str)> = notes.iter().map(|n| (n.line, n.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                (2, "the table under `Service Error Codes` holds the codes common to every product: read as the common codes"),
                (9, "the table under `Common Error Codes` holds none of the codes common to every product: read as this product's codes"),
            ]
        );
    }

    #[test]
    fn unknown_headings_are_read_by_content_or_as_the_products_codes() {
        let mut notes = Vec::new();
        let codes = error_codes(&page(&[("Public Codes", COMMON), ("Application Codes", OWN)]), &mut notes).unwrap();
        assert_eq!((codes.common.len(), codes.service.len()), (COMMON.len(), OWN.len()));
        assert!(notes.is_empty(), "{notes:?}");
        let codes = error_codes(&page(&[("Codes", OWN)]), &mut notes).unwrap();
        assert_eq!((codes.common.len(), codes.service.len()), (0, OWN.len()));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].message.starts_with("the table under `Codes` is headed neither"), "{notes:?}");
    }

    #[test]
    fn a_table_is_common_by_its_content() {
        let rows = |codes: &[&str]| -> Vec<RawErrorCode> {
            codes.iter().map(|c| RawErrorCode { line: 1, code: c.to_string(), description: String::new() }).collect()
        };
        assert!(holds_common_codes(&rows(&["AuthFailure.TokenFailure", "InvalidAction", "MissingParameter"])));
        assert!(!holds_common_codes(&rows(&["AuthFailure.TokenFailure", "InvalidAction", "FailedOperation"])));
        let mut service = rows(&["InternalError", "RequestLimitExceeded", "AuthFailure.UnauthorizedOperation"]);
        service.extend(rows(&["FailedOperation.A"; 10]));
        assert!(!holds_common_codes(&service), "a product's list naming a few common codes stays the product's");
    }
}
