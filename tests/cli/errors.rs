//! Bad input fails with a located message and the right exit code (2 for usage, 1 for data);
//! `--help` of every command shows an example.

use crate::support::{STATEMENTS, arg, cosignatory, folder, folder_with};
use predicates::str::contains;

#[test]
fn missing_data_path() {
    cosignatory()
        .args(["summary", "/no/such/place"])
        .assert()
        .code(1)
        .stderr(contains(
            "/no/such/place: no such dataset folder or JSON file",
        ));
}

#[test]
fn bad_date_on_the_command_line_is_a_usage_error() {
    cosignatory()
        .args(["summary", "--from", "2020-13-01"])
        .assert()
        .code(2)
        .stderr(contains("expected YYYY-MM-DD"));
    cosignatory()
        .args(["summary", "--from", "2021-01-01", "--to", "2020-01-01"])
        .assert()
        .code(2)
        .stderr(contains("--from 2021-01-01 is after --to 2020-01-01"));
}

#[test]
fn bad_date_in_the_data_names_file_line_field_and_value() {
    let (_dir, data) = folder_with(&STATEMENTS.replace("2020-03-01", "2020-02-30"));
    cosignatory()
        .args(["summary", arg(&data)])
        .assert()
        .code(1)
        .stderr(contains("statements.csv:3: field `date` = \"2020-02-30\""));
    // Lenient: the row is skipped, reported on stderr, and the rest is used.
    let assert = cosignatory()
        .args(["summary", arg(&data), "--lenient", "--format", "json"])
        .assert()
        .success()
        .stderr(contains("skipped: "))
        .stderr(contains("statements.csv:3"));
    let doc: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(doc["statements"], 4);
}

#[test]
fn unknown_actor_in_the_data() {
    let (_dir, data) = folder();
    let sigs = data.join("signatures.csv");
    let text = std::fs::read_to_string(&sigs).unwrap() + "s5,ZZZ\n";
    std::fs::write(&sigs, text).unwrap();
    cosignatory()
        .args(["graph", arg(&data)])
        .assert()
        .code(1)
        .stderr(contains("signatures.csv:14: field `actor` = \"ZZZ\""));
}

#[test]
fn unknown_actor_on_the_command_line_suggests_ids() {
    cosignatory()
        .args(["align", "--pairs", "USA:GRB"])
        .assert()
        .code(1)
        .stderr(contains("unknown actor `GRB` (did you mean"))
        .stderr(contains("GBR"));
    cosignatory()
        .args(["align", "--actor", "usa"])
        .assert()
        .code(1)
        .stderr(contains("did you mean USA?"));
}

#[test]
fn malformed_options_are_usage_errors() {
    for args in [
        &["align", "--pairs", "USA-GBR"][..],
        &["align", "--measure", "kappa"],
        &["align", "--window", "3w"],
        &["align", "--ci", "95"],
        &["align", "--universe", "members:"],
        &["summary", "--bloc-mode", "merge"],
        &["graph", "--weight", "pmi"],
    ] {
        cosignatory().args(args).assert().code(2);
    }
}

#[test]
fn warnings_for_filters_that_match_nothing() {
    let (_dir, data) = folder();
    // A value that matches nothing beside one that matches: a warning, the view stays.
    let out = cosignatory()
        .args([
            "summary",
            arg(&data),
            "--kind",
            "communique,joint_letter",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stderr(contains("no statement in the data has kind `communique`"))
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["statements"], 1);
    // A filter that empties the view is a usage error (issue 18, item 2).
    cosignatory()
        .args(["summary", arg(&data), "--topic", "space"])
        .assert()
        .code(2)
        .stderr(contains("`topic` = \"space\""));
}

#[test]
fn every_help_has_an_example() {
    let commands: [&[&str]; 11] = [
        &[],
        &["summary"],
        &["graph"],
        &["cluster"],
        &["align"],
        &["cohesion"],
        &["timeline"],
        &["plot"],
        &["plot", "series"],
        &["plot", "heatmap"],
        &["plot", "network"],
    ];
    for c in commands {
        let mut cmd = cosignatory();
        cmd.args(c).arg("--help");
        let out = cmd.assert().success().get_output().stdout.clone();
        let help = String::from_utf8(out).unwrap();
        let first = c.first().copied().unwrap_or("summary");
        assert!(
            help.contains("Example") && help.contains(&format!("cosignatory {first}")),
            "{c:?}: {help}"
        );
    }
}
