//! The UN roll-call importer on small inputs: both vote codings, the country mapping, UN
//! membership, and located problems for bad rows. Needs no feature.

use cosignatory::io::{
    COW_CODES, UN_BLOC, UN_COUNTRY_CODES, UnVotesOptions, UnVotesTables, VoteCoding,
    cow_country_id, read_unvotes_dir, read_unvotes_dir_with, un_country_id,
};
use cosignatory::model::{Dataset, Membership, Position};
use cosignatory::{Error, LoadReport, Location, Problem, Warning};
use std::collections::BTreeSet;

const ROLL_CALLS: &str = "\
rcid,session,importantvote,date,unres,amend,para,short,descr
10,45,0,1990-12-06,R/45/10,0,1,FIRST,First roll call
11,45,NA,1991-10-03,R/46/1,NA,NA,SECOND,\"Second\t0\t1\t0\t0\t0\t0\"
";

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn read_with(
    votes: &str,
    roll_calls: &str,
    issues: Option<&str>,
    options: &UnVotesOptions,
) -> cosignatory::Result<(Dataset, LoadReport)> {
    let mut t = UnVotesTables::new(
        ("votes.csv", votes.as_bytes()),
        ("roll_calls.csv", roll_calls.as_bytes()),
    );
    if let Some(i) = issues {
        t = t.with_issues("issues.csv", i.as_bytes());
    }
    t.read(options)
}

fn read(votes: &str) -> cosignatory::Result<Dataset> {
    read_with(votes, ROLL_CALLS, None, &UnVotesOptions::default()).map(|(ds, _)| ds)
}

