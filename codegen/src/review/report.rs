//! The API changes as a report: one summary line, JSON, or Markdown for a pull-request
//! comment.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::change::{Change, Kind};
use super::rust_change::{Bump, RustApi, RustChange, RustKind};

/// A whole review of a docs update: the API changes (from the IR) and the Rust API view
/// (from the generated code), with the semver bump they imply.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The product versions compared: `vpc 2017-03-12`.
    pub title: String,
    /// `api: …; rust api: …; semver: minor`.
    pub summary: String,
    /// The release the change calls for (`major`, `minor`, `patch`), `null` when the
    /// generated code is the same.
    pub semver: Option<Bump>,
    pub changes: Vec<Change>,
    pub rust_api: Vec<RustChange>,
}

impl Review {
    pub fn new(title: String, changes: Vec<Change>, rust: RustApi) -> Review {
        let summary = format!("{}; {}", summary_line(&changes), rust.summary());
        Review { title, summary, semver: rust.bump, changes, rust_api: rust.changes }
    }

    /// Nothing changed, in the API or in the generated code.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.rust_api.is_empty()
    }

    /// `{"title", "summary", "semver", "changes": [...], "rust_api": [...]}`.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a review serializes");
        json.push('\n');
        json
    }

    /// The API report, then the Rust API view.
    pub fn to_markdown(&self) -> String {
        let mut md = to_markdown(&self.title, &self.changes);
        // The bump beside the count of changes, where a reviewer looks first.
        if let Some(bump) = self.semver {
            if let Some(at) = md.find(" breaking.**") {
                md.replace_range(at..at + " breaking.**".len(), &format!(" breaking; semver: {}.**", bump.as_str()));
            }
        }
        md.push_str(&rust_api_markdown(&self.rust_api, self.semver));
        md
    }
}

/// The Rust API view in Markdown: the bump, a table of counts, then the items by kind,
/// the breaking ones first.
fn rust_api_markdown(changes: &[RustChange], semver: Option<Bump>) -> String {
    let mut md = String::from("\n### Rust API\n\n");
    let Some(bump) = semver else {
        md.push_str("The generated code is the same.\n");
        return md;
    };
    let _ = writeln!(md, "**Semver: {}.**\n", bump.as_str());
    let mut counts: BTreeMap<(RustKind, Bump), usize> = BTreeMap::new();
    for c in changes {
        *counts.entry((c.kind, c.bump)).or_default() += 1;
    }
    md.push_str("| items | count | bump |\n| --- | ---: | --- |\n");
    for ((kind, bump), n) in counts.iter().rev() {
        let _ = writeln!(md, "| {} | {n} | {} |", rust_kind_heading(*kind), bump.as_str());
    }
    for kind in [RustKind::Removed, RustKind::Changed, RustKind::Behaviour, RustKind::Added] {
        let mut these: Vec<&RustChange> = changes.iter().filter(|c| c.kind == kind).collect();
        if these.is_empty() {
            continue;
        }
        these.sort_by(|a, b| b.bump.cmp(&a.bump).then_with(|| a.path.cmp(&b.path)));
        let _ = writeln!(md, "\n#### {} ({})\n", rust_kind_heading(kind), these.len());
        let lines: Vec<String> = these.iter().map(|c| rust_line(c)).collect();
        if lines.len() > LONG_LIST {
            let _ =
                writeln!(md, "<details><summary>{} items</summary>\n\n{}\n\n</details>", lines.len(), lines.join("\n"));
        } else {
            let _ = writeln!(md, "{}", lines.join("\n"));
        }
    }
    md
}

fn rust_kind_heading(kind: RustKind) -> &'static str {
    match kind {
        RustKind::Added => "Added",
        RustKind::Removed => "Removed",
        RustKind::Changed => "Changed",
        RustKind::Behaviour => "Behaviour changes",
    }
}

/// `- **major** \`vpc::v20170312::X::y\` (field): \`String\` → \`Option<String>\``.
fn rust_line(c: &RustChange) -> String {
    let bump = match c.bump {
        Bump::Major => "**major**".to_string(),
        other => other.as_str().to_string(),
    };
    let mut line = format!("- {bump} `{}` ({})", c.path, c.item);
    match (&c.old, &c.new) {
        (Some(o), Some(n)) if o != n => line.push_str(&format!(": `{o}` → `{n}`")),
        (Some(o), None) if !o.is_empty() => line.push_str(&format!(": was `{o}`")),
        (None, Some(n)) if !n.is_empty() => line.push_str(&format!(": `{n}`")),
        _ => {}
    }
    if let Some(note) = &c.note {
        line.push_str(&format!(" — {note}"));
    }
    const SHOWN: usize = 3;
    let shown: Vec<String> =
        c.decoded.iter().take(SHOWN).map(|d| format!("`{}`: `{}` → `{}`", d.code, d.old, d.new)).collect();
    if !shown.is_empty() {
        line.push_str(&format!(": {}", shown.join(", ")));
        if c.decoded.len() > SHOWN {
            line.push_str(&format!(" and {} more", c.decoded.len() - SHOWN));
        }
    }
    line
}

