//! Entry points shared by the fuzz targets (`fuzz/`) and the regression tests that replay
//! their corpus (`tests/io/fuzz_regressions.rs`). Not part of the stable API.

use crate::io::{CsvTables, EdgeList, ReadOptions, from_json_str};
use crate::time::{Span, WindowSpec};

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

/// Reads arbitrary bytes as `--window` and `--step` texts (split at the first NUL): each span
/// that parses must print back to itself, and the windows of the spec over a fixed range must
/// be a list or an error, never a panic (issue 21).
pub fn span(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (window, step) = text.split_once('\0').unwrap_or((text, ""));
    let parsed: Vec<Option<Span>> = [window, step].iter().map(|t| t.parse().ok()).collect();
    for span in parsed.iter().flatten() {
        assert_eq!(span.to_string().parse::<Span>().ok(), Some(*span));
    }
    if let Some(window) = parsed[0]
        && let Ok(spec) = WindowSpec::calendar(window, parsed[1])
    {
        // The last representable year: windows there must end on time or be refused.
        for (from, to) in [
            ("2020-01-01", "2020-12-31"),
            ("+262142-06-30", "+262142-12-31"),
        ] {
            let (Ok(from), Ok(to)) = (from.parse(), to.parse()) else {
                continue;
            };
            let _ = spec.windows(from, to);
        }
    }
}
