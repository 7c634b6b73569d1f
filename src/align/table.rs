//! The contingency table of a dyad, and the dyad input it is filled from.

use super::{AlignError, MAX_CATEGORIES, Scale};

/// A K × K contingency table of one dyad over the categories of a [`Scale`].
///
/// Cell (a, b) holds the number (or, when filled with item weights, the total weight) of joint
/// items where the first actor has category a and the second has category b. Only items where
/// both codes are present are counted (pairwise deletion), and [`ContingencyTable::n`] is their number.
///
/// Counts are stored as `f64`; integer counts are exact up to 2⁵³.
///
/// ```
/// use cosignatory::align::{Scale, ContingencyTable};
/// let x = [Some(1), Some(1), Some(3), None];
/// let y = [Some(1), Some(2), Some(3), Some(1)];
/// let t = ContingencyTable::from_codes(Scale::VOETEN, &x, &y).unwrap();
/// assert_eq!(t.n(), 3);                 // the item with a missing code is dropped
/// assert_eq!(t.get(1, 2).unwrap(), 1.0); // x = yes, y = abstain once
/// assert_eq!(t.rows()[0], 2.0);          // x said yes on two joint items
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ContingencyTable {
    scale: Scale,
    cells: [[f64; MAX_CATEGORIES]; MAX_CATEGORIES],
    n: u32,
    weighted: bool,
}

impl ContingencyTable {
    /// An empty table on `scale`.
    pub fn new(scale: Scale) -> Self {
        ContingencyTable {
            scale,
            cells: [[0.0; MAX_CATEGORIES]; MAX_CATEGORIES],
            n: 0,
            weighted: false,
        }
    }

    /// The table of two code vectors; items where either code is `None` are skipped.
    ///
    /// # Errors
    /// [`AlignError::LengthMismatch`] if the vectors differ in length, [`AlignError::CodeOutOfScale`]
    /// for a code outside `scale`.
    pub fn from_codes(
        scale: Scale,
        x: &[Option<u8>],
        y: &[Option<u8>],
    ) -> Result<Self, AlignError> {
        check_len("y", x.len(), y.len())?;
        let mut t = ContingencyTable::new(scale);
        for (&a, &b) in x.iter().zip(y) {
            if let (Some(a), Some(b)) = (a, b) {
                t.add(a, b)?;
            }
        }
        Ok(t)
    }

    /// The table of two code vectors with item weights (e.g. CINC shares of third states).
    ///
    /// A NaN weight means the weight is missing: the item is dropped, as fpsim does. Weight 0 keeps
    /// the item in N but adds nothing to the cells.
    ///
    /// # Errors
    /// As [`ContingencyTable::from_codes`], plus [`AlignError::LengthMismatch`] for the weights and
    /// [`AlignError::InvalidWeight`] for a negative or infinite weight.
    pub fn from_weighted_codes(
        scale: Scale,
        x: &[Option<u8>],
        y: &[Option<u8>],
        weights: &[f64],
    ) -> Result<Self, AlignError> {
        check_len("y", x.len(), y.len())?;
        check_len("weights", x.len(), weights.len())?;
        let mut t = ContingencyTable::new(scale);
        t.weighted = true;
        for (k, ((&a, &b), &w)) in x.iter().zip(y).zip(weights).enumerate() {
            check_weight(k, w)?;
            if let (Some(a), Some(b), false) = (a, b, w.is_nan()) {
                t.add_weighted(a, b, w)?;
            }
        }
        Ok(t)
    }

    /// A table from integer counts given row-major (K × K, row = first actor's category index).
    ///
    /// # Errors
    /// [`AlignError::LengthMismatch`] unless `counts.len()` is K².
    pub fn from_counts(scale: Scale, counts: &[u32]) -> Result<Self, AlignError> {
        let k = scale.categories();
        check_len("counts", k * k, counts.len())?;
        let mut t = ContingencyTable::new(scale);
        for (idx, &c) in counts.iter().enumerate() {
            t.cells[idx / k][idx % k] = f64::from(c);
            t.n += c;
        }
        Ok(t)
    }

    /// The 2 × 2 table of binary incidence on [`Scale::BINARY`], in the usual notation:
    /// `a` both 1, `b` first only, `c` second only, `d` neither.
    ///
    /// ```
    /// use cosignatory::align::ContingencyTable;
    /// let t = ContingencyTable::binary(3, 1, 1, 1);
    /// assert_eq!(t.n(), 6);
    /// assert_eq!(t.get(1, 0).unwrap(), 1.0); // b
    /// ```
    pub fn binary(a: u32, b: u32, c: u32, d: u32) -> Self {
        let mut t = ContingencyTable::new(Scale::BINARY);
        t.cells[1][1] = f64::from(a);
        t.cells[1][0] = f64::from(b);
        t.cells[0][1] = f64::from(c);
        t.cells[0][0] = f64::from(d);
        t.n = a + b + c + d;
        t
    }

