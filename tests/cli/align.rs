//! `cosignatory align` and `cosignatory cohesion`, with values computed by hand on the small
//! folder (see `support`).

use crate::support::{arg, cosignatory, folder, json_of, stdout_of};
use cosignatory::align::{Coding, Measure, SeriesOptions, Universe, pair_series};
use cosignatory::time::Window;
use predicates::str::contains;

const HEADER: &str = "a,b,window_start,window_end,measure,score,n,flag";

#[test]
fn jaccard_over_the_whole_range() {
    let (_dir, data) = folder();
    let csv = stdout_of(cosignatory().args([
        "align",
        arg(&data),
        "--pairs",
        "AAA:BBB,AAA:CCC",
        "--format",
        "csv",
    ]));
    // Universe `all`: 5 items each; AAA signed s1 s2, CCC s1 s5: Jaccard 1/3.
    assert_eq!(
        csv,
        format!(
            "{HEADER}\n\
             AAA,BBB,2020-01-10,2021-09-01,jaccard,1,5,small-n\n\
             AAA,CCC,2020-01-10,2021-09-01,jaccard,0.3333333333333333,5,small-n\n"
        )
    );
}

#[test]
fn yearly_windows_and_undefined_scores() {
    let (_dir, data) = folder();
    let csv = stdout_of(cosignatory().args([
        "align",
        arg(&data),
        "--pairs",
        "AAA:CCC,AAA:BBB",
        "--window",
        "1y",
        "--format",
        "csv",
    ]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], HEADER);
    assert!(
        lines.contains(&"AAA,CCC,2020-01-01,2020-12-31,jaccard,0.5,2,small-n"),
        "{csv}"
    );
    assert!(
        lines.contains(&"AAA,CCC,2021-01-01,2021-12-31,jaccard,0,3,small-n;partial"),
        "{csv}"
    );
    // Neither signed anything in 2021: Jaccard 0/0 is undefined, an empty cell.
    assert!(
        lines.contains(&"AAA,BBB,2021-01-01,2021-12-31,jaccard,,3,small-n;undefined;partial"),
        "{csv}"
    );
    let json = json_of(cosignatory().args([
        "align",
        arg(&data),
        "--pairs",
        "AAA:BBB",
        "--window",
        "1y",
        "--format",
        "json",
    ]));
    assert_eq!(json[1]["window_start"], "2021-01-01");
    assert!(json[1]["score"].is_null());
    assert_eq!(json[1]["n"], 3);
}

#[test]
fn universes_change_the_items() {
    let (_dir, data) = folder();
    let row = |universe: &str, pair: &str| {
        let csv = stdout_of(cosignatory().args([
            "align",
            arg(&data),
            "--pairs",
            pair,
            "--universe",
            universe,
            "--format",
            "csv",
        ]));
        csv.lines().nth(1).unwrap().to_string()
    };
    // Recorded rows of co-signature data are signatures only: one joint item, s1.
    assert!(row("recorded", "AAA:CCC").ends_with(",jaccard,1,1,small-n"));
    // DDD is not in BLC, so it counts only where it has a row (s3, s4, s5).
    assert!(row("members:BLC", "AAA:DDD").ends_with(",jaccard,0,3,small-n"));
    assert!(row("all", "AAA:DDD").ends_with(",jaccard,0,5,small-n"));
}

#[test]
fn pair_selections() {
    let (_dir, data) = folder();
    let rows = |extra: &[&str]| {
        let mut c = cosignatory();
        c.args(["align", arg(&data), "--format", "csv"]).args(extra);
        stdout_of(&mut c).lines().count() - 1
    };
    assert_eq!(rows(&[]), 15); // 6 actors take part: 15 pairs
    assert_eq!(rows(&["--actor", "AAA"]), 5);
    assert_eq!(rows(&["--pairs", "AAA:BBB"]), 1);
}

#[test]
fn every_measure_name_runs() {
    let (_dir, data) = folder();
    for m in Measure::ALL {
        let csv = stdout_of(cosignatory().args([
            "align",
            arg(&data),
            "--pairs",
            "AAA:CCC",
            "--measure",
            m.name(),
            "--format",
            "csv",
        ]));
        assert!(csv.contains(&format!(",{},", m.name())), "{m}: {csv}");
    }
}

