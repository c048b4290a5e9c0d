//! Bad input (input that is not what it claims to be: not an API page, cut off, unreadable,
//! two pages for one action, the wrong folder) gets an error naming the file and line and
//! what was expected, never a panic. Each case is a docs folder under `tests/fixtures/bad/`.
//! Documentation defects are warnings, not errors: see `tests/defects.rs`.

use std::path::PathBuf;

fn fixture(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad").join(case)
}

/// Generates from a bad fixture and returns the error message with the fixture folder
/// prefix removed: `vpc/2017-03-12/X.txt:12: …`.
fn error_of(case: &str) -> String {
    let dir = fixture(case);
    let err = codegen::generate(&dir).expect_err("a bad fixture must fail");
    let message = err.to_string();
    let prefix = format!("{}/", codegen::pages::display_path(&dir));
    message.strip_prefix(&prefix).unwrap_or(&message).to_string()
}

#[test]
fn not_a_page() {
    assert_eq!(
        error_of("not-a-page"),
        "vpc/2017-03-12/Notes.txt:1: not an API documentation page: no numbered sections, structures or error codes (the page starts with `Shopping list`)"
    );
    assert_eq!(
        error_of("not-a-page-html"),
        "vpc/2017-03-12/Notes.html:1: not an API documentation page: no numbered sections, structures or error codes (the page starts with `Shopping list`)"
    );
}

#[test]
fn page_cut_off_inside_a_table() {
    assert_eq!(
        error_of("truncated-table"),
        "vpc/2017-03-12/AssociateAddress.txt:23: page ends inside the 2. Input Parameters table (expected more rows or the next section)"
    );
}

#[test]
fn two_pages_for_one_action() {
    let message = error_of("duplicate-action");
    assert!(
        message.starts_with(
            "vpc/2017-03-12/AssociateAddressCopy.txt:20: action `AssociateAddress` is documented twice (first at "
        ),
        "{message}"
    );
    assert!(message.ends_with("vpc/2017-03-12/AssociateAddress.txt:20)"), "{message}");
}

#[test]
fn version_or_product_disagrees_with_folder() {
    assert_eq!(
        error_of("version-mismatch"),
        "vpc/2020-01-01/AssociateAddress.txt:21: page says version `2017-03-12` but it lies in the folder for `2020-01-01`"
    );
    assert_eq!(
        error_of("product-mismatch"),
        "cvm/2017-03-12/AssociateAddress.txt:11: page says product `vpc` but it lies in the folder for `cvm`"
    );
}

#[test]
fn plain_folder_with_two_versions() {
    let message = error_of("mixed-versions");
    assert!(
        message.starts_with("DisassociateAddress.txt:21: pages of different versions in one folder: `2020-01-01` here, `2017-03-12` in "),
        "{message}"
    );
}

#[test]
fn non_utf8_file() {
    assert_eq!(
        error_of("not-utf8"),
        "vpc/2017-03-12/AssociateAddress.txt:13: not valid UTF-8 (invalid byte at offset 200)"
    );
}

#[test]
fn unreadable_file() {
    let message = error_of("unreadable");
    assert!(message.starts_with("vpc/2017-03-12/AssociateAddress.txt: cannot read file: "), "{message}");
}

#[test]
fn the_good_fixture_generates() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    let generated = codegen::generate(&dir).expect("the good fixture generates");
    assert!(generated.files.contains_key("products/vpc/src/v20170312/associate_address.rs"));
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
}
