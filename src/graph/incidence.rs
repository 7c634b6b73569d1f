//! The actor × statement incidence of a view, compressed both ways.

use crate::error::{Error, Result};
use crate::group::group_by_key;
use crate::model::{ActorIdx, Position, StatementIdx, View};
use crate::time::Decay;
use serde::{Deserialize, Serialize};

/// Which positions link actors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Linking {
    /// Co-signature: actors who both signed (position `yes`). Other positions are ignored.
    #[default]
    Signatures,
    /// Roll calls: actors who voted the same way (yes–yes, no–no, abstain–abstain) act
    /// together; absent actors take no part. With a signed projection, yes against no is
    /// acting against each other.
    SameVote,
}

/// Options for building an [`Incidence`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidenceOptions {
    /// Which positions link actors.
    pub linking: Linking,
    /// Exponential decay of statement weights, if any.
    pub decay: Option<Decay>,
    /// Per-statement weights indexed by the dataset's statement index (default 1).
    pub statement_weights: Option<Vec<f64>>,
}

/// The statements of a view as "events": each has participants split into sides (the
/// position) and a weight. Stored statement-major (CSR) with an actor-major index.
///
/// Built once per view; projections and measures read it without touching strings.
#[derive(Debug, Clone)]
pub struct Incidence {
    pub(crate) n_actors: usize,
    pub(crate) statements: Vec<StatementIdx>,
    pub(crate) weight: Vec<f64>,
    pub(crate) start: Vec<u32>,
    pub(crate) actor: Vec<u32>,
    pub(crate) side: Vec<u8>,
    pub(crate) actor_start: Vec<u32>,
    pub(crate) actor_events: Vec<u32>,
    /// For each statement with an opposing statement in the view: (this event, opposed event).
    pub(crate) oppositions: Vec<(u32, u32)>,
}

impl Incidence {
    /// The incidence of a view.
    ///
    /// ```
    /// use cosignatory::graph::{Incidence, IncidenceOptions};
    /// let ds = cosignatory::datasets::joint_statements();
    /// let inc = Incidence::from_view(&ds.view(), &IncidenceOptions::default()).unwrap();
    /// assert_eq!(inc.num_statements(), 41);
    /// assert_eq!(inc.num_links(), 852); // 854 signatures, 2 of them explicit "no"
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if statement weights have the wrong length or a negative
    /// or non-finite value.
    pub fn from_view(view: &View<'_>, options: &IncidenceOptions) -> Result<Self> {
        let ds = view.dataset();
        if let Some(w) = &options.statement_weights {
            if w.len() != ds.statements().len() {
                return Err(Error::InvalidParameter {
                    name: "statement_weights",
                    value: format!("{} weights", w.len()),
                    reason: format!("the dataset has {} statements", ds.statements().len()),
                });
            }
            if let Some(bad) = w.iter().find(|x| !(x.is_finite() && **x >= 0.0)) {
                return Err(Error::InvalidParameter {
                    name: "statement_weights",
                    value: bad.to_string(),
                    reason: "weights must be finite and non-negative".into(),
                });
            }
        }
        let n_actors = ds.actors().len();
        let mut inc = Incidence {
            n_actors,
            statements: Vec::new(),
            weight: Vec::new(),
            start: vec![0],
            actor: Vec::new(),
            side: Vec::new(),
            actor_start: Vec::new(),
            actor_events: Vec::new(),
            oppositions: Vec::new(),
        };
        // The view's signatures bound the links unless blocs expand into members.
        let range = view.index_range();
        let links = (ds.sig_start[range.end] - ds.sig_start[range.start]) as usize;
        inc.actor.reserve(links);
        inc.side.reserve(links);
        inc.statements.reserve(range.len());
        inc.weight.reserve(range.len());
        inc.start.reserve(range.len());
        let mut event_of = vec![u32::MAX; ds.statements().len()];
        for s in view.statements() {
            let date = ds.statement(s).date;
            let mut w = options
                .statement_weights
                .as_ref()
                .map_or(1.0, |v| v[s.index()]);
            if let Some(d) = &options.decay {
                w *= d.weight(date);
            }
            view.for_each_signature(s, |sig| {
                let side = match (options.linking, sig.position) {
                    (Linking::Signatures, Position::Yes) => Some(0),
                    (Linking::Signatures, _) => None,
                    (Linking::SameVote, Position::Yes) => Some(0),
                    (Linking::SameVote, Position::No) => Some(1),
                    (Linking::SameVote, Position::Abstain) => Some(2),
                    (Linking::SameVote, Position::Absent) => None,
                };
                if let Some(side) = side {
                    inc.actor.push(sig.actor.0);
                    inc.side.push(side);
                }
            });
            event_of[s.index()] = inc.statements.len() as u32;
            inc.statements.push(s);
            inc.weight.push(w);
            inc.start.push(inc.actor.len() as u32);
        }
        for (e, &s) in inc.statements.iter().enumerate() {
            if let Some(t) = ds.opposes(s)
                && event_of[t.index()] != u32::MAX
            {
                inc.oppositions.push((e as u32, event_of[t.index()]));
            }
        }
        // Actor-major index: events of each actor, in event (date) order.
        let links = (0..inc.statements.len()).flat_map(|e| {
            let slots = inc.start[e] as usize..inc.start[e + 1] as usize;
            inc.actor[slots]
                .iter()
                .map(move |&a| (a as usize, e as u32))
        });
        (inc.actor_start, inc.actor_events) = group_by_key(n_actors, links);
        Ok(inc)
    }

    /// Number of statements (events).
    pub fn num_statements(&self) -> usize {
        self.statements.len()
    }

    /// Number of actor–statement links.
    pub fn num_links(&self) -> usize {
        self.actor.len()
    }

    /// The dataset index of event `e`.
    pub fn statement(&self, e: usize) -> StatementIdx {
        self.statements[e]
    }

    /// The weight of event `e` (statement weight × decay).
    pub fn weight(&self, e: usize) -> f64 {
        self.weight[e]
    }

    /// The participants of event `e` with their side (0 = yes, 1 = no, 2 = abstain).
    pub fn participants(&self, e: usize) -> impl ExactSizeIterator<Item = (ActorIdx, u8)> + '_ {
        let r = self.start[e] as usize..self.start[e + 1] as usize;
        self.actor[r.clone()]
            .iter()
            .zip(&self.side[r])
            .map(|(&a, &s)| (ActorIdx(a), s))
    }

    /// The events actor `a` takes part in, in event order.
    pub(crate) fn events_of(&self, a: usize) -> &[u32] {
        &self.actor_events[self.actor_start[a] as usize..self.actor_start[a + 1] as usize]
    }

    /// Number of statements actor `a` takes part in.
    pub fn degree(&self, a: ActorIdx) -> usize {
        self.events_of(a.index()).len()
    }
}
