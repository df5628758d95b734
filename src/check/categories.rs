//! Evaluations without a plan table (summary tables and prose): each category's counts and
//! percent, the total against its categories, and the overall percent stated twice.
//!
//! Enters: a report of kind `evaluation_summary` or `prose_evaluation`. Leaves:
//! `category_count_mismatch` (band or status counts that do not add up to the items),
//! `category_percent_mismatch` (a percent that is not its band counts' weighted mean),
//! `bucket_count_mismatch` (a band's total that is not the sum of its categories),
//! `overall_score_mismatch` (a total that is no mean of its categories, or two statements of
//! the overall percent that differ), and as info the formula the total follows
//! (`total_formula`), a percent rounded up (`rounding_up`) and not-due items kept in the
//! denominator (`not_due_in_denominator`). A figure the report does not state is never a
//! reason for a finding: rows whose figures could not be placed are left out.

use super::*;
use crate::model::{Category, CategoryLevel};
use crate::scoring::fits_ceiling;

fn val(s: &Option<StatedNumber>) -> Option<f64> {
    s.as_ref().map(|s| s.value)
}

fn band_sum(c: &Category) -> f64 {
    c.bands.iter().map(|b| b.count.value).sum()
}

fn aside(c: &Category) -> f64 {
    val(&c.n_not_due).unwrap_or(0.0) + val(&c.n_not_evaluable).unwrap_or(0.0)
}

/// The category's counts account for its items: its bands (with the not-due and
/// not-evaluable items) add up to them. A band it does not name then holds none.
fn complete(c: &Category) -> bool {
    c.unplaced.is_none()
        && !c.bands.is_empty()
        && val(&c.n_items).is_none_or(|n| band_sum(c) + aside(c) == n || band_sum(c) == n)
}

fn label(c: &Category) -> Message {
    let n = &c.name;
    match (&c.code, c.level) {
        (_, CategoryLevel::Total) => Message::new("the total", "нийт дүн"),
        (Some(code), CategoryLevel::Subtotal) => Message::new(
            format!("the subtotal {code} ({n})"),
            format!("{code} дэд дүн ({n})"),
        ),
        (None, CategoryLevel::Subtotal) => {
            Message::new(format!("the subtotal \"{n}\""), format!("\"{n}\" дэд дүн"))
        }
        (Some(code), _) => Message::new(
            format!("category {code} ({n})"),
            format!("{code} ангилал ({n})"),
        ),
        (None, _) => Message::new(format!("category \"{n}\""), format!("\"{n}\" ангилал")),
    }
}

/// "category 1 (…) items", "… band 100", "… percent" with their Mongolian.
fn of_label(c: &Category, en: &str, mn: &str) -> Message {
    let l = label(c);
    Message::new(format!("{} {en}", l.en), format!("{}, {mn}", l.mn))
}

fn band_label(c: &Category, band: f64) -> Message {
    of_label(
        c,
        &format!("band {}", num(band)),
        &format!("{} түвшин", num(band)),
    )
}

fn band_evidence(c: &Category) -> Vec<Evidence> {
    c.bands
        .iter()
        .map(|b| Evidence::of(band_label(c, b.band), &b.count))
        .collect()
}

/// Whether a stated percent is the exact one as printed (rounded or truncated).
fn printed(stated: &StatedNumber, exact: f64) -> bool {
    (stated.value - exact).abs() < 1e-9 || fit(stated, exact) != Fit::No
}

pub(super) fn categories(out: &mut Out) {
    let r = out.report;
    let first = out.findings.len();
    for c in &r.categories {
        counts(out, c);
        percent(out, c);
    }
    total(out);
    overall_statements(out);
    scale_words(out);
    measures_stated(out);
    shares(out);
    // A scan whose table OCR read with rows that cannot be right (a percent over 100, band
    // cells read empty) gives no disagreement: every one is a reading to doubt.
    if let Some(row) = misread_row(r) {
        for f in &mut out.findings[first..] {
            if f.severity != Severity::Info {
                f.message = format!(
                    "{} — but the scan's table as OCR read it has rows that cannot be right ({}): kept as read, not counted as a disagreement; check the page",
                    f.message, row.en
                );
                f.message_mn = format!(
                    "{} — гэвч текст таниулалтаар уншсан хүснэгтэд байж боломгүй мөр байна ({}): уншсанаар нь үлдээж, зөрүү гэж тооцоогүй; хуудсыг шалгана уу",
                    f.message_mn, row.mn
                );
                f.kind = FindingKind::OcrDoubtful;
                f.severity = Severity::Info;
            }
        }
    }
}

