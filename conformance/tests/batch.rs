//! The batch run (`cargo xtask conformance --tree DIR`, the machinery behind `--catalog`
//! and `--real`) on folders made here: a product version that matches its oracle, one with a page the
//! parser cannot read, one whose oracle disagrees on a type (with a judgement the parser
//! gave no warning for), and a folder with no page at all. Then the real corpora's
//! layout and judgements (skipped with a notice when `../shared` is absent).

use std::fs;
use std::path::{Path, PathBuf};

use conformance::{batch, Conformance, Outcome, Settings};
use serde_json::{json, Value};
use test_support::Scratch;

/// The seed page every folder holds: a page the parser reads (it is in `docs-src/`).
fn seed_page() -> String {
    fs::read_to_string(conformance::workspace_root().join("docs-src/vpc/2017-03-12/AssociateAddress.txt")).unwrap()
}

/// An oracle saying exactly what the parser reads from `dir` (the pages are the
/// project's own: this test is about the report, not the parser).
fn oracle_of(dir: &Path) -> Value {
    let api = conformance::load_api(dir).unwrap();
    let fields = |params: &[codegen::ir::Param], required: bool| -> Vec<Value> {
        params
            .iter()
            .map(|p| {
                let mut field = json!({"name": p.name, "type": p.doc_type});
                if required {
                    field["required"] = json!(p.required);
                }
                field
            })
            .collect()
    };
    let actions: serde_json::Map<String, Value> = api
        .actions
        .values()
        .map(|a| {
            let errors: Vec<&str> = a.errors.iter().map(|e| e.code.as_str()).collect();
            (
                a.name.clone(),
                json!({"input": fields(&a.input, true), "output": fields(&a.output, false), "errors": errors}),
            )
        })
        .collect();
    let codes = |kind: codegen::ir::ErrorCodeKind| -> Vec<&str> {
        api.error_codes.iter().filter(|(_, i)| i.kind == kind).map(|(c, _)| c.as_str()).collect()
    };
    json!({
        "product": api.product,
        "version": api.version,
        "actions": actions,
        "data_types": {},
        "error_codes": {"common": codes(codegen::ir::ErrorCodeKind::Common), "service": codes(codegen::ir::ErrorCodeKind::Service)},
    })
}

/// The tree of the test: `<root>/vpc/2017-03-12/{good,broken,mismatch,empty}/` (each its
/// own form, named by the folder holding it).
fn make_tree(tmp: &Scratch) -> PathBuf {
    let root = tmp.join("tree");
    let seed = seed_page();
    for form in ["good", "broken", "mismatch", "empty"] {
        let dir = format!("tree/{form}/vpc/2017-03-12");
        if form != "empty" {
            tmp.write(&format!("{dir}/AssociateAddress.txt"), &seed);
        }
    }
    let oracle = oracle_of(&root.join("good/vpc/2017-03-12"));
    tmp.write("tree/good/vpc/2017-03-12/oracle.json", oracle.to_string());
    tmp.write("tree/empty/vpc/2017-03-12/oracle.json", oracle.to_string());

    // A page that is no API page, one that fails only when lowered (an unknown type), and
    // an oracle that has their actions.
    tmp.write("tree/broken/vpc/2017-03-12/Broken.txt", "Nothing here but words.\n");
    let copy = seed.replace("AssociateAddress", "AssociateAddressCopy");
    let unknown = copy.replacen("AddressId Yes String ", "AddressId Yes Strin ", 1);
    assert_ne!(unknown, copy, "the seed page changed: find another row to break");
    tmp.write("tree/broken/vpc/2017-03-12/AssociateAddressCopy.txt", &unknown);
    let mut broken = oracle.clone();
    broken["actions"]["Broken"] =
        json!({"input": [], "output": [{"name": "RequestId", "type": "String"}], "errors": []});
    broken["actions"]["AssociateAddressCopy"] = oracle["actions"]["AssociateAddress"].clone();
    tmp.write("tree/broken/vpc/2017-03-12/oracle.json", broken.to_string());

    // The oracle says another type for the first input, and a judgement names that row
    // (but the parser gives no warning there: the mismatch still fails).
    let mut mismatch = oracle.clone();
    let first = mismatch["actions"]["AssociateAddress"]["input"][0]["name"].as_str().unwrap().to_string();
    mismatch["actions"]["AssociateAddress"]["input"][0]["type"] = json!("Integer");
    tmp.write("tree/mismatch/vpc/2017-03-12/oracle.json", mismatch.to_string());
    tmp.write(
        "tree/mismatch/judgements.tsv",
        format!(
            "file\trow\tdecision\twhy\tkind\nvpc/2017-03-12/AssociateAddress.txt\tL1 {first}\tInteger\ta test\ttype\n"
        ),
    );
    root
}

