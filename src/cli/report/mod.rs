//! `cosignatory report`: one self-contained HTML page of a whole study.
//!
//! This module gathers the study from library calls (summary, projection and backbone,
//! coalitions, centralities, layout, alignment matrix and series, timeline); `page.rs` lays
//! the page out with our small escaping writer (`html.rs`), `svg.rs` draws the figures as
//! static SVG, and `report.js` (inlined) adds hover, pan/zoom, table sorting and a self-check.

mod html;
mod page;
mod svg;

use super::align;
use super::args::{
    BackboneArgs, CodingChoice, DataArgs, ProjectionArgs, UncertaintyArgs, WindowArgs,
    measure_parser, named, parse_coding, parse_level, parse_pair, parse_resolution, parse_universe,
};
use super::common;
use super::error::{CliError, CliResult};
use super::graph::projection_options;
use super::output;
use super::plot::heatmap::{most_active, scaler};
use chrono::NaiveDate;
use clap::Args;
use cosignatory::align::{MatrixOptions, Measure, Pairs, Universe, alignment_matrix};
use cosignatory::cluster::{
    CoalitionOptions, Dendrogram, DistanceMatrix, LeidenOptions, Linkage, Quality, agglomerative,
};
use cosignatory::dynamics::{Event, Flow, SmoothingMethod, Timeline, TimelineOptions};
use cosignatory::graph::layout::Layout;
use cosignatory::graph::{
    BackboneMethod, CoSignGraph, SignificanceOptions, Weighting, backbone_of_view, betweenness,
    coalition_significance, participation_coefficient, project, strength,
};
use cosignatory::model::{View, ViewSummary};
use cosignatory::time::{Window, WindowSpec};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::path::PathBuf;

/// Arguments of `cosignatory report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub projection: ProjectionArgs,
    #[command(flatten)]
    pub windows: WindowArgs,
    /// Draw only the backbone's edges (`graph`'s backbone options; coalitions and
    /// centralities use the full graph, as `cluster` does).
    #[command(flatten)]
    pub backbone: BackboneArgs,
    /// Draw at most this many edges (the strongest by |weight|); the page says how many the
    /// graph has.
    #[arg(long, default_value_t = 1500, help_heading = "Network")]
    pub max_edges: usize,
    /// Alignment measure (default: the data's, Jaccard for co-signatures, quadratic kappa
    /// for roll calls).
    #[arg(long, value_parser = measure_parser(), help_heading = "Alignment")]
    pub measure: Option<Measure>,
    /// Items per actor: recorded, all, or members:BLOC[+BLOC] (default: the data's).
    #[arg(long, value_parser = parse_universe, help_heading = "Alignment")]
    pub universe: Option<Universe>,
    /// How positions become codes: auto, cosignature, voeten, fpsim, yes-no.
    #[arg(long, value_parser = parse_coding, default_value = "auto", help_heading = "Alignment")]
    pub coding: CodingChoice,
    /// Heatmap of the N actors with the most signatures in the view.
    #[arg(long, default_value_t = 200, help_heading = "Alignment")]
    pub top: usize,
    /// Linkage of the clustering that orders the heatmap.
    #[arg(long, value_parser = named(&Linkage::ALL, Linkage::name), default_value_t = Linkage::Average, help_heading = "Alignment")]
    pub linkage: Linkage,
    /// Pairs whose alignment series is drawn, as A:B,C:D (default: the most active actor
    /// with its most and its least aligned partner).
    #[arg(long, value_delimiter = ',', value_parser = parse_pair, help_heading = "Alignment")]
    pub pairs: Vec<(String, String)>,
    /// Bootstrap replicates of the series' bands (0: no bands).
    #[arg(long, default_value_t = 200, help_heading = "Alignment")]
    pub bootstrap: u32,
    /// Confidence level of the bands.
    #[arg(long, default_value_t = 0.95, value_parser = parse_level, help_heading = "Alignment")]
    pub ci: f64,
    /// Degree-preserving null samples (curveball) that test whether each coalition's internal
    /// weight beats chance (0: no test).
    #[arg(long, default_value_t = 20, help_heading = "Coalitions")]
    pub null_samples: usize,
    /// How each window's coalitions are kept consistent with the previous window's.
    #[arg(long, value_parser = named(&SmoothingMethod::ALL, SmoothingMethod::name), default_value_t = SmoothingMethod::WarmStart, help_heading = "Coalitions")]
    pub smoothing: SmoothingMethod,
    /// Modularity resolution γ of the coalitions (whole view and per window).
    #[arg(long, default_value_t = 1.0, value_parser = parse_resolution, help_heading = "Coalitions")]
    pub resolution: f64,
    /// Seed of Leiden, the layout, the bootstrap and the null samples.
    #[arg(long, default_value_t = 0, help_heading = "Coalitions")]
    pub seed: u64,
    /// Title of the page (default: a description of the data).
    #[arg(long, help_heading = "Output")]
    pub title: Option<String>,
    /// Write the page here (default: stdout).
    #[arg(long, short, help_heading = "Output")]
    pub out: Option<PathBuf>,
}

