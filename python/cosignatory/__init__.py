"""cosignatory: who signs with whom, with pandas in and out.

Co-signature graphs, coalitions (Leiden, Louvain, ...) and coalitions over time, computed by
the cosignatory Rust library. Every method mirrors a command of the ``cosignatory`` CLI and
takes its options as keyword arguments (dashes become underscores, ``--from``/``--to``
become ``start``/``end``); every frame equals the CLI's CSV output for the same options.

>>> import cosignatory as cs
>>> ds = cs.joint_statements()
>>> edges = ds.graph(weight="newman", start="2019-01-01")
>>> coalitions = ds.cluster(seed=1, runs=10)

Common data options of every method: ``start``, ``end`` (``"YYYY-MM-DD"``, ``datetime.date``
or ``pandas.Timestamp``, inclusive), ``kind`` and ``topic`` (a name or a list of names),
``bloc_mode`` (``"as-actor"``, ``"expand"`` or ``"both"``: how a bloc's own signature counts).
"""

from __future__ import annotations

import datetime as _dt
import io as _io
import json as _json
import os as _os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _native
from ._errors import DataError

__all__ = [
    "DataError",
    "Dataset",
    "Clustering",
    "Timeline",
    "read_dataset",
    "joint_statements",
    "un_votes",
    "cluster_edges",
]

__version__ = _native.__version__

DateLike = Union[str, _dt.date, "pd.Timestamp", np.datetime64, None]
Names = Union[str, Iterable[str], None]

# Integer columns of the timeline tables that are empty on some rows.
_NULLABLE_INTS = {"from_size", "to_size", "gap", "last_window"}

# Which columns of the library's CSV tables are dates (become datetime64) or text.
_DATE_COLUMNS = {
    "statements": ["date"],
    "signatures": ["date"],
    "actors": [],
    "memberships": ["from", "to"],
}


# --------------------------------------------------------------------------------------
# Conversions


def _date(name: str, value: DateLike) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (pd.Timestamp, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    raise ValueError(f"invalid option `{name}` = {value!r}: expected a date (YYYY-MM-DD)")


def _names(name: str, value: Names) -> List[str]:
    if value is None:
        return []
    if isinstance(value, str):
        # The CLI takes comma-separated lists; so does a string here.
        return [v.strip() for v in value.split(",") if v.strip()]
    try:
        return [str(v) for v in value]
    except TypeError:
        raise ValueError(f"invalid option `{name}` = {value!r}: expected a name or a list of names") from None


def _read_csv(data: Union[str, bytes], dates: Sequence[str] = (), text: Sequence[str] = ()) -> pd.DataFrame:
    """A CSV table of the library as a frame: `text` columns are strings ('' for empty),
    `dates` datetime64 (NaT for empty), the rest inferred by pandas (numbers)."""
    buffer = _io.BytesIO(data if isinstance(data, bytes) else data.encode("utf-8"))
    header = pd.read_csv(buffer, nrows=0).columns
    buffer.seek(0)
    strings = [c for c in header if c in text or c in dates]
    frame = pd.read_csv(
        buffer,
        dtype={c: str for c in strings},
        keep_default_na=False,
        na_values={c: [""] for c in header if c not in strings},
    )
    for c in dates:
        if c in frame.columns:
            frame[c] = pd.to_datetime(frame[c].replace("", None), format="%Y-%m-%d")
    return frame


def _dataset_frame(stem: str, data: bytes) -> pd.DataFrame:
    dates = _DATE_COLUMNS[stem]
    header = pd.read_csv(_io.BytesIO(data), nrows=0).columns
    # Every column of the dataset tables is text except the dates.
    return _read_csv(data, dates=dates, text=[c for c in header if c not in dates])


def _to_csv(frame: pd.DataFrame, name: str) -> bytes:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"invalid option `{name}`: expected a pandas DataFrame, got {type(frame).__name__}")
    out = frame.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].dt.strftime("%Y-%m-%d").fillna("")
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _filter(start: DateLike, end: DateLike, kind: Names, topic: Names, bloc_mode: str) -> Tuple[Any, ...]:
    return (_date("start", start), _date("end", end), _names("kind", kind), _names("topic", topic), bloc_mode)


