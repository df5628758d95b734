//! A growing archive: ingest only what changed since the dataset was last written.
//!
//! Enters: the input paths, the dataset folder and its manifest (content hash per report).
//! Leaves: an [`Outcome`]: which files were parsed (a [`Tally`] of their reports, each report
//! handed to the caller as it is done, then written and dropped), which were skipped because
//! their content is already in the dataset, which reports were removed (`--prune`), and what
//! the write did. Nothing is written when nothing changed, so the tables stay byte-identical
//! (the manifest takes the stamps of unchanged files that had none, [`dataset::restamp_in_place`]).
//! The folder is checked and locked first ([`guard`]): a folder that is not a dataset is
//! refused untouched, and one ingest at a time writes it.

use crate::dataset::{self, guard, FileStamp, Manifest, Written, PARSER};
use crate::error::DatasetError;
use crate::limits::Limits;
use crate::model::Report;
use crate::{pipeline, read};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

#[derive(Debug, Default, Clone, Copy)]
pub struct Options {
    /// Bounds on each report's work.
    pub limits: crate::limits::Limits,
    /// When another ingest holds the dataset, wait for it instead of failing at once.
    pub wait: bool,
    /// Remove reports whose content is no longer among the inputs.
    pub prune: bool,
    /// Parse again files that failed before (after installing a missing OCR engine, say).
    pub retry_failed: bool,
    /// Read and hash every input, also those whose stamp (size, times, inode) is the one the
    /// manifest recorded.
    pub checksum: bool,
}

/// What to do with each input, decided from content hashes alone (no parsing).
#[derive(Debug, Default)]
pub struct Plan {
    pub parse: Vec<PathBuf>,
    /// The stamp of each file of `parse` (none: too recent to trust, or unreadable).
    pub parse_stamps: Vec<Option<FileStamp>>,
    /// How many inputs have their content in the dataset already (not parsed).
    pub skipped: usize,
    /// Those of them ingested from another path: (path, path it was ingested from). Only
    /// these are kept: an archive's tens of thousands of unchanged inputs are a count.
    pub skipped_same_as: Vec<(PathBuf, String)>,
    /// Skipped inputs that failed before (parsed again with --retry-failed).
    pub skipped_failed: usize,
    /// Reports to remove (doc_ids): in the dataset, content not among the inputs, --prune.
    pub remove: BTreeSet<String>,
    /// Reports in the dataset whose content is not among the inputs, kept (no --prune).
    pub absent_kept: usize,
    /// Why every input is parsed again, when that is the case.
    pub reparse_all: Option<Reparse>,
    /// Inputs with the same content as an earlier input of this run: (path, earlier path).
    /// Parsed and stored once.
    pub duplicates: Vec<(PathBuf, PathBuf)>,
    /// Unchanged files at their entry's path whose stamp the manifest lacks (or has older):
    /// doc_id → stamp, recorded when the dataset is written.
    pub restamp: HashMap<String, FileStamp>,
    /// Inputs known by their stamp alone (not read).
    pub known_by_stamp: usize,
}

/// Why an ingest parses every input again.
#[derive(Debug, Clone, PartialEq)]
pub enum Reparse {
    /// The dataset was parsed by another biyelelt (its name and version).
    Parser(String),
    /// The dataset's tables have another layout (its version): every report is written anew.
    Layout(u32),
}

/// Counts over the reports of a run.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tally {
    pub reports: usize,
    pub ok: usize,
    pub partial: usize,
    pub failed: usize,
    pub objectives: usize,
    pub measures: usize,
    pub findings: usize,
}

impl Tally {
    pub fn add(&mut self, r: &Report) {
        use crate::model::Status;
        self.reports += 1;
        match r.status {
            Status::Ok => self.ok += 1,
            Status::Partial => self.partial += 1,
            Status::Failed => self.failed += 1,
        }
        self.objectives += r.objectives.len();
        self.measures += r.n_measures();
        self.findings += r.findings.len();
    }
}

