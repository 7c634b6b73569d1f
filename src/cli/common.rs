//! What every command shares: loading the data, building the view, resolving actor ids,
//! windows, alignment defaults and progress bars.

use super::args::{DataArgs, WindowArgs, WindowChoice};
use super::error::{CliError, CliResult};
use chrono::NaiveDate;
use cosignatory::align::{Coding, DataKind, Defaults, Measure, Universe};
use cosignatory::io::{ReadOptions, read_dataset_with};
use cosignatory::model::{ActorIdx, Dataset, View, ViewOptions};
use cosignatory::time::{Window, WindowSpec};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Loads DATA (or the bundled dataset), printing warnings and, with `--lenient`, every
/// skipped row on stderr.
pub fn load(args: &DataArgs) -> CliResult<Dataset> {
    let ds = load_data(args)?;
    match &args.memberships {
        None => Ok(ds),
        Some(path) => {
            let memberships = cosignatory::io::read_memberships_csv(path)?;
            Ok(ds.with_memberships(&memberships)?)
        }
    }
}

fn load_data(args: &DataArgs) -> CliResult<Dataset> {
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
    for p in &report.dropped_fields {
        eprintln!("kept without this field: {p}");
    }
    if !report.skipped.is_empty() {
        eprintln!("warning: {} row(s) skipped", report.skipped.len());
    }
    if !report.dropped_fields.is_empty() {
        eprintln!(
            "warning: {} row(s) kept with a field dropped",
            report.dropped_fields.len()
        );
    }
    Ok(ds)
}

/// The library's view options of the common data arguments.
pub fn view_options(args: &DataArgs) -> ViewOptions {
    ViewOptions {
        from: args.from,
        to: args.to,
        kinds: args.kind.clone(),
        topics: args.topic.clone(),
        bloc_mode: args.bloc_mode,
    }
}

/// The view selected by the common options; filters that match nothing are warned about.
pub fn view<'a>(ds: &'a Dataset, args: &DataArgs) -> CliResult<View<'a>> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(CliError::usage(format!("--from {from} is after --to {to}")));
    }
    // An empty view is a usage error that names the filter and the values it could take.
    let (view, notes) = ds
        .nonempty_view(&view_options(args))
        .map_err(|e| CliError::usage(e.to_string()))?;
    for note in notes {
        eprintln!("warning: {note}");
    }
    Ok(view)
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
    let range = view_options(args).range(view).ok_or_else(|| {
        CliError::data(
            "no statement matches the date window and filters, so there is nothing to window",
        )
    })?;
    Ok((range.start, range.end))
}

/// The windows of `--window`/`--step`, or one window over the whole range.
pub fn windows(view: &View<'_>, data: &DataArgs, args: &WindowArgs) -> CliResult<Vec<Window>> {
    let (from, to) = date_range(view, data)?;
    match spec(args)? {
        Some(spec) => Ok(spec.windows(from, to)?),
        None => Ok(vec![Window::new(from, to)]),
    }
}

/// The calendar window spec of `--window`/`--step` (`None` without `--window`);
/// `--window session` is a usage error here (only `align` has session windows, through
/// [`session_windows`]).
pub fn spec(args: &WindowArgs) -> CliResult<Option<WindowSpec>> {
    match args.window {
        None => Ok(None),
        Some(WindowChoice::Session) => Err(CliError::usage(
            "--window session (one window per UN General Assembly session) is available for \
             align only; this command takes calendar windows: --window Ny, Nq or Nm",
        )),
        Some(WindowChoice::Span(window)) => WindowSpec::calendar(window, args.step)
            .map(Some)
            .map_err(|e| CliError::usage(e.to_string())),
    }
}

/// Whether `--window session` was asked for (an error with `--step`, which sessions do not
/// take).
pub fn session_windows(args: &WindowArgs) -> CliResult<bool> {
    match (args.window, args.step) {
        (Some(WindowChoice::Session), Some(step)) => Err(CliError::usage(format!(
            "--step {step} does not apply to --window session: sessions are not cut by length"
        ))),
        (Some(WindowChoice::Session), None) => Ok(true),
        _ => Ok(false),
    }
}

/// True when every statement of the view is a roll call ([`DataKind::RollCalls`]): alignment
/// then defaults to the Voeten coding over recorded votes, as in the UN literature.
pub fn is_roll_call(view: &View<'_>) -> bool {
    DataKind::of(view) == DataKind::RollCalls
}

/// The coding of `--coding`; `auto` (`None`) takes the data's ([`Defaults`]).
pub fn coding(arg: Option<&Coding>, roll_call: bool) -> Coding {
    arg.cloned().unwrap_or_else(|| defaults(roll_call).coding)
}

/// The universe of `--universe` (bloc ids checked, with suggestions), or the data's
/// ([`Defaults`]): recorded votes for roll calls, every statement for co-signature data.
pub fn universe(ds: &Dataset, arg: Option<&Universe>, roll_call: bool) -> CliResult<Universe> {
    match arg {
        None | Some(Universe::Auto) => Ok(defaults(roll_call).universe),
        Some(u) => {
            if let Universe::BlocMembers(blocs) = u {
                for b in blocs {
                    bloc(ds, b)?;
                }
            }
            Ok(u.clone())
        }
    }
}

/// The measure used when `--measure` is not given: the data's ([`Defaults::measure`]:
/// kappa-quadratic for roll calls, jaccard for co-signatures), or kappa-quadratic when the
/// chosen coding is not binary (jaccard would be undefined).
pub fn default_measure(roll_call: bool, coding: &Coding) -> Measure {
    let m = defaults(roll_call).measure;
    if m.needs_binary() && !coding.scale().is_binary() {
        Defaults::for_kind(DataKind::RollCalls).measure
    } else {
        m
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_actor_suggests() {
        let ds = cosignatory::datasets::joint_statements();
        let e = actor(&ds, "usa").unwrap_err().to_string();
        assert!(e.contains("did you mean USA"), "{e}");
        let e = actor(&ds, "GBX").unwrap_err().to_string();
        assert!(e.contains("GBR"), "{e}");
    }
}
