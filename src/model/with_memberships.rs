//! Attaching bloc memberships to a dataset that lacks them (UN roll calls, a folder without
//! `memberships.csv`).

use super::{Actor, Dataset, DatasetDocument, Membership};
use crate::error::Result;

impl Dataset {
    /// This dataset with `memberships` added. Blocs and members that are not actors of the
    /// dataset are added (named by their id; blocs of kind `bloc`). The result goes through
    /// the same validation as any input, so overlapping or inverted intervals are reported.
    ///
    /// ```
    /// use cosignatory::model::Membership;
    /// let ds = cosignatory::datasets::joint_statements();
    /// let d = |s: &str| s.parse().unwrap();
    /// let with = ds.with_memberships(&[Membership::new("AUKUS2", "AUS", d("2021-09-15"), None)]).unwrap();
    /// let bloc = with.actor_index("AUKUS2").unwrap();
    /// assert_eq!(with.members_on(bloc, d("2022-01-01")).len(), 1);
    /// ```
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) with the problems of the memberships.
    pub fn with_memberships(&self, memberships: &[Membership]) -> Result<Dataset> {
        let mut doc = DatasetDocument::from(self);
        for m in memberships {
            for (id, is_bloc) in [(&m.bloc, true), (&m.member, false)] {
                if self.actor_index(id).is_none() && !doc.actors.iter().any(|a| &a.id == id) {
                    doc.actors.push(Actor::new(
                        id.as_str(),
                        id.as_str(),
                        Actor::inferred_kind(id, is_bloc),
                    ));
                }
            }
            doc.memberships.push(m.clone());
        }
        doc.into_builder().build()
    }
}
