//! Validating construction of a [`Dataset`] from records, shared by the builder and the readers.

use super::columns::{JoinedColumn, RoleColumn};
use super::dataset::{ActorIdx, Dataset, MemberSpan, find_actor, find_statement};
use super::raw_signatures::{Interner, NO_ROLE, SigExtra, SigRow, SignatureRows};
use super::resolve::closest;
use super::{Actor, Membership, Signature, Statement};
use crate::error::{Error, LoadReport, Location, Problem, Result, Warning};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::Arc;

/// Where a record came from (file and 1-based line or record number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub file: Arc<str>,
    pub line: u64,
}

impl Origin {
    pub fn at(&self, field: &str, value: impl Into<String>) -> Location {
        Location {
            file: self.file.to_string(),
            line: self.line,
            field: field.to_string(),
            value: value.into(),
            column: None,
        }
    }
}

/// The origins of a list of records, each file kept once: records come file by file, so a
/// file is noted where its run of records starts (no reference count per record).
#[derive(Debug, Default)]
pub(crate) struct Origins {
    /// (index of the first record from the file, the file), in record order.
    runs: Vec<(usize, Arc<str>)>,
    /// Per record: its line.
    lines: Vec<u64>,
}

impl Origins {
    /// Notes the next record's origin.
    #[inline]
    pub fn push(&mut self, file: &Arc<str>, line: u64) {
        if !self.runs.last().is_some_and(|(_, f)| Arc::ptr_eq(f, file)) {
            self.runs.push((self.lines.len(), file.clone()));
        }
        self.lines.push(line);
    }

    /// The line of record `i`.
    pub fn line(&self, i: usize) -> u64 {
        self.lines[i]
    }

    /// The origin of record `i`.
    pub fn get(&self, i: usize) -> Origin {
        let run = self.runs.partition_point(|&(start, _)| start <= i) - 1;
        Origin {
            file: self.runs[run].1.clone(),
            line: self.lines[i],
        }
    }
}

/// For `unzip`ping (record, origin) pairs.
impl Extend<Origin> for Origins {
    fn extend<I: IntoIterator<Item = Origin>>(&mut self, origins: I) {
        for o in origins {
            self.push(&o.file, o.line);
        }
    }
}

/// Records with their origins, before validation.
#[derive(Debug, Default)]
pub(crate) struct RawInput {
    /// `None` when no actor list was given: actors are then inferred from the references.
    pub actors: Option<Vec<(Actor, Origin)>>,
    pub statements: Vec<Statement>,
    /// Where each of `statements` came from (kept apart: the statements are moved into the
    /// dataset as they are).
    pub statement_origins: Origins,
    /// `statement_keys[i]` is the key of `statements[i]`'s id in `signatures.statements`,
    /// for the statements added with [`RawInput::push_statement`] (a prefix of
    /// `statements`); [`assemble`] interns the ids of the others.
    pub statement_keys: Vec<u32>,
    pub signatures: SignatureRows,
    pub memberships: Vec<(Membership, Origin)>,
    /// Ids of statement rows that were rejected while parsing, with their lines.
    pub rejected_statements: HashMap<String, u64>,
    /// Ids of actor rows that were rejected while parsing, with their lines.
    pub rejected_actors: HashMap<String, u64>,
}

impl RawInput {
    /// Adds a statement, appending its id to the signatures' statement ids: read before
    /// the signatures, they then find their statement's key in the order of the statements
    /// (see `SignatureRows`), and resolve without a second lookup by id.
    #[inline]
    pub fn push_statement(&mut self, statement: Statement, file: &Arc<str>, line: u64) {
        debug_assert_eq!(self.statement_keys.len(), self.statements.len());
        let key = self.signatures.statements.append(statement.id.as_bytes());
        self.statement_keys.push(key);
        self.statements.push(statement);
        self.statement_origins.push(file, line);
    }

    /// Room for `n` more statements, if the allocator grants it (see
    /// `SignatureRows::reserve`).
    pub fn reserve_statements(&mut self, n: usize) {
        let _ = (
            self.statements.try_reserve(n),
            self.statement_origins.lines.try_reserve(n),
            self.statement_keys.try_reserve(n),
        );
        self.signatures.statements.reserve(n);
    }
}

/// Whether problems fail the load (strict) or skip the rows (lenient).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strictness {
    /// Any problem fails the load; every problem found is reported.
    #[default]
    Strict,
    /// Rows with problems are skipped and listed in the [`LoadReport`].
    Lenient,
}

/// Collects problems; in lenient mode row-level ones go to the report instead.
pub(crate) struct Problems<'r> {
    pub found: Vec<Problem>,
    pub mode: Strictness,
    pub report: &'r mut LoadReport,
}

