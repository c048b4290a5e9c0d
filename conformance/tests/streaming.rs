//! Streamed replies over the whole catalog (`../shared/corpus/catalog.tar.xz`, unpacked
//! under `target/corpus-cache/`) and the real Markdown pages (`../shared/real/md`): the
//! actions found streaming, in both forms of each page, and none found on words alone.
//! lkeap `ChatCompletions` streams through its `Stream` input, and each `data:` event of
//! its examples is an event example but for the lines that are broken. Skipped with a
//! notice when `../shared` is absent (a failure under CI).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::ir::{Action, Api, StreamSignal};

/// Every product version under `root` (`<product>/<version>/<form>/` when `form` is given,
/// else `<product>/<version>/`), lowered; folders that do not lower are counted apart.
fn load_all(root: &Path, form: Option<&str>) -> (Vec<Api>, usize) {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for product in sorted(root) {
        for version in sorted(&product) {
            let dir = match form {
                Some(form) => version.join(form),
                None => version,
            };
            if dir.is_dir() {
                dirs.push(dir);
            }
        }
    }
    let loaded = codegen::parallel_map(&dirs, |dir| codegen::load_docs(dir).ok());
    let failed = loaded.iter().filter(|l| l.is_none()).count();
    (loaded.into_iter().flatten().flat_map(|l| l.apis).collect(), failed)
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

/// `product version action` → (input, signals) of every streaming action.
fn detected(apis: &[Api]) -> BTreeMap<String, (Option<String>, Vec<StreamSignal>)> {
    apis.iter()
        .flat_map(|api| {
            api.actions.values().filter_map(move |a| {
                let s = a.streaming.as_ref()?;
                Some((format!("{} {} {}", api.product, api.version, a.name), (s.input.clone(), s.from.clone())))
            })
        })
        .collect()
}

/// No structure says the action streams: every output example a JSON reply, no Boolean
/// `Stream` input, a name not ending in `SSE`. Such an action must not be found streaming,
/// whatever its words say.
fn plainly_not_streaming(a: &Action) -> bool {
    let replies = a.examples.iter().all(|e| e.events.is_empty() && !e.output.is_null());
    let stream_input = a.input.iter().any(|p| p.name == "Stream" && p.ty == codegen::ir::Type::Boolean);
    replies && !stream_input && !a.name.ends_with("SSE")
}

fn check_no_false_positives(apis: &[Api], what: &str) -> usize {
    let mut actions = 0;
    for api in apis {
        for a in api.actions.values() {
            actions += 1;
            assert!(
                !(a.streaming.is_some() && plainly_not_streaming(a)),
                "{what}: {} {} found streaming on words alone: {:?}",
                api.product,
                a.name,
                a.streaming
            );
        }
    }
    actions
}

/// The `data:` lines (but `[DONE]`) of the output examples in a page's text, one count per
/// example: what a reader counts, independently of the SSE splitter.
fn data_lines_per_example(text: &str) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut in_output = false;
    for line in text.lines() {
        let line = line.trim();
        if line == "Output Example" {
            in_output = true;
            counts.push(0);
        } else if line == "Input Example" || line.starts_with("5. ") {
            in_output = false;
        } else if in_output && line.starts_with("data:") && !line.contains("[DONE]") {
            if let Some(last) = counts.last_mut() {
                *last += 1;
            }
        }
    }
    counts
}

#[test]
fn streaming_actions_of_the_catalog_and_the_real_pages() {
    let Some(corpus) = test_support::shared::dir("corpus", "catalog streaming test") else { return };
    let cache = conformance::cache::default_root();
    let (catalog, _) = conformance::cache::unpacked(&corpus.join("catalog.tar.xz"), &cache, "catalog").unwrap();
    let (html, html_failed) = load_all(&catalog, Some("html"));
    let (txt, txt_failed) = load_all(&catalog, Some("txt"));
    let found = detected(&html);
    // The two forms of every page say the same.
    assert_eq!(found, detected(&txt), "the HTML and text forms of the catalog find different streaming actions");
    let actions = check_no_false_positives(&html, "catalog (HTML)");
    check_no_false_positives(&txt, "catalog (text)");
    eprintln!(
        "catalog: {} streaming of {actions} actions ({} product versions; {html_failed} HTML and {txt_failed} text folders did not lower):",
        found.len(),
        html.len()
    );
    for (action, (input, from)) in &found {
        eprintln!("  {action}: input {input:?}, from {from:?}");
    }

    // lkeap `ChatCompletions`: its `Stream` input, and its `data:` events.
    let lkeap = html.iter().find(|a| a.product == "lkeap").expect("lkeap is in the catalog");
    let chat = &lkeap.actions["ChatCompletions"];
    let streaming = chat.streaming.as_ref().expect("lkeap ChatCompletions streams");
    assert_eq!(streaming.input.as_deref(), Some("Stream"));
    assert!(streaming.from.contains(&StreamSignal::SseExamples), "{:?}", streaming.from);
    assert!(chat.rust.event.is_some());
    let page =
        std::fs::read_to_string(catalog.join(format!("lkeap/{}/txt/ChatCompletions.txt", lkeap.version))).unwrap();
    let counts = data_lines_per_example(&page);
    assert_eq!(counts.len(), chat.examples.len());
    for (example, data_lines) in chat.examples.iter().zip(counts) {
        assert!(example.output.is_null(), "{}: streamed, not a reply", example.title);
        let broken = example.defects.iter().filter(|d| d.starts_with("output event ")).count();
        assert_eq!(example.events.len() + broken, data_lines, "{}: {:?}", example.title, example.defects);
        assert!(example.events.len() >= data_lines.saturating_sub(1), "{}: {:?}", example.title, example.defects);
    }
    let broken: Vec<&String> = chat.examples.iter().flat_map(|e| &e.defects).collect();
    assert!(broken.iter().any(|d| d.contains("is not JSON")), "{broken:?}");
    // No chat event carries an API error.
    assert!(chat.examples.iter().flat_map(|e| &e.events).all(|e| e.error.is_none()));

    // trtc `TextToSpeechSSE` documents an error midway: an error event, the others events.
    if let Some(trtc) = html.iter().find(|a| a.product == "trtc" && a.actions.contains_key("TextToSpeechSSE")) {
        let events: Vec<_> = trtc.actions["TextToSpeechSSE"].examples.iter().flat_map(|e| &e.events).collect();
        let errors: Vec<&str> = events.iter().filter_map(|e| e.error.as_deref()).collect();
        assert_eq!(errors, ["InternalError"], "{events:?}");
        assert!(events.len() > errors.len());
    }

    // The real Markdown pages, in every language.
    let Some(md) = test_support::shared::dir("real/md", "real pages streaming test") else { return };
    for lang in sorted(&md) {
        let (apis, failed) = load_all(&lang, None);
        let found = detected(&apis);
        let actions = check_no_false_positives(&apis, &lang.display().to_string());
        eprintln!(
            "real {}: {} streaming of {actions} actions ({failed} folders did not lower): {:?}",
            lang.file_name().unwrap_or_default().to_string_lossy(),
            found.len(),
            found.keys().collect::<Vec<_>>()
        );
    }
}
