//! The standard normal functions the EM steps need, accurate in the far tails: Mills' ratio
//! (Hart's 1968 rational approximation, double precision, as tabulated by West 2005), the cdf,
//! its logarithm, and the moments of a truncated normal.
//!
//! Everything is written through the Mills ratio R(t) = Φ(−t)/φ(t), so no quantity underflows
//! where the EM needs it: the inverse Mills ratio φ(m)/Φ(m) tends to −m as m → −∞.

use std::f64::consts::PI;

const SQRT_2PI: f64 = 2.506_628_274_631_000_2;

/// φ(x), the standard normal density.
pub(crate) fn pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / SQRT_2PI
}

/// Mills' ratio R(t) = Φ(−t)/φ(t) for t ≥ 0, to full relative precision: Hart's (1968,
/// algorithm 5666) rational function below t = 3 (relative error < 2e-14), Laplace's continued
/// fraction above (its depth grows as t falls: 52 terms at t = 3, 16 at t = 7; relative error
/// < 3e-15). For Φ(−t) itself, which can be tiny.
pub(crate) fn mills(t: f64) -> f64 {
    debug_assert!(t >= 0.0 || t.is_nan());
    if t < 3.0 {
        hart(t)
    } else {
        laplace(t, (400.0 / (t * t)).ceil() as usize + 8)
    }
}

/// Mills' ratio to full *absolute* precision of φ(t)R(t) = Φ(−t) (error < 1e-16): Hart's
/// function up to t = 5√2, 12 terms of the continued fraction beyond. For 1 − Φ(−t) and
/// differences of cdfs, where the relative error of a tiny Φ(−t) does not matter; cheap.
fn mills_fast(t: f64) -> f64 {
    if t < 7.071_067_811_865_47 {
        hart(t)
    } else {
        laplace(t, 12)
    }
}

/// Hart's rational approximation of √(2π)·R(t).
fn hart(t: f64) -> f64 {
    let mut p = 3.526_249_659_989_11e-2 * t + 0.700_383_064_443_688;
    p = p * t + 6.373_962_203_531_65;
    p = p * t + 33.912_866_078_383;
    p = p * t + 112.079_291_497_871;
    p = p * t + 221.213_596_169_931;
    p = p * t + 220.206_867_912_376;
    let mut q = 8.838_834_764_831_84e-2 * t + 1.755_667_163_182_64;
    q = q * t + 16.064_177_579_207;
    q = q * t + 86.780_732_202_946_1;
    q = q * t + 296.564_248_779_674;
    q = q * t + 637.333_633_378_831;
    q = q * t + 793.826_512_519_948;
    q = q * t + 440.413_735_824_752;
    SQRT_2PI * p / q
}

/// Laplace: R(t) = 1/(t + 1/(t + 2/(t + 3/(t + ...)))), `terms` deep.
fn laplace(t: f64, terms: usize) -> f64 {
    let mut f = t;
    for k in (1..=terms).rev() {
        f = t + k as f64 / f;
    }
    1.0 / f
}

/// Φ(x) (the tests check it; the EM reads Φ through the ratios below).
#[cfg(test)]
pub(crate) fn cdf(x: f64) -> f64 {
    if x < 0.0 {
        pdf(x) * mills(-x)
    } else {
        1.0 - pdf(x) * mills_fast(x)
    }
}

/// Φ(x) to absolute precision only (cheap; for differences of cdfs around 0).
fn cdf_abs(x: f64) -> f64 {
    if x < 0.0 {
        pdf(x) * mills_fast(-x)
    } else {
        1.0 - pdf(x) * mills_fast(x)
    }
}

/// ln Φ(x), finite for every finite x.
pub(crate) fn log_cdf(x: f64) -> f64 {
    if x < 0.0 {
        -0.5 * x * x - 0.5 * (2.0 * PI).ln() + mills(-x).ln()
    } else {
        (-pdf(x) * mills_fast(x)).ln_1p()
    }
}

/// The inverse Mills ratio φ(x)/Φ(x) (≈ −x for x → −∞).
pub(crate) fn inv_mills(x: f64) -> f64 {
    if x < 0.0 {
        1.0 / mills(-x)
    } else {
        let p = pdf(x);
        p / (1.0 - p * mills_fast(x))
    }
}

/// ln(Φ(b) − Φ(a)) for a < b, without cancellation in either tail.
pub(crate) fn log_interval(a: f64, b: f64) -> f64 {
    if a >= 0.0 {
        return log_interval(-b, -a);
    }
    if b <= 0.0 {
        // Φ(b)(1 − r), r = Φ(a)/Φ(b) ≤ 1.
        let r = ratio_lower(a, b);
        log_cdf(b) + (-r).ln_1p()
    } else {
        (cdf_abs(b) - cdf_abs(a)).ln()
    }
}

/// Φ(a)/Φ(b) for a ≤ b ≤ 0.
fn ratio_lower(a: f64, b: f64) -> f64 {
    (-0.5 * (a * a - b * b)).exp() * mills(-a) / mills(-b)
}

