//! `cargo xtask diff --old A --new B`: the API changes between two versions of the docs.
//! A and B are each a docs folder, an IR JSON file, or `git:REV` (the `docs-src/` of that
//! revision). Exit status: 0 when nothing changed, 1 when something did, 2 on error.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use codegen::ir::Api;
use codegen::review::{self, Change, Review};

#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// The old API: a docs folder, an IR JSON file, or `git:REV`.
    #[arg(long, value_name = "SOURCE")]
    pub old: String,
    /// The new API: a docs folder, an IR JSON file, or `git:REV`.
    #[arg(long, value_name = "SOURCE")]
    pub new: String,
    /// `markdown` (a pull-request comment) or `json`.
    #[arg(long, default_value = "markdown", value_parser = ["markdown", "json"])]
    pub format: String,
}

/// Loads the product versions a source describes.
pub fn load(source: &str) -> Result<Vec<Api>> {
    if let Some(rev) = source.strip_prefix("git:") {
        let dir = checkout_docs(rev)?;
        let apis = load_docs(&dir.join("docs-src"));
        let _ = std::fs::remove_dir_all(&dir);
        return apis;
    }
    let path = Path::new(source);
    if path.is_file() {
        let text = std::fs::read_to_string(path).with_context(|| format!("{source}: cannot read"))?;
        let api: Api = serde_json::from_str(&text).with_context(|| format!("{source}: not an IR file"))?;
        return Ok(vec![api]);
    }
    if path.is_dir() {
        return load_docs(path);
    }
    bail!("{source}: neither a docs folder, an IR file, nor git:REV")
}

fn load_docs(dir: &Path) -> Result<Vec<Api>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    Ok(codegen::load_docs(dir)?.apis)
}

/// Writes the `docs-src/` of a git revision into a scratch folder.
fn checkout_docs(rev: &str) -> Result<PathBuf> {
    let root = crate::workspace_root();
    let git = |args: &[&str]| -> Result<Vec<u8>> {
        let output = Command::new("git").args(args).current_dir(&root).output().context("running git")?;
        if !output.status.success() {
            bail!("git {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim());
        }
        Ok(output.stdout)
    };
    let listing = git(&["ls-tree", "-r", "-z", "--name-only", rev, "--", "docs-src"])?;
    let dir = std::env::temp_dir().join(format!(
        "xtask-diff-{}-{}",
        std::process::id(),
        rev.replace(['/', ':', '~', '^'], "_")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for name in listing.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        let contents = git(&["show", &format!("{rev}:{name}")])?;
        let path = dir.join(&name);
        std::fs::create_dir_all(path.parent().unwrap_or(&dir))?;
        std::fs::write(&path, contents)?;
    }
    std::fs::create_dir_all(dir.join("docs-src"))?;
    Ok(dir)
}

/// A title for the report: the product versions compared.
fn title(old: &[Api], new: &[Api]) -> String {
    let names =
        |apis: &[Api]| apis.iter().map(|a| format!("{} {}", a.product, a.version)).collect::<Vec<_>>().join(", ");
    let (o, n) = (names(old), names(new));
    if o == n {
        o
    } else {
        format!("{o} → {n}")
    }
}

/// The API changes between two sources.
pub fn changes(old: &str, new: &str) -> Result<(String, Vec<Change>)> {
    let (old, new) = (load(old)?, load(new)?);
    Ok((title(&old, &new), review::diff(&old, &new)))
}

/// The whole review between two sources: the API changes and the Rust API view.
pub fn review(old: &str, new: &str) -> Result<Review> {
    let (old, new) = (load(old)?, load(new)?);
    let rust = review::rust_api(&old, &new).map_err(anyhow::Error::msg).context("generating the Rust API view")?;
    Ok(Review::new(title(&old, &new), review::diff(&old, &new), rust))
}

/// Prints the report; Ok(true) when something changed.
pub fn run(args: &DiffArgs) -> Result<bool> {
    let review = review(&args.old, &args.new)?;
    match args.format.as_str() {
        "json" => print!("{}", review.to_json()),
        _ => print!("{}", review.to_markdown()),
    }
    eprintln!("{}", review.summary);
    Ok(!review.is_empty())
}
