//! The reports of each series while links are taken: a link joins two series only when no
//! report has a member in both.
//!
//! Enters: each member's report (an index) and the merges the union-find makes. Leaves:
//! whether two series share a report, and each series' size in reports.
//!
//! A series that is one member has no set (its report is the member's own): most members of
//! an archive stay alone or join another before a set is needed. The sets are hash sets (a
//! few bytes a report, where a B-tree node holds up to eleven in 56 and more): an archive's
//! series together hold every linked member's report.

/// Report indices, hashed by ahash with fixed keys: a hasher without state keeps each set at
/// 32 bytes before its table (a random state would add 32 to each of a hundred thousand sets),
/// and the indices are ours, not the reports' text.
type HashSet<T> = std::collections::HashSet<T, std::hash::BuildHasherDefault<ahash::AHasher>>;
const _: () = assert!(std::mem::size_of::<HashSet<u32>>() == 32);

/// No set: the series is its root member alone.
const ALONE: u32 = u32::MAX;

pub(super) struct SeriesReports<'d> {
    /// Each member's report.
    doc_of: &'d [u32],
    /// For a series' root member, the index of its set in `sets` ([`ALONE`]: none).
    set_of: Vec<u32>,
    sets: Vec<HashSet<u32>>,
    /// Indices of `sets` emptied by a merge, taken again before new ones are made.
    free: Vec<u32>,
}

impl<'d> SeriesReports<'d> {
    /// Every member alone in its series.
    pub(super) fn new(doc_of: &'d [u32]) -> Self {
        SeriesReports {
            doc_of,
            set_of: vec![ALONE; doc_of.len()],
            sets: Vec::new(),
            free: Vec::new(),
        }
    }

    fn set(&self, root: usize) -> Option<&HashSet<u32>> {
        let s = self.set_of[root];
        (s != ALONE).then(|| &self.sets[s as usize])
    }

    /// The number of reports of the series rooted at `root`.
    pub(super) fn size(&self, root: usize) -> usize {
        self.set(root).map_or(1, HashSet::len)
    }

    /// Whether no report has a member in both series (given by their roots).
    pub(super) fn disjoint(&self, a: usize, b: usize) -> bool {
        match (self.set(a), self.set(b)) {
            (None, None) => self.doc_of[a] != self.doc_of[b],
            (Some(s), None) => !s.contains(&self.doc_of[b]),
            (None, Some(s)) => !s.contains(&self.doc_of[a]),
            (Some(x), Some(y)) => x.is_disjoint(y),
        }
    }

    /// The reports of the series rooted at `from` join those of `into` (its new root).
    pub(super) fn merge(&mut self, into: usize, from: usize) {
        let moved = match std::mem::replace(&mut self.set_of[from], ALONE) {
            ALONE => [self.doc_of[from]].into_iter().collect(),
            s => {
                self.free.push(s);
                std::mem::take(&mut self.sets[s as usize])
            }
        };
        if self.set_of[into] == ALONE {
            let s = match self.free.pop() {
                Some(s) => s,
                None => {
                    self.sets.push(HashSet::default());
                    self.sets.len() as u32 - 1
                }
            };
            self.sets[s as usize].insert(self.doc_of[into]);
            self.set_of[into] = s;
        }
        self.sets[self.set_of[into] as usize].extend(moved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_share_a_report_once_merged_with_one_that_has_it() {
        // Members 0..5 of reports 7, 8, 7, 9, 8.
        let docs = [7, 8, 7, 9, 8];
        let mut r = SeriesReports::new(&docs);
        assert!(!r.disjoint(0, 2), "two members of one report");
        assert!(r.disjoint(0, 1));
        r.merge(0, 1);
        assert_eq!(r.size(0), 2);
        assert!(!r.disjoint(0, 4), "report 8 is in series 0 now");
        assert!(!r.disjoint(4, 0));
        assert!(r.disjoint(0, 3));
        r.merge(0, 3);
        assert_eq!(r.size(0), 3);
        r.merge(2, 4);
        assert!(!r.disjoint(0, 2), "both sets hold reports 7 and 8");
        assert!(!r.disjoint(2, 0));
        let mut other = SeriesReports::new(&[1, 2, 3, 4]);
        other.merge(0, 1);
        other.merge(2, 3);
        assert!(other.disjoint(0, 2), "reports 1 and 2 against 3 and 4");
    }

    #[test]
    fn an_emptied_set_is_taken_again() {
        let docs = [1, 2, 3, 4];
        let mut r = SeriesReports::new(&docs);
        r.merge(0, 1);
        r.merge(2, 3);
        r.merge(0, 2);
        assert_eq!(r.sets.len(), 2);
        assert_eq!(r.free.len(), 1);
        let mut more = SeriesReports::new(&[1, 2, 3, 4, 5, 6]);
        more.merge(0, 1);
        more.merge(2, 3);
        more.merge(0, 2);
        more.merge(4, 5);
        assert_eq!(more.sets.len(), 2, "the freed set is reused");
        assert_eq!(more.size(0), 4);
        assert_eq!(more.size(4), 2);
    }
}
