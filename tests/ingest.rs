//! End to end: `biyelelt ingest` on corpus files, the Parquet dataset read back.

mod common;

use common::*;
use serde_json::Value;

const SAMPLE: &str = "corpus/000_ef92a22f4dcf0ecd.txt";

fn measures_by_code(out: &std::path::Path, suffix: &str) -> Vec<serde_json::Map<String, Value>> {
    let mut m = rows_of(out, "measures", suffix);
    m.sort_by_key(|r| {
        (
            r["objective_no"].as_i64().unwrap_or(0),
            r["measure_no"].as_i64().unwrap_or(0),
        )
    });
    m
}

fn objectives(out: &std::path::Path, suffix: &str) -> Vec<serde_json::Map<String, Value>> {
    let mut o = rows_of(out, "objectives", suffix);
    o.sort_by_key(|r| r["objective_no"].as_i64().unwrap_or(0));
    o
}

#[test]
fn sample_report_figures() {
    let (_dir, out, stdout) = ingest(&[SAMPLE]);
    assert!(
        stdout.contains("ok") && stdout.contains("12 measures"),
        "{stdout}"
    );

    let reports = rows(&out, "reports");
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(s(&r["agency"]), "Нийгмийн даатгалын ерөнхий газар");
    assert_eq!(s(&r["letter_no"]), "1/233");
    assert_eq!(s(&r["report_date"]), "2020-01-30");
    assert_eq!(s(&r["addressee"]), "Авлигатай тэмцэх газар");
    assert_eq!(r["year"], 2019);
    assert_eq!(r["n_objectives"], 6);
    assert_eq!(r["n_measures"], 12);
    assert_eq!(f(&r["overall_score_stated"]), Some(98.2));
    assert_eq!(f(&r["overall_score_conclusion"]), Some(98.2));
    assert_eq!(round2(f(&r["overall_score_computed"]).unwrap()), 98.24);
    assert_eq!(s(&r["status"]), "ok");
    assert_eq!(s(&r["source_format"]), "text");
    let signatories = r["signatories"].as_array().unwrap();
    assert_eq!(signatories.len(), 3);
    assert_eq!(s(&signatories[0]["name"]), "Д.ЗОРИГТ");
    assert_eq!(s(&signatories[0]["role"]), "ДАРГА");
    // The partition folder carries the year.
    assert!(files(&out, "measures")[0]
        .to_string_lossy()
        .contains("year=2019"));

    let objs = objectives(&out, SAMPLE);
    let n: Vec<i64> = objs
        .iter()
        .map(|o| o["n_measures"].as_i64().unwrap())
        .collect();
    assert_eq!(n, vec![3, 1, 1, 1, 3, 3]);
    let stated: Vec<f64> = objs
        .iter()
        .map(|o| f(&o["score_stated"]).unwrap())
        .collect();
    assert_eq!(stated, vec![100.0, 100.0, 100.0, 95.0, 97.9, 96.7]);
    let computed: Vec<f64> = objs
        .iter()
        .map(|o| round2(f(&o["score_computed"]).unwrap()))
        .collect();
    assert_eq!(computed, vec![100.0, 100.0, 100.0, 95.0, 97.97, 96.67]);
    let stated_n: Vec<i64> = objs
        .iter()
        .map(|o| o["n_measures_stated"].as_i64().unwrap())
        .collect();
    assert_eq!(stated_n, vec![3, 1, 1, 1, 3, 3]);
    // Objective 5's activity text is joined across the page break.
    assert_eq!(
        s(&objs[4]["text"]),
        "Төрийн үйлчилгээг иргэнд цахим хэлбэрээр хүргэх тогтолцоог бүрдүүлэн, цахим үйлчилгээний нэгдсэн сүлжээ бий болгож, бэхжүүлэх"
    );

    let ms = measures_by_code(&out, SAMPLE);
    let codes: Vec<&str> = ms.iter().map(|m| s(&m["code"])).collect();
    assert_eq!(
        codes,
        vec!["1.1", "1.2", "1.3", "2.1", "3.1", "4.1", "5.1", "5.2", "5.3", "6.1", "6.2", "6.3"]
    );
    let scores: Vec<f64> = ms.iter().map(|m| f(&m["score"]).unwrap()).collect();
    assert_eq!(
        scores,
        vec![100.0, 100.0, 100.0, 100.0, 100.0, 95.0, 93.9, 100.0, 100.0, 100.0, 90.0, 100.0]
    );
    let m51 = &ms[6];
    assert_eq!(f(&m51["score_table"]), Some(97.9));
    assert_eq!(f(&m51["score_narrative"]), Some(93.9));
    assert_eq!(s(&m51["score_source"]), "narrative");
    assert!(s(&m51["score_evidence"]).contains("line 127"));
    // Measure 1.2 runs across the page break.
    assert_eq!(
        s(&ms[1]["text"]),
        "Төрийн үйлчилгээг иргэдэд чирэгдэлгүй үзүүлэх зорилгоор төрийн байгууллагууд /Хөдөлмөр, халамж үйлчилгээний ерөнхий газар, Улсын бүртгэлийн ерөнхий газар, Архивын ерөнхий газар, Эрүүл мэндийн даатгалын ерөнхий газар зэрэг/-тай цахимаар мэдээлэл солилцох, хамтран ажиллах"
    );
    // Every measure but 3.1 begins as its narrative item does; 3.1's item quotes the objective.
    for m in &ms {
        let text: String = s(&m["text"]).chars().take(40).collect();
        let item: String = s(&m["narrative_text"]).chars().take(40).collect();
        let same = biyelelt::normalize::fold_for_matching(&text)
            == biyelelt::normalize::fold_for_matching(&item);
        if s(&m["code"]) == "3.1" {
            assert!(!same);
            assert_eq!(s(&m["narrative_match"]), "code_only");
        } else {
            assert!(same, "{}: {text:?} vs {item:?}", s(&m["code"]));
            assert_eq!(s(&m["narrative_match"]), "code_and_text");
        }
    }
    // Paragraphs kept, none doubled: 5.1's implementation holds both of its paragraphs.
    assert!(s(&m51["implementation"]).starts_with("Ажил олгогчоос"));
    assert!(s(&m51["implementation"])
        .ends_with("1516 тайланг нийгмийн даатгалын байгууллага хүлээн авсан байна."));
    let all_impl: String = ms
        .iter()
        .map(|m| s(&m["implementation"]).to_string())
        .collect();
    assert_eq!(all_impl.matches("1516 тайланг").count(), 1);
    assert!(all_impl.contains("үүнээс гадаадаас 68 иргэнд олгосон байна."));
    // The decimal comma and look-alike repairs keep the raw text beside.
    assert!(reports[0]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| s(p).contains("Зорилт 3.1")));

    let items = rows_of(&out, "narrative_items", SAMPLE);
    assert_eq!(items.len(), 12);
    assert!(items.iter().all(|i| !i["matched_code"].is_null()));
}

