//! Band counts of a summary row whose columns are not known, placed by reconciliation.
//!
//! Enters: the row's band figures in the order printed (empty band cells vanished: a text
//! export, a row read as a line of text, a table whose sparse columns merged), the scale's
//! bands, and the row's stated count of measures and percent. Leaves: a [`Placement`]: each
//! band's count when exactly one order-keeping assignment of the figures to the bands agrees
//! with the stated count and percent; otherwise why not. The figures keep their order because a
//! table's columns do.

use crate::model::{Band, StatedNumber};

#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// One count per band (`None`: the band's cell was empty).
    Placed(Vec<Option<u32>>),
    /// Several assignments agree with the stated figures: the row cannot say which.
    Ambiguous,
    /// No assignment agrees: a figure of the row is wrong, or was misread.
    NoFit,
}

/// The stated percent's printed precision: one unit of its last decimal place.
fn unit(stated: &StatedNumber) -> f64 {
    let decimals = stated
        .raw
        .rsplit_once(['.', ','])
        .map(|(_, d)| d.chars().take_while(char::is_ascii_digit).count())
        .unwrap_or(0);
    10f64.powi(-(decimals as i32))
}

/// Every way to choose `k` of `n` positions in order.
fn choices(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn go(start: usize, n: usize, k: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if cur.len() == k {
            out.push(cur.clone());
            return;
        }
        for i in start..n {
            if n - i < k - cur.len() {
                break;
            }
            cur.push(i);
            go(i + 1, n, k, cur, out);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    go(0, n, k, &mut Vec::new(), &mut out);
    out
}

/// The lowest and highest mean that counts placed on `bands` allow, each measure's score
/// anywhere in its band's range (a band printed without a range: its value); not-due bands left
/// out. `None` when no scored band holds a measure or a band's range is unknown.
fn mean_bounds(bands: &[Band], counts: &[Option<u32>]) -> Option<(f64, f64)> {
    let (mut low, mut high, mut n) = (0.0, 0.0, 0u32);
    for (b, c) in bands.iter().zip(counts) {
        let c = c.unwrap_or(0);
        if b.not_due || c == 0 {
            continue;
        }
        // A range's top is its last whole value: "70 /60-89/" holds 89.5 too.
        let top = b.high.or(b.value)?;
        let top = if top >= 100.0 { top } else { top + 0.999 };
        low += b.low.or(b.value)? * c as f64;
        high += top * c as f64;
        n += c;
    }
    (n > 0).then(|| (low / n as f64, high / n as f64))
}

/// Place `figures` (in printed order) on `bands`. The percent is the mean of the measures'
/// scores, which lie anywhere in their bands, so an assignment fits when the stated percent lies
/// between the lowest and highest mean it allows (printed rounded or truncated). The count
/// includes not-due measures: the band counts add up to it when the scale has a not-due band,
/// and to no more than it otherwise.
pub fn place(
    figures: &[u32],
    bands: &[Band],
    n_measures: Option<&StatedNumber>,
    percent: Option<&StatedNumber>,
) -> Placement {
    if figures.len() > bands.len() {
        return Placement::NoFit;
    }
    let has_not_due = bands.iter().any(|b| b.not_due);
    let fits = |counts: &[Option<u32>]| {
        let total = counts.iter().flatten().sum::<u32>() as f64;
        let count_agrees = n_measures.is_none_or(|n| {
            if has_not_due {
                (n.value - total).abs() < 1e-9
            } else {
                total <= n.value + 1e-9
            }
        });
        let percent_agrees = percent.is_none_or(|p| match mean_bounds(bands, counts) {
            // Rounded: within half a unit; truncated: up to a unit below the mean.
            Some((low, high)) => {
                p.value >= low - unit(p) - 1e-9 && p.value <= high + unit(p) / 2.0 + 1e-9
            }
            None => false,
        });
        count_agrees && percent_agrees
    };
    let candidates: Vec<Vec<Option<u32>>> = choices(bands.len(), figures.len())
        .into_iter()
        .map(|at| {
            let mut counts = vec![None; bands.len()];
            for (&i, &f) in at.iter().zip(figures) {
                counts[i] = Some(f);
            }
            counts
        })
        .collect();
    let mut fitting = candidates.into_iter().filter(|c| fits(c));
    match (fitting.next(), fitting.next()) {
        (Some(one), None) => Placement::Placed(one),
        (Some(_), Some(_)) => Placement::Ambiguous,
        (None, _) => Placement::NoFit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn band(value: f64, low: f64, high: f64) -> Band {
        Band {
            label: format!("{value} /{low}-{high}/"),
            value: Some(value),
            low: Some(low),
            high: Some(high),
            not_due: false,
        }
    }

    fn scale() -> Vec<Band> {
        vec![
            band(100.0, 90.0, 100.0),
            band(70.0, 60.0, 89.0),
            band(40.0, 31.0, 59.0),
            band(0.0, 0.0, 30.0),
        ]
    }

    fn stated(raw: &str) -> StatedNumber {
        StatedNumber {
            value: raw.replace(',', ".").parse().unwrap(),
            raw: raw.into(),
            source: Source::default(),
        }
    }

    #[test]
    fn the_one_order_whose_score_ranges_allow_the_percent_is_taken() {
        // 3 at 90-100 and 1 at 60-89 allow a mean of 82.5-97.5; 3 at 90-100 and 1 at 31-59
        // at most 90: 91,2 places them. The fifth measure is not due (no band for it).
        let p = place(&[3, 1], &scale(), Some(&stated("5")), Some(&stated("91,2")));
        assert_eq!(p, Placement::Placed(vec![Some(3), Some(1), None, None]));
        // 96,4 = (22×100 + 3×70)/25; 22 at 100 and 3 at 40 allow at most 95.2.
        let p = place(
            &[22, 3],
            &scale(),
            Some(&stated("25")),
            Some(&stated("96,4")),
        );
        assert_eq!(p, Placement::Placed(vec![Some(22), Some(3), None, None]));
    }

    #[test]
    fn a_not_due_band_takes_the_rest_of_the_count() {
        let not_due = Band {
            label: "/-/".into(),
            value: None,
            low: None,
            high: None,
            not_due: true,
        };
        let scale = vec![band(100.0, 90.0, 100.0), band(0.0, 0.0, 89.0), not_due];
        let p = place(&[2, 1], &scale, Some(&stated("3")), Some(&stated("100")));
        assert_eq!(p, Placement::Placed(vec![Some(2), None, Some(1)]));
    }

    #[test]
    fn two_agreeing_orders_are_ambiguous() {
        // 1 at 90-100 and 1 at 0-30, or 1 at 60-89 and 1 at 31-59: both may average 50.
        let p = place(&[1, 1], &scale(), Some(&stated("2")), Some(&stated("50")));
        assert_eq!(p, Placement::Ambiguous);
    }

    #[test]
    fn figures_above_the_count_fit_nowhere() {
        let p = place(
            &[3, 2, 1],
            &scale(),
            Some(&stated("5")),
            Some(&stated("74")),
        );
        assert_eq!(p, Placement::NoFit);
    }

    #[test]
    fn every_band_printed_is_placed_in_order_when_it_agrees() {
        // 3 at 90-100, 1 at 60-89, 1 at 31-59, 0 at 0-30 average 72.2-90: 74 agrees, 95 not.
        let p = place(
            &[3, 1, 1, 0],
            &scale(),
            Some(&stated("5")),
            Some(&stated("74")),
        );
        assert_eq!(
            p,
            Placement::Placed(vec![Some(3), Some(1), Some(1), Some(0)])
        );
        let p = place(
            &[3, 1, 1, 0],
            &scale(),
            Some(&stated("5")),
            Some(&stated("95")),
        );
        assert_eq!(p, Placement::NoFit);
    }
}
