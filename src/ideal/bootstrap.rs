//! Seeded parametric bootstrap (emIRT's `boot_emIRT`): simulate every observed vote from the
//! fitted model, refit from the estimates, align the replicate with the fit (sign, location and
//! scale: what the likelihood does not identify), and take the spread.
//!
//! Replicate r draws from its own ChaCha8 stream seeded from (seed, fit, r), so the numbers
//! are the same whether replicates run in order or on threads (`parallel`).

use super::data::Votes;
use super::em::{Engine, State, correlation};
use super::{Acceleration, BootstrapOptions};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Standard error and percentile interval per actor-period with an estimate.
pub(crate) struct Spread {
    index: Vec<usize>,
    values: Vec<(f64, f64, f64)>,
}

impl Spread {
    /// (se, low, high) of actor-period `k` (which must have an estimate).
    pub fn get(&self, k: usize) -> (f64, f64, f64) {
        self.values[self.index[k]]
    }
}

/// SplitMix64 finaliser: well-mixed seeds from (seed, stream) pairs.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The seed of fit `fit` under the user's seed.
pub(crate) fn seed_of(seed: u64, fit: u64) -> u64 {
    mix(mix(seed) ^ fit)
}

/// A standard normal draw (Box–Muller, one of the pair).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>(); // (0, 1]
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Simulated categories of every vote under `st`.
// Votes are addressed by the item-major ranges shared by several arrays.
#[allow(clippy::needless_range_loop)]
pub(crate) fn simulate(v: &Votes, st: &State, rng: &mut ChaCha8Rng) -> Vec<u8> {
    let t_n = v.periods;
    let mut cats = vec![0u8; v.vote_cat.len()];
    for j in 0..v.items() {
        let sigma = st.s[j].sqrt();
        let t = v.item_period[j] as usize;
        for k in v.item_start[j] as usize..v.item_start[j + 1] as usize {
            let z =
                st.a[j] + st.b[j] * st.x[v.vote_actor[k] as usize * t_n + t] + sigma * normal(rng);
            cats[k] = match v.categories {
                3 => u8::from(z > 0.0) + u8::from(z > 1.0),
                _ => u8::from(z > 0.0),
            };
        }
    }
    cats
}

/// One replicate: the refitted estimates of the actor-periods with an estimate.
fn replicate(
    engine: &Engine<'_>,
    st: &State,
    seed: u64,
    r: u64,
    max: usize,
    tolerance: f64,
    acceleration: Acceleration,
) -> Vec<f64> {
    let v = engine.v;
    let mut rng = ChaCha8Rng::seed_from_u64(mix(seed ^ mix(r)));
    let sim = v.with_categories(simulate(v, st, &mut rng));
    let mut e = Engine::new(&sim, engine.omega());
    let mut fit = st.clone();
    e.fit(&mut fit, max, tolerance, acceleration, None);
    let est = engine.estimated();
    let mut x: Vec<f64> = est.iter().map(|&k| fit.x[k]).collect();
    let orig: Vec<f64> = est.iter().map(|&k| st.x[k]).collect();
    align(&mut x, &orig);
    x
}

/// Maps a replicate's ideal points onto the fit's frame by the transformation the likelihood
/// cannot see, x → c·x + d (c may be negative): the sign by the correlation, then the mean and
/// standard deviation of the fit's. Scale and location come from the priors alone, and the
/// convergence rule (correlations of successive iterates) does not watch them: a replicate
/// stops where its scale happens to be, which is drift, not sampling noise about where the
/// actors stand relative to each other.
fn align(x: &mut [f64], orig: &[f64]) {
    let n = x.len() as f64;
    let (mx, mo) = (x.iter().sum::<f64>() / n, orig.iter().sum::<f64>() / n);
    let sx = x.iter().map(|a| (a - mx) * (a - mx)).sum::<f64>();
    let so = orig.iter().map(|a| (a - mo) * (a - mo)).sum::<f64>();
    if sx == 0.0 || !sx.is_finite() {
        return;
    }
    let sign = if correlation(x, orig) < 0.0 {
        -1.0
    } else {
        1.0
    };
    let c = sign * (so / sx).sqrt();
    x.iter_mut().for_each(|a| *a = mo + c * (*a - mx));
}

/// Bootstrap spread of a fitted engine.
pub(crate) fn run(
    engine: &Engine<'_>,
    st: &State,
    o: BootstrapOptions,
    seed: u64,
    max: usize,
    tolerance: f64,
    acceleration: Acceleration,
) -> Spread {
    let one = |r: usize| replicate(engine, st, seed, r as u64, max, tolerance, acceleration);
    #[cfg(feature = "parallel")]
    let reps: Vec<Vec<f64>> = {
        use rayon::prelude::*;
        (0..o.replicates).into_par_iter().map(one).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let reps: Vec<Vec<f64>> = (0..o.replicates).map(one).collect();
    let est = engine.estimated();
    let mut index = vec![usize::MAX; st.x.len()];
    let mut values = Vec::with_capacity(est.len());
    let mut column = vec![0.0; reps.len()];
    for (c, &k) in est.iter().enumerate() {
        index[k] = c;
        for (r, rep) in reps.iter().enumerate() {
            column[r] = rep[c];
        }
        let n = column.len() as f64;
        let mean = column.iter().sum::<f64>() / n;
        let se = (column.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)).sqrt();
        column.sort_by(f64::total_cmp);
        let tail = (1.0 - o.level) / 2.0;
        values.push((se, quantile(&column, tail), quantile(&column, 1.0 - tail)));
    }
    Spread { index, values }
}

/// Linear-interpolation quantile of sorted values (R's type 7).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}
