//! Actors: countries, blocs, organizations and persons.

use serde::{Deserialize, Serialize};

/// What kind of actor signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActorKind {
    /// A state, identified by its ISO 3166-1 alpha-3 code (Kosovo = XKX).
    Country,
    /// A group of states with members over time (EU, G7, NATO, BRICS, ...).
    Bloc,
    /// An international organization that signs as itself.
    Organization,
    /// A person signing in their own name.
    Person,
}

crate::names::named_enum!(ActorKind, "actor kind", [
    Country => "country" | "state",
    Bloc => "bloc",
    Organization => "organization" | "organisation",
    Person => "person",
]);

impl ActorKind {
    /// The lowercase name used in files (same as [`name`](Self::name)).
    pub fn as_str(self) -> &'static str {
        self.name()
    }
}

/// A node of the co-signature graph.
///
/// ```
/// use cosignatory::model::{Actor, ActorKind};
/// let kor = Actor::new("KOR", "South Korea", ActorKind::Country);
/// assert_eq!(kor.id, "KOR");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// Stable identifier (ISO 3166-1 alpha-3 for countries; `EU`, `NATO`, ... for blocs).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of actor.
    pub kind: ActorKind,
}

impl Actor {
    /// An actor with the given id, name and kind.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: ActorKind) -> Self {
        Actor {
            id: id.into(),
            name: name.into(),
            kind,
        }
    }

    /// The kind assumed for an actor that appears without an actors file: `Bloc` if it has
    /// members, `Country` for three upper-case letters (an ISO alpha-3 code), else `Organization`.
    pub fn inferred_kind(id: &str, has_members: bool) -> ActorKind {
        if has_members {
            ActorKind::Bloc
        } else if id.len() == 3 && id.bytes().all(|b| b.is_ascii_uppercase()) {
            ActorKind::Country
        } else {
            ActorKind::Organization
        }
    }
}