# --------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Clustering:
    """Coalitions as ``cosignatory cluster`` reports them.

    ``communities`` are lists of actor ids (sorted), largest first, ties by first id: the
    order of the CLI's JSON. ``membership`` is the CLI's CSV (``actor, community``,
    communities numbered from 1 in that order).
    """

    algorithm: str
    quality_function: str
    resolution: float
    seed: Optional[int]
    quality: float
    modularity: Optional[float]
    communities: List[List[str]]
    selection: str
    significance: Optional[Dict[str, Any]] = None

    @property
    def membership(self) -> pd.DataFrame:
        """``actor, community`` sorted by actor (``cluster --format csv``); with
        ``significance`` also ``internal_weight, null_mean, z, p_value`` of the actor's
        community and ``quality_z, quality_p`` of the partition (NaN where undefined)."""
        rows = sorted((a, i + 1) for i, members in enumerate(self.communities) for a in members)
        frame = pd.DataFrame(
            {
                "actor": pd.Series([a for a, _ in rows], dtype=str),
                "community": np.array([i for _, i in rows], dtype=np.int64),
            }
        )
        s = self.significance
        if s is not None:
            def num(x: Any) -> float:
                return np.nan if x is None or not np.isfinite(x) else float(x)

            per = [s["communities"][i - 1] or {} for _, i in rows]
            for c in ("internal_weight", "null_mean", "z", "p_value"):
                frame[c] = np.array([num(p.get(c)) for p in per], dtype=np.float64)
            frame["quality_z"] = num(s["z"])
            frame["quality_p"] = num(s["p_value"])
        return frame

    def to_dict(self) -> Dict[str, Any]:
        """The CLI's JSON document (``cluster --format json``)."""
        return {
            "algorithm": self.algorithm,
            "quality_function": self.quality_function,
            "resolution": self.resolution,
            "seed": self.seed,
            "quality": self.quality,
            "modularity": self.modularity,
            "communities": self.communities,
            **({} if self.significance is None else {"significance": self.significance}),
        }


def _clustering(found: Dict[str, Any]) -> Clustering:
    if "significance" in found:
        found = {**found, "significance": _json.loads(found["significance"])}
    return Clustering(**found)


class Timeline:
    """Coalitions tracked across windows (``cosignatory timeline``).

    The CLI's CSV tables (``timeline --format csv --table NAME``) are frames:
    ``coalitions``, ``memberships``, ``events``, ``flows``, ``stability``; ``windows`` has one
    row per window (``window, start, end, statements, actors, quality, nmi``). ``to_gexf(path)``
    writes the dynamic GEXF of ``timeline --gexf``.
    """

    def __init__(self, native: Any) -> None:
        self._native = native

    def table(self, name: str) -> pd.DataFrame:
        """One CSV table by the CLI's name (coalitions, memberships, events, flows, stability)."""
        text = self._native.csv(name)
        frame = _read_csv(
            text,
            dates=["start", "end"],
            text=["actor", "coalition", "members", "event", "others", "measure", "from_coalition", "to_coalition"],
        )
        # Counts and window indices that are empty on some rows stay integers (pandas' Int64).
        for c in _NULLABLE_INTS.intersection(frame.columns):
            frame[c] = frame[c].astype("Int64")
        return frame

    @property
    def windows(self) -> pd.DataFrame:
        """One row per window: index, dates, statements, actors, quality, NMI with the previous."""
        rows = self._native.windows()
        columns = ["window", "start", "end", "statements", "actors", "quality", "nmi"]
        frame = pd.DataFrame(rows, columns=columns)
        for c in ("start", "end"):
            frame[c] = pd.to_datetime(frame[c], format="%Y-%m-%d")
        for c in ("quality", "nmi"):
            frame[c] = frame[c].astype(np.float64)
        return frame

    @property
    def coalitions(self) -> pd.DataFrame:
        """``window, start, end, coalition, size, members`` (members ``;``-separated)."""
        return self.table("coalitions")

    @property
    def memberships(self) -> pd.DataFrame:
        """One row per actor and window: coalition, community and centralities."""
        return self.table("memberships")

    @property
    def events(self) -> pd.DataFrame:
        """Birth, death, merge, split, grow, shrink and continue events."""
        return self.table("events")

    @property
    def alignment(self) -> pd.DataFrame:
        """``window, start, end, measure, coalition, value``: the ``measure`` figures per
        window (``<measure>.mean`` over all pairs, ``<measure>.within`` per coalition); empty
        without ``measure``."""
        return self.table("alignment")

    @property
    def flows(self) -> pd.DataFrame:
        """Actors moving between coalitions of consecutive windows."""
        return self.table("flows")

    @property
    def stability(self) -> pd.DataFrame:
        """NMI and ARI between consecutive windows."""
        return self.table("stability")

    @property
    def multislice_quality(self) -> Optional[float]:
        """Multislice modularity of the whole timeline (``smoothing="multislice"`` only)."""
        return self._native.multislice_quality()

    def to_dict(self) -> Dict[str, Any]:
        """The whole timeline as the CLI's JSON (``timeline --format json``)."""
        return _json.loads(self._native.json())

    def to_gexf(self, path: Union[str, "_os.PathLike[str]"]) -> None:
        """Writes the windows' graphs as one dynamic GEXF file (Gephi's timeline)."""
        self._native.to_gexf(_os.fspath(path))

    def __repr__(self) -> str:
        return f"<cosignatory.Timeline: {len(self._native.windows())} windows>"


