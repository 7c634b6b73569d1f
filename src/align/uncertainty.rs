//! Sampling uncertainty of a dyadic measure: a percentile bootstrap interval, and a permutation
//! test of a change between two windows. Both are seeded and reproducible.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{AlignError, ContingencyTable, Dyad, Measure, Options, Score};

/// The most replicates [`bootstrap`] draws: each replicate keeps one 8-byte value, so the
/// limit bounds that buffer at 80 MB (and `--bootstrap` at the command line).
pub const MAX_REPLICATES: u32 = 10_000_000;

/// Settings of [`bootstrap`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootstrapConfig {
    /// Number of bootstrap replicates B.
    pub replicates: u32,
    /// Confidence level in (0, 1), e.g. 0.95.
    pub level: f64,
    /// Seed of the ChaCha8 generator.
    pub seed: u64,
    /// Options passed to the measure.
    pub options: Options,
}

impl Default for BootstrapConfig {
    /// 2,000 replicates, 95 %, seed 0.
    fn default() -> Self {
        BootstrapConfig {
            replicates: 2000,
            level: 0.95,
            seed: 0,
            options: Options::default(),
        }
    }
}

/// A percentile bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The measure on the observed items.
    pub estimate: Score,
    /// Lower bound, `None` if no replicate was defined.
    pub lower: Option<f64>,
    /// Upper bound, `None` if no replicate was defined.
    pub upper: Option<f64>,
    /// Confidence level.
    pub level: f64,
    /// Replicates drawn.
    pub replicates: u32,
    /// Replicates on which the measure was defined (the interval uses only these).
    pub defined: u32,
}

/// Percentile bootstrap interval of `measure` on a dyad.
///
/// The N joint items (pairwise deletion first) are resampled with replacement B times; the
/// interval is the (1 − level)/2 and (1 + level)/2 quantiles of the defined replicate values
/// (linear interpolation between order statistics, numpy's default). Replicates where the
/// measure is undefined (e.g. a resample with zero expected disagreement) are left out and
/// counted in [`Interval::defined`]. Item weights, if the dyad has them, travel with their items.
///
/// Efron, B. & Tibshirani, R. J. (1993) *An Introduction to the Bootstrap*, ch. 13.
///
/// # Errors
/// [`AlignError::InvalidParameter`] for B = 0, B above [`MAX_REPLICATES`] or a level outside
/// (0, 1); measure errors as
/// [`Measure::compute_with`].
///
/// ```
/// use cosignatory::align::uncertainty::{bootstrap, BootstrapConfig};
/// use cosignatory::align::{Dyad, Measure, Scale};
/// let x = [1, 1, 2, 3, 1, 3, 1, 2, 1, 1].map(Some);
/// let y = [1, 2, 2, 3, 3, 3, 1, 1, 1, 1].map(Some);
/// let d = Dyad::new(Scale::VOETEN, &x, &y).unwrap();
/// let cfg = BootstrapConfig { replicates: 500, seed: 7, ..Default::default() };
/// let ci = bootstrap(Measure::SAbsolute, &d, &cfg).unwrap();
/// let (lo, hi, est) = (ci.lower.unwrap(), ci.upper.unwrap(), ci.estimate.value.unwrap());
/// assert!(lo <= est && est <= hi);
/// assert_eq!(ci, bootstrap(Measure::SAbsolute, &d, &cfg).unwrap()); // seeded
/// ```
pub fn bootstrap(
    measure: Measure,
    dyad: &Dyad<'_>,
    cfg: &BootstrapConfig,
) -> Result<Interval, AlignError> {
    if cfg.replicates == 0 {
        return Err(AlignError::invalid(
            "replicates",
            0,
            "the bootstrap needs at least one replicate",
        ));
    }
    if cfg.replicates > MAX_REPLICATES {
        return Err(AlignError::invalid(
            "replicates",
            cfg.replicates,
            format!(
                "at most {MAX_REPLICATES} replicates are drawn (their values alone would need {:.1} GB)",
                f64::from(cfg.replicates) * 8.0 / 1e9
            ),
        ));
    }
    if !(cfg.level > 0.0 && cfg.level < 1.0) {
        return Err(AlignError::invalid(
            "level",
            cfg.level,
            "a confidence level must lie in (0, 1)",
        ));
    }
    let estimate = measure.compute_with(&dyad.table(), &cfg.options)?;
    let items = dyad.joint_items();
    let weighted = dyad.weights().is_some();
    let mut values = Vec::with_capacity(cfg.replicates as usize);
    if !items.is_empty() {
        let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
        for _ in 0..cfg.replicates {
            let mut t = ContingencyTable::empty(dyad.scale(), weighted);
            for _ in 0..items.len() {
                let (i, j, w) = items[rng.random_range(0..items.len())];
                t.add_index(usize::from(i), usize::from(j), w);
            }
            if let Some(v) = measure.compute_with(&t, &cfg.options)?.value {
                values.push(v);
            }
        }
    }
    values.sort_by(f64::total_cmp);
    let alpha = (1.0 - cfg.level) / 2.0;
    Ok(Interval {
        estimate,
        lower: quantile(&values, alpha),
        upper: quantile(&values, 1.0 - alpha),
        level: cfg.level,
        replicates: cfg.replicates,
        defined: values.len() as u32,
    })
}

