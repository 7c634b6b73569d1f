//! One JSON document holding a whole dataset.

use super::ReadOptions;
use crate::error::{Error, LoadReport, Problem, Result};
use crate::model::{Dataset, DatasetDocument, Origin, Problems, RawInput, SignatureRows, assemble};
use std::path::Path;
use std::sync::Arc;

/// Parses a dataset from a JSON string (`name` labels problem locations).
///
/// The document has the arrays `actors` (optional), `statements`, `signatures` and
/// `memberships` (optional); see [`DatasetDocument`]. Problems in records are located as
/// `NAME#signatures`, record number.
///
/// ```
/// use cosignatory::io::{from_json_str, to_json_string, ReadOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let text = to_json_string(&ds).unwrap();
/// let (back, _) = from_json_str("bundled.json", &text, &ReadOptions::default()).unwrap();
/// assert_eq!(back, ds);
/// ```
///
/// # Errors
/// [`Error::Json`] for syntax or shape errors; [`Error::Invalid`] for invalid records (strict).
pub fn from_json_str(
    name: &str,
    text: &str,
    options: &ReadOptions,
) -> Result<(Dataset, LoadReport)> {
    let doc: DatasetDocument = serde_json::from_str(text).map_err(|e| Error::Json {
        file: name.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let mut report = LoadReport::default();
    let mut problems = Problems::new(options.strictness, &mut report);
    for (part, empty) in [
        ("statements", doc.statements.is_empty()),
        ("signatures", doc.signatures.is_empty()),
    ] {
        if empty {
            problems.push(Problem::EmptyInput {
                file: format!("{name}#{part}"),
            });
        }
    }
    problems.check()?;
    fn tag<T>(file: String, v: Vec<T>) -> Vec<(T, Origin)> {
        let file: Arc<str> = Arc::from(file);
        v.into_iter()
            .enumerate()
            .map(|(i, x)| {
                (
                    x,
                    Origin {
                        file: file.clone(),
                        line: i as u64 + 1,
                    },
                )
            })
            .collect()
    }
    let raw = RawInput {
        actors: if doc.actors.is_empty() {
            None
        } else {
            Some(tag(format!("{name}#actors"), doc.actors))
        },
        statements: tag(format!("{name}#statements"), doc.statements),
        signatures: SignatureRows::from_records(&format!("{name}#signatures"), doc.signatures),
        memberships: tag(format!("{name}#memberships"), doc.memberships),
        ..RawInput::default()
    };
    let ds = assemble(raw, &mut problems)?;
    Ok((ds, report))
}

/// Reads a dataset from a JSON file (see [`from_json_str`]).
///
/// # Errors
/// [`Error::Io`], [`Error::Json`] or [`Error::Invalid`].
pub fn read_json_with(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<(Dataset, LoadReport)> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        Error::Invalid {
            problems: vec![Problem::InvalidUtf8 {
                file: name.clone(),
                line: before.iter().filter(|&&b| b == b'\n').count() as u64 + 1,
                field: String::new(),
            }],
        }
    })?;
    from_json_str(&name, &text, options)
}

/// Serializes a dataset as pretty-printed JSON.
///
/// # Errors
/// [`Error::Serialize`] if serialisation fails, which does not happen for valid datasets.
pub fn to_json_string(ds: &Dataset) -> Result<String> {
    serde_json::to_string_pretty(ds).map_err(|e| Error::Serialize {
        what: "the dataset",
        message: e.to_string(),
    })
}

/// Writes a dataset as one JSON file.
///
/// # Errors
/// [`Error::Io`] when the file cannot be written.
pub fn write_json(ds: &Dataset, path: impl AsRef<Path>) -> Result<()> {
    let path = path.as_ref();
    let text = to_json_string(ds)?;
    std::fs::write(path, text).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}
