//! Node-link JSON, as networkx's `node_link_graph` reads it with its default keys.

use super::NodeAttributes;
use super::output;
use super::prepared::Prepared;
use crate::error::Result;

use crate::graph::CoSignGraph;
use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::io::{self, Write};
use std::path::Path;

/// Writes a graph as node-link JSON (one line, then a newline):
///
/// ```json
/// {"directed":false,"multigraph":false,
///  "graph":{"weighting":"newman","signed":false,"statements":41},
///  "nodes":[{"id":"AUS","name":"Australia","kind":"country","statements":12,"coalition":0,"pagerank":0.02}],
///  "edges":[{"source":"AUS","target":"CAN","weight":1.5,"count":6}]}
/// ```
///
/// These are networkx's default keys from 3.6 (`nodes`, `edges`, `id`, `source`, `target`),
/// so there `nx.node_link_graph(json.load(f))` rebuilds the graph (checked against networkx
/// 3.6.1). networkx 3.4 and 3.5 default to `links` and need `edges="edges"`; 3.0 to 3.3
/// have no `edges` argument and need `link="edges"`.
/// Node and edge fields are those of [`write_graphml`](super::write_graphml); a node without
/// a coalition has no `coalition` key.
///
/// ```
/// use cosignatory::export::{write_node_link, NodeAttributes};
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
///
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Count))?;
/// let mut out = Vec::new();
/// write_node_link(&mut out, &g, &NodeAttributes::new())?;
/// let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(doc["directed"], false);
/// assert_eq!(doc["nodes"].as_array().unwrap().len(), g.node_count());
/// assert_eq!(doc["edges"].as_array().unwrap().len(), g.edge_count());
/// # Ok::<(), cosignatory::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for attributes that do not fit
/// the graph (see [`NodeAttributes`]) or non-finite weights; [`Error::Io`](crate::Error::Io)
/// (path `<writer>`) if writing fails.
pub fn write_node_link(
    out: impl Write,
    graph: &CoSignGraph,
    attributes: &NodeAttributes,
) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    output::to_writer(out, |w| render(w, &prepared))
}

/// [`write_node_link`] to a file, created or truncated.
///
/// # Errors
/// As [`write_node_link`]; I/O errors carry `path`.
pub fn write_node_link_file(
    path: impl AsRef<Path>,
    graph: &CoSignGraph,
    attributes: &NodeAttributes,
) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    output::to_file(path.as_ref(), |w| render(w, &prepared))
}

fn render<W: Write>(mut out: W, p: &Prepared) -> io::Result<()> {
    serde_json::to_writer(&mut out, &Document(p))?;
    out.write_all(b"\n")
}

/// The whole document; maps are written field by field so key order is fixed whatever
/// serde_json's map features.
struct Document<'p, 'a>(&'p Prepared<'a>);

struct GraphFields<'p, 'a>(&'p Prepared<'a>);

struct Node<'p, 'a>(&'p Prepared<'a>, NodeIndex);

struct Edge<'p, 'a>(&'p Prepared<'a>, NodeIndex, NodeIndex, EdgeIndex);

impl Serialize for Document<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("directed", &false)?;
        m.serialize_entry("multigraph", &false)?;
        m.serialize_entry("graph", &GraphFields(p))?;
        let nodes: Vec<Node> = p.nodes().iter().map(|&n| Node(p, n)).collect();
        m.serialize_entry("nodes", &nodes)?;
        let edges: Vec<Edge> = p.edges().map(|(a, b, e)| Edge(p, a, b, e)).collect();
        m.serialize_entry("edges", &edges)?;
        m.end()
    }
}

impl Serialize for GraphFields<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = self.0.graph;
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("weighting", g.weighting().name())?;
        m.serialize_entry("signed", &g.is_signed())?;
        m.serialize_entry("statements", &g.num_statements())?;
        m.end()
    }
}

impl Serialize for Node<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (p, n) = (self.0, self.1);
        let actor = p.actor(n);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &actor.id)?;
        m.serialize_entry("name", &actor.name)?;
        m.serialize_entry("kind", actor.kind.as_str())?;
        m.serialize_entry("statements", &p.graph.statements_of(n))?;
        if let Some(c) = p.coalition(n) {
            m.serialize_entry("coalition", &c)?;
        }
        for (name, values) in &p.attributes.numeric {
            m.serialize_entry(name, &values[n.index()])?;
        }
        m.end()
    }
}

impl Serialize for Edge<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let fields = p.edge_fields();
        let mut m = s.serialize_map(Some(2 + fields.len()))?;
        m.serialize_entry("source", &p.actor(self.1).id)?;
        m.serialize_entry("target", &p.actor(self.2).id)?;
        for field in fields {
            m.serialize_entry(field.name, &p.value(field, self.3))?;
        }
        m.end()
    }
}
