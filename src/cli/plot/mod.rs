//! `cosignatory plot`: SVG figures drawn with plotters. SVG only: plotters' bitmap backend
//! needs system font libraries (font-kit → fontconfig/freetype) to draw text, and a figure
//! without labels is no use; convert with e.g. `rsvg-convert -o fig.png fig.svg`.

mod heatmap;
mod layout;
mod network;
mod series;

use super::args::{FigureArgs, PlotCommand};
use super::error::{CliError, CliResult};
use super::output;
use plotters::prelude::*;

pub fn run(cmd: &PlotCommand) -> CliResult<()> {
    match cmd {
        PlotCommand::Series(a) => series::run(a),
        PlotCommand::Heatmap(a) => heatmap::run(a),
        PlotCommand::Network(a) => network::run(a),
    }
}

/// Tableau 10: distinguishable, colour-blind-aware categorical colours.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

pub const FONT: &str = "sans-serif";

/// Draws into an SVG string with `draw`, then writes it to `--out` or stdout.
pub fn render(
    figure: &FigureArgs,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>) -> CliResult<()>,
) -> CliResult<()> {
    if figure.width < 300 || figure.height < 200 {
        return Err(CliError::usage(
            "figures need at least 300 x 200 pixels to stay readable",
        ));
    }
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (figure.width, figure.height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        draw(&root)?;
        root.present().map_err(drawing)?;
    }
    output::emit(figure.out.as_deref(), |out| out.write_all(svg.as_bytes()))
}

/// plotters' drawing errors (only string formatting can fail for the SVG backend).
pub fn drawing<E: std::fmt::Debug>(e: E) -> CliError {
    CliError::data(format!("drawing the figure failed: {e:?}"))
}
