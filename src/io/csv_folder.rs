//! The dataset folder: statements.csv, signatures.csv, and optional actors.csv and memberships.csv.

use super::ReadOptions;
use super::table::{Fields, Schema, read_rows};
use crate::error::{Error, LoadReport, Problem, Result};
use crate::model::{
    Actor, ActorKind, Dataset, Membership, Position, Problems, RawInput, SignatureFields,
    Statement, StatementKind, assemble,
};
use std::fs::File;
use std::io::Read;
use std::path::Path;

const STATEMENTS: Schema = Schema {
    required: &["id", "date"],
    optional: &["title", "kind", "source", "topics", "opposes"],
    attributes: true,
    needs_rows: true,
};
const SIGNATURES: Schema = Schema {
    required: &["statement", "actor"],
    optional: &["position", "role", "date"],
    attributes: false,
    needs_rows: true,
};
const ACTORS: Schema = Schema {
    required: &["id"],
    optional: &["name", "kind"],
    attributes: false,
    needs_rows: true,
};
const MEMBERSHIPS: Schema = Schema {
    required: &["bloc", "member", "from"],
    optional: &["to"],
    attributes: false,
    needs_rows: false,
};

// Each table's columns by slot (checked against the schemas when compiled).
const ST_ID: usize = STATEMENTS.slot("id");
const ST_DATE: usize = STATEMENTS.slot("date");
const ST_TITLE: usize = STATEMENTS.slot("title");
const ST_KIND: usize = STATEMENTS.slot("kind");
const ST_SOURCE: usize = STATEMENTS.slot("source");
const ST_TOPICS: usize = STATEMENTS.slot("topics");
const ST_OPPOSES: usize = STATEMENTS.slot("opposes");
const SIG_STATEMENT: usize = SIGNATURES.slot("statement");
const SIG_ACTOR: usize = SIGNATURES.slot("actor");
const SIG_POSITION: usize = SIGNATURES.slot("position");
const SIG_ROLE: usize = SIGNATURES.slot("role");
const SIG_DATE: usize = SIGNATURES.slot("date");
const ACT_ID: usize = ACTORS.slot("id");
const ACT_NAME: usize = ACTORS.slot("name");
const ACT_KIND: usize = ACTORS.slot("kind");
const MEM_BLOC: usize = MEMBERSHIPS.slot("bloc");
const MEM_MEMBER: usize = MEMBERSHIPS.slot("member");
const MEM_FROM: usize = MEMBERSHIPS.slot("from");
const MEM_TO: usize = MEMBERSHIPS.slot("to");

/// The four tables of a dataset, as readers with the names used in problem reports.
///
/// Use this to read from memory or any other source; [`read_csv_folder`] opens files for you.
///
/// ```
/// use cosignatory::io::{CsvTables, ReadOptions};
/// let statements = "id,date,title,kind\ns1,2024-11-05,DPRK troops,joint_statement\n";
/// let signatures = "statement,actor,position\ns1,USA,yes\ns1,KOR,yes\n";
/// let tables = CsvTables::new(("statements.csv", statements.as_bytes()), ("signatures.csv", signatures.as_bytes()));
/// let (ds, report) = tables.read(&ReadOptions::default()).unwrap();
/// assert_eq!(ds.num_signatures(), 2);
/// assert!(report.is_clean());
/// ```
pub struct CsvTables<R> {
    /// statements.csv
    pub statements: (String, R),
    /// signatures.csv
    pub signatures: (String, R),
    /// actors.csv, optional
    pub actors: Option<(String, R)>,
    /// memberships.csv, optional
    pub memberships: Option<(String, R)>,
}

impl<R: Read> CsvTables<R> {
    /// Statements and signatures only.
    pub fn new(statements: (impl Into<String>, R), signatures: (impl Into<String>, R)) -> Self {
        CsvTables {
            statements: (statements.0.into(), statements.1),
            signatures: (signatures.0.into(), signatures.1),
            actors: None,
            memberships: None,
        }
    }

    /// Adds actors.csv.
    pub fn with_actors(mut self, name: impl Into<String>, reader: R) -> Self {
        self.actors = Some((name.into(), reader));
        self
    }

    /// Adds memberships.csv.
    pub fn with_memberships(mut self, name: impl Into<String>, reader: R) -> Self {
        self.memberships = Some((name.into(), reader));
        self
    }

    /// Reads and validates all tables.
    ///
    /// # Errors
    /// In strict mode, [`Error::Invalid`] with every problem found. In lenient mode only file
    /// level problems (missing column, empty file, ...) fail; bad rows are in the report.
    pub fn read(self, options: &ReadOptions) -> Result<(Dataset, LoadReport)> {
        self.read_sized(options, TableSizes::default())
    }

