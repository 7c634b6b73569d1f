//! Assembling a dynamic GEXF document from per-window graphs: nodes and edges matched by
//! actor ids across windows, spells from the windows they appear in, values per window.

use super::gexf::Snapshot;
use super::gexf_document::{AttValue, Column, Document, Element, describe};
use super::prepared::Prepared;
use crate::error::{Error, Result};

use crate::model::Actor;
use crate::time::Window;
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::collections::BTreeMap;

fn invalid(value: String, reason: String) -> Error {
    Error::InvalidParameter {
        name: "snapshots",
        value,
        reason,
    }
}

/// Windows in order, not overlapping, not inverted; one weighting and signedness.
fn check(snapshots: &[Snapshot]) -> Result<()> {
    let Some(first) = snapshots.first() else {
        return Err(invalid("[]".into(), "at least one window is needed".into()));
    };
    for (i, s) in snapshots.iter().enumerate() {
        if s.window.start > s.window.end {
            return Err(invalid(
                s.window.to_string(),
                format!("window {i} ends before it starts"),
            ));
        }
        if i > 0 && snapshots[i - 1].window.end >= s.window.start {
            return Err(invalid(
                s.window.to_string(),
                format!(
                    "window {i} must start after window {} ({}) ends: windows must be in order \
                     and must not overlap",
                    i - 1,
                    snapshots[i - 1].window
                ),
            ));
        }
        let (g, g0) = (s.graph, first.graph);
        if g.weighting() != g0.weighting() || g.is_signed() != g0.is_signed() {
            return Err(invalid(
                s.window.to_string(),
                format!(
                    "window {i} has weighting {} (signed: {}) but window 0 has {} (signed: {}); \
                     one timeline needs one weighting",
                    g.weighting(),
                    g.is_signed(),
                    g0.weighting(),
                    g0.is_signed()
                ),
            ));
        }
    }
    Ok(())
}

/// Runs of windows that follow each other day after day, merged into one spell each.
fn spells(windows: impl IntoIterator<Item = Window>) -> Vec<Window> {
    let mut out: Vec<Window> = Vec::new();
    for w in windows {
        match out.last_mut() {
            Some(last) if last.end.succ_opt() == Some(w.start) => last.end = w.end,
            _ => out.push(w),
        }
    }
    out
}

/// An actor across windows: as first seen, and its node in each window it appears in.
struct Track<'a> {
    actor: &'a Actor,
    seen: Vec<(usize, NodeIndex)>,
}

fn dynamic(column: usize, value: String, window: Window) -> AttValue {
    AttValue {
        column,
        value,
        window: Some(window),
    }
}

/// The dynamic document of a sequence of snapshots.
pub(crate) fn document(snapshots: &[Snapshot]) -> Result<Document> {
    check(snapshots)?;
    let prepared = snapshots
        .iter()
        .map(|s| Prepared::new(s.graph, &s.attributes))
        .collect::<Result<Vec<_>>>()?;
    let window = |i: usize| snapshots[i].window;

    // Node columns: kind (static), statements, coalition, numeric names by first appearance.
    let mut node_columns = vec![
        Column::new("kind", "string", false),
        Column::new("statements", "long", true),
    ];
    let coalition_column = prepared.iter().any(|p| p.has_coalition()).then(|| {
        node_columns.push(Column::new("coalition", "long", true));
        node_columns.len() - 1
    });
    let mut numeric_column: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &prepared {
        for (name, _) in &p.attributes.numeric {
            numeric_column.entry(name).or_insert_with(|| {
                node_columns.push(Column::new(name, "double", true));
                node_columns.len() - 1
            });
        }
    }

    let mut tracks: BTreeMap<&str, Track> = BTreeMap::new();
    for (i, p) in prepared.iter().enumerate() {
        for &n in p.nodes() {
            let actor = p.actor(n);
            let track = tracks.entry(&actor.id).or_insert(Track {
                actor,
                seen: Vec::new(),
            });
            track.seen.push((i, n));
        }
    }
    let nodes = tracks
        .into_values()
        .map(|Track { actor, seen }| {
            let mut values = vec![AttValue {
                column: 0,
                value: actor.kind.as_str().to_string(),
                window: None,
            }];
            for &(i, n) in &seen {
                let statements = prepared[i].graph.statements_of(n).to_string();
                values.push(dynamic(1, statements, window(i)));
            }
            if let Some(column) = coalition_column {
                for &(i, n) in &seen {
                    if let Some(c) = prepared[i].coalition(n) {
                        values.push(dynamic(column, c.to_string(), window(i)));
                    }
                }
            }
            // Numeric values column by column, each in window order.
            let mut numeric: Vec<(usize, usize, String)> = Vec::new();
            for &(i, n) in &seen {
                for (name, v) in &prepared[i].attributes.numeric {
                    numeric.push((numeric_column[name.as_str()], i, v[n.index()].to_string()));
                }
            }
            numeric.sort_by_key(|&(column, i, _)| (column, i));
            values.extend(
                numeric
                    .into_iter()
                    .map(|(column, i, v)| dynamic(column, v, window(i))),
            );
            Element {
                xml: vec![("id", actor.id.clone()), ("label", actor.name.clone())],
                values,
                spells: spells(seen.iter().map(|&(i, _)| window(i))),
            }
        })
        .collect();

    let fields = prepared[0].edge_fields();
    let edge_columns = fields
        .iter()
        .map(|f| Column::new(f.name, f.xml_type(), true))
        .collect();
    let mut pairs: BTreeMap<(&str, &str), Vec<(usize, EdgeIndex)>> = BTreeMap::new();
    for (i, p) in prepared.iter().enumerate() {
        for (a, b, e) in p.edges() {
            let key = (p.actor(a).id.as_str(), p.actor(b).id.as_str());
            pairs.entry(key).or_default().push((i, e));
        }
    }
    let prepared = &prepared;
    let edges = pairs
        .into_iter()
        .enumerate()
        .map(|(k, ((a, b), seen))| Element {
            xml: vec![
                ("id", k.to_string()),
                ("source", a.to_string()),
                ("target", b.to_string()),
            ],
            values: fields
                .iter()
                .enumerate()
                .flat_map(|(column, f)| {
                    seen.iter().map(move |&(i, e)| {
                        dynamic(column, prepared[i].value(f, e).to_string(), window(i))
                    })
                })
                .collect(),
            spells: spells(seen.iter().map(|&(i, _)| window(i))),
        })
        .collect();

    let last = snapshots[snapshots.len() - 1].window;
    Ok(Document {
        dynamic: true,
        description: format!(
            "{}, {} windows from {} to {}",
            describe(snapshots[0].graph),
            snapshots.len(),
            snapshots[0].window.start,
            last.end
        ),
        node_columns,
        edge_columns,
        nodes,
        edges,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(a: &str, b: &str) -> Window {
        Window::new(a.parse().unwrap(), b.parse().unwrap())
    }

    #[test]
    fn contiguous_windows_merge_into_one_spell() {
        let merged = spells([
            w("2019-01-01", "2019-12-31"),
            w("2020-01-01", "2020-12-31"),
            w("2022-01-01", "2022-06-30"),
            w("2022-07-01", "2022-12-31"),
        ]);
        assert_eq!(
            merged,
            [w("2019-01-01", "2020-12-31"), w("2022-01-01", "2022-12-31")]
        );
        assert!(spells([]).is_empty());
    }
}
