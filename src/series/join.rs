//! Similarity self-join: the pairs of texts whose trigram Dice coefficient reaches a threshold,
//! without comparing every pair.
//!
//! Enters: trigram sets ([`Trigrams`]), ranked once ([`rank_sets`]), and a threshold. Leaves:
//! every pair (i, j), i < j, whose Dice coefficient is at or above it, with the coefficient.
//!
//! Prefix filtering (AllPairs, Bayardo, Ma and Srikant 2007): Dice ≥ t is Jaccard ≥ j = t/(2−t);
//! with every set's trigrams in one global order, two sets at Jaccard ≥ j share a trigram among
//! the first |x| − ⌈j·|x|⌉ + 1 of each, and a set can only match sets of size ≥ j·|x|. Only
//! those prefixes are indexed; rarest trigrams first keeps the index lists short. Texts of one
//! administration share their wording, so even the rarest trigrams of a text recur in hundreds
//! of others: a set is indexed by the shorter prefix that only larger sets need (PPJoin), and
//! a bitmap of each set ([`Bitmap`]) drops most pairs met on a shared trigram before their
//! lists are merged. Exact: the filters drop no pair at or above the threshold (the unit test
//! compares with all pairs).

use crate::normalize::{common_at_least, dice_of_sorted, Trigrams};
use ahash::{HashMap, HashMapExt};
use rayon::prelude::*;

/// Trigram sets as ranks in one order of all their trigrams, rarest first (the order prefix
/// filtering wants), each sorted: 4 bytes a trigram where a [`Trigrams`] takes 8, and the
/// only copy the linking keeps. Dice coefficients are those of the trigram sets.
pub fn rank_sets(sets: Vec<Trigrams>) -> Vec<Box<[u32]>> {
    let mut frequency: HashMap<u64, u32> = HashMap::new();
    for s in &sets {
        for &g in s.grams() {
            *frequency.entry(g).or_default() += 1;
        }
    }
    // Ties by value, so the order is deterministic.
    let mut order: Vec<(u32, u64)> = frequency.into_iter().map(|(g, f)| (f, g)).collect();
    order.sort_unstable();
    let rank: HashMap<u64, u32> = order
        .iter()
        .enumerate()
        .map(|(r, &(_, g))| (g, r as u32))
        .collect();
    drop(order);
    sets.into_par_iter()
        .map(|s| {
            let mut r: Vec<u32> = s.grams().iter().map(|g| rank[g]).collect();
            r.sort_unstable();
            r.into_boxed_slice()
        })
        .collect()
}

/// Dice coefficient of two ranked sets ([`Trigrams::dice`] of the sets they were ranked from).
pub fn dice(a: &[u32], b: &[u32]) -> f64 {
    dice_of_sorted(a, b)
}

/// A pair of sets (their indices, i < j; u32 to halve a large join's memory) and their Dice
/// coefficient.
pub type Pair = (u32, u32, f64);

/// Pairs of `sets` with Dice ≥ `threshold` (0 < threshold ≤ 1), sorted; empty sets match
/// nothing.
pub fn similar_pairs(sets: &[&[u32]], threshold: f64) -> Vec<Pair> {
    let mut pairs = Vec::new();
    join(sets, threshold, |found| pairs.extend(found));
    pairs.sort_by_key(|&(i, j, _)| (i, j));
    pairs
}

/// Of the pairs [`similar_pairs`] finds, those among the `partners` strongest of either set
/// (strongest first, ties by indices), sorted: a text reworded many ways has a quadratic
/// number of similar pairs, and its strongest links already hold its series together. Only
/// each set's strongest are held while the join runs, never all pairs.
pub fn strongest_pairs(sets: &[&[u32]], threshold: f64, partners: usize) -> Vec<Pair> {
    let mut best = Strongest::new(sets.len(), partners);
    join(sets, threshold, |found| {
        for pair in found {
            best.offer(pair.0, pair);
            best.offer(pair.1, pair);
        }
    });
    let mut kept = best.into_pairs();
    kept.sort_by_key(|&(i, j, _)| (i, j));
    kept.dedup_by_key(|&mut (i, j, _)| (i, j));
    // Kept while the links are taken (the join's state): without the collect's spare room.
    kept.shrink_to_fit();
    kept
}

