//! The series columns of the objectives and measures tables, over every report of a dataset.
//!
//! Enters: each report's objectives and measures rows (doc_id, objective_no, code, text), with
//! the report's agency and year: from new reports as they are written, from kept reports out
//! of the dataset's files. Leaves: [`Assigned`], which fills the series columns of a batch of
//! either table whose rows are grouped by report ([`Assigned::apply`]).
//!
//! Only what [`crate::series`] compares is kept per row, so the writer can hold every row of
//! an archive here while the rows themselves stream to disk.

use super::read;
use crate::error::DatasetError;
use crate::series::ids::{stable_ids, Ids};
use crate::series::{assign_updating, member_key, series_id, Assignment, JoinState, Link, Member};
use ahash::{HashMap, HashMapExt};
use arrow::array::{Array, ArrayRef, Float64Array, RecordBatch, StringArray};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Tables whose rows carry series columns.
pub(super) const SERIES_TABLES: &[&str] = &["objectives", "measures"];

/// Columns read from a kept report's files to compare it.
pub(super) fn needed_columns(table: &str) -> &'static [&'static str] {
    match table {
        "objectives" => &["doc_id", "objective_no", "text", "objective_series_id"],
        _ => &["doc_id", "objective_no", "code", "text", "series_id"],
    }
}

/// The columns [`Assigned::apply`] fills, with doc_id (which it reads).
pub(super) fn written_columns(table: &str) -> Vec<&'static str> {
    let mut columns = vec![
        "doc_id",
        "series_link",
        "series_similarity",
        "series_method",
        "objective_series_id",
    ];
    if table == "measures" {
        columns.push("series_id");
    }
    columns
}

/// The column holding a row's own series id.
fn id_column(table: &str) -> &'static str {
    match table {
        "objectives" => "objective_series_id",
        _ => "series_id",
    }
}

struct Doc {
    doc_id: Arc<str>,
    agency: Option<Arc<str>>,
    year: Option<i32>,
}

/// One row, 32 bytes: an archive has hundreds of thousands, held until the series are linked.
struct Row {
    objective_no: i64,
    /// Index into `Collector::docs`.
    doc: u32,
    /// Measure code ("N.M"); an objective's number (index into `Collector::codes`).
    code: u32,
    /// Index into `Collector::texts`: a measure's text recurs over years and agencies.
    text: u32,
    /// The series id the row had in the dataset before (index into `Collector::carried`).
    carried: Option<u32>,
}

/// Distinct strings and their indices: texts, codes and series ids recur across an archive.
#[derive(Default)]
struct Strings {
    list: Vec<Arc<str>>,
    index: HashMap<Arc<str>, u32>,
}

impl Strings {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let shared: Arc<str> = Arc::from(s);
        self.list.push(shared.clone());
        self.index.insert(shared, self.list.len() as u32 - 1);
        self.list.len() as u32 - 1
    }

    fn get(&self, i: u32) -> &str {
        &self.list[i as usize]
    }
}

/// Rows of both tables, as they arrive.
#[derive(Default)]
pub(super) struct Collector {
    docs: Vec<Doc>,
    doc_index: HashMap<Arc<str>, usize>,
    agencies: HashMap<String, Arc<str>>,
    texts: Strings,
    codes: Strings,
    /// Distinct series ids carried by kept rows.
    carried: Strings,
    objectives: Vec<Row>,
    measures: Vec<Row>,
}

impl Collector {
    fn doc(&mut self, doc_id: &str, agency: Option<&str>, year: Option<i32>) -> usize {
        if let Some(&i) = self.doc_index.get(doc_id) {
            return i;
        }
        let agency = agency.map(|a| {
            self.agencies
                .entry(a.to_string())
                .or_insert_with(|| Arc::from(a))
                .clone()
        });
        let doc_id: Arc<str> = Arc::from(doc_id);
        self.docs.push(Doc {
            doc_id: doc_id.clone(),
            agency,
            year,
        });
        self.doc_index.insert(doc_id, self.docs.len() - 1);
        self.docs.len() - 1
    }

