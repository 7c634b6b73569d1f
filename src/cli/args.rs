//! The command line, as clap derive types. Parsing only: no command logic lives here.

use chrono::NaiveDate;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use cosignatory::align::uncertainty::Resample;
use cosignatory::align::{Coding, CohesionMeasure, Measure, Universe};
use cosignatory::cluster::{Linkage, Method, QualityKind};
use cosignatory::dynamics::{SmoothingMethod, Table};
use cosignatory::graph::layout::Layout;
use cosignatory::graph::{
    BackboneMethod, BackboneOptions, Correction, Tail, TailMethod, Weighting,
};
use cosignatory::ideal::{Acceleration, IdealModel};
use cosignatory::model::BlocMode;
use cosignatory::time::{Span, Window};
use std::path::PathBuf;

/// Who signs with whom: co-signature graphs, coalitions and alignment of countries and blocs.
#[derive(Parser, Debug)]
#[command(name = "cosignatory", version, about, after_help = TOP_EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Worker threads (default: every core). Results are the same bits for every count;
    /// `--threads 1` runs everything on one thread.
    #[arg(long, global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

const TOP_EXAMPLES: &str = "\
Examples:
  cosignatory summary                          # the bundled joint statements 2014-2025
  cosignatory cluster my-data/ --from 2019-01-01 --format json
  cosignatory align --pairs USA:GBR,IND:RUS --window 1y --format csv
Without DATA every command uses the bundled dataset (see data/SOURCES.md).";

const REPORT_EXAMPLES: &str = "\
Examples:
  cosignatory report --out study.html
  cosignatory report --from 2019-01-01 --backbone disparity --pairs USA:GBR,FRA:DEU --out study.html
  cosignatory report --un-votes --from 2010-01-01 --to 2019-12-31 --pairs USA:ISR,RUS:CHN --out un.html
  cosignatory report my-data/ --weight jaccard --window 2y --seed 7 --out my-study.html
The page inlines everything (no network access, no CDN); its figures are static SVG, and a
small inlined script adds hover, pan/zoom of the network and sortable tables.";

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Counts, date range, statements per year, top signatories and blocs.
    #[command(after_help = "\
Example:
  cosignatory summary --from 2019-01-01 --bloc-mode expand --top 5")]
    Summary(SummaryArgs),
    /// The co-signature graph: weighted edges, optional backbone, export.
    #[command(after_help = "\
Examples:
  cosignatory graph --weight newman --backbone disparity --alpha 0.05
  cosignatory graph my-data/ --weight jaccard --format csv --out edges.csv
  cosignatory graph --coalitions --format gexf --out cosign.gexf")]
    Graph(GraphArgs),
    /// Coalitions: communities of the co-signature graph (or of a weighted edge list).
    #[command(after_help = "\
Examples:
  cosignatory cluster --algorithm leiden --runs 10 --seed 1 --format json
  cosignatory cluster --edges ties.csv --quality cpm --resolution 0.1
  cosignatory cluster --consensus --runs 50 --from 2019-01-01")]
    Cluster(ClusterArgs),
    /// Alignment of pairs of actors, optionally per window with bootstrap intervals.
    #[command(after_help = "\
Examples:
  cosignatory align --pairs USA:GBR,IND:RUS --measure jaccard
  cosignatory align --actor KOR --measure kappa-nominal --format csv
  cosignatory align --pairs KOR:USA --window 2y --step 1y --ci 0.95 --bootstrap 1000 --seed 7
