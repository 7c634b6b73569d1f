//! The Leiden optimiser (Traag, Waltman & van Eck 2019, Sci. Rep. 9:5233) for an objective
//! with one null-model layer per slice, as multislice modularity needs.
//!
//! It mirrors `cluster`'s engine (fast local moving, refinement, aggregation), with one
//! difference: a node's "size" is a sparse vector over slices — its intra-slice degree in
//! its own slice, and after aggregation the sum over its members per slice — and every
//! community keeps such a vector of totals. The objective is
//! `H = Σ_c e_c − Σ_s coef_s Σ_c K_{c,s}² / 2`, so moving node `v` from `A` to `B` changes
//! `H` by `w(v,B) − w(v,A∖v) − Σ_s coef_s k_{v,s} (K_{B,s} − K_{A∖v,s})`.

use super::multislice_csr::{Layered, add_into, dot};
use super::multislice_refine::{aggregate, community_components, refine};
use crate::cluster::Csr;
use crate::cluster::Iterations;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::VecDeque;

/// Relative tolerance below which a gain is float noise (as in `cluster`).
const GAIN_TOLERANCE: f64 = 1e-12;

/// Dense accumulator of the weight to each neighbouring community, with a touched list;
/// untouched slots hold NaN.
pub(super) struct Scratch {
    weight: Vec<f64>,
    pub(super) touched: Vec<u32>,
}

impl Scratch {
    pub(super) fn new(n: usize) -> Scratch {
        Scratch {
            weight: vec![f64::NAN; n],
            touched: Vec::new(),
        }
    }

    pub(super) fn add(&mut self, c: u32, w: f64) {
        let slot = &mut self.weight[c as usize];
        if slot.is_nan() {
            *slot = w;
            self.touched.push(c);
        } else {
            *slot += w;
        }
    }

    pub(super) fn weight(&self, c: u32) -> f64 {
        let w = self.weight[c as usize];
        if w.is_nan() { 0.0 } else { w }
    }

    pub(super) fn clear(&mut self) {
        for &c in &self.touched {
            self.weight[c as usize] = f64::NAN;
        }
        self.touched.clear();
    }
}

pub(super) type Rng = ChaCha8Rng;

/// Fisher–Yates with `u32` draws, as `cluster` does, so orders do not depend on `usize`.
pub(super) fn shuffle(items: &mut [u32], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i as u32) as usize;
        items.swap(i, j);
    }
}

/// One level: graph and per-slice node sizes.
pub(super) struct Level<'a> {
    pub(super) csr: &'a Csr,
    pub(super) sizes: &'a [Layered],
}

/// A partition of a level's nodes with per-community per-slice totals.
pub(super) struct Communities {
    pub(super) label: Vec<u32>,
    total: Vec<Layered>,
    count: Vec<u32>,
    /// Unused community ids; popping gives the smallest.
    empty: Vec<u32>,
}

