//! Coding schemes: how positions become codes on an ordered scale with a fixed range.

use serde::{Deserialize, Serialize};

use super::AlignError;
use crate::model::Position;

/// The largest number of categories a [`Scale`] may have.
pub const MAX_CATEGORIES: usize = 8;

/// An ordered scale of consecutive integer codes `min..=max`.
///
/// The range Δ = `max − min` belongs to the coding scheme, never to the observed data: a dyad that
/// never used one extreme still has the full Δ (fpsim ≤ 0.1 got this wrong, see the reference §2).
/// Codes are equally spaced, so index distances and value distances coincide.
///
/// ```
/// use cosignatory::align::Scale;
/// assert_eq!(Scale::VOETEN.range(), 2);
/// assert_eq!(Scale::BINARY.categories(), 2);
/// assert!(Scale::new(0, 3).is_ok());
/// assert!(Scale::new(0, 8).is_err()); // nine categories is more than MAX_CATEGORIES
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ScaleRepr", into = "ScaleRepr")]
pub struct Scale {
    min: u8,
    max: u8,
}

#[derive(Serialize, Deserialize)]
struct ScaleRepr {
    min: u8,
    max: u8,
}

impl TryFrom<ScaleRepr> for Scale {
    type Error = AlignError;
    fn try_from(r: ScaleRepr) -> Result<Self, AlignError> {
        Scale::new(r.min, r.max)
    }
}

impl From<Scale> for ScaleRepr {
    fn from(s: Scale) -> Self {
        ScaleRepr {
            min: s.min,
            max: s.max,
        }
    }
}

impl Scale {
    /// Voeten's UN vote coding: 1 yes, 2 abstain, 3 no (Δ = 2).
    pub const VOETEN: Scale = Scale { min: 1, max: 3 };
    /// Binary incidence or yes/no: 0 and 1 (Δ = 1).
    pub const BINARY: Scale = Scale { min: 0, max: 1 };
    /// Valued alliance portfolios, 0 none … 3 defence pact (Δ = 3).
    pub const ALLIANCE: Scale = Scale { min: 0, max: 3 };

    /// The scale of codes `min..=max`.
    ///
    /// # Errors
    /// [`AlignError::InvalidScale`] unless `min < max` and there are at most [`MAX_CATEGORIES`] codes.
    pub fn new(min: u8, max: u8) -> Result<Self, AlignError> {
        if min < max && usize::from(max - min) < MAX_CATEGORIES {
            Ok(Scale { min, max })
        } else {
            Err(AlignError::InvalidScale { min, max })
        }
    }

    /// Lowest code.
    pub fn min(self) -> u8 {
        self.min
    }

    /// Highest code.
    pub fn max(self) -> u8 {
        self.max
    }

    /// Δ = max − min, the largest possible distance between two codes.
    pub fn range(self) -> u8 {
        self.max - self.min
    }

    /// Number of categories K = Δ + 1.
    pub fn categories(self) -> usize {
        usize::from(self.max - self.min) + 1
    }

    /// Whether the scale has exactly two categories.
    pub fn is_binary(self) -> bool {
        self.max - self.min == 1
    }

    /// The 0-based category index of `code`.
    ///
    /// # Errors
    /// [`AlignError::CodeOutOfScale`] if `code` is not in `min..=max`.
    pub fn index(self, code: u8) -> Result<usize, AlignError> {
        if (self.min..=self.max).contains(&code) {
            Ok(usize::from(code - self.min))
        } else {
            Err(AlignError::CodeOutOfScale {
                code,
                min: self.min,
                max: self.max,
            })
        }
    }

    /// The code of the 0-based category index `index` (panics if `index >= categories()`).
    pub fn code(self, index: usize) -> u8 {
        assert!(
            index < self.categories(),
            "category index {index} out of range"
        );
        self.min + index as u8
    }
}

impl std::fmt::Display for Scale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..={}", self.min, self.max)
    }
}

