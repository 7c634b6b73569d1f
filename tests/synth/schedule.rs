//! Scheduled changes: the ground truth changes on the scheduled dates, the statements of
//! each period follow its coalitions, and a timeline over the generated data reports each
//! merge, split, birth and death in the window of its date.

use crate::support::recovered_nmi;
use chrono::NaiveDate;
use cosignatory::dynamics::{CentralitySelection, Event, Smoothing, Timeline, TimelineOptions};
use cosignatory::graph::Linking;
use cosignatory::model::StatementIdx;
use cosignatory::synth::{
    Change, CoalitionSizes, PlantedOptions, Scheduled, ScheduledEvent, ScheduledOptions,
    SizeDistribution, Sponsor, VoteModel, actor_id, scheduled,
};

fn jan1(y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, 1, 1).unwrap()
}

/// The schedule of `tests/dynamics/tracking.rs`, as changes: P, Q, R, S of 8 actors each
/// (0..32) from 2000, actors 32..38 outside; 2003 P and Q merge; 2004 T = 32..38 forms;
/// 2005 R splits (20..24 leave); 2006 S and R2 swap two members each; 2007 T dissolves.
fn options(seed: u64) -> ScheduledOptions {
    let r2 = 5; // the label the 2005 split creates (after P..S = 0..3 and T = 4)
    ScheduledOptions {
        planted: PlantedOptions {
            actors: 38,
            coalitions: 4,
            sizes: CoalitionSizes::Given(vec![8, 8, 8, 8]),
            statements: 8 * 110,
            statement_sizes: SizeDistribution::Uniform { min: 3, max: 5 },
            sponsor: Sponsor::BySize,
            outside: 0.05,
            from: jan1(2000),
            to: NaiveDate::from_ymd_opt(2007, 12, 31).unwrap(),
            seed,
            ..Default::default()
        },
        events: vec![
            // Out of order on purpose: applied by date.
            ScheduledEvent::new(jan1(2007), Change::Death { coalition: 4 }),
            ScheduledEvent::new(
                jan1(2003),
                Change::Merge {
                    into: 0,
                    from: vec![1],
                },
            ),
            ScheduledEvent::new(
                jan1(2004),
                Change::Birth {
                    actors: (32..38).collect(),
                },
            ),
            ScheduledEvent::new(
                jan1(2005),
                Change::Split {
                    coalition: 2,
                    actors: (20..24).collect(),
                },
            ),
            ScheduledEvent::new(
                jan1(2006),
                Change::Switch {
                    actors: vec![20, 21],
                    to: 3,
                },
            ),
            ScheduledEvent::new(
                jan1(2006),
                Change::Switch {
                    actors: vec![30, 31],
                    to: r2,
                },
            ),
        ],
    }
}

fn generated() -> Scheduled {
    scheduled(&options(7)).unwrap()
}

#[test]
fn the_ground_truth_changes_on_the_scheduled_dates() {
    let s = generated();
    let starts: Vec<NaiveDate> = s.periods.iter().map(|p| p.from).collect();
    assert_eq!(
        starts,
        (2000..2008)
            .filter(|&y| y != 2001 && y != 2002)
            .map(jan1)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        s.periods[0].to,
        NaiveDate::from_ymd_opt(2002, 12, 31).unwrap()
    );
    assert_eq!(
        s.periods.last().unwrap().to,
        NaiveDate::from_ymd_opt(2007, 12, 31).unwrap()
    );
    let labels: Vec<Option<usize>> = s.events.iter().map(|e| e.created).collect();
    assert_eq!(labels, vec![None, Some(4), Some(5), None, None, None]);
    let members = |date: NaiveDate| -> Vec<Vec<usize>> {
        s.period_on(date)
            .unwrap()
            .coalitions()
            .into_iter()
            .map(|(_, m)| m)
            .collect()
    };
    let r = |a: usize, b: usize| (a..b).collect::<Vec<usize>>();
    assert_eq!(
        members(jan1(2001)),
        vec![r(0, 8), r(8, 16), r(16, 24), r(24, 32)]
    );
    assert_eq!(members(jan1(2003)), vec![r(0, 16), r(16, 24), r(24, 32)]);
    assert_eq!(
        members(jan1(2004)),
        vec![r(0, 16), r(16, 24), r(24, 32), r(32, 38)]
    );
    assert_eq!(
        members(jan1(2005)),
        vec![r(0, 16), r(16, 20), r(24, 32), r(32, 38), r(20, 24)]
    );
    let s_swapped: Vec<usize> = [20, 21].into_iter().chain(24..30).collect();
    assert_eq!(
        members(jan1(2006)),
        vec![
            r(0, 16),
            r(16, 20),
            s_swapped.clone(),
            r(32, 38),
            vec![22, 23, 30, 31]
        ]
    );
    assert_eq!(
        members(jan1(2007)),
        vec![r(0, 16), r(16, 20), s_swapped, vec![22, 23, 30, 31]]
    );
}

