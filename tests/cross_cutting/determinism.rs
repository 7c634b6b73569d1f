//! The same seed gives bit-identical results across repeated runs and, with the `parallel`
//! feature, across thread counts.

use cosignatory::dynamics::{Smoothing, Timeline, TimelineOptions};
use cosignatory::time::{Period, WindowSpec};

fn timeline_json(smoothing: Smoothing) -> String {
    let ds = cosignatory::datasets::joint_statements();
    let options = TimelineOptions {
        windows: WindowSpec::Calendar {
            period: Period::Year,
            size: 2,
            step: 1,
        },
        smoothing,
        ..Default::default()
    };
    serde_json::to_string(&Timeline::build(&ds.view(), &options).unwrap()).unwrap()
}

#[test]
fn repeated_runs_are_bit_identical() {
    for s in [
        Smoothing::Independent,
        Smoothing::WarmStart,
        Smoothing::Multislice { coupling: 0.5 },
    ] {
        assert_eq!(timeline_json(s), timeline_json(s));
    }
}

#[cfg(feature = "parallel")]
#[test]
fn thread_count_does_not_change_results() {
    for s in [Smoothing::Independent, Smoothing::WarmStart] {
        let run = |threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| timeline_json(s))
        };
        let one = run(1);
        assert_eq!(one, run(4));
        assert_eq!(one, run(2));
    }
}