Defaults follow the data: roll calls (all statements of kind resolution_vote) use
--coding voeten, --universe recorded and --measure kappa-quadratic; co-signature data use
--coding cosignature, --universe all (every statement of the view is an item for every actor,
\"did not sign\" coded 0) and --measure jaccard.

Measures (formula, range, undefined cases, coding, citation: docs/measures.md):
  s-absolute              Signorino-Ritter S, absolute distance          [-1, 1]
  s-squared               Signorino-Ritter S, squared distance           [-1, 1]
  kappa-nominal           Cohen's kappa                                  [-1, 1]
  kappa-linear            Cohen's kappa, linear weights                  [-1, 1]
  kappa-quadratic         Cohen's kappa, quadratic weights (Hage FPSIM)  [-1, 1]
  pi-nominal              Scott's pi                                     [-1, 1]
  pi-quadratic            Scott's pi, quadratic weights                  [-1, 1]
  alpha-nominal           Krippendorff's alpha, nominal                  <= 1
  alpha-interval          Krippendorff's alpha, interval                 <= 1
  benati-capurri          Benati-Capurri alignment index                 [-1, 1]
  kendall-tau-b           Kendall's tau-b (replication only)             [-1, 1]
  percent-agreement       share of items with the same code              [0, 1]
  voeten-agree            agreement, abstention vs yes/no counts 1/2     [0, 1]
  state-dept-coincidence  same yes/no votes over yes/no votes of both    [0, 1]
  jaccard                 a/(a+b+c)                           binary     [0, 1]
  dice                    2a/(2a+b+c)                         binary     [0, 1]
  cosine                  a/sqrt((a+b)(a+c))                  binary     [0, 1]
  overlap                 a/min(a+b, a+c)                     binary     [0, 1]
  newman                  sum of 1/(k-1) over joint statements binary    [0, inf)
  phi                     Pearson phi                         binary     [-1, 1]
  simple-matching         (a+d)/n                             binary     [0, 1]
  hypergeometric-p        P(joint >= a) under chance          binary     [0, 1]
  pmi                     pointwise mutual information, bits  binary
  npmi                    normalised PMI                      binary     [-1, 1]")]
    Align(AlignArgs),
    /// Ideal points per window: dynamic ordinal (default), ordinal or binary probit by EM.
    #[command(after_help = "\
Examples:
  cosignatory ideal --un-votes --window 1y --format csv > ideal.csv
  cosignatory ideal --un-votes --window 1y --model binary --anchor USA --bootstrap 200 --seed 1
The model, priors and the default omega are documented in docs/ideal-points.md.")]
    Ideal(IdealArgs),
    /// Cohesion of a bloc's members per window.
    #[command(after_help = "\
Example:
  cosignatory cohesion --bloc EU --measure signing-share --window 2y")]
    Cohesion(CohesionArgs),
    /// Coalitions tracked across windows, with birth, death, merge and split events.
    #[command(after_help = "\
Examples:
  cosignatory timeline --window 2y --smoothing multislice --coupling 1 --format json
  cosignatory timeline --window 1y --format csv --table events --gexf timeline.gexf")]
    Timeline(TimelineArgs),
    /// SVG figures: alignment series, clustered alignment heatmap, coalition network.
    #[command(
        subcommand,
        after_help = "\
Examples:
  cosignatory plot series --pairs KOR:USA,IND:RUS --window 2y --out series.svg
  cosignatory plot heatmap --from 2019-01-01 --top 30 --out heatmap.svg
  cosignatory plot network --backbone disparity --out network.png
SVG on stdout or to an --out path; an --out path ending in .png gives a PNG."
    )]
    Plot(PlotCommand),
    /// One self-contained HTML page of a whole study: summary, network, coalitions,
    /// alignment, coalitions over time, methods (works offline, without JavaScript too).
    #[command(after_help = REPORT_EXAMPLES)]
    Report(super::report::ReportArgs),
}

/// Where the data comes from and which part of it is used.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Data")]
pub struct DataArgs {
    /// A dataset folder of CSVs or a JSON file; the bundled joint statements when omitted.
    pub data: Option<PathBuf>,
    /// First day (YYYY-MM-DD, inclusive).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day (YYYY-MM-DD, inclusive).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Keep only statements of these kinds (joint_statement, joint_letter, declaration,
    /// resolution_vote, or any kind in the data); comma-separated or repeated.
    #[arg(long, value_delimiter = ',')]
    pub kind: Vec<String>,
    /// Keep only statements carrying one of these topics; comma-separated or repeated.
    #[arg(long, value_delimiter = ',')]
    pub topic: Vec<String>,
    /// How a bloc's own signature counts: as a node of its own, expanded to its members on
    /// the statement's date, or both.
    #[arg(long, value_parser = named(&BlocMode::ALL, BlocMode::name), default_value_t = BlocMode::AsActor)]
    pub bloc_mode: BlocMode,
    /// Add the bloc memberships of this CSV file (columns bloc, member, from, to) to the data
    /// (the UN roll calls already carry the bundled EU, NATO, G7, ASEAN, BRICS, SCO, ...).
    #[arg(long, value_name = "FILE.csv")]
    pub memberships: Option<PathBuf>,
    /// Skip bad rows (each one is reported on stderr) instead of failing.
    #[arg(long)]
    pub lenient: bool,
    /// Use the bundled UN General Assembly roll calls 1946-2019 instead of DATA, with the
    /// bundled bloc memberships (EU, NATO, G7, ASEAN, BRICS, SCO, ...; see data/SOURCES.md).
    #[cfg(feature = "un-votes")]
    #[arg(long, conflicts_with = "data")]
    pub un_votes: bool,
}

