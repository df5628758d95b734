//! Sorted runs of link candidates, merged in the order links are taken.
//!
//! Enters: runs of [`Edge`]s, each sorted, as they are made (in parallel), and optionally a
//! folder to spill them to. Leaves: every edge of every run, in order ([`merged`]), and the
//! first read error, if any.
//!
//! An archive's candidates are millions (2.5 M, 30 MB at 20,000 reports), held while the
//! union-find's arrays are made: with a folder, a run of [`SPILL_EDGES`] or more goes to one
//! unnamed file there as soon as it is made, and is read back through a small buffer while
//! merged. A run that cannot be written stays in memory: nothing is lost, only memory spent.

use super::Edge;
use itertools::Itertools;
use std::cell::RefCell;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Mutex;

/// Runs shorter than this stay in memory: an agency's few candidates are not worth a write.
pub(super) const SPILL_EDGES: usize = 4096;
/// Edges read back at a time from a spilled run.
const BUFFER_EDGES: usize = 1024;
const EDGE_BYTES: usize = 12;

/// A sorted run: in memory, or `len` edges from edge `start` of the spill file.
pub(super) enum Run {
    Memory(Vec<Edge>),
    Spilled { start: u64, len: u64 },
}

/// The spill file (unnamed: gone with the process, whatever happens) and its length in edges.
pub(super) struct Spill {
    file: Option<Mutex<(File, u64)>>,
}

impl Spill {
    /// A spill into `dir` (None, or a folder where no file can be made: runs stay in memory).
    pub(super) fn new(dir: Option<&Path>) -> Spill {
        let file = dir
            .filter(|_| cfg!(unix))
            .and_then(|d| tempfile::tempfile_in(d).ok())
            .map(|f| Mutex::new((f, 0)));
        Spill { file }
    }

    /// Keep a sorted run: written to the file when it is long enough and there is one.
    pub(super) fn keep(&self, edges: Vec<Edge>) -> Run {
        let Some(file) = self.file.as_ref().filter(|_| edges.len() >= SPILL_EDGES) else {
            return Run::Memory(edges);
        };
        let mut guard = file.lock().unwrap_or_else(|e| e.into_inner());
        let (f, end) = &mut *guard;
        let mut out = BufWriter::with_capacity(64 << 10, &*f);
        let written = edges
            .iter()
            .try_for_each(|e| out.write_all(&edge_bytes(*e)))
            .and_then(|()| out.flush());
        drop(out);
        match written {
            Ok(()) => {
                let start = *end;
                *end += edges.len() as u64;
                Run::Spilled {
                    start,
                    len: edges.len() as u64,
                }
            }
            // A short write leaves bytes past `end`: the next run overwrites them.
            Err(_) => {
                use std::io::Seek;
                let _ = f.seek(std::io::SeekFrom::Start(*end * EDGE_BYTES as u64));
                Run::Memory(edges)
            }
        }
    }
}

impl Spill {
    /// The file, once every run is kept (None when nothing could be spilled).
    pub(super) fn finish(self) -> Option<File> {
        self.file
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()).0)
    }
}

fn edge_bytes(e: Edge) -> [u8; EDGE_BYTES] {
    let mut b = [0u8; EDGE_BYTES];
    for (k, w) in e.0.iter().enumerate() {
        b[4 * k..4 * k + 4].copy_from_slice(&w.to_le_bytes());
    }
    b
}

fn edge_of(b: &[u8]) -> Edge {
    let word = |k: usize| u32::from_le_bytes(b[4 * k..4 * k + 4].try_into().expect("4 bytes"));
    Edge([word(0), word(1), word(2)])
}

/// Every edge of `runs` in order; a read error of a spilled run ends that run and is left in
/// `error` (the caller must check it once the merge is done).
pub(super) fn merged<'a>(
    runs: &'a [Run],
    file: Option<&'a File>,
    error: &'a RefCell<Option<std::io::Error>>,
) -> impl Iterator<Item = Edge> + 'a {
    runs.iter()
        .map(move |run| -> Box<dyn Iterator<Item = Edge> + 'a> {
            match run {
                Run::Memory(edges) => Box::new(edges.iter().copied()),
                Run::Spilled { start, len } => Box::new(SpilledRun {
                    file,
                    next: *start,
                    end: start + len,
                    buffer: Vec::new(),
                    at: 0,
                    error,
                }),
            }
        })
        .kmerge()
}

/// A spilled run read back a buffer at a time.
struct SpilledRun<'a> {
    file: Option<&'a File>,
    /// The next edge to read from the file, and the run's end (in edges).
    next: u64,
    end: u64,
    buffer: Vec<Edge>,
    at: usize,
    error: &'a RefCell<Option<std::io::Error>>,
}

impl SpilledRun<'_> {
    fn refill(&mut self) -> std::io::Result<()> {
        let n = (self.end - self.next).min(BUFFER_EDGES as u64) as usize;
        let mut bytes = vec![0u8; n * EDGE_BYTES];
        let file = self
            .file
            .ok_or_else(|| std::io::Error::other("a spilled run without its file"))?;
        read_at(file, &mut bytes, self.next * EDGE_BYTES as u64)?;
        self.buffer = bytes.chunks_exact(EDGE_BYTES).map(edge_of).collect();
        self.at = 0;
        self.next += n as u64;
        Ok(())
    }
}

impl Iterator for SpilledRun<'_> {
    type Item = Edge;

    fn next(&mut self) -> Option<Edge> {
        if self.at == self.buffer.len() {
            if self.next == self.end {
                return None;
            }
            if let Err(e) = self.refill() {
                self.error.borrow_mut().get_or_insert(e);
                self.next = self.end;
                self.buffer.clear();
                return None;
            }
        }
        self.at += 1;
        Some(self.buffer[self.at - 1])
    }
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

/// Never called: without unix no run is spilled ([`Spill::new`]).
#[cfg(not(unix))]
fn read_at(_file: &File, _bytes: &mut [u8], _offset: u64) -> std::io::Result<()> {
    Err(std::io::Error::other("no spill files on this platform"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(seed: u64, n: usize) -> Vec<Edge> {
        let mut x = seed;
        let mut edges: Vec<Edge> = (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                Edge([(x >> 40) as u32 % 50, (x >> 20) as u32 % 1000, x as u32 % 7])
            })
            .collect();
        edges.sort_unstable();
        edges
    }

    #[test]
    fn spilled_and_kept_runs_merge_as_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let runs: Vec<Vec<Edge>> = (0..6)
            .map(|k| {
                run(
                    k,
                    [10, SPILL_EDGES, 3 * SPILL_EDGES + 7, 0, 5000, 1][k as usize],
                )
            })
            .collect();
        let mut expected: Vec<Edge> = runs.concat();
        expected.sort_unstable();
        let spill = Spill::new(Some(dir.path()));
        let kept: Vec<Run> = runs.into_iter().map(|r| spill.keep(r)).collect();
        let spilled = kept
            .iter()
            .filter(|r| matches!(r, Run::Spilled { .. }))
            .count();
        assert_eq!(spilled, if cfg!(unix) { 3 } else { 0 });
        let file = spill.finish();
        let error = RefCell::new(None);
        let got: Vec<Edge> = merged(&kept, file.as_ref(), &error).collect();
        assert!(error.borrow().is_none());
        assert_eq!(got, expected);
    }

    #[test]
    fn without_a_folder_every_run_stays_in_memory() {
        let spill = Spill::new(None);
        assert!(matches!(
            spill.keep(run(1, 2 * SPILL_EDGES)),
            Run::Memory(_)
        ));
    }
}
