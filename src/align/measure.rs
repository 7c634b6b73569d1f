//! [`Measure`]: every dyadic measure by name, computable from a contingency table.

use serde::{Deserialize, Serialize};

use super::agreement::{self, AlphaLevel, Metric};
use super::binary::{self, BinaryCounts};
use super::{AlignError, ContingencyTable, Dyad, Options, Score};

/// A dyadic alignment measure, selectable by its kebab-case name.
///
/// Every measure's formula, range, undefined cases, required coding and citation are in
/// `docs/measures.md` (in the repository and the published crate).
///
/// ```
/// use cosignatory::align::{Measure, ContingencyTable};
/// let m: Measure = "kappa-nominal".parse().unwrap();
/// assert_eq!(m, Measure::KappaNominal);
/// assert_eq!(m.to_string(), "kappa-nominal");
/// // Reference §7, A–B: a, b, c, d = 3, 1, 1, 1 gives κ = 0.25.
/// let s = m.compute(&ContingencyTable::binary(3, 1, 1, 1)).unwrap();
/// assert!((s.value.unwrap() - 0.25).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Measure {
    /// Signorino–Ritter S, absolute metric: [`agreement::s_absolute`].
    SAbsolute,
    /// Signorino–Ritter S, squared metric: [`agreement::s_squared`].
    SSquared,
    /// Cohen's κ, nominal: [`agreement::kappa`].
    KappaNominal,
    /// Cohen's κ, linear weights.
    KappaLinear,
    /// Cohen's κ, quadratic weights (Häge's FPSIM κ).
    KappaQuadratic,
    /// Scott's π, nominal: [`agreement::scott_pi`].
    PiNominal,
    /// Scott's π, quadratic weights (Häge's FPSIM π).
    PiQuadratic,
    /// Krippendorff's α, nominal: [`agreement::krippendorff_alpha`].
    AlphaNominal,
    /// Krippendorff's α, interval.
    AlphaInterval,
    /// Benati–Capurri alignment index A: [`agreement::benati_capurri`].
    BenatiCapurri,
    /// Kendall's τ_b, legacy only: [`agreement::kendall_tau_b`].
    KendallTauB,
    /// Exact agreement share: [`agreement::percent_agreement`].
    PercentAgreement,
    /// Voeten's agree (abstention = half agreement): [`agreement::voeten_agree`].
    VoetenAgree,
    /// US State Department votes-only coincidence: [`agreement::state_dept_coincidence`].
    StateDeptCoincidence,
    /// Jaccard (binary): [`binary::jaccard`].
    Jaccard,
    /// Dice–Sørensen (binary): [`binary::dice`].
    Dice,
    /// Salton cosine (binary): [`binary::cosine`].
    Cosine,
    /// Szymkiewicz–Simpson overlap (binary): [`binary::overlap`].
    Overlap,
    /// Newman collaboration weight (binary, needs signer counts): [`binary::newman`].
    Newman,
    /// Pearson φ (binary): [`binary::phi`].
    Phi,
    /// Simple matching coefficient (binary): [`binary::simple_matching`].
    SimpleMatching,
    /// One-sided hypergeometric p-value (binary): [`binary::hypergeometric_p`].
    HypergeometricP,
    /// Pointwise mutual information in bits (binary): [`binary::pmi`].
    Pmi,
    /// Normalised PMI (binary): [`binary::npmi`].
    Npmi,
}

impl Measure {
    /// Every measure, in declaration order.
    pub const ALL: [Measure; 24] = [
        Measure::SAbsolute,
        Measure::SSquared,
        Measure::KappaNominal,
        Measure::KappaLinear,
        Measure::KappaQuadratic,
        Measure::PiNominal,
        Measure::PiQuadratic,
        Measure::AlphaNominal,
        Measure::AlphaInterval,
        Measure::BenatiCapurri,
        Measure::KendallTauB,
        Measure::PercentAgreement,
        Measure::VoetenAgree,
        Measure::StateDeptCoincidence,
        Measure::Jaccard,
        Measure::Dice,
        Measure::Cosine,
        Measure::Overlap,
        Measure::Newman,
        Measure::Phi,
        Measure::SimpleMatching,
        Measure::HypergeometricP,
        Measure::Pmi,
        Measure::Npmi,
    ];

