//! Shared helpers of the synthetic-data tests: Leiden on a dataset's projection, compared with
//! the planted ground truth.

use cosignatory::cluster::{LeidenOptions, leiden, normalized_mutual_info};
use cosignatory::graph::{Linking, ProjectionOptions, Weighting, project};
use cosignatory::model::{Dataset, Position, View};
use petgraph::graph::NodeIndex;

/// Leiden (modularity, best of `runs` seeds) on the Newman projection of `view`: the
/// dataset actor index of each node and its community.
pub fn coalitions(view: &View<'_>, linking: Linking, runs: u64) -> Vec<(usize, usize)> {
    let options = ProjectionOptions {
        linking,
        ..ProjectionOptions::new(Weighting::Newman)
    };
    let g = project(view, &options).unwrap();
    let cg = g.to_cluster_graph().unwrap();
    let best = (0..runs)
        .map(|seed| {
            leiden(
                &cg,
                &LeidenOptions {
                    seed,
                    ..Default::default()
                },
            )
            .unwrap()
        })
        .max_by(|a, b| a.quality.total_cmp(&b.quality))
        .unwrap();
    (0..g.node_count())
        .map(|i| {
            let n = NodeIndex::new(i);
            (g.actor_index(n).index(), best.partition.community_of(i))
        })
        .collect()
}

/// NMI between the communities found on `view` and the planted label of each node.
pub fn recovered_nmi(
    view: &View<'_>,
    linking: Linking,
    truth: impl Fn(usize) -> Option<usize>,
) -> f64 {
    let found = coalitions(view, linking, 3);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (actor, community) in found {
        if let Some(t) = truth(actor) {
            a.push(community);
            b.push(t);
        }
    }
    normalized_mutual_info(&a, &b).unwrap()
}

/// Per actor, its number of signatures in each position (in `Position::ALL` order).
pub fn actor_margins(ds: &Dataset) -> Vec<[usize; 4]> {
    let mut m = vec![[0usize; 4]; ds.actors().len()];
    for s in 0..ds.statements().len() {
        for r in ds.signatures_of(cosignatory::model::StatementIdx(s as u32)) {
            m[r.actor.index()][slot(r.position)] += 1;
        }
    }
    m
}

/// Per statement, its number of signatories in each position.
pub fn statement_margins(ds: &Dataset) -> Vec<[usize; 4]> {
    (0..ds.statements().len())
        .map(|s| {
            let mut t = [0usize; 4];
            for r in ds.signatures_of(cosignatory::model::StatementIdx(s as u32)) {
                t[slot(r.position)] += 1;
            }
            t
        })
        .collect()
}

fn slot(p: Position) -> usize {
    Position::ALL.iter().position(|&x| x == p).unwrap()
}

/// The dataset rebuilt from its records through `DatasetBuilder` (the validated path).
pub fn rebuilt(ds: &Dataset) -> Dataset {
    let mut b = cosignatory::model::DatasetBuilder::new();
    for a in ds.actors() {
        b.actor(a.clone());
    }
    for s in ds.statements() {
        b.statement(s.clone());
    }
    for sig in ds.signature_records() {
        b.signature(sig);
    }
    for m in ds.membership_records() {
        b.membership(m);
    }
    b.build().unwrap()
}
