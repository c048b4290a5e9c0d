//! Whole page → IR → Rust: `lower::lower_sources` and, when that succeeds, `emit::generate`.
//!
//! The first byte picks the form (even: text, odd: HTML); the rest is the page. When the
//! page holds a NUL byte it is also tried as two files of that form: the part before the
//! first NUL as an action page, the part after it as a DataTypes page.
//! Errors are fine; a panic, hang or runaway allocation is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

use codegen::source::SourceFile;

fn run(files: &[SourceFile]) {
    if let Ok((api, _warnings)) = codegen::lower::lower_sources(files, "fuzz/vpc/2017-03-12", None) {
        let _ = codegen::emit::generate(&[api]);
    }
}

fuzz_target!(|data: &[u8]| {
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
});
