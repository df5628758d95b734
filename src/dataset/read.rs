//! Reading the dataset back: one Parquet file, or one table across all reports of a manifest.
//!
//! Enters: a dataset folder (or file path). Leaves: Arrow record batches and typed columns,
//! for the writer (series are recomputed over kept reports) and for `yoy` / `series`.

use super::{read_manifest, schema};
use crate::error::DatasetError;
use arrow::array::{
    ArrayRef, BooleanArray, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray,
};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;
use std::path::Path;

/// All rows of one Parquet file as one batch.
pub fn read_file(path: &Path) -> Result<RecordBatch, DatasetError> {
    read_projected(path, None)
}

/// Some columns (by name) of one Parquet file as one batch.
pub fn read_file_columns(path: &Path, columns: &[&str]) -> Result<RecordBatch, DatasetError> {
    read_projected(path, Some(columns))
}

fn read_projected(path: &Path, columns: Option<&[&str]>) -> Result<RecordBatch, DatasetError> {
    let perr = |source| DatasetError::Parquet {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(|source| DatasetError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(perr)?;
    if let Some(columns) = columns {
        let mask = ProjectionMask::columns(builder.parquet_schema(), columns.iter().copied());
        builder = builder.with_projection(mask);
    }
    let reader = builder.build().map_err(perr)?;
    let schema = arrow::record_batch::RecordBatchReader::schema(&reader);
    let batches = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|source| DatasetError::Arrow {
            table: path.display().to_string(),
            source,
        })?;
    arrow::compute::concat_batches(&schema, &batches).map_err(|source| DatasetError::Arrow {
        table: path.display().to_string(),
        source,
    })
}

/// One table over every report of the dataset at `dir`, in partition then doc_id order.
pub fn read_table(dir: &Path, table: &str) -> Result<RecordBatch, DatasetError> {
    read_table_columns(dir, table, None)
}

/// Some columns of one table (all when `columns` is None) over the dataset at `dir`: only those
/// columns are decoded.
pub fn read_table_columns(
    dir: &Path,
    table: &str,
    columns: Option<&[&str]>,
) -> Result<RecordBatch, DatasetError> {
    let manifest = read_manifest(dir)?;
    if manifest.docs.is_empty() && !dir.join(super::MANIFEST).exists() {
        return Err(DatasetError::NoDataset {
            path: dir.to_path_buf(),
        });
    }
    if !manifest.docs.is_empty() && manifest.version != super::LAYOUT_VERSION {
        return Err(DatasetError::Manifest {
            path: dir.join(super::MANIFEST),
            detail: format!(
                "written with table layout {} (this biyelelt reads layout {}); ingest its \
                 reports again into a new folder",
                manifest.version,
                super::LAYOUT_VERSION
            ),
        });
    }
    let arrow_err = |source| DatasetError::Arrow {
        table: table.into(),
        source,
    };
    let full = schema::arrow_schema(table)?;
    let schema = match columns {
        None => full,
        Some(cols) => {
            // In the files' order: a projection reads columns in that order, whatever the
            // order asked.
            let mut idx = cols
                .iter()
                .map(|c| full.index_of(c))
                .collect::<Result<Vec<_>, _>>()
                .map_err(arrow_err)?;
            idx.sort_unstable();
            idx.dedup();
            std::sync::Arc::new(full.project(&idx).map_err(arrow_err)?)
        }
    };
    let mut batches = Vec::new();
    for path in manifest.files_of(dir, table) {
        batches.push(read_projected(&path, columns)?);
    }
    // Files carry the hive partition column `year` in their rows too, so their schema is the
    // table's schema.
    let batches = batches
        .into_iter()
        .map(|b| RecordBatch::try_new(schema.clone(), b.columns().to_vec()).map_err(arrow_err))
        .collect::<Result<Vec<_>, _>>()?;
    arrow::compute::concat_batches(&schema, &batches).map_err(arrow_err)
}

fn column<'a>(batch: &'a RecordBatch, name: &str) -> &'a ArrayRef {
    batch
        .column_by_name(name)
        .unwrap_or_else(|| panic!("column {name} is in the schema"))
}

pub fn strings(batch: &RecordBatch, name: &str) -> Vec<Option<String>> {
    string_column(batch, name)
        .iter()
        .map(|v| v.map(str::to_string))
        .collect()
}

/// A utf8 column as it is, for reading its values without copying them.
pub fn string_column<'a>(batch: &'a RecordBatch, name: &str) -> &'a StringArray {
    column(batch, name)
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap_or_else(|| panic!("column {name} is utf8"))
}