fn problems(votes: &str) -> Vec<Problem> {
    match read(votes) {
        Err(Error::Invalid { problems }) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

fn loc(file: &str, line: u64, field: &str, value: &str) -> Location {
    Location {
        file: file.into(),
        line,
        field: field.into(),
        value: value.into(),
        column: None,
    }
}

fn votes_of(ds: &Dataset, id: &str) -> Vec<(String, Position)> {
    let s = ds.statement_index(id).unwrap();
    ds.signatures_of(s)
        .map(|r| (ds.actor(r.actor).id.clone(), r.position))
        .collect()
}

fn owned(v: &[(&str, Position)]) -> Vec<(String, Position)> {
    v.iter().map(|(a, p)| (a.to_string(), *p)).collect()
}

#[test]
fn words_coding_reads_votes_names_and_the_na_trap() {
    let votes = "rcid,country,country_code,vote\n\
        10,Yemen Arab Republic,NA,yes\n10,Namibia,NA,abstain\n10,Federal Republic of Germany,NA,no\n\
        11,Yemen,YE,yes\n11,Germany,DE,yes\n11,Namibia,NA,no\n";
    let ds = read(votes).unwrap();
    use Position::*;
    assert_eq!(
        votes_of(&ds, "rcid-10"),
        owned(&[("DEU", No), ("NAM", Abstain), ("YEM", Yes)])
    );
    assert_eq!(
        votes_of(&ds, "rcid-11"),
        owned(&[("DEU", Yes), ("NAM", No), ("YEM", Yes)])
    );
    // The name of the latest roll call wins.
    assert_eq!(ds.actor_by_id("DEU").unwrap().name, "Germany");
    assert_eq!(ds.actor_by_id("YEM").unwrap().name, "Yemen");
    let s = ds.statement_by_id("rcid-11").unwrap();
    assert_eq!(s.attributes["descr"], "Second");
    assert!(!s.attributes.contains_key("important"));
    assert_eq!(s.attributes["session"], "45");
}

#[test]
fn voeten_coding_maps_eight_to_absent_and_nine_to_no_row() {
    let votes = "rcid,ccode,member,vote\n10,2,1,1\n10,365,1,3\n10,20,1,2\n10,260,1,8\n10,565,0,9\n11,565,1,1\n";
    let options = UnVotesOptions::default().coding(VoteCoding::Voeten);
    let (ds, report) = read_with(votes, ROLL_CALLS, None, &options).unwrap_or_else(|e| {
        panic!("{e}");
    });
    use Position::*;
    assert_eq!(
        votes_of(&ds, "rcid-10"),
        owned(&[("CAN", Abstain), ("DEU", Absent), ("RUS", No), ("USA", Yes)])
    );
    // Namibia (565) was not a member on rcid 10: no row, and membership starts at rcid 11.
    let un = ds.actor_index(UN_BLOC).unwrap();
    let nam = ds.actor_index("NAM").unwrap();
    assert!(!ds.is_member(un, nam, d("1990-12-06")));
    assert!(ds.is_member(un, nam, d("1991-10-03")));
    // An absent country is a member.
    assert!(ds.is_member(un, ds.actor_index("DEU").unwrap(), d("1990-12-06")));
    // Without a `country` column, names come from COW; `member` is not a known column.
    assert_eq!(
        ds.actor_by_id("DEU").unwrap().name,
        "German Federal Republic"
    );
    assert_eq!(
        report.warnings,
        [Warning::UnknownColumn {
            file: "votes.csv".into(),
            column: "member".into()
        }]
    );
}

#[test]
fn the_cow_number_wins_over_the_country_code() {
    let votes = "rcid,country_code,ccode,country,vote\n10,XX,2,United States,yes\n";
    let ds = read(votes).unwrap();
    assert_eq!(votes_of(&ds, "rcid-10"), owned(&[("USA", Position::Yes)]));
    assert_eq!(ds.actor_by_id("USA").unwrap().name, "United States");
}

#[test]
fn membership_runs_from_first_to_last_vote_or_as_given() {
    let votes =
        "rcid,country,country_code,vote\n10,France,FR,yes\n11,France,FR,yes\n11,Chile,CL,no\n";
    let ds = read(votes).unwrap();
    let spans: Vec<Membership> = ds.membership_records().collect();
    assert_eq!(
        spans,
        [
            Membership::new("UN", "CHL", d("1991-10-03"), Some(d("1991-10-03"))),
            Membership::new("UN", "FRA", d("1990-12-06"), Some(d("1991-10-03"))),
        ]
    );
    let given = vec![Membership::new("UN", "FRA", d("1945-10-24"), None)];
    let options = UnVotesOptions::default().memberships(given.clone());
    let (ds, _) = read_with(votes, ROLL_CALLS, None, &options).unwrap();
    assert_eq!(ds.membership_records().collect::<Vec<_>>(), given);
    // A given membership must name a voting country.
    let bad = vec![Membership::new("UN", "ATL", d("1945-10-24"), None)];
    let options = UnVotesOptions::default().memberships(bad);
    let err = read_with(votes, ROLL_CALLS, None, &options).unwrap_err();
    assert!(
        matches!(&err.problems()[0], Problem::UnknownActor { at, .. }
        if at.file == "<memberships>" && at.line == 1 && at.value == "ATL")
    );
}

#[test]
fn issue_tags_become_sorted_topics() {
    let issues = "rcid,short_name,issue\n10,me,Palestinian conflict\n10,di,Arms control\n11,hr,Human rights\n";
    let votes = "rcid,country,country_code,vote\n10,France,FR,yes\n";
    let (ds, _) = read_with(votes, ROLL_CALLS, Some(issues), &UnVotesOptions::default()).unwrap();
    assert_eq!(ds.statement_by_id("rcid-10").unwrap().topics, ["di", "me"]);
    assert_eq!(ds.statement_by_id("rcid-11").unwrap().topics, ["hr"]);
    // A tag for a roll call that does not exist is located.
    let issues = "rcid,short_name\n99,me\n";
    let err = read_with(votes, ROLL_CALLS, Some(issues), &UnVotesOptions::default()).unwrap_err();
    assert_eq!(
        err.problems(),
        [Problem::UnknownStatement {
            at: loc("issues.csv", 2, "rcid", "99"),
            suggestions: vec![]
        }]
    );
}

#[test]
fn bad_vote_rows_are_located_and_all_reported() {
    let votes = "rcid,country,country_code,vote\n\
        10,France,FR,yes\n\
        12,France,FR,yes\n\
        10,Atlantis,QQ,no\n\
        10,Yemen,NA,no\n\
        10,Chile,CL,maybe\n\
        ten,Chile,CL,yes\n\
        10,France,FR,no\n\
        10,Peru,PE,\n";
    let got = problems(votes);
    let want = [
        Problem::UnknownStatement {
            at: loc("votes.csv", 3, "rcid", "12"),
            suggestions: vec![],
        },
        Problem::InvalidValue {
            at: loc("votes.csv", 4, "country_code", "QQ"),
            reason:
                "unknown country code (the known ones are in cosignatory::io::UN_COUNTRY_CODES)"
                    .into(),
        },
    ];
    assert_eq!(got[..2], want);
    assert!(matches!(&got[2], Problem::InvalidValue { at, reason }
        if *at == loc("votes.csv", 5, "country", "Yemen") && reason.contains("Namibia")));
    assert!(
        matches!(&got[3], Problem::InvalidValue { at, .. } if *at == loc("votes.csv", 6, "vote", "maybe"))
    );
    assert!(
        matches!(&got[4], Problem::InvalidValue { at, .. } if *at == loc("votes.csv", 7, "rcid", "ten"))
    );
    // Repeated votes are found once all rows are read, so they come last.
    assert_eq!(
        got[5..],
        [
            Problem::EmptyField {
                at: loc("votes.csv", 9, "vote", "")
            },
            Problem::DuplicateSignature {
                at: loc("votes.csv", 8, "country_code", "FR"),
                first_line: 2
            },
        ]
    );
    assert_eq!(got.len(), 7);
}

#[test]
fn voeten_codes_outside_the_scheme_are_problems() {
    let votes = "rcid,ccode,vote\n10,2,4\n10,999,1\n";
    let options = UnVotesOptions::default().coding(VoteCoding::Voeten);
    let err = read_with(votes, ROLL_CALLS, None, &options).unwrap_err();
    let p = err.problems();
    assert!(matches!(&p[0], Problem::InvalidValue { at, reason }
        if *at == loc("votes.csv", 2, "vote", "4") && reason.contains("8 (absent)")));
    assert!(matches!(&p[1], Problem::InvalidValue { at, reason }
        if *at == loc("votes.csv", 3, "ccode", "999") && reason.contains("COW_CODES")));
}

#[test]
fn lenient_mode_skips_bad_rows_and_votes_on_rejected_roll_calls() {
    let roll_calls =
        "rcid,date,short\n10,1990-12-06,OK\n11,1991-13-01,BAD DATE\n10,1990-12-07,AGAIN\n";
    let votes =
        "rcid,country,country_code,vote\n10,France,FR,yes\n11,France,FR,yes\n10,Chile,CL,no\n";
    let options = UnVotesOptions::default().lenient();
    let (ds, report) = read_with(votes, roll_calls, None, &options).unwrap();
    assert_eq!(ds.statements().len(), 1);
    assert_eq!(ds.num_signatures(), 2);
    assert_eq!(
        report.skipped,
        [
            Problem::InvalidDate {
                at: loc("roll_calls.csv", 3, "date", "1991-13-01")
            },
            Problem::DuplicateStatement {
                at: loc("roll_calls.csv", 4, "rcid", "10"),
                first_line: 2
            },
            Problem::SkippedReference {
                at: loc("votes.csv", 3, "rcid", "11"),
                target_line: 3
            },
        ]
    );
    // Strict mode reports the causes and fails.
    let err = read_with(votes, roll_calls, None, &UnVotesOptions::default()).unwrap_err();
    assert_eq!(err.problems().len(), 2);
}

#[test]
fn file_level_problems_fail_even_in_lenient_mode() {
    let options = UnVotesOptions::default().lenient();
    let err = read_with(
        "rcid,country,vote\n10,France,yes\n",
        ROLL_CALLS,
        None,
        &options,
    )
    .unwrap_err();
    assert!(
        matches!(&err.problems()[0], Problem::MissingColumn { file, column, .. }
        if file == "votes.csv" && column == "country_code (or ccode)")
    );
    let err = read_with("rcid,country_code,vote\n", ROLL_CALLS, None, &options).unwrap_err();
    assert_eq!(
        err.problems(),
        [Problem::EmptyInput {
            file: "votes.csv".into()
        }]
    );
    let err = read_with("rcid,country_code,vote,vote\n", ROLL_CALLS, None, &options).unwrap_err();
    assert!(
        matches!(&err.problems()[0], Problem::DuplicateColumn { column, .. } if column == "vote")
    );
    let err = read_with(
        "rcid,country_code,vote\n10,FR,yes\n",
        "rcid\n10\n",
        None,
        &options,
    )
    .unwrap_err();
    assert!(
        matches!(&err.problems()[0], Problem::MissingColumn { file, column, .. }
        if file == "roll_calls.csv" && column == "date")
    );
}

#[test]
fn the_mapping_tables_agree_and_are_sorted() {
    let iso: BTreeSet<&str> = UN_COUNTRY_CODES.iter().map(|r| r.id).collect();
    let cow: BTreeSet<&str> = COW_CODES.iter().map(|r| r.id).collect();
    assert_eq!(iso, cow);
    assert_eq!(iso.len(), 199);
    assert!(
        iso.iter()
            .all(|id| id.len() == 3 && id.bytes().all(|b| b.is_ascii_uppercase()))
    );
    let key = |r: &cosignatory::io::CountryCode| (r.code, r.country, r.from);
    assert!(UN_COUNTRY_CODES.windows(2).all(|w| key(&w[0]) < key(&w[1])));
    assert!(
        COW_CODES
            .windows(2)
            .all(|w| (w[0].ccode, w[0].from) < (w[1].ccode, w[1].from))
    );
    // The ambiguous code needs its name; every other code ignores it.
    let on = d("1985-01-01");
    assert_eq!(un_country_id("NA", "Zanzibar", on), Some("XZN"));
    assert_eq!(un_country_id("", "Namibia", on), Some("NAM"));
    assert_eq!(un_country_id("NA", "", on), None);
    assert_eq!(un_country_id("CS", "anything", on), Some("CSK"));
    assert_eq!(un_country_id("DD", "", on), Some("DDR"));
    assert_eq!(un_country_id("YD", "", on), Some("YMD"));
    assert_eq!(un_country_id("RU", "Russia", d("1950-01-01")), Some("RUS"));
    // Yugoslavia's code turns into Serbia on the FRY's admission.
    assert_eq!(
        un_country_id("YU", "Yugoslavia", d("2000-10-31")),
        Some("YUG")
    );
    assert_eq!(
        un_country_id("YU", "Yugoslavia", d("2000-11-01")),
        Some("SRB")
    );
    assert_eq!(cow_country_id(345, d("2000-10-31")), Some("YUG"));
    assert_eq!(cow_country_id(345, d("2000-11-01")), Some("SRB"));
    assert_eq!(cow_country_id(678, on), Some("YEM"));
    assert_eq!(cow_country_id(511, d("1963-12-03")), Some("XZN"));
}

#[test]
fn the_directory_reader_needs_votes_and_roll_calls() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_unvotes_dir(dir.path()).unwrap_err();
    assert_eq!(err.problems().len(), 2);
    assert!(
        matches!(&err.problems()[0], Problem::MissingFile { file } if file.ends_with("unvotes.csv"))
    );
    std::fs::write(dir.path().join("roll_calls.csv"), ROLL_CALLS).unwrap();
    std::fs::write(
        dir.path().join("unvotes.csv"),
        "rcid,country,country_code,vote\n10,France,FR,yes\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("issues.csv"), "rcid,short_name\n10,co\n").unwrap();
    let (ds, report) = read_unvotes_dir_with(dir.path(), &UnVotesOptions::default()).unwrap();
    assert!(report.is_clean());
    assert_eq!(ds.statement_by_id("rcid-10").unwrap().topics, ["co"]);
}

#[cfg(not(feature = "un-votes"))]
#[test]
fn gz_files_need_the_feature() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("roll_calls.csv"), ROLL_CALLS).unwrap();
    std::fs::write(dir.path().join("unvotes.csv.gz"), b"not read").unwrap();
    let err = read_unvotes_dir(dir.path()).unwrap_err();
    assert!(err.to_string().contains("`un-votes` feature"), "{err}");
}