    /// Take the rows of `batch` (one table, rows of a report together); `meta` gives a
    /// report's agency and year.
    pub(super) fn add(
        &mut self,
        table: &str,
        batch: &RecordBatch,
        meta: impl Fn(&str) -> (Option<String>, Option<i32>),
    ) {
        let doc_ids = read::string_column(batch, "doc_id");
        let numbers = read::ints(batch, "objective_no");
        let texts = read::string_column(batch, "text");
        let codes = (table == "measures").then(|| read::string_column(batch, "code"));
        // New rows have an empty id until they are linked.
        let carried = (batch.schema().index_of(id_column(table)).is_ok())
            .then(|| read::string_column(batch, id_column(table)));
        let mut last: Option<(&str, usize)> = None;
        for (row, no) in numbers.into_iter().enumerate() {
            fn value(a: Option<&StringArray>, row: usize) -> Option<&str> {
                a.filter(|a| a.is_valid(row)).map(|a| a.value(row))
            }
            let doc_id = value(Some(doc_ids), row).unwrap_or_default();
            let (text, code) = (value(Some(texts), row), value(codes, row));
            let carried = value(carried, row);
            let doc = match last {
                Some((id, i)) if id == doc_id => i,
                _ => {
                    let (agency, year) = meta(doc_id);
                    let i = self.doc(doc_id, agency.as_deref(), year);
                    last = Some((doc_id, i));
                    i
                }
            };
            let objective_no = no.unwrap_or_default();
            let text = self.texts.id(text.unwrap_or_default());
            let code = match table {
                "objectives" => self.codes.id(&objective_no.to_string()),
                _ => self.codes.id(code.unwrap_or_default()),
            };
            let carried = carried
                .filter(|id| !id.is_empty())
                .map(|id| self.carried.id(id));
            let row = Row {
                doc: doc as u32,
                objective_no,
                code,
                text,
                carried,
            };
            if table == "objectives" {
                self.objectives.push(row);
            } else {
                self.measures.push(row);
            }
        }
    }

    /// Link the series of both tables; `before` gives each table's join state of the last
    /// write (by table name), asked for as the table is linked (one state in memory at a
    /// time); the result holds the new ones. Long runs of link candidates wait in a file in
    /// `spill` (the staging folder) while the links are taken.
    pub(super) fn assign(
        self,
        mut before: impl FnMut(&str) -> Option<JoinState>,
        spill: &std::path::Path,
    ) -> Result<(Assigned, BTreeMap<&'static str, JoinState>), DatasetError> {
        let io = |source| DatasetError::Io {
            path: spill.to_path_buf(),
            source,
        };
        let objective_text: HashMap<(u32, i64), &str> = self
            .objectives
            .iter()
            .map(|r| ((r.doc, r.objective_no), self.texts.get(r.text)))
            .collect();
        let (objective_series, objective_join) = assign_updating(
            members(&self, &self.objectives, None),
            before("objectives"),
            Some(spill),
        )
        .map_err(io)?;
        let (measure_series, measure_join) = assign_updating(
            members(&self, &self.measures, Some(&objective_text)),
            before("measures"),
            Some(spill),
        )
        .map_err(io)?;
        let objective_id: HashMap<(u32, i64), usize> = self
            .objectives
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.doc, r.objective_no), i))
            .collect();
        let objective_of_measure: Vec<Option<usize>> = self
            .measures
            .iter()
            .map(|r| objective_id.get(&(r.doc, r.objective_no)).copied())
            .collect();
        drop(objective_text);
        let (docs, codes, carried) = (&self.docs, &self.codes, &self.carried);
        let objectives = TableSeries::new(docs, self.objectives, objective_series, codes, carried);
        let measures = TableSeries::new(docs, self.measures, measure_series, codes, carried);
        let assigned = Assigned {
            docs: self.docs,
            objectives,
            measures,
            objective_of_measure,
        };
        let joins = BTreeMap::from([("objectives", objective_join), ("measures", measure_join)]);
        Ok((assigned, joins))
    }
}

/// Rows as series members; a measure's context is its objective's text.
fn members<'a>(
    collected: &'a Collector,
    rows: &'a [Row],
    objective_text: Option<&HashMap<(u32, i64), &'a str>>,
) -> Vec<Member<'a>> {
    rows.iter()
        .map(|r| {
            let d = &collected.docs[r.doc as usize];
            Member {
                doc_id: &d.doc_id,
                agency: d.agency.as_deref(),
                year: d.year,
                code: Cow::Borrowed(collected.codes.get(r.code)),
                number: r.objective_no,
                text: collected.texts.get(r.text),
                context: objective_text
                    .map(|t| t.get(&(r.doc, r.objective_no)).copied().unwrap_or_default()),
            }
        })
        .collect()
}

struct TableSeries {
    /// doc_id → index of the report's first row.
    start: HashMap<Arc<str>, usize>,
    /// Each row's report and code (measures: "N.M"; objectives: the number).
    rows: Vec<(usize, Arc<str>)>,
    series: Vec<Assignment>,
    /// Each series' id, kept from before where its members carried one.
    ids: Ids,
}

