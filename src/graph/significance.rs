//! Do the coalitions beat chance? The quality of the coalitions found on a view's projection
//! against the best quality the same clustering finds on projections of null datasets drawn
//! from the fixed degree sequence model (curveball), and each coalition's internal weight
//! against the same actor set's internal weight in the nulls.
//!
//! Random graphs have high modularity (Guimerà, Sales-Pardo & Amaral 2004, Phys. Rev. E
//! 70:025101), so a modularity alone does not say that coalitions are real.

use super::backbone::curveball_rows;
use super::projection::{incidence, pairs};
use super::{Incidence, Linking, ProjectionOptions, Weighting};
use crate::cluster::{ClusterGraph, CoalitionOptions, Partition, find_coalitions};
use crate::error::{Error, Result};
use crate::group::group_by_key;
use crate::model::{ActorIdx, View};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Options of [`coalition_significance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignificanceOptions {
    /// Null datasets (default 200).
    pub samples: usize,
    /// Curveball rounds per null dataset (default 20), each a chain from the observed data.
    pub rounds: usize,
    /// Seed of the null datasets (sample `s` uses stream `s` of this seed).
    pub seed: u64,
}

impl Default for SignificanceOptions {
    fn default() -> Self {
        SignificanceOptions {
            samples: 200,
            rounds: 20,
            seed: 1,
        }
    }
}

/// One coalition against the null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoalitionNull {
    /// Member ids, sorted.
    pub members: Vec<String>,
    /// Sum of the weights of the edges inside the coalition.
    pub internal_weight: f64,
    /// Mean and standard deviation of the same actor set's internal weight in the nulls.
    pub null_mean: f64,
    /// Standard deviation of the null internal weights.
    pub null_sd: f64,
    /// `(internal_weight − null_mean) / null_sd` (infinite or NaN when the sd is 0).
    pub z: f64,
    /// `(1 + #{null ≥ observed}) / (1 + samples)`.
    pub p_value: f64,
}

/// Coalitions against the fixed degree sequence model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoalitionSignificance {
    /// The partition found on the view (as [`find_coalitions`] finds it with the options).
    pub partition: Partition,
    /// Its quality.
    pub quality: f64,
    /// The best quality found on each null dataset's projection, in sample order.
    pub null_qualities: Vec<f64>,
    /// Mean of the null qualities.
    pub null_mean: f64,
    /// Standard deviation of the null qualities.
    pub null_sd: f64,
    /// `(quality − null_mean) / null_sd`.
    pub z: f64,
    /// `(1 + #{null quality ≥ quality}) / (1 + samples)`.
    pub p_value: f64,
    /// Per coalition, in the partition's community order.
    pub coalitions: Vec<CoalitionNull>,
}

impl CoalitionSignificance {
    /// The null comparison of the coalition with exactly these members (sorted ids), if the
    /// partition has it.
    pub fn null_of(&self, members: &[String]) -> Option<&CoalitionNull> {
        self.coalitions.iter().find(|c| c.members == members)
    }

    /// Whether the coalitions beat chance at `alpha` (`p_value < alpha`).
    pub fn beats_chance(&self, alpha: f64) -> bool {
        self.p_value < alpha
    }

    /// One line for people: quality, null mean ± sd, z and p, and the verdict at 0.05.
    pub fn describe(&self) -> String {
        format!(
            "quality {:.4} vs {:.4} ± {:.4} on {} degree-preserving null datasets: z = {:.2}, p = {:.4}: {}",
            self.quality,
            self.null_mean,
            self.null_sd,
            self.null_qualities.len(),
            self.z,
            self.p_value,
            if self.beats_chance(0.05) {
                "the coalitions beat chance"
            } else {
                "the coalitions do not beat chance (p ≥ 0.05)"
            }
        )
    }
}

