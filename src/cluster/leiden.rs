//! The Leiden algorithm (Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing
//! well-connected communities", Scientific Reports 9:5233, 2019).

use serde::{Deserialize, Serialize};

use super::clustering::best_of;
use super::multilevel::Optimiser;
use super::{ClusterError, ClusterGraph, Clustering, Iterations, Quality};

/// Options of [`leiden`].
///
/// `initial` and `fixed` are indexed by the caller's node indices. A fixed node never
/// changes community: it stays with the nodes that share its initial label (other nodes may
/// join or leave them). Community ids of the result are canonical, not the initial labels.
/// Fixed nodes can make a community disconnected (a fixed node without edges into its
/// community stays there); without fixed nodes every community is connected.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeidenOptions {
    /// The quality function to maximise.
    pub quality: Quality,
    /// Seed of the `ChaCha8Rng` driving node orders and refinement choices.
    pub seed: u64,
    /// Number of iterations; default 2, as leidenalg and igraph. Every iteration already
    /// guarantees γ-connected communities; [`Iterations::UntilStable`] adds the
    /// subset-optimality guarantees of the paper at the cost of a few more passes.
    pub iterations: Iterations,
    /// Refinement randomness θ ≥ 0 (igraph's `beta`; default 0.01). Merges are drawn with
    /// probability ∝ exp(ΔH/θ), ΔH in edge-weight units (as in the reference
    /// implementations); θ = 0 always takes the best merge.
    pub randomness: f64,
    /// Starting partition as arbitrary labels per node; `None` starts from singletons.
    pub initial: Option<Vec<usize>>,
    /// Nodes that must keep their (initial) community.
    pub fixed: Option<Vec<bool>>,
}

impl Default for LeidenOptions {
    fn default() -> Self {
        LeidenOptions {
            quality: Quality::default(),
            seed: 0,
            iterations: Iterations::Fixed(2),
            randomness: 0.01,
            initial: None,
            fixed: None,
        }
    }
}

/// Finds communities with the Leiden algorithm (Traag, Waltman & van Eck 2019).
///
/// Each iteration runs, level by level: **fast local moving** (a queue of nodes in seeded
/// random order; only the neighbours of moved nodes are revisited), **refinement** (within
/// each community, well-connected singletons merge at random into well-connected
/// sub-communities, probability ∝ exp(ΔH/θ)), and **aggregation** of the refined partition,
/// with the unrefined partition as the aggregate's starting point. Every community of the
/// result is therefore γ-connected, in particular connected. The optimised quality is
/// modularity with resolution, CPM, or signed modularity ([`Quality`]).
///
/// Deterministic for a given seed, and independent of node and edge insertion order (see
/// [`ClusterGraph`]).
///
/// # Errors
/// [`ClusterError::NegativeWeight`] for plain modularity on a signed graph,
/// [`ClusterError::ZeroTotalWeight`] for modularity on a graph without weight,
/// [`ClusterError::LengthMismatch`] for `initial`/`fixed` of the wrong length,
/// [`ClusterError::InvalidParameter`] for a bad resolution, randomness or iteration count.
///
/// ```
/// use cosignatory::cluster::{leiden, ClusterGraph, LeidenOptions};
/// // Two 4-cliques joined by a single edge.
/// let mut edges = vec![(3, 4, 1.0)];
/// for base in [0, 4] {
///     for i in 0..4 {
///         for j in i + 1..4 {
///             edges.push((base + i, base + j, 1.0));
///         }
///     }
/// }
/// let g = ClusterGraph::from_edges(8, edges).unwrap();
/// let result = leiden(&g, &LeidenOptions { seed: 42, ..Default::default() }).unwrap();
/// assert_eq!(result.partition.membership(), &[0, 0, 0, 0, 1, 1, 1, 1]);
/// assert!(result.quality > 0.42);
/// ```
pub fn leiden(graph: &ClusterGraph, options: &LeidenOptions) -> Result<Clustering, ClusterError> {
    let optimiser = Optimiser::leiden(options.randomness, options.iterations, options.seed);
    let (initial, fixed) = (options.initial.as_deref(), options.fixed.as_deref());
    optimiser.cluster(graph, &options.quality, initial, fixed)
}

