//! `cosignatory cluster`: coalitions of the co-signature graph or of a weighted edge list.

use super::args::{AlgorithmArg, ClusterArgs, Format, LinkageArg, QualityArg};
use super::common;
use super::edges;
use super::error::{CliError, CliResult};
use super::graph::projection_options;
use super::output::{self, Cell, Records};
use cosignatory::cluster::{
    ClusterGraph, ConsensusAlgorithm, ConsensusOptions, DistanceMatrix, LabelPropagationOptions,
    LeidenOptions, LouvainOptions, Partition, Quality, consensus, label_propagation, leiden,
    louvain, quality,
};
use cosignatory::graph::project_for_clustering;
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
}

pub fn run(args: &ClusterArgs) -> CliResult<()> {
    if args.consensus && args.algorithm == AlgorithmArg::Hierarchical {
        return Err(CliError::usage(
            "--consensus needs a randomised algorithm (leiden, louvain or label-propagation)",
        ));
    }
    if args.k.is_some() && args.algorithm != AlgorithmArg::Hierarchical {
        return Err(CliError::usage(
            "--k applies to --algorithm hierarchical only",
        ));
    }
    let (ids, graph) = match &args.edges {
        Some(path) => {
            let e = edges::read(path)?;
            (e.ids, e.graph)
        }
        None => {
            let ds = common::load(&args.data)?;
            let view = common::view(&ds, &args.data)?;
            // Straight to the clustering graph: large projections are not held twice.
            let (graph, actors) =
                project_for_clustering(&view, &projection_options(&args.projection))?;
            let ids = actors.iter().map(|&a| ds.actor(a).id.clone()).collect();
            (ids, graph)
        }
    };
    if graph.node_count() == 0 {
        return Err(CliError::data("the graph has no nodes: nothing to cluster"));
    }
    let c = cluster(&graph, &ids, args)?;
    output::emit(args.output.out.as_deref(), |out| match args.output.format {
        Format::Json => output::write_json(out, &to_json(&c)),
        Format::Csv => memberships(&c).write(Format::Csv, out),
        Format::Table => write_table(out, &c),
    })
}

/// The quality function asked for; modularity becomes signed modularity on a signed graph,
/// where plain modularity is undefined.
fn quality_of(graph: &ClusterGraph, arg: QualityArg, resolution: f64) -> (Quality, &'static str) {
    match arg {
        QualityArg::Cpm => (Quality::Cpm { resolution }, "cpm"),
        QualityArg::Modularity => match common::modularity_quality(graph, resolution) {
            q @ Quality::SignedModularity { .. } => (q, "signed_modularity"),
            q => (q, "modularity"),
        },
    }
}

pub fn cluster(graph: &ClusterGraph, ids: &[String], args: &ClusterArgs) -> CliResult<Coalitions> {
    let (q, q_name) = quality_of(graph, args.quality, args.resolution);
    let runs = args.runs.unwrap_or(if args.consensus { 50 } else { 1 });
    if runs == 0 {
        return Err(CliError::usage("--runs must be at least 1"));
    }
    let algorithm = match args.algorithm {
        AlgorithmArg::Leiden => "leiden",
        AlgorithmArg::Louvain => "louvain",
        AlgorithmArg::LabelPropagation => "label-propagation",
        AlgorithmArg::Hierarchical => "hierarchical",
    };
    let (partition, how) = if args.algorithm == AlgorithmArg::Hierarchical {
        hierarchical(graph, &q, args.linkage, args.k)?
    } else if args.consensus {
        let base = base_algorithm(args.algorithm, q, args.seed);
        // Co-assignment weights are fractions of runs: a CPM density threshold chosen for
        // the input's weights means nothing there, so the consensus graph uses modularity.
        let consensus_algorithm = matches!(q, Quality::Cpm { .. })
            .then(|| base_algorithm(args.algorithm, Quality::default(), args.seed));
        let spinner = common::spinner(&format!("consensus over {runs} runs per round"));
        let c = consensus(
            graph,
            &ConsensusOptions {
                algorithm: base,
                consensus_algorithm,
                runs,
                seed: args.seed,
                ..Default::default()
            },
        )?;
        spinner.finish_and_clear();
        let how = format!(
            "consensus of {runs} runs per round, {} round(s){}, mean stability {:.3}",
            c.rounds,
            if c.converged { "" } else { ", not converged" },
            c.stability.iter().sum::<f64>() / c.stability.len().max(1) as f64
        );
        (c.partition, how)
    } else {
        best_of(graph, args.algorithm, q, args.seed, runs)?
    };
    let membership = partition.membership();
    let modularity = quality(graph, membership, &common::modularity_quality(graph, 1.0)).ok();
    Ok(Coalitions {
        algorithm,
        quality_function: q_name,
        resolution: args.resolution,
        seed: (args.algorithm != AlgorithmArg::Hierarchical).then_some(args.seed),
        quality: quality(graph, membership, &q)?,
        modularity,
        communities: communities(&partition, ids),
        how,
    })
}

