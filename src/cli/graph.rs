//! `cosignatory graph`: the co-signature graph, its backbone, and its export.

use super::args::{Format, GraphArgs, GraphFormat, ProjectionArgs};
use super::common;
use super::error::CliResult;
use super::output::{self, Cell, Records};
use cosignatory::cluster::{ClusterGraph, Clustering, LeidenOptions, leiden_best_of};
use cosignatory::export::{
    NodeAttributes, write_dot, write_edge_table, write_gexf, write_graphml, write_node_link,
    write_node_table,
};
use cosignatory::graph::{BackboneOptions, CoSignGraph, Linking, ProjectionOptions, project};
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

/// Projects the view and, if asked, keeps only its backbone; returns the graph and a note
/// on what the backbone kept.
pub fn build(
    view: &View<'_>,
    projection: &ProjectionArgs,
    backbone: Option<BackboneOptions>,
) -> CliResult<(CoSignGraph, Option<String>)> {
    let g = project(view, &projection_options(projection))?;
    match backbone {
        None => Ok((g, None)),
        Some(options) => {
            let b = cosignatory::graph::backbone(&g, &options)?;
            let note = b.describe(&options);
            Ok((b.graph, Some(note)))
        }
    }
}

pub fn run(args: &GraphArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let backbone = args.backbone.map(|method| BackboneOptions {
        method,
        alpha: args.alpha,
        correction: args.correction,
    });
    let (g, note) = build(&view, &args.projection, backbone)?;
    if args.format == GraphFormat::Table {
        return output::emit(args.out.as_deref(), |out| {
            write_table(out, &g, note.as_deref(), args.top)
        });
    }
    let attributes = if args.coalitions {
        // The canonical numbering (1 = largest), as `cluster` prints it.
        let partition = coalitions(&g.to_cluster_graph()?, args.seed)?.partition;
        let ids: Vec<&str> = (0..g.node_count()).map(|i| g.id(i)).collect();
        NodeAttributes::new().with_coalitions(partition.coalition_numbers(&ids))
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
    Ok(())
}

/// Leiden coalitions of a graph: (signed) modularity, best of 10 seeds from `seed`, since
/// one run can land on a visibly worse partition of a small graph.
pub fn coalitions(cg: &ClusterGraph, seed: u64) -> CliResult<Clustering> {
    let options = LeidenOptions {
        quality: common::modularity_quality(cg, 1.0),
        seed,
        ..Default::default()
    };
    Ok(leiden_best_of(cg, &options, 10)?)
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
