//! Series: the same measure (or objective) recurring across reports, years and agencies.
//!
//! Enters: every measure (or objective) of a dataset as a [`Member`]: its report, agency, year,
//! number and text, and for a measure the text of its programme activity (objective). Leaves:
//! one [`Assignment`] per member: a `series_id` shared by its recurrences, and the link that put
//! it there (the member it is most similar to, the similarity, the rule).
//!
//! Rules (thresholds measured on the corpus series, see README "Series"):
//! - same agency, same number: text similarity ≥ [`SAME_NUMBER`];
//! - same agency, another number (a renumbered measure): similarity ≥ [`OTHER_NUMBER`];
//! - another agency: the programme activity texts ≥ [`PROGRAMME`] (objectives: their own texts)
//!   and, for measures, the measure texts ≥ [`OTHER_AGENCY`].
//!
//! Candidates: every pair within an agency; across agencies, the members whose texts a
//! similarity join ([`join`]) finds at or above the other-agency threshold (a text shared by
//! many reports is expanded as a chain in rank order past [`FULL`] pairs).
//!
//! Similarity is the Dice coefficient of character trigrams of the folded texts
//! ([`normalize::similarity`]): Mongolian inflects by suffixes ("өргөжүүлэх" / "өргөжүүлж"), so
//! shared trigrams survive rewording where whole words do not.
//!
//! Candidate links are taken strongest first; a link joins two series only when no report has
//! a member in both, so two distinct measures of one report never share a series.

mod join;

use crate::normalize::{self, Trigrams};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Same agency, same objective/measure number.
pub const SAME_NUMBER: f64 = 0.70;
/// Same agency, the number changed.
pub const OTHER_NUMBER: f64 = 0.80;
/// Another agency: programme activity texts.
pub const PROGRAMME: f64 = 0.80;
/// Another agency: measure texts (under a matching programme activity).
pub const OTHER_AGENCY: f64 = 0.75;

/// One measure or objective of the dataset (borrowed: an archive has hundreds of thousands).
#[derive(Debug, Clone)]
pub struct Member<'a> {
    pub doc_id: &'a str,
    pub agency: Option<&'a str>,
    pub year: Option<i32>,
    /// Objective number for objectives; "N.M" code for measures.
    pub code: Cow<'a, str>,
    /// Objective number (the number compared by the same-agency rule for measures too).
    pub number: Cow<'a, str>,
    pub text: &'a str,
    /// Programme activity (objective) text of a measure; None for objectives.
    pub context: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub series_id: String,
    /// "doc_id/code" of the member this one is most similar to in its series.
    pub link: Option<String>,
    pub similarity: Option<f64>,
    /// Which rule made the link: "same_agency_same_number", "same_agency_renumbered",
    /// "other_agency_programme".
    pub method: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rule {
    SameNumber,
    Renumbered,
    OtherAgency,
}

impl Rule {
    fn as_str(self) -> &'static str {
        match self {
            Rule::SameNumber => "same_agency_same_number",
            Rule::Renumbered => "same_agency_renumbered",
            Rule::OtherAgency => "other_agency_programme",
        }
    }
}

/// Agency names this similar are one agency: the same name with a misread letter (a scan), a
/// dropped space or another case.
pub const SAME_AGENCY: f64 = 0.90;

/// One key per agency for every name: names are folded and those within [`SAME_AGENCY`] of a
/// more frequent name take its key. Deterministic for the same set of names.
pub fn agency_keys(names: &[Option<&str>]) -> Vec<Option<String>> {
    let (keys, of) = agency_groups(names);
    of.iter().map(|k| k.map(|k| keys[k].clone())).collect()
}