/// A batch run over the trees.
fn run(tree: &[&Path], settings: Settings) -> Conformance {
    conformance::run(&Settings { tree: tree.iter().map(|t| t.to_path_buf()).collect(), ..settings }).unwrap()
}

/// The message of a run that fails.
fn error(settings: Settings) -> String {
    format!("{:#}", conformance::run(&settings).unwrap_err())
}

fn by_form<'a>(outcomes: &'a [Outcome], form: &str) -> &'a Outcome {
    outcomes.iter().find(|o| o.unit.form == format!("tree/{form}")).unwrap_or_else(|| panic!("no unit {form}"))
}

#[test]
fn each_folder_is_checked_and_summarised() {
    let tmp = Scratch::new("conformance-batch");
    let root = make_tree(&tmp);
    let outcomes = batch::check_sets(&[("tree".to_string(), root.clone())]).unwrap();
    assert_eq!(outcomes.len(), 4);
    for o in &outcomes {
        assert_eq!(o.unit.label, "vpc/2017-03-12");
    }

    let good = by_form(&outcomes, "good");
    assert!(good.is_perfect() && good.read_whole, "{good:?}");
    assert_eq!((good.percent(), good.actions()), (100.0, (1, 1)));

    // The broken page fails with its class; the other page is still read and compared. Its
    // unknown type is a documentation defect: a warning, the field kept (as a JSON value,
    // its printed type in the IR), and a mismatch against the oracle.
    let broken = by_form(&outcomes, "broken");
    assert!(!broken.is_perfect() && !broken.read_whole);
    let failures: Vec<(&str, &str)> = broken.failures.iter().map(|f| (f.page.as_str(), f.class.as_str())).collect();
    assert_eq!(failures.len(), 1, "{:?}", broken.failures);
    assert_eq!(failures[0].0, "Broken.txt");
    assert!(failures[0].1.starts_with("not an API documentation page"), "{failures:?}");
    assert_eq!(broken.actions(), (2, 3));
    assert_eq!(broken.failing.len(), 1, "{:?}", broken.failing);
    assert_eq!(broken.failing[0].category, "types");
    assert!(broken.failing[0].message.contains("AssociateAddressCopy.AddressId"), "{:?}", broken.failing);
    assert!(!broken.unread.is_empty());
    assert!(broken.percent() > 50.0 && broken.percent() < 100.0, "{}", broken.percent());

    let mismatch = by_form(&outcomes, "mismatch");
    assert!(mismatch.failures.is_empty() && mismatch.read_whole);
    assert_eq!(mismatch.unit.judgements.len(), 1);
    assert!(mismatch.judged.is_empty());
    assert_eq!(mismatch.failing.len(), 1, "{:?}", mismatch.failing);
    assert_eq!(mismatch.failing[0].category, "types");
    assert!(mismatch.failing[0].message.contains("but the parser gave no warning there"), "{:?}", mismatch.failing);

    let empty = by_form(&outcomes, "empty");
    assert_eq!(empty.failures.len(), 1);
    assert!(empty.failures[0].class.starts_with("no pages"), "{:?}", empty.failures);
    assert_eq!((empty.percent(), empty.actions()), (0.0, (0, 1)));
}

