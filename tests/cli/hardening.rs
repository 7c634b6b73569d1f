//! Issue 21: hostile arguments are usage errors (exit 2) found before any data is read, and
//! `cluster --edges` honours `--lenient` and refuses the options that only apply to a dataset.

use crate::support::{arg, cosignatory, folder};
use predicates::prelude::*;
use predicates::str::contains;

/// Every (command line, part of the message) exits 2 with that message.
fn usage_errors(cases: &[(&[&str], &str)]) {
    for (args, message) in cases {
        cosignatory()
            .args(*args)
            .assert()
            .code(2)
            .stderr(contains(*message));
    }
}

#[test]
fn bad_numeric_arguments_exit_2() {
    let (_dir, data) = folder();
    let d = arg(&data);
    usage_errors(&[
        (&["cluster", d, "--resolution=-1"], "is not a resolution"),
        (
            &["cluster", d, "--resolution", "nan"],
            "is not a resolution",
        ),
        (
            &["cluster", d, "--resolution", "inf"],
            "is not a resolution",
        ),
        (&["timeline", d, "--resolution=-0.5"], "is not a resolution"),
        (
            &["align", d, "--pairs", "AAA:BBB", "--bootstrap", "0"],
            "bootstrap replicates from 1 to",
        ),
        (
            &[
                "align",
                d,
                "--pairs",
                "AAA:BBB",
                "--bootstrap",
                "4294967295",
            ],
            "bootstrap replicates from 1 to 10000000",
        ),
        (
            &["graph", d, "--backbone", "disparity", "--alpha", "2"],
            "is not a significance level",
        ),
        (
            &["plot", "network", d, "--alpha", "0", "--out", "x.svg"],
            "is not a significance level",
        ),
        (
            &["cluster", d, "--algorithm", "hierarchical", "--k", "0"],
            "number of clusters of at least 1",
        ),
        (
            &[
                "timeline",
                d,
                "--smoothing",
                "multislice",
                "--coupling",
                "nan",
            ],
            "is not an interslice coupling",
        ),
        (
            &[
                "timeline", d, "--window", "2y", "--step", "1y", "--gexf", "t.gexf",
            ],
            "--gexf needs windows that do not overlap",
        ),
    ]);
}

#[test]
fn cluster_edges_refuses_dataset_options_and_honours_lenient() {
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("edges.csv");
    std::fs::write(&edges, "source,target,weight\nA,B,1\nB,C,x\nC,A,2\n").unwrap();
    let e = arg(&edges);
    for extra in [
        &["--weight", "jaccard"][..],
        &["--signed"],
        &["--from", "2020-01-01"],
        &["--to", "2020-01-01"],
        &["--kind", "declaration"],
        &["--topic", "trade"],
        &["--bloc-mode", "expand"],
        &["--votes"],
    ] {
        let mut args = vec!["cluster", "--edges", e];
        args.extend_from_slice(extra);
        cosignatory()
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains("cannot be used with"));
    }
    // Strict: the bad weight fails the load; lenient: it is skipped and reported.
    cosignatory()
        .args(["cluster", "--edges", e])
        .assert()
        .code(1)
        .stderr(contains("edges.csv:3: field `weight` = \"x\""));
    cosignatory()
        .args(["cluster", "--edges", e, "--lenient", "--format", "csv"])
        .assert()
        .success()
        .stderr(contains("skipped: "))
        .stderr(contains("edges.csv:3: field `weight`"))
        .stdout(contains("C,"));
}

#[test]
fn weights_whose_total_overflows_are_an_error_never_nan() {
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("big.csv");
    std::fs::write(
        &edges,
        "source,target,weight\nA,B,1e308\nB,C,1e308\nC,A,1e308\nC,D,1\n",
    )
    .unwrap();
    for algorithm in ["leiden", "louvain", "hierarchical", "label-propagation"] {
        cosignatory()
            .args([
                "cluster",
                "--edges",
                arg(&edges),
                "--algorithm",
                algorithm,
                "--format",
                "json",
            ])
            .assert()
            .code(1)
            .stdout(predicates::str::contains("NaN").not())
            .stderr(contains("divide the weights by a common factor"));
    }
}

