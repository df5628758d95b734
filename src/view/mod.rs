//! What people read, in one place (no stage imports it), in Mongolian or English: the outline
//! `biyelelt show` prints (objectives, measures, scores and where each came from), the findings
//! of `check` (text or JSON), series; in submodules the ingest's progress and summary
//! ([`ingest`]), the year-over-year views ([`yoy`]), the analyst's report page ([`report`], with
//! page crops from [`crop`]), the layout picture ([`svg`]) and the interface's languages
//! ([`lang`]).
//!
//! Enters: [`Report`]s and views built from a dataset. Leaves: text and HTML.

pub mod crop;
pub mod ingest;
pub mod lang;
pub mod output;
pub mod report;
pub mod svg;
pub mod yoy;

use crate::model::{Report, Severity, Source, StatedNumber};
use anstyle::{AnsiColor, Style};
use lang::{term, Lang};
use std::fmt::Write;

/// A number as reports write it: at most two decimals, no trailing zeros.
pub(crate) fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn stated(s: &Option<StatedNumber>, lang: Lang) -> String {
    match s {
        Some(s) => format!("{} ({:?}, {})", num(s.value), s.raw, s.source.place(lang)),
        None => "-".into(),
    }
}

/// The agency's own score after `label`, or nothing when the report has none.
fn own(s: &Option<StatedNumber>, label: &str, lang: Lang) -> String {
    s.as_ref()
        .map(|_| format!("{label} {}", stated(s, lang)))
        .unwrap_or_default()
}

