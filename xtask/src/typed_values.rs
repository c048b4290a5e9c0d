//! `cargo xtask typed-values`: how many typed facts (`lower::facts`) the descriptions of a
//! docs folder yield (`--docs DIR`), and how well they match the hand labels of
//! `../shared/typed-values/dev-labels.jsonl` (`--score`), per language, with its scorer
//! `check.py` over the IR as `regen` writes it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use codegen::ir::{Api, Param, Type};

#[derive(Debug, Clone, clap::Args)]
pub struct TypedValuesArgs {
    /// Count the facts per kind over these docs folders.
    #[arg(long = "docs", value_name = "DIR")]
    pub docs: Vec<PathBuf>,
    /// Regenerate the IR of every source folder the labels name (under `target/typed-values/`)
    /// and score it per language with `check.py`.
    #[arg(long)]
    pub score: bool,
    /// The labels (default: `../shared/typed-values/dev-labels.jsonl`).
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
    /// Print this many disagreements per kind (`check.py --show-errors`).
    #[arg(long, value_name = "N")]
    pub show_errors: Option<usize>,
    /// Score only these languages (`en`, `zh`, `ja`, `ko`).
    #[arg(long, value_name = "LANG")]
    pub lang: Vec<String>,
}

/// The facts counted per kind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    pub params: usize,
    /// Closed and open value sets on a String or Integer parameter (or their arrays).
    pub closed_sets: usize,
    pub open_sets: usize,
    pub defaults: usize,
    pub ranges: usize,
    pub lengths: usize,
    pub units: usize,
    /// `Filters` parameters whose filters are documented.
    pub typed_filters: usize,
}

impl Counts {
    fn add(&mut self, p: &Param) {
        self.params += 1;
        let f = &p.facts;
        let element = match &p.ty {
            Type::Array(inner) => inner.as_ref(),
            other => other,
        };
        if f.allowed_values.is_some() && matches!(element, Type::String | Type::Integer) && f.filters.is_empty() {
            if f.allowed_values_complete == Some(true) {
                self.closed_sets += 1;
            } else {
                self.open_sets += 1;
            }
        }
        self.defaults += usize::from(f.default.is_some());
        self.ranges += usize::from(f.min.is_some() || f.max.is_some());
        self.lengths += usize::from(f.min_length.is_some() || f.max_length.is_some());
        self.units += usize::from(f.unit.is_some());
        self.typed_filters += usize::from(!f.filters.is_empty());
    }

    /// The counts over every parameter and field of these product versions.
    pub fn of(apis: &[Api]) -> Counts {
        let mut counts = Counts::default();
        for api in apis {
            for action in api.actions.values() {
                action.input.iter().chain(&action.output).for_each(|p| counts.add(p));
            }
            for dt in api.data_types.values() {
                dt.fields.iter().for_each(|p| counts.add(p));
            }
        }
        counts
    }
}

/// The source folder of a label prefix: `en/vpc/2017-03-12/` → `real/md/en/vpc/2017-03-12`,
/// `rendered/vpc/2017-03-12/` → `corpus/vpc/2017-03-12/txt` (under `../shared`).
pub fn source_folder(shared: &Path, prefix: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = prefix.trim_end_matches('/').split('/').collect();
    match parts[..] {
        ["rendered", product, version] => Some(shared.join("corpus").join(product).join(version).join("txt")),
        [lang, product, version] => Some(shared.join("real/md").join(lang).join(product).join(version)),
        _ => None,
    }
}

/// The language of a label prefix (`rendered/…` pages are English).
pub fn language(prefix: &str) -> &str {
    match prefix.split('/').next().unwrap_or_default() {
        "rendered" => "en",
        lang => lang,
    }
}

/// The label prefixes (`en/vpc/2017-03-12/`) of a labels file, sorted.
pub fn prefixes(labels: &str) -> Result<Vec<String>> {
    let mut out = std::collections::BTreeSet::new();
    for line in labels.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).context("a label line is not JSON")?;
        let file = row["file"].as_str().context("a label has no `file`")?;
        let parts: Vec<&str> = file.split('/').take(3).collect();
        if parts.len() == 3 {
            out.insert(format!("{}/", parts.join("/")));
        }
    }
    Ok(out.into_iter().collect())
}