/// One actor of the network figure.
pub struct Node {
    pub id: String,
    pub name: String,
    /// Coalition number from 1 (the library's size order, `Partition::labelled_by_size`).
    pub coalition: usize,
    pub strength: f64,
    pub participation: Option<f64>,
    pub betweenness: Option<f64>,
    pub statements: u32,
    pub pos: (f64, f64),
}

/// The network section.
pub struct Network {
    pub nodes: Vec<Node>,
    /// Drawn edges `(a, b, weight)` over `nodes`, strongest first.
    pub edges: Vec<(usize, usize, f64)>,
    /// Edges of the drawn graph (full or backbone) before `--max-edges`.
    pub drawn_total: usize,
    /// Edges of the full graph.
    pub full_edges: usize,
    pub weighting: Weighting,
    pub signed: bool,
    pub backbone_note: Option<String>,
    pub modularity: Option<f64>,
    pub selection: String,
}

/// One coalition of the whole view.
pub struct CoalitionRow {
    pub number: usize,
    pub members: Vec<String>,
    pub internal_weight: f64,
    /// Members by participation coefficient, highest first.
    pub bridges_pc: Vec<(String, f64)>,
    /// Members by betweenness, highest first.
    pub bridges_bc: Vec<(String, f64)>,
    /// The null-model test of the internal weight, when asked for.
    pub null: Option<NullTest>,
}

/// A coalition's internal weight against degree-preserving null samples.
pub struct NullTest {
    /// Mean and standard deviation of the internal weight of the same members in the
    /// samples.
    pub mean: f64,
    pub sd: f64,
    /// `(1 + #{null ≥ observed}) / (samples + 1)`.
    pub p: f64,
    pub samples: usize,
}

/// The clustered heatmap.
pub struct Heatmap {
    /// Actor ids in leaf order.
    pub ids: Vec<String>,
    /// `cells[r][c]`: (score, n) of the actors at rows/columns `r`, `c` of the leaf order.
    pub cells: Vec<Vec<(Option<f64>, u32)>>,
    pub tree: Dendrogram,
    /// Leaf order (indices into the matrix's actor order).
    pub order: Vec<usize>,
    pub measure: Measure,
    pub coding: String,
    pub universe: String,
    /// Colour scale: (value at the low end, value at the high end, diverging around 0).
    pub scale: (f64, f64, bool),
}

/// One point of a pair's series.
pub struct SeriesPt {
    pub window: Window,
    pub value: Option<f64>,
    pub n: u32,
    pub interval: Option<(f64, f64)>,
}

/// The alignment series of chosen pairs.
pub struct Series {
    pub pairs: Vec<((String, String), Vec<SeriesPt>)>,
    pub measure: Measure,
    pub bounds: (f64, f64),
    pub band: Option<(f64, u32)>,
    pub chosen: String,
}

/// One window of the alluvial view.
pub struct AlluvialWindow {
    pub window: Window,
    pub statements: usize,
    /// (tracked coalition id or `None` for untracked communities, actors), id order,
    /// untracked last.
    pub blocks: Vec<(Option<u32>, usize)>,
    pub events: Vec<Event>,
}

/// The coalitions-over-time section.
pub struct Alluvial {
    pub windows: Vec<AlluvialWindow>,
    pub flows: Vec<Flow>,
    pub csv_events: String,
    pub csv_flows: String,
    pub csv_coalitions: String,
}

/// Everything the page shows.
pub struct Study {
    pub title: String,
    pub command: String,
    pub version: &'static str,
    pub seed: u64,
    pub source: String,
    pub summary: ViewSummary,
    pub range: (NaiveDate, NaiveDate),
    pub options: Vec<(String, String)>,
    pub network: Network,
    pub coalitions: Vec<CoalitionRow>,
    pub heatmap: Option<Heatmap>,
    pub series: Option<Series>,
    pub alluvial: Option<Alluvial>,
    pub notes: Vec<String>,
    pub projection_votes: bool,
    pub smoothing: SmoothingMethod,
    pub linkage: Linkage,
    pub backbone: Option<BackboneMethod>,
}

