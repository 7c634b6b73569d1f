#!/usr/bin/env python3
"""Time the Python package against the Rust library call and against networkx.

Run by hand (CI does not). Needs the package installed (`pip install ./python`) and
networkx; the workload and the library figures come from the repository's benches:

    export CARGO_TARGET_DIR=target
    cargo bench --features un-votes --bench compare -- workloads /tmp/cosig-compare
    cargo bench --features un-votes --bench compare_library -- 1000x100000
    python3 python/bench.py --data /tmp/cosig-compare

Rows: `ds.graph()` from Python (numpy columns + categorical ids into a DataFrame) on the
1,000 x 100,000 projection workload and on the UN votes; "native" is the call into Rust alone
(the library's projection plus building the numpy columns, no pandas); "library" is
criterion's median for the pure library call on the same data (compare/<weight>/1000x100000,
read from $CARGO_TARGET_DIR/criterion). networkx runs `weighted_projected_graph` /
`collaboration_weighted_projected_graph` on a bipartite graph built from the same frames
(its build time not counted). Medians of --runs runs.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import sys
import time
from pathlib import Path

# The installed package, not the source folder next to this script (it has no _native).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import cosignatory as cs  # noqa: E402


def median_time(fn, runs):
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def criterion(target: Path) -> dict:
    out = {}
    for bench in glob.glob(str(target / "criterion" / "**" / "new" / "benchmark.json"), recursive=True):
        try:
            meta = json.load(open(bench))
            est = json.load(open(Path(bench).with_name("estimates.json")))
            out[meta["full_id"]] = est["median"]["point_estimate"] / 1e9
        except (OSError, KeyError, ValueError):
            continue
    return out


def ms(x):
    return "n/a" if x is None else f"{x * 1e3:.1f} ms"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="/tmp/cosig-compare")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--skip-networkx", action="store_true", help="networkx takes about two minutes per weighting")
    args = p.parse_args()
    crit = criterion(Path(os.environ.get("CARGO_TARGET_DIR", Path(__file__).resolve().parents[1] / "target")))

    rows = []
    folder = Path(args.data) / "proj_1000x100000"
    ds = cs.read_dataset(folder)
    print(ds)
    for weight in ("count", "newman"):
        native_args = (None, None, [], [], "as-actor", weight, False, False, None, 0.05, "none", False)
        t_native, cols = median_time(lambda: ds._native.graph(*native_args), args.runs)
        t_py, frame = median_time(lambda: ds.graph(weight=weight), args.runs)
        lib = crit.get(f"compare/{weight}/1000x100000")
        t_nx = None
        if not args.skip_networkx:
            import networkx as nx
            from networkx.algorithms import bipartite

            sig = ds.signatures()
            b = nx.Graph()
            people = sorted(set(sig["actor"]))
            b.add_nodes_from(people, bipartite=0)
            b.add_edges_from((a, ("s", s)) for a, s in zip(sig["actor"], sig["statement"]))
            fn = bipartite.weighted_projected_graph if weight == "count" else bipartite.collaboration_weighted_projected_graph
            t_nx, g = median_time(lambda: fn(b, people), 1)
            assert g.number_of_edges() == len(frame), "networkx and cosignatory disagree on the edges"
        rows.append((f"graph 1,000 x 100,000 {weight} ({len(frame):,} edges)", lib, t_native, t_py, t_nx))

    un = cs.un_votes()
    for weight in ("count", "newman"):
        native_args = (None, None, [], [], "as-actor", weight, False, True, None, 0.05, "none", False)
        t_native, _ = median_time(lambda: un._native.graph(*native_args), args.runs)
        t_py, frame = median_time(lambda: un.graph(votes=True, weight=weight), args.runs)
        rows.append((f"graph UN votes --votes {weight} ({len(frame):,} edges)", None, t_native, t_py, None))

    print("| workload | library (criterion) | native call | ds.graph() | Python / library | Python / native | networkx | networkx / Python |")
    print("|---|---|---|---|---|---|---|---|")
    for name, lib, t_native, t_py, t_nx in rows:
        r_lib = "n/a" if lib is None else f"{t_py / lib:.2f}x"
        r_nx = "n/a" if t_nx is None else f"{t_nx / t_py:,.0f}x"
        print(f"| {name} | {ms(lib)} | {ms(t_native)} | {ms(t_py)} | {r_lib} | {t_py / t_native:.2f}x | {ms(t_nx)} | {r_nx} |")


if __name__ == "__main__":
    main()
