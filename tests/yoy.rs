//! Year over year on the corpus: series across the sample's agency's three years, the `yoy`
//! views, the HTML page in headless Chromium, and the growing archive (skip, replace, prune).

mod common;

use common::{count_color, ingest, repo, rows, run, run_in, s, screenshot};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Which measure of the sample each measure of ndeg_2020/2021 recurs from (scripts/make_series.py).
fn truth() -> BTreeMap<String, BTreeMap<String, String>> {
    let text =
        std::fs::read_to_string(repo().join("tests/fixtures/series/ndeg_truth.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

const SAMPLE: &str = "corpus/000_ef92a22f4dcf0ecd.txt";

fn doc_of(reports: &[Map<String, Value>], path: &str) -> String {
    reports
        .iter()
        .find(|r| s(&r["source_path"]) == path)
        .map(|r| s(&r["doc_id"]).to_string())
        .unwrap_or_else(|| panic!("{path} ingested"))
}

#[test]
fn recurring_measures_share_one_series_and_distinct_ones_never_do() {
    let (_dir, out, _) = ingest(&["corpus"]);
    let reports = rows(&out, "reports");
    let measures = rows(&out, "measures");
    // The key of each measure of the series: the sample's own codes, and the truth file.
    let mut key_of: HashMap<(String, String), String> = HashMap::new();
    let sample = doc_of(&reports, SAMPLE);
    for m in measures.iter().filter(|m| s(&m["doc_id"]) == sample) {
        key_of.insert((sample.clone(), s(&m["code"]).into()), s(&m["code"]).into());
    }
    for (path, codes) in truth() {
        let doc = doc_of(&reports, &path);
        for (code, key) in codes {
            key_of.insert((doc.clone(), code), key);
        }
    }
    let mut series_of_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut key_of_series: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in &measures {
        let k = (s(&m["doc_id"]).to_string(), s(&m["code"]).to_string());
        if let Some(key) = key_of.get(&k) {
            series_of_key
                .entry(key.clone())
                .or_default()
                .insert(s(&m["series_id"]).into());
            key_of_series
                .entry(s(&m["series_id"]).into())
                .or_default()
                .insert(key.clone());
        }
    }
    assert_eq!(
        key_of.len(),
        12 + 13 + 12,
        "every measure of the three years is read"
    );
    for (key, ids) in &series_of_key {
        assert_eq!(ids.len(), 1, "measure {key} split over series {ids:?}");
    }
    for (id, keys) in &key_of_series {
        assert_eq!(
            keys.len(),
            1,
            "series {id} joins distinct measures {keys:?}"
        );
    }
    // No two measures of one report share a series, anywhere in the corpus.
    let mut seen = BTreeSet::new();
    for m in &measures {
        let k = (s(&m["doc_id"]).to_string(), s(&m["series_id"]).to_string());
        assert!(
            seen.insert(k.clone()),
            "two measures of {} in series {}",
            k.0,
            k.1
        );
    }
}

/// The margin of the same-agency threshold on the corpus series: every true link's similarity
/// against the largest similarity of two distinct measures of one objective.
#[test]
fn threshold_separates_rewordings_from_neighbours() {
    let (_dir, out, _) = ingest(&[SAMPLE, "corpus/ndeg_2020.txt", "corpus/ndeg_2021.txt"]);
    let measures = rows(&out, "measures");
    let (mut min_true, mut max_false) = (1.0f64, 0.0f64);
    for (i, a) in measures.iter().enumerate() {
        for b in &measures[i + 1..] {
            if a["doc_id"] == b["doc_id"] || a["objective_no"] != b["objective_no"] {
                continue;
            }
            let sim = biyelelt::normalize::similarity(s(&a["text"]), s(&b["text"]));
            if a["series_id"] == b["series_id"] {
                min_true = min_true.min(sim);
            } else {
                max_false = max_false.max(sim);
            }
        }
    }
    println!("same objective, other year: recurrences ≥ {min_true:.3}, distinct measures ≤ {max_false:.3}, threshold {}", biyelelt::series::SAME_NUMBER);
    assert!(max_false < biyelelt::series::SAME_NUMBER);
    assert!(min_true >= biyelelt::series::SAME_NUMBER);
}

#[test]
fn yoy_reports_added_dropped_and_falls() {
    let (_dir, out, _) = ingest(&["corpus"]);
    let out_s = out.to_string_lossy().to_string();
    let (ok, stdout, stderr) = run(&["yoy", &out_s, "--format", "json"]);
    assert!(ok, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let ndeg = v["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| s(&a["agency"]) == "Нийгмийн даатгалын ерөнхий газар")
        .expect("the sample's agency");
    let years: Vec<i64> = ndeg["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, vec![2019, 2020, 2021]);
    let measures = ndeg["measures"].as_array().unwrap();
    let appeared: Vec<&Value> = measures
        .iter()
        .filter(|m| !m["appeared"].as_array().unwrap().is_empty())
        .collect();
    let vanished: Vec<&Value> = measures
        .iter()
        .filter(|m| !m["vanished"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(appeared.len(), 1);
    assert_eq!(s(&appeared[0]["code"]), "6.4");
    assert_eq!(appeared[0]["appeared"], serde_json::json!([2020]));
    assert_eq!(vanished.len(), 1);
    assert!(s(&vanished[0]["text"]).starts_with("Төрийн үйлчилгээг иргэдэд чирэгдэлгүй"));
    assert_eq!(vanished[0]["vanished"], serde_json::json!([2021]));
    // 3.1 falls 100 → 40 in 2021: flagged, and the largest drop of the corpus with objective 3.
    let m31 = measures.iter().find(|m| s(&m["code"]) == "3.1").unwrap();
    assert_eq!(m31["years"]["2021"]["change"], serde_json::json!(-60.0));
    assert_eq!(m31["years"]["2021"]["drop"], serde_json::json!(true));
    let first_drop = &v["drops"][0];
    assert_eq!(first_drop["change"], serde_json::json!(-60.0));
    // Findings per year: the sample's conflict of measure 5.1 is among 2019's.
    assert!(ndeg["years"][0]["n_findings"].as_i64().unwrap() >= 1);

    let (ok, table, _) = run(&["yoy", &out_s]);
    assert!(ok);
    assert!(table.contains("dropped in 2021: 1.2"), "{table}");
    assert!(table.contains("added in 2020: 6.4"), "{table}");
    assert!(table.contains("40 (-60 ▼)"), "{table}");
    let (ok, csv, _) = run(&["yoy", &out_s, "--format", "csv"]);
    assert!(ok);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let flags: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[8].to_string())
        .collect();
    assert_eq!(flags.iter().filter(|f| *f == "added").count(), 1);
    assert_eq!(flags.iter().filter(|f| *f == "dropped").count(), 1);
    assert!(flags.iter().filter(|f| *f == "drop").count() >= 4);

    let (ok, explain, _) = run(&["series", &out_s, "--explain", s(&m31["series_id"])]);
    assert!(ok);
    assert_eq!(
        explain.matches("by rule same_agency_same_number").count(),
        3,
        "{explain}"
    );
}

#[test]
fn html_page_renders_in_headless_chromium_with_its_chart() {
    let (_dir, out, _) = ingest(&["corpus"]);
    let target = repo().join("target/test-output/yoy");
    std::fs::create_dir_all(&target).unwrap();
    let page = target.join("yoy.html");
    let (ok, _, stderr) = run(&[
        "yoy",
        &out.to_string_lossy(),
        "--format",
        "html",
        "-o",
        &page.to_string_lossy(),
    ]);
    assert!(ok, "{stderr}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("<svg") && !html.contains("<script"),
        "self-contained, no script"
    );
    let shot = target.join("screenshot.png");
    screenshot(&page, &shot, (1200, 1000));
    // The line of each agency with several years is drawn in its color.
    let view: Value =
        serde_json::from_str(&run(&["yoy", &out.to_string_lossy(), "--format", "json"]).1).unwrap();
    let idx = view["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .position(|a| a["years"].as_array().unwrap().len() > 1)
        .unwrap();
    let c = biyelelt::view::yoy::line_color(idx);
    let n = count_color(&shot, (c.0, c.1, c.2));
    println!(
        "screenshot {}: {n} pixels of the line color",
        shot.display()
    );
    assert!(
        n > 300,
        "the chart's line is not on the screenshot ({n} pixels)"
    );
    // The legend names every agency beside the plot (x past the plot's 610 px), never on it;
    // a long name cut after 40 characters with "…".
    for a in view["agencies"].as_array().unwrap() {
        let head: String = s(&a["agency"]).chars().take(40).collect();
        let name = maud::html! { (head) }.into_string();
        let at = regex::Regex::new(&format!(
            r#"<text x="(\d+)"[^>]*>\s*{}…?\s*</text>"#,
            regex::escape(&name)
        ))
        .unwrap();
        let x: u32 = at
            .captures(&html)
            .unwrap_or_else(|| panic!("{name} is not in the legend"))[1]
            .parse()
            .unwrap();
        assert!(x > 610, "{name} at x = {x}, on the plot");
    }
    // Mongolian labels on request: none of the English ones left.
    let mn = target.join("yoy-mn.html");
    let (ok, _, _) = run(&[
        "yoy",
        &out.to_string_lossy(),
        "--format",
        "html",
        "--lang",
        "mn",
        "-o",
        &mn.to_string_lossy(),
    ]);
    assert!(ok);
    let mn = std::fs::read_to_string(&mn).unwrap();
    for label in [
        "Year over year",
        "Biggest drops",
        "Objectives",
        "Measures",
        "Overall score by year",
        ">year<",
        ">overall<",
        "text (latest)",
        "Note:",
    ] {
        assert!(
            !mn.contains(label),
            "English label {label:?} on the mn page"
        );
    }
    assert!(mn.contains("Оноос онд") && mn.contains("Арга хэмжээнүүд"));
}

/// Every file's bytes; the manifest's without its files' stamps, which an ingest that changes
/// nothing records for files that were too recent to stamp when first ingested.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let mut bytes = std::fs::read(e.path()).unwrap();
            if rel == Path::new("_manifest.json") {
                let mut m: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                for entry in m["docs"].as_object_mut().unwrap().values_mut() {
                    entry.as_object_mut().unwrap().remove("stamp");
                }
                bytes = serde_json::to_vec(&m).unwrap();
            }
            (rel, bytes)
        })
        .collect()
}

#[test]
fn growing_archive_skips_unchanged_replaces_changed_and_prunes_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    for e in std::fs::read_dir(repo().join("corpus")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), archive.join(e.file_name())).unwrap();
    }
    let n_files = std::fs::read_dir(&archive).unwrap().count();
    let out = tmp.path().join("ds");
    let (a, o) = (
        archive.to_string_lossy().to_string(),
        out.to_string_lossy().to_string(),
    );
    let (ok, first, _) = run(&["ingest", &a, "--out", &o]);
    assert!(ok);
    assert!(
        first.contains(&format!("{n_files} file(s) parsed")),
        "{first}"
    );
    let before = snapshot(&out);

    let (ok, second, _) = run(&["ingest", &a, "--out", &o]);
    assert!(ok);
    assert!(
        second.contains(&format!(
            "0 file(s) parsed, {n_files} unchanged file(s) skipped"
        )),
        "{second}"
    );
    assert!(second.contains("nothing changed"), "{second}");
    assert!(
        snapshot(&out) == before,
        "the dataset changed on a re-ingest of unchanged files"
    );

    // One file edited: that file alone is parsed; its rows replaced.
    let edited = archive.join("ndeg_2021.txt");
    let text = std::fs::read_to_string(&edited)
        .unwrap()
        .replace("90.4 хувьтай", "90.4 хувьтай  ");
    std::fs::write(&edited, text).unwrap();
    let (ok, third, _) = run(&["ingest", &a, "--out", &o]);
    assert!(ok);
    assert!(
        third.contains(&format!("1 file(s) parsed, {} unchanged", n_files - 1)),
        "{third}"
    );
    assert!(third.contains("1 replaced"), "{third}");
    assert_eq!(rows(&out, "reports").len(), n_files);

    // Edited again, and ingested from another folder by a relative path: the same file, so
    // its report is replaced, not added beside the old one.
    let text = std::fs::read_to_string(&edited)
        .unwrap()
        .replace("90.4 хувьтай  ", "90.4 хувьтай ");
    std::fs::write(&edited, text).unwrap();
    let (ok, relative, _) = run_in(tmp.path(), &["ingest", "archive", "--out", "ds"]);
    assert!(ok);
    assert!(relative.contains("1 replaced"), "{relative}");
    assert_eq!(rows(&out, "reports").len(), n_files);

    // A file removed from the archive stays in the dataset unless --prune.
    let gaali = rows(&out, "reports")
        .iter()
        .find(|r| s(&r["source_path"]).ends_with("gaali_2020.md"))
        .map(|r| s(&r["doc_id"]).to_string())
        .unwrap();
    std::fs::remove_file(archive.join("gaali_2020.md")).unwrap();
    let (ok, fourth, _) = run(&["ingest", &a, "--out", &o]);
    assert!(ok);
    assert!(
        fourth.contains("1 report(s) of the dataset have no file among the inputs: kept"),
        "{fourth}"
    );
    assert_eq!(rows(&out, "reports").len(), n_files);
    let (ok, fifth, _) = run(&["ingest", &a, "--out", &o, "--prune"]);
    assert!(ok);
    assert!(fifth.contains("1 removed"), "{fifth}");
    assert_eq!(rows(&out, "reports").len(), n_files - 1);
    assert!(rows(&out, "measures")
        .iter()
        .all(|m| s(&m["doc_id"]) != gaali));
}

#[test]
fn yoy_on_a_folder_without_a_dataset_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let (ok, _, stderr) = run(&["yoy", &tmp.path().to_string_lossy()]);
    assert!(!ok);
    assert!(
        stderr.contains("no dataset here") && stderr.contains("biyelelt ingest"),
        "{stderr}"
    );
}

/// The series links of the whole corpus are those the all-pairs linking made before the
/// similarity join replaced it (tests/fixtures/series/corpus_links.json, from 00699f6).
#[test]
fn corpus_links_are_those_of_the_all_pairs_linking() {
    // The corpus as it was then (the scan came later).
    let (_dir, out, _) = ingest(&[
        "corpus/000_ef92a22f4dcf0ecd.txt",
        "corpus/burtgel_2018_cp1251.txt",
        "corpus/gaali_2020.md",
        "corpus/ndeg_2020.txt",
        "corpus/ndeg_2021.txt",
        "corpus/niislel_2021_chromium.pdf",
        "corpus/sangiin_yaam_2022.html",
        "corpus/tatvar_2021.txt",
    ]);
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/series/corpus_links.json")).unwrap(),
    )
    .unwrap();
    let paths = source_paths(&out);
    let path_of = |doc: &str| paths[doc].clone();
    for (table, id, key) in [
        ("measures", "series_id", "code"),
        ("objectives", "objective_series_id", "objective_no"),
    ] {
        let mut got: Vec<Value> = rows(&out, table)
            .iter()
            .map(|r| {
                let key = match &r[key] {
                    Value::String(k) => k.clone(),
                    other => other.to_string(),
                };
                serde_json::json!([
                    path_of(s(&r["doc_id"])),
                    key,
                    r[id],
                    r["series_link"],
                    r["series_method"]
                ])
            })
            .collect();
        got.sort_by_key(|v| v.to_string());
        let mut want = expected[table].as_array().unwrap().clone();
        want.sort_by_key(|v| v.to_string());
        assert_eq!(got, want, "{table}");
    }
}

