//! The page: sections in a fixed order (`summary`, `network`, `coalitions`, `alignment`,
//! `over-time`, `methods`), each with its figure, tables and CSV downloads.

use super::Study;
use super::html::{Writer, csv_data_uri};
use super::svg::{self, coalition_colour, num};
use cosignatory::align::Measure;
use cosignatory::dynamics::{Event, SmoothingMethod};
use cosignatory::graph::{BackboneMethod, Weighting};
use std::fmt::Write as _;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");
/// Installed first, so an error anywhere later is counted in `data-errors`.
const ERRORS: &str = "window.onerror=function(){var b=document.body||document.documentElement;\
b.setAttribute('data-errors',String(Number(b.getAttribute('data-errors')||0)+1));};";

/// A CSV field, quoted when needed.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| v.to_string())
}

fn download(w: &mut Writer, file: &str, csv: &str, label: &str) {
    w.elem(
        "a",
        &[("download", file), ("href", &csv_data_uri(csv))],
        label,
    );
}

fn svg_download(w: &mut Writer, id: &str, file: &str) {
    w.elem(
        "a",
        &[
            ("data-svg", id),
            ("download", file),
            ("href", "#"),
            ("hidden", "hidden"),
        ],
        "figure as SVG",
    );
}

/// A numeric table cell: the shown text, the exact value in `data-v` for sorting and tests.
fn num_cell(w: &mut Writer, v: Option<f64>) {
    match v {
        Some(v) => w.elem(
            "td",
            &[("class", "num"), ("data-v", &v.to_string())],
            &num(v),
        ),
        None => w.elem("td", &[("class", "num"), ("data-v", "")], "–"),
    };
}

fn int_cell(w: &mut Writer, v: usize) {
    w.elem(
        "td",
        &[("class", "num"), ("data-v", &v.to_string())],
        &v.to_string(),
    );
}

fn head(w: &mut Writer, cols: &[&str]) {
    w.open("thead", &[]).open("tr", &[]);
    for c in cols {
        w.elem("th", &[], c);
    }
    w.close("tr").close("thead");
}

pub fn render(s: &Study) -> String {
    let heat_svg = s.heatmap.as_ref().map(svg::heatmap);
    let series_svg = s.series.as_ref().map(svg::series);
    let alluvial_svg = s.alluvial.as_ref().map(svg::alluvial);
    let expect = expectations(s);
    let mut w = Writer::new();
    w.raw("<!DOCTYPE html>\n");
    w.open("html", &[("lang", "en")]).open("head", &[]);
    w.void("meta", &[("charset", "utf-8")]);
    w.void(
        "meta",
        &[
            ("name", "viewport"),
            ("content", "width=device-width, initial-scale=1"),
        ],
    );
    w.void(
        "meta",
        &[
            ("name", "generator"),
            ("content", &format!("cosignatory {}", s.version)),
        ],
    );
    w.elem("title", &[], &s.title);
    w.open("script", &[]).raw(ERRORS).close("script");
    w.open("style", &[]).raw(CSS).close("style");
    w.close("head");
    w.open("body", &[("data-expect", &expect)]);
    w.open("header", &[]);
    w.elem("h1", &[], &s.title);
    w.elem(
        "p",
        &[],
        &format!(
            "cosignatory {} · seed {} · {} to {}",
            s.version, s.seed, s.range.0, s.range.1
        ),
    );
    w.open("nav", &[]);
    for (id, name) in [
        ("summary", "Summary"),
        ("network", "Network"),
        ("coalitions", "Coalitions"),
        ("alignment", "Alignment"),
        ("over-time", "Over time"),
        ("methods", "Methods"),
    ] {
        w.elem("a", &[("href", &format!("#{id}"))], name);
    }
    w.close("nav").close("header");
    w.open("main", &[]);
    summary(&mut w, s);
    network(&mut w, s);
    coalitions(&mut w, s);
    alignment(&mut w, s, heat_svg.as_deref(), series_svg.as_deref());
    over_time(&mut w, s, alluvial_svg.as_deref());
    methods(&mut w, s);
    w.close("main");
    w.elem(
        "footer",
        &[],
        &format!(
            "Made by cosignatory {} with `{}`. Self-contained: no network access needed.",
            s.version, s.command
        ),
    );
    w.open("script", &[]).raw(JS).close("script");
    w.close("body").close("html");
    w.raw("\n");
    w.finish()
}

