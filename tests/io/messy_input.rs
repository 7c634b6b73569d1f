//! Spreadsheet exports as researchers have them: BOM, CRLF, blank lines, quoting, whitespace,
//! mixed-case ids, duplicate headers, and dates in other formats.

use cosignatory::io::{ReadOptions, read_csv_folder, read_csv_folder_with};
use cosignatory::{Error, Problem, Warning};

fn folder(statements: &[u8], signatures: &[u8], actors: Option<&[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("statements.csv"), statements).unwrap();
    std::fs::write(dir.path().join("signatures.csv"), signatures).unwrap();
    if let Some(a) = actors {
        std::fs::write(dir.path().join("actors.csv"), a).unwrap();
    }
    dir
}

#[test]
fn bom_crlf_blank_lines_quotes_and_whitespace() {
    let statements = "\u{feff}id,date,title,kind\r\n\
        s1 , 2024-11-05 ,\"Joint statement, on DPRK\r\ntroops\",joint_statement\r\n\
        \r\n\
        s2,2024-12-16,\"He said \"\"no\"\"\",declaration\r\n\r\n\r\n";
    let signatures =
        "\u{feff}statement,actor,position\r\ns1,USA,yes\r\n s1 ,  KOR ,YES\r\ns2,USA,Yes\r\n\r\n";
    let dir = folder(statements.as_bytes(), signatures.as_bytes(), None);
    let (ds, report) = read_csv_folder_with(dir.path(), &ReadOptions::default()).unwrap();
    assert!(report.is_clean(), "{report:?}");
    let s1 = ds.statement_by_id("s1").unwrap();
    assert_eq!(s1.title, "Joint statement, on DPRK\r\ntroops");
    assert_eq!(ds.statement_by_id("s2").unwrap().title, "He said \"no\"");
    assert_eq!(ds.num_signatures(), 3);
    assert!(ds.actor_index("KOR").is_some());
}

