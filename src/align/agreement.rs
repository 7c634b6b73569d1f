//! Dyadic agreement measures on an ordered or nominal scale, computed from a [`ContingencyTable`].
//!
//! Notation (reference §0): p_ab = cell share, p_a· / p_·b the two actors' marginals,
//! p̄_a = (p_a· + p_·a)/2 the pooled marginal, δ(a, b) the normalised disagreement of
//! [`Metric`], D_o = Σ p_ab δ_ab the observed disagreement. Every chance-corrected index is
//! 1 − D_o / D_e with its own expected disagreement D_e.
//!
//! The sums are accumulated on counts with integer distance numerators (|a − b|, (a − b)², 0/1) and
//! divided once at the end, so unweighted integer tables give exactly rounded results and a
//! degenerate D_e is exactly zero rather than a rounding residue.

use serde::{Deserialize, Serialize};

use super::{AlignError, ContingencyTable, MAX_CATEGORIES, Measure, Options, Score, ZeroExpected};

/// The disagreement weight δ(a, b) between two categories of a scale with range Δ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// δ = 0 if a = b, else 1.
    Nominal,
    /// δ = |a − b| / Δ (absolute, L1).
    Linear,
    /// δ = ((a − b) / Δ)² (squared).
    Quadratic,
}

impl Metric {
    /// Integer numerator of δ for category indices `i`, `j`.
    fn numerator(self, i: usize, j: usize) -> f64 {
        let d = i.abs_diff(j) as f64;
        match self {
            Metric::Nominal => f64::from(u8::from(i != j)),
            Metric::Linear => d,
            Metric::Quadratic => d * d,
        }
    }

    /// Denominator of δ on a scale with range `delta`.
    fn denominator(self, delta: u8) -> f64 {
        let d = f64::from(delta);
        match self {
            Metric::Nominal => 1.0,
            Metric::Linear => d,
            Metric::Quadratic => d * d,
        }
    }
}

/// The measurement level of Krippendorff's α.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlphaLevel {
    /// δ² = 0/1.
    Nominal,
    /// δ² = (c − k)².
    Interval,
}

/// Count-scale sums behind every chance-corrected index, for one metric.
struct Sums {
    /// W: total count or weight.
    total: f64,
    /// Σ n_ab · num_ab  (= W · D_o · den).
    observed: f64,
    /// Σ r_a c_b · num_ab  (= W² · D_e(κ) · den).
    expected_kappa: f64,
    /// Σ m_a m_b · num_ab with m = r + c  (= 4W² · D_e(π) · den).
    expected_pi: f64,
}

fn sums(t: &ContingencyTable, metric: Metric) -> Sums {
    let k = t.categories();
    let (r, c) = (t.rows(), t.cols());
    let m: [f64; MAX_CATEGORIES] = std::array::from_fn(|a| r[a] + c[a]);
    let mut s = Sums {
        total: 0.0,
        observed: 0.0,
        expected_kappa: 0.0,
        expected_pi: 0.0,
    };
    for a in 0..k {
        s.total += r[a];
        for b in 0..k {
            let num = metric.numerator(a, b);
            if num != 0.0 {
                s.observed += t.cell(a, b) * num;
                s.expected_kappa += r[a] * c[b] * num;
                s.expected_pi += m[a] * m[b] * num;
            }
        }
    }
    s
}

/// Score on the table's N, undefined when there is no (positive) weight at all.
fn defined_if_any(t: &ContingencyTable, total: f64, value: impl FnOnce() -> f64) -> Score {
    if total > 0.0 {
        Score::new(Some(value()), t.n())
    } else {
        Score::undefined(t.n())
    }
}

/// 1 − observed/expected for a chance-corrected index, with the D_e = 0 convention.
fn chance_corrected(
    t: &ContingencyTable,
    total: f64,
    ratio_num: f64,
    expected: f64,
    opts: &Options,
) -> Score {
    if total <= 0.0 {
        Score::undefined(t.n())
    } else if expected == 0.0 {
        match opts.zero_expected {
            ZeroExpected::Undefined => Score::undefined(t.n()),
            ZeroExpected::FpsimZero => Score::new(Some(0.0), t.n()),
        }
    } else {
        Score::new(Some(1.0 - ratio_num / expected), t.n())
    }
}

