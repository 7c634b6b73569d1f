//! What a view holds: counts per actor, year and kind, the most active signatories and the
//! blocs (the `summary` command's figures, and the Python package's `Dataset.summary`).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::StatementKind;
use super::dataset::{ActorIdx, Dataset};
use super::view::{BlocMode, View};

/// The figures of [`View::summary`]. Serialises as the JSON of `cosignatory summary`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ViewSummary {
    /// Statements in the view.
    pub statements: usize,
    /// Signatures in the view (after bloc mode and filters).
    pub signatures: usize,
    /// Actors with at least one signature in the view.
    pub actors: usize,
    /// The first statement's date.
    pub first_date: Option<NaiveDate>,
    /// The last statement's date.
    pub last_date: Option<NaiveDate>,
    /// The view's bloc mode.
    pub bloc_mode: BlocMode,
    /// Statements per calendar year.
    pub per_year: BTreeMap<i32, usize>,
    /// Statements per kind (by name).
    pub per_kind: BTreeMap<String, usize>,
    /// Statements per topic (a statement with several topics counts for each); the values
    /// `--topic` can take.
    #[serde(default)]
    pub per_topic: BTreeMap<String, usize>,
    /// The most active actors: most statements first, ties in id order.
    pub top_signatories: Vec<ActorActivity>,
    /// Every bloc of the dataset (actors with members at some time), in id order.
    pub blocs: Vec<BlocActivity>,
}

/// One actor's activity in a view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorActivity {
    /// Actor id.
    pub id: String,
    /// Actor name.
    pub name: String,
    /// Statements it took part in (directly or through a bloc, as the bloc mode says).
    pub statements: usize,
}

/// One bloc's size and activity in a view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlocActivity {
    /// Bloc id.
    pub id: String,
    /// Bloc name.
    pub name: String,
    /// Members on the view's last date (or the dataset's, for an empty view).
    pub members: usize,
    /// Statements the bloc signed as itself.
    pub statements: usize,
}

impl Dataset {
    /// The statement kinds that occur in the data, in their order (`joint_statement`,
    /// `joint_letter`, `declaration`, `resolution_vote`, then other kinds by name): the values
    /// a kind filter can take.
    pub fn statement_kinds(&self) -> Vec<StatementKind> {
        let mut kinds: Vec<StatementKind> =
            self.statements().iter().map(|s| s.kind.clone()).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// The topics that occur in the data, sorted: the values a topic filter can take.
    pub fn topics(&self) -> Vec<&str> {
        let mut topics: Vec<&str> = self
            .statements()
            .iter()
            .flat_map(|s| s.topics.iter().map(String::as_str))
            .collect();
        topics.sort_unstable();
        topics.dedup();
        topics
    }
}

impl View<'_> {
    /// The dates of the view's first and last statements (after its filters); `None` for an
    /// empty view.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let ds = self.dataset();
        let mut dates = self.statements().map(|s| ds.statement(s).date);
        let first = dates.next()?;
        Some((first, dates.last().unwrap_or(first)))
    }

    /// Statements each actor takes part in within the view (after filters and bloc mode),
    /// indexed by [`ActorIdx`]; 0 for actors not in the view.
    ///
    /// ```
    /// let ds = cosignatory::datasets::joint_statements();
    /// let counts = ds.view().actor_counts();
    /// let usa = ds.actor_index("USA").unwrap();
    /// assert!(counts[usa.index()] > 0);
    /// ```
    pub fn actor_counts(&self) -> Vec<usize> {
        self.counts().0
    }

    /// The actors with at least one signature in the view, in id order.
    pub fn active_actors(&self) -> Vec<ActorIdx> {
        active(&self.actor_counts())
    }

    /// The `n` most active actors of the view, most statements first, ties in id order.
    pub fn most_active(&self, n: usize) -> Vec<(ActorIdx, usize)> {
        ranked(&self.actor_counts(), n)
    }

    /// Counts of statements, signatures and actors, per year and kind, the `top` most active
    /// actors and every bloc.
    ///
    /// ```
    /// let ds = cosignatory::datasets::joint_statements();
    /// let s = ds.view().summary(3);
    /// assert_eq!(s.statements, ds.statements().len());
    /// assert_eq!(s.top_signatories.len(), 3);
    /// assert!(s.blocs.iter().any(|b| b.id == "EU"));
    /// ```
    pub fn summary(&self, top: usize) -> ViewSummary {
        let ds = self.dataset();
        let (per_actor, direct, signatures) = self.counts();
        let (mut per_year, mut per_kind) = (BTreeMap::new(), BTreeMap::new());
        let mut per_topic: BTreeMap<String, usize> = BTreeMap::new();
        let mut statements = 0;
        for s in self.statements() {
            let st = ds.statement(s);
            statements += 1;
            *per_year.entry(st.date.year()).or_default() += 1;
            *per_kind.entry(st.kind.to_string()).or_default() += 1;
            for t in &st.topics {
                *per_topic.entry(t.clone()).or_default() += 1;
            }
        }
        let (first_date, last_date) = self.date_range().unzip();
        let activity = |a: ActorIdx, statements: usize| {
            let actor = ds.actor(a);
            ActorActivity {
                id: actor.id.clone(),
                name: actor.name.clone(),
                statements,
            }
        };
        let on = last_date.or(ds.date_range().map(|d| d.1));
        let blocs = (0..ds.actors().len())
            .map(|a| ActorIdx(a as u32))
            .filter(|&b| ds.has_members(b))
            .map(|b| {
                let actor = ds.actor(b);
                BlocActivity {
                    id: actor.id.clone(),
                    name: actor.name.clone(),
                    members: on.map_or(0, |d| ds.members_on(b, d).len()),
                    statements: direct[b.index()],
                }
            })
            .collect();
        ViewSummary {
            statements,
            signatures,
            actors: active(&per_actor).len(),
            first_date,
            last_date,
            bloc_mode: self.get_bloc_mode(),
            per_year,
            per_kind,
            per_topic,
            top_signatories: ranked(&per_actor, top)
                .into_iter()
                .map(|(a, n)| activity(a, n))
                .collect(),
            blocs,
        }
    }

    /// (statements per actor, statements signed directly per actor, signatures).
    fn counts(&self) -> (Vec<usize>, Vec<usize>, usize) {
        let n = self.dataset().actors().len();
        let (mut per_actor, mut direct, mut signatures) = (vec![0; n], vec![0; n], 0);
        for s in self.statements() {
            self.for_each_signature(s, |x| {
                signatures += 1;
                per_actor[x.actor.index()] += 1;
                if x.via.is_none() {
                    direct[x.actor.index()] += 1;
                }
            });
        }
        (per_actor, direct, signatures)
    }
}

fn active(counts: &[usize]) -> Vec<ActorIdx> {
    (0..counts.len())
        .filter(|&a| counts[a] > 0)
        .map(|a| ActorIdx(a as u32))
        .collect()
}

fn ranked(counts: &[usize], n: usize) -> Vec<(ActorIdx, usize)> {
    let mut ranked: Vec<(ActorIdx, usize)> = active(counts)
        .into_iter()
        .map(|a| (a, counts[a.index()]))
        .collect();
    // Most statements first; ties in id order (actors are sorted by id).
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    ranked.truncate(n);
    ranked
}
