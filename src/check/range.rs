//! score_out_of_range: a score no scale gives (outside 0-100).
//!
//! Enters: the report. Leaves: range findings.

use super::*;

/// score_out_of_range: any stated score below 0 or above 100.
pub(super) fn out_of_range(out: &mut Out) {
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
                    Finding::new(FindingKind::OcrDoubtful, Severity::Info, format!(
                        "objective {}: the scan's {what} reads {:?}, outside 0-100, and its other table does not say so: taken as misread, kept as read and not used",
                        o.objective_no, s.raw
                    ))
                        .objective(o.objective_no)
                        .stated(s.value)
                        .evidence(vec![Evidence::of(&format!("{what} as OCR read it"), s)]),
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
                    Finding::new(FindingKind::OcrDoubtful, Severity::Info, format!(
                        "measure {}: the scan's score cell reads {:?}, outside 0-100, and no other figure of the report says so: taken as misread, kept as read and not used",
                        m.code, t.raw
                    ))
                        .objective(o.objective_no)
                        .measure(m.measure_no, &m.code)
                        .stated(t.value)
                        .evidence(vec![Evidence::of("score cell as OCR read it", t)]),
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
            Finding::new(FindingKind::OcrDoubtful, Severity::Info, format!(
                "the scan's overall percent in the plan table reads {:?}, outside 0-100, the conclusion's figure with its decimal mark lost: taken as misread, kept as read and not used",
                t.raw
            ))
                .stated(t.value)
                .evidence(vec![Evidence::of("overall percent as OCR read it", t)]),
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
            Finding::new(
                FindingKind::ScoreOutOfRange,
                Severity::Error,
                format!("{name}'s {what} is {}, outside 0-100", num(s.value)),
            )
            .objective(o)
            .measure_opt(m.as_ref().map(|(n, c)| (*n, c.as_str())))
            .stated(s.value)
            .evidence(vec![Evidence::of(what, s)]),
        );
    }
}
