//! The analyst's report page (`biyelelt report DIR -o report.html`): per agency and year the
//! overall figures, then every error and warning finding with its explanation and each piece
//! of evidence where it stands: for a text export the lines around it, for a PDF or a scan a
//! crop of the page with the figure outlined ([`super::crop`]). One self-contained page: no
//! script, no network; filters by severity and kind are CSS (radio buttons).
//!
//! Enters: a dataset folder and the source files its reports name. Leaves: HTML.

use super::crop;
use super::lang::{explanation, term, Lang};
use crate::dataset::read::{
    evidence_lists, floats, ints, read_table_columns, strings, EvidenceRow,
};
use crate::error::DatasetError;
use crate::model::{FindingKind, Message};
use base64::Engine;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Write the page for `dir` to `output`: a new file, or one `biyelelt report` wrote (or any,
/// with `force`).
pub fn write(dir: &Path, output: &Path, lang: Lang, force: bool) -> Result<(), ReportError> {
    // Refused before the dataset is read.
    super::output::may_write(output, "report", force)?;
    let page = html(dir, lang)?;
    Ok(super::output::write(output, &page, "report", force)?)
}

/// Why the report page was not written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Dataset(#[from] DatasetError),
    #[error(transparent)]
    Output(#[from] super::output::OutputError),
}

/// One report's row on the page.
struct ReportRow {
    doc_id: String,
    source_path: String,
    source_format: String,
    agency: String,
    year: Option<i64>,
    overall_stated: Option<f64>,
    overall_computed: Option<f64>,
    n_measures: Option<i64>,
    status: String,
    findings: Vec<FindingRow>,
}

struct FindingRow {
    kind: String,
    severity: String,
    code: Option<String>,
    message: String,
    message_mn: String,
    stated: Option<f64>,
    expected: Option<f64>,
    evidence: Vec<EvidenceRow>,
}

/// How an evidence is shown: lines of the text around it, or a crop of its page.
enum Shown {
    /// Number, text, and whether it is the evidence's line.
    Lines(Vec<(u32, String, bool)>),
    Crop(Vec<u8>),
    Nothing(Message),
}

/// The page for the dataset at `dir`, labels in `lang`.
pub fn html(dir: &Path, lang: Lang) -> Result<String, DatasetError> {
    let reports = read(dir)?;
    let t = |en: &'static str, mn: &'static str| lang.pick(en, mn);
    let mut by_agency: BTreeMap<&str, Vec<&ReportRow>> = BTreeMap::new();
    for r in &reports {
        by_agency.entry(&r.agency).or_default().push(r);
    }
    let shown: Vec<&FindingRow> = reports.iter().flat_map(|r| &r.findings).collect();
    let kinds: Vec<&str> = {
        let mut k: Vec<&str> = shown.iter().map(|f| f.kind.as_str()).collect();
        k.sort_unstable();
        k.dedup();
        k
    };
    let count = |sev: &str| shown.iter().filter(|f| f.severity == sev).count();
    let mut style = String::from(STYLE);
    for sev in ["error", "warning"] {
        style.push_str(&format!(
            "#sev-{sev}:checked~main .finding:not(.sev-{sev}){{display:none}}"
        ));
    }
    for k in &kinds {
        style.push_str(&format!(
            "#kind-{k}:checked~main .finding:not(.kind-{k}){{display:none}}"
        ));
    }
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                (PreEscaped(super::output::mark("report")))
                title { "biyelelt: " (t("findings and their evidence", "зөрүү, түүний нотолгоо")) }
                style { (PreEscaped(style)) }
            }
            body {
                h1 { (t("Findings and their evidence", "Илэрсэн зөрүү, түүний нотолгоо")) }
                p.small { (t("Dataset", "Өгөгдөл")) " " code { (dir.display()) } ": "
                    (reports.len()) " " (t("reports", "тайлан")) ", "
                    (count("error")) " " (t("errors", "алдаа")) ", "
                    (count("warning")) " " (t("warnings", "анхааруулга")) "." }
                input type="radio" name="f" id="all" checked;
                label for="all" { (t("all", "бүгд")) }
                input type="radio" name="f" id="sev-error";
                label for="sev-error" { (t("errors", "алдаа")) " (" (count("error")) ")" }
                input type="radio" name="f" id="sev-warning";
                label for="sev-warning" { (t("warnings", "анхааруулга")) " (" (count("warning")) ")" }
                @for k in &kinds {
                    input type="radio" name="f" id=(format!("kind-{k}"));
                    label for=(format!("kind-{k}")) { (term(k, lang)) }
                }
                main {
                    @for (agency, rows) in &by_agency {
                        section.agency {
                            h2 { (agency) }
                            table {
                                thead { tr {
                                    th { (t("year", "он")) } th { (t("overall, stated", "нийт, бичсэн")) }
                                    th { (t("overall, computed", "нийт, тооцсон")) } th { (t("measures", "арга хэмжээ")) }
                                    th { (t("errors", "алдаа")) } th { (t("warnings", "анхааруулга")) }
                                    th { (t("status", "төлөв")) } th { (t("file", "файл")) }
                                } }
                                tbody { @for r in rows { tr {
                                    td { (r.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into())) }
                                    td { (opt(r.overall_stated)) } td { (opt(r.overall_computed)) }
                                    td { (r.n_measures.map(|n| n.to_string()).unwrap_or_default()) }
                                    td { (r.findings.iter().filter(|f| f.severity == "error").count()) }
                                    td { (r.findings.iter().filter(|f| f.severity == "warning").count()) }
                                    td { (term(&r.status, lang)) } td.small { (r.source_path) " (" (term(&r.source_format, lang)) ")" }
                                } } }
                            }
                            @for r in rows { @for f in &r.findings {
                                div class=(format!("finding sev-{} kind-{}", f.severity, f.kind)) {
                                    h3 {
                                        span class=(format!("badge {}", f.severity)) { (term(&f.severity, lang)) }
                                        " " (term(&f.kind, lang))
                                        @if let Some(c) = &f.code { " — " (t("measure", "арга хэмжээ")) " " (c) }
                                        span.small { " · " (r.year.map(|y| y.to_string()).unwrap_or_default()) " · " (r.source_path) }
                                    }
                                    p.explain { (kind_explanation(&f.kind, lang)) }
                                    p { (lang.pick(&f.message, &f.message_mn)) }
                                    @if f.stated.is_some() || f.expected.is_some() {
                                        p.small { (t("stated", "бичсэн")) " " (opt(f.stated)) " · " (t("expected", "байх ёстой")) " " (opt(f.expected)) }
                                    }
                                    @for e in &f.evidence {
                                        div.evidence {
                                            p.small { b { (lang.pick(&e.what, &e.what_mn)) } " " code { (e.raw) } " · " (place(e, lang)) }
                                            (shown_html(&show(r, e), lang))
                                        }
                                    }
                                }
                            } }
                        }
                    }
                    @if shown.is_empty() { p { (t("No error or warning finding.", "Алдаа, анхааруулга илрээгүй.")) } }
                }
            }
        }
    };
    Ok(page.into_string())
}

