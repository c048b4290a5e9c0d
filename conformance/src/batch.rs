//! Conformance over many folders at once: every folder holding an `oracle.json` under a
//! tree (the unpacked catalog, the real pages, or any `--tree DIR`) is one **unit**,
//! checked on its own; a folder the parser cannot read is reported and the run goes on.
//!
//! The sets a run names ([`sets`]: archives unpacked into the cache first), all their
//! units checked ([`check_sets`]), and the report ([`run`]).

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use crate::cache;
use crate::check::check;
use crate::paths::default_shared;
use crate::request::{Conformance, Settings};
use crate::summary;
use crate::unit::{discover_units, Outcome, ORACLE};

/// The sets the arguments name, as (set name, root folder) pairs; archives are unpacked
/// into the cache first.
pub fn sets(args: &Settings) -> Result<Vec<(String, PathBuf)>> {
    let shared = args.shared.clone().unwrap_or_else(default_shared);
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
    let outcomes = codegen::parallel_map(&order, |&(_, i)| (i, check(&units[i])));
    let mut outcomes: Vec<(usize, Outcome)> = outcomes;
    outcomes.sort_by_key(|(i, _)| *i);
    Ok(outcomes.into_iter().map(|(_, o)| o).collect())
}

fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir).into_iter().flatten().flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()
}

/// `--catalog`, `--real`, `--all`, `--tree`: a line per unit, then the summary; perfect
/// when every unit is.
pub fn run(args: &Settings) -> Result<Conformance> {
    let sets = sets(args)?;
    let start = std::time::Instant::now();
    let outcomes = check_sets(&sets)?;
    let options = summary::Options { details: args.details, warnings: args.warnings };
    let mut report = summary::render(&outcomes, &options);
    report.push_str(&format!("({} folders in {:.1} s)\n", outcomes.len(), start.elapsed().as_secs_f64()));
    Ok(Conformance { report, perfect: outcomes.iter().all(Outcome::is_perfect) })
}
