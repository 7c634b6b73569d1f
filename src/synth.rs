//! Seeded synthetic statement records with planted coalitions, for null models, tests and
//! benchmarks.
//!
//! * [`planted`]: statements (or roll calls) whose signatories come mostly from one planted
//!   coalition, with coalition sizes equal, given or random ([`CoalitionSizes`]), statement
//!   sizes geometric, power-law or uniform ([`SizeDistribution`]), and roll-call positions
//!   yes / no / abstain / absent correlated within coalitions ([`VoteModel`]).
//! * [`scheduled`]: the same with coalitions that merge, split, swap members, form and
//!   dissolve at given dates ([`Change`]), with the membership of every period as ground
//!   truth ([`PlantedPeriod`]).
//! * [`curveball`]: a random dataset with the same margins as a given one (each actor's
//!   number of signatures, each statement's size): the fixed degree sequence null model.
//! * [`ideal_points`]: roll calls voted by an ordered probit from planted random-walk ideal
//!   points (with an optional drifting subgroup), with the true paths and item parameters.
//! * [`planted_graph`]: a planted-partition graph, for clustering benchmarks.
//!
//! The random generator is ChaCha8 seeded from a `u64`, so a seed gives the same data on every
//! platform. Actor `i` (counted from 0) has the id `A…{i + 1}`, zero-padded so that ids sort
//! in actor order: dataset actor index `i` is generator actor `i`. Statement `s` has the id
//! `S00000000`, `S00000001`, … (zero-padded to 8 digits, more past 10⁸) and dataset statement
//! index `s`.

mod curveball;
mod distributions;
mod generate;
mod ideal;
mod schedule;

pub use curveball::{CurveballOptions, curveball};
pub use distributions::{CoalitionSizes, SizeDistribution, Sponsor, VoteModel};
pub use ideal::{IdealSynthOptions, PlantedIdeal, ideal_points};
pub use schedule::{
    AppliedEvent, Change, PlantedPeriod, Scheduled, ScheduledEvent, ScheduledOptions,
};

use crate::error::Result;
use crate::model::Dataset;
use chrono::NaiveDate;
use distributions::bad;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Parameters of a planted-coalition dataset.
///
/// Build it with `..Default::default()`: fields may be added in later versions.
///
/// ```
/// use cosignatory::synth::{planted, CoalitionSizes, PlantedOptions, SizeDistribution, Sponsor};
/// let p = planted(&PlantedOptions {
///     actors: 300,
///     coalitions: 6,
///     sizes: CoalitionSizes::Random { min: 10 },
///     statement_sizes: SizeDistribution::power_law_with_mean(6.0, 2, 300).unwrap(),
///     sponsor: Sponsor::BySize,
///     statements: 2_000,
///     seed: 11,
///     ..Default::default()
/// })
/// .unwrap();
/// assert_eq!(p.membership.len(), 300);
/// assert!(p.membership.iter().all(|&c| c < 6));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlantedOptions {
    /// Number of actors (ids `A00001`, `A00002`, ...; every one is in the dataset, even one
    /// that never signs).
    pub actors: usize,
    /// Number of coalitions.
    pub coalitions: usize,
    /// Coalition sizes; by default actors are assigned round-robin, so sizes differ by at
    /// most one.
    #[serde(default)]
    pub sizes: CoalitionSizes,
    /// Number of statements.
    pub statements: usize,
    /// Mean statement size of the default geometric size distribution: sizes are 2 + a
    /// geometric draw with this mean (at least 2).
    pub mean_size: f64,
    /// The distribution of statement sizes (co-signature data; roll calls have every active
    /// actor). Default: geometric with mean `mean_size`.
    #[serde(default)]
    pub statement_sizes: SizeDistribution,
    /// Chance that a signatory is drawn from outside the statement's coalition (any active
    /// actor), or, for roll calls, that a member departs from its coalition's line.
    pub outside: f64,
    /// Which coalition each statement comes from. Default: uniformly among coalitions.
    #[serde(default)]
    pub sponsor: Sponsor,
    /// First statement date; dates are spread evenly from `from` to `to`.
    pub from: NaiveDate,
    /// Last statement date.
    pub to: NaiveDate,
    /// Roll-call style: every actor (every active actor, for [`scheduled`]) has a position
    /// on every statement, drawn by `vote_model`.
    pub votes: bool,
    /// How roll-call positions are drawn; the default is yes with the sponsoring coalition
    /// and no otherwise, flipped with probability `outside`.
    #[serde(default)]
    pub vote_model: VoteModel,
    /// The seed.
    pub seed: u64,
}

impl Default for PlantedOptions {
    fn default() -> Self {
        PlantedOptions {
            actors: 200,
            coalitions: 4,
            sizes: CoalitionSizes::Equal,
            statements: 1_000,
            mean_size: 8.0,
            statement_sizes: SizeDistribution::Geometric,
            outside: 0.1,
            sponsor: Sponsor::Uniform,
            from: NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid"),
            to: NaiveDate::from_ymd_opt(2019, 12, 31).expect("valid"),
            votes: false,
            vote_model: VoteModel::default(),
            seed: 1,
        }
    }
}

