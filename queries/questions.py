"""Three analyst questions against a biyelelt dataset, in Python polars.

    python3 queries/questions.py out/demo           # print the answers
    python3 queries/questions.py out/demo --check   # and assert them on the corpus (make test)

The same questions in DuckDB: queries/questions.sql (run by queries/duckdb_questions.py);
in Rust polars: queries/rust (cargo run --manifest-path queries/rust/Cargo.toml -- out/demo).
"""
import sys

import polars as pl

ds = sys.argv[1] if len(sys.argv) > 1 else "out/demo"
check = "--check" in sys.argv
pl.Config.set_tbl_rows(40)
pl.Config.set_fmt_str_lengths(60)


def scan(table):
    return pl.scan_parquet(f"{ds}/{table}/**/*.parquet", hive_partitioning=True)


agency = scan("reports").select("doc_id", "agency")

# 1. Scores of one measure series by year: the series of the sample's measure 5.1
#    (Нийгмийн даатгалын ерөнхий газар, 2019).
series_id = (
    scan("measures").join(agency, on="doc_id")
    .filter((pl.col("agency") == "Нийгмийн даатгалын ерөнхий газар") & (pl.col("year") == 2019)
            & (pl.col("code") == "5.1"))
    .select("series_id").collect().item()
)
series = (
    scan("measures").join(agency, on="doc_id")
    .filter(pl.col("series_id") == series_id)
    .select("agency", "year", "code", "score", "series_similarity", pl.col("text").str.slice(0, 60))
    .sort("year").collect()
)
print(f"1. series {series_id}:\n{series}")

# 2. Agencies whose overall score fell from one report year to the next.
fell = (
    scan("reports").filter(pl.col("status") != "failed")
    .select("agency", "year", pl.coalesce("overall_score_stated", "overall_score_computed").alias("overall"))
    .sort("agency", "year")
    .with_columns(pl.col("year").shift(1).over("agency").alias("year_before"),
                  pl.col("overall").shift(1).over("agency").alias("overall_before"))
    .with_columns((pl.col("overall") - pl.col("overall_before")).round(2).alias("change"))
    .filter(pl.col("change") < 0)
    .select("agency", "year_before", "year", "overall_before", "overall", "change")
    .collect()
)
print(f"2. overall score fell:\n{fell}")

# 3. Every error finding with its evidence (what was stated, where).
errors = (
    scan("findings").filter(pl.col("severity") == "error").join(agency, on="doc_id")
    .explode("evidence").unnest("evidence")
    .select("agency", "year", "kind", "code", "message", "what", "raw", "line", "page")
    .sort("year", "agency", "kind").collect()
)
print(f"3. error findings:\n{errors}")

if check:
    assert series["year"].to_list() == [2019, 2020, 2021], series
    assert series["score"].to_list() == [93.9, 100.0, 100.0], series
    assert fell.select("year", "overall").rows() == [(2020, 91.9), (2021, 90.4)], fell
    assert errors.height >= 1 and errors["kind"].to_list()[0] == "measure_count_mismatch", errors
    assert errors["raw"][0].endswith("13 арга хэмжээ байна. Үүнээс:"), errors
    print("polars: answers as expected")
