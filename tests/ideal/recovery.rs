//! Planted recovery with `synth::ideal_points` (the issue's 120 actors × 15 periods × 80 roll
//! calls, α ~ N(0, 0.7²), β ~ N(0, 1.5²), cut points, 5 % absent).

use cosignatory::ideal::{BootstrapOptions, IdealModel, IdealOptions, IdealPoints, estimate};
use cosignatory::synth::{IdealSynthOptions, PlantedIdeal, ideal_points};
use cosignatory::time::WindowSpec;

fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        ab += (x - ma) * (y - mb);
        aa += (x - ma) * (x - ma);
        bb += (y - mb) * (y - mb);
    }
    ab / (aa * bb).sqrt()
}

/// (estimate, truth) pairs of period `t`.
fn period(fit: &IdealPoints, p: &PlantedIdeal, t: usize) -> (Vec<f64>, Vec<f64>) {
    let w = p.windows[t];
    fit.estimates
        .iter()
        .filter(|e| e.window == w)
        .map(|e| (e.ideal, p.truth[index(p, &e.actor)][t]))
        .unzip()
}

fn index(p: &PlantedIdeal, id: &str) -> usize {
    p.dataset.actor_index(id).unwrap().index()
}

/// The truth on the estimates' scale: the model identifies location and scale only through
/// its priors (and MAP shrinks a random walk's scale), so the planted values are mapped by the
/// least-squares line of estimate on truth over every actor-period before they are compared
/// with intervals or movements.
fn on_estimate_scale(fit: &IdealPoints, p: &PlantedIdeal) -> impl Fn(usize, usize) -> f64 {
    let pairs: Vec<(f64, f64)> = fit
        .estimates
        .iter()
        .map(|e| {
            let t = p.windows.iter().position(|w| *w == e.window).unwrap();
            (p.truth[index(p, &e.actor)][t], e.ideal)
        })
        .collect();
    let n = pairs.len() as f64;
    let (mt, me) = (
        pairs.iter().map(|x| x.0).sum::<f64>() / n,
        pairs.iter().map(|x| x.1).sum::<f64>() / n,
    );
    let cov: f64 = pairs.iter().map(|(t, e)| (t - mt) * (e - me)).sum();
    let var: f64 = pairs.iter().map(|(t, _)| (t - mt) * (t - mt)).sum();
    let slope = cov / var;
    let truth = p.truth.clone();
    move |i, t| me + slope * (truth[i][t] - mt)
}

fn options(model: IdealModel, anchor: &str) -> IdealOptions {
    IdealOptions {
        model,
        window: Some(WindowSpec::years()),
        anchor: Some(anchor.into()),
        ..Default::default()
    }
}

/// The id of planted actor `i` and a sign that orients the truth like the estimates.
fn first_actor(p: &PlantedIdeal) -> (String, f64) {
    let sign = p.truth[0].iter().sum::<f64>().signum();
    (p.dataset.actors()[0].id.clone(), sign)
}

#[test]
fn dynamic_ordinal_recovers_planted_paths_period_by_period() {
    let p = ideal_points(&IdealSynthOptions::default()).unwrap();
    let (anchor, sign) = first_actor(&p);
    let fit = estimate(&p.dataset.view(), &options(IdealModel::Dynamic, &anchor)).unwrap();
    assert_eq!(fit.fits.len(), 1);
    assert!(fit.fits[0].converged, "{:?}", fit.fits[0]);
    assert_eq!(fit.windows.len(), 15);
    for t in 0..15 {
        let (est, truth) = period(&fit, &p, t);
        assert!(est.len() >= 115, "period {t}: {} actors", est.len());
        let r = sign * correlation(&est, &truth);
        assert!(r >= 0.975, "period {t}: r = {r}");
    }
    // Items: one per roll call, three categories.
    assert_eq!(
        fit.items.len(),
        15 * 80 - fit.windows.iter().map(|w| w.dropped_items).sum::<usize>()
    );
    assert!(fit.items.iter().all(|i| i.cut.is_some_and(|c| c > 0.0)));
}