/// A problem found in a row, and whether it only follows from an earlier one: what a reader
/// can hand on (to the thread that pushes the problems in row order, say) instead of pushing
/// it at once.
pub(crate) enum Found {
    /// Pushed with [`Problems::push`].
    Problem(Problem),
    /// Pushed with [`Problems::push_consequence`].
    Consequence(Problem),
}

impl<'r> Problems<'r> {
    pub fn new(mode: Strictness, report: &'r mut LoadReport) -> Self {
        Problems {
            found: Vec::new(),
            mode,
            report,
        }
    }

    pub fn push(&mut self, p: Problem) {
        if self.mode == Strictness::Lenient && p.is_row_level() {
            self.report.skipped.push(p);
        } else {
            self.found.push(p);
        }
    }

    /// Pushes a [`Found`] problem the way it says.
    pub fn push_found(&mut self, found: Found) {
        match found {
            Found::Problem(p) => self.push(p),
            Found::Consequence(p) => self.push_consequence(p),
        }
    }

    /// A problem that only follows from an earlier one (a reference to a rejected row): in
    /// strict mode the load fails on the cause anyway, so only lenient mode lists it.
    pub fn push_consequence(&mut self, p: Problem) {
        if self.mode == Strictness::Lenient {
            self.report.skipped.push(p);
        }
    }

    /// A problem with one field of a row that is otherwise kept: strict mode fails on it;
    /// lenient mode keeps the row without that field and lists it in
    /// [`LoadReport::dropped_fields`] (not among the skipped rows).
    pub fn push_dropped_field(&mut self, p: Problem) {
        if self.mode == Strictness::Lenient {
            self.report.dropped_fields.push(p);
        } else {
            self.found.push(p);
        }
    }

    /// Fails if a file-level problem was found (rows cannot be trusted then).
    pub fn check_files(&mut self) -> Result<()> {
        if self.found.iter().any(|p| !p.is_row_level()) {
            self.check()
        } else {
            Ok(())
        }
    }

    /// Fails with every problem collected so far, if any.
    pub fn check(&mut self) -> Result<()> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid {
                problems: std::mem::take(&mut self.found),
            })
        }
    }
}

