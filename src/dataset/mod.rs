//! The Parquet dataset: one folder per table, hive-partitioned by year, replaced atomically.
//!
//! Enters: reports. Leaves: `DIR/<table>/year=YYYY/<doc_id>.parquet` for every table of
//! schemas/ (a file per report and table, empty files included, so that every table can be
//! scanned even when it has no rows yet) and `DIR/_manifest.json` (doc_id → source path and
//! partition, content hash, agency, year). Re-ingesting replaces the rows of the same content
//! (doc_id) and of the same source path; other reports already in DIR stay unless removed.
//! Series ([`crate::series`]) are recomputed over every report of the result, so the measures
//! and objectives files of kept reports are rewritten with their (possibly new) series columns;
//! the other files of kept reports are hard-linked. The new dataset is built in a staging
//! folder beside DIR and swapped in with one atomic rename, so a crash leaves either the old
//! dataset or the new one, whole.

pub mod guard;
pub mod read;
pub mod rows;
pub mod schema;

use crate::error::DatasetError;
use crate::model::Report;
use arrow::json::ReaderBuilder;
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

pub const MANIFEST: &str = "_manifest.json";
/// Partition folder name for reports whose year is unknown; polars and DuckDB read it as null.
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";
/// Version of the tables' layout; a dataset written with another one cannot be extended.
pub const LAYOUT_VERSION: u32 = 3;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManifestEntry {
    pub source_path: String,
    /// The year folder the report's files are in ("2019" or the null partition).
    pub partition: String,
    pub status: String,
    /// SHA-256 of the file's bytes (doc_id is its first 16 hex digits).
    #[serde(default)]
    pub sha256: String,
    #[serde(default)]
    pub agency: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// The biyelelt version that parsed the reports.
    #[serde(default)]
    pub parser: String,
    pub docs: BTreeMap<String, ManifestEntry>,
}

impl Manifest {
    fn new() -> Self {
        Manifest {
            version: LAYOUT_VERSION,
            parser: PARSER.into(),
            docs: BTreeMap::new(),
        }
    }
}

/// Who parsed: reports parsed by another version are parsed again when their files are given.
pub const PARSER: &str = concat!("biyelelt ", env!("CARGO_PKG_VERSION"));

/// What one write did.
#[derive(Debug, Default)]
pub struct Written {
    pub out: PathBuf,
    pub written: usize,
    pub kept: usize,
    pub replaced: usize,
    pub removed: usize,
    /// Files whose content equals an earlier file of the same batch: (path, first path).
    pub duplicates: Vec<(String, String)>,
    /// The old dataset's folder, kept because someone added files to it during the run.
    pub set_aside: Option<PathBuf>,
}

impl Written {
    pub fn summary(&self) -> String {
        let mut s = format!(
            "dataset {}: {} report(s) written, {} replaced, {} kept from before, {} removed",
            self.out.display(),
            self.written,
            self.replaced,
            self.kept,
            self.removed
        );
        if let Some(aside) = &self.set_aside {
            s.push_str(&format!(
                "\n  files were added to the dataset folder while this ingest ran: the old folder, with them, is kept as {}",
                aside.display()
            ));
        }
        for (dup, first) in &self.duplicates {
            s.push_str(&format!(
                "\n  {dup}: same content as {first}; stored once (doc_id is the content hash)"
            ));
        }
        s
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> DatasetError + '_ {
    move |source| DatasetError::Io {
        path: path.to_path_buf(),
        source,
    }
}

pub fn read_manifest(out: &Path) -> Result<Manifest, DatasetError> {
    let path = out.join(MANIFEST);
    match fs::read_to_string(&path) {
        Ok(s) => serde_json::from_str(&s).map_err(|e| DatasetError::Manifest {
            path,
            detail: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::new()),
        Err(e) => Err(DatasetError::Io { path, source: e }),
    }
}

fn partition_of(r: &Report) -> String {
    r.header
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| NULL_PARTITION.to_string())
}

fn file_of(root: &Path, table: &str, partition: &str, doc_id: &str) -> PathBuf {
    root.join(table)
        .join(format!("year={partition}"))
        .join(format!("{doc_id}.parquet"))
}

/// Decode JSON rows against a table's schema (strict: unknown columns are errors).
pub fn batch(table: &str, rows: &[serde_json::Value]) -> Result<RecordBatch, DatasetError> {
    let schema = schema::arrow_schema(table)?;
    let arrow_err = |source| DatasetError::Arrow {
        table: table.into(),
        source,
    };
    let mut decoder = ReaderBuilder::new(schema.clone())
        .with_strict_mode(true)
        .build_decoder()
        .map_err(arrow_err)?;
    decoder.serialize(rows).map_err(arrow_err)?;
    Ok(decoder
        .flush()
        .map_err(arrow_err)?
        .unwrap_or_else(|| RecordBatch::new_empty(schema)))
}

fn write_parquet(path: &Path, batch: &RecordBatch) -> Result<(), DatasetError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let file = fs::File::create(path).map_err(io(path))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("biyelelt {}", env!("CARGO_PKG_VERSION")))
        .build();
    let perr = |source| DatasetError::Parquet {
        path: path.to_path_buf(),
        source,
    };
    let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(props)).map_err(perr)?;
    writer.write(batch).map_err(perr)?;
    let file = writer.into_inner().map_err(perr)?;
    file.sync_all().map_err(io(path))
}

