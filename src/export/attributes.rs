//! [`NodeAttributes`]: what the exporters write next to a node's own fields.

use crate::cluster::Partition;
use crate::error::{Error, Result};

/// Names the exporters use themselves, so a numeric attribute cannot take them: the node
/// fields of every format, and the drawing attributes the DOT writer sets on nodes.
const RESERVED: [&str; 9] = [
    "id",
    "name",
    "label",
    "kind",
    "statements",
    "coalition",
    "style",
    "colorscheme",
    "fillcolor",
];

/// Per-node attributes to export with a graph, each indexed by the graph's node index (the
/// order of [`CoSignGraph::graph`](crate::graph::CoSignGraph::graph), which is also the order
/// of partitions from [`CoSignGraph::to_cluster_graph`](crate::graph::CoSignGraph::to_cluster_graph)
/// and of the centrality functions' results).
///
/// * `coalition`: one entry per node, `None` for a node without a coalition (the attribute is
///   left out for that node, or the CSV cell left empty). Written as an integer attribute.
/// * `numeric`: named numbers, one vector per name with one finite value per node, written as
///   double attributes in the order given. Names must be ASCII identifiers (letters, digits
///   and `_`, not starting with a digit), distinct, and not one of `id`, `name`, `label`,
///   `kind`, `statements`, `coalition`, `style`, `colorscheme`, `fillcolor`. In DOT the names
///   are Graphviz attributes too: a name Graphviz knows (such as `width`) changes the drawing.
///
/// The writers check all of this and return
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) naming the attribute.
///
/// ```
/// use cosignatory::cluster::Partition;
/// use cosignatory::export::NodeAttributes;
/// let attributes = NodeAttributes::new()
///     .with_partition(&Partition::from_labels(&[0, 0, 1]))
///     .with_numeric("strength", vec![2.0, 1.5, 0.5]);
/// assert_eq!(attributes.coalition, Some(vec![Some(0), Some(0), Some(1)]));
/// assert_eq!(attributes.numeric[0].0, "strength");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeAttributes {
    /// The coalition of each node (`None`: no coalition), or `None` to write no coalition
    /// attribute at all.
    pub coalition: Option<Vec<Option<usize>>>,
    /// Named numeric attributes, each with one value per node.
    pub numeric: Vec<(String, Vec<f64>)>,
}

impl NodeAttributes {
    /// No attributes beyond the graph's own.
    pub fn new() -> Self {
        NodeAttributes::default()
    }

    /// Sets the coalitions to a partition's communities (`membership()[i]` for node `i`).
    pub fn with_partition(self, partition: &Partition) -> Self {
        self.with_coalitions(partition.membership().iter().copied())
    }

    /// Sets the coalitions from one label per node.
    pub fn with_coalitions(self, labels: impl IntoIterator<Item = usize>) -> Self {
        self.with_optional_coalitions(labels.into_iter().map(Some))
    }

    /// Sets the coalitions from one optional label per node (`None`: the node belongs to no
    /// coalition, for example a community too small to be tracked).
    pub fn with_optional_coalitions(
        mut self,
        labels: impl IntoIterator<Item = Option<usize>>,
    ) -> Self {
        self.coalition = Some(labels.into_iter().collect());
        self
    }

    /// Adds a named numeric attribute with one value per node.
    pub fn with_numeric(mut self, name: impl Into<String>, values: Vec<f64>) -> Self {
        self.numeric.push((name.into(), values));
        self
    }

    /// Checks the attributes against a graph of `nodes` nodes.
    pub(crate) fn check(&self, nodes: usize) -> Result<()> {
        if let Some(c) = &self.coalition {
            check_len("coalition", c.len(), nodes)?;
        }
        for (i, (name, values)) in self.numeric.iter().enumerate() {
            check_name(name)?;
            if self.numeric[..i].iter().any(|(n, _)| n == name) {
                return Err(invalid(name, "appears twice".into()));
            }
            check_len(name, values.len(), nodes)?;
            if let Some(node) = values.iter().position(|v| !v.is_finite()) {
                return Err(invalid(
                    name,
                    format!("value {} at node {node} is not finite", values[node]),
                ));
            }
        }
        Ok(())
    }
}

fn invalid(name: &str, reason: String) -> Error {
    Error::InvalidParameter {
        name: "attributes",
        value: name.to_string(),
        reason,
    }
}

fn check_len(name: &str, len: usize, nodes: usize) -> Result<()> {
    if len == nodes {
        Ok(())
    } else {
        Err(invalid(
            name,
            format!("has {len} values but the graph has {nodes} nodes"),
        ))
    }
}

fn check_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !identifier {
        return Err(invalid(
            name,
            "is not a name of ASCII letters, digits and `_` starting with a letter or `_`".into(),
        ));
    }
    if RESERVED.contains(&name) {
        return Err(invalid(
            name,
            format!(
                "is a name the exporters use themselves ({})",
                RESERVED.join(", ")
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_lengths_names_and_values() {
        let ok = NodeAttributes::new()
            .with_coalitions([0, 1])
            .with_numeric("pagerank", vec![0.5, 0.5])
            .with_numeric("_z2", vec![-1.0, 1.0]);
        assert!(ok.check(2).is_ok());
        assert!(ok.check(3).is_err());

        let bad = |a: NodeAttributes| a.check(2).unwrap_err().to_string();
        assert!(
            bad(NodeAttributes::new().with_numeric("2x", vec![0.0; 2])).contains("= 2x: is not")
        );
        assert!(bad(NodeAttributes::new().with_numeric("a b", vec![0.0; 2])).contains("ASCII"));
        assert!(bad(NodeAttributes::new().with_numeric("", vec![0.0; 2])).contains("ASCII"));
        assert!(bad(NodeAttributes::new().with_numeric("kind", vec![0.0; 2])).contains("use"));
        assert!(
            bad(NodeAttributes::new().with_numeric("x", vec![0.0, f64::NAN])).contains("node 1")
        );
        assert!(
            bad(NodeAttributes::new()
                .with_numeric("x", vec![0.0; 2])
                .with_numeric("x", vec![1.0; 2]))
            .contains("twice")
        );
        assert!(bad(NodeAttributes::new().with_coalitions([0])).contains("1 values"));
    }

    #[test]
    fn partition_gives_one_coalition_per_node() {
        let p = Partition::from_labels(&[4, 4, 9]);
        let a = NodeAttributes::new().with_partition(&p);
        assert_eq!(a.coalition, Some(vec![Some(0), Some(0), Some(1)]));
    }
}
