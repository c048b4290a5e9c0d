//! `cargo xtask diff` on real history: the VPC API as it stood on 2025-11-18 and as it
//! stands now, and Tencent's English Markdown sources of the billing API as they stood in
//! October 2019 and as they stand now. The changes must be exactly those between the two
//! `oracle.json` files (computed here independently), plus what the oracle format cannot
//! express (nullability, paginators). Skipped with a notice when `../shared` is absent (a
//! failure under CI).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    test_support::shared::dir("corpus", "history test")
}

fn read(path: PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn by_name(list: &Value) -> Vec<(String, &Value)> {
    list.as_array().unwrap().iter().map(|f| (f["name"].as_str().unwrap().to_string(), f)).collect()
}

/// The (kind, path) of every change between two oracles.
fn oracle_changes(old: &Value, new: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut add = |kind: &str, path: String| {
        out.insert((kind.to_string(), path));
    };
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<BTreeSet<_>>();
    let (oa, na) = (&old["actions"], &new["actions"]);
    for name in keys(oa).union(&keys(na)) {
        let (o, n) = (&oa[name], &na[name]);
        if o.is_null() {
            add("action-added", name.clone());
            continue;
        }
        if n.is_null() {
            add("action-removed", name.clone());
            continue;
        }
        for side in ["input", "output"] {
            let (of, nf) = (by_name(&o[side]), by_name(&n[side]));
            for (field, ov) in &of {
                match nf.iter().find(|(f, _)| f == field) {
                    None => add(&format!("{side}-removed"), format!("{name}.{field}")),
                    Some((_, nv)) => {
                        if ov["type"] != nv["type"] {
                            add(&format!("{side}-type"), format!("{name}.{field}"));
                        }
                        if side == "input" && ov["required"] != nv["required"] {
                            add("input-required", format!("{name}.{field}"));
                        }
                    }
                }
            }
            for (field, _) in nf.iter().filter(|(f, _)| !of.iter().any(|(g, _)| g == f)) {
                add(&format!("{side}-added"), format!("{name}.{field}"));
            }
        }
        let codes = |v: &Value| {
            v["errors"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect::<BTreeSet<_>>()
        };
        for code in codes(n).difference(&codes(o)) {
            add("error-added", format!("{name}:{code}"));
        }
        for code in codes(o).difference(&codes(n)) {
            add("error-removed", format!("{name}:{code}"));
        }
    }
    // The product's lists (the Error Codes page).
    for list in ["common", "service"] {
        let codes = |v: &Value| {
            v["error_codes"][list]
                .as_array()
                .map(|l| l.iter().map(|c| c.as_str().unwrap().to_string()).collect::<BTreeSet<_>>())
                .unwrap_or_default()
        };
        let (o, n) = (codes(old), codes(new));
        for code in n.difference(&o) {
            add(&format!("{list}-code-added"), code.clone());
        }
        for code in o.difference(&n) {
            add(&format!("{list}-code-removed"), code.clone());
        }
    }
    let (ot, nt) = (&old["data_types"], &new["data_types"]);
    for name in keys(ot).union(&keys(nt)) {
        let (o, n) = (&ot[name], &nt[name]);
        if o.is_null() {
            add("type-added", name.clone());
            continue;
        }
        if n.is_null() {
            add("type-removed", name.clone());
            continue;
        }
        let (of, nf) = (by_name(&o["fields"]), by_name(&n["fields"]));
        for (field, ov) in &of {
            match nf.iter().find(|(f, _)| f == field) {
                None => add("field-removed", format!("{name}.{field}")),
                Some((_, nv)) => {
                    if ov["type"] != nv["type"] {
                        add("field-type", format!("{name}.{field}"));
                    }
                    if ov.get("required") != nv.get("required") {
                        add("field-required", format!("{name}.{field}"));
                    }
                }
            }
        }
        for (field, _) in nf.iter().filter(|(f, _)| !of.iter().any(|(g, _)| g == f)) {
            add("field-added", format!("{name}.{field}"));
        }
    }
    out
}

#[test]
fn diff_of_the_vpc_history_matches_the_oracles() {
    let Some(corpus) = corpus() else { return };
    let old_dir = corpus.join("vpc-history/2025-11-18");
    let new_dir = corpus.join("vpc/2017-03-12");
    let expected = oracle_changes(&read(old_dir.join("oracle.json")), &read(new_dir.join("oracle.json")));
    assert_eq!(expected.iter().filter(|(k, _)| k == "action-added").count(), 13);

    let (_, changes) =
        xtask::diff::changes(old_dir.join("txt").to_str().unwrap(), new_dir.join("txt").to_str().unwrap()).unwrap();
    let got: BTreeSet<(String, String)> =
        changes.iter().map(|c| (c.kind.as_str().to_string(), c.path.clone())).collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    assert!(missing.is_empty(), "changes the oracles show but the diff misses: {missing:?}");
    // Beyond the oracles: fields of output structures whose "may return null" note came or
    // went. The generated type changes (`Option<T>` ↔ `T`), so the diff reports them, as
    // nullability changes. (What the descriptions state, which the oracles do not hold, is
    // checked on its own below.)
    let extra: Vec<_> = changes
        .iter()
        .filter(|c| !c.kind.is_fact() && !expected.contains(&(c.kind.as_str().to_string(), c.path.clone())))
        .collect();
    for c in &extra {
        assert_eq!(c.kind.as_str(), "field-nullability", "{c:?}");
        assert!(c.breaking);
        let (old, new) = (c.old.as_deref().unwrap_or(""), c.new.as_deref().unwrap_or(""));
        assert!(matches!((old, new), ("may be null", "never null") | ("never null", "may be null")), "{c:?}");
    }
    let extra_paths: Vec<&str> = extra.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        extra_paths,
        [
            "Address.TagSet",
            "Address.UnVpcId",
            "EndPoint.ServiceName",
            "ItemPrice.ChargeUnit",
            "ItemPrice.DiscountPrice",
            "ItemPrice.OriginalPrice",
            "ItemPrice.UnitPrice"
        ]
    );
    // Additions are not breaking; the nullability changes are.
    assert_eq!(changes.iter().filter(|c| c.breaking && !c.kind.is_fact()).count(), extra.len());
    facts_changes_are_well_formed(&changes);
}

/// Each change of what a description states names a parameter or field (`A.B`, a filter's
/// values `A.Filters[name]`) and says what changed; only the kinds that can break code are
/// flagged breaking.
fn facts_changes_are_well_formed(changes: &[codegen::review::Change]) {
    use codegen::review::Kind;
    for c in changes.iter().filter(|c| c.kind.is_fact()) {
        assert!(c.path.split_once('.').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty()), "{c:?}");
        assert!(c.old.is_some() || c.new.is_some(), "{c:?}");
        assert_ne!(c.old, c.new, "{c:?}");
        let may_break = matches!(
            c.kind,
            Kind::ValueRemoved
                | Kind::ValueSetAdded
                | Kind::ValueSetRemoved
                | Kind::LimitTightened
                | Kind::UnitChanged
                | Kind::FilterRemoved
        );
        assert!(!c.breaking || may_break, "{c:?}");
    }
}

