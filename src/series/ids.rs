//! Stable series ids: an id, once written, stays with its series across ingests.
//!
//! Enters: the assignments of one table's members ([`super::assign`]), the id each member
//! carried in the dataset before (None for new members), an order of members (earliest first)
//! and the fresh id a series named after a member would get. Leaves: an id per series (keyed
//! by its first member) and the aliases: ids that a merge retired, each with the id that now
//! stands for it.
//!
//! A series keeps the id its members carried; when it joins series that carried several, the
//! one whose carrier comes earliest (the older series) is kept and the others become aliases;
//! when one old series splits, the part holding its earliest carrier keeps the id. Only a
//! series no member of which carried an id gets a fresh one.

use super::Assignment;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Ids per series and the aliases a merge retired.
#[derive(Debug, Default, PartialEq)]
pub struct Ids {
    /// First member of a series (its [`Assignment::first`]) → the series' id.
    pub of_first: HashMap<u32, String>,
    /// Retired id → the id that stands for it now.
    pub aliases: BTreeMap<String, String>,
}

/// Ids for the series of `assignments`; `carried[i]` is member i's id before this ingest,
/// `earlier(a, b)` orders members, `fresh(i)` is the id of a new series first seen at i.
pub fn stable_ids(
    assignments: &[Assignment],
    carried: &[Option<&str>],
    earlier: impl Fn(usize, usize) -> std::cmp::Ordering,
    fresh: impl Fn(usize) -> String,
) -> Ids {
    // Each old id's earliest carrier, per series that holds it.
    let mut claims: HashMap<&str, HashMap<u32, usize>> = HashMap::new();
    for (i, (a, id)) in assignments.iter().zip(carried).enumerate() {
        let Some(id) = id else { continue };
        let carrier = claims.entry(id).or_default().entry(a.first).or_insert(i);
        if earlier(i, *carrier).is_lt() {
            *carrier = i;
        }
    }
    // An id goes to the series holding its earliest carrier; per series, the ids it won with
    // their carriers.
    let mut won: HashMap<u32, Vec<(usize, &str)>> = HashMap::new();
    let mut ids: Vec<&&str> = claims.keys().collect();
    ids.sort();
    for id in ids {
        let (first, carrier) = claims[*id]
            .iter()
            .min_by(|a, b| earlier(*a.1, *b.1).then(a.0.cmp(b.0)))
            .map(|(f, c)| (*f, *c))
            .expect("a claimed id has a carrier");
        won.entry(first).or_default().push((carrier, id));
    }
    let mut out = Ids::default();
    let mut used: HashSet<String> = claims.keys().map(|s| s.to_string()).collect();
    let mut firsts: Vec<u32> = assignments.iter().map(|a| a.first).collect();
    firsts.sort_unstable();
    firsts.dedup();
    for first in firsts {
        let id = match won.get_mut(&first) {
            Some(ids) => {
                ids.sort_by(|a, b| earlier(a.0, b.0).then(a.1.cmp(b.1)));
                let kept = ids[0].1.to_string();
                for (_, retired) in &ids[1..] {
                    out.aliases.insert(retired.to_string(), kept.clone());
                }
                kept
            }
            None => {
                // A fresh id never takes one in use (a split-off part named after a member
                // that once named its series).
                let base = fresh(first as usize);
                let mut id = base.clone();
                let mut k = 2;
                while used.contains(&id) {
                    id = format!("{base}-{k}");
                    k += 1;
                }
                used.insert(id.clone());
                id
            }
        };
        out.of_first.insert(first, id);
    }
    out
}

/// Old aliases with the new ones, every alias pointing at an id in use (a retired id whose
/// stand-in was retired in its turn points at that one's stand-in).
pub fn merge_aliases(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut all: BTreeMap<String, String> = old.clone();
    all.extend(new.iter().map(|(a, b)| (a.clone(), b.clone())));
    all.keys()
        .map(|a| (a.clone(), resolve(&all, a)))
        .filter(|(a, b)| a != b)
        .collect()
}

/// Where a chain of aliases ends (a cycle stops where it would repeat).
fn resolve(aliases: &BTreeMap<String, String>, id: &str) -> String {
    let mut id = id;
    for _ in 0..aliases.len() {
        match aliases.get(id) {
            Some(next) if next != id => id = next,
            _ => break,
        }
    }
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(first: u32) -> Assignment {
        Assignment { first, link: None }
    }

    fn run(firsts: &[u32], carried: &[Option<&str>]) -> Ids {
        let assignments: Vec<Assignment> = firsts.iter().map(|&f| a(f)).collect();
        stable_ids(&assignments, carried, |x, y| x.cmp(&y), |i| format!("F{i}"))
    }

    #[test]
    fn new_series_get_fresh_ids_and_old_ones_keep_theirs() {
        // Members 0..3: 0 is new and now first of the series that 1 and 2 carried "S1" in.
        let ids = run(&[0, 0, 0, 3], &[None, Some("S1"), Some("S1"), None]);
        assert_eq!(ids.of_first[&0], "S1");
        assert_eq!(ids.of_first[&3], "F3");
        assert!(ids.aliases.is_empty());
    }

    #[test]
    fn a_merge_keeps_the_older_id_and_records_the_other_as_an_alias() {
        let ids = run(&[0, 0, 0], &[Some("B"), Some("A"), Some("B")]);
        // Member 0 (earliest) carried B: B is the older series.
        assert_eq!(ids.of_first[&0], "B");
        assert_eq!(ids.aliases, BTreeMap::from([("A".into(), "B".into())]));
    }

    #[test]
    fn a_split_leaves_the_id_with_the_earliest_carrier_and_a_fresh_one_never_collides() {
        // S was carried by 0, 1 and 2; now 0 and 1 are one series, 2 another, named after
        // member 2 whose fresh id is taken ("F2" carried by 3).
        let ids = stable_ids(
            &[a(0), a(0), a(2), a(3)],
            &[Some("S"), Some("S"), Some("S"), Some("F2")],
            |x, y| x.cmp(&y),
            |i| if i == 2 { "F2".into() } else { format!("F{i}") },
        );
        assert_eq!(ids.of_first[&0], "S");
        assert_eq!(ids.of_first[&3], "F2");
        assert_eq!(ids.of_first[&2], "F2-2");
    }

    #[test]
    fn aliases_point_at_ids_in_use() {
        let old = BTreeMap::from([("A".to_string(), "B".to_string())]);
        let new = BTreeMap::from([("B".to_string(), "C".to_string())]);
        let merged = merge_aliases(&old, &new);
        assert_eq!(merged["A"], "C");
        assert_eq!(merged["B"], "C");
    }
}
