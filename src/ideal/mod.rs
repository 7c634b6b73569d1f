//! Ideal points: where each actor stands on one latent scale, per window or as a path over
//! windows, estimated from roll calls (or co-signatures) by the EM algorithms of Imai, Lo &
//! Olmsted (2016, APSR 110(4), R package emIRT).
//!
//! Three models ([`IdealModel`]):
//!
//! * **Binary** (emIRT `binIRT`): y*ᵢⱼ = αⱼ + βⱼ xᵢ + ε, ε ~ N(0, 1), yes = 1 when y* > 0;
//!   abstain and absent are missing. Priors xᵢ ~ N(0, 1), (αⱼ, βⱼ) ~ N(0, 25·I). Fitted per
//!   window.
//! * **Ordinal** (emIRT `ordIRT`): yes / abstain / no as ordered categories (Voeten's coding)
//!   with a cut point per item. Fitted per window.
//! * **Dynamic** ordinal (Martin & Quinn 2002's random walk with emIRT's EM; Bailey,
//!   Strezhnev & Voeten 2017 for UN votes): xᵢ,ₜ ~ N(xᵢ,ₜ₋₁, ω²) over consecutive windows,
//!   the path of each actor updated by a Kalman filter and smoother.
//!
//! The model, its priors and defaults (ω in particular) and the citations are in
//! `docs/ideal-points.md`.
//!
//! ```
//! use cosignatory::ideal::{estimate, IdealModel, IdealOptions};
//! use cosignatory::synth::{ideal_points, IdealSynthOptions};
//!
//! let planted = ideal_points(&IdealSynthOptions { actors: 30, periods: 1, items: 60, ..Default::default() }).unwrap();
//! let fit = estimate(&planted.dataset.view(), &IdealOptions { model: IdealModel::Binary, ..Default::default() }).unwrap();
//! assert!(fit.fits[0].converged);
//! assert_eq!(fit.estimates.len(), 30);
//! ```

mod binary;
mod bootstrap;
mod data;
mod dynamic;
mod em;
mod normal;
mod ordinal;
mod start;
#[cfg(test)]
mod tests;

use crate::align::{Coding, Defaults, Universe};
use crate::error::Result;
use crate::model::View;
use crate::names::named_enum;
use crate::time::{Window, WindowSpec};
use serde::{Deserialize, Serialize};

/// The ideal-point model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum IdealModel {
    /// Ordinal (yes / abstain / no) with a random-walk path over windows.
    #[default]
    Dynamic,
    /// Ordered probit per window (three categories; two categories is the binary model).
    Ordinal,
    /// Binary probit per window: yes 1, no 0, abstain and absent missing.
    Binary,
}

named_enum!(IdealModel, "ideal-point model", [
    Dynamic => "dynamic",
    Ordinal => "ordinal",
    Binary => "binary",
]);

/// How the EM iterations are accelerated. Both reach the same posterior mode (the fixed point
/// of the same EM map); see `docs/ideal-points.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Acceleration {
    /// Plain EM, one EM step after the other: emIRT's iteration path.
    None,
    /// SQUAREM (Varadhan & Roland 2008, scheme SqS3 with the global safeguard): two EM steps,
    /// a squared extrapolation along them, one EM step from there; back to the plain EM step
    /// whenever the log-posterior would fall. The log-posterior of the accepted iterates never
    /// decreases.
    #[default]
    Squarem,
}

named_enum!(Acceleration, "acceleration", [
    None => "none",
    Squarem => "squarem",
]);

/// Bootstrap settings: emIRT's `boot_emIRT`, a parametric bootstrap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootstrapOptions {
    /// Number of simulated data sets (each refitted).
    pub replicates: usize,
    /// Level of the percentile intervals (0.95: the 2.5 % and 97.5 % quantiles).
    pub level: f64,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            replicates: 200,
            level: 0.95,
        }
    }
}

/// Settings of [`estimate`].
///
/// Build with `..Default::default()`: fields may be added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdealOptions {
    /// The model (default: dynamic ordinal).
    pub model: IdealModel,
    /// The windows; `None`: one window over the view's dates (the dynamic model then reduces
    /// to the static ordinal one).
    pub window: Option<WindowSpec>,
    /// ω, the standard deviation of a step of the random walk between consecutive windows
    /// (dynamic model only; default 0.1, see `docs/ideal-points.md`).
    pub omega: f64,
    /// The actor (id) whose estimate is positive; `None`: USA when it has an estimate,
    /// otherwise the actor with the most informative votes.
    pub anchor: Option<String>,
    /// Parametric bootstrap standard errors and intervals; `None`: point estimates only.
    pub bootstrap: Option<BootstrapOptions>,
    /// The seed of the bootstrap.
    pub seed: u64,
    /// At most this many EM iterations per fit (reported when reached); an iteration is one
    /// evaluation of the EM map, with or without acceleration.
    pub max_iterations: usize,
    /// Convergence: the correlation of successive iterates of every parameter block exceeds
    /// `1 − tolerance` (emIRT's rule, default 1e-6).
    pub tolerance: f64,
    /// The coding of positions; `None`: from the model and the data (roll calls: yes/no for
    /// the binary model, Voeten's yes/abstain/no for the others; co-signature data: signed 1 /
    /// not signed 0).
    pub coding: Option<Coding>,
    /// Which statements are items for which actors (as in `align`).
    pub universe: Universe,
    /// Acceleration of the EM (default SQUAREM; [`Acceleration::None`]: emIRT's plain path).
    /// The bootstrap refits use the same.
    pub acceleration: Acceleration,
}

