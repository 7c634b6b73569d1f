//! One JSON document holding a whole dataset.

use super::ReadOptions;
use super::table::parse_date;
use crate::error::{Error, LoadReport, Location, Problem, Result, Warning};
use crate::model::{
    Actor, ActorKind, Dataset, Membership, Origin, Position, Problems, RawInput, Signature,
    SignatureFields, Statement, StatementKind, assemble,
};
use chrono::NaiveDate;
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Parses a dataset from a JSON string (`name` labels problem locations).
///
/// The document is an object with the arrays `statements` and `signatures` (required) and
/// `actors` and `memberships` (optional); see [`DatasetDocument`](crate::model::DatasetDocument)
/// for the form [`to_json_string`] writes. Records accept exactly the fields of the CSV
/// folder's tables, with the same defaults (see [the table](crate::io)): only `id` / `date`,
/// `statement` / `actor`, `id` and `bloc` / `member` / `from` are required; actor `name`
/// defaults to the id and `kind` is inferred, statement `kind` defaults to `joint_statement`,
/// signature `position` to `yes`. Values are strings (numbers and booleans are read as their
/// text, `null` and `""` as absent); `topics` may also be an array and `attributes` an object
/// (statement `attr.NAME` fields are attributes too); a signature's joining day is `joined`
/// (or `date`, as in CSV). Unknown fields are ignored with a [`Warning`](crate::Warning).
///
/// Records go through the same validation as CSV rows, so they give the same problems, and a
/// lenient read skips the same records and reports them. A problem is located by the JSON
/// path of the value (`signatures[2].position`) and the line and column where it starts.
///
/// ```
/// use cosignatory::io::{from_json_str, to_json_string, ReadOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let text = to_json_string(&ds).unwrap();
/// let (back, _) = from_json_str("bundled.json", &text, &ReadOptions::default()).unwrap();
/// assert_eq!(back, ds);
///
/// let minimal = r#"{"statements": [{"id": "s1", "date": "2024-11-05"}],
///                   "signatures": [{"statement": "s1", "actor": "USA"},
///                                  {"statement": "s1", "actor": "KOR", "position": "maybe"}]}"#;
/// let (ds, report) = from_json_str("m.json", minimal, &ReadOptions::lenient()).unwrap();
/// assert_eq!(ds.num_signatures(), 1);
/// let at = report.skipped[0].location().unwrap();
/// assert_eq!((at.field.as_str(), at.line, at.column), ("signatures[1].position", 3, Some(82)));
/// ```
///
/// # Errors
/// [`Error::Json`] for syntax errors or a document that is not an object of arrays;
/// [`Error::Invalid`] for invalid records (strict) or no statements or signatures.
pub fn from_json_str(
    name: &str,
    text: &str,
    options: &ReadOptions,
) -> Result<(Dataset, LoadReport)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = Document::parse(name, text)?;
    let mut report = LoadReport::default();
    let result = read_records(name, &doc, options, &mut report);
    let result = result.map_err(|e| match e {
        Error::Invalid { mut problems } => {
            problems.iter_mut().for_each(|p| doc.locate(p));
            Error::Invalid { problems }
        }
        e => e,
    });
    report.skipped.iter_mut().for_each(|p| doc.locate(p));
    for w in &mut report.warnings {
        if let Warning::ActorIdCase { at, .. } = w {
            doc.locate_at(at);
        }
    }
    result.map(|ds| (ds, report))
}

/// The record arrays of a document, as raw slices of its text.
struct Document<'a> {
    text: &'a str,
    name: String,
    /// Per part ([`PARTS`] order): each record's raw text.
    parts: [Vec<&'a RawValue>; 4],
    /// Byte offsets where lines start.
    line_starts: Vec<usize>,
}

/// The record arrays, in the order of [`Document::parts`].
const PARTS: [&str; 4] = ["actors", "statements", "signatures", "memberships"];

/// The fields each part knows (as the CSV schemas; `attributes` and `joined` are the written
/// form's names).
const FIELDS: [&[&str]; 4] = [
    &["id", "name", "kind"],
    &[
        "id",
        "date",
        "title",
        "kind",
        "source",
        "topics",
        "opposes",
        "attributes",
    ],
    &["statement", "actor", "position", "role", "date", "joined"],
    &["bloc", "member", "from", "to"],
];

