//! Files written by the crate, loaded by networkx and igraph (tests/fixtures/export_networkx/,
//! results in tests/fixtures/export_networkx.json, generator tests/fixtures/gen/export_networkx.py).
//!
//! The test re-exports the same graphs and checks that they are byte-identical to the committed
//! files, and that what networkx (`read_graphml`, `node_link_graph`) and igraph
//! (`Read_GraphML`) loaded from those files has the graph's own node and edge counts and the
//! exact same weights and attributes (FNV-1a checksums over the IEEE bits).
//!
//! To regenerate after an intended change of the output:
//!
//! ```sh
//! COSIGNATORY_BLESS=1 cargo test --test export networkx::  # rewrites the exported files
//! python3 tests/fixtures/gen/export_networkx.py           # loads them, rewrites the JSON
//! ```

use crate::support::{bundled_2019_2024, tricky};
use cosignatory::export::{NodeAttributes, write_graphml, write_node_link};
use cosignatory::graph::{CoSignGraph, ProjectionOptions, Weighting, strength};
use petgraph::visit::EdgeRef;
use serde_json::Value;
use std::path::PathBuf;

/// The exported graphs: (file stem, graph, node attributes).
fn cases() -> Vec<(&'static str, CoSignGraph, NodeAttributes)> {
    let newman = bundled_2019_2024(&ProjectionOptions::new(Weighting::Newman));
    let coalitions = cosignatory::cluster::louvain(
        &newman.to_cluster_graph().unwrap(),
        &cosignatory::cluster::LouvainOptions::default(),
    )
    .unwrap()
    .partition;
    let newman_attributes = NodeAttributes::new()
        .with_partition(&coalitions)
        .with_numeric("strength", strength(newman.graph(), |e| e.weight));

    let signed = tricky();
    let signed_attributes = NodeAttributes::new()
        .with_optional_coalitions([Some(3), None, Some(14), None])
        .with_numeric("z", vec![-0.5, 0.0, 1e-300, 12345678.875]);
    vec![
        ("newman_2019_2024", newman, newman_attributes),
        ("signed_escapes", signed, signed_attributes),
    ]
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn text(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.bytes(&[0]);
    }
    fn int(&mut self, x: i64) {
        self.bytes(&x.to_le_bytes());
    }
    fn float(&mut self, x: f64) {
        self.bytes(&x.to_bits().to_le_bytes());
    }
    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

/// Node checksum: per node in id order, `id, name, kind` (NUL-terminated UTF-8),
/// `statements` and `coalition` (i64 LE, −1 if none), each numeric attribute (f64 bits LE).
fn node_checksum(g: &CoSignGraph, a: &NodeAttributes) -> String {
    let mut nodes: Vec<_> = g.graph().node_indices().collect();
    nodes.sort_by(|&x, &y| g.actor(x).id.cmp(&g.actor(y).id));
    let mut h = Fnv::new();
    for n in nodes {
        let actor = g.actor(n);
        h.text(&actor.id);
        h.text(&actor.name);
        h.text(actor.kind.as_str());
        h.int(g.statements_of(n).into());
        let c = a.coalition.as_ref().and_then(|c| c[n.index()]);
        h.int(c.map_or(-1, |c| c as i64));
        for (_, values) in &a.numeric {
            h.float(values[n.index()]);
        }
    }
    h.hex()
}

/// Edge checksum: per edge sorted by `(smaller id, larger id)`, both ids (NUL-terminated),
/// `weight` (f64 bits LE), `count` (i64 LE) and, for signed graphs, `together`, `against`
/// (f64 bits) and `against_count` (i64).
fn edge_checksum(g: &CoSignGraph) -> String {
    let pg = g.graph();
    let mut edges: Vec<(&str, &str, _)> = pg
        .edge_references()
        .map(|e| {
            let (x, y) = (pg[e.source()].id.as_str(), pg[e.target()].id.as_str());
            if x < y {
                (x, y, e.id())
            } else {
                (y, x, e.id())
            }
        })
        .collect();
    edges.sort_by(|p, q| (p.0, p.1).cmp(&(q.0, q.1)));
    let mut h = Fnv::new();
    for (x, y, id) in edges {
        let e = &pg[id];
        h.text(x);
        h.text(y);
        h.float(e.weight);
        h.int(e.count.into());
        if g.is_signed() {
            h.float(g.together(id));
            h.float(g.against(id));
            h.int(e.against_count.into());
        }
    }
    h.hex()
}

fn file_checksum(bytes: &[u8]) -> String {
    let mut h = Fnv::new();
    h.bytes(bytes);
    h.hex()
}

#[test]
fn committed_exports_are_reproduced_and_were_read_exactly_by_networkx_and_igraph() {
    let dir = fixtures().join("export_networkx");
    let bless = std::env::var_os("COSIGNATORY_BLESS").is_some();
    let recorded: Value = if bless {
        Value::Null
    } else {
        let text = std::fs::read_to_string(fixtures().join("export_networkx.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    if !bless {
        let header = &recorded["header"];
        for key in [
            "tool",
            "python",
            "command",
            "date",
            "notes",
            "crate_output_command",
        ] {
            assert!(header[key].is_string(), "header.{key}");
        }
        assert!(header["tool"].as_str().unwrap().contains("networkx 3.6.1"));
        assert!(
            header["tool"]
                .as_str()
                .unwrap()
                .contains("python-igraph 1.0")
        );
        // networkx >= 3.4 reads node-link data from "edges" by default; we write "edges".
        assert_eq!(recorded["networkx_node_link_graph_edges_default"], "edges");
    }

    for (stem, g, a) in cases() {
        let mut graphml = Vec::new();
        write_graphml(&mut graphml, &g, &a).unwrap();
        let mut json = Vec::new();
        write_node_link(&mut json, &g, &a).unwrap();
        let files = [("graphml", graphml), ("json", json)];
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            for (ext, bytes) in &files {
                std::fs::write(dir.join(format!("{stem}.{ext}")), bytes).unwrap();
            }
            continue;
        }

        let r = &recorded["graphs"][stem];
        assert!(r.is_object(), "no record for {stem}");
        let numeric: Vec<&str> = a.numeric.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            r["numeric_attributes"],
            serde_json::json!(numeric),
            "{stem}"
        );
        let nodes = node_checksum(&g, &a);
        let edges = edge_checksum(&g);
        for (ext, bytes) in &files {
            let committed = std::fs::read(dir.join(format!("{stem}.{ext}"))).unwrap();
            assert!(
                committed == *bytes,
                "{stem}.{ext} differs from the committed file (see the module docs to regenerate)"
            );
            let f = &r["files"][ext];
            assert_eq!(
                f["fnv1a_64"],
                file_checksum(&committed),
                "{stem}.{ext} was not the file read"
            );
            let readers: &[&str] = if *ext == "graphml" {
                &["networkx", "igraph"]
            } else {
                &["networkx"]
            };
            for reader in readers {
                let seen = &f[reader];
                let at = format!("{stem}.{ext} read by {reader}");
                assert_eq!(seen["nodes"], g.node_count(), "{at}: nodes");
                assert_eq!(seen["edges"], g.edge_count(), "{at}: edges");
                assert_eq!(seen["node_checksum"], nodes, "{at}: node attributes");
                assert_eq!(seen["edge_checksum"], edges, "{at}: weights and counts");
                assert_eq!(seen["weighting"], g.weighting().name(), "{at}");
                assert_eq!(seen["signed"], g.is_signed(), "{at}");
                assert_eq!(seen["statements"], g.num_statements(), "{at}");
                let negative = g.graph().edge_weights().filter(|e| e.weight < 0.0).count();
                assert_eq!(seen["negative_weights"], negative, "{at}");
            }
            if *ext == "graphml" {
                let types = &f["networkx"]["types"];
                for (field, t) in [
                    ("name", "str"),
                    ("kind", "str"),
                    ("statements", "int"),
                    ("coalition", "int"),
                    ("weight", "float"),
                    ("count", "int"),
                ] {
                    assert_eq!(types[field], t, "{stem}: networkx type of {field}");
                }
            }
        }
        assert_eq!(r["networkx_graphml_equals_node_link"], true, "{stem}");
    }
    if bless {
        eprintln!(
            "wrote {}; now run python3 tests/fixtures/gen/export_networkx.py",
            dir.display()
        );
    }
}
