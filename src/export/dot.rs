//! DOT, for Graphviz (`neato`, `fdp`, `sfdp`) and other DOT readers.

use super::NodeAttributes;
use super::output;
use super::prepared::Prepared;
use crate::error::Result;
use crate::graph::CoSignGraph;
use std::io::{self, Write};
use std::path::Path;

/// Graphviz colour scheme for coalitions: ColorBrewer `set3` with 12 colours. The coalitions
/// present, in ascending order, take its colours 1 to 12; any further ones get HSV colours
/// spread by the golden angle, so no two coalitions share a colour.
const SCHEME: &str = "set312";
const SCHEME_COLOURS: usize = 12;

/// The fill colour of the `rank`-th coalition present (0-based): a `set312` colour for the
/// first twelve, then distinct HSV colours.
fn colour(rank: usize) -> String {
    if rank < SCHEME_COLOURS {
        (rank + 1).to_string()
    } else {
        let hue = ((rank - SCHEME_COLOURS) as f64 * 0.618_033_988_75).fract();
        let value = if (rank - SCHEME_COLOURS).is_multiple_of(2) {
            0.95
        } else {
            0.8
        };
        format!("{hue:.3} 0.450 {value:.3}")
    }
}

/// Writes a graph in the DOT language as an undirected `graph`.
///
/// Every ID and value is a double-quoted string (`"` and `\` escaped with `\`). Data:
///
/// * graph: `weighting`, `signed`, `statements`;
/// * nodes (actor id as the node ID): `label` (the name), `kind`, `statements`, then
///   `coalition` and each numeric attribute if given;
/// * edges: `cosign_weight`, `count`, and for signed projections `together`, `against`,
///   `against_count`. The weight is not written as `weight`: Graphviz reads that as a layout
///   weight that must be non-negative (and an integer for `dot`).
///
/// Drawing hints: nodes are filled, with the colour of their coalition (the `set312` scheme
/// for the first twelve coalitions present, distinct HSV colours beyond; white without one); edge `penwidth` runs from 1 to 4 with |weight| relative to the
/// largest; negative edges are dashed and `firebrick`.
///
/// ```
/// use cosignatory::export::{write_dot, NodeAttributes};
/// use cosignatory::graph::{project, ProjectionOptions, Weighting};
///
/// let ds = cosignatory::datasets::joint_statements();
/// let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Count))?;
/// let mut out = Vec::new();
/// write_dot(&mut out, &g, &NodeAttributes::new())?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("graph cosignatory {\n"));
/// assert_eq!(text.matches(" -- ").count(), g.edge_count());
/// # Ok::<(), cosignatory::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for attributes that do not fit
/// the graph (see [`NodeAttributes`]) or non-finite weights; [`Error::Io`](crate::Error::Io)
/// (path `<writer>`) if writing fails.
pub fn write_dot(out: impl Write, graph: &CoSignGraph, attributes: &NodeAttributes) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    output::to_writer(out, |w| render(w, &prepared))
}

/// [`write_dot`] to a file, created or truncated.
///
/// # Errors
/// As [`write_dot`]; I/O errors carry `path`.
pub fn write_dot_file(
    path: impl AsRef<Path>,
    graph: &CoSignGraph,
    attributes: &NodeAttributes,
) -> Result<()> {
    let prepared = Prepared::new(graph, attributes)?;
    output::to_file(path.as_ref(), |w| render(w, &prepared))
}

/// A DOT double-quoted string.
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            q.push('\\');
        }
        q.push(c);
    }
    q.push('"');
    q
}

/// Writes `[k1="v1", k2="v2"]` (keys are identifiers and need no quotes).
fn attribute_list<W: Write>(w: &mut W, pairs: &[(&str, String)]) -> io::Result<()> {
    w.write_all(b"[")?;
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            w.write_all(b", ")?;
        }
        write!(w, "{key}={}", quote(value))?;
    }
    w.write_all(b"]")
}

fn render<W: Write>(mut w: W, p: &Prepared) -> io::Result<()> {
    let g = p.graph;
    writeln!(w, "graph cosignatory {{")?;
    w.write_all(b"  graph ")?;
    attribute_list(
        &mut w,
        &[
            ("weighting", g.weighting().name().to_string()),
            ("signed", g.is_signed().to_string()),
            ("statements", g.num_statements().to_string()),
        ],
    )?;
    w.write_all(b";\n  node ")?;
    attribute_list(
        &mut w,
        &[
            ("style", "filled".into()),
            ("colorscheme", SCHEME.into()),
            ("fillcolor", "white".into()),
        ],
    )?;
    w.write_all(b";\n")?;

    let mut present: Vec<usize> = p.nodes().iter().filter_map(|&n| p.coalition(n)).collect();
    present.sort_unstable();
    present.dedup();
    for &n in p.nodes() {
        let actor = p.actor(n);
        let mut pairs = vec![
            ("label", actor.name.clone()),
            ("kind", actor.kind.to_string()),
            ("statements", g.statements_of(n).to_string()),
        ];
        if let Some(c) = p.coalition(n) {
            pairs.push(("coalition", c.to_string()));
            let rank = present.binary_search(&c).unwrap_or(0);
            pairs.push(("fillcolor", colour(rank)));
        }
        for (name, values) in &p.attributes.numeric {
            pairs.push((name, values[n.index()].to_string()));
        }
        write!(w, "  {} ", quote(&actor.id))?;
        attribute_list(&mut w, &pairs)?;
        w.write_all(b";\n")?;
    }

    let largest = p
        .edges()
        .map(|(_, _, e)| p.weight(e).abs())
        .fold(0.0, f64::max);
    for (a, b, e) in p.edges() {
        let mut pairs: Vec<(&str, String)> = p
            .edge_fields()
            .iter()
            .map(|f| {
                let key = if f.name == "weight" {
                    "cosign_weight"
                } else {
                    f.name
                };
                (key, p.value(f, e).to_string())
            })
            .collect();
        let weight = p.weight(e);
        let relative = if largest > 0.0 {
            weight.abs() / largest
        } else {
            0.0
        };
        pairs.push(("penwidth", format!("{:.2}", 1.0 + 3.0 * relative)));
        if weight < 0.0 {
            pairs.push(("style", "dashed".into()));
            pairs.push(("color", "firebrick".into()));
        }
        write!(
            w,
            "  {} -- {} ",
            quote(&p.actor(a).id),
            quote(&p.actor(b).id)
        )?;
        attribute_list(&mut w, &pairs)?;
        w.write_all(b";\n")?;
    }
    w.write_all(b"}\n")
}

#[cfg(test)]
mod tests {
    use super::{colour, quote};

    #[test]
    fn coalition_colours_do_not_repeat() {
        // 126 coalitions (a backbone of the bundled data): 126 colours.
        let mut all: Vec<String> = (0..126).map(colour).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 126);
        assert_eq!(colour(0), "1");
        assert_eq!(colour(11), "12");
    }

    #[test]
    fn quotes_escape_quotes_and_backslashes_only() {
        assert_eq!(quote("Côte d'Ivoire"), "\"Côte d'Ivoire\"");
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("graph"), "\"graph\"");
    }
}
