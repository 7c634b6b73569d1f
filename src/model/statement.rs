//! Statements: joint statements, letters, declarations and roll-call votes.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// What kind of text or vote a statement is.
///
/// Kinds outside the known set are kept verbatim in [`StatementKind::Other`].
///
/// ```
/// use cosignatory::model::StatementKind;
/// assert_eq!("joint_letter".parse::<StatementKind>().unwrap(), StatementKind::JointLetter);
/// assert_eq!("communique".parse::<StatementKind>().unwrap().as_str(), "communique");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum StatementKind {
    /// A joint statement.
    JointStatement,
    /// A joint letter.
    JointLetter,
    /// A declaration (summit or ministerial).
    Declaration,
    /// A recorded vote on a resolution (UN General Assembly roll call, ...).
    ResolutionVote,
    /// Any other kind, as written in the input (lower-case).
    Other(String),
}

impl StatementKind {
    /// The name used in files.
    pub fn as_str(&self) -> &str {
        match self {
            StatementKind::JointStatement => "joint_statement",
            StatementKind::JointLetter => "joint_letter",
            StatementKind::Declaration => "declaration",
            StatementKind::ResolutionVote => "resolution_vote",
            StatementKind::Other(s) => s,
        }
    }

    /// The kind named exactly as files name it (`joint_statement`, ...), from the bytes of a
    /// field (no UTF-8 check, no allocation: this runs once per statement row); `None` for
    /// any other text, which [`FromStr`](std::str::FromStr) then reads.
    pub(crate) fn from_file_name(name: &[u8]) -> Option<StatementKind> {
        match name {
            b"joint_statement" => Some(StatementKind::JointStatement),
            b"joint_letter" => Some(StatementKind::JointLetter),
            b"declaration" => Some(StatementKind::Declaration),
            b"resolution_vote" => Some(StatementKind::ResolutionVote),
            _ => None,
        }
    }
}

impl std::fmt::Display for StatementKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for StatementKind {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The names files use, without the copies below.
        if let Some(kind) = StatementKind::from_file_name(s.as_bytes()) {
            return Ok(kind);
        }
        let s = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Ok(match s.as_str() {
            "joint_statement" => StatementKind::JointStatement,
            "joint_letter" => StatementKind::JointLetter,
            "declaration" => StatementKind::Declaration,
            "resolution_vote" | "roll_call" => StatementKind::ResolutionVote,
            _ => StatementKind::Other(s),
        })
    }
}

impl Serialize for StatementKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StatementKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(s.parse()
            .unwrap_or_else(|e: std::convert::Infallible| match e {}))
    }
}

/// One joint statement, letter, declaration or roll call.
///
/// ```
/// use cosignatory::model::{Statement, StatementKind};
/// use chrono::NaiveDate;
/// let s = Statement::new("dprk", NaiveDate::from_ymd_opt(2024, 11, 5).unwrap(), StatementKind::JointStatement)
///     .with_title("Joint statement on DPRK troops in Russia")
///     .with_topics(["dprk", "ukraine"]);
/// assert_eq!(s.topics, vec!["dprk", "ukraine"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Unique identifier.
    pub id: String,
    /// Date of release or signature (for a roll call: the vote).
    pub date: NaiveDate,
    /// Title (may be empty).
    #[serde(default)]
    pub title: String,
    /// Kind of statement.
    pub kind: StatementKind,
    /// Topic tags (in CSV: one field, separated by `;`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// Where the text or signatory list was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The id of a statement this one answers or opposes (a counter-letter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opposes: Option<String>,
    /// Source-specific attributes (for UN roll calls: `session`, `unres`, `important`, ...).
    /// In CSV these are the columns named `attr.NAME`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl Statement {
    /// A statement with an id, a date and a kind; everything else empty.
    pub fn new(id: impl Into<String>, date: NaiveDate, kind: StatementKind) -> Self {
        Statement {
            id: id.into(),
            date,
            title: String::new(),
            kind,
            topics: Vec::new(),
            source: None,
            opposes: None,
            attributes: BTreeMap::new(),
        }
    }

    /// Sets the title.
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Sets the topics.
    pub fn with_topics<I, T>(mut self, topics: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.topics = topics.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the source URL.
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Marks this statement as opposing (answering) another one.
    pub fn opposing(mut self, other: impl Into<String>) -> Self {
        self.opposes = Some(other.into());
        self
    }

    /// Whether the statement carries the topic.
    pub fn has_topic(&self, topic: &str) -> bool {
        self.topics.iter().any(|t| t == topic)
    }
}
