#!/usr/bin/env python3
"""Time the Python package against the Rust library call and against networkx.

Run by hand (CI does not). Needs the package installed (`pip install ./python`) and
networkx; the projection workload comes from the repository's benches:

    cargo bench --features un-votes --bench compare -- workloads /tmp/cosig-compare
    python3 python/bench.py --data /tmp/cosig-compare

Rows: `ds.graph()` on the 1,000 x 100,000 projection workload and on the UN votes, and
`ds.align()` (every pair, yearly windows, the data's default measure) on the UN votes.
"library" is what a Rust program calls for the same result (`Dataset::nonempty_view` and
`project`; for align also the windows and `alignment_series`), timed inside the extension
(`Dataset._bench_library`), with no conversion; "Python" is the whole method call
(library + numpy columns + pandas frame). The two are timed alternately in one process, run
after run and in alternating order, so that both see the same machine, each from a trimmed
heap (`fresh_heap`; `--no-trim` turns it off); the table gives medians of --runs runs and the
median of the per-run ratios (each Python call over the library call next to it).
networkx runs `weighted_projected_graph` / `collaboration_weighted_projected_graph` on a
bipartite graph built from the same frames (its build time not counted).

--breakdown times the parts of the Python call apart, alternating in one process: the
library call, the native method with its numpy columns (the whole call less the frame), and
the pandas frame built from those columns (`cosignatory._edge_frame` / `_align_frame`, timed
inside the real call), instead of the table above. For the graph rows it also times
`project_edges`, the library's edge table that `ds.graph()` turns into columns (a Rust
program that wants the edge list rather than a graph calls it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

# The installed package, not the source folder next to this script (it has no _native).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import cosignatory as cs  # noqa: E402


def _trimmer():
    """glibc's malloc_trim, or a no-op elsewhere."""
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return lambda _pad: 0


_TRIM = _trimmer()


TRIM = True  # --no-trim turns it off (the fourth session's harness)


def fresh_heap():
    """Hands the allocator's free memory back to the system before a timed call, so that
    every call starts as in a fresh process: without it, which call runs after which decides
    who reuses whose freed pages (up to 1.4x apart on the graph rows)."""
    if TRIM:
        _TRIM(0)


def alternate(library, python, runs):
    """`runs` alternating calls: the medians of the library timings and of the Python call's
    times, and the median of the per-run ratios (each Python call over the library call next to
    it, so that a change in the machine's load between runs cancels out). Which of the two runs
    first alternates too: the first call after the previous output was freed pays the page
    faults of fresh memory, and that must not always be the same one."""
    lib, py, out = [], [], None

    def timed_python():
        fresh_heap()
        t0 = time.perf_counter()
        result = python()
        py.append(time.perf_counter() - t0)
        return result

    for run in range(runs):
        out = None  # the previous frame's memory is not part of the next call
        if run % 2 == 0:
            fresh_heap()
            lib.append(library())
            out = timed_python()
        else:
            out = timed_python()
            fresh_heap()
            lib.append(library())
    ratio = statistics.median(p / l for p, l in zip(py, lib))
    return statistics.median(lib), statistics.median(py), ratio, out


class FrameTimer:
    """Wraps the package's frame builder (`_edge_frame` or `_align_frame`) to time it inside
    the real call."""

    def __init__(self, name):
        self.name, self.inner, self.last = name, getattr(cs, name), 0.0

    def __enter__(self):
        def timed(*a, **k):
            t0 = time.perf_counter()
            out = self.inner(*a, **k)
            self.last = time.perf_counter() - t0
            return out

        setattr(cs, self.name, timed)
        return self

    def __exit__(self, *exc):
        setattr(cs, self.name, self.inner)


def breakdown(name, frame_fn, library, python, runs, edges=None):
    """One row: medians of the library call, the native part of the Python call (whole call
    less the frame), the frame, and the whole call, rotating which runs first. `edges`, for
    the graph rows, is the library's edge-table call (`project_edges`, what the method
    builds its columns from), timed in the same rotation."""
    lib, lib_edges, native, frame, whole = [], [], [], [], []
    rows = 0
    with FrameTimer(frame_fn) as timer:
        for run in range(runs):
            steps = [lambda: lib.append(library()), None]
            if edges is not None:
                steps.append(lambda: lib_edges.append(edges()))
            shift = run % len(steps)
            for step in steps[shift:] + steps[:shift]:
                fresh_heap()
                if step is None:
                    t0 = time.perf_counter()
                    out = python()
                    t = time.perf_counter() - t0
                    rows, out = len(out), None  # freed before the next timed call
                    whole.append(t)
                    frame.append(timer.last)
                    native.append(t - timer.last)
                else:
                    step()
    m = statistics.median
    per_edges = m(w / e for w, e in zip(whole, lib_edges)) if lib_edges else None
    return (name, m(lib), m(native), m(frame), m(whole),
            m(w / l for w, l in zip(whole, lib)), m(n / l for n, l in zip(native, lib)), rows,
            m(lib_edges) if lib_edges else None, per_edges)


