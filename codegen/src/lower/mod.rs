//! Lowering: raw records of a product version's pages → [`Api`].
//!
//! Small named passes: [`discover`] finds the pages and the product version each folder
//! stands for; each page is read, parsed and extracted; [`types`] resolves printed types;
//! [`naming`] picks Rust names; [`constraints`] reads the prose; [`examples`] turns
//! examples into JSON; [`error_codes`] checks the error code tables. Contradictions within
//! the pages and documentation defects (a broken example, an undocumented structure, a
//! malformed error code, a duplicate row) become [`Warning`]s and the rest is generated;
//! only input that is not what it claims to be (not an API page, cut off, unreadable, two
//! pages for one action, the wrong folder) is an error.

pub mod constraints;
pub mod error_codes;
pub mod examples;
pub mod naming;
pub mod types;

pub mod pagination;
pub mod waiter;

mod action;
mod discover;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
use crate::extract::{self, Extracted, PageRecord, RawAction, RawDataType, RawErrorCodes, RawParam};
use crate::ir::{Api, DataType, Param, GENERATED_MARKER};
use crate::page;
use crate::source::SourceFile;

pub use crate::extract::common_param_value;
pub use discover::{discover, Group};

/// A contradiction or a documentation defect found in the pages: the generated code
/// follows the tables and leaves out what cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

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
    extract_page(&read_source(path)?, &page::Known::default())
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

fn extract_page(file: &SourceFile, known: &page::Known) -> Result<Extracted> {
    let form = page::Form::of(&file.path).unwrap_or(page::Form::Text);
    extract::extract(&page::parse_with(file, form, known)?)
}

/// Extracts the pages of one product version in two passes: the first finds the
/// structure names the Data Types page defines; the second reads the text pages again
/// knowing them (they tell a table row from a description line; see [`page::Known`]).
pub fn extract_pages(files: &[SourceFile]) -> Result<Vec<Extracted>> {
    let first = crate::parallel::map(files, |file| {
        let known = page::Known::default();
        let extracted = extract_page(file, &known);
        (extracted, known.guesses)
    });
    let (first, guesses): (Vec<Result<Extracted>>, Vec<page::Guesses>) = first.into_iter().unzip();
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
    let pairs: Vec<(&SourceFile, Result<Extracted>, page::Guesses)> =
        files.iter().zip(first).zip(guesses).map(|((f, r), g)| (f, r, g)).collect();
    let known = page::Known { structures: Some(names), ..Default::default() };
    let names = known.structures.as_ref().expect("just set");
    crate::parallel::map(&pairs, |(file, first, guesses)| match page::Form::of(&file.path) {
        // Read again with the names, unless they confirm every guess the first reading made.
        Some(page::Form::Text) | None if !guesses.confirmed_by(names) => extract_page(file, &known),
        _ => first.clone(),
    })
    .into_iter()
    .collect()
}

