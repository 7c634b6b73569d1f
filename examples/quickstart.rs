//! What the library is for, on the bundled joint statements, in one screen: the coalitions of
//! a recent period with their modularity and bridges, then how a few pairs' alignment moved.
//!
//! Run: `cargo run --release --example quickstart`

use cosignatory::align::{Defaults, pair_series};
use cosignatory::cluster::CoalitionOptions;
use cosignatory::graph::{ProjectionOptions, Weighting, participation_coefficient, project};
use cosignatory::time::WindowSpec;

fn main() -> cosignatory::Result<()> {
    let ds = cosignatory::datasets::joint_statements();
    let d = |s: &str| s.parse().expect("valid date");
    let (first, last) = ds.date_range().expect("the bundled data is not empty");
    println!(
        "{} joint statements, {} signatures, {} actors, {first} to {last}\n",
        ds.statements().len(),
        ds.num_signatures(),
        ds.actors().len()
    );

    // 1. Coalitions of 2022-2025: Leiden on the Newman-weighted co-signature graph.
    let recent = ds.view().between(d("2022-01-01"), last);
    let g = project(&recent, &ProjectionOptions::new(Weighting::Newman))?;
    let c = g.coalitions(&CoalitionOptions {
        runs: Some(10),
        ..Default::default()
    })?;
    println!(
        "Coalitions 2022-{} ({} statements): {} found, modularity {:.3}",
        last.format("%Y"),
        recent.len(),
        c.partition.community_count(),
        c.modularity.unwrap_or(0.0)
    );
    let ids: Vec<&str> = (0..g.node_count()).map(|i| g.id(i)).collect();
    let numbers = c.partition.coalition_numbers(&ids);
    let part = participation_coefficient(g.graph(), |e| e.weight, &numbers)?;
    // Numbered as every command numbers them: 1 is the largest.
    for (k, members) in c
        .partition
        .labelled_by_size(&ids)
        .iter()
        .enumerate()
        .take(5)
    {
        let shown: Vec<&str> = members.iter().take(12).map(String::as_str).collect();
        let more = if members.len() > 12 { " …" } else { "" };
        println!(
            "  {} ({:>3}) {}{more}",
            k + 1,
            members.len(),
            shown.join(" ")
        );
    }
    // Bridges: actors with ties spread over several coalitions (participation P), among
    // actors with at least 5 statements in the period (P of a rare signer says little).
    let mut bridges: Vec<(usize, f64)> = (0..g.node_count())
        .filter(|&n| g.statements_of(petgraph::graph::NodeIndex::new(n)) >= 5)
        .filter_map(|n| part[n].map(|p| (n, p)))
        .collect();
    bridges.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let shown: Vec<String> = bridges
        .iter()
        .take(6)
        .map(|&(n, p)| format!("{} {p:.2}", g.id(n)))
        .collect();
    println!("  bridges (participation P): {}\n", shown.join(", "));

    // 2. How a few pairs' alignment moved: Jaccard per 3-year window (the data's default).
    let view = ds.view();
    let three_years = "3y".parse().expect("a valid span");
    let windows = WindowSpec::calendar(three_years, None)?.windows(first, last)?;
    let options = Defaults::for_view(&view).series_options();
    let pairs = [
        ("USA", "GBR"),
        ("USA", "FRA"),
        ("KOR", "USA"),
        ("TUR", "USA"),
    ];
    let series = pair_series(&view, &windows, &pairs, &options)?;
    print!("Alignment ({}) per window:", options.measure);
    for w in &windows {
        print!("  {}-{}", w.start.format("%Y"), w.end.format("%y"));
    }
    println!();
    for (a, b) in pairs {
        print!("  {a}-{b}                    ");
        for w in &windows {
            let p = series
                .iter()
                .find(|p| &*p.a == a && &*p.b == b && p.window == *w);
            match p.and_then(|p| p.score.value) {
                Some(v) => print!("  {v:>7.2}"),
                None => print!("  {:>7}", "-"),
            }
        }
        println!();
    }
    println!("\nNext: `cosignatory --help`, docs/measures.md, and the other examples.");
    Ok(())
}
