//! Error codes: each table's rows checked and, where the page is plainly wrong, mended
//! (`FailedOperation. TaskFailed` → `FailedOperation.TaskFailed`; `InvalidParameter.` is kept
//! as printed) or dropped with a warning; then the
//! product-wide list.

use std::collections::{BTreeMap, BTreeSet};

use super::naming;
use super::params::is_error_code;
use super::warning::Warning;
use crate::extract::{RawErrorCode, RawErrorCodes};
use crate::ir::{Action, ErrorCodeInfo, ErrorCodeKind};

/// What a printed error code is read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A well-formed code.
    Valid(String),
    /// A code mended from what the page prints; the reason says what was wrong.
    Mended(String, String),
    /// Not a code, even mended; the reason says why.
    Invalid(String),
}

/// Reads a printed error code: a trailing dot is reported but kept, spaces around a dot are
/// closed up (`FailedOperation. TaskFailed`) when what remains is a well-formed code;
/// anything else malformed is invalid.
pub fn read(printed: &str) -> Reading {
    let code = printed.trim();
    if is_error_code(code) {
        return Reading::Valid(code.to_string());
    }
    let mut mended = code.to_string();
    let mut what = Vec::new();
    if code.chars().any(char::is_whitespace) {
        let parts: Vec<&str> = code.split('.').map(str::trim).collect();
        let closed = parts.join(".");
        if closed.chars().any(char::is_whitespace) {
            return Reading::Invalid(format!("error code `{code}` contains spaces"));
        }
        mended = closed;
        what.push("contains spaces");
    }
    // A trailing dot stays: the code is matched as the page prints it (the servers of
    // such products send it so), and the warning says it looks odd.
    let dotted = mended.ends_with('.') && !mended.ends_with("..");
    if dotted {
        what.push("ends with a dot");
    }
    if what.is_empty() || !is_error_code(mended.strip_suffix('.').filter(|_| dotted).unwrap_or(&mended)) {
        return Reading::Invalid(format!(
            "`{code}` is not an error code (letters, digits and `_`, in parts joined by single dots)"
        ));
    }
    Reading::Mended(mended, format!("error code `{code}` {}", what.join(" and ")))
}

/// The rows of one error code table, checked: malformed codes mended or dropped, a code
/// listed twice kept once (the first row). Each defect is a warning at its row.
pub fn clean(file: &str, rows: &[RawErrorCode], warnings: &mut Vec<Warning>) -> Vec<RawErrorCode> {
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let warn = |warnings: &mut Vec<Warning>, message: String| {
            warnings.push(Warning { file: file.to_string(), line: row.line, message })
        };
        let (code, mended) = match read(&row.code) {
            Reading::Valid(code) => (code, None),
            Reading::Mended(code, reason) => (code, Some(reason)),
            Reading::Invalid(reason) => {
                warn(warnings, format!("{reason}: row dropped"));
                continue;
            }
        };
        if let Some(first) = seen.get(&code) {
            let message = match &mended {
                Some(reason) => format!("{reason}, and `{code}` is already listed at line {first}: row dropped"),
                None => {
                    format!("error code `{code}` is listed twice (lines {first} and {}): the first is kept", row.line)
                }
            };
            warn(warnings, message);
            continue;
        }
        if let Some(reason) = &mended {
            if code == row.code.trim() {
                warn(warnings, format!("{reason}: kept as printed"));
            } else {
                warn(warnings, format!("{reason}: read as `{code}`"));
            }
        }
        seen.insert(code.clone(), row.line);
        out.push(RawErrorCode { line: row.line, code, description: row.description.clone() });
    }
    out
}

/// The Error Codes page with each of its tables cleaned (see [`clean`]).
pub fn clean_page(page: &RawErrorCodes, warnings: &mut Vec<Warning>) -> RawErrorCodes {
    RawErrorCodes {
        file: page.file.clone(),
        common: clean(&page.file, &page.common, warnings),
        service: clean(&page.file, &page.service, warnings),
    }
}

