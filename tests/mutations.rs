//! Seeded mutations of the corpus and the PDF fixtures through the whole pipeline (the part
//! of fuzzing that runs on every `make test`; `make fuzz` runs libFuzzer for longer). Every
//! mutant must give a report, and none may reach a panic in our stages ("internal error").

mod common;

use biyelelt::limits::Limits;
use biyelelt::pipeline;
use common::repo;
use std::path::PathBuf;

/// xorshift64*: the same mutants on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces of the genre's syntax, so that mutants stay near the shapes the parser knows.
const TOKENS: &[&str] = &[
    "\t",
    "\n",
    "|",
    "<table>",
    "</td>",
    "<td rowspan=\"9\">",
    "<br>",
    "Зорилт ",
    "1.1",
    "97,9",
    "/93.9/",
    "%",
    " хувь",
    "Дундаж үнэлгээ",
    "№",
    "**",
    "# ",
    "-",
    "0",
    "100",
    "\u{FFFD}",
    "&amp;",
    "\r\n",
    "ХБ",
    "/-/",
    "тэрбум",
    "гаруй",
    "9999999999999999999999",
    "-5",
    "1.1.1.1.1",
];

fn mutate(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(8) {
        let len = bytes.len().max(1);
        let at = rng.below(len).min(bytes.len());
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
            1 => {
                let end = (at + rng.below(400)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(2000)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            3 | 4 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, t.iter().copied());
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

#[test]
fn mutants_of_every_form_give_a_report_and_never_a_panic() {
    let t = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x05EE_DB1E_1E17);
    let seeds: Vec<PathBuf> = [
        "corpus/000_ef92a22f4dcf0ecd.txt",
        "corpus/tatvar_2021.txt",
        "corpus/gaali_2020.md",
        "corpus/sangiin_yaam_2022.html",
        "corpus/burtgel_2018_cp1251.txt",
        "tests/fixtures/pdf/tatvar_landscape.pdf",
        "tests/fixtures/pdf/tatvar_noborders.pdf",
    ]
    .iter()
    .map(|p| repo().join(p))
    .collect();
    let mut files = Vec::new();
    for (s, seed) in seeds.iter().enumerate() {
        let bytes = std::fs::read(seed).unwrap();
        let is_pdf = seed.extension().is_some_and(|e| e == "pdf");
        let n = if is_pdf { 60 } else { 120 };
        for i in 0..n {
            let ext = seed.extension().unwrap().to_string_lossy();
            let f = t.path().join(format!("m{s}_{i}.{ext}"));
            std::fs::write(&f, mutate(&mut rng, bytes.clone())).unwrap();
            files.push(f);
        }
    }
    // Scans are out of scope here (OCR costs seconds a page): a mutant that lost its text
    // layer stops at the OCR limit.
    let limits = Limits {
        max_ocr_pages: 0,
        ..Limits::default()
    };
    let reports = pipeline::process_all(&files, &limits);
    assert_eq!(reports.len(), files.len());
    let panics: Vec<String> = reports
        .iter()
        .filter_map(|r| r.error.clone())
        .filter(|e| e.contains("internal error"))
        .collect();
    assert!(panics.is_empty(), "{} panic(s): {panics:#?}", panics.len());
    // The mutants are near misses, not noise: most still parse.
    let parsed = reports
        .iter()
        .filter(|r| r.status != biyelelt::model::Status::Failed)
        .count();
    let mut reasons: Vec<String> = reports
        .iter()
        .filter_map(|r| r.error.as_ref())
        .map(|e| {
            e.split(": ")
                .nth(1)
                .unwrap_or("")
                .chars()
                .take(50)
                .collect()
        })
        .collect();
    reasons.sort();
    assert!(
        parsed * 2 > reports.len(),
        "{parsed} of {}: {reasons:#?}",
        reports.len()
    );
}
