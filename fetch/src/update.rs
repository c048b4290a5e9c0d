//! `--update` of the products the manifest records: each source is read again whole, so
//! that pages it gained are fetched (`new:`), pages that changed are reported as any page
//! is (`changed:`), and pages it no longer has are reported `gone:` and left where they
//! are (the user deletes them to drop the action; the manifest then forgets them).
//!
//! - An overview URL is crawled again, and every page the manifest lists for it is fetched
//!   whether or not a page still links to it. A listed page the site answers 404 or 410
//!   for is gone; a linked page the site lacks that was never kept is a warning (as the
//!   saved sites show, overviews link to many pages a language site lacks). Network
//!   errors, 5xx after retries and other answers stay failures.
//! - A folder of Markdown sources is walked again: a listed file that no longer exists is
//!   gone. For a git checkout, a new commit is reported
//!   (`product <dir>: commit abc1234 → def5678`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;

use crate::args::FetchArgs;
use crate::gather::{crawl, read_folder, read_local, Gathered, ManifestPage};
use crate::http::Staging;
use crate::links::Site;
use crate::local;
use crate::manifest::{self, Manifest};
use crate::missing::Gone;
use crate::read::Unread;

/// Reads every product source of the manifest again (see the module's documentation).
pub(crate) fn products(args: &FetchArgs, manifest: &Manifest, staging: &Arc<Staging>, g: &mut Gathered) -> Result<()> {
    for (source, product) in &manifest.products {
        // The pages it gave last time, with their sources.
        let known: Vec<ManifestPage> = product
            .pages
            .iter()
            .filter_map(|place| manifest.pages.get(place).map(|source| (place.clone(), source.clone())))
            .collect();
        if manifest::is_url(source) {
            if let Err(e) = Site::of_overview(source) {
                g.errors.push(format!("error: {source}: {e:#}"));
                continue;
            }
            let found = crawl(args, source, source, &known, staging, g)?;
            g.product(source.clone(), None, product.pages.clone(), found);
            continue;
        }
        let root = Path::new(source);
        if !root.is_dir() {
            g.errors.push(format!(
                "error: {source}: the product's folder is not there any more; its {} pages are left as they are",
                product.pages.len()
            ));
            continue;
        }
        let commit = local::git_commit(root).or(product.git_commit.clone());
        if let (Some(old), Some(new)) = (&product.git_commit, &commit) {
            if old != new {
                g.notes.push(format!("product {source}: commit {} → {}", short(old), short(new)));
            }
        }
        let by_file: BTreeMap<String, String> =
            known.iter().map(|(place, file)| (file.clone(), place.clone())).collect();
        let mut found = read_folder(root, &by_file, g)?;
        // Listed files the walk did not find: gone, unless they are still there (a
        // folder turned hidden) and can be read.
        let walked: BTreeSet<String> = found.iter().map(|c| c.source.clone()).collect();
        for (place, file) in &known {
            if walked.contains(file) {
                continue;
            }
            if !Path::new(file).exists() {
                g.gone.push(Gone { place: place.clone(), why: "source file removed".to_string() });
                continue;
            }
            match read_local(Path::new(file), place.clone(), Some(place.clone())) {
                Ok(candidate) => found.push(candidate),
                Err(Unread::NotApi(m) | Unread::Broken(m)) => g.errors.push(format!("error: {place} ({file}): {m}")),
            }
        }
        g.product(source.clone(), commit, product.pages.clone(), found);
    }
    Ok(())
}

/// `abc1234`: the first seven characters of a commit.
fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_commits() {
        assert_eq!(short("0123456789abcdef"), "0123456");
        assert_eq!(short("abc"), "abc");
    }
}
