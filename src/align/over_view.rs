//! Alignment over a dataset [`View`]: position matrices, all-pairs matrices, series over
//! windows with bootstrap intervals, bloc cohesion and actor-to-bloc alignment.

use super::cohesion::{CohesionIndex, VoteCounts, mean_defined};
use super::uncertainty::{RESOLUTION_ATTRIBUTE, Resample, bootstrap};
use super::{
    ActorScores, AlignWarning, Coding, Defaults, Dyad, Measure, Options, PairMatrix,
    PositionMatrix, Score, SeriesOptions, SeriesPoint,
};
use crate::error::Result;
use crate::model::{ActorIdx, Position, StatementIdx, View};
use crate::time::Window;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Which statements are items for which actors.
///
/// For roll calls every recorded vote is an item ([`Universe::Recorded`]). For co-signature
/// data "did not sign" is not "no": measures that need a full table (S, κ, π, PMI,
/// hypergeometric) need an explicit choice of who could have signed what. The default,
/// [`Universe::Auto`], makes that choice from the data ([`Defaults`]).
///
/// Parses from and displays as `auto`, `recorded`, `all` and `members:EU+NATO`.
///
/// ```
/// use cosignatory::align::Universe;
/// let u: Universe = "members:EU+NATO".parse().unwrap();
/// assert_eq!(u, Universe::BlocMembers(vec!["EU".into(), "NATO".into()]));
/// assert_eq!(u.to_string(), "members:EU+NATO");
/// assert_eq!(Universe::default(), Universe::Auto);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Universe {
    /// The data's universe ([`Defaults::universe`]), decided on the view being read:
    /// [`Universe::Recorded`] for roll calls, [`Universe::AllStatements`] for co-signature data.
    /// A series decides once, on the whole view, so that every window has the same rule.
    #[default]
    Auto,
    /// Only recorded positions are items; an actor without a row for a statement (not a
    /// member, not recorded) is missing there. On co-signature data the rows are signatures
    /// only, which leaves nothing to compare ([`AlignWarning::RecordedSignaturesOnly`]).
    Recorded,
    /// Every statement of the view is an item for every actor; an actor without a row is coded
    /// as `Absent` (with [`Coding::cosignature`]: 0, "did not sign"). A modelling choice to
    /// state in a paper: it treats every actor as eligible for every statement.
    AllStatements,
    /// An actor is eligible for a statement when it has a row for it or was a member of one
    /// of these blocs (ids) on the statement's date; eligible actors without a row are coded as
    /// `Absent`. Everyone else is missing there.
    BlocMembers(Vec<String>),
}

impl std::fmt::Display for Universe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Universe::Auto => f.write_str("auto"),
            Universe::Recorded => f.write_str("recorded"),
            Universe::AllStatements => f.write_str("all"),
            Universe::BlocMembers(blocs) => write!(f, "members:{}", blocs.join("+")),
        }
    }
}

/// The text is not a [`Universe`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a universe; expected auto, recorded, all or members:BLOC (several: members:EU+NATO)"
)]
pub struct ParseUniverseError(pub String);

impl std::str::FromStr for Universe {
    type Err = ParseUniverseError;

    /// `auto`, `recorded`, `all` or `members:` followed by `+`-separated bloc ids.
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.trim() {
            "auto" => Ok(Universe::Auto),
            "recorded" => Ok(Universe::Recorded),
            "all" => Ok(Universe::AllStatements),
            other => match other.strip_prefix("members:") {
                Some(blocs) if blocs.split('+').all(|b| !b.trim().is_empty()) => Ok(
                    Universe::BlocMembers(blocs.split('+').map(|b| b.trim().to_string()).collect()),
                ),
                _ => Err(ParseUniverseError(s.to_string())),
            },
        }
    }
}

