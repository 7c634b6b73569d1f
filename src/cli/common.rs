//! What every command shares: loading the data, building the view, resolving actor ids,
//! windows, alignment defaults and progress bars.

use super::args::{CodingArg, DataArgs, Span, UniverseArg, WindowArgs};
use super::error::{CliError, CliResult};
use chrono::NaiveDate;
use cosignatory::align::{Coding, DataKind, Defaults, Universe};
use cosignatory::cluster::{ClusterGraph, Quality};
use cosignatory::io::{ReadOptions, read_dataset_with};
use cosignatory::model::{ActorIdx, Dataset, StatementKind, View};
use cosignatory::time::{Period, Window, WindowSpec};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Loads DATA (or the bundled dataset), printing warnings and, with `--lenient`, every
/// skipped row on stderr.
pub fn load(args: &DataArgs) -> CliResult<Dataset> {
    #[cfg(feature = "un-votes")]
    if args.un_votes {
        let spinner = spinner("loading the UN General Assembly roll calls");
        let ds = cosignatory::datasets::un_votes();
        spinner.finish_and_clear();
        return Ok(ds);
    }
    let Some(path) = &args.data else {
        return Ok(cosignatory::datasets::joint_statements());
    };
    if !path.exists() {
        return Err(CliError::data(format!(
            "{}: no such dataset folder or JSON file",
            path.display()
        )));
    }
    let options = if args.lenient {
        ReadOptions::lenient()
    } else {
        ReadOptions::default()
    };
    let spinner = spinner(&format!("loading {}", path.display()));
    let (ds, report) = read_dataset_with(path, &options)?;
    spinner.finish_and_clear();
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for p in &report.skipped {
        eprintln!("skipped: {p}");
    }
    if !report.skipped.is_empty() {
        eprintln!("warning: {} row(s) skipped", report.skipped.len());
    }
    Ok(ds)
}

/// The view selected by the common options.
pub fn view<'a>(ds: &'a Dataset, args: &DataArgs) -> CliResult<View<'a>> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(CliError::usage(format!("--from {from} is after --to {to}")));
    }
    let mut v = ds
        .view()
        .between(
            args.from.unwrap_or(NaiveDate::MIN),
            args.to.unwrap_or(NaiveDate::MAX),
        )
        .bloc_mode(args.bloc_mode);
    if !args.kind.is_empty() {
        let kinds: Vec<StatementKind> = args
            .kind
            .iter()
            .map(|k| {
                k.parse()
                    .unwrap_or_else(|e: std::convert::Infallible| match e {})
            })
            .collect();
        for k in &kinds {
            if !ds.statements().iter().any(|s| &s.kind == k) {
                eprintln!("warning: no statement in the data has kind `{k}`");
            }
        }
        v = v.kinds(kinds);
    }
    if !args.topic.is_empty() {
        for t in &args.topic {
            if !ds.statements().iter().any(|s| s.has_topic(t)) {
                eprintln!("warning: no statement in the data has topic `{t}`");
            }
        }
        v = v.topics(args.topic.iter().cloned());
    }
    if v.is_empty() {
        eprintln!("warning: no statement matches the date window and filters");
    }
    Ok(v)
}

/// An actor id of the dataset, or an error naming it with the closest known ids.
pub fn actor(ds: &Dataset, id: &str) -> CliResult<ActorIdx> {
    Ok(ds.resolve_actor(id)?)
}

/// A bloc id: an actor with members at some time.
pub fn bloc(ds: &Dataset, id: &str) -> CliResult<ActorIdx> {
    Ok(ds.resolve_bloc(id)?)
}

/// First and last statement dates of the view, widened to `--from`/`--to` when given.
pub fn date_range(view: &View<'_>, args: &DataArgs) -> CliResult<(NaiveDate, NaiveDate)> {
    let ds = view.dataset();
    let mut dates = view.statements().map(|s| ds.statement(s).date);
    let first = dates.next();
    let last = dates.last().or(first);
    match (args.from.or(first), args.to.or(last)) {
        (Some(from), Some(to)) if from <= to => Ok((from, to)),
        _ => Err(CliError::data(
            "no statement matches the date window and filters, so there is nothing to window",
        )),
    }
}

/// The windows of `--window`/`--step`, or one window over the whole range.
pub fn windows(view: &View<'_>, data: &DataArgs, args: &WindowArgs) -> CliResult<Vec<Window>> {
    let (from, to) = date_range(view, data)?;
    match spec(args) {
        Some(spec) => Ok(spec.windows(from, to)?),
        None => Ok(vec![Window::new(from, to)]),
    }
}

