#!/usr/bin/env python3
"""Benchmark (not a test): ingest archives of growing size and print what each cost.

    python3 scripts/bench/scale.py --bin target/release/biyelelt [--sizes 1000,5000,10000,20000]

Generates one seeded archive (scripts/bench/make_archive.py) of the largest size; each size K
ingests the first K reports of it (hard links in a folder of their own) into a new dataset,
then ingests it again unchanged. Per size: wall time and time per report, peak RSS of the
ingest (wait4's ru_maxrss), files and bytes of the dataset, the re-ingest's wall time, the wall
time of an ingest after one report changed (a copy of its file with a line added: parsed,
replaced, series relinked from the join's kept state), and the analysts' query (mean measure
score by year) in polars and in DuckDB; with --link-bin (examples/bench_link), the time of
linking the dataset's measures alone. The links are made two seconds before the first ingest:
an archive's files are older than that, so their stamps are recorded and the re-ingest does
not read them.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time


def run(cmd):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed: {err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def dataset_size(d):
    files, size = 0, 0
    for root, _, names in os.walk(d):
        for n in names:
            if n.endswith(".parquet"):
                files += 1
                size += os.path.getsize(os.path.join(root, n))
    return files, size


def query_polars(d):
    import polars as pl
    t = time.perf_counter()
    pl.scan_parquet(f"{d}/measures/**/*.parquet", hive_partitioning=True).group_by("year").agg(
        pl.col("score").mean()).collect()
    return time.perf_counter() - t


def query_duckdb(d):
    import duckdb
    t = time.perf_counter()
    duckdb.sql(f"SELECT year, avg(score) FROM read_parquet('{d}/measures/**/*.parquet', "
               "hive_partitioning = true) GROUP BY year").fetchall()
    return time.perf_counter() - t


def link_time(link_bin, dataset):
    here = os.path.dirname(os.path.abspath(__file__))
    tsv = dataset.rstrip("/") + ".members.tsv"
    subprocess.run([sys.executable, os.path.join(here, "members_tsv.py"), dataset, tsv], check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run([link_bin, tsv], check=True, capture_output=True, text=True).stdout
    os.remove(tsv)
    # "N members, M linked, X s, digest D"
    return float(out.split(",")[2].split()[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--sizes", default="1000,5000,10000,20000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default="target/bench-scale")
    ap.add_argument("--link-bin", help="examples/bench_link binary: also time linking alone")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    here = os.path.dirname(os.path.abspath(__file__))
    src = os.path.join(a.work, f"archive-{a.seed}-{max(sizes)}")
    if not os.path.exists(os.path.join(src, "order.lst")):
        subprocess.run([sys.executable, os.path.join(here, "make_archive.py"), "--seed", str(a.seed),
                        "--n", str(max(sizes)), "--out", src], check=True)
    order = open(os.path.join(src, "order.lst")).read().split()
    print(f"| reports | ingest wall | per report | peak RSS | re-ingest | one changed | files | dataset | polars query | DuckDB query | linking measures |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    measured = []
    for k in sizes:
        arch = os.path.join(a.work, f"in-{k}")
        out = os.path.join(a.work, f"ds-{k}")
        shutil.rmtree(arch, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(arch)
        for name in order[:k]:
            os.link(os.path.join(src, name), os.path.join(arch, name))
        time.sleep(2.1)
        wall, rss = run([a.bin, "ingest", arch, "--out", out])
        again, _ = run([a.bin, "ingest", arch, "--out", out])
        # The middle report changed: its own copy (the others stay hard links to the source).
        changed = os.path.join(arch, order[k // 2])
        text = open(changed, encoding="utf-8").read()
        os.remove(changed)
        with open(changed, "w", encoding="utf-8") as f:
            f.write(text + "\n<p>Нэмэлт мөр.</p>\n")
        one, _ = run([a.bin, "ingest", arch, "--out", out])
        files, size = dataset_size(out)
        qp, qd = query_polars(out), query_duckdb(out)
        link = f"{link_time(a.link_bin, out):.2f} s" if a.link_bin else "-"
        print(f"| {k:,} | {wall:.1f} s | {wall / k * 1000:.2f} ms | {rss:.0f} MiB | {again:.2f} s | {one:.2f} s | "
              f"{files:,} | {size / 1e6:.0f} MB | {qp:.2f} s | {qd:.2f} s | {link} |", flush=True)
        measured.append((k, wall, rss, again, one, max(qp, qd)))
    summarize(measured)


def summarize(measured):
    """The issue's goals as ratios: flat means a ratio near 1 from the smallest size to the largest."""
    if len(measured) < 2:
        return
    (k0, w0, r0, *_), (k1, w1, r1, _, one1, _) = measured[0], measured[-1]
    print()
    print(f"time per report, {k1:,} against {k0:,}: {(w1 / k1) / (w0 / k0):.2f} (flat: 1)")
    print(f"peak RSS, {k1:,} against {k0:,}: {r1 / r0:.2f} (flat: 1); "
          f"{(r1 - r0) / ((k1 - k0) / 1000):.1f} MiB more per 1,000 reports")
    print(f"one changed report at {k1:,}: {one1 / (w1 / k1):.0f} times one report's share of the ingest")
    for k, wall, rss, again, _, query in measured:
        if k == 10000:
            print(f"at 10,000: ingest {wall:.1f} s (goal < 60), peak {rss:.0f} MiB (< 300), "
                  f"re-ingest {again:.2f} s (< 2), query {query:.2f} s (< 0.2)")


if __name__ == "__main__":
    main()
