//! Projecting the actor × statement incidence to a weighted actor graph.

use super::incidence::{Incidence, IncidenceOptions, Linking};
use super::{CoSign, CoSignGraph, Weighting};
use crate::cluster::ClusterGraph;
use crate::error::{Error, Result};
use crate::model::{ActorIdx, View};
use crate::stats::hypergeometric_ln_sf;
use crate::time::Decay;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Options for [`project`].
///
/// ```
/// use cosignatory::graph::{Linking, ProjectionOptions, Weighting};
/// let opts = ProjectionOptions { signed: true, ..ProjectionOptions::new(Weighting::Newman) };
/// assert_eq!(opts.linking, Linking::Signatures);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectionOptions {
    /// The edge weighting.
    pub weighting: Weighting,
    /// Which positions link actors (signatures by default; same vote for roll calls).
    pub linking: Linking,
    /// Signed projection: also weigh acting *against* each other — signing a statement and a
    /// statement that opposes it (see `Statement::opposes`), or voting yes against no — and
    /// subtract it. The same weighting applies to each sign; for Newman weights an opposing
    /// pair of statements counts as one event of `k_s + k_t` participants.
    pub signed: bool,
    /// Exponential decay of statement weights.
    pub decay: Option<Decay>,
    /// Per-statement weights indexed by the dataset's statement index.
    pub statement_weights: Option<Vec<f64>>,
}

impl ProjectionOptions {
    /// Default options with the given weighting.
    pub fn new(weighting: Weighting) -> Self {
        ProjectionOptions {
            weighting,
            ..Default::default()
        }
    }
}

/// Accumulated pair statistics for one side (together or against).
#[derive(Clone, Copy, Default)]
struct Acc {
    weighted: f64,
    newman: f64,
    count: u32,
}

/// Projects a view to the weighted actor graph.
///
/// Every actor taking part in at least one statement of the view is a node (so actors that
/// only signed alone are isolated nodes). Cost: `O(Σ_s k_s²)` for statement sizes `k_s`, with
/// a dense accumulator per actor (no hashing in the loop).
///
/// ```
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
/// use cosignatory::model::DatasetBuilder;
/// // Worked example C of the reference: six statements over actors A–D.
/// let d = "2020-01-01".parse().unwrap();
/// let mut b = DatasetBuilder::new();
/// for (i, members) in [&["A", "B", "C"][..], &["A", "B"], &["A", "C", "D"], &["B", "D"], &["A", "B", "D"], &["C"]].iter().enumerate() {
///     let id = format!("D{}", i + 1);
///     b.statement(cosignatory::model::Statement::new(&id, d, cosignatory::model::StatementKind::JointStatement));
///     b.signed_by(&id, members.iter().copied());
/// }
/// let ds = b.build().unwrap();
/// let newman = project(&ds.view(), &ProjectionOptions::new(Weighting::Newman)).unwrap();
/// assert_eq!(newman.edge("A", "B").unwrap().weight, 2.0);
/// let jaccard = project(&ds.view(), &ProjectionOptions::new(Weighting::Jaccard)).unwrap();
/// assert_eq!(jaccard.edge("A", "B").unwrap().weight, 0.6);
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for hypergeometric weights combined with decay or statement
/// weights (the test is defined on counts), or invalid statement weights.
pub fn project(view: &View<'_>, options: &ProjectionOptions) -> Result<CoSignGraph> {
    let inc = incidence(view, options)?;
    Ok(project_incidence(
        view,
        &inc,
        options.weighting,
        options.signed,
    ))
}