/// One resampling unit label per statement of the view, in the order of its items
/// ([`View::statements`], as [`position_matrix`] lays them out), for [`Dyad::with_clusters`]:
/// under [`Resample::Resolution`] statements with the same `unres` attribute share a label and
/// a statement without one has a label of its own; under [`Resample::Statement`] every
/// statement has its own. Labels are numbered by first appearance.
///
/// ```
/// use cosignatory::align::{resampling_units, uncertainty::Resample};
/// let ds = cosignatory::datasets::joint_statements(); // no `unres`: every statement alone
/// let units = resampling_units(&ds.view(), Resample::Resolution);
/// assert!(units.iter().enumerate().all(|(k, &u)| u as usize == k));
/// ```
pub fn resampling_units(view: &View<'_>, resample: Resample) -> Vec<u32> {
    let ds = view.dataset();
    let mut labels = std::collections::HashMap::new();
    let mut next = 0u32;
    let mut fresh = || {
        next += 1;
        next - 1
    };
    view.statements()
        .map(|s| match resample {
            Resample::Resolution => match ds.statement(s).attributes.get(RESOLUTION_ATTRIBUTE) {
                Some(unres) => *labels.entry(unres.as_str()).or_insert_with(&mut fresh),
                None => fresh(),
            },
            _ => fresh(),
        })
        .collect()
}

/// The ids' actors (`Some`), or every actor with a row in the view, in index (id) order.
pub(crate) fn actor_list(view: &View<'_>, actors: Option<&[&str]>) -> Result<Vec<ActorIdx>> {
    let ds = view.dataset();
    match actors {
        Some(ids) => ids.iter().map(|id| ds.resolve_actor(id)).collect(),
        None => {
            let mut seen = vec![false; ds.actors().len()];
            for s in view.statements() {
                view.for_each_signature(s, |x| seen[x.actor.index()] = true);
            }
            Ok((0..seen.len())
                .filter(|&a| seen[a])
                .map(|a| ActorIdx(a as u32))
                .collect())
        }
    }
}

/// The items × actors positions of a view, coded (`actors`: ids, or `None` for every actor
/// with a row in the view, in id order). Items are the view's statements in date order.
///
/// ```
/// use cosignatory::align::{position_matrix, Coding, Measure, Options, Universe};
/// let ds = cosignatory::datasets::joint_statements();
/// let m = position_matrix(&ds.view(), Some(&["USA", "GBR", "CHN"]), &Coding::cosignature(), &Universe::AllStatements).unwrap();
/// let jaccard = m.all_pairs(Measure::Jaccard, &Options::default()).unwrap();
/// assert!(jaccard.get(0, 1).value.unwrap() > jaccard.get(0, 2).value.unwrap_or(0.0));
/// ```
///
/// # Errors
/// [`Error::UnknownActor`](crate::Error::UnknownActor) for an unknown actor id (with suggestions), [`Error::InvalidParameter`](crate::Error::InvalidParameter)
/// for an unknown bloc id.
pub fn position_matrix(
    view: &View<'_>,
    actors: Option<&[&str]>,
    coding: &Coding,
    universe: &Universe,
) -> Result<PositionMatrix> {
    let actors = actor_list(view, actors)?;
    let universe = Defaults::for_view(view).resolve(universe);
    let blocs = bloc_list(view, &universe)?;
    Ok(positions(view, &actors, coding, &universe, &blocs))
}

/// The blocs of a [`Universe::BlocMembers`] (none for the other universes).
pub(crate) fn bloc_list(view: &View<'_>, universe: &Universe) -> Result<Vec<ActorIdx>> {
    match universe {
        Universe::BlocMembers(ids) => actor_list(
            view,
            Some(&ids.iter().map(String::as_str).collect::<Vec<_>>()),
        ),
        _ => Ok(Vec::new()),
    }
}

