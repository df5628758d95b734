//! One file through every stage, and a batch of files in parallel.
//!
//! Enters: paths (files or folders). Leaves: one [`Report`] per input file, in input order, whatever
//! happens: a file that cannot be read or segmented becomes a report with status `failed` and
//! its reason; a panic inside a stage is caught and reported the same way, so one bad file
//! never stops the batch.

use crate::model::{Report, SourceFormat};
use crate::{check, metrics, read, segment};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Files to ingest: the given files as they are, folders walked recursively for the known
/// extensions, sorted so that runs are reproducible.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .follow_links(true)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|f| {
                    f.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        read::EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                    })
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Read and segment one file. Never panics, never fails: problems become the report's status.
pub fn process_file(path: &Path) -> Report {
    let shown = path.display().to_string();
    let format = read::format_of(path).unwrap_or(SourceFormat::Text);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let err = crate::error::ReadError::Io {
                path: path.to_path_buf(),
                source: e,
            };
            return Report::failed(
                read::doc_id(shown.as_bytes()),
                shown,
                format,
                err.to_string(),
            );
        }
    };
    let sha256 = read::sha256_hex(&bytes);
    let doc_id = sha256[..16].to_string();
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<Report, String> {
        let out = read::read_bytes(path, &bytes).map_err(|e| e.to_string())?;
        let mut report = segment::segment(&out.document, &doc_id, &shown, out.format)
            .map_err(|e| e.to_string())?;
        report.encoding = out.encoding.map(str::to_string);
        if let Some(c) = out.ocr {
            report.ocr_confidence = Some((c.mean * 10.0).round() / 10.0);
            report.ocr_low_confidence_share = Some((c.low_share * 1000.0).round() / 1000.0);
        }
        report.problems.splice(0..0, out.problems);
        report.metrics = metrics::for_report(&report);
        report.findings = check::check(&report, &report.metrics);
        Ok(report)
    }));
    let mut report = match result {
        Ok(Ok(report)) => report,
        Ok(Err(reason)) => Report::failed(doc_id, shown, format, reason),
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Report::failed(
                doc_id,
                shown.clone(),
                format,
                format!("{shown}: internal error while parsing ({what}); this is a bug, please report it with the file"),
            )
        }
    };
    report.sha256 = sha256;
    report
}

/// Process files in parallel; reports come back in input order.
pub fn process_all(files: &[PathBuf]) -> Vec<Report> {
    files.par_iter().map(|f| process_file(f)).collect()
}
