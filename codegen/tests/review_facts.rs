//! What a parameter's description states, changed between two hand-made IRs (the golden
//! fixture's, edited): value sets, defaults, ranges and lengths, units, filters; in the API
//! view (with each change's breaking flag), in the Rust view (the semver bump of the
//! limits `validate()` checks), in Markdown and JSON.

use std::path::PathBuf;

use codegen::ir::{AllowedValue, Api, Facts, FilterDoc, LengthOf, Param};
use codegen::review::{diff, rust_api, to_markdown, Bump, Change, Kind, Review, RustKind};

fn golden() -> Api {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/ir/demo-2020-01-01.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

type Shown<'a> = (Kind, &'a str, Option<&'a str>, Option<&'a str>, bool);

fn shown(changes: &[Change]) -> Vec<Shown<'_>> {
    changes.iter().map(|c| (c.kind, c.path.as_str(), c.old.as_deref(), c.new.as_deref(), c.breaking)).collect()
}

fn input<'a>(api: &'a mut Api, action: &str, name: &str) -> &'a mut Param {
    api.actions.get_mut(action).unwrap().input.iter_mut().find(|p| p.name == name).unwrap()
}

fn output<'a>(api: &'a mut Api, action: &str, name: &str) -> &'a mut Param {
    api.actions.get_mut(action).unwrap().output.iter_mut().find(|p| p.name == name).unwrap()
}

fn field<'a>(api: &'a mut Api, ty: &str, name: &str) -> &'a mut Param {
    api.data_types.get_mut(ty).unwrap().fields.iter_mut().find(|p| p.name == name).unwrap()
}

fn set(values: &[serde_json::Value]) -> Option<Vec<AllowedValue>> {
    Some(values.iter().map(|v| AllowedValue { value: v.clone(), meaning: String::new() }).collect())
}

fn range(min: i64, max: i64) -> Facts {
    Facts { min: Some(min.into()), max: Some(max.into()), ..Facts::default() }
}

fn length(of: LengthOf, max: u64) -> Facts {
    Facts { max_length: Some(max), length_of: Some(of), ..Facts::default() }
}

fn filter(name: &str, values: &[&str]) -> FilterDoc {
    FilterDoc {
        name: name.into(),
        doc_type: Some("String".into()),
        required: None,
        description: String::new(),
        allowed_values: (!values.is_empty())
            .then(|| set(&values.iter().map(|v| (*v).into()).collect::<Vec<_>>()))
            .flatten(),
        allowed_values_complete: None,
    }
}

/// Two versions of the same API whose descriptions state different things.
fn before_and_after() -> (Api, Api) {
    let (mut old, mut new) = (golden(), golden());
    // An input's value set: one value goes, one comes.
    input(&mut old, "EdgeCases", "Type").facts.allowed_values = set(&["plain".into(), "fancy".into()]);
    input(&mut new, "EdgeCases", "Type").facts.allowed_values = set(&["plain".into(), "smart".into()]);
    // An output gets a value set: the string becomes an enum.
    output(&mut new, "EdgeCases", "Note").facts.allowed_values = set(&["ok".into()]);
    // Ranges: one input's tightened, another's loosened; a default changes.
    input(&mut old, "EdgeCases", "Limit").facts = Facts { default: Some(20.into()), ..range(1, 100) };
    input(&mut new, "EdgeCases", "Limit").facts = Facts { default: Some(10.into()), ..range(1, 50) };
    input(&mut old, "EdgeCases", "PortA").facts = range(1, 1024);
    input(&mut new, "EdgeCases", "PortA").facts = range(1, 65535);
    // A length appears on an input; an output's length (documentation) tightens.
    input(&mut new, "EdgeCases", "Name").facts = length(LengthOf::Chars, 60);
    output(&mut old, "EdgeCases", "Total").facts = range(0, 1000);
    output(&mut new, "EdgeCases", "Total").facts = range(0, 100);
    // Units: one appears (documentation), one changes (the same number means another thing).
    input(&mut new, "EdgeCases", "Ratio").facts.unit = Some("%".into());
    field(&mut old, "Item", "Size").facts.unit = Some("GB".into());
    field(&mut new, "Item", "Size").facts.unit = Some("MB".into());
    // A field of an input structure: its limit is checked; of an output one: documentation.
    field(&mut old, "Filter", "Name").facts = length(LengthOf::Chars, 60);
    field(&mut new, "Filter", "Name").facts = length(LengthOf::Chars, 30);
    field(&mut old, "Item", "Comment").facts = length(LengthOf::Chars, 60);
    field(&mut new, "Item", "Comment").facts = length(LengthOf::Chars, 30);
    // Filters: one goes, one comes, one gains a value.
    input(&mut old, "EdgeCases", "Filters").facts.filters = vec![filter("name", &[]), filter("kind", &["a", "b"])];
    input(&mut new, "EdgeCases", "Filters").facts.filters =
        vec![filter("kind", &["a", "b", "c"]), filter("state", &[])];
    (old, new)
}

