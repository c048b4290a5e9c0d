//! The `xtask` binary end to end, on scratch folders under the system temp dir.
//!
//! These hold whatever the generator makes of `docs-src/`: they only rely on `regen`
//! followed by `check` being clean, on the manifest coming from the settings, and on
//! hand-written files being left alone.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use test_support::Scratch;

const HEADER: &str = codegen::GENERATED_HEADER;

/// Runs the `xtask` binary in `cwd`.
fn xtask(cwd: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).current_dir(cwd).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
fn assert_status(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

#[test]
fn regen_then_check_with_relative_paths() {
    let tmp = Scratch::new("cli-test");
    let docs = xtask::default_docs();
    let docs = docs.to_str().unwrap();
    fs::create_dir_all(tmp.join("out/src")).unwrap();
    fs::write(tmp.join("out/Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    fs::write(tmp.join("out/src/handwritten.rs"), "fn main() {}\n").unwrap();
    fs::write(tmp.join("out/src/zz_orphan.rs"), format!("{HEADER}\npub struct Gone;\n")).unwrap();

    // A hand-written manifest where the generated one goes: an error, and nothing is
    // written.
    let regen = xtask(tmp.path(), &["regen", "--docs", docs, "--out", "out"]);
    assert_status(&regen, 1);
    let stderr = text(&regen.stderr);
    assert!(stderr.contains("out/Cargo.toml: refusing to overwrite a hand-written file"), "{stderr}");
    assert!(tmp.join("out/src/zz_orphan.rs").exists());
    fs::remove_file(tmp.join("out/Cargo.toml")).unwrap();

    // `--out out` is relative to the current directory.
    let check = xtask(tmp.path(), &["check", "--docs", docs, "--out", "out"]);
    assert_status(&check, 1);
    let stderr = text(&check.stderr);
    assert!(stderr.contains("missing: Cargo.toml\n") && stderr.contains("extra: src/zz_orphan.rs\n"), "{stderr}");
    assert!(stderr.trim_end().ends_with("generated code is out of date: run `cargo xtask regen`"), "{stderr}");

    let regen = xtask(tmp.path(), &["regen", "--docs", docs, "--out", "out"]);
    assert_status(&regen, 0);
    let stdout = text(&regen.stdout);
    assert!(stdout.starts_with("regen: ") && stdout.contains(" written, 1 removed, 0 unchanged"), "{stdout}");
    assert!(!tmp.join("out/src/zz_orphan.rs").exists());
    assert!(tmp.join("out/src/handwritten.rs").exists());
    // The manifest: the settings of `docs-src/regen.toml`, and a workspace of its own (no
    // enclosing workspace lists `out`).
    let manifest = fs::read_to_string(tmp.join("out/Cargo.toml")).unwrap();
    assert!(manifest.starts_with(&format!("{}\n", codegen::GENERATED_TOML_HEADER)), "{manifest}");
    for line in [
        "\nname = \"tencentcloud-api\"\n",
        "\nversion.workspace = true\n",
        "\ndefault = [\"client\", \"vpc\"]\n",
        "\n    \"tencentcloud-api-vpc?/client\",\n",
        "\nvpc = [\"dep:tencentcloud-api-vpc\"]\n",
        "\n[workspace]\n",
        "\nversion = \"0.1.0\"\n",
    ] {
        assert!(manifest.contains(line), "{line:?} not in\n{manifest}");
    }

    let check = xtask(tmp.path(), &["check", "--docs", docs, "--out", "out"]);
    assert_status(&check, 0);
    let stdout = text(&check.stdout);
    assert!(
        stdout.starts_with("check: ") && stdout.trim_end().ends_with(" generated files are up to date in out"),
        "{stdout}"
    );

    let again = xtask(tmp.path(), &["regen", "--docs", docs, "--out", "out"]);
    assert_status(&again, 0);
    assert!(text(&again.stdout).contains(": 0 written, 0 removed, "), "{}", text(&again.stdout));
}

/// What a user sets comes from a settings file (`--settings`, else the docs folder's
/// `regen.toml`): the crate's name names the product crates too. A mistake in it names
/// its line, and nothing is written. Inside a workspace that lists the output folder, the
/// crate is a member and inherits the workspace's keys.
#[test]
fn settings_name_the_crate_and_mistakes_name_their_line() {
    let tmp = Scratch::new("cli-test");
    let docs = xtask::default_docs();
    let docs = docs.to_str().unwrap();
    let settings = "# mine\nname = \"my-cloud\"\nversion = \"2.1.0\"\ndefault-features = [\"vpc\"]\n";
    fs::write(tmp.join("settings.toml"), settings).unwrap();
    let regen = xtask(tmp.path(), &["regen", "--docs", docs, "--out", "out", "--settings", "settings.toml"]);
    assert_status(&regen, 0);
    let read = |rel: &str| fs::read_to_string(tmp.join("out").join(rel)).unwrap();
    let manifest = read("Cargo.toml");
    for line in [
        "\nname = \"my-cloud\"\n",
        "\ndefault = [\"vpc\"]\n",
        "\nversion = \"2.1.0\"\n",
        "\n[dependencies.my-cloud-vpc]\n",
    ] {
        assert!(manifest.contains(line), "{line:?} not in\n{manifest}");
    }
    assert!(read("products/vpc/Cargo.toml").contains("\nname = \"my-cloud-vpc\"\n"));
    assert!(read("src/lib.rs").contains("pub use my_cloud_vpc as vpc;"));

    let before = snapshot(&tmp.join("out"));
    for (bad, expected) in [
        ("name = \"x\"\ncolour = \"red\"\n", "bad.toml:2: unknown key `colour`"),
        ("\ndefault-features = [\"client\", \"cvm\"]\n", "bad.toml:2: `cvm` is not a feature of the generated crate"),
    ] {
        fs::write(tmp.join("bad.toml"), bad).unwrap();
        for command in ["regen", "check"] {
            let output = xtask(tmp.path(), &[command, "--docs", docs, "--out", "out", "--settings", "bad.toml"]);
            assert_status(&output, 1);
            assert!(text(&output.stderr).contains(expected), "{}", text(&output.stderr));
        }
        assert_eq!(snapshot(&tmp.join("out")), before, "{bad:?} changed the output");
    }

    // A member of an enclosing workspace: no workspace of its own, the keys inherited.
    let workspace =
        "[workspace]\nmembers = [\"member\"]\n\n[workspace.package]\nversion = \"0.3.0\"\nedition = \"2021\"\n";
    fs::write(tmp.join("Cargo.toml"), workspace).unwrap();
    assert_status(&xtask(tmp.path(), &["regen", "--docs", docs, "--out", "member"]), 0);
    let manifest = fs::read_to_string(tmp.join("member/Cargo.toml")).unwrap();
    assert!(!manifest.contains("[workspace"), "{manifest}");
    assert!(
        manifest.contains("\nversion = \"0.1.0\"\n") && manifest.contains("\nedition.workspace = true\n"),
        "{manifest}"
    );
}

/// `regen` ends with the review's summary line: the API changes and the Rust API view
/// with the semver bump, between the IR it found and the IR it wrote.
#[test]
fn regen_reports_the_api_changes_and_the_semver_bump() {
    let tmp = Scratch::new("cli-test");
    let docs = tmp.join("docs");
    let version = docs.join("vpc/2017-03-12");
    fs::create_dir_all(&version).unwrap();
    for entry in fs::read_dir(xtask::default_docs().join("vpc/2017-03-12")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, version.join(path.file_name().unwrap())).unwrap();
    }
    let regen = || xtask(tmp.path(), &["regen", "--docs", "docs", "--out", "out"]);
    let first = regen();
    assert_status(&first, 0);
    let last_line = |o: &Output| text(&o.stdout).trim_end().lines().last().unwrap_or_default().to_string();
    assert!(
        last_line(&first).ends_with("; semver: minor"),
        "a new product version is a new module: {}",
        text(&first.stdout)
    );

    assert_eq!(last_line(&regen()), "api: no changes; rust api: no public item changed; semver: none");

    // A page goes: its action, its client method, its structures go. Breaking.
    let page = fs::read_dir(&version)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("AssociateIPv6Address")));
    fs::remove_file(page.unwrap()).unwrap();
    let removed = regen();
    assert_status(&removed, 0);
    let line = last_line(&removed);
    assert!(line.starts_with("api: 1 actions removed"), "{line}");
    assert!(line.contains("rust api: ") && line.contains(" removed") && line.ends_with("; semver: major"), "{line}");
}

