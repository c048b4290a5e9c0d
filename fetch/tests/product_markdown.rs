//! `cargo xtask fetch --product DIR` end to end (the `fetch` binary): whole folders of
//! Tencent's Markdown doc sources (`../shared/real/md`, a git checkout of them too), then
//! `--update` as the sources change. Skipped with a notice when the data is absent.

use std::fs;
use std::path::Path;
use std::process::Command;

use test_support::files_under;
use test_support::Scratch;

mod support;
use support::{fetch, manifest, text};

/// Copies the `.md` files of `from` into `to` (writable).
fn copy_markdown(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let copy = to.join(path.file_name().unwrap());
            fs::copy(&path, &copy).unwrap();
            // The shared data is read-only; the copies are edited.
            let mut permissions = fs::metadata(&copy).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            permissions.set_readonly(false);
            fs::set_permissions(&copy, permissions).unwrap();
        }
    }
}

fn md_files(dir: &Path) -> Vec<String> {
    files_under(dir).into_iter().filter(|f| f.ends_with(".md")).collect()
}

#[test]
fn markdown_sources_of_one_product() {
    let Some(source) = test_support::shared::dir("real/md/en/billing/2018-07-09", "Markdown source test") else {
        return;
    };
    let tmp = Scratch::new("fetch-product-md");
    let docs = tmp.join("docs");
    let output = fetch(&["--docs", docs.to_str().unwrap(), "--product", source.to_str().unwrap()]);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.starts_with("fetch: 9 pages written, 0 failed, 0 pages that are not API pages skipped"), "{stdout}");
    let names = md_files(&source);
    assert!(names.contains(&"DataTypes.md".to_string()) && names.contains(&"ErrorCodes.md".to_string()));
    let mut expected: Vec<String> = names.iter().map(|n| format!("billing/2018-07-09/{n}")).collect();
    expected.push("manifest.json".to_string());
    assert_eq!(files_under(&docs), expected);
    let m = manifest(&docs);
    for name in &names {
        let written = fs::read(docs.join("billing/2018-07-09").join(name)).unwrap();
        assert!(written == fs::read(source.join(name)).unwrap(), "{name} byte for byte");
        let from = m["pages"][format!("billing/2018-07-09/{name}")].as_str().unwrap().to_string();
        assert_eq!(fs::canonicalize(from).unwrap(), fs::canonicalize(source.join(name)).unwrap());
    }
}

