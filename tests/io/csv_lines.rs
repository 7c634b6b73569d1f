//! Issue 21, items 1–2: an unterminated quote is a located error (the line where it opened),
//! and every problem names the physical line whatever the line endings, blank lines or quoted
//! newlines before it, in every file the CSV readers take.

use cosignatory::io::{CsvTables, EdgeList, ReadOptions};
use cosignatory::{Error, Problem};

fn problems_of<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<Problem> {
    match r {
        Err(e) => e.problems().to_vec(),
        Ok(v) => panic!("expected an error, got {v:?}"),
    }
}

fn read(
    statements: &str,
    signatures: &str,
    actors: Option<&str>,
    memberships: Option<&str>,
    options: &ReadOptions,
) -> Result<cosignatory::LoadReport, Error> {
    let mut t = CsvTables::new(
        ("statements.csv", statements.as_bytes()),
        ("signatures.csv", signatures.as_bytes()),
    );
    if let Some(a) = actors {
        t = t.with_actors("actors.csv", a.as_bytes());
    }
    if let Some(m) = memberships {
        t = t.with_memberships("memberships.csv", m.as_bytes());
    }
    t.read(options).map(|(_, report)| report)
}

#[test]
fn unterminated_quote_in_signatures_is_located_in_strict_and_lenient_mode() {
    let statements = "id,date\ns1,2020-01-01\n";
    let signatures = "statement,actor,role\ns1,USA,\"x\ns1,GBR,y\n";
    for options in [ReadOptions::default(), ReadOptions::lenient()] {
        let p = problems_of(read(statements, signatures, None, None, &options));
        assert_eq!(
            p,
            [Problem::UnterminatedQuote {
                file: "signatures.csv".into(),
                line: 2,
                field: "role".into()
            }],
            "{options:?}"
        );
    }
}

#[test]
fn unterminated_quote_in_statements_is_blamed_on_statements() {
    let statements = "id,date,title\ns0,2020-01-01,ok\ns1,2020-01-01,\"open\ns2,2020-01-02,x\n";
    let signatures = "statement,actor\ns1,USA\ns2,GBR\n";
    let p = problems_of(read(
        statements,
        signatures,
        None,
        None,
        &ReadOptions::lenient(),
    ));
    assert_eq!(
        p,
        [Problem::UnterminatedQuote {
            file: "statements.csv".into(),
            line: 3,
            field: "title".into()
        }]
    );
}

#[test]
fn text_after_a_closing_quote_is_a_malformed_row() {
    let statements = "id,date,title\ns1,2020-01-01,\"a\"b\n";
    let p = problems_of(read(
        statements,
        "statement,actor\ns1,USA\n",
        None,
        None,
        &ReadOptions::default(),
    ));
    assert!(
        matches!(&p[..], [Problem::MalformedRow { line: 2, message, .. }, ..] if message.contains("`title`")),
        "{p:?}"
    );
}

/// Header, then CRLF endings, blank lines (LF and CRLF), a whitespace-only line and a record
/// with quoted newlines of both kinds; the faulty row `bad` lands on physical line 9.
fn messy(header: &str, good_row_with_quote: &str, bad: &str) -> String {
    format!("{header}\r\n\r\n\n{good_row_with_quote}\r\n   \r\n\r{bad}\r\n")
}

#[test]
fn every_file_reports_the_physical_line() {
    // Lines: 1 header, 2 blank (CRLF), 3 blank (LF), 4-6 a record with two quoted newlines,
    // 7 spaces, 8 a lone CR line, 9 the bad row.
    let good_statement = "s0,2020-01-01,\"two\r\nline\ntitle\"";
    let statements_ok = "id,date,title\ns0,2020-01-01,t\ns1,2020-01-02,t\n";
    let signatures_ok = "statement,actor\ns0,USA\ns1,GBR\n";
    let line_of = |p: &[Problem]| -> Vec<u64> {
        p.iter()
            .map(|p| match p {
                Problem::MalformedRow { line, .. } => *line,
                other => other.location().expect("located").line,
            })
            .collect()
    };

    let statements = messy("id,date,title", good_statement, "s1,2020-13-01,x");
    let p = problems_of(read(
        &statements,
        signatures_ok,
        None,
        None,
        &ReadOptions::default(),
    ));
    assert_eq!(line_of(&p), [9], "{p:?}");

    let signatures = messy(
        "statement,actor,role",
        "s0,USA,\"a\r\nb\nc\"",
        "s1,GBR,\"r\",extra",
    );
    let p = problems_of(read(
        statements_ok,
        &signatures,
        None,
        None,
        &ReadOptions::default(),
    ));
    assert_eq!(line_of(&p), [9], "{p:?}");

    let actors = messy(
        "id,name,kind",
        "USA,\"United\r\nStates\nof America\",country",
        "GBR,UK,planet",
    );
    let p = problems_of(read(
        statements_ok,
        signatures_ok,
        Some(&actors),
        None,
        &ReadOptions::default(),
    ));
    assert_eq!(line_of(&p), [9], "{p:?}");

    let memberships = messy(
        "bloc,member,from",
        "EU,\"F\r\nR\nA\",2000-01-01",
        "EU,DEU,2000-02-30",
    );
    let p = problems_of(read(
        statements_ok,
        signatures_ok,
        None,
        Some(&memberships),
        &ReadOptions::default(),
    ));
    assert_eq!(line_of(&p), [9], "{p:?}");

    let edges = messy("source,target,weight", "\"A\r\nB\nC\",D,1", "A,D,nan");
    let p = problems_of(EdgeList::from_reader(
        "edges.csv",
        edges.as_bytes(),
        &ReadOptions::default(),
    ));
    assert_eq!(line_of(&p), [9], "{p:?}");
    let p = problems_of(EdgeList::from_reader(
        "edges.csv",
        "source,target\nA,B\n\"C,D\n".as_bytes(),
        &ReadOptions::default(),
    ));
    assert_eq!(
        p,
        [Problem::UnterminatedQuote {
            file: "edges.csv".into(),
            line: 3,
            field: "source".into()
        }]
    );
}

#[test]
fn crlf_file_with_a_bad_first_row_names_line_two() {
    let p = problems_of(read(
        "id,date\r\ns1,2020-13-01\r\n",
        "statement,actor\r\ns1,USA\r\n",
        None,
        None,
        &ReadOptions::default(),
    ));
    assert_eq!(p[0].location().unwrap().line, 2, "{p:?}");
}
