//! `cargo xtask bench`: the release build of the pipeline over a whole product's pages.
//!
//! A benchmark, not a timed test: it prints numbers and fails only if the pipeline does.
//! Each phase runs in a child process of the release binary (`xtask bench-phase`) so that
//! its peak memory is its own: `parse` (read + front-end + extract), `lower` (parse and
//! lowering to the IR), `emit` (emit + format from a lowered IR; the time excludes the
//! lowering) and `regen` (the whole thing, files written to a fresh folder). Then the
//! generated crate's size and its cold `cargo check` and `cargo build` with every product
//! (`--features full`) and without any, dependencies prebuilt: wall time and peak memory
//! (`/usr/bin/time`), and per action. `--catalog` does all this for the whole catalog.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Folders of pages to run over (each one product version). Defaults to the VPC corpus
    /// in both forms: `../shared/corpus/vpc/2017-03-12/{txt,html}`.
    #[arg(long = "docs", value_name = "DIR")]
    pub docs: Vec<PathBuf>,
    /// Runs per measurement; the median is printed.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Cold builds of the generated crate to time (0 skips the build).
    #[arg(long, default_value_t = 3)]
    pub builds: usize,
    /// The whole catalog (`../shared/corpus/catalog.tar.xz`, every product version) in
    /// both forms, instead of the VPC corpus; the crate is built from the HTML form.
    #[arg(long, conflicts_with = "docs")]
    pub catalog: bool,
    /// Also count the instructions rustc executes to check the product crates (cachegrind;
    /// needs `valgrind`): what two versions of the generator compare by on a noisy machine.
    #[arg(long)]
    pub instructions: bool,
}

/// The phases, in the order they are printed.
pub const PHASES: &[&str] = &["parse", "lower", "emit", "regen"];

#[derive(Debug, Clone, clap::Args)]
pub struct PhaseArgs {
    /// One of `parse`, `lower`, `emit`, `regen`.
    pub phase: String,
    #[arg(long, value_name = "DIR")]
    pub docs: PathBuf,
}

/// Runs one phase once and prints `seconds peak_kib files`.
pub fn run_phase(args: &PhaseArgs) -> Result<()> {
    let docs = &args.docs;
    let (elapsed, count) = match args.phase.as_str() {
        "parse" => {
            let start = Instant::now();
            let mut pages = 0;
            for group in codegen::discover(docs)? {
                for file in &group.files {
                    codegen::read_page(file)?;
                    pages += 1;
                }
            }
            (start.elapsed(), pages)
        }
        "lower" => {
            let start = Instant::now();
            let loaded = codegen::load_docs(docs)?;
            (start.elapsed(), loaded.apis.iter().map(|a| a.actions.len()).sum())
        }
        "emit" => {
            let loaded = codegen::load_docs(docs)?;
            let start = Instant::now();
            let generated =
                codegen::generate_from(loaded.apis, codegen::DEFAULT_CRATE_NAME).map_err(anyhow::Error::msg)?;
            (start.elapsed(), generated.files.len())
        }
        "regen" => {
            let out = scratch_dir("bench-regen")?;
            let start = Instant::now();
            let generated = codegen::generate(docs)?;
            let summary = crate::regen::regen_owned(generated, &out)?;
            let elapsed = start.elapsed();
            std::fs::remove_dir_all(&out)?;
            (elapsed, summary.written)
        }
        other => bail!("unknown phase `{other}` (expected one of {PHASES:?})"),
    };
    println!("{} {} {count}", elapsed.as_secs_f64(), peak_rss_kib().unwrap_or(0));
    Ok(())
}

/// Peak resident memory of this process (Linux `VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn scratch_dir(name: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Builds the release binary and returns its path.
fn release_binary() -> Result<PathBuf> {
    let root = crate::workspace_root();
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--package", "xtask"])
        .current_dir(&root)
        .status()
        .context("running cargo build --release")?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    Ok(target.join("release").join(format!("xtask{}", std::env::consts::EXE_SUFFIX)))
}