/// Projects a prepared incidence (see [`project`]).
pub fn project_incidence(
    view: &View<'_>,
    inc: &Incidence,
    weighting: Weighting,
    signed: bool,
) -> CoSignGraph {
    let ds = view.dataset();
    let (node_of, actor_index) = nodes(inc);
    let mut graph: UnGraph<crate::model::Actor, CoSign> = UnGraph::default();
    let mut lookup = HashMap::new();
    for &a in &actor_index {
        let actor = ds.actor(a).clone();
        lookup.insert(actor.id.clone(), graph.add_node(actor));
    }
    let totals = actor_index.iter().map(|&a| inc.degree(a) as u32).collect();
    let mut signed_parts = Vec::new();
    pairs(inc, weighting, signed, |i, j, edge, together, against| {
        if signed {
            signed_parts.push([together, against]);
        }
        let node = |a: usize| NodeIndex::new(node_of[a] as usize);
        graph.add_edge(node(i), node(j), edge);
    });
    CoSignGraph {
        graph,
        lookup,
        actor_index,
        weighting,
        signed,
        totals,
        num_statements: inc.num_statements() as u32,
        signed_parts,
        edge_tests: Vec::new(),
        tested: None,
    }
}

/// Projects a view straight to a [`ClusterGraph`], for clustering large projections: the
/// same nodes (actors with at least one statement, in id order) and edge weights as
/// `project(view, options)?.to_cluster_graph()`, hence the same clusterings, without holding
/// the petgraph graph and the cluster graph at once. Node `i` of the result is the dataset
/// actor `actors[i]`.
///
/// For 10,000 actors × 1,000,000 statements (19M edges) this takes about half the peak
/// memory of projecting and converting (see BENCHMARKS.md).
///
/// ```
/// use cosignatory::cluster::{leiden, LeidenOptions};
/// use cosignatory::graph::{project, project_for_clustering, ProjectionOptions, Weighting};
/// let ds = cosignatory::datasets::joint_statements();
/// let options = ProjectionOptions::new(Weighting::Newman);
/// let (cg, actors) = project_for_clustering(&ds.view(), &options).unwrap();
/// let via_petgraph = project(&ds.view(), &options).unwrap().to_cluster_graph().unwrap();
/// let leiden_options = LeidenOptions::default();
/// assert_eq!(
///     leiden(&cg, &leiden_options).unwrap().partition,
///     leiden(&via_petgraph, &leiden_options).unwrap().partition
/// );
/// // Node i is actor actors[i]:
/// let usa = actors.iter().position(|&a| ds.actor(a).id == "USA").unwrap();
/// assert!(cg.degree(usa) > 0.0);
/// ```
///
/// # Errors
/// As [`project`]; [`Error::Cluster`] if a weight is not finite.
pub fn project_for_clustering(
    view: &View<'_>,
    options: &ProjectionOptions,
) -> Result<(ClusterGraph, Vec<ActorIdx>)> {
    let inc = incidence(view, options)?;
    let (node_of, actors) = nodes(&inc);
    // Pairs arrive row by row (i ascending, then j ascending): the upper triangle as it comes.
    let mut row_len = vec![0usize; actors.len()];
    let (mut targets, mut weights) = (Vec::new(), Vec::new());
    pairs(
        &inc,
        options.weighting,
        options.signed,
        |i, j, edge, _, _| {
            row_len[node_of[i] as usize] += 1;
            targets.push(node_of[j]);
            weights.push(edge.weight);
        },
    );
    drop(inc);
    let graph = ClusterGraph::from_upper_rows(&row_len, targets, weights)?;
    Ok((graph, actors))
}

/// The nodes of a projection: actors with at least one statement, in actor (id) order, as
/// (node of each actor, `u32::MAX` for none; actor of each node).
pub(super) fn nodes(inc: &Incidence) -> (Vec<u32>, Vec<ActorIdx>) {
    let mut node_of = vec![u32::MAX; inc.n_actors];
    let mut actors = Vec::new();
    for (a, node) in node_of.iter_mut().enumerate() {
        if inc.degree(ActorIdx(a as u32)) > 0 {
            *node = actors.len() as u32;
            actors.push(ActorIdx(a as u32));
        }
    }
    (node_of, actors)
}

/// The incidence [`project`] works on, after checking the options.
pub(crate) fn incidence(view: &View<'_>, options: &ProjectionOptions) -> Result<Incidence> {
    let weighted = options.decay.is_some() || options.statement_weights.is_some();
    if options.weighting == Weighting::Hypergeometric && weighted {
        return Err(Error::InvalidParameter {
            name: "weighting",
            value: "hypergeometric".into(),
            reason:
                "the hypergeometric test is defined on counts: drop decay and statement weights"
                    .into(),
        });
    }
    Incidence::from_view(
        view,
        &IncidenceOptions {
            linking: options.linking,
            decay: options.decay,
            statement_weights: options.statement_weights.clone(),
        },
    )
}

