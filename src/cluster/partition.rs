//! [`Partition`]: the one result type of every clustering routine.

use serde::{Deserialize, Serialize};

use super::ClusterError;
use crate::group::group_positions;

/// A partition of the nodes `0..n` into communities `0..k`.
///
/// `membership()[i]` is the community of node `i`; `community(c)` lists the nodes of
/// community `c` in ascending order. Every label in `0..k` is used. Routines of this module
/// number communities canonically: by the rank of each community's smallest member in the
/// graph's canonical node order (see [`ClusterGraph`](super::ClusterGraph)), so equal inputs
/// give byte-identical partitions whatever the insertion order of nodes and edges.
///
/// Serialises as `{"membership": [..]}`.
///
/// ```
/// use cosignatory::cluster::Partition;
///
/// let p = Partition::from_labels(&[7, 7, 3, 9, 3]);
/// assert_eq!(p.membership(), &[0, 0, 1, 2, 1]);
/// assert_eq!(p.community(1), &[2, 4]);
/// assert_eq!(p.community_count(), 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PartitionRepr", into = "PartitionRepr")]
pub struct Partition {
    membership: Vec<usize>,
    // Community c is members[offsets[c]..offsets[c + 1]], ascending.
    offsets: Vec<usize>,
    members: Vec<usize>,
}

#[derive(Serialize, Deserialize)]
struct PartitionRepr {
    membership: Vec<usize>,
}

impl TryFrom<PartitionRepr> for Partition {
    type Error = ClusterError;
    fn try_from(repr: PartitionRepr) -> Result<Self, Self::Error> {
        Partition::from_membership(repr.membership)
    }
}

impl From<Partition> for PartitionRepr {
    fn from(p: Partition) -> Self {
        PartitionRepr {
            membership: p.membership,
        }
    }
}

impl Partition {
    /// Builds a partition from arbitrary labels, numbering communities by first appearance
    /// (node 0's community is 0, the next new label is 1, ...).
    pub fn from_labels(labels: &[usize]) -> Partition {
        let mut map = std::collections::HashMap::new();
        let membership = labels
            .iter()
            .map(|&l| {
                let next = map.len();
                *map.entry(l).or_insert(next)
            })
            .collect();
        Partition::build(membership, map.len())
    }

    /// Builds a partition keeping the given community ids, which must be exactly `0..k`
    /// with every id used.
    ///
    /// # Errors
    /// [`ClusterError::NonContiguousLabels`] if some id in `0..k` is unused.
    pub fn from_membership(membership: Vec<usize>) -> Result<Partition, ClusterError> {
        let k = membership.iter().map(|&c| c + 1).max().unwrap_or(0);
        let mut used = vec![false; k];
        for &c in &membership {
            used[c] = true;
        }
        if let Some(label) = used.iter().position(|&u| !u) {
            return Err(ClusterError::NonContiguousLabels {
                label,
                problem: "unused",
            });
        }
        Ok(Partition::build(membership, k))
    }

    /// Every node in its own community.
    pub fn singletons(n: usize) -> Partition {
        Partition::build((0..n).collect(), n)
    }

    /// All `n` nodes in one community (no community when `n == 0`).
    pub fn single_community(n: usize) -> Partition {
        Partition::build(vec![0; n], usize::from(n > 0))
    }

    // `membership` must use exactly the labels 0..k.
    pub(crate) fn build(membership: Vec<usize>, k: usize) -> Partition {
        let (offsets, members) = group_positions(k, &membership);
        Partition {
            membership,
            offsets,
            members,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.membership.len()
    }

    /// True when the partition covers no node.
    pub fn is_empty(&self) -> bool {
        self.membership.is_empty()
    }

    /// The communities as id lists (`ids[i]` names node `i`), each sorted, largest community
    /// first and ties by first id: the order `cosignatory cluster` reports and numbers from 1.
    ///
    /// ```
    /// use cosignatory::cluster::Partition;
    /// let p = Partition::from_labels(&[0, 1, 1, 0, 1]);
    /// let ids = ["USA", "RUS", "CHN", "GBR", "IRN"];
    /// assert_eq!(p.labelled_by_size(&ids), vec![vec!["CHN", "IRN", "RUS"], vec!["GBR", "USA"]]);
    /// ```
    ///
    /// # Panics
    /// If `ids` has fewer entries than the partition has nodes.
    pub fn labelled_by_size<S: AsRef<str>>(&self, ids: &[S]) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = self
            .communities()
            .map(|c| {
                let mut m: Vec<String> = c.iter().map(|&i| ids[i].as_ref().to_string()).collect();
                m.sort();
                m
            })
            .collect();
        out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
        out
    }

