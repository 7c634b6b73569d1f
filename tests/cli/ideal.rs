//! `cosignatory ideal`: the library's estimates as CSV, JSON and a table; bad arguments.

use crate::support::{cosignatory, json_of, stdout_of};
use cosignatory::ideal::{BootstrapOptions, IdealModel, IdealOptions, estimate_windows};
use cosignatory::time::Window;

#[test]
fn csv_has_the_documented_columns_and_the_library_numbers() {
    // The bundled joint statements: co-signature data (signed 1, not signed 0 over every
    // statement), one window over 2020-2024.
    let csv = stdout_of(cosignatory().args([
        "ideal",
        "--model",
        "binary",
        "--from",
        "2020-01-01",
        "--to",
        "2024-12-31",
        "--format",
        "csv",
    ]));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "actor,window_start,window_end,ideal,se,ci_low,ci_high,n"
    );
    let ds = cosignatory::datasets::joint_statements();
    let d = |s: &str| s.parse().unwrap();
    let view = ds.view().between(d("2020-01-01"), d("2024-12-31"));
    // The CLI's single window is --from..--to.
    let window = Window::new(d("2020-01-01"), d("2024-12-31"));
    let fit = estimate_windows(
        &view,
        &[window],
        &IdealOptions {
            model: IdealModel::Binary,
            ..Default::default()
        },
    )
    .unwrap();
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), fit.estimates.len());
    let e = &fit.estimates[0];
    assert_eq!(
        rows[0],
        format!(
            "{},{},{},{},,,,{}",
            e.actor, window.start, window.end, e.ideal, e.n
        )
    );
}

#[test]
fn bootstrap_fills_se_and_intervals_and_json_has_everything() {
    let args = [
        "ideal",
        "--model",
        "binary",
        "--from",
        "2022-01-01",
        "--to",
        "2024-12-31",
        "--bootstrap",
        "5",
        "--seed",
        "3",
    ];
    let csv = stdout_of(cosignatory().args(args).args(["--format", "csv"]));
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row.len(), 8);
    let (se, lo, hi): (f64, f64, f64) = (
        row[4].parse().unwrap(),
        row[5].parse().unwrap(),
        row[6].parse().unwrap(),
    );
    assert!(se > 0.0 && lo <= hi);
    let json = json_of(cosignatory().args(args).args(["--format", "json"]));
    assert_eq!(json["model"], "binary");
    assert_eq!(json["bootstrap"]["replicates"], 5);
    assert!(json["fits"][0]["iterations"].as_u64().unwrap() >= 1);
    let table = stdout_of(cosignatory().args(args));
    assert!(
        table.contains("anchor USA (the default) is positive"),
        "{table}"
    );
    assert!(table.contains("unanimous item(s)"), "{table}");
    let _ = BootstrapOptions::default();
}

#[test]
fn bad_arguments_exit_2_and_bad_anchors_are_named() {
    for bad in [
        vec!["ideal", "--omega", "0"],
        vec!["ideal", "--omega", "-1"],
        vec!["ideal", "--model", "probit"],
        vec!["ideal", "--bootstrap", "1"],
    ] {
        cosignatory().args(&bad).assert().code(2);
    }
    let out = cosignatory()
        .args(["ideal", "--anchor", "USX"])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("USA"), "{err}");
}

#[test]
fn plot_ideal_draws_one_line_per_actor() {
    let svg = stdout_of(cosignatory().args([
        "plot",
        "ideal",
        "--actors",
        "USA,FRA",
        "--model",
        "binary",
        "--from",
        "2020-01-01",
        "--to",
        "2024-12-31",
        "--bootstrap",
        "4",
    ]));
    assert!(svg.starts_with("<svg"), "{}", &svg[..100.min(svg.len())]);
    assert!(svg.contains("USA") && svg.contains("FRA"));
    assert!(svg.contains("bootstrap band") && svg.contains("<polygon"));
    assert!(svg.contains("<polyline"));
    cosignatory()
        .args(["plot", "ideal", "--actors", "USX"])
        .assert()
        .code(1);
}