/// The first `n` characters, with "…" when cut.
pub(crate) fn short(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// The outline of one report, labels in `lang`.
pub fn outline(r: &Report, lang: Lang) -> String {
    let t = |en: &'static str, mn: &'static str| lang.pick(en, mn);
    let at = |s: &Source| s.place(lang);
    let mut o = String::new();
    let h = &r.header;
    let _ = writeln!(
        o,
        "{}  [{}, {}]  {} {}",
        r.source_path,
        term(r.source_format.as_str(), lang),
        term(r.report_kind.as_str(), lang),
        t("doc_id", "тайлангийн дугаар"),
        r.doc_id
    );
    let _ = writeln!(
        o,
        "{}: {}{}",
        t("status", "төлөв"),
        term(r.status.as_str(), lang),
        r.error
            .as_ref()
            .map(|e| format!(" — {e}"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        o,
        "{} {}",
        t("agency:    ", "байгууллага:"),
        h.agency.as_deref().unwrap_or("-")
    );
    let _ = writeln!(
        o,
        "{} {}",
        t("year:      ", "он:         "),
        h.year.map(|y| y.to_string()).unwrap_or("-".into())
    );
    let _ = writeln!(
        o,
        "{} № {} {} {}",
        t("letter:    ", "албан бичиг:"),
        h.letter_no.as_deref().unwrap_or("-"),
        t("of", "огноо"),
        h.letter_date.map(|d| d.to_string()).unwrap_or("-".into())
    );
    let _ = writeln!(
        o,
        "{} {}",
        t("addressee: ", "хүлээн авагч:"),
        h.addressee.as_deref().unwrap_or("-")
    );
    for s in &h.signatories {
        let _ = writeln!(
            o,
            "{} {} — {}",
            t("signed:    ", "гарын үсэг: "),
            s.name,
            s.role
        );
    }
    let _ = writeln!(
        o,
        "{} {}",
        t("overall:    table", "нийт:        хүснэгт"),
        stated(&r.overall_table, lang)
    );
    if let Some(e) = &r.evaluation {
        let _ = writeln!(
            o,
            "            {} {}",
            t("conclusion", "дүгнэлт"),
            stated(&e.overall_conclusion, lang)
        );
        let bands: Vec<&str> = e.bands.iter().map(|b| b.label.as_str()).collect();
        if !bands.is_empty() {
            let _ = writeln!(
                o,
                "{} {}",
                t("bands:     ", "түвшин:     "),
                bands.join(", ")
            );
        }
    }
    if let Some(c) = r.overall_score_computed() {
        let _ = writeln!(
            o,
            "            {} {}",
            t("mean of measures", "арга хэмжээнүүдийн дундаж"),
            num(c)
        );
    }
    if r.report_kind != crate::model::ReportKind::PlanReport && !r.categories.is_empty() {
        let _ = writeln!(o, "\n{}", t("Categories:", "Ангилал:"));
        for c in &r.categories {
            let _ = writeln!(o, "{}", category_line(c, lang));
        }
    }
    for obj in &r.objectives {
        let _ = writeln!(
            o,
            "\n{} {} ({}): {}",
            t("Objective", "Зорилт"),
            obj.objective_no,
            at(&obj.source),
            short(&obj.text.text, 90)
        );
        let _ = writeln!(
            o,
            "  {}: {} {} | {} {} | {} {}{}",
            t("score", "оноо"),
            t("table", "хүснэгт"),
            stated(&obj.score_table, lang),
            t("summary", "нэгтгэл"),
            stated(&obj.score_summary, lang),
            t("mean", "дундаж"),
            obj.score_computed().map(num).unwrap_or("-".into()),
            own(
                &obj.score_self,
                t(" | agency's own", " | байгууллагын өөрийн"),
                lang
            )
        );
        for m in &obj.measures {
            let _ = writeln!(
                o,
                "  {} ({}, {} {}): {}",
                m.code,
                at(&m.source),
                t("row", "мөр"),
                m.table_row + 1,
                short(&m.text.text, 100)
            );
            let _ = writeln!(
                o,
                "      {} {} {} {}; {} {}; {} {}{}{}",
                t("score", "оноо"),
                m.score.map(num).unwrap_or("-".into()),
                t("from", "эх:"),
                m.score_source
                    .map(|s| lang.pick(s.as_str(), score_source_mn(s.as_str())))
                    .unwrap_or("-"),
                t("table", "хүснэгт"),
                stated(&m.score_table, lang),
                t("narrative", "үнэлгээ"),
                stated(&m.score_narrative, lang),
                own(
                    &m.score_self,
                    t("; agency's own", "; байгууллагын өөрийн"),
                    lang
                ),
                if m.not_due {
                    t("; NOT DUE", "; ХУГАЦАА БОЛООГҮЙ")
                } else {
                    ""
                }
            );
            if let Some(n) = &m.narrative {
                let _ = writeln!(
                    o,
                    "      {} {} ({} {:.2})",
                    t(
                        "narrative item matched by",
                        "үнэлгээний мөрийг холбосон арга:"
                    ),
                    lang.pick(n.method.as_str(), match_method_mn(&n.method)),
                    t("similarity", "төстэй байдал"),
                    n.similarity
                );
            }
            let _ = writeln!(
                o,
                "      {}: {}",
                t("target", "хүрэх үр дүн"),
                short(&m.target.text, 100)
            );
            let _ = writeln!(
                o,
                "      {}{}: {}",
                t("implementation", "хэрэгжилт"),
                if m.text_scope == crate::model::TextScope::Row {
                    t(" (whole row)", " (мөр бүхэлдээ)")
                } else {
                    ""
                },
                short(&m.implementation.text, 100)
            );
        }
    }
    if !r.findings.is_empty() {
        let _ = writeln!(o, "\n{}", t("Findings:", "Илэрсэн зөрүү:"));
        for f in &r.findings {
            let _ = writeln!(
                o,
                "  [{} {}] {}",
                term(f.severity.as_str(), lang),
                term(f.kind.as_str(), lang),
                f.message(lang)
            );
        }
    }
    if !r.problems.is_empty() {
        let _ = writeln!(o, "\n{}", t("Problems:", "Бэрхшээл:"));
        for p in &r.problems {
            let _ = writeln!(
                o,
                "  [{}] {}: {}",
                term(p.stage.as_str(), lang),
                p.source.place(lang),
                p.message(lang)
            );
        }
    }
    o
}

/// Where a measure's score came from, in Mongolian.
fn score_source_mn(source: &str) -> &'static str {
    match source {
        "table" => "хүснэгт",
        "narrative" => "үнэлгээ",
        "band_heading" => "түвшний гарчиг",
        "self" => "байгууллагын өөрийн үнэлгээ",
        _ => "бусад",
    }
}

/// How a narrative item was matched to its measure, in Mongolian.
fn match_method_mn(method: &str) -> &'static str {
    match method {
        "code_and_text" => "код, текстээр",
        "code_only" => "зөвхөн кодоор",
        "text" => "текстээр",
        _ => "бусад",
    }
}

/// A category of an evaluation: level, code and name, items, counts per band, percent.
fn category_line(c: &crate::model::Category, lang: Lang) -> String {
    let t = |en: &'static str, mn: &'static str| lang.pick(en, mn);
    let count = |s: &Option<StatedNumber>| s.as_ref().map(|s| num(s.value));
    let bands: Vec<String> = c
        .bands
        .iter()
        .map(|b| format!("{}:{}", num(b.band), num(b.count.value)))
        .collect();
    let mut parts = vec![format!(
        "  {} {}{} ({})",
        term(c.level.as_str(), lang),
        c.code.as_ref().map(|k| format!("{k} ")).unwrap_or_default(),
        short(&c.name, 60),
        c.source.place(lang)
    )];
    if let Some(n) = count(&c.n_items) {
        parts.push(format!("{} {n}", t("items", "ажил")));
    }
    for (label, s) in [
        (t("done", "хэрэгжсэн"), &c.n_done),
        (t("in progress", "хэрэгжиж байгаа"), &c.n_in_progress),
        (t("broken off", "тасалдсан"), &c.n_broken),
        (t("not due", "хугацаа болоогүй"), &c.n_not_due),
        (t("not evaluable", "үнэлэх боломжгүй"), &c.n_not_evaluable),
    ] {
        if let Some(n) = count(s) {
            parts.push(format!("{label} {n}"));
        }
    }
    if !bands.is_empty() {
        parts.push(format!("{} {}", t("bands", "түвшин"), bands.join(" ")));
    }
    if let Some(u) = &c.unplaced {
        parts.push(format!("{} {u:?}", t("unplaced", "байршаагүй")));
    }
    parts.push(format!(
        "{} {}{}",
        t("percent", "хувь"),
        stated(&c.percent, lang),
        c.percent_computed()
            .map(|m| format!(" ({} {})", t("bands give", "түвшнээс"), num(m)))
            .unwrap_or_default()
    ));
    parts.join("; ")
}

fn severity_style(s: Severity) -> Style {
    let color = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

/// Findings of one report for a person: grouped under the report, each with its evidence.
/// Styled with ANSI colors; the caller's stream (anstream) drops them when not a terminal.
pub fn findings(r: &Report, lang: Lang) -> String {
    let t = |en: &'static str, mn: &'static str| lang.pick(en, mn);
    let mut o = String::new();
    let bold = Style::new().bold();
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let _ = writeln!(
        o,
        "{bold}{}{bold:#}  {} {} — {} {}: {errors} {}, {warnings} {}{}",
        r.source_path,
        r.header.agency.as_deref().unwrap_or("?"),
        r.header.year.map(|y| y.to_string()).unwrap_or("?".into()),
        r.findings.len(),
        t("finding(s)", "зөрүү"),
        t("error(s)", "алдаа"),
        t("warning(s)", "анхааруулга"),
        if r.status == crate::model::Status::Ok {
            String::new()
        } else {
            format!(
                "  [{}: {}]",
                term(r.status.as_str(), lang),
                r.error.as_deref().unwrap_or("")
            )
        }
    );
    let mut sorted: Vec<_> = r.findings.iter().collect();
    sorted.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for f in sorted {
        let st = severity_style(f.severity);
        let place = match (&f.code, f.objective_no) {
            (Some(c), _) => lang.pick(format!("measure {c}"), format!("{c} арга хэмжээ")),
            (None, Some(o)) => lang.pick(format!("objective {o}"), format!("{o}-р зорилт")),
            _ => t("report", "тайлан").into(),
        };
        let _ = writeln!(
            o,
            "  {st}{:<7}{st:#} {} ({place}): {}",
            term(f.severity.as_str(), lang),
            term(f.kind.as_str(), lang),
            f.message(lang)
        );
        for e in &f.evidence {
            let _ = writeln!(o, "          {}", e.describe(lang));
        }
    }
    o
}

/// Series members as `biyelelt series` prints them: with `explain`, each member with the link
/// that joined it; else one line per series with more than one member.
pub fn series(members: &[crate::yoy::Member], explain: bool, lang: Lang) -> String {
    let t = |en: &'static str, mn: &'static str| lang.pick(en, mn);
    let mut out = String::new();
    let mut groups: Vec<&[crate::yoy::Member]> = members
        .chunk_by(|a, b| a.series_id == b.series_id)
        .collect();
    if !explain {
        groups.retain(|g| g.len() > 1);
        let _ = writeln!(
            out,
            "{} {}",
            groups.len(),
            t(
                "series with more than one member (`--explain ID` for one):",
                "цуваа нэгээс олон гишүүнтэй (нэгийг нь `--explain ДУГААР`-аар):"
            )
        );
    }
    for g in groups {
        let first = &g[0];
        if !explain {
            let years: Vec<String> = g
                .iter()
                .map(|m| {
                    format!(
                        "{}:{}",
                        m.year.map(|y| y.to_string()).unwrap_or("?".into()),
                        m.code
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "{} {:<9} {} — {}",
                first.series_id,
                term(first.level, lang),
                years.join(" "),
                first.text.chars().take(70).collect::<String>()
            );
            continue;
        }
        let _ = writeln!(
            out,
            "{} {} ({}, {} {})",
            t("series", "цуваа"),
            first.series_id,
            term(first.level, lang),
            g.len(),
            t("member(s)", "гишүүн")
        );
        for m in g {
            let _ = writeln!(
                out,
                "  {} {} {} ({} {}), {} {}",
                m.year.map(|y| y.to_string()).unwrap_or("?".into()),
                m.agency
                    .as_deref()
                    .unwrap_or(t("(agency unknown)", "(байгууллага тодорхойгүй)")),
                m.code,
                t("doc", "тайлан"),
                m.doc_id,
                t("score", "оноо"),
                m.score.map(|s| s.to_string()).unwrap_or("-".into())
            );
            let _ = writeln!(out, "    {}: {}", t("text", "текст"), m.text);
            match (&m.link, m.similarity, &m.method) {
                (Some(link), Some(sim), Some(method)) => {
                    let _ = writeln!(
                        out,
                        "    {} {link}: {} {sim:.3}, {} {method}",
                        t("linked to", "холбоос"),
                        t("similarity", "төстэй байдал"),
                        t("by rule", "дүрэм")
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "    {}",
                        t(
                            "alone: no other report has a measure close enough",
                            "ганцаараа: өөр тайланд хангалттай төстэй арга хэмжээ алга"
                        )
                    );
                }
            }
        }
    }
    out
}

/// The findings of checked reports for a program (`check --json`): per report its id, file,
/// agency, year, status, error and findings.
pub fn findings_json(reports: &[Report]) -> String {
    let out: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| {
            serde_json::json!({
                "doc_id": r.doc_id,
                "source_path": r.source_path,
                "agency": r.header.agency,
                "year": r.header.year,
                "status": r.status,
                "error": r.error,
                "findings": r.findings,
            })
        })
        .collect();
    serde_json::to_string_pretty(&out).expect("findings serialize")
}