#[test]
fn missing_docs_folder_is_an_error_and_writes_nothing() {
    let tmp = Scratch::new("cli-test");
    let orphan = tmp.join("out/src/old.rs");
    fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    fs::write(&orphan, format!("{HEADER}\n")).unwrap();

    for command in ["regen", "check"] {
        let output = xtask(tmp.path(), &[command, "--docs", "no-such-docs", "--out", "out"]);
        assert_status(&output, 1);
        let stderr = text(&output.stderr);
        assert!(stderr.starts_with("error: no-such-docs: no such docs folder"), "{stderr}");
        assert!(orphan.exists(), "{command} must not remove anything");
    }
}

/// A failed regen leaves the output folder exactly as it was: every bad-input fixture.
#[test]
fn bad_docs_leave_the_output_untouched() {
    let fixtures = xtask::workspace_root().join("codegen/tests/fixtures/bad");
    let tmp = Scratch::new("cli-test");
    let out = tmp.join("out");
    let good = xtask(tmp.path(), &["regen", "--out", "out"]);
    assert_status(&good, 0);
    let before = snapshot(&out);
    assert!(before.len() > 3, "the good regen wrote files");
    let mut cases: Vec<_> = fs::read_dir(&fixtures).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    for case in cases {
        let output = xtask(tmp.path(), &["regen", "--docs", case.to_str().unwrap(), "--out", "out"]);
        assert_status(&output, 1);
        let stderr = text(&output.stderr);
        assert!(stderr.contains("error: "), "{stderr}");
        assert_eq!(snapshot(&out), before, "regen from {} changed the output", case.display());
    }
}

