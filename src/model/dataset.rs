//! The interned, validated dataset.

use super::columns::{JoinedColumn, RoleColumn};
use super::{Actor, Membership, Position, Signature, Statement, View};
use crate::group::group_by_key;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Dense index of an actor in a [`Dataset`] (actors are sorted by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ActorIdx(pub u32);

/// Dense index of a statement in a [`Dataset`] (statements are sorted by date, then id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StatementIdx(pub u32);

impl ActorIdx {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl StatementIdx {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One signature of a statement, as stored in a [`Dataset`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureRef<'a> {
    /// The statement.
    pub statement: StatementIdx,
    /// The actor.
    pub actor: ActorIdx,
    /// The position.
    pub position: Position,
    /// Who signed for the actor.
    pub role: Option<&'a str>,
    /// Joining date of a late signatory.
    pub joined: Option<NaiveDate>,
}

/// A membership interval with interned ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberSpan {
    /// The bloc.
    pub bloc: ActorIdx,
    /// The member.
    pub member: ActorIdx,
    /// First day (inclusive).
    pub from: NaiveDate,
    /// Last day (inclusive), `None` while it lasts.
    pub to: Option<NaiveDate>,
}

impl MemberSpan {
    /// Whether the membership holds on `date`.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// Everything known: actors, statements, signatures and bloc memberships.
///
/// Built by [`DatasetBuilder`](super::DatasetBuilder), by the readers in [`crate::io`], or
/// from bundled data ([`crate::datasets`]). Ids are interned to dense indices: actors are
/// sorted by id and statements by date (then id), so a date window is a contiguous range of
/// statements. Signatures are stored compressed both ways (statement → actors and actor →
/// statements). A `Dataset` is validated on construction and immutable afterwards.
///
/// ```
/// use cosignatory::model::{DatasetBuilder, Position, Signature, Statement, StatementKind};
/// use chrono::NaiveDate;
/// let day = NaiveDate::from_ymd_opt(2024, 11, 5).unwrap();
/// let mut b = DatasetBuilder::new();
/// b.statement(Statement::new("s1", day, StatementKind::JointStatement));
/// for a in ["USA", "KOR", "JPN"] {
///     b.signature(Signature::new("s1", a, Position::Yes));
/// }
/// let ds = b.build().unwrap();
/// assert_eq!(ds.actors().len(), 3);
/// assert_eq!(ds.actors()[0].id, "JPN"); // sorted by id
/// assert_eq!(ds.num_signatures(), 3);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub(crate) actors: Vec<Actor>,
    pub(crate) statements: Vec<Statement>,
    /// Statement indices sorted by id (ids are looked up by binary search: a hash map of
    /// every id would cost about 70 bytes a statement, estimated from the field sizes).
    pub(crate) statements_by_id: Vec<u32>,
    pub(crate) opposes: Vec<Option<StatementIdx>>,
    pub(crate) sig_start: Vec<u32>,
    pub(crate) sig_actor: Vec<ActorIdx>,
    pub(crate) sig_position: Vec<Position>,
    pub(crate) sig_role: RoleColumn,
    pub(crate) sig_joined: JoinedColumn,
    pub(crate) actor_start: Vec<u32>,
    pub(crate) actor_sigs: Vec<u32>,
    /// Sorted by (bloc, member, from).
    pub(crate) spans: Vec<MemberSpan>,
    /// `spans[bloc_start[b]..bloc_start[b + 1]]` are the spans of bloc `b`.
    pub(crate) bloc_start: Vec<u32>,
}

/// The actor with this id, by binary search (actors are sorted by id).
pub(crate) fn find_actor(actors: &[Actor], id: &str) -> Option<ActorIdx> {
    actors
        .binary_search_by(|a| a.id.as_str().cmp(id))
        .ok()
        .map(|i| ActorIdx(i as u32))
}

/// Statement indices sorted by id.
pub(crate) fn sorted_by_id(statements: &[Statement]) -> Vec<u32> {
    let mut by_id: Vec<u32> = (0..statements.len() as u32).collect();
    // Ids are unique, so an unstable sort is deterministic.
    by_id.sort_unstable_by(|&a, &b| statements[a as usize].id.cmp(&statements[b as usize].id));
    by_id
}

/// The statement with this id, by binary search in `by_id` (from [`sorted_by_id`]).
pub(crate) fn find_statement(
    statements: &[Statement],
    by_id: &[u32],
    id: &str,
) -> Option<StatementIdx> {
    by_id
        .binary_search_by(|&i| statements[i as usize].id.as_str().cmp(id))
        .ok()
        .map(|pos| StatementIdx(by_id[pos]))
}

/// The actor-major index of a statement-major signature list: `(actor_start, actor_sigs)`
/// where `actor_sigs[actor_start[a]..actor_start[a + 1]]` are the slots of actor `a`, in slot
/// (hence date) order.
fn actor_major_index(n_actors: usize, sig_actor: &[ActorIdx]) -> (Vec<u32>, Vec<u32>) {
    let entries = sig_actor.iter().enumerate();
    group_by_key(n_actors, entries.map(|(slot, a)| (a.index(), slot as u32)))
}

impl Dataset {
    /// Replaces the signatures with statement-major columns (`start[s]..start[s + 1]` are the
    /// slots of statement `s`) and derives the actor-major index from them. For the paths that
    /// fill a dataset without per-record validation (the UN importer, the generator, shuffles).
    pub(crate) fn set_signatures(
        &mut self,
        start: Vec<u32>,
        actor: Vec<ActorIdx>,
        position: Vec<Position>,
        role: RoleColumn,
        joined: JoinedColumn,
    ) {
        let (actor_start, actor_sigs) = actor_major_index(self.actors.len(), &actor);
        self.sig_start = start;
        self.sig_actor = actor;
        self.sig_position = position;
        self.sig_role = role;
        self.sig_joined = joined;
        self.actor_start = actor_start;
        self.actor_sigs = actor_sigs;
    }

    /// All actors, sorted by id.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor at an index.
    ///
    /// # Panics
    /// If the index is not from this dataset.
    pub fn actor(&self, idx: ActorIdx) -> &Actor {
        &self.actors[idx.index()]
    }

    /// The index of the actor with this id.
    pub fn actor_index(&self, id: &str) -> Option<ActorIdx> {
        find_actor(&self.actors, id)
    }

    /// The actor with this id.
    pub fn actor_by_id(&self, id: &str) -> Option<&Actor> {
        self.actor_index(id).map(|i| self.actor(i))
    }

    /// All statements, sorted by date, then id.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The statement at an index.
    ///
    /// # Panics
    /// If the index is not from this dataset.
    pub fn statement(&self, idx: StatementIdx) -> &Statement {
        &self.statements[idx.index()]
    }

    /// The index of the statement with this id.
    pub fn statement_index(&self, id: &str) -> Option<StatementIdx> {
        find_statement(&self.statements, &self.statements_by_id, id)
    }

    /// The statement with this id.
    pub fn statement_by_id(&self, id: &str) -> Option<&Statement> {
        self.statement_index(id).map(|i| self.statement(i))
    }

    /// The statement that `idx` opposes (answers), if any.
    pub fn opposes(&self, idx: StatementIdx) -> Option<StatementIdx> {
        self.opposes[idx.index()]
    }

    /// Number of signatures (all positions).
    pub fn num_signatures(&self) -> usize {
        self.sig_actor.len()
    }

    /// True if there are no statements.
    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    fn sig_ref(&self, slot: usize, statement: StatementIdx) -> SignatureRef<'_> {
        SignatureRef {
            statement,
            actor: self.sig_actor[slot],
            position: self.sig_position[slot],
            role: self.sig_role.get(slot),
            joined: self.sig_joined.get(slot),
        }
    }

    /// The signatures of a statement, sorted by actor.
    pub fn signatures_of(
        &self,
        statement: StatementIdx,
    ) -> impl ExactSizeIterator<Item = SignatureRef<'_>> + '_ {
        let r = self.sig_range(statement);
        r.map(move |slot| self.sig_ref(slot, statement))
    }

    pub(crate) fn sig_range(&self, statement: StatementIdx) -> Range<usize> {
        self.sig_start[statement.index()] as usize..self.sig_start[statement.index() + 1] as usize
    }

    /// The signatures of an actor, sorted by statement (hence by date).
    pub fn signatures_by(
        &self,
        actor: ActorIdx,
    ) -> impl ExactSizeIterator<Item = SignatureRef<'_>> + '_ {
        let a = actor.index();
        let slots =
            &self.actor_sigs[self.actor_start[a] as usize..self.actor_start[a + 1] as usize];
        slots.iter().map(move |&slot| {
            let slot = slot as usize;
            // The statement of a slot is found by binary search in the CSR offsets.
            let s = self
                .sig_start
                .partition_point(|&start| start as usize <= slot)
                - 1;
            self.sig_ref(slot, StatementIdx(s as u32))
        })
    }

    /// Every signature as an owned record, in statement order (for writing).
    pub fn signature_records(&self) -> impl Iterator<Item = Signature> + '_ {
        (0..self.statements.len()).flat_map(move |s| {
            let sid = StatementIdx(s as u32);
            self.signatures_of(sid).map(move |r| Signature {
                statement: self.statements[s].id.clone(),
                actor: self.actor(r.actor).id.clone(),
                position: r.position,
                role: r.role.map(str::to_string),
                joined: r.joined,
            })
        })
    }

    /// Every membership interval, sorted by bloc, member and first day.
    pub fn member_spans(&self) -> &[MemberSpan] {
        &self.spans
    }

    /// Every membership as an owned record (for writing).
    pub fn membership_records(&self) -> impl Iterator<Item = Membership> + '_ {
        self.spans.iter().map(|s| Membership {
            bloc: self.actor(s.bloc).id.clone(),
            member: self.actor(s.member).id.clone(),
            from: s.from,
            to: s.to,
        })
    }

    /// The membership intervals of one bloc.
    pub fn spans_of_bloc(&self, bloc: ActorIdx) -> &[MemberSpan] {
        let b = bloc.index();
        &self.spans[self.bloc_start[b] as usize..self.bloc_start[b + 1] as usize]
    }

    /// Whether the actor has any members (at any time).
    pub fn has_members(&self, bloc: ActorIdx) -> bool {
        !self.spans_of_bloc(bloc).is_empty()
    }

    /// The members of a bloc on a date, sorted by index.
    ///
    /// ```
    /// let ds = cosignatory::datasets::joint_statements();
    /// let eu = ds.actor_index("EU").unwrap();
    /// let gbr = ds.actor_index("GBR").unwrap();
    /// let d = |s: &str| s.parse().unwrap();
    /// assert!(ds.members_on(eu, d("2020-01-31")).contains(&gbr)); // its last day
    /// assert!(!ds.members_on(eu, d("2020-02-01")).contains(&gbr));
    /// assert_eq!(ds.members_on(eu, d("2024-11-05")).len(), 27);
    /// ```
    pub fn members_on(&self, bloc: ActorIdx, date: NaiveDate) -> Vec<ActorIdx> {
        let mut m: Vec<ActorIdx> = self
            .spans_of_bloc(bloc)
            .iter()
            .filter(|s| s.contains(date))
            .map(|s| s.member)
            .collect();
        m.dedup();
        m
    }

    /// Whether `member` belongs to `bloc` on `date`.
    pub fn is_member(&self, bloc: ActorIdx, member: ActorIdx, date: NaiveDate) -> bool {
        self.spans_of_bloc(bloc)
            .iter()
            .any(|s| s.member == member && s.contains(date))
    }

    /// The blocs `member` belongs to on `date`.
    pub fn blocs_of(&self, member: ActorIdx, date: NaiveDate) -> Vec<ActorIdx> {
        let mut b: Vec<ActorIdx> = self
            .spans
            .iter()
            .filter(|s| s.member == member && s.contains(date))
            .map(|s| s.bloc)
            .collect();
        b.dedup();
        b
    }

    /// First and last statement dates.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((self.statements.first()?.date, self.statements.last()?.date))
    }

    /// The statement indices dated within `[from, to]` (both inclusive; `None` = open).
    pub fn index_range(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Range<usize> {
        let lo = from.map_or(0, |f| self.statements.partition_point(|s| s.date < f));
        let hi = to.map_or(self.statements.len(), |t| {
            self.statements.partition_point(|s| s.date <= t)
        });
        lo..hi.max(lo)
    }

    /// A view of the whole dataset, to restrict by window and filters.
    pub fn view(&self) -> View<'_> {
        View::new(self)
    }
}
