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
            Some(Evidence::of(
                Message::new(
                    format!("measure {} score", m.code),
                    format!("{} арга хэмжээний оноо", m.code),
                ),
                s,
            ))
        })
        .collect();
    let mut stated: Vec<(Table, &StatedNumber)> = Vec::new();
    if let Some(t) = &o.score_table {
        stated.push((Table::Plan, t));
    }
    if let Some(s) = &o.score_summary {
        stated.push((Table::Summary, s));
    }
    // Flagged by `out_of_range`.
    stated.retain(|(_, s)| !misread_objective_score(out.report, o, s));
    let mut rounding: Vec<Evidence> = Vec::new();
    let mut rounding_value = None;
    for (where_, s) in &stated {
        match fit(s, mean) {
            Fit::Rounded => {}
            Fit::Truncated => {
                rounding.push(Evidence::of(where_.percent(), s));
                rounding_value = Some(s.value);
            }
            Fit::No if (s.value - mean).abs() <= ROUNDING => {}
            Fit::No => {
                let mut ev = vec![Evidence::of(where_.percent(), s)];
                ev.extend(scored.iter().cloned());
                let n_scored = o
                    .measures
                    .iter()
                    .filter(|m| !m.not_due && m.score.is_some())
                    .count();
                let message = Message::new(format!(
                    "objective {} is stated {} in the {}, but the mean of its {n_scored} scored measure(s) is {}",
                    o.objective_no,
                    num(s.value),
                    where_.name().en,
                    num(mean)
                ), format!(
                    "{}-р зорилтыг {} {} гэж бичсэн боловч түүний оноотой {n_scored} арга хэмжээний дундаж {}",
                    o.objective_no,
                    where_.located(),
                    num(s.value),
                    num(mean)
                ));
                // A scan's summary row whose count and band counts disagree was misread in
                // part: its percent, read in the same row, is doubted with it.
                let (kind, severity, message) = if *where_ == Table::Summary
                    && doubtful_summary_row(out.report, o)
                {
                    (
                            FindingKind::OcrDoubtful,
                            Severity::Info,
                            Message::new(format!(
                                "{} — but the scan's summary row disagrees with itself (its count against its band counts): its percent is kept as read and not counted as a disagreement",
                                message.en
                            ), format!(
                                "{} — гэвч скан хуудасны нэгтгэл мөр өөртэйгөө зөрж байна (тоо нь түвшний тоонуудтайгаа): хувийг уншсанаар нь үлдээж, зөрүү гэж тооцоогүй",
                                message.mn
                            )),
                        )
                } else if one_glyph_misread(out.report, s, mean) {
                    (
                        FindingKind::OcrDoubtful,
                        Severity::Info,
                        Message::new(format!(
                            "{} — but \"{}\" is the mean with one digit of a look-alike shape, as OCR misreads it: kept as read and not counted as a disagreement; check the page",
                            message.en,
                            s.raw.trim()
                        ), format!(
                            "{} — гэвч \"{}\" нь дундажаас хэлбэр адил нэг цифрээр ялгаатай (текст таниулалт андуурдаг): уншсанаар нь үлдээж, зөрүү гэж тооцоогүй; хуудсыг шалгана уу",
                            message.mn,
                            s.raw.trim()
                        )),
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
                Message::new(
                    format!(
                        "objective {} is stated {}: its mean {} truncated, not rounded (rounded: {})",
                        o.objective_no,
                        num(v),
                        num(mean),
                        num(round_to(mean, d))
                    ),
                    format!(
                        "{}-р зорилтыг {} гэж бичсэн нь дундаж {}-ийг тоймлолгүй тасалсан утга (тоймловол: {})",
                        o.objective_no,
                        num(v),
                        num(mean),
                        num(round_to(mean, d))
                    ),
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
                    Message::new(
                        format!(
                            "objective {} is stated {} in the plan table and {} in the summary table",
                            o.objective_no,
                            num(t.value),
                            num(s.value)
                        ),
                        format!(
                            "{}-р зорилтыг төлөвлөгөөний хүснэгтэд {}, нэгтгэл хүснэгтэд {} гэж бичсэн",
                            o.objective_no,
                            num(t.value),
                            num(s.value)
                        ),
                    ),
                )
                .objective(o.objective_no)
                .stated(t.value)
                .expected(s.value)
                .evidence(vec![
                    Evidence::of(Table::Plan.name(), t),
                    Evidence::of(Table::Summary.name(), s),
                ]),
            );
        }
    }
}

/// The two tables that state an objective's percent.
#[derive(Clone, Copy, PartialEq)]
enum Table {
    Plan,
    Summary,
}

impl Table {
    fn name(self) -> Message {
        match self {
            Table::Plan => Message::new("plan table", "төлөвлөгөөний хүснэгт"),
            Table::Summary => Message::new("summary table", "нэгтгэл хүснэгт"),
        }
    }

    fn percent(self) -> Message {
        match self {
            Table::Plan => Message::new("plan table percent", "төлөвлөгөөний хүснэгтийн хувь"),
            Table::Summary => Message::new("summary table percent", "нэгтгэл хүснэгтийн хувь"),
        }
    }

    /// "in the table", in Mongolian.
    fn located(self) -> &'static str {
        match self {
            Table::Plan => "төлөвлөгөөний хүснэгтэд",
            Table::Summary => "нэгтгэл хүснэгтэд",
        }
    }
}