/// [`agency_keys`] as the distinct keys and, for every name, the index of its key: an archive
/// names its few thousand agencies hundreds of thousands of times.
fn agency_groups(names: &[Option<&str>]) -> (Vec<String>, Vec<Option<usize>>) {
    let mut raw: HashMap<&str, usize> = HashMap::new();
    let raw_of: Vec<Option<usize>> = names
        .iter()
        .map(|n| {
            n.map(|n| {
                let next = raw.len();
                *raw.entry(n).or_insert(next)
            })
        })
        .collect();
    let mut raw_names: Vec<&str> = vec![""; raw.len()];
    for (n, &i) in &raw {
        raw_names[i] = n;
    }
    let folded: Vec<String> = raw_names
        .iter()
        .map(|n| normalize::fold_for_matching(n))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in raw_of.iter().flatten() {
        if !folded[*r].is_empty() {
            *counts.entry(folded[*r].as_str()).or_default() += 1;
        }
    }
    let mut distinct: Vec<(&str, usize)> = counts.into_iter().collect();
    distinct.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut canonical: Vec<(&str, Trigrams)> = Vec::new();
    let mut key_of: HashMap<&str, usize> = HashMap::new();
    for (name, _) in distinct {
        let grams = Trigrams::of(name);
        match canonical
            .iter()
            .position(|(_, g)| g.dice(&grams) >= SAME_AGENCY)
        {
            Some(c) => {
                key_of.insert(name, c);
            }
            None => {
                key_of.insert(name, canonical.len());
                canonical.push((name, grams));
            }
        }
    }
    let of = raw_of
        .iter()
        .map(|r| r.and_then(|r| key_of.get(folded[r].as_str()).copied()))
        .collect();
    (canonical.iter().map(|(n, _)| n.to_string()).collect(), of)
}

/// A member prepared for comparison.
struct Prepared<'a> {
    member: &'a Member<'a>,
    /// Index of the agency's key ([`agency_groups`]).
    agency: Option<usize>,
    text: Arc<Trigrams>,
    context: Option<Arc<Trigrams>>,
}

/// Which rule links two members of different reports, if any, and their similarity.
fn rule_for(a: &Prepared, b: &Prepared) -> Option<(Rule, f64)> {
    if a.member.doc_id == b.member.doc_id {
        return None;
    }
    let same_agency = a.agency.is_some() && a.agency == b.agency;
    if same_agency {
        let s = a.text.dice(&b.text);
        if a.member.number == b.member.number && s >= SAME_NUMBER {
            return Some((Rule::SameNumber, s));
        }
        if s >= OTHER_NUMBER {
            return Some((Rule::Renumbered, s));
        }
        return None;
    }
    match (&a.context, &b.context) {
        (Some(ca), Some(cb)) => {
            if ca.dice(cb) < PROGRAMME {
                return None;
            }
            let s = a.text.dice(&b.text);
            (s >= OTHER_AGENCY).then_some((Rule::OtherAgency, s))
        }
        (None, None) => {
            let s = a.text.dice(&b.text);
            (s >= PROGRAMME).then_some((Rule::OtherAgency, s))
        }
        _ => None,
    }
}

/// Member pairs of all pairs of members of these lists (`b` None: pairs within `a`), each list
/// sorted by rank. Past [`FULL`] pairs, each member is paired with the [`NEAREST`] members before
/// it in rank order (of the other list): a text shared by hundreds of reports (a national
/// measure) links as one chain instead of all its pairs, and its series stays whole.
fn expand(a: &[usize], b: Option<&[usize]>, rank: &[usize], out: &mut Vec<(usize, usize)>) {
    let full = match b {
        None => a.len() * a.len().saturating_sub(1) / 2,
        Some(b) => a.len() * b.len(),
    };
    if full <= FULL {
        match b {
            None => {
                for (x, &i) in a.iter().enumerate() {
                    out.extend(a[x + 1..].iter().map(|&j| (i, j)));
                }
            }
            Some(b) => {
                for &i in a {
                    out.extend(b.iter().map(|&j| (i, j)));
                }
            }
        }
        return;
    }
    match b {
        None => {
            for (x, &i) in a.iter().enumerate() {
                out.extend(a[x.saturating_sub(NEAREST)..x].iter().map(|&j| (j, i)));
            }
        }
        Some(b) => {
            let mut merged: Vec<(usize, bool)> = a
                .iter()
                .map(|&i| (i, false))
                .chain(b.iter().map(|&j| (j, true)))
                .collect();
            merged.sort_by_key(|&(i, _)| rank[i]);
            let mut last: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
            for (i, in_b) in merged {
                let other = &last[usize::from(!in_b)];
                out.extend(other.iter().rev().take(NEAREST).map(|&j| (j, i)));
                last[usize::from(in_b)].push(i);
            }
        }
    }
}

/// The text pairs among each text's [`PARTNERS`] most similar others (ties by index): a text
/// reworded many ways has a quadratic number of similar pairs, and its strongest links already
/// hold its series together.
fn strongest_per_text(mut pairs: Vec<(u32, u32, f64)>, n: usize) -> Vec<(usize, usize)> {
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    let mut taken = vec![0usize; n];
    let mut kept: Vec<(usize, usize)> = pairs
        .into_iter()
        .map(|(a, b, _)| (a as usize, b as usize))
        .filter(|&(a, b)| {
            let keep = taken[a] < PARTNERS || taken[b] < PARTNERS;
            taken[a] += 1;
            taken[b] += 1;
            keep
        })
        .collect();
    kept.sort_unstable();
    kept
}

