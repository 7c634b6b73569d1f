//! Degenerate analyses give defined results or typed errors, never panics or NaN.

use cosignatory::align::{
    Coding, MatrixOptions, Measure, Options, SeriesOptions, Universe, alignment_matrix, pair_series,
};
use cosignatory::cluster::{
    ClusterError, ClusterGraph, LeidenOptions, LouvainOptions, leiden, louvain, modularity,
};
use cosignatory::dynamics::{Timeline, TimelineOptions};
use cosignatory::graph::{
    CentralityOptions, ProjectionOptions, Weighting, betweenness, eigenvector, pagerank, project,
};
use cosignatory::model::{DatasetBuilder, Statement, StatementKind};
use cosignatory::time::Window;

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn no_nan(g: &cosignatory::graph::CoSignGraph) {
    for (_, _, e) in g.strongest() {
        assert!(e.weight.is_finite(), "{e:?}");
    }
}

#[test]
fn empty_dataset() {
    let ds = DatasetBuilder::new().build().unwrap();
    assert!(ds.is_empty());
    assert_eq!(ds.date_range(), None);
    for w in Weighting::ALL {
        let g = project(&ds.view(), &ProjectionOptions::new(w)).unwrap();
        assert_eq!((g.node_count(), g.edge_count()), (0, 0));
    }
    let m = alignment_matrix(
        &ds.view(),
        &MatrixOptions::new(
            Measure::KappaQuadratic,
            Coding::voeten(),
            Universe::Recorded,
        ),
    )
    .unwrap();
    assert!(m.is_empty());
    // No statements, no range to lay windows over: a typed error naming the view.
    let t = Timeline::build(&ds.view(), &TimelineOptions::default());
    assert!(
        matches!(
            t,
            Err(cosignatory::Error::InvalidParameter { name: "view", .. })
        ),
        "{t:?}"
    );
}

#[test]
fn window_without_statements() {
    let ds = cosignatory::datasets::joint_statements();
    let empty = ds.view().between(d("2015-06-01"), d("2015-06-30"));
    assert!(empty.is_empty());
    let g = project(&empty, &ProjectionOptions::new(Weighting::Jaccard)).unwrap();
    assert_eq!(g.node_count(), 0);
    let s = pair_series(
        &ds.view(),
        &[Window::new(d("2015-06-01"), d("2015-06-30"))],
        &[("USA", "GBR")],
        &SeriesOptions::default(),
    )
    .unwrap();
    assert_eq!((s[0].score.value, s[0].score.n), (None, 0));
}

#[test]
fn lone_signatures_all_in_one_statement_and_no_edges() {
    let day = d("2020-01-01");
    let mut b = DatasetBuilder::new();
    b.statement(Statement::new("alone", day, StatementKind::JointStatement))
        .statement(Statement::new("all", day, StatementKind::JointStatement))
        .signed_by("alone", ["AAA"])
        .signed_by("all", ["AAA", "BBB", "CCC", "DDD"]);
    let ds = b.build().unwrap();
    for w in Weighting::ALL {
        let g = project(&ds.view(), &ProjectionOptions::new(w)).unwrap();
        assert_eq!((g.node_count(), g.edge_count()), (4, 6), "{w}");
        no_nan(&g);
    }
    // Only the lone statement: one isolated node, no edges.
    let lone = project(
        &ds.view().actors(["AAA"]).unwrap(),
        &ProjectionOptions::new(Weighting::Newman),
    )
    .unwrap();
    assert_eq!((lone.node_count(), lone.edge_count()), (1, 0));
    let opts = CentralityOptions::default();
    assert_eq!(
        betweenness(lone.graph(), |e| e.weight, true).unwrap(),
        [0.0]
    );
    assert!(
        eigenvector(lone.graph(), |e| e.weight, &opts)
            .unwrap()
            .iter()
            .all(|v| v.is_finite())
    );
    assert_eq!(pagerank(lone.graph(), |e| e.weight, &opts).unwrap(), [1.0]);
    // Clustering a graph without edges: modularity is undefined (no weight), so a typed
    // error rather than a partition or a panic.
    let cg = lone.to_cluster_graph().unwrap();
    let r = leiden(&cg, &LeidenOptions::default()).map(|r| r.partition);
    assert!(matches!(r, Err(ClusterError::ZeroTotalWeight)), "{r:?}");
    let empty_edges = ClusterGraph::from_edges(3, std::iter::empty()).unwrap();
    for result in [
        leiden(&empty_edges, &LeidenOptions::default()).map(|r| r.partition),
        louvain(&empty_edges, &LouvainOptions::default()).map(|r| r.partition),
    ] {
        assert!(
            matches!(result, Err(ClusterError::ZeroTotalWeight)),
            "{result:?}"
        );
    }
    let q = modularity(&empty_edges, &[0, 1, 2], 1.0);
    assert!(matches!(q, Err(ClusterError::ZeroTotalWeight)), "{q:?}");
}

#[test]
fn negative_and_nan_weights_are_typed_errors() {
    let neg = ClusterGraph::from_edges(3, [(0, 1, 1.0), (1, 2, -1.0)]).unwrap();
    assert!(matches!(
        leiden(&neg, &LeidenOptions::default()),
        Err(ClusterError::NegativeWeight { .. })
    ));
    assert!(matches!(
        ClusterGraph::from_edges(2, [(0, 1, f64::NAN)]),
        Err(ClusterError::NonFiniteWeight { .. })
    ));
    let mut g = petgraph::graph::UnGraph::<(), f64>::new_undirected();
    let (a, b) = (g.add_node(()), g.add_node(()));
    g.add_edge(a, b, f64::NAN);
    assert!(pagerank(&g, |w| *w, &CentralityOptions::default()).is_err());
    assert!(betweenness(&g, |w| *w, true).is_err());
}

#[test]
fn zero_variance_positions_are_undefined_not_nan() {
    let ds = {
        let mut b = DatasetBuilder::new();
        for (i, day) in ["2020-01-01", "2020-02-01", "2020-03-01"]
            .iter()
            .enumerate()
        {
            let id = format!("r{i}");
            b.statement(Statement::new(&id, d(day), StatementKind::ResolutionVote));
            b.signed_by(&id, ["AAA", "BBB"]);
        }
        b.build().unwrap()
    };
    let m = alignment_matrix(
        &ds.view(),
        &MatrixOptions::new(Measure::KappaNominal, Coding::voeten(), Universe::Recorded),
    )
    .unwrap();
    assert_eq!((m.get(0, 1).value, m.get(0, 1).n), (None, 3));
    let fpsim = alignment_matrix(
        &ds.view(),
        &MatrixOptions {
            options: Options::fpsim(),
            ..MatrixOptions::new(Measure::KappaNominal, Coding::voeten(), Universe::Recorded)
        },
    )
    .unwrap();
    assert_eq!(fpsim.get(0, 1).value, Some(0.0));
    let s = alignment_matrix(
        &ds.view(),
        &MatrixOptions::new(Measure::SAbsolute, Coding::voeten(), Universe::Recorded),
    )
    .unwrap();
    assert_eq!(s.get(0, 1).value, Some(1.0));
}
