//! The alignment defaults of a dataset: roll calls and co-signature data need different codings
//! and universes, and the library picks them from the data as the CLI does.

use serde::{Deserialize, Serialize};

use super::cohesion::CohesionIndex;
use super::{Coding, CohesionMeasure, Measure, SeriesOptions, Universe};
use crate::model::{Position, StatementKind, View};

/// What a view's rows record, which decides the meaningful alignment settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DataKind {
    /// Every statement is a roll call ([`StatementKind::ResolutionVote`]): rows record each
    /// voter's yes, no, abstain or absence.
    RollCalls,
    /// Joint statements, letters, declarations (or a mix with roll calls, or no statement at
    /// all): rows are signatures, and an actor without a row did not sign.
    CoSignatures,
}

impl DataKind {
    /// The kind of the view's statements (filters and window included).
    pub fn of(view: &View<'_>) -> Self {
        let ds = view.dataset();
        let mut any = false;
        for s in view.statements() {
            if ds.statement(s).kind != StatementKind::ResolutionVote {
                return DataKind::CoSignatures;
            }
            any = true;
        }
        if any {
            DataKind::RollCalls
        } else {
            DataKind::CoSignatures
        }
    }
}

/// The alignment settings that fit a kind of data, as the CLI and README document them.
///
/// * **Roll calls**: Voeten's yes 1 / abstain 2 / no 3 coding over the recorded votes
///   ([`Universe::Recorded`]), quadratic κ (Häge's FPSIM κ), and the Hix–Noury–Roland agreement
///   index for bloc cohesion.
/// * **Co-signature data**: signed 1 / not signed 0 ([`Coding::cosignature`]) over every
///   statement of the view ([`Universe::AllStatements`]), Jaccard, and the signing share.
///
/// ```
/// use cosignatory::align::{Coding, DataKind, Defaults, Universe};
/// let ds = cosignatory::datasets::joint_statements();
/// let d = Defaults::for_view(&ds.view());
/// assert_eq!(d.kind, DataKind::CoSignatures);
/// assert_eq!((d.coding, &d.universe), (Coding::cosignature(), &Universe::AllStatements));
/// // Recorded rows of co-signature data are signatures only: a documented warning.
/// assert_eq!(d.warnings(&d.coding, &Universe::Recorded).len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Defaults {
    /// The kind of data the defaults are for.
    pub kind: DataKind,
    /// The coding of positions.
    pub coding: Coding,
    /// The items of each actor (never [`Universe::Auto`]).
    pub universe: Universe,
    /// A dyadic measure that is defined under [`Defaults::coding`].
    pub measure: Measure,
    /// The bloc cohesion measure.
    pub cohesion: CohesionMeasure,
}

impl Defaults {
    /// The defaults for a kind of data.
    pub fn for_kind(kind: DataKind) -> Self {
        match kind {
            DataKind::RollCalls => Defaults {
                kind,
                coding: Coding::voeten(),
                universe: Universe::Recorded,
                measure: Measure::KappaQuadratic,
                cohesion: CohesionMeasure::Vote(CohesionIndex::AgreementIndex),
            },
            DataKind::CoSignatures => Defaults {
                kind,
                coding: Coding::cosignature(),
                universe: Universe::AllStatements,
                measure: Measure::Jaccard,
                cohesion: CohesionMeasure::SigningShare,
            },
        }
    }

    /// The defaults for the data of a view ([`DataKind::of`]).
    pub fn for_view(view: &View<'_>) -> Self {
        Defaults::for_kind(DataKind::of(view))
    }

    /// `universe`, with [`Universe::Auto`] replaced by this data's universe.
    pub fn resolve(&self, universe: &Universe) -> Universe {
        match universe {
            Universe::Auto => self.universe.clone(),
            u => u.clone(),
        }
    }

    /// Series settings with these defaults (no bootstrap, default measure options).
    pub fn series_options(&self) -> SeriesOptions {
        SeriesOptions {
            measure: self.measure,
            coding: self.coding,
            universe: self.universe.clone(),
            ..SeriesOptions::default()
        }
    }

