//! One test per input problem class: the exact variant and location are asserted.

use cosignatory::io::{ReadOptions, read_csv_folder, read_csv_folder_with, read_dataset_with};
use cosignatory::{Error, Location, Problem, Warning};
use std::path::Path;

const STATEMENTS: &str = "id,date,title,kind,source\ns1,2024-11-05,DPRK troops,joint_statement,https://example.org\ns2,2024-12-16,DPRK-Russia,joint_statement,\n";
const SIGNATURES: &str = "statement,actor,position,role\ns1,USA,yes,foreign_minister\ns1,KOR,yes,\ns2,USA,yes,\ns2,JPN,yes,\n";
const ACTORS: &str = "id,name,kind\nUSA,United States,country\nKOR,South Korea,country\nJPN,Japan,country\nEU,European Union,bloc\nFRA,France,country\n";
const MEMBERSHIPS: &str = "bloc,member,from,to\nEU,FRA,1958-01-01,\n";

fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    dir
}

fn with(statements: &str, signatures: &str) -> tempfile::TempDir {
    folder(&[
        ("statements.csv", statements.as_bytes()),
        ("signatures.csv", signatures.as_bytes()),
        ("actors.csv", ACTORS.as_bytes()),
        ("memberships.csv", MEMBERSHIPS.as_bytes()),
    ])
}