/// Signorino & Ritter's S with the absolute (L1) metric.
///
/// S = 1 − 2·D_o = 1 − 2·Σ_k w_k |x_k − y_k| / (Δ · Σ_k w_k), with w_k = 1 for an unweighted
/// table. Range [−1, 1]; undefined when N = 0 (or all weights are 0).
///
/// Signorino, C. S. & Ritter, J. M. (1999) "Tau-b or Not Tau-b", *International Studies
/// Quarterly* 43(1): 115–144.
///
/// ```
/// use cosignatory::align::{agreement, Scale, ContingencyTable};
/// // Germany and Russia 1914 (S&R Table 6): S = 0.4.
/// let gmy = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0].map(Some);
/// let rus = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0].map(Some);
/// let t = ContingencyTable::from_codes(Scale::ALLIANCE, &gmy, &rus).unwrap();
/// assert!((agreement::s_absolute(&t).value.unwrap() - 0.4).abs() < 1e-12);
/// ```
pub fn s_absolute(t: &ContingencyTable) -> Score {
    s_score(t, Metric::Linear)
}

/// Signorino & Ritter's S with the squared metric (Häge's FPSIM `srsvvs`, fpsim
/// `distances = "squared"`).
///
/// S = 1 − 2·Σ_k w_k (x_k − y_k)² / (Δ² · Σ_k w_k). Range [−1, 1]; undefined when N = 0.
///
/// Signorino & Ritter (1999); Häge (2011) *Political Analysis* 19(3): 287–305.
pub fn s_squared(t: &ContingencyTable) -> Score {
    s_score(t, Metric::Quadratic)
}

fn s_score(t: &ContingencyTable, metric: Metric) -> Score {
    let s = sums(t, metric);
    let den = metric.denominator(t.scale().range());
    defined_if_any(t, s.total, || 1.0 - 2.0 * s.observed / (s.total * den))
}

/// Cohen's κ, nominal (Cohen 1960) or weighted with linear or quadratic disagreement (Cohen 1968).
///
/// κ_w = 1 − Σ_ab p_ab δ_ab / Σ_ab p_a· p_·b δ_ab; for the nominal metric this is
/// (p_o − p_e)/(1 − p_e) with p_e = Σ_a p_a· p_·a. Quadratic κ equals Häge's closed form
/// 1 − ssd / (ss1 + ss2 − (2/N)·s1·s2) used for FPSIM `kappavv`, and Lin's concordance correlation.
/// Range [−1, 1]. Undefined when N = 0, and when D_e = 0 (both actors used one and the same
/// category throughout) unless [`ZeroExpected::FpsimZero`] asks for Häge's 0.
///
/// Cohen, J. (1960) *Educ. Psychol. Meas.* 20(1): 37–46; Cohen, J. (1968) *Psychol. Bull.* 70(4):
/// 213–220; Häge, F. M. (2011) *Political Analysis* 19(3): 287–305.
pub fn kappa(t: &ContingencyTable, metric: Metric, opts: &Options) -> Score {
    let s = sums(t, metric);
    chance_corrected(t, s.total, s.total * s.observed, s.expected_kappa, opts)
}

/// Scott's π, nominal or weighted: π_w = 1 − Σ_ab p_ab δ_ab / Σ_ab p̄_a p̄_b δ_ab with pooled
/// marginals p̄.
///
/// Quadratic π equals Häge's 1 − ssd / (ss1 + ss2 − (s1 + s2)²/(2N)) (FPSIM `pivv`); nominal π is
/// `fpsim::spi`. Range [−1, 1]; undefined as for [`kappa`], with the same FPSIM option.
///
/// Scott, W. A. (1955) *Public Opinion Quarterly* 19(3): 321–325; Häge (2011).
pub fn scott_pi(t: &ContingencyTable, metric: Metric, opts: &Options) -> Score {
    let s = sums(t, metric);
    chance_corrected(t, s.total, 4.0 * s.total * s.observed, s.expected_pi, opts)
}

/// Krippendorff's α for two coders without missing values inside the joint items.
///
/// α = 1 − (n − 1)·Σ_ck o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck with n = 2N pairable values,
/// coincidences o = table + transpose and pooled value counts n_c; equivalently
/// α = 1 − (1 − π_δ)(2N − 1)/(2N). Range [−1, 1]. Undefined when N = 0 or all pooled values are
/// equal (D_e = 0); the FPSIM option does not apply to α.
///
/// Krippendorff, K. *Content Analysis* (2004); Hayes, A. F. & Krippendorff, K. (2007)
/// *Communication Methods and Measures* 1(1): 77–89.
///
/// # Errors
/// [`AlignError::WeightedUnsupported`] on a weighted table: the (n − 1) correction needs counts.
pub fn krippendorff_alpha(t: &ContingencyTable, level: AlphaLevel) -> Result<Score, AlignError> {
    let measure = match level {
        AlphaLevel::Nominal => Measure::AlphaNominal,
        AlphaLevel::Interval => Measure::AlphaInterval,
    };
    if t.is_weighted() {
        return Err(AlignError::WeightedUnsupported { measure });
    }
    let metric = match level {
        AlphaLevel::Nominal => Metric::Nominal,
        AlphaLevel::Interval => Metric::Quadratic,
    };
    let s = sums(t, metric);
    let pairable = 2.0 * s.total;
    Ok(chance_corrected(
        t,
        s.total,
        (pairable - 1.0) * 2.0 * s.observed,
        s.expected_pi,
        &Options::default(),
    ))
}

