//! Cheap restricted views of a dataset: date window, filters and bloc mode.

use super::dataset::{ActorIdx, Dataset, StatementIdx};
use super::{Position, StatementKind};
use crate::error::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How a bloc's own signature is counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BlocMode {
    /// The bloc is a node of its own (the EU High Representative signs for "EU").
    #[default]
    AsActor,
    /// The bloc is replaced by its members on the statement's date; those signatures are
    /// marked indirect. A member that also signed directly keeps its direct signature. A bloc
    /// with no known members on that date stays as itself (nothing is dropped). Nested blocs
    /// (the EU in the G7) are expanded recursively.
    Expand,
    /// The bloc stays as a node and its members are added as indirect signatures.
    Both,
}

crate::names::named_enum!(BlocMode, "bloc mode", [
    AsActor => "as-actor" | "actor",
    Expand => "expand" | "expanded",
    Both => "both",
]);

/// A signature as seen through a [`View`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewSignature {
    /// The actor.
    pub actor: ActorIdx,
    /// The position.
    pub position: Position,
    /// The bloc this signature was expanded from; `None` for a direct signature.
    pub via: Option<ActorIdx>,
}

impl ViewSignature {
    /// True when the signature comes from expanding a bloc.
    pub fn is_indirect(&self) -> bool {
        self.via.is_some()
    }
}

/// A dataset restricted to a date window and filters, with a bloc mode.
///
/// Creating and refining a view copies nothing but the filters: statements are date-sorted, so
/// the window is an index range.
///
/// ```
/// use cosignatory::model::{BlocMode, StatementKind};
/// let ds = cosignatory::datasets::joint_statements();
/// let d = |s: &str| s.parse().unwrap();
/// let v = ds.view().between(d("2024-01-01"), d("2024-12-31")).bloc_mode(BlocMode::Expand);
/// let dprk = ds.statement_index("2024-11-05-dprk-troops-russia").unwrap();
/// let sigs = v.signatures(dprk);
/// // 10 foreign ministers + the EU expanded to its 27 members (France, Germany and Italy signed directly).
/// assert_eq!(sigs.len(), 10 + 27 - 3);
/// assert_eq!(sigs.iter().filter(|s| s.is_indirect()).count(), 24);
/// ```
#[derive(Debug, Clone)]
pub struct View<'a> {
    dataset: &'a Dataset,
    range: Range<usize>,
    kinds: Option<Vec<StatementKind>>,
    topics: Option<Vec<String>>,
    actors: Option<Vec<bool>>,
    attribute: Option<(String, String)>,
    bloc_mode: BlocMode,
}

impl<'a> View<'a> {
    pub(crate) fn new(dataset: &'a Dataset) -> Self {
        View {
            dataset,
            range: 0..dataset.statements.len(),
            kinds: None,
            topics: None,
            actors: None,
            attribute: None,
            bloc_mode: BlocMode::AsActor,
        }
    }

    /// The underlying dataset.
    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    /// Restricts to statements dated `from..=to` (intersected with any earlier window); the
    /// same as [`window`](Self::window) with `Window::new(from, to)`. For a side left open,
    /// pass `NaiveDate::MIN` or `NaiveDate::MAX`.
    pub fn between(mut self, from: NaiveDate, to: NaiveDate) -> Self {
        let r = self.dataset.index_range(Some(from), Some(to));
        let lo = self.range.start.max(r.start);
        let hi = self.range.end.min(r.end).max(lo);
        self.range = lo..hi;
        self
    }

    /// Restricts to the statements of a [`Window`](crate::time::Window) (as
    /// [`WindowSpec::windows`](crate::time::WindowSpec::windows) produces them).
    pub fn window(self, window: crate::time::Window) -> Self {
        self.between(window.start, window.end)
    }