/// The project's own judgements (`conformance/judgements.tsv`) of rows in `folder` (a path under
/// `../shared`) read as output fields where the oracle reads none: (page file, field).
fn judged_outputs(folder: &str) -> Vec<(String, String)> {
    let table = std::fs::read_to_string(xtask::workspace_root().join("conformance/judgements.tsv")).unwrap();
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let (file, row, decision) = (cells[0], cells[1], cells[2]);
            let page = file.strip_prefix(folder)?.trim_start_matches('/');
            let field = row.split_whitespace().nth(1)?;
            decision.starts_with("output field").then(|| (page.to_string(), field.to_string()))
        })
        .collect()
}

/// The Type cell of a field's row on a Markdown page, link markup removed:
/// `Array of [X](/document/…)` → `Array of X`.
fn markdown_row_type(page: &str, field: &str) -> String {
    let row = page.lines().find(|l| l.trim_start_matches('|').trim_start().starts_with(&format!("{field} "))).unwrap();
    let ty = row.trim().trim_matches('|').split('|').nth(1).unwrap().trim();
    match (ty.find('['), ty.find("](")) {
        (Some(open), Some(close)) => format!("{}{}", &ty[..open], &ty[open + 1..close]),
        _ => ty.to_string(),
    }
}

#[test]
fn diff_of_the_billing_markdown_history_matches_the_oracles() {
    let Some(real) = test_support::shared::dir("real", "billing history test") else { return };
    let old_dir = real.join("md-history/en/billing/2018-07-09");
    let new_dir = real.join("md/en/billing/2018-07-09");
    let mut old_oracle = read(old_dir.join("oracle.json"));
    // Where the project's judgements read output fields that the oracle does not (a
    // section misnamed `3. Input Parameters`), the old API has them: the oracle is taken
    // with those fields added, typed as the page's rows say.
    let judged = judged_outputs("real/md-history/en/billing/2018-07-09");
    assert_eq!(judged.len(), 2, "{judged:?}");
    for (page, field) in &judged {
        let action = page.strip_suffix(".md").unwrap();
        let text = std::fs::read_to_string(old_dir.join(page)).unwrap();
        let ty = markdown_row_type(&text, field);
        old_oracle["actions"][action]["output"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"name": field, "type": ty}));
    }
    let expected = oracle_changes(&old_oracle, &read(new_dir.join("oracle.json")));
    let count = |kind: &str| expected.iter().filter(|(k, _)| k == kind).count();
    assert_eq!(count("action-added"), 5);
    assert_eq!((count("common-code-added"), count("service-code-added")), (26, 14));

    let (_, changes) = xtask::diff::changes(old_dir.to_str().unwrap(), new_dir.to_str().unwrap()).unwrap();
    let got: BTreeSet<(String, String)> =
        changes.iter().map(|c| (c.kind.as_str().to_string(), c.path.clone())).collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    assert!(missing.is_empty(), "changes the oracles show but the diff misses: {missing:?}");
    // Beyond the oracles: the paginators of the two old actions follow their new total
    // outputs (`TotalNum`, `Total`) and the new maximum page size ("maximum 1000").
    let extra: Vec<(String, String, String)> = changes
        .iter()
        .filter(|c| !c.kind.is_fact() && !expected.contains(&(c.kind.as_str().to_string(), c.path.clone())))
        .map(|c| (c.kind.as_str().to_string(), c.path.clone(), c.new.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        extra,
        [
            (
                "paginator-changed".to_string(),
                "DescribeBillDetail".to_string(),
                "offset Offset/Limit (max 100) over DetailSet, total TotalNum".to_string()
            ),
            (
                "paginator-changed".to_string(),
                "DescribeBillResourceSummary".to_string(),
                "offset Offset/Limit (max 1000) over ResourceSummarySet, total Total".to_string()
            ),
        ]
    );
    assert!(expected.contains(&("output-added".to_string(), "DescribeBillDetail.TotalNum".to_string())));
    assert!(expected.contains(&("output-added".to_string(), "DescribeBillResourceSummary.Total".to_string())));
    // Nothing was removed or retyped: the tables' update breaks nothing.
    assert_eq!(changes.iter().filter(|c| c.breaking && !c.kind.is_fact()).count(), 0);
    facts_changes_are_well_formed(&changes);

    // The Rust API view. The Error Codes page (new) gives both old actions' error enums a
    // `Common(..)` case: the 26 common codes that decoded to `Unknown(..)` now decode to
    // `Common(..)`, a behaviour change reported as such (minor). What makes the release
    // major are the descriptions: `BillResourceSummary.TotalCost`, "Original price in
    // CNY", now reads "Original price in USD"; `PeriodType` no longer lists its values
    // (where a value set is an enum, its type changes).
    let review = xtask::diff::review(old_dir.to_str().unwrap(), new_dir.to_str().unwrap()).unwrap();
    let majors: Vec<(&str, &str)> = review
        .rust_api
        .iter()
        .filter(|c| c.bump == codegen::review::Bump::Major)
        .map(|c| (c.path.as_str(), c.item))
        .collect();
    assert!(majors.contains(&("billing::v20180709::BillResourceSummary::total_cost", "unit")), "{majors:?}");
    for (path, _) in &majors {
        let last = path.rsplit("::").next().unwrap();
        assert!(["total_cost", "period_type", "PeriodType"].contains(&last), "{majors:?}");
    }
    assert_eq!(review.semver, Some(codegen::review::Bump::Major));
    assert!(review.summary.contains("; rust api: "), "{}", review.summary);
    assert_eq!(review.rust_api.iter().filter(|c| c.item == "decoding").count(), 3);
    for action in ["DescribeBillDetail", "DescribeBillResourceSummary"] {
        let path = format!("billing::v20180709::{action}Error");
        let behaviour = review.rust_api.iter().find(|c| c.path == path).unwrap();
        assert!(behaviour.note.as_deref().unwrap().starts_with("a `Common(..)` case added; 26 codes"), "{behaviour:?}");
        let common = read(new_dir.join("oracle.json"))["error_codes"]["common"].clone();
        let codes: Vec<&str> = behaviour.decoded.iter().map(|d| d.code.as_str()).collect();
        let expected: Vec<&str> = common.as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(codes, expected);
        for d in &behaviour.decoded {
            let variant = d.new.strip_prefix("Common(CommonError::").and_then(|v| v.strip_suffix(')'));
            assert!(
                d.old == "Unknown(..)" && variant.is_some_and(|v| v.chars().all(|c| c.is_ascii_alphanumeric())),
                "{d:?}"
            );
        }
    }
    let markdown = review.to_markdown();
    assert!(markdown.contains("\n### Rust API\n\n**Semver: major.**\n"), "{markdown}");
}

