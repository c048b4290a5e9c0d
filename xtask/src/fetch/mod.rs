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
//! all and reports which changed; the products it records are read again whole
//! ([`update`]): pages new to a product are fetched (`new:`), pages it no longer has are
//! reported (`gone:`) and left in place. Polite ([`http`]): bounded concurrency and rate, retries
//! with backoff; atomic writes (a failed download never leaves half a page); one
//! `error: <label> (<url>): <message>` line per failed page, and exit status 1 then.

pub mod http;
pub mod links;
pub mod local;
pub mod manifest;
pub mod place;
pub mod read;
pub mod update;

use std::collections::{BTreeMap, BTreeSet};
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
    /// which changed; read the products it records again whole, fetching their new pages
    /// and reporting the pages they no longer have (left in place).
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
    failed: usize,
    skipped: usize,
    new: usize,
    changed: usize,
    unchanged: usize,
    gone: usize,
}

/// What a run gathered before placing anything.
#[derive(Debug, Default)]
struct Gathered {
    tally: Tally,
    /// `error:` lines (each makes the run fail).
    errors: Vec<String>,
    /// Lines printed before the page report (a git checkout's commit change).
    notes: Vec<String>,
    /// The API pages read.
    candidates: Vec<Candidate>,
    /// Pages of products the manifest lists that their source no longer has (`--update`).
    gone: Vec<update::Gone>,
    /// The product sources read.
    products: Vec<ProductRun>,
}

/// A product source read by the run.
#[derive(Debug)]
struct ProductRun {
    /// Its key in the manifest: overview URL or folder.
    source: String,
    /// For a git checkout, its commit now.
    git_commit: Option<String>,
    /// The sources (URLs, files) of the candidates it gave.
    sources: BTreeSet<String>,
    /// Its pages in the manifest before the run (`--update`).
    before: Vec<String>,
}

impl Gathered {
    /// Adds a product's candidates, remembering which they are.
    fn product(&mut self, source: String, git_commit: Option<String>, before: Vec<String>, found: Vec<Candidate>) {
        let sources = found.iter().map(|c| c.source.clone()).collect();
        self.candidates.extend(found);
        self.products.push(ProductRun { source, git_commit, sources, before });
    }
}