/// The calendar window spec of `--window`/`--step` (`None` without `--window`). The calendar
/// spec has one period for size and step, so mixed units use the smaller one (which divides
/// the larger: 1y with a 1q step is 4 quarters every quarter).
pub fn spec(args: &WindowArgs) -> Option<WindowSpec> {
    let window = args.window?;
    let step = args.step.unwrap_or(window);
    let unit = window.months_per_unit.min(step.months_per_unit);
    let period = match unit {
        12 => Period::Year,
        3 => Period::Quarter,
        _ => Period::Month,
    };
    let in_unit = |s: Span| s.count * s.months_per_unit / unit;
    Some(WindowSpec::Calendar {
        period,
        size: in_unit(window),
        step: in_unit(step),
    })
}

/// True when every statement of the view is a roll call ([`DataKind::RollCalls`]): alignment
/// then defaults to the Voeten coding over recorded votes, as in the UN literature.
pub fn is_roll_call(view: &View<'_>) -> bool {
    DataKind::of(view) == DataKind::RollCalls
}

/// The coding of `--coding`; `auto` takes the data's ([`Defaults`]).
pub fn coding(arg: CodingArg, roll_call: bool) -> Coding {
    match arg {
        CodingArg::Auto => defaults(roll_call).coding,
        CodingArg::Cosignature => Coding::cosignature(),
        CodingArg::Voeten => Coding::voeten(),
        CodingArg::Fpsim => Coding::hage_fpsim(),
        CodingArg::YesNo => Coding::yes_no(),
    }
}

/// The universe of `--universe` (bloc ids checked, with suggestions), or the data's
/// ([`Defaults`]): recorded votes for roll calls, every statement for co-signature data.
pub fn universe(ds: &Dataset, arg: Option<&UniverseArg>, roll_call: bool) -> CliResult<Universe> {
    Ok(match arg {
        None => defaults(roll_call).universe,
        Some(UniverseArg::All) => Universe::AllStatements,
        Some(UniverseArg::Recorded) => Universe::Recorded,
        Some(UniverseArg::Members(blocs)) => {
            for b in blocs {
                bloc(ds, b)?;
            }
            Universe::BlocMembers(blocs.clone())
        }
    })
}

fn defaults(roll_call: bool) -> Defaults {
    Defaults::for_kind(if roll_call {
        DataKind::RollCalls
    } else {
        DataKind::CoSignatures
    })
}

/// A progress bar on a terminal; hidden when stderr is not one (pipes, files, tests).
pub fn progress(len: u64, message: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), draw_target());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(message.to_string());
    bar
}

/// A spinner for a step of unknown length (reading a large file, one long computation).
pub fn spinner(message: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, draw_target());
    bar.set_style(ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("valid"));
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn draw_target() -> ProgressDrawTarget {
    if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    }
}

/// Modularity at `resolution`, signed on a graph with negative weights (the library's rule).
pub fn modularity_quality(graph: &ClusterGraph, resolution: f64) -> Quality {
    Quality::Modularity { resolution }.for_graph(graph)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(count: u32, months_per_unit: u32) -> Span {
        Span {
            count,
            months_per_unit,
        }
    }

    #[test]
    fn window_specs() {
        let w = |window, step| WindowArgs {
            window: Some(window),
            step,
        };
        assert_eq!(
            spec(&w(span(2, 12), Some(span(1, 12)))),
            Some(WindowSpec::Calendar {
                period: Period::Year,
                size: 2,
                step: 1
            })
        );
        assert_eq!(
            spec(&w(span(1, 12), Some(span(1, 3)))),
            Some(WindowSpec::Calendar {
                period: Period::Quarter,
                size: 4,
                step: 1
            })
        );
        assert_eq!(
            spec(&w(span(1, 12), Some(span(6, 1)))),
            Some(WindowSpec::Calendar {
                period: Period::Month,
                size: 12,
                step: 6
            })
        );
        assert_eq!(
            spec(&WindowArgs {
                window: None,
                step: None
            }),
            None
        );
    }

    #[test]
    fn unknown_actor_suggests() {
        let ds = cosignatory::datasets::joint_statements();
        let e = actor(&ds, "usa").unwrap_err().to_string();
        assert!(e.contains("did you mean USA"), "{e}");
        let e = actor(&ds, "GBX").unwrap_err().to_string();
        assert!(e.contains("GBR"), "{e}");
    }
}