/// Parsing and resolving run side by side with more than one thread; the rows, the actors and
/// every problem (in order) must be those of the one-thread read, across many batches.
#[cfg(feature = "parallel")]
#[test]
fn every_thread_count_reads_the_same_votes_and_problems() {
    let countries = [
        ("France", "FR"),
        ("Chile", "CL"),
        ("Yemen", "NA"),
        ("Namibia", "NA"),
        ("Atlantis", "QQ"),
        ("Peru", "PE"),
        ("Yugoslavia", "YU"),
    ];
    let mut votes = String::from("rcid,country,country_code,vote\n");
    for i in 0..40_000usize {
        let (country, code) = countries[i * 7 / 3 % countries.len()];
        let rcid = [10, 11, 10, 12, 11][i % 5];
        let vote = ["yes", "no", "abstain", "absent", "maybe", ""][i % 6];
        match i % 997 {
            13 => votes.push_str("ten,Chile,CL,yes\n"),
            14 => votes.push_str("10,Chile\n"),
            15 => votes.push_str(&format!("10,{country}{i},NEW{},yes\n", i % 3)),
            _ => votes.push_str(&format!("{rcid},{country},{code},{vote}\n")),
        }
    }
    let roll_calls = "rcid,date,short\n10,1990-12-06,OK\n11,1991-13-01,BAD DATE\n\
        12,1991-03-01,THIRD\n";
    let run = |threads: usize, options: &UnVotesOptions| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| match read_with(&votes, roll_calls, None, options) {
            Ok((ds, report)) => Ok((cosignatory::io::to_json_string(&ds).unwrap(), report)),
            Err(e) => Err(format!("{e:?}")),
        })
    };
    for options in [
        UnVotesOptions::default(),
        UnVotesOptions::default().lenient(),
    ] {
        let one = run(1, &options);
        match &one {
            Ok((_, report)) => assert!(report.skipped.len() > 10_000),
            Err(e) => assert!(e.len() > 100_000),
        }
        assert_eq!(one, run(2, &options));
        assert_eq!(one, run(4, &options));
    }
}
