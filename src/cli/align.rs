//! `cosignatory align`: dyadic alignment per window, with optional bootstrap intervals.

use super::args::{AlignArgs, Format, UncertaintyArgs};
use super::common;
use super::error::{CliError, CliResult};
use super::output::{self, Cell, Records};
use cosignatory::align::uncertainty::{BootstrapConfig, PermutationConfig};
use cosignatory::align::{
    AlignmentSeries, Coding, FlagOptions, Measure, Options, Pairs, ScoreFlag, SeriesOptions,
    SeriesPoint, Universe, alignment_series_by_session_with_progress,
    alignment_series_with_progress, compare_windows_with_progress,
};
use cosignatory::model::{Dataset, View};
use cosignatory::time::Window;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;

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
            resample: uncertainty.resample,
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
    series_in(view, Some(windows), pairs, options)
}

/// The series in `windows`, or in each General Assembly session of the view (`None`; a
/// statement without a session is a usage error naming it).
fn series_in(
    view: &View<'_>,
    windows: Option<&[Window]>,
    pairs: &Pairs,
    options: &SeriesOptions,
) -> CliResult<AlignmentSeries> {
    series_check_ids(view, pairs)?;
    let bar = common::progress(0, "alignment");
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let series = match windows {
        Some(windows) => alignment_series_with_progress(view, windows, pairs, options, progress)?,
        None => alignment_series_by_session_with_progress(view, pairs, options, progress).map_err(
            |e| match e {
                // A statement without a session: the invocation does not fit the data.
                cosignatory::Error::InvalidParameter { name: "window", .. } => {
                    CliError::usage(format!("--window session: {e}"))
                }
                e => e.into(),
            },
        )?,
    };
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
    if let Some((first, second)) = args.compare {
        return compare(&view, first, second, &pairs, &options, args);
    }
    let windows = if common::session_windows(&args.windows)? {
        None
    } else {
        Some(common::windows(&view, &args.data, &args.windows)?)
    };
    let s = series_in(&view, windows.as_deref(), &pairs, &options)?;
    let windows = match windows {
        Some(w) => w.len(),
        // Sessions: the library checked them already.
        None => view.sessions()?.len(),
    };
    let flags = FlagOptions::for_dataset(&ds, args.min_n);
    let intervals = options.bootstrap.is_some();
    if args.output.format == Format::Csv {
        // Streamed: an all-pairs UN series has 1.5 million rows.
        return output::emit(args.output.out.as_deref(), |out| {
            write_csv(&s, intervals, &flags, out)
        });
    }
    let records = to_records(&s, intervals, &flags);
    output::emit(args.output.out.as_deref(), |out| {
        if args.output.format == Format::Table {
            writeln!(
                out,
                "{}, coding {}, universe {}; {} window(s), {} row(s)\n",
                s.measure(),
                s.coding(),
                s.universe(),
                windows,
                records.len()
            )?;
        }
        records.write(args.output.format, out)
    })
}

/// `align --compare A:B`: the permutation test of each selected pair's change from window A
/// to window B, one row per pair.
fn compare(
    view: &View<'_>,
    first: Window,
    second: Window,
    pairs: &Pairs,
    options: &SeriesOptions,
    args: &AlignArgs,
) -> CliResult<()> {
    if matches!(pairs, Pairs::All) {
        return Err(CliError::usage(
            "--compare needs --pairs A:B,... or --actor ID: a permutation test of every pair \
             would take too long",
        ));
    }
    if options.measure == Measure::Newman {
        return Err(CliError::usage(
            "no permutation test for newman: it needs each statement's signer count, which a \
             permuted pair table does not keep",
        ));
    }
    series_check_ids(view, pairs)?;
    let cfg = PermutationConfig {
        permutations: args.permutations,
        seed: args.uncertainty.seed,
        options: options.options,
        resample: args.uncertainty.resample,
    };
    let bar = common::progress(0, "permutation tests");
    let changes =
        compare_windows_with_progress(view, first, second, pairs, options, &cfg, |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        })
        .map_err(|e| match e {
            cosignatory::Error::InvalidParameter {
                name: "compare", ..
            } => CliError::usage(format!("--compare: {e}")),
            e => e.into(),
        })?;
    bar.finish_and_clear();
    let mut r = Records::new(&COMPARE_COLUMNS);
    for c in &changes {
        let t = &c.test;
        r.push(vec![
            Cell::text(&*c.a),
            Cell::text(&*c.b),
            Cell::text(c.first.start.to_string()),
            Cell::text(c.first.end.to_string()),
            Cell::text(c.second.start.to_string()),
            Cell::text(c.second.end.to_string()),
            Cell::text(c.measure.name()),
            Cell::Num(t.first.value),
            Cell::Num(t.second.value),
            Cell::Num(t.difference),
            Cell::Num(t.p_value),
            Cell::int(t.permutations),
            Cell::int(t.defined),
            Cell::int(t.first.n),
            Cell::int(t.second.n),
            Cell::int(t.first_units),
            Cell::int(t.second_units),
            Cell::text(t.resample.name()),
        ]);
    }
    output::emit(args.output.out.as_deref(), |out| {
        if args.output.format == Format::Table {
            writeln!(
                out,
                "{}, coding {}, universe {}; change from {first} to {second}, permutation test \
                 by {} ({} permutations, seed {})\n",
                options.measure,
                options.coding,
                options.universe,
                cfg.resample,
                cfg.permutations,
                cfg.seed
            )?;
        }
        r.write(args.output.format, out)
    })
}

