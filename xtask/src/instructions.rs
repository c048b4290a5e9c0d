//! `cargo xtask bench --instructions`: the instructions rustc executes to check the
//! generated product crates, counted by cachegrind (`valgrind --tool=cachegrind
//! --cache-sim=no`). Unlike seconds, the count barely moves from one run to the next, nor
//! with what else the machine does: it is how two versions of the generator compare on a
//! shared or virtual machine (rustc-perf compares compilers the same way).
//!
//! Cargo runs this binary as its `RUSTC_WRAPPER` (with [`WRAPPER_ENV`] naming a folder):
//! [`run_as_wrapper`] runs each product crate's rustc under cachegrind, writing its log in
//! that folder, and every other crate's rustc as it is.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};

/// Set to a folder when this binary runs as cargo's `RUSTC_WRAPPER`.
pub const WRAPPER_ENV: &str = "XTASK_INSTRUCTIONS_LOG";

/// What a generated product crate is called by rustc (`tencentcloud_api_vpc`); the runtime
/// and the crate without products are not counted.
fn is_product(crate_name: &str) -> bool {
    crate_name.starts_with("tencentcloud_api_") && crate_name != "tencentcloud_api_runtime"
}

/// When cargo runs this binary as its `RUSTC_WRAPPER` ([`WRAPPER_ENV`] set): runs the
/// rustc command given, a product crate's under cachegrind, and gives its exit status.
/// `None` otherwise (the usual command line).
pub fn run_as_wrapper() -> Option<ExitCode> {
    let log_dir = std::env::var_os(WRAPPER_ENV)?;
    let mut args = std::env::args_os().skip(1);
    let rustc = args.next()?;
    let rest: Vec<OsString> = args.collect();
    let crate_name = rest
        .windows(2)
        .find(|pair| pair[0] == "--crate-name")
        .and_then(|pair| pair[1].to_str())
        .unwrap_or("")
        .to_string();
    let mut command = if is_product(&crate_name) {
        let mut c = Command::new("valgrind");
        let log = Path::new(&log_dir).join(format!("{crate_name}.%p.log"));
        c.args(["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"])
            .arg(format!("--log-file={}", log.display()))
            .arg(&rustc);
        c
    } else {
        Command::new(&rustc)
    };
    match command.args(&rest).status() {
        Ok(status) => Some(ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8)),
        Err(e) => {
            eprintln!("error: xtask as RUSTC_WRAPPER: cannot run {}: {e}", rustc.to_string_lossy());
            Some(ExitCode::FAILURE)
        }
    }
}

/// Whether `valgrind` can be run.
pub fn available() -> bool {
    Command::new("valgrind").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// Checks the product crates of the generated workspace `dir` (`--features full`, every
/// other crate built beforehand in `target`) with rustc under cachegrind, and gives the
/// instructions per crate (crate name to count).
pub fn count_products(dir: &Path, target: &Path, products: &[String]) -> Result<BTreeMap<String, u64>> {
    let logs = target.join("instructions");
    let _ = std::fs::remove_dir_all(&logs);
    std::fs::create_dir_all(&logs)?;
    let cargo = |args: &[&str], wrapped: bool| -> Result<()> {
        let mut command = Command::new(env!("CARGO"));
        command.args(args).current_dir(dir).env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0");
        if wrapped {
            command.env("RUSTC_WRAPPER", std::env::current_exe()?).env(WRAPPER_ENV, &logs);
        }
        let output = command.output()?;
        if !output.status.success() {
            bail!("cargo {args:?} failed in {}:\n{}", dir.display(), String::from_utf8_lossy(&output.stderr));
        }
        Ok(())
    };
    cargo(&["check", "--quiet", "--features", "full"], false)?;
    let mut clean = vec!["clean", "--quiet"];
    for package in products {
        clean.extend(["--package", package.as_str()]);
    }
    cargo(&clean, false)?;
    cargo(&["check", "--quiet", "--features", "full"], true)?;
    let mut counts = BTreeMap::new();
    for entry in std::fs::read_dir(&logs)? {
        let path = entry?.path();
        let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        let name = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.split('.').next()).unwrap_or("");
        let Some(refs) = instruction_refs(&text) else {
            bail!("{}: no instruction count (did valgrind run to the end?)", path.display());
        };
        *counts.entry(name.to_string()).or_insert(0) += refs;
    }
    if counts.len() != products.len() {
        bail!("instructions counted for {} crates, expected {} (the product crates)", counts.len(), products.len());
    }
    Ok(counts)
}

/// The `I refs:` total of a cachegrind log (`==123== I   refs:      18,014,946,441`).
fn instruction_refs(log: &str) -> Option<u64> {
    log.lines().find_map(|line| {
        let (_, after) = line.split_once("I   refs:")?;
        after.trim().replace(',', "").parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_total_of_a_cachegrind_log() {
        let log = "==1527== Cachegrind, a high-precision tracing profiler\n==1527== \n==1527== I   refs:      18,014,946,441\n";
        assert_eq!(instruction_refs(log), Some(18_014_946_441));
        assert_eq!(instruction_refs("==1== I   refs:      12\n"), Some(12));
        assert_eq!(instruction_refs("==1== Command: rustc\n"), None);
    }

    #[test]
    fn only_product_crates_are_counted() {
        assert!(is_product("tencentcloud_api_vpc"));
        assert!(!is_product("tencentcloud_api_runtime"));
        assert!(!is_product("tencentcloud_api"));
        assert!(!is_product("serde"));
    }
}