/// What the page's self-check must find: `key=count` pairs.
fn expectations(s: &Study) -> String {
    let n = s.heatmap.as_ref().map_or(0, |h| h.ids.len());
    let points = s.series.as_ref().map_or(0, |x| {
        x.pairs
            .iter()
            .flat_map(|(_, p)| p)
            .filter(|p| p.value.is_some())
            .count()
    });
    let (flows, blocks, events) = s.alluvial.as_ref().map_or((0, 0, 0), |a| {
        let blocks = a.windows.iter().map(|w| w.blocks.len()).sum();
        let events = a
            .windows
            .iter()
            .flat_map(|w| &w.events)
            .filter(|e| {
                matches!(
                    e,
                    Event::Birth { .. }
                        | Event::Death { .. }
                        | Event::Merge { .. }
                        | Event::Split { .. }
                )
            })
            .count();
        (a.flows.len(), blocks, events)
    });
    format!(
        "nodes={} edges={} cells={} pairs={} points={points} flows={flows} blocks={blocks} \
         events={events} sections=6 hover={}",
        s.network.nodes.len(),
        s.network.edges.len(),
        n * n,
        n * n.saturating_sub(1) / 2,
        usize::from(!s.network.nodes.is_empty()) + usize::from(n > 1)
    )
}

fn fact(w: &mut Writer, name: &str, id: &str, value: &str) {
    w.elem("dt", &[], name);
    w.elem("dd", &[("id", id)], value);
}

fn summary(w: &mut Writer, s: &Study) {
    let sum = &s.summary;
    w.open("section", &[("id", "summary")]);
    w.elem("h2", &[], "Summary");
    w.open("dl", &[("class", "facts")]);
    fact(w, "Data", "fact-source", &s.source);
    fact(
        w,
        "Statements",
        "fact-statements",
        &sum.statements.to_string(),
    );
    fact(
        w,
        "Signatures",
        "fact-signatures",
        &sum.signatures.to_string(),
    );
    fact(
        w,
        "Actors taking part",
        "fact-actors",
        &sum.actors.to_string(),
    );
    let dates = match (sum.first_date, sum.last_date) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        _ => "none".into(),
    };
    fact(w, "Statement dates", "fact-dates", &dates);
    fact(w, "Bloc mode", "fact-bloc-mode", sum.bloc_mode.name());
    fact(w, "cosignatory version", "fact-version", s.version);
    fact(w, "Seed", "fact-seed", &s.seed.to_string());
    w.close("dl");
    w.elem("h3", &[], "Command");
    w.elem("pre", &[("class", "cmd"), ("id", "command")], &s.command);
    for n in &s.notes {
        w.elem("p", &[("class", "note")], n);
    }
    w.open("div", &[("class", "cols")]);
    w.open("div", &[]);
    w.elem("h3", &[], "Statements per year");
    let max = sum.per_year.values().copied().max().unwrap_or(1).max(1);
    w.open("table", &[("id", "per-year")]);
    head(w, &["year", "statements"]);
    w.open("tbody", &[]);
    for (y, n) in &sum.per_year {
        w.open("tr", &[]);
        w.elem("td", &[], &y.to_string());
        w.open("td", &[("class", "num"), ("data-v", &n.to_string())]);
        w.text(&n.to_string());
        w.elem(
            "span",
            &[
                ("class", "bar"),
                ("style", &format!("width:{}px", 1 + 120 * n / max)),
            ],
            "",
        );
        w.close("td").close("tr");
    }
    w.close("tbody").close("table");
    w.close("div");
    w.open("div", &[]);
    w.elem("h3", &[], "Statements per kind");
    w.open("table", &[]);
    head(w, &["kind", "statements"]);
    w.open("tbody", &[]);
    for (k, n) in &sum.per_kind {
        w.open("tr", &[]);
        w.elem("td", &[], k);
        int_cell(w, *n);
        w.close("tr");
    }
    w.close("tbody").close("table");
    w.elem("h3", &[], "Most active actors");
    w.open("table", &[("class", "sortable")]);
    head(w, &["actor", "name", "statements"]);
    w.open("tbody", &[]);
    for a in &sum.top_signatories {
        w.open("tr", &[]);
        w.elem("td", &[], &a.id);
        w.elem("td", &[], &a.name);
        int_cell(w, a.statements);
        w.close("tr");
    }
    w.close("tbody").close("table");
    w.close("div").close("div");
    w.close("section");
}

