//! The multilevel driver shared by Louvain, Leiden and the multislice optimiser: local
//! moving, (Leiden's) refinement and aggregation, level after level, iteration after
//! iteration. The quality function enters only through the level's [`NullModel`].

use super::aggregate::{Aggregate, aggregate};
use super::engine::{Communities, Level, Scratch, compact};
use super::null_model::NullModel;
use super::options::{Start, check_randomness};
use super::quality::Objective;
use super::refine::{community_components, refine};
use super::rng::{self, Rng};
use super::{ClusterError, ClusterGraph, Clustering, Iterations, Quality};

/// Which multilevel optimiser runs.
#[derive(Clone, Copy, Debug)]
enum Method {
    /// Louvain (Blondel et al. 2008): sweeping local moves, each level's partition
    /// aggregated as it is and the next level started from singletons.
    Louvain,
    /// Leiden (Traag, Waltman & van Eck 2019): fast local moving, the refined partition
    /// aggregated and the next level started from the unrefined one.
    Leiden {
        /// Refinement randomness θ ≥ 0.
        randomness: f64,
    },
}

/// What a run of the optimiser found.
pub(crate) struct Run {
    /// Community of each level-0 node.
    pub(crate) labels: Vec<u32>,
    /// The partitions of the level-0 nodes that the last iteration aggregated, finest
    /// first.
    pub(crate) levels: Vec<Vec<u32>>,
    /// Iterations run.
    pub(crate) iterations: usize,
}

/// The optimiser's settings (leidenalg's `Optimiser`): the method, how many iterations and
/// the seed. What is optimised comes with the level it runs on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Optimiser {
    method: Method,
    iterations: Iterations,
    seed: u64,
}

impl Optimiser {
    /// Leiden with refinement randomness θ = `randomness`.
    pub(crate) fn leiden(randomness: f64, iterations: Iterations, seed: u64) -> Optimiser {
        let method = Method::Leiden { randomness };
        Optimiser {
            method,
            iterations,
            seed,
        }
    }

    /// Louvain.
    pub(crate) fn louvain(iterations: Iterations, seed: u64) -> Optimiser {
        Optimiser {
            method: Method::Louvain,
            iterations,
            seed,
        }
    }

    /// Optimises `quality` on `graph`, from `initial` labels (singletons when `None`) with
    /// `fixed` nodes, both indexed by the caller's node indices.
    pub(crate) fn cluster(
        &self,
        graph: &ClusterGraph,
        quality: &Quality,
        initial: Option<&[usize]>,
        fixed: Option<&[bool]>,
    ) -> Result<Clustering, ClusterError> {
        let objective = Objective::new(graph, quality)?;
        if let Method::Leiden { randomness } = self.method {
            check_randomness(randomness)?;
        }
        self.iterations.check()?;
        let start = Start::new(graph, initial, fixed)?;
        let run = if objective.two_layers() {
            self.with_layers::<2>(graph, &objective, start)
        } else {
            self.with_layers::<1>(graph, &objective, start)
        };
        Clustering::from_canonical(graph, quality, &run.labels, run.levels, run.iterations)
    }

    /// Runs on `graph` under the first `L` layers of a dense objective.
    fn with_layers<const L: usize>(
        &self,
        graph: &ClusterGraph,
        objective: &Objective,
        start: Start,
    ) -> Run {
        let (model, sizes) = objective.layers::<L>();
        self.run(
            Level::new(&model, &graph.csr, &sizes, &start.fixed),
            start.labels,
        )
    }

    /// Runs on `level0` from `labels` (ids below the node count) until the iterations say
    /// stop; each iteration starts from the previous one's result.
    pub(crate) fn run<M: NullModel>(&self, level0: Level<M>, mut labels: Vec<u32>) -> Run {
        let mut rng = rng::seeded(self.seed);
        let mut scratch = Scratch::new(level0.node_count());
        let mut done = 0;
        loop {
            let (next, changed, levels) =
                iteration(level0, self.method, labels, &mut scratch, &mut rng);
            labels = next;
            done += 1;
            if self.iterations.stop(done, changed) {
                return Run {
                    labels,
                    levels,
                    iterations: done,
                };
            }
        }
    }
}