    /// Count one joint item with codes `x` (first actor) and `y` (second actor).
    ///
    /// # Errors
    /// [`AlignError::CodeOutOfScale`] for a code outside the scale.
    pub fn add(&mut self, x: u8, y: u8) -> Result<(), AlignError> {
        let (i, j) = (self.scale.index(x)?, self.scale.index(y)?);
        self.add_index(i, j, 1.0);
        Ok(())
    }

    /// Count one joint item with weight `w`; marks the table as weighted.
    ///
    /// # Errors
    /// [`AlignError::CodeOutOfScale`] for a code outside the scale, [`AlignError::InvalidWeight`]
    /// for a weight that is not finite and non-negative.
    pub fn add_weighted(&mut self, x: u8, y: u8, w: f64) -> Result<(), AlignError> {
        if !(w.is_finite() && w >= 0.0) {
            return Err(AlignError::InvalidWeight {
                index: self.n as usize,
                weight: w,
            });
        }
        let (i, j) = (self.scale.index(x)?, self.scale.index(y)?);
        self.weighted = true;
        self.add_index(i, j, w);
        Ok(())
    }

    /// Add `w` to the cell of category indices (`i`, `j`) and one to N.
    pub(crate) fn add_index(&mut self, i: usize, j: usize, w: f64) {
        self.cells[i][j] += w;
        self.n += 1;
    }

    /// An empty table that is marked weighted or not (for resampled tables).
    pub(crate) fn empty(scale: Scale, weighted: bool) -> Self {
        ContingencyTable {
            weighted,
            ..ContingencyTable::new(scale)
        }
    }

    /// Build from category-index cells (row-major K × K) produced by the all-pairs kernel.
    pub(crate) fn from_cells(scale: Scale, cells: &[f64], n: u32, weighted: bool) -> Self {
        let mut t = ContingencyTable::empty(scale, weighted);
        t.overwrite_cells(cells, n);
        t
    }

    /// Replace the K × K cells and N in place (cells outside K × K stay zero), so that one table
    /// can be reused across many pairs without re-zeroing all 8 × 8 cells.
    pub(crate) fn overwrite_cells(&mut self, cells: &[f64], n: u32) {
        let k = self.categories();
        for (a, row) in cells.chunks_exact(k).enumerate() {
            self.cells[a][..k].copy_from_slice(row);
        }
        self.n = n;
    }

    /// The scale of the table.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// Number of categories K.
    pub fn categories(&self) -> usize {
        self.scale.categories()
    }

    /// N: the number of joint items counted.
    pub fn n(&self) -> u32 {
        self.n
    }

    /// Whether the table was filled with item weights.
    pub fn is_weighted(&self) -> bool {
        self.weighted
    }

    /// Total of all cells: N for an unweighted table, the weight sum Σw for a weighted one.
    pub fn total(&self) -> f64 {
        let k = self.categories();
        self.cells[..k]
            .iter()
            .map(|r| r[..k].iter().sum::<f64>())
            .sum()
    }

    /// The cell at codes (`x`, `y`).
    ///
    /// # Errors
    /// [`AlignError::CodeOutOfScale`] for a code outside the scale.
    pub fn get(&self, x: u8, y: u8) -> Result<f64, AlignError> {
        Ok(self.cells[self.scale.index(x)?][self.scale.index(y)?])
    }

    /// The cell at category indices (`i`, `j`), both `< K`.
    pub fn cell(&self, i: usize, j: usize) -> f64 {
        let k = self.categories();
        assert!(i < k && j < k, "category index out of range");
        self.cells[i][j]
    }

    /// Row marginals (first actor's category totals) by category index; entries ≥ K are 0.
    pub fn rows(&self) -> [f64; MAX_CATEGORIES] {
        let k = self.categories();
        let mut r = [0.0; MAX_CATEGORIES];
        for (a, row) in self.cells[..k].iter().enumerate() {
            r[a] = row[..k].iter().sum();
        }
        r
    }

    /// Column marginals (second actor's category totals) by category index.
    pub fn cols(&self) -> [f64; MAX_CATEGORIES] {
        let k = self.categories();
        let mut c = [0.0; MAX_CATEGORIES];
        for row in &self.cells[..k] {
            for (b, v) in row[..k].iter().enumerate() {
                c[b] += v;
            }
        }
        c
    }

