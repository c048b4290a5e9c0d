//! `cargo xtask`: the workspace's developer commands (see `.cargo/config.toml`).

use std::process::ExitCode;

/// Regen is allocation-bound (syn, quote and prettyplease allocate for every token): see
/// `xtask/Cargo.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use xtask::{check, regen, GenArgs};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about = "Developer tasks for this workspace")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// One variant (and one module in `xtask/src/`) per subcommand.
#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate the bindings from the documentation pages and write the changed files.
    Regen(GenArgs),
    /// Fail if the generated files are not what `regen` would write (writes nothing).
    Check(GenArgs),
    /// Compare what the parser extracts with an oracle: one product version (--docs, --oracle),
    /// or every folder of the catalog (--catalog), of the real pages (--real), or both (--all).
    Conformance(xtask::conformance::ConformanceArgs),
    /// Report the API changes between two versions of the docs (exit 1 when there are some).
    Diff(xtask::diff::DiffArgs),
    /// Download documentation pages into docs-src/: a whole product from its API overview
    /// page or Markdown sources (--product), pages by URL or action, or refresh them all and
    /// report what changed (--update).
    ///
    /// Runs the crawler (the `fetch` crate) with these arguments: `cargo xtask fetch --help`
    /// prints its flags.
    Fetch(xtask::fetch::FetchArgs),
    /// Count the actions that get a paginator, per style, list those that look paginated
    /// but were not recognised, and those that get a waiter.
    Pagination(xtask::paging_report::PaginationArgs),
    /// Benchmark the release build of the pipeline over a whole product (default: the VPC corpus).
    Bench(xtask::bench::BenchArgs),
    /// Count the typed facts read from descriptions (--docs DIR), or score them against the
    /// hand labels of ../shared/typed-values per language (--score).
    TypedValues(xtask::typed_values::TypedValuesArgs),
    /// One measured phase of `bench` (run by `bench` in a child process).
    #[command(hide = true)]
    BenchPhase(xtask::bench::PhaseArgs),
}

fn main() -> ExitCode {
    // `bench --instructions` runs this binary as cargo's RUSTC_WRAPPER.
    if let Some(code) = xtask::instructions::run_as_wrapper() {
        return code;
    }
    let cli = Cli::parse();
    if let Command::Fetch(args) = &cli.command {
        // The crawler's own exit status.
        return xtask::fetch::run(args).unwrap_or_else(|e| {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        });
    }
    if let Command::Diff(args) = &cli.command {
        // 0: no changes, 1: changes, 2: error.
        return match xtask::diff::run(args) {
            Ok(false) => ExitCode::SUCCESS,
            Ok(true) => ExitCode::from(1),
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        };
    }
    let result = match &cli.command {
        Command::Regen(args) => regen::run(args).map(|()| true),
        Command::Check(args) => check::run(args),
        Command::Conformance(args) => xtask::conformance::run(args),
        Command::Diff(_) => unreachable!("handled above"),
        Command::Fetch(_) => unreachable!("handled above"),
        Command::Pagination(args) => xtask::paging_report::run(args).map(|()| true),
        Command::Bench(args) => xtask::bench::run(args).map(|()| true),
        Command::TypedValues(args) => xtask::typed_values::run(args).map(|()| true),
        Command::BenchPhase(args) => xtask::bench::run_phase(args).map(|()| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
