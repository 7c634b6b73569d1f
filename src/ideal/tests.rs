//! Unit tests of the EM against a literal transcription of its equations
//! (`shared/reference/ideal-points-and-backbones.md` §1), and of its monotonicity.

use super::Acceleration;
use super::data::{Votes, read};
use super::em::Engine;
use crate::align::{Coding, Universe};
use crate::synth::{IdealSynthOptions, ideal_points};

/// The votes of a planted data set (one window per period).
fn votes(o: &IdealSynthOptions, coding: Coding, periods: std::ops::Range<usize>) -> Votes {
    let p = ideal_points(o).unwrap();
    let r = read(&p.dataset.view(), &p.windows, &coding, &Universe::Recorded).unwrap();
    Votes::build(&r, periods, p.dataset.actors().len())
}

/// erfc by its Taylor series (x ≤ 2) or Laplace's continued fraction (x > 2), evaluated
/// with many terms: slow, independent of `normal.rs`.
fn erfc_reference(x: f64) -> f64 {
    if x < 0.0 {
        return 2.0 - erfc_reference(-x);
    }
    if x <= 2.0 {
        let (mut term, mut sum) = (x, x);
        for n in 1..200 {
            term *= -x * x / n as f64;
            sum += term / (2 * n + 1) as f64;
        }
        1.0 - 2.0 / std::f64::consts::PI.sqrt() * sum
    } else {
        let mut f = x;
        for k in (1..400).rev() {
            f = x + (k as f64 / 2.0) / f;
        }
        (-x * x).exp() / std::f64::consts::PI.sqrt() / f
    }
}

