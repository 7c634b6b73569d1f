//! Agglomerative hierarchical clustering of a distance matrix (average, complete and single
//! linkage) by the nearest-neighbour chain algorithm (Benzécri 1982; Murtagh 1983), in
//! O(n²) time and O(n²) memory.

use serde::{Deserialize, Serialize};

use super::ClusterError;
use super::dendrogram::{Dendrogram, Merge};

/// The most items a [`DistanceMatrix`] built by [`DistanceMatrix::from_fn`] (and hierarchical
/// coalition finding) takes: the condensed matrix of 10,000 items is 400 MB, and the
/// nearest-neighbour chain needs O(n²) time on top. Beyond that, use a graph method (Leiden).
pub const MAX_DENSE_ITEMS: usize = 10_000;

/// Refuses a dense distance matrix of more than [`MAX_DENSE_ITEMS`] items, naming the memory it
/// would need.
///
/// # Errors
/// [`ClusterError::TooLargeForDense`].
pub fn check_dense(n: usize) -> Result<(), ClusterError> {
    if n > MAX_DENSE_ITEMS {
        let bytes = (n as f64) * (n.saturating_sub(1) as f64) / 2.0 * 8.0;
        return Err(ClusterError::TooLargeForDense {
            items: n,
            limit: MAX_DENSE_ITEMS,
            bytes,
        });
    }
    Ok(())
}

/// A symmetric matrix of non-negative distances between `n` items, stored as its upper
/// triangle in row order (scipy's "condensed" form: pairs (0,1), (0,2), …, (1,2), …).
///
/// ```
/// use cosignatory::cluster::DistanceMatrix;
/// // Agreement (similarity) between three countries; distance = 1 − similarity.
/// let d = DistanceMatrix::from_similarities(3, vec![0.9, 0.2, 0.3]).unwrap();
/// assert!((d.get(0, 1) - 0.1).abs() < 1e-12);
/// assert_eq!(d.get(2, 2), 0.0);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DistanceRepr", into = "DistanceRepr")]
pub struct DistanceMatrix {
    n: usize,
    condensed: Vec<f64>,
}

#[derive(Serialize, Deserialize)]
struct DistanceRepr {
    n: usize,
    condensed: Vec<f64>,
}

impl TryFrom<DistanceRepr> for DistanceMatrix {
    type Error = ClusterError;
    fn try_from(r: DistanceRepr) -> Result<Self, Self::Error> {
        DistanceMatrix::from_condensed(r.n, r.condensed)
    }
}

impl From<DistanceMatrix> for DistanceRepr {
    fn from(d: DistanceMatrix) -> Self {
        DistanceRepr {
            n: d.n,
            condensed: d.condensed,
        }
    }
}

impl DistanceMatrix {
    /// From the condensed upper triangle (`n (n − 1) / 2` values).
    ///
    /// # Errors
    /// [`ClusterError::LengthMismatch`], [`ClusterError::InvalidDistance`] for a negative
    /// or non-finite distance.
    pub fn from_condensed(n: usize, condensed: Vec<f64>) -> Result<DistanceMatrix, ClusterError> {
        let expected = n * n.saturating_sub(1) / 2;
        if condensed.len() != expected {
            return Err(ClusterError::LengthMismatch {
                what: "condensed distances",
                expected,
                found: condensed.len(),
            });
        }
        let d = DistanceMatrix { n, condensed };
        for i in 0..n {
            for j in i + 1..n {
                let value = d.get(i, j);
                if !value.is_finite() || value < 0.0 {
                    return Err(ClusterError::InvalidDistance { i, j, value });
                }
            }
        }
        Ok(d)
    }

    /// From condensed similarities, with distance `1 − similarity` (similarities above 1
    /// give negative distances, which are refused).
    ///
    /// # Errors
    /// As [`from_condensed`](Self::from_condensed).
    pub fn from_similarities(
        n: usize,
        similarities: Vec<f64>,
    ) -> Result<DistanceMatrix, ClusterError> {
        DistanceMatrix::from_condensed(n, similarities.into_iter().map(|s| 1.0 - s).collect())
    }

