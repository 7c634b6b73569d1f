//! Bad input gives typed errors.

use cosignatory::Error;
use cosignatory::ideal::{IdealError, IdealModel, IdealOptions, estimate};
use cosignatory::model::{
    Actor, ActorKind, DatasetBuilder, Position, Signature, Statement, StatementKind,
};
use cosignatory::synth::{IdealSynthOptions, ideal_points};
use cosignatory::time::WindowSpec;

#[test]
fn omega_must_be_positive() {
    let p = ideal_points(&IdealSynthOptions {
        actors: 10,
        periods: 2,
        items: 10,
        ..Default::default()
    })
    .unwrap();
    for omega in [0.0, -1.0, f64::NAN] {
        let e = estimate(
            &p.dataset.view(),
            &IdealOptions {
                omega,
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(
            matches!(
                e,
                Error::Ideal(IdealError::InvalidParameter { name: "omega", .. })
            ),
            "{e}"
        );
    }
}

#[test]
fn an_absent_anchor_is_named() {
    let p = ideal_points(&IdealSynthOptions {
        actors: 10,
        periods: 2,
        items: 10,
        ..Default::default()
    })
    .unwrap();
    let e = estimate(
        &p.dataset.view(),
        &IdealOptions {
            anchor: Some("NOPE".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(matches!(e, Error::UnknownActor { .. }), "{e}");
    // An actor of the dataset with no vote in the view.
    let mut b = DatasetBuilder::new();
    for id in ["AAA", "BBB", "CCC", "DDD"] {
        b.actor(Actor::new(id, id, ActorKind::Country));
    }
    let d = |s: &str| s.parse().unwrap();
    for (k, votes) in [[1, 1, 0], [1, 0, 0], [0, 1, 1]].iter().enumerate() {
        let s = format!("R{k}");
        b.statement(Statement::new(
            &s,
            d("2001-01-01"),
            StatementKind::ResolutionVote,
        ));
        for (id, &y) in ["AAA", "BBB", "CCC"].iter().zip(votes) {
            let pos = if y == 1 { Position::Yes } else { Position::No };
            b.signature(Signature::new(&s, *id, pos));
        }
    }
    let ds = b.build().unwrap();
    let e = estimate(
        &ds.view(),
        &IdealOptions {
            model: IdealModel::Binary,
            anchor: Some("DDD".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(
        matches!(&e, Error::Ideal(IdealError::AnchorAbsent { anchor, .. }) if anchor == "DDD"),
        "{e}"
    );
    assert!(e.to_string().contains("DDD"));
}

#[test]
fn a_window_without_informative_votes_is_an_error() {
    let mut b = DatasetBuilder::new();
    for id in ["AAA", "BBB", "CCC"] {
        b.actor(Actor::new(id, id, ActorKind::Country));
    }
    let d = |s: &str| s.parse().unwrap();
    // 2001: a contested vote; 2002: unanimous only.
    for (k, (date, votes)) in [
        ("2001-03-01", [1, 1, 0]),
        ("2001-04-01", [1, 0, 0]),
        ("2002-03-01", [1, 1, 1]),
    ]
    .iter()
    .enumerate()
    {
        let s = format!("R{k}");
        b.statement(Statement::new(&s, d(date), StatementKind::ResolutionVote));
        for (id, &y) in ["AAA", "BBB", "CCC"].iter().zip(votes) {
            let pos = if y == 1 { Position::Yes } else { Position::No };
            b.signature(Signature::new(&s, *id, pos));
        }
    }
    let ds = b.build().unwrap();
    let o = IdealOptions {
        model: IdealModel::Binary,
        window: Some(WindowSpec::years()),
        ..Default::default()
    };
    let e = estimate(&ds.view().between(d("2002-01-01"), d("2002-12-31")), &o).unwrap_err();
    match e {
        Error::Ideal(IdealError::NoInformativeVotes { window, statements }) => {
            assert_eq!((window.start, statements), (d("2002-01-01"), 1));
        }
        e => panic!("{e}"),
    }
    // Both years: 2002 is skipped and says why; 2001 is estimated.
    let fit = estimate(&ds.view(), &o).unwrap();
    assert_eq!(fit.fits.len(), 1);
    assert_eq!(
        (
            fit.windows[1].statements,
            fit.windows[1].items,
            fit.windows[1].dropped_items
        ),
        (1, 0, 1)
    );
    assert_eq!(fit.windows[0].dropped_items, 0);
    assert_eq!(fit.estimates.len(), 3);
    assert!(
        fit.estimates
            .iter()
            .all(|e| e.window.start == d("2001-01-01"))
    );
    // A dataset without statements.
    let empty = DatasetBuilder::new().build().unwrap();
    assert!(matches!(
        estimate(&empty.view(), &o),
        Err(Error::Ideal(IdealError::Empty))
    ));
}
