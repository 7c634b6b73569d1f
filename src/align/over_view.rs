//! Alignment over a dataset [`View`]: position matrices, all-pairs matrices, series over
//! windows with bootstrap intervals, bloc cohesion and actor-to-bloc alignment.

use super::cohesion::{CohesionIndex, VoteCounts, mean_defined};
use super::uncertainty::{BootstrapConfig, Interval, bootstrap};
use super::{Coding, Dyad, Measure, Options, PairMatrix, PositionMatrix, Score};
use crate::error::{Error, Result};
use crate::model::{ActorIdx, Position, StatementIdx, View};
use crate::time::Window;
use serde::{Deserialize, Serialize};

/// Which statements are items for which actors.
///
/// For roll calls every recorded vote is an item ([`Universe::Recorded`]). For co-signature
/// data "did not sign" is not "no": measures that need a full table (S, κ, π, PMI,
/// hypergeometric) need an explicit choice of who could have signed what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Universe {
    /// Only recorded positions are items; an actor without a row for a statement (not a
    /// member, not recorded) is missing there.
    #[default]
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

fn actor_list(view: &View<'_>, actors: Option<&[&str]>) -> Result<Vec<ActorIdx>> {
    let ds = view.dataset();
    match actors {
        Some(ids) => ids
            .iter()
            .map(|id| {
                ds.actor_index(id).ok_or_else(|| Error::InvalidParameter {
                    name: "actors",
                    value: id.to_string(),
                    reason: "no actor with this id in the dataset".into(),
                })
            })
            .collect(),
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
/// [`Error::InvalidParameter`] for an unknown actor or bloc id.
pub fn position_matrix(
    view: &View<'_>,
    actors: Option<&[&str]>,
    coding: &Coding,
    universe: &Universe,
) -> Result<PositionMatrix> {
    let ds = view.dataset();
    let actors = actor_list(view, actors)?;
    let blocs: Vec<ActorIdx> = match universe {
        Universe::BlocMembers(ids) => actor_list(
            view,
            Some(&ids.iter().map(String::as_str).collect::<Vec<_>>()),
        )?,
        _ => Vec::new(),
    };
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
            Universe::Recorded => {}
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
    Ok(PositionMatrix::from_positions(
        coding,
        ids,
        statements.len(),
        |a, k| positions[a][k],
    ))
}

/// All-pairs alignment of a view (see [`position_matrix`] and [`PositionMatrix::all_pairs`]).
///
/// # Errors
/// As [`position_matrix`]; [`Error::Align`] when the measure does not fit the coding.
pub fn alignment_matrix(
    view: &View<'_>,
    actors: Option<&[&str]>,
    measure: Measure,
    coding: &Coding,
    universe: &Universe,
    options: &Options,
) -> Result<PairMatrix> {
    Ok(position_matrix(view, actors, coding, universe)?.all_pairs(measure, options)?)
}

/// One point of a dyad's alignment series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    /// The window.
    pub window: Window,
    /// First actor id.
    pub a: String,
    /// Second actor id.
    pub b: String,
    /// The measure.
    pub measure: Measure,
    /// The score and its N (joint items).
    pub score: Score,
    /// The bootstrap interval, when asked for.
    pub interval: Option<Interval>,
}

/// Settings of [`pair_series`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesOptions {
    /// The measure.
    pub measure: Measure,
    /// The coding of positions.
    pub coding: Coding,
    /// Which statements are items for which actors.
    pub universe: Universe,
    /// Measure options (for example FPSIM's zero convention).
    pub options: Options,
    /// Bootstrap intervals (resampling items within each window), if any.
    pub bootstrap: Option<BootstrapConfig>,
}

impl Default for SeriesOptions {
    fn default() -> Self {
        SeriesOptions {
            measure: Measure::KappaQuadratic,
            coding: Coding::voeten(),
            universe: Universe::Recorded,
            options: Options::default(),
            bootstrap: None,
        }
    }
}

/// The alignment of chosen pairs in each window (windows restrict `view`, keeping its filters
/// and bloc mode), with N and, optionally, a seeded bootstrap interval.
///
/// ```
/// use cosignatory::align::{pair_series, Coding, Measure, SeriesOptions, Universe};
/// use cosignatory::time::WindowSpec;
/// let ds = cosignatory::datasets::joint_statements();
/// let d = |s: &str| s.parse().unwrap();
/// let windows = WindowSpec::years().windows(d("2020-01-01"), d("2021-12-31")).unwrap();
/// let opts = SeriesOptions { measure: Measure::Jaccard, coding: Coding::cosignature(), universe: Universe::AllStatements, ..Default::default() };
/// let s = pair_series(&ds.view(), &windows, &[("GBR", "USA")], &opts).unwrap();
/// assert_eq!(s.len(), 2);
/// assert!(s[0].score.n > 0);
/// ```
///
/// # Errors
/// Unknown actor ids, or a measure that does not fit the coding.
pub fn pair_series(
    view: &View<'_>,
    windows: &[Window],
    pairs: &[(&str, &str)],
    options: &SeriesOptions,
) -> Result<Vec<SeriesPoint>> {
    let mut ids: Vec<&str> = pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::with_capacity(windows.len() * pairs.len());
    for w in windows {
        let v = view.clone().between(w.start, w.end);
        let m = position_matrix(&v, Some(&ids), &options.coding, &options.universe)?;
        for (a, b) in pairs {
            let (i, j) = (
                ids.binary_search(a).unwrap_or(0),
                ids.binary_search(b).unwrap_or(0),
            );
            let (x, y) = (m.actor_codes(i), m.actor_codes(j));
            let dyad = Dyad::new(m.scale(), &x, &y)?;
            let score = options.measure.score_with(&dyad, &options.options)?;
            let interval = match &options.bootstrap {
                Some(cfg) => Some(bootstrap(options.measure, &dyad, cfg)?),
                None => None,
            };
            out.push(SeriesPoint {
                window: *w,
                a: a.to_string(),
                b: b.to_string(),
                measure: options.measure,
                score,
                interval,
            });
        }
    }
    Ok(out)
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CohesionMeasure {
    /// A roll-call index over the members' yes/no/abstain votes (absent members excluded).
    Vote(CohesionIndex),
    /// Co-signature: the share of the bloc's members (on the statement's date) who signed.
    /// Statements signed by no member are skipped (the bloc did not engage).
    SigningShare,
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
/// [`Error::InvalidParameter`] for an unknown bloc id.
pub fn bloc_cohesion(
    view: &View<'_>,
    bloc: &str,
    measure: CohesionMeasure,
    windows: &[Window],
) -> Result<Vec<CohesionPoint>> {
    let ds = view.dataset();
    let b = actor_list(view, Some(&[bloc]))?[0];
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
            let own = match (&options.universe, own) {
                (Universe::Recorded, o) => o,
                (_, None)
                    if members.contains(&a)
                        || matches!(options.universe, Universe::AllStatements) =>
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
            Some(cfg) => Some(bootstrap(options.measure, &dyad, cfg)?),
            None => None,
        };
        out.push(SeriesPoint {
            window: *w,
            a: actor.to_string(),
            b: bloc.to_string(),
            measure: options.measure,
            score,
            interval,
        });
    }
    Ok(out)
}
