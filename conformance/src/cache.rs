//! Archives of reference pages unpacked once under `target/corpus-cache/<name>/`.
//!
//! The cache is keyed by the archive's size and modification time, written in a stamp
//! file inside the unpacked folder: while they match, the folder is reused as it is. A
//! new unpacking goes to a temporary folder beside it that is renamed into place only
//! once complete, so a run killed half-way never leaves half a cache.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::UNIX_EPOCH;

use anyhow::{bail, Context, Result};

use crate::paths::workspace_root;

/// The stamp file inside an unpacked folder (hidden: page discovery skips it).
pub const STAMP: &str = ".corpus-cache-stamp";

/// Where archives are unpacked unless told otherwise: `target/corpus-cache/` of the
/// workspace (or of `CARGO_TARGET_DIR`).
pub fn default_root() -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
    target.join("corpus-cache")
}

/// What identifies a version of the archive: its size and modification time.
fn stamp_of(archive: &Path) -> Result<String> {
    let meta = fs::metadata(archive).with_context(|| format!("{}: cannot read the archive", archive.display()))?;
    let mtime = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).unwrap_or_default();
    Ok(format!("size {} mtime {}.{:09}\n", meta.len(), mtime.as_secs(), mtime.subsec_nanos()))
}

/// Whether the process `pid` still runs (where that can be told; elsewhere: yes).
fn alive(pid: u32) -> bool {
    if Path::new("/proc/self").is_dir() {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Removes the temporary folders that killed runs left for `name`.
fn remove_stale_temps(root: &Path, name: &str) {
    let prefix = format!(".tmp-{name}-");
    let Ok(entries) = fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name.strip_prefix(&prefix).and_then(|rest| rest.split('-').next()) else { continue };
        if pid.parse().is_ok_and(|pid: u32| pid != std::process::id() && !alive(pid)) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The archive unpacked as `<root>/<name>/`: reused when its stamp matches the archive,
/// else unpacked anew (`tar -xJf`). Returns the folder and whether it was unpacked now.
pub fn unpacked(archive: &Path, root: &Path, name: &str) -> Result<(PathBuf, bool)> {
    let stamp = stamp_of(archive)?;
    let dest = root.join(name);
    if fs::read_to_string(dest.join(STAMP)).is_ok_and(|s| s == stamp) {
        return Ok((dest, false));
    }
    fs::create_dir_all(root).with_context(|| format!("{}: cannot create the cache folder", root.display()))?;
    remove_stale_temps(root, name);
    let tmp = root.join(format!(".tmp-{name}-{}-{}", std::process::id(), unique()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).with_context(|| format!("{}: cannot create", tmp.display()))?;
    let result = unpack_into(archive, &tmp, &stamp).and_then(|()| replace(&tmp, &dest, &stamp));
    let _ = fs::remove_dir_all(&tmp);
    result.map(|()| (dest, true))
}

fn unique() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn unpack_into(archive: &Path, tmp: &Path, stamp: &str) -> Result<()> {
    let output = Command::new("tar")
        .arg("-xJf")
        .arg(archive)
        .arg("-C")
        .arg(tmp)
        .output()
        .context("cannot run `tar` (needed to unpack the archive, with `xz`)")?;
    if !output.status.success() {
        bail!("{}: `tar -xJf` failed: {}", archive.display(), String::from_utf8_lossy(&output.stderr).trim());
    }
    // The stamp goes in last: a folder with a stamp is a complete one.
    fs::write(tmp.join(STAMP), stamp).with_context(|| format!("{}: cannot write the stamp", tmp.display()))
}

/// Moves the complete `tmp` to `dest`, replacing an outdated `dest`. When another run
/// put the same version in place meanwhile, its folder is kept.
fn replace(tmp: &Path, dest: &Path, stamp: &str) -> Result<()> {
    if dest.exists() {
        // Out of the way first (a rename, then the slow removal), so `dest` is never half
        // removed under its own name.
        let old = dest.with_file_name(format!(
            ".tmp-{}-{}-{}-old",
            dest.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id(),
            unique()
        ));
        if fs::rename(dest, &old).is_ok() {
            let _ = fs::remove_dir_all(&old);
        }
    }
    match fs::rename(tmp, dest) {
        Ok(()) => Ok(()),
        Err(_) if fs::read_to_string(dest.join(STAMP)).is_ok_and(|s| s == stamp) => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot move {} to {}", tmp.display(), dest.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_support::Scratch;

    fn pack(tmp: &Scratch, archive: &str, from: &str) {
        let status = Command::new("tar")
            .arg("-cJf")
            .arg(tmp.path().join(archive))
            .arg("-C")
            .arg(tmp.path().join(from))
            .arg(".")
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn unpacks_once_then_reuses_until_the_archive_changes() {
        let tmp = Scratch::new("conformance-cache");
        tmp.write("src/p/v/txt/A.txt", "first");
        pack(&tmp, "a.tar.xz", "src");
        let archive = tmp.path().join("a.tar.xz");
        let cache = tmp.path().join("cache");

        let (dir, fresh) = unpacked(&archive, &cache, "a").unwrap();
        assert!(fresh);
        assert_eq!(dir, cache.join("a"));
        assert_eq!(tmp.read("cache/a/p/v/txt/A.txt"), "first");
        assert!(dir.join(STAMP).is_file());

        // Reused as it is: a file added by hand is still there.
        tmp.write("cache/a/p/v/txt/B.txt", "mine");
        let (_, fresh) = unpacked(&archive, &cache, "a").unwrap();
        assert!(!fresh);
        assert!(cache.join("a/p/v/txt/B.txt").is_file());

        // Another archive (another size): unpacked anew, the old folder replaced whole.
        tmp.write("src/p/v/txt/A.txt", "second, longer");
        pack(&tmp, "a.tar.xz", "src");
        let (_, fresh) = unpacked(&archive, &cache, "a").unwrap();
        assert!(fresh);
        assert_eq!(tmp.read("cache/a/p/v/txt/A.txt"), "second, longer");
        assert!(!cache.join("a/p/v/txt/B.txt").exists());
        // Nothing is left beside it.
        let names: Vec<String> =
            fs::read_dir(&cache).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["a"]);
    }

    #[test]
    fn a_killed_run_leaves_no_half_cache() {
        let tmp = Scratch::new("conformance-cache");
        tmp.write("src/A.txt", "a");
        pack(&tmp, "a.tar.xz", "src");
        let cache = tmp.path().join("cache");
        // What a run killed while unpacking leaves: a temporary folder (of a process that
        // is gone) and no `a/`.
        let dead = u32::MAX - 1;
        tmp.write(&format!("cache/.tmp-a-{dead}-0/A.txt"), "half");
        // And a folder without a stamp is never taken for a cache.
        tmp.write("cache/b/A.txt", "half");
        let (_, fresh) = unpacked(&tmp.path().join("a.tar.xz"), &cache, "b").unwrap();
        assert!(fresh);
        let (_, fresh) = unpacked(&tmp.path().join("a.tar.xz"), &cache, "a").unwrap();
        assert!(fresh);
        assert!(!cache.join(format!(".tmp-a-{dead}-0")).exists());
        assert_eq!(tmp.read("cache/a/A.txt"), "a");
    }

    #[test]
    fn a_broken_archive_is_an_error_and_leaves_nothing() {
        let tmp = Scratch::new("conformance-cache");
        tmp.write("bad.tar.xz", "not xz");
        let cache = tmp.path().join("cache");
        let err = unpacked(&tmp.path().join("bad.tar.xz"), &cache, "bad").unwrap_err();
        assert!(format!("{err:#}").contains("tar -xJf"), "{err:#}");
        assert_eq!(fs::read_dir(&cache).unwrap().count(), 0);
    }
}
