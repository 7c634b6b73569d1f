//! Where the bytes go: buffering, flushing, and I/O errors as the crate's [`Error::Io`].

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The path reported for I/O errors on a caller's writer.
const WRITER: &str = "<writer>";

fn io_error(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> Error {
    move |source| Error::Io {
        path: path.into(),
        source,
    }
}

/// Runs `render` on a buffered `out` and flushes it.
pub(crate) fn to_writer<W: Write>(
    out: W,
    render: impl FnOnce(&mut BufWriter<W>) -> io::Result<()>,
) -> Result<()> {
    let mut buffered = BufWriter::new(out);
    render(&mut buffered)
        .and_then(|()| buffered.flush())
        .map_err(io_error(WRITER))
}

/// Runs `render` on a new file at `path`, written atomically
/// ([`write_atomically`](crate::io::write_atomically)): a failed export leaves nothing
/// truncated under `path`.
pub(crate) fn to_file(
    path: &Path,
    render: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> Result<()> {
    crate::io::write_atomically(
        path,
        |w| render(w).map_err(io_error(path)),
        |p, source| Error::Io {
            path: p.to_path_buf(),
            source,
        },
    )
}

/// A CSV error as an I/O error (writing strings can only fail in the underlying writer).
pub(crate) fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(source) => source,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Broken;

    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("disk on fire"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn write_errors_name_the_writer_or_the_path() {
        // Small outputs only reach the writer when the buffer is flushed.
        let e = to_writer(Broken, |w| w.write_all(b"x")).unwrap_err();
        match e {
            Error::Io { path, source } => {
                assert_eq!(path, PathBuf::from("<writer>"));
                assert_eq!(source.to_string(), "disk on fire");
            }
            other => panic!("unexpected {other:?}"),
        }
        let missing = Path::new("/nonexistent-cosignatory-dir/out.graphml");
        match to_file(missing, |w| w.write_all(b"x")).unwrap_err() {
            Error::Io { path, .. } => assert_eq!(path, missing),
            other => panic!("unexpected {other:?}"),
        }
    }
}