/// Benati & Capurri's alignment index A = S_abs − S_exp, with
/// S_exp = 1 − 2·Σ_ab p_a· p_·b |a − b|/Δ the S expected under independence.
///
/// Equivalently A = 2(D_e − D_o) with linear δ, and κ_linear = A / (1 − S_exp): linear κ without
/// the rescaling. Range [−1, 1]; undefined only when N = 0 (A = 0 when D_e = 0). Matches
/// `fpsim::bcai`.
///
/// Benati, S. & Capurri, S. (2026) "The Alignment index and its application to voting at the
/// UNGA", *Quality & Quantity*, doi:10.1007/s11135-026-02814-x.
pub fn benati_capurri(t: &ContingencyTable) -> Score {
    let s = sums(t, Metric::Linear);
    let delta = f64::from(t.scale().range());
    defined_if_any(t, s.total, || {
        2.0 * (s.expected_kappa / s.total - s.observed) / (s.total * delta)
    })
}

/// Kendall's τ_b (legacy only: Bueno de Mesquita 1975, EUGene `tau_glob`).
///
/// τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂)) with C and D the concordant and discordant item pairs,
/// n₀ = N(N − 1)/2 and n₁, n₂ the pairs tied on the first and on the second actor. A rank
/// correlation, not an agreement measure: Signorino & Ritter (1999) and Häge (2011) both reject it
/// for foreign-policy similarity. Range [−1, 1]; undefined when either actor is constant (or N < 2).
/// Equals `scipy.stats.kendalltau` (variant "b") and `fpsim::taub`.
///
/// Kendall, M. G. (1945) "The treatment of ties in ranking problems", *Biometrika* 33(3): 239–251;
/// Signorino & Ritter (1999) for the critique.
///
/// # Errors
/// [`AlignError::WeightedUnsupported`] on a weighted table.
pub fn kendall_tau_b(t: &ContingencyTable) -> Result<Score, AlignError> {
    if t.is_weighted() {
        return Err(AlignError::WeightedUnsupported {
            measure: Measure::KendallTauB,
        });
    }
    let k = t.categories();
    let (mut concordant, mut discordant) = (0.0, 0.0);
    for a in 0..k {
        for b in 0..k {
            let here = t.cell(a, b);
            if here == 0.0 {
                continue;
            }
            for a2 in a + 1..k {
                for b2 in 0..k {
                    let there = t.cell(a2, b2);
                    match b2.cmp(&b) {
                        std::cmp::Ordering::Greater => concordant += here * there,
                        std::cmp::Ordering::Less => discordant += here * there,
                        std::cmp::Ordering::Equal => {}
                    }
                }
            }
        }
    }
    let pairs = |v: f64| v * (v - 1.0) / 2.0;
    let n0 = pairs(t.total());
    let n1: f64 = t.rows()[..k].iter().map(|&v| pairs(v)).sum();
    let n2: f64 = t.cols()[..k].iter().map(|&v| pairs(v)).sum();
    let den = (n0 - n1) * (n0 - n2);
    Ok(if den > 0.0 {
        Score::new(Some((concordant - discordant) / den.sqrt()), t.n())
    } else {
        Score::undefined(t.n())
    })
}

/// Exact percent agreement A = #{k : x_k = y_k} / N (share, not percent). Range [0, 1].
///
/// E.g. `stevedata::rok_unga$agree`, with absences set to missing.
pub fn percent_agreement(t: &ContingencyTable) -> Score {
    let k = t.categories();
    let total = t.total();
    defined_if_any(t, total, || {
        (0..k).map(|a| t.cell(a, a)).sum::<f64>() / total
    })
}

/// Voeten's `agree`: exact agreement with half credit when one actor abstains and the other
/// votes yes or no.
///
/// agree = 1 − (1/N) Σ_k |x_k − y_k| / Δ = (1 + S_abs)/2 on the same items; on Voeten's 1/2/3
/// coding this is (#same + ½·#(abstain vs. yes/no)) / N. Range [0, 1]; undefined when N = 0.
///
/// Voeten, E. et al., "United Nations General Assembly Voting Data", Harvard Dataverse,
/// hdl:1902.1/12379 (AgreementScores documentation).
pub fn voeten_agree(t: &ContingencyTable) -> Score {
    let s = sums(t, Metric::Linear);
    let delta = f64::from(t.scale().range());
    defined_if_any(t, s.total, || 1.0 - s.observed / (s.total * delta))
}