/// The pages of one product version.
#[derive(Debug, Default)]
struct Pages {
    actions: Vec<RawAction>,
    data_types: Vec<(String, RawDataType)>,
    error_codes: Option<RawErrorCodes>,
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

fn lower_records(
    records: Vec<Extracted>,
    display: &str,
    expected: Option<(String, String)>,
) -> Result<(Api, Vec<Warning>)> {
    let mut pages = Pages::default();
    let mut warnings = Vec::new();
    for Extracted { record, file, notes } in records {
        warnings.extend(notes.into_iter().map(|n| Warning { file: file.clone(), line: n.line, message: n.message }));
        match record {
            PageRecord::Action(a) => pages.actions.push(a),
            PageRecord::DataTypes((file, types)) => {
                pages.data_types.extend(types.into_iter().map(|t| (file.clone(), t)));
            }
            PageRecord::ErrorCodes(codes) => {
                if let Some(first) = &pages.error_codes {
                    return Err(Error::new(
                        &codes.file,
                        1,
                        ErrorKind::Other {
                            message: format!("a second Error Codes page (the first is {})", first.file),
                        },
                    ));
                }
                pages.error_codes = Some(codes);
            }
        }
    }
    let (product, version) = product_version(display, expected.as_ref(), &pages.actions, &mut warnings)?;
    let error_page = pages.error_codes.as_ref().map(|page| error_codes::clean_page(page, &mut warnings));

    // Structures first: their names are what types resolve against.
    let mut raw_types: BTreeMap<String, (String, RawDataType)> = BTreeMap::new();
    for (file, t) in pages.data_types {
        if !is_wire_name(&t.name) {
            return Err(Error::expected(
                &file,
                t.line,
                "a structure name (ASCII letters, digits and `_`)",
                format!("`{}`", t.name),
            ));
        }
        if let Some((first_file, first)) = raw_types.get(&t.name) {
            let first = if *first_file == file {
                format!("line {}", first.line)
            } else {
                format!("{first_file}:{}", first.line)
            };
            warnings.push(Warning {
                message: format!("structure `{}` is documented twice (first at {first}): the first is kept", t.name),
                file,
                line: t.line,
            });
            continue;
        }
        raw_types.insert(t.name.clone(), (file, t));
    }
    let struct_names: BTreeSet<String> = raw_types.keys().cloned().collect();
    let mut type_names = naming::UniqueNames::default();
    let mut data_types = BTreeMap::new();
    for (name, (file, raw)) in &raw_types {
        let fields = lower_params(
            file,
            &raw.fields,
            &struct_names,
            FieldKind::Field { has_required_column: raw.has_required_column },
            &mut warnings,
        )?;
        data_types.insert(
            name.clone(),
            DataType {
                name: name.clone(),
                rust_name: type_names.take(naming::type_name(name)),
                description: raw.description.clone(),
                has_required_column: raw.has_required_column,
                fields,
            },
        );
    }

    let mut actions = BTreeMap::new();
    let mut first_file: BTreeMap<String, (String, u32)> = BTreeMap::new();
    let mut taken_type_names: BTreeSet<String> = data_types.values().map(|d| d.rust_name.clone()).collect();
    taken_type_names.insert("ErrorCode".to_string());
    taken_type_names.insert("Client".to_string());
    for raw in &pages.actions {
        if let Some((file, line)) = first_file.get(&raw.name) {
            return Err(Error::new(
                &raw.file,
                raw.name_line,
                ErrorKind::DuplicateAction { action: raw.name.clone(), first: format!("{file}:{line}") },
            ));
        }
        first_file.insert(raw.name.clone(), (raw.file.clone(), raw.name_line));
        let lowered = action::lower(raw, &struct_names, &data_types, &mut taken_type_names, &mut warnings)?;
        actions.insert(lowered.name.clone(), lowered);
    }

    check_used_by(&raw_types, &actions, &data_types, &mut warnings);
    annotate_pagination(&mut actions, &data_types);

    let error_codes = error_codes::product_codes(error_page.as_ref(), &actions);
    let rust_module = naming::snake(&product);
    let rust_version_module = format!("v{}", version.replace('-', ""));
    Ok((
        Api {
            generated: GENERATED_MARKER.to_string(),
            product,
            version,
            rust_module,
            rust_version_module,
            actions,
            data_types,
            error_codes,
        },
        warnings,
    ))
}

/// Records each action's pagination and waiter, unless their client methods (`x_pages`,
/// `x_items`, `x_until_done`) would take the name of another action's method.
fn annotate_pagination(actions: &mut BTreeMap<String, crate::ir::Action>, types: &BTreeMap<String, DataType>) {
    let methods: BTreeSet<String> = actions.values().map(|a| a.rust.method.clone()).collect();
    for action in actions.values_mut() {
        let free = ["pages", "items"].iter().all(|s| !methods.contains(&format!("{}_{s}", action.rust.method)));
        action.pagination = pagination::detect(action).filter(|_| free);
        let free = ["until_done", "until"].iter().all(|s| !methods.contains(&format!("{}_{s}", action.rust.method)));
        action.waiter = waiter::detect(action, types).filter(|_| free);
    }
}

/// The product and version the pages state, checked against the folder they lie in.
fn product_version(
    display: &str,
    expected: Option<&(String, String)>,
    actions: &[RawAction],
    warnings: &mut Vec<Warning>,
) -> Result<(String, String)> {
    let mut found: Option<(String, String, String)> = None; // product, version, file
    for raw in actions {
        let (host, host_line) = raw.host.clone().unwrap_or_default();
        let product = host.split('.').next().unwrap_or("").to_string();
        let version = version_of(raw, &mut *warnings)?.ok_or_else(|| {
            Error::expected(&raw.file, raw.input_line, "a `Version` row stating the API version", "none")
        })?;
        if !is_product_name(&product) {
            return Err(Error::expected(
                &raw.file,
                host_line,
                "a host such as `vpc.tencentcloudapi.com` (a product name of lower-case letters and digits)",
                format!("`{host}`"),
            ));
        }
        if !is_version(&version.0) {
            return Err(Error::expected(
                &raw.file,
                version.1,
                "a version such as `2017-03-12` in the `Version` row",
                format!("`{}`", version.0),
            ));
        }
        if let Some((want_product, want_version)) = expected {
            if &product != want_product {
                return Err(Error::new(
                    &raw.file,
                    host_line,
                    ErrorKind::FolderMismatch { what: "product".into(), page: product, folder: want_product.clone() },
                ));
            }
            if &version.0 != want_version {
                return Err(Error::new(
                    &raw.file,
                    version.1,
                    ErrorKind::FolderMismatch { what: "version".into(), page: version.0, folder: want_version.clone() },
                ));
            }
        }
        match &found {
            None => found = Some((product, version.0, raw.file.clone())),
            Some((p, v, other_file)) => {
                if p != &product {
                    return Err(Error::new(
                        &raw.file,
                        host_line,
                        ErrorKind::MixedFolder {
                            what: "products".into(),
                            this: product,
                            other: p.clone(),
                            other_file: other_file.clone(),
                        },
                    ));
                }
                if v != &version.0 {
                    return Err(Error::new(
                        &raw.file,
                        version.1,
                        ErrorKind::MixedFolder {
                            what: "versions".into(),
                            this: version.0,
                            other: v.clone(),
                            other_file: other_file.clone(),
                        },
                    ));
                }
            }
        }
    }
    match (found, expected) {
        (Some((p, v, _)), _) => Ok((p, v)),
        (None, Some((p, v))) => Ok((p.clone(), v.clone())),
        (None, None) => Err(Error::new(
            display,
            0,
            ErrorKind::Other { message: "no action pages: cannot tell the product and version".into() },
        )),
    }
}

/// The version the `Version` row states. A date written with other separators
/// (`2017/03/20`) is read as the version it means, with a warning.
fn version_of(raw: &RawAction, warnings: &mut Vec<Warning>) -> Result<Option<(String, u32)>> {
    let Some((stated, line)) = common_param_value(&raw.input, "Version") else { return Ok(None) };
    if is_version(&stated) {
        return Ok(Some((stated, line)));
    }
    let mended: String = stated.chars().map(|c| if matches!(c, '/' | '.' | '_') { '-' } else { c }).collect();
    if is_version(&mended) {
        warnings.push(Warning {
            file: raw.file.clone(),
            line,
            message: format!("the `Version` row writes the version `{stated}`: read as `{mended}`"),
        });
        return Ok(Some((mended, line)));
    }
    Ok(Some((stated, line)))
}

/// `vpc`, `cvm`, `tke`: what may name a product (the first label of its host).
pub fn is_product_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase()) && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// `2017-03-12`.
pub fn is_version(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// `AddressId`, `tag_key`: what may name a parameter, a field or a structure.
pub fn is_wire_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `FailedOperation.TaskFailed`.
pub fn is_error_code(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !s.contains("..")
        && !s.ends_with('.')
}

/// Whether a table describes action inputs, action outputs or structure fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Input,
    Output,
    Field { has_required_column: bool },
}

