//! Helpers for the integration tests: run the CLI, read a dataset table back from Parquet.

#![allow(dead_code)]

use arrow::json::ArrayWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `biyelelt ARGS` from the repository root; returns (exit ok, stdout, stderr).
pub fn run(args: &[&str]) -> (bool, String, String) {
    run_in(&repo(), args)
}

/// Run `biyelelt ARGS` from folder `cwd`; returns (exit ok, stdout, stderr).
pub fn run_in(cwd: &Path, args: &[&str]) -> (bool, String, String) {
    let (code, stdout, stderr) = run_status(cwd, args);
    (code == Some(0), stdout, stderr)
}

/// Run `biyelelt ARGS` from folder `cwd`; returns (exit code, stdout, stderr).
pub fn run_status(cwd: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_biyelelt"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the biyelelt binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Ingest `inputs` into a fresh dataset folder; returns the folder (kept alive by the TempDir).
pub fn ingest(inputs: &[&str]) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("ds");
    let mut args = vec!["ingest"];
    args.extend_from_slice(inputs);
    let out_s = out.to_string_lossy().to_string();
    args.extend_from_slice(&["--out", &out_s]);
    let (ok, stdout, stderr) = run(&args);
    assert!(ok, "ingest failed:\n{stdout}\n{stderr}");
    (dir, out, stdout)
}

/// Every Parquet file under DIR/<table>, sorted by path.
pub fn files(out: &Path, table: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(out.join(table))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
        .collect();
    files.sort();
    files
}

/// All rows of a table as JSON objects (nulls kept as explicit nulls).
pub fn rows(out: &Path, table: &str) -> Vec<Map<String, Value>> {
    files(out, table)
        .iter()
        .flat_map(|f| read_file_rows(f))
        .collect()
}

/// All rows of one Parquet file as JSON objects (nulls kept as explicit nulls).
pub fn read_file_rows(f: &Path) -> Vec<Map<String, Value>> {
    let mut rows = Vec::new();
    let file = std::fs::File::open(f).expect("open parquet");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("parquet footer")
        .build()
        .expect("reader");
    for batch in reader {
        let batch = batch.expect("batch");
        let mut buf = Vec::new();
        let mut w = ArrayWriter::new(&mut buf);
        w.write(&batch).expect("json");
        w.finish().expect("json");
        if buf.is_empty() {
            continue;
        }
        let v: Vec<Map<String, Value>> = serde_json::from_slice(&buf).expect("json rows");
        let schema = batch.schema();
        for mut r in v {
            for field in schema.fields() {
                r.entry(field.name().clone()).or_insert(Value::Null);
            }
            rows.push(r);
        }
    }
    rows
}

/// Rows of one report (by source path ending).
pub fn rows_of(out: &Path, table: &str, path_suffix: &str) -> Vec<Map<String, Value>> {
    let reports = rows(out, "reports");
    let doc = reports
        .iter()
        .find(|r| {
            r["source_path"]
                .as_str()
                .is_some_and(|p| p.ends_with(path_suffix))
        })
        .unwrap_or_else(|| panic!("no report {path_suffix}"))["doc_id"]
        .clone();
    rows(out, table)
        .into_iter()
        .filter(|r| r["doc_id"] == doc)
        .collect()
}

pub fn f(v: &Value) -> Option<f64> {
    v.as_f64()
}

pub fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Rows projected on some columns and sorted, for comparing two reports' tables row by row.
pub fn project(rows: Vec<Map<String, Value>>, cols: &[&str]) -> Vec<Vec<Value>> {
    let mut out: Vec<Vec<Value>> = rows
        .into_iter()
        .map(|r| cols.iter().map(|c| r[*c].clone()).collect())
        .collect();
    out.sort_by_key(|r| serde_json::to_string(r).unwrap());
    out
}

/// A screenshot of a page (HTML or SVG) taken by headless Chromium, `size` (width, height) in
/// pixels.
pub fn screenshot(page: &Path, shot: &Path, size: (u32, u32)) {
    let _ = std::fs::remove_file(shot);
    let profile = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.path().display()),
            &format!("--window-size={},{}", size.0, size.1),
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", page.display()),
        ])
        .output()
        .expect("chromium runs: apt-get install chromium (make test installs it)");
    assert!(
        shot.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// Count the pixels of one exact color in a PNG.
pub fn count_color(png_path: &Path, rgb: (u8, u8, u8)) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    buf[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| (p[0], p[1], p[2]) == rgb)
        .count()
}
