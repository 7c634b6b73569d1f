//! The generator shared by [`planted`](super::planted) and [`scheduled`](super::scheduled).
//!
//! Actors and statements go through [`DatasetBuilder`] (the one validation path); the
//! signatures, valid by construction (known indices, one per actor and statement, sorted by
//! actor), are written straight into the dataset's compressed arrays, as the UN importer
//! does: millions of owned `Signature` records with string ids would cost gigabytes.

use super::PlantedOptions;
use super::distributions::SizeSampler;
use super::schedule::PlantedPeriod;
use crate::error::Result;
use crate::model::{
    Actor, ActorIdx, Dataset, DatasetBuilder, JoinedColumn, Position, RoleColumn, Statement,
    StatementKind,
};
use chrono::NaiveDate;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// The coalitions in force during one period, as the generator needs them.
struct Arrangement {
    /// Actors in some coalition, ascending.
    active: Vec<usize>,
    /// Members of each coalition (by label order), ascending.
    coalitions: Vec<Vec<usize>>,
    /// Index into `coalitions` of each actor; `u32::MAX` for inactive actors.
    coalition_of: Vec<u32>,
    sizes: SizeSampler,
}

impl Arrangement {
    fn new(p: &PlantedPeriod, o: &PlantedOptions) -> Arrangement {
        let coalitions: Vec<Vec<usize>> = p.coalitions().into_iter().map(|(_, m)| m).collect();
        let mut coalition_of = vec![u32::MAX; p.membership.len()];
        for (c, members) in coalitions.iter().enumerate() {
            for &a in members {
                coalition_of[a] = c as u32;
            }
        }
        let active = p.active();
        let sizes = o.statement_sizes.sampler(o.mean_size, active.len());
        Arrangement {
            active,
            coalitions,
            coalition_of,
            sizes,
        }
    }
}

/// The id of actor `i` of `n` (zero-padded, so ids sort in actor order).
pub(super) fn actor_id(i: usize, n: usize) -> String {
    let width = (n.max(10) as f64).log10().ceil() as usize + 1;
    format!("A{:0width$}", i + 1)
}

/// The statement ids and dates, in dataset order (dates spread evenly over `from..=to`).
fn statement_dates(o: &PlantedOptions) -> impl Iterator<Item = (String, NaiveDate)> + '_ {
    let span = (o.to - o.from).num_days().max(0) as u64;
    let digits = o.statements.saturating_sub(1).max(1).ilog10() as usize + 1;
    let width = digits.max(8);
    (0..o.statements).map(move |s| {
        let offset = if o.statements > 1 {
            span * s as u64 / (o.statements as u64 - 1)
        } else {
            0
        };
        (format!("S{s:0width$}"), o.from + chrono::Days::new(offset))
    })
}

/// Generates the dataset for `periods` (which cover `o.from..=o.to`) and fills in each
/// period's statement range. Options are already checked.
pub(super) fn generate(
    o: &PlantedOptions,
    periods: &mut [PlantedPeriod],
    rng: &mut ChaCha8Rng,
) -> Result<Dataset> {
    let kind = if o.votes {
        StatementKind::ResolutionVote
    } else {
        StatementKind::JointStatement
    };
    let mut b = DatasetBuilder::new();
    for i in 0..o.actors {
        let id = actor_id(i, o.actors);
        let kind = Actor::inferred_kind(&id, false);
        b.actor(Actor::new(id.clone(), id, kind));
    }
    let mut dates = Vec::with_capacity(o.statements);
    for (id, date) in statement_dates(o) {
        dates.push(date);
        b.statement(Statement::new(id, date, kind.clone()));
    }
    // Ids are zero-padded and dates non-decreasing, so dataset order is generation order.
    let mut ds = b.build()?;

    let mut sig_start: Vec<u32> = Vec::with_capacity(o.statements + 1);
    let expected = if o.votes {
        o.statements.saturating_mul(o.actors)
    } else {
        (o.statements as f64 * o.mean_size.clamp(1.0, 64.0)) as usize
    };
    let mut sig_actor: Vec<ActorIdx> = Vec::with_capacity(expected);
    let mut sig_position: Vec<Position> = Vec::with_capacity(expected);
    sig_start.push(0);

    let mut p = 0usize;
    let mut here = Arrangement::new(&periods[0], o);
    let mut chosen = vec![false; o.actors];
    let mut picked: Vec<usize> = Vec::new();
    let mut lines: Vec<Position> = Vec::new();
    for (s, &date) in dates.iter().enumerate() {
        if date > periods[p].to {
            periods[p].statements.end = s;
            while date > periods[p].to {
                p += 1;
                periods[p].statements = s..s;
            }
            here = Arrangement::new(&periods[p], o);
        }
        let k = here.coalitions.len();
        let c = match o.sponsor {
            super::Sponsor::Uniform => rng.random_range(0..k),
            super::Sponsor::BySize => {
                let a = here.active[rng.random_range(0..here.active.len())];
                here.coalition_of[a] as usize
            }
        };
        if o.votes {
            let m = &o.vote_model;
            lines.clear();
            for x in 0..k {
                lines.push(if x == c {
                    Position::Yes
                } else if m.coalition_absent > 0.0 && rng.random_bool(m.coalition_absent) {
                    Position::Absent
                } else {
                    m.draw_line(rng)
                });
            }
            for &a in &here.active {
                let line = lines[here.coalition_of[a] as usize];
                let position =
                    if line == Position::Absent || (m.absent > 0.0 && rng.random_bool(m.absent)) {
                        Position::Absent
                    } else if rng.random_bool(o.outside) {
                        m.depart(line, rng)
                    } else {
                        line
                    };
                sig_actor.push(ActorIdx(a as u32));
                sig_position.push(position);
            }
        } else {
            let size = here.sizes.draw(rng);
            let members = &here.coalitions[c];
            let everyone = &here.active;
            picked.clear();
            let mut guard = 0;
            while picked.len() < size && guard < size * 50 {
                guard += 1;
                let a = if rng.random_bool(o.outside) || members.len() <= picked.len() {
                    everyone[rng.random_range(0..everyone.len())]
                } else {
                    members[rng.random_range(0..members.len())]
                };
                if !chosen[a] {
                    chosen[a] = true;
                    picked.push(a);
                }
            }
            picked.sort_unstable();
            for &a in &picked {
                chosen[a] = false;
                sig_actor.push(ActorIdx(a as u32));
                sig_position.push(Position::Yes);
            }
        }
        sig_start.push(sig_actor.len() as u32);
    }
    periods[p].statements.end = o.statements;
    for later in &mut periods[p + 1..] {
        later.statements = o.statements..o.statements;
    }

    ds.set_signatures(
        sig_start,
        sig_actor,
        sig_position,
        RoleColumn::default(),
        JoinedColumn::default(),
    );
    Ok(ds)
}