    /// From a full square matrix, which must be symmetric (the diagonal is ignored).
    ///
    /// # Errors
    /// [`ClusterError::LengthMismatch`] for a ragged or non-square matrix,
    /// [`ClusterError::AsymmetricDistance`], [`ClusterError::InvalidDistance`].
    pub fn from_square(rows: &[Vec<f64>]) -> Result<DistanceMatrix, ClusterError> {
        let n = rows.len();
        let mut condensed = Vec::with_capacity(n * n.saturating_sub(1) / 2);
        for (i, row) in rows.iter().enumerate() {
            if row.len() != n {
                return Err(ClusterError::LengthMismatch {
                    what: "distance matrix row",
                    expected: n,
                    found: row.len(),
                });
            }
            for j in i + 1..n {
                if row[j] != rows[j][i] && !(row[j].is_nan() && rows[j][i].is_nan()) {
                    return Err(ClusterError::AsymmetricDistance { i, j });
                }
                condensed.push(row[j]);
            }
        }
        DistanceMatrix::from_condensed(n, condensed)
    }

    /// From a function giving the distance of each pair `i < j`.
    ///
    /// # Errors
    /// [`ClusterError::InvalidDistance`]; [`ClusterError::TooLargeForDense`] for more than
    /// [`MAX_DENSE_ITEMS`] items.
    pub fn from_fn<F: FnMut(usize, usize) -> f64>(
        n: usize,
        mut distance: F,
    ) -> Result<DistanceMatrix, ClusterError> {
        check_dense(n)?;
        let condensed = (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .map(|(i, j)| distance(i, j))
            .collect();
        DistanceMatrix::from_condensed(n, condensed)
    }

    /// The distances between a graph's nodes used by hierarchical coalition finding:
    /// `1 − w / max|w|` for an edge of weight `w` (self-loops ignored), 1 without an edge,
    /// so the most strongly tied pair is closest. Needs `n²/2` floats: check the size first
    /// with [`check_dense`] (hierarchical coalition finding does).
    ///
    /// ```
    /// use cosignatory::cluster::{ClusterGraph, DistanceMatrix};
    /// let g = ClusterGraph::from_edges(3, [(0, 1, 4.0), (1, 2, 1.0)]).unwrap();
    /// let d = DistanceMatrix::from_graph(&g);
    /// assert_eq!((d.get(0, 1), d.get(1, 2), d.get(0, 2)), (0.0, 0.75, 1.0));
    /// ```
    pub fn from_graph(graph: &super::ClusterGraph) -> DistanceMatrix {
        let n = graph.node_count();
        let max = graph
            .edges()
            .filter(|(u, v, _)| u != v)
            .map(|(_, _, w)| w.abs())
            .fold(0.0f64, f64::max);
        let mut condensed = vec![1.0; n * n.saturating_sub(1) / 2];
        if max > 0.0 {
            for (u, v, w) in graph.edges().filter(|(u, v, _)| u != v) {
                let (i, j) = (u.min(v), u.max(v));
                condensed[index(n, i, j)] = 1.0 - w / max;
            }
        }
        DistanceMatrix { n, condensed }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when there is no item.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The distance between `i` and `j` (0 when `i == j`).
    ///
    /// # Panics
    /// If `i` or `j` is out of range.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        assert!(i < self.n && j < self.n, "index out of range");
        if i == j {
            0.0
        } else {
            self.condensed[index(self.n, i.min(j), i.max(j))]
        }
    }

    /// The condensed upper triangle.
    pub fn condensed(&self) -> &[f64] {
        &self.condensed
    }
}

/// Position of pair `i < j` in the condensed triangle.
#[inline]
fn index(n: usize, i: usize, j: usize) -> usize {
    n * i - i * (i + 1) / 2 + (j - i - 1)
}

/// How the distance between two clusters is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Linkage {
    /// Mean distance over all cross pairs (UPGMA).
    Average,
    /// Largest cross distance (farthest neighbour).
    Complete,
    /// Smallest cross distance (nearest neighbour).
    Single,
}

