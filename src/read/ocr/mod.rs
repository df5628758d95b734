//! Scanned PDFs: page images → Tesseract's Mongolian model → positioned words and ruling lines.
//!
//! Enters: a PDF whose pages have no text layer. Leaves: [`Page`]s in PDF points, like the PDF
//! reader's, so the same layout engine rebuilds their tables, plus the word confidences and
//! each page's problems. Pages are read in parallel, each by one single-threaded Tesseract
//! process. The jobs, one module each: running the engines ([`engine`]: pdftoppm, tesseract),
//! reading Tesseract's TSV ([`tsv`]), what the image shows ([`raster`]: skew, straightening,
//! rules, ink), one page from image to words and rules ([`page`]), and second readings of
//! table cells ([`reread`]).

mod engine;
mod hocr;
mod page;
mod raster;
mod reread;
mod tsv;

pub use engine::engine_missing;
pub(crate) use engine::render_page;

use crate::error::ReadError;
use crate::layout::Page;
use crate::limits::{Cancel, Limits};
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Rendering resolution for OCR.
pub const DPI: f64 = 300.0;
/// The resolution at which Tesseract reads a scan made under it (the page is rendered and
/// analysed at [`DPI`] all the same). A 150-dpi scan rendered at 300 dpi lost words, headers
/// and scores that the same scan read at 200 dpi keeps (conformance scan-150 rows).
pub const LOW_RES_READ_DPI: f64 = 200.0;

/// The scale of the image Tesseract reads, from the rendering at [`DPI`], for a page whose
/// scan has `ppi` pixels per inch: [`LOW_RES_READ_DPI`] for a scan under it, else the
/// rendering itself.
fn read_scale(ppi: Option<f64>) -> f64 {
    match ppi {
        // 5% of slack: an image's pixels over a page measured in points is not exact.
        Some(ppi) if ppi < LOW_RES_READ_DPI * 0.95 => LOW_RES_READ_DPI / DPI,
        _ => 1.0,
    }
}
/// A word below this confidence counts as doubtful.
pub const LOW_CONFIDENCE: f64 = 60.0;

/// A number read with this confidence or more was read as printed. On 32 conformance scans
/// (8 reports of each seed at 150 and 200 dpi), of 2,642 numbers read at 95 and over 48 were not
/// in the report's text: 44 of them "%" read "96" ("100%" → "10096", a confusion handled
/// apart), 4 short reads ("712", "14.", "12", "9"). The look-alike misreads of a figure seen
/// read at 70-74 ("79" for 75) and at 91.2 ("85.7" for 35.7, 150 dpi).
pub const SURE_CONFIDENCE: f64 = 95.0;

/// OCR quality of a report: mean word confidence and the share of doubtful words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Confidence {
    pub mean: f64,
    pub low_share: f64,
    pub words: usize,
    /// Numbers read with less than [`LOW_CONFIDENCE`]: page and text as read.
    pub unsure: Vec<(u32, String)>,
    /// Numbers every reading of which on their page had [`SURE_CONFIDENCE`] or more.
    pub sure: Vec<(u32, String)>,
}

pub struct OcrPages {
    pub pages: Vec<Page>,
    pub confidence: Confidence,
    pub problems: Vec<(u32, crate::model::Message)>,
}

/// Temporary folders of OCR runs: `biyelelt-ocr-PID-RANDOM` in the system's temp folder.
const TEMP_PREFIX: &str = "biyelelt-ocr-";

