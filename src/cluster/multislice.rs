//! Multislice modularity (Mucha, Richardson, Macon, Porter & Onnela 2010, "Community
//! structure in time-dependent, multiscale, and multiplex networks", Science 328:876–878),
//! optimised with Leiden over all slices at once.
//!
//! See [`multislice_leiden`] for exactly what is optimised.

use super::csr::Csr;
use super::engine::{Level, compact};
use super::multilevel::Optimiser;
use super::null_model::{Layered, PerSlice};
use super::relabel::rematch_labels;
use super::{ClusterError, ClusterGraph, Iterations};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One slice (time window) of a multislice network: a graph and the key of each of its
/// nodes (`keys[i]` names the node with caller index `i` of `graph`). The same key in
/// different slices is the same actor.
#[derive(Debug, Clone)]
pub struct Slice<K> {
    /// Node keys, one per node of `graph`, unique within the slice.
    pub keys: Vec<K>,
    /// The slice's graph (non-negative weights).
    pub graph: ClusterGraph,
}

/// Options of [`multislice_leiden`].
///
/// ```
/// use cosignatory::dynamics::MultisliceOptions;
/// let o = MultisliceOptions { coupling: 0.5, ..Default::default() };
/// assert_eq!(o.resolution, 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MultisliceOptions {
    /// Resolution γ ≥ 0 of every slice's null model; default 1.
    pub resolution: f64,
    /// Interslice coupling ω ≥ 0 between an actor's copies in consecutive slices (default
    /// 1). With ω = 0 each slice is optimised on its own (weighted by `m_s/μ`); larger ω
    /// favours communities that persist.
    pub coupling: f64,
    /// Seed of the `ChaCha8Rng` driving node orders and refinement choices.
    pub seed: u64,
    /// Leiden iterations; default 2.
    pub iterations: Iterations,
    /// Refinement randomness θ ≥ 0; default 0.01 (as [`LeidenOptions`](crate::cluster::LeidenOptions)).
    pub randomness: f64,
}

impl Default for MultisliceOptions {
    fn default() -> Self {
        MultisliceOptions {
            resolution: 1.0,
            coupling: 1.0,
            seed: 0,
            iterations: Iterations::Fixed(2),
            randomness: 0.01,
        }
    }
}

/// The result of [`multislice_leiden`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MultisliceResult {
    /// Per slice, the community of each node (by the slice graph's caller index). Labels
    /// are shared: label `c` in two slices is the same community. Labels run over
    /// `0..community_count`, numbered by first appearance (slice by slice, nodes in key
    /// order); a slice uses a subset of them.
    pub memberships: Vec<Vec<usize>>,
    /// Number of communities over all slices.
    pub community_count: usize,
    /// The multislice modularity `Q` of the result.
    pub quality: f64,
    /// Leiden iterations run.
    pub iterations: usize,
}

/// The supra-graph in the engine's form.
struct Supra {
    csr: Csr,
    sizes: Vec<Layered>,
    model: PerSlice,
    mu: f64,
    /// `node[s][i]`: supra node of caller index `i` of slice `s`.
    node: Vec<Vec<u32>>,
    /// Supra nodes of slice `s` are `start[s]..start[s + 1]`.
    start: Vec<usize>,
    /// `coupled[s]`: the coupled copies `(node in s − 1, node in s)` (empty for ω = 0).
    coupled: Vec<Vec<(u32, u32)>>,
}

fn check_parameter(name: &'static str, value: f64) -> Result<(), ClusterError> {
    if !(value.is_finite() && value >= 0.0) {
        return Err(ClusterError::InvalidParameter {
            name,
            value: value.to_string(),
            reason: "must be a finite number >= 0".into(),
        });
    }
    Ok(())
}

