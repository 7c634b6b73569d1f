#!/usr/bin/env python3
"""Run the same workloads through cosignatory and through networkx, igraph, numpy and
scikit-learn; check that the numbers agree; print a table of timings and ratios.

Run by hand (CI does not run it). Needs networkx, python-igraph, scikit-learn, numpy and
pandas (the numpy alignment reads the compressed CSVs with pandas).

    export CARGO_TARGET_DIR=target                # or wherever cargo builds
    F="--features un-votes"                       # every build: `cargo bench` rebuilds the CLI
    cargo bench $F --bench compare -- workloads /tmp/cosig-compare --large
    cargo bench $F --bench projection             # criterion figures of the library calls
    COSIGNATORY_BENCH_LARGE=1 cargo bench $F --bench clustering   # (optional: without them
    cargo bench $F --bench alignment              #   the "ours (lib)" column stays empty)
    cargo bench $F --bench compare_library
    cargo build --release $F                      # the CLI, with the bundled UN votes
    python3 benches/compare/compare.py --data /tmp/cosig-compare

Sections (--only, comma-separated): projection, pagerank, louvain, leiden, alignment,
memory, and alignment-e2e (not run by default: the CLI's all-pairs yearly kappa at 1 and 2
threads against un_numpy, alternating run by run; --bin-before adds an older binary). --skip-slow leaves out the networkx runs that take minutes (projection of 1,000 x
100,000, Louvain on 100,000 and 200,000 nodes) and the 200,000-node graph.

Timings: "ours (CLI)" is the wall time of the release binary, parsing its input and writing
its output included, median of --runs runs. "ours (lib)" is criterion's median for the pure
library call on the same data, read from $CARGO_TARGET_DIR/criterion (the bench that
produced it is named). "theirs" times the library call alone (input already in memory);
"theirs e2e" adds reading the files and building the graph, for the ratio against the CLI.
Ratios are theirs / ours: above 1 means cosignatory is faster.
"""
import argparse
import csv
import glob
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
ROWS = []  # (section, workload, ours_cli, ours_lib, lib_source, theirs_name, theirs, theirs_e2e, check)


def load():
    return "load %.2f %.2f %.2f" % os.getloadavg()


def median_time(fn, runs):
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def run_cli(binary, args, runs):
    def once():
        r = subprocess.run([binary, *args], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"cosignatory {' '.join(args)} failed:\n{r.stderr}")
        return r.stdout
    return median_time(once, runs)


def criterion_medians(target_dir):
    """full_id -> median seconds, from criterion's JSON files."""
    out = {}
    for bench in glob.glob(str(Path(target_dir) / "criterion" / "**" / "new" / "benchmark.json"), recursive=True):
        try:
            meta = json.load(open(bench))
            est = json.load(open(Path(bench).with_name("estimates.json")))
            out[meta["full_id"]] = est["median"]["point_estimate"] / 1e9
        except (OSError, KeyError, ValueError):
            continue
    return out


def record(section, workload, ours_cli, ours_lib, lib_source, theirs_name, theirs, theirs_e2e, check):
    ROWS.append((section, workload, ours_cli, ours_lib, lib_source, theirs_name, theirs, theirs_e2e, check))
    print(f"  {workload}: ours CLI {fmt(ours_cli)}, lib {fmt(ours_lib)} [{lib_source or '-'}]; "
          f"{theirs_name} {fmt(theirs)} (e2e {fmt(theirs_e2e)}); {check}", flush=True)


def fmt(x):
    if x is None:
        return "-"
    return f"{x:.3g} s" if x >= 0.01 else f"{x * 1e3:.3g} ms"


def ratio(theirs, ours):
    if theirs is None or ours is None or ours == 0:
        return "-"
    return f"{theirs / ours:.1f}x" if theirs / ours >= 1.5 else f"{theirs / ours:.2f}x"


# ---------------------------------------------------------------- projection


def read_signatures(folder):
    with open(folder / "signatures.csv", newline="") as f:
        r = csv.reader(f)
        next(r)
        return [(row[0], row[1]) for row in r]


def read_edges(path):
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        return {tuple(sorted((row["source"], row["target"]))): (float(row["weight"]), int(row["count"])) for row in r}


