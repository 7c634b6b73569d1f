//! Criterion figures of the library calls that `benches/compare/compare.py` sets against
//! networkx and igraph and that the other benches do not time, on the same workloads
//! (`workloads.rs`). Run: `cargo bench --bench compare_library` (Leiden and Louvain on the
//! planted graphs, 200,000 nodes included, are `benches/clustering.rs`'s).
//!
//! * `count/AxS` and `newman/AxS`: projection of a co-signature workload (`newman` only for
//!   sizes `benches/projection.rs` does not have);
//! * `pagerank/AxS`: weighted PageRank of the Newman projection, at networkx's default
//!   tolerance (1e-6 × n on the L1 change) for a like-for-like comparison.

mod workloads;

use cosignatory::graph::{CentralityOptions, ProjectionOptions, Weighting, pagerank, project};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    group.sample_size(10);
    for (actors, statements) in workloads::PROJECTION {
        let ds = workloads::projection_dataset(actors, statements);
        let view = ds.view();
        let id = format!("{actors}x{statements}");
        group.bench_function(format!("count/{id}"), |b| {
            b.iter(|| black_box(project(&view, &ProjectionOptions::new(Weighting::Count)).unwrap()))
        });
        if actors != 200 || statements == 10_000 {
            group.bench_function(format!("newman/{id}"), |b| {
                b.iter(|| {
                    black_box(project(&view, &ProjectionOptions::new(Weighting::Newman)).unwrap())
                })
            });
        }
        if statements == 100_000 {
            let g = project(&view, &ProjectionOptions::new(Weighting::Newman)).unwrap();
            let options = CentralityOptions {
                tolerance: 1e-6,
                ..Default::default()
            };
            group.bench_function(format!("pagerank/{id}"), |b| {
                b.iter(|| black_box(pagerank(g.graph(), |e| e.weight, &options).unwrap()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
