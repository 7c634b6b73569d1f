//! How an actor stands on a statement or roll call.

use serde::{Deserialize, Serialize};

/// An actor's position on a statement.
///
/// A signature on a joint statement is [`Position::Yes`]; roll-call votes use all four.
/// `Absent` means the actor was eligible but did not take part; it is *not* a vote.
///
/// ```
/// use cosignatory::model::Position;
/// assert_eq!("abstain".parse::<Position>().unwrap(), Position::Abstain);
/// assert_eq!(Position::No.as_str(), "no");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Signed, or voted yes.
    Yes,
    /// Voted no, or explicitly declined / withdrew a signature.
    No,
    /// Abstained on a roll call.
    Abstain,
    /// Eligible but absent (did not vote).
    Absent,
}

impl Position {
    /// All positions, in declaration order.
    pub const ALL: [Position; 4] = [
        Position::Yes,
        Position::No,
        Position::Abstain,
        Position::Absent,
    ];

    /// The lowercase name used in CSV and JSON files.
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Yes => "yes",
            Position::No => "no",
            Position::Abstain => "abstain",
            Position::Absent => "absent",
        }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of `yes`, `no`, `abstain`, `absent` (case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown position {0:?}: expected yes, no, abstain or absent")]
pub struct ParsePositionError(pub String);

impl std::str::FromStr for Position {
    type Err = ParsePositionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The spellings files use, first (this runs once per signature row).
        match s {
            "yes" => return Ok(Position::Yes),
            "no" => return Ok(Position::No),
            "abstain" => return Ok(Position::Abstain),
            "absent" => return Ok(Position::Absent),
            _ => {}
        }
        // Case-insensitive without a lowercase copy.
        let t = s.trim();
        let is = |names: &[&str]| names.iter().any(|n| t.eq_ignore_ascii_case(n));
        if is(&["yes", "y"]) {
            Ok(Position::Yes)
        } else if is(&["no", "n"]) {
            Ok(Position::No)
        } else if is(&["abstain", "abstention"]) {
            Ok(Position::Abstain)
        } else if is(&["absent"]) {
            Ok(Position::Absent)
        } else {
            Err(ParsePositionError(s.to_string()))
        }
    }
}
