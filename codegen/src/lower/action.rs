//! Lowering one action page.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{constraints, examples, lower_params, naming, FieldKind, Warning};
use crate::error::{Error, ErrorKind, Result};
use crate::extract::RawAction;
use crate::ir::{Action, ActionError, ActionNames, Constraint, DataType, Example, InputOutcome, Param, Type};

/// Parameters every request carries, documented in the input table but not part of the
/// request structure.
pub const COMMON_PARAMS: &[&str] = &["Action", "Version", "Region"];

pub fn lower(
    raw: &RawAction,
    structs: &BTreeSet<String>,
    types: &BTreeMap<String, DataType>,
    taken_type_names: &mut BTreeSet<String>,
    warnings: &mut Vec<Warning>,
) -> Result<Action> {
    let file = raw.file.as_str();
    // extract chose the name (the `Action` row, the description, the title) and checked it.
    let name = raw.name.clone();
    let warn = |warnings: &mut Vec<Warning>, line: u32, message: String| {
        warnings.push(Warning { file: file.to_string(), line, message })
    };

    let input_rows: Vec<_> = raw.input.iter().filter(|p| !COMMON_PARAMS.contains(&p.name.as_str())).cloned().collect();
    let input = lower_params(file, &input_rows, structs, FieldKind::Input)?;
    let output = lower_params(file, &raw.output, structs, FieldKind::Output)?;
    for (row, param) in input_rows.iter().zip(&input) {
        let is_list = matches!(param.ty, crate::ir::Type::Array(_));
        if row.list_suffix && !is_list {
            warn(
                warnings,
                row.line,
                format!("`{}.N` is a list parameter but its type `{}` is not an array", row.name, row.ty),
            );
        }
    }

    // Constraints from the prose, kept when every parameter they name is in the table.
    let mut found: Vec<Constraint> = Vec::new();
    for (row, param) in input_rows.iter().zip(&input) {
        for sentence in constraints::sentences(&param.description) {
            for c in constraints::read(&sentence, &param.name) {
                let unknown: Vec<&str> =
                    constraints::names(&c).into_iter().filter(|n| !input.iter().any(|p| p.name == *n)).collect();
                if !unknown.is_empty() {
                    warn(warnings, row.line, format!("the description of `{}` names `{}`, which is not an input parameter of {name}: constraint not enforced (\"{sentence}\")", param.name, unknown.join("`, `")));
                    continue;
                }
                if !found.iter().any(|f| same_constraint(f, &c)) {
                    found.push(c);
                }
            }
        }
    }
    for c in &found {
        if let Constraint::MutuallyExclusive { params, .. } = c {
            let required: Vec<&str> = params
                .iter()
                .filter(|n| input.iter().any(|p| &p.name == *n && p.required))
                .map(String::as_str)
                .collect();
            if required.len() >= 2 {
                let line = input_rows.iter().find(|r| r.name == required[0]).map_or(raw.input_line, |r| r.line);
                warn(
                    warnings,
                    line,
                    format!(
                        "`{}` are all required but documented as mutually exclusive: the exclusion is not enforced",
                        required.join("`, `")
                    ),
                );
            }
        }
    }
    let constraints: Vec<Constraint> = found
        .into_iter()
        .filter(|c| match c {
            Constraint::MutuallyExclusive { params, .. } => {
                params.iter().filter(|n| input.iter().any(|p| &p.name == *n && p.required)).count() < 2
            }
            Constraint::Requires { .. } | Constraint::AtLeastOne { .. } => true,
        })
        .collect();

    let mut examples_out = Vec::new();
    for ex in &raw.examples {
        let (input_code, input_line) = ex.input.clone().unwrap_or_default();
        let (output_code, output_line) = ex.output.clone().unwrap_or_default();
        let example_error = |start: u32, e: examples::ExampleError| {
            Error::new(file, start + e.line as u32, ErrorKind::Example { message: e.message })
        };
        let (input_form, input_json) =
            examples::input(&input_code, &input, types).map_err(|e| example_error(input_line, e))?;
        let output_json = examples::output(&output_code).map_err(|e| example_error(output_line, e))?;
        let check = check_example(&input_json, &output_json, &input, &output, &constraints, types);
        for c in &check.contradictions {
            warn(warnings, input_line, format!("example `{}` {c}", ex.title));
        }
        examples_out.push(Example {
            title: ex.title.clone(),
            description: ex.description.clone(),
            input_form,
            input: input_json,
            output: output_json,
            input_outcome: check.input_outcome,
            output_deserializes: check.output_deserializes,
            contradictions: check.contradictions,
        });
    }

    let mut errors = Vec::new();
    for e in &raw.errors {
        if !super::is_error_code(&e.code) {
            return Err(Error::expected(
                file,
                e.line,
                "an error code such as `FailedOperation.TaskFailed`",
                format!("`{}`", e.code),
            ));
        }
        errors.push(ActionError { code: e.code.clone(), description: e.description.clone() });
    }
    let module = naming::snake(&name);
    let mut unique = |suffix: &str| {
        let mut names = naming::UniqueNames::with_taken(taken_type_names.iter().map(String::as_str));
        let chosen = names.take(format!("{name}{suffix}"));
        taken_type_names.insert(chosen.clone());
        chosen
    };
    let rust = ActionNames {
        module: module.clone(),
        method: module,
        request: unique("Request"),
        response: unique("Response"),
        error: unique("Error"),
    };
    Ok(Action {
        name,
        rust,
        host: raw.host.clone().map(|(h, _)| h).unwrap_or_default(),
        description: raw.description.join("\n"),
        rate_limit: raw.rate_limit,
        input,
        output,
        examples: examples_out,
        errors,
        constraints,
    })
}

