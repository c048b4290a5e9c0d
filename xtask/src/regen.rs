//! `cargo xtask regen`: regenerate the bindings and write the changed files.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Result;
use codegen::output::{self, OutputError};
use codegen::Generated;

use crate::GenArgs;

/// What a regeneration did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files created or rewritten.
    pub written: usize,
    /// Generated files removed because the generator no longer produces them.
    pub removed: usize,
    /// Files already up to date (not touched).
    pub unchanged: usize,
}

/// `regen: 3 written, 1 removed, 40 unchanged`
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "regen: {} written, {} removed, {} unchanged", self.written, self.removed, self.unchanged)
    }
}

/// Brings `out` in line with `generated`: plans, then applies. Nothing is written if the
/// plan fails (e.g. it would overwrite a hand-written file).
pub fn regen(generated: &Generated, out: &Path) -> Result<Summary, OutputError> {
    regen_owned(generated.clone(), out)
}

/// [`regen`] taking the generated tree by value (its files move into the plan: no copy).
pub fn regen_owned(generated: Generated, out: &Path) -> Result<Summary, OutputError> {
    let plan = output::plan_owned(out, generated)?;
    output::apply(out, &plan)?;
    Ok(Summary { written: plan.written(), removed: plan.removed(), unchanged: plan.unchanged })
}

/// The subcommand: generate (errors, and warnings under `--strict`, stop everything
/// before any write), print the warnings, set up the crate (`--init`), write, and print
/// the summary.
pub fn run(args: &GenArgs) -> Result<()> {
    // Everything is generated before anything is written.
    let mut all = Vec::new();
    for (docs, out) in args.targets() {
        let generated = crate::generate(&docs, &out)?;
        crate::print_warnings(&generated, args.strict)?;
        all.push((out, generated));
    }
    for (out, generated) in all {
        let before = ir_on_disk(&out);
        let summary = if args.init {
            init_then_regen(&crate::default_out(), generated, &out)?
        } else {
            regen_owned(generated, &out)?
        };
        println!("{summary} ({})", out.display());
        // The IR just written (read back rather than kept: regen's memory is the files').
        // Only the product versions whose IR changed are generated again for the view.
        let after = ir_on_disk(&out);
        let changes = codegen::review::diff(&before, &after);
        match codegen::review::rust_api(&before, &after) {
            Ok(rust) => println!("{}; {}", codegen::review::summary_line(&changes), rust.summary()),
            Err(e) => println!("{} (rust api view: {e})", codegen::review::summary_line(&changes)),
        }
    }
    Ok(())
}

/// `--init`: sets up the crate from `template` when `out` holds none, then writes the
/// generated tree. If either step fails, what this step created is removed again: the
/// output folder itself when it did not exist (or was empty), else the crate files it
/// added; nothing that was there before is touched.
pub fn init_then_regen(template: &Path, generated: Generated, out: &Path) -> Result<Summary> {
    if out.join("Cargo.toml").exists() {
        return Ok(regen_owned(generated, out)?);
    }
    let fresh = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    let added: Vec<PathBuf> = ["Cargo.toml", "Cargo.lock", "runtime", "src", "products"]
        .iter()
        .map(|rel| out.join(rel))
        .filter(|path| !path.exists())
        .collect();
    let result = init_crate(template, out).and_then(|()| Ok(regen_owned(generated, out)?));
    if result.is_err() {
        if fresh {
            let _ = std::fs::remove_dir_all(out);
        } else {
            for path in &added {
                let _ = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
            }
        }
    }
    result
}

/// The IR files under `out/ir/` (the API the generated code was made from).
pub fn ir_on_disk(out: &Path) -> Vec<codegen::ir::Api> {
    let mut apis = Vec::new();
    let Ok(entries) = std::fs::read_dir(out.join("ir")) else { return apis };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        if let Some(api) = std::fs::read_to_string(path).ok().and_then(|t| serde_json::from_str(&t).ok()) {
            apis.push(api);
        }
    }
    apis
}

/// Sets up a crate in `out` from the hand-written parts of `template` (the repository's
/// `generated/`: its manifest and the runtime crate `runtime/`), as a workspace of its own
/// whose keys the generated product crates inherit, unless `out` already holds a
/// `Cargo.toml`.
pub fn init_crate(template: &Path, out: &Path) -> Result<()> {
    use anyhow::Context;
    if out.join("Cargo.toml").exists() {
        return Ok(());
    }
    let manifest = std::fs::read_to_string(template.join("Cargo.toml")).context("reading the template Cargo.toml")?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let manifest = new_crate_manifest(&manifest);
    std::fs::write(out.join("Cargo.toml"), format!("{manifest}\n{WORKSPACE}"))
        .with_context(|| format!("writing {}", out.join("Cargo.toml").display()))?;
    // The workspace's lock file: the new crate builds with the same dependency versions.
    let lock = crate::workspace_root().join("Cargo.lock");
    if lock.exists() {
        std::fs::copy(&lock, out.join("Cargo.lock")).context("copying Cargo.lock")?;
    }
    // The runtime crate: beside the template (this repository's `runtime/`), or inside it.
    let base = if template.join("runtime").is_dir() { template.to_path_buf() } else { template.join("..") };
    let mut work = vec![PathBuf::from("runtime")];
    while let Some(rel) = work.pop() {
        std::fs::create_dir_all(out.join(&rel))?;
        for entry in
            std::fs::read_dir(base.join(&rel)).with_context(|| format!("reading {}", base.join(&rel).display()))?
        {
            let entry = entry?;
            let name = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                work.push(name);
            } else {
                std::fs::copy(entry.path(), out.join(&name)).with_context(|| format!("copying {}", name.display()))?;
            }
        }
    }
    Ok(())
}

