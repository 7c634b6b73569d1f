//! Synthetic datasets for the dynamics tests, built with `DatasetBuilder` and a seeded
//! `ChaCha8Rng`.

use chrono::NaiveDate;
use cosignatory::dynamics::{CentralitySelection, Timeline};
use cosignatory::model::{Dataset, DatasetBuilder, Statement, StatementKind};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The id of actor number `i`.
pub fn actor(i: usize) -> String {
    format!("A{i:02}")
}

/// Ids of a range of actor numbers.
pub fn actors(r: impl IntoIterator<Item = usize>) -> Vec<String> {
    r.into_iter().map(actor).collect()
}

/// A random day of `year`.
fn day_in(year: i32, rng: &mut ChaCha8Rng) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).expect("valid")
        + chrono::Days::new(rng.random_range(0..365))
}

/// Draws `k` distinct actors: each from `members`, or with probability `outside` from
/// `everyone`.
fn draw(
    members: &[usize],
    everyone: &[usize],
    k: usize,
    outside: f64,
    rng: &mut ChaCha8Rng,
) -> Vec<usize> {
    let mut picked = Vec::with_capacity(k);
    while picked.len() < k {
        let a = if rng.random_bool(outside) {
            everyone[rng.random_range(0..everyone.len())]
        } else {
            members[rng.random_range(0..members.len())]
        };
        if !picked.contains(&a) {
            picked.push(a);
        }
    }
    picked
}

fn add(b: &mut DatasetBuilder, id: &str, date: NaiveDate, signers: &[usize]) {
    b.statement(Statement::new(id, date, StatementKind::JointStatement));
    let ids = actors(signers.iter().copied());
    b.signed_by(id, ids.iter().map(String::as_str));
}

/// Planted coalitions that change at known years. `schedule[i] = (year, coalitions)` gives
/// the coalitions active that year (actor numbers). Each coalition issues
/// `per_member × size` statements of 3–5 signatories drawn from it, each signatory
/// replaced with probability `outside` by any actor active that year.
pub fn scheduled(
    schedule: &[(i32, Vec<Vec<usize>>)],
    per_member: usize,
    outside: f64,
    seed: u64,
) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = DatasetBuilder::new();
    for (year, coalitions) in schedule {
        let mut everyone: Vec<usize> = coalitions.iter().flatten().copied().collect();
        everyone.sort_unstable();
        for (c, members) in coalitions.iter().enumerate() {
            for s in 0..per_member * members.len() {
                let k = rng.random_range(3..=5usize).min(members.len());
                let signers = draw(members, &everyone, k, outside, &mut rng);
                let date = day_in(*year, &mut rng);
                add(&mut b, &format!("S{year}-{c}-{s:03}"), date, &signers);
            }
        }
    }
    b.build().expect("valid synthetic data")
}

/// A stationary pattern repeated every year: `per_year` statements drawn once (planted
/// coalitions `a % coalitions`, 3–5 signatories, each an outsider with probability
/// `outside`) and re-issued each year on random days. Every yearly window then has the same
/// graph, so any change between windows comes from the optimiser.
pub fn repeated_pattern(
    n_actors: usize,
    coalitions: usize,
    per_year: usize,
    outside: f64,
    years: i32,
    seed: u64,
) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let everyone: Vec<usize> = (0..n_actors).collect();
    let pattern: Vec<Vec<usize>> = (0..per_year)
        .map(|_| {
            let c = rng.random_range(0..coalitions);
            let members: Vec<usize> = (0..n_actors).filter(|a| a % coalitions == c).collect();
            let k = rng.random_range(3..=5usize);
            draw(&members, &everyone, k, outside, &mut rng)
        })
        .collect();
    let mut b = DatasetBuilder::new();
    for year in 2000..2000 + years {
        for (s, signers) in pattern.iter().enumerate() {
            let date = day_in(year, &mut rng);
            add(&mut b, &format!("S{year}-{s:04}"), date, signers);
        }
    }
    b.build().expect("valid synthetic data")
}

/// The smallest and the mean NMI between consecutive windows.
pub fn consecutive_nmi(t: &Timeline) -> (f64, f64) {
    let nmi: Vec<f64> = t
        .windows
        .iter()
        .filter_map(|w| w.stability.map(|s| s.nmi))
        .collect();
    assert_eq!(
        nmi.len() + 1,
        t.windows.len(),
        "every window after the first compares"
    );
    let min = nmi.iter().copied().fold(f64::INFINITY, f64::min);
    (min, nmi.iter().sum::<f64>() / nmi.len() as f64)
}

/// No optional centralities (faster debug tests).
pub fn no_extra_centralities() -> CentralitySelection {
    CentralitySelection {
        pagerank: false,
        betweenness: false,
        eigenvector: false,
    }
}
