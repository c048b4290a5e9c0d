//! Conformance over many folders at once: every folder holding an `oracle.json` under a
//! tree (the unpacked catalog, the real pages, or any `--tree DIR`) is one **unit**,
//! checked on its own; a folder the parser cannot read is reported and the run goes on.
//!
//! When `load_docs` fails on a folder, the folder is read page by page to say which pages
//! fail and why (each page's first error), and what the readable pages give is still
//! compared with the oracle: a page that fails when the pages are lowered together is
//! left out and the rest lowered again, until they lower.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use codegen::ir::Api;
use codegen::lower::Warning;

use super::judgements::{self, Judgement, Verdict};
use super::{cache, compare, load_oracle, salvage, summary, ConformanceArgs, Mismatch, Oracle, Owner, Report};

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
    pub docs: PathBuf,
    /// The judgements of its pages (`judgements.tsv` of a folder above it).
    pub judgements: Vec<Judgement>,
}

/// A page (or the whole folder) the parser could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The page's file name; empty when the failure concerns the folder.
    pub page: String,
    /// The line (0: the page or folder as a whole).
    pub line: u32,
    /// The failure's class (a normalised message prefix: [`summary::classify`]).
    pub class: String,
    /// The error's message (without its place).
    pub what: String,
    /// Not a failure of its own: an action page left out because it names a structure
    /// and the folder's Data Types page could not be read.
    pub consequence: bool,
}

/// What checking one unit gave.
#[derive(Debug)]
pub struct Outcome {
    pub unit: Unit,
    /// `load_docs` read the whole folder without an error.
    pub read_whole: bool,
    /// Some pages could be read and lowered (the others are in `failures`).
    pub read_some: bool,
    pub failures: Vec<Failure>,
    /// What was read against the oracle (an empty API when nothing could be read).
    pub report: Report,
    /// Mismatches that fail (judged ones and those on unreadable pages left out).
    pub failing: Vec<Mismatch>,
    /// Mismatches excused by a judgement the parser warned about.
    pub judged: Vec<(Mismatch, Judgement)>,
    /// Mismatches on pages that could not be read (their failure says why).
    pub unread: Vec<Mismatch>,
    pub warnings: Vec<Warning>,
}