#[test]
fn update_follows_a_markdown_folder_new_gone_and_changed_pages() {
    let Some(md) = test_support::shared::dir("real/md/en/billing/2018-07-09", "Markdown source update test") else {
        return;
    };
    let tmp = Scratch::new("fetch-product-md-follow");
    let source = tmp.join("source");
    copy_markdown(&md, &source);
    let docs = tmp.join("docs");
    let docs_arg = docs.to_str().unwrap();
    let output = fetch(&["--docs", docs_arg, "--product", source.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let source = fs::canonicalize(&source).unwrap();
    let key = source.to_str().unwrap();
    assert_eq!(manifest(&docs)["products"][key]["pages"].as_array().unwrap().len(), 9);

    // A page is added (a copy of another, its `Action` row naming a new action), one is
    // deleted, one edited.
    let tag = fs::read_to_string(source.join("DescribeBillSummaryByTag.md")).unwrap();
    let row = "the value used for this API: DescribeBillSummaryByTag";
    assert!(tag.contains(row));
    let zone = tag.replace(row, "the value used for this API: DescribeBillSummaryByZone");
    fs::write(source.join("DescribeBillSummaryByZone.md"), &zone).unwrap();
    let project = fs::read(source.join("DescribeBillSummaryByProject.md")).unwrap();
    fs::remove_file(source.join("DescribeBillSummaryByProject.md")).unwrap();
    let mut detail = fs::read(source.join("DescribeBillDetail.md")).unwrap();
    detail.extend_from_slice(b"\nOne more line.\n");
    fs::write(source.join("DescribeBillDetail.md"), &detail).unwrap();

    let output = fetch(&["--docs", docs_arg, "--update"]);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(
        stdout,
        "changed: billing/2018-07-09/DescribeBillDetail.md (content only)\n\
         gone: billing/2018-07-09/DescribeBillSummaryByProject.md (source file removed; kept, delete it to drop the action)\n\
         new: billing/2018-07-09/DescribeBillSummaryByZone.md\n\
         fetch: 10 pages, 1 new, 1 changed, 7 unchanged, 1 gone, 0 failed\n"
    );
    println!("{stdout}");
    assert_eq!(stderr, "");
    let page = |name: &str| docs.join("billing/2018-07-09").join(name);
    assert!(fs::read(page("DescribeBillSummaryByZone.md")).unwrap() == zone.as_bytes());
    assert!(fs::read(page("DescribeBillSummaryByProject.md")).unwrap() == project, "the gone page is kept");
    assert!(fs::read(page("DescribeBillDetail.md")).unwrap() == detail);
    let m = manifest(&docs);
    let zone_source = source.join("DescribeBillSummaryByZone.md");
    assert_eq!(m["pages"]["billing/2018-07-09/DescribeBillSummaryByZone.md"], zone_source.to_str().unwrap());
    assert_eq!(m["products"][key]["pages"].as_array().unwrap().len(), 10);

    // Once deleted from the docs folder, the gone page leaves the manifest.
    fs::remove_file(page("DescribeBillSummaryByProject.md")).unwrap();
    let output = fetch(&["--docs", docs_arg, "--update"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert_eq!(stdout, "fetch: 9 pages, 0 new, 0 changed, 9 unchanged, 0 gone, 0 failed\n");
    let m = manifest(&docs);
    assert!(m["pages"].get("billing/2018-07-09/DescribeBillSummaryByProject.md").is_none());
    assert_eq!(m["products"][key]["pages"].as_array().unwrap().len(), 9);
}

#[test]
fn markdown_sources_of_several_products() {
    let Some(source) = test_support::shared::dir("real/md/en", "Markdown source test (several products)") else {
        return;
    };
    let tmp = Scratch::new("fetch-product-md-en");
    let docs = tmp.join("docs");
    let output = fetch(&["--docs", docs.to_str().unwrap(), "--product", source.to_str().unwrap()]);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{stdout}\n{stderr}");
    // The sources are `<product>/<version>/<Page>.md` already: each lands at its own path.
    let sources = md_files(&source);
    assert!(sources.len() > 100, "{}", sources.len());
    let mut expected = sources.clone();
    expected.push("manifest.json".to_string());
    expected.sort();
    assert_eq!(files_under(&docs), expected);
    for page in &sources {
        assert!(fs::read(docs.join(page)).unwrap() == fs::read(source.join(page)).unwrap(), "{page}");
    }
    assert!(stdout.starts_with(&format!("fetch: {} pages written, 0 failed", sources.len())), "{stdout}");
}

#[test]
fn the_same_product_in_two_languages_is_an_error_and_nothing_is_written() {
    let Some(md) = test_support::shared::dir("real/md", "Markdown source test (two languages)") else { return };
    let tmp = Scratch::new("fetch-product-md-two");
    let source = tmp.join("source");
    copy_markdown(&md.join("en/billing/2018-07-09"), &source.join("en/billing"));
    copy_markdown(&md.join("zh/billing/2018-07-09"), &source.join("zh/billing"));
    let docs = tmp.join("docs");
    let output = fetch(&["--docs", docs.to_str().unwrap(), "--product", source.to_str().unwrap()]);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    let source = fs::canonicalize(&source).unwrap();
    let both = |name: &str| {
        format!(
            "error: billing/2018-07-09/{name}: 2 pages would be written there: {} and {}\n",
            source.join("en/billing").join(name).display(),
            source.join("zh/billing").join(name).display()
        )
    };
    for name in ["DescribeBillDetail.md", "DataTypes.md", "ErrorCodes.md"] {
        assert!(stderr.contains(&both(name)), "{}\n{stderr}", both(name));
    }
    assert!(stdout.contains("nothing written"), "{stdout}");
    assert_eq!(files_under(&docs), Vec::<String>::new(), "nothing written");
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .ok()?;
    output.status.success().then(|| text(&output.stdout).trim().to_string())
}

#[test]
fn a_git_checkout_of_markdown_sources_then_update() {
    let Some(md) = test_support::shared::dir("real/md/en/billing/2018-07-09", "Markdown source test (git)") else {
        return;
    };
    let tmp = Scratch::new("fetch-product-md-git");
    let checkout = tmp.join("checkout");
    let folder = checkout.join("API/API 3.0/Billing");
    copy_markdown(&md, &folder);
    fs::write(checkout.join("README.md"), "# Tencent Cloud documentation\n\nHow to contribute.\n").unwrap();
    if git(&checkout, &["init", "-q"]).is_none() {
        eprintln!("notice: git is not available; git checkout test skipped");
        return;
    }
    git(&checkout, &["add", "-A"]).unwrap();
    git(&checkout, &["commit", "-q", "-m", "pages"]).unwrap();
    let head = git(&checkout, &["rev-parse", "HEAD"]).unwrap();
    let docs = tmp.join("docs");
    let docs_arg = docs.to_str().unwrap();

    let output = fetch(&["--docs", docs_arg, "--product", checkout.to_str().unwrap()]);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let checkout = fs::canonicalize(&checkout).unwrap();
    assert_eq!(
        stdout,
        format!(
            "fetch: 9 pages written, 0 failed, 1 page that is not an API page skipped (manifest: {}; {} at git commit {head})\n",
            docs.join("manifest.json").display(),
            checkout.display()
        )
    );
    let m = manifest(&docs);
    assert_eq!(m["products"][checkout.to_str().unwrap()]["git_commit"], head.as_str());
    assert_eq!(md_files(&docs).len(), 9);

    // One source page changes (and is committed): --update re-reads every page.
    let page = checkout.join("API/API 3.0/Billing/DescribeBillDetail.md");
    let mut text_of_page = fs::read(&page).unwrap();
    text_of_page.extend_from_slice(b"\nOne more line.\n");
    fs::write(&page, &text_of_page).unwrap();
    git(&checkout, &["commit", "-q", "-am", "change"]).unwrap();
    let old_head = head;
    let head = git(&checkout, &["rev-parse", "HEAD"]).unwrap();
    let output = fetch(&["--docs", docs_arg, "--update"]);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(
        stdout,
        format!(
            "product {}: commit {} → {}\n\
             changed: billing/2018-07-09/DescribeBillDetail.md (content only)\n\
             fetch: 9 pages, 0 new, 1 changed, 8 unchanged, 0 gone, 0 failed\n",
            checkout.display(),
            &old_head[..7],
            &head[..7]
        )
    );
    assert!(fs::read(docs.join("billing/2018-07-09/DescribeBillDetail.md")).unwrap() == text_of_page);
    assert_eq!(manifest(&docs)["products"][checkout.to_str().unwrap()]["git_commit"], head.as_str());

    // A source page that is gone is reported gone, kept in the docs folder, and is no
    // failure; the commit did not change (the removal is not committed).
    fs::remove_file(&page).unwrap();
    let output = fetch(&["--docs", docs_arg, "--update"]);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(
        stdout,
        "gone: billing/2018-07-09/DescribeBillDetail.md (source file removed; kept, delete it to drop the action)\n\
         fetch: 9 pages, 0 new, 0 changed, 8 unchanged, 1 gone, 0 failed\n"
    );
    assert_eq!(stderr, "");
    assert!(docs.join("billing/2018-07-09/DescribeBillDetail.md").exists());
}
