//! The knobs of the planted generator: coalition sizes, statement sizes, who sponsors a
//! statement, and how roll-call positions are drawn.

use crate::error::{Error, Result};
use crate::model::Position;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// How many actors each planted coalition has.
///
/// ```
/// use cosignatory::synth::{planted, CoalitionSizes, PlantedOptions};
/// let p = planted(&PlantedOptions {
///     actors: 10,
///     coalitions: 3,
///     sizes: CoalitionSizes::Given(vec![5, 3, 2]),
///     statements: 50,
///     ..Default::default()
/// })
/// .unwrap();
/// // Given sizes take consecutive actors: 0..5, 5..8, 8..10.
/// assert_eq!(p.membership, vec![0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoalitionSizes {
    /// Actor `i` joins coalition `i mod coalitions` (round robin), so sizes differ by at most
    /// one. The default.
    #[default]
    Equal,
    /// One size per coalition (as many as `coalitions`), each at least 1; coalition 0 takes
    /// the first actors, coalition 1 the next ones, and so on. For [`planted`](super::planted)
    /// they must add up to `actors`; for [`scheduled`](super::scheduled) they may add up to
    /// less, and the remaining (last) actors start outside every coalition.
    Given(Vec<usize>),
    /// Random sizes of at least `min` each adding up to `actors`, every such size vector
    /// equally likely (stars and bars: the discrete analogue of uniform Dirichlet
    /// proportions), drawn from the seed; consecutive actors as for `Given`.
    Random {
        /// The smallest size allowed (at least 1).
        min: usize,
    },
}

impl CoalitionSizes {
    /// The size of each coalition, and whether actor `i`'s coalition is `i mod coalitions`
    /// (round robin) rather than consecutive blocks. Validates against `actors`; `exact`
    /// requires the sizes to add up to `actors`.
    pub(super) fn resolve(
        &self,
        actors: usize,
        coalitions: usize,
        exact: bool,
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<usize>> {
        match self {
            CoalitionSizes::Equal => Ok((0..coalitions)
                .map(|c| actors / coalitions + usize::from(c < actors % coalitions))
                .collect()),
            CoalitionSizes::Given(sizes) => {
                let total: usize = sizes.iter().sum();
                if sizes.len() != coalitions {
                    return bad(
                        "sizes",
                        format!("{sizes:?}"),
                        &format!("gives {} sizes for {coalitions} coalitions", sizes.len()),
                    );
                }
                if sizes.contains(&0) {
                    return bad(
                        "sizes",
                        format!("{sizes:?}"),
                        "every size must be at least 1",
                    );
                }
                if total > actors || (exact && total != actors) {
                    let want = if exact { "exactly" } else { "at most" };
                    return bad(
                        "sizes",
                        format!("{sizes:?}"),
                        &format!("adds up to {total}; needs {want} {actors} (actors)"),
                    );
                }
                Ok(sizes.clone())
            }
            &CoalitionSizes::Random { min } => {
                if min == 0 || min.saturating_mul(coalitions) > actors {
                    return bad(
                        "sizes",
                        format!("random, min {min}"),
                        &format!(
                            "needs 1 ≤ min and min × {coalitions} coalitions ≤ {actors} actors"
                        ),
                    );
                }
                Ok(
                    random_composition(actors - min * coalitions, coalitions, rng)
                        .into_iter()
                        .map(|extra| extra + min)
                        .collect(),
                )
            }
        }
    }
}

/// A uniformly random composition of `total` into `parts` non-negative parts: `parts − 1`
/// distinct bars among `total + parts − 1` places (partial Fisher–Yates), sorted.
fn random_composition(total: usize, parts: usize, rng: &mut ChaCha8Rng) -> Vec<usize> {
    let places = total + parts - 1;
    let mut slots: Vec<usize> = (0..places).collect();
    for i in 0..parts - 1 {
        let j = rng.random_range(i..places);
        slots.swap(i, j);
    }
    let mut bars = slots[..parts - 1].to_vec();
    bars.sort_unstable();
    let mut out = Vec::with_capacity(parts);
    let mut prev = 0;
    for b in bars {
        out.push(b - prev);
        prev = b + 1;
    }
    out.push(places - prev);
    out
}

/// The distribution of statement sizes (number of signatories) of co-signature data. A size
/// is never more than the number of actors active on the statement's date.
///
/// ```
/// use cosignatory::synth::SizeDistribution;
/// // A power law on 2..=200 whose mean is 8 (the exponent is solved for).
/// let d = SizeDistribution::power_law_with_mean(8.0, 2, 200).unwrap();
/// let SizeDistribution::PowerLaw { exponent, .. } = d else { unreachable!() };
/// assert!((SizeDistribution::power_law_mean(exponent, 2, 200) - 8.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SizeDistribution {
    /// 2 + a geometric draw, with mean [`PlantedOptions::mean_size`](super::PlantedOptions)
    /// (the default).
    #[default]
    Geometric,
    /// A discrete power law: `P(k) ∝ k^(−exponent)` for `min ≤ k ≤ max`. Heavy-tailed: most
    /// statements are small, a few gather very many signatories (as open letters do).
    /// `mean_size` is not used; see [`SizeDistribution::power_law_with_mean`].
    PowerLaw {
        /// The exponent (any finite value; 2–3 is typical of heavy tails).
        exponent: f64,
        /// The smallest size (at least 1).
        min: usize,
        /// The largest size (at least `min`).
        max: usize,
    },
    /// Every size from `min` to `max` equally likely. `mean_size` is not used.
    Uniform {
        /// The smallest size (at least 1).
        min: usize,
        /// The largest size (at least `min`).
        max: usize,
    },
}

