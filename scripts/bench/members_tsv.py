#!/usr/bin/env python3
"""The measures of a dataset as series linking sees them, one TSV line each (doc_id, agency,
year, code, objective number, text, programme activity text), for `examples/bench_link.rs`.

    python3 scripts/bench/members_tsv.py DATASET OUT.tsv
"""
import sys

import polars as pl


def main():
    d, out = sys.argv[1], sys.argv[2]
    scan = lambda t: pl.scan_parquet(f"{d}/{t}/**/*.parquet", hive_partitioning=True)  # noqa: E731
    measures = scan("measures").select("doc_id", "year", "objective_no", "code", "text")
    objectives = scan("objectives").select("doc_id", "objective_no", pl.col("text").alias("context"))
    reports = scan("reports").select("doc_id", "agency")
    df = (measures.join(objectives, on=["doc_id", "objective_no"], how="left")
          .join(reports, on="doc_id", how="left").collect())
    df = df.with_columns([pl.col(c).cast(pl.Utf8).fill_null("").str.replace_all("[\t\n]", " ")
                          for c in df.columns])
    df.select("doc_id", "agency", "year", "code", "objective_no", "text", "context").write_csv(
        out, separator="\t", include_header=False, quote_style="never")
    print(f"{df.height} measures -> {out}")


if __name__ == "__main__":
    main()