/// One iteration from `labels`. Returns the new labels, whether any node moved, and the
/// partitions of the level-0 nodes induced by each aggregation.
fn iteration<M: NullModel>(
    level0: Level<M>,
    method: Method,
    mut labels: Vec<u32>,
    scratch: &mut Scratch,
    rng: &mut Rng,
) -> (Vec<u32>, bool, Vec<Vec<u32>>) {
    let mut node_map: Vec<u32> = (0..level0.node_count() as u32).collect();
    let mut owned: Option<Aggregate<M>> = None;
    let mut changed = false;
    let mut levels = Vec::new();
    loop {
        let level = owned.as_ref().map_or(level0, |a| {
            Level::new(level0.model, &a.csr, &a.sizes, &a.fixed)
        });
        let n = level.node_count();
        let mut p = Communities::new(&level, labels);
        changed |= match method {
            Method::Louvain => p.sweep_local_moving(&level, scratch, rng),
            Method::Leiden { .. } => p.fast_local_moving(&level, scratch, rng),
        };
        if p.community_count() == n {
            // Louvain reports its labels renumbered, Leiden as they are; the quality is
            // summed in label order, so each keeps its own for results to stay the same.
            labels = match method {
                Method::Louvain => compact(&p.label).0,
                Method::Leiden { .. } => p.label,
            };
            break;
        }
        let (groups, k) = match method {
            Method::Louvain => compact(&p.label),
            Method::Leiden { randomness } => {
                let (mut groups, mut k) = refine(&level, randomness, &p, scratch, rng);
                if k == n {
                    // Refinement merged nothing (rare): aggregate the connected parts of
                    // each community instead, or the communities themselves if those are
                    // singletons too (as igraph does), so that every level shrinks.
                    (groups, k) = community_components(&level, &p);
                    if k == n {
                        (groups, k) = compact(&p.label);
                    }
                }
                (groups, k)
            }
        };
        levels.push(node_map.iter().map(|&x| groups[x as usize]).collect());
        let next_level = aggregate(&level, &groups, k, scratch);
        // The next level starts from the communities of its nodes (for Louvain, whose
        // groups are the communities, that is singletons).
        let mut next = vec![0u32; k];
        for (v, &g) in groups.iter().enumerate() {
            next[g as usize] = p.label[v];
        }
        labels = compact(&next).0;
        for x in node_map.iter_mut() {
            *x = groups[*x as usize];
        }
        owned = Some(next_level);
    }
    let result = node_map.iter().map(|&x| labels[x as usize]).collect();
    (result, changed, levels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::csr::Csr;
    use crate::cluster::fixtures::two_triangles;
    use crate::cluster::null_model::PerSlice;

    #[test]
    fn two_slices_two_triangles_each() {
        // Slice 0 nodes 0..6, slice 1 nodes 6..12; triangles {0,1,2}, {3,4,5} in each slice,
        // one bridge per slice, and weak couplings between copies.
        let mut edges = Vec::new();
        for base in [0u32, 6] {
            edges.extend(two_triangles::<u32>(1.0).map(|(a, b, w)| (base + a, base + b, w)));
        }
        for v in 0..6 {
            edges.push((v, v + 6, 0.1));
        }
        let csr = Csr::from_edges(12, edges);
        let sizes: Vec<Vec<(u32, f64)>> = (0..12)
            .map(|v| {
                // Intra-slice degree: every node has one coupling of 0.1.
                let k: f64 = csr.neighbors(v).1.iter().sum::<f64>() - 0.1;
                vec![((v / 6) as u32, k)]
            })
            .collect();
        let model = PerSlice {
            coef: vec![1.0 / 14.0, 1.0 / 14.0],
        };
        let fixed = vec![false; 12];
        let level = Level::new(&model, &csr, &sizes, &fixed);
        for seed in 0..5 {
            let optimiser = Optimiser::leiden(0.01, Iterations::Fixed(2), seed);
            let run = optimiser.run(level, (0..12).collect());
            assert_eq!(
                compact(&run.labels).0,
                vec![0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1]
            );
        }
    }
}
