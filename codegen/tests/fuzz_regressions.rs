//! Inputs found by fuzzing (`fuzz/`, see `fuzz/run.sh`), kept as regression fixtures:
//! `tests/fixtures/fuzz/<target>/<name>`. Each file goes through the same function chain as
//! its fuzz target and must come back (Ok or Err) without panicking and without hanging.
//! With no fixture at all the test only checks that the folder is there.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// A fixture that takes longer than this is taken for a hang (the fuzzers use 10 s in
/// release builds; tests run unoptimized).
const DEADLINE: Duration = Duration::from_secs(120);

const TARGETS: [&str; 4] = ["text_front_end", "html_front_end", "markdown", "page_to_ir"];

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz")
}

fn chain(target: &str) -> fn(&[u8]) {
    match target {
        "text_front_end" => codegen::fuzzing::text_front_end,
        "html_front_end" => codegen::fuzzing::html_front_end,
        "markdown" => codegen::fuzzing::markdown_front_end,
        "page_to_ir" => codegen::fuzzing::page_to_ir,
        other => panic!("tests/fixtures/fuzz/{other}: not a fuzz target (expected one of {TARGETS:?})"),
    }
}

/// Runs one fixture on its own thread: `Err` with what went wrong on a panic or a hang.
fn run_fixture(target: &str, path: &Path) -> Result<(), String> {
    let data = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let run = chain(target);
    let (done, finished) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name(format!("{target}/{}", path.file_name().unwrap_or_default().to_string_lossy()))
        .spawn(move || {
            run(&data);
            let _ = done.send(());
        })
        .map_err(|e| format!("cannot start a thread: {e}"))?;
    match finished.recv_timeout(DEADLINE) {
        Ok(()) => worker.join().map_err(|_| "panicked".to_string()),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(match worker.join() {
            Err(payload) => match payload.downcast_ref::<String>() {
                Some(message) => format!("panicked: {message}"),
                None => match payload.downcast_ref::<&str>() {
                    Some(message) => format!("panicked: {message}"),
                    None => "panicked".to_string(),
                },
            },
            Ok(()) => "stopped without finishing".to_string(),
        }),
        // The thread is left running; the test fails.
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!("did not return within {DEADLINE:?} (a hang?)")),
    }
}

/// Files of a folder, sorted, without the README.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.file_name().is_some_and(|name| name != "README.md"))
        .collect();
    files.sort();
    files
}

#[test]
fn fuzz_findings_return_without_panicking() {
    let dir = fixtures_dir();
    assert!(dir.is_dir(), "{} is missing (it holds the fuzz regression fixtures)", dir.display());
    assert!(dir.join("README.md").is_file(), "{}/README.md is missing", dir.display());

    let mut failures = Vec::new();
    let mut count = 0;
    for target_dir in files_in(&dir) {
        assert!(
            target_dir.is_dir(),
            "{}: expected only README.md and one folder per fuzz target",
            target_dir.display()
        );
        let target = target_dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        assert!(
            TARGETS.contains(&target.as_str()),
            "{}: not a fuzz target (expected one of {TARGETS:?})",
            target_dir.display()
        );
        for fixture in files_in(&target_dir) {
            count += 1;
            if let Err(problem) = run_fixture(&target, &fixture) {
                failures.push(format!("{}: {problem}", fixture.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {count} fuzz fixtures failed:\n{}", failures.len(), failures.join("\n"));
}
