//! Results labelled by actor id: node ids, top-k scores with ties, and coalitions as id lists,
//! so users never round-trip through `NodeIndex::new(n)`.

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use super::CoSignGraph;
use crate::cluster::{
    ClusterError, CoalitionOptions, LeidenOptions, Partition, Quality, Selection, find_coalitions,
    leiden, quality,
};
use crate::error::Result;

/// Coalitions of a [`CoSignGraph`] as actor ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorCoalitions {
    /// The partition of the graph's nodes (node indices of the [`CoSignGraph`]), e.g. for
    /// [`NodeAttributes::with_partition`](crate::export::NodeAttributes::with_partition).
    pub partition: Partition,
    /// Each coalition's member ids in id order; coalitions in the partition's canonical
    /// order (see [`Partition`]).
    pub communities: Vec<Vec<String>>,
    /// The quality of the partition under the function used; `None` when the graph has no
    /// edge weight (an empty window), where every actor is its own coalition.
    pub quality: Option<f64>,
    /// Modularity at resolution 1 (signed on a signed graph); `None` where undefined.
    pub modularity: Option<f64>,
    /// How the partition was chosen (`None` for a graph without edge weight).
    pub selection: Option<Selection>,
}

/// Coalitions of the actors that have at least one tie; actors without one are unassigned
/// rather than one-member coalitions ([`CoSignGraph::tied_coalitions`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TiedCoalitions {
    /// Coalition of each node (the graph's node index), `None` for an unassigned actor.
    /// Coalitions are numbered from 0 by size, largest first, ties by their smallest member
    /// id (the order of [`Partition::labelled_by_size`]).
    pub coalition: Vec<Option<usize>>,
    /// Member ids of each coalition, sorted, in coalition order.
    pub communities: Vec<Vec<String>>,
    /// Ids of the actors without a tie, sorted.
    pub unassigned: Vec<String>,
    /// Modularity (signed on a signed graph) of the partition on the whole graph, where
    /// unassigned actors contribute nothing; `None` for a graph without edge weight.
    pub modularity: Option<f64>,
}

impl ActorCoalitions {
    /// The coalition (index into `communities`) of an actor id.
    pub fn coalition_of(&self, id: &str) -> Option<usize> {
        self.communities
            .iter()
            .position(|c| c.binary_search_by(|m| m.as_str().cmp(id)).is_ok())
    }
}