/// Each report's source path by doc_id.
fn source_paths(out: &Path) -> HashMap<String, String> {
    rows(out, "reports")
        .iter()
        .map(|r| {
            (
                s(&r["doc_id"]).to_string(),
                s(&r["source_path"]).to_string(),
            )
        })
        .collect()
}

/// Series ids of a dataset's measures and objectives: (report path, code) → id.
fn series_ids(out: &Path) -> BTreeMap<(String, String, String), String> {
    let paths = source_paths(out);
    let path_of = |doc: &str| paths[doc].clone();
    let mut ids = BTreeMap::new();
    for (table, id, key) in [
        ("measures", "series_id", "code"),
        ("objectives", "objective_series_id", "objective_no"),
    ] {
        for r in rows(out, table) {
            let key = match &r[key] {
                Value::String(k) => k.clone(),
                k => k.to_string(),
            };
            ids.insert(
                (table.to_string(), path_of(s(&r["doc_id"])), key),
                s(&r[id]).to_string(),
            );
        }
    }
    ids
}

/// An analyst's saved series id keeps finding its series when an earlier year's report is
/// ingested after a later one (the earlier report would otherwise name the series).
#[test]
fn series_ids_persist_when_an_earlier_year_is_ingested_later() {
    let tmp = tempfile::tempdir().unwrap();
    let o = tmp.path().join("ds").to_string_lossy().to_string();
    let (ok, _, stderr) = run(&["ingest", "corpus/ndeg_2021.txt", "--out", &o]);
    assert!(ok, "{stderr}");
    let later = series_ids(Path::new(&o));
    let (ok, _, stderr) = run(&["ingest", "corpus/ndeg_2020.txt", "--out", &o]);
    assert!(ok, "{stderr}");
    let both = series_ids(Path::new(&o));
    for (key, id) in &later {
        assert_eq!(both.get(key), Some(id), "{key:?} changed its series id");
    }
    // The 2020 report's recurrences joined those series (under their old ids).
    let kept: BTreeSet<&String> = later.values().collect();
    let joined = both
        .iter()
        .filter(|(k, id)| k.1.ends_with("ndeg_2020.txt") && kept.contains(id))
        .count();
    assert!(
        joined >= 5,
        "only {joined} 2020 members joined the 2021 series"
    );
    // Ingested together, the series are named after their 2020 members: the ids above are
    // kept, not what a fresh ingest would give.
    let (_dir, fresh_out, _) = ingest(&["corpus/ndeg_2021.txt", "corpus/ndeg_2020.txt"]);
    let fresh = series_ids(&fresh_out);
    let renamed = later.iter().filter(|(k, id)| fresh[*k] != **id).count();
    assert!(
        renamed > 0,
        "a fresh ingest names the series alike: the test shows nothing"
    );
    // `series --explain` finds a kept id.
    let some_id = later.values().next().unwrap();
    let (ok, stdout, _) = run(&["series", &o, "--explain", some_id]);
    assert!(ok && stdout.contains(some_id.as_str()), "{stdout}");
}

