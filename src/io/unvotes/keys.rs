//! The (code, country) pairs of the vote table as dense ids, in order of first appearance,
//! while the rows are parsed: the countries themselves are resolved later, once per id.

use crate::model::same_bytes;
use rustc_hash::FxBuildHasher as FxBuild;
use std::collections::HashMap;

/// The bytes of a key: the code and the country fields as read.
pub(crate) type KeyBytes = (Box<[u8]>, Box<[u8]>);

/// The names met with one packed code, each with its id.
type NamesOfCode = Vec<(Box<[u8]>, u32)>;

/// Interns (code, country) pairs.
#[derive(Default)]
pub(crate) struct KeyInterner {
    /// Codes that fit in a `u64` ([`packed`]), by code: (country, id) for each name met with
    /// it, usually one. Most rows are found here without hashing the name.
    by_code: HashMap<u64, NamesOfCode, FxBuild>,
    /// Longer codes: code, 0xFF (never in UTF-8, so pairs cannot collide), country.
    long: HashMap<Vec<u8>, u32, FxBuild>,
    lookup: Vec<u8>,
    next: u32,
}

impl KeyInterner {
    /// The id of the pair; a pair met for the first time gets the next id and its bytes are
    /// appended to `new`.
    pub fn intern(&mut self, code: &[u8], country: &[u8], new: &mut Vec<KeyBytes>) -> u32 {
        let next = self.next;
        let id = match packed(code) {
            Some(p) => {
                let names = self.by_code.entry(p).or_default();
                // Word-wise: a call to `memcmp` per vote costs more than the compare.
                match names.iter().find(|(name, _)| same_bytes(name, country)) {
                    Some(&(_, id)) => id,
                    None => {
                        names.push((country.into(), next));
                        next
                    }
                }
            }
            None => {
                self.lookup.clear();
                self.lookup.extend_from_slice(code);
                self.lookup.push(0xFF);
                self.lookup.extend_from_slice(country);
                match self.long.get(self.lookup.as_slice()) {
                    Some(&id) => id,
                    None => {
                        self.long.insert(self.lookup.clone(), next);
                        next
                    }
                }
            }
        };
        if id == next {
            self.next += 1;
            new.push((code.into(), country.into()));
        }
        id
    }
}

/// A code of at most 7 bytes as one number (its bytes and its length), `None` for longer ones.
fn packed(code: &[u8]) -> Option<u64> {
    (code.len() < 8).then(|| {
        code.iter()
            .fold(code.len() as u64, |acc, &b| acc << 8 | u64::from(b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_first_appearance_and_pairs_stay_apart() {
        let mut keys = KeyInterner::default();
        let mut new = Vec::new();
        let long = b"a code longer than eight bytes";
        let pairs: [(&[u8], &[u8]); 7] = [
            (b"US", b"United States"),
            (b"NA", b"Namibia"),
            (b"US", b"United States"),
            (b"NA", b""),
            (long, b"x"),
            (b"NA", b"Namibia"),
            (long, b"y"),
        ];
        let ids: Vec<u32> = pairs
            .iter()
            .map(|(c, n)| keys.intern(c, n, &mut new))
            .collect();
        assert_eq!(ids, [0, 1, 0, 2, 3, 1, 4]);
        let firsts: Vec<KeyBytes> = [0, 1, 3, 4, 6]
            .iter()
            .map(|&i| (pairs[i].0.into(), pairs[i].1.into()))
            .collect();
        assert_eq!(new, firsts);
        // A code of 7 bytes and one of 8 go different ways; "" and "\0" differ by length.
        assert_ne!(packed(b""), packed(b"\0"));
        assert!(packed(b"1234567").is_some() && packed(b"12345678").is_none());
    }
}