impl CoSignGraph {
    /// Leiden coalitions (modularity, signed on a signed graph; best of 10 seeds from
    /// `seed`) of the actors with at least one tie. The command line's `graph --coalitions`
    /// and `plot network` both use this on the graph they show (the backbone, if asked
    /// for), so the same options give the same coalitions. An actor without any tie (common
    /// in a backbone) is unassigned, not a one-member coalition.
    ///
    /// ```
    /// use cosignatory::graph::{backbone_of_view, BackboneMethod, BackboneOptions, ProjectionOptions};
    /// let ds = cosignatory::datasets::joint_statements();
    /// let options = BackboneOptions::new(BackboneMethod::Disparity);
    /// let b = backbone_of_view(&ds.view(), &ProjectionOptions::default(), &options).unwrap();
    /// let c = b.graph.tied_coalitions(0).unwrap();
    /// assert!(c.communities.iter().all(|m| m.len() >= 2));
    /// assert_eq!(c.coalition.iter().filter(|c| c.is_none()).count(), c.unassigned.len());
    /// ```
    ///
    /// # Errors
    /// [`ClusterError`] for non-finite weights.
    pub fn tied_coalitions(&self, seed: u64) -> Result<TiedCoalitions> {
        let n = self.node_count();
        let mut tied = vec![false; n];
        for e in self.graph.edge_indices() {
            let (a, b) = self.graph.edge_endpoints(e).expect("edge of this graph");
            if a != b && self.graph[e].weight != 0.0 {
                tied[a.index()] = true;
                tied[b.index()] = true;
            }
        }
        let cg = self.to_cluster_graph()?;
        let mut coalition = vec![None; n];
        let mut modularity = None;
        let positive = self
            .graph
            .edge_references()
            .any(|e| e.weight().weight > 0.0);
        if positive {
            let q = Quality::Modularity { resolution: 1.0 }.for_graph(&cg);
            let options = LeidenOptions {
                quality: q,
                seed,
                ..Default::default()
            };
            let best = crate::cluster::leiden_best_of(&cg, &options, 10)?;
            modularity = quality(&cg, best.partition.membership(), &q).ok();
            let mut groups: Vec<Vec<usize>> = best
                .partition
                .communities()
                .map(|c| {
                    c.iter()
                        .copied()
                        .filter(|&v| tied[v])
                        .collect::<Vec<usize>>()
                })
                .filter(|c: &Vec<usize>| !c.is_empty())
                .collect();
            let id = |v: usize| self.id(v);
            groups.sort_by(|a, b| {
                let min = |g: &Vec<usize>| g.iter().map(|&v| id(v)).min();
                b.len().cmp(&a.len()).then_with(|| min(a).cmp(&min(b)))
            });
            for (k, g) in groups.iter().enumerate() {
                for &v in g {
                    coalition[v] = Some(k);
                }
            }
        }
        let count = coalition.iter().flatten().max().map_or(0, |m| m + 1);
        let mut communities = vec![Vec::new(); count];
        let mut unassigned = Vec::new();
        for (v, c) in coalition.iter().enumerate() {
            match c {
                Some(k) => communities[*k].push(self.id(v).to_string()),
                None => unassigned.push(self.id(v).to_string()),
            }
        }
        communities.iter_mut().for_each(|m| m.sort());
        unassigned.sort();
        Ok(TiedCoalitions {
            coalition,
            communities,
            unassigned,
            modularity,
        })
    }

    /// The actor id of node `node` (a node index as partitions, per-node score vectors and
    /// `NodeIndex::index()` give it).
    ///
    /// # Panics
    /// If `node` is not a node of the graph.
    pub fn id(&self, node: usize) -> &str {
        &self.actor(NodeIndex::new(node)).id
    }

    /// The partition's communities as sorted id lists (the partition's nodes are this
    /// graph's node indices, as clustering its [`to_cluster_graph`](Self::to_cluster_graph)
    /// gives).
    pub fn communities(&self, partition: &Partition) -> Vec<Vec<String>> {
        partition
            .communities()
            .map(|c| {
                let mut ids: Vec<String> = c.iter().map(|&n| self.id(n).to_string()).collect();
                ids.sort();
                ids
            })
            .collect()
    }

    /// The `k` highest per-node `scores` (indexed by node) as `(id, score)`, highest first,
    /// ties in id order; nodes tied with the `k`-th are included too, so the list may be
    /// longer than `k` (and says so by its length). NaN scores are left out.
    ///
    /// ```
    /// use cosignatory::graph::{project, ProjectionOptions};
    /// let ds = cosignatory::datasets::joint_statements();
    /// let g = project(&ds.view(), &ProjectionOptions::default()).unwrap();
    /// let statements: Vec<f64> = g.graph().node_indices().map(|n| f64::from(g.statements_of(n))).collect();
    /// let top = g.top(&statements, 3);
    /// assert!(top.len() >= 3);
    /// assert!(top.windows(2).all(|w| w[0].1 >= w[1].1));
    /// ```
    pub fn top(&self, scores: &[f64], k: usize) -> Vec<(&str, f64)> {
        let mut ranked: Vec<(&str, f64)> = self
            .graph()
            .node_indices()
            .zip(scores)
            .filter(|(_, s)| !s.is_nan())
            .map(|(n, &s)| (self.id(n.index()), s))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let Some(&(_, kth)) = ranked.get(k.saturating_sub(1)) else {
            return ranked;
        };
        if k == 0 {
            return Vec::new();
        }
        let end = ranked.iter().take_while(|(_, s)| *s >= kth).count();
        ranked.truncate(end);
        ranked
    }

