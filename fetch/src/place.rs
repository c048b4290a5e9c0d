//! Where read pages go in the docs folder, and writing them there.
//!
//! An action page goes to `<product>/<version>/<Action>.<ext>` by what it states. A Data
//! Types or Error Codes page goes where the action pages of its group state (a download
//! run is one group; a Markdown source folder is one per folder of files), else where it
//! was before (`--update`), else where `--place` says; an ambiguous group is an error.
//! Two different pages bound for the same place are an error naming both, and then
//! nothing at all is written. A page is written whole through a rename; a page whose bytes
//! are already there is not rewritten.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::manifest::write_atomically;
use crate::read::{self, Kind};

/// A page's bytes: in memory (a local source), or staged in a file (a download).
#[derive(Debug)]
pub enum Body {
    /// The bytes themselves.
    Memory(Vec<u8>),
    /// A file of the staging folder holding them.
    Staged(PathBuf),
}

impl Body {
    fn bytes(&self) -> Result<Cow<'_, [u8]>> {
        match self {
            Body::Memory(bytes) => Ok(Cow::Borrowed(bytes)),
            Body::Staged(path) => {
                Ok(Cow::Owned(std::fs::read(path).with_context(|| format!("reading {}", path.display()))?))
            }
        }
    }
}

/// An API page read, to be placed.
#[derive(Debug)]
pub struct Candidate {
    /// What names it in messages.
    pub label: String,
    /// Where it was read: a URL or an absolute file path (the manifest's value).
    pub source: String,
    /// Pages of one group place their Data Types and Error Codes pages together.
    pub group: String,
    /// What page it is.
    pub kind: Kind,
    /// The file extension: `html` (downloads) or `md` (Markdown sources).
    pub ext: &'static str,
    /// Its bytes, written unchanged.
    pub body: Body,
    /// Where a page that states no product was before (`--update`).
    pub previous: Option<String>,
}

/// A candidate with its place (a path under the docs folder).
#[derive(Debug)]
pub struct Placed {
    /// `cvm/2017-03-12/DescribeKeyPairs.html`.
    pub place: String,
    /// The page.
    pub page: Candidate,
}

/// The places of the candidates; pages that cannot be placed are `error:` lines. With two
/// pages bound for one place, the result is `Err` with those lines and one per such place.
pub fn place_all(
    candidates: Vec<Candidate>,
    fallback: Option<&(String, String)>,
) -> Result<(Vec<Placed>, Vec<String>), Vec<String>> {
    let mut stated: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for c in &candidates {
        if let Some(s) = c.kind.stated() {
            stated.entry(c.group.clone()).or_default().insert(s);
        }
    }
    let mut errors = Vec::new();
    let mut placed = Vec::new();
    for c in candidates {
        let place = match (c.kind.stated(), &c.previous) {
            (Some((product, version)), _) => Some(format!("{product}/{version}/{}.{}", c.kind.title(), c.ext)),
            (None, Some(previous)) => Some(previous.clone()),
            (None, None) => {
                let group = stated.get(&c.group);
                match (group.filter(|g| g.len() == 1).and_then(|g| g.first()), fallback) {
                    (Some((product, version)), _) | (None, Some((product, version))) => {
                        Some(format!("{product}/{version}/{}.{}", c.kind.title(), c.ext))
                    }
                    (None, None) => {
                        let why = match group {
                            Some(several) => format!(
                                "the action pages beside it state several products and versions ({})",
                                several.iter().map(|(p, v)| format!("{p}/{v}")).collect::<Vec<_>>().join(", ")
                            ),
                            None => {
                                "the page states no product and version, and no action page beside it does".to_string()
                            }
                        };
                        errors.push(format!("error: {} ({}): {why}; give --place PRODUCT/VERSION", c.label, c.source));
                        None
                    }
                }
            }
        };
        if let Some(place) = place {
            placed.push(Placed { place, page: c });
        }
    }
    placed.sort_by(|a, b| (&a.place, &a.page.source).cmp(&(&b.place, &b.page.source)));
    let mut clashes = Vec::new();
    for same in placed.chunk_by(|a, b| a.place == b.place) {
        let sources: BTreeSet<&str> = same.iter().map(|p| p.page.source.as_str()).collect();
        if sources.len() > 1 {
            let names: Vec<&str> = sources.into_iter().collect();
            clashes.push(format!(
                "error: {}: {} pages would be written there: {}",
                same[0].place,
                names.len(),
                names.join(" and ")
            ));
        }
    }
    if !clashes.is_empty() {
        errors.extend(clashes);
        return Err(errors);
    }
    // The same source twice (a page named twice) is written once.
    placed.dedup_by(|a, b| a.place == b.place);
    Ok((placed, errors))
}

/// What writing a placed page did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// There was no page at the place.
    New,
    /// The page there had other bytes; the last-updated times the old and new pages state.
    Changed {
        /// The old page's "last updated" time.
        old: Option<String>,
        /// The new page's.
        new: Option<String>,
    },
    /// The same bytes were there: not rewritten.
    Unchanged,
}

