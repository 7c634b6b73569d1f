//! `cosignatory._native`: the PyO3 module under the Python package `cosignatory`.
//!
//! Every function here calls the `cosignatory` library (never the CLI) and hands back either
//! plain Python values, numpy columns, or CSV text the library writes (small tables whose
//! exact CLI format is the contract); the pure-Python layer in `cosignatory/` turns them into
//! pandas frames. Options arrive as the CLI's names and are parsed by the library's option
//! enums (`FromStr`), so names and error messages are the CLI's.
// PyO3's FFI glue lives in its own crates; nothing here is `unsafe` (and DataError is a Python
// class, so no `create_exception!` with its `unsafe impl`).
#![forbid(unsafe_code)]
// The methods take the CLI's options one by one, as the Python keywords they bind.
#![allow(clippy::too_many_arguments)]

use cosignatory::align::uncertainty::{BootstrapConfig, Interval, PermutationConfig, Resample};
use cosignatory::align::{
    CohesionMeasure, Defaults, FlagOptions, Measure, Options as MeasureOptions, Pairs, ScoreFlag,
    SeriesInfo, SeriesOptions, SeriesPiece, SeriesPoint, Universe, alignment_series,
    alignment_series_by_session_pieces, alignment_series_pieces, bloc_cohesion, compare_windows,
};
use cosignatory::chrono::NaiveDate;
use cosignatory::cluster::{
    ClusterGraph, CoalitionOptions, Linkage, Method, Quality, QualityKind, find_coalitions,
};
use cosignatory::dynamics::{
    CoalitionAlignment, SmoothingMethod, Table, Timeline, TimelineOptions,
};
use cosignatory::graph::{
    BackboneMethod, BackboneOptions, CoSignGraph, CoalitionNull, Correction, EdgeTable, Linking,
    ProjectionOptions, SignificanceOptions, Tail, TailMethod, Weighting, backbone_of_view,
    coalition_significance, project, project_edges, project_for_clustering,
};
use cosignatory::ideal::{BootstrapOptions as IdealBootstrap, IdealModel, IdealOptions};
use cosignatory::io::{CsvTables, EdgeList, ReadOptions, read_dataset_with, read_edge_list};
use cosignatory::model::{BlocMode, Dataset, View, ViewOptions};
use cosignatory::petgraph::graph::EdgeIndex;
use cosignatory::time::{Span, Window, WindowSpec};
use cosignatory::{LoadReport, Problem};
use numpy::PyArray1;
use pyo3::exceptions::{
    PyFileNotFoundError, PyOSError, PyRuntimeError, PyUserWarning, PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use std::ffi::CString;
use std::path::PathBuf;
use std::sync::Arc;

// ---------------------------------------------------------------------------------------
// Errors

/// `cosignatory.DataError` (defined in Python so no hand-written exception type is needed):
/// the library's located message and its problems as dicts.
fn data_error(py: Python<'_>, message: String, problems: Vec<Bound<'_, PyDict>>) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let class = py.import("cosignatory._errors")?.getattr("DataError")?;
        let list = PyList::new(py, problems)?;
        Ok(PyErr::from_value(class.call1((message.clone(), list))?))
    };
    make().unwrap_or_else(|e| e)
}

/// A problem as `{file, line, field, value, message}` (`None` where it does not apply).
fn problem_dict<'py>(py: Python<'py>, p: &Problem) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    match p.location() {
        Some(at) => {
            d.set_item("file", &at.file)?;
            d.set_item("line", at.line)?;
            d.set_item("field", &at.field)?;
            d.set_item("value", &at.value)?;
        }
        None => {
            // File-level problems (missing column, empty file, ...) carry a file and maybe a
            // line or a column; their serialised form names them for every variant.
            let json = serde_json::to_value(p).unwrap_or_default();
            let text = |k: &str| json.get(k).and_then(|v| v.as_str()).map(str::to_string);
            d.set_item("file", text("file"))?;
            d.set_item("line", json.get("line").and_then(|v| v.as_u64()))?;
            d.set_item("field", text("field").or_else(|| text("column")))?;
            d.set_item("value", py.None())?;
        }
    }
    d.set_item("message", p.to_string())?;
    Ok(d)
}

/// The Python exception of a library error: bad data is a `DataError` with its problems,
/// bad options a `ValueError`, I/O an `OSError`.
fn to_py(py: Python<'_>, e: cosignatory::Error) -> PyErr {
    use cosignatory::Error as E;
    match e {
        E::Invalid { ref problems } => {
            let dicts: PyResult<Vec<_>> = problems.iter().map(|p| problem_dict(py, p)).collect();
            match dicts {
                Ok(dicts) => data_error(py, e.to_string(), dicts),
                Err(err) => err,
            }
        }
        E::Json {
            ref file,
            line,
            ref message,
            ..
        } => {
            let d = PyDict::new(py);
            let filled = (|| -> PyResult<()> {
                d.set_item("file", file)?;
                d.set_item("line", line)?;
                d.set_item("field", py.None())?;
                d.set_item("value", py.None())?;
                d.set_item("message", message)?;
                Ok(())
            })();
            match filled {
                Ok(()) => data_error(py, e.to_string(), vec![d]),
                Err(err) => err,
            }
        }
        E::Io { ref source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            PyFileNotFoundError::new_err(e.to_string())
        }
        E::Io { .. } => PyOSError::new_err(e.to_string()),
        E::Serialize { .. } => PyRuntimeError::new_err(e.to_string()),
        // Bad options: parameters, actor ids, blocs, clustering and alignment refusals.
        other => PyValueError::new_err(other.to_string()),
    }
}

trait OrPy<T> {
    fn or_py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T, E: Into<cosignatory::Error>> OrPy<T> for Result<T, E> {
    fn or_py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e.into()))
    }
}

/// A data problem that is not a row (an empty graph, nothing to window): a `DataError`
/// without problems.
fn data_message(py: Python<'_>, message: &str) -> PyErr {
    data_error(py, message.to_string(), Vec::new())
}

/// An option value parsed by the library's names; the error names the option.
fn option<T>(option: &str, value: &str) -> PyResult<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    value
        .parse()
        .map_err(|e: T::Err| PyValueError::new_err(format!("option `{option}`: {e}")))
}

fn invalid(option: &str, value: impl std::fmt::Display, reason: &str) -> PyErr {
    PyValueError::new_err(format!("invalid option `{option}` = {value}: {reason}"))
}

fn warn(py: Python<'_>, message: &str) -> PyResult<()> {
    let text = CString::new(message).unwrap_or_default();
    PyErr::warn(py, &py.get_type::<PyUserWarning>(), &text, 2)
}

// ---------------------------------------------------------------------------------------
// Views

/// The common data options: `start`, `end`, `kind`, `topic`, `bloc_mode` (the CLI's
/// `--from`, `--to`, `--kind`, `--topic`, `--bloc-mode`).
#[derive(Clone)]
struct Filter {
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    kind: Vec<String>,
    topic: Vec<String>,
    bloc_mode: BlocMode,
}

