//! `cosignatory plot`: the SVGs exist, carry their labels, legends and titles, and are
//! reproducible.

use crate::support::{arg, cosignatory, folder, stdout_of};
use predicates::str::contains;

/// plotters writes each text on its own line inside `<text ...>`.
fn has_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!("\n{text}\n</text>"))
}

fn svg(args: &[&str]) -> String {
    let text = stdout_of(cosignatory().args(args));
    assert!(
        text.starts_with("<svg"),
        "not an SVG: {}",
        &text[..text.len().min(80)]
    );
    assert!(text.trim_end().ends_with("</svg>"));
    text
}

#[test]
fn series_has_lines_legend_title_and_band() {
    let (dir, data) = folder();
    let out = dir.path().join("series.svg");
    cosignatory()
        .args([
            "plot",
            "series",
            arg(&data),
            "--pairs",
            "AAA:CCC,AAA:DDD",
            "--out",
            arg(&out),
        ])
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("jaccard per calendar year, 2020–2021 (universe all)"));
    assert!(
        text.contains("AAA–CCC") && text.contains("AAA–DDD"),
        "legend"
    );
    assert!(text.contains("<polyline"), "a line per pair");
    assert!(!text.contains("<polygon"), "no band without a bootstrap");
    let band = svg(&[
        "plot",
        "series",
        arg(&data),
        "--pairs",
        "AAA:CCC",
        "--window",
        "1q",
        "--bootstrap",
        "100",
        "--seed",
        "1",
        "--title",
        "Gamma & Alpha",
    ]);
    assert!(band.contains("<polygon"), "bootstrap band");
    assert!(band.contains("Gamma &amp; Alpha"), "title escaped");
}

#[test]
fn heatmap_has_every_cell_labels_and_a_colour_bar() {
    let text = svg(&["plot", "heatmap", "--from", "2019-01-01", "--top", "12"]);
    assert!(text.matches("<rect").count() >= 12 * 12);
    for id in ["USA", "GBR", "CAN"] {
        assert!(has_text(&text, id), "label {id}");
    }
    assert!(text.contains("(most aligned)"));
    assert!(text.contains("jaccard between the 12 most active actors"));
}

#[test]
fn network_colours_coalitions_and_is_reproducible() {
    let (_dir, data) = folder();
    let args = ["plot", "network", arg(&data), "--seed", "2"];
    let text = svg(&args);
    assert!(has_text(&text, "Coalitions"));
    assert!(text.contains("1 (3): "), "legend names the coalitions");
    assert!(text.contains("2 (3): "), "legend names the coalitions");
    for id in ["AAA", "DDD", "FFF"] {
        assert!(has_text(&text, id), "label {id}");
    }
    assert_eq!(text, svg(&args), "same seed, same figure");
    // Same seed, other layout: only the layout can make the difference.
    let circular = svg(&[
        "plot",
        "network",
        arg(&data),
        "--seed",
        "2",
        "--layout",
        "circular",
    ]);
    assert_ne!(circular, text);
}

#[test]
fn figures_refuse_unreadable_sizes_and_missing_pairs() {
    cosignatory()
        .args(["plot", "network", "--width", "100"])
        .assert()
        .code(2)
        .stderr(contains("at least 300 x 200"));
    cosignatory().args(["plot", "series"]).assert().code(2);
}

#[test]
fn png_output_is_a_rasterised_figure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("network.png");
    cosignatory()
        .args(["plot", "network", "--out"])
        .arg(&path)
        .assert()
        .success();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 10_000, "{} bytes", bytes.len());
}

#[test]
fn signed_network_reports_signed_modularity() {
    // The bundled data has counter-statements, so the signed graph has negative edges, where
    // plain modularity is undefined: the subtitle must still give the (signed) modularity.
    let text = svg(&["plot", "network", "--signed", "--seed", "1"]);
    assert!(
        text.contains("modularity "),
        "no modularity in the subtitle"
    );
}
