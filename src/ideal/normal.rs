//! The standard normal functions the EM steps need, accurate in the far tails: Mills' ratio
//! (Hart's 1968 rational approximation, double precision, as tabulated by West 2005), the cdf,
//! its logarithm, and the moments of a truncated normal.
//!
//! Everything is written through the Mills ratio R(t) = Φ(−t)/φ(t), so no quantity underflows
//! where the EM needs it: the inverse Mills ratio φ(m)/Φ(m) tends to −m as m → −∞.

use std::f64::consts::PI;

const SQRT_2PI: f64 = 2.506_628_274_631_000_2;

/// 1/√(2π).
const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// φ(x), the standard normal density.
#[inline]
pub(crate) fn pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() * INV_SQRT_2PI
}

/// Mills' ratio R(t) = Φ(−t)/φ(t) for t ≥ 0, to full relative precision, with one division
/// and no exponential: Hart's (1968, algorithm 5666) rational function below t = 0.674 (relative
/// error < 2e-14), Cody's (1969; 1993, ACM TOMS algorithm 715, `ANORM`) rational Chebyshev
/// approximations of e^{t²/2} Φ(−t) above (in t up to √32, in 1/t² beyond). The tests check
/// it against a 50-digit reference to 1e-14 relative. For Φ(−t) itself, which can be tiny.
#[inline]
pub(crate) fn mills(t: f64) -> f64 {
    debug_assert!(t >= 0.0 || t.is_nan());
    if t < 0.674_489_75 {
        hart(t)
    } else if t <= 5.656_854_249_492_38 {
        cody_middle(t)
    } else {
        cody_tail(t)
    }
}

/// Cody's approximation of √(2π)·e^{t²/2}·Φ(−t) on [0.674, √32]: a ratio of degree-8
/// polynomials in t.
// Cody's coefficients as published (more digits than an f64 holds).
#[allow(clippy::excessive_precision)]
#[inline]
fn cody_middle(t: f64) -> f64 {
    const C: [f64; 9] = [
        0.398_941_512_088_134_667_64,
        8.883_149_794_388_375_941_2,
        93.506_656_132_177_855_979,
        597.270_276_394_800_262_26,
        2_494.537_585_290_372_671_1,
        6_848.190_450_536_282_332_6,
        11_602.651_437_647_350_124,
        9_842.714_838_383_978_021_8,
        1.076_557_677_372_019_231_7e-8,
    ];
    const D: [f64; 8] = [
        22.266_688_044_328_115_691,
        235.387_901_782_624_998_61,
        1_519.377_599_407_554_805,
        6_485.558_298_266_760_755,
        18_615.571_640_885_098_091,
        34_900.952_721_145_977_266,
        38_912.003_286_093_271_411,
        19_685.429_676_859_990_727,
    ];
    let (mut num, mut den) = (C[8] * t, t);
    for i in 0..7 {
        num = (num + C[i]) * t;
        den = (den + D[i]) * t;
    }
    SQRT_2PI * (num + C[7]) / (den + D[7])
}

/// Cody's asymptotic approximation above √32: R(t) = (1 − √(2π)·r(1/t²)/t²)/t with r a ratio
/// of degree-4 polynomials. R(∞) = 0.
#[allow(clippy::excessive_precision)]
#[inline]
fn cody_tail(t: f64) -> f64 {
    const P: [f64; 6] = [
        0.215_898_534_057_956_99,
        0.127_401_161_160_247_363_9,
        0.022_235_277_870_649_807,
        0.001_421_619_193_227_893_466,
        2.911_287_495_116_879_2e-5,
        0.023_073_441_764_940_173_03,
    ];
    const Q: [f64; 5] = [
        1.284_260_096_144_911_21,
        0.468_238_212_480_865_118,
        0.065_988_137_868_928_551_5,
        0.003_782_396_332_027_582_44,
        7.297_515_550_839_662_05e-5,
    ];
    let u = 1.0 / (t * t);
    let (mut num, mut den) = (P[5] * u, u);
    for i in 0..4 {
        num = (num + P[i]) * u;
        den = (den + Q[i]) * u;
    }
    let r = u * (num + P[4]) / (den + Q[4]);
    (1.0 - SQRT_2PI * r) / t
}

