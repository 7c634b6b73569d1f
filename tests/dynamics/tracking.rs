//! Coalition tracking on synthetic data whose planted coalitions merge, split, swap members,
//! appear and disappear in known years: the events come in the right windows and ids
//! persist where nothing changed.

use crate::support::{actor, actors, no_extra_centralities, scheduled};
use cosignatory::dynamics::{CoalitionId, Event, Smoothing, Timeline, TimelineOptions};

/// Actor numbers of the planted coalitions.
fn range(a: usize, b: usize) -> Vec<usize> {
    (a..b).collect()
}

/// The schedule (yearly windows 0..8 = 2000..2007):
/// - 2000–2002: P = 0..8, Q = 8..16, R = 16..24, S = 24..32;
/// - 2003: P and Q merge;
/// - 2004: T = 32..38 appears;
/// - 2005: R splits into R1 = 16..20 and R2 = 20..24;
/// - 2006: S and R2 swap two members each (20, 21 ↔ 30, 31);
/// - 2007: T is gone.
fn schedule() -> Vec<(i32, Vec<Vec<usize>>)> {
    let (p, q, r, s, t) = (
        range(0, 8),
        range(8, 16),
        range(16, 24),
        range(24, 32),
        range(32, 38),
    );
    let pq = range(0, 16);
    let (r1, r2) = (range(16, 20), range(20, 24));
    let s_swapped: Vec<usize> = [20, 21].into_iter().chain(24..30).collect();
    let r2_swapped = vec![22, 23, 30, 31];
    vec![
        (2000, vec![p.clone(), q.clone(), r.clone(), s.clone()]),
        (2001, vec![p.clone(), q.clone(), r.clone(), s.clone()]),
        (2002, vec![p, q, r.clone(), s.clone()]),
        (2003, vec![pq.clone(), r.clone(), s.clone()]),
        (2004, vec![pq.clone(), r, s.clone(), t.clone()]),
        (2005, vec![pq.clone(), r1.clone(), r2, s, t.clone()]),
        (
            2006,
            vec![
                pq.clone(),
                r1.clone(),
                r2_swapped.clone(),
                s_swapped.clone(),
                t,
            ],
        ),
        (2007, vec![pq, r1, r2_swapped, s_swapped]),
    ]
}

fn timeline(smoothing: Smoothing) -> Timeline {
    let ds = scheduled(&schedule(), 3, 0.05, 7);
    let options = TimelineOptions {
        smoothing,
        centrality: no_extra_centralities(),
        ..Default::default()
    };
    Timeline::build(&ds.view(), &options).unwrap()
}

/// Checks that every window's partition is the planted one (a precondition of the event
/// checks: the clustering must see the planted structure).
fn assert_planted_recovered(t: &Timeline) {
    let sched = schedule();
    assert_eq!(t.windows.len(), sched.len());
    for (w, (year, coalitions)) in t.windows.iter().zip(&sched) {
        let mut found: Vec<Vec<String>> = w
            .partition
            .communities()
            .map(|c| c.iter().map(|&n| w.actors[n].clone()).collect())
            .collect();
        let mut planted: Vec<Vec<String>> = coalitions
            .iter()
            .map(|c| actors(c.iter().copied()))
            .collect();
        for v in [&mut found, &mut planted] {
            for c in v.iter_mut() {
                c.sort();
            }
            v.sort();
        }
        assert_eq!(found, planted, "window {} ({year})", w.index);
    }
}

/// `(event name, coalition, others)` of a window, in the timeline's order.
fn structure(t: &Timeline, window: usize) -> Vec<(&'static str, u32, Vec<u32>)> {
    t.windows[window]
        .events
        .iter()
        .map(|e| {
            (
                e.name(),
                e.coalition().0,
                e.others().iter().map(|c| c.0).collect(),
            )
        })
        .collect()
}

fn ev(name: &'static str, c: u32, others: &[u32]) -> (&'static str, u32, Vec<u32>) {
    (name, c, others.to_vec())
}

