//! [`Clustering`]: the result of Louvain and Leiden.

use serde::{Deserialize, Serialize};

use super::quality::quality_line;
use super::{ClusterError, ClusterGraph, Partition, Quality};

/// The result of a multilevel optimiser ([`leiden`](super::leiden),
/// [`louvain`](super::louvain)).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clustering {
    /// The final partition.
    pub partition: Partition,
    /// The hierarchy of the last iteration, finest first: `levels[i]` groups the nodes into
    /// the nodes of aggregation level `i + 1`. Each level nests in the next, and the last
    /// equals `partition`. For Louvain these are the partitions found at each level; for
    /// Leiden the refined partitions that were aggregated.
    pub levels: Vec<Partition>,
    /// The quality of `partition` in the reported scale: modularity `Q`, CPM `H` or signed
    /// modularity, as the stand-alone functions of this module compute them.
    pub quality: f64,
    /// Number of iterations run.
    pub iterations: usize,
}

impl Clustering {
    /// Assembles a result from canonical labels.
    pub(crate) fn from_canonical(
        graph: &ClusterGraph,
        quality: &Quality,
        labels: &[u32],
        mut levels: Vec<Vec<u32>>,
        iterations: usize,
    ) -> Result<Clustering, ClusterError> {
        let partition = graph.partition_from_canonical(labels);
        if levels.is_empty() {
            levels.push(labels.to_vec());
        }
        let levels: Vec<Partition> = levels
            .iter()
            .map(|l| graph.partition_from_canonical(l))
            .collect();
        debug_assert_eq!(levels.last(), Some(&partition));
        let (e, k) = quality_line(graph, labels, quality.kind())?;
        Ok(Clustering {
            partition,
            levels,
            quality: e - quality.resolution() * k,
            iterations,
        })
    }
}

/// Runs `run(seed + i)` for `i` in `0..runs` and keeps the highest quality (the earliest
/// on ties).
pub(crate) fn best_of<F>(runs: usize, seed: u64, run: F) -> Result<Clustering, ClusterError>
where
    F: Fn(u64) -> Result<Clustering, ClusterError> + Sync,
{
    if runs == 0 {
        return Err(ClusterError::InvalidParameter {
            name: "runs",
            value: "0".into(),
            reason: "at least one run is needed".into(),
        });
    }
    // The first of the best, whichever threads ran the seeds.
    let best = crate::par::first_best(runs, |i| run(seed.wrapping_add(i as u64)), |c| c.quality)?;
    Ok(best.expect("runs >= 1"))
}
