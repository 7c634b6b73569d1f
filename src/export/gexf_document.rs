//! The GEXF 1.3 document shared by the static and dynamic writers, and its XML.

use crate::graph::CoSignGraph;
use crate::time::Window;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::{self, Write};

const NAMESPACE: &str = "http://gexf.net/1.3";
const SCHEMA: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

/// A declared attribute (its id is also its title).
pub(crate) struct Column {
    /// The id, also written as the title.
    pub(crate) id: String,
    /// The GEXF type: `string`, `long` or `double`.
    pub(crate) kind: &'static str,
    /// Declared in the `mode="dynamic"` set (values carry `start` and `end`).
    pub(crate) dynamic: bool,
}

/// One `<attvalue>`: the column's position, the value, and its window if dynamic.
pub(crate) struct AttValue {
    /// Position of the column in its class's columns.
    pub(crate) column: usize,
    /// The value as written.
    pub(crate) value: String,
    /// The window of a dynamic value.
    pub(crate) window: Option<Window>,
}

/// A node or an edge: its XML attributes, values and spells.
pub(crate) struct Element {
    /// XML attributes of the `<node>` or `<edge>`, in order.
    pub(crate) xml: Vec<(&'static str, String)>,
    /// Its `<attvalue>`s, in order.
    pub(crate) values: Vec<AttValue>,
    /// Its `<spell>`s (empty for a static document).
    pub(crate) spells: Vec<Window>,
}

/// A whole GEXF document, ready to write.
pub(crate) struct Document {
    /// `mode="dynamic"` with dates, else `mode="static"`.
    pub(crate) dynamic: bool,
    /// The `<meta><description>`.
    pub(crate) description: String,
    /// Node attribute columns.
    pub(crate) node_columns: Vec<Column>,
    /// Edge attribute columns.
    pub(crate) edge_columns: Vec<Column>,
    /// The nodes, in output order.
    pub(crate) nodes: Vec<Element>,
    /// The edges, in output order.
    pub(crate) edges: Vec<Element>,
}

impl Column {
    /// A column with this id (and title), GEXF type and mode.
    pub(crate) fn new(id: &str, kind: &'static str, dynamic: bool) -> Column {
        Column {
            id: id.to_string(),
            kind,
            dynamic,
        }
    }
}

/// The description of a graph for `<meta>`.
pub(crate) fn describe(graph: &CoSignGraph) -> String {
    format!(
        "Co-signature graph: weighting {}, {} projection",
        graph.weighting(),
        if graph.is_signed() {
            "signed"
        } else {
            "unsigned"
        }
    )
}

/// Writes the document as indented XML with a declaration and a final newline.
pub(crate) fn render<W: Write>(out: W, d: &Document) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("gexf")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xsi:schemaLocation", SCHEMA))
        .with_attribute(("version", "1.3"))
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator")
                    .write_text_content(BytesText::new("cosignatory"))?;
                w.create_element("description")
                    .write_text_content(BytesText::new(&d.description))?;
                Ok(())
            })?;
            let mut graph = w.create_element("graph");
            graph = if d.dynamic {
                graph
                    .with_attribute(("mode", "dynamic"))
                    .with_attribute(("defaultedgetype", "undirected"))
                    .with_attribute(("timeformat", "date"))
                    .with_attribute(("timerepresentation", "interval"))
            } else {
                graph
                    .with_attribute(("mode", "static"))
                    .with_attribute(("defaultedgetype", "undirected"))
            };
            graph.write_inner_content(|w| {
                declare(w, "node", &d.node_columns)?;
                declare(w, "edge", &d.edge_columns)?;
                elements(w, "nodes", "node", &d.nodes, &d.node_columns)?;
                elements(w, "edges", "edge", &d.edges, &d.edge_columns)
            })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}

/// `<attributes class=".." mode="static">` then `mode="dynamic"`, each only if non-empty.
fn declare<W: Write>(w: &mut Writer<W>, class: &str, columns: &[Column]) -> io::Result<()> {
    for (mode, dynamic) in [("static", false), ("dynamic", true)] {
        if !columns.iter().any(|c| c.dynamic == dynamic) {
            continue;
        }
        w.create_element("attributes")
            .with_attribute(("class", class))
            .with_attribute(("mode", mode))
            .write_inner_content(|w| {
                for c in columns.iter().filter(|c| c.dynamic == dynamic) {
                    w.create_element("attribute")
                        .with_attribute(("id", c.id.as_str()))
                        .with_attribute(("title", c.id.as_str()))
                        .with_attribute(("type", c.kind))
                        .write_empty()?;
                }
                Ok(())
            })?;
    }
    Ok(())
}

fn elements<W: Write>(
    w: &mut Writer<W>,
    list: &str,
    tag: &str,
    elements: &[Element],
    columns: &[Column],
) -> io::Result<()> {
    let count = elements.len().to_string();
    w.create_element(list)
        .with_attribute(("count", count.as_str()))
        .write_inner_content(|w| {
            for e in elements {
                let start = w
                    .create_element(tag)
                    .with_attributes(e.xml.iter().map(|(k, v)| (*k, v.as_str())));
                if e.values.is_empty() && e.spells.is_empty() {
                    start.write_empty()?;
                    continue;
                }
                start.write_inner_content(|w| {
                    if !e.values.is_empty() {
                        w.create_element("attvalues").write_inner_content(|w| {
                            for v in &e.values {
                                attvalue(w, v, &columns[v.column].id)?;
                            }
                            Ok(())
                        })?;
                    }
                    if !e.spells.is_empty() {
                        w.create_element("spells").write_inner_content(|w| {
                            for s in &e.spells {
                                let (from, to) = (s.start.to_string(), s.end.to_string());
                                w.create_element("spell")
                                    .with_attribute(("start", from.as_str()))
                                    .with_attribute(("end", to.as_str()))
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

fn attvalue<W: Write>(w: &mut Writer<W>, v: &AttValue, column: &str) -> io::Result<()> {
    let element = w
        .create_element("attvalue")
        .with_attribute(("for", column))
        .with_attribute(("value", v.value.as_str()));
    match v.window {
        Some(window) => {
            let (from, to) = (window.start.to_string(), window.end.to_string());
            element
                .with_attribute(("start", from.as_str()))
                .with_attribute(("end", to.as_str()))
                .write_empty()?;
        }
        None => {
            element.write_empty()?;
        }
    }
    Ok(())
}
