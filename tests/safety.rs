//! Never lose a user's files, never lose a batch: what `--out` may be, one writer at a time,
//! a kill at any moment, leftovers of killed runs. Each test runs the CLI as a user would.

mod common;

use common::{repo, rows, run, s};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_biyelelt");

fn ingest_into(inputs: &[&Path], out: &Path, extra: &[&str]) -> (bool, String, String) {
    let mut args: Vec<String> = vec!["ingest".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    args.extend(extra.iter().map(|a| a.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&refs)
}

/// `n` distinct reports (corpus files, each with its own closing line) in `dir`; reports of
/// different folders differ too.
fn batch(dir: &Path, n: usize) -> PathBuf {
    let tag = dir.file_name().unwrap().to_string_lossy().to_string();
    let corpus = [
        "ndeg_2020.txt",
        "ndeg_2021.txt",
        "tatvar_2021.txt",
        "gaali_2020.md",
    ];
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let name = corpus[i % corpus.len()];
        let mut text = std::fs::read_to_string(repo().join("corpus").join(name)).unwrap();
        text.push_str(&format!("\nХуулбар {tag} {i}.\n"));
        let ext = Path::new(name).extension().unwrap().to_string_lossy();
        std::fs::write(dir.join(format!("r{i:04}.{ext}")), text).unwrap();
    }
    dir.to_path_buf()
}

/// Names beginning with a dot beside the dataset (staging folders, backups, lock files).
fn leftovers(out: &Path) -> Vec<String> {
    std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// The dataset is whole: its manifest lists exactly the reports whose files are there, every
/// table has a file per report, no doc_id twice. Returns the doc_ids.
fn assert_whole(out: &Path) -> BTreeSet<String> {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("_manifest.json")).unwrap())
            .unwrap();
    let docs: BTreeSet<String> = manifest["docs"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let reports = rows(out, "reports");
    let ids: Vec<String> = reports
        .iter()
        .map(|r| s(&r["doc_id"]).to_string())
        .collect();
    let unique: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(ids.len(), unique.len(), "a doc_id twice in reports");
    assert_eq!(unique, docs, "reports rows and manifest differ");
    let partitions: BTreeSet<String> = manifest["docs"]
        .as_object()
        .unwrap()
        .values()
        .map(|e| s(&e["partition"]).to_string())
        .collect();
    for table in [
        "reports",
        "objectives",
        "measures",
        "narrative_items",
        "metrics",
        "findings",
    ] {
        // One file per table and year partition.
        assert_eq!(common::files(out, table).len(), partitions.len(), "{table}");
    }
    docs
}

#[test]
fn a_folder_of_other_files_is_refused_and_untouched() {
    let t = tempfile::tempdir().unwrap();
    let u = t.path().join("u");
    std::fs::create_dir(&u).unwrap();
    std::fs::write(u.join("thesis.docx"), "my thesis").unwrap();
    let (ok, _, stderr) = ingest_into(&[&repo().join("corpus/tatvar_2021.txt")], &u, &[]);
    assert!(!ok);
    assert!(stderr.contains("not a biyelelt dataset"), "{stderr}");
    assert!(stderr.contains("thesis.docx"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(u.join("thesis.docx")).unwrap(),
        "my thesis"
    );
    assert!(leftovers(&u).is_empty(), "{:?}", leftovers(&u));
    // A file where the folder should be.
    let (ok, _, stderr) = ingest_into(
        &[&repo().join("corpus/tatvar_2021.txt")],
        &u.join("thesis.docx"),
        &[],
    );
    assert!(!ok && stderr.contains("not a folder"), "{stderr}");
}

#[test]
fn the_reports_folder_is_never_the_output() {
    let t = tempfile::tempdir().unwrap();
    let reports = batch(&t.path().join("reports"), 2);
    let (ok, _, stderr) = ingest_into(&[&reports], &reports, &[]);
    assert!(!ok);
    assert!(stderr.contains("inside the output folder"), "{stderr}");
    assert_eq!(std::fs::read_dir(&reports).unwrap().count(), 2);
    // Nor a dataset into which a report was copied.
    let ds = t.path().join("ds");
    assert!(ingest_into(&[&reports], &ds, &[]).0);
    std::fs::copy(reports.join("r0000.txt"), ds.join("r0000.txt")).unwrap();
    let (ok, _, stderr) = ingest_into(&[&ds.join("r0000.txt")], &ds, &[]);
    assert!(
        !ok && stderr.contains("inside the output folder"),
        "{stderr}"
    );
    assert!(ds.join("r0000.txt").exists());
}

#[test]
fn a_dataset_holding_a_foreign_file_is_refused_and_the_file_kept() {
    let t = tempfile::tempdir().unwrap();
    let ds = t.path().join("ds");
    let sample = repo().join("corpus/tatvar_2021.txt");
    assert!(ingest_into(&[&sample], &ds, &[]).0);
    std::fs::write(ds.join("measures").join("notes.md"), "mine").unwrap();
    let (ok, _, stderr) = ingest_into(&[&repo().join("corpus/gaali_2020.md")], &ds, &[]);
    assert!(!ok);
    assert!(stderr.contains("did not write"), "{stderr}");
    assert!(stderr.contains("notes.md"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(ds.join("measures/notes.md")).unwrap(),
        "mine"
    );
    assert_eq!(assert_whole(&ds).len(), 1);
}

#[test]
fn out_dot_and_relative_paths_work() {
    let t = tempfile::tempdir().unwrap();
    let ds = t.path().join("ds");
    std::fs::create_dir(&ds).unwrap();
    let sample = repo().join("corpus/tatvar_2021.txt");
    let out = Command::new(BIN)
        .args(["ingest", &sample.display().to_string(), "--out", "."])
        .current_dir(&ds)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(assert_whole(&ds).len(), 1);
    let out = Command::new(BIN)
        .args(["ingest", &sample.display().to_string(), "--out", "x/../ds2"])
        .current_dir(t.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(assert_whole(&t.path().join("ds2")).len(), 1);
    assert!(!t.path().join("x").exists());
    assert!(leftovers(&ds).is_empty(), "{:?}", leftovers(&ds));
}

/// An ingest running in the background, its output dropped.
fn spawn_ingest(inputs: &Path, out: &Path) -> std::process::Child {
    Command::new(BIN)
        .args([
            "ingest",
            &inputs.display().to_string(),
            "--out",
            &out.display().to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Start an ingest and wait until it holds the dataset's lock (the lock file names its pid).
fn start_holding(inputs: &Path, out: &Path) -> std::process::Child {
    let child = spawn_ingest(inputs, out);
    let lock = out.with_file_name(format!(
        ".{}.lock",
        out.file_name().unwrap().to_string_lossy()
    ));
    let start = Instant::now();
    let holder = format!("pid {} since", child.id());
    while !std::fs::read_to_string(&lock)
        .unwrap_or_default()
        .starts_with(&holder)
    {
        assert!(start.elapsed() < Duration::from_secs(60), "no lock taken");
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

#[test]
fn a_second_ingest_fails_at_once_naming_the_holder_or_waits_with_wait() {
    let t = tempfile::tempdir().unwrap();
    let first = batch(&t.path().join("a"), 120);
    let second = batch(&t.path().join("b"), 8);
    let ds = t.path().join("ds");
    let mut a = start_holding(&first, &ds);
    let (ok, _, stderr) = ingest_into(&[&second], &ds, &[]);
    assert!(!ok, "the second ingest must not run beside the first");
    assert!(stderr.contains("another ingest is writing"), "{stderr}");
    assert!(stderr.contains(&format!("pid {}", a.id())), "{stderr}");
    // With --wait it queues behind the holder, and neither batch is lost.
    let (ok, _, stderr) = ingest_into(&[&second], &ds, &["--wait"]);
    assert!(ok, "{stderr}");
    assert!(a.wait().unwrap().success());
    assert_eq!(assert_whole(&ds).len(), 128);
    assert!(leftovers(&ds).is_empty(), "{:?}", leftovers(&ds));
}

#[test]
fn a_killed_ingest_leaves_the_old_or_the_new_dataset_whole_and_the_next_run_cleans_up() {
    let t = tempfile::tempdir().unwrap();
    let old = batch(&t.path().join("old"), 3);
    let new = batch(&t.path().join("new"), 80);
    let ds = t.path().join("ds");
    assert!(ingest_into(&[&old], &ds, &[]).0);
    let old_docs = assert_whole(&ds);
    // Kill points from before parsing ends to during the write and swap.
    for ms in [
        30u64, 150, 400, 800, 1200, 1700, 2200, 2500, 2800, 3100, 3500, 4000,
    ] {
        let mut child = spawn_ingest(&new, &ds);
        std::thread::sleep(Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
        let docs = assert_whole(&ds);
        assert!(
            docs == old_docs || docs.len() == old_docs.len() + 80,
            "killed at {ms} ms: {} reports",
            docs.len()
        );
    }
    let (ok, stdout, stderr) = ingest_into(&[&old, &new], &ds, &[]);
    assert!(ok, "{stderr}");
    assert_eq!(assert_whole(&ds).len(), 83, "{stdout}");
    assert!(leftovers(&ds).is_empty(), "{:?}", leftovers(&ds));
}

#[test]
fn stale_staging_and_ocr_temp_folders_of_dead_runs_are_removed() {
    let t = tempfile::tempdir().unwrap();
    let ds = t.path().join("ds");
    let stale = t.path().join(".ds.staging-999999999");
    std::fs::create_dir_all(stale.join("reports/year=2019")).unwrap();
    std::fs::write(stale.join("_manifest.json"), "{}").unwrap();
    // Not ours: kept.
    let other = t.path().join(".ds.staging-notes");
    std::fs::create_dir(&other).unwrap();
    // An OCR temp folder of a pid that does not run (above the kernel's pid_max).
    let ocr_tmp = std::env::temp_dir().join("biyelelt-ocr-999999999-abcdef");
    std::fs::create_dir_all(&ocr_tmp).unwrap();
    let (ok, stdout, stderr) = ingest_into(&[&repo().join("corpus/tatvar_2021.txt")], &ds, &[]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("removed 1 staging folder"), "{stdout}");
    assert!(!stale.exists());
    assert!(other.exists());
    assert!(!ocr_tmp.exists());
}

#[test]
fn a_report_that_overruns_its_time_is_failed_and_the_batch_goes_on() {
    let t = tempfile::tempdir().unwrap();
    let ds = t.path().join("ds");
    let scan = repo().join("tests/fixtures/scan/sample_scan.pdf");
    let text = repo().join("corpus/tatvar_2021.txt");
    let start = Instant::now();
    let (ok, stdout, stderr) = ingest_into(&[&scan, &text], &ds, &["--max-seconds", "1"]);
    assert!(ok, "{stderr}");
    // Nine pages of OCR take far longer than the limit: the run did not wait for them.
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    let reports = rows(&ds, "reports");
    let by = |suffix: &str| {
        reports
            .iter()
            .find(|r| s(&r["source_path"]).ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix}: {stdout}"))
    };
    let scan_row = by("sample_scan.pdf");
    assert_eq!(s(&scan_row["status"]), "failed");
    assert!(s(&scan_row["error"]).contains("did not finish within 1 s"));
    assert_eq!(s(&by("tatvar_2021.txt")["status"]), "ok");
}
