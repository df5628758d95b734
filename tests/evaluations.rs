//! Evaluations without a plan table: the twelve real excerpts and the written variants,
//! ingested by the CLI and read back from the Parquet dataset.

mod common;

use common::*;
use serde_json::{Map, Value};
use std::path::Path;

const REAL: &str = "tests/fixtures/evaluations/real";
const VARIANTS: &str = "tests/fixtures/evaluations/variants";

fn report<'a>(reports: &'a [Map<String, Value>], file: &str) -> &'a Map<String, Value> {
    reports
        .iter()
        .find(|r| s(&r["source_path"]).ends_with(file))
        .unwrap_or_else(|| panic!("no report {file}"))
}

/// (level, name, items, percent) of a report's categories, in order.
fn categories(out: &Path, file: &str) -> Vec<(String, String, Option<i64>, Option<f64>)> {
    let mut rows = rows_of(out, "categories", file);
    rows.sort_by_key(|r| r["category_no"].as_i64());
    rows.iter()
        .map(|r| {
            (
                s(&r["level"]).to_string(),
                s(&r["name"]).to_string(),
                r["n_items_stated"].as_i64(),
                f(&r["percent_stated"]),
            )
        })
        .collect()
}

/// Band counts of one category of a report: (band, count).
fn bands(out: &Path, file: &str, category_no: i64) -> Vec<(f64, i64)> {
    rows_of(out, "band_counts", file)
        .iter()
        .filter(|r| r["category_no"].as_i64() == Some(category_no))
        .map(|r| (f(&r["band"]).unwrap(), r["count"].as_i64().unwrap()))
        .collect()
}

/// Kinds of a report's findings, sorted: its errors and warnings, or its infos.
fn finding_kinds(out: &Path, file: &str, infos: bool) -> Vec<String> {
    let mut kinds: Vec<String> = rows_of(out, "findings", file)
        .iter()
        .filter(|r| (s(&r["severity"]) == "info") == infos)
        .map(|r| s(&r["kind"]).to_string())
        .collect();
    kinds.sort();
    kinds
}

fn flagged(out: &Path, file: &str) -> Vec<String> {
    finding_kinds(out, file, false)
}

fn info(out: &Path, file: &str) -> Vec<String> {
    finding_kinds(out, file, true)
}