    /// Keeps only statements of these kinds.
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = StatementKind>) -> Self {
        self.kinds = Some(kinds.into_iter().collect());
        self
    }

    /// Keeps only statements carrying at least one of these topics.
    pub fn topics<T: Into<String>>(mut self, topics: impl IntoIterator<Item = T>) -> Self {
        self.topics = Some(topics.into_iter().map(Into::into).collect());
        self
    }

    /// Keeps only statements whose attribute `name` is `value` (for UN roll calls, e.g. the
    /// `session` `"70"`); replaces an earlier attribute filter.
    ///
    /// ```
    /// let ds = cosignatory::datasets::joint_statements();
    /// assert!(ds.view().attribute("session", "70").is_empty());
    /// ```
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.attribute = Some((name.into(), value.into()));
        self
    }

    /// Keeps only signatures of these actors (after bloc expansion). Statements stay.
    ///
    /// # Errors
    /// [`Error::UnknownActor`](crate::Error::UnknownActor) naming an id that is not in the dataset.
    pub fn actors<'s>(mut self, ids: impl IntoIterator<Item = &'s str>) -> Result<Self> {
        let mut keep = vec![false; self.dataset.actors.len()];
        for id in ids {
            let i = self.dataset.resolve_actor(id)?;
            keep[i.index()] = true;
        }
        self.actors = Some(keep);
        Ok(self)
    }

    /// Sets the bloc mode.
    pub fn bloc_mode(mut self, mode: BlocMode) -> Self {
        self.bloc_mode = mode;
        self
    }

    /// The bloc mode (set by [`bloc_mode`](Self::bloc_mode); named as `std`'s
    /// `Command::get_current_dir` is beside its builder).
    pub fn get_bloc_mode(&self) -> BlocMode {
        self.bloc_mode
    }

    /// The index range of the date window (before the kind and topic filters).
    pub fn index_range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// Whether a statement passes the kind, topic and attribute filters (the window is not
    /// checked).
    pub fn accepts(&self, s: StatementIdx) -> bool {
        let st = self.dataset.statement(s);
        self.kinds.as_ref().is_none_or(|k| k.contains(&st.kind))
            && self
                .topics
                .as_ref()
                .is_none_or(|t| t.iter().any(|x| st.has_topic(x)))
            && self
                .attribute
                .as_ref()
                .is_none_or(|(name, value)| st.attributes.get(name) == Some(value))
    }

    /// The statements in the view, in date order.
    pub fn statements(&self) -> impl Iterator<Item = StatementIdx> + '_ {
        self.range
            .clone()
            .map(|i| StatementIdx(i as u32))
            .filter(|&s| self.accepts(s))
    }

    /// Number of statements in the view.
    pub fn len(&self) -> usize {
        if self.kinds.is_none() && self.topics.is_none() && self.attribute.is_none() {
            self.range.len()
        } else {
            self.statements().count()
        }
    }

    /// True if the view has no statements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn keeps(&self, a: ActorIdx) -> bool {
        self.actors.as_ref().is_none_or(|k| k[a.index()])
    }

    /// Calls `f` for each signature of a statement as seen through the view's bloc mode and
    /// actor filter, in actor order (direct signatures first for an actor that has both).
    pub fn for_each_signature(&self, s: StatementIdx, mut f: impl FnMut(ViewSignature)) {
        let ds = self.dataset;
        let date = ds.statement(s).date;
        let range = ds.sig_range(s);
        let direct = &ds.sig_actor[range.clone()];
        if self.bloc_mode == BlocMode::AsActor {
            for slot in range {
                let a = ds.sig_actor[slot];
                if self.keeps(a) {
                    f(ViewSignature {
                        actor: a,
                        position: ds.sig_position[slot],
                        via: None,
                    });
                }
            }
            return;
        }
        let mut out: Vec<ViewSignature> = Vec::with_capacity(range.len());
        for slot in range {
            let a = ds.sig_actor[slot];
            let pos = ds.sig_position[slot];
            let members = self.expand(a, date);
            if members.is_empty() || self.bloc_mode == BlocMode::Both {
                out.push(ViewSignature {
                    actor: a,
                    position: pos,
                    via: None,
                });
            }
            for m in members {
                // A member's own signature wins over the one its bloc gave for it.
                if direct.binary_search(&m).is_err() {
                    out.push(ViewSignature {
                        actor: m,
                        position: pos,
                        via: Some(a),
                    });
                }
            }
        }
        out.sort_by_key(|x| (x.actor, x.via.is_some()));
        // Two blocs can both stand for the same member; keep the first.
        out.dedup_by_key(|x| x.actor);
        for x in out {
            if self.keeps(x.actor) {
                f(x);
            }
        }
    }

    /// Members an actor stands for on a date, recursively through nested blocs; empty if none.
    fn expand(&self, bloc: ActorIdx, date: NaiveDate) -> Vec<ActorIdx> {
        let ds = self.dataset;
        let mut out = Vec::new();
        let mut stack = vec![bloc];
        let mut visited = vec![bloc];
        while let Some(b) = stack.pop() {
            for m in ds.members_on(b, date) {
                if visited.contains(&m) {
                    continue;
                }
                visited.push(m);
                if ds.has_members(m) && !ds.members_on(m, date).is_empty() {
                    stack.push(m);
                } else {
                    out.push(m);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The signatures of a statement as seen through the view (see [`View::for_each_signature`]).
    pub fn signatures(&self, s: StatementIdx) -> Vec<ViewSignature> {
        let mut v = Vec::new();
        self.for_each_signature(s, |x| v.push(x));
        v
    }
}