#[test]
fn hierarchical_clustering_refuses_a_graph_beyond_its_dense_limit_before_allocating() {
    // A 20,000-leaf star: the dense matrix would be 1.6 GB (42 s and 6.3 GB before the limit).
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("star.csv");
    let mut text = String::from("source,target\n");
    for i in 0..20_000 {
        text.push_str(&format!("hub,n{i}\n"));
    }
    std::fs::write(&edges, text).unwrap();
    let start = std::time::Instant::now();
    cosignatory()
        .args([
            "cluster",
            "--edges",
            arg(&edges),
            "--algorithm",
            "hierarchical",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "20001 items would need 1.6 GB; at most 10000 items",
        ));
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    // The library refuses the same for any dense matrix.
    let e = cosignatory::cluster::DistanceMatrix::from_fn(10_001, |_, _| 1.0).unwrap_err();
    assert!(matches!(
        e,
        cosignatory::cluster::ClusterError::TooLargeForDense {
            items: 10_001,
            limit: 10_000,
            ..
        }
    ));
}

#[test]
fn a_statement_on_the_last_representable_day_is_windowed_or_refused_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("far.json");
    let sig = |s: &str, a: &str| format!(r#"{{"statement":"{s}","actor":"{a}","position":"yes"}}"#);
    std::fs::write(
        &json,
        format!(
            r#"{{"statements":[{{"id":"s1","date":"2020-01-01","kind":"joint_statement"}},{{"id":"s2","date":"+262142-12-31","kind":"joint_statement"}}],"signatures":[{},{},{},{}]}}"#,
            sig("s1", "USA"),
            sig("s1", "GBR"),
            sig("s2", "USA"),
            sig("s2", "GBR")
        ),
    )
    .unwrap();
    let j = arg(&json);
    // JSON dates follow the CSV schema (YYYY-MM-DD, issue 18 item 1): the far date is a
    // located data error (exit 1), never a panic (101), whatever the window. Windows ending
    // on the last representable day are covered by the `time` unit tests.
    for args in [
        &[
            "align", j, "--pairs", "USA:GBR", "--window", "1y", "--format", "csv",
        ][..],
        &["align", j, "--pairs", "USA:GBR", "--window", "2y"],
        &["timeline", j, "--window", "2y"],
    ] {
        cosignatory()
            .args(args)
            .assert()
            .code(1)
            .stderr(contains("statements[1].date"));
    }
}

/// A folder whose one statement is signed by actors with the given ids.
fn signed_by(ids: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("statements.csv"), "id,date\ns1,2020-01-01\n").unwrap();
    let mut sigs = String::from("statement,actor\n");
    for id in ids {
        // Quoted, so that `"` and `,` in ids survive.
        sigs.push_str(&format!("s1,\"{}\"\n", id.replace('"', "\"\"")));
    }
    std::fs::write(data.join("signatures.csv"), sigs).unwrap();
    (dir, data)
}

/// Parses the whole document with quick-xml; panics if it is not well-formed.
fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed at {}: {e}\n{xml}",
                reader.buffer_position()
            ),
        }
    }
}

