//! Helpers shared by the clustering tests: fixture loading, graph builders
//! and structural checks.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;

use cosignatory::cluster::ClusterGraph;
use petgraph::graph::UnGraph;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

pub fn fixture_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(file)
}

/// Parses a fixture file, or `None` when it has not been generated yet.
pub fn load_fixture(file: &str) -> Option<Value> {
    let text = std::fs::read_to_string(fixture_path(file)).ok()?;
    Some(serde_json::from_str(&text).expect("fixture is valid JSON"))
}

/// One graph of `graphs.json`.
pub struct FixtureGraph {
    pub nodes: Vec<String>,
    /// `(u, v, w)` with indices into `nodes`.
    pub edges: Vec<(usize, usize, f64)>,
    pub planted: Option<Vec<usize>>,
    pub spec: Value,
}

impl FixtureGraph {
    /// The graph as petgraph with nodes inserted in fixture order.
    pub fn petgraph(&self) -> UnGraph<String, f64> {
        let mut g = UnGraph::new_undirected();
        let ids: Vec<_> = self.nodes.iter().map(|n| g.add_node(n.clone())).collect();
        for &(u, v, w) in &self.edges {
            g.add_edge(ids[u], ids[v], w);
        }
        g
    }

    /// The cluster graph keyed by node name; node indices follow the fixture's order.
    pub fn cluster_graph(&self) -> ClusterGraph {
        ClusterGraph::from_petgraph(&self.petgraph(), |name| name.clone(), |w| *w).unwrap()
    }
}

pub fn graph_fixture(name: &str) -> Option<FixtureGraph> {
    let all = load_fixture("graphs.json")?;
    let spec = all["graphs"][name].clone();
    assert!(spec.is_object(), "graphs.json has no graph {name}");
    let nodes: Vec<String> = spec["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let edges = spec["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let u = index[e[0].as_str().unwrap()];
            let v = index[e[1].as_str().unwrap()];
            (u, v, e[2].as_f64().unwrap())
        })
        .collect();
    let planted = spec.get("planted").map(labels);
    Some(FixtureGraph {
        nodes,
        edges,
        planted,
        spec,
    })
}

pub fn labels(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect()
}

/// Zachary's karate club (unweighted), from the fixture.
pub fn karate() -> ClusterGraph {
    graph_fixture("karate")
        .expect("graphs.json is present")
        .cluster_graph()
}

/// True when the nodes of `community` induce a connected subgraph.
pub fn is_connected_within(graph: &ClusterGraph, community: &[usize]) -> bool {
    if community.len() <= 1 {
        return true;
    }
    let inside: std::collections::HashSet<usize> = community.iter().copied().collect();
    let mut seen = std::collections::HashSet::from([community[0]]);
    let mut queue = VecDeque::from([community[0]]);
    while let Some(v) = queue.pop_front() {
        for (u, _) in graph.neighbors(v) {
            if inside.contains(&u) && seen.insert(u) {
                queue.push_back(u);
            }
        }
    }
    seen.len() == community.len()
}

/// An Erdős–Rényi-like random graph with random weights in [0.5, 1.5).
pub fn random_edges(n: usize, p: f64, seed: u64) -> Vec<(usize, usize, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut edges = Vec::new();
    for u in 0..n {
        for v in u + 1..n {
            if rng.random::<f64>() < p {
                edges.push((u, v, 0.5 + rng.random::<f64>()));
            }
        }
    }
    edges
}

/// Planted partition: `k` blocks of `size` nodes, `degree` expected edge ends per node, of
/// which a share `p_in` inside the block.
pub fn planted_edges(
    k: usize,
    size: usize,
    degree: usize,
    p_in: f64,
    seed: u64,
) -> Vec<(usize, usize, f64)> {
    let n = k * size;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let m = n * degree / 2;
    let mut edges = Vec::with_capacity(m);
    while edges.len() < m {
        let u = rng.random_range(0..n as u32) as usize;
        let v = if rng.random::<f64>() < p_in {
            (u / size) * size + rng.random_range(0..size as u32) as usize
        } else {
            rng.random_range(0..n as u32) as usize
        };
        if u != v {
            edges.push((u, v, 1.0));
        }
    }
    edges
}
