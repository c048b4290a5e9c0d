//! Waiters, read from an action's outputs:
//!
//! - work: an action with one input (the work's id) whose output names a state (`Status`,
//!   `TaskStatus`, `State`) and documents its values, some meaning done and some failed or
//!   under way (`SUCCESS` / `FAILED` / `RUNNING` of `DescribeVpcTaskResult`);
//! - resources: an action that takes resource ids (an `…Ids` list of strings) and lists
//!   resources (one list of a structure among its outputs) whose structure has a state
//!   field with documented values (`InstanceState` of `Instance`).
//!
//! The values are read from the description ([`documented_values`]), their meaning from
//! the vocabulary's words.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::ir::{Action, DataType, Param, Type, Waiter};
use crate::vocab::{self, StateMeaning};

/// The waiter of an action, if it reports how some work goes or lists resources with a
/// documented state.
pub fn detect(action: &Action, types: &BTreeMap<String, DataType>) -> Option<Waiter> {
    work(action).or_else(|| resources(action, types))
}

fn is_state(p: &Param) -> bool {
    p.ty == Type::String && (p.name.ends_with("Status") || p.name.ends_with("State"))
}

fn work(action: &Action) -> Option<Waiter> {
    let [input] = &action.input[..] else { return None };
    if !input.required {
        return None;
    }
    action.output.iter().filter(|p| is_state(p)).find_map(|p| {
        let waiter = classify(None, p, false);
        // Something that means done, and something else to wait through or fail on.
        let other = waiter.failed.len() + waiter.pending.len();
        (!waiter.done.is_empty() && other > 0).then_some(waiter)
    })
}

fn resources(action: &Action, types: &BTreeMap<String, DataType>) -> Option<Waiter> {
    let by_ids = action.input.iter().any(|p| p.name.ends_with("Ids") && p.ty == Type::Array(Box::new(Type::String)));
    let lists: Vec<&Param> = action.output.iter().filter(|p| matches!(p.ty, Type::Array(_))).collect();
    let ([list], true) = (&lists[..], by_ids) else { return None };
    let Type::Array(inner) = &list.ty else { return None };
    let Type::Struct(name) = inner.as_ref() else { return None };
    let structure = types.get(name)?;
    // The resource's own state first (`State`, `InstanceState`), then any other.
    let own = |p: &&Param| ["State", "Status"].iter().any(|s| p.name == *s || p.name == format!("{name}{s}"));
    let mut fields: Vec<&Param> = structure.fields.iter().filter(|p| is_state(p)).collect();
    fields.sort_by_key(|p| !own(p));
    fields.into_iter().find_map(|p| {
        let waiter = classify(Some(list.name.clone()), p, true);
        (waiter.done.len() + waiter.failed.len() + waiter.pending.len() >= 2).then_some(waiter)
    })
}

/// The documented values of a state, by meaning; with `keep_all`, a value of no known
/// meaning is kept as under way (a resource's states are all worth naming).
fn classify(items: Option<String>, state: &Param, keep_all: bool) -> Waiter {
    let mut waiter =
        Waiter { items, state: state.name.clone(), done: Vec::new(), failed: Vec::new(), pending: Vec::new() };
    for (value, explanation) in documented_values(&state.description) {
        match vocab::state_meaning(&value, &explanation) {
            Some(StateMeaning::Done) => waiter.done.push(value),
            Some(StateMeaning::Failed) => waiter.failed.push(value),
            Some(StateMeaning::Pending) => waiter.pending.push(value),
            None if keep_all => waiter.pending.push(value),
            None => {}
        }
    }
    waiter
}

/// The values a description lists after a "valid values" word, each with its explanation:
/// `Valid values: SUCCESS(task executed successfully), FAILED (task execution failed), and
/// RUNNING (task in progress).`, `- running: Running`, `• PENDING: waiting`. A value is an
/// ASCII identifier at the start of an item, followed by its explanation in brackets or
/// after `:` or `-`.
///
/// Without such a word, upper-case values listed with their explanations are read
/// (`PENDING: Being created, DELETING: Being deleted, AVAILABLE: Running.`) and quoted ones
/// (`Possible states are 'CREATING', 'BINDING' and 'BIND'.`), when there are two or more.
pub fn documented_values(description: &str) -> Vec<(String, String)> {
    // Offsets in `lower` are offsets in `description`: the first word found (the longest
    // of those found there: `取值范围`, not `取值`), its end.
    let lower = super::facts::lower_same_length(description);
    let first = vocab::valid_values_words().into_iter().filter_map(|w| lower.find(w).map(|at| (at, Reverse(w.len()))));
    let Some((at, Reverse(len))) = first.min() else {
        return upper_case_values(description);
    };
    let start = at + len;
    let rest = description.get(start..).unwrap_or_default();
    let rest = rest.trim_start_matches([':', '：', ' ', '\n']);
    let mut values = Vec::new();
    for item in split_items(rest) {
        let item = item.trim().trim_start_matches(['-', '•', '*', ' ']).trim();
        let item = item.strip_prefix("and ").or_else(|| item.strip_prefix("or ")).unwrap_or(item).trim();
        // Values may be quoted: `'CREATING'`, `"ACTIVE"`.
        let quoted = item.starts_with(['\'', '"', '`']);
        let item = item.trim_start_matches(['\'', '"', '`']);
        let end = item.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(item.len());
        let (value, explanation) = item.split_at(end);
        let explanation = if quoted { explanation.trim_start_matches(['\'', '"', '`']) } else { explanation };
        if value.is_empty() || !value.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        // A last item ends the sentence: `… and 'DELETED'.`
        let explanation = explanation.trim().trim_end_matches(['.', '。']).trim_end();
        let explained = explanation.is_empty()
            || explanation.starts_with(['(', '（', ':', '：', '-', '=', '—', '–'])
            || explanation.starts_with("indicates")
            || explanation.starts_with("means");
        if explained {
            let explanation = explanation.trim_start_matches(['(', '（', ':', '：', '-', '=', '—', '–', ' ']);
            let explanation = explanation.trim_end_matches([')', '）', '.', '。', ' ']);
            values.push((value.to_string(), explanation.to_string()));
        }
    }
    values
}