#[test]
fn the_api_view_reports_each_fact_with_its_breaking_flag() {
    let (old, new) = before_and_after();
    let changes = diff(&[old], &[new]);
    assert_eq!(
        shown(&changes),
        [
            (Kind::FilterAdded, "EdgeCases.Filters", None, Some("state"), false),
            (Kind::FilterRemoved, "EdgeCases.Filters", Some("name"), None, true),
            (Kind::ValueAdded, "EdgeCases.Filters[kind]", None, Some("c"), false),
            (Kind::DefaultChanged, "EdgeCases.Limit", Some("20"), Some("10"), false),
            (Kind::LimitTightened, "EdgeCases.Limit", Some("1 to 100"), Some("1 to 50"), true),
            (Kind::LimitTightened, "EdgeCases.Name", Some("none"), Some("at most 60 characters"), true),
            (Kind::LimitLoosened, "EdgeCases.PortA", Some("1 to 1024"), Some("1 to 65535"), false),
            (Kind::UnitChanged, "EdgeCases.Ratio", Some("none"), Some("%"), false),
            (Kind::ValueAdded, "EdgeCases.Type", None, Some("smart"), false),
            (Kind::ValueRemoved, "EdgeCases.Type", Some("fancy"), None, true),
            (Kind::ValueSetAdded, "EdgeCases.Note", None, Some("ok"), true),
            (Kind::LimitTightened, "EdgeCases.Total", Some("0 to 1000"), Some("0 to 100"), false),
            (Kind::LimitTightened, "Filter.Name", Some("at most 60 characters"), Some("at most 30 characters"), true),
            (Kind::LimitTightened, "Item.Comment", Some("at most 60 characters"), Some("at most 30 characters"), false),
            (Kind::UnitChanged, "Item.Size", Some("GB"), Some("MB"), true),
        ]
    );
    let markdown = to_markdown("demo 2020-01-01", &changes);
    for line in [
        "| documented values added | 2 | 0 |",
        "| ranges and lengths tightened | 5 | 3 |",
        "- **breaking:** `Type`: value `fancy` removed",
        "- `Type`: value `smart` added",
        "- **breaking:** `Note`: value set added (ok)",
        "- `Limit`: default 20 → 10",
        "- **breaking:** `Limit`: tightened, 1 to 100 → 1 to 50",
        "- `PortA`: loosened, 1 to 1024 → 1 to 65535",
        "- `Total`: tightened, 0 to 1000 → 0 to 100",
        "- **breaking:** `Filters`: filter `name` removed",
        "- `Filters[kind]`: value `c` added",
    ] {
        assert!(markdown.contains(line), "{line}\nnot in\n{markdown}");
    }
    // A structure's field is listed under its data type.
    let item = markdown.split("#### `Item`").nth(1).expect("a section for Item");
    assert!(item.contains("- **breaking:** `Size`: unit GB → MB"), "{markdown}");
    let json: serde_json::Value = serde_json::from_str(&codegen::review::to_json(&changes)).unwrap();
    let kinds: Vec<&str> = json.as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    for kind in
        ["value-added", "value-removed", "value-set-added", "default-changed", "limit-tightened", "limit-loosened"]
    {
        assert!(kinds.contains(&kind), "{kind} not in {kinds:?}");
    }
    for kind in ["unit-changed", "filter-added", "filter-removed"] {
        assert!(kinds.contains(&kind), "{kind} not in {kinds:?}");
    }
}

#[test]
fn facts_that_do_not_change_are_no_change() {
    let (_, new) = before_and_after();
    let same = std::slice::from_ref(&new);
    assert!(diff(same, same).is_empty());
}

