//! Small exact statistics shared by the projection, the backbone and the alignment measures.

/// Natural logarithms of factorials `ln(0!) ..= ln(n!)`, by summation (exact to rounding).
#[derive(Debug, Clone)]
pub(crate) struct LnFactorials(Vec<f64>);

impl LnFactorials {
    pub fn up_to(n: usize) -> Self {
        let mut v = Vec::with_capacity(n + 1);
        let mut acc = 0.0f64;
        v.push(0.0);
        for i in 1..=n {
            acc += (i as f64).ln();
            v.push(acc);
        }
        LnFactorials(v)
    }

    fn ln_choose(&self, n: u64, k: u64) -> f64 {
        let f = &self.0;
        f[n as usize] - f[k as usize] - f[(n - k) as usize]
    }

    /// `ln P(X ≥ a)` for `X ~ Hypergeometric(population, successes, draws)`: the chance that
    /// two actors with `successes` and `draws` statements out of `population` share at least
    /// `a` by chance (one-sided Fisher exact test). Summed in log space so that tiny p-values
    /// (−log10 p in the hundreds) stay finite.
    pub fn hypergeometric_ln_sf(&self, a: u64, population: u64, successes: u64, draws: u64) -> f64 {
        let (n, k, d) = (population, successes, draws);
        debug_assert!(k <= n && d <= n && (n as usize) < self.0.len());
        let lo = d.saturating_sub(n - k);
        let hi = k.min(d);
        let start = a.max(lo);
        if start > hi {
            return f64::NEG_INFINITY;
        }
        if a <= lo {
            return 0.0;
        }
        let denom = self.ln_choose(n, d);
        let term = |x: u64| self.ln_choose(k, x) + self.ln_choose(n - k, d - x) - denom;
        // Terms rise to the mode and then fall; sum from the largest with a log-sum-exp.
        let mode = (((d + 1) as f64 * (k + 1) as f64) / (n + 2) as f64).floor() as u64;
        let peak = term(start.max(mode.min(hi)));
        let mut sum = 0.0;
        for x in start..=hi {
            let t = term(x) - peak;
            sum += t.exp();
            if x > mode && t < -745.0 {
                break; // later terms are smaller still and underflow to zero
            }
        }
        (peak + sum.ln()).min(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_worked_example_c() {
        // Reference §7: A–B, N = 6, |A| = |B| = 4, a = 3: p = 9/15.
        let f = LnFactorials::up_to(200);
        assert!((f.hypergeometric_ln_sf(3, 6, 4, 4).exp() - 0.6).abs() < 1e-12);
        // Sparse universe: a = 2, N = 100, K = 4, n = 3: p = 580/161700.
        assert!((f.hypergeometric_ln_sf(2, 100, 4, 3).exp() - 580.0 / 161_700.0).abs() < 1e-15);
        assert_eq!(f.hypergeometric_ln_sf(0, 100, 4, 3), 0.0);
        assert_eq!(f.hypergeometric_ln_sf(4, 100, 4, 3), f64::NEG_INFINITY);
    }

    #[test]
    fn tiny_p_values_stay_finite() {
        let f = LnFactorials::up_to(100_000);
        let ln_p = f.hypergeometric_ln_sf(5_000, 100_000, 5_000, 5_000);
        assert!(ln_p.is_finite() && ln_p < -10_000.0, "{ln_p}");
    }
}
