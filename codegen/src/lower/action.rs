//! Lowering one action page.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::params::{lower_params, FieldKind};
use super::warning::Warning;
use super::{constraints, error_codes, examples, limits, naming, streaming, values};
use crate::error::Result;
use crate::extract::{RawAction, RawExample};
use crate::ir::{
    Action, ActionError, ActionNames, Constraint, DataType, EventExample, Example, InputForm, InputOutcome, Param,
    Streaming, Type,
};

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
    let input = lower_params(file, &input_rows, structs, FieldKind::Input, warnings)?;
    let output = lower_params(file, &raw.output, structs, FieldKind::Output, warnings)?;
    // Duplicate rows were dropped: pair each parameter with its (first) row.
    let input_rows: Vec<_> =
        input.iter().filter_map(|p| input_rows.iter().find(|r| r.name == p.name).cloned()).collect();
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

    let description = raw.description.join("\n");
    let outputs = raw.examples.iter().filter_map(|e| e.output.as_ref().map(|(code, _)| code.as_str()));
    let streaming = streaming::detect(&name, &description, &input, outputs);
    let page =
        Page { file, input: &input, output: &output, constraints: &constraints, types, streaming: streaming.as_ref() };
    let examples_out: Vec<Example> =
        raw.examples.iter().enumerate().map(|(i, ex)| lower_example(&page, i, ex, warnings)).collect();

    let errors = error_codes::clean(file, &raw.errors, warnings)
        .into_iter()
        .map(|e| ActionError { code: e.code, description: e.description })
        .collect();
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
        event: streaming.is_some().then(|| unique("Event")),
    };
    Ok(Action {
        name,
        rust,
        host: raw.host.clone().map(|(h, _)| h).unwrap_or_default(),
        description,
        rate_limit: raw.rate_limit,
        input,
        output,
        examples: examples_out,
        errors,
        constraints,
        pagination: None,
        waiter: None,
        streaming,
    })
}

/// What an example is checked against: its action's page.
struct Page<'a> {
    file: &'a str,
    input: &'a [Param],
    output: &'a [Param],
    constraints: &'a [Constraint],
    types: &'a BTreeMap<String, DataType>,
    streaming: Option<&'a Streaming>,
}

/// One example: its input and output read and checked against the page. A part that
/// cannot be read is a documentation defect: a warning at its line, `null` in the IR, and
/// a reason (without positions) in `Example::defects`.
fn lower_example(page: &Page, index: usize, ex: &RawExample, warnings: &mut Vec<Warning>) -> Example {
    let Page { file, input, output, constraints, types, streaming } = *page;
    let (input_code, input_line) = ex.input.clone().unwrap_or_default();
    let (output_code, output_line) = ex.output.clone().unwrap_or_default();
    let shown = if ex.title.is_empty() { format!("{}", index + 1) } else { ex.title.clone() };
    let mut defects = Vec::new();
    let mut defect = |start: u32, e: examples::ExampleError| {
        warnings.push(Warning {
            file: file.to_string(),
            line: start + e.line as u32,
            message: format!("example `{shown}`: {}: documentation defect, not tested", e.message),
        });
        defects.push(e.message);
    };
    let (input_form, input_json) = match examples::input(&input_code, input, types) {
        Ok((form, json)) => (form, Some(json)),
        Err(e) => {
            // The form the page meant, as far as it shows: a GET URL, else a POST body.
            let get = ["http://", "https://", "GET "].iter().any(|p| input_code.trim_start().starts_with(p));
            defect(input_line, e);
            (if get { InputForm::Get } else { InputForm::Post }, None)
        }
    };
    let mut notes = Vec::new();
    let mut events = Vec::new();
    let mut event_problems = Vec::new();
    let mut event_warnings = Vec::new();
    let event_split = streaming.and_then(|s| event_lines(&output_code, s));
    let output_json = match event_split {
        Some(split) => {
            let lowered = lower_events(&split, output, types);
            for e in lowered.defects {
                defect(output_line, e);
            }
            for (problem, numbers, line) in lowered.problems {
                let which = event_numbers(&numbers, split.events.len());
                let message = format!("example `{shown}`: output {which}: {problem}");
                event_warnings.push(Warning { file: file.to_string(), line: output_line + line as u32, message });
                event_problems.push(format!("output {which}: {problem}"));
            }
            events = lowered.events;
            None
        }
        None => match examples::output(&output_code) {
            Ok((json, note)) => {
                notes.extend(note.map(str::to_string));
                Some(json)
            }
            Err(e) => {
                defect(output_line, e);
                None
            }
        },
    };
    warnings.extend(event_warnings);
    let check = check_example(input_json.as_ref(), output_json.as_ref(), input, output, constraints, types);
    for c in &check.contradictions {
        warnings.push(Warning { file: file.to_string(), line: input_line, message: format!("example `{shown}` {c}") });
    }
    for note in &notes {
        warnings.push(Warning {
            file: file.to_string(),
            line: output_line,
            message: format!("example `{shown}`: {note}"),
        });
    }
    let mut contradictions = notes;
    contradictions.extend(check.contradictions);
    contradictions.extend(event_problems);
    Example {
        title: ex.title.clone(),
        description: ex.description.clone(),
        input_form,
        input: input_json.unwrap_or(Value::Null),
        output: output_json.unwrap_or(Value::Null),
        input_outcome: check.input_outcome,
        output_deserializes: check.output_deserializes,
        contradictions,
        defects,
        events,
    }
}

