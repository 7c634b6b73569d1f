//! `project_for_clustering` builds the same clustering graph as projecting and converting.

use cosignatory::cluster::{ClusterGraph, LeidenOptions, leiden};
use cosignatory::graph::{ProjectionOptions, Weighting, project, project_for_clustering};
use cosignatory::model::{Dataset, View};
use cosignatory::synth::{PlantedOptions, planted};

fn same(view: &View<'_>, options: &ProjectionOptions) {
    let (direct, actors) = project_for_clustering(view, options).unwrap();
    let g = project(view, options).unwrap();
    let converted: ClusterGraph = g.to_cluster_graph().unwrap();
    assert_eq!(direct.node_count(), converted.node_count());
    assert_eq!(direct.edge_count(), converted.edge_count());
    assert_eq!(
        direct.total_weight().to_bits(),
        converted.total_weight().to_bits()
    );
    let edges = |c: &ClusterGraph| -> Vec<(usize, usize, u64)> {
        c.edges().map(|(a, b, w)| (a, b, w.to_bits())).collect()
    };
    assert_eq!(edges(&direct), edges(&converted));
    let nodes: Vec<_> = g.graph().node_indices().map(|n| g.actor_index(n)).collect();
    assert_eq!(actors, nodes);
    let options = LeidenOptions {
        seed: 7,
        ..Default::default()
    };
    if !direct.has_negative_weights() {
        assert_eq!(
            leiden(&direct, &options).unwrap().partition,
            leiden(&converted, &options).unwrap().partition
        );
    }
}

fn large() -> Dataset {
    // Above the dense accumulator's limit (1,024 actors), so the sparse path is used.
    planted(&PlantedOptions {
        actors: 1_500,
        coalitions: 6,
        statements: 4_000,
        seed: 11,
        ..Default::default()
    })
    .unwrap()
    .dataset
}

#[test]
fn same_graph_as_projecting_and_converting() {
    let bundled = cosignatory::datasets::joint_statements();
    let big = large();
    for ds in [&bundled, &big] {
        for weighting in [
            Weighting::Count,
            Weighting::Newman,
            Weighting::Jaccard,
            Weighting::Hypergeometric,
        ] {
            same(&ds.view(), &ProjectionOptions::new(weighting));
        }
    }
    // Signed (counter-statements in the bundled data) and a date window.
    let signed = ProjectionOptions {
        signed: true,
        ..ProjectionOptions::new(Weighting::Count)
    };
    same(&bundled.view(), &signed);
    let window = bundled
        .view()
        .between("2019-01-01".parse().unwrap(), "2024-12-31".parse().unwrap());
    same(&window, &ProjectionOptions::new(Weighting::Newman));
}