#[test]
fn planted_events_are_reported_in_their_windows() {
    for smoothing in [Smoothing::WarmStart, Smoothing::Independent] {
        let t = timeline(smoothing);
        assert_planted_recovered(&t);
        // Ids by first member: P = C1, Q = C2, R = C3, S = C4; then T = C5, R2 = C6.
        let expected = [
            vec![
                ev("birth", 1, &[]),
                ev("birth", 2, &[]),
                ev("birth", 3, &[]),
                ev("birth", 4, &[]),
            ],
            vec![
                ev("continue", 1, &[]),
                ev("continue", 2, &[]),
                ev("continue", 3, &[]),
                ev("continue", 4, &[]),
            ],
            vec![
                ev("continue", 1, &[]),
                ev("continue", 2, &[]),
                ev("continue", 3, &[]),
                ev("continue", 4, &[]),
            ],
            vec![
                ev("grow", 1, &[]),
                ev("continue", 3, &[]),
                ev("continue", 4, &[]),
                ev("merge", 1, &[2]),
            ],
            vec![
                ev("continue", 1, &[]),
                ev("continue", 3, &[]),
                ev("continue", 4, &[]),
                ev("birth", 5, &[]),
            ],
            vec![
                ev("continue", 1, &[]),
                ev("shrink", 3, &[]),
                ev("continue", 4, &[]),
                ev("continue", 5, &[]),
                ev("split", 3, &[6]),
            ],
            vec![
                ev("continue", 1, &[]),
                ev("continue", 3, &[]),
                ev("continue", 4, &[]),
                ev("continue", 5, &[]),
                ev("continue", 6, &[]),
            ],
            vec![
                ev("death", 5, &[]),
                ev("continue", 1, &[]),
                ev("continue", 3, &[]),
                ev("continue", 4, &[]),
                ev("continue", 6, &[]),
            ],
        ];
        for (w, exp) in expected.iter().enumerate() {
            assert_eq!(&structure(&t, w), exp, "{smoothing:?}, window {w}");
        }
        // Details: the death names its last window, the merge and split sizes.
        assert!(t.windows[7].events.contains(&Event::Death {
            coalition: CoalitionId(5),
            last_window: 6,
            last_size: 6
        }));
        assert!(t.windows[3].events.iter().any(|e| matches!(
            e,
            Event::Grow { from_size: 8, to_size: 16, jaccard, gap: 0, .. } if *jaccard == 0.5
        )));
        assert!(t.windows[5].events.iter().any(|e| matches!(
            e,
            Event::Shrink {
                from_size: 8,
                to_size: 4,
                ..
            }
        )));
    }
}

#[test]
fn ids_persist_where_nothing_changed() {
    let t = timeline(Smoothing::WarmStart);
    let id = |w: usize, a: usize| t.windows[w].coalition_of(&actor(a));
    // S (24..30 stay in it throughout) keeps C4 in all eight windows.
    for w in 0..8 {
        assert_eq!(id(w, 24), Some(CoalitionId(4)), "window {w}");
    }
    // P keeps C1 through the merge; R1's members keep R's id C3 through the split.
    for w in 0..8 {
        assert_eq!(id(w, 0), Some(CoalitionId(1)));
        assert_eq!(id(w, 16), Some(CoalitionId(3)));
    }
    // Q's members carry C2 until the merge, then C1.
    assert_eq!(
        (0..8).map(|w| id(w, 8).unwrap().0).collect::<Vec<_>>(),
        [2, 2, 2, 1, 1, 1, 1, 1]
    );
    let summary = t.coalitions();
    let c2 = summary.iter().find(|c| c.id == CoalitionId(2)).unwrap();
    assert_eq!((c2.first_window, c2.last_window), (0, 2));
    let c5 = summary.iter().find(|c| c.id == CoalitionId(5)).unwrap();
    assert_eq!(c5.sizes, vec![(4, 6), (5, 6), (6, 6)]);
}

