//! Benchmark (not a test): the whole pipeline, PDF to Parquet, against poppler's
//! `pdftotext -bbox-layout` alone, on the same files, with the same number of workers.
//!
//!     cargo run --release --example bench_pdf [-- ROUNDS]
//!
//! Prints pages per second for both and their ratio (goal: ratio ≥ 1, the pipeline no slower
//! than poppler's extraction alone).

use rayon::prelude::*;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    let files: Vec<PathBuf> = [
        "sample_landscape.pdf",
        "sample_portrait.pdf",
        "tatvar_landscape.pdf",
        "tatvar_noborders.pdf",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect();
    let pages_per_round: u32 = files
        .iter()
        .map(|f| {
            let out = Command::new("pdfinfo")
                .arg(f)
                .output()
                .expect("pdfinfo (poppler-utils) runs");
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .find_map(|l| {
                    l.strip_prefix("Pages:")
                        .map(|n| n.trim().parse::<u32>().unwrap_or(0))
                })
                .unwrap_or(0)
        })
        .sum();
    let batch: Vec<PathBuf> = (0..rounds).flat_map(|_| files.clone()).collect();
    let pages = (pages_per_round as usize * rounds) as f64;
    let workers = rayon::current_num_threads();

    // The PDF reader alone (pdf-extract glyphs and paths), for the breakdown.
    let t = Instant::now();
    batch.par_iter().for_each(|f| {
        let bytes = std::fs::read(f).expect("fixture");
        biyelelt::read::pdf::read(f, &bytes, &Default::default(), &Default::default())
            .expect("readable");
    });
    let reader = t.elapsed().as_secs_f64();

    let tmp = std::env::temp_dir().join(format!("biyelelt-bench-{}", std::process::id()));
    let t = Instant::now();
    let reports = biyelelt::pipeline::process_all(&batch, &Default::default());
    let parse = t.elapsed().as_secs_f64();
    biyelelt::dataset::write(&tmp.join("ds"), &reports).expect("dataset written");
    let ours = t.elapsed().as_secs_f64();
    assert!(reports
        .iter()
        .all(|r| r.status == biyelelt::model::Status::Ok));

    let t = Instant::now();
    batch.par_iter().for_each(|f| {
        let out = Command::new("pdftotext")
            .args(["-bbox-layout", &f.to_string_lossy(), "-"])
            .output()
            .expect("pdftotext (poppler-utils) runs");
        assert!(out.status.success());
    });
    let poppler = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&tmp);

    println!(
        "files: {} ({} pages), {workers} worker(s)",
        batch.len(),
        pages
    );
    println!(
        "biyelelt ingest (PDF → Parquet): {:8.1} pages/s  ({ours:.3} s)",
        pages / ours
    );
    println!(
        "pdftotext -bbox-layout:          {:8.1} pages/s  ({poppler:.3} s)",
        pages / poppler
    );
    println!(
        "  of which read + layout + segment + checks {parse:.3} s (the PDF reader alone: {reader:.3} s), Parquet write {:.3} s",
        ours - parse
    );
    println!("ratio biyelelt / poppler: {:.2}", poppler / ours);
}