    /// [`read`](Self::read), with storage for the rows allocated up front (rather than grown
    /// and copied while reading).
    fn read_sized(self, options: &ReadOptions, sizes: TableSizes) -> Result<(Dataset, LoadReport)> {
        let mut report = LoadReport::default();
        let mut problems = Problems::new(options.strictness, &mut report);
        let mut raw = RawInput::default();
        if let Some((name, r)) = self.actors {
            let mut actors = Vec::new();
            read_rows(&name, r, &ACTORS, &mut problems, |row, p| {
                match actor(&row) {
                    Ok(a) => actors.push((a, row.origin())),
                    Err(e) => {
                        if let Some(id) = row.get(ACT_ID) {
                            raw.rejected_actors.insert(id.to_string(), row.line);
                        }
                        p.push(e)
                    }
                }
            });
            raw.actors = Some(actors);
        }
        raw.reserve_statements(sizes.statements);
        raw.signatures.reserve(sizes.signatures);
        let (name, r) = self.statements;
        read_rows(
            &name,
            r,
            &STATEMENTS,
            &mut problems,
            |row, p| match statement(&row) {
                Ok(s) => raw.push_statement(s, row.file, row.line),
                Err(e) => {
                    if let Some(id) = row.get(ST_ID) {
                        raw.rejected_statements.insert(id.to_string(), row.line);
                    }
                    p.push(e)
                }
            },
        );
        let (name, r) = self.signatures;
        read_rows(
            &name,
            r,
            &SIGNATURES,
            &mut problems,
            |row, p| match signature(&row) {
                Ok(s) => raw.signatures.push_at(s, row.file, row.line),
                Err(e) => p.push(e),
            },
        );
        if let Some((name, r)) = self.memberships {
            read_rows(
                &name,
                r,
                &MEMBERSHIPS,
                &mut problems,
                |row, p| match membership(&row) {
                    Ok(m) => raw.memberships.push((m, row.origin())),
                    Err(e) => p.push(e),
                },
            );
        }
        // File-level problems make the rows meaningless; report them before validating.
        problems.check_files()?;
        let ds = assemble(raw, &mut problems)?;
        Ok((ds, report))
    }
}

/// How many rows the statements and signatures tables are expected to hold (estimates).
#[derive(Default)]
struct TableSizes {
    statements: usize,
    signatures: usize,
}

/// The rows a file likely holds: its size over the mean line length of its first 16 KiB,
/// 5% over so that it is rarely short (then the rows grow as usual). Reads from the start
/// and goes back there; 0 for anything but a regular file (a pipe cannot go back).
///
/// # Errors
/// [`Error::Io`] if the file cannot go back to its start (the rows would be lost).
fn expected_rows((path, file): &mut (String, File)) -> Result<usize> {
    use std::io::{Seek, SeekFrom};
    let total = match file.metadata() {
        Ok(m) if m.is_file() => m.len(),
        _ => return Ok(0),
    };
    let mut sample = [0u8; 16 << 10];
    let n = file.read(&mut sample).unwrap_or(0);
    file.seek(SeekFrom::Start(0)).map_err(|source| Error::Io {
        path: path.as_str().into(),
        source,
    })?;
    let lines = sample[..n].iter().filter(|&&b| b == b'\n').count();
    if lines == 0 {
        return Ok(0);
    }
    Ok((total as f64 * lines as f64 / n as f64 * 1.05) as usize)
}

fn actor(row: &Fields<'_>) -> Result<Actor, Problem> {
    let id = row.req(ACT_ID)?;
    let kind = match row.get(ACT_KIND) {
        Some(k) => row.parse::<ActorKind>(ACT_KIND, k, |at| Problem::UnknownActorKind { at })?,
        None => Actor::inferred_kind(id, false),
    };
    Ok(Actor::new(id, row.get(ACT_NAME).unwrap_or(id), kind))
}

/// A statement row. Inlined into the row loop, with the problems built out of line (as for
/// [`signature`]).
#[inline(always)]
fn statement(row: &Fields<'_>) -> Result<Statement, Problem> {
    let (Some(id), Some(date)) = (row.get(ST_ID), row.bytes(ST_DATE)) else {
        return Err(row.empty_field(&[ST_ID, ST_DATE]));
    };
    let date = row.date_bytes(ST_DATE, date)?;
    let kind = match row.bytes(ST_KIND) {
        None => StatementKind::JointStatement,
        Some(name) => StatementKind::from_file_name(name).unwrap_or_else(|| other_kind(row)),
    };
    // Built in one literal: a chain of builder calls moves the whole record at each step.
    Ok(Statement {
        id: id.to_string(),
        date,
        title: row.get(ST_TITLE).map(str::to_string).unwrap_or_default(),
        kind,
        topics: row.get(ST_TOPICS).map(topics).unwrap_or_default(),
        source: row.get(ST_SOURCE).map(str::to_string),
        opposes: row.get(ST_OPPOSES).map(str::to_string),
        attributes: row.attributes(),
    })
}

