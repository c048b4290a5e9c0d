//! Real pages in two forms give the same IR: the pages saved whole from the docs site
//! (`../shared/real/html-zh-2022`) and a real browser's copy of them (`txt-zh-2022`), and
//! the Markdown sources shown in the site's page chrome (`html-en-md.tar.xz`, unpacked
//! under `target/corpus-cache/`) and their browser copy (`txt-en-md`).
//!
//! Everything is compared exactly (actions, fields, types, required flags, examples,
//! error codes, structures, constraints) but for the layout of descriptions, which a
//! browser's copy cannot carry: list bullets (`<li>`) are not in the copied text, and a
//! line break inside an HTML paragraph is white space. Descriptions are compared with
//! bullets dropped and white space folded. The warnings are the same too (their lines
//! differ). What `conformance --real` compares with the oracles, form against form.
//! Skipped with a notice when `../shared/real` is absent (a failure under CI).

use std::path::{Path, PathBuf};

use serde_json::Value;

fn real(what: &str) -> Option<PathBuf> {
    test_support::shared::dir("real", what)
}

/// The IR of a folder of pages, and its warnings without their `file:line: `.
fn ir_and_warnings(docs: &Path) -> (Value, Vec<String>) {
    let generated = codegen::generate(docs).unwrap_or_else(|e| panic!("{}: {e}", docs.display()));
    let irs: Vec<&String> =
        generated.files.iter().filter(|(path, _)| path.starts_with("ir/")).map(|(_, json)| json).collect();
    assert_eq!(irs.len(), 1, "{}: one product version", docs.display());
    let mut warnings: Vec<String> = generated
        .warnings
        .iter()
        .map(|w| {
            let w = w.strip_prefix("warning: ").unwrap_or(w);
            let (location, message) = w.split_once(": ").unwrap_or(("", w));
            assert!(location.rsplit(':').next().is_some_and(|l| l.parse::<u32>().is_ok()), "{w}");
            message.to_string()
        })
        .collect();
    warnings.sort();
    (serde_json::from_str(irs[0]).unwrap(), warnings)
}

/// Descriptions with list bullets dropped and white space folded, and without the sentence
/// each fact came from (`facts_from`: a list's sentence runs to the end of its items, which
/// a browser copy without bullets cannot tell); everything else, the facts included, as is.
fn without_layout(value: &Value, key: Option<&str>) -> Value {
    match value {
        _ if key == Some("facts_from") => Value::Null,
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), without_layout(v, Some(k)))).collect(),
        Value::Array(items) => items.iter().map(|v| without_layout(v, None)).collect(),
        Value::String(s) if key == Some("description") => {
            Value::String(s.replace('•', " ").split_whitespace().collect::<Vec<_>>().join(" "))
        }
        other => other.clone(),
    }
}

/// Asserts the two folders give the same IR; returns it.
fn assert_same(html: &Path, txt: &Path) -> Value {
    let (from_html, html_warnings) = ir_and_warnings(html);
    let (from_txt, txt_warnings) = ir_and_warnings(txt);
    let actions = from_txt["actions"].as_object().map_or(0, |a| a.len());
    assert!(actions > 0, "{}: no actions read", txt.display());
    let pretty = |v: &Value| serde_json::to_string_pretty(&without_layout(v, None)).unwrap();
    let (h, t) = (pretty(&from_html), pretty(&from_txt));
    if h != t {
        let first = h.lines().zip(t.lines()).position(|(a, b)| a != b).unwrap_or(0);
        let around = |s: &str| s.lines().skip(first.saturating_sub(3)).take(8).collect::<Vec<_>>().join("\n");
        panic!(
            "{} and {} give different IR; from line {first}:\n--- html\n{}\n--- txt\n{}",
            html.display(),
            txt.display(),
            around(&h),
            around(&t)
        );
    }
    assert_eq!(html_warnings, txt_warnings, "{} and {}: the same warnings", html.display(), txt.display());
    from_html
}

#[test]
fn saved_chinese_site_pages_and_their_browser_copy_give_the_same_ir() {
    let Some(real) = real("saved site pages and their browser copy test") else { return };
    let ir = assert_same(&real.join("html-zh-2022/cvm/2017-03-12"), &real.join("txt-zh-2022/cvm/2017-03-12"));
    let actions: Vec<&String> = ir["actions"].as_object().unwrap().keys().collect();
    assert_eq!(actions, ["CreateKeyPair", "DeleteKeyPairs", "DescribeKeyPairs"]);
}

#[test]
fn markdown_sources_in_site_chrome_and_their_browser_copy_give_the_same_ir() {
    let Some(real) = real("Markdown sources in site chrome and their browser copy test") else { return };
    let cache = conformance::cache::default_root();
    let (html, _) = conformance::cache::unpacked(&real.join("html-en-md.tar.xz"), &cache, "html-en-md").unwrap();
    let html = html.join("vpc/2017-03-12");
    let txt = real.join("txt-en-md/vpc/2017-03-12");
    let ir = assert_same(&html, &txt);
    // The examples of the rendered HTML (`<p><code>…</code></p>`) are read, as the copy's are.
    let examples: usize =
        ir["actions"].as_object().unwrap().values().map(|a| a["examples"].as_array().map_or(0, Vec::len)).sum();
    assert!(examples >= 80, "{examples} examples");
}
