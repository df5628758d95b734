//! Year over year: a dataset read back and laid out per agency and year.
//!
//! Enters: a dataset folder (reports, objectives, measures, findings). Leaves: a [`Yoy`] view:
//! per agency, each year's overall score and its change, findings counts, objectives and
//! measures (grouped by their series) with scores by year, changes, drops of
//! [`DROP_POINTS`] or more flagged, measures that appeared or vanished; and the biggest drops
//! over all agencies. Rendering (terminal, CSV, JSON, HTML) is in [`crate::view::yoy`].

use crate::dataset::read::{floats, ints, read_table_columns, strings};
use crate::error::DatasetError;
use crate::model::Message;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A fall of this many points or more from one report year to the next is flagged.
pub const DROP_POINTS: f64 = 10.0;

#[derive(Debug, Clone, Serialize)]
pub struct YearRow {
    pub year: i32,
    /// plan_report, evaluation_summary, prose_evaluation (see reports.report_kind).
    pub report_kind: String,
    pub doc_id: String,
    pub source_path: String,
    pub overall: Option<f64>,
    pub change: Option<f64>,
    pub drop: bool,
    pub n_measures: i64,
    pub n_findings: i64,
    pub n_errors: i64,
}

/// One objective or measure series of an agency, year by year.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesRow {
    pub series_id: String,
    /// Code (measure "N.M") or number (objective) in the latest year it appears.
    pub code: String,
    /// Text in the latest year it appears.
    pub text: String,
    pub years: BTreeMap<i32, Cell>,
    /// Report years it first appears in after the agency's first year (added).
    pub appeared: Vec<i32>,
    /// Report years it is missing from after being in the year before (dropped).
    pub vanished: Vec<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub code: String,
    pub score: Option<f64>,
    /// Change from the agency's previous report year, when the series has a score in both.
    pub change: Option<f64>,
    pub drop: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgencyView {
    pub agency: String,
    pub years: Vec<YearRow>,
    pub objectives: Vec<SeriesRow>,
    pub measures: Vec<SeriesRow>,
    /// Other reports of a year already shown (duplicates, revisions): not in the view.
    pub notes: Vec<Message>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Drop {
    pub agency: String,
    /// "overall", "objective" or "measure".
    pub level: &'static str,
    pub series_id: Option<String>,
    pub code: Option<String>,
    pub text: Option<String>,
    pub from_year: i32,
    pub to_year: i32,
    pub from: f64,
    pub to: f64,
    pub change: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Yoy {
    pub dataset: String,
    pub agencies: Vec<AgencyView>,
    /// Every flagged drop, largest first.
    pub drops: Vec<Drop>,
    /// Reports left out (no agency or no year, failed).
    pub notes: Vec<Message>,
}

struct Report {
    doc_id: String,
    source_path: String,
    agency: String,
    year: i32,
    report_kind: String,
    overall: Option<f64>,
    n_measures: i64,
    n_findings: i64,
    n_errors: i64,
}

/// A row of objectives or measures: (doc, series, code, text, score).
struct Item {
    doc_id: String,
    series_id: String,
    code: String,
    text: String,
    score: Option<f64>,
}

fn round1(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Read the dataset at `dir` and lay it out year over year.
pub fn build(dir: &Path) -> Result<Yoy, DatasetError> {
    let reports = read_table_columns(
        dir,
        "reports",
        Some(&[
            "doc_id",
            "source_path",
            "agency",
            "year",
            "overall_score_stated",
            "overall_score_computed",
            "n_measures",
            "n_findings",
            "n_errors",
            "status",
            "report_kind",
        ]),
    )?;
    let mut notes = Vec::new();
    let ids = strings(&reports, "doc_id");
    let paths = strings(&reports, "source_path");
    let agencies = strings(&reports, "agency");
    let years = ints(&reports, "year");
    let stated = floats(&reports, "overall_score_stated");
    let computed = floats(&reports, "overall_score_computed");
    let n_measures = ints(&reports, "n_measures");
    let n_findings = ints(&reports, "n_findings");
    let n_errors = ints(&reports, "n_errors");
    let status = strings(&reports, "status");
    let kinds = strings(&reports, "report_kind");
    let mut all = Vec::new();
    for i in 0..reports.num_rows() {
        let (Some(agency), Some(year)) = (agencies[i].clone(), years[i]) else {
            let path = paths[i].clone().unwrap_or_default();
            let st = status[i].clone().unwrap_or_default();
            let (what, what_mn) = if agencies[i].is_none() {
                ("agency", "байгууллага")
            } else {
                ("year", "он")
            };
            notes.push(Message::new(
                format!("{path}: left out: no {what} ({st})"),
                format!("{path}: орхисон: {what_mn} тодорхойгүй ({st})"),
            ));
            continue;
        };
        all.push(Report {
            doc_id: ids[i].clone().unwrap_or_default(),
            source_path: paths[i].clone().unwrap_or_default(),
            agency,
            year: year as i32,
            report_kind: kinds[i].clone().unwrap_or_default(),
            overall: stated[i].or(computed[i]),
            n_measures: n_measures[i].unwrap_or(0),
            n_findings: n_findings[i].unwrap_or(0),
            n_errors: n_errors[i].unwrap_or(0),
        });
    }

    let objectives = read_table_columns(
        dir,
        "objectives",
        Some(&[
            "doc_id",
            "objective_series_id",
            "objective_no",
            "text",
            "score_stated",
            "score_computed",
        ]),
    )?;
    let o_stated = floats(&objectives, "score_stated");
    let o_computed = floats(&objectives, "score_computed");
    let objective_items: Vec<Item> = {
        let doc = strings(&objectives, "doc_id");
        let series = strings(&objectives, "objective_series_id");
        let no = ints(&objectives, "objective_no");
        let text = strings(&objectives, "text");
        (0..objectives.num_rows())
            .map(|i| Item {
                doc_id: doc[i].clone().unwrap_or_default(),
                series_id: series[i].clone().unwrap_or_default(),
                code: no[i].map(|n| n.to_string()).unwrap_or_default(),
                text: text[i].clone().unwrap_or_default(),
                score: o_stated[i].or(o_computed[i]),
            })
            .collect()
    };
    let measures = read_table_columns(
        dir,
        "measures",
        Some(&["doc_id", "series_id", "code", "text", "score"]),
    )?;
    let measure_items: Vec<Item> = {
        let doc = strings(&measures, "doc_id");
        let series = strings(&measures, "series_id");
        let code = strings(&measures, "code");
        let text = strings(&measures, "text");
        let score = floats(&measures, "score");
        (0..measures.num_rows())
            .map(|i| Item {
                doc_id: doc[i].clone().unwrap_or_default(),
                series_id: series[i].clone().unwrap_or_default(),
                code: code[i].clone().unwrap_or_default(),
                text: text[i].clone().unwrap_or_default(),
                score: score[i],
            })
            .collect()
    };

    // Group reports by agency (folded name), one report per year.
    // Agencies as series link them: names differing by a misread letter are one agency.
    let keys = crate::series::agency_keys(
        &all.iter()
            .map(|r| Some(r.agency.as_str()))
            .collect::<Vec<_>>(),
    );
    let mut by_agency: BTreeMap<String, Vec<&Report>> = BTreeMap::new();
    for (r, key) in all.iter().zip(keys) {
        by_agency
            .entry(key.unwrap_or_default())
            .or_default()
            .push(r);
    }
    let mut views = Vec::new();
    for (_, mut rs) in by_agency {
        // Per year, the report with the most measures (then the first doc_id) is shown.
        rs.sort_by(|a, b| {
            a.year
                .cmp(&b.year)
                .then(b.n_measures.cmp(&a.n_measures))
                .then(a.doc_id.cmp(&b.doc_id))
        });
        let mut shown: Vec<&Report> = Vec::new();
        let mut agency_notes = Vec::new();
        for r in rs {
            match shown.last() {
                Some(last) if last.year == r.year => agency_notes.push(Message::new(
                    format!(
                        "{}: another {} report of this agency ({}); the one from {} is shown",
                        r.source_path, r.year, r.doc_id, last.source_path
                    ),
                    format!(
                        "{}: энэ байгууллагын {} оны өөр нэг тайлан ({}); {}-ийнхийг харуулав",
                        r.source_path, r.year, r.doc_id, last.source_path
                    ),
                )),
                _ => shown.push(r),
            }
        }
        views.push(agency_view(
            &shown,
            &objective_items,
            &measure_items,
            agency_notes,
        ));
    }
    views.sort_by(|a, b| a.agency.cmp(&b.agency));
    let drops = drops(&views);
    Ok(Yoy {
        dataset: dir.display().to_string(),
        agencies: views,
        drops,
        notes,
    })
}

/// One member of a series, for `biyelelt series --explain`.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub series_id: String,
    pub level: &'static str,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub doc_id: String,
    pub code: String,
    pub text: String,
    pub score: Option<f64>,
    pub link: Option<String>,
    pub similarity: Option<f64>,
    pub method: Option<String>,
}

/// The members of a measure or objective series (`id`, or an id a merge retired: its
/// series now), by year; with `id` None, the members of every series.
pub fn series_members(dir: &Path, id: Option<&str>) -> Result<Vec<Member>, DatasetError> {
    let manifest = crate::dataset::read_manifest(dir)?;
    let reports = read_table_columns(dir, "reports", Some(&["doc_id", "agency"]))?;
    let agency_of: BTreeMap<String, Option<String>> = strings(&reports, "doc_id")
        .into_iter()
        .map(Option::unwrap_or_default)
        .zip(strings(&reports, "agency"))
        .collect();
    let mut out = Vec::new();
    for (level, table, id_col, code_col, score_col) in [
        ("measure", "measures", "series_id", "code", "score"),
        (
            "objective",
            "objectives",
            "objective_series_id",
            "objective_no",
            "score_stated",
        ),
    ] {
        let b = read_table_columns(
            dir,
            table,
            Some(&[
                id_col,
                "doc_id",
                "year",
                code_col,
                "text",
                score_col,
                "series_link",
                "series_similarity",
                "series_method",
            ]),
        )?;
        let ids = strings(&b, id_col);
        let docs = strings(&b, "doc_id");
        let years = ints(&b, "year");
        let codes: Vec<String> = if code_col == "code" {
            strings(&b, code_col)
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect()
        } else {
            ints(&b, code_col)
                .into_iter()
                .map(|n| n.map(|n| n.to_string()).unwrap_or_default())
                .collect()
        };
        let texts = strings(&b, "text");
        let scores = floats(&b, score_col);
        let links = strings(&b, "series_link");
        let sims = floats(&b, "series_similarity");
        let methods = strings(&b, "series_method");
        let id = id.map(|id| manifest.current_series_id(table, id));
        for i in 0..b.num_rows() {
            let sid = ids[i].clone().unwrap_or_default();
            if id.is_some_and(|id| id != sid) {
                continue;
            }
            let doc = docs[i].clone().unwrap_or_default();
            out.push(Member {
                series_id: sid,
                level,
                agency: agency_of.get(&doc).cloned().flatten(),
                year: years[i].map(|y| y as i32),
                doc_id: doc,
                code: codes[i].clone(),
                text: texts[i].clone().unwrap_or_default(),
                score: scores[i],
                link: links[i].clone(),
                similarity: sims[i],
                method: methods[i].clone(),
            });
        }
    }
    out.sort_by(|a, b| (&a.series_id, a.year, &a.doc_id).cmp(&(&b.series_id, b.year, &b.doc_id)));
    Ok(out)
}

fn agency_view(
    shown: &[&Report],
    objective_items: &[Item],
    measure_items: &[Item],
    notes: Vec<Message>,
) -> AgencyView {
    let agency = shown.last().map(|r| r.agency.clone()).unwrap_or_default();
    let mut years = Vec::new();
    let mut previous: Option<f64> = None;
    for r in shown {
        let change = match (previous, r.overall) {
            (Some(p), Some(o)) => Some(round1(o - p)),
            _ => None,
        };
        years.push(YearRow {
            year: r.year,
            report_kind: r.report_kind.clone(),
            doc_id: r.doc_id.clone(),
            source_path: r.source_path.clone(),
            overall: r.overall,
            change,
            drop: change.is_some_and(|c| c <= -DROP_POINTS),
            n_measures: r.n_measures,
            n_findings: r.n_findings,
            n_errors: r.n_errors,
        });
        previous = r.overall.or(previous);
    }
    let year_of: BTreeMap<&str, i32> = shown.iter().map(|r| (r.doc_id.as_str(), r.year)).collect();
    // Objectives and measures are compared over the years whose report has a plan table: an
    // evaluation without one drops none of them.
    let report_years: Vec<i32> = shown
        .iter()
        .filter(|r| r.n_measures > 0)
        .map(|r| r.year)
        .collect();
    AgencyView {
        agency,
        objectives: series_rows(objective_items, &year_of, &report_years),
        measures: series_rows(measure_items, &year_of, &report_years),
        years,
        notes,
    }
}

fn series_rows(
    items: &[Item],
    year_of: &BTreeMap<&str, i32>,
    report_years: &[i32],
) -> Vec<SeriesRow> {
    let mut by_series: BTreeMap<&str, BTreeMap<i32, &Item>> = BTreeMap::new();
    for it in items {
        if let Some(&y) = year_of.get(it.doc_id.as_str()) {
            by_series.entry(&it.series_id).or_default().insert(y, it);
        }
    }
    let mut rows: Vec<SeriesRow> = by_series
        .into_iter()
        .map(|(series_id, by_year)| {
            let (_, latest) = by_year.iter().next_back().expect("a series has a member");
            let mut cells = BTreeMap::new();
            let mut appeared = Vec::new();
            let mut vanished = Vec::new();
            for (k, &y) in report_years.iter().enumerate() {
                let prev_year = k.checked_sub(1).map(|p| report_years[p]);
                let here = by_year.get(&y);
                let before = prev_year.and_then(|p| by_year.get(&p));
                match (here, prev_year) {
                    (Some(_), Some(_)) if before.is_none() => appeared.push(y),
                    (None, Some(_)) if before.is_some() => vanished.push(y),
                    _ => {}
                }
                if let Some(it) = here {
                    let change = match (before.and_then(|b| b.score), it.score) {
                        (Some(b), Some(s)) => Some(round1(s - b)),
                        _ => None,
                    };
                    cells.insert(
                        y,
                        Cell {
                            code: it.code.clone(),
                            score: it.score,
                            change,
                            drop: change.is_some_and(|c| c <= -DROP_POINTS),
                        },
                    );
                }
            }
            SeriesRow {
                series_id: series_id.to_string(),
                code: latest.code.clone(),
                text: latest.text.clone(),
                years: cells,
                appeared,
                vanished,
            }
        })
        .collect();
    // In plan order: by the code of the first year it appears, then the latest code.
    let key = |r: &SeriesRow| {
        let first = r
            .years
            .values()
            .next()
            .map(|c| c.code.clone())
            .unwrap_or_default();
        let parts: Vec<u32> = first.split('.').filter_map(|p| p.parse().ok()).collect();
        (parts, r.years.keys().next().copied(), r.series_id.clone())
    };
    rows.sort_by_key(key);
    rows
}

fn drops(views: &[AgencyView]) -> Vec<Drop> {
    let mut out = Vec::new();
    for v in views {
        let years: Vec<i32> = v.years.iter().map(|y| y.year).collect();
        let prev = |y: i32| years.iter().rev().find(|&&p| p < y).copied();
        for (i, y) in v.years.iter().enumerate() {
            if y.drop {
                let before = v.years[..i]
                    .iter()
                    .rev()
                    .find_map(|p| p.overall.map(|o| (p.year, o)));
                if let (Some((from_year, from)), Some(to)) = (before, y.overall) {
                    out.push(Drop {
                        agency: v.agency.clone(),
                        level: "overall",
                        series_id: None,
                        code: None,
                        text: None,
                        from_year,
                        to_year: y.year,
                        from,
                        to,
                        change: round1(to - from),
                    });
                }
            }
        }
        for (level, rows) in [("objective", &v.objectives), ("measure", &v.measures)] {
            for r in rows {
                for (&y, c) in &r.years {
                    if !c.drop {
                        continue;
                    }
                    let Some(py) = prev(y) else { continue };
                    let (Some(from), Some(to)) = (r.years.get(&py).and_then(|p| p.score), c.score)
                    else {
                        continue;
                    };
                    out.push(Drop {
                        agency: v.agency.clone(),
                        level,
                        series_id: Some(r.series_id.clone()),
                        code: Some(c.code.clone()),
                        text: Some(r.text.clone()),
                        from_year: py,
                        to_year: y,
                        from,
                        to,
                        change: round1(to - from),
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| {
        a.change
            .total_cmp(&b.change)
            .then(a.agency.cmp(&b.agency))
            .then(a.to_year.cmp(&b.to_year))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(doc: &str, series: &str, code: &str, score: Option<f64>) -> Item {
        Item {
            doc_id: doc.into(),
            series_id: series.into(),
            code: code.into(),
            text: format!("text {code}"),
            score,
        }
    }

    #[test]
    fn changes_drops_appeared_and_vanished() {
        let items = vec![
            item("a", "S1", "1.1", Some(100.0)),
            item("b", "S1", "1.1", Some(85.0)),
            item("c", "S1", "1.1", Some(90.0)),
            item("a", "S2", "1.2", Some(100.0)),
            item("b", "S2", "1.2", Some(95.0)),
            item("b", "S3", "1.3", Some(40.0)),
            item("c", "S3", "1.2", Some(70.0)),
        ];
        let year_of = BTreeMap::from([("a", 2019), ("b", 2020), ("c", 2021)]);
        let rows = series_rows(&items, &year_of, &[2019, 2020, 2021]);
        let s1 = rows.iter().find(|r| r.series_id == "S1").unwrap();
        assert_eq!(s1.years[&2020].change, Some(-15.0));
        assert!(s1.years[&2020].drop);
        assert!(!s1.years[&2021].drop);
        let s2 = rows.iter().find(|r| r.series_id == "S2").unwrap();
        assert_eq!(s2.vanished, vec![2021]);
        assert!(!s2.years[&2020].drop, "a 5-point fall is not flagged");
        let s3 = rows.iter().find(|r| r.series_id == "S3").unwrap();
        assert_eq!(s3.appeared, vec![2020]);
        assert_eq!(s3.code, "1.2", "latest code shown");
        assert_eq!(s3.years[&2021].change, Some(30.0));
    }
}