/// Documentation defects are warnings: the product version is generated. With `--strict`
/// they are errors: exit 1, nothing written (`regen`) and no verdict (`check`).
#[test]
fn defects_are_warnings_and_strict_makes_them_errors() {
    let fixtures = xtask::workspace_root().join("codegen/tests/fixtures/defects");
    for (case, expected) in [
        ("unknown-type", "type `Strin` of `AddressId` is not a basic type"),
        ("bad-example-json", "request body is not JSON: expected value: documentation defect, not tested"),
    ] {
        let tmp = Scratch::new("cli-test");
        let docs = fixtures.join(case);
        let docs = docs.to_str().unwrap();
        for command in ["regen", "check"] {
            let strict = xtask(tmp.path(), &[command, "--strict", "--docs", docs, "--out", "out"]);
            assert_status(&strict, 1);
            let stderr = text(&strict.stderr);
            assert!(stderr.lines().any(|l| l.starts_with("error: ") && l.contains(expected)), "{stderr}");
            assert!(stderr.contains("--strict makes them errors: nothing written"), "{stderr}");
            assert!(!stderr.contains("warning: "), "{stderr}");
            assert!(!tmp.join("out").exists(), "{command} --strict wrote something");
        }

        let regen = xtask(tmp.path(), &["regen", "--docs", docs, "--out", "out"]);
        assert_status(&regen, 0);
        let stderr = text(&regen.stderr);
        assert!(stderr.lines().any(|l| l.starts_with("warning: ") && l.contains(expected)), "{stderr}");
        assert!(tmp.join("out/products/vpc/src/v20170312/associate_address.rs").exists());
        assert_status(&xtask(tmp.path(), &["check", "--docs", docs, "--out", "out"]), 0);
        assert_status(&xtask(tmp.path(), &["check", "--strict", "--docs", docs, "--out", "out"]), 1);
    }
}