#[test]
fn utf16_copies_of_the_sample_read_the_same() {
    let (_dir, out, _) = ingest(&[
        "tests/fixtures/sample_utf16le.txt",
        "tests/fixtures/sample_utf16be_nobom.txt",
    ]);
    let reports = rows(&out, "reports");
    assert_eq!(reports.len(), 2);
    let encodings: Vec<&str> = reports.iter().map(|r| s(&r["encoding"])).collect();
    assert!(
        encodings.contains(&"UTF-16LE") && encodings.contains(&"UTF-16BE"),
        "{encodings:?}"
    );
    for r in &reports {
        assert_eq!(r["n_measures"], 12);
        assert_eq!(f(&r["overall_score_stated"]), Some(98.2));
        assert_eq!(s(&r["agency"]), "Нийгмийн даатгалын ерөнхий газар");
    }
    let ms = rows(&out, "measures");
    let m51: Vec<_> = ms.iter().filter(|m| s(&m["code"]) == "5.1").collect();
    assert!(m51
        .iter()
        .all(|m| f(&m["score"]) == Some(93.9) && f(&m["score_table"]) == Some(97.9)));
}

/// Variant A: tab form, a measure per row with its own score, codes in cells, a not-due
/// measure, the 100/70/30/0 scale, a row cut by a page break.
#[test]
fn variant_tab_form_own_rows_codes_not_due() {
    for (path, agency, year, letter, date) in [
        (
            "corpus/tatvar_2021.txt",
            "Татварын ерөнхий газар",
            2021,
            "3/118",
            "2022-01-25",
        ),
        // The same plan typed in a legacy Mon font, saved as Windows-1251.
        (
            "corpus/burtgel_2018_cp1251.txt",
            "Улсын бүртгэлийн ерөнхий газар",
            2018,
            "2/75",
            "2019-01-28",
        ),
    ] {
        let (_dir, out, _) = ingest(&[path]);
        let r = &rows(&out, "reports")[0];
        assert_eq!(s(&r["agency"]), agency);
        assert_eq!(r["year"], year);
        assert_eq!(s(&r["letter_no"]), letter);
        assert_eq!(s(&r["report_date"]), date);
        assert_eq!(r["n_objectives"], 4);
        assert_eq!(r["n_measures"], 10);
        assert_eq!(f(&r["overall_score_stated"]), Some(85.6));
        assert_eq!(round2(f(&r["overall_score_computed"]).unwrap()), 85.56);
        let scale: Vec<&str> = r["band_scale"].as_array().unwrap().iter().map(s).collect();
        assert_eq!(
            scale,
            vec![
                "100 /90-100/",
                "70 /70-89/",
                "30 /30-69/",
                "0 /0-29/",
                "/-/"
            ]
        );

        let objs = objectives(&out, path);
        let stated: Vec<f64> = objs
            .iter()
            .map(|o| f(&o["score_stated"]).unwrap())
            .collect();
        assert_eq!(stated, vec![85.0, 65.0, 100.0, 92.5]);
        let computed: Vec<f64> = objs
            .iter()
            .map(|o| f(&o["score_computed"]).unwrap())
            .collect();
        assert_eq!(computed, vec![85.0, 65.0, 100.0, 92.5]);
        let counts: Vec<Value> = objs
            .iter()
            .map(|o| o["band_counts_stated"].clone())
            .collect();
        assert_eq!(counts[1], serde_json::json!([1, null, 1, null, 1]));

        let ms = measures_by_code(&out, path);
        let got: Vec<(&str, Option<f64>, bool)> = ms
            .iter()
            .map(|m| (s(&m["code"]), f(&m["score"]), m["not_due"] == true))
            .collect();
        assert_eq!(
            got,
            vec![
                ("1.1", Some(100.0), false),
                ("1.2", Some(70.0), false),
                ("2.1", Some(100.0), false),
                ("2.2", None, true),
                ("2.3", Some(30.0), false),
                ("3.1", Some(100.0), false),
                ("4.1", Some(100.0), false),
                ("4.2", Some(70.0), false),
                ("4.3", Some(100.0), false),
                ("4.4", Some(100.0), false),
            ]
        );
        // Codes written in the cells are not part of the text; every measure has its own row.
        assert_eq!(
            s(&ms[0]["text"]),
            "Татварын цахим үйлчилгээг өргөжүүлж, татвар төлөгчдөд хүртээмжтэй болгох"
        );
        assert!(ms.iter().all(|m| s(&m["text_scope"]) == "measure"));
        assert!(ms
            .iter()
            .filter(|m| m["not_due"] == false)
            .all(|m| f(&m["score_table"]) == f(&m["score"])));
        // The row cut by the page break is joined back.
        assert_eq!(
            s(&ms[9]["implementation"]),
            "Тайланг 4 удаа нийтэлсэн бөгөөд иргэдэд мэдээлэх ажлыг тогтмол хийж байна."
        );
        assert_eq!(
            s(&ms[1]["target"]),
            "Сургалтад 5000-аас доошгүй татвар төлөгч хамрагдсан байна"
        );
        assert!(s(&ms[1]["implementation"]).contains("62.4 хувь"));
    }
}

