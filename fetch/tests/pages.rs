//! The crawler (`cargo xtask fetch`, the `fetch` binary) end to end against a real HTTP
//! server on loopback serving the HTML corpus pages (from `../shared/corpus`; skipped
//! with a notice when it is absent).

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use test_support::files_under;
use test_support::http::{Response, Server};
use test_support::Scratch;

mod support;
use support::fetch_async as fetch;

/// How long the server takes to answer: long enough that concurrent downloads overlap.
const SLOW: Duration = Duration::from_millis(50);

/// What the server does, shared with the test.
#[derive(Default)]
struct State {
    /// Serve pages with a marker appended (the docs changed).
    updated: AtomicBool,
    /// Requests per path.
    hits: Mutex<BTreeMap<String, usize>>,
    /// When each request came.
    arrivals: Mutex<Vec<Instant>>,
}

impl State {
    /// The most requests that came within one answer's time ([`SLOW`]): each is still
    /// being answered when the last of them comes, so at least that many were open at once.
    fn most_at_once(&self) -> usize {
        let mut times = self.arrivals.lock().unwrap().clone();
        times.sort();
        (0..times.len()).map(|i| times[i..].iter().take_while(|t| **t - times[i] < SLOW).count()).max().unwrap_or(0)
    }
}

const MARKER: &str = "\n<!-- updated -->\n";

/// Serves `/pages/<Name>.html` from the corpus; `Flaky` answers 503 once, then the
/// AssociateIPv6Address page; `Garbage` is not a documentation page; `Cut` promises more
/// bytes than it sends; anything else is 404.
async fn serve(html: PathBuf, state: Arc<State>) -> String {
    let server = Server::start(move |request, _| {
        state.arrivals.lock().unwrap().push(Instant::now());
        let path = request.path.clone();
        let hits = {
            let mut all = state.hits.lock().unwrap();
            let n = all.entry(path.clone()).or_default();
            *n += 1;
            *n
        };
        let name = path.strip_prefix("/pages/").and_then(|p| p.strip_suffix(".html")).unwrap_or("");
        let page = |name: &str| {
            let mut body = fs::read(html.join(format!("{name}.html"))).ok()?;
            if state.updated.load(Ordering::SeqCst) {
                body.extend_from_slice(MARKER.as_bytes());
            }
            Some(body)
        };
        let response = match name {
            "Flaky" if hits == 1 => Response::html(503, "busy"),
            "Flaky" => Response::html(200, page("AssociateIPv6Address").unwrap()),
            "Garbage" => Response::html(200, "<html><body><p>Nothing to see</p></body></html>"),
            "Cut" => Response::html(200, page("AssociateAddress").unwrap()[..500].to_vec()).cut(5000),
            _ => match page(name) {
                Some(body) => Response::html(200, body),
                None => Response::html(404, "not found"),
            },
        };
        response.after(SLOW)
    })
    .await;
    format!("{}/pages", server.url())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_then_update_against_a_loopback_server() {
    let Some(html) = test_support::shared::dir("corpus/vpc/2017-03-12/html", "fetch test") else { return };
    let state = Arc::new(State::default());
    let base = serve(html.clone(), state.clone()).await;
    let tmp = Scratch::new("fetch-test");
    let docs = tmp.join("docs");
    // Fast enough a rate that more than three downloads would overlap were they let.
    let args = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> =
            ["--base-url", &base, "--docs", docs.to_str().unwrap(), "--rate", "200", "--concurrency", "3"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };

    let output = fetch(args(&[
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
    let most = state.most_at_once();
    assert!((1..=3).contains(&most), "at most --concurrency downloads at once: {most}");

    // The fetched pages generate.
    let generated = codegen::generate(&docs).unwrap_or_else(|e| panic!("{e}"));
    assert!(generated.files.contains_key("products/vpc/src/v20170312/describe_addresses.rs"));

    // The docs change; --update refreshes every page of the manifest.
    state.updated.store(true, Ordering::SeqCst);
    let output = fetch(args(&["--update"])).await;
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
