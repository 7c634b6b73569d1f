//! Timeline output (JSON, CSV tables, alluvial flows, files), the alignment extension
//! point, option checks, decay, and the bundled real data.

use crate::support::{no_extra_centralities, repeated_pattern};
use cosignatory::Error;
use cosignatory::cluster::{
    ClusterError, LeidenOptions, Quality, adjusted_rand_index, normalized_mutual_info,
};
use cosignatory::dynamics::{
    AlignmentFigure, CoalitionId, Smoothing, Table, Timeline, TimelineOptions, TrackingOptions,
    WindowAlignment, WindowInput,
};
use cosignatory::graph::{ProjectionOptions, Weighting};
use cosignatory::model::BlocMode;
use cosignatory::time::{Decay, Period, Window, WindowSpec};

fn two_year_windows() -> TimelineOptions {
    TimelineOptions {
        windows: WindowSpec::Calendar {
            period: Period::Year,
            size: 2,
            step: 2,
        },
        ..Default::default()
    }
}

fn real() -> (cosignatory::model::Dataset, TimelineOptions) {
    (
        cosignatory::datasets::joint_statements(),
        two_year_windows(),
    )
}

#[test]
fn json_round_trip_and_csv_tables_agree_with_the_snapshots() {
    let (ds, opts) = real();
    let t = Timeline::build(&ds.view().bloc_mode(BlocMode::Expand), &opts).unwrap();
    assert_eq!(t.bloc_mode, BlocMode::Expand);
    let json = serde_json::to_string(&t).unwrap();
    let back: Timeline = serde_json::from_str(&json).unwrap();
    assert_eq!(back, t);

    let rows = |table: Table| -> Vec<csv::StringRecord> {
        let text = t.csv(table);
        let mut r = csv::Reader::from_reader(text.as_bytes());
        r.records().map(Result::unwrap).collect()
    };
    let coalitions = rows(Table::Coalitions);
    let tracked: usize = t.windows.iter().map(|w| w.coalition_members().len()).sum();
    assert_eq!(coalitions.len(), tracked);
    for r in &coalitions {
        let w = &t.windows[r[0].parse::<usize>().unwrap()];
        let id = CoalitionId(r[3].parse().unwrap());
        assert_eq!(r[5].split(';').collect::<Vec<_>>(), w.members(id));
        assert_eq!(r[4].parse::<usize>().unwrap(), w.members(id).len());
    }
    let memberships = rows(Table::Memberships);
    assert_eq!(
        memberships.len(),
        t.windows.iter().map(|w| w.actors.len()).sum::<usize>()
    );
    for r in &memberships {
        let w = &t.windows[r[1].parse::<usize>().unwrap()];
        let expected = w
            .coalition_of(&r[0])
            .map(|c| c.0.to_string())
            .unwrap_or_default();
        assert_eq!(&r[4], expected.as_str());
    }
    let events = rows(Table::Events);
    assert_eq!(events.len(), t.events().count());
    assert!(events.iter().all(|r| {
        [
            "birth", "death", "continue", "grow", "shrink", "merge", "split",
        ]
        .contains(&&r[3])
    }));
    let flows = rows(Table::Flows);
    assert_eq!(flows.len(), t.flows().len());
    let stability = rows(Table::Stability);
    assert_eq!(
        stability.len(),
        t.windows.iter().filter(|w| w.stability.is_some()).count()
    );
    let header = |table: Table| t.csv(table).lines().next().unwrap().to_string();
    assert_eq!(
        header(Table::Coalitions),
        "window,start,end,coalition,size,members"
    );
    assert_eq!(
        header(Table::Flows),
        "from_window,from_coalition,to_window,to_coalition,count"
    );
    assert!(header(Table::Memberships).starts_with("actor,window,start,end,coalition"));
}

#[test]
fn write_files_writes_every_table_and_the_json() {
    let (ds, opts) = real();
    let t = Timeline::build(&ds.view(), &opts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("timeline");
    t.write_files(&out).unwrap();
    for table in Table::ALL {
        let text = std::fs::read_to_string(out.join(table.file_name())).unwrap();
        assert_eq!(text, t.csv(table));
    }
    let json = std::fs::read_to_string(out.join("timeline.json")).unwrap();
    assert_eq!(serde_json::from_str::<Timeline>(&json).unwrap(), t);
    // A file where the directory should be.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "x").unwrap();
    assert!(matches!(t.write_files(&blocked), Err(Error::Io { .. })));
}

#[test]
fn stability_is_nmi_and_ari_over_common_actors() {
    let (ds, opts) = real();
    let t = Timeline::build(&ds.view(), &opts).unwrap();
    for pair in t.windows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let common: Vec<&String> = a.actors.iter().filter(|x| b.node(x).is_some()).collect();
        let la: Vec<usize> = common
            .iter()
            .map(|x| a.partition.community_of(a.node(x).unwrap()))
            .collect();
        let lb: Vec<usize> = common
            .iter()
            .map(|x| b.partition.community_of(b.node(x).unwrap()))
            .collect();
        match b.stability {
            None => assert!(common.is_empty()),
            Some(s) => {
                assert_eq!(s.common_actors, common.len());
                assert_eq!(s.nmi, normalized_mutual_info(&la, &lb).unwrap());
                assert_eq!(s.ari, adjusted_rand_index(&la, &lb).unwrap());
                assert_eq!(s.previous, a.index);
            }
        }
    }
}

