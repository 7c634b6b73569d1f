//! Sampling uncertainty of a dyadic measure: a percentile bootstrap interval, and a permutation
//! test of a change between two windows. Both are seeded and reproducible, and both resample
//! either single items or whole clusters of items ([`Resample`]).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{AlignError, ContingencyTable, Dyad, Measure, Options, Score};

/// The most replicates [`bootstrap`] draws: each replicate keeps one 8-byte value, so the
/// limit bounds that buffer at 80 MB (and `--bootstrap` at the command line).
pub const MAX_REPLICATES: u32 = 10_000_000;

/// What the bootstrap and the permutation test draw: single items, or whole clusters of items.
///
/// Roll calls are clustered: the paragraph and amendment votes on one resolution are not
/// independent draws, and resampling them one by one understates the uncertainty. With
/// [`Resample::Resolution`] the units are resolutions (the `unres` attribute of a roll call; a
/// statement without one is a unit of its own) and every roll call of a drawn resolution comes
/// along (a cluster, or block, bootstrap; Cameron & Miller 2015, *J. Human Resources* 50(2)).
///
/// The measure-layer functions ([`bootstrap`], [`permutation_test`]) take the units from the
/// dyad ([`Dyad::with_clusters`]); the view-level ones ([`alignment_series`](super::alignment_series),
/// [`compare_windows`](super::compare_windows)) build them from the statements.
///
/// ```
/// use cosignatory::align::uncertainty::Resample;
/// assert_eq!(Resample::default(), Resample::Statement);
/// assert_eq!("resolution".parse::<Resample>().unwrap(), Resample::Resolution);
/// assert_eq!(Resample::Resolution.to_string(), "resolution");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Resample {
    /// Every item (statement, roll call) is a unit.
    #[default]
    Statement,
    /// Items with the same cluster label are one unit: for statements, the same `unres`
    /// attribute (the UN resolution); a statement without one is a unit of its own.
    Resolution,
}

crate::names::named_enum!(Resample, "resampling unit", [
    Statement => "statement",
    Resolution => "resolution",
]);

/// The statement attribute that names a roll call's resolution ([`Resample::Resolution`]).
pub const RESOLUTION_ATTRIBUTE: &str = "unres";

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
    /// What is drawn: items, or whole clusters ([`Resample`]; default: items).
    #[serde(default)]
    pub resample: Resample,
}

