//! Criterion figures of the library calls that `benches/compare/compare.py` sets against
//! networkx and igraph and that the other benches do not time, on the same workloads
//! (`workloads.rs`). Run: `cargo bench --bench compare_library` (add
//! `COSIGNATORY_BENCH_LARGE=1` for Leiden and Louvain on the 200,000-node planted graph).
//!
//! * `count/AxS` and `newman/AxS`: projection of a co-signature workload (`newman` only for
//!   sizes `benches/projection.rs` does not have);
//! * `pagerank/AxS`: weighted PageRank of the Newman projection, at networkx's default
//!   tolerance (1e-6 × n on the L1 change) for a like-for-like comparison;
//! * `leiden/200000`, `louvain/200000`: as `benches/clustering.rs` does for its sizes.

mod workloads;

use cosignatory::cluster::{ClusterGraph, LeidenOptions, LouvainOptions, leiden, louvain};
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
    if std::env::var_os("COSIGNATORY_BENCH_LARGE").is_some() {
        let nodes = 200_000;
        let g = workloads::graph(nodes);
        if let Some(dir) = std::env::var_os("COSIGNATORY_WRITE_GRAPHS") {
            let mut text = String::from("source,target,weight\n");
            for (a, b, w) in &g.edges {
                text.push_str(&format!("{a},{b},{w}\n"));
            }
            let path = std::path::Path::new(&dir).join(format!("planted_{nodes}.csv"));
            std::fs::write(path, text).expect("writable directory");
        }
        let cg = ClusterGraph::from_edges(nodes, g.edges.iter().copied()).expect("valid graph");
        group.bench_function(format!("leiden/{nodes}"), |b| {
            b.iter(|| {
                let o = LeidenOptions {
                    seed: 1,
                    ..Default::default()
                };
                black_box(leiden(&cg, &o).unwrap())
            })
        });
        group.bench_function(format!("louvain/{nodes}"), |b| {
            b.iter(|| {
                let o = LouvainOptions {
                    seed: 1,
                    ..Default::default()
                };
                black_box(louvain(&cg, &o).unwrap())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
