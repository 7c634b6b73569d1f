//! Seeded synthetic statement records with planted coalitions, for null models, tests and
//! benchmarks.
//!
//! The random generator is ChaCha8 seeded from a `u64`, so a seed gives the same data on every
//! platform and version of this crate.

use crate::error::{Error, Result};
use crate::model::{Dataset, DatasetBuilder, Position, Signature, Statement, StatementKind};
use chrono::NaiveDate;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Parameters of a planted-coalition dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlantedOptions {
    /// Number of actors (ids `A00001`, `A00002`, ...).
    pub actors: usize,
    /// Number of coalitions; actors are assigned round-robin, so sizes differ by at most one.
    pub coalitions: usize,
    /// Number of statements.
    pub statements: usize,
    /// Mean statement size; sizes are 2 + a geometric draw with this mean.
    pub mean_size: f64,
    /// Chance that a signatory is drawn from outside the statement's coalition.
    pub outside: f64,
    /// First and last statement date; dates are spread evenly.
    pub from: NaiveDate,
    /// Last statement date.
    pub to: NaiveDate,
    /// Roll-call style: every actor votes on every statement, yes with its coalition's
    /// majority position and no otherwise, flipped with probability `outside`.
    pub votes: bool,
    /// The seed.
    pub seed: u64,
}

impl Default for PlantedOptions {
    fn default() -> Self {
        PlantedOptions {
            actors: 200,
            coalitions: 4,
            statements: 1_000,
            mean_size: 8.0,
            outside: 0.1,
            from: NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid"),
            to: NaiveDate::from_ymd_opt(2019, 12, 31).expect("valid"),
            votes: false,
            seed: 1,
        }
    }
}

/// A synthetic dataset and its ground truth.
#[derive(Debug, Clone)]
pub struct Planted {
    /// The dataset.
    pub dataset: Dataset,
    /// The planted coalition of each actor, indexed by the dataset's actor index.
    pub membership: Vec<usize>,
}

/// Generates statements whose signatories come mostly from one planted coalition.
///
/// ```
/// use cosignatory::synth::{planted, PlantedOptions};
/// let p = planted(&PlantedOptions { actors: 30, coalitions: 3, statements: 100, seed: 7, ..Default::default() }).unwrap();
/// assert_eq!(p.dataset.statements().len(), 100);
/// assert_eq!(p.membership.len(), 30);
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for zero actors or coalitions, more coalitions than actors,
/// `outside ∉ [0, 1]`, a mean size below 2, or `from > to`.
pub fn planted(o: &PlantedOptions) -> Result<Planted> {
    let bad = |name: &'static str, value: String, reason: &str| {
        Err(Error::InvalidParameter {
            name,
            value,
            reason: reason.into(),
        })
    };
    if o.actors == 0 || o.coalitions == 0 || o.coalitions > o.actors {
        return bad(
            "coalitions",
            o.coalitions.to_string(),
            "needs 1 ≤ coalitions ≤ actors",
        );
    }
    if !(0.0..=1.0).contains(&o.outside) {
        return bad("outside", o.outside.to_string(), "must be in [0, 1]");
    }
    if o.mean_size.is_nan() || o.mean_size < 2.0 {
        return bad("mean_size", o.mean_size.to_string(), "must be at least 2");
    }
    if o.from > o.to {
        return bad("from", o.from.to_string(), "is after `to`");
    }
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed);
    let width = (o.actors.max(10) as f64).log10().ceil() as usize + 1;
    let ids: Vec<String> = (1..=o.actors).map(|i| format!("A{i:0width$}")).collect();
    let membership: Vec<usize> = (0..o.actors).map(|i| i % o.coalitions).collect();
    let members: Vec<Vec<usize>> = (0..o.coalitions)
        .map(|c| (0..o.actors).filter(|&i| membership[i] == c).collect())
        .collect();
    let span = (o.to - o.from).num_days().max(0) as u64;
    let mut b = DatasetBuilder::new();
    let p_stop = 1.0 / (o.mean_size - 1.0); // geometric on {0, 1, ...} with mean mean_size − 2
    let mut chosen = vec![false; o.actors];
    for s in 0..o.statements {
        let id = format!("S{s:08}");
        let offset = if o.statements > 1 {
            span * s as u64 / (o.statements as u64 - 1)
        } else {
            0
        };
        let date = o.from + chrono::Days::new(offset);
        let kind = if o.votes {
            StatementKind::ResolutionVote
        } else {
            StatementKind::JointStatement
        };
        b.statement(Statement::new(&id, date, kind));
        let c = rng.random_range(0..o.coalitions);
        if o.votes {
            for (a, &m) in membership.iter().enumerate() {
                let agree = m == c;
                let flip = rng.random_bool(o.outside);
                let position = if agree != flip {
                    Position::Yes
                } else {
                    Position::No
                };
                b.signature(Signature::new(&id, &ids[a], position));
            }
            continue;
        }
        let mut size = 2usize;
        while size < o.actors && !rng.random_bool(p_stop.min(1.0)) {
            size += 1;
        }
        let mut picked = Vec::with_capacity(size);
        let mut guard = 0;
        while picked.len() < size && guard < size * 50 {
            guard += 1;
            let a = if rng.random_bool(o.outside) || members[c].len() <= picked.len() {
                rng.random_range(0..o.actors)
            } else {
                members[c][rng.random_range(0..members[c].len())]
            };
            if !chosen[a] {
                chosen[a] = true;
                picked.push(a);
            }
        }
        for &a in &picked {
            chosen[a] = false;
            b.signature(Signature::new(&id, &ids[a], Position::Yes));
        }
    }
    let dataset = b.build()?;
    // Actor ids sort in creation order (zero-padded), so dataset indices equal creation order.
    Ok(Planted {
        dataset,
        membership,
    })
}