impl<'a> Document<'a> {
    fn parse(name: &str, text: &'a str) -> Result<Self> {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut doc = Document {
            text,
            name: name.to_string(),
            parts: Default::default(),
            line_starts,
        };
        let top: BTreeMap<String, &'a RawValue> =
            serde_json::from_str(text).map_err(|e| doc.syntax(&e))?;
        for (key, value) in top {
            let Some(k) = PARTS.iter().position(|p| *p == key) else {
                // Reported as a warning by `read_records`.
                continue;
            };
            if value.get() == "null" {
                continue;
            }
            doc.parts[k] =
                serde_json::from_str::<Vec<&'a RawValue>>(value.get()).map_err(|_| {
                    let (line, column) = doc.position(value.get());
                    Error::Json {
                        file: name.to_string(),
                        line,
                        column,
                        message: format!("`{key}` must be an array of records"),
                    }
                })?;
        }
        Ok(doc)
    }

    fn syntax(&self, e: &serde_json::Error) -> Error {
        let message = match e.classify() {
            serde_json::error::Category::Data => {
                "the document must be an object with the arrays `statements`, `signatures` and \
                 optionally `actors` and `memberships`"
                    .to_string()
            }
            _ => e.to_string(),
        };
        Error::Json {
            file: self.name.clone(),
            line: e.line(),
            column: e.column(),
            message,
        }
    }

    /// The 1-based line and column where `slice` (a part of the text) starts.
    fn position(&self, slice: &str) -> (usize, usize) {
        let offset = (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let line = self.line_starts.partition_point(|&s| s <= offset);
        (line, offset - self.line_starts[line - 1] + 1)
    }

    /// The internal file name of a part (records are numbered from 1 within it).
    fn part_file(&self, k: usize) -> String {
        format!("{}#{}", self.name, PARTS[k])
    }

    /// Rewrites a problem located by part and record number into JSON path, line and column.
    fn locate(&self, p: &mut Problem) {
        let record_line = |k: usize, n: u64| -> u64 {
            self.parts[k]
                .get(n as usize - 1)
                .map_or(n, |r| self.position(r.get()).0 as u64)
        };
        let part = p
            .location()
            .and_then(|at| (0..PARTS.len()).find(|&k| at.file == self.part_file(k)));
        if let Some(k) = part {
            match p {
                Problem::DuplicateActor { first_line, .. }
                | Problem::DuplicateStatement { first_line, .. }
                | Problem::DuplicateSignature { first_line, .. } => {
                    *first_line = record_line(k, *first_line);
                }
                Problem::OverlappingMembership { other_line, .. } => {
                    *other_line = record_line(k, *other_line);
                }
                Problem::SkippedReference { at, target_line } => {
                    let target = if matches!(at.field.as_str(), "statement" | "opposes") {
                        1
                    } else {
                        0
                    };
                    *target_line = record_line(target, *target_line);
                }
                _ => {}
            }
        }
        if let Some(at) = p.location_mut() {
            self.locate_at(at);
        }
    }

    /// Rewrites one location (see [`Document::locate`]).
    fn locate_at(&self, at: &mut Location) {
        let Some(k) = (0..4).find(|&k| at.file == self.part_file(k)) else {
            return;
        };
        let Some(record) = at
            .line
            .checked_sub(1)
            .and_then(|i| self.parts[k].get(i as usize))
        else {
            return;
        };
        let i = at.line - 1;
        // The field's own position when the record has it, else the record's.
        let fields: BTreeMap<String, &RawValue> =
            serde_json::from_str(record.get()).unwrap_or_default();
        let json_field = match (k, at.field.as_str()) {
            (2, "date") if !fields.contains_key("date") => "joined",
            _ => at.field.as_str(),
        };
        let start = fields.get(json_field).map_or(record.get(), |v| v.get());
        let (line, column) = self.position(start);
        at.file = self.name.clone();
        at.field = if at.field.is_empty() {
            format!("{}[{i}]", PARTS[k])
        } else {
            format!("{}[{i}].{json_field}", PARTS[k])
        };
        at.line = line as u64;
        at.column = Some(column as u64);
    }
}

/// One record's fields, read as the CSV reader reads a row.
struct Record<'a> {
    origin: Origin,
    fields: BTreeMap<String, &'a RawValue>,
}

impl<'a> Record<'a> {
    fn at(&self, field: &str, value: &str) -> Location {
        self.origin.at(field, value)
    }

