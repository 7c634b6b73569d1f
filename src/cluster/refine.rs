//! Leiden's refinement phase (Traag, Waltman & van Eck 2019, Algorithm A.2
//! `RefinePartition` / `MergeNodesSubset`).

use super::engine::{Communities, Level, Scratch, compact};
use super::null_model::NullModel;
use super::rng::{self, Rng};

/// Refines the partition `p` of `level`: starting from singletons, each well-connected node
/// that is still a singleton may join a well-connected refined cluster inside its own
/// community of `p`, chosen at random with probability ∝ exp(ΔH/θ) among the choices with
/// ΔH ≥ 0 (staying alone, ΔH = 0, included). θ = 0 picks the best choice.
///
/// "Well-connected" is the γ-connectivity test of the paper: a set `T ⊆ S` qualifies when
/// `E(T, S∖T) ≥ Σ_l coef_l ‖T‖_l (‖S‖_l − ‖T‖_l)` ([`NullModel::cut_penalty`]).
///
/// Fixed nodes stay singletons and accept no one, so aggregation never freezes free nodes.
/// Returns compact refined labels and their count.
pub(crate) fn refine<M: NullModel>(
    level: &Level<M>,
    theta: f64,
    p: &Communities<M>,
    scratch: &mut Scratch,
    rng: &mut Rng,
) -> (Vec<u32>, usize) {
    let n = level.node_count();
    let model = level.model;
    let comm = &p.label;
    // Fresh totals rather than the incrementally updated ones: no drift.
    let mut p_total = vec![model.zero(); n];
    for v in 0..n {
        model.add(&mut p_total[comm[v] as usize], &level.sizes[v]);
    }
    let mut label: Vec<u32> = (0..n as u32).collect();
    let mut r_total = level.sizes.to_vec();
    let mut singleton = vec![true; n];
    // ext[r]: weight from refined cluster r to the rest of its community.
    let mut ext = vec![0.0; n];
    for v in 0..n {
        let (targets, weights) = level.csr.neighbors(v);
        ext[v] = targets
            .iter()
            .zip(weights)
            .filter(|(t, _)| comm[**t as usize] == comm[v])
            .map(|(_, w)| w)
            .sum();
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    rng::shuffle(&mut order, rng);
    let mut choices: Vec<(u32, f64)> = Vec::new();
    for &v32 in &order {
        let v = v32 as usize;
        if !singleton[v] || level.fixed[v] {
            continue;
        }
        let c = comm[v] as usize;
        let s = &level.sizes[v];
        if ext[v] < model.cut_penalty(s, &p_total[c]) {
            continue;
        }
        let (targets, weights) = level.csr.neighbors(v);
        for (&t, &w) in targets.iter().zip(weights) {
            if comm[t as usize] as usize == c {
                scratch.add(label[t as usize], w);
            }
        }
        choices.clear();
        choices.push((v32, 0.0));
        let mut max_gain = 0.0f64;
        for &r in &scratch.touched {
            let ri = r as usize;
            if level.fixed[ri] {
                // A fixed node's cluster is the fixed node alone, with its own id.
                continue;
            }
            let well_connected = ext[ri] >= model.cut_penalty(&r_total[ri], &p_total[c]);
            let gain = scratch.weight(r) - model.penalty(s, &r_total[ri]);
            if well_connected && gain >= 0.0 {
                choices.push((r, gain));
                max_gain = max_gain.max(gain);
            }
        }
        let chosen = choose(&choices, max_gain, theta, rng);
        if chosen != v32 {
            let ri = chosen as usize;
            label[v] = chosen;
            model.add(&mut r_total[ri], s);
            singleton[ri] = false;
            singleton[v] = false;
            // Edges between v and the cluster become internal.
            ext[ri] = ext[ri] + ext[v] - 2.0 * scratch.weight(chosen);
        }
        scratch.clear();
    }
    compact(&label)
}

/// The connected components of each community of `p` (edges inside the community only),
/// as compact labels and their count: the fallback refinement when the randomised one merged
/// nothing, which keeps aggregated nodes connected.
pub(crate) fn community_components<M: NullModel>(
    level: &Level<M>,
    p: &Communities<M>,
) -> (Vec<u32>, usize) {
    let n = level.node_count();
    let mut label = vec![u32::MAX; n];
    let mut stack = Vec::new();
    for root in 0..n {
        if label[root] != u32::MAX {
            continue;
        }
        label[root] = root as u32;
        stack.push(root);
        while let Some(v) = stack.pop() {
            for &t in level.csr.neighbors(v).0 {
                let t = t as usize;
                if label[t] == u32::MAX && p.label[t] == p.label[v] {
                    label[t] = root as u32;
                    stack.push(t);
                }
            }
        }
    }
    compact(&label)
}

/// Samples a choice with probability ∝ exp((gain − max)/θ) (subtracting the maximum keeps
/// the exponentials finite); θ = 0 takes the first best.
fn choose(choices: &[(u32, f64)], max_gain: f64, theta: f64, rng: &mut Rng) -> u32 {
    if choices.len() == 1 {
        return choices[0].0;
    }
    if theta <= 0.0 {
        return choices
            .iter()
            .find(|c| c.1 == max_gain)
            .map_or(choices[0].0, |c| c.0);
    }
    let total: f64 = choices
        .iter()
        .map(|c| ((c.1 - max_gain) / theta).exp())
        .sum();
    let mut x = rng::unit(rng) * total;
    for &(r, gain) in choices {
        x -= ((gain - max_gain) / theta).exp();
        if x < 0.0 {
            return r;
        }
    }
    // Rounding left x at or just above 0: the last choice.
    choices[choices.len() - 1].0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::csr::Csr;
    use crate::cluster::fixtures::{OneLayer, two_triangles};

    #[test]
    fn refinement_splits_a_community_into_connected_parts() {
        // Two triangles in one community: refinement must not merge across components.
        let graph = OneLayer::degrees(Csr::from_edges(6, two_triangles(0.0).collect()), 1.0 / 12.0);
        let level = graph.level();
        let p = Communities::new(&level, vec![0; 6]);
        let mut scratch = Scratch::new(6);
        for seed in 0..20 {
            let (labels, k) = refine(&level, 0.01, &p, &mut scratch, &mut rng::seeded(seed));
            assert!(k >= 2);
            for (a, b) in [(0, 3), (1, 4), (2, 5), (0, 5)] {
                assert_ne!(labels[a], labels[b]);
            }
        }
    }

    #[test]
    fn components_split_disconnected_communities() {
        let csr = Csr::from_edges(5, vec![(0, 1, 1.0), (2, 3, 1.0), (3, 4, 1.0), (1, 2, 1.0)]);
        let graph = OneLayer::new(csr, vec![[1.0]; 5], 1.0);
        let level = graph.level();
        // Community {0, 1, 3, 4} is split by node 2's community.
        let p = Communities::new(&level, vec![0, 0, 2, 0, 0]);
        assert_eq!(community_components(&level, &p), (vec![0, 0, 1, 2, 2], 3));
    }

    #[test]
    fn choose_is_greedy_at_zero_theta() {
        let mut r = rng::seeded(0);
        assert_eq!(choose(&[(0, 0.0), (1, 2.0), (2, 1.0)], 2.0, 0.0, &mut r), 1);
        // With a tiny θ the best choice dominates.
        assert_eq!(
            choose(&[(0, 0.0), (1, 2.0), (2, 1.0)], 2.0, 1e-3, &mut r),
            1
        );
    }
}