/// Mean edge weight inside each tracked coalition, and the window's statement count.
struct InsideWeight;

impl WindowAlignment for InsideWeight {
    fn figures(&self, w: &WindowInput<'_, '_>) -> cosignatory::Result<Vec<AlignmentFigure>> {
        let g = w.graph.graph();
        let mut out = vec![AlignmentFigure {
            measure: "statements".into(),
            coalition: None,
            value: w.view.len() as f64,
        }];
        for (c, id) in w.coalitions.iter().enumerate() {
            let Some(id) = id else { continue };
            let members = w.partition.community(c);
            let (mut sum, mut n) = (0.0, 0);
            for e in g.edge_indices() {
                let (a, b) = g.edge_endpoints(e).unwrap();
                if members.contains(&a.index()) && members.contains(&b.index()) {
                    sum += g[e].weight;
                    n += 1;
                }
            }
            out.push(AlignmentFigure {
                measure: "inside_weight".into(),
                coalition: Some(*id),
                value: if n > 0 { sum / n as f64 } else { 0.0 },
            });
        }
        Ok(out)
    }
}

struct Refuses;

impl WindowAlignment for Refuses {
    fn figures(&self, w: &WindowInput<'_, '_>) -> cosignatory::Result<Vec<AlignmentFigure>> {
        Err(Error::InvalidParameter {
            name: "window",
            value: w.index.to_string(),
            reason: "refused".into(),
        })
    }
}

#[test]
fn alignment_figures_are_attached_per_window() {
    let (ds, opts) = real();
    let view = ds.view();
    let t = Timeline::build_with_alignment(&view, &opts, &InsideWeight).unwrap();
    for w in &t.windows {
        assert_eq!(w.alignment[0].measure, "statements");
        assert_eq!(w.alignment[0].value, w.statements as f64);
        let per_coalition: Vec<CoalitionId> = w.alignment[1..]
            .iter()
            .map(|f| f.coalition.unwrap())
            .collect();
        let mut ids: Vec<CoalitionId> = w.coalitions.iter().flatten().copied().collect();
        ids.sort();
        let mut got = per_coalition.clone();
        got.sort();
        assert_eq!(got, ids);
    }
    // Without a measure nothing is attached; with a failing one the build fails.
    assert!(
        Timeline::build(&view, &opts)
            .unwrap()
            .windows
            .iter()
            .all(|w| w.alignment.is_empty())
    );
    let err = Timeline::build_with_alignment(&view, &opts, &Refuses).unwrap_err();
    assert!(matches!(err, Error::InvalidParameter { ref value, .. } if value == "0"));
}

#[test]
fn invalid_options_are_refused() {
    let (ds, opts) = real();
    let view = ds.view();
    let refused = |o: TimelineOptions| {
        matches!(
            Timeline::build(&view, &o),
            Err(Error::InvalidParameter { .. })
        )
    };
    assert!(refused(TimelineOptions {
        leiden: LeidenOptions {
            initial: Some(vec![0]),
            ..Default::default()
        },
        ..opts.clone()
    }));
    let d = "2020-01-01".parse().unwrap();
    assert!(refused(TimelineOptions {
        projection: ProjectionOptions {
            decay: Some(Decay::new(365.0, d).unwrap()),
            ..ProjectionOptions::new(Weighting::Newman)
        },
        half_life_days: Some(365.0),
        ..opts.clone()
    }));
    assert!(refused(TimelineOptions {
        half_life_days: Some(-1.0),
        ..opts.clone()
    }));
    assert!(refused(TimelineOptions {
        smoothing: Smoothing::Multislice { coupling: 1.0 },
        leiden: LeidenOptions {
            quality: Quality::Cpm { resolution: 0.1 },
            ..Default::default()
        },
        ..opts.clone()
    }));
    assert!(refused(TimelineOptions {
        smoothing: Smoothing::Multislice { coupling: f64::NAN },
        ..opts.clone()
    }));
    assert!(refused(TimelineOptions {
        tracking: TrackingOptions {
            threshold: 0.0,
            ..Default::default()
        },
        ..opts.clone()
    }));
    assert!(refused(TimelineOptions {
        windows: WindowSpec::Calendar {
            period: Period::Year,
            size: 0,
            step: 1,
        },
        ..opts.clone()
    }));
    // Modularity on a signed projection: a clustering error, reported.
    let signed = TimelineOptions {
        projection: ProjectionOptions {
            signed: true,
            ..ProjectionOptions::new(Weighting::Count)
        },
        ..opts.clone()
    };
    let err = Timeline::build(&view, &signed).unwrap_err();
    assert!(
        matches!(err, Error::Cluster(ClusterError::NegativeWeight { .. })),
        "{err}"
    );
    // An empty view needs a range; with one, windows are empty but present.
    let d = |s: &str| s.parse().unwrap();
    let empty = ds.view().between(d("2015-06-01"), d("2015-06-30"));
    assert!(matches!(
        Timeline::build(&empty, &opts),
        Err(Error::InvalidParameter { name: "view", .. })
    ));
    let t = Timeline::build(
        &empty,
        &TimelineOptions {
            range: Some(Window::new(d("2015-01-01"), d("2016-12-31"))),
            ..opts
        },
    )
    .unwrap();
    assert_eq!(t.windows.len(), 1);
    assert!(t.windows[0].actors.is_empty() && t.windows[0].events.is_empty());
}

