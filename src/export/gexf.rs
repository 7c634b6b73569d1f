//! GEXF 1.3 for Gephi: a static graph, or a dynamic one over windows for the timeline.

use super::NodeAttributes;
use super::gexf_document::{AttValue, Column, Document, Element, describe, render};
use super::output;
use super::prepared::Prepared;
use super::timeline;
use crate::error::Result;
use crate::graph::CoSignGraph;
use crate::time::Window;
use std::io::Write;
use std::path::Path;

/// One window of a dynamic graph: the window, the graph projected from it, and its node
/// attributes (indexed by this graph's node indices).
///
/// ```
/// use cosignatory::export::{NodeAttributes, Snapshot};
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
/// use cosignatory::time::Window;
///
/// let ds = cosignatory::datasets::joint_statements();
/// let d = |s: &str| s.parse().unwrap();
/// let window = Window::new(d("2024-01-01"), d("2024-12-31"));
/// let view = ds.view().between(window.start, window.end);
/// let g = project(&view, &ProjectionOptions::new(Weighting::Newman))?;
/// let snapshot = Snapshot::new(window, &g).with_attributes(NodeAttributes::new());
/// assert_eq!(snapshot.window, window);
/// # Ok::<(), cosignatory::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Snapshot<'a> {
    /// The window the graph covers (both days inclusive).
    pub window: Window,
    /// The graph of that window.
    pub graph: &'a CoSignGraph,
    /// Its node attributes (for example the tracked coalition of each node).
    pub attributes: NodeAttributes,
}

impl<'a> Snapshot<'a> {
    /// A snapshot without node attributes.
    pub fn new(window: Window, graph: &'a CoSignGraph) -> Self {
        Snapshot {
            window,
            graph,
            attributes: NodeAttributes::new(),
        }
    }

    /// The snapshot with these node attributes.
    pub fn with_attributes(mut self, attributes: NodeAttributes) -> Self {
        self.attributes = attributes;
        self
    }
}

/// Writes a graph as static GEXF 1.3.
///
/// Nodes have the actor id as `id` and the name as `label`; node attributes are `kind`,
/// `statements`, then `coalition` and each numeric attribute if given. Edges carry the weight
/// in GEXF's `weight` and the attributes `count` (and for signed projections `together`,
/// `against`, `against_count`). The weighting, signedness and number of statements are in
/// `<meta><description>`. Gephi draws edge thickness from |weight|.
///
/// ```
/// use cosignatory::export::{write_gexf, NodeAttributes};
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
///
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Count))?;
/// let mut out = Vec::new();
/// write_gexf(&mut out, &g, &NodeAttributes::new())?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(r#"<graph mode="static" defaultedgetype="undirected">"#));
/// assert_eq!(text.matches("<node ").count(), g.node_count());
/// # Ok::<(), cosignatory::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for attributes that do not fit
/// the graph (see [`NodeAttributes`]) or non-finite weights; [`Error::Io`](crate::Error::Io)
/// (path `<writer>`) if writing fails.
pub fn write_gexf(out: impl Write, graph: &CoSignGraph, attributes: &NodeAttributes) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    let document = static_document(&prepared);
    output::to_writer(out, |w| render(w, &document))
}

/// [`write_gexf`] to a file, created or truncated.
///
/// # Errors
/// As [`write_gexf`]; I/O errors carry `path`.
pub fn write_gexf_file(
    path: impl AsRef<Path>,
    graph: &CoSignGraph,
    attributes: &NodeAttributes,
) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    let document = static_document(&prepared);
    output::to_file(path.as_ref(), |w| render(w, &document))
}

