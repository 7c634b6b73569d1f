//! The co-signature graph of the bundled data for 2019–2024: strongest ties and top bridges.
//!
//! Run: `cargo run --release --example coalition_graph`

use cosignatory::graph::{
    CentralityOptions, ProjectionOptions, Weighting, betweenness, disparity_filter, pagerank,
    project, strength,
};

fn main() -> cosignatory::Result<()> {
    let ds = cosignatory::datasets::joint_statements();
    let d = |s: &str| s.parse().expect("valid date");
    let view = ds.view().between(d("2019-01-01"), d("2024-12-31"));
    // Newman weights: a statement of k signatories adds 1/(k−1) to each pair, so the big
    // cross-regional letters do not drown the small, deliberate coalitions.
    let g = project(&view, &ProjectionOptions::new(Weighting::Newman))?;
    println!(
        "2019–2024: {} statements, {} actors, {} co-signing pairs\n",
        view.len(),
        g.node_count(),
        g.edge_count()
    );

    println!("Strongest ties (Newman weight, statements together):");
    for (a, b, e) in g.strongest().into_iter().take(12) {
        println!("  {:<4} {:<4} {:>6.3} {:>3}", a.id, b.id, e.weight, e.count);
    }

    let backbone = disparity_filter(&g, 0.05)?;
    println!(
        "\nDisparity backbone at alpha 0.05 keeps {} of {} edges.",
        backbone.kept, backbone.total
    );

    let bc = betweenness(g.graph(), |e| e.weight, true)?;
    let s = strength(g.graph(), |e| e.weight);
    let pr = pagerank(g.graph(), |e| e.weight, &CentralityOptions::default())?;
    println!("\nTop bridges (weighted betweenness, distance = 1/weight; ties included):");
    println!(
        "  {:<5} {:<26} {:>11} {:>9} {:>9}",
        "id", "name", "betweenness", "strength", "pagerank"
    );
    for (id, b) in g.top(&bc, 10) {
        let node = g.node(id).expect("an id of this graph");
        let (a, i) = (g.actor(node), node.index());
        println!(
            "  {:<5} {:<26} {:>11.4} {:>9.3} {:>9.4}",
            a.id, a.name, b, s[i], pr[i]
        );
    }
    Ok(())
}