/// The position matrix of resolved actors under a resolved universe (not `Auto`).
pub(crate) fn positions(
    view: &View<'_>,
    actors: &[ActorIdx],
    coding: &Coding,
    universe: &Universe,
    blocs: &[ActorIdx],
) -> PositionMatrix {
    let ds = view.dataset();
    let statements: Vec<StatementIdx> = view.statements().collect();
    let mut column = vec![usize::MAX; ds.actors().len()];
    for (c, a) in actors.iter().enumerate() {
        column[a.index()] = c;
    }
    // positions[c][k]: the recorded position of actor column c on item k.
    let mut positions: Vec<Vec<Option<Position>>> =
        vec![vec![None; statements.len()]; actors.len()];
    for (k, &s) in statements.iter().enumerate() {
        view.for_each_signature(s, |x| {
            if let Some(&c) = column.get(x.actor.index())
                && c != usize::MAX
            {
                positions[c][k] = Some(x.position);
            }
        });
        match universe {
            Universe::Auto | Universe::Recorded => {}
            Universe::AllStatements => positions.iter_mut().for_each(|p| {
                p[k].get_or_insert(Position::Absent);
            }),
            Universe::BlocMembers(_) => {
                let date = ds.statement(s).date;
                for (c, &a) in actors.iter().enumerate() {
                    if positions[c][k].is_none() && blocs.iter().any(|&b| ds.is_member(b, a, date))
                    {
                        positions[c][k] = Some(Position::Absent);
                    }
                }
            }
        }
    }
    let ids = actors.iter().map(|&a| ds.actor(a).id.clone()).collect();
    PositionMatrix::from_positions(coding, ids, statements.len(), |a, k| positions[a][k])
}

/// Settings of [`alignment_matrix`] and [`actor_alignment`].
///
/// The default is quadratic κ on Voeten's coding under the data's universe
/// ([`Universe::Auto`]); [`MatrixOptions::for_view`] takes the coding and measure from the data
/// too ([`Defaults`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixOptions {
    /// The actors (ids) of the matrix, in this order; `None`: every actor with a row in the
    /// view, in id order. Measures that read other actors (Newman's signer counts) see these.
    pub actors: Option<Vec<String>>,
    /// The measure.
    pub measure: Measure,
    /// The coding of positions.
    pub coding: Coding,
    /// Which statements are items for which actors.
    pub universe: Universe,
    /// Measure options (for example FPSIM's zero convention).
    pub options: Options,
}

impl Default for MatrixOptions {
    fn default() -> Self {
        MatrixOptions {
            actors: None,
            measure: Measure::KappaQuadratic,
            coding: Coding::voeten(),
            universe: Universe::Auto,
            options: Options::default(),
        }
    }
}

impl MatrixOptions {
    /// Every actor of the view under these settings, with default measure options.
    pub fn new(measure: Measure, coding: Coding, universe: Universe) -> Self {
        MatrixOptions {
            actors: None,
            measure,
            coding,
            universe,
            options: Options::default(),
        }
    }

    /// The same settings over these actors (ids), in this order.
    pub fn with_actors<S: AsRef<str>>(self, ids: &[S]) -> Self {
        MatrixOptions {
            actors: Some(ids.iter().map(|id| id.as_ref().to_string()).collect()),
            ..self
        }
    }

    /// Every actor of the view, with the measure, coding and universe of its data.
    pub fn for_view(view: &View<'_>) -> Self {
        let d = Defaults::for_view(view);
        MatrixOptions {
            measure: d.measure,
            coding: d.coding,
            universe: d.universe,
            ..MatrixOptions::default()
        }
    }

    /// The same settings with another measure.
    pub fn with_measure(self, measure: Measure) -> Self {
        MatrixOptions { measure, ..self }
    }

    /// What cannot be meaningful about these settings on the view's data
    /// ([`Defaults::warnings`]); nothing for a view without statements.
    pub fn warnings(&self, view: &View<'_>) -> Vec<AlignWarning> {
        if view.is_empty() {
            return Vec::new();
        }
        Defaults::for_view(view).warnings(&self.coding, &self.universe)
    }
}

/// All-pairs alignment of a view (see [`position_matrix`] and [`PositionMatrix::all_pairs`]).
///
/// ```
/// use cosignatory::align::{alignment_matrix, Measure, MatrixOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let view = ds.view();
/// let opts = MatrixOptions { actors: Some(vec!["USA".into(), "GBR".into()]), ..MatrixOptions::for_view(&view) };
/// let m = alignment_matrix(&view, &opts).unwrap();
/// assert_eq!(opts.measure, Measure::Jaccard); // co-signature data
/// assert!(m.score("USA", "GBR").unwrap().value.unwrap() > 0.0);
/// ```
///
/// # Errors
/// As [`position_matrix`]; [`Error::Align`](crate::Error::Align) when the measure does not fit the coding.
pub fn alignment_matrix(view: &View<'_>, options: &MatrixOptions) -> Result<PairMatrix> {
    let ids: Option<Vec<&str>> = options
        .actors
        .as_ref()
        .map(|a| a.iter().map(String::as_str).collect());
    Ok(
        position_matrix(view, ids.as_deref(), &options.coding, &options.universe)?
            .all_pairs(options.measure, &options.options)?,
    )
}

