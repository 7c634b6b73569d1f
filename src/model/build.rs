//! Validating construction of a [`Dataset`] from records, shared by the builder and the readers.

use super::dataset::{ActorIdx, Dataset, MemberSpan, StatementIdx};
use super::{Actor, Membership, Signature, Statement};
use crate::error::{Error, LoadReport, Location, Problem, Result};
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
        }
    }
}

/// Records with their origins, before validation.
#[derive(Debug, Default)]
pub(crate) struct RawInput {
    /// `None` when no actor list was given: actors are then inferred from the references.
    pub actors: Option<Vec<(Actor, Origin)>>,
    pub statements: Vec<(Statement, Origin)>,
    pub signatures: Vec<(Signature, Origin)>,
    pub memberships: Vec<(Membership, Origin)>,
    /// Ids of statement rows that were rejected while parsing, with their lines.
    pub rejected_statements: HashMap<String, u64>,
    /// Ids of actor rows that were rejected while parsing, with their lines.
    pub rejected_actors: HashMap<String, u64>,
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

/// The closest ids to `wanted` (case-insensitive edit distance), for "did you mean" hints.
pub(crate) fn closest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Vec<String> {
    let w = wanted.to_lowercase();
    let limit = (w.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = known
        .map(|k| (strsim::osa_distance(&w, &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, k)| k.to_string())
        .collect()
}

/// Collects problems; in lenient mode row-level ones go to the report instead.
pub(crate) struct Problems<'r> {
    pub found: Vec<Problem>,
    pub mode: Strictness,
    pub report: &'r mut LoadReport,
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

    /// A problem that only follows from an earlier one (a reference to a rejected row): in
    /// strict mode the load fails on the cause anyway, so only lenient mode lists it.
    pub fn push_consequence(&mut self, p: Problem) {
        if self.mode == Strictness::Lenient {
            self.report.skipped.push(p);
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
        statements,
        signatures,
        memberships,
        rejected_statements,
        rejected_actors,
    } = input;

    // Actors: given, or inferred from every reference.
    let mut actor_rows: Vec<Actor> = Vec::new();
    let mut actor_line: HashMap<String, u64> = HashMap::new();
    match actors {
        Some(list) => {
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
        }
        None => {
            let blocs: std::collections::HashSet<&str> =
                memberships.iter().map(|(m, _)| m.bloc.as_str()).collect();
            let mut ids: Vec<&str> = signatures
                .iter()
                .map(|(s, _)| s.actor.as_str())
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
            // resolve to it below, each with a warning.
            let mut canonical: HashMap<String, &str> = HashMap::new();
            for id in &ids {
                let e = canonical.entry(id.to_lowercase()).or_insert(id);
                if id.chars().all(|c| !c.is_lowercase()) && e.chars().any(char::is_lowercase) {
                    *e = id;
                }
            }
            ids.retain(|id| canonical[&id.to_lowercase()] == *id);
            for id in ids {
                actor_rows.push(Actor::new(
                    id,
                    id,
                    Actor::inferred_kind(id, blocs.contains(id)),
                ));
            }
        }
    }
    actor_rows.sort_by(|a, b| a.id.cmp(&b.id));
    let actor_lookup: FxHashMap<String, ActorIdx> = actor_rows
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), ActorIdx(i as u32)))
        .collect();
    // Lower-cased id → actor, or None when two actors differ only in case (then no guess).
    let mut folded: HashMap<String, Option<ActorIdx>> = HashMap::new();
    for (i, a) in actor_rows.iter().enumerate() {
        folded
            .entry(a.id.to_lowercase())
            .and_modify(|v| *v = None)
            .or_insert(Some(ActorIdx(i as u32)));
    }
    let resolve_actor =
        |id: &str, o: &Origin, field: &str, problems: &mut Problems<'_>| -> Option<ActorIdx> {
            match actor_lookup.get(id) {
                Some(&i) => Some(i),
                None if matches!(folded.get(&id.to_lowercase()), Some(Some(_))) => {
                    let i = folded[&id.to_lowercase()].expect("checked");
                    problems
                        .report
                        .warnings
                        .push(crate::error::Warning::ActorIdCase {
                            at: o.at(field, id),
                            resolved: actor_rows[i.index()].id.clone(),
                        });
                    Some(i)
                }
                None if rejected_actors.contains_key(id) => {
                    problems.push_consequence(Problem::SkippedReference {
                        at: o.at(field, id),
                        target_line: rejected_actors[id],
                    });
                    None
                }
                None => {
                    let suggestions = closest(id, actor_rows.iter().map(|a| a.id.as_str()));
                    problems.push(Problem::UnknownActor {
                        at: o.at(field, id),
                        suggestions,
                    });
                    None
                }
            }
        };

    // Statements: unique ids, sorted by date then id.
    let mut stmt_line: HashMap<String, u64> = HashMap::new();
    let mut stmts: Vec<(Statement, Origin)> = Vec::with_capacity(statements.len());
    for (s, o) in statements {
        if let Some(&first) = stmt_line.get(&s.id) {
            problems.push(Problem::DuplicateStatement {
                at: o.at("id", &s.id),
                first_line: first,
            });
        } else {
            stmt_line.insert(s.id.clone(), o.line);
            stmts.push((s, o));
        }
    }
    stmts.sort_by(|(a, _), (b, _)| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let statement_lookup: FxHashMap<String, StatementIdx> = stmts
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (s.id.clone(), StatementIdx(i as u32)))
        .collect();
    let (mut statements, stmt_origins): (Vec<Statement>, Vec<Origin>) = stmts.into_iter().unzip();
    let suggest_statement = |id: &str| closest(id, statements.iter().map(|s| s.id.as_str()));
    let mut opposes = Vec::with_capacity(statements.len());
    for (s, o) in statements.iter().zip(&stmt_origins) {
        opposes.push(match &s.opposes {
            None => None,
            Some(other) => match statement_lookup.get(other) {
                Some(&i) => Some(i),
                None => {
                    problems.push(Problem::UnknownStatement {
                        at: o.at("opposes", other),
                        suggestions: suggest_statement(other),
                    });
                    None
                }
            },
        });
    }
    // An unresolved `opposes` is dropped from the record too, so the dataset stays consistent
    // (the problem is reported above; strict mode fails anyway).

    // Signatures: resolve, reject duplicates, then bucket by statement.
    // Only what the dataset keeps: the ids are resolved, so their strings are dropped here
    // (small records sort fast for millions of signatures).
    struct Sig {
        s: StatementIdx,
        a: ActorIdx,
        position: super::Position,
        role: Option<Box<str>>,
        joined: Option<chrono::NaiveDate>,
        origin: Origin,
    }
    let mut sigs: Vec<Sig> = Vec::with_capacity(signatures.len());
    for (sig, o) in signatures {
        let s = match statement_lookup.get(&sig.statement) {
            Some(&s) => Some(s),
            None if rejected_statements.contains_key(&sig.statement) => {
                problems.push_consequence(Problem::SkippedReference {
                    at: o.at("statement", &sig.statement),
                    target_line: rejected_statements[&sig.statement],
                });
                None
            }
            None => {
                problems.push(Problem::UnknownStatement {
                    at: o.at("statement", &sig.statement),
                    suggestions: suggest_statement(&sig.statement),
                });
                None
            }
        };
        let a = resolve_actor(&sig.actor, &o, "actor", problems);
        let (Some(s), Some(a)) = (s, a) else { continue };
        sigs.push(Sig {
            s,
            a,
            position: sig.position,
            role: sig.role.map(String::into_boxed_str),
            joined: sig.joined,
            origin: o,
        });
    }
    // Duplicates are adjacent once sorted; the first by input order is kept. (Sorting instead
    // of a hash set keeps memory flat for millions of signatures.)
    sigs.sort_unstable_by_key(|x| (x.s, x.a, x.origin.line));
    let mut kept_sigs: Vec<Sig> = Vec::with_capacity(sigs.len());
    for x in sigs {
        if let Some(prev) = kept_sigs.last()
            && prev.s == x.s
            && prev.a == x.a
        {
            problems.push(Problem::DuplicateSignature {
                at: x.origin.at("actor", &actor_rows[x.a.index()].id),
                first_line: prev.origin.line,
            });
            continue;
        }
        kept_sigs.push(x);
    }
    let sigs = kept_sigs;
    let n_stmt = statements.len();
    let n_act = actor_rows.len();
    let mut sig_start = vec![0u32; n_stmt + 1];
    for x in &sigs {
        sig_start[x.s.index() + 1] += 1;
    }
    for i in 0..n_stmt {
        sig_start[i + 1] += sig_start[i];
    }
    let sig_actor: Vec<ActorIdx> = sigs.iter().map(|x| x.a).collect();
    let (actor_start, actor_sigs) = super::dataset::actor_major_index(n_act, &sig_actor);
    let sig_position = sigs.iter().map(|x| x.position).collect();
    let sig_joined = sigs.iter().map(|x| x.joined).collect();
    let sig_role = sigs.into_iter().map(|x| x.role).collect();

    // Memberships: resolve, check intervals, reject overlaps of the same (bloc, member).
    let mut spans: Vec<(MemberSpan, u64, Origin)> = Vec::with_capacity(memberships.len());
    for (m, o) in memberships {
        let bloc = resolve_actor(&m.bloc, &o, "bloc", problems);
        let member = resolve_actor(&m.member, &o, "member", problems);
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
    }
    let mut bloc_start = vec![0u32; n_act + 1];
    for s in &kept {
        bloc_start[s.bloc.index() + 1] += 1;
    }
    for i in 0..n_act {
        bloc_start[i + 1] += bloc_start[i];
    }

    problems.check()?;
    // An unresolved `opposes` was reported above; in lenient mode the link is dropped.
    for (s, o) in statements.iter_mut().zip(&opposes) {
        if o.is_none() {
            s.opposes = None;
        }
    }
    Ok(Dataset {
        actors: actor_rows,
        actor_lookup,
        statements,
        statement_lookup,
        opposes,
        sig_start,
        sig_actor,
        sig_position,
        sig_role,
        sig_joined,
        actor_start,
        actor_sigs,
        spans: kept,
        bloc_start,
    })
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
        RawInput {
            actors: if self.actors.is_empty() {
                None
            } else {
                Some(tag("<builder>#actors", self.actors))
            },
            statements: tag("<builder>#statements", self.statements),
            signatures: tag("<builder>#signatures", self.signatures),
            memberships: tag("<builder>#memberships", self.memberships),
            ..RawInput::default()
        }
    }
}
