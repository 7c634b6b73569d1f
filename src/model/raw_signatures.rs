//! Signatures as read, before validation: compact rows over interned ids.
//!
//! A large dataset names far fewer distinct statements, actors and roles than it has
//! signatures. Owned strings and an `Arc` per row cost about 170 bytes a signature (estimated
//! from the field sizes and short-string allocations); a row of keys costs 24 (asserted by the
//! test below), and each distinct id is stored once.

use super::{Origin, Position, Signature};
use crate::error::Location;
use chrono::NaiveDate;
use std::sync::Arc;

/// "No role" in [`SigRow::role`].
pub(crate) const NO_ROLE: u32 = u32::MAX;

/// Distinct strings, each with a dense key in order of first appearance.
///
/// The strings are stored back to back in one buffer, and found through an open-addressing
/// table of (tag, key) slots: a lookup hashes the id once ([`hash_of_tag`]: one multiplication for
/// ids up to seven bytes, two up to 16) and compares the slot's [tag](tag_of): for a short id
/// its packed word (equal tags, equal strings), for a longer one its hash, then the bytes. The
/// tag is in the slot, so a probe reads one place, not the slot and then the key's record.
/// Each distinct string costs its bytes and about 50 more; no allocation per string.
///
/// Strings can also be [appended](Interner::append) without a lookup: the table is then
/// brought up to date in one pass, in slot order, before the next lookup (a table larger
/// than the cache costs a miss per string when filled in input order). A repeat appended so
/// gets a key of its own, which [`Interner::first_key`] maps to the first.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    /// The strings, back to back; each is valid UTF-8.
    text: Vec<u8>,
    /// Per key: the end of its string in `text` (it starts where the previous one ends).
    ends: Vec<usize>,
    /// Per key: its [tag](tag_of).
    tags: Vec<u64>,
    /// A power of two long, at most half full. Holds the first key of each string among the
    /// keys below `indexed`.
    table: Vec<Slot>,
    /// The keys below this are in `table` (or repeats of one that is).
    indexed: usize,
    /// Per key, the first key of its string; empty while no appended string was a repeat
    /// (keys past its end are firsts).
    first: Vec<u32>,
}

const K0: u64 = 0x9E37_79B9_7F4A_7C15;
const K1: u64 = 0xD6E8_FEB8_6659_FD93;

/// [`pack_short`] of a string longer than seven bytes (no short string packs to it: their top
/// byte is their length).
const NOT_SHORT: u64 = u64::MAX;

/// Set in the tag of a string longer than seven bytes, never in a packed word (whose top byte
/// is a length below eight).
const LONG_TAG: u64 = 1 << 63;

/// What an [`Interner`] slot holds of its string: the string [packed](pack_short) if short,
/// else its hash with [`LONG_TAG`] set. A short and a long string never share a tag, and two
/// short strings share one only if they are equal.
#[inline]
fn tag_of(packed: u64, s: &[u8]) -> u64 {
    match packed {
        NOT_SHORT => hash_long(s) | LONG_TAG,
        p => p,
    }
}

/// The hash of an id from its [tag](tag_of): a string of up to seven bytes [packed](pack_short)
/// into a word and mixed by a widening multiplication; a longer one's first and last eight
/// bytes and length so mixed, then every eight bytes in between (the tag keeps the low bits,
/// which pick the slot). Not meant to resist chosen collisions (neither was the `FxHashMap`
/// it replaces).
#[inline]
fn hash_of_tag(tag: u64) -> u64 {
    if tag & LONG_TAG != 0 {
        tag
    } else {
        hash_packed(tag)
    }
}

/// One [`Interner`] table slot: a key + 1 (0: empty) and its string's [tag](tag_of).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    tag: u64,
    key: u32,
}

/// A string of up to seven bytes as one word: its bytes, zero-padded, and its length in the
/// top byte (so that strings that differ only by trailing zero bytes differ); [`NOT_SHORT`]
/// for a longer one.
#[inline]
fn pack_short(b: &[u8]) -> u64 {
    let n = b.len();
    let bytes = match n {
        4..8 => u64::from(half(b, 0)) | u64::from(half(b, n - 4)) << (8 * (n - 4)),
        1..4 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        0 => 0,
        _ => return NOT_SHORT,
    };
    bytes | (n as u64) << 56
}

/// The hash of a short string, from its packed word.
#[inline]
fn hash_packed(p: u64) -> u64 {
    fold(p ^ K0, K1)
}

