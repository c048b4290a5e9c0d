//! Compares the generated tree in memory with the one on disk, and writes it.
//!
//! [`plan`] reads the output folder and works out what would change: files to create
//! (missing), files whose contents differ (stale), and generated files that the generator
//! no longer produces (extra, i.e. orphans). It never writes. [`apply`] carries a plan out:
//! it writes only new or changed files, each atomically, removes the orphans, and prunes
//! the directories their removal left empty.
//!
//! A file is *generated* when it carries the header (see [`is_generated`]). Files without
//! it are hand-written: they are never removed, and a plan that would overwrite one is an
//! error ([`OutputError::WouldOverwriteHandWritten`]), so nothing is written at all.
//!
//! Everything here is deterministic: directories are read in sorted order and the plan
//! lists paths in sorted order.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Generated, GENERATED_HEADER};

/// The marker a generated JSON file carries as its first key.
const JSON_MARKER: &[u8] = b"\"@generated\"";

/// How far into a JSON file the marker is looked for.
const JSON_MARKER_WINDOW: usize = 200;

/// How much of an existing file is read to decide whether it is generated (enough for
/// both rules: the header line plus a line break, and the JSON window).
const SNIFF_LEN: u64 = 512;

/// Whether `contents` (the file at `path`, or a prefix of at least 512 bytes of it) carries
/// the generated-file header.
///
/// - `.json`: the string `"@generated"` occurs within the first 200 bytes;
/// - anything else (`.rs` included): the first line equals [`GENERATED_HEADER`] (a
///   trailing `\r` is ignored).
pub fn is_generated(path: &Path, contents: &[u8]) -> bool {
    let is_json = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if is_json {
        let window = &contents[..contents.len().min(JSON_MARKER_WINDOW)];
        window.windows(JSON_MARKER.len()).any(|w| w == JSON_MARKER)
    } else {
        let line = match contents.iter().position(|&b| b == b'\n') {
            Some(end) => &contents[..end],
            None => contents,
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        line == GENERATED_HEADER.as_bytes()
    }
}

/// Something that stops a plan from being made or carried out. Every variant names the
/// path on disk it concerns.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{}: refusing to overwrite a hand-written file (it has no `@generated` header); \
         move it away or delete it, then regenerate",
        path.display()
    )]
    WouldOverwriteHandWritten { path: PathBuf },
    #[error(
        "{}: the generator produced this file without the `@generated` header \
         (it would be taken for hand-written afterwards)",
        path.display()
    )]
    MissingHeader { path: PathBuf },
    #[error("{}: not a valid generated path (must be relative, `/`-separated, without `.` or `..`)", path.display())]
    InvalidPath { path: PathBuf },
    #[error("{}: a file is to be written here but this is a directory", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: a directory is needed here but this is a file", path.display())]
    NotADirectory { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: cannot write: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{}: cannot create directory: {source}", path.display())]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("{}: cannot remove: {source}", path.display())]
    Remove { path: PathBuf, source: io::Error },
}

impl OutputError {
    /// The path on disk the error concerns.
    pub fn path(&self) -> &Path {
        match self {
            OutputError::WouldOverwriteHandWritten { path }
            | OutputError::MissingHeader { path }
            | OutputError::InvalidPath { path }
            | OutputError::NotAFile { path }
            | OutputError::NotADirectory { path }
            | OutputError::Read { path, .. }
            | OutputError::Write { path, .. }
            | OutputError::CreateDir { path, .. }
            | OutputError::Remove { path, .. } => path,
        }
    }
}

/// What [`apply`] would do to bring an output folder in line with a [`Generated`] tree.
/// Paths are relative to the output folder, `/`-separated, in sorted order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files that do not exist yet → their contents.
    pub create: BTreeMap<String, String>,
    /// Generated files whose contents differ → their new contents.
    pub update: BTreeMap<String, String>,
    /// Generated files that are already up to date (left alone).
    pub unchanged: usize,
    /// Generated files on disk that the generator no longer produces.
    pub remove: BTreeSet<String>,
}