pub fn run(args: &BenchArgs) -> Result<()> {
    let docs = if args.catalog {
        catalog_views()?
    } else if args.docs.is_empty() {
        let corpus = crate::workspace_root().join("../shared/corpus/vpc/2017-03-12");
        vec![corpus.join("txt"), corpus.join("html")]
    } else {
        args.docs.clone()
    };
    let runs = args.runs.max(1);
    let binary = release_binary()?;
    println!("machine: {}", machine());
    println!("{runs} runs per phase, median wall time; peak memory is the child process's VmHWM");
    for dir in &docs {
        if !dir.is_dir() {
            bail!("{}: no such docs folder (the corpus lives in ../shared/corpus)", dir.display());
        }
        println!("\n{}", dir.display());
        println!("{:<8} {:>12} {:>12} {:>8}", "phase", "median ms", "peak MiB", "items");
        for phase in PHASES {
            let mut times = Vec::new();
            let mut peak = 0;
            let mut items = 0;
            for _ in 0..runs {
                let output = Command::new(&binary).args(["bench-phase", phase, "--docs"]).arg(dir).output()?;
                if !output.status.success() {
                    bail!("phase {phase} failed: {}", String::from_utf8_lossy(&output.stderr));
                }
                let stdout = String::from_utf8_lossy(&output.stdout);
                let fields: Vec<&str> = stdout.split_whitespace().collect();
                let [secs, kib, n] = fields[..] else { bail!("phase {phase}: unexpected output `{stdout}`") };
                times.push(secs.parse::<f64>()?);
                peak = peak.max(kib.parse::<u64>()?);
                items = n.parse::<usize>()?;
            }
            println!("{phase:<8} {:>12.1} {:>12.1} {items:>8}", median(times) * 1000.0, peak as f64 / 1024.0);
        }
    }
    if args.builds > 0 || args.instructions {
        build_generated(&docs[docs.len() - 1], args.builds, args.instructions)?;
    }
    Ok(())
}

/// The whole catalog (`../shared/corpus/catalog.tar.xz`, unpacked under `target/`) as two
/// docs folders, one per form: `<target>/bench-views/catalog-{txt,html}/<product>/<version>`,
/// each a link to the unpacked `<product>/<version>/<form>/`.
fn catalog_views() -> Result<Vec<PathBuf>> {
    let archive = crate::workspace_root().join("../shared/corpus/catalog.tar.xz");
    if !archive.is_file() {
        bail!("{}: no such archive (the corpus lives in ../shared/corpus)", archive.display());
    }
    let cache = conformance::cache::default_root();
    let (unpacked, _) = conformance::cache::unpacked(&archive, &cache, "catalog")?;
    let mut views = Vec::new();
    for form in ["txt", "html"] {
        let view = cache.with_file_name("bench-views").join(format!("catalog-{form}"));
        let _ = std::fs::remove_dir_all(&view);
        for product in sorted_dirs(&unpacked)? {
            for version in sorted_dirs(&product)? {
                let pages = version.join(form);
                if !pages.is_dir() {
                    continue;
                }
                let name = |p: &Path| p.file_name().map(PathBuf::from).unwrap_or_default();
                let link = view.join(name(&product)).join(name(&version));
                std::fs::create_dir_all(link.parent().expect("a product folder"))?;
                link_dir(&pages, &link)?;
            }
        }
        views.push(view);
    }
    Ok(views)
}

fn sorted_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    dirs.sort();
    Ok(dirs)
}

#[cfg(unix)]
fn link_dir(target: &Path, link: &Path) -> Result<()> {
    Ok(std::os::unix::fs::symlink(target, link)?)
}

#[cfg(not(unix))]
fn link_dir(_: &Path, _: &Path) -> Result<()> {
    bail!("bench --catalog links folders: Unix only")
}

/// One measured cargo command: wall seconds, the peak memory of its largest process
/// (`/usr/bin/time`'s maximum resident set size: the largest rustc; 0 when
/// `/usr/bin/time` is missing), and the peak of the sum over all its processes at once
/// (sampled every 50 ms from `/proc`: cargo runs one rustc per core, each crate its own).
struct Measured {
    secs: f64,
    peak_mib: f64,
    total_mib: f64,
}

