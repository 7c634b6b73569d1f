//! Errors and input problems.
//!
//! Reading a dataset never stops at the first bad row: every problem found is collected as a
//! [`Problem`] that names the file, line, field and value. In strict mode (the default) any
//! problem fails the load with [`Error::Invalid`]; in lenient mode the bad rows are skipped and
//! listed in a [`LoadReport`].

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// Where in the input a problem was found.
///
/// For CSV files `line` is the 1-based physical line of the record (the header is line 1).
/// For JSON documents `file` names the document, `field` is the JSON path of the value
/// (`signatures[2].position`), and `line` and `column` are where that value (or its record)
/// starts in the text. For the programmatic builder
/// `file` is `<builder>` and `line` counts the records added of that type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file (or document part) the record came from.
    pub file: String,
    /// The 1-based line (or record number) within it.
    pub line: u64,
    /// The column (field) name.
    pub field: String,
    /// The offending value, as read.
    pub value: String,
    /// The 1-based column (byte) where the value starts, when the input has columns (JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        write!(f, ": field `{}` = {:?}", self.field, self.value)
    }
}

fn hint(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", suggestions.join(", "))
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Problem {
    /// A required file is missing.
    #[error("{file}: required file is missing")]
    MissingFile {
        /// The file that was expected.
        file: String,
    },
    /// A required column is missing from a file's header.
    #[error("{file}:1: required column `{column}` is missing (header has: {found})")]
    MissingColumn {
        /// The file.
        file: String,
        /// The missing column.
        column: String,
        /// The columns that were found, comma-separated.
        found: String,
    },
    /// The same column name appears twice in a header.
    #[error("{file}:1: column `{column}` appears more than once in the header")]
    DuplicateColumn {
        /// The file.
        file: String,
        /// The repeated column.
        column: String,
    },
    /// A file (or JSON array) holds no records.
    #[error("{file}: no records (a header and at least one row are required)")]
    EmptyInput {
        /// The file.
        file: String,
    },
    /// Bytes that are not UTF-8.
    #[error("{file}:{line}: invalid UTF-8 in field `{field}`")]
    InvalidUtf8 {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// The field.
        field: String,
    },
    /// A row the CSV parser could not read (for example a wrong number of fields).
    #[error("{file}:{line}: malformed row: {message}")]
    MalformedRow {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// What the parser said.
        message: String,
    },
    /// A quoted field whose closing quote never comes: the rest of the file would be one field.
    /// `line` is where the quote opened. Not row-level: the rows after it cannot be told apart.
    #[error(
        "{file}:{line}: field `{field}` opens a quote that is never closed (a quote inside a quoted field is written twice: \"\")"
    )]
    UnterminatedQuote {
        /// The file.
        file: String,
        /// The physical line where the quote opened.
        line: u64,
        /// The field (column name; `#N` for a field beyond the header's).
        field: String,
    },
    /// A required field is empty.
    #[error("{at}: required field is empty")]
    EmptyField {
        /// Where.
        at: Location,
    },
    /// A date that is not `YYYY-MM-DD`.
    #[error("{at}: not a valid date; expected YYYY-MM-DD, e.g. 2024-11-05")]
    InvalidDate {
        /// Where.
        at: Location,
    },
    /// A position that is not yes, no, abstain or absent.
    #[error("{at}: unknown position; expected yes, no, abstain or absent")]
    UnknownPosition {
        /// Where.
        at: Location,
    },
    /// An actor kind that is not country, bloc, organization or person.
    #[error("{at}: unknown actor kind; expected country, bloc, organization or person")]
    UnknownActorKind {
        /// Where.
        at: Location,
    },
    /// A reference to an actor that is not in the actor list.
    #[error("{at}: unknown actor{}", hint(suggestions))]
    UnknownActor {
        /// Where.
        at: Location,
        /// The closest known actor ids.
        suggestions: Vec<String>,
    },
    /// A reference to a statement that is not in the statement list.
    #[error("{at}: unknown statement{}", hint(suggestions))]
    UnknownStatement {
        /// Where.
        at: Location,
        /// The closest known statement ids.
        suggestions: Vec<String>,
    },
    /// An actor id defined twice.
    #[error("{at}: duplicate actor id (first defined on line {first_line})")]
    DuplicateActor {
        /// Where the second definition is.
        at: Location,
        /// Line of the first definition.
        first_line: u64,
    },
    /// A statement id defined twice.
    #[error("{at}: duplicate statement id (first defined on line {first_line})")]
    DuplicateStatement {
        /// Where the second definition is.
        at: Location,
        /// Line of the first definition.
        first_line: u64,
    },
    /// The same actor signs the same statement twice.
    #[error(
        "{at}: duplicate signature (the same actor on the same statement is on line {first_line})"
    )]
    DuplicateSignature {
        /// Where the second signature is.
        at: Location,
        /// Line of the first one.
        first_line: u64,
    },
    /// A membership whose last day is before its first day.
    #[error("{at}: membership ends before it starts (from {from})")]
    InvertedMembership {
        /// Where (the `to` field).
        at: Location,
        /// The first day given.
        from: String,
    },
    /// Two membership intervals of the same member in the same bloc overlap.
    #[error("{at}: membership overlaps the one on line {other_line}")]
    OverlappingMembership {
        /// Where (the `from` field of the later interval).
        at: Location,
        /// The line of the interval it overlaps.
        other_line: u64,
    },
    /// A membership that would make a bloc a member of itself through other blocs (A in B,
    /// B in A), whatever the dates.
    #[error("{at}: membership cycle {}", cycle.join(" contains "))]
    MembershipCycle {
        /// Where (the `member` field of the row that closes the cycle).
        at: Location,
        /// The blocs around the cycle, from the row's bloc back to it.
        cycle: Vec<String>,
    },
    /// A reference to a row that was itself rejected (lenient mode lists these so that no
    /// skipped row goes unreported; strict mode reports only the cause).
    #[error("{at}: refers to the row on line {target_line}, which was skipped")]
    SkippedReference {
        /// Where the reference is.
        at: Location,
        /// The line of the rejected row.
        target_line: u64,
    },
    /// A value that is not allowed for a field, with the reason.
    #[error("{at}: {reason}")]
    InvalidValue {
        /// Where.
        at: Location,
        /// Why it is invalid.
        reason: String,
    },
}

