//! The generated crates must be exactly what `cargo xtask regen` writes from their pages
//! and settings (the rust-analyzer `ensure_file_contents` pattern: fail, and say how to fix
//! it), and nothing else: every file under them comes back from nothing.

use std::fs;
use std::path::Path;

use test_support::{files_under, Scratch};

#[test]
fn generated_code_is_fresh() {
    for (docs, out) in xtask::default_targets() {
        let generated =
            xtask::generate(&docs, &out).unwrap_or_else(|e| panic!("cannot generate from {}: {e:#}", docs.display()));
        let plan = xtask::check::check(&generated, &out).unwrap_or_else(|e| panic!("{e}"));
        if !plan.is_clean() {
            panic!(
                "\n{} differs from what {} generates:\n{}\n",
                out.display(),
                docs.display(),
                xtask::check::out_of_date_message(&plan)
            );
        }
    }
}

/// Hand-written files still under `generated/` that another change moves out (to
/// `runtime/tests/` and `integration-tests/tests/client.rs`); once they are gone this list
/// names nothing that exists. Only files without the generated header are passed over.
const BEING_MOVED_OUT: [&str; 3] = [
    "generated/tests/client_loopback.rs",
    "generated/tests/credentials_loopback.rs",
    "generated/tests/observability.rs",
];

/// Deleting everything under `generated/` (and the golden crate) but the manifest, then
/// the manifest too, and running `regen` gives back the same tree byte for byte: every
/// file there is generated. On a scratch copy of the layout: this workspace's manifest
/// (so that the crate is a member, as here) and the output folder at the same place.
#[test]
fn generated_trees_come_back_whole_from_nothing() {
    let root = xtask::workspace_root();
    for (docs, out) in xtask::default_targets() {
        let rel = out.strip_prefix(&root).unwrap();
        let expected: Vec<String> = files_under(&out)
            .into_iter()
            .filter(|f| !f.starts_with("target/"))
            .filter(|f| {
                let path = out.join(f);
                let moving = BEING_MOVED_OUT.iter().any(|m| root.join(m) == path);
                !moving || codegen::output::is_generated(&path, &fs::read(&path).unwrap())
            })
            .collect();
        assert!(expected.contains(&"Cargo.toml".to_string()), "{expected:?}");
        for keep_manifest in [true, false] {
            let scratch = Scratch::new("from-nothing");
            fs::copy(root.join("Cargo.toml"), scratch.join("Cargo.toml")).unwrap();
            let copy = scratch.join(rel);
            fs::create_dir_all(&copy).unwrap();
            if keep_manifest {
                fs::copy(out.join("Cargo.toml"), copy.join("Cargo.toml")).unwrap();
            }
            let generated = xtask::generate(&docs, &copy).unwrap_or_else(|e| panic!("{e:#}"));
            xtask::regen::regen_owned(generated, &copy).unwrap_or_else(|e| panic!("{e:#}"));
            assert_eq!(files_under(&copy), expected, "{} (manifest kept: {keep_manifest})", out.display());
            for file in &expected {
                assert!(same(&out.join(file), &copy.join(file)), "{file} differs (manifest kept: {keep_manifest})");
            }
        }
    }
}

fn same(a: &Path, b: &Path) -> bool {
    fs::read(a).unwrap() == fs::read(b).unwrap()
}
