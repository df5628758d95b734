//! ocr_doubtful (scans): a table cell the report itself contradicts and OCR may have misread.
//!
//! Enters: a scanned report. Leaves: info findings; the figure is kept as read.

use super::*;

/// ocr_doubtful (scans): a table cell whose reading the report itself contradicts and that OCR
/// may have misread — kept as read, flagged, never guessed. Now: a score cell read as a number
/// where the evaluation calls the measure not due ("/-/" is often read "4" or "1").
pub(super) fn ocr_doubtful(out: &mut Out) {
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
                Finding::new(FindingKind::OcrDoubtful, Severity::Info, Message::new(format!(
                    "measure {}: the scan's score cell reads {:?}; taken as {}% (OCR's Mongolian model has no \"%\" and reads it as 9 and a digit: \"96\", \"90\", \"95\")",
                    m.code,
                    t.raw,
                    num(t.value)
                ), format!(
                    "{} арга хэмжээ: скан хуудасны онооны нүдийг {:?} гэж уншсан; {}% гэж авав (текст таниулалтын монгол загварт \"%\" тэмдэгт байхгүй тул түүнийг 9 ба нэг цифр гэж уншдаг: \"96\", \"90\", \"95\")",
                    m.code,
                    t.raw,
                    num(t.value)
                )))
                    .objective(m.objective_no)
                    .measure(m.measure_no, &m.code)
                    .stated(t.value)
                    .expected(as_read)
                    .evidence(vec![Evidence::of(words::score_cell_ocr(), t)]),
            );
        }
        if m.not_due {
            // Not listed: the cell's one digit was "/-/" misread (reconcile); listed not due:
            // the evaluation contradicts the cell.
            let (severity, why) = match m.narrative {
                None => (
                    Severity::Info,
                    Message::new(
                        "the evaluation does not list the measure: taken as not due (OCR reads \"/-/\" as one digit or loses it)",
                        "үнэлгээнд энэ арга хэмжээ байхгүй: хугацаа болоогүй гэж авав (текст таниулалт \"/-/\"-г нэг цифр гэж уншдаг эсвэл гээдэг)",
                    ),
                ),
                Some(_) => (
                    Severity::Warning,
                    Message::new(
                        "but the evaluation marks the measure not due (\"/-/\"); the cell is kept as read and left out of every mean",
                        "гэвч үнэлгээнд арга хэмжээг хугацаа болоогүй (\"/-/\") гэж тэмдэглэсэн; нүдийг уншсанаар нь үлдээж, бүх дунджаас хассан",
                    ),
                ),
            };
            out.push(
                Finding::new(
                    FindingKind::OcrDoubtful,
                    severity,
                    Message::new(
                        format!(
                            "measure {}: the scan's score cell reads {:?}, {}",
                            m.code, t.raw, why.en
                        ),
                        format!(
                            "{} арга хэмжээ: скан хуудасны онооны нүдийг {:?} гэж уншсан, {}",
                            m.code, t.raw, why.mn
                        ),
                    ),
                )
                .objective(m.objective_no)
                .measure(m.measure_no, &m.code)
                .stated(t.value)
                .evidence(vec![Evidence::of(words::score_cell_ocr(), t)]),
            );
        }
    }
}

/// On a scan, a measure's table score outside 0-100 that no other reading of the report states
/// too (the evaluation's "/110/") is a misreading ("100%" read "1009", "0%" read "906"): kept
/// as read, flagged `ocr_doubtful`, never compared.
pub(super) fn misread_table_score(r: &Report, m: &Measure) -> bool {
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
pub(super) fn misread_objective_score(r: &Report, o: &Objective, s: &StatedNumber) -> bool {
    r.source_format == crate::model::SourceFormat::Scan
        && !(0.0..=100.0).contains(&s.value)
        && [&o.score_table, &o.score_summary]
            .into_iter()
            .flatten()
            .filter(|other| (other.value - s.value).abs() <= SAME)
            .count()
            < 2
}
