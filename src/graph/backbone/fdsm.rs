//! The fixed degree sequence model backbone (Neal 2014): the co-signature count of each pair
//! compared with its distribution over random incidences with both degree sequences fixed,
//! sampled by curveball trades (Strona et al. 2014; Carstens, Berger & Strona 2018).
//! `p = (1 + #{samples with V* ≥ v}) / (1 + samples)`, and for the lower tail
//! `(1 + #{V* ≤ v}) / (1 + samples)`.
//!
//! Each sample is its own chain from the observed incidence, seeded by `(seed, sample)`, so
//! results are bit-identical whatever the number of threads.

use super::sdsm::Observed;
use super::{Backbone, BackboneOptions, PairTest, Tail, assign_signs};
use crate::error::{Error, Result};
use crate::graph::CoSignGraph;
use crate::model::View;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// FDSM keeps dense pair counters: at most this many active actors.
pub const FDSM_MAX_ACTORS: usize = 5000;

pub(super) fn fdsm(
    view: &View<'_>,
    g: &CoSignGraph,
    options: &BackboneOptions,
) -> Result<Backbone> {
    let observed = Observed::new(view, g)?;
    let n = observed.active.len();
    if n > FDSM_MAX_ACTORS {
        return Err(Error::InvalidParameter {
            name: "backbone",
            value: format!("fdsm with {n} active actors"),
            reason: format!("FDSM supports up to {FDSM_MAX_ACTORS} actors; use sdsm"),
        });
    }
    if options.samples == 0 {
        return Err(Error::InvalidParameter {
            name: "samples",
            value: "0".into(),
            reason: "FDSM needs at least one sample".into(),
        });
    }
    // Statements as sorted lists of active positions.
    let mut position = vec![u32::MAX; observed.inc.n_actors];
    for (p, &v) in observed.active.iter().enumerate() {
        position[g.actor_index(v).index()] = p as u32;
    }
    let rows: Vec<Vec<u32>> = (0..observed.inc.num_statements())
        .map(|e| {
            let mut r: Vec<u32> = observed
                .inc
                .participants(e)
                .map(|(a, _)| position[a.index()])
                .filter(|&p| p != u32::MAX)
                .collect();
            r.sort_unstable();
            r.dedup();
            r
        })
        .filter(|r| !r.is_empty())
        .collect();
    let mut obs = vec![0u32; n * n];
    observed.for_each_pair(|i, j, c| obs[i * n + j] = c);
    let counts = null_counts(&rows, n, &obs, options);
    let mut tests = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    let denom = 1.0 + options.samples as f64;
    observed.for_each_pair(|i, j, c| {
        let (ge, le) = counts[i * n + j];
        tests.push(PairTest {
            a: observed.active[i],
            b: observed.active[j],
            count: c,
            p_value: (1.0 + ge as f64) / denom,
            p_lower: (options.tail == Tail::Both).then(|| (1.0 + le as f64) / denom),
            sign: 0,
        });
    });
    assign_signs(&mut tests, options);
    Ok(Backbone::from_pair_tests(g, tests, options.tail))
}

/// For every pair `i < j` (at `i * n + j`): how many samples had `V* ≥ observed` and `V* ≤
/// observed`.
fn null_counts(
    rows: &[Vec<u32>],
    n: usize,
    obs: &[u32],
    options: &BackboneOptions,
) -> Vec<(u32, u32)> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        let threads = rayon::current_num_threads().max(1);
        let chunk = options.samples.div_ceil(threads);
        (0..options.samples)
            .collect::<Vec<usize>>()
            .par_chunks(chunk.max(1))
            .map(|samples| {
                let mut counts = vec![(0u32, 0u32); n * n];
                for &s in samples {
                    add_sample(rows, n, obs, options, s, &mut counts);
                }
                counts
            })
            .reduce(
                || vec![(0u32, 0u32); n * n],
                |mut a, b| {
                    for (x, y) in a.iter_mut().zip(b) {
                        x.0 += y.0;
                        x.1 += y.1;
                    }
                    a
                },
            )
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut total = vec![(0u32, 0u32); n * n];
        for s in 0..options.samples {
            add_sample(rows, n, obs, options, s, &mut total);
        }
        total
    }
}

/// Draws sample `sample` and adds its comparisons to `counts`.
fn add_sample(
    rows: &[Vec<u32>],
    n: usize,
    obs: &[u32],
    options: &BackboneOptions,
    sample: usize,
    counts: &mut [(u32, u32)],
) {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    rng.set_stream(sample as u64);
    let mut rows = rows.to_vec();
    curveball(&mut rows, options.rounds, &mut rng);
    let mut v = vec![0u32; n * n];
    for r in &rows {
        for (x, &a) in r.iter().enumerate() {
            let base = a as usize * n;
            for &b in &r[x + 1..] {
                v[base + b as usize] += 1;
            }
        }
    }
    for i in 0..n {
        for j in i + 1..n {
            let k = i * n + j;
            if v[k] >= obs[k] {
                counts[k].0 += 1;
            }
            if v[k] <= obs[k] {
                counts[k].1 += 1;
            }
        }
    }
}

/// Global curveball rounds over sorted rows: each round pairs the rows at random, and each
/// pair redistributes the members only one of them has, every split with the same sizes
/// equally likely. Rows stay sorted.
pub(crate) fn curveball(rows: &mut [Vec<u32>], rounds: usize, rng: &mut ChaCha8Rng) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let (mut only_s, mut only_t, mut both) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        for i in (1..order.len()).rev() {
            let j = rng.random_range(0..=i);
            order.swap(i, j);
        }
        for pair in order.chunks_exact(2) {
            let (s, t) = (pair[0], pair[1]);
            only_s.clear();
            only_t.clear();
            both.clear();
            let (a, b) = (&rows[s], &rows[t]);
            let (mut i, mut j) = (0, 0);
            while i < a.len() || j < b.len() {
                if j == b.len() || (i < a.len() && a[i] < b[j]) {
                    only_s.push(a[i]);
                    i += 1;
                } else if i == a.len() || b[j] < a[i] {
                    only_t.push(b[j]);
                    j += 1;
                } else {
                    both.push(a[i]);
                    i += 1;
                    j += 1;
                }
            }
            if only_s.is_empty() || only_t.is_empty() {
                continue;
            }
            let keep = only_s.len();
            only_s.extend_from_slice(&only_t);
            // Partial Fisher–Yates: the first `keep` go to s.
            for x in 0..keep {
                let y = rng.random_range(x..only_s.len());
                only_s.swap(x, y);
            }
            let mut new_s: Vec<u32> = both.iter().chain(&only_s[..keep]).copied().collect();
            let mut new_t: Vec<u32> = both.iter().chain(&only_s[keep..]).copied().collect();
            new_s.sort_unstable();
            new_t.sort_unstable();
            rows[s] = new_s;
            rows[t] = new_t;
        }
    }
}