fn date(option: &str, text: Option<&str>) -> PyResult<Option<NaiveDate>> {
    text.map(|t| {
        NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map_err(|_| invalid(option, format!("{t:?}"), "not a date; expected YYYY-MM-DD"))
    })
    .transpose()
}

impl Filter {
    fn new(
        start: Option<&str>,
        end: Option<&str>,
        kind: Vec<String>,
        topic: Vec<String>,
        bloc_mode: &str,
    ) -> PyResult<Filter> {
        let (start, end) = (date("start", start)?, date("end", end)?);
        if let (Some(a), Some(b)) = (start, end)
            && a > b
        {
            return Err(invalid("start", a, &format!("is after end {b}")));
        }
        Ok(Filter {
            start,
            end,
            kind,
            topic,
            bloc_mode: option("bloc_mode", bloc_mode)?,
        })
    }

    fn options(&self) -> ViewOptions {
        ViewOptions {
            from: self.start,
            to: self.end,
            kinds: self.kind.clone(),
            topics: self.topic.clone(),
            bloc_mode: self.bloc_mode,
        }
    }

    /// The view these options select (the library's `Dataset::view_with`, as the CLI), with a
    /// Python warning for each filter that matches nothing.
    fn view<'a>(&self, py: Python<'_>, ds: &'a Dataset) -> PyResult<View<'a>> {
        // As every command: filters that leave nothing are an error naming the filter.
        let (view, notes) = ds
            .nonempty_view(&self.options())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        for note in notes {
            warn(py, &note.to_string())?;
        }
        Ok(view)
    }

    /// First and last statement dates of the view, widened to `start`/`end` when given.
    fn date_range(&self, py: Python<'_>, view: &View<'_>) -> PyResult<(NaiveDate, NaiveDate)> {
        let range = self.options().range(view).ok_or_else(|| {
            data_message(
                py,
                "no statement matches the date window and filters, so there is nothing to window",
            )
        })?;
        Ok((range.start, range.end))
    }
}

/// The data options as the Python layer passes them, in one tuple:
/// `(start, end, kind, topic, bloc_mode)`.
#[derive(FromPyObject)]
struct DataArgs(
    Option<String>,
    Option<String>,
    Vec<String>,
    Vec<String>,
    String,
);

impl DataArgs {
    fn filter(&self) -> PyResult<Filter> {
        Filter::new(
            self.0.as_deref(),
            self.1.as_deref(),
            self.2.clone(),
            self.3.clone(),
            &self.4,
        )
    }
}

/// The projection options as one tuple: `(weight, signed, votes)` (`--weight`, `--signed`,
/// `--votes`).
#[derive(FromPyObject)]
struct ProjectionArgs(String, bool, bool);

impl ProjectionArgs {
    fn options(&self) -> PyResult<ProjectionOptions> {
        let ProjectionArgs(weight, signed, votes) = self;
        Ok(ProjectionOptions {
            linking: if *votes {
                Linking::SameVote
            } else {
                Linking::Signatures
            },
            signed: *signed,
            ..ProjectionOptions::new(option::<Weighting>("weight", weight)?)
        })
    }
}

