//! One way to write a file so that readers see the old one or the new one, never half of
//! either: used by `regen` for generated files and by the crawler for fetched pages.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `contents` to a hidden temporary file next to `path` (a name no other writer,
/// thread or process, uses), then renames it over `path`. The parent folder is created
/// when missing; on failure the temporary file is removed and `path` is left as it was.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
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
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_no_temporary_file() {
        let scratch = test_support::Scratch::new("atomic");
        let path = scratch.join("a/b/c.txt");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, "二".as_bytes()).unwrap();
        assert_eq!(scratch.files(), ["a/b/c.txt"]);
        assert_eq!(scratch.read("a/b/c.txt"), "二");
    }

    #[test]
    fn a_failed_write_leaves_the_file_and_no_temporary_file() {
        let scratch = test_support::Scratch::new("atomic-fail");
        scratch.write("dir/kept.txt", "old");
        // A folder where the file should go: the rename fails.
        std::fs::create_dir_all(scratch.join("dir/taken/inner")).unwrap();
        assert!(write_atomically(&scratch.join("dir/taken"), b"new").is_err());
        assert_eq!(scratch.files(), ["dir/kept.txt"]);
    }
}
