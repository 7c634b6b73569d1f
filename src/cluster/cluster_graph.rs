//! [`ClusterGraph`]: a weighted undirected graph converted once into the canonical compact
//! form that every clustering routine reads.

use petgraph::visit::{
    EdgeRef, GraphProp, IntoEdgeReferences, IntoNodeReferences, NodeCount, NodeIndexable, NodeRef,
};

use super::csr::Csr;
use super::{ClusterError, Partition};

/// A weighted undirected graph prepared for clustering.
///
/// Built once from a petgraph graph (or an edge list) and then reused by any number of runs.
/// Nodes are put in a **canonical order** given by a caller-supplied key, so that results
/// depend only on the keys, never on the order in which nodes or edges were inserted:
/// random node orders are drawn by shuffling the canonical order with a seeded
/// `ChaCha8Rng`, and community ids are numbered by the canonical rank of each community's
/// smallest member.
///
/// Parallel edges are summed; a self-loop of weight `w` adds `w` to its node's internal
/// weight and `2w` to its degree (the networkx convention). NaN or infinite weights are
/// refused here, so every algorithm sees finite weights. Negative weights are kept: CPM and
/// signed modularity use them, plain modularity refuses them.
///
/// All node indices in the public API are the caller's indices (petgraph
/// `NodeIndex::index()` or the indices given to [`from_edges`](Self::from_edges)).
///
/// ```
/// use cosignatory::cluster::ClusterGraph;
/// use petgraph::graph::UnGraph;
///
/// let mut g: UnGraph<&str, u32> = UnGraph::new_undirected();
/// let fra = g.add_node("FRA");
/// let deu = g.add_node("DEU");
/// let ita = g.add_node("ITA");
/// g.add_edge(fra, deu, 3);
/// g.add_edge(deu, ita, 1);
/// let cg = ClusterGraph::from_petgraph(&g, |id| *id, |w| f64::from(*w)).unwrap();
/// assert_eq!(cg.node_count(), 3);
/// assert_eq!(cg.total_weight(), 4.0);
/// // Canonical order is the key order: DEU < FRA < ITA.
/// assert_eq!(cg.node_at_rank(0), deu.index());
/// ```
#[derive(Clone, Debug)]
pub struct ClusterGraph {
    pub(crate) csr: Csr,
    // order[rank] = caller index; rank[caller index] = rank.
    order: Vec<u32>,
    rank: Vec<u32>,
    first_negative: Option<(usize, usize, f64)>,
    edge_count: usize,
    total_weight: f64,
}

/// The largest total strength (the sum of |weight| over both ends of every edge, 2m for a
/// graph without negative weights) a [`ClusterGraph`] accepts: its square, which modularity's
/// k_i k_j terms are bounded by, stays finite. Scale larger weights down by a common factor
/// (modularity and the partitions it finds do not change; a CPM resolution scales with them).
pub const MAX_TOTAL_WEIGHT: f64 = 1e150;

impl ClusterGraph {
    /// Converts a petgraph graph (e.g. `&UnGraph<N, E>`, `&GraphMap`, or anything with the
    /// same visit traits).
    ///
    /// `node_key` gives each node's key (e.g. an actor id); keys must be unique, and their
    /// order is the canonical node order. `edge_weight` maps an edge weight to `f64`.
    ///
    /// # Errors
    /// [`ClusterError::Directed`] for a directed graph, [`ClusterError::DuplicateKey`],
    /// [`ClusterError::NonCompactIndices`] for graphs with index holes,
    /// [`ClusterError::NonFiniteWeight`], [`ClusterError::TooManyNodes`],
    /// [`ClusterError::WeightOverflow`].
    pub fn from_petgraph<G, K, FK, FW>(
        graph: G,
        mut node_key: FK,
        mut edge_weight: FW,
    ) -> Result<ClusterGraph, ClusterError>
    where
        G: IntoNodeReferences + IntoEdgeReferences + NodeIndexable + NodeCount + GraphProp,
        FK: FnMut(&G::NodeWeight) -> K,
        FW: FnMut(&G::EdgeWeight) -> f64,
        K: Ord,
    {
        if graph.is_directed() {
            return Err(ClusterError::Directed);
        }
        let n = graph.node_count();
        if graph.node_bound() != n {
            return Err(ClusterError::NonCompactIndices {
                node_count: n,
                node_bound: graph.node_bound(),
            });
        }
        check_size(n)?;
        let mut keyed: Vec<(K, usize)> = graph
            .node_references()
            .map(|r| (node_key(r.weight()), graph.to_index(r.id())))
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some(w) = keyed.windows(2).find(|w| w[0].0 == w[1].0) {
            let (a, b) = (w[0].1, w[1].1);
            return Err(ClusterError::DuplicateKey {
                first: a.min(b),
                second: a.max(b),
            });
        }
        let order: Vec<u32> = keyed.into_iter().map(|(_, i)| i as u32).collect();
        let edges = graph.edge_references().map(|e| {
            (
                graph.to_index(e.source()),
                graph.to_index(e.target()),
                edge_weight(e.weight()),
            )
        });
        ClusterGraph::build(order, edges)
    }