/// The topics of a `topics` field: separated by `;`, trimmed, empty ones left out.
fn topics(field: &str) -> Vec<String> {
    (field.split(';').map(str::trim))
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// A kind not named as files name it (`Joint Statement`, `roll-call`, or another word).
#[cold]
#[inline(never)]
fn other_kind(row: &Fields<'_>) -> StatementKind {
    (row.get(ST_KIND).unwrap_or_default().parse())
        .unwrap_or_else(|e: std::convert::Infallible| match e {})
}

/// The fields of a signature row, borrowed: the ids are interned, not copied per row.
///
/// Inlined into the row loop, with the problems built out of line: a row is a few field
/// lookups, and a call returning a `Result` as large as a [`Problem`] costs more than they do.
#[inline(always)]
fn signature<'r>(row: &Fields<'r>) -> Result<SignatureFields<'r>, Problem> {
    let (Some(statement), Some(actor)) = (row.bytes(SIG_STATEMENT), row.bytes(SIG_ACTOR)) else {
        return Err(row.empty_field(&[SIG_STATEMENT, SIG_ACTOR]));
    };
    let position = match row.bytes(SIG_POSITION) {
        None | Some(b"yes") => Position::Yes,
        Some(_) => other_position(row)?,
    };
    let joined = match row.bytes(SIG_DATE) {
        None => None,
        Some(d) => Some(row.date_bytes(SIG_DATE, d)?),
    };
    Ok(SignatureFields {
        statement,
        actor,
        position,
        role: row.bytes(SIG_ROLE),
        joined,
    })
}

/// A position other than `yes`, parsed.
#[cold]
#[inline(never)]
fn other_position(row: &Fields<'_>) -> Result<Position, Problem> {
    let text = row.get(SIG_POSITION).unwrap_or_default();
    row.parse::<Position>(SIG_POSITION, text, |at| Problem::UnknownPosition { at })
}

fn membership(row: &Fields<'_>) -> Result<Membership, Problem> {
    let bloc = row.req(MEM_BLOC)?;
    let member = row.req(MEM_MEMBER)?;
    let from = row.date(MEM_FROM, row.req(MEM_FROM)?)?;
    let to = row.get(MEM_TO).map(|d| row.date(MEM_TO, d)).transpose()?;
    Ok(Membership::new(bloc, member, from, to))
}

/// Opens a table; the reader buffers itself, so the file is not wrapped in a `BufReader`
/// (which would copy every byte once more).
fn open(dir: &Path, name: &str) -> Result<Option<(String, File)>> {
    let path = dir.join(name);
    match File::open(&path) {
        Ok(f) => Ok(Some((path.display().to_string(), f))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Io { path, source }),
    }
}

/// Reads a dataset folder in strict mode (see [`read_csv_folder_with`]).
///
/// # Errors
/// [`Error::Invalid`] listing every problem, or [`Error::Io`].
pub fn read_csv_folder(dir: impl AsRef<Path>) -> Result<Dataset> {
    read_csv_folder_with(dir, &ReadOptions::default()).map(|(ds, _)| ds)
}

/// Reads a dataset folder: `statements.csv` and `signatures.csv` (required), `actors.csv` and
/// `memberships.csv` (optional). Files are streamed, not read whole.
///
/// # Errors
/// A missing required file is [`Problem::MissingFile`]; see [`CsvTables::read`] for the rest.
pub fn read_csv_folder_with(
    dir: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<(Dataset, LoadReport)> {
    let dir = dir.as_ref();
    if !dir.is_dir() {
        return Err(Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a directory"),
        });
    }
    let statements = open(dir, "statements.csv")?;
    let signatures = open(dir, "signatures.csv")?;
    let missing: Vec<Problem> = [
        ("statements.csv", statements.is_none()),
        ("signatures.csv", signatures.is_none()),
    ]
    .into_iter()
    .filter(|(_, m)| *m)
    .map(|(f, _)| Problem::MissingFile {
        file: dir.join(f).display().to_string(),
    })
    .collect();
    let (Some(mut statements), Some(mut signatures)) = (statements, signatures) else {
        return Err(Error::Invalid { problems: missing });
    };
    let sizes = TableSizes {
        statements: expected_rows(&mut statements)?,
        signatures: expected_rows(&mut signatures)?,
    };
    let tables = CsvTables {
        statements,
        signatures,
        actors: open(dir, "actors.csv")?,
        memberships: open(dir, "memberships.csv")?,
    };
    tables.read_sized(options, sizes)
}

/// Reads a `memberships.csv` table on its own (columns `bloc`, `member`, `from`, `to`), to
/// attach to any dataset with [`Dataset::with_memberships`].
///
/// # Errors
/// [`Error::Io`], or [`Error::Invalid`] with every problem found.
pub fn read_memberships_csv(path: impl AsRef<Path>) -> Result<Vec<Membership>> {
    let path = path.as_ref();
    let file = File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut report = LoadReport::default();
    let mut problems = Problems::new(crate::model::Strictness::Strict, &mut report);
    let mut out = Vec::new();
    let name = path.display().to_string();
    read_rows(
        &name,
        file,
        &MEMBERSHIPS,
        &mut problems,
        |row, p| match membership(&row) {
            Ok(m) => out.push(m),
            Err(e) => p.push(e),
        },
    );
    problems.check()?;
    Ok(out)
}
