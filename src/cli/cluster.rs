//! `cosignatory cluster`: coalitions of the co-signature graph or of a weighted edge list.

use super::args::{ClusterArgs, Format};
use super::common;
use super::edges;
use super::error::{CliError, CliResult};
use super::graph::projection_options;
use super::output::{self, Cell, Records};
use cosignatory::cluster::{ClusterGraph, CoalitionOptions, Method, find_coalitions};
use cosignatory::graph::{
    CoalitionNull, CoalitionSignificance, SignificanceOptions, coalition_significance,
    project_for_clustering,
};
use serde::Serialize;
use std::io::Write;

/// A clustering as reported: communities of ids, largest first (ties by first id).
pub struct Coalitions {
    pub algorithm: &'static str,
    pub quality_function: &'static str,
    pub resolution: f64,
    pub seed: Option<u64>,
    pub quality: f64,
    pub modularity: Option<f64>,
    pub communities: Vec<Vec<String>>,
    /// How the partition was chosen, for people ("best of 10 runs", ...).
    pub how: String,
    /// `--significance`: the coalitions against degree-preserving null datasets.
    pub significance: Option<CoalitionSignificance>,
}

impl Coalitions {
    /// The null comparison of community `i` (reported order), if computed.
    fn null_of(&self, i: usize) -> Option<&CoalitionNull> {
        self.significance.as_ref()?.null_of(&self.communities[i])
    }
}

pub fn run(args: &ClusterArgs) -> CliResult<()> {
    // Argument errors (exit 2) before any data is read; the library checks the same.
    if args.consensus && args.algorithm == Method::Hierarchical {
        return Err(CliError::usage(
            "--consensus needs a randomised algorithm (leiden, louvain or label-propagation)",
        ));
    }
    if args.k.is_some() && args.algorithm != Method::Hierarchical {
        return Err(CliError::usage(
            "--k applies to --algorithm hierarchical only",
        ));
    }
    if args.runs == Some(0) {
        return Err(CliError::usage("--runs must be at least 1"));
    }
    if args.significance == Some(0) {
        return Err(CliError::usage(
            "--significance needs at least 1 null dataset",
        ));
    }
    let mut significance = None;
    let (ids, graph) = match &args.edges {
        Some(path) => {
            #[cfg(feature = "un-votes")]
            if args.data.un_votes {
                return Err(CliError::usage(
                    "--edges and --un-votes are two inputs: give one",
                ));
            }
            let e = edges::read(path, args.data.lenient)?;
            (e.ids, e.graph)
        }
        None => {
            let ds = common::load(&args.data)?;
            let view = common::view(&ds, &args.data)?;
            // Straight to the clustering graph: large projections are not held twice.
            let (graph, actors) =
                project_for_clustering(&view, &projection_options(&args.projection))?;
            let ids = actors.iter().map(|&a| ds.actor(a).id.clone()).collect();
            if let Some(samples) = args.significance {
                significance = Some(coalition_significance(
                    &view,
                    &projection_options(&args.projection),
                    &coalition_options(args),
                    &SignificanceOptions {
                        samples,
                        seed: args.seed,
                        ..SignificanceOptions::default()
                    },
                )?);
            }
            (ids, graph)
        }
    };
    if graph.node_count() == 0 {
        return Err(CliError::data("the graph has no nodes: nothing to cluster"));
    }
    let mut c = cluster(&graph, &ids, args)?;
    c.significance = significance;
    output::emit(args.output.out.as_deref(), |out| match args.output.format {
        Format::Json => output::write_json(out, &to_json(&c)),
        Format::Csv => memberships(&c).write(Format::Csv, out),
        Format::Table => write_table(out, &c),
    })
}

fn coalition_options(args: &ClusterArgs) -> CoalitionOptions {
    CoalitionOptions {
        method: args.algorithm,
        quality: args.quality,
        resolution: args.resolution,
        seed: args.seed,
        runs: args.runs,
        consensus: args.consensus,
        linkage: args.linkage,
        k: args.k,
    }
}

