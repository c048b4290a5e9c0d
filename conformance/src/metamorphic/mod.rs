//! Metamorphic tests: for every page of a folder, variants a real site could produce (its
//! section titles renamed, its heading levels changed, its table columns reordered, …:
//! one [`Kind`] each) must give the same IR as the page itself, but for the fact a
//! variant removes, which the parser must warn about.
//!
//! Per folder and kind, the action pages' variants are lowered together with the other
//! pages as they are (a page whose variant is an error is put back and reported, and the
//! rest lowered again), and each shared page's (Data Types, Error Codes) variant alone;
//! the IR is compared with the original's ([`compare`]), differences in an action being
//! the failure of its page. The variants are made per form ([`markdown`], [`html`],
//! [`text`]); a kind that cannot apply to a form says so. [`report`] prints the table.
//!
//! The modules, each using only those listed before it: `kind`, `lines`, `markdown`,
//! `html`, `text`, `compare`, `report`, then the run here.

pub mod compare;
pub mod html;
pub mod kind;
mod lines;
pub mod markdown;
pub mod report;
pub mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use anyhow::{bail, Result};
use codegen::ir::Api;
use codegen::pages::{PageRecord, SourceFile};
use codegen::{Group, Warning};

pub use kind::{Kind, Made, Rng, Role};

use crate::batch;
use crate::request::Settings;
use crate::unit::{discover_units, Unit};

/// The form of a page, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Form {
    /// `.md`: Markdown sources.
    Markdown,
    /// `.html`: a page saved from the site, or Markdown rendered.
    Html,
    /// `.txt`: a browser's copy, cells separated by tabs.
    Text,
}

impl Form {
    /// The form of a page file.
    pub fn of(path: &Path) -> Option<Form> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" => Some(Form::Markdown),
            "html" | "htm" => Some(Form::Html),
            "txt" => Some(Form::Text),
            _ => None,
        }
    }
}

/// Makes the variant of `kind` of a page of `form`.
pub fn make(form: Form, kind: Kind, page: &str, role: &Role, rng: &mut Rng) -> Made {
    match form {
        Form::Markdown => markdown::make(kind, page, role, rng),
        Form::Html => html::make(kind, page, role, rng),
        Form::Text => text::make(kind, page, role, rng),
    }
}

/// What a run does besides the folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The kinds to try.
    pub kinds: Vec<Kind>,
    /// The seed of the random words and choices.
    pub seed: u64,
    /// At most this many action pages per folder (chosen with the seed); all when none.
    pub sample: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options { kinds: Kind::ALL.to_vec(), seed: 20, sample: None }
    }
}

/// A page whose variant does not give the original's IR (or a product-wide difference,
/// page `(product)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFailure {
    /// The page's file name.
    pub page: String,
    /// The differences (or the error), first ones first.
    pub what: Vec<String>,
}

/// What one kind gave on one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindOutcome {
    /// `real/md/en vpc/2017-03-12`.
    pub folder: String,
    /// The kind tried.
    pub kind: Kind,
    /// Why the kind was not tried on this folder's form, if it was not.
    pub skipped: Option<String>,
    /// Pages with a variant, and those that gave the same IR (and warned when they must).
    pub tried: usize,
    /// Of those, the pages that gave the original's IR.
    pub equal: usize,
    /// The pages that differ, each with its differences.
    pub failures: Vec<PageFailure>,
    /// Warnings the variants gave that the originals did not.
    pub new_warnings: usize,
}

