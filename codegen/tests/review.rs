//! Every kind of API change, made by editing the golden fixture's IR, with its breaking flag.

use std::path::PathBuf;

use codegen::ir::Api;
use codegen::review::{diff, summary_line, to_markdown, Change, Kind};

fn golden() -> Api {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/ir/demo-2020-01-01.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn kinds(changes: &[Change]) -> Vec<(Kind, &str, bool)> {
    changes.iter().map(|c| (c.kind, c.path.as_str(), c.breaking)).collect()
}

#[test]
fn no_changes() {
    assert!(diff(&[golden()], &[golden()]).is_empty());
    assert_eq!(summary_line(&[]), "api: no changes");
}

#[test]
fn every_kind_with_its_breaking_flag() {
    let old = golden();
    let mut new = golden();
    let ping = new.actions.remove("Ping").unwrap();
    new.actions.insert("Pong".into(), ping);
    let edge = new.actions.get_mut("EdgeCases").unwrap();
    let limit = edge.input.iter().position(|p| p.name == "Limit").unwrap();
    edge.input.remove(limit);
    let ratio = edge.input.iter_mut().find(|p| p.name == "Ratio").unwrap();
    ratio.doc_type = "String".into();
    edge.input.iter_mut().find(|p| p.name == "Enabled").unwrap().required = true;
    let mut extra = edge.input[1].clone();
    extra.name = "Extra".into();
    extra.required = false;
    edge.input.push(extra.clone());
    let mut must = extra.clone();
    must.name = "Must".into();
    must.required = true;
    edge.input.push(must);
    edge.output.retain(|p| p.name != "Total");
    edge.output.iter_mut().find(|p| p.name == "Note").unwrap().required = true;
    let mut out = edge.output[0].clone();
    out.name = "More".into();
    edge.output.push(out);
    edge.errors.retain(|e| e.code != "FailedOperation.Busy");
    edge.errors.push(codegen::ir::ActionError { code: "FailedOperation.New".into(), description: String::new() });
    let filter = new.data_types.get_mut("Filter").unwrap();
    filter.fields[0].required = false;
    filter.fields[1].doc_type = "Array of Integer".into();
    let mut required_field = filter.fields[0].clone();
    required_field.name = "Kind".into();
    required_field.required = true;
    filter.fields.push(required_field);
    let item = new.data_types.get_mut("Item").unwrap();
    item.fields.retain(|f| f.name != "Size");
    let mut optional_field = item.fields[0].clone();
    optional_field.name = "Extra".into();
    item.fields.push(optional_field);
    new.data_types.remove("TreeNode");
    let mut added = new.data_types["Item"].clone();
    added.name = "Added".into();
    new.data_types.insert("Added".into(), added);

    let changes = diff(&[old], &[new]);
    assert_eq!(
        kinds(&changes),
        [
            (Kind::InputRequired, "EdgeCases.Enabled", true),
            (Kind::InputAdded, "EdgeCases.Extra", false),
            (Kind::InputRemoved, "EdgeCases.Limit", true),
            (Kind::InputAdded, "EdgeCases.Must", true),
            (Kind::InputType, "EdgeCases.Ratio", true),
            (Kind::OutputAdded, "EdgeCases.More", false),
            (Kind::OutputNullability, "EdgeCases.Note", true),
            (Kind::OutputRemoved, "EdgeCases.Total", true),
            (Kind::ErrorAdded, "EdgeCases:FailedOperation.New", false),
            (Kind::ErrorRemoved, "EdgeCases:FailedOperation.Busy", true),
            (Kind::ActionRemoved, "Ping", true),
            (Kind::ActionAdded, "Pong", false),
            (Kind::TypeAdded, "Added", false),
            (Kind::FieldAdded, "Filter.Kind", true),
            (Kind::FieldRequired, "Filter.Name", true),
            (Kind::FieldType, "Filter.Values", true),
            (Kind::FieldAdded, "Item.Extra", false),
            (Kind::FieldRemoved, "Item.Size", true),
            (Kind::TypeRemoved, "TreeNode", true),
        ]
    );
    let note = changes.iter().find(|c| c.path == "EdgeCases.Note").unwrap();
    assert_eq!((note.old.as_deref(), note.new.as_deref()), (Some("may be null"), Some("never null")));
    let markdown = to_markdown("demo 2020-01-01", &changes);
    assert!(markdown.contains("**19 changes, 13 breaking.**"), "{markdown}");
    assert!(markdown.contains("- **breaking:** input `Limit` removed (was Integer)"), "{markdown}");
    assert!(summary_line(&changes).ends_with("(13 breaking)"));
}

#[test]
fn several_product_versions_are_named() {
    let old = golden();
    let mut other = golden();
    other.product = "other".into();
    let changes = diff(&[old.clone(), other.clone()], &[old]);
    assert!(!changes.is_empty());
    assert!(changes.iter().all(|c| c.api.as_deref() == Some("other/2020-01-01") && c.breaking));
    assert!(to_markdown("x", &changes).contains("`other/2020-01-01 EdgeCases`"));
}

/// A type named after no documented structure is generated as `serde_json::Value`: the
/// structure being documented later keeps the printed type but changes the generated one.
#[test]
fn an_undocumented_structure_becoming_documented_is_a_type_change() {
    let mut old = golden();
    let edge = old.actions.get_mut("EdgeCases").unwrap();
    let node = edge.input.iter_mut().find(|p| p.name == "Node").unwrap();
    node.ty = codegen::ir::Type::Json;
    let new = golden();
    let changes = diff(&[old], &[new]);
    assert_eq!(kinds(&changes), [(Kind::InputType, "EdgeCases.Node", true)]);
    assert_eq!(
        (changes[0].old.as_deref(), changes[0].new.as_deref()),
        (Some("TreeNode (undocumented)"), Some("TreeNode"))
    );
}

#[test]
fn paginators_and_waiters_that_appear_go_or_change() {
    let old = golden();
    let mut new = golden();
    // DescribeItems loses its paginator, ListItems' page size changes, EdgeCases gains one.
    let items = new.actions.get_mut("DescribeItems").unwrap().pagination.take().unwrap();
    new.actions.get_mut("ListItems").unwrap().pagination.as_mut().unwrap().max_page_size = Some(20);
    new.actions.get_mut("EdgeCases").unwrap().pagination = Some(items);
    // DescribeTaskResult's waiter goes; DescribeMachines' documents another failed state.
    new.actions.get_mut("DescribeTaskResult").unwrap().waiter = None;
    new.actions.get_mut("DescribeMachines").unwrap().waiter.as_mut().unwrap().failed.push("BROKEN".into());

    let changes = diff(&[old], &[new]);
    assert_eq!(
        kinds(&changes),
        [
            (Kind::PaginatorRemoved, "DescribeItems", true),
            (Kind::WaiterChanged, "DescribeMachines", false),
            (Kind::WaiterRemoved, "DescribeTaskResult", true),
            (Kind::PaginatorAdded, "EdgeCases", false),
            (Kind::PaginatorChanged, "ListItems", false),
        ]
    );
    let markdown = to_markdown("demo 2020-01-01", &changes);
    assert!(
        markdown.contains(
            "- **breaking:** paginator removed (was offset Offset/Limit (max 100) over ItemSet, total TotalCount)"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains("- paginator: token NextToken/MaxResults (max 50) over ItemSet → token NextToken/MaxResults (max 20) over ItemSet"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- waiter: MachineSet[].MachineState: failed LAUNCH_FAILED → MachineSet[].MachineState: failed LAUNCH_FAILED, BROKEN"),
        "{markdown}"
    );
}

#[test]
fn streamed_replies_that_appear_go_or_change() {
    let old = golden();
    let mut new = golden();
    // Chat stops streaming; SpeakSSE comes to be asked for through an input; Ping streams.
    let chat = new.actions.get_mut("Chat").unwrap().streaming.take().unwrap();
    new.actions.get_mut("SpeakSSE").unwrap().streaming.as_mut().unwrap().input = Some("Stream".into());
    new.actions.get_mut("Ping").unwrap().streaming = Some(chat);

    let changes = diff(&[old], &[new]);
    assert_eq!(
        kinds(&changes),
        [
            (Kind::StreamingRemoved, "Chat", true),
            (Kind::StreamingAdded, "Ping", false),
            (Kind::StreamingChanged, "SpeakSSE", false),
        ]
    );
    let markdown = to_markdown("demo 2020-01-01", &changes);
    assert!(markdown.contains("- **breaking:** streamed reply removed (was when Stream is true)"), "{markdown}");
    assert!(markdown.contains("- streamed reply: always → when Stream is true"), "{markdown}");
}

#[test]
fn product_error_codes_and_nullability_of_structure_fields() {
    use codegen::ir::{ErrorCodeInfo, ErrorCodeKind};
    let old = golden();
    let mut new = golden();
    let info = |kind| ErrorCodeInfo {
        rust_variant: "AuthFailureNew".into(),
        description: String::new(),
        kind,
        also_service: false,
    };
    new.error_codes.insert("AuthFailure.New".into(), info(ErrorCodeKind::Common));
    new.error_codes.insert("ResourceNotFound.Item".into(), info(ErrorCodeKind::Service));
    // A common code listed among the service codes too joins the service list.
    new.error_codes.get_mut("InternalError").unwrap().also_service = true;
    // A service code leaves the list; the product still knows it from an action's page.
    new.error_codes.get_mut("FailedOperation.Busy").unwrap().kind = ErrorCodeKind::Action;
    // A common code goes altogether: its variant goes.
    new.error_codes.remove("InvalidParameter");
    // An output structure's field that may be null is now said never to be.
    let item = new.data_types.get_mut("Item").unwrap();
    let nullable = item.fields.iter_mut().find(|f| !f.required).unwrap();
    nullable.required = true;
    let nullable = format!("Item.{}", nullable.name);

    let changes = diff(&[old], &[new]);
    assert_eq!(
        kinds(&changes),
        [
            (Kind::CommonCodeAdded, "AuthFailure.New", false),
            (Kind::CommonCodeRemoved, "InvalidParameter", true),
            (Kind::ServiceCodeAdded, "InternalError", false),
            (Kind::ServiceCodeAdded, "ResourceNotFound.Item", false),
            (Kind::ServiceCodeRemoved, "FailedOperation.Busy", false),
            (Kind::FieldNullability, nullable.as_str(), true),
        ]
    );
    let markdown = to_markdown("demo 2020-01-01", &changes);
    assert!(markdown.contains("\n### Common error codes added (1)\n\n`AuthFailure.New`\n"), "{markdown}");
    assert!(markdown.contains("\n### Common error codes removed (1) — **breaking**\n"), "{markdown}");
    assert!(markdown.contains(": may be null → never null"), "{markdown}");
    assert!(summary_line(&changes)
        .contains("1 common error codes added, 1 common error codes removed, 2 service error codes added"));
}

#[test]
fn input_constraints_and_rate_limits_that_change() {
    use codegen::ir::Constraint;
    let old = golden();
    let mut new = golden();
    let edge = new.actions.get_mut("EdgeCases").unwrap();
    edge.constraints.retain(|c| !matches!(c, Constraint::Requires { .. }));
    edge.constraints.push(Constraint::Requires {
        param: "PortA".into(),
        requires: "Name".into(),
        sentence: "If you specify PortA, then you must also specify Name".into(),
    });
    edge.rate_limit = Some(10);
    new.actions.get_mut("Ping").unwrap().rate_limit = Some(100);
    let changes = diff(&[old], &[new]);
    type Shown<'a> = (Kind, &'a str, Option<&'a str>, Option<&'a str>, bool);
    let shown: Vec<Shown> =
        changes.iter().map(|c| (c.kind, c.path.as_str(), c.old.as_deref(), c.new.as_deref(), c.breaking)).collect();
    assert_eq!(
        shown,
        [
            (Kind::ConstraintAdded, "EdgeCases", None, Some("PortA requires Name"), false),
            (Kind::ConstraintRemoved, "EdgeCases", Some("Tag requires TagValue"), None, false),
            (Kind::RateLimitChanged, "EdgeCases", Some("5 requests per second"), Some("10 requests per second"), false),
            (Kind::RateLimitChanged, "Ping", Some("none"), Some("100 requests per second"), false),
        ]
    );
    let markdown = to_markdown("demo 2020-01-01", &changes);
    assert!(markdown.contains("- input constraint added: PortA requires Name\n"), "{markdown}");
    assert!(markdown.contains("- rate limit: 5 requests per second → 10 requests per second\n"), "{markdown}");
}

#[test]
fn kinds_are_listed_in_report_order_with_distinct_names() {
    let all: Vec<Kind> = Kind::all().collect();
    let mut sorted = all.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(all, sorted, "the table lists every kind once, in the enum's order");
    let names: std::collections::BTreeSet<&str> = all.iter().map(|k| k.as_str()).collect();
    assert_eq!(names.len(), all.len());
    assert!(all.iter().all(|k| !k.as_str().is_empty() && !k.label().is_empty()));
}

mod rust_api_view {
    use super::golden;
    use codegen::ir::{ErrorCodeInfo, ErrorCodeKind};
    use codegen::review::{rust_api, Bump, RustChange, RustKind};

    fn entries(changes: &[RustChange]) -> Vec<(RustKind, &str, Bump)> {
        changes.iter().map(|c| (c.kind, c.path.as_str(), c.bump)).collect()
    }

    #[test]
    fn the_same_ir_is_no_change_and_documentation_is_a_patch() {
        let view = rust_api(&[golden()], &[golden()]).unwrap();
        assert_eq!((view.bump, view.changes.len()), (None, 0));
        assert_eq!(view.summary(), "rust api: no public item changed; semver: none");

        let mut new = golden();
        new.actions.get_mut("Ping").unwrap().description.push_str(" Now documented better.");
        let view = rust_api(&[golden()], &[new]).unwrap();
        assert_eq!(entries(&view.changes), [(RustKind::Changed, "demo::v20200101", Bump::Patch)]);
        assert_eq!(view.summary(), "rust api: 1 changed; semver: patch");
    }

    #[test]
    fn removals_and_retypes_are_major_additions_minor() {
        let mut new = golden();
        new.actions.remove("Ping");
        let edge = new.actions.get_mut("EdgeCases").unwrap();
        let mut extra = edge.input.iter().find(|p| !p.required).unwrap().clone();
        extra.name = "Extra".into();
        extra.rust_name = "extra".into();
        edge.input.push(extra.clone());
        let mut must = extra.clone();
        must.name = "Must".into();
        must.rust_name = "must".into();
        must.required = true;
        edge.input.push(must);
        edge.output.iter_mut().find(|p| p.name == "Note").unwrap().required = true;
        let view = rust_api(&[golden()], &[new]).unwrap();
        let got = entries(&view.changes);
        for expected in [
            (RustKind::Removed, "demo::v20200101::PingRequest", Bump::Major),
            (RustKind::Removed, "demo::v20200101::PingResponse", Bump::Major),
            (RustKind::Removed, "demo::v20200101::PingError", Bump::Major),
            (RustKind::Removed, "demo::v20200101::Client::ping", Bump::Major),
            (RustKind::Added, "demo::v20200101::EdgeCasesRequest::extra", Bump::Minor),
            (RustKind::Added, "demo::v20200101::EdgeCasesRequest::must", Bump::Major),
            (RustKind::Changed, "demo::v20200101::EdgeCasesResponse::note", Bump::Major),
        ] {
            assert!(got.contains(&expected), "{expected:?} not in {got:#?}");
        }
        // The members of a removed structure are not listed one by one.
        assert!(!got.iter().any(|(_, path, _)| path.starts_with("demo::v20200101::PingRequest::")), "{got:#?}");
        let note = view.changes.iter().find(|c| c.path.ends_with("EdgeCasesResponse::note")).unwrap();
        assert_eq!((note.old.as_deref(), note.new.as_deref()), (Some("Option<String>"), Some("String")));
        assert_eq!(view.bump, Some(Bump::Major));
        assert!(view.summary().ends_with("; semver: major"), "{}", view.summary());
    }

    #[test]
    fn a_new_variant_of_a_non_exhaustive_enum_is_minor_and_changes_decoding() {
        let mut new = golden();
        let ping = new.actions.get_mut("Ping").unwrap();
        ping.errors.push(codegen::ir::ActionError { code: "FailedOperation.Busy".into(), description: String::new() });
        let view = rust_api(&[golden()], &[new]).unwrap();
        assert_eq!(view.bump, Some(Bump::Minor));
        let got = entries(&view.changes);
        assert!(got.contains(&(RustKind::Added, "demo::v20200101::PingError::FailedOperationBusy", Bump::Minor)));
        let behaviour = view.changes.iter().find(|c| c.kind == RustKind::Behaviour).unwrap();
        assert_eq!(behaviour.path, "demo::v20200101::PingError");
        let moved: Vec<(&str, &str, &str)> =
            behaviour.decoded.iter().map(|d| (d.code.as_str(), d.old.as_str(), d.new.as_str())).collect();
        assert_eq!(moved, [("FailedOperation.Busy", "Unknown(..)", "FailedOperationBusy")]);
    }

    /// The case: an Error Codes page appears; every action's error enum gains a
    /// `Common(..)` case, and codes matched as `Unknown("InternalError")` before now
    /// decode to `Common(CommonError::InternalError)`.
    #[test]
    fn a_new_common_case_is_a_behaviour_change() {
        let mut old = golden();
        old.error_codes.retain(|_, info| info.kind != ErrorCodeKind::Common);
        let mut new = old.clone();
        new.error_codes.insert(
            "InternalError".into(),
            ErrorCodeInfo {
                rust_variant: "InternalError".into(),
                description: "An internal error occurred.".into(),
                kind: ErrorCodeKind::Common,
                also_service: false,
            },
        );
        let view = rust_api(&[old], &[new]).unwrap();
        assert_eq!(view.bump, Some(Bump::Minor));
        let got = entries(&view.changes);
        assert!(got.contains(&(RustKind::Added, "demo::v20200101::CommonError", Bump::Minor)), "{got:#?}");
        assert!(got.contains(&(RustKind::Added, "demo::v20200101::PingError::Common", Bump::Minor)), "{got:#?}");
        let ping =
            view.changes.iter().find(|c| c.kind == RustKind::Behaviour && c.path.ends_with("::PingError")).unwrap();
        assert!(ping.note.as_deref().unwrap().starts_with("a `Common(..)` case added"), "{ping:?}");
        assert_eq!(ping.decoded[0].code, "InternalError");
        assert_eq!(
            (ping.decoded[0].old.as_str(), ping.decoded[0].new.as_str()),
            ("Unknown(..)", "Common(CommonError::InternalError)")
        );
        // The product's own enum decodes the new code to its variant.
        let code =
            view.changes.iter().find(|c| c.kind == RustKind::Behaviour && c.path.ends_with("::ErrorCode")).unwrap();
        assert_eq!(code.decoded.len(), 1);
        // Every action's enum is reported.
        let actions = golden().actions.len();
        assert_eq!(view.changes.iter().filter(|c| c.kind == RustKind::Behaviour).count(), actions + 1);
        let review = codegen::review::Review::new("demo 2020-01-01".into(), Vec::new(), view);
        let markdown = review.to_markdown();
        assert!(markdown.contains("**Semver: minor.**"), "{markdown}");
        assert!(markdown.contains("#### Behaviour changes"), "{markdown}");
        let json: serde_json::Value = serde_json::from_str(&review.to_json()).unwrap();
        assert_eq!(json["semver"], "minor");
        assert!(json["summary"].as_str().unwrap().ends_with("semver: minor"));
    }

    #[test]
    fn a_product_version_added_or_removed_is_a_module() {
        let version = |version: &str, module: &str| {
            let mut api = golden();
            api.version = version.into();
            api.rust_version_module = module.into();
            api
        };
        let old = [golden(), version("2019-01-01", "v20190101")];
        let new = [golden(), version("2021-01-01", "v20210101")];
        let view = rust_api(&old, &new).unwrap();
        assert_eq!(
            entries(&view.changes),
            [(RustKind::Removed, "demo::v20190101", Bump::Major), (RustKind::Added, "demo::v20210101", Bump::Minor),]
        );
    }
}