impl Written {
    /// `changed: <place> (last updated A → B)` or `(content only)`; `None` unless changed.
    pub fn report(&self, place: &str) -> Option<String> {
        match self {
            Written::Changed { old, new } if old != new => Some(format!(
                "changed: {place} (last updated {} → {})",
                old.as_deref().unwrap_or("not stated"),
                new.as_deref().unwrap_or("not stated")
            )),
            Written::Changed { .. } => Some(format!("changed: {place} (content only)")),
            _ => None,
        }
    }
}

/// Writes a placed page under `docs`, unless the same bytes are there.
pub fn write(docs: &Path, placed: &Placed) -> Result<Written> {
    let target = docs.join(&placed.place);
    let body = placed.page.body.bytes()?;
    let old = match std::fs::read(&target) {
        Ok(old) => Some(old),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("reading {}", target.display())),
    };
    if old.as_deref() == Some(&body[..]) {
        return Ok(Written::Unchanged);
    }
    let renamed = match &placed.page.body {
        Body::Staged(staged) => {
            let dir = target.parent().context("a page path has a folder")?;
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            std::fs::rename(staged, &target).is_ok()
        }
        Body::Memory(_) => false,
    };
    if !renamed {
        write_atomically(&target, &body)?;
    }
    Ok(match old {
        None => Written::New,
        Some(old) => Written::Changed { old: read::last_updated(&old), new: read::last_updated(&body) },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(source: &str, group: &str, kind: Kind) -> Candidate {
        Candidate {
            label: source.to_string(),
            source: source.to_string(),
            group: group.to_string(),
            kind,
            ext: "md",
            body: Body::Memory(Vec::new()),
            previous: None,
        }
    }

    fn action(product: &str, name: &str) -> Kind {
        Kind::Action { product: product.to_string(), version: "2020-01-01".to_string(), name: name.to_string() }
    }

    #[test]
    fn data_types_go_where_the_action_pages_of_their_group_are() {
        let (placed, errors) = place_all(
            vec![
                candidate("a/A.md", "a", action("cvm", "A")),
                candidate("a/DataTypes.md", "a", Kind::DataTypes),
                candidate("b/B.md", "b", action("vpc", "B")),
                candidate("b/ErrorCodes.md", "b", Kind::ErrorCodes),
                candidate("c/ErrorCodes.md", "c", Kind::ErrorCodes),
            ],
            None,
        )
        .unwrap();
        let places: Vec<&str> = placed.iter().map(|p| p.place.as_str()).collect();
        assert_eq!(
            places,
            [
                "cvm/2020-01-01/A.md",
                "cvm/2020-01-01/DataTypes.md",
                "vpc/2020-01-01/B.md",
                "vpc/2020-01-01/ErrorCodes.md"
            ]
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("error: c/ErrorCodes.md (c/ErrorCodes.md): the page states no product"));

        let fallback = ("cdn".to_string(), "2018-06-06".to_string());
        let (placed, errors) =
            place_all(vec![candidate("c/ErrorCodes.md", "c", Kind::ErrorCodes)], Some(&fallback)).unwrap();
        assert_eq!(placed[0].place, "cdn/2018-06-06/ErrorCodes.md");
        assert!(errors.is_empty());
    }

    #[test]
    fn an_ambiguous_group_is_an_error() {
        let (_, errors) = place_all(
            vec![
                candidate("A.md", "", action("cvm", "A")),
                candidate("B.md", "", action("vpc", "B")),
                candidate("DataTypes.md", "", Kind::DataTypes),
            ],
            None,
        )
        .unwrap();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("several products and versions (cvm/2020-01-01, vpc/2020-01-01)"), "{errors:?}");
    }

    #[test]
    fn two_pages_for_one_place_are_an_error_naming_both() {
        let clashes = place_all(
            vec![
                candidate("en/A.md", "en", action("cvm", "A")),
                candidate("zh/A.md", "zh", action("cvm", "A")),
                candidate("en/B.md", "en", action("cvm", "B")),
            ],
            None,
        )
        .unwrap_err();
        assert_eq!(clashes, ["error: cvm/2020-01-01/A.md: 2 pages would be written there: en/A.md and zh/A.md"]);
        // The same page named twice is no clash.
        let (placed, _) =
            place_all(vec![candidate("A.md", "", action("cvm", "A")), candidate("A.md", "", action("cvm", "A"))], None)
                .unwrap();
        assert_eq!(placed.len(), 1);
    }

    #[test]
    fn change_reports() {
        let changed = |old: Option<&str>, new: Option<&str>| Written::Changed {
            old: old.map(str::to_string),
            new: new.map(str::to_string),
        };
        assert_eq!(
            changed(Some("2022-06-16 06:04:53"), Some("2022-07-01 10:00:00")).report("p").as_deref(),
            Some("changed: p (last updated 2022-06-16 06:04:53 → 2022-07-01 10:00:00)")
        );
        assert_eq!(changed(Some("x"), Some("x")).report("p").as_deref(), Some("changed: p (content only)"));
        assert_eq!(changed(None, None).report("p").as_deref(), Some("changed: p (content only)"));
        assert_eq!(
            changed(Some("2022-01-01"), None).report("p").as_deref(),
            Some("changed: p (last updated 2022-01-01 → not stated)")
        );
        assert_eq!(Written::Unchanged.report("p"), None);
        assert_eq!(Written::New.report("p"), None);
    }
}