/// Output format of the tabular commands.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON.
    Json,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// How many of the most frequent signatories to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
}

/// How the co-signature graph is built.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Projection")]
pub struct ProjectionArgs {
    /// Edge weight (Newman: a statement of k signatories adds 1/(k-1) to each pair).
    #[arg(long, value_parser = named(&Weighting::ALL, Weighting::name), default_value_t = Weighting::Newman)]
    pub weight: Weighting,
    /// Signed projection: acting against each other (counter-statements, yes against no)
    /// is subtracted.
    #[arg(long)]
    pub signed: bool,
    /// Roll calls: link actors that voted the same way (instead of co-signing).
    #[arg(long)]
    pub votes: bool,
}

/// Export format of `graph`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// The strongest edges, for people.
    Table,
    /// Edge table: source,target,weight,count (+ signed columns).
    Csv,
    /// Node table: id,name,kind,statements (+ coalition).
    CsvNodes,
    /// Node-link JSON (key "edges"): networkx >= 3.6 reads it with `node_link_graph(data)`;
    /// 3.4-3.5 with `edges="edges"`; 3.0-3.3 with `link="edges"`.
    Json,
    /// GraphML (Gephi, igraph, networkx, yEd).
    Graphml,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// Graphviz DOT.
    Dot,
}

/// The backbone options shared by `graph` and `plot network`, so that the same options give
/// the same backbone and the same coalitions in both.
#[derive(Args, Debug)]
pub struct BackboneArgs {
    /// Keep only the statistically significant edges.
    #[arg(long = "backbone", id = "backbone", value_parser = named(&BackboneMethod::ALL, BackboneMethod::name), help_heading = "Backbone")]
    pub method: Option<BackboneMethod>,
    /// Significance level of the backbone.
    #[arg(long, default_value_t = 0.05, value_parser = parse_alpha, help_heading = "Backbone")]
    pub alpha: f64,
    /// Multiple-testing correction over all tested pairs (hypergeometric, sdsm, fdsm).
    #[arg(long, value_parser = named(&Correction::ALL, Correction::name), default_value_t = Correction::None, help_heading = "Backbone")]
    pub correction: Correction,
    /// Tails tested by sdsm and fdsm: upper (positive ties) or both (each at alpha/2: the
    /// signed backbone, with negative ties for pairs that co-sign less than chance).
    #[arg(long, value_parser = named(&Tail::ALL, Tail::name), default_value_t = Tail::Upper, help_heading = "Backbone")]
    pub tail: Tail,
    /// SDSM tails: auto (exact where cheap, else the refined normal approximation), exact or
    /// approximate.
    #[arg(long, value_parser = named(&TailMethod::ALL, TailMethod::name), default_value_t = TailMethod::Auto, help_heading = "Backbone")]
    pub tail_method: TailMethod,
    /// Null samples of the fdsm backbone.
    #[arg(long, default_value_t = 1000, help_heading = "Backbone")]
    pub samples: usize,
}

impl BackboneArgs {
    /// The library options, if a backbone was asked for; `seed` seeds fdsm's samples.
    pub fn options(&self, seed: u64) -> Option<BackboneOptions> {
        self.method.map(|method| BackboneOptions {
            method,
            alpha: self.alpha,
            correction: self.correction,
            tail: self.tail,
            tail_method: self.tail_method,
            samples: self.samples,
            seed,
            ..BackboneOptions::default()
        })
    }
}

#[derive(Args, Debug)]
pub struct GraphArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub projection: ProjectionArgs,
    #[command(flatten)]
    pub backbone: BackboneArgs,
    /// With --format csv: print every tested pair with its p-values (kept or not) instead of
    /// the kept edges.
    #[arg(long, requires = "backbone", help_heading = "Backbone")]
    pub all_pairs: bool,
    /// Export format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Table, help_heading = "Output")]
    pub format: GraphFormat,
    /// Write to this file instead of stdout.
    #[arg(long, short, help_heading = "Output")]
    pub out: Option<PathBuf>,
    /// Rows shown by `--format table`.
    #[arg(long, default_value_t = 20, help_heading = "Output")]
    pub top: usize,
    /// Add each actor's coalition (Leiden, modularity, best of 10 seeds from --seed) as a
    /// node attribute.
    #[arg(long, help_heading = "Output")]
    pub coalitions: bool,
    /// Seed of --coalitions and of the fdsm backbone's samples.
    #[arg(long, default_value_t = 0, help_heading = "Output")]
    pub seed: u64,
    /// With --format csv-nodes: one row per actor with its coalition (as --coalitions),
    /// strength, eigenvector, PageRank, betweenness, participation coefficient, within-module
    /// z, and a `few_statements` flag (see --min-statements): the bridges between coalitions.
    #[arg(long, help_heading = "Output")]
    pub centrality: bool,
    /// Actors in fewer statements are flagged `few_statements` by --centrality: their
    /// participation coefficient rests on one or two (often huge) statements.
    #[arg(long, default_value_t = cosignatory::graph::DEFAULT_MIN_STATEMENTS, requires = "centrality", help_heading = "Output")]
    pub min_statements: u32,
}