#[test]
fn swapped_members_switch_in_their_histories() {
    let t = timeline(Smoothing::WarmStart);
    for a in [20, 21] {
        let h = t.history(&actor(a)).unwrap();
        assert_eq!(h.entries.len(), 8);
        // R (C3) until the split, the piece R2 (C6) in 2005, S (C4) from 2006.
        let ids: Vec<u32> = h.entries.iter().map(|e| e.coalition.unwrap().0).collect();
        assert_eq!(ids, [3, 3, 3, 3, 3, 6, 4, 4]);
        assert_eq!(h.switches.len(), 2);
        assert_eq!(
            (
                h.switches[1].window,
                h.switches[1].from.0,
                h.switches[1].to.0
            ),
            (6, 6, 4)
        );
    }
    for a in [30, 31] {
        let h = t.history(&actor(a)).unwrap();
        let s = &h.switches;
        assert_eq!(s.len(), 1);
        assert_eq!(
            (s[0].window, s[0].from_window, s[0].from.0, s[0].to.0),
            (6, 5, 4, 6)
        );
    }
    // Nobody else switches at the swap.
    let switching: Vec<String> = t
        .histories()
        .into_iter()
        .filter(|h| h.switches.iter().any(|s| s.window == 6))
        .map(|h| h.actor)
        .collect();
    assert_eq!(switching, actors([20, 21, 30, 31]));
    // The swap shows in the stability of window 6: four switched actors.
    assert_eq!(t.windows[6].stability.unwrap().switched, 4);
    assert_eq!(t.windows[2].stability.unwrap().switched, 0);
    assert_eq!(t.windows[2].stability.unwrap().nmi, 1.0);
}

#[test]
fn alluvial_flows_show_the_swap_and_the_merge() {
    let t = timeline(Smoothing::WarmStart);
    let flows = t.flows();
    let flow = |from_w: usize, from: u32, to: u32| {
        flows
            .iter()
            .find(|f| {
                f.from_window == from_w
                    && f.from_coalition == Some(CoalitionId(from))
                    && f.to_coalition == Some(CoalitionId(to))
            })
            .map_or(0, |f| f.count)
    };
    // 2005 → 2006: S keeps 6, gives 2 to R2; R2 keeps 2, gives 2 to S.
    assert_eq!(
        (flow(5, 4, 4), flow(5, 4, 6), flow(5, 6, 6), flow(5, 6, 4)),
        (6, 2, 2, 2)
    );
    // 2002 → 2003: P and Q both flow into C1.
    assert_eq!((flow(2, 1, 1), flow(2, 2, 1)), (8, 8));
    // Counts add up to the actors present in both windows.
    for w in 1..t.windows.len() {
        let total: usize = flows
            .iter()
            .filter(|f| f.to_window == w)
            .map(|f| f.count)
            .sum();
        assert_eq!(total, t.windows[w].stability.unwrap().common_actors);
    }
}

#[test]
fn multislice_reports_the_same_structural_events() {
    let t = timeline(Smoothing::Multislice { coupling: 1.0 });
    assert_planted_recovered(&t);
    assert!(t.multislice_quality.unwrap() > 0.5);
    let kinds = |w: usize, name: &str| {
        t.windows[w]
            .events
            .iter()
            .filter(|e| e.name() == name)
            .count()
    };
    let structural = ["birth", "death", "merge", "split"];
    let expected: [[usize; 4]; 8] = [
        [4, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 0, 0, 0],
        [0, 1, 0, 0],
    ];
    for (w, exp) in expected.iter().enumerate() {
        let got: Vec<usize> = structural.iter().map(|n| kinds(w, n)).collect();
        assert_eq!(got, exp, "window {w}");
    }
    // S keeps one id in every window, through the swap.
    let s: Vec<_> = (0..8)
        .map(|w| t.windows[w].coalition_of(&actor(24)))
        .collect();
    assert!(s.iter().all(|&c| c.is_some() && c == s[0]));
    // The split names R's id and the new piece.
    let r = t.windows[4].coalition_of(&actor(16)).unwrap();
    let piece = [16, 20]
        .iter()
        .map(|&a| t.windows[5].coalition_of(&actor(a)).unwrap())
        .find(|&c| c != r)
        .unwrap();
    assert!(t.windows[5].events.contains(&Event::Split {
        coalition: r,
        pieces: vec![piece]
    }));
}