impl KindOutcome {
    /// Every page tried gave the same IR and nothing else differed.
    pub fn passes(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One folder: its kinds' outcomes, or why the folder itself could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderOutcome {
    /// `real/md/en vpc/2017-03-12`.
    pub folder: String,
    /// One per kind of the run.
    pub kinds: Vec<KindOutcome>,
    /// Why the folder could not be used (its original pages do not lower).
    pub error: Option<String>,
}

/// A folder's pages, read once.
struct Folder {
    name: String,
    group: Group,
    files: Vec<SourceFile>,
    forms: Vec<Form>,
    roles: Vec<Option<Role>>,
    base: Api,
    base_warnings: BTreeMap<String, BTreeSet<String>>,
}

fn lower(group: &Group, files: &[SourceFile]) -> std::result::Result<(Api, Vec<Warning>), (String, String)> {
    let run = catch_unwind(AssertUnwindSafe(|| codegen::lower_sources(files, &group.display, group.expected.clone())));
    match run {
        Ok(Ok(lowered)) => Ok(lowered),
        Ok(Err(e)) => Err((e.file.clone(), format!("error: {e}"))),
        Err(_) => Err((String::new(), "PANIC while lowering".to_string())),
    }
}

fn role_of(path: &Path) -> Option<Role> {
    let read = catch_unwind(|| codegen::read_page(path)).ok()?.ok()?;
    Some(match read.record {
        PageRecord::Action(a) => Role::Action(a.name),
        PageRecord::DataTypes(_) => Role::DataTypes,
        PageRecord::ErrorCodes(_) => Role::ErrorCodes,
    })
}

fn by_file(warnings: &[Warning]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for w in warnings {
        out.entry(w.file.clone()).or_default().insert(w.message.clone());
    }
    out
}

fn read_folder(unit: &Unit) -> Result<Folder> {
    let name = format!("{} {}", unit.form, unit.label);
    let groups = codegen::discover(&unit.docs)?;
    let [group] = groups.as_slice() else { bail!("{}: not one product version", unit.docs.display()) };
    let files = group.files.iter().map(|p| SourceFile::read(p)).collect::<codegen::Result<Vec<_>>>()?;
    let forms = group.files.iter().map(|p| Form::of(p).unwrap_or(Form::Text)).collect();
    let roles = group.files.iter().map(|p| role_of(p)).collect();
    let (base, warnings) = lower(group, &files).map_err(|(_, e)| anyhow::anyhow!("the original pages: {e}"))?;
    Ok(Folder { name, group: group.clone(), files, forms, roles, base, base_warnings: by_file(&warnings) })
}

/// The action pages a sampled run tries.
fn sampled(folder: &Folder, options: &Options) -> BTreeSet<usize> {
    let actions: Vec<usize> =
        (0..folder.files.len()).filter(|&i| matches!(folder.roles[i], Some(Role::Action(_)))).collect();
    match options.sample {
        Some(n) if n < actions.len() => {
            let mut rng = Rng::new(options.seed, &folder.name, Kind::Titles);
            let order = rng.permutation(actions.len());
            order.into_iter().take(n).map(|k| actions[k]).collect()
        }
        _ => actions.into_iter().collect(),
    }
}

/// Reads each varied page alone (front-end and extraction, knowing no structure names):
/// a page that is an error on its own is reported and put back before the folder is
/// lowered, so that lowering seldom needs to start again (text pages excepted: they may
/// need the Data Types page's names).
fn screen(folder: &Folder, varied: &mut BTreeMap<usize, String>, failures: &mut Vec<PageFailure>) {
    let pages: Vec<(usize, SourceFile)> = varied
        .iter()
        // A text page may need the structure names to be read: left to the lowering.
        .filter(|(&i, _)| folder.forms[i] != Form::Text)
        .map(|(&i, text)| {
            (i, SourceFile::new(folder.files[i].display.clone(), folder.files[i].path.clone(), text.clone()))
        })
        .collect();
    let read = codegen::parallel_map(&pages, |(i, file)| {
        let read = catch_unwind(AssertUnwindSafe(|| codegen::pages::extract_pages(std::slice::from_ref(file))));
        match read {
            Ok(Ok(_)) => None,
            Ok(Err(e)) => Some((*i, format!("error: {e}"))),
            Err(_) => Some((*i, "PANIC while reading the page".to_string())),
        }
    });
    for (i, what) in read.into_iter().flatten() {
        varied.remove(&i);
        failures.push(PageFailure { page: page_name(folder, i), what: vec![what] });
    }
}

/// Lowers the folder with `varied` pages replaced; a page whose variant is an error is put
/// back (its failure recorded) until the rest lowers.
fn lower_varied(
    folder: &Folder,
    varied: &mut BTreeMap<usize, String>,
    failures: &mut Vec<PageFailure>,
) -> Option<(Api, Vec<Warning>)> {
    loop {
        let set: Vec<SourceFile> = folder
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| match varied.get(&i) {
                Some(text) => SourceFile::new(f.display.clone(), f.path.clone(), text.clone()),
                None => f.clone(),
            })
            .collect();
        match lower(&folder.group, &set) {
            Ok(lowered) => return Some(lowered),
            Err((file, what)) => {
                let at = varied.keys().copied().find(|&i| folder.files[i].display == file);
                match at {
                    Some(i) if varied.len() > 1 => {
                        varied.remove(&i);
                        failures.push(PageFailure { page: page_name(folder, i), what: vec![what] });
                    }
                    _ => {
                        for &i in varied.keys() {
                            failures.push(PageFailure { page: page_name(folder, i), what: vec![what.clone()] });
                        }
                        varied.clear();
                        return None;
                    }
                }
            }
        }
    }
}

