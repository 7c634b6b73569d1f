//! The vote table, read fast: one pass over byte records, no allocation per row; roll calls
//! and countries are looked up through interned keys, and each vote is kept as indices.

use super::VoteCoding;
use super::countries::na_names;
use super::roll_calls::{RCID_REASON, RcidRef, RollCalls, missing_roll_call};
use super::seen::{ActorSeen, KeyError, KeyKind, Seen};
use crate::error::{Problem, Warning};
use crate::model::{Origin, Position, Problems};
use std::io::Read;
use std::sync::Arc;

/// One vote, as indices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VoteRow {
    /// Position of the roll call in the roll-call table's statements.
    pub statement: u32,
    /// Actor slot (see [`ActorSeen::slot`]).
    pub actor: u32,
    /// The interned country key, to report the code as read.
    pub key: u32,
    pub position: Position,
    pub line: u64,
}

/// The votes read, and the countries that cast them.
pub(crate) struct Votes {
    pub rows: Vec<VoteRow>,
    pub actors: Vec<ActorSeen>,
    /// Number of actor slots (at least every `ActorSeen::slot` + 1).
    pub slots: usize,
    pub seen: Seen,
    pub kind: KeyKind,
}

/// Column positions of the vote table.
struct Columns {
    rcid: usize,
    vote: usize,
    key: usize,
    kind: KeyKind,
    country: Option<usize>,
}

const KNOWN: [&str; 5] = ["rcid", "vote", "country_code", "ccode", "country"];

/// Finds the columns, pushing header problems (then `None`) and warnings.
fn columns(file: &str, header: &csv::ByteRecord, problems: &mut Problems<'_>) -> Option<Columns> {
    let names: Vec<String> = header
        .iter()
        .map(|raw| {
            String::from_utf8_lossy(raw)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    if names.iter().all(String::is_empty) {
        problems.push(Problem::EmptyInput {
            file: file.to_string(),
        });
        return None;
    }
    let mut ok = true;
    for (i, name) in names.iter().enumerate() {
        if !KNOWN.contains(&name.as_str()) {
            problems.report.warnings.push(Warning::UnknownColumn {
                file: file.to_string(),
                column: name.clone(),
            });
        } else if names[..i].contains(name) {
            problems.push(Problem::DuplicateColumn {
                file: file.to_string(),
                column: name.clone(),
            });
            ok = false;
        }
    }
    let find = |c: &str| names.iter().position(|n| n == c);
    let rcid = find("rcid");
    let vote = find("vote");
    // The COW number is unambiguous, so it wins when both are present.
    let key = match (find("ccode"), find("country_code")) {
        (Some(i), _) => Some((i, KeyKind::Cow)),
        (None, Some(i)) => Some((i, KeyKind::Iso)),
        (None, None) => None,
    };
    for (column, found) in [
        ("rcid", rcid.is_some()),
        ("vote", vote.is_some()),
        ("country_code (or ccode)", key.is_some()),
    ] {
        if !found {
            problems.push(Problem::MissingColumn {
                file: file.to_string(),
                column: column.to_string(),
                found: names.join(","),
            });
        }
    }
    let (Some(rcid), Some(vote), Some((key, kind)), true) = (rcid, vote, key, ok) else {
        return None;
    };
    Some(Columns {
        rcid,
        vote,
        key,
        kind,
        country: find("country"),
    })
}

impl VoteCoding {
    /// The position of a vote field; `Ok(None)` for Voeten's 9 (not a member: no row).
    fn parse(self, raw: &[u8]) -> Result<Option<Position>, &'static str> {
        match self {
            VoteCoding::Words => match raw {
                b"yes" => Ok(Some(Position::Yes)),
                b"no" => Ok(Some(Position::No)),
                b"abstain" => Ok(Some(Position::Abstain)),
                _ => std::str::from_utf8(raw)
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .map(Some)
                    .ok_or("unknown vote; expected yes, no, abstain or absent"),
            },
            VoteCoding::Voeten => match raw {
                b"1" => Ok(Some(Position::Yes)),
                b"2" => Ok(Some(Position::Abstain)),
                b"3" => Ok(Some(Position::No)),
                b"8" => Ok(Some(Position::Absent)),
                b"9" => Ok(None),
                _ => Err(
                    "unknown vote; Voeten's codes are 1 (yes), 2 (abstain), 3 (no), 8 (absent) and 9 (not a member)",
                ),
            },
        }
    }
}

fn field(rec: &csv::ByteRecord, i: usize) -> &[u8] {
    rec.get(i).unwrap_or_default().trim_ascii()
}

/// A field of 1 to 9 ASCII digits as a number (always within `u32`); `None` for anything
/// else, which `str::parse` then decides (a sign, more digits, an error).
fn digits(raw: &[u8]) -> Option<u32> {
    if raw.is_empty() || raw.len() > 9 || !raw.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(raw.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')))
}

fn text(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

/// Reads the vote table against the roll calls already read.
pub(crate) fn read_votes<R: Read>(
    name: &str,
    reader: R,
    coding: VoteCoding,
    roll_calls: &RollCalls,
    problems: &mut Problems<'_>,
) -> Votes {
    let mut rdr = csv::ReaderBuilder::new()
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let cols = match rdr.byte_headers() {
        Ok(h) => columns(name, &h.clone(), problems),
        Err(e) => {
            push_csv_error(name, e, problems);
            None
        }
    };
    let Some(cols) = cols else {
        return Votes {
            rows: Vec::new(),
            actors: Vec::new(),
            slots: 0,
            seen: Seen::default(),
            kind: KeyKind::Iso,
        };
    };
    let mut state = RowReader {
        file: Arc::from(name),
        kind: cols.kind,
        cols,
        coding,
        roll_calls,
        seen: Seen::default(),
        key: Vec::with_capacity(64),
        last: None,
    };
    let mut rows = Vec::new();
    let mut records = 0usize;
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let fatal = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                push_csv_error(name, e, problems);
                if fatal {
                    break;
                }
                records += 1;
                continue;
            }
        }
        records += 1;
        let line = rec.position().map_or(0, |p| p.line());
        if let Some(row) = state.row(&rec, line, problems) {
            rows.push(row);
        }
    }
    if records == 0 {
        problems.push(Problem::EmptyInput {
            file: name.to_string(),
        });
    }
    Votes {
        rows,
        actors: state.seen.seen_actors(),
        slots: state.seen.slots(),
        seen: state.seen,
        kind: state.kind,
    }
}

