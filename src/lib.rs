//! # cosignatory
//!
//! Who signs with whom. Countries and blocs are nodes; joint statements, joint letters,
//! declarations and roll-call votes link them. `cosignatory` loads that record into a validated
//! [`Dataset`](model::Dataset), restricts it to windows and filters with a
//! [`View`](model::View), and (in the modules below) turns it into co-signature graphs,
//! coalitions and alignment scores.
//!
//! ## A worked example
//!
//! On 2024-11-05 ten foreign ministers and the EU High Representative condemned North Korea's
//! troop deployment to Russia. The bundled data has that statement; with the EU expanded to its
//! 27 member states on that day, France, Germany and Italy count once (they signed themselves):
//!
//! ```
//! use cosignatory::model::BlocMode;
//!
//! let ds = cosignatory::datasets::joint_statements();
//! let s = ds.statement_index("2024-11-05-dprk-troops-russia").unwrap();
//! assert_eq!(ds.signatures_of(s).len(), 11);
//!
//! let expanded = ds.view().bloc_mode(BlocMode::Expand).signatures(s);
//! assert_eq!(expanded.len(), 34);
//! let via_eu = expanded.iter().filter(|x| x.is_indirect()).count();
//! assert_eq!(via_eu, 24);
//!
//! // Windows are cheap: statements are sorted by date.
//! let d = |s: &str| s.parse().unwrap();
//! let recent = ds.view().between(d("2024-01-01"), d("2024-12-31"));
//! assert_eq!(recent.len(), 8);
//! ```
//!
//! ## Modules
//!
//! - [`model`]: actors, statements, positions, signatures, memberships, the dataset and views.
//! - [`io`]: a folder of CSVs or one JSON document, strict or lenient, with located errors.
//! - [`datasets`]: the bundled real data.
//! - [`time`]: windows (calendar, sliding, custom) and exponential decay.
//! - [`graph`]: co-signature projection, backbones and centrality.
//! - [`align`]: alignment measures and bloc cohesion.
//! - [`ideal`]: ideal points from roll calls (static binary and ordinal, dynamic ordinal).
//! - [`synth`]: seeded synthetic records with planted coalitions.
//! - [`cluster`]: coalition detection (Leiden, Louvain, ...), quality and partition comparison.
//! - [`dynamics`]: coalitions over time: windows, smoothing, tracking, events, histories.
//! - [`export`]: GraphML, GEXF (with windows for Gephi's timeline), DOT, node-link JSON, CSV.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod align;
pub mod cluster;
pub mod datasets;
pub mod dynamics;
mod error;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod graph;
mod group;
pub mod ideal;
pub mod io;
pub mod model;
mod names;
mod par;
mod stats;
pub mod synth;
pub mod time;

pub use error::{Error, LoadReport, Location, ParseNameError, Problem, Result, Warning};

// The graph and date types of the public API, re-exported so users need no matching versions.
pub use chrono;
pub use petgraph;

/// The names most programs need: `use cosignatory::prelude::*;`.
///
/// ```
/// use cosignatory::prelude::*;
/// let ds = datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Newman))?;
/// let coalitions = g.coalitions(&CoalitionOptions::default())?;
/// assert!(coalitions.communities.len() > 1);
/// # Ok::<(), cosignatory::Error>(())
/// ```
pub mod prelude {
    pub use crate::align::Measure;
    pub use crate::cluster::{CoalitionOptions, LeidenOptions, Method, Quality};
    pub use crate::datasets;
    pub use crate::graph::{ProjectionOptions, Weighting, project};
    pub use crate::io::{read_dataset, read_dataset_with};
    pub use crate::model::{BlocMode, Dataset, View};
    pub use crate::time::{Window, WindowSpec};
    pub use crate::{Error, Result};
    pub use chrono::NaiveDate;
}

/// The README's code blocks, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