/// The variants of [`Problem`] that concern one located field, listed once for
/// [`Problem::location`] and [`Problem::location_mut`] (two lists drifted apart before).
macro_rules! located {
    ($p:expr) => {
        match $p {
            Problem::EmptyField { at }
            | Problem::InvalidDate { at }
            | Problem::UnknownPosition { at }
            | Problem::UnknownActorKind { at }
            | Problem::UnknownActor { at, .. }
            | Problem::UnknownStatement { at, .. }
            | Problem::DuplicateActor { at, .. }
            | Problem::DuplicateStatement { at, .. }
            | Problem::DuplicateSignature { at, .. }
            | Problem::InvertedMembership { at, .. }
            | Problem::OverlappingMembership { at, .. }
            | Problem::SkippedReference { at, .. }
            | Problem::MembershipCycle { at, .. }
            | Problem::InvalidValue { at, .. } => Some(at),
            _ => None,
        }
    };
}

impl Problem {
    /// The location of the problem, when it concerns a single field.
    pub fn location(&self) -> Option<&Location> {
        located!(self)
    }

    /// The location of the problem, mutable (readers that know more than line numbers, such
    /// as the JSON reader, refine it).
    pub(crate) fn location_mut(&mut self) -> Option<&mut Location> {
        located!(self)
    }

    /// Whether the problem concerns one row only (so lenient mode can skip that row).
    pub fn is_row_level(&self) -> bool {
        !matches!(
            self,
            Problem::MissingFile { .. }
                | Problem::MissingColumn { .. }
                | Problem::DuplicateColumn { .. }
                | Problem::EmptyInput { .. }
                | Problem::UnterminatedQuote { .. }
        )
    }
}

/// Something worth knowing about the input that did not stop it from loading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Warning {
    /// A column the reader does not know; its values were ignored.
    #[error("{file}:1: unknown column `{column}` ignored")]
    UnknownColumn {
        /// The file.
        file: String,
        /// The column.
        column: String,
    },
    /// An actor id that matched a known id only when case is ignored (`usa` for `USA`); the
    /// reference was resolved to that actor.
    #[error("{at}: actor id matched `{resolved}` ignoring case")]
    ActorIdCase {
        /// Where the reference is.
        at: Location,
        /// The id it was resolved to.
        resolved: String,
    },
}