pub fn run(args: &ReportArgs) -> CliResult<()> {
    if args.max_edges == 0 {
        return Err(CliError::usage("--max-edges must be at least 1"));
    }
    let max = cosignatory::align::uncertainty::MAX_REPLICATES;
    if args.bootstrap > max {
        return Err(CliError::usage(format!(
            "--bootstrap {} is more than {max} replicates",
            args.bootstrap
        )));
    }
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let study = gather(&view, args)?;
    let html = page::render(&study);
    html::check(&html).map_err(CliError::data)?;
    output::emit(args.out.as_deref(), |out| out.write_all(html.as_bytes()))
}

/// The exact command line, quoted for a POSIX shell where needed.
fn command_line() -> String {
    let mut parts = Vec::new();
    for (i, a) in std::env::args_os().enumerate() {
        let a = a.to_string_lossy().into_owned();
        let a = if i == 0 {
            std::path::Path::new(&a)
                .file_name()
                .map_or(a.clone(), |f| f.to_string_lossy().into_owned())
        } else {
            a
        };
        let plain = !a.is_empty()
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./:=,+@%".contains(c));
        parts.push(if plain {
            a
        } else {
            format!("'{}'", a.replace('\'', "'\\''"))
        });
    }
    parts.join(" ")
}

fn gather(view: &View<'_>, args: &ReportArgs) -> CliResult<Study> {
    let ds = view.dataset();
    let summary = view.summary(10);
    let range = common::date_range(view, &args.data)?;
    let mut notes = Vec::new();
    let source = source_of(&args.data);
    let network = network(view, args)?;
    let (network, coalitions) = network;
    let measure = args
        .measure
        .unwrap_or_else(|| cosignatory::align::Defaults::for_view(view).measure);
    let uncertainty = UncertaintyArgs {
        ci: (args.bootstrap > 0).then_some(args.ci),
        bootstrap: (args.bootstrap > 0).then_some(args.bootstrap),
        seed: args.seed,
        resample: Default::default(),
    };
    let uncertainty = if measure == Measure::Newman && args.bootstrap > 0 {
        notes.push(
            "No bootstrap bands: Newman's measure needs each statement's signer count, which a \
             resampled pair table does not keep."
                .to_string(),
        );
        UncertaintyArgs {
            ci: None,
            bootstrap: None,
            seed: args.seed,
            resample: Default::default(),
        }
    } else {
        uncertainty
    };
    let setup = align::setup(
        ds,
        view,
        Some(measure),
        args.coding.as_ref(),
        args.universe.as_ref(),
        &uncertainty,
    )?;
    let heatmap = heatmap(view, args, &setup)?;
    if heatmap.is_none() {
        notes.push("No heatmap: fewer than two actors take part in the view.".into());
    }
    let windows = common::spec(&args.windows)?
        .unwrap_or_else(WindowSpec::years)
        .windows(range.0, range.1)?;
    let series = series(view, args, &setup, heatmap.as_ref(), &windows, &mut notes)?;
    let alluvial = alluvial(view, args, range)?;
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| format!("Co-signature study: {source}, {} to {}", range.0, range.1));
    let options: Vec<(String, String)> = vec![
        ("from".into(), range.0.to_string()),
        ("to".into(), range.1.to_string()),
        (
            "kind".into(),
            if args.data.kind.is_empty() {
                "all".into()
            } else {
                args.data.kind.join(",")
            },
        ),
        (
            "topic".into(),
            if args.data.topic.is_empty() {
                "all".into()
            } else {
                args.data.topic.join(",")
            },
        ),
        ("bloc-mode".into(), args.data.bloc_mode.to_string()),
        ("weight".into(), args.projection.weight.to_string()),
        ("signed".into(), args.projection.signed.to_string()),
        ("votes".into(), args.projection.votes.to_string()),
        (
            "backbone".into(),
            args.backbone
                .method
                .map_or("none".into(), |b| b.to_string()),
        ),
        ("alpha".into(), args.backbone.alpha.to_string()),
        ("correction".into(), args.backbone.correction.to_string()),
        ("tail".into(), args.backbone.tail.to_string()),
        ("max-edges".into(), args.max_edges.to_string()),
        ("measure".into(), setup.measure.to_string()),
        ("coding".into(), setup.coding.to_string()),
        ("universe".into(), setup.universe.to_string()),
        ("top".into(), args.top.to_string()),
        ("linkage".into(), args.linkage.to_string()),
        (
            "window".into(),
            args.windows
                .window
                .map_or("1y (calendar years)".into(), |w| w.to_string()),
        ),
        (
            "step".into(),
            args.windows
                .step
                .map(|s| s.to_string())
                .or(args.windows.window.map(|w| w.to_string()))
                .unwrap_or_else(|| "1y".into()),
        ),
        ("bootstrap".into(), args.bootstrap.to_string()),
        ("ci".into(), args.ci.to_string()),
        ("null-samples".into(), args.null_samples.to_string()),
        ("smoothing".into(), args.smoothing.to_string()),
        ("resolution".into(), args.resolution.to_string()),
        ("seed".into(), args.seed.to_string()),
    ];
    Ok(Study {
        title,
        command: command_line(),
        version: env!("CARGO_PKG_VERSION"),
        seed: args.seed,
        source,
        summary,
        range,
        options,
        network,
        coalitions,
        heatmap,
        series,
        alluvial,
        notes,
        projection_votes: args.projection.votes,
        smoothing: args.smoothing,
        linkage: args.linkage,
        backbone: args.backbone.method,
    })
}