impl SizeDistribution {
    /// The mean of the power law `P(k) ∝ k^(−exponent)` on `min..=max`.
    pub fn power_law_mean(exponent: f64, min: usize, max: usize) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for k in min.max(1)..=max {
            let p = (k as f64).powf(-exponent);
            num += k as f64 * p;
            den += p;
        }
        num / den
    }

    /// The power law on `min..=max` whose mean is `mean` (the exponent found by bisection).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `1 ≤ min < mean < max`.
    pub fn power_law_with_mean(mean: f64, min: usize, max: usize) -> Result<SizeDistribution> {
        if min == 0 || !(mean > min as f64 && mean < max as f64) {
            return bad(
                "mean",
                mean.to_string(),
                &format!("needs 1 ≤ min ({min}) < mean < max ({max})"),
            );
        }
        // The mean falls as the exponent rises: from near `max` to near `min`.
        let (mut lo, mut hi) = (-64.0f64, 64.0f64);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if Self::power_law_mean(mid, min, max) > mean {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(SizeDistribution::PowerLaw {
            exponent: 0.5 * (lo + hi),
            min,
            max,
        })
    }

    pub(super) fn check(&self, mean_size: f64) -> Result<()> {
        match *self {
            SizeDistribution::Geometric => {
                if mean_size.is_nan() || mean_size < 2.0 {
                    return bad("mean_size", mean_size.to_string(), "must be at least 2");
                }
            }
            SizeDistribution::PowerLaw { exponent, min, max } => {
                if !exponent.is_finite() {
                    return bad("exponent", exponent.to_string(), "must be finite");
                }
                check_range(min, max)?;
            }
            SizeDistribution::Uniform { min, max } => check_range(min, max)?,
        }
        Ok(())
    }

    /// A sampler for statements among `cap` active actors.
    pub(super) fn sampler(&self, mean_size: f64, cap: usize) -> SizeSampler {
        match *self {
            SizeDistribution::Geometric => SizeSampler::Geometric {
                p_stop: (1.0 / (mean_size - 1.0)).min(1.0),
                cap,
            },
            SizeDistribution::PowerLaw { exponent, min, max } => {
                let hi = max.min(cap);
                let mut cdf = Vec::new();
                let mut total = 0.0;
                for k in min..=hi {
                    total += (k as f64).powf(-exponent);
                    cdf.push(total);
                }
                SizeSampler::Table {
                    min: min.min(cap),
                    cdf,
                }
            }
            SizeDistribution::Uniform { min, max } => SizeSampler::Uniform {
                min: min.min(cap),
                max: max.min(cap),
            },
        }
    }
}

