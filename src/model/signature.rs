//! Signatures (or votes) and bloc memberships.

use super::Position;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An actor's position on one statement.
///
/// ```
/// use cosignatory::model::{Position, Signature};
/// let s = Signature::new("2024-11-05-dprk-troops-russia", "KOR", Position::Yes).with_role("foreign_minister");
/// assert_eq!(s.role.as_deref(), Some("foreign_minister"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The statement id.
    pub statement: String,
    /// The actor id.
    pub actor: String,
    /// The position (a signature is `yes`).
    pub position: Position,
    /// Who signed for the actor (foreign_minister, head_of_state_or_government, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The day a late signatory joined, when it joined after the statement's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<NaiveDate>,
}

impl Signature {
    /// A signature without role or joining date.
    pub fn new(statement: impl Into<String>, actor: impl Into<String>, position: Position) -> Self {
        Signature {
            statement: statement.into(),
            actor: actor.into(),
            position,
            role: None,
            joined: None,
        }
    }

    /// Sets the role.
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// Sets the joining date of a late signatory.
    pub fn joined_on(mut self, date: NaiveDate) -> Self {
        self.joined = Some(date);
        self
    }
}

/// Membership of an actor in a bloc, from its first to its last day (both inclusive).
///
/// ```
/// use cosignatory::model::Membership;
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let uk = Membership::new("EU", "GBR", d(1973, 1, 1), Some(d(2020, 1, 31)));
/// assert!(uk.contains(d(2020, 1, 31)));
/// assert!(!uk.contains(d(2020, 2, 1)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The bloc id.
    pub bloc: String,
    /// The member id.
    pub member: String,
    /// First day of membership.
    pub from: NaiveDate,
    /// Last day of membership; `None` while it lasts.
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl Membership {
    /// A membership interval.
    pub fn new(
        bloc: impl Into<String>,
        member: impl Into<String>,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> Self {
        Membership {
            bloc: bloc.into(),
            member: member.into(),
            from,
            to,
        }
    }

    /// Whether the member belongs to the bloc on `date`.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}
