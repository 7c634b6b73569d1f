//! Writing a file so that it is either complete or not there: a temporary file in the same
//! folder, renamed over the destination once everything is written and flushed.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Distinguishes the temporary files of one process.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A temporary path beside `path`: `.NAME.PID-N.tmp` in the same folder, so the final rename
/// stays within one file system (and is atomic there).
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Writes `path` atomically: `render` writes into a temporary file in the same folder, which
/// is flushed, synced and renamed to `path` only when `render` succeeded. An interrupted run
/// or a failed `render` leaves `path` as it was (absent, or its previous contents) and
/// removes the temporary file. Every file the CLI and the library's `*_file` exports write
/// goes through this function.
///
/// `io_error` turns an I/O failure (creating, flushing, renaming) into the caller's error
/// type, with the path it concerns.
///
/// ```
/// use cosignatory::io::write_atomically;
/// use std::io::Write;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.csv");
/// write_atomically(&path, |w| w.write_all(b"a,b\n"), |_, e| e).unwrap();
/// // A render that fails leaves the previous file untouched and no temporary file behind.
/// let failed = write_atomically(&path, |w| {
///     w.write_all(b"half")?;
///     Err(std::io::Error::other("interrupted"))
/// }, |_, e| e);
/// assert!(failed.is_err());
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");
/// assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
/// ```
///
/// # Errors
/// The error of `render`, or `io_error` of an I/O failure.
pub fn write_atomically<E>(
    path: &Path,
    render: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
    io_error: impl Fn(&Path, io::Error) -> E,
) -> Result<(), E> {
    let temp = temporary_beside(path);
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(|e| io_error(path, e))?;
    let mut w = BufWriter::new(file);
    let written = render(&mut w).and_then(|()| {
        w.flush()
            .and_then(|()| w.get_ref().sync_data())
            .map_err(|e| io_error(path, e))
    });
    drop(w);
    let result = written.and_then(|()| std::fs::rename(&temp, path).map_err(|e| io_error(path, e)));
    if result.is_err() {
        // Best effort: the temporary file may already be gone.
        let _ = std::fs::remove_file(&temp);
    }
    result
}