#[test]
fn mixed_case_ids_resolve_with_a_warning() {
    let statements = b"id,date\ns1,2024-11-05\ns2,2024-12-16\n";
    let signatures = b"statement,actor\ns1,USA\ns1,kor\ns2,Usa\n";
    // With an actors file: resolved to the listed id, each resolution reported.
    let dir = folder(
        statements,
        signatures,
        Some(b"id,name\nUSA,United States\nKOR,South Korea\n"),
    );
    let (ds, report) = read_csv_folder_with(dir.path(), &ReadOptions::default()).unwrap();
    assert_eq!(ds.actors().len(), 2);
    assert_eq!(ds.num_signatures(), 3);
    let resolved: Vec<(&str, &str)> = report
        .warnings
        .iter()
        .map(|w| match w {
            Warning::ActorIdCase { at, resolved } => (at.value.as_str(), resolved.as_str()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(resolved, [("kor", "KOR"), ("Usa", "USA")]);
    // Without one: spellings of one id are one actor, the upper-case spelling wins.
    let dir = folder(statements, signatures, None);
    let (ds, report) = read_csv_folder_with(dir.path(), &ReadOptions::default()).unwrap();
    let ids: Vec<&str> = ds.actors().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["USA", "kor"]);
    assert_eq!(report.warnings.len(), 1);
    // The same actor twice on one statement, once in each case, is a duplicate signature.
    let dir = folder(statements, b"statement,actor\ns1,USA\ns1,usa\n", None);
    assert!(matches!(
        read_csv_folder(dir.path()).unwrap_err().problems(),
        [Problem::DuplicateSignature { .. }]
    ));
}

#[test]
fn duplicate_header_names_are_an_error() {
    let dir = folder(
        b"id,date,id\ns1,2024-11-05,s2\n",
        b"statement,actor\ns1,USA\n",
        None,
    );
    match read_csv_folder(dir.path()) {
        Err(Error::Invalid { problems }) => {
            assert!(
                matches!(&problems[0], Problem::DuplicateColumn { column, .. } if column == "id"),
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    // Header names are matched case-insensitively and trimmed: `ID` and ` id` are the same column.
    let dir = folder(
        b"ID, date\ns1,2024-11-05\n",
        b"Statement,ACTOR\ns1,USA\n",
        None,
    );
    assert!(read_csv_folder(dir.path()).is_ok());
}

#[test]
fn only_iso_dates_are_accepted() {
    for bad in [
        "05/11/2024",
        "2024/11/05",
        "5 Nov 2024",
        "2024-11-5",
        "2024-11-05T10:00",
        "20241105",
        "2024-02-30",
    ] {
        let dir = folder(
            format!("id,date\ns1,{bad}\n").as_bytes(),
            b"statement,actor\ns1,USA\n",
            None,
        );
        let p = read_csv_folder(dir.path()).unwrap_err();
        let p = &p.problems()[0];
        assert!(
            matches!(p, Problem::InvalidDate { at } if at.value == bad),
            "{bad}: {p:?}"
        );
        assert!(p.to_string().contains("expected YYYY-MM-DD"));
    }
}

#[test]
fn large_files_are_streamed() {
    // 200,000 signatures through the file reader (a BufReader, never the whole file at once).
    let mut statements = String::from("id,date\n");
    let mut signatures = String::from("statement,actor\n");
    for s in 0..20_000 {
        statements.push_str(&format!("s{s},2020-01-{:02}\n", s % 28 + 1));
        for a in 0..10 {
            signatures.push_str(&format!("s{s},A{:03}\n", (s * 7 + a * 13) % 500));
        }
    }
    let dir = folder(statements.as_bytes(), signatures.as_bytes(), None);
    let ds = read_csv_folder(dir.path()).unwrap();
    assert_eq!(ds.num_signatures(), 200_000);
}

/// The rows of a CSV table (header first), in a deterministic shuffled order.
fn shuffled(table: &str, seed: u64) -> String {
    let mut lines: Vec<&str> = table.lines().collect();
    let header = lines.remove(0);
    // A fixed-seed Fisher-Yates with a 64-bit LCG: enough to break any order the writer has.
    let mut x = seed;
    for i in (1..lines.len()).rev() {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lines.swap(i, (x >> 33) as usize % (i + 1));
    }
    std::iter::once(header)
        .chain(lines)
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_order_of_rows_does_not_change_the_dataset() {
    // Statement ids are found by trying the next statement of statements.csv first: a
    // signatures table in any other order must give the same dataset.
    let ds = cosignatory::datasets::joint_statements();
    let dir = tempfile::tempdir().unwrap();
    cosignatory::io::write_csv_folder(&ds, dir.path()).unwrap();
    let statements = std::fs::read_to_string(dir.path().join("statements.csv")).unwrap();
    let signatures = std::fs::read_to_string(dir.path().join("signatures.csv")).unwrap();
    let reversed: String = {
        let mut lines: Vec<&str> = signatures.lines().collect();
        lines[1..].reverse();
        lines.iter().map(|l| format!("{l}\n")).collect()
    };
    for (st, si) in [
        (statements.clone(), reversed),
        (statements.clone(), shuffled(&signatures, 1)),
        (shuffled(&statements, 2), signatures.clone()),
        (shuffled(&statements, 3), shuffled(&signatures, 4)),
    ] {
        std::fs::write(dir.path().join("statements.csv"), st).unwrap();
        std::fs::write(dir.path().join("signatures.csv"), si).unwrap();
        assert_eq!(read_csv_folder(dir.path()).unwrap(), ds);
    }
}

#[test]
fn a_signature_of_a_repeated_statement_id_joins_the_first() {
    // s1 is repeated; the signatures list s1, s2, s1 in the order of the statement rows, so
    // the third is found as the repeat's own row before it is known to be a repeat.
    let statements = b"id,date\ns1,2024-11-05\ns2,2024-12-16\ns1,2024-11-06\n";
    let signatures = b"statement,actor\ns1,USA\ns2,USA\ns1,KOR\ns3,FRA\n";
    let dir = folder(statements, signatures, None);
    let (ds, report) = read_csv_folder_with(dir.path(), &ReadOptions::lenient()).unwrap();
    let s1 = ds.statement_index("s1").unwrap();
    assert_eq!(ds.statement(s1).date.to_string(), "2024-11-05");
    let signers: Vec<&str> = (ds.signatures_of(s1))
        .map(|s| ds.actor(s.actor).id.as_str())
        .collect();
    assert_eq!(signers, ["KOR", "USA"]);
    assert_eq!(ds.statements().len(), 2);
    let skipped: Vec<String> = report.skipped.iter().map(|p| p.to_string()).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        matches!(&report.skipped[0], Problem::DuplicateStatement { at, first_line: 2 } if at.line == 4),
        "{skipped:?}"
    );
    assert!(
        matches!(&report.skipped[1], Problem::UnknownStatement { at, .. } if at.value == "s3"),
        "{skipped:?}"
    );
}

#[test]
fn roles_and_joining_dates_stay_with_their_rows_in_any_order() {
    // Some rows have a role or a joining date, most none; a repeated (statement, actor)
    // keeps the first row's (by line, in whichever order the rows come).
    let statements = b"id,date\ns1,2024-11-05\ns2,2024-12-16\n";
    let signatures = "statement,actor,position,role,date\n\
                      s1,USA,yes,,\n\
                      s1,KOR,yes,foreign_minister,\n\
                      s1,FRA,yes,,2024-11-20\n\
                      s2,USA,yes,,\n\
                      s2,DEU,no,chancellor,2024-12-20\n\
                      s2,JPN,yes,,\n\
                      s1,KOR,yes,ambassador,2024-11-30\n";
    let mut want = [
        ("s1", "FRA", None, Some("2024-11-20")),
        ("s1", "KOR", Some("foreign_minister"), None),
        ("s1", "USA", None, None),
        ("s2", "DEU", Some("chancellor"), Some("2024-12-20")),
        ("s2", "JPN", None, None),
        ("s2", "USA", None, None),
    ];
    for (i, table) in [
        signatures.to_string(),
        shuffled(signatures, 5),
        shuffled(signatures, 6),
    ]
    .into_iter()
    .enumerate()
    {
        let first = |role: &str| table.find(&format!("s1,KOR,yes,{role}")).unwrap();
        want[1] = if first("foreign_minister") < first("ambassador") {
            ("s1", "KOR", Some("foreign_minister"), None)
        } else {
            ("s1", "KOR", Some("ambassador"), Some("2024-11-30"))
        };
        let dir = folder(statements, table.as_bytes(), None);
        let (ds, report) = read_csv_folder_with(dir.path(), &ReadOptions::lenient()).unwrap();
        let got: Vec<(&str, &str, Option<&str>, Option<String>)> = (0..ds.statements().len())
            .flat_map(|s| ds.signatures_of(cosignatory::model::StatementIdx(s as u32)))
            .map(|s| {
                (
                    ds.statement(s.statement).id.as_str(),
                    ds.actor(s.actor).id.as_str(),
                    s.role,
                    s.joined.map(|d| d.to_string()),
                )
            })
            .collect();
        let want: Vec<(&str, &str, Option<&str>, Option<String>)> = (want.iter())
            .map(|&(s, a, r, j)| (s, a, r, j.map(str::to_string)))
            .collect();
        assert_eq!(got, want, "order {i}");
        assert!(
            matches!(&report.skipped[..], [Problem::DuplicateSignature { .. }]),
            "{:?}",
            report.skipped
        );
    }
}
