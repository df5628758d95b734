//! Series: the same measure (or objective) recurring across reports, years and agencies.
//!
//! Enters: every measure (or objective) of a dataset as a [`Member`]: its report, agency, year,
//! number and text, and for a measure the text of its programme activity (objective). Leaves:
//! one [`Assignment`] per member: the member its series is named after ([`series_id`]), shared
//! by its recurrences, and the link that put it there (the member it is most similar to, the
//! similarity, the rule).
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

pub mod ids;
mod join;
mod reports;
mod runs;

pub use join::JoinState;

use crate::normalize::{self, Trigrams};
use ahash::{HashMap, HashMapExt};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::borrow::Cow;

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
    pub number: i64,
    pub text: &'a str,
    /// Programme activity (objective) text of a measure; None for objectives.
    pub context: Option<&'a str>,
}

/// A member's series: the member the series is named after and the link that put this member
/// in it (indices into the members: an archive has hundreds of thousands).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assignment {
    /// The series' earliest member (year, report, code): its id is [`series_id`] of that one.
    pub first: u32,
    /// The member this one is most similar to in its series; None alone in its series.
    pub link: Option<Link>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub member: u32,
    /// Text similarity, to three decimals.
    pub similarity: f64,
    pub rule: Rule,
}

/// A member's strongest accepted link while links are taken: 12 bytes (an archive has
/// hundreds of thousands), the similarity as the candidate held it.
#[derive(Debug, Clone, Copy)]
struct Best {
    member: u32,
    similarity: f32,
    rule: Rule,
}

const _: () = assert!(std::mem::size_of::<Option<Best>>() == 12);

/// Which rule made a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    SameNumber,
    Renumbered,
    OtherAgency,
}

impl Rule {
    /// The name stored in the dataset's series_method column.
    pub fn as_str(self) -> &'static str {
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
    of.iter()
        .map(|k| k.map(|k| keys[k as usize].clone()))
        .collect()
}

/// [`agency_keys`] as the distinct keys and, for every name, the index of its key: an archive
/// names its few thousand agencies hundreds of thousands of times.
fn agency_groups(names: &[Option<&str>]) -> (Vec<String>, Vec<Option<u32>>) {
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
    let key = canonical_keys(&distinct.iter().map(|(n, _)| *n).collect::<Vec<_>>());
    // Keys are numbered in the order canonical names come.
    let mut names: Vec<String> = Vec::new();
    let mut number = vec![0u32; distinct.len()];
    let mut key_of: HashMap<&str, u32> = HashMap::new();
    for (i, (name, _)) in distinct.iter().enumerate() {
        if key[i] as usize == i {
            number[i] = names.len() as u32;
            names.push(name.to_string());
        }
        key_of.insert(name, number[key[i] as usize]);
    }
    let of = raw_of
        .iter()
        .map(|r| r.and_then(|r| key_of.get(folded[r].as_str()).copied()))
        .collect();
    (names, of)
}

/// For folded names in order (most frequent first), the name each is known by: the first
/// earlier name that became canonical and is within [`SAME_AGENCY`] of it, else itself. The
/// candidates come from the similarity join, never all pairs: an archive of scans spells its
/// thousands of agencies in tens of thousands of ways.
fn canonical_keys(names: &[&str]) -> Vec<u32> {
    let sets = join::rank_sets(names.par_iter().map(|n| Trigrams::of(n)).collect());
    let sets: Vec<&[u32]> = sets.iter().map(|s| &**s).collect();
    // Each name's similar names before it (pairs come as i < j).
    let mut earlier: Vec<Vec<u32>> = vec![Vec::new(); names.len()];
    for (i, j, _) in join::similar_pairs(&sets, SAME_AGENCY) {
        earlier[j as usize].push(i);
    }
    let mut key: Vec<u32> = (0..names.len() as u32).collect();
    for j in 0..names.len() {
        // Canonical names are taken in order: the first one similar is the smallest index.
        if let Some(&i) = earlier[j].iter().filter(|&&i| key[i as usize] == i).min() {
            key[j] = i;
        }
    }
    key
}

/// A link candidate: similarity, rule and the ranks of its two members, packed in 12 bytes (an
/// archive's candidates are millions) so that the derived order is the order links are taken
/// in: strongest first, same-agency rules before others at equal similarity, then by the
/// earlier member's rank and the later one's. The similarity is kept as f32, which orders Dice
/// coefficients (ratios of trigram counts) as f64 does for texts under a few thousand trigrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Edge([u32; 3]);

