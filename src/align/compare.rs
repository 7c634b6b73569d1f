//! Change between two windows: the permutation test of every chosen pair, by statement or by
//! resolution ([`Resample`]).

use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::over_view::{bloc_list, positions, resampling_units};
use super::series::{check, resolve_pairs};
use super::uncertainty::{PermutationConfig, PermutationTest, Resample, permutation_test};
use super::{Defaults, Dyad, Measure, Pairs, SeriesOptions};
use crate::error::{Error, Result};
use crate::model::View;
use crate::time::Window;

/// One pair's change between two windows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowChange {
    /// First actor id.
    pub a: Arc<str>,
    /// Second actor id.
    pub b: Arc<str>,
    /// Window A.
    pub first: Window,
    /// Window B.
    pub second: Window,
    /// The measure.
    pub measure: Measure,
    /// The scores in A and B (with their N), the difference B − A, its p-value, the
    /// permutations and the resampling units in each window.
    pub test: PermutationTest,
}

impl WindowChange {
    /// The resampling unit of the test.
    pub fn resample(&self) -> Resample {
        self.test.resample
    }
}

/// The permutation test of "the pair's alignment changed between window A and window B"
/// ([`permutation_test`]) for every pair of the selection, on the items of each window under
/// the measure, coding and universe of `options` (its `bootstrap` is not used).
///
/// With `cfg.resample` = [`Resample::Resolution`], whole resolutions (the `unres` attribute;
/// a statement without one is its own unit) are permuted between the windows
/// ([`resampling_units`](super::resampling_units)). Every pair starts from `cfg.seed`, so a
/// pair's result does not depend on the other pairs, and pairs run in parallel under the
/// `parallel` feature with the same bits.
///
/// ```
/// use cosignatory::align::{compare_windows, Pairs, SeriesOptions};
/// use cosignatory::align::uncertainty::PermutationConfig;
/// use cosignatory::time::Window;
/// let ds = cosignatory::datasets::joint_statements();
/// let view = ds.view();
/// let (a, b) = ("2020".parse::<Window>().unwrap(), "2023-2024".parse::<Window>().unwrap());
/// let cfg = PermutationConfig { permutations: 199, ..Default::default() };
/// let opts = SeriesOptions::for_view(&view);
/// let c = compare_windows(&view, a, b, &Pairs::list(&[("GBR", "USA")]), &opts, &cfg).unwrap();
/// assert_eq!(c.len(), 1);
/// let p = c[0].test.p_value.unwrap();
/// assert!(p > 0.0 && p <= 1.0);
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for windows that overlap, for `newman` (a permuted table has
/// no signer counts) and a bad configuration (no permutation); otherwise as
/// [`alignment_series`](super::alignment_series).
pub fn compare_windows(
    view: &View<'_>,
    first: Window,
    second: Window,
    pairs: &Pairs,
    options: &SeriesOptions,
    cfg: &PermutationConfig,
) -> Result<Vec<WindowChange>> {
    compare_windows_with_progress(view, first, second, pairs, options, cfg, |_, _| {})
}

/// [`compare_windows`], calling `progress(done, total)` after each pair.
///
/// # Errors
/// As [`compare_windows`].
pub fn compare_windows_with_progress(
    view: &View<'_>,
    first: Window,
    second: Window,
    pairs: &Pairs,
    options: &SeriesOptions,
    cfg: &PermutationConfig,
    progress: impl Fn(usize, usize) + Sync,
) -> Result<Vec<WindowChange>> {
    for w in [first, second] {
        if w.start > w.end {
            return Err(Error::InvalidParameter {
                name: "compare",
                value: w.to_string(),
                reason: "the window starts after it ends".into(),
            });
        }
    }
    if first.start <= second.end && second.start <= first.end {
        return Err(Error::InvalidParameter {
            name: "compare",
            value: format!("{first} and {second}"),
            reason: "the windows overlap; a permutation test compares two disjoint sets of items"
                .into(),
        });
    }
    let measure = options.measure;
    if measure == Measure::Newman {
        return Err(Error::InvalidParameter {
            name: "measure",
            value: measure.to_string(),
            reason: "no permutation test for newman: it needs each statement's signer count, \
                     which a permuted pair table does not keep"
                .into(),
        });
    }
    check(&SeriesOptions {
        bootstrap: None,
        ..options.clone()
    })?;
    // The configuration is checked on empty dyads as on any other.
    let empty = Dyad::new(options.coding.scale(), &[], &[])?;
    permutation_test(measure, &empty, &empty, cfg)?;

    let universe = Defaults::for_view(view).resolve(&options.universe);
    let blocs = bloc_list(view, &universe)?;
    let (actors, index_pairs) = resolve_pairs(view, pairs)?;
    let ds = view.dataset();
    let ids: Vec<Arc<str>> = actors
        .iter()
        .map(|&a| Arc::from(ds.actor(a).id.as_str()))
        .collect();
    let window = |w: Window| {
        let v = view.clone().window(w);
        let m = positions(&v, &actors, &options.coding, &universe, &blocs);
        let units = resampling_units(&v, cfg.resample);
        (m, units)
    };
    let (ma, ua) = window(first);
    let (mb, ub) = window(second);
    let done = AtomicUsize::new(0);
    crate::par::try_map(index_pairs.len(), |k| -> Result<WindowChange> {
        let (i, j) = index_pairs[k];
        // The matrix's orientation (i ≤ j), as the series computes a score.
        let (i, j, swap) = if i <= j { (i, j, false) } else { (j, i, true) };
        let (xa, ya) = (ma.actor_codes(i), ma.actor_codes(j));
        let (xb, yb) = (mb.actor_codes(i), mb.actor_codes(j));
        let da = Dyad::new(ma.scale(), &xa, &ya)?.with_clusters(&ua)?;
        let db = Dyad::new(mb.scale(), &xb, &yb)?.with_clusters(&ub)?;
        let test = permutation_test(measure, &da, &db, cfg)?;
        progress(done.fetch_add(1, Ordering::Relaxed) + 1, index_pairs.len());
        let (a, b) = if swap { (j, i) } else { (i, j) };
        Ok(WindowChange {
            a: Arc::clone(&ids[a]),
            b: Arc::clone(&ids[b]),
            first,
            second,
            measure,
            test,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatasetBuilder, Position, Signature, Statement, StatementKind};

    /// Two actors over ten roll calls in 2000 (always the same vote) and ten in 2010 (always
    /// opposite), the roll calls of each year on two resolutions of five.
    fn flip() -> crate::model::Dataset {
        let mut b = DatasetBuilder::new();
        for (year, same) in [(2000, true), (2010, false)] {
            for k in 0..10 {
                let id = format!("r{year}-{k}");
                let date = chrono::NaiveDate::from_ymd_opt(year, 1, 1 + k).unwrap();
                let mut s = Statement::new(&id, date, StatementKind::ResolutionVote);
                s.attributes
                    .insert("unres".into(), format!("R/{year}/{}", k / 5));
                b.statement(s);
                let (x, y) = if k % 2 == 0 {
                    (Position::Yes, Position::No)
                } else {
                    (Position::No, Position::Yes)
                };
                b.signature(Signature::new(&id, "AAA", x));
                let y = if same { x } else { y };
                b.signature(Signature::new(&id, "BBB", y));
            }
        }
        b.build().unwrap()
    }

    #[test]
    fn resolutions_are_permuted_whole() {
        let ds = flip();
        let view = ds.view();
        let opts = SeriesOptions::for_view(&view).with_measure(Measure::VoetenAgree);
        let (a, b) = ("2000".parse().unwrap(), "2010".parse().unwrap());
        let pairs = Pairs::list(&[("BBB", "AAA")]);
        let cfg = PermutationConfig {
            permutations: 999,
            seed: 3,
            ..Default::default()
        };
        let by_item = compare_windows(&view, a, b, &pairs, &opts, &cfg).unwrap();
        let t = by_item[0].test;
        assert_eq!((&*by_item[0].a, &*by_item[0].b), ("BBB", "AAA"));
        assert_eq!((t.difference, t.first.n, t.second.n), (Some(-1.0), 10, 10));
        assert_eq!((t.first_units, t.second_units), (10, 10));
        assert!(t.p_value.unwrap() < 0.01, "{t:?}");
        // Four resolutions: of the C(4, 2) = 6 splits, 2 are as extreme as the observed one,
        // so p ≈ 1/3, however many permutations.
        let by_resolution = compare_windows(
            &view,
            a,
            b,
            &pairs,
            &opts,
            &PermutationConfig {
                resample: Resample::Resolution,
                ..cfg
            },
        )
        .unwrap();
        let t = by_resolution[0].test;
        assert_eq!((t.first_units, t.second_units), (2, 2));
        assert_eq!(t.resample, Resample::Resolution);
        assert!((t.p_value.unwrap() - 1.0 / 3.0).abs() < 0.05, "{t:?}");
        // Overlapping windows are refused.
        let e = compare_windows(&view, a, a, &pairs, &opts, &cfg).unwrap_err();
        assert!(e.to_string().contains("overlap"), "{e}");
    }
}