/// What a join kept, by text key ([`text_key`]), so that the next join of mostly the same texts
/// ([`strongest_pairs_updated`]) probes only the texts that came (or lost a partner).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JoinState {
    pub threshold: f64,
    pub partners: u32,
    /// Every text's key, paired or not, in the order of the join's sets.
    pub keys: Vec<u64>,
    /// The kept pairs (indices into `keys`, sorted), with their Dice coefficient: also the
    /// join's result, so that an archive's million pairs are held once.
    pub pairs: Vec<Pair>,
}

/// A text's key in a [`JoinState`]: the first 8 bytes of its SHA-256.
pub fn text_key(text: &str) -> u64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// [`strongest_pairs`] of `sets` (whose texts have the keys `keys`), computed from `before`
/// where it can: its pairs among texts still here stand, and only the new texts, and those that
/// lost one of a full set of partners, are probed against all. The same pairs as
/// [`strongest_pairs`] (the unit test compares them); falls back to it when `before` was
/// made with other parameters, when keys collide or when most texts changed. The pairs are
/// the returned state's, to keep for the next join. `before` is dropped as soon as its pairs
/// are taken: an archive's state holds a million.
pub fn strongest_pairs_updated(
    sets: &[&[u32]],
    keys: Vec<u64>,
    threshold: f64,
    partners: usize,
    before: Option<JoinState>,
) -> JoinState {
    let before = before.filter(|b| b.threshold == threshold && b.partners as usize == partners);
    let pairs = before
        .and_then(|b| update(sets, &keys, threshold, partners, b))
        .unwrap_or_else(|| strongest_pairs(sets, threshold, partners));
    JoinState {
        threshold,
        partners: partners as u32,
        keys,
        pairs,
    }
}

fn update(
    sets: &[&[u32]],
    keys: &[u64],
    threshold: f64,
    partners: usize,
    before: JoinState,
) -> Option<Vec<Pair>> {
    let n = sets.len();
    let index: HashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    if index.len() != n {
        return None;
    }
    let known: ahash::HashSet<u64> = before.keys.iter().copied().collect();
    let mut probe: Vec<bool> = keys.iter().map(|k| !known.contains(k)).collect();
    // Each text's pairs kept before, among texts still here; and whether it lost one.
    let mut pairs_of: Vec<Vec<Pair>> = vec![Vec::new(); n];
    let mut had = vec![0usize; n];
    let mut lost = vec![false; n];
    for &(ia, ib, d) in &before.pairs {
        let key = |i: u32| before.keys.get(i as usize).copied();
        let (ka, kb) = (key(ia)?, key(ib)?);
        let (a, b) = (index.get(&ka).copied(), index.get(&kb).copied());
        for (x, y) in [(a, b), (b, a)] {
            if let Some(x) = x {
                had[x as usize] += 1;
                match y {
                    Some(y) => pairs_of[x as usize].push((x.min(y), x.max(y), d)),
                    None => lost[x as usize] = true,
                }
            }
        }
    }
    drop((before, known));
    // A text with fewer pairs than `partners` had all its pairs kept: losing one loses
    // nothing else. One with a full set may have had a weaker pair not kept: probed again.
    for t in 0..n {
        if lost[t] && had[t] >= partners {
            probe[t] = true;
        }
    }
    // Probing a text against all costs about twice its share of a full join.
    let probed = probe.iter().filter(|&&p| p).count();
    if probed * 2 > n {
        return None;
    }
    if probed > 0 {
        for t in 0..n {
            if probe[t] {
                pairs_of[t].clear();
            }
        }
        for p in pairs_with(sets, threshold, &probe) {
            pairs_of[p.0 as usize].push(p);
            pairs_of[p.1 as usize].push(p);
        }
    }
    let mut kept: Vec<Pair> = pairs_of
        .into_iter()
        .flat_map(|mut own| {
            own.sort_by_key(|a| Ranked(*a));
            own.dedup_by_key(|&mut (i, j, _)| (i, j));
            own.truncate(partners);
            own
        })
        .collect();
    kept.sort_by_key(|&(i, j, _)| (i, j));
    kept.dedup_by_key(|&mut (i, j, _)| (i, j));
    kept.shrink_to_fit();
    Some(kept)
}

