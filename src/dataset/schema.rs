//! The dataset contract: schemas/<table>.json, compiled in, turned into Arrow schemas.
//!
//! Enters: the JSON schema files (column name, type, nullability, meaning). Leaves: Arrow
//! [`Schema`]s. The files are the single source of truth: the writer builds its columns from
//! them, so the documentation cannot drift from the data.

use crate::error::DatasetError;
use arrow::datatypes::{DataType, Field, Fields, Schema};
use serde::Deserialize;
use std::sync::{Arc, OnceLock};

/// Every table, in the order `ingest` writes them, with its schema file.
pub const TABLES: &[(&str, &str)] = &[
    ("reports", include_str!("../../schemas/reports.json")),
    ("objectives", include_str!("../../schemas/objectives.json")),
    ("measures", include_str!("../../schemas/measures.json")),
    (
        "narrative_items",
        include_str!("../../schemas/narrative_items.json"),
    ),
    ("metrics", include_str!("../../schemas/metrics.json")),
    ("findings", include_str!("../../schemas/findings.json")),
    ("categories", include_str!("../../schemas/categories.json")),
    (
        "band_counts",
        include_str!("../../schemas/band_counts.json"),
    ),
];

#[derive(Debug, Deserialize)]
pub struct TableDoc {
    pub table: String,
    pub description: String,
    pub columns: Vec<ColumnDoc>,
}

#[derive(Debug, Deserialize)]
pub struct ColumnDoc {
    pub name: String,
    #[serde(rename = "type")]
    pub type_: String,
    pub nullable: bool,
    pub description: String,
}

pub fn table_doc(table: &str) -> Result<TableDoc, DatasetError> {
    let (_, json) =
        TABLES
            .iter()
            .find(|(t, _)| *t == table)
            .ok_or_else(|| DatasetError::Schema {
                table: table.into(),
                detail: "no such table".into(),
            })?;
    serde_json::from_str(json).map_err(|e| DatasetError::Schema {
        table: table.into(),
        detail: e.to_string(),
    })
}

/// Arrow schema of a table.
pub fn arrow_schema(table: &str) -> Result<Arc<Schema>, DatasetError> {
    // Built once per table: every report's batch of every table asks for it (parsing the
    // documented JSON each time cost a tenth of a second per dataset and one schema per batch).
    static BUILT: OnceLock<Vec<Built>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        TABLES
            .iter()
            .map(|(t, _)| (*t, build_schema(t).ok()))
            .collect()
    });
    match built.iter().find(|(t, _)| *t == table) {
        Some((_, Some(schema))) => Ok(schema.clone()),
        _ => build_schema(table),
    }
}

/// A table's name and its schema, None when it could not be built (asked again for the error).
type Built = (&'static str, Option<Arc<Schema>>);

fn build_schema(table: &str) -> Result<Arc<Schema>, DatasetError> {
    let doc = table_doc(table)?;
    let fields = doc
        .columns
        .iter()
        .map(|c| {
            parse_type(&c.type_)
                .map(|t| Field::new(&c.name, t, c.nullable))
                .ok_or_else(|| DatasetError::Schema {
                    table: table.into(),
                    detail: format!("column {}: unknown type {:?}", c.name, c.type_),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Arc::new(Schema::new(fields)))
}

/// "utf8", "int32", "float64", "bool", "date32", "list<T>", "struct<a:T,b:T>".
pub fn parse_type(t: &str) -> Option<DataType> {
    let t = t.trim();
    Some(match t {
        "utf8" => DataType::Utf8,
        "int32" => DataType::Int32,
        "int64" => DataType::Int64,
        "float64" => DataType::Float64,
        "bool" => DataType::Boolean,
        "date32" => DataType::Date32,
        _ => {
            if let Some(inner) = t.strip_prefix("list<").and_then(|r| r.strip_suffix('>')) {
                DataType::List(Arc::new(Field::new("item", parse_type(inner)?, true)))
            } else if let Some(inner) = t.strip_prefix("struct<").and_then(|r| r.strip_suffix('>'))
            {
                let fields = split_top(inner)
                    .into_iter()
                    .map(|f| {
                        let (name, ty) = f.split_once(':')?;
                        Some(Field::new(name.trim(), parse_type(ty)?, true))
                    })
                    .collect::<Option<Vec<_>>>()?;
                DataType::Struct(Fields::from(fields))
            } else {
                return None;
            }
        }
    })
}

/// Split "a:utf8,b:list<int32>" at commas outside angle brackets.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_file_parses_and_documents_every_column() {
        for (table, _) in TABLES {
            let doc = table_doc(table).unwrap();
            assert_eq!(doc.table, *table);
            assert!(!doc.description.is_empty());
            let schema = arrow_schema(table).unwrap();
            assert_eq!(schema.fields().len(), doc.columns.len());
            for c in &doc.columns {
                assert!(c.description.len() > 10, "{table}.{} undocumented", c.name);
            }
            assert_eq!(schema.field(0).name(), "doc_id");
        }
    }

    #[test]
    fn nested_types() {
        let t = parse_type("list<struct<role:utf8,name:utf8>>").unwrap();
        let DataType::List(f) = t else { panic!() };
        let DataType::Struct(fields) = f.data_type() else {
            panic!()
        };
        assert_eq!(fields.len(), 2);
        assert!(parse_type("decimal").is_none());
    }
}