/// Variant B: markdown pipe table, no evaluation: scores come from the table alone.
#[test]
fn variant_markdown_without_evaluation() {
    let path = "corpus/gaali_2020.md";
    let (_dir, out, _) = ingest(&[path]);
    let r = &rows(&out, "reports")[0];
    assert_eq!(s(&r["source_format"]), "markdown");
    assert_eq!(s(&r["agency"]), "Гаалийн ерөнхий газар");
    assert_eq!(r["year"], 2020);
    assert_eq!(s(&r["letter_no"]), "01/452");
    assert_eq!(r["has_evaluation"], false);
    assert_eq!(f(&r["overall_score_stated"]), Some(88.06));
    assert_eq!(round2(f(&r["overall_score_computed"]).unwrap()), 88.06);
    let objs = objectives(&out, path);
    let n: Vec<i64> = objs
        .iter()
        .map(|o| o["n_measures"].as_i64().unwrap())
        .collect();
    assert_eq!(n, vec![2, 1, 3, 1, 2]);
    let computed: Vec<f64> = objs
        .iter()
        .map(|o| round2(f(&o["score_computed"]).unwrap()))
        .collect();
    assert_eq!(computed, vec![93.75, 100.0, 78.33, 100.0, 85.0]);
    let ms = measures_by_code(&out, path);
    let got: Vec<(&str, f64, &str)> = ms
        .iter()
        .map(|m| {
            (
                s(&m["code"]),
                f(&m["score"]).unwrap(),
                s(&m["score_source"]),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("1.1", 100.0, "table"),
            ("1.2", 87.5, "table"),
            ("2.1", 100.0, "table"),
            ("3.1", 100.0, "table"),
            ("3.2", 95.0, "table"),
            ("3.3", 40.0, "table"),
            ("4.1", 100.0, "table"),
            ("5.1", 70.0, "table"),
            ("5.2", 100.0, "table"),
        ]
    );
    // Latin look-alikes inside a Cyrillic word repaired, raw kept.
    assert_eq!(
        s(&ms[4]["text"]),
        "Ёс зүйн зөвлөлийн үйл ажиллагааг тайлагнах"
    );
    assert_eq!(
        s(&ms[4]["text_raw"]),
        "Ёс зүйн зөвлөлийн үйл ажиллагааг тaйлaгнaх"
    );
    assert_eq!(s(&ms[4]["score_table_raw"]), "95 %");
    assert!(s(&ms[1]["implementation"]).contains("76.5 хувь. Сургалтын"));
}

/// Variant C: HTML with rowspans, several measures in a cell, evaluation in HTML lists.
#[test]
fn variant_html_rowspans() {
    let path = "corpus/sangiin_yaam_2022.html";
    let (_dir, out, _) = ingest(&[path]);
    let r = &rows(&out, "reports")[0];
    assert_eq!(s(&r["source_format"]), "html");
    assert_eq!(s(&r["agency"]), "Сангийн яам");
    assert_eq!(r["year"], 2022);
    assert_eq!(s(&r["letter_no"]), "8/64");
    assert_eq!(f(&r["overall_score_stated"]), Some(84.4));
    assert_eq!(f(&r["overall_score_conclusion"]), Some(84.4));
    let objs = objectives(&out, path);
    let n: Vec<i64> = objs
        .iter()
        .map(|o| o["n_measures"].as_i64().unwrap())
        .collect();
    assert_eq!(n, vec![2, 3, 1, 1, 1]);
    let stated: Vec<f64> = objs
        .iter()
        .map(|o| f(&o["score_stated"]).unwrap())
        .collect();
    assert_eq!(stated, vec![100.0, 60.0, 95.0, 100.0, 100.0]);
    // The rowspan score cell is the objective's, not measure 2.1's.
    assert_eq!(f(&objs[1]["score_table"]), Some(60.0));
    let ms = measures_by_code(&out, path);
    assert!(ms[2]["score_table"].is_null());
    let got: Vec<(&str, f64)> = ms
        .iter()
        .map(|m| (s(&m["code"]), f(&m["score"]).unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("1.1", 100.0),
            ("1.2", 100.0),
            ("2.1", 100.0),
            ("2.2", 80.0),
            ("2.3", 0.0),
            ("3.1", 95.0),
            ("4.1", 100.0),
            ("5.1", 100.0)
        ]
    );
    // Two measures in one cell, with two targets and two implementation paragraphs: one each.
    assert_eq!(
        s(&ms[1]["target"]),
        "Хэлэлцүүлэг 2-оос доошгүй удаа хийгдсэн байна"
    );
    assert_eq!(
        s(&ms[1]["implementation"]),
        "Төсвийн төслийг 3 удаа хэлэлцүүлсэн."
    );
}

#[test]
fn bad_inputs_become_rows_and_the_batch_goes_on() {
    let (_dir, out, stdout) = ingest(&["tests/fixtures/bad", SAMPLE]);
    let reports = rows(&out, "reports");
    assert_eq!(reports.len(), 5, "{stdout}");
    let by = |suffix: &str| {
        reports
            .iter()
            .find(|r| s(&r["source_path"]).ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix}"))
            .clone()
    };
    let empty = by("empty.txt");
    assert_eq!(s(&empty["status"]), "failed");
    assert!(s(&empty["error"]).contains("empty (0 bytes)"));
    let binary = by("binary.txt");
    assert_eq!(s(&binary["status"]), "failed");
    assert!(s(&binary["error"]).contains("not a text file"));
    let not_report = by("not_a_report.txt");
    assert_eq!(s(&not_report["status"]), "failed");
    assert!(s(&not_report["error"]).contains("not a plan report"));
    let bare = by("bare_table.md");
    assert_eq!(s(&bare["status"]), "partial");
    assert_eq!(bare["n_measures"], 1);
    assert!(s(&bare["error"]).contains("agency"));
    // Failed reports have no year: the null partition, read as null.
    assert!(files(&out, "reports").iter().any(|p| p
        .to_string_lossy()
        .contains("year=__HIVE_DEFAULT_PARTITION__")));
    assert_eq!(s(&by(SAMPLE)["status"]), "ok");
    assert!(stdout.contains("failed"));
}

#[test]
fn reingest_skips_unchanged_and_replaces_changed_rows_without_duplicates() {
    let (dir, out, _) = ingest(&[SAMPLE]);
    let out_s = out.to_string_lossy().to_string();
    let (ok, stdout, stderr) = run(&["ingest", SAMPLE, "corpus/gaali_2020.md", "--out", &out_s]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 unchanged file(s) skipped"), "{stdout}");
    assert!(stdout.contains("1 report(s) written"), "{stdout}");
    assert_eq!(rows(&out, "reports").len(), 2);
    assert_eq!(rows(&out, "measures").len(), 12 + 9);
    // A copy at another path is known by its content, and said to be the same as the first.
    let same = dir.path().join("same.txt");
    std::fs::copy(SAMPLE, &same).unwrap();
    let same_s = same.to_string_lossy().to_string();
    let (ok, stdout, _) = run(&["ingest", SAMPLE, &same_s, "--out", &out_s]);
    assert!(ok);
    assert!(stdout.contains("2 unchanged file(s) skipped"), "{stdout}");
    let said: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("already ingested"))
        .collect();
    assert_eq!(said.len(), 1, "{stdout}");
    assert!(said[0].contains("same.txt: same content as"), "{stdout}");
    assert_eq!(rows(&out, "reports").len(), 2);
    // An edited file replaces the rows it had: a copy of variant A, then the copy edited.
    let copy = dir.path().join("report.txt");
    std::fs::copy("corpus/tatvar_2021.txt", &copy).unwrap();
    let copy_s = copy.to_string_lossy().to_string();
    let (ok, _, _) = run(&["ingest", &copy_s, "--out", &out_s]);
    assert!(ok);
    assert_eq!(rows(&out, "measures").len(), 21 + 10);
    let mut text = std::fs::read_to_string(&copy).unwrap();
    text.push_str("\nНэмэлт тайлбар.\n");
    std::fs::write(&copy, text).unwrap();
    let (ok, stdout, _) = run(&["ingest", &copy_s, "--out", &out_s]);
    assert!(ok);
    assert!(stdout.contains("1 replaced"), "{stdout}");
    assert!(stdout.contains("2 kept"), "{stdout}");
    assert_eq!(rows(&out, "reports").len(), 3);
    assert_eq!(rows(&out, "measures").len(), 31);
    // No staging or backup folders are left beside the dataset.
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty());
}