# --------------------------------------------------------------------------------------
# The dataset


class Dataset:
    """A validated dataset of statements, signatures, actors and bloc memberships.

    Make one with :func:`read_dataset`, :meth:`Dataset.from_frames`,
    :func:`joint_statements` or :func:`un_votes`. ``load_report`` holds what a lenient load
    skipped (``{"skipped": [problem, ...], "warnings": [message, ...]}``; ``None`` for the
    bundled data).
    """

    def __init__(self, native: Any) -> None:
        self._native = native

    @property
    def load_report(self) -> Optional[Dict[str, Any]]:
        """What the load skipped and warned about (``None`` for bundled datasets)."""
        return self._native.load_report()

    def __repr__(self) -> str:
        actors, statements, signatures = self._native.counts()
        return f"<cosignatory.Dataset: {actors} actors, {statements} statements, {signatures} signatures>"

    # ---- construction

    @classmethod
    def from_frames(
        cls,
        signatures: pd.DataFrame,
        statements: Optional[pd.DataFrame] = None,
        actors: Optional[pd.DataFrame] = None,
        memberships: Optional[pd.DataFrame] = None,
        lenient: bool = False,
    ) -> "Dataset":
        """A dataset from frames with the CSV schema's columns (see the README).

        signatures: ``statement, actor[, position, role, date]``.
        statements: ``id, date[, title, kind, source, topics, opposes, attr.*]``; if ``None``,
            derived from ``signatures``, which must then have a ``date`` column (and may have
            ``kind``, ``title``).
        actors: ``id[, name, kind]``; ``None``: every actor named in signatures, as a country.
        memberships: ``bloc, member, from[, to]``.
        Dates may be datetime64 columns or ``YYYY-MM-DD`` text. Bad rows raise
        :class:`DataError` (or, with ``lenient=True``, are skipped and listed in
        ``load_report``).
        """
        if statements is None:
            if not isinstance(signatures, pd.DataFrame) or "date" not in signatures.columns:
                raise ValueError(
                    "invalid option `statements` = None: give a statements frame, or a `date` column in signatures"
                )
            keep = [c for c in ("statement", "date", "title", "kind") if c in signatures.columns]
            statements = (
                signatures[keep].drop_duplicates("statement").rename(columns={"statement": "id"}).reset_index(drop=True)
            )
            signatures = signatures.drop(columns=[c for c in ("title", "kind") if c in signatures.columns])
        native = _native.Dataset.from_csv(
            _to_csv(statements, "statements"),
            _to_csv(signatures, "signatures"),
            None if actors is None else _to_csv(actors, "actors"),
            None if memberships is None else _to_csv(memberships, "memberships"),
            bool(lenient),
        )
        return cls(native)

    # ---- the tables

    def _tables(self) -> Dict[str, bytes]:
        return self._native.tables()

    def actors(self) -> pd.DataFrame:
        """``id, name, kind`` (actors.csv)."""
        return _dataset_frame("actors", self._tables()["actors"])

    def statements(self) -> pd.DataFrame:
        """``id, date, title, kind, source, topics, opposes, attr.*`` (statements.csv)."""
        return _dataset_frame("statements", self._tables()["statements"])

    def signatures(self) -> pd.DataFrame:
        """``statement, actor, position, role, date`` (signatures.csv)."""
        return _dataset_frame("signatures", self._tables()["signatures"])

    def memberships(self) -> pd.DataFrame:
        """``bloc, member, from, to`` (memberships.csv; ``to`` NaT while ongoing)."""
        return _dataset_frame("memberships", self._tables()["memberships"])

    def frames(self) -> Dict[str, pd.DataFrame]:
        """All four tables, keyed like :meth:`from_frames`' arguments."""
        tables = self._tables()
        return {stem: _dataset_frame(stem, data) for stem, data in tables.items()}

    # ---- summary

    def summary(
        self,
        top: int = 10,
        *,
        start: DateLike = None,
        end: DateLike = None,
        kind: Names = None,
        topic: Names = None,
        bloc_mode: str = "as-actor",
    ) -> Dict[str, Any]:
        """Counts, dates, statements per year and kind, top signatories and blocs.

        The dict of ``cosignatory summary --format json``. ``top``: how many of the most
        frequent signatories to list.
        """
        return _json.loads(self._native.summary(_filter(start, end, kind, topic, bloc_mode), _int("top", top)))

    # ---- the graph

    def _graph(self, with_nodes: bool, **options: Any) -> Dict[str, Any]:
        return self._native.graph(*_graph_args(**options), with_nodes)

    def graph(
        self,
        *,
        weight: str = "newman",
        signed: bool = False,
        votes: bool = False,
        backbone: Optional[str] = None,
        alpha: float = 0.05,
        correction: str = "none",
        tail: str = "upper",
        tail_method: str = "auto",
        samples: int = 1000,
        seed: int = 0,
        start: DateLike = None,
        end: DateLike = None,
        kind: Names = None,
        topic: Names = None,
        bloc_mode: str = "as-actor",
    ) -> pd.DataFrame:
        """The co-signature graph's edges: ``cosignatory graph --format csv``.

        Columns ``source, target, weight, count`` (signed: also ``together, against,
        against_count``), one row per edge sorted by ids with the smaller id as source.
        ``source``/``target`` are categoricals of the actor ids (``.astype(str)`` for plain
        strings); numbers are float64/int64.

        weight: ``count``, ``newman`` (a statement of k signatories adds 1/(k-1) to each pair),
            ``jaccard``, ... (the CLI's ``--weight`` names).
        signed: subtract acting against each other (counter-statements, yes against no).
        votes: roll calls: link actors that voted the same way.
        backbone: keep only significant edges: ``sdsm`` (stochastic degree sequence model
            with BiCM probabilities), ``fdsm`` (fixed degree sequence, curveball samples),
            ``disparity``, ``hypergeometric``. A backbone adds ``p_value`` (``p_lower`` with
            ``tail="both"``) and ``sign`` columns.
        alpha: significance level of the backbone. correction: its multiple-testing correction
            (``none``, ``bonferroni``, ``holm``, ``bh``). tail: ``upper`` or ``both`` (the
            signed backbone: negative ties for pairs that co-sign less than chance).
            tail_method: SDSM tails ``auto``, ``exact`` or ``approximate``. samples, seed:
            FDSM's null samples and their seed.
        """
        cols = self._graph(
            False,
            weight=weight,
            signed=signed,
            votes=votes,
            backbone=backbone,
            alpha=alpha,
            correction=correction,
            tail=tail,
            tail_method=tail_method,
            samples=samples,
            seed=seed,
            start=start,
            end=end,
            kind=kind,
            topic=topic,
            bloc_mode=bloc_mode,
        )
        return _edge_frame(cols)

    def graph_nodes(
        self,
        *,
        weight: str = "newman",
        signed: bool = False,
        votes: bool = False,
        backbone: Optional[str] = None,
        alpha: float = 0.05,
        correction: str = "none",
        tail: str = "upper",
        tail_method: str = "auto",
        samples: int = 1000,
        seed: int = 0,
        start: DateLike = None,
        end: DateLike = None,
        kind: Names = None,
        topic: Names = None,
        bloc_mode: str = "as-actor",
    ) -> pd.DataFrame:
        """The graph's node table: ``cosignatory graph --format csv-nodes``
        (``id, name, kind, statements``). Options as :meth:`graph`."""
        data = self._native.graph_nodes(
            *_graph_args(
                weight=weight,
                signed=signed,
                votes=votes,
                backbone=backbone,
                alpha=alpha,
                correction=correction,
                tail=tail,
                tail_method=tail_method,
                samples=samples,
                seed=seed,
                start=start,
                end=end,
                kind=kind,
                topic=topic,
                bloc_mode=bloc_mode,
            )
        )
        return _read_csv(data, text=["id", "name", "kind"])

    def to_networkx(
        self,
        *,
        weight: str = "newman",
        signed: bool = False,
        votes: bool = False,
        backbone: Optional[str] = None,
        alpha: float = 0.05,
        correction: str = "none",
        tail: str = "upper",
        tail_method: str = "auto",
        samples: int = 1000,
        seed: int = 0,
        start: DateLike = None,
        end: DateLike = None,
        kind: Names = None,
        topic: Names = None,
        bloc_mode: str = "as-actor",
    ) -> Any:
        """The graph as a ``networkx.Graph`` with the GraphML export's attributes: graph
        ``weighting, signed, statements``; nodes ``name, kind, statements``; edges
        ``weight, count`` (signed: ``together, against, against_count``). Options as
        :meth:`graph`. Needs networkx."""
        import networkx as nx

        cols = self._graph(
            True,
            weight=weight,
            signed=signed,
            votes=votes,
            backbone=backbone,
            alpha=alpha,
            correction=correction,
            tail=tail,
            tail_method=tail_method,
            samples=samples,
            seed=seed,
            start=start,
            end=end,
            kind=kind,
            topic=topic,
            bloc_mode=bloc_mode,
        )
        g = nx.Graph(weighting=cols["weighting"], signed=cols["signed"], statements=cols["statements"])
        nodes = _read_csv(cols["nodes"], text=["id", "name", "kind"])
        for row in nodes.itertuples(index=False):
            g.add_node(row.id, name=row.name, kind=row.kind, statements=int(row.statements))
        ids = cols["categories"]
        names = cols["columns"]
        values = [cols[n].tolist() for n in names]
        for i, (s, t) in enumerate(zip(cols["source"].tolist(), cols["target"].tolist())):
            g.add_edge(ids[s], ids[t], **{n: v[i] for n, v in zip(names, values)})
        return g

    # ---- coalitions

    def cluster(
        self,
        *,
        algorithm: str = "leiden",
        quality: str = "modularity",
        resolution: float = 1.0,
        seed: int = 0,
        runs: Optional[int] = None,
        consensus: bool = False,
        linkage: str = "average",
        k: Optional[int] = None,
        significance: Optional[int] = None,
        weight: str = "newman",
        signed: bool = False,
        votes: bool = False,
        start: DateLike = None,
        end: DateLike = None,
        kind: Names = None,
        topic: Names = None,
        bloc_mode: str = "as-actor",
    ) -> Clustering:
        """Coalitions: communities of the co-signature graph (``cosignatory cluster``).

        algorithm: ``leiden``, ``louvain``, ``label-propagation`` or ``hierarchical``.
        quality: ``modularity`` (signed on a graph with negative weights) or ``cpm``.
        resolution: γ of the quality function. seed: first seed (runs use seed, seed+1, ...).
        runs: best of this many runs (with consensus: runs per round, default 50).
        consensus: consensus clustering over the runs. linkage: of ``hierarchical``.
        k: cut the hierarchical tree into exactly k clusters.
        significance: compare the coalitions with this many degree-preserving null datasets
            (curveball shuffles of the signatures, clustered alike, seeded by ``seed``):
            ``.significance`` holds z, p, ``beats_chance`` and per-community figures.
        weight, signed, votes and the data options: as :meth:`graph`.
        """
        found = self._native.cluster(
            _filter(start, end, kind, topic, bloc_mode),
            (weight, bool(signed), bool(votes)),
            _clustering_args(algorithm, quality, resolution, seed, runs, consensus, linkage, k),
            None if significance is None else _int("significance", significance),
        )
        return _clustering(found)

    def timeline(
        self,
        *,
        window: Optional[str] = None,
        step: Optional[str] = None,
        smoothing: str = "warm-start",
        coupling: float = 1.0,
        resolution: float = 1.0,
        seed: int = 0,
        measure: Optional[str] = None,
        weight: str = "newman",
        signed: bool = False,
        votes: bool = False,
        start: DateLike = None,
        end: DateLike = None,
        kind: Names = None,
        topic: Names = None,
        bloc_mode: str = "as-actor",
    ) -> Timeline:
        """Coalitions tracked across windows (``cosignatory timeline``).

        window: window length ``Ny``, ``Nq`` or ``Nm`` (default one year), aligned to the
            calendar. step: distance between window starts (default: the window length).
        smoothing: ``independent``, ``warm-start`` or ``multislice``. coupling: interslice
            coupling ω of multislice. resolution: modularity γ. seed: Leiden's seed.
        measure: add alignment figures per window (the ``alignment`` table): the mean of this
            :meth:`align` measure over all pairs and within each tracked coalition, coding and
            universe following the data (as ``timeline --measure``).
        weight, signed, votes and the data options: as :meth:`graph`.
        """
        native = self._native.timeline(
            _filter(start, end, kind, topic, bloc_mode),
            (weight, bool(signed), bool(votes)),
            window,
            step,
            smoothing,
            float(coupling),
            float(resolution),
            _int("seed", seed),
            measure,
        )
        return Timeline(native)

    # ---- alignment

    def align(
        self,
        *,
        measure: Optional[str] = None,
        pairs: Optional[Iterable[Tuple[str, str]]] = None,
        actor: Optional[str] = None,
        universe: Optional[str] = None,
        coding: Optional[str] = None,
        window: Optional[str] = None,
        step: Optional[str] = None,
        ci: Optional[float] = None,
        bootstrap: Optional[int] = None,
        seed: int = 0,
        min_n: int = 10,
        resample: str = "statement",
        compare: Union[str, Tuple[str, str], None] = None,
        permutations: int = 9999,
        start: DateLike = None,
        end: DateLike = None,
        kind: Names = None,
        topic: Names = None,
        bloc_mode: str = "as-actor",
    ) -> pd.DataFrame:
        """Dyadic alignment per window: ``cosignatory align --format csv``.

        Columns ``a, b, window_start, window_end, measure, score, n, flag`` (with ``ci`` or
        ``bootstrap`` also ``ci_low, ci_high``). ``flag`` (categorical) marks scores to read
        with care, ``;``-separated: ``small-n`` (fewer than ``min_n`` joint items: no interval
        is given), ``undefined``, ``constant`` (a zero-width bootstrap interval) and
        ``partial`` (the window ends after the data's last statement). ``a``/``b`` are categoricals of actor ids,
        dates datetime64, ``score`` float64 with NaN where the measure is undefined (no
        common item, a constant coding, ...), ``n`` the items both actors have.

        measure: ``jaccard``, ``s-absolute``, ``kappa-quadratic``, ``pi-nominal``, ... (the
            CLI's ``--measure`` names); default: the data's (kappa-quadratic for roll calls,
            jaccard for co-signatures).
        pairs: list of ``(a, b)`` id pairs; actor: score one actor against every other;
            neither: every pair.
        universe: ``all-statements``, ``recorded``, ``bloc:EU`` ... (default: the data's).
        coding: ``cosignature``, ``voeten``, ``yes-no``, ... (default: the data's).
        window, step: calendar windows ``Ny``/``Nq``/``Nm`` (default: one window over the
            whole date range), or ``window="session"``: one window per UN General Assembly
            session (the ``session`` attribute), from its first to its last roll call.
        ci: bootstrap interval level (e.g. 0.95); bootstrap: replicates (default 1000 when
            ``ci`` is given); seed: the bootstrap's seed. min_n: see ``flag`` (default 10).
        resample: ``"statement"`` (default) or ``"resolution"``: the bootstrap (and the
            ``compare`` test) draws whole resolutions (the ``unres`` attribute), all their
            roll calls together.
        compare: ``"1990-1999:2010-2019"`` (or a pair of windows, each ``YYYY``,
            ``YYYY-YYYY`` or ``YYYY-MM-DD..YYYY-MM-DD``): instead of the series, the
            permutation test of each pair's change from the first window to the second
            (``align --compare``), with ``permutations`` permutations seeded by ``seed``; needs
            ``pairs`` or ``actor``. Columns ``a, b, first_start, first_end, second_start,
            second_end, measure, score_first, score_second, difference, p_value, permutations,
            defined, n_first, n_second, units_first, units_second, resample``.
        """
        if compare is not None:
            if isinstance(compare, tuple):
                if len(compare) != 2:
                    raise ValueError(f"option `compare`: expected two windows, got {compare!r}")
                compare = f"{compare[0]}:{compare[1]}"
            if not isinstance(compare, str):
                raise ValueError(f"option `compare`: expected \"A:B\", got {compare!r}")
            if window is not None or step is not None or ci is not None or bootstrap is not None:
                raise ValueError("option `compare` conflicts with window, step, ci and bootstrap")
            native = self._native.align_compare(
                _filter(start, end, kind, topic, bloc_mode),
                measure,
                _pairs(pairs),
                actor,
                universe,
                coding,
                compare,
                _int("permutations", permutations),
                _int("seed", seed),
                str(resample),
            )
            rows = len(native["a"])
            data: Dict[str, Any] = {"a": native["a"], "b": native["b"]}
            for c in ["first_start", "first_end", "second_start", "second_end"]:
                data[c] = _days(native[c])
            data["measure"] = [native["measure"]] * rows
            for c in ["score_first", "score_second", "difference", "p_value"]:
                data[c] = native[c]
            for c in ["permutations", "defined", "n_first", "n_second", "units_first", "units_second"]:
                data[c] = native[c]
            data["resample"] = [native["resample"]] * rows
            return pd.DataFrame(data)
        native = self._native.align(
            _filter(start, end, kind, topic, bloc_mode),
            measure,
            _pairs(pairs),
            actor,
            universe,
            coding,
            window,
            step,
            None if ci is None else float(ci),
            None if bootstrap is None else _int("bootstrap", bootstrap),
            _int("seed", seed),
            _int("min_n", min_n),
            str(resample),
        )
        return _align_frame(native)

    def ideal(
        self,
        *,
        model: str = "dynamic",
        window: Optional[str] = None,
        step: Optional[str] = None,
        anchor: Optional[str] = None,
        omega: float = 0.1,
        max_iterations: int = 1000,
        universe: Optional[str] = None,
        coding: Optional[str] = None,
        bootstrap: Optional[int] = None,
        ci: float = 0.95,
        seed: int = 1,
        acceleration: str = "squarem",
        start: DateLike = None,
        end: DateLike = None,
        kind: Names = None,
        topic: Names = None,
        bloc_mode: str = "as-actor",
    ) -> pd.DataFrame:
        """Ideal points per window: ``cosignatory ideal --format csv``.

        Columns ``actor, window_start, window_end, ideal, se, ci_low, ci_high, n`` (``se`` and
        the interval NaN without ``bootstrap``); ``.attrs`` holds the model, coding, universe,
        ω, per-window counts (items, dropped unanimous items, dropped actors) and per-fit
        iterations, convergence, log-likelihood and anchor.

        model: ``dynamic`` (ordinal, random walk over the windows), ``ordinal`` or ``binary``
            (static per window). window, step: calendar windows (default: one window).
        anchor: actor whose estimate is positive (default USA when present, else the actor
            with most votes). omega: random-walk step sd (per year) of the dynamic model.
        max_iterations: EM iterations (a fit that stops there warns). universe, coding: as
            :meth:`align` (default: the data's). bootstrap: parametric bootstrap replicates
            (≥ 2) for ``se`` and the ``ci`` interval; seed: its seed. acceleration:
            ``squarem`` (default; fewer EM iterations, same model) or ``none`` (plain EM,
            emIRT's path). See docs/ideal-points.md for the models and their sources.
        """
        native = self._native.ideal(
            _filter(start, end, kind, topic, bloc_mode),
            model,
            window,
            step,
            anchor,
            float(omega),
            _int("max_iterations", max_iterations),
            universe,
            coding,
            None if bootstrap is None else _int("bootstrap", bootstrap),
            float(ci),
            _int("seed", seed),
            acceleration,
        )
        frame = pd.DataFrame(
            {
                "actor": pd.Series(native["actor"], dtype=str),
                "window_start": _days(native["window_start"]),
                "window_end": _days(native["window_end"]),
                "ideal": native["ideal"],
                "se": native["se"],
                "ci_low": native["ci_low"],
                "ci_high": native["ci_high"],
                "n": native["n"],
            }
        )
        frame.attrs.update(_json.loads(native["summary"]))
        return frame

    def cohesion(
        self,
        bloc: str,
        *,
        measure: Optional[str] = None,
        window: Optional[str] = None,
        step: Optional[str] = None,
        start: DateLike = None,
        end: DateLike = None,
        kind: Names = None,
        topic: Names = None,
        bloc_mode: str = "as-actor",
    ) -> pd.DataFrame:
        """How united a bloc's members are, per window: ``cosignatory cohesion --format csv``.

        Columns ``bloc, window_start, window_end, measure, score, n`` (score NaN where
        undefined). bloc: the bloc's id (``EU``, ``NATO``, ...). measure: ``signing-share``,
        ``agreement-index``, ``rice``, ... (default: the data's: agreement index for roll
        calls, signing share for co-signatures). window, step: calendar windows (default:
        calendar years).
        """
        native = self._native.cohesion(_filter(start, end, kind, topic, bloc_mode), bloc, measure, window, step)
        rows = len(native["n"])
        return pd.DataFrame(
            {
                "bloc": pd.Series([native["bloc"]] * rows, dtype=str),
                "window_start": _days(native["window_start"]),
                "window_end": _days(native["window_end"]),
                "measure": pd.Series([native["measure"]] * rows, dtype=str),
                "score": native["score"],
                "n": native["n"],
            }
        )


