//! [`Algorithm`]: one randomised optimiser with its options, run once or best of n; and
//! [`find_coalitions`], the whole "cluster this graph" job the command line and the Python
//! package share (method, quality, runs, consensus, hierarchical cut).

use serde::{Deserialize, Serialize};

use super::{
    ClusterError, ClusterGraph, ConsensusOptions, DistanceMatrix, LabelPropagationOptions,
    LeidenOptions, Linkage, LouvainOptions, Partition, Quality, QualityKind, agglomerative,
    consensus, label_propagation, leiden, louvain, quality,
};

/// A randomised community-detection algorithm with its options.
///
/// The options' `seed` is the seed of [`run`](Self::run); [`best_of`](Self::best_of) and
/// [`consensus`](super::consensus) replace it with seeds of their own.
///
/// ```
/// use cosignatory::cluster::{Algorithm, ClusterGraph, LeidenOptions, Quality};
/// let g = ClusterGraph::from_edges(6, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0),
///                                      (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)]).unwrap();
/// let leiden = Algorithm::Leiden(LeidenOptions::default());
/// let best = leiden.best_of(&g, 5, &Quality::default(), None).unwrap();
/// assert_eq!(best.partition.membership(), &[0, 0, 0, 1, 1, 1]);
/// assert_eq!(best.seed, 0); // every run found it; the first is kept
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "algorithm", content = "options", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Algorithm {
    /// [`leiden`](super::leiden).
    Leiden(LeidenOptions),
    /// [`louvain`](super::louvain).
    Louvain(LouvainOptions),
    /// [`label_propagation`](super::label_propagation).
    LabelPropagation(LabelPropagationOptions),
}

impl Default for Algorithm {
    fn default() -> Self {
        Algorithm::Leiden(LeidenOptions::default())
    }
}

/// The run kept by [`Algorithm::best_of`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BestRun {
    /// Its partition.
    pub partition: Partition,
    /// Its quality under the quality function the runs were compared by.
    pub quality: f64,
    /// The seed that produced it.
    pub seed: u64,
}

impl Algorithm {
    /// One of the methods of [`Method`] with a quality function and seed (hierarchical
    /// clustering is not randomised: `None`).
    pub fn for_method(method: Method, quality: Quality, seed: u64) -> Option<Algorithm> {
        Some(match method {
            Method::Leiden => Algorithm::Leiden(LeidenOptions {
                quality,
                seed,
                ..Default::default()
            }),
            Method::Louvain => Algorithm::Louvain(LouvainOptions {
                quality,
                seed,
                ..Default::default()
            }),
            Method::LabelPropagation => Algorithm::LabelPropagation(LabelPropagationOptions {
                seed,
                ..Default::default()
            }),
            Method::Hierarchical => return None,
        })
    }

    /// The method's name (`leiden`, `louvain`, `label-propagation`).
    pub fn name(&self) -> &'static str {
        self.method().name()
    }

    /// The method, without options.
    pub fn method(&self) -> Method {
        match self {
            Algorithm::Leiden(_) => Method::Leiden,
            Algorithm::Louvain(_) => Method::Louvain,
            Algorithm::LabelPropagation(_) => Method::LabelPropagation,
        }
    }

    /// Runs the algorithm once with its own options.
    ///
    /// # Errors
    /// The algorithm's errors.
    pub fn run(&self, graph: &ClusterGraph) -> Result<Partition, ClusterError> {
        Ok(match self {
            Algorithm::Leiden(o) => leiden(graph, o)?.partition,
            Algorithm::Louvain(o) => louvain(graph, o)?.partition,
            Algorithm::LabelPropagation(o) => label_propagation(graph, o)?.partition,
        })
    }

    /// Runs the algorithm once with `seed` instead of its options' seed.
    ///
    /// # Errors
    /// The algorithm's errors.
    pub fn run_with_seed(
        &self,
        graph: &ClusterGraph,
        seed: u64,
    ) -> Result<Partition, ClusterError> {
        self.with_seed(seed).run(graph)
    }

    /// The same algorithm and options with another seed.
    pub fn with_seed(&self, seed: u64) -> Algorithm {
        match self {
            Algorithm::Leiden(o) => Algorithm::Leiden(LeidenOptions { seed, ..o.clone() }),
            Algorithm::Louvain(o) => Algorithm::Louvain(LouvainOptions { seed, ..o.clone() }),
            Algorithm::LabelPropagation(o) => {
                Algorithm::LabelPropagation(LabelPropagationOptions { seed, ..o.clone() })
            }
        }
    }

    /// The options' seed.
    pub fn seed(&self) -> u64 {
        match self {
            Algorithm::Leiden(o) => o.seed,
            Algorithm::Louvain(o) => o.seed,
            Algorithm::LabelPropagation(o) => o.seed,
        }
    }

    /// Runs seeds `seed, seed + 1, …` (`runs` of them, from the options' seed) and keeps the
    /// partition of highest `judge` quality, the earliest on ties. `progress` is called with
    /// the number of runs done after each run. With the `parallel` feature the runs share
    /// rayon's pool; the result is the same for every thread count.
    ///
    /// # Errors
    /// [`ClusterError::InvalidParameter`] for `runs == 0`; the algorithm's errors.
    pub fn best_of(
        &self,
        graph: &ClusterGraph,
        runs: usize,
        judge: &Quality,
        progress: Option<&(dyn Fn(usize) + Sync)>,
    ) -> Result<BestRun, ClusterError> {
        if runs == 0 {
            return Err(ClusterError::InvalidParameter {
                name: "runs",
                value: "0".into(),
                reason: "at least one run is needed".into(),
            });
        }
        let first = self.seed();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let run = |i: usize| -> Result<BestRun, ClusterError> {
            let seed = first.wrapping_add(i as u64);
            let partition = self.run_with_seed(graph, seed)?;
            let value = quality(graph, partition.membership(), judge)?;
            if let Some(report) = progress {
                report(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            }
            Ok(BestRun {
                partition,
                quality: value,
                seed,
            })
        };
        let best = crate::par::first_best(runs, run, |b| b.quality)?;
        Ok(best.expect("runs >= 1"))
    }
}

