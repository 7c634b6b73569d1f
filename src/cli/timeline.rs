//! `cosignatory timeline`: coalitions tracked across windows, with their events.

use super::args::{CodingArg, Format, SmoothingArg, TimelineArgs, TimelineTable};
use super::common;
use super::error::{CliError, CliResult};
use super::graph::projection_options;
use super::output::{self, Cell, Records};
use cosignatory::cluster::{LeidenOptions, Quality};
use cosignatory::dynamics::{CoalitionAlignment, Smoothing, Table, Timeline, TimelineOptions};
use cosignatory::export::{NodeAttributes, Snapshot, write_gexf_dynamic_file};
use cosignatory::graph::{CoSignGraph, ProjectionOptions, project};
use cosignatory::model::View;
use cosignatory::time::{Window, WindowSpec};
use std::io::Write;
use std::path::Path;

pub fn run(args: &TimelineArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let (from, to) = common::date_range(&view, &args.data)?;
    let smoothing = match args.smoothing {
        SmoothingArg::Independent => Smoothing::Independent,
        SmoothingArg::WarmStart => Smoothing::WarmStart,
        SmoothingArg::Multislice => Smoothing::Multislice {
            coupling: args.coupling,
        },
    };
    let projection = projection_options(&args.projection);
    let quality = if projection.signed {
        Quality::SignedModularity {
            resolution: args.resolution,
        }
    } else {
        Quality::Modularity {
            resolution: args.resolution,
        }
    };
    let options = TimelineOptions {
        windows: common::spec(&args.windows).unwrap_or_else(WindowSpec::years),
        range: Some(Window::new(from, to)),
        projection,
        smoothing,
        leiden: LeidenOptions {
            quality,
            seed: args.seed,
            ..Default::default()
        },
        ..Default::default()
    };
    if args.table == TimelineTable::Alignment && args.measure.is_none() {
        return Err(CliError::usage("--table alignment needs --measure"));
    }
    let spinner = common::spinner("building the timeline");
    let t = match args.measure {
        Some(measure) => {
            let roll_call = common::is_roll_call(&view);
            let coding = common::coding(CodingArg::Auto, roll_call);
            if measure.needs_binary() && !coding.scale().is_binary() {
                return Err(CliError::usage(format!(
                    "measure {measure} needs a binary coding, and roll calls use Voeten's"
                )));
            }
            let universe = common::universe(&ds, None, roll_call)?;
            let alignment = CoalitionAlignment::new(measure, coding, universe);
            Timeline::build_with_alignment(&view, &options, &alignment)?
        }
        None => Timeline::build(&view, &options)?,
    };
    spinner.finish_and_clear();
    if let Some(path) = &args.gexf {
        write_gexf(path, &view, &options.projection, &t)?;
    }
    output::emit(args.output.out.as_deref(), |out| match args.output.format {
        Format::Table => write_table(out, &t),
        Format::Csv => match table(args.table) {
            Some(table) => out.write_all(t.csv(table).as_bytes()),
            None => alignment_records(&t).write(Format::Csv, out),
        },
        Format::Json => output::write_json(out, &t),
    })
}

/// Each window's graph, projected as the timeline did, with the tracked coalitions as a
/// node attribute, in one dynamic GEXF document.
fn write_gexf(
    path: &Path,
    view: &View<'_>,
    projection: &ProjectionOptions,
    t: &Timeline,
) -> CliResult<()> {
    let graphs: Vec<CoSignGraph> = t
        .windows
        .iter()
        .map(|w| {
            project(
                &view.clone().between(w.window.start, w.window.end),
                projection,
            )
        })
        .collect::<Result<_, _>>()?;
    let snapshots: Vec<Snapshot> = t
        .windows
        .iter()
        .zip(&graphs)
        .map(|(w, g)| {
            let coalitions = g
                .graph()
                .node_weights()
                .map(|a| w.coalition_of(&a.id).map(|c| c.0 as usize));
            Snapshot::new(w.window, g)
                .with_attributes(NodeAttributes::new().with_optional_coalitions(coalitions))
        })
        .collect();
    Ok(write_gexf_dynamic_file(path, &snapshots)?)
}

/// The library's table, or `None` for the alignment figures (which it keeps in JSON only).
fn table(t: TimelineTable) -> Option<Table> {
    Some(match t {
        TimelineTable::Coalitions => Table::Coalitions,
        TimelineTable::Memberships => Table::Memberships,
        TimelineTable::Events => Table::Events,
        TimelineTable::Flows => Table::Flows,
        TimelineTable::Stability => Table::Stability,
        TimelineTable::Alignment => return None,
    })
}

/// `window,start,end,measure,coalition,value`; coalition empty for the whole window.
fn alignment_records(t: &Timeline) -> Records {
    let mut r = Records::new(&["window", "start", "end", "measure", "coalition", "value"]);
    for w in &t.windows {
        for f in &w.alignment {
            r.push(vec![
                Cell::int(w.index as i64),
                Cell::text(w.window.start.to_string()),
                Cell::text(w.window.end.to_string()),
                Cell::text(&f.measure),
                Cell::text(f.coalition.map(|c| c.0.to_string()).unwrap_or_default()),
                Cell::Num(Some(f.value)),
            ]);
        }
    }
    r
}

fn write_table(out: &mut dyn Write, t: &Timeline) -> std::io::Result<()> {
    if let Some(q) = t.multislice_quality {
        writeln!(out, "multislice modularity {q:.4}\n")?;
    }
    for w in &t.windows {
        let quality = w
            .quality
            .map_or("undefined".to_string(), |q| format!("{q:.4}"));
        let stability = w
            .stability
            .as_ref()
            .map(|s| format!(", NMI with previous {:.3}", s.nmi))
            .unwrap_or_default();
        writeln!(
            out,
            "{} to {}: {} statements, {} actors, quality {quality}{stability}",
            w.window.start,
            w.window.end,
            w.statements,
            w.actors.len()
        )?;
        for (id, members) in w.coalition_members() {
            writeln!(out, "  {id} ({} members)", members.len())?;
            output::write_wrapped(out, "    ", &members)?;
        }
        for e in &w.events {
            writeln!(out, "  event: {e}")?;
        }
        for f in &w.alignment {
            let scope = f
                .coalition
                .map_or("all pairs".to_string(), |c| c.to_string());
            writeln!(out, "  {} ({scope}): {:.4}", f.measure, f.value)?;
        }
        writeln!(out)?;
    }
    Ok(())
}
