//! Whole page → IR → Rust: `lower::lower_sources` and, when that succeeds, `emit::generate`.
//!
//! The first byte picks the form (even: text, odd: HTML); the rest is the page. When the
//! page holds a NUL byte it is also tried as two files of that form: the part before the
//! first NUL as an action page, the part after it as a DataTypes page.
//! Errors are fine; a panic, hang or runaway allocation is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

use std::sync::{Mutex, Once};

use codegen::source::SourceFile;

fn run(files: &[SourceFile]) {
    if let Ok((api, _warnings)) = codegen::lower::lower_sources(files, "fuzz/vpc/2017-03-12", None) {
        let _ = codegen::emit::generate(&[api]);
    }
}

/// `emit` works on several threads: when two of them panic at once, libFuzzer's panic hook
/// (print, then abort) runs twice and the second abort can kill the process before the
/// crash input is written. Panics go through the hook one at a time; the first aborts.
fn one_panic_at_a_time() {
    static ONCE: Once = Once::new();
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    ONCE.call_once(|| {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _only_me = ONE_AT_A_TIME.lock();
            hook(info);
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    one_panic_at_a_time();
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
