//! Reading what can be read of a folder `load_docs` fails on: which pages fail and why
//! (each page's first error, as the parser states it), and the API of the others.
//!
//! Each page is first read on its own (front-end and extraction). Lowering needs the
//! pages together and stops at the first error, so the action pages are then lowered in
//! small groups with the shared pages they need: a group that fails names its failing
//! page, which is left out, and the rest of the group is lowered again. Actions are
//! lowered in page order, so the pages of a group before the failing one were lowered
//! fine; a last lowering of all the pages left confirms it (and, should it fail after
//! all, pages are left out one at a time until the rest lowers).
//!
//! A folder whose Data Types page cannot be read loses the action pages that name a
//! structure: they are left out as its consequence ([`CONSEQUENCE`]), not as failures of
//! their own.

use std::path::Path;

use codegen::ir::Api;
use codegen::pages::{PageRecord, SourceFile};
use codegen::{Group, Warning};

use crate::failure::{failure, Failure};

/// The class of action pages left out because the Data Types page could not be read.
pub const CONSEQUENCE: &str = "uses a structure, but the Data Types page could not be read";

/// What a page that reads holds, for leaving pages out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An action page; whether its tables name a type that is not basic (a structure).
    Action {
        uses_structs: bool,
    },
    DataTypes,
    ErrorCodes,
}

struct Page {
    file: SourceFile,
    kind: Kind,
}

/// The pages of a folder being salvaged and the failures met so far.
struct Salvage<'a> {
    group: &'a Group,
    pages: Vec<Page>,
    failures: Vec<Failure>,
}

/// What lowering a set of pages gave.
enum Lowered {
    Ok(Box<(Api, Vec<Warning>)>),
    /// Failed on the page at this index of the set (its failure is recorded).
    Page(usize),
    /// Failed on no page of the set (recorded only when `record_folder` was asked).
    Folder,
}

/// Lowers the pages `set` of `pages` together; a failure comes back with what it gave.
fn lower_set(group: &Group, pages: &[Page], set: &[usize]) -> (Lowered, Option<Failure>) {
    let sources: Vec<SourceFile> = set.iter().map(|&i| pages[i].file.clone()).collect();
    match codegen::lower_sources(&sources, &group.display, group.expected.clone()) {
        Ok(lowered) => (Lowered::Ok(Box::new(lowered)), None),
        Err(e) => match sources.iter().position(|f| f.display == e.file) {
            Some(at) => (Lowered::Page(at), Some(failure(&e, false))),
            None => (Lowered::Folder, Some(failure(&e, false))),
        },
    }
}

impl Salvage<'_> {
    /// Lowers a set and records its failure (a folder-level one only when asked).
    fn lower(&mut self, set: &[usize], record_folder: bool) -> Lowered {
        let (lowered, failed) = lower_set(self.group, &self.pages, set);
        if let Some(failed) = failed {
            if record_folder || !matches!(lowered, Lowered::Folder) {
                self.failures.push(failed);
            }
        }
        lowered
    }

    fn of_kind(&self, set: &[usize], want: impl Fn(Kind) -> bool) -> Vec<usize> {
        set.iter().copied().filter(|&i| want(self.pages[i].kind)).collect()
    }

    /// Leaves out of `actions` the pages that name a structure: the Data Types page could
    /// not be read.
    fn leave_out_struct_users(&mut self, actions: &mut Vec<usize>) {
        let pages = &self.pages;
        let failures = &mut self.failures;
        actions.retain(|&i| {
            let keep = pages[i].kind != Kind::Action { uses_structs: true };
            if !keep {
                let page = pages[i].file.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                let what = format!("{CONSEQUENCE} (left out)");
                failures.push(Failure { page, line: 0, class: CONSEQUENCE.to_string(), what, consequence: true });
            }
            keep
        });
    }
}

/// How many action pages are lowered together: about as many bytes as the Data Types
/// page (which every group that needs it parses again), at least 4.
fn group_size(actions: &[&SourceFile], data_types: Option<&SourceFile>) -> usize {
    let Some(data_types) = data_types else { return 4 };
    let bytes: usize = actions.iter().map(|f| f.text.len()).sum();
    let average = (bytes / actions.len().max(1)).max(1);
    (data_types.text.len() / average).clamp(4, 64)
}

