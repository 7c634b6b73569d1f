//! Writing co-signature graphs for other tools: GraphML, GEXF (static, and dynamic over
//! windows for Gephi's timeline), DOT, node-link JSON and CSV node and edge tables.
//!
//! Every writer takes a [`CoSignGraph`](crate::graph::CoSignGraph) plus optional
//! [`NodeAttributes`] (a coalition per node, and named numbers such as centralities), writes to
//! any [`std::io::Write`] and has a `_file` twin that writes to a path. Nothing here needs the
//! command-line tool.
//!
//! ## What is written
//!
//! | | nodes | edges | graph |
//! |---|---|---|---|
//! | fixed | `id` (actor id), `name`, `kind`, `statements` (statements the actor took part in) | `weight`, `count`; signed projections add `together`, `against`, `against_count` | `weighting`, `signed`, `statements` (statements in the view) |
//! | optional | `coalition`, then each numeric attribute in the order given | | |
//!
//! Formats differ only where they must: GEXF puts the name in the node `label` and the graph
//! fields in `<meta>`; DOT puts the name in `label`, calls the edge weight `cosign_weight`
//! (Graphviz reads `weight` as a non-negative layout weight) and adds drawing hints (fill
//! colour by coalition, pen width by |weight|, dashed negative edges).
//!
//! ## Guarantees
//!
//! * **Deterministic**: nodes in actor-id order, edges sorted by their endpoints' ids (the
//!   smaller id first), attributes in a fixed order; the same input gives the same bytes.
//! * **Round-trip floats**: numbers are written in Rust's shortest round-trip form (`{}` for
//!   `f64`), so a reader parsing them as IEEE doubles gets the exact values back.
//! * **Signed graphs**: negative weights are written as they are. Gephi draws an edge's
//!   thickness from |weight|, so a negative edge looks like a positive one of the same size
//!   there; colour or filter on the `weight` column to tell them apart.
//! * **Checked input**: attribute vectors must have one value per node, numeric values and
//!   edge weights must be finite, names must be identifiers that do not shadow a fixed field,
//!   and ids, names and kinds must not contain control characters. Violations are
//!   [`Error::InvalidParameter`](crate::Error::InvalidParameter); write failures are
//!   [`Error::Io`](crate::Error::Io) with the path (`<writer>` for a plain writer).
//!
//! ```
//! use cosignatory::cluster::{louvain, LouvainOptions};
//! use cosignatory::export::{write_graphml, NodeAttributes};
//! use cosignatory::graph::{pagerank, project, CentralityOptions, ProjectionOptions, Weighting};
//!
//! let ds = cosignatory::datasets::joint_statements();
//! let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Newman))?;
//! let coalitions = louvain(&g.to_cluster_graph()?, &LouvainOptions::default())?;
//! let pr = pagerank(g.graph(), |e| e.weight, &CentralityOptions::default())?;
//! let attributes = NodeAttributes::new()
//!     .with_partition(&coalitions.partition)
//!     .with_numeric("pagerank", pr);
//!
//! let mut out = Vec::new();
//! write_graphml(&mut out, &g, &attributes)?;
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.contains(r#"attr.name="coalition""#));
//! # Ok::<(), cosignatory::Error>(())
//! ```

mod attributes;
mod dot;
mod gexf;
mod gexf_document;
mod graphml;
mod node_link;
mod output;
mod prepared;
mod tables;
mod timeline;
mod tracked;

pub use attributes::NodeAttributes;
pub use dot::{write_dot, write_dot_file};
pub use gexf::{
    Snapshot, write_gexf, write_gexf_dynamic, write_gexf_dynamic_file, write_gexf_file,
};
pub use graphml::{write_graphml, write_graphml_file};
pub use node_link::{write_node_link, write_node_link_file};
pub use tables::{
    write_edge_table, write_edge_table_file, write_node_table, write_node_table_file,
};
pub use tracked::write_timeline_gexf_file;

/// Whether XML 1.0 (GraphML, GEXF, SVG) cannot carry `c` at all, escaped or not: the control
/// characters other than tab, line feed and carriage return, and the noncharacters U+FFFE and
/// U+FFFF (XML 1.0, section 2.2, production `Char`). The writers refuse such text with an
/// error naming it rather than write a document no parser reads.
///
/// ```
/// use cosignatory::export::xml_forbidden;
/// assert!(xml_forbidden('\u{1}') && xml_forbidden('\u{fffe}'));
/// assert!(!xml_forbidden('\t') && !xml_forbidden('&') && !xml_forbidden('é'));
/// ```
pub fn xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}
