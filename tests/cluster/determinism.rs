//! Determinism (same seed, same result; insertion order irrelevant) and Leiden's
//! connectivity guarantee on random graphs.

use std::collections::BTreeMap;

use crate::support::{is_connected_within, planted_edges, random_edges};
use cosignatory::cluster::{
    ClusterGraph, ConsensusOptions, Iterations, LabelPropagationOptions, LeidenOptions,
    LouvainOptions, Partition, Quality, consensus, label_propagation, leiden, louvain,
};
use petgraph::graph::UnGraph;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// Builds the same graph with nodes and edges inserted in a shuffled order (and edges
/// flipped), keyed by `"node-{i}"`, so that indices differ between builds.
fn shuffled_build(
    n: usize,
    edges: &[(usize, usize, f64)],
    shuffle_seed: Option<u64>,
) -> (ClusterGraph, Vec<String>) {
    let mut node_order: Vec<usize> = (0..n).collect();
    let mut edge_order = edges.to_vec();
    if let Some(seed) = shuffle_seed {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        node_order.shuffle(&mut rng);
        edge_order.shuffle(&mut rng);
        for e in edge_order.iter_mut().step_by(2) {
            std::mem::swap(&mut e.0, &mut e.1);
        }
    }
    let mut g: UnGraph<String, f64> = UnGraph::new_undirected();
    let mut index = vec![petgraph::graph::NodeIndex::new(0); n];
    for &v in &node_order {
        index[v] = g.add_node(format!("node-{v:05}"));
    }
    for &(u, v, w) in &edge_order {
        g.add_edge(index[u], index[v], w);
    }
    let keys = g.node_weights().cloned().collect();
    (
        ClusterGraph::from_petgraph(&g, |k| k.clone(), |w| *w).unwrap(),
        keys,
    )
}

/// A named clustering run.
type Run = (&'static str, Box<dyn Fn(&ClusterGraph) -> Partition>);

/// Community id of every key.
fn by_key(p: &Partition, keys: &[String]) -> BTreeMap<String, usize> {
    keys.iter()
        .cloned()
        .zip(p.membership().iter().copied())
        .collect()
}

#[test]
fn results_do_not_depend_on_insertion_order() {
    let n = 300;
    let edges = planted_edges(6, 50, 8, 0.7, 5);
    let (base, base_keys) = shuffled_build(n, &edges, None);
    let runs: Vec<Run> = vec![
        (
            "leiden",
            Box::new(|g| {
                leiden(
                    g,
                    &LeidenOptions {
                        seed: 11,
                        ..Default::default()
                    },
                )
                .unwrap()
                .partition
            }),
        ),
        (
            "leiden-cpm",
            Box::new(|g| {
                let o = LeidenOptions {
                    quality: Quality::Cpm { resolution: 0.05 },
                    seed: 3,
                    iterations: Iterations::UntilStable,
                    ..Default::default()
                };
                leiden(g, &o).unwrap().partition
            }),
        ),
        (
            "louvain",
            Box::new(|g| {
                louvain(
                    g,
                    &LouvainOptions {
                        seed: 11,
                        ..Default::default()
                    },
                )
                .unwrap()
                .partition
            }),
        ),
        (
            "lpa",
            Box::new(|g| {
                label_propagation(
                    g,
                    &LabelPropagationOptions {
                        seed: 11,
                        ..Default::default()
                    },
                )
                .unwrap()
                .partition
            }),
        ),
        (
            "consensus",
            Box::new(|g| {
                consensus(
                    g,
                    &ConsensusOptions {
                        runs: 8,
                        ..Default::default()
                    },
                )
                .unwrap()
                .partition
            }),
        ),
    ];
    for (name, run) in &runs {
        let reference = by_key(&run(&base), &base_keys);
        for shuffle in 1..4 {
            let (g, keys) = shuffled_build(n, &edges, Some(shuffle));
            assert_eq!(
                by_key(&run(&g), &keys),
                reference,
                "{name}, shuffle {shuffle}"
            );
        }
    }
}

#[test]
fn same_seed_same_result_and_seeds_matter() {
    let edges = random_edges(120, 0.06, 4);
    let g = ClusterGraph::from_edges(120, edges).unwrap();
    let opts = |seed| LeidenOptions {
        seed,
        ..Default::default()
    };
    let a = leiden(&g, &opts(1)).unwrap();
    assert_eq!(a, leiden(&g, &opts(1)).unwrap());
    let different = (2..10).any(|s| leiden(&g, &opts(s)).unwrap().partition != a.partition);
    assert!(different, "seeds should change the result on a noisy graph");
    let l = LouvainOptions {
        seed: 5,
        ..Default::default()
    };
    assert_eq!(louvain(&g, &l).unwrap(), louvain(&g, &l).unwrap());
}

#[test]
fn community_ids_are_canonical() {
    // Community ids are ranks of each community's smallest key, whatever the insertion order.
    let edges = planted_edges(4, 20, 6, 0.9, 2);
    for shuffle in [None, Some(7)] {
        let (g, keys) = shuffled_build(80, &edges, shuffle);
        let p = leiden(&g, &LeidenOptions::default()).unwrap().partition;
        let mut first_seen = Vec::new();
        let mut sorted: Vec<(String, usize)> = keys
            .iter()
            .cloned()
            .zip(p.membership().iter().copied())
            .collect();
        sorted.sort();
        for (_, c) in sorted {
            if !first_seen.contains(&c) {
                first_seen.push(c);
            }
        }
        assert_eq!(first_seen, (0..p.community_count()).collect::<Vec<_>>());
    }
}

#[test]
fn leiden_communities_are_connected_on_random_graphs() {
    for seed in 0..12u64 {
        let n = 60 + 10 * seed as usize;
        let edges = random_edges(n, 3.0 / n as f64, seed);
        let g = ClusterGraph::from_edges(n, edges).unwrap();
        let qualities = [
            Quality::Modularity { resolution: 1.0 },
            Quality::Modularity { resolution: 0.3 },
            Quality::Cpm { resolution: 0.02 },
        ];
        for quality in qualities {
            for iterations in [Iterations::Fixed(1), Iterations::UntilStable] {
                let o = LeidenOptions {
                    quality,
                    seed,
                    iterations,
                    randomness: 0.05,
                    ..Default::default()
                };
                let r = leiden(&g, &o).unwrap();
                for c in r.partition.communities() {
                    assert!(is_connected_within(&g, c), "seed {seed} {quality:?}: {c:?}");
                }
                for level in &r.levels {
                    for c in level.communities() {
                        assert!(is_connected_within(&g, c), "level of seed {seed}");
                    }
                }
                // The hierarchy nests, finest first, and ends at the result.
                assert_eq!(r.levels.last(), Some(&r.partition));
                for w in r.levels.windows(2) {
                    for c in w[0].communities() {
                        assert!(
                            c.iter()
                                .all(|&v| w[1].community_of(v) == w[1].community_of(c[0]))
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn until_stable_never_loses_to_one_iteration() {
    let edges = random_edges(200, 0.03, 9);
    let g = ClusterGraph::from_edges(200, edges).unwrap();
    for seed in 0..5 {
        let one = leiden(
            &g,
            &LeidenOptions {
                seed,
                iterations: Iterations::Fixed(1),
                ..Default::default()
            },
        )
        .unwrap();
        let stable = leiden(
            &g,
            &LeidenOptions {
                seed,
                iterations: Iterations::UntilStable,
                ..Default::default()
            },
        )
        .unwrap();
        assert!(stable.quality >= one.quality - 1e-12);
        assert!(stable.iterations >= 1);
    }
}