/// The IR with only the closed value sets kept: what the "closed" score reads.
fn closed_view(api: &Api) -> Api {
    let mut api = api.clone();
    let keep = |p: &mut Param| {
        if p.facts.allowed_values_complete != Some(true) {
            p.facts.allowed_values = None;
        }
    };
    for action in api.actions.values_mut() {
        action.input.iter_mut().chain(action.output.iter_mut()).for_each(keep);
    }
    for dt in api.data_types.values_mut() {
        dt.fields.iter_mut().for_each(keep);
    }
    api
}

/// A label prefix, its IR file and the IR file with only the closed sets.
pub type IrFiles = (String, PathBuf, PathBuf);

/// Writes the IR of every labelled source folder under `out` (`<prefix with _>.json`, and
/// `….closed.json` with only the closed sets); returns language → [(prefix, file, closed file)].
pub fn write_irs(shared: &Path, prefixes: &[String], out: &Path) -> Result<BTreeMap<String, Vec<IrFiles>>> {
    std::fs::create_dir_all(out)?;
    let mut by_lang: BTreeMap<String, Vec<IrFiles>> = BTreeMap::new();
    for prefix in prefixes {
        let Some(dir) = source_folder(shared, prefix) else { continue };
        let loaded = codegen::load_docs(&dir).with_context(|| format!("reading {}", dir.display()))?;
        let [api] = &loaded.apis[..] else {
            bail!("{} holds {} product versions, not one", dir.display(), loaded.apis.len())
        };
        let stem = prefix.trim_end_matches('/').replace('/', "_");
        let file = out.join(format!("{stem}.json"));
        let closed = out.join(format!("{stem}.closed.json"));
        std::fs::write(&file, codegen::ir::to_json(api))?;
        std::fs::write(&closed, codegen::ir::to_json(&closed_view(api)))?;
        by_lang.entry(language(prefix).to_string()).or_default().push((prefix.clone(), file, closed));
    }
    Ok(by_lang)
}

