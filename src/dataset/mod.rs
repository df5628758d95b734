//! The Parquet dataset: one folder per table, hive-partitioned by year, replaced atomically.
//!
//! Enters: reports, one at a time ([`Writer`]). Leaves: `DIR/<table>/year=YYYY/part-NNNN.parquet`
//! for every table of schemas/ (one file per table and year partition, a few when a partition
//! passes [`PART_ROWS`] rows; rows sorted by doc_id, row groups of [`ROW_GROUP_ROWS`], column
//! statistics on; a table without rows in a partition still has its empty file, so that every
//! table can be scanned) and `DIR/_manifest.json` (doc_id → source path and partition, content
//! hash, agency, year; and the files of each table and partition). Re-ingesting replaces the
//! rows of the same content (doc_id) and of the same source path; other reports already in DIR
//! stay unless removed. Series ([`crate::series`]) are recomputed over every report of the
//! result. Only partitions that gained or lost a report, or whose series columns changed, are
//! written again; the others are hard-linked. The new dataset is built in a staging folder
//! beside DIR and swapped in with one atomic rename, so a crash leaves either the old dataset
//! or the new one, whole.

pub mod guard;
mod join_state;
pub mod read;
pub mod rows;
pub mod schema;
mod series_columns;
pub mod stamp;
mod writer;

pub use stamp::FileStamp;
pub use writer::Writer;

use crate::error::DatasetError;
use crate::model::Report;
use arrow::json::ReaderBuilder;
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

pub const MANIFEST: &str = "_manifest.json";
/// Partition folder name for reports whose year is unknown; polars and DuckDB read it as null.
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";
/// Version of the tables' layout; a dataset written with another one cannot be extended.
/// 5: findings in Mongolian too (message_mn, evidence what_mn); 4: one file per table and
/// partition (3: one per report and table).
pub const LAYOUT_VERSION: u32 = 5;
/// Rows per row group: large enough for fast scans, small enough for predicate pushdown.
pub const ROW_GROUP_ROWS: usize = 65_536;
/// Rows per file of a partition before the next file starts.
pub const PART_ROWS: usize = 1_048_576;

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
    /// The file's absolute path when it was ingested: a changed file is matched to its old
    /// report by it, whatever folder the next ingest runs from (empty in older manifests).
    #[serde(default)]
    pub absolute_path: String,
    /// The file's stamp when it was hashed (none when it was too recent to trust): an input at
    /// `absolute_path` with this stamp has this content and is not read again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<FileStamp>,
}

impl ManifestEntry {
    /// The key a file is matched by across ingests: its absolute path, or for an entry
    /// written before those were kept, `source_path` resolved from here.
    pub fn path_key(&self) -> String {
        if self.absolute_path.is_empty() {
            path_key(&self.source_path)
        } else {
            self.absolute_path.clone()
        }
    }
}

/// A file's absolute path with links resolved (as given when it cannot be resolved: a file
/// that has gone).
pub fn path_key(path: &str) -> String {
    std::fs::canonicalize(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_string())
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// The biyelelt version that parsed the reports.
    #[serde(default)]
    pub parser: String,
    pub docs: BTreeMap<String, ManifestEntry>,
    /// The files of each table and partition: table → partition → file names.
    #[serde(default)]
    pub partitions: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Series ids retired by a merge of two series, per table ("objectives", "measures"):
    /// retired id → the id that stands for it now (a saved query's id still finds its series).
    #[serde(default)]
    pub series_aliases: BTreeMap<String, BTreeMap<String, String>>,
    /// Per table ("objectives", "measures"), the series join's state kept for the next ingest
    /// (`_series/<table>.parquet`, see [`join_state`]).
    #[serde(default)]
    pub series_join: BTreeMap<String, join_state::JoinFile>,
}

impl Manifest {
    fn new() -> Self {
        Manifest {
            version: LAYOUT_VERSION,
            parser: PARSER.into(),
            docs: BTreeMap::new(),
            partitions: BTreeMap::new(),
            series_aliases: BTreeMap::new(),
            series_join: BTreeMap::new(),
        }
    }

    /// The id in use for a series id, which may have been retired by a merge.
    pub fn current_series_id<'a>(&'a self, table: &str, id: &'a str) -> &'a str {
        self.series_aliases
            .get(table)
            .and_then(|a| a.get(id))
            .map_or(id, String::as_str)
    }