/// Remove the OCR temporary folders of processes that no longer run (killed mid-scan; a run
/// that ends, even by a panic, removes its own). Returns how many were removed.
pub fn remove_stale_temp() -> usize {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = Path::new("/proc").join(pid.to_string()).exists();
        if !alive && std::fs::remove_dir_all(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Pages this process has given to OCR, and pages done: read by a progress display (the OCR of
/// a long scan takes minutes, and reports alone would leave the display still).
static PAGES_TOTAL: AtomicU64 = AtomicU64::new(0);
static PAGES_DONE: AtomicU64 = AtomicU64::new(0);

/// (pages done, pages given) by the OCR of this process so far.
pub fn pages_progress() -> (u64, u64) {
    (
        PAGES_DONE.load(Ordering::Relaxed),
        PAGES_TOTAL.load(Ordering::Relaxed),
    )
}

/// OCR the pages of a scanned PDF in parallel, up to `limits.max_ocr_pages`; pages not yet
/// started when `cancel` is set are skipped. `image_ppi`: each page's scan resolution, when
/// known.
pub fn read(
    path: &Path,
    n_pages: u32,
    image_ppi: &[Option<f64>],
    limits: &Limits,
    cancel: &Cancel,
) -> Result<OcrPages, ReadError> {
    if let Some(why) = engine_missing() {
        return Err(ReadError::OcrEngine {
            path: path.to_path_buf(),
            detail: why,
        });
    }
    // A random name, removed on drop (a panic included); the pid in the prefix lets a later run
    // remove the folder of a killed one ([`remove_stale_temp`]).
    let tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(|e| ReadError::Io {
            path: std::env::temp_dir(),
            source: e,
        })?;
    let n_read = n_pages.min(limits.max_ocr_pages).min(limits.max_pages);
    PAGES_TOTAL.fetch_add(u64::from(n_read), Ordering::Relaxed);
    type PageResult = (u32, Result<page::PageRead, String>);
    let mut results: Vec<PageResult> = (1..=n_read)
        .into_par_iter()
        .map(|p| {
            let result = if cancel.is_cancelled() {
                Err(format!("page {p} not read: the report ran out of time"))
            } else {
                let scale = read_scale(image_ppi.get(p as usize - 1).copied().flatten());
                page::read_page(path, p, scale, tmp.path())
            };
            PAGES_DONE.fetch_add(1, Ordering::Relaxed);
            (p, result)
        })
        .collect();
    drop(tmp);
    if n_read < n_pages {
        results.push((
            n_read + 1,
            Err(format!(
                "the scan has {n_pages} pages; pages {} to the end were not read by OCR (limit {}, raise --max-ocr-pages or --max-pages)",
                n_read + 1,
                n_read
            )),
        ));
    }
    let mut pages = Vec::new();
    let mut confs = Vec::new();
    let mut unsure = Vec::new();
    let mut sure = Vec::new();
    let mut problems = Vec::new();
    for (p, r) in results {
        match r {
            Ok(read) => {
                pages.push(read.page);
                confs.extend(read.confidences);
                unsure.extend(read.unsure.into_iter().map(|text| (p, text)));
                sure.extend(read.sure.into_iter().map(|text| (p, text)));
                problems.extend(read.problems.into_iter().map(|e| (p, e)));
            }
            Err(e) => problems.push((
                p,
                crate::model::Message::new(
                    format!("page {p}: OCR failed ({e}); the page is left out"),
                    format!(
                        "{p}-р хуудсыг текст таниулалтаар уншиж чадсангүй ({e}); хуудсыг орхисон"
                    ),
                ),
            )),
        }
    }
    if pages.is_empty() {
        return Err(ReadError::Pdf {
            path: path.to_path_buf(),
            detail: format!(
                "OCR read no page: {}",
                problems.first().map(|p| p.1.en.clone()).unwrap_or_default()
            ),
        });
    }
    let n = confs.len().max(1) as f64;
    let confidence = Confidence {
        mean: confs.iter().sum::<f64>() / n,
        low_share: confs.iter().filter(|c| **c < LOW_CONFIDENCE).count() as f64 / n,
        words: confs.len(),
        unsure,
        sure,
    };
    Ok(OcrPages {
        pages,
        confidence,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_under_200_dpi_is_read_at_200() {
        assert_eq!(read_scale(Some(150.0)), LOW_RES_READ_DPI / DPI);
        assert_eq!(read_scale(Some(100.0)), LOW_RES_READ_DPI / DPI);
        // 200 and up, or unknown: the rendering at 300 dpi as it is.
        assert_eq!(read_scale(Some(199.0)), 1.0);
        assert_eq!(read_scale(Some(300.0)), 1.0);
        assert_eq!(read_scale(None), 1.0);
    }
}