#[derive(Debug)]
pub struct Outcome {
    pub plan: Plan,
    /// The reports parsed.
    pub tally: Tally,
    /// None when nothing changed and the dataset was left as it was.
    pub written: Option<Written>,
    /// When nothing was written: manifest entries given their file's stamp.
    pub restamped: usize,
    /// Staging folders of killed earlier runs, removed.
    pub stale_removed: usize,
    /// The working folder is (inside) the dataset: the folder is replaced as a whole, so a
    /// shell there still sees the old one.
    pub cwd_inside_out: bool,
}

/// SHA-256 of each file (in parallel); a file that cannot be read within the limits (missing,
/// not a regular file, too large) gets None and is parsed, so that it gets its `failed` row.
pub fn hash_files(files: &[PathBuf], limits: &Limits) -> Vec<Option<String>> {
    files.par_iter().map(|f| hash_file(f, limits)).collect()
}

fn hash_file(file: &Path, limits: &Limits) -> Option<String> {
    read::read_file(file, limits)
        .ok()
        .map(|b| read::sha256_hex(&b))
}

/// What the plan knows of an input before parsing it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Identified {
    /// Content hash; None: the file cannot be read (it is parsed, to get its `failed` row).
    pub sha256: Option<String>,
    /// Its stamp, taken before it was read; None when too recent to trust.
    pub stamp: Option<FileStamp>,
    /// The hash is the manifest's, for a file at the same path with the same stamp: not read.
    pub by_stamp: bool,
}

/// Each input's content hash (in parallel): the manifest's for a file at an entry's path whose
/// stamp is the entry's (unless `checksum`), else SHA-256 of its bytes ([`hash_files`]).
/// `keys` are the inputs' path keys ([`path_keys`]).
pub fn identify(
    files: &[PathBuf],
    keys: &[String],
    manifest: &Manifest,
    opts: Options,
) -> Vec<Identified> {
    identify_at(files, keys, manifest, opts, SystemTime::now())
}

/// [`identify`], with files stamped as at `now` (taken before any is: a file written after it
/// is too recent).
fn identify_at(
    files: &[PathBuf],
    keys: &[String],
    manifest: &Manifest,
    opts: Options,
    now: SystemTime,
) -> Vec<Identified> {
    let by_path: HashMap<String, &dataset::ManifestEntry> = if opts.checksum {
        HashMap::new()
    } else {
        manifest
            .docs
            .values()
            .filter(|e| e.stamp.is_some() && !e.sha256.is_empty())
            .map(|e| (e.path_key(), e))
            .collect()
    };
    files
        .par_iter()
        .zip(keys)
        .map(|(f, key)| {
            // Stamped before reading: a write after this changes the times the next ingest sees.
            let stamp = std::fs::metadata(f)
                .ok()
                .and_then(|m| FileStamp::of(&m, now));
            match by_path.get(key) {
                Some(e) if stamp.is_some() && e.stamp == stamp => Identified {
                    sha256: Some(e.sha256.clone()),
                    stamp,
                    by_stamp: true,
                },
                _ => Identified {
                    sha256: hash_file(f, &opts.limits),
                    stamp,
                    by_stamp: false,
                },
            }
        })
        .collect()
}

/// Each input's path key ([`dataset::path_key`]), in parallel.
pub fn path_keys(files: &[PathBuf]) -> Vec<String> {
    files
        .par_iter()
        .map(|f| dataset::path_key(&f.display().to_string()))
        .collect()
}