/// The hash of a string of eight bytes or more.
#[inline]
fn hash_long(b: &[u8]) -> u64 {
    let n = b.len();
    let mut h = fold(word(b, 0) ^ K0, word(b, n - 8) ^ K1 ^ n as u64);
    let mut i = 8;
    while i + 8 < n {
        h = fold(h ^ word(b, i), K0);
        i += 8;
    }
    h
}

#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ (p >> 64) as u64
}

/// The eight bytes at `i` (which must be in bounds).
#[inline]
fn word(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(*b[i..].first_chunk::<8>().expect("eight bytes in bounds"))
}

/// The four bytes at `i` (which must be in bounds).
#[inline]
fn half(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(*b[i..].first_chunk::<4>().expect("four bytes in bounds"))
}

/// `a == b`, without a call to `memcmp` (which costs more than the compare for the short
/// ids and names that are most of the input): eight bytes at a time, the last eight
/// overlapping the ones before.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8.. => {
            let mut i = 0;
            while i + 8 < n {
                if word(a, i) != word(b, i) {
                    return false;
                }
                i += 8;
            }
            word(a, n - 8) == word(b, n - 8)
        }
        4..8 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => a == b,
    }
}

impl Interner {
    /// The key of `s`, adding it if new.
    pub fn intern(&mut self, s: &str) -> u32 {
        self.intern_bytes(s.as_bytes())
    }

    /// The key of `s` (which must be UTF-8), adding it if new.
    #[inline]
    pub fn intern_bytes(&mut self, s: &[u8]) -> u32 {
        if self.indexed < self.ends.len() {
            self.index_appended();
        }
        let tag = tag_of(pack_short(s), s);
        match self.find(s, tag) {
            Ok(k) => k,
            Err(slot) => self.insert(s, tag, slot),
        }
    }

    /// The key of `s`, of [tag](tag_of) `tag`, in the table, or the empty slot where it
    /// would go.
    #[inline]
    fn find(&self, s: &[u8], tag: u64) -> Result<u32, usize> {
        // Equal packed words, equal strings; equal hashes, compare the bytes.
        let short = tag & LONG_TAG == 0;
        self.probe(tag, |k| short || same_bytes(self.bytes(k), s))
    }

    /// The first key from the home slot of `tag` on whose slot has `tag` and which `is`
    /// accepts, or the first empty slot.
    #[inline]
    fn probe(&self, tag: u64, is: impl Fn(u32) -> bool) -> Result<u32, usize> {
        if self.table.is_empty() {
            return Err(usize::MAX);
        }
        let mask = self.table.len() - 1;
        let mut slot = hash_of_tag(tag) as usize & mask;
        loop {
            let Slot { tag: t, key } = self.table[slot];
            if key == 0 {
                return Err(slot);
            }
            if t == tag && is(key - 1) {
                return Ok(key - 1);
            }
            slot = (slot + 1) & mask;
        }
    }

    #[cold]
    #[inline(never)]
    fn insert(&mut self, s: &[u8], tag: u64, mut slot: usize) -> u32 {
        let h = hash_of_tag(tag);
        // u32::MAX stays free as a sentinel (and key + 1 must fit).
        let k = u32::try_from(self.ends.len())
            .ok()
            .filter(|&k| k < u32::MAX - 1)
            .expect("fewer than 2^32 - 2 distinct ids");
        if (self.ends.len() + 1) * 2 > self.table.len() {
            self.grow();
            slot = self.empty_slot(h);
        }
        self.push_string(s, tag);
        self.table[slot] = Slot { tag, key: k + 1 };
        self.indexed = self.ends.len();
        k
    }

    /// Adds `s` (which must be UTF-8) under a new key without looking it up; see the type's
    /// documentation.
    pub fn append(&mut self, s: &[u8]) -> u32 {
        let k = u32::try_from(self.ends.len())
            .ok()
            .filter(|&k| k < u32::MAX - 1)
            .expect("fewer than 2^32 - 2 distinct ids");
        self.push_string(s, tag_of(pack_short(s), s));
        k
    }

    /// Stores `s`, of [tag](tag_of) `tag`, under the next key.
    #[inline]
    fn push_string(&mut self, s: &[u8], tag: u64) {
        self.text.extend_from_slice(s);
        self.ends.push(self.text.len());
        self.tags.push(tag);
    }