/// On a scan, the first row OCR cannot have read right: a percent outside 0-100, band counts
/// short of the items (cells read empty) or over them.
fn misread_row(r: &Report) -> Option<Message> {
    if r.source_format != crate::model::SourceFormat::Scan {
        return None;
    }
    r.categories.iter().find_map(|c| {
        if let Some(p) = c
            .percent
            .as_ref()
            .filter(|p| !(0.0..=100.0).contains(&p.value))
        {
            let l = label(c);
            return Some(Message::new(
                format!("{} reads {:?} for its percent", l.en, p.raw),
                format!("{}: хувийг {:?} гэж уншсан", l.mn, p.raw),
            ));
        }
        // No category holds ten thousand items: figures run together across cells.
        if let Some(b) = c.bands.iter().find(|b| b.count.value >= 10_000.0) {
            let l = label(c);
            return Some(Message::new(
                format!("{} reads {:?} in band {}", l.en, b.count.raw, num(b.band)),
                format!(
                    "{}: {} түвшинд {:?} гэж уншсан",
                    l.mn,
                    num(b.band),
                    b.count.raw
                ),
            ));
        }
        let items = val(&c.n_items)?;
        let sum = band_sum(c) + aside(c);
        (sum < items || c.bands.iter().any(|b| b.count.value > items)).then(|| {
            let l = label(c);
            Message::new(
                format!(
                    "{} reads {} items and band counts adding up to {}",
                    l.en,
                    num(items),
                    num(sum)
                ),
                format!(
                    "{}: {} ажил, нийлбэр нь {} болох түвшний тоонууд гэж уншсан",
                    l.mn,
                    num(items),
                    num(sum)
                ),
            )
        })
    })
}

/// The report's evaluation and its total's items, when it states them.
fn evaluation_and_items(r: &Report) -> Option<(&crate::model::Evaluation, &StatedNumber)> {
    let total = r
        .categories
        .iter()
        .find(|c| c.level == CategoryLevel::Total)?;
    Some((r.evaluation.as_ref()?, total.n_items.as_ref()?))
}

/// stated_share_mismatch: "59 арга хэмжээ нь нийт арга хэмжээний 73.7 хувийг" against the
/// total's items (59 of 80 is 73.75: 73.7 truncated holds).
fn shares(out: &mut Out) {
    let Some((e, items)) = evaluation_and_items(out.report) else {
        return;
    };
    for s in &e.shares {
        let share = 100.0 * s.count.value / items.value;
        if printed(&s.percent, share) || fits_ceiling(&s.percent, share) {
            continue;
        }
        out.push(
            Finding::new(
                FindingKind::StatedShareMismatch,
                Severity::Error,
                Message::new(
                    format!(
                        "{} of the total's {} items is {}%, the text says {}",
                        num(s.count.value),
                        num(items.value),
                        num(share),
                        num(s.percent.value)
                    ),
                    format!(
                        "нийт {} ажлаас {} нь {}% болох боловч текстэд {} гэж бичсэн",
                        num(items.value),
                        num(s.count.value),
                        num(share),
                        num(s.percent.value)
                    ),
                ),
            )
            .stated(s.percent.value)
            .expected(share)
            .evidence(vec![
                Evidence::of(Message::new("share stated", "бичсэн хувь"), &s.percent),
                Evidence::of(words::total_items(), items),
            ]),
        );
    }
}