/// Resolves a table's rows into parameters. A row naming a parameter already in the table
/// is dropped (the first is kept) and a type that is neither basic nor a documented
/// structure becomes [`crate::ir::Type::Json`]: both are warnings.
pub fn lower_params(
    file: &str,
    rows: &[RawParam],
    structs: &BTreeSet<String>,
    kind: FieldKind,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Param>> {
    let mut names = naming::UniqueNames::default();
    let mut seen_wire: BTreeMap<&str, u32> = BTreeMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if !is_wire_name(&row.name) {
            return Err(Error::expected(
                file,
                row.line,
                "a parameter name (ASCII letters, digits and `_`)",
                format!("`{}`", row.name),
            ));
        }
        let warn = |warnings: &mut Vec<Warning>, message: String| {
            warnings.push(Warning { file: file.to_string(), line: row.line, message })
        };
        if let Some(first) = seen_wire.get(row.name.as_str()) {
            warn(
                warnings,
                format!("`{}` has two rows in one table (lines {first} and {}): the first is kept", row.name, row.line),
            );
            continue;
        }
        seen_wire.insert(&row.name, row.line);
        let (ty, unknown) = types::resolve(&row.ty, structs);
        if let Some(unknown) = unknown {
            warn(
                warnings,
                format!(
                    "type `{unknown}` of `{}` is not a basic type and no documented structure has that name: generated as serde_json::Value",
                    row.name
                ),
            );
        }
        let (description, example_value) = split_example_value(&row.description);
        let nullable = types::is_nullable(&description);
        let required = match kind {
            FieldKind::Input => row.required.unwrap_or(false),
            FieldKind::Output => !nullable,
            FieldKind::Field { has_required_column: true } => row.required.unwrap_or(false),
            FieldKind::Field { has_required_column: false } => !nullable,
        };
        out.push(Param {
            name: row.name.clone(),
            rust_name: names.take(naming::snake(&row.name)),
            required,
            doc_type: row.ty.clone(),
            ty,
            nullable,
            description,
            example_value,
        });
    }
    Ok(out)
}

