//! Leiden's refinement and aggregation phases for the multislice optimiser (Traag, Waltman
//! & van Eck 2019, Algorithm A.2), with per-slice node sizes.

use super::multislice_csr::{Layered, add_into, dot};
use super::multislice_engine::{Communities, Level, Rng, Scratch, compact, shuffle};
use crate::cluster::Csr;
use rand::RngExt;

/// Leiden's refinement (Traag et al. 2019, Algorithm A.2): inside each community of `p`,
/// well-connected singletons join well-connected refined clusters at random with
/// probability ∝ exp(ΔH/θ). A set `T ⊆ S` is well connected when
/// `E(T, S∖T) ≥ Σ_s coef_s K_{T,s} (K_{S,s} − K_{T,s})`.
pub(super) fn refine(
    level: &Level,
    coef: &[f64],
    theta: f64,
    p: &Communities,
    scratch: &mut Scratch,
    rng: &mut Rng,
) -> (Vec<u32>, usize) {
    let n = level.csr.node_count();
    let comm = &p.label;
    let mut p_total = vec![Layered::new(); n];
    for v in 0..n {
        add_into(&mut p_total[comm[v] as usize], &level.sizes[v], 1.0);
    }
    // penalty(T, S∖T) = penalty(T, S) − penalty(T, T): the penalty is bilinear.
    let cut_penalty = |t: &Layered, s: &Layered| dot(coef, t, s) - dot(coef, t, t);
    let mut label: Vec<u32> = (0..n as u32).collect();
    let mut r_total: Vec<Layered> = level.sizes.to_vec();
    let mut singleton = vec![true; n];
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
    shuffle(&mut order, rng);
    let mut choices: Vec<(u32, f64)> = Vec::new();
    for &v32 in &order {
        let v = v32 as usize;
        if !singleton[v] {
            continue;
        }
        let c = comm[v] as usize;
        let s = &level.sizes[v];
        if ext[v] < cut_penalty(s, &p_total[c]) {
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
            let well_connected = ext[ri] >= cut_penalty(&r_total[ri], &p_total[c]);
            let gain = scratch.weight(r) - dot(coef, s, &r_total[ri]);
            if well_connected && gain >= 0.0 {
                choices.push((r, gain));
                max_gain = max_gain.max(gain);
            }
        }
        let chosen = choose(&choices, max_gain, theta, rng);
        if chosen != v32 {
            let ri = chosen as usize;
            label[v] = chosen;
            add_into(&mut r_total[ri], s, 1.0);
            singleton[ri] = false;
            singleton[v] = false;
            ext[ri] = ext[ri] + ext[v] - 2.0 * scratch.weight(chosen);
        }
        scratch.clear();
    }
    compact(&label)
}

/// Samples a choice with probability ∝ exp((gain − max)/θ); θ = 0 takes the first best.
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
    let mut x = rng.random::<f64>() * total;
    for &(r, gain) in choices {
        x -= ((gain - max_gain) / theta).exp();
        if x < 0.0 {
            return r;
        }
    }
    choices[choices.len() - 1].0
}

/// The connected parts of each community (fallback when refinement merged nothing).
pub(super) fn community_components(level: &Level, p: &Communities) -> (Vec<u32>, usize) {
    let n = level.csr.node_count();
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

/// Collapses each group (compact labels `0..k`) into one node; sums run in node order.
pub(super) fn aggregate(
    level: &Level,
    groups: &[u32],
    k: usize,
    scratch: &mut Scratch,
) -> (Csr, Vec<Layered>) {
    let n = level.csr.node_count();
    let mut start = vec![0usize; k + 1];
    for &g in groups {
        start[g as usize + 1] += 1;
    }
    for g in 0..k {
        start[g + 1] += start[g];
    }
    let mut fill = start.clone();
    let mut members = vec![0u32; n];
    for (v, &g) in groups.iter().enumerate() {
        members[fill[g as usize]] = v as u32;
        fill[g as usize] += 1;
    }
    let mut offsets = Vec::with_capacity(k + 1);
    offsets.push(0);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut loops = vec![0.0; k];
    let mut sizes = vec![Layered::new(); k];
    for a in 0..k {
        for &v in &members[start[a]..start[a + 1]] {
            let v = v as usize;
            loops[a] += level.csr.loop_weight(v);
            add_into(&mut sizes[a], &level.sizes[v], 1.0);
            let (ts, ws) = level.csr.neighbors(v);
            for (&t, &w) in ts.iter().zip(ws) {
                let b = groups[t as usize];
                if b as usize == a {
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
    let csr = Csr::from_parts(offsets, targets, weights, loops);
    (csr, sizes)
}