/// Each set's strongest pairs so far, in one table of `partners` places a set (allocated once:
/// almost every text of an archive fills its places, and growing fifty thousand small heaps
/// leaves the allocator's memory in pieces).
struct Strongest {
    partners: usize,
    places: Vec<Pair>,
    len: Vec<u32>,
}

impl Strongest {
    fn new(sets: usize, partners: usize) -> Self {
        Strongest {
            partners,
            places: vec![(0, 0, 0.0); sets * partners],
            len: vec![0; sets],
        }
    }

    /// Keep `pair` among the strongest of `set` if it is one of them.
    fn offer(&mut self, set: u32, pair: Pair) {
        let len = &mut self.len[set as usize];
        let start = set as usize * self.partners;
        if (*len as usize) < self.partners {
            self.places[start + *len as usize] = pair;
            *len += 1;
            return;
        }
        let own = &mut self.places[start..start + self.partners];
        // None: no places (no partners kept).
        let weakest = (0..own.len()).max_by(|&a, &b| Ranked(own[a]).cmp(&Ranked(own[b])));
        if let Some(w) = weakest.filter(|&w| Ranked(pair) < Ranked(own[w])) {
            own[w] = pair;
        }
    }

    /// Every kept pair (a pair kept by both its sets twice).
    fn into_pairs(self) -> Vec<Pair> {
        let partners = self.partners;
        let mut kept = self.places;
        let mut to = 0;
        for (set, &len) in self.len.iter().enumerate() {
            let from = set * partners;
            kept.copy_within(from..from + len as usize, to);
            to += len as usize;
        }
        kept.truncate(to);
        kept
    }
}

/// A pair ordered strongest first, then by indices: the smallest is the strongest.
struct Ranked(Pair);

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a, b) = (self.0, other.0);
        b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1)))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ranked {}

/// Sets probed at once: their pairs are handed on before the next chunk is probed.
const CHUNK: usize = 4096;

/// The join: hands `take` the pairs found, a chunk of probed sets at a time (each pair once).
fn join(sets: &[&[u32]], threshold: f64, mut take: impl FnMut(Vec<Pair>)) {
    let ix = Index::new(sets, threshold);
    let every = ix.postings(|_| true);
    for start in (0..ix.by_size.len()).step_by(CHUNK) {
        take(
            (start..(start + CHUNK).min(ix.by_size.len()))
                .into_par_iter()
                // Few jobs: each makes a scratch table as long as the sets.
                .with_min_len(CHUNK / 4)
                .map_init(
                    || ix.scratch(),
                    |state, place| ix.probe(&every, state, place),
                )
                .flatten_iter()
                .collect(),
        );
    }
}

/// Sets prepared for probing: the sets by size, their sizes, bitmaps and the overlaps needed;
/// the prefixes indexed are [`Postings`], made for the sets a join indexes.
struct Index<'s> {
    threshold: f64,
    jaccard: f64,
    ranked: &'s [&'s [u32]],
    /// Non-empty sets, smallest first.
    by_size: Vec<usize>,
    /// The size of the set at each place of `by_size` (read for every index entry met).
    size: Vec<u32>,
    /// The overlap two sets need by the sum of their sizes ([`needed_overlap`]): looked up
    /// for every index entry met.
    needed: Vec<u32>,
    /// One more than the largest trigram rank.
    grams: usize,
    /// Each set's [`Bitmap`], by place.
    bitmaps: Vec<Bitmap>,
}

/// (place in `by_size`, position in the set's ranked trigrams) of every indexed prefix,
/// grouped by trigram (those of trigram g at `starts[g]..starts[g + 1]`: ranks are dense), in
/// `by_size` order: a set probed in order meets the entries before its own place, as AllPairs
/// would have indexed them by then, so sets can be probed in parallel. Two allocations of their
/// exact size: a list per trigram grown entry by entry left the allocator's memory in pieces.
struct Postings {
    entries: Vec<(u32, u32)>,
    starts: Vec<usize>,
}

impl Postings {
    /// The indexed prefixes' entries of trigram `g`.
    fn of(&self, g: u32) -> &[(u32, u32)] {
        match self.starts.get(g as usize..g as usize + 2) {
            Some(&[from, to]) => &self.entries[from..to],
            _ => &[],
        }
    }
}

