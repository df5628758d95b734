//! Segmentation: a layout document to the typed report.
//!
//! Enters: a [`Document`] (raw paragraphs and tables, in reading order). Leaves: a
//! [`Report`] with header, objectives and measures, the evaluation part, and the problems met;
//! or a [`SegmentError`] when the document holds no plan table at all. Every field is normalized
//! here (raw text kept beside it). Sub-modules, in the order they run: [`plan_table`] (the main
//! table), [`header`] (letter and title), [`evaluation`] (summary table, narrative list,
//! conclusion; [`band_placement`] for summary rows whose band columns are not known), [`regroup`] (measures at an objective's edge moved where the evaluation puts them),
//! [`reconcile`] (narrative items matched to table measures, scores decided).

pub mod band_placement;
pub mod categories;
pub mod evaluation;
mod evaluation_report;
pub mod header;
pub mod labels;
pub mod plan_table;
pub mod prose;
pub mod reconcile;
pub mod regroup;

use crate::error::SegmentError;
use crate::layout::{Block, Document, Paragraph, Table};
use crate::model::{Report, ReportKind, SourceFormat, StatedNumber, Status};
use crate::normalize::normalize;

/// What a score cell or snippet holds.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreCell {
    Empty,
    Value(f64),
    /// "/-/", "ХБ", "хугацаа болоогүй": not yet due.
    NotDue,
    Unreadable,
}

/// Read a score as reports print it: "97,9", "100%", "95 хувь", "/93.9/", "/-/", "ХБ".
pub fn parse_score(raw: &str) -> ScoreCell {
    let t = normalize(raw).to_lowercase();
    let t = t.trim().trim_end_matches(['.', ';', ',']).trim();
    if t.is_empty() {
        return ScoreCell::Empty;
    }
    if t.contains("хугацаа болоогүй") || t == "хб" || t == "/хб/" {
        return ScoreCell::NotDue;
    }
    // A scan's speck or a rule's piece read beside the figure as one mark ("100.0 :",
    // "90.0 Р"): the figure alone.
    if let Some((figure, mark)) = t.rsplit_once(char::is_whitespace) {
        let mark = mark.trim();
        if mark.chars().count() == 1 && !mark.chars().any(|c| c.is_ascii_digit() || c == '%') {
            if let v @ ScoreCell::Value(_) = parse_score(figure) {
                return v;
            }
        }
    }
    let core: String = t
        .trim_matches(|c: char| c == '/' || c == '(' || c == ')' || c.is_whitespace())
        .trim_end_matches("хувь")
        .trim_end_matches('%')
        .trim()
        .to_string();
    // A score is never in the thousands: its one comma is a decimal mark even before three
    // digits ("68,896": "68,8%" read without its sign).
    let core = if core.matches(',').count() == 1 && !core.contains('.') {
        core.replace(',', ".")
    } else {
        core
    };
    if core == "-" || core.is_empty() && t.contains('-') {
        return ScoreCell::NotDue;
    }
    // A whole number with a leading zero ("096") is no way to write a score: "0%" read so;
    // nor are three decimals ("33.996": "33.9%").
    let leading_zero =
        core.len() > 1 && core.starts_with('0') && core.chars().all(|c| c.is_ascii_digit());
    let long_decimals = core
        .split_once('.')
        .is_some_and(|(_, d)| d.len() >= 3 && d.chars().all(|c| c.is_ascii_digit()));
    match core.parse::<f64>() {
        Ok(v) if v.is_finite() && (v > 100.0 || leading_zero || long_decimals) => {
            percent_read_as_digits(&core).unwrap_or(ScoreCell::Value(v))
        }
        Ok(v) if v.is_finite() => ScoreCell::Value(v),
        _ => ScoreCell::Unreadable,
    }
}