/// The calendar windows of `window`/`step` (the CLI's `--window`/`--step`), parsed and
/// combined by the library (`time::Span`, `WindowSpec::calendar`).
fn window_spec(window: Option<&str>, step: Option<&str>) -> PyResult<Option<WindowSpec>> {
    let Some(window) = window else {
        if step.is_some() {
            return Err(invalid("step", format!("{step:?}"), "needs `window`"));
        }
        return Ok(None);
    };
    let span = |option: &str, text: &str| {
        text.parse::<Span>()
            .map_err(|e| invalid(option, format!("{text:?}"), e.reason))
    };
    let window = span("window", window)?;
    let step = step.map(|s| span("step", s)).transpose()?;
    WindowSpec::calendar(window, step)
        .map(Some)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

// ---------------------------------------------------------------------------------------
// The dataset

/// A loaded dataset (shared, immutable) and the report of its load.
#[pyclass(frozen, module = "cosignatory._native", name = "Dataset")]
struct PyDataset {
    ds: Arc<Dataset>,
    report: Option<LoadReport>,
}

fn read_options(lenient: bool) -> ReadOptions {
    if lenient {
        ReadOptions::lenient()
    } else {
        ReadOptions::default()
    }
}

#[pymethods]
impl PyDataset {
    /// Reads a CSV folder or a JSON file (`cosignatory::io::read_dataset_with`).
    #[staticmethod]
    fn read(py: Python<'_>, path: PathBuf, lenient: bool) -> PyResult<PyDataset> {
        if !path.exists() {
            return Err(PyFileNotFoundError::new_err(format!(
                "{}: no such dataset folder or JSON file",
                path.display()
            )));
        }
        let options = read_options(lenient);
        let (ds, report) = py.detach(|| read_dataset_with(&path, &options)).or_py(py)?;
        Ok(PyDataset {
            ds: Arc::new(ds),
            report: Some(report),
        })
    }

    /// Reads the CSV tables from memory (`cosignatory::io::CsvTables`).
    #[staticmethod]
    #[pyo3(signature = (statements, signatures, actors, memberships, lenient))]
    fn from_csv(
        py: Python<'_>,
        statements: Vec<u8>,
        signatures: Vec<u8>,
        actors: Option<Vec<u8>>,
        memberships: Option<Vec<u8>>,
        lenient: bool,
    ) -> PyResult<PyDataset> {
        let options = read_options(lenient);
        let (ds, report) = py
            .detach(|| {
                let mut tables = CsvTables::new(
                    ("statements", statements.as_slice()),
                    ("signatures", signatures.as_slice()),
                );
                if let Some(a) = &actors {
                    tables = tables.with_actors("actors", a.as_slice());
                }
                if let Some(m) = &memberships {
                    tables = tables.with_memberships("memberships", m.as_slice());
                }
                tables.read(&options)
            })
            .or_py(py)?;
        Ok(PyDataset {
            ds: Arc::new(ds),
            report: Some(report),
        })
    }

    /// The bundled joint statements.
    #[staticmethod]
    fn joint_statements() -> PyDataset {
        PyDataset {
            ds: Arc::new(cosignatory::datasets::joint_statements()),
            report: None,
        }
    }

    /// The bundled UN General Assembly roll calls.
    #[staticmethod]
    fn un_votes(py: Python<'_>) -> PyDataset {
        PyDataset {
            ds: Arc::new(py.detach(cosignatory::datasets::un_votes)),
            report: None,
        }
    }

    /// The load report as `{"skipped": [problem], "warnings": [message]}`, or `None` for a
    /// bundled dataset.
    fn load_report<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(r) = &self.report else {
            return Ok(None);
        };
        let d = PyDict::new(py);
        let skipped: PyResult<Vec<_>> = r.skipped.iter().map(|p| problem_dict(py, p)).collect();
        d.set_item("skipped", PyList::new(py, skipped?)?)?;
        let dropped: PyResult<Vec<_>> = r
            .dropped_fields
            .iter()
            .map(|p| problem_dict(py, p))
            .collect();
        d.set_item("dropped_fields", PyList::new(py, dropped?)?)?;
        let warnings: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
        d.set_item("warnings", warnings)?;
        Ok(Some(d))
    }

    /// `View::summary` as JSON text (what `cosignatory summary --format json` prints).
    fn summary(&self, py: Python<'_>, data: DataArgs, top: usize) -> PyResult<String> {
        let view = data.filter()?.view(py, &self.ds)?;
        let summary = view.summary(top);
        serde_json::to_string(&summary).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// The dataset's four CSV tables (`io::to_csv_tables`) as bytes, by file stem.
    fn tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let ds = Arc::clone(&self.ds);
        let tables = py.detach(move || cosignatory::io::to_csv_tables(&ds));
        let d = PyDict::new(py);
        for (name, bytes) in tables.or_py(py)? {
            let stem = name.strip_suffix(".csv").unwrap_or(name);
            d.set_item(stem, PyBytes::new(py, &bytes))?;
        }
        Ok(d)
    }

    /// The edge columns of the co-signature graph (`graph --format csv`), ids as
    /// categorical codes into `categories` (sorted ids); with `with_nodes` also the node
    /// table (`graph --format csv-nodes`) as CSV bytes under `nodes`.
    fn graph<'py>(
        &self,
        py: Python<'py>,
        data: DataArgs,
        projection: ProjectionArgs,
        backbone: BackboneArgs,
        with_nodes: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        if !with_nodes && backbone.options()?.is_none() {
            // The edges alone: columns straight from the projection, no graph in between.
            let filter = data.filter()?;
            let projection = projection.options()?;
            let view = filter.view(py, &self.ds)?;
            let table = py.detach(|| project_edges(&view, &projection)).or_py(py)?;
            return table_columns(&self.ds, table).into_dict(py);
        }
        let g = self.build_graph(py, &data, &projection, &backbone)?;
        let d = graph_columns(&g).into_dict(py)?;
        if with_nodes {
            d.set_item("nodes", PyBytes::new(py, &node_table(py, &g)?))?;
        }
        Ok(d)
    }

    /// The node table of the co-signature graph (`graph --format csv-nodes`) as CSV text.
    fn graph_nodes<'py>(
        &self,
        py: Python<'py>,
        data: DataArgs,
        projection: ProjectionArgs,
        backbone: BackboneArgs,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let g = self.build_graph(py, &data, &projection, &backbone)?;
        Ok(PyBytes::new(py, &node_table(py, &g)?))
    }

    /// Coalitions of the co-signature graph (`cosignatory cluster`).
    /// With `significance`, the coalitions against that many degree-preserving null datasets
    /// (`cluster --significance N`), under `significance` as `--format json` writes it.
    #[pyo3(signature = (data, projection, clustering, significance))]
    fn cluster<'py>(
        &self,
        py: Python<'py>,
        data: DataArgs,
        projection: ProjectionArgs,
        clustering: ClusteringArgs,
        significance: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let options = clustering.options()?;
        let projection = projection.options()?;
        if significance == Some(0) {
            return Err(invalid("significance", 0, "needs at least 1 null dataset"));
        }
        let view = data.filter()?.view(py, &self.ds)?;
        let ds = &*self.ds;
        let (graph, actors) = py
            .detach(|| project_for_clustering(&view, &projection))
            .or_py(py)?;
        let ids: Vec<String> = actors.iter().map(|&a| ds.actor(a).id.clone()).collect();
        let d = cluster_graph(py, &graph, &ids, &options)?;
        if let Some(samples) = significance {
            let null = SignificanceOptions {
                samples,
                seed: options.seed,
                ..SignificanceOptions::default()
            };
            let s = py
                .detach(|| coalition_significance(&view, &projection, &options, &null))
                .or_py(py)?;
            let communities: Vec<Vec<String>> = d
                .get_item("communities")?
                .ok_or_else(|| PyRuntimeError::new_err("no communities"))?
                .extract()?;
            let per: Vec<Option<&CoalitionNull>> =
                communities.iter().map(|m| s.null_of(m)).collect();
            let json = serde_json::json!({
                "samples": s.null_qualities.len(),
                "null_mean": s.null_mean,
                "null_sd": s.null_sd,
                "z": s.z,
                "p_value": s.p_value,
                "beats_chance": s.beats_chance(0.05),
                "communities": per,
            });
            d.set_item("significance", json.to_string())?;
        }
        Ok(d)
    }

    /// Dyadic alignment per window (`cosignatory align`) as columns: actor ids as codes into
    /// `categories`, window dates as days since 1970-01-01, undefined scores as NaN.
    #[pyo3(signature = (data, measure, pairs, actor, universe, coding, window, step, ci, bootstrap, seed, min_n, resample))]
    fn align<'py>(
        &self,
        py: Python<'py>,
        data: DataArgs,
        measure: Option<&str>,
        pairs: Vec<(String, String)>,
        actor: Option<String>,
        universe: Option<&str>,
        coding: Option<&str>,
        window: Option<&str>,
        step: Option<&str>,
        ci: Option<f64>,
        bootstrap: Option<u32>,
        seed: u64,
        min_n: u32,
        resample: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let filter = data.filter()?;
        let sessions = window.is_some_and(|w| w.trim().eq_ignore_ascii_case("session"));
        if sessions && let Some(step) = step {
            return Err(invalid(
                "step",
                format!("{step:?}"),
                "does not apply to window=\"session\": sessions are not cut by length",
            ));
        }
        let spec = if sessions {
            None
        } else {
            window_spec(window, step)?
        };
        let pairs = pairs_of(pairs, actor)?;
        let resample: Resample = option("resample", resample)?;
        if let Some(level) = ci
            && !(level > 0.0 && level < 1.0)
        {
            return Err(invalid("ci", level, "must be a level between 0 and 1"));
        }
        if bootstrap == Some(0) {
            return Err(invalid("bootstrap", 0, "must be at least 1 replicate"));
        }
        let view = filter.view(py, &self.ds)?;
        let defaults = Defaults::for_view(&view);
        let options = SeriesOptions {
            measure: measure.map_or(Ok(defaults.measure), |m| option("measure", m))?,
            coding: match coding {
                Some(c) if !c.trim().eq_ignore_ascii_case("auto") => option("coding", c)?,
                _ => defaults.coding,
            },
            universe: universe.map_or(Ok(Universe::Auto), |u| option("universe", u))?,
            options: MeasureOptions::default(),
            bootstrap: (ci.is_some() || bootstrap.is_some()).then(|| BootstrapConfig {
                replicates: bootstrap.unwrap_or(1000),
                level: ci.unwrap_or(0.95),
                seed,
                options: MeasureOptions::default(),
                resample,
            }),
        };
        let flags = FlagOptions::for_dataset(&self.ds, min_n);
        let intervals = options.bootstrap.is_some();
        // Each piece of points becomes columns where it was computed (on the worker threads
        // with the `parallel` feature); the pieces are appended in order.
        let mut columns = SeriesColumns::default();
        let map = |piece: SeriesPiece<'_>| Ok(SeriesColumns::of(&piece, intervals, &flags));
        let sink = |part: SeriesColumns| {
            columns.append(part);
            Ok(())
        };
        let info = if sessions {
            py.detach(|| {
                alignment_series_by_session_pieces(&view, &pairs, &options, |_, _| {}, map, sink)
            })
            .map_err(|e| match e {
                cosignatory::Error::InvalidParameter { name: "window", .. } => {
                    PyValueError::new_err(format!("option `window`: {e}"))
                }
                e => to_py(py, e),
            })?
        } else {
            let windows = windows_of(py, &filter, &view, spec.as_ref())?;
            py.detach(|| {
                alignment_series_pieces(&view, &windows, &pairs, &options, |_, _| {}, map, sink)
            })
            .or_py(py)?
        };
        for w in &info.warnings {
            warn(py, &w.to_string())?;
        }
        columns.into_dict(py, &info, intervals)
    }

    /// The permutation test of each pair's change between two windows (`cosignatory align
    /// --compare A:B --format csv`), as lists per column (dates as days since 1970-01-01,
    /// undefined values as NaN).
    #[pyo3(signature = (data, measure, pairs, actor, universe, coding, compare, permutations, seed, resample))]
    fn align_compare<'py>(
        &self,
        py: Python<'py>,
        data: DataArgs,
        measure: Option<&str>,
        pairs: Vec<(String, String)>,
        actor: Option<String>,
        universe: Option<&str>,
        coding: Option<&str>,
        compare: &str,
        permutations: u32,
        seed: u64,
        resample: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let filter = data.filter()?;
        let pairs = pairs_of(pairs, actor)?;
        if matches!(pairs, Pairs::All) {
            return Err(invalid(
                "compare",
                format!("{compare:?}"),
                "needs `pairs` or `actor`: a permutation test of every pair would take too long",
            ));
        }
        let (first, second) = compare
            .split_once(':')
            .and_then(|(a, b)| Some((a.parse::<Window>().ok()?, b.parse::<Window>().ok()?)))
            .ok_or_else(|| {
                invalid(
                    "compare",
                    format!("{compare:?}"),
                    "expected \"A:B\" with A and B each YYYY, YYYY-YYYY or \
                     YYYY-MM-DD..YYYY-MM-DD, e.g. \"1990-1999:2010-2019\"",
                )
            })?;
        if permutations == 0 {
            return Err(invalid("permutations", 0, "must be at least 1"));
        }
        let resample: Resample = option("resample", resample)?;
        let view = filter.view(py, &self.ds)?;
        let defaults = Defaults::for_view(&view);
        let options = SeriesOptions {
            measure: measure.map_or(Ok(defaults.measure), |m| option("measure", m))?,
            coding: match coding {
                Some(c) if !c.trim().eq_ignore_ascii_case("auto") => option("coding", c)?,
                _ => defaults.coding,
            },
            universe: universe.map_or(Ok(Universe::Auto), |u| option("universe", u))?,
            options: MeasureOptions::default(),
            bootstrap: None,
        };
        let cfg = PermutationConfig {
            permutations,
            seed,
            options: MeasureOptions::default(),
            resample,
        };
        let changes = py
            .detach(|| compare_windows(&view, first, second, &pairs, &options, &cfg))
            .map_err(|e| match e {
                cosignatory::Error::InvalidParameter {
                    name: "compare", ..
                } => PyValueError::new_err(format!("option `compare`: {e}")),
                e => to_py(py, e),
            })?;
        let num = |v: Option<f64>| v.unwrap_or(f64::NAN);
        let d = PyDict::new(py);
        let column = |f: &dyn Fn(&cosignatory::align::WindowChange) -> f64| -> Vec<f64> {
            changes.iter().map(f).collect()
        };
        let int = |f: &dyn Fn(&cosignatory::align::WindowChange) -> u32| -> Vec<i64> {
            changes.iter().map(|c| i64::from(f(c))).collect()
        };
        d.set_item(
            "a",
            changes.iter().map(|c| c.a.to_string()).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "b",
            changes.iter().map(|c| c.b.to_string()).collect::<Vec<_>>(),
        )?;
        let (fs, fe) = window_days(&first);
        let (ss, se) = window_days(&second);
        let n = changes.len();
        d.set_item("first_start", PyArray1::from_vec(py, vec![fs; n]))?;
        d.set_item("first_end", PyArray1::from_vec(py, vec![fe; n]))?;
        d.set_item("second_start", PyArray1::from_vec(py, vec![ss; n]))?;
        d.set_item("second_end", PyArray1::from_vec(py, vec![se; n]))?;
        d.set_item("measure", options.measure.name())?;
        d.set_item(
            "score_first",
            PyArray1::from_vec(py, column(&|c| num(c.test.first.value))),
        )?;
        d.set_item(
            "score_second",
            PyArray1::from_vec(py, column(&|c| num(c.test.second.value))),
        )?;
        d.set_item(
            "difference",
            PyArray1::from_vec(py, column(&|c| num(c.test.difference))),
        )?;
        d.set_item(
            "p_value",
            PyArray1::from_vec(py, column(&|c| num(c.test.p_value))),
        )?;
        d.set_item(
            "permutations",
            PyArray1::from_vec(py, int(&|c| c.test.permutations)),
        )?;
        d.set_item("defined", PyArray1::from_vec(py, int(&|c| c.test.defined)))?;
        d.set_item("n_first", PyArray1::from_vec(py, int(&|c| c.test.first.n)))?;
        d.set_item(
            "n_second",
            PyArray1::from_vec(py, int(&|c| c.test.second.n)),
        )?;
        d.set_item(
            "units_first",
            PyArray1::from_vec(py, int(&|c| c.test.first_units)),
        )?;
        d.set_item(
            "units_second",
            PyArray1::from_vec(py, int(&|c| c.test.second_units)),
        )?;
        d.set_item("resample", resample.name())?;
        Ok(d)
    }

    /// A bloc's cohesion per window (`cosignatory cohesion`; calendar years without
    /// `window`) as columns, window dates as days since 1970-01-01.
    #[pyo3(signature = (data, bloc, measure, window, step))]
    fn cohesion<'py>(
        &self,
        py: Python<'py>,
        data: DataArgs,
        bloc: &str,
        measure: Option<&str>,
        window: Option<&str>,
        step: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let filter = data.filter()?;
        let spec = window_spec(window, step)?.unwrap_or_else(WindowSpec::years);
        let view = filter.view(py, &self.ds)?;
        let measure: CohesionMeasure = match measure {
            Some(m) => option("measure", m)?,
            None => Defaults::for_view(&view).cohesion,
        };
        let id = self
            .ds
            .actor(self.ds.resolve_bloc(bloc).or_py(py)?)
            .id
            .clone();
        let windows = windows_of(py, &filter, &view, Some(&spec))?;
        let points = py
            .detach(|| bloc_cohesion(&view, &id, measure, &windows))
            .or_py(py)?;
        let d = PyDict::new(py);
        d.set_item("bloc", id)?;
        d.set_item("measure", measure.name())?;
        let (start, end): (Vec<i64>, Vec<i64>) =
            points.iter().map(|p| window_days(&p.window)).unzip();
        d.set_item("window_start", PyArray1::from_vec(py, start))?;
        d.set_item("window_end", PyArray1::from_vec(py, end))?;
        let score = points.iter().map(|p| p.score.value.unwrap_or(f64::NAN));
        d.set_item("score", PyArray1::from_vec(py, score.collect()))?;
        let n = points.iter().map(|p| p.score.n as i64);
        d.set_item("n", PyArray1::from_vec(py, n.collect()))?;
        Ok(d)
    }

    /// Coalitions tracked across windows (`cosignatory timeline`), with the alignment
    /// figures of `measure` per window when given (`timeline --measure`).
    #[pyo3(signature = (data, projection, window, step, smoothing, coupling, resolution, seed, measure))]
    fn timeline(
        &self,
        py: Python<'_>,
        data: DataArgs,
        projection: ProjectionArgs,
        window: Option<&str>,
        step: Option<&str>,
        smoothing: &str,
        coupling: f64,
        resolution: f64,
        seed: u64,
        measure: Option<&str>,
    ) -> PyResult<PyTimeline> {
        let filter = data.filter()?;
        let projection = projection.options()?;
        let spec = window_spec(window, step)?;
        let smoothing: SmoothingMethod = option("smoothing", smoothing)?;
        let measure: Option<Measure> = measure.map(|m| option("measure", m)).transpose()?;
        let view = filter.view(py, &self.ds)?;
        let (from, to) = filter.date_range(py, &view)?;
        let quality = Quality::modularity(projection.signed, resolution);
        let options = TimelineOptions {
            windows: spec.unwrap_or_else(WindowSpec::years),
            range: Some(Window::new(from, to)),
            projection,
            smoothing: smoothing.with_coupling(coupling),
            leiden: cosignatory::cluster::LeidenOptions {
                quality,
                seed,
                ..Default::default()
            },
            ..Default::default()
        };
        let timeline = py
            .detach(|| match measure {
                None => Timeline::build(&view, &options),
                Some(measure) => {
                    // Coding and universe follow the data, as in `align` without options.
                    let d = Defaults::for_view(&view);
                    let alignment = CoalitionAlignment::new(measure, d.coding, d.universe);
                    Timeline::build_with_alignment(&view, &options, &alignment)
                }
            })
            .or_py(py)?;
        Ok(PyTimeline {
            ds: Arc::clone(&self.ds),
            filter,
            options,
            timeline,
        })
    }

    /// Ideal points per window (`cosignatory ideal --format csv`) as columns, window dates as
    /// days since 1970-01-01, missing SE/interval as NaN; with the fit's summary as JSON text.
    #[pyo3(signature = (data, model, window, step, anchor, omega, max_iterations, universe, coding, bootstrap, ci, seed, acceleration))]
    fn ideal<'py>(
        &self,
        py: Python<'py>,
        data: DataArgs,
        model: &str,
        window: Option<&str>,
        step: Option<&str>,
        anchor: Option<String>,
        omega: f64,
        max_iterations: usize,
        universe: Option<&str>,
        coding: Option<&str>,
        bootstrap: Option<usize>,
        ci: f64,
        seed: u64,
        acceleration: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let filter = data.filter()?;
        let spec = window_spec(window, step)?;
        if bootstrap.is_some_and(|b| b < 2) {
            return Err(invalid(
                "bootstrap",
                bootstrap.unwrap_or(0),
                "needs at least 2 replicates",
            ));
        }
        if !(ci > 0.0 && ci < 1.0) {
            return Err(invalid("ci", ci, "must be a level between 0 and 1"));
        }
        let options = IdealOptions {
            model: option::<IdealModel>("model", model)?,
            omega,
            anchor,
            bootstrap: bootstrap.map(|replicates| IdealBootstrap {
                replicates,
                level: ci,
            }),
            seed,
            max_iterations,
            acceleration: option("acceleration", acceleration)?,
            coding: match coding {
                Some(c) if !c.trim().eq_ignore_ascii_case("auto") => Some(option("coding", c)?),
                _ => None,
            },
            universe: universe.map_or(Ok(Universe::Auto), |u| option("universe", u))?,
            ..IdealOptions::default()
        };
        let view = filter.view(py, &self.ds)?;
        let windows = windows_of(py, &filter, &view, spec.as_ref())?;
        let fit = py
            .detach(|| cosignatory::ideal::estimate_windows(&view, &windows, &options))
            .or_py(py)?;
        for f in fit.fits.iter().filter(|f| !f.converged) {
            warn(
                py,
                &format!(
                    "the fit of {} did not converge in {} iterations (max_iterations)",
                    fit.windows[f.windows.start].window, f.iterations
                ),
            )?;
        }
        let e = &fit.estimates;
        let nan = |x: Option<f64>| x.unwrap_or(f64::NAN);
        let d = PyDict::new(py);
        d.set_item(
            "actor",
            e.iter().map(|e| e.actor.as_str()).collect::<Vec<_>>(),
        )?;
        let (start, end): (Vec<i64>, Vec<i64>) = e.iter().map(|e| window_days(&e.window)).unzip();
        d.set_item("window_start", PyArray1::from_vec(py, start))?;
        d.set_item("window_end", PyArray1::from_vec(py, end))?;
        d.set_item(
            "ideal",
            PyArray1::from_vec(py, e.iter().map(|e| e.ideal).collect()),
        )?;
        d.set_item(
            "se",
            PyArray1::from_vec(py, e.iter().map(|e| nan(e.se)).collect()),
        )?;
        d.set_item(
            "ci_low",
            PyArray1::from_vec(py, e.iter().map(|e| nan(e.ci_low)).collect()),
        )?;
        d.set_item(
            "ci_high",
            PyArray1::from_vec(py, e.iter().map(|e| nan(e.ci_high)).collect()),
        )?;
        d.set_item(
            "n",
            PyArray1::from_vec(py, e.iter().map(|e| e.n as i64).collect()),
        )?;
        let summary = serde_json::json!({
            "model": fit.model,
            "coding": fit.coding.to_string(),
            "universe": fit.universe.to_string(),
            "omega": fit.omega,
            "windows": fit.windows,
            "fits": fit.fits,
        });
        d.set_item("summary", summary.to_string())?;
        Ok(d)
    }

    /// Benchmark hook of `python/bench.py`: the median seconds of `runs` calls of what a Rust
    /// program calls for the result of `graph` (`Dataset::nonempty_view` + `project`) or
    /// `align` (the view, its windows, and `alignment_series` over every pair with the data's
    /// defaults and `window`), timed here without any conversion, so that the bench sets the
    /// Python call against the library call in one process, side by side.
    #[pyo3(name = "_bench_library", signature = (what, data, projection, window, runs))]
    fn bench_library(
        &self,
        py: Python<'_>,
        what: &str,
        data: DataArgs,
        projection: ProjectionArgs,
        window: Option<&str>,
        runs: usize,
    ) -> PyResult<f64> {
        let view_options = data.filter()?.options();
        let projection = projection.options()?;
        let spec = window_spec(window, None)?;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs.max(1) {
            let t = py.detach(|| -> Result<f64, cosignatory::Error> {
                let start = std::time::Instant::now();
                let (view, _) = self.ds.nonempty_view(&view_options)?;
                match what {
                    "graph" => drop(std::hint::black_box(project(&view, &projection)?)),
                    "edges" => drop(std::hint::black_box(project_edges(&view, &projection)?)),
                    "align" => {
                        let range = view_options.range(&view).ok_or_else(|| {
                            cosignatory::Error::InvalidParameter {
                                name: "data",
                                value: String::new(),
                                reason: "nothing to window".into(),
                            }
                        })?;
                        let windows = match &spec {
                            Some(spec) => spec.windows(range.start, range.end)?,
                            None => vec![range],
                        };
                        let series = Defaults::for_view(&view).series_options();
                        drop(std::hint::black_box(alignment_series(
                            &view,
                            &windows,
                            &Pairs::All,
                            &series,
                        )?));
                    }
                    other => {
                        return Err(cosignatory::Error::InvalidParameter {
                            name: "what",
                            value: other.to_string(),
                            reason: "expected graph or align".into(),
                        });
                    }
                }
                Ok(start.elapsed().as_secs_f64())
            });
            times.push(t.or_py(py)?);
        }
        times.sort_by(f64::total_cmp);
        Ok(times[times.len() / 2])
    }

    /// Number of actors, statements and signatures (for `repr`).
    fn counts(&self) -> (usize, usize, usize) {
        (
            self.ds.actors().len(),
            self.ds.statements().len(),
            self.ds.num_signatures(),
        )
    }
}

