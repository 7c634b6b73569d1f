//! The dynamic GEXF of the bundled data's yearly windows 2019–2024, parsed back with
//! quick-xml's reader: every node and edge of every window with its spells, and one
//! coalition, statements, PageRank and weight value per window, with the window's dates.

use crate::support::{El, parse_xml};
use cosignatory::Error;
use cosignatory::cluster::{LouvainOptions, louvain};
use cosignatory::export::{NodeAttributes, Snapshot, write_gexf_dynamic, write_gexf_dynamic_file};
use cosignatory::graph::{CentralityOptions, CoSignGraph, ProjectionOptions, Weighting};
use cosignatory::graph::{pagerank, project};
use cosignatory::time::{Period, Window, WindowSpec};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn yearly(options: &ProjectionOptions) -> (Vec<Window>, Vec<CoSignGraph>) {
    let ds = cosignatory::datasets::joint_statements();
    let windows = WindowSpec::years()
        .windows(d("2019-01-01"), d("2024-12-31"))
        .unwrap();
    let graphs = windows
        .iter()
        .map(|w| project(&ds.view().between(w.start, w.end), options).unwrap())
        .collect();
    (windows, graphs)
}

fn attributes(g: &CoSignGraph) -> NodeAttributes {
    let p = louvain(&g.to_cluster_graph().unwrap(), &LouvainOptions::default()).unwrap();
    let pr = pagerank(g.graph(), |e| e.weight, &CentralityOptions::default()).unwrap();
    NodeAttributes::new()
        .with_partition(&p.partition)
        .with_numeric("pagerank", pr)
}

fn render(snapshots: &[Snapshot]) -> String {
    let mut out = Vec::new();
    write_gexf_dynamic(&mut out, snapshots).unwrap();
    String::from_utf8(out).unwrap()
}

/// `(column, value, start, end)` of an element's attvalues.
fn attvalues(el: &El) -> Vec<(String, String, Option<String>, Option<String>)> {
    el.all("attvalues")
        .flat_map(|v| v.all("attvalue"))
        .map(|v| {
            (
                v.attr("for").to_string(),
                v.attr("value").to_string(),
                v.attrs.get("start").cloned(),
                v.attrs.get("end").cloned(),
            )
        })
        .collect()
}

fn spells(el: &El) -> Vec<(String, String)> {
    el.child("spells")
        .all("spell")
        .map(|s| (s.attr("start").to_string(), s.attr("end").to_string()))
        .collect()
}

/// Runs of consecutive windows (by index) as `(first start, last end)`.
fn runs(windows: &[Window], present: &[usize]) -> Vec<(String, String)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &i in present {
        match out.last_mut() {
            Some(run) if run.1 + 1 == i => run.1 = i,
            _ => out.push((i, i)),
        }
    }
    out.into_iter()
        .map(|(a, b)| (windows[a].start.to_string(), windows[b].end.to_string()))
        .collect()
}

