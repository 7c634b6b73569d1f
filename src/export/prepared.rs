//! A graph and its attributes checked and put in output order, shared by every format.

use super::NodeAttributes;
use crate::error::{Error, Result};
use crate::graph::{CoSignGraph, TableOrder};
use crate::model::Actor;
use petgraph::graph::{EdgeIndex, NodeIndex};

/// A number of an edge field: written as an integer or as a shortest round-trip double.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// An integer.
    Int(u32),
    /// A finite double.
    Float(f64),
    /// A signed integer (a backbone edge's sign).
    Signed(i8),
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(x) => write!(f, "{x}"),
            Number::Float(x) => write!(f, "{x}"),
            Number::Signed(x) => write!(f, "{x}"),
        }
    }
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match *self {
            Number::Int(x) => s.serialize_u32(x),
            Number::Float(x) => s.serialize_f64(x),
            Number::Signed(x) => s.serialize_i8(x),
        }
    }
}

/// One edge field: its name and how to read it.
pub(crate) struct EdgeField {
    /// The attribute name.
    pub(crate) name: &'static str,
    /// Whether the values are integers (else doubles).
    pub(crate) integer: bool,
    /// The value of an edge of a graph.
    pub(crate) get: fn(&CoSignGraph, EdgeIndex) -> Number,
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
    get: |g, e| Number::Float(g.graph()[e].weight),
};
const COUNT: EdgeField = EdgeField {
    name: "count",
    integer: true,
    get: |g, e| Number::Int(g.graph()[e].count),
};
const TOGETHER: EdgeField = EdgeField {
    name: "together",
    integer: false,
    get: |g, e| Number::Float(g.together(e)),
};
const AGAINST: EdgeField = EdgeField {
    name: "against",
    integer: false,
    get: |g, e| Number::Float(g.against(e)),
};
const AGAINST_COUNT: EdgeField = EdgeField {
    name: "against_count",
    integer: true,
    get: |g, e| Number::Int(g.graph()[e].against_count),
};

const P_VALUE: EdgeField = EdgeField {
    name: "p_value",
    integer: false,
    get: |g, e| Number::Float(g.edge_test(e).map_or(f64::NAN, |t| t.p_value)),
};
const P_LOWER: EdgeField = EdgeField {
    name: "p_lower",
    integer: false,
    get: |g, e| Number::Float(g.edge_test(e).map_or(f64::NAN, |t| t.p_lower)),
};
const SIGN: EdgeField = EdgeField {
    name: "sign",
    integer: true,
    get: |g, e| Number::Signed(g.edge_test(e).map_or(0, |t| t.sign)),
};

/// The edge fields written for a graph: `weight` and `count`; for a signed projection also
/// `together`, `against` and `against_count`; for a backbone `p_value`, `p_lower` (when both
/// tails were tested) and `sign`.
pub(crate) fn edge_fields(graph: &CoSignGraph) -> &'static [EdgeField] {
    const UNSIGNED: [EdgeField; 2] = [WEIGHT, COUNT];
    const SIGNED: [EdgeField; 5] = [WEIGHT, COUNT, TOGETHER, AGAINST, AGAINST_COUNT];
    const UNSIGNED_P: [EdgeField; 4] = [WEIGHT, COUNT, P_VALUE, SIGN];
    const SIGNED_P: [EdgeField; 7] = [
        WEIGHT,
        COUNT,
        TOGETHER,
        AGAINST,
        AGAINST_COUNT,
        P_VALUE,
        SIGN,
    ];
    const UNSIGNED_PL: [EdgeField; 5] = [WEIGHT, COUNT, P_VALUE, P_LOWER, SIGN];
    const SIGNED_PL: [EdgeField; 8] = [
        WEIGHT,
        COUNT,
        TOGETHER,
        AGAINST,
        AGAINST_COUNT,
        P_VALUE,
        P_LOWER,
        SIGN,
    ];
    match (graph.is_signed(), graph.edge_tests()) {
        (false, (false, _)) => &UNSIGNED,
        (true, (false, _)) => &SIGNED,
        (false, (true, false)) => &UNSIGNED_P,
        (true, (true, false)) => &SIGNED_P,
        (false, (true, true)) => &UNSIGNED_PL,
        (true, (true, true)) => &SIGNED_PL,
    }
}

/// A checked graph with its nodes and edges in output order.
pub(crate) struct Prepared<'a> {
    /// The graph.
    pub(crate) graph: &'a CoSignGraph,
    /// The attributes, checked against the graph.
    pub(crate) attributes: &'a NodeAttributes,
    /// Nodes and edges in output order.
    order: TableOrder,
}

