//! The countries met in the vote table: each distinct (code, name) key is resolved to actor
//! ids once, and each actor's first and last roll call is tracked for the UN membership.

use super::countries::country_rows;
use super::cow::cow_rows;
use chrono::NaiveDate;
use rustc_hash::FxBuildHasher as FxBuild;
use std::collections::HashMap;

/// Which column identifies the country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// `country_code`: ISO 3166-1 alpha-2 as in the unvotes data.
    Iso,
    /// `ccode`: the Correlates of War state number.
    Cow,
}

impl KeyKind {
    pub fn column(self) -> &'static str {
        match self {
            KeyKind::Iso => "country_code",
            KeyKind::Cow => "ccode",
        }
    }
}

/// One actor id from a given date on.
struct Era {
    from: Option<NaiveDate>,
    actor: u32,
    name: String,
}

/// Why a key has no actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyError {
    UnknownCode,
    AmbiguousNa,
    NotUtf8,
}

/// An actor that appears in the votes.
#[derive(Debug, Clone)]
pub(crate) struct ActorSeen {
    /// Index among every actor some key resolves to (dense, stable during the read).
    pub slot: u32,
    pub id: &'static str,
    pub name: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The first line of the vote table naming it.
    pub line: u64,
}

/// An actor some key can resolve to; `seen` once it has a vote.
struct Track {
    id: &'static str,
    seen: Option<ActorSeen>,
}

#[derive(Default)]
pub(crate) struct Seen {
    /// Each key's eras (or why it has none), by key index.
    keys: Vec<Result<Vec<Era>, KeyError>>,
    codes: Vec<String>,
    actor_index: HashMap<&'static str, u32, FxBuild>,
    actors: Vec<Track>,
}

impl Seen {
    /// Resolves the next key (`code` and `country` as read) and returns its index.
    pub fn add_key(&mut self, kind: KeyKind, code: &[u8], country: &[u8]) -> u32 {
        let resolved = match (std::str::from_utf8(code), std::str::from_utf8(country)) {
            (Ok(code), Ok(country)) => self.resolve(kind, code, country),
            _ => Err(KeyError::NotUtf8),
        };
        let k = self.keys.len() as u32;
        self.keys.push(resolved);
        self.codes.push(String::from_utf8_lossy(code).into_owned());
        k
    }

    fn actor_slot(&mut self, id: &'static str) -> u32 {
        if let Some(&slot) = self.actor_index.get(id) {
            return slot;
        }
        let slot = self.actors.len() as u32;
        self.actors.push(Track { id, seen: None });
        self.actor_index.insert(id, slot);
        slot
    }

    /// The number of actor slots.
    pub fn slots(&self) -> usize {
        self.actors.len()
    }

    /// The actors that have at least one vote, in order of first appearance in the file.
    pub fn seen_actors(&self) -> Vec<ActorSeen> {
        let mut v: Vec<ActorSeen> = self.actors.iter().filter_map(|t| t.seen.clone()).collect();
        v.sort_by_key(|a| a.line);
        v
    }

    /// The code field of a key, as read.
    pub fn code(&self, k: u32) -> &str {
        &self.codes[k as usize]
    }

    fn resolve(&mut self, kind: KeyKind, code: &str, country: &str) -> Result<Vec<Era>, KeyError> {
        // Rows in date order: (from, id, name to use instead of the file's).
        let rows: Vec<(Option<NaiveDate>, &'static str, Option<&'static str>)> = match kind {
            KeyKind::Iso => country_rows(code, country)
                .into_iter()
                .map(|r| (r.from, r.id, r.name))
                .collect(),
            KeyKind::Cow => {
                let rows = code.parse().map(cow_rows).unwrap_or_default();
                rows.iter()
                    // COW names stand in for a missing `country`; a dated row's name always
                    // wins, as the file's name belongs to the earlier state.
                    .map(|r| {
                        (
                            r.from,
                            r.id,
                            (r.from.is_some() || country.is_empty()).then_some(r.name),
                        )
                    })
                    .collect()
            }
        };
        if rows.is_empty() {
            let na = kind == KeyKind::Iso && (code.is_empty() || code == "NA");
            return Err(if na {
                KeyError::AmbiguousNa
            } else {
                KeyError::UnknownCode
            });
        }
        Ok(rows
            .into_iter()
            .map(|(from, id, rename)| Era {
                from,
                actor: self.actor_slot(id),
                name: rename.map_or_else(
                    || if country.is_empty() { id } else { country }.to_string(),
                    str::to_string,
                ),
            })
            .collect())
    }

    /// The actor of key `k` on `date`, recording the appearance (first seen on `line`).
    pub fn actor_on(&mut self, k: u32, date: NaiveDate, line: u64) -> Result<u32, KeyError> {
        let eras = self.keys[k as usize].as_ref().map_err(|e| *e)?;
        let era = eras
            .iter()
            .rev()
            .find(|e| e.from.is_none_or(|f| f <= date))
            .unwrap_or(&eras[0]);
        let track = &mut self.actors[era.actor as usize];
        let Some(a) = &mut track.seen else {
            track.seen = Some(ActorSeen {
                slot: era.actor,
                id: track.id,
                name: era.name.clone(),
                first: date,
                last: date,
                line,
            });
            return Ok(era.actor);
        };
        if date < a.first {
            a.first = date;
        }
        if date > a.last {
            a.last = date;
            // The name of the latest appearance (Germany, not Federal Republic of Germany).
            if a.name != era.name {
                a.name.clone_from(&era.name);
            }
        }
        Ok(era.actor)
    }
}
