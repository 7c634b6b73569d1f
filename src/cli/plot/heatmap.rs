//! `plot heatmap`: all-pairs alignment of the most active actors, rows and columns ordered by
//! agglomerative clustering of the alignment, with the dendrogram above.

use super::{FONT, drawing, render};
use crate::cli::align;
use crate::cli::args::{PlotHeatmapArgs, UncertaintyArgs};
use crate::cli::common;
use crate::cli::error::{CliError, CliResult};
use cosignatory::align::{MatrixOptions, Measure, PairMatrix, alignment_matrix};
use cosignatory::cluster::{Dendrogram, DistanceMatrix, agglomerative};
use cosignatory::model::View;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The `top` actors taking part in most statements of the view (ties by id), in id order.
pub fn most_active<'a>(view: &View<'a>, top: usize) -> Vec<&'a str> {
    let mut ranked: Vec<_> = view.most_active(top).into_iter().map(|(a, _)| a).collect();
    ranked.sort_unstable();
    ranked
        .iter()
        .map(|&a| view.dataset().actor(a).id.as_str())
        .collect()
}

/// Scores mapped to [0, 1] = least to most aligned, by the measure's documented range (or the
/// observed one where it is unbounded); the hypergeometric p is small for strong ties, so it
/// is turned around. Returns the mapping and the raw values at 0 and 1 for the colour bar.
pub fn scaler(m: &PairMatrix) -> (impl Fn(f64) -> f64, f64, f64) {
    let measure = m.measure();
    let (mut lo, mut hi) = measure.bounds();
    if !(lo.is_finite() && hi.is_finite()) {
        let observed = m.pairs().filter_map(|(_, _, s)| s.value);
        (lo, hi) = observed.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        if !lo.is_finite() {
            (lo, hi) = (0.0, 1.0); // nothing defined: every cell is grey anyway
        } else if lo >= hi {
            (lo, hi) = (lo - 1.0, hi + 1.0);
        }
    }
    let flip = measure.lower_is_closer();
    let f = move |v: f64| {
        let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
        if flip { 1.0 - t } else { t }
    };
    if flip { (f, hi, lo) } else { (f, lo, hi) }
}

/// White to dark blue, a sequential scale that prints and reads in grey.
fn shade(t: f64) -> RGBColor {
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    RGBColor(lerp(247.0, 8.0), lerp(251.0, 48.0), lerp(255.0, 107.0))
}

/// Dark red through white (at `centre`, the position of a score of 0) to dark blue: for
/// measures that range over negative and positive values (κ, π, S, correlations), so that
/// disagreement and agreement read apart.
fn diverging(t: f64, centre: f64) -> RGBColor {
    let (from, to, u) = if t < centre {
        (
            (247.0, 247.0, 247.0),
            (103.0, 0.0, 13.0),
            (centre - t) / centre,
        )
    } else {
        (
            (247.0, 247.0, 247.0),
            (8.0, 48.0, 107.0),
            (t - centre) / (1.0 - centre),
        )
    };
    let lerp = |a: f64, b: f64| (a + (b - a) * u.clamp(0.0, 1.0)).round() as u8;
    RGBColor(lerp(from.0, to.0), lerp(from.1, to.1), lerp(from.2, to.2))
}

/// The colour of a scaled score: diverging around 0 when the scale runs from a negative
/// `at0` to a positive `at1`, sequential otherwise.
fn painter(at0: f64, at1: f64) -> impl Fn(f64) -> RGBColor + Copy {
    let centre = (at0 < 0.0 && at1 > 0.0).then(|| -at0 / (at1 - at0));
    move |t| match centre {
        Some(c) => diverging(t, c),
        None => shade(t),
    }
}

