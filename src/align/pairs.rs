//! Results of the all-pairs computation: every dyad's table, and a symmetric score matrix.

use serde::{Deserialize, Serialize};

use super::matrix::PositionMatrix;
use super::{AlignError, Measure, Options, Scale, Score, Table};

/// The contingency tables of every actor pair (i ≤ j), computed once and reusable for any number
/// of measures.
#[derive(Debug, Clone, PartialEq)]
pub struct PairTables {
    scale: Scale,
    actors: Vec<String>,
    weighted: bool,
    /// K² cells per pair, upper triangle with diagonal, row-major by pair index.
    cells: Vec<f64>,
    n: Vec<u32>,
}

impl PairTables {
    pub(crate) fn empty(m: &PositionMatrix, weighted: bool) -> Self {
        let p = m.n_actors();
        let pairs = p * (p + 1) / 2;
        let k2 = m.scale().categories().pow(2);
        PairTables {
            scale: m.scale(),
            actors: m.actors().to_vec(),
            weighted,
            cells: Vec::with_capacity(pairs * k2),
            n: Vec::with_capacity(pairs),
        }
    }

    pub(crate) fn push(&mut self, cells: impl Iterator<Item = f64>, n: u32) {
        self.cells.extend(cells);
        self.n.push(n);
    }

    /// Index of the unordered pair in the upper triangle with diagonal.
    fn index(&self, i: usize, j: usize) -> usize {
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        let p = self.actors.len();
        assert!(j < p, "actor index {j} out of range ({p} actors)");
        // Row i starts after rows 0..i, which hold p, p − 1, …, p − i + 1 pairs.
        i * (2 * p - i + 1) / 2 + (j - i)
    }

    /// Number of actors.
    pub fn n_actors(&self) -> usize {
        self.actors.len()
    }

    /// Actor labels, in matrix order.
    pub fn actors(&self) -> &[String] {
        &self.actors
    }

    /// N for the pair (i, j): items where both have a position.
    pub fn n(&self, i: usize, j: usize) -> u32 {
        self.n[self.index(i, j)]
    }

    /// The table of actors `i` (rows) and `j` (columns).
    pub fn table(&self, i: usize, j: usize) -> Table {
        let k2 = self.scale.categories().pow(2);
        let at = self.index(i, j);
        let t = Table::from_cells(
            self.scale,
            &self.cells[at * k2..(at + 1) * k2],
            self.n[at],
            self.weighted,
        );
        if i <= j { t } else { t.transposed() }
    }

    /// One measure for every pair (the diagonal is each actor against itself).
    ///
    /// # Errors
    /// As [`Measure::compute_with`] ([`Measure::Newman`] needs
    /// [`PositionMatrix::all_pairs`]).
    pub fn measure(&self, measure: Measure, opts: &Options) -> Result<PairMatrix, AlignError> {
        let p = self.n_actors();
        let k2 = self.scale.categories().pow(2);
        let mut out = PairMatrix::empty(measure, self.actors.clone());
        // One reused table: the measures are symmetric, so the (i ≤ j) orientation suffices.
        let mut t = Table::empty(self.scale, self.weighted);
        for i in 0..p {
            for j in i..p {
                let at = self.index(i, j);
                t.overwrite_cells(&self.cells[at * k2..(at + 1) * k2], self.n[at]);
                out.set(i, j, measure.compute_with(&t, opts)?);
            }
        }
        Ok(out)
    }
}

/// A symmetric actor × actor matrix of one measure, with N for every pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PairMatrixRepr", into = "PairMatrixRepr")]
pub struct PairMatrix {
    measure: Measure,
    actors: Vec<String>,
    /// Row-major p × p.
    values: Vec<Option<f64>>,
    /// Row-major p × p.
    n: Vec<u32>,
}

/// Serde form of [`PairMatrix`], checked for consistent sizes on the way in.
#[derive(Serialize, Deserialize)]
struct PairMatrixRepr {
    measure: Measure,
    actors: Vec<String>,
    values: Vec<Option<f64>>,
    n: Vec<u32>,
}

impl TryFrom<PairMatrixRepr> for PairMatrix {
    type Error = AlignError;
    fn try_from(r: PairMatrixRepr) -> Result<Self, AlignError> {
        let cells = r.actors.len() * r.actors.len();
        for (what, found) in [("values", r.values.len()), ("n", r.n.len())] {
            if found != cells {
                return Err(AlignError::LengthMismatch {
                    what,
                    expected: cells,
                    found,
                });
            }
        }
        let PairMatrixRepr {
            measure,
            actors,
            values,
            n,
        } = r;
        Ok(PairMatrix {
            measure,
            actors,
            values,
            n,
        })
    }
}

impl From<PairMatrix> for PairMatrixRepr {
    fn from(m: PairMatrix) -> Self {
        let PairMatrix {
            measure,
            actors,
            values,
            n,
        } = m;
        PairMatrixRepr {
            measure,
            actors,
            values,
            n,
        }
    }
}

impl PairMatrix {
    pub(crate) fn empty(measure: Measure, actors: Vec<String>) -> Self {
        let p = actors.len();
        PairMatrix {
            measure,
            actors,
            values: vec![None; p * p],
            n: vec![0; p * p],
        }
    }

    pub(crate) fn set(&mut self, i: usize, j: usize, s: Score) {
        let p = self.actors.len();
        for at in [i * p + j, j * p + i] {
            self.values[at] = s.value;
            self.n[at] = s.n;
        }
    }

    /// The measure in the matrix.
    pub fn measure(&self) -> Measure {
        self.measure
    }

    /// Actor labels, in row (and column) order.
    pub fn actors(&self) -> &[String] {
        &self.actors
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// Whether the matrix has no actors.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The score of the pair (i, j) (panics on an index out of range).
    pub fn get(&self, i: usize, j: usize) -> Score {
        let p = self.actors.len();
        assert!(i < p && j < p, "actor index out of range");
        Score {
            value: self.values[i * p + j],
            n: self.n[i * p + j],
        }
    }

    /// Row-major values (p × p).
    pub fn values(&self) -> &[Option<f64>] {
        &self.values
    }

    /// Row-major N (p × p).
    pub fn counts(&self) -> &[u32] {
        &self.n
    }

    /// Every unordered pair i < j with its score.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize, Score)> + '_ {
        let p = self.actors.len();
        (0..p).flat_map(move |i| (i + 1..p).map(move |j| (i, j, self.get(i, j))))
    }
}
