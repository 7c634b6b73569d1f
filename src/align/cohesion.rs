//! Bloc cohesion on one roll call (Rice, Attinà, Hix–Noury–Roland), window means, and the
//! likeness of two blocs' vote shares.
//!
//! Absent members and non-voters are excluded from all three indices (reference §6).

use serde::{Deserialize, Serialize};

use super::Score;
use crate::model::Position;

/// A bloc's yes, no and abstain votes on one roll call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct VoteCounts {
    /// Yes votes Y.
    pub yes: u32,
    /// No votes N.
    pub no: u32,
    /// Abstentions A.
    pub abstain: u32,
}

impl VoteCounts {
    /// Counts Y, N, A.
    pub fn new(yes: u32, no: u32, abstain: u32) -> Self {
        VoteCounts { yes, no, abstain }
    }

    /// Tally the members' positions; `Absent` is ignored.
    ///
    /// ```
    /// use cosignatory::align::cohesion::VoteCounts;
    /// use cosignatory::model::Position::*;
    /// assert_eq!(VoteCounts::from_positions([Yes, Yes, Absent, No]), VoteCounts::new(2, 1, 0));
    /// ```
    pub fn from_positions<I: IntoIterator<Item = Position>>(positions: I) -> Self {
        let mut v = VoteCounts::default();
        for p in positions {
            match p {
                Position::Yes => v.yes += 1,
                Position::No => v.no += 1,
                Position::Abstain => v.abstain += 1,
                Position::Absent => {}
            }
        }
        v
    }

    /// T = Y + N + A.
    pub fn total(&self) -> u32 {
        self.yes + self.no + self.abstain
    }

    /// Vote shares (Y, N, A)/T, or `None` when T = 0.
    pub fn shares(&self) -> Option<[f64; 3]> {
        let t = f64::from(self.total());
        (t > 0.0).then(|| [self.yes, self.no, self.abstain].map(|v| f64::from(v) / t))
    }

    fn max(&self) -> u32 {
        self.yes.max(self.no).max(self.abstain)
    }
}

/// Rice's index of cohesion R = |Y − N| / (Y + N); abstentions ignored. Range [0, 1]; undefined
/// when Y + N = 0.
///
/// Rice, S. A. (1925) "The Behavior of Legislative Groups", *Political Science Quarterly* 40(1): 60–72.
pub fn rice(v: VoteCounts) -> Option<f64> {
    let yn = v.yes + v.no;
    (yn > 0).then(|| f64::from(v.yes.abs_diff(v.no)) / f64::from(yn))
}

/// Attinà's index AT = 100·(max(Y, N, A) − (T − max)) / T. Range [−33.3, 100]; undefined when T = 0.
///
/// Attinà, F. (1990) *European Journal of Political Research* 18(4): 557–579.
pub fn attina(v: VoteCounts) -> Option<f64> {
    let (t, m) = (f64::from(v.total()), f64::from(v.max()));
    (t > 0.0).then(|| 100.0 * (m - (t - m)) / t)
}

/// Hix–Noury–Roland Agreement Index AI = (max(Y, N, A) − ½·(T − max)) / T = 1.5·max/T − 0.5.
/// Range [0, 1] (0 only for an exact three-way tie); undefined when T = 0.
///
/// Hix, S., Noury, A. & Roland, G. (2005) "Power to the Parties", *BJPS* 35(2): 209–234.
///
/// ```
/// use cosignatory::align::cohesion::{agreement_index, VoteCounts};
/// assert_eq!(agreement_index(VoteCounts::new(6, 3, 1)), Some(0.4));
/// ```
pub fn agreement_index(v: VoteCounts) -> Option<f64> {
    let (t, m) = (f64::from(v.total()), f64::from(v.max()));
    (t > 0.0).then(|| (m - 0.5 * (t - m)) / t)
}

/// A cohesion index by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CohesionIndex {
    /// [`rice`].
    Rice,
    /// [`attina`].
    Attina,
    /// [`agreement_index`].
    AgreementIndex,
}

impl CohesionIndex {
    /// The index on one roll call.
    pub fn compute(self, v: VoteCounts) -> Option<f64> {
        match self {
            CohesionIndex::Rice => rice(v),
            CohesionIndex::Attina => attina(v),
            CohesionIndex::AgreementIndex => agreement_index(v),
        }
    }

    /// The simple mean over the roll calls of a window where the index is defined; `n` is the
    /// number of roll calls averaged, and the value is undefined when there are none.
    ///
    /// HNR report simple (unweighted) means of per-vote values.
    ///
    /// ```
    /// use cosignatory::align::cohesion::{CohesionIndex, VoteCounts};
    /// let votes = [VoteCounts::new(10, 0, 0), VoteCounts::new(5, 5, 0), VoteCounts::new(0, 0, 0)];
    /// let m = CohesionIndex::AgreementIndex.window_mean(&votes);
    /// assert_eq!((m.value, m.n), (Some(0.625), 2)); // (1.0 + 0.25)/2; the empty vote is skipped
    /// ```
    pub fn window_mean(self, votes: &[VoteCounts]) -> Score {
        mean_defined(votes.iter().map(|&v| self.compute(v)))
    }
}

