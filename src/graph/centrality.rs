//! Centrality and bridging measures on weighted undirected graphs.
//!
//! Each function takes any petgraph [`UnGraph`] and a closure giving an edge's weight, and
//! returns one value per node, indexed by node index. Definitions and normalisations follow
//! networkx so numbers can be compared one to one.

use crate::error::{Error, Result};
use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Options of the iterative centralities.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CentralityOptions {
    /// Iteration limit.
    pub max_iterations: usize,
    /// Convergence threshold on the L1 change of the whole vector.
    pub tolerance: f64,
    /// PageRank damping factor α.
    pub damping: f64,
}

impl Default for CentralityOptions {
    fn default() -> Self {
        CentralityOptions {
            max_iterations: 10_000,
            tolerance: 1e-13,
            damping: 0.85,
        }
    }
}

fn weights<N, E>(
    g: &UnGraph<N, E>,
    weight: &impl Fn(&E) -> f64,
    allow_negative: bool,
) -> Result<Vec<f64>> {
    let w: Vec<f64> = g.edge_weights().map(weight).collect();
    if let Some(bad) = w
        .iter()
        .find(|x| !x.is_finite() || (!allow_negative && **x < 0.0))
    {
        return Err(Error::InvalidParameter {
            name: "weight",
            value: bad.to_string(),
            reason: if allow_negative {
                "must be finite"
            } else {
                "must be finite and non-negative"
            }
            .into(),
        });
    }
    Ok(w)
}

/// Strength (weighted degree) `s_i = Σ_j w_ij`; a self-loop counts twice, as in networkx.
///
/// ```
/// use petgraph::graph::UnGraph;
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 2.0), (1, 2, 0.5)]);
/// assert_eq!(cosignatory::graph::strength(&g, |w| *w), vec![2.0, 2.5, 0.5]);
/// ```
pub fn strength<N, E>(g: &UnGraph<N, E>, weight: impl Fn(&E) -> f64) -> Vec<f64> {
    let mut s = vec![0.0; g.node_count()];
    for e in g.edge_references() {
        let w = weight(e.weight());
        s[e.source().index()] += w;
        s[e.target().index()] += w;
    }
    s
}

