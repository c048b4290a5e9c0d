//! `cargo xtask fetch --product URL` end to end (the `fetch` binary): a whole product
//! crawled from its API overview page on a real HTTP server on loopback serving the saved
//! Chinese site (`../shared/real/html-zh-2022/site`, at its URL paths), then `--update` as
//! the site changes. Skipped with a notice when the data is absent.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use test_support::files_under;
use test_support::http::{Response, Server};
use test_support::Scratch;

mod support;
use support::{fetch_async, manifest, text};

const FOLDER: &str = "/document/api/213/";
const OVERVIEW: &str = "15689";
/// The action pages the saved site has, by page id.
const ACTIONS: [(&str, &str); 3] =
    [("15699", "DescribeKeyPairs"), ("15700", "DeleteKeyPairs"), ("15702", "CreateKeyPair")];

/// The saved site, or `None` (with a notice) when the data is absent.
fn site(what: &str) -> Option<PathBuf> {
    test_support::shared::dir("real/html-zh-2022/site", what)
}

/// What the server does, shared with the test.
#[derive(Default)]
struct State {
    /// Replacements in the body of a path (`/document/api/213/15699` → (from, to)).
    edits: Mutex<BTreeMap<String, (String, String)>>,
    /// Requests per path.
    hits: Mutex<BTreeMap<String, usize>>,
    /// Paths served with the saved page of another path (a page new on the site).
    copies: Mutex<BTreeMap<String, String>>,
    /// Paths answered with an error status (404: a page gone from the site; 503).
    statuses: Mutex<BTreeMap<String, u16>>,
}

/// The body the server sends for a path: the saved page at that path (a folder's page is
/// its `index.html`; a copied path's, the page it copies); under `/jp/`, the same pages as a language site has them: their
/// links to the product's pages carry the `/jp` prefix (`href`s as full URLs of the site).
fn body(site: &Path, origin: &str, path: &str, state: &State) -> Option<Vec<u8>> {
    let (jp, local) = match path.strip_prefix("/jp/") {
        Some(rest) => (true, rest),
        None => (false, path.strip_prefix('/')?),
    };
    if local.split('/').any(|part| part == ".." || part.is_empty()) {
        return None;
    }
    let copied = state.copies.lock().unwrap().get(path).cloned();
    let local = match &copied {
        Some(from) => from.strip_prefix('/')?,
        None => local,
    };
    let mut file = site.join(local);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let mut bytes = fs::read(file).ok()?;
    if jp {
        bytes = jp_page(&bytes, origin);
    }
    if let Some((from, to)) = state.edits.lock().unwrap().get(path) {
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains(from.as_str()), "{path} contains {from}");
        bytes = text.replace(from.as_str(), to).into_bytes();
    }
    Some(bytes)
}

fn jp_page(bytes: &[u8], origin: &str) -> Vec<u8> {
    String::from_utf8_lossy(bytes)
        .replace(&format!("href=\"{FOLDER}"), &format!("href=\"{origin}/jp{FOLDER}"))
        .replace(&format!("\"{FOLDER}"), &format!("\"/jp{FOLDER}"))
        .into_bytes()
}

/// Serves the saved site as `text/html; charset=utf-8`, 404 for anything it lacks, and
/// what the test says: copies of pages at other paths, error statuses.
async fn serve(site: PathBuf, state: Arc<State>) -> String {
    // The origin is known once the server listens; the handler reads it then.
    let origin = Arc::new(Mutex::new(String::new()));
    let known = origin.clone();
    let server = Server::start(move |request, _| {
        let path = request.path.clone();
        *state.hits.lock().unwrap().entry(path.clone()).or_default() += 1;
        let file = path.split('?').next().unwrap_or("");
        let answer = state.statuses.lock().unwrap().get(file).copied();
        let origin = known.lock().unwrap().clone();
        match (answer, body(&site, &origin, file, &state)) {
            (Some(503), _) => Response::html(503, "busy"),
            (Some(_), _) | (None, None) => Response::html(404, "not found"),
            (None, Some(body)) => Response::html(200, body),
        }
    })
    .await;
    *origin.lock().unwrap() = server.url();
    server.url()
}