#[derive(Args, Debug)]
pub struct ClusterArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub projection: ProjectionArgs,
    /// Cluster this weighted edge list (CSV, header source,target[,weight]) instead of a
    /// dataset. --lenient applies to it; the options that select or project a dataset do not.
    #[arg(long, conflicts_with_all = ["data", "from", "to", "kind", "topic", "bloc_mode", "weight", "signed", "votes"], help_heading = "Data")]
    pub edges: Option<PathBuf>,
    /// Community detection algorithm.
    #[arg(long, value_parser = named(&Method::ALL, Method::name), default_value_t = Method::Leiden, help_heading = "Clustering")]
    pub algorithm: Method,
    /// Quality function optimised (and reported): modularity (signed modularity on a graph
    /// with negative weights) or cpm (Constant Potts Model, resolution = density threshold).
    #[arg(long, value_parser = named(&[QualityKind::Modularity, QualityKind::Cpm], QualityKind::name), default_value_t = QualityKind::Modularity, help_heading = "Clustering")]
    pub quality: QualityKind,
    /// Resolution γ of the quality function.
    #[arg(long, default_value_t = 1.0, value_parser = parse_resolution, help_heading = "Clustering")]
    pub resolution: f64,
    /// Seed of the random number generator (runs use seed, seed+1, ...).
    #[arg(long, default_value_t = 0, help_heading = "Clustering")]
    pub seed: u64,
    /// Number of runs: the best of them is kept (with --consensus: runs per round, default 50).
    #[arg(long, help_heading = "Clustering")]
    pub runs: Option<usize>,
    /// Consensus clustering over the runs (Lancichinetti & Fortunato 2012).
    #[arg(long, help_heading = "Clustering")]
    pub consensus: bool,
    /// Linkage of --algorithm hierarchical.
    #[arg(long, value_parser = named(&Linkage::ALL, Linkage::name), default_value_t = Linkage::Average, help_heading = "Clustering")]
    pub linkage: Linkage,
    /// Cut the hierarchical tree into exactly K clusters (default: the cut of best quality).
    #[arg(long, value_parser = parse_k, help_heading = "Clustering")]
    pub k: Option<usize>,
    /// Compare the coalitions with N degree-preserving null datasets (curveball shuffles of
    /// the signatures, clustered with the same options; seeded by --seed): z-score and
    /// empirical p of the quality, and each coalition's internal weight against the null.
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "edges",
        help_heading = "Clustering"
    )]
    pub significance: Option<usize>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Windows")]
pub struct WindowArgs {
    /// Window length: Ny, Nq or Nm (years, quarters, months), aligned to the calendar; or
    /// `session` (align only): one window per UN General Assembly session, from the statements'
    /// `session` attribute, running from the session's first to its last roll call.
    #[arg(long, value_parser = parse_window)]
    pub window: Option<WindowChoice>,
    /// Distance between window starts (default: the window length).
    #[arg(long, value_parser = parse_span, requires = "window")]
    pub step: Option<Span>,
}

/// `--window`: calendar windows of a length, or one window per General Assembly session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowChoice {
    /// Calendar windows of this length.
    Span(Span),
    /// One window per value of the `session` attribute.
    Session,
}

impl std::fmt::Display for WindowChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WindowChoice::Span(s) => s.fmt(f),
            WindowChoice::Session => f.write_str("session"),
        }
    }
}

