//! `cosignatory align`: dyadic alignment per window, with optional bootstrap intervals.

use super::args::{AlignArgs, Format, UncertaintyArgs};
use super::common;
use super::error::{CliError, CliResult};
use super::output::{self, Cell, Records};
use cosignatory::align::uncertainty::{BootstrapConfig, PermutationConfig};
use cosignatory::align::{
    AlignmentSeries, Coding, FlagOptions, Measure, Options, Pairs, ScoreFlag, SeriesInfo,
    SeriesOptions, SeriesPiece, SeriesPoint, Universe, alignment_series_by_session_for_each,
    alignment_series_by_session_pieces, alignment_series_by_session_with_progress,
    alignment_series_for_each, alignment_series_pieces, alignment_series_with_progress,
    compare_windows_with_progress,
};
use cosignatory::model::{Dataset, View};
use cosignatory::time::Window;
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

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
    check_ids(view, pairs)?;
    let bar = common::progress(0, "alignment");
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let series = match windows {
        Some(windows) => alignment_series_with_progress(view, windows, pairs, options, progress)?,
        None => alignment_series_by_session_with_progress(view, pairs, options, progress)
            .map_err(session_error)?,
    };
    bar.finish_and_clear();
    for w in series.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(series)
}

/// A library error of a series by session: a statement without a session means the
/// invocation does not fit the data (a usage error naming it).
fn session_error(e: cosignatory::Error) -> CliError {
    match e {
        cosignatory::Error::InvalidParameter { name: "window", .. } => {
            CliError::usage(format!("--window session: {e}"))
        }
        e => e.into(),
    }
}

/// The series point by point into `sink`: in `windows`, or in each General Assembly session of
/// the view (`None`).
fn for_each(
    view: &View<'_>,
    windows: Option<&[Window]>,
    pairs: &Pairs,
    options: &SeriesOptions,
    progress: impl Fn(usize, usize) + Sync,
    sink: impl FnMut(SeriesPoint) -> cosignatory::Result<()>,
) -> cosignatory::Result<SeriesInfo> {
    match windows {
        Some(w) => alignment_series_for_each(view, w, pairs, options, progress, sink),
        None => alignment_series_by_session_for_each(view, pairs, options, progress, sink),
    }
}

/// The ids the pairs name are the dataset's, or an error with suggestions.
fn check_ids(view: &View<'_>, pairs: &Pairs) -> CliResult<()> {
    let named: Vec<&String> = match pairs {
        Pairs::Actor(a) => vec![a],
        Pairs::List(l) => l.iter().flat_map(|(a, b)| [a, b]).collect(),
        _ => Vec::new(),
    };
    named
        .into_iter()
        .try_for_each(|id| common::actor(view.dataset(), id).map(drop))
}

/// The series as CSV or JSON, each row written as the library computes it: an all-pairs series
/// of one statement with 5,000 signatories is 12.5 million rows, never held at once (issue 21).
/// CSV rows are formatted piece by piece on the worker threads, beside the scoring, and
/// written in the series' order.
fn stream(
    view: &View<'_>,
    windows: Option<&[Window]>,
    pairs: &Pairs,
    options: &SeriesOptions,
    flags: &FlagOptions,
    format: Format,
    path: Option<&std::path::Path>,
) -> CliResult<()> {
    check_ids(view, pairs)?;
    let intervals = options.bootstrap.is_some();
    let bar = common::progress(0, "alignment");
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let to_lib = |source: std::io::Error| cosignatory::Error::Io {
        path: std::path::PathBuf::from("<output>"),
        source,
    };
    // A library error inside the writer: kept here, the writer stops with a placeholder.
    let mut failed = None;
    let mut info = None;
    let written = output::emit(path, |out| {
        let result = if format == Format::Json {
            let mut rows = JsonSeries::new(&mut *out, options.measure, intervals);
            let result = for_each(view, windows, pairs, options, progress, |p| {
                rows.row(&p, flags).map_err(to_lib)
            });
            result.and_then(|i| rows.rows.finish().map(|()| i).map_err(to_lib))
        } else {
            let rows = CsvPieces::new(options.measure, intervals, flags);
            let mut header = Vec::new();
            for (k, c) in columns(intervals).into_iter().enumerate() {
                if k > 0 {
                    header.push(b',');
                }
                output::push_csv_field(&mut header, c);
            }
            header.push(b'\n');
            out.write_all(&header).map_err(to_lib).and_then(|()| {
                let map = |piece: SeriesPiece<'_>| Ok(rows.piece(&piece));
                let sink = |bytes: Vec<u8>| out.write_all(&bytes).map_err(to_lib);
                match windows {
                    Some(w) => {
                        alignment_series_pieces(view, w, pairs, options, progress, map, sink)
                    }
                    None => alignment_series_by_session_pieces(
                        view, pairs, options, progress, map, sink,
                    ),
                }
            })
        };
        match result {
            Ok(i) => {
                info = Some(i);
                Ok(())
            }
            Err(cosignatory::Error::Io { source, .. }) => Err(source),
            Err(e) => {
                failed = Some(e);
                Err(std::io::Error::other("alignment failed"))
            }
        }
    });
    bar.finish_and_clear();
    if let Some(e) = failed {
        return Err(session_error(e));
    }
    written?;
    for w in info.iter().flat_map(|i| &i.warnings) {
        eprintln!("warning: {w}");
    }
    Ok(())
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
    let flags = FlagOptions::for_dataset(&ds, args.min_n);
    if matches!(args.output.format, Format::Csv | Format::Json) {
        let (format, out) = (args.output.format, args.output.out.as_deref());
        return stream(
            &view,
            windows.as_deref(),
            &pairs,
            &options,
            &flags,
            format,
            out,
        );
    }
    table(
        &view,
        windows.as_deref(),
        &pairs,
        &options,
        &flags,
        args.output.out.as_deref(),
    )
}

