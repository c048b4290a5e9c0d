//! Putting a product version together: its raw records → one [`Api`], structures first
//! (their names are what types resolve against), then actions, the `Used by actions` check,
//! pagination and waiters, and the product's error codes.

use std::collections::{BTreeMap, BTreeSet};

use super::params::{is_wire_name, lower_params, FieldKind};
use super::product::product_version;
use super::warning::Warning;
use super::{action, error_codes, naming, pagination, waiter};
use crate::error::{Error, ErrorKind, Result};
use crate::extract::{Extracted, PageRecord, RawAction, RawDataType, RawErrorCodes};
use crate::ir::{used_structures, Api, DataType, GENERATED_MARKER};

/// The pages of one product version.
#[derive(Debug, Default)]
struct Pages {
    actions: Vec<RawAction>,
    data_types: Vec<(String, RawDataType)>,
    error_codes: Option<RawErrorCodes>,
}

pub(super) fn lower_records(
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

    // A page that names no host, or whose example names another product's (lowering took
    // the folder's product), is served by the product's default one.
    for action in actions.values_mut().filter(|a| a.host.split('.').next() != Some(product.as_str())) {
        action.host = format!("{product}.tencentcloudapi.com");
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
/// `x_items`, `x_until_done`; `x_stream` of a streaming action) would take the name of another action's method.
fn annotate_pagination(actions: &mut BTreeMap<String, crate::ir::Action>, types: &BTreeMap<String, DataType>) {
    let methods: BTreeSet<String> = actions.values().map(|a| a.rust.method.clone()).collect();
    for action in actions.values_mut() {
        let free = ["pages", "items"].iter().all(|s| !methods.contains(&format!("{}_{s}", action.rust.method)));
        action.pagination = pagination::detect(action).filter(|_| free);
        let free = ["until_done", "until"].iter().all(|s| !methods.contains(&format!("{}_{s}", action.rust.method)));
        action.waiter = waiter::detect(action, types).filter(|_| free);
        // The streaming method (`x_stream`) must not take another action's name either.
        if methods.contains(&format!("{}_stream", action.rust.method)) {
            action.streaming = None;
            action.rust.event = None;
        }
    }
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
        for name in used_structures(std::iter::once(action), types) {
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