def projection(args, crit):
    import networkx as nx
    from networkx.algorithms import bipartite

    print(f"== projection (networkx {nx.__version__}; {load()})", flush=True)
    graphs = {}
    for folder in sorted(Path(args.data).glob("proj_*x*"), key=lambda p: tuple(map(int, p.name[5:].split("x")))):
        actors, statements = map(int, folder.name[5:].split("x"))
        if actors >= 10_000:
            continue  # the memory workload
        slow = actors * statements >= 100_000_000
        if slow and args.skip_slow:
            continue
        t0 = time.perf_counter()
        sigs = read_signatures(folder)
        t_read = time.perf_counter() - t0
        t0 = time.perf_counter()
        B = nx.Graph()
        people = sorted({a for _, a in sigs})
        B.add_nodes_from(people, bipartite=0)
        B.add_nodes_from({s for s, _ in sigs}, bipartite=1)
        B.add_edges_from((a, s) for s, a in sigs)
        t_build = time.perf_counter() - t0
        nx_runs = 1 if statements >= 50_000 or actors > 200 else args.runs
        for weight, fn, crit_ids in [
            ("count", bipartite.weighted_projected_graph, [f"compare/count/{actors}x{statements}"]),
            ("newman", bipartite.collaboration_weighted_projected_graph,
             [f"projection/newman/{actors}x{statements}", f"compare/newman/{actors}x{statements}"]),
        ]:
            t_nx, G = median_time(lambda: fn(B, people), nx_runs)
            with tempfile.NamedTemporaryFile(suffix=".csv") as out:
                t_cli, _ = run_cli(args.bin, ["graph", str(folder), "--weight", weight, "--format", "csv", "-o", out.name], args.runs)
                ours = read_edges(out.name)
            theirs = {tuple(sorted((u, v))): d["weight"] for u, v, d in G.edges(data=True)}
            same_edges = set(ours) == set(theirs)
            err = max((abs(ours[e][0] - w) / max(abs(w), 1e-300) for e, w in theirs.items() if e in ours), default=0.0)
            ok = same_edges and err <= 1e-9
            check = f"{'OK' if ok else 'MISMATCH'}: {len(theirs)} edges, max rel. diff {err:.1e}"
            lib = next(((crit[i], i) for i in crit_ids if i in crit), (None, None))
            record("projection", f"{weight} {actors}x{statements}", t_cli, lib[0], lib[1],
                   f"networkx {fn.__name__}", t_nx, t_read + t_build + t_nx, check)
            if weight == "newman":
                graphs[(actors, statements)] = G
        del B
    return graphs


# ---------------------------------------------------------------- pagerank


def pagerank(args, crit, graphs):
    import networkx as nx

    print(f"== pagerank ({load()})", flush=True)
    for (actors, statements), G in sorted(graphs.items()):
        if statements != 100_000:
            continue
        t_nx, _ = median_time(lambda: nx.pagerank(G, weight="weight"), args.runs)
        exact = nx.pagerank(G, weight="weight", tol=1e-13, max_iter=10_000)
        folder = Path(args.data) / f"proj_{actors}x{statements}"
        out = subprocess.run([args.bin, "timeline", str(folder), "--window", "100y", "--table", "memberships",
                              "--format", "csv"], capture_output=True, text=True, check=True).stdout
        ours = {row["actor"]: float(row["pagerank"]) for row in csv.DictReader(out.splitlines())}
        err = max(abs(ours[a] - p) for a, p in exact.items())
        cid = f"compare/pagerank/{actors}x{statements}"
        record("pagerank", f"pagerank newman {actors}x{statements}", None, crit.get(cid), cid if cid in crit else None,
               "networkx pagerank (tol 1e-6)", t_nx, None,
               f"{'OK' if err <= 1e-9 else 'MISMATCH'}: max abs diff {err:.1e} vs networkx at tol 1e-13 (CLI timeline)")


# ---------------------------------------------------------------- clustering


def planted_graphs(args):
    out = []
    for path in sorted(Path(args.data).glob("planted_*.csv"), key=lambda p: int(p.stem.split("_")[1]) if p.stem.split("_")[1].isdigit() else 0):
        if path.stem.endswith("_truth"):
            continue
        n = int(path.stem.split("_")[1])
        if args.skip_slow and n > 100_000:
            continue
        out.append((n, path))
    return out