impl PyDataset {
    fn build_graph(
        &self,
        py: Python<'_>,
        data: &DataArgs,
        projection: &ProjectionArgs,
        backbone: &BackboneArgs,
    ) -> PyResult<CoSignGraph> {
        let filter = data.filter()?;
        let projection = projection.options()?;
        let backbone = backbone.options()?;
        let view = filter.view(py, &self.ds)?;
        py.detach(|| match backbone {
            None => project(&view, &projection),
            // As `graph --backbone`: the statistical backbones test the view's incidence.
            Some(options) => Ok(backbone_of_view(&view, &projection, &options)?.graph),
        })
        .or_py(py)
    }
}

/// The backbone options as one tuple: `(backbone, alpha, correction, tail, tail_method,
/// samples, seed)` (`--backbone`, `--alpha`, `--correction`, `--tail`, `--tail-method`,
/// `--samples`, `--seed`).
#[derive(FromPyObject)]
struct BackboneArgs(Option<String>, f64, String, String, String, usize, u64);

impl BackboneArgs {
    fn options(&self) -> PyResult<Option<BackboneOptions>> {
        let BackboneArgs(method, alpha, correction, tail, tail_method, samples, seed) = self;
        if !(*alpha > 0.0 && *alpha < 1.0) {
            return Err(invalid(
                "alpha",
                alpha,
                "must be a significance level in (0, 1)",
            ));
        }
        if *samples == 0 {
            return Err(invalid("samples", 0, "needs at least one null sample"));
        }
        method
            .as_deref()
            .map(|m| {
                Ok(BackboneOptions {
                    method: option::<BackboneMethod>("backbone", m)?,
                    alpha: *alpha,
                    correction: option::<Correction>("correction", correction)?,
                    tail: option::<Tail>("tail", tail)?,
                    tail_method: option::<TailMethod>("tail_method", tail_method)?,
                    samples: *samples,
                    seed: *seed,
                    ..BackboneOptions::default()
                })
            })
            .transpose()
    }
}

