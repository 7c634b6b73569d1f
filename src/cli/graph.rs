//! `cosignatory graph`: the co-signature graph, its backbone, and its export.

use super::args::{Format, GraphArgs, GraphFormat, ProjectionArgs};
use super::common;
use super::error::{CliError, CliResult};
use super::output::{self, Cell, Records};
use cosignatory::export::{
    NodeAttributes, write_dot, write_edge_table, write_gexf, write_graphml, write_node_link,
    write_node_table,
};
use cosignatory::graph::{
    Backbone, BackboneOptions, CoSignGraph, Linking, NodeRole, ProjectionOptions, backbone_of_view,
    node_roles, project,
};
use cosignatory::model::View;
use std::io::Write;

/// The projection options of the common `--weight/--signed/--votes` flags.
pub fn projection_options(args: &ProjectionArgs) -> ProjectionOptions {
    ProjectionOptions {
        linking: if args.votes {
            Linking::SameVote
        } else {
            Linking::Signatures
        },
        signed: args.signed,
        ..ProjectionOptions::new(args.weight)
    }
}

/// Projects the view and, if asked, keeps only its backbone; returns the graph, a note on
/// what the backbone kept, and the backbone itself.
pub fn build(
    view: &View<'_>,
    projection: &ProjectionArgs,
    backbone: Option<BackboneOptions>,
) -> CliResult<(CoSignGraph, Option<String>, Option<Backbone>)> {
    let projection = projection_options(projection);
    match backbone {
        None => Ok((project(view, &projection)?, None, None)),
        Some(options) => {
            let b = backbone_of_view(view, &projection, &options)?;
            let note = b.describe(&options);
            Ok((b.graph.clone(), Some(note), Some(b)))
        }
    }
}

pub fn run(args: &GraphArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let backbone = args.backbone.options(args.seed);
    let (g, note, tested) = build(&view, &args.projection, backbone)?;
    if args.all_pairs {
        if args.format != GraphFormat::Csv {
            return Err(super::error::CliError::usage(
                "--all-pairs prints a CSV table: use it with --format csv",
            ));
        }
        let b = tested.expect("--all-pairs requires --backbone");
        output::emit(args.out.as_deref(), |out| write_all_pairs(out, &b))?;
        if let Some(n) = &note {
            eprintln!("{n}");
        }
        return Ok(());
    }
    if args.format == GraphFormat::Table {
        return output::emit(args.out.as_deref(), |out| {
            write_table(out, &g, note.as_deref(), args.top)
        });
    }
    if args.centrality {
        if args.format != GraphFormat::CsvNodes {
            return Err(CliError::usage(
                "--centrality is a node table: use it with --format csv-nodes",
            ));
        }
        let roles = node_roles(&g, args.seed, args.min_statements)?;
        return output::emit(args.out.as_deref(), |out| {
            role_records(&roles).write(Format::Csv, out)
        });
    }
    let mut unassigned = 0;
    let attributes = if args.coalitions {
        // The canonical numbering (1 = largest, ties by smallest id), as `cluster` prints it;
        // actors without a tie in the graph shown are unassigned.
        let c = g.tied_coalitions(args.seed)?;
        unassigned = c.unassigned.len();
        NodeAttributes::new().with_optional_coalitions(c.coalition.iter().map(|k| k.map(|k| k + 1)))
    } else {
        NodeAttributes::new()
    };
    // Streamed: a graph of millions of edges is not held twice.
    output::emit_export(args.out.as_deref(), |out| match args.format {
        GraphFormat::Csv => write_edge_table(out, &g),
        GraphFormat::CsvNodes => write_node_table(out, &g, &attributes),
        GraphFormat::Json => write_node_link(out, &g, &attributes),
        GraphFormat::Graphml => write_graphml(out, &g, &attributes),
        GraphFormat::Gexf => write_gexf(out, &g, &attributes),
        GraphFormat::Dot => write_dot(out, &g, &attributes),
        GraphFormat::Table => unreachable!("handled above"),
    })?;
    if let Some(n) = &note {
        eprintln!("{n}");
    }
    if unassigned > 0 {
        eprintln!("{unassigned} actors without a tie are unassigned (no coalition)");
    }
    Ok(())
}

/// Every tested pair: `source,target,count,p_value[,p_lower],sign`, by actor ids.
fn write_all_pairs(out: &mut dyn Write, b: &Backbone) -> std::io::Result<()> {
    let lower = b.tests.iter().any(|t| t.p_lower.is_some());
    let mut header = vec!["source", "target", "count", "p_value"];
    if lower {
        header.push("p_lower");
    }
    header.push("sign");
    let mut r = Records::new(&header);
    let id = |v| b.graph.actor(v).id.as_str();
    let mut rows: Vec<_> = b.tests.iter().collect();
    rows.sort_by(|x, y| (id(x.a), id(x.b)).cmp(&(id(y.a), id(y.b))));
    for t in rows {
        let (a, c) = if id(t.a) <= id(t.b) {
            (t.a, t.b)
        } else {
            (t.b, t.a)
        };
        let mut row = vec![
            Cell::text(id(a)),
            Cell::text(id(c)),
            Cell::int(t.count),
            Cell::Num(Some(t.p_value)),
        ];
        if lower {
            row.push(Cell::Num(t.p_lower));
        }
        row.push(Cell::Int(i64::from(t.sign)));
        r.push(row);
    }
    r.write(Format::Csv, out)
}

fn write_table(
    out: &mut dyn Write,
    g: &CoSignGraph,
    note: Option<&str>,
    top: usize,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} actors, {} edges, {} statements; weight {}{}",
        g.node_count(),
        g.edge_count(),
        g.num_statements(),
        g.weighting(),
        if g.is_signed() { ", signed" } else { "" }
    )?;
    if let Some(n) = note {
        writeln!(out, "{n}")?;
    }
    writeln!(out, "\nStrongest {} edges", top.min(g.edge_count()))?;
    let mut r = Records::new(&["a", "b", "weight", "count", "against"]);
    for (a, b, e) in g.strongest().into_iter().take(top) {
        r.push(vec![
            Cell::text(&a.id),
            Cell::text(&b.id),
            Cell::Num(Some(e.weight)),
            Cell::int(e.count),
            Cell::int(e.against_count),
        ]);
    }
    r.write(Format::Table, out)
}

/// `graph --format csv-nodes --centrality`: one row per actor, empty where a measure is
/// undefined.
fn role_records(roles: &[NodeRole]) -> Records {
    let mut r = Records::new(&[
        "id",
        "statements",
        "coalition",
        "strength",
        "eigenvector",
        "pagerank",
        "betweenness",
        "participation",
        "within_module_z",
        "few_statements",
    ]);
    for x in roles {
        r.push(vec![
            Cell::text(&x.actor),
            Cell::int(x.statements),
            x.coalition.map_or(Cell::text(""), |c| Cell::int(c as i64)),
            Cell::Num(Some(x.strength)),
            Cell::Num(x.eigenvector),
            Cell::Num(x.pagerank),
            Cell::Num(x.betweenness),
            Cell::Num(x.participation),
            Cell::Num(Some(x.within_module_z)),
            Cell::text(if x.few_statements { "true" } else { "false" }),
        ]);
    }
    r
}
