//! The crawler behind `cargo xtask fetch` (its binary, `fetch`, is what that command
//! runs): brings documentation pages into `docs-src/`.
//!
//! Three ways to name pages:
//!
//! - by action (`AssociateAddress`, looked up as `<base-url>/<name>.html`) or by URL;
//! - a whole product, `--product URL` with the URL of its API overview page: the pages of
//!   the overview's folder it links to (by `href` or in the site's embedded navigation
//!   tree), and the pages those link to, breadth first (see `links`);
//! - a whole folder of Tencent's Markdown doc sources, `--product DIR` (a git checkout
//!   too: its commit is recorded).
//!
//! Each page is read before it is kept (`read`): an action page goes to
//! `<product>/<version>/<Action>.html` (`.md`) by the product and version it states, the
//! Data Types and Error Codes pages beside the action pages (`place`). Pages of a product
//! that are not API pages are skipped and counted. Every kept page's source goes into
//! `docs-src/manifest.json` ([`Manifest`]), so that `--update` refetches (or re-reads) them
//! all and reports which changed; the products it records are read again whole
//! (`update`): pages new to a product are fetched (`new:`), pages it no longer has are
//! reported (`gone:`) and left in place. Polite (`http`): bounded concurrency and rate, retries
//! with backoff; atomic writes (a failed download never leaves half a page); one
//! `error: <label> (<url>): <message>` line per failed page, and exit status 1 then.

//!
//! The modules, each using only those listed before it: `args` (the command line),
//! `manifest`, `local` (Markdown source folders), `read` (what a page is), `links` (a
//! product's folder on the site), `missing` (gone and lacking pages), `http` (downloads),
//! `place` (where pages go, and writing them), `gather` (the pages of a run),
//! `update` (`--update` of the products), then [`run`] here.

#![warn(missing_docs)]

mod args;
mod gather;
mod http;
mod links;
mod local;
mod manifest;
mod missing;
mod place;
mod read;
mod update;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Context, Result};

pub use args::{default_docs, FetchArgs, DEFAULT_BASE_URL};
pub use manifest::{Manifest, ProductSource};

use gather::{crawl, jobs, read_folder, read_local, settings, take_outcomes, Gathered, ProductRun};
use http::Staging;
use place::Written;
use read::Unread;