#[test]
fn a_value_set_of_a_type_that_is_no_enum_breaks_nothing() {
    let (old, mut new) = (golden(), golden());
    // A Float's (or a Boolean's) values are documentation: no enum.
    input(&mut new, "EdgeCases", "Ratio").facts.allowed_values = set(&[0.5.into()]);
    let changes = diff(std::slice::from_ref(&old), std::slice::from_ref(&new));
    assert_eq!(shown(&changes), [(Kind::ValueSetAdded, "EdgeCases.Ratio", None, Some("0.5"), false)]);
    let changes = diff(&[new], &[old]);
    assert_eq!(shown(&changes), [(Kind::ValueSetRemoved, "EdgeCases.Ratio", Some("0.5"), None, false)]);
}

#[test]
fn the_rust_view_bumps_major_for_a_tighter_checked_limit_and_minor_for_a_looser_one() {
    let (old, new) = before_and_after();
    let view = rust_api(std::slice::from_ref(&old), std::slice::from_ref(&new)).unwrap();
    let limits: Vec<(&str, Bump, Option<&str>, Option<&str>)> = view
        .changes
        .iter()
        .filter(|c| c.item == "validation")
        .map(|c| (c.path.as_str(), c.bump, c.old.as_deref(), c.new.as_deref()))
        .collect();
    assert_eq!(
        limits,
        [
            (
                "demo::v20200101::EdgeCasesRequest::Filters.Name",
                Bump::Major,
                Some("at most 60 characters"),
                Some("at most 30 characters")
            ),
            ("demo::v20200101::EdgeCasesRequest::limit", Bump::Major, Some("1 to 100"), Some("1 to 50")),
            ("demo::v20200101::EdgeCasesRequest::name", Bump::Major, Some("none"), Some("at most 60 characters")),
            ("demo::v20200101::EdgeCasesRequest::port_a", Bump::Minor, Some("1 to 1024"), Some("1 to 65535")),
        ]
    );
    assert!(view.changes.iter().filter(|c| c.item == "validation").all(|c| c.kind == RustKind::Behaviour));
    // A unit changed from one to another: the same number means another thing.
    let units: Vec<(&str, Bump, Option<&str>, Option<&str>)> = view
        .changes
        .iter()
        .filter(|c| c.item == "unit")
        .map(|c| (c.path.as_str(), c.bump, c.old.as_deref(), c.new.as_deref()))
        .collect();
    assert_eq!(units, [("demo::v20200101::Item::size", Bump::Major, Some("GB"), Some("MB"))]);
    assert_eq!(view.bump, Some(Bump::Major));

    // Only loosened: minor.
    let mut looser = old.clone();
    input(&mut looser, "EdgeCases", "PortA").facts = range(0, 65535);
    let view = rust_api(std::slice::from_ref(&old), std::slice::from_ref(&looser)).unwrap();
    assert_eq!(view.bump, Some(Bump::Minor), "{:#?}", view.changes);
    let review = Review::new("demo 2020-01-01".into(), diff(&[old], &[looser]), view);
    assert!(review.summary.ends_with("semver: minor"), "{}", review.summary);
    let markdown = review.to_markdown();
    assert!(markdown.contains("**1 changes, 0 breaking; semver: minor.**"), "{markdown}");
    assert!(
        markdown.contains("- minor `demo::v20200101::EdgeCasesRequest::port_a` (validation): `1 to 1024` → `0 to 65535` — range loosened"),
        "{markdown}"
    );
    let json: serde_json::Value = serde_json::from_str(&review.to_json()).unwrap();
    assert_eq!(json["semver"], "minor");
    assert_eq!(json["changes"][0]["kind"], "limit-loosened");
    assert_eq!(json["rust_api"][0]["item"], "validation");
}

#[test]
fn a_default_or_a_unit_alone_is_documentation() {
    let (old, mut new) = (golden(), golden());
    input(&mut new, "EdgeCases", "Limit").facts.default = Some(20.into());
    input(&mut new, "EdgeCases", "Ratio").facts.unit = Some("%".into());
    let changes = diff(std::slice::from_ref(&old), std::slice::from_ref(&new));
    assert!(changes.iter().all(|c| !c.breaking), "{changes:#?}");
    let view = rust_api(&[old], &[new]).unwrap();
    // The IR changed but the generated code may not (or only its documentation): no more
    // than a patch.
    assert!(view.bump <= Some(Bump::Patch), "{:#?}", view.changes);
}