/// `graph --format csv-nodes` of a graph.
fn node_table(py: Python<'_>, g: &CoSignGraph) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    cosignatory::export::write_node_table(&mut out, g, &cosignatory::export::NodeAttributes::new())
        .or_py(py)?;
    Ok(out)
}

/// The pairs of `pairs` or `actor` (every pair with neither; both is an error).
fn pairs_of(pairs: Vec<(String, String)>, actor: Option<String>) -> PyResult<Pairs> {
    match (pairs.is_empty(), actor) {
        (true, None) => Ok(Pairs::All),
        (true, Some(a)) => Ok(Pairs::Actor(a)),
        (false, None) => Ok(Pairs::List(pairs)),
        (false, Some(a)) => Err(invalid("actor", format!("{a:?}"), "conflicts with `pairs`")),
    }
}

/// The windows of `spec` over the view's date range, or the whole range as one window (the
/// CLI's windows for `align`).
fn windows_of(
    py: Python<'_>,
    filter: &Filter,
    view: &View<'_>,
    spec: Option<&WindowSpec>,
) -> PyResult<Vec<Window>> {
    let (from, to) = filter.date_range(py, view)?;
    match spec {
        Some(spec) => spec
            .windows(from, to)
            .map_err(|e| PyValueError::new_err(e.to_string())),
        None => Ok(vec![Window::new(from, to)]),
    }
}

