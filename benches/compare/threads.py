#!/usr/bin/env python3
"""Issue 19 item 2: speed-up of the CLI's threaded commands at 1 and 2 threads, and what the
work split says for 8.

Run by hand on a quiet machine (CI does not run this):

    cargo build --release
    cargo bench --bench compare -- workloads /tmp/cosig-compare --large
    python3 benches/compare/threads.py --bin target/release/cosignatory --data /tmp/cosig-compare

Each command runs at `--threads 1` and `--threads 2`, alternating, `--runs` times; the table has
the median wall times and the speed-up. The work split comes from the two medians: with a serial
part S and a parallel part P, T1 = S + P and T2 = S + P/2, so P = 2 (T1 - T2) and S = T1 - P;
the 8-thread time is then S + P/8 (Amdahl's law with the split
measured here; it assumes the parallel part has at least 8 independent items, which the "items"
column says). Outputs at 1 and 2 threads are compared byte for byte as well.
"""
import argparse
import os
import statistics
import subprocess
import time


def commands(data):
    big = os.path.join(data, "proj_1000x100000")
    large = os.path.join(data, "proj_10000x1000000")
    return [
        ("cluster best of 24 runs (1,000 actors x 100,000 statements)", "24 runs",
         ["cluster", big, "--runs", "24", "--seed", "1", "--format", "csv"]),
        ("cluster consensus, 50 runs per round (1,000 x 100,000)", "50 runs per round",
         ["cluster", big, "--consensus", "--runs", "50", "--seed", "1", "--format", "csv"]),
        ("align all pairs, yearly (UN votes, 1.48M rows)", "75 windows",
         ["align", "--un-votes", "--window", "1y", "--format", "csv"]),
        ("align USA with every partner, 5y windows, 2,000 bootstrap replicates (UN)", "15 windows x 196 pairs",
         ["align", "--un-votes", "--actor", "USA", "--window", "5y", "--ci", "0.95", "--bootstrap", "2000",
          "--seed", "1", "--format", "csv"]),
        ("timeline, yearly windows (UN votes, same-vote graph)", "75 windows",
         ["timeline", "--un-votes", "--votes", "--window", "1y", "--format", "json"]),
        ("graph, FDSM backbone, 1,000 samples (UN votes 2010-2019)", "1,000 samples",
         ["graph", "--un-votes", "--from", "2010-01-01", "--to", "2019-12-31", "--backbone", "fdsm",
          "--samples", "1000", "--format", "csv"]),
        ("cluster significance, 100 null datasets (bundled statements)", "100 samples",
         ["cluster", "--significance", "100", "--seed", "1", "--format", "json"]),
        ("ideal points, binary per year, 50 bootstrap replicates (UN 2000-2019)", "50 replicates",
         ["ideal", "--un-votes", "--from", "2000-01-01", "--to", "2019-12-31", "--model", "binary",
          "--window", "1y", "--bootstrap", "50", "--seed", "1", "--format", "csv"]),
        ("cluster, projection of 10,000 actors x 1,000,000 statements", "10,000 rows",
         ["cluster", large, "--format", "csv"]),
    ]


def run(binary, threads, args, out):
    t = time.perf_counter()
    subprocess.run([binary, "--threads", str(threads), *args, "-o", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", default="target/release/cosignatory")
    p.add_argument("--data", default="/tmp/cosig-compare")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--only", default="", help="comma-separated substrings of the command labels")
    args = p.parse_args()
    print(f"load {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores", flush=True)
    print("| command | parallel items | 1 thread | 2 threads | speed-up | serial part | 8 threads (work split) |")
    print("|---|---|---|---|---|---|---|")
    for label, items, cmd in commands(args.data):
        if args.only and not any(s in label for s in args.only.split(",")):
            continue
        if any(os.path.sep in c and not os.path.exists(c) for c in cmd):
            print(f"| {label} | skipped: data not found |")
            continue
        times = {1: [], 2: []}
        for r in range(args.runs):
            for threads in ((1, 2) if r % 2 == 0 else (2, 1)):
                times[threads].append(run(args.bin, threads, cmd, f"/tmp/threads-{threads}.out"))
        same = open("/tmp/threads-1.out", "rb").read() == open("/tmp/threads-2.out", "rb").read()
        t1, t2 = statistics.median(times[1]), statistics.median(times[2])
        par = max(0.0, min(t1, 2 * (t1 - t2)))
        serial = t1 - par
        t8 = serial + par / 8
        print(f"| {label} | {items} | {t1:.2f} s | {t2:.2f} s | {t1 / t2:.2f}x | {serial / t1:.0%} "
              f"| {t8:.2f} s ({t1 / t8:.1f}x){'' if same else ' OUTPUT DIFFERS'} |", flush=True)
    print(f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