/// One actor's alignment with every other actor of the matrix of `options` (by default every
/// actor with a row in the view), labelled by id and ready to rank
/// ([`ActorScores::ranked`], [`ActorScores::top`]).
///
/// ```
/// use cosignatory::align::{actor_alignment, MatrixOptions};
/// let ds = cosignatory::datasets::joint_statements();
/// let view = ds.view();
/// let usa = actor_alignment(&view, "USA", &MatrixOptions::for_view(&view)).unwrap();
/// let best = usa.top(3);
/// assert!(best.len() >= 3); // more when several tie for third place
/// assert!(best.windows(2).all(|w| w[0].rank <= w[1].rank));
/// ```
///
/// # Errors
/// [`Error::UnknownActor`](crate::Error::UnknownActor) for an unknown actor id; as [`alignment_matrix`].
pub fn actor_alignment(
    view: &View<'_>,
    actor: &str,
    options: &MatrixOptions,
) -> Result<ActorScores> {
    let me = actor_list(view, Some(&[actor]))?[0];
    let mut actors = match &options.actors {
        Some(ids) => actor_list(
            view,
            Some(&ids.iter().map(String::as_str).collect::<Vec<_>>()),
        )?,
        None => actor_list(view, None)?,
    };
    if !actors.contains(&me) {
        actors.push(me);
    }
    let universe = Defaults::for_view(view).resolve(&options.universe);
    let blocs = bloc_list(view, &universe)?;
    let m = positions(view, &actors, &options.coding, &universe, &blocs);
    let i = actors.iter().position(|&a| a == me).expect("added above");
    let others: Vec<usize> = (0..actors.len()).filter(|&j| j != i).collect();
    let scores = if options.measure == Measure::Newman {
        let all = m.all_pairs(options.measure, &options.options)?;
        others.iter().map(|&j| all.get(i, j)).collect()
    } else {
        others
            .iter()
            // The matrix's orientation (i ≤ j): the same bits as [`PairMatrix::row`].
            .map(|&j| {
                let t = m.table(i.min(j), i.max(j));
                options.measure.compute_with(&t, &options.options)
            })
            .collect::<std::result::Result<Vec<_>, _>>()?
    };
    Ok(ActorScores::new(
        m.actors()[i].clone(),
        options.measure,
        others
            .iter()
            .map(|&j| m.actors()[j].clone())
            .zip(scores)
            .collect(),
    ))
}

/// Cohesion of a bloc in one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohesionPoint {
    /// The window.
    pub window: Window,
    /// Mean of the per-statement values, with `n` = statements where it was defined.
    pub score: Score,
}

/// How a bloc's cohesion is measured per statement.
///
/// Named (and parsed) `signing-share`, `agreement-index`, `rice` and `attina`.
///
/// ```
/// use cosignatory::align::CohesionMeasure;
/// let m: CohesionMeasure = "rice".parse().unwrap();
/// assert_eq!(m.to_string(), "rice");
/// assert!("cohesion".parse::<CohesionMeasure>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CohesionMeasure {
    /// A roll-call index over the members' yes/no/abstain votes (absent members excluded).
    Vote(CohesionIndex),
    /// Co-signature: the share of the bloc's members (on the statement's date) who signed.
    /// Statements signed by no member are skipped (the bloc did not engage).
    SigningShare,
}

impl CohesionMeasure {
    /// Every cohesion measure.
    pub const ALL: [CohesionMeasure; 4] = [
        CohesionMeasure::SigningShare,
        CohesionMeasure::Vote(CohesionIndex::AgreementIndex),
        CohesionMeasure::Vote(CohesionIndex::Rice),
        CohesionMeasure::Vote(CohesionIndex::Attina),
    ];

