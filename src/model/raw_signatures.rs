//! Signatures as read, before validation: compact rows over interned ids.
//!
//! A large dataset names far fewer distinct statements, actors and roles than it has
//! signatures. Owned strings and an `Arc` per row cost about 170 bytes a signature (estimated
//! from the field sizes and short-string allocations); a row of keys costs 24 (asserted by the
//! test below), and each distinct id is stored once.

use super::{Origin, Position, Signature};
use crate::error::Location;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// "No role" in [`SigRow::role`].
pub(crate) const NO_ROLE: u32 = u32::MAX;

/// Distinct strings, each with a dense key in order of first appearance.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    keys: FxHashMap<Box<str>, u32>,
}

impl Interner {
    /// The key of `s`, adding it if new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&k) = self.keys.get(s) {
            return k;
        }
        // u32::MAX stays free as a sentinel.
        let k = u32::try_from(self.keys.len())
            .ok()
            .filter(|&k| k < u32::MAX)
            .expect("fewer than 2^32 - 1 distinct ids");
        self.keys.insert(s.into(), k);
        k
    }

    /// The key of `s`, if interned.
    pub fn get(&self, s: &str) -> Option<u32> {
        self.keys.get(s).copied()
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Every (string, key), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.keys.iter().map(|(s, &k)| (&**s, k))
    }

    /// The strings indexed by key (moved, not copied).
    pub fn into_strings(self) -> Vec<Box<str>> {
        let mut v: Vec<Box<str>> = vec![Box::default(); self.keys.len()];
        for (s, k) in self.keys {
            v[k as usize] = s;
        }
        v
    }
}

/// One signature row: interned keys and where it came from, in 24 bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SigRow {
    /// Statement key (an index of the final dataset once resolved).
    pub statement: u32,
    /// Actor key (an index of the final dataset once resolved).
    pub actor: u32,
    /// Role key, or [`NO_ROLE`].
    pub role: u32,
    pub joined: Option<NaiveDate>,
    pub position: Position,
    /// Index into [`SignatureRows::files`].
    pub file: u8,
    /// The line, split so that the row needs no 8-byte alignment (a `u64` would make it 32).
    line_low: u32,
    line_high: u16,
}

impl SigRow {
    /// The 1-based line (or record number) of the row.
    pub fn line(&self) -> u64 {
        u64::from(self.line_high) << 32 | u64::from(self.line_low)
    }
}

/// The fields of one signature, borrowed from the input.
pub(crate) struct SignatureFields<'a> {
    pub statement: &'a str,
    pub actor: &'a str,
    pub position: Position,
    pub role: Option<&'a str>,
    pub joined: Option<NaiveDate>,
}

/// Every signature row read, with the interned ids the rows refer to.
#[derive(Debug, Default)]
pub(crate) struct SignatureRows {
    pub rows: Vec<SigRow>,
    pub statements: Interner,
    pub actors: Interner,
    pub roles: Interner,
    pub files: Vec<Arc<str>>,
    /// The previous row's statement id and key: rows come grouped by statement, so most rows
    /// skip the hash lookup.
    last_statement: Option<(String, u32)>,
}

impl SignatureRows {
    /// Adds one row.
    pub fn push(&mut self, f: SignatureFields<'_>, origin: &Origin) {
        let line_high = u16::try_from(origin.line >> 32).expect("fewer than 2^48 lines");
        let row = SigRow {
            statement: self.statement_key(f.statement),
            actor: self.actors.intern(f.actor),
            role: f.role.map_or(NO_ROLE, |r| self.roles.intern(r)),
            joined: f.joined,
            position: f.position,
            file: self.file_index(&origin.file),
            line_low: origin.line as u32,
            line_high,
        };
        self.rows.push(row);
    }

    fn statement_key(&mut self, id: &str) -> u32 {
        match &mut self.last_statement {
            Some((last, key)) if last == id => *key,
            slot => {
                let key = self.statements.intern(id);
                match slot {
                    Some((last, k)) => {
                        last.clear();
                        last.push_str(id);
                        *k = key;
                    }
                    None => *slot = Some((id.to_string(), key)),
                }
                key
            }
        }
    }

    /// Owned records, located at `file` and their 1-based number.
    pub fn from_records(file: &str, records: Vec<Signature>) -> Self {
        let file: Arc<str> = Arc::from(file);
        let mut out = SignatureRows::default();
        out.rows.reserve_exact(records.len());
        for (i, s) in records.into_iter().enumerate() {
            let origin = Origin {
                file: file.clone(),
                line: i as u64 + 1,
            };
            let fields = SignatureFields {
                statement: &s.statement,
                actor: &s.actor,
                position: s.position,
                role: s.role.as_deref(),
                joined: s.joined,
            };
            out.push(fields, &origin);
        }
        out
    }

    /// Rows come from one file or very few: the last one is checked first.
    fn file_index(&mut self, file: &Arc<str>) -> u8 {
        let i = match self
            .files
            .iter()
            .rposition(|f| Arc::ptr_eq(f, file) || f == file)
        {
            Some(i) => i,
            None => {
                self.files.push(file.clone());
                self.files.len() - 1
            }
        };
        u8::try_from(i).expect("signatures from at most 256 files")
    }

    /// The location of a field of a row.
    pub fn at(&self, row: &SigRow, field: &str, value: &str) -> Location {
        Location {
            file: self.files[row.file as usize].to_string(),
            line: row.line(),
            field: field.to_string(),
            value: value.to_string(),
            column: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_small_and_keep_their_origin() {
        assert_eq!(std::mem::size_of::<SigRow>(), 24);
        let file: Arc<str> = Arc::from("signatures.csv");
        let mut rows = SignatureRows::default();
        for (line, actor) in [(2, "USA"), ((7 << 32) + 5, "KOR"), (9, "USA")] {
            let fields = SignatureFields {
                statement: "s1",
                actor,
                position: Position::Yes,
                role: None,
                joined: None,
            };
            rows.push(
                fields,
                &Origin {
                    file: file.clone(),
                    line,
                },
            );
        }
        let lines: Vec<u64> = rows.rows.iter().map(SigRow::line).collect();
        assert_eq!(lines, [2, (7 << 32) + 5, 9]);
        assert_eq!(rows.actors.len(), 2);
        assert_eq!(rows.rows[2].actor, rows.rows[0].actor);
        assert_eq!(
            rows.at(&rows.rows[1], "actor", "KOR").file,
            "signatures.csv"
        );
    }
}
