//! `cargo xtask fetch`: brings documentation pages into `docs-src/`.
//!
//! Three ways to name pages:
//!
//! - by action (`AssociateAddress`, looked up as `<base-url>/<name>.html`) or by URL;
//! - a whole product, `--product URL` with the URL of its API overview page: the pages of
//!   the overview's folder it links to (by `href` or in the site's embedded navigation
//!   tree), and the pages those link to, breadth first (see [`links`]);
//! - a whole folder of Tencent's Markdown doc sources, `--product DIR` (a git checkout
//!   too: its commit is recorded).
//!
//! Each page is read before it is kept ([`read`]): an action page goes to
//! `<product>/<version>/<Action>.html` (`.md`) by the product and version it states, the
//! Data Types and Error Codes pages beside the action pages ([`place`]). Pages of a product
//! that are not API pages are skipped and counted. Every kept page's source goes into
//! `docs-src/manifest.json` ([`manifest`]), so that `--update` refetches (or re-reads) them
//! all and reports which changed. Polite ([`http`]): bounded concurrency and rate, retries
//! with backoff; atomic writes (a failed download never leaves half a page); one
//! `error: <label> (<url>): <message>` line per failed page, and exit status 1 then.

pub mod http;
pub mod links;
pub mod local;
pub mod manifest;
pub mod place;
pub mod read;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use codegen::page::Form;

pub use manifest::{write_atomically, Manifest, ProductSource};

use http::{Job, Outcome, Staging};
use place::{Body, Candidate, Written};
use read::Unread;

/// The default place pages are looked up by name.
pub const DEFAULT_BASE_URL: &str = "https://www.tencentcloud.com/document/api/vpc";

/// The command line of `cargo xtask fetch`.
#[derive(Debug, Clone, clap::Args)]
pub struct FetchArgs {
    /// Action names (`AssociateAddress`, `DataTypes`, `ErrorCodes`) or page URLs.
    pub pages: Vec<String>,
    /// Refetch every page recorded in the manifest (re-read the local ones) and report
    /// which changed.
    #[arg(long, conflicts_with = "product")]
    pub update: bool,
    /// A whole product: the URL of its API overview page
    /// (`https://cloud.tencent.com/document/api/213/15689`), or a folder of Markdown doc
    /// sources (`*.md`, a git checkout too).
    #[arg(long, value_name = "URL|DIR", conflicts_with = "pages")]
    pub product: Option<String>,
    /// Pages of a product fetched at most (the overview included).
    #[arg(long, default_value_t = 2000)]
    pub max_pages: usize,
    /// Where pages named by action are found: `<base-url>/<name>.html`.
    #[arg(long, default_value = DEFAULT_BASE_URL)]
    pub base_url: String,
    /// The docs folder (default: `docs-src/`).
    #[arg(long, value_name = "DIR")]
    pub docs: Option<PathBuf>,
    /// Where pages that state no product and version (Data Types, Error Codes) go when no
    /// action page beside them states one: `cvm/2017-03-12`.
    #[arg(long, value_name = "PRODUCT/VERSION")]
    pub place: Option<String>,
    /// Downloads at once.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Requests per second at most.
    #[arg(long, default_value_t = 5.0)]
    pub rate: f64,
    /// Attempts per page (network errors, 429 and 5xx are retried with backoff).
    #[arg(long, default_value_t = 3)]
    pub attempts: u32,
}

/// What a run did, for its summary.
#[derive(Debug, Default)]
struct Tally {
    /// Pages asked for on `--update` (manifest pages and named ones).
    asked: usize,
    failed: usize,
    skipped: usize,
    new: usize,
    changed: usize,
    unchanged: usize,
}