impl Communities {
    fn new(label: Vec<u32>, sizes: &[Layered]) -> Communities {
        let n = label.len();
        let mut total = vec![Layered::new(); n];
        let mut count = vec![0u32; n];
        for (v, &c) in label.iter().enumerate() {
            add_into(&mut total[c as usize], &sizes[v], 1.0);
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

    fn community_count(&self) -> usize {
        self.label.len() - self.empty.len()
    }

    /// Moves `v` to the best community (an empty one included) if that beats staying by
    /// more than float noise. Returns the new community.
    fn try_move(
        &mut self,
        level: &Level,
        coef: &[f64],
        scratch: &mut Scratch,
        v: usize,
    ) -> Option<u32> {
        let (targets, weights) = level.csr.neighbors(v);
        for (&t, &w) in targets.iter().zip(weights) {
            scratch.add(self.label[t as usize], w);
        }
        let a = self.label[v];
        let s = &level.sizes[v];
        add_into(&mut self.total[a as usize], s, -1.0);
        let w_a = scratch.weight(a);
        let pen_a = dot(coef, s, &self.total[a as usize]);
        let stay = w_a - pen_a;
        let (mut best, mut best_gain, mut best_scale) = (a, stay, 0.0);
        for &c in &scratch.touched {
            if c != a {
                let w = scratch.weight(c);
                let p = dot(coef, s, &self.total[c as usize]);
                if w - p > best_gain {
                    (best, best_gain, best_scale) = (c, w - p, w.abs() + p.abs());
                }
            }
        }
        if best_gain < 0.0 && self.count[a as usize] > 1 {
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
        add_into(&mut self.total[target as usize], s, 1.0);
        if target == a {
            return None;
        }
        self.count[a as usize] -= 1;
        if self.count[a as usize] == 0 {
            self.empty.push(a);
            self.total[a as usize].clear();
        }
        self.count[target as usize] += 1;
        self.label[v] = target;
        Some(target)
    }

    /// Leiden's fast local moving: a queue in random order; after a move the mover's
    /// neighbours outside its new community are queued again.
    fn fast_local_moving(
        &mut self,
        level: &Level,
        coef: &[f64],
        scratch: &mut Scratch,
        rng: &mut Rng,
    ) -> bool {
        let n = level.csr.node_count();
        let mut order: Vec<u32> = (0..n as u32).collect();
        shuffle(&mut order, rng);
        let mut queue: VecDeque<u32> = order.into();
        let mut queued = vec![true; n];
        let mut moved = false;
        while let Some(v) = queue.pop_front() {
            let v = v as usize;
            queued[v] = false;
            if let Some(b) = self.try_move(level, coef, scratch, v) {
                moved = true;
                for &u in level.csr.neighbors(v).0 {
                    if !queued[u as usize] && self.label[u as usize] != b {
                        queued[u as usize] = true;
                        queue.push_back(u);
                    }
                }
            }
        }
        moved
    }
}

/// Renumbers labels to `0..k` by first appearance.
pub(super) fn compact(labels: &[u32]) -> (Vec<u32>, usize) {
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

/// One Leiden iteration from `labels`; returns the new labels and whether a node moved.
fn iteration(
    level0: &Level,
    coef: &[f64],
    theta: f64,
    mut labels: Vec<u32>,
    scratch: &mut Scratch,
    rng: &mut Rng,
) -> (Vec<u32>, bool) {
    let mut node_map: Vec<u32> = (0..level0.csr.node_count() as u32).collect();
    let mut owned: Option<(Csr, Vec<Layered>)> = None;
    let mut changed = false;
    loop {
        let level = match &owned {
            Some((csr, sizes)) => Level { csr, sizes },
            None => Level {
                csr: level0.csr,
                sizes: level0.sizes,
            },
        };
        let n = level.csr.node_count();
        let mut p = Communities::new(labels, level.sizes);
        changed |= p.fast_local_moving(&level, coef, scratch, rng);
        if p.community_count() == n {
            labels = p.label;
            break;
        }
        let (mut groups, mut k) = refine(&level, coef, theta, &p, scratch, rng);
        if k == n {
            (groups, k) = community_components(&level, &p);
            if k == n {
                (groups, k) = compact(&p.label);
            }
        }
        let next_level = aggregate(&level, &groups, k, scratch);
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
    (result, changed)
}

/// Runs Leiden on `csr` with per-slice sizes and coefficients from singletons; returns the
/// labels of the level-0 nodes (compact, by first appearance) and the iterations run.
pub(super) fn optimise(
    csr: &Csr,
    sizes: &[Layered],
    coef: &[f64],
    theta: f64,
    iterations: Iterations,
    seed: u64,
) -> (Vec<u32>, usize) {
    let level0 = Level { csr, sizes };
    let n = csr.node_count();
    let mut rng = Rng::seed_from_u64(seed);
    let mut scratch = Scratch::new(n);
    let mut labels: Vec<u32> = (0..n as u32).collect();
    let mut done = 0;
    loop {
        let (next, changed) = iteration(&level0, coef, theta, labels, &mut scratch, &mut rng);
        labels = next;
        done += 1;
        if iterations.stop(done, changed) {
            return (compact(&labels).0, done);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_slices_two_triangles_each() {
        // Slice 0 nodes 0..6, slice 1 nodes 6..12; triangles {0,1,2}, {3,4,5} in each slice,
        // one bridge per slice, and weak couplings between copies.
        let mut edges = Vec::new();
        for base in [0u32, 6] {
            for (a, b) in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)] {
                edges.push((base + a, base + b, 1.0));
            }
        }
        for v in 0..6 {
            edges.push((v, v + 6, 0.1));
        }
        let csr = Csr::from_edges(12, edges);
        let sizes: Vec<Layered> = (0..12)
            .map(|v| {
                // Intra-slice degree: every node has one coupling of 0.1.
                let k: f64 = csr.neighbors(v).1.iter().sum::<f64>() - 0.1;
                vec![((v / 6) as u32, k)]
            })
            .collect();
        let coef = [1.0 / 14.0, 1.0 / 14.0];
        for seed in 0..5 {
            let (labels, _) = optimise(&csr, &sizes, &coef, 0.01, Iterations::Fixed(2), seed);
            assert_eq!(labels, vec![0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1]);
        }
    }
}
