//! Every export format parsed back (XML with quick-xml's reader, JSON with serde_json, CSV
//! with the csv crate, DOT with a parser for our output) must give the graph's own values:
//! same nodes and edges in id order, same attributes, and the exact same floats.

use crate::support::{
    DotStmt, Fields, Table, V, bundled_2019_2024, coalitions_and_centralities, expected, parse_dot,
    parse_xml, tricky,
};
use cosignatory::Error;
use cosignatory::export::{
    NodeAttributes, write_dot, write_dot_file, write_edge_table, write_edge_table_file, write_gexf,
    write_gexf_file, write_graphml, write_graphml_file, write_node_link, write_node_link_file,
    write_node_table, write_node_table_file,
};
use cosignatory::graph::{CoSignGraph, ProjectionOptions, Weighting, project, strength};
use cosignatory::model::{DatasetBuilder, Statement, StatementKind};
use std::collections::BTreeMap;

type Writer = fn(&mut Vec<u8>, &CoSignGraph, &NodeAttributes) -> cosignatory::Result<()>;

fn text(write: Writer, g: &CoSignGraph, a: &NodeAttributes) -> String {
    let mut out = Vec::new();
    write(&mut out, g, a).unwrap();
    String::from_utf8(out).unwrap()
}

fn graphml(out: &mut Vec<u8>, g: &CoSignGraph, a: &NodeAttributes) -> cosignatory::Result<()> {
    write_graphml(out, g, a)
}
fn gexf(out: &mut Vec<u8>, g: &CoSignGraph, a: &NodeAttributes) -> cosignatory::Result<()> {
    write_gexf(out, g, a)
}
fn node_link(out: &mut Vec<u8>, g: &CoSignGraph, a: &NodeAttributes) -> cosignatory::Result<()> {
    write_node_link(out, g, a)
}
fn dot(out: &mut Vec<u8>, g: &CoSignGraph, a: &NodeAttributes) -> cosignatory::Result<()> {
    write_dot(out, g, a)
}
fn nodes_csv(out: &mut Vec<u8>, g: &CoSignGraph, a: &NodeAttributes) -> cosignatory::Result<()> {
    write_node_table(out, g, a)
}
fn edges_csv(out: &mut Vec<u8>, g: &CoSignGraph, _: &NodeAttributes) -> cosignatory::Result<()> {
    write_edge_table(out, g)
}

const WRITERS: [(&str, Writer); 6] = [
    ("graphml", graphml),
    ("gexf", gexf),
    ("json", node_link),
    ("dot", dot),
    ("nodes.csv", nodes_csv),
    ("edges.csv", edges_csv),
];

fn typed(kind: &str, text: &str) -> V {
    let template = match kind {
        "string" => V::S(String::new()),
        "long" => V::I(0),
        "double" => V::F(0.0),
        "boolean" => V::B(false),
        other => panic!("unexpected attribute type {other}"),
    };
    template.parse_like(text)
}

fn graphml_table(text: &str) -> Table {
    let root = parse_xml(text);
    assert_eq!(root.name, "graphml");
    assert_eq!(root.attr("xmlns"), "http://graphml.graphdrawing.org/xmlns");
    let mut keys = BTreeMap::new();
    for k in root.all("key") {
        let previous = keys.insert(
            k.attr("id").to_string(),
            (k.attr("for"), k.attr("attr.name"), k.attr("attr.type")),
        );
        assert!(previous.is_none(), "duplicate key id");
    }
    let data = |el: &crate::support::El, domain: &str| -> Fields {
        el.all("data")
            .map(|d| {
                let (for_, name, kind) = keys[d.attr("key")];
                assert_eq!(for_, domain, "key {} used on a {domain}", d.attr("key"));
                (name.to_string(), typed(kind, &d.text))
            })
            .collect()
    };
    let graph = root.child("graph");
    assert_eq!(graph.attr("edgedefault"), "undirected");
    Table {
        graph: data(graph, "graph"),
        nodes: graph
            .all("node")
            .map(|n| (n.attr("id").to_string(), data(n, "node")))
            .collect(),
        edges: graph
            .all("edge")
            .map(|e| {
                let pair = (e.attr("source").to_string(), e.attr("target").to_string());
                (pair, data(e, "edge"))
            })
            .collect(),
    }
}

