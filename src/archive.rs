//! A growing archive: ingest only what changed since the dataset was last written.
//!
//! Enters: the input paths, the dataset folder and its manifest (content hash per report).
//! Leaves: an [`Outcome`]: which files were parsed (a [`Tally`] of their reports, each report
//! handed to the caller as it is done, then written and dropped), which were skipped because
//! their content is already in the dataset, which reports were removed (`--prune`), and what
//! the write did. Nothing is written when nothing changed, so the dataset stays byte-identical.
//! The folder is checked and locked first ([`guard`]): a folder that is not a dataset is
//! refused untouched, and one ingest at a time writes it.

use crate::dataset::{self, guard, Manifest, Written, PARSER};
use crate::error::DatasetError;
use crate::limits::Limits;
use crate::model::Report;
use crate::{pipeline, read};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

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
}

/// What to do with each input, decided from content hashes alone (no parsing).
#[derive(Debug, Default)]
pub struct Plan {
    pub parse: Vec<PathBuf>,
    /// Inputs whose content is already in the dataset: (path, path it was ingested from).
    pub skipped: Vec<(PathBuf, String)>,
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
    /// Staging folders of killed earlier runs, removed.
    pub stale_removed: usize,
    /// The working folder is (inside) the dataset: the folder is replaced as a whole, so a
    /// shell there still sees the old one.
    pub cwd_inside_out: bool,
}

/// SHA-256 of each file (in parallel); a file that cannot be read within the limits (missing,
/// not a regular file, too large) gets None and is parsed, so that it gets its `failed` row.
pub fn hash_files(files: &[PathBuf], limits: &Limits) -> Vec<Option<String>> {
    files
        .par_iter()
        .map(|f| {
            read::read_file(f, limits)
                .ok()
                .map(|b| read::sha256_hex(&b))
        })
        .collect()
}

/// Decide from the manifest which inputs to parse.
pub fn plan(
    files: &[PathBuf],
    hashes: &[Option<String>],
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
    let input_paths: HashSet<String> = files
        .iter()
        .map(|f| dataset::path_key(&f.display().to_string()))
        .collect();
    for (file, hash) in files.iter().zip(hashes) {
        let Some(hash) = hash else {
            plan.parse.push(file.clone());
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
                } else {
                    if entry.status == "failed" {
                        plan.skipped_failed += 1;
                    }
                    plan.skipped.push((file.clone(), entry.source_path.clone()));
                }
            }
            _ => match to_parse.get(doc_id) {
                Some(first) => plan.duplicates.push((file.clone(), first.to_path_buf())),
                None => {
                    to_parse.insert(doc_id.to_string(), file);
                    plan.parse.push(file.clone());
                }
            },
        }
    }
    for (doc_id, entry) in &manifest.docs {
        if input_docs.contains_key(doc_id) {
            continue;
        }
        // A changed file replaces its old report by path (dataset::Writer); not an absence.
        if input_paths.contains(&entry.path_key()) {
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
    // Refused before anything is created, the lock file included.
    guard::check_out(&out, files)?;
    let lock = guard::lock(&out, opts.wait, on_wait)?;
    let stale_removed = guard::remove_stale_staging(&out, &lock)?;
    dataset::recover(&out)?;
    // Again under the lock: the writer we waited for may have changed the dataset.
    guard::check_out(&out, files)?;
    let manifest = dataset::read_manifest(&out)?;
    crate::read::ocr::remove_stale_temp();
    let hashes = hash_files(files, &opts.limits);
    let plan = plan(files, &hashes, &manifest, opts);
    let mut tally = Tally::default();
    let written = if plan.parse.is_empty()
        && plan.remove.is_empty()
        && out.join(dataset::MANIFEST).exists()
    {
        None
    } else {
        let mut writer = dataset::Writer::begin(&out, plan.remove.clone())?;
        let mut failure = None;
        let total = plan.parse.len();
        pipeline::process_each(&plan.parse, &opts.limits, |_, r| {
            tally.add(&r);
            on_report(&r, tally.reports, total);
            if failure.is_none() {
                failure = writer.add(&r).err();
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
                },
            );
        }
        m
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
        let p = plan(&files, &hashes, &m, Options::default());
        assert_eq!(p.parse, vec![PathBuf::from("b.txt")]);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.absent_kept, 1);
        assert!(p.remove.is_empty());
        let p = plan(
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
        let p = plan(&files, &hashes, &m, Options::default());
        assert!(p.parse.is_empty());
        assert_eq!(p.skipped_failed, 1);
        let p = plan(
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
        let p = plan(
            &[PathBuf::from("a.txt")],
            &[Some(A.to_string())],
            &m,
            Options::default(),
        );
        assert_eq!(p.parse.len(), 1);
        assert!(p.reparse_all.is_some());
    }
}