/// A planted-partition graph: `nodes` nodes in `communities` equal groups, about
/// `average_degree` edges per node, of which a share `mixing` leave the node's group.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantedGraph {
    /// Number of nodes.
    pub nodes: usize,
    /// Edges `(a, b, weight)` with `a < b`, weight 1, no duplicates.
    pub edges: Vec<(usize, usize, f64)>,
    /// The planted group of each node.
    pub membership: Vec<usize>,
}

/// Generates a [`PlantedGraph`] (seeded; the same seed gives the same graph everywhere).
///
/// ```
/// let g = cosignatory::synth::planted_graph(1_000, 10, 20.0, 0.1, 1).unwrap();
/// assert_eq!(g.nodes, 1_000);
/// assert!((g.edges.len() as f64 - 10_000.0).abs() < 200.0);
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for fewer than 2 nodes per group, `mixing ∉ [0, 1]`, or an
/// average degree that is not positive or exceeds what the groups allow.
pub fn planted_graph(
    nodes: usize,
    communities: usize,
    average_degree: f64,
    mixing: f64,
    seed: u64,
) -> Result<PlantedGraph> {
    let bad = |name: &'static str, value: String, reason: &str| {
        Err(Error::InvalidParameter {
            name,
            value,
            reason: reason.into(),
        })
    };
    if communities == 0 || nodes < 2 * communities {
        return bad(
            "communities",
            communities.to_string(),
            "needs at least 2 nodes per community",
        );
    }
    if !(0.0..=1.0).contains(&mixing) {
        return bad("mixing", mixing.to_string(), "must be in [0, 1]");
    }
    let group = nodes / communities;
    if !(average_degree > 0.0 && average_degree < (group - 1) as f64) {
        return bad(
            "average_degree",
            average_degree.to_string(),
            "must be positive and below the community size",
        );
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let membership: Vec<usize> = (0..nodes)
        .map(|i| (i / group).min(communities - 1))
        .collect();
    let start = |c: usize| c * group;
    let end = |c: usize| {
        if c == communities - 1 {
            nodes
        } else {
            (c + 1) * group
        }
    };
    let target = (nodes as f64 * average_degree / 2.0).round() as usize;
    let mut seen = std::collections::HashSet::with_capacity(target * 2);
    let mut edges = Vec::with_capacity(target);
    while edges.len() < target {
        let a = rng.random_range(0..nodes);
        let b = if rng.random_bool(mixing) {
            rng.random_range(0..nodes)
        } else {
            let c = membership[a];
            rng.random_range(start(c)..end(c))
        };
        if a == b {
            continue;
        }
        let (a, b) = (a.min(b), a.max(b));
        if seen.insert((a, b)) {
            edges.push((a, b, 1.0));
        }
    }
    edges.sort_unstable_by_key(|x| (x.0, x.1));
    Ok(PlantedGraph {
        nodes,
        edges,
        membership,
    })
}
