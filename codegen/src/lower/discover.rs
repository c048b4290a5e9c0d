//! Finding the pages: `<product>/<version>/` folders, or one folder of one product version.

use std::path::{Path, PathBuf};

use super::product::{is_product_name, is_version};
use crate::error::{Error, ErrorKind, Result};
use crate::page::Form;
use crate::source::display_path;

/// The pages of one product version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The folder, as shown in messages.
    pub display: String,
    /// The product and version the folder stands for (`vpc`, `2017-03-12`), when the
    /// layout says; a plain folder of pages leaves it to the pages.
    pub expected: Option<(String, String)>,
    /// The page files, sorted.
    pub files: Vec<PathBuf>,
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::new(&display_path(path), 0, ErrorKind::Io { message: e.to_string() })
}

/// Sorted entries of a folder, hidden ones left out.
fn entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| !n.starts_with('.')) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn pages_in(dir: &Path) -> Result<Vec<PathBuf>> {
    // Anything with a page's extension that is not a folder is a page: an unreadable one
    // (a dangling link, say) is reported when it is read, never skipped.
    // A folder's own README is not a page.
    let readme = |p: &Path| p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.eq_ignore_ascii_case("readme"));
    Ok(entries(dir)?.into_iter().filter(|p| !p.is_dir() && Form::of(p).is_some() && !readme(p)).collect())
}

/// The product and version a folder of pages stands for when its own path names them:
/// `…/cvm/2017-03-12/`, or `…/cvm/2017-03-12/html/` (one form of the pages in a folder of
/// its own). A folder named otherwise leaves them to the pages.
fn named_by_path(dir: &Path) -> Option<(String, String)> {
    let absolute = std::fs::canonicalize(dir).ok();
    let names: Vec<String> = absolute
        .as_deref()
        .unwrap_or(dir)
        .components()
        .rev()
        .take(3)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let pair = |version: usize| {
        let (v, p) = (names.get(version)?, names.get(version + 1)?);
        (is_version(v) && is_product_name(p)).then(|| (p.clone(), v.clone()))
    };
    pair(0).or_else(|| pair(1))
}

/// Finds the product versions under `docs`.
pub fn discover(docs: &Path) -> Result<Vec<Group>> {
    if !docs.is_dir() {
        return Err(Error::new(&display_path(docs), 0, ErrorKind::Io { message: "not a folder".to_string() }));
    }
    let direct = pages_in(docs)?;
    if !direct.is_empty() {
        return Ok(vec![Group { display: display_path(docs), expected: named_by_path(docs), files: direct }]);
    }
    let mut groups = Vec::new();
    for product in entries(docs)?.into_iter().filter(|p| p.is_dir()) {
        for version in entries(&product)?.into_iter().filter(|p| p.is_dir()) {
            let files = pages_in(&version)?;
            if files.is_empty() {
                continue;
            }
            let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            groups.push(Group {
                display: display_path(&version),
                expected: Some((name(&product), name(&version))),
                files,
            });
        }
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_folder_named_by_its_path() {
        let named = |p: &str| named_by_path(Path::new(p));
        let cvm = Some(("cvm".to_string(), "2017-03-12".to_string()));
        assert_eq!(named("/no/such/docs/cvm/2017-03-12"), cvm);
        assert_eq!(named("/no/such/docs/cvm/2017-03-12/html"), cvm);
        assert_eq!(named("cvm/2017-03-12"), cvm);
        assert_eq!(named("/no/such/docs/Cvm/2017-03-12"), None);
        assert_eq!(named("/no/such/docs/cvm/latest"), None);
        assert_eq!(named("2017-03-12"), None);
        assert_eq!(named(""), None);
    }
}