fn same_constraint(a: &Constraint, b: &Constraint) -> bool {
    match (a, b) {
        (Constraint::MutuallyExclusive { params: x, .. }, Constraint::MutuallyExclusive { params: y, .. }) => {
            let x: BTreeSet<_> = x.iter().collect();
            let y: BTreeSet<_> = y.iter().collect();
            x == y
        }
        (
            Constraint::Requires { param: p1, requires: r1, .. },
            Constraint::Requires { param: p2, requires: r2, .. },
        ) => p1 == p2 && r1 == r2,
        (Constraint::AtLeastOne { params: x, .. }, Constraint::AtLeastOne { params: y, .. }) => {
            let x: BTreeSet<_> = x.iter().collect();
            let y: BTreeSet<_> = y.iter().collect();
            x == y
        }
        _ => false,
    }
}

/// How an example fits its page: what the generated test must expect of its input and
/// output, and every contradiction found.
struct ExampleCheck {
    input_outcome: InputOutcome,
    output_deserializes: bool,
    contradictions: Vec<String>,
}

/// Checks an example against its own page: parameters the table lacks, values of the
/// wrong type, required parameters missing or empty, constraints broken; the output
/// against the output table.
fn check_example(
    input: &Value,
    output: &Value,
    params: &[Param],
    outputs: &[Param],
    constraints: &[Constraint],
    types: &BTreeMap<String, DataType>,
) -> ExampleCheck {
    let all_params = params;
    let mut contradictions = Vec::new();
    let mut deserializes = fits_fields(input, params, types, "", &mut contradictions);
    if let Value::Object(map) = input {
        for key in map.keys() {
            if !params.iter().any(|p| &p.name == key) {
                contradictions.push(format!("uses `{key}`, which is not an input parameter"));
            }
        }
    }
    let mut valid = true;
    let given = |n: &str| input.get(n).is_some_and(|v| !v.is_null());
    for p in params.iter().filter(|p| p.required && p.ty == Type::String) {
        if input.get(&p.name).and_then(Value::as_str) == Some("") {
            contradictions.push(format!("gives the required parameter `{}` empty", p.name));
            valid = false;
        }
    }
    for c in constraints {
        match c {
            Constraint::MutuallyExclusive { params, sentence } => {
                let present: Vec<&str> = params.iter().filter(|n| given(n)).map(String::as_str).collect();
                if present.len() >= 2 {
                    contradictions.push(format!(
                        "gives `{}` together although the page says \"{sentence}\"",
                        present.join("`, `")
                    ));
                    valid = false;
                }
            }
            Constraint::Requires { param, requires, sentence } => {
                if given(param) && !given(requires) {
                    contradictions
                        .push(format!("gives `{param}` without `{requires}` although the page says \"{sentence}\""));
                    valid = false;
                }
            }
            Constraint::AtLeastOne { params, sentence } => {
                let always = params.iter().any(|n| all_params.iter().any(|p| &p.name == n && p.required));
                if !always && !params.iter().any(|n| given(n)) {
                    contradictions
                        .push(format!("gives none of `{}` although the page says \"{sentence}\"", params.join("`, `")));
                    valid = false;
                }
            }
        }
    }
    if !input.is_object() {
        deserializes = false;
    }
    let input_outcome = match (deserializes, valid) {
        (false, _) => InputOutcome::DoesNotDeserialize,
        (true, false) => InputOutcome::RejectedByValidation,
        (true, true) => InputOutcome::Valid,
    };
    let mut output_problems = Vec::new();
    let output_deserializes = match output.get("Response") {
        Some(response) => fits_fields(response, outputs, types, "Response.", &mut output_problems),
        None => false,
    };
    contradictions.extend(output_problems.into_iter().map(|p| format!("output: {p}")));
    ExampleCheck { input_outcome, output_deserializes, contradictions }
}