/// `api: 13 actions added, 40 input parameters added, … (2 breaking)` or `api: no changes`.
pub fn summary_line(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "api: no changes".to_string();
    }
    let counts = counts(changes);
    let parts: Vec<String> =
        Kind::all().filter_map(|k| counts.get(&k).map(|(n, _)| format!("{n} {}", k.label()))).collect();
    let breaking = changes.iter().filter(|c| c.breaking).count();
    format!("api: {} ({breaking} breaking)", parts.join(", "))
}

fn counts(changes: &[Change]) -> BTreeMap<Kind, (usize, usize)> {
    let mut counts: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    for c in changes {
        let entry = counts.entry(c.kind).or_default();
        entry.0 += 1;
        entry.1 += usize::from(c.breaking);
    }
    counts
}

/// The changes as JSON: a list of `{"kind", "path", "breaking", "old"?, "new"?}`.
pub fn to_json(changes: &[Change]) -> String {
    let mut json = serde_json::to_string_pretty(changes).expect("changes serialize");
    json.push('\n');
    json
}

/// Lists longer than this fold into a `<details>` block.
const LONG_LIST: usize = 40;

/// A Markdown report for a pull-request comment: a summary table, then the details
/// grouped by action and by data type.
pub fn to_markdown(title: &str, changes: &[Change]) -> String {
    let mut md = format!("## API changes: {title}\n\n");
    if changes.is_empty() {
        md.push_str("No API changes.\n");
        return md;
    }
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let _ = writeln!(md, "**{} changes, {breaking} breaking.**\n", changes.len());
    md.push_str("| change | count | breaking |\n| --- | ---: | ---: |\n");
    for (kind, (n, b)) in counts(changes) {
        let _ = writeln!(md, "| {} | {n} | {b} |", kind.label());
    }
    // With several product versions, names carry their product version.
    let named = |c: &Change, name: &str| match &c.api {
        Some(api) => format!("{api} {name}"),
        None => name.to_string(),
    };
    let list = |kind: Kind| {
        changes.iter().filter(|c| c.kind == kind).map(|c| format!("`{}`", named(c, &c.path))).collect::<Vec<_>>()
    };
    let mut actions: BTreeMap<String, Vec<&Change>> = BTreeMap::new();
    let mut types: BTreeMap<String, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        let owner = named(c, c.path.split(['.', ':']).next().unwrap_or(&c.path));
        match c.kind {
            Kind::ActionAdded
            | Kind::ActionRemoved
            | Kind::TypeAdded
            | Kind::TypeRemoved
            | Kind::CommonCodeAdded
            | Kind::CommonCodeRemoved
            | Kind::ServiceCodeAdded
            | Kind::ServiceCodeRemoved => {}
            Kind::FieldAdded | Kind::FieldRemoved | Kind::FieldType | Kind::FieldRequired | Kind::FieldNullability => {
                types.entry(owner).or_default().push(c)
            }
            // What a structure field's description states: under its data type.
            _ if c.of_field => types.entry(owner).or_default().push(c),
            _ => actions.entry(owner).or_default().push(c),
        }
    }
    let sections = [
        ("Actions added", list(Kind::ActionAdded), false),
        ("Actions removed", list(Kind::ActionRemoved), true),
        ("Data types added", list(Kind::TypeAdded), false),
        ("Data types removed", list(Kind::TypeRemoved), true),
        ("Common error codes added", list(Kind::CommonCodeAdded), false),
        ("Common error codes removed", list(Kind::CommonCodeRemoved), true),
        ("Service error codes added", list(Kind::ServiceCodeAdded), false),
        ("Service error codes removed", list(Kind::ServiceCodeRemoved), true),
    ];
    for (heading, names, breaking) in sections {
        if names.is_empty() {
            continue;
        }
        let note = if breaking { " — **breaking**" } else { "" };
        let _ = writeln!(md, "\n### {heading} ({}){note}\n", names.len());
        // A long list folds away (an Error Codes page brings hundreds of codes).
        if names.len() > LONG_LIST {
            let _ =
                writeln!(md, "<details><summary>{} names</summary>\n\n{}\n\n</details>", names.len(), names.join(", "));
        } else {
            let _ = writeln!(md, "{}", names.join(", "));
        }
    }
    for (heading, groups) in [("Changed actions", &actions), ("Changed data types", &types)] {
        if groups.is_empty() {
            continue;
        }
        let _ = writeln!(md, "\n### {heading}");
        for (owner, list) in groups {
            let _ = writeln!(md, "\n#### `{owner}`\n");
            for c in list {
                let _ = writeln!(md, "- {}", describe(c));
            }
        }
    }
    md
}

