//! Tables and alluvial flows of a [`Timeline`].

use super::events::{CoalitionId, Event};
use super::history::common_nodes;
use super::timeline::Timeline;
use super::window::WindowSnapshot;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Actors moving from a coalition of one window to a coalition of the next: one band of an
/// alluvial (Sankey) diagram. Counts only actors present in both windows; `None` stands for
/// a community too small to be tracked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    /// The earlier window.
    pub from_window: usize,
    /// The coalition there.
    pub from_coalition: Option<CoalitionId>,
    /// The next window.
    pub to_window: usize,
    /// The coalition there.
    pub to_coalition: Option<CoalitionId>,
    /// Number of actors.
    pub count: usize,
}

/// The tables a timeline writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Table {
    /// `window, start, end, coalition, size, members` (members `;`-separated).
    Coalitions,
    /// `actor, window, start, end, coalition, community, participation, strength,
    /// pagerank, betweenness`: one row per actor and window.
    Memberships,
    /// `window, start, end, event, coalition, from_size, to_size, jaccard, gap,
    /// last_window, others` (others `;`-separated). Every row has both sizes: 0 before a
    /// birth and after a death; a merge's `from_size` adds the sizes of every coalition
    /// involved when last seen, a split's `to_size` those of every piece now.
    Events,
    /// `from_window, from_coalition, to_window, to_coalition, count`: alluvial flows.
    Flows,
    /// `window, previous, common_actors, nmi, ari, switched`.
    Stability,
    /// `window, start, end, measure, coalition, value`: the alignment figures of
    /// [`Timeline::build_with_alignment`] (coalition empty for the whole window).
    Alignment,
}

crate::names::named_enum!(Table, "timeline table", [
    Coalitions => "coalitions",
    Memberships => "memberships",
    Events => "events",
    Flows => "flows",
    Stability => "stability",
    Alignment => "alignment",
]);

impl Table {
    /// The file name [`Timeline::write_files`] uses.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Coalitions => "coalitions.csv",
            Table::Memberships => "memberships.csv",
            Table::Events => "events.csv",
            Table::Flows => "flows.csv",
            Table::Stability => "stability.csv",
            Table::Alignment => "alignment.csv",
        }
    }
}

#[derive(Serialize)]
struct AlignmentRow<'a> {
    window: usize,
    start: NaiveDate,
    end: NaiveDate,
    measure: &'a str,
    coalition: Option<CoalitionId>,
    value: f64,
}

#[derive(Serialize)]
struct CoalitionRow {
    window: usize,
    start: NaiveDate,
    end: NaiveDate,
    coalition: CoalitionId,
    size: usize,
    members: String,
}

#[derive(Serialize)]
struct MembershipRow<'a> {
    actor: &'a str,
    window: usize,
    start: NaiveDate,
    end: NaiveDate,
    coalition: Option<CoalitionId>,
    community: usize,
    participation: Option<f64>,
    strength: f64,
    pagerank: Option<f64>,
    betweenness: Option<f64>,
}

#[derive(Serialize, Default)]
struct EventRow {
    window: usize,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    event: &'static str,
    coalition: Option<CoalitionId>,
    from_size: Option<usize>,
    to_size: Option<usize>,
    jaccard: Option<f64>,
    gap: Option<usize>,
    last_window: Option<usize>,
    others: String,
}

#[derive(Serialize)]
struct StabilityRow {
    window: usize,
    previous: usize,
    common_actors: usize,
    nmi: f64,
    ari: f64,
    switched: usize,
}

fn join(ids: &[CoalitionId]) -> String {
    ids.iter()
        .map(|c| c.0.to_string())
        .collect::<Vec<_>>()
        .join(";")
}

fn event_row(window: usize, e: &Event) -> EventRow {
    let base = EventRow {
        window,
        event: e.name(),
        coalition: Some(e.coalition()),
        others: join(e.others()),
        ..Default::default()
    };
    match *e {
        Event::Birth { size, .. } => EventRow {
            from_size: Some(0),
            to_size: Some(size),
            ..base
        },
        Event::Death {
            last_window,
            last_size,
            ..
        } => EventRow {
            from_size: Some(last_size),
            to_size: Some(0),
            last_window: Some(last_window),
            ..base
        },
        Event::Continue {
            from_size,
            size,
            jaccard,
            gap,
            ..
        } => EventRow {
            from_size: Some(from_size),
            to_size: Some(size),
            jaccard: Some(jaccard),
            gap: Some(gap),
            ..base
        },
        Event::Grow {
            from_size,
            to_size,
            jaccard,
            gap,
            ..
        }
        | Event::Shrink {
            from_size,
            to_size,
            jaccard,
            gap,
            ..
        } => EventRow {
            from_size: Some(from_size),
            to_size: Some(to_size),
            jaccard: Some(jaccard),
            gap: Some(gap),
            ..base
        },
        Event::Merge { .. } | Event::Split { .. } => base,
    }
}

/// The size of a tracked coalition in a window (0 when absent).
fn size_in(w: &WindowSnapshot, c: CoalitionId) -> usize {
    w.coalition_members()
        .into_iter()
        .find(|(id, _)| *id == c)
        .map_or(0, |(_, m)| m.len())
}