/// The workspace of a crate set up by `--init`: the keys its product crates inherit.
const WORKSPACE: &str = r#"# A workspace of its own, wherever it lies: this crate, the runtime (`runtime/`) and
# the product crates (`products/*`, members as path dependencies), which inherit these keys.
[workspace]
resolver = "2"

[workspace.package]
version = "0.1.0"
edition = "2021"

[workspace.dependencies]
tencentcloud-api-runtime = { path = "runtime", version = "0.1.0", default-features = false }
serde_json = "1"
"#;

/// The template's manifest for a new crate: without its `[[example]]` tables (the
/// examples are this repository's), no product on by default (`default = ["client"]`),
/// and an empty generated block (regen fills it with the new crate's products).
fn new_crate_manifest(manifest: &str) -> String {
    let mut out = String::with_capacity(manifest.len());
    let (mut skipping, mut in_block) = (false, false);
    for line in manifest.lines() {
        if line.trim_start().starts_with('[') {
            skipping = line.trim() == "[[example]]";
        }
        if line.trim_end() == codegen::output::BLOCK_END {
            in_block = false;
        }
        if !skipping && !in_block {
            let default = line.split('=').next().is_some_and(|key| key.trim() == "default");
            out.push_str(if default { "default = [\"client\"]" } else { line });
            out.push('\n');
        }
        if line.trim_end() == codegen::output::BLOCK_BEGIN {
            in_block = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::{rs, TempDir};

    #[test]
    fn regen_counts_and_summary() {
        let tmp = TempDir::new();
        tmp.write("Cargo.toml", "[package]\n");
        tmp.write("src/same.rs", &rs("same"));
        tmp.write("src/old.rs", &rs("old"));
        tmp.write("src/gone/mod.rs", &rs("gone"));
        let generated = Generated {
            files: [("src/same.rs", rs("same")), ("src/old.rs", rs("new")), ("src/new.rs", rs("new"))]
                .into_iter()
                .map(|(p, c)| (p.to_string(), c))
                .collect(),
            warnings: vec!["a.txt:1: something".into()],
            blocks: Default::default(),
        };
        let summary = regen(&generated, tmp.path()).unwrap();
        assert_eq!(summary, Summary { written: 2, removed: 1, unchanged: 1 });
        assert_eq!(summary.to_string(), "regen: 2 written, 1 removed, 1 unchanged");
        assert_eq!(tmp.read("src/old.rs"), rs("new"));
        assert_eq!(tmp.read("Cargo.toml"), "[package]\n");
        assert!(!tmp.path().join("src/gone").exists());
        assert_eq!(regen(&generated, tmp.path()).unwrap(), Summary { written: 0, removed: 0, unchanged: 3 });
    }

    fn template() -> TempDir {
        let template = TempDir::new();
        template.write("Cargo.toml", "[package]\nname = \"t\"\n");
        template.write("runtime/src/lib.rs", "// hand-written runtime\n");
        template
    }

    #[test]
    fn init_sets_up_the_crate_then_writes() {
        let (template, tmp) = (template(), TempDir::new());
        let out = tmp.path().join("new");
        let generated = Generated {
            files: [("src/lib.rs".to_string(), rs("lib"))].into(),
            warnings: Vec::new(),
            blocks: Default::default(),
        };
        let summary = init_then_regen(template.path(), generated.clone(), &out).unwrap();
        assert_eq!(summary.written, 1);
        assert!(out.join("Cargo.toml").exists() && out.join("runtime/src/lib.rs").exists());
    }

    #[test]
    fn a_failed_init_leaves_nothing_behind() {
        let tmp = TempDir::new();
        let generated = Generated {
            files: [("src/lib.rs".to_string(), rs("lib"))].into(),
            warnings: Vec::new(),
            blocks: Default::default(),
        };
        // The template has no manifest: setting up the crate fails.
        let empty_template = TempDir::new();
        let out = tmp.path().join("new");
        assert!(init_then_regen(empty_template.path(), generated.clone(), &out).is_err());
        assert!(!out.exists(), "no half-created crate folder");

        // The crate is set up, then writing fails (a generated path over the hand-written
        // runtime): the fresh folder goes again.
        let template = template();
        let clash = Generated {
            files: [("runtime/src/lib.rs".to_string(), rs("x"))].into(),
            warnings: Vec::new(),
            blocks: Default::default(),
        };
        assert!(init_then_regen(template.path(), clash.clone(), &out).is_err());
        assert!(!out.exists(), "no half-created crate folder");

        // A folder that held something keeps it, and only it.
        tmp.write("kept/notes.txt", "mine\n");
        let kept = tmp.path().join("kept");
        assert!(init_then_regen(template.path(), clash.clone(), &kept).is_err());
        let left: Vec<_> = std::fs::read_dir(&kept).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["notes.txt"]);
    }

    #[test]
    fn regen_refuses_hand_written_and_writes_nothing() {
        let tmp = TempDir::new();
        tmp.write("src/lib.rs", "\n");
        tmp.write("src/orphan.rs", &rs("orphan"));
        let generated = Generated {
            files: [("src/lib.rs", rs("lib")), ("src/a.rs", rs("a"))]
                .into_iter()
                .map(|(p, c)| (p.to_string(), c))
                .collect(),
            warnings: Vec::new(),
            blocks: Default::default(),
        };
        let err = regen(&generated, tmp.path()).unwrap_err();
        assert!(matches!(err, OutputError::WouldOverwriteHandWritten { .. }), "{err:?}");
        assert_eq!(tmp.read("src/lib.rs"), "\n");
        assert!(tmp.path().join("src/orphan.rs").exists());
        assert!(!tmp.path().join("src/a.rs").exists());
    }
}
