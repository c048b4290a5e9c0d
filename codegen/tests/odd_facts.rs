//! A missing or odd fact is a warning with the best reading, never a stop: a page with no
//! domain line takes the host of its examples' request (else the folder's product), a
//! `Version` row that is not a version takes the folder's version (a date written
//! otherwise is mended), a page without section 1 has no description, and the Error Codes
//! page's lists are told apart by what they hold. A real version that disagrees with its
//! folder stays an error.
//!
//! The fixtures under `tests/fixtures/odd-facts/` are docs folders `<product>/<version>/`,
//! one per class and form, written for these tests.

use std::path::PathBuf;

use codegen::ir::{Api, ErrorCodeKind};

fn fixture(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/odd-facts").join(case)
}

/// Loads a fixture, which must succeed: its one product version and its warnings, the
/// fixture folder prefix removed.
fn load(case: &str) -> (Api, Vec<String>) {
    let dir = fixture(case);
    let loaded = codegen::load_docs(&dir).unwrap_or_else(|e| panic!("an odd fact must not be an error: {e}"));
    let prefix = format!("{}/", codegen::pages::display_path(&dir));
    let warnings =
        loaded.warnings.iter().map(|w| w.to_string().strip_prefix(&prefix).map(str::to_string).unwrap()).collect();
    assert_eq!(loaded.apis.len(), 1);
    (loaded.apis.into_iter().next().unwrap(), warnings)
}

fn error_of(case: &str) -> String {
    let dir = fixture(case);
    let err = codegen::load_docs(&dir).expect_err("this fixture must fail");
    let message = err.to_string();
    let prefix = format!("{}/", codegen::pages::display_path(&dir));
    message.strip_prefix(&prefix).unwrap_or(&message).to_string()
}

/// The product, version and the one action's name and host.
fn facts(api: &Api) -> (&str, &str, &str, &str) {
    assert_eq!(api.actions.len(), 1, "{:?}", api.actions.keys());
    let action = api.actions.values().next().unwrap();
    (api.product.as_str(), api.version.as_str(), action.name.as_str(), action.host.as_str())
}

const CVM: (&str, &str, &str, &str) = ("cvm", "2017-03-12", "ListZones", "cvm.tencentcloudapi.com");

#[test]
fn no_domain_line_takes_the_host_of_the_example_request_in_every_form() {
    for (case, file, title_line, example_line) in [
        ("no-domain-md", "ListZones.md", 1, 28),
        ("no-domain-html", "ListZones.html", 8, 33),
        ("no-domain-txt", "ListZones.txt", 5, 32),
    ] {
        let (api, warnings) = load(case);
        assert_eq!(facts(&api), CVM, "{case}");
        assert_eq!(
            warnings,
            [format!("cvm/2017-03-12/{file}:{title_line}: section `1. API Description` names no domain for API requests: the host `cvm.tencentcloudapi.com` is read from the example at line {example_line}")],
            "{case}"
        );
        let action = &api.actions["ListZones"];
        assert_eq!(action.description, "This API (ListZones) lists the zones a demo account may use.", "{case}");
    }
}

#[test]
fn no_host_anywhere_takes_the_folders_product() {
    let (api, warnings) = load("no-host");
    assert_eq!(facts(&api), CVM);
    assert_eq!(
        warnings,
        ["cvm/2017-03-12/ListZones.md:1: the page names no request host (no domain line, no host in its examples): read as the folder's product `cvm`"]
    );
}

#[test]
fn no_section_1_is_no_description() {
    let (api, warnings) = load("no-section-1");
    assert_eq!(facts(&api), CVM);
    assert_eq!(api.actions["ListZones"].description, "");
    assert_eq!(
        warnings,
        [
            "cvm/2017-03-12/ListZones.md:1: section `1. API Description` names no domain for API requests: the host `cvm.tencentcloudapi.com` is read from the example at line 24",
            "cvm/2017-03-12/ListZones.md:1: the page has no section `1. API Description`: no description",
        ]
    );
}

