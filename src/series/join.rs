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
    // A little slack on the float bounds only lengthens prefixes and widens the size window.
    const SLACK: f64 = 1e-9;
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut seen: Vec<usize> = vec![usize::MAX; sets.len()];
    let mut pairs = Vec::new();
    for &x in &by_size {
        let n = ranked[x].len();
        let prefix = (n + 1)
            .saturating_sub((jaccard * n as f64 - SLACK).ceil() as usize)
            .clamp(1, n);
        let min_size = jaccard * n as f64 - SLACK;
        for g in &ranked[x][..prefix] {
            let Some(list) = index.get(g) else { continue };
            for &y in list {
                if seen[y] == x || (ranked[y].len() as f64) < min_size {
                    continue;
                }
                seen[y] = x;
                let d = sets[x].dice(sets[y]);
                if d >= threshold {
                    pairs.push((x.min(y), x.max(y), d));
                }
            }
        }
        for g in &ranked[x][..prefix] {
            index.entry(*g).or_default().push(x);
        }
    }
    pairs.sort_by_key(|&(i, j, _)| (i, j));
    pairs
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
