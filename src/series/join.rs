//! Similarity self-join: the pairs of texts whose trigram Dice coefficient reaches a threshold,
//! without comparing every pair.
//!
//! Enters: trigram sets ([`Trigrams`]) and a threshold. Leaves: every pair (i, j), i < j, whose
//! Dice coefficient is at or above it, with the coefficient.
//!
//! Prefix filtering (AllPairs, Bayardo, Ma and Srikant 2007): Dice ≥ t is Jaccard ≥ j = t/(2−t);
//! with every set's trigrams in one global order, two sets at Jaccard ≥ j share a trigram among
//! the first |x| − ⌈j·|x|⌉ + 1 of each, and a set can only match sets of size ≥ j·|x|. Only
//! those prefixes are indexed; rarest trigrams first keeps the index lists short. Exact: the
//! filters drop no pair at or above the threshold (the unit test compares with all pairs).

use crate::normalize::Trigrams;
use std::collections::HashMap;

/// Pairs of `sets` with Dice ≥ `threshold` (0 < threshold ≤ 1); empty sets match nothing.
pub fn similar_pairs(sets: &[&Trigrams], threshold: f64) -> Vec<(usize, usize, f64)> {
    let jaccard = threshold / (2.0 - threshold);
    // Global order: rarest trigram first (ties by value, so the order is deterministic).
    let mut frequency: HashMap<u64, u32> = HashMap::new();
    for s in sets {
        for &g in s.grams() {
            *frequency.entry(g).or_default() += 1;
        }
    }
    let mut order: Vec<(u32, u64)> = frequency.iter().map(|(&g, &f)| (f, g)).collect();
    order.sort_unstable();
    let rank: HashMap<u64, u32> = order
        .iter()
        .enumerate()
        .map(|(r, &(_, g))| (g, r as u32))
        .collect();
    let ranked: Vec<Vec<u32>> = sets
        .iter()
        .map(|s| {
            let mut r: Vec<u32> = s.grams().iter().map(|g| rank[g]).collect();
            r.sort_unstable();
            r
        })
        .collect();
    // Smallest sets first: a set meets only the (smaller or equal) sets indexed before it.
    let mut by_size: Vec<usize> = (0..sets.len()).filter(|&i| !ranked[i].is_empty()).collect();
    by_size.sort_by_key(|&i| (ranked[i].len(), i));
    // A little slack on the float bounds only lengthens prefixes and widens the windows.
    const SLACK: f64 = 1e-9;
    // Trigram → (set, position in its ranked trigrams) of the prefixes indexed so far.
    let mut index: HashMap<u32, Vec<(u32, u32)>> = HashMap::new();
    // Per candidate: overlap counted in the prefixes (None: pruned) and the x it was counted for.
    let mut overlap: Vec<(usize, Option<u32>)> = vec![(usize::MAX, None); sets.len()];
    let mut candidates: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for &x in &by_size {
        let xs = &ranked[x];
        let n = xs.len();
        let prefix = (n + 1)
            .saturating_sub((jaccard * n as f64 - SLACK).ceil() as usize)
            .clamp(1, n);
        let min_size = jaccard * n as f64 - SLACK;
        candidates.clear();
        for (i, g) in xs[..prefix].iter().enumerate() {
            let Some(list) = index.get(g) else { continue };
            for &(y, j) in list {
                let (y, j) = (y as usize, j as usize);
                let m = ranked[y].len();
                if (m as f64) < min_size {
                    continue;
                }
                let entry = &mut overlap[y];
                if entry.0 != x {
                    *entry = (x, Some(0));
                    candidates.push(y);
                }
                let Some(count) = entry.1 else { continue };
                // Positional filter (PPJoin): what is left after these positions cannot
                // bring the overlap to what the threshold needs.
                let needed = needed_overlap(jaccard, n, m);
                let most = count as usize + 1 + (n - i - 1).min(m - j - 1);
                entry.1 = (most >= needed).then_some(count + 1);
            }
        }
        for &y in &candidates {
            if overlap[y].1.is_none() {
                continue;
            }
            let needed = needed_overlap(jaccard, n, ranked[y].len());
            if let Some(common) = overlap_at_least(xs, &ranked[y], needed) {
                let d = 2.0 * common as f64 / (n + ranked[y].len()) as f64;
                if d >= threshold {
                    pairs.push((x.min(y), x.max(y), d));
                }
            }
        }
        for (i, g) in xs[..prefix].iter().enumerate() {
            index.entry(*g).or_default().push((x as u32, i as u32));
        }
    }
    pairs.sort_by_key(|&(i, j, _)| (i, j));
    pairs
}

/// The overlap two sets of sizes n and m need for Jaccard ≥ j: ⌈j/(1+j)·(n+m)⌉ (less a
/// little, for float error: a lower need only lets more pairs through to the exact test).
fn needed_overlap(jaccard: f64, n: usize, m: usize) -> usize {
    (jaccard / (1.0 + jaccard) * (n + m) as f64 - 1e-9)
        .ceil()
        .max(0.0) as usize
}

/// The size of the intersection of two sorted lists, or None as soon as it cannot reach
/// `needed`.
fn overlap_at_least(a: &[u32], b: &[u32], needed: usize) -> Option<usize> {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        if common + (a.len() - i).min(b.len() - j) < needed {
            return None;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (common >= needed).then_some(common)
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

    #[test]
    fn finds_exactly_the_pairs_all_pairs_finds() {
        let texts = texts();
        let grams: Vec<Trigrams> = texts.iter().map(|t| Trigrams::of(t)).collect();
        let sets: Vec<&Trigrams> = grams.iter().collect();
        for threshold in [0.5, 0.7, 0.75, 0.8, 0.9, 1.0] {
            let mut all = Vec::new();
            for i in 0..sets.len() {
                for j in i + 1..sets.len() {
                    let d = sets[i].dice(sets[j]);
                    if d >= threshold {
                        all.push((i, j, d));
                    }
                }
            }
            let found = similar_pairs(&sets, threshold);
            assert_eq!(found, all, "threshold {threshold}");
            if threshold <= 0.8 {
                assert!(!all.is_empty(), "the test texts have pairs at {threshold}");
            }
        }
    }
}
