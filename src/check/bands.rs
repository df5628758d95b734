//! bucket_label_mismatch and band_gap: scores against the report's own band scale.
//!
//! Enters: the report and its scale. Leaves: band findings.

use super::*;

/// Where the band scale stands: the summary table's first row.
pub(super) fn scale_source(r: &Report) -> crate::model::Source {
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
pub(super) fn scale_lost_to_ocr(r: &Report) -> bool {
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
pub(super) fn bands(out: &mut Out) {
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
        vec![Evidence::new(
            Message::new("band scale", "үнэлгээний түвшний хуваарь"),
            scale.join(", "),
            scale_source(r),
        )]
    };
    let scale_lost = scale_lost_to_ocr(r);
    if scale_lost {
        out.push(
            Finding::new(FindingKind::OcrDoubtful, Severity::Info, Message::new(format!(
                "the band scale as read from the scan ({}) does not reach 0 and 100 or leaves a measure's score in no band: a band heading lost to OCR is likelier; band counts and the bands of measures were not checked against it",
                scale.join(", ")
            ), format!(
                "скан хуудаснаас уншсан үнэлгээний түвшний хуваарь ({}) 0-ээс 100 хүртэл хүрэхгүй, эсвэл арга хэмжээний оноог аль ч түвшинд оруулахгүй байна: түвшний гарчиг текст танихад алдагдсан байх магадлалтай тул түвшний тоо болон арга хэмжээний түвшинг үүнтэй тулгаагүй",
                scale.join(", ")
            )))
                .evidence(scale_evidence()),
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
                    Finding::new(FindingKind::BucketCountMismatch, Severity::Error, Message::new(format!(
                        "the summary table counts {stated_n} measure(s) of objective {} in band \"{}\"; their scores put {found} there",
                        o.objective_no, band.label
                    ), format!(
                        "нэгтгэл хүснэгт {}-р зорилтын {stated_n} арга хэмжээг \"{}\" түвшинд тоолсон; тэдгээрийн оноогоор {found} нь тэнд орно",
                        o.objective_no, band.label
                    )))
                        .objective(o.objective_no)
                        .stated(stated_n as f64)
                        .expected(found as f64)
                        .evidence(vec![Evidence::new(
                        Message::new(
                            format!("summary table, band \"{}\"", band.label),
                            format!("нэгтгэл хүснэгт, \"{}\" түвшин", band.label),
                        ),
                        stated.map(|n| n.to_string()).unwrap_or_default(),
                        o.score_summary.as_ref().map(|s| s.source.clone()).unwrap_or_default(),
                    )]),
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
            Some(x) if x != n.value => Message::new(
                format!(
                    "the same row counts {} measure(s), {} of them not due",
                    num(n.value),
                    num(not_due)
                ),
                format!(
                    "мөн мөрөнд {} арга хэмжээ тоолсноос {} нь хугацаа болоогүй",
                    num(n.value),
                    num(not_due)
                ),
            ),
            _ => Message::new(
                format!("the same row counts {} measure(s)", num(n.value)),
                format!("мөн мөрөнд {} арга хэмжээ тоолсон", num(n.value)),
            ),
        };
        out.push(
            Finding::new(
                FindingKind::BucketCountMismatch,
                Severity::Error,
                Message::new(
                    format!(
                        "the summary table's band counts of objective {} ({}) add up to {}; {}",
                        o.objective_no,
                        unplaced.raw,
                        num(unplaced.value),
                        why.en
                    ),
                    format!(
                        "нэгтгэл хүснэгтэд {}-р зорилтын түвшний тоонуудын ({}) нийлбэр {}; {}",
                        o.objective_no,
                        unplaced.raw,
                        num(unplaced.value),
                        why.mn
                    ),
                ),
            )
            .objective(o.objective_no)
            .stated(unplaced.value)
            .expected(expected.or(Some(n.value)))
            .evidence(vec![
                Evidence::of(
                    Message::new(
                        "summary table band counts (columns not printed)",
                        "нэгтгэл хүснэгтийн түвшний тоонууд (багана нь хэвлэгдээгүй)",
                    ),
                    unplaced,
                ),
                Evidence::of(words::summary_count(), n),
            ]),
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
        let ev = vec![
            Evidence::new(
                Message::new("band heading", "түвшний гарчиг"),
                h.raw.clone(),
                h.source.clone(),
            ),
            Evidence::new(words::item(), item.raw.clone(), item.source.clone()),
        ];
        out.push(
            Finding::new(
                FindingKind::BucketLabelMismatch,
                Severity::Error,
                Message::new(
                    format!(
                        "measure {} is listed under \"{}\" but its score is {}",
                        m.code,
                        h.raw,
                        num(score)
                    ),
                    format!(
                        "{} арга хэмжээг \"{}\" гарчгийн дор жагсаасан боловч оноо нь {}",
                        m.code,
                        h.raw,
                        num(score)
                    ),
                ),
            )
            .objective(m.objective_no)
            .measure(m.measure_no, &m.code)
            .stated(score)
            .evidence(ev),
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
        Finding::new(
            FindingKind::BandGap,
            Severity::Info,
            Message::new(
                format!(
                    "the report's band scale ({}) leaves scores {} in no band",
                    scale.join(", "),
                    gap_text.join(", ")
                ),
                format!(
                    "тайлангийн үнэлгээний хуваарь ({}) {} оноог аль ч түвшинд оруулаагүй",
                    scale.join(", "),
                    gap_text.join(", ")
                ),
            ),
        )
        .evidence(scale_evidence()),
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
            .map(|s| vec![Evidence::of(words::score(), s)])
            .unwrap_or_default();
        out.push(
            Finding::new(
                FindingKind::BandGap,
                Severity::Error,
                Message::new(
                    format!(
                        "measure {} scored {}, which lies in no band of the report's scale ({})",
                        m.code,
                        num(score),
                        scale.join(", ")
                    ),
                    format!(
                        "{} арга хэмжээ {} оноо авсан нь тайлангийн хуваарийн ({}) аль ч түвшинд орохгүй",
                        m.code,
                        num(score),
                        scale.join(", ")
                    ),
                ),
            )
            .objective(m.objective_no)
            .measure(m.measure_no, &m.code)
            .stated(score)
            .evidence(ev),
        );
    }
}