fn network(w: &mut Writer, s: &Study) {
    let net = &s.network;
    w.open("section", &[("id", "network")]);
    w.elem("h2", &[], "Network");
    let groups = s.coalitions.len();
    let mut caption = format!(
        "The co-signature graph of {} actors ({} weights{}{}): {} edges, {} drawn{}. Nodes are \
         coloured by coalition (Leiden, {}; {} coalitions{}) and sized by strength; positions \
         come from the seeded force layout (seed {}), computed by the library. Hover a node \
         for its name, coalition, strength and participation coefficient; drag to pan, wheel \
         to zoom.",
        net.nodes.len(),
        net.weighting,
        if net.signed { ", signed" } else { "" },
        if s.projection_votes {
            ", same votes"
        } else {
            ""
        },
        net.full_edges,
        net.edges.len(),
        if net.edges.len() < net.drawn_total {
            format!(
                " (the strongest of the {} {} edges)",
                net.drawn_total,
                if net.backbone_note.is_some() {
                    "backbone"
                } else {
                    "graph's"
                }
            )
        } else if net.backbone_note.is_some() {
            " (the backbone's)".to_string()
        } else {
            String::new()
        },
        net.selection,
        groups,
        net.modularity
            .map(|q| format!(", modularity {}", num(q)))
            .unwrap_or_default(),
        s.seed
    );
    if let Some(note) = &net.backbone_note {
        let _ = write!(caption, " Backbone: {note}.");
    }
    w.elem("p", &[("class", "caption")], &caption);
    w.open("div", &[("class", "tools")]);
    for (z, label) in [("0.8", "zoom in"), ("1.25", "zoom out"), ("reset", "reset")] {
        w.elem(
            "button",
            &[("type", "button"), ("data-zoom", z), ("hidden", "hidden")],
            label,
        );
    }
    svg_download(w, "network-svg", "network.svg");
    let mut nodes =
        String::from("actor,name,coalition,strength,participation,betweenness,statements,x,y\n");
    for n in &net.nodes {
        let _ = writeln!(
            nodes,
            "{},{},{},{},{},{},{},{},{}",
            field(&n.id),
            field(&n.name),
            n.coalition,
            n.strength,
            opt(n.participation),
            opt(n.betweenness),
            n.statements,
            n.pos.0,
            n.pos.1
        );
    }
    download(w, "actors.csv", &nodes, "actors (CSV)");
    let mut edges = String::from("source,target,weight\n");
    for &(a, b, wt) in &net.edges {
        let _ = writeln!(
            edges,
            "{},{},{wt}",
            field(&net.nodes[a].id),
            field(&net.nodes[b].id)
        );
    }
    download(w, "edges.csv", &edges, "drawn edges (CSV)");
    w.close("div");
    w.open("div", &[("class", "figure")]);
    w.raw(&svg::network(net));
    w.close("div");
    w.close("section");
}