#[test]
fn yearly_coalitions_play_as_a_timeline() {
    let (windows, graphs) = yearly(&ProjectionOptions::new(Weighting::Newman));
    let attrs: Vec<NodeAttributes> = graphs.iter().map(attributes).collect();
    let snapshots: Vec<Snapshot> = windows
        .iter()
        .zip(&graphs)
        .zip(&attrs)
        .map(|((w, g), a)| Snapshot::new(*w, g).with_attributes(a.clone()))
        .collect();
    let root = parse_xml(&render(&snapshots));

    assert_eq!((root.name.as_str(), root.attr("version")), ("gexf", "1.3"));
    let graph = root.child("graph");
    assert_eq!(graph.attr("mode"), "dynamic");
    assert_eq!(graph.attr("timeformat"), "date");
    assert_eq!(graph.attr("timerepresentation"), "interval");
    assert_eq!(graph.attr("defaultedgetype"), "undirected");
    let declared: Vec<(String, String, Vec<String>)> = graph
        .all("attributes")
        .map(|a| {
            let ids = a
                .all("attribute")
                .map(|c| c.attr("id").to_string())
                .collect();
            (a.attr("class").into(), a.attr("mode").into(), ids)
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        declared,
        [
            ("node".into(), "static".into(), s(&["kind"])),
            (
                "node".into(),
                "dynamic".into(),
                s(&["statements", "coalition", "pagerank"])
            ),
            ("edge".into(), "dynamic".into(), s(&["weight", "count"])),
        ]
    );

    // What each window says about each actor and pair, from the graphs themselves.
    let mut actors: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut expected_values: BTreeSet<(String, String, String, String, String)> = BTreeSet::new();
    let mut pairs: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, (g, a)) in graphs.iter().zip(&attrs).enumerate() {
        let (start, end) = (windows[i].start.to_string(), windows[i].end.to_string());
        for n in g.graph().node_indices() {
            let id = g.actor(n).id.clone();
            actors.entry(id.clone()).or_default().push(i);
            let coalition = a.coalition.as_ref().unwrap()[n.index()].unwrap();
            for (column, value) in [
                ("statements", g.statements_of(n).to_string()),
                ("coalition", coalition.to_string()),
                ("pagerank", a.numeric[0].1[n.index()].to_string()),
            ] {
                let v = (id.clone(), column.into(), value, start.clone(), end.clone());
                expected_values.insert(v);
            }
        }
        for e in g.graph().edge_references() {
            let (x, y) = (
                g.actor(e.source()).id.clone(),
                g.actor(e.target()).id.clone(),
            );
            let key = if x < y { (x, y) } else { (y, x) };
            pairs.entry(key.clone()).or_default().push(i);
            let pair = format!("{}|{}", key.0, key.1);
            for (column, value) in [
                ("weight", e.weight().weight.to_string()),
                ("count", e.weight().count.to_string()),
            ] {
                let v = (
                    pair.clone(),
                    column.into(),
                    value,
                    start.clone(),
                    end.clone(),
                );
                expected_values.insert(v);
            }
        }
    }
    assert!(
        actors.values().any(|w| runs(&windows, w).len() >= 2),
        "some actor skips a year"
    );
    assert!(
        actors
            .values()
            .any(|w| w.len() >= 3 && runs(&windows, w).len() == 1)
    );

    let ds = cosignatory::datasets::joint_statements();
    let mut found_values = BTreeSet::new();
    let nodes = graph.child("nodes");
    let ids: Vec<&str> = nodes.all("node").map(|n| n.attr("id")).collect();
    assert_eq!(ids, actors.keys().map(String::as_str).collect::<Vec<_>>());
    for n in nodes.all("node") {
        let id = n.attr("id");
        let actor = ds.actor_by_id(id).unwrap();
        assert_eq!(n.attr("label"), actor.name);
        assert_eq!(spells(n), runs(&windows, &actors[id]), "spells of {id}");
        let values = attvalues(n);
        assert_eq!(
            values[0],
            ("kind".into(), actor.kind.to_string(), None, None)
        );
        for (column, value, start, end) in values.into_iter().skip(1) {
            let v = (id.to_string(), column, value, start.unwrap(), end.unwrap());
            assert!(found_values.insert(v), "value written twice");
        }
    }
    let edges = graph.child("edges");
    let edge_pairs: Vec<(String, String)> = edges
        .all("edge")
        .map(|e| (e.attr("source").to_string(), e.attr("target").to_string()))
        .collect();
    assert_eq!(edge_pairs, pairs.keys().cloned().collect::<Vec<_>>());
    for e in edges.all("edge") {
        let key = (e.attr("source").to_string(), e.attr("target").to_string());
        assert!(
            !e.attrs.contains_key("weight"),
            "the weight is dynamic only"
        );
        assert_eq!(spells(e), runs(&windows, &pairs[&key]));
        let pair = format!("{}|{}", key.0, key.1);
        for (column, value, start, end) in attvalues(e) {
            let v = (pair.clone(), column, value, start.unwrap(), end.unwrap());
            assert!(found_values.insert(v), "value written twice");
        }
    }
    assert_eq!(found_values, expected_values);
}

