//! Leiden and Louvain on planted-partition graphs (average degree 20, mixing 0.2).
//! Run: `cargo bench --bench clustering`. The 100k-node graph (1M edges) is the issue's
//! target (< 1.5 s on one core); 25k, 50k, 100k and (with COSIGNATORY_BENCH_LARGE=1) 200k
//! nodes make the scaling table of BENCHMARKS.md. `benches/compare/leiden_igraph.py` times
//! igraph on the same edge lists (written with COSIGNATORY_WRITE_GRAPHS=DIR).

use cosignatory::cluster::{ClusterGraph, LeidenOptions, LouvainOptions, leiden, louvain};
use cosignatory::synth::planted_graph;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("clustering");
    group.sample_size(10);
    let mut sizes = vec![1_000usize, 10_000, 25_000, 50_000, 100_000];
    if std::env::var_os("COSIGNATORY_BENCH_LARGE").is_some() {
        sizes.push(200_000);
    }
    for nodes in sizes {
        let g = planted_graph(nodes, nodes / 100, 20.0, 0.2, 7).expect("valid parameters");
        if let Some(dir) = std::env::var_os("COSIGNATORY_WRITE_GRAPHS") {
            let path = std::path::Path::new(&dir).join(format!("planted_{nodes}.csv"));
            let mut text = String::from("source,target,weight\n");
            for (a, b, w) in &g.edges {
                text.push_str(&format!("{a},{b},{w}\n"));
            }
            std::fs::write(path, text).expect("writable directory");
        }
        let cg = ClusterGraph::from_edges(nodes, g.edges.iter().copied()).expect("valid graph");
        group.bench_function(format!("leiden/{nodes}"), |b| {
            b.iter(|| {
                black_box(
                    leiden(
                        &cg,
                        &LeidenOptions {
                            seed: 1,
                            ..Default::default()
                        },
                    )
                    .unwrap(),
                )
            })
        });
        group.bench_function(format!("louvain/{nodes}"), |b| {
            b.iter(|| {
                black_box(
                    louvain(
                        &cg,
                        &LouvainOptions {
                            seed: 1,
                            ..Default::default()
                        },
                    )
                    .unwrap(),
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