#[test]
fn the_report_lists_classes_and_the_exit_code_says_whether_all_is_perfect() {
    let tmp = Scratch::new("conformance-batch");
    let root = make_tree(&tmp);

    let run_all = run(&[&root], Settings { warnings: true, ..Settings::default() });
    let report = run_all.report;
    assert!(!run_all.perfect, "{report}");
    let good_line = report.lines().find(|l| l.starts_with("tree/good ")).unwrap_or("");
    assert!(good_line.contains(" vpc/2017-03-12 ") && good_line.contains(" 100.00%  actions    1/1"), "{report}");
    let broken_line = report.lines().find(|l| l.starts_with("tree/broken ")).unwrap_or("");
    assert!(broken_line.contains("actions    2/3") && broken_line.contains("UNREAD 1: "), "{report}");
    for expected in [
        "| form | product versions | at 100% | read without error | actions read | items matched | warnings |",
        "| tree/good | 1 | 1 | 1 | 1/1 | 100.00% |",
        "| tree/empty | 1 | 0 | 0 | 0/1 | 0.00% |",
        "| **total** | 4 | 1 | 2 | 4/6 |",
        "| pages | folders | class | example |",
        "| 1 | 1 | no pages: no file the parser reads as a page | tree/empty vpc/2017-03-12/.: no pages",
        "| 2 | 2 | types | ",
        "Judged: 0 mismatches on 1 judged rows. Rule: ",
        "| warning | tree |",
        "conformance: 1/4 product versions and forms at 100%",
    ] {
        assert!(report.contains(expected), "missing {expected:?} in:\n{report}");
    }
    let class_row = report.lines().find(|l| l.starts_with("| 1 | 1 | not an API documentation page")).unwrap_or("");
    assert!(class_row.contains("tree/broken vpc/2017-03-12/Broken.txt"), "{report}");
    assert!(!report.contains("| unknown type"), "an unknown type is a warning, not a failure:\n{report}");

    assert!(report.ends_with(" s)\n") && report.contains("\n(4 folders in "), "{report}");
    assert!(!report.contains("    unread: "), "no details unless asked:\n{report}");

    // --details: every failure and mismatch under its line.
    let details = run(&[&root], Settings { details: true, ..Settings::default() }).report;
    assert!(details.contains("    unread: Broken.txt"), "{details}");
    assert!(details.contains("    mismatch: types: AssociateAddress."), "{details}");
    assert!(!details.contains("| warning | tree |"), "no warnings table unless asked:\n{details}");

    // Only the perfect folder: perfect.
    let good = run(&[&root.join("good")], Settings::default());
    assert!(good.perfect, "{}", good.report);
    assert!(good.report.contains("conformance: 1/1 product versions and forms at 100%"), "{}", good.report);
}

#[test]
fn one_product_version_against_its_oracle() {
    let tmp = Scratch::new("conformance-one");
    let root = make_tree(&tmp);
    let one = |form: &str| {
        let docs = root.join(form).join("vpc/2017-03-12");
        conformance::run(&Settings { oracle: Some(docs.join("oracle.json")), docs: Some(docs), ..Settings::default() })
    };
    let good = one("good").unwrap();
    assert!(good.perfect, "{}", good.report);
    assert!(good.report.starts_with("conformance of "), "{}", good.report);
    let actions = good.report.lines().find(|l| l.starts_with("actions ")).unwrap_or_default();
    assert!(actions.contains(" 1/1 ") && actions.ends_with(" 100.00%"), "{}", good.report);
    assert!(good.report.ends_with("conformance: everything matches\n"), "{}", good.report);
    let mismatch = one("mismatch").unwrap();
    assert!(!mismatch.perfect);
    assert!(mismatch.report.contains("\nmismatch: types: AssociateAddress."), "{}", mismatch.report);
    assert!(mismatch.report.ends_with("conformance: 1 mismatches\n"), "{}", mismatch.report);
    // A folder of no pages is an error.
    assert!(format!("{:#}", one("empty").unwrap_err()).ends_with(": no pages"));
}

