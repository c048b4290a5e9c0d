//! Tencent's Markdown doc sources as a product source: a folder of `*.md` pages (or a git
//! checkout of them), walked in a fixed order.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

/// One Markdown file of a source folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePage {
    /// The path under the source folder, `/`-separated (for messages).
    pub relative: String,
    /// The absolute path (what the manifest records).
    pub path: PathBuf,
}

/// Every Markdown file (`*.md`, `*.markdown`) under `dir`, sorted by path; hidden files
/// and folders (`.git`) are passed over, and so are links to folders.
pub fn walk(dir: &Path) -> Result<Vec<SourcePage>> {
    let root = std::fs::canonicalize(dir).with_context(|| format!("reading {}", dir.display()))?;
    let mut pages = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("reading {}", folder.display()))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().with_context(|| format!("reading {}", path.display()))?;
            if kind.is_dir() {
                folders.push(path);
            } else if is_markdown(&path) && (kind.is_file() || path.is_file()) {
                let relative = path.strip_prefix(&root).unwrap_or(&path);
                let relative = relative.iter().map(|c| c.to_string_lossy()).collect::<Vec<_>>().join("/");
                pages.push(SourcePage { relative, path });
            }
        }
    }
    pages.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(pages)
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The `HEAD` commit of a git checkout (a folder with `.git`); `None` for any other folder,
/// or when git cannot tell.
pub fn git_commit(dir: &Path) -> Option<String> {
    if !dir.join(".git").exists() {
        return None;
    }
    let output = Command::new("git").arg("-C").arg(dir).args(["rev-parse", "HEAD"]).output().ok()?;
    let commit = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !commit.is_empty()).then_some(commit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_support::Scratch;

    #[test]
    fn walks_markdown_files_in_order() {
        let tmp = Scratch::new("fetch-walk");
        for name in ["b/Z.md", "a/Y.MD", "a/x.txt", ".git/HEAD.md", "a/.hidden.md", "c/d/W.markdown", "A.md"] {
            tmp.write(name, "x");
        }
        let pages = walk(tmp.path()).unwrap();
        let names: Vec<&str> = pages.iter().map(|p| p.relative.as_str()).collect();
        assert_eq!(names, ["A.md", "a/Y.MD", "b/Z.md", "c/d/W.markdown"]);
        assert!(pages.iter().all(|p| p.path.is_absolute() && p.path.is_file()));
        assert!(walk(&tmp.path().join("missing")).is_err());
        assert_eq!(git_commit(tmp.path()), None);
    }
}
