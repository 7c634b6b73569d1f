//! [`Dendrogram`]: the merge tree of hierarchical clustering, its cuts and its Newick form.

use serde::{Deserialize, Serialize};

use super::{ClusterError, Partition};

/// One merge of a [`Dendrogram`], in scipy's `linkage` convention: leaves are clusters
/// `0..n`, and merge `i` creates cluster `n + i`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    /// The smaller id of the two merged clusters.
    pub left: usize,
    /// The larger id of the two merged clusters.
    pub right: usize,
    /// The linkage distance at which they merge.
    pub height: f64,
    /// Number of leaves in the new cluster.
    pub size: usize,
}

/// The `n − 1` merges of an agglomerative clustering of `n` leaves, by non-decreasing
/// height. Produced by [`agglomerative`](super::agglomerative).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DendrogramRepr", into = "DendrogramRepr")]
pub struct Dendrogram {
    leaves: usize,
    merges: Vec<Merge>,
}

#[derive(Serialize, Deserialize)]
struct DendrogramRepr {
    leaves: usize,
    merges: Vec<Merge>,
}

impl From<Dendrogram> for DendrogramRepr {
    fn from(d: Dendrogram) -> Self {
        DendrogramRepr {
            leaves: d.leaves,
            merges: d.merges,
        }
    }
}

impl TryFrom<DendrogramRepr> for Dendrogram {
    type Error = ClusterError;
    fn try_from(r: DendrogramRepr) -> Result<Self, Self::Error> {
        Dendrogram::from_merges(r.leaves, r.merges)
    }
}

fn invalid(merges: &[Merge], reason: String) -> ClusterError {
    ClusterError::InvalidParameter {
        name: "merges",
        value: format!("{} merges", merges.len()),
        reason,
    }
}

impl Dendrogram {
    /// Checks and wraps merges given in scipy's convention.
    ///
    /// # Errors
    /// [`ClusterError::InvalidParameter`] unless there are `n − 1` merges (none for
    /// `n ≤ 1`), each joining two existing, not yet merged clusters, with correct sizes and
    /// finite non-decreasing heights.
    pub fn from_merges(leaves: usize, merges: Vec<Merge>) -> Result<Dendrogram, ClusterError> {
        if merges.len() != leaves.saturating_sub(1) {
            return Err(invalid(
                &merges,
                format!("{} merges for {leaves} leaves", merges.len()),
            ));
        }
        let mut size: Vec<usize> = vec![1; leaves];
        let mut used = vec![false; leaves];
        let mut last = f64::NEG_INFINITY;
        for (i, m) in merges.iter().enumerate() {
            let ok_ids =
                m.left < m.right && m.right < leaves + i && !used[m.left] && !used[m.right];
            if !ok_ids {
                return Err(invalid(
                    &merges,
                    format!(
                        "merge {i} joins invalid clusters {} and {}",
                        m.left, m.right
                    ),
                ));
            }
            if size[m.left] + size[m.right] != m.size {
                return Err(invalid(
                    &merges,
                    format!(
                        "merge {i} has size {} instead of {}",
                        m.size,
                        size[m.left] + size[m.right]
                    ),
                ));
            }
            if !m.height.is_finite() || m.height < last {
                return Err(invalid(
                    &merges,
                    format!("merge {i} has height {} after {last}", m.height),
                ));
            }
            last = m.height;
            used[m.left] = true;
            used[m.right] = true;
            size.push(m.size);
            used.push(false);
        }
        Ok(Dendrogram { leaves, merges })
    }

    pub(crate) fn from_merges_unchecked(leaves: usize, merges: Vec<Merge>) -> Dendrogram {
        debug_assert!(Dendrogram::from_merges(leaves, merges.clone()).is_ok());
        Dendrogram { leaves, merges }
    }

    /// Number of leaves `n`.
    pub fn leaf_count(&self) -> usize {
        self.leaves
    }

    /// The merges, by non-decreasing height.
    pub fn merges(&self) -> &[Merge] {
        &self.merges
    }

    /// The partition into `k` clusters obtained by applying the first `n − k` merges.
    /// Clusters are numbered by their smallest leaf.
    ///
    /// # Errors
    /// [`ClusterError::InvalidParameter`] unless `1 ≤ k ≤ n` (or `k = 0` when `n = 0`).
    pub fn cut_at_k(&self, k: usize) -> Result<Partition, ClusterError> {
        if k > self.leaves || (k == 0 && self.leaves > 0) {
            return Err(ClusterError::InvalidParameter {
                name: "k",
                value: k.to_string(),
                reason: format!("must lie in 1..={} (the number of leaves)", self.leaves),
            });
        }
        Ok(self.apply(self.leaves - k))
    }

