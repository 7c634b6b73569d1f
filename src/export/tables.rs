//! CSV node and edge tables (Gephi's spreadsheet import, R, pandas, spreadsheets).

use super::NodeAttributes;
use super::output::{self, csv_error};
use super::prepared::Prepared;
use crate::error::Result;
use crate::graph::CoSignGraph;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

/// Writes the node table as CSV: a header, then one row per node in actor-id order.
///
/// Columns: `id`, `name`, `kind`, `statements`, then `coalition` (empty for a node without
/// one) and each numeric attribute, if given. Lines end with `\n`; fields are quoted only
/// when needed.
///
/// ```
/// use cosignatory::cluster::Partition;
/// use cosignatory::export::{write_node_table, NodeAttributes};
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
///
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Count))?;
/// let everyone_together = Partition::single_community(g.node_count());
/// let mut out = Vec::new();
/// write_node_table(&mut out, &g, &NodeAttributes::new().with_partition(&everyone_together))?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("id,name,kind,statements,coalition\n"));
/// assert_eq!(text.lines().count(), g.node_count() + 1);
/// # Ok::<(), cosignatory::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for attributes that do not fit
/// the graph (see [`NodeAttributes`]); [`Error::Io`](crate::Error::Io) (path `<writer>`) if
/// writing fails.
pub fn write_node_table(
    out: impl Write,
    graph: &CoSignGraph,
    attributes: &NodeAttributes,
) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    output::to_writer(out, |w| render_nodes(w, &prepared))
}

/// [`write_node_table`] to a file, created or truncated.
///
/// # Errors
/// As [`write_node_table`]; I/O errors carry `path`.
pub fn write_node_table_file(
    path: impl AsRef<Path>,
    graph: &CoSignGraph,
    attributes: &NodeAttributes,
) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    output::to_file(path.as_ref(), |w| render_nodes(w, &prepared))
}

/// Writes the edge table as CSV: a header, then one row per edge, sorted by endpoint ids
/// with the smaller id as `source`.
///
/// Columns: `source`, `target`, `weight`, `count`, and for signed projections `together`,
/// `against`, `against_count`.
///
/// ```
/// use cosignatory::export::write_edge_table;
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
///
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Count))?;
/// let mut out = Vec::new();
/// write_edge_table(&mut out, &g)?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("source,target,weight,count\n"));
/// assert_eq!(text.lines().count(), g.edge_count() + 1);
/// # Ok::<(), cosignatory::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for non-finite weights;
/// [`Error::Io`](crate::Error::Io) (path `<writer>`) if writing fails.
pub fn write_edge_table(out: impl Write, graph: &CoSignGraph) -> Result<()> {
    let none = NodeAttributes::new();
    let prepared = Prepared::new(graph, &none)?;
    output::to_writer(out, |w| render_edges(w, &prepared))
}

/// [`write_edge_table`] to a file, created or truncated.
///
/// # Errors
/// As [`write_edge_table`]; I/O errors carry `path`.
pub fn write_edge_table_file(path: impl AsRef<Path>, graph: &CoSignGraph) -> Result<()> {
    let none = NodeAttributes::new();
    let prepared = Prepared::new(graph, &none)?;
    output::to_file(path.as_ref(), |w| render_edges(w, &prepared))
}

fn render_nodes<W: Write>(out: W, p: &Prepared) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["id", "name", "kind", "statements"];
    if p.has_coalition() {
        header.push("coalition");
    }
    header.extend(p.attributes.numeric.iter().map(|(name, _)| name.as_str()));
    w.write_record(&header).map_err(csv_error)?;
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    for &n in p.nodes() {
        let actor = p.actor(n);
        row.clear();
        row.push(actor.id.clone());
        row.push(actor.name.clone());
        row.push(actor.kind.to_string());
        row.push(p.graph.statements_of(n).to_string());
        if p.has_coalition() {
            row.push(p.coalition(n).map(|c| c.to_string()).unwrap_or_default());
        }
        for (_, values) in &p.attributes.numeric {
            row.push(values[n.index()].to_string());
        }
        w.write_record(&row).map_err(csv_error)?;
    }
    w.flush()
}

fn render_edges<W: Write>(out: W, p: &Prepared) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let fields = p.edge_fields();
    let header = ["source", "target"]
        .into_iter()
        .chain(fields.iter().map(|f| f.name));
    w.write_record(header).map_err(csv_error)?;
    // Field by field with one reused buffer: projections write tens of millions of rows.
    let mut text = String::new();
    for (a, b, e) in p.edges() {
        w.write_field(&p.actor(a).id).map_err(csv_error)?;
        w.write_field(&p.actor(b).id).map_err(csv_error)?;
        for f in fields {
            text.clear();
            write!(text, "{}", p.value(f, e)).expect("writing to a String");
            w.write_field(&text).map_err(csv_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(csv_error)?;
    }
    w.flush()
}