impl TableSeries {
    fn new(
        docs: &[Doc],
        rows: Vec<Row>,
        series: Vec<Assignment>,
        codes: &Strings,
        carried: &Strings,
    ) -> Self {
        let mut start = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            start
                .entry(docs[r.doc as usize].doc_id.clone())
                .or_insert(i);
        }
        let was: Vec<Option<&str>> = rows
            .iter()
            .map(|r| r.carried.map(|k| carried.get(k)))
            .collect();
        let rows: Vec<(usize, Arc<str>)> = rows
            .into_iter()
            .map(|r| (r.doc as usize, codes.list[r.code as usize].clone()))
            .collect();
        // Earliest first as the series are named: year, report, code.
        let key = |i: usize| {
            let (doc, code) = &rows[i];
            let d = &docs[*doc];
            (d.year.unwrap_or(i32::MAX), &*d.doc_id, &**code)
        };
        let ids = stable_ids(
            &series,
            &was,
            |a, b| key(a).cmp(&key(b)),
            |i| series_id(&docs[rows[i].0].doc_id, &rows[i].1),
        );
        TableSeries {
            start,
            rows,
            series,
            ids,
        }
    }

    /// The dataset's name of member `i`: its report and code.
    fn key<'a>(&'a self, docs: &'a [Doc], i: usize) -> (&'a str, &'a str) {
        let (doc, code) = &self.rows[i];
        (&docs[*doc].doc_id, code)
    }

    fn series_id(&self, i: usize) -> &str {
        &self.ids.of_first[&self.series[i].first]
    }
}

/// Series of every row of both tables.
pub(super) struct Assigned {
    docs: Vec<Doc>,
    objectives: TableSeries,
    measures: TableSeries,
    /// For each measure row, its objective's row.
    objective_of_measure: Vec<Option<usize>>,
}

impl Assigned {
    /// Ids a merge of series retired in this write, per table: retired id → id now.
    pub(super) fn aliases(&self) -> [(&'static str, &BTreeMap<String, String>); 2] {
        [
            ("objectives", &self.objectives.ids.aliases),
            ("measures", &self.measures.ids.aliases),
        ]
    }

    /// `batch` (rows of `table`, each report's rows together and in the order they were
    /// collected) with its series columns filled.
    pub(super) fn apply(
        &self,
        table: &str,
        batch: &RecordBatch,
    ) -> Result<RecordBatch, DatasetError> {
        let t = if table == "objectives" {
            &self.objectives
        } else {
            &self.measures
        };
        let doc_ids = read::strings(batch, "doc_id");
        let mut rows = Vec::with_capacity(doc_ids.len());
        let mut current: Option<(&str, usize)> = None;
        for doc_id in &doc_ids {
            let doc_id = doc_id.as_deref().unwrap_or_default();
            let i = match current {
                Some((d, i)) if d == doc_id => i + 1,
                _ => *t.start.get(doc_id).ok_or_else(|| DatasetError::Manifest {
                    path: doc_id.into(),
                    detail: format!("{table} rows of this report were not linked to series"),
                })?,
            };
            current = Some((doc_id, i));
            rows.push(i);
        }
        let docs = &self.docs;
        let ids: ArrayRef = Arc::new(StringArray::from_iter_values(
            rows.iter().map(|&i| t.series_id(i)),
        ));
        let links: Vec<Option<Link>> = rows.iter().map(|&i| t.series[i].link).collect();
        let keys: ArrayRef = Arc::new(StringArray::from_iter(links.iter().map(|l| {
            l.map(|l| {
                let (doc_id, code) = t.key(docs, l.member as usize);
                member_key(doc_id, code)
            })
        })));
        let sims: ArrayRef = Arc::new(Float64Array::from_iter(
            links.iter().map(|l| l.map(|l| l.similarity)),
        ));
        let methods: ArrayRef = Arc::new(StringArray::from_iter(
            links.iter().map(|l| l.map(|l| l.rule.as_str())),
        ));
        let mut columns = vec![
            ("series_link", keys),
            ("series_similarity", sims),
            ("series_method", methods),
        ];
        if table == "objectives" {
            columns.push(("objective_series_id", ids));
        } else {
            let objective_ids: ArrayRef =
                Arc::new(StringArray::from_iter_values(rows.iter().map(|&i| {
                    self.objective_of_measure[i]
                        .map(|o| self.objectives.series_id(o))
                        .unwrap_or_default()
                })));
            columns.push(("series_id", ids));
            columns.push(("objective_series_id", objective_ids));
        }
        read::with_columns(batch, columns).map_err(|source| DatasetError::Arrow {
            table: table.into(),
            source,
        })
    }
}