pub fn cluster(graph: &ClusterGraph, ids: &[String], args: &ClusterArgs) -> CliResult<Coalitions> {
    let options = coalition_options(args);
    let runs = args.runs.unwrap_or(1);
    let bar =
        (!args.consensus && runs > 1).then(|| common::progress(runs as u64, "clustering runs"));
    let spinner = args.consensus.then(|| {
        common::spinner(&format!(
            "consensus over {} runs per round",
            args.runs.unwrap_or(50)
        ))
    });
    let report = |done: usize| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    };
    let found = find_coalitions(graph, &options, Some(&report))?;
    for b in bar.iter().chain(&spinner) {
        b.finish_and_clear();
    }
    Ok(Coalitions {
        algorithm: found.method.name(),
        quality_function: found.quality_function.name(),
        resolution: args.resolution,
        seed: found.seed,
        quality: found.quality,
        modularity: found.modularity,
        communities: found.partition.labelled_by_size(ids),
        how: found.selection.to_string(),
        significance: None,
    })
}

/// The JSON document, fields in this order.
#[derive(Serialize)]
struct Json<'a> {
    algorithm: &'a str,
    quality_function: &'a str,
    resolution: f64,
    seed: Option<u64>,
    quality: f64,
    modularity: Option<f64>,
    communities: &'a [Vec<String>],
    #[serde(skip_serializing_if = "Option::is_none")]
    significance: Option<JsonSignificance<'a>>,
}

/// `--significance` in the JSON document.
#[derive(Serialize)]
struct JsonSignificance<'a> {
    samples: usize,
    null_mean: f64,
    null_sd: f64,
    z: f64,
    p_value: f64,
    beats_chance: bool,
    /// Per community, in the reported order.
    communities: Vec<Option<&'a CoalitionNull>>,
}

fn to_json(c: &Coalitions) -> Json<'_> {
    Json {
        algorithm: c.algorithm,
        quality_function: c.quality_function,
        resolution: c.resolution,
        seed: c.seed,
        quality: c.quality,
        modularity: c.modularity,
        communities: &c.communities,
        significance: c.significance.as_ref().map(|s| JsonSignificance {
            samples: s.null_qualities.len(),
            null_mean: s.null_mean,
            null_sd: s.null_sd,
            z: s.z,
            p_value: s.p_value,
            beats_chance: s.beats_chance(0.05),
            communities: (0..c.communities.len()).map(|i| c.null_of(i)).collect(),
        }),
    }
}

/// `actor,community` with communities numbered from 1 in the reported order; with
/// `--significance` also the community's `internal_weight`, its null `null_mean`, `z` and
/// `p_value`, and the partition's `quality_z` and `quality_p`.
fn memberships(c: &Coalitions) -> Records {
    let extra = c.significance.is_some();
    let mut header = vec!["actor", "community"];
    if extra {
        header.extend([
            "internal_weight",
            "null_mean",
            "z",
            "p_value",
            "quality_z",
            "quality_p",
        ]);
    }
    let mut r = Records::new(&header);
    let mut rows: Vec<(&str, usize)> = c
        .communities
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.iter().map(move |a| (a.as_str(), i + 1)))
        .collect();
    rows.sort();
    for (a, i) in rows {
        let mut row = vec![Cell::text(a), Cell::int(i as i64)];
        if let Some(s) = &c.significance {
            let n = c.null_of(i - 1);
            row.extend([
                Cell::Num(n.map(|n| n.internal_weight)),
                Cell::Num(n.map(|n| n.null_mean)),
                Cell::Num(n.map(|n| n.z).filter(|z| z.is_finite())),
                Cell::Num(n.map(|n| n.p_value)),
                Cell::Num(Some(s.z).filter(|z| z.is_finite())),
                Cell::Num(Some(s.p_value)),
            ]);
        }
        r.push(row);
    }
    r
}

fn write_table(out: &mut dyn Write, c: &Coalitions) -> std::io::Result<()> {
    let q = |v: Option<f64>| v.map_or("undefined".into(), output::fixed4);
    writeln!(
        out,
        "{} ({}): {} communities",
        c.algorithm,
        c.how,
        c.communities.len()
    )?;
    writeln!(
        out,
        "quality ({}, resolution {}) {}; modularity {}",
        c.quality_function,
        c.resolution,
        output::fixed4(c.quality),
        q(c.modularity)
    )?;
    if let Some(s) = &c.significance {
        writeln!(out, "significance: {}", s.describe())?;
    }
    for (i, m) in c.communities.iter().enumerate() {
        writeln!(out, "\nCommunity {} ({})", i + 1, output::members(m.len()))?;
        if let Some(n) = c.null_of(i) {
            writeln!(
                out,
                "  internal weight {:.4} vs null {:.4} ± {:.4}: z = {:.2}, p = {:.4}",
                n.internal_weight, n.null_mean, n.null_sd, n.z, n.p_value
            )?;
        }
        output::write_wrapped(out, "  ", m)?;
    }
    Ok(())
}
