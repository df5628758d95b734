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
        Message,
        &'a StatedNumber,
    );
    let mut stated: Vec<Stated> = Vec::new();
    for o in &r.objectives {
        for (what, s) in [
            (
                Message::new("plan table", "төлөвлөгөөний хүснэгтийн хувь"),
                &o.score_table,
            ),
            (
                Message::new("summary table", "нэгтгэл хүснэгтийн хувь"),
                &o.score_summary,
            ),
        ] {
            match s {
                Some(s) if misread_objective_score(r, o, s) => out.push(
                    Finding::new(FindingKind::OcrDoubtful, Severity::Info, Message::new(format!(
                        "objective {}: the scan's {} reads {:?}, outside 0-100, and its other table does not say so: taken as misread, kept as read and not used",
                        o.objective_no, what.en, s.raw
                    ), format!(
                        "{}-р зорилт: скан хуудасны {} {:?} гэж уншигдсан нь 0-100-аас гадуур бөгөөд нөгөө хүснэгт нь үүнийг батлахгүй: буруу уншсан гэж үзэж, уншсанаар нь үлдээж, ашиглаагүй",
                        o.objective_no, what.mn, s.raw
                    )))
                        .objective(o.objective_no)
                        .stated(s.value)
                        .evidence(vec![Evidence::of(Message::new(
                            format!("{} as OCR read it", what.en),
                            format!("текст таниулалтаар уншсан {}", what.mn),
                        ), s)]),
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
                    Finding::new(FindingKind::OcrDoubtful, Severity::Info, Message::new(format!(
                        "measure {}: the scan's score cell reads {:?}, outside 0-100, and no other figure of the report says so: taken as misread, kept as read and not used",
                        m.code, t.raw
                    ), format!(
                        "{} арга хэмжээ: скан хуудасны онооны нүд {:?} гэж уншигдсан нь 0-100-аас гадуур бөгөөд тайлангийн өөр ямар ч тоо үүнийг батлахгүй: буруу уншсан гэж үзэж, уншсанаар нь үлдээж, ашиглаагүй",
                        m.code, t.raw
                    )))
                        .objective(o.objective_no)
                        .measure(m.measure_no, &m.code)
                        .stated(t.value)
                        .evidence(vec![Evidence::of(words::score_cell_ocr(), t)]),
                );
            }
            for (table, what, s) in [
                (true, words::table_score(), &m.score_table),
                (
                    false,
                    Message::new("evaluation score", "үнэлгээний оноо"),
                    &m.score_narrative,
                ),
            ] {
                if table && misread_table_score(r, m) {
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
            Finding::new(FindingKind::OcrDoubtful, Severity::Info, Message::new(format!(
                "the scan's overall percent in the plan table reads {:?}, outside 0-100, the conclusion's figure with its decimal mark lost: taken as misread, kept as read and not used",
                t.raw
            ), format!(
                "скан хуудасны төлөвлөгөөний хүснэгтийн нийт биелэлтийн хувь {:?} гэж уншигдсан нь 0-100-аас гадуур, дүгнэлтийн тоо аравтын тэмдэггүй болсон хэлбэр: буруу уншсан гэж үзэж, уншсанаар нь үлдээж, ашиглаагүй",
                t.raw
            )))
                .stated(t.value)
                .evidence(vec![Evidence::of(Message::new(
                    "overall percent as OCR read it",
                    "текст таниулалтаар уншсан нийт биелэлтийн хувь",
                ), t)]),
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
        stated.push((
            None,
            None,
            Message::new("overall percent", "нийт биелэлтийн хувь"),
            s,
        ));
    }
    for (o, m, what, s) in stated {
        if (0.0..=100.0).contains(&s.value) {
            continue;
        }
        let name = match (&m, o) {
            (Some((_, code)), _) => {
                Message::new(format!("measure {code}"), format!("{code} арга хэмжээ"))
            }
            (None, Some(o)) => Message::new(format!("objective {o}"), format!("{o}-р зорилт")),
            _ => Message::new("the report", "тайлан"),
        };
        out.push(
            Finding::new(
                FindingKind::ScoreOutOfRange,
                Severity::Error,
                Message::new(
                    format!(
                        "{}'s {} is {}, outside 0-100",
                        name.en,
                        what.en,
                        num(s.value)
                    ),
                    format!(
                        "{}: {} {} нь 0-100-аас гадуур",
                        name.mn,
                        what.mn,
                        num(s.value)
                    ),
                ),
            )
            .objective(o)
            .measure_opt(m.as_ref().map(|(n, c)| (*n, c.as_str())))
            .stated(s.value)
            .evidence(vec![Evidence::of(what, s)]),
        );
    }
}
