//! Rows of each dataset table for one report.
//!
//! Enters: a [`Report`]. Leaves: JSON rows per table, keyed by the column names of
//! schemas/<table>.json (the writer decodes them against that schema in strict mode, so a
//! column missing from the documentation is an error, not a silent extra).

use crate::model::{Report, Source, StatedNumber, Text};
use serde_json::{json, Map, Value};

fn raw_of(t: &Text) -> Value {
    json!(t.raw)
}

fn value(s: &Option<StatedNumber>) -> Value {
    json!(s.as_ref().map(|s| s.value))
}

fn raw(s: &Option<StatedNumber>) -> Value {
    json!(s.as_ref().map(|s| s.raw.clone()))
}

fn place(source: &Source, row: &mut Map<String, Value>) {
    row.insert("line".into(), json!(source.line));
    row.insert("page".into(), json!(source.page));
}

fn evidence(label: &str, s: &Option<StatedNumber>) -> Option<String> {
    s.as_ref()
        .map(|s| format!("{label} {:?} at {}", s.raw, s.source.describe()))
}

/// Rows of every table for one report.
pub fn rows(r: &Report) -> Vec<(&'static str, Vec<Value>)> {
    let year = r.header.year;
    let h = &r.header;
    let report = json!({
        "doc_id": r.doc_id,
        "source_path": r.source_path,
        "source_format": r.source_format.as_str(),
        "report_kind": r.report_kind.as_str(),
        "encoding": r.encoding,
        "agency": h.agency,
        "year": year,
        "letter_no": h.letter_no,
        "report_date": h.letter_date.map(|d| d.to_string()),
        "addressee": h.addressee,
        "title": h.title,
        "signatories": h.signatories.iter().map(|s| json!({"role": s.role, "name": s.name})).collect::<Vec<_>>(),
        "n_pages": r.n_pages,
        "ocr_confidence": r.ocr_confidence,
        "ocr_low_confidence_share": r.ocr_low_confidence_share,
        "n_objectives": r.objectives.len(),
        "n_measures": r.n_measures(),
        "overall_score_stated": r.overall_score_stated().map(|s| s.value),
        "overall_score_table": value(&r.overall_table),
        "overall_score_conclusion": r.evaluation.as_ref().and_then(|e| e.overall_conclusion.as_ref()).map(|s| s.value),
        "overall_score_computed": r.overall_score_computed(),
        "has_evaluation": r.evaluation.is_some(),
        "band_scale": r.evaluation.as_ref().map(|e| e.bands.iter().map(|b| b.label.clone()).collect::<Vec<_>>()),
        "n_findings": r.findings.len(),
        "n_errors": r.findings.iter().filter(|f| f.severity == crate::model::Severity::Error).count(),
        "status": r.status.as_str(),
        "error": r.error,
        "problems": r.problems.iter().map(|p| format!("[{}] {}: {}", p.stage, p.source.describe(), p.message)).collect::<Vec<_>>(),
    });

    let mut objectives = Vec::new();
    let mut measures = Vec::new();
    for o in &r.objectives {
        let mut row = json!({
            "doc_id": r.doc_id,
            "year": year,
            "objective_no": o.objective_no,
            // Filled over the whole dataset by the writer (dataset::with_series).
            "objective_series_id": "",
            "text": o.text.text,
            "text_raw": raw_of(&o.text),
            "n_measures": o.measures.len(),
            "n_measures_stated": o.n_measures_stated.as_ref().map(|s| s.value as i64),
            "score_stated": o.score_stated().map(|s| s.value),
            "score_table": value(&o.score_table),
            "score_self": value(&o.score_self),
            "score_summary": value(&o.score_summary),
            "score_computed": o.score_computed(),
            "band_counts_stated": if o.band_counts_stated.is_empty() { Value::Null } else { json!(o.band_counts_stated) },
            "band_counts_unplaced": o.band_counts_unplaced.as_ref().map(|s| s.raw.clone()),
        });
        place(&o.source, row.as_object_mut().expect("object"));
        objectives.push(row);
        for m in &o.measures {
            let item = m
                .narrative
                .as_ref()
                .and_then(|n| r.evaluation.as_ref().and_then(|e| e.items.get(n.item)));
            let ev: Vec<String> = [
                evidence("table", &m.score_table),
                evidence("narrative", &m.score_narrative),
                evidence("agency's own", &m.score_self),
            ]
            .into_iter()
            .flatten()
            .collect();
            let mut row = json!({
                "doc_id": r.doc_id,
                "year": year,
                "objective_no": m.objective_no,
                "measure_no": m.measure_no,
                "code": m.code,
                "series_id": "",
                "objective_series_id": "",
                "text": m.text.text,
                "text_raw": raw_of(&m.text),
                "target": m.target.text,
                "target_raw": raw_of(&m.target),
                "implementation": m.implementation.text,
                "implementation_raw": raw_of(&m.implementation),
                "text_scope": match m.text_scope { crate::model::TextScope::Measure => "measure", crate::model::TextScope::Row => "row" },
                "table_row": m.table_row,
                "score": m.score,
                "score_source": m.score_source.map(|s| s.as_str()),
                "score_table": value(&m.score_table),
                "score_table_raw": raw(&m.score_table),
                "score_self": value(&m.score_self),
                "score_self_raw": raw(&m.score_self),
                "score_narrative": value(&m.score_narrative),
                "score_narrative_raw": raw(&m.score_narrative),
                "score_evidence": if ev.is_empty() { None } else { Some(ev.join("; ")) },
                "not_due": m.not_due,
                "narrative_text": item.map(|i| i.text.text.clone()),
                "narrative_similarity": m.narrative.as_ref().map(|n| n.similarity),
                "narrative_match": m.narrative.as_ref().map(|n| n.method.clone()),
            });
            place(&m.source, row.as_object_mut().expect("object"));
            measures.push(row);
        }
    }

    let mut items = Vec::new();
    if let Some(e) = &r.evaluation {
        for (i, it) in e.items.iter().enumerate() {
            let matched = r
                .measures()
                .find(|m| m.narrative.as_ref().is_some_and(|n| n.item == i));
            let mut row = json!({
                "doc_id": r.doc_id,
                "year": year,
                "item_no": i,
                "code": it.code,
                "text": it.text.text,
                "score": it.score.as_ref().map(|s| s.value),
                "not_due": it.not_due,
                "heading": it.heading.as_ref().map(|h| h.raw.clone()),
                "heading_low": it.heading.as_ref().map(|h| h.low),
                "heading_high": it.heading.as_ref().map(|h| h.high),
                "matched_code": matched.map(|m| m.code.clone()),
                "similarity": matched.and_then(|m| m.narrative.as_ref()).map(|n| n.similarity),
                "raw": it.raw,
            });
            place(&it.source, row.as_object_mut().expect("object"));
            items.push(row);
        }
    }

    let metrics: Vec<Value> = r
        .metrics
        .iter()
        .map(|m| {
            json!({
                "doc_id": r.doc_id,
                "year": year,
                "objective_no": m.objective_no,
                "measure_no": m.measure_no,
                "code": m.code,
                "field": m.field,
                "value": m.value,
                "unit": m.unit.as_str(),
                "noun": m.noun,
                "qualifier": m.qualifier.map(|q| q.as_str()),
                "raw": m.raw,
                "offset": m.offset,
                "line": m.source.line,
                "page": m.source.page,
            })
        })
        .collect();
    let findings: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            json!({
                "doc_id": r.doc_id,
                "year": year,
                "kind": f.kind.as_str(),
                "severity": f.severity.as_str(),
                "objective_no": f.objective_no,
                "measure_no": f.measure_no,
                "code": f.code,
                "message": f.message,
                "message_mn": f.message_mn,
                "stated": f.stated,
                "expected": f.expected,
                "evidence": f.evidence.iter().map(|e| json!({"what": e.what, "what_mn": e.what_mn, "boxes": e.boxes, "raw": e.raw, "line": e.source.line, "page": e.source.page})).collect::<Vec<_>>(),
            })
        })
        .collect();

    let (categories, band_counts) = category_rows(r);
    vec![
        ("reports", vec![report]),
        ("objectives", objectives),
        ("measures", measures),
        ("narrative_items", items),
        ("metrics", metrics),
        ("findings", findings),
        ("categories", categories),
        ("band_counts", band_counts),
    ]
}

