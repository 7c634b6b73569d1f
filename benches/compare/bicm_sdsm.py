"""SDSM with the `bicm` package on every yearly window of the UN roll calls (yes-only
incidence), for BENCHMARKS.md's side-by-side figure.

Tools: Python 3.11.7, bicm 3.4.0, numpy 2.4.6.
Run from the repository root (the raw files are the ones the crate bundles):
    python3 benches/compare/bicm_sdsm.py /work/shared/data/unvotes

Per year: the biadjacency of countries × roll calls with at least one yes; rows or columns
that are full (p = 1) are left to bicm. Times `BipartiteGraph(biadjacency=M).solve_tool()` and
`get_rows_projection(alpha=0.05, method=...)` (all pairs' p-values).
"""
import csv
import gzip
import sys
import time
from collections import defaultdict

import numpy as np
from bicm import BipartiteGraph

folder = sys.argv[1]
method = sys.argv[2] if len(sys.argv) > 2 else "poibin"
year_of = {}
with gzip.open(f"{folder}/roll_calls.csv.gz", "rt") as f:
    for row in csv.DictReader(f):
        year_of[row["rcid"]] = int(row["date"][:4])
yes = defaultdict(lambda: defaultdict(set))
with gzip.open(f"{folder}/unvotes.csv.gz", "rt") as f:
    for row in csv.DictReader(f):
        if row["vote"] == "yes" and row["rcid"] in year_of:
            yes[year_of[row["rcid"]]][row["rcid"]].add(row["country_code"])

total, failed = 0.0, []
for year in sorted(yes):
    calls = sorted(yes[year])
    countries = sorted({c for r in calls for c in yes[year][r]})
    index = {c: i for i, c in enumerate(countries)}
    m = np.zeros((len(countries), len(calls)), dtype=int)
    for k, r in enumerate(calls):
        for c in yes[year][r]:
            m[index[c], k] = 1
    start = time.perf_counter()
    try:
        g = BipartiteGraph(biadjacency=m)
        g.solve_tool(print_error=False)
        g.get_rows_projection(alpha=0.05, method=method, progress_bar=False)
    except Exception as e:  # degenerate years (a full row or column) may fail
        failed.append((year, repr(e)[:80]))
    total += time.perf_counter() - start
print(f"bicm {method}: {len(yes)} yearly windows in {total:.2f} s; failed: {failed}")