fn problems(dir: &Path) -> Vec<Problem> {
    match read_csv_folder(dir) {
        Err(Error::Invalid { problems }) => problems,
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
}

fn file(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

fn loc(dir: &Path, name: &str, line: u64, field: &str, value: &str) -> Location {
    Location {
        file: file(dir, name),
        line,
        field: field.into(),
        value: value.into(),
        column: None,
    }
}

#[test]
fn valid_folder_loads_cleanly() {
    let dir = with(STATEMENTS, SIGNATURES);
    let (ds, report) = read_csv_folder_with(dir.path(), &ReadOptions::default()).unwrap();
    assert_eq!(ds.num_signatures(), 4);
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn missing_file() {
    let dir = folder(&[("statements.csv", STATEMENTS.as_bytes())]);
    assert_eq!(
        problems(dir.path()),
        [Problem::MissingFile {
            file: file(dir.path(), "signatures.csv")
        }]
    );
}

#[test]
fn missing_required_column() {
    let dir = with("id,title\ns1,x\n", SIGNATURES);
    let p = problems(dir.path());
    assert_eq!(
        p[0],
        Problem::MissingColumn {
            file: file(dir.path(), "statements.csv"),
            column: "date".into(),
            found: "id,title".into()
        }
    );
}

#[test]
fn unparsable_date_names_the_expected_format() {
    let dir = with("id,date\ns1,05/11/2024\ns2,2024-12-16\n", SIGNATURES);
    let p = problems(dir.path());
    assert_eq!(
        p,
        [Problem::InvalidDate {
            at: loc(dir.path(), "statements.csv", 2, "date", "05/11/2024")
        }]
    );
    assert!(p[0].to_string().contains("expected YYYY-MM-DD"), "{}", p[0]);
    // Impossible calendar days are invalid too.
    let dir = with("id,date\ns1,2023-02-29\ns2,2024-12-16\n", SIGNATURES);
    assert!(
        matches!(&problems(dir.path())[0], Problem::InvalidDate { at } if at.value == "2023-02-29")
    );
}

#[test]
fn unknown_position() {
    let dir = with(
        STATEMENTS,
        "statement,actor,position\ns1,USA,yes\ns1,KOR,maybe\n",
    );
    assert_eq!(
        problems(dir.path()),
        [Problem::UnknownPosition {
            at: loc(dir.path(), "signatures.csv", 3, "position", "maybe")
        }]
    );
}

#[test]
fn unknown_actor_with_closest_ids() {
    let dir = with(STATEMENTS, "statement,actor\ns1,USA\ns1,KRO\n");
    let p = problems(dir.path());
    match &p[..] {
        [Problem::UnknownActor { at, suggestions }] => {
            assert_eq!(*at, loc(dir.path(), "signatures.csv", 3, "actor", "KRO"));
            assert_eq!(suggestions[0], "KOR");
        }
        other => panic!("{other:?}"),
    }
    assert!(p[0].to_string().contains("did you mean KOR"), "{}", p[0]);
}

#[test]
fn unknown_statement() {
    let dir = with(STATEMENTS, "statement,actor\ns1,USA\ns3,USA\n");
    match &problems(dir.path())[..] {
        [Problem::UnknownStatement { at, suggestions }] => {
            assert_eq!(*at, loc(dir.path(), "signatures.csv", 3, "statement", "s3"));
            assert!(suggestions.contains(&"s1".to_string()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn duplicate_statement_id() {
    let dir = with(
        "id,date\ns1,2024-11-05\ns2,2024-12-16\ns1,2024-11-06\n",
        SIGNATURES,
    );
    assert_eq!(
        problems(dir.path()),
        [Problem::DuplicateStatement {
            at: loc(dir.path(), "statements.csv", 4, "id", "s1"),
            first_line: 2
        }]
    );
}

#[test]
fn duplicate_signature() {
    let dir = with(STATEMENTS, "statement,actor\ns1,USA\ns1,KOR\ns1,USA\n");
    assert_eq!(
        problems(dir.path()),
        [Problem::DuplicateSignature {
            at: loc(dir.path(), "signatures.csv", 4, "actor", "USA"),
            first_line: 2
        }]
    );
}

fn with_memberships(m: &str) -> tempfile::TempDir {
    folder(&[
        ("statements.csv", STATEMENTS.as_bytes()),
        ("signatures.csv", SIGNATURES.as_bytes()),
        ("actors.csv", ACTORS.as_bytes()),
        ("memberships.csv", m.as_bytes()),
    ])
}

#[test]
fn inverted_membership() {
    let dir = with_memberships("bloc,member,from,to\nEU,FRA,2020-01-01,2019-12-31\n");
    assert_eq!(
        problems(dir.path()),
        [Problem::InvertedMembership {
            at: loc(dir.path(), "memberships.csv", 2, "to", "2019-12-31"),
            from: "2020-01-01".into()
        }]
    );
}

#[test]
fn overlapping_membership() {
    let dir =
        with_memberships("bloc,member,from,to\nEU,FRA,1958-01-01,2000-12-31\nEU,FRA,2000-12-31,\n");
    assert_eq!(
        problems(dir.path()),
        [Problem::OverlappingMembership {
            at: loc(dir.path(), "memberships.csv", 3, "from", "2000-12-31"),
            other_line: 2
        }]
    );
    // Touching but not overlapping intervals are fine (last day, then the next day).
    let dir =
        with_memberships("bloc,member,from,to\nEU,FRA,1958-01-01,2000-12-31\nEU,FRA,2001-01-01,\n");
    assert!(read_csv_folder(dir.path()).is_ok());
}

#[test]
fn empty_input() {
    let dir = with("id,date\n", SIGNATURES);
    let p = problems(dir.path());
    assert!(
        p.contains(&Problem::EmptyInput {
            file: file(dir.path(), "statements.csv")
        }),
        "{p:?}"
    );
    let dir = with("", SIGNATURES);
    assert!(problems(dir.path()).contains(&Problem::EmptyInput {
        file: file(dir.path(), "statements.csv")
    }));
}

#[test]
fn invalid_utf8() {
    let sig: &[u8] = b"statement,actor,role\ns1,USA,foreign_minister\ns1,KOR,minist\xffre\n";
    let dir = folder(&[
        ("statements.csv", STATEMENTS.as_bytes()),
        ("signatures.csv", sig),
    ]);
    assert_eq!(
        problems(dir.path()),
        [Problem::InvalidUtf8 {
            file: file(dir.path(), "signatures.csv"),
            line: 3,
            field: "role".into()
        }]
    );
}

#[test]
fn malformed_row() {
    let dir = with(STATEMENTS, "statement,actor\ns1,USA\ns1,KOR,extra\n");
    match &problems(dir.path())[..] {
        [
            Problem::MalformedRow {
                file: f,
                line,
                message,
            },
        ] => {
            assert_eq!(
                (f.as_str(), *line),
                (file(dir.path(), "signatures.csv").as_str(), 3)
            );
            assert!(message.contains("expected 2 fields"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn empty_required_field() {
    let dir = with(STATEMENTS, "statement,actor\ns1,USA\ns1,\n");
    assert_eq!(
        problems(dir.path()),
        [Problem::EmptyField {
            at: loc(dir.path(), "signatures.csv", 3, "actor", "")
        }]
    );
}

#[test]
fn unknown_actor_kind() {
    let dir = folder(&[
        ("statements.csv", STATEMENTS.as_bytes()),
        ("signatures.csv", SIGNATURES.as_bytes()),
        (
            "actors.csv",
            b"id,kind\nUSA,country\nKOR,country\nJPN,empire\n",
        ),
    ]);
    assert_eq!(
        problems(dir.path()),
        [Problem::UnknownActorKind {
            at: loc(dir.path(), "actors.csv", 4, "kind", "empire")
        }]
    );
}

#[test]
fn strict_mode_collects_every_problem() {
    let dir = with(
        "id,date\ns1,2024-11-05\ns2,2024-13-01\n",
        "statement,actor,position\ns1,USA,yes\ns1,XXX,yes\ns1,KOR,perhaps\n",
    );
    let p = problems(dir.path());
    assert_eq!(p.len(), 3, "{p:?}");
    let err = read_csv_folder(dir.path()).unwrap_err().to_string();
    assert!(err.starts_with("3 problem(s)"), "{err}");
}

#[test]
fn lenient_mode_skips_and_reports_every_bad_row() {
    let dir = with(
        "id,date,extra\ns1,2024-11-05,a\ns2,2024-13-01,b\n",
        "statement,actor,position\ns1,USA,yes\ns1,XXX,yes\ns1,KOR,perhaps\ns2,JPN,yes\ns1,JPN,yes\n",
    );
    let (ds, report) = read_csv_folder_with(dir.path(), &ReadOptions::lenient()).unwrap();
    assert_eq!(ds.statements().len(), 1);
    assert_eq!(ds.num_signatures(), 2); // s1 USA and s1 JPN
    // s2's bad date, XXX, "perhaps", and JPN's signature on the skipped s2.
    assert_eq!(report.skipped.len(), 4, "{:#?}", report.skipped);
    assert!(report.skipped.iter().any(
        |p| matches!(p, Problem::SkippedReference { at, target_line: 3 } if at.value == "s2")
    ));
    assert!(matches!(&report.skipped[0], Problem::InvalidDate { at } if at.line == 3));
    assert_eq!(
        report.warnings,
        [Warning::UnknownColumn {
            file: file(dir.path(), "statements.csv"),
            column: "extra".into()
        }]
    );
}

#[test]
fn lenient_mode_still_fails_on_file_level_problems() {
    let dir = with("id,title\ns1,x\n", SIGNATURES);
    assert!(matches!(
        read_csv_folder_with(dir.path(), &ReadOptions::lenient()),
        Err(Error::Invalid { .. })
    ));
}

#[test]
fn json_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.json");
    std::fs::write(&path, "{\"statements\": [\n  {\"id\": \"s1\", \"date\": \"2024-11-05\", \"kind\": \"joint_statement\"}\n  oops\n]}").unwrap();
    match read_dataset_with(&path, &ReadOptions::default()) {
        Err(Error::Json { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    std::fs::write(
        &path,
        r#"{"statements": [{"id": "s1", "date": "2024-11-05", "kind": "joint_statement"}],
            "signatures": [{"statement": "s1", "actor": "USA", "position": "yes"},
                           {"statement": "s9", "actor": "USA", "position": "yes"}]}"#,
    )
    .unwrap();
    match read_dataset_with(&path, &ReadOptions::default()) {
        Err(Error::Invalid { problems }) => match &problems[..] {
            [Problem::UnknownStatement { at, .. }] => {
                assert_eq!(at.file, path.display().to_string());
                assert_eq!(
                    (at.line, at.column, at.field.as_str(), at.value.as_str()),
                    (3, Some(42), "signatures[1].statement", "s9")
                );
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}