/// A window's first and last day as days since 1970-01-01 (numpy `datetime64[D]` values).
fn window_days(w: &Window) -> (i64, i64) {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    ((w.start - epoch).num_days(), (w.end - epoch).num_days())
}

/// A series as the columns of `align --format csv`: `a`, `b` as codes into the series'
/// actors, window dates as days, `score` (NaN when undefined), `n`, the flags' bit mask and,
/// with intervals, `ci_low`, `ci_high` (NaN below `min_n`, as the CLI prints none).
#[derive(Default)]
struct SeriesColumns {
    a: Vec<i32>,
    b: Vec<i32>,
    start: Vec<i64>,
    end: Vec<i64>,
    score: Vec<f64>,
    n: Vec<i64>,
    flag: Vec<i8>,
    ci_low: Vec<f64>,
    ci_high: Vec<f64>,
}

impl SeriesColumns {
    /// The columns of one piece.
    fn of(piece: &SeriesPiece<'_>, intervals: bool, flags: &FlagOptions) -> Self {
        let len = piece.len();
        let (start, end) = window_days(&piece.window);
        let flag: Vec<i8> = (0..len).map(|k| piece.flag_bits(k, flags) as i8).collect();
        let bound = |f: fn(&Interval) -> Option<f64>| -> Vec<f64> {
            (0..len)
                .map(|k| match piece.interval(k) {
                    Some(ci) if flag[k] & 1 == 0 => f(ci).unwrap_or(f64::NAN),
                    _ => f64::NAN,
                })
                .collect()
        };
        let (ci_low, ci_high) = if intervals {
            (bound(|ci| ci.lower), bound(|ci| ci.upper))
        } else {
            (Vec::new(), Vec::new())
        };
        SeriesColumns {
            a: piece.pairs.iter().map(|&(a, _)| a as i32).collect(),
            b: piece.pairs.iter().map(|&(_, b)| b as i32).collect(),
            start: vec![start; len],
            end: vec![end; len],
            score: piece
                .scores
                .iter()
                .map(|s| s.value.unwrap_or(f64::NAN))
                .collect(),
            n: piece.scores.iter().map(|s| i64::from(s.n)).collect(),
            flag,
            ci_low,
            ci_high,
        }
    }

