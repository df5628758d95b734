//! Output safety: which folders `--out` may name, one writer at a time, leftovers of dead writers.
//!
//! Enters: the `--out` folder and the input files. Leaves: the folder's absolute path and a
//! [`WriteLock`] held for the whole ingest, or a [`DatasetError`] saying why the folder is
//! refused, with nothing touched. The rules: `--out` is a new folder, an empty one, or a
//! dataset biyelelt wrote (its manifest says so, and it holds only the files the manifest
//! owns); no input lies inside it. The lock is a file beside the dataset (`.NAME.lock`, there
//! only while an ingest runs), not in it, because the dataset folder is replaced at every write.

use super::{legacy_file_of, schema, Manifest, MANIFEST};
use crate::error::DatasetError;
use std::collections::HashSet;
use std::fs;
use std::io::{Read, Seek, Write};
use std::path::{Component, Path, PathBuf};

/// `out` as an absolute path without `.` or `..` (and through a symlink to a folder), so that
/// `--out .` and relative paths name the folder itself: a rename of "." fails (EBUSY).
pub fn resolve(out: &Path) -> Result<PathBuf, DatasetError> {
    if let Ok(real) = fs::canonicalize(out) {
        return Ok(real);
    }
    let cwd = std::env::current_dir().map_err(|source| DatasetError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let mut abs = PathBuf::new();
    for c in cwd.join(out).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                abs.pop();
            }
            other => abs.push(other),
        }
    }
    Ok(abs)
}

/// Refuse an `--out` that is not new, empty or a biyelelt dataset holding only its own files,
/// and inputs that lie inside it. `out` is resolved ([`resolve`]); `keys` are the inputs' path
/// keys ([`super::path_key`]: their real paths), one per input. Returns the manifest it read
/// (an empty one for a new or empty folder): an archive's is megabytes of JSON, read once.
pub fn check_out(
    out: &Path,
    inputs: &[PathBuf],
    keys: &[String],
) -> Result<super::Manifest, DatasetError> {
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(super::Manifest::new()),
        Err(source) => {
            return Err(DatasetError::Io {
                path: out.to_path_buf(),
                source,
            })
        }
    };
    let refuse = |detail: String| DatasetError::NotADataset {
        path: out.to_path_buf(),
        detail,
    };
    if !meta.is_dir() {
        return Err(refuse("it is a file, not a folder".into()));
    }
    for (input, real) in inputs.iter().zip(keys) {
        if Path::new(real).starts_with(out) {
            return Err(DatasetError::InputInsideOut {
                input: input.clone(),
                out: out.to_path_buf(),
            });
        }
    }
    let entries = list(out)?;
    if entries.is_empty() {
        return Ok(super::Manifest::new());
    }
    if !out.join(MANIFEST).is_file() {
        return Err(refuse(format!(
            "the folder is not empty and is not a biyelelt dataset (no {MANIFEST}); it holds {}",
            sample(&entries)
        )));
    }
    let manifest = super::read_manifest(out)?;
    let foreign = foreign_files(out, &manifest)?;
    if !foreign.is_empty() {
        return Err(DatasetError::ForeignFiles {
            path: out.to_path_buf(),
            files: sample(&foreign),
        });
    }
    Ok(manifest)
}

