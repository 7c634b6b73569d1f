//! Timelines of 60 windows: per window the projection, warm-started Leiden, tracking against
//! the previous windows and centralities. Run: `cargo bench --bench timeline`.
//!
//! * UN-like: 200 actors in 5 blocs (60, 30, 50, 40 and 20 members) voting on 80 roll calls
//!   a year 1960–2019 (yes / no / abstain / absent, `VoteModel::un_like`), projected by same
//!   vote; 60 yearly windows. Blocs 0 and 1 merge in 1991; 20 members of bloc 2 split off
//!   in 2005.
//! * Co-signature: 1,000 actors in 20 coalitions of 50 signing 60,000 statements (mean size
//!   8) over 2005–2019, Newman weights; 60 quarterly windows. Ten actors switch coalitions in
//!   2010 (from coalition 0 to 1) and coalitions 3 and 4 merge in 2015. PageRank only: with
//!   the default centralities weighted betweenness (Brandes, `O(n·m log n)` per window: 1,000
//!   nodes and about 34,000 edges a quarter) would dominate — 60 quarters × the 656 ms that
//!   `co-signature betweenness of one quarterly window` measures ≈ 39 s — so it is timed on
//!   one quarter on its own instead.
//!
//! With `COSIGNATORY_BENCH_LARGE=1`, the same recipes at the sizes: UN-like 200 actors
//! × 100,000 roll calls (60 yearly windows, plus all-pairs quadratic kappa and S of every
//! window) and co-signature 10,000 actors in 200 coalitions × 1,000,000 statements (60
//! quarterly windows, PageRank).
//!
//! The datasets come from `cosignatory::synth::scheduled` with fixed seeds; generating them
//! is not timed.

use chrono::NaiveDate;
use cosignatory::align::{Coding, Measure, Options, Universe, position_matrix};
use cosignatory::dynamics::{CentralitySelection, Timeline, TimelineOptions};
use cosignatory::graph::{Linking, ProjectionOptions, Weighting, betweenness, project};
use cosignatory::model::Dataset;
use cosignatory::synth::{
    Change, CoalitionSizes, PlantedOptions, ScheduledEvent, ScheduledOptions, Sponsor, VoteModel,
    scheduled,
};
use cosignatory::time::{Period, WindowSpec};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn jan1(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).expect("valid date")
}

fn dec31(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).expect("valid date")
}

/// The UN-like roll calls (see the module documentation), `roll_calls` of them.
fn un_like(roll_calls: usize) -> Dataset {
    scheduled(&ScheduledOptions {
        planted: PlantedOptions {
            actors: 200,
            coalitions: 5,
            sizes: CoalitionSizes::Given(vec![60, 30, 50, 40, 20]),
            statements: roll_calls,
            outside: 0.1,
            sponsor: Sponsor::BySize,
            from: jan1(1960),
            to: dec31(2019),
            votes: true,
            vote_model: VoteModel::un_like(),
            seed: 1960,
            ..Default::default()
        },
        events: vec![
            ScheduledEvent::new(
                jan1(1991),
                Change::Merge {
                    into: 0,
                    from: vec![1],
                },
            ),
            ScheduledEvent::new(
                jan1(2005),
                Change::Split {
                    coalition: 2,
                    actors: (120..140).collect(),
                },
            ),
        ],
    })
    .expect("valid options")
    .dataset
}