    /// `part`'s rows after these.
    fn append(&mut self, mut part: SeriesColumns) {
        if self.a.is_empty() {
            *self = part;
            return;
        }
        self.a.append(&mut part.a);
        self.b.append(&mut part.b);
        self.start.append(&mut part.start);
        self.end.append(&mut part.end);
        self.score.append(&mut part.score);
        self.n.append(&mut part.n);
        self.flag.append(&mut part.flag);
        self.ci_low.append(&mut part.ci_low);
        self.ci_high.append(&mut part.ci_high);
    }

    /// The columns as numpy arrays, with the series' actors as `categories`.
    fn into_dict<'py>(
        self,
        py: Python<'py>,
        info: &SeriesInfo,
        intervals: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        // Every combination's text, as the CLI writes it (`;`-separated in that order).
        let flag_names: Vec<String> = (0..1u8 << ScoreFlag::ALL.len())
            .map(SeriesPoint::flag_text)
            .collect();
        let d = PyDict::new(py);
        d.set_item(
            "categories",
            info.actors.iter().map(|a| &**a).collect::<Vec<&str>>(),
        )?;
        d.set_item("measure", info.measure.name())?;
        d.set_item("coding", info.coding.to_string())?;
        d.set_item("universe", info.universe.to_string())?;
        d.set_item("a", PyArray1::from_vec(py, self.a))?;
        d.set_item("b", PyArray1::from_vec(py, self.b))?;
        d.set_item("window_start", PyArray1::from_vec(py, self.start))?;
        d.set_item("window_end", PyArray1::from_vec(py, self.end))?;
        d.set_item("score", PyArray1::from_vec(py, self.score))?;
        d.set_item("n", PyArray1::from_vec(py, self.n))?;
        d.set_item("flag", PyArray1::from_vec(py, self.flag))?;
        d.set_item("flag_names", flag_names)?;
        if intervals {
            d.set_item("ci_low", PyArray1::from_vec(py, self.ci_low))?;
            d.set_item("ci_high", PyArray1::from_vec(py, self.ci_high))?;
        }
        Ok(d)
    }
}

/// The columns of `graph --format csv` before they become numpy arrays: node ids as
/// categorical codes into `categories` (sorted ids).
struct EdgeColumns<'a> {
    categories: Vec<&'a str>,
    source: Vec<i32>,
    target: Vec<i32>,
    weight: Vec<f64>,
    count: Vec<i64>,
    signed: Option<SignedColumns>,
    tests: Option<TestColumns>,
    weighting: Weighting,
    statements: u32,
}

/// The parts of a signed graph's edges.
struct SignedColumns {
    together: Vec<f64>,
    against: Vec<f64>,
    against_count: Vec<i64>,
}

/// A backbone's tests, as the edge table writes them (`p_lower` with both tails only).
struct TestColumns {
    p_value: Vec<f64>,
    p_lower: Option<Vec<f64>>,
    sign: Vec<i64>,
}

impl EdgeColumns<'_> {
    /// The dict the Python layer's `_edge_frame` reads: the columns moved into numpy arrays,
    /// their names in order under `columns`, and the graph's weighting, sign and size.
    fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("categories", self.categories)?;
        d.set_item("source", PyArray1::from_vec(py, self.source))?;
        d.set_item("target", PyArray1::from_vec(py, self.target))?;
        let mut columns: Vec<&str> = vec!["weight", "count"];
        d.set_item("weight", PyArray1::from_vec(py, finite(self.weight)?))?;
        d.set_item("count", PyArray1::from_vec(py, self.count))?;
        d.set_item("signed", self.signed.is_some())?;
        if let Some(parts) = self.signed {
            columns.extend(["together", "against", "against_count"]);
            d.set_item("together", PyArray1::from_vec(py, finite(parts.together)?))?;
            d.set_item("against", PyArray1::from_vec(py, finite(parts.against)?))?;
            d.set_item("against_count", PyArray1::from_vec(py, parts.against_count))?;
        }
        if let Some(tests) = self.tests {
            columns.push("p_value");
            d.set_item("p_value", PyArray1::from_vec(py, tests.p_value))?;
            if let Some(p_lower) = tests.p_lower {
                columns.push("p_lower");
                d.set_item("p_lower", PyArray1::from_vec(py, p_lower))?;
            }
            columns.push("sign");
            d.set_item("sign", PyArray1::from_vec(py, tests.sign))?;
        }
        d.set_item("columns", columns)?;
        d.set_item("weighting", self.weighting.name())?;
        d.set_item("statements", self.statements)?;
        Ok(d)
    }
}

/// The edge columns of a graph (a backbone's too), edges in the edge table's order.
fn graph_columns(g: &CoSignGraph) -> EdgeColumns<'_> {
    let graph = g.graph();
    // The library's table order: the CLI's tables and the exports list edges the same way.
    let table = g.table_order();
    let order: Vec<(i32, i32, EdgeIndex)> = table
        .edges(g)
        .map(|(a, b, e)| (table.rank(a) as i32, table.rank(b) as i32, e))
        .collect();
    let column = |f: &dyn Fn(EdgeIndex) -> f64| order.iter().map(|o| f(o.2)).collect();
    let whole = |f: &dyn Fn(EdgeIndex) -> i64| order.iter().map(|o| f(o.2)).collect();
    let signed = g.is_signed().then(|| SignedColumns {
        together: column(&|e| g.together(e)),
        against: column(&|e| g.against(e)),
        against_count: whole(&|e| i64::from(graph[e].against_count)),
    });
    let (tested, both_tails) = g.edge_tests();
    let tests = tested.then(|| {
        let p = |f: fn(&cosignatory::graph::EdgeTest) -> f64| {
            column(&|e| g.edge_test(e).map_or(f64::NAN, f))
        };
        TestColumns {
            p_value: p(|t| t.p_value),
            p_lower: both_tails.then(|| p(|t| t.p_lower)),
            sign: whole(&|e| g.edge_test(e).map_or(0, |t| i64::from(t.sign))),
        }
    });
    EdgeColumns {
        categories: (table.nodes().iter())
            .map(|&n| graph[n].id.as_str())
            .collect(),
        source: order.iter().map(|o| o.0).collect(),
        target: order.iter().map(|o| o.1).collect(),
        weight: column(&|e| graph[e].weight),
        count: whole(&|e| i64::from(graph[e].count)),
        signed,
        tests,
        weighting: g.weighting(),
        statements: g.num_statements(),
    }
}

