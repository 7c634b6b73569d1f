//! Issue 21, items 3–4: a statement opposing itself, a bloc that is its own member and a
//! membership cycle are located errors; lenient mode says exactly what it did with each row
//! (skipped, or kept with one field dropped).

use cosignatory::io::{CsvTables, ReadOptions};
use cosignatory::model::Dataset;
use cosignatory::{Error, LoadReport, Problem};

const SIGNATURES: &str = "statement,actor\ns1,USA\ns1,GBR\ns2,FRA\n";

fn read(
    statements: &str,
    memberships: Option<&str>,
    options: &ReadOptions,
) -> Result<(Dataset, LoadReport), Error> {
    let mut t = CsvTables::new(
        ("statements.csv", statements.as_bytes()),
        ("signatures.csv", SIGNATURES.as_bytes()),
    );
    if let Some(m) = memberships {
        t = t.with_memberships("memberships.csv", m.as_bytes());
    }
    t.read(options)
}

#[test]
fn a_statement_opposing_itself_is_a_located_error() {
    let statements = "id,date,opposes\ns1,2020-01-01,s1\ns2,2020-01-02,\n";
    let err = read(statements, None, &ReadOptions::default()).unwrap_err();
    match err.problems() {
        [Problem::InvalidValue { at, reason }] => {
            assert_eq!(
                (
                    at.file.as_str(),
                    at.line,
                    at.field.as_str(),
                    at.value.as_str()
                ),
                ("statements.csv", 2, "opposes", "s1")
            );
            assert!(reason.contains("itself"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // Lenient: the statement and its signatures are kept, the link is not, and the report says so.
    let (ds, report) = read(statements, None, &ReadOptions::lenient()).unwrap();
    let s1 = ds.statement_index("s1").unwrap();
    assert_eq!(ds.opposes(s1), None);
    assert_eq!(ds.statement(s1).opposes, None);
    assert_eq!(ds.num_signatures(), 3);
    assert!(report.skipped.is_empty(), "{report:?}");
    assert!(
        matches!(&report.dropped_fields[..], [Problem::InvalidValue { at, .. }] if at.line == 2)
    );
}

#[test]
fn lenient_unknown_opposes_is_reported_as_a_dropped_field_not_a_skipped_row() {
    let statements = "id,date,opposes\ns1,2020-01-01,s9\ns2,2020-01-02,s1\n";
    let (ds, report) = read(statements, None, &ReadOptions::lenient()).unwrap();
    assert_eq!(ds.statements().len(), 2, "the row is kept");
    assert_eq!(ds.statement_by_id("s1").unwrap().opposes, None);
    assert_eq!(
        ds.opposes(ds.statement_index("s2").unwrap()),
        ds.statement_index("s1")
    );
    assert!(report.skipped.is_empty(), "nothing was skipped: {report:?}");
    assert!(
        matches!(&report.dropped_fields[..], [Problem::UnknownStatement { at, .. }] if at.field == "opposes" && at.value == "s9"),
        "{report:?}"
    );
    assert!(!report.is_clean());
}

#[test]
fn a_bloc_member_of_itself_is_a_located_error() {
    let statements = "id,date\ns1,2020-01-01\ns2,2020-01-02\n";
    let memberships = "bloc,member,from\nEU,FRA,1958-01-01\nEU,EU,1993-11-01\n";
    let err = read(statements, Some(memberships), &ReadOptions::default()).unwrap_err();
    assert!(
        matches!(err.problems(), [Problem::InvalidValue { at, .. }] if at.file == "memberships.csv" && at.line == 3 && at.field == "member"),
        "{err}"
    );
    let (ds, report) = read(statements, Some(memberships), &ReadOptions::lenient()).unwrap();
    let eu = ds.actor_index("EU").unwrap();
    assert!(!ds.is_member(eu, eu, "2000-01-01".parse().unwrap()));
    assert_eq!(ds.member_spans().len(), 1);
    assert_eq!(report.skipped.len(), 1, "{report:?}");
}

#[test]
fn a_membership_cycle_is_a_located_error_naming_the_cycle() {
    let statements = "id,date\ns1,2020-01-01\ns2,2020-01-02\n";
    // A in B, B in C, C in A: the third row closes the cycle, whatever the dates.
    let memberships = "bloc,member,from,to\nB,A,2000-01-01,2000-12-31\nC,B,2001-01-01,\nA,C,2005-01-01,\nB,FRA,2000-01-01,\n";
    let err = read(statements, Some(memberships), &ReadOptions::default()).unwrap_err();
    match err.problems() {
        [p @ Problem::MembershipCycle { at, cycle }] => {
            assert_eq!(
                (at.line, at.field.as_str(), at.value.as_str()),
                (4, "member", "C")
            );
            assert_eq!(cycle, &["A", "C", "B", "A"]);
            assert!(
                p.to_string().contains("A contains C contains B contains A"),
                "{p}"
            );
        }
        other => panic!("{other:?}"),
    }
    let (ds, report) = read(statements, Some(memberships), &ReadOptions::lenient()).unwrap();
    assert_eq!(ds.member_spans().len(), 3);
    assert!(matches!(&report.skipped[..], [Problem::MembershipCycle { at, .. }] if at.line == 4));
    // Two rows A in B, B in A: the second is the one reported.
    let two = "bloc,member,from\nA,B,2000-01-01\nB,A,2000-01-01\n";
    let err = read(statements, Some(two), &ReadOptions::default()).unwrap_err();
    assert!(
        matches!(err.problems(), [Problem::MembershipCycle { at, cycle }] if at.line == 3 && cycle == &["B", "A", "B"]),
        "{err}"
    );
}