    /// The kebab-case name used by the CLI and [`Display`](std::fmt::Display).
    pub fn name(self) -> &'static str {
        match self {
            CohesionMeasure::SigningShare => "signing-share",
            CohesionMeasure::Vote(CohesionIndex::AgreementIndex) => "agreement-index",
            CohesionMeasure::Vote(CohesionIndex::Rice) => "rice",
            CohesionMeasure::Vote(CohesionIndex::Attina) => "attina",
        }
    }
}

impl std::fmt::Display for CohesionMeasure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The text is not the name of a [`CohesionMeasure`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown cohesion measure {0:?}; known: signing-share, agreement-index, rice, attina")]
pub struct ParseCohesionMeasureError(pub String);

impl std::str::FromStr for CohesionMeasure {
    type Err = ParseCohesionMeasureError;

    /// Parses the kebab-case name, ignoring ASCII case and surrounding space.
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase();
        CohesionMeasure::ALL
            .into_iter()
            .find(|m| m.name() == key)
            .ok_or_else(|| ParseCohesionMeasureError(s.to_string()))
    }
}

/// A bloc's cohesion per window: members are taken on each statement's date.
///
/// ```
/// use cosignatory::align::{bloc_cohesion, CohesionMeasure};
/// use cosignatory::time::WindowSpec;
/// let ds = cosignatory::datasets::joint_statements();
/// let d = |s: &str| s.parse().unwrap();
/// let w = WindowSpec::Calendar { period: cosignatory::time::Period::Year, size: 6, step: 6 }.windows(d("2019-01-01"), d("2024-12-31")).unwrap();
/// let eu = bloc_cohesion(&ds.view(), "EU", CohesionMeasure::SigningShare, &w).unwrap();
/// let share = eu[0].score.value.unwrap();
/// assert!(share > 0.0 && share <= 1.0);
/// ```
///
/// # Errors
/// [`Error::UnknownActor`](crate::Error::UnknownActor) for an unknown id, [`Error::NotABloc`](crate::Error::NotABloc) for an actor without members.
pub fn bloc_cohesion(
    view: &View<'_>,
    bloc: &str,
    measure: CohesionMeasure,
    windows: &[Window],
) -> Result<Vec<CohesionPoint>> {
    let ds = view.dataset();
    let b = ds.resolve_bloc(bloc)?;
    let mut out = Vec::with_capacity(windows.len());
    for w in windows {
        let v = view.clone().between(w.start, w.end);
        let mut values = Vec::new();
        for s in v.statements() {
            let members = ds.members_on(b, ds.statement(s).date);
            let mut positions = Vec::new();
            v.for_each_signature(s, |x| {
                if members.binary_search(&x.actor).is_ok() {
                    positions.push(x.position);
                }
            });
            values.push(match measure {
                CohesionMeasure::Vote(index) => {
                    index.compute(VoteCounts::from_positions(positions))
                }
                CohesionMeasure::SigningShare => {
                    let signed = positions.iter().filter(|p| **p == Position::Yes).count();
                    (signed > 0 && !members.is_empty())
                        .then(|| signed as f64 / members.len() as f64)
                }
            });
        }
        out.push(CohesionPoint {
            window: *w,
            score: mean_defined(values),
        });
    }
    Ok(out)
}

