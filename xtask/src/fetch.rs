//! `cargo xtask fetch`: downloads documentation pages into `docs-src/`.
//!
//! Pages are named by action (`AssociateAddress`, looked up as `<base-url>/<name>.html`)
//! or by URL. Each page is read before it is kept: it must be a documentation page, and
//! its product and version (domain line, `Version` row) decide its folder,
//! `docs-src/<product>/<version>/<Title>.html`. Every page's URL goes into
//! `docs-src/manifest.json`, so that `--update` refreshes them all. Polite: bounded
//! concurrency and rate, retries with backoff; atomic writes (a failed download never
//! leaves half a page); one clear error per failed page.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use codegen::extract::PageRecord;
use codegen::page::Form;
use codegen::source::SourceFile;
use serde::{Deserialize, Serialize};

/// The default place pages are looked up by name.
pub const DEFAULT_BASE_URL: &str = "https://www.tencentcloud.com/document/api/vpc";

#[derive(Debug, Clone, clap::Args)]
pub struct FetchArgs {
    /// Action names (`AssociateAddress`, `DataTypes`, `ErrorCodes`) or page URLs.
    pub pages: Vec<String>,
    /// Refresh every page recorded in the manifest.
    #[arg(long)]
    pub update: bool,
    /// Where pages named by action are found: `<base-url>/<name>.html`.
    #[arg(long, default_value = DEFAULT_BASE_URL)]
    pub base_url: String,
    /// The docs folder (default: `docs-src/`).
    #[arg(long, value_name = "DIR")]
    pub docs: Option<PathBuf>,
    /// Product and version for pages that do not state them (Data Types, Error Codes),
    /// when no action page of the same run does.
    #[arg(long)]
    pub product: Option<String>,
    #[arg(long)]
    pub version: Option<String>,
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

/// `docs-src/manifest.json`: where each page came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Page path under the docs folder (`vpc/2017-03-12/AssociateAddress.html`) → URL.
    pub pages: BTreeMap<String, String>,
}

impl Manifest {
    pub fn path(docs: &Path) -> PathBuf {
        docs.join("manifest.json")
    }

