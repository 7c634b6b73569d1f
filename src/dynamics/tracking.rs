//! Coalition tracking across windows: Jaccard matching of each window's communities to the
//! coalitions of recent windows, after Greene, Doyle & Cunningham (2010), "Tracking the
//! evolution of communities in dynamic social networks", Proc. ASONAM 2010, 176–183.

use super::events::{CoalitionId, Event};
use crate::error::{Error, Result};
use crate::model::ActorIdx;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Options of the [`CoalitionTracker`].
///
/// **Matching.** A community `C` of window `t` and a coalition `K` last seen in window
/// `t − g − 1` (`g` = gap) are *candidates* when `g < memory` and the Jaccard similarity
/// `|C ∩ K| / |C ∪ K|` of `C` and `K`'s members when last seen is at least `threshold`
/// (Greene et al. 2010 match against each dynamic community's "front" the same way).
/// Candidate pairs are taken greedily, best first — highest similarity, ties broken by the
/// smaller coalition id, then by the community's smallest member — so each coalition
/// continues in at most one community and each community continues at most one coalition.
/// Unlike Greene et al., every community thus carries exactly one id.
///
/// **Events.** A community left without a coalition is a piece *split* off from the best
/// coalition it was a candidate of, or else a *birth*. A coalition left without a community
/// but a candidate of some community *merges* into the coalition that took that community.
/// A coalition that is neither stays dormant; once it has been missing `memory` windows in a
/// row it *dies* (reported in the first window it was missing; at the end of the timeline
/// every coalition missing from the last window dies).
///
/// **Grow and shrink.** A continuing coalition *grows* (*shrinks*) when its size changed
/// since it was last seen by at least `max(1, size_change × previous size)` members;
/// otherwise it *continues*. With the default 10%, coalitions of up to 10 members grow or
/// shrink by a single member, one of 25 needs 3.
///
/// Communities smaller than `min_size` are not tracked (their actors have no coalition).
///
/// ```
/// use cosignatory::dynamics::TrackingOptions;
/// let o = TrackingOptions { memory: 3, ..Default::default() };
/// assert_eq!((o.threshold, o.min_size), (0.3, 2));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackingOptions {
    /// Jaccard threshold θ in (0, 1]; default 0.3.
    pub threshold: f64,
    /// How many windows a coalition may be missing and still be matched; default 2
    /// (1 = only the previous window).
    pub memory: usize,
    /// Smallest community that is tracked; default 2.
    pub min_size: usize,
    /// Relative size change that counts as grow or shrink; default 0.1.
    pub size_change: f64,
}

impl Default for TrackingOptions {
    fn default() -> Self {
        TrackingOptions {
            threshold: 0.3,
            memory: 2,
            min_size: 2,
            size_change: 0.1,
        }
    }
}

impl TrackingOptions {
    /// Checks the ranges documented on the fields.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the first field out of range.
    pub fn check(&self) -> Result<()> {
        let bad = |name: &'static str, value: String, reason: &str| {
            Err(Error::InvalidParameter {
                name,
                value,
                reason: reason.into(),
            })
        };
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return bad("threshold", self.threshold.to_string(), "must be in (0, 1]");
        }
        if self.memory == 0 {
            return bad("memory", "0".into(), "must be at least 1");
        }
        if self.min_size == 0 {
            return bad("min_size", "0".into(), "must be at least 1");
        }
        if !(self.size_change.is_finite() && self.size_change >= 0.0) {
            return bad(
                "size_change",
                self.size_change.to_string(),
                "must be a finite number >= 0",
            );
        }
        Ok(())
    }

    /// The size event for a coalition going from `from` to `to` members.
    fn size_event(
        &self,
        coalition: CoalitionId,
        from: usize,
        to: usize,
        jaccard: f64,
        gap: usize,
    ) -> Event {
        let needed = (self.size_change * from as f64).max(1.0);
        if to > from && (to - from) as f64 >= needed {
            Event::Grow {
                coalition,
                from_size: from,
                to_size: to,
                jaccard,
                gap,
            }
        } else if from > to && (from - to) as f64 >= needed {
            Event::Shrink {
                coalition,
                from_size: from,
                to_size: to,
                jaccard,
                gap,
            }
        } else {
            Event::Continue {
                coalition,
                from_size: from,
                size: to,
                jaccard,
                gap,
            }
        }
    }
}