    /// Builds from an edge list over nodes `0..n`; the canonical order is the index order.
    ///
    /// Each undirected edge is given once (either orientation); repeated pairs are summed.
    ///
    /// # Errors
    /// [`ClusterError::NodeOutOfRange`], [`ClusterError::NonFiniteWeight`],
    /// [`ClusterError::TooManyNodes`], [`ClusterError::WeightOverflow`] (total strength
    /// above [`MAX_TOTAL_WEIGHT`]).
    ///
    /// ```
    /// use cosignatory::cluster::ClusterGraph;
    /// let g = ClusterGraph::from_edges(3, [(0, 1, 1.0), (1, 2, 2.0), (2, 2, 0.5)]).unwrap();
    /// assert_eq!(g.edge_count(), 3);
    /// assert_eq!(g.degree(2), 3.0); // 2.0 + 2 x 0.5
    /// ```
    pub fn from_edges<I>(n: usize, edges: I) -> Result<ClusterGraph, ClusterError>
    where
        I: IntoIterator<Item = (usize, usize, f64)>,
    {
        check_size(n)?;
        ClusterGraph::build((0..n as u32).collect(), edges)
    }

    /// Builds from the upper triangle given row by row, nodes already in canonical order:
    /// row `i` holds `row_len[i]` neighbours `j > i`, ascending, and `targets` / `weights`
    /// are the rows one after the other (as a projection emits its pairs). No edge list is
    /// materialised, which keeps memory to the upper rows plus the graph.
    pub(crate) fn from_upper_rows(
        row_len: &[usize],
        targets: Vec<u32>,
        weights: Vec<f64>,
    ) -> Result<ClusterGraph, ClusterError> {
        let n = row_len.len();
        check_size(n)?;
        let mut degree = vec![0usize; n + 1];
        let mut k = 0;
        for (i, &len) in row_len.iter().enumerate() {
            for (&j, &weight) in targets[k..k + len].iter().zip(&weights[k..k + len]) {
                if !weight.is_finite() {
                    return Err(ClusterError::NonFiniteWeight {
                        u: i,
                        v: j as usize,
                        weight,
                    });
                }
                degree[i + 1] += 1;
                degree[j as usize + 1] += 1;
            }
            k += len;
        }
        for i in 0..n {
            degree[i + 1] += degree[i];
        }
        let offsets = degree;
        // Weights first, then targets, each upper array dropped as soon as it is read for
        // the last time: the peak holds the upper rows plus the full weights, not both full
        // arrays (about a fifth less memory for a projection of millions of edges).
        let mut full_weights = vec![0.0; offsets[n]];
        symmetric_fill(row_len, &targets, &offsets, |at, _, weight| {
            full_weights[at] = weights[weight];
        });
        drop(weights);
        let mut full_targets = vec![0u32; offsets[n]];
        symmetric_fill(row_len, &targets, &offsets, |at, other, _| {
            full_targets[at] = other;
        });
        drop(targets);
        let csr = Csr::from_parts(offsets, full_targets, full_weights, vec![0.0; n]);
        let identity: Vec<u32> = (0..n as u32).collect();
        ClusterGraph::from_csr(csr, identity.clone(), identity).checked_magnitude()
    }

