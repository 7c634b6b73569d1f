//! The items × actors votes of a view, per window: coded, unanimous items and actors with
//! fewer than 2 informative votes dropped (and counted), stored as sparse vote lists both
//! item-major and actor-major so an EM iteration allocates nothing.

use super::IdealError;
use crate::align::{Coding, Universe};
use crate::error::Result;
use crate::model::{ActorIdx, Position, StatementIdx, View};
use crate::time::Window;

/// One window's informative items: (statement, [(dataset actor index, category)]).
pub(crate) struct WindowVotes {
    pub statements: usize,
    pub items: Vec<(StatementIdx, Vec<(u32, u8)>)>,
    pub dropped_items: usize,
    pub dropped_actors: usize,
}

/// Every window's votes.
pub(crate) struct Read {
    pub windows: Vec<WindowVotes>,
    /// Categories of the coding (2 or 3).
    pub categories: u8,
}

/// Reads and codes the votes of every window; drops what carries no information.
pub(crate) fn read(
    view: &View<'_>,
    windows: &[Window],
    coding: &Coding,
    universe: &Universe,
) -> Result<Read> {
    let ds = view.dataset();
    let scale = coding.scale();
    let blocs = crate::align::bloc_list(view, universe)?;
    // Every actor with a row in the view: the eligible set of `Universe::AllStatements`.
    let all: Vec<ActorIdx> = match universe {
        Universe::AllStatements => crate::align::actor_list(view, None)?,
        _ => Vec::new(),
    };
    let mut row: Vec<Option<Position>> = vec![None; ds.actors().len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut out = Vec::with_capacity(windows.len());
    for &w in windows {
        let wv = view.clone().window(w);
        let mut items = Vec::new();
        let mut statements = 0;
        for s in wv.statements() {
            statements += 1;
            view.for_each_signature(s, |x| {
                if row[x.actor.index()].is_none() {
                    touched.push(x.actor.0);
                }
                row[x.actor.index()] = Some(x.position);
            });
            match universe {
                Universe::AllStatements => {
                    for a in &all {
                        if row[a.index()].is_none() {
                            row[a.index()] = Some(Position::Absent);
                            touched.push(a.0);
                        }
                    }
                }
                Universe::BlocMembers(_) => {
                    let date = ds.statement(s).date;
                    for (a, slot) in row.iter_mut().enumerate() {
                        if slot.is_none()
                            && blocs
                                .iter()
                                .any(|&b| ds.is_member(b, ActorIdx(a as u32), date))
                        {
                            *slot = Some(Position::Absent);
                            touched.push(a as u32);
                        }
                    }
                }
                _ => {}
            }
            touched.sort_unstable();
            let mut votes = Vec::with_capacity(touched.len());
            for &a in &touched {
                if let Some(code) = coding.code_opt(row[a as usize]) {
                    votes.push((a, code - scale.min()));
                }
                row[a as usize] = None;
            }
            touched.clear();
            items.push((s, votes));
        }
        out.push(prune(statements, items, ds.actors().len()));
    }
    Ok(Read {
        windows: out,
        categories: scale.categories() as u8,
    })
}

/// Drops unanimous items and actors with fewer than 2 votes, until neither is left.
fn prune(
    statements: usize,
    mut items: Vec<(StatementIdx, Vec<(u32, u8)>)>,
    actors: usize,
) -> WindowVotes {
    let mut dropped_items = 0;
    let mut count = vec![0u32; actors];
    let mut ever = vec![false; actors];
    for (_, v) in &items {
        for &(a, _) in v {
            ever[a as usize] = true;
        }
    }
    loop {
        let before = items.len();
        items.retain(|(_, v)| v.iter().any(|&(_, c)| c != v[0].1));
        dropped_items += before - items.len();
        count.iter_mut().for_each(|c| *c = 0);
        for (_, v) in &items {
            for &(a, _) in v {
                count[a as usize] += 1;
            }
        }
        if items
            .iter()
            .all(|(_, v)| v.iter().all(|&(a, _)| count[a as usize] >= 2))
        {
            break;
        }
        for (_, v) in &mut items {
            v.retain(|&(a, _)| count[a as usize] >= 2);
        }
    }
    let kept = count.iter().filter(|&&c| c >= 2).count();
    WindowVotes {
        statements,
        items,
        dropped_items,
        dropped_actors: ever.iter().filter(|&&e| e).count() - kept,
    }
}

/// The votes of a run of consecutive windows (periods), in the EM's compact layout.
#[derive(Clone)]
pub(crate) struct Votes {
    /// Periods (windows) of the fit.
    pub periods: usize,
    /// Dataset index of each compact actor, in id order.
    pub actors: Vec<ActorIdx>,
    /// Categories (2 or 3).
    pub categories: u8,
    /// Statement of each item.
    pub item_statement: Vec<StatementIdx>,
    /// Period of each item.
    pub item_period: Vec<u32>,
    /// Item-major offsets into the vote arrays (items + 1).
    pub item_start: Vec<u32>,
    /// Compact actor of each vote.
    pub vote_actor: Vec<u32>,
    /// Category of each vote.
    pub vote_cat: Vec<u8>,
    /// Item of each vote.
    pub vote_item: Vec<u32>,
    /// Actor-major offsets into `by_actor` (actors + 1).
    pub actor_start: Vec<u32>,
    /// Vote indices grouped by actor, in item (so period) order.
    pub by_actor: Vec<u32>,
    /// Informative votes per actor-period (actor * periods + t); ≥ 2 means an estimate.
    pub n: Vec<u32>,
    /// First and last period with votes, per actor.
    pub span: Vec<(u32, u32)>,
}

impl Votes {
    /// The votes of windows `range` of `read`.
    pub fn build(read: &Read, range: std::ops::Range<usize>, dataset_actors: usize) -> Votes {
        let periods = range.len();
        let mut compact = vec![u32::MAX; dataset_actors];
        for w in &read.windows[range.clone()] {
            for (_, v) in &w.items {
                for &(a, _) in v {
                    compact[a as usize] = 0;
                }
            }
        }
        let mut actors = Vec::new();
        for (a, c) in compact.iter_mut().enumerate() {
            if *c == 0 {
                *c = actors.len() as u32;
                actors.push(ActorIdx(a as u32));
            }
        }
        let mut v = Votes {
            periods,
            categories: read.categories,
            item_statement: Vec::new(),
            item_period: Vec::new(),
            item_start: vec![0],
            vote_actor: Vec::new(),
            vote_cat: Vec::new(),
            vote_item: Vec::new(),
            actor_start: Vec::new(),
            by_actor: Vec::new(),
            n: vec![0; actors.len() * periods],
            span: vec![(u32::MAX, 0); actors.len()],
            actors,
        };
        for (t, w) in read.windows[range].iter().enumerate() {
            for (s, votes) in &w.items {
                let j = v.item_statement.len() as u32;
                v.item_statement.push(*s);
                v.item_period.push(t as u32);
                for &(a, c) in votes {
                    let i = compact[a as usize];
                    v.vote_actor.push(i);
                    v.vote_cat.push(c);
                    v.vote_item.push(j);
                    v.n[i as usize * periods + t] += 1;
                    let sp = &mut v.span[i as usize];
                    sp.0 = sp.0.min(t as u32);
                    sp.1 = sp.1.max(t as u32);
                }
                v.item_start.push(v.vote_actor.len() as u32);
            }
        }
        // Actor-major index by a counting sort (stable: item order within an actor).
        let n_actors = v.actors.len();
        let mut start = vec![0u32; n_actors + 1];
        for &a in &v.vote_actor {
            start[a as usize + 1] += 1;
        }
        for i in 0..n_actors {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        v.by_actor = vec![0; v.vote_actor.len()];
        for (k, &a) in v.vote_actor.iter().enumerate() {
            v.by_actor[next[a as usize] as usize] = k as u32;
            next[a as usize] += 1;
        }
        v.actor_start = start;
        v
    }

    /// Number of items.
    pub fn items(&self) -> usize {
        self.item_statement.len()
    }

    /// Whether actor-period `k` gets an estimate.
    pub fn estimated(&self, k: usize) -> bool {
        self.n[k] >= 2
    }

    /// The same structure with other categories (a bootstrap replicate).
    pub fn with_categories(&self, cats: Vec<u8>) -> Votes {
        Votes {
            vote_cat: cats,
            ..self.clone()
        }
    }
}

/// A window whose statements all carried no information.
pub(crate) fn uninformative(window: Window, statements: usize) -> IdealError {
    IdealError::NoInformativeVotes { window, statements }
}