#[test]
fn statements_of_each_period_come_from_its_active_actors() {
    let s = generated();
    let ds = &s.dataset;
    let mut covered = 0;
    for p in &s.periods {
        assert_eq!(p.statements.start, covered);
        covered = p.statements.end;
        for i in p.statements.clone() {
            let st = ds.statement(StatementIdx(i as u32));
            assert!(p.contains(st.date), "{} in {}..{}", st.date, p.from, p.to);
            for r in ds.signatures_of(StatementIdx(i as u32)) {
                assert!(
                    p.membership[r.actor.index()].is_some(),
                    "{} signs on {}",
                    ds.actor(r.actor).id,
                    st.date
                );
            }
        }
    }
    assert_eq!(covered, ds.statements().len());
    // T's actors sign from 2004 to 2006 only.
    let t0 = ds.actor_index(&actor_id(32, 38)).unwrap();
    let years: Vec<i32> = ds
        .signatures_by(t0)
        .map(|r| chrono::Datelike::year(&ds.statement(r.statement).date))
        .collect();
    assert!(years.iter().all(|y| (2004..=2006).contains(y)) && !years.is_empty());
    // Roll calls: only active actors vote.
    let mut votes = options(3);
    votes.planted.votes = true;
    votes.planted.vote_model = VoteModel::un_like();
    votes.planted.statements = 80;
    let v = scheduled(&votes).unwrap();
    for p in &v.periods {
        for i in p.statements.clone() {
            assert_eq!(
                v.dataset.signatures_of(StatementIdx(i as u32)).len(),
                p.active().len()
            );
        }
    }
}

#[test]
fn each_period_is_recovered_from_its_own_statements() {
    let s = generated();
    for p in &s.periods {
        let view = s.dataset.view().between(p.from, p.to);
        let nmi = recovered_nmi(&view, Linking::Signatures, |a| p.membership[a]);
        assert!(nmi > 0.95, "{}..{}: {nmi}", p.from, p.to);
    }
}

#[test]
fn a_timeline_reports_the_events_in_the_windows_of_their_dates() {
    let s = generated();
    let options = TimelineOptions {
        smoothing: Smoothing::WarmStart,
        centrality: CentralitySelection {
            pagerank: false,
            betweenness: false,
            eigenvector: false,
        },
        ..Default::default()
    };
    let t = Timeline::build(&s.dataset.view(), &options).unwrap();
    assert_eq!(t.windows.len(), 8);
    let names =
        |w: usize| -> Vec<&'static str> { t.windows[w].events.iter().map(Event::name).collect() };
    let has = |w: usize, name: &str| names(w).contains(&name);
    for w in 0..8 {
        let year = 2000 + w as i32;
        assert_eq!(has(w, "merge"), year == 2003, "{year}: {:?}", names(w));
        assert_eq!(has(w, "split"), year == 2005, "{year}: {:?}", names(w));
        assert_eq!(has(w, "death"), year == 2007, "{year}: {:?}", names(w));
        let births = names(w).iter().filter(|n| **n == "birth").count();
        let expected = match year {
            2000 => 4,
            2004 => 1,
            _ => 0,
        };
        assert_eq!(births, expected, "{year}: {:?}", names(w));
    }
    // The tracked coalitions' members per window are the planted ones.
    for w in &t.windows {
        let p = s.period_on(w.window.start).unwrap();
        let mut found: Vec<Vec<String>> = w
            .coalition_members()
            .into_iter()
            .map(|(_, m)| m.into_iter().map(str::to_string).collect())
            .collect();
        let mut planted: Vec<Vec<String>> = p
            .coalitions()
            .into_iter()
            .map(|(_, m)| m.into_iter().map(|a| actor_id(a, 38)).collect())
            .collect();
        found.sort();
        planted.sort();
        assert_eq!(found, planted, "window {}", w.window);
    }
}

#[test]
fn invalid_schedules_are_refused_with_the_event_named() {
    let base = options(1);
    let with = |e: ScheduledEvent| {
        let mut o = base.clone();
        o.events = vec![e];
        scheduled(&o)
    };
    let cases = [
        ScheduledEvent::new(jan1(2000), Change::Death { coalition: 0 }), // on `from`
        ScheduledEvent::new(jan1(2009), Change::Death { coalition: 0 }), // after `to`
        ScheduledEvent::new(jan1(2003), Change::Death { coalition: 9 }),
        ScheduledEvent::new(
            jan1(2003),
            Change::Merge {
                into: 0,
                from: vec![0],
            },
        ),
        ScheduledEvent::new(
            jan1(2003),
            Change::Split {
                coalition: 0,
                actors: (0..8).collect(),
            },
        ),
        ScheduledEvent::new(
            jan1(2003),
            Change::Split {
                coalition: 0,
                actors: vec![9],
            },
        ),
        ScheduledEvent::new(
            jan1(2003),
            Change::Switch {
                actors: vec![40],
                to: 1,
            },
        ),
        ScheduledEvent::new(jan1(2003), Change::Birth { actors: vec![] }),
        ScheduledEvent::new(
            jan1(2003),
            Change::Leave {
                actors: (0..38).collect(),
            },
        ),
    ];
    for e in cases {
        let err = with(e.clone()).unwrap_err().to_string();
        assert!(err.contains("event 0"), "{e:?}: {err}");
    }
    // Given sizes may leave actors out for `scheduled`, not for `planted`.
    assert!(cosignatory::synth::planted(&base.planted).is_err());
}

#[test]
fn schedules_are_deterministic_by_seed() {
    let a = scheduled(&options(11)).unwrap();
    let b = scheduled(&options(11)).unwrap();
    assert!(a.dataset == b.dataset);
    assert_eq!(a.periods, b.periods);
    assert!(scheduled(&options(12)).unwrap().dataset != a.dataset);
}
