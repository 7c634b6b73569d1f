//! Small exact statistics shared by the projection, the backbone and the alignment measures:
//! the one hypergeometric tail of the crate.

use std::f64::consts::PI;

/// `P(Z ≤ x)` for a standard normal `Z`.
pub(crate) fn normal_cdf(x: f64) -> f64 {
    normal_sf(-x)
}

/// `P(Z > x)` for a standard normal `Z`, with relative precision in the far upper tail
/// (~1e-14): `erfc(x/√2)/2`.
pub(crate) fn normal_sf(x: f64) -> f64 {
    0.5 * erfc(x / std::f64::consts::SQRT_2)
}

/// The complementary error function: for |t| < 2 from the series
/// `erf(t) = 2/√π e^{−t²} Σ 2ⁿ t^{2n+1} / (1·3···(2n+1))` (positive terms), beyond by the
/// continued fraction `erfc(t) = e^{−t²}/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + …))))`
/// (modified Lentz).
pub(crate) fn erfc(t: f64) -> f64 {
    if t.is_nan() {
        return f64::NAN;
    }
    if t < 0.0 {
        return 2.0 - erfc(-t);
    }
    if t < 2.0 {
        let mut term = t;
        let mut sum = t;
        let mut n = 0.0;
        while term > 1e-17 * sum {
            n += 1.0;
            term *= 2.0 * t * t / (2.0 * n + 1.0);
            sum += term;
        }
        return 1.0 - 2.0 / PI.sqrt() * (-t * t).exp() * sum;
    }
    if t > 27.0 {
        return 0.0;
    }
    // Continued fraction b0 + a1/(b1 + a2/(b2 + …)) with b = t, a_k = k/2.
    let tiny = 1e-300;
    let mut f = t;
    let mut c = t;
    let mut d = 0.0;
    for k in 1..500 {
        let a = k as f64 / 2.0;
        d = t + a * d;
        d = if d.abs() < tiny { tiny } else { d };
        c = t + a / c;
        c = if c.abs() < tiny { tiny } else { c };
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (-t * t).exp() / PI.sqrt() / f
}

/// `ln P(X ≥ a)` for `X ~ Hypergeometric(population, successes, draws)`: the chance that two
/// actors with `successes` and `draws` statements out of `population` share at least `a` by
/// chance (one-sided Fisher exact test, `scipy.stats.hypergeom.logsf(a − 1, …)`).
///
/// Log space end to end, so that tiny p-values (−log10 p in the hundreds or thousands) stay
/// finite. The pmf at the first term comes from Loader's saddle-point form (as R's `dhyper`):
/// Stirling remainders and the deviance `bd0` instead of differences of log-factorials, which
/// lose about nine digits at N = 10⁵. The tail then sums pmf ratios outward from that term;
/// the pmf is log-concave, so once the ratio r is below 1 the rest is below term·r/(1 − r),
/// which decides when to stop. Below the mode the sum is the lower tail, and
/// `ln P(X ≥ a) = ln(1 − P(X < a))`, which loses nothing since that lower tail is at most
/// about one half. Relative error ~1e-15 on p (unit tests, against 60-digit references).
pub(crate) fn hypergeometric_ln_sf(a: u64, population: u64, successes: u64, draws: u64) -> f64 {
    match tail(a, population, successes, draws) {
        Tail::Upper { ln_p } => ln_p,
        Tail::Lower { below } => (-below).ln_1p(),
    }
}

/// `P(X ≥ a)` of [`hypergeometric_ln_sf`], without a round trip through the logarithm where
/// the lower tail gives it directly (p = 1 − P(X < a)); underflows to 0 below ~1e-308.
pub(crate) fn hypergeometric_sf(a: u64, population: u64, successes: u64, draws: u64) -> f64 {
    match tail(a, population, successes, draws) {
        Tail::Upper { ln_p } => ln_p.exp(),
        Tail::Lower { below } => 1.0 - below,
    }
}

/// The tail in the form it was summed in.
enum Tail {
    /// `ln P(X ≥ a)`, summed upward (a above the mode).
    Upper { ln_p: f64 },
    /// `P(X < a)`, summed downward (a at or below the mode); at most about one half.
    Lower { below: f64 },
}

fn tail(a: u64, population: u64, successes: u64, draws: u64) -> Tail {
    let (n, k, d) = (population, successes, draws);
    debug_assert!(k <= n && d <= n);
    let lo = d.saturating_sub(n - k);
    let hi = k.min(d);
    if a <= lo {
        return Tail::Lower { below: 0.0 };
    }
    if a > hi {
        return Tail::Upper {
            ln_p: f64::NEG_INFINITY,
        };
    }
    let (nf, kf, df) = (n as f64, k as f64, d as f64);
    // P(j + 1) / P(j).
    let up = |j: f64| (kf - j) * (df - j) / ((j + 1.0) * (nf - kf - df + j + 1.0));
    let mode = ((df + 1.0) * (kf + 1.0) / (nf + 2.0)).floor() as u64;
    if a > mode {
        // Upper tail, summed from its largest term.
        let mut sum = 1.0;
        let mut term = 1.0;
        for j in a..hi {
            let r = up(j as f64);
            term *= r;
            sum += term;
            if term == 0.0 || (r < 1.0 && term * r / (1.0 - r) < 1e-17 * sum) {
                break;
            }
        }
        Tail::Upper {
            ln_p: ln_pmf(a, n, k, d) + sum.ln(),
        }
    } else {
        // Lower tail P(X ≤ a − 1), summed downward from its largest term.
        let top = a - 1;
        let mut sum = 1.0;
        let mut term = 1.0;
        for j in (lo + 1..=top).rev() {
            let r = 1.0 / up(j as f64 - 1.0);
            term *= r;
            sum += term;
            if term == 0.0 || (r < 1.0 && term * r / (1.0 - r) < 1e-17 * sum) {
                break;
            }
        }
        Tail::Lower {
            below: (ln_pmf(top, n, k, d).exp() * sum).min(1.0),
        }
    }
}

/// `ln P(X = x)` for `X ~ Hypergeometric(population, successes, draws)`, x in the support.
fn ln_pmf(x: u64, population: u64, successes: u64, draws: u64) -> f64 {
    let (n, k, d) = (population as f64, successes as f64, draws as f64);
    let p = d / n;
    let q = (n - d) / n;
    ln_binom_raw(x as f64, k, p, q) + ln_binom_raw(d - x as f64, n - k, p, q)
        - ln_binom_raw(d, n, p, q)
}

/// `ln` of the binomial pmf of `x` successes in `n` trials with success chance p (q = 1 − p
/// given separately for accuracy), in Loader's form (R's `dbinom_raw`).
fn ln_binom_raw(x: f64, n: f64, p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return if x == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    if q == 0.0 {
        return if x == n { 0.0 } else { f64::NEG_INFINITY };
    }
    if x == 0.0 {
        if n == 0.0 {
            return 0.0;
        }
        return if p < 0.1 {
            -bd0(n, n * q) - n * p
        } else {
            n * q.ln()
        };
    }
    if x == n {
        return if q < 0.1 {
            -bd0(n, n * p) - n * q
        } else {
            n * p.ln()
        };
    }
    let lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
    let lf = (2.0 * PI).ln() + x.ln() + (-x / n).ln_1p();
    lc - 0.5 * lf
}

/// `ln(n!) − ((n + ½) ln n − n + ½ ln 2π)`, the error of Stirling's formula, for integer n.
fn stirlerr(n: f64) -> f64 {
    // Correctly rounded (from a 40-digit evaluation) for n = 0..=15.
    const SMALL: [f64; 16] = [
        0.0,
        0.08106146679532726,
        0.0413406959554093,
        0.02767792568499834,
        0.020790672103765093,
        0.016644691189821193,
        0.013876128823070748,
        0.01189670994589177,
        0.010411265261972096,
        0.009255462182712733,
        0.00833056343336287,
        0.007573675487951841,
        0.00694284010720953,
        0.006408994188004207,
        0.0059513701127588475,
        0.005554733551962801,
    ];
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    if n <= 15.0 {
        return SMALL[n as usize];
    }
    let nn = n * n;
    if n > 500.0 {
        (S0 - S1 / nn) / n
    } else if n > 80.0 {
        (S0 - (S1 - S2 / nn) / nn) / n
    } else if n > 35.0 {
        (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n
    } else {
        (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
    }
}

/// The deviance term `x ln(x / np) + np − x`, by a series where x is close to np (where the
/// direct form cancels).
fn bd0(x: f64, np: f64) -> f64 {
    if (x - np).abs() < 0.1 * (x + np) {
        let v = (x - np) / (x + np);
        let mut s = (x - np) * v;
        let mut ej = 2.0 * x * v;
        let v2 = v * v;
        for j in 1..1000 {
            ej *= v2;
            let next = s + ej / f64::from(2 * j + 1);
            if next == s {
                return next;
            }
            s = next;
        }
        s
    } else {
        x * (x / np).ln() + np - x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sf(a: u64, n: u64, k: u64, d: u64) -> f64 {
        let p = hypergeometric_sf(a, n, k, d);
        let ln_p = hypergeometric_ln_sf(a, n, k, d);
        assert!(
            (ln_p.exp() - p).abs() <= 4.0 * f64::EPSILON * p,
            "{p} {ln_p}"
        );
        p
    }

    #[test]
    fn matches_worked_example_c() {
        // Reference §7: A–B, N = 6, |A| = |B| = 4, a = 3: p = 9/15.
        assert!((sf(3, 6, 4, 4) - 0.6).abs() < 1e-12);
        // Sparse universe: a = 2, N = 100, K = 4, n = 3: p = 580/161700.
        assert!((sf(2, 100, 4, 3) - 580.0 / 161_700.0).abs() < 1e-15);
        assert_eq!(hypergeometric_ln_sf(0, 100, 4, 3), 0.0);
        assert_eq!(hypergeometric_ln_sf(4, 100, 4, 3), f64::NEG_INFINITY);
    }

    #[test]
    fn tiny_p_values_stay_finite() {
        let ln_p = hypergeometric_ln_sf(5_000, 100_000, 5_000, 5_000);
        assert!(ln_p.is_finite() && ln_p < -10_000.0, "{ln_p}");
        // All 5,000 shared: ln p = −ln C(100000, 5000) = −19846.37242939501033 (30 digits).
        assert!((ln_p + 19_846.372_429_395_01).abs() < 1e-8, "{ln_p}");
    }

    #[test]
    fn stirling_remainder_is_continuous_at_the_table_end() {
        // Above 15 the series; it must agree with the next table-free value's trend.
        for n in [16.0f64, 36.0, 81.0, 501.0] {
            let direct = {
                let lg: f64 = (1..=n as u64).map(|i| (i as f64).ln()).sum();
                lg - ((n + 0.5) * f64::ln(n) - n + 0.5 * (2.0 * PI).ln())
            };
            assert!((stirlerr(n) - direct).abs() < 1e-11, "{n}");
        }
    }

    #[test]
    fn erfc_matches_reference_values() {
        // Values from mpmath 1.4.1 erfc at 30 digits.
        #[allow(clippy::excessive_precision)]
        let cases = [
            (0.0, 1.0),
            (0.5, 0.479_500_122_186_953_46),
            (1.9, 0.007_209_570_764_742_533),
            (2.1, 0.002_979_466_656_332_984),
            (5.0, 1.537_459_794_428_034_9e-12),
            (10.0, 2.088_487_583_762_544_8e-45),
            (-1.0, 1.842_700_792_949_714_8),
        ];
        for (t, want) in cases {
            let got = erfc(t);
            assert!(
                (got - want).abs() <= 1e-13 * want,
                "erfc({t}) = {got}, want {want}"
            );
        }
    }
}
