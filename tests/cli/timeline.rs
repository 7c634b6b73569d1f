//! `cosignatory timeline`: coalitions tracked across windows.

use crate::support::{arg, cosignatory, folder, json_of, stdout_of};

#[test]
fn two_groups_tracked_over_two_years() {
    let (_dir, data) = folder();
    let doc = json_of(cosignatory().args(["timeline", arg(&data), "--format", "json"]));
    let windows = doc["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 2);
    assert_eq!(windows[0]["window"]["start"], "2020-01-01");
    assert_eq!(windows[1]["window"]["end"], "2021-12-31");
    assert_eq!(windows[0]["statements"], 2);
    assert_eq!(windows[1]["statements"], 3);
    let table = stdout_of(cosignatory().args(["timeline", arg(&data)]));
    assert!(
        table.contains("2020-01-01 to 2020-12-31: 2 statements, 3 actors"),
        "{table}"
    );
    assert!(
        table.contains("2021-01-01 to 2021-12-31: 3 statements, 4 actors"),
        "{table}"
    );
    assert!(table.contains("born"), "{table}");
}

#[test]
fn csv_tables_and_windows() {
    let coalitions =
        stdout_of(cosignatory().args(["timeline", "--window", "2y", "--format", "csv"]));
    assert!(
        coalitions.starts_with("window,start,end,coalition,size,members\n"),
        "{coalitions}"
    );
    let events = stdout_of(cosignatory().args([
        "timeline", "--window", "2y", "--format", "csv", "--table", "events",
    ]));
    assert!(
        events.starts_with("window,start,end,event,coalition"),
        "{events}"
    );
    assert!(events.contains(",birth,"));
    let multislice = json_of(cosignatory().args([
        "timeline",
        "--window",
        "3y",
        "--smoothing",
        "multislice",
        "--coupling",
        "0.5",
        "--format",
        "json",
    ]));
    assert!(multislice["multislice_quality"].as_f64().is_some());
}

#[test]
fn dynamic_gexf_for_gephi() {
    let (dir, data) = folder();
    let gexf = dir.path().join("timeline.gexf");
    cosignatory()
        .args([
            "timeline",
            arg(&data),
            "--format",
            "csv",
            "--gexf",
            arg(&gexf),
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(&gexf).unwrap();
    assert!(text.contains(r#"mode="dynamic""#), "{text}");
    assert!(text.contains(r#"start="2020-01-01""#) && text.contains(r#"end="2021-12-31""#));
    assert!(text.contains(r#"for="coalition""#));
    // Overlapping windows cannot be spells of one GEXF timeline: a usage error (issue 21),
    // found before the data is read.
    cosignatory()
        .args([
            "timeline",
            "--window",
            "2y",
            "--step",
            "1y",
            "--gexf",
            arg(&gexf),
        ])
        .assert()
        .code(2);
}

#[test]
fn alignment_figures_per_window() {
    let (_dir, data) = folder();
    let csv = stdout_of(cosignatory().args([
        "timeline",
        arg(&data),
        "--measure",
        "jaccard",
        "--format",
        "csv",
        "--table",
        "alignment",
    ]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "window,start,end,measure,coalition,value");
    // 2020: AAA BBB CCC only; Jaccard AB 1, AC 1/2, BC 1/2 (universe all): mean 2/3.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("0,2020-01-01,2020-12-31,jaccard.mean,,0.666666")),
        "{csv}"
    );
    cosignatory()
        .args([
            "timeline",
            arg(&data),
            "--format",
            "csv",
            "--table",
            "alignment",
        ])
        .assert()
        .code(2);
}
