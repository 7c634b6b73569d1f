//! A graph and its attributes checked and put in output order, shared by every format.

use super::NodeAttributes;
use crate::error::{Error, Result};
use crate::graph::{CoSign, CoSignGraph};
use crate::model::Actor;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

/// A number of an edge field: written as an integer or as a shortest round-trip double.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// An integer.
    Int(u32),
    /// A finite double.
    Float(f64),
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(x) => write!(f, "{x}"),
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match *self {
            Number::Int(x) => s.serialize_u32(x),
            Number::Float(x) => s.serialize_f64(x),
        }
    }
}

/// One edge field: its name and how to read it.
pub(crate) struct EdgeField {
    /// The attribute name.
    pub(crate) name: &'static str,
    /// Whether the values are integers (else doubles).
    pub(crate) integer: bool,
    /// The value of an edge.
    pub(crate) get: fn(&CoSign) -> Number,
}

impl EdgeField {
    /// The GraphML `attr.type` and GEXF attribute type: `long` or `double`.
    pub(crate) fn xml_type(&self) -> &'static str {
        if self.integer { "long" } else { "double" }
    }
}

const WEIGHT: EdgeField = EdgeField {
    name: "weight",
    integer: false,
    get: |e| Number::Float(e.weight),
};
const COUNT: EdgeField = EdgeField {
    name: "count",
    integer: true,
    get: |e| Number::Int(e.count),
};
const TOGETHER: EdgeField = EdgeField {
    name: "together",
    integer: false,
    get: |e| Number::Float(e.together),
};
const AGAINST: EdgeField = EdgeField {
    name: "against",
    integer: false,
    get: |e| Number::Float(e.against),
};
const AGAINST_COUNT: EdgeField = EdgeField {
    name: "against_count",
    integer: true,
    get: |e| Number::Int(e.against_count),
};

/// The edge fields written for a graph: `weight` and `count`, and for a signed projection
/// also `together`, `against` and `against_count`.
pub(crate) fn edge_fields(signed: bool) -> &'static [EdgeField] {
    const UNSIGNED: [EdgeField; 2] = [WEIGHT, COUNT];
    const SIGNED: [EdgeField; 5] = [WEIGHT, COUNT, TOGETHER, AGAINST, AGAINST_COUNT];
    if signed { &SIGNED } else { &UNSIGNED }
}

/// A checked graph with its nodes and edges in output order.
pub(crate) struct Prepared<'a> {
    /// The graph.
    pub(crate) graph: &'a CoSignGraph,
    /// The attributes, checked against the graph.
    pub(crate) attributes: &'a NodeAttributes,
    /// Node indices in actor-id order.
    pub(crate) nodes: Vec<NodeIndex>,
    /// Edges as `(a, b, edge)` with `id(a) <= id(b)`, sorted by `(id(a), id(b))`.
    pub(crate) edges: Vec<(NodeIndex, NodeIndex, &'a CoSign)>,
}

impl<'a> Prepared<'a> {
    /// Checks `attributes` against `graph` and sorts nodes and edges.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for attributes that do not fit the graph (see
    /// [`NodeAttributes`]), a non-finite edge field, or an actor id, name or kind with a
    /// control character.
    pub(crate) fn new(graph: &'a CoSignGraph, attributes: &'a NodeAttributes) -> Result<Self> {
        let g = graph.graph();
        attributes.check(g.node_count())?;
        for actor in g.node_weights() {
            check_text(actor)?;
        }
        let id = |n: NodeIndex| g[n].id.as_str();
        let mut nodes: Vec<NodeIndex> = g.node_indices().collect();
        nodes.sort_by(|&a, &b| id(a).cmp(id(b)));

        let fields = edge_fields(graph.is_signed());
        let mut edges = Vec::with_capacity(g.edge_count());
        for e in g.edge_references() {
            let (mut a, mut b) = (e.source(), e.target());
            if id(b) < id(a) {
                std::mem::swap(&mut a, &mut b);
            }
            for field in fields {
                if let Number::Float(x) = (field.get)(e.weight())
                    && !x.is_finite()
                {
                    return Err(Error::InvalidParameter {
                        name: "graph",
                        value: format!("{} {}", id(a), id(b)),
                        reason: format!("edge {} {x} is not finite", field.name),
                    });
                }
            }
            edges.push((a, b, e.weight()));
        }
        // Stable: parallel edges, should a graph have them, keep their index order.
        edges.sort_by(|x, y| (id(x.0), id(x.1)).cmp(&(id(y.0), id(y.1))));
        Ok(Prepared {
            graph,
            attributes,
            nodes,
            edges,
        })
    }

