//! `cosignatory plot`: figures drawn with plotters as SVG. An `--out` path ending in `.png` is
//! rasterised from that SVG with resvg (pure Rust; text from the system's fonts), because
//! plotters' own bitmap backend needs the fontconfig/freetype C libraries to draw text.

pub mod heatmap;
mod ideal;
mod network;
pub mod series;

use super::args::{FigureArgs, PlotCommand};
use super::error::{CliError, CliResult};
use super::output;
use plotters::prelude::*;

pub fn run(cmd: &PlotCommand) -> CliResult<()> {
    match cmd {
        PlotCommand::Series(a) => series::run(a),
        PlotCommand::Heatmap(a) => heatmap::run(a),
        PlotCommand::Network(a) => network::run(a),
        PlotCommand::Ideal(a) => ideal::run(a),
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
    check_svg_text(&svg)?;
    let png = figure
        .out
        .as_deref()
        .and_then(|p| p.extension())
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if png {
        let bytes = rasterise(&svg)?;
        output::emit(figure.out.as_deref(), |out| out.write_all(&bytes))
    } else {
        output::emit(figure.out.as_deref(), |out| out.write_all(svg.as_bytes()))
    }
}

/// Refuses a figure whose text XML cannot carry (a control character or U+FFFE in an actor's
/// id or name): the SVG would not parse. Names the label it is in.
fn check_svg_text(svg: &str) -> CliResult<()> {
    let Some((i, c)) = svg
        .char_indices()
        .find(|&(_, c)| cosignatory::export::xml_forbidden(c))
    else {
        return Ok(());
    };
    let start = svg[..i].rfind('>').map_or(0, |p| p + 1);
    let end = svg[i..].find('<').map_or(svg.len(), |p| i + p);
    Err(CliError::data(format!(
        "the figure cannot be written as SVG: the label {:?} contains U+{:04X}, which XML \
         cannot carry even escaped; correct that id or name in the data",
        svg[start..end].trim(),
        u32::from(c)
    )))
}

/// The SVG as PNG bytes at its own size (one pixel per SVG unit).
fn rasterise(svg: &str) -> CliResult<Vec<u8>> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    // Map the generic family the figures use to a font that is there (DejaVu on Debian).
    if let Some(family) = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"]
        .into_iter()
        .find(|f| {
            fonts
                .faces()
                .any(|face| face.families.iter().any(|(n, _)| n == f))
        })
    {
        fonts.set_sans_serif_family(family);
    }
    let tree = usvg::Tree::from_str(svg, &options).map_err(drawing)?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| CliError::data("figure too large to rasterise".to_string()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(drawing)
}

/// plotters' drawing errors (only string formatting can fail for the SVG backend).
pub fn drawing<E: std::fmt::Debug>(e: E) -> CliError {
    CliError::data(format!("drawing the figure failed: {e:?}"))
}