/// Hart's rational approximation of √(2π)·R(t).
#[inline]
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

/// Φ(x): relative precision below 0, absolute above (1 − φ(x)R(x)).
#[inline]
pub(crate) fn cdf(x: f64) -> f64 {
    if x < 0.0 {
        pdf(x) * mills(-x)
    } else {
        1.0 - pdf(x) * mills(x)
    }
}

/// ln Φ(x), finite for every finite x.
pub(crate) fn log_cdf(x: f64) -> f64 {
    if x < 0.0 {
        -0.5 * x * x - 0.5 * (2.0 * PI).ln() + mills(-x).ln()
    } else {
        (-pdf(x) * mills(x)).ln_1p()
    }
}

/// The inverse Mills ratio φ(x)/Φ(x) (≈ −x for x → −∞).
#[inline]
pub(crate) fn inv_mills(x: f64) -> f64 {
    if x < 0.0 {
        1.0 / mills(-x)
    } else {
        let p = pdf(x);
        p / (1.0 - p * mills(x))
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
        (cdf(b) - cdf(a)).ln()
    }
}

/// Φ(a)/Φ(b) for a ≤ b ≤ 0.
fn ratio_lower(a: f64, b: f64) -> f64 {
    (-0.5 * (a * a - b * b)).exp() * mills(-a) / mills(-b)
}

/// Mean and variance of a standard normal truncated to `[a, b]` (either end may be infinite).
#[inline]
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
        let (pa, pb) = (pdf(a), pdf(b));
        let z = 1.0 - pb * mills(b) - pa * mills(-a);
        if z < 1e-9 {
            return narrow(a, b);
        }
        let m = (pa - pb) / z;
        let v = 1.0 + (a * pa - b * pb) / z - m * m;
        return (m, v.max(0.0));
    }
    // a < b ≤ 0: divide everything by Φ(b); r = Φ(a)/Φ(b).
    let (ra, rb) = (mills(-a), mills(-b));
    let e = (-0.5 * (a * a - b * b)).exp();
    let r = e * ra / rb;
    if 1.0 - r < 1e-8 {
        return narrow(a, b);
    }
    let la = e / rb; // φ(a)/Φ(b)
    let lb = 1.0 / rb; // φ(b)/Φ(b)
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

    // R(t) = Φ(−t)/φ(t) from mpmath 1.4.1 at 50 digits (`ncdf(-t) / npdf(t)`), rounded to 17.
    const MILLS: [(f64, f64); 18] = [
        (0.0, 1.2533141373155003),
        (0.3, 1.0018374009921557),
        (0.6, 0.823_027_817_784_287_4),
        (0.7, 0.774_893_848_779_390_6),
        (1.0, 0.655_679_542_418_798_5),
        (1.7, 0.4738532689688591),
        (2.5, 0.354_265_111_329_793_7),
        (3.0, 0.3045902987101033),
        (4.0, 0.236_652_382_913_560_67),
        (5.0, 0.192_808_104_715_315_76),
        (5.6, 0.173_350_285_013_020_25),
        (5.7, 0.170_473_760_745_927_85),
        (7.0, 0.140_104_183_453_050_24),
        (10.0, 0.099_028_596_471_731_92),
        (20.0, 0.049_875_925_981_836_78),
        (38.0, 0.026_297_602_974_252_964),
        (100.0, 0.009_999_000_299_850_105),
        (1e4, 9.999_999_900_000_003e-5),
    ];

    #[test]
    fn mills_ratio_matches_a_50_digit_reference_to_relative_1e14() {
        for (t, want) in MILLS {
            let got = mills(t);
            assert!(((got - want) / want).abs() < 1e-14, "{t}: {got} vs {want}");
        }
        assert_eq!(mills(f64::INFINITY), 0.0);
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