def _int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"invalid option `{name}` = {value!r}: expected a non-negative integer")
    return int(value)


def _clustering_args(
    algorithm: str,
    quality: str,
    resolution: float,
    seed: int,
    runs: Optional[int],
    consensus: bool,
    linkage: str,
    k: Optional[int],
) -> Tuple[Any, ...]:
    return (
        algorithm,
        quality,
        float(resolution),
        _int("seed", seed),
        None if runs is None else _int("runs", runs),
        bool(consensus),
        linkage,
        None if k is None else _int("k", k),
    )


def _pairs(pairs: Optional[Iterable[Tuple[str, str]]]) -> List[Tuple[str, str]]:
    if pairs is None:
        return []
    if isinstance(pairs, str):
        raise ValueError(f"invalid option `pairs` = {pairs!r}: expected a list of (a, b) id pairs")
    out = []
    for p in pairs:
        if isinstance(p, str) or len(p) != 2:
            raise ValueError(f"invalid option `pairs`: {p!r} is not an (a, b) id pair")
        out.append((str(p[0]), str(p[1])))
    return out


_NS_PER_DAY = 86_400 * 10**9
# Days that datetime64[ns] can hold (1677-09-22 .. 2262-04-11).
_NS_DAYS = (2**63 - 1) // _NS_PER_DAY