#[test]
fn a_planted_drift_is_recovered_as_movement_relative_to_the_others() {
    let p = ideal_points(&IdealSynthOptions {
        actors: 80,
        periods: 10,
        items: 60,
        drift: 15,
        drift_per_period: 0.15,
        seed: 4,
        ..Default::default()
    })
    .unwrap();
    // Anchored on a non-drifting actor.
    let anchor = p.dataset.actors()[50].id.clone();
    let fit = estimate(&p.dataset.view(), &options(IdealModel::Dynamic, &anchor)).unwrap();
    let truth = on_estimate_scale(&fit, &p);
    let mean = |t: usize, drifting: bool, planted: bool| {
        let w = p.windows[t];
        let v: Vec<f64> = fit
            .estimates
            .iter()
            .filter(|e| e.window == w && (index(&p, &e.actor) < 15) == drifting)
            .map(|e| {
                if planted {
                    truth(index(&p, &e.actor), t)
                } else {
                    e.ideal
                }
            })
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let gap = |t, planted| mean(t, true, planted) - mean(t, false, planted);
    let moved = gap(9, false) - gap(0, false);
    let planted = gap(9, true) - gap(0, true);
    // The planted gap widens by 9 × 0.15 = 1.35 on the truth's scale.
    assert!(planted.abs() > 0.3, "{planted}");
    assert!(
        moved * planted > 0.0 && (moved / planted) > 0.7 && (moved / planted) < 1.3,
        "moved {moved}, planted {planted}"
    );
    // The others, as a group, stay put.
    let others = mean(9, false, false) - mean(0, false, false);
    assert!(others.abs() < 0.25 * planted.abs(), "others moved {others}");
}

#[test]
fn static_binary_recovers_each_year() {
    let p = ideal_points(&IdealSynthOptions {
        actors: 60,
        periods: 3,
        items: 80,
        cut: (0.0, 0.0),
        seed: 8,
        ..Default::default()
    })
    .unwrap();
    // Each year is fitted alone, so the anchor should be clearly off centre every year.
    let a = (0..60)
        .max_by(|&i, &j| {
            let m = |i: usize| {
                p.truth[i]
                    .iter()
                    .map(|x| x.abs())
                    .fold(f64::INFINITY, f64::min)
            };
            m(i).total_cmp(&m(j))
        })
        .unwrap();
    let anchor = p.dataset.actors()[a].id.clone();
    let fit = estimate(&p.dataset.view(), &options(IdealModel::Binary, &anchor)).unwrap();
    assert_eq!(fit.fits.len(), 3);
    for t in 0..3 {
        assert!(fit.fits[t].converged);
        let (est, truth) = period(&fit, &p, t);
        // Its sign comes from the anchor's planted value that year.
        let r = p.truth[a][t].signum() * correlation(&est, &truth);
        assert!(r >= 0.95, "year {t}: r = {r}");
        assert!(fit.items.iter().all(|i| i.cut.is_none()));
    }
}

/// Share of actor-periods whose 90 % bootstrap interval covers the truth (on the estimates'
/// scale), for planted data of the given size and seed.
fn coverage(actors: usize, periods: usize, items: usize, seed: u64, replicates: usize) -> f64 {
    let p = ideal_points(&IdealSynthOptions {
        actors,
        periods,
        items,
        seed,
        ..Default::default()
    })
    .unwrap();
    let o = IdealOptions {
        bootstrap: Some(BootstrapOptions {
            replicates,
            level: 0.90,
        }),
        seed,
        ..options(IdealModel::Dynamic, &first_actor(&p).0)
    };
    let fit = estimate(&p.dataset.view(), &o).unwrap();
    let on_scale = on_estimate_scale(&fit, &p);
    let (mut covered, mut total) = (0, 0);
    for e in &fit.estimates {
        let t = p.windows.iter().position(|w| *w == e.window).unwrap();
        let truth = on_scale(index(&p, &e.actor), t);
        let (lo, hi) = (e.ci_low.unwrap(), e.ci_high.unwrap());
        assert!(lo <= hi && e.se.unwrap() > 0.0);
        total += 1;
        covered += usize::from(lo <= truth && truth <= hi);
    }
    covered as f64 / total as f64
}

// The issue asks that 90 % intervals cover the truth for 80–97 % of actor-periods. Before the
// replicates were aligned with the fit in location and scale (not only in sign), the 120 × 15
// × 80 planted data gave 76 % and 72 % (seeds 1, 2; 100 replicates), the extreme fifth of the
// actors 54–64 %. Here a smaller size (debug builds) over a fixed seed set.
#[test]
fn bootstrap_intervals_cover_the_truth_on_planted_data() {
    for seed in [1, 2] {
        let rate = coverage(120, 5, 60, seed, 40);
        assert!(
            (0.80..=0.97).contains(&rate),
            "seed {seed}: coverage {rate}"
        );
    }
}

/// The issue's full size (slow in debug builds: `cargo test --release --test ideal -- --ignored`).
#[test]
#[ignore]
fn bootstrap_intervals_cover_the_truth_at_the_issues_size() {
    for seed in [1, 2, 3] {
        let rate = coverage(120, 15, 80, seed, 100);
        assert!(
            (0.80..=0.97).contains(&rate),
            "seed {seed}: coverage {rate}"
        );
    }
}

#[test]
fn bootstrap_repeats_with_the_seed() {
    let p = ideal_points(&IdealSynthOptions {
        actors: 40,
        periods: 4,
        items: 40,
        seed: 21,
        ..Default::default()
    })
    .unwrap();
    let o = IdealOptions {
        bootstrap: Some(BootstrapOptions {
            replicates: 20,
            level: 0.90,
        }),
        seed: 7,
        ..options(IdealModel::Dynamic, &first_actor(&p).0)
    };
    let fit = estimate(&p.dataset.view(), &o).unwrap();
    // Same seed, same numbers; another seed, other numbers.
    let again = estimate(&p.dataset.view(), &o).unwrap();
    assert_eq!(fit, again);
    let other = estimate(&p.dataset.view(), &IdealOptions { seed: 8, ..o }).unwrap();
    assert_ne!(fit.estimates[0].se, other.estimates[0].se);
}
