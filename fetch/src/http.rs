//! Downloading pages, politely: bounded concurrency, a rate pacer, retries with backoff
//! (network errors, cut bodies, 429 and 5xx; never a 404), progress on stderr. With a
//! [`Site`], the downloads crawl it: the links of every page fetched to pages of the
//! product's folder are fetched too, breadth first, up to a number of pages.
//!
//! Each downloaded page is read (`read::read_page`) by the task that fetched it; the
//! bodies of API pages are kept in a [`Staging`] folder until the run places them, so a
//! product's pages are never all held in memory.

use std::collections::{BTreeSet, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::links::Site;
use crate::read::{self, Kind, Unread};

/// One page to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// What names it in messages (the name given, the manifest path, the page id).
    pub label: String,
    /// The page's URL.
    pub url: String,
    /// Where the page goes when it states no product (Data Types, Error Codes): the
    /// manifest path it was fetched for, on `--update`.
    pub place: Option<String>,
}

/// How to download.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Downloads at once.
    pub concurrency: usize,
    /// Requests per second at most.
    pub rate: f64,
    /// Attempts per page.
    pub attempts: u32,
}

/// A crawl of a product's folder.
#[derive(Debug, Clone)]
pub struct Crawl {
    /// The product's folder.
    pub site: Site,
    /// Pages fetched at most (the overview included).
    pub max_pages: usize,
}

/// What became of one job.
#[derive(Debug)]
pub enum Outcome {
    /// The download failed (`HTTP 404 Not Found`, a network error).
    Failed {
        /// The page.
        job: Job,
        /// What went wrong.
        message: String,
        /// The HTTP status of the last answer, when there was one (404: the site has no
        /// such page).
        status: Option<u16>,
    },
    /// The page was downloaded and read; an API page's body is staged.
    Read {
        /// The page.
        job: Job,
        /// What it is and the staged file of its body, or why it is not kept.
        read: Result<(Kind, PathBuf), Unread>,
    },
}

/// The result of [`run`]: every job's outcome in the order they finished, and how many
/// pages of a crawl were left out by its page limit.
#[derive(Debug, Default)]
pub struct Report {
    /// One per page fetched.
    pub outcomes: Vec<Outcome>,
    /// Pages of the folder found but not fetched (`--max-pages`).
    pub beyond_limit: usize,
}

/// A hidden folder inside the docs folder holding downloaded pages until they are placed
/// (the same file system, so placing one is a rename). Removed when dropped.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    next: AtomicUsize,
}

impl Staging {
    /// A fresh staging folder inside `docs` (created on first use).
    pub fn new(docs: &Path) -> Staging {
        Staging { dir: docs.join(format!(".fetch-{}.staging", std::process::id())), next: AtomicUsize::new(0) }
    }

    /// Keeps a body; returns the file holding it.
    fn put(&self, body: &[u8]) -> Result<PathBuf> {
        std::fs::create_dir_all(&self.dir).with_context(|| format!("creating {}", self.dir.display()))?;
        let path = self.dir.join(self.next.fetch_add(1, Ordering::Relaxed).to_string());
        std::fs::write(&path, body).with_context(|| format!("writing {}", path.display()))?;
        Ok(path)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Spaces requests out to a rate.
struct Pacer {
    interval: Duration,
    next: tokio::sync::Mutex<Instant>,
}

impl Pacer {
    async fn wait(&self) {
        let at = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let at = (*next).max(now);
            *next = at + self.interval;
            at
        };
        tokio::time::sleep_until(at.into()).await;
    }
}

/// Downloads a page; on failure, what went wrong and the HTTP status of the last answer.
async fn download(
    client: &reqwest::Client,
    pacer: &Pacer,
    url: &str,
    attempts: u32,
) -> Result<Vec<u8>, (String, Option<u16>)> {
    let mut delay = Duration::from_millis(250);
    let mut last = String::new();
    let mut last_status = None;
    for attempt in 1..=attempts.max(1) {
        pacer.wait().await;
        let retryable = match client.get(url).send().await {
            Ok(response) => {
                let status = response.status();
                if status.is_success() {
                    match response.bytes().await {
                        Ok(bytes) => return Ok(bytes.to_vec()),
                        Err(e) => {
                            last = format!("reading the body: {e}");
                            last_status = None;
                            true
                        }
                    }
                } else {
                    last = format!("HTTP {status}");
                    last_status = Some(status.as_u16());
                    status.as_u16() == 429 || status.is_server_error()
                }
            }
            Err(e) => {
                last = format!("{e}");
                last_status = None;
                true
            }
        };
        if !retryable || attempt >= attempts {
            break;
        }
        tokio::time::sleep(delay).await;
        delay *= 2;
    }
    Err((last, last_status))
}

/// Shows progress on stderr: a bar on a terminal, a line per tenth otherwise. The total
/// grows as a crawl finds pages.
struct Progress {
    total: AtomicUsize,
    done: AtomicUsize,
    terminal: bool,
}

impl Progress {
    fn tick(&self, label: &str) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let total = self.total.load(Ordering::Relaxed).max(done);
        if total < 2 {
            return;
        }
        if self.terminal {
            let width = 30;
            let filled = width * done / total;
            eprint!("\r[{}{}] {done}/{total} {label:<40.40}", "#".repeat(filled), "-".repeat(width - filled));
            if done == total {
                eprintln!();
            }
        } else if done == total || done.is_multiple_of((total / 10).max(1)) {
            eprintln!("fetch: {done}/{total} pages");
        }
    }
}

