//! Carrying a plan out: atomic writes of the new and changed files, removal of the
//! orphans and of the directories they leave empty.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use super::atomic::write_atomically;
use super::error::OutputError;
use super::headers::ensure_generated_or_gone;
use super::paths::{join, symlink_metadata};
use super::plan::Plan;

/// Carries out a plan made by [`super::plan`] for the same `out`: removes the orphans,
/// writes the new and changed files (each to a temporary file in its directory, then
/// renamed into place; parent directories are created), then removes the directories that
/// the removal of orphans left empty. Unchanged files are not touched.
///
/// Before changing anything, every target is checked again, so a file that became
/// hand-written since the plan was made is still not overwritten or removed.
pub fn apply(out: &Path, plan: &Plan) -> Result<(), OutputError> {
    // Re-check everything first, so that an error leaves the disk untouched.
    let writes: Vec<(&String, &String)> = plan.create.iter().chain(plan.update.iter()).collect();
    for (rel, _) in &writes {
        let path = join(out, rel)?;
        if let Some(meta) = symlink_metadata(&path)? {
            if meta.is_dir() {
                return Err(OutputError::NotAFile { path });
            }
            ensure_generated_or_gone(&path)?;
        }
    }
    for rel in &plan.remove {
        let path = join(out, rel)?;
        if symlink_metadata(&path)?.is_some() {
            ensure_generated_or_gone(&path)?;
        }
    }

    let mut emptied = BTreeSet::new();
    for rel in &plan.remove {
        let path = join(out, rel)?;
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(OutputError::Remove { path, source }),
        }
        let mut dir = rel.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            emptied.insert(parent.to_string());
            dir = parent;
        }
    }

    // Directories first (each once), then the files on all cores (thousands at catalog
    // scale); the first error in path order is reported.
    let mut dirs = BTreeSet::new();
    for (rel, _) in &writes {
        if let Some(parent) = join(out, rel)?.parent() {
            dirs.insert(parent.to_path_buf());
        }
    }
    for dir in dirs {
        fs::create_dir_all(&dir).map_err(|source| OutputError::CreateDir { path: dir.clone(), source })?;
    }
    let written = crate::parallel::map(&writes, |(rel, contents)| {
        let path = join(out, rel)?;
        write_atomically(&path, contents.as_bytes())
            .map_err(|source| OutputError::Write { path: path.to_path_buf(), source })
    });
    written.into_iter().collect::<Result<Vec<()>, OutputError>>()?;

    // Deepest first, so a parent sees its children already gone.
    let mut emptied: Vec<String> = emptied.into_iter().collect();
    emptied.sort_by(|a, b| depth(b).cmp(&depth(a)).then_with(|| a.cmp(b)));
    for rel in emptied {
        let path = join(out, &rel)?;
        let is_empty = match fs::read_dir(&path) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(source) => return Err(OutputError::Read { path, source }),
        };
        if is_empty {
            match fs::remove_dir(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(source) => return Err(OutputError::Remove { path, source }),
            }
        }
    }
    Ok(())
}

fn depth(rel: &str) -> usize {
    rel.matches('/').count()
}