impl Supra {
    fn build<K: Ord>(
        slices: &[Slice<K>],
        resolution: f64,
        coupling: f64,
    ) -> Result<Supra, ClusterError> {
        check_parameter("resolution", resolution)?;
        check_parameter("coupling", coupling)?;
        let mut start = vec![0usize];
        let mut orders: Vec<Vec<usize>> = Vec::with_capacity(slices.len());
        let mut node = Vec::with_capacity(slices.len());
        for sl in slices {
            let n = sl.graph.node_count();
            if sl.keys.len() != n {
                return Err(ClusterError::LengthMismatch {
                    what: "slice keys",
                    expected: n,
                    found: sl.keys.len(),
                });
            }
            if let Some((u, v, weight)) = sl.graph.edges().find(|e| e.2 < 0.0) {
                return Err(ClusterError::NegativeWeight { u, v, weight });
            }
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| sl.keys[a].cmp(&sl.keys[b]));
            if let Some(w) = order.windows(2).find(|w| sl.keys[w[0]] == sl.keys[w[1]]) {
                return Err(ClusterError::DuplicateKey {
                    first: w[0].min(w[1]),
                    second: w[0].max(w[1]),
                });
            }
            let base = *start.last().expect("non-empty");
            let mut ids = vec![0u32; n];
            for (r, &i) in order.iter().enumerate() {
                ids[i] = u32::try_from(base + r).map_err(|_| ClusterError::TooManyNodes {
                    nodes: base + r + 1,
                })?;
            }
            start.push(base + n);
            orders.push(order);
            node.push(ids);
        }
        let total = *start.last().expect("non-empty");
        let mut edges: Vec<(u32, u32, f64)> = Vec::new();
        let mut sizes = vec![Layered::new(); total];
        let mut coef = Vec::with_capacity(slices.len());
        let mut mu = 0.0;
        for (s, sl) in slices.iter().enumerate() {
            let ids = &node[s];
            // Edges in supra-node (key) order, so that degrees and m_s are summed in an
            // order that does not depend on how the caller numbered the nodes.
            let mut intra: Vec<(u32, u32, f64)> = sl
                .graph
                .edges()
                .map(|(u, v, w)| (ids[u].min(ids[v]), ids[u].max(ids[v]), w))
                .collect();
            intra.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2)));
            let mut degree = vec![0.0; ids.len()];
            let base = start[s] as u32;
            let mut m = 0.0;
            for &(a, b, w) in &intra {
                degree[(a - base) as usize] += w;
                degree[(b - base) as usize] += w;
                m += w;
            }
            for (r, &k) in degree.iter().enumerate() {
                if k != 0.0 {
                    sizes[start[s] + r].push((s as u32, k));
                }
            }
            edges.extend(intra);
            coef.push(if m > 0.0 { resolution / (2.0 * m) } else { 0.0 });
            mu += m;
        }
        let mut coupled = vec![Vec::new(); slices.len()];
        if coupling > 0.0 {
            for s in 1..slices.len() {
                let (a, b) = (&slices[s - 1], &slices[s]);
                let (oa, ob) = (&orders[s - 1], &orders[s]);
                let (mut x, mut y) = (0, 0);
                while x < oa.len() && y < ob.len() {
                    match a.keys[oa[x]].cmp(&b.keys[ob[y]]) {
                        std::cmp::Ordering::Less => x += 1,
                        std::cmp::Ordering::Greater => y += 1,
                        std::cmp::Ordering::Equal => {
                            let pair = (node[s - 1][oa[x]], node[s][ob[y]]);
                            edges.push((pair.0, pair.1, coupling));
                            coupled[s].push(pair);
                            mu += coupling;
                            x += 1;
                            y += 1;
                        }
                    }
                }
            }
        }
        if mu <= 0.0 {
            return Err(ClusterError::ZeroTotalWeight);
        }
        Ok(Supra {
            csr: Csr::from_edges(total, edges),
            sizes,
            model: PerSlice { coef },
            mu,
            node,
            start,
            coupled,
        })
    }

    /// `Q` of supra-node labels (compact, `0..k`).
    fn quality(&self, labels: &[u32]) -> f64 {
        let csr = &self.csr;
        let mut inside = 0.0;
        for (v, &lv) in labels.iter().enumerate() {
            inside += csr.loop_weight(v);
            let (targets, weights) = csr.neighbors(v);
            for (&t, &w) in targets.iter().zip(weights) {
                if t as usize > v && labels[t as usize] == lv {
                    inside += w;
                }
            }
        }
        let k = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
        let mut total = vec![0.0; k];
        let mut touched: Vec<u32> = Vec::new();
        let mut penalty = 0.0;
        for (s, &coef) in self.model.coef.iter().enumerate() {
            let nodes = self.start[s]..self.start[s + 1];
            for (&l, size) in labels[nodes.clone()].iter().zip(&self.sizes[nodes]) {
                if let Some(&(_, x)) = size.first() {
                    if total[l as usize] == 0.0 {
                        touched.push(l);
                    }
                    total[l as usize] += x;
                }
            }
            touched.sort_unstable();
            for &l in &touched {
                penalty += coef / 2.0 * total[l as usize] * total[l as usize];
                total[l as usize] = 0.0;
            }
            touched.clear();
        }
        (inside - penalty) / self.mu
    }
}

