//! A document without a plan table: an evaluation summary, a prose evaluation, or neither.
//!
//! Enters: the document. Leaves: a [`Report`] of kind `evaluation_summary` (a table of
//! categories with band counts), `prose_evaluation` (the same in sentences) or `unknown`
//! (only the header: agency, letter, year), or a [`SegmentError`] when nothing of the genre
//! is there. The overall percent goes where a plan report's conclusion goes, so every query
//! of the overall percent covers every kind.

use super::{categories, header, paragraphs, prose, tables};
use crate::error::SegmentError;
use crate::layout::{Document, Paragraph};
use crate::model::{
    Band, Category, CategoryLevel, Evaluation, Report, ReportKind, SourceFormat, Status,
};
use crate::normalize::normalize;

pub fn segment(
    doc: &Document,
    doc_id: &str,
    path: &str,
    format: SourceFormat,
) -> Result<Report, SegmentError> {
    let all: Vec<&Paragraph> = paragraphs(doc).map(|(_, p)| p).collect();
    let mut problems = Vec::new();
    let mut header = header::parse(&all, &all, &mut problems);
    // The evaluation's list of measures ("Зорилт 1.1. … /100/") is a plan report's: its plan
    // table is there but was not rebuilt (a scan's garbled header, a cut file). It stays a plan
    // report, partial, with its header (its title's year) and the evaluation's figures.
    let table_lost = all.iter().any(|p| {
        let t = normalize(&p.text);
        MEASURE_ITEM.is_match(&t) || is_plan_column_label(&p.text)
    });
    if let Some(year) = evaluated_year(&all).filter(|_| !table_lost || header.year.is_none()) {
        if header.year != Some(year) {
            // The header's rule looks for a plan report's title; an evaluation names its year
            // with what it evaluates.
            problems.retain(|p| !p.message.contains("year"));
            problems.push(crate::model::Problem {
                stage: crate::model::Stage::Header,
                source: crate::model::Source::default(),
                message: format!(
                    "year {year} taken from the first sentence naming what is evaluated{}",
                    header
                        .year
                        .map(|y| format!(" (the plan-title rule read {y})"))
                        .unwrap_or_default()
                ),
                message_mn: format!(
                    "{year} оныг юуг үнэлснийг нэрлэсэн эхний өгүүлбэрээс авсан{}",
                    header
                        .year
                        .map(|y| format!(" (төлөвлөгөөний гарчгийн дүрмээр {y} гэж уншсан)"))
                        .unwrap_or_default()
                ),
            });
            header.year = Some(year);
        }
    }
    // Without a letterhead the header's rule can take a title in capitals for the agency
    // ("… хэрэгжилтийн тайлан", "Журам батлах тухай"): a body's name ends in what it is.
    if let Some(a) = header.agency.take() {
        match is_body_name(&a) {
            true => header.agency = Some(a),
            false => problems.push(crate::model::Problem {
                stage: crate::model::Stage::Header,
                source: crate::model::Source::default(),
                message: format!("{a:?} read as the agency is a title, not a body's name (it ends in no газар, яам, хэлтэс, алба …): left out"),
                message_mn: format!("байгууллага гэж уншсан {a:?} нь гарчиг, байгууллагын нэр биш (газар, яам, хэлтэс, алба … гэж төгсөхгүй): орхисон"),
            }),
        }
    }
    if header.agency.is_none() {
        header.agency = body_line(&all);
    }
    let prose = prose::parse(doc, header.year);
    let (kind, categories, band_values) = match categories::from_tables(doc) {
        Some((cats, bands)) => (ReportKind::EvaluationSummary, cats, bands),
        None if !prose.is_empty() => {
            let mut bands: Vec<f64> = Vec::new();
            for b in prose.categories.iter().flat_map(|c| &c.bands) {
                if !bands.contains(&b.band) {
                    bands.push(b.band);
                }
            }
            bands.sort_by(|a, b| b.total_cmp(a));
            (ReportKind::ProseEvaluation, prose.categories.clone(), bands)
        }
        None => (ReportKind::Unknown, Vec::new(), Vec::new()),
    };
    let is_report =
        header.agency.is_some() || header.year.is_some() || header.letter_date.is_some();
    if table_lost && is_report {
        let why = "Its plan table's header or its evaluation's list of measures (\"Зорилт 1.1. …\") is there, the table was not rebuilt. The header is kept, and the evaluation's figures.";
        let mut report = unknown(doc, doc_id, path, format, header, problems, why);
        report.report_kind = ReportKind::PlanReport;
        report.evaluation = Some(evaluation(&prose, &band_values, &categories));
        report.categories = categories;
        return Ok(report);
    }
    if kind == ReportKind::Unknown {
        // Never lose the header: any one of agency, year, date is enough to keep the row.
        if !is_report {
            return Err(no_plan_table(doc, path));
        }
        if is_plan_report_title(&all) {
            let why = "Its title names a plan's implementation report, not an evaluation: the file holds the report's beginning without its table. The header is kept.";
            let mut report = unknown(doc, doc_id, path, format, header, problems, why);
            report.report_kind = ReportKind::PlanReport;
            return Ok(report);
        }
        let why = "Nor is it an evaluation without one (no summary table of band counts, no percent or band counts in its text). The header is kept.";
        return Ok(unknown(doc, doc_id, path, format, header, problems, why));
    }
    let evaluation = evaluation(&prose, &band_values, &categories);
    let missing: Vec<&str> = [
        ("agency", header.agency.is_none()),
        ("year", header.year.is_none()),
    ]
    .iter()
    .filter(|(_, m)| *m)
    .map(|(n, _)| *n)
    .collect();
    let (status, error) = match missing.is_empty() {
        true => (Status::Ok, None),
        false => (
            Status::Partial,
            Some(format!(
                "could not find: {} (see problems for details)",
                missing.join(", ")
            )),
        ),
    };
    Ok(Report {
        report_kind: kind,
        header,
        n_pages: doc.n_pages,
        evaluation: Some(evaluation),
        categories,
        status,
        error,
        problems,
        ..Report::failed(doc_id.to_string(), path.to_string(), format, String::new())
    })
}