/// A temporary folder holding `in/` with copies of two corpus reports, just written.
fn two_fresh_inputs() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for f in ["corpus/gaali_2020.md", "corpus/tatvar_2021.txt"] {
        let name = std::path::Path::new(f).file_name().unwrap();
        std::fs::copy(f, inputs.join(name)).unwrap();
    }
    (dir, inputs)
}

/// Settled files (their times two seconds and more past) are known by their stamp on the next
/// ingest, not read; a file rewritten is read and parsed; --checksum reads every one.
#[test]
fn settled_unchanged_files_are_known_by_their_stamp() {
    let (dir, inputs) = two_fresh_inputs();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let (in_s, out_s) = (
        inputs.to_string_lossy().to_string(),
        dir.path().join("ds").to_string_lossy().to_string(),
    );
    let (ok, _, stderr) = run(&["ingest", &in_s, "--out", &out_s, "--quiet"]);
    assert!(ok, "{stderr}");
    let manifest = std::fs::read_to_string(dir.path().join("ds/_manifest.json")).unwrap();
    assert_eq!(manifest.matches("\"stamp\"").count(), 2, "{manifest}");
    let (ok, stdout, _) = run(&["ingest", &in_s, "--out", &out_s, "--quiet"]);
    assert!(ok);
    assert!(stdout.contains("2 of the inputs known by path"), "{stdout}");
    assert!(stdout.contains("nothing changed"), "{stdout}");
    let (ok, stdout, _) = run(&["ingest", &in_s, "--out", &out_s, "--quiet", "--checksum"]);
    assert!(ok);
    assert!(!stdout.contains("known by path"), "{stdout}");
    assert!(stdout.contains("2 unchanged file(s) skipped"), "{stdout}");
    // Rewritten in place, same size, its mtime set back: read (too recent), parsed.
    let edited = inputs.join("tatvar_2021.txt");
    let mtime = std::fs::metadata(&edited).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&edited).unwrap();
    let swapped = text.replacen("1.1", "1,1", 1);
    assert_eq!(swapped.len(), text.len());
    assert_ne!(swapped, text);
    std::fs::write(&edited, swapped).unwrap();
    let f = std::fs::File::options().write(true).open(&edited).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);
    let (ok, stdout, _) = run(&["ingest", &in_s, "--out", &out_s, "--quiet"]);
    assert!(ok);
    assert!(stdout.contains("1 of the inputs known by path"), "{stdout}");
    assert!(stdout.contains("1 file(s) parsed"), "{stdout}");
    assert!(stdout.contains("1 replaced"), "{stdout}");
}

