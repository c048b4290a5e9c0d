//! What the crawler's tests share: running the `fetch` binary (off the async runtime's
//! threads, so that a test's loopback server keeps serving) and reading what it wrote.

#![allow(dead_code)] // Each test file uses its own part of it.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the `fetch` binary (what `cargo xtask fetch` runs) with `args`.
pub fn fetch<S: AsRef<str>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fetch")).args(args.iter().map(AsRef::as_ref)).output().unwrap()
}

/// [`fetch`] on a blocking thread of the test's runtime.
pub async fn fetch_async(args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || fetch(&args)).await.unwrap()
}

/// Lossy text of a stream.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `<docs>/manifest.json`.
pub fn manifest(docs: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(docs.join("manifest.json")).unwrap()).unwrap()
}
