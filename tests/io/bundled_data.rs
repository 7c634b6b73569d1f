//! Integrity of the bundled joint-statements data.

use cosignatory::datasets::joint_statements;
use cosignatory::model::{ActorKind, BlocMode, Position};

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn counts_match_the_csv_files() {
    let ds = joint_statements();
    // Line counts of data/*.csv minus the header.
    assert_eq!(ds.statements().len(), 41);
    assert_eq!(ds.num_signatures(), 854);
    assert_eq!(ds.actors().len(), 190);
    assert_eq!(ds.member_spans().len(), 118);
}

#[test]
fn every_statement_has_signatures_and_sorted_dates() {
    let ds = joint_statements();
    for (i, s) in ds.statements().iter().enumerate() {
        let idx = ds.statement_index(&s.id).unwrap();
        assert_eq!(idx.index(), i);
        assert!(
            ds.signatures_of(idx).len() > 0,
            "{} has no signatures",
            s.id
        );
    }
    assert!(ds.statements().windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(ds.date_range(), Some((d("2014-03-24"), d("2025-09-01"))));
}

#[test]
fn the_seed_statement_has_its_ten_ministers_and_the_eu() {
    let ds = joint_statements();
    let s = ds.statement_index("2024-11-05-dprk-troops-russia").unwrap();
    let ids: Vec<&str> = ds
        .signatures_of(s)
        .map(|r| ds.actor(r.actor).id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "AUS", "CAN", "DEU", "EU", "FRA", "GBR", "ITA", "JPN", "KOR", "NZL", "USA"
        ]
    );
    assert_eq!(ds.statement(s).date, d("2024-11-05"));
}

#[test]
fn explicit_no_positions_are_kept() {
    let ds = joint_statements();
    let no: Vec<(String, String)> = ds
        .signature_records()
        .filter(|s| s.position == Position::No)
        .map(|s| (s.statement, s.actor))
        .collect();
    assert_eq!(
        no,
        [
            (
                "2019-01-04-lima-group-maduro-term".to_string(),
                "MEX".to_string()
            ),
            (
                "2019-07-12-hrc-letter-xinjiang-support".to_string(),
                "QAT".to_string()
            )
        ]
    );
}

#[test]
fn eu_membership_on_brexit_day() {
    let ds = joint_statements();
    let eu = ds.actor_index("EU").unwrap();
    let gbr = ds.actor_index("GBR").unwrap();
    assert!(ds.is_member(eu, gbr, d("2020-01-31")));
    assert!(!ds.is_member(eu, gbr, d("2020-02-01")));
    assert_eq!(ds.members_on(eu, d("2020-01-31")).len(), 28);
    assert_eq!(ds.members_on(eu, d("2020-02-01")).len(), 27);
    assert_eq!(ds.actor(eu).kind, ActorKind::Bloc);
}

#[test]
fn counter_statements_are_marked() {
    let ds = joint_statements();
    let pairs = [
        (
            "2019-07-12-hrc-letter-xinjiang-support",
            "2019-07-08-hrc-letter-xinjiang-22",
        ),
        (
            "2020-06-30-hrc44-hk-support-53",
            "2020-06-30-hrc44-hk-xinjiang-27",
        ),
        (
            "2020-10-06-unga3c-xinjiang-support-45",
            "2020-10-06-unga3c-xinjiang-hk-39",
        ),
    ];
    for (a, b) in pairs {
        let ia = ds.statement_index(a).unwrap();
        assert_eq!(ds.opposes(ia), ds.statement_index(b));
    }
    let marked = (0..ds.statements().len()).filter(|&i| {
        ds.opposes(cosignatory::model::StatementIdx(i as u32))
            .is_some()
    });
    assert_eq!(marked.count(), 3);
}

#[test]
fn expanding_blocs_marks_indirect_signatures() {
    let ds = joint_statements();
    let s = ds.statement_index("2024-11-05-dprk-troops-russia").unwrap();
    let eu = ds.actor_index("EU").unwrap();
    let both = ds.view().bloc_mode(BlocMode::Both).signatures(s);
    assert_eq!(both.len(), 11 + 24);
    assert!(both.iter().any(|x| x.actor == eu && !x.is_indirect()));
    let expand = ds.view().bloc_mode(BlocMode::Expand).signatures(s);
    assert!(expand.iter().all(|x| x.actor != eu));
    assert!(
        expand
            .iter()
            .filter(|x| x.is_indirect())
            .all(|x| x.via == Some(eu))
    );
    // Arab League and OIC have no encoded members: expanding keeps them as themselves.
    let riyadh = ds
        .statement_index("2023-11-11-arab-islamic-summit-riyadh")
        .unwrap();
    let direct = ds.view().signatures(riyadh);
    assert_eq!(
        ds.view().bloc_mode(BlocMode::Expand).signatures(riyadh),
        direct
    );
}
