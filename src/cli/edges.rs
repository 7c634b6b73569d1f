//! Reading a plain weighted edge list (`source,target[,weight]`) for `cluster --edges`, with
//! every bad row reported by file, line, field and value, as the dataset readers do.

use super::error::{CliError, CliResult};
use cosignatory::cluster::ClusterGraph;
use cosignatory::{Location, Problem};
use std::collections::BTreeSet;
use std::path::Path;

/// An edge list as a clustering graph; node `i` is `ids[i]` (ids sorted, so the canonical
/// order and every result are independent of row order).
pub struct EdgeList {
    pub ids: Vec<String>,
    pub graph: ClusterGraph,
}

pub fn read(path: &Path) -> CliResult<EdgeList> {
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| match e.kind() {
            csv::ErrorKind::Io(io) => CliError::io(path, io),
            _ => CliError::data(format!("{file}: {e}")),
        })?;
    let header = reader
        .headers()
        .map_err(|e| CliError::data(format!("{file}:1: {e}")))?
        .clone();
    let column = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let mut problems = Vec::new();
    let (source, target, weight) = (column("source"), column("target"), column("weight"));
    for (name, found) in [("source", source), ("target", target)] {
        if found.is_none() {
            problems.push(Problem::MissingColumn {
                file: file.clone(),
                column: name.into(),
                found: header.iter().collect::<Vec<_>>().join(", "),
            });
        }
    }
    let (Some(source), Some(target)) = (source, target) else {
        return Err(cosignatory::Error::Invalid { problems }.into());
    };
    for h in header.iter() {
        if !["source", "target", "weight"].contains(&h.to_ascii_lowercase().as_str()) {
            eprintln!("warning: {file}:1: unknown column `{h}` ignored");
        }
    }
    let mut rows: Vec<(String, String, f64)> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem::MalformedRow {
                    file: file.clone(),
                    line: e.position().map_or(0, |p| p.line()),
                    message: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let at = |field: &str, value: &str| Location {
            file: file.clone(),
            line,
            field: field.into(),
            value: value.into(),
        };
        let mut ok = true;
        for (name, i) in [("source", source), ("target", target)] {
            if record.get(i).is_none_or(str::is_empty) {
                problems.push(Problem::EmptyField { at: at(name, "") });
                ok = false;
            }
        }
        let w = match weight.and_then(|i| record.get(i)) {
            None | Some("") => 1.0,
            Some(text) => match text.parse::<f64>() {
                Ok(w) if w.is_finite() => w,
                _ => {
                    problems.push(Problem::InvalidValue {
                        at: at("weight", text),
                        reason: "not a finite number".into(),
                    });
                    ok = false;
                    0.0
                }
            },
        };
        if ok {
            rows.push((record[source].to_string(), record[target].to_string(), w));
        }
    }
    if !problems.is_empty() {
        return Err(cosignatory::Error::Invalid { problems }.into());
    }
    if rows.is_empty() {
        return Err(cosignatory::Error::Invalid {
            problems: vec![Problem::EmptyInput { file }],
        }
        .into());
    }
    let ids: Vec<String> = rows
        .iter()
        .flat_map(|(a, b, _)| [a.clone(), b.clone()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index = |id: &str| {
        ids.binary_search_by(|x| x.as_str().cmp(id))
            .expect("collected id")
    };
    let edges: Vec<(usize, usize, f64)> = rows
        .iter()
        .map(|(a, b, w)| (index(a), index(b), *w))
        .collect();
    let graph = ClusterGraph::from_edges(ids.len(), edges)?;
    Ok(EdgeList { ids, graph })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_text(text: &str) -> CliResult<EdgeList> {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        read(f.path())
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