fn opt(v: Option<f64>) -> String {
    v.map(super::num).unwrap_or_else(|| "-".into())
}

fn kind_explanation(kind: &str, lang: Lang) -> &'static str {
    FindingKind::ALL
        .iter()
        .find(|k| k.as_str() == kind)
        .map(|&k| explanation(k, lang))
        .unwrap_or("")
}

fn place(e: &EvidenceRow, lang: Lang) -> String {
    crate::model::Source {
        page: e.page,
        line: e.line,
        span: None,
    }
    .place(lang)
}

/// Lines shown around a text export's evidence.
const CONTEXT: u32 = 2;

fn show(r: &ReportRow, e: &EvidenceRow) -> Shown {
    let path = Path::new(&r.source_path);
    if let Some(p) = e.page {
        if e.boxes.is_empty() {
            return Shown::Nothing(Message::new(
                format!("no word of page {p} prints {:?}", e.raw),
                format!("{p}-р хуудасны аль ч үгэнд {:?} алга", e.raw),
            ));
        }
        return match crop::render(path, p, &e.boxes) {
            Ok(png) => Shown::Crop(png),
            Err(why) => Shown::Nothing(Message::new(
                format!("page {p} of {} could not be drawn: {why}", r.source_path),
                format!("{}-ийн {p}-р хуудсыг зурж чадсангүй: {why}", r.source_path),
            )),
        };
    }
    let Some(line) = e.line else {
        return Shown::Nothing(Message::new(
            "no place recorded",
            "байршил нь тэмдэглэгдээгүй",
        ));
    };
    let text = std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| {
            crate::read::text::decode(path, &b)
                .map(|(t, _)| t)
                .map_err(|e| e.to_string())
        });
    match text {
        Ok(text) => Shown::Lines(
            text.lines()
                .enumerate()
                .map(|(i, l)| (i as u32 + 1, l))
                .filter(|(n, _)| n + CONTEXT >= line && *n <= line + CONTEXT)
                .map(|(n, l)| (n, super::short(&strip_tags(l), 240), n == line))
                .collect(),
        ),
        Err(e) => Shown::Nothing(Message::new(
            format!("{} could not be read: {e}", r.source_path),
            format!("{}-г уншиж чадсангүй: {e}", r.source_path),
        )),
    }
}

