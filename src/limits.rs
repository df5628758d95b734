//! Bounds on the work one report may cost, so that one odd file never stalls or sinks a batch.
//!
//! Enters: the CLI's flags (or the defaults). Leaves: a [`Limits`] that the pipeline and the
//! readers consult, plus a [`Cancel`] flag a watchdog sets when a report overruns its time, so
//! that the readers stop at their next page. A report that hits a limit becomes a `failed` row
//! (nothing could be read within it) or a `partial` one (the pages before the limit were read),
//! with the limit and the flag that raises it named in the reason.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

const MIB: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file read, in bytes (`--max-file-mb`).
    pub max_file_bytes: u64,
    /// Largest total of a PDF's decompressed streams, images excepted (`--max-inflated-mb`):
    /// a zip bomb fails before any page is parsed.
    pub max_inflated_bytes: u64,
    /// Pages read per PDF (`--max-pages`); later pages are left out and the report is partial.
    pub max_pages: u32,
    /// Pages sent to OCR per scanned PDF (`--max-ocr-pages`).
    pub max_ocr_pages: u32,
    /// Wall time per report (`--max-seconds`): an overrun report is failed and abandoned.
    pub max_duration: Duration,
    /// Deepest element nesting of an HTML export (`--max-nesting`).
    pub max_nesting: usize,
}

impl Default for Limits {
    /// Far above any real report (the corpus' largest text export is 47 KB, its longest scan
    /// 9 pages), below what sinks the machine: a text export costs about ten times its size in
    /// memory (a 40 MB one peaked at 407 MB), so 64 MiB stays under 1 GB.
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * MIB,
            max_inflated_bytes: 256 * MIB,
            max_pages: 500,
            max_ocr_pages: 100,
            max_duration: Duration::from_secs(600),
            max_nesting: 256,
        }
    }
}

impl Limits {
    pub fn mib(bytes: u64) -> u64 {
        bytes / MIB
    }

    pub fn from_mib(mib: u64) -> u64 {
        mib.saturating_mul(MIB)
    }
}

/// Set by the watchdog when a report overran its time; readers check it between pages.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancel_is_seen_by_every_clone() {
        let c = Cancel::default();
        let seen_by_worker = c.clone();
        assert!(!seen_by_worker.is_cancelled());
        c.cancel();
        assert!(seen_by_worker.is_cancelled());
    }

    #[test]
    fn mib_round_trip() {
        assert_eq!(Limits::mib(Limits::from_mib(7)), 7);
        assert_eq!(Limits::from_mib(u64::MAX), u64::MAX);
    }
}