/// Ranks take the low 30 bits of [`Edge`]'s second word, the rule the top 2.
const RANK_BITS: u32 = 30;

impl Edge {
    fn new(similarity: f64, rule: Rule, a: u32, b: u32) -> Edge {
        let rule = match rule {
            Rule::SameNumber => 0,
            Rule::Renumbered => 1,
            Rule::OtherAgency => 2,
        };
        // A non-negative f32's bits order as its value: inverted, the strongest comes first.
        let strength = !(similarity as f32).to_bits();
        Edge([strength, (rule << RANK_BITS) | a.min(b), a.max(b)])
    }

    fn similarity32(self) -> f32 {
        f32::from_bits(!self.0[0])
    }

    fn rule(self) -> Rule {
        match self.0[1] >> RANK_BITS {
            0 => Rule::SameNumber,
            1 => Rule::Renumbered,
            _ => Rule::OtherAgency,
        }
    }

    /// The ranks of its two members, earlier first.
    fn ranks(self) -> (usize, usize) {
        (
            (self.0[1] & ((1 << RANK_BITS) - 1)) as usize,
            self.0[2] as usize,
        )
    }
}

/// Candidates of one agency or one batch of text pairs, sorted, without spare capacity: the
/// union-find takes the chunks merged, never all candidates copied into one list.
fn sorted_chunk(mut edges: Vec<Edge>) -> Vec<Edge> {
    edges.sort_unstable();
    edges.shrink_to_fit();
    edges
}

/// What [`assign`] compares, one entry per member: indices into shared tables.
struct Prepared {
    /// Each member's objective number (the same-agency rule compares them).
    number: Vec<i64>,
    /// Index of each member's report (compared for every candidate pair: no strings).
    doc: Vec<u32>,
    /// Index of each member's agency key ([`agency_groups`]).
    agency: Vec<Option<u32>>,
    /// Index of each member's context (programme activity) text in `sets`.
    context: Vec<Option<u32>>,
    /// One trigram set per distinct text (member texts and contexts alike).
    /// Trigram sets ranked for the join ([`join::rank_sets`]).
    sets: Vec<Box<[u32]>>,
}

impl Prepared {
    /// Which rule links members `i` and `j`, whose texts are `s` alike, if any.
    /// `programme` memoizes whether two context texts are alike enough: a programme activity
    /// is the context of all its measures.
    fn rule(
        &self,
        i: usize,
        j: usize,
        s: f64,
        programme: &mut HashMap<(u32, u32), bool>,
    ) -> Option<Rule> {
        if self.doc[i] == self.doc[j] {
            return None;
        }
        if self.agency[i].is_some() && self.agency[i] == self.agency[j] {
            if self.number[i] == self.number[j] && s >= SAME_NUMBER {
                return Some(Rule::SameNumber);
            }
            return (s >= OTHER_NUMBER).then_some(Rule::Renumbered);
        }
        match (self.context[i], self.context[j]) {
            (Some(ca), Some(cb)) => (s >= OTHER_AGENCY
                && *programme
                    .entry((ca.min(cb), ca.max(cb)))
                    .or_insert_with(|| {
                        join::dice(&self.sets[ca as usize], &self.sets[cb as usize]) >= PROGRAMME
                    }))
            .then_some(Rule::OtherAgency),
            (None, None) => (s >= PROGRAMME).then_some(Rule::OtherAgency),
            _ => None,
        }
    }

    /// The accepted links among member pairs whose texts are `s` alike (`skip_same_agency`:
    /// pairs within an agency are left to that agency's own join), added to `out`;
    /// `programme` as for [`Prepared::rule`], shared by a batch of calls.
    fn edges(
        &self,
        pairs: &[(usize, usize)],
        s: f64,
        skip_same_agency: bool,
        rank: &[u32],
        programme: &mut HashMap<(u32, u32), bool>,
        out: &mut Vec<Edge>,
    ) {
        out.extend(
            pairs
                .iter()
                .filter(|&&(i, j)| {
                    !(skip_same_agency
                        && self.agency[i].is_some()
                        && self.agency[i] == self.agency[j])
                })
                .filter_map(|&(i, j)| {
                    self.rule(i, j, s, programme)
                        .map(|r| Edge::new(s, r, rank[i], rank[j]))
                }),
        );
    }
}

