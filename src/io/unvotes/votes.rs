//! The vote table, read fast: one pass over byte records, no allocation per row; roll calls
//! and countries are looked up through interned keys, and each vote is kept as indices.

use super::VoteCoding;
use super::countries::na_names;
use super::keys::{KeyBytes, KeyInterner};
use super::roll_calls::{RCID_REASON, RcidRef, RollCalls, missing_roll_call};
use super::seen::{ActorSeen, KeyError, KeyKind, Seen};
use crate::error::{Problem, Warning};
use crate::model::{Found, Origin, Position, Problems};
use chrono::NaiveDate;
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

/// Records per batch handed from parsing to resolving.
const BATCH: usize = 8192;

/// Reads the vote table against the roll calls already read.
///
/// Two stages, in row order: parsing (fields, the roll call, the vote, the key's bytes
/// interned) and resolving (each key's countries, each actor's first and last appearance).
/// With the `parallel` feature and more than one thread, they run side by side
/// ([`crate::par::pipeline`]); the rows and problems are the same either way.
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
    let file: Arc<str> = Arc::from(name);
    let kind = cols.kind;
    let mut parser = RowParser {
        file: file.clone(),
        cols,
        coding,
        roll_calls,
        keys: KeyInterner::default(),
        last_rcid: None,
        last_found: RcidRef::Unknown,
    };
    let mut resolver = Resolver {
        file,
        kind,
        seen: Seen::default(),
        keys: Vec::new(),
        rows: Vec::new(),
    };
    let records = crate::par::pipeline(
        |send| {
            let mut records = 0usize;
            let mut rec = csv::ByteRecord::new();
            let mut batch = Batch::new();
            loop {
                match rdr.read_byte_record(&mut rec) {
                    Ok(false) => break,
                    Ok(true) => {
                        let line = rec.position().map_or(0, |p| p.line());
                        parser.row(&rec, line, &mut batch);
                    }
                    Err(e) => {
                        let fatal = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                        batch.items.push(Parsed::Malformed(e));
                        if fatal {
                            break;
                        }
                    }
                }
                records += 1;
                if batch.items.len() == BATCH {
                    send(std::mem::replace(&mut batch, Batch::new()));
                }
            }
            send(batch);
            records
        },
        |batch| resolver.take(batch, name, problems),
    );
    if records == 0 {
        problems.push(Problem::EmptyInput {
            file: name.to_string(),
        });
    }
    Votes {
        rows: resolver.rows,
        actors: resolver.seen.seen_actors(),
        slots: resolver.seen.slots(),
        seen: resolver.seen,
        kind,
    }
}

/// A record after parsing.
enum Parsed {
    Vote {
        statement: u32,
        date: NaiveDate,
        position: Position,
        /// Key index (the [`KeyInterner`]'s id, which is also `Seen`'s).
        key: u32,
        line: u64,
    },
    /// The row's problem, found while parsing.
    Problem(Box<Found>),
    Malformed(csv::Error),
}

/// Parsed records, and the bytes of the keys they meet first.
struct Batch {
    items: Vec<Parsed>,
    keys: Vec<KeyBytes>,
}

impl Batch {
    /// Room for [`BATCH`] records, so that filling it never reallocates.
    fn new() -> Self {
        Batch {
            items: Vec::with_capacity(BATCH),
            keys: Vec::new(),
        }
    }
}

/// The parsing stage, kept across rows.
struct RowParser<'r> {
    file: Arc<str>,
    cols: Columns,
    coding: VoteCoding,
    roll_calls: &'r RollCalls,
    keys: KeyInterner,
    /// The previous row's roll call id and what it resolved to: votes come grouped by roll
    /// call. (Kept apart and written only when the id changes: an `Option` of the pair,
    /// written back every row, stalled each row on reading the pair just stored.)
    last_rcid: Option<u32>,
    last_found: RcidRef,
}