    /// The kebab-case name used by the CLI, serde and [`Display`](std::fmt::Display).
    pub fn name(self) -> &'static str {
        match self {
            Measure::SAbsolute => "s-absolute",
            Measure::SSquared => "s-squared",
            Measure::KappaNominal => "kappa-nominal",
            Measure::KappaLinear => "kappa-linear",
            Measure::KappaQuadratic => "kappa-quadratic",
            Measure::PiNominal => "pi-nominal",
            Measure::PiQuadratic => "pi-quadratic",
            Measure::AlphaNominal => "alpha-nominal",
            Measure::AlphaInterval => "alpha-interval",
            Measure::BenatiCapurri => "benati-capurri",
            Measure::KendallTauB => "kendall-tau-b",
            Measure::PercentAgreement => "percent-agreement",
            Measure::VoetenAgree => "voeten-agree",
            Measure::StateDeptCoincidence => "state-dept-coincidence",
            Measure::Jaccard => "jaccard",
            Measure::Dice => "dice",
            Measure::Cosine => "cosine",
            Measure::Overlap => "overlap",
            Measure::Newman => "newman",
            Measure::Phi => "phi",
            Measure::SimpleMatching => "simple-matching",
            Measure::HypergeometricP => "hypergeometric-p",
            Measure::Pmi => "pmi",
            Measure::Npmi => "npmi",
        }
    }

    /// Whether the measure is only defined on a two-category (binary incidence) scale.
    pub fn needs_binary(self) -> bool {
        matches!(
            self,
            Measure::Jaccard
                | Measure::Dice
                | Measure::Cosine
                | Measure::Overlap
                | Measure::Newman
                | Measure::Phi
                | Measure::SimpleMatching
                | Measure::HypergeometricP
                | Measure::Pmi
                | Measure::Npmi
        )
    }

    /// Whether a lower value means closer alignment: only the hypergeometric p-value, which is
    /// small for pairs that sign together more often than chance.
    pub fn lower_is_closer(self) -> bool {
        self == Measure::HypergeometricP
    }

    /// The documented range of the measure's value, as (lowest, highest); infinite where unbounded.
    /// PMI's upper bound log₂ N depends on N and is reported as +∞.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Measure::SAbsolute
            | Measure::SSquared
            | Measure::KappaNominal
            | Measure::KappaLinear
            | Measure::KappaQuadratic
            | Measure::PiNominal
            | Measure::PiQuadratic
            | Measure::AlphaNominal
            | Measure::AlphaInterval
            | Measure::BenatiCapurri
            | Measure::KendallTauB
            | Measure::Phi
            | Measure::Npmi => (-1.0, 1.0),
            Measure::PercentAgreement
            | Measure::VoetenAgree
            | Measure::StateDeptCoincidence
            | Measure::Jaccard
            | Measure::Dice
            | Measure::Cosine
            | Measure::Overlap
            | Measure::SimpleMatching
            | Measure::HypergeometricP => (0.0, 1.0),
            Measure::Newman => (0.0, f64::INFINITY),
            Measure::Pmi => (f64::NEG_INFINITY, f64::INFINITY),
        }
    }

    /// Compute the measure from a contingency table with default [`Options`].
    ///
    /// # Errors
    /// See [`Measure::compute_with`].
    pub fn compute(self, table: &ContingencyTable) -> Result<Score, AlignError> {
        self.compute_with(table, &Options::default())
    }

    /// Compute the measure from a contingency table.
    ///
    /// # Errors
    /// [`AlignError::NotBinary`] for a binary measure on a scale with more than two categories,
    /// [`AlignError::NeedsItems`] for [`Measure::Newman`] (use [`binary::newman`] or the all-pairs
    /// matrix), [`AlignError::WeightedUnsupported`] for α, τ_b and the hypergeometric p on a
    /// weighted table.
    pub fn compute_with(self, t: &ContingencyTable, opts: &Options) -> Result<Score, AlignError> {
        if self.needs_binary() {
            return self.compute_binary(t);
        }
        Ok(match self {
            Measure::SAbsolute => agreement::s_absolute(t),
            Measure::SSquared => agreement::s_squared(t),
            Measure::KappaNominal => agreement::kappa(t, Metric::Nominal, opts),
            Measure::KappaLinear => agreement::kappa(t, Metric::Linear, opts),
            Measure::KappaQuadratic => agreement::kappa(t, Metric::Quadratic, opts),
            Measure::PiNominal => agreement::scott_pi(t, Metric::Nominal, opts),
            Measure::PiQuadratic => agreement::scott_pi(t, Metric::Quadratic, opts),
            Measure::AlphaNominal => agreement::krippendorff_alpha(t, AlphaLevel::Nominal)?,
            Measure::AlphaInterval => agreement::krippendorff_alpha(t, AlphaLevel::Interval)?,
            Measure::BenatiCapurri => agreement::benati_capurri(t),
            Measure::KendallTauB => agreement::kendall_tau_b(t)?,
            Measure::PercentAgreement => agreement::percent_agreement(t),
            Measure::VoetenAgree => agreement::voeten_agree(t),
            Measure::StateDeptCoincidence => agreement::state_dept_coincidence(t),
            _ => unreachable!("binary measures are handled above"),
        })
    }

    fn compute_binary(self, t: &ContingencyTable) -> Result<Score, AlignError> {
        let c = BinaryCounts::from_table(t).ok_or(AlignError::NotBinary { measure: self })?;
        Ok(match self {
            Measure::Jaccard => binary::jaccard(&c),
            Measure::Dice => binary::dice(&c),
            Measure::Cosine => binary::cosine(&c),
            Measure::Overlap => binary::overlap(&c),
            Measure::Phi => binary::phi(&c),
            Measure::SimpleMatching => binary::simple_matching(&c),
            Measure::HypergeometricP => binary::hypergeometric_p(&c)?,
            Measure::Pmi => binary::pmi(&c),
            Measure::Npmi => binary::npmi(&c),
            Measure::Newman => return Err(AlignError::NeedsItems { measure: self }),
            _ => unreachable!("only binary measures reach here"),
        })
    }

    /// Compute the measure on a dyad with default [`Options`] (its table, weighted if it has weights).
    ///
    /// # Errors
    /// As [`Measure::compute_with`].
    pub fn score(self, dyad: &Dyad<'_>) -> Result<Score, AlignError> {
        self.compute(&dyad.table())
    }

    /// Compute the measure on a dyad with the given options.
    ///
    /// # Errors
    /// As [`Measure::compute_with`].
    pub fn score_with(self, dyad: &Dyad<'_>, opts: &Options) -> Result<Score, AlignError> {
        self.compute_with(&dyad.table(), opts)
    }
}

