//! Coalitions over time.
//!
//! A [`Timeline`] cuts a [`View`](crate::model::View) into windows
//! ([`WindowSpec`](crate::time::WindowSpec): calendar years, quarters or months, sliding
//! windows, custom lists; optional decay within each window) and computes, per window, the
//! co-signature graph ([`crate::graph::project`]), its partition (Leiden,
//! [`crate::cluster`]), centralities and, through the [`WindowAlignment`] extension point,
//! alignment figures. Then:
//!
//! * **Smoothing** ([`Smoothing`]): each window's Leiden warm-started from the previous
//!   window's partition, or multislice modularity over all windows at once
//!   ([`multislice_leiden`]; Mucha, Richardson, Macon, Porter & Onnela 2010, Science
//!   328:876–878), so that coalitions do not flicker between equally good partitions.
//! * **Tracking** ([`CoalitionTracker`]): every window's communities are matched to the
//!   coalitions of recent windows by Jaccard overlap of members (Greene, Doyle &
//!   Cunningham 2010, ASONAM), which gives each coalition a stable [`CoalitionId`] and an
//!   [`Event`] list per window: birth, death, merge, split, grow, shrink, continue.
//! * **Stability and histories**: NMI and ARI between consecutive windows over the actors
//!   present in both ([`Stability`]); per actor, its coalition per window, its switches and
//!   its participation coefficient over time ([`ActorHistory`]).
//! * **Output**: everything serialises with serde (JSON); tables and alluvial flows
//!   ([`Flow`]) as CSV ([`Table`], [`Timeline::csv`], [`Timeline::write_files`]).
//!
//! ```
//! use cosignatory::dynamics::{Smoothing, Timeline, TimelineOptions};
//! use cosignatory::time::{Period, WindowSpec};
//! let ds = cosignatory::datasets::joint_statements();
//! let options = TimelineOptions {
//!     windows: WindowSpec::Calendar { period: Period::Year, size: 2, step: 2 },
//!     smoothing: Smoothing::Multislice { coupling: 1.0 },
//!     ..Default::default()
//! };
//! let t = Timeline::build(&ds.view(), &options).unwrap();
//! for w in &t.windows {
//!     for (id, members) in w.coalition_members() {
//!         println!("{} {id}: {}", w.window, members.join(" "));
//!     }
//!     for e in &w.events {
//!         println!("  {e}");
//!     }
//! }
//! # assert!(t.multislice_quality.is_some());
//! ```

mod alignment;
mod events;
mod history;
mod output;
mod timeline;
mod tracking;
mod window;

pub use alignment::{AlignmentFigure, CoalitionAlignment, WindowAlignment, WindowInput};
pub use events::{CoalitionId, Event};
pub use history::{ActorHistory, CoalitionSummary, HistoryEntry, Stability, Switch, stability};
// Multislice modularity lives with the other optimisers; its names stay reachable here.
pub use crate::cluster::{
    MultisliceOptions, MultisliceResult, Slice, multislice_leiden, multislice_quality,
};
pub use output::{Flow, Table};
pub use timeline::{Smoothing, SmoothingMethod, Timeline, TimelineOptions};
pub use tracking::{CoalitionTracker, TrackingOptions};
pub use window::{CentralitySelection, WindowCentrality, WindowEdge, WindowSnapshot};