/// The columns of `align --compare`.
const COMPARE_COLUMNS: [&str; 18] = [
    "a",
    "b",
    "first_start",
    "first_end",
    "second_start",
    "second_end",
    "measure",
    "score_first",
    "score_second",
    "difference",
    "p_value",
    "permutations",
    "defined",
    "n_first",
    "n_second",
    "units_first",
    "units_second",
    "resample",
];

/// The ids the pairs name, checked for a message with suggestions.
fn series_check_ids(view: &View<'_>, pairs: &Pairs) -> CliResult<()> {
    let named: Vec<&String> = match pairs {
        Pairs::Actor(a) => vec![a],
        Pairs::List(l) => l.iter().flat_map(|(a, b)| [a, b]).collect(),
        _ => Vec::new(),
    };
    named
        .into_iter()
        .try_for_each(|id| common::actor(view.dataset(), id).map(drop))
}

/// The columns of `align`'s tables: `a,b,window_start,window_end,measure,score,n,flag` and
/// with intervals `ci_low,ci_high`.
fn columns(intervals: bool) -> Vec<&'static str> {
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
    columns
}

/// Every flag mask's text, indexed by `SeriesPoint::flag_bits`: built once, not per row.
fn flag_texts() -> Vec<Rc<str>> {
    (0..1u8 << ScoreFlag::ALL.len())
        .map(|bits| SeriesPoint::flag_text(bits).into())
        .collect()
}

/// A point's flag mask and its interval: none below `--min-n` (bit 0, `small-n`).
fn flagged(p: &SeriesPoint, flags: &FlagOptions) -> (u8, Option<f64>, Option<f64>) {
    let bits = p.flag_bits(flags);
    match &p.interval {
        Some(ci) if bits & 1 == 0 => (bits, ci.lower, ci.upper),
        _ => (bits, None, None),
    }
}

/// The CSV of the series, row by row as the points come (numbers in Rust's shortest
/// round-trip form, undefined ones empty, as every CSV table of the CLI).
fn write_csv(
    s: &AlignmentSeries,
    intervals: bool,
    flags: &FlagOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let csv_io = |e: csv::Error| std::io::Error::other(e.to_string());
    w.write_record(columns(intervals)).map_err(csv_io)?;
    let measure = s.measure().name();
    let texts = flag_texts();
    let mut dates: (Option<Window>, String, String) = (None, String::new(), String::new());
    let mut number = String::new();
    let mut num = |w: &mut csv::Writer<&mut dyn Write>, v: Option<f64>| {
        number.clear();
        if let Some(v) = v {
            write!(number, "{v}").expect("writing to a String");
        }
        w.write_field(&number)
    };
    for p in s.iter() {
        if dates.0 != Some(p.window) {
            dates = (
                Some(p.window),
                p.window.start.to_string(),
                p.window.end.to_string(),
            );
        }
        for field in [&*p.a, &*p.b, &dates.1, &dates.2, measure] {
            w.write_field(field).map_err(csv_io)?;
        }
        num(&mut w, p.score.value).map_err(csv_io)?;
        w.write_field(p.score.n.to_string()).map_err(csv_io)?;
        let (bits, low, high) = flagged(p, flags);
        w.write_field(&*texts[bits as usize]).map_err(csv_io)?;
        if intervals {
            num(&mut w, low).map_err(csv_io)?;
            num(&mut w, high).map_err(csv_io)?;
        }
        w.write_record(None::<&[u8]>).map_err(csv_io)?;
    }
    w.flush()
}

/// The rows for the table and JSON formats, with one shared string per actor and per date.
fn to_records(s: &AlignmentSeries, intervals: bool, flags: &FlagOptions) -> Records {
    let mut r = Records::new(&columns(intervals));
    // The points share the series' id allocations: intern by address.
    let ids: HashMap<*const u8, Rc<str>> = s
        .actors()
        .iter()
        .map(|a| (Arc::as_ptr(a).cast::<u8>(), Rc::from(&**a)))
        .collect();
    let id = |a: &Arc<str>| {
        ids.get(&Arc::as_ptr(a).cast::<u8>())
            .map_or_else(|| Rc::from(&**a), Rc::clone)
    };
    let measure: Rc<str> = s.measure().name().into();
    let texts = flag_texts();
    let mut dates: (Option<Window>, Rc<str>, Rc<str>) = (None, "".into(), "".into());
    for p in s.iter() {
        if dates.0 != Some(p.window) {
            dates = (
                Some(p.window),
                p.window.start.to_string().into(),
                p.window.end.to_string().into(),
            );
        }
        let (bits, low, high) = flagged(p, flags);
        let mut cells = vec![
            Cell::Text(id(&p.a)),
            Cell::Text(id(&p.b)),
            Cell::shared(&dates.1),
            Cell::shared(&dates.2),
            Cell::shared(&measure),
            Cell::Num(p.score.value),
            Cell::int(p.score.n),
            Cell::shared(&texts[bits as usize]),
        ];
        if intervals {
            cells.extend([Cell::Num(low), Cell::Num(high)]);
        }
        r.push(cells);
    }
    r
}
