//! The plan and its application, on scratch folders.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::{apply, is_generated, plan, plan_owned, OutputError};
use crate::{Generated, GENERATED_HEADER, GENERATED_TOML_HEADER};
use test_support::Scratch;

/// Every file and directory under `root` (hidden ones included), with the contents of the
/// files: a snapshot to compare before and after.
fn snapshot(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    fn go(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let rel = format!("{prefix}{name}");
            if entry.file_type().unwrap().is_dir() {
                out.insert(format!("{rel}/"), None);
                go(&entry.path(), &format!("{rel}/"), out);
            } else {
                out.insert(rel, Some(fs::read(entry.path()).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    go(root, "", &mut out);
    out
}

fn rs(body: &str) -> String {
    format!("{GENERATED_HEADER}\n{body}\n")
}

fn json(body: &str) -> String {
    format!("{{\n  \"@generated\": \"by cargo xtask regen — do not edit\",\n  \"body\": \"{body}\"\n}}\n")
}

fn generated(files: &[(&str, String)]) -> Generated {
    Generated {
        files: files.iter().map(|(p, c)| (p.to_string(), c.clone())).collect(),
        warnings: Vec::new(),
        blocks: Default::default(),
    }
}

fn set_old_mtime(path: &Path) -> SystemTime {
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options().write(true).open(path).unwrap().set_modified(old).unwrap();
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn output_is_generated_rules() {
    let rs_path = Path::new("src/a.rs");
    assert!(is_generated(rs_path, rs("fn f() {}").as_bytes()));
    assert!(is_generated(rs_path, format!("{GENERATED_HEADER}\r\nx").as_bytes()));
    assert!(is_generated(rs_path, GENERATED_HEADER.as_bytes()));
    assert!(!is_generated(rs_path, b""));
    assert!(!is_generated(rs_path, b"fn main() {}\n"));
    assert!(!is_generated(rs_path, format!("\n{GENERATED_HEADER}\n").as_bytes()));
    assert!(!is_generated(rs_path, format!("{GENERATED_HEADER} extra\n").as_bytes()));
    assert!(!is_generated(rs_path, format!("//! doc\n{GENERATED_HEADER}\n").as_bytes()));

    let json_path = Path::new("ir/vpc-2017-03-12.json");
    assert!(is_generated(json_path, json("x").as_bytes()));
    assert!(!is_generated(json_path, b"{\n  \"name\": \"x\"\n}\n"));
    let late = format!("{{\"pad\": \"{}\", \"@generated\": 1}}", "x".repeat(200));
    assert!(!is_generated(json_path, late.as_bytes()));
    // The header line does not make a JSON file generated.
    assert!(!is_generated(json_path, rs("").as_bytes()));

    // Other extensions follow the first-line rule.
    assert!(is_generated(Path::new("README.md"), rs("text").as_bytes()));
    assert!(!is_generated(Path::new("Cargo.toml"), b"[package]\n"));
    // TOML (a product crate's manifest): its own comment syntax, and only that.
    let toml_path = Path::new("products/vpc/Cargo.toml");
    assert!(is_generated(toml_path, format!("{GENERATED_TOML_HEADER}\n[package]\n").as_bytes()));
    assert!(is_generated(toml_path, format!("{GENERATED_TOML_HEADER}\r\n").as_bytes()));
    assert!(!is_generated(toml_path, rs("").as_bytes()));
    assert!(!is_generated(toml_path, format!("[package]\n{GENERATED_TOML_HEADER}\n").as_bytes()));
    assert!(is_generated(Path::new("noext"), rs("").as_bytes()));
}

#[test]
fn output_plan_and_apply_create_into_missing_dir() {
    let tmp = Scratch::new("output");
    let out = tmp.path().join("generated");
    let gen = generated(&[
        ("src/lib.rs", rs("pub mod vpc;")),
        ("src/vpc/v20170312/mod.rs", rs("pub struct X;")),
        ("ir/vpc-2017-03-12.json", json("ir")),
    ]);
    let plan = plan(&out, &gen).unwrap();
    assert!(!plan.is_clean());
    assert_eq!(plan.written(), 3);
    assert_eq!(plan.unchanged, 0);
    assert_eq!(
        plan.to_string(),
        "missing: ir/vpc-2017-03-12.json\nmissing: src/lib.rs\nmissing: src/vpc/v20170312/mod.rs\n"
    );
    assert!(!out.exists(), "plan must not write");

    apply(&out, &plan).unwrap();
    for (rel, contents) in &gen.files {
        assert_eq!(&fs::read_to_string(out.join(rel)).unwrap(), contents);
    }
    // No temporary files are left behind.
    let names: Vec<_> = fs::read_dir(out.join("src")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");

    let again = super::plan(&out, &gen).unwrap();
    assert!(again.is_clean(), "{again}");
    assert_eq!(again.unchanged, 3);
    assert_eq!(again.generated(), 3);
    assert_eq!(again.to_string(), "");
}

#[test]
fn output_update_rewrites_only_changed_files() {
    let tmp = Scratch::new("output");
    tmp.write("src/a.rs", rs("old"));
    tmp.write("src/b.rs", rs("same"));
    let a_path = tmp.path().join("src/a.rs");
    let b_path = tmp.path().join("src/b.rs");
    set_old_mtime(&a_path);
    let b_mtime = set_old_mtime(&b_path);

    let gen = generated(&[("src/a.rs", rs("new")), ("src/b.rs", rs("same"))]);
    let plan = plan(tmp.path(), &gen).unwrap();
    assert_eq!(plan.update.keys().collect::<Vec<_>>(), ["src/a.rs"]);
    assert!(plan.create.is_empty() && plan.remove.is_empty());
    assert_eq!(plan.unchanged, 1);
    assert_eq!(plan.to_string(), "stale: src/a.rs\n");
    // The same plan when the generated tree is given by value (contents moved).
    let moved = generated(&[("src/a.rs", rs("new")), ("src/b.rs", rs("same")), ("src/c.rs", rs("c"))]);
    let owned = plan_owned(tmp.path(), moved.clone()).unwrap();
    assert_eq!(owned, super::plan(tmp.path(), &moved).unwrap());
    assert_eq!(owned.create["src/c.rs"], rs("c"));

    apply(tmp.path(), &plan).unwrap();
    assert_eq!(tmp.read("src/a.rs"), rs("new"));
    assert_eq!(tmp.read("src/b.rs"), rs("same"));
    assert_eq!(fs::metadata(&b_path).unwrap().modified().unwrap(), b_mtime, "unchanged file was rewritten");
    assert!(fs::metadata(&a_path).unwrap().modified().unwrap() > b_mtime);
    assert!(super::plan(tmp.path(), &gen).unwrap().is_clean());
}

#[test]
fn output_orphans_removed_and_emptied_dirs_pruned() {
    let tmp = Scratch::new("output");
    tmp.write("src/lib.rs", rs("lib"));
    tmp.write("src/old/v1/mod.rs", rs("old"));
    tmp.write("src/old/v1/types.rs", rs("old types"));
    tmp.write("ir/old.json", json("old"));
    tmp.write("tests/old_examples.rs", rs("old"));
    tmp.write("tests/handwritten.rs", "#[test]\nfn t() {}\n");
    fs::create_dir_all(tmp.path().join("empty_before")).unwrap();
    fs::create_dir_all(tmp.path().join("src/old/keep_empty")).unwrap();

    let gen = generated(&[("src/lib.rs", rs("lib"))]);
    let plan = plan(tmp.path(), &gen).unwrap();
    assert_eq!(
        plan.to_string(),
        "extra: ir/old.json\nextra: src/old/v1/mod.rs\nextra: src/old/v1/types.rs\nextra: tests/old_examples.rs\n"
    );
    assert_eq!(plan.removed(), 4);
    apply(tmp.path(), &plan).unwrap();

    assert!(!tmp.join("src/old/v1").exists(), "emptied dir pruned");
    assert!(!tmp.join("ir").exists(), "emptied dir pruned");
    assert!(tmp.join("src/old/keep_empty").exists(), "pre-existing empty dir kept");
    assert!(tmp.join("src/old").exists(), "dir still holding an empty dir kept");
    assert!(tmp.join("empty_before").exists(), "unrelated empty dir kept");
    assert!(tmp.join("tests/handwritten.rs").exists(), "hand-written file kept");
    assert!(!tmp.join("tests/old_examples.rs").exists());
    assert_eq!(tmp.read("src/lib.rs"), rs("lib"));
    assert!(super::plan(tmp.path(), &gen).unwrap().is_clean());
}

#[test]
fn output_hand_written_file_is_never_overwritten() {
    let tmp = Scratch::new("output");
    tmp.write("Cargo.toml", "[package]\nname = \"x\"\n");
    tmp.write("src/lib.rs", "pub mod vpc;\n");
    tmp.write("src/stale.rs", rs("stale"));
    tmp.write("src/orphan.rs", rs("orphan"));
    let before = snapshot(tmp.path());

    let gen = generated(&[("src/lib.rs", rs("generated")), ("src/stale.rs", rs("fresh")), ("src/new.rs", rs("new"))]);
    let err = plan(tmp.path(), &gen).unwrap_err();
    assert!(
        matches!(&err, OutputError::WouldOverwriteHandWritten { path } if path == &tmp.path().join("src/lib.rs")),
        "{err:?}"
    );
    assert_eq!(err.path(), tmp.path().join("src/lib.rs"));
    assert!(err.to_string().contains("hand-written"), "{err}");
    assert_eq!(snapshot(tmp.path()), before, "nothing may be written");
}

#[test]
fn output_empty_file_counts_as_hand_written() {
    let tmp = Scratch::new("output");
    tmp.write("src/empty.rs", "");
    let err = plan(tmp.path(), &generated(&[("src/empty.rs", rs(""))])).unwrap_err();
    assert!(matches!(err, OutputError::WouldOverwriteHandWritten { .. }), "{err:?}");
    assert!(plan(tmp.path(), &Generated::default()).unwrap().is_clean());
}

#[test]
fn output_apply_rechecks_hand_written() {
    let tmp = Scratch::new("output");
    tmp.write("src/a.rs", rs("old"));
    tmp.write("src/b.rs", rs("orphan"));
    let gen = generated(&[("src/a.rs", rs("new")), ("src/c.rs", rs("c"))]);
    let plan = plan(tmp.path(), &gen).unwrap();
    // Someone takes the file over by hand between plan and apply.
    tmp.write("src/a.rs", "// mine now\n");
    let before = snapshot(tmp.path());
    let err = apply(tmp.path(), &plan).unwrap_err();
    assert!(matches!(err, OutputError::WouldOverwriteHandWritten { .. }), "{err:?}");
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn output_hand_written_extra_files_left_alone() {
    let tmp = Scratch::new("output");
    tmp.write("Cargo.toml", "[package]\nname = \"x\"\n");
    tmp.write("src/lib.rs", "\n");
    tmp.write("README.md", "# hi\n");
    tmp.write("data.json", "{\"a\": 1}\n");
    tmp.write(".hidden/x.rs", rs("hidden generated-looking file"));
    tmp.write("target/debug/x.rs", rs("build output"));
    let before = snapshot(tmp.path());

    let empty = Generated::default();
    let plan = plan(tmp.path(), &empty).unwrap();
    assert!(plan.is_clean(), "{plan}");
    assert_eq!(plan.generated(), 0);
    apply(tmp.path(), &plan).unwrap();
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn output_rejects_bad_paths_and_headerless_contents() {
    let tmp = Scratch::new("output");
    for bad in ["", "/abs.rs", "../up.rs", "a/../b.rs", "./a.rs", "a//b.rs", "a\\b.rs", "dir/"] {
        let err = plan(tmp.path(), &generated(&[(bad, rs(""))])).unwrap_err();
        assert!(matches!(err, OutputError::InvalidPath { .. }), "{bad:?}: {err:?}");
    }
    let err = plan(tmp.path(), &generated(&[("src/a.rs", "fn f() {}\n".to_string())])).unwrap_err();
    assert!(matches!(err, OutputError::MissingHeader { .. }), "{err:?}");
}

#[test]
fn output_directory_conflicts() {
    let tmp = Scratch::new("output");
    fs::create_dir_all(tmp.path().join("src/a.rs")).unwrap();
    let err = plan(tmp.path(), &generated(&[("src/a.rs", rs(""))])).unwrap_err();
    assert!(matches!(err, OutputError::NotAFile { .. }), "{err:?}");

    tmp.write("notes", "hand-written\n");
    let err = plan(tmp.path(), &generated(&[("notes/x.rs", rs(""))])).unwrap_err();
    assert!(matches!(err, OutputError::NotADirectory { .. }), "{err:?}");

    // A generated file that is now a directory of generated files.
    tmp.write("mod_file", rs("was a file"));
    let gen = generated(&[("mod_file/x.rs", rs("x"))]);
    let plan = plan(tmp.path(), &gen).unwrap();
    assert_eq!(plan.to_string(), "extra: mod_file\nmissing: mod_file/x.rs\n");
    apply(tmp.path(), &plan).unwrap();
    assert_eq!(tmp.read("mod_file/x.rs"), rs("x"));

    let file = tmp.path().join("notes");
    let err = super::plan(&file, &Generated::default()).unwrap_err();
    assert!(matches!(err, OutputError::NotADirectory { .. }), "{err:?}");
}

#[test]
fn output_plan_is_deterministic() {
    let tmp = Scratch::new("output");
    for name in ["z", "a", "m", "b/c", "b/a"] {
        tmp.write(&format!("src/{name}.rs"), rs(name));
    }
    let gen = generated(&[("src/new.rs", rs("n")), ("src/m.rs", rs("changed"))]);
    let first = plan(tmp.path(), &gen).unwrap();
    assert_eq!(
        first.to_string(),
        "extra: src/a.rs\nextra: src/b/a.rs\nextra: src/b/c.rs\nstale: src/m.rs\nmissing: src/new.rs\nextra: src/z.rs\n"
    );
    assert_eq!(plan(tmp.path(), &gen).unwrap(), first);
}

#[test]
fn output_a_block_left_in_the_tree_is_an_error() {
    let tmp = Scratch::new("output");
    let mut gen = generated(&[("src/lib.rs", rs("lib"))]);
    gen.blocks.insert("Cargo.toml".into(), "vpc = []\n".into());
    let err = plan(tmp.path(), &gen).unwrap_err();
    assert!(matches!(&err, OutputError::Incomplete { path } if path == &tmp.path().join("Cargo.toml")), "{err:?}");
    assert!(err.to_string().contains("complete it first"), "{err}");
    assert!(!tmp.join("src").exists(), "nothing written");
}
