//! Findings and metrics: the sample's own, one planted variant per kind, clean variants.

mod common;

use common::*;
use serde_json::Value;

const SAMPLE: &str = "corpus/000_ef92a22f4dcf0ecd.txt";

/// `check --json PATHS`, its exit status checked against what it printed.
fn check_json(paths: &[&str]) -> Vec<Value> {
    let mut args = vec!["check", "--json"];
    args.extend_from_slice(paths);
    let (code, stdout, stderr) = run_status(&repo(), &args);
    let reports =
        serde_json::from_str::<Vec<Value>>(&stdout).expect("check --json prints a JSON array");
    let failed = reports.iter().any(|r| r["status"] == "failed");
    let errors = reports.iter().any(|r| {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["severity"] == "error")
    });
    let expected = if failed { 2 } else { i32::from(errors) };
    assert_eq!(code, Some(expected), "{stderr}");
    reports
}

/// Exit status as linters have it: 0 clean, 1 findings (errors; warnings too with
/// `--fail-on warning`), 2 a report that could not be read or a usage error.
#[test]
fn check_exit_status_tells_a_script_what_it_found() {
    let status = |args: &[&str]| run_status(&repo(), args).0;
    let clean = "tests/fixtures/findings/prose_counts_clean.txt";
    let error = "tests/fixtures/findings/band_gap.txt";
    assert_eq!(status(&["check", clean]), Some(0));
    // The sample's findings are warnings and notes.
    assert_eq!(status(&["check", SAMPLE]), Some(0));
    assert_eq!(status(&["check", "--fail-on", "warning", SAMPLE]), Some(1));
    assert_eq!(status(&["check", clean, error]), Some(1));
    assert_eq!(status(&["check", "--json", error]), Some(1));
    assert_eq!(
        status(&["check", error, "tests/fixtures/bad/binary.txt"]),
        Some(2)
    );
    assert_eq!(status(&["check", "--fail-on", "sometimes", clean]), Some(2));
    assert_eq!(status(&["check", "no/such/folder"]), Some(2));
}

#[test]
fn sample_yields_exactly_its_three_findings() {
    let (_dir, out, stdout) = ingest(&[SAMPLE]);
    assert!(stdout.contains("3 findings"), "{stdout}");
    let mut f = rows(&out, "findings");
    f.sort_by_key(|r| s(&r["kind"]).to_string());
    let kinds: Vec<(&str, &str)> = f
        .iter()
        .map(|r| (s(&r["kind"]), s(&r["severity"])))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("band_gap", "info"),
            ("measure_score_conflict", "warning"),
            ("score_rounding", "info")
        ]
    );
    let conflict = &f[1];
    assert_eq!(conflict["objective_no"], 5);
    assert_eq!(s(&conflict["code"]), "5.1");
    assert_eq!(f64_of(&conflict["stated"]), 97.9);
    assert_eq!(f64_of(&conflict["expected"]), 93.9);
    assert!(s(&conflict["message"]).contains("objective 5's mean (97.97) truncated"));
    let lines: Vec<i64> = conflict["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, vec![43, 127]);
    let rounding = &f[2];
    assert_eq!(rounding["objective_no"], 5);
    assert_eq!(f64_of(&rounding["stated"]), 97.9);
    assert!(s(&f[0]["message"]).contains("70-89"));
    let r = &rows(&out, "reports")[0];
    assert_eq!(r["n_findings"], 3);
    assert_eq!(r["n_errors"], 0);
}

