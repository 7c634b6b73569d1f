//! Tails of the Poisson-binomial distribution (a sum of independent Bernoulli trials with
//! their own probabilities): exact by dynamic programming, or by the refined normal
//! approximation (Volkova 1996; Hong 2013, Comput. Stat. Data Anal. 59:41–51).
//!
//! Trials come in groups of equal probability (the BiCM gives one probability per pair of
//! degree classes), so the exact distribution is a convolution of binomials.

use crate::stats::{normal_cdf, normal_sf};
use serde::{Deserialize, Serialize};

/// How to compute Poisson-binomial tails.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TailMethod {
    /// Exact where the work is cheap ([`EXACT_BUDGET`]), the refined normal approximation
    /// otherwise.
    #[default]
    Auto,
    /// Always the exact dynamic programme.
    Exact,
    /// Always the refined normal approximation.
    Approximate,
}

crate::names::named_enum!(TailMethod, "tail method", [
    Auto => "auto",
    Exact => "exact",
    Approximate => "approximate" | "rna",
]);

/// `Auto` computes exact tails when the whole dynamic programme of a backbone costs at most
/// this many multiply-adds.
pub const EXACT_BUDGET: f64 = 4e8;

/// The documented accuracy of the refined normal approximation: its absolute error on either
/// tail is at most `RNA_ERROR / σ²` (Volkova 1996 shows the error is of order σ⁻²; the
/// constant is checked against the exact tails in the tests).
pub const RNA_ERROR: f64 = 0.2;

/// A Poisson-binomial distribution given as groups `(trials, probability)`.
///
/// ```
/// use cosignatory::graph::poisson_binomial::PoissonBinomial;
/// // Two fair coins and a sure thing: P(V ≥ 3) = 1/4.
/// let d = PoissonBinomial::new(&[(2, 0.5), (1, 1.0)]);
/// let exact = d.exact();
/// assert!((exact.upper(3) - 0.25).abs() < 1e-15);
/// assert_eq!(exact.lower(0), 0.0); // the sure trial
/// assert!((exact.lower(1) - 0.25).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PoissonBinomial {
    groups: Vec<(u32, f64)>,
    /// Trials with probability 1.
    sure: u64,
}

impl PoissonBinomial {
    /// The distribution of the number of successes among `groups` of `(trials, p)`.
    /// Probabilities are clamped to [0, 1]; trials with p = 0 are dropped.
    pub fn new(groups: &[(u32, f64)]) -> Self {
        let mut sure = 0u64;
        let mut kept = Vec::with_capacity(groups.len());
        for &(n, p) in groups {
            let p = p.clamp(0.0, 1.0);
            if n == 0 || p == 0.0 {
                continue;
            }
            if p == 1.0 {
                sure += n as u64;
            } else {
                kept.push((n, p));
            }
        }
        PoissonBinomial { groups: kept, sure }
    }

    /// Number of uncertain trials (0 < p < 1).
    pub fn uncertain_trials(&self) -> u64 {
        self.groups.iter().map(|g| g.0 as u64).sum()
    }

    /// Cost of [`PoissonBinomial::exact`] in multiply-adds (about n²/2 for n uncertain
    /// trials).
    pub fn exact_cost(&self) -> f64 {
        let n = self.uncertain_trials() as f64;
        n * n / 2.0 + n
    }

    /// Mean, standard deviation and skewness `γ = σ⁻³ Σ p(1 − p)(1 − 2p)`.
    pub fn moments(&self) -> (f64, f64, f64) {
        let (mut mu, mut var, mut third) = (self.sure as f64, 0.0, 0.0);
        for &(n, p) in &self.groups {
            let n = n as f64;
            mu += n * p;
            var += n * p * (1.0 - p);
            third += n * p * (1.0 - p) * (1.0 - 2.0 * p);
        }
        let sigma = var.sqrt();
        let gamma = if var > 0.0 {
            third / (var * sigma)
        } else {
            0.0
        };
        (mu, sigma, gamma)
    }

    /// The exact distribution by the dynamic programme over trials (every term positive);
    /// each tail summed from its far end, small terms first, so tiny tails keep their
    /// relative precision (down to ~1e-300, below which they underflow to 0).
    pub fn exact(&self) -> ExactTails {
        // Trial by trial: pmf ← pmf·(1 − q) + shift(pmf)·q, every term positive; two buffers
        // so the update vectorises.
        let size = self.uncertain_trials() as usize + 1;
        let mut pmf = vec![0.0f64; size];
        let mut next = vec![0.0f64; size];
        pmf[0] = 1.0;
        let mut len = 1;
        for &(n, q) in &self.groups {
            let r = 1.0 - q;
            for _ in 0..n {
                next[0] = pmf[0] * r;
                for ((out, &a), &b) in next[1..=len].iter_mut().zip(&pmf[1..=len]).zip(&pmf[..len])
                {
                    *out = a * r + b * q;
                }
                len += 1;
                std::mem::swap(&mut pmf, &mut next);
            }
        }
        pmf.truncate(len);
        let len = pmf.len();
        let mut upper = vec![0.0; len + 1];
        for x in (0..len).rev() {
            upper[x] = (upper[x + 1] + pmf[x]).min(1.0);
        }
        let mut lower = vec![0.0; len];
        let mut acc = 0.0;
        for x in 0..len {
            acc += pmf[x];
            lower[x] = acc.min(1.0);
        }
        ExactTails {
            shift: self.sure,
            upper,
            lower,
        }
    }