fn phi(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

fn big_phi(x: f64) -> f64 {
    0.5 * erfc_reference(-x / std::f64::consts::SQRT_2)
}

// A literal transcription: index loops over dense matrices, as the equations are written.
#[allow(clippy::needless_range_loop)]
#[test]
fn static_binary_em_equals_a_literal_transcription() {
    let o = IdealSynthOptions {
        actors: 9,
        periods: 1,
        items: 14,
        cut: (0.0, 0.0),
        absent: 0.15,
        seed: 5,
        ..Default::default()
    };
    let v = votes(&o, Coding::yes_no(), 0..1);
    let (n, m) = (v.actors.len(), v.items());
    assert!(n >= 8 && m >= 10, "{n} actors, {m} items");
    // Dense votes: y[i][j] = Some(0 | 1) or None.
    let mut y = vec![vec![None; m]; n];
    for j in 0..m {
        for k in v.item_start[j] as usize..v.item_start[j + 1] as usize {
            y[v.vote_actor[k] as usize][j] = Some(v.vote_cat[k]);
        }
    }
    assert!(
        y.iter().flatten().any(Option::is_none),
        "some votes missing"
    );

    let mut engine = Engine::new(&v, 1.0);
    let mut st = engine.start();
    let (mut x, mut alpha, mut beta) = (st.x.clone(), st.a.clone(), st.b.clone());
    for _ in 0..40 {
        engine.iterate(&mut st);
        // E-step.
        let mut ystar = vec![vec![0.0; m]; n];
        for i in 0..n {
            for j in 0..m {
                let mu = alpha[j] + beta[j] * x[i];
                ystar[i][j] = match y[i][j] {
                    Some(1) => mu + phi(mu) / big_phi(mu),
                    Some(_) => mu - phi(mu) / (1.0 - big_phi(mu)),
                    None => mu,
                };
            }
        }
        // M-step, items: (α, β) = (I/25 + Σ x̃x̃ᵀ)⁻¹ Σ x̃ y*, over observed votes.
        for j in 0..m {
            let mut a = [[1.0 / 25.0, 0.0], [0.0, 1.0 / 25.0]];
            let mut r = [0.0, 0.0];
            for i in 0..n {
                if y[i][j].is_some() {
                    let xt = [1.0, x[i]];
                    for p in 0..2 {
                        for q in 0..2 {
                            a[p][q] += xt[p] * xt[q];
                        }
                        r[p] += xt[p] * ystar[i][j];
                    }
                }
            }
            let det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
            let inv = [
                [a[1][1] / det, -a[0][1] / det],
                [-a[1][0] / det, a[0][0] / det],
            ];
            alpha[j] = inv[0][0] * r[0] + inv[0][1] * r[1];
            beta[j] = inv[1][0] * r[0] + inv[1][1] * r[1];
        }
        // M-step, actors: x = (1 + Σβ²)⁻¹ Σ β (y* − α).
        for i in 0..n {
            let (mut num, mut den) = (0.0, 1.0);
            for j in 0..m {
                if y[i][j].is_some() {
                    num += beta[j] * (ystar[i][j] - alpha[j]);
                    den += beta[j] * beta[j];
                }
            }
            x[i] = num / den;
        }
        // Parameter expansion: scale c = (Σβ²/50 / Σx²/2)^¼ (x·c, β/c), then location
        // d = (Σαβ/25 − Σx) / (n + Σβ²/25) (x + d, α − βd).
        let c = ((beta.iter().map(|b| b * b).sum::<f64>() / 50.0)
            / (x.iter().map(|v| v * v).sum::<f64>() / 2.0))
            .powf(0.25);
        x.iter_mut().for_each(|v| *v *= c);
        beta.iter_mut().for_each(|b| *b /= c);
        let d = (alpha.iter().zip(&beta).map(|(a, b)| a * b).sum::<f64>() / 25.0
            - x.iter().sum::<f64>())
            / (n as f64 + beta.iter().map(|b| b * b).sum::<f64>() / 25.0);
        x.iter_mut().for_each(|v| *v += d);
        for j in 0..m {
            alpha[j] -= beta[j] * d;
        }
    }
    let diff = |a: &[f64], b: &[f64]| {
        a.iter()
            .zip(b)
            .map(|(p, q)| (p - q).abs())
            .fold(0.0, f64::max)
    };
    assert!(diff(&x, &st.x) < 1e-9, "x: {}", diff(&x, &st.x));
    assert!(diff(&alpha, &st.a) < 1e-9, "alpha: {}", diff(&alpha, &st.a));
    assert!(diff(&beta, &st.b) < 1e-9, "beta: {}", diff(&beta, &st.b));
    // And the iterates moved: the comparison is not between two starting points.
    assert!(x.iter().any(|v| v.abs() > 0.1));
}

fn assert_monotone(trace: &[f64]) {
    assert!(trace.len() > 5);
    for w in trace.windows(2) {
        assert!(
            w[1] >= w[0] - 1e-9 * w[0].abs().max(1.0),
            "log-posterior fell from {} to {}",
            w[0],
            w[1]
        );
    }
}

#[test]
fn log_posterior_never_decreases_binary() {
    let o = IdealSynthOptions {
        actors: 40,
        periods: 1,
        items: 60,
        cut: (0.0, 0.0),
        seed: 3,
        ..Default::default()
    };
    let v = votes(&o, Coding::yes_no(), 0..1);
    let mut e = Engine::new(&v, 1.0);
    let mut st = e.start();
    let mut trace = vec![e.log_posterior(&st).1];
    e.fit(&mut st, 200, 1e-12, Acceleration::None, Some(&mut trace));
    assert_monotone(&trace);
}

#[test]
fn log_posterior_never_decreases_ordinal_and_dynamic() {
    let o = IdealSynthOptions {
        actors: 30,
        periods: 4,
        items: 25,
        seed: 9,
        ..Default::default()
    };
    for periods in [0..1, 0..4] {
        let v = votes(&o, Coding::voeten(), periods);
        let mut e = Engine::new(&v, 0.1);
        let mut st = e.start();
        let mut trace = vec![e.log_posterior(&st).1];
        e.fit(&mut st, 150, 1e-12, Acceleration::None, Some(&mut trace));
        assert_monotone(&trace);
    }
}

#[test]
fn log_posterior_of_squarem_iterates_never_decreases() {
    let o = IdealSynthOptions {
        actors: 30,
        periods: 4,
        items: 25,
        seed: 9,
        ..Default::default()
    };
    for (coding, periods) in [
        (Coding::yes_no(), 0..1),
        (Coding::voeten(), 0..1),
        (Coding::voeten(), 0..4),
    ] {
        let v = votes(&o, coding, periods);
        let mut e = Engine::new(&v, 0.1);
        let mut st = e.start();
        let mut trace = vec![e.log_posterior(&st).1];
        e.fit(&mut st, 300, 1e-13, Acceleration::Squarem, Some(&mut trace));
        // Exactly monotone: the safeguard compares the log-posteriors themselves.
        for w in trace.windows(2) {
            assert!(w[1] >= w[0], "log-posterior fell from {} to {}", w[0], w[1]);
        }
        assert!(trace.len() > 5);
    }
}

/// Max |difference| of x, a and b of two states.
fn gap(p: &super::em::State, q: &super::em::State) -> f64 {
    [(&p.x, &q.x), (&p.a, &q.a), (&p.b, &q.b)]
        .into_iter()
        .flat_map(|(u, w)| u.iter().zip(w.iter()).map(|(a, b)| (a - b).abs()))
        .fold(0.0, f64::max)
}

#[test]
fn squarem_reaches_the_plain_em_fixed_point_and_is_closer_to_it_at_the_default_tolerance() {
    let o = IdealSynthOptions {
        actors: 40,
        periods: 3,
        items: 30,
        seed: 4,
        ..Default::default()
    };
    for (coding, periods) in [(Coding::yes_no(), 0..1), (Coding::voeten(), 0..3)] {
        let v = votes(&o, coding, periods);
        let mut e = Engine::new(&v, 0.1);
        let start = e.start();
        let run = |e: &mut Engine<'_>, acceleration, max, tolerance| {
            let mut st = start.clone();
            let out = e.fit(&mut st, max, tolerance, acceleration, None);
            (st, out)
        };
        // A tolerance no correlation meets: a fixed number of EM-map evaluations. (emIRT's rule
        // cannot go far: 1 − correlation is the square of the relative step, and rounds to 0
        // for steps of 1e-8.)
        let (plain, p) = run(&mut e, Acceleration::None, 25_000, -1.0);
        let (fast, f) = run(&mut e, Acceleration::Squarem, 600, -1.0);
        assert!(!p.converged && !f.converged);
        assert!(
            gap(&plain, &fast) < 1e-6,
            "{coding}: fixed points {}",
            gap(&plain, &fast)
        );
        let (plain6, p6) = run(&mut e, Acceleration::None, 1000, 1e-6);
        let (fast6, f6) = run(&mut e, Acceleration::Squarem, 1000, 1e-6);
        assert!(p6.converged && f6.converged);
        assert!(f6.iterations < p6.iterations);
        assert!(
            gap(&fast6, &plain) <= gap(&plain6, &plain),
            "SQUAREM {} ({} it) vs plain {} ({} it) from the fixed point",
            gap(&fast6, &plain),
            f6.iterations,
            gap(&plain6, &plain),
            p6.iterations
        );
        assert!(e.log_posterior(&fast6).1 >= e.log_posterior(&plain6).1);
    }
}
