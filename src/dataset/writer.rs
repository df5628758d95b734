//! Writing a dataset report by report, in bounded memory.
//!
//! Enters: the dataset folder, the reports to remove, then reports one at a time
//! ([`Writer::add`]). Leaves: the new dataset in place of the old one ([`Writer::finish`]).
//!
//! A report's rows become Arrow batches at once and the report can go; batches wait in memory
//! until they pass [`SPILL_BYTES`], then go to spill files in the staging folder (also before
//! the series are linked, the write's peak of memory, when they are many). At the end
//! each table's partitions are built one at a time: kept rows of the old files, spilled and
//! waiting rows, sorted by doc_id, series columns filled. A partition no report entered or left
//! (and whose series columns did not change) is hard-linked, not written.

use super::series_columns::{self, needed_columns, Assigned, Collector, SERIES_TABLES};
use super::{
    batch, guard, io, join_state, keep_file, part_name, partition_dir, partition_of, read,
    read_manifest, recover, rows, schema, swap_in, write_parquet, FileStamp, Kind, Manifest,
    ManifestEntry, Written, LAYOUT_VERSION, MANIFEST, PART_ROWS,
};
use crate::error::DatasetError;
use crate::model::Report;
use crate::series::ids::merge_aliases;
use arrow::array::{BooleanArray, RecordBatch, UInt32Array};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Rows waiting in memory before they go to spill files.
const SPILL_BYTES: usize = 16 << 20;