/// OCR's `mon` model has no "%": "100%" comes out "10096", "10090" or "10095" (the sign's
/// circles read as a 9 and another digit). A score above 100 that is a valid score followed
/// by "9" and a digit is read as that score; the raw text stays beside it and the check stage
/// flags it (`ocr_doubtful`).
pub fn percent_read_as_digits(core: &str) -> Option<ScoreCell> {
    let (prefix, sign) = core.split_at_checked(core.len().checked_sub(2)?)?;
    if !(sign.starts_with('9') && sign[1..].chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    // "195" is no "1%" misread: the rarer readings of the sign only after a score of two
    // digits or more, or 0.
    let rare = sign != "96" && sign != "90";
    if rare && prefix.len() == 1 && prefix != "0" {
        return None;
    }
    let v: f64 = prefix.trim().parse().ok()?;
    (0.0..=100.0).contains(&v).then_some(ScoreCell::Value(v))
}

/// Whether `next` continues `prev` (a paragraph cut by a page break or a cell boundary):
/// it starts in lowercase, or `prev` stops on a comma or hyphen; for running prose (targets,
/// implementation, activity), also when `prev` lacks a sentence end.
pub fn continues(prev: &str, next: &str, prose: bool) -> bool {
    let prev = prev.trim_end();
    let Some(first) = next.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    if first.is_lowercase() {
        return true;
    }
    let Some(last) = prev.chars().last() else {
        return false;
    };
    if matches!(last, ',' | '-' | '/') {
        return true;
    }
    prose && !matches!(last, '.' | '!' | '?' | ':' | ';')
}

/// A problem of the reconcile stage with a scan's readings, for the whole report.
fn scan_problem(message: crate::model::Message) -> crate::model::Problem {
    crate::model::Problem::new(
        crate::model::Stage::Reconcile,
        crate::model::Source::default(),
        message,
    )
}

/// A scan's measures whose implementation says "Хугацаа болоогүй" (not yet due) and whose only
/// score is a table cell ([`reconcile::stated_not_due`]), said in a problem.
fn stated_not_due(
    objectives: &mut [crate::model::Objective],
    problems: &mut Vec<crate::model::Problem>,
) {
    let not_due = reconcile::stated_not_due(objectives);
    if !not_due.is_empty() {
        problems.push(scan_problem(crate::model::Message::new(format!(
            "measure(s) {} scored in the table (\"/-/\" as OCR reads it?) but their implementation says \"Хугацаа болоогүй\" (not yet due) and no evaluation item scores them: taken as not due",
            not_due.join(", ")
        ), format!(
            "{} арга хэмжээ хүснэгтэд оноотой (текст таниулалт \"/-/\"-г ингэж уншсан?) боловч хэрэгжилтэд нь \"Хугацаа болоогүй\" гэж бичсэн, үнэлгээнд оноо алга: хугацаа болоогүй гэж авсан",
            not_due.join(", ")
        ))));
    }
}

/// Paragraphs of the document, with their index among blocks.
fn paragraphs(doc: &Document) -> impl Iterator<Item = (usize, &Paragraph)> {
    doc.blocks.iter().enumerate().filter_map(|(i, b)| match b {
        Block::Paragraph(p) => Some((i, p)),
        _ => None,
    })
}

fn tables(doc: &Document) -> impl Iterator<Item = (usize, &Table)> {
    doc.blocks.iter().enumerate().filter_map(|(i, b)| match b {
        Block::Table(t) => Some((i, t)),
        _ => None,
    })
}

/// Build the typed report from a document.
pub fn segment(
    doc: &Document,
    doc_id: &str,
    path: &str,
    format: SourceFormat,
) -> Result<Report, SegmentError> {
    let Some((table_idx, last_part, plan)) = plan_table::find(doc) else {
        return evaluation_report::segment(doc, doc_id, path, format);
    };
    let mut problems = Vec::new();
    let table_out = plan_table::segment(&plan, &mut problems);
    let before: Vec<&Paragraph> = paragraphs(doc)
        .filter(|(i, _)| *i < table_idx)
        .map(|(_, p)| p)
        .collect();
    let all: Vec<&Paragraph> = paragraphs(doc).map(|(_, p)| p).collect();
    let header = header::parse(&before, &all, &mut problems);
    let eval = evaluation::parse(doc, last_part, &mut problems);

    let mut objectives = table_out.objectives;
    let mut categories = Vec::new();
    let evaluation = eval.map(|e| {
        categories = categories::from_summary(&e.summary, &e.evaluation.bands);
        let summary_names: Vec<u32> = e.summary.iter().map(|row| row.objective_no).collect();
        regroup::split_by_item_codes(&mut objectives, &e.evaluation, &summary_names, &mut problems);
        regroup::open_lost_by_narrative(&mut objectives, &e.evaluation, &mut problems);
        let counts: Vec<(u32, usize)> = e
            .summary
            .iter()
            .filter_map(|row| {
                let n = row.n_measures.as_ref()?.value;
                (n >= 1.0 && n.fract() == 0.0).then_some((row.objective_no, n as usize))
            })
            .collect();
        regroup::open_lost_by_summary(&mut objectives, &counts, &mut problems);
        regroup::regroup_by_narrative(&mut objectives, &e.evaluation, &mut problems);
        evaluation::apply_summary(&e, &mut objectives, &mut problems);
        if format == SourceFormat::Scan {
            let joins = regroup::join_split_by_summary(&mut objectives);
            if !joins.is_empty() {
                problems.push(scan_problem(crate::model::Message::new(format!(
                    "measure(s) {} joined: the first ends in no action (\"-х\"), the next goes on in its row, and the summary table counts as many measures as the joins leave (OCR read a small letter as a capital)",
                    joins.join(", ")
                ), format!(
                    "{} арга хэмжээг нэгтгэсэн: эхнийх нь үйлдлээр (\"-х\") төгсөөгүй, дараагийнх нь мөрөндөө үргэлжилж байгаа бөгөөд нэгтгэл хүснэгт нэгтгэсний дараах тоогоор тоолсон (текст таниулалт жижиг үсгийг том гэж уншсан)",
                    joins.join(", ")
                ))));
                // The joins moved measures to other places: their codes are read again.
                plan_table::recode_misread_codes(&mut objectives, &mut problems);
            }
        }
        regroup::regroup_by_summary(&mut objectives, &e.evaluation, &mut problems);
        reconcile::reconcile(&mut objectives, &e.evaluation, &mut problems);
        if format == SourceFormat::Scan {
            let codes = reconcile::lone_digits_not_due(&mut objectives, &e.evaluation);
            if !codes.is_empty() {
                problems.push(scan_problem(crate::model::Message::new(format!(
                    "measure(s) {} not listed in the evaluation, their score cells read one digit or nothing (\"/-/\" as OCR reads it): taken as not due",
                    codes.join(", ")
                ), format!(
                    "{} арга хэмжээ үнэлгээнд байхгүй, онооны нүд нь нэг цифр эсвэл хоосон уншигдсан (текст таниулалт \"/-/\"-г ингэж уншдаг): хугацаа болоогүй гэж авсан",
                    codes.join(", ")
                ))));
            }
            // Before conflicts are settled: a not-due measure's misread cell is in no mean.
            stated_not_due(&mut objectives, &mut problems);
        }
        let overall: Vec<&StatedNumber> = [
            table_out.overall.as_ref(),
            e.evaluation.overall_conclusion.as_ref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        reconcile::settle_conflicts(&mut objectives, &e.evaluation.bands, &overall);
        e.evaluation
    });
    if evaluation.is_none() {
        reconcile::scores_from_table(&mut objectives);
        if format == SourceFormat::Scan {
            stated_not_due(&mut objectives, &mut problems);
        }
    }
    if format == SourceFormat::Scan {
        let set_aside = reconcile::impossible_reads_set_aside(&mut objectives);
        if !set_aside.is_empty() {
            problems.push(scan_problem(crate::model::Message::new(format!(
                "score(s) no scale gives (outside 0-100, or one digit 1-9, in the table; \"/-/\" read as a digit in the summary) that no other figure states, misread by OCR: {}; not used",
                set_aside.join(", ")
            ), format!(
                "ямар ч хуваарьт байхгүй оноо (хүснэгтэд 0-100-аас гадуур эсвэл 1-9 нэг цифр; нэгтгэлд \"/-/\"-г цифр гэж уншсан), өөр ямар ч тоо батлахгүй, текст таниулалт буруу уншсан: {}; ашиглаагүй",
                set_aside.join(", ")
            ))));
        }
    }

    let mut status = Status::Ok;
    let mut error = None;
    let missing: Vec<&str> = [
        ("agency", header.agency.is_none()),
        ("year", header.year.is_none()),
        ("measures", objectives.iter().all(|o| o.measures.is_empty())),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(n, _)| *n)
    .collect();
    if !missing.is_empty() {
        status = Status::Partial;
        error = Some(format!(
            "could not find: {} (see problems for details)",
            missing.join(", ")
        ));
    }
    Ok(Report {
        doc_id: doc_id.to_string(),
        sha256: String::new(),
        source_path: path.to_string(),
        source_format: format,
        report_kind: ReportKind::PlanReport,
        encoding: None,
        n_pages: doc.n_pages,
        ocr_confidence: None,
        ocr_low_confidence_share: None,
        ocr_unsure: Vec::new(),
        ocr_sure: Vec::new(),
        header,
        objectives,
        overall_table: table_out.overall,
        evaluation,
        categories,
        status,
        error,
        problems,
        metrics: Vec::new(),
        findings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScoreSource;

    /// A small report whose plan table and evaluation give measure 1.2 two scores; `summary`
    /// is the summary table's row for objective 1 (count, bands 100/70/30/0, percent).
    fn two_scores(narrative_1_2: &str, summary: &str) -> Report {
        let html = format!(
            "<table><tr><th>№</th><th>Үйл ажиллагаа</th><th>Хэрэгжүүлэх арга хэмжээ</th>\
             <th>Биелэлт</th><th>Үнэлгээ</th></tr>\
             <tr><td>1</td><td>Ёс зүйг төлөвшүүлэх</td><td>1.1. Дотоод журмыг нэвтрүүлэх</td>\
             <td>Хийсэн.</td><td>100</td></tr>\
             <tr><td>1</td><td>Ёс зүйг төлөвшүүлэх</td><td>1.2. Мэдээллийг шинэчлэх</td>\
             <td>Хийсэн.</td><td>100</td></tr></table>\
             <table><tr><th>Зорилт</th><th>Арга хэмжээний тоо</th><th>100 /90-100/</th>\
             <th>70 /70-89/</th><th>30 /30-69/</th><th>0 /0-29/</th><th>Хувь</th></tr>\
             <tr><td>Зорилт 1: Ёс зүйг төлөвшүүлэх</td>{summary}</tr></table>\
             <p>100 /90-100/ хувийн биелэлттэй:</p><p>Зорилт 1.1. Дотоод журмыг нэвтрүүлэх /100/</p>\
             <p>30 /30-69/ хувийн биелэлттэй:</p><p>Зорилт 1.2. Мэдээллийг шинэчлэх /{narrative_1_2}/</p>"
        );
        let (doc, format) = crate::read::text::parse(&html, SourceFormat::Html);
        segment(&doc, "d", "r.html", format).unwrap()
    }

    #[test]
    fn of_two_stated_scores_the_one_the_report_bears_out() {
        // The summary counts both measures at 100 and states 100: the evaluation's 40 is the slip.
        let r = two_scores(
            "40",
            "<td>2</td><td>2</td><td></td><td></td><td></td><td>100</td>",
        );
        let m = &r.objectives[0].measures[1];
        assert_eq!(m.score, Some(100.0));
        assert_eq!(m.score_source, Some(ScoreSource::Table));
        assert_eq!(m.score_narrative.as_ref().map(|s| s.value), Some(40.0));
        // The summary agrees with the evaluation's 40: the table's 100 is the slip.
        let r = two_scores(
            "40",
            "<td>2</td><td>1</td><td></td><td>1</td><td></td><td>70</td>",
        );
        let m = &r.objectives[0].measures[1];
        assert_eq!(m.score, Some(40.0));
        assert_eq!(m.score_source, Some(ScoreSource::Narrative));
    }

    #[test]
    fn a_lone_measure_s_two_scores_are_settled_by_the_overall_percent() {
        let html = "<table><tr><th>№</th><th>Үйл ажиллагаа</th><th>Хэрэгжүүлэх арга хэмжээ</th>\
             <th>Биелэлт</th><th>Үнэлгээ</th></tr>\
             <tr><td>1</td><td>Ёс зүйг төлөвшүүлэх</td><td>1.1. Дотоод журмыг нэвтрүүлэх</td>\
             <td>Хийсэн.</td><td>100</td></tr>\
             <tr><td>2</td><td>Хяналтыг сайжруулах</td><td>2.1. Мэдээллийг шинэчлэх</td>\
             <td>Хийсэн.</td><td>100</td></tr>\
             <tr><td colspan=\"4\">Дундаж үнэлгээ</td><td>100</td></tr></table>\
             <p>Зорилт 1.1. Дотоод журмыг нэвтрүүлэх /100/</p>\
             <p>Зорилт 2.1. Мэдээллийг шинэчлэх /40/</p>";
        let (doc, format) = crate::read::text::parse(html, SourceFormat::Html);
        let r = segment(&doc, "d", "r.html", format).unwrap();
        let m = &r.objectives[1].measures[0];
        assert_eq!(
            (m.score, m.score_source),
            (Some(100.0), Some(ScoreSource::Table))
        );
    }

    #[test]
    fn the_agencys_own_score_is_no_second_statement_of_the_evaluators() {
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th>\
             <th>Биелэлт</th><th>Байгууллагын үнэлгээ</th></tr>\
             <tr><td>1</td><td>1.1. Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>100</td></tr>\
             <tr><td>2</td><td>2.1. Мэдээллийг шинэчлэх</td><td>Хийсэн.</td><td>75</td></tr></table>\
             <p>Зорилт 1.1. Дотоод журмыг нэвтрүүлэх /90/</p>";
        let (doc, format) = crate::read::text::parse(html, SourceFormat::Html);
        let r = segment(&doc, "d", "r.html", format).unwrap();
        let (first, second) = (&r.objectives[0].measures[0], &r.objectives[1].measures[0]);
        // The agency gave itself 100, the evaluator 90: two figures, no conflict.
        assert_eq!(
            (first.score, first.score_source),
            (Some(90.0), Some(ScoreSource::Narrative))
        );
        assert_eq!(first.score_self.as_ref().map(|s| s.value), Some(100.0));
        assert!(crate::check::check(&r, &[]).is_empty());
        // No evaluator's figure for 2.1: the agency's own stands, and says so.
        assert_eq!(
            (second.score, second.score_source),
            (Some(75.0), Some(ScoreSource::SelfScore))
        );
        assert!(first.score_table.is_none() && second.score_table.is_none());
    }

    /// Each objective's number and how many measures it holds, from an HTML report.
    fn objective_sizes(html: &str) -> Vec<(u32, usize)> {
        let (doc, format) = crate::read::text::parse(html, SourceFormat::Html);
        let r = segment(&doc, "d", "r.html", format).unwrap();
        r.objectives
            .iter()
            .map(|o| (o.objective_no, o.measures.len()))
            .collect()
    }

    #[test]
    fn a_measure_a_row_off_its_objective_goes_where_the_evaluation_lists_it() {
        let html = |third: &str| {
            format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
                 <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td></td><td>Мэдээллийн санг шинэчлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td></td><td>{third}Иргэдэд сургалт зохион байгуулах</td><td>Хийсэн.</td><td>70</td></tr>\
                 <tr><td>2</td><td>Тендерийн баримтыг ил тод болгох</td><td>Хийсэн.</td><td>70</td></tr></table>\
                 <p>Зорилт 1.1. Дотоод журмыг нэвтрүүлэх /100/</p>\
                 <p>Зорилт 1.2. Мэдээллийн санг шинэчлэх /100/</p>\
                 <p>Зорилт 2.1. Иргэдэд сургалт зохион байгуулах /70/</p>\
                 <p>Зорилт 2.2. Тендерийн баримтыг ил тод болгох /70/</p>"
            )
        };
        let (doc, format) = crate::read::text::parse(&html(""), SourceFormat::Html);
        let r = segment(&doc, "d", "r.html", format).unwrap();
        let counts: Vec<usize> = r.objectives.iter().map(|o| o.measures.len()).collect();
        assert_eq!(counts, vec![2, 2]);
        let m = &r.objectives[1].measures[0];
        assert_eq!(m.code, "2.1");
        assert_eq!(
            m.narrative.as_ref().map(|n| n.method.as_str()),
            Some("code_and_text")
        );
        assert!(r
            .problems
            .iter()
            .any(|p| p.message.contains("1.3 → objective 2")));
        // A code written in the cell is the table's own word: it stays.
        let (doc, format) = crate::read::text::parse(&html("1.3. "), SourceFormat::Html);
        let r = segment(&doc, "d", "r.html", format).unwrap();
        let counts: Vec<usize> = r.objectives.iter().map(|o| o.measures.len()).collect();
        assert_eq!(counts, vec![3, 1]);
    }

    #[test]
    fn a_scan_s_not_due_measure_is_out_of_the_means_that_settle_a_conflict() {
        // Measure 1.2: the table says 100, the evaluation 40; the summary's 100 and band counts
        // fit the table's when 1.3, not yet due by its implementation, is out of the mean. On a
        // scan its "/-/" read "13": taken as not due before the conflict is settled.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
             <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>100</td></tr>\
             <tr><td></td><td>Мэдээллийн санг шинэчлэх</td><td>Хийсэн.</td><td>100</td></tr>\
             <tr><td></td><td>Цахим системийг зохион байгуулах</td><td>Хугацаа болоогүй. Төлөвлөсөн.</td><td>13</td></tr></table>\
             <table><tr><th>Зорилт</th><th>Арга хэмжээний тоо</th><th>100 /90-100/</th><th>0 /0-30/</th><th>Хувь</th></tr>\
             <tr><td>Зорилт 1: Нэг</td><td>2</td><td>2</td><td></td><td>100</td></tr></table>\
             <p>Зорилт 1.1. Дотоод журмыг нэвтрүүлэх /100/</p>\
             <p>Зорилт 1.2. Мэдээллийн санг шинэчлэх /40/</p>";
        let (doc, _) = crate::read::text::parse(html, SourceFormat::Html);
        let r = segment(&doc, "d", "r.pdf", SourceFormat::Scan).unwrap();
        let m = &r.objectives[0].measures;
        let got: Vec<(Option<f64>, bool)> = m.iter().map(|m| (m.score, m.not_due)).collect();
        assert_eq!(
            got,
            vec![(Some(100.0), false), (Some(100.0), false), (None, true)]
        );
    }

    #[test]
    fn an_unlisted_last_measure_goes_down_when_the_next_objective_s_items_start_at_its_second() {
        // Objective 2's first measure is not due (not listed); the layout put it last under
        // objective 1.
        let html = |first_of_two: &str| {
            format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
                 <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td></td><td>Мэдээллийн санг шинэчлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td></td><td>Цахим системийг зохион байгуулах</td><td>Хугацаа болоогүй</td><td>/-/</td></tr>\
                 <tr><td>2</td><td>Иргэдэд сургалт зохион байгуулах</td><td>Хийсэн.</td><td>70</td></tr>\
                 <tr><td></td><td>Тендерийн баримтыг ил тод болгох</td><td>Хийсэн.</td><td>70</td></tr></table>\
                 <p>Зорилт 1.1. Дотоод журмыг нэвтрүүлэх /100/</p>\
                 <p>Зорилт 1.2. Мэдээллийн санг шинэчлэх /100/</p>\
                 <p>Зорилт 2.{first_of_two}. Иргэдэд сургалт зохион байгуулах /70/</p>\
                 <p>Зорилт 2.3. Тендерийн баримтыг ил тод болгох /70/</p>"
            )
        };
        assert_eq!(objective_sizes(&html("2")), vec![(1, 2), (2, 3)]);
        // Items that do not start at the second leave the table as it is.
        assert_eq!(objective_sizes(&html("1")), vec![(1, 3), (2, 2)]);
    }

    #[test]
    fn an_objective_holding_several_lost_ones_splits_where_the_evaluation_places_them() {
        // The № cells of objectives 2 and 3 unread (150 dpi: "2" read "ж,"): every row reads
        // as objective 1's. 2.1 is not due and not listed: its place (before 2.2) says where.
        let html = |third_code: &str| {
            format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
                 <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td></td><td>Мэдээллийн санг шинэчлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td>ж,</td><td>Цахим системийг зохион байгуулах</td><td>Хугацаа болоогүй</td><td>/-/</td></tr>\
                 <tr><td></td><td>Иргэдэд сургалт зохион байгуулах</td><td>Хийсэн.</td><td>70</td></tr>\
                 <tr><td></td><td>Тендерийн баримтыг ил тод болгох</td><td>Хийсэн.</td><td>70</td></tr></table>\
                 <p>Зорилт 1.1. Дотоод журмыг нэвтрүүлэх /100/</p>\
                 <p>Зорилт 1.2. Мэдээллийн санг шинэчлэх /100/</p>\
                 <p>Зорилт 2.2. Иргэдэд сургалт зохион байгуулах /70/</p>\
                 <p>Зорилт {third_code}. Тендерийн баримтыг ил тод болгох /70/</p>"
            )
        };
        assert_eq!(objective_sizes(&html("3.1")), vec![(1, 2), (2, 2), (3, 1)]);
        // An item at a place the table's order cannot give (a measure lost): nothing moves.
        assert_eq!(objective_sizes(&html("3.2")), vec![(1, 5)]);
    }

    #[test]
    fn objectives_whose_numbers_were_lost_open_as_the_summary_counts_them() {
        // The № cells of objectives 2 and 3 unread; no narrative list, only the summary.
        let html = |first_count: &str| {
            format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
                 <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td></td><td>Мэдээллийн санг шинэчлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td>ж,</td><td>Цахим системийг зохион байгуулах</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td></td><td>Иргэдэд сургалт зохион байгуулах</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td>(з</td><td>Тендерийн баримтыг ил тод болгох</td><td>Хийсэн.</td><td>100</td></tr></table>\
                 <table><tr><th>Зорилт</th><th>Арга хэмжээний тоо</th><th>100 /90-100/</th><th>Хувь</th></tr>\
                 <tr><td>Зорилт 1: Нэг</td><td>{first_count}</td><td>2</td><td>100</td></tr>\
                 <tr><td>Зорилт 2: Хоёр</td><td>2</td><td>2</td><td>100</td></tr>\
                 <tr><td>Зорилт 3: Гурав</td><td>1</td><td>1</td><td>100</td></tr></table>"
            )
        };
        assert_eq!(objective_sizes(&html("2")), vec![(1, 2), (2, 2), (3, 1)]);
        // Objective 1's count unread: cut from the back.
        assert_eq!(objective_sizes(&html("")), vec![(1, 2), (2, 2), (3, 1)]);
        // Counts that do not add up from either side to the rows: the one the cuts leave holds
        // the rest.
        assert_eq!(objective_sizes(&html("3")), vec![(1, 3), (2, 1), (3, 1)]);
    }

    #[test]
    fn measures_of_an_objective_whose_number_was_lost_open_it_as_the_evaluation_lists_them() {
        // Objective 2's № cell unread ("2" read "(5)"): its rows read as objective 1's.
        let html = |second: &str| {
            format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
                 <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td>(5)</td><td>Иргэдэд сургалт зохион байгуулах</td><td>Хийсэн.</td><td>70</td></tr>\
                 <tr><td></td><td>Тендерийн баримтыг ил тод болгох</td><td>Хийсэн.</td><td>70</td></tr></table>\
                 <p>Зорилт 1.1. Дотоод журмыг нэвтрүүлэх /100/</p>\
                 <p>Зорилт {second}.1. Иргэдэд сургалт зохион байгуулах /70/</p>\
                 <p>Зорилт {second}.2. Тендерийн баримтыг ил тод болгох /70/</p>"
            )
        };
        let shape = |second: &str| objective_sizes(&html(second));
        assert_eq!(shape("2"), vec![(1, 1), (2, 2)]);
        // Items of an objective the table already has, or not next in order, open nothing.
        assert_eq!(shape("1"), vec![(1, 3)]);
        assert_eq!(shape("3"), vec![(1, 3)]);
    }

    #[test]
    fn a_row_of_measures_the_summary_counts_for_an_objective_the_table_lacks_opens_it() {
        // Objective 2's № cell unread: its row reads as objective 1's second.
        let html = |second_row: &str, counts: (&str, &str)| {
            format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
                 <tr><td>1</td><td><p>Дотоод журмыг нэвтрүүлэх</p><p>Мэдээллийн санг шинэчлэх</p></td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td>(5)</td><td>{second_row}</td><td>Хийсэн.</td><td>70</td></tr></table>\
                 <table><tr><td>Зорилт</td><td>Арга хэмжээний тоо</td><td>Хэрэгжилт хувь</td></tr>\
                 <tr><td>Зорилт 1: А</td><td>{}</td><td>100</td></tr>\
                 <tr><td>Зорилт 2: Б</td><td>{}</td><td>70</td></tr></table>",
                counts.0, counts.1
            )
        };
        let shape =
            |second_row: &str, counts: (&str, &str)| objective_sizes(&html(second_row, counts));
        let row = "<p>Иргэдэд сургалт зохион байгуулах</p><p>Тендерийн баримтыг ил тод болгох</p>";
        assert_eq!(shape(row, ("2", "2")), vec![(1, 2), (2, 2)]);
        // The one above's count unread: the lost one's and the row's edge suffice.
        assert_eq!(shape(row, ("", "2")), vec![(1, 2), (2, 2)]);
        // A count that puts the edge inside a row, or one the one above's contradicts, or a
        // code written in the cell: nothing opened.
        assert_eq!(shape(row, ("", "1")), vec![(1, 4)]);
        assert_eq!(shape(row, ("3", "2")), vec![(1, 4)]);
        let coded = "<p>1.3. Иргэдэд сургалт зохион байгуулах</p><p>1.4. Тендерийн баримтыг ил тод болгох</p>";
        assert_eq!(shape(coded, ("2", "2")), vec![(1, 4)]);
    }

    #[test]
    fn measures_a_row_off_their_objective_go_where_the_summary_counts_them() {
        // The table splits 3 + 1 where the summary counts 2 + 2; no narrative to decide.
        let html = |summary: &str, third: &str| {
            format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
                 <tr><td>1</td><td>Дотоод журмыг нэвтрүүлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td></td><td>Мэдээллийн санг шинэчлэх</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td></td><td>{third}Иргэдэд сургалт зохион байгуулах</td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td>2</td><td>Тендерийн баримтыг ил тод болгох</td><td>Хийсэн.</td><td>100</td></tr></table>\
                 <table><tr><td>Зорилт</td><td>Арга хэмжээний тоо</td><td>Хэрэгжилт хувь</td></tr>\
                 {summary}</table>"
            )
        };
        let counts = |summary: &str, third: &str| {
            let (doc, format) = crate::read::text::parse(&html(summary, third), SourceFormat::Html);
            let r = segment(&doc, "d", "r.html", format).unwrap();
            let counts: Vec<usize> = r.objectives.iter().map(|o| o.measures.len()).collect();
            let codes: Vec<String> = r.measures().map(|m| m.code.clone()).collect();
            (counts, codes)
        };
        let two_and_two = "<tr><td>Зорилт 1: А</td><td>2</td><td>100</td></tr>\
                           <tr><td>Зорилт 2: Б</td><td>2</td><td>100</td></tr>";
        assert_eq!(
            counts(two_and_two, ""),
            (
                vec![2, 2],
                vec!["1.1".into(), "1.2".into(), "2.1".into(), "2.2".into()]
            )
        );
        // A code written in the cell stays; a summary whose counts sum otherwise moves nothing.
        assert_eq!(counts(two_and_two, "1.3. ").0, vec![3, 1]);
        let two_and_one = "<tr><td>Зорилт 1: А</td><td>2</td><td>100</td></tr>\
                           <tr><td>Зорилт 2: Б</td><td>1</td><td>100</td></tr>";
        assert_eq!(counts(two_and_one, "").0, vec![3, 1]);
    }

    #[test]
    fn a_measure_split_where_its_text_ends_no_action_is_joined_as_the_summary_counts() {
        // "худалдан" read "Худалдан" started a measure under "Салбарын хэмжээнд".
        let html = |first: &str, count: &str| {
            format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
                 <tr><td>1</td><td><p>{first}</p><p>Худалдан авах ажиллагааг хэлэлцүүлэх</p></td><td>Хийсэн.</td><td>100</td></tr>\
                 <tr><td>2</td><td>Тендерийн баримтыг ил тод болгох</td><td>Хийсэн.</td><td>100</td></tr></table>\
                 <table><tr><td>Зорилт</td><td>Арга хэмжээний тоо</td><td>Хэрэгжилт хувь</td></tr>\
                 <tr><td>Зорилт 1: А</td><td>{count}</td><td>100</td></tr>\
                 <tr><td>Зорилт 2: Б</td><td>1</td><td>100</td></tr></table>"
            )
        };
        let joined = |first: &str, count: &str| {
            let (doc, format) = crate::read::text::parse(&html(first, count), SourceFormat::Html);
            let r = segment(&doc, "d", "r.html", format).unwrap();
            let mut objectives = r.objectives.clone();
            let joins = regroup::join_split_by_summary(&mut objectives);
            let texts: Vec<String> = objectives[0]
                .measures
                .iter()
                .map(|m| m.text.text.clone())
                .collect();
            (joins, texts)
        };
        assert_eq!(
            joined("Салбарын хэмжээнд", "1"),
            (
                vec!["1.1 + 1.2".to_string()],
                vec!["Салбарын хэмжээнд худалдан авах ажиллагааг хэлэлцүүлэх".to_string()]
            )
        );
        // The summary counts both; or the first is an action of its own.
        assert_eq!(joined("Салбарын хэмжээнд", "2").1.len(), 2);
        assert_eq!(joined("Дүрмийг хэрэгжүүлэх", "1").1.len(), 2);
    }

    #[test]
    fn an_edge_shift_through_an_objective_counted_right_is_undone() {
        // Table: 1 | 1.1 1.2 1.3, 2 | 2.1 2.2, 3 | 3.1; the summary counts 2, 2, 2: objective
        // 2 has its count but stands a measure off on both edges.
        let row = |no: &str, text: &str| {
            format!("<tr><td>{no}</td><td>{text}</td><td>Хийсэн.</td><td>100</td></tr>")
        };
        let html = format!(
            "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th><th>Үнэлгээ</th></tr>\
             {}{}{}{}{}{}</table>\
             <table><tr><td>Зорилт</td><td>Арга хэмжээний тоо</td><td>Хэрэгжилт хувь</td></tr>\
             <tr><td>Зорилт 1: А</td><td>2</td><td>100</td></tr>\
             <tr><td>Зорилт 2: Б</td><td>2</td><td>100</td></tr>\
             <tr><td>Зорилт 3: В</td><td>2</td><td>100</td></tr></table>",
            row("1", "Дотоод журмыг нэвтрүүлэх"),
            row("", "Мэдээллийн санг шинэчлэх"),
            row("", "Иргэдэд сургалт зохион байгуулах"),
            row("2", "Тендерийн баримтыг ил тод болгох"),
            row("", "Ёс зүйн дүрмийг хэлэлцүүлэх"),
            row("3", "Хөрөнгийн мэдүүлгийг хянах"),
        );
        let (doc, format) = crate::read::text::parse(&html, SourceFormat::Html);
        let r = segment(&doc, "d", "r.html", format).unwrap();
        let counts: Vec<usize> = r.objectives.iter().map(|o| o.measures.len()).collect();
        assert_eq!(counts, vec![2, 2, 2]);
        assert_eq!(
            r.objectives[2].measures[0].text.text,
            "Ёс зүйн дүрмийг хэлэлцүүлэх"
        );
    }

    #[test]
    fn a_report_whose_table_was_lost_keeps_what_its_header_gives() {
        // OCR merged the agency's line with the letter's and garbled the agency: the year is
        // still there, the report is partial (its table lost), not failed.
        let text = "ДАРХАН-УУЛ АЙМГИЙН ЗАСАГ ДАРГЫН тАМГ 2020 оны 01 дүгээр сарын 10-ны өдөр Ме 617\n\n\
                    Авлигатай тэмцэх үндэсний хөтөлбөрийн хүрээнд 2019 онд хэрэгжүүлэх үйл ажиллагааны төлөвлөгөөний биелэлт\n";
        let (doc, format) = crate::read::text::parse(text, SourceFormat::Text);
        let r = segment(&doc, "d", "r.txt", format).expect("partial, not failed");
        assert_eq!(r.status, Status::Partial);
        assert_eq!(r.header.year, Some(2019));
        // Nothing of the genre: not a report.
        let (doc, format) =
            crate::read::text::parse("Улаанбаатар хотод өнөөдөр цас орно.\n", SourceFormat::Text);
        assert!(segment(&doc, "d", "r.txt", format).is_err());
    }

    #[test]
    fn scores_as_printed() {
        assert_eq!(parse_score("97,9"), ScoreCell::Value(97.9));
        assert_eq!(parse_score("98.2 %"), ScoreCell::Value(98.2));
        assert_eq!(parse_score("100%"), ScoreCell::Value(100.0));
        assert_eq!(parse_score("95 хувь"), ScoreCell::Value(95.0));
        assert_eq!(parse_score("/93.9/"), ScoreCell::Value(93.9));
        assert_eq!(parse_score("/-/"), ScoreCell::NotDue);
        assert_eq!(parse_score("ХБ"), ScoreCell::NotDue);
        assert_eq!(parse_score("Хугацаа болоогүй"), ScoreCell::NotDue);
        assert_eq!(parse_score(""), ScoreCell::Empty);
        assert_eq!(parse_score("сайн"), ScoreCell::Unreadable);
        // OCR without "%": "100%" read "10096", "95 %" read "9596".
        assert_eq!(parse_score("10096"), ScoreCell::Value(100.0));
        assert_eq!(parse_score("10095"), ScoreCell::Value(100.0));
        assert_eq!(parse_score("7093"), ScoreCell::Value(70.0));
        assert_eq!(parse_score("195"), ScoreCell::Value(195.0));
        assert_eq!(parse_score("9596"), ScoreCell::Value(95.0));
        assert_eq!(parse_score("96"), ScoreCell::Value(96.0));
        assert_eq!(parse_score("096"), ScoreCell::Value(0.0));
        assert_eq!(parse_score("090"), ScoreCell::Value(0.0));
        assert_eq!(parse_score("150"), ScoreCell::Value(150.0));
        // "33.9%" read "33.996"; three decimals of another kind stay as read.
        assert_eq!(parse_score("33.996"), ScoreCell::Value(33.9));
        assert_eq!(parse_score("97.9095"), ScoreCell::Value(97.90));
        assert_eq!(parse_score("33.125"), ScoreCell::Value(33.125));
        assert_eq!(parse_score("68,896"), ScoreCell::Value(68.8));
        // A speck beside the figure read as one mark.
        assert_eq!(parse_score("100.0 :"), ScoreCell::Value(100.0));
        assert_eq!(parse_score("90.0 Р"), ScoreCell::Value(90.0));
        assert_eq!(parse_score("100.0 ”"), ScoreCell::Value(100.0));
        assert_eq!(parse_score("4 5"), ScoreCell::Unreadable);
        assert_eq!(parse_score("/ -"), ScoreCell::NotDue);
    }

    #[test]
    fn continuation_rules() {
        assert!(continues(
            "Улсын бүртгэлийн ерөнхий газар,",
            "Архивын ерөнхий газар",
            false
        ));
        assert!(continues("мэргэжил, арга", "зүйгээр ханган ажиллах", false));
        assert!(continues(
            "2019 оны А/61 тоот тушаалаар",
            "\"Нийгмийн даатгалд",
            true
        ));
        assert!(!continues(
            "2019 оны А/61 тоот тушаалаар",
            "Нийгмийн даатгалд",
            false
        ));
        assert!(!continues("бүрдүүлсэн.", "Шинээр тоон гарын", true));
        assert!(!continues("зохион байгуулах", "Шатлан дэвших", false));
    }
}
