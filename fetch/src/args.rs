//! The command line of the crawler (`cargo xtask fetch`, the `fetch` binary).

use std::path::{Path, PathBuf};

/// The docs folder when `--docs` is not given: `docs-src/` of the workspace (the parent
/// of this crate).
pub fn default_docs() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).join("docs-src")
}

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