/// How one file differs between the disk and the generated tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// The file does not exist yet (it will be created).
    Missing,
    /// The file exists with other contents (it will be rewritten).
    Stale,
    /// The file is generated but no longer produced (it will be removed).
    Extra,
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChangeKind::Missing => "missing",
            ChangeKind::Stale => "stale",
            ChangeKind::Extra => "extra",
        })
    }
}

/// One line of a plan: `stale: src/x.rs`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change<'a> {
    pub path: &'a str,
    pub kind: ChangeKind,
}

impl fmt::Display for Change<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.path)
    }
}

impl Plan {
    /// Whether the disk already matches the generated tree (nothing to write or remove).
    pub fn is_clean(&self) -> bool {
        self.create.is_empty() && self.update.is_empty() && self.remove.is_empty()
    }

    /// Number of files [`apply`] writes (created + updated).
    pub fn written(&self) -> usize {
        self.create.len() + self.update.len()
    }

    /// Number of files [`apply`] removes.
    pub fn removed(&self) -> usize {
        self.remove.len()
    }

    /// Number of generated files the plan covers (written + unchanged; not the removed).
    pub fn generated(&self) -> usize {
        self.written() + self.unchanged
    }

    /// Every change, sorted by path.
    pub fn changes(&self) -> Vec<Change<'_>> {
        let mut changes: Vec<Change<'_>> = self
            .create
            .keys()
            .map(|p| Change { path: p, kind: ChangeKind::Missing })
            .chain(self.update.keys().map(|p| Change { path: p, kind: ChangeKind::Stale }))
            .chain(self.remove.iter().map(|p| Change { path: p, kind: ChangeKind::Extra }))
            .collect();
        changes.sort();
        changes
    }
}

/// One change per line (`missing: src/y.rs`), sorted by path; empty when clean.
impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in self.changes() {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}

/// Works out what [`apply`] must do so that `out` holds exactly `generated.files` (plus any
/// hand-written files, which are left alone). Reads only; never writes.
///
/// `out` need not exist. The directory `target/` at the top of `out` and hidden entries
/// (names starting with `.`) are not searched for orphans.
///
/// Errors if a file to be written exists without the header (hand-written), if a generated
/// path is not a plain relative path, if a generated file lacks the header itself, or if
/// the disk cannot be read.
pub fn plan(out: &Path, generated: &Generated) -> Result<Plan, OutputError> {
    if let Some(meta) = symlink_metadata(out)? {
        if !meta.is_dir() && !fs::metadata(out).is_ok_and(|m| m.is_dir()) {
            return Err(OutputError::NotADirectory { path: out.to_path_buf() });
        }
    }

    for (rel, contents) in &generated.files {
        let path = join(out, rel)?;
        if !is_generated(&path, contents.as_bytes()) {
            return Err(OutputError::MissingHeader { path });
        }
    }

    // Orphans: generated files on disk that are not produced any more.
    let mut remove = BTreeSet::new();
    let mut existing = Vec::new();
    walk(out, "", &mut existing)?;
    for rel in existing {
        if generated.files.contains_key(&rel) {
            continue;
        }
        let path = join(out, &rel)?;
        if is_generated(&path, &read_prefix(&path)?) {
            remove.insert(rel);
        }
    }

    let mut plan = Plan { remove, ..Plan::default() };
    for (rel, contents) in &generated.files {
        let path = join(out, rel)?;
        check_ancestors(out, rel, &plan.remove)?;
        match symlink_metadata(&path)? {
            None => {
                plan.create.insert(rel.clone(), contents.clone());
            }
            Some(meta) if meta.is_dir() => return Err(OutputError::NotAFile { path }),
            Some(_) => {
                let current = match fs::read(&path) {
                    Ok(bytes) => bytes,
                    Err(source) => return Err(OutputError::Read { path, source }),
                };
                if current == contents.as_bytes() {
                    plan.unchanged += 1;
                } else if is_generated(&path, &current) {
                    plan.update.insert(rel.clone(), contents.clone());
                } else {
                    return Err(OutputError::WouldOverwriteHandWritten { path });
                }
            }
        }
    }
    Ok(plan)
}