/// Validates the records and interns them into a [`Dataset`].
pub(crate) fn assemble(input: RawInput, problems: &mut Problems<'_>) -> Result<Dataset> {
    let RawInput {
        actors,
        mut statements,
        statement_origins,
        mut statement_keys,
        mut signatures,
        memberships,
        rejected_statements,
        rejected_actors,
    } = input;

    // Actors: given, or inferred from every reference.
    let mut actor_rows = match actors {
        Some(list) => given_actors(list, problems),
        None => inferred_actors(&signatures.actors, &memberships),
    };
    actor_rows.sort_by(|a, b| a.id.cmp(&b.id));
    let actors = Actors::new(&actor_rows, &rejected_actors);

    // Statements: unique ids, sorted by date then id, each id's key mapped to its index.
    let ids = &mut signatures.statements;
    for s in &statements[statement_keys.len()..] {
        statement_keys.push(ids.intern(&s.id));
    }
    // Repeated ids share their first key from here on.
    ids.index_appended();
    for k in &mut statement_keys {
        *k = ids.first_key(*k);
    }
    let order = statement_order(&statements, &statement_origins, &statement_keys, problems);
    let mut statement_index = vec![MISSED; ids.len()];
    for (j, &i) in order.iter().enumerate() {
        statement_index[statement_keys[i as usize] as usize] = j as u32;
    }
    drop(statement_keys);
    // Origins are only needed to report an unknown `opposes`: (dataset index, origin).
    let opposing: Vec<(usize, Origin)> = (order.iter().enumerate())
        .filter(|&(_, &i)| statements[i as usize].opposes.is_some())
        .map(|(j, &i)| (j, statement_origins.get(i as usize)))
        .collect();
    drop(statement_origins);
    // Reordered where they are: a second vector of statements would be as large again.
    gather_in_place(&mut statements, order);
    statements.shrink_to_fit();
    // A signature may have met a repeat's own key (see `SignatureRows::statement_key`).
    for (k, first) in signatures.statements.repeats() {
        statement_index[k as usize] = statement_index[first as usize];
    }
    let by_id = super::dataset::sorted_by_id(&statements);
    let mut opposes = vec![None; statements.len()];
    for (i, o) in opposing {
        let Some(other) = &statements[i].opposes else {
            continue;
        };
        opposes[i] = find_statement(&statements, &by_id, other);
        let problem = match opposes[i] {
            None => Problem::UnknownStatement {
                at: o.at("opposes", other),
                suggestions: closest(other, statements.iter().map(|s| (s.id.as_str(), None))),
            },
            // A statement answering itself would make its co-signers its opponents.
            Some(j) if j.index() == i => {
                opposes[i] = None;
                Problem::InvalidValue {
                    at: o.at("opposes", other),
                    reason: "a statement cannot oppose itself".into(),
                }
            }
            Some(_) => continue,
        };
        // The statement itself is sound: lenient mode keeps it without the link and says so
        // (strict mode fails anyway). The record drops it too, so the dataset stays consistent.
        problems.push_dropped_field(problem);
        statements[i].opposes = None;
    }

    // Signatures: resolve, reject duplicates, then bucket by statement.
    let statement_keys =
        KeyTable::statements(
            &signatures.statements,
            statement_index,
            |id| match rejected_statements.get(id) {
                Some(&line) => Miss::Rejected(line),
                None => Miss::Unknown(closest(
                    id,
                    statements.iter().map(|s| (s.id.as_str(), None)),
                )),
            },
        );
    let actor_keys = KeyTable::actors(&signatures.actors, &actors);
    resolve_signatures(
        &mut signatures,
        &statement_keys,
        &actor_keys,
        &actors,
        problems,
    );
    // The ids are resolved: free them before the columns are built.
    drop((statement_keys, actor_keys));
    let SignatureRows {
        mut rows,
        statements: statement_ids,
        actors: actor_ids,
        extras,
        roles,
        files,
        ..
    } = signatures;
    drop((statement_ids, actor_ids));
    drop_repeated_signatures(&mut rows, &files, &actor_rows, problems);
    let sigs = SigColumns::new(rows, extras, &roles.into_strings(), statements.len());

    // Memberships: resolve, check intervals, reject overlaps of the same (bloc, member).
    let mut spans: Vec<(MemberSpan, u64, Origin)> = Vec::with_capacity(memberships.len());
    for (m, o) in memberships {
        let bloc = actors.resolve(&m.bloc, || o.at("bloc", &m.bloc), problems);
        let member = actors.resolve(&m.member, || o.at("member", &m.member), problems);
        if let Some(to) = m.to
            && to < m.from
        {
            problems.push(Problem::InvertedMembership {
                at: o.at("to", to.to_string()),
                from: m.from.to_string(),
            });
            continue;
        }
        let (Some(bloc), Some(member)) = (bloc, member) else {
            continue;
        };
        if bloc == member {
            problems.push(Problem::InvalidValue {
                at: o.at("member", &m.member),
                reason: "a bloc cannot be a member of itself".into(),
            });
            continue;
        }
        spans.push((
            MemberSpan {
                bloc,
                member,
                from: m.from,
                to: m.to,
            },
            o.line,
            o,
        ));
    }
    spans.sort_by_key(|(s, line, _)| (s.bloc, s.member, s.from, *line));
    let mut kept: Vec<MemberSpan> = Vec::with_capacity(spans.len());
    let mut kept_line: Vec<u64> = Vec::with_capacity(spans.len());
    let mut kept_origin: Vec<Origin> = Vec::with_capacity(spans.len());
    for (span, line, o) in spans {
        if let Some(prev) = kept.last()
            && prev.bloc == span.bloc
            && prev.member == span.member
            && prev.to.is_none_or(|t| span.from <= t)
        {
            problems.push(Problem::OverlappingMembership {
                at: o.at("from", span.from.to_string()),
                other_line: *kept_line.last().unwrap_or(&0),
            });
            continue;
        }
        kept.push(span);
        kept_line.push(line);
        kept_origin.push(o);
    }
    reject_membership_cycles(&mut kept, kept_origin, &actor_rows, problems);
    let n_act = actor_rows.len();
    let mut bloc_start = vec![0u32; n_act + 1];
    for s in &kept {
        bloc_start[s.bloc.index() + 1] += 1;
    }
    for i in 0..n_act {
        bloc_start[i + 1] += bloc_start[i];
    }

    problems.check()?;
    let mut ds = Dataset {
        actors: actor_rows,
        statements,
        statements_by_id: by_id,
        opposes,
        sig_start: Vec::new(),
        sig_actor: Vec::new(),
        sig_position: Vec::new(),
        sig_role: RoleColumn::default(),
        sig_joined: JoinedColumn::default(),
        actor_start: Vec::new(),
        actor_sigs: Vec::new(),
        spans: kept,
        bloc_start,
    };
    ds.set_signatures(
        sigs.start,
        sigs.actor,
        sigs.position,
        sigs.role,
        sigs.joined,
    );
    Ok(ds)
}