/// The API of the pages of `docs` that can be read, with its warnings, and the pages that
/// cannot. `first` is the error `load_docs` stopped at.
pub fn salvage(docs: &Path, first: &codegen::Error) -> (Option<(Api, Vec<Warning>)>, Vec<Failure>) {
    let groups = match codegen::discover(docs) {
        Ok(groups) => groups,
        Err(e) => return (None, vec![failure(&e, false)]),
    };
    let [group] = groups.as_slice() else { return (None, vec![failure(first, false)]) };
    let mut s = Salvage { group, pages: Vec::new(), failures: Vec::new() };
    let read = codegen::parallel_map(&group.files, |path| {
        let (file, record) = codegen::read_page(path).and_then(|record| Ok((SourceFile::read(path)?, record)))?;
        let kind = match record.record {
            PageRecord::Action(a) => Kind::Action {
                uses_structs: a.input.iter().chain(&a.output).any(|p| codegen::pages::names_a_structure(&p.ty)),
            },
            PageRecord::DataTypes(_) => Kind::DataTypes,
            PageRecord::ErrorCodes(_) => Kind::ErrorCodes,
        };
        Ok::<_, codegen::Error>(Page { file, kind })
    });
    for page in read {
        match page {
            Ok(page) => s.pages.push(page),
            Err(e) => s.failures.push(failure(&e, false)),
        }
    }
    let all: Vec<usize> = (0..s.pages.len()).collect();
    let mut shared = s.of_kind(&all, |k| !matches!(k, Kind::Action { .. }));
    let mut actions = s.of_kind(&all, |k| matches!(k, Kind::Action { .. }));
    let data_types_unread =
        s.failures.iter().any(|f| f.page.rsplit_once('.').is_some_and(|(stem, _)| stem == "DataTypes"));
    if data_types_unread {
        s.leave_out_struct_users(&mut actions);
    }

    let result = lower_all(&mut s, &mut shared, &mut actions);
    let mut failures = s.failures;
    if failures.is_empty() {
        failures.push(failure(first, false));
    }
    (result, failures)
}

/// Lowers a group of action pages (with the Data Types page when one of them needs it)
/// until what is left lowers: the pages that lowered, and the failures of the others.
fn probe(
    group: &Group,
    pages: &[Page],
    data_types: Option<usize>,
    mut pending: Vec<usize>,
) -> (Vec<usize>, Vec<Failure>) {
    let (mut good, mut failures) = (Vec::new(), Vec::new());
    while !pending.is_empty() {
        let needs_types = pending.iter().any(|&i| pages[i].kind == Kind::Action { uses_structs: true });
        let set: Vec<usize> = data_types.filter(|_| needs_types).into_iter().chain(pending.iter().copied()).collect();
        match lower_set(group, pages, &set) {
            (Lowered::Page(at), Some(failed)) => {
                if let Some(at) = pending.iter().position(|&i| i == set[at]) {
                    failures.push(failed);
                    // Actions lower in page order: those before it did.
                    good.extend(pending.drain(..at));
                    pending.remove(0);
                } else {
                    // The Data Types page, which lowered before: left to the last lowering.
                    good.append(&mut pending);
                }
            }
            // Lowered, or failed on no page (left to the last lowering, which records it).
            _ => good.append(&mut pending),
        }
    }
    (good, failures)
}

fn lower_all(s: &mut Salvage, shared: &mut Vec<usize>, actions: &mut Vec<usize>) -> Option<(Api, Vec<Warning>)> {
    // The shared pages, with the first action page that lowers with them (lowering needs
    // an action page to know the product and version).
    let mut good = Vec::new();
    while let Some(&first) = actions.first() {
        let set: Vec<usize> = shared.iter().copied().chain([first]).collect();
        match s.lower(&set, true) {
            Lowered::Ok(..) => {
                good.push(actions.remove(0));
                break;
            }
            Lowered::Page(at) if set[at] == first => {
                actions.remove(0);
            }
            Lowered::Page(at) => {
                let page = set[at];
                shared.retain(|&i| i != page);
                if s.pages[page].kind == Kind::DataTypes {
                    s.leave_out_struct_users(actions);
                }
            }
            Lowered::Folder => return None,
        }
    }
    if good.is_empty() {
        return None;
    }

    // The other action pages, group by group.
    let data_types = shared.iter().copied().find(|&i| s.pages[i].kind == Kind::DataTypes);
    let size = {
        let files: Vec<&SourceFile> = actions.iter().map(|&i| &s.pages[i].file).collect();
        group_size(&files, data_types.map(|i| &s.pages[i].file))
    };
    let chunks: Vec<Vec<usize>> = std::mem::take(actions).chunks(size).map(<[usize]>::to_vec).collect();
    let probed = codegen::parallel_map(&chunks, |chunk| probe(s.group, &s.pages, data_types, chunk.clone()));
    for (chunk_good, chunk_failures) in probed {
        good.extend(chunk_good);
        s.failures.extend(chunk_failures);
    }

    // All the pages left, together; should they fail after all, one page out at a time.
    let mut set: Vec<usize> = shared.iter().copied().chain(good).collect();
    set.sort_unstable();
    loop {
        if !set.iter().any(|&i| matches!(s.pages[i].kind, Kind::Action { .. })) {
            return None;
        }
        match s.lower(&set, true) {
            Lowered::Ok(lowered) => return Some(*lowered),
            Lowered::Page(at) => {
                let page = set.remove(at);
                if s.pages[page].kind == Kind::DataTypes {
                    let mut rest: Vec<usize> = set.clone();
                    s.leave_out_struct_users(&mut rest);
                    set = rest;
                }
            }
            Lowered::Folder => return None,
        }
    }
}