#[test]
fn decay_and_sliding_windows() {
    let ds = repeated_pattern(30, 3, 40, 0.2, 3, 2);
    let base = TimelineOptions {
        windows: WindowSpec::Sliding {
            width_days: 365,
            step_days: 182,
        },
        centrality: no_extra_centralities(),
        ..Default::default()
    };
    let plain = Timeline::build(&ds.view(), &base).unwrap();
    let decayed = Timeline::build(
        &ds.view(),
        &TimelineOptions {
            half_life_days: Some(90.0),
            ..base.clone()
        },
    )
    .unwrap();
    assert_eq!(plain.windows.len(), decayed.windows.len());
    assert!(plain.windows.len() >= 5);
    for (p, d) in plain.windows.iter().zip(&decayed.windows) {
        assert_eq!(p.window.end - p.window.start, chrono::Duration::days(364));
        assert_eq!(p.actors, d.actors);
        assert_eq!(p.edges.len(), d.edges.len());
        // Every statement weighs at most 1 under decay, and most weigh less.
        let total = |w: &cosignatory::dynamics::WindowSnapshot| {
            w.edges.iter().map(|e| e.weight).sum::<f64>()
        };
        assert!(total(d) < total(p));
        for (a, b) in p.edges.iter().zip(&d.edges) {
            assert_eq!((a.source, a.target, a.count), (b.source, b.target, b.count));
            assert!(b.weight <= a.weight + 1e-12);
        }
    }
}

#[test]
fn histories_follow_the_windows() {
    let (ds, opts) = real();
    let t = Timeline::build(&ds.view().bloc_mode(BlocMode::Expand), &opts).unwrap();
    let all = t.histories();
    let appearances: usize = all.iter().map(|h| h.entries.len()).sum();
    assert_eq!(
        appearances,
        t.windows.iter().map(|w| w.actors.len()).sum::<usize>()
    );
    let usa = t.history("USA").unwrap();
    for e in &usa.entries {
        let w = &t.windows[e.window];
        assert_eq!(e.coalition, w.coalition_of("USA"));
        let n = w.node("USA").unwrap();
        assert_eq!(e.participation, w.centrality.participation[n]);
        assert_eq!(e.strength, w.centrality.strength[n]);
    }
    for s in &usa.switches {
        assert_ne!(s.from, s.to);
        assert!(s.from_window < s.window);
    }
    assert!(t.history("nobody").is_none());
    // Centralities are computed as selected.
    let w = &t.windows[5];
    assert_eq!(
        w.centrality.pagerank.as_ref().unwrap().len(),
        w.actors.len()
    );
    assert_eq!(
        w.centrality.betweenness.as_ref().unwrap().len(),
        w.actors.len()
    );
    assert!(w.centrality.eigenvector.is_none());
    let sum: f64 = w.centrality.pagerank.as_ref().unwrap().iter().sum();
    assert!((sum - 1.0).abs() < 1e-9);
}

#[test]
fn built_in_alignment_figures_rank_coalitions_above_the_window() {
    use cosignatory::align::{Coding, Measure, Universe};
    use cosignatory::dynamics::{CoalitionAlignment, Timeline, TimelineOptions};
    let ds = cosignatory::datasets::joint_statements();
    let alignment = CoalitionAlignment::new(
        Measure::Jaccard,
        Coding::cosignature(),
        Universe::AllStatements,
    );
    let t = Timeline::build_with_alignment(&ds.view(), &TimelineOptions::default(), &alignment)
        .unwrap();
    let mut compared = 0;
    for w in &t.windows {
        let Some(mean) = w
            .alignment
            .iter()
            .find(|f| f.coalition.is_none())
            .map(|f| f.value)
        else {
            continue;
        };
        for f in w.alignment.iter().filter(|f| f.coalition.is_some()) {
            assert!((0.0..=1.0).contains(&f.value));
            // Coalitions are found from co-signing, so their members co-sign more alike.
            assert!(f.value >= mean, "{}: {} < {mean}", w.window, f.value);
            compared += 1;
        }
    }
    assert!(compared >= 5, "{compared}");
}
