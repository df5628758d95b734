//! Benchmark (not a test) for scanned reports:
//! - the pipeline's time per scanned page (`biyelelt show` with one worker: render, OCR,
//!   layout, segmentation, checks) against plain `pdftoppm` + `tesseract -l mon` on the same
//!   pages, as a ratio;
//! - the speedup of two workers over one;
//! - the character error rate of the scan's text against its born-digital PDF, before and
//!   after normalization.
//!
//!     cargo build --release && cargo run --release --example bench_ocr   (make bench-ocr)

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn text_of(doc: &biyelelt::layout::Document) -> String {
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            biyelelt::layout::Block::Paragraph(p) => out.push(p.text.clone()),
            biyelelt::layout::Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        out.extend(c.paragraphs.iter().cloned());
                    }
                }
            }
        }
    }
    out.join(" ")
}

fn cer(hyp: &str, reference: &str) -> f64 {
    let h: Vec<char> = hyp.chars().collect();
    let r: Vec<char> = reference.chars().collect();
    strsim::generic_levenshtein(&h, &r) as f64 / r.len().max(1) as f64
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let pairs = [
        (
            "tests/fixtures/scan/tatvar_scan.pdf",
            "tests/fixtures/pdf/tatvar_landscape.pdf",
        ),
        (
            "tests/fixtures/scan/sample_scan.pdf",
            "tests/fixtures/pdf/sample_landscape.pdf",
        ),
    ];
    // Built by `make bench-ocr` before this runs.
    let cli = root.join("target/release/biyelelt");
    let tmp = std::env::temp_dir().join(format!("biyelelt-bench-ocr-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for (scan, pdf) in pairs {
        let scan = root.join(scan);
        let pdf = root.join(pdf);
        let pages = biyelelt::pipeline::process_file(&scan, &Default::default())
            .n_pages
            .unwrap_or(0) as f64;

        // Plain engine: render each page and OCR it, one after the other.
        let t = Instant::now();
        for p in 1..=pages as u32 {
            let stem = tmp.join(format!("p{p}"));
            let ok = Command::new("pdftoppm")
                .args([
                    "-r",
                    "300",
                    "-gray",
                    "-singlefile",
                    "-f",
                    &p.to_string(),
                    "-l",
                    &p.to_string(),
                ])
                .arg(&scan)
                .arg(&stem)
                .status()
                .unwrap()
                .success();
            assert!(ok);
            let ok = Command::new("tesseract")
                .arg(stem.with_extension("pgm"))
                .args(["-", "-l", "mon", "tsv"])
                .env("OMP_THREAD_LIMIT", "1")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap()
                .success();
            assert!(ok);
        }
        let plain = t.elapsed().as_secs_f64() / pages;

        // The CLI as a user runs it, its workers set by RAYON_NUM_THREADS (the pipeline reads
        // each report on a thread of its own, outside any pool this process could install).
        let run = |workers: usize| {
            let t = Instant::now();
            let ok = Command::new(&cli)
                .arg("show")
                .arg(&scan)
                .env("RAYON_NUM_THREADS", workers.to_string())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap()
                .success();
            assert!(ok, "{} show {} failed", cli.display(), scan.display());
            t.elapsed().as_secs_f64() / pages
        };
        let one = run(1);
        let two = run(2);

        let read = |p: &Path| {
            let bytes = std::fs::read(p).unwrap();
            text_of(
                &biyelelt::read::read_bytes(p, &bytes, &Default::default(), &Default::default())
                    .unwrap()
                    .document,
            )
        };
        let reference = biyelelt::normalize::normalize(&read(&pdf));
        let ocr_raw = read(&scan);
        let before = cer(&biyelelt::normalize::fold_whitespace(&ocr_raw), &reference);
        let after = cer(&biyelelt::normalize::normalize(&ocr_raw), &reference);

        println!(
            "{} ({} pages)",
            scan.file_name().unwrap().to_string_lossy(),
            pages
        );
        println!("  pdftoppm + tesseract -l mon: {plain:6.2} s/page");
        println!(
            "  biyelelt, 1 worker:           {one:6.2} s/page   overhead {:+.1}%",
            (one / plain - 1.0) * 100.0
        );
        println!(
            "  biyelelt, 2 workers:          {two:6.2} s/page   speedup {:.2}x",
            one / two
        );
        println!(
            "  character error rate vs born-digital: {:.2}% raw, {:.2}% normalized",
            before * 100.0,
            after * 100.0
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
