//! Checks: every figure a report states more than once, cross-checked.
//!
//! Enters: a segmented [`Report`] and its metrics. Leaves: [`Finding`]s, each with its kind,
//! severity, the objective and measure it concerns, the stated and expected figures, and the raw
//! snippets it rests on. Scoring rules as the reports apply them: an objective's percent is the
//! mean of its measures, the overall percent the mean of all measures (not of the objectives);
//! not-due measures are left out of every mean and count of scored measures, a 0 is kept in.
//! Band scales are read from the report, never assumed.

use crate::model::{
    mean, Band, Evidence, Finding, FindingKind, Measure, Message, Metric, Objective, Report,
    Severity, StatedNumber, Unit,
};
use crate::scoring::{decimals, fit, in_band, round_to, Fit};

mod bands;
mod categories;
mod counts;
mod measure;
mod objective;
mod ocr;
mod overall;
mod range;
mod reading;
mod shares;
#[cfg(test)]
mod tests;
pub mod verdict;
mod words;

pub use verdict::Verdict;

use bands::*;
use categories::*;
use counts::*;
use measure::*;
use objective::*;
use ocr::*;
use overall::*;
use range::*;
use reading::*;
pub use reading::{table_read_in_part, unscored_problem};
use shares::*;

/// Two figures closer than this are the same figure.
const SAME: f64 = 0.05;
/// An objective's stated percent may differ from the mean by this much before it is an error.
const ROUNDING: f64 = 0.1;

fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

struct Out<'a> {
    report: &'a Report,
    findings: Vec<Finding>,
}

impl Out<'_> {
    /// Keep `finding`. On a scan, a disagreement that rests on a number OCR read with little
    /// confidence is a reading to doubt: the figure is kept as read, the finding says so.
    fn push(&mut self, mut finding: Finding) {
        let figures: Vec<f64> = finding.stated.into_iter().chain(finding.expected).collect();
        if finding.severity != Severity::Info {
            if let Some((page, text)) = unsure_reading(self.report, &finding.evidence, &figures) {
                finding.message = format!(
                    "{} — but OCR read \"{text}\" on page {page} with little confidence: \
                     the figure is kept as read and not counted as a disagreement; check the page",
                    finding.message
                );
                finding.kind = FindingKind::OcrDoubtful;
                finding.severity = Severity::Info;
            }
        }
        self.findings.push(finding);
    }
}

/// The first piece of evidence of a scan that holds, on its page, a number OCR was unsure of
/// (the same text, as a whole word of the evidence's snippet): its page and text. In a
/// sentence ("Төлөвлөгөөнд 5 зорилтын 14 арга хэмжээ …") only the finding's own `figures`
/// count: an unsure "5" objectives does not doubt the 14 measures beside it.
fn unsure_reading<'r>(
    r: &'r Report,
    evidence: &[Evidence],
    figures: &[f64],
) -> Option<(u32, &'r str)> {
    if r.source_format != crate::model::SourceFormat::Scan {
        return None;
    }
    let is_figure = |text: &str| {
        text.replace(',', ".")
            .trim_matches(|c: char| !c.is_ascii_digit())
            .parse::<f64>()
            .is_ok_and(|v| figures.iter().any(|f| (f - v).abs() < 1e-9))
    };
    // The word exactly as read: "100/" (a band heading) is not the cell "100" beside it.
    evidence.iter().find_map(|e| {
        let page = e.source.page?;
        let words: Vec<&str> = e.raw.split_whitespace().collect();
        let sentence = words.len() > 3;
        r.ocr_unsure
            .iter()
            .find(|(p, text)| {
                *p == page && words.contains(&text.as_str()) && (!sentence || is_figure(text))
            })
            .map(|(p, text)| (*p, text.as_str()))
    })
}

/// Whether OCR read a stated figure with high confidence wherever it read it on its page
/// (`ocr_sure`): a figure read plainly is what the page prints, look-alike shapes or not.
fn read_plainly(r: &Report, stated: &StatedNumber) -> bool {
    let core = |t: &str| -> String {
        t.trim_matches(|c: char| !c.is_ascii_digit())
            .replace(',', ".")
    };
    let figure = core(&stated.raw);
    stated.source.page.is_some_and(|page| {
        r.ocr_sure
            .iter()
            .any(|(p, text)| *p == page && core(text) == figure)
    })
}

/// On a scan, a stated figure that differs from the exact one printed to its decimals by one
/// digit of a look-alike shape ("79" for 75: round-bodied 0 3 5 6 8 9, or the strokes 1 4 7)
/// is likelier a glyph OCR misread than a wrong figure.
fn one_glyph_misread(r: &Report, stated: &StatedNumber, exact: f64) -> bool {
    const ALIKE: [&str; 2] = ["035689", "147"];
    if r.source_format != crate::model::SourceFormat::Scan || read_plainly(r, stated) {
        return false;
    }
    let d = decimals(&stated.raw);
    let read: String = stated
        .raw
        .trim()
        .replace(',', ".")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let printed = format!("{:.*}", d as usize, round_to(exact, d));
    if read.len() != printed.len() {
        return false;
    }
    let differ: Vec<(char, char)> = read
        .chars()
        .zip(printed.chars())
        .filter(|(a, b)| a != b)
        .collect();
    matches!(differ.as_slice(), [(a, b)] if ALIKE.iter().any(|g| g.contains(*a) && g.contains(*b)))
}

fn scored_bands(bands: &[Band]) -> Vec<&Band> {
    let mut b: Vec<&Band> = bands
        .iter()
        .filter(|b| !b.not_due && b.low.is_some() && b.high.is_some())
        .collect();
    b.sort_by(|x, y| x.low.unwrap_or(0.0).total_cmp(&y.low.unwrap_or(0.0)));
    b
}

/// All checks of one report.
pub fn check(report: &Report, metrics: &[Metric]) -> Vec<Finding> {
    let mut out = Out {
        report,
        findings: Vec::new(),
    };
    // An evaluation without a plan table (or a plan report whose table was lost) has its own
    // checks; the plan's do not apply (no measures to count against, no table to read twice).
    if report.report_kind != crate::model::ReportKind::PlanReport || report.objectives.is_empty() {
        categories(&mut out);
        return out.findings;
    }
    measure_scores(&mut out);
    for o in &report.objectives {
        objective_score(&mut out, o);
    }
    overall_score(&mut out);
    counts(&mut out);
    bands(&mut out);
    out_of_range(&mut out);
    shares(&mut out, metrics);
    ocr_doubtful(&mut out);
    out.findings
}
