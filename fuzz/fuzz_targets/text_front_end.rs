//! Text front end: any bytes (lossily decoded) → `page::text::parse` → `extract`.
//! Errors are fine; a panic, hang or runaway allocation is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

use codegen::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let file = SourceFile::new("fuzz/Page.txt", "fuzz/Page.txt", text);
    if let Ok(page) = codegen::page::text::parse(&file) {
        let _ = codegen::extract::extract(&page);
    }
});