impl Outcome {
    /// Matched (judged ones included) and total items of the oracle.
    pub fn score(&self) -> (usize, usize) {
        let (matched, total) = self.report.score();
        let judged = self.judged.iter().filter(|(m, _)| m.tallied).count();
        ((matched + judged).min(total), total)
    }

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

pub(super) fn failure(e: &codegen::Error, consequence: bool) -> Failure {
    let page = if e.file.is_empty() || Path::new(&e.file).is_dir() {
        String::new()
    } else {
        Path::new(&e.file).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    };
    Failure { page, line: e.line, class: summary::classify(&e.kind), what: e.kind.to_string(), consequence }
}

impl Failure {
    /// `page:line` within the folder (`.` for the folder itself).
    pub fn place(&self) -> String {
        match (self.page.as_str(), self.line) {
            ("", _) => ".".to_string(),
            (page, 0) => page.to_string(),
            (page, line) => format!("{page}:{line}"),
        }
    }
}

/// A folder-level failure with a class of its own.
fn folder_failure(class: &str, detail: &str) -> Failure {
    Failure {
        page: String::new(),
        line: 0,
        class: class.to_string(),
        what: format!("{class}{detail}"),
        consequence: false,
    }
}

/// An API with nothing in it: what a folder nobody could read gives.
fn empty_api(oracle: &Oracle) -> Api {
    Api {
        generated: String::new(),
        product: oracle.product.clone(),
        version: oracle.version.clone(),
        rust_module: String::new(),
        rust_version_module: String::new(),
        actions: Default::default(),
        data_types: Default::default(),
        error_codes: Default::default(),
    }
}

/// Counts the files of a folder by extension, for "no pages" messages: ` (22 .md files)`.
fn files_by_extension(docs: &Path) -> String {
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for entry in std::fs::read_dir(docs).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_file() && path.file_name().is_some_and(|n| n != ORACLE && !n.to_string_lossy().starts_with('.')) {
            let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
            *counts.entry(ext).or_default() += 1;
        }
    }
    let parts: Vec<String> = counts.iter().map(|(ext, n)| format!("{n} {ext} files")).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// Checks one unit against its oracle.
pub fn check(unit: &Unit) -> Outcome {
    let mut outcome = Outcome {
        unit: unit.clone(),
        read_whole: false,
        read_some: false,
        failures: Vec::new(),
        report: Report::default(),
        failing: Vec::new(),
        judged: Vec::new(),
        unread: Vec::new(),
        warnings: Vec::new(),
    };
    let oracle = match load_oracle(&unit.docs.join(ORACLE)) {
        Ok(oracle) => oracle,
        Err(e) => {
            outcome.failures.push(folder_failure("oracle unreadable", &format!(": {e:#}")));
            return outcome;
        }
    };
    let read = match codegen::lower::load_docs(&unit.docs) {
        Ok(loaded) => match loaded.apis.len() {
            1 => {
                outcome.read_whole = true;
                Some((loaded.apis.into_iter().next().expect("one API"), loaded.warnings))
            }
            0 => {
                let detail = files_by_extension(&unit.docs);
                outcome.failures.push(folder_failure("no pages: no file the parser reads as a page", &detail));
                None
            }
            n => {
                let detail = format!(" ({n})");
                outcome.failures.push(folder_failure("more than one product version in the folder", &detail));
                None
            }
        },
        Err(e) => {
            let (read, failures) = salvage::salvage(&unit.docs, &e);
            outcome.failures = failures;
            read
        }
    };
    let api = match read {
        Some((api, warnings)) => {
            outcome.read_some = true;
            outcome.warnings = warnings;
            api
        }
        None => empty_api(&oracle),
    };
    outcome.report = compare(&api, &oracle);
    sort_mismatches(&mut outcome, &oracle);
    outcome
}

/// The structures the oracle's actions `read` use, directly or through other structures.
fn structures_used(oracle: &Oracle, read: impl Fn(&str) -> bool) -> BTreeSet<&str> {
    let name_of = |ty: &str| ty.strip_prefix("Array of ").unwrap_or(ty).trim().to_string();
    let mut todo: Vec<String> = oracle
        .actions
        .iter()
        .filter(|(name, _)| read(name))
        .flat_map(|(_, a)| a.input.iter().chain(&a.output))
        .map(|f| name_of(&f.ty))
        .collect();
    let mut used = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if let Some((key, data_type)) = oracle.data_types.get_key_value(name.as_str()) {
            if used.insert(key.as_str()) {
                todo.extend(data_type.fields.iter().map(|f| name_of(&f.ty)));
            }
        }
    }
    used
}

/// Splits the mismatches: on pages that could not be read, judged, or failing.
///
/// A mismatch lies on an unread page when it concerns an action whose page failed, a
/// structure when the Data Types page failed or when only actions whose pages failed use
/// it (the parser keeps only the structures the actions it read use), the Error Codes
/// page's codes when it failed, or an error code that only unread actions list.
fn sort_mismatches(outcome: &mut Outcome, oracle: &Oracle) {
    let stem = |page: &str| page.rsplit_once('.').map_or(page, |(stem, _)| stem).to_string();
    let unread_pages: BTreeSet<String> = outcome.failures.iter().map(|f| stem(&f.page)).collect();
    let action_read = |name: &str| !unread_pages.contains(name);
    let used = structures_used(oracle, action_read);
    let unread_codes: BTreeSet<&str> = oracle
        .actions
        .iter()
        .filter(|(name, _)| !action_read(name))
        .flat_map(|(_, a)| a.errors.iter().map(String::as_str))
        .collect();
    let read_codes: BTreeSet<&str> = oracle
        .actions
        .iter()
        .filter(|(name, _)| action_read(name))
        .flat_map(|(_, a)| a.errors.iter().map(String::as_str))
        .collect();
    for mismatch in std::mem::take(&mut outcome.report.mismatches) {
        let missing = mismatch.message.ends_with(" is missing");
        let unread = !outcome.read_some
            || match mismatch.owner_kind {
                Owner::Action => !action_read(&mismatch.owner),
                Owner::DataType => {
                    unread_pages.contains("DataTypes")
                        || oracle.data_types.contains_key(&mismatch.owner) && !used.contains(mismatch.owner.as_str())
                }
                Owner::Product => {
                    matches!(mismatch.category, "common codes" | "service codes")
                        && (unread_pages.contains("ErrorCodes")
                            || missing
                                && unread_codes.contains(mismatch.item.as_str())
                                && !read_codes.contains(mismatch.item.as_str()))
                }
            };
        if unread {
            outcome.unread.push(mismatch.clone());
        } else {
            match judgements::verdict(&outcome.unit.judgements, &outcome.warnings, &mismatch) {
                Verdict::Judged(j) => outcome.judged.push((mismatch.clone(), j.clone())),
                Verdict::Unwarned(j) => {
                    let mut mismatch = mismatch.clone();
                    let note = format!(" (judged row {} `{}`, but the parser gave no warning there)", j.page, j.row);
                    mismatch.message.push_str(&note);
                    outcome.failing.push(mismatch);
                }
                Verdict::None => outcome.failing.push(mismatch.clone()),
            }
        }
        outcome.report.mismatches.push(mismatch);
    }
}