impl Default for BootstrapConfig {
    /// 2,000 replicates, 95 %, seed 0, items drawn one by one.
    fn default() -> Self {
        BootstrapConfig {
            replicates: 2000,
            level: 0.95,
            seed: 0,
            options: Options::default(),
            resample: Resample::Statement,
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
/// With [`Resample::Resolution`] and a dyad that carries clusters ([`Dyad::with_clusters`]),
/// the G clusters that hold at least one joint item are drawn G times with replacement and each
/// drawn cluster contributes all its joint items (a cluster bootstrap: a replicate's N varies).
/// With every cluster of size 1 this is the item bootstrap, draw for draw, under the same seed.
/// A dyad without clusters is resampled by item whatever `resample` says.
///
/// Efron, B. & Tibshirani, R. J. (1993) *An Introduction to the Bootstrap*, ch. 13; Davison, A.
/// C. & Hinkley, D. V. (1997) *Bootstrap Methods and their Application*, §3.8 (clustered data).
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
    let (items, starts) = units(dyad, cfg.resample);
    let clusters = starts.len() - 1;
    let weighted = dyad.weights().is_some();
    let mut values = Vec::with_capacity(cfg.replicates as usize);
    if !items.is_empty() {
        let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
        for _ in 0..cfg.replicates {
            let mut t = ContingencyTable::empty(dyad.scale(), weighted);
            for _ in 0..clusters {
                let c = rng.random_range(0..clusters);
                for &(i, j, w) in &items[starts[c]..starts[c + 1]] {
                    t.add_index(usize::from(i), usize::from(j), w);
                }
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

/// The dyad's joint items grouped into resampling units, and where each unit starts (the
/// end last): the dyad's clusters under [`Resample::Resolution`], single items otherwise.
fn units(dyad: &Dyad<'_>, resample: Resample) -> (Vec<(u8, u8, f64)>, Vec<usize>) {
    match resample {
        Resample::Resolution => dyad.joint_clusters(),
        Resample::Statement => {
            let items = dyad.joint_items();
            let starts = (0..=items.len()).collect();
            (items, starts)
        }
    }
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
    /// What is permuted between the windows: items, or whole clusters ([`Resample`]).
    #[serde(default)]
    pub resample: Resample,
}

impl Default for PermutationConfig {
    /// 9,999 permutations, seed 0, items permuted one by one.
    fn default() -> Self {
        PermutationConfig {
            permutations: 9999,
            seed: 0,
            options: Options::default(),
            resample: Resample::Statement,
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
    /// What was permuted.
    pub resample: Resample,
    /// Resampling units of window A with at least one joint item (the joint items under
    /// [`Resample::Statement`], the clusters under [`Resample::Resolution`]).
    pub first_units: u32,
    /// Resampling units of window B, as `first_units`.
    pub second_units: u32,
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
/// With [`Resample::Resolution`] and dyads that carry clusters ([`Dyad::with_clusters`]),
/// whole clusters are permuted: the G_A + G_B clusters of both windows are pooled and
/// re-split into G_A and G_B clusters, each taking all its joint items (the statistic and the
/// p-value are the same; the groups' item counts vary between permutations). A cluster label
/// that occurs in both windows is two clusters, one per window. With every cluster of size 1
/// this is the item test, permutation for permutation, under the same seed.
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
    let (items_a, starts_a) = units(first, cfg.resample);
    let (items_b, starts_b) = units(second, cfg.resample);
    let mut result = PermutationTest {
        first: a,
        second: b,
        difference,
        p_value: None,
        permutations: cfg.permutations,
        defined: 0,
        resample: cfg.resample,
        first_units: (starts_a.len() - 1) as u32,
        second_units: (starts_b.len() - 1) as u32,
    };
    let Some(observed) = difference else {
        return Ok(result);
    };

    // The units of both windows as ranges into one pooled item list; a permutation shuffles
    // the units and gives the first G_A of them to window A.
    let split = starts_a.len() - 1;
    let mut pooled_items = items_a;
    let offset = pooled_items.len();
    pooled_items.extend(items_b);
    let mut pooled: Vec<(usize, usize)> = starts_a
        .windows(2)
        .map(|r| (r[0], r[1]))
        .chain(starts_b.windows(2).map(|r| (offset + r[0], offset + r[1])))
        .collect();
    let threshold = observed.abs() * (1.0 - 1e-12);
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let mut extreme = 0u32;
    for _ in 0..cfg.permutations {
        for i in (1..pooled.len()).rev() {
            pooled.swap(i, rng.random_range(0..=i));
        }
        let table_of = |units: &[(usize, usize)]| {
            let mut t = ContingencyTable::empty(first.scale(), weighted);
            for &(from, to) in units {
                for &(i, j, w) in &pooled_items[from..to] {
                    t.add_index(usize::from(i), usize::from(j), w);
                }
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

    /// Codes with some variation, for the resampling tests.
    fn varied(n: usize) -> (Vec<Option<u8>>, Vec<Option<u8>>) {
        let x = (0..n).map(|k| Some(1 + (k * 7 % 3) as u8)).collect();
        let y = (0..n)
            .map(|k| Some(1 + ((k * 7 + k / 5) % 3) as u8))
            .collect();
        (x, y)
    }

    #[test]
    fn cluster_bootstrap_of_singletons_is_the_item_bootstrap() {
        let (x, y) = varied(40);
        // Distinct labels in any order: each cluster is one item, drawn in item order.
        let labels: Vec<u32> = (0..40).map(|k| 1000 - 3 * k).collect();
        let d = Dyad::new(Scale::VOETEN, &x, &y).unwrap();
        let by_item = BootstrapConfig {
            replicates: 300,
            seed: 11,
            ..Default::default()
        };
        let by_resolution = BootstrapConfig {
            resample: Resample::Resolution,
            ..by_item
        };
        let clustered = d.with_clusters(&labels).unwrap();
        let a = bootstrap(Measure::KappaQuadratic, &d, &by_item).unwrap();
        let b = bootstrap(Measure::KappaQuadratic, &clustered, &by_resolution).unwrap();
        assert_eq!((a.lower, a.upper, a.defined), (b.lower, b.upper, b.defined));
        // A dyad without clusters is resampled by item whatever `resample` says.
        assert_eq!(
            a,
            bootstrap(Measure::KappaQuadratic, &d, &by_resolution).unwrap()
        );
        // Clusters are read only under `Resample::Resolution`.
        assert_eq!(
            a,
            bootstrap(Measure::KappaQuadratic, &clustered, &by_item).unwrap()
        );
    }

    #[test]
    fn cluster_bootstrap_draws_whole_clusters() {
        let (x, y) = varied(40);
        let d = Dyad::new(Scale::VOETEN, &x, &y).unwrap();
        let cfg = BootstrapConfig {
            replicates: 200,
            seed: 2,
            resample: Resample::Resolution,
            ..Default::default()
        };
        // One resolution: every replicate draws it, so every replicate is the data itself.
        let one = [7u32; 40];
        let ci = bootstrap(Measure::SAbsolute, &d.with_clusters(&one).unwrap(), &cfg).unwrap();
        let est = ci.estimate.value;
        assert_eq!((ci.lower, ci.upper, ci.defined), (est, est, 200));
        // Two resolutions, one where the actors always agree (10 items) and one where they
        // never do (x = 1, y = 3; 10 items): a replicate is both (S = 0), twice the first (1)
        // or twice the second (−1). Percent agreement: 0.5, 1 or 0.
        let x = [[Some(1); 10], [Some(1); 10]].concat();
        let y = [[Some(1); 10], [Some(3); 10]].concat();
        let labels = [[4u32; 10], [9u32; 10]].concat();
        let d = Dyad::new(Scale::VOETEN, &x, &y).unwrap();
        let two = d.with_clusters(&labels).unwrap();
        for level in [0.2, 0.6, 0.95] {
            let ci = bootstrap(
                Measure::PercentAgreement,
                &two,
                &BootstrapConfig { level, ..cfg },
            )
            .unwrap();
            for bound in [ci.lower.unwrap(), ci.upper.unwrap()] {
                // Between order statistics in {0, 0.5, 1} only, so the bounds stay in [0, 1]
                // and a 95 % interval reaches both ends.
                assert!((0.0..=1.0).contains(&bound), "{bound}");
            }
            if level == 0.95 {
                assert_eq!((ci.lower, ci.upper), (Some(0.0), Some(1.0)));
            }
        }
        // By item, replicates are binomial(20, ½)/20: a 95 % interval is far narrower.
        let ci = bootstrap(
            Measure::PercentAgreement,
            &d,
            &BootstrapConfig {
                resample: Resample::Statement,
                level: 0.95,
                ..cfg
            },
        )
        .unwrap();
        assert!(ci.lower.unwrap() > 0.2 && ci.upper.unwrap() < 0.8, "{ci:?}");
    }

    #[test]
    fn cluster_permutation_of_singletons_is_the_item_test() {
        let (x, y) = varied(40);
        let a = Dyad::new(Scale::VOETEN, &x[..20], &y[..20]).unwrap();
        let b = Dyad::new(Scale::VOETEN, &x[20..], &y[20..]).unwrap();
        let labels: Vec<u32> = (0..40).collect();
        let cfg = PermutationConfig {
            permutations: 299,
            seed: 5,
            ..Default::default()
        };
        let t = permutation_test(Measure::KappaQuadratic, &a, &b, &cfg).unwrap();
        let u = permutation_test(
            Measure::KappaQuadratic,
            &a.with_clusters(&labels[..20]).unwrap(),
            &b.with_clusters(&labels[20..]).unwrap(),
            &PermutationConfig {
                resample: Resample::Resolution,
                ..cfg
            },
        )
        .unwrap();
        assert_eq!((t.p_value, t.defined), (u.p_value, u.defined));
        assert_eq!((u.first_units, u.second_units), (20, 20));
        assert_eq!(u.resample, Resample::Resolution);
    }

    #[test]
    fn one_resolution_per_window_cannot_be_significant() {
        // Same-vote window against opposite-vote window: by item p is tiny; with one resolution
        // in each window the only re-splits are the observed one and its mirror, both as
        // extreme, so p = 1 exactly.
        let same = [1, 1, 3, 3, 1, 3, 1, 3].map(Some);
        let flip = [3, 3, 1, 1, 3, 1, 3, 1].map(Some);
        let before = Dyad::new(Scale::VOETEN, &same, &same).unwrap();
        let after = Dyad::new(Scale::VOETEN, &same, &flip).unwrap();
        let cfg = PermutationConfig {
            permutations: 99,
            seed: 1,
            ..Default::default()
        };
        let t = permutation_test(Measure::SAbsolute, &before, &after, &cfg).unwrap();
        assert!(t.p_value.unwrap() < 0.05);
        let r1 = [1u32; 8];
        let r2 = [2u32; 8];
        let t = permutation_test(
            Measure::SAbsolute,
            &before.with_clusters(&r1).unwrap(),
            &after.with_clusters(&r2).unwrap(),
            &PermutationConfig {
                resample: Resample::Resolution,
                ..cfg
            },
        )
        .unwrap();
        assert_eq!(
            (t.difference, t.p_value, t.defined),
            (Some(-2.0), Some(1.0), 99)
        );
        assert_eq!((t.first_units, t.second_units), (1, 1));
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