/// Accumulates every linked pair of actors and calls `edge(i, j, edge, together, against)`
/// once per pair with actor indices `i < j`, in `(i, j)` order.
pub(crate) fn pairs(
    inc: &Incidence,
    weighting: Weighting,
    signed: bool,
    mut edge: impl FnMut(usize, usize, CoSign, f64, f64),
) {
    let n = inc.n_actors;
    // Per-actor weighted totals (raw counts are the incidence's degrees). Statement-major,
    // so the reads stream; each actor still sums its events in event order.
    let mut total_w = vec![0.0f64; n];
    for e in 0..inc.num_statements() {
        let w = inc.weight[e];
        for &a in &inc.actor[inc.start[e] as usize..inc.start[e + 1] as usize] {
            total_w[a as usize] += w;
        }
    }
    let degree = |a: usize| inc.degree(ActorIdx(a as u32)) as u64;
    let big_n = inc.num_statements() as u64;
    let value = |acc: &Acc, i: usize, j: usize| -> f64 {
        let (ti, tj) = (total_w[i], total_w[j]);
        match weighting {
            Weighting::Count => acc.weighted,
            Weighting::Newman => acc.newman,
            Weighting::Jaccard => acc.weighted / (ti + tj - acc.weighted),
            Weighting::Cosine => acc.weighted / (ti * tj).sqrt(),
            Weighting::Overlap => acc.weighted / ti.min(tj),
            Weighting::Hypergeometric => {
                let ln_p = hypergeometric_ln_sf(acc.count as u64, big_n, degree(i), degree(j));
                // −log10 p; +0.0 turns −0.0 (p = 1) into 0.
                -ln_p / std::f64::consts::LN_10 + 0.0
            }
        }
    };
    let mut emit = |i: usize, j: usize, p: &Acc, q: &Acc| {
        let together = if p.count > 0 { value(p, i, j) } else { 0.0 };
        let against = if q.count > 0 { value(q, i, j) } else { 0.0 };
        let cosign = CoSign {
            weight: together - against,
            count: p.count,
            against_count: q.count,
        };
        edge(i, j, cosign, together, against);
    };
    if n <= DENSE_MAX_ACTORS {
        accumulate_dense(inc, signed, &mut emit);
    } else {
        accumulate_sparse(inc, signed, &mut emit);
    }
}

/// Below this many actors the pair statistics live in a dense upper-triangular matrix filled
/// statement by statement (each pair visited once); above it, a per-actor sparse accumulator
/// keeps memory linear in the number of actors.
const DENSE_MAX_ACTORS: usize = 1024;

fn event_len(inc: &Incidence, e: usize) -> f64 {
    (inc.start[e + 1] - inc.start[e]) as f64
}

fn add(acc: &mut Acc, w: f64, k: f64) {
    add_newman(acc, w, w / (k - 1.0));
}

/// [`add`] with the Newman share `w / (k − 1)` computed once per event.
fn add_newman(acc: &mut Acc, w: f64, newman: f64) {
    acc.weighted += w;
    acc.newman += newman;
    acc.count += 1;
}

