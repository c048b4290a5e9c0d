//! What a run gathers before placing anything: the pages read (candidates), the error
//! lines, and the products they came from. A product crawled from its overview page
//! ([`crawl`]), a folder of Markdown sources ([`read_folder`]), pages named or listed in
//! the manifest ([`jobs`], [`take_outcomes`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Result};
use codegen::pages::Form;

use crate::args::FetchArgs;
use crate::http::{self, Job, Outcome, Staging};
use crate::links;
use crate::local;
use crate::manifest::{self, Manifest};
use crate::missing::{self, Gone};
use crate::place::{Body, Candidate};
use crate::read::{self, Unread};

/// What a run did, for its summary.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub(crate) failed: usize,
    pub(crate) skipped: usize,
    pub(crate) new: usize,
    pub(crate) changed: usize,
    pub(crate) unchanged: usize,
    pub(crate) gone: usize,
}

/// What a run gathered before placing anything.
#[derive(Debug, Default)]
pub(crate) struct Gathered {
    pub(crate) tally: Tally,
    /// `error:` lines (each makes the run fail).
    pub(crate) errors: Vec<String>,
    /// Lines printed before the page report (a git checkout's commit change).
    pub(crate) notes: Vec<String>,
    /// The API pages read.
    pub(crate) candidates: Vec<Candidate>,
    /// Pages of products the manifest lists that their source no longer has (`--update`).
    pub(crate) gone: Vec<Gone>,
    /// The product sources read.
    pub(crate) products: Vec<ProductRun>,
}

/// A product source read by the run.
#[derive(Debug)]
pub(crate) struct ProductRun {
    /// Its key in the manifest: overview URL or folder.
    pub(crate) source: String,
    /// For a git checkout, its commit now.
    pub(crate) git_commit: Option<String>,
    /// The sources (URLs, files) of the candidates it gave.
    pub(crate) sources: BTreeSet<String>,
    /// Its pages in the manifest before the run (`--update`).
    pub(crate) before: Vec<String>,
}

impl Gathered {
    /// Adds a product's candidates, remembering which they are.
    pub(crate) fn product(
        &mut self,
        source: String,
        git_commit: Option<String>,
        before: Vec<String>,
        found: Vec<Candidate>,
    ) {
        let sources = found.iter().map(|c| c.source.clone()).collect();
        self.candidates.extend(found);
        self.products.push(ProductRun { source, git_commit, sources, before });
    }
}

pub(crate) fn settings(args: &FetchArgs) -> http::Settings {
    http::Settings { concurrency: args.concurrency, rate: args.rate, attempts: args.attempts }
}

/// A page of the manifest: its place and its source (a URL or a file).
pub(crate) type ManifestPage = (String, String);

/// Crawls a product from its overview page `given` (fetched as `url`, without its
/// fragment). `known` are the product's pages the manifest lists (`--update`): fetched
/// whether or not a page still links to them; one the site answers 404 (or 410) for is
/// gone, and so is no failure, nor is a page linked that the site lacks (a warning). On a
/// first fetch, every page that fails is an error.
pub(crate) fn crawl(
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
                    Some(place) if not_found => g.gone.push(Gone { place, why: message }),
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
        eprintln!("{}", missing::lacking_line(url, lacking));
    }
    Ok(found)
}

/// Reads every Markdown file of a source folder; `known` maps the files the manifest
/// lists (their absolute paths) to their places. A file that is not an API page is
/// skipped, unless the manifest lists it (then it is an error).
pub(crate) fn read_folder(root: &Path, known: &BTreeMap<String, String>, g: &mut Gathered) -> Result<Vec<Candidate>> {
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
pub(crate) fn jobs(args: &FetchArgs, manifest: &Manifest) -> Result<(Vec<Job>, Vec<ManifestPage>)> {
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
pub(crate) fn take_outcomes(outcomes: Vec<Outcome>, g: &mut Gathered) {
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
pub(crate) fn read_local(path: &Path, label: String, previous: Option<String>) -> Result<Candidate, Unread> {
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
