//! UN General Assembly alignment 1946–2019: yearly quadratic Cohen's kappa, Signorino–Ritter S
//! (absolute) and Voeten's agreement for well-known pairs, then the coalitions of the 1980s
//! found with Leiden on the kappa alignment graph.
//!
//! Run: `cargo run --release --example un_alignment --features un-votes`

use cosignatory::align::{
    Coding, MatrixOptions, Measure, Options, Universe, alignment_matrix, position_matrix,
};
use cosignatory::cluster::{ClusterGraph, LeidenOptions, leiden_best_of};
use cosignatory::time::WindowSpec;

const PAIRS: [(&str, &str); 5] = [
    ("USA", "GBR"),
    ("USA", "RUS"),
    ("IND", "RUS"),
    ("CHN", "RUS"),
    ("USA", "ISR"),
];

fn main() -> cosignatory::Result<()> {
    let ds = cosignatory::datasets::un_votes();
    let d = |s: &str| s.parse().expect("valid date");
    // Voeten's 1 yes / 2 abstain / 3 no, Δ = 2; absent and non-member are missing.
    let coding = Coding::voeten();
    let years = WindowSpec::years().windows(d("1946-01-01"), d("2019-12-31"))?;
    let measures = [
        Measure::KappaQuadratic,
        Measure::SAbsolute,
        Measure::VoetenAgree,
    ];
    println!(
        "Yearly alignment in UNGA roll calls (kappa_q / S_abs / Voeten agree, N joint votes; — = undefined)"
    );
    print!("{:<5}", "year");
    for (a, b) in PAIRS {
        print!(" {:>22}", format!("{a}–{b}"));
    }
    println!();
    let mut ids: Vec<&str> = PAIRS.iter().flat_map(|(a, b)| [*a, *b]).collect();
    ids.sort_unstable();
    ids.dedup();
    for w in &years {
        let view = ds.view().between(w.start, w.end);
        if view.is_empty() {
            continue; // 1964: no recorded plenary votes (the Article 19 crisis)
        }
        let tables =
            position_matrix(&view, Some(&ids), &coding, &Universe::Recorded)?.pair_tables();
        let scored: Vec<_> = measures
            .iter()
            .map(|m| tables.measure(*m, &Options::default()))
            .collect::<Result<_, _>>()?;
        print!("{:<5}", w.start.format("%Y"));
        for (a, b) in PAIRS {
            let (i, j) = (
                ids.binary_search(&a).unwrap_or(0),
                ids.binary_search(&b).unwrap_or(0),
            );
            let f = |k: usize| {
                scored[k]
                    .get(i, j)
                    .value
                    .map_or("  —  ".to_string(), |v| format!("{v:5.2}"))
            };
            print!(
                " {:>22}",
                format!("{}/{}/{} {:>3}", f(0), f(1), f(2), tables.n(i, j))
            );
        }
        println!();
    }

    // Coalitions of the 1980s: quadratic kappa between every pair of states with ≥ 100 joint
    // votes, negative values dropped, clustered by modularity (best of 10 Leiden runs).
    let era = ds.view().between(d("1980-01-01"), d("1989-12-31"));
    let kappa = alignment_matrix(
        &era,
        &MatrixOptions::new(Measure::KappaQuadratic, coding, Universe::Recorded),
    )?;
    let edges = kappa
        .pairs()
        .filter_map(|(i, j, s)| (s.n >= 100).then_some((i, j, s.value?.max(0.0))));
    let graph = ClusterGraph::from_edges(kappa.len(), edges)?;
    let best = leiden_best_of(
        &graph,
        &LeidenOptions {
            seed: 1980,
            ..Default::default()
        },
        10,
    )?;
    println!(
        "\n1980–1989: {} roll calls, {} states; Leiden on the kappa graph finds {} coalitions (modularity {:.4}):",
        era.len(),
        kappa.len(),
        best.partition.community_count(),
        best.quality
    );
    for (c, members) in best.partition.communities().enumerate() {
        let ids: Vec<&str> = members
            .iter()
            .map(|&i| kappa.actors()[i].as_str())
            .collect();
        println!("  {} ({} states): {}", c + 1, ids.len(), ids.join(" "));
    }
    Ok(())
}
