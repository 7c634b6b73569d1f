//! Writing and reading back gives an identical dataset (CSV folder and JSON).

use cosignatory::datasets::joint_statements;
use cosignatory::io::{read_csv_folder, read_dataset, write_csv_folder, write_json};

#[test]
fn csv_folder_round_trip_is_exact() {
    let ds = joint_statements();
    let dir = tempfile::tempdir().unwrap();
    write_csv_folder(&ds, dir.path()).unwrap();
    let back = read_csv_folder(dir.path()).unwrap();
    assert_eq!(back, ds);
}

#[test]
fn json_round_trip_is_exact() {
    let ds = joint_statements();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ds.json");
    write_json(&ds, &path).unwrap();
    let back = read_dataset(&path).unwrap();
    assert_eq!(back, ds);
    // And the serde form is stable: serializing the copy gives the same text.
    assert_eq!(
        serde_json::to_string(&back).unwrap(),
        serde_json::to_string(&ds).unwrap()
    );
}

#[test]
fn attributes_topics_roles_and_joining_dates_survive() {
    use cosignatory::model::{DatasetBuilder, Position, Signature, Statement, StatementKind};
    let d = |s: &str| s.parse().unwrap();
    let mut st = Statement::new("rc1", d("1990-10-01"), StatementKind::ResolutionVote)
        .with_title("A, \"quoted\"\ntitle")
        .with_topics(["hr", "me"]);
    st.attributes.insert("session".into(), "45".into());
    let mut b = DatasetBuilder::new();
    b.statement(st)
        .statement(
            Statement::new("rc2", d("1990-10-02"), StatementKind::ResolutionVote).opposing("rc1"),
        )
        .signature(Signature::new("rc1", "USA", Position::No).with_role("ambassador"))
        .signature(Signature::new("rc1", "FRA", Position::Abstain).joined_on(d("1990-10-05")))
        .signature(Signature::new("rc2", "FRA", Position::Absent));
    let ds = b.build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_csv_folder(&ds, dir.path()).unwrap();
    assert_eq!(read_csv_folder(dir.path()).unwrap(), ds);
    let json = dir.path().join("x.json");
    write_json(&ds, &json).unwrap();
    assert_eq!(read_dataset(&json).unwrap(), ds);
}
