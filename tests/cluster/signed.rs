//! Signed graphs: CPM and signed modularity use negative weights; plain modularity and
//! non-finite weights are typed errors.

use cosignatory::cluster::{
    ClusterError, ClusterGraph, LabelPropagationOptions, LeidenOptions, LouvainOptions, Quality,
    cpm_quality, label_propagation, leiden, leiden_best_of, louvain, modularity, signed_modularity,
};
use petgraph::graph::UnGraph;

/// Three blocs of five: friendly inside, hostile between blocs 0 and 1, neutral-positive
/// weak ties between 1 and 2.
fn blocs() -> ClusterGraph {
    let mut edges = Vec::new();
    for b in 0..3 {
        for i in 0..5 {
            for j in i + 1..5 {
                edges.push((b * 5 + i, b * 5 + j, 1.0));
            }
        }
    }
    for i in 0..5 {
        for j in 5..10 {
            edges.push((i, j, -1.0));
        }
        edges.push((5 + i, 10 + i, 0.3));
    }
    ClusterGraph::from_edges(15, edges).unwrap()
}

#[test]
fn signed_modularity_finds_the_blocs() {
    let g = blocs();
    let opts = LeidenOptions {
        quality: Quality::SignedModularity { resolution: 1.0 },
        ..Default::default()
    };
    let r = leiden_best_of(&g, &opts, 5).unwrap();
    let expected: Vec<usize> = (0..15).map(|v| v / 5).collect();
    assert_eq!(r.partition.membership(), &expected[..]);
    let q = signed_modularity(&g, r.partition.membership(), 1.0).unwrap();
    assert!((q - r.quality).abs() < 1e-12);
    // Putting hostile blocs together is worse.
    let merged: Vec<usize> = (0..15).map(|v| usize::from(v >= 10)).collect();
    assert!(signed_modularity(&g, &merged, 1.0).unwrap() < q);
    let lv = louvain(
        &g,
        &LouvainOptions {
            quality: opts.quality,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(lv.partition.membership(), &expected[..]);
}

#[test]
fn cpm_handles_negative_weights() {
    let g = blocs();
    let opts = LeidenOptions {
        quality: Quality::Cpm { resolution: 0.2 },
        ..Default::default()
    };
    let r = leiden(&g, &opts).unwrap();
    assert_eq!(r.partition.community_count(), 3);
    assert!((cpm_quality(&g, r.partition.membership(), 0.2).unwrap() - r.quality).abs() < 1e-12);
}

#[test]
fn plain_modularity_refuses_negative_weights() {
    let g = blocs();
    let err = leiden(&g, &LeidenOptions::default()).unwrap_err();
    assert!(
        matches!(err, ClusterError::NegativeWeight { u: 0, v: 5, weight } if weight == -1.0),
        "{err:?}"
    );
    assert!(matches!(
        modularity(&g, &[0; 15], 1.0),
        Err(ClusterError::NegativeWeight { .. })
    ));
    assert!(matches!(
        louvain(&g, &LouvainOptions::default()),
        Err(ClusterError::NegativeWeight { .. })
    ));
    assert!(matches!(
        label_propagation(&g, &LabelPropagationOptions::default()),
        Err(ClusterError::NegativeWeight { .. })
    ));
    assert!(err.to_string().contains("negative"));
}

#[test]
fn non_finite_weights_are_refused_for_every_algorithm() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut g: UnGraph<&str, f64> = UnGraph::new_undirected();
        let a = g.add_node("a");
        let b = g.add_node("b");
        g.add_edge(a, b, bad);
        let err = ClusterGraph::from_petgraph(&g, |k| *k, |w| *w).unwrap_err();
        assert!(
            matches!(err, ClusterError::NonFiniteWeight { u: 0, v: 1, .. }),
            "{err:?}"
        );
        assert!(ClusterGraph::from_edges(2, [(0, 1, bad)]).is_err());
    }
}

#[test]
fn signed_modularity_without_negatives_is_modularity() {
    let Some(f) = crate::support::graph_fixture("karate") else {
        return;
    };
    let g = f.cluster_graph();
    let signed = leiden_best_of(
        &g,
        &LeidenOptions {
            quality: Quality::SignedModularity { resolution: 1.0 },
            ..Default::default()
        },
        5,
    )
    .unwrap();
    assert!((signed.quality - 0.4197896120973046).abs() < 1e-12);
}
