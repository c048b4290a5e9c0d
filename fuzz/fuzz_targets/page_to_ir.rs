//! Whole page → IR → Rust: `codegen::fuzzing::page_to_ir` (first byte: the form; a NUL
//! splits an action page from a Data Types page). Errors are fine; a panic, hang or runaway
//! allocation is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

use std::sync::{Mutex, Once};

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
    codegen::fuzzing::page_to_ir(data);
});