/// A coalition that may still be matched.
#[derive(Debug, Clone)]
struct Live {
    id: CoalitionId,
    /// Members when last seen, ascending.
    front: Vec<ActorIdx>,
    last_seen: usize,
    /// The optimiser's label of the community it was last seen as (multislice runs).
    label: Option<usize>,
}

/// A candidate (coalition, community) pair.
struct Pair {
    live: usize,
    community: usize,
    inter: usize,
    union: usize,
    same_label: bool,
}

impl Pair {
    fn jaccard(&self) -> f64 {
        if self.union == 0 {
            0.0
        } else {
            self.inter as f64 / self.union as f64
        }
    }
}

/// Online coalition tracker: push each window's communities in time order, get stable
/// coalition ids back, and collect the events (see [`TrackingOptions`] for the rules).
///
/// ```
/// use cosignatory::dynamics::{CoalitionTracker, Event, TrackingOptions};
/// use cosignatory::model::ActorIdx;
/// let a = |ids: &[u32]| ids.iter().map(|&i| ActorIdx(i)).collect::<Vec<_>>();
/// let mut t = CoalitionTracker::new(&TrackingOptions::default()).unwrap();
/// let w0 = t.push(&[a(&[0, 1, 2]), a(&[3, 4, 5])]);
/// let w1 = t.push(&[a(&[0, 1, 2, 3, 4, 5])]); // the two merge
/// assert_eq!(w1[0], w0[0]); // the smaller id survives a tie
/// let events = t.finish();
/// assert!(events[1].iter().any(|e| matches!(e, Event::Merge { merged, .. } if merged == &[w0[1].unwrap()])));
/// ```
#[derive(Debug, Clone)]
pub struct CoalitionTracker {
    options: TrackingOptions,
    live: Vec<Live>,
    next_id: u32,
    events: Vec<Vec<Event>>,
}

impl CoalitionTracker {
    /// A tracker with no history.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for options out of range ([`TrackingOptions::check`]).
    pub fn new(options: &TrackingOptions) -> Result<Self> {
        options.check()?;
        Ok(CoalitionTracker {
            options: options.clone(),
            live: Vec::new(),
            next_id: 1,
            events: Vec::new(),
        })
    }

    /// Number of windows pushed so far.
    pub fn windows(&self) -> usize {
        self.events.len()
    }

    /// Tracks the next window. `communities` are disjoint sets of actors (in any order);
    /// returns the coalition of each, `None` for communities below `min_size`.
    pub fn push(&mut self, communities: &[Vec<ActorIdx>]) -> Vec<Option<CoalitionId>> {
        self.step(communities, None)
    }

    /// As [`push`](Self::push), with the optimiser's label of each community (for example
    /// the shared community labels of [`multislice_leiden`](super::multislice_leiden)).
    /// Among the candidate pairs (Jaccard at least θ), those where the community has the
    /// label the coalition was last seen with are taken first, so the optimiser decides
    /// ambiguous cases (which piece of a split keeps the id). Labels never match a pair
    /// below θ: multislice labels follow any overlap between consecutive windows (coupling
    /// has no null model), which is too weak to call two communities one coalition.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if there is not one label per community.
    pub fn push_labeled(
        &mut self,
        communities: &[Vec<ActorIdx>],
        labels: &[usize],
    ) -> Result<Vec<Option<CoalitionId>>> {
        if labels.len() != communities.len() {
            return Err(Error::InvalidParameter {
                name: "labels",
                value: labels.len().to_string(),
                reason: format!("expected one label per community ({})", communities.len()),
            });
        }
        Ok(self.step(communities, Some(labels)))
    }