#[test]
fn nodes_without_a_coalition_have_no_value_in_that_window() {
    let (windows, graphs) = yearly(&ProjectionOptions::new(Weighting::Count));
    let (w, g) = (&windows[..2], &graphs[..2]);
    // Window 0: only the first node has a coalition; window 1: no coalition attribute.
    let mut first_only = vec![None; g[0].node_count()];
    first_only[0] = Some(7);
    let snapshots = [
        Snapshot::new(w[0], &g[0])
            .with_attributes(NodeAttributes::new().with_optional_coalitions(first_only)),
        Snapshot::new(w[1], &g[1]),
    ];
    let root = parse_xml(&render(&snapshots));
    let coalition_values: Vec<(String, String)> = root
        .child("graph")
        .child("nodes")
        .all("node")
        .flat_map(|n| {
            attvalues(n)
                .into_iter()
                .filter(|v| v.0 == "coalition")
                .map(|v| (n.attr("id").to_string(), v.1))
        })
        .collect();
    assert_eq!(
        coalition_values,
        [(g[0].actor(0.into()).id.clone(), "7".into())]
    );
}

#[test]
fn windows_must_be_ordered_disjoint_and_alike() {
    let (windows, graphs) = yearly(&ProjectionOptions::new(Weighting::Newman));
    let snap = |i: usize| Snapshot::new(windows[i], &graphs[i]);
    let reason = |snapshots: &[Snapshot]| match write_gexf_dynamic(Vec::new(), snapshots) {
        Err(Error::InvalidParameter { name, reason, .. }) => {
            assert_eq!(name, "snapshots");
            reason
        }
        other => panic!("expected an invalid parameter, got {other:?}"),
    };
    assert!(reason(&[snap(1), snap(0)]).contains("must start after window 0"));
    assert!(reason(&[]).contains("at least one window"));

    let two_years = WindowSpec::Calendar {
        period: Period::Year,
        size: 2,
        step: 1,
    }
    .windows(d("2019-01-01"), d("2020-12-31"))
    .unwrap();
    let overlapping = [
        Snapshot::new(two_years[0], &graphs[0]),
        Snapshot::new(two_years[1], &graphs[1]),
    ];
    assert!(reason(&overlapping).contains("must not overlap"));

    let inverted = Window::new(d("2019-12-31"), d("2019-01-01"));
    assert!(reason(&[Snapshot::new(inverted, &graphs[0])]).contains("ends before it starts"));

    let count = yearly(&ProjectionOptions::new(Weighting::Count)).1;
    let mixed = [snap(0), Snapshot::new(windows[1], &count[1])];
    assert!(reason(&mixed).contains("one timeline needs one weighting"));

    let wrong_length = Snapshot::new(windows[0], &graphs[0])
        .with_attributes(NodeAttributes::new().with_coalitions([0, 1]));
    assert!(matches!(
        write_gexf_dynamic(Vec::new(), &[wrong_length]),
        Err(Error::InvalidParameter {
            name: "attributes",
            ..
        })
    ));
}

#[test]
fn signed_windows_keep_negative_weights_and_the_file_helper_matches() {
    let options = ProjectionOptions {
        signed: true,
        ..ProjectionOptions::new(Weighting::Newman)
    };
    let (windows, graphs) = yearly(&options);
    let snapshots: Vec<Snapshot> = windows
        .iter()
        .zip(&graphs)
        .map(|(w, g)| Snapshot::new(*w, g))
        .collect();
    let text = render(&snapshots);
    let root = parse_xml(&text);
    let negative = root
        .child("graph")
        .child("edges")
        .all("edge")
        .flat_map(attvalues)
        .filter(|v| v.0 == "weight" && v.1.parse::<f64>().unwrap() < 0.0)
        .count();
    let expected = graphs
        .iter()
        .flat_map(|g| g.graph().edge_weights())
        .filter(|e| e.weight < 0.0)
        .count();
    assert!(expected > 0);
    assert_eq!(negative, expected);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeline.gexf");
    write_gexf_dynamic_file(&path, &snapshots).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}