/// The highest sum of the resident memory of `root` and its descendants, sampled every
/// 50 ms from `/proc` until `done` (0 where `/proc` cannot be read).
fn sample_tree_rss(root: u32, done: &std::sync::atomic::AtomicBool) -> u64 {
    let mut peak = 0;
    while !done.load(std::sync::atomic::Ordering::Relaxed) {
        let mut processes: Vec<(u32, u32, u64)> = Vec::new();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
            // `pid (comm) state ppid … rss …`: the fields after the last `)`.
            let Some((_, after)) = stat.rsplit_once(')') else { continue };
            let fields: Vec<&str> = after.split_whitespace().collect();
            let (Some(ppid), Some(rss)) = (fields.get(1), fields.get(21)) else { continue };
            if let (Ok(ppid), Ok(rss)) = (ppid.parse::<u32>(), rss.parse::<u64>()) {
                processes.push((pid, ppid, rss * 4096));
            }
        }
        let mut tree = vec![root];
        let mut grew = true;
        while grew {
            grew = false;
            for &(pid, ppid, _) in &processes {
                if tree.contains(&ppid) && !tree.contains(&pid) {
                    tree.push(pid);
                    grew = true;
                }
            }
        }
        let total: u64 = processes.iter().filter(|(pid, _, _)| tree.contains(pid)).map(|(_, _, rss)| rss).sum();
        peak = peak.max(total);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    peak
}

