//! A [`Timeline`]'s windows as one dynamic GEXF document: each window's graph projected as the
//! timeline projected it, with every actor's tracked coalition as a node attribute.

use std::path::Path;

use super::{NodeAttributes, Snapshot, write_gexf_dynamic_file};
use crate::dynamics::{Timeline, TimelineOptions};
use crate::error::Result;
use crate::graph::{CoSignGraph, project};
use crate::model::View;

/// Writes `timeline` (built from `view` with `options`) as a dynamic GEXF file for Gephi's
/// timeline: one spell per window, the tracked coalition per actor and window.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for overlapping windows (GEXF
/// spells must not overlap), projection errors, [`Error::Io`](crate::Error::Io).
pub fn write_timeline_gexf_file(
    path: impl AsRef<Path>,
    view: &View<'_>,
    options: &TimelineOptions,
    timeline: &Timeline,
) -> Result<()> {
    let graphs: Vec<CoSignGraph> = timeline
        .windows
        .iter()
        .map(|w| project(&view.clone().window(w.window), &options.projection))
        .collect::<Result<_>>()?;
    let snapshots: Vec<Snapshot> = timeline
        .windows
        .iter()
        .zip(&graphs)
        .map(|(w, g)| {
            let coalitions = g
                .graph()
                .node_weights()
                .map(|a| w.coalition_of(&a.id).map(|c| c.0 as usize));
            Snapshot::new(w.window, g)
                .with_attributes(NodeAttributes::new().with_optional_coalitions(coalitions))
        })
        .collect();
    write_gexf_dynamic_file(path, &snapshots)
}
