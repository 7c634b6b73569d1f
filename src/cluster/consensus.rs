//! Consensus clustering (Lancichinetti & Fortunato, "Consensus clustering in complex
//! networks", Scientific Reports 2:336, 2012).

use std::collections::HashMap;

use rand::RngExt;
use serde::{Deserialize, Serialize};

use super::engine::Scratch;
use super::rng;
use super::{Algorithm, ClusterError, ClusterGraph, Partition};
use crate::group::group_positions;

/// Options of [`consensus`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsensusOptions {
    /// The algorithm run on the input graph.
    pub algorithm: Algorithm,
    /// The algorithm run on the co-assignment graph; `None` uses `algorithm`, as
    /// Lancichinetti & Fortunato do. Set it when `algorithm`'s resolution only makes sense
    /// for the input's weights (e.g. CPM), since co-assignment weights are fractions.
    pub consensus_algorithm: Option<Algorithm>,
    /// Runs per round (default 50).
    pub runs: usize,
    /// Co-assignment fractions below this threshold τ are dropped (default 0.5).
    pub threshold: f64,
    /// Upper bound on the number of rounds (default 10).
    pub max_rounds: usize,
    /// Seed from which the seeds of all runs are drawn.
    pub seed: u64,
}

impl Default for ConsensusOptions {
    fn default() -> Self {
        ConsensusOptions {
            algorithm: Algorithm::default(),
            consensus_algorithm: None,
            runs: 50,
            threshold: 0.5,
            max_rounds: 10,
            seed: 0,
        }
    }
}

/// The result of [`consensus`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    /// The consensus partition.
    pub partition: Partition,
    /// Per node, the mean over the first-round runs of the Jaccard similarity between the
    /// node's community in that run and its consensus community: 1 when the node always
    /// lands with exactly the same companions, near 0 when its company keeps changing.
    pub stability: Vec<f64>,
    /// The co-assignment matrix of the first round (runs on the input graph), sparse:
    /// `(u, v, fraction of runs with u and v together)` for `u < v`, fraction > 0, sorted.
    pub coassignment: Vec<(usize, usize, f64)>,
    /// Rounds run (1 = the runs on the input graph already agreed).
    pub rounds: usize,
    /// True when the last round's runs all returned the same partition.
    pub converged: bool,
}

/// Consensus clustering (Lancichinetti & Fortunato 2012).
///
/// 1. Run the base algorithm `runs` times with different seeds.
/// 2. Build the co-assignment matrix `D`: `D_ij` is the fraction of runs placing `i` and `j`
///    in the same community; drop entries below `threshold` (a node left without any entry
///    keeps its strongest ones, so it is not isolated artificially).
/// 3. Cluster the graph `D` `runs` times; if all runs agree, stop, else go to 2.
///
/// Costs Σ over runs of Σ_c |c|² per round for the co-assignment pairs.
///
/// # Errors
/// Errors of the base algorithm; [`ClusterError::InvalidParameter`] for `runs == 0`,
/// `max_rounds == 0` or a threshold outside [0, 1].
///
/// ```
/// use cosignatory::cluster::{consensus, ClusterGraph, ConsensusOptions};
/// let g = ClusterGraph::from_edges(6, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0),
///                                      (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)]).unwrap();
/// let c = consensus(&g, &ConsensusOptions { runs: 10, ..Default::default() }).unwrap();
/// assert_eq!(c.partition.membership(), &[0, 0, 0, 1, 1, 1]);
/// assert!(c.converged);
/// assert!(c.stability.iter().all(|&s| s == 1.0));
/// ```
pub fn consensus(
    graph: &ClusterGraph,
    options: &ConsensusOptions,
) -> Result<Consensus, ClusterError> {
    if options.runs == 0 || options.max_rounds == 0 {
        return Err(ClusterError::InvalidParameter {
            name: if options.runs == 0 {
                "runs"
            } else {
                "max_rounds"
            },
            value: "0".into(),
            reason: "must be at least 1".into(),
        });
    }
    if !(0.0..=1.0).contains(&options.threshold) {
        return Err(ClusterError::InvalidParameter {
            name: "threshold",
            value: options.threshold.to_string(),
            reason: "must lie in [0, 1]".into(),
        });
    }
    let mut rng = rng::seeded(options.seed);
    // Each round's seeds are drawn first, so the runs can go to any thread.
    let mut run_all =
        |g: &ClusterGraph, algorithm: &Algorithm| -> Result<Vec<Vec<u32>>, ClusterError> {
            let seeds: Vec<u64> = (0..options.runs).map(|_| rng.random::<u64>()).collect();
            crate::par::try_map(seeds.len(), |i| {
                let p = algorithm.run_with_seed(g, seeds[i])?;
                Ok(canonical_labels(graph, &p))
            })
        };
    let first = run_all(graph, &options.algorithm)?;
    let first_pairs = coassignment(&first);
    let mut runs = first.clone();
    let mut pairs = first_pairs.clone();
    let mut rounds = 1;
    let converged = loop {
        if runs.iter().all(|r| *r == runs[0]) {
            break true;
        }
        if rounds == options.max_rounds {
            break false;
        }
        let d = graph.with_same_nodes(threshold_pairs(
            graph.node_count(),
            options.runs,
            &pairs,
            options.threshold,
        ));
        let algorithm = options
            .consensus_algorithm
            .as_ref()
            .unwrap_or(&options.algorithm);
        runs = run_all(&d, algorithm)?;
        pairs = coassignment(&runs);
        rounds += 1;
    };
    let chosen = most_frequent(&runs);
    let stability = stability(graph, &first, chosen);
    let runs_f = options.runs as f64;
    let mut coassignment_out: Vec<(usize, usize, f64)> = first_pairs
        .iter()
        .map(|&(i, j, c)| {
            let (u, v) = (
                graph.node_at_rank(i as usize),
                graph.node_at_rank(j as usize),
            );
            (u.min(v), u.max(v), c as f64 / runs_f)
        })
        .collect();
    coassignment_out.sort_by_key(|&(u, v, _)| (u, v));
    Ok(Consensus {
        partition: graph.partition_from_canonical(chosen),
        stability,
        coassignment: coassignment_out,
        rounds,
        converged,
    })
}

