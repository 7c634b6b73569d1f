//! Planted coalitions that change at given dates: merges, splits, members switching,
//! coalitions forming and dissolving, actors leaving. The ground truth is the membership of
//! every actor in every period between changes.

use super::distributions::bad;
use crate::error::Result;
use crate::model::Dataset;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A change to the planted coalitions. Coalitions are named by labels: the initial ones are
/// `0..coalitions`, and every [`Change::Split`] and [`Change::Birth`] creates the next unused
/// label, in date order (changes of the same date in list order). Labels are never reused; a
/// coalition whose members have all left no longer exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// The coalitions `from` join coalition `into`, which keeps its label.
    Merge {
        /// The coalition that absorbs the others.
        into: usize,
        /// The coalitions absorbed.
        from: Vec<usize>,
    },
    /// The `actors` (members of `coalition`, not all of them) leave it together and form a
    /// new coalition.
    Split {
        /// The coalition that splits.
        coalition: usize,
        /// The members that leave to form the new coalition.
        actors: Vec<usize>,
    },
    /// The `actors` switch to coalition `to`, from wherever they are (another coalition, or
    /// outside every coalition: joining).
    Switch {
        /// The actors (indices `0..actors`).
        actors: Vec<usize>,
        /// The coalition they join.
        to: usize,
    },
    /// A new coalition of these actors, taken from wherever they are.
    Birth {
        /// The actors.
        actors: Vec<usize>,
    },
    /// A coalition dissolves: its members leave every coalition (they sign nothing and cast
    /// no votes until they join one again).
    Death {
        /// The coalition.
        coalition: usize,
    },
    /// The actors leave every coalition (and stop signing and voting).
    Leave {
        /// The actors.
        actors: Vec<usize>,
    },
}

/// A [`Change`] on a date: it holds from that day on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledEvent {
    /// The first day of the new arrangement.
    pub date: NaiveDate,
    /// The change.
    pub change: Change,
}

impl ScheduledEvent {
    /// A change on a date.
    pub fn new(date: NaiveDate, change: Change) -> Self {
        ScheduledEvent { date, change }
    }
}

/// A change as applied, with the label of the coalition it created (for `Split` and
/// `Birth`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedEvent {
    /// The scheduled change.
    pub event: ScheduledEvent,
    /// The label of the new coalition, if the change created one.
    pub created: Option<usize>,
}

/// One period of constant planted coalitions: from a change (or the start) to the day
/// before the next change (or the end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlantedPeriod {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// The coalition label of each actor (indexed by dataset actor index, which is the
    /// generator's actor number); `None` for an actor outside every coalition.
    pub membership: Vec<Option<usize>>,
    /// The dataset's statements dated in this period (a range of statement indices).
    pub statements: Range<usize>,
}

impl PlantedPeriod {
    /// Whether `date` falls in this period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The coalitions of the period as `(label, members)`, by label, members ascending.
    pub fn coalitions(&self) -> Vec<(usize, Vec<usize>)> {
        let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut labels: Vec<usize> = self.membership.iter().flatten().copied().collect();
        labels.sort_unstable();
        labels.dedup();
        for l in labels {
            let members = (0..self.membership.len())
                .filter(|&a| self.membership[a] == Some(l))
                .collect();
            out.push((l, members));
        }
        out
    }

    /// The actors in some coalition, ascending.
    pub fn active(&self) -> Vec<usize> {
        (0..self.membership.len())
            .filter(|&a| self.membership[a].is_some())
            .collect()
    }
}

/// Options of [`scheduled`](super::scheduled): a planted dataset whose coalitions change.
///
/// `planted` gives everything but the changes: actors, the initial coalitions
/// (`coalitions` and `sizes`; with [`CoalitionSizes::Given`](super::CoalitionSizes) adding
/// up to fewer than `actors`, the last actors start outside every coalition), the number of
/// statements (spread evenly over `from..=to` as in [`planted`](super::planted)), statement
/// sizes, outsiders, votes and the seed. Outsiders are drawn from the actors active on the
/// statement's date, and only active actors vote. [`Sponsor::BySize`](super::Sponsor) keeps
/// every actor about equally active when coalitions merge and split.
///
/// ```
/// use chrono::NaiveDate;
/// use cosignatory::synth::{scheduled, Change, PlantedOptions, ScheduledEvent, ScheduledOptions};
/// let d = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
/// let o = ScheduledOptions {
///     planted: PlantedOptions { actors: 40, coalitions: 4, statements: 2_000, from: d(2000), to: d(2009), ..Default::default() },
///     events: vec![
///         ScheduledEvent::new(d(2003), Change::Merge { into: 0, from: vec![1] }),
///         ScheduledEvent::new(d(2006), Change::Split { coalition: 2, actors: vec![2, 6, 10] }),
///     ],
/// };
/// let s = scheduled(&o).unwrap();
/// assert_eq!(s.periods.len(), 3);
/// assert_eq!(s.periods[1].from, d(2003));
/// assert_eq!(s.periods[1].membership[1], Some(0)); // coalition 1 merged into 0
/// assert_eq!(s.events[1].created, Some(4)); // the split-off part is coalition 4
/// assert_eq!(s.periods[2].membership[6], Some(4));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledOptions {
    /// Everything but the changes.
    pub planted: super::PlantedOptions,
    /// The changes, each strictly after `planted.from` and no later than `planted.to` (in
    /// any order; applied by date, then in list order).
    pub events: Vec<ScheduledEvent>,
}

