//! All-pairs alignment input: a compact items × actors position matrix.
//!
//! # Algorithm
//!
//! [`PositionMatrix::pair_tables`] computes every dyad's contingency table in one pass with
//! per-actor, per-category bitsets: cell (a, b) of pair (i, j) is Σ popcount(bits[i][a] &
//! bits[j][b]) over the ⌈items/64⌉ words, and missing items are in no bitset, so pairwise
//! deletion is free. Cost: P·K²·⌈I/64⌉ word operations for P pairs, K categories and I items;
//! with 200 actors and 5,000 roll calls that is 20,100 × 9 × 79 ≈ 14 million, done with
//! Harley–Seal carry-save popcounts (see `bitset.rs`).
//!
//! Measures then read each table ([`PairTables::measure`]); they cost O(K²) per pair,
//! independent of the number of items. Weighted tables (item weights) use a per-item loop
//! instead, O(P·I). Newman weights, which need each statement's signer count, are accumulated
//! statement by statement, O(Σ_k n_k²) for n_k signers of statement k.

use super::bitset::Bitsets;
use super::{
    AlignError, Coding, ContingencyTable, Measure, Options, PairMatrix, PairTables, Scale, Score,
};
use crate::model::Position;

/// Stored in place of a code for a missing position.
pub(crate) const MISSING: u8 = u8::MAX;

/// Positions of many actors on the same items (roll calls, statements, third states), as codes on
/// one [`Scale`], `None` where missing.
///
/// Stored actor-major, one byte per (actor, item) holding the category index or a sentinel for
/// missing: 200 actors × 5,000 roll calls take 1 MB. This is the input abstraction for all-pairs
/// measures: fill it from any data source with [`PositionMatrix::set`],
/// [`PositionMatrix::set_position`] or [`PositionMatrix::from_positions`].
///
/// ```
/// use cosignatory::align::{Coding, Measure, Options, PositionMatrix};
/// use cosignatory::model::Position::{self, *};
///
/// // Three countries on four roll calls (rows are actors here for readability).
/// let votes: [[Option<Position>; 4]; 3] = [
///     [Some(Yes), Some(No), Some(Abstain), Some(Yes)],
///     [Some(Yes), Some(No), Some(Yes), Some(Absent)],
///     [Some(No), Some(Yes), Some(No), None],
/// ];
/// let actors = vec!["USA".to_string(), "GBR".into(), "RUS".into()];
/// let m = PositionMatrix::from_positions(&Coding::voeten(), actors, 4, |a, k| votes[a][k]);
/// let s = m.all_pairs(Measure::SAbsolute, &Options::default()).unwrap();
/// let usa_gbr = s.get(0, 1);
/// assert_eq!(usa_gbr.n, 3); // GBR was absent on the last roll call
/// assert!((usa_gbr.value.unwrap() - (1.0 - 2.0 * 1.0 / 6.0)).abs() < 1e-12);
/// assert_eq!(s.get(1, 0), usa_gbr); // symmetric
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionMatrix {
    scale: Scale,
    actors: Vec<String>,
    n_items: usize,
    data: Vec<u8>,
}

impl PositionMatrix {
    /// A matrix of `actors` × `n_items` with every position missing.
    pub fn new(scale: Scale, actors: Vec<String>, n_items: usize) -> Self {
        let data = vec![MISSING; actors.len() * n_items];
        PositionMatrix {
            scale,
            actors,
            n_items,
            data,
        }
    }