/// A little slack on the float bounds only lengthens prefixes and widens the windows.
const SLACK: f64 = 1e-9;

/// A set's trigrams hashed onto 256 bits. A bit set in one of two bitmaps only is set by a
/// trigram of one set only, so the sets share at most (|x| + |y| − bits that differ) / 2
/// trigrams: the bitmap filter (Sandes, Teodoro, Melo and Maciel 2020), a few instructions
/// where counting the shared trigrams merges both lists. Exact: it only drops pairs that
/// cannot share enough.
#[derive(Clone, Copy)]
struct Bitmap([u64; 4]);

impl Bitmap {
    fn of(set: &[u32]) -> Bitmap {
        let mut words = [0u64; 4];
        for &g in set {
            // Ranks are dense; a multiplicative hash spreads neighbours over the words.
            let bit = (g.wrapping_mul(0x9E37_79B1) >> 24) as usize;
            words[bit >> 6] |= 1 << (bit & 63);
        }
        Bitmap(words)
    }

    /// Bits set in one bitmap and not the other.
    fn differing(&self, other: &Bitmap) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a ^ b).count_ones() as usize)
            .sum()
    }
}

impl<'s> Index<'s> {
    /// The sets ordered by size, the prefixes of those `indexed` says (by set) indexed.
    fn new(ranked: &'s [&'s [u32]], threshold: f64) -> Index<'s> {
        let jaccard = threshold / (2.0 - threshold);
        let mut by_size: Vec<usize> = (0..ranked.len())
            .filter(|&i| !ranked[i].is_empty())
            .collect();
        by_size.sort_by_key(|&i| (ranked[i].len(), i));
        let size: Vec<u32> = by_size.iter().map(|&i| ranked[i].len() as u32).collect();
        let largest = size.last().map_or(0, |&n| n as usize);
        let needed = (0..=2 * largest)
            .map(|sum| needed_overlap(jaccard, sum) as u32)
            .collect();
        let bitmaps = by_size.iter().map(|&i| Bitmap::of(ranked[i])).collect();
        // Sets are sorted: a set's last rank is its largest.
        let grams = ranked
            .iter()
            .filter_map(|s| s.last())
            .max()
            .map_or(0, |&g| g as usize + 1);
        Index {
            threshold,
            jaccard,
            ranked,
            by_size,
            size,
            grams,
            needed,
            bitmaps,
        }
    }

    /// The indexed prefixes of the sets `indexed` keeps (by index into the sets).
    fn postings(&self, indexed: impl Fn(usize) -> bool) -> Postings {
        let prefixes = || {
            self.by_size
                .iter()
                .enumerate()
                .filter(|&(_, &x)| indexed(x))
                .flat_map(|(place, &x)| {
                    let xs = self.ranked[x];
                    xs[..self.indexed_prefix(xs.len())]
                        .iter()
                        .enumerate()
                        .map(move |(i, &g)| (g as usize, (place as u32, i as u32)))
                })
        };
        let mut starts = vec![0usize; self.grams + 1];
        for (g, _) in prefixes() {
            starts[g + 1] += 1;
        }
        for g in 0..self.grams {
            starts[g + 1] += starts[g];
        }
        let mut entries = vec![(0, 0); starts[self.grams]];
        let mut next = starts.clone();
        for (g, entry) in prefixes() {
            entries[next[g]] = entry;
            next[g] += 1;
        }
        Postings { entries, starts }
    }

    /// The prefix of `n` trigrams a set is probed by: a set at Jaccard ≥ j shares at least
    /// ⌈j·n⌉ of them, with any other set.
    fn probed_prefix(&self, n: usize) -> usize {
        prefix(n, self.jaccard)
    }

    /// The prefix of `n` trigrams a set is indexed by: only sets at least as large probe it,
    /// and a pair of sizes n ≤ m at Jaccard ≥ j shares at least j/(1+j)·(n+m) ≥ 2j/(1+j)·n
    /// trigrams (the indexing prefix of PPJoin, Xiao, Wang, Lin and Yu 2008).
    fn indexed_prefix(&self, n: usize) -> usize {
        prefix(n, 2.0 * self.jaccard / (1.0 + self.jaccard))
    }

    /// One worker's scratch space for [`Index::probe`].
    fn scratch(&self) -> Probe {
        Probe {
            overlap: vec![(u32::MAX, None); self.by_size.len()],
            candidates: Vec::new(),
        }
    }

    /// The pairs, at or above the threshold, of the set at `place` (in `by_size`) with the
    /// sets before it whose prefixes `postings` holds.
    fn probe(&self, postings: &Postings, state: &mut Probe, place: usize) -> Vec<Pair> {
        let x = self.by_size[place];
        let xs = &self.ranked[x];
        let n = xs.len();
        let min_size = self.jaccard * n as f64 - SLACK;
        let marker = place as u32;
        state.candidates.clear();
        for (i, g) in xs[..self.probed_prefix(n)].iter().enumerate() {
            let entries = postings.of(*g);
            // Entries are in size order: those of sets too small to match come first.
            let first = entries
                .partition_point(|&(other, _)| (self.size[other as usize] as f64) < min_size);
            for &(other, j) in &entries[first..] {
                if other >= marker {
                    break;
                }
                let (m, j) = (self.size[other as usize] as usize, j as usize);
                let entry = &mut state.overlap[other as usize];
                if entry.0 != marker {
                    *entry = (marker, Some(0));
                    state.candidates.push(other);
                }
                let Some(count) = entry.1 else { continue };
                // Positional filter (PPJoin): what is left after these positions cannot
                // bring the overlap to what the threshold needs.
                let most = count as usize + 1 + (n - i - 1).min(m - j - 1);
                entry.1 = (most >= self.needed[n + m] as usize).then_some(count + 1);
            }
        }
        let mut found = Vec::new();
        for &other in &state.candidates {
            if state.overlap[other as usize].1.is_none() {
                continue;
            }
            let m = self.size[other as usize] as usize;
            let needed = self.needed[n + m] as usize;
            let differing = self.bitmaps[place].differing(&self.bitmaps[other as usize]);
            if (n + m).saturating_sub(differing) / 2 < needed {
                continue;
            }
            let y = self.by_size[other as usize];
            if let Some(common) = common_at_least(xs, self.ranked[y], needed) {
                let d = 2.0 * common as f64 / (n + m) as f64;
                if d >= self.threshold {
                    found.push((x.min(y) as u32, x.max(y) as u32, d));
                }
            }
        }
        found
    }
}

