//! Replays the fuzzing corpus (seed inputs and every crash found, minimised) through the same
//! entry points as the fuzz targets: each must return without panicking.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    for f in files {
        let data = std::fs::read(&f).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} panicked", f.display());
    }
}

#[test]
fn csv_folder_corpus() {
    replay("csv_folder", cosignatory::fuzzing::csv_folder);
}

#[test]
fn json_corpus() {
    replay("json", cosignatory::fuzzing::json);
}

#[test]
fn edge_list_corpus() {
    replay("edge_list", cosignatory::fuzzing::edge_list);
}

#[test]
fn span_corpus() {
    replay("span", cosignatory::fuzzing::span);
}
