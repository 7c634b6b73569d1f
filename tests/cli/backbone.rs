//! `cosignatory graph --backbone ...`: p-values and signs in every format, every tested pair
//! with `--all-pairs`, and the same coalitions as `plot network` for the same options.

use crate::support::{cosignatory, json_of, stdout_of};
use std::collections::BTreeMap;

fn sdsm_both(format: &str) -> String {
    stdout_of(cosignatory().args([
        "graph",
        "--backbone",
        "sdsm",
        "--tail",
        "both",
        "--format",
        format,
    ]))
}

#[test]
fn backbone_p_values_and_signs_in_every_format() {
    let csv = sdsm_both("csv");
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",p_value,p_lower,sign"), "{header}");
    let signs: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert!(
        signs.contains(&"1") && signs.contains(&"-1"),
        "a signed backbone has both signs"
    );
    let json = json_of(cosignatory().args([
        "graph",
        "--backbone",
        "sdsm",
        "--tail",
        "both",
        "--format",
        "json",
    ]));
    let edges = json["edges"].as_array().unwrap();
    assert_eq!(edges.len(), csv.lines().count() - 1);
    for e in edges {
        let p = e["p_value"].as_f64().unwrap();
        let lower = e["p_lower"].as_f64().unwrap();
        let sign = e["sign"].as_i64().unwrap();
        // Kept at alpha/2 per tail.
        assert!(if sign > 0 { p < 0.025 } else { lower < 0.025 }, "{e}");
        assert_eq!(e["weight"].as_f64().unwrap(), sign as f64);
    }
    let graphml = sdsm_both("graphml");
    for key in ["p_value", "p_lower", "sign"] {
        assert!(
            graphml.contains(&format!("attr.name=\"{key}\"")),
            "graphml {key}"
        );
    }
    let gexf = sdsm_both("gexf");
    for key in ["p_value", "p_lower", "sign"] {
        assert!(gexf.contains(&format!("title=\"{key}\"")), "gexf {key}");
    }
    let dot = sdsm_both("dot");
    assert!(
        dot.contains("p_value=") && (dot.contains("sign=-1") || dot.contains("sign=\"-1\"")),
        "dot"
    );
    // An empty backbone still has the columns (Holm over 15,576 pairs of 41 statements).
    let empty = stdout_of(cosignatory().args([
        "graph",
        "--backbone",
        "sdsm",
        "--tail",
        "both",
        "--correction",
        "holm",
        "--format",
        "csv",
    ]));
    assert_eq!(
        empty.lines().next().unwrap(),
        "source,target,weight,count,together,against,against_count,p_value,p_lower,sign"
    );
    // The graph backbones carry their p-values too (upper tail only).
    let disparity =
        stdout_of(cosignatory().args(["graph", "--backbone", "disparity", "--format", "csv"]));
    assert!(disparity.lines().next().unwrap().ends_with(",p_value,sign"));
}

#[test]
fn all_pairs_lists_every_tested_pair() {
    let all = stdout_of(cosignatory().args([
        "graph",
        "--backbone",
        "sdsm",
        "--format",
        "csv",
        "--all-pairs",
    ]));
    let kept = stdout_of(cosignatory().args(["graph", "--backbone", "sdsm", "--format", "csv"]));
    let mut lines = all.lines();
    assert_eq!(lines.next().unwrap(), "source,target,count,p_value,sign");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    // Every pair of actors with a signature: n(n − 1)/2 rows.
    let mut actors: Vec<&str> = rows.iter().flat_map(|r| [r[0], r[1]]).collect();
    actors.sort();
    actors.dedup();
    let n = actors.len();
    assert_eq!(rows.len(), n * (n - 1) / 2);
    let significant: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r[4] == "1")
        .map(|r| (r[0], r[1]))
        .collect();
    let edges: Vec<(&str, &str)> = kept
        .lines()
        .skip(1)
        .map(|l| {
            let mut f = l.split(',');
            (f.next().unwrap(), f.next().unwrap())
        })
        .collect();
    assert_eq!(significant, edges);
    assert!(
        rows.iter()
            .all(|r| r[4] == "0" || r[3].parse::<f64>().unwrap() < 0.05)
    );
    // Pairs that never co-signed are tested too (p = 1 in the upper tail).
    assert!(rows.iter().any(|r| r[2] == "0" && r[3] == "1"));
}

/// Issue 18, item 4: the same backbone options give the same coalitions in `graph
/// --coalitions` and `plot network`, and actors without a tie are unassigned.
#[test]
fn backbone_coalitions_agree_between_graph_and_plot() {
    for method in ["disparity", "sdsm"] {
        let doc = json_of(cosignatory().args([
            "graph",
            "--backbone",
            method,
            "--coalitions",
            "--seed",
            "3",
            "--format",
            "json",
        ]));
        let mut sizes: BTreeMap<i64, usize> = BTreeMap::new();
        let mut unassigned = 0;
        for node in doc["nodes"].as_array().unwrap() {
            match node.get("coalition").and_then(|c| c.as_i64()) {
                Some(c) => *sizes.entry(c).or_default() += 1,
                None => unassigned += 1,
            }
        }
        assert!(
            sizes.values().all(|&s| s >= 2),
            "{method}: one-member coalitions {sizes:?}"
        );
        // An unassigned actor has no edge in the backbone.
        let mut tied = std::collections::HashSet::new();
        for e in doc["edges"].as_array().unwrap() {
            tied.insert(e["source"].as_str().unwrap().to_string());
            tied.insert(e["target"].as_str().unwrap().to_string());
        }
        assert_eq!(
            unassigned,
            doc["nodes"].as_array().unwrap().len() - tied.len(),
            "{method}"
        );
        let svg =
            stdout_of(cosignatory().args(["plot", "network", "--backbone", method, "--seed", "3"]));
        let expected = format!(
            "{} coalitions, {unassigned} actors without a tie unassigned",
            sizes.len()
        );
        assert!(
            svg.contains(&expected),
            "{method}: plot does not say {expected:?}"
        );
    }
}

#[test]
fn cluster_significance_in_table_csv_and_json() {
    let base = [
        "cluster",
        "--significance",
        "20",
        "--seed",
        "1",
        "--runs",
        "2",
    ];
    let json = json_of(cosignatory().args(base).args(["--format", "json"]));
    let s = &json["significance"];
    assert_eq!(s["samples"], 20);
    let p = s["p_value"].as_f64().unwrap();
    assert!(p > 0.0 && p <= 1.0);
    assert!(s["z"].as_f64().is_some());
    let communities = json["communities"].as_array().unwrap();
    let per = s["communities"].as_array().unwrap();
    assert_eq!(per.len(), communities.len());
    for (c, n) in communities.iter().zip(per) {
        assert_eq!(&n["members"], c);
        assert!(n["internal_weight"].as_f64().unwrap() >= 0.0);
    }
    let csv = stdout_of(cosignatory().args(base).args(["--format", "csv"]));
    assert_eq!(
        csv.lines().next().unwrap(),
        "actor,community,internal_weight,null_mean,z,p_value,quality_z,quality_p"
    );
    let table = stdout_of(cosignatory().args(base));
    assert!(table.contains("significance: quality"), "{table}");
    assert!(table.contains("degree-preserving null datasets"), "{table}");
    assert!(table.contains("internal weight"), "{table}");
    // Same seed, same figures.
    assert_eq!(
        json,
        json_of(cosignatory().args(base).args(["--format", "json"]))
    );
}