/// The coalitions of `view`'s projection (found by [`find_coalitions`] with `coalitions`)
/// against `options.samples` null datasets: each a curveball shuffle of the view's incidence
/// (every actor keeps its number of statements, every statement its signatories' number),
/// projected with the same options and clustered with the same options. Node `i` of the
/// partition is the `i`-th actor with a statement in id order, as in
/// [`project_for_clustering`](super::project_for_clustering). Each sample is seeded by
/// `(seed, sample)`, so the result is the same with or without the `parallel` feature.
///
/// ```
/// use cosignatory::cluster::CoalitionOptions;
/// use cosignatory::graph::{coalition_significance, ProjectionOptions, SignificanceOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let s = coalition_significance(
///     &ds.view(),
///     &ProjectionOptions::default(),
///     &CoalitionOptions::default(),
///     &SignificanceOptions { samples: 10, ..Default::default() },
/// ).unwrap();
/// assert_eq!(s.null_qualities.len(), 10);
/// assert!(s.p_value > 0.0 && s.p_value <= 1.0);
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for zero samples or same-vote linking (roll-call tallies are
/// not shuffled here; use co-signature linking); clustering errors as [`find_coalitions`].
pub fn coalition_significance(
    view: &View<'_>,
    projection: &ProjectionOptions,
    coalitions: &CoalitionOptions,
    options: &SignificanceOptions,
) -> Result<CoalitionSignificance> {
    if options.samples == 0 {
        return Err(Error::InvalidParameter {
            name: "samples",
            value: "0".into(),
            reason: "needs at least one null dataset".into(),
        });
    }
    if projection.linking != Linking::Signatures {
        return Err(Error::InvalidParameter {
            name: "linking",
            value: "same-vote".into(),
            reason: "coalition significance shuffles co-signatures; drop --votes".into(),
        });
    }
    let inc = incidence(view, projection)?;
    let (observed, actors) = cluster_graph(&inc, projection)?;
    let ds = view.dataset();
    let found = find_coalitions(&observed, coalitions, None)?;
    let members: Vec<Vec<usize>> = found.partition.communities().map(|c| c.to_vec()).collect();
    let internal_observed: Vec<f64> = members
        .iter()
        .map(|m| internal_weight(&observed, m))
        .collect();
    let one = |s: usize| -> Result<(f64, Vec<f64>)> {
        let null = shuffled(&inc, options, s);
        let (g, _) = cluster_graph(&null, projection)?;
        let q = if g.total_weight() > 0.0 {
            find_coalitions(&g, coalitions, None)?.quality
        } else {
            0.0
        };
        Ok((q, members.iter().map(|m| internal_weight(&g, m)).collect()))
    };
    #[cfg(feature = "parallel")]
    let nulls: Vec<(f64, Vec<f64>)> = {
        use rayon::prelude::*;
        (0..options.samples)
            .into_par_iter()
            .map(one)
            .collect::<Result<Vec<_>>>()?
    };
    #[cfg(not(feature = "parallel"))]
    let nulls: Vec<(f64, Vec<f64>)> = (0..options.samples).map(one).collect::<Result<Vec<_>>>()?;
    let null_qualities: Vec<f64> = nulls.iter().map(|n| n.0).collect();
    let (null_mean, null_sd) = mean_sd(&null_qualities);
    let p = |observed: f64, null: &mut dyn Iterator<Item = f64>| {
        let at_least = null
            .filter(|&x| x >= observed - 1e-12 * observed.abs())
            .count();
        (1.0 + at_least as f64) / (1.0 + options.samples as f64)
    };
    let p_value = p(found.quality, &mut null_qualities.iter().copied());
    let coalitions = members
        .iter()
        .enumerate()
        .map(|(c, m)| {
            let null: Vec<f64> = nulls.iter().map(|n| n.1[c]).collect();
            let (mean, sd) = mean_sd(&null);
            let mut ids: Vec<String> = m.iter().map(|&v| ds.actor(actors[v]).id.clone()).collect();
            ids.sort();
            CoalitionNull {
                members: ids,
                internal_weight: internal_observed[c],
                null_mean: mean,
                null_sd: sd,
                z: (internal_observed[c] - mean) / sd,
                p_value: p(internal_observed[c], &mut null.iter().copied()),
            }
        })
        .collect();
    Ok(CoalitionSignificance {
        z: (found.quality - null_mean) / null_sd,
        partition: found.partition,
        quality: found.quality,
        null_qualities,
        null_mean,
        null_sd,
        p_value,
        coalitions,
    })
}

fn mean_sd(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = if x.len() > 1 {
        x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, var.sqrt())
}

/// Sum of the weights of the edges with both ends in `members`.
fn internal_weight(g: &ClusterGraph, members: &[usize]) -> f64 {
    let mut inside = vec![false; g.node_count()];
    for &v in members {
        inside[v] = true;
    }
    let mut w = 0.0;
    for &v in members {
        for (u, x) in g.neighbors(v) {
            if inside[u] && u > v {
                w += x;
            }
        }
    }
    w
}

/// The clustering graph of an incidence: actors with a statement, in id order (the dataset's
/// actor order), as `project_for_clustering` builds it.
fn cluster_graph(
    inc: &Incidence,
    projection: &ProjectionOptions,
) -> Result<(ClusterGraph, Vec<ActorIdx>)> {
    let mut node_of = vec![u32::MAX; inc.n_actors];
    let mut actors = Vec::new();
    for (a, node) in node_of.iter_mut().enumerate() {
        if inc.degree(ActorIdx(a as u32)) > 0 {
            *node = actors.len() as u32;
            actors.push(ActorIdx(a as u32));
        }
    }
    let mut edges = Vec::new();
    let weighting: Weighting = projection.weighting;
    pairs(inc, weighting, projection.signed, |i, j, edge, _, _| {
        edges.push((node_of[i] as usize, node_of[j] as usize, edge.weight));
    });
    Ok((ClusterGraph::from_edges(actors.len(), edges)?, actors))
}

/// Sample `s`: the incidence with each event's participants redrawn by curveball trades.
fn shuffled(inc: &Incidence, options: &SignificanceOptions, s: usize) -> Incidence {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    rng.set_stream(s as u64);
    let mut rows: Vec<Vec<u32>> = (0..inc.num_statements())
        .map(|e| {
            let mut r = inc.actor[inc.start[e] as usize..inc.start[e + 1] as usize].to_vec();
            r.sort_unstable();
            r
        })
        .collect();
    curveball_rows(&mut rows, options.rounds, &mut rng);
    let mut out = inc.clone();
    for (e, r) in rows.iter().enumerate() {
        out.actor[inc.start[e] as usize..inc.start[e + 1] as usize].copy_from_slice(r);
    }
    let links = (0..out.statements.len()).flat_map(|e| {
        let slots = out.start[e] as usize..out.start[e + 1] as usize;
        out.actor[slots]
            .iter()
            .map(move |&a| (a as usize, e as u32))
    });
    let (actor_start, actor_events) = group_by_key(out.n_actors, links);
    out.actor_start = actor_start;
    out.actor_events = actor_events;
    out
}