/// The first `n` − ⌈`share`·`n`⌉ + 1 of `n` trigrams (at least one, at most all): a set
/// sharing at least ⌈`share`·`n`⌉ of them shares one there.
fn prefix(n: usize, share: f64) -> usize {
    (n + 1)
        .saturating_sub((share * n as f64 - SLACK).ceil() as usize)
        .clamp(1, n)
}

/// Every pair at or above `threshold` with at least one set among `probes` (each pair once),
/// sorted: each probed set against the sets before it in size order, then every other set
/// against the probed sets before it (an index of their prefixes alone, small).
fn pairs_with(sets: &[&[u32]], threshold: f64, probes: &[bool]) -> Vec<Pair> {
    let all = Index::new(sets, threshold);
    // Probed sets meet every indexed prefix; the others only those of the probed sets.
    let (every, of_probed) = (all.postings(|_| true), all.postings(|i| probes[i]));
    let places: Vec<usize> = (0..all.by_size.len()).collect();
    let mut found: Vec<Pair> = places
        .into_par_iter()
        .with_min_len(CHUNK / 4)
        .map_init(
            || all.scratch(),
            |state, place| {
                let postings = if probes[all.by_size[place]] {
                    &every
                } else {
                    &of_probed
                };
                all.probe(postings, state, place)
            },
        )
        .flatten_iter()
        .collect();
    found.sort_by_key(|&(i, j, _)| (i, j));
    found.dedup_by_key(|&mut (i, j, _)| (i, j));
    found
}

/// One worker's scratch space: per place, the set last probed against it (a marker, so that
/// nothing is cleared between probes) and the overlap counted in the prefixes (None: pruned),
/// and the places met.
struct Probe {
    overlap: Vec<(u32, Option<u32>)>,
    candidates: Vec<u32>,
}

