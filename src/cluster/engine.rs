//! The local-moving core of the multilevel optimiser (Louvain, Leiden, multislice): level
//! view, community state, the dense neighbour-community scratch array and the two
//! node-moving strategies. Generic over the [`NullModel`], i.e. how sizes are stored.

use std::collections::VecDeque;

use super::csr::Csr;
use super::null_model::NullModel;
use super::rng::{self, Rng};

/// Relative tolerance below which a quality gain is treated as float noise, so that moves
/// between equally good communities cannot ping-pong forever.
const GAIN_TOLERANCE: f64 = 1e-12;

/// One level of the multilevel scheme: the quality function, the (aggregate) graph, its
/// node sizes and which nodes may not change community.
pub(crate) struct Level<'a, M: NullModel> {
    pub(crate) model: &'a M,
    pub(crate) csr: &'a Csr,
    pub(crate) sizes: &'a [M::Size],
    pub(crate) fixed: &'a [bool],
}

impl<M: NullModel> Clone for Level<'_, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M: NullModel> Copy for Level<'_, M> {}

impl<'a, M: NullModel> Level<'a, M> {
    pub(crate) fn new(
        model: &'a M,
        csr: &'a Csr,
        sizes: &'a [M::Size],
        fixed: &'a [bool],
    ) -> Level<'a, M> {
        Level {
            model,
            csr,
            sizes,
            fixed,
        }
    }

    pub(crate) fn node_count(&self) -> usize {
        self.csr.node_count()
    }

    /// The nodes allowed to move, in a seeded random order.
    pub(crate) fn shuffled_free_nodes(&self, rng: &mut Rng) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.node_count() as u32)
            .filter(|&v| !self.fixed[v as usize])
            .collect();
        rng::shuffle(&mut order, rng);
        order
    }
}

/// Dense "weight to each neighbouring community" accumulator with a touched list, so a node
/// visit costs O(degree) and no hashing. Untouched slots hold NaN (weights are finite), which
/// saves a separate "seen" array and one random memory access per neighbour.
pub(crate) struct Scratch {
    weight: Vec<f64>,
    pub(crate) touched: Vec<u32>,
}

impl Scratch {
    pub(crate) fn new(n: usize) -> Scratch {
        Scratch {
            weight: vec![f64::NAN; n],
            touched: Vec::new(),
        }
    }

    #[inline]
    pub(crate) fn add(&mut self, c: u32, w: f64) {
        let slot = &mut self.weight[c as usize];
        if slot.is_nan() {
            *slot = w;
            self.touched.push(c);
        } else {
            *slot += w;
        }
    }

    /// The accumulated weight to `c` (0 if untouched).
    #[inline]
    pub(crate) fn weight(&self, c: u32) -> f64 {
        let w = self.weight[c as usize];
        if w.is_nan() { 0.0 } else { w }
    }

    pub(crate) fn clear(&mut self) {
        for &c in &self.touched {
            self.weight[c as usize] = f64::NAN;
        }
        self.touched.clear();
    }
}

/// A partition of one level's nodes with per-community size totals.
pub(crate) struct Communities<M: NullModel> {
    pub(crate) label: Vec<u32>,
    pub(crate) total: Vec<M::Size>,
    count: Vec<u32>,
    // Unused community ids; popping gives the smallest.
    empty: Vec<u32>,
}

impl<M: NullModel> Communities<M> {
    /// `label` must use ids below the number of nodes.
    pub(crate) fn new(level: &Level<M>, label: Vec<u32>) -> Communities<M> {
        let n = label.len();
        let mut total = vec![level.model.zero(); n];
        let mut count = vec![0u32; n];
        for (v, &c) in label.iter().enumerate() {
            level.model.add(&mut total[c as usize], &level.sizes[v]);
            count[c as usize] += 1;
        }
        let empty = (0..n as u32)
            .rev()
            .filter(|&c| count[c as usize] == 0)
            .collect();
        Communities {
            label,
            total,
            count,
            empty,
        }
    }

    /// Number of non-empty communities.
    pub(crate) fn community_count(&self) -> usize {
        self.label.len() - self.empty.len()
    }