/// Decide from the manifest which inputs to parse (`keys` and `inputs` for each file, from
/// [`path_keys`] and [`identify`]).
pub fn plan(
    files: &[PathBuf],
    keys: &[String],
    inputs: &[Identified],
    manifest: &Manifest,
    opts: Options,
) -> Plan {
    let mut plan = Plan::default();
    if !manifest.docs.is_empty() && manifest.version != dataset::LAYOUT_VERSION {
        plan.reparse_all = Some(Reparse::Layout(manifest.version));
    } else if !manifest.docs.is_empty() && manifest.parser != PARSER {
        plan.reparse_all = Some(Reparse::Parser(manifest.parser.clone()));
    }
    let mut input_docs: HashMap<String, &Path> = HashMap::new();
    let mut to_parse: HashMap<String, &Path> = HashMap::new();
    // Looked up once per dataset report: a set, not a scan of the inputs (quadratic at 10k).
    let input_paths: HashSet<&str> = keys.iter().map(String::as_str).collect();
    for ((file, key), input) in files.iter().zip(keys).zip(inputs) {
        plan.known_by_stamp += usize::from(input.by_stamp);
        let Some(hash) = &input.sha256 else {
            plan.parse.push(file.clone());
            plan.parse_stamps.push(input.stamp);
            continue;
        };
        let doc_id = &hash[..16];
        input_docs.entry(doc_id.to_string()).or_insert(file);
        let known = manifest.docs.get(doc_id).filter(|e| {
            // A manifest entry without a hash (older layout) or with another one is not trusted.
            e.sha256 == *hash
        });
        match known {
            Some(entry) if plan.reparse_all.is_none() => {
                if entry.status == "failed" && opts.retry_failed {
                    plan.parse.push(file.clone());
                    plan.parse_stamps.push(input.stamp);
                } else {
                    if let Some(stamp) = input
                        .stamp
                        .filter(|s| entry.stamp != Some(*s) && entry.path_key() == *key)
                    {
                        plan.restamp.insert(doc_id.to_string(), stamp);
                    }
                    if entry.status == "failed" {
                        plan.skipped_failed += 1;
                    }
                    plan.skipped += 1;
                    if file.display().to_string() != entry.source_path {
                        plan.skipped_same_as
                            .push((file.clone(), entry.source_path.clone()));
                    }
                }
            }
            _ => match to_parse.get(doc_id) {
                Some(first) => plan.duplicates.push((file.clone(), first.to_path_buf())),
                None => {
                    to_parse.insert(doc_id.to_string(), file);
                    plan.parse.push(file.clone());
                    plan.parse_stamps.push(input.stamp);
                }
            },
        }
    }
    for (doc_id, entry) in &manifest.docs {
        if input_docs.contains_key(doc_id) {
            continue;
        }
        // A changed file replaces its old report by path (dataset::Writer); not an absence.
        if input_paths.contains(entry.path_key().as_str()) {
            continue;
        }
        if opts.prune {
            plan.remove.insert(doc_id.clone());
        } else {
            plan.absent_kept += 1;
        }
    }
    plan
}