fn source_of(data: &DataArgs) -> String {
    #[cfg(feature = "un-votes")]
    if data.un_votes {
        return "UN General Assembly roll calls (bundled, Voeten et al.)".into();
    }
    match &data.data {
        Some(p) => p.display().to_string(),
        None => "bundled joint statements".into(),
    }
}

fn network(view: &View<'_>, args: &ReportArgs) -> CliResult<(Network, Vec<CoalitionRow>)> {
    let full = project(view, &projection_options(&args.projection))?;
    if full.node_count() == 0 {
        return Err(CliError::data(
            "no actor takes part in the view: nothing to report",
        ));
    }
    let backbone_options = args.backbone.options(args.seed);
    let backbone = backbone_options
        .as_ref()
        .map(|o| backbone_of_view(view, &projection_options(&args.projection), o))
        .transpose()?;
    let backbone_note = backbone
        .as_ref()
        .zip(backbone_options.as_ref())
        .map(|(b, o)| b.describe(o));
    let coalition_options = CoalitionOptions {
        resolution: args.resolution,
        seed: args.seed,
        runs: Some(10),
        ..Default::default()
    };
    let found = full.coalitions(&coalition_options)?;
    let n = full.node_count();
    let ids: Vec<String> = (0..n).map(|v| full.id(v).to_string()).collect();
    let labelled = found.partition.labelled_by_size(&ids);
    let number: HashMap<&str, usize> = labelled
        .iter()
        .enumerate()
        .flat_map(|(k, m)| m.iter().map(move |id| (id.as_str(), k + 1)))
        .collect();
    let membership = found.partition.membership();
    let g = full.graph();
    let strengths = strength(g, |e| e.weight);
    let pc = participation_coefficient(g, |e| e.weight, membership)?;
    // Betweenness: distance 1/weight over the positive ties.
    let positive = full.filter_edges(|_, _, e| e.weight > 0.0);
    let bc: Vec<Option<f64>> = match betweenness(positive.graph(), |e| e.weight, true) {
        Ok(b) => b.into_iter().map(Some).collect(),
        Err(_) => vec![None; n],
    };
    let groups: Vec<Vec<usize>> = labelled
        .iter()
        .map(|m| {
            m.iter()
                .filter_map(|id| full.node(id))
                .map(|v| v.index())
                .collect()
        })
        .collect();
    let all_edges: Vec<(usize, usize, f64)> = g
        .edge_references()
        .map(|e| (e.source().index(), e.target().index(), e.weight().weight))
        .collect();
    // Placed by the full graph, as `plot network` does.
    let pos = Layout::Force.positions(n, &all_edges, &groups, args.seed);
    let nodes: Vec<Node> = (0..n)
        .map(|v| {
            let node = petgraph::graph::NodeIndex::new(v);
            let actor = full.actor(node);
            Node {
                id: actor.id.clone(),
                name: actor.name.clone(),
                coalition: number[actor.id.as_str()],
                strength: strengths[v],
                participation: pc[v],
                betweenness: bc[v],
                statements: full.statements_of(node),
                pos: pos[v],
            }
        })
        .collect();
    let drawn: &CoSignGraph = backbone.as_ref().map_or(&full, |b| &b.graph);
    let mut edges: Vec<(usize, usize, f64)> = drawn
        .graph()
        .edge_references()
        .filter_map(|e| {
            let a = full.node(&drawn.actor(e.source()).id)?.index();
            let b = full.node(&drawn.actor(e.target()).id)?.index();
            Some((a, b, e.weight().weight))
        })
        .collect();
    let drawn_total = edges.len();
    edges.sort_by(|x, y| {
        y.2.abs()
            .total_cmp(&x.2.abs())
            .then(x.0.cmp(&y.0))
            .then(x.1.cmp(&y.1))
    });
    edges.truncate(args.max_edges);
    let mut internal = vec![0.0f64; labelled.len()];
    for &(a, b, w) in &all_edges {
        if nodes[a].coalition == nodes[b].coalition {
            internal[nodes[a].coalition - 1] += w;
        }
    }
    let coalitions = groups
        .iter()
        .enumerate()
        .map(|(k, members)| {
            let ranked = |score: &dyn Fn(usize) -> Option<f64>| {
                let mut r: Vec<(String, f64)> = members
                    .iter()
                    .filter_map(|&v| Some((nodes[v].id.clone(), score(v)?)))
                    .collect();
                r.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                r.truncate(3);
                r
            };
            CoalitionRow {
                number: k + 1,
                members: labelled[k].clone(),
                internal_weight: internal[k],
                bridges_pc: ranked(&|v| nodes[v].participation),
                bridges_bc: ranked(&|v| nodes[v].betweenness),
                null: None,
            }
        })
        .collect::<Vec<CoalitionRow>>();
    let mut coalitions = coalitions;
    if args.null_samples > 0 {
        // The library's test (`cluster --significance`): each coalition's internal weight
        // against the same actors' in curveball shuffles of the view's incidence.
        let spinner = common::spinner("null model samples");
        let significance = coalition_significance(
            view,
            &projection_options(&args.projection),
            &coalition_options,
            &SignificanceOptions {
                samples: args.null_samples,
                seed: args.seed,
                ..SignificanceOptions::default()
            },
        )?;
        spinner.finish_and_clear();
        for c in coalitions.iter_mut() {
            c.null = significance.null_of(&c.members).map(|n| NullTest {
                mean: n.null_mean,
                sd: n.null_sd,
                p: n.p_value,
                samples: args.null_samples,
            });
        }
    }
    Ok((
        Network {
            nodes,
            edges,
            drawn_total,
            full_edges: full.edge_count(),
            weighting: full.weighting(),
            signed: full.is_signed(),
            backbone_note,
            modularity: found.modularity,
            selection: found
                .selection
                .map_or("every actor alone (no edge weight)".into(), |s| {
                    s.to_string()
                }),
        },
        coalitions,
    ))
}