/// category_count_mismatch: the text's count of measures ("нийт 80 арга хэмжээ төлөвлөн")
/// against the total's items ("Нийт 78 арга хэмжээнээс …").
fn measures_stated(out: &mut Out) {
    let Some((e, items)) = evaluation_and_items(out.report) else {
        return;
    };
    for c in e.stated_counts.iter().filter(|c| c.what == "measures") {
        if c.value == items.value {
            continue;
        }
        let stated = StatedNumber {
            value: c.value,
            raw: c.raw.clone(),
            source: c.source.clone(),
        };
        out.push(
            Finding::new(
                FindingKind::CategoryCountMismatch,
                Severity::Error,
                Message::new(
                    format!(
                        "the text counts {} measures (\"{}\") and the total {}",
                        num(c.value),
                        c.raw,
                        num(items.value)
                    ),
                    format!(
                        "текстэд {} арга хэмжээ (\"{}\"), нийт дүнд {} гэж тоолсон",
                        num(c.value),
                        c.raw,
                        num(items.value)
                    ),
                ),
            )
            .stated(c.value)
            .expected(items.value)
            .evidence(vec![
                Evidence::of(
                    Message::new("measures stated", "бичсэн арга хэмжээний тоо"),
                    &stated,
                ),
                Evidence::of(words::total_items(), items),
            ]),
        );
    }
}

/// bucket_label_mismatch: a percent named with a word of the report's own scale whose range
/// does not hold it ("78.4 хувьтай буюу “Үр дүнтэй”" where “Үр дүнтэй” is 90-100).
fn scale_words(out: &mut Out) {
    let r = out.report;
    let Some(e) = &r.evaluation else { return };
    for lp in &e.labelled_percents {
        let fold = |t: &str| t.trim().to_lowercase();
        let ranges: Vec<&crate::model::ScaleLabel> = e
            .scale_labels
            .iter()
            .filter(|l| fold(&l.label) == fold(&lp.label))
            .collect();
        let v = lp.percent.value;
        if ranges.is_empty() || ranges.iter().any(|l| in_band(v, l.low, l.high)) {
            continue;
        }
        let fitting = e
            .scale_labels
            .iter()
            .find(|l| in_band(v, l.low, l.high))
            .map(|l| {
                Message::new(
                    format!("; the scale calls {} “{}”", num(v), l.label),
                    format!("; хуваарь {}-г “{}” гэж нэрлэдэг", num(v), l.label),
                )
            })
            .unwrap_or_default();
        let mut ev = vec![Evidence::of(
            Message::new("percent named with the word", "үгээр нэрлэсэн хувь"),
            &lp.percent,
        )];
        ev.extend(ranges.iter().map(|l| {
            Evidence::new(
                Message::new("the scale's word", "хуваарийн үг"),
                l.raw.clone(),
                l.source.clone(),
            )
        }));
        let held: String = ranges
            .iter()
            .map(|l| format!("{}-{}", num(l.low), num(l.high)))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Finding::new(
                FindingKind::BucketLabelMismatch,
                Severity::Error,
                Message::new(
                    format!(
                        "{} is called “{}”, which the report's scale gives to {held}{}",
                        lp.percent.raw, lp.label, fitting.en
                    ),
                    format!(
                        "{}-г “{}” гэж нэрлэсэн боловч тайлангийн хуваарь энэ үгийг {held}-д өгдөг{}",
                        lp.percent.raw, lp.label, fitting.mn
                    ),
                ),
            )
            .stated(v)
            .evidence(ev),
        );
    }
}