pub fn ints(batch: &RecordBatch, name: &str) -> Vec<Option<i64>> {
    let c = column(batch, name);
    if let Some(a) = c.as_any().downcast_ref::<Int32Array>() {
        return a.iter().map(|v| v.map(i64::from)).collect();
    }
    let a = c
        .as_any()
        .downcast_ref::<Int64Array>()
        .unwrap_or_else(|| panic!("column {name} is an integer"));
    a.iter().collect()
}

pub fn floats(batch: &RecordBatch, name: &str) -> Vec<Option<f64>> {
    let a = column(batch, name)
        .as_any()
        .downcast_ref::<Float64Array>()
        .unwrap_or_else(|| panic!("column {name} is float64"));
    a.iter().collect()
}

pub fn bools(batch: &RecordBatch, name: &str) -> Vec<Option<bool>> {
    let a = column(batch, name)
        .as_any()
        .downcast_ref::<BooleanArray>()
        .unwrap_or_else(|| panic!("column {name} is bool"));
    a.iter().collect()
}

/// The batch with some columns replaced (by name; the schema stays).
pub fn with_columns(
    batch: &RecordBatch,
    replace: Vec<(&str, ArrayRef)>,
) -> Result<RecordBatch, arrow::error::ArrowError> {
    let schema = batch.schema();
    let mut columns = batch.columns().to_vec();
    for (name, array) in replace {
        let i = schema.index_of(name)?;
        columns[i] = array;
    }
    RecordBatch::try_new(schema, columns)
}

/// One piece of a finding's evidence as the dataset holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceRow {
    pub what: String,
    pub what_mn: String,
    pub raw: String,
    pub line: Option<u32>,
    pub page: Option<u32>,
    /// Where the figure stands on the page (fractions of its width and height).
    pub boxes: Vec<crate::model::PageBox>,
}

/// The boxes of one evidence: a list of structs of four fractions.
fn page_boxes(list: Option<&arrow::array::ListArray>, k: usize) -> Vec<crate::model::PageBox> {
    use arrow::array::{Array, Float64Array, StructArray};
    let Some(list) = list.filter(|l| l.is_valid(k)) else {
        return Vec::new();
    };
    let items = list.value(k);
    let Some(s) = items.as_any().downcast_ref::<StructArray>() else {
        return Vec::new();
    };
    let f = |name: &str| {
        s.column_by_name(name)
            .and_then(|c| c.as_any().downcast_ref::<Float64Array>().cloned())
    };
    let (Some(x0), Some(top), Some(x1), Some(bottom)) = (f("x0"), f("top"), f("x1"), f("bottom"))
    else {
        return Vec::new();
    };
    (0..s.len())
        .map(|i| crate::model::PageBox {
            x0: x0.value(i),
            top: top.value(i),
            x1: x1.value(i),
            bottom: bottom.value(i),
        })
        .collect()
}

/// The `evidence` column of the findings table (a list of structs per row).
pub fn evidence_lists(batch: &RecordBatch) -> Vec<Vec<EvidenceRow>> {
    use arrow::array::{Array, ListArray, StructArray};
    let list = column(batch, "evidence")
        .as_any()
        .downcast_ref::<ListArray>()
        .expect("evidence is a list");
    (0..list.len())
        .map(|i| {
            if list.is_null(i) {
                return Vec::new();
            }
            let items = list.value(i);
            let s = items
                .as_any()
                .downcast_ref::<StructArray>()
                .expect("evidence items are structs");
            let text = |name: &str| {
                s.column_by_name(name)
                    .and_then(|c| c.as_any().downcast_ref::<StringArray>().cloned())
            };
            let int = |name: &str| {
                s.column_by_name(name)
                    .and_then(|c| c.as_any().downcast_ref::<Int32Array>().cloned())
            };
            let (what, what_mn) = (text("what"), text("what_mn"));
            let (raw, line, page) = (text("raw"), int("line"), int("page"));
            let boxes = s
                .column_by_name("boxes")
                .and_then(|c| c.as_any().downcast_ref::<ListArray>().cloned());
            (0..s.len())
                .map(|k| EvidenceRow {
                    what: what
                        .as_ref()
                        .map(|a| a.value(k).to_string())
                        .unwrap_or_default(),
                    what_mn: what_mn
                        .as_ref()
                        .map(|a| a.value(k).to_string())
                        .unwrap_or_default(),
                    raw: raw
                        .as_ref()
                        .map(|a| a.value(k).to_string())
                        .unwrap_or_default(),
                    line: line
                        .as_ref()
                        .filter(|a| a.is_valid(k))
                        .map(|a| a.value(k) as u32),
                    page: page
                        .as_ref()
                        .filter(|a| a.is_valid(k))
                        .map(|a| a.value(k) as u32),
                    boxes: page_boxes(boxes.as_ref(), k),
                })
                .collect()
        })
        .collect()
}