    /// The events so far, by window. Deaths are only known once a coalition's memory has
    /// run out, so the latest windows may still receive some (see [`finish`](Self::finish)).
    pub fn events(&self) -> &[Vec<Event>] {
        &self.events
    }

    /// Ends tracking: every coalition missing from the last window dies (in the first window
    /// it was missing). Returns the events of every window.
    pub fn finish(mut self) -> Vec<Vec<Event>> {
        let last = self.events.len();
        let live = std::mem::take(&mut self.live);
        for l in live {
            if l.last_seen + 1 < last {
                self.death(&l);
            }
        }
        for e in &mut self.events {
            e.sort_by_key(Event::order_key);
        }
        self.events
    }

    fn death(&mut self, l: &Live) {
        self.events[l.last_seen + 1].push(Event::Death {
            coalition: l.id,
            last_window: l.last_seen,
            last_size: l.front.len(),
        });
    }

    fn new_id(&mut self) -> CoalitionId {
        let id = CoalitionId(self.next_id);
        self.next_id += 1;
        id
    }

    fn step(
        &mut self,
        communities: &[Vec<ActorIdx>],
        labels: Option<&[usize]>,
    ) -> Vec<Option<CoalitionId>> {
        let t = self.events.len();
        self.events.push(Vec::new());
        let memory = self.options.memory;
        // Coalitions missing for `memory` windows die.
        let (keep, expired): (Vec<Live>, Vec<Live>) = std::mem::take(&mut self.live)
            .into_iter()
            .partition(|l| t - l.last_seen <= memory);
        for l in &expired {
            self.death(l);
        }
        self.live = keep;

        // Tracked communities, sorted, in order of their smallest member.
        let mut comms: Vec<(usize, Vec<ActorIdx>)> = communities
            .iter()
            .enumerate()
            .filter(|(_, c)| c.len() >= self.options.min_size)
            .map(|(i, c)| {
                let mut c = c.clone();
                c.sort_unstable();
                c.dedup();
                (i, c)
            })
            .filter(|(_, c)| c.len() >= self.options.min_size)
            .collect();
        comms.sort_by(|a, b| a.1[0].cmp(&b.1[0]));

        let mut pairs = self.candidate_pairs(&comms, labels);
        pairs.sort_by(|x, y| self.compare(x, y, &comms));

        let mut coal_taken = vec![false; self.live.len()];
        let mut comm_owner: Vec<Option<usize>> = vec![None; comms.len()];
        for (p, pair) in pairs.iter().enumerate() {
            if !coal_taken[pair.live] && comm_owner[pair.community].is_none() {
                coal_taken[pair.live] = true;
                comm_owner[pair.community] = Some(p);
            }
        }

        let mut result = vec![None; communities.len()];
        let mut ids = vec![CoalitionId(0); comms.len()];
        let mut events = Vec::new();
        let mut splits: Vec<(CoalitionId, CoalitionId)> = Vec::new();
        let mut updates: Vec<(usize, usize)> = Vec::new();
        let mut born: Vec<Live> = Vec::new();
        for (ci, (orig, members)) in comms.iter().enumerate() {
            let label = labels.map(|l| l[*orig]);
            let id = if let Some(p) = comm_owner[ci] {
                let pair = &pairs[p];
                let l = &self.live[pair.live];
                events.push(self.options.size_event(
                    l.id,
                    l.front.len(),
                    members.len(),
                    pair.jaccard(),
                    t - l.last_seen - 1,
                ));
                updates.push((pair.live, ci));
                l.id
            } else {
                let id = self.new_id();
                match pairs.iter().find(|p| p.community == ci) {
                    Some(p) => splits.push((self.live[p.live].id, id)),
                    None => events.push(Event::Birth {
                        coalition: id,
                        size: members.len(),
                    }),
                }
                born.push(Live {
                    id,
                    front: members.clone(),
                    last_seen: t,
                    label,
                });
                id
            };
            ids[ci] = id;
            result[*orig] = Some(id);
        }

        // Unmatched coalitions that were candidates of a taken community merge into it.
        let mut merges: Vec<(CoalitionId, CoalitionId)> = Vec::new();
        let mut merged = vec![false; self.live.len()];
        for (k, l) in self.live.iter().enumerate() {
            if coal_taken[k] {
                continue;
            }
            if let Some(p) = pairs.iter().find(|p| p.live == k) {
                merges.push((ids[p.community], l.id));
                merged[k] = true;
            }
        }
        events.extend(group(merges).map(|(coalition, merged)| Event::Merge { coalition, merged }));
        events.extend(group(splits).map(|(coalition, pieces)| Event::Split { coalition, pieces }));

        for (k, ci) in updates {
            let (orig, members) = &comms[ci];
            let l = &mut self.live[k];
            l.front = members.clone();
            l.last_seen = t;
            l.label = labels.map(|x| x[*orig]);
        }
        let mut k = 0;
        self.live.retain(|_| {
            k += 1;
            !merged[k - 1]
        });
        self.live.extend(born);
        self.live.sort_by_key(|l| l.id);
        self.events[t].extend(events);
        self.events[t].sort_by_key(Event::order_key);
        result
    }

