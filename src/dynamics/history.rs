//! Stability between consecutive windows, actor histories and coalition summaries.

use super::events::CoalitionId;
use super::window::WindowSnapshot;
use crate::cluster::{adjusted_rand_index, normalized_mutual_info};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Agreement between a window's partition and the previous window's, over the actors
/// present in both.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stability {
    /// The window compared with (the previous one).
    pub previous: usize,
    /// Actors present in both windows.
    pub common_actors: usize,
    /// Normalised mutual information (arithmetic mean, as
    /// [`normalized_mutual_info`](crate::cluster::normalized_mutual_info)) of the two
    /// partitions restricted to the common actors; communities too small to be tracked count
    /// as communities here.
    pub nmi: f64,
    /// Adjusted Rand index of the same labelings.
    pub ari: f64,
    /// Common actors in a tracked coalition in both windows whose coalition id changed.
    pub switched: usize,
}

/// Pairs of node indices `(in a, in b)` of the actors present in both windows.
pub(crate) fn common_nodes(a: &WindowSnapshot, b: &WindowSnapshot) -> Vec<(usize, usize)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.actors.len() && j < b.actors.len() {
        match a.actors[i].cmp(&b.actors[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((i, j));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The stability of `next` relative to `prev`; `None` when no actor is in both.
pub fn stability(prev: &WindowSnapshot, next: &WindowSnapshot) -> Option<Stability> {
    let common = common_nodes(prev, next);
    if common.is_empty() {
        return None;
    }
    let a: Vec<usize> = common
        .iter()
        .map(|&(i, _)| prev.partition.community_of(i))
        .collect();
    let b: Vec<usize> = common
        .iter()
        .map(|&(_, j)| next.partition.community_of(j))
        .collect();
    let switched = common
        .iter()
        .filter(|&&(i, j)| {
            matches!(
                (prev.coalition_of_node(i), next.coalition_of_node(j)),
                (Some(x), Some(y)) if x != y
            )
        })
        .count();
    Some(Stability {
        previous: prev.index,
        common_actors: common.len(),
        nmi: normalized_mutual_info(&a, &b).expect("labelings of equal length"),
        ari: adjusted_rand_index(&a, &b).expect("labelings of equal length"),
        switched,
    })
}

/// An actor in one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The window.
    pub window: usize,
    /// Its coalition there (`None`: in a community too small to be tracked).
    pub coalition: Option<CoalitionId>,
    /// Its participation coefficient there (`None`: no ties).
    pub participation: Option<f64>,
    /// Its strength there.
    pub strength: f64,
}

/// A change of coalition between two consecutive appearances of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Switch {
    /// The window of the new coalition.
    pub window: usize,
    /// The window of the previous appearance (earlier than `window − 1` after a gap).
    pub from_window: usize,
    /// The coalition left.
    pub from: CoalitionId,
    /// The coalition joined.
    pub to: CoalitionId,
}

/// One actor over the timeline: where it was, and when it switched coalition.
///
/// A switch is a change between two tracked coalitions at consecutive appearances of the
/// actor (windows where it is absent are skipped; moving into or out of an untracked
/// community is not a switch).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorHistory {
    /// The actor id.
    pub actor: String,
    /// One entry per window where the actor takes part, in time order.
    pub entries: Vec<HistoryEntry>,
    /// The switches, in time order.
    pub switches: Vec<Switch>,
}

/// The history of `actor` over `windows`; `None` if it takes part in none.
pub(crate) fn actor_history(windows: &[WindowSnapshot], actor: &str) -> Option<ActorHistory> {
    let entries: Vec<HistoryEntry> = windows
        .iter()
        .filter_map(|w| {
            let n = w.node(actor)?;
            Some(HistoryEntry {
                window: w.index,
                coalition: w.coalition_of_node(n),
                participation: w.centrality.participation.get(n).copied().flatten(),
                strength: w.centrality.strength.get(n).copied().unwrap_or(0.0),
            })
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    let switches = entries
        .windows(2)
        .filter_map(|p| match (p[0].coalition, p[1].coalition) {
            (Some(from), Some(to)) if from != to => Some(Switch {
                window: p[1].window,
                from_window: p[0].window,
                from,
                to,
            }),
            _ => None,
        })
        .collect();
    Some(ActorHistory {
        actor: actor.to_string(),
        entries,
        switches,
    })
}

/// One coalition over the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoalitionSummary {
    /// The coalition.
    pub id: CoalitionId,
    /// First window it is found in.
    pub first_window: usize,
    /// Last window it is found in.
    pub last_window: usize,
    /// `(window, size)` for every window it is found in.
    pub sizes: Vec<(usize, usize)>,
}

/// Every coalition's summary, by id.
pub(crate) fn coalition_summaries(windows: &[WindowSnapshot]) -> Vec<CoalitionSummary> {
    let mut by_id: BTreeMap<CoalitionId, Vec<(usize, usize)>> = BTreeMap::new();
    for w in windows {
        let sizes = w.partition.sizes();
        for (c, id) in w.coalitions.iter().enumerate() {
            if let Some(id) = id {
                by_id.entry(*id).or_default().push((w.index, sizes[c]));
            }
        }
    }
    by_id
        .into_iter()
        .map(|(id, sizes)| CoalitionSummary {
            id,
            first_window: sizes[0].0,
            last_window: sizes[sizes.len() - 1].0,
            sizes,
        })
        .collect()
}