    /// Pooled marginal totals `rows + cols` (they sum to twice [`ContingencyTable::total`]).
    pub fn pooled(&self) -> [f64; MAX_CATEGORIES] {
        let (r, c) = (self.rows(), self.cols());
        std::array::from_fn(|a| r[a] + c[a])
    }

    /// The table of the dyad in the other order (the transpose).
    pub fn transposed(&self) -> Self {
        let mut t = self.clone();
        for a in 0..MAX_CATEGORIES {
            for b in 0..MAX_CATEGORIES {
                t.cells[a][b] = self.cells[b][a];
            }
        }
        t
    }
}

/// One dyad's input: two actors' codes over the same items, with optional item weights.
///
/// This is the per-pair input abstraction: fill `x` and `y` from any data source (e.g. with
/// [`Coding::codes`](super::Coding::codes)), one entry per item, `None` where the actor has no
/// valid position.
///
/// ```
/// use cosignatory::align::{Dyad, Measure, Scale};
/// let x = [Some(1), Some(1), Some(2), Some(3)];
/// let y = [Some(1), Some(2), Some(2), Some(3)];
/// let d = Dyad::new(Scale::VOETEN, &x, &y).unwrap();
/// let s = Measure::SAbsolute.score(&d).unwrap();
/// assert_eq!(s.n, 4);
/// assert!((s.value.unwrap() - 0.75).abs() < 1e-12); // 1 − 2·1/(4·2)
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dyad<'a> {
    scale: Scale,
    x: &'a [Option<u8>],
    y: &'a [Option<u8>],
    weights: Option<&'a [f64]>,
    clusters: Option<&'a [u32]>,
}

impl<'a> Dyad<'a> {
    /// A dyad on `scale`.
    ///
    /// # Errors
    /// [`AlignError::LengthMismatch`] or [`AlignError::CodeOutOfScale`].
    pub fn new(scale: Scale, x: &'a [Option<u8>], y: &'a [Option<u8>]) -> Result<Self, AlignError> {
        check_len("y", x.len(), y.len())?;
        for c in x.iter().chain(y).flatten() {
            scale.index(*c)?;
        }
        Ok(Dyad {
            scale,
            x,
            y,
            weights: None,
            clusters: None,
        })
    }

    /// The same dyad with item weights (NaN = missing weight, item dropped).
    ///
    /// # Errors
    /// [`AlignError::LengthMismatch`] or [`AlignError::InvalidWeight`].
    pub fn with_weights(self, weights: &'a [f64]) -> Result<Self, AlignError> {
        check_len("weights", self.x.len(), weights.len())?;
        for (k, &w) in weights.iter().enumerate() {
            check_weight(k, w)?;
        }
        Ok(Dyad {
            weights: Some(weights),
            ..self
        })
    }

    /// The same dyad with a resampling unit per item (any `u32` label; items with equal labels
    /// form one cluster, e.g. the roll calls on one resolution). Read by the bootstrap and the
    /// permutation test under [`Resample::Resolution`](super::uncertainty::Resample).
    ///
    /// # Errors
    /// [`AlignError::LengthMismatch`].
    pub fn with_clusters(self, clusters: &'a [u32]) -> Result<Self, AlignError> {
        check_len("clusters", self.x.len(), clusters.len())?;
        Ok(Dyad {
            clusters: Some(clusters),
            ..self
        })
    }