/// Rejects the memberships that would close a cycle (A in B in A), whatever their dates: a
/// bloc would then count itself among its members. Rows are taken in input order, so the row
/// that closes a cycle is the one reported (and, in lenient mode, skipped).
fn reject_membership_cycles(
    kept: &mut Vec<MemberSpan>,
    origins: Vec<Origin>,
    actors: &[Actor],
    problems: &mut Problems<'_>,
) {
    let mut order: Vec<usize> = (0..kept.len()).collect();
    order.sort_by(|&a, &b| {
        (origins[a].file.as_ref(), origins[a].line)
            .cmp(&(origins[b].file.as_ref(), origins[b].line))
    });
    // Distinct (bloc -> member) edges accepted so far.
    let mut members: FxHashMap<ActorIdx, Vec<ActorIdx>> = FxHashMap::default();
    let mut rejected = vec![false; kept.len()];
    for i in order {
        let (bloc, member) = (kept[i].bloc, kept[i].member);
        if members.get(&bloc).is_some_and(|m| m.contains(&member)) {
            continue;
        }
        // Does `bloc` already lie below `member`? Then `bloc` in... `member` in `bloc` closes a loop.
        if let Some(path) = path_between(&members, member, bloc) {
            let mut cycle: Vec<String> = vec![actors[bloc.index()].id.clone()];
            cycle.extend(path.iter().map(|a| actors[a.index()].id.clone()));
            problems.push(Problem::MembershipCycle {
                at: origins[i].at("member", actors[member.index()].id.as_str()),
                cycle,
            });
            rejected[i] = true;
            continue;
        }
        members.entry(bloc).or_default().push(member);
    }
    let mut i = 0;
    kept.retain(|_| {
        i += 1;
        !rejected[i - 1]
    });
}

/// A path `from` -> ... -> `to` along bloc -> member edges (both ends included), if any.
fn path_between(
    members: &FxHashMap<ActorIdx, Vec<ActorIdx>>,
    from: ActorIdx,
    to: ActorIdx,
) -> Option<Vec<ActorIdx>> {
    let mut parent: FxHashMap<ActorIdx, ActorIdx> = FxHashMap::default();
    let mut stack = vec![from];
    parent.insert(from, from);
    while let Some(a) = stack.pop() {
        if a == to {
            let mut path = vec![a];
            let mut cur = a;
            while cur != from {
                cur = parent[&cur];
                path.push(cur);
            }
            path.reverse();
            return Some(path);
        }
        for &m in members.get(&a).map_or(&[][..], Vec::as_slice) {
            if let std::collections::hash_map::Entry::Vacant(e) = parent.entry(m) {
                e.insert(a);
                stack.push(m);
            }
        }
    }
    None
}

/// The given actors, the first of each id kept (later ones are reported).
fn given_actors(list: Vec<(Actor, Origin)>, problems: &mut Problems<'_>) -> Vec<Actor> {
    let mut actor_rows: Vec<Actor> = Vec::with_capacity(list.len());
    let mut actor_line: HashMap<String, u64> = HashMap::new();
    for (a, o) in list {
        if let Some(&first) = actor_line.get(&a.id) {
            problems.push(Problem::DuplicateActor {
                at: o.at("id", &a.id),
                first_line: first,
            });
        } else {
            actor_line.insert(a.id.clone(), o.line);
            actor_rows.push(a);
        }
    }
    actor_rows
}

/// Actors inferred from the ids signatures and memberships refer to.
fn inferred_actors(signed: &Interner, memberships: &[(Membership, Origin)]) -> Vec<Actor> {
    let blocs: std::collections::HashSet<&str> =
        memberships.iter().map(|(m, _)| m.bloc.as_str()).collect();
    let mut ids: Vec<&str> = signed
        .iter()
        .map(|(id, _)| id)
        .chain(
            memberships
                .iter()
                .flat_map(|(m, _)| [m.bloc.as_str(), m.member.as_str()]),
        )
        .collect();
    ids.sort_unstable();
    ids.dedup();
    // Ids that differ only in case are one actor (Excel users write "usa" and "USA"):
    // the upper-case spelling wins, else the first in sort order; the other spellings
    // resolve to it later, each with a warning.
    let mut canonical: HashMap<String, &str> = HashMap::new();
    for id in &ids {
        let e = canonical.entry(id.to_lowercase()).or_insert(id);
        if id.chars().all(|c| !c.is_lowercase()) && e.chars().any(char::is_lowercase) {
            *e = id;
        }
    }
    ids.retain(|id| canonical[&id.to_lowercase()] == *id);
    ids.into_iter()
        .map(|id| Actor::new(id, id, Actor::inferred_kind(id, blocs.contains(id))))
        .collect()
}

