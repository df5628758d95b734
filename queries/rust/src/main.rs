//! The analysts' three questions against a biyelelt dataset, in Rust polars (the same as
//! queries/questions.py and queries/questions.sql):
//!
//!     cargo run --manifest-path queries/rust/Cargo.toml -- out/demo [--check]

use polars::prelude::*;

fn scan(ds: &str, table: &str) -> PolarsResult<LazyFrame> {
    let args = ScanArgsParquet {
        hive_options: HiveOptions::new_enabled(),
        ..Default::default()
    };
    LazyFrame::scan_parquet(PlRefPath::new(format!("{ds}/{table}/**/*.parquet")), args)
}

fn main() -> PolarsResult<()> {
    let args: Vec<String> = std::env::args().collect();
    let ds = args.get(1).map(String::as_str).unwrap_or("out/demo");
    let check = args.iter().any(|a| a == "--check");
    let agency = scan(ds, "reports")?.select([col("doc_id"), col("agency")]);
    let by_doc = || JoinArgs::new(JoinType::Inner);

    // 1. Scores of one measure series by year: the series of the sample's measure 5.1.
    let with_agency =
        scan(ds, "measures")?.join(agency.clone(), [col("doc_id")], [col("doc_id")], by_doc());
    let series_id = with_agency
        .clone()
        .filter(
            col("agency")
                .eq(lit("Нийгмийн даатгалын ерөнхий газар"))
                .and(col("year").eq(lit(2019)))
                .and(col("code").eq(lit("5.1"))),
        )
        .select([col("series_id")])
        .collect()?;
    let series_id = series_id
        .column("series_id")?
        .str()?
        .get(0)
        .expect("the sample's 5.1 is in the dataset")
        .to_string();
    let series = with_agency
        .filter(col("series_id").eq(lit(series_id.as_str())))
        .select([
            col("agency"),
            col("year"),
            col("code"),
            col("score"),
            col("series_similarity"),
        ])
        .sort(["year"], Default::default())
        .collect()?;
    println!("1. series {series_id}:\n{series}");

    // 2. Agencies whose overall score fell from one report year to the next.
    let overall = coalesce(&[col("overall_score_stated"), col("overall_score_computed")]);
    let fell = scan(ds, "reports")?
        .filter(col("status").neq(lit("failed")))
        .select([col("agency"), col("year"), overall.alias("overall")])
        .sort(["agency", "year"], Default::default())
        .with_columns([
            col("year")
                .shift(lit(1))
                .over([col("agency")])?
                .alias("year_before"),
            col("overall")
                .shift(lit(1))
                .over([col("agency")])?
                .alias("overall_before"),
        ])
        .with_column((col("overall") - col("overall_before")).alias("change"))
        .filter(col("change").lt(lit(0.0)))
        .select([
            col("agency"),
            col("year_before"),
            col("year"),
            col("overall_before"),
            col("overall"),
            col("change"),
        ])
        .collect()?;
    println!("2. overall score fell:\n{fell}");

    // 3. Every error finding with its evidence (a list of {what, raw, line, page}).
    let errors = scan(ds, "findings")?
        .filter(col("severity").eq(lit("error")))
        .join(agency, [col("doc_id")], [col("doc_id")], by_doc())
        .select([
            col("agency"),
            col("year"),
            col("kind"),
            col("code"),
            col("message"),
            col("evidence"),
        ])
        .sort(["year", "agency", "kind"], Default::default())
        .collect()?;
    println!("3. error findings:\n{errors}");

    if check {
        let (years, scores) = (
            series.column("year")?.i32()?,
            series.column("score")?.f64()?,
        );
        let years: Vec<Option<i32>> = (0..years.len()).map(|i| years.get(i)).collect();
        let scores: Vec<Option<f64>> = (0..scores.len()).map(|i| scores.get(i)).collect();
        assert_eq!(years, vec![Some(2019), Some(2020), Some(2021)], "{series}");
        assert_eq!(
            scores,
            vec![Some(93.9), Some(100.0), Some(100.0)],
            "{series}"
        );
        let fell_years = fell.column("year")?.i32()?;
        let fell_years: Vec<Option<i32>> =
            (0..fell_years.len()).map(|i| fell_years.get(i)).collect();
        assert_eq!(fell_years, vec![Some(2020), Some(2021)], "{fell}");
        assert_eq!(
            errors.column("kind")?.str()?.get(0),
            Some("measure_count_mismatch"),
            "{errors}"
        );
        let evidence = errors
            .column("evidence")?
            .list()?
            .get_as_series(0)
            .expect("evidence");
        let raw = evidence.struct_()?.field_by_name("raw")?;
        let raw = raw.str()?.get(0).unwrap_or_default().to_string();
        assert!(raw.ends_with("13 арга хэмжээ байна. Үүнээс:"), "{raw}");
        println!("rust polars: answers as expected");
    }
    Ok(())
}