    /// Puts the appended keys in the table, in the order of their slots (so the table is
    /// written front to back), noting each repeat's first key.
    pub fn index_appended(&mut self) {
        let n = self.ends.len();
        if self.indexed == n {
            return;
        }
        let size = (n * 2).next_power_of_two().max(16);
        if size > self.table.len() {
            self.rehash(size);
        }
        let mask = self.table.len() - 1;
        // (home slot, key), in order of the home slot's bucket of 16 slots (a counting sort:
        // near enough to front to back for the cache, and cheaper than a full sort); within
        // a bucket in key order, so equal strings (one home slot) go smaller key first.
        let homes: Vec<u64> = (self.indexed..n)
            .map(|k| ((hash_of_tag(self.tags[k]) as usize & mask) as u64) << 32 | k as u64)
            .collect();
        let bucket = |p: u64| (p >> 36) as usize;
        let mut starts = vec![0u32; (self.table.len() >> 4).max(1) + 1];
        for &p in &homes {
            starts[bucket(p) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut pending = vec![0u64; homes.len()];
        for p in homes {
            let at = &mut starts[bucket(p)];
            pending[*at as usize] = p;
            *at += 1;
        }
        for p in pending {
            let k = p as u32;
            let tag = self.tags[k as usize];
            // As `find`, with the key's bytes read only on a tag match (the keys come in
            // slot order, not key order: reading every one's bounds would miss the cache).
            let short = tag & LONG_TAG == 0;
            match self.probe(tag, |e| short || same_bytes(self.bytes(e), self.bytes(k))) {
                Err(slot) => self.table[slot] = Slot { tag, key: k + 1 },
                Ok(first) => {
                    // Keys past the end of `first` are firsts: extend it to here.
                    let have = self.first.len() as u32;
                    self.first.extend(have..n as u32);
                    self.first[k as usize] = first;
                }
            }
        }
        self.indexed = n;
    }

    /// The first key of the string of key `k` (itself unless `k` was appended as a repeat
    /// and the table is up to date; see [`Interner::index_appended`]).
    #[inline]
    pub fn first_key(&self, k: u32) -> u32 {
        self.first.get(k as usize).copied().unwrap_or(k)
    }

    fn empty_slot(&self, h: u64) -> usize {
        let mask = self.table.len() - 1;
        let mut slot = h as usize & mask;
        while self.table[slot].key != 0 {
            slot = (slot + 1) & mask;
        }
        slot
    }

    fn grow(&mut self) {
        self.rehash((self.table.len() * 2).max(16));
    }

    /// Room for `n` more strings, if the allocator grants it (`n` is an estimate: without
    /// the room the vectors grow as usual). The table is sized when the strings are indexed.
    pub fn reserve(&mut self, n: usize) {
        let _ = (self.ends.try_reserve(n), self.tags.try_reserve(n));
    }

    /// A table of `size` slots (a power of two) holding every indexed first key.
    fn rehash(&mut self, size: usize) {
        self.table = vec![Slot::default(); size];
        for k in 0..self.indexed {
            if self.first_key(k as u32) != k as u32 {
                continue;
            }
            let tag = self.tags[k];
            let slot = self.empty_slot(hash_of_tag(tag));
            self.table[slot] = Slot {
                tag,
                key: k as u32 + 1,
            };
        }
    }

    /// The bytes of key `k`.
    #[inline]
    fn bytes(&self, k: u32) -> &[u8] {
        let k = k as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start..self.ends[k]]
    }

    /// The string of key `k`.
    pub fn str(&self, k: u32) -> &str {
        std::str::from_utf8(self.bytes(k)).expect("interned strings are UTF-8")
    }

    /// Whether key `k` is `s`, which [packs](pack_short) to `packed`.
    #[inline]
    fn is_packed(&self, k: u32, s: &[u8], packed: u64) -> bool {
        match packed {
            NOT_SHORT => same_bytes(self.bytes(k), s),
            p => self.tags[k as usize] == p,
        }
    }

    /// Whether key `k` is `s`.
    #[cfg(test)]
    pub fn is(&self, k: u32, s: &[u8]) -> bool {
        self.is_packed(k, s, pack_short(s))
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Every (key, first key) of a string appended as a repeat.
    pub fn repeats(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (self.first.iter().enumerate())
            .filter(|&(k, &f)| k as u32 != f)
            .map(|(k, &f)| (k as u32, f))
    }

    /// Every (string, key), in key order (repeats appended included).
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        (0..self.ends.len() as u32).map(|k| (self.str(k), k))
    }

    /// The strings indexed by key.
    pub fn into_strings(self) -> Vec<Box<str>> {
        (0..self.ends.len() as u32)
            .map(|k| Box::from(self.str(k)))
            .collect()
    }
}

/// One signature row: interned keys and where it came from, in 16 bytes. Its role and
/// joining date, which most rows do not have, are a [`SigExtra`] of the same origin.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SigRow {
    /// Statement key (an index of the final dataset once resolved).
    pub statement: u32,
    /// Actor key (an index of the final dataset once resolved).
    pub actor: u32,
    /// The line, split so that the row needs no 8-byte alignment (a `u64` would make it 24);
    /// the top bit of `line_high` is [`HAS_EXTRA`].
    line_low: u32,
    line_high: u16,
    /// Index into [`SignatureRows::files`].
    pub file: u8,
    pub position: Position,
}