/// The overlap two sets whose sizes sum to `sum` need for Jaccard ≥ j: ⌈j/(1+j)·sum⌉ (less a
/// little, for float error: a lower need only lets more pairs through to the exact test).
fn needed_overlap(jaccard: f64, sum: usize) -> usize {
    (jaccard / (1.0 + jaccard) * sum as f64 - 1e-9)
        .ceil()
        .max(0.0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that are near one another at every distance: rewordings of a few sentences.
    fn texts() -> Vec<String> {
        let base = [
            "Орон нутгийн замын засвар арчлалтыг сайжруулах",
            "Сургуулийн өмнөх боловсролын хамран сургалтыг нэмэгдүүлэх",
            "Малын эрүүл мэндийг хамгаалах, халдварт өвчнөөс урьдчилан сэргийлэх",
            "Төрийн үйлчилгээг цахимжуулах ажлыг өргөжүүлэх",
        ];
        let mut out = Vec::new();
        let mut seed = 7u64;
        for b in base {
            for k in 0..12 {
                let mut words: Vec<&str> = b.split(' ').collect();
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                if k % 3 == 1 {
                    words.remove((seed >> 33) as usize % words.len());
                }
                if k % 4 == 2 {
                    words.push("ажлыг");
                }
                if k % 5 == 3 {
                    let last = words.len() - 1;
                    words.swap(0, last);
                }
                out.push(format!(
                    "{} {}",
                    words.join(" "),
                    if k % 2 == 0 { "" } else { "зорилтот" }
                ));
            }
        }
        out.push(String::new());
        out
    }

    /// Each set's `partners` strongest pairs, by sorting all pairs strongest first.
    fn strongest_of_all(mut pairs: Vec<Pair>, n: usize, partners: usize) -> Vec<Pair> {
        pairs.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
        let mut taken = vec![0usize; n];
        let mut kept: Vec<Pair> = pairs
            .into_iter()
            .filter(|&(a, b, _)| {
                let keep = taken[a as usize] < partners || taken[b as usize] < partners;
                taken[a as usize] += 1;
                taken[b as usize] += 1;
                keep
            })
            .collect();
        kept.sort_by_key(|&(i, j, _)| (i, j));
        kept
    }

    /// Texts come and go over several joins (new ones, ones gone, a text that loses its
    /// strongest partners): each update gives the pairs a join from scratch gives, by probing
    /// only some texts.
    #[test]
    fn an_updated_join_equals_a_join_from_scratch() {
        let mut all = texts();
        all.sort();
        all.dedup();
        let grams = rank_sets(all.iter().map(|t| Trigrams::of(t)).collect());
        let mut seed = 11u64;
        let mut here: Vec<bool> = (0..all.len()).map(|i| i % 3 != 0).collect();
        let mut state: Option<JoinState> = None;
        for step in 0..12 {
            for (threshold, partners) in [(0.75, 2), (0.75, 16)] {
                let mut idx: Vec<usize> = (0..all.len()).filter(|&i| here[i]).collect();
                idx.sort_by_key(|&i| &all[i]);
                let sets: Vec<&[u32]> = idx.iter().map(|&i| &*grams[i]).collect();
                let keys: Vec<u64> = idx.iter().map(|&i| text_key(&all[i])).collect();
                let before = state.clone().filter(|s| s.partners as usize == partners);
                let next = strongest_pairs_updated(&sets, keys, threshold, partners, before);
                assert_eq!(
                    next.pairs,
                    strongest_pairs(&sets, threshold, partners),
                    "step {step}, {partners} partners"
                );
                if partners == 2 {
                    state = Some(next);
                }
            }
            // A few texts come or go.
            for _ in 0..3 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let i = (seed >> 33) as usize % all.len();
                here[i] = !here[i];
            }
        }
        assert!(state.is_some_and(|s| !s.pairs.is_empty()));
    }

    #[test]
    fn no_partners_keep_no_pairs() {
        let (grams, _) = ranked_texts();
        let sets: Vec<&[u32]> = grams.iter().map(|s| &**s).collect();
        assert!(!similar_pairs(&sets, 0.75).is_empty());
        assert!(strongest_pairs(&sets, 0.75, 0).is_empty());
    }

    /// The test texts, distinct and sorted, as ranked trigram sets, and their keys.
    fn ranked_texts() -> (Vec<Box<[u32]>>, Vec<u64>) {
        let mut all = texts();
        all.sort();
        all.dedup();
        let grams = rank_sets(all.iter().map(|t| Trigrams::of(t)).collect());
        (grams, all.iter().map(|t| text_key(t)).collect())
    }

    /// Only the new texts are probed: a state whose pairs were tampered with shows through.
    #[test]
    fn an_update_takes_the_kept_pairs_as_they_were() {
        let (grams, keys) = ranked_texts();
        let sets: Vec<&[u32]> = grams.iter().map(|s| &**s).collect();
        let mut state = strongest_pairs_updated(&sets, keys.clone(), 0.75, 16, None);
        let pairs = state.pairs.len();
        state.pairs[0].2 = 0.999;
        let again = strongest_pairs_updated(&sets, keys, 0.75, 16, Some(state)).pairs;
        assert_eq!(again.len(), pairs);
        assert!(again.iter().any(|p| p.2 == 0.999));
    }

    /// A state whose pairs name texts it does not hold is not used: the join runs in full.
    #[test]
    fn a_state_with_pairs_out_of_its_keys_is_not_used() {
        let (grams, keys) = ranked_texts();
        let sets: Vec<&[u32]> = grams.iter().map(|s| &**s).collect();
        let mut state = strongest_pairs_updated(&sets, keys.clone(), 0.75, 16, None);
        state.pairs[0] = (0, keys.len() as u32, 0.999);
        let again = strongest_pairs_updated(&sets, keys, 0.75, 16, Some(state)).pairs;
        assert_eq!(again, strongest_pairs(&sets, 0.75, 16));
    }

    #[test]
    fn finds_exactly_the_pairs_all_pairs_finds() {
        let texts = texts();
        // All pairs by the trigram sets themselves; the join by their ranks.
        let grams: Vec<Trigrams> = texts.iter().map(|t| Trigrams::of(t)).collect();
        let ranked = rank_sets(texts.iter().map(|t| Trigrams::of(t)).collect());
        let sets: Vec<&[u32]> = ranked.iter().map(|s| &**s).collect();
        for threshold in [0.5, 0.7, 0.75, 0.8, 0.9, 1.0] {
            let mut all = Vec::new();
            for i in 0..grams.len() {
                for j in i + 1..grams.len() {
                    let d = grams[i].dice(&grams[j]);
                    assert_eq!(dice(sets[i], sets[j]), d);
                    if d >= threshold {
                        all.push((i as u32, j as u32, d));
                    }
                }
            }
            let found = similar_pairs(&sets, threshold);
            assert_eq!(found, all, "threshold {threshold}");
            for partners in [1, 3, 16] {
                assert_eq!(
                    strongest_pairs(&sets, threshold, partners),
                    strongest_of_all(all.clone(), sets.len(), partners),
                    "threshold {threshold}, {partners} partners"
                );
            }
            if threshold <= 0.8 {
                assert!(!all.is_empty(), "the test texts have pairs at {threshold}");
            }
        }
    }

    #[test]
    fn a_bitmap_bound_is_never_below_the_trigrams_shared() {
        // Random sets of dense ranks, many sharing most of their members: colliding bits
        // included, the bound holds, and it is tight enough to drop pairs sharing little.
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let sets: Vec<Vec<u32>> = (0..300)
            .map(|_| {
                let (start, len) = (next(400) as u32, 5 + next(120) as u32);
                let mut s: Vec<u32> = (start..start + len).filter(|_| next(4) > 0).collect();
                s.dedup();
                s
            })
            .collect();
        let mut dropped = 0;
        for a in &sets {
            for b in &sets {
                let shared = common_at_least(a, b, 0).unwrap();
                let bound = (a.len() + b.len() - Bitmap::of(a).differing(&Bitmap::of(b))) / 2;
                assert!(bound >= shared, "{bound} < {shared} for {a:?} and {b:?}");
                dropped += usize::from(bound < (a.len() + b.len()) * 3 / 8);
            }
        }
        assert!(dropped > 0, "the bound drops some pairs below Dice 0.75");
    }
}