/// category_count_mismatch: counts per band, or per status, that are not the items.
fn counts(out: &mut Out, c: &Category) {
    let Some(items) = &c.n_items else { return };
    if c.unplaced.is_some() {
        return;
    }
    if !c.bands.is_empty() {
        let sum = band_sum(c);
        let with_aside = sum + aside(c);
        if sum != items.value && with_aside != items.value {
            let mut ev = vec![Evidence::of(of_label(c, "items", "ажлын тоо"), items)];
            ev.extend(band_evidence(c));
            ev.extend(
                c.n_not_due
                    .iter()
                    .map(|n| Evidence::of(words::not_due(), n)),
            );
            ev.extend(
                c.n_not_evaluable
                    .iter()
                    .map(|n| Evidence::of(words::not_evaluable(), n)),
            );
            let l = label(c);
            out.push(
                Finding::new(
                    FindingKind::CategoryCountMismatch,
                    Severity::Error,
                    Message::new(
                        format!(
                            "{}: {} items stated, but its band counts add up to {}{}",
                            l.en,
                            num(items.value),
                            num(sum),
                            if aside(c) > 0.0 {
                                format!(" ({} with the not-due and not-evaluable)", num(with_aside))
                            } else {
                                String::new()
                            }
                        ),
                        format!(
                            "{}: {} ажил гэж бичсэн боловч түвшний тоонуудын нийлбэр {}{}",
                            l.mn,
                            num(items.value),
                            num(sum),
                            if aside(c) > 0.0 {
                                format!(
                                    " (хугацаа болоогүй, үнэлэх боломжгүйг оруулбал {})",
                                    num(with_aside)
                                )
                            } else {
                                String::new()
                            }
                        ),
                    ),
                )
                .stated(items.value)
                .expected(with_aside)
                .evidence(ev),
            );
        }
    }
    let statuses = [
        (Message::new("done", "хэрэгжсэн"), &c.n_done),
        (
            Message::new("in progress", "хэрэгжиж байгаа"),
            &c.n_in_progress,
        ),
        (Message::new("broken off", "тасалдсан"), &c.n_broken),
        (words::not_due(), &c.n_not_due),
        (words::not_evaluable(), &c.n_not_evaluable),
    ];
    let named: Vec<(Message, &StatedNumber)> = statuses
        .into_iter()
        .filter_map(|(w, s)| s.as_ref().map(|s| (w, s)))
        .collect();
    // Statuses are checked when the row gives the implementation's statuses (done at least);
    // the not-due alone is a band-table column.
    if c.n_done.is_some() {
        let sum: f64 = named.iter().map(|(_, s)| s.value).sum();
        if sum != items.value {
            let mut ev = vec![Evidence::of(of_label(c, "items", "ажлын тоо"), items)];
            ev.extend(named.iter().map(|(w, s)| Evidence::of(w.clone(), s)));
            let l = label(c);
            out.push(
                Finding::new(
                    FindingKind::CategoryCountMismatch,
                    Severity::Error,
                    Message::new(
                        format!(
                            "{}: {} items stated, but its counts by status add up to {}",
                            l.en,
                            num(items.value),
                            num(sum)
                        ),
                        format!(
                            "{}: {} ажил гэж бичсэн боловч төлөвөөр нь тоолсон тоонуудын нийлбэр {}",
                            l.mn,
                            num(items.value),
                            num(sum)
                        ),
                    ),
                )
                .stated(items.value)
                .expected(sum)
                .evidence(ev),
            );
        }
    }
}