/// Labels indexed by canonical rank, numbered by first appearance in canonical order.
fn canonical_labels(graph: &ClusterGraph, p: &Partition) -> Vec<u32> {
    let by_rank: Vec<u32> = (0..graph.node_count())
        .map(|r| p.community_of(graph.node_at_rank(r)) as u32)
        .collect();
    super::engine::compact(&by_rank).0
}

/// Members of each community of a labeling, ascending.
fn groups(labels: &[u32]) -> (Vec<usize>, Vec<u32>) {
    let k = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    group_positions(k, labels)
}

/// Co-assignment counts `(i, j, runs with i and j together)` for `i < j` (canonical ids).
fn coassignment(runs: &[Vec<u32>]) -> Vec<(u32, u32, u32)> {
    let n = runs.first().map_or(0, Vec::len);
    let grouped: Vec<_> = runs.iter().map(|r| groups(r)).collect();
    // Per node i, count its co-members j > i over all runs in a dense scratch row.
    let mut scratch = Scratch::new(n);
    let mut out = Vec::new();
    for i in 0..n {
        for (run, (start, members)) in runs.iter().zip(&grouped) {
            let c = run[i] as usize;
            for &j in &members[start[c]..start[c + 1]] {
                if j as usize > i {
                    scratch.add(j, 1.0);
                }
            }
        }
        scratch.touched.sort_unstable();
        out.extend(
            scratch
                .touched
                .iter()
                .map(|&j| (i as u32, j, scratch.weight(j) as u32)),
        );
        scratch.clear();
    }
    out
}

/// The edges of the thresholded co-assignment graph, weighted by co-assignment fraction. A
/// node whose entries all fall below the threshold keeps its strongest ones.
fn threshold_pairs(
    n: usize,
    runs: usize,
    pairs: &[(u32, u32, u32)],
    threshold: f64,
) -> Vec<(u32, u32, f64)> {
    let fraction = |c: u32| c as f64 / runs as f64;
    let mut strongest = vec![0u32; n];
    for &(i, j, c) in pairs {
        strongest[i as usize] = strongest[i as usize].max(c);
        strongest[j as usize] = strongest[j as usize].max(c);
    }
    let mut has_edge = vec![false; n];
    let mut edges = Vec::new();
    for &(i, j, c) in pairs {
        if fraction(c) >= threshold {
            has_edge[i as usize] = true;
            has_edge[j as usize] = true;
            edges.push((i, j, fraction(c)));
        }
    }
    for &(i, j, c) in pairs {
        let rescue = |v: u32| !has_edge[v as usize] && c == strongest[v as usize];
        if fraction(c) < threshold && (rescue(i) || rescue(j)) {
            edges.push((i, j, fraction(c)));
        }
    }
    edges
}