impl<'a> Prepared<'a> {
    /// Checks `attributes` against `graph` and puts nodes and edges in output order: nodes by
    /// actor id, edges by `(id(a), id(b))` with `id(a) <= id(b)`.
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
        let fields = edge_fields(graph);
        for e in g.edge_indices() {
            for field in fields {
                if let Number::Float(x) = (field.get)(graph, e)
                    && !x.is_finite()
                {
                    let (a, b) = g.edge_endpoints(e).expect("edge of the graph");
                    let (a, b) = (g[a].id.as_str(), g[b].id.as_str());
                    return Err(Error::InvalidParameter {
                        name: "graph",
                        value: format!("{} {}", a.min(b), a.max(b)),
                        reason: format!("edge {} {x} is not finite", field.name),
                    });
                }
            }
        }
        Ok(Prepared {
            graph,
            attributes,
            order: graph.table_order(),
        })
    }

    /// Node indices in actor-id order.
    pub(crate) fn nodes(&self) -> &[NodeIndex] {
        self.order.nodes()
    }

    /// The edges in output order as `(a, b, edge)` with `id(a) <= id(b)`.
    pub(crate) fn edges(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex, EdgeIndex)> + '_ {
        self.order.edges(self.graph)
    }

    /// The value of an edge field.
    pub(crate) fn value(&self, field: &EdgeField, e: EdgeIndex) -> Number {
        (field.get)(self.graph, e)
    }

    /// The weight of an edge.
    pub(crate) fn weight(&self, e: EdgeIndex) -> f64 {
        self.graph.graph()[e].weight
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
        edge_fields(self.graph)
    }
}

fn check_text(actor: &Actor) -> Result<()> {
    for (field, text) in [
        ("id", actor.id.as_str()),
        ("name", actor.name.as_str()),
        ("kind", actor.kind.as_str()),
    ] {
        let bad = text
            .chars()
            .find(|&c| char::is_control(c) || super::xml_forbidden(c));
        if let Some(c) = bad {
            return Err(Error::InvalidParameter {
                name: "graph",
                value: actor.id.escape_debug().to_string(),
                reason: format!(
                    "actor {field} {:?} contains {}, which the export formats cannot all carry \
                     (XML has no way to write it, even escaped)",
                    text,
                    describe_char(c)
                ),
            });
        }
    }
    Ok(())
}

/// `U+FFFE` or `a control character (U+0001)`.
fn describe_char(c: char) -> String {
    if c.is_control() {
        format!("a control character (U+{:04X})", u32::from(c))
    } else {
        format!("U+{:04X}", u32::from(c))
    }
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
        let ids: Vec<&str> = p.nodes().iter().map(|&n| p.actor(n).id.as_str()).collect();
        assert_eq!(ids, ["ARG", "BRA", "CHN", "ZAF"]);
        let pairs: Vec<(&str, &str, u32)> = p
            .edges()
            .map(|(a, b, e)| {
                let count = g.graph()[e].count;
                (p.actor(a).id.as_str(), p.actor(b).id.as_str(), count)
            })
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
    fn edges_out_of_index_order_are_sorted() {
        let sorted = |g: &CoSignGraph| -> Vec<(String, String, u32)> {
            let attributes = NodeAttributes::new();
            let p = Prepared::new(g, &attributes).unwrap();
            p.edges()
                .map(|(a, b, e)| {
                    let id = |n| p.actor(n).id.clone();
                    (id(a), id(b), g.graph()[e].count)
                })
                .collect()
        };
        let g = graph(&[&["ZAF", "ARG"], &["ARG", "BRA", "ZAF"], &["CHN", "BRA"]]);
        let expected = sorted(&g);
        assert!(
            Prepared::new(&g, &NodeAttributes::new())
                .unwrap()
                .order
                .is_index_order()
        );
        // Move ARG–BRA to the end, reversed: the graph's own order is no longer the output
        // order, so the prepared edges must be sorted.
        let mut moved = g.clone();
        let (arg, bra) = (moved.node("ARG").unwrap(), moved.node("BRA").unwrap());
        let e = moved.graph.find_edge(arg, bra).unwrap();
        let w = moved.graph.remove_edge(e).unwrap();
        moved.graph.add_edge(bra, arg, w);
        let attributes = NodeAttributes::new();
        assert!(
            !Prepared::new(&moved, &attributes)
                .unwrap()
                .order
                .is_index_order()
        );
        assert_eq!(sorted(&moved), expected);
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
