//! Markdown front end: any bytes (lossily decoded) → `page::markdown::parse` → `extract`.
//! Errors are fine; a panic, hang or runaway allocation is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    codegen::fuzzing::markdown_front_end(data);
});