/// The issue's own case: the VPC pages without, then with, their Error Codes page. The API
/// view lists the product's new code lists; the Rust view finds that every action's error
/// enum gained a `Common(..)` case that catches codes which decoded to `Unknown(..)`.
#[test]
fn an_error_codes_page_appearing_is_reviewed_whole() {
    let Some(corpus) = corpus() else { return };
    let with = corpus.join("vpc/2017-03-12/txt");
    let scratch = test_support::Scratch::new("history-without-error-codes");
    let without = scratch.path();
    for entry in std::fs::read_dir(&with).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "ErrorCodes.txt" {
            std::fs::copy(&path, without.join(path.file_name().unwrap())).unwrap();
        }
    }
    let review = xtask::diff::review(without.to_str().unwrap(), with.to_str().unwrap()).unwrap();
    let oracle = read(corpus.join("vpc/2017-03-12/oracle.json"));
    let count = |list: &str| oracle["error_codes"][list].as_array().unwrap().len();
    assert!(
        review.summary.starts_with(&format!(
            "api: {} common error codes added, {} service error codes added (0 breaking); rust api: ",
            count("common"),
            count("service")
        )),
        "{}",
        review.summary
    );
    assert_eq!(review.semver, Some(codegen::review::Bump::Minor));
    let actions = oracle["actions"].as_object().unwrap().len();
    let behaviour: Vec<_> = review.rust_api.iter().filter(|c| c.kind == codegen::review::RustKind::Behaviour).collect();
    let with_common: Vec<_> =
        behaviour.iter().filter(|c| c.note.as_deref().unwrap_or("").starts_with("a `Common(..)` case added")).collect();
    assert_eq!(with_common.len(), actions, "every action's error enum");
    for c in &behaviour {
        for d in &c.decoded {
            assert!(!d.new.contains(['{', ' ']) && !d.old.contains(['{', ' ']), "{d:?}");
        }
    }
    let address = with_common.iter().find(|c| c.path == "vpc::v20170312::AssociateAddressError").unwrap();
    let auth = address.decoded.iter().find(|d| d.code == "AuthFailure.InvalidAuthorization").unwrap();
    assert_eq!(
        (auth.old.as_str(), auth.new.as_str()),
        ("Unknown(..)", "Common(CommonError::AuthFailureInvalidAuthorization)")
    );
}

