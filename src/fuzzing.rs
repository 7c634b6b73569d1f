//! Entry points shared by the fuzz targets (`fuzz/`) and the regression tests that replay
//! their corpus (`tests/io/fuzz_regressions.rs`). Not part of the stable API.

use crate::io::{CsvTables, EdgeList, ReadOptions, from_json_str};

/// Reads arbitrary bytes as a CSV folder: the input is split at NUL bytes into
/// statements.csv, signatures.csv, and optionally actors.csv and memberships.csv; both strict
/// and lenient modes run. Must return without panicking whatever the bytes.
pub fn csv_folder(data: &[u8]) {
    let mut parts = data.splitn(4, |&b| b == 0);
    let statements = parts.next().unwrap_or_default();
    let signatures = parts.next().unwrap_or_default();
    let actors = parts.next();
    let memberships = parts.next();
    for options in [ReadOptions::default(), ReadOptions::lenient()] {
        let mut tables = CsvTables::new(
            ("statements.csv", statements),
            ("signatures.csv", signatures),
        );
        if let Some(a) = actors {
            tables = tables.with_actors("actors.csv", a);
        }
        if let Some(m) = memberships {
            tables = tables.with_memberships("memberships.csv", m);
        }
        if let Ok((ds, report)) = tables.read(&options) {
            // A loaded dataset must be internally consistent.
            assert!(ds.statements().windows(2).all(|w| w[0].date <= w[1].date));
            let _ = report;
        }
    }
}

/// Reads arbitrary bytes as a JSON dataset document (strict and lenient).
pub fn json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for options in [ReadOptions::default(), ReadOptions::lenient()] {
        let _ = from_json_str("fuzz.json", text, &options);
    }
}

/// Reads arbitrary bytes as an edge list (strict and lenient) and builds its clustering graph.
pub fn edge_list(data: &[u8]) {
    for options in [ReadOptions::default(), ReadOptions::lenient()] {
        if let Ok((list, _)) = EdgeList::from_reader("edges.csv", data, &options) {
            let _ = list.to_cluster_graph();
        }
    }
}