/// `regen --init` that fails (bad pages, or warnings under `--strict`) leaves no
/// half-created crate folder behind; one that succeeds sets the crate up.
#[test]
fn a_failed_init_leaves_nothing_behind() {
    let fixtures = xtask::workspace_root().join("codegen/tests/fixtures");
    let tmp = Scratch::new("cli-test");
    let bad = fixtures.join("bad/truncated-table");
    let defects = fixtures.join("defects/unknown-type");
    let runs: [&[&str]; 2] = [
        &["regen", "--init", "--docs", bad.to_str().unwrap(), "--out", "crate"],
        &["regen", "--init", "--strict", "--docs", defects.to_str().unwrap(), "--out", "crate"],
    ];
    for args in runs {
        let output = xtask(tmp.path(), args);
        assert_status(&output, 1);
        assert!(!tmp.join("crate").exists(), "{args:?} left a crate folder behind");
    }
    let output = xtask(tmp.path(), &["regen", "--init", "--docs", defects.to_str().unwrap(), "--out", "crate"]);
    assert_status(&output, 0);
    assert!(tmp.join("crate/Cargo.toml").exists() && tmp.join("crate/Cargo.lock").exists());
    assert!(tmp.join("crate/runtime/src").is_dir() && tmp.join("crate/test-support/src").is_dir());
    assert!(tmp.join("crate/products/vpc/src/v20170312/associate_address.rs").exists());
}

/// Every file under a folder with its contents, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut work = vec![dir.to_path_buf()];
    while let Some(d) = work.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                work.push(path);
            } else {
                out.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn usage_errors() {
    let tmp = Scratch::new("cli-test");
    assert_status(&xtask(tmp.path(), &[]), 2);
    assert_status(&xtask(tmp.path(), &["nope"]), 2);
    let help = xtask(tmp.path(), &["--help"]);
    assert_status(&help, 0);
    let help = text(&help.stdout);
    assert!(help.contains("regen") && help.contains("check"), "{help}");
}

/// `diff` between two IR files whose descriptions state another range and another value
/// set: the API view flags the tightened range and the removed value as breaking, the Rust
/// view calls for a major release, in Markdown and in JSON.
#[test]
fn diff_reports_documented_facts_between_two_ir_files() {
    let tmp = Scratch::new("cli-diff-facts");
    let golden = xtask::workspace_root().join("codegen/tests/golden/ir/demo-2020-01-01.json");
    let golden: serde_json::Value = serde_json::from_str(&fs::read_to_string(golden).unwrap()).unwrap();
    let with = |max: i64, values: &[&str]| {
        let mut api = golden.clone();
        for p in api["actions"]["EdgeCases"]["input"].as_array_mut().unwrap() {
            match p["name"].as_str() {
                Some("Limit") => {
                    p["min"] = 1.into();
                    p["max"] = max.into();
                }
                Some("Type") => {
                    p["allowed_values"] = values.iter().map(|v| serde_json::json!({ "value": v })).collect();
                }
                _ => {}
            }
        }
        serde_json::to_string_pretty(&api).unwrap()
    };
    fs::write(tmp.join("old.json"), with(100, &["plain", "fancy"])).unwrap();
    fs::write(tmp.join("new.json"), with(50, &["plain"])).unwrap();

    let json = xtask(tmp.path(), &["diff", "--old", "old.json", "--new", "new.json", "--format", "json"]);
    assert_status(&json, 1);
    let review: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(review["semver"], "major");
    let changes: Vec<(&str, &str, bool)> = review["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["path"].as_str().unwrap(), c["breaking"].as_bool().unwrap()))
        .collect();
    assert_eq!(changes, [("limit-tightened", "EdgeCases.Limit", true), ("value-removed", "EdgeCases.Type", true)]);
    assert!(review["rust_api"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["item"] == "validation" && c["bump"] == "major" && c["old"] == "1 to 100" && c["new"] == "1 to 50"));

    let markdown = xtask(tmp.path(), &["diff", "--old", "old.json", "--new", "new.json"]);
    assert_status(&markdown, 1);
    let text = text(&markdown.stdout);
    assert!(text.contains("- **breaking:** `Limit`: tightened, 1 to 100 → 1 to 50\n"), "{text}");
    assert!(text.contains("- **breaking:** `Type`: value `fancy` removed\n"), "{text}");
    assert!(text.contains("(validation): `1 to 100` → `1 to 50` — range tightened"), "{text}");
}