#[track_caller]
fn assert_subset(all: &[&str], expected: &[&str]) {
    let missing: Vec<&&str> = expected.iter().filter(|e| !all.contains(e)).collect();
    assert!(missing.is_empty(), "{missing:?} not in {all:?}");
}

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).current_dir(xtask::workspace_root()).output().unwrap()
}

#[test]
fn diff_command_formats_and_exit_codes() {
    let Some(corpus) = corpus() else { return };
    let old = corpus.join("vpc-history/2025-11-18/txt");
    let new = corpus.join("vpc/2017-03-12/txt");
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());

    let json = xtask(&["diff", "--old", old, "--new", new, "--format", "json"]);
    assert_eq!(json.status.code(), Some(1), "changes: exit 1");
    let review: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(review["semver"], "major", "fields that were `Option` are no longer");
    let summary = review["summary"].as_str().unwrap();
    assert!(summary.starts_with("api: 13 actions added, "), "{summary}");
    assert!(summary.contains("; rust api: ") && summary.ends_with("; semver: major"), "{summary}");
    // Each breaking change of the tables is a major change of a public item (a documented
    // limit tightened, or a unit changed — the prices of `ItemPrice` are now documented in
    // USD — are major changes of behaviour; a value set that appears or goes, of its enum).
    let majors: Vec<&str> = review["rust_api"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["bump"] == "major" && c["kind"] != "behaviour")
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_subset(
        &majors,
        &[
            "vpc::v20170312::Address::tag_set",
            "vpc::v20170312::Address::un_vpc_id",
            "vpc::v20170312::EndPoint::service_name",
            "vpc::v20170312::ItemPrice::charge_unit",
            "vpc::v20170312::ItemPrice::discount_price",
            "vpc::v20170312::ItemPrice::original_price",
            "vpc::v20170312::ItemPrice::unit_price",
        ],
    );
    let list = &review["changes"];
    let added = list.as_array().unwrap().iter().find(|c| c["kind"] == "action-added").unwrap();
    assert_eq!(added["breaking"], false);
    assert!(added["path"].is_string());
    // What a description states, in JSON as the tables' changes are.
    let tightened = list.as_array().unwrap().iter().find(|c| c["kind"] == "limit-tightened").unwrap();
    assert!(tightened["old"].is_string() && tightened["new"].is_string(), "{tightened}");
    let retyped = list.as_array().unwrap().iter().find(|c| c["path"] == "Address.TagSet").unwrap();
    assert_eq!((&retyped["old"], &retyped["new"]), (&Value::from("may be null"), &Value::from("never null")));

    let markdown = xtask(&["diff", "--old", old, "--new", new]);
    assert_eq!(markdown.status.code(), Some(1));
    let text = String::from_utf8(markdown.stdout).unwrap();
    assert!(text.starts_with("## API changes: vpc 2017-03-12\n"), "{text}");
    assert!(text.contains("| actions added | 13 | 0 |"), "{text}");
    assert!(text.contains("#### `CreateVpnGateway`\n\n- input `BgpAsn` added (Integer, optional)\n"), "{text}");
    assert!(text.contains("\n### Actions added (13)\n\n`CheckTrafficMirror`, `CreateTrafficMirror`, "), "{text}");
    assert!(text.contains("\n### Rust API\n\n**Semver: major.**\n"), "{text}");
    assert!(
        text.contains(
            "- **major** `vpc::v20170312::Address::tag_set` (field): `Option<Vec<super::Tag>>` → `Vec<super::Tag>`\n"
        ),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&markdown.stderr).contains("; semver: major"));

    let same = xtask(&["diff", "--old", new, "--new", new]);
    assert_eq!(same.status.code(), Some(0), "no changes: exit 0");
    assert!(String::from_utf8_lossy(&same.stdout).contains("No API changes."));

    let ir = xtask::workspace_root().join("generated/ir/vpc-2017-03-12.json");
    let against_git = xtask(&["diff", "--old", "git:HEAD", "--new", ir.to_str().unwrap()]);
    assert_eq!(against_git.status.code(), Some(0), "{}", String::from_utf8_lossy(&against_git.stderr));

    let error = xtask(&["diff", "--old", "no/such/thing", "--new", new]);
    assert_eq!(error.status.code(), Some(2), "errors: exit 2");
    assert!(String::from_utf8_lossy(&error.stderr).contains("no/such/thing"));
}