/// Runs [`leiden`] with seeds `options.seed`, `options.seed + 1`, … (`runs` of them) and
/// returns the result of highest quality (the earliest on ties).
///
/// # Errors
/// As [`leiden`]; [`ClusterError::InvalidParameter`] if `runs == 0`.
pub fn leiden_best_of(
    graph: &ClusterGraph,
    options: &LeidenOptions,
    runs: usize,
) -> Result<Clustering, ClusterError> {
    best_of(runs, options.seed, |seed| {
        let opts = LeidenOptions {
            seed,
            ..options.clone()
        };
        leiden(graph, &opts)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{cpm_quality, modularity};

    fn ring_of_cliques(cliques: usize, size: usize) -> ClusterGraph {
        let mut edges = Vec::new();
        for c in 0..cliques {
            let base = c * size;
            for i in 0..size {
                for j in i + 1..size {
                    edges.push((base + i, base + j, 1.0));
                }
            }
            edges.push((base, ((c + 1) % cliques) * size + 1, 1.0));
        }
        ClusterGraph::from_edges(cliques * size, edges).unwrap()
    }

    #[test]
    fn ring_of_cliques_is_found() {
        let g = ring_of_cliques(6, 5);
        let r = leiden(&g, &LeidenOptions::default()).unwrap();
        assert_eq!(r.partition.community_count(), 6);
        for c in r.partition.communities() {
            assert_eq!(c.len(), 5);
            assert!(c.iter().all(|&v| v / 5 == c[0] / 5));
        }
        assert!((r.quality - modularity(&g, r.partition.membership(), 1.0).unwrap()).abs() < 1e-12);
        assert_eq!(r.levels.last(), Some(&r.partition));
    }

    #[test]
    fn cpm_on_cliques_and_singletons_at_high_resolution() {
        let g = ring_of_cliques(4, 4);
        let opts = LeidenOptions {
            quality: Quality::Cpm { resolution: 0.5 },
            ..Default::default()
        };
        let r = leiden(&g, &opts).unwrap();
        assert_eq!(r.partition.community_count(), 4);
        assert!(
            (r.quality - cpm_quality(&g, r.partition.membership(), 0.5).unwrap()).abs() < 1e-12
        );
        let opts = LeidenOptions {
            quality: Quality::Cpm { resolution: 1.5 },
            ..Default::default()
        };
        assert_eq!(leiden(&g, &opts).unwrap().partition.community_count(), 16);
    }

    #[test]
    fn fixed_nodes_keep_their_community() {
        let g = ring_of_cliques(3, 4);
        // Put node 0 with clique 1 and fix it there.
        let mut initial: Vec<usize> = (0..12).map(|v| v / 4).collect();
        initial[0] = 1;
        let mut fixed = vec![false; 12];
        fixed[0] = true;
        fixed[4] = true;
        let r = leiden(
            &g,
            &LeidenOptions {
                initial: Some(initial),
                fixed: Some(fixed),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(r.partition.community_of(0), r.partition.community_of(4));
    }

    #[test]
    fn fixed_iterations_and_errors() {
        let g = ring_of_cliques(3, 4);
        let r = leiden(
            &g,
            &LeidenOptions {
                iterations: Iterations::Fixed(3),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(r.iterations, 3);
        let bad = |o: LeidenOptions| leiden(&g, &o).unwrap_err();
        assert!(matches!(
            bad(LeidenOptions {
                iterations: Iterations::Fixed(0),
                ..Default::default()
            }),
            ClusterError::InvalidParameter { .. }
        ));
        assert!(matches!(
            bad(LeidenOptions {
                randomness: -1.0,
                ..Default::default()
            }),
            ClusterError::InvalidParameter { .. }
        ));
        assert!(matches!(
            bad(LeidenOptions {
                initial: Some(vec![0; 3]),
                ..Default::default()
            }),
            ClusterError::LengthMismatch { .. }
        ));
        assert!(matches!(
            bad(LeidenOptions {
                quality: Quality::Modularity { resolution: -1.0 },
                ..Default::default()
            }),
            ClusterError::InvalidParameter { .. }
        ));
    }

    #[test]
    fn empty_graph() {
        let g = ClusterGraph::from_edges(0, []).unwrap();
        assert_eq!(
            leiden(&g, &LeidenOptions::default()).unwrap_err(),
            ClusterError::ZeroTotalWeight
        );
        let cpm = LeidenOptions {
            quality: Quality::Cpm { resolution: 0.1 },
            ..Default::default()
        };
        let r = leiden(&g, &cpm).unwrap();
        assert!(r.partition.is_empty());
        let g = ClusterGraph::from_edges(3, []).unwrap();
        assert_eq!(leiden(&g, &cpm).unwrap().partition.community_count(), 3);
    }

    #[test]
    fn options_serde_round_trip() {
        let o = LeidenOptions {
            quality: Quality::Cpm { resolution: 0.25 },
            iterations: Iterations::Fixed(2),
            fixed: Some(vec![true, false]),
            ..Default::default()
        };
        let s = serde_json::to_string(&o).unwrap();
        assert_eq!(serde_json::from_str::<LeidenOptions>(&s).unwrap(), o);
        let partial: LeidenOptions = serde_json::from_str(r#"{"seed": 3}"#).unwrap();
        assert_eq!(partial.seed, 3);
        assert_eq!(partial.randomness, 0.01);
    }
}
