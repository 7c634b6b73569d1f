//! `plot network`: the co-signature network, nodes coloured by Leiden coalition.

use super::{FONT, colour, drawing, render};
use crate::cli::args::PlotNetworkArgs;
use crate::cli::common;
use crate::cli::error::{CliError, CliResult};
use crate::cli::graph;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// At most this many edges are drawn (the strongest): a figure of a million edges is a
/// gigabyte of SVG that no viewer shows. The subtitle says when edges were left out.
pub const MAX_DRAWN_EDGES: usize = 5_000;
/// At most this many edges (the strongest) place the nodes: the layout's cost grows with them.
const MAX_LAYOUT_EDGES: usize = 50_000;

/// The `max` strongest edges (by |weight|; ties by endpoints, so the choice is deterministic).
fn strongest(mut edges: Vec<(usize, usize, f64)>, max: usize) -> Vec<(usize, usize, f64)> {
    if edges.len() > max {
        edges.sort_by(|a, b| {
            b.2.abs()
                .total_cmp(&a.2.abs())
                .then_with(|| (a.0, a.1).cmp(&(b.0, b.1)))
        });
        edges.truncate(max);
    }
    edges
}

/// Coalitions beyond this many get one grey: ten colours are as many as people tell apart.
const COLOURED: usize = 10;