    /// The canonical coalition number of every node, 1-based, in the order of
    /// [`Partition::labelled_by_size`]: 1 is the largest coalition, ties broken by the smallest
    /// member id. This is the numbering of every command of the CLI (tables, `graph
    /// --coalitions` exports, plots), so a coalition has the same number everywhere.
    ///
    /// ```
    /// use cosignatory::cluster::Partition;
    /// let p = Partition::from_labels(&[0, 1, 1, 0, 1]);
    /// let ids = ["USA", "RUS", "CHN", "GBR", "IRN"];
    /// assert_eq!(p.coalition_numbers(&ids), vec![2, 1, 1, 2, 1]);
    /// ```
    ///
    /// # Panics
    /// If `ids` has fewer entries than the partition has nodes.
    pub fn coalition_numbers<S: AsRef<str>>(&self, ids: &[S]) -> Vec<usize> {
        let mut order: Vec<(usize, &str, usize)> = self
            .communities()
            .enumerate()
            .map(|(c, members)| {
                let first = members.iter().map(|&i| ids[i].as_ref()).min().unwrap_or("");
                (members.len(), first, c)
            })
            .collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut number = vec![0; order.len()];
        for (rank, &(_, _, c)) in order.iter().enumerate() {
            number[c] = rank + 1;
        }
        self.membership.iter().map(|&c| number[c]).collect()
    }

    /// Number of communities.
    pub fn community_count(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The community of every node, indexed by node.
    pub fn membership(&self) -> &[usize] {
        &self.membership
    }

    /// The community of `node`.
    ///
    /// # Panics
    /// If `node >= self.len()`.
    pub fn community_of(&self, node: usize) -> usize {
        self.membership[node]
    }

    /// The nodes of community `c`, ascending.
    ///
    /// # Panics
    /// If `c >= self.community_count()`.
    pub fn community(&self, c: usize) -> &[usize] {
        &self.members[self.offsets[c]..self.offsets[c + 1]]
    }

    /// The communities in id order, each as an ascending slice of nodes.
    pub fn communities(&self) -> impl ExactSizeIterator<Item = &[usize]> + '_ {
        (0..self.community_count()).map(|c| self.community(c))
    }

    /// The size of every community, indexed by community id.
    pub fn sizes(&self) -> Vec<usize> {
        self.offsets.windows(2).map(|w| w[1] - w[0]).collect()
    }

    /// True when both partitions put the same pairs of nodes together (ids may differ).
    pub fn same_grouping(&self, other: &Partition) -> bool {
        self.len() == other.len()
            && Partition::from_labels(&self.membership) == Partition::from_labels(&other.membership)
    }

    /// Consumes the partition, returning the membership vector.
    pub fn into_membership(self) -> Vec<usize> {
        self.membership
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_labels_numbers_by_first_appearance() {
        let p = Partition::from_labels(&[5, 2, 5, 9]);
        assert_eq!(p.membership(), &[0, 1, 0, 2]);
        assert_eq!(p.sizes(), vec![2, 1, 1]);
        assert_eq!(
            p.communities().collect::<Vec<_>>(),
            vec![&[0, 2][..], &[1], &[3]]
        );
    }

    #[test]
    fn from_membership_checks_contiguity() {
        assert!(Partition::from_membership(vec![0, 2]).is_err());
        let p = Partition::from_membership(vec![1, 0, 1]).unwrap();
        assert_eq!(p.community(1), &[0, 2]);
    }

    #[test]
    fn serde_round_trip_and_validation() {
        let p = Partition::from_labels(&[3, 3, 1]);
        let s = serde_json::to_string(&p).unwrap();
        assert_eq!(s, r#"{"membership":[0,0,1]}"#);
        assert_eq!(serde_json::from_str::<Partition>(&s).unwrap(), p);
        assert!(serde_json::from_str::<Partition>(r#"{"membership":[0,2]}"#).is_err());
    }

    #[test]
    fn edge_cases() {
        assert_eq!(Partition::singletons(0).community_count(), 0);
        assert_eq!(Partition::single_community(0).community_count(), 0);
        assert_eq!(Partition::single_community(3).community(0), &[0, 1, 2]);
        assert!(Partition::singletons(2).same_grouping(&Partition::from_labels(&[4, 1])));
    }
}