/// Member pairs of all pairs of members of these lists (`b` None: pairs within `a`), each list
/// sorted by rank. Past [`FULL`] pairs, each member is paired with the [`NEAREST`] members before
/// it in rank order (of the other list): a text shared by hundreds of reports (a national
/// measure) links as one chain instead of all its pairs, and its series stays whole.
fn expand(a: &[usize], b: Option<&[usize]>, rank: &[u32], out: &mut Vec<(usize, usize)>) {
    let full = match b {
        None => a.len() * a.len().saturating_sub(1) / 2,
        Some(b) => a.len() * b.len(),
    };
    if full <= FULL {
        all_pairs(a, b, out);
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

/// Every pair of members of these lists (`b` None: pairs within `a`).
fn all_pairs(a: &[usize], b: Option<&[usize]>, out: &mut Vec<(usize, usize)>) {
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
}

/// Texts each text is paired with across agencies, strongest first.
const PARTNERS: usize = 16;

/// In a text pair, the other text when the pair is the text's members among themselves.
const ITSELF: u32 = u32::MAX;

/// Cross-agency text pairs expanded into one chunk of candidates.
const TEXT_PAIRS_PER_CHUNK: usize = 4096;

/// Agencies whose candidates make one run.
const AGENCIES_PER_RUN: usize = 16;

/// Member pairs of one text pair compared in full up to this many.
const FULL: usize = 256;
/// Past [`FULL`], the members each member is compared with.
const NEAREST: usize = 8;

/// Assign series to members (the result is in the members' order). Deterministic: the same
/// members in any order get the same ids.
pub fn assign(members: &[Member<'_>]) -> Vec<Assignment> {
    assign_updating(members.to_vec(), None, None)
        .expect("linking in memory reads no file")
        .0
}

/// [`assign`], with the cross-agency join updated from the state a former assignment left
/// (`before`), so that only texts new to it are probed; the same result. Also returns the state
/// to keep for the next. The members go as soon as what is compared is taken from them: an
/// archive has hundreds of thousands. With `spill` (a folder), long runs of candidates wait
/// in a file there ([`runs`]); the error is one reading them back.
pub fn assign_updating(
    members: Vec<Member<'_>>,
    before: Option<JoinState>,
    spill: Option<&std::path::Path>,
) -> std::io::Result<(Vec<Assignment>, JoinState)> {
    let spill = runs::Spill::new(spill);
    let n = members.len();
    let (_, agency) = agency_groups(&members.iter().map(|m| m.agency).collect::<Vec<_>>());
    // One trigram set per distinct text: a text recurs over years and agencies, and a
    // programme activity is the context of all its measures.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    let mut id_of = |t| {
        *ids.entry(t).or_insert_with(|| {
            distinct.push(t);
            distinct.len() as u32 - 1
        })
    };
    let text: Vec<u32> = members.iter().map(|m| id_of(m.text)).collect();
    let context: Vec<Option<u32>> = members.iter().map(|m| m.context.map(&mut id_of)).collect();
    let mut doc_index: HashMap<&str, u32> = HashMap::new();
    let doc: Vec<u32> = members
        .iter()
        .map(|m| {
            let next = doc_index.len() as u32;
            *doc_index.entry(m.doc_id).or_insert(next)
        })
        .collect();
    drop(doc_index);
    // Members ranked by (year, report, code): ties between equal links go to earlier members.
    let mut by_order: Vec<usize> = (0..n).collect();
    let order = |i: usize| {
        let m = &members[i];
        (m.year.unwrap_or(i32::MAX), m.doc_id, m.code.as_ref())
    };
    by_order.sort_by(|&a, &b| order(a).cmp(&order(b)));
    assert!(
        n < 1 << RANK_BITS,
        "{n} members: series linking takes under 2^30"
    );
    let mut rank = vec![0u32; n];
    for (r, &i) in by_order.iter().enumerate() {
        rank[i] = r as u32;
    }
    let with_context = members.iter().any(|m| m.context.is_some());
    let number = members.iter().map(|m| m.number).collect();
    drop(members);
    let sets = join::rank_sets(distinct.par_iter().map(|t| Trigrams::of(t)).collect());
    let prepared = Prepared {
        number,
        doc,
        agency,
        context,
        sets,
    };
    // Members of each text, in rank order.
    let mut of_text: Vec<Vec<usize>> = vec![Vec::new(); prepared.sets.len()];
    for &i in &by_order {
        of_text[text[i] as usize].push(i);
    }
    // Member texts in text order: ties in the join's cut go by it, whatever the input order.
    let mut texts: Vec<u32> = (0..of_text.len() as u32)
        .filter(|&t| !of_text[t as usize].is_empty())
        .collect();
    texts.sort_unstable_by_key(|&t| distinct[t as usize]);
    let self_similarity =
        |t: u32| join::dice(&prepared.sets[t as usize], &prepared.sets[t as usize]);

    // Across agencies: members whose texts are similar enough for the other-agency rule,
    // found by a similarity join over the distinct texts (never all pairs). First: the join's
    // working memory is gone before the candidates are made.
    let threshold = if with_context {
        OTHER_AGENCY
    } else {
        PROGRAMME
    };
    let sets: Vec<&[u32]> = texts.iter().map(|&t| &*prepared.sets[t as usize]).collect();
    let keys: Vec<u64> = texts
        .par_iter()
        .map(|&t| join::text_key(distinct[t as usize]))
        .collect();
    let state = join::strongest_pairs_updated(&sets, keys, threshold, PARTNERS, before);
    drop(sets);
    // Text pairs: each text with itself, then the join's pairs; made as they are expanded
    // (an archive has a million): (text, other text or [`ITSELF`], similarity).
    let text_pairs = texts.len() + state.pairs.len();
    let text_pair = |k: usize| -> (u32, u32, f64) {
        match k.checked_sub(texts.len()) {
            None => (texts[k], ITSELF, self_similarity(texts[k])),
            Some(p) => {
                let (a, b, s) = state.pairs[p];
                (texts[a as usize], texts[b as usize], s)
            }
        }
    };
    // Within an agency: every pair whose texts the join finds at the lowest same-agency
    // threshold (exact), in full (an agency has a few hundred members over the years).
    let mut by_agency: HashMap<u32, Vec<usize>> = HashMap::new();
    for &i in &by_order {
        if let Some(k) = prepared.agency[i] {
            by_agency.entry(k).or_default().push(i);
        }
    }
    let agencies: Vec<&Vec<usize>> = by_agency.values().collect();
    let agency_edges = |idx: &[usize], edges: &mut Vec<Edge>| {
        let mut groups: HashMap<u32, Vec<usize>> = HashMap::new();
        for &i in idx.iter() {
            groups.entry(text[i]).or_default().push(i);
        }
        let mut own: Vec<(u32, Vec<usize>)> = groups.into_iter().collect();
        own.sort_unstable_by_key(|(t, _)| *t);
        let sets: Vec<&[u32]> = own
            .iter()
            .map(|(t, _)| &*prepared.sets[*t as usize])
            .collect();
        let (mut pairs, mut programme) = (Vec::new(), HashMap::new());
        for (t, members) in &own {
            all_pairs(members, None, &mut pairs);
            let s = self_similarity(*t);
            prepared.edges(&pairs, s, false, &rank, &mut programme, edges);
            pairs.clear();
        }
        for (a, b, s) in join::similar_pairs(&sets, SAME_NUMBER) {
            all_pairs(&own[a as usize].1, Some(&own[b as usize].1), &mut pairs);
            prepared.edges(&pairs, s, false, &rank, &mut programme, edges);
            pairs.clear();
        }
    };
    // Several agencies to a run: a run long enough waits in the spill file, where one
    // agency's few hundred candidates would stay in memory.
    let mut chunks: Vec<runs::Run> = agencies
        .par_chunks(AGENCIES_PER_RUN)
        .map(|group| {
            let mut edges = Vec::new();
            for idx in group {
                agency_edges(idx, &mut edges);
            }
            spill.keep(sorted_chunk(edges))
        })
        .collect();
    chunks.par_extend(
        (0..text_pairs.div_ceil(TEXT_PAIRS_PER_CHUNK))
            .into_par_iter()
            .map(|chunk| {
                let (mut edges, mut pairs, mut programme) =
                    (Vec::new(), Vec::new(), HashMap::new());
                let start = chunk * TEXT_PAIRS_PER_CHUNK;
                for k in start..(start + TEXT_PAIRS_PER_CHUNK).min(text_pairs) {
                    let (a, b, s) = text_pair(k);
                    let b = (b != ITSELF).then(|| of_text[b as usize].as_slice());
                    expand(&of_text[a as usize], b, &rank, &mut pairs);
                    prepared.edges(&pairs, s, true, &rank, &mut programme, &mut edges);
                    pairs.clear();
                }
                spill.keep(sorted_chunk(edges))
            }),
    );
    let spill_file = spill.finish();
    let read_error = std::cell::RefCell::new(None);
    // What only the candidates needed goes before the links are taken; each member's report
    // stays (a series never holds two members of one report).
    let Prepared { doc, .. } = prepared;
    drop((of_text, texts, text));

    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut reports = reports::SeriesReports::new(&doc);
    fn find(parent: &mut [u32], i: usize) -> usize {
        let mut i = i as u32;
        while parent[i as usize] != i {
            parent[i as usize] = parent[parent[i as usize] as usize];
            i = parent[i as usize];
        }
        i as usize
    }
    // The best accepted link of each member.
    let mut best: Vec<Option<Best>> = vec![None; n];
    for edge in runs::merged(&chunks, spill_file.as_ref(), &read_error) {
        let (i, j) = edge.ranks();
        let (i, j) = (by_order[i], by_order[j]);
        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
        if ri == rj || !reports.disjoint(ri, rj) {
            continue;
        }
        // The smaller set of reports goes into the larger: linear over all merges.
        let (ri, rj) = if reports.size(ri) >= reports.size(rj) {
            (ri, rj)
        } else {
            (rj, ri)
        };
        reports.merge(ri, rj);
        parent[rj] = ri as u32;
        let (similarity, rule) = (edge.similarity32(), edge.rule());
        for (a, b) in [(i, j), (j, i)] {
            if best[a].is_none_or(|l| similarity > l.similarity) {
                best[a] = Some(Best {
                    member: b as u32,
                    similarity,
                    rule,
                });
            }
        }
    }
    drop((reports, chunks, spill_file));
    if let Some(e) = read_error.into_inner() {
        return Err(e);
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
    let assigned = (0..n)
        .map(|i| Assignment {
            first: first[&find(&mut parent, i)] as u32,
            link: best[i].map(|l| Link {
                member: l.member,
                similarity: (f64::from(l.similarity) * 1000.0).round() / 1000.0,
                rule: l.rule,
            }),
        })
        .collect();
    Ok((assigned, state))
}

/// The id of the series named after `first` (its earliest member).
pub fn series_id(doc_id: &str, code: &str) -> String {
    let digest = Sha256::digest(format!("{doc_id}/{code}").as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("S{hex}")
}

/// How a member is named in a link: "doc_id/code".
pub fn member_key(doc_id: &str, code: &str) -> String {
    format!("{doc_id}/{code}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
            number: code.split('.').next().unwrap().parse().unwrap(),
            text,
            context: Some(context),
        }
    }

    /// What the dataset stores for each member: series id, link, similarity, method.
    #[derive(Debug, PartialEq)]
    struct Named {
        series_id: String,
        link: Option<String>,
        similarity: Option<f64>,
        method: Option<&'static str>,
    }

    fn assign(ms: &[Member]) -> Vec<Named> {
        super::assign(ms)
            .into_iter()
            .map(|a| {
                let f = &ms[a.first as usize];
                let linked = a.link.map(|l| &ms[l.member as usize]);
                Named {
                    series_id: series_id(f.doc_id, &f.code),
                    link: linked.map(|m| member_key(m.doc_id, &m.code)),
                    similarity: a.link.map(|l| l.similarity),
                    method: a.link.map(|l| l.rule.as_str()),
                }
            })
            .collect()
    }

    const ACT: &str = "Төрийн үйлчилгээний нээлттэй байдлыг хангаж, хүртээмжийг нэмэгдүүлэх";

    /// A national measure worded alike in 300 agencies' reports (past FULL pairs: linked as a
    /// chain) is one series; a measure of other wording beside it in each report is another.
    /// Two agencies' 120 reports each with one measure alike (7,140 candidate pairs each: runs
    /// long enough to be spilled) and one of their own: spilled runs give the links kept ones
    /// give.
    #[test]
    fn links_are_the_same_with_candidates_spilled() {
        let own: Vec<String> = (0..240)
            .map(|k| {
                format!(
                    "Тайлан {k}-ийн өөрийн арга хэмжээ: {} удаа зохион байгуулах",
                    k * 7
                )
            })
            .collect();
        let docs: Vec<String> = (0..240).map(|k| format!("d{k:03}")).collect();
        let other = "Орон нутгийн замын засварын ажлыг улирал бүр хянаж тайлагнах";
        let mut ms = Vec::new();
        for k in 0..240 {
            let year = 2000 + (k % 20) as i32;
            let (agency, alike, code) = if k < 120 {
                ("Газар", ACT, "1.1")
            } else {
                ("Хороо", other, "3.1")
            };
            ms.push(m(&docs[k], agency, year, code, alike, alike));
            ms.push(m(&docs[k], agency, year, "2.1", &own[k], alike));
        }
        let dir = tempfile::tempdir().unwrap();
        let spilled = super::assign_updating(ms.clone(), None, Some(dir.path()))
            .unwrap()
            .0;
        assert_eq!(spilled, super::assign(&ms));
        // Each agency's alike measure is one series over its 120 reports.
        for half in [0, 240] {
            let first = spilled[half].first;
            assert!(spilled[half..half + 240]
                .iter()
                .step_by(2)
                .all(|a| a.first == first));
        }
    }

    #[test]
    fn candidates_sort_as_links_are_taken() {
        // A small LCG: many similarities, rules and ranks, ties included.
        let mut x: u64 = 7;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let rules = [Rule::SameNumber, Rule::Renumbered, Rule::OtherAgency];
        let raw: Vec<(f64, Rule, u32, u32)> = (0..2000)
            .map(|_| {
                let s = next(40) as f64 / 41.0 + 0.01;
                let rule = rules[next(3) as usize];
                let (a, b) = (next(50) as u32, next(1 << 29) as u32 * 2);
                (s, rule, a, b)
            })
            .collect();
        let mut expected = raw.clone();
        expected.sort_by(|a, b| {
            (b.0 as f32)
                .total_cmp(&(a.0 as f32))
                .then(a.1.cmp(&b.1))
                .then(a.2.min(a.3).cmp(&b.2.min(b.3)))
                .then(a.2.max(a.3).cmp(&b.2.max(b.3)))
        });
        let mut packed: Vec<Edge> = raw
            .iter()
            .map(|&(s, r, a, b)| Edge::new(s, r, a, b))
            .collect();
        packed.sort_unstable();
        let unpacked: Vec<(f32, Rule, u32, u32)> = packed
            .iter()
            .map(|e| {
                let (lo, hi) = e.ranks();
                (e.similarity32(), e.rule(), lo as u32, hi as u32)
            })
            .collect();
        let expected: Vec<(f32, Rule, u32, u32)> = expected
            .iter()
            .map(|&(s, r, a, b)| (s as f32, r, a.min(b), a.max(b)))
            .collect();
        assert_eq!(unpacked, expected);
    }

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
    fn canonical_names_are_those_of_comparing_every_earlier_canonical() {
        // The rule as first written: each name against every canonical name before it.
        fn every_pair(names: &[&str]) -> Vec<u32> {
            let mut canonical: Vec<(u32, Trigrams)> = Vec::new();
            let mut key = Vec::new();
            for (i, n) in names.iter().enumerate() {
                let grams = Trigrams::of(n);
                match canonical
                    .iter()
                    .find(|(_, g)| g.dice(&grams) >= SAME_AGENCY)
                {
                    Some((c, _)) => key.push(*c),
                    None => {
                        key.push(i as u32);
                        canonical.push((i as u32, grams));
                    }
                }
            }
            key
        }
        let stems = [
            "нийгмийн даатгалын ерөнхий газар",
            "гаалийн ерөнхий газар",
            "татварын ерөнхий газар",
            "улсын бүртгэлийн ерөнхий газар",
            "газар зохион байгуулалт геодезийн газар",
            "сангийн яам",
            "эрүүл мэндийн яам",
        ];
        let letters: Vec<char> = "абвгдеёжзийклмноөпрстуүфхцчшщъыьэюя".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        // Misread letters, one or two, chained: variants of variants fall either side of the
        // threshold, so which name a variant is known by depends on the order.
        let mut names: Vec<String> = stems.iter().map(|s| s.to_string()).collect();
        for _ in 0..600 {
            // Half of them from a stem, so that most names have near neighbours.
            let from = if next(2) == 0 {
                next(stems.len())
            } else {
                next(names.len())
            };
            let mut chars: Vec<char> = names[from].chars().collect();
            for _ in 0..1 + usize::from(next(4) == 0) {
                let k = next(chars.len());
                chars[k] = letters[next(letters.len())];
            }
            names.push(chars.into_iter().collect());
        }
        names.sort();
        names.dedup();
        let mut shuffled: Vec<&str> = names.iter().map(String::as_str).collect();
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, next(i + 1));
        }
        let expected = every_pair(&shuffled);
        let merged = (0..expected.len())
            .filter(|&i| expected[i] as usize != i)
            .count();
        let canonical = expected.len() - merged;
        assert!(
            merged > 100 && canonical > 50,
            "{merged} merged, {canonical} canonical"
        );
        assert_eq!(canonical_keys(&shuffled), expected);
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
