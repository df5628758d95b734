//! Born-digital PDFs (rendered from the text forms by scripts/make_pdfs.py) give the same
//! dataset, figure for figure, as the text forms.

mod common;

use common::*;

const PAIRS: &[(&str, &str)] = &[
    (
        "corpus/000_ef92a22f4dcf0ecd.txt",
        "tests/fixtures/pdf/sample_landscape.pdf",
    ),
    (
        "corpus/000_ef92a22f4dcf0ecd.txt",
        "tests/fixtures/pdf/sample_portrait.pdf",
    ),
    (
        "corpus/tatvar_2021.txt",
        "tests/fixtures/pdf/tatvar_landscape.pdf",
    ),
    (
        "corpus/tatvar_2021.txt",
        "tests/fixtures/pdf/tatvar_noborders.pdf",
    ),
    (
        "corpus/tatvar_2021.txt",
        "tests/fixtures/pdf/tatvar_monfont.pdf",
    ),
    (
        "corpus/tatvar_2021.txt",
        "tests/fixtures/pdf/bad/encrypted_empty_password.pdf",
    ),
];

/// The columns that must agree, per table, and the key rows are sorted by.
const COMPARED: &[(&str, &[&str])] = &[
    (
        "objectives",
        &[
            "objective_no",
            "text",
            "n_measures",
            "n_measures_stated",
            "score_stated",
            "score_table",
            "score_summary",
            "score_computed",
            "band_counts_stated",
        ],
    ),
    (
        "measures",
        &[
            "objective_no",
            "measure_no",
            "code",
            "text",
            "target",
            "implementation",
            "text_scope",
            "score",
            "score_source",
            "score_table",
            "score_narrative",
            "not_due",
            "narrative_match",
        ],
    ),
    (
        "metrics",
        &[
            "code",
            "field",
            "offset",
            "value",
            "unit",
            "noun",
            "qualifier",
            "raw",
        ],
    ),
    (
        "findings",
        &[
            "kind",
            "severity",
            "objective_no",
            "code",
            "stated",
            "expected",
        ],
    ),
    (
        "narrative_items",
        &["item_no", "code", "text", "score", "matched_code"],
    ),
];

#[test]
fn pdfs_give_the_same_dataset_as_their_text_forms() {
    let mut inputs: Vec<&str> = PAIRS.iter().map(|p| p.1).collect();
    inputs.extend([
        "corpus/000_ef92a22f4dcf0ecd.txt",
        "corpus/tatvar_2021.txt",
        "corpus/gaali_2020.md",
    ]);
    let (_dir, out, stdout) = ingest(&inputs);
    for (text, pdf) in PAIRS {
        for (table, cols) in COMPARED {
            let a = project(rows_of(&out, table, text), cols);
            let b = project(rows_of(&out, table, pdf), cols);
            assert!(
                !a.is_empty() || *table == "findings",
                "{table} of {text} is empty"
            );
            assert_eq!(a.len(), b.len(), "{pdf}: {table} row count\n{stdout}");
            for (ra, rb) in a.iter().zip(&b) {
                assert_eq!(
                    ra, rb,
                    "{pdf}: {table} row differs from {text} (columns {cols:?})"
                );
            }
        }
        let r = rows_of(&out, "reports", pdf).remove(0);
        assert_eq!(s(&r["source_format"]), "pdf");
        assert!(r["n_pages"].as_i64().unwrap() >= 2);
        let t = rows_of(&out, "reports", text).remove(0);
        for c in [
            "agency",
            "year",
            "letter_no",
            "report_date",
            "addressee",
            "overall_score_stated",
        ] {
            assert_eq!(r[c], t[c], "{pdf}: reports.{c}");
        }
        // Every measure keeps its page.
        assert!(rows_of(&out, "measures", pdf)
            .iter()
            .all(|m| m["page"].as_i64().is_some_and(|p| p >= 1)));
    }
}