fn f64_of(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[test]
fn sample_metrics() {
    let (_dir, out, _) = ingest(&[SAMPLE]);
    let m = rows(&out, "metrics");
    let has = |value: f64, unit: &str, noun: Option<&str>, code: Option<&str>| {
        m.iter().any(|r| {
            (f64_of(&r["value"]) - value).abs() < 1e-6
                && s(&r["unit"]) == unit
                && noun.is_none_or(|n| s(&r["noun"]) == n)
                && code.is_none_or(|c| s(&r["code"]) == c)
        })
    };
    assert!(has(5892.0, "count", Some("иргэн"), None));
    assert!(has(1001.0, "count", None, None));
    assert!(has(92.1, "percent", None, None));
    assert!(has(88.1, "percent", None, Some("3.1")));
    assert!(has(95240.0, "count", Some("даатгуулагч"), Some("3.1")));
    assert!(has(83906.0, "count", Some("даатгуулагч"), Some("3.1")));
    assert!(has(2673400.0, "count", Some("хандалт"), None));
    assert!(has(133100.0, "count", Some("даатгуулагч"), None));
    assert!(has(13231.0, "count", Some("албан хаагч"), None));
    assert!(has(160.0, "count", Some("ажилтан"), Some("3.1")));
    // Not counts: the phone number, years, references.
    assert!(m
        .iter()
        .filter(|r| f64_of(&r["value"]) == 77771289.0)
        .all(|r| s(&r["unit"]) == "phone"));
    assert!(m
        .iter()
        .filter(|r| s(&r["raw"]).contains("онд"))
        .all(|r| s(&r["unit"]) == "year"));
    assert!(m
        .iter()
        .filter(|r| s(&r["raw"]).contains("тоот"))
        .all(|r| s(&r["unit"]) == "reference"));
    let more_than = m
        .iter()
        .find(|r| s(&r["raw"]) == "160 гаруй ажилтнуудыг")
        .unwrap();
    assert_eq!(s(&more_than["qualifier"]), "more_than");
}

/// One planted mistake per kind (scripts/make_fixtures.py, PLANTS): detected with the right
/// kind, objective and measure.
#[test]
fn each_planted_mistake_is_found() {
    // (fixture, kind, objective, measure code, severity)
    type Plant<'a> = (&'a str, &'a str, Option<i64>, Option<&'a str>, &'a str);
    let plants: &[Plant] = &[
        (
            "measure_score_conflict",
            "measure_score_conflict",
            Some(1),
            Some("1.2"),
            "error",
        ),
        (
            "objective_score_mismatch",
            "objective_score_mismatch",
            Some(4),
            None,
            "error",
        ),
        ("score_rounding", "score_rounding", None, None, "info"),
        (
            "overall_score_mismatch",
            "overall_score_mismatch",
            None,
            None,
            "error",
        ),
        (
            "measure_count_mismatch",
            "measure_count_mismatch",
            None,
            None,
            "error",
        ),
        (
            "bucket_count_mismatch",
            "bucket_count_mismatch",
            Some(4),
            None,
            "error",
        ),
        (
            "bucket_label_mismatch",
            "bucket_label_mismatch",
            Some(4),
            Some("4.2"),
            "error",
        ),
        (
            "score_out_of_range",
            "score_out_of_range",
            Some(2),
            Some("2.3"),
            "error",
        ),
        ("band_gap", "band_gap", Some(1), Some("1.2"), "error"),
        (
            "stated_share_mismatch",
            "stated_share_mismatch",
            Some(3),
            Some("3.1"),
            "warning",
        ),
        (
            "prose_counts_planted",
            "measure_count_mismatch",
            None,
            None,
            "error",
        ),
    ];
    let paths: Vec<String> = plants
        .iter()
        .map(|p| format!("tests/fixtures/findings/{}.txt", p.0))
        .collect();
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let reports = check_json(&refs);
    assert_eq!(reports.len(), plants.len());
    for (file, kind, objective, code, severity) in plants {
        let r = reports
            .iter()
            .find(|r| s(&r["source_path"]).ends_with(&format!("/{file}.txt")))
            .unwrap();
        let findings = r["findings"].as_array().unwrap();
        let hit = findings.iter().any(|f| {
            s(&f["kind"]) == *kind
                && f["objective_no"].as_i64() == *objective
                && f["code"].as_str() == *code
                && s(&f["severity"]) == *severity
        });
        assert!(
            hit,
            "{file}: no {kind} at {objective:?}/{code:?} in {findings:#?}"
        );
        assert!(
            findings
                .iter()
                .all(|f| !f["evidence"].as_array().unwrap().is_empty()),
            "{file}: a finding without evidence"
        );
    }
}

#[test]
fn clean_reports_have_no_error_or_warning() {
    let reports = check_json(&[
        "corpus/tatvar_2021.txt",
        "corpus/gaali_2020.md",
        "corpus/sangiin_yaam_2022.html",
        "corpus/burtgel_2018_cp1251.txt",
        "tests/fixtures/findings/prose_counts_clean.txt",
    ]);
    for r in &reports {
        let bad: Vec<&Value> = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| s(&f["severity"]) != "info")
            .collect();
        assert!(bad.is_empty(), "{}: {bad:#?}", s(&r["source_path"]));
    }
}

#[test]
fn check_prints_findings_for_a_person() {
    let (code, stdout, _) = run_status(
        &repo(),
        &["check", SAMPLE, "tests/fixtures/findings/band_gap.txt"],
    );
    assert_eq!(code, Some(1), "band_gap is an error finding");
    // Not a terminal: no color codes.
    assert!(!stdout.contains('\u{1b}'));
    assert!(stdout.contains("measure_score_conflict (measure 5.1)"));
    assert!(stdout.contains("table score \"97.9\" at line 43"));
    assert!(stdout.contains("band_gap (measure 1.2)"));
}