    fn build<I>(order: Vec<u32>, edges: I) -> Result<ClusterGraph, ClusterError>
    where
        I: IntoIterator<Item = (usize, usize, f64)>,
    {
        let n = order.len();
        let mut rank = vec![0u32; n];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        let edges = edges.into_iter();
        let mut canon = Vec::with_capacity(edges.size_hint().0);
        for (u, v, weight) in edges {
            for index in [u, v] {
                if index >= n {
                    return Err(ClusterError::NodeOutOfRange { index, nodes: n });
                }
            }
            if !weight.is_finite() {
                return Err(ClusterError::NonFiniteWeight { u, v, weight });
            }
            canon.push((rank[u], rank[v], weight));
        }
        let csr = Csr::from_edges(n, canon);
        ClusterGraph::from_csr(csr, order, rank).checked_magnitude()
    }

    /// Refuses weights whose total would overflow the quality functions: modularity
    /// multiplies node strengths (k_i k_j / 2m), so the total strength must stay below
    /// [`MAX_TOTAL_WEIGHT`] (its square is then finite). Weights of 1e308, finite each, would
    /// otherwise give a NaN quality and a partition of singletons.
    fn checked_magnitude(self) -> Result<ClusterGraph, ClusterError> {
        let mut total = 0.0f64;
        for v in 0..self.csr.node_count() {
            let (_, weights) = self.csr.neighbors(v);
            total +=
                weights.iter().map(|w| w.abs()).sum::<f64>() + 2.0 * self.csr.loop_weight(v).abs();
        }
        if total.is_finite() && total <= MAX_TOTAL_WEIGHT {
            Ok(self)
        } else {
            Err(ClusterError::WeightOverflow {
                total,
                limit: MAX_TOTAL_WEIGHT,
            })
        }
    }

    fn from_csr(csr: Csr, order: Vec<u32>, rank: Vec<u32>) -> ClusterGraph {
        let mut first_negative = None;
        let mut edge_count = 0;
        let mut total_weight = 0.0;
        for v in 0..csr.node_count() {
            let l = csr.loop_weight(v);
            let (targets, weights) = csr.neighbors(v);
            // Each pair once, from its smaller canonical endpoint, with the loop first.
            let upper = targets
                .iter()
                .zip(weights)
                .filter(|(t, _)| **t as usize > v);
            let pairs = (l != 0.0)
                .then_some((v as u32, l))
                .into_iter()
                .chain(upper.map(|(t, w)| (*t, *w)));
            for (t, w) in pairs {
                edge_count += 1;
                total_weight += w;
                if w < 0.0 && first_negative.is_none() {
                    let (a, b) = (order[v] as usize, order[t as usize] as usize);
                    first_negative = Some((a.min(b), a.max(b), w));
                }
            }
        }
        ClusterGraph {
            csr,
            order,
            rank,
            first_negative,
            edge_count,
            total_weight,
        }
    }

    /// A graph over the same nodes and canonical order with other edges (canonical ids).
    pub(crate) fn with_same_nodes(&self, edges: Vec<(u32, u32, f64)>) -> ClusterGraph {
        let csr = Csr::from_edges(self.node_count(), edges);
        ClusterGraph::from_csr(csr, self.order.clone(), self.rank.clone())
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.order.len()
    }

    /// Number of distinct node pairs joined by an edge, self-loops included (parallel edges
    /// merged; zero-weight self-loops are dropped).
    pub fn edge_count(&self) -> usize {
        self.edge_count
    }

    /// Sum of the (merged) edge weights, self-loops counted once: networkx's `m`.
    pub fn total_weight(&self) -> f64 {
        self.total_weight
    }

    /// True when some merged edge weight is negative.
    pub fn has_negative_weights(&self) -> bool {
        self.first_negative.is_some()
    }

    /// The first negative edge in canonical order, as `(u, v, weight)` with `u < v`.
    pub(crate) fn first_negative(&self) -> Option<(usize, usize, f64)> {
        self.first_negative
    }

    /// Weighted degree of `node`, a self-loop counted twice.
    ///
    /// # Panics
    /// If `node >= self.node_count()`.
    pub fn degree(&self, node: usize) -> f64 {
        self.csr.strength(self.rank[node] as usize)
    }

