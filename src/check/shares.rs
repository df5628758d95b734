//! stated_share_mismatch: a share a text states ("59 нь 73.7 хувь") against its own counts.
//!
//! Enters: the report and its metrics. Leaves: share findings.

use super::*;

/// Does a stretch of text end a sentence inside it: a full stop, then a capital ("… хүрсэн. Нийт
/// …"), not a decimal point?
pub(super) fn ends_a_sentence(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0] == '.' && w[1].is_whitespace() && w[2].is_uppercase())
        || chars.windows(2).any(|w| matches!(w, ['.', '\n']))
}

/// stated_share_mismatch: "… 95240 даатгуулагчийн … 88.1 хувь буюу 83906 даатгуулагч…": a
/// percent tied by "буюу" to a count, and an earlier larger count of the same noun as the whole.
pub(super) fn shares(out: &mut Out, metrics: &[Metric]) {
    let r = out.report;
    for m in r.measures() {
        for field in ["target", "implementation"] {
            let text = if field == "target" {
                &m.target.text
            } else {
                &m.implementation.text
            };
            let ms: Vec<&Metric> = metrics
                .iter()
                .filter(|x| {
                    x.code == m.code && x.objective_no == m.objective_no && x.field == field
                })
                .collect();
            for (i, p) in ms.iter().enumerate() {
                if p.unit != Unit::Percent {
                    continue;
                }
                // The count on the other side of "буюу".
                let part = [ms.get(i + 1), i.checked_sub(1).and_then(|j| ms.get(j))]
                    .into_iter()
                    .flatten()
                    .find(|c| {
                        c.unit == Unit::Count && {
                            let (a, b) = if c.offset > p.offset {
                                (p, *c)
                            } else {
                                (*c, p)
                            };
                            let between = text.get(a.offset + a.raw.len()..b.offset).unwrap_or("");
                            between.split_whitespace().any(|w| w == "буюу")
                                && between.split_whitespace().count() <= 3
                        }
                    });
                let Some(part) = part else { continue };
                // The whole: the nearest count before in the same sentence, of the part's noun
                // when it has one, as large as the part at least ("Нийт 350 … 350 буюу 100
                // хувь" is all of it).
                let start = part.offset.min(p.offset);
                let whole = ms.iter().rfind(|w| {
                    w.unit == Unit::Count
                        && w.offset < start
                        && w.noun.is_some()
                        && (part.noun.is_none() || w.noun == part.noun)
                        && w.value >= part.value
                        && !ends_a_sentence(text.get(w.offset..start).unwrap_or(""))
                });
                let Some(whole) = whole else { continue };
                let noun = whole.noun.as_deref().unwrap_or("");
                let share = 100.0 * part.value / whole.value;
                let d = decimals(&p.raw);
                let tolerance = 0.5 * 10f64.powi(-(d as i32)) + 1e-9;
                if (share - p.value).abs() <= tolerance.max(SAME) {
                    continue;
                }
                let ev = [whole, part, p]
                    .iter()
                    .map(|x| {
                        Evidence::new(
                            Message::new(
                                format!("{field} text"),
                                if field == "target" {
                                    "хүрэх үр дүнгийн текст"
                                } else {
                                    "хэрэгжилтийн текст"
                                },
                            ),
                            x.raw.clone(),
                            x.source.clone(),
                        )
                    })
                    .collect();
                out.push(
                    Finding::new(
                        FindingKind::StatedShareMismatch,
                        Severity::Warning,
                        Message::new(
                            format!(
                                "measure {}: {} is stated as {}% of {} {}, but {}/{} = {}%",
                                m.code,
                                num(part.value),
                                num(p.value),
                                num(whole.value),
                                noun,
                                num(part.value),
                                num(whole.value),
                                num(share)
                            ),
                            format!(
                                "{} арга хэмжээ: нийт {} {}-ээс {} нь {}% гэж бичсэн боловч {}/{} = {}%",
                                m.code,
                                num(whole.value),
                                noun,
                                num(part.value),
                                num(p.value),
                                num(part.value),
                                num(whole.value),
                                num(share)
                            ),
                        ),
                    )
                    .objective(m.objective_no)
                    .measure(m.measure_no, &m.code)
                    .stated(p.value)
                    .expected(share)
                    .evidence(ev),
                );
            }
        }
    }
}