/// `yoy -o` writes a new file or its own page again; a file it did not write only with
/// --force.
#[test]
fn yoy_never_overwrites_a_file_it_did_not_write() {
    let (dir, out, _) = ingest(&["corpus/ndeg_2020.txt", "corpus/ndeg_2021.txt"]);
    let o = out.to_string_lossy().to_string();
    let mine = dir.path().join("notes.csv");
    std::fs::write(&mine, "my,notes\n").unwrap();
    let m = mine.to_string_lossy().to_string();
    let (ok, _, stderr) = run(&["yoy", &o, "--format", "csv", "-o", &m]);
    assert!(!ok);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my,notes\n");
    let (ok, _, stderr) = run(&["yoy", &o, "--format", "csv", "-o", &m, "--force"]);
    assert!(ok, "{stderr}");
    assert!(std::fs::read_to_string(&mine)
        .unwrap()
        .starts_with("agency,"));
    // Its own page, again and again.
    let page = dir.path().join("yoy.html").to_string_lossy().to_string();
    for _ in 0..2 {
        let (ok, _, stderr) = run(&["yoy", &o, "--format", "html", "-o", &page]);
        assert!(ok, "{stderr}");
    }
}

/// Each series row's link as the dataset stores it: (report path, table, code) → (link,
/// similarity, method), the linked member named by its report's path.
fn links(out: &Path) -> BTreeMap<(String, String, String), (Value, Value, Value)> {
    let paths = source_paths(out);
    let mut links = BTreeMap::new();
    for (table, key) in [("measures", "code"), ("objectives", "objective_no")] {
        for r in rows(out, table) {
            let link = match &r["series_link"] {
                Value::String(l) => {
                    let (doc, code) = l.split_once('/').unwrap();
                    Value::String(format!("{}/{code}", paths[doc]))
                }
                v => v.clone(),
            };
            links.insert(
                (
                    paths[s(&r["doc_id"])].clone(),
                    table.to_string(),
                    r[key].to_string(),
                ),
                (
                    link,
                    r["series_similarity"].clone(),
                    r["series_method"].clone(),
                ),
            );
        }
    }
    links
}

