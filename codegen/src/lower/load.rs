//! Reading a docs folder: every page is read, parsed and extracted (text pages twice when
//! the structure names settle how a line reads), then each product version is lowered.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::assemble::lower_records;
use super::discover::{discover, Group};
use super::warning::Warning;
use crate::error::{Error, ErrorKind, Result};
use crate::extract::{self, Extracted, PageRecord};
use crate::ir::Api;
use crate::page;
use crate::source::SourceFile;
use crate::vocab::blocks::{Guesses, Known};

/// Every product version of a docs folder, lowered, with the warnings met on the way.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub apis: Vec<Api>,
    pub warnings: Vec<Warning>,
}

/// Reads, parses and lowers every page under `docs`.
pub fn load_docs(docs: &Path) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    let groups = discover(docs)?;
    // Product versions on all cores (a catalog has many small ones); the first error in
    // folder order wins, as when read one by one.
    let results = crate::parallel::map(&groups, load_group);
    for (group, result) in groups.iter().zip(results) {
        let (api, warnings) = result?;
        let key = (api.product.clone(), api.version.clone());
        if let Some(first) = seen.get(&key) {
            return Err(Error::new(
                &group.display,
                0,
                ErrorKind::Other {
                    message: format!(
                        "product `{}` version `{}` is documented in two folders (the other is {first})",
                        key.0, key.1
                    ),
                },
            ));
        }
        seen.insert(key, group.display.clone());
        loaded.apis.push(api);
        loaded.warnings.extend(warnings);
    }
    loaded.warnings.sort();
    loaded.warnings.dedup();
    Ok(loaded)
}

/// Reads and extracts one page, knowing nothing of its product's structures.
pub fn read_page(path: &Path) -> Result<Extracted> {
    extract_page(&read_source(path)?, &Known::default())
}

fn read_source(path: &Path) -> Result<SourceFile> {
    if page::Form::of(path).is_none() {
        return Err(Error::new(
            &crate::source::display_path(path),
            0,
            ErrorKind::NotAPage { reason: "not a .txt, .html or .md file".to_string() },
        ));
    }
    SourceFile::read(path)
}

fn extract_page(file: &SourceFile, known: &Known) -> Result<Extracted> {
    let form = page::Form::of(&file.path).unwrap_or(page::Form::Text);
    extract::extract(&page::parse_with(file, form, known)?)
}

/// Extracts the pages of one product version in two passes: the first finds the
/// structure names the Data Types page defines; the second reads the text pages again
/// knowing them (they tell a table row from a description line; see `vocab::Known`).
pub fn extract_pages(files: &[SourceFile]) -> Result<Vec<Extracted>> {
    let first = crate::parallel::map(files, |file| {
        let known = Known::default();
        let extracted = extract_page(file, &known);
        (extracted, known.guesses)
    });
    let (first, guesses): (Vec<Result<Extracted>>, Vec<Guesses>) = first.into_iter().unzip();
    let names: BTreeSet<String> = first
        .iter()
        .filter_map(|r| match r {
            Ok(Extracted { record: PageRecord::DataTypes((_, types)), .. }) => Some(types),
            _ => None,
        })
        .flatten()
        .map(|t| t.name.clone())
        .collect();
    if names.is_empty() {
        return first.into_iter().collect();
    }
    let pairs: Vec<(&SourceFile, Result<Extracted>, Guesses)> =
        files.iter().zip(first).zip(guesses).map(|((f, r), g)| (f, r, g)).collect();
    let known = Known { structures: Some(names), ..Default::default() };
    let names = known.structures.as_ref().expect("just set");
    crate::parallel::map(&pairs, |(file, first, guesses)| match page::Form::of(&file.path) {
        // Read again with the names, unless they confirm every guess the first reading made.
        Some(page::Form::Text) | None if !guesses.confirmed_by(names) => extract_page(file, &known),
        _ => first.clone(),
    })
    .into_iter()
    .collect()
}

fn load_group(group: &Group) -> Result<(Api, Vec<Warning>)> {
    let files = crate::parallel::map(&group.files, |path| read_source(path)).into_iter().collect::<Result<Vec<_>>>()?;
    lower_records(extract_pages(&files)?, &group.display, group.expected.clone())
}

/// Lowers the pages of one product version, already in memory. `expected` is the product
/// and version their folder stands for, if any; `display` names the folder in messages.
pub fn lower_sources(
    files: &[SourceFile],
    display: &str,
    expected: Option<(String, String)>,
) -> Result<(Api, Vec<Warning>)> {
    lower_records(extract_pages(files)?, display, expected)
}
