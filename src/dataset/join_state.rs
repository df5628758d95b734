//! The series join's state, kept beside the tables so that the next ingest probes only the
//! texts it brings ([`crate::series::JoinState`]).
//!
//! Enters: a table's [`JoinState`] after a write, or the manifest's record of one. Leaves: the
//! file `_series/<table>.parquet` in the staging folder and its record ([`JoinFile`]); or the
//! state read back. A state that cannot be read is no state: the join runs in full, as on a new
//! dataset (it is a cache; the tables never depend on it).

use super::{io, read, write_parquet, Kind};
use crate::error::DatasetError;
use crate::series::JoinState;
use arrow::array::{Array, ArrayRef, Float64Array, RecordBatch, UInt64Array};
use arrow::datatypes::{DataType, Field, Schema};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Folder of the state files, beside the tables.
pub const DIR: &str = "_series";

/// The manifest's record of a table's join state.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JoinFile {
    /// File name under [`DIR`].
    pub file: String,
    pub threshold: f64,
    pub partners: u32,
}

/// Write `state` of `table` under the folder `root` (the staging folder).
pub(super) fn write(root: &Path, table: &str, state: &JoinState) -> Result<JoinFile, DatasetError> {
    // One row per text (partner null), then one per kept pair.
    let n = state.keys.len() + state.pairs.len();
    let mut key = Vec::with_capacity(n);
    let mut partner = Vec::with_capacity(n);
    let mut dice = Vec::with_capacity(n);
    for &k in &state.keys {
        key.push(k);
        partner.push(None);
        dice.push(None);
    }
    // Pairs by keys: the file stays readable whatever order the next join's texts take.
    for &(a, b, d) in &state.pairs {
        key.push(state.keys[a as usize]);
        partner.push(Some(state.keys[b as usize]));
        dice.push(Some(d));
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("text_key", DataType::UInt64, false),
        Field::new("partner_key", DataType::UInt64, true),
        Field::new("dice", DataType::Float64, true),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(UInt64Array::from(key)),
        Arc::new(UInt64Array::from(partner)),
        Arc::new(Float64Array::from(dice)),
    ];
    let batch = RecordBatch::try_new(schema, columns).map_err(|source| DatasetError::Arrow {
        table: format!("{DIR}/{table}"),
        source,
    })?;
    let file = format!("{table}.parquet");
    let dir = root.join(DIR);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    write_parquet(&dir.join(&file), &batch, Kind::Final)?;
    Ok(JoinFile {
        file,
        threshold: state.threshold,
        partners: state.partners,
    })
}

/// The state recorded as `record` in the dataset at `out`; None when it cannot be read.
pub(super) fn read(out: &Path, record: &JoinFile) -> Option<JoinState> {
    let b = read::read_file(&out.join(DIR).join(&record.file)).ok()?;
    let column = |name: &str| b.column_by_name(name).cloned();
    let keys = column("text_key")?;
    let keys = keys.as_any().downcast_ref::<UInt64Array>()?;
    let partners = column("partner_key")?;
    let partners = partners.as_any().downcast_ref::<UInt64Array>()?;
    let dice = column("dice")?;
    let dice = dice.as_any().downcast_ref::<Float64Array>()?;
    let mut state = JoinState {
        threshold: record.threshold,
        partners: record.partners,
        ..Default::default()
    };
    let mut index: HashMap<u64, u32> = HashMap::new();
    for i in (0..b.num_rows()).filter(|&i| partners.is_null(i)) {
        index.insert(keys.value(i), state.keys.len() as u32);
        state.keys.push(keys.value(i));
    }
    for i in (0..b.num_rows()).filter(|&i| !partners.is_null(i)) {
        let (a, b) = (index.get(&keys.value(i))?, index.get(&partners.value(i))?);
        state.pairs.push((*a, *b, dice.value(i)));
    }
    Some(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_reads_back_as_written_and_a_broken_one_as_none() {
        let t = tempfile::tempdir().unwrap();
        let state = JoinState {
            threshold: 0.75,
            partners: 16,
            keys: vec![3, 1, 2],
            pairs: vec![(0, 2, 0.8), (1, 2, 0.75)],
        };
        let record = write(t.path(), "measures", &state).unwrap();
        assert_eq!(read(t.path(), &record), Some(state));
        std::fs::write(t.path().join(DIR).join(&record.file), b"not parquet").unwrap();
        assert_eq!(read(t.path(), &record), None);
    }
}
