//! The votes, as indices, into the dataset's compressed incidence (statement-major with an
//! actor-major index), checking for repeated votes on the way.
//!
//! This bypasses the per-record path of `model::build::assemble` for signatures only (it would
//! build and resolve 870,109 records with string ids); the checks that path makes
//! (unknown statement, unknown actor, duplicate) are made here on indices instead: roll calls
//! are resolved while reading, actors come from the mapping table, duplicates are found below.

use super::votes::{VoteRow, Votes};
use crate::error::Problem;
use crate::model::{
    ActorIdx, Dataset, JoinedColumn, Origin, Position, Problems, RoleColumn, StatementIdx,
};
use std::sync::Arc;

/// For each (roll call, actor slot) cell, the index + 1 of its vote row (0 = no vote), and
/// the vote's position.
pub(crate) struct Grid {
    cells: Vec<u32>,
    /// The position of each cell's vote (any for a cell without one): read along with the
    /// cell, instead of from the vote row it names.
    positions: Vec<Position>,
    slots: usize,
}

impl Grid {
    /// Places every row, reporting a repeated (roll call, country) as a duplicate of the first.
    pub fn new(
        votes: &Votes,
        statements: usize,
        file: &Arc<str>,
        problems: &mut Problems<'_>,
    ) -> Grid {
        let slots = votes.slots;
        let mut cells = vec![0u32; statements * slots];
        let mut positions = vec![Position::Yes; statements * slots];
        for (i, r) in votes.rows.iter().enumerate() {
            let c = r.statement as usize * slots + r.actor as usize;
            let cell = &mut cells[c];
            if *cell == 0 {
                *cell = i as u32 + 1;
                positions[c] = r.position;
            } else {
                let first = votes.rows[*cell as usize - 1].line;
                let o = Origin {
                    file: file.clone(),
                    line: r.line,
                };
                problems.push(Problem::DuplicateSignature {
                    at: o.at(votes.kind.column(), votes.seen.code(r.key)),
                    first_line: first,
                });
            }
        }
        Grid {
            cells,
            positions,
            slots,
        }
    }
}

/// Fills the signature arrays of `ds` (built without signatures). `statement_slot[i]` is the
/// roll-call position of dataset statement `i`; `actor_slot` pairs dataset actors with slots.
pub(crate) fn fill(
    ds: &mut Dataset,
    grid: &Grid,
    rows: &[VoteRow],
    statement_slot: &[Option<u32>],
    actor_slot: &[(ActorIdx, u32)],
) {
    let mut columns = actor_slot.to_vec();
    columns.sort_unstable();
    // Every cell is written at `n`, which moves on only past a vote: no branch per cell
    // (a quarter of the cells are empty, at no pattern a branch could predict). One spare
    // element takes the write past the last vote.
    let mut sig_actor = vec![ActorIdx(0); rows.len() + 1];
    let mut sig_position = vec![Position::Yes; rows.len() + 1];
    let mut sig_start = Vec::with_capacity(statement_slot.len() + 1);
    sig_start.push(0u32);
    let mut n = 0;
    // Visiting actors in index order leaves each statement's signatures sorted by actor.
    for &slot in statement_slot {
        // A statement without a roll-call row (none exists today) keeps no signatures.
        if let Some(slot) = slot {
            let row = slot as usize * grid.slots;
            let cells = &grid.cells[row..row + grid.slots];
            let positions = &grid.positions[row..row + grid.slots];
            for &(a, s) in &columns {
                sig_actor[n] = a;
                sig_position[n] = positions[s as usize];
                n += usize::from(cells[s as usize] != 0);
            }
        }
        sig_start.push(n as u32);
    }
    sig_actor.truncate(n);
    sig_position.truncate(n);
    ds.set_signatures(
        sig_start,
        sig_actor,
        sig_position,
        RoleColumn::default(),
        JoinedColumn::default(),
    );
}

/// The roll-call position of every dataset statement, in dataset order.
pub(crate) fn statement_slots(ds: &Dataset, ids: &[String]) -> Vec<Option<u32>> {
    let mut slots = vec![None; ds.statements().len()];
    for (slot, id) in ids.iter().enumerate() {
        if let Some(StatementIdx(i)) = ds.statement_index(id) {
            slots[i as usize] = Some(slot as u32);
        }
    }
    slots
}