/// Generates the crate into a scratch folder (every product on: `--features full`) and
/// measures cold `cargo check` and `cargo build` of it alone, its dependencies built
/// beforehand; then the same of the crate without any product (the runtime alone), which
/// the per-action figures leave out.
fn build_generated(docs: &Path, builds: usize, instructions: bool) -> Result<()> {
    let dir = scratch_dir("bench-crate")?;
    let out = dir.join("crate");
    crate::regen::init_crate(&crate::default_out(), &out)?;
    let generated = codegen::generate(docs)?;
    crate::regen::regen_owned(generated, &out)?;
    let actions = count_actions(&out.join("ir")).unwrap_or(0);
    let (files, lines, test_files, test_lines) = count_lines(&out.join("products"))?;
    let products = product_packages(&out)?;
    println!(
        "\ngenerated crates from {}: {} products, {actions} actions; {files} files, {lines} lines in products/*/src/, {test_files} files, {test_lines} lines in products/*/tests/",
        docs.display(),
        products.len(),
    );
    let target = dir.join("target");
    let time = Path::new("/usr/bin/time").is_file();
    if !time {
        println!("(no /usr/bin/time: peak memory not measured)");
    }
    let cargo = |args: &[&str]| -> Result<Measured> {
        let mut command = if time {
            let mut c = Command::new("/usr/bin/time");
            c.args(["-f", "bench-time %e %M"]).arg(env!("CARGO"));
            c
        } else {
            Command::new(env!("CARGO"))
        };
        let start = Instant::now();
        let child = command
            .args(args)
            .current_dir(&out)
            .env("CARGO_TARGET_DIR", &target)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()?;
        let done = std::sync::atomic::AtomicBool::new(false);
        let (output, total) = std::thread::scope(|scope| {
            let (pid, done) = (child.id(), &done);
            let sampler = scope.spawn(move || sample_tree_rss(pid, done));
            let output = child.wait_with_output();
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            (output, sampler.join().unwrap_or(0))
        });
        let output = output?;
        let secs = start.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            bail!("cargo {args:?} failed in {}:\n{stderr}", out.display());
        }
        let peak_kib = stderr
            .lines()
            .filter_map(|l| l.strip_prefix("bench-time "))
            .filter_map(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .next_back()
            .unwrap_or(0.0);
        Ok(Measured { secs, peak_mib: peak_kib / 1024.0, total_mib: total as f64 / (1024.0 * 1024.0) })
    };
    if builds > 0 {
        // The dependencies, for both profiles (check writes metadata only).
        let warm = Instant::now();
        cargo(&["check", "--quiet"])?;
        cargo(&["build", "--quiet"])?;
        println!("dependencies (check and build): {:.1} s", warm.elapsed().as_secs_f64());
        println!(
        "cold {builds}x each, the crate alone (dev profile, dependencies prebuilt): median wall time, highest peak memory"
    );
        println!(
            "{:<32} {:>9} {:>10} {:>10} {:>12} {:>12}",
            "command", "wall s", "peak MiB", "all MiB", "ms/action", "MiB/action"
        );
        // The crates of the bindings: the one users depend on, the runtime, every product.
        let mut clean =
            vec!["clean", "--quiet", "--package", "tencentcloud-api", "--package", "tencentcloud-api-runtime"];
        for package in &products {
            clean.extend(["--package", package.as_str()]);
        }
        for command in ["check", "build"] {
            let measure = |features: &[&str]| -> Result<Measured> {
                let mut secs = Vec::new();
                let (mut peak, mut total): (f64, f64) = (0.0, 0.0);
                for _ in 0..builds {
                    cargo(&clean)?;
                    let mut args = vec![command, "--quiet"];
                    args.extend_from_slice(features);
                    let m = cargo(&args)?;
                    secs.push(m.secs);
                    peak = peak.max(m.peak_mib);
                    total = total.max(m.total_mib);
                }
                Ok(Measured { secs: median(secs), peak_mib: peak, total_mib: total })
            };
            let base = measure(&[])?;
            let full = measure(&["--features", "full"])?;
            println!(
                "{:<32} {:>9.1} {:>10.0} {:>10.0}",
                format!("cargo {command} (no product)"),
                base.secs,
                base.peak_mib,
                base.total_mib
            );
            let n = actions.max(1) as f64;
            println!(
                "{:<32} {:>9.1} {:>10.0} {:>10.0} {:>12.1} {:>12.2}",
                format!("cargo {command} --features full"),
                full.secs,
                full.peak_mib,
                full.total_mib,
                (full.secs - base.secs).max(0.0) * 1000.0 / n,
                (full.peak_mib - base.peak_mib).max(0.0) / n
            );
        }
    }
    if instructions {
        count_instructions(&out, &target, &products, actions)?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// `--instructions`: rustc's instructions for checking the product crates, in total, per
/// action and for the largest crate.
fn count_instructions(out: &Path, target: &Path, products: &[String], actions: usize) -> Result<()> {
    if !crate::instructions::available() {
        println!("(no valgrind: instructions not counted)");
        return Ok(());
    }
    let counts = crate::instructions::count_products(out, target, products)?;
    let total: u64 = counts.values().sum();
    println!(
        "instructions of rustc checking the {} product crates (cachegrind, dev profile, --features full): {:.3} G, {:.1} M per action",
        counts.len(),
        total as f64 / 1e9,
        total as f64 / 1e6 / actions.max(1) as f64
    );
    if let Some((name, most)) = counts.iter().max_by_key(|(_, n)| **n) {
        println!("largest: {name} {:.3} G", *most as f64 / 1e9);
    }
    Ok(())
}

/// The number of actions in the IR files of a generated crate.
fn count_actions(ir: &Path) -> Option<usize> {
    let mut total = 0;
    for entry in std::fs::read_dir(ir).ok()? {
        let text = std::fs::read_to_string(entry.ok()?.path()).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        total += json.get("actions")?.as_object()?.len();
    }
    Some(total)
}

/// Rust files and lines under `dir`: those outside any `tests/` folder, then those in one.
fn count_lines(dir: &Path) -> Result<(usize, usize, usize, usize)> {
    let (mut files, mut lines, mut test_files, mut test_lines) = (0, 0, 0, 0);
    let mut work = vec![(dir.to_path_buf(), false)];
    while let Some((d, in_tests)) = work.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                let tests = in_tests || path.file_name().is_some_and(|n| n == "tests");
                work.push((path, tests));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let n = std::fs::read_to_string(&path)?.lines().count();
                if in_tests {
                    (test_files, test_lines) = (test_files + 1, test_lines + n);
                } else {
                    (files, lines) = (files + 1, lines + n);
                }
            }
        }
    }
    Ok((files, lines, test_files, test_lines))
}

/// The package names of a generated crate's product crates (`products/*/Cargo.toml`).
fn product_packages(out: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(out.join("products"))? {
        let manifest = std::fs::read_to_string(entry?.path().join("Cargo.toml"))?;
        if let Some(name) = manifest.lines().find_map(|l| l.strip_prefix("name = ")) {
            names.push(name.trim_matches('"').to_string());
        }
    }
    names.sort();
    Ok(names)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|k| k.parse::<u64>().ok()))
        .map_or("?".into(), |k| format!("{:.0} GiB", k as f64 / 1024.0 / 1024.0));
    format!("{cpu}, {cores} cores, {mem}")
}
