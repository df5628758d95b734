//! overall_score_mismatch: the report's overall percent against the mean of all measures.
//!
//! Enters: the report. Leaves: findings on the report as a whole.

use super::*;

/// overall_score_mismatch / score_rounding for the overall percent.
pub(super) fn overall_score(out: &mut Out) {
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
    let mut stated: Vec<(Message, &StatedNumber, Vec<Evidence>)> = Vec::new();
    if let Some(t) = r.overall_table.as_ref().filter(|t| !misread_overall(r, t)) {
        // "Дундаж үнэлгээ": average score, the plan table's last row.
        let where_ = Message::new(
            "plan table's \"Дундаж үнэлгээ\"",
            "төлөвлөгөөний хүснэгтийн \"Дундаж үнэлгээ\"",
        );
        stated.push((where_.clone(), t, vec![Evidence::of(where_, t)]));
    }
    if let Some(c) = r
        .evaluation
        .as_ref()
        .and_then(|e| e.overall_conclusion.as_ref())
    {
        match stated.first_mut() {
            Some((where_, t, ev)) if (t.value - c.value).abs() <= SAME => {
                where_.en.push_str(" and the conclusion");
                where_.mn.push_str(" болон дүгнэлт");
                ev.push(Evidence::of(words::conclusion(), c));
            }
            _ => stated.push((
                words::conclusion(),
                c,
                vec![Evidence::of(words::conclusion(), c)],
            )),
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
                    Finding::new(FindingKind::ScoreRounding, Severity::Info, Message::new(format!(
                        "the overall percent in the {} is {}: the mean of the measures {} truncated, not rounded",
                        where_.en,
                        num(s.value),
                        num(by_measures)
                    ), format!(
                        "нийт биелэлтийн хувь ({}) {}: арга хэмжээнүүдийн дундаж {}-ийг тоймлолгүй тасалсан утга",
                        where_.mn,
                        num(s.value),
                        num(by_measures)
                    )))
                        .stated(s.value)
                        .expected(by_measures)
                        .evidence(ev),
                );
                continue;
            }
            Fit::No => {}
        }
        let objectives_fit = by_objectives.is_some_and(|m| fit(s, m) != Fit::No);
        let (severity, why) = if objectives_fit {
            (
                Severity::Warning,
                Message::new(
                    format!(
                        "it is the mean of the objectives ({}), not of the measures ({}) as the scoring method sets",
                        num(by_objectives.unwrap_or(f64::NAN)),
                        num(by_measures)
                    ),
                    format!(
                        "энэ нь үнэлгээний аргачлалд заасанчлан арга хэмжээнүүдийн дундаж ({1}) биш, зорилтуудын дундаж ({0})",
                        num(by_objectives.unwrap_or(f64::NAN)),
                        num(by_measures)
                    ),
                ),
            )
        } else {
            (
                Severity::Error,
                Message::new(
                    format!(
                        "it fits neither the mean of the measures ({}) nor the mean of the objectives ({})",
                        num(by_measures),
                        by_objectives.map(num).unwrap_or("-".into())
                    ),
                    format!(
                        "энэ нь арга хэмжээнүүдийн дундаж ({}), зорилтуудын дундаж ({}) хоёрын алинд ч таарахгүй",
                        num(by_measures),
                        by_objectives.map(num).unwrap_or("-".into())
                    ),
                ),
            )
        };
        out.push(
            Finding::new(
                FindingKind::OverallScoreMismatch,
                severity,
                Message::new(
                    format!(
                        "the overall percent in the {} is {}: {}",
                        where_.en,
                        num(s.value),
                        why.en
                    ),
                    format!(
                        "нийт биелэлтийн хувь ({}) {}: {}",
                        where_.mn,
                        num(s.value),
                        why.mn
                    ),
                ),
            )
            .stated(s.value)
            .expected(by_measures)
            .evidence(ev),
        );
    }
}

/// On a scan, an objective's stated percent that cannot stand in for its measures: the plan
/// table and the summary table read two figures for it, or OCR was unsure of the one taken
/// (20261213 r009 @200: "/-/" read "14" and "4", made a mean of 90.44 against a stated 100).
pub(super) fn scan_percent_doubted(r: &Report, o: &Objective) -> bool {
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
        .is_some_and(|s| {
            unsure_reading(
                r,
                &[Evidence::of(Message::new("stated", "бичсэн"), s)],
                &[s.value],
            )
            .is_some()
        })
}

/// On a scan, the plan table's overall percent read outside 0-100 with the digits of the
/// conclusion's figure: its decimal mark lost to OCR ("914." for 91,4; 20261129 r036 @200).
pub(super) fn misread_overall(r: &Report, table: &StatedNumber) -> bool {
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
pub(super) fn stated_percent(o: &Objective) -> Option<f64> {
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
pub(super) fn overall_by_measures(r: &Report) -> Option<(f64, bool)> {
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
