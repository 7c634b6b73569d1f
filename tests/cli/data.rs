//! `cosignatory summary` and `cosignatory graph` on the bundled data and a small CSV folder.

use crate::support::{arg, cosignatory, folder, json_of, stdout_of};
use cosignatory::graph::{ProjectionOptions, Weighting, project};

#[test]
fn summary_of_a_folder_as_json() {
    let (_dir, data) = folder();
    let s = json_of(cosignatory().args(["summary", arg(&data), "--format", "json"]));
    assert_eq!(s["statements"], 5);
    assert_eq!(s["signatures"], 12);
    assert_eq!(s["actors"], 6);
    assert_eq!(s["first_date"], "2020-01-10");
    assert_eq!(s["last_date"], "2021-09-01");
    assert_eq!(s["per_year"]["2020"], 2);
    assert_eq!(s["per_year"]["2021"], 3);
    assert_eq!(s["per_kind"]["joint_statement"], 3);
    assert_eq!(s["top_signatories"][0]["id"], "DDD");
    assert_eq!(s["top_signatories"][0]["statements"], 3);
    assert_eq!(s["blocs"][0]["id"], "BLC");
    assert_eq!(s["blocs"][0]["members"], 3);
}

#[test]
fn summary_filters_apply() {
    let (_dir, data) = folder();
    let count = |extra: &[&str]| {
        let mut c = cosignatory();
        c.args(["summary", arg(&data), "--format", "json"])
            .args(extra);
        json_of(&mut c)["statements"].as_u64().unwrap()
    };
    assert_eq!(count(&["--kind", "joint_statement"]), 3);
    assert_eq!(count(&["--kind", "joint_letter,declaration"]), 2);
    assert_eq!(count(&["--topic", "health"]), 2);
    assert_eq!(count(&["--from", "2021-01-01"]), 3);
    assert_eq!(count(&["--from", "2020-02-01", "--to", "2021-03-01"]), 2);
}

#[test]
fn summary_of_the_bundled_data() {
    let ds = cosignatory::datasets::joint_statements();
    let table = stdout_of(cosignatory().arg("summary"));
    assert!(table.contains(&format!("statements  {}", ds.statements().len())));
    assert!(table.contains("Top 10 signatories"));
    let csv = stdout_of(cosignatory().args(["summary", "--format", "csv"]));
    assert!(csv.starts_with("section,key,name,value\n"));
    assert!(csv.contains(&format!("total,statements,,{}\n", ds.statements().len())));
}

#[test]
fn graph_edges_as_csv() {
    let (_dir, data) = folder();
    let csv = stdout_of(cosignatory().args(["graph", arg(&data), "--format", "csv"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "source,target,weight,count");
    // Newman: s1 (3 signatories) adds 1/2, s2 (2 signatories) adds 1.
    assert!(lines.contains(&"AAA,BBB,1.5,2"), "{csv}");
    assert!(lines.contains(&"CCC,DDD,1,1"), "{csv}");
    assert_eq!(lines.len(), 1 + 7);
    let count = stdout_of(cosignatory().args([
        "graph",
        arg(&data),
        "--weight",
        "count",
        "--format",
        "csv",
    ]));
    assert!(count.contains("AAA,BBB,2,2\n"));
}

#[test]
fn graph_of_the_bundled_data_as_json_and_backbone() {
    let ds = cosignatory::datasets::joint_statements();
    let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Jaccard)).unwrap();
    let doc = json_of(cosignatory().args(["graph", "--weight", "jaccard", "--format", "json"]));
    assert_eq!(doc["nodes"].as_array().unwrap().len(), g.node_count());
    assert_eq!(doc["edges"].as_array().unwrap().len(), g.edge_count());
    let backbone = json_of(cosignatory().args([
        "graph",
        "--weight",
        "jaccard",
        "--backbone",
        "disparity",
        "--alpha",
        "0.05",
        "--format",
        "json",
    ]));
    let kept = backbone["edges"].as_array().unwrap().len();
    assert!(kept > 0 && kept < g.edge_count(), "{kept}");
    let table = stdout_of(cosignatory().args(["graph", "--top", "3"]));
    assert!(table.contains("Strongest 3 edges"), "{table}");
}

#[test]
fn graph_writes_to_a_file() {
    let (dir, data) = folder();
    let out = dir.path().join("edges.csv");
    cosignatory()
        .args(["graph", arg(&data), "--format", "csv", "--out", arg(&out)])
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("source,target,weight,count\n"));
}

#[test]
fn graph_exports_every_format_with_coalitions() {
    let (_dir, data) = folder();
    let gexf =
        stdout_of(cosignatory().args(["graph", arg(&data), "--format", "gexf", "--coalitions"]));
    assert!(
        gexf.contains("<gexf") && gexf.contains("coalition"),
        "{gexf}"
    );
    let graphml = stdout_of(cosignatory().args(["graph", arg(&data), "--format", "graphml"]));
    assert!(graphml.contains("<graphml") && graphml.contains("\"AAA\""));
    let dot = stdout_of(cosignatory().args(["graph", arg(&data), "--format", "dot"]));
    assert!(dot.starts_with("graph") || dot.contains("graph "), "{dot}");
    let nodes = stdout_of(cosignatory().args([
        "graph",
        arg(&data),
        "--format",
        "csv-nodes",
        "--coalitions",
        "--seed",
        "4",
    ]));
    let lines: Vec<&str> = nodes.lines().collect();
    assert_eq!(lines[0], "id,name,kind,statements,coalition");
    // The two groups of the small folder get two coalitions.
    let coalition = |id: &str| {
        let row = lines
            .iter()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap();
        row.rsplit(',').next().unwrap().to_string()
    };
    assert_eq!(coalition("AAA"), coalition("CCC"));
    assert_eq!(coalition("DDD"), coalition("FFF"));
    assert_ne!(coalition("AAA"), coalition("DDD"));
}
