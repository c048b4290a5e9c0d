//! What would change: the generated tree in memory against the output folder on disk.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::Path;

use super::error::OutputError;
use super::headers::{file_is_generated, is_generated};
use super::paths::{check_ancestors, join, symlink_metadata, walk};
use crate::Generated;

/// What [`super::apply`] would do to bring an output folder in line with a [`Generated`]
/// tree. Paths are relative to the output folder, `/`-separated, in sorted order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files that do not exist yet → their contents.
    pub create: BTreeMap<String, String>,
    /// Generated files whose contents differ → their new contents.
    pub update: BTreeMap<String, String>,
    /// Generated files that are already up to date (left alone).
    pub unchanged: usize,
    /// Generated files on disk that the generator no longer produces.
    pub remove: BTreeSet<String>,
}

/// How one file differs between the disk and the generated tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// The file does not exist yet (it will be created).
    Missing,
    /// The file exists with other contents (it will be rewritten).
    Stale,
    /// The file is generated but no longer produced (it will be removed).
    Extra,
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChangeKind::Missing => "missing",
            ChangeKind::Stale => "stale",
            ChangeKind::Extra => "extra",
        })
    }
}

/// One line of a plan: `stale: src/x.rs`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change<'a> {
    /// The file, relative to the output folder.
    pub path: &'a str,
    /// How it differs.
    pub kind: ChangeKind,
}

impl fmt::Display for Change<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.path)
    }
}

impl Plan {
    /// Whether the disk already matches the generated tree (nothing to write or remove).
    pub fn is_clean(&self) -> bool {
        self.create.is_empty() && self.update.is_empty() && self.remove.is_empty()
    }

    /// Number of files [`super::apply`] writes (created + updated).
    pub fn written(&self) -> usize {
        self.create.len() + self.update.len()
    }

    /// Number of files [`super::apply`] removes.
    pub fn removed(&self) -> usize {
        self.remove.len()
    }

    /// Number of generated files the plan covers (written + unchanged; not the removed).
    pub fn generated(&self) -> usize {
        self.written() + self.unchanged
    }

    /// Every change, sorted by path.
    pub fn changes(&self) -> Vec<Change<'_>> {
        let mut changes: Vec<Change<'_>> = self
            .create
            .keys()
            .map(|p| Change { path: p, kind: ChangeKind::Missing })
            .chain(self.update.keys().map(|p| Change { path: p, kind: ChangeKind::Stale }))
            .chain(self.remove.iter().map(|p| Change { path: p, kind: ChangeKind::Extra }))
            .collect();
        changes.sort();
        changes
    }
}

/// One change per line (`missing: src/y.rs`), sorted by path; empty when clean.
impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in self.changes() {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}

/// Works out what [`super::apply`] must do so that `out` holds exactly `generated.files`
/// (plus any hand-written files, which are left alone). Reads only; never writes.
///
/// `out` need not exist. The directory `target/` at the top of `out` and hidden entries
/// (names starting with `.`) are not searched for orphans.
///
/// Errors if a file to be written exists without the header (hand-written), if a generated
/// path is not a plain relative path, if a generated file lacks the header itself, if the
/// tree still holds a block (see [`super::complete`]), or if the disk cannot be read.
pub fn plan(out: &Path, generated: &Generated) -> Result<Plan, OutputError> {
    let (plan, create, update) = plan_paths(out, generated)?;
    let contents = |paths: Vec<String>| {
        paths.into_iter().map(|p| (p.clone(), generated.files[&p].clone())).collect::<BTreeMap<_, _>>()
    };
    Ok(Plan { create: contents(create), update: contents(update), ..plan })
}

/// [`plan`] taking the generated tree by value: the contents of the files to write move
/// into the plan rather than being copied (at catalog scale, ~200 MB of text).
pub fn plan_owned(out: &Path, mut generated: Generated) -> Result<Plan, OutputError> {
    let (plan, create, update) = plan_paths(out, &generated)?;
    let mut contents = |paths: Vec<String>| {
        paths
            .into_iter()
            .map(|p| {
                let text = generated.files.remove(&p).unwrap_or_default();
                (p, text)
            })
            .collect::<BTreeMap<_, _>>()
    };
    let (create, update) = (contents(create), contents(update));
    Ok(Plan { create, update, ..plan })
}

/// The plan without the contents of the files to write: those are returned as the paths
/// to create and the paths to update.
fn plan_paths(out: &Path, generated: &Generated) -> Result<(Plan, Vec<String>, Vec<String>), OutputError> {
    if let Some(meta) = symlink_metadata(out)? {
        if !meta.is_dir() && !fs::metadata(out).is_ok_and(|m| m.is_dir()) {
            return Err(OutputError::NotADirectory { path: out.to_path_buf() });
        }
    }
    if let Some(rel) = generated.blocks.keys().next() {
        return Err(OutputError::Incomplete { path: join(out, rel)? });
    }
    for (rel, contents) in &generated.files {
        let path = join(out, rel)?;
        if !is_generated(&path, contents.as_bytes()) {
            return Err(OutputError::MissingHeader { path });
        }
    }

    // Orphans: generated files on disk that are not produced any more.
    let mut remove = BTreeSet::new();
    let mut existing = Vec::new();
    walk(out, "", &mut existing)?;
    for rel in existing {
        if !generated.files.contains_key(&rel) && file_is_generated(&join(out, &rel)?)? {
            remove.insert(rel);
        }
    }

    let mut plan = Plan { remove, ..Plan::default() };
    let (mut create, mut update) = (Vec::new(), Vec::new());
    for (rel, contents) in &generated.files {
        let path = join(out, rel)?;
        check_ancestors(out, rel, &plan.remove)?;
        match symlink_metadata(&path)? {
            None => create.push(rel.clone()),
            Some(meta) if meta.is_dir() => return Err(OutputError::NotAFile { path }),
            Some(_) => {
                let current = match fs::read(&path) {
                    Ok(bytes) => bytes,
                    Err(source) => return Err(OutputError::Read { path, source }),
                };
                if current == contents.as_bytes() {
                    plan.unchanged += 1;
                } else if is_generated(&path, &current) {
                    update.push(rel.clone());
                } else {
                    return Err(OutputError::WouldOverwriteHandWritten { path });
                }
            }
        }
    }
    Ok((plan, create, update))
}
