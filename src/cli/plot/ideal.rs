//! `plot ideal`: ideal points of chosen actors per window, one line per actor, with the
//! bootstrap interval as a band when `--bootstrap` is given.

use super::series::{midpoint, year_label, year_of};
use super::{FONT, colour, drawing, render};
use crate::cli::args::PlotIdealArgs;
use crate::cli::common;
use crate::cli::error::{CliError, CliResult};
use crate::cli::ideal;
use chrono::Datelike;
use plotters::prelude::*;

/// One window's point of a line: (x, ideal, interval low, interval high).
type Point = (f64, f64, f64, f64);

pub fn run(args: &PlotIdealArgs) -> CliResult<()> {
    let ds = common::load(&args.ideal.data)?;
    for a in &args.actors {
        common::actor(&ds, a)?;
    }
    drop(ds);
    let fit = ideal::fit(&args.ideal, true)?;
    let windows: Vec<_> = fit.windows.iter().map(|w| w.window).collect();
    // Per actor: runs of consecutive windows with an estimate, as (x, ideal, low, high).
    let mut paths: Vec<Vec<Vec<Point>>> = Vec::new();
    for a in &args.actors {
        let mut runs: Vec<Vec<Point>> = vec![Vec::new()];
        for w in &windows {
            match fit.actor(a).find(|e| e.window == *w) {
                Some(e) => runs.last_mut().expect("a run").push((
                    midpoint(w),
                    e.ideal,
                    e.ci_low.unwrap_or(e.ideal),
                    e.ci_high.unwrap_or(e.ideal),
                )),
                None if !runs.last().expect("a run").is_empty() => runs.push(Vec::new()),
                None => {}
            }
        }
        runs.retain(|r| !r.is_empty());
        paths.push(runs);
    }
    let values: Vec<f64> = paths
        .iter()
        .flatten()
        .flatten()
        .flat_map(|p| [p.2, p.3])
        .collect();
    if values.is_empty() {
        return Err(CliError::data(
            "none of the actors has an estimate in any window: nothing to draw",
        ));
    }
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = ((max - min) * 0.1).max(0.1);
    let (y0, y1) = (min - pad, max + pad);
    let x0 = year_of(windows[0].start);
    let x1 = year_of(windows[windows.len() - 1].end + chrono::Days::new(1));
    let anchor = fit
        .fits
        .first()
        .map(|f| f.anchor.clone())
        .unwrap_or_default();
    let title = args.figure.title.clone().unwrap_or_else(|| {
        format!(
            "Ideal points ({} model), {}–{}{}",
            fit.model,
            windows[0].start.year(),
            windows[windows.len() - 1].end.year(),
            fit.bootstrap
                .map(|b| format!("; {:.0}% bootstrap band", b.level * 100.0))
                .unwrap_or_default()
        )
    });
    render(&args.figure, |root| {
        let (plot, footer) = root.split_vertically(args.figure.height - 28);
        let mut chart = ChartBuilder::on(&plot)
            .caption(&title, (FONT, 26))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(65)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .x_desc("window (points at the middle of each window)")
            .y_desc(format!("ideal point ({anchor} > 0)"))
            .x_label_formatter(&|x| year_label(*x))
            .label_style((FONT, 16))
            .axis_desc_style((FONT, 18))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(drawing)?;
        for (i, (a, runs)) in args.actors.iter().zip(&paths).enumerate() {
            let c = colour(i);
            if fit.bootstrap.is_some() {
                for run in runs {
                    let mut poly: Vec<(f64, f64)> = run.iter().map(|p| (p.0, p.3)).collect();
                    poly.extend(run.iter().rev().map(|p| (p.0, p.2)));
                    chart
                        .draw_series(std::iter::once(Polygon::new(poly, c.mix(0.14).filled())))
                        .map_err(drawing)?;
                }
            }
            chart
                .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())
                .map_err(drawing)?
                .label(a.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3))
                });
            for run in runs {
                chart
                    .draw_series(LineSeries::new(
                        run.iter().map(|p| (p.0, p.1)),
                        c.stroke_width(2),
                    ))
                    .map_err(drawing)?;
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.5))
            .label_font((FONT, 17))
            .draw()
            .map_err(drawing)?;
        let note = format!(
            "coding {}; {} windows; anchor {anchor}; gaps: no estimate in that window",
            fit.coding,
            windows.len()
        );
        footer
            .draw(&Text::new(
                note,
                (20, 4),
                (FONT, 15).into_font().color(&BLACK.mix(0.7)),
            ))
            .map_err(drawing)?;
        Ok(())
    })
}
