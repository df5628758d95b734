//! Checks: every figure a report states more than once, cross-checked.
//!
//! Enters: a segmented [`Report`] and its metrics. Leaves: [`Finding`]s, each with its kind,
//! severity, the objective and measure it concerns, the stated and expected figures, and the raw
//! snippets it rests on. Scoring rules as the reports apply them: an objective's percent is the
//! mean of its measures, the overall percent the mean of all measures (not of the objectives);
//! not-due measures are left out of every mean and count of scored measures, a 0 is kept in.
//! Band scales are read from the report, never assumed.

use crate::model::{
    mean, Band, Evidence, Finding, FindingKind, Measure, Metric, Objective, Report, Severity,
    StatedNumber, Unit,
};
use crate::scoring::{decimals, fit, in_band, round_to, Fit};

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
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        objective_no: Option<u32>,
        measure: Option<(u32, &str)>,
        message: String,
        stated: Option<f64>,
        expected: Option<f64>,
        evidence: Vec<Evidence>,
    ) {
        // On a scan, a disagreement that rests on a number OCR read with little confidence is
        // a reading to doubt: the figure is kept as read, the finding says so.
        let figures: Vec<f64> = stated.into_iter().chain(expected).collect();
        let (kind, severity, message) = match unsure_reading(self.report, &evidence, &figures) {
            Some((page, text)) if severity != Severity::Info => (
                FindingKind::OcrDoubtful,
                Severity::Info,
                format!(
                    "{message} — but OCR read \"{text}\" on page {page} with little confidence: \
                     the figure is kept as read and not counted as a disagreement; check the page"
                ),
            ),
            _ => (kind, severity, message),
        };
        self.findings.push(Finding {
            kind,
            severity,
            objective_no,
            measure_no: measure.map(|m| m.0),
            code: measure.map(|m| m.1.to_string()),
            message,
            stated,
            expected,
            evidence,
        });
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

/// Due measures of an objective with no score found: the checks of means and band counts
/// skip such an objective (a missing figure is a problem to report, never a reason to call a
/// stated one wrong).
fn unscored(o: &Objective) -> Vec<&Measure> {
    o.measures
        .iter()
        .filter(|m| !m.not_due && m.score.is_none())
        .collect()
}

/// The report's problem when some due measures have no score, naming them; the checks that
/// need every score were skipped for them.
pub fn unscored_problem(report: &Report) -> Option<crate::model::Problem> {
    let codes: Vec<&str> = report
        .objectives
        .iter()
        .flat_map(unscored)
        .map(|m| m.code.as_str())
        .collect();
    if codes.is_empty() {
        return None;
    }
    Some(crate::model::Problem {
        stage: crate::model::Stage::Check,
        source: Default::default(),
        message: format!(
            "unscored_measures: no score found for {} measure(s) ({}); the checks of their objectives' percents, the overall percent and the band counts were skipped",
            codes.len(),
            codes.join(", ")
        ),
    })
}

/// The objective's measures as found cannot stand for it: a due one has no score, or the
/// report counts more or fewer measures for it than were found (a doubtful OCR count too: then
/// either it or the table was misread), or the evaluation names one not found, or lists one of
/// them under another objective.
fn incomplete(r: &Report, o: &Objective) -> bool {
    !unscored(o).is_empty()
        || (count_differs(o) && !bands_back_the_table(r, o))
        || named_but_not_found(r, o)
        || holds_anothers_measure(r, o)
        || read_twice(r, o)
}

/// On a scan, another objective of the table as read carries the same number: an objective
/// is one block of rows, so its rows were split by a misread (20261129 r017 @200: objective
/// 3's fourth measure under a second "3" after objective 5, its first three averaged alone
/// against the summary's 60).
fn read_twice(r: &Report, o: &Objective) -> bool {
    r.source_format == crate::model::SourceFormat::Scan
        && r.objectives
            .iter()
            .filter(|other| other.objective_no == o.objective_no)
            .count()
            > 1
}

/// A measure of this objective as read is the one the evaluation lists under another
/// objective's number ("Зорилт 3.1 …" matched by its text to a row under objective 2): the
/// objective's rows took in another's, as a scan's lost № cell joins two objectives, and their
/// mean is not the one the report averaged.
fn holds_anothers_measure(r: &Report, o: &Objective) -> bool {
    let Some(e) = &r.evaluation else {
        return false;
    };
    o.measures
        .iter()
        .filter_map(|m| e.items.get(m.narrative.as_ref()?.item))
        .filter_map(|i| i.code.trim().split('.').next()?.trim().parse::<u32>().ok())
        .any(|n| n != o.objective_no)
}

/// The objective's stated count of measures is not what was found: its mean is not over the
/// measures the report counts, whether the count or the table was misread (a scan's summary
/// row that disagrees with itself still says the table as read may be short or long).
fn count_differs(o: &Objective) -> bool {
    o.n_measures_stated
        .as_ref()
        .is_some_and(|n| (n.value - o.measures.len() as f64).abs() > SAME)
}

/// A scan's summary row that disagrees with itself, whose band counts add up to the measures
/// found (less the not-due ones no band holds): the count is the misread figure ("3" for 1),
/// and the table as read is the objective's whole.
fn bands_back_the_table(r: &Report, o: &Objective) -> bool {
    let sum: u32 = o.band_counts_stated.iter().map(|c| c.unwrap_or(0)).sum();
    doubtful_summary_row(r, o) && (sum + not_due_outside_bands(r, o)) as usize == o.measures.len()
}

/// The evaluation's list names a measure of this objective ("Зорилт 7.3 …") that no measure
/// of the table as read was matched to: the objective was read in part.
fn named_but_not_found(r: &Report, o: &Objective) -> bool {
    let matched: std::collections::HashSet<usize> = r
        .measures()
        .filter_map(|m| m.narrative.as_ref().map(|n| n.item))
        .collect();
    let prefix = format!("{}.", o.objective_no);
    r.evaluation
        .iter()
        .flat_map(|e| e.items.iter().enumerate())
        .any(|(k, i)| !matched.contains(&k) && i.code.trim().starts_with(&prefix))
}

/// The report states as many measures in all as the plan table holds, and its summary rows'
/// counts do not add up to that: a summary row that gives an objective another count than the
/// table (a scan's misread figure, "9" for 3) is the odd one, and the table's count of each
/// objective stands.
fn total_bears_table_out(r: &Report) -> bool {
    let found = r.n_measures() as f64;
    let stated_total = r
        .evaluation
        .iter()
        .flat_map(|e| &e.stated_counts)
        .any(|c| c.what == "measures" && (c.value - found).abs() <= SAME);
    let summed: f64 = r
        .objectives
        .iter()
        .filter_map(|o| o.n_measures_stated.as_ref().map(|s| s.value))
        .sum();
    stated_total && (summed - found).abs() > SAME
}

fn miscounted(r: &Report, o: &Objective) -> bool {
    !doubtful_summary_row(r, o)
        && o.n_measures_stated
            .as_ref()
            .is_some_and(|n| (n.value - o.measures.len() as f64).abs() > SAME)
}

/// Whether the plan table as read can stand for the whole report's: the measures the
/// evaluation's list names were all found in it, and its objectives run 1, 2, … without a
/// gap. When not (a scan whose table was rebuilt only in part), what is missing is said here,
/// and the counts and the overall mean, which need every measure, are not checked: a missing
/// figure is a problem to report, never a reason to call a stated one wrong.
pub fn table_read_in_part(r: &Report) -> Option<String> {
    // The evaluation's items no measure of the table was matched to (by the reconcile stage,
    // on code and text).
    let matched: std::collections::HashSet<usize> = r
        .measures()
        .filter_map(|m| m.narrative.as_ref().map(|n| n.item))
        .collect();
    let named: Vec<String> = r
        .evaluation
        .iter()
        .flat_map(|e| e.items.iter().enumerate())
        .filter(|(k, _)| !matched.contains(k))
        .map(|(_, i)| i.code.trim().trim_end_matches('.').to_string())
        .collect();
    let mut numbers: Vec<u32> = r.objectives.iter().map(|o| o.objective_no).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let gaps: Vec<u32> = (1..numbers.last().copied().unwrap_or(0))
        .filter(|n| numbers.binary_search(n).is_err())
        .collect();
    let mut why = Vec::new();
    if !named.is_empty() {
        let shown: Vec<&str> = named.iter().take(8).map(String::as_str).collect();
        why.push(format!(
            "the evaluation names {} measure(s) the plan table as read lacks ({}{})",
            named.len(),
            shown.join(", "),
            if named.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        ));
    }
    if !gaps.is_empty() {
        // A misread number ("152") leaves a long gap: the first few say enough.
        let shown: Vec<String> = gaps.iter().take(8).map(u32::to_string).collect();
        why.push(format!(
            "objective(s) {}{} missing from the plan table as read",
            shown.join(", "),
            if gaps.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        ));
    }
    // A scan's table rebuilt with more measures than the evaluation lists (a code misread
    // splits one measure in two) is a reading to doubt, not a report's miscount.
    let listed: usize = r.evaluation.iter().map(|e| e.items.len()).sum();
    if r.source_format == crate::model::SourceFormat::Scan && listed > 0 {
        // A measure the evaluation does not list and that is not due is no split.
        let found = r
            .measures()
            .filter(|m| m.narrative.is_some() || !m.not_due)
            .count();
        if found > listed {
            why.push(format!(
                "the plan table as read holds {found} measures, the evaluation lists {listed}"
            ));
        }
    }
    (!why.is_empty()).then(|| why.join("; "))
}

/// Whether the count of measures in the plan table as read is one the report bears out: for
/// a text export or a PDF, always (the table is what the report prints); for a scan, when the
/// evaluation's list holds as many items (of objective `o`, or in all), or the summary rows'
/// counts add up to it. A scan's table splits or loses measures; a count no other figure
/// confirms is a reading to doubt, not a report's miscount.
fn table_count_corroborated(r: &Report, o: Option<&Objective>) -> bool {
    if r.source_format != crate::model::SourceFormat::Scan {
        return true;
    }
    let items = r.evaluation.iter().flat_map(|e| &e.items);
    match o {
        Some(o) => {
            let prefix = format!("{}.", o.objective_no);
            let listed = items.filter(|i| i.code.trim().starts_with(&prefix)).count();
            listed > 0 && listed == o.measures.len()
        }
        None => {
            let found = r.n_measures();
            let listed = items.count();
            let summed: Option<f64> = r
                .objectives
                .iter()
                .map(|o| o.n_measures_stated.as_ref().map(|s| s.value))
                .sum();
            let not_due = r.measures().filter(|m| m.not_due).count();
            (listed > 0 && (listed == found || listed + not_due == found))
                || summed.is_some_and(|n| (n - found as f64).abs() <= SAME)
        }
    }
}

/// The count of objectives the report states, if it does.
fn objectives_stated(r: &Report) -> Option<f64> {
    r.evaluation
        .iter()
        .flat_map(|e| &e.stated_counts)
        .find(|c| c.what == "objectives")
        .map(|c| c.value)
}

/// Whether the plan table as read from a scan accounts for its measures by itself: every
/// measure's code is written in the table, each objective's codes run 1, 2, … without a gap,
/// the objectives run 1, 2, … and as many as the report states (when it does). A measure lost
/// inside an objective, or an objective lost, shows as a gap; a measure split in two, as a
/// repeated code.
fn codes_account_for_table(r: &Report) -> bool {
    let objectives_stated = objectives_stated(r);
    !r.objectives.is_empty()
        && objectives_stated.is_none_or(|n| (n - r.objectives.len() as f64).abs() <= SAME)
        && r.objectives.iter().enumerate().all(|(i, o)| {
            o.objective_no as usize == i + 1
                && !o.measures.is_empty()
                && o.measures.iter().enumerate().all(|(k, m)| {
                    m.code_written && m.code == format!("{}.{}", o.objective_no, k + 1)
                })
        })
}

/// Whether the plan table as read from a scan, its measures numbered by place only, read
/// without a problem: the report states its count of objectives and the table has as many,
/// numbered 1, 2, …, each with a measure, and the plan-table stage met nothing it had to
/// repair or leave out. Weaker than written codes (a measure lost whole leaves no gap), so
/// what it backs is a warning.
fn table_read_cleanly(r: &Report) -> bool {
    let objectives_stated = objectives_stated(r);
    objectives_stated.is_some_and(|n| (n - r.objectives.len() as f64).abs() <= SAME)
        && r.objectives
            .iter()
            .enumerate()
            .all(|(i, o)| o.objective_no as usize == i + 1 && !o.measures.is_empty())
        && !r
            .problems
            .iter()
            .any(|p| p.stage == crate::model::Stage::PlanTable)
}

/// Whether the count of objectives in the plan table as read is one the report bears out: for
/// a text export or a PDF, always; for a scan, when the evaluation's list names measures of
/// exactly those objectives, or their summary rows add up to the measures the report states.
/// A scan loses or
/// merges an objective's rows; a count no other part of the report confirms is a reading to
/// doubt, not a report's miscount.
fn objective_count_corroborated(r: &Report) -> bool {
    if r.source_format != crate::model::SourceFormat::Scan {
        return true;
    }
    let listed: std::collections::BTreeSet<u32> = r
        .evaluation
        .iter()
        .flat_map(|e| &e.items)
        .filter_map(|i| i.code.trim().split('.').next()?.parse().ok())
        .collect();
    let found: std::collections::BTreeSet<u32> =
        r.objectives.iter().map(|o| o.objective_no).collect();
    // The summary rows found cover every measure the report says it has: no row, and so no
    // objective, is missing.
    let summed: Option<f64> = r
        .objectives
        .iter()
        .map(|o| o.n_measures_stated.as_ref().map(|s| s.value))
        .sum();
    let stated_measures = r
        .evaluation
        .iter()
        .flat_map(|e| &e.stated_counts)
        .find(|c| c.what == "measures")
        .map(|c| c.value);
    (!listed.is_empty() && listed == found)
        || (!r.objectives.is_empty()
            && summed
                .zip(stated_measures)
                .is_some_and(|(a, b)| (a - b).abs() <= SAME))
}

/// On a scan: the evaluation lists as many measures of objective `o` as its summary row
/// states, and the table as read holds another number: the two stated figures agree, the
/// reading is to doubt.
fn scan_count_doubtful(r: &Report, o: &Objective, stated: f64) -> bool {
    if r.source_format != crate::model::SourceFormat::Scan {
        return false;
    }
    let prefix = format!("{}.", o.objective_no);
    let listed = r
        .evaluation
        .iter()
        .flat_map(|e| &e.items)
        .filter(|i| i.code.trim().starts_with(&prefix))
        .count();
    listed > 0 && (listed as f64 - stated).abs() <= SAME
}

/// All checks of one report.
pub fn check(report: &Report, metrics: &[Metric]) -> Vec<Finding> {
    let mut out = Out {
        report,
        findings: Vec::new(),
    };
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

/// ocr_doubtful (scans): a table cell whose reading the report itself contradicts and that OCR
/// may have misread — kept as read, flagged, never guessed. Now: a score cell read as a number
/// where the evaluation calls the measure not due ("/-/" is often read "4" or "1").
fn ocr_doubtful(out: &mut Out) {
    let r = out.report;
    if r.source_format != crate::model::SourceFormat::Scan {
        return;
    }
    for m in r.measures() {
        let Some(t) = &m.score_table else { continue };
        let digits: String = t
            .raw
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let as_read: Option<f64> = digits.replace(',', ".").parse().ok();
        if as_read
            .is_some_and(|v| (v > 100.0 || digits.contains('.')) && (t.value - v).abs() > SAME)
        {
            out.push(
                FindingKind::OcrDoubtful,
                Severity::Info,
                Some(m.objective_no),
                Some((m.measure_no, &m.code)),
                format!(
                    "measure {}: the scan's score cell reads {:?}; taken as {}% (OCR's Mongolian model has no \"%\" and reads it as 9 and a digit: \"96\", \"90\", \"95\")",
                    m.code,
                    t.raw,
                    num(t.value)
                ),
                Some(t.value),
                as_read,
                vec![Evidence::of("score cell as OCR read it", t)],
            );
        }
        if m.not_due {
            // Not listed: the cell's one digit was "/-/" misread (reconcile); listed not due:
            // the evaluation contradicts the cell.
            let (severity, why) = match m.narrative {
                None => (
                    Severity::Info,
                    "the evaluation does not list the measure: taken as not due (OCR reads \"/-/\" as one digit or loses it)",
                ),
                Some(_) => (
                    Severity::Warning,
                    "but the evaluation marks the measure not due (\"/-/\"); the cell is kept as read and left out of every mean",
                ),
            };
            out.push(
                FindingKind::OcrDoubtful,
                severity,
                Some(m.objective_no),
                Some((m.measure_no, &m.code)),
                format!(
                    "measure {}: the scan's score cell reads {:?}, {why}",
                    m.code, t.raw
                ),
                Some(t.value),
                None,
                vec![Evidence::of("score cell as OCR read it", t)],
            );
        }
    }
}

/// On a scan, a measure's table score outside 0-100 that no other reading of the report states
/// too (the evaluation's "/110/") is a misreading ("100%" read "1009", "0%" read "906"): kept
/// as read, flagged `ocr_doubtful`, never compared.
fn misread_table_score(r: &Report, m: &Measure) -> bool {
    r.source_format == crate::model::SourceFormat::Scan
        && m.score_table.as_ref().is_some_and(|t| {
            !(0.0..=100.0).contains(&t.value)
                && m.score_narrative
                    .as_ref()
                    .is_none_or(|n| (n.value - t.value).abs() > SAME)
        })
}

/// On a scan, an objective's stated percent outside 0-100 that its other table does not state
/// too is a misreading ("75" beside a rule read "715"): kept as read, flagged `ocr_doubtful`,
/// never compared.
fn misread_objective_score(r: &Report, o: &Objective, s: &StatedNumber) -> bool {
    r.source_format == crate::model::SourceFormat::Scan
        && !(0.0..=100.0).contains(&s.value)
        && [&o.score_table, &o.score_summary]
            .into_iter()
            .flatten()
            .filter(|other| (other.value - s.value).abs() <= SAME)
            .count()
            < 2
}

/// measure_score_conflict: the table and the evaluation give one measure two scores.
fn measure_scores(out: &mut Out) {
    let r = out.report;
    for o in &r.objectives {
        for m in &o.measures {
            let (Some(t), Some(n)) = (&m.score_table, &m.score_narrative) else {
                continue;
            };
            if (t.value - n.value).abs() <= SAME || misread_table_score(r, m) {
                continue;
            }
            let exact = o.score_computed();
            let mut explained = String::new();
            if let Some(mean) = exact {
                match fit(t, mean) {
                    Fit::Truncated => explained = format!(
                        " The table's {} is objective {}'s mean ({}) truncated to {} decimal(s): the row carries the objective's score, not the measure's.",
                        t.raw, o.objective_no, num(mean), decimals(&t.raw)
                    ),
                    Fit::Rounded if o.measures.len() > 1 => explained = format!(
                        " The table's {} is objective {}'s mean ({}): the row carries the objective's score, not the measure's.",
                        t.raw, o.objective_no, num(mean)
                    ),
                    _ => {}
                }
            }
            if explained.is_empty() {
                if let Some(s) = o.score_stated() {
                    if (s.value - t.value).abs() <= SAME && o.measures.len() > 1 {
                        explained = format!(
                            " The table's {} equals objective {}'s stated percent.",
                            t.raw, o.objective_no
                        );
                    }
                }
            }
            // On a scan, two scores one look-alike digit apart ("85.7" and "35.7") are
            // likelier one glyph misread than two figures.
            if explained.is_empty() && one_glyph_misread(r, t, n.value) {
                out.push(
                    FindingKind::OcrDoubtful,
                    Severity::Info,
                    Some(o.objective_no),
                    Some((m.measure_no, &m.code)),
                    format!(
                        "measure {} reads {} in the plan table and {} in the evaluation: one digit of a look-alike shape apart, as OCR misreads it; kept as read and not counted as a disagreement; check the page",
                        m.code,
                        t.raw.trim(),
                        n.raw.trim()
                    ),
                    Some(t.value),
                    Some(n.value),
                    vec![Evidence::of("table score", t), Evidence::of("evaluation", n)],
                );
                continue;
            }
            let severity = if explained.is_empty() {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(
                FindingKind::MeasureScoreConflict,
                severity,
                Some(o.objective_no),
                Some((m.measure_no, &m.code)),
                format!(
                    "measure {} has two scores: {} in the plan table, {} in the evaluation.{explained}",
                    m.code,
                    num(t.value),
                    num(n.value)
                ),
                Some(t.value),
                Some(n.value),
                vec![Evidence::of("table score", t), Evidence::of("evaluation", n)],
            );
        }
    }
}

/// objective_score_mismatch and score_rounding for an objective's stated percents.
fn objective_score(out: &mut Out, o: &Objective) {
    // A mean over some of the measures says nothing of the stated percent; the two tables'
    // percents can still be compared.
    if incomplete(out.report, o) {
        tables_disagree(out, o, None);
        return;
    }
    let Some(mean) = o.score_computed() else {
        tables_disagree(out, o, None);
        return;
    };
    let scored: Vec<Evidence> = o
        .measures
        .iter()
        .filter(|m| !m.not_due)
        .filter_map(|m| {
            let s = m.score_stated()?;
            Some(Evidence::of(&format!("measure {} score", m.code), s))
        })
        .collect();
    let mut stated: Vec<(&str, &StatedNumber)> = Vec::new();
    if let Some(t) = &o.score_table {
        stated.push(("plan table", t));
    }
    if let Some(s) = &o.score_summary {
        stated.push(("summary table", s));
    }
    // Flagged by `out_of_range`.
    stated.retain(|(_, s)| !misread_objective_score(out.report, o, s));
    let mut rounding: Vec<Evidence> = Vec::new();
    let mut rounding_value = None;
    for (where_, s) in &stated {
        match fit(s, mean) {
            Fit::Rounded => {}
            Fit::Truncated => {
                rounding.push(Evidence::of(&format!("{where_} percent"), s));
                rounding_value = Some(s.value);
            }
            Fit::No if (s.value - mean).abs() <= ROUNDING => {}
            Fit::No => {
                let mut ev = vec![Evidence::of(&format!("{where_} percent"), s)];
                ev.extend(scored.iter().cloned());
                let message = format!(
                    "objective {} is stated {} in the {where_}, but the mean of its {} scored measure(s) is {}",
                    o.objective_no,
                    num(s.value),
                    o.measures.iter().filter(|m| !m.not_due && m.score.is_some()).count(),
                    num(mean)
                );
                // A scan's summary row whose count and band counts disagree was misread in
                // part: its percent, read in the same row, is doubted with it.
                let (kind, severity, message) = if *where_ == "summary table"
                    && doubtful_summary_row(out.report, o)
                {
                    (
                            FindingKind::OcrDoubtful,
                            Severity::Info,
                            format!(
                                "{message} — but the scan's summary row disagrees with itself (its count against its band counts): its percent is kept as read and not counted as a disagreement"
                            ),
                        )
                } else if one_glyph_misread(out.report, s, mean) {
                    (
                        FindingKind::OcrDoubtful,
                        Severity::Info,
                        format!(
                            "{message} — but \"{}\" is the mean with one digit of a look-alike shape, as OCR misreads it: kept as read and not counted as a disagreement; check the page",
                            s.raw.trim()
                        ),
                    )
                } else {
                    (
                        FindingKind::ObjectiveScoreMismatch,
                        Severity::Error,
                        message,
                    )
                };
                out.push(
                    kind,
                    severity,
                    Some(o.objective_no),
                    None,
                    message,
                    Some(s.value),
                    Some(mean),
                    ev,
                );
            }
        }
    }
    if let Some(v) = rounding_value {
        let d = decimals(&rounding[0].raw);
        out.push(
            FindingKind::ScoreRounding,
            Severity::Info,
            Some(o.objective_no),
            None,
            format!(
                "objective {} is stated {}: its mean {} truncated, not rounded (rounded: {})",
                o.objective_no,
                num(v),
                num(mean),
                num(round_to(mean, d))
            ),
            Some(v),
            Some(mean),
            rounding,
        );
    }
    tables_disagree(out, o, Some(mean));
}

/// objective_score_mismatch: the plan table and the summary table state two different percents
/// for one objective (two stated figures: no measure is needed). When the mean is known and
/// fits neither, each was reported against it already.
fn tables_disagree(out: &mut Out, o: &Objective, mean: Option<f64>) {
    if let (Some(t), Some(s)) = (&o.score_table, &o.score_summary) {
        if misread_objective_score(out.report, o, t) || misread_objective_score(out.report, o, s) {
            return;
        }
        let both_off = mean.is_some_and(|m| fit(t, m) == Fit::No && fit(s, m) == Fit::No);
        if (t.value - s.value).abs() > SAME && both_off {
            return;
        }
        if (t.value - s.value).abs() > SAME {
            out.push(
                FindingKind::ObjectiveScoreMismatch,
                Severity::Error,
                Some(o.objective_no),
                None,
                format!(
                    "objective {} is stated {} in the plan table and {} in the summary table",
                    o.objective_no,
                    num(t.value),
                    num(s.value)
                ),
                Some(t.value),
                Some(s.value),
                vec![
                    Evidence::of("plan table", t),
                    Evidence::of("summary table", s),
                ],
            );
        }
    }
}

/// overall_score_mismatch / score_rounding for the overall percent.
fn overall_score(out: &mut Out) {
    let r = out.report;
    let Some((by_measures, from_stated)) = overall_by_measures(r) else {
        return;
    };
    let by_objectives = mean(
        r.objectives
            .iter()
            .filter_map(|o| o.score_computed().or_else(|| stated_percent(o))),
    );
    // The same percent in the plan table and the conclusion is one figure stated twice: one
    // finding with both pieces of evidence.
    let mut stated: Vec<(String, &StatedNumber, Vec<Evidence>)> = Vec::new();
    if let Some(t) = r.overall_table.as_ref().filter(|t| !misread_overall(r, t)) {
        let where_ = "plan table's \"Дундаж үнэлгээ\"";
        stated.push((where_.into(), t, vec![Evidence::of(where_, t)]));
    }
    if let Some(c) = r
        .evaluation
        .as_ref()
        .and_then(|e| e.overall_conclusion.as_ref())
    {
        match stated.first_mut() {
            Some((where_, t, ev)) if (t.value - c.value).abs() <= SAME => {
                where_.push_str(" and the conclusion");
                ev.push(Evidence::of("conclusion", c));
            }
            _ => stated.push(("conclusion".into(), c, vec![Evidence::of("conclusion", c)])),
        }
    }
    for (where_, s, ev) in stated {
        // Objective percents are rounded: their weighted mean may be off by that much.
        if from_stated && (s.value - by_measures).abs() <= ROUNDING {
            continue;
        }
        match fit(s, by_measures) {
            Fit::Rounded => continue,
            Fit::Truncated => {
                out.push(
                    FindingKind::ScoreRounding,
                    Severity::Info,
                    None,
                    None,
                    format!(
                        "the overall percent in the {where_} is {}: the mean of the measures {} truncated, not rounded",
                        num(s.value),
                        num(by_measures)
                    ),
                    Some(s.value),
                    Some(by_measures),
                    ev,
                );
                continue;
            }
            Fit::No => {}
        }
        let objectives_fit = by_objectives.is_some_and(|m| fit(s, m) != Fit::No);
        let (severity, why) = if objectives_fit {
            (
                Severity::Warning,
                format!(
                    "it is the mean of the objectives ({}), not of the measures ({}) as the scoring method sets",
                    num(by_objectives.unwrap_or(f64::NAN)),
                    num(by_measures)
                ),
            )
        } else {
            (
                Severity::Error,
                format!(
                    "it fits neither the mean of the measures ({}) nor the mean of the objectives ({})",
                    num(by_measures),
                    by_objectives.map(num).unwrap_or("-".into())
                ),
            )
        };
        out.push(
            FindingKind::OverallScoreMismatch,
            severity,
            None,
            None,
            format!(
                "the overall percent in the {where_} is {}: {why}",
                num(s.value)
            ),
            Some(s.value),
            Some(by_measures),
            ev,
        );
    }
}

/// On a scan, an objective's stated percent that cannot stand in for its measures: the plan
/// table and the summary table read two figures for it, or OCR was unsure of the one taken
/// (20261213 r009 @200: "/-/" read "14" and "4", made a mean of 90.44 against a stated 100).
fn scan_percent_doubted(r: &Report, o: &Objective) -> bool {
    if r.source_format != crate::model::SourceFormat::Scan {
        return false;
    }
    if let (Some(t), Some(s)) = (&o.score_table, &o.score_summary) {
        if (t.value - s.value).abs() > SAME {
            return true;
        }
    }
    o.score_table
        .as_ref()
        .or(o.score_summary.as_ref())
        .is_some_and(|s| unsure_reading(r, &[Evidence::of("stated", s)], &[s.value]).is_some())
}

/// On a scan, the plan table's overall percent read outside 0-100 with the digits of the
/// conclusion's figure: its decimal mark lost to OCR ("914." for 91,4; 20261129 r036 @200).
fn misread_overall(r: &Report, table: &StatedNumber) -> bool {
    let digits =
        |s: &StatedNumber| -> String { s.raw.chars().filter(char::is_ascii_digit).collect() };
    r.source_format == crate::model::SourceFormat::Scan
        && r.overall_table.as_ref() == Some(table)
        && !(0.0..=100.0).contains(&table.value)
        && r.evaluation
            .as_ref()
            .and_then(|e| e.overall_conclusion.as_ref())
            .is_some_and(|c| (0.0..=100.0).contains(&c.value) && digits(c) == digits(table))
}

/// An objective's own stated percent: the plan table's, else the summary table's.
fn stated_percent(o: &Objective) -> Option<f64> {
    o.score_table
        .as_ref()
        .or(o.score_summary.as_ref())
        .map(|s| s.value)
}

/// The mean of all due measures' scores, and whether objective percents stood in for them.
/// An objective whose measures carry no score of their own (one score printed for the
/// objective's rows, standing on its first row) counts as its stated percent times its due
/// measures: its percent is the
/// mean of those measures, so the sum is exact but for the percent's rounding. None when some
/// objective is incomplete in another way (a missing figure is never a reason for a finding).
fn overall_by_measures(r: &Report) -> Option<(f64, bool)> {
    if table_read_in_part(r).is_some() || count_doubted(r) {
        return None;
    }
    let (mut sum, mut n, mut from_stated) = (0.0, 0usize, false);
    for o in &r.objectives {
        let due = o.measures.iter().filter(|m| !m.not_due).count();
        let scores: Vec<f64> = o
            .measures
            .iter()
            .filter(|m| !m.not_due)
            .filter_map(|m| m.score)
            .collect();
        // A score read off the objective's own cell (its first row's, which the row's measure
        // took for want of another) is no measure's own.
        let own = o
            .measures
            .iter()
            .filter(|m| !m.not_due && m.score.is_some() && !objectives_figure(o, m))
            .count();
        if !incomplete(r, o) {
            sum += scores.iter().sum::<f64>();
            n += scores.len();
        } else if own == 0 && due > 0 {
            let percent = stated_percent(o).filter(|_| {
                (!miscounted(r, o) || total_bears_table_out(r)) && !scan_percent_doubted(r, o)
            })?;
            sum += percent * due as f64;
            n += due;
            from_stated = true;
        } else {
            return None;
        }
    }
    (n > 0).then(|| (sum / n as f64, from_stated))
}

/// A scan's table as read holds another count of measures than the report states and no
/// other count bears the table out: a mean over it is not over the report's measures (one
/// measure split in two weighs its objective's percent once more).
fn count_doubted(r: &Report) -> bool {
    let found = r.n_measures() as f64;
    r.source_format == crate::model::SourceFormat::Scan
        && !table_count_corroborated(r, None)
        && r.evaluation
            .iter()
            .flat_map(|e| &e.stated_counts)
            .any(|c| c.what == "measures" && (c.value - found).abs() > SAME)
}

/// The measure's score is the objective's table cell itself: taken from the table, the same
/// printed figure as the objective's.
fn objectives_figure(o: &Objective, m: &Measure) -> bool {
    m.score_source == Some(crate::model::ScoreSource::Table)
        && o.score_table.is_some()
        && m.score_table == o.score_table
}

/// In a scan, a summary-table row whose own figures disagree (its count of measures is not the
/// sum of its band counts) was most likely misread: its counts are flagged `ocr_doubtful`
/// rather than checked against the measures.
fn doubtful_summary_row(r: &Report, o: &Objective) -> bool {
    if r.source_format != crate::model::SourceFormat::Scan || o.band_counts_stated.is_empty() {
        return false;
    }
    let sum: u32 = o.band_counts_stated.iter().map(|c| c.unwrap_or(0)).sum();
    let not_due = not_due_outside_bands(r, o) as f64;
    o.n_measures_stated.as_ref().is_some_and(|n| {
        (n.value - sum as f64).abs() > SAME && (n.value - sum as f64 - not_due).abs() > SAME
    })
}

/// The objective's not-due measures as found when the scale has no band for them: a summary
/// row's count holds them, its band columns do not.
fn not_due_outside_bands(r: &Report, o: &Objective) -> u32 {
    let has_band = r
        .evaluation
        .as_ref()
        .is_some_and(|e| e.bands.iter().any(|b| b.not_due));
    if has_band {
        0
    } else {
        o.measures.iter().filter(|m| m.not_due).count() as u32
    }
}

/// How many of the objective's measures as found fall in the band (its not-due ones in a
/// not-due band).
fn in_band_found(o: &Objective, band: &Band) -> u32 {
    o.measures
        .iter()
        .filter(|m| {
            if band.not_due {
                m.not_due
            } else {
                !m.not_due
                    && m.score.is_some_and(|s| {
                        in_band(
                            s,
                            band.low.unwrap_or(f64::NAN),
                            band.high.unwrap_or(f64::NAN),
                        )
                    })
            }
        })
        .count() as u32
}

/// A scan's summary row that disagrees with itself only by empty band cells that the
/// measures as found fill: every band count read is theirs and theirs add up to the row's
/// count. OCR lost faint digits; nothing says the report is wrong.
fn band_cells_lost(r: &Report, o: &Objective) -> bool {
    let (Some(e), Some(n)) = (&r.evaluation, &o.n_measures_stated) else {
        return false;
    };
    let found: Vec<u32> = e.bands.iter().map(|b| in_band_found(o, b)).collect();
    let outside = not_due_outside_bands(r, o);
    found.len() == o.band_counts_stated.len()
        && ((found.iter().sum::<u32>() + outside) as f64 - n.value).abs() <= SAME
        && found
            .iter()
            .zip(&o.band_counts_stated)
            .all(|(f, c)| c.is_none_or(|c| c == *f))
}

/// measure_count_mismatch: stated counts of objectives and measures against what was found.
fn counts(out: &mut Out) {
    let r = out.report;
    let n_found = r.n_measures() as f64;
    for o in &r.objectives {
        if doubtful_summary_row(r, o) {
            let n = o
                .n_measures_stated
                .as_ref()
                .expect("checked by doubtful_summary_row");
            let bands: Vec<String> = o
                .band_counts_stated
                .iter()
                .map(|c| c.map(|v| v.to_string()).unwrap_or_else(|| "-".into()))
                .collect();
            let (severity, why) = if band_cells_lost(r, o) {
                (
                    Severity::Info,
                    "band cells lost to OCR, which the measures as found fill",
                )
            } else if scale_lost_to_ocr(r) {
                (
                    Severity::Info,
                    "the band scale as read lost a heading, so the row's band cells are misplaced too",
                )
            } else {
                (
                    Severity::Warning,
                    "the scan's figures disagree with each other",
                )
            };
            // The plan table as read, complete, holds as many measures as the row states: the
            // band counts are the odd figure out, as a report's miscount leaves them (a speck
            // read as a figure would too: a warning, not an error).
            let table_backs_count = severity == Severity::Warning
                && (n.value - o.measures.len() as f64).abs() <= SAME
                && !incomplete(r, o);
            let (kind, message) = if table_backs_count {
                let sum: u32 = o.band_counts_stated.iter().map(|c| c.unwrap_or(0)).sum();
                (
                    FindingKind::BucketCountMismatch,
                    format!(
                        "objective {}'s summary row states {} measure(s), as many as the plan table as read holds, but its band counts ({}) add up to {sum}; a warning, not an error, as a speck OCR read as a figure would do the same: check the page",
                        o.objective_no,
                        num(n.value),
                        bands.join(", ")
                    ),
                )
            } else {
                (
                    FindingKind::OcrDoubtful,
                    format!(
                        "objective {}'s summary row reads {} measure(s) but band counts {}: {why}; kept as read, not checked",
                        o.objective_no,
                        num(n.value),
                        bands.join(", ")
                    ),
                )
            };
            out.push(
                kind,
                severity,
                Some(o.objective_no),
                None,
                message,
                Some(n.value),
                None,
                vec![Evidence::of("summary table count as OCR read it", n)],
            );
            continue;
        }
        if let Some(s) = &o.n_measures_stated {
            if (s.value - o.measures.len() as f64).abs() <= SAME {
                continue;
            }
            let (kind, severity, message) = if scan_count_doubtful(r, o, s.value)
                || !table_count_corroborated(r, Some(o))
            {
                (
                    FindingKind::OcrDoubtful,
                    Severity::Info,
                    format!(
                        "objective {}: the summary table gives {} measure(s), the scan's plan table as read holds {}, and the evaluation's list does not bear the table out: the reading is doubted, not the report",
                        o.objective_no,
                        num(s.value),
                        o.measures.len()
                    ),
                )
            } else {
                (
                    FindingKind::MeasureCountMismatch,
                    Severity::Error,
                    format!(
                        "the summary table gives objective {} {} measure(s); the plan table has {}",
                        o.objective_no,
                        num(s.value),
                        o.measures.len()
                    ),
                )
            };
            out.push(
                kind,
                severity,
                Some(o.objective_no),
                None,
                message,
                Some(s.value),
                Some(o.measures.len() as f64),
                vec![Evidence::of("summary table count", s)],
            );
        }
    }
    let Some(e) = &r.evaluation else { return };
    if table_read_in_part(r).is_some() {
        return;
    }
    let bands = &e.bands;
    for c in &e.stated_counts {
        let (expected, what) = match c.what.as_str() {
            "objectives" => (r.objectives.len() as f64, "objectives".to_string()),
            "measures" => (n_found, "measures".to_string()),
            "not_due" => (
                r.measures().filter(|m| m.not_due).count() as f64,
                "not-due measures".to_string(),
            ),
            band => {
                let Some((low, high)) = band
                    .strip_prefix("band:")
                    .and_then(|b| b.split_once('-'))
                    .and_then(|(l, h)| Some((l.parse::<f64>().ok()?, h.parse::<f64>().ok()?)))
                else {
                    continue;
                };
                // Counting scores in a band needs every score.
                if r.objectives.iter().any(|o| incomplete(r, o)) {
                    continue;
                }
                // "100 хувь-41 заалт" with a band scale: the band whose value it is.
                let (low, high) = match bands.iter().find(|b| b.value == Some(low) && low == high) {
                    Some(b) if c.raw.contains("заалт") => {
                        (b.low.unwrap_or(low), b.high.unwrap_or(high))
                    }
                    _ => (low, high),
                };
                // The evaluation counts by its own scores: a measure it scores otherwise than
                // the plan table is one measure_score_conflict, not a miscount too.
                let n = r
                    .measures()
                    .filter(|m| !m.not_due)
                    .filter_map(|m| m.score_narrative.as_ref().map(|s| s.value).or(m.score))
                    .filter(|s| in_band(*s, low, high))
                    .count() as f64;
                (n, format!("measures scored {}-{}", num(low), num(high)))
            }
        };
        if (c.value - expected).abs() > SAME {
            let (kind, severity, message) = if c.what == "objectives"
                && !objective_count_corroborated(r)
            {
                (
                    FindingKind::OcrDoubtful,
                    Severity::Info,
                    format!(
                        "the report states {} objectives; the scan's plan table as read holds {}, and neither the evaluation's list nor the summary rows bear the table out: the reading is doubted, not the report",
                        num(c.value),
                        num(expected)
                    ),
                )
            } else if c.what == "measures" && !table_count_corroborated(r, None) {
                // What backs the table as read where no other count does: a warning then.
                let backing = if codes_account_for_table(r) {
                    Some("each with its code written in the table and none skipped, the objectives numbered as the report counts them")
                } else if table_read_cleanly(r) {
                    Some("read without a problem, its objectives as many as the report states, its measures numbered by place only")
                } else {
                    None
                };
                match backing {
                    Some(why) => (
                        FindingKind::MeasureCountMismatch,
                        Severity::Warning,
                        format!(
                            "the report states {} measures; the scan's plan table as read holds {}, {why}; no other count of the report confirms the table, so a warning, not an error: check the table's pages",
                            num(c.value),
                            num(expected)
                        ),
                    ),
                    None => (
                        FindingKind::OcrDoubtful,
                        Severity::Info,
                        format!(
                            "the report states {} measures; the scan's plan table as read holds {}, and no other count of the report bears the table out: the reading is doubted, not the report",
                            num(c.value),
                            num(expected)
                        ),
                    ),
                }
            } else {
                (
                    FindingKind::MeasureCountMismatch,
                    Severity::Error,
                    format!(
                        "the report states {} {what}; {} found",
                        num(c.value),
                        num(expected)
                    ),
                )
            };
            out.push(
                kind,
                severity,
                None,
                None,
                message,
                Some(c.value),
                Some(expected),
                vec![Evidence {
                    what: "stated count".into(),
                    raw: c.raw.clone(),
                    source: c.source.clone(),
                }],
            );
        }
    }
}

/// Where the band scale stands: the summary table's first row.
fn scale_source(r: &Report) -> crate::model::Source {
    r.objectives
        .first()
        .and_then(|o| o.score_summary.as_ref())
        .map(|s| s.source.clone())
        .unwrap_or_default()
}

/// On a scan, a scale that stops short of 0 or 100, or leaves a measure's score in no band,
/// most likely lost a band heading to OCR: the band counts, zipped with it, and the bands of
/// the measures are not checked against it. (A gap no score falls in may be the report's own:
/// the sample's scale has no band for 70-89.)
fn scale_lost_to_ocr(r: &Report) -> bool {
    let Some(e) = &r.evaluation else {
        return false;
    };
    let scored = scored_bands(&e.bands);
    let short = scored
        .last()
        .is_some_and(|b| b.high.unwrap_or(100.0) < 99.0)
        || scored.first().is_some_and(|b| b.low.unwrap_or(0.0) > 1.0);
    let unplaced = r.measures().filter(|m| !m.not_due).any(|m| {
        m.score.is_some_and(|s| {
            !scored
                .iter()
                .any(|b| in_band(s, b.low.unwrap_or(f64::NAN), b.high.unwrap_or(f64::NAN)))
        })
    });
    r.source_format == crate::model::SourceFormat::Scan && !scored.is_empty() && (unplaced || short)
}

/// bucket_count_mismatch, bucket_label_mismatch, band_gap.
fn bands(out: &mut Out) {
    let r = out.report;
    let Some(e) = &r.evaluation else { return };
    let scan = r.source_format == crate::model::SourceFormat::Scan;
    let scored = scored_bands(&e.bands);
    let mut gaps: Vec<(f64, f64)> = Vec::new();
    for w in scored.windows(2) {
        let (hi, lo) = (w[0].high.unwrap_or(0.0), w[1].low.unwrap_or(0.0));
        if lo > hi + 1.0 + 1e-9 {
            gaps.push((hi + 1.0, lo - 1.0));
        }
    }
    let scale: Vec<&str> = e.bands.iter().map(|b| b.label.as_str()).collect();
    let scale_evidence = || {
        vec![Evidence {
            what: "band scale".into(),
            raw: scale.join(", "),
            source: scale_source(r),
        }]
    };
    let scale_lost = scale_lost_to_ocr(r);
    if scale_lost {
        out.push(
            FindingKind::OcrDoubtful,
            Severity::Info,
            None,
            None,
            format!(
                "the band scale as read from the scan ({}) does not reach 0 and 100 or leaves a measure's score in no band: a band heading lost to OCR is likelier; band counts and the bands of measures were not checked against it",
                scale.join(", ")
            ),
            None,
            None,
            scale_evidence(),
        );
    }
    // The summary table's band counts per objective.
    for o in r.objectives.iter().filter(|_| !scale_lost) {
        if o.band_counts_stated.is_empty() || doubtful_summary_row(r, o) || incomplete(r, o) {
            continue;
        }
        for (band, stated) in e.bands.iter().zip(&o.band_counts_stated) {
            let found = in_band_found(o, band);
            let stated_n = stated.unwrap_or(0);
            if stated_n != found {
                out.push(
                    FindingKind::BucketCountMismatch,
                    Severity::Error,
                    Some(o.objective_no),
                    None,
                    format!(
                        "the summary table counts {stated_n} measure(s) of objective {} in band \"{}\"; their scores put {found} there",
                        o.objective_no, band.label
                    ),
                    Some(stated_n as f64),
                    Some(found as f64),
                    vec![Evidence {
                        what: format!("summary table, band \"{}\"", band.label),
                        raw: stated.map(|n| n.to_string()).unwrap_or_default(),
                        source: o.score_summary.as_ref().map(|s| s.source.clone()).unwrap_or_default(),
                    }],
                );
            }
        }
    }
    // Band counts printed without their columns: whatever their bands, they add up to the
    // row's count of measures, less its not-due ones when the scale has no band for those (in
    // a scan a disagreement is more likely a misreading).
    let has_not_due = e.bands.iter().any(|b| b.not_due);
    for o in &r.objectives {
        let (Some(unplaced), Some(n)) = (&o.band_counts_unplaced, &o.n_measures_stated) else {
            continue;
        };
        if r.source_format == crate::model::SourceFormat::Scan {
            continue;
        }
        let not_due = o.measures.iter().filter(|m| m.not_due).count() as f64;
        let expected = if has_not_due {
            Some(n.value)
        } else if !incomplete(r, o) {
            Some(n.value - not_due)
        } else {
            None
        };
        let wrong = unplaced.value > n.value + SAME
            || expected.is_some_and(|x| (unplaced.value - x).abs() > SAME);
        if !wrong {
            continue;
        }
        let why = match expected {
            Some(x) if x != n.value => format!(
                "the same row counts {} measure(s), {} of them not due",
                num(n.value),
                num(not_due)
            ),
            _ => format!("the same row counts {} measure(s)", num(n.value)),
        };
        out.push(
            FindingKind::BucketCountMismatch,
            Severity::Error,
            Some(o.objective_no),
            None,
            format!(
                "the summary table's band counts of objective {} ({}) add up to {}; {why}",
                o.objective_no,
                unplaced.raw,
                num(unplaced.value),
            ),
            Some(unplaced.value),
            expected.or(Some(n.value)),
            vec![
                Evidence::of("summary table band counts (columns not printed)", unplaced),
                Evidence::of("summary table count", n),
            ],
        );
    }
    // On a scan, a heading with more items under it than it counts has lost the heading that
    // followed it to OCR: its items are not checked against it.
    let overfull = |h: &crate::model::BandHeading| {
        let under = e
            .items
            .iter()
            .filter(|i| {
                i.heading
                    .as_ref()
                    .is_some_and(|g| g.source == h.source && g.raw == h.raw)
            })
            .count() as f64;
        scan && h
            .count_stated
            .as_ref()
            .is_some_and(|n| under > n.value + SAME)
    };
    // Items listed under a band heading whose own score lies outside it.
    for (i, item) in e.items.iter().enumerate() {
        let Some(h) = &item.heading else { continue };
        if overfull(h) {
            continue;
        }
        let Some(m) = r
            .measures()
            .find(|m| m.narrative.as_ref().is_some_and(|n| n.item == i))
        else {
            continue;
        };
        let Some(score) = item.score.as_ref().map(|s| s.value).or(m.score) else {
            continue;
        };
        if m.not_due || in_band(score, h.low, h.high) {
            continue;
        }
        let mut ev = vec![Evidence {
            what: "band heading".into(),
            raw: h.raw.clone(),
            source: h.source.clone(),
        }];
        ev.push(Evidence {
            what: "item".into(),
            raw: item.raw.clone(),
            source: item.source.clone(),
        });
        out.push(
            FindingKind::BucketLabelMismatch,
            Severity::Error,
            Some(m.objective_no),
            Some((m.measure_no, &m.code)),
            format!(
                "measure {} is listed under \"{}\" but its score is {}",
                m.code,
                h.raw,
                num(score)
            ),
            Some(score),
            None,
            ev,
        );
    }
    // Gaps in the printed band scale, and measures whose score falls in one.
    if gaps.is_empty() {
        return;
    }
    let gap_text: Vec<String> = gaps
        .iter()
        .map(|(a, b)| format!("{}-{}", num(*a), num(*b)))
        .collect();
    out.push(
        FindingKind::BandGap,
        Severity::Info,
        None,
        None,
        format!(
            "the report's band scale ({}) leaves scores {} in no band",
            scale.join(", "),
            gap_text.join(", ")
        ),
        None,
        None,
        scale_evidence(),
    );
    for m in r.measures().filter(|m| !m.not_due && !scale_lost) {
        let Some(score) = m.score else { continue };
        if scored
            .iter()
            .any(|b| in_band(score, b.low.unwrap_or(f64::NAN), b.high.unwrap_or(f64::NAN)))
        {
            continue;
        }
        let ev = m
            .score_stated()
            .map(|s| vec![Evidence::of("score", s)])
            .unwrap_or_default();
        out.push(
            FindingKind::BandGap,
            Severity::Error,
            Some(m.objective_no),
            Some((m.measure_no, &m.code)),
            format!(
                "measure {} scored {}, which lies in no band of the report's scale ({})",
                m.code,
                num(score),
                scale.join(", ")
            ),
            Some(score),
            None,
            ev,
        );
    }
}

/// score_out_of_range: any stated score below 0 or above 100.
fn out_of_range(out: &mut Out) {
    let r = out.report;
    // (objective, measure, what, figure)
    type Stated<'a> = (
        Option<u32>,
        Option<(u32, String)>,
        &'a str,
        &'a StatedNumber,
    );
    let mut stated: Vec<Stated> = Vec::new();
    for o in &r.objectives {
        for (what, s) in [
            ("plan table", &o.score_table),
            ("summary table", &o.score_summary),
        ] {
            match s {
                Some(s) if misread_objective_score(r, o, s) => out.push(
                    FindingKind::OcrDoubtful,
                    Severity::Info,
                    Some(o.objective_no),
                    None,
                    format!(
                        "objective {}: the scan's {what} reads {:?}, outside 0-100, and its other table does not say so: taken as misread, kept as read and not used",
                        o.objective_no, s.raw
                    ),
                    Some(s.value),
                    None,
                    vec![Evidence::of(&format!("{what} as OCR read it"), s)],
                ),
                Some(s) => stated.push((Some(o.objective_no), None, what, s)),
                None => {}
            }
        }
        for m in &o.measures {
            if misread_table_score(r, m) {
                let t = m
                    .score_table
                    .as_ref()
                    .expect("checked by misread_table_score");
                out.push(
                    FindingKind::OcrDoubtful,
                    Severity::Info,
                    Some(o.objective_no),
                    Some((m.measure_no, &m.code)),
                    format!(
                        "measure {}: the scan's score cell reads {:?}, outside 0-100, and no other figure of the report says so: taken as misread, kept as read and not used",
                        m.code, t.raw
                    ),
                    Some(t.value),
                    None,
                    vec![Evidence::of("score cell as OCR read it", t)],
                );
            }
            for (what, s) in [
                ("table score", &m.score_table),
                ("evaluation score", &m.score_narrative),
            ] {
                if what == "table score" && misread_table_score(r, m) {
                    continue;
                }
                if let Some(s) = s {
                    stated.push((
                        Some(o.objective_no),
                        Some((m.measure_no, m.code.clone())),
                        what,
                        s,
                    ));
                }
            }
        }
    }
    if let Some(t) = r.overall_table.as_ref().filter(|t| misread_overall(r, t)) {
        out.push(
            FindingKind::OcrDoubtful,
            Severity::Info,
            None,
            None,
            format!(
                "the scan's overall percent in the plan table reads {:?}, outside 0-100, the conclusion's figure with its decimal mark lost: taken as misread, kept as read and not used",
                t.raw
            ),
            Some(t.value),
            None,
            vec![Evidence::of("overall percent as OCR read it", t)],
        );
    }
    if let Some(s) = r
        .overall_score_stated()
        .filter(|s| !misread_overall(r, s))
        .or_else(|| {
            r.evaluation
                .as_ref()
                .and_then(|e| e.overall_conclusion.as_ref())
        })
    {
        stated.push((None, None, "overall percent", s));
    }
    for (o, m, what, s) in stated {
        if (0.0..=100.0).contains(&s.value) {
            continue;
        }
        let name = match (&m, o) {
            (Some((_, code)), _) => format!("measure {code}"),
            (None, Some(o)) => format!("objective {o}"),
            _ => "the report".into(),
        };
        out.push(
            FindingKind::ScoreOutOfRange,
            Severity::Error,
            o,
            m.as_ref().map(|(n, c)| (*n, c.as_str())),
            format!("{name}'s {what} is {}, outside 0-100", num(s.value)),
            Some(s.value),
            None,
            vec![Evidence::of(what, s)],
        );
    }
}

/// Does a stretch of text end a sentence inside it: a full stop, then a capital ("… хүрсэн. Нийт
/// …"), not a decimal point?
fn ends_a_sentence(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0] == '.' && w[1].is_whitespace() && w[2].is_uppercase())
        || chars.windows(2).any(|w| matches!(w, ['.', '\n']))
}

