//! UN membership derived from the votes: from a country's first to its last roll call.

use super::UN_BLOC;
use super::seen::ActorSeen;
use crate::model::{Membership, Origin};
use std::sync::Arc;

/// One `UN` membership per country, from its first to its last roll call (both inclusive),
/// located at the first vote-table line naming it.
pub(crate) fn derived(actors: &[ActorSeen], file: &Arc<str>) -> Vec<(Membership, Origin)> {
    actors
        .iter()
        .map(|a| {
            let m = Membership::new(UN_BLOC, a.id, a.first, Some(a.last));
            let o = Origin {
                file: file.clone(),
                line: a.line,
            };
            (m, o)
        })
        .collect()
}

/// Memberships given by the caller, located as `<memberships>` and their 1-based position.
pub(crate) fn given(list: &[Membership]) -> Vec<(Membership, Origin)> {
    let file: Arc<str> = Arc::from("<memberships>");
    list.iter()
        .enumerate()
        .map(|(i, m)| {
            let o = Origin {
                file: file.clone(),
                line: i as u64 + 1,
            };
            (m.clone(), o)
        })
        .collect()
}