/// Whether a JSON object deserializes into a structure with these fields; records why not.
fn fits_fields(
    value: &Value,
    fields: &[Param],
    types: &BTreeMap<String, DataType>,
    path: &str,
    problems: &mut Vec<String>,
) -> bool {
    let Value::Object(map) = value else {
        problems.push(format!("`{}` is not an object", path.trim_end_matches('.')));
        return false;
    };
    let mut ok = true;
    for field in fields {
        let at = format!("{path}{}", field.name);
        match map.get(&field.name) {
            None if field.required => {
                problems.push(format!("omits the required `{at}`"));
                ok = false;
            }
            Some(Value::Null) if field.required => {
                problems.push(format!("gives `null` for the required `{at}`"));
                ok = false;
            }
            None | Some(Value::Null) => {}
            Some(v) => ok &= fits_type(v, &field.ty, types, &at, problems),
        }
    }
    ok
}

fn fits_type(
    value: &Value,
    ty: &Type,
    types: &BTreeMap<String, DataType>,
    at: &str,
    problems: &mut Vec<String>,
) -> bool {
    let fits = match ty {
        Type::String | Type::Timestamp | Type::Date => value.is_string(),
        Type::Integer => value.is_i64() || value.is_u64() && value.as_u64().is_some_and(|n| n <= i64::MAX as u64),
        Type::Float => value.is_number(),
        Type::Boolean => value.is_boolean(),
        Type::Array(inner) => match value {
            Value::Array(items) => {
                return items.iter().enumerate().fold(true, |ok, (i, item)| {
                    let at = format!("{at}[{i}]");
                    if item.is_null() {
                        problems.push(format!("gives `null` as an element of `{at}`"));
                        return false;
                    }
                    fits_type(item, inner, types, &at, problems) && ok
                })
            }
            _ => false,
        },
        Type::Struct(name) => match types.get(name) {
            Some(dt) => return fits_fields(value, &dt.fields, types, &format!("{at}."), problems),
            None => value.is_object(),
        },
    };
    if !fits {
        problems.push(format!("gives `{at}` as {}, but its type is {}", json_kind(value), type_label(ty)));
    }
    fits
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn type_label(ty: &Type) -> String {
    match ty {
        Type::Array(inner) => format!("Array of {}", type_label(inner)),
        Type::Struct(name) => name.clone(),
        other => format!("{other:?}"),
    }
}