    /// Weight of the self-loop at `node` (0 when there is none).
    ///
    /// # Panics
    /// If `node >= self.node_count()`.
    pub fn self_loop(&self, node: usize) -> f64 {
        self.csr.loop_weight(self.rank[node] as usize)
    }

    /// The neighbours of `node` other than itself, with merged weights, in canonical order.
    ///
    /// # Panics
    /// If `node >= self.node_count()`.
    pub fn neighbors(&self, node: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (targets, weights) = self.csr.neighbors(self.rank[node] as usize);
        targets
            .iter()
            .zip(weights)
            .map(|(&t, &w)| (self.order[t as usize] as usize, w))
    }

    /// Every edge once as `(u, v, weight)` with `u <= v`, self-loops included.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        (0..self.node_count()).flat_map(move |r| {
            let u = self.order[r] as usize;
            let l = self.csr.loop_weight(r);
            let (targets, weights) = self.csr.neighbors(r);
            let upper = targets
                .iter()
                .zip(weights)
                .filter(move |(t, _)| **t as usize > r);
            (l != 0.0)
                .then_some((u, u, l))
                .into_iter()
                .chain(upper.map(move |(&t, &w)| {
                    let v = self.order[t as usize] as usize;
                    (u.min(v), u.max(v), w)
                }))
        })
    }

    /// The canonical rank of `node` (its position in key order).
    ///
    /// # Panics
    /// If `node >= self.node_count()`.
    pub fn canonical_rank(&self, node: usize) -> usize {
        self.rank[node] as usize
    }

    /// The node at canonical rank `rank`.
    ///
    /// # Panics
    /// If `rank >= self.node_count()`.
    pub fn node_at_rank(&self, rank: usize) -> usize {
        self.order[rank] as usize
    }

    /// Reorders a per-node vector from caller indices to canonical ranks.
    pub(crate) fn to_canonical<T: Copy>(&self, per_node: &[T]) -> Vec<T> {
        self.order.iter().map(|&i| per_node[i as usize]).collect()
    }

    /// Turns labels indexed by canonical rank into a partition indexed by caller index,
    /// numbering communities by their smallest member's canonical rank.
    pub(crate) fn partition_from_canonical(&self, labels: &[u32]) -> Partition {
        let n = labels.len();
        let bound = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
        let mut relabel = vec![u32::MAX; bound];
        let mut next = 0u32;
        let mut membership = vec![0usize; n];
        for (r, &l) in labels.iter().enumerate() {
            let slot = &mut relabel[l as usize];
            if *slot == u32::MAX {
                *slot = next;
                next += 1;
            }
            membership[self.order[r] as usize] = *slot as usize;
        }
        Partition::build(membership, next as usize)
    }

    /// Canonical form of a partition given by caller-indexed labels.
    ///
    /// # Errors
    /// [`ClusterError::LengthMismatch`] if `labels.len() != self.node_count()`.
    pub fn canonical_partition(&self, labels: &[usize]) -> Result<Partition, ClusterError> {
        let compact = self.compact_labels("labels", labels)?;
        Ok(self.partition_from_canonical(&compact))
    }

    /// Caller-indexed labels → canonical-rank-indexed labels `0..k` (first appearance in
    /// canonical order).
    pub(crate) fn compact_labels(
        &self,
        what: &'static str,
        labels: &[usize],
    ) -> Result<Vec<u32>, ClusterError> {
        if labels.len() != self.node_count() {
            return Err(ClusterError::LengthMismatch {
                what,
                expected: self.node_count(),
                found: labels.len(),
            });
        }
        let mut map = std::collections::HashMap::new();
        Ok(self
            .order
            .iter()
            .map(|&i| {
                let next = map.len() as u32;
                *map.entry(labels[i as usize]).or_insert(next)
            })
            .collect())
    }
}

fn check_size(n: usize) -> Result<(), ClusterError> {
    if n >= u32::MAX as usize {
        return Err(ClusterError::TooManyNodes { nodes: n });
    }
    Ok(())
}