#[derive(Args, Debug)]
pub struct AlignArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Alignment measure (default: the data's: kappa-quadratic for roll calls, jaccard for
    /// co-signatures). Formulas, ranges and citations: docs/measures.md.
    #[arg(long, value_parser = measure_parser(), help_heading = "Alignment")]
    pub measure: Option<Measure>,
    /// Pairs to score, as A:B,C:D (default: every pair).
    #[arg(long, value_delimiter = ',', value_parser = parse_pair, conflicts_with = "actor", help_heading = "Alignment")]
    pub pairs: Vec<(String, String)>,
    /// Score this actor against every other actor.
    #[arg(long, help_heading = "Alignment")]
    pub actor: Option<String>,
    /// Scores on fewer joint items are flagged `small-n` in the `flag` column and printed
    /// without interval (other flags: `undefined`, `constant` for a zero-width bootstrap
    /// interval, `partial` for a window that ends after the data's last statement).
    #[arg(long, default_value_t = cosignatory::align::DEFAULT_MIN_N, help_heading = "Alignment")]
    pub min_n: u32,
    /// Items per actor: recorded, all, or members:BLOC[+BLOC] (see below for the default).
    #[arg(long, value_parser = parse_universe, help_heading = "Alignment")]
    pub universe: Option<Universe>,
    /// How positions become codes: auto (voeten for roll calls, else cosignature),
    /// cosignature (signed 1, else 0), voeten (yes 1, abstain 2, no 3; absent missing), fpsim
    /// (voeten with absent as abstain, Häge), yes-no (yes 1, no 0; others missing).
    #[arg(long, value_parser = parse_coding, default_value = "auto", help_heading = "Alignment")]
    pub coding: CodingChoice,
    #[command(flatten)]
    pub windows: WindowArgs,
    #[command(flatten)]
    pub uncertainty: UncertaintyArgs,
    /// Test each pair for a change between two windows A:B (a permutation test of B − A), each
    /// YYYY, YYYY-YYYY (whole years) or YYYY-MM-DD..YYYY-MM-DD, e.g. 1990-1999:2010-2019.
    /// Needs --pairs or --actor; --resample resolution permutes whole resolutions.
    #[arg(long, value_parser = parse_compare, value_name = "A:B", help_heading = "Uncertainty",
          conflicts_with_all = ["window", "step", "ci", "bootstrap"])]
    pub compare: Option<(Window, Window)>,
    /// Random permutations of the --compare test.
    #[arg(long, value_parser = parse_permutations, default_value_t = 9999, help_heading = "Uncertainty")]
    pub permutations: u32,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug)]