impl RowParser<'_> {
    /// Parses one record into `batch` (nothing for Voeten's 9).
    fn row(&mut self, rec: &csv::ByteRecord, line: u64, batch: &mut Batch) {
        // Only built when a problem is found.
        let origin = || Origin {
            file: self.file.clone(),
            line,
        };
        let problem = |p: Problem| Parsed::Problem(Box::new(Found::Problem(p)));
        let raw_rcid = field(rec, self.cols.rcid);
        let rcid = match digits(raw_rcid).or_else(|| {
            std::str::from_utf8(raw_rcid)
                .ok()
                .and_then(|s| s.parse::<u32>().ok())
        }) {
            Some(r) => r,
            None if raw_rcid.is_empty() => {
                batch.items.push(problem(Problem::EmptyField {
                    at: origin().at("rcid", ""),
                }));
                return;
            }
            None => {
                batch.items.push(problem(Problem::InvalidValue {
                    at: origin().at("rcid", text(raw_rcid)),
                    reason: RCID_REASON.to_string(),
                }));
                return;
            }
        };
        if self.last_rcid != Some(rcid) {
            self.last_rcid = Some(rcid);
            self.last_found = self.roll_calls.lookup(rcid);
        }
        let found = self.last_found;
        let RcidRef::Known(statement, date) = found else {
            let missing = missing_roll_call(&origin(), "rcid", &text(raw_rcid), found);
            batch.items.push(Parsed::Problem(Box::new(missing)));
            return;
        };
        let raw_vote = field(rec, self.cols.vote);
        let position = match self.coding.parse(raw_vote) {
            Ok(Some(p)) => p,
            Ok(None) => return,
            Err(_) if raw_vote.is_empty() => {
                batch.items.push(problem(Problem::EmptyField {
                    at: origin().at("vote", ""),
                }));
                return;
            }
            Err(reason) => {
                batch.items.push(problem(Problem::InvalidValue {
                    at: origin().at("vote", text(raw_vote)),
                    reason: reason.to_string(),
                }));
                return;
            }
        };
        let code = field(rec, self.cols.key);
        let country = self.cols.country.map_or(&b""[..], |i| field(rec, i));
        let key = self.keys.intern(code, country, &mut batch.keys);
        batch.items.push(Parsed::Vote {
            statement,
            date,
            position,
            key,
            line,
        });
    }
}

/// The resolving stage: keys to countries, in row order.
struct Resolver {
    file: Arc<str>,
    kind: KeyKind,
    seen: Seen,
    /// The bytes of each key, by key index (the parser's and `seen`'s, which are the same).
    keys: Vec<KeyBytes>,
    rows: Vec<VoteRow>,
}

impl Resolver {
    fn take(&mut self, batch: Batch, name: &str, problems: &mut Problems<'_>) {
        // A batch's new keys are those its votes meet first, in that order, so resolving them
        // here gives them the indices (and their countries the slots) that resolving each at
        // its first vote would: the parser's ids.
        for (code, country) in batch.keys {
            let k = self.seen.add_key(self.kind, &code, &country);
            debug_assert_eq!(k as usize, self.keys.len());
            self.keys.push((code, country));
        }
        for item in batch.items {
            let (statement, date, position, key, line) = match item {
                Parsed::Vote {
                    statement,
                    date,
                    position,
                    key,
                    line,
                } => (statement, date, position, key, line),
                Parsed::Problem(found) => {
                    problems.push_found(*found);
                    continue;
                }
                Parsed::Malformed(e) => {
                    push_csv_error(name, e, problems);
                    continue;
                }
            };
            match self.seen.actor_on(key, date, line) {
                Ok(actor) => self.rows.push(VoteRow {
                    statement,
                    actor,
                    key,
                    position,
                    line,
                }),
                Err(e) => {
                    let origin = Origin {
                        file: self.file.clone(),
                        line,
                    };
                    let (code, country) = &self.keys[key as usize];
                    problems.push(key_problem(e, &origin, self.kind, code, country));
                }
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