    /// A matrix from one code column per actor (all of the same length).
    ///
    /// # Errors
    /// [`AlignError::LengthMismatch`] if the number of columns differs from the number of actors
    /// or the columns differ in length; [`AlignError::CodeOutOfScale`] for a bad code.
    pub fn from_columns(
        scale: Scale,
        actors: Vec<String>,
        columns: &[Vec<Option<u8>>],
    ) -> Result<Self, AlignError> {
        if columns.len() != actors.len() {
            return Err(AlignError::LengthMismatch {
                what: "columns",
                expected: actors.len(),
                found: columns.len(),
            });
        }
        let n_items = columns.first().map_or(0, Vec::len);
        let mut m = PositionMatrix::new(scale, actors, n_items);
        for (a, col) in columns.iter().enumerate() {
            if col.len() != n_items {
                return Err(AlignError::LengthMismatch {
                    what: "column",
                    expected: n_items,
                    found: col.len(),
                });
            }
            for (k, &code) in col.iter().enumerate() {
                m.set(a, k, code)?;
            }
        }
        Ok(m)
    }

    /// A matrix filled by `position(actor, item)` through a [`Coding`] (`None` = no record).
    pub fn from_positions<F>(
        coding: &Coding,
        actors: Vec<String>,
        n_items: usize,
        mut position: F,
    ) -> Self
    where
        F: FnMut(usize, usize) -> Option<Position>,
    {
        let mut m = PositionMatrix::new(coding.scale(), actors, n_items);
        for a in 0..m.actors.len() {
            for k in 0..n_items {
                if let Some(code) = coding.code_opt(position(a, k)) {
                    // The coding's codes are validated against its own scale.
                    m.data[a * n_items + k] = code - m.scale.min();
                }
            }
        }
        m
    }

    /// Set the code of `actor` on `item` (`None` = missing).
    ///
    /// # Errors
    /// [`AlignError::OutOfRange`] for a bad index, [`AlignError::CodeOutOfScale`] for a bad code.
    pub fn set(&mut self, actor: usize, item: usize, code: Option<u8>) -> Result<(), AlignError> {
        let at = self.offset(actor, item)?;
        self.data[at] = match code {
            Some(c) => self.scale.index(c)? as u8,
            None => MISSING,
        };
        Ok(())
    }

    /// Set a position through a coding, which must be on this matrix's scale.
    ///
    /// # Errors
    /// As [`PositionMatrix::set`], plus [`AlignError::ScaleMismatch`].
    pub fn set_position(
        &mut self,
        coding: &Coding,
        actor: usize,
        item: usize,
        position: Option<Position>,
    ) -> Result<(), AlignError> {
        if coding.scale() != self.scale {
            return Err(AlignError::ScaleMismatch(
                coding.scale().to_string(),
                self.scale.to_string(),
            ));
        }
        self.set(actor, item, coding.code_opt(position))
    }

    fn offset(&self, actor: usize, item: usize) -> Result<usize, AlignError> {
        if actor >= self.actors.len() {
            return Err(AlignError::OutOfRange {
                what: "actor",
                index: actor,
                len: self.actors.len(),
            });
        }
        if item >= self.n_items {
            return Err(AlignError::OutOfRange {
                what: "item",
                index: item,
                len: self.n_items,
            });
        }
        Ok(actor * self.n_items + item)
    }

    /// The code of `actor` on `item`, `None` if missing (panics on an index out of range).
    pub fn get(&self, actor: usize, item: usize) -> Option<u8> {
        let v = self.data[self.offset(actor, item).expect("index in range")];
        (v != MISSING).then(|| self.scale.code(usize::from(v)))
    }

    /// One actor's codes over all items.
    pub fn actor_codes(&self, actor: usize) -> Vec<Option<u8>> {
        (0..self.n_items).map(|k| self.get(actor, k)).collect()
    }

    /// The scale of the codes.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// Actor labels, in matrix order.
    pub fn actors(&self) -> &[String] {
        &self.actors
    }

    /// Number of actors.
    pub fn n_actors(&self) -> usize {
        self.actors.len()
    }

    /// Number of items.
    pub fn n_items(&self) -> usize {
        self.n_items
    }

    /// One actor's stored category indices (`MISSING` where missing).
    pub(crate) fn row(&self, actor: usize) -> &[u8] {
        &self.data[actor * self.n_items..(actor + 1) * self.n_items]
    }