def _days(days: np.ndarray) -> pd.Series:
    """Days since 1970-01-01 (the native layer's dates) as a datetime64 column: nanoseconds,
    as pandas' default, without a copy per conversion step; dates outside the nanosecond range
    (the library accepts years up to 262143) get microseconds instead of a wrapped value."""
    days = np.asarray(days, dtype=np.int64)
    if len(days) == 0 or (-_NS_DAYS < days.min() and days.max() < _NS_DAYS):
        return pd.Series((days * _NS_PER_DAY).view("datetime64[ns]"))
    if int(pd.__version__.split(".")[0]) < 2:
        raise OverflowError(
            "a window date lies outside 1677-09-22 .. 2262-04-11, which pandas < 2 cannot hold; "
            "upgrade pandas or filter the dates (start=, end=)"
        )
    return pd.Series((days * (_NS_PER_DAY // 1000)).view("datetime64[us]"))


def _graph_args(
    *,
    weight: str,
    signed: bool,
    votes: bool,
    backbone: Optional[str],
    alpha: float,
    correction: str,
    tail: str,
    tail_method: str,
    samples: int,
    seed: int,
    start: DateLike,
    end: DateLike,
    kind: Names,
    topic: Names,
    bloc_mode: str,
) -> Tuple[Any, ...]:
    return (
        _filter(start, end, kind, topic, bloc_mode),
        (weight, bool(signed), bool(votes)),
        (backbone, float(alpha), correction, tail, tail_method, _int("samples", samples), _int("seed", seed)),
    )


def _align_frame(native: Dict[str, Any]) -> pd.DataFrame:
    """The frame of ``Dataset.align`` from the native layer's columns."""
    categories = pd.Index(native["categories"], dtype=str)
    data: Dict[str, Any] = {
        "a": pd.Categorical.from_codes(native["a"], categories=categories),
        "b": pd.Categorical.from_codes(native["b"], categories=categories),
        "window_start": _days(native["window_start"]),
        "window_end": _days(native["window_end"]),
        "measure": pd.Categorical.from_codes(
            np.zeros(len(native["a"]), dtype=np.int8), categories=[native["measure"]]
        ),
        "score": native["score"],
        "n": native["n"],
        "flag": pd.Categorical.from_codes(native["flag"], categories=native["flag_names"]),
    }
    if "ci_low" in native:
        data["ci_low"] = native["ci_low"]
        data["ci_high"] = native["ci_high"]
    frame = pd.DataFrame(data, copy=False)
    frame.attrs.update(coding=native["coding"], universe=native["universe"])
    return frame


def _edge_frame(cols: Dict[str, Any]) -> pd.DataFrame:
    categories = pd.Index(cols["categories"], dtype=str)
    data: Dict[str, Any] = {
        "source": pd.Categorical.from_codes(cols["source"], categories=categories),
        "target": pd.Categorical.from_codes(cols["target"], categories=categories),
    }
    for name in cols["columns"]:
        data[name] = cols[name]
    return pd.DataFrame(data, copy=False)


# --------------------------------------------------------------------------------------
# Loading


def read_dataset(path: Union[str, "_os.PathLike[str]"], lenient: bool = False) -> Dataset:
    """Reads a dataset: a folder of CSVs (statements.csv, signatures.csv[, actors.csv,
    memberships.csv]) or a JSON file.

    Bad rows raise :class:`DataError` listing every problem; with ``lenient=True`` they are
    skipped and listed in ``ds.load_report``.
    """
    return Dataset(_native.Dataset.read(_os.fspath(path), bool(lenient)))


def joint_statements() -> Dataset:
    """The bundled joint statements 2014-2025 (see data/SOURCES.md)."""
    return Dataset(_native.Dataset.joint_statements())


def un_votes() -> Dataset:
    """The bundled UN General Assembly roll calls 1946-2019."""
    return Dataset(_native.Dataset.un_votes())


def cluster_edges(
    edges: Union[pd.DataFrame, str, "_os.PathLike[str]"],
    source: str = "source",
    target: str = "target",
    weight: Optional[str] = "weight",
    *,
    algorithm: str = "leiden",
    quality: str = "modularity",
    resolution: float = 1.0,
    seed: int = 0,
    runs: Optional[int] = None,
    consensus: bool = False,
    linkage: str = "average",
    k: Optional[int] = None,
) -> Clustering:
    """Coalitions of a weighted edge list (``cosignatory cluster --edges``).

    edges: a frame with ``source``, ``target`` and (optional) ``weight`` columns (named by
    the arguments of the same names; a missing or empty weight is 1), or the path of a CSV
    file with the header ``source,target[,weight]``. Clustering options as
    :meth:`Dataset.cluster`.
    """
    options = _clustering_args(algorithm, quality, resolution, seed, runs, consensus, linkage, k)
    if isinstance(edges, pd.DataFrame):
        columns = {source: "source", target: "target"}
        if weight is not None and weight in edges.columns:
            columns[weight] = "weight"
        for c in (source, target):
            if c not in edges.columns:
                raise ValueError(f"invalid option `{'source' if c == source else 'target'}` = {c!r}: no such column")
        frame = edges[list(columns)].rename(columns=columns)
        found = _native.cluster_edges("<frame>", _to_csv(frame, "edges"), None, options)
    else:
        found = _native.cluster_edges(_os.fspath(edges), None, _os.fspath(edges), options)
    return _clustering(found)