    /// Moves `v` to the community that increases the objective most, if any does by more
    /// than float noise; an empty community (gain exactly 0) is a candidate too, which
    /// matters for CPM and negative weights. Returns the new community.
    fn try_move(&mut self, level: &Level<M>, scratch: &mut Scratch, v: usize) -> Option<u32> {
        let model = level.model;
        let (targets, weights) = level.csr.neighbors(v);
        for (&t, &w) in targets.iter().zip(weights) {
            scratch.add(self.label[t as usize], w);
        }
        let a = self.label[v];
        let s = &level.sizes[v];
        model.sub(&mut self.total[a as usize], s);
        let w_a = scratch.weight(a);
        let pen_a = model.penalty(s, &self.total[a as usize]);
        let stay = w_a - pen_a;
        let (mut best, mut best_gain, mut best_scale) = (a, stay, 0.0);
        for &c in &scratch.touched {
            if c != a {
                let w = scratch.weight(c);
                let p = model.penalty(s, &self.total[c as usize]);
                if w - p > best_gain {
                    (best, best_gain, best_scale) = (c, w - p, w.abs() + p.abs());
                }
            }
        }
        let alone = self.count[a as usize] == 1;
        if best_gain < 0.0 && !alone {
            // Leaving for an empty community: weight 0, penalty 0.
            (best, best_gain, best_scale) = (u32::MAX, 0.0, 0.0);
        }
        scratch.clear();
        let noise = GAIN_TOLERANCE * (best_scale + w_a.abs() + pen_a.abs());
        let target = if best != a && best_gain - stay > noise {
            if best == u32::MAX {
                self.empty.pop().expect("a community id is free")
            } else {
                best
            }
        } else {
            a
        };
        model.add(&mut self.total[target as usize], s);
        if target == a {
            return None;
        }
        self.count[a as usize] -= 1;
        if self.count[a as usize] == 0 {
            self.empty.push(a);
            model.emptied(&mut self.total[a as usize]);
        }
        self.count[target as usize] += 1;
        self.label[v] = target;
        Some(target)
    }

    /// Leiden's fast local moving (Traag et al. 2019): every free node is queued once in
    /// random order; after a move, the mover's neighbours outside its new community are
    /// queued again. Ends when the queue is empty. Returns whether any node moved.
    pub(crate) fn fast_local_moving(
        &mut self,
        level: &Level<M>,
        scratch: &mut Scratch,
        rng: &mut Rng,
    ) -> bool {
        let mut queue: VecDeque<u32> = level.shuffled_free_nodes(rng).into();
        let mut queued = vec![false; level.node_count()];
        for &v in &queue {
            queued[v as usize] = true;
        }
        let mut moved = false;
        while let Some(v) = queue.pop_front() {
            let v = v as usize;
            queued[v] = false;
            if let Some(b) = self.try_move(level, scratch, v) {
                moved = true;
                for &u in level.csr.neighbors(v).0 {
                    let ui = u as usize;
                    if !queued[ui] && !level.fixed[ui] && self.label[ui] != b {
                        queued[ui] = true;
                        queue.push_back(u);
                    }
                }
            }
        }
        moved
    }

    /// Louvain's local moving (Blondel et al. 2008): sweeps over all free nodes in one
    /// random order until a sweep moves nothing. Returns whether any node moved.
    pub(crate) fn sweep_local_moving(
        &mut self,
        level: &Level<M>,
        scratch: &mut Scratch,
        rng: &mut Rng,
    ) -> bool {
        let order = level.shuffled_free_nodes(rng);
        let mut moved = false;
        loop {
            let mut moved_this_sweep = false;
            for &v in &order {
                moved_this_sweep |= self.try_move(level, scratch, v as usize).is_some();
            }
            if !moved_this_sweep {
                return moved;
            }
            moved = true;
        }
    }
}

/// Renumbers labels to `0..k` by first appearance; returns the labels and `k`.
pub(crate) fn compact(labels: &[u32]) -> (Vec<u32>, usize) {
    let bound = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let mut map = vec![u32::MAX; bound];
    let mut next = 0u32;
    let out = labels
        .iter()
        .map(|&l| {
            let slot = &mut map[l as usize];
            if *slot == u32::MAX {
                *slot = next;
                next += 1;
            }
            *slot
        })
        .collect();
    (out, next as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::fixtures::{OneLayer, two_triangles};

    #[test]
    fn compact_numbers_by_first_appearance() {
        assert_eq!(compact(&[3, 3, 0, 2, 0]), (vec![0, 0, 1, 2, 1], 3));
    }

    #[test]
    fn local_moving_joins_triangles() {
        let graph = OneLayer::degrees(Csr::from_edges(6, two_triangles(1.0).collect()), 1.0 / 14.0);
        let level = graph.level();
        for fast in [true, false] {
            let mut comms = Communities::new(&level, (0..6).collect());
            let mut scratch = Scratch::new(6);
            let mut r = rng::seeded(1);
            let moved = if fast {
                comms.fast_local_moving(&level, &mut scratch, &mut r)
            } else {
                comms.sweep_local_moving(&level, &mut scratch, &mut r)
            };
            assert!(moved);
            assert_eq!(comms.community_count(), 2);
            assert_eq!(compact(&comms.label).0, vec![0, 0, 0, 1, 1, 1]);
        }
    }

    #[test]
    fn negative_member_leaves_for_empty_community() {
        // Node 2 is tied to 0 and 1 by negative edges only: CPM sends it out alone.
        let csr = Csr::from_edges(3, vec![(0, 1, 1.0), (0, 2, -1.0), (1, 2, -1.0)]);
        let graph = OneLayer::new(csr, vec![[1.0]; 3], 0.1);
        let level = graph.level();
        let mut comms = Communities::new(&level, vec![0, 0, 0]);
        let mut scratch = Scratch::new(3);
        comms.fast_local_moving(&level, &mut scratch, &mut rng::seeded(0));
        assert_eq!(compact(&comms.label).0, vec![0, 0, 1]);
    }
}