/// category_percent_mismatch: a percent that is not the band-weighted mean of its counts;
/// info when it is that mean rounded up, or with the not-due items in the denominator.
fn percent(out: &mut Out, c: &Category) {
    let (Some(p), Some(mean)) = (&c.percent, c.percent_computed()) else {
        return;
    };
    if !complete(c) || printed(p, mean) {
        return;
    }
    let mut ev = vec![Evidence::of(of_label(c, "percent", "хувь"), p)];
    ev.extend(band_evidence(c));
    let l = label(c);
    let weighted: f64 = c.bands.iter().map(|b| b.band * b.count.value).sum();
    let with_aside = weighted / (band_sum(c) + aside(c));
    let (kind, severity, message) = if fits_ceiling(p, mean) {
        (
            FindingKind::RoundingUp,
            Severity::Info,
            Message::new(
                format!(
                    "{}: {} is its band counts' mean ({}) rounded up, where reports round or truncate",
                    l.en,
                    p.raw,
                    num(mean)
                ),
                format!(
                    "{}: {} нь түвшний тоонуудын дундаж ({})-ийг дээш тоймолсон утга; тайлангууд ердийн журмаар тоймлох эсвэл тасалдаг",
                    l.mn,
                    p.raw,
                    num(mean)
                ),
            ),
        )
    } else if aside(c) > 0.0 && printed(p, with_aside) {
        ev.extend(
            c.n_not_due
                .iter()
                .map(|n| Evidence::of(words::not_due(), n)),
        );
        ev.extend(
            c.n_not_evaluable
                .iter()
                .map(|n| Evidence::of(words::not_evaluable(), n)),
        );
        (
            FindingKind::NotDueInDenominator,
            Severity::Info,
            Message::new(
                format!(
                    "{}: {} counts its {} not-due or not-evaluable item(s) in the denominator as 0 ({}); the usual rule leaves them out ({})",
                    l.en,
                    p.raw,
                    num(aside(c)),
                    num(with_aside),
                    num(mean)
                ),
                format!(
                    "{}: {} нь хугацаа болоогүй эсвэл үнэлэх боломжгүй {} ажлыг хуваарьт 0 гэж тооцсон ({}); ердийн журмаар тэдгээрийг хасдаг ({})",
                    l.mn,
                    p.raw,
                    num(aside(c)),
                    num(with_aside),
                    num(mean)
                ),
            ),
        )
    } else {
        (
            FindingKind::CategoryPercentMismatch,
            Severity::Error,
            Message::new(
                format!(
                    "{}: {} stated, but its band counts give {} (Σ band × count / Σ count)",
                    l.en,
                    p.raw,
                    num(mean)
                ),
                format!(
                    "{}: {} гэж бичсэн боловч түвшний тоонуудаас {} гарна (Σ түвшин × тоо / Σ тоо)",
                    l.mn,
                    p.raw,
                    num(mean)
                ),
            ),
        )
    };
    out.push(
        Finding::new(kind, severity, message)
            .stated(p.value)
            .expected(mean)
            .evidence(ev),
    );
}

/// A total's (or subtotal's) items and band counts against the sums of its categories'.
fn sums(out: &mut Out, whole: &Category, parts: &[&Category]) {
    let all_complete = parts.iter().all(|c| complete(c));
    // Items: the categories' items (stated, or their counts when complete) against the total's.
    if let Some(items) = &whole.n_items {
        let each: Option<Vec<f64>> = parts
            .iter()
            .map(|c| val(&c.n_items).or_else(|| complete(c).then(|| band_sum(c) + aside(c))))
            .collect();
        if let Some(each) = each {
            let sum: f64 = each.iter().sum();
            if sum != items.value {
                let mut ev = vec![Evidence::of(of_label(whole, "items", "ажлын тоо"), items)];
                ev.extend(
                    parts
                        .iter()
                        .filter_map(|c| c.n_items.as_ref().map(|n| (c, n)))
                        .map(|(c, n)| Evidence::of(of_label(c, "items", "ажлын тоо"), n)),
                );
                let l = label(whole);
                out.push(
                    Finding::new(
                        FindingKind::CategoryCountMismatch,
                        Severity::Error,
                        Message::new(
                            format!(
                                "{} counts {} items, its categories {}",
                                l.en,
                                num(items.value),
                                num(sum)
                            ),
                            format!(
                                "{}: {} ажил, ангиллуудынх нь нийлбэр {}",
                                l.mn,
                                num(items.value),
                                num(sum)
                            ),
                        ),
                    )
                    .stated(items.value)
                    .expected(sum)
                    .evidence(ev),
                );
            }
        }
    }
    // Each band of the total against the categories' counts in it.
    if all_complete && whole.unplaced.is_none() {
        for b in &whole.bands {
            let sum: f64 = parts
                .iter()
                .flat_map(|c| &c.bands)
                .filter(|x| x.band == b.band)
                .map(|x| x.count.value)
                .sum();
            if sum != b.count.value {
                let mut ev = vec![Evidence::of(band_label(whole, b.band), &b.count)];
                ev.extend(parts.iter().flat_map(|c| {
                    c.bands
                        .iter()
                        .filter(|x| x.band == b.band)
                        .map(|x| Evidence::of(band_label(c, b.band), &x.count))
                }));
                let l = label(whole);
                out.push(
                    Finding::new(
                        FindingKind::BucketCountMismatch,
                        Severity::Error,
                        Message::new(
                            format!(
                                "{} puts {} item(s) in band {}, its categories {}",
                                l.en,
                                num(b.count.value),
                                num(b.band),
                                num(sum)
                            ),
                            format!(
                                "{}: {} түвшинд {} ажил, ангиллуудынх нь нийлбэр {}",
                                l.mn,
                                num(b.band),
                                num(b.count.value),
                                num(sum)
                            ),
                        ),
                    )
                    .stated(b.count.value)
                    .expected(sum)
                    .evidence(ev),
                );
            }
        }
    }
}

