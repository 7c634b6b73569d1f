//! `plot series`: alignment of chosen pairs per window, one line per pair, with the
//! bootstrap interval as a band when asked for.

use super::{FONT, colour, drawing, render};
use crate::cli::align;
use crate::cli::args::PlotSeriesArgs;
use crate::cli::common;
use crate::cli::error::{CliError, CliResult};
use chrono::{Datelike, NaiveDate};
use cosignatory::align::{Pairs, SeriesPoint};
use cosignatory::time::{Period, Span, Window, WindowSpec};
use plotters::prelude::*;

/// A date as a fractional year, the x coordinate.
pub fn year_of(d: NaiveDate) -> f64 {
    let days = if d.leap_year() { 366.0 } else { 365.0 };
    f64::from(d.year()) + f64::from(d.ordinal0()) / days
}

pub fn midpoint(w: &Window) -> f64 {
    (year_of(w.start) + year_of(w.end + chrono::Days::new(1))) / 2.0
}

/// Whole years as "2019", anything else as "2019-07".
pub(super) fn year_label(x: f64) -> String {
    let y = x.floor();
    let m = ((x - y) * 12.0).round() as u32;
    if m == 0 || m == 12 {
        format!("{:.0}", x.round())
    } else {
        format!("{y:.0}-{:02}", m + 1)
    }
}

pub fn run(args: &PlotSeriesArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let s = align::setup(
        &ds,
        &view,
        args.measure,
        args.coding.as_ref(),
        args.universe.as_ref(),
        &args.uncertainty,
    )?;
    let (from, to) = common::date_range(&view, &args.data)?;
    // A series needs several points: calendar years unless --window says otherwise.
    let windows = common::spec(&args.windows)?
        .unwrap_or_else(WindowSpec::years)
        .windows(from, to)?;
    let series = align::series(&view, &windows, &Pairs::List(args.pairs.clone()), &s)?;
    let title = args.figure.title.clone().unwrap_or_else(|| {
        format!(
            "{} per {}, {}–{} (universe {}{})",
            s.measure,
            describe(&args.windows),
            windows[0].start.year(),
            windows[windows.len() - 1].end.year(),
            series.universe(),
            s.bootstrap
                .map(|b| format!("; {:.0}% bootstrap band", b.level * 100.0))
                .unwrap_or_default()
        )
    });
    let values: Vec<f64> = series
        .iter()
        .flat_map(|r| {
            [
                r.score.value,
                r.interval.and_then(|i| i.lower),
                r.interval.and_then(|i| i.upper),
            ]
        })
        .flatten()
        .collect();
    if values.is_empty() {
        return Err(CliError::data(format!(
            "{} is undefined for every pair in every window (no joint items?): nothing to draw",
            s.measure
        )));
    }
    let (lo, hi) = s.measure.bounds();
    let (y0, y1) = if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let pad = ((max - min) * 0.1).max(0.1);
        (min - pad, max + pad)
    };
    let x0 = year_of(windows[0].start);
    let x1 = year_of(windows[windows.len() - 1].end + chrono::Days::new(1));
    let gaps = series.iter().any(|r| r.score.value.is_none());
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
            .y_desc(s.measure.name())
            .x_label_formatter(&|x| year_label(*x))
            .label_style((FONT, 16))
            .axis_desc_style((FONT, 18))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(drawing)?;
        for (i, (a, b)) in args.pairs.iter().enumerate() {
            let c = colour(i);
            let pair: Vec<&SeriesPoint> = series.pair(a, b).collect();
            for band in runs(&pair, |r| {
                let ci = r.interval?;
                Some((midpoint(&r.window), ci.lower?, ci.upper?))
            }) {
                let mut poly: Vec<(f64, f64)> = band.iter().map(|p| (p.0, p.2)).collect();
                poly.extend(band.iter().rev().map(|p| (p.0, p.1)));
                chart
                    .draw_series(std::iter::once(Polygon::new(poly, c.mix(0.14).filled())))
                    .map_err(drawing)?;
            }
            let lines = runs(&pair, |r| Some((midpoint(&r.window), r.score.value?, 0.0)));
            let label = format!("{a}–{b}");
            let legend = move |(x, y): (i32, i32)| {
                PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3))
            };
            // One legend entry per pair, even when its first window is undefined.
            chart
                .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())
                .map_err(drawing)?
                .label(label)
                .legend(legend);
            for line in &lines {
                chart
                    .draw_series(LineSeries::new(
                        line.iter().map(|p| (p.0, p.1)),
                        c.stroke_width(2),
                    ))
                    .map_err(drawing)?;
                chart
                    .draw_series(line.iter().map(|p| Circle::new((p.0, p.1), 4, c.filled())))
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
            "coding {}; {} windows{}",
            if s.coding.scale().is_binary() {
                "binary"
            } else {
                "yes/abstain/no"
            },
            windows.len(),
            if gaps {
                "; gaps: score undefined in that window (e.g. no joint items)"
            } else {
                ""
            }
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

/// "calendar year", "2-year window, step 1 year", ...
pub fn describe(w: &crate::cli::args::WindowArgs) -> String {
    let unit = |s: Span| {
        let name = match s.period {
            Period::Year => "year",
            Period::Quarter => "quarter",
            _ => "month",
        };
        if s.count == 1 {
            name.to_string()
        } else {
            format!("{}-{name}", s.count)
        }
    };
    let window = match w.window {
        Some(crate::cli::args::WindowChoice::Session) => return "General Assembly session".into(),
        Some(crate::cli::args::WindowChoice::Span(s)) => Some(s),
        None => None,
    };
    match (window, w.step) {
        (None, _) => "calendar year".into(),
        (Some(size), None) => format!("{} window", unit(size)),
        (Some(size), Some(step)) if step == size => format!("{} window", unit(size)),
        (Some(size), Some(step)) => {
            let plural = if step.count == 1 { "" } else { "s" };
            let name = unit(Span { count: 1, ..step });
            format!("{} window, step {} {name}{plural}", unit(size), step.count)
        }
    }
}

/// Maximal runs of consecutive rows where `point` is defined (lines break at gaps).
fn runs(
    rows: &[&SeriesPoint],
    point: impl Fn(&SeriesPoint) -> Option<(f64, f64, f64)>,
) -> Vec<Vec<(f64, f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64, f64)>> = vec![Vec::new()];
    for r in rows {
        match point(r) {
            Some(p) => out.last_mut().expect("non-empty").push(p),
            None => out.push(Vec::new()),
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_labels() {
        assert_eq!(year_label(2019.0), "2019");
        assert_eq!(year_label(2019.5), "2019-07");
        assert_eq!(year_label(2019.9999), "2020");
    }
}
