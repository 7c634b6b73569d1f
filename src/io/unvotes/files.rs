//! Opening the tables on disk, gzip-compressed (`.gz`, with the `un-votes` feature) or not.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// A table file as a reader, decompressed if its name ends in `.gz`.
pub(crate) fn open(path: &Path) -> Result<Box<dyn Read>> {
    let file = File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let reader = BufReader::with_capacity(1 << 16, file);
    if path.extension().is_some_and(|e| e == "gz") {
        gz(path, reader)
    } else {
        Ok(Box::new(reader))
    }
}

#[cfg(feature = "un-votes")]
fn gz(_: &Path, reader: BufReader<File>) -> Result<Box<dyn Read>> {
    Ok(gunzip(reader))
}

/// A gzip stream, decompressed. With a second thread in the pool (`parallel` feature) it is
/// inflated there while the caller parses: the same bytes and errors, in the same order.
#[cfg(feature = "un-votes")]
pub(crate) fn gunzip(source: impl std::io::BufRead + Send + 'static) -> Box<dyn Read> {
    let decoder = flate2::bufread::MultiGzDecoder::new(source);
    #[cfg(feature = "parallel")]
    if crate::par::threads() > 1 {
        return Box::new(super::read_ahead::ReadAhead::spawn(decoder));
    }
    Box::new(decoder)
}

#[cfg(not(feature = "un-votes"))]
fn gz(path: &Path, _: BufReader<File>) -> Result<Box<dyn Read>> {
    Err(Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other("reading .gz files needs the `un-votes` feature"),
    })
}

/// `dir/stem.csv`, or `dir/stem.csv.gz` if only that exists.
pub(crate) fn find(dir: &Path, stem: &str) -> Option<PathBuf> {
    [format!("{stem}.csv"), format!("{stem}.csv.gz")]
        .into_iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}
