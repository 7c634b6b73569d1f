//! Loads the bundled real dataset and prints a summary: statements per year, the most frequent
//! signatories and the strongest co-signing pairs.
//!
//! Run: `cargo run --release --example quickstart`

use cosignatory::model::Position;
use std::collections::BTreeMap;

fn main() {
    let ds = cosignatory::datasets::joint_statements();
    let (first, last) = ds.date_range().expect("the bundled data is not empty");
    println!(
        "{} statements, {} signatures, {} actors, {} bloc memberships; {first} to {last}\n",
        ds.statements().len(),
        ds.num_signatures(),
        ds.actors().len(),
        ds.member_spans().len()
    );

    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    for s in ds.statements() {
        *per_year.entry(chrono::Datelike::year(&s.date)).or_default() += 1;
    }
    println!("Statements per year:");
    for (year, n) in &per_year {
        println!("  {year}  {n:>3}  {}", "#".repeat(*n));
    }

    let view = ds.view();
    let mut signed = vec![0usize; ds.actors().len()];
    let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for s in view.statements() {
        let yes: Vec<usize> = view
            .signatures(s)
            .iter()
            .filter(|x| x.position == Position::Yes)
            .map(|x| x.actor.index())
            .collect();
        for (i, &a) in yes.iter().enumerate() {
            signed[a] += 1;
            for &b in &yes[i + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut top: Vec<(usize, usize)> = signed.iter().copied().enumerate().collect();
    top.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    println!("\nMost frequent signatories:");
    for (a, n) in top.iter().take(10) {
        println!(
            "  {:<5} {:<28} {n:>3} statements",
            ds.actors()[*a].id,
            ds.actors()[*a].name
        );
    }
    let mut strongest: Vec<((usize, usize), usize)> = pairs.into_iter().collect();
    strongest.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    println!("\nStrongest co-signing pairs (statements signed together):");
    for ((a, b), n) in strongest.iter().take(10) {
        println!("  {}–{}  {n}", ds.actors()[*a].id, ds.actors()[*b].id);
    }
}
