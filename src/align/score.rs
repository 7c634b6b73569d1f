//! The result type shared by every measure, and the options that change undefined cases.

use serde::{Deserialize, Serialize};

/// A measure's value together with N, the number of joint items it was computed on.
///
/// `value` is `None` when the measure is undefined for the data (no joint items, zero expected
/// disagreement, an empty marginal, …). It is never NaN.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// The score, or `None` where the measure is undefined.
    pub value: Option<f64>,
    /// Number of joint items (both positions valid) behind the score.
    pub n: u32,
}

impl Score {
    /// A score, with non-finite values mapped to `None` so that NaN can never escape.
    pub fn new(value: Option<f64>, n: u32) -> Self {
        Score {
            value: value.filter(|v| v.is_finite()),
            n,
        }
    }

    /// An undefined score on `n` joint items.
    pub fn undefined(n: u32) -> Self {
        Score { value: None, n }
    }
}

/// What chance-corrected indices report when the expected disagreement D_e is zero.
///
/// D_e = 0 happens when both actors used one and the same category on every joint item. Then
/// κ = π = 0/0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ZeroExpected {
    /// Report the index as undefined (`None`), as scikit-learn does (NaN there).
    #[default]
    Undefined,
    /// Häge's FPSIM convention: Cohen's κ and Scott's π are 0 (`replace kappavv = 0 if
    /// denomkappavv == 0`). Applies to every κ and π variant, not to Krippendorff's α.
    FpsimZero,
}

/// Options for computing measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Options {
    /// Convention for D_e = 0 in κ and π.
    pub zero_expected: ZeroExpected,
}

impl Options {
    /// The default options with Häge's FPSIM convention κ = π = 0 when D_e = 0.
    pub fn fpsim() -> Self {
        Options {
            zero_expected: ZeroExpected::FpsimZero,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_nan() {
        assert_eq!(Score::new(Some(f64::NAN), 3), Score::undefined(3));
        assert_eq!(Score::new(Some(f64::INFINITY), 3).value, None);
        assert_eq!(Score::new(Some(0.5), 3).value, Some(0.5));
    }

    #[test]
    fn serde_shape() {
        let s = serde_json::to_string(&Score { value: None, n: 0 }).unwrap();
        assert_eq!(s, r#"{"value":null,"n":0}"#);
        let o: Options = serde_json::from_str(r#"{"zero_expected":"fpsim-zero"}"#).unwrap();
        assert_eq!(o, Options::fpsim());
    }
}
