//! objective_score_mismatch and score_rounding: an objective's stated percent against the mean of its measures.
//!
//! Enters: one objective. Leaves: findings on it.

use super::*;

/// objective_score_mismatch and score_rounding for an objective's stated percents.
pub(super) fn objective_score(out: &mut Out, o: &Objective) {
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
                    Finding::new(kind, severity, message)
                        .objective(o.objective_no)
                        .stated(s.value)
                        .expected(mean)
                        .evidence(ev),
                );
            }
        }
    }
    if let Some(v) = rounding_value {
        let d = decimals(&rounding[0].raw);
        out.push(
            Finding::new(
                FindingKind::ScoreRounding,
                Severity::Info,
                format!(
                    "objective {} is stated {}: its mean {} truncated, not rounded (rounded: {})",
                    o.objective_no,
                    num(v),
                    num(mean),
                    num(round_to(mean, d))
                ),
            )
            .objective(o.objective_no)
            .stated(v)
            .expected(mean)
            .evidence(rounding),
        );
    }
    tables_disagree(out, o, Some(mean));
}

/// objective_score_mismatch: the plan table and the summary table state two different percents
/// for one objective (two stated figures: no measure is needed). When the mean is known and
/// fits neither, each was reported against it already.
pub(super) fn tables_disagree(out: &mut Out, o: &Objective, mean: Option<f64>) {
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
                Finding::new(
                    FindingKind::ObjectiveScoreMismatch,
                    Severity::Error,
                    format!(
                        "objective {} is stated {} in the plan table and {} in the summary table",
                        o.objective_no,
                        num(t.value),
                        num(s.value)
                    ),
                )
                .objective(o.objective_no)
                .stated(t.value)
                .expected(s.value)
                .evidence(vec![
                    Evidence::of("plan table", t),
                    Evidence::of("summary table", s),
                ]),
            );
        }
    }
}