#[test]
fn bad_settings_are_errors() {
    let tmp = Scratch::new("conformance-batch");
    assert!(error(Settings::default()).contains("say what to check"));
    let missing = tmp.join("missing");
    let message = error(Settings { tree: vec![missing.clone()], ..Settings::default() });
    assert!(message.contains("no such folder"), "{message}");
    // A tree without oracles is an error, not an empty success.
    tmp.write("nothing/a.txt", "x");
    let message = error(Settings { tree: vec![tmp.join("nothing")], ..Settings::default() });
    assert!(message.contains("no folder with an oracle.json"), "{message}");
    // --shared without the data.
    let message = error(Settings { real: true, shared: Some(missing.clone()), ..Settings::default() });
    assert!(message.contains("no such folder (the reference data `../shared` is missing?)"), "{message}");
    let message = error(Settings { catalog: true, shared: Some(missing), ..Settings::default() });
    assert!(message.contains("no such archive"), "{message}");
}

/// `../shared` when its real pages are there.
fn shared(what: &str) -> Option<PathBuf> {
    test_support::shared::dir("real", what).and_then(|real| real.parent().map(Path::to_path_buf))
}

#[test]
fn the_real_folders_and_their_judgements_are_found() {
    let Some(shared) = shared("real folders test") else { return };
    let units = conformance::discover_units(&shared.join("real"), "real").unwrap();
    let forms: std::collections::BTreeSet<&str> = units.iter().map(|u| u.form.as_str()).collect();
    for form in ["real/md/en", "real/md/zh", "real/md/ja", "real/md/ko", "real/html-zh-2022", "real/txt-zh-2022"] {
        assert!(forms.contains(form), "{form} not in {forms:?}");
    }
    let txt_en = units.iter().find(|u| u.form == "real/txt-en-md").expect("txt-en-md");
    assert_eq!(txt_en.label, "vpc/2017-03-12");
    // Every row of md/judgements.tsv lands in the folder of its page.
    let table = conformance::judgements::load(&shared.join("real/md/judgements.tsv")).unwrap();
    assert!(!table.is_empty());
    let attached: usize = units.iter().filter(|u| u.form.starts_with("real/md/")).map(|u| u.judgements.len()).sum();
    assert_eq!(attached, table.len());
    for j in &table {
        assert!(j.folder.join(&j.page).is_file(), "{} {}", j.folder.display(), j.page);
    }
}

/// The project's own judgements (`conformance/judgements.tsv`) apply to the folder they name
/// wherever the data lies, under the same rule: judged only where the parser warned.
#[test]
fn the_projects_judgements_apply_where_the_parser_says_why() {
    let Some(shared) = shared("project judgements test") else { return };
    let project = conformance::judgements::project().unwrap();
    assert!(!project.is_empty());
    let units = conformance::discover_units(&shared.join("real/md-history"), "md-history").unwrap();
    let billing = units.iter().find(|u| u.label == "billing/2018-07-09").expect("md-history billing");
    assert_eq!(billing.judgements.len(), 2, "{:?}", billing.judgements);
    let outcome = conformance::check(billing);
    assert!(outcome.is_perfect(), "{:?}", outcome.failing);
    let judged: Vec<&str> = outcome.judged.iter().map(|(m, _)| m.item.as_str()).collect();
    assert_eq!(judged, ["ResourceSummarySet", "RequestId"]);

    // Without the parser's warning at the row's line, the same mismatches fail.
    let mut unwarned = billing.clone();
    for j in &mut unwarned.judgements {
        j.line = Some(1);
    }
    let outcome = conformance::check(&unwarned);
    assert!(!outcome.is_perfect() && outcome.judged.is_empty());
    assert!(outcome.failing.iter().all(|m| m.message.contains("but the parser gave no warning there")));
}
