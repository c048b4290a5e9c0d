//! `cargo xtask regen`: regenerate the bindings and write the changed files.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Result;
use codegen::output;
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
pub fn regen(generated: &Generated, out: &Path) -> Result<Summary> {
    regen_owned(generated.clone(), out)
}

/// [`regen`] taking the generated tree by value (its files move into the plan: no copy).
/// A tree straight from the generator (`codegen::generate`), whose manifest is still a
/// block, gets the manifest of the default settings ([`crate::generate`] makes it from
/// the docs folder's settings instead).
pub fn regen_owned(mut generated: Generated, out: &Path) -> Result<Summary> {
    if !generated.blocks.is_empty() {
        let layout = output::detect_layout(out)?;
        output::complete(&mut generated, &output::Settings::default(), &layout)?;
    }
    let plan = output::plan_owned(out, generated)?;
    output::apply(out, &plan)?;
    Ok(Summary { written: plan.written(), removed: plan.removed(), unchanged: plan.unchanged })
}

/// The subcommand: generate (errors, and warnings under `--strict`, stop everything
/// before any write), print the warnings, set up what the crate needs (`--init`), write,
/// and print the summary.
pub fn run(args: &GenArgs) -> Result<()> {
    // Everything is generated before anything is written.
    let mut all = Vec::new();
    for target in args.targets() {
        let generated = crate::generate_with(&target.docs, &target.out, &target.settings)?;
        crate::print_warnings(&generated, args.strict)?;
        all.push((target.out, generated));
    }
    for (out, generated) in all {
        let before = ir_on_disk(&out);
        let summary = if args.init {
            init_then_regen(&crate::workspace_root(), generated, &out)?
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

/// The hand-written crates a generated crate that is a workspace of its own needs beside
/// it (its manifest names them as members): copied by `--init`.
pub const COPIED_CRATES: [&str; 2] = ["runtime", "test-support"];

/// `--init`: sets up what the crate in `out` needs ([`init_crate`]), then writes the
/// generated tree. If either step fails, what this step created is removed again: the
/// output folder itself when it did not exist (or was empty), else what it added; nothing
/// that was there before is touched.
pub fn init_then_regen(source: &Path, generated: Generated, out: &Path) -> Result<Summary> {
    let fresh = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    let added: Vec<PathBuf> = ["Cargo.toml", "Cargo.lock", "src", "products", "ir"]
        .iter()
        .chain(COPIED_CRATES.iter())
        .map(|rel| out.join(rel))
        .filter(|path| !path.exists())
        .collect();
    let result = init_crate(source, out).and_then(|()| regen_owned(generated, out));
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

/// Copies into `out` what a generated crate that is a workspace of its own needs and does
/// not hold yet: the hand-written crates [`COPIED_CRATES`] (from `source`, this
/// repository's root, or from its parent when `source` does not hold them: the
/// repository's `generated/`), and this repository's `Cargo.lock`, so that the crate
/// builds with the same dependency versions. The manifest is generated (`regen` writes
/// it, with the workspace tables, since no enclosing workspace lists `out`).
pub fn init_crate(source: &Path, out: &Path) -> Result<()> {
    use anyhow::Context;
    let base = if source.join(COPIED_CRATES[0]).is_dir() { source.to_path_buf() } else { source.join("..") };
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for name in COPIED_CRATES {
        if !out.join(name).exists() {
            copy_dir(&base.join(name), &out.join(name))?;
        }
    }
    let lock = crate::workspace_root().join("Cargo.lock");
    if lock.exists() && !out.join("Cargo.lock").exists() {
        std::fs::copy(&lock, out.join("Cargo.lock")).context("copying Cargo.lock")?;
    }
    Ok(())
}

/// Copies the folder `from` to `to` (which does not exist yet), leaving out hidden entries
/// and `target/`.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    use anyhow::Context;
    let mut work = vec![PathBuf::new()];
    while let Some(rel) = work.pop() {
        std::fs::create_dir_all(to.join(&rel)).with_context(|| format!("creating {}", to.join(&rel).display()))?;
        let dir = from.join(&rel);
        for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let entry = entry?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') || (rel.as_os_str().is_empty() && name == "target") {
                continue;
            }
            let rel = rel.join(&name);
            if entry.file_type()?.is_dir() {
                work.push(rel);
            } else {
                std::fs::copy(entry.path(), to.join(&rel)).with_context(|| format!("copying {}", rel.display()))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::rs;
    use test_support::Scratch;

    #[test]
    fn regen_counts_and_summary() {
        let tmp = Scratch::new("xtask-unit");
        tmp.write("Cargo.toml", "[package]\n");
        tmp.write("src/same.rs", rs("same"));
        tmp.write("src/old.rs", rs("old"));
        tmp.write("src/gone/mod.rs", rs("gone"));
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

    fn template() -> Scratch {
        let template = Scratch::new("xtask-unit");
        template.write("runtime/src/lib.rs", "// hand-written runtime\n");
        template.write("runtime/target/debug/x", "build output\n");
        template.write("test-support/src/lib.rs", "// hand-written test support\n");
        template
    }

    #[test]
    fn init_sets_up_the_crate_then_writes() {
        let (template, tmp) = (template(), Scratch::new("xtask-unit"));
        let out = tmp.path().join("new");
        let generated = Generated {
            files: [("src/lib.rs".to_string(), rs("lib"))].into(),
            warnings: Vec::new(),
            blocks: Default::default(),
        };
        let summary = init_then_regen(template.path(), generated.clone(), &out).unwrap();
        assert_eq!(summary.written, 1);
        assert!(out.join("runtime/src/lib.rs").exists() && out.join("test-support/src/lib.rs").exists());
        assert!(!out.join("runtime/target").exists(), "build output is not copied");
        assert!(out.join("Cargo.lock").exists());

        // Again, with the runtime changed by hand: what is there is kept.
        std::fs::write(out.join("runtime/src/lib.rs"), "// mine\n").unwrap();
        init_then_regen(template.path(), generated, &out).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("runtime/src/lib.rs")).unwrap(), "// mine\n");
    }

    #[test]
    fn a_failed_init_leaves_nothing_behind() {
        let tmp = Scratch::new("xtask-unit");
        let generated = Generated {
            files: [("src/lib.rs".to_string(), rs("lib"))].into(),
            warnings: Vec::new(),
            blocks: Default::default(),
        };
        // The template has no runtime: setting up the crate fails.
        let empty_template = Scratch::new("xtask-unit");
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
        let tmp = Scratch::new("xtask-unit");
        tmp.write("src/lib.rs", "\n");
        tmp.write("src/orphan.rs", rs("orphan"));
        let generated = Generated {
            files: [("src/lib.rs", rs("lib")), ("src/a.rs", rs("a"))]
                .into_iter()
                .map(|(p, c)| (p.to_string(), c))
                .collect(),
            warnings: Vec::new(),
            blocks: Default::default(),
        };
        let err = regen(&generated, tmp.path()).unwrap_err();
        let err = err.downcast_ref::<output::OutputError>();
        assert!(matches!(err, Some(output::OutputError::WouldOverwriteHandWritten { .. })), "{err:?}");
        assert_eq!(tmp.read("src/lib.rs"), "\n");
        assert!(tmp.path().join("src/orphan.rs").exists());
        assert!(!tmp.path().join("src/a.rs").exists());
    }
}