/// The events of an output example, checked against the output table (without the
/// reply's `RequestId`): the events whose data is a JSON object, the contradictions (each
/// once, with the numbers of the events that have it and the line of the first), and the
/// events that cannot be read.
struct LoweredEvents {
    events: Vec<EventExample>,
    problems: Vec<(String, Vec<usize>, usize)>,
    defects: Vec<examples::ExampleError>,
}

fn lower_events(split: &streaming::SseSplit, output: &[Param], types: &BTreeMap<String, DataType>) -> LoweredEvents {
    let fields: Vec<Param> = output.iter().filter(|p| p.name != "RequestId").cloned().collect();
    let mut out = LoweredEvents { events: Vec::new(), problems: Vec::new(), defects: Vec::new() };
    for (line, text) in &split.stray {
        let shown: String = text.chars().take(40).collect::<String>().replace('`', "'");
        let message = format!("a line of the output is no SSE field: `{shown}`");
        out.defects.push(examples::ExampleError { message, line: *line });
    }
    for (n, event) in split.events.iter().enumerate() {
        let what = format!("output event {}", n + 1);
        match examples::parse_json(&event.data) {
            Ok(data @ Value::Object(_)) if error_code(&data).is_some() => {
                let error = error_code(&data);
                out.events.push(EventExample { data, deserializes: false, error });
            }
            Ok(data @ Value::Object(_)) => {
                let mut problems = Vec::new();
                let fits = fits_fields(&data, &fields, types, "", &mut problems);
                let before = problems.len();
                values::outside_sets(&data, &fields, types, "", &mut problems);
                let deserializes = fits && problems.len() == before;
                out.events.push(EventExample { data, deserializes, error: None });
                let number = n + 1;
                for p in problems {
                    match out.problems.iter_mut().find(|(q, _, _)| *q == p) {
                        Some((_, numbers, _)) => numbers.push(number),
                        None => out.problems.push((p, vec![number], event.line)),
                    }
                }
            }
            Ok(_) => out
                .defects
                .push(examples::ExampleError { message: format!("{what} is not a JSON object"), line: event.line }),
            Err(e) => out.defects.push(examples::ExampleError::json(&what, &e, event.line)),
        }
    }
    out
}

/// The API error code an event's data carries: `Error.Code`, bare or inside a `Response`
/// (what the client reads as an error event, ending the stream).
fn error_code(data: &Value) -> Option<String> {
    let envelope = data.get("Response").filter(|r| r.get("Error").is_some()).unwrap_or(data);
    envelope.get("Error")?.get("Code")?.as_str().map(str::to_string)
}