/// An archive ingested in two steps keeps the join's state beside its tables, and the second
/// step, which probes only the texts it brings, links every measure and objective as one
/// ingest of all the files does.
#[test]
fn a_dataset_grown_in_steps_links_as_one_ingested_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    // The tax office's measures link to the registry's across agencies (the join's work).
    let later = "tatvar_2021.txt";
    let texts = [
        "000_ef92a22f4dcf0ecd.txt",
        "ndeg_2020.txt",
        "burtgel_2018_cp1251.txt",
        "gaali_2020.md",
    ];
    for f in texts {
        std::fs::copy(repo().join("corpus").join(f), archive.join(f)).unwrap();
    }
    let (a, grown, whole) = (
        archive.to_string_lossy().to_string(),
        tmp.path().join("grown"),
        tmp.path().join("whole"),
    );
    assert!(run(&["ingest", &a, "--out", &grown.to_string_lossy()]).0);
    assert!(grown.join("_series/measures.parquet").is_file());
    // Its verbs reworded ("байгуулах" → "байгуулна": will organize), so that its texts are new
    // to the join's state and are probed against the kept ones.
    let text = std::fs::read_to_string(repo().join("corpus").join(later)).unwrap();
    let reworded = regex::Regex::new(r"л([эао])х\b")
        .unwrap()
        .replace_all(&text, "лн$1");
    assert_ne!(reworded, text);
    std::fs::write(archive.join(later), reworded.as_ref()).unwrap();
    let (ok, out, _) = run(&["ingest", &a, "--out", &grown.to_string_lossy()]);
    assert!(ok && out.contains("1 file(s) parsed"), "{out}");
    assert!(run(&["ingest", &a, "--out", &whole.to_string_lossy()]).0);
    let (g, w) = (links(&grown), links(&whole));
    assert_eq!(g, w);
    let across = g
        .iter()
        .filter(|(k, l)| k.0.ends_with(later) && l.2 == "other_agency_programme")
        .count();
    assert!(across >= 10, "{across} links across agencies");
}