/// Writes a sequence of windows as one dynamic GEXF 1.3 graph (`mode="dynamic"`,
/// `timeformat="date"`, intervals), so that Gephi's timeline plays it.
///
/// * A node (keyed by actor id) or edge (keyed by its two actor ids) is present in the
///   windows whose graph has it: it gets one `<spell>` per run of windows in which it appears,
///   windows that follow each other day after day merging into one spell.
/// * Dynamic attributes get one `<attvalue>` per window with the window's first and last day
///   as `start` and `end`: nodes `statements`, `coalition` (when a snapshot gives one for the
///   node) and each numeric attribute; edges `weight` (Gephi's reserved name for a dynamic
///   edge weight), `count` and, for signed projections, `together`, `against`,
///   `against_count`. The node label (name) and `kind` are static, taken from the first
///   window the actor appears in.
/// * Attribute sets are declared with `mode="static"` / `mode="dynamic"`, as Gephi's own
///   exporter writes them and its importer requires.
///
/// Windows must be in increasing order and must not overlap (each window ends before the
/// next starts): Gephi refuses overlapping intervals for one value. For sliding windows that
/// overlap, give each snapshot the non-overlapping part it stands for (for example its step).
/// All snapshots must share one weighting and signedness, since their weights form one
/// series. Gephi reads a date as its first instant, so consecutive windows' values leave a
/// gap of one day's length between them on the timeline (spells are merged and do not).
/// Gephi draws edge thickness from |weight|.
///
/// ```
/// use cosignatory::cluster::{louvain, LouvainOptions};
/// use cosignatory::export::{write_gexf_dynamic, NodeAttributes, Snapshot};
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
/// use cosignatory::time::WindowSpec;
///
/// let ds = cosignatory::datasets::joint_statements();
/// let d = |s: &str| s.parse().unwrap();
/// let windows = WindowSpec::years().windows(d("2021-01-01"), d("2024-12-31"))?;
/// let mut graphs = Vec::new();
/// for w in &windows {
///     let g = project(&ds.view().between(w.start, w.end), &ProjectionOptions::new(Weighting::Newman))?;
///     let coalitions = louvain(&g.to_cluster_graph()?, &LouvainOptions::default())?.partition;
///     graphs.push((g, coalitions));
/// }
/// let snapshots: Vec<Snapshot> = windows
///     .iter()
///     .zip(&graphs)
///     .map(|(w, (g, p))| Snapshot::new(*w, g).with_attributes(NodeAttributes::new().with_partition(p)))
///     .collect();
/// let mut out = Vec::new();
/// write_gexf_dynamic(&mut out, &snapshots)?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.contains(r#"mode="dynamic""#) && text.contains(r#"timeformat="date""#));
/// assert!(text.contains(r#"<attvalue for="coalition" value="0" start="2021-01-01" end="2021-12-31"/>"#));
/// # Ok::<(), cosignatory::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for windows out of order,
/// overlapping or inverted, snapshots with different weightings or signedness, and anything
/// [`write_gexf`] refuses in a snapshot; [`Error::Io`](crate::Error::Io) (path `<writer>`) if
/// writing fails.
pub fn write_gexf_dynamic(out: impl Write, snapshots: &[Snapshot]) -> Result<()> {
    let document = timeline::document(snapshots)?;
    output::to_writer(out, |w| render(w, &document))
}

/// [`write_gexf_dynamic`] to a file, created or truncated.
///
/// # Errors
/// As [`write_gexf_dynamic`]; I/O errors carry `path`.
pub fn write_gexf_dynamic_file(path: impl AsRef<Path>, snapshots: &[Snapshot]) -> Result<()> {
    let document = timeline::document(snapshots)?;
    output::to_file(path.as_ref(), |w| render(w, &document))
}
fn static_document(p: &Prepared) -> Document {
    let mut node_columns = vec![
        Column::new("kind", "string", false),
        Column::new("statements", "long", false),
    ];
    if p.has_coalition() {
        node_columns.push(Column::new("coalition", "long", false));
    }
    for (name, _) in &p.attributes.numeric {
        node_columns.push(Column::new(name, "double", false));
    }
    let nodes = p
        .nodes()
        .iter()
        .map(|&n| {
            let actor = p.actor(n);
            let mut values = vec![
                value(0, actor.kind.as_str().to_string()),
                value(1, p.graph.statements_of(n).to_string()),
            ];
            let mut column = 2;
            if p.has_coalition() {
                if let Some(c) = p.coalition(n) {
                    values.push(value(column, c.to_string()));
                }
                column += 1;
            }
            for (i, (_, v)) in p.attributes.numeric.iter().enumerate() {
                values.push(value(column + i, v[n.index()].to_string()));
            }
            Element {
                xml: vec![("id", actor.id.clone()), ("label", actor.name.clone())],
                values,
                spells: Vec::new(),
            }
        })
        .collect();

    // The weight goes to GEXF's own `weight`; the other fields are attributes.
    let fields = &p.edge_fields()[1..];
    let edge_columns = fields
        .iter()
        .map(|f| Column::new(f.name, f.xml_type(), false))
        .collect();
    let edges = p
        .edges()
        .enumerate()
        .map(|(i, (a, b, e))| Element {
            xml: vec![
                ("id", i.to_string()),
                ("source", p.actor(a).id.clone()),
                ("target", p.actor(b).id.clone()),
                ("weight", p.weight(e).to_string()),
            ],
            values: fields
                .iter()
                .enumerate()
                .map(|(c, f)| value(c, p.value(f, e).to_string()))
                .collect(),
            spells: Vec::new(),
        })
        .collect();
    Document {
        dynamic: false,
        description: format!(
            "{}, {} statements",
            describe(p.graph),
            p.graph.num_statements()
        ),
        node_columns,
        edge_columns,
        nodes,
        edges,
    }
}

fn value(column: usize, value: String) -> AttValue {
    AttValue {
        column,
        value,
        window: None,
    }
}
