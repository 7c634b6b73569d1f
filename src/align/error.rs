//! Errors of the alignment layer.

use super::Measure;

impl AlignError {
    /// An [`AlignError::InvalidParameter`].
    pub(crate) fn invalid(
        name: &'static str,
        value: impl std::fmt::Display,
        reason: impl Into<String>,
    ) -> Self {
        AlignError::InvalidParameter {
            name,
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}

/// Why an alignment computation could not run.
///
/// Undefined *values* (no joint items, zero expected disagreement) are not errors: they come back as
/// `Score { value: None, .. }`. Errors are reserved for inputs that do not fit together.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AlignError {
    /// A scale must have `min < max` and at most [`MAX_CATEGORIES`](super::MAX_CATEGORIES) codes.
    #[error("invalid scale {min}..={max}: need min < max and at most 8 categories")]
    InvalidScale {
        /// Lowest code.
        min: u8,
        /// Highest code.
        max: u8,
    },
    /// A code lies outside the scale of the table or matrix it was put into.
    #[error("code {code} is outside the scale {min}..={max}")]
    CodeOutOfScale {
        /// The offending code.
        code: u8,
        /// Lowest code of the scale.
        min: u8,
        /// Highest code of the scale.
        max: u8,
    },
    /// Two vectors that describe the same items have different lengths.
    #[error("length mismatch: {what} has {found} entries, expected {expected}")]
    LengthMismatch {
        /// Which input was too short or too long.
        what: &'static str,
        /// The length that was needed.
        expected: usize,
        /// The length that was given.
        found: usize,
    },
    /// An item weight was negative or infinite (NaN means "missing" and is allowed).
    #[error("item {index} has invalid weight {weight}: weights must be finite and >= 0")]
    InvalidWeight {
        /// Item index.
        index: usize,
        /// The weight given.
        weight: f64,
    },
    /// The measure needs a two-category (binary) scale.
    #[error("measure {measure} needs a binary (two-category) scale")]
    NotBinary {
        /// The measure asked for.
        measure: Measure,
    },
    /// The measure is defined on integer item counts and cannot use a weighted table.
    #[error("measure {measure} is not defined on a weighted table")]
    WeightedUnsupported {
        /// The measure asked for.
        measure: Measure,
    },
    /// The measure needs item-level data (e.g. Newman's signer counts), not just a contingency table.
    #[error("measure {measure} needs item-level data, not a contingency table")]
    NeedsItems {
        /// The measure asked for.
        measure: Measure,
    },
    /// Two inputs that must share a scale do not.
    #[error("scale mismatch: {0} and {1}")]
    ScaleMismatch(String, String),
    /// An index (actor or item) is out of range.
    #[error("{what} index {index} out of range (have {len})")]
    OutOfRange {
        /// "actor" or "item".
        what: &'static str,
        /// The index given.
        index: usize,
        /// The number available.
        len: usize,
    },
    /// A parameter is outside its allowed range (e.g. a confidence level of 1.5), with the
    /// same shape and message as [`crate::Error::InvalidParameter`].
    #[error("invalid parameter `{name}` = {value}: {reason}")]
    InvalidParameter {
        /// The parameter name.
        name: &'static str,
        /// The value given.
        value: String,
        /// Why it is invalid.
        reason: String,
    },
}