/// Texts each text is paired with across agencies, strongest first.
const PARTNERS: usize = 16;

/// Member pairs of one text pair compared in full up to this many.
const FULL: usize = 256;
/// Past [`FULL`], the members each member is compared with.
const NEAREST: usize = 8;

/// Assign series to members (the result is in the members' order). Deterministic: the same
/// members in any order get the same ids.
pub fn assign(members: &[Member<'_>]) -> Vec<Assignment> {
    let n = members.len();
    let (_, agencies) = agency_groups(&members.iter().map(|m| m.agency).collect::<Vec<_>>());
    // One trigram set per distinct text: a text recurs over years and agencies, and a
    // programme activity is the context of all its measures.
    let mut interned: HashMap<&str, Arc<Trigrams>> = HashMap::new();
    let mut prepared: Vec<Prepared> = Vec::with_capacity(n);
    fn intern<'a>(interned: &mut HashMap<&'a str, Arc<Trigrams>>, t: &'a str) -> Arc<Trigrams> {
        interned
            .entry(t)
            .or_insert_with(|| Arc::new(Trigrams::of(t)))
            .clone()
    }
    for (m, agency) in members.iter().zip(agencies) {
        let text = intern(&mut interned, m.text);
        let context = m.context.map(|c| intern(&mut interned, c));
        prepared.push(Prepared {
            member: m,
            agency,
            text,
            context,
        });
    }
    let keys: Vec<Option<usize>> = prepared.iter().map(|p| p.agency).collect();
    // Members ranked by (year, report, code): ties between equal links go to earlier members.
    let mut by_order: Vec<usize> = (0..n).collect();
    let order = |i: usize| {
        let m = &members[i];
        (m.year.unwrap_or(i32::MAX), m.doc_id, m.code.as_ref())
    };
    by_order.sort_by(|&a, &b| order(a).cmp(&order(b)));
    let mut rank = vec![0usize; n];
    for (r, &i) in by_order.iter().enumerate() {
        rank[i] = r;
    }
    // Candidate pairs: within an agency all pairs (an agency has a few hundred members over
    // the years); across agencies, see below.
    let mut edges: Vec<(f64, Rule, usize, usize)> = Vec::new();
    let mut by_agency: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        by_agency.entry(*k).or_default().push(i);
    }
    // Agencies in parallel; the edges are sorted below, so their order here does not matter.
    let agencies: Vec<&Vec<usize>> = by_agency
        .iter()
        .filter(|(k, _)| k.is_some())
        .map(|(_, idx)| idx)
        .collect();
    edges.par_extend(agencies.par_iter().flat_map_iter(|idx| {
        let prepared = &prepared;
        idx.iter().enumerate().flat_map(move |(x, &i)| {
            idx[x + 1..].iter().filter_map(move |&j| {
                rule_for(&prepared[i], &prepared[j]).map(|(r, s)| (s, r, i.min(j), i.max(j)))
            })
        })
    }));
    // Across agencies: members whose texts are similar enough for the other-agency rule,
    // found by a similarity join over the distinct texts (never all pairs).
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        by_text.entry(m.text).or_default().push(i);
    }
    let mut texts: Vec<(&str, Vec<usize>)> = by_text.into_iter().collect();
    texts.sort_by(|a, b| a.0.cmp(b.0));
    for (_, idx) in &mut texts {
        idx.sort_by_key(|&i| rank[i]);
    }
    let sets: Vec<&Trigrams> = texts
        .iter()
        .map(|(_, idx)| &*prepared[idx[0]].text)
        .collect();
    let threshold = if members.iter().any(|m| m.context.is_some()) {
        OTHER_AGENCY
    } else {
        PROGRAMME
    };
    // Expanded one text pair at a time: only the links a rule accepts are kept.
    let mut across: Vec<(usize, usize)> = Vec::new();
    let mut keep = |across: &mut Vec<(usize, usize)>| {
        edges.extend(across.drain(..).filter_map(|(i, j)| {
            if keys[i] == keys[j] && keys[i].is_some() {
                return None; // same agency: compared above
            }
            rule_for(&prepared[i], &prepared[j]).map(|(r, s)| (s, r, i.min(j), i.max(j)))
        }));
    };
    for (_, idx) in &texts {
        expand(idx, None, &rank, &mut across);
        keep(&mut across);
    }
    let joined = strongest_per_text(join::similar_pairs(&sets, threshold), sets.len());
    for (a, b) in joined {
        expand(&texts[a].1, Some(&texts[b].1), &rank, &mut across);
        keep(&mut across);
    }
    // Strongest first; same-agency rules before others at equal similarity; ties by rank.
    edges.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(rank[a.2].min(rank[a.3]).cmp(&rank[b.2].min(rank[b.3])))
            .then(rank[a.2].max(rank[a.3]).cmp(&rank[b.2].max(rank[b.3])))
    });

    let mut parent: Vec<usize> = (0..n).collect();
    let mut docs: Vec<BTreeSet<&str>> =
        members.iter().map(|m| BTreeSet::from([m.doc_id])).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // The best accepted link of each member.
    let mut best: Vec<Option<(f64, Rule, usize)>> = vec![None; n];
    for (s, rule, i, j) in edges {
        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
        if ri == rj {
            continue;
        }
        if !docs[ri].is_disjoint(&docs[rj]) {
            continue;
        }
        // The smaller set of reports goes into the larger: linear over all merges.
        let (ri, rj) = if docs[ri].len() >= docs[rj].len() {
            (ri, rj)
        } else {
            (rj, ri)
        };
        let moved = std::mem::take(&mut docs[rj]);
        docs[ri].extend(moved);
        parent[rj] = ri;
        for (a, b) in [(i, j), (j, i)] {
            if best[a].is_none_or(|(bs, _, _)| s > bs) {
                best[a] = Some((s, rule, b));
            }
        }
    }

    // A series is named after its earliest member (year, report, code).
    let mut first: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        let e = first.entry(r).or_insert(i);
        if rank[i] < rank[*e] {
            *e = i;
        }
    }
    (0..n)
        .map(|i| {
            let r = find(&mut parent, i);
            let f = &members[first[&r]];
            let digest = Sha256::digest(format!("{}/{}", f.doc_id, f.code).as_bytes());
            let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
            let (link, similarity, method) = match best[i] {
                Some((s, rule, j)) => (
                    Some(format!("{}/{}", members[j].doc_id, members[j].code)),
                    Some((s * 1000.0).round() / 1000.0),
                    Some(rule.as_str()),
                ),
                None => (None, None, None),
            };
            Assignment {
                series_id: format!("S{hex}"),
                link,
                similarity,
                method,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m<'a>(
        doc: &'a str,
        agency: &'a str,
        year: i32,
        code: &'a str,
        text: &'a str,
        context: &'a str,
    ) -> Member<'a> {
        Member {
            doc_id: doc,
            agency: Some(agency),
            year: Some(year),
            code: code.into(),
            number: code.split('.').next().unwrap().into(),
            text,
            context: Some(context),
        }
    }

    const ACT: &str = "Төрийн үйлчилгээний нээлттэй байдлыг хангаж, хүртээмжийг нэмэгдүүлэх";

    /// A national measure worded alike in 300 agencies' reports (past FULL pairs: linked as a
    /// chain) is one series; a measure of other wording beside it in each report is another.
    #[test]
    fn a_measure_shared_by_hundreds_of_agencies_is_one_series() {
        let names: Vec<(String, String)> = (0..300)
            .map(|k| (format!("d{k:03}"), format!("Агентлаг {k}")))
            .collect();
        let mut members = Vec::new();
        for (doc, agency) in &names {
            members.push(m(
                doc,
                agency,
                2020,
                "1.1",
                "Цахим үйлчилгээний төвийг ашиглалтад оруулах",
                ACT,
            ));
            members.push(m(
                doc,
                agency,
                2020,
                "1.2",
                "Малчдын хоршоог дэмжих зээлийн хөтөлбөр хэрэгжүүлэх",
                ACT,
            ));
        }
        let a = assign(&members);
        let first: BTreeSet<&str> = a.iter().step_by(2).map(|x| x.series_id.as_str()).collect();
        let second: BTreeSet<&str> = a
            .iter()
            .skip(1)
            .step_by(2)
            .map(|x| x.series_id.as_str())
            .collect();
        assert_eq!(first.len(), 1, "{first:?}");
        assert_eq!(second.len(), 1);
        assert_ne!(first, second);
        assert!(a.iter().all(|x| x.link.is_some()));
    }

    #[test]
    fn reworded_measure_links_across_years_and_renumbering() {
        let ms = vec![
            m(
                "a",
                "НДЕГ",
                2019,
                "1.1",
                "Сэтгэл ханамжийг үнэлэх арга хэмжээг зохион байгуулах",
                ACT,
            ),
            m(
                "a",
                "НДЕГ",
                2019,
                "1.2",
                "Архивын лавлагааг цахимаар хүлээн авах ажиллагааг эхлүүлэх",
                ACT,
            ),
            m(
                "b",
                "НДЕГ",
                2020,
                "1.1",
                "Сэтгэл ханамжийг үнэлэх судалгааг зохион байгуулах",
                ACT,
            ),
            // Moved: 1.2 of 2019 is 2.1 of 2021, under another objective.
            m(
                "c",
                "НДЕГ",
                2021,
                "2.1",
                "Архивын лавлагааг цахимаар хүлээн авах ажиллагааг өргөжүүлэх",
                ACT,
            ),
        ];
        let a = assign(&ms);
        assert_eq!(a[0].series_id, a[2].series_id);
        assert_eq!(a[1].series_id, a[3].series_id);
        assert_ne!(a[0].series_id, a[1].series_id);
        assert_eq!(a[3].method, Some("same_agency_renumbered"));
        assert_eq!(a[2].link.as_deref(), Some("a/1.1"));
        assert!(a[2].similarity.unwrap() >= SAME_NUMBER);
    }

    #[test]
    fn two_measures_of_one_report_never_share_a_series() {
        let ms = vec![
            m("a", "X", 2019, "1.1", "Сургалт зохион байгуулах", ACT),
            m("b", "X", 2020, "1.1", "Сургалт зохион байгуулах", ACT),
            m("b", "X", 2020, "1.2", "Сургалт зохион байгуулах.", ACT),
        ];
        let a = assign(&ms);
        assert_ne!(a[1].series_id, a[2].series_id);
        assert!(a[0].series_id == a[1].series_id || a[0].series_id == a[2].series_id);
    }

    #[test]
    fn other_agency_needs_the_same_programme_activity() {
        let ms = vec![
            m(
                "a",
                "X",
                2019,
                "1.1",
                "Ашиг сонирхлын мэдүүлгийг цахимаар хүлээн авах",
                ACT,
            ),
            m(
                "b",
                "Y",
                2019,
                "3.2",
                "Ашиг сонирхлын мэдүүлгийг цахимаар хүлээн авах",
                ACT,
            ),
            m(
                "c",
                "Z",
                2019,
                "1.1",
                "Ашиг сонирхлын мэдүүлгийг цахимаар хүлээн авах",
                "Гаалийн хяналтыг эрсдэлд суурилсан болгох",
            ),
        ];
        let a = assign(&ms);
        assert_eq!(a[0].series_id, a[1].series_id);
        assert_eq!(a[1].method, Some("other_agency_programme"));
        assert_ne!(a[0].series_id, a[2].series_id);
        assert!(a[2].link.is_none());
    }

    #[test]
    fn agency_names_with_a_misread_letter_are_one_agency() {
        let keys = agency_keys(&[
            Some("Нийгмийн даатгалын ерөнхий газар"),
            Some("НИЙГМИЙН ДААТГАЛЫН ЕРӨНХИЙ ГАЗАР"),
            Some("Нийгмийн даатгалын ерөнхий газap"),
            Some("Гаалийн ерөнхий газар"),
            Some("Татварын ерөнхий газар"),
            None,
        ]);
        assert_eq!(keys[0], keys[1]);
        assert_eq!(keys[0], keys[2]);
        assert_ne!(keys[0], keys[3]);
        assert_ne!(keys[3], keys[4]);
        assert_eq!(keys[5], None);
    }

    #[test]
    fn ids_do_not_depend_on_input_order() {
        let mut ms = vec![
            m("a", "X", 2019, "1.1", "Сургалт зохион байгуулах", ACT),
            m("b", "X", 2020, "1.1", "Сургалтыг зохион байгуулах", ACT),
            m("c", "X", 2021, "2.1", "Журам батлуулах", ACT),
        ];
        let a = assign(&ms);
        ms.reverse();
        let mut b = assign(&ms);
        b.reverse();
        assert_eq!(a, b);
        assert_eq!(a[0].series_id, a[1].series_id);
    }
}