impl PlantedOptions {
    /// Checks everything but the coalition sizes.
    fn check(&self) -> Result<()> {
        if self.actors == 0 || self.coalitions == 0 || self.coalitions > self.actors {
            return bad(
                "coalitions",
                self.coalitions.to_string(),
                "needs 1 ≤ coalitions ≤ actors",
            );
        }
        if !(0.0..=1.0).contains(&self.outside) {
            return bad("outside", self.outside.to_string(), "must be in [0, 1]");
        }
        self.statement_sizes.check(self.mean_size)?;
        if self.from > self.to {
            return bad("from", self.from.to_string(), "is after `to`");
        }
        if self.actors > u32::MAX as usize || self.statements >= u32::MAX as usize {
            return bad(
                "actors",
                self.actors.to_string(),
                "actors and statements must each be below 2^32",
            );
        }
        if self.votes {
            self.vote_model.check()?;
        }
        Ok(())
    }

    /// The initial membership: `Some(coalition)` per actor (`None` after the given sizes).
    fn initial_membership(&self, exact: bool, rng: &mut ChaCha8Rng) -> Result<Vec<Option<usize>>> {
        let sizes = self
            .sizes
            .resolve(self.actors, self.coalitions, exact, rng)?;
        if self.sizes == CoalitionSizes::Equal {
            return Ok((0..self.actors)
                .map(|i| Some(i % self.coalitions))
                .collect());
        }
        let mut m = vec![None; self.actors];
        let mut next = 0;
        for (c, &size) in sizes.iter().enumerate() {
            m[next..next + size].fill(Some(c));
            next += size;
        }
        Ok(m)
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
/// Each statement comes from one coalition ([`Sponsor`]); it has a size drawn from
/// [`SizeDistribution`], and each signatory is a random member of that coalition, or with
/// probability `outside` a random actor (members run out: the rest come from everyone). With
/// `votes`, every actor takes a position on every statement instead ([`VoteModel`]).
///
/// ```
/// use cosignatory::synth::{planted, PlantedOptions};
/// let p = planted(&PlantedOptions { actors: 30, coalitions: 3, statements: 100, seed: 7, ..Default::default() }).unwrap();
/// assert_eq!(p.dataset.statements().len(), 100);
/// assert_eq!(p.membership.len(), 30);
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for zero actors or coalitions, more coalitions than actors,
/// `outside ∉ [0, 1]`, a mean size below 2 (geometric sizes), an invalid size distribution
/// or vote model, sizes that do not add up to `actors`, or `from > to`.
pub fn planted(o: &PlantedOptions) -> Result<Planted> {
    o.check()?;
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed);
    let initial = o.initial_membership(true, &mut rng)?;
    let (mut periods, _) = schedule::plan(initial, o.coalitions, o.from, o.to, &[])?;
    let dataset = generate::generate(o, &mut periods, &mut rng)?;
    let membership = periods
        .swap_remove(0)
        .membership
        .into_iter()
        .map(|m| m.expect("every actor is in a coalition"))
        .collect();
    Ok(Planted {
        dataset,
        membership,
    })
}

/// Generates a planted dataset whose coalitions change at the scheduled dates (see
/// [`ScheduledOptions`] and [`Change`]), with the membership of every period.
///
/// # Errors
/// As [`planted`] (except that given sizes may add up to fewer than `actors`), and
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) naming the event for a change dated outside
/// `(from, to]`, naming a coalition that does not exist on its date or an actor out of range,
/// splitting off a whole coalition, or leaving no actor in any coalition.
pub fn scheduled(o: &ScheduledOptions) -> Result<Scheduled> {
    let p = &o.planted;
    p.check()?;
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
    let initial = p.initial_membership(false, &mut rng)?;
    let (mut periods, events) = schedule::plan(initial, p.coalitions, p.from, p.to, &o.events)?;
    let dataset = generate::generate(p, &mut periods, &mut rng)?;
    Ok(Scheduled {
        dataset,
        periods,
        events,
    })
}

/// The id that [`planted`] and [`scheduled`] give actor `i` (from 0) of `actors`.
///
/// ```
/// assert_eq!(cosignatory::synth::actor_id(0, 200), "A0001");
/// assert_eq!(cosignatory::synth::actor_id(9_999, 10_000), "A10000");
/// ```
pub fn actor_id(i: usize, actors: usize) -> String {
    generate::actor_id(i, actors)
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
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for fewer than 2 nodes per group, `mixing ∉ [0, 1]`, or an
/// average degree that is not positive or exceeds what the groups allow.
pub fn planted_graph(
    nodes: usize,
    communities: usize,
    average_degree: f64,
    mixing: f64,
    seed: u64,
) -> Result<PlantedGraph> {
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
