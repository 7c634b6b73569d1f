//! Grouping items by a small integer key with a stable counting sort, the CSR-style index
//! behind partitions, aggregation and the actor-major views of signatures.

/// An index type a grouping can be stored in (`u32` where memory matters, `usize` where the
/// result is handed out as indices).
pub(crate) trait Index: Copy {
    /// The index `i`; callers guarantee it fits.
    fn from_usize(i: usize) -> Self;
    /// The index as `usize`.
    fn to_usize(self) -> usize;
}

impl Index for usize {
    #[inline]
    fn from_usize(i: usize) -> usize {
        i
    }

    #[inline]
    fn to_usize(self) -> usize {
        self
    }
}

impl Index for u32 {
    #[inline]
    fn from_usize(i: usize) -> u32 {
        debug_assert!(u32::try_from(i).is_ok());
        i as u32
    }

    #[inline]
    fn to_usize(self) -> usize {
        self as usize
    }
}

/// Groups `(key, item)` entries by key, keys below `k`: returns `(start, items)` where
/// `items[start[g]..start[g + 1]]` are the items of key `g` in entry order (the sort is
/// stable). `entries` is walked twice (count, then place), hence `Clone`.
pub(crate) fn group_by_key<S: Index, I: Index>(
    k: usize,
    entries: impl Iterator<Item = (usize, I)> + Clone,
) -> (Vec<S>, Vec<I>) {
    let mut start = vec![0usize; k + 1];
    for (g, _) in entries.clone() {
        start[g + 1] += 1;
    }
    for g in 0..k {
        start[g + 1] += start[g];
    }
    let mut fill = start.clone();
    let mut items = vec![I::from_usize(0); start[k]];
    for (g, item) in entries {
        items[fill[g]] = item;
        fill[g] += 1;
    }
    (start.into_iter().map(S::from_usize).collect(), items)
}

/// Groups the positions `0..keys.len()` by their key (below `k`), as [`group_by_key`].
pub(crate) fn group_positions<S: Index, I: Index>(
    k: usize,
    keys: &[impl Index],
) -> (Vec<S>, Vec<I>) {
    group_by_key(
        k,
        keys.iter()
            .enumerate()
            .map(|(i, g)| (g.to_usize(), I::from_usize(i))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_contiguous_and_stable() {
        let (start, items): (Vec<usize>, Vec<u32>) = group_positions(4, &[2u32, 0, 2, 1, 0]);
        assert_eq!(start, vec![0, 2, 3, 5, 5]);
        assert_eq!(items, vec![1, 4, 3, 0, 2]);
    }

    #[test]
    fn entries_may_repeat_an_item_under_several_keys() {
        // Item 7 under keys 1 and 0, item 8 under key 1.
        let entries = [(1, 7u32), (0, 7), (1, 8)];
        let (start, items): (Vec<u32>, Vec<u32>) = group_by_key(2, entries.iter().copied());
        assert_eq!(start, vec![0, 1, 3]);
        assert_eq!(items, vec![7, 7, 8]);
    }
}