/// The input indices of the statements to keep, in dataset order (date, then id). Repeated
/// ids (the same key) are dropped: the first by input order stays, each repeat is reported
/// in input order.
fn statement_order(
    statements: &[Statement],
    origins: &Origins,
    keys: &[u32],
    problems: &mut Problems<'_>,
) -> Vec<u32> {
    // Per key: the first statement with it (input index), or u32::MAX.
    let mut first = vec![u32::MAX; keys.iter().max().map_or(0, |&k| k as usize + 1)];
    let mut order: Vec<u32> = Vec::with_capacity(statements.len());
    for (i, (s, &k)) in statements.iter().zip(keys).enumerate() {
        match first[k as usize] {
            u32::MAX => {
                first[k as usize] = i as u32;
                order.push(i as u32);
            }
            f => problems.push(Problem::DuplicateStatement {
                at: origins.get(i).at("id", &s.id),
                first_line: origins.line(f as usize),
            }),
        }
    }
    // Ids are unique now, so an unstable (allocation-free) sort is deterministic.
    let s = |i: u32| &statements[i as usize];
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (s(a), s(b));
        a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
    });
    order
}

/// Reorders `v` so that `v[j]` is the old `v[order[j]]`, dropping the elements `order` does
/// not name, without a second vector: each cycle of the permutation is followed by swaps.
/// `order` names each index at most once.
fn gather_in_place<T>(v: &mut Vec<T>, mut order: Vec<u32>) {
    if order.len() < v.len() {
        // Drop the unnamed elements first, renumbering the named ones.
        let mut rank = vec![u32::MAX; v.len()];
        for &i in &order {
            rank[i as usize] = 0;
        }
        let mut next = 0;
        for r in &mut rank {
            if *r == 0 {
                *r = next;
                next += 1;
            }
        }
        let mut i = 0;
        v.retain(|_| {
            i += 1;
            rank[i - 1] != u32::MAX
        });
        for o in &mut order {
            *o = rank[*o as usize];
        }
    }
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut j = start;
        while !done[j] {
            done[j] = true;
            let from = order[j] as usize;
            if from == start {
                break;
            }
            v.swap(j, from);
            j = from;
        }
    }
}

/// Why an id does not resolve exactly.
enum Miss {
    /// Differs only in case from this actor: resolves to it, with a warning.
    Folded(ActorIdx),
    /// Names a row rejected while parsing, at this line.
    Rejected(u64),
    /// Names nothing; the closest known ids.
    Unknown(Vec<String>),
}

/// The given actors, with what is needed to resolve an id that is not exactly one of them.
struct Actors<'a> {
    rows: &'a [Actor],
    /// Lower-cased id → actor, or None when two actors differ only in case (then no guess).
    folded: HashMap<String, Option<ActorIdx>>,
    rejected: &'a HashMap<String, u64>,
}

impl<'a> Actors<'a> {
    fn new(rows: &'a [Actor], rejected: &'a HashMap<String, u64>) -> Self {
        let mut folded: HashMap<String, Option<ActorIdx>> = HashMap::new();
        for (i, a) in rows.iter().enumerate() {
            folded
                .entry(a.id.to_lowercase())
                .and_modify(|v| *v = None)
                .or_insert(Some(ActorIdx(i as u32)));
        }
        Actors {
            rows,
            folded,
            rejected,
        }
    }

    fn find(&self, id: &str) -> Result<ActorIdx, Miss> {
        if let Some(i) = find_actor(self.rows, id) {
            return Ok(i);
        }
        if let Some(&Some(i)) = self.folded.get(&id.to_lowercase()) {
            return Err(Miss::Folded(i));
        }
        if let Some(&line) = self.rejected.get(id) {
            return Err(Miss::Rejected(line));
        }
        let suggestions = closest(id, self.rows.iter().map(|a| (a.id.as_str(), None)));
        Err(Miss::Unknown(suggestions))
    }

    /// Reports a reference that missed; the actor it still resolves to, if any.
    fn report(&self, miss: &Miss, at: Location, problems: &mut Problems<'_>) -> Option<ActorIdx> {
        match miss {
            Miss::Folded(i) => {
                problems.report.warnings.push(Warning::ActorIdCase {
                    at,
                    resolved: self.rows[i.index()].id.clone(),
                });
                Some(*i)
            }
            Miss::Rejected(line) => {
                problems.push_consequence(Problem::SkippedReference {
                    at,
                    target_line: *line,
                });
                None
            }
            Miss::Unknown(suggestions) => {
                problems.push(Problem::UnknownActor {
                    at,
                    suggestions: suggestions.clone(),
                });
                None
            }
        }
    }

    /// The actor `id` refers to, reporting at `at` if it is not exactly one.
    fn resolve(
        &self,
        id: &str,
        at: impl FnOnce() -> Location,
        problems: &mut Problems<'_>,
    ) -> Option<ActorIdx> {
        match self.find(id) {
            Ok(i) => Some(i),
            Err(miss) => self.report(&miss, at(), problems),
        }
    }
}

