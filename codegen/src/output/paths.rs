//! Paths under an output folder: joining generated paths safely, looking at what is on
//! disk, and listing it.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::error::OutputError;

/// `out` joined with a generated relative path, after checking that the path is plain:
/// relative, `/`-separated, no empty, `.` or `..` components, no backslashes.
pub(super) fn join(out: &Path, rel: &str) -> Result<PathBuf, OutputError> {
    let invalid = || OutputError::InvalidPath { path: out.join(rel) };
    if rel.is_empty() || rel.contains('\\') || rel.contains('\0') {
        return Err(invalid());
    }
    let mut path = out.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(invalid());
        }
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(_)), None) => path.push(part),
            _ => return Err(invalid()),
        }
    }
    Ok(path)
}

/// Checks that every ancestor of `rel` under `out` is a directory or absent (or an orphan
/// file that is about to be removed).
pub(super) fn check_ancestors(out: &Path, rel: &str, remove: &BTreeSet<String>) -> Result<(), OutputError> {
    let mut dir = out.to_path_buf();
    let mut prefix = String::new();
    let parts: Vec<&str> = rel.split('/').collect();
    for part in &parts[..parts.len() - 1] {
        dir.push(part);
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        match symlink_metadata(&dir)? {
            None => return Ok(()),
            Some(meta) if meta.is_dir() => {}
            Some(_) if fs::metadata(&dir).is_ok_and(|m| m.is_dir()) => {}
            Some(_) if remove.contains(&prefix) => return Ok(()),
            Some(_) => return Err(OutputError::NotADirectory { path: dir }),
        }
    }
    Ok(())
}

/// What is at `path` (not following a last symlink), or `None` when nothing is.
pub(super) fn symlink_metadata(path: &Path) -> Result<Option<fs::Metadata>, OutputError> {
    match fs::symlink_metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        // `a/b` where `a` is a file: `a/b` does not exist either.
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => Ok(None),
        Err(source) => Err(OutputError::Read { path: path.to_path_buf(), source }),
    }
}

/// Lists the regular files under `dir` (relative to the walk's root, `/`-separated), in
/// sorted order. Skips hidden entries, `target/` at the top, symlinks, and names that are
/// not UTF-8 (the generator never produces those).
pub(super) fn walk(dir: &Path, prefix: &str, found: &mut Vec<String>) -> Result<(), OutputError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound && prefix.is_empty() => return Ok(()),
        Err(source) => return Err(OutputError::Read { path: dir.to_path_buf(), source }),
    };
    let mut children = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| OutputError::Read { path: dir.to_path_buf(), source })?;
        let Ok(name) = entry.file_name().into_string() else { continue };
        if name.starts_with('.') || (prefix.is_empty() && name == "target") {
            continue;
        }
        let file_type = entry.file_type().map_err(|source| OutputError::Read { path: entry.path(), source })?;
        children.push((name, file_type));
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, file_type) in children {
        let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        if file_type.is_dir() {
            walk(&dir.join(&name), &rel, found)?;
        } else if file_type.is_file() {
            found.push(rel);
        }
    }
    Ok(())
}