#[test]
fn a_version_row_holding_the_actions_name_gives_the_name_and_the_folders_version() {
    let (api, warnings) = load("version-is-name");
    assert_eq!(facts(&api), CVM);
    assert_eq!(
        warnings,
        [
            "cvm/2017-03-12/ListZones.md:1: section `1. API Description` names no domain for API requests: the host `cvm.tencentcloudapi.com` is read from the example at line 27",
            "cvm/2017-03-12/ListZones.md:11: the `Version` row holds `ListZones`, not a version: read as the folder's version `2017-03-12`",
            "cvm/2017-03-12/ListZones.md:11: the page has no `Action` row: the action's name `ListZones` is read from the `Version` row",
        ]
    );
    let input: Vec<&str> = api.actions["ListZones"].input.iter().map(|p| p.name.as_str()).collect();
    assert!(input.is_empty(), "the common rows are no request fields: {input:?}");
}

#[test]
fn a_date_written_otherwise_is_mended() {
    let (api, warnings) = load("version-us-date");
    assert_eq!(facts(&api), ("cvm", "2018-02-28", "ListZones", "cvm.tencentcloudapi.com"));
    assert_eq!(
        warnings,
        [
            "cvm/2018-02-28/ListZones.md:1: section `1. API Description` names no domain for API requests: the host `cvm.tencentcloudapi.com` is read from the example at line 28",
            "cvm/2018-02-28/ListZones.md:12: the `Version` row writes the version `2/28/2018`: read as `2018-02-28`",
        ]
    );
}

#[test]
fn a_real_version_that_disagrees_with_its_folder_stays_an_error() {
    assert_eq!(
        error_of("version-us-date-wrong-folder"),
        "cvm/2019-01-01/ListZones.md:12: page says version `2018-02-28` but it lies in the folder for `2019-01-01`"
    );
}

#[test]
fn error_code_lists_are_told_apart_by_their_content() {
    for case in ["error-codes-synonym", "error-codes-synonym-txt"] {
        error_code_lists(case);
    }
}

fn error_code_lists(case: &str) {
    let (api, warnings) = load(case);
    assert_eq!(facts(&api), CVM);
    let kind = |code: &str| api.error_codes[code].kind;
    for code in ["AuthFailure.SignatureExpire", "InvalidAction", "MissingParameter", "RequestLimitExceeded"] {
        assert_eq!(kind(code), ErrorCodeKind::Common, "{case} {code}");
    }
    for code in ["FailedOperation.ZoneBusy", "ResourceNotFound.Zone", "LimitExceeded.Zones"] {
        assert_eq!(kind(code), ErrorCodeKind::Service, "{case} {code}");
    }
    assert!(api.error_codes["InvalidParameter"].also_service, "listed in both lists");
    // The synonym heading is unknown, so nothing contradicts the content: no warning.
    assert_eq!(warnings, Vec::<String>::new(), "{case}");
}

#[test]
fn no_action_row_takes_the_name_of_the_example_request() {
    let (api, warnings) = load("no-action-row-html");
    assert_eq!(facts(&api), CVM);
    assert_eq!(
        warnings,
        ["cvm/2017-03-12/Zones.html:33: the page has no `Action` row: the action's name `ListZones` is read from the example's request"]
    );
}

#[test]
fn an_example_host_of_another_product_gives_way_to_the_folder() {
    let (api, warnings) = load("example-host-other-product");
    assert_eq!(facts(&api), CVM);
    assert_eq!(
        warnings,
        [
            "cvm/2017-03-12/ListZones.md:1: section `1. API Description` names no domain for API requests: the host `api.tencentcloudapi.com` is read from the example at line 28",
            "cvm/2017-03-12/ListZones.md:28: the example's request host `api.tencentcloudapi.com` names no product or another one than the folder: read as the folder's product `cvm`",
        ]
    );
}

/// A plain folder of pages, named by no product or version: the examples' requests say them.
#[test]
fn a_plain_folder_takes_the_version_of_the_example_request() {
    let (api, warnings) = load("plain-folder");
    assert_eq!(facts(&api), CVM);
    assert_eq!(
        warnings,
        [
            "ListZones.md:1: section `1. API Description` names no domain for API requests: the host `cvm.tencentcloudapi.com` is read from the example at line 27",
            "ListZones.md:11: the `Version` row holds `ListZones`, not a version: read as the version `2017-03-12` of the example at line 27",
            "ListZones.md:11: the page has no `Action` row: the action's name `ListZones` is read from the `Version` row",
        ]
    );
}