/// Carries out a plan made by [`plan`] for the same `out`: removes the orphans, writes the
/// new and changed files (each to a temporary file in its directory, then renamed into
/// place; parent directories are created), then removes the directories that the removal
/// of orphans left empty. Unchanged files are not touched.
///
/// Before changing anything, every target is checked again, so a file that became
/// hand-written since the plan was made is still not overwritten or removed.
pub fn apply(out: &Path, plan: &Plan) -> Result<(), OutputError> {
    // Re-check everything first, so that an error leaves the disk untouched.
    let writes: Vec<(&String, &String)> = plan.create.iter().chain(plan.update.iter()).collect();
    for (rel, _) in &writes {
        let path = join(out, rel)?;
        if let Some(meta) = symlink_metadata(&path)? {
            if meta.is_dir() {
                return Err(OutputError::NotAFile { path });
            }
            ensure_generated_or_gone(&path)?;
        }
    }
    for rel in &plan.remove {
        let path = join(out, rel)?;
        if symlink_metadata(&path)?.is_some() {
            ensure_generated_or_gone(&path)?;
        }
    }

    let mut emptied = BTreeSet::new();
    for rel in &plan.remove {
        let path = join(out, rel)?;
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(OutputError::Remove { path, source }),
        }
        let mut dir = rel.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            emptied.insert(parent.to_string());
            dir = parent;
        }
    }

    for (rel, contents) in writes {
        let path = join(out, rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|source| OutputError::CreateDir { path: parent.to_path_buf(), source })?;
        }
        write_atomically(&path, contents.as_bytes())?;
    }

    // Deepest first, so a parent sees its children already gone.
    let mut emptied: Vec<String> = emptied.into_iter().collect();
    emptied.sort_by(|a, b| depth(b).cmp(&depth(a)).then_with(|| a.cmp(b)));
    for rel in emptied {
        let path = join(out, &rel)?;
        let is_empty = match fs::read_dir(&path) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(source) => return Err(OutputError::Read { path, source }),
        };
        if is_empty {
            match fs::remove_dir(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(source) => return Err(OutputError::Remove { path, source }),
            }
        }
    }
    Ok(())
}

fn depth(rel: &str) -> usize {
    rel.matches('/').count()
}

/// `out` joined with a generated relative path, after checking that the path is plain:
/// relative, `/`-separated, no empty, `.` or `..` components, no backslashes.
fn join(out: &Path, rel: &str) -> Result<PathBuf, OutputError> {
    let invalid = || OutputError::InvalidPath { path: out.join(rel) };
    if rel.is_empty() || rel.contains('\\') || rel.contains('\0') {
        return Err(invalid());
    }
    let mut path = out.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(invalid());
        }
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(_)), None) => path.push(part),
            _ => return Err(invalid()),
        }
    }
    Ok(path)
}

/// Checks that every ancestor of `rel` under `out` is a directory or absent (or an orphan
/// file that is about to be removed).
fn check_ancestors(out: &Path, rel: &str, remove: &BTreeSet<String>) -> Result<(), OutputError> {
    let mut dir = out.to_path_buf();
    let mut prefix = String::new();
    let parts: Vec<&str> = rel.split('/').collect();
    for part in &parts[..parts.len() - 1] {
        dir.push(part);
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        match symlink_metadata(&dir)? {
            None => return Ok(()),
            Some(meta) if meta.is_dir() => {}
            Some(_) if fs::metadata(&dir).is_ok_and(|m| m.is_dir()) => {}
            Some(_) if remove.contains(&prefix) => return Ok(()),
            Some(_) => return Err(OutputError::NotADirectory { path: dir }),
        }
    }
    Ok(())
}

fn symlink_metadata(path: &Path) -> Result<Option<fs::Metadata>, OutputError> {
    match fs::symlink_metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        // `a/b` where `a` is a file: `a/b` does not exist either.
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => Ok(None),
        Err(source) => Err(OutputError::Read { path: path.to_path_buf(), source }),
    }
}

