//! The `fetch` binary: what `cargo xtask fetch ARGS` runs (`cargo run --package fetch --
//! ARGS`), so that the HTTP and TLS stack is built only for this command.

use std::process::ExitCode;

use clap::Parser;

/// Download documentation pages into docs-src/: a whole product from its API overview
/// page or Markdown sources (--product), pages by URL or action, or refresh them all and
/// report what changed (--update).
#[derive(Debug, Parser)]
#[command(name = "cargo xtask fetch", bin_name = "cargo xtask fetch")]
struct Cli {
    #[command(flatten)]
    args: fetch::FetchArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match fetch::run(&cli.args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