    pub fn load(docs: &Path) -> Result<Manifest> {
        let path = Self::path(docs);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                serde_json::from_str(&text).with_context(|| format!("{}: not a fetch manifest", path.display()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::default()),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    pub fn save(&self, docs: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        write_atomically(&Self::path(docs), text.as_bytes())
    }
}

/// Writes a file through a temporary file in the same folder and a rename.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path.parent().context("a file path has a folder")?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.part", std::process::id()));
    std::fs::write(&temp, contents).with_context(|| format!("writing {}", temp.display()))?;
    std::fs::rename(&temp, path).with_context(|| format!("renaming {} to {}", temp.display(), path.display()))
}

/// One page to download.
#[derive(Debug, Clone)]
struct Job {
    /// What the user named it (for messages).
    label: String,
    url: String,
}

/// A downloaded page, read.
#[derive(Debug)]
struct Fetched {
    job: Job,
    body: Vec<u8>,
    title: String,
    /// Product and version the page states (action pages).
    stated: Option<(String, String)>,
}

fn jobs(args: &FetchArgs, manifest: &Manifest) -> Result<Vec<Job>> {
    let mut jobs = Vec::new();
    if args.update {
        jobs.extend(manifest.pages.iter().map(|(path, url)| Job { label: path.clone(), url: url.clone() }));
    }
    for page in &args.pages {
        let url = if page.starts_with("http://") || page.starts_with("https://") {
            page.clone()
        } else if page.chars().all(|c| c.is_ascii_alphanumeric()) && !page.is_empty() {
            format!("{}/{page}.html", args.base_url.trim_end_matches('/'))
        } else {
            bail!("`{page}` is neither an action name nor a URL");
        };
        jobs.push(Job { label: page.clone(), url });
    }
    if jobs.is_empty() {
        bail!("nothing to fetch: name pages (actions or URLs), or use --update");
    }
    jobs.sort_by(|a, b| a.url.cmp(&b.url));
    jobs.dedup_by(|a, b| a.url == b.url);
    Ok(jobs)
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

async fn download(client: &reqwest::Client, pacer: &Pacer, job: &Job, attempts: u32) -> Result<Vec<u8>, String> {
    let mut delay = Duration::from_millis(250);
    let mut last = String::new();
    for attempt in 1..=attempts.max(1) {
        pacer.wait().await;
        let retryable = match client.get(&job.url).send().await {
            Ok(response) => {
                let status = response.status();
                if status.is_success() {
                    match response.bytes().await {
                        Ok(bytes) => return Ok(bytes.to_vec()),
                        Err(e) => {
                            last = format!("reading the body: {e}");
                            true
                        }
                    }
                } else {
                    last = format!("HTTP {status}");
                    status.as_u16() == 429 || status.is_server_error()
                }
            }
            Err(e) => {
                last = format!("{e}");
                true
            }
        };
        if !retryable || attempt == attempts {
            break;
        }
        tokio::time::sleep(delay).await;
        delay *= 2;
    }
    Err(last)
}

/// Reads a downloaded page: its title and the product and version it states.
fn read_page(job: &Job, body: &[u8]) -> Result<(String, Option<(String, String)>), String> {
    let text = String::from_utf8(body.to_vec()).map_err(|e| format!("not UTF-8: {e}"))?;
    let form = if text.trim_start().starts_with('<') { Form::Html } else { Form::Text };
    let file = SourceFile::new(job.url.clone(), "page", text);
    let page = codegen::page::parse(&file, form).map_err(|e| e.to_string())?;
    match codegen::extract::extract(&page).map_err(|e| e.to_string())?.record {
        PageRecord::Action(raw) => {
            let product = raw.host.as_ref().and_then(|(h, _)| h.split('.').next()).unwrap_or_default().to_string();
            let version = codegen::lower::common_param_value(&raw.input, "Version").map(|(v, _)| v);
            match version {
                Some(version) if !product.is_empty() => Ok((raw.name, Some((product, version)))),
                _ => Err("the page states no product or version".to_string()),
            }
        }
        PageRecord::DataTypes(_) => Ok(("DataTypes".to_string(), None)),
        PageRecord::ErrorCodes(_) => Ok(("ErrorCodes".to_string(), None)),
    }
}

/// Shows progress on stderr: a bar on a terminal, a line per tenth otherwise.
struct Progress {
    total: usize,
    done: AtomicUsize,
    terminal: bool,
}

impl Progress {
    fn tick(&self, label: &str) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.total < 2 {
            return;
        }
        if self.terminal {
            let width = 30;
            let filled = width * done / self.total;
            eprint!("\r[{}{}] {done}/{} {label:<40.40}", "#".repeat(filled), "-".repeat(width - filled), self.total);
            if done == self.total {
                eprintln!();
            }
        } else if done == self.total || done * 10 / self.total != (done - 1) * 10 / self.total {
            eprintln!("fetch: {done}/{} pages", self.total);
        }
    }
}

pub fn run(args: &FetchArgs) -> Result<bool> {
    let docs = args.docs.clone().unwrap_or_else(crate::default_docs);
    let mut manifest = Manifest::load(&docs)?;
    let jobs = jobs(args, &manifest)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let results = runtime.block_on(fetch_all(args, jobs))?;

    // Where each page goes: its stated product and version, else the run's, else the flags.
    let stated: Vec<&(String, String)> =
        results.iter().filter_map(|r| r.as_ref().ok()).filter_map(|f| f.stated.as_ref()).collect();
    let run_default = match (&args.product, &args.version) {
        (Some(p), Some(v)) => Some((p.clone(), v.clone())),
        _ => {
            let mut distinct: Vec<&(String, String)> = stated.clone();
            distinct.sort();
            distinct.dedup();
            (distinct.len() == 1).then(|| distinct[0].clone())
        }
    };
    let mut failures = 0;
    let mut written = 0;
    for result in results {
        let fetched = match result {
            Ok(f) => f,
            Err((job, message)) => {
                eprintln!("error: {} ({}): {message}", job.label, job.url);
                failures += 1;
                continue;
            }
        };
        let Some((product, version)) = fetched.stated.clone().or_else(|| run_default.clone()) else {
            eprintln!(
                "error: {} ({}): the page states no product and version; fetch it with an action page of its product, or give --product and --version",
                fetched.job.label, fetched.job.url
            );
            failures += 1;
            continue;
        };
        let relative = format!("{product}/{version}/{}.html", fetched.title);
        write_atomically(&docs.join(&relative), &fetched.body)?;
        manifest.pages.insert(relative, fetched.job.url.clone());
        written += 1;
    }
    manifest.save(&docs)?;
    println!("fetch: {written} pages written, {failures} failed (manifest: {})", Manifest::path(&docs).display());
    Ok(failures == 0)
}

type JobResult = Result<Fetched, (Job, String)>;

async fn fetch_all(args: &FetchArgs, jobs: Vec<Job>) -> Result<Vec<JobResult>> {
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
        interval: Duration::from_secs_f64(1.0 / args.rate.max(0.01)),
        next: tokio::sync::Mutex::new(Instant::now()),
    });
    let progress =
        Arc::new(Progress { total: jobs.len(), done: AtomicUsize::new(0), terminal: std::io::stderr().is_terminal() });
    let permits = Arc::new(tokio::sync::Semaphore::new(args.concurrency.max(1)));
    let mut handles = Vec::new();
    for job in jobs {
        let (client, pacer, progress, permits) = (client.clone(), pacer.clone(), progress.clone(), permits.clone());
        let attempts = args.attempts;
        handles.push(tokio::spawn(async move {
            let _permit = permits.acquire_owned().await.expect("the semaphore is never closed");
            let result = match download(&client, &pacer, &job, attempts).await {
                Ok(body) => match read_page(&job, &body) {
                    Ok((title, stated)) => Ok(Fetched { job: job.clone(), body, title, stated }),
                    Err(message) => Err((job.clone(), format!("not a documentation page: {message}"))),
                },
                Err(message) => Err((job.clone(), message)),
            };
            progress.tick(&job.label);
            result
        }));
    }
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        results.push(handle.await?);
    }
    Ok(results)
}
