//! Benchmark (not a test): the whole pipeline, PDF to Parquet, against poppler's
//! `pdftotext -bbox-layout` alone, on the same files, with the same number of workers.
//!
//!     cargo run --release --example bench_pdf [-- ROUNDS]      the fixtures, ROUNDS times (20)
//!     cargo run --release --example bench_pdf -- --dir DIR     every PDF under DIR, once
//!
//! With `--dir` (the conformance run's work folder, say), files are grouped by the folder they
//! are in (one per PDF producer there) and each group is measured too. Prints CPU seconds, user
//! and system, of both and their ratio, pipeline over poppler (goal: ≤ 1.0), and pages per
//! second of wall time.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// CPU seconds (user + system) of this process, or of its waited-for children.
fn cpu(who: i32) -> f64 {
    // SAFETY: getrusage writes one rusage struct we own.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut u) };
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
    t(u.ru_utime) + t(u.ru_stime)
}

fn pages_of(f: &Path) -> u32 {
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
}

struct Measured {
    files: usize,
    pages: u32,
    ok: usize,
    ours_cpu: f64,
    ours_wall: f64,
    reader_cpu: f64,
    /// The dataset write's share of `ours_cpu`: a cost per dataset more than per page.
    write_cpu: f64,
    poppler_cpu: f64,
    poppler_wall: f64,
}

fn measure(batch: &[PathBuf]) -> Measured {
    let pages: u32 = batch.iter().map(|f| pages_of(f)).sum();

    // The PDF reader alone (pdf-extract glyphs and paths), for the breakdown.
    let c = cpu(libc::RUSAGE_SELF);
    batch.par_iter().for_each(|f| {
        let bytes = std::fs::read(f).expect("readable file");
        let _ = biyelelt::read::pdf::read(f, &bytes, &Default::default(), &Default::default());
    });
    let reader_cpu = cpu(libc::RUSAGE_SELF) - c;

    let tmp = std::env::temp_dir().join(format!("biyelelt-bench-{}", std::process::id()));
    let (c, t) = (cpu(libc::RUSAGE_SELF), Instant::now());
    let reports = biyelelt::pipeline::process_all(batch, &Default::default());
    let w = cpu(libc::RUSAGE_SELF);
    biyelelt::dataset::write(&tmp.join("ds"), &reports).expect("dataset written");
    let write_cpu = cpu(libc::RUSAGE_SELF) - w;
    let (ours_cpu, ours_wall) = (cpu(libc::RUSAGE_SELF) - c, t.elapsed().as_secs_f64());
    let ok = reports
        .iter()
        .filter(|r| r.status == biyelelt::model::Status::Ok)
        .count();
    let _ = std::fs::remove_dir_all(&tmp);

    let (c, t) = (cpu(libc::RUSAGE_CHILDREN), Instant::now());
    batch.par_iter().for_each(|f| {
        let out = Command::new("pdftotext")
            .args(["-bbox-layout", &f.to_string_lossy(), "-"])
            .output()
            .expect("pdftotext (poppler-utils) runs");
        assert!(out.status.success(), "pdftotext failed on {}", f.display());
    });
    let (poppler_cpu, poppler_wall) = (cpu(libc::RUSAGE_CHILDREN) - c, t.elapsed().as_secs_f64());
    Measured {
        files: batch.len(),
        pages,
        ok,
        ours_cpu,
        ours_wall,
        reader_cpu,
        write_cpu,
        poppler_cpu,
        poppler_wall,
    }
}

fn print(name: &str, m: &Measured) {
    println!(
        "{name}: {} files, {} pages, {} ok | CPU: pipeline {:.2} s (reader {:.2} s, dataset write {:.2} s), pdftotext -bbox-layout {:.2} s, ratio {:.2} | wall pages/s: {:.0} vs {:.0}",
        m.files,
        m.pages,
        m.ok,
        m.ours_cpu,
        m.reader_cpu,
        m.write_cpu,
        m.poppler_cpu,
        m.ours_cpu / m.poppler_cpu,
        m.pages as f64 / m.ours_wall,
        m.pages as f64 / m.poppler_wall,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let groups: BTreeMap<String, Vec<PathBuf>> = match args.iter().position(|a| a == "--dir") {
        Some(i) => {
            let dir = PathBuf::from(args.get(i + 1).expect("--dir DIR"));
            let mut groups: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
            for e in walkdir::WalkDir::new(&dir)
                .into_iter()
                .filter_map(Result::ok)
            {
                let p = e.into_path();
                if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
                    let group = p
                        .parent()
                        .and_then(|d| d.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    groups.entry(group).or_default().push(p);
                }
            }
            groups.values_mut().for_each(|g| g.sort());
            groups
        }
        None => {
            let rounds: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(20);
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
            BTreeMap::from([(
                "fixtures".to_string(),
                (0..rounds).flat_map(|_| files.clone()).collect(),
            )])
        }
    };
    assert!(!groups.is_empty(), "no PDF found");
    println!("{} worker(s)", rayon::current_num_threads());
    // Once-per-run costs (the Hunspell dictionary's load, half a second; first uses of each
    // producer's code paths) are not per page: paid here, one file of every group, before any
    // group is timed.
    let firsts: Vec<PathBuf> = groups.values().filter_map(|g| g.first().cloned()).collect();
    biyelelt::pipeline::process_all(&firsts, &Default::default());
    if groups.len() > 1 {
        for (name, files) in &groups {
            print(name, &measure(files));
        }
    }
    let all: Vec<PathBuf> = groups.into_values().flatten().collect();
    let m = measure(&all);
    print("all", &m);
    println!(
        "ratio pipeline CPU / pdftotext CPU: {:.2} (goal ≤ 1.0)",
        m.ours_cpu / m.poppler_cpu
    );
}