    /// A text value: strings (trimmed), numbers and booleans; `null` and `""` are absent.
    fn opt(&self, field: &str) -> Result<Option<String>, Problem> {
        let Some(raw) = self.fields.get(field) else {
            return Ok(None);
        };
        let value: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
        let text = match value {
            Value::Null => return Ok(None),
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Array(_) | Value::Object(_) => {
                return Err(Problem::InvalidValue {
                    at: self.at(field, raw.get()),
                    reason: "expected a string".to_string(),
                });
            }
        };
        Ok((!text.is_empty()).then_some(text))
    }

    fn req(&self, field: &str) -> Result<String, Problem> {
        self.opt(field)?.ok_or_else(|| Problem::EmptyField {
            at: self.at(field, ""),
        })
    }

    fn date(&self, field: &str, value: &str) -> Result<NaiveDate, Problem> {
        parse_date(value).ok_or_else(|| Problem::InvalidDate {
            at: self.at(field, value),
        })
    }

    fn actor(&self) -> Result<Actor, Problem> {
        let id = self.req("id")?;
        let kind = match self.opt("kind")? {
            Some(k) => k
                .parse::<ActorKind>()
                .map_err(|_| Problem::UnknownActorKind {
                    at: self.at("kind", &k),
                })?,
            None => Actor::inferred_kind(&id, false),
        };
        let name = self.opt("name")?.unwrap_or_else(|| id.clone());
        Ok(Actor::new(id, name, kind))
    }

    fn statement(&self) -> Result<Statement, Problem> {
        let id = self.req("id")?;
        let date_text = self.req("date")?;
        let date = self.date("date", &date_text)?;
        let kind: StatementKind = self
            .opt("kind")?
            .map_or(StatementKind::JointStatement, |k| {
                k.parse()
                    .unwrap_or_else(|e: std::convert::Infallible| match e {})
            });
        let mut s =
            Statement::new(id, date, kind).with_title(self.opt("title")?.unwrap_or_default());
        s.source = self.opt("source")?;
        s.opposes = self.opt("opposes")?;
        s.topics = self.topics()?;
        s.attributes = self.attributes()?;
        Ok(s)
    }

    /// `topics`: an array of strings, or one string separated by `;` (as in CSV).
    fn topics(&self) -> Result<Vec<String>, Problem> {
        let Some(raw) = self.fields.get("topics") else {
            return Ok(Vec::new());
        };
        let tidy = |v: Vec<String>| -> Vec<String> {
            v.iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect()
        };
        if let Ok(list) = serde_json::from_str::<Vec<String>>(raw.get()) {
            return Ok(tidy(list));
        }
        Ok(self
            .opt("topics")
            .map_err(|_| Problem::InvalidValue {
                at: self.at("topics", raw.get()),
                reason: "expected an array of strings or a `;`-separated string".to_string(),
            })?
            .map(|t| tidy(t.split(';').map(str::to_string).collect()))
            .unwrap_or_default())
    }

