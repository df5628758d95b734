//! Scanned reports (scripts/make_scans.py): OCR with Tesseract's Mongolian model, tables rebuilt
//! by the same layout engine as born-digital PDFs.

mod common;

use common::*;
use serde_json::Value;

const SCAN: &str = "tests/fixtures/scan/tatvar_scan.pdf";
const BORN_DIGITAL: &str = "tests/fixtures/pdf/tatvar_landscape.pdf";
const PAIRS: &[(&str, &str)] = &[
    (SCAN, BORN_DIGITAL),
    (
        "tests/fixtures/scan/sample_scan.pdf",
        "tests/fixtures/pdf/sample_landscape.pdf",
    ),
    (
        "tests/fixtures/scan/gaali_scan.pdf",
        "tests/fixtures/pdf/gaali_portrait.pdf",
    ),
];

/// A plan table without ruling lines: rebuilt from column alignment, its number cells read
/// again. The evaluation's summary table (also without rules, under a two-level header) is not
/// rebuilt yet in the scan: the objectives' stated percents are missing there, and the first
/// band heading after it is taken into it (so the 100-band items have no narrative score).
#[test]
fn scan_of_a_table_without_rules_gives_its_plan_table() {
    let (scan, born_digital) = (
        "tests/fixtures/scan/tatvar_noborders_scan.pdf",
        "tests/fixtures/pdf/tatvar_noborders.pdf",
    );
    let (_dir, out, stdout) = ingest(&[scan, born_digital]);
    let r = rows_of(&out, "reports", scan).remove(0);
    let d = rows_of(&out, "reports", born_digital).remove(0);
    assert_eq!(s(&r["status"]), "ok", "{stdout}");
    for c in ["agency", "year", "letter_no", "n_objectives", "n_measures"] {
        assert_eq!(r[c], d[c], "reports.{c}");
    }
    let objective_cols = ["objective_no", "n_measures", "score_computed"];
    assert_eq!(
        project(rows_of(&out, "objectives", scan), &objective_cols),
        project(rows_of(&out, "objectives", born_digital), &objective_cols),
    );
    let measure_cols = ["code", "score", "not_due"];
    assert_eq!(
        project(rows_of(&out, "measures", scan), &measure_cols),
        project(rows_of(&out, "measures", born_digital), &measure_cols),
    );
}

#[test]
fn scans_give_the_figures_of_their_born_digital_pdfs() {
    let inputs: Vec<&str> = PAIRS.iter().flat_map(|(a, b)| [*a, *b]).collect();
    let (_dir, out, stdout) = ingest(&inputs);
    for (scan, born_digital) in PAIRS {
        let r = rows_of(&out, "reports", scan).remove(0);
        assert_eq!(s(&r["source_format"]), "scan", "{stdout}");
        assert_eq!(s(&r["status"]), "ok");
        let conf = f(&r["ocr_confidence"]).unwrap();
        assert!((50.0..=100.0).contains(&conf), "ocr_confidence {conf}");
        let low = f(&r["ocr_low_confidence_share"]).unwrap();
        assert!((0.0..=1.0).contains(&low));
        let d = rows_of(&out, "reports", born_digital).remove(0);
        for c in [
            "agency",
            "year",
            "letter_no",
            "report_date",
            "addressee",
            "n_objectives",
            "n_measures",
        ] {
            assert_eq!(r[c], d[c], "{scan}: reports.{c}");
        }

        let objective_cols = [
            "objective_no",
            "n_measures",
            "score_stated",
            "score_computed",
        ];
        assert_eq!(
            project(rows_of(&out, "objectives", scan), &objective_cols),
            project(rows_of(&out, "objectives", born_digital), &objective_cols),
            "{scan}: objectives"
        );
        let measure_cols = [
            "code",
            "score",
            "score_source",
            "score_narrative",
            "not_due",
        ];
        assert_eq!(
            project(rows_of(&out, "measures", scan), &measure_cols),
            project(rows_of(&out, "measures", born_digital), &measure_cols),
            "{scan}: measures"
        );
        // The same findings, plus the OCR doubts, which are flagged, not guessed.
        let finding_cols = ["kind", "objective_no", "code"];
        let scan_findings: Vec<Vec<Value>> =
            project(rows_of(&out, "findings", scan), &finding_cols)
                .into_iter()
                .filter(|f| f[0] != "ocr_doubtful")
                .collect();
        assert_eq!(
            scan_findings,
            project(rows_of(&out, "findings", born_digital), &finding_cols),
            "{scan}: findings"
        );
        // Metrics: at least 95% equal by value.
        let values = |p: &str| -> Vec<(String, i64)> {
            let mut v: Vec<(String, i64)> = rows_of(&out, "metrics", p)
                .iter()
                .map(|m| {
                    (
                        s(&m["code"]).to_string(),
                        (f(&m["value"]).unwrap() * 1000.0).round() as i64,
                    )
                })
                .collect();
            v.sort();
            v
        };
        let (a, b) = (values(scan), values(born_digital));
        let common = b.iter().filter(|x| a.contains(x)).count();
        assert!(
            common as f64 >= 0.95 * b.len() as f64,
            "{scan}: metrics equal by value: {common} of {}",
            b.len()
        );
    }
}

