//! Ids that come in from users (options, command lines, Python calls) resolved against a
//! dataset, with one "did you mean" ranking shared with the readers' located problems.

use super::dataset::{ActorIdx, Dataset};
use crate::error::{Error, Result};

/// Ids longer than this get no suggestions: ranking costs time quadratic in the length, and
/// an id this long is not a typo of a short one.
const MAX_SUGGESTED_LEN: usize = 64;

/// The closest known ids to `wanted`, best first, at most three: an id equal but for ASCII
/// case first, then ids (or names) within an edit distance of `max(2, len / 3)`
/// (case-insensitive; a swapped pair of letters counts as one edit), ties broken by having
/// the same letters and then by id.
pub(crate) fn closest<'a>(
    wanted: &str,
    known: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) -> Vec<String> {
    let key = wanted.to_lowercase();
    let len = key.chars().count();
    if len > MAX_SUGGESTED_LEN {
        return Vec::new();
    }
    let limit = (len / 3).max(2);
    let letters = |s: &str| {
        let mut l: Vec<char> = s.to_lowercase().chars().collect();
        l.sort_unstable();
        l
    };
    let wanted_letters = letters(wanted);
    let distance = |candidate: &str| {
        let c = candidate.to_lowercase();
        // Cheap early exit: the distance is at least the difference in length.
        if c.chars().count().abs_diff(len) > limit {
            return None;
        }
        let d = strsim::osa_distance(&key, &c);
        (d <= limit).then_some(d)
    };
    let mut scored: Vec<(usize, bool, &str)> = Vec::new();
    for (id, name) in known {
        // A case slip (`usa`) is the most common typo: say that one alone.
        if id.to_lowercase() == key {
            return vec![id.to_string()];
        }
        let by_name = name.and_then(distance);
        let Some(d) = [distance(id), by_name].into_iter().flatten().min() else {
            continue;
        };
        scored.push((d, letters(id) != wanted_letters, id));
    }
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, id)| id.to_string())
        .collect()
}

impl Dataset {
    /// The index of the actor with this id, or [`Error::UnknownActor`] with the closest known
    /// ids (by id or name) as suggestions. Every place that takes an actor id from a user
    /// goes through here.
    ///
    /// ```
    /// let ds = cosignatory::datasets::joint_statements();
    /// assert_eq!(ds.actor(ds.resolve_actor("USA").unwrap()).name, "United States");
    /// let e = ds.resolve_actor("usa").unwrap_err();
    /// assert!(e.to_string().contains("did you mean USA?"), "{e}");
    /// ```
    ///
    /// # Errors
    /// [`Error::UnknownActor`].
    pub fn resolve_actor(&self, id: &str) -> Result<ActorIdx> {
        self.actor_index(id).ok_or_else(|| Error::UnknownActor {
            id: id.to_string(),
            suggestions: closest(
                id,
                self.actors()
                    .iter()
                    .map(|a| (a.id.as_str(), Some(a.name.as_str()))),
            ),
            known: self.actors().len(),
        })
    }

    /// As [`resolve_actor`](Self::resolve_actor), for an actor that must be a bloc (have
    /// members at some time).
    ///
    /// # Errors
    /// [`Error::UnknownActor`], or [`Error::NotABloc`] for an actor without members.
    pub fn resolve_bloc(&self, id: &str) -> Result<ActorIdx> {
        let b = self.resolve_actor(id)?;
        if self.has_members(b) {
            Ok(b)
        } else {
            Err(Error::NotABloc { id: id.to_string() })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids<'a>(list: &'a [&'a str]) -> impl Iterator<Item = (&'a str, Option<&'a str>)> {
        list.iter().map(|&s| (s, None))
    }

    #[test]
    fn swaps_case_slips_and_names() {
        let known = ["GBR", "GRC", "USA", "KOR"];
        assert_eq!(closest("GRB", ids(&known))[0], "GBR");
        assert_eq!(closest("KRO", ids(&known))[0], "KOR");
        assert_eq!(closest("usa", ids(&known)), vec!["USA"]);
        let named = [
            ("USA", Some("United States")),
            ("GBR", Some("United Kingdom")),
        ];
        assert_eq!(closest("united state", named.into_iter()), vec!["USA"]);
    }

    #[test]
    fn long_ids_are_not_ranked() {
        // Past the cap no distance is computed at all (the cost was quadratic in the length);
        // just under it, ranking still works.
        let long = "X".repeat(100_000);
        assert!(closest(&long, ids(&[long.as_str(), "USA"])).is_empty());
        let near = "A".repeat(MAX_SUGGESTED_LEN);
        let typo = format!("{}B", &near[1..]);
        assert_eq!(closest(&typo, ids(&[near.as_str()])), vec![near.clone()]);
    }

    #[test]
    fn unknown_bloc_and_non_bloc() {
        let ds = crate::datasets::joint_statements();
        assert!(ds.resolve_bloc("EU").is_ok());
        assert!(matches!(
            ds.resolve_bloc("USA"),
            Err(Error::NotABloc { .. })
        ));
        let e = ds.resolve_actor("GRB").unwrap_err().to_string();
        assert!(e.contains("unknown actor `GRB` (did you mean GBR"), "{e}");
    }
}
