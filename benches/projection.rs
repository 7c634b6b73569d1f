//! Projection benchmarks (issue: co-signature graphs). Run: `cargo bench --bench projection`.
//!
//! UN-like: 200 actors × 100,000 statements; the Python package's graph workload: 1,000 ×
//! 100,000 (`project` against `project_edges`, the columns `ds.graph()` is built from);
//! cosponsorship-like: 10,000 actors × 1,000,000
//! statements averaging 8 signatories (set COSIGNATORY_BENCH_LARGE=1; generating the datasets
//! takes a few seconds each and the largest projection holds about 19M edges).

// The comparison's workloads: the same recipe, so the figures apply to its data too.
#[path = "compare/workloads.rs"]
mod workloads;

use cosignatory::graph::{
    Incidence, IncidenceOptions, ProjectionOptions, Weighting, project, project_edges,
    project_incidence,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut sizes = vec![
        (200, 12_500),
        (200, 25_000),
        (200, 50_000),
        (200, 100_000),
        (1_000, 100_000),
    ];
    if std::env::var_os("COSIGNATORY_BENCH_LARGE").is_some() {
        sizes.extend([
            (10_000, 125_000),
            (10_000, 250_000),
            (10_000, 500_000),
            (10_000, 1_000_000),
        ]);
    }
    let mut group = c.benchmark_group("projection");
    group.sample_size(10);
    for (actors, statements) in sizes {
        let ds = workloads::projection_dataset(actors, statements);
        let view = ds.view();
        group.bench_function(format!("newman/{actors}x{statements}"), |b| {
            b.iter(|| {
                black_box(project(&view, &ProjectionOptions::new(Weighting::Newman)).unwrap())
            })
        });
        group.bench_function(format!("newman-edge-table/{actors}x{statements}"), |b| {
            b.iter(|| {
                black_box(project_edges(&view, &ProjectionOptions::new(Weighting::Newman)).unwrap())
            })
        });
        let inc = Incidence::from_view(&view, &IncidenceOptions::default()).unwrap();
        group.bench_function(
            format!("newman-from-incidence/{actors}x{statements}"),
            |b| b.iter(|| black_box(project_incidence(&view, &inc, Weighting::Newman, false))),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