/// Finds communities across slices by maximising multislice modularity (Mucha, Richardson,
/// Macon, Porter & Onnela 2010, "Community structure in time-dependent, multiscale, and
/// multiplex networks", Science 328:876–878) with Leiden over all slices at once.
///
/// **What is optimised.** Slices `s = 0..S` (time windows) are graphs over keyed nodes
/// (actors). The supra-graph has one node `(i, s)` per actor present in slice `s`, the
/// slice's edges `A_ijs` within each slice, and a coupling edge of weight `ω` between
/// `(i, s)` and `(i, s + 1)` when actor `i` is present in both consecutive slices (ordinal
/// coupling, `C_jsr = ω` for `|s − r| = 1`). The quality is
///
/// `Q = (1/2μ) Σ_ijsr [ (A_ijs − γ k_is k_js / 2m_s) δ_sr + δ_ij C_jsr ] δ(g_is, g_jr)`
///
/// with `k_is` the strength of `i` within slice `s`, `m_s` the total edge weight of slice
/// `s` (self-loops once) and `2μ = Σ_s 2m_s + 2 Σ couplings`. The null model is per slice:
/// each slice's degrees are compared with that slice's `2m_s` only, and coupling edges add
/// no null-model term. This is **not** plain modularity on the supra-graph, whose null
/// model would use the supra-degrees `k_is + c_is` and the global `2μ`.
///
/// Equivalently `μ Q = Σ_c [ W_c − Σ_s (γ / 4m_s) K_{c,s}² ]`, where `W_c` is the weight of
/// the supra-graph edges (intra-slice and coupling) inside community `c` and `K_{c,s}` the
/// summed slice-`s` strength of its members. The optimiser is Leiden (Traag, Waltman &
/// van Eck 2019) with one null-model layer per slice: the same local moving, refinement
/// (γ-connectivity with the per-slice penalty) and aggregation as
/// [`cluster::leiden`](crate::cluster::leiden), on node sizes that are vectors over slices.
/// A slice without edges (`m_s = 0`) has no null-model term; its actors join the community
/// of their coupled copies when `ω > 0`.
///
/// After Leiden, a relabelling pass rematches each slice's communities to the previous
/// slice's: which communities of consecutive slices share a label is
/// the only thing it changes, so intra-slice terms stay the same, and it keeps a change
/// only where more coupling weight ends up inside communities — `Q` never decreases. It
/// repairs a local optimum Leiden cannot leave by single moves: two communities of a slice
/// carrying each other's labels (after actors swap between them), which takes two
/// simultaneous block moves to undo.
///
/// Deterministic for a given seed and independent of the order of nodes within a slice
/// (nodes are put in key order).
///
/// ```
/// use cosignatory::cluster::ClusterGraph;
/// use cosignatory::dynamics::{multislice_leiden, MultisliceOptions, Slice};
/// // Two windows of the same two triangles joined by a bridge.
/// let edges = [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)];
/// let keys: Vec<&str> = vec!["a", "b", "c", "d", "e", "f"];
/// let slice = || Slice { keys: keys.clone(), graph: ClusterGraph::from_edges(6, edges).unwrap() };
/// let r = multislice_leiden(&[slice(), slice()], &MultisliceOptions::default()).unwrap();
/// assert_eq!(r.community_count, 2);
/// assert_eq!(r.memberships[0], r.memberships[1]); // shared labels across windows
/// assert_eq!(r.memberships[0], vec![0, 0, 0, 1, 1, 1]);
/// ```
///
/// # Errors
/// [`ClusterError::LengthMismatch`] when a slice has not one key per node,
/// [`ClusterError::DuplicateKey`] for a key repeated within a slice,
/// [`ClusterError::NegativeWeight`], [`ClusterError::ZeroTotalWeight`] when no slice has
/// edges and nothing is coupled, [`ClusterError::InvalidParameter`] for γ, ω or θ that are
/// negative or not finite, or `Iterations::Fixed(0)`.
pub fn multislice_leiden<K: Ord>(
    slices: &[Slice<K>],
    options: &MultisliceOptions,
) -> Result<MultisliceResult, ClusterError> {
    check_parameter("randomness", options.randomness)?;
    if options.iterations == Iterations::Fixed(0) {
        return Err(ClusterError::InvalidParameter {
            name: "iterations",
            value: "Fixed(0)".into(),
            reason: "Fixed(0) would not optimise; use at least 1".into(),
        });
    }
    let supra = Supra::build(slices, options.resolution, options.coupling)?;
    let n = supra.csr.node_count();
    let fixed = vec![false; n];
    let optimiser = Optimiser::leiden(options.randomness, options.iterations, options.seed);
    let level0 = Level::new(&supra.model, &supra.csr, &supra.sizes, &fixed);
    let run = optimiser.run(level0, (0..n as u32).collect());
    let (mut labels, iterations) = (compact(&run.labels).0, run.iterations);
    rematch_labels(&mut labels, &supra.start, &supra.coupled);
    let community_count = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let memberships = supra
        .node
        .iter()
        .map(|ids| ids.iter().map(|&v| labels[v as usize] as usize).collect())
        .collect();
    Ok(MultisliceResult {
        memberships,
        community_count,
        quality: supra.quality(&labels),
        iterations,
    })
}

