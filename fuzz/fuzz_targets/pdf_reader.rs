//! The PDF reader and the layout engine on arbitrary bytes. pdf-extract's own panics are
//! caught per page by the reader (by design, reported as lost pages); any other panic that
//! escapes is a bug. OCR is not run: a PDF without text stops at "needs OCR".
#![no_main]

use biyelelt::limits::{Cancel, Limits};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts in its panic hook, before the reader's catch_unwind could act.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let limits = Limits {
        max_pages: 20,
        ..Limits::default()
    };
    if let Ok(pages) =
        biyelelt::read::pdf::read(Path::new("r.pdf"), data, &limits, &Cancel::default())
    {
        let document = biyelelt::layout::pages::document(&pages.pages);
        let _ = biyelelt::segment::segment(&document, "fuzz", "r.pdf", biyelelt::model::SourceFormat::Pdf);
    }
});