/// Downloads the jobs (and, with a crawl, the pages they lead to) and reads each page.
pub fn run(settings: &Settings, jobs: Vec<Job>, crawl: Option<Crawl>, staging: Arc<Staging>) -> Result<Report> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(run_async(settings, jobs, crawl, staging))
}

async fn run_async(settings: &Settings, jobs: Vec<Job>, crawl: Option<Crawl>, staging: Arc<Staging>) -> Result<Report> {
    // TLS: rustls with ring (unless a provider is installed already).
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("tencentcloud-api-xtask/", env!("CARGO_PKG_VERSION")))
        .build()?;
    let pacer = Arc::new(Pacer {
        interval: Duration::from_secs_f64(1.0 / settings.rate.max(0.01)),
        next: tokio::sync::Mutex::new(Instant::now()),
    });
    let progress = Arc::new(Progress {
        total: AtomicUsize::new(0),
        done: AtomicUsize::new(0),
        terminal: std::io::stderr().is_terminal(),
    });
    let permits = Arc::new(tokio::sync::Semaphore::new(settings.concurrency.max(1)));
    let site = crawl.as_ref().map(|c| Arc::new(c.site.clone()));
    let mut tasks = tokio::task::JoinSet::new();
    let spawn = |tasks: &mut tokio::task::JoinSet<(Outcome, BTreeSet<String>)>, job: Job| {
        let (client, pacer, progress, permits) = (client.clone(), pacer.clone(), progress.clone(), permits.clone());
        let (staging, site, attempts) = (staging.clone(), site.clone(), settings.attempts);
        progress.total.fetch_add(1, Ordering::Relaxed);
        tasks.spawn(async move {
            let outcome = match permits.acquire_owned().await {
                Ok(_permit) => match download(&client, &pacer, &job.url, attempts).await {
                    Ok(body) => read_downloaded(job.clone(), body, site, staging).await,
                    Err((message, status)) => (Outcome::Failed { job: job.clone(), message, status }, BTreeSet::new()),
                },
                Err(e) => (Outcome::Failed { job: job.clone(), message: e.to_string(), status: None }, BTreeSet::new()),
            };
            progress.tick(&job.label);
            outcome
        });
    };
    let mut seen: HashSet<String> = HashSet::new();
    for job in jobs {
        let fresh = seen.insert(job.url.clone());
        // The overview given with a query is the page its links name without one.
        if let Some(site) = &site {
            if let Some(id) = site.page_id(&job.url) {
                seen.insert(site.page_url(id));
            }
        }
        if fresh {
            spawn(&mut tasks, job);
        }
    }
    let mut report = Report::default();
    let mut beyond = BTreeSet::new();
    while let Some(joined) = tasks.join_next().await {
        let (outcome, links) = joined?;
        if let (Some(crawl), Some(site)) = (&crawl, &site) {
            for id in links {
                let url = site.page_url(&id);
                if seen.contains(&url) {
                    continue;
                }
                if seen.len() >= crawl.max_pages {
                    beyond.insert(url);
                    continue;
                }
                seen.insert(url.clone());
                spawn(&mut tasks, Job { label: id, url, place: None });
            }
        }
        report.outcomes.push(outcome);
    }
    report.beyond_limit = beyond.len();
    Ok(report)
}

/// Reads a downloaded page (on a blocking thread: a real page is 1.4 MB of HTML), stages
/// the body of an API page, and finds the links of a crawl.
async fn read_downloaded(
    job: Job,
    body: Vec<u8>,
    site: Option<Arc<Site>>,
    staging: Arc<Staging>,
) -> (Outcome, BTreeSet<String>) {
    let reading = job.clone();
    let work = tokio::task::spawn_blocking(move || {
        let links = site.map(|s| s.links(&String::from_utf8_lossy(&body))).unwrap_or_default();
        let read = match read::read_page(&reading.url, &body, read::form_of_download(&body)) {
            Ok(kind) => match staging.put(&body) {
                Ok(path) => Ok((kind, path)),
                Err(e) => return (Outcome::Failed { job: reading, message: format!("{e:#}"), status: None }, links),
            },
            Err(unread) => Err(unread),
        };
        (Outcome::Read { job: reading, read }, links)
    });
    match work.await {
        Ok(result) => result,
        Err(e) => {
            (Outcome::Failed { job, message: format!("reading the page failed: {e}"), status: None }, BTreeSet::new())
        }
    }
}
