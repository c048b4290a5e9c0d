//! The generated crate must be exactly what `cargo xtask regen` writes from `docs-src/`
//! (the rust-analyzer `ensure_file_contents` pattern: fail, and say how to fix it).

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