/// GEXF has no graph attributes: the graph fields are checked in the description instead and
/// returned from `expected`.
fn gexf_table(text: &str, graph_fields: &Fields) -> Table {
    let root = parse_xml(text);
    assert_eq!(root.name, "gexf");
    assert_eq!(root.attr("version"), "1.3");
    assert_eq!(root.attr("xmlns"), "http://gexf.net/1.3");
    let description = &root.child("meta").child("description").text;
    let V::S(weighting) = &graph_fields[0].1 else {
        panic!("weighting")
    };
    assert!(
        description.contains(&format!("weighting {weighting}")),
        "{description}"
    );
    let graph = root.child("graph");
    assert_eq!(graph.attr("mode"), "static");
    assert_eq!(graph.attr("defaultedgetype"), "undirected");
    let mut types: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for set in graph.all("attributes") {
        assert_eq!(set.attr("mode"), "static");
        for a in set.all("attribute") {
            assert_eq!(a.attr("id"), a.attr("title"));
            types.insert((set.attr("class"), a.attr("id")), a.attr("type"));
        }
    }
    let values = |el: &crate::support::El, class: &str| -> Fields {
        el.all("attvalues")
            .flat_map(|vs| vs.all("attvalue"))
            .map(|v| {
                let id = v.attr("for");
                (id.to_string(), typed(types[&(class, id)], v.attr("value")))
            })
            .collect()
    };
    let nodes = graph.child("nodes");
    let edges = graph.child("edges");
    assert_eq!(nodes.attr("count"), nodes.all("node").count().to_string());
    assert_eq!(edges.attr("count"), edges.all("edge").count().to_string());
    Table {
        graph: graph_fields.clone(),
        nodes: nodes
            .all("node")
            .map(|n| {
                let mut f = vec![("name".to_string(), V::S(n.attr("label").to_string()))];
                f.extend(values(n, "node"));
                (n.attr("id").to_string(), f)
            })
            .collect(),
        edges: edges
            .all("edge")
            .map(|e| {
                let pair = (e.attr("source").to_string(), e.attr("target").to_string());
                let mut f = vec![("weight".to_string(), typed("double", e.attr("weight")))];
                f.extend(values(e, "edge"));
                (pair, f)
            })
            .collect(),
    }
}

fn json_value(v: &serde_json::Value) -> V {
    match v {
        serde_json::Value::String(s) => V::S(s.clone()),
        serde_json::Value::Bool(b) => V::B(*b),
        serde_json::Value::Number(n) if n.is_f64() => V::F(n.as_f64().unwrap()),
        serde_json::Value::Number(n) => V::I(n.as_i64().unwrap()),
        other => panic!("unexpected JSON value {other}"),
    }
}

fn json_fields(v: &serde_json::Value, skip: &[&str]) -> Fields {
    v.as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), json_value(v)))
        .collect()
}

/// Node-link JSON: key order inside an object is not part of JSON, so fields are sorted.
fn node_link_table(text: &str) -> Table {
    assert!(text.ends_with("}\n"));
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(doc["directed"], false);
    assert_eq!(doc["multigraph"], false);
    let str_of = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap().to_string();
    sorted_fields(Table {
        graph: json_fields(&doc["graph"], &[]),
        nodes: doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (str_of(n, "id"), json_fields(n, &["id"])))
            .collect(),
        edges: doc["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let pair = (str_of(e, "source"), str_of(e, "target"));
                (pair, json_fields(e, &["source", "target"]))
            })
            .collect(),
    })
}

fn sorted_fields(mut t: Table) -> Table {
    let sort = |f: &mut Fields| f.sort_by(|a, b| a.0.cmp(&b.0));
    sort(&mut t.graph);
    t.nodes.iter_mut().for_each(|(_, f)| sort(f));
    t.edges.iter_mut().for_each(|(_, f)| sort(f));
    t
}

