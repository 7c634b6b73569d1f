//! `cluster --edges`: a plain weighted edge list (`source,target[,weight]`) read by the
//! library's reader, with every bad row located by file, line, field and value.

use super::error::CliResult;
use cosignatory::cluster::ClusterGraph;
use cosignatory::io::{ReadOptions, read_edge_list};
use std::path::Path;

/// An edge list as a clustering graph; node `i` is `ids[i]` (ids sorted, so the canonical
/// order and every result are independent of row order).
pub struct EdgeList {
    pub ids: Vec<String>,
    pub graph: ClusterGraph,
}

/// Reads the edge list; `lenient` skips bad rows, each reported on stderr (as `--lenient` does
/// for a dataset).
pub fn read(path: &Path, lenient: bool) -> CliResult<EdgeList> {
    let options = if lenient {
        ReadOptions::lenient()
    } else {
        ReadOptions::default()
    };
    let (list, report) = read_edge_list(path, &options)?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for p in &report.skipped {
        eprintln!("skipped: {p}");
    }
    if !report.skipped.is_empty() {
        eprintln!("warning: {} row(s) skipped", report.skipped.len());
    }
    let graph = list.to_cluster_graph()?;
    Ok(EdgeList {
        ids: list.ids,
        graph,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_text(text: &str) -> CliResult<EdgeList> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        read(f.path(), false)
    }

    #[test]
    fn reads_and_sorts_ids() {
        let e = read_text("source,target,weight\nB,A,2\nC,A,\n").unwrap();
        assert_eq!(e.ids, ["A", "B", "C"]);
        assert_eq!(e.graph.degree(0), 3.0);
    }

    #[test]
    fn locates_bad_rows() {
        let Err(e) = read_text("source,target,weight\nA,B,x\nA,,1\n") else {
            panic!("bad rows accepted");
        };
        let m = e.to_string();
        assert!(m.contains(":2: field `weight` = \"x\""), "{m}");
        assert!(m.contains(":3: field `target`"), "{m}");
    }

    #[test]
    fn missing_column_is_named() {
        let Err(e) = read_text("from,to\nA,B\n") else {
            panic!("accepted")
        };
        assert!(e.to_string().contains("required column `source`"));
    }
}
