//! Property tests on random datasets, graphs and position matrices (proptest, fixed case count
//! so CI time stays bounded).

use cosignatory::align::{Coding, Measure, Options, PositionMatrix};
use cosignatory::cluster::{ClusterGraph, LeidenOptions, leiden, modularity};
use cosignatory::graph::{ProjectionOptions, Weighting, project};
use cosignatory::io::{read_csv_folder, read_dataset, write_csv_folder, write_json};
use cosignatory::model::{Dataset, DatasetBuilder, Position, Signature, Statement, StatementKind};
use cosignatory::time::WindowSpec;
use proptest::prelude::*;

const POSITIONS: [Position; 4] = [
    Position::Yes,
    Position::No,
    Position::Abstain,
    Position::Absent,
];

/// (day offset, kind, signatures as (actor, position)) per statement.
type Spec = Vec<(u16, u8, Vec<(u8, u8)>)>;

fn spec() -> impl Strategy<Value = Spec> {
    prop::collection::vec(
        (
            0u16..900,
            0u8..3,
            prop::collection::vec((0u8..8, 0u8..4), 0..8),
        ),
        1..15,
    )
}

fn build(spec: &Spec, reverse: bool) -> Dataset {
    let base: chrono::NaiveDate = "2019-01-01".parse().unwrap();
    let kinds = [
        StatementKind::JointStatement,
        StatementKind::Declaration,
        StatementKind::ResolutionVote,
    ];
    let mut b = DatasetBuilder::new();
    let mut order: Vec<usize> = (0..spec.len()).collect();
    if reverse {
        order.reverse();
    }
    for &i in &order {
        let (day, kind, sigs) = &spec[i];
        let id = format!("s{i:02}");
        b.statement(
            Statement::new(
                &id,
                base + chrono::Days::new(*day as u64),
                kinds[*kind as usize].clone(),
            )
            .with_title(format!("t, \"{i}\"")),
        );
        let mut seen = [false; 8];
        for (a, p) in sigs {
            if !std::mem::replace(&mut seen[*a as usize], true) {
                b.signature(Signature::new(&id, format!("A{a}"), POSITIONS[*p as usize]));
            }
        }
    }
    b.build().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn csv_and_json_round_trips_are_lossless(s in spec()) {
        let ds = build(&s, false);
        prop_assume!(ds.num_signatures() > 0);
        let dir = tempfile::tempdir().unwrap();
        write_csv_folder(&ds, dir.path()).unwrap();
        prop_assert_eq!(&read_csv_folder(dir.path()).unwrap(), &ds);
        let json = dir.path().join("d.json");
        write_json(&ds, &json).unwrap();
        prop_assert_eq!(&read_dataset(&json).unwrap(), &ds);
    }

    #[test]
    fn windows_partition_the_statements(s in spec()) {
        let ds = build(&s, false);
        let (first, last) = ds.date_range().unwrap();
        for spec in [WindowSpec::years(), WindowSpec::quarters(), WindowSpec::months()] {
            let total: usize = spec.windows(first, last).unwrap().iter().map(|w| ds.view().between(w.start, w.end).len()).sum();
            prop_assert_eq!(total, ds.statements().len());
        }
    }

    #[test]
    fn projection_does_not_depend_on_input_order(s in spec()) {
        let (a, b) = (build(&s, false), build(&s, true));
        for w in Weighting::ALL {
            let ga = project(&a.view(), &ProjectionOptions::new(w)).unwrap();
            let gb = project(&b.view(), &ProjectionOptions::new(w)).unwrap();
            let key = |g: &cosignatory::graph::CoSignGraph| g.strongest().into_iter().map(|(x, y, e)| (x.id.clone(), y.id.clone(), e.weight.to_bits())).collect::<Vec<_>>();
            prop_assert_eq!(key(&ga), key(&gb));
            for (_, _, e) in ga.strongest() {
                prop_assert!(e.weight.is_finite());
            }
        }
    }

    #[test]
    fn modularity_in_range_and_leiden_covers_every_node_once(
        n in 2usize..30,
        edges in prop::collection::vec((0usize..30, 0usize..30, 0.1f64..5.0), 1..80),
        seed in 0u64..1000,
    ) {
        let edges: Vec<(usize, usize, f64)> = edges.into_iter().filter(|(a, b, _)| a < &n && b < &n && a != b).collect();
        prop_assume!(!edges.is_empty());
        let g = ClusterGraph::from_edges(n, edges.iter().copied()).unwrap();
        let result = leiden(&g, &LeidenOptions { seed, ..Default::default() }).unwrap();
        let membership = result.partition.membership().to_vec();
        prop_assert_eq!(membership.len(), n);
        let mut covered = vec![0usize; n];
        for c in result.partition.communities() {
            for &v in c {
                covered[v] += 1;
            }
        }
        prop_assert!(covered.iter().all(|&c| c == 1));
        let q = modularity(&g, &membership, 1.0).unwrap();
        prop_assert!((-0.5..=1.0).contains(&q), "{}", q);
        // Any labelling, not only optimised ones, stays in range.
        let arbitrary: Vec<usize> = (0..n).map(|i| (i * 7 + seed as usize) % 3).collect();
        let q = modularity(&g, &arbitrary, 1.0).unwrap();
        prop_assert!((-0.5..=1.0).contains(&q), "{}", q);
    }

    #[test]
    fn alignment_matrices_are_symmetric_and_in_range(
        votes in prop::collection::vec(prop::collection::vec(prop::option::of(0usize..4), 12), 2..6),
    ) {
        let actors: Vec<String> = (0..votes.len()).map(|i| format!("A{i}")).collect();
        let m = PositionMatrix::from_positions(&Coding::voeten(), actors.clone(), 12, |a, k| votes[a][k].map(|p| POSITIONS[p]));
        let binary = PositionMatrix::from_positions(&Coding::cosignature(), actors, 12, |a, k| votes[a][k].map(|p| POSITIONS[p]));
        for measure in Measure::ALL {
            let matrix = if measure.needs_binary() { &binary } else { &m };
            let Ok(pm) = matrix.all_pairs(measure, &Options::default()) else { continue };
            let (lo, hi) = measure.bounds();
            for i in 0..pm.len() {
                for j in 0..pm.len() {
                    prop_assert_eq!(pm.get(i, j), pm.get(j, i));
                    if let Some(v) = pm.get(i, j).value {
                        prop_assert!(v.is_finite() && v >= lo - 1e-12 && v <= hi + 1e-12, "{} = {}", measure, v);
                    }
                }
            }
        }
    }
}
