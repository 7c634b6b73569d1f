//! Coverage of the bootstrap intervals on planted data (issue 16's 120 actors × 15 periods ×
//! 80 roll calls): for each seed, the share of actor-periods whose interval covers the truth
//! (mapped onto the estimates' scale by the least-squares line of estimate on truth, as in
//! `tests/ideal/recovery.rs`).
//!
//! `cargo run --release --features parallel --example ideal_coverage -- [seeds] [replicates] [tolerance]`

use cosignatory::ideal::{BootstrapOptions, IdealOptions, estimate};
use cosignatory::synth::{IdealSynthOptions, ideal_points};
use cosignatory::time::WindowSpec;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seeds: u64 = args.get(1).map_or(5, |s| s.parse().unwrap());
    let reps: usize = args.get(2).map_or(100, |s| s.parse().unwrap());
    let tol: f64 = args.get(3).map_or(1e-6, |s| s.parse().unwrap());
    // SIZE=actors,periods,items (default the 120,15,80).
    let size: Vec<usize> = std::env::var("SIZE")
        .unwrap_or_else(|_| "120,15,80".into())
        .split(',')
        .map(|s| s.parse().unwrap())
        .collect();
    for seed in 1..=seeds {
        let so = IdealSynthOptions {
            actors: size[0],
            periods: size[1],
            items: size[2],
            seed,
            ..Default::default()
        };
        let p = ideal_points(&so).unwrap();
        let anchor = p.dataset.actors()[0].id.clone();
        let started = std::time::Instant::now();
        let fit = estimate(
            &p.dataset.view(),
            &IdealOptions {
                window: Some(WindowSpec::years()),
                anchor: Some(anchor),
                bootstrap: Some(BootstrapOptions {
                    replicates: reps,
                    level: 0.9,
                }),
                tolerance: tol,
                seed,
                ..Default::default()
            },
        )
        .unwrap();
        let idx = |id: &str| p.dataset.actor_index(id).unwrap().index();
        let per = |w| p.windows.iter().position(|x| *x == w).unwrap();
        let pairs: Vec<(f64, f64)> = fit
            .estimates
            .iter()
            .map(|e| (p.truth[idx(&e.actor)][per(e.window)], e.ideal))
            .collect();
        let n = pairs.len() as f64;
        let mt = pairs.iter().map(|x| x.0).sum::<f64>() / n;
        let me = pairs.iter().map(|x| x.1).sum::<f64>() / n;
        let slope = pairs.iter().map(|(t, e)| (t - mt) * (e - me)).sum::<f64>()
            / pairs.iter().map(|(t, _)| (t - mt) * (t - mt)).sum::<f64>();
        let (mut pc, mut bc, mut nc) = (0, 0, 0);
        let (mut err2, mut se2, mut bias) = (0.0, 0.0, 0.0);
        for (e, (t, _)) in fit.estimates.iter().zip(&pairs) {
            let truth = me + slope * (t - mt);
            let (lo, hi, se) = (e.ci_low.unwrap(), e.ci_high.unwrap(), e.se.unwrap());
            pc += usize::from(lo <= truth && truth <= hi);
            let (blo, bhi) = (2.0 * e.ideal - hi, 2.0 * e.ideal - lo);
            bc += usize::from(blo <= truth && truth <= bhi);
            nc += usize::from((e.ideal - truth).abs() <= 1.6449 * se);
            err2 += (e.ideal - truth).powi(2);
            se2 += se * se;
            bias += 0.5 * (lo + hi) - e.ideal;
        }
        // By quintile of the (mapped) truth and by period.
        let mut order: Vec<usize> = (0..pairs.len()).collect();
        order.sort_by(|&a, &b| pairs[a].0.total_cmp(&pairs[b].0));
        let mut line = String::new();
        for q in 0..5 {
            let part = &order[q * order.len() / 5..(q + 1) * order.len() / 5];
            let (mut c, mut err, mut se) = (0, 0.0, 0.0);
            for &k in part {
                let e = &fit.estimates[k];
                let truth = me + slope * (pairs[k].0 - mt);
                c += usize::from(e.ci_low.unwrap() <= truth && truth <= e.ci_high.unwrap());
                err += e.ideal - truth;
                se += e.se.unwrap();
            }
            let m = part.len() as f64;
            line += &format!(
                " q{q}: cov {:.2} err {:+.3} se {:.3};",
                c as f64 / m,
                err / m,
                se / m
            );
        }
        let mut by_t = String::new();
        for (t, w) in p.windows.iter().enumerate() {
            let (mut c, mut m) = (0, 0);
            for (k, e) in fit.estimates.iter().enumerate() {
                if e.window == *w {
                    let truth = me + slope * (pairs[k].0 - mt);
                    c += usize::from(e.ci_low.unwrap() <= truth && truth <= e.ci_high.unwrap());
                    m += 1;
                }
            }
            if t < 3 || t + 3 >= p.windows.len() || t == p.windows.len() / 2 {
                by_t += &format!(" t{t} {:.2}", c as f64 / m as f64);
            }
        }
        println!("  {line}\n  by period:{by_t}");
        println!(
            "seed {seed}: n {n}, slope {slope:.3}, iters {}, coverage percentile {:.3} basic {:.3} normal {:.3}; rmse {:.4} vs mean se {:.4}; mean (mid - est) {:.4}; {:.1} s",
            fit.fits[0].iterations,
            pc as f64 / n,
            bc as f64 / n,
            nc as f64 / n,
            (err2 / n).sqrt(),
            (se2 / n).sqrt(),
            bias / n,
            started.elapsed().as_secs_f64()
        );
    }
}