/// The size of a coalition in the last of `windows` where it is present (0 if none).
fn last_size(windows: &[WindowSnapshot], c: CoalitionId) -> usize {
    windows
        .iter()
        .rev()
        .map(|w| size_in(w, c))
        .find(|&n| n > 0)
        .unwrap_or(0)
}

fn to_csv<T: Serialize>(rows: impl IntoIterator<Item = T>) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for r in rows {
        w.serialize(r)
            .expect("rows of plain values serialise to CSV");
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 values is UTF-8")
}

impl Timeline {
    /// Alluvial flows between every pair of consecutive windows, ordered by window, then
    /// source and target coalition (untracked first).
    pub fn flows(&self) -> Vec<Flow> {
        let mut out = Vec::new();
        for pair in self.windows.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let mut counts: BTreeMap<(Option<CoalitionId>, Option<CoalitionId>), usize> =
                BTreeMap::new();
            for (i, j) in common_nodes(a, b) {
                *counts
                    .entry((a.coalition_of_node(i), b.coalition_of_node(j)))
                    .or_default() += 1;
            }
            out.extend(counts.into_iter().map(|((from, to), count)| Flow {
                from_window: a.index,
                from_coalition: from,
                to_window: b.index,
                to_coalition: to,
                count,
            }));
        }
        out
    }

    /// One table as CSV text with a header row.
    ///
    /// ```
    /// use cosignatory::dynamics::{Table, Timeline, TimelineOptions};
    /// let ds = cosignatory::datasets::joint_statements();
    /// let t = Timeline::build(&ds.view(), &TimelineOptions::default()).unwrap();
    /// let csv = t.csv(Table::Flows);
    /// assert!(csv.starts_with("from_window,from_coalition,to_window,to_coalition,count\n"));
    /// ```
    pub fn csv(&self, table: Table) -> String {
        let windows = &self.windows;
        match table {
            Table::Coalitions => to_csv(windows.iter().flat_map(|w| {
                w.coalition_members()
                    .into_iter()
                    .map(move |(id, members)| CoalitionRow {
                        window: w.index,
                        start: w.window.start,
                        end: w.window.end,
                        coalition: id,
                        size: members.len(),
                        members: members.join(";"),
                    })
            })),
            Table::Memberships => to_csv(windows.iter().flat_map(|w| {
                w.actors
                    .iter()
                    .enumerate()
                    .map(move |(n, actor)| MembershipRow {
                        actor,
                        window: w.index,
                        start: w.window.start,
                        end: w.window.end,
                        coalition: w.coalition_of_node(n),
                        community: w.partition.community_of(n),
                        participation: w.centrality.participation[n],
                        strength: w.centrality.strength[n],
                        pagerank: w.centrality.pagerank.as_ref().map(|v| v[n]),
                        betweenness: w.centrality.betweenness.as_ref().map(|v| v[n]),
                    })
            })),
            Table::Events => to_csv(windows.iter().enumerate().flat_map(|(k, w)| {
                w.events.iter().map(move |e| {
                    let row = event_row(w.index, e);
                    // Merges and splits: the sizes of every coalition involved, when last
                    // seen and now, so that every row has its sizes.
                    let (from_size, to_size) = match e {
                        Event::Merge { coalition, merged } => {
                            let ids = || std::iter::once(coalition).chain(merged);
                            (
                                Some(ids().map(|&c| last_size(&windows[..k], c)).sum()),
                                Some(size_in(w, *coalition)),
                            )
                        }
                        Event::Split { coalition, pieces } => (
                            Some(last_size(&windows[..k], *coalition)),
                            Some(
                                std::iter::once(coalition)
                                    .chain(pieces)
                                    .map(|&c| size_in(w, c))
                                    .sum(),
                            ),
                        ),
                        _ => (row.from_size, row.to_size),
                    };
                    EventRow {
                        start: Some(w.window.start),
                        end: Some(w.window.end),
                        from_size,
                        to_size,
                        ..row
                    }
                })
            })),
            Table::Flows => to_csv(self.flows()),
            Table::Stability => to_csv(windows.iter().filter_map(|w| {
                w.stability.map(|s| StabilityRow {
                    window: w.index,
                    previous: s.previous,
                    common_actors: s.common_actors,
                    nmi: s.nmi,
                    ari: s.ari,
                    switched: s.switched,
                })
            })),
            Table::Alignment => to_csv(windows.iter().flat_map(|w| {
                w.alignment.iter().map(move |f| AlignmentRow {
                    window: w.index,
                    start: w.window.start,
                    end: w.window.end,
                    measure: &f.measure,
                    coalition: f.coalition,
                    value: f.value,
                })
            })),
        }
    }

    /// Writes every [`Table`] into `dir` (created if needed) under its
    /// [`file_name`](Table::file_name), and the whole timeline as `timeline.json`.
    ///
    /// # Errors
    /// [`Error::Io`] when a file cannot be written.
    pub fn write_files(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        let io = |path: &Path, source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let write = |path: &Path, text: String| {
            crate::io::write_atomically(
                path,
                |f| std::io::Write::write_all(f, text.as_bytes()).map_err(|e| io(path, e)),
                io,
            )
        };
        for table in Table::ALL {
            write(&dir.join(table.file_name()), self.csv(table))?;
        }
        let json = serde_json::to_string_pretty(self).expect("a timeline serialises to JSON");
        write(&dir.join("timeline.json"), json)
    }
}