/// Reports a signature's statement reference that missed.
fn report_statement_miss(miss: &Miss, at: Location, problems: &mut Problems<'_>) {
    match miss {
        Miss::Rejected(line) => problems.push_consequence(Problem::SkippedReference {
            at,
            target_line: *line,
        }),
        Miss::Unknown(suggestions) => problems.push(Problem::UnknownStatement {
            at,
            suggestions: suggestions.clone(),
        }),
        Miss::Folded(_) => unreachable!("statement ids are matched exactly"),
    }
}

/// "Not an exact match" in [`KeyTable::found`].
const MISSED: u32 = u32::MAX;

/// How each distinct id of the signatures resolves, worked out once per id.
struct KeyTable {
    /// Per key: the dataset index, or [`MISSED`].
    found: Vec<u32>,
    /// The keys that missed: their id and why.
    misses: FxHashMap<u32, (Box<str>, Miss)>,
}

impl KeyTable {
    /// From the index of each key's statement (or [`MISSED`]), with why each miss missed.
    fn statements(keys: &Interner, found: Vec<u32>, miss: impl Fn(&str) -> Miss) -> KeyTable {
        // The ids are read (and so checked as text) only for the keys that missed.
        let misses = (0..found.len() as u32)
            .filter(|&k| found[k as usize] == MISSED)
            .map(|k| {
                let id = keys.str(k);
                (k, (id.into(), miss(id)))
            })
            .collect();
        KeyTable { found, misses }
    }

    fn actors(keys: &Interner, actors: &Actors<'_>) -> KeyTable {
        let mut found = vec![MISSED; keys.len()];
        let mut misses = FxHashMap::default();
        for (id, k) in keys.iter() {
            match actors.find(id) {
                Ok(i) => found[k as usize] = i.0,
                Err(miss) => {
                    misses.insert(k, (id.into(), miss));
                }
            }
        }
        KeyTable { found, misses }
    }

    /// The index of `key`, else its id and why it missed.
    fn get(&self, key: u32) -> std::result::Result<u32, &(Box<str>, Miss)> {
        match self.found[key as usize] {
            MISSED => Err(&self.misses[&key]),
            i => Ok(i),
        }
    }
}

/// Resolves the keys of every row to dataset indices, reporting in row order what misses, and
/// keeps (in place) the rows that resolve.
fn resolve_signatures(
    sigs: &mut SignatureRows,
    statement_keys: &KeyTable,
    actor_keys: &KeyTable,
    actors: &Actors<'_>,
    problems: &mut Problems<'_>,
) {
    let mut rows = std::mem::take(&mut sigs.rows);
    let mut kept = 0;
    for i in 0..rows.len() {
        let r = rows[i];
        let s = match statement_keys.get(r.statement) {
            Ok(s) => Some(s),
            Err((id, miss)) => {
                report_statement_miss(miss, sigs.at(&r, "statement", id), problems);
                None
            }
        };
        let a = match actor_keys.get(r.actor) {
            Ok(a) => Some(ActorIdx(a)),
            Err((id, miss)) => actors.report(miss, sigs.at(&r, "actor", id), problems),
        };
        let (Some(statement), Some(a)) = (s, a) else {
            continue;
        };
        let mut resolved = r;
        resolved.statement = statement;
        resolved.actor = a.0;
        rows[kept] = resolved;
        kept += 1;
    }
    rows.truncate(kept);
    // Return the slack of the growth while reading (a large allocation shrinks in place).
    rows.shrink_to_fit();
    sigs.rows = rows;
}

/// Sorts resolved rows into slot order and drops repeated (statement, actor) pairs, keeping
/// the first by input line and reporting the others. (Sorting in place instead of a hash set
/// keeps memory flat for millions of signatures.)
fn drop_repeated_signatures(
    rows: &mut Vec<SigRow>,
    files: &[Arc<str>],
    actors: &[Actor],
    problems: &mut Problems<'_>,
) {
    // Rows in dataset order already (as written by `write_csv_folder`) are checked in one
    // pass: strictly rising (statement, actor) pairs need no sort and have no repeats.
    let pair = |r: &SigRow| u64::from(r.statement) << 32 | u64::from(r.actor);
    if rows.windows(2).all(|w| pair(&w[0]) < pair(&w[1])) {
        return;
    }
    rows.sort_unstable_by_key(|r| (r.statement, r.actor, r.line()));
    // Rows are rewritten only from the first repeat on (usually there is none).
    let same = |a: &SigRow, b: &SigRow| a.statement == b.statement && a.actor == b.actor;
    let Some(first) = rows.windows(2).position(|w| same(&w[0], &w[1])) else {
        return;
    };
    let mut kept = first + 1;
    for i in first + 1..rows.len() {
        let (r, prev) = (rows[i], rows[kept - 1]);
        if same(&prev, &r) {
            problems.push(Problem::DuplicateSignature {
                at: Location {
                    file: files[r.file as usize].to_string(),
                    line: r.line(),
                    field: "actor".to_string(),
                    value: actors[r.actor as usize].id.clone(),
                    column: None,
                },
                first_line: prev.line(),
            });
            continue;
        }
        rows[kept] = r;
        kept += 1;
    }
    rows.truncate(kept);
}