/// Mean and variance of a standard normal truncated to `[a, b]` (either end may be infinite).
pub(crate) fn truncated(a: f64, b: f64) -> (f64, f64) {
    if a == f64::NEG_INFINITY {
        if b == f64::INFINITY {
            return (0.0, 1.0);
        }
        let l = inv_mills(b);
        return (-l, (1.0 - b * l - l * l).max(0.0));
    }
    if b == f64::INFINITY {
        let (m, v) = truncated(f64::NEG_INFINITY, -a);
        return (-m, v);
    }
    if a >= 0.0 {
        let (m, v) = truncated(-b, -a);
        return (-m, v);
    }
    if b > 0.0 {
        // a < 0 < b: Φ(b) − Φ(a) ≥ Φ(min(b, −a)) − 1/2, well conditioned unless both are tiny.
        let z = cdf_abs(b) - cdf_abs(a);
        if z < 1e-9 {
            return narrow(a, b);
        }
        let (pa, pb) = (pdf(a), pdf(b));
        let m = (pa - pb) / z;
        let v = 1.0 + (a * pa - b * pb) / z - m * m;
        return (m, v.max(0.0));
    }
    // a < b ≤ 0: divide everything by Φ(b).
    let r = ratio_lower(a, b);
    if 1.0 - r < 1e-8 {
        return narrow(a, b);
    }
    let la = r / mills(-a); // φ(a)/Φ(b)
    let lb = 1.0 / mills(-b); // φ(b)/Φ(b)
    let m = (la - lb) / (1.0 - r);
    let v = 1.0 + (a * la - b * lb) / (1.0 - r) - m * m;
    (m, v.max(0.0))
}

/// Moments on an interval too narrow for the ratio formulas: the density is nearly
/// exponential in z there, φ(z) ∝ exp(−c(z − c)) around the midpoint c.
fn narrow(a: f64, b: f64) -> (f64, f64) {
    let c = 0.5 * (a + b);
    let w2 = (b - a) * (b - a);
    (c - c * w2 / 12.0, w2 / 12.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference values: Python 3 `0.5 * math.erfc(-x / math.sqrt(2))` (libm erfc, correctly
    // rounded to a few ulp), printed with repr.
    const CDF: [(f64, f64); 8] = [
        (-20.0, 2.7536241186063314e-89),
        (-10.0, 7.619853024160593e-24),
        (-5.0, 2.866515718791946e-07),
        (-1.5, 0.06680720126885809),
        (-0.3, 0.3820885778110474),
        (0.0, 0.5),
        (1.0, 0.8413447460685429),
        (3.0, 0.9986501019683699),
    ];

    #[test]
    fn cdf_matches_erfc_to_relative_1e13() {
        for (x, want) in CDF {
            let got = cdf(x);
            assert!(((got - want) / want).abs() < 1e-13, "{x}: {got} vs {want}");
        }
        // ln Φ(−40) from the asymptotic series, beyond the smallest double.
        let want = -0.5 * 1600.0 - 40f64.ln() - 0.5 * (2.0 * PI).ln()
            + (-1.0 / 1600.0 + 3.0 / 1600.0f64.powi(2)).ln_1p();
        assert!((log_cdf(-40.0) - want).abs() < 1e-8);
    }

    #[test]
    fn inverse_mills_tends_to_minus_x() {
        for x in [-50.0, -200.0, -1e4] {
            let l = inv_mills(x);
            assert!((l / -x - 1.0).abs() < 1.0 / (x * x) * 1.01, "{x} {l}");
        }
        assert!((inv_mills(0.0) - 2.0 * pdf(0.0)).abs() < 1e-15);
    }

    #[test]
    fn truncated_moments_agree_with_quadrature() {
        for &(a, b) in &[
            (-1.0, 2.0),
            (0.5, 0.7),
            (-9.0, -8.0),
            (6.0, 6.5),
            (-0.2, 0.1),
            (f64::NEG_INFINITY, -3.0),
            (2.0, f64::INFINITY),
        ] {
            let lo = if a.is_finite() { a } else { b - 20.0 };
            let hi = if b.is_finite() { b } else { a + 20.0 };
            let n = 200_000;
            let h = (hi - lo) / n as f64;
            let (mut z, mut m1, mut m2) = (0.0, 0.0, 0.0);
            // Densities relative to the value at the end nearest 0 (no underflow).
            let base = if lo > 0.0 {
                lo
            } else if hi < 0.0 {
                hi
            } else {
                0.0
            };
            for k in 0..=n {
                let x = lo + k as f64 * h;
                let w = if k == 0 || k == n { 0.5 } else { 1.0 };
                let d = w * (-0.5 * (x * x - base * base)).exp();
                z += d;
                m1 += d * x;
                m2 += d * x * x;
            }
            let mean = m1 / z;
            let var = m2 / z - mean * mean;
            let (m, v) = truncated(a, b);
            assert!((m - mean).abs() < 1e-7, "[{a},{b}] mean {m} vs {mean}");
            assert!((v - var).abs() < 1e-7, "[{a},{b}] var {v} vs {var}");
        }
    }
}