    /// `attributes` (an object of text values) and `attr.NAME` fields.
    fn attributes(&self) -> Result<BTreeMap<String, String>, Problem> {
        let mut out = BTreeMap::new();
        if let Some(raw) = self.fields.get("attributes") {
            let bad = || Problem::InvalidValue {
                at: self.at("attributes", raw.get()),
                reason: "expected an object of strings".to_string(),
            };
            let map: BTreeMap<String, Value> = match serde_json::from_str::<Value>(raw.get()) {
                Ok(Value::Null) => BTreeMap::new(),
                Ok(Value::Object(m)) => m.into_iter().collect(),
                _ => return Err(bad()),
            };
            for (k, v) in map {
                let text = match v {
                    Value::Null => continue,
                    Value::String(s) => s.trim().to_string(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => return Err(bad()),
                };
                if !text.is_empty() {
                    out.insert(k, text);
                }
            }
        }
        for key in self.fields.keys() {
            if let Some(name) = key.strip_prefix("attr.")
                && let Some(v) = self.opt(key)?
            {
                out.insert(name.to_string(), v);
            }
        }
        Ok(out)
    }

    fn signature(&self) -> Result<Signature, Problem> {
        let statement = self.req("statement")?;
        let actor = self.req("actor")?;
        let position = match self.opt("position")? {
            Some(p) => p
                .parse::<Position>()
                .map_err(|_| Problem::UnknownPosition {
                    at: self.at("position", &p),
                })?,
            None => Position::Yes,
        };
        let joined = match self.opt("joined")? {
            Some(d) => Some(self.date("joined", &d)?),
            None => self
                .opt("date")?
                .map(|d| self.date("date", &d))
                .transpose()?,
        };
        Ok(Signature {
            statement,
            actor,
            position,
            role: self.opt("role")?,
            joined,
        })
    }

    fn membership(&self) -> Result<Membership, Problem> {
        let bloc = self.req("bloc")?;
        let member = self.req("member")?;
        let from = self.date("from", &self.req("from")?)?;
        let to = self.opt("to")?.map(|d| self.date("to", &d)).transpose()?;
        Ok(Membership::new(bloc, member, from, to))
    }
}

/// Reads the records of a parsed document through the shared validation ([`assemble`]).
fn read_records(
    name: &str,
    doc: &Document<'_>,
    options: &ReadOptions,
    report: &mut LoadReport,
) -> Result<Dataset> {
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(doc.text).unwrap_or_default();
    for key in top.keys().filter(|k| !PARTS.contains(&k.as_str())) {
        report.warnings.push(Warning::UnknownColumn {
            file: name.to_string(),
            column: key.clone(),
        });
    }
    let mut problems = Problems::new(options.strictness, report);
    for k in [1, 2] {
        if doc.parts[k].is_empty() {
            problems.push(Problem::EmptyInput {
                file: doc.part_file(k),
            });
        }
    }
    problems.check_files()?;
    let mut raw = RawInput::default();
    let mut actors = Vec::new();
    let mut signatures = Vec::new();
    let mut unknown: Vec<(usize, String)> = Vec::new();
    for (k, records) in doc.parts.iter().enumerate() {
        let file: Arc<str> = Arc::from(doc.part_file(k));
        for (i, raw_record) in records.iter().enumerate() {
            let origin = Origin {
                file: file.clone(),
                line: i as u64 + 1,
            };
            let fields: BTreeMap<String, &RawValue> = match serde_json::from_str(raw_record.get()) {
                Ok(f) => f,
                Err(_) => {
                    problems.push(Problem::InvalidValue {
                        at: origin.at("", raw_record.get().chars().take(40).collect::<String>()),
                        reason: format!(
                            "expected a record (an object with the fields {})",
                            FIELDS[k].join(", ")
                        ),
                    });
                    continue;
                }
            };
            for key in fields.keys() {
                let known =
                    FIELDS[k].contains(&key.as_str()) || (k == 1 && key.starts_with("attr."));
                if !known && !unknown.iter().any(|(u, n)| *u == k && n == key) {
                    unknown.push((k, key.clone()));
                }
            }
            let rec = Record { origin, fields };
            let rejected_id = || rec.opt("id").ok().flatten();
            match k {
                0 => match rec.actor() {
                    Ok(a) => actors.push((a, rec.origin)),
                    Err(e) => {
                        if let Some(id) = rejected_id() {
                            raw.rejected_actors.insert(id, rec.origin.line);
                        }
                        problems.push(e);
                    }
                },
                1 => match rec.statement() {
                    Ok(s) => raw.push_statement(s, &rec.origin.file, rec.origin.line),
                    Err(e) => {
                        if let Some(id) = rejected_id() {
                            raw.rejected_statements.insert(id, rec.origin.line);
                        }
                        problems.push(e);
                    }
                },
                2 => match rec.signature() {
                    Ok(s) => signatures.push((s, rec.origin)),
                    Err(e) => problems.push(e),
                },
                _ => match rec.membership() {
                    Ok(m) => raw.memberships.push((m, rec.origin)),
                    Err(e) => problems.push(e),
                },
            }
        }
    }
    for (k, key) in unknown {
        problems.report.warnings.push(Warning::UnknownColumn {
            file: doc.part_file(k),
            column: key,
        });
    }
    if !doc.parts[0].is_empty() {
        raw.actors = Some(actors);
    }
    for (s, origin) in &signatures {
        raw.signatures.push(
            SignatureFields {
                statement: s.statement.as_bytes(),
                actor: s.actor.as_bytes(),
                position: s.position,
                role: s.role.as_deref().map(str::as_bytes),
                joined: s.joined,
            },
            origin,
        );
    }
    drop(signatures);
    assemble(raw, &mut problems)
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
    let io = |p: &Path, source| Error::Io {
        path: p.to_path_buf(),
        source,
    };
    super::write_atomically(
        path,
        |f| std::io::Write::write_all(f, text.as_bytes()).map_err(|e| io(path, e)),
        io,
    )
}
