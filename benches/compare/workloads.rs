//! The workloads of the comparison, shared by `tool.rs` (which writes them as files for the
//! script and the CLI), `library.rs` and `benches/projection.rs` (criterion figures of the
//! library calls on the same data). The planted graphs repeat `benches/clustering.rs`'s
//! recipe exactly, so its criterion figures apply to the same graphs.
#![allow(dead_code)]

use cosignatory::model::Dataset;
use cosignatory::synth::{Planted, PlantedGraph, PlantedOptions, planted, planted_graph};

/// Co-signature projection workloads `(actors, statements)`: the scaling sizes of
/// `benches/projection.rs`, the networkx reference size 200 × 10,000, and 1,000 × 100,000.
pub const PROJECTION: [(usize, usize); 6] = [
    (200, 10_000),
    (200, 12_500),
    (200, 25_000),
    (200, 50_000),
    (200, 100_000),
    (1_000, 100_000),
];

/// The cosponsorship-like workload of the memory target.
pub const LARGE: (usize, usize) = (10_000, 1_000_000);

/// Planted-partition graph sizes (nodes): `benches/clustering.rs`'s (200,000 with
/// `COSIGNATORY_BENCH_LARGE=1`).
pub const GRAPHS: [usize; 6] = [1_000, 10_000, 25_000, 50_000, 100_000, 200_000];

/// `benches/projection.rs`'s recipe: 8 coalitions, mean size 8, 20% outsiders, seed 42.
pub fn projection(actors: usize, statements: usize) -> Planted {
    planted(&PlantedOptions {
        actors,
        coalitions: 8,
        statements,
        mean_size: 8.0,
        outside: 0.2,
        seed: 42,
        ..Default::default()
    })
    .expect("valid options")
}

/// The dataset only.
pub fn projection_dataset(actors: usize, statements: usize) -> Dataset {
    projection(actors, statements).dataset
}

/// `benches/clustering.rs`'s recipe: groups of 100, average degree 20, mixing 0.2, seed 7.
pub fn graph(nodes: usize) -> PlantedGraph {
    planted_graph(nodes, nodes / 100, 20.0, 0.2, 7).expect("valid parameters")
}

/// The folder name of a projection workload.
pub fn projection_name(actors: usize, statements: usize) -> String {
    format!("proj_{actors}x{statements}")
}
