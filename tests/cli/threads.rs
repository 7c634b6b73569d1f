//! `--threads N`: every command prints the same bytes at 1, 2 and 4 threads (the work split
//! changes, the seeds and the order of results do not).

use crate::support::cosignatory;

fn output(threads: &str, args: &[&str]) -> String {
    let out = cosignatory()
        .args(["--threads", threads])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cosignatory --threads {threads} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn same_at_every_thread_count(args: &[&str]) {
    let one = output("1", args);
    assert!(!one.is_empty(), "{args:?} printed nothing");
    for threads in ["2", "4"] {
        // The report quotes the command that made it, `--threads N` included.
        let quoted = format!("--threads {threads} ");
        assert_eq!(
            output(threads, args).replace(&quoted, "--threads 1 "),
            one,
            "{args:?} differs at {threads} threads"
        );
    }
}

#[test]
fn summary_and_graph() {
    same_at_every_thread_count(&["summary", "--format", "json"]);
    same_at_every_thread_count(&["graph", "--format", "csv", "--backbone", "disparity"]);
}

#[test]
fn cluster_best_of_runs_and_consensus() {
    same_at_every_thread_count(&["cluster", "--runs", "24", "--seed", "7", "--format", "json"]);
    same_at_every_thread_count(&[
        "cluster",
        "--algorithm",
        "louvain",
        "--runs",
        "9",
        "--format",
        "csv",
    ]);
    same_at_every_thread_count(&[
        "cluster",
        "--consensus",
        "--runs",
        "12",
        "--seed",
        "3",
        "--format",
        "json",
    ]);
}

#[test]
fn align_windows_and_bootstrap() {
    same_at_every_thread_count(&["align", "--window", "1y", "--format", "csv"]);
    same_at_every_thread_count(&[
        "align",
        "--actor",
        "USA",
        "--window",
        "3y",
        "--ci",
        "0.9",
        "--bootstrap",
        "200",
        "--seed",
        "5",
        "--format",
        "csv",
    ]);
}

#[test]
fn cohesion_and_timeline() {
    same_at_every_thread_count(&["cohesion", "--bloc", "EU", "--format", "csv"]);
    for smoothing in ["independent", "warm-start", "multislice"] {
        same_at_every_thread_count(&[
            "timeline",
            "--window",
            "2y",
            "--step",
            "1y",
            "--smoothing",
            smoothing,
            "--format",
            "json",
        ]);
    }
}

#[test]
fn ideal_points_with_bootstrap() {
    same_at_every_thread_count(&[
        "ideal",
        "--model",
        "binary",
        "--window",
        "3y",
        "--bootstrap",
        "10",
        "--format",
        "csv",
    ]);
}

#[test]
fn backbones_with_null_samples() {
    same_at_every_thread_count(&[
        "graph",
        "--backbone",
        "fdsm",
        "--samples",
        "200",
        "--format",
        "csv",
    ]);
    same_at_every_thread_count(&[
        "graph",
        "--backbone",
        "sdsm",
        "--tail",
        "both",
        "--format",
        "csv",
    ]);
}

#[test]
fn cluster_edge_list_and_significance() {
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("edges.csv");
    std::fs::write(&edges, output("1", &["graph", "--format", "csv"])).unwrap();
    let edges = edges.to_str().unwrap();
    same_at_every_thread_count(&[
        "cluster", "--edges", edges, "--runs", "6", "--format", "json",
    ]);
    same_at_every_thread_count(&[
        "cluster",
        "--significance",
        "8",
        "--seed",
        "2",
        "--format",
        "json",
    ]);
}

#[test]
fn plots_and_report() {
    same_at_every_thread_count(&[
        "plot",
        "series",
        "--pairs",
        "USA:GBR,FRA:DEU",
        "--window",
        "2y",
        "--ci",
        "0.9",
        "--bootstrap",
        "50",
        "--seed",
        "4",
    ]);
    same_at_every_thread_count(&["plot", "heatmap", "--top", "40"]);
    same_at_every_thread_count(&["plot", "network", "--seed", "1"]);
    same_at_every_thread_count(&[
        "plot",
        "ideal",
        "--actors",
        "USA,RUS,CHN",
        "--model",
        "binary",
        "--window",
        "3y",
        "--bootstrap",
        "10",
    ]);
    same_at_every_thread_count(&[
        "report",
        "--window",
        "3y",
        "--bootstrap",
        "20",
        "--null-samples",
        "4",
        "--seed",
        "3",
        "--title",
        "threads",
    ]);
}

#[test]
fn projection_of_many_actors() {
    // Above 1,024 actors the projection's rows are split between threads.
    let ds = cosignatory::synth::planted(&cosignatory::synth::PlantedOptions {
        actors: 1_500,
        coalitions: 6,
        statements: 3_000,
        seed: 5,
        ..Default::default()
    })
    .unwrap()
    .dataset;
    let dir = tempfile::tempdir().unwrap();
    cosignatory::io::write_csv_folder(&ds, dir.path()).unwrap();
    let data = dir.path().to_str().unwrap();
    same_at_every_thread_count(&["graph", data, "--weight", "jaccard", "--format", "csv"]);
    same_at_every_thread_count(&["cluster", data, "--format", "csv"]);
}

#[test]
fn zero_threads_is_a_usage_error() {
    let out = cosignatory()
        .args(["--threads", "0", "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