/// Eigenvector centrality: the leading eigenvector of the weighted adjacency matrix, scaled to
/// unit Euclidean norm (networkx `eigenvector_centrality`). Power iteration on `A + I` from a
/// vector of ones, which has the same eigenvector and converges on bipartite graphs too.
///
/// # Errors
/// [`Error::InvalidParameter`] for negative or non-finite weights or no convergence.
pub fn eigenvector<N, E>(
    g: &UnGraph<N, E>,
    weight: impl Fn(&E) -> f64,
    options: &CentralityOptions,
) -> Result<Vec<f64>> {
    let w = weights(g, &weight, false)?;
    let n = g.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let edges: Vec<(usize, usize, f64)> = g
        .edge_references()
        .zip(&w)
        .map(|(e, &w)| (e.source().index(), e.target().index(), w))
        .collect();
    let mut x = vec![1.0 / n as f64; n];
    for _ in 0..options.max_iterations {
        let mut next = x.clone();
        for &(a, b, w) in &edges {
            next[b] += x[a] * w;
            if a != b {
                next[a] += x[b] * w;
            }
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm == 0.0 {
            return Ok(vec![0.0; n]);
        }
        next.iter_mut().for_each(|v| *v /= norm);
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = next;
        if change < n as f64 * options.tolerance {
            return Ok(x);
        }
    }
    Err(Error::InvalidParameter {
        name: "max_iterations",
        value: options.max_iterations.to_string(),
        reason: "eigenvector centrality did not converge".into(),
    })
}

/// Weighted PageRank (networkx `pagerank`): a walker follows edge `i–j` with probability
/// `w_ij / s_i`, teleports uniformly with probability `1 − α`, and leaves a node without edges
/// uniformly. Values sum to 1.
///
/// # Errors
/// [`Error::InvalidParameter`] for negative or non-finite weights, `α ∉ [0, 1]`, or no convergence.
pub fn pagerank<N, E>(
    g: &UnGraph<N, E>,
    weight: impl Fn(&E) -> f64,
    options: &CentralityOptions,
) -> Result<Vec<f64>> {
    let w = weights(g, &weight, false)?;
    let alpha = options.damping;
    if !(0.0..=1.0).contains(&alpha) {
        return Err(Error::InvalidParameter {
            name: "damping",
            value: alpha.to_string(),
            reason: "must be in [0, 1]".into(),
        });
    }
    let n = g.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let s = strength(g, &weight);
    let edges: Vec<(usize, usize, f64)> = g
        .edge_references()
        .zip(&w)
        .map(|(e, &w)| (e.source().index(), e.target().index(), w))
        .collect();
    let nf = n as f64;
    let mut x = vec![1.0 / nf; n];
    for _ in 0..options.max_iterations {
        let dangling: f64 = (0..n).filter(|&i| s[i] == 0.0).map(|i| x[i]).sum();
        let base = (1.0 - alpha) / nf + alpha * dangling / nf;
        let mut next = vec![base; n];
        for &(a, b, w) in &edges {
            next[b] += alpha * x[a] * w / s[a];
            if a != b {
                next[a] += alpha * x[b] * w / s[b];
            }
        }
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = next;
        if change < nf * options.tolerance {
            return Ok(x);
        }
    }
    Err(Error::InvalidParameter {
        name: "max_iterations",
        value: options.max_iterations.to_string(),
        reason: "PageRank did not converge".into(),
    })
}

#[derive(PartialEq)]
struct Item(f64, usize, usize, usize); // distance, insertion counter, predecessor, node

impl Eq for Item {}
impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Item {
    // Min-heap on (distance, insertion order), as networkx's heapq.
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

/// Weighted betweenness centrality (Brandes 2001) with distance `1 / weight`: the share of
/// shortest paths between other pairs that pass through a node. `normalized` divides by the
/// number of pairs not involving the node, `(n − 1)(n − 2)/2`, as networkx does; otherwise each
/// unordered pair counts once. Path lengths are compared exactly, as in networkx.
///
/// ```
/// use petgraph::graph::UnGraph;
/// // A path a–b–c: b lies on the only shortest a–c path.
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0)]);
/// assert_eq!(cosignatory::graph::betweenness(&g, |w| *w, false).unwrap(), vec![0.0, 1.0, 0.0]);
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for weights that are not positive and finite.
pub fn betweenness<N, E>(
    g: &UnGraph<N, E>,
    weight: impl Fn(&E) -> f64,
    normalized: bool,
) -> Result<Vec<f64>> {
    let w = weights(g, &weight, false)?;
    if let Some(z) = w.iter().find(|x| **x == 0.0) {
        return Err(Error::InvalidParameter {
            name: "weight",
            value: z.to_string(),
            reason: "distance 1/weight needs positive weights".into(),
        });
    }
    let n = g.node_count();
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for (e, &w) in g.edge_references().zip(&w) {
        let (a, b) = (e.source().index(), e.target().index());
        if a != b {
            adj[a].push((b, 1.0 / w));
            adj[b].push((a, 1.0 / w));
        }
    }
    let mut bc = vec![0.0f64; n];
    let mut dist = vec![f64::INFINITY; n];
    let mut seen = vec![f64::INFINITY; n];
    let mut done = vec![false; n];
    let mut sigma = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut delta = vec![0.0f64; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for s in 0..n {
        dist.fill(f64::INFINITY);
        seen.fill(f64::INFINITY);
        done.fill(false);
        sigma.fill(0.0);
        preds.iter_mut().for_each(Vec::clear);
        order.clear();
        sigma[s] = 1.0;
        seen[s] = 0.0;
        let mut heap = BinaryHeap::new();
        let mut counter = 0usize;
        heap.push(Item(0.0, counter, s, s));
        while let Some(Item(d, _, pred, v)) = heap.pop() {
            if done[v] {
                continue;
            }
            if pred != v {
                sigma[v] += sigma[pred];
            }
            done[v] = true;
            dist[v] = d;
            order.push(v);
            for &(u, len) in &adj[v] {
                let vu = d + len;
                if !done[u] && vu < seen[u] {
                    seen[u] = vu;
                    counter += 1;
                    heap.push(Item(vu, counter, v, u));
                    sigma[u] = 0.0;
                    preds[u].clear();
                    preds[u].push(v);
                } else if vu == seen[u] {
                    sigma[u] += sigma[v];
                    preds[u].push(v);
                }
            }
        }
        delta.fill(0.0);
        for &v in order.iter().rev() {
            let coeff = (1.0 + delta[v]) / sigma[v];
            for &p in &preds[v] {
                delta[p] += sigma[p] * coeff;
            }
            if v != s {
                bc[v] += delta[v];
            }
        }
    }
    let scale = if normalized {
        if n > 2 {
            1.0 / ((n - 1) * (n - 2)) as f64
        } else {
            1.0
        }
    } else {
        0.5
    };
    bc.iter_mut().for_each(|b| *b *= scale);
    Ok(bc)
}

fn module_strengths<N, E>(
    g: &UnGraph<N, E>,
    weight: &impl Fn(&E) -> f64,
    membership: &[usize],
) -> Result<(Vec<f64>, Vec<Vec<f64>>)> {
    let n = g.node_count();
    if membership.len() != n {
        return Err(Error::InvalidParameter {
            name: "membership",
            value: format!("{} entries", membership.len()),
            reason: format!("the graph has {n} nodes"),
        });
    }
    let k = membership.iter().max().map_or(0, |m| m + 1);
    let mut to_module = vec![vec![0.0; k]; n];
    let mut total = vec![0.0; n];
    for e in g.edge_references() {
        let w = weight(e.weight());
        let (a, b) = (e.source().index(), e.target().index());
        to_module[a][membership[b]] += w;
        to_module[b][membership[a]] += w;
        total[a] += w;
        total[b] += w;
    }
    Ok((total, to_module))
}

/// Participation coefficient (Guimerà & Amaral 2005) given a partition:
/// `P_i = 1 − Σ_s (k_is / k_i)²` with `k_is` the weight from `i` to module `s` and `k_i` its
/// strength. 0 when all of a node's ties stay in its module; near 1 for bridges. `None` for a
/// node without ties. `membership[node index]` is the node's module.
///
/// # Errors
/// [`Error::InvalidParameter`] if `membership` does not have one entry per node.
pub fn participation_coefficient<N, E>(
    g: &UnGraph<N, E>,
    weight: impl Fn(&E) -> f64,
    membership: &[usize],
) -> Result<Vec<Option<f64>>> {
    let (total, to_module) = module_strengths(g, &weight, membership)?;
    Ok((0..g.node_count())
        .map(|i| {
            (total[i] != 0.0).then(|| {
                1.0 - to_module[i]
                    .iter()
                    .map(|k| (k / total[i]).powi(2))
                    .sum::<f64>()
            })
        })
        .collect())
}

/// Within-module degree z-score (Guimerà & Amaral 2005): a node's strength inside its module,
/// standardised over the module's nodes (population standard deviation; 0 where it is 0).
///
/// # Errors
/// [`Error::InvalidParameter`] if `membership` does not have one entry per node.
pub fn within_module_z<N, E>(
    g: &UnGraph<N, E>,
    weight: impl Fn(&E) -> f64,
    membership: &[usize],
) -> Result<Vec<f64>> {
    let (_, to_module) = module_strengths(g, &weight, membership)?;
    let n = g.node_count();
    let inside: Vec<f64> = (0..n).map(|i| to_module[i][membership[i]]).collect();
    let k = membership.iter().max().map_or(0, |m| m + 1);
    let mut sum = vec![0.0; k];
    let mut count = vec![0.0; k];
    for i in 0..n {
        sum[membership[i]] += inside[i];
        count[membership[i]] += 1.0;
    }
    let mean: Vec<f64> = (0..k)
        .map(|m| {
            if count[m] > 0.0 {
                sum[m] / count[m]
            } else {
                0.0
            }
        })
        .collect();
    let mut var = vec![0.0; k];
    for i in 0..n {
        var[membership[i]] += (inside[i] - mean[membership[i]]).powi(2);
    }
    Ok((0..n)
        .map(|i| {
            let m = membership[i];
            let sd = (var[m] / count[m]).sqrt();
            if sd == 0.0 {
                0.0
            } else {
                (inside[i] - mean[m]) / sd
            }
        })
        .collect())
}
