//! measure_count_mismatch and bucket_count_mismatch: counts of measures the report states (summary table, prose, band headings) against the measures found.
//!
//! Enters: the report. Leaves: count findings.

use super::*;

/// A scan's table as read holds another count of measures than the report states and no
/// other count bears the table out: a mean over it is not over the report's measures (one
/// measure split in two weighs its objective's percent once more).
pub(super) fn count_doubted(r: &Report) -> bool {
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
pub(super) fn objectives_figure(o: &Objective, m: &Measure) -> bool {
    m.score_source == Some(crate::model::ScoreSource::Table)
        && o.score_table.is_some()
        && m.score_table == o.score_table
}

/// In a scan, a summary-table row whose own figures disagree (its count of measures is not the
/// sum of its band counts) was most likely misread: its counts are flagged `ocr_doubtful`
/// rather than checked against the measures.
pub(super) fn doubtful_summary_row(r: &Report, o: &Objective) -> bool {
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
pub(super) fn not_due_outside_bands(r: &Report, o: &Objective) -> u32 {
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
pub(super) fn in_band_found(o: &Objective, band: &Band) -> u32 {
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
pub(super) fn band_cells_lost(r: &Report, o: &Objective) -> bool {
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
pub(super) fn counts(out: &mut Out) {
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
                    Message::new(
                        "band cells lost to OCR, which the measures as found fill",
                        "текст таниулалтад алдагдсан түвшний нүднүүдийг олдсон арга хэмжээнүүд нөхөж байна",
                    ),
                )
            } else if scale_lost_to_ocr(r) {
                (
                    Severity::Info,
                    Message::new(
                        "the band scale as read lost a heading, so the row's band cells are misplaced too",
                        "уншсан түвшний хуваариас нэг гарчиг алдагдсан тул мөрийн түвшний нүднүүд мөн байраа алдсан",
                    ),
                )
            } else {
                (
                    Severity::Warning,
                    Message::new(
                        "the scan's figures disagree with each other",
                        "скан хуудасны тоонууд хоорондоо зөрж байна",
                    ),
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
                    Message::new(format!(
                        "objective {}'s summary row states {} measure(s), as many as the plan table as read holds, but its band counts ({}) add up to {sum}; a warning, not an error, as a speck OCR read as a figure would do the same: check the page",
                        o.objective_no,
                        num(n.value),
                        bands.join(", ")
                    ), format!(
                        "{}-р зорилтын нэгтгэл мөрөнд уншсан төлөвлөгөөний хүснэгттэй адил {} арга хэмжээ бичсэн боловч түвшний тоонуудын ({}) нийлбэр {sum}; текст таниулалт толбыг тоо гэж уншсан ч ийм болох тул алдаа биш анхааруулга: хуудсыг шалгана уу",
                        o.objective_no,
                        num(n.value),
                        bands.join(", ")
                    )),
                )
            } else {
                (
                    FindingKind::OcrDoubtful,
                    Message::new(format!(
                        "objective {}'s summary row reads {} measure(s) but band counts {}: {}; kept as read, not checked",
                        o.objective_no,
                        num(n.value),
                        bands.join(", "),
                        why.en
                    ), format!(
                        "{}-р зорилтын нэгтгэл мөрөнд {} арга хэмжээ гэж уншигдсан боловч түвшний тоонууд {}: {}; уншсанаар нь үлдээж, шалгаагүй",
                        o.objective_no,
                        num(n.value),
                        bands.join(", "),
                        why.mn
                    )),
                )
            };
            out.push(
                Finding::new(kind, severity, message)
                    .objective(o.objective_no)
                    .stated(n.value)
                    .evidence(vec![Evidence::of(
                        Message::new(
                            "summary table count as OCR read it",
                            "текст таниулалтаар уншсан нэгтгэл хүснэгтийн тоо",
                        ),
                        n,
                    )]),
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
                    Message::new(format!(
                        "objective {}: the summary table gives {} measure(s), the scan's plan table as read holds {}, and the evaluation's list does not bear the table out: the reading is doubted, not the report",
                        o.objective_no,
                        num(s.value),
                        o.measures.len()
                    ), format!(
                        "{}-р зорилт: нэгтгэл хүснэгтэд {} арга хэмжээ, скан хуудаснаас уншсан төлөвлөгөөний хүснэгтэд {} байгаа бөгөөд үнэлгээний жагсаалт хүснэгтийг батлахгүй байна: тайлан биш, уншилт эргэлзээтэй",
                        o.objective_no,
                        num(s.value),
                        o.measures.len()
                    )),
                )
            } else {
                (
                    FindingKind::MeasureCountMismatch,
                    Severity::Error,
                    Message::new(format!(
                        "the summary table gives objective {} {} measure(s); the plan table has {}",
                        o.objective_no,
                        num(s.value),
                        o.measures.len()
                    ), format!(
                        "нэгтгэл хүснэгтэд {}-р зорилтод {} арга хэмжээ бичсэн; төлөвлөгөөний хүснэгтэд {} байна",
                        o.objective_no,
                        num(s.value),
                        o.measures.len()
                    )),
                )
            };
            out.push(
                Finding::new(kind, severity, message)
                    .objective(o.objective_no)
                    .stated(s.value)
                    .expected(o.measures.len() as f64)
                    .evidence(vec![Evidence::of(words::summary_count(), s)]),
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
            "objectives" => (
                r.objectives.len() as f64,
                Message::new("objectives", "зорилт"),
            ),
            "measures" => (n_found, words::measures()),
            "not_due" => (
                r.measures().filter(|m| m.not_due).count() as f64,
                Message::new("not-due measures", "хугацаа болоогүй арга хэмжээ"),
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
                (
                    n,
                    Message::new(
                        format!("measures scored {}-{}", num(low), num(high)),
                        format!("{}-{} оноотой арга хэмжээ", num(low), num(high)),
                    ),
                )
            }
        };
        if (c.value - expected).abs() > SAME {
            let (kind, severity, message) = if c.what == "objectives"
                && !objective_count_corroborated(r)
            {
                (
                    FindingKind::OcrDoubtful,
                    Severity::Info,
                    Message::new(format!(
                        "the report states {} objectives; the scan's plan table as read holds {}, and neither the evaluation's list nor the summary rows bear the table out: the reading is doubted, not the report",
                        num(c.value),
                        num(expected)
                    ), format!(
                        "тайланд {} зорилт гэж бичсэн; скан хуудаснаас уншсан төлөвлөгөөний хүснэгтэд {} байгаа бөгөөд үнэлгээний жагсаалт, нэгтгэл мөрүүдийн аль нь ч хүснэгтийг батлахгүй: тайлан биш, уншилт эргэлзээтэй",
                        num(c.value),
                        num(expected)
                    )),
                )
            } else if c.what == "measures" && !table_count_corroborated(r, None) {
                // What backs the table as read where no other count does: a warning then.
                let backing = if codes_account_for_table(r) {
                    Some(Message::new(
                        "each with its code written in the table and none skipped, the objectives numbered as the report counts them",
                        "тус бүр хүснэгтэд кодтой, алгассан нь үгүй, зорилтуудын дугаарлалт тайлангийн тоотой таарч байна",
                    ))
                } else if table_read_cleanly(r) {
                    Some(Message::new(
                        "read without a problem, its objectives as many as the report states, its measures numbered by place only",
                        "бэрхшээлгүй уншигдсан, зорилтын тоо тайланд бичсэнтэй адил, арга хэмжээг зөвхөн байрлалаар нь дугаарласан",
                    ))
                } else {
                    None
                };
                match backing {
                    Some(why) => (
                        FindingKind::MeasureCountMismatch,
                        Severity::Warning,
                        Message::new(format!(
                            "the report states {} measures; the scan's plan table as read holds {}, {}; no other count of the report confirms the table, so a warning, not an error: check the table's pages",
                            num(c.value),
                            num(expected),
                            why.en
                        ), format!(
                            "тайланд {} арга хэмжээ гэж бичсэн; скан хуудаснаас уншсан төлөвлөгөөний хүснэгтэд {} байна, {}; тайлангийн өөр тоо хүснэгтийг батлахгүй тул алдаа биш анхааруулга: хүснэгтийн хуудсуудыг шалгана уу",
                            num(c.value),
                            num(expected),
                            why.mn
                        )),
                    ),
                    None => (
                        FindingKind::OcrDoubtful,
                        Severity::Info,
                        Message::new(format!(
                            "the report states {} measures; the scan's plan table as read holds {}, and no other count of the report bears the table out: the reading is doubted, not the report",
                            num(c.value),
                            num(expected)
                        ), format!(
                            "тайланд {} арга хэмжээ гэж бичсэн; скан хуудаснаас уншсан төлөвлөгөөний хүснэгтэд {} байгаа бөгөөд тайлангийн өөр тоо хүснэгтийг батлахгүй: тайлан биш, уншилт эргэлзээтэй",
                            num(c.value),
                            num(expected)
                        )),
                    ),
                }
            } else {
                (
                    FindingKind::MeasureCountMismatch,
                    Severity::Error,
                    Message::new(
                        format!(
                            "the report states {} {}; {} found",
                            num(c.value),
                            what.en,
                            num(expected)
                        ),
                        format!(
                            "тайланд {} {} гэж бичсэн; {} олдсон",
                            num(c.value),
                            what.mn,
                            num(expected)
                        ),
                    ),
                )
            };
            out.push(
                Finding::new(kind, severity, message)
                    .stated(c.value)
                    .expected(expected)
                    .evidence(vec![Evidence::new(
                        Message::new("stated count", "бичсэн тоо"),
                        c.raw.clone(),
                        c.source.clone(),
                    )]),
            );
        }
    }
}
