//! Coalition ids and the events of a coalition's life.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable id of a tracked coalition: the same id in every window where the coalition
/// is found. Ids are handed out from 1 in order of appearance (within a window, in order of
/// each new community's first member), so they are deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CoalitionId(pub u32);

impl fmt::Display for CoalitionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "C{}", self.0)
    }
}

/// What happened to a coalition between earlier windows and the window that reports it.
///
/// Every coalition found in a window gets exactly one of `Birth`, `Continue`, `Grow` or
/// `Shrink` there, or is a piece named by a `Split`. `Merge` and `Split` are reported in
/// addition, in the window where the structure changed. A coalition that ends by merging
/// gets no `Death`. See [`TrackingOptions`](super::TrackingOptions) for the definitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    /// A community that matches no recent coalition.
    Birth {
        /// The new coalition.
        coalition: CoalitionId,
        /// Its size.
        size: usize,
    },
    /// A coalition not matched for more windows than the tracker's memory. Reported in the
    /// first window where it was missing.
    Death {
        /// The coalition.
        coalition: CoalitionId,
        /// The window it was last seen in.
        last_window: usize,
        /// Its size then.
        last_size: usize,
    },
    /// Matched, with a size change below the grow/shrink threshold.
    Continue {
        /// The coalition.
        coalition: CoalitionId,
        /// Size when last seen.
        from_size: usize,
        /// Its size now.
        size: usize,
        /// Jaccard similarity to the members it had when last seen.
        jaccard: f64,
        /// Windows skipped since it was last seen (0 for the previous window).
        gap: usize,
    },
    /// Matched and larger by at least the grow/shrink threshold.
    Grow {
        /// The coalition.
        coalition: CoalitionId,
        /// Size when last seen.
        from_size: usize,
        /// Size now.
        to_size: usize,
        /// Jaccard similarity to the members it had when last seen.
        jaccard: f64,
        /// Windows skipped since it was last seen.
        gap: usize,
    },
    /// Matched and smaller by at least the grow/shrink threshold.
    Shrink {
        /// The coalition.
        coalition: CoalitionId,
        /// Size when last seen.
        from_size: usize,
        /// Size now.
        to_size: usize,
        /// Jaccard similarity to the members it had when last seen.
        jaccard: f64,
        /// Windows skipped since it was last seen.
        gap: usize,
    },
    /// Several coalitions matched one community: `coalition` continues in it, the
    /// `merged` ones end here.
    Merge {
        /// The surviving coalition.
        coalition: CoalitionId,
        /// The coalitions absorbed (ascending).
        merged: Vec<CoalitionId>,
    },
    /// One coalition matched several communities: it continues in one of them (unless it
    /// merged elsewhere), the others are new coalitions split off from it.
    Split {
        /// The coalition that split.
        coalition: CoalitionId,
        /// The new coalitions split off (ascending).
        pieces: Vec<CoalitionId>,
    },
}

impl Event {
    /// The coalition the event is about (the survivor of a merge, the source of a split).
    pub fn coalition(&self) -> CoalitionId {
        match self {
            Event::Birth { coalition, .. }
            | Event::Death { coalition, .. }
            | Event::Continue { coalition, .. }
            | Event::Grow { coalition, .. }
            | Event::Shrink { coalition, .. }
            | Event::Merge { coalition, .. }
            | Event::Split { coalition, .. } => *coalition,
        }
    }

    /// The event's name as written in files: `birth`, `death`, `continue`, `grow`,
    /// `shrink`, `merge`, `split`.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Birth { .. } => "birth",
            Event::Death { .. } => "death",
            Event::Continue { .. } => "continue",
            Event::Grow { .. } => "grow",
            Event::Shrink { .. } => "shrink",
            Event::Merge { .. } => "merge",
            Event::Split { .. } => "split",
        }
    }

    /// The other coalitions involved: those merged, or the pieces split off.
    pub fn others(&self) -> &[CoalitionId] {
        match self {
            Event::Merge { merged, .. } => merged,
            Event::Split { pieces, .. } => pieces,
            _ => &[],
        }
    }

    /// Sort key within a window: deaths, then births and continuations, then merges and
    /// splits, each by coalition id.
    pub(crate) fn order_key(&self) -> (u8, CoalitionId) {
        let rank = match self {
            Event::Death { .. } => 0,
            Event::Birth { .. } | Event::Continue { .. } | Event::Grow { .. } => 1,
            Event::Shrink { .. } => 1,
            Event::Merge { .. } => 2,
            Event::Split { .. } => 3,
        };
        (rank, self.coalition())
    }
}

/// " (missing from N windows before)" for a gap, nothing otherwise.
fn after(gap: usize) -> String {
    match gap {
        0 => String::new(),
        1 => " (missing from the window before)".into(),
        g => format!(" (missing from the {g} windows before)"),
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |ids: &[CoalitionId]| {
            ids.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Event::Birth { coalition, size } => write!(f, "{coalition} born ({size} members)"),
            Event::Death {
                coalition,
                last_window,
                last_size,
            } => write!(
                f,
                "{coalition} died (last seen in window {last_window} with {last_size} members)"
            ),
            Event::Continue {
                coalition,
                size,
                gap,
                ..
            } => write!(f, "{coalition} continues ({size} members){}", after(*gap)),
            Event::Grow {
                coalition,
                from_size,
                to_size,
                gap,
                ..
            } => write!(
                f,
                "{coalition} grows {from_size} → {to_size}{}",
                after(*gap)
            ),
            Event::Shrink {
                coalition,
                from_size,
                to_size,
                gap,
                ..
            } => write!(
                f,
                "{coalition} shrinks {from_size} → {to_size}{}",
                after(*gap)
            ),
            Event::Merge { coalition, merged } => {
                let verb = if merged.len() == 1 { "merges" } else { "merge" };
                write!(f, "{} {verb} into {coalition}", list(merged))
            }
            Event::Split { coalition, pieces } => {
                write!(f, "{coalition} splits off {}", list(pieces))
            }
        }
    }
}
