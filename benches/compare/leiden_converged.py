#!/usr/bin/env python3
"""Issue 19 item 3: our CLI's Leiden end to end against igraph's Leiden run to convergence.

Run by hand (needs python-igraph and pandas; CI does not run this):

    cargo build --release
    cargo bench --bench compare -- workloads /tmp/cosig-compare   # writes planted_100000.csv
    python3 benches/compare/leiden_converged.py /tmp/cosig-compare/planted_100000.csv \
        --bin target/release/cosignatory --runs 5

"ours" is `cosignatory cluster --edges FILE --seed S --format csv -o FILE`, timed from the
start of the process to its end: reading the edge list, building the graph, Leiden (our default,
2 iterations) and writing the memberships. "igraph" is `Graph.community_leiden(objective_function=
"modularity", n_iterations=-1)` alone (the graph already built, the file already read), with
igraph's random generator seeded by S. The two alternate run by run (ours, igraph, ours, ...),
so both see the same load. Wall time and CPU time (user + system; the child's for ours, the
process's for igraph) are reported as medians over the runs, with the modularity of each run
computed by igraph on the same weighted graph.
"""
import argparse
import os
import random
import resource
import statistics
import subprocess
import tempfile
import time

import igraph as ig
import pandas as pd


def ours(binary, path, seed, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([binary, "cluster", "--edges", path, "--seed", str(seed), "--format", "csv", "-o", out],
                   check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    m = pd.read_csv(out)
    return wall, cpu, m


def theirs(g, seed):
    random.seed(seed)
    ig.set_random_number_generator(random)
    c0, t = time.process_time(), time.perf_counter()
    p = g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
    return time.perf_counter() - t, time.process_time() - c0, p.membership


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("edges")
    a.add_argument("--bin", default="target/release/cosignatory")
    a.add_argument("--runs", type=int, default=5)
    args = a.parse_args()
    df = pd.read_csv(args.edges)
    n = 1 + int(max(df.source.max(), df.target.max()))
    g = ig.Graph(n=n, edges=list(zip(df.source.tolist(), df.target.tolist())))
    g.es["weight"] = df.weight.tolist()
    print(f"igraph {ig.__version__}, {n} nodes, {g.ecount()} edges, load {os.getloadavg()[0]:.2f}", flush=True)
    rows = {"ours": [], "igraph": []}
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "m.csv")
        for seed in range(1, args.runs + 1):
            wall, cpu, m = ours(args.bin, args.edges, seed, out)
            member = dict(zip(m.actor.astype(int), m.community))
            q = g.modularity([member[v] for v in range(n)], weights="weight")
            rows["ours"].append((wall, cpu, q))
            wall, cpu, membership = theirs(g, seed)
            rows["igraph"].append((wall, cpu, g.modularity(membership, weights="weight")))
            print(f"seed {seed}: ours {rows['ours'][-1][0]:.3f} s wall {rows['ours'][-1][1]:.3f} s cpu "
                  f"Q {rows['ours'][-1][2]:.6f} | igraph {wall:.3f} s wall {cpu:.3f} s cpu Q {rows['igraph'][-1][2]:.6f}",
                  flush=True)
    med = {k: [statistics.median(r[i] for r in v) for i in range(2)] for k, v in rows.items()}
    q = {k: statistics.mean(r[2] for r in v) for k, v in rows.items()}
    print(f"median wall: ours {med['ours'][0]:.3f} s, igraph {med['igraph'][0]:.3f} s, "
          f"ratio {med['ours'][0] / med['igraph'][0]:.2f}")
    print(f"median cpu:  ours {med['ours'][1]:.3f} s, igraph {med['igraph'][1]:.3f} s, "
          f"ratio {med['ours'][1] / med['igraph'][1]:.2f}")
    print(f"mean modularity: ours {q['ours']:.6f}, igraph {q['igraph']:.6f}, difference {q['ours'] - q['igraph']:+.6f}")
    print(f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
