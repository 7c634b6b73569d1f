//! The roll-call table (one statement per roll call) and the issue tags (its topics).

use super::clean::{present, title_and_description};
use crate::error::Problem;
use crate::io::table::{Row, Schema, read_table};
use crate::model::{Found, Origin, Problems, Statement, StatementKind};
use chrono::NaiveDate;
use rustc_hash::FxBuildHasher as FxBuild;
use std::collections::HashMap;
use std::io::Read;

const ROLL_CALLS: Schema = Schema {
    required: &["rcid", "date"],
    optional: &[
        "session",
        "importantvote",
        "unres",
        "amend",
        "para",
        "short",
        "descr",
    ],
    attributes: false,
    needs_rows: true,
};

const ISSUES: Schema = Schema {
    required: &["rcid", "short_name"],
    optional: &["issue"],
    attributes: false,
    needs_rows: false,
};

/// The statement id of a roll call: `rcid-` and the number, e.g. `rcid-3`.
///
/// ```
/// assert_eq!(cosignatory::io::roll_call_id(3), "rcid-3");
/// ```
pub fn roll_call_id(rcid: u32) -> String {
    format!("rcid-{rcid}")
}

/// The roll calls read so far, by rcid.
#[derive(Default)]
pub(crate) struct RollCalls {
    pub statements: Vec<(Statement, Origin)>,
    /// rcid → (position in `statements`, date).
    pub by_rcid: HashMap<u32, (u32, NaiveDate), FxBuild>,
    /// rcid of a rejected row → its line.
    pub rejected: HashMap<u32, u64>,
}

/// What a reference to a roll call resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RcidRef {
    Known(u32, NaiveDate),
    /// The roll call's own row was rejected (on this line).
    Rejected(u64),
    Unknown,
}

impl RollCalls {
    pub fn lookup(&self, rcid: u32) -> RcidRef {
        match self.by_rcid.get(&rcid) {
            Some(&(i, date)) => RcidRef::Known(i, date),
            None => self
                .rejected
                .get(&rcid)
                .map_or(RcidRef::Unknown, |&line| RcidRef::Rejected(line)),
        }
    }
}

pub(crate) const RCID_REASON: &str = "a roll-call id (rcid) is a whole number";

pub(crate) fn parse_rcid(row: &Row<'_>) -> Result<u32, Problem> {
    let v = row.req("rcid")?;
    row.parse("rcid", v, |at| Problem::InvalidValue {
        at,
        reason: RCID_REASON.to_string(),
    })
}

/// A reference to a roll call that is not there, as a problem at `field` (a consequence when
/// the roll call's own row was rejected: reported in lenient mode only).
pub(crate) fn missing_roll_call(
    origin: &Origin,
    field: &str,
    value: &str,
    target: RcidRef,
) -> Found {
    match target {
        RcidRef::Rejected(target_line) => Found::Consequence(Problem::SkippedReference {
            at: origin.at(field, value),
            target_line,
        }),
        _ => Found::Problem(Problem::UnknownStatement {
            at: origin.at(field, value),
            suggestions: Vec::new(),
        }),
    }
}

fn roll_call(row: &Row<'_>, rcid: u32) -> Result<Statement, Problem> {
    let date = row.date("date", row.req("date")?)?;
    let (title, descr) =
        title_and_description(present(row.opt("short")), present(row.opt("descr")));
    let mut s =
        Statement::new(roll_call_id(rcid), date, StatementKind::ResolutionVote).with_title(title);
    let a = &mut s.attributes;
    a.insert("rcid".into(), rcid.to_string());
    for (attr, column) in [
        ("session", "session"),
        ("unres", "unres"),
        ("important", "importantvote"),
        ("amend", "amend"),
        ("para", "para"),
    ] {
        if let Some(v) = present(row.opt(column)) {
            a.insert(attr.into(), v.to_string());
        }
    }
    if !descr.is_empty() {
        a.insert("descr".into(), descr);
    }
    Ok(s)
}

/// Reads the roll-call table; rows with problems are reported and remembered as rejected.
pub(crate) fn read_roll_calls<R: Read>(
    name: &str,
    reader: R,
    problems: &mut Problems<'_>,
) -> RollCalls {
    let mut rc = RollCalls::default();
    let mut first_line: HashMap<u32, u64> = HashMap::new();
    read_table(name, reader, &ROLL_CALLS, problems, |row, p| {
        let rcid = match parse_rcid(&row) {
            Ok(r) => r,
            Err(e) => return p.push(e),
        };
        if let Some(&first) = first_line.get(&rcid) {
            return p.push(Problem::DuplicateStatement {
                at: row.origin.at("rcid", row.opt("rcid").unwrap_or_default()),
                first_line: first,
            });
        }
        first_line.insert(rcid, row.origin.line);
        match roll_call(&row, rcid) {
            Ok(s) => {
                let slot = rc.statements.len() as u32;
                rc.by_rcid.insert(rcid, (slot, s.date));
                rc.statements.push((s, row.origin));
            }
            Err(e) => {
                rc.rejected.insert(rcid, row.origin.line);
                p.push(e);
            }
        }
    });
    rc
}

/// Reads the issue tags into the topics of their roll calls (sorted, without repeats).
pub(crate) fn read_issues<R: Read>(
    name: &str,
    reader: R,
    rc: &mut RollCalls,
    problems: &mut Problems<'_>,
) {
    read_table(name, reader, &ISSUES, problems, |row, p| {
        let rcid = match parse_rcid(&row) {
            Ok(r) => r,
            Err(e) => return p.push(e),
        };
        let topic = match row.req("short_name") {
            Ok(t) => t,
            Err(e) => return p.push(e),
        };
        match rc.lookup(rcid) {
            RcidRef::Known(i, _) => {
                let topics = &mut rc.statements[i as usize].0.topics;
                if !topics.iter().any(|t| t == topic) {
                    topics.push(topic.to_string());
                }
            }
            other => {
                let raw = row.opt("rcid").unwrap_or_default();
                p.push_found(missing_roll_call(&row.origin, "rcid", raw, other));
            }
        }
    });
    for (s, _) in &mut rc.statements {
        s.topics.sort();
    }
}