fn check_range(min: usize, max: usize) -> Result<()> {
    if min == 0 || min > max {
        return bad(
            "statement_sizes",
            format!("{min}..={max}"),
            "needs 1 ≤ min ≤ max",
        );
    }
    Ok(())
}

/// Draws statement sizes for a fixed number of active actors.
#[derive(Debug, Clone)]
pub(super) enum SizeSampler {
    Geometric { p_stop: f64, cap: usize },
    Table { min: usize, cdf: Vec<f64> },
    Uniform { min: usize, max: usize },
}

impl SizeSampler {
    pub fn draw(&self, rng: &mut ChaCha8Rng) -> usize {
        match self {
            SizeSampler::Geometric { p_stop, cap } => {
                // Geometric on {0, 1, ...} with mean mean_size − 2, added to 2.
                let mut size = 2usize;
                while size < *cap && !rng.random_bool(*p_stop) {
                    size += 1;
                }
                size.min(*cap)
            }
            SizeSampler::Table { min, cdf } => match cdf.last() {
                Some(&total) => {
                    let u = rng.random::<f64>() * total;
                    min + cdf.partition_point(|&c| c <= u).min(cdf.len() - 1)
                }
                None => *min,
            },
            SizeSampler::Uniform { min, max } => rng.random_range(*min..=*max),
        }
    }
}

/// Which coalition a statement (or roll call) comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sponsor {
    /// Every active coalition equally often (the default): members of small coalitions sign
    /// more often than members of large ones.
    #[default]
    Uniform,
    /// In proportion to the coalition's size: every actor is about equally active.
    BySize,
}

/// How roll-call positions are drawn when [`PlantedOptions::votes`](super::PlantedOptions)
/// is set.
///
/// On each roll call the sponsoring coalition's line is `yes`; every other coalition takes a
/// line drawn from `line` (weights of yes, no, abstain), and stays away as a whole (all its
/// members `absent`) with probability `coalition_absent`. Each member is then absent on its
/// own with probability `absent`; otherwise it follows its coalition's line, except with
/// probability [`outside`](super::PlantedOptions) when it departs from it: from a yes or no
/// line it abstains with probability `defect_abstain` and otherwise votes the opposite way;
/// from an abstain line it votes yes or no with equal chance.
///
/// The default reproduces the yes/no model of earlier versions: other coalitions vote no,
/// nobody abstains or is absent, and a departing member flips yes and no.
///
/// ```
/// use cosignatory::model::Position;
/// use cosignatory::synth::{planted, PlantedOptions, VoteModel};
/// let p = planted(&PlantedOptions {
///     actors: 50,
///     statements: 200,
///     votes: true,
///     vote_model: VoteModel::un_like(),
///     ..Default::default()
/// })
/// .unwrap();
/// let ds = &p.dataset;
/// let share = |x| {
///     let s = ds.statement_index("S00000007").unwrap();
///     ds.signatures_of(s).filter(|r| r.position == x).count()
/// };
/// assert_eq!(Position::ALL.map(share).iter().sum::<usize>(), 50); // everyone has a record
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VoteModel {
    /// Weights of `yes`, `no` and `abstain` for the line of a coalition other than the
    /// sponsor's (non-negative, not all zero). Default `[0, 1, 0]`.
    pub line: [f64; 3],
    /// The chance that a member departing from a yes or no line abstains. Default 0.
    pub defect_abstain: f64,
    /// The chance that a non-sponsoring coalition stays away from a roll call as a whole.
    /// Default 0.
    pub coalition_absent: f64,
    /// The chance that an actor is absent on its own. Default 0.
    pub absent: f64,
}

impl Default for VoteModel {
    fn default() -> Self {
        VoteModel {
            line: [0.0, 1.0, 0.0],
            defect_abstain: 0.0,
            coalition_absent: 0.0,
            absent: 0.0,
        }
    }
}

