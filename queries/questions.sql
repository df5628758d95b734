-- Three analyst questions against a biyelelt dataset, in DuckDB SQL.
-- `ds` is the dataset folder: queries/duckdb_questions.py substitutes it, or in the duckdb
-- shell replace {ds} by the folder (e.g. out/demo).

-- 1. Scores of one measure series by year: the series of the sample's measure 5.1.
WITH m AS (SELECT * FROM read_parquet('{ds}/measures/**/*.parquet', hive_partitioning = true)),
     r AS (SELECT * FROM read_parquet('{ds}/reports/**/*.parquet', hive_partitioning = true))
SELECT r.agency, m.year, m.code, m.score, m.series_similarity, left(m.text, 60) AS text
FROM m JOIN r USING (doc_id)
WHERE m.series_id = (SELECT m.series_id FROM m JOIN r USING (doc_id)
                     WHERE r.agency = 'Нийгмийн даатгалын ерөнхий газар' AND m.year = 2019 AND m.code = '5.1')
ORDER BY m.year;

-- 2. Agencies whose overall score fell from one report year to the next.
SELECT * FROM (
    SELECT agency,
           lag(year) OVER w AS year_before, year,
           lag(overall) OVER w AS overall_before, overall,
           round(overall - lag(overall) OVER w, 2) AS change
    FROM (SELECT agency, year, coalesce(overall_score_stated, overall_score_computed) AS overall
          FROM read_parquet('{ds}/reports/**/*.parquet', hive_partitioning = true)
          WHERE status <> 'failed')
    WINDOW w AS (PARTITION BY agency ORDER BY year)
) WHERE change < 0
ORDER BY agency, year;

-- 3. Every error finding with its evidence (what was stated, where).
SELECT r.agency, f.year, f.kind, f.code, f.message, e.what, e.raw, e.line, e.page
FROM read_parquet('{ds}/findings/**/*.parquet', hive_partitioning = true) f
JOIN read_parquet('{ds}/reports/**/*.parquet', hive_partitioning = true) r USING (doc_id),
     unnest(f.evidence) AS t(e)
WHERE f.severity = 'error'
ORDER BY f.year, r.agency, f.kind;