/// Quantile of sorted values by linear interpolation (Hyndman & Fan type 7).
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Settings of [`permutation_test`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PermutationConfig {
    /// Number of random permutations R.
    pub permutations: u32,
    /// Seed of the ChaCha8 generator.
    pub seed: u64,
    /// Options passed to the measure.
    pub options: Options,
}

impl Default for PermutationConfig {
    /// 9,999 permutations, seed 0.
    fn default() -> Self {
        PermutationConfig {
            permutations: 9999,
            seed: 0,
            options: Options::default(),
        }
    }
}

/// The result of [`permutation_test`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PermutationTest {
    /// The measure in window A.
    pub first: Score,
    /// The measure in window B.
    pub second: Score,
    /// Observed difference B − A, `None` if either is undefined.
    pub difference: Option<f64>,
    /// Two-sided p-value (1 + #{|d*| ≥ |d|}) / (1 + R'), `None` if the difference is undefined.
    pub p_value: Option<f64>,
    /// Permutations drawn (R).
    pub permutations: u32,
    /// Permutations whose difference was defined (R'), the ones the p-value counts.
    pub defined: u32,
}

/// Permutation test of "the dyad's alignment changed between window A and window B".
///
/// The statistic is d = m(B) − m(A). Under the null hypothesis that the windows are exchangeable,
/// the joint items of both windows are pooled and randomly re-split into groups of the original
/// sizes R times (Fisher–Yates shuffles). The two-sided p-value is
/// (1 + #{|d*| ≥ |d|}) / (1 + R'), the +1 correction that keeps a Monte Carlo p-value valid, where
/// R' counts the permutations on which d* is defined. |d*| ≥ |d| is tested with a relative
/// tolerance of 10⁻¹² so that ties in exact arithmetic are not lost to rounding.
///
/// Phipson, B. & Smyth, G. K. (2010) "Permutation p-values should never be zero", *Stat. Appl.
/// Genet. Mol. Biol.* 9(1): 39.
///
/// # Errors
/// [`AlignError::InvalidParameter`] for R = 0, or if one dyad has weights and the other not;
/// [`AlignError::ScaleMismatch`] if the dyads' scales differ; measure errors as
/// [`Measure::compute_with`].
///
/// ```
/// use cosignatory::align::uncertainty::{permutation_test, PermutationConfig};
/// use cosignatory::align::{Dyad, Measure, Scale};
/// let same = [1, 1, 3, 3, 1, 3, 1, 3].map(Some);
/// let flip = [3, 3, 1, 1, 3, 1, 3, 1].map(Some);
/// let before = Dyad::new(Scale::VOETEN, &same, &same).unwrap();
/// let after = Dyad::new(Scale::VOETEN, &same, &flip).unwrap();
/// let cfg = PermutationConfig { permutations: 999, seed: 1, ..Default::default() };
/// let t = permutation_test(Measure::SAbsolute, &before, &after, &cfg).unwrap();
/// assert_eq!(t.difference, Some(-2.0)); // from S = 1 to S = −1
/// assert!(t.p_value.unwrap() < 0.01);
/// ```
pub fn permutation_test(
    measure: Measure,
    first: &Dyad<'_>,
    second: &Dyad<'_>,
    cfg: &PermutationConfig,
) -> Result<PermutationTest, AlignError> {
    if cfg.permutations == 0 {
        return Err(AlignError::invalid(
            "permutations",
            0,
            "the test needs at least one permutation",
        ));
    }
    if first.scale() != second.scale() {
        return Err(AlignError::ScaleMismatch(
            first.scale().to_string(),
            second.scale().to_string(),
        ));
    }
    let weighted = first.weights().is_some();
    if weighted != second.weights().is_some() {
        return Err(AlignError::invalid(
            "second",
            if weighted { "unweighted" } else { "weighted" },
            "both windows must have item weights, or neither",
        ));
    }
    let a = measure.compute_with(&first.table(), &cfg.options)?;
    let b = measure.compute_with(&second.table(), &cfg.options)?;
    let difference = match (a.value, b.value) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    let mut result = PermutationTest {
        first: a,
        second: b,
        difference,
        p_value: None,
        permutations: cfg.permutations,
        defined: 0,
    };
    let Some(observed) = difference else {
        return Ok(result);
    };

    let mut pooled = first.joint_items();
    let split = pooled.len();
    pooled.extend(second.joint_items());
    let threshold = observed.abs() * (1.0 - 1e-12);
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let mut extreme = 0u32;
    for _ in 0..cfg.permutations {
        for i in (1..pooled.len()).rev() {
            pooled.swap(i, rng.random_range(0..=i));
        }
        let table_of = |items: &[(u8, u8, f64)]| {
            let mut t = ContingencyTable::empty(first.scale(), weighted);
            for &(i, j, w) in items {
                t.add_index(usize::from(i), usize::from(j), w);
            }
            t
        };
        let pa = measure.compute_with(&table_of(&pooled[..split]), &cfg.options)?;
        let pb = measure.compute_with(&table_of(&pooled[split..]), &cfg.options)?;
        if let (Some(pa), Some(pb)) = (pa.value, pb.value) {
            result.defined += 1;
            if (pb - pa).abs() >= threshold {
                extreme += 1;
            }
        }
    }
    result.p_value = Some(f64::from(1 + extreme) / f64::from(1 + result.defined));
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Scale;

    #[test]
    fn quantile_type7() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.0), Some(1.0));
        assert_eq!(quantile(&v, 1.0), Some(4.0));
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[7.0], 0.9), Some(7.0));
    }

    #[test]
    fn bootstrap_constant_dyad_is_degenerate() {
        // Identical, varied: every resample has S = 1, so the interval collapses.
        let x = [1, 2, 3, 1, 2, 3].map(Some);
        let d = Dyad::new(Scale::VOETEN, &x, &x).unwrap();
        let cfg = BootstrapConfig {
            replicates: 200,
            ..Default::default()
        };
        let ci = bootstrap(Measure::SAbsolute, &d, &cfg).unwrap();
        assert_eq!(
            (ci.lower, ci.upper, ci.defined),
            (Some(1.0), Some(1.0), 200)
        );
        // κ is undefined on resamples that drew a single category; those are left out.
        let ci = bootstrap(Measure::KappaNominal, &d, &cfg).unwrap();
        assert!(ci.defined < 200 && ci.defined > 150, "{}", ci.defined);
        assert_eq!(ci.lower, Some(1.0));
    }

    #[test]
    fn bootstrap_empty_and_bad_config() {
        let x = [None, Some(1)];
        let y = [Some(1), None];
        let d = Dyad::new(Scale::VOETEN, &x, &y).unwrap();
        let ci = bootstrap(Measure::SAbsolute, &d, &BootstrapConfig::default()).unwrap();
        assert_eq!(
            (ci.estimate, ci.lower, ci.defined),
            (Score::undefined(0), None, 0)
        );
        let bad = BootstrapConfig {
            level: 1.0,
            ..Default::default()
        };
        assert!(bootstrap(Measure::SAbsolute, &d, &bad).is_err());
        let bad = BootstrapConfig {
            replicates: 0,
            ..Default::default()
        };
        assert!(bootstrap(Measure::SAbsolute, &d, &bad).is_err());
    }

    #[test]
    fn bootstrap_refuses_more_replicates_than_the_limit_before_allocating() {
        let x = [Some(1), Some(2)];
        let d = Dyad::new(Scale::VOETEN, &x, &x).unwrap();
        let huge = BootstrapConfig {
            replicates: u32::MAX,
            ..Default::default()
        };
        // Would abort on a 34 GB allocation without the limit.
        let e = bootstrap(Measure::SAbsolute, &d, &huge)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("at most 10000000") && e.contains("34.4 GB"),
            "{e}"
        );
        let at_limit = BootstrapConfig {
            replicates: MAX_REPLICATES + 1,
            ..Default::default()
        };
        assert!(bootstrap(Measure::SAbsolute, &d, &at_limit).is_err());
    }

    #[test]
    fn bootstrap_interval_covers_and_depends_on_seed() {
        let x: Vec<_> = (0..60).map(|k| Some(1 + (k * 7 % 3) as u8)).collect();
        let y: Vec<_> = (0..60)
            .map(|k| Some(1 + ((k * 7 + k / 5) % 3) as u8))
            .collect();
        let d = Dyad::new(Scale::VOETEN, &x, &y).unwrap();
        let c1 = bootstrap(Measure::KappaQuadratic, &d, &BootstrapConfig::default()).unwrap();
        let c2 = bootstrap(
            Measure::KappaQuadratic,
            &d,
            &BootstrapConfig {
                seed: 9,
                ..Default::default()
            },
        )
        .unwrap();
        let (lo, hi) = (c1.lower.unwrap(), c1.upper.unwrap());
        assert!(lo < c1.estimate.value.unwrap() && c1.estimate.value.unwrap() < hi);
        assert!(hi - lo > 0.05 && hi - lo < 1.0, "{lo} {hi}");
        assert_ne!(c1.lower, c2.lower);
    }

    #[test]
    fn permutation_null_is_not_significant() {
        // Same generating rule in both windows: the p-value must not be small.
        let x: Vec<_> = (0..40).map(|k| Some(1 + (k % 3) as u8)).collect();
        let y: Vec<_> = (0..40).map(|k| Some(1 + ((k + k / 4) % 3) as u8)).collect();
        let a = Dyad::new(Scale::VOETEN, &x[..20], &y[..20]).unwrap();
        let b = Dyad::new(Scale::VOETEN, &x[20..], &y[20..]).unwrap();
        let cfg = PermutationConfig {
            permutations: 499,
            ..Default::default()
        };
        let t = permutation_test(Measure::VoetenAgree, &a, &b, &cfg).unwrap();
        assert!(t.p_value.unwrap() > 0.2, "{t:?}");
        assert_eq!(t.defined, 499);
        // Identical windows: d = 0, every permutation is at least as extreme, p = 1.
        let t = permutation_test(Measure::VoetenAgree, &a, &a, &cfg).unwrap();
        assert_eq!((t.difference, t.p_value), (Some(0.0), Some(1.0)));
    }

    #[test]
    fn permutation_undefined_and_errors() {
        let x = [Some(1), Some(1)];
        let a = Dyad::new(Scale::VOETEN, &x, &x).unwrap();
        let cfg = PermutationConfig {
            permutations: 10,
            ..Default::default()
        };
        let t = permutation_test(Measure::KappaNominal, &a, &a, &cfg).unwrap();
        assert_eq!((t.difference, t.p_value), (None, None));
        let b = Dyad::new(Scale::BINARY, &[Some(1)], &[Some(1)]).unwrap();
        assert!(permutation_test(Measure::SAbsolute, &a, &b, &cfg).is_err());
        let w = [1.0, 1.0];
        let aw = a.with_weights(&w).unwrap();
        assert!(permutation_test(Measure::SAbsolute, &a, &aw, &cfg).is_err());
    }
}
