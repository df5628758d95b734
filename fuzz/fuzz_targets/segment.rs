//! Segmentation, metrics and checks on any text the text reader accepts: the stages after
//! reading must build what they can and never panic.
#![no_main]

use biyelelt::limits::{Cancel, Limits};
use biyelelt::{check, metrics, segment};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(read) = biyelelt::read::read_bytes(
        Path::new("r.txt"),
        text.as_bytes(),
        &Limits::default(),
        &Cancel::default(),
    ) else {
        return;
    };
    if let Ok(mut report) = segment::segment(&read.document, "fuzz", "r.txt", read.format) {
        report.metrics = metrics::for_report(&report);
        report.findings = check::check(&report, &report.metrics);
    }
});