/// The page ids of the product's folder a saved page mentions, by a plain scan.
fn linked_ids(page: &[u8]) -> BTreeSet<String> {
    let text = String::from_utf8_lossy(page);
    text.split(FOLDER)
        .skip(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
        .filter(|id| !id.is_empty())
        .collect()
}

fn args(docs: &Path, extra: &[&str]) -> Vec<String> {
    let mut a: Vec<String> = ["--docs", docs.to_str().unwrap(), "--rate", "200", "--concurrency", "4"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    a.extend(extra.iter().map(|s| s.to_string()));
    a
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_product_from_its_overview_then_update() {
    let Some(site) = site("product fetch test") else { return };
    let pages = site.join("document/api/213");
    let saved = site.join("../cvm/2017-03-12");
    let state = Arc::new(State::default());
    let origin = serve(site.clone(), state.clone()).await;
    let tmp = Scratch::new("fetch-product-html");
    let docs = tmp.join("docs");
    let overview = format!("{origin}{FOLDER}{OVERVIEW}");

    let output = fetch_async(args(&docs, &["--product", &overview])).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "missing pages make the run fail\n{stdout}\n{stderr}");

    // Every page the overview links to that the site lacks: one 404 line each; and no
    // other error (the action pages link to no page the overview does not).
    let overview_links = linked_ids(&fs::read(pages.join(OVERVIEW)).unwrap());
    let missing: BTreeSet<&String> = overview_links.iter().filter(|id| !pages.join(id.as_str()).exists()).collect();
    assert!(overview_links.contains("15753") && overview_links.contains("30435"), "Data Types, Error Codes linked");
    assert_eq!(missing.len(), overview_links.len() - 4, "all but the overview and three action pages are missing");
    for id in &missing {
        let line = format!("error: {id} ({origin}{FOLDER}{id}): HTTP 404 Not Found\n");
        assert_eq!(stderr.matches(&line).count(), 1, "{line}\n{stderr}");
    }
    for (id, _) in ACTIONS {
        assert!(linked_ids(&fs::read(pages.join(id)).unwrap()).is_subset(&overview_links));
    }
    assert_eq!(stderr.matches("error: ").count(), missing.len(), "{stderr}");
    let summary = format!(
        "fetch: 3 pages written, {} failed, 1 page that is not an API page skipped (manifest: {})\n",
        missing.len(),
        docs.join("manifest.json").display()
    );
    assert!(stdout.ends_with(&summary), "{stdout}");
    println!("{}", summary.trim_end());

    // The three action pages, byte for byte where they belong; nothing else but the
    // manifest (no temporary or partial file).
    let expected: Vec<String> = ["cvm/2017-03-12/CreateKeyPair.html", "cvm/2017-03-12/DeleteKeyPairs.html"]
        .into_iter()
        .chain(["cvm/2017-03-12/DescribeKeyPairs.html", "manifest.json"])
        .map(str::to_string)
        .collect();
    assert_eq!(tmp.files(), expected.iter().map(|f| format!("docs/{f}")).collect::<Vec<_>>());
    for (id, action) in ACTIONS {
        let written = fs::read(docs.join(format!("cvm/2017-03-12/{action}.html"))).unwrap();
        assert!(written == fs::read(pages.join(id)).unwrap(), "{action} is the page served");
        assert!(written == fs::read(saved.join(format!("{action}.html"))).unwrap(), "{action} is the saved page");
    }
    let m = manifest(&docs);
    let listed: BTreeMap<String, String> = serde_json::from_value(m["pages"].clone()).unwrap();
    let want: BTreeMap<String, String> = ACTIONS
        .iter()
        .map(|(id, action)| (format!("cvm/2017-03-12/{action}.html"), format!("{origin}{FOLDER}{id}")))
        .collect();
    assert_eq!(listed, want);
    assert_eq!(m["products"][&overview]["pages"].as_array().unwrap().len(), 3);
    {
        // Each page fetched once: a 404 is not retried, a page linked twice fetched once.
        let hits = state.hits.lock().unwrap();
        assert!(hits.values().all(|&n| n == 1), "{hits:?}");
        assert_eq!(hits.len(), overview_links.len());
    }

    // The docs change: one page is updated (its "last updated" time with it), another
    // changes in content only, the third not at all.
    {
        let mut edits = state.edits.lock().unwrap();
        edits.insert(
            format!("{FOLDER}15699"),
            ("最近更新时间：2022-06-16 06:04:53".to_string(), "最近更新时间：2022-07-01 10:00:00".to_string()),
        );
        edits.insert(format!("{FOLDER}15700"), ("</body>".to_string(), "<!-- changed --></body>".to_string()));
    }
    state.hits.lock().unwrap().clear();
    let unchanged = docs.join("cvm/2017-03-12/CreateKeyPair.html");
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    fs::File::options().write(true).open(&unchanged).unwrap().set_modified(long_ago).unwrap();

    let output = fetch_async(args(&docs, &["--update"])).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert_eq!(
        stdout,
        "changed: cvm/2017-03-12/DeleteKeyPairs.html (content only)\n\
         changed: cvm/2017-03-12/DescribeKeyPairs.html (last updated 2022-06-16 06:04:53 → 2022-07-01 10:00:00)\n\
         fetch: 3 pages, 0 new, 2 changed, 1 unchanged, 0 gone, 0 failed\n"
    );
    // The linked pages the site lacks, as on the first run: one warning, no failure.
    assert!(!stderr.contains("error"), "{stderr}");
    let warning = format!(
        "warning: {overview}: {} linked pages the site does not have (HTTP 404), never kept, not counted: ",
        missing.len()
    );
    assert_eq!(stderr.lines().filter(|l| l.starts_with("warning: ")).count(), 1, "{stderr}");
    assert!(stderr.contains(&warning), "{warning}\n{stderr}");
    assert_eq!(fs::metadata(&unchanged).unwrap().modified().unwrap(), long_ago, "an unchanged page is not rewritten");
    assert!(fs::read(&unchanged).unwrap() == fs::read(pages.join("15702")).unwrap());
    let updated = fs::read_to_string(docs.join("cvm/2017-03-12/DescribeKeyPairs.html")).unwrap();
    assert!(updated.contains("最近更新时间：2022-07-01 10:00:00"));
    let changed = fs::read_to_string(docs.join("cvm/2017-03-12/DeleteKeyPairs.html")).unwrap();
    assert!(changed.contains("<!-- changed --></body>"));
    assert_eq!(tmp.files(), expected.iter().map(|f| format!("docs/{f}")).collect::<Vec<_>>());
    // The product crawled again, each page once.
    let hits = state.hits.lock().unwrap();
    assert!(hits.values().all(|&n| n == 1), "{hits:?}");
    let crawled: BTreeSet<String> = hits.keys().filter_map(|p| p.strip_prefix(FOLDER)).map(str::to_string).collect();
    assert_eq!(crawled, overview_links);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_follows_the_product_new_gone_and_changed_pages() {
    let Some(site) = site("product update test") else { return };
    let pages = site.join("document/api/213");
    let state = Arc::new(State::default());
    let origin = serve(site.clone(), state.clone()).await;
    let tmp = Scratch::new("fetch-product-follow");
    let docs = tmp.join("docs");
    let overview = format!("{origin}{FOLDER}{OVERVIEW}");
    let overview_links = linked_ids(&fs::read(pages.join(OVERVIEW)).unwrap());
    let missing = overview_links.iter().filter(|id| !pages.join(id.as_str()).exists()).count();

    let output = fetch_async(args(&docs, &["--product", &overview])).await;
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert_eq!(manifest(&docs)["products"][&overview]["pages"].as_array().unwrap().len(), 3);
    let place = |action: &str| docs.join(format!("cvm/2017-03-12/{action}.html"));
    let delete_key_pairs = fs::read(place("DeleteKeyPairs")).unwrap();

    // A page appears that states the same action as a page kept: two pages for one
    // place, an error, and nothing is written.
    state.copies.lock().unwrap().insert(format!("{FOLDER}15703"), format!("{FOLDER}15700"));
    let before = (tmp.files(), fs::read(docs.join("manifest.json")).unwrap());
    let output = fetch_async(args(&docs, &["--update"])).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    let clash = format!(
        "error: cvm/2017-03-12/DeleteKeyPairs.html: 2 pages would be written there: {origin}{FOLDER}15700 and {origin}{FOLDER}15703\n"
    );
    assert!(stderr.contains(&clash), "{clash}\n{stderr}");
    assert_eq!(stdout, "fetch: nothing written: pages would overwrite each other\n");
    assert_eq!((tmp.files(), fs::read(docs.join("manifest.json")).unwrap()), before);

    // The site changes: a page the overview links to appears (ImportKeyPair, 15703: the
    // DeleteKeyPairs page with its `Action` row naming the new action), DeleteKeyPairs
    // goes (404), DescribeKeyPairs is updated.
    assert!(overview_links.contains("15703") && !pages.join("15703").exists());
    state.statuses.lock().unwrap().insert(format!("{FOLDER}15700"), 404);
    {
        let mut edits = state.edits.lock().unwrap();
        edits.insert(
            format!("{FOLDER}15703"),
            ("本接口取值：DeleteKeyPairs。".to_string(), "本接口取值：ImportKeyPair。".to_string()),
        );
        edits.insert(
            format!("{FOLDER}15699"),
            ("最近更新时间：2022-06-16 06:04:53".to_string(), "最近更新时间：2022-07-01 10:00:00".to_string()),
        );
    }
    state.hits.lock().unwrap().clear();

    let output = fetch_async(args(&docs, &["--update"])).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "a gone page is no failure\n{stdout}\n{stderr}");
    assert_eq!(
        stdout,
        "gone: cvm/2017-03-12/DeleteKeyPairs.html (HTTP 404 Not Found; kept, delete it to drop the action)\n\
         changed: cvm/2017-03-12/DescribeKeyPairs.html (last updated 2022-06-16 06:04:53 → 2022-07-01 10:00:00)\n\
         new: cvm/2017-03-12/ImportKeyPair.html\n\
         fetch: 4 pages, 1 new, 1 changed, 1 unchanged, 1 gone, 0 failed\n"
    );
    println!("{stdout}");
    // The pages the site still lacks: one warning, without the one that appeared or the
    // one that went (it is gone, not lacking).
    let warning = format!(
        "warning: {overview}: {} linked pages the site does not have (HTTP 404), never kept, not counted: ",
        missing - 1
    );
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert!(warnings.len() == 1 && warnings[0].starts_with(&warning), "{warning}\n{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(!warnings[0].contains("15703") && !warnings[0].contains("15700"), "{stderr}");
    // The new page, byte for byte as served; the gone page still there, unchanged.
    let served = String::from_utf8(delete_key_pairs.clone())
        .unwrap()
        .replace("本接口取值：DeleteKeyPairs。", "本接口取值：ImportKeyPair。");
    assert!(fs::read(place("ImportKeyPair")).unwrap() == served.as_bytes(), "ImportKeyPair as served");
    assert!(fs::read(place("DeleteKeyPairs")).unwrap() == delete_key_pairs, "the gone page is kept");
    let m = manifest(&docs);
    assert_eq!(m["pages"]["cvm/2017-03-12/ImportKeyPair.html"], format!("{origin}{FOLDER}15703"));
    assert_eq!(m["pages"]["cvm/2017-03-12/DeleteKeyPairs.html"], format!("{origin}{FOLDER}15700"));
    let listed: Vec<&str> =
        m["products"][&overview]["pages"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(
        listed,
        ["CreateKeyPair", "DeleteKeyPairs", "DescribeKeyPairs", "ImportKeyPair"]
            .map(|a| format!("cvm/2017-03-12/{a}.html"))
    );
    assert!(state.hits.lock().unwrap().values().all(|&n| n == 1), "a 404 is not retried");

    // The user deletes the gone page: the manifest forgets it. A page the site fails to
    // serve (503 after retries) is a failure, and stays listed.
    fs::remove_file(place("DeleteKeyPairs")).unwrap();
    state.statuses.lock().unwrap().insert(format!("{FOLDER}15702"), 503);
    let output = fetch_async(args(&docs, &["--update", "--attempts", "2"])).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert_eq!(stdout, "fetch: 3 pages, 0 new, 0 changed, 2 unchanged, 0 gone, 1 failed\n");
    let error =
        format!("error: cvm/2017-03-12/CreateKeyPair.html ({origin}{FOLDER}15702): HTTP 503 Service Unavailable\n");
    assert!(stderr.contains(&error), "{stderr}");
    assert_eq!(stderr.matches("error: ").count(), 1, "{stderr}");
    assert_eq!(state.hits.lock().unwrap()[&format!("{FOLDER}15702")], 1 + 2, "a 503 is retried");
    let m = manifest(&docs);
    assert!(m["pages"].get("cvm/2017-03-12/DeleteKeyPairs.html").is_none(), "{m}");
    assert_eq!(m["pages"]["cvm/2017-03-12/CreateKeyPair.html"], format!("{origin}{FOLDER}15702"));
    assert_eq!(m["products"][&overview]["pages"].as_array().unwrap().len(), 3);
    assert!(place("CreateKeyPair").exists());
}

/// Copies a docs folder (the state a user reviews against).
fn snapshot(docs: &Path, to: &Path) {
    for file in files_under(docs) {
        let target = to.join(&file);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(docs.join(&file), target).unwrap();
    }
}

/// The review between two docs folders, as `cargo xtask diff --format json` gives it
/// (the same library calls): the API changes and the Rust API view.
async fn review(old: &Path, new: &Path) -> serde_json::Value {
    let load = |dir: &Path| codegen::load_docs(dir).unwrap_or_else(|e| panic!("{e}")).apis;
    let (old, new) = (load(old), load(new));
    let rust = codegen::review::rust_api(&old, &new).unwrap();
    let review = codegen::review::Review::new(String::new(), codegen::review::diff(&old, &new), rust);
    assert!(!review.is_empty(), "changes");
    serde_json::from_str(&review.to_json()).unwrap()
}

/// The whole loop a user runs on the real site: fetch a product, the site changes,
/// `fetch --update`, review (`cargo xtask diff`): each step's report names what changed,
/// with its semver bump.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_doc_update_loop_fetch_update_review() {
    let Some(site) = site("doc-update loop test") else { return };
    let state = Arc::new(State::default());
    let origin = serve(site.clone(), state.clone()).await;
    let tmp = Scratch::new("fetch-product-loop");
    let docs = tmp.join("docs");
    let overview = format!("{origin}{FOLDER}{OVERVIEW}");
    fetch_async(args(&docs, &["--product", &overview])).await;
    let generated = codegen::generate(&docs).unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.files.contains_key("products/cvm/src/v20170312/describe_key_pairs.rs"));

    // A new action page on the site: a minor release.
    let before = tmp.join("before");
    snapshot(&docs, &before);
    state.copies.lock().unwrap().insert(format!("{FOLDER}15703"), format!("{FOLDER}15700"));
    state.edits.lock().unwrap().insert(
        format!("{FOLDER}15703"),
        ("本接口取值：DeleteKeyPairs。".to_string(), "本接口取值：ImportKeyPair。".to_string()),
    );
    let output = fetch_async(args(&docs, &["--update"])).await;
    assert!(text(&output.stdout).contains("new: cvm/2017-03-12/ImportKeyPair.html\n"), "{}", text(&output.stdout));
    let added = review(&before, &docs).await;
    assert_eq!(added["semver"], "minor", "{added:#}");
    assert_eq!(added["changes"][0]["kind"], "action-added");
    assert_eq!(added["changes"][0]["path"], "ImportKeyPair");
    let paths: Vec<&str> = added["rust_api"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    for item in ["ImportKeyPairRequest", "ImportKeyPairResponse", "ImportKeyPairError", "Client::import_key_pair"] {
        assert!(paths.contains(&format!("cvm::v20170312::{item}").as_str()), "{item} in {paths:?}");
    }

    // A page goes from the site; the user deletes it as the report says: a major release.
    let before = tmp.join("before-2");
    snapshot(&docs, &before);
    state.statuses.lock().unwrap().insert(format!("{FOLDER}15700"), 404);
    let output = fetch_async(args(&docs, &["--update"])).await;
    assert!(text(&output.stdout).contains("gone: cvm/2017-03-12/DeleteKeyPairs.html"), "{}", text(&output.stdout));
    fs::remove_file(docs.join("cvm/2017-03-12/DeleteKeyPairs.html")).unwrap();
    let removed = review(&before, &docs).await;
    assert_eq!(removed["semver"], "major", "{removed:#}");
    assert_eq!(
        (&removed["changes"][0]["kind"], &removed["changes"][0]["breaking"]),
        (&"action-removed".into(), &true.into())
    );
    let summary = removed["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("api: 1 actions removed (1 breaking); rust api: ") && summary.ends_with("; semver: major"),
        "{summary}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_language_prefix_stays_in_the_urls_fetched() {
    let Some(site) = site("product fetch test (language prefix)") else { return };
    let pages = site.join("document/api/213");
    let state = Arc::new(State::default());
    let origin = serve(site.clone(), state.clone()).await;
    let tmp = Scratch::new("fetch-product-jp");
    let docs = tmp.join("docs");

    let output = fetch_async(args(&docs, &["--product", &format!("{origin}/jp{FOLDER}{OVERVIEW}?lang=ja#top")])).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    let hits = state.hits.lock().unwrap().clone();
    assert!(hits.keys().all(|path| path.starts_with(&format!("/jp{FOLDER}"))), "{hits:?}");
    let links = linked_ids(&fs::read(pages.join(OVERVIEW)).unwrap());
    assert_eq!(hits.len(), links.len(), "the whole product, under /jp/, the overview once");
    assert_eq!(hits[&format!("/jp{FOLDER}{OVERVIEW}?lang=ja")], 1, "the overview as given");
    assert_eq!(stderr.matches("error: ").count(), links.len() - 4, "{stderr}");
    assert!(stderr.contains(&format!("error: 15753 ({origin}/jp{FOLDER}15753): HTTP 404 Not Found\n")), "{stderr}");
    for (id, action) in ACTIONS {
        let written = fs::read(docs.join(format!("cvm/2017-03-12/{action}.html"))).unwrap();
        assert!(written == jp_page(&fs::read(pages.join(id)).unwrap(), &origin), "{action} as served");
        let m = manifest(&docs);
        assert_eq!(m["pages"][format!("cvm/2017-03-12/{action}.html")], format!("{origin}/jp{FOLDER}{id}"));
    }
    assert_eq!(files_under(&docs).len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_limit_stops_the_crawl() {
    let Some(site) = site("product fetch test (page limit)") else { return };
    let pages = site.join("document/api/213");
    let state = Arc::new(State::default());
    let origin = serve(site.clone(), state.clone()).await;
    let tmp = Scratch::new("fetch-product-limit");
    let docs = tmp.join("docs");
    let output =
        fetch_async(args(&docs, &["--product", &format!("{origin}{FOLDER}{OVERVIEW}"), "--max-pages", "10"])).await;
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    let links = linked_ids(&fs::read(pages.join(OVERVIEW)).unwrap());
    assert_eq!(state.hits.lock().unwrap().len(), 10, "{stderr}");
    let warning = format!(
        "warning: {} more pages of the product were found beyond --max-pages 10, not fetched\n",
        links.len() - 10
    );
    assert!(stderr.contains(&warning), "{stderr}");
    // The first pages by id after the overview: all missing but the overview.
    assert_eq!(stderr.matches("error: ").count(), 9, "{stderr}");
    assert!(stdout.starts_with("fetch: 0 pages written, 9 failed, 1 page that is not an API page skipped"), "{stdout}");
}