#[test]
fn xml_writers_escape_what_xml_allows_and_refuse_what_it_cannot_carry() {
    // Escapable: every writer's output parses and carries the ids.
    let (_dir, data) = signed_by(&["E&<F>", "G\"H'", "é中"]);
    for format in ["graphml", "gexf"] {
        let out = cosignatory()
            .args(["graph", arg(&data), "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert_well_formed(&text);
        assert!(text.contains("E&amp;&lt;F&gt;"), "{format}: {text}");
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("n.svg");
    cosignatory()
        .args(["plot", "network", arg(&data), "--out", arg(&svg)])
        .assert()
        .success();
    assert_well_formed(&std::fs::read_to_string(&svg).unwrap());
    // Not carriable (U+FFFE, a control character): every writer refuses, naming the id.
    for bad in ["A\u{fffe}B", "C\u{1}D"] {
        let (_dir, data) = signed_by(&[bad, "OK"]);
        for format in ["graphml", "gexf", "dot", "json", "csv"] {
            cosignatory()
                .args(["graph", arg(&data), "--format", format])
                .assert()
                .code(1)
                .stderr(contains(format!("actor id {bad:?} contains")));
        }
        for plot in [
            &["network"][..],
            &["heatmap"],
            &["series", "--pairs", "OK:x"],
        ] {
            let pair = format!("OK:{bad}");
            let args: Vec<&str> = plot
                .iter()
                .map(|a| if *a == "OK:x" { pair.as_str() } else { a })
                .collect();
            cosignatory()
                .arg("plot")
                .args(&args)
                .args([arg(&data), "--out", arg(&svg)])
                .assert()
                .code(1)
                .stderr(contains("cannot be written as SVG"))
                // The label, which is the pair's for the series plot ("OK–A\u{fffe}B").
                .stderr(contains(bad.escape_debug().to_string()));
        }
        // The report is HTML, which cannot carry them either (nor C1 controls or any
        // noncharacter): refused with the text they are in, not silently replaced (issue 21).
        let html = dir.path().join("r.html");
        cosignatory()
            .args(["report", arg(&data), "--out", arg(&html)])
            .assert()
            .code(1)
            .stderr(contains("the report cannot be written as HTML"))
            .stderr(contains(format!("{bad:?} contains U+")));
    }
    // ... and escapes what it can carry.
    let (_dir, data) = signed_by(&["E&<F>", "G\"H'", "é中", "I\u{85}J"]);
    let html = dir.path().join("r.html");
    cosignatory()
        .args(["report", arg(&data), "--out", arg(&html)])
        .assert()
        .code(1)
        .stderr(contains("\"I\\u{85}J\" contains U+0085"));
    let (_dir, data) = signed_by(&["E&<F>", "G\"H'", "é中"]);
    cosignatory()
        .args(["report", arg(&data), "--out", arg(&html)])
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("E&amp;&lt;F&gt;") && !page.contains("E&<F>"));
}

/// One statement signed by `n` actors A0000, A0001, ...
fn one_big_statement(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let ids: Vec<String> = (0..n).map(|i| format!("A{i:04}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    signed_by(&refs)
}

#[test]
fn timeline_computes_betweenness_only_when_the_output_shows_it() {
    // 1,500 signatories: betweenness (O(n m) per window) took about a minute here in a debug
    // build before, for a table that does not show it; about 2 s without it.
    let (_dir, data) = one_big_statement(1_500);
    let start = std::time::Instant::now();
    cosignatory()
        .args(["timeline", arg(&data)])
        .assert()
        .success();
    let took = start.elapsed();
    assert!(took.as_secs() < 30, "timeline took {took:?}");
    // The memberships table still has it (on a smaller statement).
    let (_dir, data) = one_big_statement(40);
    let csv = crate::support::stdout_of(cosignatory().args([
        "timeline",
        arg(&data),
        "--format",
        "csv",
        "--table",
        "memberships",
    ]));
    let header = csv.lines().next().unwrap();
    assert!(header.contains("betweenness"), "{header}");
    let row = csv.lines().nth(1).unwrap();
    assert!(!row.ends_with(','), "betweenness computed: {row}");
}

#[test]
fn plot_network_draws_a_bounded_number_of_edges_and_says_so() {
    // 400 signatories: 79,800 edges, drawn as the strongest 5,000.
    let (dir, data) = one_big_statement(400);
    let svg = dir.path().join("n.svg");
    cosignatory()
        .args(["plot", "network", arg(&data), "--out", arg(&svg)])
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.len() < 3_000_000, "{} bytes", text.len());
    assert!(text.contains("the strongest 5000 of 79800 edges drawn"));
}

#[test]
fn a_window_spec_that_would_make_too_many_windows_is_refused_before_any_is_made() {
    // 0001-01 to 9999-12 is 119,988 months: over the limit of 50,000 windows for `--window 1m`
    // (issue 21). Every command that takes `--window` refuses it as a usage error (exit 2)
    // naming the count and the limit, at once.
    let (_dir, data) = crate::support::folder_with(
        "id,date,title,kind,topics\n\
         s1,0001-01-10,First,joint_statement,trade\n\
         s2,2020-03-01,Second,joint_statement,trade\n\
         s3,2021-02-01,Third,joint_letter,health\n\
         s4,2021-06-01,Fourth,declaration,health\n\
         s5,9999-12-31,Fifth,joint_statement,trade\n",
    );
    let d = arg(&data);
    let html = data.parent().unwrap().join("report.html");
    for args in [
        &["align", d, "--window", "1m", "--format", "csv"][..],
        &["timeline", d, "--window", "1m"],
        &["cohesion", d, "--bloc", "BLC", "--window", "1m"],
        &[
            "plot", "series", d, "--pairs", "AAA:BBB", "--window", "1m", "--out",
        ],
        &["ideal", d, "--window", "1m"],
        &["report", d, "--window", "1m", "--out", arg(&html)],
    ] {
        let mut cmd = cosignatory();
        cmd.args(args);
        if args.last() == Some(&"--out") {
            cmd.arg(data.parent().unwrap().join("series.svg"));
        }
        cmd.assert().code(2).stderr(contains(
            "would make 119988 windows, more than the limit of 50000",
        ));
    }
    // Yearly windows keep the count under the limit (9,999).
    cosignatory()
        .args([
            "align", d, "--pairs", "AAA:BBB", "--window", "1y", "--format", "csv",
        ])
        .assert()
        .success();
}