/// The labeling returned most often (the earliest among equally frequent ones).
fn most_frequent(runs: &[Vec<u32>]) -> &Vec<u32> {
    let mut count: HashMap<&Vec<u32>, usize> = HashMap::new();
    for r in runs {
        *count.entry(r).or_default() += 1;
    }
    let best = runs.iter().map(|r| count[r]).max().unwrap_or(0);
    runs.iter()
        .find(|r| count[*r] == best)
        .expect("at least one run")
}

/// Mean Jaccard similarity between each node's community in each run and in `chosen`,
/// returned in caller order.
fn stability(graph: &ClusterGraph, runs: &[Vec<u32>], chosen: &[u32]) -> Vec<f64> {
    let n = chosen.len();
    let size = |labels: &[u32]| {
        let mut s = vec![0u32; n];
        for &l in labels {
            s[l as usize] += 1;
        }
        s
    };
    let chosen_size = size(chosen);
    let mut sum = vec![0.0; n];
    for run in runs {
        let run_size = size(run);
        let mut overlap: HashMap<(u32, u32), u32> = HashMap::new();
        for (&a, &b) in run.iter().zip(chosen) {
            *overlap.entry((a, b)).or_default() += 1;
        }
        for v in 0..n {
            let (a, b) = (run[v], chosen[v]);
            let inter = overlap[&(a, b)] as f64;
            sum[v] +=
                inter / (run_size[a as usize] as f64 + chosen_size[b as usize] as f64 - inter);
        }
    }
    let mut out = vec![0.0; n];
    for (r, s) in sum.into_iter().enumerate() {
        out[graph.node_at_rank(r)] = s / runs.len() as f64;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{LabelPropagationOptions, LouvainOptions};

    #[test]
    fn coassignment_counts_pairs() {
        let runs = vec![vec![0, 0, 1], vec![0, 1, 1]];
        assert_eq!(coassignment(&runs), vec![(0, 1, 1), (1, 2, 1)]);
    }

    #[test]
    fn threshold_rescues_isolated_nodes() {
        // Node 2 is with 0 in 1 of 4 runs only; it keeps that edge.
        let pairs = vec![(0, 1, 4), (0, 2, 1)];
        let e = threshold_pairs(3, 4, &pairs, 0.5);
        assert_eq!(e, vec![(0, 1, 1.0), (0, 2, 0.25)]);
    }

    #[test]
    fn unstable_node_has_lower_stability() {
        // Two 5-cliques; node 10 hangs between them with equal ties.
        let mut edges = Vec::new();
        for base in [0, 5] {
            for i in 0..5 {
                for j in i + 1..5 {
                    edges.push((base + i, base + j, 1.0));
                }
            }
        }
        edges.extend([(10, 0, 1.0), (10, 5, 1.0), (4, 9, 0.2)]);
        let g = ClusterGraph::from_edges(11, edges).unwrap();
        let c = consensus(
            &g,
            &ConsensusOptions {
                runs: 20,
                seed: 3,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(c.partition.community_count(), 2);
        assert!(c.stability[1] > c.stability[10], "{:?}", c.stability);
        assert!(
            c.coassignment
                .iter()
                .any(|&(u, v, f)| (u, v) == (0, 1) && f == 1.0)
        );
        for lpa in [true, false] {
            let algorithm = if lpa {
                Algorithm::LabelPropagation(LabelPropagationOptions::default())
            } else {
                Algorithm::Louvain(LouvainOptions::default())
            };
            let c = consensus(
                &g,
                &ConsensusOptions {
                    runs: 10,
                    algorithm,
                    ..Default::default()
                },
            )
            .unwrap();
            assert!(c.partition.community_count() >= 2);
        }
    }

    #[test]
    fn parameter_errors() {
        let g = ClusterGraph::from_edges(2, [(0, 1, 1.0)]).unwrap();
        let bad = |o: ConsensusOptions| consensus(&g, &o).unwrap_err();
        assert!(matches!(
            bad(ConsensusOptions {
                runs: 0,
                ..Default::default()
            }),
            ClusterError::InvalidParameter { .. }
        ));
        assert!(matches!(
            bad(ConsensusOptions {
                threshold: 1.5,
                ..Default::default()
            }),
            ClusterError::InvalidParameter { .. }
        ));
    }
}
