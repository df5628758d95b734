//! One file through every stage, and a batch of files in parallel.
//!
//! Enters: paths (files or folders) and the [`Limits`] on each report's work. Leaves: one
//! [`Report`] per input file, in input order, whatever happens: a file that cannot be read or
//! segmented becomes a report with status `failed` and its reason; a panic inside a stage is
//! caught and reported the same way; a report that overruns its time is failed by a watchdog
//! and abandoned, so one bad file never stops or stalls the batch.

use crate::error::{PictureError, RunError};
use crate::limits::{Cancel, Limits};
use crate::model::{Report, SourceFormat, Status};
use crate::{check, metrics, read, segment};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
                // FIFOs and devices with a report's extension get a failed row, not silence.
                .filter(|e| !e.file_type().is_dir())
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

/// Read and segment one file within `limits`. Never panics, never fails: problems become the
/// report's status. Parsing runs on a worker thread watched by the caller: a report that
/// overruns `limits.max_duration` is failed and abandoned (the worker is told to stop at its
/// next page and its result is dropped), so one file never holds up the batch.
pub fn process_file(path: &Path, limits: &Limits) -> Report {
    let shown = path.display().to_string();
    let format = read::format_of(path).unwrap_or(SourceFormat::Text);
    let bytes = match read::read_file(path, limits) {
        Ok(b) => b,
        Err(err) => {
            return Report::failed(
                read::doc_id(shown.as_bytes()),
                shown,
                format,
                err.to_string(),
            )
        }
    };
    let sha256 = read::sha256_hex(&bytes);
    let doc_id = sha256[..16].to_string();
    let cancel = Cancel::default();
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = {
        let (path, doc_id, shown, limits, cancel) = (
            path.to_path_buf(),
            doc_id.clone(),
            shown.clone(),
            *limits,
            cancel.clone(),
        );
        std::thread::Builder::new()
            .name(format!("parse {shown}"))
            .stack_size(WORKER_STACK)
            .spawn(move || {
                let result = catch_unwind(AssertUnwindSafe(|| {
                    parse(&path, &bytes, &doc_id, &shown, &limits, &cancel)
                }));
                let _ = tx.send(result);
            })
    };
    let mut report = match worker {
        Err(e) => Report::failed(
            doc_id,
            shown.clone(),
            format,
            format!("{shown}: no thread to parse it ({e}); try again with fewer files at once"),
        ),
        Ok(_) => match rx.recv_timeout(limits.max_duration) {
            Ok(Ok(Ok(report))) => report,
            Ok(Ok(Err(reason))) => Report::failed(doc_id, shown, format, reason),
            Ok(Err(panic)) => {
                let what = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "unknown panic".into());
                let err = RunError::Panicked {
                    path: shown.clone(),
                    what,
                };
                Report::failed(doc_id, shown, format, err.to_string())
            }
            Err(_) => {
                cancel.cancel();
                let err = RunError::TimedOut {
                    path: shown.clone(),
                    seconds: limits.max_duration.as_secs(),
                };
                Report::failed(doc_id, shown, format, err.to_string())
            }
        },
    };
    report.sha256 = sha256;
    report
}

/// Parsing walks trees by recursion; the nesting limit keeps them shallow, this keeps a margin.
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Every stage on one file's bytes.
fn parse(
    path: &Path,
    bytes: &[u8],
    doc_id: &str,
    shown: &str,
    limits: &Limits,
    cancel: &Cancel,
) -> Result<Report, String> {
    let out = read::read_bytes(path, bytes, limits, cancel).map_err(|e| e.to_string())?;
    let mut report = segment::segment(&out.document, doc_id, shown, out.format).map_err(|e| {
        // What the reader lost may be why nothing was found: say it with the reason.
        let lost: Vec<&str> = out.problems.iter().map(|p| p.message.as_str()).collect();
        match lost.is_empty() {
            true => e.to_string(),
            false => format!("{e} (pages lost: {})", lost.join("; ")),
        }
    })?;
    report.encoding = out.encoding.map(str::to_string);
    if let Some(c) = out.ocr {
        report.ocr_confidence = Some((c.mean * 10.0).round() / 10.0);
        report.ocr_low_confidence_share = Some((c.low_share * 1000.0).round() / 1000.0);
        report.ocr_unsure = c.unsure;
        report.ocr_sure = c.sure;
    }
    // A page the reader lost (a parser panic, an engine error, a page limit) is content the
    // report lacks: its status must say so.
    if !out.problems.is_empty() && report.status == Status::Ok {
        report.status = Status::Partial;
    }
    report.problems.splice(0..0, out.problems);
    report.metrics = metrics::for_report(&report);
    report.findings = check::check(&report, &report.metrics);
    crate::locate::locate(&mut report.findings, &out.pages);
    if let Some(why) = check::table_read_in_part(&report) {
        report.problems.push(crate::model::Problem::new(
            crate::model::Stage::Check,
            Default::default(),
            crate::model::Message::new(
                format!(
                    "{}: the stated counts and the overall percent are not checked against the measures found",
                    why.en
                ),
                format!(
                    "{}: бичсэн тоонууд болон нийт хувийг олдсон арга хэмжээнүүдтэй тулгаагүй",
                    why.mn
                ),
            ),
        ));
    }
    report.problems.extend(check::unscored_problem(&report));
    Ok(report)
}

/// A PDF's pages as the layout saw them: each page's words and rules, and the tables it found
/// there (for `biyelelt show --svg`). A panic in a third-party reader becomes an error.
pub fn layout_of_file(
    path: &Path,
    limits: &Limits,
) -> Result<(Vec<crate::layout::Page>, Vec<crate::layout::PageLayout>), PictureError> {
    let run = || -> Result<_, PictureError> {
        let bytes = read::read_file(path, limits)?;
        let pages = read::read_pages(path, &bytes, limits, &Cancel::default())?;
        let (_, seen) = crate::layout::pages::layout(&pages);
        Ok((pages, seen))
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        Err(RunError::Panicked {
            path: path.display().to_string(),
            what: "reading or laying out the pages".into(),
        }
        .into())
    })
}

/// Process files in parallel (one per core); reports come back in input order.
pub fn process_all(files: &[PathBuf], limits: &Limits) -> Vec<Report> {
    let mut done: Vec<(usize, Report)> = Vec::with_capacity(files.len());
    process_each(files, limits, |i, r| done.push((i, r)));
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Process files in parallel (one per core) and hand each report, with its input index, to
/// `on_report` on the calling thread as soon as it is done (in the order they finish). Few
/// reports wait at a time: a worker waits while `on_report` is busy, so memory stays flat.
/// The files are shared out by plain threads, not rayon's pool: each waits on its parse
/// worker, and a scan's pages need rayon's threads free for OCR.
pub fn process_each(files: &[PathBuf], limits: &Limits, mut on_report: impl FnMut(usize, Report)) {
    let n_threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Report)>(n_threads);
    std::thread::scope(|scope| {
        for _ in 0..n_threads {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                if send.send((i, process_file(file, limits))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        for (i, r) in receive {
            on_report(i, r);
        }
    });
}