/// Statement-major accumulation into a dense matrix (few actors, many statements).
fn accumulate_dense(
    inc: &Incidence,
    signed: bool,
    emit: &mut impl FnMut(usize, usize, &Acc, &Acc),
) {
    let n = inc.n_actors;
    let mut pos = vec![Acc::default(); n * n];
    let mut neg = vec![Acc::default(); if signed { n * n } else { 0 }];
    for e in 0..inc.num_statements() {
        let r = inc.start[e] as usize..inc.start[e + 1] as usize;
        let (actors, sides) = (&inc.actor[r.clone()], &inc.side[r]);
        let (w, k) = (inc.weight[e], event_len(inc, e));
        // Participants come in actor order, so i < j for p < q.
        for p in 0..actors.len() {
            let row = actors[p] as usize * n;
            for q in p + 1..actors.len() {
                let cell = row + actors[q] as usize;
                if sides[p] == sides[q] {
                    add(&mut pos[cell], w, k);
                } else if signed && sides[p] != 2 && sides[q] != 2 {
                    add(&mut neg[cell], w, k);
                }
            }
        }
    }
    if signed {
        for &(e, t) in &inc.oppositions {
            let (w, k) = (
                inc.weight[e as usize],
                event_len(inc, e as usize) + event_len(inc, t as usize),
            );
            for (a, sa) in inc.participants(e as usize) {
                for (b, sb) in inc.participants(t as usize) {
                    if sa == 0 && sb == 0 && a != b {
                        let (i, j) = (a.index().min(b.index()), a.index().max(b.index()));
                        add(&mut neg[i * n + j], w, k);
                    }
                }
            }
        }
    }
    let empty = Acc::default();
    for i in 0..n {
        for j in i + 1..n {
            let p = &pos[i * n + j];
            let q = if signed { &neg[i * n + j] } else { &empty };
            if p.count > 0 || q.count > 0 {
                emit(i, j, p, q);
            }
        }
    }
}

/// One event of the actor being accumulated: the range of its links, its weight and its
/// Newman share `w / (k − 1)`.
struct Span {
    start: usize,
    end: usize,
    weight: f64,
    newman: f64,
}

/// Actor-major accumulation with a dense scratch row per actor (many actors).
///
/// An actor's events are scattered over the whole incidence, so the loop is bound by memory
/// latency. It first gathers where each event's links are (independent loads whose cache
/// misses overlap), then walks them; participants come in actor order, so those after the
/// actor itself are exactly the partners `j > i`.
// `i` is an actor index into several structures, not just `opp_of`.
#[allow(clippy::needless_range_loop)]
fn accumulate_sparse(
    inc: &Incidence,
    signed: bool,
    emit: &mut impl FnMut(usize, usize, &Acc, &Acc),
) {
    let n = inc.n_actors;
    let opp_of = oppositions_by_actor(inc, signed);
    let rows = SparseRows::new(inc, signed, &opp_of);
    let threads = crate::par::threads();
    if threads == 1 {
        let mut scratch = Scratch::new(n);
        for i in 0..n {
            rows.row(i, &mut scratch, |j, p, q| emit(i, j, p, q));
        }
    } else {
        rows.batched(16, 4 * threads, emit);
    }
}

/// What every row of the sparse accumulation reads.
struct SparseRows<'a> {
    inc: &'a Incidence,
    signed: bool,
    opp_of: &'a [Vec<(u32, u32, f64)>],
    one_side: bool,
    unit_weights: bool,
}

/// One worker's dense scratch row (cleared after every row).
struct Scratch {
    pos: Vec<Acc>,
    neg: Vec<Acc>,
    touched: Vec<u32>,
    seen: Vec<bool>,
    spans: Vec<Span>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            pos: vec![Acc::default(); n],
            neg: vec![Acc::default(); n],
            touched: Vec::new(),
            seen: vec![false; n],
            spans: Vec::new(),
        }
    }
}

impl<'a> SparseRows<'a> {
    fn new(inc: &'a Incidence, signed: bool, opp_of: &'a [Vec<(u32, u32, f64)>]) -> Self {
        SparseRows {
            inc,
            signed,
            opp_of,
            // Co-signature data has one side only, and most projections weigh every statement
            // 1: then the sides and weights need not be read at all (each read is a cache miss).
            one_side: inc.side.iter().all(|&s| s == 0),
            unit_weights: inc.weight.iter().all(|&w| w == 1.0),
        }
    }

