//! Ideal points of UN General Assembly members, 1946–2019: the dynamic ordinal model over
//! yearly windows (yes / abstain / no, a random walk per country), the paths of six countries,
//! and the distance between the West and the rest per decade.
//!
//! Run with `cargo run --release --example un_ideal_points --features un-votes`.

use cosignatory::ideal::{IdealOptions, estimate};
use cosignatory::time::WindowSpec;
use std::time::Instant;

/// Western European and Other Group core members (as coded in the UN votes data).
const WEST: [&str; 12] = [
    "USA", "GBR", "FRA", "CAN", "AUS", "NZL", "NLD", "BEL", "LUX", "NOR", "DNK", "ISL",
];

fn main() -> cosignatory::Result<()> {
    let ds = cosignatory::datasets::un_votes();
    let started = Instant::now();
    let fit = estimate(
        &ds.view(),
        &IdealOptions {
            window: Some(WindowSpec::years()),
            ..Default::default()
        },
    )?;
    let f = &fit.fits[0];
    println!(
        "dynamic ordinal, omega {:?}: {} estimates over {} windows, {} iterations (converged: {}), {:.1} s",
        fit.omega,
        fit.estimates.len(),
        fit.windows.len(),
        f.iterations,
        f.converged,
        started.elapsed().as_secs_f64()
    );
    println!(
        "anchor {} ({:?}); log-likelihood {:.1}\n",
        f.anchor, f.anchor_rule, f.log_likelihood
    );

    let year = |e: &cosignatory::ideal::ActorEstimate| e.window.start.format("%Y").to_string();
    let countries = ["USA", "RUS", "CHN", "IND", "BRA", "ISR"];
    print!("year ");
    for c in countries {
        print!("{c:>7}");
    }
    println!();
    for y in (1950..=2015).step_by(5).chain([2019]) {
        print!("{y} ");
        for c in countries {
            match fit.actor(c).find(|e| year(e) == y.to_string()) {
                Some(e) => print!("{:>7.2}", e.ideal),
                None => print!("{:>7}", "-"),
            }
        }
        println!();
    }

    println!("\ndecade  west mean  rest mean  gap   (mean over the decade's country-years)");
    for decade in (1950..=2010).step_by(10) {
        let (mut west, mut rest) = (Vec::new(), Vec::new());
        for e in &fit.estimates {
            let y: i32 = year(e).parse().expect("a year");
            if (decade..decade + 10).contains(&y) {
                if WEST.contains(&e.actor.as_str()) {
                    west.push(e.ideal);
                } else {
                    rest.push(e.ideal);
                }
            }
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        let (w, r) = (mean(&west), mean(&rest));
        println!("{decade}s  {w:>9.2}  {r:>9.2}  {:>5.2}", w - r);
    }
    Ok(())
}