def once(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def ms(x):
    return "n/a" if x is None else f"{x * 1e3:.1f} ms"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="/tmp/cosig-compare")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--skip-networkx", action="store_true", help="networkx takes about two minutes per weighting")
    p.add_argument("--breakdown", action="store_true", help="time library, native method and pandas frame apart")
    p.add_argument("--only", default="graph,un-graph,align", help="rows (with --breakdown): graph, un-graph, align")
    p.add_argument("--no-trim", action="store_true", help="do not trim the heap before each timed call")
    args = p.parse_args()
    global TRIM
    TRIM = not args.no_trim
    everything = (None, None, [], [], "as-actor")
    if args.breakdown:
        only = set(args.only.split(","))
        rows = []

        def edges_of(d, weight, votes):
            """The library's edge-table call, or None for a package without it."""
            try:
                d._native._bench_library("edges", everything, (weight, False, votes), None, 1)
            except ValueError:
                return None
            return lambda: d._native._bench_library("edges", everything, (weight, False, votes), None, 1)

        if "graph" in only:
            ds = cs.read_dataset(Path(args.data) / "proj_1000x100000")
            for weight in ("count", "newman"):
                rows.append(breakdown(
                    f"ds.graph() 1,000 x 100,000 {weight}", "_edge_frame",
                    lambda: ds._native._bench_library("graph", everything, (weight, False, False), None, 1),
                    lambda: ds.graph(weight=weight), args.runs, edges_of(ds, weight, False)))
        un = cs.un_votes()
        if "un-graph" in only:
            for weight in ("count", "newman"):
                rows.append(breakdown(
                    f"ds.graph(votes=True) UN votes {weight}", "_edge_frame",
                    lambda: un._native._bench_library("graph", everything, (weight, False, True), None, 1),
                    lambda: un.graph(votes=True, weight=weight), args.runs, edges_of(un, weight, True)))
        if "align" in only:
            rows.append(breakdown(
                "ds.align(window=\"1y\") UN votes, all pairs", "_align_frame",
                lambda: un._native._bench_library("align", everything, ("count", False, False), "1y", 1),
                lambda: un.align(window="1y"), args.runs))
        print("| workload | rows | library | native + numpy columns | pandas frame | whole call | "
              "whole / library | native / library | library edge table | whole / edge table |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for name, t_lib, t_nat, t_frame, t_whole, r_whole, r_nat, n, t_edges, r_edges in rows:
            r_e = "n/a" if r_edges is None else f"{r_edges:.2f}x"
            print(f"| {name} | {n:,} | {ms(t_lib)} | {ms(t_nat)} | {ms(t_frame)} | {ms(t_whole)} | "
                  f"{r_whole:.2f}x | {r_nat:.2f}x | {ms(t_edges)} | {r_e} |")
        print(f"(medians of {args.runs} alternations; ratios are medians of the per-run ratios)")
        return

    rows = []
    ds = cs.read_dataset(Path(args.data) / "proj_1000x100000")
    print(ds)
    for weight in ("count", "newman"):
        t_lib, t_py, ratio, frame = alternate(
            lambda: ds._native._bench_library("graph", everything, (weight, False, False), None, 1),
            lambda: ds.graph(weight=weight),
            args.runs,
        )
        t_nx = None
        if not args.skip_networkx:
            from networkx.algorithms import bipartite
            import networkx as nx

            sig = ds.signatures()
            b = nx.Graph()
            people = sorted(set(sig["actor"]))
            b.add_nodes_from(people, bipartite=0)
            b.add_edges_from((a, ("s", s)) for a, s in zip(sig["actor"], sig["statement"]))
            fn = bipartite.weighted_projected_graph if weight == "count" else bipartite.collaboration_weighted_projected_graph
            t_nx, g = once(lambda: fn(b, people))
            assert g.number_of_edges() == len(frame), "networkx and cosignatory disagree on the edges"
        rows.append((f"ds.graph() 1,000 x 100,000 {weight} ({len(frame):,} edges)", t_lib, t_py, ratio, t_nx))

    un = cs.un_votes()
    for weight in ("count", "newman"):
        t_lib, t_py, ratio, frame = alternate(
            lambda: un._native._bench_library("graph", everything, (weight, False, True), None, 1),
            lambda: un.graph(votes=True, weight=weight),
            args.runs,
        )
        rows.append((f"ds.graph() UN votes votes=True {weight} ({len(frame):,} edges)", t_lib, t_py, ratio, None))
    t_lib, t_py, ratio, frame = alternate(
        lambda: un._native._bench_library("align", everything, ("count", False, False), "1y", 1),
        lambda: un.align(window="1y"),
        args.runs,
    )
    rows.append((f"ds.align() UN votes window=1y all pairs ({len(frame):,} rows)", t_lib, t_py, ratio, None))

    print("| workload | library | Python | Python / library (paired) | networkx | networkx / Python |")
    print("|---|---|---|---|---|---|")
    for name, t_lib, t_py, ratio, t_nx in rows:
        r_nx = "n/a" if t_nx is None else f"{t_nx / t_py:,.0f}x"
        print(f"| {name} | {ms(t_lib)} | {ms(t_py)} | {ratio:.2f}x | {ms(t_nx)} | {r_nx} |")


if __name__ == "__main__":
    main()