    /// Every (coalition, community) pair that may be matched: Jaccard at least θ.
    fn candidate_pairs(
        &self,
        comms: &[(usize, Vec<ActorIdx>)],
        labels: Option<&[usize]>,
    ) -> Vec<Pair> {
        let mut owners: HashMap<ActorIdx, Vec<usize>> = HashMap::new();
        for (k, l) in self.live.iter().enumerate() {
            for &a in &l.front {
                owners.entry(a).or_default().push(k);
            }
        }
        let mut pairs = Vec::new();
        let mut inter = vec![0usize; self.live.len()];
        let mut touched: Vec<usize> = Vec::new();
        for (ci, (orig, members)) in comms.iter().enumerate() {
            for a in members {
                for &k in owners.get(a).map_or(&[][..], Vec::as_slice) {
                    if inter[k] == 0 {
                        touched.push(k);
                    }
                    inter[k] += 1;
                }
            }
            let label = labels.map(|l| l[*orig]);
            touched.sort_unstable();
            for &k in &touched {
                let l = &self.live[k];
                let union = members.len() + l.front.len() - inter[k];
                let pair = Pair {
                    live: k,
                    community: ci,
                    inter: inter[k],
                    union,
                    same_label: label.is_some() && l.label == label,
                };
                if pair.jaccard() >= self.options.threshold {
                    pairs.push(pair);
                }
                inter[k] = 0;
            }
            touched.clear();
        }
        pairs
    }

    /// Best pair first: same optimiser label, higher Jaccard (compared exactly), smaller
    /// coalition id, smaller first member of the community.
    fn compare(&self, x: &Pair, y: &Pair, comms: &[(usize, Vec<ActorIdx>)]) -> Ordering {
        let jx = x.inter as u128 * y.union as u128;
        let jy = y.inter as u128 * x.union as u128;
        y.same_label
            .cmp(&x.same_label)
            .then(jy.cmp(&jx))
            .then(self.live[x.live].id.cmp(&self.live[y.live].id))
            .then(comms[x.community].1[0].cmp(&comms[y.community].1[0]))
    }
}