impl Default for IdealOptions {
    fn default() -> Self {
        IdealOptions {
            model: IdealModel::Dynamic,
            window: None,
            omega: DEFAULT_OMEGA,
            anchor: None,
            bootstrap: None,
            seed: 1,
            max_iterations: 1000,
            tolerance: 1e-6,
            coding: None,
            universe: Universe::Auto,
            acceleration: Acceleration::Squarem,
        }
    }
}

/// The default ω of the random walk (see `docs/ideal-points.md`).
pub const DEFAULT_OMEGA: f64 = 0.1;

/// How the anchor was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AnchorRule {
    /// Given in the options.
    Given,
    /// The default: USA.
    Usa,
    /// The default when USA has no estimate: the actor with the most informative votes.
    MostVotes,
}

/// One actor's estimate in one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorEstimate {
    /// Actor id.
    pub actor: String,
    /// The window.
    pub window: Window,
    /// The ideal point.
    pub ideal: f64,
    /// Bootstrap standard error.
    pub se: Option<f64>,
    /// Lower end of the bootstrap percentile interval.
    pub ci_low: Option<f64>,
    /// Upper end of the bootstrap percentile interval.
    pub ci_high: Option<f64>,
    /// Informative votes of the actor in the window.
    pub n: usize,
}

/// One item's parameters, on the scale y* = α + β x + ε with ε ~ N(0, 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemEstimate {
    /// Statement id.
    pub statement: String,
    /// The window it was fitted in.
    pub window: Window,
    /// Intercept α.
    pub alpha: f64,
    /// Discrimination β.
    pub beta: f64,
    /// The upper cut point (the lower is 0) of a three-category item; `None` for binary items.
    pub cut: Option<f64>,
    /// Informative votes on the item.
    pub n: usize,
}

/// What went in and out of one window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowSummary {
    /// The window.
    pub window: Window,
    /// Statements of the view in the window.
    pub statements: usize,
    /// Items kept (informative).
    pub items: usize,
    /// Items dropped because every voting actor voted the same (or nobody voted).
    pub dropped_items: usize,
    /// Actors with an estimate.
    pub actors: usize,
    /// Actors with votes in the window but fewer than 2 informative ones: no estimate.
    pub dropped_actors: usize,
}

/// One run of the EM algorithm (one per window for the static models, one for the dynamic).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitSummary {
    /// The windows the fit covers (indices into [`IdealPoints::windows`]).
    pub windows: std::ops::Range<usize>,
    /// Iterations run.
    pub iterations: usize,
    /// Whether the convergence rule was met (otherwise the iteration limit was reached).
    pub converged: bool,
    /// Log-likelihood of the votes at the estimates.
    pub log_likelihood: f64,
    /// Log-posterior (likelihood plus log-priors) at the estimates.
    pub log_posterior: f64,
    /// The anchor actor (id) of the fit.
    pub anchor: String,
    /// How the anchor was chosen.
    pub anchor_rule: AnchorRule,
}

/// The result of [`estimate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdealPoints {
    /// The model.
    pub model: IdealModel,
    /// The coding used.
    pub coding: Coding,
    /// The universe used (never `Auto`).
    pub universe: Universe,
    /// ω of the dynamic model (`None` for the static ones).
    pub omega: Option<f64>,
    /// The windows, in order, with their counts.
    pub windows: Vec<WindowSummary>,
    /// The fits and their convergence.
    pub fits: Vec<FitSummary>,
    /// Actor estimates, window by window, actors in id order within a window.
    pub estimates: Vec<ActorEstimate>,
    /// Item parameters, window by window, in statement order.
    pub items: Vec<ItemEstimate>,
    /// The bootstrap settings, when intervals were computed.
    pub bootstrap: Option<BootstrapOptions>,
}

impl IdealPoints {
    /// One actor's estimates in window order.
    pub fn actor<'s>(&'s self, id: &'s str) -> impl Iterator<Item = &'s ActorEstimate> + 's {
        self.estimates.iter().filter(move |e| e.actor == id)
    }

    /// The estimate of an actor in the window starting on `start`, if any.
    pub fn get(&self, id: &str, start: chrono::NaiveDate) -> Option<&ActorEstimate> {
        self.estimates
            .iter()
            .find(|e| e.actor == id && e.window.start == start)
    }
}