impl SigRow {
    /// The 1-based line (or record number) of the row.
    pub fn line(&self) -> u64 {
        u64::from(self.line_high & !HAS_EXTRA) << 32 | u64::from(self.line_low)
    }

    /// Whether the row has a [`SigExtra`].
    pub fn has_extra(&self) -> bool {
        self.line_high & HAS_EXTRA != 0
    }

    /// The row's origin, as ordered in [`SignatureRows::extras`].
    pub fn origin(&self) -> (u8, u64) {
        (self.file, self.line())
    }
}

/// In [`SigRow::line_high`]: the row has a [`SigExtra`].
const HAS_EXTRA: u16 = 1 << 15;

/// The role and joining date of a row that has either, with the row's origin (a file and a
/// line name one row).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SigExtra {
    pub origin: (u8, u64),
    /// Role key, or [`NO_ROLE`].
    pub role: u32,
    pub joined: Option<NaiveDate>,
}

/// The fields of one signature, borrowed from the input (ids as UTF-8 bytes).
pub(crate) struct SignatureFields<'a> {
    pub statement: &'a [u8],
    pub actor: &'a [u8],
    pub position: Position,
    pub role: Option<&'a [u8]>,
    pub joined: Option<NaiveDate>,
}

/// Every signature row read, with the interned ids the rows refer to.
#[derive(Debug, Default)]
pub(crate) struct SignatureRows {
    pub rows: Vec<SigRow>,
    /// The rows with a role or a joining date, by origin.
    pub extras: Vec<SigExtra>,
    pub statements: Interner,
    pub actors: Interner,
    pub roles: Interner,
    pub files: Vec<Arc<str>>,
    /// The previous row's statement key: rows come grouped by statement, so most rows skip
    /// the hash lookup.
    last_statement: Option<u32>,
}

impl SignatureRows {
    /// Adds one row.
    pub fn push(&mut self, f: SignatureFields<'_>, origin: &Origin) {
        self.push_at(f, &origin.file, origin.line);
    }

    /// Adds one row read from `file` at `line`.
    #[inline]
    pub fn push_at(&mut self, f: SignatureFields<'_>, file: &Arc<str>, line: u64) {
        let line_high = u16::try_from(line >> 32)
            .ok()
            .filter(|&h| h & HAS_EXTRA == 0)
            .expect("fewer than 2^47 lines");
        let mut row = SigRow {
            statement: self.statement_key(f.statement),
            actor: self.actors.intern_bytes(f.actor),
            position: f.position,
            file: self.file_index(file),
            line_low: line as u32,
            line_high,
        };
        if f.role.is_some() || f.joined.is_some() {
            self.push_extra(row.origin(), f.role, f.joined);
            row.line_high |= HAS_EXTRA;
        }
        self.rows.push(row);
    }

    #[cold]
    fn push_extra(&mut self, origin: (u8, u64), role: Option<&[u8]>, joined: Option<NaiveDate>) {
        let role = role.map_or(NO_ROLE, |r| self.roles.intern_bytes(r));
        self.extras.push(SigExtra {
            origin,
            role,
            joined,
        });
    }

    /// Room for `n` more rows, if the allocator grants it (`n` is an estimate from the file
    /// size: a far too large one must not abort the read, the rows then grow as usual).
    pub fn reserve(&mut self, n: usize) {
        let _ = self.rows.try_reserve(n);
    }