/// Runs `cargo xtask fetch`; `Ok(false)` when a page failed.
pub fn run(args: &FetchArgs) -> Result<bool> {
    let docs = args.docs.clone().unwrap_or_else(default_docs);
    let mut manifest = Manifest::load(&docs)?;
    let fallback = args.place.as_deref().map(parse_place).transpose()?;
    let staging = Arc::new(Staging::new(&docs));
    let mut g = Gathered::default();

    match args.product.as_deref() {
        Some(source) if manifest::is_url(source) => {
            let url = source.split('#').next().unwrap_or(source).to_string();
            let found = crawl(args, source, &url, &[], &staging, &mut g)?;
            g.product(url, None, Vec::new(), found);
        }
        Some(source) => {
            let dir = Path::new(source);
            if !dir.is_dir() {
                bail!("`{source}` is neither a URL nor a folder");
            }
            let root = std::fs::canonicalize(dir).with_context(|| format!("reading {source}"))?;
            let found = read_folder(&root, &BTreeMap::new(), &mut g)?;
            g.product(root.display().to_string(), local::git_commit(&root), Vec::new(), found);
        }
        None => {
            if args.update {
                update::products(args, &manifest, &staging, &mut g)?;
            }
            let (jobs, local_pages) = jobs(args, &manifest)?;
            for (place, path) in local_pages {
                match read_local(Path::new(&path), place.clone(), Some(place.clone())) {
                    Ok(candidate) => g.candidates.push(candidate),
                    Err(Unread::NotApi(m) | Unread::Broken(m)) => {
                        g.errors.push(format!("error: {place} ({path}): {m}"))
                    }
                }
            }
            if !jobs.is_empty() {
                let report = http::run(&settings(args), jobs, None, staging.clone())?;
                take_outcomes(report.outcomes, &mut g);
            }
        }
    }

    let Gathered { mut tally, mut errors, notes, candidates, mut gone, products } = g;
    let (placed, unplaced) = match place::place_all(candidates, fallback.as_ref()) {
        Ok(placed) => placed,
        Err(lines) => {
            errors.extend(lines);
            errors.sort();
            for line in &errors {
                eprintln!("{line}");
            }
            println!("fetch: nothing written: pages would overwrite each other");
            return Ok(false);
        }
    };
    errors.extend(unplaced);
    errors.sort();
    for line in &errors {
        eprintln!("{line}");
    }
    tally.failed = errors.len();

    // A page gone from its place that another page took (it moved) is not gone.
    let places: BTreeSet<&str> = placed.iter().map(|p| p.place.as_str()).collect();
    gone.retain(|g| !places.contains(g.place.as_str()));
    gone.sort_by(|a, b| a.place.cmp(&b.place));
    gone.dedup_by(|a, b| a.place == b.place);

    let mut report = Vec::new();
    for p in &placed {
        let written = place::write(&docs, p)?;
        match written {
            Written::New => {
                tally.new += 1;
                if args.update {
                    report.push((p.place.clone(), format!("new: {}", p.place)));
                }
            }
            Written::Changed { .. } => tally.changed += 1,
            Written::Unchanged => tally.unchanged += 1,
        }
        if let Some(line) = written.report(&p.place) {
            report.push((p.place.clone(), line));
        }
        manifest.pages.insert(p.place.clone(), p.page.source.clone());
    }
    // A gone page stays (and in the manifest, to be reported again) until the user
    // deletes it; then it leaves the manifest.
    let mut dropped = BTreeSet::new();
    for page in &gone {
        if docs.join(&page.place).exists() {
            tally.gone += 1;
            report.push((page.place.clone(), page.report()));
        } else {
            manifest.pages.remove(&page.place);
            dropped.insert(page.place.clone());
        }
    }
    report.sort();
    for line in notes.iter().chain(report.iter().map(|(_, line)| line)) {
        println!("{line}");
    }
    for run in &products {
        let mut pages: BTreeSet<String> = run.before.iter().filter(|p| !dropped.contains(*p)).cloned().collect();
        pages.extend(placed.iter().filter(|p| run.sources.contains(&p.page.source)).map(|p| p.place.clone()));
        manifest.products.insert(
            run.source.clone(),
            ProductSource { git_commit: run.git_commit.clone(), pages: pages.into_iter().collect() },
        );
    }
    drop(staging);
    manifest.save(&docs)?;

    let written = tally.new + tally.changed + tally.unchanged;
    if args.update {
        println!(
            "fetch: {} pages, {} new, {} changed, {} unchanged, {} gone, {} failed",
            written + tally.gone + tally.failed,
            tally.new,
            tally.changed,
            tally.unchanged,
            tally.gone,
            tally.failed
        );
    } else {
        let product = products.first();
        let skipped = match (tally.skipped, product.is_some()) {
            (0, false) => String::new(),
            (1, _) => ", 1 page that is not an API page skipped".to_string(),
            (n, _) => format!(", {n} pages that are not API pages skipped"),
        };
        let commit = match product {
            Some(ProductRun { source, git_commit: Some(commit), .. }) => format!("; {source} at git commit {commit}"),
            _ => String::new(),
        };
        println!(
            "fetch: {written} pages written, {} failed{skipped} (manifest: {}{commit})",
            tally.failed,
            Manifest::path(&docs).display()
        );
    }
    Ok(tally.failed == 0)
}

/// `cvm/2017-03-12` → (`cvm`, `2017-03-12`).
fn parse_place(text: &str) -> Result<(String, String)> {
    match text.split_once('/') {
        Some((product, version)) if read::is_path_component(product) && read::is_path_component(version) => {
            Ok((product.to_string(), version.to_string()))
        }
        _ => bail!("--place `{text}`: expected PRODUCT/VERSION (`cvm/2017-03-12`)"),
    }
}