/// Files too recent to be stamped when first ingested get their stamps at the next unchanged
/// ingest (the manifest alone replaced, the tables untouched), and are then known by them.
#[test]
fn recent_files_are_stamped_by_the_next_unchanged_ingest() {
    let (dir, inputs) = two_fresh_inputs();
    let ds = dir.path().join("ds");
    let (in_s, out_s) = (
        inputs.to_string_lossy().to_string(),
        ds.to_string_lossy().to_string(),
    );
    let (ok, _, stderr) = run(&["ingest", &in_s, "--out", &out_s, "--quiet"]);
    assert!(ok, "{stderr}");
    let manifest = || std::fs::read_to_string(ds.join("_manifest.json")).unwrap();
    assert_eq!(manifest().matches("\"stamp\"").count(), 0, "{}", manifest());
    let tables = || -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(&ds)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "parquet"))
            .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect();
        files.sort();
        files
    };
    let before = tables();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let (ok, stdout, _) = run(&["ingest", &in_s, "--out", &out_s, "--quiet"]);
    assert!(ok);
    assert!(!stdout.contains("known by path"), "{stdout}");
    assert!(
        stdout.contains("the stamps of 2 unchanged file(s)"),
        "{stdout}"
    );
    assert_eq!(manifest().matches("\"stamp\"").count(), 2, "{}", manifest());
    assert_eq!(tables(), before);
    let (ok, stdout, _) = run(&["ingest", &in_s, "--out", &out_s, "--quiet"]);
    assert!(ok);
    assert!(stdout.contains("2 of the inputs known by path"), "{stdout}");
    assert!(
        stdout.contains("the dataset was left as it was"),
        "{stdout}"
    );
    // No staging folder is left beside the dataset.
    let hidden = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .count();
    assert_eq!(hidden, 0);
}