/// Maps a [`Position`] to a code on a [`Scale`], or to `None` (missing).
///
/// Missing items are removed pairwise: an item counts for a dyad only when both actors have a code.
///
/// ```
/// use cosignatory::align::Coding;
/// use cosignatory::model::Position;
///
/// let voeten = Coding::voeten();
/// assert_eq!(voeten.code(Position::Yes), Some(1));
/// assert_eq!(voeten.code(Position::No), Some(3));
/// assert_eq!(voeten.code(Position::Absent), None);
/// // Häge's FPSIM v1 counts absence as abstention.
/// assert_eq!(voeten.with_absent_as_abstain().code(Position::Absent), Some(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "CodingRepr", into = "CodingRepr")]
pub struct Coding {
    scale: Scale,
    yes: Option<u8>,
    no: Option<u8>,
    abstain: Option<u8>,
    absent: Option<u8>,
}

/// Serde form of [`Coding`], validated on the way in.
#[derive(Serialize, Deserialize)]
struct CodingRepr {
    scale: Scale,
    yes: Option<u8>,
    no: Option<u8>,
    abstain: Option<u8>,
    absent: Option<u8>,
}

impl TryFrom<CodingRepr> for Coding {
    type Error = AlignError;
    fn try_from(r: CodingRepr) -> Result<Self, AlignError> {
        Coding::new(r.scale, r.yes, r.no, r.abstain, r.absent)
    }
}

impl From<Coding> for CodingRepr {
    fn from(c: Coding) -> Self {
        let Coding {
            scale,
            yes,
            no,
            abstain,
            absent,
        } = c;
        CodingRepr {
            scale,
            yes,
            no,
            abstain,
            absent,
        }
    }
}

impl Coding {
    /// Voeten's UN coding on [`Scale::VOETEN`]: yes 1, abstain 2, no 3; absent is missing
    /// (as in Voeten's `agree`, Miller's fpsim rebuild and the State Department report).
    pub fn voeten() -> Self {
        Coding {
            scale: Scale::VOETEN,
            yes: Some(1),
            no: Some(3),
            abstain: Some(2),
            absent: None,
        }
    }

    /// Häge's FPSIM v1 convention: [`Coding::voeten`] with absent recoded to abstain.
    pub fn hage_fpsim() -> Self {
        Coding::voeten().with_absent_as_abstain()
    }

    /// Binary yes/no votes on [`Scale::BINARY`]: yes 1, no 0; abstain and absent are missing.
    pub fn yes_no() -> Self {
        Coding {
            scale: Scale::BINARY,
            yes: Some(1),
            no: Some(0),
            abstain: None,
            absent: None,
        }
    }

    /// Binary co-signature incidence on [`Scale::BINARY`]: signed (yes) 1; no, abstain and absent 0.
    ///
    /// A 0 means "eligible and did not sign". An item the actor was not eligible for (a statement of
    /// a forum it does not belong to) must be passed as missing (`None`) by the caller, not as
    /// absent: otherwise every measure that uses joint non-signing (S, κ, φ, PMI, the hypergeometric
    /// p) changes (reference §7, modelling note 1).
    pub fn cosignature() -> Self {
        Coding {
            scale: Scale::BINARY,
            yes: Some(1),
            no: Some(0),
            abstain: Some(0),
            absent: Some(0),
        }
    }

    /// A custom coding; `None` marks a position as missing.
    ///
    /// # Errors
    /// [`AlignError::CodeOutOfScale`] if a code is outside `scale`.
    pub fn new(
        scale: Scale,
        yes: Option<u8>,
        no: Option<u8>,
        abstain: Option<u8>,
        absent: Option<u8>,
    ) -> Result<Self, AlignError> {
        for code in [yes, no, abstain, absent].into_iter().flatten() {
            scale.index(code)?;
        }
        Ok(Coding {
            scale,
            yes,
            no,
            abstain,
            absent,
        })
    }

    /// The same coding with `Absent` recoded to the `Abstain` code (Häge's FPSIM v1:
    /// "Absenteism is equivalent to abstaining"). Not-a-member must still be passed as missing.
    pub fn with_absent_as_abstain(self) -> Self {
        Coding {
            absent: self.abstain,
            ..self
        }
    }