/// The signature columns of a dataset.
struct SigColumns {
    start: Vec<u32>,
    actor: Vec<ActorIdx>,
    position: Vec<super::Position>,
    role: RoleColumn,
    joined: JoinedColumn,
}

impl SigColumns {
    /// From resolved rows in slot order and the roles and joining dates of any of them (by
    /// origin, of rows kept or not); `roles` are the role names by key.
    fn new(rows: Vec<SigRow>, extras: Vec<SigExtra>, roles: &[Box<str>], n_stmt: usize) -> Self {
        // One pass for the dense columns; the sparse ones only when some row has a value.
        let mut start = vec![0u32; n_stmt + 1];
        let mut actor: Vec<ActorIdx> = Vec::with_capacity(rows.len());
        let mut position = Vec::with_capacity(rows.len());
        for r in &rows {
            start[r.statement as usize + 1] += 1;
            actor.push(ActorIdx(r.actor));
            position.push(r.position);
        }
        for i in 0..n_stmt {
            start[i + 1] += start[i];
        }
        let (extras, index) = slot_extras(&rows, extras);
        let extra = |slot: usize| (index[slot] != MISSED).then(|| &extras[index[slot] as usize]);
        let role = if extras.iter().any(|e| e.role != NO_ROLE) {
            RoleColumn::from_keys(rows.len(), roles, |slot| {
                extra(slot).map(|e| e.role).filter(|&k| k != NO_ROLE)
            })
        } else {
            RoleColumn::default()
        };
        let joined = if extras.iter().any(|e| e.joined.is_some()) {
            JoinedColumn::from_fn(rows.len(), |slot| extra(slot).and_then(|e| e.joined))
        } else {
            JoinedColumn::default()
        };
        // The rows are dropped here, before the dataset derives its actor-major index, to
        // lower the peak.
        SigColumns {
            start,
            actor,
            position,
            role,
            joined,
        }
    }
}

/// The extras sorted by origin, and the index among them of each slot's extra (of the rows,
/// in slot order), or [`MISSED`]; no index if no row has an extra. Extras are matched by
/// origin: in order while the rows' origins rise (as when the file is in dataset order), by
/// binary search where they do not.
fn slot_extras(rows: &[SigRow], mut extras: Vec<SigExtra>) -> (Vec<SigExtra>, Vec<u32>) {
    if extras.is_empty() {
        return (extras, Vec::new());
    }
    extras.sort_unstable_by_key(|e| e.origin);
    let mut next = 0;
    let index = (rows.iter())
        .map(|r| {
            if !r.has_extra() {
                return MISSED;
            }
            let origin = r.origin();
            let i = match extras.get(next) {
                Some(e) if e.origin == origin => next,
                _ => extras
                    .binary_search_by_key(&origin, |e| e.origin)
                    .expect("a row with an extra has one of its origin"),
            };
            next = i + 1;
            i as u32
        })
        .collect();
    (extras, index)
}

/// Builds a [`Dataset`] from records added one by one.
///
/// If no actor is added, actors are inferred from the signatures and memberships (a bloc is an
/// actor with members; three upper-case letters are taken as a country code; anything else is
/// an organization). If any actor is added, every reference must name an added actor.
///
/// ```
/// use cosignatory::model::{Actor, ActorKind, DatasetBuilder, Membership, Position, Signature, Statement, StatementKind};
/// let d = |s: &str| s.parse().unwrap();
/// let mut b = DatasetBuilder::new();
/// b.actor(Actor::new("FRA", "France", ActorKind::Country))
///     .actor(Actor::new("DEU", "Germany", ActorKind::Country))
///     .actor(Actor::new("EU", "European Union", ActorKind::Bloc))
///     .membership(Membership::new("EU", "FRA", d("1958-01-01"), None))
///     .membership(Membership::new("EU", "DEU", d("1958-01-01"), None))
///     .statement(Statement::new("s1", d("2024-01-10"), StatementKind::Declaration))
///     .signature(Signature::new("s1", "EU", Position::Yes));
/// let ds = b.build().unwrap();
/// assert_eq!(ds.members_on(ds.actor_index("EU").unwrap(), d("2024-01-10")).len(), 2);
///
/// // Problems are collected, not just the first one:
/// let mut bad = DatasetBuilder::new();
/// bad.actor(Actor::new("FRA", "France", ActorKind::Country))
///     .statement(Statement::new("s1", d("2024-01-10"), StatementKind::Declaration))
///     .signature(Signature::new("s1", "FRX", Position::Yes))
///     .signature(Signature::new("s2", "FRA", Position::Yes));
/// assert_eq!(bad.build().unwrap_err().problems().len(), 2);
/// ```
#[derive(Debug, Default, Clone)]
pub struct DatasetBuilder {
    actors: Vec<Actor>,
    statements: Vec<Statement>,
    signatures: Vec<Signature>,
    memberships: Vec<Membership>,
}