impl std::fmt::Display for Measure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The text is not the name of a [`Measure`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown measure {0:?}; known: {known}", known = known_names())]
pub struct ParseMeasureError(pub String);

fn known_names() -> String {
    Measure::ALL.map(Measure::name).join(", ")
}

impl std::str::FromStr for Measure {
    type Err = ParseMeasureError;

    /// Parses the kebab-case name, ignoring ASCII case and surrounding space.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase();
        Measure::ALL
            .into_iter()
            .find(|m| m.name() == key)
            .ok_or_else(|| ParseMeasureError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Scale;

    #[test]
    fn names_round_trip() {
        for m in Measure::ALL {
            assert_eq!(m.to_string().parse::<Measure>(), Ok(m));
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.name()));
            assert_eq!(serde_json::from_str::<Measure>(&json).unwrap(), m);
        }
        assert_eq!(
            " Kappa-Quadratic ".parse::<Measure>(),
            Ok(Measure::KappaQuadratic)
        );
        assert!("kappa".parse::<Measure>().is_err());
        let mut names: Vec<_> = Measure::ALL.iter().map(|m| m.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Measure::ALL.len());
    }

    #[test]
    fn scale_checks() {
        let t = ContingencyTable::new(Scale::VOETEN);
        assert_eq!(
            Measure::Jaccard.compute(&t),
            Err(AlignError::NotBinary {
                measure: Measure::Jaccard
            })
        );
        assert_eq!(
            Measure::Newman.compute(&ContingencyTable::binary(1, 0, 0, 0)),
            Err(AlignError::NeedsItems {
                measure: Measure::Newman
            })
        );
        // Non-binary measures also work on a binary table.
        assert!(
            Measure::KappaQuadratic
                .compute(&ContingencyTable::binary(1, 2, 3, 4))
                .is_ok()
        );
    }
}