fn page_name(folder: &Folder, i: usize) -> String {
    folder.group.files[i].file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The warnings of `warnings` on page `i` that the original did not give.
fn new_warnings(folder: &Folder, i: usize, warnings: &[Warning]) -> usize {
    let display = &folder.files[i].display;
    let before = folder.base_warnings.get(display);
    let now: BTreeSet<&String> = warnings.iter().filter(|w| &w.file == display).map(|w| &w.message).collect();
    now.into_iter().filter(|m| before.is_none_or(|b| !b.contains(*m))).count()
}

/// Compares what the varied pages gave; records the pages that differ.
fn judge(folder: &Folder, kind: Kind, pages: &[usize], lowered: &(Api, Vec<Warning>), out: &mut KindOutcome) {
    let differences = compare::differences(&folder.base, &lowered.0, kind);
    let action_pages: BTreeMap<&str, usize> = pages
        .iter()
        .filter_map(|&i| match &folder.roles[i] {
            Some(Role::Action(name)) => Some((name.as_str(), i)),
            _ => None,
        })
        .collect();
    let shared_run = pages.len() == 1 && !matches!(folder.roles[pages[0]], Some(Role::Action(_)));
    let mut per_page: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut product = Vec::new();
    for d in differences {
        let page =
            if shared_run { Some(pages[0]) } else { d.action.as_deref().and_then(|a| action_pages.get(a).copied()) };
        match page {
            Some(i) => per_page.entry(i).or_default().push(d.text),
            None => product.push(d.text),
        }
    }
    for &i in pages {
        let fresh = new_warnings(folder, i, &lowered.1);
        out.new_warnings += fresh;
        let mut what = per_page.remove(&i).unwrap_or_default();
        if kind.expects_warning() && fresh == 0 {
            what.push(format!("no warning for what `{kind}` removed"));
        }
        if what.is_empty() {
            out.equal += 1;
        } else {
            out.failures.push(PageFailure { page: page_name(folder, i), what });
        }
    }
    if !product.is_empty() {
        out.failures.push(PageFailure { page: "(product)".to_string(), what: product });
    }
}

/// Tries one kind on a folder.
fn run_kind(folder: &Folder, kind: Kind, options: &Options) -> KindOutcome {
    let mut out = KindOutcome {
        folder: folder.name.clone(),
        kind,
        skipped: None,
        tried: 0,
        equal: 0,
        failures: Vec::new(),
        new_warnings: 0,
    };
    let chosen = sampled(folder, options);
    let mut actions = BTreeMap::new();
    let mut shared = Vec::new();
    let mut not_for_form = BTreeSet::new();
    for (i, file) in folder.files.iter().enumerate() {
        let Some(role) = &folder.roles[i] else { continue };
        let is_action = matches!(role, Role::Action(_));
        if is_action && !chosen.contains(&i) {
            continue;
        }
        let mut rng = Rng::new(options.seed, &page_name(folder, i), kind);
        match make(folder.forms[i], kind, &file.text, role, &mut rng) {
            Made::Variant(text) if text != file.text => {
                if is_action {
                    actions.insert(i, text);
                } else {
                    shared.push((i, text));
                }
            }
            Made::NotForForm(why) => {
                not_for_form.insert(why);
            }
            _ => {}
        }
    }
    if actions.is_empty() && shared.is_empty() && !not_for_form.is_empty() {
        out.skipped = Some(not_for_form.into_iter().collect::<Vec<_>>().join("; "));
        return out;
    }
    out.tried = actions.len() + shared.len();
    screen(folder, &mut actions, &mut out.failures);
    if !actions.is_empty() {
        if let Some(lowered) = lower_varied(folder, &mut actions, &mut out.failures) {
            let pages: Vec<usize> = actions.keys().copied().collect();
            judge(folder, kind, &pages, &lowered, &mut out);
        }
    }
    for (i, text) in shared {
        let mut varied = BTreeMap::from([(i, text)]);
        if let Some(lowered) = lower_varied(folder, &mut varied, &mut out.failures) {
            judge(folder, kind, &[i], &lowered, &mut out);
        }
    }
    out
}

/// Tries every kind of `options` on one folder.
pub fn run_unit(unit: &Unit, options: &Options) -> FolderOutcome {
    let name = format!("{} {}", unit.form, unit.label);
    match read_folder(unit) {
        Ok(folder) => FolderOutcome {
            folder: name,
            kinds: options.kinds.iter().map(|&k| run_kind(&folder, k, options)).collect(),
            error: None,
        },
        Err(e) => FolderOutcome { folder: name, kinds: Vec::new(), error: Some(format!("{e:#}")) },
    }
}

/// Every folder of the sets `settings` names, tried with `options`, in folder order.
pub fn run_sets(settings: &Settings, options: &Options) -> Result<Vec<FolderOutcome>> {
    let mut units = Vec::new();
    for (set, root) in batch::sets(settings)? {
        units.extend(discover_units(&root, &set)?);
    }
    if units.is_empty() {
        bail!("no folder with an oracle.json to try");
    }
    // The largest folders first, so that no large one is left alone at the end.
    let mut order: Vec<(usize, usize)> = units.iter().enumerate().map(|(i, u)| (pages_in(&u.docs), i)).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut outcomes = codegen::parallel_map(&order, |&(_, i)| (i, run_unit(&units[i], options)));
    outcomes.sort_by_key(|(i, _)| *i);
    Ok(outcomes.into_iter().map(|(_, o)| o).collect())
}

fn pages_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).into_iter().flatten().flatten().count()
}
