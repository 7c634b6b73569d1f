//! Asynchronous label propagation (Raghavan, Albert & Kumara, "Near linear time algorithm to
//! detect community structures in large-scale networks", Phys. Rev. E 76:036106, 2007).

use serde::{Deserialize, Serialize};

use super::engine::{Scratch, compact};
use super::options::Start;
use super::rng::{self, Rng};
use super::{ClusterError, ClusterGraph, Partition};
use rand::RngExt;

/// Relative tolerance for treating two label weights as tied.
const TIE_TOLERANCE: f64 = 1e-12;

/// Options of [`label_propagation`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelPropagationOptions {
    /// Seed of the `ChaCha8Rng` driving visit orders and tie breaks.
    pub seed: u64,
    /// Upper bound on the number of sweeps (default 1000); the result reports whether the
    /// stopping criterion was met before it.
    pub max_sweeps: usize,
    /// Starting labels per node; `None` gives every node its own label.
    pub initial: Option<Vec<usize>>,
    /// Nodes whose label never changes (as igraph's `fixed`).
    pub fixed: Option<Vec<bool>>,
}

impl Default for LabelPropagationOptions {
    fn default() -> Self {
        LabelPropagationOptions {
            seed: 0,
            max_sweeps: 1000,
            initial: None,
            fixed: None,
        }
    }
}

/// The result of [`label_propagation`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelPropagation {
    /// Nodes sharing a final label.
    pub partition: Partition,
    /// Sweeps run.
    pub sweeps: usize,
    /// True when every free node ended with one of its heaviest neighbouring labels.
    pub converged: bool,
}

/// Weighted asynchronous label propagation (Raghavan, Albert & Kumara 2007).
///
/// Every node starts with its own label (or `initial`). Each sweep visits the free nodes in
/// a seeded random order; a node whose current label is not among the labels of largest
/// total edge weight in its neighbourhood adopts one of those, chosen uniformly at random.
/// Stops after a sweep that changes nothing (every node then holds a heaviest label) or
/// after `max_sweeps`. Nodes without neighbours keep their label. Fast, but results vary
/// between seeds more than Leiden's; see [`consensus`](super::consensus) for stabilising.
///
/// # Errors
/// [`ClusterError::NegativeWeight`] (weights must be non-negative),
/// [`ClusterError::LengthMismatch`] for `initial`/`fixed` of the wrong length,
/// [`ClusterError::InvalidParameter`] if `max_sweeps == 0`.
///
/// ```
/// use cosignatory::cluster::{label_propagation, ClusterGraph, LabelPropagationOptions};
/// let g = ClusterGraph::from_edges(6, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0),
///                                      (4, 5, 1.0), (3, 5, 1.0), (2, 3, 0.1)]).unwrap();
/// let r = label_propagation(&g, &LabelPropagationOptions::default()).unwrap();
/// assert!(r.converged);
/// assert_eq!(r.partition.membership(), &[0, 0, 0, 1, 1, 1]);
/// ```
pub fn label_propagation(
    graph: &ClusterGraph,
    options: &LabelPropagationOptions,
) -> Result<LabelPropagation, ClusterError> {
    if let Some((u, v, weight)) = graph.first_negative() {
        return Err(ClusterError::NegativeWeight { u, v, weight });
    }
    if options.max_sweeps == 0 {
        return Err(ClusterError::InvalidParameter {
            name: "max_sweeps",
            value: "0".into(),
            reason: "at least one sweep is needed".into(),
        });
    }
    let start = Start::new(graph, options.initial.as_deref(), options.fixed.as_deref())?;
    let n = graph.node_count();
    let mut labels = start.labels;
    let mut rng = rng::seeded(options.seed);
    let mut scratch = Scratch::new(n);
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&v| !start.fixed[v as usize])
        .collect();
    let mut best: Vec<u32> = Vec::new();
    let mut sweeps = 0;
    let mut converged = false;
    while sweeps < options.max_sweeps {
        sweeps += 1;
        rng::shuffle(&mut order, &mut rng);
        let mut changed = false;
        for &v in &order {
            let v = v as usize;
            if let Some(label) =
                heaviest_label(graph, &labels, v, &mut scratch, &mut best, &mut rng)
            {
                labels[v] = label;
                changed = true;
            }
        }
        if !changed {
            converged = true;
            break;
        }
    }
    Ok(LabelPropagation {
        partition: graph.partition_from_canonical(&compact(&labels).0),
        sweeps,
        converged,
    })
}

/// The new label of `v` if its current one is not among its heaviest neighbouring labels.
fn heaviest_label(
    graph: &ClusterGraph,
    labels: &[u32],
    v: usize,
    scratch: &mut Scratch,
    best: &mut Vec<u32>,
    rng: &mut Rng,
) -> Option<u32> {
    let (targets, weights) = graph.csr.neighbors(v);
    for (&t, &w) in targets.iter().zip(weights) {
        scratch.add(labels[t as usize], w);
    }
    let max = scratch
        .touched
        .iter()
        .map(|&l| scratch.weight(l))
        .fold(0.0f64, f64::max);
    best.clear();
    if max > 0.0 {
        let floor = max * (1.0 - TIE_TOLERANCE);
        best.extend(
            scratch
                .touched
                .iter()
                .copied()
                .filter(|&l| scratch.weight(l) >= floor),
        );
    }
    scratch.clear();
    if best.is_empty() || best.contains(&labels[v]) {
        return None;
    }
    // Touched order follows the sorted adjacency, so the draw is deterministic.
    Some(best[rng.random_range(0..best.len() as u32) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_labels_spread() {
        // A weighted path 0-1-2-3-4 with both ends fixed to different labels; the weak
        // 2-3 link is where the labels meet.
        let g = ClusterGraph::from_edges(5, [(0, 1, 3.0), (1, 2, 2.0), (2, 3, 1.0), (3, 4, 3.0)])
            .unwrap();
        let opts = LabelPropagationOptions {
            initial: Some(vec![0, 1, 2, 3, 4]),
            fixed: Some(vec![true, false, false, false, true]),
            ..Default::default()
        };
        let r = label_propagation(&g, &opts).unwrap();
        assert!(r.converged);
        let p = &r.partition;
        assert_eq!(p.community_count(), 2);
        assert_eq!(p.membership(), &[0, 0, 0, 1, 1]);
    }

    #[test]
    fn rejects_negative_weights_and_is_seeded() {
        let g = ClusterGraph::from_edges(2, [(0, 1, -1.0)]).unwrap();
        assert!(matches!(
            label_propagation(&g, &LabelPropagationOptions::default()),
            Err(ClusterError::NegativeWeight { .. })
        ));
        let edges: Vec<_> = (0..30)
            .flat_map(|i| [(i, (i + 1) % 30, 1.0), (i, (i + 7) % 30, 0.5)])
            .collect();
        let g = ClusterGraph::from_edges(30, edges).unwrap();
        let o = LabelPropagationOptions {
            seed: 9,
            ..Default::default()
        };
        assert_eq!(
            label_propagation(&g, &o).unwrap(),
            label_propagation(&g, &o).unwrap()
        );
    }
}
