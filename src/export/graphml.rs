//! GraphML, as networkx `read_graphml`, igraph `Graph.Read_GraphML`, Gephi and yEd read it.

use super::NodeAttributes;
use super::output;
use super::prepared::Prepared;
use crate::error::Result;
use crate::graph::CoSignGraph;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::{self, Write};
use std::path::Path;

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";
const SCHEMA: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// Writes a graph as GraphML.
///
/// Keys, in this order: graph `weighting` (string), `signed` (boolean), `statements` (long);
/// node `name`, `kind` (strings), `statements` (long), then `coalition` (long) and each numeric
/// attribute (double) if given; edge `weight` (double), `count` (long), and for signed
/// projections `together`, `against` (double) and `against_count` (long). Node ids are actor
/// ids; the graph is undirected. A node without a coalition has no `coalition` data.
///
/// ```
/// use cosignatory::export::{write_graphml, NodeAttributes};
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
///
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Count))?;
/// let mut out = Vec::new();
/// write_graphml(&mut out, &g, &NodeAttributes::new())?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(r#"<graph id="G" edgedefault="undirected">"#));
/// assert_eq!(text.matches("<node ").count(), g.node_count());
/// assert_eq!(text.matches("<edge ").count(), g.edge_count());
/// # Ok::<(), cosignatory::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for attributes that do not fit
/// the graph (see [`NodeAttributes`]) or non-finite weights; [`Error::Io`](crate::Error::Io)
/// (path `<writer>`) if writing fails.
pub fn write_graphml(
    out: impl Write,
    graph: &CoSignGraph,
    attributes: &NodeAttributes,
) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    output::to_writer(out, |w| render(w, &prepared))
}

/// [`write_graphml`] to a file, created or truncated.
///
/// # Errors
/// As [`write_graphml`]; I/O errors carry `path`.
pub fn write_graphml_file(
    path: impl AsRef<Path>,
    graph: &CoSignGraph,
    attributes: &NodeAttributes,
) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    output::to_file(path.as_ref(), |w| render(w, &prepared))
}

/// A `<key>`: its id is `d{position}`.
struct Key {
    domain: &'static str,
    name: String,
    kind: &'static str,
}

fn keys(p: &Prepared) -> Vec<Key> {
    let key = |domain, name: &str, kind| Key {
        domain,
        name: name.to_string(),
        kind,
    };
    let mut keys = vec![
        key("graph", "weighting", "string"),
        key("graph", "signed", "boolean"),
        key("graph", "statements", "long"),
        key("node", "name", "string"),
        key("node", "kind", "string"),
        key("node", "statements", "long"),
    ];
    if p.has_coalition() {
        keys.push(key("node", "coalition", "long"));
    }
    for (name, _) in &p.attributes.numeric {
        keys.push(key("node", name, "double"));
    }
    for field in p.edge_fields() {
        keys.push(key("edge", field.name, field.xml_type()));
    }
    keys
}

fn data<W: Write>(w: &mut Writer<W>, key: usize, value: &str) -> io::Result<()> {
    let id = format!("d{key}");
    w.create_element("data")
        .with_attribute(("key", id.as_str()))
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn render<W: Write>(out: W, p: &Prepared) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let keys = keys(p);
    let first = |domain: &str| {
        keys.iter()
            .position(|k| k.domain == domain)
            .expect("every domain has keys")
    };
    let (graph_keys, node_keys, edge_keys) = (first("graph"), first("node"), first("edge"));
    w.create_element("graphml")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xsi:schemaLocation", SCHEMA))
        .write_inner_content(|w| {
            for (i, k) in keys.iter().enumerate() {
                let id = format!("d{i}");
                w.create_element("key")
                    .with_attribute(("id", id.as_str()))
                    .with_attribute(("for", k.domain))
                    .with_attribute(("attr.name", k.name.as_str()))
                    .with_attribute(("attr.type", k.kind))
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attribute(("id", "G"))
                .with_attribute(("edgedefault", "undirected"))
                .write_inner_content(|w| {
                    let g = p.graph;
                    data(w, graph_keys, g.weighting().name())?;
                    data(
                        w,
                        graph_keys + 1,
                        if g.is_signed() { "true" } else { "false" },
                    )?;
                    data(w, graph_keys + 2, &g.num_statements().to_string())?;
                    for &n in p.nodes() {
                        write_node(w, p, n, node_keys)?;
                    }
                    for (a, b, e) in p.edges() {
                        w.create_element("edge")
                            .with_attribute(("source", p.actor(a).id.as_str()))
                            .with_attribute(("target", p.actor(b).id.as_str()))
                            .write_inner_content(|w| {
                                for (i, field) in p.edge_fields().iter().enumerate() {
                                    data(w, edge_keys + i, &p.value(field, e).to_string())?;
                                }
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}

fn write_node<W: Write>(
    w: &mut Writer<W>,
    p: &Prepared,
    n: petgraph::graph::NodeIndex,
    first_key: usize,
) -> io::Result<()> {
    let actor = p.actor(n);
    w.create_element("node")
        .with_attribute(("id", actor.id.as_str()))
        .write_inner_content(|w| {
            data(w, first_key, &actor.name)?;
            data(w, first_key + 1, actor.kind.as_str())?;
            data(w, first_key + 2, &p.graph.statements_of(n).to_string())?;
            let mut key = first_key + 3;
            if p.has_coalition() {
                if let Some(c) = p.coalition(n) {
                    data(w, key, &c.to_string())?;
                }
                key += 1;
            }
            for (name_index, (_, values)) in p.attributes.numeric.iter().enumerate() {
                data(w, key + name_index, &values[n.index()].to_string())?;
            }
            Ok(())
        })?;
    Ok(())
}
