//! Reading one CSV table: header checks, UTF-8, line numbers and per-field problems.

use crate::error::{Location, Problem, Warning};
use crate::model::{Origin, Problems};
use chrono::NaiveDate;
use std::io::Read;
use std::sync::Arc;

/// The columns a table knows.
pub(crate) struct Schema {
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
    /// Whether `attr.NAME` columns are read as attributes.
    pub attributes: bool,
    /// Whether a header without rows is an error.
    pub needs_rows: bool,
}

/// One data row with its origin and column map.
pub(crate) struct Row<'t> {
    pub origin: Origin,
    fields: &'t csv::StringRecord,
    /// (column name, field index); a handful of entries, so a scan beats hashing.
    columns: &'t [(String, usize)],
}

impl Row<'_> {
    fn raw(&self, field: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|(name, _)| name == field)
            .and_then(|&(_, i)| self.fields.get(i))
    }

    fn at(&self, field: &str, value: &str) -> Location {
        self.origin.at(field, value)
    }

    /// An optional field; empty counts as absent.
    pub fn opt(&self, field: &str) -> Option<&str> {
        self.raw(field).filter(|v| !v.is_empty())
    }

    /// A required field; empty is a problem.
    pub fn req(&self, field: &str) -> Result<&str, Problem> {
        self.opt(field).ok_or_else(|| Problem::EmptyField {
            at: self.at(field, ""),
        })
    }

    /// Parses a strict `YYYY-MM-DD` date.
    pub fn date(&self, field: &str, value: &str) -> Result<NaiveDate, Problem> {
        parse_date(value).ok_or_else(|| Problem::InvalidDate {
            at: self.at(field, value),
        })
    }

    /// Parses with `FromStr`, mapping failure to the given problem constructor.
    pub fn parse<T: std::str::FromStr>(
        &self,
        field: &str,
        value: &str,
        problem: impl FnOnce(Location) -> Problem,
    ) -> Result<T, Problem> {
        value.parse().map_err(|_| problem(self.at(field, value)))
    }

    /// The `attr.NAME` columns with a value, as (NAME, value).
    pub fn attributes(&self) -> impl Iterator<Item = (String, String)> + '_ {
        let mut v: Vec<(String, String)> = self
            .columns
            .iter()
            .filter_map(|(name, i)| {
                let key = name.strip_prefix("attr.")?;
                let val = self.fields.get(*i)?;
                (!val.is_empty()).then(|| (key.to_string(), val.to_string()))
            })
            .collect();
        v.sort();
        v.into_iter()
    }
}

/// A date written as `YYYY-MM-DD`, and nothing else (no times, no other orders).
pub(crate) fn parse_date(value: &str) -> Option<NaiveDate> {
    let b = value.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// Reads a whole table, calling `on_row` for each row whose fields are valid UTF-8.
///
/// Header problems (empty file, missing or duplicate columns) are not row-level: they are
/// pushed and the table is not read. Returns the number of data rows seen.
pub(crate) fn read_table<R: Read>(
    file: &str,
    reader: R,
    schema: &Schema,
    problems: &mut Problems<'_>,
    mut on_row: impl FnMut(Row<'_>, &mut Problems<'_>),
) -> usize {
    let file: Arc<str> = Arc::from(file);
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(reader);
    let header = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            push_csv_error(&file, e, problems);
            return 0;
        }
    };
    if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
        problems.push(Problem::EmptyInput {
            file: file.to_string(),
        });
        return 0;
    }
    let mut columns: Vec<(String, usize)> = Vec::new();
    let mut names = Vec::new();
    let mut header_ok = true;
    for (i, raw) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(raw)
            .trim_start_matches('\u{feff}')
            .trim()
            .to_ascii_lowercase();
        names.push(name.clone());
        let known = schema.required.contains(&name.as_str())
            || schema.optional.contains(&name.as_str())
            || (schema.attributes && name.starts_with("attr.") && name.len() > 5);
        if !known {
            problems.report.warnings.push(Warning::UnknownColumn {
                file: file.to_string(),
                column: name,
            });
            continue;
        }
        if columns.iter().any(|(n, _)| *n == name) {
            problems.push(Problem::DuplicateColumn {
                file: file.to_string(),
                column: name,
            });
            header_ok = false;
        } else {
            columns.push((name, i));
        }
    }
    for req in schema.required {
        if !columns.iter().any(|(n, _)| n == req) {
            problems.push(Problem::MissingColumn {
                file: file.to_string(),
                column: req.to_string(),
                found: names.join(","),
            });
            header_ok = false;
        }
    }
    if !header_ok {
        return 0;
    }
    let mut rows = 0usize;
    let mut record = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let fatal = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                push_csv_error(&file, e, problems);
                if fatal {
                    break;
                }
                rows += 1;
                continue;
            }
        }
        rows += 1;
        let line = record.position().map_or(0, |p| p.line());
        let origin = Origin {
            file: file.clone(),
            line,
        };
        // Validate UTF-8 without copying: the byte record becomes a string record and back.
        match csv::StringRecord::from_byte_record(std::mem::take(&mut record)) {
            Ok(fields) => {
                on_row(
                    Row {
                        origin,
                        fields: &fields,
                        columns: &columns,
                    },
                    problems,
                );
                record = fields.into_byte_record();
            }
            Err(e) => {
                let i = e.utf8_error().field();
                problems.push(Problem::InvalidUtf8 {
                    file: file.to_string(),
                    line,
                    field: names.get(i).cloned().unwrap_or_default(),
                });
                record = e.into_byte_record();
            }
        }
    }
    if rows == 0 && schema.needs_rows {
        problems.push(Problem::EmptyInput {
            file: file.to_string(),
        });
    }
    rows
}

fn push_csv_error(file: &str, e: csv::Error, problems: &mut Problems<'_>) {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} fields (as in the header), found {len}")
        }
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
        csv::ErrorKind::Io(err) => format!("read error: {err}"),
        _ => e.to_string(),
    };
    problems.push(Problem::MalformedRow {
        file: file.to_string(),
        line,
        message,
    });
}