/// `event 3`, `events 1-3, 5 (4 of 9)`: which of the example's events (numbered in page
/// order, `[DONE]` aside) something is said of.
fn event_numbers(numbers: &[usize], of: usize) -> String {
    if let [one] = numbers {
        return format!("event {one}");
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    let list: Vec<String> =
        runs.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }).collect();
    format!("events {} ({} of {of})", list.join(", "), numbers.len())
}

/// The events of a streaming action's output example: its SSE lines, or, for an action
/// that always streams, one JSON object without the `Response` of a whole reply (one event
/// shown alone). `None`: an ordinary output (a JSON reply, an error reply).
fn event_lines(code: &str, streaming: &Streaming) -> Option<streaming::SseSplit> {
    if streaming::is_sse(code) {
        return Some(streaming::split(code));
    }
    let one_event = streaming.input.is_none()
        && examples::parse_json(code).is_ok_and(|v| v.is_object() && v.get("Response").is_none());
    one_event.then(|| streaming::SseSplit {
        events: vec![streaming::SseEvent { line: 0, data: code.to_string() }],
        ..Default::default()
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
/// against the output table. A part that could not be read (`None`) is not checked.
fn check_example(
    input: Option<&Value>,
    output: Option<&Value>,
    params: &[Param],
    outputs: &[Param],
    constraints: &[Constraint],
    types: &BTreeMap<String, DataType>,
) -> ExampleCheck {
    let all_params = params;
    let mut contradictions = Vec::new();
    let mut output_problems = Vec::new();
    let output_deserializes = match output.and_then(|o| o.get("Response")) {
        Some(response) => {
            let fits = fits_fields(response, outputs, types, "Response.", &mut output_problems);
            // A value outside its closed set decodes (an enum's `Other`), reported as a contradiction.
            let before = output_problems.len();
            values::outside_sets(response, outputs, types, "Response.", &mut output_problems);
            fits && output_problems.len() == before
        }
        None => false,
    };
    let Some(input) = input else {
        contradictions.extend(output_problems.into_iter().map(|p| format!("output: {p}")));
        return ExampleCheck { input_outcome: InputOutcome::Unreadable, output_deserializes, contradictions };
    };
    let mut deserializes = fits_fields(input, params, types, "", &mut contradictions);
    // Sent as it is (an enum's `Other`): a contradiction, not a failure.
    values::outside_sets(input, params, types, "", &mut contradictions);
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
    // The documented limits `validate_limits` checks.
    for p in all_params {
        let broken = input
            .get(&p.name)
            .filter(|v| !v.is_null())
            .and_then(|v| limits::broken(p, v).or_else(|| limits::broken_inside(p, v, types)));
        if let Some(contradiction) = broken {
            contradictions.push(contradiction);
            valid = false;
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
            Some(Value::Null) if field.required && field.ty != Type::Json => {
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
                    if item.is_null() && **inner != Type::Json {
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
        Type::Json => true,
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
        Type::Json => "any JSON value".to_string(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::Facts;

    #[test]
    fn an_example_outside_a_documented_range_is_rejected_by_validation() {
        let period = Param {
            name: "Period".into(),
            rust_name: "period".into(),
            required: true,
            doc_type: "Integer".into(),
            ty: Type::Integer,
            nullable: false,
            description: String::new(),
            example_value: None,
            facts: Facts { min: Some(7.into()), max: Some(732.into()), ..Facts::default() },
        };
        let check =
            |input: Value| check_example(Some(&input), None, std::slice::from_ref(&period), &[], &[], &BTreeMap::new());
        assert_eq!(check(json!({"Period": 30})).input_outcome, InputOutcome::Valid);
        let outside = check(json!({"Period": 1000}));
        assert_eq!(outside.input_outcome, InputOutcome::RejectedByValidation);
        assert_eq!(outside.contradictions, ["gives `Period` as 1000 (range 7 to 732), outside its documented limits"]);
        // A value of the wrong type does not deserialize, whatever its limits.
        assert_eq!(check(json!({"Period": "1000"})).input_outcome, InputOutcome::DoesNotDeserialize);
    }
}