    /// The leaves in the order a drawing of the tree puts them (left subtree first at every
    /// merge), so that the members of every cluster are adjacent: the row and column order of
    /// a clustered heatmap.
    ///
    /// ```
    /// use cosignatory::cluster::{agglomerative, DistanceMatrix, Linkage};
    /// let d = DistanceMatrix::from_square(&[
    ///     vec![0.0, 1.0, 0.2],
    ///     vec![1.0, 0.0, 1.0],
    ///     vec![0.2, 1.0, 0.0],
    /// ]).unwrap();
    /// assert_eq!(agglomerative(&d, Linkage::Average).leaf_order(), vec![1, 0, 2]);
    /// ```
    pub fn leaf_order(&self) -> Vec<usize> {
        let n = self.leaves;
        if n < 2 {
            return (0..n).collect();
        }
        let mut order = Vec::with_capacity(n);
        let mut stack = vec![2 * n - 2];
        while let Some(id) = stack.pop() {
            if id < n {
                order.push(id);
            } else {
                let m = self.merges[id - n];
                stack.push(m.right);
                stack.push(m.left);
            }
        }
        order
    }

    /// The cut of highest `quality` on `graph` (whose nodes are the leaves), the fewest
    /// clusters on ties; returns the partition and its number of clusters.
    ///
    /// # Errors
    /// [`ClusterError::LengthMismatch`] if the graph's node count is not the leaf count;
    /// the quality function's errors (e.g. no edge weight for modularity).
    ///
    /// ```
    /// use cosignatory::cluster::{agglomerative, ClusterGraph, DistanceMatrix, Linkage, Quality};
    /// let g = ClusterGraph::from_edges(4, [(0, 1, 1.0), (2, 3, 1.0), (1, 2, 0.1)]).unwrap();
    /// let tree = agglomerative(&DistanceMatrix::from_graph(&g), Linkage::Average);
    /// let (p, k) = tree.best_cut(&g, &Quality::default()).unwrap();
    /// assert_eq!((k, p.membership()), (2, &[0, 0, 1, 1][..]));
    /// ```
    pub fn best_cut(
        &self,
        graph: &super::ClusterGraph,
        quality: &super::Quality,
    ) -> Result<(Partition, usize), ClusterError> {
        if graph.node_count() != self.leaves {
            return Err(ClusterError::LengthMismatch {
                what: "graph nodes",
                expected: self.leaves,
                found: graph.node_count(),
            });
        }
        let mut best: Option<(f64, Partition, usize)> = None;
        for k in 1..=self.leaves {
            let p = self.cut_at_k(k)?;
            let value = super::quality(graph, p.membership(), quality)?;
            if best.as_ref().is_none_or(|(b, _, _)| value > *b) {
                best = Some((value, p, k));
            }
        }
        best.map(|(_, p, k)| (p, k))
            .ok_or(ClusterError::ZeroTotalWeight)
    }

    /// The partition obtained by applying every merge of height `≤ height`.
    pub fn cut_at_height(&self, height: f64) -> Partition {
        let count = self
            .merges
            .iter()
            .take_while(|m| m.height <= height)
            .count();
        self.apply(count)
    }

    fn apply(&self, count: usize) -> Partition {
        let n = self.leaves;
        // cluster[c] = representative leaf of cluster id c.
        let mut parent: Vec<usize> = (0..n).collect();
        let mut rep: Vec<usize> = (0..n).collect();
        fn find(parent: &mut [usize], mut v: usize) -> usize {
            while parent[v] != v {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }
            v
        }
        for m in &self.merges[..count] {
            let a = find(&mut parent, rep[m.left]);
            let b = find(&mut parent, rep[m.right]);
            parent[b] = a;
            rep.push(a);
        }
        let roots: Vec<usize> = (0..n).map(|v| find(&mut parent, v)).collect();
        Partition::from_labels(&roots)
    }