/// Runs `cargo xtask fetch`; `Ok(false)` when a page failed.
pub fn run(args: &FetchArgs) -> Result<bool> {
    let docs = args.docs.clone().unwrap_or_else(crate::default_docs);
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

/// A page of the manifest: its place and its source (a URL or a file).
type ManifestPage = (String, String);

/// Crawls a product from its overview page `given` (fetched as `url`, without its
/// fragment). `known` are the product's pages the manifest lists (`--update`): fetched
/// whether or not a page still links to them; one the site answers 404 (or 410) for is
/// gone, and so is no failure, nor is a page linked that the site lacks (a warning). On a
/// first fetch, every page that fails is an error.
fn crawl(
    args: &FetchArgs,
    given: &str,
    url: &str,
    known: &[ManifestPage],
    staging: &Arc<Staging>,
    g: &mut Gathered,
) -> Result<Vec<Candidate>> {
    let site = links::Site::of_overview(given)?;
    let label = site.page_id(given).unwrap_or(given).to_string();
    let mut jobs = vec![Job { label, url: url.to_string(), place: None }];
    jobs.extend(known.iter().map(|(place, source)| Job {
        label: place.clone(),
        url: source.clone(),
        place: Some(place.clone()),
    }));
    let crawl = http::Crawl { site, max_pages: args.max_pages.max(1) };
    let report = http::run(&settings(args), jobs, Some(crawl), staging.clone())?;
    if report.beyond_limit > 0 {
        eprintln!(
            "warning: {} more pages of the product were found beyond --max-pages {}, not fetched",
            report.beyond_limit, args.max_pages
        );
    }
    let mut found = Vec::new();
    let mut lacking = Vec::new();
    for outcome in report.outcomes {
        match outcome {
            Outcome::Failed { job, message, status } => {
                let not_found = args.update && matches!(status, Some(404 | 410)) && job.url != url;
                match job.place {
                    Some(place) if not_found => g.gone.push(update::Gone { place, why: message }),
                    None if not_found => lacking.push(job.label),
                    _ => g.errors.push(format!("error: {} ({}): {message}", job.label, job.url)),
                }
            }
            Outcome::Read { job, read: Ok((kind, staged)) } => found.push(Candidate {
                label: job.label,
                source: job.url,
                group: url.to_string(),
                kind,
                ext: "html",
                body: Body::Staged(staged),
                previous: job.place,
            }),
            Outcome::Read { job, read: Err(Unread::NotApi(_)) } if job.place.is_none() => g.tally.skipped += 1,
            Outcome::Read { job, read: Err(Unread::NotApi(m)) } => {
                g.errors.push(format!("error: {} ({}): no longer an API page: {m}", job.label, job.url));
            }
            Outcome::Read { job, read: Err(Unread::Broken(m)) } => {
                g.errors.push(format!("error: {} ({}): {m}", job.label, job.url));
            }
        }
    }
    if !lacking.is_empty() {
        eprintln!("{}", update::lacking_line(url, lacking));
    }
    Ok(found)
}

/// Reads every Markdown file of a source folder; `known` maps the files the manifest
/// lists (their absolute paths) to their places. A file that is not an API page is
/// skipped, unless the manifest lists it (then it is an error).
fn read_folder(root: &Path, known: &BTreeMap<String, String>, g: &mut Gathered) -> Result<Vec<Candidate>> {
    let mut found = Vec::new();
    for page in local::walk(root)? {
        let source = page.path.display().to_string();
        let previous = known.get(&source).cloned();
        let label = previous.clone().unwrap_or_else(|| page.relative.clone());
        let listed = previous.is_some();
        match read_local(&page.path, label.clone(), previous) {
            Ok(candidate) => found.push(candidate),
            Err(Unread::NotApi(_)) if !listed => g.tally.skipped += 1,
            Err(Unread::NotApi(message)) => {
                g.errors.push(format!("error: {label} ({source}): no longer an API page: {message}"));
            }
            Err(Unread::Broken(message)) => g.errors.push(format!("error: {label} ({source}): {message}")),
        }
    }
    Ok(found)
}

/// The downloads of a run without `--product` (on `--update`, the manifest's pages that
/// no product lists; and the pages named), and the local pages of the manifest that no
/// product lists, to re-read.
fn jobs(args: &FetchArgs, manifest: &Manifest) -> Result<(Vec<Job>, Vec<ManifestPage>)> {
    let mut jobs = Vec::new();
    let mut local = Vec::new();
    if args.update {
        let owned: BTreeSet<&String> = manifest.products.values().flat_map(|p| &p.pages).collect();
        for (path, source) in manifest.pages.iter().filter(|(path, _)| !owned.contains(path)) {
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
    let products = args.update && !manifest.products.is_empty();
    if jobs.is_empty() && local.is_empty() && !products {
        bail!("nothing to fetch: name pages (actions or URLs) or a product (--product), or use --update");
    }
    jobs.sort_by(|a, b| a.url.cmp(&b.url));
    jobs.dedup_by(|a, b| a.url == b.url);
    Ok((jobs, local))
}

/// Sorts the outcomes of downloads of named (or manifest) pages into candidates and error
/// lines: a failed download and a page that is not an API page are errors.
fn take_outcomes(outcomes: Vec<Outcome>, g: &mut Gathered) {
    for outcome in outcomes {
        match outcome {
            Outcome::Failed { job, message, .. } => {
                g.errors.push(format!("error: {} ({}): {message}", job.label, job.url));
            }
            Outcome::Read { job, read: Ok((kind, staged)) } => g.candidates.push(Candidate {
                label: job.label,
                source: job.url,
                group: String::new(),
                kind,
                ext: "html",
                body: Body::Staged(staged),
                previous: job.place,
            }),
            Outcome::Read { job, read: Err(Unread::NotApi(m) | Unread::Broken(m)) } => {
                g.errors.push(format!("error: {} ({}): not a documentation page: {m}", job.label, job.url));
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