    /// The scale the codes live on.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The code of a position, or `None` if the position counts as missing.
    pub fn code(&self, position: Position) -> Option<u8> {
        match position {
            Position::Yes => self.yes,
            Position::No => self.no,
            Position::Abstain => self.abstain,
            Position::Absent => self.absent,
        }
    }

    /// The code of an optional position: `None` (no record, not eligible) is missing.
    pub fn code_opt(&self, position: Option<Position>) -> Option<u8> {
        position.and_then(|p| self.code(p))
    }

    /// Codes for a sequence of optional positions.
    pub fn codes<I: IntoIterator<Item = Option<Position>>>(&self, positions: I) -> Vec<Option<u8>> {
        positions.into_iter().map(|p| self.code_opt(p)).collect()
    }
}

impl std::fmt::Display for Coding {
    /// The name of a preset (`voeten`, `fpsim`, `yes-no`, `cosignature`), else every code:
    /// `yes=1 no=3 abstain=2 absent=- on 1..=3`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let presets = [
            (Coding::voeten(), "voeten"),
            (Coding::hage_fpsim(), "fpsim"),
            (Coding::yes_no(), "yes-no"),
            (Coding::cosignature(), "cosignature"),
        ];
        if let Some((_, name)) = presets.iter().find(|(c, _)| c == self) {
            return f.write_str(name);
        }
        let code = |c: Option<u8>| c.map_or("-".to_string(), |c| c.to_string());
        write!(
            f,
            "yes={} no={} abstain={} absent={} on {}",
            code(self.yes),
            code(self.no),
            code(self.abstain),
            code(self.absent),
            self.scale
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_limits() {
        assert!(Scale::new(3, 3).is_err());
        assert!(Scale::new(3, 1).is_err());
        assert_eq!(Scale::new(0, 7).unwrap().categories(), 8);
        assert!(Scale::new(0, 8).is_err());
        assert_eq!(Scale::VOETEN.index(3), Ok(2));
        assert!(Scale::VOETEN.index(0).is_err());
        assert!(Scale::VOETEN.index(8).is_err());
        assert_eq!(Scale::VOETEN.code(2), 3);
    }

    #[test]
    fn scale_serde_validates() {
        let s: Scale = serde_json::from_str(r#"{"min":1,"max":3}"#).unwrap();
        assert_eq!(s, Scale::VOETEN);
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"min":1,"max":3}"#);
        assert!(serde_json::from_str::<Scale>(r#"{"min":2,"max":2}"#).is_err());
        let c = Coding::hage_fpsim();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Coding>(&json).unwrap(), c);
        let bad = json.replace(r#""yes":1"#, r#""yes":7"#);
        assert_ne!(bad, json);
        assert!(serde_json::from_str::<Coding>(&bad).is_err());
    }

    #[test]
    fn codings() {
        let v = Coding::voeten();
        assert_eq!(v.code(Position::Abstain), Some(2));
        let h = Coding::hage_fpsim();
        assert_eq!(h.code(Position::Absent), Some(2));
        assert_eq!(h.code(Position::No), Some(3));
        let c = Coding::cosignature();
        assert_eq!(c.code(Position::Yes), Some(1));
        assert_eq!(c.code(Position::Absent), Some(0));
        assert_eq!(c.code_opt(None), None);
        let yn = Coding::yes_no();
        assert_eq!(yn.code(Position::Abstain), None);
        assert_eq!(yn.code(Position::No), Some(0));
        assert!(Coding::new(Scale::BINARY, Some(2), None, None, None).is_err());
        assert_eq!(
            v.codes([Some(Position::Yes), None, Some(Position::Absent)]),
            vec![Some(1), None, None]
        );
    }

    #[test]
    fn names() {
        assert_eq!(Coding::voeten().to_string(), "voeten");
        assert_eq!(Coding::hage_fpsim().to_string(), "fpsim");
        assert_eq!(Coding::yes_no().to_string(), "yes-no");
        assert_eq!(Coding::cosignature().to_string(), "cosignature");
        let custom = Coding::new(Scale::BINARY, Some(1), Some(0), None, Some(0)).unwrap();
        assert_eq!(custom.to_string(), "yes=1 no=0 abstain=- absent=0 on 0..=1");
    }
}