/// The multislice modularity `Q` (Mucha et al. 2010; defined at [`multislice_leiden`])
/// of shared labels: `memberships[s][i]` is the community of node `i` of slice `s`, and
/// equal labels in different slices mean the same community.
///
/// With one slice this is [`modularity`](crate::cluster::modularity); with ω = 0 it is
/// `Σ_s (m_s / μ) Q_s`.
///
/// # Errors
/// As [`multislice_leiden`], and [`ClusterError::LengthMismatch`] when `memberships` does
/// not have one entry per slice and node.
pub fn multislice_quality<K: Ord>(
    slices: &[Slice<K>],
    memberships: &[Vec<usize>],
    resolution: f64,
    coupling: f64,
) -> Result<f64, ClusterError> {
    let supra = Supra::build(slices, resolution, coupling)?;
    if memberships.len() != slices.len() {
        return Err(ClusterError::LengthMismatch {
            what: "memberships (one per slice)",
            expected: slices.len(),
            found: memberships.len(),
        });
    }
    let mut labels = vec![0u32; supra.csr.node_count()];
    let mut compact: HashMap<usize, u32> = HashMap::new();
    for (s, m) in memberships.iter().enumerate() {
        let ids = &supra.node[s];
        if m.len() != ids.len() {
            return Err(ClusterError::LengthMismatch {
                what: "slice membership",
                expected: ids.len(),
                found: m.len(),
            });
        }
        for (i, &c) in m.iter().enumerate() {
            let next = compact.len() as u32;
            labels[ids[i] as usize] = *compact.entry(c).or_insert(next);
        }
    }
    Ok(supra.quality(&labels))
}
