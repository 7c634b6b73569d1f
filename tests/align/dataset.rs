//! Alignment read from datasets: universes, series, cohesion and actor-to-bloc alignment.

use cosignatory::align::cohesion::CohesionIndex;
use cosignatory::align::uncertainty::BootstrapConfig;
use cosignatory::align::{
    Coding, CohesionMeasure, MatrixOptions, Measure, Options, SeriesOptions, Universe,
    actor_bloc_alignment, alignment_matrix, bloc_cohesion, pair_series, position_matrix,
};
use cosignatory::model::{
    DatasetBuilder, Membership, Position, Signature, Statement, StatementKind,
};
use cosignatory::time::{Window, WindowSpec};

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// A roll call: id, date and the recorded positions.
type RollCall = (
    &'static str,
    &'static str,
    &'static [(&'static str, Position)],
);

/// Three roll calls; XXX joins the forum (bloc "F") only before the third.
fn votes() -> cosignatory::model::Dataset {
    let mut b = DatasetBuilder::new();
    let rows: [RollCall; 3] = [
        (
            "r1",
            "2000-01-10",
            &[
                ("AAA", Position::Yes),
                ("BBB", Position::Yes),
                ("CCC", Position::No),
            ],
        ),
        (
            "r2",
            "2000-06-10",
            &[
                ("AAA", Position::Yes),
                ("BBB", Position::Abstain),
                ("CCC", Position::No),
                ("DDD", Position::Absent),
            ],
        ),
        (
            "r3",
            "2001-03-10",
            &[
                ("AAA", Position::No),
                ("BBB", Position::No),
                ("CCC", Position::Yes),
                ("XXX", Position::No),
            ],
        ),
    ];
    for (id, date, sigs) in rows {
        b.statement(Statement::new(id, d(date), StatementKind::ResolutionVote));
        for (a, p) in sigs {
            b.signature(Signature::new(id, *a, *p));
        }
    }
    for m in ["AAA", "BBB", "CCC", "DDD"] {
        b.membership(Membership::new("F", m, d("1999-01-01"), None));
    }
    b.membership(Membership::new("F", "XXX", d("2001-01-01"), None));
    b.build().unwrap()
}

#[test]
fn recorded_universe_is_pairwise_deletion() {
    let ds = votes();
    let m = position_matrix(
        &ds.view(),
        Some(&["AAA", "BBB", "XXX", "DDD"]),
        &Coding::voeten(),
        &Universe::Recorded,
    )
    .unwrap();
    assert_eq!(m.actor_codes(0), [Some(1), Some(1), Some(3)]);
    assert_eq!(m.actor_codes(2), [None, None, Some(3)]); // not a member before 2001: missing, never "no"
    assert_eq!(m.actor_codes(3), [None, None, None]); // absent is missing by default
    let agree = m
        .all_pairs(Measure::VoetenAgree, &Options::default())
        .unwrap();
    // AAA–BBB: yes/yes, yes/abstain (half), no/no → (2 + 0.5)/3.
    assert_eq!(agree.get(0, 1).n, 3);
    assert!((agree.get(0, 1).value.unwrap() - 2.5 / 3.0).abs() < 1e-12);
    assert_eq!(agree.get(0, 2).n, 1);
    let fpsim = position_matrix(
        &ds.view(),
        Some(&["DDD"]),
        &Coding::hage_fpsim(),
        &Universe::Recorded,
    )
    .unwrap();
    assert_eq!(fpsim.actor_codes(0), [None, Some(2), None]); // absent → abstain (Häge)
}

fn letters() -> cosignatory::model::Dataset {
    let mut b = DatasetBuilder::new();
    b.statement(Statement::new(
        "s1",
        d("2020-01-01"),
        StatementKind::JointStatement,
    ))
    .statement(Statement::new(
        "s2",
        d("2020-02-01"),
        StatementKind::JointStatement,
    ))
    .statement(Statement::new(
        "s3",
        d("2020-03-01"),
        StatementKind::JointStatement,
    ))
    .signed_by("s1", ["AAA", "BBB"])
    .signed_by("s2", ["AAA"])
    .signed_by("s3", ["CCC"])
    .membership(Membership::new("G", "AAA", d("2000-01-01"), None))
    .membership(Membership::new(
        "G",
        "BBB",
        d("2000-01-01"),
        Some(d("2020-01-31")),
    ));
    b.build().unwrap()
}

