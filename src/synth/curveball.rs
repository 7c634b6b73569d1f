//! Degree-preserving randomisation of the actor × statement incidence (the fixed degree
//! sequence null model of bipartite projections), by curveball trades.

use super::distributions::bad;
use crate::error::Result;
use crate::model::{ActorIdx, Dataset, JoinedColumn, Position, RoleColumn};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Options of [`curveball`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CurveballOptions {
    /// Global rounds: each round pairs every statement with another at random and trades
    /// between each pair (Carstens, Berger & Strona 2018). Default 20.
    pub rounds: usize,
    /// The seed.
    pub seed: u64,
}

impl Default for CurveballOptions {
    fn default() -> Self {
        CurveballOptions {
            rounds: 20,
            seed: 1,
        }
    }
}

/// A random dataset with the same margins as `ds`: every actor keeps its number of
/// signatures in each position, every statement its number of signatories in each position
/// (its size and, for roll calls, its tally), and no actor signs a statement twice. Actors,
/// statements (dates, kinds, oppositions) and bloc memberships are unchanged. This is the
/// fixed degree sequence model (FDSM) used as the null model of co-signature projections:
/// project each sample and compare observed edge weights or clusterings with their
/// distribution.
///
/// The sampler is the curveball algorithm (Strona, Nappo, Boccacci, Fattorini &
/// San-Miguel-Ayanz 2014, Nature Communications 5:4114) in its global form (Carstens,
/// Berger & Strona 2018): a round pairs the statements at random, and each pair trades the
/// actors only one of them has, every redistribution with the same counts equally likely.
/// With positions other than `yes` the trade generalises: actors whose positions on the two
/// statements differ (no position counts as one) are grouped by that pair of positions, and
/// within a group it is redrawn which of them hold it one way round (yes on s and no on t)
/// and which the other — so roll calls with full turnout are shuffled too. Each trade
/// leaves the uniform distribution over datasets with these margins unchanged, so the
/// samples approach it as rounds grow (Carstens 2015 shows the chain is irreducible for
/// co-signature data; with several positions it samples uniformly among the arrangements
/// its trades reach). Check that the statistics you use no longer change when you double
/// `rounds`.
///
/// Roles and late-joining dates are kept where the same actor still signs the same
/// statement and dropped elsewhere (they described the original signatory).
///
/// ```
/// use cosignatory::synth::{curveball, planted, CurveballOptions, PlantedOptions};
/// let ds = planted(&PlantedOptions { actors: 30, statements: 200, ..Default::default() }).unwrap().dataset;
/// let null = curveball(&ds, &CurveballOptions { rounds: 10, seed: 3 }).unwrap();
/// for a in 0..30u32 {
///     let a = cosignatory::model::ActorIdx(a);
///     assert_eq!(null.signatures_by(a).len(), ds.signatures_by(a).len());
/// }
/// assert_ne!(null, ds);
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a dataset with more than
/// 2³² − 1 statements.
pub fn curveball(ds: &Dataset, o: &CurveballOptions) -> Result<Dataset> {
    let n = ds.statements.len();
    if n > u32::MAX as usize {
        return bad(
            "statements",
            n.to_string(),
            "curveball supports up to 2^32 − 1 statements",
        );
    }
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed);
    let mut actor: Vec<u32> = ds.sig_actor.iter().map(|a| a.0).collect();
    let mut position = ds.sig_position.clone();
    // Statements with at least one signature take part (a fixed set: the chain's moves do
    // not depend on its state).
    let mut rows: Vec<u32> = (0..n as u32)
        .filter(|&s| !ds.sig_range(crate::model::StatementIdx(s)).is_empty())
        .collect();
    let mut trader = Trader::default();
    for _ in 0..o.rounds {
        for i in (1..rows.len()).rev() {
            let j = rng.random_range(0..=i);
            rows.swap(i, j);
        }
        for pair in rows.chunks_exact(2) {
            let (s, t) = (pair[0] as usize, pair[1] as usize);
            let rs = ds.sig_start[s] as usize..ds.sig_start[s + 1] as usize;
            let rt = ds.sig_start[t] as usize..ds.sig_start[t + 1] as usize;
            trader.trade(&mut actor, &mut position, &rs, &rt, &mut rng);
        }
    }
    let mut out = ds.clone();
    // Roles and joining dates survive where (statement, actor) still holds: `kept[j]` is the
    // old slot whose role and date new slot `j` keeps, if any.
    let mut kept: Vec<Option<u32>> = vec![None; actor.len()];
    for s in 0..n {
        let r = ds.sig_start[s] as usize..ds.sig_start[s + 1] as usize;
        let (mut i, mut j) = (r.start, r.start);
        while i < r.end && j < r.end {
            let (old, new) = (ds.sig_actor[i].0, actor[j]);
            if old == new {
                kept[j] = Some(i as u32);
                i += 1;
                j += 1;
            } else if old < new {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    let old_slot = |j: usize| kept[j].map(|i| i as usize);
    let role = RoleColumn::from_keys(kept.len(), ds.sig_role.names(), |j| {
        old_slot(j).and_then(|i| ds.sig_role.key(i))
    });
    let joined = JoinedColumn::from_fn(kept.len(), |j| {
        old_slot(j).and_then(|i| ds.sig_joined.get(i))
    });
    let start = out.sig_start.clone();
    out.set_signatures(
        start,
        actor.into_iter().map(ActorIdx).collect(),
        position,
        role,
        joined,
    );
    Ok(out)
}

/// "No position" in a trade.
const NONE: u8 = 4;

fn code(p: Position) -> u8 {
    match p {
        Position::Yes => 0,
        Position::No => 1,
        Position::Abstain => 2,
        Position::Absent => 3,
    }
}

const POSITIONS: [Position; 4] = [
    Position::Yes,
    Position::No,
    Position::Abstain,
    Position::Absent,
];

/// Scratch space of one trade.
#[derive(Default)]
struct Trader {
    /// Per actor of either statement: (actor, code on s, code on t), by actor.
    cols: Vec<(u32, u8, u8)>,
    /// Per unordered pair of different codes `u < v`: the columns holding `(u, v)` and
    /// those holding `(v, u)`.
    groups: Vec<(Vec<usize>, Vec<usize>)>,
    pool: Vec<usize>,
}

impl Trader {
    /// One curveball trade between statements `rs` and `rt` (slices of the statement-major
    /// arrays, each sorted by actor, and sorted again afterwards).
    ///
    /// Actors whose codes on s and t differ ("no position" is a code) are grouped by their
    /// unordered pair of codes; within each group, which actors hold the pair one way round
    /// is redrawn uniformly with the same count. Every actor keeps its codes (swapped at
    /// most), every statement its tally. With one position this is the curveball trade.
    fn trade(
        &mut self,
        actor: &mut [u32],
        position: &mut [Position],
        rs: &std::ops::Range<usize>,
        rt: &std::ops::Range<usize>,
        rng: &mut ChaCha8Rng,
    ) {
        self.cols.clear();
        let (mut i, mut j) = (rs.start, rt.start);
        while i < rs.end || j < rt.end {
            let a = if i < rs.end { actor[i] } else { u32::MAX };
            let b = if j < rt.end { actor[j] } else { u32::MAX };
            if a < b {
                self.cols.push((a, code(position[i]), NONE));
                i += 1;
            } else if b < a {
                self.cols.push((b, NONE, code(position[j])));
                j += 1;
            } else {
                self.cols.push((a, code(position[i]), code(position[j])));
                i += 1;
                j += 1;
            }
        }
        if self.groups.is_empty() {
            self.groups = vec![Default::default(); 25];
        }
        for g in &mut self.groups {
            g.0.clear();
            g.1.clear();
        }
        let mut any = false;
        for (k, &(_, u, v)) in self.cols.iter().enumerate() {
            if u != v {
                let g = &mut self.groups[usize::from(u.min(v)) * 5 + usize::from(u.max(v))];
                if u < v {
                    g.0.push(k)
                } else {
                    g.1.push(k)
                }
                any = true;
            }
        }
        if !any {
            return;
        }
        let mut changed = false;
        for g in 0..25 {
            let (lo, hi) = ((g / 5) as u8, (g % 5) as u8);
            let (ways, other) = (&self.groups[g].0, &self.groups[g].1);
            if ways.is_empty() || other.is_empty() {
                continue; // every redistribution is the current one
            }
            // A uniformly random choice of which |ways| columns hold (lo, hi).
            let pool = &mut self.pool;
            pool.clear();
            pool.extend(ways.iter().chain(other));
            let take = ways.len();
            for k in 0..take {
                let r = rng.random_range(k..pool.len());
                pool.swap(k, r);
            }
            for (n, &col) in pool.iter().enumerate() {
                let c = &mut self.cols[col];
                (c.1, c.2) = if n < take { (lo, hi) } else { (hi, lo) };
            }
            changed = true;
        }
        if !changed {
            return;
        }
        let (mut i, mut j) = (rs.start, rt.start);
        for &(a, u, v) in &self.cols {
            if u != NONE {
                actor[i] = a;
                position[i] = POSITIONS[usize::from(u)];
                i += 1;
            }
            if v != NONE {
                actor[j] = a;
                position[j] = POSITIONS[usize::from(v)];
                j += 1;
            }
        }
        debug_assert!(i == rs.end && j == rt.end, "tallies are kept");
    }
}