    /// The actor at a node.
    pub(crate) fn actor(&self, node: NodeIndex) -> &'a Actor {
        self.graph.actor(node)
    }

    /// The coalition of a node, if the attributes have one for it.
    pub(crate) fn coalition(&self, node: NodeIndex) -> Option<usize> {
        self.attributes.coalition.as_ref()?[node.index()]
    }

    /// Whether a coalition attribute is written at all.
    pub(crate) fn has_coalition(&self) -> bool {
        self.attributes.coalition.is_some()
    }

    /// The edge fields of this graph.
    pub(crate) fn edge_fields(&self) -> &'static [EdgeField] {
        edge_fields(self.graph.is_signed())
    }
}

fn check_text(actor: &Actor) -> Result<()> {
    for (field, text) in [
        ("id", actor.id.as_str()),
        ("name", actor.name.as_str()),
        ("kind", actor.kind.as_str()),
    ] {
        if text.chars().any(char::is_control) {
            return Err(Error::InvalidParameter {
                name: "graph",
                value: actor.id.escape_debug().to_string(),
                reason: format!(
                    "actor {field} {:?} contains a control character, which the export formats cannot all carry",
                    text
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ProjectionOptions, Weighting, project};
    use crate::model::{DatasetBuilder, Statement, StatementKind};

    fn graph(members: &[&[&str]]) -> CoSignGraph {
        let d = "2020-01-01".parse().unwrap();
        let mut b = DatasetBuilder::new();
        for (i, m) in members.iter().enumerate() {
            let id = format!("S{i}");
            b.statement(Statement::new(&id, d, StatementKind::JointStatement));
            b.signed_by(&id, m.iter().copied());
        }
        project(
            &b.build().unwrap().view(),
            &ProjectionOptions::new(Weighting::Count),
        )
        .unwrap()
    }

    #[test]
    fn orders_nodes_by_id_and_edges_by_endpoint_ids() {
        let g = graph(&[&["ZAF", "ARG"], &["ARG", "BRA", "ZAF"], &["CHN", "BRA"]]);
        let attributes = NodeAttributes::new();
        let p = Prepared::new(&g, &attributes).unwrap();
        let ids: Vec<&str> = p.nodes.iter().map(|&n| p.actor(n).id.as_str()).collect();
        assert_eq!(ids, ["ARG", "BRA", "CHN", "ZAF"]);
        let pairs: Vec<(&str, &str, u32)> = p
            .edges
            .iter()
            .map(|&(a, b, e)| (p.actor(a).id.as_str(), p.actor(b).id.as_str(), e.count))
            .collect();
        assert_eq!(
            pairs,
            [
                ("ARG", "BRA", 1),
                ("ARG", "ZAF", 2),
                ("BRA", "CHN", 1),
                ("BRA", "ZAF", 1)
            ]
        );
    }

    #[test]
    fn rejects_non_finite_weights_and_control_characters() {
        let g = graph(&[&["AAA", "BBB"]]);
        let none = NodeAttributes::new();
        let mut inf = g.clone();
        inf.graph
            .edge_weights_mut()
            .for_each(|e| e.weight = f64::INFINITY);
        let e = Prepared::new(&inf, &none).err().unwrap().to_string();
        assert!(e.contains("AAA BBB") && e.contains("weight inf"), "{e}");

        let mut tab = g.clone();
        tab.graph
            .node_weights_mut()
            .for_each(|a| a.name = "A\tB".into());
        let e = Prepared::new(&tab, &none).err().unwrap().to_string();
        assert!(e.contains("control character"), "{e}");
    }
}
