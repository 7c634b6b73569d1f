//! `cosignatory ideal`: ideal points per window (`ideal::estimate_windows`), as a table, CSV
//! (`actor,window_start,window_end,ideal,se,ci_low,ci_high,n`) or the whole result as JSON.

use super::args::{Format, IdealArgs, IdealModelArgs};
use super::common;
use super::error::{CliError, CliResult};
use super::output::{self, Cell, Records};
use cosignatory::ideal::{AnchorRule, BootstrapOptions, IdealOptions, IdealPoints};
use std::rc::Rc;

/// The library options of the arguments; values the library would refuse are usage errors.
fn options(
    args: &IdealModelArgs,
    universe: cosignatory::align::Universe,
) -> CliResult<IdealOptions> {
    if !(args.omega > 0.0 && args.omega.is_finite()) {
        return Err(CliError::usage(format!(
            "--omega {} must be a positive number (the standard deviation of a yearly step)",
            args.omega
        )));
    }
    if args.max_iterations == 0 {
        return Err(CliError::usage("--max-iterations must be at least 1"));
    }
    if args.bootstrap.is_some_and(|b| b < 2) {
        return Err(CliError::usage("--bootstrap needs at least 2 replicates"));
    }
    Ok(IdealOptions {
        model: args.model,
        window: None,
        omega: args.omega,
        anchor: args.anchor.clone(),
        bootstrap: args.bootstrap.map(|replicates| BootstrapOptions {
            replicates,
            level: args.ci,
        }),
        seed: args.seed,
        max_iterations: args.max_iterations,
        acceleration: args.acceleration,
        coding: args.coding,
        universe,
        ..IdealOptions::default()
    })
}

/// The fit the arguments ask for; `years`: yearly windows when --window is not given.
pub fn fit(args: &IdealModelArgs, years: bool) -> CliResult<IdealPoints> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    if let Some(a) = &args.anchor {
        common::actor(&ds, a)?;
    }
    let roll_call = common::is_roll_call(&view);
    let universe = common::universe(&ds, args.universe.as_ref(), roll_call)?;
    let options = options(args, universe)?;
    let windows = match (years, &args.windows.window) {
        (true, None) => {
            let (from, to) = common::date_range(&view, &args.data)?;
            cosignatory::time::WindowSpec::years().windows(from, to)?
        }
        _ => common::windows(&view, &args.data, &args.windows)?,
    };
    let spinner = common::spinner("estimating ideal points");
    let fit = cosignatory::ideal::estimate_windows(&view, &windows, &options)?;
    spinner.finish_and_clear();
    for f in fit.fits.iter().filter(|f| !f.converged) {
        eprintln!(
            "warning: the fit of {} did not converge in {} iterations (--max-iterations)",
            fit.windows[f.windows.start].window, f.iterations
        );
    }
    for w in fit
        .windows
        .iter()
        .filter(|w| w.statements > 0 && w.items == 0)
    {
        eprintln!(
            "warning: window {} has {} statement(s) but no informative vote: no estimates",
            w.window, w.statements
        );
    }
    Ok(fit)
}

pub fn run(args: &IdealArgs) -> CliResult<()> {
    let fit = fit(&args.model, false)?;
    if let Some(path) = &args.items {
        output::emit(Some(path), |out| items(&fit).write(Format::Csv, out))?;
    }
    output::emit(args.output.out.as_deref(), |out| match args.output.format {
        Format::Json => output::write_json(out, &fit),
        Format::Table => {
            write_header(out, &fit)?;
            records(&fit).write(Format::Table, out)
        }
        format => records(&fit).write(format, out),
    })
}

/// What was fitted, how it converged and what was dropped, above the table.
fn write_header(out: &mut dyn std::io::Write, fit: &IdealPoints) -> std::io::Result<()> {
    let omega = fit
        .omega
        .map(|o| format!(", omega {o}"))
        .unwrap_or_default();
    writeln!(
        out,
        "{} model, coding {}, universe {}{omega}; {} window(s), {} estimate(s)",
        fit.model,
        fit.coding,
        fit.universe,
        fit.windows.len(),
        fit.estimates.len()
    )?;
    let converged = fit.fits.iter().filter(|f| f.converged).count();
    let iterations = fit.fits.iter().map(|f| f.iterations).max().unwrap_or(0);
    writeln!(
        out,
        "{converged} of {} fit(s) converged (at most {iterations} iterations)",
        fit.fits.len()
    )?;
    if let Some(f) = fit.fits.first() {
        let rule = match f.anchor_rule {
            AnchorRule::Given => "as given",
            AnchorRule::Usa => "the default",
            _ => "the actor with most votes; USA has no estimate",
        };
        writeln!(out, "anchor {} ({rule}) is positive", f.anchor)?;
    }
    let dropped_items: usize = fit.windows.iter().map(|w| w.dropped_items).sum();
    let dropped_actors: usize = fit.windows.iter().map(|w| w.dropped_actors).sum();
    writeln!(
        out,
        "dropped: {dropped_items} unanimous item(s), {dropped_actors} actor-window(s) with fewer than 2 informative votes\n"
    )
}

/// `actor,window_start,window_end,ideal,se,ci_low,ci_high,n`.
fn records(fit: &IdealPoints) -> Records {
    let mut r = Records::new(&[
        "actor",
        "window_start",
        "window_end",
        "ideal",
        "se",
        "ci_low",
        "ci_high",
        "n",
    ]);
    let mut dates: (Option<cosignatory::time::Window>, Rc<str>, Rc<str>) =
        (None, "".into(), "".into());
    for e in &fit.estimates {
        if dates.0 != Some(e.window) {
            dates = (
                Some(e.window),
                e.window.start.to_string().into(),
                e.window.end.to_string().into(),
            );
        }
        r.push(vec![
            Cell::text(&e.actor),
            Cell::shared(&dates.1),
            Cell::shared(&dates.2),
            Cell::Num(Some(e.ideal)),
            Cell::Num(e.se),
            Cell::Num(e.ci_low),
            Cell::Num(e.ci_high),
            Cell::int(e.n as i64),
        ]);
    }
    r
}

/// `statement,window_start,window_end,alpha,beta,cut,n`.
fn items(fit: &IdealPoints) -> Records {
    let mut r = Records::new(&[
        "statement",
        "window_start",
        "window_end",
        "alpha",
        "beta",
        "cut",
        "n",
    ]);
    for i in &fit.items {
        r.push(vec![
            Cell::text(&i.statement),
            Cell::text(i.window.start.to_string()),
            Cell::text(i.window.end.to_string()),
            Cell::Num(Some(i.alpha)),
            Cell::Num(Some(i.beta)),
            Cell::Num(i.cut),
            Cell::int(i.n as i64),
        ]);
    }
    r
}
