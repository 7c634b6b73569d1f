//! Planted ideal points: actors on random-walk paths over yearly periods voting yes / abstain /
//! no on roll calls by an ordered probit, for recovery tests and benchmarks of
//! [`ideal`](crate::ideal).

use super::distributions::bad;
use super::generate::actor_id;
use crate::error::Result;
use crate::model::{
    Actor, ActorIdx, Dataset, DatasetBuilder, JoinedColumn, Position, RoleColumn, Statement,
    StatementKind,
};
use crate::time::Window;
use chrono::NaiveDate;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Parameters of [`ideal_points`].
///
/// The latent vote is y* = α + β x + ε, ε ~ N(0, 1), with α ~ N(0, `alpha_sd`²) and
/// β ~ N(0, `beta_sd`²); the vote is yes when y* < 0, abstain when 0 < y* < τ and no when
/// y* > τ, with the item's cut point τ uniform on `cut` (`cut = (0, 0)`: no abstentions, a
/// binary probit). Paths start at N(0, 1) and step N(0, ω²) each period; the first `drift`
/// actors move by `drift_per_period` more each period. Each vote is absent with chance
/// `absent`. Build with `..Default::default()`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdealSynthOptions {
    /// Number of actors (ids `A001`, ...).
    pub actors: usize,
    /// Number of periods (calendar years from `first_year`).
    pub periods: usize,
    /// Roll calls per period.
    pub items: usize,
    /// The random-walk step ω.
    pub omega: f64,
    /// Standard deviation of the intercepts α.
    pub alpha_sd: f64,
    /// Standard deviation of the discriminations β.
    pub beta_sd: f64,
    /// Range of the items' upper cut point τ (lower cut point 0).
    pub cut: (f64, f64),
    /// Chance that a vote is absent.
    pub absent: f64,
    /// How many actors (the first ones) drift.
    pub drift: usize,
    /// Their extra move per period.
    pub drift_per_period: f64,
    /// The first year.
    pub first_year: i32,
    /// The seed (ChaCha8).
    pub seed: u64,
}

impl Default for IdealSynthOptions {
    fn default() -> Self {
        IdealSynthOptions {
            actors: 120,
            periods: 15,
            items: 80,
            omega: 0.1,
            alpha_sd: 0.7,
            beta_sd: 1.5,
            cut: (0.3, 1.0),
            absent: 0.05,
            drift: 0,
            drift_per_period: 0.0,
            first_year: 2000,
            seed: 1,
        }
    }
}

/// A planted ideal-point dataset and its truth.
#[derive(Debug, Clone)]
pub struct PlantedIdeal {
    /// The roll calls.
    pub dataset: Dataset,
    /// The periods (calendar years), as `WindowSpec::years()` cuts the data.
    pub windows: Vec<Window>,
    /// True ideal points, `truth[actor][period]`.
    pub truth: Vec<Vec<f64>>,
    /// True item parameters (α, β, τ) in statement order.
    pub items: Vec<(f64, f64, f64)>,
}

/// A standard normal draw (Box–Muller, one of the pair).
pub(crate) fn standard_normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Generates roll calls from planted ideal-point paths.
///
/// ```
/// use cosignatory::synth::{ideal_points, IdealSynthOptions};
/// let p = ideal_points(&IdealSynthOptions { actors: 20, periods: 3, items: 10, ..Default::default() }).unwrap();
/// assert_eq!(p.dataset.statements().len(), 30);
/// assert_eq!((p.truth.len(), p.truth[0].len(), p.windows.len()), (20, 3, 3));
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for zero actors, periods or
/// items, a negative ω or spread, a cut range with `low > high` or below 0, or `absent`
/// outside [0, 1).
pub fn ideal_points(o: &IdealSynthOptions) -> Result<PlantedIdeal> {
    if o.actors == 0 || o.periods == 0 || o.items == 0 {
        return bad(
            "actors/periods/items",
            format!("{}/{}/{}", o.actors, o.periods, o.items),
            "must all be at least 1",
        );
    }
    for (name, v) in [
        ("omega", o.omega),
        ("alpha_sd", o.alpha_sd),
        ("beta_sd", o.beta_sd),
    ] {
        if !(v >= 0.0 && v.is_finite()) {
            return bad(name, v.to_string(), "must be a finite number >= 0");
        }
    }
    if !(0.0 <= o.cut.0 && o.cut.0 <= o.cut.1 && o.cut.1.is_finite()) {
        return bad("cut", format!("{:?}", o.cut), "needs 0 <= low <= high");
    }
    if !(0.0..1.0).contains(&o.absent) {
        return bad("absent", o.absent.to_string(), "must be in [0, 1)");
    }
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed);
    let mut truth = vec![vec![0.0; o.periods]; o.actors];
    for (i, path) in truth.iter_mut().enumerate() {
        path[0] = standard_normal(&mut rng);
        for t in 1..o.periods {
            let drift = if i < o.drift { o.drift_per_period } else { 0.0 };
            path[t] = path[t - 1] + o.omega * standard_normal(&mut rng) + drift;
        }
    }
    let mut b = DatasetBuilder::new();
    for i in 0..o.actors {
        let id = actor_id(i, o.actors);
        let kind = Actor::inferred_kind(&id, false);
        b.actor(Actor::new(id.clone(), id, kind));
    }
    let total = o.periods * o.items;
    let width = (total.max(2) - 1).ilog10() as usize + 1;
    let mut windows = Vec::with_capacity(o.periods);
    for t in 0..o.periods {
        let year = o.first_year + t as i32;
        let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year");
        let end = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year");
        windows.push(Window::new(start, end));
        for k in 0..o.items {
            let day = (364 * k / o.items.max(1)) as u64;
            let s = t * o.items + k;
            b.statement(Statement::new(
                format!("S{s:0width$}"),
                start + chrono::Days::new(day),
                StatementKind::ResolutionVote,
            ));
        }
    }
    let mut ds = b.build()?;
    let mut items = Vec::with_capacity(total);
    let mut start = Vec::with_capacity(total + 1);
    let mut actor = Vec::with_capacity(total * o.actors);
    let mut position = Vec::with_capacity(total * o.actors);
    start.push(0u32);
    for t in 0..o.periods {
        for _ in 0..o.items {
            let alpha = o.alpha_sd * standard_normal(&mut rng);
            let beta = o.beta_sd * standard_normal(&mut rng);
            let tau = o.cut.0 + (o.cut.1 - o.cut.0) * rng.random::<f64>();
            items.push((alpha, beta, tau));
            for (i, path) in truth.iter().enumerate() {
                let y = alpha + beta * path[t] + standard_normal(&mut rng);
                let p = if o.absent > 0.0 && rng.random_bool(o.absent) {
                    Position::Absent
                } else if y < 0.0 {
                    Position::Yes
                } else if y < tau {
                    Position::Abstain
                } else {
                    Position::No
                };
                actor.push(ActorIdx(i as u32));
                position.push(p);
            }
            start.push(actor.len() as u32);
        }
    }
    ds.set_signatures(
        start,
        actor,
        position,
        RoleColumn::default(),
        JoinedColumn::default(),
    );
    Ok(PlantedIdeal {
        dataset: ds,
        windows,
        truth,
        items,
    })
}
