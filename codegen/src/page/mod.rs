//! Front-ends: a documentation page, in any of its forms (text, HTML, Markdown) → one block
//! model ([`crate::vocab::blocks`]), so that everything after this point (`extract`, `lower`,
//! `emit`) is independent of the page's form. Each front-end is a module of its own: [`text`],
//! [`html`] (with its source-position helpers), [`markdown`]; this module picks one by the
//! page's [`Form`].

pub mod columns;
pub mod html;
mod html_source;
pub mod markdown;
pub mod text;
mod text_rows;

use crate::error::Result;
use crate::source::SourceFile;
use crate::vocab::{Known, Page};

/// The form of a page, from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Text,
    Html,
    Markdown,
}

impl Form {
    pub fn of(path: &std::path::Path) -> Option<Form> {
        match path.extension()?.to_str()? {
            "txt" => Some(Form::Text),
            "html" | "htm" => Some(Form::Html),
            "md" | "markdown" => Some(Form::Markdown),
            _ => None,
        }
    }
}

/// Parses a page of either form into blocks.
pub fn parse(file: &SourceFile, form: Form) -> Result<Page> {
    parse_with(file, form, &Known::default())
}

/// [`parse`], knowing the product version's structure names.
pub fn parse_with(file: &SourceFile, form: Form, known: &Known) -> Result<Page> {
    match form {
        Form::Text => Ok(text::parse_with(file, known)),
        Form::Html => html::parse(file),
        Form::Markdown => markdown::parse(file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md_and_markdown_files_are_markdown_pages() {
        assert_eq!(Form::of(std::path::Path::new("vpc/2017-03-12/AssociateAddress.md")), Some(Form::Markdown));
        assert_eq!(Form::of(std::path::Path::new("DataTypes.markdown")), Some(Form::Markdown));
        assert_eq!(Form::of(std::path::Path::new("notes.mdx")), None);
        assert_eq!(Form::of(std::path::Path::new("AssociateAddress.htm")), Some(Form::Html));
        assert_eq!(Form::of(std::path::Path::new("AssociateAddress.txt")), Some(Form::Text));
    }
}