/// Parses untyped cells with the types of the expected fields of the same name.
fn typed_like(cells: Vec<(String, String)>, like: &Fields) -> Fields {
    cells
        .into_iter()
        .map(|(k, v)| {
            let template = &like
                .iter()
                .find(|(name, _)| *name == k)
                .unwrap_or_else(|| panic!("unexpected field {k}"))
                .1;
            let typed = template.parse_like(&v);
            (k, typed)
        })
        .collect()
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|row| row.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The two CSV tables; the graph fields are not in them and are taken from `expected`.
fn csv_table(nodes: &str, edges: &str, expected: &Table) -> Table {
    assert!(
        !nodes.contains('\r') && !edges.contains('\r'),
        "lines end with \\n"
    );
    let (header, rows) = csv_rows(nodes);
    assert_eq!(header[..4], ["id", "name", "kind", "statements"]);
    let node_like: BTreeMap<&str, &Fields> = expected
        .nodes
        .iter()
        .map(|(id, f)| (id.as_str(), f))
        .collect();
    let nodes = rows
        .into_iter()
        .map(|row| {
            let cells = header[1..]
                .iter()
                .cloned()
                .zip(row[1..].iter().cloned())
                .filter(|(k, v)| !(k == "coalition" && v.is_empty()))
                .collect();
            let like = node_like[row[0].as_str()];
            (row[0].clone(), typed_like(cells, like))
        })
        .collect();
    let (header, rows) = csv_rows(edges);
    assert_eq!(header[..4], ["source", "target", "weight", "count"]);
    let like = &expected
        .edges
        .first()
        .map(|e| e.1.clone())
        .unwrap_or_default();
    let edges = rows
        .into_iter()
        .map(|row| {
            let cells = header[2..]
                .iter()
                .cloned()
                .zip(row[2..].iter().cloned())
                .collect();
            ((row[0].clone(), row[1].clone()), typed_like(cells, like))
        })
        .collect();
    Table {
        graph: expected.graph.clone(),
        nodes,
        edges,
    }
}

/// DOT: data attributes back under their own names, drawing hints checked and removed.
fn dot_table(text: &str, expected: &Table) -> Table {
    let (name, stmts) = parse_dot(text);
    assert_eq!(name, "cosignatory");
    let mut table = Table {
        graph: Vec::new(),
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let node_like: BTreeMap<&str, &Fields> = expected
        .nodes
        .iter()
        .map(|(id, f)| (id.as_str(), f))
        .collect();
    let edge_like = expected
        .edges
        .first()
        .map(|e| e.1.clone())
        .unwrap_or_default();
    let largest = expected
        .edges
        .iter()
        .map(|(_, f)| match f[0].1 {
            V::F(w) => w.abs(),
            _ => panic!("weight"),
        })
        .fold(0.0, f64::max);
    // Coalition -> fill colour: one colour per coalition, never shared (issue 18, item 3).
    let mut fills: BTreeMap<i64, String> = BTreeMap::new();
    for s in stmts {
        match s {
            DotStmt::Defaults(kind, attrs) if kind == "graph" => {
                table.graph = typed_like(attrs, &expected.graph);
            }
            DotStmt::Defaults(kind, attrs) => {
                assert_eq!(kind, "node");
                assert!(attrs.contains(&("colorscheme".into(), "set312".into())));
            }
            DotStmt::Node(id, attrs) => {
                let mut fill = None;
                let mut cells = Vec::new();
                for (k, v) in attrs {
                    match k.as_str() {
                        "fillcolor" => fill = Some(v),
                        "label" => cells.push(("name".to_string(), v)),
                        _ => cells.push((k, v)),
                    }
                }
                let fields = typed_like(cells, node_like[id.as_str()]);
                let coalition = fields.iter().find(|(k, _)| k == "coalition");
                match (coalition, fill) {
                    (Some((_, V::I(c))), Some(fill)) => {
                        assert_eq!(fills.entry(*c).or_insert_with(|| fill.clone()), &fill);
                        let owners = fills.values().filter(|f| **f == fill).count();
                        assert_eq!(owners, 1, "coalitions share the colour {fill}");
                    }
                    (None, None) => {}
                    other => panic!("fill colour without coalition or back: {other:?}"),
                }
                table.nodes.push((id, fields));
            }
            DotStmt::Edge(a, b, attrs) => {
                let mut cells = Vec::new();
                let (mut pen, mut dashed) = (None, false);
                for (k, v) in attrs {
                    match k.as_str() {
                        "penwidth" => pen = Some(v.parse::<f64>().unwrap()),
                        "style" => dashed = v == "dashed",
                        "color" => assert_eq!(v, "firebrick"),
                        "cosign_weight" => cells.push(("weight".to_string(), v)),
                        "weight" => panic!("Graphviz `weight` must not carry signed data"),
                        _ => cells.push((k, v)),
                    }
                }
                let fields = typed_like(cells, &edge_like);
                let V::F(w) = fields[0].1 else {
                    panic!("weight")
                };
                let pen = pen.expect("penwidth");
                assert!((1.0..=4.0).contains(&pen), "penwidth {pen}");
                if largest > 0.0 {
                    assert!((pen - (1.0 + 3.0 * w.abs() / largest)).abs() <= 0.005 + 1e-12);
                }
                assert_eq!(dashed, w < 0.0, "negative edges and only they are dashed");
                table.edges.push(((a, b), fields));
            }
        }
    }
    table
}

/// Asserts two tables are equal, reporting the first difference only (tables are large).
fn assert_same(got: &Table, want: &Table, format: &str) {
    assert_eq!(got.graph, want.graph, "{format}: graph fields");
    assert_eq!(got.nodes.len(), want.nodes.len(), "{format}: node count");
    for (g, w) in got.nodes.iter().zip(&want.nodes) {
        assert_eq!(g, w, "{format}: node");
    }
    assert_eq!(got.edges.len(), want.edges.len(), "{format}: edge count");
    for (g, w) in got.edges.iter().zip(&want.edges) {
        assert_eq!(g, w, "{format}: edge");
    }
}

/// Writes `g` in every format and checks each parses back to `expected(g, a)`.
fn check_all_formats(g: &CoSignGraph, a: &NodeAttributes) {
    let want = expected(g, a);
    assert_same(&graphml_table(&text(graphml, g, a)), &want, "GraphML");
    assert_same(&gexf_table(&text(gexf, g, a), &want.graph), &want, "GEXF");
    let json = node_link_table(&text(node_link, g, a));
    assert_same(&json, &sorted_fields(want.clone()), "node-link JSON");
    assert_same(&dot_table(&text(dot, g, a), &want), &want, "DOT");
    let (nodes, edges) = (text(nodes_csv, g, a), text(edges_csv, g, a));
    assert_same(&csv_table(&nodes, &edges, &want), &want, "CSV");
}

#[test]
fn every_format_carries_the_bundled_graph_with_coalitions_and_centralities() {
    let g = bundled_2019_2024(&ProjectionOptions::new(Weighting::Newman));
    let a = coalitions_and_centralities(&g);
    assert!(g.node_count() > 50 && g.edge_count() > 1000);
    check_all_formats(&g, &a);
    check_all_formats(&g, &NodeAttributes::new());
}

#[test]
fn negative_weights_of_a_signed_projection_round_trip() {
    let options = ProjectionOptions {
        signed: true,
        ..ProjectionOptions::new(Weighting::Newman)
    };
    let g = bundled_2019_2024(&options);
    let negative = g.graph().edge_weights().filter(|e| e.weight < 0.0).count();
    assert!(
        negative > 10,
        "the signed projection has negative edges ({negative})"
    );
    let a = NodeAttributes::new().with_numeric("strength", strength(g.graph(), |e| e.weight));
    check_all_formats(&g, &a);
}

#[test]
fn names_needing_escapes_and_missing_coalitions_survive_every_format() {
    let g = tricky();
    assert_eq!(g.node_count(), 4);
    assert!(g.graph().edge_weights().any(|e| e.weight < 0.0));
    let a = NodeAttributes::new()
        .with_optional_coalitions([Some(3), None, Some(14), None])
        .with_numeric("z", vec![-0.5, 0.0, 1e-300, 12345678.875]);
    check_all_formats(&g, &a);
    // The escapes are the formats' own, not doubled.
    let xml = text(graphml, &g, &a);
    assert!(
        xml.contains("Trinidad &amp; Tobago &lt;&quot;T&amp;T&quot;&gt;"),
        "{xml}"
    );
    let dot_text = text(dot, &g, &a);
    assert!(
        dot_text.contains(r#"label="Back\\slash \\N""#),
        "{dot_text}"
    );
    assert!(
        dot_text.contains(r#""graph" [label="Graph Org""#),
        "{dot_text}"
    );
}

#[test]
fn a_graph_without_edges_is_written_with_all_declarations() {
    let d = "2021-05-05".parse().unwrap();
    let mut b = DatasetBuilder::new();
    b.statement(Statement::new("alone", d, StatementKind::Declaration));
    b.signed_by("alone", ["NOR"]);
    let g = project(
        &b.build().unwrap().view(),
        &ProjectionOptions::new(Weighting::Count),
    )
    .unwrap();
    assert_eq!((g.node_count(), g.edge_count()), (1, 0));
    let a = NodeAttributes::new().with_coalitions([0]);
    check_all_formats(&g, &a);
    let xml = text(graphml, &g, &a);
    assert!(xml.contains(r#"for="edge" attr.name="weight" attr.type="double""#));
    assert!(text(edges_csv, &g, &a) == "source,target,weight,count\n");
}

#[test]
fn output_does_not_depend_on_input_order() {
    let d = |s: &str| s.parse().unwrap();
    let records: [(&str, &str, &[&str]); 4] = [
        ("a", "2020-01-01", &["USA", "GBR", "FRA"]),
        ("b", "2020-02-01", &["FRA", "DEU"]),
        ("c", "2020-03-01", &["DEU", "GBR", "USA", "JPN"]),
        ("d", "2020-04-01", &["JPN", "USA"]),
    ];
    let build = |order: &[usize]| {
        let mut b = DatasetBuilder::new();
        for &i in order {
            let (id, date, members) = records[i];
            b.statement(Statement::new(id, d(date), StatementKind::JointStatement));
            let mut m = members.to_vec();
            if i % 2 == 1 {
                m.reverse();
            }
            b.signed_by(id, m);
        }
        let g = project(
            &b.build().unwrap().view(),
            &ProjectionOptions::new(Weighting::Newman),
        );
        g.unwrap()
    };
    let (g1, g2) = (build(&[0, 1, 2, 3]), build(&[3, 1, 0, 2]));
    let a1 = NodeAttributes::new().with_numeric("s", strength(g1.graph(), |e| e.weight));
    let a2 = NodeAttributes::new().with_numeric("s", strength(g2.graph(), |e| e.weight));
    for (name, write) in WRITERS {
        assert_eq!(text(write, &g1, &a1), text(write, &g2, &a2), "{name}");
    }
}

#[test]
fn file_helpers_write_the_same_bytes() {
    let g = tricky();
    let a = NodeAttributes::new().with_coalitions([0, 1, 0, 2]);
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    write_graphml_file(path("graphml"), &g, &a).unwrap();
    write_gexf_file(path("gexf"), &g, &a).unwrap();
    write_node_link_file(path("json"), &g, &a).unwrap();
    write_dot_file(path("dot"), &g, &a).unwrap();
    write_node_table_file(path("nodes.csv"), &g, &a).unwrap();
    write_edge_table_file(path("edges.csv"), &g).unwrap();
    for (name, write) in WRITERS {
        let on_disk = std::fs::read_to_string(path(name)).unwrap();
        assert_eq!(on_disk, text(write, &g, &a), "{name}");
    }
}

#[test]
fn bad_attributes_fail_before_a_file_is_created() {
    let g = tricky();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.graphml");
    let short = NodeAttributes::new().with_numeric("pagerank", vec![0.25; 3]);
    let e = write_graphml_file(&path, &g, &short).unwrap_err();
    assert!(matches!(e, Error::InvalidParameter { .. }), "{e:?}");
    assert!(
        e.to_string()
            .contains("has 3 values but the graph has 4 nodes"),
        "{e}"
    );
    assert!(!path.exists());

    let reserved = NodeAttributes::new().with_numeric("coalition", vec![0.0; 4]);
    assert!(write_dot(Vec::new(), &g, &reserved).is_err());

    let missing_dir = dir.path().join("no-such-dir").join("out.json");
    match write_node_link_file(&missing_dir, &g, &NodeAttributes::new()).unwrap_err() {
        Error::Io { path, .. } => assert_eq!(path, missing_dir),
        other => panic!("unexpected {other:?}"),
    }
}