pub struct IdealArgs {
    #[command(flatten)]
    pub model: IdealModelArgs,
    /// Also write the item parameters (statement,window_start,window_end,alpha,beta,cut,n) to
    /// this CSV file.
    #[arg(long, help_heading = "Output")]
    pub items: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The data, model and window arguments of `ideal` and `plot ideal`.
#[derive(Args, Debug)]
pub struct IdealModelArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The model: dynamic (ordinal, a random walk over windows), ordinal or binary (per window).
    #[arg(long, default_value = "dynamic", value_parser = named(&IdealModel::ALL, IdealModel::name), help_heading = "Model")]
    pub model: IdealModel,
    /// The actor whose estimate is positive (default: USA, else the actor with most votes).
    #[arg(long, help_heading = "Model")]
    pub anchor: Option<String>,
    /// Standard deviation of a step of the random walk between windows (dynamic model).
    #[arg(long, default_value_t = cosignatory::ideal::DEFAULT_OMEGA, help_heading = "Model")]
    pub omega: f64,
    /// At most this many EM iterations per fit.
    #[arg(long, default_value_t = 1000, help_heading = "Model")]
    pub max_iterations: usize,
    /// Acceleration of the EM: squarem (Varadhan & Roland 2008; same fixed point, fewer
    /// iterations, stops at a slightly different point under the tolerance) or none (plain
    /// EM, emIRT's path and results).
    #[arg(long, default_value = "squarem", value_parser = named(&Acceleration::ALL, Acceleration::name), help_heading = "Model")]
    pub acceleration: Acceleration,
    /// Items per actor: recorded, all, or members:BLOC[+BLOC] (default as for align).
    #[arg(long, value_parser = parse_universe, help_heading = "Model")]
    pub universe: Option<Universe>,
    /// How positions become codes: auto (yes-no for binary, voeten otherwise; cosignature
    /// for co-signature data), voeten, fpsim, yes-no, cosignature.
    #[arg(long, value_parser = parse_coding, default_value = "auto", help_heading = "Model")]
    pub coding: CodingChoice,
    /// Parametric bootstrap replicates (turns standard errors and intervals on).
    #[arg(long, help_heading = "Uncertainty")]
    pub bootstrap: Option<usize>,
    /// Level of the bootstrap percentile intervals.
    #[arg(long, default_value_t = 0.95, value_parser = parse_level, help_heading = "Uncertainty")]
    pub ci: f64,
    /// Seed of the bootstrap.
    #[arg(long, default_value_t = 1, help_heading = "Uncertainty")]
    pub seed: u64,
    #[command(flatten)]
    pub windows: WindowArgs,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Uncertainty")]
pub struct UncertaintyArgs {
    /// Confidence level of a percentile bootstrap interval (turns intervals on).
    #[arg(long, value_parser = parse_level)]
    pub ci: Option<f64>,
    /// Bootstrap replicates (turns intervals on; default 1000).
    #[arg(long, value_parser = parse_bootstrap)]
    pub bootstrap: Option<u32>,
    /// Seed of the bootstrap (and of the --compare permutations).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// What the bootstrap (and the --compare test) resamples: statement (each roll call or
    /// statement alone) or resolution (all roll calls with the same `unres` attribute together:
    /// paragraph and amendment votes on one resolution are not independent; a statement
    /// without `unres` is a unit of its own).
    #[arg(long, value_parser = named(&Resample::ALL, Resample::name), default_value_t = Resample::Statement)]
    pub resample: Resample,
}

#[derive(Args, Debug)]
pub struct CohesionArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The bloc (an actor with members).
    #[arg(long, help_heading = "Cohesion")]
    pub bloc: String,
    /// Cohesion measure (default: signing-share, or agreement-index for roll calls).
    #[arg(long, value_parser = named(&CohesionMeasure::ALL, CohesionMeasure::name), help_heading = "Cohesion")]
    pub measure: Option<CohesionMeasure>,
    #[command(flatten)]
    pub windows: WindowArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub projection: ProjectionArgs,
    #[command(flatten)]
    pub windows: WindowArgs,
    /// How each window's clustering is kept consistent with its neighbours': independent
    /// (every window on its own), warm-start (Leiden starts from the previous window's
    /// partition) or multislice (multislice modularity over all windows, Mucha et al. 2010).
    #[arg(long, value_parser = named(&SmoothingMethod::ALL, SmoothingMethod::name), default_value_t = SmoothingMethod::WarmStart, help_heading = "Coalitions")]
    pub smoothing: SmoothingMethod,
    /// Interslice coupling ω of --smoothing multislice.
    #[arg(long, default_value_t = 1.0, value_parser = parse_coupling, help_heading = "Coalitions")]
    pub coupling: f64,
    /// Modularity resolution γ.
    #[arg(long, default_value_t = 1.0, value_parser = parse_resolution, help_heading = "Coalitions")]
    pub resolution: f64,
    /// Seed of Leiden.
    #[arg(long, default_value_t = 0, help_heading = "Coalitions")]
    pub seed: u64,
    #[command(flatten)]
    pub output: OutputArgs,
    /// The table written by --format csv: coalitions (window, start, end, coalition, size,
    /// members), memberships (one row per actor and window: coalition, centralities), events
    /// (birth, death, merge, split, grow, shrink, continue), flows (actors moving between
    /// coalitions of consecutive windows), stability (NMI and ARI between consecutive
    /// windows), alignment (the --measure figures).
    #[arg(long, value_parser = named(&Table::ALL, Table::name), default_value_t = Table::Coalitions, help_heading = "Output")]
    pub table: Table,
    /// Add alignment figures per window: the mean of this measure over all pairs and within
    /// each tracked coalition (coding and universe as for `align`).
    #[arg(long, value_parser = measure_parser(), help_heading = "Coalitions")]
    pub measure: Option<Measure>,
    /// Also write the windows' graphs as one dynamic GEXF file (Gephi's timeline), with each
    /// actor's tracked coalition per window. Windows must not overlap.
    #[arg(long, help_heading = "Output")]
    pub gexf: Option<std::path::PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum PlotCommand {
    /// Alignment of chosen pairs over time (one line per pair, bootstrap band if asked).
    #[command(after_help = "\
Example:
  cosignatory plot series --pairs KOR:USA,IND:RUS,TUR:USA --window 2y --step 1y --out series.svg")]
    Series(PlotSeriesArgs),
    /// Alignment heatmap ordered by hierarchical clustering, with its dendrogram.
    #[command(after_help = "\
Example:
  cosignatory plot heatmap --from 2019-01-01 --top 30 --measure jaccard --out heatmap.svg")]
    Heatmap(PlotHeatmapArgs),
    /// The co-signature network, nodes coloured by coalition (Leiden).
    #[command(after_help = "\
Example:
  cosignatory plot network --from 2019-01-01 --backbone disparity --out network.svg")]
    Network(PlotNetworkArgs),
    /// Ideal points of chosen actors over time (one line per actor, bootstrap band if asked).
    #[command(after_help = "\
Example:
  cosignatory plot ideal --un-votes --actors USA,RUS,CHN,IND --out ideal.svg")]
    Ideal(PlotIdealArgs),
}

#[derive(Args, Debug)]
pub struct PlotIdealArgs {
    /// Actors to draw, comma-separated.
    #[arg(long, value_delimiter = ',', required = true, help_heading = "Model")]
    pub actors: Vec<String>,
    /// The estimation (as `cosignatory ideal`; yearly windows unless --window says otherwise).
    #[command(flatten)]
    pub ideal: IdealModelArgs,
    #[command(flatten)]
    pub figure: FigureArgs,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Figure")]
pub struct FigureArgs {
    /// Write the figure here (default: SVG on stdout); a path ending in `.png` gives a PNG.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Figure title (default: a description of the data shown).
    #[arg(long)]
    pub title: Option<String>,
    /// Width in pixels.
    #[arg(long, default_value_t = 1000)]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 700)]
    pub height: u32,
}

#[derive(Args, Debug)]
pub struct PlotSeriesArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Pairs to draw, as A:B,C:D.
    #[arg(long, value_delimiter = ',', value_parser = parse_pair, required = true, help_heading = "Alignment")]
    pub pairs: Vec<(String, String)>,
    /// Alignment measure (default: kappa-quadratic for roll calls, jaccard for co-signatures).
    #[arg(long, value_parser = measure_parser(), help_heading = "Alignment")]
    pub measure: Option<Measure>,
    /// Items per actor: recorded, all, or members:BLOC[+BLOC].
    #[arg(long, value_parser = parse_universe, help_heading = "Alignment")]
    pub universe: Option<Universe>,
    /// How positions become codes: auto (voeten for roll calls, else cosignature),
    /// cosignature (signed 1, else 0), voeten (yes 1, abstain 2, no 3; absent missing), fpsim
    /// (voeten with absent as abstain, Häge), yes-no (yes 1, no 0; others missing).
    #[arg(long, value_parser = parse_coding, default_value = "auto", help_heading = "Alignment")]
    pub coding: CodingChoice,
    #[command(flatten)]
    pub windows: WindowArgs,
    #[command(flatten)]
    pub uncertainty: UncertaintyArgs,
    #[command(flatten)]
    pub figure: FigureArgs,
}

#[derive(Args, Debug)]
pub struct PlotHeatmapArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Alignment measure (a similarity; distance = 1 - score, scaled to the measure's range;
    /// default: kappa-quadratic for roll calls, jaccard for co-signatures).
    #[arg(long, value_parser = measure_parser(), help_heading = "Alignment")]
    pub measure: Option<Measure>,
    /// Items per actor: recorded, all, or members:BLOC[+BLOC].
    #[arg(long, value_parser = parse_universe, help_heading = "Alignment")]
    pub universe: Option<Universe>,
    /// How positions become codes: auto (voeten for roll calls, else cosignature),
    /// cosignature (signed 1, else 0), voeten (yes 1, abstain 2, no 3; absent missing), fpsim
    /// (voeten with absent as abstain, Häge), yes-no (yes 1, no 0; others missing).
    #[arg(long, value_parser = parse_coding, default_value = "auto", help_heading = "Alignment")]
    pub coding: CodingChoice,
    /// These actors (A,B,C; instead of --top).
    #[arg(long, value_delimiter = ',', help_heading = "Alignment")]
    pub actors: Vec<String>,
    /// Show the N actors with the most signatures (roll calls: votes) in the view.
    #[arg(long, default_value_t = 30, help_heading = "Alignment")]
    pub top: usize,
    /// Linkage of the clustering that orders rows and columns.
    #[arg(long, value_parser = named(&Linkage::ALL, Linkage::name), default_value_t = Linkage::Average, help_heading = "Alignment")]
    pub linkage: Linkage,
    #[command(flatten)]
    pub figure: FigureArgs,
}

#[derive(Args, Debug)]
pub struct PlotNetworkArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub projection: ProjectionArgs,
    /// Draw only the backbone's edges; coalitions are then found on the backbone, as
    /// `graph --coalitions` finds them with the same options.
    #[command(flatten)]
    pub backbone: BackboneArgs,
    /// Node placement: force (seeded Fruchterman-Reingold) or circular (coalitions on arcs of
    /// a circle).
    #[arg(long, value_parser = named(&Layout::ALL, Layout::name), default_value_t = Layout::Force, help_heading = "Network")]
    pub layout: Layout,
    /// Seed of Leiden and of the layout.
    #[arg(long, default_value_t = 0, help_heading = "Network")]
    pub seed: u64,
    /// Leave out actors that took part in fewer statements.
    #[arg(long, default_value_t = 1, help_heading = "Network")]
    pub min_statements: u32,
    #[command(flatten)]
    pub figure: FigureArgs,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date; expected YYYY-MM-DD, e.g. 2024-11-05"))
}

