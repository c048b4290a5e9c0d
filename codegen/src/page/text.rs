//! Text front-end (being written).
use super::Page;
use crate::error::Result;
use crate::source::SourceFile;

pub fn parse(file: &SourceFile) -> Result<Page> {
    Ok(Page { file: file.display.clone(), blocks: Vec::new() })
}