    /// The contingency table of actors `i` (rows) and `j` (columns).
    pub fn table(&self, i: usize, j: usize) -> ContingencyTable {
        let mut t = ContingencyTable::new(self.scale);
        for (&a, &b) in self.row(i).iter().zip(self.row(j)) {
            if a != MISSING && b != MISSING {
                t.add_index(usize::from(a), usize::from(b), 1.0);
            }
        }
        t
    }

    /// Every pair's contingency table (including each actor with itself), via bitset popcounts.
    pub fn pair_tables(&self) -> PairTables {
        let k = self.scale.categories();
        let bits = Bitsets::new(self);
        let mut out = PairTables::empty(self, false);
        let mut cells = vec![0u32; k * k];
        for i in 0..self.n_actors() {
            for j in i..self.n_actors() {
                let n = bits.pair(i, j, &mut cells);
                out.push(cells.iter().map(|&c| f64::from(c)), n);
            }
        }
        out
    }

    /// Every pair's table weighted by item weights (NaN = missing weight: item dropped).
    ///
    /// # Errors
    /// [`AlignError::LengthMismatch`] unless there is one weight per item,
    /// [`AlignError::InvalidWeight`] for a negative or infinite weight.
    pub fn weighted_pair_tables(&self, weights: &[f64]) -> Result<PairTables, AlignError> {
        if weights.len() != self.n_items {
            return Err(AlignError::LengthMismatch {
                what: "weights",
                expected: self.n_items,
                found: weights.len(),
            });
        }
        if let Some((index, &weight)) = weights
            .iter()
            .enumerate()
            .find(|(_, w)| !(w.is_nan() || (w.is_finite() && **w >= 0.0)))
        {
            return Err(AlignError::InvalidWeight { index, weight });
        }
        let k = self.scale.categories();
        let mut out = PairTables::empty(self, true);
        let mut cells = vec![0.0; k * k];
        for i in 0..self.n_actors() {
            for j in i..self.n_actors() {
                cells.fill(0.0);
                let mut n = 0;
                for ((&a, &b), &w) in self.row(i).iter().zip(self.row(j)).zip(weights) {
                    if a != MISSING && b != MISSING && !w.is_nan() {
                        cells[usize::from(a) * k + usize::from(b)] += w;
                        n += 1;
                    }
                }
                out.push(cells.iter().copied(), n);
            }
        }
        Ok(out)
    }

    /// One measure for every pair of actors.
    ///
    /// [`Measure::Newman`] is supported here (binary scale): signer counts n_k are taken over the
    /// actors of this matrix, and the diagonal is undefined.
    ///
    /// # Errors
    /// As [`Measure::compute_with`], except that Newman is computed.
    pub fn all_pairs(&self, measure: Measure, opts: &Options) -> Result<PairMatrix, AlignError> {
        let tables = self.pair_tables();
        if measure == Measure::Newman {
            self.newman(&tables)
        } else {
            tables.measure(measure, opts)
        }
    }

    /// Scores of single pairs, the same bits as [`all_pairs`](Self::all_pairs) gives them, one
    /// pair at a time: memory O(actors × items) for the bitsets, not O(actors²).
    pub(crate) fn scorer(
        &self,
        measure: Measure,
        opts: &Options,
    ) -> Result<PairScorer, AlignError> {
        let newman = if measure == Measure::Newman {
            if !self.scale.is_binary() {
                return Err(AlignError::NotBinary {
                    measure: Measure::Newman,
                });
            }
            let mut signed = vec![Vec::new(); self.n_actors()];
            let mut signers = vec![0u32; self.n_items];
            for (a, items) in signed.iter_mut().enumerate() {
                for (k, &v) in self.row(a).iter().enumerate() {
                    if v == 1 {
                        items.push(k as u32);
                        signers[k] += 1;
                    }
                }
            }
            Some((signed, signers))
        } else {
            None
        };
        Ok(PairScorer {
            scale: self.scale,
            bits: Bitsets::new(self),
            measure,
            opts: *opts,
            newman,
        })
    }