fn heatmap(
    view: &View<'_>,
    args: &ReportArgs,
    setup: &cosignatory::align::SeriesOptions,
) -> CliResult<Option<Heatmap>> {
    let ids = most_active(view, args.top);
    if ids.len() < 2 {
        return Ok(None);
    }
    let m = alignment_matrix(
        view,
        &MatrixOptions {
            actors: Some(ids.iter().map(|id| id.to_string()).collect()),
            measure: setup.measure,
            coding: setup.coding,
            universe: setup.universe.clone(),
            options: setup.options,
        },
    )?;
    let (scale, at0, at1) = scaler(&m);
    let n = ids.len();
    let sim = |i: usize, j: usize| m.get(i, j).value.map(&scale);
    let dist = DistanceMatrix::from_fn(n, |i, j| 1.0 - sim(i, j).unwrap_or(0.0))?;
    let tree = agglomerative(&dist, args.linkage);
    let order = tree.leaf_order();
    let cells = order
        .iter()
        .map(|&i| {
            order
                .iter()
                .map(|&j| {
                    let s = m.get(i, j);
                    (s.value, s.n)
                })
                .collect()
        })
        .collect();
    let (lo, _) = setup.measure.bounds();
    Ok(Some(Heatmap {
        ids: order.iter().map(|&i| m.actors()[i].clone()).collect(),
        cells,
        tree,
        order,
        measure: setup.measure,
        coding: setup.coding.to_string(),
        universe: setup.universe.to_string(),
        scale: (at0, at1, lo < 0.0),
    }))
}