#[test]
fn the_real_excerpts_are_read_for_what_they_hold() {
    let (_dir, out, _) = ingest(&[REAL]);
    let reports = rows(&out, "reports");
    let kinds: Vec<(&str, &str, &str, Option<i64>)> = (1..=12)
        .map(|i| {
            let r = report(&reports, &format!("{i:02}.txt"));
            (
                &s(&r["source_path"])[s(&r["source_path"]).len() - 6..],
                s(&r["report_kind"]),
                s(&r["status"]),
                r["year"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("01.txt", "plan_report", "partial", Some(2019)),
            ("02.txt", "prose_evaluation", "partial", Some(2019)),
            ("03.txt", "unknown", "partial", Some(2018)),
            ("04.txt", "unknown", "partial", Some(2023)),
            ("05.txt", "prose_evaluation", "partial", Some(2023)),
            ("06.txt", "prose_evaluation", "partial", Some(2015)),
            ("07.txt", "prose_evaluation", "partial", Some(2017)),
            ("08.txt", "plan_report", "partial", Some(2021)),
            ("09.txt", "unknown", "partial", Some(2017)),
            ("10.txt", "unknown", "partial", Some(2017)),
            ("11.txt", "unknown", "partial", Some(2016)),
            ("12.txt", "unknown", "partial", Some(2003)),
        ]
    );
    // An agency where a line names a body; none where only a title stands there.
    let agency = |file: &str| {
        report(&reports, file)["agency"]
            .as_str()
            .map(str::to_string)
    };
    assert_eq!(
        agency("01.txt").as_deref(),
        Some("Барилга, хот байгуулалтын яам")
    );
    assert_eq!(
        agency("03.txt").as_deref(),
        Some("Говьсүмбэр аймгийн засаг даргын тамгын газар")
    );
    for file in [
        "02.txt", "05.txt", "06.txt", "07.txt", "08.txt", "09.txt", "10.txt",
    ] {
        assert_eq!(agency(file), None, "{file}");
    }
    let overall = |file: &str| f(&report(&reports, file)["overall_score_stated"]);
    assert_eq!(overall("02.txt"), Some(89.2));
    assert_eq!(overall("05.txt"), Some(65.22));
    assert_eq!(overall("06.txt"), Some(81.5));
    assert_eq!(overall("07.txt"), Some(88.8));
    assert_eq!(overall("01.txt"), None);

    // 02: two areas and the total, with every count a reader takes from the text.
    assert_eq!(
        categories(&out, "02.txt"),
        vec![
            (
                "category".into(),
                "Бүтээн байгуулалтын хүрээний асуудал".into(),
                Some(44),
                Some(88.0)
            ),
            (
                "category".into(),
                "Иргэн төвтэй төрийн үйлчилгээний хүрээний асуудал".into(),
                Some(36),
                Some(90.5)
            ),
            ("total".into(), "Нийт".into(), Some(80), Some(89.2)),
        ]
    );
    assert_eq!(
        bands(&out, "02.txt", 0),
        vec![(100.0, 33), (70.0, 4), (30.0, 4), (0.0, 1)]
    );
    assert_eq!(
        bands(&out, "02.txt", 1),
        vec![(100.0, 26), (70.0, 9), (30.0, 1)]
    );
    assert_eq!(
        bands(&out, "02.txt", 2),
        vec![(100.0, 59), (70.0, 13), (30.0, 5), (0.0, 1)]
    );
    let total = &rows_of(&out, "categories", "02.txt")
        .into_iter()
        .find(|r| s(&r["level"]) == "total")
        .unwrap();
    assert_eq!(total["n_not_due"].as_i64(), Some(2));
    assert_eq!(s(&total["rounding"]), "rounded");

    // 07: five areas with their percents, and their total.
    let c = categories(&out, "07.txt");
    let percents: Vec<f64> = c.iter().filter_map(|x| x.3).collect();
    assert_eq!(percents, vec![89.0, 89.3, 86.7, 88.8, 89.6, 88.8]);
    assert_eq!(c[5].0, "total");

    // No excerpt is called wrong: the complete ones agree with themselves.
    for i in 1..=12 {
        assert!(flagged(&out, &format!("{i:02}.txt")).is_empty(), "{i:02}");
    }
    assert_eq!(info(&out, "02.txt"), vec!["total_formula"]);
    assert_eq!(info(&out, "07.txt"), vec!["total_formula"]);
}

#[test]
fn written_variants_give_their_planted_findings_and_the_clean_ones_none() {
    let (_dir, out, _) = ingest(&[VARIANTS]);
    let reports = rows(&out, "reports");
    let expected: [(&str, &str, &[&str]); 13] = [
        ("v01_summary_clean.md", "evaluation_summary", &[]),
        ("v02_summary_dropped_cells.txt", "evaluation_summary", &[]),
        ("v03_six_bands_subtotals.html", "evaluation_summary", &[]),
        (
            "v04_items_planted.md",
            "evaluation_summary",
            &[
                "category_count_mismatch",
                "category_count_mismatch",
                "category_count_mismatch",
            ],
        ),
        (
            "v05_row_percent_planted.md",
            "evaluation_summary",
            &["category_percent_mismatch"],
        ),
        (
            "v06_total_planted.md",
            "evaluation_summary",
            &["category_percent_mismatch", "overall_score_mismatch"],
        ),
        ("v07_prose_clean.txt", "prose_evaluation", &[]),
        (
            "v08_prose_planted.txt",
            "prose_evaluation",
            &["category_count_mismatch", "overall_score_mismatch"],
        ),
        ("v09_not_due_in_denominator.txt", "prose_evaluation", &[]),
        (
            "v10_band_total_planted.txt",
            "prose_evaluation",
            &[
                "bucket_count_mismatch",
                "bucket_count_mismatch",
                "category_percent_mismatch",
            ],
        ),
        (
            "v11_scale_word_planted.txt",
            "prose_evaluation",
            &["bucket_label_mismatch"],
        ),
        (
            "v12_subtotal_planted.html",
            "evaluation_summary",
            &["category_count_mismatch", "category_count_mismatch"],
        ),
        (
            "v13_share_planted.txt",
            "prose_evaluation",
            &["stated_share_mismatch"],
        ),
    ];
    for (file, kind, findings) in expected {
        let r = report(&reports, file);
        assert_eq!(s(&r["report_kind"]), kind, "{file}");
        assert_eq!(s(&r["status"]), "ok", "{file}");
        assert_eq!(r["year"].as_i64(), Some(2023), "{file}");
        assert_eq!(flagged(&out, file), findings, "{file}");
    }
    assert_eq!(
        info(&out, "v07_prose_clean.txt"),
        vec!["rounding_up", "total_formula"]
    );
    assert_eq!(
        info(&out, "v09_not_due_in_denominator.txt"),
        vec!["not_due_in_denominator"]
    );

    // Dropped cells placed by the row's own sums: 8 6 1 1 6 1 1 83,8 is items, done, in
    // progress, broken off, then bands 100, 70 and 0, then the percent.
    let row2 = rows_of(&out, "categories", "v02_summary_dropped_cells.txt")
        .into_iter()
        .find(|r| s(&r["code"]) == "2")
        .unwrap();
    assert_eq!(row2["n_broken"].as_i64(), Some(1));
    assert_eq!(row2["n_not_due"].as_i64(), None);
    assert_eq!(s(&row2["percent_raw"]), "83,8");
    assert_eq!(
        bands(&out, "v02_summary_dropped_cells.txt", 1),
        vec![(100.0, 6), (70.0, 1), (0.0, 1)]
    );
    // Six bands, subtotals and the total.
    let levels: Vec<String> = categories(&out, "v03_six_bands_subtotals.html")
        .into_iter()
        .map(|c| c.0)
        .collect();
    assert_eq!(
        levels,
        vec!["category", "category", "subtotal", "category", "category", "subtotal", "total"]
    );
    // Attendance, money, a resolution number, agenda items: none is a category or a score.
    let names: Vec<String> = categories(&out, "v07_prose_clean.txt")
        .into_iter()
        .map(|c| c.1)
        .collect();
    assert_eq!(
        names,
        vec![
            "Эдийн засгийн хүрээний асуудал",
            "Нийгмийн хүрээний асуудал",
            "Засаглалын хүрээний асуудал",
            "Нийт"
        ]
    );
    assert_eq!(
        f(&report(&reports, "v07_prose_clean.txt")["overall_score_stated"]),
        Some(88.1)
    );
}

#[test]
fn a_plan_report_fills_categories_from_its_summary_table() {
    let (_dir, out, _) = ingest(&["corpus/000_ef92a22f4dcf0ecd.txt"]);
    let r = &rows(&out, "reports")[0];
    assert_eq!(s(&r["report_kind"]), "plan_report");
    let c = categories(&out, "000_ef92a22f4dcf0ecd.txt");
    assert!(!c.is_empty());
    assert!(c.iter().all(|x| x.0 == "objective"));
}

#[test]
fn year_over_year_takes_an_evaluation_s_overall_beside_a_plan_report_s() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("corpus/tatvar_2021.txt"),
        dir.path().join("tatvar_2021.txt"),
    )
    .unwrap();
    // The same agency's next year, published as an evaluation summary only.
    let v01 = std::fs::read_to_string(repo().join(VARIANTS).join("v01_summary_clean.md")).unwrap();
    let evaluation = v01
        .replace(
            "**ДОРНОГОВЬ АЙМГИЙН ЗАСАГ ДАРГЫН ТАМГЫН ГАЗАР**",
            "**ТАТВАРЫН ЕРӨНХИЙ ГАЗАР**",
        )
        .replace(
            "Аймгийн Засаг даргын 2023 онд",
            "Татварын ерөнхий газрын 2022 онд",
        );
    std::fs::write(dir.path().join("tatvar_2022.md"), evaluation).unwrap();
    let (_d, out, _) = ingest(&[dir.path().to_str().unwrap()]);
    let (ok, stdout, stderr) = run(&["yoy", "--format", "json", out.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let agency = &v["agencies"][0];
    assert_eq!(s(&agency["agency"]), "Татварын ерөнхий газар");
    let years: Vec<(i64, &str, f64)> = agency["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                s(&y["report_kind"]),
                y["overall"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        years,
        vec![
            (2021, "plan_report", 85.6),
            (2022, "evaluation_summary", 93.3)
        ]
    );
    assert_eq!(agency["years"][1]["change"].as_f64(), Some(7.7));
    // An evaluation without a plan table drops no objective.
    for o in agency["objectives"].as_array().unwrap() {
        assert!(o["vanished"].as_array().unwrap().is_empty(), "{o}");
    }
}

#[test]
fn an_evaluation_summary_printed_to_pdf_reads_as_its_html() {
    let html = "tests/fixtures/evaluations/variants/v03_six_bands_subtotals.html";
    // Chromium's prints: every cell framed apart, and collapsed borders with band columns so
    // narrow that a heading stands 2.3 pt from the next across a rule.
    let boxed = "tests/fixtures/evaluations/pdf/v03_boxed.pdf";
    let collapsed = "tests/fixtures/evaluations/pdf/v03_collapsed.pdf";
    let (_dir, out, _) = ingest(&[html, boxed, collapsed]);
    let of = |file: &str| {
        let mut c = categories(&out, file);
        c.iter_mut().for_each(|x| x.1 = x.1.trim().to_string());
        c
    };
    let from_html = of("v03_six_bands_subtotals.html");
    assert_eq!(from_html.len(), 7);
    for pdf in ["v03_boxed.pdf", "v03_collapsed.pdf"] {
        assert_eq!(of(pdf), from_html, "{pdf}");
        for i in 0..7 {
            assert_eq!(
                bands(&out, pdf, i),
                bands(&out, "v03_six_bands_subtotals.html", i),
                "{pdf} row {i}"
            );
        }
        assert!(flagged(&out, pdf).is_empty(), "{pdf}");
    }
}

/// Its scan (the conformance scanner, 200 dpi): Tesseract loses most one-digit band cells of
/// the narrow columns and reads a rule as "1" ("192.0"); the header stays and no misreading is
/// called a disagreement.
#[test]
fn a_scanned_evaluation_summary_keeps_its_header_and_doubts_its_misread_rows() {
    let scan = "tests/fixtures/evaluations/scan/v03_collapsed_scan.pdf";
    let (_dir, out, _) = ingest(&[scan]);
    let r = &rows(&out, "reports")[0];
    assert_eq!(s(&r["report_kind"]), "evaluation_summary");
    assert_eq!(
        s(&r["agency"]),
        "Сүхбаатар аймгийн засаг даргын тамгын газар"
    );
    assert_eq!(r["year"].as_i64(), Some(2023));
    assert!(flagged(&out, "v03_collapsed_scan.pdf").is_empty());
}