/// Upper-case values (`PENDING`, `BIND_ENI`) at the start of a sentence or list item with
/// an explanation after `:` or in brackets, or in quotes anywhere; none unless two or more.
fn upper_case_values(description: &str) -> Vec<(String, String)> {
    let is_value = |v: &str| {
        v.len() >= 2
            && v.starts_with(|c: char| c.is_ascii_uppercase())
            && v.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    };
    let mut values: Vec<(String, String)> = Vec::new();
    let mut add = |value: &str, explanation: &str| {
        if is_value(value) && !values.iter().any(|(v, _)| v == value) {
            values.push((value.to_string(), explanation.trim().trim_end_matches(['.', '。', ')', '）']).to_string()));
        }
    };
    for sentence in description.split(". ") {
        for item in split_items(sentence) {
            let item = item.trim().trim_start_matches(['-', '•', '*', ' ']);
            let end = item.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(item.len());
            let (value, rest) = item.split_at(end);
            let rest = rest.trim_start();
            if let Some(explanation) = rest.strip_prefix([':', '：', '(', '（']) {
                add(value, explanation);
            }
        }
    }
    for quote in ['\'', '"'] {
        let mut parts = description.split(quote);
        parts.next();
        while let Some(inside) = parts.next() {
            add(inside, "");
            parts.next();
        }
    }
    if values.len() >= 2 {
        values
    } else {
        Vec::new()
    }
}

/// The items of a list of values: separated by commas, semicolons, line breaks or bullets
/// (not inside brackets).
fn split_items(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            ',' | ';' | '\n' | '•' | '，' | '；' | '、' if depth <= 0 => {
                items.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        documented_values(text).into_iter().map(|(v, _)| v).collect()
    }

    #[test]
    fn values_in_the_forms_pages_print() {
        assert_eq!(
            values("The execution results of an async task. Valid values: SUCCESS(task executed successfully), FAILED (task execution failed), and RUNNING (task in progress)."),
            ["SUCCESS", "FAILED", "RUNNING"]
        );
        assert_eq!(
            values("Task status. Valid values:\n- preparing: To be run\n- running: Running\n- succeed: Succeeded\n- failed: Failed"),
            ["preparing", "running", "succeed", "failed"]
        );
        assert_eq!(
            values("Task status description\nEnumeration values:\n• PENDING: Task waiting for scheduling\n• RUNNING: running\n• SUCCESS: done\n• FAIL: failed"),
            ["PENDING", "RUNNING", "SUCCESS", "FAIL"]
        );
        assert_eq!(
            values("任务状态。取值：SUCCESS（成功），FAILED（失败），RUNNING（运行中）。"),
            ["SUCCESS", "FAILED", "RUNNING"]
        );
        assert!(values("The status of the instance.").is_empty());
        assert_eq!(
            values("The status of the NAT gateway. PENDING: Being created, DELETING: Being deleted, AVAILABLE: Running, FAILED: Failed."),
            ["PENDING", "DELETING", "AVAILABLE", "FAILED"]
        );
        assert_eq!(
            values("Possible EIP states are 'CREATING', 'BINDING', 'BIND', and 'BIND_ENI'."),
            ["CREATING", "BINDING", "BIND", "BIND_ENI"]
        );
        assert_eq!(
            values("Gateway instance status. 'PENDING': Creating; 'DELETING': Deleting; 'AVAILABLE': Running."),
            ["PENDING", "DELETING", "AVAILABLE"]
        );
        assert!(values("The ID, such as 'vpc-1'. See the API Introduction (AI: more).").is_empty());
        assert_eq!(
            values(
                "The status of the bandwidth package. Valid values: 'CREATING', 'CREATED', 'DELETING', and 'DELETED'."
            ),
            ["CREATING", "CREATED", "DELETING", "DELETED"]
        );
    }

    /// Case changes that change a character's length (`İ` → `i̇`, `ẞ` → `ß`) once moved the
    /// offsets of the lower-cased text away from the description's.
    #[test]
    fn values_after_letters_whose_lower_case_is_longer_or_shorter() {
        assert_eq!(values("İ取值：SUCCESS（成功），FAILED（失败）ẞ"), ["SUCCESS", "FAILED"]);
        assert_eq!(values("İ Valid values: SUCCESS (done), FAILED (failed). ẞ"), ["SUCCESS", "FAILED"]);
        assert_eq!(values("\u{212a}İİ valid values：\u{3000}RUNNING：运行中"), ["RUNNING"]);
    }

    #[test]
    fn meanings_of_state_values() {
        use StateMeaning::*;
        for (value, explanation, meaning) in [
            ("SUCCESS", "", Some(Done)),
            ("succeed", "", Some(Done)),
            ("FAILED", "", Some(Failed)),
            ("UNSUCCESSFUL", "", Some(Failed)),
            ("RUNNING", "", Some(Pending)),
            ("INITIAL", "Initialization", Some(Pending)),
            ("S1", "成功", Some(Done)),
            ("PAUSED", "paused", None),
            ("readyComplete", "Preparation completed", Some(Pending)),
            ("paused", "paused due to failure", Some(Failed)),
        ] {
            assert_eq!(vocab::state_meaning(value, explanation), meaning, "{value}");
        }
    }
}