    /// The scale of the codes.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// First actor's codes.
    pub fn x(&self) -> &'a [Option<u8>] {
        self.x
    }

    /// Second actor's codes.
    pub fn y(&self) -> &'a [Option<u8>] {
        self.y
    }

    /// The item weights, if any.
    pub fn weights(&self) -> Option<&'a [f64]> {
        self.weights
    }

    /// The resampling units of the items, if any ([`with_clusters`](Self::with_clusters)).
    pub fn clusters(&self) -> Option<&'a [u32]> {
        self.clusters
    }

    /// The contingency table of the dyad (weighted if the dyad has weights).
    pub fn table(&self) -> ContingencyTable {
        let mut t = ContingencyTable::empty(self.scale, self.weights.is_some());
        for (i, j, w) in self.joint_items() {
            t.add_index(usize::from(i), usize::from(j), w);
        }
        t
    }

    /// The joint items as (category index of x, category index of y, weight).
    pub(crate) fn joint_items(&self) -> Vec<(u8, u8, f64)> {
        let min = self.scale.min();
        (0..self.x.len())
            .filter_map(|k| {
                let w = self.weights.map_or(1.0, |w| w[k]);
                match (self.x[k], self.y[k]) {
                    (Some(a), Some(b)) if !w.is_nan() => Some((a - min, b - min, w)),
                    _ => None,
                }
            })
            .collect()
    }

    /// The joint items grouped by cluster: items in cluster order (clusters in the order of
    /// their first joint item, items in item order within one), and the start of each cluster
    /// in that list (with the end as last entry). Without clusters every item is its own.
    pub(crate) fn joint_clusters(&self) -> (Vec<(u8, u8, f64)>, Vec<usize>) {
        let min = self.scale.min();
        let mut label = Vec::new();
        let mut items = Vec::new();
        for k in 0..self.x.len() {
            let w = self.weights.map_or(1.0, |w| w[k]);
            if let (Some(a), Some(b)) = (self.x[k], self.y[k])
                && !w.is_nan()
            {
                items.push((a - min, b - min, w));
                label.push(self.clusters.map_or(k as u32, |c| c[k]));
            }
        }
        if self.clusters.is_none() {
            return (items, (0..=label.len()).collect());
        }
        // Rank each label by its first appearance, then a stable counting sort by rank.
        let mut rank = std::collections::HashMap::new();
        let ranks: Vec<usize> = label
            .iter()
            .map(|&l| {
                let next = rank.len();
                *rank.entry(l).or_insert(next)
            })
            .collect();
        let mut starts = vec![0usize; rank.len() + 1];
        for &r in &ranks {
            starts[r + 1] += 1;
        }
        for c in 0..rank.len() {
            starts[c + 1] += starts[c];
        }
        let mut fill = starts.clone();
        let mut grouped = vec![(0, 0, 0.0); items.len()];
        for (item, &r) in items.into_iter().zip(&ranks) {
            grouped[fill[r]] = item;
            fill[r] += 1;
        }
        (grouped, starts)
    }
}

fn check_len(what: &'static str, expected: usize, found: usize) -> Result<(), AlignError> {
    if expected == found {
        Ok(())
    } else {
        Err(AlignError::LengthMismatch {
            what,
            expected,
            found,
        })
    }
}

fn check_weight(index: usize, weight: f64) -> Result<(), AlignError> {
    if weight.is_nan() || (weight.is_finite() && weight >= 0.0) {
        Ok(())
    } else {
        Err(AlignError::InvalidWeight { index, weight })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_deletion_and_marginals() {
        let x = [Some(0), Some(3), None, Some(1), Some(3)];
        let y = [Some(0), Some(0), Some(2), None, Some(1)];
        let t = ContingencyTable::from_codes(Scale::ALLIANCE, &x, &y).unwrap();
        assert_eq!(t.n(), 3);
        assert_eq!(t.total(), 3.0);
        assert_eq!(t.rows()[..4], [1.0, 0.0, 0.0, 2.0]);
        assert_eq!(t.cols()[..4], [2.0, 1.0, 0.0, 0.0]);
        assert_eq!(t.pooled()[..4], [3.0, 1.0, 0.0, 2.0]);
        assert_eq!(t.transposed().get(1, 3).unwrap(), 1.0);
        assert!(!t.is_weighted());
    }

    #[test]
    fn bad_inputs() {
        assert!(matches!(
            ContingencyTable::from_codes(Scale::BINARY, &[Some(0)], &[]),
            Err(AlignError::LengthMismatch { .. })
        ));
        assert!(matches!(
            ContingencyTable::from_codes(Scale::BINARY, &[Some(2)], &[Some(0)]),
            Err(AlignError::CodeOutOfScale { code: 2, .. })
        ));
        assert!(matches!(
            ContingencyTable::from_weighted_codes(Scale::BINARY, &[Some(1)], &[Some(0)], &[-1.0]),
            Err(AlignError::InvalidWeight { .. })
        ));
        assert!(ContingencyTable::from_counts(Scale::BINARY, &[1, 2, 3]).is_err());
        assert!(Dyad::new(Scale::VOETEN, &[Some(0)], &[Some(1)]).is_err());
    }

    #[test]
    fn weights_nan_is_missing() {
        let x = [Some(0), Some(1), Some(1)];
        let y = [Some(0), Some(1), Some(0)];
        let w = [0.5, f64::NAN, 0.25];
        let t = ContingencyTable::from_weighted_codes(Scale::BINARY, &x, &y, &w).unwrap();
        assert_eq!(t.n(), 2);
        assert_eq!(t.total(), 0.75);
        assert!(t.is_weighted());
        let d = Dyad::new(Scale::BINARY, &x, &y)
            .unwrap()
            .with_weights(&w)
            .unwrap();
        assert_eq!(d.table(), t);
    }

    #[test]
    fn counts_and_binary_agree() {
        let a = ContingencyTable::from_counts(Scale::BINARY, &[1, 1, 1, 3]).unwrap();
        assert_eq!(a, ContingencyTable::binary(3, 1, 1, 1));
    }
}
