//! The Louvain method (Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of
//! communities in large networks", J. Stat. Mech. P10008, 2008).

use serde::{Deserialize, Serialize};

use super::clustering::best_of;
use super::multilevel::Optimiser;
use super::{ClusterError, ClusterGraph, Clustering, Iterations, Quality};

/// Options of [`louvain`]. Same meaning as in [`LeidenOptions`](super::LeidenOptions),
/// without the refinement randomness.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LouvainOptions {
    /// The quality function to maximise.
    pub quality: Quality,
    /// Seed of the `ChaCha8Rng` driving node orders.
    pub seed: u64,
    /// Number of iterations of the whole multilevel procedure; default 1 (classic Louvain).
    /// Later iterations restart from the previous result.
    pub iterations: Iterations,
    /// Starting partition as arbitrary labels per node; `None` starts from singletons.
    pub initial: Option<Vec<usize>>,
    /// Nodes that must keep their (initial) community.
    pub fixed: Option<Vec<bool>>,
}

impl Default for LouvainOptions {
    fn default() -> Self {
        LouvainOptions {
            quality: Quality::default(),
            seed: 0,
            iterations: Iterations::Fixed(1),
            initial: None,
            fixed: None,
        }
    }
}

/// Finds communities with the Louvain method (Blondel et al. 2008).
///
/// Each level sweeps over the nodes in one seeded random order, moving each to the
/// neighbouring (or an empty) community with the largest quality gain, until a sweep moves
/// nothing; then every community becomes one node and the next level starts from
/// singletons. Stops when a level merges nothing. `levels` of the result holds the
/// partition found at every level (the dendrogram).
///
/// Unlike [`leiden`](super::leiden), communities may come out badly connected or even
/// disconnected (Traag et al. 2019); prefer Leiden unless Louvain is what you need.
///
/// # Errors
/// As [`leiden`](super::leiden).
///
/// ```
/// use cosignatory::cluster::{louvain, ClusterGraph, LouvainOptions};
/// let g = ClusterGraph::from_edges(6, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0),
///                                      (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)]).unwrap();
/// let result = louvain(&g, &LouvainOptions::default()).unwrap();
/// assert_eq!(result.partition.membership(), &[0, 0, 0, 1, 1, 1]);
/// ```
pub fn louvain(graph: &ClusterGraph, options: &LouvainOptions) -> Result<Clustering, ClusterError> {
    let optimiser = Optimiser::louvain(options.iterations, options.seed);
    let (initial, fixed) = (options.initial.as_deref(), options.fixed.as_deref());
    optimiser.cluster(graph, &options.quality, initial, fixed)
}

/// Runs [`louvain`] with seeds `options.seed`, `options.seed + 1`, … (`runs` of them) and
/// returns the result of highest quality (the earliest on ties).
///
/// # Errors
/// As [`louvain`]; [`ClusterError::InvalidParameter`] if `runs == 0`.
pub fn louvain_best_of(
    graph: &ClusterGraph,
    options: &LouvainOptions,
    runs: usize,
) -> Result<Clustering, ClusterError> {
    best_of(runs, options.seed, |seed| {
        let opts = LouvainOptions {
            seed,
            ..options.clone()
        };
        louvain(graph, &opts)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::fixtures::two_triangles;
    use crate::cluster::modularity;

    #[test]
    fn levels_nest_and_end_at_the_partition() {
        // Pairs joined into quadruples joined into a ring: several levels.
        let mut edges = Vec::new();
        for q in 0..8 {
            let b = q * 4;
            edges.extend([
                (b, b + 1, 3.0),
                (b + 2, b + 3, 3.0),
                (b + 1, b + 2, 1.0),
                (b, b + 3, 1.0),
            ]);
            edges.push((b + 3, (b + 4) % 32, 0.5));
        }
        let g = ClusterGraph::from_edges(32, edges).unwrap();
        let r = louvain(&g, &LouvainOptions::default()).unwrap();
        assert_eq!(r.levels.last(), Some(&r.partition));
        for w in r.levels.windows(2) {
            // Nested: nodes together at the finer level stay together.
            for c in w[0].communities() {
                assert!(
                    c.iter()
                        .all(|&v| w[1].community_of(v) == w[1].community_of(c[0]))
                );
            }
            assert!(w[1].community_count() < w[0].community_count());
        }
        assert!((r.quality - modularity(&g, r.partition.membership(), 1.0).unwrap()).abs() < 1e-12);
    }

    #[test]
    fn signed_graph_separates_enemies() {
        // Two friendly triangles, hostile to each other.
        let mut edges: Vec<_> = two_triangles(0.0).collect();
        for a in 0..3 {
            for b in 3..6 {
                edges.push((a, b, -1.0));
            }
        }
        let g = ClusterGraph::from_edges(6, edges).unwrap();
        let opts = LouvainOptions {
            quality: Quality::SignedModularity { resolution: 1.0 },
            ..Default::default()
        };
        let r = louvain(&g, &opts).unwrap();
        assert_eq!(r.partition.membership(), &[0, 0, 0, 1, 1, 1]);
        let plain = LouvainOptions::default();
        assert!(matches!(
            louvain(&g, &plain),
            Err(ClusterError::NegativeWeight { .. })
        ));
    }
}
