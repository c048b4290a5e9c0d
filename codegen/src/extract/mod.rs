//! Blocks → raw records: what each page says, as strings, with the line each part is on.
//!
//! Nothing here resolves types or names; that is `lower`'s work. Errors here are about a
//! page's shape: not an API page, a section missing, a page cut off inside a table.
//!
//! [`extract`] tells the kind of page by its structure and hands it to the reader of that
//! kind: `action.rs` (its sections, told by number and content: `sections.rs`),
//! `data_types.rs`, `error_codes.rs` (their tables' rows: `tables.rs`);
//! the records they return are in `records.rs`.

mod action;
mod data_types;
mod error_codes;
mod records;
mod sections;
mod tables;

use crate::error::{Error, ErrorKind, Result};
use crate::vocab::{self, BlockKind, Page};
use action::action;
use data_types::data_types;
use error_codes::error_codes;

pub use action::{common_param_value, request_field};
pub use records::{Extracted, PageRecord, RawAction, RawDataType, RawErrorCode, RawErrorCodes, RawExample, RawParam};

/// Reads the records of a page. What kind of page it is comes from its structure: numbered
/// sections (a section's title, or numbered headings counting up over a parameter table)
/// make an action page, error-code groups (or tables whose cells are error codes, whatever
/// the headings say) an Error Codes page, structure headings
/// with their tables a Data Types page; the title is only a hint.
pub fn extract(page: &Page) -> Result<Extracted> {
    let file = page.file.as_str();
    let mut notes = page.notes.clone();
    let title = match page.blocks.first() {
        Some(vocab::Block { kind: BlockKind::Heading { level: 1, text }, line })
            if !sections::is_numbered_title(text) =>
        {
            Some((text.clone(), *line))
        }
        _ => None,
    };
    let headings = || {
        page.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Heading { level: 2..=4, text } => Some(text.as_str()),
            _ => None,
        })
    };
    let numbered = sections::is_action_page(page);
    let title_text = title.as_ref().map(|(t, _)| t.as_str()).unwrap_or("");
    let error_page = !numbered
        && (vocab::is_error_codes_title(title_text)
            || headings().any(|h| vocab::error_code_group(h).is_some() || vocab::is_error_page_section(h))
            || error_codes::holds_error_codes(page));
    let has_table = page.blocks.iter().any(|b| matches!(b.kind, BlockKind::Table(_)));
    let record = if numbered {
        PageRecord::Action(action(page, title, &mut notes)?)
    } else if error_page {
        PageRecord::ErrorCodes(error_codes(page, &mut notes)?)
    } else if vocab::is_data_types_title(title_text) || (has_table && headings().next().is_some()) {
        PageRecord::DataTypes((file.to_string(), data_types(page, &mut notes)?))
    } else {
        let (line, reason) = match page.blocks.first() {
            None => (1, "no numbered sections, structures or error codes (the page is empty)".to_string()),
            Some(b) => (
                b.line,
                format!("no numbered sections, structures or error codes (the page starts with {})", describe(&b.kind)),
            ),
        };
        return Err(not_a_page(file, line, &reason));
    };
    Ok(Extracted { record, file: file.to_string(), notes })
}

fn not_a_page(file: &str, line: u32, reason: &str) -> Error {
    Error::new(file, line, ErrorKind::NotAPage { reason: reason.to_string() })
}

fn describe(kind: &BlockKind) -> String {
    match kind {
        BlockKind::Heading { text, .. } => format!("heading `{}`", text.chars().take(60).collect::<String>()),
        BlockKind::Paragraph { text } | BlockKind::ListItem { text } => {
            format!("`{}`", text.chars().take(60).collect::<String>())
        }
        BlockKind::Table(_) => "a table".to_string(),
        BlockKind::Code { .. } => "a code block".to_string(),
    }
}
