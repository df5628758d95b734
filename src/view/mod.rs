//! What people read, in one place (no stage imports it): the outline `biyelelt show` prints
//! (objectives, measures, scores and where each came from), the findings of `check` (text or
//! JSON), series, the ingest's progress and summary; in submodules the year-over-year views
//! ([`yoy`]), the analyst's report page ([`report`], with page crops from [`crop`]), the
//! layout picture ([`svg`]) and the interface's languages ([`lang`]).
//!
//! Enters: [`Report`]s and views built from a dataset. Leaves: text and HTML.

pub mod crop;
pub mod lang;
pub mod report;
pub mod svg;
pub mod yoy;

use crate::model::{Report, Severity, Source, StatedNumber};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

/// A number as reports write it: at most two decimals, no trailing zeros.
pub(crate) fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn stated(s: &Option<StatedNumber>) -> String {
    match s {
        Some(s) => format!("{} ({:?}, {})", num(s.value), s.raw, s.source.describe()),
        None => "-".into(),
    }
}

/// The agency's own score after `label`, or nothing when the report has none.
fn own(s: &Option<StatedNumber>, label: &str) -> String {
    s.as_ref()
        .map(|_| format!("{label} {}", stated(s)))
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

fn at(source: &Source) -> String {
    source.describe()
}

/// The outline of one report.
pub fn outline(r: &Report) -> String {
    let mut o = String::new();
    let h = &r.header;
    let _ = writeln!(
        o,
        "{}  [{}, {}]  doc_id {}",
        r.source_path,
        r.source_format.as_str(),
        r.report_kind.as_str(),
        r.doc_id
    );
    let _ = writeln!(
        o,
        "status: {}{}",
        r.status.as_str(),
        r.error
            .as_ref()
            .map(|e| format!(" — {e}"))
            .unwrap_or_default()
    );
    let _ = writeln!(o, "agency:     {}", h.agency.as_deref().unwrap_or("-"));
    let _ = writeln!(
        o,
        "year:       {}",
        h.year.map(|y| y.to_string()).unwrap_or("-".into())
    );
    let _ = writeln!(
        o,
        "letter:     № {} of {}",
        h.letter_no.as_deref().unwrap_or("-"),
        h.letter_date.map(|d| d.to_string()).unwrap_or("-".into())
    );
    let _ = writeln!(o, "addressee:  {}", h.addressee.as_deref().unwrap_or("-"));
    for s in &h.signatories {
        let _ = writeln!(o, "signed:     {} — {}", s.name, s.role);
    }
    let _ = writeln!(o, "overall:    table {}", stated(&r.overall_table));
    if let Some(e) = &r.evaluation {
        let _ = writeln!(
            o,
            "            conclusion {}",
            stated(&e.overall_conclusion)
        );
        let bands: Vec<&str> = e.bands.iter().map(|b| b.label.as_str()).collect();
        if !bands.is_empty() {
            let _ = writeln!(o, "bands:      {}", bands.join(", "));
        }
    }
    if let Some(c) = r.overall_score_computed() {
        let _ = writeln!(o, "            mean of measures {}", num(c));
    }
    if r.report_kind != crate::model::ReportKind::PlanReport && !r.categories.is_empty() {
        let _ = writeln!(o, "\nCategories:");
        for c in &r.categories {
            let _ = writeln!(o, "{}", category_line(c));
        }
    }
    for obj in &r.objectives {
        let _ = writeln!(
            o,
            "\nObjective {} ({}): {}",
            obj.objective_no,
            at(&obj.source),
            short(&obj.text.text, 90)
        );
        let _ = writeln!(
            o,
            "  score: table {} | summary {} | mean {}{}",
            stated(&obj.score_table),
            stated(&obj.score_summary),
            obj.score_computed().map(num).unwrap_or("-".into()),
            own(&obj.score_self, " | agency's own")
        );
        for m in &obj.measures {
            let _ = writeln!(
                o,
                "  {} ({}, row {}): {}",
                m.code,
                at(&m.source),
                m.table_row + 1,
                short(&m.text.text, 100)
            );
            let _ = writeln!(
                o,
                "      score {} from {}; table {}; narrative {}{}{}",
                m.score.map(num).unwrap_or("-".into()),
                m.score_source.map(|s| s.as_str()).unwrap_or("-"),
                stated(&m.score_table),
                stated(&m.score_narrative),
                own(&m.score_self, "; agency's own"),
                if m.not_due { "; NOT DUE" } else { "" }
            );
            if let Some(n) = &m.narrative {
                let _ = writeln!(
                    o,
                    "      narrative item matched by {} (similarity {:.2})",
                    n.method, n.similarity
                );
            }
            let _ = writeln!(o, "      target: {}", short(&m.target.text, 100));
            let _ = writeln!(
                o,
                "      implementation{}: {}",
                if m.text_scope == crate::model::TextScope::Row {
                    " (whole row)"
                } else {
                    ""
                },
                short(&m.implementation.text, 100)
            );
        }
    }
    if !r.findings.is_empty() {
        let _ = writeln!(o, "\nFindings:");
        for f in &r.findings {
            let _ = writeln!(
                o,
                "  [{} {}] {}",
                f.severity.as_str(),
                f.kind.as_str(),
                f.message
            );
        }
    }
    if !r.problems.is_empty() {
        let _ = writeln!(o, "\nProblems:");
        for p in &r.problems {
            let _ = writeln!(o, "  [{}] {}: {}", p.stage, p.source.describe(), p.message);
        }
    }
    o
}

/// A category of an evaluation: level, code and name, items, counts per band, percent.
fn category_line(c: &crate::model::Category) -> String {
    let count = |s: &Option<StatedNumber>| s.as_ref().map(|s| num(s.value));
    let bands: Vec<String> = c
        .bands
        .iter()
        .map(|b| format!("{}:{}", num(b.band), num(b.count.value)))
        .collect();
    let mut parts = vec![format!(
        "  {} {}{} ({})",
        c.level.as_str(),
        c.code.as_ref().map(|k| format!("{k} ")).unwrap_or_default(),
        short(&c.name, 60),
        at(&c.source)
    )];
    if let Some(n) = count(&c.n_items) {
        parts.push(format!("items {n}"));
    }
    for (label, s) in [
        ("done", &c.n_done),
        ("in progress", &c.n_in_progress),
        ("broken off", &c.n_broken),
        ("not due", &c.n_not_due),
        ("not evaluable", &c.n_not_evaluable),
    ] {
        if let Some(n) = count(s) {
            parts.push(format!("{label} {n}"));
        }
    }
    if !bands.is_empty() {
        parts.push(format!("bands {}", bands.join(" ")));
    }
    if let Some(u) = &c.unplaced {
        parts.push(format!("unplaced {u:?}"));
    }
    parts.push(format!(
        "percent {}{}",
        stated(&c.percent),
        c.percent_computed()
            .map(|m| format!(" (bands give {})", num(m)))
            .unwrap_or_default()
    ));
    parts.join("; ")
}

/// One line for `ingest`.
pub fn summary_line(r: &Report, n_findings: usize) -> String {
    format!(
        "{:<7} {:>2} objectives {:>3} measures {:>2} findings  {}{}",
        r.status.as_str(),
        r.objectives.len(),
        r.n_measures(),
        n_findings,
        r.source_path,
        r.error
            .as_ref()
            .map(|e| format!("  — {e}"))
            .unwrap_or_default()
    )
}

/// What `ingest` shows while it parses: a progress bar on a terminal (files done of total,
/// rate, time left, pages of scans done of those begun; failed reports printed above it), a
/// line per report otherwise, nothing with `--quiet`.
pub struct Progress {
    quiet: bool,
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub fn new(quiet: bool) -> Self {
        use std::io::IsTerminal;
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} reports  {per_sec}  {eta} left  {msg}",
                )
                .expect("progress template is valid"),
            );
            // Pages of scans move the display between reports: a scan's OCR takes minutes.
            let ticker = bar.clone();
            std::thread::spawn(move || {
                while !ticker.is_finished() {
                    let (done, total) = crate::read::ocr::pages_progress();
                    if total > 0 {
                        ticker.set_message(format!("scan pages {done}/{total}"));
                    }
                    ticker.tick();
                    std::thread::sleep(std::time::Duration::from_millis(250));
                }
            });
            bar
        });
        Progress { quiet, bar }
    }

    pub fn report(&mut self, r: &Report, done: usize, total: usize) {
        let line = summary_line(r, r.findings.len());
        match &self.bar {
            Some(bar) => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                if r.status == crate::model::Status::Failed {
                    bar.println(line);
                }
            }
            None if !self.quiet => println!("{line}"),
            None => {}
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The total line of `ingest`.
pub fn total_line(t: &crate::archive::Tally) -> String {
    format!(
        "total: {} report(s): {} ok, {} partial, {} failed; {} objectives, {} measures, {} findings",
        t.reports, t.ok, t.partial, t.failed, t.objectives, t.measures, t.findings
    )
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
pub fn findings(r: &Report) -> String {
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
        "{bold}{}{bold:#}  {} {} — {} finding(s): {errors} error(s), {warnings} warning(s){}",
        r.source_path,
        r.header.agency.as_deref().unwrap_or("?"),
        r.header.year.map(|y| y.to_string()).unwrap_or("?".into()),
        r.findings.len(),
        if r.status == crate::model::Status::Ok {
            String::new()
        } else {
            format!(
                "  [{}: {}]",
                r.status.as_str(),
                r.error.as_deref().unwrap_or("")
            )
        }
    );
    let mut sorted: Vec<_> = r.findings.iter().collect();
    sorted.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for f in sorted {
        let st = severity_style(f.severity);
        let place = match (&f.code, f.objective_no) {
            (Some(c), _) => format!("measure {c}"),
            (None, Some(o)) => format!("objective {o}"),
            _ => "report".into(),
        };
        let _ = writeln!(
            o,
            "  {st}{:<7}{st:#} {} ({place}): {}",
            f.severity.as_str(),
            f.kind.as_str(),
            f.message
        );
        for e in &f.evidence {
            let _ = writeln!(o, "          {}", e.describe());
        }
    }
    o
}

/// Series members as `biyelelt series` prints them: with `explain`, each member with the link
/// that joined it; else one line per series with more than one member.
pub fn series(members: &[crate::yoy::Member], explain: bool) -> String {
    let mut out = String::new();
    let mut groups: Vec<&[crate::yoy::Member]> = members
        .chunk_by(|a, b| a.series_id == b.series_id)
        .collect();
    if !explain {
        groups.retain(|g| g.len() > 1);
        let _ = writeln!(
            out,
            "{} series with more than one member (`--explain ID` for one):",
            groups.len()
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
                first.level,
                years.join(" "),
                first.text.chars().take(70).collect::<String>()
            );
            continue;
        }
        let _ = writeln!(
            out,
            "series {} ({}, {} member(s))",
            first.series_id,
            first.level,
            g.len()
        );
        for m in g {
            let _ = writeln!(
                out,
                "  {} {} {} (doc {}), score {}",
                m.year.map(|y| y.to_string()).unwrap_or("?".into()),
                m.agency.as_deref().unwrap_or("(agency unknown)"),
                m.code,
                m.doc_id,
                m.score.map(|s| s.to_string()).unwrap_or("-".into())
            );
            let _ = writeln!(out, "    text: {}", m.text);
            match (&m.link, m.similarity, &m.method) {
                (Some(link), Some(sim), Some(method)) => {
                    let _ = writeln!(
                        out,
                        "    linked to {link}: similarity {sim:.3} by rule {method}"
                    );
                }
                _ => {
                    let _ = writeln!(out, "    alone: no other report has a measure close enough");
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