/// An actor's alignment with its bloc's majority, per window: on each statement the bloc's
/// position is the most common recorded position among its other members on that date (ties:
/// no majority, item missing); the actor's codes and the majority's codes form a dyad scored
/// with `options.measure`.
///
/// # Errors
/// Unknown ids, or a measure that does not fit the coding.
pub fn actor_bloc_alignment(
    view: &View<'_>,
    actor: &str,
    bloc: &str,
    windows: &[Window],
    options: &SeriesOptions,
) -> Result<Vec<SeriesPoint>> {
    let ds = view.dataset();
    let ids = actor_list(view, Some(&[actor, bloc]))?;
    let (a, b) = (ids[0], ids[1]);
    let universe = Defaults::for_view(view).resolve(&options.universe);
    let (a_id, b_id): (Arc<str>, Arc<str>) = (actor.into(), bloc.into());
    let mut out = Vec::with_capacity(windows.len());
    for w in windows {
        let v = view.clone().between(w.start, w.end);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for s in v.statements() {
            let date = ds.statement(s).date;
            let members = ds.members_on(b, date);
            let mut own = None;
            let mut counts = [0u32; 4];
            v.for_each_signature(s, |sig| {
                if sig.actor == a {
                    own = Some(sig.position);
                } else if members.binary_search(&sig.actor).is_ok()
                    && sig.position != Position::Absent
                {
                    counts[Position::ALL
                        .iter()
                        .position(|p| *p == sig.position)
                        .unwrap_or(3)] += 1;
                }
            });
            let top = *counts.iter().max().unwrap_or(&0);
            let majority = (top > 0 && counts.iter().filter(|&&c| c == top).count() == 1)
                .then(|| Position::ALL[counts.iter().position(|&c| c == top).unwrap_or(0)]);
            let own = match (&universe, own) {
                (Universe::Recorded, o) => o,
                (_, None)
                    if members.contains(&a) || matches!(universe, Universe::AllStatements) =>
                {
                    Some(Position::Absent)
                }
                (_, o) => o,
            };
            x.push(options.coding.code_opt(own));
            y.push(options.coding.code_opt(majority));
        }
        let dyad = Dyad::new(options.coding.scale(), &x, &y)?;
        let score = options.measure.score_with(&dyad, &options.options)?;
        let interval = match &options.bootstrap {
            Some(cfg) => {
                let units = resampling_units(&v, cfg.resample);
                let dyad = dyad.with_clusters(&units)?;
                Some(bootstrap(options.measure, &dyad, cfg)?)
            }
            None => None,
        };
        out.push(SeriesPoint {
            window: *w,
            a: Arc::clone(&a_id),
            b: Arc::clone(&b_id),
            measure: options.measure,
            score,
            interval,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn universes_parse_and_display() {
        for text in ["auto", "recorded", "all", "members:EU", "members:EU+NATO"] {
            let u: Universe = text.parse().unwrap();
            assert_eq!(u.to_string(), text);
        }
        assert_eq!(" all ".parse::<Universe>(), Ok(Universe::AllStatements));
        for bad in ["", "members:", "members:EU+", "everything"] {
            assert_eq!(
                bad.parse::<Universe>(),
                Err(ParseUniverseError(bad.to_string()))
            );
        }
        for m in CohesionMeasure::ALL {
            assert_eq!(m.name().parse::<CohesionMeasure>(), Ok(m));
        }
        assert_eq!(
            "Rice".parse::<CohesionMeasure>(),
            Ok(CohesionMeasure::Vote(CohesionIndex::Rice))
        );
    }

    #[test]
    fn actor_alignment_is_the_matrix_row() {
        let ds = crate::datasets::joint_statements();
        let view = ds.view();
        for measure in [Measure::Jaccard, Measure::Newman, Measure::HypergeometricP] {
            let opts = MatrixOptions::for_view(&view).with_measure(measure);
            let usa = actor_alignment(&view, "USA", &opts).unwrap();
            let row = alignment_matrix(&view, &opts).unwrap().row("USA").unwrap();
            assert_eq!(usa, row, "{measure}");
            assert!(usa.iter().any(|(_, s)| s.value.is_some()));
        }
        // Partners restricted to a list: the actor is added to the matrix.
        let opts = MatrixOptions::for_view(&view).with_actors(&["GBR", "FRA"]);
        let usa = actor_alignment(&view, "USA", &opts).unwrap();
        assert_eq!(
            usa.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            ["GBR", "FRA"]
        );
        assert!(actor_alignment(&view, "usa", &opts).is_err());
    }

    #[test]
    fn auto_universe_follows_the_view() {
        let ds = crate::datasets::joint_statements();
        let view = ds.view();
        let ids = Some(&["USA", "GBR"][..]);
        let auto = position_matrix(&view, ids, &Coding::cosignature(), &Universe::Auto).unwrap();
        let all =
            position_matrix(&view, ids, &Coding::cosignature(), &Universe::AllStatements).unwrap();
        assert_eq!(auto, all);
        let opts = MatrixOptions::default();
        assert_eq!(opts.warnings(&view), [AlignWarning::NonSignersMissing]);
        assert!(MatrixOptions::for_view(&view).warnings(&view).is_empty());
    }
}
