//! Coalitions in the bundled data for 2019–2024, found with Leiden on the Newman-weighted
//! co-signature graph (best of 10 seeds), with modularity and each coalition's bridges.
//!
//! Run: `cargo run --release --example coalitions`

use cosignatory::cluster::{
    Algorithm, ConsensusOptions, LeidenOptions, Quality, consensus, leiden_best_of, modularity,
};
use cosignatory::graph::{ProjectionOptions, Weighting, participation_coefficient, project};

fn main() -> cosignatory::Result<()> {
    let ds = cosignatory::datasets::joint_statements();
    let d = |s: &str| s.parse().expect("valid date");
    let view = ds.view().between(d("2019-01-01"), d("2024-12-31"));
    let g = project(&view, &ProjectionOptions::new(Weighting::Newman))?;
    let cg = g.to_cluster_graph()?;
    let options = LeidenOptions {
        quality: Quality::Modularity { resolution: 1.0 },
        seed: 1,
        ..Default::default()
    };
    let best = leiden_best_of(&cg, &options, 10)?;
    let membership = best.partition.membership().to_vec();
    let q = modularity(&cg, &membership, 1.0)?;
    println!(
        "2019–2024: {} statements, {} actors; Leiden (best of 10 seeds) finds {} coalitions, modularity {q:.4}\n",
        view.len(),
        g.node_count(),
        best.partition.community_count()
    );
    let stability = consensus(
        &cg,
        &ConsensusOptions {
            algorithm: Algorithm::Leiden(options.clone()),
            runs: 30,
            seed: 1,
            ..Default::default()
        },
    )?;
    let part = participation_coefficient(g.graph(), |e| e.weight, &membership)?;
    for (c, members) in best.partition.communities().enumerate() {
        let ids: Vec<&str> = members.iter().map(|&n| g.id(n)).collect();
        println!("Coalition {} ({} members):", c + 1, members.len());
        for chunk in ids.chunks(16) {
            println!("  {}", chunk.join(" "));
        }
        let mut bridges: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&n| part[n].is_some())
            .collect();
        bridges.sort_by(|&a, &b| {
            part[b]
                .unwrap_or(0.0)
                .total_cmp(&part[a].unwrap_or(0.0))
                .then(a.cmp(&b))
        });
        let shown: Vec<String> = bridges
            .iter()
            .take(3)
            .map(|&n| {
                format!(
                    "{} (P = {:.2}, stability {:.2})",
                    g.id(n),
                    part[n].unwrap_or(0.0),
                    stability.stability[n]
                )
            })
            .collect();
        println!("  bridges: {}\n", shown.join(", "));
    }
    Ok(())
}