/// stated_share_mismatch: "… 95240 даатгуулагчийн … 88.1 хувь буюу 83906 даатгуулагч…": a
/// percent tied by "буюу" to a count, and an earlier larger count of the same noun as the whole.
fn shares(out: &mut Out, metrics: &[Metric]) {
    let r = out.report;
    for m in r.measures() {
        for field in ["target", "implementation"] {
            let text = if field == "target" {
                &m.target.text
            } else {
                &m.implementation.text
            };
            let ms: Vec<&Metric> = metrics
                .iter()
                .filter(|x| {
                    x.code == m.code && x.objective_no == m.objective_no && x.field == field
                })
                .collect();
            for (i, p) in ms.iter().enumerate() {
                if p.unit != Unit::Percent {
                    continue;
                }
                // The count on the other side of "буюу".
                let part = [ms.get(i + 1), i.checked_sub(1).and_then(|j| ms.get(j))]
                    .into_iter()
                    .flatten()
                    .find(|c| {
                        c.unit == Unit::Count && {
                            let (a, b) = if c.offset > p.offset {
                                (p, *c)
                            } else {
                                (*c, p)
                            };
                            let between = text.get(a.offset + a.raw.len()..b.offset).unwrap_or("");
                            between.split_whitespace().any(|w| w == "буюу")
                                && between.split_whitespace().count() <= 3
                        }
                    });
                let Some(part) = part else { continue };
                // The whole: the nearest count before in the same sentence, of the part's noun
                // when it has one, as large as the part at least ("Нийт 350 … 350 буюу 100
                // хувь" is all of it).
                let start = part.offset.min(p.offset);
                let whole = ms.iter().rfind(|w| {
                    w.unit == Unit::Count
                        && w.offset < start
                        && w.noun.is_some()
                        && (part.noun.is_none() || w.noun == part.noun)
                        && w.value >= part.value
                        && !ends_a_sentence(text.get(w.offset..start).unwrap_or(""))
                });
                let Some(whole) = whole else { continue };
                let noun = whole.noun.as_deref().unwrap_or("");
                let share = 100.0 * part.value / whole.value;
                let d = decimals(&p.raw);
                let tolerance = 0.5 * 10f64.powi(-(d as i32)) + 1e-9;
                if (share - p.value).abs() <= tolerance.max(SAME) {
                    continue;
                }
                let ev = [whole, part, p]
                    .iter()
                    .map(|x| Evidence {
                        what: format!("{} text", field),
                        raw: x.raw.clone(),
                        source: x.source.clone(),
                    })
                    .collect();
                out.push(
                    FindingKind::StatedShareMismatch,
                    Severity::Warning,
                    Some(m.objective_no),
                    Some((m.measure_no, &m.code)),
                    format!(
                        "measure {}: {} is stated as {}% of {} {}, but {}/{} = {}%",
                        m.code,
                        num(part.value),
                        num(p.value),
                        num(whole.value),
                        noun,
                        num(part.value),
                        num(whole.value),
                        num(share)
                    ),
                    Some(p.value),
                    Some(share),
                    ev,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample report, as its text export reads.
    fn sample_report() -> Report {
        let sample = include_str!("../corpus/000_ef92a22f4dcf0ecd.txt");
        let (doc, format) = crate::read::text::parse(sample, crate::model::SourceFormat::Text);
        crate::segment::segment(&doc, "d", "r.txt", format).unwrap()
    }

    #[test]
    fn a_share_looks_for_its_whole_within_its_sentence() {
        assert!(ends_a_sentence(
            "370 гомдолийн 370 буюу 100 хувьд хүрсэн. Нийт "
        ));
        assert!(ends_a_sentence("хүрсэн.\nНийт "));
        assert!(!ends_a_sentence("95240 даатгуулагчийн 88.1 хувь буюу "));
        assert!(!ends_a_sentence("Нийт 350 гомдолийн "));
    }

    #[test]
    fn the_overall_percent_is_checked_when_an_objective_s_score_stands_on_its_first_row() {
        // Objective 1's 70 stands on its first measure's row only; the measures' mean is
        // (70 + 70 + 100) / 3 = 80, not the 60 stated.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th>\
             <th>Үнэлгээ</th></tr>\
             <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>70</td></tr>\
             <tr><td></td><td>Мэдээллийг шинэчлэх</td><td>Хийсэн.</td><td></td></tr>\
             <tr><td>2</td><td>Сургалт зохион байгуулах</td><td>Хийсэн.</td><td>100</td></tr>\
             <tr><td colspan=\"3\">Дундаж үнэлгээ</td><td>60</td></tr></table>";
        let (doc, format) = crate::read::text::parse(html, crate::model::SourceFormat::Html);
        let r = crate::segment::segment(&doc, "d", "r.html", format).unwrap();
        let kinds: Vec<FindingKind> = check(&r, &[]).into_iter().map(|f| f.kind).collect();
        assert!(
            kinds.contains(&FindingKind::OverallScoreMismatch),
            "{kinds:?}"
        );
    }

    #[test]
    fn a_scan_s_table_with_more_measures_than_the_report_lists_is_a_reading_to_doubt() {
        // The sample, its measure 1.1 found twice (a misread code splits a measure on a scan):
        // the summary row and the evaluation's list both say 3 measures for objective 1.
        let mut r = sample_report();
        let extra = r.objectives[0].measures[0].clone();
        r.objectives[0].measures.push(extra);
        let kinds = |r: &Report| -> Vec<(FindingKind, Severity)> {
            check(r, &[])
                .into_iter()
                .filter(|f| f.objective_no == Some(1) || f.objective_no.is_none())
                .map(|f| (f.kind, f.severity))
                .collect()
        };
        // A text export's table is what the report prints: its four rows are a miscount.
        assert!(kinds(&r).contains(&(FindingKind::MeasureCountMismatch, Severity::Error)));
        assert!(table_read_in_part(&r).is_none());
        r.source_format = crate::model::SourceFormat::Scan;
        let on_scan = kinds(&r);
        assert!(
            !on_scan
                .iter()
                .any(|(k, _)| *k == FindingKind::MeasureCountMismatch),
            "{on_scan:?}"
        );
        assert!(on_scan.contains(&(FindingKind::OcrDoubtful, Severity::Info)));
        let why = table_read_in_part(&r);
        assert!(
            why.as_deref()
                .is_some_and(|w| w.contains("the plan table as read holds")),
            "{why:?}"
        );
    }

    #[test]
    fn on_a_scan_a_heading_lost_to_ocr_leaves_its_items_unchecked() {
        // The sample's list, its first heading counting its 9 items, the "90-95" heading
        // lost (as OCR loses a line): the three items under it fall under "100".
        let sample = include_str!("../corpus/000_ef92a22f4dcf0ecd.txt")
            .replace(
                "“Үр дүнтэй” буюу 100 хувийн биелэлттэй:",
                "“Үр дүнтэй” буюу 100 хувийн биелэлттэй: 9 арга хэмжээ",
            )
            .replace("#### 90-95 хувийн биелэлттэй:", "");
        let (doc, format) = crate::read::text::parse(&sample, crate::model::SourceFormat::Text);
        let mut r = crate::segment::segment(&doc, "d", "r.txt", format).unwrap();
        let labels = |r: &Report| {
            check(r, &[])
                .iter()
                .filter(|f| f.kind == FindingKind::BucketLabelMismatch)
                .count()
        };
        // As printed, the three are listed under the wrong heading.
        assert_eq!(labels(&r), 3);
        // Read from a scan, 12 items under a heading counting 9: a heading was lost.
        r.source_format = crate::model::SourceFormat::Scan;
        assert_eq!(labels(&r), 0);
    }

    #[test]
    fn on_a_scan_a_scale_with_a_gap_lost_a_band_to_ocr() {
        // The sample's scale has no band for 70-89 (100 /90-100/, 70 /60-69/, …); one of its
        // measures scored 80.
        let mut r = sample_report();
        r.objectives[0].measures[0].score = Some(80.0);
        let errors = |r: &Report| -> Vec<FindingKind> {
            check(r, &[])
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.kind)
                .filter(|k| matches!(k, FindingKind::BandGap | FindingKind::BucketCountMismatch))
                .collect()
        };
        // As printed, the scale leaves 80 in no band: a finding.
        assert!(errors(&r).contains(&FindingKind::BandGap));
        r.source_format = crate::model::SourceFormat::Scan;
        assert_eq!(errors(&r), vec![]);
        assert!(check(&r, &[])
            .iter()
            .any(|f| f.kind == FindingKind::OcrDoubtful && f.message.contains("band scale")));
    }

    #[test]
    fn on_a_scan_a_table_score_out_of_range_that_nothing_confirms_is_a_misreading() {
        // The sample's measure 1.1 with its table cell reading "1009" ("100%" misread) beside
        // the evaluation's 100; measure 1.2 with "110" in both.
        let mut r = sample_report();
        for (m, v) in r.objectives[0].measures.iter_mut().zip([1009.0, 110.0]) {
            let source = m.source.clone();
            let stated = |v: f64| StatedNumber {
                value: v,
                raw: num(v),
                source: source.clone(),
            };
            m.score_table = Some(stated(v));
            m.score_narrative = Some(stated(if v > 1000.0 { 100.0 } else { v }));
        }
        let errors = |r: &Report| -> Vec<(FindingKind, Option<String>)> {
            check(r, &[])
                .into_iter()
                .filter(|f| f.severity == Severity::Error && f.objective_no == Some(1))
                .filter(|f| {
                    matches!(
                        f.kind,
                        FindingKind::ScoreOutOfRange | FindingKind::MeasureScoreConflict
                    )
                })
                .map(|f| (f.kind, f.code))
                .collect()
        };
        let code = |k: usize| Some(r.objectives[0].measures[k].code.clone());
        let (c0, c1) = (code(0), code(1));
        // As printed: 1009 is out of range and conflicts with 100; 110 is out of range twice.
        let printed = errors(&r);
        assert!(printed.contains(&(FindingKind::MeasureScoreConflict, c0.clone())));
        assert!(printed.contains(&(FindingKind::ScoreOutOfRange, c0.clone())));
        r.source_format = crate::model::SourceFormat::Scan;
        let scanned = errors(&r);
        assert!(!scanned.iter().any(|(_, c)| *c == c0), "{scanned:?}");
        assert!(scanned.contains(&(FindingKind::ScoreOutOfRange, c1)));
    }

    #[test]
    fn on_a_scan_two_scores_of_a_measure_one_look_alike_digit_apart_are_a_misreading() {
        // The sample's measure 1.1 with "85.7" in its table cell, "35.7" in the evaluation.
        let mut r = sample_report();
        let m = &mut r.objectives[0].measures[0];
        let stated = |raw: &str| StatedNumber {
            value: raw.parse().unwrap(),
            raw: raw.into(),
            source: m.source.clone(),
        };
        m.score_table = Some(stated("85.7"));
        m.score_narrative = Some(stated("35.7"));
        let code = m.code.clone();
        let of_it = |r: &Report| -> Vec<(FindingKind, Severity)> {
            check(r, &[])
                .into_iter()
                .filter(|f| f.code.as_ref() == Some(&code) && f.stated == Some(85.7))
                .map(|f| (f.kind, f.severity))
                .collect()
        };
        assert_eq!(
            of_it(&r),
            vec![(FindingKind::MeasureScoreConflict, Severity::Error)]
        );
        r.source_format = crate::model::SourceFormat::Scan;
        assert_eq!(of_it(&r), vec![(FindingKind::OcrDoubtful, Severity::Info)]);
    }

    #[test]
    fn on_a_scan_an_objective_percent_out_of_range_its_other_table_lacks_is_a_misreading() {
        // The sample's objective 1 with its summary percent read "715", its plan table's
        // percent as printed.
        let mut r = sample_report();
        let o = &mut r.objectives[0];
        let source = o.source.clone();
        o.score_summary = Some(StatedNumber {
            value: 715.0,
            raw: "715".into(),
            source,
        });
        let of_one = |r: &Report| -> Vec<(FindingKind, Severity)> {
            check(r, &[])
                .into_iter()
                .filter(|f| f.objective_no == Some(1) && f.stated == Some(715.0))
                .map(|f| (f.kind, f.severity))
                .collect()
        };
        let printed = of_one(&r);
        assert!(printed.contains(&(FindingKind::ScoreOutOfRange, Severity::Error)));
        r.source_format = crate::model::SourceFormat::Scan;
        assert_eq!(of_one(&r), vec![(FindingKind::OcrDoubtful, Severity::Info)]);
    }

    #[test]
    fn a_scan_s_figure_one_look_alike_digit_off_the_mean_is_a_misreading() {
        let mut r = sample_report();
        let n = |raw: &str| StatedNumber {
            value: raw.replace(',', ".").parse().unwrap(),
            raw: raw.into(),
            source: Default::default(),
        };
        // On a text export a figure is what the report prints.
        assert!(!one_glyph_misread(&r, &n("79"), 75.0));
        r.source_format = crate::model::SourceFormat::Scan;
        assert!(one_glyph_misread(&r, &n("79"), 75.0));
        assert!(one_glyph_misread(&r, &n("97,3"), 97.87));
        assert!(one_glyph_misread(&r, &n("71"), 74.0));
        // Shapes apart (7 and 5), two digits, another length: a figure, not a misreading.
        assert!(!one_glyph_misread(&r, &n("55"), 75.0));
        assert!(!one_glyph_misread(&r, &n("63"), 75.0));
        assert!(!one_glyph_misread(&r, &n("66.5"), 75.0));
        assert!(!one_glyph_misread(&r, &n("75"), 75.0));
        // Read plainly (every reading of it on its page sure): what the page prints.
        let on_page = |raw: &str| StatedNumber {
            source: crate::model::Source {
                page: Some(4),
                ..Default::default()
            },
            ..n(raw)
        };
        assert!(one_glyph_misread(&r, &on_page("79"), 75.0));
        r.ocr_sure = vec![(4, "79".into())];
        assert!(!one_glyph_misread(&r, &on_page("79"), 75.0));
        assert!(one_glyph_misread(&r, &n("79"), 75.0));
        r.ocr_sure.clear();
        // Objective 5 (mean 97.97) stated "98,6" in its summary row: on a scan, doubted.
        r.objectives[4].score_table = None;
        r.objectives[4].score_summary = Some(n("98,6"));
        let of_five = |r: &Report| -> Vec<FindingKind> {
            check(r, &[])
                .into_iter()
                .filter(|f| f.objective_no == Some(5) && f.message.contains("mean of"))
                .map(|f| f.kind)
                .collect()
        };
        assert_eq!(of_five(&r), vec![FindingKind::OcrDoubtful]);
        r.source_format = crate::model::SourceFormat::Text;
        assert_eq!(of_five(&r), vec![FindingKind::ObjectiveScoreMismatch]);
    }

    #[test]
    fn a_scan_s_summary_row_counting_not_due_measures_its_bands_leave_out_agrees() {
        // The sample's scale without its "/-/" band, objective 1's measure 1.3 not due: the
        // row counts 3 measures, its band columns 2 (the report's usual way).
        let mut r = sample_report();
        r.source_format = crate::model::SourceFormat::Scan;
        let e = r.evaluation.as_mut().expect("the sample's evaluation");
        let not_due_band = e.bands.iter().position(|b| b.not_due).expect("a /-/ band");
        e.bands.remove(not_due_band);
        for o in &mut r.objectives {
            o.band_counts_stated.remove(not_due_band);
        }
        let o = &mut r.objectives[0];
        assert_eq!(o.band_counts_stated[0], Some(3));
        o.band_counts_stated[0] = Some(2);
        let m = &mut o.measures[2];
        (m.not_due, m.score) = (true, None);
        let doubts: Vec<String> = check(&r, &[])
            .into_iter()
            .filter(|f| f.objective_no == Some(1) && f.message.contains("summary row reads"))
            .map(|f| f.message)
            .collect();
        assert!(doubts.is_empty(), "{doubts:?}");
    }

    #[test]
    fn a_scan_s_count_misread_against_band_counts_that_fit_the_table_leaves_it_whole() {
        let mut r = sample_report();
        r.source_format = crate::model::SourceFormat::Scan;
        let o = &r.objectives[1];
        assert!(!incomplete(&r, o));
        // The row's count read "5" where its band counts and the table hold 3.
        let o = &mut r.objectives[1];
        o.n_measures_stated.as_mut().expect("a count").value = 5.0;
        assert!(!incomplete(&r, &r.objectives[1]));
        // Band counts that do not fit the table either: read in part, or misread.
        let o = &mut r.objectives[1];
        let last = o.band_counts_stated.len() - 1;
        o.band_counts_stated[last] = Some(o.band_counts_stated[last].unwrap_or(0) + 2);
        assert!(incomplete(&r, &r.objectives[1]));
    }

    #[test]
    fn a_scan_s_band_counts_odd_against_the_row_and_a_complete_table_are_a_bucket_warning() {
        let mut r = sample_report();
        r.source_format = crate::model::SourceFormat::Scan;
        // One figure too many in objective 2's last band column: 4 where the row counts 3.
        let o = &mut r.objectives[1];
        let n = o.n_measures_stated.as_ref().expect("a count").value;
        assert_eq!(n as usize, o.measures.len());
        let last = o.band_counts_stated.len() - 1;
        o.band_counts_stated[last] = Some(o.band_counts_stated[last].unwrap_or(0) + 1);
        let of_two = |r: &Report| {
            check(r, &[])
                .into_iter()
                .filter(|f| f.objective_no == Some(2) && f.severity != Severity::Info)
                .map(|f| (f.kind, f.severity))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            of_two(&r),
            vec![(FindingKind::BucketCountMismatch, Severity::Warning)]
        );
        // The table as read holds fewer than the row states: the reading is doubted.
        r.objectives[1].measures.pop();
        assert_eq!(
            of_two(&r),
            vec![(FindingKind::OcrDoubtful, Severity::Warning)]
        );
    }

    #[test]
    fn a_scan_s_miscount_against_a_table_its_written_codes_account_for_is_a_warning() {
        let mut r = sample_report();
        r.source_format = crate::model::SourceFormat::Scan;
        // No list and no summary counts to bear the table out; the stated count one too many.
        let e = r.evaluation.as_mut().expect("the sample's evaluation");
        e.items.clear();
        let stated = e
            .stated_counts
            .iter_mut()
            .find(|c| c.what == "measures")
            .expect("the sample states its measures");
        stated.value += 1.0;
        for o in &mut r.objectives {
            o.n_measures_stated = None;
        }
        let miscount = |r: &Report| -> Vec<(FindingKind, Severity)> {
            check(r, &[])
                .into_iter()
                .filter(|f| {
                    f.message.starts_with("the report states") && f.message.contains("measures;")
                })
                .map(|f| (f.kind, f.severity))
                .collect()
        };
        // Its codes written in the table, as many scanned tables write them.
        for m in r.objectives.iter_mut().flat_map(|o| o.measures.iter_mut()) {
            m.code_written = true;
        }
        assert_eq!(
            miscount(&r),
            vec![(FindingKind::MeasureCountMismatch, Severity::Warning)]
        );
        // A code not written (a place taken for it): the codes do not account for the table;
        // a table read without a problem, its objectives as many as stated, still backs a
        // warning.
        r.objectives[1].measures[0].code_written = false;
        assert_eq!(
            miscount(&r),
            vec![(FindingKind::OcrDoubtful, Severity::Info)]
        );
        // (The sample's two rows short of a cell are repairs of the plan-table stage.)
        r.problems
            .retain(|p| p.stage != crate::model::Stage::PlanTable);
        assert_eq!(
            miscount(&r),
            vec![(FindingKind::MeasureCountMismatch, Severity::Warning)]
        );
        // A table the reading had to repair backs nothing.
        r.problems.push(crate::model::Problem {
            stage: crate::model::Stage::PlanTable,
            source: Default::default(),
            message: "row has no objective number".into(),
        });
        assert_eq!(
            miscount(&r),
            vec![(FindingKind::OcrDoubtful, Severity::Info)]
        );
        // Nor one with fewer objectives than the report states.
        r.problems.pop();
        r.objectives.pop();
        assert_eq!(
            miscount(&r).first(),
            Some(&(FindingKind::OcrDoubtful, Severity::Info))
        );
    }

    #[test]
    fn a_scan_s_summary_row_under_a_scale_that_lost_a_heading_is_doubted_quietly() {
        let mut r = sample_report();
        r.source_format = crate::model::SourceFormat::Scan;
        // Objective 1's row: a band cell misread, so its counts no longer add up to its count.
        let o = &mut r.objectives[0];
        let first = o
            .band_counts_stated
            .iter()
            .position(|c| c.is_some_and(|c| c > 0));
        let cell = &mut o.band_counts_stated[first.expect("a band count")];
        *cell = cell.map(|c| c + 1);
        let row_doubt = |r: &Report| -> Vec<Severity> {
            check(r, &[])
                .into_iter()
                .filter(|f| {
                    f.objective_no == Some(1)
                        && (f.message.contains("summary row reads")
                            || f.message.contains("summary row states"))
                })
                .map(|f| f.severity)
                .collect()
        };
        // (The complete table backs the row's count: a bucket_count_mismatch warning.)
        assert_eq!(row_doubt(&r), vec![Severity::Warning]);
        // The scale as read lost its lowest band's heading: it no longer reaches 0.
        let e = r.evaluation.as_mut().expect("the sample's evaluation");
        let lowest = e
            .bands
            .iter()
            .position(|b| !b.not_due && b.low == Some(0.0))
            .expect("a band from 0");
        e.bands.remove(lowest);
        for o in &mut r.objectives {
            o.band_counts_stated.remove(lowest);
        }
        assert_eq!(row_doubt(&r), vec![Severity::Info]);
    }

    #[test]
    fn a_scan_s_objective_its_doubtful_summary_row_counts_otherwise_is_not_averaged() {
        let mut r = sample_report();
        r.source_format = crate::model::SourceFormat::Scan;
        let o = &mut r.objectives[0];
        assert!(o.n_measures_stated.is_some());
        // The table as read holds one more measure (scored 0) than the summary row counts,
        // and the row's band counts do not add up to its count (a misread row).
        let mut extra = o.measures[0].clone();
        extra.score = Some(0.0);
        o.measures.push(extra);
        o.band_counts_stated = vec![Some(1), None, Some(0)];
        let errors: Vec<FindingKind> = check(&r, &[])
            .into_iter()
            .filter(|f| f.objective_no == Some(1) && f.severity == Severity::Error)
            .map(|f| f.kind)
            .collect();
        assert!(
            !errors.contains(&FindingKind::ObjectiveScoreMismatch),
            "{errors:?}"
        );
    }

    #[test]
    fn a_scan_s_summary_percent_in_a_row_that_disagrees_with_itself_is_doubted() {
        // The sample's objective 5 (3 measures, mean 97.97), its summary row's percent read
        // 79 and one band cell lost: its band counts no longer add up to its count.
        let mut r = sample_report();
        let o = &mut r.objectives[4];
        o.score_table = None;
        let summary = o
            .score_summary
            .as_mut()
            .expect("objective 5's summary percent");
        summary.value = 79.0;
        summary.raw = "79".into();
        let of_five = |r: &Report| -> Vec<(FindingKind, Severity)> {
            check(r, &[])
                .into_iter()
                .filter(|f| f.objective_no == Some(5) && f.message.contains("mean of"))
                .map(|f| (f.kind, f.severity))
                .collect()
        };
        r.source_format = crate::model::SourceFormat::Scan;
        assert_eq!(
            of_five(&r),
            vec![(FindingKind::ObjectiveScoreMismatch, Severity::Error)]
        );
        let o = &mut r.objectives[4];
        let counted = o.band_counts_stated.iter().flatten().sum::<u32>();
        assert_eq!(counted, 3, "{:?}", o.band_counts_stated);
        let lost = o
            .band_counts_stated
            .iter()
            .position(|c| c.is_some_and(|n| n > 0));
        o.band_counts_stated[lost.expect("a band cell")] = None;
        assert_eq!(
            of_five(&r),
            vec![(FindingKind::OcrDoubtful, Severity::Info)]
        );
        // The row's own doubt: a cell lost that the measures fill is no warning; a band count
        // read that the measures contradict is.
        let row_doubt = |r: &Report| -> Vec<Severity> {
            check(r, &[])
                .into_iter()
                .filter(|f| {
                    f.objective_no == Some(5)
                        && (f.message.contains("summary row reads")
                            || f.message.contains("summary row states"))
                })
                .map(|f| f.severity)
                .collect()
        };
        assert_eq!(row_doubt(&r), vec![Severity::Info]);
        let o = &mut r.objectives[4];
        let empty = o.band_counts_stated.iter().position(Option::is_none);
        o.band_counts_stated[empty.expect("an empty band cell")] = Some(1);
        assert_eq!(row_doubt(&r), vec![Severity::Warning]);
    }

    #[test]
    fn a_scan_s_count_of_measures_needs_another_count_to_bear_it_out() {
        let mut r = sample_report();
        r.source_format = crate::model::SourceFormat::Scan;
        // As read, the table holds what the evaluation lists.
        assert!(table_count_corroborated(&r, None));
        assert!(table_count_corroborated(&r, Some(&r.objectives[0])));
        // A measure split in two by the reading: nothing bears the table's count out.
        let extra = r.objectives[0].measures[0].clone();
        r.objectives[0].measures.push(extra);
        assert!(!table_count_corroborated(&r, None));
        assert!(!table_count_corroborated(&r, Some(&r.objectives[0])));
        // A text export's table is what the report prints.
        r.source_format = crate::model::SourceFormat::Text;
        assert!(table_count_corroborated(&r, None));
    }

    #[test]
    fn a_summary_row_s_odd_count_does_not_stop_the_overall_mean_when_the_total_bears_the_table_out()
    {
        // The sample states 12 measures, its table holds 12, its summary rows add up to 12.
        let mut r = sample_report();
        r.source_format = crate::model::SourceFormat::Scan;
        assert!(!total_bears_table_out(&r));
        // Objective 1's summary count read "9" for 3 (a scan's misread), and its measures'
        // scores not read: its percent stands in for them, weighted by the table's count.
        let o = &mut r.objectives[0];
        o.n_measures_stated.as_mut().expect("a summary row").value = 9.0;
        // Its band counts read to match (a row that agrees with itself).
        let band = o.band_counts_stated.iter().position(Option::is_some);
        if let Some(c) = &mut o.band_counts_stated[band.expect("a band count")] {
            *c += 6;
        }
        assert!(miscounted(&r, &r.objectives[0]));
        let o = &mut r.objectives[0];
        for m in &mut o.measures {
            m.score = None;
        }
        assert!(total_bears_table_out(&r));
        assert!(overall_by_measures(&r).is_some());
        // Without the stated total nothing says which count is right.
        if let Some(e) = r.evaluation.as_mut() {
            e.stated_counts.retain(|c| c.what != "measures");
        }
        assert!(!total_bears_table_out(&r));
        assert!(overall_by_measures(&r).is_none());
    }

    #[test]
    fn a_scan_s_count_of_objectives_needs_the_list_or_the_summary_to_bear_it_out() {
        let mut r = sample_report();
        r.source_format = crate::model::SourceFormat::Scan;
        assert!(objective_count_corroborated(&r));
        // Objective 6's rows lost to the reading: the list still names its measures.
        let lost = r.objectives.pop().unwrap();
        assert!(!objective_count_corroborated(&r));
        // With no list, summary rows that add up to the stated measures bear it out; short
        // of them (objective 6's row went with its rows), they do not.
        if let Some(e) = r.evaluation.as_mut() {
            e.items.clear();
        }
        assert!(!objective_count_corroborated(&r));
        r.objectives.push(lost);
        assert!(objective_count_corroborated(&r));
        r.objectives.pop();
        // A text export's table is what the report prints.
        r.source_format = crate::model::SourceFormat::Text;
        assert!(objective_count_corroborated(&r));
    }

    #[test]
    fn an_objective_read_in_part_is_not_checked_against_its_stated_percent() {
        // The sample with objective 1's summary row saying 50%: its three measures score 100.
        let sample = include_str!("../corpus/000_ef92a22f4dcf0ecd.txt");
        let mut lines: Vec<String> = sample.lines().map(str::to_string).collect();
        let row = lines
            .iter()
            .position(|l| l.starts_with("<u>Зорилт 1:</u>"))
            .expect("objective 1's summary row");
        let summary = |lines: &mut Vec<String>, count: &str| {
            let (cells, _) = lines[row].rsplit_once('\t').expect("cells");
            lines[row] = format!("{}\t50", cells.replace("\t1\t3\t3\t", count));
        };
        let mismatch = |lines: &[String]| {
            let (doc, format) =
                crate::read::text::parse(&lines.join("\n"), crate::model::SourceFormat::Text);
            let r = crate::segment::segment(&doc, "d", "r.txt", format).unwrap();
            // (The plan table's 100 and the summary's 50 still disagree: that is another
            // finding, of two stated figures.)
            check(&r, &[]).iter().any(|f| {
                f.kind == FindingKind::ObjectiveScoreMismatch
                    && f.objective_no == Some(1)
                    && f.message.contains("mean of")
            })
        };
        let mut whole = lines.clone();
        summary(&mut whole, "\t1\t3\t3\t");
        assert!(mismatch(&whole));
        // Measure 1.3's row lost (a scan's rebuild) and the count read as 2: the evaluation
        // still names "Зорилт 1.3", so the mean of 1.1 and 1.2 says nothing of the 50.
        let third = lines
            .iter()
            .position(|l| l.contains("<p>Нийгмийн даатгалын болон архивын"))
            .expect("measure 1.3's row");
        summary(&mut lines, "\t1\t2\t2\t");
        lines.remove(third);
        assert!(!mismatch(&lines));
    }

    #[test]
    fn an_objective_holding_a_measure_the_evaluation_lists_under_another_is_not_averaged() {
        // The sample, objective 4's № cell lost (as on a scan): its row, measure 4.1 scored
        // 95, joins objective 3, whose summary count was not read. 3's stated 100 against the
        // mean 97.5 of 3.1 and the evaluation's "4.1" says nothing.
        let mut r = sample_report();
        let fourth = r.objectives.remove(3);
        let third = &mut r.objectives[2];
        third.n_measures_stated = None;
        third.measures.extend(fourth.measures);
        assert_eq!(third.score_computed(), Some(97.5));
        let mean_mismatch = check(&r, &[]).into_iter().any(|f| {
            f.kind == FindingKind::ObjectiveScoreMismatch
                && f.objective_no == Some(3)
                && f.message.contains("mean of")
        });
        assert!(!mean_mismatch);
        assert!(holds_anothers_measure(&r, &r.objectives[2]));
        assert!(!holds_anothers_measure(&r, &r.objectives[1]));
    }

    #[test]
    fn a_plan_table_read_in_part_is_a_problem_not_a_wrong_overall_percent() {
        // Objective 2 is missing from the table as read (a scan's rebuild lost it): the mean
        // of what was found, 85, says nothing of the stated 60.
        let html = |second: &str| {
            format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th>\
                 <th>Үнэлгээ</th></tr>\
                 <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>70</td></tr>\
                 <tr><td>{second}</td><td>Сургалт зохион байгуулах</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td colspan=\"3\">Дундаж үнэлгээ</td><td>60</td></tr></table>"
            )
        };
        let read = |second: &str| {
            let (doc, format) =
                crate::read::text::parse(&html(second), crate::model::SourceFormat::Html);
            let r = crate::segment::segment(&doc, "d", "r.html", format).unwrap();
            let overall = check(&r, &[])
                .iter()
                .any(|f| f.kind == FindingKind::OverallScoreMismatch);
            (overall, table_read_in_part(&r))
        };
        assert_eq!(read("2"), (true, None));
        let (overall, why) = read("3");
        assert!(!overall);
        assert!(why.is_some_and(|w| w.contains("objective(s) 2 missing")));
    }

    /// The head of a plan table of two measures scored 70 and 100 (mean 85), as HTML: a test
    /// ends it with its "Дундаж үнэлгээ" row and whatever follows.
    const TWO_MEASURES: &str =
        "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th>\
        <th>Үнэлгээ</th></tr>\
        <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>70</td></tr>\
        <tr><td>2</td><td>Сургалт зохион байгуулах</td><td>Хийсэн.</td><td>100</td></tr>";

    #[test]
    fn on_a_scan_an_overall_percent_is_not_checked_over_a_table_the_stated_count_doubts() {
        // Two measures read, three stated: a scan's reading is doubted, a PDF's is the report.
        let html = format!(
            "{TWO_MEASURES}<tr><td colspan=\"3\">Дундаж үнэлгээ</td><td>60</td></tr></table>\
             <p>ХЯНАЛТ-ШИНЖИЛГЭЭ, ҮНЭЛГЭЭНИЙ ТАЙЛАН</p>\
             <p>Төлөвлөгөөнд 1 зорилтын 3 арга хэмжээ тусгагдсан.</p>"
        );
        let overall = |format: crate::model::SourceFormat| {
            let (doc, _) = crate::read::text::parse(&html, crate::model::SourceFormat::Html);
            let mut r = crate::segment::segment(&doc, "d", "r.pdf", format).unwrap();
            r.source_format = format;
            check(&r, &[])
                .iter()
                .any(|f| f.kind == FindingKind::OverallScoreMismatch)
        };
        assert!(overall(crate::model::SourceFormat::Pdf));
        assert!(!overall(crate::model::SourceFormat::Scan));
    }

    #[test]
    fn one_overall_percent_in_the_table_and_the_conclusion_is_one_finding() {
        let html = |conclusion: &str| {
            format!(
                "{TWO_MEASURES}<tr><td colspan=\"3\">Дундаж үнэлгээ</td><td>60</td></tr></table>\
                 <p>Дүгнэлт: Төлөвлөгөөний хэрэгжилт {conclusion} хувьтай байна.</p>"
            )
        };
        let overall = |conclusion: &str| {
            let (doc, format) =
                crate::read::text::parse(&html(conclusion), crate::model::SourceFormat::Html);
            let r = crate::segment::segment(&doc, "d", "r.html", format).unwrap();
            check(&r, &[])
                .into_iter()
                .filter(|f| f.kind == FindingKind::OverallScoreMismatch)
                .map(|f| f.evidence.len())
                .collect::<Vec<usize>>()
        };
        // 60 twice against a mean of 85: one finding, two pieces of evidence.
        assert_eq!(overall("60"), vec![2]);
        // Two different percents: a finding each.
        assert_eq!(overall("62"), vec![1, 1]);
    }

    #[test]
    fn on_a_scan_an_objective_percent_read_two_ways_or_unsure_stands_for_no_measures() {
        let html = format!("{TWO_MEASURES}</table>");
        let (doc, format) = crate::read::text::parse(&html, crate::model::SourceFormat::Html);
        let mut r = crate::segment::segment(&doc, "d", "r.pdf", format).unwrap();
        let stated = |raw: &str, value: f64| StatedNumber {
            raw: raw.into(),
            value,
            source: crate::model::Source {
                page: Some(1),
                line: None,
            },
        };
        let o = &mut r.objectives[0];
        o.score_table = Some(stated("14", 14.0));
        o.score_summary = Some(stated("4", 4.0));
        // A text or PDF report: its figures are what it prints.
        assert!(!scan_percent_doubted(&r, &r.objectives[0]));
        r.source_format = crate::model::SourceFormat::Scan;
        assert!(scan_percent_doubted(&r, &r.objectives[0]));
        // Both read alike: it stands, unless OCR was unsure of it.
        r.objectives[0].score_summary = Some(stated("14", 14.0));
        assert!(!scan_percent_doubted(&r, &r.objectives[0]));
        r.ocr_unsure = vec![(1, "14".into())];
        assert!(scan_percent_doubted(&r, &r.objectives[0]));
    }

    #[test]
    fn on_a_scan_an_overall_percent_that_lost_its_decimal_mark_is_misread() {
        let html = format!(
            "{TWO_MEASURES}<tr><td colspan=\"3\">Дундаж үнэлгээ</td><td>85</td></tr></table>\
             <p>Төлөвлөгөөний хэрэгжилт 85 хувьтай байна.</p>"
        );
        let (doc, format) = crate::read::text::parse(&html, crate::model::SourceFormat::Html);
        let mut r = crate::segment::segment(&doc, "d", "r.pdf", format).unwrap();
        let t = r.overall_table.as_mut().unwrap();
        (t.raw, t.value) = ("850.".into(), 850.0);
        let c = r
            .evaluation
            .as_mut()
            .and_then(|e| e.overall_conclusion.as_mut())
            .expect("conclusion read");
        (c.raw, c.value) = ("85,0".into(), 85.0);
        let serious = |r: &Report| {
            check(r, &[])
                .into_iter()
                .filter(|f| f.severity != Severity::Info)
                .map(|f| f.kind)
                .collect::<Vec<_>>()
        };
        // A PDF prints what it prints: out of range.
        assert!(serious(&r).contains(&FindingKind::ScoreOutOfRange));
        r.source_format = crate::model::SourceFormat::Scan;
        assert_eq!(serious(&r), vec![]);
        // Other digits than the conclusion's: no lost mark, out of range.
        r.overall_table.as_mut().unwrap().raw = "860.".into();
        r.overall_table.as_mut().unwrap().value = 860.0;
        assert!(serious(&r).contains(&FindingKind::ScoreOutOfRange));
    }

    #[test]
    fn on_a_scan_an_objective_read_twice_is_incomplete() {
        let html = format!("{TWO_MEASURES}</table>");
        let (doc, format) = crate::read::text::parse(&html, crate::model::SourceFormat::Html);
        let mut r = crate::segment::segment(&doc, "d", "r.pdf", format).unwrap();
        let again = r.objectives[0].clone();
        r.objectives.push(again);
        // A PDF's table is what it prints; a scan's second "1" is a misread.
        assert!(!read_twice(&r, &r.objectives[0]));
        r.source_format = crate::model::SourceFormat::Scan;
        assert!(read_twice(&r, &r.objectives[0]));
        assert!(incomplete(&r, &r.objectives[0]));
        r.objectives.pop();
        assert!(!read_twice(&r, &r.objectives[0]));
    }

    #[test]
    fn on_a_scan_a_disagreement_resting_on_an_unsure_reading_is_doubted() {
        let html = format!(
            "{TWO_MEASURES}<tr><td colspan=\"3\">Дундаж үнэлгээ</td><td>65.1</td></tr></table>"
        );
        let (doc, format) = crate::read::text::parse(&html, crate::model::SourceFormat::Html);
        let mut r = crate::segment::segment(&doc, "d", "r.pdf", format).unwrap();
        r.source_format = crate::model::SourceFormat::Scan;
        let page = crate::model::Source {
            page: Some(5),
            line: None,
        };
        r.overall_table.as_mut().unwrap().source = page;
        let kinds = |r: &Report| {
            check(r, &[])
                .into_iter()
                .filter(|f| f.severity != Severity::Info || f.kind == FindingKind::OcrDoubtful)
                .map(|f| (f.kind, f.severity))
                .collect::<Vec<_>>()
        };
        // 65.1 against a mean of 85: a wrong overall percent, read with confidence.
        assert_eq!(
            kinds(&r),
            vec![(FindingKind::OverallScoreMismatch, Severity::Error)]
        );
        // The same number read unsure on its page: doubted; on another page, or another
        // number unsure on its page: still wrong.
        r.ocr_unsure = vec![(5, "65.1".into())];
        assert_eq!(kinds(&r), vec![(FindingKind::OcrDoubtful, Severity::Info)]);
        r.ocr_unsure = vec![(4, "65.1".into()), (5, "65".into()), (5, "65.1/".into())];
        assert_eq!(
            kinds(&r),
            vec![(FindingKind::OverallScoreMismatch, Severity::Error)]
        );
        // In a sentence, only the finding's own figure: an unsure "5" objectives does not
        // doubt the 14 measures beside it.
        let sentence = vec![Evidence {
            what: "stated count".into(),
            raw: "Төлөвлөгөөнд 5 зорилтын 14 арга хэмжээ тусгагдсан.".into(),
            source: crate::model::Source {
                page: Some(5),
                line: None,
            },
        }];
        r.ocr_unsure = vec![(5, "5".into())];
        assert_eq!(unsure_reading(&r, &sentence, &[14.0, 11.0]), None);
        r.ocr_unsure = vec![(5, "14".into())];
        assert_eq!(
            unsure_reading(&r, &sentence, &[14.0, 11.0]),
            Some((5, "14"))
        );
        // Not a scan: OCR says nothing.
        r.ocr_unsure = vec![(5, "65.1".into())];
        r.source_format = crate::model::SourceFormat::Pdf;
        assert_eq!(
            kinds(&r),
            vec![(FindingKind::OverallScoreMismatch, Severity::Error)]
        );
    }

    #[test]
    fn band_counts_printed_without_columns_must_add_up_to_the_row_s_count() {
        // The summary's header came out as a line of text: objective 1's band figures 2 and 1
        // cannot be placed (3 of them where the row counts 2 measures), objective 2's can.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th>\
             <th>Үнэлгээ</th></tr>\
             <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>100</td></tr>\
             <tr><td>1</td><td>Мэдээллийг шинэчлэх</td><td>Хийсэн.</td><td>70</td></tr>\
             <tr><td>2</td><td>Сургалт зохион байгуулах</td><td>Хийсэн.</td><td>100</td></tr></table>\
             <p>Зорилт Арга хэмжээний тоо 100 /90-100/ 70 /70-89/ 0 /0-69/ Хэрэгжилт хувь</p>\
             <p>Зорилт 1: Нэг 2 2 1 85</p>\
             <table><tr><td>Зорилт 2: Хоёр</td><td>1</td><td>1</td><td></td><td>100</td></tr>\
             <tr><td>Зорилт 3: Гурав</td><td>1</td><td>1</td><td></td><td>100</td></tr></table>";
        let (doc, format) = crate::read::text::parse(html, crate::model::SourceFormat::Html);
        let r = crate::segment::segment(&doc, "d", "r.html", format).unwrap();
        let found: Vec<(String, Option<u32>)> = check(&r, &[])
            .into_iter()
            .filter(|f| f.kind == FindingKind::BucketCountMismatch)
            .map(|f| (f.message, f.objective_no))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, Some(1));
        assert!(found[0].0.contains("(2 1) add up to 3"), "{found:?}");
    }
}