/// Why ideal points could not be estimated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum IdealError {
    /// No window has an item on which the voting actors differ (the first such window is
    /// named). With several windows, the uninformative ones are skipped: their
    /// [`WindowSummary::items`] is 0 and they have no estimates.
    #[error(
        "window {window} has {statements} statement(s) but no informative vote: every item was unanimous or had fewer than 2 voters with 2 votes"
    )]
    NoInformativeVotes {
        /// The window.
        window: Window,
        /// Statements in the window.
        statements: usize,
    },
    /// The view has no statement to estimate from.
    #[error("the view has no statement in any window: nothing to estimate")]
    Empty,
    /// The anchor has no estimate in a fit.
    #[error(
        "anchor `{anchor}` has no estimate in {window} (fewer than 2 informative votes); choose another --anchor"
    )]
    AnchorAbsent {
        /// The anchor id.
        anchor: String,
        /// The (first) window of the fit.
        window: Window,
    },
    /// A parameter out of range (ω ≤ 0, a zero iteration limit, ...).
    #[error("invalid {name} = {value}: {reason}")]
    InvalidParameter {
        /// The parameter.
        name: &'static str,
        /// The value given.
        value: String,
        /// What is required.
        reason: String,
    },
}

impl IdealError {
    fn invalid(name: &'static str, value: impl std::fmt::Display, reason: &str) -> Self {
        IdealError::InvalidParameter {
            name,
            value: value.to_string(),
            reason: reason.to_string(),
        }
    }
}

/// Estimates ideal points on a view under the options (windows from `options.window`).
///
/// # Errors
/// [`IdealError`] (inside [`Error::Ideal`](crate::Error::Ideal)) for a bad parameter, a window
/// without informative votes, an anchor without an estimate; [`Error::UnknownActor`](crate::Error::UnknownActor)
/// for an unknown anchor or bloc id.
pub fn estimate(view: &View<'_>, options: &IdealOptions) -> Result<IdealPoints> {
    let windows = match &options.window {
        None => match date_range(view) {
            Some((from, to)) => vec![Window::new(from, to)],
            None => return Err(IdealError::Empty.into()),
        },
        Some(spec) => match date_range(view) {
            Some((from, to)) => spec.windows(from, to)?,
            None => return Err(IdealError::Empty.into()),
        },
    };
    estimate_windows(view, &windows, options)
}

/// First and last statement dates of the view.
fn date_range(view: &View<'_>) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let ds = view.dataset();
    let mut it = view.statements();
    let first = it.next()?;
    let last = it.last().unwrap_or(first);
    Some((ds.statement(first).date, ds.statement(last).date))
}

/// [`estimate`] over given windows (`options.window` is ignored), as the CLI calls it.
///
/// # Errors
/// As [`estimate`].
pub fn estimate_windows(
    view: &View<'_>,
    windows: &[Window],
    options: &IdealOptions,
) -> Result<IdealPoints> {
    check(options)?;
    let defaults = Defaults::for_view(view);
    let coding = options
        .coding
        .unwrap_or(match (options.model, defaults.kind) {
            (_, crate::align::DataKind::CoSignatures) => Coding::cosignature(),
            (IdealModel::Binary, _) => Coding::yes_no(),
            _ => Coding::voeten(),
        });
    let categories = coding.scale().categories();
    if categories > 3 || (options.model == IdealModel::Binary && categories != 2) {
        return Err(IdealError::invalid(
            "coding",
            coding,
            if options.model == IdealModel::Binary {
                "the binary model needs a two-category coding (yes-no or cosignature)"
            } else {
                "the ordinal models take two or three categories"
            },
        )
        .into());
    }
    let universe = defaults.resolve(&options.universe);
    if windows.is_empty() {
        return Err(IdealError::Empty.into());
    }
    let anchor = match &options.anchor {
        Some(id) => Some(view.dataset().resolve_actor(id)?),
        None => None,
    };
    let read = data::read(view, windows, &coding, &universe)?;
    if read.windows.iter().all(|w| w.statements == 0) {
        return Err(IdealError::Empty.into());
    }
    em::run(view, windows, &read, options, anchor, coding, universe)
}

fn check(o: &IdealOptions) -> std::result::Result<(), IdealError> {
    if !(o.omega > 0.0 && o.omega.is_finite()) {
        return Err(IdealError::invalid(
            "omega",
            o.omega,
            "the random-walk step must be a positive finite number",
        ));
    }
    if o.max_iterations == 0 {
        return Err(IdealError::invalid(
            "max_iterations",
            0,
            "must be at least 1",
        ));
    }
    if !(o.tolerance > 0.0 && o.tolerance < 1.0) {
        return Err(IdealError::invalid(
            "tolerance",
            o.tolerance,
            "must be in (0, 1)",
        ));
    }
    if let Some(b) = &o.bootstrap {
        if b.replicates < 2 {
            return Err(IdealError::invalid(
                "bootstrap",
                b.replicates,
                "needs at least 2 replicates",
            ));
        }
        if !(b.level > 0.0 && b.level < 1.0) {
            return Err(IdealError::invalid("level", b.level, "must be in (0, 1)"));
        }
    }
    Ok(())
}