def load_edges(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        rows = [(int(a), int(b), float(w)) for a, b, w in r]
    return rows


def truth(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        return {int(a): int(c) for a, c in r}


def ours_partition(args, path, algorithm, seed=1, runs=None):
    with tempfile.NamedTemporaryFile(suffix=".csv") as out:
        t, _ = run_cli(args.bin, ["cluster", "--edges", str(path), "--algorithm", algorithm, "--runs", "1",
                                  "--seed", str(seed), "--format", "csv", "-o", out.name], runs or args.runs)
        with open(out.name, newline="") as f:
            labels = {int(row["actor"]): int(row["community"]) for row in csv.DictReader(f)}
    return t, labels


def nmi(labels, planted):
    from sklearn.metrics import normalized_mutual_info_score
    nodes = sorted(planted)
    return normalized_mutual_info_score([planted[v] for v in nodes], [labels[v] for v in nodes])


def clustering(args, crit, which):
    import igraph as ig
    import networkx as nx

    print(f"== {which} (igraph {ig.__version__}, networkx {nx.__version__}; {load()})", flush=True)
    for n, path in planted_graphs(args):
        t0 = time.perf_counter()
        rows = load_edges(path)
        t_read = time.perf_counter() - t0
        t0 = time.perf_counter()
        g = ig.Graph(n=n, edges=[(a, b) for a, b, _ in rows])
        g.es["weight"] = [w for _, _, w in rows]
        t_build_ig = time.perf_counter() - t0
        planted = truth(path.with_name(f"planted_{n}_truth.csv"))
        t_cli, ours = ours_partition(args, path, which)
        membership = [ours[v] for v in range(n)]
        q_ours = g.modularity(membership, weights="weight")
        nmi_ours = nmi(ours, planted)
        crit_id = f"clustering/{which}/{n}" if f"clustering/{which}/{n}" in crit else f"compare/{which}/{n}"
        lib = crit.get(crit_id)
        refs = []  # (name, call, seconds to read the file and build the graph)
        if which == "leiden":
            refs.append(("igraph community_leiden", lambda: g.community_leiden(
                objective_function="modularity", weights="weight", n_iterations=2).membership, t_read + t_build_ig))
        else:
            refs.append(("igraph community_multilevel", lambda: g.community_multilevel(weights="weight").membership,
                         t_read + t_build_ig))
            if n <= (10_000 if args.skip_slow else 100_000):
                t0 = time.perf_counter()
                G = nx.Graph()
                G.add_nodes_from(range(n))
                G.add_weighted_edges_from(rows)
                t_build_nx = time.perf_counter() - t0

                def nx_louvain():
                    parts = nx.community.louvain_communities(G, weight="weight", seed=1)
                    m = [0] * n
                    for c, members in enumerate(parts):
                        for v in members:
                            m[v] = c
                    return m
                refs.append(("networkx louvain_communities", nx_louvain, t_read + t_build_nx))
        for name, fn, t_prepare in refs:
            runs = args.runs if n < 50_000 or name.startswith("igraph") else 1
            random.seed(1)
            t_theirs, m = median_time(fn, runs)
            q_theirs = g.modularity(m, weights="weight")
            nmi_theirs = nmi(dict(enumerate(m)), planted)
            ok = q_ours >= q_theirs * (1 - 0.005)
            check = (f"{'OK' if ok else 'LOWER'}: Q ours {q_ours:.6f} vs {q_theirs:.6f} (timed runs) "
                     f"({(q_ours / q_theirs - 1) * 100:+.2f}%), NMI vs planted {nmi_ours:.4f} vs {nmi_theirs:.4f}")
            if which == "leiden" and args.quality_seeds > 1:
                # One run each is one draw: compare mean modularity over seeds 1..K too.
                q_o, q_t = [], []
                for seed in range(1, args.quality_seeds + 1):
                    _, lab = ours_partition(args, path, which, seed=seed, runs=1)
                    q_o.append(g.modularity([lab[v] for v in range(n)], weights="weight"))
                    random.seed(seed)
                    ig.set_random_number_generator(random)
                    q_t.append(g.modularity(fn(), weights="weight"))
                mo, mt = statistics.mean(q_o), statistics.mean(q_t)
                ok = mo >= mt * (1 - 0.005)
                check += (f"; mean Q over seeds 1-{args.quality_seeds}: ours {mo:.6f} "
                          f"[{min(q_o):.6f}, {max(q_o):.6f}] vs {mt:.6f} [{min(q_t):.6f}, {max(q_t):.6f}]"
                          f" ({(mo / mt - 1) * 100:+.4f}%{'' if ok else ', LOWER'})")
            record(which, f"{which} planted {n} nodes, {len(rows)} edges", t_cli, lib, crit_id if lib else None,
                   name, t_theirs, t_prepare + t_theirs, check)


# ---------------------------------------------------------------- alignment


def settle():
    """Waits until the previous run has stopped using the CPU: after un_numpy returns,
    OpenBLAS's worker threads keep spinning for about 0.1 s (one core of this 2-core machine,
    measured with process_time during a sleep), which the run started next would pay."""
    time.sleep(0.3)


def un_numpy(codes_path, loader="pandas"):
    """Load the UN votes and compute all-pairs quadratic kappa per year (Voeten coding, pairwise
    deletion) with masked matrix products. Returns {year: (ids, kappa, N, votes)}.

    loader "pandas": pandas' C parser with categorical columns; "python": the csv module (the
    route the UN-votes issue quotes, ≈ 1.6 s), then the same vectorised code."""
    import gzip

    import pandas as pd

    data = ROOT / "data" / "unvotes"
    types = {"rcid": np.int64, "country": "category", "country_code": "category", "vote": "category"}
    if loader == "pandas":
        votes = pd.read_csv(data / "unvotes.csv.gz", keep_default_na=False, dtype=types)
        calls = pd.read_csv(data / "roll_calls.csv.gz", usecols=["rcid", "date"], keep_default_na=False,
                            dtype={"rcid": np.int64, "date": str})
    else:
        with gzip.open(data / "unvotes.csv.gz", "rt", newline="") as f:
            r = csv.reader(f)
            header = next(r)
            votes = pd.DataFrame(dict(zip(header, zip(*r)))).astype(types)
        with gzip.open(data / "roll_calls.csv.gz", "rt", newline="") as f:
            calls = pd.DataFrame([(int(x["rcid"]), x["date"]) for x in csv.DictReader(f)], columns=["rcid", "date"])
    # Roll call -> date and year, by binary search on the sorted rcids.
    order = np.argsort(calls["rcid"].to_numpy())
    rcids = calls["rcid"].to_numpy()[order]
    dates = calls["date"].to_numpy()[order]
    call_of_vote = np.searchsorted(rcids, votes["rcid"].to_numpy())
    call_year = np.array([int(d[:4]) for d in dates], dtype=np.int32)
    vote_year = call_year[call_of_vote]
    # Country code (+ name for the ambiguous "NA", + date for Yugoslavia/Serbia) -> actor id:
    # resolved once per distinct (code, name), then spread with integer indexing.
    code_idx, code_uniq = votes["country_code"].cat.codes.to_numpy(), votes["country_code"].cat.categories
    name_idx, name_uniq = votes["country"].cat.codes.to_numpy(), votes["country"].cat.categories
    pair = code_idx.astype(np.int64) * len(name_uniq) + name_idx
    pair_idx, pair_uniq = pd.factorize(pair)
    rows_of = {}
    for r in pd.read_csv(codes_path, keep_default_na=False, dtype=str).to_dict("records"):
        rows_of.setdefault(r["code"], []).append(r)
    id_of_pair, switches = [], []  # (pair, first date, id) for date-dependent codes
    for k, p in enumerate(pair_uniq):
        code = code_uniq[p // len(name_uniq)] or "NA"
        name = name_uniq[p % len(name_uniq)]
        cand = sorted((r for r in rows_of.get(code, []) if r["country"] in ("", name)), key=lambda r: r["from"])
        if not cand:
            raise SystemExit(f"unknown country code {code!r} ({name})")
        id_of_pair.append(cand[0]["id"])
        switches += [(k, r["from"], r["id"]) for r in cand[1:]]
    actor_ids = sorted(set(id_of_pair) | {i for _, _, i in switches})
    index = {a: i for i, a in enumerate(actor_ids)}
    actor = np.array([index[a] for a in id_of_pair], dtype=np.int32)[pair_idx]
    for k, first, a in switches:
        actor[(pair_idx == k) & (dates[call_of_vote] >= first)] = index[a]
    vote_idx, vote_uniq = votes["vote"].cat.codes.to_numpy(), votes["vote"].cat.categories
    code = np.array([{"yes": 1, "abstain": 2, "no": 3}[v] for v in vote_uniq], dtype=np.int8)[vote_idx]
    w = np.array([[(a - b) ** 2 for b in range(3)] for a in range(3)], dtype=float)
    out = {}
    by_year = np.argsort(vote_year, kind="stable")
    years, starts = np.unique(vote_year[by_year], return_index=True)
    for y, lo, hi in zip(years, starts, list(starts[1:]) + [len(by_year)]):
        sel = by_year[lo:hi]
        a_idx, a_local = np.unique(actor[sel], return_inverse=True)
        i_idx, i_local = np.unique(call_of_vote[sel], return_inverse=True)
        V = np.zeros((len(a_idx), len(i_idx)), dtype=np.int8)
        V[a_local, i_local] = code[sel]
        M = (V > 0).astype(float)
        X = [(V == c).astype(float) for c in (1, 2, 3)]
        N = M @ M.T
        R = [x @ M.T for x in X]  # R[c][i, j]: items i voted c and j voted at all
        O = sum(X[c] @ sum(w[c, d] * X[d] for d in range(3)).T for c in range(3))
        E = sum(w[c, d] * R[c] * R[d].T for c in range(3) for d in range(3))
        with np.errstate(divide="ignore", invalid="ignore"):
            K = np.where((N > 0) & (E != 0), 1.0 - N * O / E, np.nan)
        out[int(y)] = ([actor_ids[i] for i in a_idx], K, N, V)
    return out


def alignment(args, crit):
    from sklearn.metrics import cohen_kappa_score

    print(f"== alignment, UN votes 1946-2019 sessions ({load()})", flush=True)
    codes = Path(args.data) / "un_codes.csv"
    t_np, years = median_time(lambda: un_numpy(codes), args.runs)
    t_np_py, years_py = median_time(lambda: un_numpy(codes, loader="python"), args.runs)
    same_py = all(np.array_equal(years[y][1], years_py[y][1], equal_nan=True) for y in years)
    with tempfile.NamedTemporaryFile(suffix=".csv") as out:
        t_cli, _ = run_cli(args.bin, ["align", "--un-votes", "--measure", "kappa-quadratic", "--window", "1y",
                                      "--format", "csv", "-o", out.name], args.runs)
        ours = {}
        with open(out.name, newline="") as f:
            for row in csv.DictReader(f):
                if row["n"] != "0":
                    ours[(int(row["window_start"][:4]), row["a"], row["b"])] = (
                        float(row["score"]) if row["score"] else math.nan, int(row["n"]))
    # Check numpy against the CLI on every dyad-year with N > 0.
    err, compared, n_bad, undefined_mismatch = 0.0, 0, 0, 0
    dyads = []
    for y, (ids, K, N, V) in years.items():
        iu, ju = np.triu_indices(len(ids), 1)
        for i, j in zip(iu[N[iu, ju] > 0], ju[N[iu, ju] > 0]):
            a, b = sorted((ids[i], ids[j]))
            v, n = ours.get((y, a, b), (None, 0))
            if v is None:
                n_bad += 1
                continue
            compared += 1
            if n != N[i, j]:
                n_bad += 1
            k = K[i, j]
            if math.isnan(k) or math.isnan(v):
                undefined_mismatch += math.isnan(k) != math.isnan(v)
            else:
                err = max(err, abs(k - v))
            dyads.append((y, i, j, a, b))
    ok = compared == len(ours) and n_bad == 0 and undefined_mismatch == 0 and err <= 1e-9
    check = (f"{'OK' if ok else 'MISMATCH'}: {compared} dyad-years with N > 0 (CLI has {len(ours)}), "
             f"max abs diff {err:.1e}, N differs {n_bad}, undefined differs {undefined_mismatch}")
    lib_id = "alignment/un-votes load + yearly kappa_q"
    record("alignment", "UN votes: load + all-pairs yearly kappa_q", t_cli, crit.get(lib_id),
           lib_id if lib_id in crit else None, "numpy masked matmul (pandas load)", t_np, t_np, check)
    record("alignment", "UN votes: load + all-pairs yearly kappa_q", t_cli, crit.get(lib_id),
           lib_id if lib_id in crit else None, "numpy masked matmul (csv-module load)", t_np_py, t_np_py,
           f"{'OK' if same_py else 'MISMATCH'}: same kappa as the pandas-loaded run")
    # scikit-learn per pair, on a subsample, extrapolated to every dyad-year.
    rng = random.Random(1)
    sample = rng.sample(dyads, min(args.sklearn_pairs, len(dyads)))
    err, t0 = 0.0, time.perf_counter()
    values = []
    for y, i, j, a, b in sample:
        V = years[y][3]
        both = (V[i] > 0) & (V[j] > 0)
        values.append(cohen_kappa_score(V[i][both], V[j][both], weights="quadratic", labels=[1, 2, 3]))
    t_pairs = time.perf_counter() - t0
    for (y, i, j, a, b), k in zip(sample, values):
        v = ours[(y, a, b)][0]
        if not (math.isnan(k) or math.isnan(v)):
            err = max(err, abs(k - v))
    # Extrapolated: the per-pair loop over every dyad-year, plus the whole numpy pipeline's
    # time for loading and the per-year vote matrices the loop reads.
    t_sk = t_pairs / len(sample) * len(dyads) + t_np
    record("alignment", "UN votes: load + all-pairs yearly kappa_q", t_cli, crit.get(lib_id),
           lib_id if lib_id in crit else None,
           f"sklearn cohen_kappa_score per pair ({len(sample)} of {len(dyads)} dyad-years timed, extrapolated)",
           t_sk, t_sk, f"{'OK' if err <= 1e-9 else 'MISMATCH'}: max abs diff {err:.1e} on the sample")


def alignment_e2e(args):
    """The CLI's all-pairs yearly kappa (writing every row to a file) at 1 and 2 threads against
    `un_numpy` (pandas load + matrix products, in this process: no interpreter start or imports),
    alternating run by run, each run started after 0.3 s of quiet (`settle`); medians and
    ranges. `--bin-before` adds an older binary."""
    print(f"== alignment end to end, alternating ({load()})", flush=True)
    codes = Path(args.data) / "un_codes.csv"
    un_numpy(codes)  # imports pandas and warms the page cache, untimed
    base = ["align", "--un-votes", "--measure", "kappa-quadratic", "--window", "1y", "--format", "csv"]
    runners = {}
    for label, binary in [("CLI", args.bin), ("CLI before", args.bin_before)]:
        if binary:
            for t in (1, 2):
                runners[f"{label}, --threads {t}"] = [binary, "--threads", str(t), *base]
    times = {name: [] for name in [*runners, "un_numpy"]}
    cpu = {name: [] for name in times}

    def children_cpu():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.csv"
        for _ in range(args.runs):
            for name, cmd in runners.items():
                settle()
                with open(out, "wb") as f:
                    c, t = children_cpu(), time.perf_counter()
                    subprocess.run(cmd, stdout=f, check=True)
                    times[name].append(time.perf_counter() - t)
                    cpu[name].append(children_cpu() - c)
            settle()
            c, t = time.process_time(), time.perf_counter()
            un_numpy(codes)
            times["un_numpy"].append(time.perf_counter() - t)
            cpu["un_numpy"].append(time.process_time() - c)
    med_np = statistics.median(times["un_numpy"])
    print("| run | wall: median | range | / un_numpy (median of per-run ratios) | CPU (user + sys): median |")
    print("|---|---|---|---|---|")
    for name, ts in times.items():
        ratios = [t / n for t, n in zip(ts, times["un_numpy"])]
        print(f"| {name} | {statistics.median(ts):.3f} s | {min(ts):.3f}–{max(ts):.3f} s | "
              f"{statistics.median(ratios):.2f}× | {statistics.median(cpu[name]):.3f} s |")
    print(f"({args.runs} alternations, {load()}; un_numpy median {med_np:.3f} s)")


# ---------------------------------------------------------------- memory


def peak_rss(cmd):
    r = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
    kb = next(int(l.split(":")[1]) for l in r.stderr.splitlines() if "Maximum resident set size" in l)
    wall = next(l.split("):")[1].strip() for l in r.stderr.splitlines() if "Elapsed (wall clock)" in l)
    return kb / 1024, wall, r.stdout


def memory(args):
    print(f"== memory, 10,000 actors x 1,000,000 statements x 8 ({load()})", flush=True)
    target = Path(args.bin).resolve().parents[1]
    tools = sorted(glob.glob(str(target / "release" / "deps" / "compare-*")), key=os.path.getmtime)
    tools = [t for t in tools if os.access(t, os.X_OK) and not t.endswith(".d")]
    if tools:
        mib, wall, out = peak_rss([tools[-1], "memory"])
        print(out, end="")
        ROWS.append(("memory", "library: synth + Newman projection (bench `compare -- memory`)",
                     None, None, None, "peak RSS", None, None, f"{mib:.0f} MiB, wall {wall}"))
    folder = Path(args.data) / "proj_10000x1000000"
    if folder.exists():
        for label, cmd in [("CLI: read CSV folder + summary", ["summary", str(folder), "--top", "1"]),
                           ("CLI: read + project + write edge CSV", ["graph", str(folder), "--format", "csv", "-o", os.devnull])]:
            mib, wall, _ = peak_rss([args.bin, *cmd])
            ROWS.append(("memory", label, None, None, None, "peak RSS", None, None, f"{mib:.0f} MiB, wall {wall}"))
            print(f"  {label}: {mib:.0f} MiB, {wall}", flush=True)


# ---------------------------------------------------------------- main


def main():
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="/tmp/cosig-compare", help="folder written by `cargo bench --bench compare -- workloads`")
    p.add_argument("--bin", default=str(Path(target) / "release" / "cosignatory"), help="the release CLI")
    p.add_argument("--criterion", default=target, help="target folder holding criterion/ (default $CARGO_TARGET_DIR)")
    p.add_argument("--only", default="projection,pagerank,louvain,leiden,alignment,memory")
    p.add_argument("--runs", type=int, default=3, help="runs per timing (median)")
    p.add_argument("--sklearn-pairs", type=int, default=3000, help="dyad-years timed for the sklearn loop")
    p.add_argument("--quality-seeds", type=int, default=5, help="Leiden: seeds for the mean modularity")
    p.add_argument("--skip-slow", action="store_true")
    p.add_argument("--bin-before", help="alignment-e2e: an older CLI to time alongside")
    args = p.parse_args()
    if not Path(args.data).is_dir():
        sys.exit(f"{args.data} not found: run `cargo bench --bench compare -- workloads {args.data}` first")
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"{args.bin} not found: run `cargo build --release --features un-votes` (or pass --bin)")
    if "alignment" in args.only and "--un-votes" not in subprocess.run(
            [args.bin, "align", "--help"], capture_output=True, text=True).stdout:
        sys.exit(f"{args.bin} lacks the un-votes feature: `cargo build --release --features un-votes`")
    crit = criterion_medians(args.criterion)
    only = set(args.only.split(","))
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"{os.cpu_count()} CPUs ({cpu}); {len(crit)} criterion results in {args.criterion}; {load()}")
    graphs = {}
    if "projection" in only or "pagerank" in only:
        graphs = projection(args, crit)
    if "pagerank" in only:
        pagerank(args, crit, graphs)
    for which in ("louvain", "leiden"):
        if which in only:
            clustering(args, crit, which)
    if "alignment" in only:
        alignment(args, crit)
    if "alignment-e2e" in only:
        alignment_e2e(args)
        return
    if "memory" in only:
        memory(args)
    print(f"\n{load()}\n")
    print("| section | workload | ours (CLI) | ours (lib) | theirs | time | ratio lib | ratio e2e | check |")
    print("|---|---|---|---|---|---|---|---|---|")
    for section, workload, cli, lib, src, name, theirs, e2e, check in ROWS:
        print(f"| {section} | {workload} | {fmt(cli)} | {fmt(lib)}{' ¹' if src else ''} | {name} | {fmt(theirs)} | "
              f"{ratio(theirs, lib)} | {ratio(e2e if e2e is not None else theirs, cli)} | {check} |")
    print("\n¹ criterion median of the library call (bench ids: "
          + ", ".join(sorted({r[4] for r in ROWS if r[4]})) + ")")
    print(f"peak RSS of this script: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
