//! Waiters, read from an action's outputs: an action with one input (the work's id) whose
//! output names a state (`Status`, `TaskStatus`, `State`) and documents its values, some
//! meaning done and some failed or under way (`SUCCESS` / `FAILED` / `RUNNING` of
//! `DescribeVpcTaskResult`). The values are read from the description ([`documented_values`]),
//! their meaning from the vocabulary's words.

use crate::ir::{Action, Type, Waiter};
use crate::vocab::{self, StateMeaning};

/// The waiter of an action, if it reports how some work goes.
pub fn detect(action: &Action) -> Option<Waiter> {
    let [input] = &action.input[..] else { return None };
    if !input.required {
        return None;
    }
    action
        .output
        .iter()
        .filter(|p| p.ty == Type::String && (p.name.ends_with("Status") || p.name.ends_with("State")))
        .find_map(|p| {
            let mut waiter =
                Waiter { state: p.name.clone(), done: Vec::new(), failed: Vec::new(), pending: Vec::new() };
            for (value, explanation) in documented_values(&p.description) {
                match vocab::state_meaning(&value, &explanation) {
                    Some(StateMeaning::Done) => waiter.done.push(value),
                    Some(StateMeaning::Failed) => waiter.failed.push(value),
                    Some(StateMeaning::Pending) => waiter.pending.push(value),
                    None => {}
                }
            }
            // Something that means done, and something else to wait through or fail on.
            let other = waiter.failed.len() + waiter.pending.len();
            (!waiter.done.is_empty() && other > 0).then_some(waiter)
        })
}

/// The values a description lists after a "valid values" word, each with its explanation:
/// `Valid values: SUCCESS(task executed successfully), FAILED (task execution failed), and
/// RUNNING (task in progress).`, `- running: Running`, `• PENDING: waiting`. A value is an
/// ASCII identifier at the start of an item, followed by its explanation in brackets or
/// after `:` or `-`.
pub fn documented_values(description: &str) -> Vec<(String, String)> {
    let lower = description.to_lowercase();
    let Some(start) = vocab::valid_values_words().iter().filter_map(|w| lower.find(w).map(|at| at + w.len())).min()
    else {
        return Vec::new();
    };
    // Byte offsets of `lower` and `description` agree only for ASCII case changes.
    let rest = if lower.len() == description.len() { &description[start..] } else { &lower[start..] };
    let rest = rest.trim_start_matches([':', '：', ' ', '\n']);
    let mut values = Vec::new();
    for item in split_items(rest) {
        let item = item.trim().trim_start_matches(['-', '•', '*', ' ']).trim();
        let item = item.strip_prefix("and ").or_else(|| item.strip_prefix("or ")).unwrap_or(item).trim();
        let end = item.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(item.len());
        let (value, explanation) = item.split_at(end);
        if value.is_empty() || !value.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let explanation = explanation.trim();
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