#[test]
fn the_not_due_cell_misread_by_ocr_is_flagged() {
    // In this fixture Tesseract reads measure 2.2's "/-/" score cell as a number.
    let (ok, stdout, _) = run(&["show", "--json", SCAN]);
    assert!(ok);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let m22 = report["objectives"][1]["measures"][1].clone();
    assert_eq!(s(&m22["code"]), "2.2");
    assert_eq!(m22["not_due"], true);
    assert!(
        m22["score"].is_null(),
        "a not-due measure has no score: {m22}"
    );
    let doubtful: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| s(&f["kind"]) == "ocr_doubtful" && !f["code"].is_null())
        .collect();
    if m22["score_table"].is_null() {
        assert!(doubtful.is_empty());
    } else {
        assert_eq!(doubtful.len(), 1, "{doubtful:#?}");
        assert_eq!(s(&doubtful[0]["code"]), "2.2");
        assert!(doubtful[0]["evidence"][0]["source"]["page"]
            .as_i64()
            .is_some());
    }
}

/// The OCR counts the pages it is given and those it has done, for the progress bar.
#[test]
fn ocr_counts_its_pages_for_the_progress_bar() {
    let (done, total) = biyelelt::read::ocr::pages_progress();
    let r = biyelelt::pipeline::process_file(std::path::Path::new(SCAN), &Default::default());
    assert_eq!(s(&serde_json::to_value(r.status).unwrap()), "ok");
    let (done2, total2) = biyelelt::read::ocr::pages_progress();
    let pages = u64::from(r.n_pages.unwrap_or(0));
    assert!(pages > 0);
    // Other tests of this binary may OCR at the same time: at least this scan's pages.
    assert!(
        total2 - total >= pages,
        "{total} -> {total2}, {pages} pages"
    );
    assert!(done2 - done >= pages, "{done} -> {done2}");
}

/// The corpus scan (report r022 of the conformance generator's seed 7, printed by Chromium and
/// scanned: skew, blur, noise, JPEG) gives the generator's truth: header, every measure's code
/// and score, the overall percent, and the planted finding (measure 1.3 scored 100 in the plan
/// table, 40 in the evaluation), each figure located on its row of its page.
#[test]
fn the_corpus_scan_gives_its_generated_truth() {
    let scan = "corpus/gazar_2018_scan.pdf";
    let (_dir, out, stdout) = ingest(&[scan]);
    let r = rows_of(&out, "reports", scan).remove(0);
    assert_eq!(s(&r["status"]), "ok", "{stdout}");
    assert_eq!(s(&r["source_format"]), "scan");
    assert_eq!(
        s(&r["agency"]),
        "Газрын харилцаа, геодези, зураг зүйн газар"
    );
    assert_eq!(r["year"], 2018);
    assert_eq!(s(&r["letter_no"]), "5/590");
    assert_eq!(f(&r["overall_score_stated"]), Some(79.1));
    let measures: Vec<(String, Option<f64>)> = rows_of(&out, "measures", scan)
        .iter()
        .map(|m| (s(&m["code"]).to_string(), f(&m["score_table"])))
        .collect();
    let truth = [
        ("1.1", 100.0),
        ("1.2", 100.0),
        ("1.3", 100.0),
        ("2.1", 70.0),
        ("3.1", 100.0),
        ("3.2", 0.0),
        ("3.3", 62.5),
        ("3.4", 100.0),
    ];
    assert_eq!(
        measures,
        truth
            .iter()
            .map(|(c, v)| (c.to_string(), Some(*v)))
            .collect::<Vec<_>>()
    );
    let conflicts: Vec<_> = rows_of(&out, "findings", scan)
        .into_iter()
        .filter(|f| s(&f["kind"]) == "measure_score_conflict")
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(s(&conflicts[0]["code"]), "1.3");
    assert_eq!(
        (f(&conflicts[0]["stated"]), f(&conflicts[0]["expected"])),
        (Some(100.0), Some(40.0))
    );
    // Each figure located once, on its own row: "100" is printed on five rows of the page.
    for e in conflicts[0]["evidence"].as_array().unwrap() {
        let boxes = e["boxes"].as_array().unwrap();
        assert!(
            (1..=2).contains(&boxes.len()),
            "{} located {} times",
            s(&e["raw"]),
            boxes.len()
        );
    }
}