/// The first [`SNIFF_LEN`] bytes of a file (fewer if it is shorter).
fn read_prefix(path: &Path) -> Result<Vec<u8>, OutputError> {
    let read = || -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        fs::File::open(path)?.take(SNIFF_LEN).read_to_end(&mut buf)?;
        Ok(buf)
    };
    read().map_err(|source| OutputError::Read { path: path.to_path_buf(), source })
}

/// Errors unless the file at `path` (which existed) is generated or has vanished.
fn ensure_generated_or_gone(path: &Path) -> Result<(), OutputError> {
    let prefix = match read_prefix(path) {
        Ok(prefix) => prefix,
        Err(OutputError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if is_generated(path, &prefix) {
        Ok(())
    } else {
        Err(OutputError::WouldOverwriteHandWritten { path: path.to_path_buf() })
    }
}

/// Lists the regular files under `dir` (relative to the walk's root, `/`-separated), in
/// sorted order. Skips hidden entries, `target/` at the top, symlinks, and names that are
/// not UTF-8 (the generator never produces those).
fn walk(dir: &Path, prefix: &str, found: &mut Vec<String>) -> Result<(), OutputError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound && prefix.is_empty() => return Ok(()),
        Err(source) => return Err(OutputError::Read { path: dir.to_path_buf(), source }),
    };
    let mut children = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| OutputError::Read { path: dir.to_path_buf(), source })?;
        let Ok(name) = entry.file_name().into_string() else { continue };
        if name.starts_with('.') || (prefix.is_empty() && name == "target") {
            continue;
        }
        let file_type = entry.file_type().map_err(|source| OutputError::Read { path: entry.path(), source })?;
        children.push((name, file_type));
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, file_type) in children {
        let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        if file_type.is_dir() {
            walk(&dir.join(&name), &rel, found)?;
        } else if file_type.is_file() {
            found.push(rel);
        }
    }
    Ok(())
}