/// The total against its categories: items and band counts summed, and its percent as the
/// item-weighted mean or the mean of the category percents.
fn total(out: &mut Out) {
    let r = out.report;
    let Some(t) = r
        .categories
        .iter()
        .find(|c| c.level == CategoryLevel::Total)
    else {
        return;
    };
    let parts: Vec<&Category> = r
        .categories
        .iter()
        .filter(|c| matches!(c.level, CategoryLevel::Category | CategoryLevel::Objective))
        .collect();
    if parts.len() < 2 {
        return;
    }
    sums(out, t, &parts);
    // Each section's subtotal against the categories since the section before.
    let mut section: Vec<&Category> = Vec::new();
    for c in &r.categories {
        match c.level {
            CategoryLevel::Subtotal => {
                if section.len() >= 2 {
                    sums(out, c, &section);
                }
                section.clear();
            }
            CategoryLevel::Category | CategoryLevel::Objective => section.push(c),
            CategoryLevel::Total => {}
        }
    }
    let all_complete = parts.iter().all(|c| complete(c));
    let Some(p) = &t.percent else { return };
    let by_items = all_complete.then(|| {
        let (w, n) = parts
            .iter()
            .flat_map(|c| &c.bands)
            .fold((0.0, 0.0), |(w, n), b| {
                (w + b.band * b.count.value, n + b.count.value)
            });
        (n > 0.0).then(|| w / n)
    });
    let by_items = by_items.flatten();
    let percents: Option<Vec<f64>> = parts.iter().map(|c| val(&c.percent)).collect();
    let by_categories = percents.map(|v| v.iter().sum::<f64>() / v.len() as f64);
    let mut ev = vec![Evidence::of(
        Message::new("total percent", "нийт дүнгийн хувь"),
        p,
    )];
    ev.extend(
        parts
            .iter()
            .filter_map(|c| c.percent.as_ref().map(|s| (c, s)))
            .map(|(c, s)| Evidence::of(of_label(c, "percent", "хувь"), s)),
    );
    let items_mean = Message::new("item-weighted mean", "ажлын тоогоор жигнэсэн дундаж");
    let percents_mean = Message::new("mean of the category percents", "ангиллын хувиудын дундаж");
    let fits = |v: Option<f64>| v.is_some_and(|v| printed(p, v));
    let (severity, kind, message) = match (fits(by_items), fits(by_categories)) {
        (true, true) => (
            Severity::Info,
            FindingKind::TotalFormula,
            Message::new(format!(
                "the total {} is both the item-weighted mean ({}) and the mean of the category percents ({})",
                p.raw,
                num(by_items.unwrap_or_default()),
                num(by_categories.unwrap_or_default())
            ), format!(
                "нийт дүн {} нь ажлын тоогоор жигнэсэн дундаж ({}), ангиллын хувиудын дундаж ({}) хоёуланд нь таарна",
                p.raw,
                num(by_items.unwrap_or_default()),
                num(by_categories.unwrap_or_default())
            )),
        ),
        (true, false) => (
            Severity::Info,
            FindingKind::TotalFormula,
            Message::new(format!(
                "the total {} weights by items: the mean of all items' scores ({}){}",
                p.raw,
                num(by_items.unwrap_or_default()),
                by_categories
                    .map(|m| format!(", not the mean of the category percents ({})", num(m)))
                    .unwrap_or_default()
            ), format!(
                "нийт дүн {} нь ажлын тоогоор жигнэсэн: бүх ажлын онооны дундаж ({}){}",
                p.raw,
                num(by_items.unwrap_or_default()),
                by_categories
                    .map(|m| format!(", ангиллын хувиудын дундаж ({}) биш", num(m)))
                    .unwrap_or_default()
            )),
        ),
        (false, true) => (
            Severity::Info,
            FindingKind::TotalFormula,
            Message::new(format!(
                "the total {} averages the category percents ({}){}",
                p.raw,
                num(by_categories.unwrap_or_default()),
                by_items
                    .map(|m| format!(", not the item-weighted mean ({})", num(m)))
                    .unwrap_or_default()
            ), format!(
                "нийт дүн {} нь ангиллын хувиудын дундаж ({}){}",
                p.raw,
                num(by_categories.unwrap_or_default()),
                by_items
                    .map(|m| format!(", ажлын тоогоор жигнэсэн дундаж ({}) биш", num(m)))
                    .unwrap_or_default()
            )),
        ),
        (false, false) => match (by_items, by_categories) {
            (Some(items), Some(cats)) => (
                Severity::Error,
                FindingKind::OverallScoreMismatch,
                Message::new(format!(
                    "the total {} is neither the item-weighted mean of its categories ({}) nor the mean of their percents ({})",
                    p.raw,
                    num(items),
                    num(cats)
                ), format!(
                    "нийт дүн {} нь ангиллуудын ажлын тоогоор жигнэсэн дундаж ({}), хувиудынх нь дундаж ({}) хоёрын алинд ч таарахгүй",
                    p.raw,
                    num(items),
                    num(cats)
                )),
            ),
            // One formula only can be computed: the other may be the office's.
            (Some(m), None) | (None, Some(m)) => {
                let (tried, other) = if by_items.is_some() {
                    (items_mean, percents_mean)
                } else {
                    (percents_mean, items_mean)
                };
                (
                    Severity::Info,
                    FindingKind::TotalFormula,
                    Message::new(format!(
                        "the total {} is not the {} ({}); the {} cannot be computed (figures not stated), so it is not called wrong",
                        p.raw, tried.en, num(m), other.en
                    ), format!(
                        "нийт дүн {} нь {} ({}) биш; {}: тооцох боломжгүй (тоо бичээгүй) тул буруу гэж үзээгүй",
                        p.raw, tried.mn, num(m), other.mn
                    )),
                )
            }
            (None, None) => return,
        },
    };
    out.push(
        Finding::new(kind, severity, message)
            .stated(p.value)
            .expected(by_items.or(by_categories))
            .evidence(ev),
    );
}

