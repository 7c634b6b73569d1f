//! Semantics of the projection options: signed graphs, votes, decay, windows, bloc modes, backbones.

use cosignatory::graph::{
    Correction, Linking, ProjectionOptions, Weighting, hypergeometric_backbone, project,
};
use cosignatory::model::{BlocMode, DatasetBuilder, Position, Signature, Statement, StatementKind};
use cosignatory::time::{Decay, WindowSpec};

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn letters() -> cosignatory::model::Dataset {
    // A letter signed by A, B, C; a counter-letter signed by D, E; a later letter by A, D.
    let mut b = DatasetBuilder::new();
    b.statement(Statement::new(
        "L",
        d("2020-01-01"),
        StatementKind::JointLetter,
    ))
    .statement(Statement::new("C", d("2020-01-05"), StatementKind::JointLetter).opposing("L"))
    .statement(Statement::new(
        "M",
        d("2022-01-01"),
        StatementKind::JointLetter,
    ))
    .signed_by("L", ["AAA", "BBB", "CCC"])
    .signed_by("C", ["DDD", "EEE"])
    .signed_by("M", ["AAA", "DDD"]);
    b.build().unwrap()
}

#[test]
fn signed_projection_subtracts_acting_against() {
    let ds = letters();
    let unsigned = project(&ds.view(), &ProjectionOptions::new(Weighting::Count)).unwrap();
    assert!(unsigned.edge("AAA", "EEE").is_none());
    assert_eq!(unsigned.edge("AAA", "DDD").unwrap().weight, 1.0);
    let signed = project(
        &ds.view(),
        &ProjectionOptions {
            signed: true,
            ..ProjectionOptions::new(Weighting::Count)
        },
    )
    .unwrap();
    let ae = signed.edge("AAA", "EEE").unwrap();
    assert_eq!((ae.weight, ae.against_count, ae.count), (-1.0, 1, 0));
    // A and D signed L and C against each other, and M together: 1 − 1 = 0.
    let ad = signed.edge_index("AAA", "DDD").unwrap();
    assert_eq!(
        (
            signed.together(ad),
            signed.against(ad),
            signed.graph()[ad].weight
        ),
        (1.0, 1.0, 0.0)
    );
    assert_eq!(signed.edge("AAA", "BBB").unwrap().weight, 1.0);
    // Newman: an opposing pair of statements is one event of 3 + 2 participants.
    let newman = project(
        &ds.view(),
        &ProjectionOptions {
            signed: true,
            ..ProjectionOptions::new(Weighting::Newman)
        },
    )
    .unwrap();
    assert_eq!(newman.edge("BBB", "EEE").unwrap().weight, -0.25);
    // The opposed statement outside the window: no opposition.
    let late = project(
        &ds.view().between(d("2020-01-03"), d("2022-12-31")),
        &ProjectionOptions {
            signed: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(late.edge("AAA", "EEE").is_none());
}

#[test]
fn bundled_counter_letters_give_negative_edges() {
    let ds = cosignatory::datasets::joint_statements();
    let g = project(
        &ds.view(),
        &ProjectionOptions {
            signed: true,
            ..ProjectionOptions::new(Weighting::Count)
        },
    )
    .unwrap();
    // China is on the two 2020 support lists; the UK signed both statements they answer
    // (China is not on the 2019 support letter).
    let e = g.edge("CHN", "GBR").unwrap();
    assert_eq!((e.against_count, e.count, e.weight), (2, 0, -2.0), "{e:?}");
}

fn votes() -> cosignatory::model::Dataset {
    let mut b = DatasetBuilder::new();
    let rows = [
        ("r1", [Position::Yes, Position::Yes, Position::No]),
        ("r2", [Position::Yes, Position::Abstain, Position::No]),
        ("r3", [Position::Absent, Position::No, Position::No]),
    ];
    for (id, pos) in rows {
        b.statement(Statement::new(
            id,
            d("1990-01-01"),
            StatementKind::ResolutionVote,
        ));
        for (actor, p) in ["USA", "GBR", "CUB"].iter().zip(pos) {
            b.signature(Signature::new(id, *actor, p));
        }
    }
    b.build().unwrap()
}

#[test]
fn same_vote_linking_for_roll_calls() {
    let ds = votes();
    let opts = ProjectionOptions {
        linking: Linking::SameVote,
        signed: true,
        ..ProjectionOptions::new(Weighting::Count)
    };
    let g = project(&ds.view(), &opts).unwrap();
    let us_uk = g.edge("GBR", "USA").unwrap();
    assert_eq!((us_uk.count, us_uk.against_count), (1, 0)); // r1 yes–yes; r2 yes–abstain is neither
    let us_cu = g.edge("CUB", "USA").unwrap();
    assert_eq!(
        (us_cu.count, us_cu.against_count, us_cu.weight),
        (0, 2, -2.0)
    );
    let uk_cu = g.edge("CUB", "GBR").unwrap();
    assert_eq!((uk_cu.count, uk_cu.against_count), (1, 1)); // r3 no–no, r1 yes–no
    // Signatures mode sees only yes votes.
    let sig = project(&ds.view(), &ProjectionOptions::new(Weighting::Count)).unwrap();
    assert_eq!(sig.edge_count(), 1);
}

#[test]
fn decay_halves_weight_per_half_life() {
    let ds = letters();
    let opts = ProjectionOptions {
        decay: Some(Decay::new(365.0, d("2022-01-01")).unwrap()),
        ..Default::default()
    };
    let g = project(&ds.view(), &opts).unwrap();
    assert_eq!(g.edge("AAA", "DDD").unwrap().weight, 1.0);
    let ab = g.edge("AAA", "BBB").unwrap().weight;
    assert!((ab - 2f64.powf(-731.0 / 365.0)).abs() < 1e-15, "{ab}");
    let bad = ProjectionOptions {
        decay: opts.decay,
        ..ProjectionOptions::new(Weighting::Hypergeometric)
    };
    assert!(project(&ds.view(), &bad).is_err());
}

#[test]
fn statement_order_does_not_change_weights() {
    let ds = cosignatory::datasets::joint_statements();
    let mut b = DatasetBuilder::new();
    let mut sigs: Vec<Signature> = ds.signature_records().collect();
    sigs.reverse();
    for s in ds.statements().iter().rev() {
        b.statement(s.clone());
    }
    for a in ds.actors() {
        b.actor(a.clone());
    }
    for s in sigs {
        b.signature(s);
    }
    for m in ds.membership_records() {
        b.membership(m);
    }
    let shuffled = b.build().unwrap();
    for w in Weighting::ALL {
        let g1 = project(&ds.view(), &ProjectionOptions::new(w)).unwrap();
        let g2 = project(&shuffled.view(), &ProjectionOptions::new(w)).unwrap();
        let e1: Vec<_> = g1
            .strongest()
            .into_iter()
            .map(|(a, b, e)| (a.id.clone(), b.id.clone(), e.weight.to_bits()))
            .collect();
        let e2: Vec<_> = g2
            .strongest()
            .into_iter()
            .map(|(a, b, e)| (a.id.clone(), b.id.clone(), e.weight.to_bits()))
            .collect();
        assert_eq!(e1, e2, "{w}");
    }
}

#[test]
fn windows_partition_the_statements() {
    let ds = cosignatory::datasets::joint_statements();
    let (first, last) = ds.date_range().unwrap();
    for spec in [
        WindowSpec::years(),
        WindowSpec::quarters(),
        WindowSpec::months(),
    ] {
        let ws = spec.windows(first, last).unwrap();
        let total: usize = ws
            .iter()
            .map(|w| ds.view().between(w.start, w.end).len())
            .sum();
        assert_eq!(total, ds.statements().len(), "{spec:?}");
        assert!(
            ws.windows(2)
                .all(|p| p[0].end.succ_opt() == Some(p[1].start))
        );
    }
}

#[test]
fn expanded_blocs_link_members() {
    let ds = cosignatory::datasets::joint_statements();
    let v = ds.view().between(d("2024-11-05"), d("2024-11-05"));
    let as_actor = project(&v, &ProjectionOptions::default()).unwrap();
    assert_eq!(as_actor.node_count(), 11);
    let expanded = project(
        &v.clone().bloc_mode(BlocMode::Expand),
        &ProjectionOptions::default(),
    )
    .unwrap();
    assert_eq!(expanded.node_count(), 34);
    assert_eq!(expanded.edge_count(), 34 * 33 / 2);
    assert!(expanded.edge("AUT", "KOR").is_some());
}

#[test]
fn hypergeometric_backbone_corrections_are_nested() {
    let ds = cosignatory::datasets::joint_statements();
    let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Count)).unwrap();
    let k = |c| hypergeometric_backbone(&g, 0.05, c).unwrap().kept;
    let (none, bh, holm, bonf) = (
        k(Correction::None),
        k(Correction::BenjaminiHochberg),
        k(Correction::Holm),
        k(Correction::Bonferroni),
    );
    assert!(
        none >= bh && bh >= holm && holm >= bonf && bonf > 0,
        "{none} {bh} {holm} {bonf}"
    );
    // Uncorrected: exactly the edges whose −log10 p exceeds −log10 0.05.
    let h = project(
        &ds.view(),
        &ProjectionOptions::new(Weighting::Hypergeometric),
    )
    .unwrap();
    let expected = h
        .strongest()
        .iter()
        .filter(|(_, _, e)| e.weight > -(0.05f64).log10())
        .count();
    assert_eq!(none, expected);
}