/// `biyelelt check … | head`: the reader goes before the findings are printed. The command
/// stops printing quietly and still ends with its verdict (1: band_gap is an error), with no
/// "Broken pipe" error, backtrace or panic (RUST_BACKTRACE set, as on a developer's machine).
#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_biyelelt"))
        .args(["check", SAMPLE, "tests/fixtures/findings/band_gap.txt"])
        .current_dir(repo())
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the biyelelt binary runs");
    // The pipe's only reader closes before the reports are parsed: every write fails.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.is_empty(), "stderr: {stderr}");
}

/// A score the parser did not find is a problem of the report, never a reason to call a stated
/// percent wrong: variant A with measure 1.1's score cell empty and its narrative item gone.
#[test]
fn an_unscored_measure_skips_the_checks_that_need_it() {
    let t = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::repo().join("corpus/tatvar_2021.txt")).unwrap();
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.contains("Зорилт 1.1."))
        .map(|l| match l.strip_suffix("\t100") {
            Some(rest) if l.contains("<p>1.1. ") => format!("{rest}\t"),
            _ => l.to_string(),
        })
        .collect();
    let f = t.path().join("unscored.txt");
    std::fs::write(&f, lines.join("\n")).unwrap();
    let reports = check_json(&[f.to_str().unwrap()]);
    let findings = reports[0]["findings"].as_array().unwrap();
    let serious: Vec<&Value> = findings
        .iter()
        .filter(|f| f["severity"] != "info")
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    let (ok, stdout, _) = run(&["show", f.to_str().unwrap(), "--json"]);
    assert!(ok);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let problems = report["problems"].to_string();
    assert!(
        problems.contains("unscored_measures") && problems.contains("(1.1)"),
        "{problems}"
    );
}

/// One score printed per objective for a cell of several measures: the overall percent is
/// still checked, as the objectives' percents weighted by their measures (here (100×2 + 70×3)/5
/// = 82, and 91.2 is stated), and a right one gives nothing.
#[test]
fn overall_is_checked_from_objective_percents_when_measures_share_a_score() {
    let report = |overall: &str| {
        format!(
            r#"<html><body><p>ГААЛИЙН ЕРӨНХИЙ ГАЗАР</p><p>2021.01.20 № 3/45</p>
<h3>Гаалийн ерөнхий газраас 2020 онд хэрэгжүүлэх үйл ажиллагааны төлөвлөгөөний биелэлт</h3>
<table border="1"><tr><th>№</th><th>Үйл ажиллагаа</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>
<tr><td>1</td><td>Ил тод байдлыг хангах</td><td><p>1.1. Мэдээллийг байршуулах</p><p>1.2. Хэлэлцүүлэг зохион байгуулах</p></td><td><p>Байршуулсан.</p><p>Хэлэлцсэн.</p></td><td>100</td></tr>
<tr><td>2</td><td>Хяналтыг бэхжүүлэх</td><td><p>2.1. Аудит хийх</p><p>2.2. Журам батлах</p><p>2.3. Сургалт явуулах</p></td><td><p>Хийсэн.</p><p>Батлаагүй.</p><p>Явуулсан.</p></td><td>70</td></tr>
<tr><td colspan="4">Дундаж үнэлгээ</td><td>{overall}</td></tr></table></body></html>"#
        )
    };
    let t = tempfile::tempdir().unwrap();
    let kinds = |overall: &str| -> Vec<String> {
        let f = t.path().join(format!("r{overall}.html"));
        std::fs::write(&f, report(overall)).unwrap();
        check_json(&[f.to_str().unwrap()])[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] != "info")
            .map(|f| f["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(kinds("91.2"), vec!["overall_score_mismatch".to_string()]);
    assert!(kinds("82").is_empty(), "{:?}", kinds("82"));
}

/// Two tables stating different percents for one objective is a finding even when its measures
/// have no scores of their own (one score for the objective's rows, the HTML variant).
#[test]
fn plan_and_summary_percents_are_compared_without_measure_scores() {
    let t = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(common::repo().join("corpus/sangiin_yaam_2022.html"))
        .unwrap()
        .replace("<td>1</td><td>60</td></tr>", "<td>1</td><td>65</td></tr>");
    let f = t.path().join("sangiin.html");
    std::fs::write(&f, html).unwrap();
    let findings = check_json(&[f.to_str().unwrap()])[0]["findings"].clone();
    let hit = findings.as_array().unwrap().iter().any(|f| {
        f["kind"] == "objective_score_mismatch"
            && f["objective_no"] == 2
            && f["message"]
                .as_str()
                .unwrap()
                .contains("60 in the plan table and 65")
    });
    assert!(hit, "{findings:#}");
}
