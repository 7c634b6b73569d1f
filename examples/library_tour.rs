//! The library as a Rust program meets it, in five tasks: yearly coalitions with their most
//! central actors, the United States' most aligned partners, a GraphML file with coalitions,
//! and a UN General Assembly kappa series.
//!
//! Run: `cargo run --release --example library_tour --features un-votes`

use cosignatory::align::{
    MatrixOptions, Pairs, SeriesOptions, actor_alignment, alignment_series,
};
use cosignatory::export::{NodeAttributes, write_graphml_file};
use cosignatory::graph::{CentralityOptions, pagerank};
use cosignatory::prelude::*;

fn main() -> cosignatory::Result<()> {
    let ds = datasets::joint_statements();
    let (first, last) = ds.date_range().expect("the bundled data has statements");

    // 1. Coalitions per year, each with its most central actor; a year without statements
    //    gives no coalitions instead of an error.
    println!("Coalitions per year (Leiden, best of 10; top PageRank):");
    for window in WindowSpec::years().windows(first, last)? {
        let g = project(&ds.view().window(window), &ProjectionOptions::default())?;
        let found = g.coalitions(&CoalitionOptions { runs: Some(10), ..Default::default() })?;
        let Some(q) = found.modularity else {
            println!("  {}: no co-signatures", window.start.format("%Y"));
            continue;
        };
        let rank = pagerank(g.graph(), |e| e.weight, &CentralityOptions::default())?;
        let top: Vec<&str> = g.top(&rank, 3).into_iter().map(|(id, _)| id).collect();
        println!(
            "  {}: {} coalitions, modularity {q:.3}, most central {}",
            window.start.format("%Y"),
            found.communities.len(),
            top.join(" ")
        );
    }

    // 2. The United States' most aligned partners over the whole record (defaults follow
    //    the data: Jaccard over every statement for co-signatures); ties share a rank.
    let view = ds.view();
    let usa = actor_alignment(&view, "USA", &MatrixOptions::for_view(&view))?;
    println!("\nMost aligned with USA ({}):", usa.measure());
    for r in usa.top(5) {
        let n = r.score.n;
        let score = r.score.value.unwrap_or(f64::NAN);
        println!("  {} {:<4} {score:.3} (n = {n})", r.rank.unwrap_or(0), r.id);
    }

    // 3. The 2020s co-signature graph with each actor's coalition, for Gephi or networkx.
    let d = |s: &str| s.parse::<NaiveDate>().expect("valid date");
    let recent = ds.view().between(d("2020-01-01"), last);
    let g = project(&recent, &ProjectionOptions::new(Weighting::Newman))?;
    let found = g.coalitions(&CoalitionOptions { runs: Some(10), ..Default::default() })?;
    let path = std::env::temp_dir().join("cosignatory-2020s.graphml");
    write_graphml_file(&path, &g, &NodeAttributes::new().with_partition(&found.partition))?;
    println!(
        "\nWrote {} ({} actors, {} coalitions; FRA and DEU together: {})",
        path.display(),
        g.node_count(),
        found.communities.len(),
        found.coalition_of("FRA") == found.coalition_of("DEU")
    );

    // 4. UN General Assembly: quadratic kappa on Voeten's coding (the roll-call default),
    //    per decade, for two pairs.
    let un = datasets::un_votes();
    let view = un.view();
    let (first, last) = un.date_range().expect("roll calls");
    let decades = WindowSpec::Calendar {
        period: cosignatory::time::Period::Year,
        size: 10,
        step: 10,
    }
    .windows(first, last)?;
    let pairs = Pairs::list(&[("USA", "GBR"), ("IND", "RUS")]);
    let series = alignment_series(&view, &decades, &pairs, &SeriesOptions::for_view(&view))?;
    println!("\nUN General Assembly, {} per decade:", series.measure());
    for p in series.points() {
        let score = p.score.value.map_or("undefined".into(), |v| format!("{v:.3}"));
        println!("  {}–{} {}: {score} (n = {})", p.a, p.b, p.window, p.score.n);
    }
    Ok(())
}