impl VoteModel {
    /// Proportions loosely like the UN General Assembly's: other coalitions mostly vote yes
    /// as well (weights yes 0.6, no 0.15, abstain 0.25), half of the departures are
    /// abstentions, a coalition stays away 2% of the time and an actor 8% of the time.
    pub fn un_like() -> Self {
        VoteModel {
            line: [0.6, 0.15, 0.25],
            defect_abstain: 0.5,
            coalition_absent: 0.02,
            absent: 0.08,
        }
    }

    pub(super) fn check(&self) -> Result<()> {
        let total: f64 = self.line.iter().sum();
        if self.line.iter().any(|w| !(w.is_finite() && *w >= 0.0)) || total <= 0.0 {
            return bad(
                "line",
                format!("{:?}", self.line),
                "weights must be finite, non-negative and not all zero",
            );
        }
        for (name, p) in [
            ("defect_abstain", self.defect_abstain),
            ("coalition_absent", self.coalition_absent),
            ("absent", self.absent),
        ] {
            if !(0.0..=1.0).contains(&p) {
                return bad(name, p.to_string(), "must be in [0, 1]");
            }
        }
        Ok(())
    }

    /// The line of a non-sponsoring coalition (no draw when only one weight is positive).
    pub(super) fn draw_line(&self, rng: &mut ChaCha8Rng) -> Position {
        const LINES: [Position; 3] = [Position::Yes, Position::No, Position::Abstain];
        let positive = self.line.iter().filter(|w| **w > 0.0).count();
        if positive == 1 {
            let i = self
                .line
                .iter()
                .position(|w| *w > 0.0)
                .expect("one positive");
            return LINES[i];
        }
        let total: f64 = self.line.iter().sum();
        let u = rng.random::<f64>() * total;
        if u < self.line[0] {
            Position::Yes
        } else if u < self.line[0] + self.line[1] || self.line[2] == 0.0 {
            Position::No
        } else {
            Position::Abstain
        }
    }

    /// The position of a member departing from `line`.
    pub(super) fn depart(&self, line: Position, rng: &mut ChaCha8Rng) -> Position {
        match line {
            Position::Abstain | Position::Absent => {
                if rng.random_bool(0.5) {
                    Position::Yes
                } else {
                    Position::No
                }
            }
            _ if self.defect_abstain > 0.0 && rng.random_bool(self.defect_abstain) => {
                Position::Abstain
            }
            Position::Yes => Position::No,
            Position::No => Position::Yes,
        }
    }
}

pub(super) fn bad<T>(name: &'static str, value: String, reason: &str) -> Result<T> {
    Err(Error::InvalidParameter {
        name,
        value,
        reason: reason.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn compositions_add_up_and_cover_the_extremes() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut seen_zero = false;
        for _ in 0..200 {
            let c = random_composition(10, 3, &mut rng);
            assert_eq!(c.len(), 3);
            assert_eq!(c.iter().sum::<usize>(), 10);
            seen_zero |= c.contains(&0);
        }
        assert!(seen_zero);
        assert_eq!(random_composition(5, 1, &mut rng), vec![5]);
        assert_eq!(random_composition(0, 4, &mut rng), vec![0; 4]);
    }

    #[test]
    fn size_samplers_stay_in_range() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let law = SizeDistribution::PowerLaw {
            exponent: 2.0,
            min: 2,
            max: 50,
        };
        let s = law.sampler(0.0, 30);
        let draws: Vec<usize> = (0..5_000).map(|_| s.draw(&mut rng)).collect();
        assert!(draws.iter().all(|&k| (2..=30).contains(&k)));
        assert!(draws.contains(&30) && draws.contains(&2));
        let u = SizeDistribution::Uniform { min: 3, max: 5 }.sampler(0.0, 4);
        assert!((0..100).all(|_| (3..=4).contains(&u.draw(&mut rng))));
        let g = SizeDistribution::Geometric.sampler(8.0, 1);
        assert_eq!(g.draw(&mut rng), 1);
    }
}