/// Rows of `categories` and `band_counts`.
fn category_rows(r: &Report) -> (Vec<Value>, Vec<Value>) {
    let year = r.header.year;
    let count = |s: &Option<StatedNumber>| json!(s.as_ref().map(|s| s.value as i64));
    let mut categories = Vec::new();
    let mut bands = Vec::new();
    for (i, c) in r.categories.iter().enumerate() {
        let computed = c.percent_computed();
        let rounding = match (&c.percent, computed) {
            (Some(p), Some(exact)) => Some(crate::scoring::printed_as(p, exact)),
            _ => None,
        };
        let mut row = json!({
            "doc_id": r.doc_id,
            "year": year,
            "category_no": i,
            "level": c.level.as_str(),
            "code": c.code,
            "name": c.name,
            "n_items_stated": count(&c.n_items),
            "n_done": count(&c.n_done),
            "n_in_progress": count(&c.n_in_progress),
            "n_broken": count(&c.n_broken),
            "n_not_due": count(&c.n_not_due),
            "n_not_evaluable": count(&c.n_not_evaluable),
            "percent_stated": value(&c.percent),
            "percent_raw": raw(&c.percent),
            "percent_computed": computed,
            "rounding": rounding,
            "unplaced": c.unplaced,
            "raw": c.raw,
        });
        place(&c.source, row.as_object_mut().expect("object"));
        categories.push(row);
        for b in &c.bands {
            let mut row = json!({
                "doc_id": r.doc_id,
                "year": year,
                "category_no": i,
                "category_code": c.code,
                "level": c.level.as_str(),
                "band": b.band,
                "count": b.count.value as i64,
                "raw": b.count.raw,
            });
            place(&b.count.source, row.as_object_mut().expect("object"));
            bands.push(row);
        }
    }
    (categories, bands)
}