    /// All rows, `tasks` tasks of `rows_per_task` rows at a time on the thread pool. Rows are
    /// independent and each sums its events in the serial loop's order, so the pairs are the
    /// same bits; they are buffered per task and emitted in row order, one batch at a time,
    /// which bounds the extra memory.
    fn batched(
        &self,
        rows_per_task: usize,
        tasks: usize,
        emit: &mut impl FnMut(usize, usize, &Acc, &Acc),
    ) {
        let n = self.inc.n_actors;
        let batch = rows_per_task * tasks;
        let mut first = 0;
        while first < n {
            let last = (first + batch).min(n);
            let pairs = crate::par::map_init(
                (last - first).div_ceil(rows_per_task),
                || Scratch::new(n),
                |scratch, t| {
                    let mut out = Vec::new();
                    let from = first + t * rows_per_task;
                    for i in from..(from + rows_per_task).min(last) {
                        self.row(i, scratch, |j, p, q| out.push((i as u32, j as u32, *p, *q)));
                    }
                    out
                },
            );
            for (i, j, p, q) in pairs.into_iter().flatten() {
                emit(i as usize, j as usize, &p, &q);
            }
            first = last;
        }
    }

    /// Row `i`: `emit(j, together, against)` for every partner `j > i`, ascending.
    fn row(&self, i: usize, s: &mut Scratch, mut emit: impl FnMut(usize, &Acc, &Acc)) {
        let inc = self.inc;
        let n = inc.n_actors;
        let (signed, one_side, unit_weights) = (self.signed, self.one_side, self.unit_weights);
        s.spans.clear();
        s.spans.extend(inc.events_of(i).iter().map(|&e| {
            let e = e as usize;
            let (start, end) = (inc.start[e] as usize, inc.start[e + 1] as usize);
            // Touch the event's links now, so that their cache line is on the way before
            // the walk below needs it.
            std::hint::black_box(inc.actor[start]);
            let weight = if unit_weights { 1.0 } else { inc.weight[e] };
            Span {
                start,
                end,
                weight,
                newman: weight / (event_len(inc, e) - 1.0),
            }
        }));
        let Scratch {
            pos,
            neg,
            touched,
            seen,
            spans,
        } = s;
        for sp in spans.iter() {
            let links = &inc.actor[sp.start..sp.end];
            // The actor's own link: links are sorted by actor and hold it once.
            let me = sp.start + links.partition_point(|&a| (a as usize) < i);
            let later = me + 1..sp.end;
            if one_side {
                for &j in &inc.actor[later] {
                    add_newman(&mut pos[j as usize], sp.weight, sp.newman);
                    touch(j as usize, seen, touched);
                }
                continue;
            }
            let my_side = inc.side[me];
            for (&j, &side) in inc.actor[later.clone()].iter().zip(&inc.side[later]) {
                let j = j as usize;
                if side == my_side {
                    add_newman(&mut pos[j], sp.weight, sp.newman);
                } else if signed && side != 2 && my_side != 2 {
                    add_newman(&mut neg[j], sp.weight, sp.newman);
                } else {
                    continue;
                }
                touch(j, seen, touched);
            }
        }
        if signed {
            for &(x, y, w) in &self.opp_of[i] {
                let k = event_len(inc, x as usize) + event_len(inc, y as usize);
                for (b, side) in inc.participants(y as usize) {
                    let j = b.index();
                    if j <= i || side != 0 {
                        continue;
                    }
                    add(&mut neg[j], w, k);
                    touch(j, seen, touched);
                }
            }
        }
        // Partners in ascending order: when they are dense, a scan of the marks is cheaper
        // than sorting them.
        if touched.len() * 8 >= n - i {
            touched.clear();
            touched.extend((i + 1..n).filter(|&j| seen[j]).map(|j| j as u32));
        } else {
            touched.sort_unstable();
        }
        for &j in touched.iter() {
            let j = j as usize;
            emit(j, &pos[j], &neg[j]);
            pos[j] = Acc::default();
            neg[j] = Acc::default();
            seen[j] = false;
        }
        touched.clear();
    }
}

