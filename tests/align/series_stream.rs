//! `alignment_series_for_each`: the points of `alignment_series`, bit for bit, handed over as
//! they are computed rather than held (issue 21: all pairs of one statement with 5,000
//! signatories are 12.5 million points).

use cosignatory::align::uncertainty::BootstrapConfig;
use cosignatory::align::{
    FlagOptions, MatrixOptions, Measure, Pairs, SeriesOptions, alignment_matrix, alignment_series,
    alignment_series_for_each, alignment_series_pieces,
};
use cosignatory::io::{CsvTables, ReadOptions};
use cosignatory::time::{Window, WindowSpec};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One statement signed by `n` actors.
fn one_statement(n: usize) -> cosignatory::model::Dataset {
    let mut sigs = String::from("statement,actor\n");
    for i in 0..n {
        sigs.push_str(&format!("s1,A{i:04}\n"));
    }
    let statements = "id,date\ns1,2020-01-01\n";
    let tables = CsvTables::new(
        ("statements.csv", statements.as_bytes()),
        ("signatures.csv", sigs.as_bytes()),
    );
    tables.read(&ReadOptions::default()).unwrap().0
}

#[test]
fn streamed_points_are_the_series_and_the_matrix_bit_for_bit() {
    let ds = cosignatory::datasets::joint_statements();
    let view = ds.view();
    let d = |s: &str| s.parse().unwrap();
    let years = WindowSpec::years()
        .windows(d("2015-01-01"), d("2024-12-31"))
        .unwrap();
    let whole = [Window::new(d("1900-01-01"), d("2100-12-31"))];
    let base = SeriesOptions::for_view(&view);
    let mut checked = 0;
    for measure in Measure::ALL.iter().copied() {
        let options = base.clone().with_measure(measure);
        let Ok(all) = alignment_series(&view, &whole, &Pairs::All, &options) else {
            continue;
        };
        // The kernel's values are the matrix's, pair by pair (the one-pair-at-a-time scorer
        // replaced the whole matrix).
        let matrix = alignment_matrix(
            &view,
            &MatrixOptions {
                measure,
                ..MatrixOptions::for_view(&view)
            },
        )
        .unwrap();
        for p in all.iter() {
            let m = matrix.score(&p.a, &p.b).unwrap();
            assert_eq!(
                (p.score.value.map(f64::to_bits), p.score.n),
                (m.value.map(f64::to_bits), m.n),
                "{measure} {} {}",
                p.a,
                p.b
            );
        }
        for (windows, pairs) in [
            (&years[..], Pairs::All),
            (&years[..], Pairs::Actor("USA".into())),
            (&whole[..], Pairs::list(&[("USA", "GBR"), ("GBR", "USA")])),
        ] {
            let held = alignment_series(&view, windows, &pairs, &options).unwrap();
            let mut streamed = Vec::new();
            let info = alignment_series_for_each(
                &view,
                windows,
                &pairs,
                &options,
                |_, _| {},
                |p| {
                    streamed.push(p);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(info.points, held.len());
            assert_eq!(info.actors, held.actors());
            assert_eq!(&streamed[..], held.points(), "{measure} {pairs:?}");
        }
        checked += 1;
    }
    assert!(checked >= 4, "{checked} measures");
}

#[test]
fn the_stream_holds_a_bounded_number_of_points_whatever_the_pairs() {
    // 150 signatories: 11,175 pairs in one window. With a bootstrap, progress counts every pair
    // computed; the sink sees each point with only a few pairs computed ahead of it (two per
    // thread at a time), never the whole series first.
    let ds = one_statement(150);
    let view = ds.view();
    let window = [Window::new(
        "2020-01-01".parse().unwrap(),
        "2020-12-31".parse().unwrap(),
    )];
    let options = SeriesOptions {
        bootstrap: Some(BootstrapConfig {
            replicates: 2,
            ..BootstrapConfig::default()
        }),
        ..SeriesOptions::for_view(&view).with_measure(Measure::Jaccard)
    };
    let computed = AtomicUsize::new(0);
    let progress = |done: usize, _total: usize| {
        computed.fetch_max(done, Ordering::Relaxed);
    };
    let (mut received, mut ahead) = (0usize, 0usize);
    let info = alignment_series_for_each(&view, &window, &Pairs::All, &options, progress, |_| {
        received += 1;
        ahead = ahead.max(computed.load(Ordering::Relaxed) - received);
        Ok(())
    })
    .unwrap();
    assert_eq!((info.points, received), (11_175, 11_175));
    assert!(ahead <= 64, "{ahead} points computed ahead of the sink");
    // A sink error stops the computation there.
    computed.store(0, Ordering::Relaxed);
    let mut seen = 0;
    let e = alignment_series_for_each(&view, &window, &Pairs::All, &options, progress, |_| {
        seen += 1;
        if seen == 10 {
            return Err(cosignatory::Error::InvalidParameter {
                name: "sink",
                value: "full".into(),
                reason: "test".into(),
            });
        }
        Ok(())
    })
    .unwrap_err();
    assert!(e.to_string().contains("sink"), "{e}");
    assert_eq!(seen, 10);
    assert!(computed.load(Ordering::Relaxed) <= 10 + 64);
}

#[test]
fn pieces_are_the_series_in_order_with_the_same_flags() {
    // The joint statements over yearly windows: every pair, one actor, and listed pairs with
    // a bootstrap (one point per piece).
    let ds = cosignatory::datasets::joint_statements();
    let view = ds.view();
    let d = |s: &str| s.parse().unwrap();
    let years = WindowSpec::years()
        .windows(d("2016-01-01"), d("2021-12-31"))
        .unwrap();
    let flags = FlagOptions::for_dataset(&ds, 3);
    let plain = SeriesOptions::for_view(&view);
    let bootstrapped = SeriesOptions {
        bootstrap: Some(BootstrapConfig {
            replicates: 20,
            ..BootstrapConfig::default()
        }),
        ..plain.clone()
    };
    for (options, pairs) in [
        (&plain, Pairs::All),
        (&plain, Pairs::Actor("USA".into())),
        (
            &bootstrapped,
            Pairs::list(&[("USA", "GBR"), ("FRA", "DEU")]),
        ),
    ] {
        let held = alignment_series(&view, &years, &pairs, options).unwrap();
        let mut points = Vec::new();
        let mut bits = Vec::new();
        let mut sizes = Vec::new();
        let info = alignment_series_pieces(
            &view,
            &years,
            &pairs,
            options,
            |_, _| {},
            |piece| {
                let flags: Vec<u8> = (0..piece.len())
                    .map(|k| piece.flag_bits(k, &flags))
                    .collect();
                assert!(piece.points().all(|p| p.window == piece.window));
                assert_eq!(
                    piece.intervals.len(),
                    if options.bootstrap.is_some() {
                        piece.len()
                    } else {
                        0
                    }
                );
                Ok((piece.points().collect::<Vec<_>>(), flags))
            },
            |(p, f)| {
                sizes.push(p.len());
                points.extend(p);
                bits.extend(f);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(&points[..], held.points(), "{pairs:?}");
        assert_eq!(info.points, held.len());
        assert_eq!(info.actors, held.actors());
        let expected: Vec<u8> = held.iter().map(|p| p.flag_bits(&flags)).collect();
        assert_eq!(bits, expected);
        assert!(sizes.iter().all(|&n| n > 0 && n <= 4096), "{sizes:?}");
    }
}
