//! How well the table was read: whether a figure of it can bear a finding (an objective read in part, a count OCR doubts, a table whose every row is accounted for).
//!
//! Enters: a segmented report. Leaves: yes/no answers the families ask before they speak, and the problems that say why a check was not made.

use super::*;

/// Due measures of an objective with no score found: the checks of means and band counts
/// skip such an objective (a missing figure is a problem to report, never a reason to call a
/// stated one wrong).
pub(super) fn unscored(o: &Objective) -> Vec<&Measure> {
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
        message_mn: format!(
            "оноогүй арга хэмжээ: {} арга хэмжээний ({}) оноо олдсонгүй; тэдгээрийн зорилтын хувь, нийт хувь, түвшний тоонуудыг шалгаагүй",
            codes.len(),
            codes.join(", ")
        ),
    })
}

/// The objective's measures as found cannot stand for it: a due one has no score, or the
/// report counts more or fewer measures for it than were found (a doubtful OCR count too: then
/// either it or the table was misread), or the evaluation names one not found, or lists one of
/// them under another objective.
pub(super) fn incomplete(r: &Report, o: &Objective) -> bool {
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
pub(super) fn read_twice(r: &Report, o: &Objective) -> bool {
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
pub(super) fn holds_anothers_measure(r: &Report, o: &Objective) -> bool {
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
pub(super) fn count_differs(o: &Objective) -> bool {
    o.n_measures_stated
        .as_ref()
        .is_some_and(|n| (n.value - o.measures.len() as f64).abs() > SAME)
}

/// A scan's summary row that disagrees with itself, whose band counts add up to the measures
/// found (less the not-due ones no band holds): the count is the misread figure ("3" for 1),
/// and the table as read is the objective's whole.
pub(super) fn bands_back_the_table(r: &Report, o: &Objective) -> bool {
    let sum: u32 = o.band_counts_stated.iter().map(|c| c.unwrap_or(0)).sum();
    doubtful_summary_row(r, o) && (sum + not_due_outside_bands(r, o)) as usize == o.measures.len()
}

/// The evaluation's list names a measure of this objective ("Зорилт 7.3 …") that no measure
/// of the table as read was matched to: the objective was read in part.
pub(super) fn named_but_not_found(r: &Report, o: &Objective) -> bool {
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
pub(super) fn total_bears_table_out(r: &Report) -> bool {
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

pub(super) fn miscounted(r: &Report, o: &Objective) -> bool {
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
pub fn table_read_in_part(r: &Report) -> Option<Message> {
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
        let more = if named.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        why.push(Message::new(
            format!(
                "the evaluation names {} measure(s) the plan table as read lacks ({}{more})",
                named.len(),
                shown.join(", "),
            ),
            format!(
                "үнэлгээнд уншсан төлөвлөгөөний хүснэгтэд байхгүй {} арга хэмжээ байна ({}{more})",
                named.len(),
                shown.join(", "),
            ),
        ));
    }
    if !gaps.is_empty() {
        // A misread number ("152") leaves a long gap: the first few say enough.
        let shown: Vec<String> = gaps.iter().take(8).map(u32::to_string).collect();
        let more = if gaps.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        why.push(Message::new(
            format!(
                "objective(s) {}{more} missing from the plan table as read",
                shown.join(", "),
            ),
            format!(
                "уншсан төлөвлөгөөний хүснэгтэд {}{more}-р зорилт алга",
                shown.join(", "),
            ),
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
            why.push(Message::new(
                format!(
                    "the plan table as read holds {found} measures, the evaluation lists {listed}"
                ),
                format!(
                    "уншсан төлөвлөгөөний хүснэгтэд {found} арга хэмжээ, үнэлгээнд {listed} байна"
                ),
            ));
        }
    }
    (!why.is_empty()).then(|| {
        Message::new(
            why.iter()
                .map(|w| w.en.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            why.iter()
                .map(|w| w.mn.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// Whether the count of measures in the plan table as read is one the report bears out: for
/// a text export or a PDF, always (the table is what the report prints); for a scan, when the
/// evaluation's list holds as many items (of objective `o`, or in all), or the summary rows'
/// counts add up to it. A scan's table splits or loses measures; a count no other figure
/// confirms is a reading to doubt, not a report's miscount.
pub(super) fn table_count_corroborated(r: &Report, o: Option<&Objective>) -> bool {
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
pub(super) fn objectives_stated(r: &Report) -> Option<f64> {
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
pub(super) fn codes_account_for_table(r: &Report) -> bool {
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
pub(super) fn table_read_cleanly(r: &Report) -> bool {
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
pub(super) fn objective_count_corroborated(r: &Report) -> bool {
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
pub(super) fn scan_count_doubtful(r: &Report, o: &Objective, stated: f64) -> bool {
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