    #[inline]
    fn statement_key(&mut self, id: &[u8]) -> u32 {
        let packed = pack_short(id);
        let ids = &self.statements;
        match self.last_statement {
            Some(k) if ids.is_packed(k, id, packed) => k,
            // Statement ids read from a statements table are interned in its order, which
            // the signatures usually follow: the next key is tried before a hash lookup (which
            // misses the cache on a large table). Any order gives the same keys.
            Some(k) if k as usize + 1 < ids.len() && ids.is_packed(k + 1, id, packed) => {
                self.last_statement = Some(k + 1);
                k + 1
            }
            _ => {
                let k = self.statements.intern_bytes(id);
                self.last_statement = Some(k);
                k
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
                statement: s.statement.as_bytes(),
                actor: s.actor.as_bytes(),
                position: s.position,
                role: s.role.as_deref().map(str::as_bytes),
                joined: s.joined,
            };
            out.push(fields, &origin);
        }
        out
    }

    /// Rows come from one file or very few: the last one is checked first.
    #[inline]
    fn file_index(&mut self, file: &Arc<str>) -> u8 {
        match self.files.last() {
            // At most 256 files are kept (below).
            Some(last) if Arc::ptr_eq(last, file) => (self.files.len() - 1) as u8,
            _ => self.find_file(file),
        }
    }

