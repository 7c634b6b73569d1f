//! A plain weighted edge list (`source,target[,weight]`), for clustering graphs that did not
//! come from a dataset.

use super::ReadOptions;
use super::table::{Schema, read_rows};
use crate::cluster::{ClusterError, ClusterGraph};
use crate::error::{Error, LoadReport, Problem, Result};
use crate::model::{Interner, Problems, Strictness};
use std::io::Read;
use std::path::Path;

/// `count`, `together`, `against` and `against_count` are the other columns of the edge
/// table `cosignatory graph --format csv` writes: known, so reading the tool's own output gives
/// no warning, and not used (the weight is the edge's).
const EDGES: Schema = Schema {
    required: &["source", "target"],
    optional: &["weight", "count", "together", "against", "against_count"],
    attributes: false,
    needs_rows: true,
};
const SOURCE: usize = EDGES.slot("source");
const TARGET: usize = EDGES.slot("target");
const WEIGHT: usize = EDGES.slot("weight");

/// An undirected weighted edge list with string node ids.
///
/// Node `i` is `ids[i]`; ids are sorted, so node order (and every result computed from it) does
/// not depend on row order. A missing or empty weight is 1; repeated pairs are summed by the
/// clustering graph.
///
/// ```
/// use cosignatory::io::{EdgeList, ReadOptions};
/// let text = "source,target,weight\nFRA,DEU,3\nDEU,ITA,1\nUSA,CAN,\n";
/// let (list, _) = EdgeList::from_reader("edges.csv", text.as_bytes(), &ReadOptions::default()).unwrap();
/// assert_eq!(list.ids, ["CAN", "DEU", "FRA", "ITA", "USA"]);
/// assert_eq!(list.edges[0], (2, 1, 3.0)); // FRA–DEU
/// let graph = list.to_cluster_graph().unwrap();
/// assert_eq!(graph.node_count(), 5);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeList {
    /// Node ids, sorted.
    pub ids: Vec<String>,
    /// Edges as (source index, target index, weight), in file order.
    pub edges: Vec<(usize, usize, f64)>,
}

impl EdgeList {
    /// Reads an edge list; `name` labels problem locations.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming file, line, field and value for a missing column, an empty
    /// source or target, a weight that is not a finite number, or no rows (strict mode; lenient
    /// mode skips bad rows and lists them in the report).
    pub fn from_reader<R: Read>(
        name: &str,
        reader: R,
        options: &ReadOptions,
    ) -> Result<(EdgeList, LoadReport)> {
        let mut report = LoadReport::default();
        let mut problems = Problems::new(options.strictness, &mut report);
        // Ids interned as they come (each distinct id stored once), ranked by id at the end.
        let mut interner = Interner::default();
        let mut rows: Vec<(u32, u32, f64)> = Vec::new();
        read_rows(name, reader, &EDGES, &mut problems, |row, p| {
            let source = match row.req(SOURCE) {
                Ok(s) => s,
                Err(e) => return p.push(e),
            };
            let target = match row.req(TARGET) {
                Ok(t) => t,
                Err(e) => return p.push(e),
            };
            let weight = match row.get(WEIGHT) {
                None => 1.0,
                Some(text) => match text.parse::<f64>() {
                    Ok(w) if w.is_finite() => w,
                    _ => {
                        return p.push(Problem::InvalidValue {
                            at: row.at(WEIGHT, text),
                            reason: "not a finite number".into(),
                        });
                    }
                },
            };
            rows.push((interner.intern(source), interner.intern(target), weight));
        });
        problems.check_files()?;
        if problems.mode == Strictness::Strict {
            problems.check()?;
        }
        let mut names = interner.into_strings();
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
        let mut rank = vec![0usize; names.len()];
        for (r, &key) in order.iter().enumerate() {
            rank[key as usize] = r;
        }
        let ids: Vec<String> = order
            .iter()
            .map(|&key| std::mem::take(&mut names[key as usize]).into_string())
            .collect();
        let edges = rows
            .iter()
            .map(|&(a, b, w)| (rank[a as usize], rank[b as usize], w))
            .collect();
        Ok((EdgeList { ids, edges }, report))
    }

    /// The graph for the clustering routines (node `i` = `ids[i]`).
    ///
    /// # Errors
    /// [`ClusterError`] for weights it refuses.
    pub fn to_cluster_graph(&self) -> std::result::Result<ClusterGraph, ClusterError> {
        ClusterGraph::from_edges(self.ids.len(), self.edges.iter().copied())
    }
}

/// Reads an edge-list CSV file (see [`EdgeList::from_reader`]).
///
/// # Errors
/// [`Error::Io`] if the file cannot be opened, else as [`EdgeList::from_reader`].
pub fn read_edge_list(
    path: impl AsRef<Path>,
    options: &ReadOptions,
) -> Result<(EdgeList, LoadReport)> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // The reader buffers itself.
    EdgeList::from_reader(&path.display().to_string(), file, options)
}
