//! measure_score_conflict: a measure scored twice (table and evaluation) with two figures.
//!
//! Enters: the report's measures. Leaves: findings on the measures.

use super::*;

/// measure_score_conflict: the table and the evaluation give one measure two scores.
pub(super) fn measure_scores(out: &mut Out) {
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
            let mut explained = Message::default();
            if let Some(mean) = exact {
                match fit(t, mean) {
                    Fit::Truncated => explained = Message::new(format!(
                        " The table's {} is objective {}'s mean ({}) truncated to {} decimal(s): the row carries the objective's score, not the measure's.",
                        t.raw, o.objective_no, num(mean), decimals(&t.raw)
                    ), format!(
                        " Хүснэгтийн {} нь {}-р зорилтын дундаж ({})-ийг аравтын {} орноор тасалсан утга: мөрөнд арга хэмжээний биш, зорилтын оноо бичигдсэн байна.",
                        t.raw, o.objective_no, num(mean), decimals(&t.raw)
                    )),
                    Fit::Rounded if o.measures.len() > 1 => explained = Message::new(format!(
                        " The table's {} is objective {}'s mean ({}): the row carries the objective's score, not the measure's.",
                        t.raw, o.objective_no, num(mean)
                    ), format!(
                        " Хүснэгтийн {} нь {}-р зорилтын дундаж ({}): мөрөнд арга хэмжээний биш, зорилтын оноо бичигдсэн байна.",
                        t.raw, o.objective_no, num(mean)
                    )),
                    _ => {}
                }
            }
            if explained.en.is_empty() {
                if let Some(s) = o.score_stated() {
                    if (s.value - t.value).abs() <= SAME && o.measures.len() > 1 {
                        explained = Message::new(
                            format!(
                                " The table's {} equals objective {}'s stated percent.",
                                t.raw, o.objective_no
                            ),
                            format!(
                                " Хүснэгтийн {} нь {}-р зорилтын бичсэн хувьтай тэнцүү.",
                                t.raw, o.objective_no
                            ),
                        );
                    }
                }
            }
            // On a scan, two scores one look-alike digit apart ("85.7" and "35.7") are
            // likelier one glyph misread than two figures.
            if explained.en.is_empty() && one_glyph_misread(r, t, n.value) {
                out.push(
                    Finding::new(FindingKind::OcrDoubtful, Severity::Info, Message::new(format!(
                        "measure {} reads {} in the plan table and {} in the evaluation: one digit of a look-alike shape apart, as OCR misreads it; kept as read and not counted as a disagreement; check the page",
                        m.code,
                        t.raw.trim(),
                        n.raw.trim()
                    ), format!(
                        "{} арга хэмжээ төлөвлөгөөний хүснэгтэд {}, үнэлгээнд {} гэж уншигдсан: текст таниулалт андуурдаг, хэлбэр адил нэг цифрээр ялгаатай; уншсанаар нь үлдээж, зөрүү гэж тооцоогүй; хуудсыг шалгана уу",
                        m.code,
                        t.raw.trim(),
                        n.raw.trim()
                    )))
                        .objective(o.objective_no)
                        .measure(m.measure_no, &m.code)
                        .stated(t.value)
                        .expected(n.value)
                        .evidence(vec![Evidence::of(words::table_score(), t), Evidence::of(words::evaluation(), n)]),
                );
                continue;
            }
            let severity = if explained.en.is_empty() {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(
                Finding::new(
                    FindingKind::MeasureScoreConflict,
                    severity,
                    Message::new(
                        format!(
                    "measure {} has two scores: {} in the plan table, {} in the evaluation.{}",
                    m.code,
                    num(t.value),
                    num(n.value),
                    explained.en
                ),
                        format!(
                    "{} арга хэмжээ хоёр оноотой: төлөвлөгөөний хүснэгтэд {}, үнэлгээнд {}.{}",
                    m.code,
                    num(t.value),
                    num(n.value),
                    explained.mn
                ),
                    ),
                )
                .objective(o.objective_no)
                .measure(m.measure_no, &m.code)
                .stated(t.value)
                .expected(n.value)
                .evidence(vec![
                    Evidence::of(words::table_score(), t),
                    Evidence::of(words::evaluation(), n),
                ]),
            );
        }
    }
}
