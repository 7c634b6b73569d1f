//! Projections, centralities and the disparity filter against networkx/scipy fixtures
//! (tests/fixtures/projections.json and centrality.json; tool versions in their headers).

use cosignatory::graph::{
    CentralityOptions, ProjectionOptions, Weighting, betweenness, eigenvector, pagerank,
    participation_coefficient, project, strength, within_module_z,
};
use cosignatory::model::{Dataset, DatasetBuilder, Statement, StatementKind};
use petgraph::graph::UnGraph;
use serde_json::Value;
use std::collections::HashMap;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

fn dataset_of(input: &Value) -> Dataset {
    let day = "2020-01-01".parse().unwrap();
    let mut b = DatasetBuilder::new();
    for s in input["statements"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        b.statement(Statement::new(id, day, StatementKind::JointStatement));
        b.signed_by(
            id,
            s["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap()),
        );
    }
    b.build().unwrap()
}

#[test]
fn projections_match_networkx_and_scipy() {
    let fx = fixture("projections.json");
    let columns = [
        ("count", Weighting::Count),
        ("newman", Weighting::Newman),
        ("jaccard", Weighting::Jaccard),
        ("overlap", Weighting::Overlap),
        ("cosine", Weighting::Cosine),
        ("minus_log10_p", Weighting::Hypergeometric),
    ];
    for (name, input) in fx["inputs"].as_object().unwrap() {
        // The real data is the bundled dataset itself (yes-signatures, blocs as their own nodes).
        let ds = if name == "real_data" {
            cosignatory::datasets::joint_statements()
        } else {
            dataset_of(input)
        };
        let col: HashMap<&str, usize> = input["edge_columns"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str().unwrap(), i))
            .collect();
        let edges = input["edges"].as_array().unwrap();
        for (column, weighting) in columns {
            let g = project(&ds.view(), &ProjectionOptions::new(weighting)).unwrap();
            assert_eq!(g.edge_count(), edges.len(), "{name} {column}");
            assert_eq!(
                g.num_statements() as u64,
                input["n_statements"].as_u64().unwrap()
            );
            for e in edges {
                let e = e.as_array().unwrap();
                let (u, v) = (e[0].as_str().unwrap(), e[1].as_str().unwrap());
                let got = g
                    .edge(u, v)
                    .unwrap_or_else(|| panic!("{name}: no edge {u}-{v}"));
                let want = e[col[column]].as_f64().unwrap();
                // Exact ratios to 1e-12; −log10 p from log-space sums to 1e-9 relative.
                let tol = if weighting == Weighting::Hypergeometric {
                    1e-9
                } else {
                    1e-12
                };
                assert!(
                    close(got.weight, want, tol),
                    "{name} {column} {u}-{v}: {} vs {want}",
                    got.weight
                );
                assert_eq!(got.count as u64, e[col["count"]].as_u64().unwrap());
            }
        }
    }
}

fn graph_from(nodes: &[Value], edges: &[Value]) -> UnGraph<String, f64> {
    let mut g = UnGraph::default();
    let idx: HashMap<&str, _> = nodes
        .iter()
        .map(|n| {
            (
                n.as_str().unwrap(),
                g.add_node(n.as_str().unwrap().to_string()),
            )
        })
        .collect();
    for e in edges {
        let e = e.as_array().unwrap();
        g.add_edge(
            idx[e[0].as_str().unwrap()],
            idx[e[1].as_str().unwrap()],
            e[2].as_f64().unwrap(),
        );
    }
    g
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn check(name: &str, what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(close(*g, *w, tol), "{name} {what} node {i}: {g} vs {w}");
    }
}

#[test]
fn centralities_match_networkx() {
    let fx = fixture("centrality.json");
    let graphs = fixture("graphs.json");
    let proj = fixture("projections.json");
    for (name, c) in fx["graphs"].as_object().unwrap() {
        let nodes = c["nodes"].as_array().unwrap();
        let g = match name.as_str() {
            "karate_weighted" | "lesmis_weighted" => {
                let src = &graphs["graphs"][name];
                let edges: Vec<Value> = src["edges"].as_array().unwrap().clone();
                graph_from(nodes, &edges)
            }
            _ => {
                let (input, column) = if name == "real_data_newman" {
                    ("real_data", "newman")
                } else {
                    ("random_40x120", "count")
                };
                let p = &proj["inputs"][input];
                let cols: Vec<&str> = p["edge_columns"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect();
                let k = cols.iter().position(|c| *c == column).unwrap();
                let edges: Vec<Value> = p["edges"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| Value::from(vec![e[0].clone(), e[1].clone(), e[k].clone()]))
                    .collect();
                graph_from(nodes, &edges)
            }
        };
        let opts = CentralityOptions::default();
        check(
            name,
            "strength",
            &strength(&g, |w| *w),
            &floats(&c["strength"]),
            1e-12,
        );
        check(
            name,
            "eigenvector",
            &eigenvector(&g, |w| *w, &opts).unwrap(),
            &floats(&c["eigenvector_numpy_eigh"]),
            1e-9,
        );
        check(
            name,
            "pagerank",
            &pagerank(&g, |w| *w, &opts).unwrap(),
            &floats(&c["pagerank_exact_solve"]),
            1e-9,
        );
        check(
            name,
            "betweenness",
            &betweenness(&g, |w| *w, true).unwrap(),
            &floats(&c["betweenness_normalized"]),
            1e-9,
        );
        check(
            name,
            "betweenness (raw)",
            &betweenness(&g, |w| *w, false).unwrap(),
            &floats(&c["betweenness_unnormalized"]),
            1e-9,
        );
        let membership: Vec<usize> = c["partition_louvain_seed0"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as usize)
            .collect();
        let p: Vec<f64> = participation_coefficient(&g, |w| *w, &membership)
            .unwrap()
            .into_iter()
            .map(Option::unwrap)
            .collect();
        check(
            name,
            "participation",
            &p,
            &floats(&c["participation"]),
            1e-12,
        );
        check(
            name,
            "within-module z",
            &within_module_z(&g, |w| *w, &membership).unwrap(),
            &floats(&c["within_module_z"]),
            1e-9,
        );
    }
}

#[test]
fn disparity_alphas_decide_the_backbone() {
    // Recompute the kept set from networkx-side alphas and compare with our filter.
    let fx = fixture("centrality.json");
    let d = &fx["disparity_real_data_newman"];
    let cols: Vec<&str> = d["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let ds = cosignatory::datasets::joint_statements();
    let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Newman)).unwrap();
    for alpha in [0.01, 0.05, 0.2] {
        let b = cosignatory::graph::disparity_filter(&g, alpha).unwrap();
        let mut expected = 0;
        for e in d["edges"].as_array().unwrap() {
            let get = |c: &str| e[cols.iter().position(|x| *x == c).unwrap()].clone();
            let sig = |v: Value| v.as_f64().is_some_and(|a| a < alpha);
            let keep = sig(get("alpha_u")) || sig(get("alpha_v"));
            let (u, v) = (get("u"), get("v"));
            let (u, v) = (u.as_str().unwrap(), v.as_str().unwrap());
            assert_eq!(b.graph.edge(u, v).is_some(), keep, "alpha {alpha}: {u}-{v}");
            expected += keep as usize;
        }
        assert_eq!(b.kept, expected);
    }
}