    fn find_file(&mut self, file: &Arc<str>) -> u8 {
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
    fn same_bytes_is_equality_at_every_length_and_position() {
        let a: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for n in 0..=40 {
            assert!(same_bytes(&a[..n], &a[..n]));
            assert!(!same_bytes(&a[..n], &a[..n.saturating_sub(1)]) || n == 0);
            for at in 0..n {
                let mut b = a[..n].to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a[..n], &b), "length {n}, byte {at}");
            }
        }
    }

    #[test]
    fn short_strings_pack_to_distinct_words_and_long_ones_do_not_pack() {
        // Every string of up to seven bytes over an alphabet with a zero byte and a non-ASCII
        // one: 3,280 strings, 3,280 words.
        let mut strings: Vec<Vec<u8>> = vec![vec![]];
        let mut i = 0;
        while i < strings.len() {
            if strings[i].len() < 7 {
                for b in [b'a', 0, 0xC3] {
                    let mut longer = strings[i].clone();
                    longer.push(b);
                    strings.push(longer);
                }
            }
            i += 1;
        }
        assert_eq!(strings.len(), 3280);
        let words: std::collections::HashSet<u64> = strings.iter().map(|s| pack_short(s)).collect();
        assert_eq!(words.len(), strings.len());
        assert!(!words.contains(&NOT_SHORT));
        assert_eq!(pack_short(b"ABCDEFGH"), NOT_SHORT);
        // The interner tells them all apart, and finds each again.
        let mut ids = Interner::default();
        for (k, s) in strings.iter().enumerate() {
            assert_eq!(ids.intern_bytes(s), k as u32);
        }
        for (k, s) in strings.iter().enumerate() {
            assert_eq!(ids.intern_bytes(s), k as u32);
        }
    }

    #[test]
    fn appended_strings_are_indexed_in_bulk_and_repeats_map_to_the_first() {
        let mut ids = Interner::default();
        assert_eq!(ids.intern("x"), 0);
        let appended: Vec<u32> = ["a", "b", "a", "x", "c", "b"]
            .iter()
            .map(|s| ids.append(s.as_bytes()))
            .collect();
        assert_eq!(appended, [1, 2, 3, 4, 5, 6]);
        // Before indexing, a repeat is its own key; a lookup indexes first.
        assert_eq!(ids.first_key(3), 3);
        assert_eq!(ids.intern("a"), 1);
        let firsts: Vec<u32> = (0..7).map(|k| ids.first_key(k)).collect();
        assert_eq!(firsts, [0, 1, 2, 1, 0, 5, 2]);
        assert_eq!(ids.repeats().collect::<Vec<_>>(), [(3, 1), (4, 0), (6, 2)]);
        // Growing the table (many new strings) keeps only first keys in it.
        for i in 0..1000 {
            assert_eq!(ids.intern(&format!("n{i}")), 7 + i);
        }
        for (s, k) in [("x", 0), ("a", 1), ("b", 2), ("c", 5), ("n999", 1006)] {
            assert_eq!(ids.intern(s), k, "{s}");
        }
        assert_eq!(ids.len(), 1007);
        assert!(ids.is(3, b"a") && ids.is(4, b"x"));
        // A second batch appended after those lookups, with repeats of old and new strings.
        let appended: Vec<u32> = ["n5", "d", "d", "b"]
            .iter()
            .map(|s| ids.append(s.as_bytes()))
            .collect();
        assert_eq!(appended, [1007, 1008, 1009, 1010]);
        ids.index_appended();
        let firsts: Vec<u32> = (1007..1011).map(|k| ids.first_key(k)).collect();
        assert_eq!(firsts, [12, 1008, 1008, 2]);
        assert_eq!(ids.intern("d"), 1008);
        assert_eq!(ids.repeats().count(), 6);
    }

    #[test]
    fn short_and_long_strings_mixed_get_the_keys_of_a_map_in_first_appearance_order() {
        // Lengths 0 to 40 (packed and hashed ids side by side), long ones differing only in
        // one middle or end byte, some appended in bulk and some interned, each seen thrice.
        let mut strings: Vec<Vec<u8>> = Vec::new();
        for n in 0..=40usize {
            for v in 0..40u8 {
                let mut s: Vec<u8> = (0..n).map(|i| b'A' + (i % 23) as u8).collect();
                if n > 0 {
                    let at = [n / 2, n - 1][usize::from(v % 2)];
                    s[at] = b'a' + v / 2;
                }
                strings.push(s);
            }
        }
        let mut ids = Interner::default();
        // String -> the key it got when first seen.
        let mut reference: std::collections::HashMap<Vec<u8>, u32> = Default::default();
        for round in 0..3 {
            for (i, s) in strings.iter().enumerate() {
                // Appended: a new key even for a repeat, which maps to its first key.
                let k = if round == 0 && i % 3 == 0 {
                    let k = ids.append(s);
                    ids.index_appended();
                    k
                } else {
                    ids.intern_bytes(s)
                };
                let shown = String::from_utf8_lossy(s);
                match reference.get(s) {
                    Some(&first) => assert_eq!(ids.first_key(k), first, "{shown:?}"),
                    None => {
                        // New: the newest key, a first, and no other string's.
                        assert_eq!(
                            (k as usize, ids.first_key(k)),
                            (ids.len() - 1, k),
                            "{shown:?}"
                        );
                        reference.insert(s.clone(), k);
                    }
                }
            }
        }
        let distinct = ids.len() - ids.repeats().count();
        assert_eq!(distinct, reference.len());
    }

    #[test]
    fn the_next_statement_is_tried_before_a_lookup_and_any_order_gives_the_same_keys() {
        let file: Arc<str> = Arc::from("signatures.csv");
        let row = |rows: &mut SignatureRows, statement: &str, line: u64| {
            let fields = SignatureFields {
                statement: statement.as_bytes(),
                actor: b"USA",
                position: Position::Yes,
                role: None,
                joined: None,
            };
            rows.push_at(fields, &file, line);
        };
        let keys = |order: &[&str]| {
            let mut rows = SignatureRows::default();
            for s in ["s0", "s1", "s2", "s0"] {
                rows.statements.append(s.as_bytes());
            }
            for (i, s) in order.iter().enumerate() {
                row(&mut rows, s, i as u64 + 2);
            }
            rows.statements.index_appended();
            let keys: Vec<u32> = (rows.rows.iter())
                .map(|r| rows.statements.first_key(r.statement))
                .collect();
            (keys, rows.statements.len())
        };
        // In order (each found as the next key, s0 again as the repeat's own key), reversed,
        // and with an id no statement has (a new key).
        assert_eq!(keys(&["s0", "s1", "s2", "s0"]), (vec![0, 1, 2, 0], 4));
        assert_eq!(keys(&["s0", "s2", "s1", "s0"]), (vec![0, 2, 1, 0], 4));
        assert_eq!(keys(&["s9", "s2", "s0", "s1"]), (vec![4, 2, 0, 1], 5));
    }

    #[test]
    fn rows_are_small_and_keep_their_origin() {
        assert_eq!(std::mem::size_of::<SigRow>(), 16);
        let file: Arc<str> = Arc::from("signatures.csv");
        let mut rows = SignatureRows::default();
        for (line, actor) in [(2, "USA"), ((7 << 32) + 5, "KOR"), (9, "USA")] {
            let fields = SignatureFields {
                statement: b"s1",
                actor: actor.as_bytes(),
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