/// A clustering method by name, as `--algorithm` spells it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Method {
    /// Leiden (Traag, Waltman & van Eck 2019).
    #[default]
    Leiden,
    /// Louvain (Blondel et al. 2008).
    Louvain,
    /// Label propagation (Raghavan, Albert & Kumara 2007).
    LabelPropagation,
    /// Agglomerative clustering of `1 − w / max|w|`, cut into `k` clusters or where the
    /// quality is best.
    Hierarchical,
}

crate::names::named_enum!(Method, "clustering method", [
    Leiden => "leiden",
    Louvain => "louvain",
    LabelPropagation => "label-propagation" | "lpa",
    Hierarchical => "hierarchical",
]);

/// Options of [`find_coalitions`]: the command line's `cluster` options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoalitionOptions {
    /// The method (default Leiden).
    pub method: Method,
    /// The quality function optimised and reported (default modularity). Modularity
    /// follows [`Quality::for_graph`]: signed modularity on a graph with negative weights.
    pub quality: QualityKind,
    /// Its resolution γ (default 1).
    pub resolution: f64,
    /// The first seed (runs use `seed`, `seed + 1`, …).
    pub seed: u64,
    /// Runs: the best is kept, or with `consensus` the runs per round. `None`: 1, or 50 with
    /// consensus.
    pub runs: Option<usize>,
    /// Consensus clustering over the runs (Lancichinetti & Fortunato 2012).
    pub consensus: bool,
    /// Linkage of the hierarchical method.
    pub linkage: Linkage,
    /// Cut the hierarchical tree into exactly `k` clusters (`None`: the cut of best quality).
    pub k: Option<usize>,
}

impl Default for CoalitionOptions {
    fn default() -> Self {
        CoalitionOptions {
            method: Method::Leiden,
            quality: QualityKind::Modularity,
            resolution: 1.0,
            seed: 0,
            runs: None,
            consensus: false,
            linkage: Linkage::Average,
            k: None,
        }
    }
}

/// How [`find_coalitions`] chose its partition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Selection {
    /// The best of `runs` seeded runs.
    BestOf {
        /// Runs made.
        runs: usize,
        /// Seed of the first run.
        first_seed: u64,
        /// Seed of the run kept.
        seed: u64,
    },
    /// Consensus clustering.
    Consensus {
        /// Runs per round.
        runs: usize,
        /// Rounds made.
        rounds: usize,
        /// Whether the last round's runs agreed.
        converged: bool,
        /// Mean per-node stability.
        mean_stability: f64,
    },
    /// A cut of the hierarchical tree.
    TreeCut {
        /// Clusters in the cut.
        k: usize,
        /// True when `k` was chosen as the cut of best quality (not given).
        best: bool,
    },
}

impl std::fmt::Display for Selection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Selection::BestOf {
                runs: 1,
                first_seed,
                ..
            } => write!(f, "one run, seed {first_seed}"),
            Selection::BestOf {
                runs, first_seed, ..
            } => write!(
                f,
                "best of {runs} runs, seeds {first_seed}..{}",
                first_seed.wrapping_add(runs as u64 - 1)
            ),
            Selection::Consensus {
                runs,
                rounds,
                converged,
                mean_stability,
            } => write!(
                f,
                "consensus of {runs} runs per round, {rounds} round(s){}, mean stability \
                 {mean_stability:.3}",
                if converged { "" } else { ", not converged" }
            ),
            Selection::TreeCut { k, best: true } => {
                write!(f, "tree cut at the best-quality k = {k}")
            }
            Selection::TreeCut { k, best: false } => write!(f, "tree cut into {k} clusters"),
        }
    }
}