/// What reading one row needs, kept across rows.
struct RowReader<'r> {
    file: Arc<str>,
    cols: Columns,
    kind: KeyKind,
    coding: VoteCoding,
    roll_calls: &'r RollCalls,
    seen: Seen,
    /// Reused buffer for the (code, country) lookup key.
    key: Vec<u8>,
    /// The previous row's roll call: votes come grouped by roll call.
    last: Option<(u32, RcidRef)>,
}

impl RowReader<'_> {
    /// The vote of one record, or `None` (after pushing its problem, or for Voeten's 9).
    fn row(
        &mut self,
        rec: &csv::ByteRecord,
        line: u64,
        problems: &mut Problems<'_>,
    ) -> Option<VoteRow> {
        // Only built when a problem is found.
        let origin = || Origin {
            file: self.file.clone(),
            line,
        };
        let raw_rcid = field(rec, self.cols.rcid);
        let rcid = match digits(raw_rcid).or_else(|| {
            std::str::from_utf8(raw_rcid)
                .ok()
                .and_then(|s| s.parse::<u32>().ok())
        }) {
            Some(r) => r,
            None if raw_rcid.is_empty() => {
                problems.push(Problem::EmptyField {
                    at: origin().at("rcid", ""),
                });
                return None;
            }
            None => {
                problems.push(Problem::InvalidValue {
                    at: origin().at("rcid", text(raw_rcid)),
                    reason: RCID_REASON.to_string(),
                });
                return None;
            }
        };
        let found = match self.last {
            Some((r, known)) if r == rcid => known,
            _ => self.roll_calls.lookup(rcid),
        };
        self.last = Some((rcid, found));
        let RcidRef::Known(statement, date) = found else {
            missing_roll_call(&origin(), "rcid", &text(raw_rcid), found, problems);
            return None;
        };
        let raw_vote = field(rec, self.cols.vote);
        let position = match self.coding.parse(raw_vote) {
            Ok(p) => p?,
            Err(_) if raw_vote.is_empty() => {
                problems.push(Problem::EmptyField {
                    at: origin().at("vote", ""),
                });
                return None;
            }
            Err(reason) => {
                problems.push(Problem::InvalidValue {
                    at: origin().at("vote", text(raw_vote)),
                    reason: reason.to_string(),
                });
                return None;
            }
        };
        let code = field(rec, self.cols.key);
        let country = self.cols.country.map_or(&b""[..], |i| field(rec, i));
        let k = match self.seen.known(code, country) {
            Some(k) => k,
            None => {
                self.key.clear();
                self.key.extend_from_slice(code);
                self.key.push(0xFF); // never in UTF-8, so (code, country) pairs cannot collide
                self.key.extend_from_slice(country);
                match self.seen.key(&self.key) {
                    Some(k) => k,
                    None => self.seen.add_key(&self.key, self.kind, code, country),
                }
            }
        };
        match self.seen.actor_on(k, date, line) {
            Ok(actor) => Some(VoteRow {
                statement,
                actor,
                key: k,
                position,
                line,
            }),
            Err(e) => {
                problems.push(key_problem(e, &origin(), self.kind, code, country));
                None
            }
        }
    }
}

fn key_problem(e: KeyError, o: &Origin, kind: KeyKind, code: &[u8], country: &[u8]) -> Problem {
    let column = kind.column();
    match e {
        KeyError::NotUtf8 => Problem::InvalidUtf8 {
            file: o.file.to_string(),
            line: o.line,
            field: if std::str::from_utf8(code).is_err() {
                column
            } else {
                "country"
            }
            .to_string(),
        },
        KeyError::UnknownCode => Problem::InvalidValue {
            at: o.at(column, text(code)),
            reason: format!(
                "unknown country code (the known ones are in cosignatory::io::{})",
                match kind {
                    KeyKind::Iso => "UN_COUNTRY_CODES",
                    KeyKind::Cow => "COW_CODES",
                }
            ),
        },
        KeyError::AmbiguousNa => Problem::InvalidValue {
            at: o.at("country", text(country)),
            reason: format!(
                "the country code is NA (or empty), which only the `country` name tells apart; \
                 expected one of: {}",
                na_names().join(", ")
            ),
        },
    }
}

fn push_csv_error(file: &str, e: csv::Error, problems: &mut Problems<'_>) {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("expected {expected_len} fields (as in the header), found {len}"),
        csv::ErrorKind::Io(err) => format!("read error: {err}"),
        _ => e.to_string(),
    };
    problems.push(Problem::MalformedRow {
        file: file.to_string(),
        line,
        message,
    });
}