#[test]
fn show_gives_each_measure_its_page() {
    let (ok, stdout, _) = run(&["show", "tests/fixtures/pdf/sample_portrait.pdf"]);
    assert!(ok);
    assert!(stdout.contains("[pdf, plan_report]"));
    let measure_lines: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(", row "))
        .collect();
    assert_eq!(measure_lines.len(), 12);
    assert!(measure_lines.iter().all(|l| l.contains("(page ")));
}

#[test]
fn bad_pdfs_are_rows_with_reasons() {
    let (_dir, out, _) = ingest(&[
        "tests/fixtures/pdf/bad",
        "tests/fixtures/pdf/not_a_report.pdf",
        "corpus/tatvar_2021.txt",
    ]);
    let reports = rows(&out, "reports");
    let by = |suffix: &str| {
        reports
            .iter()
            .find(|r| s(&r["source_path"]).ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix}"))
            .clone()
    };
    let expect = [
        (
            "encrypted_password.pdf",
            "failed",
            "encrypted and needs a password",
        ),
        ("truncated.pdf", "failed", "cannot read the PDF"),
        ("not_a_report.pdf", "failed", "not a plan report"),
    ];
    for (file, status, reason) in expect {
        let r = by(file);
        assert_eq!(s(&r["status"]), status, "{file}");
        assert!(
            s(&r["error"]).contains(reason),
            "{file}: {}",
            s(&r["error"])
        );
        assert_eq!(s(&r["source_format"]), "pdf");
    }
    assert_eq!(s(&by("encrypted_empty_password.pdf")["status"]), "ok");
    // Page images without a text layer go to OCR.
    assert_eq!(s(&by("image_only.pdf")["source_format"]), "scan");
    assert_eq!(s(&by("tatvar_2021.txt")["status"]), "ok");
}

#[test]
fn a_scan_without_the_ocr_engine_fails_with_the_install_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_biyelelt"))
        .args(["show", "tests/fixtures/pdf/bad/image_only.pdf"])
        .current_dir(repo())
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .contains("OCR engine not installed: apt-get install tesseract-ocr tesseract-ocr-mon"),
        "{stdout}"
    );
}

/// The corpus's Chromium PDF (a table without ruling lines, printed from the conformance
/// generator's report r010 of seed 7) gives the generator's truth: header, every measure with
/// its code, and each score where the truth has it: on the measure's row (2.1), or in a cell
/// spanning an objective's rows (the objective's).
#[test]
fn the_corpus_pdf_from_chromium_gives_its_generated_truth() {
    let pdf = "corpus/niislel_2021_chromium.pdf";
    let (_dir, out, stdout) = ingest(&[pdf]);
    let r = rows_of(&out, "reports", pdf).remove(0);
    assert_eq!(s(&r["status"]), "ok", "{stdout}");
    assert_eq!(s(&r["agency"]), "Нийслэлийн Засаг даргын Тамгын газар");
    assert_eq!(r["year"], 2021);
    assert_eq!(s(&r["letter_no"]), "4/446");
    let measures: Vec<(String, Option<f64>)> = rows_of(&out, "measures", pdf)
        .iter()
        .map(|m| (s(&m["code"]).to_string(), f(&m["score"])))
        .collect();
    let codes = [
        "1.1", "1.2", "2.1", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3",
    ];
    assert_eq!(
        measures.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(),
        codes
    );
    // One score per objective in a cell spanning its rows: no measure has another score (one
    // alone on the objective's first row may carry it, a reading the table allows).
    let shared = [100.0, 0.0, 70.0, 100.0, 70.0];
    for (code, score) in &measures {
        let objective: usize = code[..1].parse().unwrap();
        assert!(
            score.is_none() || *score == Some(shared[objective - 1]),
            "{code}: {score:?}"
        );
    }
    assert_eq!(measures[2], ("2.1".to_string(), Some(0.0)));
    let objectives: Vec<Option<f64>> = rows_of(&out, "objectives", pdf)
        .iter()
        .map(|o| f(&o["score_table"]))
        .collect();
    assert_eq!(
        objectives,
        vec![Some(100.0), Some(0.0), Some(70.0), Some(100.0), Some(70.0)]
    );
}