#[test]
fn bootstrap_intervals_are_seeded_and_quiet_off_a_terminal() {
    let (_dir, data) = folder();
    let args = [
        "align",
        arg(&data),
        "--pairs",
        "AAA:CCC",
        "--measure",
        "simple-matching",
        "--ci",
        "0.9",
        "--bootstrap",
        "300",
        "--seed",
        "4",
        "--min-n",
        "0",
        "--format",
        "csv",
    ];
    let out = cosignatory()
        .args(args)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(out).unwrap();
    assert!(csv.starts_with(&format!("{HEADER},ci_low,ci_high\n")));
    let cells: Vec<f64> = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .skip(5)
        .filter_map(|c| c.parse().ok())
        .collect();
    let (score, lo, hi) = (cells[0], cells[2], cells[3]);
    assert!((score - 0.6).abs() < 1e-12, "{csv}"); // agree on s1, s3, s4 of 5
    assert!(lo <= score && score <= hi, "{csv}");
    assert_eq!(stdout_of(cosignatory().args(args)), csv);
}

#[test]
fn bundled_data_matches_the_library() {
    let ds = cosignatory::datasets::joint_statements();
    let (first, last) = ds.date_range().unwrap();
    let options = SeriesOptions {
        measure: Measure::Jaccard,
        coding: Coding::cosignature(),
        universe: Universe::AllStatements,
        ..Default::default()
    };
    let expected = pair_series(
        &ds.view(),
        &[Window::new(first, last)],
        &[("GBR", "USA")],
        &options,
    )
    .unwrap();
    let csv = stdout_of(cosignatory().args(["align", "--pairs", "GBR:USA", "--format", "csv"]));
    let row = csv.lines().nth(1).unwrap();
    assert_eq!(
        row,
        format!(
            "GBR,USA,{first},{last},jaccard,{},{},",
            expected[0].score.value.unwrap(),
            expected[0].score.n
        )
    );
}

#[test]
fn binary_measures_need_a_binary_coding() {
    cosignatory()
        .args([
            "align",
            "--pairs",
            "USA:GBR",
            "--measure",
            "jaccard",
            "--coding",
            "voeten",
        ])
        .assert()
        .code(2)
        .stderr(contains("needs a binary coding"));
}

#[test]
fn cohesion_signing_share_per_year() {
    let (_dir, data) = folder();
    let csv =
        stdout_of(cosignatory().args(["cohesion", arg(&data), "--bloc", "BLC", "--format", "csv"]));
    // 2020: s1 3/3, s2 2/3; 2021: only s5 has a member (CCC), 1/3.
    assert_eq!(
        csv,
        "bloc,window_start,window_end,measure,score,n\n\
         BLC,2020-01-01,2020-12-31,signing-share,0.8333333333333333,2\n\
         BLC,2021-01-01,2021-12-31,signing-share,0.3333333333333333,1\n"
    );
    let two = json_of(cosignatory().args([
        "cohesion",
        arg(&data),
        "--bloc",
        "BLC",
        "--window",
        "2y",
        "--format",
        "json",
    ]));
    assert_eq!(two.as_array().unwrap().len(), 1);
    assert_eq!(two[0]["n"], 3);
}

#[test]
fn cohesion_of_the_eu_in_the_bundled_data() {
    let table = stdout_of(cosignatory().args(["cohesion", "--bloc", "EU", "--from", "2019-01-01"]));
    assert!(table.starts_with("bloc  window_start"), "{table}");
    assert!(
        table.contains("EU    2019-01-01    2019-12-31  signing-share"),
        "{table}"
    );
}

#[test]
fn cohesion_needs_a_bloc() {
    let (_dir, data) = folder();
    cosignatory()
        .args(["cohesion", arg(&data), "--bloc", "AAA"])
        .assert()
        .code(1)
        .stderr(contains("`AAA` is not a bloc"));
    cosignatory()
        .args(["cohesion", arg(&data), "--bloc", "BLX"])
        .assert()
        .code(1)
        .stderr(contains("unknown actor `BLX` (did you mean BLC"));
}