    /// Paths of the files of one table, partition by partition.
    pub fn files_of(&self, root: &Path, table: &str) -> Vec<PathBuf> {
        self.partitions
            .get(table)
            .into_iter()
            .flatten()
            .flat_map(|(partition, files)| {
                files
                    .iter()
                    .map(move |f| partition_dir(root, table, partition).join(f))
            })
            .collect()
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

fn partition_dir(root: &Path, table: &str, partition: &str) -> PathBuf {
    root.join(table).join(format!("year={partition}"))
}

/// Name of the n-th file of a partition.
fn part_name(n: usize) -> String {
    format!("part-{n:04}.parquet")
}

/// Where layout 3 kept a report's rows of a table (one file per report): recognized so that
/// such a dataset is refused with the layout message, not as foreign files.
fn legacy_file_of(root: &Path, table: &str, partition: &str, doc_id: &str) -> PathBuf {
    partition_dir(root, table, partition).join(format!("{doc_id}.parquet"))
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

/// How a Parquet file is written: final files are compressed and sorted by doc_id (column 0
/// of every table); spill files, read once by this process, are written fast.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Final,
    Spill,
}

fn write_parquet(path: &Path, batch: &RecordBatch, kind: Kind) -> Result<(), DatasetError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let file = fs::File::create(path).map_err(io(path))?;
    let mut props = WriterProperties::builder()
        .set_created_by(format!("biyelelt {}", env!("CARGO_PKG_VERSION")))
        .set_max_row_group_size(ROW_GROUP_ROWS);
    props = match kind {
        Kind::Final => props
            .set_compression(Compression::SNAPPY)
            .set_sorting_columns(Some(vec![parquet::file::metadata::SortingColumn {
                column_idx: 0,
                descending: false,
                nulls_first: false,
            }])),
        Kind::Spill => props
            .set_compression(Compression::UNCOMPRESSED)
            .set_statistics_enabled(parquet::file::properties::EnabledStatistics::None),
    };
    let props = props.build();
    let perr = |source| DatasetError::Parquet {
        path: path.to_path_buf(),
        source,
    };
    let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(props)).map_err(perr)?;
    writer.write(batch).map_err(perr)?;
    let file = writer.into_inner().map_err(perr)?;
    if kind == Kind::Final {
        file.sync_all().map_err(io(path))?;
    }
    Ok(())
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

/// Write reports held in memory into the dataset at `out`, replacing their earlier rows,
/// atomically (a [`Writer`] fed from a slice; `ingest` streams into one instead).
pub fn write(out: &Path, reports: &[Report]) -> Result<Written, DatasetError> {
    let mut w = Writer::begin(out, BTreeSet::new())?;
    for r in reports {
        w.add(r, None)?;
    }
    w.finish()
}

/// Record new stamps of unchanged reports' files when an ingest writes nothing else (it
/// parsed and removed nothing): without them, an archive first ingested while its files were
/// recent (no stamp then, [`FileStamp::of`]) would be read and hashed at every unchanged
/// ingest. The manifest alone is replaced, by a rename from the staging folder: a crash leaves
/// the old one (and a staging folder the next ingest removes). Returns the entries restamped.
pub fn restamp_in_place(
    out: &Path,
    mut manifest: Manifest,
    stamps: &HashMap<String, FileStamp>,
) -> Result<usize, DatasetError> {
    let mut restamped = 0;
    for (doc_id, stamp) in stamps {
        if let Some(e) = manifest.docs.get_mut(doc_id) {
            e.stamp = Some(*stamp);
            restamped += 1;
        }
    }
    if restamped == 0 {
        return Ok(0);
    }
    let staging = guard::staging_path(out);
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    fs::create_dir_all(&staging).map_err(io(&staging))?;
    let tmp = staging.join(MANIFEST);
    let json = serde_json::to_string_pretty(&manifest).expect("manifest serializes");
    let mut file = fs::File::create(&tmp).map_err(io(&tmp))?;
    std::io::Write::write_all(&mut file, json.as_bytes()).map_err(io(&tmp))?;
    file.sync_all().map_err(io(&tmp))?;
    fs::rename(&tmp, out.join(MANIFEST)).map_err(io(out))?;
    fs::remove_dir(&staging).map_err(io(&staging))?;
    Ok(restamped)
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
                absolute_path: String::new(),
                stamp: None,
            },
        );
        m.partitions.insert(
            "reports".into(),
            BTreeMap::from([("2019".into(), vec![part_name(0)])]),
        );
        m
    }

    /// An old dataset folder with one report's reports file, as left by the swap.
    fn old_dataset(root: &Path) -> PathBuf {
        let old = root.join(".ds.staging-1");
        let m = manifest_with("abcd");
        let own = partition_dir(&old, "reports", "2019").join(part_name(0));
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