    /// Coalitions of this graph as `cosignatory cluster` finds them
    /// ([`find_coalitions`]), labelled by actor id. A graph without edge weight (a window
    /// without statements) gives every actor its own coalition and `quality: None`
    /// instead of an error, so loops over windows run through.
    ///
    /// ```
    /// use cosignatory::cluster::CoalitionOptions;
    /// use cosignatory::graph::{project, ProjectionOptions};
    /// let ds = cosignatory::datasets::joint_statements();
    /// let g = project(&ds.view(), &ProjectionOptions::default()).unwrap();
    /// let c = g.coalitions(&CoalitionOptions { runs: Some(5), ..Default::default() }).unwrap();
    /// assert!(c.quality.unwrap() > 0.0);
    /// assert_eq!(c.coalition_of("FRA"), c.coalition_of("DEU"));
    /// ```
    ///
    /// # Errors
    /// As [`find_coalitions`].
    pub fn coalitions(&self, options: &CoalitionOptions) -> Result<ActorCoalitions> {
        let graph = self.to_cluster_graph()?;
        match find_coalitions(&graph, options, None) {
            Ok(c) => Ok(ActorCoalitions {
                communities: self.communities(&c.partition),
                partition: c.partition,
                quality: Some(c.quality),
                modularity: c.modularity,
                selection: Some(c.selection),
            }),
            Err(ClusterError::ZeroTotalWeight) => Ok(self.singletons()),
            Err(e) => Err(e.into()),
        }
    }

    /// Leiden with these options on this graph, labelled by actor id; the quality function
    /// follows [`Quality::for_graph`] (signed modularity on a signed graph). A graph without
    /// edge weight gives singletons and `quality: None`.
    ///
    /// # Errors
    /// Leiden's errors (bad options, non-finite weights).
    pub fn leiden(&self, options: &LeidenOptions) -> Result<ActorCoalitions> {
        let graph = self.to_cluster_graph()?;
        let options = LeidenOptions {
            quality: options.quality.for_graph(&graph),
            ..options.clone()
        };
        match leiden(&graph, &options) {
            Ok(c) => Ok(ActorCoalitions {
                communities: self.communities(&c.partition),
                modularity: quality(
                    &graph,
                    c.partition.membership(),
                    &Quality::default().for_graph(&graph),
                )
                .ok(),
                partition: c.partition,
                quality: Some(c.quality),
                selection: None,
            }),
            Err(ClusterError::ZeroTotalWeight) => Ok(self.singletons()),
            Err(e) => Err(e.into()),
        }
    }

    fn singletons(&self) -> ActorCoalitions {
        let partition = Partition::singletons(self.node_count());
        ActorCoalitions {
            communities: self.communities(&partition),
            partition,
            quality: None,
            modularity: None,
            selection: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::cluster::CoalitionOptions;
    use crate::graph::{ProjectionOptions, project};

    #[test]
    fn top_keeps_ties_and_empty_windows_give_singletons() {
        let ds = crate::datasets::joint_statements();
        let g = project(&ds.view(), &ProjectionOptions::default()).unwrap();
        let ones = vec![1.0; g.node_count()];
        assert_eq!(g.top(&ones, 2).len(), g.node_count());
        assert!(g.top(&ones, 0).is_empty());
        let d = |s: &str| s.parse().unwrap();
        let empty = ds.view().between(d("1900-01-01"), d("1900-12-31"));
        let g = project(&empty, &ProjectionOptions::default()).unwrap();
        let c = g.coalitions(&CoalitionOptions::default()).unwrap();
        assert_eq!(c.quality, None);
        assert_eq!(c.communities.len(), g.node_count());
    }
}
