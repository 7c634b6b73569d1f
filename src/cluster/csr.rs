//! The compact adjacency every algorithm runs on.
//!
//! Rows are sorted by neighbour id, parallel edges are merged (summed in a fixed order so
//! the result does not depend on input order) and self-loops are kept out of the rows in a
//! separate vector: a self-loop of weight `w` adds `w` to its node's internal weight and
//! `2w` to its degree, as in networkx.

/// Undirected weighted graph in compressed sparse row form, node ids `0..n`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    loops: Vec<f64>,
}

impl Csr {
    /// Builds from undirected edges given once each, in any order and orientation.
    pub(crate) fn from_edges(n: usize, mut edges: Vec<(u32, u32, f64)>) -> Csr {
        for e in &mut edges {
            if e.0 > e.1 {
                std::mem::swap(&mut e.0, &mut e.1);
            }
        }
        // Sorting the weights too makes the sum of parallel edges order-independent. Graphs
        // from a projection arrive sorted already: checking is much cheaper than sorting.
        let order = |a: &(u32, u32, f64), b: &(u32, u32, f64)| {
            (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2))
        };
        if !edges.is_sorted_by(|a, b| order(a, b).is_le()) {
            edges.sort_unstable_by(order);
        }
        // Parallel edges summed in place (`later` is removed, `kept` is the earlier one).
        edges.dedup_by(|later, kept| {
            let same = later.0 == kept.0 && later.1 == kept.1;
            if same {
                kept.2 += later.2;
            }
            same
        });
        let merged = edges;
        let mut loops = vec![0.0; n];
        let mut degree = vec![0usize; n + 1];
        for &(u, v, w) in &merged {
            if u == v {
                loops[u as usize] = w;
            } else {
                degree[u as usize + 1] += 1;
                degree[v as usize + 1] += 1;
            }
        }
        for i in 0..n {
            degree[i + 1] += degree[i];
        }
        let offsets = degree;
        let mut fill = offsets.clone();
        let total = offsets[n];
        let mut targets = vec![0u32; total];
        let mut weights = vec![0.0; total];
        // Pairs are sorted by (u, v), so each row receives its smaller neighbours (as the
        // second endpoint) before its larger ones, all ascending: rows come out sorted.
        for &(u, v, w) in &merged {
            if u != v {
                let (ui, vi) = (u as usize, v as usize);
                targets[fill[ui]] = v;
                weights[fill[ui]] = w;
                fill[ui] += 1;
                targets[fill[vi]] = u;
                weights[fill[vi]] = w;
                fill[vi] += 1;
            }
        }
        Csr {
            offsets,
            targets,
            weights,
            loops,
        }
    }

    /// Assembles from parts already in canonical form (used by aggregation).
    pub(crate) fn from_parts(
        offsets: Vec<usize>,
        targets: Vec<u32>,
        weights: Vec<f64>,
        loops: Vec<f64>,
    ) -> Csr {
        debug_assert_eq!(offsets.len(), loops.len() + 1);
        debug_assert_eq!(targets.len(), weights.len());
        Csr {
            offsets,
            targets,
            weights,
            loops,
        }
    }

    pub(crate) fn node_count(&self) -> usize {
        self.loops.len()
    }

    /// Neighbours of `v` (ascending, self-loop excluded) and the matching weights.
    #[inline]
    pub(crate) fn neighbors(&self, v: usize) -> (&[u32], &[f64]) {
        let r = self.offsets[v]..self.offsets[v + 1];
        (&self.targets[r.clone()], &self.weights[r])
    }

    /// Weight of the self-loop at `v` (0 when there is none).
    #[inline]
    pub(crate) fn loop_weight(&self, v: usize) -> f64 {
        self.loops[v]
    }

    /// Weighted degree split into its positive and (absolute) negative parts, with a
    /// self-loop counted twice.
    pub(crate) fn signed_strength(&self, v: usize) -> (f64, f64) {
        let (mut pos, mut neg) = (0.0, 0.0);
        for &w in self.neighbors(v).1 {
            if w >= 0.0 {
                pos += w;
            } else {
                neg -= w;
            }
        }
        let l = self.loops[v];
        if l >= 0.0 {
            pos += 2.0 * l;
        } else {
            neg -= 2.0 * l;
        }
        (pos, neg)
    }

    /// Weighted degree (signed sum), self-loop counted twice.
    pub(crate) fn strength(&self, v: usize) -> f64 {
        self.neighbors(v).1.iter().sum::<f64>() + 2.0 * self.loops[v]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_merged_and_loops_separate() {
        let g = Csr::from_edges(
            4,
            vec![
                (2, 0, 1.0),
                (0, 1, 2.0),
                (1, 0, 0.5),
                (3, 3, 4.0),
                (0, 3, 1.0),
            ],
        );
        assert_eq!(g.neighbors(0), (&[1u32, 2, 3][..], &[2.5, 1.0, 1.0][..]));
        assert_eq!(g.neighbors(1), (&[0u32][..], &[2.5][..]));
        assert_eq!(g.neighbors(3), (&[0u32][..], &[1.0][..]));
        assert_eq!(g.loop_weight(3), 4.0);
        assert_eq!(g.strength(3), 9.0);
    }

    #[test]
    fn signed_strength_splits_signs() {
        let g = Csr::from_edges(3, vec![(0, 1, 2.0), (0, 2, -3.0), (0, 0, -1.0)]);
        assert_eq!(g.signed_strength(0), (2.0, 5.0));
        assert_eq!(g.strength(0), -3.0);
    }
}
