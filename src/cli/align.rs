//! `cosignatory align`: dyadic alignment per window, with optional bootstrap intervals.

use super::args::{AlignArgs, Format, UncertaintyArgs};
use super::common;
use super::error::{CliError, CliResult};
use super::output::{self, Cell, Records};
use cosignatory::align::uncertainty::BootstrapConfig;
use cosignatory::align::{
    AlignmentSeries, Coding, FlagOptions, Measure, Options, Pairs, ScoreFlag, SeriesOptions,
    Universe, alignment_series_with_progress,
};
use cosignatory::model::{Dataset, View};
use cosignatory::time::Window;
use std::collections::HashMap;
use std::rc::Rc;

/// The series settings of the arguments, with the data's defaults where none is given. The
/// argument combinations the library would refuse are usage errors here, with a hint.
pub fn setup(
    ds: &Dataset,
    view: &View<'_>,
    measure: Option<Measure>,
    coding: Option<&Coding>,
    universe: Option<&Universe>,
    uncertainty: &UncertaintyArgs,
) -> CliResult<SeriesOptions> {
    let roll_call = common::is_roll_call(view);
    let coding = common::coding(coding, roll_call);
    let measure = measure.unwrap_or_else(|| common::default_measure(roll_call, &coding));
    if measure.needs_binary() && !coding.scale().is_binary() {
        return Err(CliError::usage(format!(
            "measure {measure} needs a binary coding; add --coding cosignature or --coding yes-no"
        )));
    }
    let bootstrap =
        (uncertainty.ci.is_some() || uncertainty.bootstrap.is_some()).then(|| BootstrapConfig {
            replicates: uncertainty.bootstrap.unwrap_or(1000),
            level: uncertainty.ci.unwrap_or(0.95),
            seed: uncertainty.seed,
            options: Options::default(),
        });
    if bootstrap.is_some() && measure == Measure::Newman {
        return Err(CliError::usage(
            "no bootstrap for newman: it needs each statement's signer count, which a resampled \
             pair table does not keep",
        ));
    }
    Ok(SeriesOptions {
        measure,
        coding,
        universe: common::universe(ds, universe, roll_call)?,
        options: Options::default(),
        bootstrap,
    })
}

/// The series of the pairs the arguments select (every pair by default), with a progress bar
/// and the library's warnings on stderr. Ids are checked first for a message with suggestions.
pub fn series(
    view: &View<'_>,
    windows: &[Window],
    pairs: &Pairs,
    options: &SeriesOptions,
) -> CliResult<AlignmentSeries> {
    let named: Vec<&String> = match pairs {
        Pairs::Actor(a) => vec![a],
        Pairs::List(l) => l.iter().flat_map(|(a, b)| [a, b]).collect(),
        _ => Vec::new(),
    };
    named
        .into_iter()
        .try_for_each(|id| common::actor(view.dataset(), id).map(drop))?;
    let bar = common::progress(0, "alignment");
    let series = alignment_series_with_progress(view, windows, pairs, options, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    for w in series.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(series)
}

pub fn run(args: &AlignArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let pairs = if !args.pairs.is_empty() {
        Pairs::List(args.pairs.clone())
    } else if let Some(a) = &args.actor {
        Pairs::Actor(a.clone())
    } else {
        Pairs::All
    };
    let options = setup(
        &ds,
        &view,
        args.measure,
        args.coding.as_ref(),
        args.universe.as_ref(),
        &args.uncertainty,
    )?;
    let windows = common::windows(&view, &args.data, &args.windows)?;
    let s = series(&view, &windows, &pairs, &options)?;
    let flags = FlagOptions::for_dataset(&ds, args.min_n);
    let records = to_records(&s, options.bootstrap.is_some(), &flags);
    output::emit(args.output.out.as_deref(), |out| {
        if args.output.format == Format::Table {
            writeln!(
                out,
                "{}, coding {}, universe {}; {} window(s), {} row(s)\n",
                s.measure(),
                s.coding(),
                s.universe(),
                windows.len(),
                records.len()
            )?;
        }
        records.write(args.output.format, out)
    })
}

/// `a,b,window_start,window_end,measure,score,n,flag[,ci_low,ci_high]`, with one shared string
/// per actor and per date (a UN series has millions of cells). Flags are `;`-separated; a
/// `small-n` score has no interval.
fn to_records(s: &AlignmentSeries, intervals: bool, flags: &FlagOptions) -> Records {
    let mut columns = vec![
        "a",
        "b",
        "window_start",
        "window_end",
        "measure",
        "score",
        "n",
        "flag",
    ];
    if intervals {
        columns.extend(["ci_low", "ci_high"]);
    }
    let mut r = Records::new(&columns);
    let ids: HashMap<&str, Rc<str>> = s
        .actors()
        .iter()
        .map(|a| (a.as_str(), Rc::from(a.as_str())))
        .collect();
    let id = |a: &str| ids.get(a).map_or_else(|| Rc::from(a), Rc::clone);
    let measure: Rc<str> = s.measure().name().into();
    let no_flag: Rc<str> = "".into();
    let mut dates: (Option<Window>, Rc<str>, Rc<str>) = (None, "".into(), "".into());
    for p in s.iter() {
        if dates.0 != Some(p.window) {
            dates = (
                Some(p.window),
                p.window.start.to_string().into(),
                p.window.end.to_string().into(),
            );
        }
        let mut cells = vec![
            Cell::Text(id(&p.a)),
            Cell::Text(id(&p.b)),
            Cell::shared(&dates.1),
            Cell::shared(&dates.2),
            Cell::shared(&measure),
            Cell::Num(p.score.value),
            Cell::int(p.score.n),
        ];
        let f = p.flags(flags);
        cells.push(if f.is_empty() {
            Cell::shared(&no_flag)
        } else {
            Cell::Text(
                f.iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(";")
                    .into(),
            )
        });
        if let Some(ci) = &p.interval {
            if f.contains(&ScoreFlag::SmallN) {
                cells.extend([Cell::Num(None), Cell::Num(None)]);
            } else {
                cells.extend([Cell::Num(ci.lower), Cell::Num(ci.upper)]);
            }
        }
        r.push(cells);
    }
    r
}