/// The product-wide error codes: the Error Codes page's common and service codes, then
/// codes known only from action pages (with the description of the first page, in
/// action-name order).
pub fn product_codes(
    page: Option<&RawErrorCodes>,
    actions: &BTreeMap<String, Action>,
) -> BTreeMap<String, ErrorCodeInfo> {
    let mut codes: BTreeMap<String, (String, ErrorCodeKind)> = BTreeMap::new();
    // Common codes the page lists among the service codes too.
    let mut also_service: BTreeSet<&str> = BTreeSet::new();
    if let Some(page) = page {
        for (rows, kind) in [(&page.common, ErrorCodeKind::Common), (&page.service, ErrorCodeKind::Service)] {
            for row in rows {
                let first = codes.entry(row.code.clone()).or_insert_with(|| (row.description.clone(), kind));
                if first.1 == ErrorCodeKind::Common && kind == ErrorCodeKind::Service {
                    also_service.insert(&row.code);
                }
            }
        }
    }
    for action in actions.values() {
        for e in &action.errors {
            codes.entry(e.code.clone()).or_insert_with(|| (e.description.clone(), ErrorCodeKind::Action));
        }
    }
    let mut names = naming::UniqueNames::with_taken(["Unknown"]);
    codes
        .into_iter()
        .map(|(code, (description, kind))| {
            let rust_variant = names.take(naming::error_variant(&code));
            let also_service = also_service.contains(code.as_str());
            (code, ErrorCodeInfo { rust_variant, description, kind, also_service })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u32, code: &str) -> RawErrorCode {
        RawErrorCode { line, code: code.to_string(), description: format!("row {line}") }
    }

    #[test]
    fn readings() {
        assert_eq!(read("FailedOperation.TaskFailed"), Reading::Valid("FailedOperation.TaskFailed".into()));
        assert_eq!(
            read("InvalidParameter."),
            Reading::Mended("InvalidParameter.".into(), "error code `InvalidParameter.` ends with a dot".into())
        );
        assert_eq!(
            read("FailedOperation. TaskFailed"),
            Reading::Mended(
                "FailedOperation.TaskFailed".into(),
                "error code `FailedOperation. TaskFailed` contains spaces".into()
            )
        );
        assert!(matches!(read("Failed Operation.X"), Reading::Invalid(r) if r.contains("contains spaces")));
        assert!(matches!(read("."), Reading::Invalid(_)));
        assert!(matches!(read("A..B"), Reading::Invalid(_)));
        assert!(matches!(read(""), Reading::Invalid(_)));
        assert!(matches!(read("错误"), Reading::Invalid(_)));
    }

    #[test]
    fn tables_are_cleaned_with_a_warning_per_defect() {
        let rows = [
            row(10, "InvalidParameter"),
            row(11, "UnsupportedOperation."),
            row(12, "InvalidParameter."),
            row(13, "Bad Code"),
            row(14, "UnsupportedOperation"),
            row(15, "ResourceNotFound"),
        ];
        let mut warnings = Vec::new();
        let cleaned = clean("E.txt", &rows, &mut warnings);
        let codes: Vec<(u32, &str)> = cleaned.iter().map(|r| (r.line, r.code.as_str())).collect();
        // A trailing dot is kept: the code is matched as the page prints it.
        assert_eq!(
            codes,
            [
                (10, "InvalidParameter"),
                (11, "UnsupportedOperation."),
                (12, "InvalidParameter."),
                (14, "UnsupportedOperation"),
                (15, "ResourceNotFound")
            ]
        );
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "E.txt:11: error code `UnsupportedOperation.` ends with a dot: kept as printed",
                "E.txt:12: error code `InvalidParameter.` ends with a dot: kept as printed",
                "E.txt:13: error code `Bad Code` contains spaces: row dropped",
            ]
        );
    }

    #[test]
    fn a_code_listed_twice_keeps_the_first() {
        let mut warnings = Vec::new();
        let cleaned = clean("E.txt", &[row(3, "InternalError"), row(4, "InternalError")], &mut warnings);
        assert_eq!(cleaned.len(), 1);
        assert_eq!(
            warnings[0].to_string(),
            "E.txt:4: error code `InternalError` is listed twice (lines 3 and 4): the first is kept"
        );
    }
}
