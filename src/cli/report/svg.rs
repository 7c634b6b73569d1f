//! The page's figures as static SVG: network, clustered heatmap with dendrogram, series with
//! bootstrap bands, alluvial view of tracked coalitions. Elements carry `data-` attributes
//! that the inlined script turns into hover text; without the script the figures stay whole
//! (nodes, bands, blocks and events also carry a `<title>`, which browsers show on hover).

use super::html::Writer;
use super::{Alluvial, Heatmap, Network, Series};
use crate::cli::plot::series::{midpoint, year_of};
use cosignatory::dynamics::Event;
use std::fmt::Write as _;

/// Tableau 10, as `plot` uses it.
const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];
const GREY: &str = "#b4b4b4";

/// Colour of coalition number `k` (from 1); beyond ten, grey.
pub fn coalition_colour(k: usize) -> &'static str {
    if (1..=PALETTE.len()).contains(&k) {
        PALETTE[k - 1]
    } else {
        GREY
    }
}

/// Colour of a tracked coalition id of the timeline.
fn tracked_colour(id: Option<u32>) -> &'static str {
    id.map_or(GREY, |i| PALETTE[i as usize % PALETTE.len()])
}

/// Shortest readable number for labels and hover text.
pub fn num(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if a >= 1000.0 {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.3}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        format!("{v:.4}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

fn rgb(c: (f64, f64, f64)) -> String {
    format!(
        "#{:02x}{:02x}{:02x}",
        c.0.round() as u8,
        c.1.round() as u8,
        c.2.round() as u8
    )
}

fn lerp(a: (f64, f64, f64), b: (f64, f64, f64), t: f64) -> (f64, f64, f64) {
    (
        a.0 + (b.0 - a.0) * t,
        a.1 + (b.1 - a.1) * t,
        a.2 + (b.2 - a.2) * t,
    )
}

/// The heatmap's colour of a raw score: diverging red–white–blue centred at 0 for measures
/// with negative values (range [−1, 1]), else white to dark blue from the low to the high end.
pub fn cell_colour(v: f64, scale: (f64, f64, bool)) -> String {
    rgb(cell_rgb(v, scale))
}

fn cell_rgb(v: f64, scale: (f64, f64, bool)) -> (f64, f64, f64) {
    let (at0, at1, diverging) = scale;
    let white = (247.0, 247.0, 247.0);
    if diverging {
        let m = at0.abs().max(at1.abs()).max(1e-12);
        let t = (v / m).clamp(-1.0, 1.0);
        if t >= 0.0 {
            lerp(white, (33.0, 102.0, 172.0), t)
        } else {
            lerp(white, (178.0, 24.0, 43.0), -t)
        }
    } else {
        let t = if at1 == at0 {
            0.5
        } else {
            ((v - at0) / (at1 - at0)).clamp(0.0, 1.0)
        };
        lerp((247.0, 251.0, 255.0), (8.0, 48.0, 107.0), t)
    }
}

/// The heatmap's cells as an n × n PNG (grey where undefined).
fn cells_png(h: &Heatmap) -> Vec<u8> {
    let n = h.ids.len() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(n, n).expect("n >= 2 pixels");
    let data = pixmap.data_mut();
    for (r, row) in h.cells.iter().enumerate() {
        for (c, &(v, _)) in row.iter().enumerate() {
            let (red, green, blue) = v.map_or((200.0, 200.0, 200.0), |v| cell_rgb(v, h.scale));
            let at = 4 * (r * n as usize + c);
            data[at..at + 4].copy_from_slice(&[
                red.round() as u8,
                green.round() as u8,
                blue.round() as u8,
                255,
            ]);
        }
    }
    pixmap.encode_png().expect("encoding to memory")
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ABC[(v >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Ids as a JSON array (for the script; the writer escapes it as an attribute).
fn ids_json(ids: &[String]) -> String {
    serde_json::to_string(ids).expect("strings serialise")
}

fn svg_open(w: &mut Writer, id: &str, width: f64, height: f64, label: &str) {
    w.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("id", id),
            ("class", "fig"),
            ("viewBox", &format!("0 0 {width:.0} {height:.0}")),
            ("width", &format!("{width:.0}")),
            ("height", &format!("{height:.0}")),
            ("role", "img"),
            ("aria-label", label),
            ("font-family", "sans-serif"),
        ],
    );
}

/// The network: nodes at the library's layout, coloured by coalition, sized by strength.
pub fn network(net: &Network) -> String {
    let (width, height, margin) = (960.0, 720.0, 40.0);
    let mut w = Writer::new();
    svg_open(
        &mut w,
        "network-svg",
        width,
        height,
        "co-signature network, nodes coloured by coalition",
    );
    w.void(
        "rect",
        &[("width", "100%"), ("height", "100%"), ("fill", "#ffffff")],
    );
    w.open("g", &[("class", "viewport")]);
    let at = |p: (f64, f64)| {
        (
            margin + p.0 * (width - 2.0 * margin),
            margin + p.1 * (height - 2.0 * margin),
        )
    };
    let max_w = net
        .edges
        .iter()
        .map(|e| e.2.abs())
        .fold(0.0f64, f64::max)
        .max(1e-12);
    w.open("g", &[("class", "edges")]);
    let mut buf = String::new();
    for &(a, b, wt) in &net.edges {
        let (p, q) = (at(net.nodes[a].pos), at(net.nodes[b].pos));
        let rel = wt.abs() / max_w;
        let _ = write!(
            buf,
            "<line class=\"edge\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" \
             stroke=\"{}\" stroke-opacity=\"{:.2}\" stroke-width=\"{:.2}\"/>",
            p.0,
            p.1,
            q.0,
            q.1,
            if wt < 0.0 { "#c81e1e" } else { "#5a5a5a" },
            0.12 + 0.45 * rel,
            0.4 + 3.0 * rel
        );
    }
    w.raw(&buf);
    w.close("g");
    let max_s = net
        .nodes
        .iter()
        .map(|n| n.strength.abs())
        .fold(0.0f64, f64::max)
        .max(1e-12);
    let labels = net.nodes.len() <= 300;
    w.open("g", &[("class", "nodes")]);
    for n in &net.nodes {
        let (x, y) = at(n.pos);
        let r = 3.0 + 9.0 * (n.strength.abs() / max_s).sqrt();
        let opt = |v: Option<f64>| v.map_or("undefined".to_string(), num);
        w.open(
            "circle",
            &[
                ("class", "node"),
                ("cx", &format!("{x:.1}")),
                ("cy", &format!("{y:.1}")),
                ("r", &format!("{r:.1}")),
                ("fill", coalition_colour(n.coalition)),
                ("stroke", "#333"),
                ("stroke-width", "0.6"),
                ("data-id", &n.id),
                ("data-c", &n.coalition.to_string()),
            ],
        );
        w.elem(
            "title",
            &[],
            &format!(
                "{} ({}): coalition {}, strength {}, participation coefficient {}, \
                 betweenness {}, {} statements",
                n.name,
                n.id,
                n.coalition,
                num(n.strength),
                opt(n.participation),
                opt(n.betweenness),
                n.statements
            ),
        );
        w.close("circle");
        if labels {
            w.elem(
                "text",
                &[
                    ("class", "label"),
                    ("x", &format!("{:.1}", x + r + 1.5)),
                    ("y", &format!("{:.1}", y + 3.0)),
                    ("font-size", "9"),
                    ("fill", "#222"),
                ],
                &n.id,
            );
        }
    }
    w.close("g");
    w.close("g");
    // Legend: the ten coloured coalitions.
    let groups = net.nodes.iter().map(|n| n.coalition).max().unwrap_or(0);
    let mut sizes = vec![0usize; groups + 1];
    for n in &net.nodes {
        sizes[n.coalition] += 1;
    }
    let shown = groups.min(10);
    let legend_h = 18.0 + 15.0 * shown as f64 + if groups > 10 { 15.0 } else { 0.0 };
    w.open("g", &[("class", "legend")]);
    w.void(
        "rect",
        &[
            ("x", "6"),
            ("y", "6"),
            ("width", "150"),
            ("height", &format!("{legend_h:.0}")),
            ("fill", "#fff"),
            ("fill-opacity", "0.85"),
            ("stroke", "#ccc"),
        ],
    );
    w.elem(
        "text",
        &[("x", "12"), ("y", "20"), ("font-size", "11")],
        "Coalitions (actors)",
    );
    for (k, size) in sizes.iter().enumerate().take(shown + 1).skip(1) {
        let y = 20.0 + 15.0 * k as f64;
        w.void(
            "circle",
            &[
                ("cx", "18"),
                ("cy", &format!("{:.0}", y - 4.0)),
                ("r", "5"),
                ("fill", coalition_colour(k)),
            ],
        );
        w.elem(
            "text",
            &[("x", "28"), ("y", &format!("{y:.0}")), ("font-size", "11")],
            &format!("{k} ({size})"),
        );
    }
    if groups > 10 {
        let rest: usize = sizes[11..].iter().sum();
        let y = 20.0 + 15.0 * 11.0;
        w.void(
            "circle",
            &[
                ("cx", "18"),
                ("cy", &format!("{:.0}", y - 4.0)),
                ("r", "5"),
                ("fill", GREY),
            ],
        );
        w.elem(
            "text",
            &[("x", "28"), ("y", &format!("{y:.0}")), ("font-size", "11")],
            &format!("{} smaller ({rest})", groups - 10),
        );
    }
    w.close("g");
    w.close("svg");
    w.finish()
}

/// The clustered heatmap with its dendrogram and colour bar.
pub fn heatmap(h: &Heatmap) -> String {
    let n = h.ids.len();
    let cell = (760.0 / n as f64).clamp(3.0, 18.0);
    let font = (cell * 0.85).clamp(3.0, 11.0);
    let longest = h.ids.iter().map(|s| s.chars().count()).max().unwrap_or(3) as f64;
    let label_w = longest * font * 0.62 + 8.0;
    let dendro_h = 90.0;
    let side = cell * n as f64;
    let (left, top) = (label_w + 6.0, dendro_h + 12.0);
    let bar_x = left + side + 30.0;
    let width = bar_x + 150.0;
    let height = top + side + label_w + 10.0;
    let mut w = Writer::new();
    svg_open(
        &mut w,
        "heatmap-svg",
        width,
        height,
        "alignment heatmap ordered by hierarchical clustering",
    );
    w.void(
        "rect",
        &[("width", "100%"), ("height", "100%"), ("fill", "#ffffff")],
    );
    // Dendrogram: leaves at the cells' centres, heights scaled to the tallest merge.
    let leaves = h.tree.leaf_count();
    let max_h = h.tree.merges().last().map_or(1.0, |m| m.height).max(1e-12);
    let y_of = |v: f64| 6.0 + dendro_h - v / max_h * dendro_h;
    let mut x = vec![0.0f64; 2 * leaves];
    let mut hgt = vec![0.0f64; 2 * leaves];
    for (p, &leaf) in h.order.iter().enumerate() {
        x[leaf] = left + (p as f64 + 0.5) * cell;
    }
    let mut d = String::new();
    for (k, m) in h.tree.merges().iter().enumerate() {
        let id = leaves + k;
        x[id] = (x[m.left] + x[m.right]) / 2.0;
        hgt[id] = m.height;
        let _ = write!(
            d,
            "M{:.1} {:.1}V{:.1}H{:.1}V{:.1}",
            x[m.left],
            y_of(hgt[m.left]),
            y_of(m.height),
            x[m.right],
            y_of(hgt[m.right])
        );
    }
    w.void(
        "path",
        &[
            ("class", "dendrogram"),
            ("d", &d),
            ("fill", "none"),
            ("stroke", "#444"),
            ("stroke-width", "0.8"),
        ],
    );
    // Cells: one pixel per pair in an embedded PNG drawn without smoothing (a vector cell per
    // pair would take megabytes for 200 actors). The script reads the pair scores for hover
    // from the page's alignment CSV.
    let png = cells_png(h);
    w.open(
        "g",
        &[
            ("class", "cells"),
            ("data-ids", &ids_json(&h.ids)),
            ("data-measure", h.measure.name()),
        ],
    );
    w.void(
        "image",
        &[
            ("x", &format!("{left:.1}")),
            ("y", &format!("{top:.1}")),
            ("width", &format!("{side:.2}")),
            ("height", &format!("{side:.2}")),
            ("preserveAspectRatio", "none"),
            ("image-rendering", "pixelated"),
            (
                "style",
                "image-rendering:pixelated;image-rendering:crisp-edges",
            ),
            ("href", &format!("data:image/png;base64,{}", base64(&png))),
        ],
    );
    w.close("g");
    // Labels left and below.
    w.open(
        "g",
        &[("class", "labels"), ("font-size", &format!("{font:.1}"))],
    );
    for (r, id) in h.ids.iter().enumerate() {
        let mid = (r as f64 + 0.5) * cell;
        w.elem(
            "text",
            &[
                ("x", &format!("{:.1}", left - 3.0)),
                ("y", &format!("{:.1}", top + mid + font * 0.35)),
                ("text-anchor", "end"),
            ],
            id,
        );
        let (cx, cy) = (left + mid + font * 0.35, top + side + 3.0);
        w.elem(
            "text",
            &[
                ("x", &format!("{cx:.1}")),
                ("y", &format!("{cy:.1}")),
                ("transform", &format!("rotate(90 {cx:.1} {cy:.1})")),
            ],
            id,
        );
    }
    w.close("g");
    // Colour bar.
    let (at0, at1, diverging) = h.scale;
    let (lo, hi) = if diverging {
        let m = at0.abs().max(at1.abs());
        (-m, m)
    } else {
        (at0, at1)
    };
    let bar_h = side.clamp(120.0, 400.0);
    let steps = 40;
    for k in 0..steps {
        let t = 1.0 - k as f64 / (steps - 1) as f64;
        let v = lo + (hi - lo) * t;
        w.void(
            "rect",
            &[
                ("x", &format!("{bar_x:.1}")),
                (
                    "y",
                    &format!("{:.1}", top + bar_h * k as f64 / steps as f64),
                ),
                ("width", "16"),
                ("height", &format!("{:.2}", bar_h / steps as f64 + 0.3)),
                ("fill", &cell_colour(v, h.scale)),
            ],
        );
    }
    let tx = format!("{:.1}", bar_x + 20.0);
    w.elem(
        "text",
        &[
            ("x", &format!("{bar_x:.1}")),
            ("y", &format!("{:.1}", top - 6.0)),
            ("font-size", "12"),
        ],
        h.measure.name(),
    );
    w.elem(
        "text",
        &[
            ("x", &tx),
            ("y", &format!("{:.1}", top + 10.0)),
            ("font-size", "11"),
        ],
        &format!("{} (most aligned)", num(hi)),
    );
    if diverging {
        w.elem(
            "text",
            &[
                ("x", &tx),
                ("y", &format!("{:.1}", top + bar_h / 2.0 + 4.0)),
                ("font-size", "11"),
            ],
            "0",
        );
    }
    w.elem(
        "text",
        &[
            ("x", &tx),
            ("y", &format!("{:.1}", top + bar_h)),
            ("font-size", "11"),
        ],
        &num(lo),
    );
    w.void(
        "rect",
        &[
            ("x", &format!("{bar_x:.1}")),
            ("y", &format!("{:.1}", top + bar_h + 14.0)),
            ("width", "16"),
            ("height", "10"),
            ("fill", "#c8c8c8"),
        ],
    );
    w.elem(
        "text",
        &[
            ("x", &tx),
            ("y", &format!("{:.1}", top + bar_h + 23.0)),
            ("font-size", "11"),
        ],
        "undefined",
    );
    w.close("svg");
    w.finish()
}

/// Alignment of the chosen pairs per window, with bootstrap bands.
pub fn series(s: &Series) -> String {
    let (width, height) = (960.0, 380.0);
    let (left, right, top, bottom) = (60.0, 190.0, 20.0, 40.0);
    let all: Vec<&super::SeriesPt> = s.pairs.iter().flat_map(|(_, p)| p).collect();
    let x0 = all
        .iter()
        .map(|p| year_of(p.window.start))
        .fold(f64::INFINITY, f64::min);
    let x1 = all
        .iter()
        .map(|p| year_of(p.window.end + chrono::Days::new(1)))
        .fold(f64::NEG_INFINITY, f64::max);
    let (x0, x1) = if x0.is_finite() && x1 > x0 {
        (x0, x1)
    } else {
        (0.0, 1.0)
    };
    let (y0, y1) = if s.bounds.0.is_finite() && s.bounds.1.is_finite() {
        s.bounds
    } else {
        let vals = all.iter().flat_map(|p| {
            [p.value, p.interval.map(|i| i.0), p.interval.map(|i| i.1)]
                .into_iter()
                .flatten()
        });
        let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        if lo.is_finite() && hi > lo {
            let pad = (hi - lo) * 0.1;
            (lo - pad, hi + pad)
        } else if lo.is_finite() {
            (lo - 1.0, lo + 1.0)
        } else {
            (0.0, 1.0)
        }
    };
    let px = |x: f64| left + (x - x0) / (x1 - x0) * (width - left - right);
    let py = |y: f64| top + (y1 - y) / (y1 - y0) * (height - top - bottom);
    let mut w = Writer::new();
    svg_open(
        &mut w,
        "series-svg",
        width,
        height,
        "alignment series of chosen pairs",
    );
    w.void(
        "rect",
        &[("width", "100%"), ("height", "100%"), ("fill", "#ffffff")],
    );
    // Axes and grid.
    let mut grid = String::new();
    for k in 0..=4 {
        let y = y0 + (y1 - y0) * k as f64 / 4.0;
        let _ = write!(
            grid,
            "<line x1=\"{left:.0}\" x2=\"{:.0}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#e3e3e3\"/>\
             <text x=\"{:.0}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            width - right,
            py(y),
            py(y),
            left - 5.0,
            py(y) + 4.0,
            super::html::escape(&num(y))
        );
    }
    let first = x0.ceil() as i32;
    let last = x1.floor() as i32;
    let every = ((last - first) / 12).max(1);
    for year in (first..=last).step_by(every as usize) {
        let x = px(f64::from(year));
        let _ = write!(
            grid,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{top:.0}\" y2=\"{:.0}\" stroke=\"#eeeeee\"/>\
             <text x=\"{x:.1}\" y=\"{:.0}\" font-size=\"11\" text-anchor=\"middle\">{year}</text>",
            height - bottom,
            height - bottom + 15.0
        );
    }
    if y0 < 0.0 && y1 > 0.0 {
        let _ = write!(
            grid,
            "<line x1=\"{left:.0}\" x2=\"{:.0}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#999\"/>",
            width - right,
            py(0.0),
            py(0.0)
        );
    }
    w.raw(&grid);
    w.elem(
        "text",
        &[
            ("x", "14"),
            ("y", &format!("{:.0}", (top + height - bottom) / 2.0)),
            ("font-size", "12"),
            (
                "transform",
                &format!("rotate(-90 14 {:.0})", (top + height - bottom) / 2.0),
            ),
            ("text-anchor", "middle"),
        ],
        s.measure.name(),
    );
    for (i, ((a, b), pts)) in s.pairs.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let pair = format!("{a}–{b}");
        w.open("g", &[("class", "pair"), ("data-pair", &pair)]);
        // Bands and lines break where the score is undefined.
        let mut runs: Vec<Vec<&super::SeriesPt>> = vec![Vec::new()];
        for p in pts {
            if p.value.is_some() {
                runs.last_mut().expect("non-empty").push(p);
            } else {
                runs.push(Vec::new());
            }
        }
        for run in runs.iter().filter(|r| !r.is_empty()) {
            let banded: Vec<_> = run.iter().filter(|p| p.interval.is_some()).collect();
            if banded.len() == run.len() && !banded.is_empty() {
                let mut d = String::new();
                for (k, p) in run.iter().enumerate() {
                    let (_, hi) = p.interval.expect("checked");
                    let _ = write!(
                        d,
                        "{}{:.1} {:.1}",
                        if k == 0 { "M" } else { "L" },
                        px(midpoint(&p.window)),
                        py(hi.clamp(y0, y1))
                    );
                }
                for p in run.iter().rev() {
                    let (lo, _) = p.interval.expect("checked");
                    let _ = write!(
                        d,
                        "L{:.1} {:.1}",
                        px(midpoint(&p.window)),
                        py(lo.clamp(y0, y1))
                    );
                }
                d.push('Z');
                w.open(
                    "path",
                    &[
                        ("class", "band"),
                        ("d", &d),
                        ("fill", colour),
                        ("fill-opacity", "0.16"),
                        ("stroke", "none"),
                    ],
                );
                w.elem("title", &[], &format!("{pair}: bootstrap band"));
                w.close("path");
            }
            let points: Vec<String> = run
                .iter()
                .map(|p| {
                    format!(
                        "{:.1},{:.1}",
                        px(midpoint(&p.window)),
                        py(p.value.expect("run").clamp(y0, y1))
                    )
                })
                .collect();
            w.void(
                "polyline",
                &[
                    ("points", &points.join(" ")),
                    ("fill", "none"),
                    ("stroke", colour),
                    ("stroke-width", "2"),
                ],
            );
        }
        for p in pts {
            let Some(v) = p.value else { continue };
            let ci = p
                .interval
                .map(|(lo, hi)| format!(", interval [{}, {}]", num(lo), num(hi)))
                .unwrap_or_default();
            w.open(
                "circle",
                &[
                    ("class", "pt"),
                    ("cx", &format!("{:.1}", px(midpoint(&p.window)))),
                    ("cy", &format!("{:.1}", py(v.clamp(y0, y1)))),
                    ("r", "3.5"),
                    ("fill", colour),
                ],
            );
            w.elem(
                "title",
                &[],
                &format!(
                    "{pair} {} to {}: {} (n = {}){ci}",
                    p.window.start,
                    p.window.end,
                    num(v),
                    p.n
                ),
            );
            w.close("circle");
        }
        w.close("g");
        let ly = top + 16.0 + 20.0 * i as f64;
        let lx = width - right + 16.0;
        w.void(
            "line",
            &[
                ("x1", &format!("{lx:.0}")),
                ("x2", &format!("{:.0}", lx + 22.0)),
                ("y1", &format!("{:.0}", ly - 4.0)),
                ("y2", &format!("{:.0}", ly - 4.0)),
                ("stroke", colour),
                ("stroke-width", "3"),
            ],
        );
        w.elem(
            "text",
            &[
                ("x", &format!("{:.0}", lx + 28.0)),
                ("y", &format!("{ly:.0}")),
                ("font-size", "12"),
            ],
            &pair,
        );
    }
    w.close("svg");
    w.finish()
}

fn event_tip(e: &Event) -> String {
    e.to_string()
}

/// Tracked coalitions across windows: blocks per window, flows between consecutive
/// windows, birth/death/merge/split events marked.
pub fn alluvial(a: &Alluvial) -> String {
    let nw = a.windows.len();
    let col = 96.0;
    let (left, top, block_w) = (30.0, 30.0, 16.0);
    let width = (left * 2.0 + col * (nw.max(2) - 1) as f64 + block_w + 40.0).max(600.0);
    let plot_h = 380.0;
    let gap = 5.0;
    let max_blocks = a.windows.iter().map(|w| w.blocks.len()).max().unwrap_or(1);
    let max_total = a
        .windows
        .iter()
        .map(|w| w.blocks.iter().map(|b| b.1).sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let unit = (plot_h - gap * max_blocks as f64) / max_total as f64;
    let height = top + plot_h + 50.0;
    let x_of = |i: usize| left + col * i as f64;
    // Block positions: (top y, height) per window and block.
    let placed: Vec<Vec<(f64, f64)>> = a
        .windows
        .iter()
        .map(|w| {
            let mut y = top;
            w.blocks
                .iter()
                .map(|b| {
                    let h = b.1 as f64 * unit;
                    let at = (y, h);
                    y += h + gap;
                    at
                })
                .collect()
        })
        .collect();
    let block_of = |wi: usize, id: Option<u32>| a.windows[wi].blocks.iter().position(|b| b.0 == id);
    let mut w = Writer::new();
    svg_open(
        &mut w,
        "alluvial-svg",
        width,
        height,
        "tracked coalitions across windows",
    );
    w.void(
        "rect",
        &[("width", "100%"), ("height", "100%"), ("fill", "#ffffff")],
    );
    // Flows: stacked at both ends in the order of the other end's block.
    let mut out_used: Vec<Vec<f64>> = placed.iter().map(|p| vec![0.0; p.len()]).collect();
    let mut in_used = out_used.clone();
    let mut flows: Vec<&cosignatory::dynamics::Flow> = a.flows.iter().collect();
    flows.sort_by_key(|f| {
        (
            f.from_window,
            block_of(f.from_window, f.from_coalition.map(|c| c.0)),
            block_of(f.to_window, f.to_coalition.map(|c| c.0)),
        )
    });
    w.open("g", &[("class", "flows")]);
    for f in flows {
        let from = f.from_coalition.map(|c| c.0);
        let to = f.to_coalition.map(|c| c.0);
        let (Some(bi), Some(bj)) = (block_of(f.from_window, from), block_of(f.to_window, to))
        else {
            continue;
        };
        let h = f.count as f64 * unit;
        let y_a = placed[f.from_window][bi].0 + out_used[f.from_window][bi];
        let y_b = placed[f.to_window][bj].0 + in_used[f.to_window][bj];
        out_used[f.from_window][bi] += h;
        in_used[f.to_window][bj] += h;
        let (xa, xb) = (x_of(f.from_window) + block_w, x_of(f.to_window));
        let mx = (xa + xb) / 2.0;
        let d = format!(
            "M{xa:.1} {y_a:.1}C{mx:.1} {y_a:.1} {mx:.1} {y_b:.1} {xb:.1} {y_b:.1}\
             L{xb:.1} {:.1}C{mx:.1} {:.1} {mx:.1} {:.1} {xa:.1} {:.1}Z",
            y_b + h,
            y_b + h,
            y_a + h,
            y_a + h
        );
        let name = |c: Option<u32>| c.map_or("untracked".to_string(), |c| format!("C{c}"));
        w.open(
            "path",
            &[
                ("class", "flow"),
                ("d", &d),
                ("fill", tracked_colour(from)),
                ("fill-opacity", "0.35"),
            ],
        );
        w.elem(
            "title",
            &[],
            &format!(
                "{} → {}: {} actor{} ({} to {})",
                name(from),
                name(to),
                f.count,
                if f.count == 1 { "" } else { "s" },
                a.windows[f.from_window].window.start,
                a.windows[f.to_window].window.end
            ),
        );
        w.close("path");
    }
    w.close("g");
    // Blocks and labels.
    for (wi, win) in a.windows.iter().enumerate() {
        let x = x_of(wi);
        for (b, &(id, size)) in win.blocks.iter().enumerate() {
            let (y, h) = placed[wi][b];
            let name = id.map_or("untracked".to_string(), |c| format!("C{c}"));
            w.open(
                "rect",
                &[
                    ("class", "block"),
                    ("x", &format!("{x:.1}")),
                    ("y", &format!("{y:.1}")),
                    ("width", &format!("{block_w:.0}")),
                    ("height", &format!("{:.1}", h.max(1.0))),
                    ("fill", tracked_colour(id)),
                ],
            );
            w.elem(
                "title",
                &[],
                &format!(
                    "{name}, {} to {}: {size} actor{}",
                    win.window.start,
                    win.window.end,
                    if size == 1 { "" } else { "s" }
                ),
            );
            w.close("rect");
            if h >= 11.0 {
                w.elem(
                    "text",
                    &[
                        ("x", &format!("{:.1}", x + block_w + 2.0)),
                        ("y", &format!("{:.1}", y + 10.0)),
                        ("font-size", "9"),
                        ("fill", "#333"),
                    ],
                    &name,
                );
            }
        }
        let label = if win.window.start.format("%m-%d").to_string() == "01-01"
            && win.window.end.format("%m-%d").to_string() == "12-31"
            && win.window.start.format("%Y").to_string() == win.window.end.format("%Y").to_string()
        {
            win.window.start.format("%Y").to_string()
        } else {
            win.window.start.format("%Y-%m").to_string()
        };
        w.elem(
            "text",
            &[
                ("x", &format!("{:.1}", x + block_w / 2.0)),
                ("y", &format!("{:.0}", top + plot_h + 16.0)),
                ("font-size", "11"),
                ("text-anchor", "middle"),
            ],
            &label,
        );
        // Events other than continue/grow/shrink, as markers left of the block they concern.
        let mut stacked = 0.0;
        for e in &win.events {
            let (shape, colour) = match e {
                Event::Birth { .. } => ("circle", "#2ca02c"),
                Event::Death { .. } => ("cross", "#d62728"),
                Event::Merge { .. } => ("diamond", "#9467bd"),
                Event::Split { .. } => ("triangle", "#ff7f0e"),
                _ => continue,
            };
            let (cx, cy) = match block_of(wi, Some(e.coalition().0)) {
                Some(b) => (x - 7.0, placed[wi][b].0 + 5.0 + stacked_for(e)),
                None => {
                    stacked += 11.0;
                    (x - 7.0, top + plot_h + 22.0 + stacked)
                }
            };
            let d = match shape {
                "circle" => format!("M{:.1} {cy:.1}a4 4 0 1 0 8 0a4 4 0 1 0 -8 0Z", cx - 4.0),
                "cross" => format!("M{:.1} {:.1}l8 8m0 -8l-8 8", cx - 4.0, cy - 4.0),
                "diamond" => format!("M{cx:.1} {:.1}l5 5l-5 5l-5 -5Z", cy - 5.0),
                _ => format!("M{cx:.1} {:.1}l5 9h-10Z", cy - 5.0),
            };
            w.open(
                "path",
                &[
                    ("class", "event"),
                    ("data-event", e.name()),
                    ("d", &d),
                    ("fill", if shape == "cross" { "none" } else { colour }),
                    ("stroke", colour),
                    ("stroke-width", "1.6"),
                ],
            );
            w.elem("title", &[], &format!("{}: {}", label, event_tip(e)));
            w.close("path");
        }
    }
    w.close("svg");
    w.finish()
}

/// Merge and split markers sit a little lower than births so both stay visible.
fn stacked_for(e: &Event) -> f64 {
    match e {
        Event::Merge { .. } => 11.0,
        Event::Split { .. } => 22.0,
        _ => 0.0,
    }
}
