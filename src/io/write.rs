//! Writing a dataset folder of CSVs.

use crate::error::{Error, Result};
use crate::model::Dataset;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

fn csv_err(path: &Path, e: csv::Error) -> Error {
    let source = match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    };
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The dataset's four tables as CSV bytes, by file name (`statements.csv`,
/// `signatures.csv`, `actors.csv`, `memberships.csv`), in memory: what
/// [`write_csv_folder`] writes, for callers that keep tables off the disk.
///
/// ```
/// let ds = cosignatory::datasets::joint_statements();
/// let tables = cosignatory::io::to_csv_tables(&ds).unwrap();
/// assert_eq!(tables[0].0, "statements.csv");
/// assert!(tables[0].1.starts_with(b"id,"));
/// ```
///
/// # Errors
/// [`Error::Io`] (naming the table) if a record cannot be serialised.
pub fn to_csv_tables(ds: &Dataset) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let tables = [
        ("statements.csv", statements_csv(ds)),
        ("signatures.csv", signatures_csv(ds)),
        ("actors.csv", actors_csv(ds)),
        ("memberships.csv", memberships_csv(ds)),
    ];
    tables
        .into_iter()
        .map(|(name, body)| Ok((name, body.map_err(|e| csv_err(Path::new(name), e))?)))
        .collect()
}

/// Writes `statements.csv`, `signatures.csv`, `actors.csv` and `memberships.csv` into `dir`
/// (created if needed). Reading the folder back gives an identical dataset.
///
/// # Errors
/// [`Error::Io`] when a file cannot be written.
pub fn write_csv_folder(ds: &Dataset, dir: impl AsRef<Path>) -> Result<()> {
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for (name, bytes) in to_csv_tables(ds)? {
        let path = dir.join(name);
        let io = |p: &Path, source| Error::Io {
            path: p.to_path_buf(),
            source,
        };
        super::write_atomically(&path, |f| f.write_all(&bytes).map_err(|e| io(&path, e)), io)?;
    }
    Ok(())
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> csv::Result<Vec<u8>> {
    w.into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

/// statements.csv as bytes.
pub(crate) fn statements_csv(ds: &Dataset) -> csv::Result<Vec<u8>> {
    let attrs: BTreeSet<&str> = ds
        .statements()
        .iter()
        .flat_map(|s| s.attributes.keys().map(String::as_str))
        .collect();
    let mut w = writer();
    let mut header = vec![
        "id".to_string(),
        "date".into(),
        "title".into(),
        "kind".into(),
        "source".into(),
    ];
    header.extend(["topics".into(), "opposes".into()]);
    header.extend(attrs.iter().map(|a| format!("attr.{a}")));
    w.write_record(&header)?;
    for s in ds.statements() {
        let mut rec = vec![
            s.id.clone(),
            s.date.to_string(),
            s.title.clone(),
            s.kind.to_string(),
            s.source.clone().unwrap_or_default(),
            s.topics.join(";"),
            s.opposes.clone().unwrap_or_default(),
        ];
        rec.extend(
            attrs
                .iter()
                .map(|a| s.attributes.get(*a).cloned().unwrap_or_default()),
        );
        w.write_record(&rec)?;
    }
    finish(w)
}

/// signatures.csv as bytes.
pub(crate) fn signatures_csv(ds: &Dataset) -> csv::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(["statement", "actor", "position", "role", "date"])?;
    for s in ds.signature_records() {
        let joined = s.joined.map(|d| d.to_string()).unwrap_or_default();
        w.write_record([
            &s.statement,
            &s.actor,
            s.position.as_str(),
            s.role.as_deref().unwrap_or(""),
            &joined,
        ])?;
    }
    finish(w)
}

/// actors.csv as bytes.
pub(crate) fn actors_csv(ds: &Dataset) -> csv::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(["id", "name", "kind"])?;
    for a in ds.actors() {
        w.write_record([&a.id, &a.name, a.kind.as_str()])?;
    }
    finish(w)
}

/// memberships.csv as bytes.
pub(crate) fn memberships_csv(ds: &Dataset) -> csv::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(["bloc", "member", "from", "to"])?;
    for m in ds.membership_records() {
        let to = m.to.map(|d| d.to_string()).unwrap_or_default();
        w.write_record([&m.bloc, &m.member, &m.from.to_string(), &to])?;
    }
    finish(w)
}
