//! Alignment in the bundled joint statements: the most and least aligned pairs of 2019–2024
//! (with N), and the yearly alignment of chosen pairs with bootstrap intervals.
//!
//! Co-signature data needs an explicit universe: here every statement of the window counts for
//! every actor, so "did not sign" is coded 0 (a modelling choice, stated in the output).
//!
//! Run: `cargo run --release --example alignment`

use cosignatory::align::uncertainty::BootstrapConfig;
use cosignatory::align::{
    Coding, MatrixOptions, Measure, SeriesOptions, Universe, alignment_matrix, pair_series,
};
use cosignatory::time::WindowSpec;

fn main() -> cosignatory::Result<()> {
    let ds = cosignatory::datasets::joint_statements();
    let d = |s: &str| s.parse().expect("valid date");
    let view = ds.view().between(d("2019-01-01"), d("2024-12-31"));
    let coding = Coding::cosignature();
    let universe = Universe::AllStatements;

    // Actors with at least 5 signatures in the window, so that scores rest on some evidence.
    let active: Vec<&str> = ds
        .actors()
        .iter()
        .filter(|a| {
            let i = ds.actor_index(&a.id).expect("own actor");
            ds.signatures_by(i)
                .filter(|s| view.index_range().contains(&s.statement.index()))
                .count()
                >= 5
        })
        .map(|a| a.id.as_str())
        .collect();
    let kappa = alignment_matrix(
        &view,
        &MatrixOptions::new(Measure::KappaNominal, coding, universe.clone()).with_actors(&active),
    )?;
    let mut pairs: Vec<(f64, u32, &str, &str)> = kappa
        .pairs()
        .filter_map(|(i, j, s)| {
            Some((
                s.value?,
                s.n,
                kappa.actors()[i].as_str(),
                kappa.actors()[j].as_str(),
            ))
        })
        .collect();
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.2, x.3).cmp(&(y.2, y.3))));
    println!(
        "2019–2024, {} statements; {} actors with ≥ 5 signatures; Cohen's kappa on signed/not signed,\n\
         every statement counted for every actor (universe = all statements).\n",
        view.len(),
        active.len()
    );
    println!("Most aligned pairs:");
    for (k, n, a, b) in pairs.iter().take(8) {
        println!("  {a:<4} {b:<4} kappa {k:>6.3}  N {n}");
    }
    println!("Least aligned pairs:");
    for (k, n, a, b) in pairs.iter().rev().take(8) {
        println!("  {a:<4} {b:<4} kappa {k:>6.3}  N {n}");
    }

    let windows = WindowSpec::years().windows(d("2019-01-01"), d("2024-12-31"))?;
    let opts = SeriesOptions {
        measure: Measure::Jaccard,
        coding,
        universe,
        bootstrap: Some(BootstrapConfig {
            replicates: 1000,
            seed: 2024,
            ..Default::default()
        }),
        ..Default::default()
    };
    let series = pair_series(
        &ds.view(),
        &windows,
        &[("KOR", "USA"), ("IND", "RUS"), ("TUR", "USA")],
        &opts,
    )?;
    println!(
        "\nYearly Jaccard similarity with 95% bootstrap intervals (1,000 resamples, seed 2024):"
    );
    println!(
        "  {:<10} {:<5} {:>7} {:>17}  N",
        "pair", "year", "score", "interval"
    );
    for p in &series {
        let score = p
            .score
            .value
            .map_or("   —".to_string(), |v| format!("{v:.3}"));
        let ci = p
            .interval
            .as_ref()
            .and_then(|i| Some(format!("[{:.3}, {:.3}]", i.lower?, i.upper?)))
            .unwrap_or_else(|| "—".into());
        println!(
            "  {:<10} {:<5} {:>7} {:>17}  {}",
            format!("{}–{}", p.a, p.b),
            p.window.start.format("%Y"),
            score,
            ci,
            p.score.n
        );
    }
    Ok(())
}
