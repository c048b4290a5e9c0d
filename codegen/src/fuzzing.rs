//! The function chains the fuzz targets (`fuzz/fuzz_targets/`) exercise, shared with the
//! regression test that replays their findings (`tests/fuzz_regressions.rs`). Errors are
//! fine answers; a panic, a hang or a runaway allocation is a bug.

use crate::source::SourceFile;

/// Any bytes (lossily decoded) → the text front-end → `extract`.
pub fn text_front_end(data: &[u8]) {
    let file = SourceFile::new("fuzz/Page.txt", "fuzz/Page.txt", String::from_utf8_lossy(data).into_owned());
    let page = crate::page::text::parse(&file);
    let _ = crate::extract::extract(&page);
}

/// Any bytes (lossily decoded) → the HTML front-end → `extract`.
pub fn html_front_end(data: &[u8]) {
    let file = SourceFile::new("fuzz/Page.html", "fuzz/Page.html", String::from_utf8_lossy(data).into_owned());
    if let Ok(page) = crate::page::html::parse(&file) {
        let _ = crate::extract::extract(&page);
    }
}

/// Any bytes (lossily decoded) → the Markdown front-end → `extract`.
pub fn markdown_front_end(data: &[u8]) {
    let file = SourceFile::new("fuzz/Page.md", "fuzz/Page.md", String::from_utf8_lossy(data).into_owned());
    if let Ok(page) = crate::page::markdown::parse(&file) {
        let _ = crate::extract::extract(&page);
    }
}

/// The whole page → IR → Rust step. The first byte picks the form (even: text, odd:
/// HTML); the rest is one page, and when it holds a NUL byte it is also tried as two files:
/// an action page (before the NUL) and a Data Types page (after it).
pub fn page_to_ir(data: &[u8]) {
    fn run(files: &[SourceFile]) {
        if let Ok((api, _warnings)) = crate::lower::lower_sources(files, "fuzz/vpc/2017-03-12", None) {
            let _ = crate::emit::generate(&[api]);
        }
    }
    let Some((&selector, rest)) = data.split_first() else { return };
    let ext = if selector & 1 == 0 { "txt" } else { "html" };
    let file = |name: &str, bytes: &[u8]| {
        let path = format!("fuzz/vpc/2017-03-12/{name}.{ext}");
        SourceFile::new(path.clone(), path, String::from_utf8_lossy(bytes).into_owned())
    };
    run(&[file("Action", rest)]);
    if let Some(nul) = rest.iter().position(|&b| b == 0) {
        let (action, data_types) = (&rest[..nul], &rest[nul + 1..]);
        run(&[file("Action", action), file("DataTypes", data_types)]);
    }
}