#[test]
fn show_prints_an_outline_and_json() {
    let (ok, stdout, _) = run(&["show", SAMPLE]);
    assert!(ok);
    assert!(stdout.contains("5.1 (line 43"));
    assert!(stdout.contains("score 93.9 from narrative"));
    let (ok, stdout, _) = run(&["show", "--json", SAMPLE]);
    assert!(ok);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["objectives"].as_array().unwrap().len(), 6);
}

/// A report whose plan table could not be rebuilt keeps its header (agency, letter, year):
/// variant A with every table row removed is partial, not failed.
#[test]
fn a_report_without_its_table_keeps_its_header() {
    let t = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join("corpus/tatvar_2021.txt")).unwrap();
    let no_table: Vec<&str> = text.lines().filter(|l| !l.contains('\t')).collect();
    let f = t.path().join("no_table.txt");
    std::fs::write(&f, no_table.join("\n")).unwrap();
    let (_dir, out, _) = ingest(&[f.to_str().unwrap()]);
    let r = rows(&out, "reports").remove(0);
    assert_eq!(s(&r["status"]), "partial");
    assert_eq!(s(&r["agency"]), "Татварын ерөнхий газар");
    assert_eq!(r["year"], 2021);
    assert!(s(&r["error"]).contains("The header is kept"), "{r:?}");
    // Its evaluation's list of measures says it is a plan report; its conclusion stays.
    assert_eq!(s(&r["report_kind"]), "plan_report");
    assert_eq!(r["overall_score_stated"].as_f64(), Some(85.6));
}