/// A dataset with changing planted coalitions, and its ground truth.
#[derive(Debug, Clone)]
pub struct Scheduled {
    /// The dataset.
    pub dataset: Dataset,
    /// The planted coalitions of each period, in date order; they cover `from..=to`.
    pub periods: Vec<PlantedPeriod>,
    /// The changes in the order applied, with the labels they created.
    pub events: Vec<AppliedEvent>,
}

impl Scheduled {
    /// The period containing `date`.
    pub fn period_on(&self, date: NaiveDate) -> Option<&PlantedPeriod> {
        self.periods.iter().find(|p| p.contains(date))
    }
}

/// Applies the events to the initial membership; returns the periods (without statement
/// ranges) and the applied events.
pub(super) fn plan(
    initial: Vec<Option<usize>>,
    first_label: usize,
    from: NaiveDate,
    to: NaiveDate,
    events: &[ScheduledEvent],
) -> Result<(Vec<PlantedPeriod>, Vec<AppliedEvent>)> {
    let n = initial.len();
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| events[i].date); // stable: list order within a date
    let mut membership = initial;
    let mut next_label = first_label;
    let mut periods = Vec::new();
    let mut applied = Vec::with_capacity(events.len());
    let mut start = from;
    for &i in &order {
        let e = &events[i];
        let at = |reason: String| -> Result<()> {
            bad(
                "events",
                format!("event {i} ({}, {:?})", e.date, e.change),
                &reason,
            )
        };
        if e.date <= from || e.date > to {
            at(format!(
                "must fall after `from` ({from}) and no later than `to` ({to})"
            ))?;
        }
        if e.date > start {
            periods.push(period(
                start,
                e.date.pred_opt().expect("after from"),
                &membership,
            ));
            start = e.date;
        }
        let exists = |m: &[Option<usize>], l: usize| m.contains(&Some(l));
        let check_actors = |actors: &[usize]| -> Result<()> {
            if actors.is_empty() {
                return at("lists no actors".into());
            }
            if let Some(a) = actors.iter().find(|&&a| a >= n) {
                return at(format!("actor {a} is out of range (0..{n})"));
            }
            let mut sorted = actors.to_vec();
            sorted.sort_unstable();
            if sorted.windows(2).any(|w| w[0] == w[1]) {
                return at("lists an actor twice".into());
            }
            Ok(())
        };
        let mut created = None;
        match &e.change {
            Change::Merge { into, from: others } => {
                if !exists(&membership, *into) {
                    at(format!("coalition {into} does not exist then"))?;
                }
                if others.is_empty() {
                    at("merges no coalition".into())?;
                }
                for &c in others {
                    if c == *into || !exists(&membership, c) {
                        at(format!(
                            "coalition {c} does not exist then, or is the one merged into"
                        ))?;
                    }
                }
                for m in membership.iter_mut() {
                    if m.is_some_and(|l| others.contains(&l)) {
                        *m = Some(*into);
                    }
                }
            }
            Change::Split { coalition, actors } => {
                check_actors(actors)?;
                let size = membership
                    .iter()
                    .filter(|m| **m == Some(*coalition))
                    .count();
                if size == 0 {
                    at(format!("coalition {coalition} does not exist then"))?;
                }
                if let Some(a) = actors.iter().find(|&&a| membership[a] != Some(*coalition)) {
                    at(format!(
                        "actor {a} is not a member of coalition {coalition}"
                    ))?;
                }
                if actors.len() == size {
                    at("would take every member: nothing is left to split from".into())?;
                }
                created = Some(next_label);
                for &a in actors {
                    membership[a] = Some(next_label);
                }
                next_label += 1;
            }
            Change::Switch { actors, to: target } => {
                check_actors(actors)?;
                if !exists(&membership, *target) {
                    at(format!("coalition {target} does not exist then"))?;
                }
                for &a in actors {
                    membership[a] = Some(*target);
                }
            }
            Change::Birth { actors } => {
                check_actors(actors)?;
                created = Some(next_label);
                for &a in actors {
                    membership[a] = Some(next_label);
                }
                next_label += 1;
            }
            Change::Death { coalition } => {
                if !exists(&membership, *coalition) {
                    at(format!("coalition {coalition} does not exist then"))?;
                }
                for m in membership.iter_mut() {
                    if *m == Some(*coalition) {
                        *m = None;
                    }
                }
            }
            Change::Leave { actors } => {
                check_actors(actors)?;
                for &a in actors {
                    membership[a] = None;
                }
            }
        }
        if membership.iter().all(Option::is_none) {
            at("leaves no actor in any coalition".into())?;
        }
        applied.push(AppliedEvent {
            event: e.clone(),
            created,
        });
    }
    periods.push(period(start, to, &membership));
    Ok((periods, applied))
}

fn period(from: NaiveDate, to: NaiveDate, membership: &[Option<usize>]) -> PlantedPeriod {
    PlantedPeriod {
        from,
        to,
        membership: membership.to_vec(),
        statements: 0..0,
    }
}