fn describe(c: &Change) -> String {
    let member = c.path.split_once(['.', ':']).map_or("", |(_, m)| m);
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let text = match c.kind {
        Kind::ActionAdded => "action added".to_string(),
        Kind::ActionRemoved => "action removed".to_string(),
        Kind::TypeAdded => "data type added".to_string(),
        Kind::TypeRemoved => "data type removed".to_string(),
        Kind::InputAdded => format!("input `{member}` added ({})", value(&c.new)),
        Kind::OutputAdded => format!("output `{member}` added ({})", value(&c.new)),
        Kind::FieldAdded => format!("field `{member}` added ({})", value(&c.new)),
        Kind::InputRemoved => format!("input `{member}` removed (was {})", value(&c.old)),
        Kind::OutputRemoved => format!("output `{member}` removed (was {})", value(&c.old)),
        Kind::FieldRemoved => format!("field `{member}` removed (was {})", value(&c.old)),
        Kind::InputType | Kind::OutputType | Kind::FieldType => {
            format!("`{member}`: type `{}` → `{}`", value(&c.old), value(&c.new))
        }
        Kind::OutputNullability | Kind::FieldNullability => {
            format!("`{member}`: {} → {}", value(&c.old), value(&c.new))
        }
        Kind::CommonCodeAdded => format!("common error code `{}` added", c.path),
        Kind::CommonCodeRemoved => format!("common error code `{}` removed", c.path),
        Kind::ServiceCodeAdded => format!("service error code `{}` added", c.path),
        Kind::ServiceCodeRemoved => format!("service error code `{}` removed", c.path),
        Kind::InputRequired | Kind::FieldRequired => format!("`{member}`: {} → {}", value(&c.old), value(&c.new)),
        Kind::ErrorAdded => format!("error code `{member}` added"),
        Kind::ErrorRemoved => format!("error code `{member}` removed"),
        Kind::ConstraintAdded => format!("input constraint added: {}", value(&c.new)),
        Kind::ConstraintRemoved => format!("input constraint removed: {}", value(&c.old)),
        Kind::RateLimitChanged => format!("rate limit: {} → {}", value(&c.old), value(&c.new)),
        Kind::PaginatorAdded => format!("paginator added ({})", value(&c.new)),
        Kind::PaginatorRemoved => format!("paginator removed (was {})", value(&c.old)),
        Kind::PaginatorChanged => format!("paginator: {} → {}", value(&c.old), value(&c.new)),
        Kind::WaiterAdded => format!("waiter added ({})", value(&c.new)),
        Kind::WaiterRemoved => format!("waiter removed (was {})", value(&c.old)),
        Kind::WaiterChanged => format!("waiter: {} → {}", value(&c.old), value(&c.new)),
        Kind::StreamingAdded => format!("streamed reply added ({})", value(&c.new)),
        Kind::StreamingRemoved => format!("streamed reply removed (was {})", value(&c.old)),
        Kind::StreamingChanged => format!("streamed reply: {} → {}", value(&c.old), value(&c.new)),
        Kind::ValueAdded => format!("`{member}`: value `{}` added", value(&c.new)),
        Kind::ValueRemoved => format!("`{member}`: value `{}` removed", value(&c.old)),
        Kind::ValueSetAdded => format!("`{member}`: value set added ({})", value(&c.new)),
        Kind::ValueSetRemoved => format!("`{member}`: value set removed (was {})", value(&c.old)),
        Kind::DefaultChanged => format!("`{member}`: default {} → {}", value(&c.old), value(&c.new)),
        Kind::LimitTightened => format!("`{member}`: tightened, {} → {}", value(&c.old), value(&c.new)),
        Kind::LimitLoosened => format!("`{member}`: loosened, {} → {}", value(&c.old), value(&c.new)),
        Kind::UnitChanged => format!("`{member}`: unit {} → {}", value(&c.old), value(&c.new)),
        Kind::FilterAdded => format!("`{member}`: filter `{}` added", value(&c.new)),
        Kind::FilterRemoved => format!("`{member}`: filter `{}` removed", value(&c.old)),
    };
    if c.breaking {
        format!("**breaking:** {text}")
    } else {
        text
    }
}
