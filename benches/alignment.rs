//! Alignment benchmarks. Run: `cargo bench --bench alignment` (add `--features un-votes` for the
//! UN workload: load the bundled compressed CSVs into a Dataset, then all-pairs quadratic kappa
//! for every calendar year of roll calls, 1946–2020: the 74th session's last votes fall in 2020).

#[path = "common/floors.rs"]
mod floors;

#[cfg_attr(not(feature = "un-votes"), allow(unused_imports))]
use cosignatory::align::{Coding, Measure, Options, PositionMatrix, Universe, position_matrix};
use cosignatory::model::Position;
use criterion::{Criterion, criterion_group, criterion_main};
use rand::{RngExt, SeedableRng};
use std::hint::black_box;

fn era_matrix() -> PositionMatrix {
    // 200 actors × 5,000 roll calls (one UN "era"), 10% missing, seeded.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let votes: Vec<Option<Position>> = (0..200 * 5_000)
        .map(|_| match rng.random_range(0..10) {
            0 => None,
            1 => Some(Position::Abstain),
            2 | 3 => Some(Position::No),
            _ => Some(Position::Yes),
        })
        .collect();
    let actors = (0..200).map(|i| format!("A{i:03}")).collect();
    PositionMatrix::from_positions(&Coding::voeten(), actors, 5_000, |a, k| {
        votes[a * 5_000 + k]
    })
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("alignment");
    group.sample_size(20);
    let m = era_matrix();
    group.bench_function("all-pairs kappa_q + S_abs, 200x5000", |b| {
        b.iter(|| {
            let t = m.pair_tables();
            black_box((
                t.measure(Measure::KappaQuadratic, &Options::default())
                    .unwrap(),
                t.measure(Measure::SAbsolute, &Options::default()).unwrap(),
            ))
        })
    });
    #[cfg(feature = "un-votes")]
    {
        group.sample_size(10);
        group.bench_function("un-votes load", |b| {
            b.iter(|| black_box(cosignatory::datasets::un_votes()))
        });
        // The floor of the loader (issue 19): the same compressed bytes decompressed and split
        // into records by the csv crate, nothing else.
        group.bench_function("un-votes decompress + raw csv records", |b| {
            b.iter(|| black_box(floors::un_records()))
        });
        let ds = cosignatory::datasets::un_votes();
        let years = cosignatory::time::WindowSpec::years()
            .windows(ds.date_range().unwrap().0, ds.date_range().unwrap().1)
            .unwrap();
        let yearly = |ds: &cosignatory::model::Dataset| {
            let mut dyads = 0usize;
            for w in &years {
                let v = ds.view().between(w.start, w.end);
                let pm = position_matrix(&v, None, &Coding::voeten(), &Universe::Recorded).unwrap();
                let k = pm
                    .all_pairs(Measure::KappaQuadratic, &Options::default())
                    .unwrap();
                dyads += k.pairs().filter(|(_, _, s)| s.n > 0).count();
            }
            dyads
        };
        group.bench_function("un-votes yearly all-pairs kappa_q", |b| {
            b.iter(|| black_box(yearly(&ds)))
        });
        group.bench_function("un-votes load + yearly kappa_q", |b| {
            b.iter(|| black_box(yearly(&cosignatory::datasets::un_votes())))
        });
        println!("dyad-years with N > 0: {}", yearly(&ds));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
