//! `cosignatory cluster` on datasets and on plain edge lists.

use crate::support::{arg, cosignatory, folder, json_of, stdout_of};
use predicates::str::contains;
use serde_json::Value;

const KEYS: [&str; 7] = [
    "algorithm",
    "quality_function",
    "resolution",
    "seed",
    "quality",
    "modularity",
    "communities",
];

fn communities(doc: &Value) -> Vec<Vec<String>> {
    serde_json::from_value(doc["communities"].clone()).expect("a list of id lists")
}

/// Cliques Z1-Z4, M1-M3 and A1-A2 joined by weak ties: sizes 4, 3, 2 in the opposite of
/// their id order, so the output order shows the sort by size.
const TIES: &str = "\
source,target,weight
Z1,Z2,5
Z1,Z3,5
Z1,Z4,5
Z2,Z3,5
Z2,Z4,5
Z3,Z4,5
M1,M2,5
M1,M3,5
M2,M3,5
A1,A2,5
Z1,M1,0.1
M1,A1,0.1
";

#[test]
fn json_has_the_documented_keys_in_order() {
    let (_dir, data) = folder();
    let out =
        stdout_of(cosignatory().args(["cluster", arg(&data), "--seed", "3", "--format", "json"]));
    let positions: Vec<usize> = KEYS
        .iter()
        .map(|k| {
            out.find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("key {k} missing"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "key order: {out}"
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc.as_object().unwrap().len(), KEYS.len());
    assert_eq!(doc["algorithm"], "leiden");
    assert_eq!(doc["quality_function"], "modularity");
    assert_eq!(doc["resolution"], 1.0);
    assert_eq!(doc["seed"], 3);
    assert_eq!(doc["quality"], doc["modularity"]);
    // Two groups of three: equal sizes, so ordered by first id.
    assert_eq!(
        communities(&doc),
        [["AAA", "BBB", "CCC"], ["DDD", "EEE", "FFF"]]
    );
}

#[test]
fn edge_list_communities_sorted_by_size_then_first_id() {
    let dir = tempfile::tempdir().unwrap();
    let ties = dir.path().join("ties.csv");
    std::fs::write(&ties, TIES).unwrap();
    for algorithm in ["leiden", "louvain", "label-propagation", "hierarchical"] {
        let doc = json_of(cosignatory().args([
            "cluster",
            "--edges",
            arg(&ties),
            "--algorithm",
            algorithm,
            "--format",
            "json",
        ]));
        assert_eq!(
            communities(&doc),
            vec![
                vec!["Z1", "Z2", "Z3", "Z4"],
                vec!["M1", "M2", "M3"],
                vec!["A1", "A2"]
            ],
            "{algorithm}"
        );
        assert_eq!(doc["algorithm"], algorithm);
        let q = doc["modularity"].as_f64().unwrap();
        assert!(q > 0.5 && q < 1.0, "{algorithm}: {q}");
    }
}

#[test]
fn best_of_runs_consensus_and_cpm() {
    let one = json_of(cosignatory().args(["cluster", "--seed", "5", "--format", "json"]));
    let best =
        json_of(cosignatory().args(["cluster", "--seed", "5", "--runs", "4", "--format", "json"]));
    // Seeds 5..8 include seed 5, so the best of four is at least as good.
    assert!(best["quality"].as_f64().unwrap() >= one["quality"].as_f64().unwrap());
    let cons = json_of(cosignatory().args([
        "cluster",
        "--consensus",
        "--runs",
        "8",
        "--seed",
        "1",
        "--format",
        "json",
    ]));
    assert!(communities(&cons).len() >= 2);
    let cpm = json_of(cosignatory().args([
        "cluster",
        "--quality",
        "cpm",
        "--resolution",
        "0.05",
        "--format",
        "json",
    ]));
    assert_eq!(cpm["quality_function"], "cpm");
    assert_eq!(cpm["resolution"], 0.05);
    // Every actor of the graph appears exactly once: as many distinct actors as the default
    // (modularity) clustering of the same graph has.
    let mut ids: Vec<String> = communities(&cpm).concat();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    let default = json_of(cosignatory().args(["cluster", "--format", "json"]));
    let mut all: Vec<String> = communities(&default).concat();
    all.sort();
    assert_eq!(ids, all);
}

#[test]
fn csv_and_table_output() {
    let (_dir, data) = folder();
    let csv = stdout_of(cosignatory().args(["cluster", arg(&data), "--format", "csv"]));
    assert_eq!(
        csv,
        "actor,community\nAAA,1\nBBB,1\nCCC,1\nDDD,2\nEEE,2\nFFF,2\n"
    );
    let table = stdout_of(cosignatory().args(["cluster", arg(&data)]));
    assert!(
        table.contains("Community 1 (3 members)\n  AAA BBB CCC"),
        "{table}"
    );
}

#[test]
fn bad_edge_rows_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let ties = dir.path().join("ties.csv");
    std::fs::write(&ties, "source,target,weight\nA,B,1\nA,C,abc\n,C,2\n").unwrap();
    cosignatory()
        .args(["cluster", "--edges", arg(&ties)])
        .assert()
        .code(1)
        .stderr(contains("ties.csv:3: field `weight` = \"abc\""))
        .stderr(contains("ties.csv:4: field `source`"));
    let missing = dir.path().join("nope.csv");
    cosignatory()
        .args(["cluster", "--edges", arg(&missing)])
        .assert()
        .code(1)
        .stderr(contains("nope.csv"));
}

#[test]
fn usage_errors_exit_2() {
    cosignatory()
        .args(["cluster", "--algorithm", "hierarchical", "--consensus"])
        .assert()
        .code(2)
        .stderr(contains("--consensus needs a randomised algorithm"));
    cosignatory()
        .args(["cluster", "--algorithm", "walktrap"])
        .assert()
        .code(2);
}