/// What a lenient load skipped, and the warnings of any load.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LoadReport {
    /// Every row that was skipped, with the reason.
    pub skipped: Vec<Problem>,
    /// Rows that were kept with one field dropped, with the reason (the problem's location
    /// names the field): a statement whose `opposes` is unknown or is its own id is kept
    /// without the link.
    pub dropped_fields: Vec<Problem>,
    /// Warnings (for example unknown columns).
    pub warnings: Vec<Warning>,
}

impl LoadReport {
    /// True when nothing was skipped and there were no warnings.
    pub fn is_clean(&self) -> bool {
        self.skipped.is_empty() && self.dropped_fields.is_empty() && self.warnings.is_empty()
    }
}

fn list(problems: &[Problem]) -> String {
    let mut s = format!("{} problem(s) in the input:", problems.len());
    for p in problems {
        s.push_str("\n  - ");
        s.push_str(&p.to_string());
    }
    s
}

/// A value that is not one of an option's known names (a weighting, a bloc mode, a
/// clustering method, ...): the error of every `FromStr` of the crate's option enums.
///
/// ```
/// use cosignatory::graph::Weighting;
/// let e = "newmann".parse::<Weighting>().unwrap_err();
/// assert_eq!(e.given, "newmann");
/// assert!(e.to_string().contains("expected count, newman"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {given:?}: expected {}", expected.join(", "))]
pub struct ParseNameError {
    /// What was being named ("weighting", "bloc mode", ...).
    pub what: &'static str,
    /// The text given.
    pub given: String,
    /// The known names.
    pub expected: Vec<&'static str>,
}

/// The crate's error type.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input has problems (all of them are listed).
    #[error("{}", list(problems))]
    Invalid {
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// A JSON document that is not valid JSON or does not have the expected shape.
    #[error("{file}:{line}:{column}: invalid JSON: {message}")]
    Json {
        /// The file.
        file: String,
        /// The line.
        line: usize,
        /// The column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A result could not be serialised (an output error, not a parse error).
    #[error("cannot write {what} as JSON: {message}")]
    Serialize {
        /// What was being written.
        what: &'static str,
        /// What the serialiser said.
        message: String,
    },
    /// An alignment measure refused its input (a code outside the scale, ...).
    #[error(transparent)]
    Align(#[from] crate::align::AlignError),
    /// Ideal points could not be estimated (no informative vote, absent anchor, bad ω, ...).
    #[error(transparent)]
    Ideal(#[from] crate::ideal::IdealError),
    /// A clustering routine refused its input (negative or non-finite weights, ...).
    #[error(transparent)]
    Cluster(#[from] crate::cluster::ClusterError),
    /// An actor id given as an option (a pair, a bloc, an anchor, ...) that the dataset does
    /// not have.
    #[error(
        "unknown actor `{id}`{}; the dataset has {known} actors",
        hint(suggestions)
    )]
    UnknownActor {
        /// The id given.
        id: String,
        /// The closest known ids, best first.
        suggestions: Vec<String>,
        /// How many actors the dataset has.
        known: usize,
    },
    /// An actor given where a bloc is needed has no members.
    #[error("`{id}` is not a bloc: the data lists no members for it (see memberships.csv)")]
    NotABloc {
        /// The id given.
        id: String,
    },
    /// A window spec that would cut a date range into more windows than
    /// [`MAX_WINDOWS`](crate::time::MAX_WINDOWS) (`--window 1m` on data with a statement dated
    /// in the year 200000). Counted arithmetically, before any window is made.
    #[error(
        "{spec} from {from} to {to} would make {count} windows, more than the limit of {limit}; \
         use a longer window or step, or a narrower date range"
    )]
    TooManyWindows {
        /// The spec, in words ("windows of 1 month every 1 month").
        spec: String,
        /// First day of the range.
        from: chrono::NaiveDate,
        /// Last day of the range.
        to: chrono::NaiveDate,
        /// How many windows the spec would make.
        count: u64,
        /// The limit, [`MAX_WINDOWS`](crate::time::MAX_WINDOWS).
        limit: usize,
    },
    /// A parameter outside its allowed range.
    #[error("invalid parameter `{name}` = {value}: {reason}")]
    InvalidParameter {
        /// The parameter name.
        name: &'static str,
        /// The value given.
        value: String,
        /// Why it is invalid.
        reason: String,
    },
}

impl Error {
    /// The problems, when this is [`Error::Invalid`].
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid { problems } => problems,
            _ => &[],
        }
    }
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