/// The most rows `align --format table` holds: it aligns its columns over all of them, about
/// 850 bytes a row (1.7 GB here); CSV and JSON stream any number.
const MAX_TABLE_ROWS: usize = 2_000_000;

/// The series as an aligned table, refused past [`MAX_TABLE_ROWS`] rows as soon as they are
/// reached.
fn table(
    view: &View<'_>,
    windows: Option<&[Window]>,
    pairs: &Pairs,
    options: &SeriesOptions,
    flags: &FlagOptions,
    path: Option<&std::path::Path>,
) -> CliResult<()> {
    check_ids(view, pairs)?;
    let intervals = options.bootstrap.is_some();
    let mut records = Records::new(&columns(intervals));
    let mut cells = RowCells::new(options.measure, intervals);
    let mut full = false;
    let bar = common::progress(0, "alignment");
    let info = for_each(
        view,
        windows,
        pairs,
        options,
        |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
        |p| {
            if records.len() == MAX_TABLE_ROWS {
                full = true;
                return Err(cosignatory::Error::InvalidParameter {
                    name: "format",
                    value: "table".into(),
                    reason: "too many rows".into(),
                });
            }
            records.push(cells.cells(&p, flags));
            Ok(())
        },
    );
    bar.finish_and_clear();
    if full {
        return Err(CliError::usage(format!(
            "the table format holds every row to align its columns, and this series has more \
             than {MAX_TABLE_ROWS}; use --format csv or --format json, which stream any number"
        )));
    }
    let info = info.map_err(session_error)?;
    let windows = match windows {
        Some(w) => w.len(),
        // Sessions: the library checked them already.
        None => view.sessions()?.len(),
    };
    for w in &info.warnings {
        eprintln!("warning: {w}");
    }
    output::emit(path, |out| {
        writeln!(
            out,
            "{}, coding {}, universe {}; {} window(s), {} row(s)\n",
            info.measure,
            info.coding,
            info.universe,
            windows,
            records.len()
        )?;
        records.write(Format::Table, out)
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
    check_ids(view, pairs)?;
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

/// The CSV rows of a series, a piece of points at a time (numbers in Rust's shortest
/// round-trip form, undefined ones empty, as every CSV table of the CLI; the bytes the csv
/// crate's writer gives).
struct CsvPieces<'f> {
    measure: Vec<u8>,
    intervals: bool,
    texts: Vec<Vec<u8>>,
    flags: &'f FlagOptions,
    /// Each actor's field, by its index in the series (made from the first piece).
    ids: OnceLock<Vec<Vec<u8>>>,
}

impl<'f> CsvPieces<'f> {
    fn new(measure: Measure, intervals: bool, flags: &'f FlagOptions) -> Self {
        CsvPieces {
            measure: csv_field(measure.name()),
            intervals,
            texts: (0..1u8 << ScoreFlag::ALL.len())
                .map(|bits| csv_field(&SeriesPoint::flag_text(bits)))
                .collect(),
            flags,
            ids: OnceLock::new(),
        }
    }

    /// The rows of a piece.
    fn piece(&self, piece: &SeriesPiece<'_>) -> Vec<u8> {
        let ids = self
            .ids
            .get_or_init(|| piece.actors.iter().map(|a| csv_field(a)).collect());
        let mut out = Vec::with_capacity(piece.len() * 80);
        // `,start,end,measure,` of the piece's window.
        let mut middle = vec![b','];
        output::push_csv_field(&mut middle, &piece.window.start.to_string());
        middle.push(b',');
        output::push_csv_field(&mut middle, &piece.window.end.to_string());
        middle.push(b',');
        middle.extend_from_slice(&self.measure);
        middle.push(b',');
        for (k, (&(a, b), score)) in piece.pairs.iter().zip(&piece.scores).enumerate() {
            out.extend_from_slice(&ids[a as usize]);
            out.push(b',');
            out.extend_from_slice(&ids[b as usize]);
            out.extend_from_slice(&middle);
            if let Some(v) = score.value {
                output::push_f64(&mut out, v);
            }
            out.push(b',');
            output::push_u64(&mut out, u64::from(score.n));
            out.push(b',');
            let bits = piece.flag_bits(k, self.flags);
            out.extend_from_slice(&self.texts[bits as usize]);
            if self.intervals {
                // No interval below `--min-n` (bit 0, `small-n`).
                let ci = piece.interval(k).filter(|_| bits & 1 == 0);
                for v in [ci.and_then(|c| c.lower), ci.and_then(|c| c.upper)] {
                    out.push(b',');
                    if let Some(v) = v {
                        output::push_f64(&mut out, v);
                    }
                }
            }
            out.push(b'\n');
        }
        out
    }
}

/// `text` as one CSV field.
fn csv_field(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    output::push_csv_field(&mut out, text);
    out
}

/// The JSON of a series row by row: the bytes of the table's rows written as JSON.
struct JsonSeries<'w> {
    rows: output::JsonRows<'w>,
    cells: RowCells,
}

impl<'w> JsonSeries<'w> {
    fn new(out: &'w mut dyn Write, measure: Measure, intervals: bool) -> Self {
        JsonSeries {
            rows: output::JsonRows::new(out, &columns(intervals)),
            cells: RowCells::new(measure, intervals),
        }
    }

    fn row(&mut self, p: &SeriesPoint, flags: &FlagOptions) -> std::io::Result<()> {
        let cells = self.cells.cells(p, flags);
        self.rows.row(&cells)
    }
}

/// A point's cells for the table and JSON formats, with one shared string per actor, per
/// date and per flag text.
struct RowCells {
    measure: Rc<str>,
    intervals: bool,
    texts: Vec<Rc<str>>,
    dates: (Option<Window>, Rc<str>, Rc<str>),
    /// The points share the series' id allocations: interned by address.
    ids: HashMap<*const u8, Rc<str>>,
}

impl RowCells {
    fn new(measure: Measure, intervals: bool) -> Self {
        RowCells {
            measure: measure.name().into(),
            intervals,
            texts: flag_texts(),
            dates: (None, "".into(), "".into()),
            ids: HashMap::new(),
        }
    }

    fn id(&mut self, a: &Arc<str>) -> Cell {
        let id = self
            .ids
            .entry(Arc::as_ptr(a).cast::<u8>())
            .or_insert_with(|| Rc::from(&**a));
        Cell::shared(id)
    }

    fn cells(&mut self, p: &SeriesPoint, flags: &FlagOptions) -> Vec<Cell> {
        if self.dates.0 != Some(p.window) {
            self.dates = (
                Some(p.window),
                p.window.start.to_string().into(),
                p.window.end.to_string().into(),
            );
        }
        let (bits, low, high) = flagged(p, flags);
        let mut cells = vec![
            self.id(&p.a),
            self.id(&p.b),
            Cell::shared(&self.dates.1),
            Cell::shared(&self.dates.2),
            Cell::shared(&self.measure),
            Cell::Num(p.score.value),
            Cell::int(p.score.n),
            Cell::shared(&self.texts[bits as usize]),
        ];
        if self.intervals {
            cells.extend([Cell::Num(low), Cell::Num(high)]);
        }
        cells
    }
}