/// overall_score_mismatch: two statements of the overall percent that are not one figure
/// printed to different decimals ("88 хувьтай" and "Дундажаар 88.8 %" are one).
fn overall_statements(out: &mut Out) {
    let r = out.report;
    let Some(e) = &r.evaluation else { return };
    let Some(main) = &e.overall_conclusion else {
        return;
    };
    for s in &e.overall_statements {
        let (fine, coarse) = if decimals(&s.raw) > decimals(&main.raw) {
            (s, main)
        } else {
            (main, s)
        };
        if printed(coarse, fine.value) {
            continue;
        }
        out.push(
            Finding::new(
                FindingKind::OverallScoreMismatch,
                Severity::Error,
                Message::new(
                    format!(
                        "the report states its overall percent as {} and as {}",
                        main.raw, s.raw
                    ),
                    format!(
                        "тайланд нийт биелэлтийн хувийг {} гэж, бас {} гэж бичсэн",
                        main.raw, s.raw
                    ),
                ),
            )
            .stated(s.value)
            .expected(main.value)
            .evidence(vec![
                Evidence::of(
                    Message::new("overall percent", "нийт биелэлтийн хувь"),
                    main,
                ),
                Evidence::of(
                    Message::new(
                        "overall percent stated again",
                        "дахин бичсэн нийт биелэлтийн хувь",
                    ),
                    s,
                ),
            ]),
        );
    }
}
