//! A docs folder holding several products and versions: one module per product, one per
//! version inside it, one IR file per product version, one feature and crate per product
//! (named like the product even when its module cannot be: `as`).

use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_dir(from: &Path, to: &Path, edit: &dyn Fn(String) -> String) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target, edit);
        } else {
            fs::write(&target, edit(fs::read_to_string(&path).unwrap())).unwrap();
        }
    }
}

#[test]
fn several_products_and_versions() {
    let docs = std::env::temp_dir().join(format!("codegen-layout-{}", std::process::id()));
    let _ = fs::remove_dir_all(&docs);
    copy_dir(&fixtures().join("golden-docs"), &docs, &|s| s);
    copy_dir(&fixtures().join("good"), &docs, &|s| s);
    // The same page as a later version of the same product.
    copy_dir(&fixtures().join("good/vpc/2017-03-12"), &docs.join("vpc/2020-01-01"), &|s| {
        s.replace("2017-03-12", "2020-01-01")
    });
    // A product named by a Rust keyword (Auto Scaling, `as`): only its module is renamed.
    copy_dir(&fixtures().join("good/vpc/2017-03-12"), &docs.join("as/2018-04-19"), &|s| {
        s.replace("2017-03-12", "2018-04-19").replace("vpc.intl", "as.intl")
    });
    let generated = codegen::generate(&docs).unwrap_or_else(|e| panic!("{e}"));
    let _ = fs::remove_dir_all(&docs);

    let paths: Vec<&str> = generated.files.keys().map(String::as_str).collect();
    for expected in [
        "ir/demo-2020-01-01.json",
        "ir/vpc-2017-03-12.json",
        "ir/vpc-2020-01-01.json",
        "products/demo/Cargo.toml",
        "products/demo/src/lib.rs",
        "products/demo/src/v20200101/edge_cases.rs",
        "products/vpc/Cargo.toml",
        "products/vpc/src/lib.rs",
        "products/vpc/src/v20170312/associate_address.rs",
        "products/vpc/src/v20200101/associate_address.rs",
        "products/vpc/tests/v20200101_examples.rs",
    ] {
        assert!(paths.contains(&expected), "{expected} missing from {paths:?}");
    }
    let lib = &generated.files["src/lib.rs"];
    assert!(lib.contains("pub use tencentcloud_api_demo as demo;"), "{lib}");
    assert!(lib.contains("pub use tencentcloud_api_vpc as vpc;"), "{lib}");
    let vpc = &generated.files["products/vpc/src/lib.rs"];
    assert!(vpc.contains("pub mod v20170312;") && vpc.contains("pub mod v20200101;"), "{vpc}");
    let manifest = &generated.files["products/vpc/Cargo.toml"];
    assert!(manifest.contains("name = \"tencentcloud-api-vpc\""), "{manifest}");
    assert!(manifest.contains("(2017-03-12, 2020-01-01)"), "{manifest}");
    // The manifest's features and product crates (made into the whole manifest with the
    // crate's settings by `codegen::output::complete`).
    let features = &generated.blocks["Cargo.toml"];
    for line in [
        "\nvpc = [\"dep:tencentcloud-api-vpc\"]\n",
        "\ndemo = [\"dep:tencentcloud-api-demo\"]\n",
        "\nas = [\"dep:tencentcloud-api-as\"]\n",
        "\n[dependencies.tencentcloud-api-as]\npath = \"products/as_\"\n",
    ] {
        assert!(features.contains(line), "{line:?} not in\n{features}");
    }
    assert!(lib.contains("pub use tencentcloud_api_as as as_;"), "{lib}");
    assert!(lib.contains("#[cfg(feature = \"as\")]"), "{lib}");
    assert!(generated.files["products/as_/Cargo.toml"].contains("\nname = \"tencentcloud-api-as\"\n"));
    let later = &generated.files["products/vpc/src/v20200101/associate_address.rs"];
    assert!(later.contains("const VERSION: &'static str = \"2020-01-01\";"), "{later}");
}