/// Ingest `files` into the dataset at `out`: parse what changed, write once. `out` must be new,
/// empty or a biyelelt dataset ([`guard::check_out`]); the dataset's lock is held throughout
/// (`on_wait` hears who holds it when `opts.wait` queues behind another ingest). Each parsed
/// report goes to `on_report` with the count done and the count to parse, then to the
/// dataset; at most a few reports are in memory at a time.
pub fn ingest(
    files: &[PathBuf],
    out: &Path,
    opts: Options,
    on_wait: impl FnOnce(&str),
    mut on_report: impl FnMut(&Report, usize, usize),
) -> Result<Outcome, DatasetError> {
    let out = guard::resolve(out)?;
    let cwd_inside_out = std::env::current_dir().is_ok_and(|cwd| cwd.starts_with(&out));
    let keys = path_keys(files);
    // Refused before anything is created, the lock file included.
    guard::check_out(&out, files, &keys)?;
    let lock = guard::lock(&out, opts.wait, on_wait)?;
    let stale_removed = guard::remove_stale_staging(&out, &lock)?;
    dataset::recover(&out)?;
    // Again under the lock: the writer we waited for may have changed the dataset.
    let manifest = guard::check_out(&out, files, &keys)?;
    crate::read::ocr::remove_stale_temp();
    let inputs = identify(files, &keys, &manifest, opts);
    let plan = plan(files, &keys, &inputs, &manifest, opts);
    drop((keys, inputs));
    let mut tally = Tally::default();
    let mut restamped = 0;
    let written = if plan.parse.is_empty()
        && plan.remove.is_empty()
        && out.join(dataset::MANIFEST).exists()
    {
        restamped = dataset::restamp_in_place(&out, manifest, &plan.restamp)?;
        None
    } else {
        let mut writer = dataset::Writer::begin_from(&out, manifest, plan.remove.clone())?;
        writer.restamp(plan.restamp.clone());
        let mut failure = None;
        let total = plan.parse.len();
        pipeline::process_each(&plan.parse, &opts.limits, |i, r| {
            tally.add(&r);
            on_report(&r, tally.reports, total);
            if failure.is_none() {
                failure = writer.add(&r, plan.parse_stamps[i]).err();
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        Some(writer.finish()?)
    };
    drop(lock);
    Ok(Outcome {
        plan,
        tally,
        written,
        restamped,
        stale_removed,
        cwd_inside_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::ManifestEntry;

    fn manifest(entries: &[(&str, &str, &str)]) -> Manifest {
        let mut m: Manifest = serde_json::from_str(&format!(
            r#"{{"version": {}, "parser": "{PARSER}", "docs": {{}}}}"#,
            dataset::LAYOUT_VERSION
        ))
        .unwrap();
        for (hash, path, status) in entries {
            m.docs.insert(
                hash[..16].to_string(),
                ManifestEntry {
                    source_path: path.to_string(),
                    partition: "2019".into(),
                    status: status.to_string(),
                    sha256: hash.to_string(),
                    agency: None,
                    year: Some(2019),
                    absolute_path: String::new(),
                    stamp: None,
                },
            );
        }
        m
    }

    /// [`plan`] of inputs whose hashes are given (none stamped).
    fn plan_of(files: &[PathBuf], hashes: &[Option<String>], m: &Manifest, opts: Options) -> Plan {
        let inputs: Vec<Identified> = hashes
            .iter()
            .map(|h| Identified {
                sha256: h.clone(),
                ..Default::default()
            })
            .collect();
        plan(files, &path_keys(files), &inputs, m, opts)
    }

    const A: &str = "aaaaaaaaaaaaaaaa0000000000000000000000000000000000000000000000000";
    const B: &str = "bbbbbbbbbbbbbbbb0000000000000000000000000000000000000000000000000";
    const C: &str = "cccccccccccccccc0000000000000000000000000000000000000000000000000";

    #[test]
    fn unchanged_skipped_changed_parsed_absent_kept_or_pruned() {
        let m = manifest(&[(A, "a.txt", "ok"), (B, "b.txt", "ok"), (C, "c.txt", "ok")]);
        let files = vec![PathBuf::from("a.txt"), PathBuf::from("b.txt")];
        // a unchanged, b changed (new hash), c gone.
        let hashes = vec![Some(A.to_string()), Some("d".repeat(64))];
        let p = plan_of(&files, &hashes, &m, Options::default());
        assert_eq!(p.parse, vec![PathBuf::from("b.txt")]);
        assert_eq!(p.skipped, 1);
        assert_eq!(p.absent_kept, 1);
        assert!(p.remove.is_empty());
        let p = plan_of(
            &files,
            &hashes,
            &m,
            Options {
                prune: true,
                ..Default::default()
            },
        );
        assert_eq!(p.remove, BTreeSet::from([C[..16].to_string()]));
    }

    #[test]
    fn failed_reports_are_retried_only_when_asked() {
        let m = manifest(&[(A, "a.txt", "failed")]);
        let files = vec![PathBuf::from("a.txt")];
        let hashes = vec![Some(A.to_string())];
        let p = plan_of(&files, &hashes, &m, Options::default());
        assert!(p.parse.is_empty());
        assert_eq!(p.skipped_failed, 1);
        let p = plan_of(
            &files,
            &hashes,
            &m,
            Options {
                retry_failed: true,
                ..Default::default()
            },
        );
        assert_eq!(p.parse.len(), 1);
    }

    #[test]
    fn another_parser_version_parses_everything_again() {
        let mut m = manifest(&[(A, "a.txt", "ok")]);
        m.parser = "biyelelt 0.0.1".into();
        let p = plan_of(
            &[PathBuf::from("a.txt")],
            &[Some(A.to_string())],
            &m,
            Options::default(),
        );
        assert_eq!(p.parse.len(), 1);
        assert!(p.reparse_all.is_some());
    }

    /// A settled file: written, then stamped as if two seconds and more had passed.
    fn settled(dir: &Path, name: &str, text: &str) -> (PathBuf, FileStamp) {
        let f = dir.join(name);
        std::fs::write(&f, text).unwrap();
        let later = SystemTime::now() + dataset::stamp::SETTLED * 2;
        let stamp = FileStamp::of(&std::fs::metadata(&f).unwrap(), later).unwrap();
        (f, stamp)
    }

    #[test]
    fn a_file_with_its_entrys_stamp_is_not_read_unless_checksum() {
        let dir = tempfile::tempdir().unwrap();
        let (f, stamp) = settled(dir.path(), "a.txt", "нэг");
        let real = read::sha256_hex("нэг".as_bytes());
        // The manifest's hash differs from the file's: which one comes back tells if it was read.
        let mut m = manifest(&[(A, &f.display().to_string(), "ok")]);
        let entry = m.docs.get_mut(&A[..16]).unwrap();
        entry.absolute_path = dataset::path_key(&f.display().to_string());
        entry.stamp = Some(stamp);
        let files = vec![f.clone()];
        let keys = path_keys(&files);
        // Stamped now, the file is too recent: it is read.
        let fresh = identify(&files, &keys, &m, Options::default());
        assert_eq!(fresh[0].sha256.as_deref(), Some(real.as_str()));
        assert!(!fresh[0].by_stamp && fresh[0].stamp.is_none());
        // Settled, at the entry's path with the entry's stamp: not read.
        let later = SystemTime::now() + dataset::stamp::SETTLED * 2;
        let known = identify_at(&files, &keys, &m, Options::default(), later);
        assert_eq!(known[0].sha256.as_deref(), Some(A));
        assert!(known[0].by_stamp);
        let checksum = Options {
            checksum: true,
            ..Default::default()
        };
        let checked = identify_at(&files, &keys, &m, checksum, later);
        assert_eq!(checked[0].sha256.as_deref(), Some(real.as_str()));
        assert!(!checked[0].by_stamp);
        // The file rewritten (same size): read.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&f, "хоё").unwrap();
        let later = SystemTime::now() + dataset::stamp::SETTLED * 2;
        let changed = identify_at(&files, &keys, &m, Options::default(), later);
        assert_eq!(
            changed[0].sha256.as_deref(),
            Some(read::sha256_hex("хоё".as_bytes()).as_str())
        );
        assert!(!changed[0].by_stamp);
    }

    #[test]
    fn unchanged_files_at_their_entrys_path_are_restamped() {
        let dir = tempfile::tempdir().unwrap();
        let (f, stamp) = settled(dir.path(), "a.txt", "нэг");
        let (copy, copy_stamp) = settled(dir.path(), "copy.txt", "нэг");
        let m = manifest(&[(A, &f.display().to_string(), "ok")]);
        let files = vec![f, copy];
        let inputs: Vec<Identified> = [stamp, copy_stamp]
            .into_iter()
            .map(|s| Identified {
                sha256: Some(A.to_string()),
                stamp: Some(s),
                by_stamp: false,
            })
            .collect();
        let p = plan(&files, &path_keys(&files), &inputs, &m, Options::default());
        assert!(p.parse.is_empty());
        // The copy has the same content at another path: its stamp is not the entry's.
        assert_eq!(p.restamp, HashMap::from([(A[..16].to_string(), stamp)]));
    }
}