/// The mean of the defined values, with `n` = how many were defined.
pub fn mean_defined<I: IntoIterator<Item = Option<f64>>>(values: I) -> Score {
    let (mut sum, mut n) = (0.0, 0u32);
    for v in values.into_iter().flatten() {
        sum += v;
        n += 1;
    }
    Score::new((n > 0).then(|| sum / f64::from(n)), n)
}

/// L1 likeness of two blocs on one vote: 1 − ½·(|y₁−y₂| + |n₁−n₂| + |a₁−a₂|) on vote shares,
/// i.e. one minus the total-variation distance. Range [0, 1]; undefined when either bloc cast no
/// vote. (Rice's classical index of likeness, 100 − |%yes₁ − %yes₂|, ignores abstentions.)
///
/// ```
/// use cosignatory::align::cohesion::{likeness, VoteCounts};
/// let l = likeness(VoteCounts::new(6, 3, 1), VoteCounts::new(2, 7, 1)).unwrap();
/// assert!((l - 0.6).abs() < 1e-12);
/// ```
pub fn likeness(first: VoteCounts, second: VoteCounts) -> Option<f64> {
    let (p, q) = (first.shares()?, second.shares()?);
    let l1: f64 = p.iter().zip(&q).map(|(a, b)| (a - b).abs()).sum();
    Some(1.0 - 0.5 * l1)
}

/// The mean [`likeness`] over the votes of a window (pairs of the two blocs' counts per vote).
pub fn likeness_mean(votes: &[(VoteCounts, VoteCounts)]) -> Score {
    mean_defined(votes.iter().map(|&(a, b)| likeness(a, b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(v: Option<f64>, want: f64) {
        let v = v.expect("defined");
        assert!((v - want).abs() < 1e-12, "got {v}, want {want}");
    }

    /// Reference §6, worked example D, and the identities between the indices.
    #[test]
    fn worked_example_d() {
        let v = VoteCounts::new(6, 3, 1);
        close(agreement_index(v), 0.4);
        close(rice(v), 1.0 / 3.0);
        close(attina(v), 20.0);
        close(agreement_index(VoteCounts::new(10, 0, 0)), 1.0);
        close(rice(VoteCounts::new(10, 0, 0)), 1.0);
        close(agreement_index(VoteCounts::new(5, 5, 0)), 0.25);
        close(rice(VoteCounts::new(5, 5, 0)), 0.0);
        close(agreement_index(VoteCounts::new(4, 4, 4)), 0.0);
        close(attina(VoteCounts::new(4, 4, 4)), -100.0 / 3.0);
        close(agreement_index(VoteCounts::new(7, 2, 3)), 0.375);
        close(rice(VoteCounts::new(7, 2, 3)), 5.0 / 9.0);
    }

    #[test]
    fn identities_and_undefined() {
        for y in 0..6 {
            for n in 0..6 {
                for a in 0..6 {
                    let v = VoteCounts::new(y, n, a);
                    if v.total() == 0 {
                        assert_eq!(agreement_index(v), None);
                        assert_eq!(attina(v), None);
                        continue;
                    }
                    let ai = agreement_index(v).unwrap();
                    assert!((0.0..=1.0).contains(&ai));
                    // AI = (AT/100 + 1/3)/(4/3): the rescaled Attinà.
                    close(
                        Some((attina(v).unwrap() / 100.0 + 1.0 / 3.0) / (4.0 / 3.0)),
                        ai,
                    );
                    if a == 0 {
                        close(Some(0.75 * rice(v).unwrap() + 0.25), ai);
                    }
                }
            }
        }
        assert_eq!(rice(VoteCounts::new(0, 0, 3)), None);
        assert_eq!(
            likeness(VoteCounts::default(), VoteCounts::new(1, 0, 0)),
            None
        );
        assert_eq!(mean_defined([None, None]), Score::undefined(0));
    }

    #[test]
    fn likeness_window() {
        let votes = [
            (VoteCounts::new(6, 3, 1), VoteCounts::new(2, 7, 1)),
            (VoteCounts::new(1, 0, 0), VoteCounts::new(3, 0, 0)),
            (VoteCounts::new(0, 0, 0), VoteCounts::new(3, 0, 0)),
        ];
        let m = likeness_mean(&votes);
        assert_eq!(m.n, 2);
        close(m.value, 0.8);
    }
}