/// Runs `check.py` over these IR files; returns its output.
pub fn check(check_py: &Path, labels: &Path, irs: &[(String, PathBuf)], show: Option<usize>) -> Result<String> {
    let mut cmd = Command::new("python3");
    cmd.arg(check_py).arg(labels);
    for (prefix, file) in irs {
        cmd.arg(format!("{prefix}={}", file.display()));
    }
    if let Some(n) = show {
        cmd.arg("--show-errors").arg(n.to_string());
    }
    let output = cmd.output().context("running python3 check.py")?;
    if !output.status.success() {
        bail!("check.py failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// One kind's line of `check.py`'s table: (gold, predicted, TP).
pub fn score_line(report: &str, kind: &str) -> Option<(usize, usize, usize)> {
    report.lines().find_map(|line| {
        let rest = line.strip_prefix(kind)?;
        // The next three words are the numbers (`allowed_values` does not read the
        // `allowed_values (closed)` line).
        let nums: Vec<usize> = rest.split_whitespace().take(3).map_while(|w| w.parse().ok()).collect();
        (nums.len() == 3).then(|| (nums[0], nums[1], nums[2]))
    })
}

/// One language's scores: kind → (gold, predicted, TP). `closed sets` comes from the IR
/// with only the closed sets kept.
pub type Scores = BTreeMap<&'static str, (usize, usize, usize)>;

/// The kinds reported, with the `check.py` line each is read from.
pub const KINDS: &[(&str, &str)] = &[
    ("value sets", "allowed_values"),
    ("default", "default"),
    ("min", "min"),
    ("max", "max"),
    ("min_length", "min_length"),
    ("max_length", "max_length"),
    ("unit", "unit"),
];

/// Scores every language of the labels: language → scores, and the reports printed.
pub fn score(
    shared: &Path,
    labels: &Path,
    out: &Path,
    show: Option<usize>,
    langs: &[String],
) -> Result<BTreeMap<String, (Scores, String)>> {
    let text = std::fs::read_to_string(labels).with_context(|| format!("reading {}", labels.display()))?;
    let by_lang = write_irs(shared, &prefixes(&text)?, out)?;
    let check_py = labels.parent().unwrap_or(Path::new(".")).join("check.py");
    let mut all = BTreeMap::new();
    for (lang, irs) in by_lang {
        if !langs.is_empty() && !langs.contains(&lang) {
            continue;
        }
        let plain: Vec<(String, PathBuf)> = irs.iter().map(|(p, f, _)| (p.clone(), f.clone())).collect();
        let closed: Vec<(String, PathBuf)> = irs.iter().map(|(p, _, c)| (p.clone(), c.clone())).collect();
        let report = check(&check_py, labels, &plain, show)?;
        let closed_report = check(&check_py, labels, &closed, None)?;
        let mut scores = Scores::new();
        for (name, line) in KINDS {
            if let Some(s) = score_line(&report, line) {
                scores.insert(name, s);
            }
        }
        if let Some(s) = score_line(&closed_report, "allowed_values (closed)") {
            scores.insert("closed sets", s);
        }
        all.insert(lang, (scores, report));
    }
    Ok(all)
}

fn pct(num: usize, den: usize) -> String {
    if den == 0 {
        "    -".to_string()
    } else {
        format!("{:5.1}%", 100.0 * num as f64 / den as f64)
    }
}

/// The score table: one line per language and kind.
pub fn table(all: &BTreeMap<String, (Scores, String)>) -> String {
    let mut s = format!(
        "{:<4} {:<12} {:>5} {:>5} {:>5} {:>9} {:>9}\n",
        "lang", "kind", "gold", "pred", "TP", "precision", "recall"
    );
    for (lang, (scores, _)) in all {
        for kind in std::iter::once("closed sets").chain(KINDS.iter().map(|(k, _)| *k)) {
            if let Some((gold, pred, tp)) = scores.get(kind) {
                s += &format!(
                    "{lang:<4} {kind:<12} {gold:>5} {pred:>5} {tp:>5} {:>9} {:>9}\n",
                    pct(*tp, *pred),
                    pct(*tp, *gold)
                );
            }
        }
    }
    s
}

pub fn run(args: &TypedValuesArgs) -> Result<()> {
    if args.docs.is_empty() && !args.score {
        bail!("say --docs DIR (count the facts of a folder) or --score (score against the labels)");
    }
    for dir in &args.docs {
        let loaded = codegen::load_docs(dir).with_context(|| format!("reading {}", dir.display()))?;
        let c = Counts::of(&loaded.apis);
        println!(
            "{}: {} parameters; value sets {} closed + {} open; defaults {}; ranges {}; lengths {}; units {}; typed filters {}",
            dir.display(),
            c.params,
            c.closed_sets,
            c.open_sets,
            c.defaults,
            c.ranges,
            c.lengths,
            c.units,
            c.typed_filters
        );
    }
    if args.score {
        let root = crate::workspace_root();
        let shared = root.join("../shared");
        let labels = args.labels.clone().unwrap_or_else(|| shared.join("typed-values/dev-labels.jsonl"));
        let out = root.join("target/typed-values");
        let all = score(&shared, &labels, &out, args.show_errors, &args.lang)?;
        if args.show_errors.is_some() {
            for (lang, (_, report)) in &all {
                println!("== {lang}\n{report}");
            }
        }
        print!("{}", table(&all));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_their_folders() {
        let shared = Path::new("/s");
        assert_eq!(source_folder(shared, "en/vpc/2017-03-12/"), Some(PathBuf::from("/s/real/md/en/vpc/2017-03-12")));
        assert_eq!(
            source_folder(shared, "rendered/vpc/2017-03-12/"),
            Some(PathBuf::from("/s/corpus/vpc/2017-03-12/txt"))
        );
        assert_eq!(language("rendered/vpc/2017-03-12/"), "en");
        assert_eq!(language("ko/as/2018-04-19/"), "ko");
        let labels = "{\"file\": \"en/vpc/2017-03-12/A.md\"}\n{\"file\": \"zh/cam/2019-01-16/B.md\"}\n";
        assert_eq!(prefixes(labels).unwrap(), ["en/vpc/2017-03-12/", "zh/cam/2019-01-16/"]);
    }

    #[test]
    fn score_lines_are_read() {
        let report = "kind gold pred TP precision recall\nallowed_values 10 8 7 87.5% 70.0%\nallowed_values (closed) 9 8 6 75.0% 66.7%\n";
        assert_eq!(score_line(report, "allowed_values"), Some((10, 8, 7)));
        assert_eq!(score_line(report, "allowed_values (closed)"), Some((9, 8, 6)));
        assert_eq!(score_line(report, "unit "), None);
    }
}