/// A line of an export without its HTML tags (cells hold HTML fragments).
fn strip_tags(line: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in line.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            '\t' if !inside => out.push_str(" │ "),
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn shown_html(s: &Shown, lang: Lang) -> Markup {
    match s {
        Shown::Lines(lines) => html! {
            pre.context { @for (n, l, here) in lines {
                @if *here { b { span.n { (format!("{n:>4} ")) } (l) } } @else { span.n { (format!("{n:>4} ")) } (l) } "\n"
            } }
        },
        Shown::Crop(png) => html! {
            img.crop src=(format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png)))
                alt=(lang.pick("the page where the figure stands", "тоо байгаа хуудасны хэсэг"));
        },
        Shown::Nothing(why) => {
            html! { p.small.none { (lang.pick("Not shown: ", "Харуулаагүй: ")) (why.get(lang)) } }
        }
    }
}

fn read(dir: &Path) -> Result<Vec<ReportRow>, DatasetError> {
    let r = read_table_columns(
        dir,
        "reports",
        Some(&[
            "doc_id",
            "source_path",
            "source_format",
            "agency",
            "year",
            "overall_score_stated",
            "overall_score_computed",
            "n_measures",
            "status",
        ]),
    )?;
    let f = read_table_columns(
        dir,
        "findings",
        Some(&[
            "doc_id",
            "kind",
            "severity",
            "code",
            "message",
            "message_mn",
            "stated",
            "expected",
            "evidence",
        ]),
    )?;
    let mut findings: HashMap<String, Vec<FindingRow>> = HashMap::new();
    let (docs, kinds, sevs, codes, messages) = (
        strings(&f, "doc_id"),
        strings(&f, "kind"),
        strings(&f, "severity"),
        strings(&f, "code"),
        strings(&f, "message"),
    );
    let messages_mn = strings(&f, "message_mn");
    let (stated, expected, evidence) = (
        floats(&f, "stated"),
        floats(&f, "expected"),
        evidence_lists(&f),
    );
    for (i, ev) in evidence.into_iter().enumerate() {
        let severity = sevs[i].clone().unwrap_or_default();
        if severity != "error" && severity != "warning" {
            continue;
        }
        findings
            .entry(docs[i].clone().unwrap_or_default())
            .or_default()
            .push(FindingRow {
                kind: kinds[i].clone().unwrap_or_default(),
                severity,
                code: codes[i].clone(),
                message: messages[i].clone().unwrap_or_default(),
                message_mn: messages_mn[i].clone().unwrap_or_default(),
                stated: stated[i],
                expected: expected[i],
                evidence: ev,
            });
    }
    let s = |name| strings(&r, name);
    let (ids, paths, formats, agencies, statuses) = (
        s("doc_id"),
        s("source_path"),
        s("source_format"),
        s("agency"),
        s("status"),
    );
    let (years, n_measures) = (ints(&r, "year"), ints(&r, "n_measures"));
    let (ov_s, ov_c) = (
        floats(&r, "overall_score_stated"),
        floats(&r, "overall_score_computed"),
    );
    let mut out: Vec<ReportRow> = (0..r.num_rows())
        .map(|i| {
            let doc_id = ids[i].clone().unwrap_or_default();
            ReportRow {
                findings: findings.remove(&doc_id).unwrap_or_default(),
                doc_id,
                source_path: paths[i].clone().unwrap_or_default(),
                source_format: formats[i].clone().unwrap_or_default(),
                agency: agencies[i].clone().unwrap_or_else(|| "?".into()),
                year: years[i],
                overall_stated: ov_s[i],
                overall_computed: ov_c[i],
                n_measures: n_measures[i],
                status: statuses[i].clone().unwrap_or_default(),
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.agency, a.year, &a.doc_id).cmp(&(&b.agency, b.year, &b.doc_id)));
    Ok(out)
}

const STYLE: &str = "body{font-family:'DejaVu Sans',sans-serif;margin:2em;color:#222;max-width:1200px}\
table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #ccc;padding:.25em .5em;font-size:13px}\
th{background:#f3f3f3}.small{font-size:12px;color:#555}.finding{border-left:4px solid #bbb;padding:.2em 1em;margin:1em 0}\
.finding.sev-error{border-color:#c00}.finding.sev-warning{border-color:#e0a000}\
.badge{font-size:12px;padding:.1em .5em;border-radius:3px;color:#fff}.badge.error{background:#c00}.badge.warning{background:#b07800}\
.explain{font-style:italic;color:#333}pre.context{background:#f7f7f7;padding:.5em;font-size:12px;white-space:pre-wrap}\
pre.context .n{color:#999}img.crop{max-width:100%;border:1px solid #ccc}\
input[type=radio]{margin-left:1em}label{font-size:13px}.none{color:#a00}";