/// Link (or copy, across file systems) a kept file into the staging folder.
fn keep_file(from: &Path, to: &Path) -> Result<(), DatasetError> {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(io(dir))?;
    }
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).map_err(io(from))?;
    }
    Ok(())
}

/// Write reports into the dataset at `out`, replacing their earlier rows, atomically.
pub fn write(out: &Path, reports: &[Report]) -> Result<Written, DatasetError> {
    update(out, reports, &BTreeSet::new())
}

/// Write reports into the dataset at `out` and remove the reports `remove` (doc_ids),
/// atomically; series are recomputed over the result.
pub fn update(
    out: &Path,
    reports: &[Report],
    remove: &BTreeSet<String>,
) -> Result<Written, DatasetError> {
    recover(out)?;
    let old = read_manifest(out)?;
    if !old.docs.is_empty() && old.version != LAYOUT_VERSION {
        return Err(DatasetError::Manifest {
            path: out.join(MANIFEST),
            detail: format!(
                "written with table layout {} (this biyelelt writes layout {LAYOUT_VERSION}); \
                 ingest all its reports again into a new folder",
                old.version
            ),
        });
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io(parent))?;
    let staging = guard::staging_path(out);
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    fs::create_dir_all(&staging).map_err(io(&staging))?;

    let mut written = Written {
        out: out.to_path_buf(),
        ..Default::default()
    };
    // One report per content; later copies of the same bytes are noted, not stored twice.
    let mut batch_docs: BTreeMap<&str, &Report> = BTreeMap::new();
    let mut unique: Vec<&Report> = Vec::new();
    for r in reports {
        match batch_docs.get(r.doc_id.as_str()) {
            Some(first) => written
                .duplicates
                .push((r.source_path.clone(), first.source_path.clone())),
            None => {
                batch_docs.insert(&r.doc_id, r);
                unique.push(r);
            }
        }
    }
    let new_paths: std::collections::HashSet<&str> =
        unique.iter().map(|r| r.source_path.as_str()).collect();

    let result = (|| -> Result<Manifest, DatasetError> {
        let mut manifest = Manifest::new();
        // Measures and objectives of every report of the result, for the series.
        let mut linked: Vec<Linked> = Vec::new();
        for (doc_id, entry) in &old.docs {
            if remove.contains(doc_id) {
                written.removed += 1;
                continue;
            }
            let replaced = batch_docs.contains_key(doc_id.as_str())
                || new_paths.contains(entry.source_path.as_str());
            if replaced {
                written.replaced += 1;
                continue;
            }
            for (table, _) in schema::TABLES {
                let from = file_of(out, table, &entry.partition, doc_id);
                if SERIES_TABLES.contains(table) {
                    linked.push(Linked {
                        doc_id: doc_id.clone(),
                        table,
                        partition: entry.partition.clone(),
                        agency: entry.agency.clone(),
                        year: entry.year,
                        batch: read::read_file(&from)?,
                    });
                } else if from.exists() {
                    keep_file(&from, &file_of(&staging, table, &entry.partition, doc_id))?;
                }
            }
            manifest.docs.insert(doc_id.clone(), entry.clone());
            written.kept += 1;
        }
        for r in &unique {
            let partition = partition_of(r);
            for (table, rows) in rows::rows(r) {
                let b = batch(table, &rows)?;
                if SERIES_TABLES.contains(&table) {
                    linked.push(Linked {
                        doc_id: r.doc_id.clone(),
                        table,
                        partition: partition.clone(),
                        agency: r.header.agency.clone(),
                        year: r.header.year,
                        batch: b,
                    });
                } else {
                    write_parquet(&file_of(&staging, table, &partition, &r.doc_id), &b)?;
                }
            }
            manifest.docs.insert(
                r.doc_id.clone(),
                ManifestEntry {
                    source_path: r.source_path.clone(),
                    partition,
                    status: r.status.as_str().into(),
                    sha256: r.sha256.clone(),
                    agency: r.header.agency.clone(),
                    year: r.header.year,
                },
            );
            written.written += 1;
        }
        for l in with_series(linked)? {
            write_parquet(
                &file_of(&staging, l.table, &l.partition, &l.doc_id),
                &l.batch,
            )?;
        }
        let mpath = staging.join(MANIFEST);
        let json = serde_json::to_string_pretty(&manifest).expect("manifest serializes");
        fs::write(&mpath, json).map_err(io(&mpath))?;
        Ok(manifest)
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    written.set_aside = swap_in(&staging, out)?;
    Ok(written)
}

/// Tables whose rows carry series columns.
const SERIES_TABLES: &[&str] = &["objectives", "measures"];

/// One report's objectives or measures on their way to the staging folder.
struct Linked {
    doc_id: String,
    table: &'static str,
    partition: String,
    agency: Option<String>,
    year: Option<i32>,
    batch: RecordBatch,
}

/// Fill the series columns of every objectives and measures batch, over all of them.
fn with_series(mut linked: Vec<Linked>) -> Result<Vec<Linked>, DatasetError> {
    use crate::series::{assign, Member};
    use arrow::array::{ArrayRef, Float64Array, StringArray};
    use std::sync::Arc;

    // Objectives first: a measure's series needs its objective's text and series.
    let mut objective_members = Vec::new();
    let mut objective_text: BTreeMap<(String, i64), String> = BTreeMap::new();
    for l in linked.iter().filter(|l| l.table == "objectives") {
        let numbers = read::ints(&l.batch, "objective_no");
        let texts = read::strings(&l.batch, "text");
        for (no, text) in numbers.iter().zip(texts) {
            let no = no.unwrap_or_default();
            let text = text.unwrap_or_default();
            objective_text.insert((l.doc_id.clone(), no), text.clone());
            objective_members.push(Member {
                doc_id: l.doc_id.clone(),
                agency: l.agency.clone(),
                year: l.year,
                code: no.to_string(),
                number: no.to_string(),
                text,
                context: None,
            });
        }
    }
    let objective_series = assign(&objective_members);
    let objective_id: BTreeMap<(String, String), String> = objective_members
        .iter()
        .zip(&objective_series)
        .map(|(m, a)| ((m.doc_id.clone(), m.code.clone()), a.series_id.clone()))
        .collect();

    let mut measure_members = Vec::new();
    for l in linked.iter().filter(|l| l.table == "measures") {
        let numbers = read::ints(&l.batch, "objective_no");
        let codes = read::strings(&l.batch, "code");
        let texts = read::strings(&l.batch, "text");
        for ((no, code), text) in numbers.iter().zip(codes).zip(texts) {
            let no = no.unwrap_or_default();
            measure_members.push(Member {
                doc_id: l.doc_id.clone(),
                agency: l.agency.clone(),
                year: l.year,
                code: code.unwrap_or_default(),
                number: no.to_string(),
                text: text.unwrap_or_default(),
                context: Some(
                    objective_text
                        .get(&(l.doc_id.clone(), no))
                        .cloned()
                        .unwrap_or_default(),
                ),
            });
        }
    }
    let measure_series = assign(&measure_members);

    let (mut next_objective, mut next_measure) = (0, 0);
    for l in &mut linked {
        let n = l.batch.num_rows();
        let (members, series, next) = if l.table == "objectives" {
            (&objective_members, &objective_series, &mut next_objective)
        } else {
            (&measure_members, &measure_series, &mut next_measure)
        };
        let range = *next..*next + n;
        *next += n;
        let part = &series[range.clone()];
        let ids: ArrayRef = Arc::new(StringArray::from_iter_values(
            part.iter().map(|a| a.series_id.clone()),
        ));
        let links: ArrayRef = Arc::new(StringArray::from_iter(part.iter().map(|a| a.link.clone())));
        let sims: ArrayRef = Arc::new(Float64Array::from_iter(part.iter().map(|a| a.similarity)));
        let methods: ArrayRef = Arc::new(StringArray::from_iter(part.iter().map(|a| a.method)));
        let mut columns = vec![
            ("series_link", links),
            ("series_similarity", sims),
            ("series_method", methods),
        ];
        if l.table == "objectives" {
            columns.push(("objective_series_id", ids));
        } else {
            let objective_ids: ArrayRef = Arc::new(StringArray::from_iter_values(
                members[range].iter().map(|m| {
                    objective_id
                        .get(&(m.doc_id.clone(), m.number.clone()))
                        .cloned()
                        .unwrap_or_default()
                }),
            ));
            columns.push(("series_id", ids));
            columns.push(("objective_series_id", objective_ids));
        }
        l.batch = read::with_columns(&l.batch, columns).map_err(|source| DatasetError::Arrow {
            table: l.table.into(),
            source,
        })?;
    }
    Ok(linked)
}

/// Put the staging folder in place of `out` in one step.
/// Returns where files that appeared in the old dataset during the run were set aside, if any.
fn swap_in(staging: &Path, out: &Path) -> Result<Option<PathBuf>, DatasetError> {
    if !out.exists() {
        fs::rename(staging, out).map_err(io(out))?;
        return Ok(None);
    }
    if exchange(staging, out).is_ok() {
        // `staging` now holds the old dataset.
        return remove_old(staging, out);
    }
    // No atomic exchange on this file system: two renames, with `recover` to finish the job
    // if the process dies between them.
    let backup = backup_of(out);
    fs::rename(out, &backup).map_err(io(out))?;
    fs::rename(staging, out).map_err(io(out))?;
    remove_old(&backup, out)
}

/// Remove the old dataset's own files. A file someone put there while the ingest ran (after
/// the check of `--out`) is not ours to delete: its folder is set aside beside the dataset
/// as `NAME.set-aside-PID`, and the summary says so.
fn remove_old(old: &Path, out: &Path) -> Result<Option<PathBuf>, DatasetError> {
    let manifest = read_manifest(old)?;
    if guard::foreign_files(old, &manifest)?.is_empty() {
        fs::remove_dir_all(old).map_err(io(old))?;
        return Ok(None);
    }
    let aside = guard::sibling_visible(out, &format!("set-aside-{}", std::process::id()));
    fs::rename(old, &aside).map_err(io(old))?;
    Ok(Some(aside))
}

fn backup_of(out: &Path) -> PathBuf {
    guard::sibling(out, "previous")
}

/// After a crash between the two renames of the fallback swap, put the old dataset back.
pub fn recover(out: &Path) -> Result<(), DatasetError> {
    let backup = backup_of(out);
    if backup.exists() {
        if out.exists() {
            fs::remove_dir_all(&backup).map_err(io(&backup))?;
        } else {
            fs::rename(&backup, out).map_err(io(out))?;
        }
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings; renameat2 does not keep them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A manifest of one report of 2019, for the tests of this module and its children.
    pub(crate) fn manifest_with(doc_id: &str) -> Manifest {
        let mut m = Manifest::new();
        m.docs.insert(
            doc_id.into(),
            ManifestEntry {
                source_path: "a.txt".into(),
                partition: "2019".into(),
                status: "ok".into(),
                sha256: String::new(),
                agency: None,
                year: Some(2019),
            },
        );
        m
    }

    /// An old dataset folder with one report's reports file, as left by the swap.
    fn old_dataset(root: &Path) -> PathBuf {
        let old = root.join(".ds.staging-1");
        let m = manifest_with("abcd");
        let own = file_of(&old, "reports", "2019", "abcd");
        fs::create_dir_all(own.parent().unwrap()).unwrap();
        fs::write(&own, "").unwrap();
        fs::write(old.join(MANIFEST), serde_json::to_string(&m).unwrap()).unwrap();
        old
    }

    #[test]
    fn the_old_dataset_is_removed_when_it_holds_only_its_own_files() {
        let t = tempfile::tempdir().unwrap();
        let old = old_dataset(t.path());
        assert_eq!(remove_old(&old, &t.path().join("ds")).unwrap(), None);
        assert!(!old.exists());
    }

    #[test]
    fn a_file_added_during_the_run_is_set_aside_not_deleted() {
        let t = tempfile::tempdir().unwrap();
        let old = old_dataset(t.path());
        fs::write(old.join("reports").join("notes.txt"), "mine").unwrap();
        let aside = remove_old(&old, &t.path().join("ds")).unwrap().unwrap();
        assert_eq!(
            fs::read_to_string(aside.join("reports/notes.txt")).unwrap(),
            "mine"
        );
        assert!(!old.exists());
    }
}