/// A dataset being written. Dropped without [`Writer::finish`], it removes its staging folder
/// and the old dataset stays as it was.
pub struct Writer {
    out: PathBuf,
    staging: PathBuf,
    old: Manifest,
    remove: BTreeSet<String>,
    new_docs: BTreeMap<String, ManifestEntry>,
    new_paths: HashSet<String>,
    /// New stamps of kept reports' files (doc_id → stamp), see [`Writer::restamp`].
    restamp: HashMap<String, FileStamp>,
    written: Written,
    pending: BTreeMap<(&'static str, String), Vec<RecordBatch>>,
    pending_bytes: usize,
    spills: BTreeMap<(&'static str, String), Vec<PathBuf>>,
    n_spills: usize,
    /// [`SPILL_BYTES`]; tests lower it.
    spill_bytes: usize,
    series: Collector,
    done: bool,
}

impl Writer {
    /// Start a write of the dataset at `out` that removes the reports `remove` (doc_ids).
    pub fn begin(out: &Path, remove: BTreeSet<String>) -> Result<Writer, DatasetError> {
        recover(out)?;
        let old = read_manifest(out)?;
        Writer::begin_from(out, old, remove)
    }

    /// [`Writer::begin`] with the dataset's manifest as the caller read it after
    /// [`recover`] (under the dataset's lock): an archive's is read and held once.
    pub fn begin_from(
        out: &Path,
        old: Manifest,
        remove: BTreeSet<String>,
    ) -> Result<Writer, DatasetError> {
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
        Ok(Writer {
            out: out.to_path_buf(),
            staging,
            old,
            remove,
            new_docs: BTreeMap::new(),
            new_paths: HashSet::new(),
            restamp: HashMap::new(),
            written: Written {
                out: out.to_path_buf(),
                ..Default::default()
            },
            pending: BTreeMap::new(),
            pending_bytes: 0,
            spills: BTreeMap::new(),
            n_spills: 0,
            spill_bytes: SPILL_BYTES,
            series: Collector::default(),
            done: false,
        })
    }

    /// The stamps of unchanged files whose entries have none or an older one (doc_id →
    /// stamp): kept reports' entries take them, so that the next ingest need not read them.
    pub fn restamp(&mut self, stamps: HashMap<String, FileStamp>) {
        self.restamp = stamps;
    }

    /// Add one report, with its file's stamp when it was hashed ([`FileStamp::of`]). A second
    /// report of the same content (doc_id) is noted, not stored.
    pub fn add(&mut self, r: &Report, stamp: Option<FileStamp>) -> Result<(), DatasetError> {
        if let Some(first) = self.new_docs.get(&r.doc_id) {
            self.written
                .duplicates
                .push((r.source_path.clone(), first.source_path.clone()));
            return Ok(());
        }
        let partition = partition_of(r);
        for (table, rows) in rows::rows(r) {
            let b = batch(table, &rows)?;
            if SERIES_TABLES.contains(&table) {
                let meta = (r.header.agency.clone(), r.header.year);
                self.series.add(table, &b, |_| meta.clone());
            }
            self.pending_bytes += b.get_array_memory_size();
            self.pending
                .entry((table, partition.clone()))
                .or_default()
                .push(b);
        }
        let absolute_path = super::path_key(&r.source_path);
        self.new_paths.insert(absolute_path.clone());
        self.new_docs.insert(
            r.doc_id.clone(),
            ManifestEntry {
                absolute_path,
                source_path: r.source_path.clone(),
                partition,
                status: r.status.as_str().into(),
                sha256: r.sha256.clone(),
                agency: r.header.agency.clone(),
                year: r.header.year,
                stamp,
            },
        );
        self.written.written += 1;
        if self.pending_bytes > self.spill_bytes {
            self.spill()?;
        }
        Ok(())
    }

    fn spill_dir(&self) -> PathBuf {
        self.staging.join(".spill")
    }

    /// Move the waiting rows to spill files, one per table and partition.
    fn spill(&mut self) -> Result<(), DatasetError> {
        for ((table, partition), batches) in std::mem::take(&mut self.pending) {
            let b = concat(table, &batches)?;
            self.n_spills += 1;
            let path = self.spill_dir().join(format!("{}.parquet", self.n_spills));
            write_parquet(&path, &b, Kind::Spill)?;
            self.spills
                .entry((table, partition))
                .or_default()
                .push(path);
        }
        self.pending_bytes = 0;
        Ok(())
    }

    /// Build every partition, write the manifest and swap the new dataset in.
    pub fn finish(mut self) -> Result<Written, DatasetError> {
        let manifest = self.build()?;
        let mpath = self.staging.join(MANIFEST);
        let json = serde_json::to_string_pretty(&manifest).expect("manifest serializes");
        fs::write(&mpath, json).map_err(io(&mpath))?;
        let spill = self.spill_dir();
        if spill.exists() {
            fs::remove_dir_all(&spill).map_err(io(&spill))?;
        }
        self.written.set_aside = swap_in(&self.staging, &self.out)?;
        self.done = true;
        Ok(std::mem::take(&mut self.written))
    }

    fn build(&mut self) -> Result<Manifest, DatasetError> {
        let mut manifest = Manifest::new();
        // Partitions a report enters or leaves: rewritten in every table.
        let mut touched: BTreeSet<String> = BTreeSet::new();
        // Kept entries move into the new manifest (read from it below), not copied.
        let old_docs = std::mem::take(&mut self.old.docs);
        let had_docs = !old_docs.is_empty();
        for (doc_id, mut entry) in old_docs {
            if self.remove.contains(&doc_id) {
                self.written.removed += 1;
                touched.insert(entry.partition);
            } else if self.new_docs.contains_key(&doc_id)
                || self.new_paths.contains(&entry.path_key())
            {
                self.written.replaced += 1;
                touched.insert(entry.partition);
            } else {
                if let Some(stamp) = self.restamp.get(&doc_id) {
                    entry.stamp = Some(*stamp);
                }
                manifest.docs.insert(doc_id, entry);
                self.written.kept += 1;
            }
        }
        let kept: HashSet<String> = manifest.docs.keys().cloned().collect();
        // Tables of another layout cannot take new rows: every report is written anew, which
        // needs each one's file among the inputs (or --prune to leave it out).
        if self.old.version != LAYOUT_VERSION && had_docs {
            if !kept.is_empty() {
                let mut missing: Vec<&str> = kept
                    .iter()
                    .map(|d| manifest.docs[d].source_path.as_str())
                    .collect();
                missing.sort_unstable();
                return Err(DatasetError::Manifest {
                    path: self.out.join(MANIFEST),
                    detail: format!(
                        "written with table layout {} (this biyelelt writes layout \
                         {LAYOUT_VERSION}): its reports are written anew, but {} of them have no \
                         file among the inputs (first: {}); give their files too, or --prune to \
                         leave them out, or ingest into a new folder",
                        self.old.version,
                        missing.len(),
                        missing[0]
                    ),
                });
            }
            // Nothing of the old tables is kept: they are not read.
            self.old.partitions.clear();
        }
        // The new entries move into the manifest: an archive's are tens of megabytes.
        self.new_paths = HashSet::new();
        for (doc_id, entry) in std::mem::take(&mut self.new_docs) {
            touched.insert(entry.partition.clone());
            manifest.docs.insert(doc_id, entry);
        }
        let partitions: BTreeSet<String> = manifest
            .docs
            .values()
            .map(|e| e.partition.clone())
            .collect();

        // Many waiting rows go to disk first: linking the series is the ingest's peak of
        // memory. A few stay: a small ingest would pay a spill's fixed cost for nothing.
        if self.pending_bytes > self.spill_bytes / 4 {
            self.spill()?;
        }
        // Kept reports take part in the series: their rows are read back (a few columns).
        let mut series = std::mem::take(&mut self.series);
        for table in SERIES_TABLES {
            for (partition, files) in self.old.partitions.get(*table).into_iter().flatten() {
                for f in files {
                    let path = partition_dir(&self.out, table, partition).join(f);
                    let b = read::read_file_columns(&path, needed_columns(table))?;
                    let b = only_docs(table, &b, &kept)?;
                    series.add(table, &b, |doc_id| {
                        let e = &manifest.docs[doc_id];
                        (e.agency.clone(), e.year)
                    });
                }
            }
        }
        // The join's state of the last write (a cache: one that cannot be read is none).
        let (assigned, joins) = series.assign(
            |table| {
                let record = self.old.series_join.get(table)?;
                join_state::read(&self.out, record)
            },
            &self.staging,
        )?;
        for (table, state) in &joins {
            let record = join_state::write(&self.staging, table, state)?;
            manifest.series_join.insert(table.to_string(), record);
        }
        drop(joins);
        for (table, new) in assigned.aliases() {
            let old = self
                .old
                .series_aliases
                .get(table)
                .cloned()
                .unwrap_or_default();
            let merged = merge_aliases(&old, new);
            if !merged.is_empty() {
                manifest.series_aliases.insert(table.to_string(), merged);
            }
        }

        // A partition no report entered or left keeps its files when their series columns
        // stay as they were (read alone: the texts are most of a file). Checked on all cores:
        // after one changed report, this is most of the write.
        let to_check: Vec<(&str, &String, &Vec<String>)> = SERIES_TABLES
            .iter()
            .flat_map(|table| partitions.iter().map(move |p| (*table, p)))
            .filter(|(_, p)| !touched.contains(*p))
            .filter_map(|(table, p)| Some((table, p, self.old.partitions.get(table)?.get(p)?)))
            .collect();
        let series_kept: HashSet<(&str, &String)> = to_check
            .par_iter()
            .filter_map(|&(table, p, files)| {
                let dir = partition_dir(&self.out, table, p);
                match series_unchanged(table, &dir, files, &assigned) {
                    Ok(true) => Some(Ok((table, p))),
                    Ok(false) => None,
                    Err(e) => Some(Err(e)),
                }
            })
            .collect::<Result<_, _>>()?;

        for (table, _) in schema::TABLES {
            let is_series = SERIES_TABLES.contains(table);
            for partition in &partitions {
                let old_files = self
                    .old
                    .partitions
                    .get(*table)
                    .and_then(|p| p.get(partition));
                let untouched = !touched.contains(partition) && old_files.is_some();
                let keep = untouched && (!is_series || series_kept.contains(&(*table, partition)));
                let files = if keep {
                    self.link(table, partition, old_files.expect("untouched"))?
                } else {
                    let mut batches = Vec::new();
                    for f in old_files.into_iter().flatten() {
                        let b = read_as_table(
                            table,
                            &partition_dir(&self.out, table, partition).join(f),
                        )?;
                        batches.push(if untouched {
                            b
                        } else {
                            only_docs(table, &b, &kept)?
                        });
                    }
                    for path in self
                        .spills
                        .remove(&(*table, partition.clone()))
                        .into_iter()
                        .flatten()
                    {
                        batches.push(read_as_table(table, &path)?);
                    }
                    batches.extend(
                        self.pending
                            .remove(&(*table, partition.clone()))
                            .into_iter()
                            .flatten(),
                    );
                    let mut b = sorted_by_doc(table, &concat(table, &batches)?)?;
                    if is_series {
                        b = assigned.apply(table, &b)?;
                    }
                    self.write_partition(table, partition, &b)?
                };
                manifest
                    .partitions
                    .entry(table.to_string())
                    .or_default()
                    .insert(partition.clone(), files);
            }
        }
        Ok(manifest)
    }

    fn link(
        &self,
        table: &str,
        partition: &str,
        files: &[String],
    ) -> Result<Vec<String>, DatasetError> {
        for f in files {
            keep_file(
                &partition_dir(&self.out, table, partition).join(f),
                &partition_dir(&self.staging, table, partition).join(f),
            )?;
        }
        Ok(files.to_vec())
    }

    /// Write a partition's rows as one file per [`PART_ROWS`] rows (one empty file when none).
    fn write_partition(
        &self,
        table: &str,
        partition: &str,
        b: &RecordBatch,
    ) -> Result<Vec<String>, DatasetError> {
        let n_files = b.num_rows().div_ceil(PART_ROWS).max(1);
        let mut names = Vec::with_capacity(n_files);
        for k in 0..n_files {
            let start = k * PART_ROWS;
            let len = PART_ROWS.min(b.num_rows() - start);
            let name = part_name(k);
            write_parquet(
                &partition_dir(&self.staging, table, partition).join(&name),
                &b.slice(start, len),
                Kind::Final,
            )?;
            names.push(name);
        }
        Ok(names)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

fn arrow_err(table: &str) -> impl Fn(arrow::error::ArrowError) -> DatasetError + '_ {
    move |source| DatasetError::Arrow {
        table: table.into(),
        source,
    }
}

fn concat(table: &str, batches: &[RecordBatch]) -> Result<RecordBatch, DatasetError> {
    let schema = schema::arrow_schema(table)?;
    arrow::compute::concat_batches(&schema, batches).map_err(arrow_err(table))
}

/// A file's rows with the table's schema (a file's own schema may differ in metadata).
fn read_as_table(table: &str, path: &Path) -> Result<RecordBatch, DatasetError> {
    let b = read::read_file(path)?;
    RecordBatch::try_new(schema::arrow_schema(table)?, b.columns().to_vec())
        .map_err(arrow_err(table))
}

/// Whether the files of a partition (of a series table) hold the series columns `assigned`
/// gives their rows.
fn series_unchanged(
    table: &str,
    dir: &Path,
    files: &[String],
    assigned: &Assigned,
) -> Result<bool, DatasetError> {
    let columns = series_columns::written_columns(table);
    for f in files {
        let old = read::read_file_columns(&dir.join(f), &columns)?;
        let new = assigned.apply(table, &old)?;
        let same = |name: &str| match (old.column_by_name(name), new.column_by_name(name)) {
            (Some(a), Some(b)) => a.to_data() == b.to_data(),
            _ => false,
        };
        if !columns.iter().all(|c| same(c)) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The rows of the reports `docs`.
fn only_docs(
    table: &str,
    b: &RecordBatch,
    docs: &HashSet<String>,
) -> Result<RecordBatch, DatasetError> {
    let keep: BooleanArray = read::strings(b, "doc_id")
        .iter()
        .map(|d| Some(d.as_ref().is_some_and(|d| docs.contains(d))))
        .collect();
    arrow::compute::filter_record_batch(b, &keep).map_err(arrow_err(table))
}

/// Rows sorted by doc_id; a report's rows keep their order (stable sort).
fn sorted_by_doc(table: &str, b: &RecordBatch) -> Result<RecordBatch, DatasetError> {
    let doc_ids = read::strings(b, "doc_id");
    let mut order: Vec<u32> = (0..b.num_rows() as u32).collect();
    order.sort_by(|&x, &y| doc_ids[x as usize].cmp(&doc_ids[y as usize]));
    if order.iter().enumerate().all(|(i, &o)| i as u32 == o) {
        return Ok(b.clone());
    }
    arrow::compute::take_record_batch(b, &UInt32Array::from(order)).map_err(arrow_err(table))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::read::read_table;

    fn corpus_reports() -> Vec<Report> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e != "pdf"))
            .collect();
        files.sort();
        crate::pipeline::process_all(&files, &Default::default())
    }

    fn write_with(out: &Path, reports: &[Report], spill_bytes: usize) -> Written {
        let mut w = Writer::begin(out, BTreeSet::new()).unwrap();
        w.spill_bytes = spill_bytes;
        for r in reports {
            w.add(r, None).unwrap();
        }
        w.finish().unwrap()
    }

    /// Rows spilled to disk after every report come back the same as rows kept in memory.
    #[test]
    fn spilled_rows_make_the_same_dataset() {
        let reports = corpus_reports();
        let t = tempfile::tempdir().unwrap();
        let (kept, spilled) = (t.path().join("kept"), t.path().join("spilled"));
        write_with(&kept, &reports, usize::MAX);
        let w = write_with(&spilled, &reports, 0);
        assert_eq!(w.written, reports.len());
        assert!(!spilled.join(".spill").exists());
        for (table, _) in schema::TABLES {
            let (a, b) = (
                read_table(&kept, table).unwrap(),
                read_table(&spilled, table).unwrap(),
            );
            assert_eq!(a, b, "{table}");
        }
        assert!(read_table(&kept, "measures").unwrap().num_rows() > 50);
    }

    /// Columns asked in any order come back by name with their own values; a dataset of
    /// another layout is refused with what to do, not read as empty.
    #[test]
    fn some_columns_by_name_and_other_layouts_refused() {
        use crate::dataset::read::{read_table_columns, strings};
        let reports = corpus_reports();
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("ds");
        write_with(&out, &reports, usize::MAX);
        let all = read_table(&out, "measures").unwrap();
        let some = read_table_columns(&out, "measures", Some(&["text", "doc_id"])).unwrap();
        assert_eq!(some.num_columns(), 2);
        for c in ["text", "doc_id"] {
            assert_eq!(strings(&some, c), strings(&all, c), "{c}");
        }
        let mut m = read_manifest(&out).unwrap();
        m.version = 3;
        fs::write(out.join(MANIFEST), serde_json::to_string(&m).unwrap()).unwrap();
        let err = read_table(&out, "measures").unwrap_err().to_string();
        assert!(err.contains("layout 3") && err.contains("again"), "{err}");
    }

    /// A writer dropped before `finish` leaves the old dataset as it was and no staging folder.
    #[test]
    fn an_unfinished_write_changes_nothing() {
        let reports = corpus_reports();
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("ds");
        write_with(&out, &reports[..2], usize::MAX);
        let before = fs::read(out.join(MANIFEST)).unwrap();
        {
            let mut w = Writer::begin(&out, BTreeSet::new()).unwrap();
            w.spill_bytes = 0;
            w.add(&reports[3], None).unwrap();
        }
        assert_eq!(fs::read(out.join(MANIFEST)).unwrap(), before);
        let names: Vec<String> = fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["ds"]);
    }
}
