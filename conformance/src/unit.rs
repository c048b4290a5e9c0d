//! The units of a batch run: every folder holding an `oracle.json` under a tree (the
//! unpacked catalog, the real pages, or any `--tree DIR`), with the judgements of its
//! pages; and what checking one gave.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use codegen::Warning;

use crate::failure::Failure;
use crate::judgements::{self, Judgement};
use crate::report::{Mismatch, Report};

/// The oracle's file name in a folder of pages.
pub const ORACLE: &str = "oracle.json";

/// One folder of pages with its oracle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The tree it comes from: `catalog`, `real`, or a `--tree` folder's name.
    pub set: String,
    /// The form of its pages, with the set: `catalog/txt`, `real/md/en`, `real/html-zh-2022`.
    pub form: String,
    /// Product and version: `vpc/2017-03-12`.
    pub label: String,
    /// The folder of its pages (and its `oracle.json`).
    pub docs: PathBuf,
    /// The judgements of its pages (`judgements.tsv` of a folder above it).
    pub judgements: Vec<Judgement>,
}

/// What checking one unit gave.
#[derive(Debug)]
pub struct Outcome {
    /// The unit checked.
    pub unit: Unit,
    /// `load_docs` read the whole folder without an error.
    pub read_whole: bool,
    /// Some pages could be read and lowered (the others are in `failures`).
    pub read_some: bool,
    /// The pages (or the folder) the parser could not read.
    pub failures: Vec<Failure>,
    /// What was read against the oracle (an empty API when nothing could be read).
    pub report: Report,
    /// Mismatches that fail (judged ones and those on unreadable pages left out).
    pub failing: Vec<Mismatch>,
    /// Mismatches excused by a judgement the parser warned about.
    pub judged: Vec<(Mismatch, Judgement)>,
    /// Mismatches on pages that could not be read (their failure says why).
    pub unread: Vec<Mismatch>,
    /// The parser's warnings on what it read.
    pub warnings: Vec<Warning>,
}

impl Outcome {
    /// Matched (judged ones included) and total items of the oracle.
    pub fn score(&self) -> (usize, usize) {
        let (matched, total) = self.report.score();
        let judged = self.judged.iter().filter(|(m, _)| m.tallied).count();
        ((matched + judged).min(total), total)
    }

    /// [`Outcome::score`] in percent (a unit with no item: 100 when perfect, else 0).
    pub fn percent(&self) -> f64 {
        let (matched, total) = self.score();
        if total == 0 {
            if self.is_perfect() {
                100.0
            } else {
                0.0
            }
        } else {
            100.0 * matched as f64 / total as f64
        }
    }

    /// The oracle's actions found, and how many it has.
    pub fn actions(&self) -> (usize, usize) {
        let (matched, total) = self.report.counts.get("actions").copied().unwrap_or_default();
        let extra = self
            .report
            .mismatches
            .iter()
            .filter(|m| m.category == "actions" && m.message.ends_with("is not in the oracle"))
            .count();
        (matched, total - extra)
    }

    /// Read without failure and everything matches (judged mismatches aside).
    pub fn is_perfect(&self) -> bool {
        self.failures.is_empty() && self.failing.is_empty() && self.unread.is_empty()
    }
}

/// Every folder holding an `oracle.json` under `root`, as units of `set`, sorted.
///
/// Form and label follow the layout: `<product>/<version>/<txt|html>/` (the catalog) is
/// form `<set>/<txt|html>`, label `<product>/<version>`; any other folder is labelled by
/// its last two path components and its form is the path above them (`real/md/en`).
pub fn discover_units(root: &Path, set: &str) -> Result<Vec<Unit>> {
    let mut folders = Vec::new();
    let mut tables = Vec::new();
    walk(root, &mut folders, &mut tables)?;
    let mut all_judgements = judgements::project()?;
    for table in &tables {
        all_judgements.extend(judgements::load(table)?);
    }
    let mut units: Vec<Unit> = folders
        .into_iter()
        .map(|docs| {
            let parts: Vec<String> = docs
                .strip_prefix(root)
                .unwrap_or(&docs)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let n = parts.len();
            let (above, label) = if n >= 3 && matches!(parts[n - 1].as_str(), "txt" | "html" | "md") {
                let mut above = parts[..n - 3].to_vec();
                above.push(parts[n - 1].clone());
                (above, parts[n - 3..n - 1].join("/"))
            } else if n >= 2 {
                (parts[..n - 2].to_vec(), parts[n - 2..].join("/"))
            } else {
                (Vec::new(), if n == 0 { ".".to_string() } else { parts.join("/") })
            };
            let form = std::iter::once(set.to_string()).chain(above).collect::<Vec<_>>().join("/");
            let judgements = all_judgements.iter().filter(|j| judgements::applies_to(j, &docs)).cloned().collect();
            // `real/html-en-md` is part of the set `real`.
            let set = set.split('/').next().unwrap_or(set).to_string();
            Unit { set, form, label, docs, judgements }
        })
        .collect();
    units.sort_by(|a, b| (&a.form, &a.label).cmp(&(&b.form, &b.label)));
    Ok(units)
}

/// Folders with an oracle, and judgement tables, under `dir` (hidden entries skipped).
fn walk(dir: &Path, folders: &mut Vec<PathBuf>, tables: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read the folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| !n.to_string_lossy().starts_with('.')))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, folders, tables)?;
        } else if path.file_name().is_some_and(|n| n == ORACLE) {
            folders.push(dir.to_path_buf());
        } else if path.file_name().is_some_and(|n| n == judgements::FILE_NAME) {
            tables.push(path);
        }
    }
    Ok(())
}