/// Runs `cargo xtask fetch`; `Ok(false)` when a page failed.
pub fn run(args: &FetchArgs) -> Result<bool> {
    let docs = args.docs.clone().unwrap_or_else(crate::default_docs);
    let mut manifest = Manifest::load(&docs)?;
    let fallback = args.place.as_deref().map(parse_place).transpose()?;
    let staging = Arc::new(Staging::new(&docs));
    let mut tally = Tally::default();
    let mut errors = Vec::new();
    let mut candidates = Vec::new();
    let mut product: Option<(String, Option<String>)> = None;

    match args.product.as_deref() {
        Some(source) if manifest::is_url(source) => {
            let site = links::Site::of_overview(source)?;
            let label = site.page_id(source).unwrap_or(source).to_string();
            let url = source.split('#').next().unwrap_or(source).to_string();
            let job = Job { label, url: url.clone(), place: None };
            let crawl = http::Crawl { site, max_pages: args.max_pages.max(1) };
            let report = http::run(&settings(args), vec![job], Some(crawl), staging.clone())?;
            if report.beyond_limit > 0 {
                eprintln!(
                    "warning: {} more pages of the product were found beyond --max-pages {}, not fetched",
                    report.beyond_limit, args.max_pages
                );
            }
            take_outcomes(report.outcomes, true, &mut tally, &mut errors, &mut candidates);
            product = Some((url, None));
        }
        Some(source) => {
            let dir = Path::new(source);
            if !dir.is_dir() {
                bail!("`{source}` is neither a URL nor a folder");
            }
            let root = std::fs::canonicalize(dir).with_context(|| format!("reading {source}"))?;
            for page in local::walk(&root)? {
                match read_local(&page.path, page.relative.clone(), None) {
                    Ok(candidate) => candidates.push(candidate),
                    Err(Unread::NotApi(_)) => tally.skipped += 1,
                    Err(Unread::Broken(message)) => {
                        errors.push(format!("error: {} ({}): {message}", page.relative, page.path.display()));
                    }
                }
            }
            product = Some((root.display().to_string(), local::git_commit(&root)));
        }
        None => {
            let (jobs, local_pages) = jobs(args, &manifest)?;
            tally.asked = jobs.len() + local_pages.len();
            for (place, path) in local_pages {
                match read_local(Path::new(&path), place.clone(), Some(place.clone())) {
                    Ok(candidate) => candidates.push(candidate),
                    Err(Unread::NotApi(m) | Unread::Broken(m)) => errors.push(format!("error: {place} ({path}): {m}")),
                }
            }
            if !jobs.is_empty() {
                let report = http::run(&settings(args), jobs, None, staging.clone())?;
                take_outcomes(report.outcomes, false, &mut tally, &mut errors, &mut candidates);
            }
        }
    }

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

    let mut kept = Vec::new();
    for p in &placed {
        let written = place::write(&docs, p)?;
        if let Some(line) = written.report(&p.place) {
            println!("{line}");
        }
        match written {
            Written::New => tally.new += 1,
            Written::Changed { .. } => tally.changed += 1,
            Written::Unchanged => tally.unchanged += 1,
        }
        manifest.pages.insert(p.place.clone(), p.page.source.clone());
        kept.push(p.place.clone());
    }
    if let Some((source, git_commit)) = &product {
        manifest.products.insert(source.clone(), ProductSource { git_commit: git_commit.clone(), pages: kept });
    }
    if args.update {
        refresh_commits(&mut manifest);
    }
    drop(staging);
    manifest.save(&docs)?;

    let written = tally.new + tally.changed + tally.unchanged;
    if args.update {
        let new = if tally.new > 0 { format!("{} new, ", tally.new) } else { String::new() };
        println!(
            "fetch: {} pages, {new}{} changed, {} unchanged, {} failed",
            tally.asked, tally.changed, tally.unchanged, tally.failed
        );
    } else {
        let skipped = match (tally.skipped, product.is_some()) {
            (0, false) => String::new(),
            (1, _) => ", 1 page that is not an API page skipped".to_string(),
            (n, _) => format!(", {n} pages that are not API pages skipped"),
        };
        let commit = match &product {
            Some((source, Some(commit))) => format!("; {source} at git commit {commit}"),
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

fn settings(args: &FetchArgs) -> http::Settings {
    http::Settings { concurrency: args.concurrency, rate: args.rate, attempts: args.attempts }
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

/// A local page of the manifest: its place and its file.
type LocalPage = (String, String);

/// The downloads of a run without `--product` (the manifest's pages on `--update`, and the
/// pages named), and the local pages of the manifest to re-read.
fn jobs(args: &FetchArgs, manifest: &Manifest) -> Result<(Vec<Job>, Vec<LocalPage>)> {
    let mut jobs = Vec::new();
    let mut local = Vec::new();
    if args.update {
        for (path, source) in &manifest.pages {
            if manifest::is_url(source) {
                jobs.push(Job { label: path.clone(), url: source.clone(), place: Some(path.clone()) });
            } else {
                local.push((path.clone(), source.clone()));
            }
        }
    }
    for page in &args.pages {
        let url = if manifest::is_url(page) {
            page.clone()
        } else if page.chars().all(|c| c.is_ascii_alphanumeric()) && !page.is_empty() {
            format!("{}/{page}.html", args.base_url.trim_end_matches('/'))
        } else {
            bail!("`{page}` is neither an action name nor a URL");
        };
        jobs.push(Job { label: page.clone(), url, place: None });
    }
    if jobs.is_empty() && local.is_empty() {
        bail!("nothing to fetch: name pages (actions or URLs) or a product (--product), or use --update");
    }
    jobs.sort_by(|a, b| a.url.cmp(&b.url));
    jobs.dedup_by(|a, b| a.url == b.url);
    Ok((jobs, local))
}

/// Sorts the outcomes of downloads into candidates, error lines and (when crawling)
/// skipped pages. Named pages that are not API pages are errors.
fn take_outcomes(
    outcomes: Vec<Outcome>,
    crawling: bool,
    tally: &mut Tally,
    errors: &mut Vec<String>,
    candidates: &mut Vec<Candidate>,
) {
    for outcome in outcomes {
        match outcome {
            Outcome::Failed { job, message } => errors.push(format!("error: {} ({}): {message}", job.label, job.url)),
            Outcome::Read { job, read: Ok((kind, staged)) } => candidates.push(Candidate {
                label: job.label,
                source: job.url,
                group: String::new(),
                kind,
                ext: "html",
                body: Body::Staged(staged),
                previous: job.place,
            }),
            Outcome::Read { read: Err(Unread::NotApi(_)), .. } if crawling => tally.skipped += 1,
            Outcome::Read { job, read: Err(Unread::NotApi(m) | Unread::Broken(m)) } => {
                let what = if crawling { "" } else { "not a documentation page: " };
                errors.push(format!("error: {} ({}): {what}{m}", job.label, job.url));
            }
        }
    }
}

/// Reads a local Markdown page into a candidate; `previous` is where it was before.
fn read_local(path: &Path, label: String, previous: Option<String>) -> Result<Candidate, Unread> {
    let body = std::fs::read(path).map_err(|e| Unread::Broken(format!("reading: {e}")))?;
    let kind = read::read_page(&path.display().to_string(), &body, Form::Markdown)?;
    Ok(Candidate {
        label,
        source: path.display().to_string(),
        group: path.parent().map(|p| p.display().to_string()).unwrap_or_default(),
        kind,
        ext: "md",
        body: Body::Memory(body),
        previous,
    })
}

/// On `--update`: the current commit of each git checkout a product came from.
fn refresh_commits(manifest: &mut Manifest) {
    for (source, product) in manifest.products.iter_mut() {
        if !manifest::is_url(source) && product.git_commit.is_some() {
            product.git_commit = local::git_commit(Path::new(source)).or(product.git_commit.take());
        }
    }
}