fn list(dir: &Path) -> Result<Vec<String>, DatasetError> {
    let io = |source| DatasetError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut names = Vec::new();
    for e in fs::read_dir(dir).map_err(io)? {
        names.push(e.map_err(io)?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

fn sample(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
    match names.len() {
        n if n > shown.len() => format!("{} and {} more", shown.join(", "), n - shown.len()),
        _ => shown.join(", "),
    }
}

/// Paths under a dataset folder (relative) that its manifest does not account for.
pub fn foreign_files(out: &Path, manifest: &Manifest) -> Result<Vec<String>, DatasetError> {
    let mut owned: HashSet<PathBuf> = HashSet::new();
    owned.insert(out.join(MANIFEST));
    if !manifest.series_join.is_empty() {
        owned.insert(out.join(super::join_state::DIR));
    }
    for f in manifest.series_join.values() {
        owned.insert(out.join(super::join_state::DIR).join(&f.file));
    }
    for (table, _) in schema::TABLES {
        owned.insert(out.join(table));
        let files = if manifest.version < 4 {
            manifest
                .docs
                .iter()
                .map(|(doc_id, e)| legacy_file_of(out, table, &e.partition, doc_id))
                .collect()
        } else {
            manifest.files_of(out, table)
        };
        for file in files {
            if let Some(dir) = file.parent() {
                owned.insert(dir.to_path_buf());
            }
            owned.insert(file);
        }
    }
    let mut foreign = Vec::new();
    let mut walk = walkdir::WalkDir::new(out).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| DatasetError::Io {
            path: out.to_path_buf(),
            source: e.into(),
        })?;
        if !owned.contains(entry.path()) {
            let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
            foreign.push(rel.display().to_string());
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
        }
    }
    foreign.sort();
    Ok(foreign)
}

/// The dataset's write lock, held until dropped; the lock file goes with it.
#[derive(Debug)]
pub struct WriteLock {
    file: fs::File,
    pub path: PathBuf,
}

impl Drop for WriteLock {
    /// Removed while still held: a process that opened it meanwhile finds, once it gets the
    /// lock, that the file is no longer at the path, and tries again ([`lock`]).
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// `.NAME.SUFFIX` beside the dataset: hidden, for biyelelt's own use (lock, staging, backup).
pub fn sibling(out: &Path, suffix: &str) -> PathBuf {
    out.with_file_name(format!(".{}.{suffix}", dataset_name(out)))
}

/// `NAME.SUFFIX` beside the dataset (not hidden: for the user to see).
pub fn sibling_visible(out: &Path, suffix: &str) -> PathBuf {
    out.with_file_name(format!("{}.{suffix}", dataset_name(out)))
}

fn dataset_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "dataset".into())
}

/// The lock file of the dataset at `out` (resolved): beside it, named after it, present only
/// while an ingest runs.
pub fn lock_path(out: &Path) -> PathBuf {
    sibling(out, "lock")
}

/// Take the dataset's write lock. When another process holds it: fail at once naming the
/// holder, or, with `wait`, call `on_wait` with the holder and block until it is released.
/// Readers never take it: they see the old dataset or the new one, whole.
pub fn lock(out: &Path, wait: bool, on_wait: impl FnOnce(&str)) -> Result<WriteLock, DatasetError> {
    use std::os::unix::fs::MetadataExt;
    let path = lock_path(out);
    let io = |source| DatasetError::Io {
        path: path.clone(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    let mut on_wait = Some(on_wait);
    let mut file = loop {
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = match holder.trim() {
                    "" => "a process that has not yet said who it is".to_string(),
                    h => h.to_string(),
                };
                if !wait {
                    return Err(DatasetError::Locked {
                        path: out.to_path_buf(),
                        holder,
                    });
                }
                if let Some(f) = on_wait.take() {
                    f(&holder);
                }
                file.lock().map_err(io)?;
            }
            Err(fs::TryLockError::Error(source)) => return Err(io(source)),
        }
        // The holder we waited for removed the file on release: ours is then an orphan.
        let ours = file.metadata().map_err(io)?;
        match fs::metadata(&path) {
            Ok(now) if now.ino() == ours.ino() && now.dev() == ours.dev() => break file,
            _ => continue,
        }
    };
    let since = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
    file.set_len(0).map_err(io)?;
    file.rewind().map_err(io)?;
    write!(file, "pid {} since {since}", std::process::id()).map_err(io)?;
    Ok(WriteLock { file, path })
}

/// Staging folders of writers that died (killed, power cut) beside the dataset at `out`.
/// Called under the lock: a live writer holds the lock for as long as its staging folder
/// exists, so every staging folder found then is a dead writer's.
pub fn remove_stale_staging(out: &Path, _lock: &WriteLock) -> Result<usize, DatasetError> {
    let Some(parent) = out.parent() else {
        return Ok(0);
    };
    let prefix = sibling(out, "staging-")
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut removed = 0;
    for name in list(parent)? {
        let Some(pid) = name.strip_prefix(&prefix) else {
            continue;
        };
        let path = parent.join(&name);
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) || !path.is_dir() {
            continue;
        }
        // After the swap a staging folder holds the old dataset: a file someone added to it
        // then is not ours, and the folder is set aside instead. A manifest that does not
        // read is one a killed writer was writing: the folder is a half-built staging, ours.
        let foreign = match super::read_manifest(&path) {
            Ok(m) if path.join(MANIFEST).is_file() => !foreign_files(&path, &m)?.is_empty(),
            _ => false,
        };
        let result = if foreign {
            fs::rename(&path, sibling_visible(out, &format!("set-aside-{pid}")))
        } else {
            fs::remove_dir_all(&path)
        };
        result.map_err(|source| DatasetError::Io { path, source })?;
        removed += 1;
    }
    Ok(removed)
}

