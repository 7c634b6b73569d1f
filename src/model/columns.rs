//! Sparse per-signature columns: most datasets have no roles and no joining dates, and those
//! that have them repeat a handful of role names.
//!
//! Each column has one representation for given contents (empty when no signature has a
//! value; role names numbered by first use in slot order), so the derived `PartialEq` of
//! [`Dataset`](super::Dataset) compares contents.

use chrono::NaiveDate;

/// Roles by signature slot, interned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RoleColumn {
    /// Distinct role names, in order of first use by slot.
    names: Vec<Box<str>>,
    /// Per slot: 0 for no role, else 1 + index into `names`. Empty when no slot has a role.
    ids: Vec<u32>,
}

impl RoleColumn {
    /// The column for `len` slots, where `key(slot)` indexes into `names` (unused names are
    /// dropped).
    pub fn from_keys(len: usize, names: &[Box<str>], key: impl Fn(usize) -> Option<u32>) -> Self {
        if (0..len).all(|slot| key(slot).is_none()) {
            return RoleColumn::default();
        }
        // 0 = not used yet, else the new id.
        let mut renumber = vec![0u32; names.len()];
        let mut used: Vec<Box<str>> = Vec::new();
        let ids = (0..len)
            .map(|slot| {
                let Some(k) = key(slot) else { return 0 };
                let id = &mut renumber[k as usize];
                if *id == 0 {
                    used.push(names[k as usize].clone());
                    *id = used.len() as u32;
                }
                *id
            })
            .collect();
        RoleColumn { names: used, ids }
    }

    /// The role of a slot.
    pub fn get(&self, slot: usize) -> Option<&str> {
        self.key(slot).map(|k| &*self.names[k as usize])
    }

    /// The index into [`RoleColumn::names`] of a slot's role.
    pub fn key(&self, slot: usize) -> Option<u32> {
        match self.ids.get(slot) {
            None | Some(0) => None,
            Some(&id) => Some(id - 1),
        }
    }

    /// The distinct role names.
    pub fn names(&self) -> &[Box<str>] {
        &self.names
    }
}

/// Joining dates by signature slot; empty when no slot has one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JoinedColumn(Vec<Option<NaiveDate>>);

impl JoinedColumn {
    /// The column for `len` slots.
    pub fn from_fn(len: usize, joined: impl Fn(usize) -> Option<NaiveDate>) -> Self {
        if (0..len).all(|slot| joined(slot).is_none()) {
            return JoinedColumn::default();
        }
        JoinedColumn((0..len).map(joined).collect())
    }

    /// The joining date of a slot.
    pub fn get(&self, slot: usize) -> Option<NaiveDate> {
        self.0.get(slot).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_canonical() {
        let names: Vec<Box<str>> = vec!["a".into(), "b".into(), "c".into()];
        let keys = [None, Some(2), Some(0), Some(2)];
        let col = RoleColumn::from_keys(4, &names, |i| keys[i]);
        assert_eq!(col.names(), &["c".into(), "a".into()] as &[Box<str>]);
        assert_eq!(
            (0..4).map(|i| col.get(i)).collect::<Vec<_>>(),
            [None, Some("c"), Some("a"), Some("c")]
        );
        assert_eq!(
            RoleColumn::from_keys(3, &names, |_| None),
            RoleColumn::default()
        );
        assert_eq!(JoinedColumn::from_fn(3, |_| None), JoinedColumn::default());
    }
}