/// Writes `contents` to a hidden temporary file next to `path`, then renames it over
/// `path`, so readers see either the old file or the new one, never a partial one.
fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), OutputError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));

    let result = (|| -> io::Result<()> {
        let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(contents)?;
        file.flush()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if let Err(source) = result {
        let _ = fs::remove_file(&tmp);
        return Err(OutputError::Write { path: path.to_path_buf(), source });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> Self {
            static COUNTER: AtomicU64 = AtomicU64::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!("codegen-output-test-{}-{n}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        fn path(&self) -> &Path {
            &self.0
        }

        fn write(&self, rel: &str, contents: &str) {
            let path = self.0.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }

        fn read(&self, rel: &str) -> String {
            fs::read_to_string(self.0.join(rel)).unwrap()
        }

        fn exists(&self, rel: &str) -> bool {
            self.0.join(rel).exists()
        }

        /// Every file and directory under the root (hidden ones included), with the
        /// contents of the files: a snapshot to compare before and after.
        fn snapshot(&self) -> BTreeMap<String, Option<Vec<u8>>> {
            fn go(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
                for entry in fs::read_dir(dir).unwrap() {
                    let entry = entry.unwrap();
                    let name = entry.file_name().into_string().unwrap();
                    let rel = format!("{prefix}{name}");
                    if entry.file_type().unwrap().is_dir() {
                        out.insert(format!("{rel}/"), None);
                        go(&entry.path(), &format!("{rel}/"), out);
                    } else {
                        out.insert(rel, Some(fs::read(entry.path()).unwrap()));
                    }
                }
            }
            let mut out = BTreeMap::new();
            go(&self.0, "", &mut out);
            out
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn rs(body: &str) -> String {
        format!("{GENERATED_HEADER}\n{body}\n")
    }

    fn json(body: &str) -> String {
        format!("{{\n  \"@generated\": \"by cargo xtask regen — do not edit\",\n  \"body\": \"{body}\"\n}}\n")
    }

    fn generated(files: &[(&str, String)]) -> Generated {
        Generated { files: files.iter().map(|(p, c)| (p.to_string(), c.clone())).collect(), warnings: Vec::new() }
    }

    fn set_old_mtime(path: &Path) -> SystemTime {
        let old = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options().write(true).open(path).unwrap().set_modified(old).unwrap();
        fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn output_is_generated_rules() {
        let rs_path = Path::new("src/a.rs");
        assert!(is_generated(rs_path, rs("fn f() {}").as_bytes()));
        assert!(is_generated(rs_path, format!("{GENERATED_HEADER}\r\nx").as_bytes()));
        assert!(is_generated(rs_path, GENERATED_HEADER.as_bytes()));
        assert!(!is_generated(rs_path, b""));
        assert!(!is_generated(rs_path, b"fn main() {}\n"));
        assert!(!is_generated(rs_path, format!("\n{GENERATED_HEADER}\n").as_bytes()));
        assert!(!is_generated(rs_path, format!("{GENERATED_HEADER} extra\n").as_bytes()));
        assert!(!is_generated(rs_path, format!("//! doc\n{GENERATED_HEADER}\n").as_bytes()));

        let json_path = Path::new("ir/vpc-2017-03-12.json");
        assert!(is_generated(json_path, json("x").as_bytes()));
        assert!(!is_generated(json_path, b"{\n  \"name\": \"x\"\n}\n"));
        let late = format!("{{\"pad\": \"{}\", \"@generated\": 1}}", "x".repeat(200));
        assert!(!is_generated(json_path, late.as_bytes()));
        // The header line does not make a JSON file generated.
        assert!(!is_generated(json_path, rs("").as_bytes()));

        // Other extensions follow the first-line rule.
        assert!(is_generated(Path::new("README.md"), rs("text").as_bytes()));
        assert!(!is_generated(Path::new("Cargo.toml"), b"[package]\n"));
        assert!(is_generated(Path::new("noext"), rs("").as_bytes()));
    }

    #[test]
    fn output_plan_and_apply_create_into_missing_dir() {
        let tmp = TempDir::new();
        let out = tmp.path().join("generated");
        let gen = generated(&[
            ("src/lib.rs", rs("pub mod vpc;")),
            ("src/vpc/v20170312/mod.rs", rs("pub struct X;")),
            ("ir/vpc-2017-03-12.json", json("ir")),
        ]);
        let plan = plan(&out, &gen).unwrap();
        assert!(!plan.is_clean());
        assert_eq!(plan.written(), 3);
        assert_eq!(plan.unchanged, 0);
        assert_eq!(
            plan.to_string(),
            "missing: ir/vpc-2017-03-12.json\nmissing: src/lib.rs\nmissing: src/vpc/v20170312/mod.rs\n"
        );
        assert!(!out.exists(), "plan must not write");

        apply(&out, &plan).unwrap();
        for (rel, contents) in &gen.files {
            assert_eq!(&fs::read_to_string(out.join(rel)).unwrap(), contents);
        }
        // No temporary files are left behind.
        let names: Vec<_> = fs::read_dir(out.join("src")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");

        let again = super::plan(&out, &gen).unwrap();
        assert!(again.is_clean(), "{again}");
        assert_eq!(again.unchanged, 3);
        assert_eq!(again.generated(), 3);
        assert_eq!(again.to_string(), "");
    }

    #[test]
    fn output_update_rewrites_only_changed_files() {
        let tmp = TempDir::new();
        tmp.write("src/a.rs", &rs("old"));
        tmp.write("src/b.rs", &rs("same"));
        let a_path = tmp.path().join("src/a.rs");
        let b_path = tmp.path().join("src/b.rs");
        set_old_mtime(&a_path);
        let b_mtime = set_old_mtime(&b_path);

        let gen = generated(&[("src/a.rs", rs("new")), ("src/b.rs", rs("same"))]);
        let plan = plan(tmp.path(), &gen).unwrap();
        assert_eq!(plan.update.keys().collect::<Vec<_>>(), ["src/a.rs"]);
        assert!(plan.create.is_empty() && plan.remove.is_empty());
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.to_string(), "stale: src/a.rs\n");

        apply(tmp.path(), &plan).unwrap();
        assert_eq!(tmp.read("src/a.rs"), rs("new"));
        assert_eq!(tmp.read("src/b.rs"), rs("same"));
        assert_eq!(fs::metadata(&b_path).unwrap().modified().unwrap(), b_mtime, "unchanged file was rewritten");
        assert!(fs::metadata(&a_path).unwrap().modified().unwrap() > b_mtime);
        assert!(super::plan(tmp.path(), &gen).unwrap().is_clean());
    }

    #[test]
    fn output_orphans_removed_and_emptied_dirs_pruned() {
        let tmp = TempDir::new();
        tmp.write("src/lib.rs", &rs("lib"));
        tmp.write("src/old/v1/mod.rs", &rs("old"));
        tmp.write("src/old/v1/types.rs", &rs("old types"));
        tmp.write("ir/old.json", &json("old"));
        tmp.write("tests/old_examples.rs", &rs("old"));
        tmp.write("tests/handwritten.rs", "#[test]\nfn t() {}\n");
        fs::create_dir_all(tmp.path().join("empty_before")).unwrap();
        fs::create_dir_all(tmp.path().join("src/old/keep_empty")).unwrap();

        let gen = generated(&[("src/lib.rs", rs("lib"))]);
        let plan = plan(tmp.path(), &gen).unwrap();
        assert_eq!(
            plan.to_string(),
            "extra: ir/old.json\nextra: src/old/v1/mod.rs\nextra: src/old/v1/types.rs\nextra: tests/old_examples.rs\n"
        );
        assert_eq!(plan.removed(), 4);
        apply(tmp.path(), &plan).unwrap();

        assert!(!tmp.exists("src/old/v1"), "emptied dir pruned");
        assert!(!tmp.exists("ir"), "emptied dir pruned");
        assert!(tmp.exists("src/old/keep_empty"), "pre-existing empty dir kept");
        assert!(tmp.exists("src/old"), "dir still holding an empty dir kept");
        assert!(tmp.exists("empty_before"), "unrelated empty dir kept");
        assert!(tmp.exists("tests/handwritten.rs"), "hand-written file kept");
        assert!(!tmp.exists("tests/old_examples.rs"));
        assert_eq!(tmp.read("src/lib.rs"), rs("lib"));
        assert!(super::plan(tmp.path(), &gen).unwrap().is_clean());
    }

    #[test]
    fn output_hand_written_file_is_never_overwritten() {
        let tmp = TempDir::new();
        tmp.write("Cargo.toml", "[package]\nname = \"x\"\n");
        tmp.write("src/lib.rs", "pub mod vpc;\n");
        tmp.write("src/stale.rs", &rs("stale"));
        tmp.write("src/orphan.rs", &rs("orphan"));
        let before = tmp.snapshot();

        let gen =
            generated(&[("src/lib.rs", rs("generated")), ("src/stale.rs", rs("fresh")), ("src/new.rs", rs("new"))]);
        let err = plan(tmp.path(), &gen).unwrap_err();
        assert!(
            matches!(&err, OutputError::WouldOverwriteHandWritten { path } if path == &tmp.path().join("src/lib.rs")),
            "{err:?}"
        );
        assert_eq!(err.path(), tmp.path().join("src/lib.rs"));
        assert!(err.to_string().contains("hand-written"), "{err}");
        assert_eq!(tmp.snapshot(), before, "nothing may be written");
    }

    #[test]
    fn output_empty_file_counts_as_hand_written() {
        let tmp = TempDir::new();
        tmp.write("src/empty.rs", "");
        let err = plan(tmp.path(), &generated(&[("src/empty.rs", rs(""))])).unwrap_err();
        assert!(matches!(err, OutputError::WouldOverwriteHandWritten { .. }), "{err:?}");
        assert!(plan(tmp.path(), &Generated::default()).unwrap().is_clean());
    }

    #[test]
    fn output_apply_rechecks_hand_written() {
        let tmp = TempDir::new();
        tmp.write("src/a.rs", &rs("old"));
        tmp.write("src/b.rs", &rs("orphan"));
        let gen = generated(&[("src/a.rs", rs("new")), ("src/c.rs", rs("c"))]);
        let plan = plan(tmp.path(), &gen).unwrap();
        // Someone takes the file over by hand between plan and apply.
        tmp.write("src/a.rs", "// mine now\n");
        let before = tmp.snapshot();
        let err = apply(tmp.path(), &plan).unwrap_err();
        assert!(matches!(err, OutputError::WouldOverwriteHandWritten { .. }), "{err:?}");
        assert_eq!(tmp.snapshot(), before);
    }

    #[test]
    fn output_hand_written_extra_files_left_alone() {
        let tmp = TempDir::new();
        tmp.write("Cargo.toml", "[package]\nname = \"x\"\n");
        tmp.write("src/lib.rs", "\n");
        tmp.write("README.md", "# hi\n");
        tmp.write("data.json", "{\"a\": 1}\n");
        tmp.write(".hidden/x.rs", &rs("hidden generated-looking file"));
        tmp.write("target/debug/x.rs", &rs("build output"));
        let before = tmp.snapshot();

        let empty = Generated::default();
        let plan = plan(tmp.path(), &empty).unwrap();
        assert!(plan.is_clean(), "{plan}");
        assert_eq!(plan.generated(), 0);
        apply(tmp.path(), &plan).unwrap();
        assert_eq!(tmp.snapshot(), before);
    }

    #[test]
    fn output_rejects_bad_paths_and_headerless_contents() {
        let tmp = TempDir::new();
        for bad in ["", "/abs.rs", "../up.rs", "a/../b.rs", "./a.rs", "a//b.rs", "a\\b.rs", "dir/"] {
            let err = plan(tmp.path(), &generated(&[(bad, rs(""))])).unwrap_err();
            assert!(matches!(err, OutputError::InvalidPath { .. }), "{bad:?}: {err:?}");
        }
        let err = plan(tmp.path(), &generated(&[("src/a.rs", "fn f() {}\n".to_string())])).unwrap_err();
        assert!(matches!(err, OutputError::MissingHeader { .. }), "{err:?}");
    }

    #[test]
    fn output_directory_conflicts() {
        let tmp = TempDir::new();
        fs::create_dir_all(tmp.path().join("src/a.rs")).unwrap();
        let err = plan(tmp.path(), &generated(&[("src/a.rs", rs(""))])).unwrap_err();
        assert!(matches!(err, OutputError::NotAFile { .. }), "{err:?}");

        tmp.write("notes", "hand-written\n");
        let err = plan(tmp.path(), &generated(&[("notes/x.rs", rs(""))])).unwrap_err();
        assert!(matches!(err, OutputError::NotADirectory { .. }), "{err:?}");

        // A generated file that is now a directory of generated files.
        tmp.write("mod_file", &rs("was a file"));
        let gen = generated(&[("mod_file/x.rs", rs("x"))]);
        let plan = plan(tmp.path(), &gen).unwrap();
        assert_eq!(plan.to_string(), "extra: mod_file\nmissing: mod_file/x.rs\n");
        apply(tmp.path(), &plan).unwrap();
        assert_eq!(tmp.read("mod_file/x.rs"), rs("x"));

        let file = tmp.path().join("notes");
        let err = super::plan(&file, &Generated::default()).unwrap_err();
        assert!(matches!(err, OutputError::NotADirectory { .. }), "{err:?}");
    }

    #[test]
    fn output_plan_is_deterministic() {
        let tmp = TempDir::new();
        for name in ["z", "a", "m", "b/c", "b/a"] {
            tmp.write(&format!("src/{name}.rs"), &rs(name));
        }
        let gen = generated(&[("src/new.rs", rs("n")), ("src/m.rs", rs("changed"))]);
        let first = plan(tmp.path(), &gen).unwrap();
        assert_eq!(
            first.to_string(),
            "extra: src/a.rs\nextra: src/b/a.rs\nextra: src/b/c.rs\nstale: src/m.rs\nmissing: src/new.rs\nextra: src/z.rs\n"
        );
        assert_eq!(plan(tmp.path(), &gen).unwrap(), first);
    }
}
