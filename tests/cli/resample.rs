//! Issue 18, items 9 and 10: clustered roll calls (`--resample statement|resolution`), the
//! permutation test of change between two windows (`align --compare A:B`) and windows by
//! General Assembly session (`--window session`).

use super::support::{arg, cosignatory, stdout_of};
use std::path::PathBuf;
use tempfile::TempDir;

/// One roll call: resolution, session, date, whether AAA and BBB vote the same.
type RollCall = (&'static str, &'static str, String, bool);

/// Roll calls as a CSV folder: AAA always votes yes, BBB yes when they agree and no otherwise;
/// each statement carries `attr.session` and `attr.unres` (empty session: no attribute).
fn roll_calls(rows: &[RollCall]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("votes");
    std::fs::create_dir(&data).unwrap();
    let mut statements = String::from("id,date,kind,attr.session,attr.unres\n");
    let mut signatures = String::from("statement,actor,position\n");
    for (k, (unres, session, date, agree)) in rows.iter().enumerate() {
        statements += &format!("rc{k:03},{date},resolution_vote,{session},{unres}\n");
        signatures += &format!("rc{k:03},AAA,yes\n");
        let b = if *agree { "yes" } else { "no" };
        signatures += &format!("rc{k:03},BBB,{b}\n");
    }
    std::fs::write(data.join("statements.csv"), statements).unwrap();
    std::fs::write(data.join("signatures.csv"), signatures).unwrap();
    std::fs::write(
        data.join("actors.csv"),
        "id,name,kind\nAAA,Alpha,country\nBBB,Beta,country\n",
    )
    .unwrap();
    (dir, data)
}

/// Eight resolutions of five roll calls each in two sessions that overlap in time: session 55
/// (R0-R3, 2000-10-01..2000-11-27) and 56 (R4-R7, 2000-11-01..2000-12-28). The pair agrees on
/// every roll call of the even resolutions and on none of the odd ones.
fn clustered() -> Vec<RollCall> {
    let mut rows = Vec::new();
    for r in 0..8 {
        let (session, start) = if r < 4 {
            ("55", "2000-10-01")
        } else {
            ("56", "2000-11-01")
        };
        for j in 0..5 {
            let start: chrono::NaiveDate = start.parse().unwrap();
            let date = start + chrono::Days::new(((r % 4) * 5 + j) * 3);
            let unres = ["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7"][r as usize];
            rows.push((unres, session, date.to_string(), r % 2 == 0));
        }
    }
    rows
}

