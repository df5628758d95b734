//! A file's stamp: what the manifest keeps of an input's metadata, so that an unchanged file
//! is recognised without reading it (as git's index, make and rsync do).
//!
//! Enters: a file's metadata and the time it was taken. Leaves: a [`FileStamp`] (size, times,
//! inode), or none when the file is too recent to be trusted: a write within the file system's
//! timestamp granularity after the stamp was taken would leave the same times (git's "racily
//! clean" entries). ctime is in the stamp because no program can set it back: a file
//! rewritten and given its old mtime (`touch -d`, `cp -p`) still differs.

use serde::{Deserialize, Serialize};
use std::fs::Metadata;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A file this recent (either time) when stamped gets no stamp: its content is hashed again
/// next time. Two seconds covers the coarsest common timestamps (FAT's).
pub const SETTLED: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// Modification and status-change times, nanoseconds since 1970.
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub inode: u64,
}

impl FileStamp {
    /// The stamp of a regular file whose times are at least [`SETTLED`] before `now` (the
    /// moment the metadata was read); None otherwise, or where the platform has no ctime.
    pub fn of(meta: &Metadata, now: SystemTime) -> Option<FileStamp> {
        if !meta.is_file() {
            return None;
        }
        let stamp = stamp_of(meta)?;
        let settled = now.checked_sub(SETTLED).map(nanos)?;
        (stamp.mtime_ns <= settled && stamp.ctime_ns <= settled).then_some(stamp)
    }
}

fn nanos(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

#[cfg(unix)]
fn stamp_of(meta: &Metadata) -> Option<FileStamp> {
    use std::os::unix::fs::MetadataExt;
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    Some(FileStamp {
        size: meta.len(),
        mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
        ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
        inode: meta.ino(),
    })
}

/// Without a status-change time a rewrite given its old mtime would pass: no stamps.
#[cfg(not(unix))]
fn stamp_of(_meta: &Metadata) -> Option<FileStamp> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_settled_file_is_stamped_a_fresh_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "нэг").unwrap();
        let meta = std::fs::metadata(&f).unwrap();
        assert_eq!(FileStamp::of(&meta, SystemTime::now()), None);
        let later = SystemTime::now() + SETTLED + Duration::from_millis(10);
        let stamp = FileStamp::of(&meta, later).expect("settled");
        assert_eq!(stamp.size, "нэг".len() as u64);
        // A rewrite of the same size given back its mtime still changes the stamp (ctime).
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&f, "хоё").unwrap();
        let mtime = meta.modified().unwrap();
        std::fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
        let again = std::fs::metadata(&f).unwrap();
        let later = SystemTime::now() + SETTLED + Duration::from_millis(10);
        let restamped = FileStamp::of(&again, later).expect("settled");
        assert_eq!(restamped.size, stamp.size);
        assert_eq!(restamped.mtime_ns, stamp.mtime_ns);
        assert_ne!(restamped, stamp);
    }

    #[test]
    fn a_folder_has_no_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let later = SystemTime::now() + SETTLED * 2;
        assert_eq!(
            FileStamp::of(&std::fs::metadata(dir.path()).unwrap(), later),
            None
        );
    }
}