/// The co-signature workload (see the module documentation), `actors` in coalitions of 50.
fn cosignatures(actors: usize, statements: usize) -> Dataset {
    let coalitions = actors / 50;
    scheduled(&ScheduledOptions {
        planted: PlantedOptions {
            actors,
            coalitions,
            statements,
            mean_size: 8.0,
            outside: 0.15,
            sponsor: Sponsor::BySize,
            from: jan1(2005),
            to: dec31(2019),
            seed: 2005,
            ..Default::default()
        },
        events: vec![
            // Round robin: actor a is in coalition a % coalitions, so these ten are in 0.
            ScheduledEvent::new(
                jan1(2010),
                Change::Switch {
                    actors: (0..10).map(|k| k * coalitions).collect(),
                    to: 1,
                },
            ),
            ScheduledEvent::new(
                jan1(2015),
                Change::Merge {
                    into: 3,
                    from: vec![4],
                },
            ),
        ],
    })
    .expect("valid options")
    .dataset
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeline");
    group.sample_size(10);

    let un = un_like(60 * 80);
    let yearly = TimelineOptions {
        windows: WindowSpec::years(),
        projection: ProjectionOptions {
            linking: Linking::SameVote,
            ..ProjectionOptions::new(Weighting::Newman)
        },
        ..Default::default()
    };
    let t = Timeline::build(&un.view(), &yearly).expect("valid timeline");
    assert_eq!(t.windows.len(), 60);
    println!(
        "un-like: {} roll calls, {} votes, {} windows, {} events",
        un.statements().len(),
        un.num_signatures(),
        t.windows.len(),
        t.events().count()
    );
    group.bench_function("un-like 200 actors, 60 yearly windows", |b| {
        b.iter(|| black_box(Timeline::build(&un.view(), &yearly).expect("valid timeline")))
    });

    let cs = cosignatures(1_000, 60_000);
    let quarterly = TimelineOptions {
        windows: WindowSpec::Calendar {
            period: Period::Quarter,
            size: 1,
            step: 1,
        },
        centrality: CentralitySelection {
            pagerank: true,
            betweenness: false,
            eigenvector: false,
        },
        ..Default::default()
    };
    let t = Timeline::build(&cs.view(), &quarterly).expect("valid timeline");
    assert_eq!(t.windows.len(), 60);
    println!(
        "co-signature: {} statements, {} signatures, {} windows, {} events",
        cs.statements().len(),
        cs.num_signatures(),
        t.windows.len(),
        t.events().count()
    );
    group.bench_function(
        "co-signature 1000 actors, 60 quarterly windows, pagerank",
        |b| b.iter(|| black_box(Timeline::build(&cs.view(), &quarterly).expect("valid timeline"))),
    );
    let quarter = cs.view().between(
        jan1(2012),
        NaiveDate::from_ymd_opt(2012, 3, 31).expect("valid"),
    );
    let g = project(&quarter, &ProjectionOptions::new(Weighting::Newman)).expect("valid");
    println!(
        "one quarter (2012 Q1): {} nodes, {} edges",
        g.node_count(),
        g.edge_count()
    );
    group.bench_function("co-signature betweenness of one quarterly window", |b| {
        b.iter(|| black_box(betweenness(g.graph(), |e| e.weight, true).expect("positive weights")))
    });
    if std::env::var_os("COSIGNATORY_BENCH_LARGE").is_some() {
        large(&mut group, &yearly, &quarterly);
    }
    group.finish();
}

/// The sizes: UN-like 200 actors × 100,000 roll calls and cosponsorship-like 10,000
/// actors × 1,000,000 statements, each over 60 windows.
fn large(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    yearly: &TimelineOptions,
    quarterly: &TimelineOptions,
) {
    let un = un_like(100_000);
    println!(
        "un-like large: {} roll calls, {} votes",
        un.statements().len(),
        un.num_signatures()
    );
    group.bench_function(
        "un-like 200 actors x 100k roll calls, 60 yearly windows",
        |b| b.iter(|| black_box(Timeline::build(&un.view(), yearly).expect("valid timeline"))),
    );
    let years = WindowSpec::years()
        .windows(jan1(1960), dec31(2019))
        .expect("valid windows");
    let per_window = |measure: Measure| {
        let mut dyads = 0;
        for w in &years {
            let view = un.view().between(w.start, w.end);
            let pm = position_matrix(&view, None, &Coding::voeten(), &Universe::Recorded)
                .expect("valid view");
            let scores = pm.all_pairs(measure, &Options::default()).expect("fits");
            dyads += scores.pairs().filter(|(_, _, s)| s.n > 0).count();
        }
        dyads
    };
    println!(
        "un-like large: {} dyad-windows",
        per_window(Measure::KappaQuadratic)
    );
    for (name, measure) in [
        ("kappa_q", Measure::KappaQuadratic),
        ("S", Measure::SAbsolute),
    ] {
        group.bench_function(
            format!("un-like 200 x 100k: all-pairs {name} per yearly window"),
            |b| b.iter(|| black_box(per_window(measure))),
        );
    }
    drop(un);

    let cs = cosignatures(10_000, 1_000_000);
    println!(
        "co-signature large: {} statements, {} signatures",
        cs.statements().len(),
        cs.num_signatures()
    );
    group.bench_function(
        "co-signature 10k actors x 1M statements, 60 quarterly windows, pagerank",
        |b| b.iter(|| black_box(Timeline::build(&cs.view(), quarterly).expect("valid timeline"))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