fn csv_rows(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

fn align_ci(data: &str, resample: &str) -> (f64, f64, f64) {
    let out = stdout_of(cosignatory().args([
        "align",
        data,
        "--pairs",
        "AAA:BBB",
        "--measure",
        "percent-agreement",
        "--ci",
        "0.95",
        "--bootstrap",
        "2000",
        "--seed",
        "3",
        "--resample",
        resample,
        "--format",
        "csv",
    ]));
    let rows = csv_rows(&out);
    assert_eq!(
        rows[0].join(","),
        "a,b,window_start,window_end,measure,score,n,flag,ci_low,ci_high"
    );
    let num = |c: usize| rows[1][c].parse::<f64>().unwrap();
    (num(5), num(8), num(9))
}

#[test]
fn resolution_resampling_widens_the_interval_of_clustered_votes() {
    let (_dir, data) = roll_calls(&clustered());
    let (score, lo_s, hi_s) = align_ci(arg(&data), "statement");
    let (score_r, lo_r, hi_r) = align_ci(arg(&data), "resolution");
    assert_eq!((score, score_r), (0.5, 0.5));
    // By roll call: 40 independent draws, ±0.15 or so; by resolution: 8 draws of 5 identical
    // votes, about twice as wide.
    assert!(hi_s - lo_s < 0.4, "{lo_s} {hi_s}");
    assert!(
        hi_r - lo_r > 1.5 * (hi_s - lo_s),
        "{lo_r} {hi_r} vs {lo_s} {hi_s}"
    );
    // Statement resampling is the default: the same bits as before the option existed.
    let default = stdout_of(cosignatory().args([
        "align",
        arg(&data),
        "--pairs",
        "AAA:BBB",
        "--measure",
        "percent-agreement",
        "--ci",
        "0.95",
        "--bootstrap",
        "2000",
        "--seed",
        "3",
        "--format",
        "csv",
    ]));
    let lo_d: f64 = csv_rows(&default)[1][8].parse().unwrap();
    assert_eq!(lo_d, lo_s);
    // Same bits at any thread count.
    for threads in ["1", "2"] {
        let out = stdout_of(cosignatory().args([
            "--threads",
            threads,
            "align",
            arg(&data),
            "--pairs",
            "AAA:BBB",
            "--measure",
            "percent-agreement",
            "--ci",
            "0.95",
            "--bootstrap",
            "2000",
            "--seed",
            "3",
            "--resample",
            "resolution",
            "--format",
            "csv",
        ]));
        assert_eq!(csv_rows(&out)[1][8].parse::<f64>().unwrap(), lo_r);
    }
    cosignatory()
        .args(["align", arg(&data), "--resample", "paragraph"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("paragraph"));
}

/// Two resolutions of five roll calls in 2000 where the pair always agrees, and two in 2010
/// where it never does.
fn change() -> Vec<RollCall> {
    let mut rows = Vec::new();
    for (unres, year, agree) in [
        ("R1", 2000, true),
        ("R2", 2000, true),
        ("R3", 2010, false),
        ("R4", 2010, false),
    ] {
        for j in 0..5 {
            let day = if unres == "R1" || unres == "R3" {
                1
            } else {
                15
            };
            let date = format!("{year}-0{}-{day:02}", j + 1);
            rows.push((unres, "", date, agree));
        }
    }
    rows
}

#[test]
fn compare_tests_the_change_between_two_windows() {
    let (_dir, data) = roll_calls(&change());
    let run = |resample: &str, threads: &str| {
        stdout_of(cosignatory().args([
            "--threads",
            threads,
            "align",
            arg(&data),
            "--pairs",
            "AAA:BBB",
            "--measure",
            "percent-agreement",
            "--compare",
            "2000:2005-01-01..2010-12-31",
            "--permutations",
            "999",
            "--seed",
            "1",
            "--resample",
            resample,
            "--format",
            "csv",
        ]))
    };
    let by_statement = run("statement", "1");
    let rows = csv_rows(&by_statement);
    assert_eq!(
        rows[0].join(","),
        "a,b,first_start,first_end,second_start,second_end,measure,score_first,score_second,\
         difference,p_value,permutations,defined,n_first,n_second,units_first,units_second,\
         resample"
    );
    assert_eq!(
        rows[1][..11].join(","),
        "AAA,BBB,2000-01-01,2000-12-31,2005-01-01,2010-12-31,percent-agreement,1,0,-1,0.001"
    );
    assert_eq!(rows[1][11..].join(","), "999,999,10,10,10,10,statement");
    // By resolution: 4 units, C(4, 2) = 6 splits of which 2 are as extreme: p ≈ 1/3.
    let by_resolution = run("resolution", "1");
    let rows = csv_rows(&by_resolution);
    assert_eq!(rows[1][11..].join(","), "999,999,10,10,2,2,resolution");
    let p: f64 = rows[1][10].parse().unwrap();
    assert!((p - 1.0 / 3.0).abs() < 0.05, "{by_resolution}");
    assert_eq!(run("resolution", "2"), by_resolution);
    // JSON carries the same row.
    let json: serde_json::Value = serde_json::from_str(&stdout_of(cosignatory().args([
        "align",
        arg(&data),
        "--pairs",
        "AAA:BBB",
        "--measure",
        "percent-agreement",
        "--compare",
        "2000:2010",
        "--permutations",
        "99",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json[0]["difference"], -1.0);
    assert_eq!(json[0]["resample"], "statement");
}

#[test]
fn compare_refuses_bad_windows_and_unbounded_work() {
    let (_dir, data) = roll_calls(&change());
    for (value, expected) in [
        ("2000-2010", "2000-2010"),
        ("1999-1990:2010", "1999-1990"),
        ("2000:2010-13-01..2011-01-01", "2010-13-01..2011-01-01"),
    ] {
        cosignatory()
            .args([
                "align",
                arg(&data),
                "--pairs",
                "AAA:BBB",
                "--compare",
                value,
            ])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(expected));
    }
    // Overlapping windows, every pair, and a window option on top: usage errors, each saying
    // why (an unknown flag would also exit 2).
    for (args, expected) in [
        (
            vec!["--pairs", "AAA:BBB", "--compare", "2000-2005:2004-2010"],
            "the windows overlap",
        ),
        (vec!["--compare", "2000:2010"], "--compare needs --pairs"),
        (
            vec![
                "--pairs",
                "AAA:BBB",
                "--compare",
                "2000:2010",
                "--window",
                "1y",
            ],
            "cannot be used with '--window",
        ),
    ] {
        cosignatory()
            .args(["align", arg(&data)])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(expected));
    }
}

#[test]
fn session_windows_follow_the_session_attribute() {
    let (_dir, data) = roll_calls(&clustered());
    let out = stdout_of(cosignatory().args([
        "align",
        arg(&data),
        "--pairs",
        "AAA:BBB",
        "--measure",
        "percent-agreement",
        "--window",
        "session",
        "--format",
        "csv",
    ]));
    // The sessions overlap in November: each window still holds only its own 20 roll calls.
    assert_eq!(
        out,
        "a,b,window_start,window_end,measure,score,n,flag\n\
         AAA,BBB,2000-10-01,2000-11-27,percent-agreement,0.5,20,\n\
         AAA,BBB,2000-11-01,2000-12-28,percent-agreement,0.5,20,\n"
    );
    // A roll call without a session is named, not dropped.
    let mut rows = clustered();
    rows.push(("R8", "", "2000-12-30".into(), true));
    let (_dir2, data2) = roll_calls(&rows);
    cosignatory()
        .args(["align", arg(&data2), "--window", "session"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("\"rc040\""))
        .stderr(predicates::str::contains("no `session` attribute"));
    // Sessions are not cut by length, and only align has them.
    cosignatory()
        .args(["align", arg(&data), "--window", "session", "--step", "1y"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--step"));
    cosignatory()
        .args(["timeline", arg(&data), "--window", "session"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("align only"));
    cosignatory()
        .args(["align", arg(&data), "--window", "semester"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("session"));
}
