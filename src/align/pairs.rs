//! Results of the all-pairs computation: every dyad's table, and a symmetric score matrix.

use serde::{Deserialize, Serialize};

use super::matrix::PositionMatrix;
use super::{AlignError, ContingencyTable, Measure, Options, Scale, Score};

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
    pub fn table(&self, i: usize, j: usize) -> ContingencyTable {
        let k2 = self.scale.categories().pow(2);
        let at = self.index(i, j);
        let t = ContingencyTable::from_cells(
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
        let mut t = ContingencyTable::empty(self.scale, self.weighted);
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

    /// The row and column of an actor id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.actors.iter().position(|a| a == id)
    }

    /// The score of two actors by id, `None` if either is not in the matrix.
    pub fn score(&self, a: &str, b: &str) -> Option<Score> {
        Some(self.get(self.index_of(a)?, self.index_of(b)?))
    }

    /// One actor's scores with every other actor of the matrix, by id (`None` if the id is not
    /// in the matrix).
    ///
    /// ```
    /// use cosignatory::align::{Coding, Measure, Options, PositionMatrix};
    /// use cosignatory::model::Position::*;
    /// let votes = [[Some(Yes), Some(No)], [Some(Yes), Some(No)], [Some(No), Some(No)]];
    /// let ids = vec!["AAA".to_string(), "BBB".into(), "CCC".into()];
    /// let m = PositionMatrix::from_positions(&Coding::voeten(), ids, 2, |a, k| votes[a][k]);
    /// let row = m.all_pairs(Measure::PercentAgreement, &Options::default()).unwrap().row("AAA").unwrap();
    /// assert_eq!(row.get("BBB").unwrap().value, Some(1.0));
    /// assert_eq!(row.top(1)[0].id, "BBB");
    /// ```
    pub fn row(&self, id: &str) -> Option<ActorScores> {
        let i = self.index_of(id)?;
        let partners = (0..self.len())
            .filter(|&j| j != i)
            .map(|j| (self.actors[j].clone(), self.get(i, j)))
            .collect();
        Some(ActorScores::new(id.to_string(), self.measure, partners))
    }
}

/// One actor's scores with other actors, labelled by id (from [`PairMatrix::row`] or
/// [`actor_alignment`](super::actor_alignment)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorScores {
    actor: String,
    measure: Measure,
    partners: Vec<(String, Score)>,
}

/// One entry of a ranking ([`ActorScores::ranked`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// The partner's id.
    pub id: String,
    /// The score with the partner.
    pub score: Score,
    /// Competition rank, 1 = most aligned: equal values share a rank and the next rank skips
    /// (1, 2, 2, 4). `None` where the score is undefined.
    pub rank: Option<usize>,
}

impl ActorScores {
    pub(crate) fn new(actor: String, measure: Measure, partners: Vec<(String, Score)>) -> Self {
        ActorScores {
            actor,
            measure,
            partners,
        }
    }

    /// The actor whose scores these are.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The measure.
    pub fn measure(&self) -> Measure {
        self.measure
    }

    /// Number of partners.
    pub fn len(&self) -> usize {
        self.partners.len()
    }

    /// Whether there is no partner.
    pub fn is_empty(&self) -> bool {
        self.partners.is_empty()
    }

    /// Partners and scores, in matrix (id) order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Score)> + '_ {
        self.partners.iter().map(|(id, s)| (id.as_str(), *s))
    }

    /// The score with one partner.
    pub fn get(&self, id: &str) -> Option<Score> {
        self.partners.iter().find(|(p, _)| p == id).map(|(_, s)| *s)
    }

    /// Every partner, most aligned first (the highest value, or the lowest for a measure where
    /// lower means closer: [`Measure::lower_is_closer`]); equal values in id order and share a
    /// rank; undefined scores last, unranked.
    pub fn ranked(&self) -> Vec<Ranked> {
        let flip = self.measure.lower_is_closer();
        let key = |s: &Score| s.value.map(|v| if flip { -v } else { v });
        let mut order: Vec<&(String, Score)> = self.partners.iter().collect();
        order.sort_by(|(a, x), (b, y)| match (key(x), key(y)) {
            (Some(u), Some(v)) => v.total_cmp(&u).then_with(|| a.cmp(b)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.cmp(b),
        });
        let mut out: Vec<Ranked> = Vec::with_capacity(order.len());
        for (k, (id, score)) in order.into_iter().enumerate() {
            let rank = score.value.map(|v| match out.last() {
                Some(prev) if prev.score.value == Some(v) => prev.rank.unwrap_or(k + 1),
                _ => k + 1,
            });
            out.push(Ranked {
                id: id.clone(),
                score: *score,
                rank,
            });
        }
        out
    }

    /// The `k` most aligned partners, and every partner tied with the k-th (so possibly more
    /// than `k`; their equal [`Ranked::rank`] shows the tie). Undefined scores are left out.
    pub fn top(&self, k: usize) -> Vec<Ranked> {
        let mut r = self.ranked();
        r.retain(|e| e.rank.is_some_and(|rank| rank <= k));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(values: &[(usize, usize, Option<f64>)], measure: Measure) -> PairMatrix {
        let ids = ["AAA", "BBB", "CCC", "DDD", "EEE"];
        let mut m = PairMatrix::empty(measure, ids.iter().map(|s| s.to_string()).collect());
        for &(i, j, v) in values {
            m.set(i, j, Score::new(v, 3));
        }
        m
    }

    #[test]
    fn rows_rank_with_ties_and_undefined_last() {
        let m = matrix(
            &[
                (0, 1, Some(0.5)),
                (0, 2, Some(0.9)),
                (0, 3, Some(0.5)),
                (0, 4, None),
            ],
            Measure::Jaccard,
        );
        assert_eq!(m.index_of("CCC"), Some(2));
        assert_eq!(m.score("CCC", "AAA").unwrap().value, Some(0.9));
        assert_eq!(m.score("AAA", "ZZZ"), None);
        let row = m.row("AAA").unwrap();
        assert_eq!((row.actor(), row.len()), ("AAA", 4));
        let ranked: Vec<(&str, Option<usize>)> = row
            .ranked()
            .iter()
            .map(|r| (m.actors()[m.index_of(&r.id).unwrap()].as_str(), r.rank))
            .collect();
        assert_eq!(
            ranked,
            [
                ("CCC", Some(1)),
                ("BBB", Some(2)),
                ("DDD", Some(2)),
                ("EEE", None)
            ]
        );
        // Top 2 keeps both partners tied for second place.
        let top: Vec<String> = row.top(2).into_iter().map(|r| r.id).collect();
        assert_eq!(top, ["CCC", "BBB", "DDD"]);
        assert_eq!(row.top(1).len(), 1);
        assert_eq!(row.top(0).len(), 0);
        assert!(m.row("ZZZ").is_none());
    }

    #[test]
    fn p_values_rank_lowest_first() {
        let m = matrix(
            &[(0, 1, Some(0.5)), (0, 2, Some(0.001))],
            Measure::HypergeometricP,
        );
        let top = m.row("AAA").unwrap().top(1);
        assert_eq!((top[0].id.as_str(), top[0].rank), ("CCC", Some(1)));
    }
}
