//! `cargo xtask fetch` end to end against a real HTTP server on loopback serving the HTML
//! corpus pages (from `../shared/corpus`; skipped with a notice when it is absent).

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::net::TcpListener;

mod support;
use support::{files_under, request_path, respond, xtask_async as xtask, TempDir};

fn corpus_html() -> Option<PathBuf> {
    let dir = xtask::workspace_root().join("../shared/corpus/vpc/2017-03-12/html");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared/corpus is absent; fetch test skipped");
        None
    }
}

/// What the server does, shared with the test.
#[derive(Default)]
struct State {
    /// Serve pages with a marker appended (the docs changed).
    updated: AtomicBool,
    /// Requests per path.
    hits: Mutex<BTreeMap<String, usize>>,
    /// Connections open now, and the most at once.
    open: AtomicUsize,
    most_open: AtomicUsize,
}

const MARKER: &str = "\n<!-- updated -->\n";

/// Serves `/pages/<Name>.html` from the corpus; `Flaky` answers 503 once, then the
/// AssociateIPv6Address page; `Garbage` is not a documentation page; `Cut` promises more
/// bytes than it sends; anything else is 404.
async fn serve(html: PathBuf, state: Arc<State>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (html, state) = (html.clone(), state.clone());
            tokio::spawn(async move {
                let open = state.open.fetch_add(1, Ordering::SeqCst) + 1;
                state.most_open.fetch_max(open, Ordering::SeqCst);
                let path = request_path(&mut stream).await;
                let hits = {
                    let mut all = state.hits.lock().unwrap();
                    let n = all.entry(path.clone()).or_default();
                    *n += 1;
                    *n
                };
                // Slow enough that concurrent downloads overlap.
                tokio::time::sleep(std::time::Duration::from_millis(30)).await;
                let name = path.strip_prefix("/pages/").and_then(|p| p.strip_suffix(".html")).unwrap_or("");
                let page = |name: &str| {
                    let mut body = fs::read(html.join(format!("{name}.html"))).ok()?;
                    if state.updated.load(Ordering::SeqCst) {
                        body.extend_from_slice(MARKER.as_bytes());
                    }
                    Some(body)
                };
                let (status, body, length) = match name {
                    "Flaky" if hits == 1 => (503, b"busy".to_vec(), None),
                    "Flaky" => (200, page("AssociateIPv6Address").unwrap(), None),
                    "Garbage" => (200, b"<html><body><p>Nothing to see</p></body></html>".to_vec(), None),
                    "Cut" => (200, page("AssociateAddress").unwrap()[..500].to_vec(), Some(5000)),
                    _ => match page(name) {
                        Some(body) => (200, body, None),
                        None => (404, b"not found".to_vec(), None),
                    },
                };
                respond(&mut stream, &format!("{status} X"), &body, length).await;
                state.open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    format!("http://{addr}/pages")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_then_update_against_a_loopback_server() {
    let Some(html) = corpus_html() else { return };
    let state = Arc::new(State::default());
    let base = serve(html.clone(), state.clone()).await;
    let tmp = TempDir::new("fetch-test");
    let docs = tmp.0.join("docs");
    let args = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> =
            ["fetch", "--base-url", &base, "--docs", docs.to_str().unwrap(), "--rate", "40", "--concurrency", "3"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };

    let output = xtask(args(&[
        "AssociateAddress",
        "DescribeAddresses",
        "DataTypes",
        "ErrorCodes",
        "Flaky",
        "Missing",
        "Garbage",
        "Cut",
    ]))
    .await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "failed pages make the run fail\n{stderr}");
    assert!(stderr.contains(&format!("error: Missing ({base}/Missing.html): HTTP 404")), "{stderr}");
    assert!(stderr.contains(&format!("error: Garbage ({base}/Garbage.html): not a documentation page")), "{stderr}");
    assert!(stderr.contains(&format!("error: Cut ({base}/Cut.html): ")), "{stderr}");
    assert_eq!(stderr.matches("error: ").count(), 3, "{stderr}");

    // Every good page, byte for byte, in its product/version folder; nothing else (no
    // half-written page), and the manifest.
    assert_eq!(
        files_under(&docs),
        [
            "manifest.json",
            "vpc/2017-03-12/AssociateAddress.html",
            "vpc/2017-03-12/AssociateIPv6Address.html",
            "vpc/2017-03-12/DataTypes.html",
            "vpc/2017-03-12/DescribeAddresses.html",
            "vpc/2017-03-12/ErrorCodes.html",
        ]
    );
    for name in ["AssociateAddress", "DataTypes", "ErrorCodes", "DescribeAddresses", "AssociateIPv6Address"] {
        assert_eq!(
            fs::read(docs.join(format!("vpc/2017-03-12/{name}.html"))).unwrap(),
            fs::read(html.join(format!("{name}.html"))).unwrap()
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(docs.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["pages"]["vpc/2017-03-12/AssociateIPv6Address.html"], format!("{base}/Flaky.html"));
    assert_eq!(manifest["pages"].as_object().unwrap().len(), 5);
    {
        let hits = state.hits.lock().unwrap();
        assert_eq!(hits["/pages/Flaky.html"], 2, "a 503 is retried");
        assert_eq!(hits["/pages/Missing.html"], 1, "a 404 is not retried");
        assert!(hits["/pages/Cut.html"] >= 2, "a cut body is retried");
    }
    assert!(state.most_open.load(Ordering::SeqCst) <= 3, "at most --concurrency downloads at once");

    // The fetched pages generate.
    let generated = codegen::generate(&docs).unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.files.contains_key("products/vpc/src/v20170312/describe_addresses.rs"));

    // The docs change; --update refreshes every page of the manifest.
    state.updated.store(true, Ordering::SeqCst);
    let output = xtask(args(&["--update"])).await;
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("fetch: 5 pages, 0 new, 5 changed, 0 unchanged, 0 gone, 0 failed"), "{stdout}");
    assert!(stdout.contains("changed: vpc/2017-03-12/DataTypes.html ("), "{stdout}");
    assert_eq!(stdout.matches("changed: ").count(), 5, "{stdout}");
    for name in ["AssociateAddress", "DataTypes", "ErrorCodes", "DescribeAddresses", "AssociateIPv6Address"] {
        let text = fs::read_to_string(docs.join(format!("vpc/2017-03-12/{name}.html"))).unwrap();
        assert!(text.ends_with(MARKER), "{name} was refreshed");
    }
}
