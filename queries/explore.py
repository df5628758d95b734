"""Read a biyelelt dataset back with Python polars and DuckDB (the README's examples).

    python3 queries/explore.py out/demo           # print
    python3 queries/explore.py out/demo --check   # and assert the sample figures (make test)
"""
import sys

import duckdb
import polars as pl

ds = sys.argv[1] if len(sys.argv) > 1 else "out/demo"
check = "--check" in sys.argv
pl.Config.set_tbl_rows(40)
pl.Config.set_fmt_str_lengths(60)


def scan(table):
    return pl.scan_parquet(f"{ds}/{table}/**/*.parquet", hive_partitioning=True)


# Every report: who, which year, stated vs computed overall score, status.
reports = (
    scan("reports")
    .select("agency", "year", "letter_no", "n_measures", "overall_score_stated",
            pl.col("overall_score_computed").round(2), "status", "source_path")
    .sort("year", "agency")
    .collect()
)
print(reports)

# Each measure's own score and where it came from, with its table and narrative figures.
measures = (
    scan("measures")
    .join(scan("reports").select("doc_id", "agency"), on="doc_id")
    .filter(pl.col("agency") == "Нийгмийн даатгалын ерөнхий газар")
    .select("year", "code", "score", "score_source", "score_table", "score_narrative",
            pl.col("text").str.slice(0, 50))
    .sort("year", "code")
    .collect()
)
print(measures)

# The same dataset in DuckDB: objectives whose stated percent differs from their measures' mean.
con = duckdb.connect()
gaps = con.sql(f"""
    SELECT r.agency, o.year, o.objective_no, o.score_stated, round(o.score_computed, 2) AS mean
    FROM read_parquet('{ds}/objectives/**/*.parquet', hive_partitioning = true) o
    JOIN read_parquet('{ds}/reports/**/*.parquet', hive_partitioning = true) r USING (doc_id)
    WHERE abs(o.score_stated - o.score_computed) > 0.01
    ORDER BY o.year, r.agency, o.objective_no
""")
print(gaps)

# Every error or warning finding, with its evidence.
findings = (
    scan("findings")
    .filter(pl.col("severity") != "info")
    .join(scan("reports").select("doc_id", "agency"), on="doc_id")
    .select("agency", "year", "kind", "severity", "code", "message", "evidence")
    .collect()
)
print(findings)

if check:
    assert findings.filter(pl.col("kind") == "measure_score_conflict").height >= 1
    ev = findings.filter(pl.col("code") == "5.1").row(0, named=True)["evidence"]
    assert [e["line"] for e in ev] == [43, 127], ev
    m51 = measures.filter(pl.col("code") == "5.1").row(0, named=True)
    assert (m51["score"], m51["score_table"], m51["score_narrative"]) == (93.9, 97.9, 93.9), m51
    assert measures.filter(pl.col("year") == 2019).height == 12, measures
    sample = reports.filter(pl.col("agency") == "Нийгмийн даатгалын ерөнхий газар").row(0, named=True)
    assert sample["year"] == 2019 and sample["overall_score_stated"] == 98.2, sample
    assert [g for g in gaps.fetchall() if g[1] == 2019][0][2:] == (5, 97.9, 97.97)
    print("query examples: figures as expected")
