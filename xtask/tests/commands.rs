//! The commands whose work lies in crates of their own, through the `xtask` binary: `fetch`
//! (forwarded to the crawler's binary by `cargo run`: its help, its usage errors and its
//! exit status come through) and `conformance` (the flags reach the runner; `--report-only`
//! decides the exit status).

use std::path::Path;
use std::process::{Command, Output};

use test_support::Scratch;

fn xtask(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).current_dir(cwd).output().unwrap()
}

fn text(output: &Output) -> (String, String) {
    (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn fetch_is_forwarded_to_the_crawler() {
    let tmp = Scratch::new("xtask-fetch");
    // The crawler's own help, under the command's name.
    let output = xtask(tmp.path(), &["fetch", "--help"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.starts_with("Download documentation pages into docs-src/"), "{stdout}");
    assert!(stdout.contains("Usage: cargo xtask fetch [OPTIONS] [PAGES]..."), "{stdout}");
    for flag in ["--product <URL|DIR>", "--update", "--docs <DIR>", "--max-pages <MAX_PAGES>"] {
        assert!(stdout.contains(flag), "{flag}\n{stdout}");
    }

    // Its exit status: 2 for a usage error, 1 for a run that fails.
    let output = xtask(tmp.path(), &["fetch", "--bogus"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unexpected argument '--bogus'"), "{stderr}");
    let output = xtask(tmp.path(), &["fetch", "--docs", "docs"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: nothing to fetch"), "{stderr}");

    // In the current folder: a relative `--docs` is the caller's (a page that is not an
    // action name fails before anything is fetched, but the docs folder was looked at:
    // a manifest there that is not one is an error naming it).
    tmp.write("docs/manifest.json", "not json");
    let output = xtask(tmp.path(), &["fetch", "--docs", "docs", "--update"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error: docs/manifest.json: not a fetch manifest"), "{stderr}");
}

#[test]
fn conformance_flags_reach_the_runner() {
    let tmp = Scratch::new("xtask-conformance");
    // A folder whose oracle names another product version: mismatches.
    let page = std::fs::read_to_string(xtask::default_docs().join("vpc/2017-03-12/AssociateAddress.txt")).unwrap();
    tmp.write("tree/x/1/AssociateAddress.txt", page);
    let oracle = r#"{"product": "x", "version": "1", "actions": {}, "data_types": {},
        "error_codes": {"common": [], "service": []}}"#;
    tmp.write("tree/x/1/oracle.json", oracle);
    let tree = tmp.join("tree");
    let tree = tree.to_str().unwrap();

    let output = xtask(tmp.path(), &["conformance", "--tree", tree]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("conformance: 0/1 product versions and forms at 100%"), "{stdout}");
    assert!(!stdout.contains("--report-only"), "{stdout}");
    let output = xtask(tmp.path(), &["conformance", "--tree", tree, "--report-only", "--details"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("    mismatch: actions: product version vpc 2017-03-12, oracle x 1"), "{stdout}");
    assert!(stdout.ends_with("conformance: --report-only: the report does not fail the run\n"), "{stdout}");

    // The runner's errors fail the run, even with --report-only.
    let output = xtask(tmp.path(), &["conformance"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output).1.contains("error: say what to check"), "{:?}", text(&output));
    let missing = tmp.join("missing");
    let output = xtask(tmp.path(), &["conformance", "--real", "--report-only", "--shared", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{:?}", text(&output));
    assert!(text(&output).1.contains("no such folder"), "{:?}", text(&output));
}

#[test]
fn conformance_metamorphic_flags_reach_the_runner() {
    let tmp = Scratch::new("xtask-metamorphic");
    let page = std::fs::read_to_string(xtask::default_docs().join("vpc/2017-03-12/AssociateAddress.txt")).unwrap();
    tmp.write("tree/vpc/2017-03-12/AssociateAddress.txt", page);
    tmp.write("tree/vpc/2017-03-12/oracle.json", "{}");
    let tree = tmp.join("tree");
    let tree = tree.to_str().unwrap();

    let args = ["conformance", "--tree", tree, "--metamorphic", "--kinds", "levels,titles", "--seed", "3"];
    let output = xtask(tmp.path(), &[&args[..], &["--report-only"]].concat());
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("vpc/2017-03-12 | levels | - | - | - | - | skipped: text:"), "{stdout}");
    assert!(stdout.contains("vpc/2017-03-12 | titles | 1 |"), "{stdout}");
    assert!(!stdout.contains("| columns |"), "{stdout}");
    assert!(stdout.contains("== metamorphic summary"), "{stdout}");

    let output = xtask(tmp.path(), &["conformance", "--tree", tree, "--metamorphic", "--kinds", "nonsense"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output).1.contains("unknown kind `nonsense`"), "{:?}", text(&output));
    // --kinds belongs to --metamorphic.
    let output = xtask(tmp.path(), &["conformance", "--tree", tree, "--kinds", "titles"]);
    assert_eq!(output.status.code(), Some(2), "{:?}", text(&output));
}