pub fn run(args: &PlotNetworkArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    // The same backbone and coalitions as `graph --coalitions` with these options: found on
    // the graph drawn (the backbone, if asked for); actors without a tie are unassigned.
    let (full, _, _) = graph::build(&view, &args.projection, None)?;
    let (backbone, _, _) = match args.backbone.options(args.seed) {
        Some(options) => graph::build(&view, &args.projection, Some(options))?,
        None => (full.clone(), None, None),
    };
    let drawn = &backbone;
    if full.to_cluster_graph()?.total_weight() <= 0.0 {
        return Err(CliError::data(
            "the co-signature graph has no positive edge weight: no coalitions to draw",
        ));
    }
    let found = drawn.tied_coalitions(args.seed)?;
    let q = found.modularity;
    // Nodes drawn: those with enough statements; coalitions ranked by size among them.
    let keep: Vec<NodeIndex> = full
        .graph()
        .node_indices()
        .filter(|&v| full.statements_of(v) >= args.min_statements)
        .collect();
    if keep.is_empty() {
        return Err(CliError::data(format!(
            "no actor took part in {} or more statements: nothing to draw",
            args.min_statements
        )));
    }
    let slot: Vec<Option<usize>> = {
        let mut s = vec![None; full.node_count()];
        for (i, v) in keep.iter().enumerate() {
            s[v.index()] = Some(i);
        }
        s
    };
    // Coalitions in the canonical order (1 = largest, ties by smallest id: as `cluster` and
    // `graph --coalitions` number them), keeping those with a drawn member.
    let mut numbered: Vec<(usize, Vec<usize>)> = (0..found.communities.len())
        .map(|k| (k + 1, Vec::new()))
        .collect();
    let mut unassigned = Vec::new();
    for (i, v) in keep.iter().enumerate() {
        match found.coalition[v.index()] {
            Some(c) => numbered[c].1.push(i),
            None => unassigned.push(i),
        }
    }
    numbered.retain(|(_, g)| !g.is_empty());
    let id = |i: usize| full.actor(keep[i]).id.as_str();
    let (group_numbers, groups): (Vec<usize>, Vec<Vec<usize>>) = numbered.into_iter().unzip();
    let mut group_of = vec![usize::MAX; keep.len()];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            group_of[i] = g;
        }
    }
    // The circular layout places unassigned actors on an arc of their own.
    let mut layout_groups = groups.clone();
    if !unassigned.is_empty() {
        layout_groups.push(unassigned.clone());
    }
    let edges_of = |g: &cosignatory::graph::CoSignGraph| -> Vec<(usize, usize, f64)> {
        g.graph()
            .edge_references()
            .filter_map(|e| {
                Some((
                    slot[e.source().index()]?,
                    slot[e.target().index()]?,
                    e.weight().weight,
                ))
            })
            .collect()
    };
    let all_drawn = edges_of(drawn);
    let candidates = all_drawn.len();
    let edges = strongest(all_drawn, MAX_DRAWN_EDGES);
    // Placed by the full graph (its strongest edges), so a coalition sits together even
    // where the backbone drops its ties; only the drawn edges are the backbone's.
    let pos = args.layout.positions(
        keep.len(),
        &strongest(edges_of(&full), MAX_LAYOUT_EDGES),
        &layout_groups,
        args.seed,
    );
    let (from, to) = common::date_range(&view, &args.data)?;
    let title = args.figure.title.clone().unwrap_or_else(|| {
        format!(
            "Co-signature network {from} to {to}: {} actors, {} weights{}",
            keep.len(),
            full.weighting(),
            if args.backbone.method.is_some() {
                ", backbone edges"
            } else {
                ""
            }
        )
    });
    let subtitle = format!(
        "{} coalitions{} (Leiden, best of 10 seeds from {}){}; node size: statements signed{}",
        groups.len(),
        if unassigned.is_empty() {
            String::new()
        } else {
            format!(", {} actors without a tie unassigned", unassigned.len())
        },
        args.seed,
        q.map(|q| format!(", modularity {q:.3}"))
            .unwrap_or_default(),
        if candidates > edges.len() {
            format!(
                "; the strongest {} of {candidates} edges drawn (--backbone for a significance filter)",
                edges.len()
            )
        } else {
            String::new()
        }
    );
    let max_w = edges
        .iter()
        .map(|e| e.2.abs())
        .fold(0.0f64, f64::max)
        .max(1e-12);
    let max_s = keep
        .iter()
        .map(|&v| full.statements_of(v))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    render(&args.figure, |root| {
        let (w, h) = (args.figure.width as i32, args.figure.height as i32);
        let legend_w = 250;
        let (x0, y0) = (40, 74);
        let (pw, ph) = (w - legend_w - 80, h - y0 - 40);
        let px = |p: (f64, f64)| (x0 + (p.0 * pw as f64) as i32, y0 + (p.1 * ph as f64) as i32);
        root.draw(&Text::new(
            title.clone(),
            (w / 2, 10),
            (FONT, 24)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(drawing)?;
        root.draw(&Text::new(
            subtitle.clone(),
            (w / 2, 38),
            (FONT, 16)
                .into_font()
                .color(&BLACK.mix(0.7))
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(drawing)?;
        for &(a, b, wt) in &edges {
            let c = if wt < 0.0 {
                RGBColor(200, 30, 30)
            } else {
                RGBColor(90, 90, 90)
            };
            let width = (0.5 + 3.5 * wt.abs() / max_w).round() as u32;
            root.draw(&PathElement::new(
                vec![px(pos[a]), px(pos[b])],
                c.mix(0.25 + 0.35 * wt.abs() / max_w)
                    .stroke_width(width.max(1)),
            ))
            .map_err(drawing)?;
        }
        for (i, &v) in keep.iter().enumerate() {
            let g = group_of[i];
            let fill = if g < COLOURED {
                colour(g)
            } else {
                RGBColor(170, 170, 170)
            };
            let r = 3.0 + 7.0 * (f64::from(full.statements_of(v)) / max_s).sqrt();
            let at = px(pos[i]);
            root.draw(&Circle::new(at, r as i32, fill.filled()))
                .map_err(drawing)?;
            root.draw(&Circle::new(at, r as i32, BLACK.mix(0.6)))
                .map_err(drawing)?;
            root.draw(&Text::new(
                id(i).to_string(),
                (at.0 + r as i32 + 2, at.1),
                (FONT, 13)
                    .into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(drawing)?;
        }
        let ids: Vec<&str> = (0..keep.len()).map(id).collect();
        let activity: Vec<u32> = keep.iter().map(|&v| full.statements_of(v)).collect();
        draw_legend(
            root,
            w - legend_w - 10,
            y0,
            &groups,
            &group_numbers,
            &ids,
            &activity,
        )
    })
}

fn draw_legend(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    x: i32,
    y: i32,
    groups: &[Vec<usize>],
    numbers: &[usize],
    ids: &[&str],
    activity: &[u32],
) -> CliResult<()> {
    let font = (FONT, 15).into_font();
    root.draw(&Text::new("Coalitions", (x, y), (FONT, 18).into_font()))
        .map_err(drawing)?;
    let mut row = y + 24;
    for (g, members) in groups.iter().enumerate().take(COLOURED) {
        root.draw(&Circle::new((x + 7, row + 7), 6, colour(g).filled()))
            .map_err(drawing)?;
        // The most active members name the coalition best.
        let mut ranked: Vec<usize> = members.clone();
        ranked.sort_by(|&a, &b| activity[b].cmp(&activity[a]).then(ids[a].cmp(ids[b])));
        let shown = ranked
            .iter()
            .take(4)
            .map(|&i| ids[i])
            .collect::<Vec<_>>()
            .join(" ");
        let more = if ranked.len() > 4 { " …" } else { "" };
        root.draw(&Text::new(
            format!("{} ({}): {shown}{more}", numbers[g], members.len()),
            (x + 18, row + 7),
            font.color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(drawing)?;
        row += 20;
    }
    if groups.len() > COLOURED {
        let rest: usize = groups[COLOURED..].iter().map(Vec::len).sum();
        root.draw(&Circle::new(
            (x + 7, row + 7),
            6,
            RGBColor(170, 170, 170).filled(),
        ))
        .map_err(drawing)?;
        root.draw(&Text::new(
            format!("{} smaller ({rest} actors)", groups.len() - COLOURED),
            (x + 18, row + 7),
            font.color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(drawing)?;
        row += 20;
    }
    root.draw(&Text::new(
        "edge width: |weight|; red: negative",
        (x, row + 10),
        (FONT, 14).into_font().color(&BLACK.mix(0.6)),
    ))
    .map_err(drawing)?;
    Ok(())
}