/// The sets the arguments name, as (set name, root folder) pairs; archives are unpacked
/// into the cache first.
pub fn sets(args: &ConformanceArgs) -> Result<Vec<(String, PathBuf)>> {
    let shared = args.shared.clone().unwrap_or_else(|| crate::workspace_root().join("../shared"));
    let cache_root = args.cache.clone().unwrap_or_else(cache::default_root);
    let mut sets = Vec::new();
    if args.catalog || args.all {
        let archive = shared.join("corpus/catalog.tar.xz");
        if !archive.is_file() {
            bail!("{}: no such archive (the reference data `../shared` is missing?)", archive.display());
        }
        let (dir, fresh) = cache::unpacked(&archive, &cache_root, "catalog")?;
        if fresh {
            eprintln!("unpacked {} into {}", archive.display(), dir.display());
        }
        sets.push(("catalog".to_string(), dir));
    }
    if args.real || args.all {
        let real = shared.join("real");
        if !real.is_dir() {
            bail!("{}: no such folder (the reference data `../shared` is missing?)", real.display());
        }
        sets.push(("real".to_string(), real.clone()));
        let archive = real.join("html-en-md.tar.xz");
        let (dir, fresh) = cache::unpacked(&archive, &cache_root, "html-en-md")?;
        if fresh {
            eprintln!("unpacked {} into {}", archive.display(), dir.display());
        }
        sets.push(("real/html-en-md".to_string(), dir));
    }
    for tree in &args.tree {
        if !tree.is_dir() {
            bail!("{}: no such folder", tree.display());
        }
        let name = tree.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        sets.push((name.unwrap_or_else(|| tree.display().to_string()), tree.clone()));
    }
    if sets.is_empty() {
        bail!("say what to check: --docs DIR --oracle FILE, --catalog, --real, --all or --tree DIR");
    }
    Ok(sets)
}

/// Checks every unit of the sets, two at a time (one per core).
pub fn check_sets(sets: &[(String, PathBuf)]) -> Result<Vec<Outcome>> {
    let mut units = Vec::new();
    for (set, root) in sets {
        let found = discover_units(root, set)?;
        if found.is_empty() {
            bail!("{}: no folder with an {ORACLE} in it", root.display());
        }
        units.extend(found);
    }
    // The largest folders first, so that no large one is left alone at the end.
    let mut order: Vec<(u64, usize)> = units.iter().enumerate().map(|(i, u)| (folder_bytes(&u.docs), i)).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let outcomes = codegen::parallel::map(&order, |&(_, i)| (i, check(&units[i])));
    let mut outcomes: Vec<(usize, Outcome)> = outcomes;
    outcomes.sort_by_key(|(i, _)| *i);
    Ok(outcomes.into_iter().map(|(_, o)| o).collect())
}

fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir).into_iter().flatten().flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()
}

/// `--catalog`, `--real`, `--all`, `--tree`: prints a line per unit, then the summary;
/// Ok(true) when every unit is perfect.
pub fn run(args: &ConformanceArgs) -> Result<bool> {
    let sets = sets(args)?;
    let start = std::time::Instant::now();
    let outcomes = check_sets(&sets)?;
    let options = summary::Options { details: args.details, warnings: args.warnings };
    print!("{}", summary::render(&outcomes, &options));
    println!("({} folders in {:.1} s)", outcomes.len(), start.elapsed().as_secs_f64());
    Ok(outcomes.iter().all(Outcome::is_perfect))
}