#[test]
fn cosignature_universes_differ_only_for_full_table_measures() {
    let ds = letters();
    let coding = Coding::cosignature();
    let ids = Some(&["AAA", "BBB"][..]);
    let all = alignment_matrix(
        &ds.view(),
        &MatrixOptions {
            actors: ids.map(|a| a.iter().map(|id| id.to_string()).collect()),
            ..MatrixOptions::new(Measure::SimpleMatching, coding, Universe::AllStatements)
        },
    )
    .unwrap();
    // Over all three statements: s1 both, s2 A only, s3 neither → (1 + 1)/3.
    assert_eq!(all.get(0, 1).n, 3);
    assert!((all.get(0, 1).value.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    // Only while both are members of G (BBB left on 2020-01-31) or signed: s1 only for BBB.
    let members = alignment_matrix(
        &ds.view(),
        &MatrixOptions {
            actors: ids.map(|a| a.iter().map(|id| id.to_string()).collect()),
            ..MatrixOptions::new(
                Measure::SimpleMatching,
                coding,
                Universe::BlocMembers(vec!["G".into()]),
            )
        },
    )
    .unwrap();
    assert_eq!(members.get(0, 1).n, 1);
    assert_eq!(members.get(0, 1).value, Some(1.0));
    // Jaccard ignores joint non-signing, so adding statements neither signed changes nothing;
    // restricting to items where both were eligible (BBB had left G by s2) does.
    let j = |u: &Universe| {
        alignment_matrix(
            &ds.view(),
            &MatrixOptions {
                actors: ids.map(|a| a.iter().map(|id| id.to_string()).collect()),
                ..MatrixOptions::new(Measure::Jaccard, coding, u.clone())
            },
        )
        .unwrap()
        .get(0, 1)
        .value
    };
    assert_eq!(j(&Universe::AllStatements), Some(0.5));
    assert_eq!(j(&Universe::BlocMembers(vec!["G".into()])), Some(1.0));
    assert!(position_matrix(&ds.view(), Some(&["ZZZ"]), &coding, &Universe::Recorded).is_err());
}

#[test]
fn series_with_seeded_intervals() {
    let ds = votes();
    let windows = WindowSpec::years()
        .windows(d("2000-01-01"), d("2001-12-31"))
        .unwrap();
    let opts = SeriesOptions {
        measure: Measure::SAbsolute,
        bootstrap: Some(BootstrapConfig {
            replicates: 200,
            seed: 3,
            ..Default::default()
        }),
        ..Default::default()
    };
    let s = pair_series(
        &ds.view(),
        &windows,
        &[("AAA", "CCC"), ("AAA", "XXX")],
        &opts,
    )
    .unwrap();
    assert_eq!(s.len(), 4);
    assert_eq!((s[0].score.value, s[0].score.n), (Some(-1.0), 2)); // yes/no twice in 2000
    assert_eq!(s[1].score.n, 0); // XXX not a member in 2000: undefined, not an error
    assert_eq!(s[1].score.value, None);
    assert_eq!((s[3].score.value, s[3].score.n), (Some(1.0), 1));
    assert_eq!(
        s,
        pair_series(
            &ds.view(),
            &windows,
            &[("AAA", "CCC"), ("AAA", "XXX")],
            &opts
        )
        .unwrap()
    );
}

#[test]
fn cohesion_and_actor_to_bloc() {
    let ds = votes();
    let w = [Window::new(d("2000-01-01"), d("2001-12-31"))];
    let rice = bloc_cohesion(
        &ds.view(),
        "F",
        CohesionMeasure::Vote(CohesionIndex::Rice),
        &w,
    )
    .unwrap();
    // r1: Y2 N1 → 1/3; r2: Y1 N1 A1 → 0; r3: Y1 N3 → 1/2 (XXX is a member by then).
    assert_eq!(rice[0].score.n, 3);
    assert!((rice[0].score.value.unwrap() - (1.0 / 3.0 + 0.0 + 0.5) / 3.0).abs() < 1e-12);
    let a = actor_bloc_alignment(
        &ds.view(),
        "CCC",
        "F",
        &w,
        &SeriesOptions {
            measure: Measure::PercentAgreement,
            ..Default::default()
        },
    )
    .unwrap();
    // Majority of the others: r1 yes (A,B), r2 no majority (yes, abstain tie), r3 no (A,B,X).
    assert_eq!(a[0].score.n, 2);
    assert_eq!(a[0].score.value, Some(0.0));
    let bundled = cosignatory::datasets::joint_statements();
    let share = bloc_cohesion(
        &bundled.view(),
        "EU",
        CohesionMeasure::SigningShare,
        &[Window::new(d("2024-11-05"), d("2024-11-05"))],
    )
    .unwrap();
    // France, Germany and Italy of 27 members signed directly (as-actor mode).
    assert!((share[0].score.value.unwrap() - 3.0 / 27.0).abs() < 1e-12);
}