fn parse_window(s: &str) -> Result<WindowChoice, String> {
    if s.trim().eq_ignore_ascii_case("session") {
        return Ok(WindowChoice::Session);
    }
    parse_span(s)
        .map(WindowChoice::Span)
        .map_err(|e| format!("{e}, or session (one window per UN General Assembly session)"))
}

/// `--compare A:B`: two windows (see [`Window`]'s `FromStr`).
pub(super) fn parse_compare(s: &str) -> Result<(Window, Window), String> {
    let shape = "expected A:B with A and B each YYYY, YYYY-YYYY or YYYY-MM-DD..YYYY-MM-DD, \
                 e.g. 1990-1999:2010-2019";
    let (a, b) = s
        .split_once(':')
        .ok_or_else(|| format!("{s:?} is not two windows; {shape}"))?;
    let window = |w: &str| {
        w.parse::<Window>()
            .map_err(|e: cosignatory::time::ParseWindowError| format!("in {s:?}: {e}"))
    };
    Ok((window(a)?, window(b)?))
}

fn parse_permutations(s: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(r) if r >= 1 => Ok(r),
        _ => Err(format!(
            "{s:?} is not a number of permutations of at least 1"
        )),
    }
}

fn parse_span(s: &str) -> Result<Span, String> {
    s.parse()
        .map_err(|e: cosignatory::time::ParseSpanError| e.to_string())
}