fn coalitions(w: &mut Writer, s: &Study) {
    w.open("section", &[("id", "coalitions")]);
    w.elem("h2", &[], "Coalitions");
    w.elem(
        "p",
        &[("class", "caption")],
        "Coalitions of the whole view, numbered by size as `cosignatory cluster` numbers them. \
         Internal weight: the sum of edge weights inside the coalition. Bridges: the members \
         with the highest participation coefficient (ties spread over other coalitions) and \
         betweenness (shortest paths through them, distance 1/weight). Beats chance: the \
         internal weight against the same members' internal weight in degree-preserving \
         random samples of the view (curveball, see Methods); yes when p < 0.05.",
    );
    let mut csv = String::from(
        "coalition,size,internal_weight,members,bridges_participation,bridges_betweenness\n",
    );
    let list = |v: &[(String, f64)]| {
        v.iter()
            .map(|(id, x)| format!("{id} {}", num(*x)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    for c in &s.coalitions {
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{},{},{}",
            c.number,
            c.members.len(),
            c.internal_weight,
            opt(c.null.as_ref().map(|t| t.mean)),
            opt(c.null.as_ref().map(|t| t.sd)),
            opt(c.null.as_ref().map(|t| t.p)),
            field(&c.members.join(";")),
            field(&list(&c.bridges_pc)),
            field(&list(&c.bridges_bc))
        );
    }
    w.open("div", &[("class", "tools")]);
    download(w, "coalitions.csv", &csv, "coalitions (CSV)");
    w.close("div");
    w.open("table", &[("class", "sortable"), ("id", "coalition-table")]);
    head(
        w,
        &[
            "coalition",
            "size",
            "internal weight",
            "beats chance",
            "bridges (participation)",
            "bridges (betweenness)",
            "members",
        ],
    );
    w.open("tbody", &[]);
    for c in &s.coalitions {
        w.open("tr", &[("data-coalition", &c.number.to_string())]);
        w.open("td", &[("data-v", &c.number.to_string())]);
        w.elem(
            "span",
            &[
                ("class", "swatch"),
                (
                    "style",
                    &format!("background:{}", coalition_colour(c.number)),
                ),
            ],
            "",
        );
        w.text(&c.number.to_string());
        w.close("td");
        int_cell(w, c.members.len());
        num_cell(w, Some(c.internal_weight));
        match &c.null {
            Some(t) => w.elem(
                "td",
                &[("data-v", &t.p.to_string()), ("class", "null")],
                &format!(
                    "{}: p = {} (null {} ± {}, {} samples)",
                    if t.p < 0.05 {
                        "yes"
                    } else if t.samples < 19 {
                        // p cannot go below 1 / (samples + 1) ≥ 0.05.
                        "too few samples to tell"
                    } else {
                        "no"
                    },
                    num(t.p),
                    num(t.mean),
                    num(t.sd),
                    t.samples
                ),
            ),
            None => w.elem("td", &[("data-v", "")], "not tested"),
        };
        w.elem("td", &[], &list(&c.bridges_pc));
        w.elem("td", &[], &list(&c.bridges_bc));
        w.elem("td", &[("class", "members")], &c.members.join(" "));
        w.close("tr");
    }
    w.close("tbody").close("table");
    w.close("section");
}

fn alignment(w: &mut Writer, s: &Study, heat: Option<&str>, series: Option<&str>) {
    w.open("section", &[("id", "alignment")]);
    w.elem("h2", &[], "Alignment");
    if let (Some(h), Some(svg)) = (&s.heatmap, heat) {
        w.elem(
            "p",
            &[("class", "caption")],
            &format!(
                "{} between the {} most active actors (coding {}, universe {}), rows and \
                 columns ordered by {} linkage clustering of the alignment (dendrogram above). \
                 {} Grey: undefined (no joint items). Hover a cell for the pair, score and n.",
                h.measure,
                h.ids.len(),
                h.coding,
                h.universe,
                s.linkage,
                if h.scale.2 {
                    "Diverging colours centred at 0: blue aligned, red opposed."
                } else {
                    "Darker: more aligned."
                }
            ),
        );
        let mut csv = String::from("a,b,measure,score,n\n");
        for (r, row) in h.cells.iter().enumerate() {
            for (c, &(v, n)) in row.iter().enumerate().skip(r + 1) {
                let _ = writeln!(
                    csv,
                    "{},{},{},{},{n}",
                    field(&h.ids[r]),
                    field(&h.ids[c]),
                    h.measure,
                    opt(v)
                );
            }
        }
        w.open("div", &[("class", "tools")]);
        svg_download(w, "heatmap-svg", "heatmap.svg");
        download(w, "alignment.csv", &csv, "pair scores (CSV)");
        w.close("div");
        w.open("div", &[("class", "figure")]).raw(svg).close("div");
    }
    if let (Some(x), Some(svg)) = (&s.series, series) {
        w.elem("h3", &[], "Pairs over time");
        w.elem(
            "p",
            &[("class", "caption")],
            &format!(
                "{} per window for {}{}. Points at the middle of each window; lines break \
                 where the score is undefined.",
                x.measure,
                x.chosen,
                x.band
                    .map(|(l, b)| format!(
                        "; bands: {:.0}% percentile bootstrap intervals over {b} resamples of the items",
                        l * 100.0
                    ))
                    .unwrap_or_default()
            ),
        );
        let mut csv = String::from("a,b,window_start,window_end,measure,score,n,ci_low,ci_high\n");
        for ((a, b), pts) in &x.pairs {
            for p in pts {
                let _ = writeln!(
                    csv,
                    "{},{},{},{},{},{},{},{},{}",
                    field(a),
                    field(b),
                    p.window.start,
                    p.window.end,
                    x.measure,
                    opt(p.value),
                    p.n,
                    opt(p.interval.map(|i| i.0)),
                    opt(p.interval.map(|i| i.1))
                );
            }
        }
        w.open("div", &[("class", "tools")]);
        svg_download(w, "series-svg", "series.svg");
        download(w, "series.csv", &csv, "series (CSV)");
        w.close("div");
        w.open("div", &[("class", "figure")]).raw(svg).close("div");
    }
    w.close("section");
}

fn over_time(w: &mut Writer, s: &Study, svg: Option<&str>) {
    w.open("section", &[("id", "over-time")]);
    w.elem("h2", &[], "Over time");
    if let (Some(a), Some(svg)) = (&s.alluvial, svg) {
        w.elem(
            "p",
            &[("class", "caption")],
            &format!(
                "Coalitions found in each window ({} in all, {} smoothing) and tracked across \
                 windows (C1, C2, …: tracked ids; grey: communities too small to track). \
                 Bands: actors moving between coalitions of consecutive windows. Markers: \
                 birth (green circle), death (red cross, below the column when the coalition \
                 is gone), merge (purple diamond), split (orange triangle). Ideal points are \
                 not estimated by this version.",
                a.windows.len(),
                s.smoothing
            ),
        );
        w.open("div", &[("class", "tools")]);
        svg_download(w, "alluvial-svg", "alluvial.svg");
        download(
            w,
            "timeline-coalitions.csv",
            &a.csv_coalitions,
            "coalitions per window (CSV)",
        );
        download(w, "timeline-events.csv", &a.csv_events, "events (CSV)");
        download(w, "timeline-flows.csv", &a.csv_flows, "flows (CSV)");
        w.close("div");
        w.open("div", &[("class", "figure")]).raw(svg).close("div");
        w.elem("h3", &[], "Events");
        w.open("table", &[("class", "sortable"), ("id", "event-table")]);
        head(w, &["window", "statements", "event"]);
        w.open("tbody", &[]);
        for win in &a.windows {
            for e in &win.events {
                if matches!(
                    e,
                    Event::Continue { .. } | Event::Grow { .. } | Event::Shrink { .. }
                ) {
                    continue;
                }
                w.open("tr", &[]);
                w.elem(
                    "td",
                    &[],
                    &format!("{} to {}", win.window.start, win.window.end),
                );
                int_cell(w, win.statements);
                w.elem("td", &[], &e.to_string());
                w.close("tr");
            }
        }
        w.close("tbody").close("table");
    } else {
        w.elem("p", &[("class", "note")], "No windows: nothing to track.");
    }
    w.close("section");
}

fn method(w: &mut Writer, name: &str, formula: &str, text: &str) {
    w.elem("dt", &[], name);
    w.open("dd", &[]);
    if !formula.is_empty() {
        w.elem("span", &[("class", "formula")], formula);
        w.text(" ");
    }
    w.text(text);
    w.close("dd");
}

fn weighting_method(wt: Weighting) -> (&'static str, &'static str) {
    match wt {
        Weighting::Count => (
            "w_ij = Σ_k a_ik a_jk",
            "the number of statements both signed.",
        ),
        Weighting::Newman => (
            "w_ij = Σ_k a_ik a_jk / (n_k − 1)",
            "each statement k with n_k signatories adds 1/(n_k − 1) to each pair, so large \
             joint statements count less (Newman 2001, Phys. Rev. E 64, 016132).",
        ),
        Weighting::Jaccard => (
            "w_ij = |S_i ∩ S_j| / |S_i ∪ S_j|",
            "shared statements over statements either signed (Jaccard 1901).",
        ),
        Weighting::Cosine => (
            "w_ij = |S_i ∩ S_j| / √(|S_i| |S_j|)",
            "cosine similarity of the signature vectors (Salton & McGill 1983).",
        ),
        Weighting::Overlap => (
            "w_ij = |S_i ∩ S_j| / min(|S_i|, |S_j|)",
            "overlap coefficient (Szymkiewicz–Simpson).",
        ),
        Weighting::Hypergeometric => (
            "w_ij = −log10 P(X ≥ |S_i ∩ S_j|), X ~ Hypergeometric(N, |S_i|, |S_j|)",
            "how unlikely co-signing this often is by chance (Tumminello et al. 2011, PLoS ONE \
             6:e17994; Neal 2013).",
        ),
        _ => ("", "see docs/measures.md."),
    }
}

fn measure_method(m: Measure) -> (&'static str, &'static str) {
    match m {
        Measure::Jaccard => (
            "J = a / (a + b + c)",
            "a: items both signed, b and c: items only one signed (Jaccard 1901).",
        ),
        Measure::Dice => ("D = 2a / (2a + b + c)", "Dice (1945)."),
        Measure::Cosine => ("a / √((a + b)(a + c))", "Ochiai/cosine coefficient."),
        Measure::Phi => (
            "φ = (ad − bc) / √((a+b)(c+d)(a+c)(b+d))",
            "Pearson correlation of two binary vectors, in [−1, 1].",
        ),
        Measure::KappaNominal => (
            "κ = (p_o − p_e) / (1 − p_e)",
            "observed agreement corrected for the agreement expected from each actor's own \
             distribution of positions (Cohen 1960, Educ. Psychol. Meas. 20:37).",
        ),
        Measure::KappaLinear | Measure::KappaQuadratic => (
            "κ_w = 1 − Σ_kl v_kl o_kl / Σ_kl v_kl e_kl, v_kl = |k − l| (linear) or (k − l)² (quadratic)",
            "weighted kappa on the ordered yes/abstain/no codes (Cohen 1968, Psychol. Bull. \
             70:213); for foreign-policy similarity see Häge (2011), Political Analysis 19:287.",
        ),
        Measure::SAbsolute | Measure::SSquared => (
            "S = 1 − 2 Σ d(x_k, y_k) / (n d_max)",
            "Signorino & Ritter (1999), Int. Stud. Q. 43:115; d absolute or squared distance \
             between codes.",
        ),
        Measure::PercentAgreement => (
            "p_o = (1/n) Σ_k [x_k = y_k]",
            "the share of joint items with the same position.",
        ),
        Measure::VoetenAgree => (
            "A = (1/n) Σ_k (1 − |x_k − y_k| / 2)",
            "Voeten (2000), International Organization 54:185: same vote 1, yes or no against \
             abstain ½, opposite votes 0.",
        ),
        _ => ("", "definition and citation in docs/measures.md."),
    }
}

fn methods(w: &mut Writer, s: &Study) {
    let net = &s.network;
    w.open("section", &[("id", "methods"), ("class", "methods")]);
    w.elem("h2", &[], "Methods");
    w.open("dl", &[]);
    let (f, t) = weighting_method(net.weighting);
    method(w, &format!("Edge weight: {}", net.weighting), f, t);
    if let Some(b) = s.backbone {
        let (f, t) = match b {
            BackboneMethod::Disparity => (
                "α_ij = (1 − w_ij / s_i)^(k_i − 1)",
                "disparity filter: an edge is kept when α_ij < alpha at either end (Serrano, \
                 Boguñá & Vespignani 2009, PNAS 106:6483).",
            ),
            _ => (
                "p_ij = P(X ≥ |S_i ∩ S_j|), X ~ Hypergeometric(N, |S_i|, |S_j|)",
                "statistically validated network: an edge is kept when p_ij < alpha after the \
                 chosen correction (Tumminello et al. 2011, PLoS ONE 6:e17994).",
            ),
        };
        method(w, &format!("Backbone: {b}"), f, t);
    }
    method(
        w,
        "Coalitions: Leiden, modularity",
        "Q = (1/2m) Σ_ij [w_ij − γ s_i s_j / 2m] δ(c_i, c_j)",
        "Leiden (Traag, Waltman & van Eck 2019, Sci. Rep. 9:5233) maximises modularity \
         (Newman & Girvan 2004, Phys. Rev. E 69:026113) at resolution γ; signed modularity \
         (Gómez, Jensen & Arenas 2009) on signed graphs. Best of 10 runs from the seed; \
         coalitions numbered by size, ties by first member id.",
    );
    if let Some(t) = s.coalitions.iter().find_map(|c| c.null.as_ref()) {
        method(
            w,
            "Beats chance",
            "p = (1 + #{W_null ≥ W_obs}) / (R + 1)",
            &format!(
                "W: a coalition's internal weight; W_null: the same members' internal weight \
                 in each of R = {} samples of the fixed degree sequence model (every actor \
                 keeps its number of signatures, every statement its signatories), drawn by \
                 20 rounds of global curveball trades (Strona et al. 2014, Nat. Commun. \
                 5:4114; Carstens, Berger & Strona 2018) on the view's statements and \
                 projected like the observed graph.",
                t.samples
            ),
        );
    }
    method(
        w,
        "Strength",
        "s_i = Σ_j w_ij",
        "weighted degree (Barrat et al. 2004, PNAS 101:3747); node size in the network.",
    );
    method(
        w,
        "Participation coefficient",
        "P_i = 1 − Σ_c (s_ic / s_i)²",
        "s_ic: weight from i to coalition c. 0 when all ties stay inside the coalition, near 1 \
         for bridges (Guimerà & Amaral 2005, Nature 433:895).",
    );
    method(
        w,
        "Betweenness",
        "b_v = Σ_{s≠v≠t} σ_st(v) / σ_st · 2 / ((n − 1)(n − 2))",
        "share of shortest paths through v, distance 1/w over the positive ties, normalised as \
         in networkx (Freeman 1977, Sociometry 40:35; Brandes 2001, J. Math. Sociol. 25:163).",
    );
    method(
        w,
        "Layout",
        "",
        "seeded Fruchterman–Reingold force-directed placement with attraction scaled by weight \
         (Fruchterman & Reingold 1991, Softw. Pract. Exp. 21:1129), computed in Rust: the same \
         seed gives the same picture.",
    );
    if let Some(h) = &s.heatmap {
        let (f, t) = measure_method(h.measure);
        method(w, &format!("Alignment: {}", h.measure), f, t);
        method(
            w,
            &format!("Heatmap order: {} linkage", s.linkage),
            "d_ij = 1 − t(score_ij)",
            "agglomerative clustering of the distance, t mapping the measure's range to [0, 1] \
             (undefined pairs count as unaligned for the ordering only); rows follow the \
             dendrogram's leaf order (Sokal & Michener 1958 for average linkage).",
        );
    }
    if let Some(x) = &s.series
        && let Some((level, reps)) = x.band
    {
        method(
            w,
            "Bootstrap bands",
            &format!(
                "[q_{:.3}, q_{:.3}] of {reps} resampled scores",
                (1.0 - level) / 2.0,
                (1.0 + level) / 2.0
            ),
            "items of each window resampled with replacement, percentile interval (Efron & \
             Tibshirani 1993, An Introduction to the Bootstrap).",
        );
    }
    method(
        w,
        "Tracking coalitions",
        "J(A, B) = |A ∩ B| / |A ∪ B| ≥ 0.3",
        &format!(
            "each window's communities are matched to the coalitions of the last two windows \
             by Jaccard similarity of members; birth, death, merge and split follow Greene, \
             Doyle & Cunningham (2010, ASONAM). Smoothing: {}.",
            match s.smoothing {
                SmoothingMethod::Independent => "every window on its own".to_string(),
                SmoothingMethod::WarmStart =>
                    "warm start, Leiden begins from the previous window's partition".to_string(),
                other =>
                    format!("{other} (multislice modularity, Mucha et al. 2010, Science 328:876)"),
            }
        ),
    );
    w.close("dl");
    w.elem("h3", &[], "Every option's value");
    w.open("table", &[("id", "options")]);
    head(w, &["option", "value"]);
    w.open("tbody", &[]);
    for (k, v) in &s.options {
        w.open("tr", &[]);
        w.elem("td", &[], &format!("--{k}"));
        w.elem("td", &[], v);
        w.close("tr");
    }
    w.close("tbody").close("table");
    w.elem(
        "p",
        &[("class", "caption")],
        "Reproduce every figure with the command above; the definitions of all measures are \
         in docs/measures.md of the cosignatory sources.",
    );
    w.close("section");
}