impl DatasetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an actor.
    pub fn actor(&mut self, actor: Actor) -> &mut Self {
        self.actors.push(actor);
        self
    }

    /// Adds a statement.
    pub fn statement(&mut self, statement: Statement) -> &mut Self {
        self.statements.push(statement);
        self
    }

    /// Adds a signature (or vote).
    pub fn signature(&mut self, signature: Signature) -> &mut Self {
        self.signatures.push(signature);
        self
    }

    /// Adds a `yes` signature of each actor to a statement.
    pub fn signed_by<'a>(
        &mut self,
        statement: &str,
        actors: impl IntoIterator<Item = &'a str>,
    ) -> &mut Self {
        for a in actors {
            self.signatures
                .push(Signature::new(statement, a, super::Position::Yes));
        }
        self
    }

    /// Adds a bloc membership.
    pub fn membership(&mut self, membership: Membership) -> &mut Self {
        self.memberships.push(membership);
        self
    }

    /// Validates everything and builds the dataset. Every problem found is reported in
    /// [`Error::Invalid`], located at `<builder>` and the record's 1-based number.
    pub fn build(self) -> Result<Dataset> {
        let mut report = LoadReport::default();
        let mut problems = Problems::new(Strictness::Strict, &mut report);
        assemble(self.into_raw(), &mut problems)
    }

    pub(crate) fn into_raw(self) -> RawInput {
        fn tag<T>(file: &str, v: Vec<T>) -> Vec<(T, Origin)> {
            let file: Arc<str> = Arc::from(file);
            v.into_iter()
                .enumerate()
                .map(|(i, x)| {
                    (
                        x,
                        Origin {
                            file: file.clone(),
                            line: i as u64 + 1,
                        },
                    )
                })
                .collect()
        }
        let (statements, statement_origins) = tag("<builder>#statements", self.statements)
            .into_iter()
            .unzip();
        RawInput {
            actors: if self.actors.is_empty() {
                None
            } else {
                Some(tag("<builder>#actors", self.actors))
            },
            statements,
            statement_origins,
            signatures: SignatureRows::from_records("<builder>#signatures", self.signatures),
            memberships: tag("<builder>#memberships", self.memberships),
            ..RawInput::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Origin, Origins, gather_in_place};
    use std::sync::Arc;

    #[test]
    fn origins_keep_each_records_file_and_line_across_runs_of_files() {
        let (a, b): (Arc<str>, Arc<str>) = (Arc::from("a.csv"), Arc::from("b.json"));
        let given = [(&a, 2), (&a, 3), (&b, 7), (&a, 9), (&a, 10), (&b, 1)];
        let mut origins = Origins::default();
        for (f, line) in given {
            origins.push(f, line);
        }
        for (i, (f, line)) in given.iter().enumerate() {
            let o = origins.get(i);
            assert_eq!(
                (&*o.file, o.line, origins.line(i)),
                (&***f, *line, *line),
                "{i}"
            );
        }
        // A file is kept once per run, not per record.
        assert_eq!(origins.runs.len(), 4);
        let mut unzipped = Origins::default();
        unzipped.extend(given.iter().map(|(f, line)| Origin {
            file: Arc::clone(f),
            line: *line,
        }));
        assert_eq!(unzipped.get(5).line, 1);
        assert_eq!(&*unzipped.get(2).file, "b.json");
    }

    #[test]
    fn gathering_in_place_follows_every_cycle_and_drops_the_unnamed() {
        // Every order naming a subset of 0..5 (each index at most once), shortest first.
        let mut orders: Vec<Vec<u32>> = vec![vec![]];
        let mut i = 0;
        while i < orders.len() {
            let shorter = orders[i].clone();
            for k in (0..5).filter(|k| !shorter.contains(k)) {
                let mut longer = shorter.clone();
                longer.push(k);
                orders.push(longer);
            }
            i += 1;
        }
        assert_eq!(orders.len(), 326); // sum over k of 5!/(5-k)!
        for order in orders {
            let mut v: Vec<String> = (0..5).map(|i| format!("s{i}")).collect();
            gather_in_place(&mut v, order.clone());
            let want: Vec<String> = order.iter().map(|i| format!("s{i}")).collect();
            assert_eq!(v, want, "{order:?}");
        }
    }
}
