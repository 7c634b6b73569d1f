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
/// The reader's time ends when it returns what it read: dropping that is not reading it (as
/// with criterion's `iter_with_large_drop`), and the floor keeps nothing to drop.
fn compare<T>(name: &str, mut reader: impl FnMut() -> T, mut floor: impl FnMut()) {
    let (mut r, mut f) = (Vec::with_capacity(RUNS), Vec::with_capacity(RUNS));
    let mut with_drop = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let read = black_box(reader());
        r.push(t.elapsed().as_secs_f64() * 1e3);
        drop(read);
        with_drop.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        floor();
        f.push(t.elapsed().as_secs_f64() * 1e3);
    }
    for v in [&mut r, &mut f, &mut with_drop] {
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
    println!(
        "  with the drop of what was read: reader min {:.1} ms, ratio of minima {:.2}",
        min(&with_drop),
        min(&with_drop) / min(&f)
    );
}

fn main() {
    // `cargo bench --bench floor_ratio -- <filter>` runs the comparisons whose name holds
    // `filter` (to profile one reader); `cargo bench` itself passes `--bench`.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let csv_folder = "read_csv_folder (1M signatures)";
    let un = "UN votes loader (datasets::un_votes)";
    if wanted(csv_folder) {
        csv_folder_ratio(csv_folder);
    }
    #[cfg(feature = "un-votes")]
    if wanted(un) {
        un_ratio(un);
    }
    let _ = un;
}

fn csv_folder_ratio(name: &str) {
    let (dir, _) = floors::ingest_folder();
    compare(
        name,
        || cosignatory::io::read_csv_folder(dir.path()).expect("valid"),
        || {
            black_box(floors::csv_folder_records(dir.path()));
        },
    );
}

#[cfg(feature = "un-votes")]
fn un_ratio(name: &str) {
    compare(name, cosignatory::datasets::un_votes, || {
        black_box(floors::un_records());
    });
}