    /// The refined normal approximation: `P(V ≤ v) ≈ G((v + 0.5 − μ)/σ)` with
    /// `G(x) = Φ(x) + γ(1 − x²)φ(x)/6`, clamped to [0, 1]. Absolute error at most
    /// [`RNA_ERROR`]`/σ²`; exact when σ = 0.
    pub fn approximate(&self) -> ApproximateTails {
        let (mu, sigma, gamma) = self.moments();
        ApproximateTails { mu, sigma, gamma }
    }
}

/// Exact tails of a [`PoissonBinomial`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExactTails {
    shift: u64,
    upper: Vec<f64>,
    lower: Vec<f64>,
}

impl ExactTails {
    /// `P(V ≥ v)`.
    pub fn upper(&self, v: u64) -> f64 {
        if v <= self.shift {
            1.0
        } else {
            self.upper
                .get((v - self.shift) as usize)
                .copied()
                .unwrap_or(0.0)
        }
    }

    /// `P(V ≤ v)`.
    pub fn lower(&self, v: u64) -> f64 {
        if v < self.shift {
            0.0
        } else {
            let i = (v - self.shift) as usize;
            self.lower.get(i).copied().unwrap_or(1.0)
        }
    }
}

/// Refined normal approximation of a [`PoissonBinomial`]'s tails.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ApproximateTails {
    /// Mean.
    pub mu: f64,
    /// Standard deviation.
    pub sigma: f64,
    /// Skewness.
    pub gamma: f64,
}

impl ApproximateTails {
    fn correction(&self, x: f64) -> f64 {
        let phi = (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
        self.gamma * (1.0 - x * x) * phi / 6.0
    }

    /// `P(V ≤ v) ≈ G((v + 0.5 − μ)/σ)`.
    pub fn lower(&self, v: u64) -> f64 {
        let v = v as f64;
        if self.sigma == 0.0 {
            return if v + 0.5 >= self.mu { 1.0 } else { 0.0 };
        }
        let x = (v + 0.5 - self.mu) / self.sigma;
        (normal_cdf(x) + self.correction(x)).clamp(0.0, 1.0)
    }

    /// `P(V ≥ v) = 1 − P(V ≤ v − 1) ≈ 1 − G((v − 0.5 − μ)/σ)`, computed from `Φ(−x)` so the
    /// far upper tail does not cancel.
    pub fn upper(&self, v: u64) -> f64 {
        if v == 0 {
            return 1.0;
        }
        let v = v as f64;
        if self.sigma == 0.0 {
            return if v - 0.5 <= self.mu { 1.0 } else { 0.0 };
        }
        let x = (v - 0.5 - self.mu) / self.sigma;
        (normal_sf(x) - self.correction(x)).clamp(0.0, 1.0)
    }
}

/// Tails by whichever method was chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum Tails {
    /// Exact.
    Exact(ExactTails),
    /// Refined normal approximation.
    Approximate(ApproximateTails),
}

impl Tails {
    /// `P(V ≥ v)`.
    pub fn upper(&self, v: u64) -> f64 {
        match self {
            Tails::Exact(t) => t.upper(v),
            Tails::Approximate(t) => t.upper(v),
        }
    }

    /// `P(V ≤ v)`.
    pub fn lower(&self, v: u64) -> f64 {
        match self {
            Tails::Exact(t) => t.lower(v),
            Tails::Approximate(t) => t.lower(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Straight DP over single trials.
    fn naive(groups: &[(u32, f64)]) -> Vec<f64> {
        let mut pmf = vec![1.0];
        for &(n, p) in groups {
            for _ in 0..n {
                let mut next = vec![0.0; pmf.len() + 1];
                for (x, &a) in pmf.iter().enumerate() {
                    next[x] += a * (1.0 - p);
                    next[x + 1] += a * p;
                }
                pmf = next;
            }
        }
        pmf
    }

    #[test]
    fn exact_equals_the_trial_by_trial_programme() {
        let groups = [(3, 0.2), (5, 0.7), (1, 1.0), (4, 0.05)];
        let pmf = naive(&groups);
        let t = PoissonBinomial::new(&groups).exact();
        for v in 0..pmf.len() as u64 + 1 {
            let up: f64 = pmf.iter().skip(v as usize).sum();
            let lo: f64 = pmf.iter().take(v as usize + 1).sum();
            assert!((t.upper(v) - up).abs() <= 1e-14 * up.max(1e-300), "{v}");
            assert!((t.lower(v) - lo).abs() <= 1e-14 * lo.max(1e-300), "{v}");
        }
    }

    #[test]
    fn tiny_tails_keep_relative_precision() {
        // 40 trials at 0.01: P(V ≥ 40) = 1e-80 exactly.
        let t = PoissonBinomial::new(&[(40, 0.01)]).exact();
        assert!((t.upper(40) / 1e-80 - 1.0).abs() < 1e-12);
        assert_eq!(t.upper(41), 0.0);
    }

    #[test]
    fn point_mass_is_exact_when_approximated() {
        let a = PoissonBinomial::new(&[(3, 1.0)]).approximate();
        assert_eq!(a.upper(3), 1.0);
        assert_eq!(a.upper(4), 0.0);
        assert_eq!(a.lower(2), 0.0);
    }
}