    fn newman(&self, tables: &PairTables) -> Result<PairMatrix, AlignError> {
        if !self.scale.is_binary() {
            return Err(AlignError::NotBinary {
                measure: Measure::Newman,
            });
        }
        let p = self.n_actors();
        // Item-major lists of signers (category index 1), so each statement is visited once.
        let mut signers: Vec<Vec<usize>> = vec![Vec::new(); self.n_items];
        for a in 0..p {
            for (k, &v) in self.row(a).iter().enumerate() {
                if v == 1 {
                    signers[k].push(a);
                }
            }
        }
        let mut weight = vec![0.0; p * p];
        for list in signers.iter().filter(|l| l.len() >= 2) {
            let w = 1.0 / (list.len() - 1) as f64;
            for (x, &i) in list.iter().enumerate() {
                for &j in &list[x + 1..] {
                    weight[i * p + j] += w;
                }
            }
        }
        let mut out = PairMatrix::empty(Measure::Newman, self.actors.clone());
        for i in 0..p {
            for j in i + 1..p {
                let n = tables.n(i, j);
                let value = (n > 0).then_some(weight[i * p + j]);
                out.set(i, j, Score::new(value, n));
            }
            out.set(i, i, Score::undefined(tables.n(i, i)));
        }
        Ok(out)
    }
}

/// One measure for single pairs of a [`PositionMatrix`] ([`PositionMatrix::scorer`]).
pub(crate) struct PairScorer {
    scale: Scale,
    bits: Bitsets,
    measure: Measure,
    opts: Options,
    /// Newman: each actor's signed items (ascending) and each item's signer count.
    newman: Option<(Vec<Vec<u32>>, Vec<u32>)>,
}

/// Reused buffers of [`PairScorer::score`], one per thread of work.
pub(crate) struct ScoreScratch {
    counts: Vec<u32>,
    cells: Vec<f64>,
    table: ContingencyTable,
}

impl PairScorer {
    /// Buffers for [`score`](Self::score).
    pub(crate) fn scratch(&self) -> ScoreScratch {
        let k = self.scale.categories();
        ScoreScratch {
            counts: vec![0; k * k],
            cells: vec![0.0; k * k],
            table: ContingencyTable::empty(self.scale, false),
        }
    }

    /// The score of actors `i` and `j` (`i != j`), in the (i ≤ j) orientation as
    /// [`PositionMatrix::all_pairs`] computes it, so either order gives the same bits.
    pub(crate) fn score(
        &self,
        i: usize,
        j: usize,
        s: &mut ScoreScratch,
    ) -> Result<Score, AlignError> {
        let (i, j) = (i.min(j), i.max(j));
        let n = self.bits.pair(i, j, &mut s.counts);
        if let Some((signed, signers)) = &self.newman {
            // The joint items in item order, as the matrix adds them up.
            let (mut x, mut y) = (signed[i].iter().peekable(), signed[j].iter().peekable());
            let mut weight = 0.0;
            while let (Some(&&a), Some(&&b)) = (x.peek(), y.peek()) {
                match a.cmp(&b) {
                    std::cmp::Ordering::Less => drop(x.next()),
                    std::cmp::Ordering::Greater => drop(y.next()),
                    std::cmp::Ordering::Equal => {
                        weight += 1.0 / (signers[a as usize] - 1) as f64;
                        x.next();
                        y.next();
                    }
                }
            }
            return Ok(Score::new((n > 0).then_some(weight), n));
        }
        for (c, &v) in s.cells.iter_mut().zip(&s.counts) {
            *c = f64::from(v);
        }
        s.table.overwrite_cells(&s.cells, n);
        self.measure.compute_with(&s.table, &self.opts)
    }
}