/// The edge columns of a projection's [`EdgeTable`]: the vectors moved rather than copied
/// where the types agree.
fn table_columns<'a>(ds: &'a Dataset, table: EdgeTable) -> EdgeColumns<'a> {
    // Same-size maps reuse the vector's memory.
    let codes = |v: Vec<u32>| -> Vec<i32> { v.into_iter().map(|x| x as i32).collect() };
    let wide = |v: Vec<u32>| -> Vec<i64> { v.into_iter().map(i64::from).collect() };
    EdgeColumns {
        categories: table
            .actors
            .iter()
            .map(|&a| ds.actor(a).id.as_str())
            .collect(),
        source: codes(table.source),
        target: codes(table.target),
        weight: table.weight,
        count: wide(table.count),
        signed: table.signed.then(|| SignedColumns {
            together: table.together,
            against: table.against,
            against_count: wide(table.against_count),
        }),
        tests: None,
        weighting: table.weighting,
        statements: table.num_statements,
    }
}

/// The column unchanged, or an error naming its first non-finite value.
fn finite(v: Vec<f64>) -> PyResult<Vec<f64>> {
    match v.iter().find(|x| !x.is_finite()) {
        Some(x) => Err(PyValueError::new_err(format!(
            "the graph has the non-finite edge value {x}"
        ))),
        None => Ok(v),
    }
}

// ---------------------------------------------------------------------------------------
// Clustering

/// The clustering options as one tuple: `(algorithm, quality, resolution, seed, runs,
/// consensus, linkage, k)` (the CLI's `cluster` options).
#[derive(FromPyObject)]
struct ClusteringArgs(
    String,
    String,
    f64,
    u64,
    Option<usize>,
    bool,
    String,
    Option<usize>,
);

impl ClusteringArgs {
    fn options(&self) -> PyResult<CoalitionOptions> {
        let ClusteringArgs(algorithm, quality, resolution, seed, runs, consensus, linkage, k) =
            self;
        let (resolution, seed, runs, consensus, k) = (*resolution, *seed, *runs, *consensus, *k);
        let quality: QualityKind = option("quality", quality)?;
        // The CLI offers modularity and cpm; signed modularity follows from the graph.
        if quality == QualityKind::SignedModularity {
            return Err(invalid(
                "quality",
                quality.name(),
                "expected modularity or cpm (modularity is signed on a graph with negative weights)",
            ));
        }
        let method: Method = option("algorithm", algorithm)?;
        if runs == Some(0) {
            return Err(invalid("runs", 0, "must be at least 1"));
        }
        if !resolution.is_finite() {
            return Err(invalid("resolution", resolution, "must be a finite number"));
        }
        Ok(CoalitionOptions {
            method,
            quality,
            resolution,
            seed,
            runs,
            consensus,
            linkage: option::<Linkage>("linkage", linkage)?,
            k,
        })
    }
}

fn cluster_graph<'py>(
    py: Python<'py>,
    graph: &ClusterGraph,
    ids: &[String],
    options: &CoalitionOptions,
) -> PyResult<Bound<'py, PyDict>> {
    if graph.node_count() == 0 {
        return Err(data_message(
            py,
            "the graph has no nodes: nothing to cluster",
        ));
    }
    let found = py
        .detach(|| find_coalitions(graph, options, None))
        .or_py(py)?;
    let d = PyDict::new(py);
    d.set_item("algorithm", found.method.name())?;
    d.set_item("quality_function", found.quality_function.name())?;
    d.set_item("resolution", options.resolution)?;
    d.set_item("seed", found.seed)?;
    d.set_item("quality", found.quality)?;
    d.set_item("modularity", found.modularity)?;
    d.set_item("communities", found.partition.labelled_by_size(ids))?;
    d.set_item("selection", found.selection.to_string())?;
    Ok(d)
}

/// Coalitions of an edge list (`cluster --edges`): CSV text with `source,target[,weight]`
/// read by the library's reader (`name` labels problem locations), or a file.
#[pyfunction]
fn cluster_edges<'py>(
    py: Python<'py>,
    name: &str,
    text: Option<Vec<u8>>,
    path: Option<PathBuf>,
    clustering: ClusteringArgs,
) -> PyResult<Bound<'py, PyDict>> {
    let options = clustering.options()?;
    let read = ReadOptions::default();
    let (list, _report) = match (text, path) {
        (Some(t), _) => py
            .detach(|| EdgeList::from_reader(name, t.as_slice(), &read))
            .or_py(py)?,
        (None, Some(p)) => py.detach(|| read_edge_list(&p, &read)).or_py(py)?,
        (None, None) => return Err(PyValueError::new_err("an edge list is needed")),
    };
    let graph = list.to_cluster_graph().or_py(py)?;
    cluster_graph(py, &graph, &list.ids, &options)
}

// ---------------------------------------------------------------------------------------
// Timelines

/// A built timeline with what it was built from (for the dynamic GEXF export).
#[pyclass(frozen, module = "cosignatory._native", name = "Timeline")]
struct PyTimeline {
    ds: Arc<Dataset>,
    filter: Filter,
    options: TimelineOptions,
    timeline: Timeline,
}

#[pymethods]
impl PyTimeline {
    /// One of the CLI's CSV tables (`timeline --format csv --table NAME`).
    fn csv(&self, table: &str) -> PyResult<String> {
        let table: Table = option("table", table)?;
        Ok(self.timeline.csv(table))
    }

    /// One row per window: index, start, end, statements, actors, quality (None where
    /// undefined), NMI with the previous window (None for the first).
    #[allow(clippy::type_complexity)]
    fn windows(
        &self,
    ) -> Vec<(
        usize,
        String,
        String,
        usize,
        usize,
        Option<f64>,
        Option<f64>,
    )> {
        self.timeline
            .windows
            .iter()
            .map(|w| {
                (
                    w.index,
                    w.window.start.to_string(),
                    w.window.end.to_string(),
                    w.statements,
                    w.actors.len(),
                    w.quality,
                    w.stability.as_ref().map(|s| s.nmi),
                )
            })
            .collect()
    }

    /// The multislice modularity of the whole timeline (multislice smoothing only).
    fn multislice_quality(&self) -> Option<f64> {
        self.timeline.multislice_quality
    }

    /// The whole timeline as JSON text (`timeline --format json`).
    fn json(&self) -> PyResult<String> {
        serde_json::to_string(&self.timeline).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// Writes the windows' graphs as one dynamic GEXF file (`timeline --gexf PATH`).
    fn to_gexf(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let view = self.filter.view(py, &self.ds)?;
        py.detach(|| {
            cosignatory::export::write_timeline_gexf_file(
                &path,
                &view,
                &self.options,
                &self.timeline,
            )
        })
        .or_py(py)
    }
}

// ---------------------------------------------------------------------------------------

/// The module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDataset>()?;
    m.add_class::<PyTimeline>()?;
    m.add_function(wrap_pyfunction!(cluster_edges, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
