//! `cosignatory timeline`: coalitions tracked across windows, with their events.

use super::args::{Format, TimelineArgs};
use super::common;
use super::error::{CliError, CliResult};
use super::graph::projection_options;
use super::output;
use cosignatory::cluster::{LeidenOptions, Quality};
use cosignatory::dynamics::{
    CentralitySelection, CoalitionAlignment, Table, Timeline, TimelineOptions,
};
use cosignatory::export::write_timeline_gexf_file;
use cosignatory::time::{Window, WindowSpec};
use std::io::Write;

pub fn run(args: &TimelineArgs) -> CliResult<()> {
    // Argument errors (exit 2) before any data is read.
    if args.gexf.is_some()
        && let Some(WindowSpec::Calendar { size, step, .. }) = common::spec(&args.windows)?
        && step < size
    {
        return Err(CliError::usage(format!(
            "--gexf needs windows that do not overlap: a {} window every {} overlaps the next \
             (give --step at least the window length)",
            args.windows.window.map_or(String::new(), |w| w.to_string()),
            args.windows.step.map_or(String::new(), |w| w.to_string()),
        )));
    }
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let (from, to) = common::date_range(&view, &args.data)?;
    let projection = projection_options(&args.projection);
    let quality = Quality::modularity(projection.signed, args.resolution);
    let options = TimelineOptions {
        windows: common::spec(&args.windows)?.unwrap_or_else(WindowSpec::years),
        range: Some(Window::new(from, to)),
        projection,
        smoothing: args.smoothing.with_coupling(args.coupling),
        leiden: LeidenOptions {
            quality,
            seed: args.seed,
            ..Default::default()
        },
        centrality: centralities_used(args),
        ..Default::default()
    };
    if args.table == Table::Alignment && args.measure.is_none() {
        return Err(CliError::usage("--table alignment needs --measure"));
    }
    let spinner = common::spinner("building the timeline");
    let t = match args.measure {
        Some(measure) => {
            let roll_call = common::is_roll_call(&view);
            let coding = common::coding(None, roll_call);
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
        write_timeline_gexf_file(path, &view, &options, &t)?;
    }
    output::emit(args.output.out.as_deref(), |out| match args.output.format {
        Format::Table => write_table(out, &t),
        Format::Csv => out.write_all(t.csv(args.table).as_bytes()),
        Format::Json => output::write_json(out, &t),
    })
}

/// Only what the output shows is computed: PageRank and betweenness (O(n m) per window, the
/// bulk of the time on a window with thousands of signatories) appear in the memberships
/// table and in JSON only.
fn centralities_used(args: &TimelineArgs) -> CentralitySelection {
    let shown = match args.output.format {
        Format::Json => true,
        Format::Csv => args.table == Table::Memberships,
        Format::Table => false,
    };
    CentralitySelection {
        pagerank: shown,
        betweenness: shown,
        ..Default::default()
    }
}

fn write_table(out: &mut dyn Write, t: &Timeline) -> std::io::Result<()> {
    if let Some(q) = t.multislice_quality {
        writeln!(out, "multislice modularity {}\n", output::fixed4(q))?;
    }
    for w in &t.windows {
        let quality = w.quality.map_or("undefined".to_string(), output::fixed4);
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
            writeln!(out, "  {id} ({})", output::members(members.len()))?;
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
