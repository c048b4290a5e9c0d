//! being written
use std::path::Path;
pub fn load_docs(_docs: &Path) -> crate::Result<Vec<()>> { Ok(Vec::new()) }