/// "Зорилт 5.1. …": an item of a plan report's evaluation list (a measure's code).
static MEASURE_ITEM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:[-•–]\s*)?(?:\d+(?:\.\d+)*\.?\s*)?Зорилт\s*\d{1,3}\.\d{1,3}")
        .expect("valid regex")
});

/// A title naming a plan's implementation report ("… 2019 ОНЫ ХЭРЭГЖИЛТИЙН ТАЙЛАН", "…
/// төлөвлөгөөний биелэлт"), where no title names an evaluation ("… ХЯНАЛТ-ШИНЖИЛГЭЭ, ҮНЭЛГЭЭ
/// ХИЙЛЭЭ", "… үнэлгээ"): the file is a plan report's beginning.
fn is_plan_report_title(paragraphs: &[&Paragraph]) -> bool {
    let titles: Vec<String> = paragraphs
        .iter()
        .map(|p| normalize(&p.text))
        .filter(|t| {
            let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
            let upper = letters.iter().filter(|c| c.is_uppercase()).count();
            t.chars().count() <= 160 && upper * 2 > letters.len()
        })
        .map(|t| t.to_lowercase())
        .collect();
    let evaluation = |t: &String| {
        ["үнэлгээ", "хяналт-шинжилгээ", "дүгнэлт"]
            .iter()
            .any(|w| t.contains(w))
    };
    let plan = |t: &String| {
        ["хэрэгжилтийн тайлан", "биелэлтийн тайлан"]
            .iter()
            .any(|w| t.contains(w))
            || t.trim_end_matches(['.', ' ']).ends_with("биелэлт")
    };
    !titles.iter().any(evaluation) && titles.iter().any(plan)
}

/// A plan table's column label read as a line of its own ("Хэрэгжүүлэх арга хэмжээ": measures
/// to carry out): the table's header is there, its rows were not rebuilt. A sentence naming
/// "… хэрэгжүүлэх арга хэмжээний төлөвлөгөө" (a plan's title) is longer.
fn is_plan_column_label(text: &str) -> bool {
    text.lines().any(|l| {
        let l = normalize(l).to_lowercase();
        l.chars().count() <= 40 && l.starts_with("хэрэгжүүлэх арга хэмжээ")
    })
}

