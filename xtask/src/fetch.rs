//! `cargo xtask fetch ARGS`: runs the crawler, the `fetch` crate's binary, as `cargo run
//! --package fetch -- ARGS` in the current folder (so relative paths such as `--docs
//! docs-src` mean what they meant), with the same standard streams and exit status. The
//! HTTP and TLS stack is thus built for this command alone, never for `regen` or `check`.

use std::ffi::OsString;
use std::process::{Command, ExitCode};

use anyhow::{Context, Result};

/// The package (and binary) of the crawler.
pub const PACKAGE: &str = "fetch";

/// Everything after `fetch`, passed to the crawler as it is (`--help` included: the
/// crawler prints its own flags).
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
#[command(disable_help_flag = true)]
pub struct FetchArgs {
    /// The crawler's arguments: page names or URLs, `--product URL|DIR`, `--update`,
    /// `--docs DIR`… (`cargo xtask fetch --help` lists them).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    pub args: Vec<OsString>,
}

/// The command that runs the crawler: `$CARGO` (else `cargo`) `run --quiet
/// --manifest-path <workspace>/Cargo.toml --package fetch -- ARGS`, in the current folder.
pub fn command(args: &FetchArgs) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["run", "--quiet", "--manifest-path"])
        .arg(crate::workspace_root().join("Cargo.toml"))
        .args(["--package", PACKAGE, "--bin", PACKAGE, "--"])
        .args(&args.args);
    command
}

/// Runs the crawler and gives its exit status (1 when it was stopped by a signal).
pub fn run(args: &FetchArgs) -> Result<ExitCode> {
    let status = command(args).status().context("running cargo to build and run the crawler (`fetch`)")?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => {
            eprintln!("error: the crawler was stopped ({status})");
            ExitCode::FAILURE
        }
    })
}