/// `… 示例值:eip-ek0cdz1g` → (description, Some("eip-ek0cdz1g")).
fn split_example_value(description: &str) -> (String, Option<String>) {
    crate::vocab::split_example_value(description)
}

/// Compares each structure's `Used by actions:` list with the documented actions that
/// really use it (directly or through other structures): a difference is a warning.
fn check_used_by(
    raw_types: &BTreeMap<String, (String, RawDataType)>,
    actions: &BTreeMap<String, crate::ir::Action>,
    types: &BTreeMap<String, DataType>,
    warnings: &mut Vec<Warning>,
) {
    let mut users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for action in actions.values() {
        for name in used_structs(std::iter::once(action), types) {
            if let Some((key, _)) = types.get_key_value(&name) {
                users.entry(key.as_str()).or_default().insert(action.name.as_str());
            }
        }
    }
    for (name, (file, raw)) in raw_types {
        if raw.used_by.is_empty() {
            continue;
        }
        let really: BTreeSet<&str> = users.get(name.as_str()).cloned().unwrap_or_default();
        let listed: BTreeSet<&str> = raw.used_by.iter().map(String::as_str).collect();
        for action in listed.difference(&really).filter(|a| actions.contains_key(**a)) {
            warnings.push(Warning { file: file.clone(), line: raw.line, message: format!("structure `{name}` lists `{action}` under \"Used by actions\", but that action's tables never use it") });
        }
        for action in really.difference(&listed) {
            warnings.push(Warning {
                file: file.clone(),
                line: raw.line,
                message: format!("structure `{name}` is used by `{action}`, which its \"Used by actions\" list omits"),
            });
        }
    }
}

/// Drops, in place, the structures that no action uses (directly or through other
/// structures): what code is generated for. The IR keeps every structure the Data Types
/// page documents.
pub fn retain_used_structures(api: &mut Api) {
    let used = used_structs(api.actions.values(), &api.data_types);
    api.data_types.retain(|name, _| used.contains(name));
}

fn used_structs<'a>(
    actions: impl IntoIterator<Item = &'a crate::ir::Action>,
    types: &BTreeMap<String, DataType>,
) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut work: Vec<String> = actions
        .into_iter()
        .flat_map(|a| a.input.iter().chain(&a.output))
        .filter_map(|p| p.ty.struct_name().map(str::to_string))
        .collect();
    while let Some(name) = work.pop() {
        if used.insert(name.clone()) {
            if let Some(dt) = types.get(&name) {
                work.extend(dt.fields.iter().filter_map(|f| f.ty.struct_name().map(str::to_string)));
            }
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(is_version("2017-03-12"));
        assert!(!is_version("2017-03-1x") && !is_version("2017-03-122") && !is_version("2017\u{fffd}03-12"));
        assert!(is_product_name("vpc") && is_product_name("cvm2"));
        assert!(
            !is_product_name("Vpc") && !is_product_name("") && !is_product_name("v-pc") && !is_product_name("\u{fffd}")
        );
        assert!(is_wire_name("AddressId") && is_wire_name("tag_key"));
        assert!(!is_wire_name("A B") && !is_wire_name("1A") && !is_wire_name("é"));
        assert!(is_error_code("FailedOperation.TaskFailed") && is_error_code("InternalError"));
        assert!(!is_error_code("Failed..X") && !is_error_code("X.") && !is_error_code(".X") && !is_error_code("a b"));
    }

    #[test]
    fn example_values_are_split_off() {
        assert_eq!(
            split_example_value("ID。 示例值:eip-ek0cdz1g"),
            ("ID。".to_string(), Some("eip-ek0cdz1g".to_string()))
        );
        assert_eq!(split_example_value("Plain."), ("Plain.".to_string(), None));
    }
}