/// The staging folder this process builds the new dataset in.
pub fn staging_path(out: &Path) -> PathBuf {
    sibling(out, &format!("staging-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::dataset::tests::manifest_with;

    #[test]
    fn new_and_empty_folders_are_accepted() {
        let t = tempfile::tempdir().unwrap();
        check_out(&t.path().join("new"), &[], &[]).unwrap();
        check_out(t.path(), &[], &[]).unwrap();
    }

    #[test]
    fn a_folder_of_other_files_is_refused_and_left_alone() {
        let t = tempfile::tempdir().unwrap();
        fs::write(t.path().join("thesis.docx"), "x").unwrap();
        let err = check_out(t.path(), &[], &[]).unwrap_err();
        assert!(err.to_string().contains("thesis.docx"), "{err}");
        assert!(t.path().join("thesis.docx").exists());
    }

    #[test]
    fn a_dataset_with_a_foreign_file_is_refused() {
        let t = tempfile::tempdir().unwrap();
        let m = manifest_with("abcd");
        fs::write(t.path().join(MANIFEST), serde_json::to_string(&m).unwrap()).unwrap();
        let own = crate::dataset::partition_dir(t.path(), "reports", "2019")
            .join(crate::dataset::part_name(0));
        fs::create_dir_all(own.parent().unwrap()).unwrap();
        fs::write(&own, "").unwrap();
        check_out(t.path(), &[], &[]).unwrap();
        fs::write(t.path().join("reports").join("notes.txt"), "mine").unwrap();
        let err = check_out(t.path(), &[], &[]).unwrap_err();
        assert!(err.to_string().contains("notes.txt"), "{err}");
    }

    #[test]
    fn an_input_inside_the_output_is_refused() {
        let t = tempfile::tempdir().unwrap();
        let report = t.path().join("r.txt");
        fs::write(&report, "x").unwrap();
        let out = resolve(t.path()).unwrap();
        let key = super::super::path_key(&report.display().to_string());
        let err = check_out(&out, &[report], &[key]).unwrap_err();
        assert!(matches!(err, DatasetError::InputInsideOut { .. }), "{err}");
    }

    #[test]
    fn relative_and_dotted_paths_resolve_to_the_folder() {
        let t = tempfile::tempdir().unwrap();
        let real = fs::canonicalize(t.path()).unwrap();
        assert_eq!(resolve(&real.join("a/../b/./c")).unwrap(), real.join("b/c"));
        assert_eq!(resolve(&real.join(".")).unwrap(), real);
    }

    #[test]
    fn a_second_lock_names_the_holder() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("ds");
        let held = lock(&out, false, |_| {}).unwrap();
        let err = lock(&out, false, |_| {}).unwrap_err();
        assert!(
            err.to_string()
                .contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        drop(held);
        assert!(
            !lock_path(&out).exists(),
            "the lock file goes with the lock"
        );
        lock(&out, false, |_| {}).unwrap();
    }

    #[test]
    fn stale_staging_folders_go_others_stay() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("ds");
        fs::create_dir_all(t.path().join(".ds.staging-4242/reports")).unwrap();
        // Killed while writing its manifest.
        fs::write(t.path().join(".ds.staging-4242/_manifest.json"), "{\"vers").unwrap();
        fs::create_dir_all(t.path().join(".ds.staging-mine")).unwrap();
        fs::create_dir_all(t.path().join(".other.staging-1")).unwrap();
        let l = lock(&out, false, |_| {}).unwrap();
        assert_eq!(remove_stale_staging(&out, &l).unwrap(), 1);
        assert!(!t.path().join(".ds.staging-4242").exists());
        assert!(t.path().join(".ds.staging-mine").exists());
        assert!(t.path().join(".other.staging-1").exists());
    }

    #[test]
    fn a_stale_old_dataset_with_a_foreign_file_is_set_aside() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("ds");
        let stale = t.path().join(".ds.staging-77");
        fs::create_dir_all(&stale).unwrap();
        let m = manifest_with("abcd");
        fs::write(stale.join(MANIFEST), serde_json::to_string(&m).unwrap()).unwrap();
        fs::write(stale.join("notes.txt"), "mine").unwrap();
        let l = lock(&out, false, |_| {}).unwrap();
        assert_eq!(remove_stale_staging(&out, &l).unwrap(), 1);
        let aside = t.path().join("ds.set-aside-77");
        assert_eq!(fs::read_to_string(aside.join("notes.txt")).unwrap(), "mine");
    }
}
