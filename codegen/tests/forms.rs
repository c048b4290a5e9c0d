//! The same pages in other forms: HTML renditions give the IR the text pages give, and
//! Chinese-site pages are read with their own section names. The pages come from
//! `../shared/corpus` (skipped with a notice when it is absent) and are copied into a
//! scratch folder, never into the repository.

use std::fs;

use std::path::{Path, PathBuf};
use test_support::Scratch;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus() -> Option<PathBuf> {
    let dir = workspace().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared/corpus is absent; test skipped");
        None
    }
}

/// A scratch folder holding copies of the given files.
fn scratch_with(name: &str, files: &[PathBuf]) -> Scratch {
    let scratch = Scratch::new(&format!("forms-{name}"));
    for f in files {
        fs::copy(f, scratch.join(f.file_name().unwrap())).unwrap();
    }
    scratch
}

fn ir_of(docs: &Path) -> serde_json::Value {
    let generated = codegen::generate(docs).unwrap_or_else(|e| panic!("{e}"));
    let (_, json) = generated.files.iter().find(|(path, _)| path.starts_with("ir/")).expect("an IR file");
    serde_json::from_str(json).unwrap()
}

#[test]
fn html_and_text_seed_pages_give_identical_ir() {
    let Some(corpus) = corpus() else { return };
    let html = corpus.join("vpc/2017-03-12/html");
    let scratch = scratch_with("html", &[html.join("AssociateAddress.html"), html.join("AssociateIPv6Address.html")]);
    let from_text = ir_of(&workspace().join("docs-src"));
    let from_html = ir_of(scratch.path());
    assert_eq!(
        serde_json::to_string_pretty(&from_html).unwrap(),
        serde_json::to_string_pretty(&from_text).unwrap(),
        "the HTML rendition of the seeds must give the IR of their text form"
    );
}

#[test]
fn chinese_site_pages_are_read() {
    let Some(corpus) = corpus() else { return };
    let zh = corpus.join("zh-sample");
    let files = [
        zh.join("AssociateAddress.txt"),
        zh.join("CreateAddressTemplate.txt"),
        zh.join("DescribeAddresses.txt"),
        corpus.join("vpc/2017-03-12/txt/DataTypes.txt"),
    ];
    let scratch = scratch_with("zh", &files);
    let ir = ir_of(scratch.path());
    assert_eq!(ir["product"], "vpc");
    assert_eq!(ir["version"], "2017-03-12");

    let associate = &ir["actions"]["AssociateAddress"];
    assert_eq!(associate["host"], "vpc.tencentcloudapi.com");
    assert_eq!(associate["rate_limit"], 20);
    let inputs: Vec<(&str, bool)> = associate["input"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["required"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        inputs,
        [
            ("AddressId", true),
            ("InstanceId", false),
            ("NetworkInterfaceId", false),
            ("PrivateIpAddress", false),
            ("EipDirectConnection", false),
            ("InstanceRegion", false)
        ]
    );
    // `示例值:` is split off the description.
    assert_eq!(associate["input"][0]["example_value"], "eip-ek0cdz1g");
    assert!(!associate["input"][0]["description"].as_str().unwrap().contains("示例值"));
    // Constraints from the Chinese prose.
    let kinds: Vec<&str> =
        associate["constraints"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["mutually_exclusive", "requires"]);
    assert_eq!(associate["examples"][0]["title"], "示例1 绑定EIP到实例上");
    assert_eq!(associate["errors"].as_array().unwrap().len(), 0, "the page says it has no business error codes");

    let describe = &ir["actions"]["DescribeAddresses"];
    assert_eq!(describe["input"][0]["name"], "AddressIds");
    assert_eq!(describe["input"][0]["doc_type"], "Array of String");
    let examples = describe["examples"].as_array().unwrap();
    assert_eq!(examples.len(), 3);
    // The GET example becomes JSON with a list.
    assert_eq!(examples[1]["input_form"], "get");
    assert_eq!(examples[1]["input"], serde_json::json!({"AddressIds": ["eip-12345678"]}));

    let create = &ir["actions"]["CreateAddressTemplate"];
    assert_eq!(create["examples"].as_array().unwrap().len(), 1);
    assert_eq!(
        create["examples"][0]["input"],
        serde_json::json!({"AddressTemplateName": "TestName", "Addresses": ["192.168.1.0/24", "192.168.2.0/24"]})
    );
    assert_eq!(create["output"][0]["doc_type"], "AddressTemplate");
    assert!(ir["data_types"]["AddressTemplate"].is_object(), "structures the actions use are kept");
    assert!(ir["data_types"]["CCN"].is_object(), "the IR keeps every documented structure");
    let generated = codegen::generate(scratch.path()).unwrap();
    let types = generated.files.iter().find(|(p, _)| p.ends_with("/types.rs")).map(|(_, t)| t.as_str()).unwrap();
    assert!(types.contains("pub struct AddressTemplate "), "code for the structures the actions use");
    assert!(!types.contains("pub struct Ccn "), "no code for structures no action uses");
}

#[test]
fn whole_vpc_corpus_html_and_text_give_identical_ir() {
    let Some(corpus) = corpus() else { return };
    let dir = corpus.join("vpc/2017-03-12");
    let from_text = codegen::generate(&dir.join("txt")).unwrap_or_else(|e| panic!("{e}"));
    let from_html = codegen::generate(&dir.join("html")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_text.files.len(), from_html.files.len());
    for (path, text) in &from_text.files {
        assert!(from_html.files.get(path) == Some(text), "{path} differs between the text and the HTML corpus");
    }
    // The same contradictions are found in both forms (their lines differ).
    let strip = |w: &String| w.split_once(": ").map(|(_, m)| m.to_string()).unwrap_or_default();
    let text_warnings: Vec<String> = from_text.warnings.iter().map(strip).collect();
    let html_warnings: Vec<String> = from_html.warnings.iter().map(strip).collect();
    assert_eq!(text_warnings.len(), html_warnings.len());
}
