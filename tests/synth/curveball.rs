//! The curveball null model: margins kept exactly (per actor and per statement, per
//! position), no repeated signatures, determinism by seed, and the planted structure gone.

use crate::support::{actor_margins, rebuilt, recovered_nmi, statement_margins};
use cosignatory::graph::Linking;
use cosignatory::model::{
    DatasetBuilder, Position, Signature, Statement, StatementIdx, StatementKind,
};
use cosignatory::synth::{CurveballOptions, PlantedOptions, VoteModel, curveball, planted};

fn cosign() -> cosignatory::synth::Planted {
    planted(&PlantedOptions {
        actors: 150,
        coalitions: 5,
        statements: 3_000,
        outside: 0.1,
        seed: 4,
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn degrees_are_preserved_exactly() {
    let votes = planted(&PlantedOptions {
        actors: 60,
        statements: 300,
        votes: true,
        vote_model: VoteModel::un_like(),
        ..Default::default()
    })
    .unwrap()
    .dataset;
    for ds in [cosign().dataset, votes] {
        for rounds in [1, 5, 30] {
            let null = curveball(&ds, &CurveballOptions { rounds, seed: 9 }).unwrap();
            assert_eq!(actor_margins(&null), actor_margins(&ds), "rounds {rounds}");
            assert_eq!(
                statement_margins(&null),
                statement_margins(&ds),
                "rounds {rounds}"
            );
            assert!(null != ds, "rounds {rounds}: nothing moved");
            // Valid: what the builder makes from its records (sorted, no duplicates).
            assert!(
                rebuilt(&null) == null,
                "rounds {rounds}: not what the builder makes"
            );
            // Everything but the signatures is unchanged.
            assert_eq!(null.actors(), ds.actors());
            assert_eq!(null.statements(), ds.statements());
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_sample() {
    let ds = cosign().dataset;
    let o = CurveballOptions {
        rounds: 4,
        seed: 21,
    };
    // (Datasets are compared with `==`: a failing `assert_eq!` would print them whole.)
    assert!(curveball(&ds, &o).unwrap() == curveball(&ds, &o).unwrap());
    assert!(
        curveball(&ds, &o).unwrap() != curveball(&ds, &CurveballOptions { seed: 22, ..o }).unwrap()
    );
    // No rounds: the dataset itself.
    assert!(curveball(&ds, &CurveballOptions { rounds: 0, seed: 1 }).unwrap() == ds);
}

#[test]
fn the_planted_coalitions_are_gone_from_the_null_model() {
    let p = cosign();
    let truth = |a: usize| Some(p.membership[a]);
    let observed = recovered_nmi(&p.dataset.view(), Linking::Signatures, truth);
    assert!(observed > 0.95, "{observed}");
    let null = curveball(&p.dataset, &CurveballOptions::default()).unwrap();
    let nmi = recovered_nmi(&null.view(), Linking::Signatures, truth);
    assert!(nmi < 0.15, "{nmi}");
    // Pairs within a coalition co-sign far less often than in the data.
    let within = |ds: &cosignatory::model::Dataset| {
        let mut n = 0usize;
        for s in 0..ds.statements().len() {
            let a: Vec<usize> = ds
                .signatures_of(StatementIdx(s as u32))
                .map(|r| p.membership[r.actor.index()])
                .collect();
            for i in 0..a.len() {
                n += a[i + 1..].iter().filter(|&&c| c == a[i]).count();
            }
        }
        n
    };
    let (w_data, w_null) = (within(&p.dataset), within(&null));
    assert!(w_null * 3 < w_data, "{w_null} vs {w_data}");
}

#[test]
fn roles_stay_where_the_signatory_stays() {
    let day = "2020-01-01".parse().unwrap();
    let mut b = DatasetBuilder::new();
    for (s, actors) in [("s1", ["AAA", "BBB"]), ("s2", ["CCC", "DDD"])] {
        b.statement(Statement::new(s, day, StatementKind::JointLetter));
        for a in actors {
            b.signature(Signature::new(s, a, Position::Yes).with_role(format!("{a}-role")));
        }
    }
    let ds = b.build().unwrap();
    let mut moved = false;
    for seed in 0..20 {
        let null = curveball(&ds, &CurveballOptions { rounds: 1, seed }).unwrap();
        for s in 0..2u32 {
            for r in null.signatures_of(StatementIdx(s)) {
                let original = ds
                    .signatures_of(StatementIdx(s))
                    .find(|o| o.actor == r.actor);
                assert_eq!(r.role, original.and_then(|o| o.role), "seed {seed}");
                moved |= original.is_none();
            }
        }
    }
    assert!(moved);
}