/// The US State Department's "votes only" voting coincidence: identical / (identical + opposite).
///
/// Only items where both actors are at an extreme of the scale count (on Voeten's coding: both
/// voted yes or no; abstentions are excluded). N in the returned score is still the number of
/// joint items. Range [0, 1]; undefined when no item has both actors at an extreme.
///
/// US Department of State, *Voting Practices in the United Nations* (annual report to Congress).
pub fn state_dept_coincidence(t: &ContingencyTable) -> Score {
    let hi = t.categories() - 1;
    let identical = t.cell(0, 0) + t.cell(hi, hi);
    let opposite = t.cell(0, hi) + t.cell(hi, 0);
    let counted = identical + opposite;
    if counted > 0.0 {
        Score::new(Some(identical / counted), t.n())
    } else {
        Score::undefined(t.n())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Scale;

    const EPS: f64 = 1e-12;

    fn close(s: Score, want: f64) {
        let v = s.value.expect("defined");
        assert!((v - want).abs() < EPS, "got {v}, want {want}");
    }

    /// Häge's closed forms must equal the table forms (reference §4.1).
    #[test]
    fn hage_closed_forms() {
        let x = [1u8, 1, 1, 1, 2, 3, 1, 3, 2, 2, 3, 1];
        let y = [1u8, 2, 3, 1, 2, 3, 3, 1, 1, 2, 2, 2];
        let xs: Vec<_> = x.iter().map(|&v| Some(v)).collect();
        let ys: Vec<_> = y.iter().map(|&v| Some(v)).collect();
        let t = ContingencyTable::from_codes(Scale::VOETEN, &xs, &ys).unwrap();
        let n = x.len() as f64;
        let f = |v: u8| f64::from(v);
        let s1: f64 = x.iter().map(|&v| f(v)).sum();
        let s2: f64 = y.iter().map(|&v| f(v)).sum();
        let ss1: f64 = x.iter().map(|&v| f(v) * f(v)).sum();
        let ss2: f64 = y.iter().map(|&v| f(v) * f(v)).sum();
        let ssd: f64 = x.iter().zip(&y).map(|(&a, &b)| (f(a) - f(b)).powi(2)).sum();
        let o = Options::default();
        close(
            kappa(&t, Metric::Quadratic, &o),
            1.0 - ssd / (ss1 + ss2 - 2.0 / n * s1 * s2),
        );
        close(
            scott_pi(&t, Metric::Quadratic, &o),
            1.0 - ssd / (ss1 + ss2 - (s1 + s2).powi(2) / (2.0 * n)),
        );
        // α = 1 − (1 − π)(2N − 1)/(2N)
        let pi = scott_pi(&t, Metric::Quadratic, &o).value.unwrap();
        close(
            krippendorff_alpha(&t, AlphaLevel::Interval).unwrap(),
            1.0 - (1.0 - pi) * (2.0 * n - 1.0) / (2.0 * n),
        );
        // κ_lin = A / (1 − S_exp) with S_exp = S_abs − A.
        let a = benati_capurri(&t).value.unwrap();
        let s_exp = s_absolute(&t).value.unwrap() - a;
        close(kappa(&t, Metric::Linear, &o), a / (1.0 - s_exp));
    }

    #[test]
    fn weighted_table_rejected_where_counts_matter() {
        let t =
            ContingencyTable::from_weighted_codes(Scale::BINARY, &[Some(0)], &[Some(1)], &[0.5])
                .unwrap();
        assert!(krippendorff_alpha(&t, AlphaLevel::Nominal).is_err());
        assert!(kendall_tau_b(&t).is_err());
        assert!(s_absolute(&t).value.is_some());
    }

    #[test]
    fn zero_weight_total_is_undefined() {
        let t =
            ContingencyTable::from_weighted_codes(Scale::BINARY, &[Some(0)], &[Some(1)], &[0.0])
                .unwrap();
        assert_eq!(t.n(), 1);
        assert_eq!(s_absolute(&t), Score::undefined(1));
        assert_eq!(
            kappa(&t, Metric::Nominal, &Options::fpsim()),
            Score::undefined(1)
        );
        assert_eq!(percent_agreement(&t), Score::undefined(1));
    }

    #[test]
    fn state_dept_ignores_abstentions() {
        // yes/abstain and abstain/abstain only: nothing to count.
        let t =
            ContingencyTable::from_codes(Scale::VOETEN, &[Some(1), Some(2)], &[Some(2), Some(2)])
                .unwrap();
        assert_eq!(state_dept_coincidence(&t), Score::undefined(2));
        assert_eq!(percent_agreement(&t).value, Some(0.5));
    }
}