fn series(
    view: &View<'_>,
    args: &ReportArgs,
    setup: &cosignatory::align::SeriesOptions,
    heatmap: Option<&Heatmap>,
    windows: &[Window],
    notes: &mut Vec<String>,
) -> CliResult<Option<Series>> {
    let (pairs, chosen) = if args.pairs.is_empty() {
        // The most active actor with its most and least aligned partner in the heatmap.
        let Some(h) = heatmap else {
            return Ok(None);
        };
        let top = view.most_active(1);
        let Some(&(a, _)) = top.first() else {
            return Ok(None);
        };
        let a = view.dataset().actor(a).id.clone();
        let Some(r) = h.ids.iter().position(|x| *x == a) else {
            return Ok(None);
        };
        let mut scored: Vec<(&String, f64)> = h
            .ids
            .iter()
            .enumerate()
            .filter(|&(c, _)| c != r)
            .filter_map(|(c, id)| Some((id, h.cells[r][c].0?)))
            .collect();
        let flip = setup.measure.lower_is_closer();
        scored.sort_by(|x, y| {
            let o = y.1.total_cmp(&x.1);
            (if flip { o.reverse() } else { o }).then(x.0.cmp(y.0))
        });
        let mut pairs = Vec::new();
        if let Some(best) = scored.first() {
            pairs.push((a.clone(), best.0.clone()));
        }
        if let Some(worst) = scored.last()
            && scored.len() > 1
        {
            pairs.push((a.clone(), worst.0.clone()));
        }
        (
            pairs,
            format!(
                "the most active actor, {a}, with its most and its least aligned partner in the heatmap (choose with --pairs)"
            ),
        )
    } else {
        (args.pairs.clone(), "as given by --pairs".to_string())
    };
    if pairs.is_empty() {
        return Ok(None);
    }
    let s = align::series(view, windows, &Pairs::List(pairs.clone()), setup)?;
    for w in s.warnings() {
        notes.push(format!("Alignment: {w}"));
    }
    let bounds = setup.measure.bounds();
    let out = pairs
        .iter()
        .map(|(a, b)| {
            let pts = s
                .pair(a, b)
                .map(|p| SeriesPt {
                    window: p.window,
                    value: p.score.value,
                    n: p.score.n,
                    interval: p.interval.and_then(|ci| Some((ci.lower?, ci.upper?))),
                })
                .collect();
            ((a.clone(), b.clone()), pts)
        })
        .collect();
    Ok(Some(Series {
        pairs: out,
        measure: setup.measure,
        bounds,
        band: setup.bootstrap.map(|b| (b.level, b.replicates)),
        chosen,
    }))
}

fn alluvial(
    view: &View<'_>,
    args: &ReportArgs,
    range: (NaiveDate, NaiveDate),
) -> CliResult<Option<Alluvial>> {
    let projection = projection_options(&args.projection);
    let quality = Quality::modularity(projection.signed, args.resolution);
    let options = TimelineOptions {
        windows: common::spec(&args.windows)?.unwrap_or_else(WindowSpec::years),
        range: Some(Window::new(range.0, range.1)),
        projection,
        smoothing: args.smoothing.with_coupling(1.0),
        leiden: LeidenOptions {
            quality,
            seed: args.seed,
            ..Default::default()
        },
        ..Default::default()
    };
    let t = Timeline::build(view, &options)?;
    if t.windows.is_empty() {
        return Ok(None);
    }
    let windows = t
        .windows
        .iter()
        .map(|w| {
            let mut tracked: Vec<(u32, usize)> = Vec::new();
            let mut untracked = 0;
            for (k, c) in w.partition.communities().enumerate() {
                match w.coalitions.get(k).copied().flatten() {
                    Some(id) => tracked.push((id.0, c.len())),
                    None => untracked += c.len(),
                }
            }
            tracked.sort();
            let mut blocks: Vec<(Option<u32>, usize)> =
                tracked.into_iter().map(|(id, n)| (Some(id), n)).collect();
            if untracked > 0 {
                blocks.push((None, untracked));
            }
            AlluvialWindow {
                window: w.window,
                statements: w.statements,
                blocks,
                events: w.events.clone(),
            }
        })
        .collect();
    use cosignatory::dynamics::Table;
    Ok(Some(Alluvial {
        windows,
        flows: t.flows(),
        csv_events: t.csv(Table::Events),
        csv_flows: t.csv(Table::Flows),
        csv_coalitions: t.csv(Table::Coalitions),
    }))
}