/// Opposition events per actor (empty unless signed): (event of the actor, opposed event,
/// weight). An opposition carries the weight of the opposing (answering) statement.
fn oppositions_by_actor(inc: &Incidence, signed: bool) -> Vec<Vec<(u32, u32, f64)>> {
    let mut opp_of = vec![Vec::new(); if signed { inc.n_actors } else { 0 }];
    if signed {
        for &(e, t) in &inc.oppositions {
            let w = inc.weight[e as usize];
            for (x, y) in [(e, t), (t, e)] {
                for (a, side) in inc.participants(x as usize) {
                    if side == 0 {
                        opp_of[a.index()].push((x, y, w));
                    }
                }
            }
        }
    }
    opp_of
}

/// Records that partner `j` has a pair statistic for the current actor.
fn touch(j: usize, seen: &mut [bool], touched: &mut Vec<u32>) {
    if !seen[j] {
        seen[j] = true;
        touched.push(j as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatasetBuilder, Position, Signature, Statement, StatementKind};
    use crate::synth::{PlantedOptions, planted};

    type Row = (usize, usize, u64, u64, u32, u64, u64, u32);

    fn both(inc: &Incidence, signed: bool) -> (Vec<Row>, Vec<Row>) {
        let row = |i, j, p: &Acc, q: &Acc| -> Row {
            (
                i,
                j,
                p.weighted.to_bits(),
                p.newman.to_bits(),
                p.count,
                q.weighted.to_bits(),
                q.newman.to_bits(),
                q.count,
            )
        };
        let mut dense = Vec::new();
        accumulate_dense(inc, signed, &mut |i, j, p, q| dense.push(row(i, j, p, q)));
        let mut sparse = Vec::new();
        accumulate_sparse(inc, signed, &mut |i, j, p, q| sparse.push(row(i, j, p, q)));
        // The threaded route: many small batches of small tasks, the same pairs in order.
        let opp_of = oppositions_by_actor(inc, signed);
        let rows = SparseRows::new(inc, signed, &opp_of);
        for (rows_per_task, tasks) in [(1, 1), (3, 2), (5, 7)] {
            let mut batched = Vec::new();
            rows.batched(rows_per_task, tasks, &mut |i, j, p, q| {
                batched.push(row(i, j, p, q))
            });
            assert_eq!(batched, sparse, "{rows_per_task} rows x {tasks} tasks");
        }
        (dense, sparse)
    }

    #[test]
    fn dense_and_sparse_accumulation_agree_bit_for_bit() {
        let votes = planted(&PlantedOptions {
            actors: 40,
            statements: 300,
            votes: true,
            seed: 3,
            ..Default::default()
        })
        .unwrap();
        let inc = Incidence::from_view(
            &votes.dataset.view(),
            &IncidenceOptions {
                linking: Linking::SameVote,
                ..Default::default()
            },
        )
        .unwrap();
        for signed in [false, true] {
            let (d, s) = both(&inc, signed);
            assert!(!d.is_empty());
            assert_eq!(d, s);
        }
        // Weighted statements, co-signature linking (the one-side, non-unit-weight path).
        let n = votes.dataset.statements().len();
        let inc = Incidence::from_view(
            &votes.dataset.view(),
            &IncidenceOptions {
                statement_weights: Some((0..n).map(|i| 0.5 + (i % 7) as f64 / 3.0).collect()),
                ..Default::default()
            },
        )
        .unwrap();
        let (d, s) = both(&inc, false);
        assert!(!d.is_empty());
        assert_eq!(d, s);
        // Letters with counter-letters, one actor signing both sides.
        let day = "2020-01-01".parse().unwrap();
        let mut b = DatasetBuilder::new();
        b.statement(Statement::new("L", day, StatementKind::JointLetter))
            .statement(Statement::new("C", day, StatementKind::JointLetter).opposing("L"))
            .signed_by("L", ["AAA", "BBB", "CCC"])
            .signed_by("C", ["CCC", "DDD", "EEE"])
            .signature(Signature::new("C", "FFF", Position::No));
        let ds = b.build().unwrap();
        let inc = Incidence::from_view(&ds.view(), &IncidenceOptions::default()).unwrap();
        let (d, s) = both(&inc, true);
        assert_eq!(d, s);
        // 3 pairs in L, 3 in C, and 8 cross pairs of which 4 are already L or C pairs.
        assert_eq!(d.len(), 10);
    }
}