fn base_algorithm(a: AlgorithmArg, quality: Quality, seed: u64) -> ConsensusAlgorithm {
    match a {
        AlgorithmArg::Louvain => ConsensusAlgorithm::Louvain(LouvainOptions {
            quality,
            seed,
            ..Default::default()
        }),
        AlgorithmArg::LabelPropagation => {
            ConsensusAlgorithm::LabelPropagation(LabelPropagationOptions {
                seed,
                ..Default::default()
            })
        }
        _ => ConsensusAlgorithm::Leiden(LeidenOptions {
            quality,
            seed,
            ..Default::default()
        }),
    }
}

/// Runs seeds `seed..seed + runs` and keeps the partition of highest quality (the first on
/// ties), as the library's `leiden_best_of`, with a progress bar over the runs.
fn best_of(
    graph: &ClusterGraph,
    algorithm: AlgorithmArg,
    q: Quality,
    seed: u64,
    runs: usize,
) -> CliResult<(Partition, String)> {
    let bar = common::progress(runs as u64, "clustering runs");
    let mut best: Option<(f64, Partition)> = None;
    for i in 0..runs {
        let s = seed.wrapping_add(i as u64);
        let p = match algorithm {
            AlgorithmArg::Louvain => {
                louvain(
                    graph,
                    &LouvainOptions {
                        quality: q,
                        seed: s,
                        ..Default::default()
                    },
                )?
                .partition
            }
            AlgorithmArg::LabelPropagation => {
                label_propagation(
                    graph,
                    &LabelPropagationOptions {
                        seed: s,
                        ..Default::default()
                    },
                )?
                .partition
            }
            _ => {
                leiden(
                    graph,
                    &LeidenOptions {
                        quality: q,
                        seed: s,
                        ..Default::default()
                    },
                )?
                .partition
            }
        };
        let value = quality(graph, p.membership(), &q)?;
        if best.as_ref().is_none_or(|(b, _)| value > *b) {
            best = Some((value, p));
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let how = if runs == 1 {
        format!("one run, seed {seed}")
    } else {
        format!(
            "best of {runs} runs, seeds {seed}..{}",
            seed + runs as u64 - 1
        )
    };
    Ok((best.expect("runs >= 1").1, how))
}

/// Agglomerative clustering of `1 - w / max|w|` (no edge: distance 1), cut into `k`
/// clusters or, without `k`, where the quality function is highest (fewest clusters on ties).
fn hierarchical(
    graph: &ClusterGraph,
    q: &Quality,
    linkage: LinkageArg,
    k: Option<usize>,
) -> CliResult<(Partition, String)> {
    let n = graph.node_count();
    let max = graph
        .edges()
        .filter(|(u, v, _)| u != v)
        .map(|(_, _, w)| w.abs())
        .fold(0.0f64, f64::max);
    let mut d = vec![vec![1.0; n]; n];
    if max > 0.0 {
        for (u, v, w) in graph.edges().filter(|(u, v, _)| u != v) {
            d[u][v] = 1.0 - w / max;
            d[v][u] = d[u][v];
        }
    }
    let tree = common::tree(&DistanceMatrix::from_square(&d)?, linkage)?;
    if let Some(k) = k {
        return Ok((tree.cut_at_k(k)?, format!("tree cut into {k} clusters")));
    }
    let mut best: Option<(f64, usize, Partition)> = None;
    for k in 1..=n {
        let p = tree.cut_at_k(k)?;
        let value = quality(graph, p.membership(), q)?;
        if best.as_ref().is_none_or(|(b, _, _)| value > *b) {
            best = Some((value, k, p));
        }
    }
    let (_, k, p) = best.expect("n >= 1");
    Ok((p, format!("tree cut at the best-quality k = {k}")))
}

/// Communities as sorted id lists, largest first, ties by first id.
fn communities(p: &Partition, ids: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = p
        .communities()
        .map(|c| {
            let mut m: Vec<String> = c.iter().map(|&i| ids[i].clone()).collect();
            m.sort();
            m
        })
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
    out
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
    }
}

/// `actor,community` with communities numbered from 1 in the reported order.
fn memberships(c: &Coalitions) -> Records {
    let mut r = Records::new(&["actor", "community"]);
    let mut rows: Vec<(&str, usize)> = c
        .communities
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.iter().map(move |a| (a.as_str(), i + 1)))
        .collect();
    rows.sort();
    for (a, i) in rows {
        r.push(vec![Cell::text(a), Cell::int(i as i64)]);
    }
    r
}

fn write_table(out: &mut dyn Write, c: &Coalitions) -> std::io::Result<()> {
    let q = |v: Option<f64>| v.map_or("undefined".into(), |v| format!("{v:.4}"));
    writeln!(
        out,
        "{} ({}): {} communities",
        c.algorithm,
        c.how,
        c.communities.len()
    )?;
    writeln!(
        out,
        "quality ({}, resolution {}) {:.4}; modularity {}",
        c.quality_function,
        c.resolution,
        c.quality,
        q(c.modularity)
    )?;
    for (i, m) in c.communities.iter().enumerate() {
        writeln!(out, "\nCommunity {} ({} members)", i + 1, m.len())?;
        output::write_wrapped(out, "  ", m)?;
    }
    Ok(())
}
