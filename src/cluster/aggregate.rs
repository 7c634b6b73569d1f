//! Aggregation: one node per group, internal weight as a self-loop, parallel edges summed.

use super::csr::Csr;
use super::engine::{Level, Scratch};
use super::null_model::NullModel;
use crate::group::group_positions;

/// The next level's graph, node sizes and fixed flags.
pub(crate) struct Aggregate<M: NullModel> {
    pub(crate) csr: Csr,
    pub(crate) sizes: Vec<M::Size>,
    pub(crate) fixed: Vec<bool>,
}

/// Collapses each group of `groups` (compact labels `0..k`) into one node. Rows come out
/// sorted, and all sums run in node order, so the result is deterministic.
pub(crate) fn aggregate<M: NullModel>(
    level: &Level<M>,
    groups: &[u32],
    k: usize,
    scratch: &mut Scratch,
) -> Aggregate<M> {
    let model = level.model;
    let (start, members): (Vec<usize>, Vec<u32>) = group_positions(k, groups);
    let mut offsets = Vec::with_capacity(k + 1);
    offsets.push(0);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut loops = vec![0.0; k];
    let mut sizes = vec![model.zero(); k];
    let mut fixed = vec![false; k];
    for a in 0..k {
        for &v in &members[start[a]..start[a + 1]] {
            let v = v as usize;
            loops[a] += level.csr.loop_weight(v);
            model.add(&mut sizes[a], &level.sizes[v]);
            fixed[a] |= level.fixed[v];
            let (ts, ws) = level.csr.neighbors(v);
            for (&t, &w) in ts.iter().zip(ws) {
                let b = groups[t as usize];
                if b as usize == a {
                    // Each internal edge appears in both rows; take it once.
                    if t as usize > v {
                        loops[a] += w;
                    }
                } else {
                    scratch.add(b, w);
                }
            }
        }
        scratch.touched.sort_unstable();
        for &b in &scratch.touched {
            targets.push(b);
            weights.push(scratch.weight(b));
        }
        scratch.clear();
        offsets.push(targets.len());
    }
    Aggregate {
        csr: Csr::from_parts(offsets, targets, weights, loops),
        sizes,
        fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::fixtures::two_triangles;
    use crate::cluster::null_model::Dense;

    #[test]
    fn aggregate_keeps_total_weight_and_degrees() {
        // Edge 1–2 given twice (weight 2 once merged), and a self-loop at 5.
        let extra = [(1, 2, 1.0), (5, 5, 3.0)];
        let csr = Csr::from_edges(6, two_triangles(0.5).chain(extra).collect());
        let sizes: Vec<[f64; 1]> = (0..6).map(|v| [csr.strength(v)]).collect();
        let fixed = vec![false, false, false, true, false, false];
        let level = Level::new(&Dense { coef: [1.0] }, &csr, &sizes, &fixed);
        let agg = aggregate(&level, &[0, 0, 0, 1, 1, 1], 2, &mut Scratch::new(6));
        assert_eq!(agg.csr.loop_weight(0), 4.0);
        assert_eq!(agg.csr.loop_weight(1), 6.0);
        assert_eq!(agg.csr.neighbors(0), (&[1u32][..], &[0.5][..]));
        assert_eq!(agg.sizes[0][0], agg.csr.strength(0));
        assert_eq!(agg.sizes[1][0], agg.csr.strength(1));
        assert_eq!(agg.fixed, vec![false, true]);
    }
}