/// Layout 4: one file per table and year, rows sorted by doc_id, row groups bounded, statistics
/// written; a later ingest of another year's report rewrites that year only (the other years'
/// files are the same files: hard links, same inode; those of the series tables too, as the
/// new report links to none of their rows).
#[test]
fn one_sorted_file_per_table_and_year_and_untouched_years_are_linked() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use std::os::unix::fs::MetadataExt;
    let (_dir, out, _) = ingest(&[
        SAMPLE,
        "corpus/ndeg_2020.txt",
        "corpus/gaali_2020.md",
        "corpus/tatvar_2021.txt",
    ]);
    for table in ["reports", "objectives", "measures", "findings", "metrics"] {
        let files = files(&out, table);
        let years: Vec<String> = files
            .iter()
            .map(|f| {
                f.parent()
                    .unwrap()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(years, ["year=2019", "year=2020", "year=2021"], "{table}");
        for f in &files {
            let reader = SerializedFileReader::new(std::fs::File::open(f).unwrap()).unwrap();
            let meta = reader.metadata();
            for rg in meta.row_groups() {
                assert!(rg.num_rows() <= 65_536);
                assert_eq!(
                    rg.sorting_columns().map(|s| s[0].column_idx),
                    Some(0),
                    "{f:?}"
                );
                if rg.num_rows() > 0 {
                    assert!(rg.column(0).statistics().is_some(), "{f:?}: no statistics");
                }
            }
        }
        for f in &files {
            let ids: Vec<String> = read_file_rows(f)
                .iter()
                .map(|r| r["doc_id"].as_str().unwrap().to_string())
                .collect();
            assert!(ids.windows(2).all(|w| w[0] <= w[1]), "{f:?}: {ids:?}");
        }
    }
    assert_eq!(rows(&out, "reports").len(), 4);
    // 2020 holds two reports: their rows come in doc_id order.
    let f2020 = out.join("measures/year=2020/part-0000.parquet");
    let ids: Vec<String> = read_file_rows(&f2020)
        .iter()
        .map(|r| r["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] <= w[1]), "{ids:?}");
    assert_eq!(
        ids.iter().collect::<std::collections::BTreeSet<_>>().len(),
        2
    );

    let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
    let before = [
        inode("reports/year=2019/part-0000.parquet"),
        inode("findings/year=2020/part-0000.parquet"),
        inode("metrics/year=2021/part-0000.parquet"),
        inode("measures/year=2019/part-0000.parquet"),
        inode("objectives/year=2021/part-0000.parquet"),
    ];
    let out_s = out.to_string_lossy().to_string();
    let (ok, stdout, stderr) = run(&["ingest", "corpus/sangiin_yaam_2022.html", "--out", &out_s]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("4 kept"), "{stdout}");
    let after = [
        inode("reports/year=2019/part-0000.parquet"),
        inode("findings/year=2020/part-0000.parquet"),
        inode("metrics/year=2021/part-0000.parquet"),
        inode("measures/year=2019/part-0000.parquet"),
        inode("objectives/year=2021/part-0000.parquet"),
    ];
    assert_eq!(before, after, "untouched partitions were written again");
    assert!(out.join("reports/year=2022/part-0000.parquet").exists());
    assert_eq!(rows(&out, "reports").len(), 5);
}

/// A dataset an older biyelelt wrote with another table layout is written anew when its
/// reports' files are given again (every one parsed again, the old tables not read); with a
/// report whose file is missing, refused with what to do, the dataset left as it was.
#[test]
fn a_dataset_of_an_older_layout_is_written_anew() {
    let (_dir, out, _) = ingest(&[SAMPLE, "corpus/gaali_2020.md"]);
    let manifest = out.join("_manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    m["version"] = serde_json::json!(4);
    std::fs::write(&manifest, m.to_string()).unwrap();
    // An old table's file, unreadable by this layout: never read.
    let old_measures = files(&out, "measures");
    std::fs::write(&old_measures[0], b"not the new layout").unwrap();
    let out_s = out.to_string_lossy().to_string();

    let (ok, stdout, stderr) = run(&["ingest", SAMPLE, "--out", &out_s]);
    assert!(!ok, "{stdout}");
    assert!(
        stderr.contains("layout 4")
            && stderr.contains("--prune")
            && stderr.contains("gaali_2020.md"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&old_measures[0]).unwrap(),
        b"not the new layout"
    );

    let (ok, stdout, stderr) = run(&["ingest", SAMPLE, "corpus/gaali_2020.md", "--out", &out_s]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("every input parsed again") && stdout.contains("layout 4"),
        "{stdout}"
    );
    assert!(stdout.contains("2 replaced"), "{stdout}");
    assert_eq!(rows(&out, "reports").len(), 2);
    assert_eq!(rows(&out, "measures").len(), 12 + 9);
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    assert_eq!(m["version"], biyelelt::dataset::LAYOUT_VERSION);
}
