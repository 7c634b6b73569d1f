#!/usr/bin/env python3
"""Time igraph's Leiden and Louvain on the planted graphs the `clustering` bench writes.

Run by hand (needs python-igraph; CI does not run this):

    COSIGNATORY_WRITE_GRAPHS=/tmp/graphs cargo bench --bench clustering
    python3 benches/compare/leiden_igraph.py /tmp/graphs

(`cargo bench --bench compare -- workloads DIR` writes the same graphs and a 200,000-node one;
`compare.py` runs this comparison too, with our CLI's modularity and NMI against the planted
partition.)

Prints, per graph: igraph community_leiden (modularity objective, 2 iterations, as our
default) and community_multilevel median wall time over 5 runs, and the modularity reached.
Compare with the criterion medians of `clustering/leiden/N` and `clustering/louvain/N`.
"""
import csv
import statistics
import sys
import time
from pathlib import Path

import igraph as ig


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    n = 1 + max(max(int(r["source"]), int(r["target"])) for r in rows)
    g = ig.Graph(n=n, edges=[(int(r["source"]), int(r["target"])) for r in rows])
    g.es["weight"] = [float(r["weight"]) for r in rows]
    return g


def timed(fn, runs=5):
    times, result = [], None
    for seed in range(runs):
        import random
        random.seed(seed)
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/graphs")
    print(f"igraph {ig.__version__}")
    print("graph,edges,leiden_s,leiden_modularity,multilevel_s,multilevel_modularity")
    for path in sorted(folder.glob("planted_*.csv"), key=lambda p: int(p.stem.split("_")[1])):
        g = load(path)
        t_leiden, part = timed(lambda: g.community_leiden(objective_function="modularity", weights="weight", n_iterations=2))
        t_ml, ml = timed(lambda: g.community_multilevel(weights="weight"))
        print(f"{path.stem},{g.ecount()},{t_leiden:.4f},{g.modularity(part.membership, weights='weight'):.6f},"
              f"{t_ml:.4f},{g.modularity(ml.membership, weights='weight'):.6f}")


if __name__ == "__main__":
    main()
