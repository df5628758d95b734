//! Benchmark (not a test): re-ingesting an unchanged archive against hashing its files.
//!
//!     cargo run --release --example bench_archive [-- COPIES]
//!
//! Builds an archive of COPIES (default 100) distinct copies of each corpus report (one line
//! added to each, so every file has its own content) and of its PDFs, ingests it once, then
//! times a second ingest (nothing to parse) against SHA-256 of the same files with the same
//! workers. Goal: the second run takes about the hashing time (ratio near 1).

use biyelelt::{archive, pipeline};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let copies: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("archive");
    std::fs::create_dir(&dir).unwrap();
    let mut bytes_total = 0usize;
    for entry in std::fs::read_dir(repo.join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for i in 0..copies {
            let mut copy = text.clone();
            copy.extend_from_slice(format!("\n{i}\n").as_bytes());
            bytes_total += copy.len();
            std::fs::write(dir.join(format!("{i:04}_{name}")), copy).unwrap();
        }
    }
    let files = pipeline::collect_inputs(std::slice::from_ref(&dir));
    let out = tmp.path().join("ds");
    let t = Instant::now();
    archive::ingest(
        &files,
        &out,
        archive::Options::default(),
        |_| {},
        |_, _, _| {},
    )
    .expect("first ingest");
    let first = t.elapsed().as_secs_f64();

    let rounds = 5;
    let (mut again, mut hashing) = (f64::MAX, f64::MAX);
    for _ in 0..rounds {
        let t = Instant::now();
        let o = archive::ingest(
            &files,
            &out,
            archive::Options::default(),
            |_| {},
            |_, _, _| {},
        )
        .expect("re-ingest");
        again = again.min(t.elapsed().as_secs_f64());
        assert!(o.tally.reports == 0 && o.written.is_none());
        let t = Instant::now();
        let h = archive::hash_files(&files, &Default::default());
        hashing = hashing.min(t.elapsed().as_secs_f64());
        assert_eq!(h.len(), files.len());
    }
    println!(
        "{} files, {:.1} MB, {} workers",
        files.len(),
        bytes_total as f64 / 1e6,
        rayon::current_num_threads()
    );
    println!("  first ingest (parse all):      {first:8.3} s");
    println!("  re-ingest, unchanged (best of {rounds}): {again:8.3} s");
    println!("  SHA-256 of the files (best of {rounds}): {hashing:8.3} s");
    println!(
        "  re-ingest / hashing: {:.2} (goal: about 1)",
        again / hashing
    );
}