/// The last words of a public body's name: office, ministry, department, service, committee,
/// agency, organisation, centre, fund, council, assembly, aimag, district, city, court …
const BODIES: &[&str] = &[
    "газар",
    "яам",
    "хэлтэс",
    "алба",
    "хороо",
    "агентлаг",
    "байгууллага",
    "төв",
    "сан",
    "зөвлөл",
    "хурал",
    "аймаг",
    "дүүрэг",
    "сум",
    "хот",
    "сургууль",
    "эмнэлэг",
    "комисс",
    "шүүх",
    "прокурор",
    "банк",
    "компани",
    "хк",
    "ххк",
    "төхк",
    "удирдлага",
];

fn is_body_name(name: &str) -> bool {
    let last = name
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    BODIES.iter().any(|b| last == *b)
}

/// A line that is a body's name alone ("-Барилга, хот байгуулалтын яам"): a news item's or an
/// evaluation's reporting body, where no letterhead names it.
fn body_line(paragraphs: &[&Paragraph]) -> Option<String> {
    paragraphs
        .iter()
        .flat_map(|p| p.text.lines())
        .find_map(|l| {
            let l = normalize(l);
            let l = l.trim_start_matches(['-', '–', '•', ' ']).trim();
            let words = l.split_whitespace().count();
            ((2..=8).contains(&words) && !l.chars().any(|c| c.is_ascii_digit()) && is_body_name(l))
                .then(|| l.to_string())
        })
}

fn no_plan_table(doc: &Document, path: &str) -> SegmentError {
    SegmentError::NoPlanTable {
        path: path.to_string(),
        n_tables: tables(doc).count(),
        first_text: paragraphs(doc)
            .map(|(_, p)| normalize(&p.text))
            .find(|t| !t.is_empty())
            .unwrap_or_default()
            .chars()
            .take(80)
            .collect(),
    }
}

/// A report of which only the header could be read: partial, its reason said.
fn unknown(
    doc: &Document,
    doc_id: &str,
    path: &str,
    format: SourceFormat,
    header: crate::model::Header,
    problems: Vec<crate::model::Problem>,
    why: &str,
) -> Report {
    let err = no_plan_table(doc, path);
    Report {
        header,
        n_pages: doc.n_pages,
        status: Status::Partial,
        problems,
        ..Report::failed(
            doc_id.to_string(),
            path.to_string(),
            format,
            format!("{err} {why}"),
        )
    }
}

/// The evaluation part of a report without a plan table: its scale, the counts its prose
/// states, the overall percent (the total row's, else the prose's most precise statement).
fn evaluation(
    prose: &prose::ProseOutput,
    band_values: &[f64],
    categories: &[Category],
) -> Evaluation {
    Evaluation {
        bands: band_values
            .iter()
            .map(|v| Band {
                label: format!("{v}"),
                value: Some(*v),
                low: None,
                high: None,
                not_due: false,
            })
            .collect(),
        items: Vec::new(),
        stated_counts: prose.stated_counts.clone(),
        overall_conclusion: total_percent(categories)
            .or_else(|| prose::best_statement(&prose.overall)),
        overall_statements: prose.overall.clone(),
        scale_labels: prose.scale_labels.clone(),
        labelled_percents: prose.labelled_percents.clone(),
        shares: prose.shares.clone(),
    }
}

/// The total row's percent.
fn total_percent(categories: &[Category]) -> Option<crate::model::StatedNumber> {
    categories
        .iter()
        .find(|c| c.level == CategoryLevel::Total)
        .and_then(|c| c.percent.clone())
}

/// "2019 оныг", "2019 ОНЫ", "2019 онд": a year the text speaks of.
static YEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(^|[^-\d])((?:19|20)\d\d)\s+он(?:ыг|ы|д|ын)?\b").expect("valid regex")
});

/// What an evaluation is of: its implementation (хэрэгжилт), fulfilment (биелэлт),
/// evaluation (үнэлгээ) or report (тайлан).
static SUBJECT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)хэрэгжилт|биелэлт|үнэлгээ|тайлан").expect("valid regex")
});