/// The result of [`find_coalitions`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coalitions {
    /// The partition (canonical community numbering, see [`Partition`]).
    pub partition: Partition,
    /// The quality function used (after [`Quality::for_graph`]).
    pub quality_function: Quality,
    /// The partition's quality under it.
    pub quality: f64,
    /// Its modularity at resolution 1 (signed on a signed graph); `None` where undefined
    /// (no edge weight).
    pub modularity: Option<f64>,
    /// The method.
    pub method: Method,
    /// The seed of the first run (`None` for the hierarchical method).
    pub seed: Option<u64>,
    /// How the partition was chosen.
    pub selection: Selection,
}

/// Clusters `graph` as `cosignatory cluster` does: the chosen method and quality function,
/// best of `runs` seeds or consensus over them, or a hierarchical tree cut. `progress` is
/// called with the runs done (best-of runs only).
///
/// # Errors
/// [`ClusterError::InvalidParameter`] for `runs == 0`, `k` with a randomised method,
/// consensus with the hierarchical method, or `k` outside `1..=n`; the algorithms' errors
/// (negative weights with label propagation, ...).
///
/// ```
/// use cosignatory::cluster::{find_coalitions, ClusterGraph, CoalitionOptions};
/// let g = ClusterGraph::from_edges(6, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0),
///                                      (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)]).unwrap();
/// let c = find_coalitions(&g, &CoalitionOptions { runs: Some(5), ..Default::default() }, None)
///     .unwrap();
/// assert_eq!(c.partition.community_count(), 2);
/// assert_eq!(c.selection.to_string(), "best of 5 runs, seeds 0..4");
/// assert!((c.quality - 5.0 / 14.0).abs() < 1e-12);
/// ```
pub fn find_coalitions(
    graph: &ClusterGraph,
    options: &CoalitionOptions,
    progress: Option<&(dyn Fn(usize) + Sync)>,
) -> Result<Coalitions, ClusterError> {
    let refuse = |name: &'static str, value: String, reason: &str| {
        Err(ClusterError::InvalidParameter {
            name,
            value,
            reason: reason.into(),
        })
    };
    let hierarchical = options.method == Method::Hierarchical;
    if options.consensus && hierarchical {
        return refuse(
            "consensus",
            "true".into(),
            "needs a randomised method (leiden, louvain or label-propagation)",
        );
    }
    if let (Some(k), false) = (options.k, hierarchical) {
        return refuse(
            "k",
            k.to_string(),
            "applies to the hierarchical method only",
        );
    }
    let q = options
        .quality
        .with_resolution(options.resolution)
        .for_graph(graph);
    let (partition, selection) = match Algorithm::for_method(options.method, q, options.seed) {
        None => {
            super::hierarchical::check_dense(graph.node_count())?;
            let tree = agglomerative(&DistanceMatrix::from_graph(graph), options.linkage);
            match options.k {
                Some(k) => (tree.cut_at_k(k)?, Selection::TreeCut { k, best: false }),
                None => {
                    let (p, k) = tree.best_cut(graph, &q)?;
                    (p, Selection::TreeCut { k, best: true })
                }
            }
        }
        Some(base) if options.consensus => {
            let runs = options.runs.unwrap_or(50);
            // Co-assignment weights are fractions of runs: a CPM density threshold chosen
            // for the input's weights means nothing there, so the consensus graph uses
            // modularity.
            let consensus_algorithm = matches!(q, Quality::Cpm { .. })
                .then(|| Algorithm::for_method(options.method, Quality::default(), options.seed))
                .flatten();
            let c = consensus(
                graph,
                &ConsensusOptions {
                    algorithm: base,
                    consensus_algorithm,
                    runs,
                    seed: options.seed,
                    ..Default::default()
                },
            )?;
            let mean_stability = c.stability.iter().sum::<f64>() / c.stability.len().max(1) as f64;
            let selection = Selection::Consensus {
                runs,
                rounds: c.rounds,
                converged: c.converged,
                mean_stability,
            };
            (c.partition, selection)
        }
        Some(base) => {
            let runs = options.runs.unwrap_or(1);
            let best = base.best_of(graph, runs, &q, progress)?;
            let selection = Selection::BestOf {
                runs,
                first_seed: options.seed,
                seed: best.seed,
            };
            (best.partition, selection)
        }
    };
    let membership = partition.membership();
    let modularity = quality(graph, membership, &Quality::default().for_graph(graph)).ok();
    Ok(Coalitions {
        quality: quality(graph, membership, &q)?,
        partition,
        quality_function: q,
        modularity,
        method: options.method,
        seed: (!hierarchical).then_some(options.seed),
        selection,
    })
}