    /// What cannot be meaningful about `coding` over `universe` on this kind of data.
    ///
    /// On co-signature data the rows are signatures only. Over [`Universe::Recorded`], or with a
    /// coding that leaves [`Position::Absent`] missing (Voeten's, yes/no), the only items a pair
    /// shares are statements both signed: Jaccard is 1 for every pair of co-signers and the
    /// chance-corrected measures (κ, π, α, S's comparisons) are undefined or constant. The
    /// computation still runs (an explicit choice may be what a replication needs); these
    /// warnings say why its numbers carry no information.
    pub fn warnings(&self, coding: &Coding, universe: &Universe) -> Vec<AlignWarning> {
        if self.kind != DataKind::CoSignatures {
            return Vec::new();
        }
        if self.resolve(universe) == Universe::Recorded {
            vec![AlignWarning::RecordedSignaturesOnly]
        } else if coding.code(Position::Absent).is_none() {
            vec![AlignWarning::NonSignersMissing]
        } else {
            Vec::new()
        }
    }
}

/// A setting that runs but cannot measure alignment on the data (see [`Defaults::warnings`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum AlignWarning {
    /// Universe `recorded` on co-signature data: the recorded rows are signatures only.
    RecordedSignaturesOnly,
    /// A coding that leaves absence missing on co-signature data: non-signers drop out.
    NonSignersMissing,
}

impl std::fmt::Display for AlignWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cause = match self {
            AlignWarning::RecordedSignaturesOnly => {
                "universe `recorded` on co-signature data: the recorded rows are signatures only"
            }
            AlignWarning::NonSignersMissing => {
                "a coding that leaves absence missing on co-signature data drops every non-signer"
            }
        };
        write!(
            f,
            "{cause}, so every joint item is one both actors signed (Jaccard is 1 for every \
             co-signer, chance-corrected measures are undefined); use the co-signature coding \
             over universe `all` or `members:BLOC`"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatasetBuilder, Statement};

    fn d(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn roll_calls_and_joint_statements() {
        let mut b = DatasetBuilder::new();
        b.statement(Statement::new(
            "r1",
            d("2000-01-01"),
            StatementKind::ResolutionVote,
        ))
        .statement(Statement::new(
            "s1",
            d("2001-01-01"),
            StatementKind::JointStatement,
        ))
        .signed_by("r1", ["AAA", "BBB"])
        .signed_by("s1", ["AAA", "BBB"]);
        let ds = b.build().unwrap();
        let votes = ds.view().between(d("2000-01-01"), d("2000-12-31"));
        let roll = Defaults::for_view(&votes);
        assert_eq!(roll.kind, DataKind::RollCalls);
        assert_eq!(roll.coding, Coding::voeten());
        assert_eq!(roll.universe, Universe::Recorded);
        assert_eq!(
            roll.cohesion,
            CohesionMeasure::Vote(CohesionIndex::AgreementIndex)
        );
        assert!(roll.warnings(&roll.coding, &Universe::Auto).is_empty());
        // A mix of roll calls and joint statements is co-signature data, as is an empty view.
        for view in [
            ds.view(),
            ds.view().between(d("2005-01-01"), d("2005-12-31")),
        ] {
            let co = Defaults::for_view(&view);
            assert_eq!(co.kind, DataKind::CoSignatures);
            assert_eq!(co.coding, Coding::cosignature());
            assert_eq!(co.universe, Universe::AllStatements);
            assert_eq!(co.cohesion, CohesionMeasure::SigningShare);
        }
    }

    #[test]
    fn degenerate_settings_warn() {
        let co = Defaults::for_kind(DataKind::CoSignatures);
        assert!(co.warnings(&co.coding, &Universe::Auto).is_empty());
        assert!(
            co.warnings(&co.coding, &Universe::BlocMembers(vec!["EU".into()]))
                .is_empty()
        );
        assert_eq!(
            co.warnings(&Coding::cosignature(), &Universe::Recorded),
            [AlignWarning::RecordedSignaturesOnly]
        );
        assert_eq!(
            co.warnings(&Coding::voeten(), &Universe::AllStatements),
            [AlignWarning::NonSignersMissing]
        );
        let roll = Defaults::for_kind(DataKind::RollCalls);
        assert!(
            roll.warnings(&Coding::yes_no(), &Universe::Recorded)
                .is_empty()
        );
        assert_eq!(roll.resolve(&Universe::Auto), Universe::Recorded);
        assert_eq!(co.resolve(&Universe::Auto), Universe::AllStatements);
        assert_eq!(co.resolve(&Universe::Recorded), Universe::Recorded);
        let options = roll.series_options();
        assert_eq!(
            (options.measure, options.coding, options.bootstrap),
            (Measure::KappaQuadratic, Coding::voeten(), None)
        );
        assert!(
            AlignWarning::NonSignersMissing
                .to_string()
                .contains("universe `all`")
        );
    }
}