/// The evaluated year: in the first paragraph that names what is evaluated, the last year
/// before that word ("2020-2024 оны хөтөлбөрийн 2023 оны жилийн эцсийн хэрэгжилт": 2023; a
/// year ending a range is the programme's span), else the first year the text gives. An
/// evaluation has no plan title for the header's rule, and a resolution's date ("2016 оны 11
/// дүгээр сарын 03-ны") often comes before its year.
fn evaluated_year(paragraphs: &[&Paragraph]) -> Option<i32> {
    let years = |t: &str, before: usize| -> Vec<i32> {
        YEAR.captures_iter(t)
            .filter(|c| c.get(2).is_some_and(|m| m.start() < before))
            .filter(|c| !t[c.get(2).map_or(0, |m| m.end())..].starts_with('-'))
            .filter_map(|c| c[2].parse().ok())
            .collect()
    };
    paragraphs
        .iter()
        .map(|p| normalize(&p.text))
        .find_map(|t| {
            let at = SUBJECT.find(&t)?.start();
            years(&t, at).last().copied()
        })
        .or_else(|| {
            paragraphs
                .iter()
                .find_map(|p| years(&normalize(&p.text), usize::MAX).first().copied())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(lines: &[&str]) -> Vec<Paragraph> {
        lines
            .iter()
            .map(|l| Paragraph {
                text: l.to_string(),
                ..Default::default()
            })
            .collect()
    }

    #[test]
    fn a_title_is_no_body_a_body_s_name_ends_in_what_it_is() {
        assert!(is_body_name("Барилга, хот байгуулалтын яам"));
        assert!(is_body_name("Говьсүмбэр аймгийн засаг даргын тамгын газар"));
        assert!(!is_body_name(
            "Авлигатай тэмцэх үндэсний хөтөлбөрийн 2019 оны хэрэгжилтийн тайлан"
        ));
        assert!(!is_body_name("Журам батлах тухай"));
        let ps = paragraphs(&[
            "ТАЙЛАН",
            "-Барилга, хот байгуулалтын яам",
            "-2020 оны 01 дүгээр сарын 29",
        ]);
        let refs: Vec<&Paragraph> = ps.iter().collect();
        assert_eq!(
            body_line(&refs).as_deref(),
            Some("Барилга, хот байгуулалтын яам")
        );
    }

    #[test]
    fn an_implementation_report_s_title_unless_a_title_names_an_evaluation() {
        let ps = paragraphs(&[
            "АВЛИГАТАЙ ТЭМЦЭХ ҮНДЭСНИЙ ХӨТӨЛБӨРИЙН\n2019 ОНЫ ХЭРЭГЖИЛТИЙН ТАЙЛАН",
            "Хөтөлбөрийн нэр, огноо, шийдвэрийн дугаар",
        ]);
        assert!(is_plan_report_title(&ps.iter().collect::<Vec<_>>()));
        let ps = paragraphs(&[
            "ДЭД ХӨТӨЛБӨРҮҮДИЙН 2018 ОНЫ ХЭРЭГЖИЛТИЙН ЯВЦАД ХИЙСЭН ХЯНАЛТ-ШИНЖИЛГЭЭ, ҮНЭЛГЭЭНИЙ ТУХАЙ",
            "2018 ОНЫ ХЭРЭГЖИЛТИЙН ТАЙЛАН",
        ]);
        assert!(!is_plan_report_title(&ps.iter().collect::<Vec<_>>()));
    }

    #[test]
    fn the_evaluated_year_is_the_one_named_with_what_is_evaluated() {
        let ps = paragraphs(&[
            "Улсын Их Хурлын 2016 оны 11 дүгээр сарын 03-ны өдрийн 51 дүгээр тогтоол",
            "Засгийн газрын 2020-2024 оны үйл ажиллагааны хөтөлбөрийн 2023 оны жилийн эцсийн хэрэгжилт",
        ]);
        let refs: Vec<&Paragraph> = ps.iter().collect();
        assert_eq!(evaluated_year(&refs), Some(2023));
        let ps = paragraphs(&["Аймаг 2019 оныг “Бүтээн байгуулалтын жил” болгон зарласан."]);
        let refs: Vec<&Paragraph> = ps.iter().collect();
        assert_eq!(evaluated_year(&refs), Some(2019));
    }
}