/// Groups `(key, value)` pairs by key, keys and values ascending.
fn group(
    mut pairs: Vec<(CoalitionId, CoalitionId)>,
) -> impl Iterator<Item = (CoalitionId, Vec<CoalitionId>)> {
    pairs.sort_unstable();
    let mut out: Vec<(CoalitionId, Vec<CoalitionId>)> = Vec::new();
    for (k, v) in pairs {
        match out.last_mut() {
            Some((last, vs)) if *last == k => vs.push(v),
            _ => out.push((k, vec![v])),
        }
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: std::ops::Range<u32>) -> Vec<ActorIdx> {
        ids.map(ActorIdx).collect()
    }

    #[test]
    fn size_events_follow_the_documented_threshold() {
        let o = TrackingOptions::default();
        let id = CoalitionId(1);
        assert!(matches!(o.size_event(id, 5, 6, 1.0, 0), Event::Grow { .. }));
        assert!(matches!(
            o.size_event(id, 25, 27, 1.0, 0),
            Event::Continue { .. }
        ));
        assert!(matches!(
            o.size_event(id, 25, 28, 1.0, 0),
            Event::Grow { .. }
        ));
        assert!(matches!(
            o.size_event(id, 20, 18, 1.0, 0),
            Event::Shrink { .. }
        ));
        assert!(matches!(
            o.size_event(id, 20, 19, 1.0, 0),
            Event::Continue { .. }
        ));
    }

    #[test]
    fn split_keeps_the_id_in_the_piece_with_the_smallest_member() {
        let mut t = CoalitionTracker::new(&TrackingOptions::default()).unwrap();
        let a = t.push(&[set(0..8)]);
        let b = t.push(&[set(4..8), set(0..4)]);
        assert_eq!(b[1], a[0]);
        assert_eq!(b[0], Some(CoalitionId(2)));
        let ev = t.finish();
        assert!(ev[1].contains(&Event::Split {
            coalition: CoalitionId(1),
            pieces: vec![CoalitionId(2)]
        }));
        assert!(ev[1].iter().any(|e| matches!(e, Event::Shrink { .. })));
    }

    #[test]
    fn memory_bridges_gaps_and_death_is_dated_at_first_absence() {
        let o = TrackingOptions {
            memory: 2,
            ..Default::default()
        };
        let mut t = CoalitionTracker::new(&o).unwrap();
        let a = t.push(&[set(0..4), set(10..14)]);
        t.push(&[set(10..14)]); // 0..4 missing once
        let c = t.push(&[set(0..4), set(10..14)]);
        assert_eq!(c[0], a[0]);
        t.push(&[set(10..14)]);
        t.push(&[set(10..14)]);
        t.push(&[set(10..14)]); // 0..4 missing for 3 windows: dead since window 3
        let ev = t.finish();
        assert!(
            ev[2]
                .iter()
                .any(|e| matches!(e, Event::Continue { gap: 1, .. }))
        );
        let deaths: Vec<usize> = (0..ev.len())
            .filter(|&w| ev[w].iter().any(|e| matches!(e, Event::Death { .. })))
            .collect();
        assert_eq!(deaths, vec![3]);
    }

    #[test]
    fn small_communities_are_not_tracked_and_labels_decide_ties() {
        let mut t = CoalitionTracker::new(&TrackingOptions::default()).unwrap();
        let a = t
            .push_labeled(&[set(0..4), set(4..8), set(9..10)], &[7, 8, 9])
            .unwrap();
        assert_eq!(a[2], None);
        // {2..6} overlaps both by Jaccard 1/3: the smaller id would win, the label decides.
        let b = t.push_labeled(&[set(2..6)], &[8]).unwrap();
        assert_eq!(b[0], a[1]);
        // Below θ a shared label does not match.
        let c = t.push_labeled(&[set(5..20)], &[8]).unwrap();
        assert_ne!(c[0], a[1]);
        assert!(t.push_labeled(&[set(0..2)], &[]).is_err());
        let mut plain = CoalitionTracker::new(&TrackingOptions::default()).unwrap();
        let a = plain.push(&[set(0..4), set(4..8)]);
        assert_eq!(plain.push(&[set(2..6)])[0], a[0]);
    }
}