/// Walks upper rows (`row_len[i]` targets of row i, ascending) and calls `put(position,
/// other endpoint, index into the upper arrays)` for both directions of every edge, so that
/// each row of the symmetric CSR comes out ascending: row i receives its smaller neighbours
/// while the earlier rows are walked, then its own larger ones.
fn symmetric_fill(
    row_len: &[usize],
    targets: &[u32],
    offsets: &[usize],
    mut put: impl FnMut(usize, u32, usize),
) {
    let mut fill = offsets.to_vec();
    let mut k = 0;
    for (i, &len) in row_len.iter().enumerate() {
        for (e, &j) in targets[k..k + len].iter().enumerate() {
            let j = j as usize;
            put(fill[i], j as u32, k + e);
            fill[i] += 1;
            put(fill[j], i as u32, k + e);
            fill[j] += 1;
        }
        k += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::UnGraph;

    #[test]
    fn weights_whose_total_overflows_are_refused_not_turned_into_nan() {
        // Each weight is finite; their total is not.
        let huge = [(0, 1, 1e308), (1, 2, 1e308), (2, 0, 1e308), (2, 3, 1.0)];
        assert!(matches!(
            ClusterGraph::from_edges(4, huge),
            Err(ClusterError::WeightOverflow { total, .. }) if total.is_infinite()
        ));
        // Finite total, but its square (modularity's k_i k_j) would overflow.
        assert!(matches!(
            ClusterGraph::from_edges(2, [(0, 1, 1e200)]),
            Err(ClusterError::WeightOverflow { .. })
        ));
        // Just inside the limit: the quality is a number.
        let g = ClusterGraph::from_edges(4, [(0, 1, 1e148), (2, 3, 1e148)]).unwrap();
        let q = crate::cluster::modularity(&g, &[0, 0, 1, 1], 1.0).unwrap();
        assert!((q - 0.5).abs() < 1e-12, "{q}");
    }

    #[test]
    fn canonical_order_follows_keys() {
        let mut g: UnGraph<&str, f64> = UnGraph::new_undirected();
        let c = g.add_node("c");
        let a = g.add_node("a");
        let b = g.add_node("b");
        g.add_edge(c, a, 1.0);
        g.add_edge(a, b, 2.0);
        let cg = ClusterGraph::from_petgraph(&g, |k| *k, |w| *w).unwrap();
        assert_eq!(cg.canonical_rank(c.index()), 2);
        assert_eq!(cg.node_at_rank(0), a.index());
        let p = cg.partition_from_canonical(&[5, 5, 7]);
        // Ranks 0,1 are a,b; rank 2 is c.
        assert_eq!(p.membership(), &[1, 0, 0]);
        let mut e: Vec<_> = cg.edges().collect();
        e.sort_by(|x, y| x.partial_cmp(y).unwrap());
        assert_eq!(e, vec![(0, 1, 1.0), (1, 2, 2.0)]);
    }

    #[test]
    fn refuses_bad_input() {
        let mut g: UnGraph<u8, f64> = UnGraph::new_undirected();
        let a = g.add_node(1);
        let b = g.add_node(1);
        g.add_edge(a, b, 1.0);
        assert_eq!(
            ClusterGraph::from_petgraph(&g, |k| *k, |w| *w).unwrap_err(),
            ClusterError::DuplicateKey {
                first: 0,
                second: 1
            }
        );
        assert!(matches!(
            ClusterGraph::from_edges(2, [(0, 1, f64::NAN)]),
            Err(ClusterError::NonFiniteWeight { .. })
        ));
        assert!(matches!(
            ClusterGraph::from_edges(2, [(0, 2, 1.0)]),
            Err(ClusterError::NodeOutOfRange { index: 2, nodes: 2 })
        ));
        let d: petgraph::graph::DiGraph<u8, f64> = petgraph::graph::DiGraph::new();
        assert_eq!(
            ClusterGraph::from_petgraph(&d, |k| *k, |w| *w).unwrap_err(),
            ClusterError::Directed
        );
    }

    #[test]
    fn negative_weights_are_recorded() {
        let g = ClusterGraph::from_edges(3, [(0, 1, 1.0), (2, 1, -1.0)]).unwrap();
        assert!(g.has_negative_weights());
        assert_eq!(g.first_negative(), Some((1, 2, -1.0)));
        assert_eq!(g.total_weight(), 0.0);
    }
}
