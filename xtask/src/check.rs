//! `cargo xtask check`: fail if the generated tree on disk is not what `regen` would write.

use std::path::Path;

use anyhow::Result;
use codegen::output::{self, OutputError, Plan};
use codegen::Generated;

use crate::GenArgs;

/// The last line printed when the tree is out of date.
pub const OUT_OF_DATE: &str = "generated code is out of date: run `cargo xtask regen`";

/// Compares `out` with `generated` without writing anything.
pub fn check(generated: &Generated, out: &Path) -> Result<Plan, OutputError> {
    output::plan(out, generated)
}

/// The message for a plan that is not clean: one `stale:`/`missing:`/`extra:` line per
/// file, sorted, then [`OUT_OF_DATE`].
pub fn out_of_date_message(plan: &Plan) -> String {
    format!("{plan}{OUT_OF_DATE}")
}

/// The subcommand. Returns whether the tree is up to date (the caller turns `false` into
/// exit status 1); the list of differences has then been printed to stderr.
pub fn run(args: &GenArgs) -> Result<bool> {
    let mut fresh = true;
    for target in args.targets() {
        let (docs, out) = (&target.docs, &target.out);
        let generated = crate::generate_with(docs, out, &target.settings)?;
        crate::print_warnings(&generated, args.strict)?;
        let plan = check(&generated, out)?;
        if plan.is_clean() {
            println!("check: {} generated files are up to date in {}", plan.unchanged, out.display());
        } else {
            eprintln!("{}: {}", out.display(), out_of_date_message(&plan));
            fresh = false;
        }
    }
    Ok(fresh)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::rs;
    use test_support::Scratch;

    #[test]
    fn check_lists_changes_then_the_hint() {
        let tmp = Scratch::new("xtask-unit");
        tmp.write("src/a.rs", rs("old"));
        tmp.write("src/b.rs", rs("same"));
        tmp.write("src/z.rs", rs("orphan"));
        tmp.write("src/lib.rs", "// hand-written, not generated\n");
        let generated = Generated {
            files: [("src/a.rs", rs("new")), ("src/b.rs", rs("same")), ("src/y.rs", rs("y"))]
                .into_iter()
                .map(|(p, c)| (p.to_string(), c))
                .collect(),
            warnings: Vec::new(),
            blocks: Default::default(),
        };
        let before = crate::test_util::snapshot(tmp.path());
        let plan = check(&generated, tmp.path()).unwrap();
        assert_eq!(crate::test_util::snapshot(tmp.path()), before, "check writes nothing");
        assert!(!plan.is_clean());
        assert_eq!(
            out_of_date_message(&plan),
            "stale: src/a.rs\nmissing: src/y.rs\nextra: src/z.rs\ngenerated code is out of date: run `cargo xtask regen`"
        );

        crate::regen::regen(&generated, tmp.path()).unwrap();
        let plan = check(&generated, tmp.path()).unwrap();
        assert!(plan.is_clean(), "{plan}");
        assert_eq!(plan.unchanged, 3);
    }
}