pub fn run(args: &PlotHeatmapArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let none = UncertaintyArgs {
        ci: None,
        bootstrap: None,
        seed: 0,
        resample: Default::default(),
    };
    let s = align::setup(
        &ds,
        &view,
        args.measure,
        args.coding.as_ref(),
        args.universe.as_ref(),
        &none,
    )?;
    // The actors asked for, or the most active ones (most signatures or votes in the view).
    let chosen: Vec<&str>;
    let ids: Vec<&str> = if args.actors.is_empty() {
        most_active(&view, args.top)
    } else {
        chosen = args
            .actors
            .iter()
            .map(|a| common::actor(&ds, a).map(|i| ds.actor(i).id.as_str()))
            .collect::<CliResult<_>>()?;
        chosen.clone()
    };
    if ids.len() < 2 {
        return Err(CliError::data(
            "fewer than two actors take part in the view: no heatmap to draw",
        ));
    }
    let m = alignment_matrix(
        &view,
        &MatrixOptions {
            actors: Some(ids.iter().map(|id| id.to_string()).collect()),
            measure: s.measure,
            coding: s.coding,
            universe: s.universe.clone(),
            options: s.options,
        },
    )?;
    let (scale, at0, at1) = scaler(&m);
    let paint = painter(at0, at1);
    let n = ids.len();
    let sim = |i: usize, j: usize| m.get(i, j).value.map(&scale);
    // Undefined pairs count as unaligned for the ordering only; their cells stay grey.
    let dist = DistanceMatrix::from_fn(n, |i, j| 1.0 - sim(i, j).unwrap_or(0.0))?;
    let tree = agglomerative(&dist, args.linkage);
    let order = tree.leaf_order();
    let title = args.figure.title.clone().unwrap_or_else(|| {
        let (from, to) = common::date_range(&view, &args.data).unwrap_or_default();
        let who = if args.actors.is_empty() {
            format!("the {n} most active actors")
        } else {
            format!("{n} chosen actors")
        };
        format!(
            "{} between {who}, {from} to {to} (universe {})",
            s.measure, s.universe
        )
    });
    render(&args.figure, |root| {
        let (w, h) = (args.figure.width as i32, args.figure.height as i32);
        let longest = ids.iter().map(|i| i.chars().count()).max().unwrap_or(3) as i32;
        let title_h = 44;
        let bar_w = 140;
        let free_h = h - title_h - 10;
        // Side of the square: the dendrogram takes a sixth of the height above it.
        let label_guess = longest * 8 + 12;
        let side = (w - label_guess - bar_w - 30)
            .min((free_h - label_guess) * 6 / 7)
            .max(50);
        let cell = side as f64 / n as f64;
        let font = (cell * 0.9).clamp(7.0, 16.0);
        let label_w = (longest as f64 * font * 0.62) as i32 + 8;
        let dendro_h = side / 6;
        let left = label_w + 10;
        let top = title_h + dendro_h + 6;
        root.draw(&Text::new(
            title.clone(),
            (w / 2, 12),
            (FONT, 24)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(drawing)?;
        let xy = |k: usize| left + (k as f64 * cell) as i32;
        let yy = |k: usize| top + (k as f64 * cell) as i32;
        for (r, &i) in order.iter().enumerate() {
            for (c, &j) in order.iter().enumerate() {
                let fill = match sim(i, j) {
                    Some(t) => paint(t),
                    None => RGBColor(200, 200, 200),
                };
                root.draw(&Rectangle::new(
                    [(xy(c), yy(r)), (xy(c + 1), yy(r + 1))],
                    fill.filled(),
                ))
                .map_err(drawing)?;
            }
            let label = (FONT, font).into_font();
            root.draw(&Text::new(
                ids[i].to_string(),
                (left - 4, yy(r) + (cell / 2.0) as i32),
                label.color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(drawing)?;
            root.draw(&Text::new(
                ids[i].to_string(),
                (xy(r) + (cell / 2.0) as i32, top + side + 4),
                label
                    .transform(FontTransform::Rotate90)
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(drawing)?;
        }
        draw_dendrogram(root, &tree, &order, left, cell, title_h, dendro_h)?;
        draw_colour_bar(root, left + side + 24, top, side, at0, at1, s.measure)
    })
}

fn draw_dendrogram(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    tree: &Dendrogram,
    order: &[usize],
    left: i32,
    cell: f64,
    top: i32,
    height: i32,
) -> CliResult<()> {
    let n = tree.leaf_count();
    let max_h = tree.merges().last().map_or(1.0, |m| m.height).max(1e-12);
    let bottom = top + height;
    let y_of = |h: f64| bottom - (h / max_h * height as f64) as i32;
    // x and height of every cluster id (leaves, then merges in order).
    let mut x = vec![0.0f64; 2 * n];
    let mut hgt = vec![0.0f64; 2 * n];
    for (pos, &leaf) in order.iter().enumerate() {
        x[leaf] = left as f64 + (pos as f64 + 0.5) * cell;
    }
    let line = BLACK.mix(0.75).stroke_width(1);
    for (k, m) in tree.merges().iter().enumerate() {
        let id = n + k;
        x[id] = (x[m.left] + x[m.right]) / 2.0;
        hgt[id] = m.height;
        let (yl, yr, ym) = (y_of(hgt[m.left]), y_of(hgt[m.right]), y_of(m.height));
        let (xl, xr) = (x[m.left] as i32, x[m.right] as i32);
        root.draw(&PathElement::new(
            vec![(xl, yl), (xl, ym), (xr, ym), (xr, yr)],
            line,
        ))
        .map_err(drawing)?;
    }
    Ok(())
}

fn draw_colour_bar(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    x: i32,
    top: i32,
    side: i32,
    at0: f64,
    at1: f64,
    measure: Measure,
) -> CliResult<()> {
    let paint = painter(at0, at1);
    let steps = 50;
    for k in 0..steps {
        let t = 1.0 - k as f64 / (steps - 1) as f64;
        let y0 = top + side * k / steps;
        let y1 = top + side * (k + 1) / steps;
        root.draw(&Rectangle::new([(x, y0), (x + 18, y1)], paint(t).filled()))
            .map_err(drawing)?;
    }
    root.draw(&Rectangle::new(
        [(x, top), (x + 18, top + side)],
        BLACK.mix(0.5),
    ))
    .map_err(drawing)?;
    let small = (FONT, 15).into_font();
    let fmt = |v: f64| format!("{v:.2}");
    root.draw(&Text::new(
        format!("{} (most aligned)", fmt(at1)),
        (x + 22, top),
        small.color(&BLACK).pos(Pos::new(HPos::Left, VPos::Top)),
    ))
    .map_err(drawing)?;
    root.draw(&Text::new(
        fmt(at0),
        (x + 22, top + side),
        small.color(&BLACK).pos(Pos::new(HPos::Left, VPos::Bottom)),
    ))
    .map_err(drawing)?;
    root.draw(&Text::new(
        measure.name().to_string(),
        (x, top - 6),
        small.color(&BLACK).pos(Pos::new(HPos::Left, VPos::Bottom)),
    ))
    .map_err(drawing)?;
    if at0 < 0.0 && at1 > 0.0 {
        // The diverging scale's centre: a score of 0.
        let zero = top + (side as f64 * at1 / (at1 - at0)) as i32;
        root.draw(&Text::new(
            "0.00",
            (x + 22, zero),
            small.color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(drawing)?;
    }
    let mid = top + side / 2;
    root.draw(&Rectangle::new(
        [(x + 60, mid - 7), (x + 78, mid + 7)],
        RGBColor(200, 200, 200).filled(),
    ))
    .map_err(drawing)?;
    root.draw(&Text::new(
        "undefined",
        (x + 60, mid + 10),
        small.color(&BLACK).pos(Pos::new(HPos::Left, VPos::Top)),
    ))
    .map_err(drawing)
}