    /// The tree in Newick format with the given leaf labels. Branch lengths are height
    /// differences (leaves at height 0, an internal node at its merge height), so every
    /// leaf-to-root path has the root's height. Labels with spaces or Newick punctuation are
    /// single-quoted, with quotes doubled.
    ///
    /// # Errors
    /// [`ClusterError::LengthMismatch`] unless there is one label per leaf.
    pub fn to_newick<S: AsRef<str>>(&self, labels: &[S]) -> Result<String, ClusterError> {
        if labels.len() != self.leaves {
            return Err(ClusterError::LengthMismatch {
                what: "leaf labels",
                expected: self.leaves,
                found: labels.len(),
            });
        }
        let n = self.leaves;
        let mut out = String::new();
        if n > 0 {
            let height = |id: usize| {
                if id < n {
                    0.0
                } else {
                    self.merges[id - n].height
                }
            };
            let root = if n == 1 { 0 } else { 2 * n - 2 };
            // Explicit stack (id, stage, parent height): single linkage can be n deep.
            let mut stack = vec![(root, 0u8, None::<f64>)];
            while let Some((id, stage, up)) = stack.pop() {
                let length = |out: &mut String| {
                    if let Some(h) = up {
                        let len = h - height(id);
                        out.push(':');
                        out.push_str(&format!("{}", if len == 0.0 { 0.0 } else { len }));
                    }
                };
                if id < n {
                    out.push_str(&quote(labels[id].as_ref()));
                    length(&mut out);
                    continue;
                }
                let m = &self.merges[id - n];
                match stage {
                    0 => {
                        out.push('(');
                        stack.push((id, 1, up));
                        stack.push((m.left, 0, Some(m.height)));
                    }
                    1 => {
                        out.push(',');
                        stack.push((id, 2, up));
                        stack.push((m.right, 0, Some(m.height)));
                    }
                    _ => {
                        out.push(')');
                        length(&mut out);
                    }
                }
            }
        }
        out.push(';');
        Ok(out)
    }
}

/// Quotes a Newick label when it contains whitespace or reserved characters.
fn quote(label: &str) -> String {
    let reserved = |c: char| c.is_whitespace() || "()[]':;,".contains(c);
    if !label.is_empty() && !label.contains(reserved) {
        return label.to_string();
    }
    format!("'{}'", label.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{DistanceMatrix, Linkage, agglomerative};

    fn tree() -> Dendrogram {
        // ((0,1):1,(2,3):2):5
        Dendrogram::from_merges(
            4,
            vec![
                Merge {
                    left: 0,
                    right: 1,
                    height: 1.0,
                    size: 2,
                },
                Merge {
                    left: 2,
                    right: 3,
                    height: 2.0,
                    size: 2,
                },
                Merge {
                    left: 4,
                    right: 5,
                    height: 5.0,
                    size: 4,
                },
            ],
        )
        .unwrap()
    }

    #[test]
    fn cuts() {
        let t = tree();
        assert_eq!(t.cut_at_k(4).unwrap(), Partition::singletons(4));
        assert_eq!(t.cut_at_k(3).unwrap().membership(), &[0, 0, 1, 2]);
        assert_eq!(t.cut_at_k(2).unwrap().membership(), &[0, 0, 1, 1]);
        assert_eq!(t.cut_at_k(1).unwrap().membership(), &[0, 0, 0, 0]);
        assert!(t.cut_at_k(0).is_err());
        assert!(t.cut_at_k(5).is_err());
        assert_eq!(t.cut_at_height(0.5).community_count(), 4);
        assert_eq!(t.cut_at_height(2.0).membership(), &[0, 0, 1, 1]);
        assert_eq!(t.cut_at_height(10.0).community_count(), 1);
    }

    #[test]
    fn newick_quoting_and_lengths() {
        let t = tree();
        let s = t.to_newick(&["a", "b c", "it's", "d"]).unwrap();
        assert_eq!(s, "((a:1,'b c':1):4,('it''s':2,d:2):3);");
        assert!(t.to_newick(&["a"]).is_err());
    }

    #[test]
    fn validation_and_serde() {
        let bad = vec![Merge {
            left: 0,
            right: 0,
            height: 1.0,
            size: 2,
        }];
        assert!(Dendrogram::from_merges(2, bad).is_err());
        let bad = vec![Merge {
            left: 0,
            right: 1,
            height: 1.0,
            size: 3,
        }];
        assert!(Dendrogram::from_merges(2, bad).is_err());
        let t = tree();
        let s = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Dendrogram>(&s).unwrap(), t);
    }

    #[test]
    fn leaves_of_a_merge_are_adjacent() {
        let d = DistanceMatrix::from_square(&[
            vec![0.0, 0.9, 0.1, 0.9],
            vec![0.9, 0.0, 0.9, 0.2],
            vec![0.1, 0.9, 0.0, 0.9],
            vec![0.9, 0.2, 0.9, 0.0],
        ])
        .unwrap();
        let order = agglomerative(&d, Linkage::Average).leaf_order();
        let at = |leaf: usize| order.iter().position(|&x| x == leaf).unwrap();
        assert_eq!(order.len(), 4);
        assert_eq!(at(0).abs_diff(at(2)), 1);
        assert_eq!(at(1).abs_diff(at(3)), 1);
    }
}
