//! Each reader against its floor (issue 19 item 1), alternating in one process: the reader,
//! then the csv crate's raw record loop over the same bytes, `RUNS` times; the minimum and
//! the median of each and their ratios. On a shared machine the minimum of alternating runs
//! moves far less than criterion's mean of two separate groups.
//!
//! Run: `cargo bench --features un-votes --bench floor_ratio` (without the feature, the CSV
//! folder only); `RAYON_NUM_THREADS=1` for the single-threaded figure the issue asks for.

#[path = "common/floors.rs"]
mod floors;

use std::hint::black_box;
use std::time::Instant;

const RUNS: usize = 15;

/// Times `reader` and `floor` alternately; prints min and median of each, and the ratios.
fn compare(name: &str, mut reader: impl FnMut(), mut floor: impl FnMut()) {
    let (mut r, mut f) = (Vec::with_capacity(RUNS), Vec::with_capacity(RUNS));
    for _ in 0..RUNS {
        let t = Instant::now();
        reader();
        r.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        floor();
        f.push(t.elapsed().as_secs_f64() * 1e3);
    }
    for v in [&mut r, &mut f] {
        v.sort_by(f64::total_cmp);
    }
    let (min, med) = (|v: &[f64]| v[0], |v: &[f64]| v[RUNS / 2]);
    println!(
        "{name}: reader min {:.1} ms, median {:.1} ms | floor min {:.1} ms, median {:.1} ms | \
         ratio of minima {:.2}, of medians {:.2}",
        min(&r),
        med(&r),
        min(&f),
        med(&f),
        min(&r) / min(&f),
        med(&r) / med(&f)
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a filter is not supported.
    let (dir, _) = floors::ingest_folder();
    compare(
        "read_csv_folder (1M signatures)",
        || {
            black_box(cosignatory::io::read_csv_folder(dir.path()).expect("valid"));
        },
        || {
            black_box(floors::csv_folder_records(dir.path()));
        },
    );
    #[cfg(feature = "un-votes")]
    compare(
        "UN votes loader (datasets::un_votes)",
        || {
            black_box(cosignatory::datasets::un_votes());
        },
        || {
            black_box(floors::un_records());
        },
    );
}