crate::names::named_enum!(Linkage, "linkage", [
    Average => "average" | "upgma",
    Complete => "complete",
    Single => "single",
]);

impl Linkage {
    /// Lance–Williams update: distance from the union of clusters `x` (size `nx`) and `y`
    /// (size `ny`) to a third cluster at distances `dx`, `dy`.
    #[inline]
    fn update(self, dx: f64, dy: f64, nx: usize, ny: usize) -> f64 {
        match self {
            Linkage::Average => (nx as f64 * dx + ny as f64 * dy) / (nx + ny) as f64,
            Linkage::Complete => dx.max(dy),
            Linkage::Single => dx.min(dy),
        }
    }
}

/// Agglomerative hierarchical clustering: starting from singletons, repeatedly merges the
/// two closest clusters under `linkage`, returning the [`Dendrogram`] of the `n − 1`
/// merges in order of height (scipy's `linkage` convention for ids).
///
/// Uses the nearest-neighbour chain algorithm, exact for these reducible linkages. Ties are
/// broken deterministically (the chain's previous cluster first, then the smaller index),
/// so the result depends on item order only when distances tie.
///
/// ```
/// use cosignatory::cluster::{agglomerative, DistanceMatrix, Linkage};
/// let d = DistanceMatrix::from_square(&[
///     vec![0.0, 0.25, 1.0, 1.0],
///     vec![0.25, 0.0, 1.0, 1.0],
///     vec![1.0, 1.0, 0.0, 0.5],
///     vec![1.0, 1.0, 0.5, 0.0],
/// ]).unwrap();
/// let tree = agglomerative(&d, Linkage::Average);
/// assert_eq!(tree.cut_at_k(2).unwrap().membership(), &[0, 0, 1, 1]);
/// assert_eq!(tree.cut_at_height(0.3).community_count(), 3);
/// assert_eq!(tree.to_newick(&["FRA", "DEU", "USA", "CAN"]).unwrap(),
///            "((FRA:0.25,DEU:0.25):0.75,(USA:0.5,CAN:0.5):0.5);");
/// ```
pub fn agglomerative(distances: &DistanceMatrix, linkage: Linkage) -> Dendrogram {
    let n = distances.n;
    if n <= 1 {
        return Dendrogram::from_merges_unchecked(n, Vec::new());
    }
    let mut d = distances.condensed.clone();
    let dist = |d: &[f64], a: usize, b: usize| d[index(n, a.min(b), a.max(b))];
    let mut size = vec![1usize; n];
    let mut active = vec![true; n];
    // A leaf of each slot's cluster, to name it after sorting.
    let mut leaf = (0..n).collect::<Vec<usize>>();
    let mut raw: Vec<(usize, usize, f64, usize)> = Vec::with_capacity(n - 1);
    // Height of the last merge that formed each slot's cluster. Average linkage is reducible,
    // so true heights never decrease towards the root; rounding in the size-weighted update
    // can make a parent come out an ulp below its child, which would reorder them when sorted.
    let mut formed_at = vec![f64::NEG_INFINITY; n];
    let mut chain: Vec<usize> = Vec::with_capacity(n);
    for _ in 0..n - 1 {
        if chain.is_empty() {
            chain.push(active.iter().position(|&a| a).expect("two clusters remain"));
        }
        let (x, y) = loop {
            let x = chain[chain.len() - 1];
            let prev = (chain.len() >= 2).then(|| chain[chain.len() - 2]);
            let mut nearest = prev;
            let mut best = prev.map_or(f64::INFINITY, |p| dist(&d, x, p));
            for k in (0..n).filter(|&k| active[k] && k != x) {
                let dk = dist(&d, x, k);
                if nearest.is_none() || dk < best {
                    nearest = Some(k);
                    best = dk;
                }
            }
            let y = nearest.expect("another active cluster");
            if Some(y) == prev {
                chain.truncate(chain.len() - 2);
                break (x, y);
            }
            chain.push(y);
        };
        let height = dist(&d, x, y).max(formed_at[x]).max(formed_at[y]);
        raw.push((leaf[x], leaf[y], height, size[x] + size[y]));
        let (keep, drop) = (x.min(y), x.max(y));
        for k in (0..n).filter(|&k| active[k] && k != x && k != y) {
            let merged = linkage.update(dist(&d, x, k), dist(&d, y, k), size[x], size[y]);
            d[index(n, keep.min(k), keep.max(k))] = merged;
        }
        active[drop] = false;
        formed_at[keep] = height;
        size[keep] += size[drop];
        leaf[keep] = leaf[x].min(leaf[y]);
    }
    // Stable sort: equal heights keep the chain's order.
    raw.sort_by(|a, b| a.2.total_cmp(&b.2));
    let mut parent: Vec<usize> = (0..n).collect();
    let mut id: Vec<usize> = (0..n).collect();
    let find = |parent: &mut Vec<usize>, mut v: usize| {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    };
    let merges = raw
        .iter()
        .enumerate()
        .map(|(i, &(a, b, height, size))| {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            let (ia, ib) = (id[ra], id[rb]);
            parent[rb] = ra;
            id[ra] = n + i;
            Merge {
                left: ia.min(ib),
                right: ia.max(ib),
                height,
                size,
            }
        })
        .collect();
    Dendrogram::from_merges_unchecked(n, merges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(rows: &[&[f64]]) -> DistanceMatrix {
        DistanceMatrix::from_square(&rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn linkages_differ_as_expected() {
        // Items on a line at 0, 1, 3, 7.
        let pos = [0.0f64, 1.0, 3.0, 7.0];
        let d = DistanceMatrix::from_fn(4, |i, j| (pos[i] - pos[j]).abs()).unwrap();
        let heights = |l| {
            agglomerative(&d, l)
                .merges()
                .iter()
                .map(|m| m.height)
                .collect::<Vec<_>>()
        };
        assert_eq!(heights(Linkage::Single), vec![1.0, 2.0, 4.0]);
        assert_eq!(heights(Linkage::Complete), vec![1.0, 3.0, 7.0]);
        // Average: {0,1} at 1; {0,1}-3 = (3+2)/2 = 2.5; then to 7: (7+6+4)/3.
        assert_eq!(heights(Linkage::Average), vec![1.0, 2.5, 17.0 / 3.0]);
        let m = agglomerative(&d, Linkage::Single).merges().to_vec();
        assert_eq!((m[0].left, m[0].right, m[0].size), (0, 1, 2));
        assert_eq!((m[1].left, m[1].right, m[1].size), (2, 4, 3));
        assert_eq!((m[2].left, m[2].right, m[2].size), (3, 5, 4));
    }

    #[test]
    fn validation() {
        assert!(matches!(
            DistanceMatrix::from_condensed(3, vec![1.0]),
            Err(ClusterError::LengthMismatch { .. })
        ));
        assert!(matches!(
            DistanceMatrix::from_condensed(2, vec![-1.0]),
            Err(ClusterError::InvalidDistance { .. })
        ));
        assert!(matches!(
            DistanceMatrix::from_square(&[vec![0.0, 1.0], vec![2.0, 0.0]]),
            Err(ClusterError::AsymmetricDistance { i: 0, j: 1 })
        ));
        let d = square(&[&[0.0, 0.5], &[0.5, 0.0]]);
        let s = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<DistanceMatrix>(&s).unwrap(), d);
    }

    #[test]
    fn tiny_inputs() {
        let empty = DistanceMatrix::from_condensed(0, vec![]).unwrap();
        assert!(agglomerative(&empty, Linkage::Average).merges().is_empty());
        let one = DistanceMatrix::from_condensed(1, vec![]).unwrap();
        assert_eq!(
            agglomerative(&one, Linkage::Average)
                .to_newick(&["x"])
                .unwrap(),
            "x;"
        );
    }
}