pub(super) fn parse_pair(s: &str) -> Result<(String, String), String> {
    match s.split_once(':') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_string(), b.trim().to_string()))
        }
        _ => Err(format!("{s:?} is not a pair; expected A:B, e.g. USA:GBR")),
    }
}

pub(super) fn parse_universe(s: &str) -> Result<Universe, String> {
    s.parse()
        .map_err(|e: cosignatory::align::ParseUniverseError| e.to_string())
}

/// `--coding`: a preset of the library, or `auto` (`None`: the data's default coding).
/// An alias, not `Option<Coding>`, so that clap passes "auto" to the parser.
pub type CodingChoice = Option<Coding>;

pub(super) fn parse_coding(s: &str) -> Result<CodingChoice, String> {
    if s.trim().eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|e: cosignatory::ParseNameError| e.to_string())
}

pub(super) fn parse_level(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(l) if l > 0.0 && l < 1.0 => Ok(l),
        _ => Err(format!(
            "{s:?} is not a confidence level in (0, 1), e.g. 0.95"
        )),
    }
}

/// A finite number of at least 0 (the error names the option's meaning).
fn non_negative(s: &str, what: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(format!(
            "{s:?} is not {what}: a finite number of at least 0"
        )),
    }
}

pub(super) fn parse_resolution(s: &str) -> Result<f64, String> {
    non_negative(s, "a resolution")
}

fn parse_coupling(s: &str) -> Result<f64, String> {
    non_negative(s, "an interslice coupling")
}

pub(super) fn parse_alpha(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(a) if a > 0.0 && a < 1.0 => Ok(a),
        _ => Err(format!(
            "{s:?} is not a significance level in (0, 1), e.g. 0.05"
        )),
    }
}

fn parse_bootstrap(s: &str) -> Result<u32, String> {
    use cosignatory::align::uncertainty::MAX_REPLICATES;
    match s.trim().parse::<u32>() {
        Ok(b) if (1..=MAX_REPLICATES).contains(&b) => Ok(b),
        _ => Err(format!(
            "{s:?} is not a number of bootstrap replicates from 1 to {MAX_REPLICATES}"
        )),
    }
}

fn parse_k(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(k) if k >= 1 => Ok(k),
        _ => Err(format!("{s:?} is not a number of clusters of at least 1")),
    }
}

/// Every measure name of the library, so `--help` lists them and typos are usage errors.
pub(super) fn measure_parser() -> impl TypedValueParser<Value = Measure> {
    named(&Measure::ALL, Measure::name)
}

/// A library enum parsed by its names (`ALL` and `name`), which clap lists as the possible
/// values: no mirror enum to keep in step.
pub(super) fn named<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(all.iter().map(|&t| name(t))).map(move |given| {
        *all.iter()
            .find(|&&t| name(t) == given)
            .expect("clap checked the name")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn universes_parse() {
        assert_eq!(
            parse_universe("members:EU+NATO"),
            Ok(Universe::BlocMembers(vec!["EU".into(), "NATO".into()]))
        );
        assert!(parse_universe("members:").is_err());
        assert!(parse_universe("everyone").is_err());
    }
}
