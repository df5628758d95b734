//! The scoring method's arithmetic: how a printed figure relates to an exact one (rounded or
//! truncated to the decimals it was printed with), and which band of a report's scale holds a
//! score.
//!
//! Enters: stated numbers and exact means; leaves: a [`Fit`] or a yes/no. Segmentation uses it
//! to decide between two stated scores of a measure, the checks to judge every stated figure.

use crate::model::StatedNumber;

pub fn decimals(raw: &str) -> u32 {
    let digits: String = raw
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    digits
        .split_once(['.', ','])
        .map_or(0, |(_, frac)| frac.len() as u32)
}

pub fn round_to(v: f64, d: u32) -> f64 {
    let p = 10f64.powi(d as i32);
    (v * p).round() / p
}

pub fn trunc_to(v: f64, d: u32) -> f64 {
    let p = 10f64.powi(d as i32);
    ((v * p) + 1e-9).trunc() / p
}

/// How a stated figure relates to an exact one printed to the stated figure's decimals.
#[derive(Debug, PartialEq)]
pub enum Fit {
    Rounded,
    Truncated,
    No,
}

pub fn fit(stated: &StatedNumber, exact: f64) -> Fit {
    let d = decimals(&stated.raw);
    if (round_to(exact, d) - stated.value).abs() < 1e-9 || (exact - stated.value).abs() < 1e-9 {
        Fit::Rounded
    } else if (trunc_to(exact, d) - stated.value).abs() < 1e-9 {
        Fit::Truncated
    } else {
        Fit::No
    }
}

/// Whether a stated figure is the exact one rounded up (ceiling) to its decimals and not
/// rounded: some offices print 88.1 for 88.06 and 88.2 for 88.11.
pub fn fits_ceiling(stated: &StatedNumber, exact: f64) -> bool {
    let d = decimals(&stated.raw);
    let p = 10f64.powi(d as i32);
    ((exact * p - 1e-9).ceil() / p - stated.value).abs() < 1e-9
        && (round_to(exact, d) - stated.value).abs() >= 1e-9
}

/// How a stated figure prints an exact one: "exact", "rounded", "truncated", "ceiling"
/// (rounded up), or "none".
pub fn printed_as(stated: &StatedNumber, exact: f64) -> &'static str {
    if (stated.value - exact).abs() < 1e-9 {
        "exact"
    } else if fits_ceiling(stated, exact) {
        "ceiling"
    } else {
        match fit(stated, exact) {
            Fit::Rounded => "rounded",
            Fit::Truncated => "truncated",
            Fit::No => "none",
        }
    }
}

/// Does a score fall in a band? Bands are printed with whole-number bounds ("60-69"), so a
/// band covers from its low bound up to the next whole number after its high bound.
pub fn in_band(score: f64, low: f64, high: f64) -> bool {
    score >= low - 1e-9 && (score < high + 1.0 - 1e-9 || (high >= 100.0 && score <= high + 1e-9))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stated(v: f64, raw: &str) -> StatedNumber {
        StatedNumber {
            value: v,
            raw: raw.into(),
            source: Default::default(),
        }
    }

    #[test]
    fn rounding_and_truncation() {
        assert_eq!(fit(&stated(97.9, "97.9"), 97.966), Fit::Truncated);
        assert_eq!(fit(&stated(96.7, "96,7"), 96.666), Fit::Rounded);
        assert_eq!(fit(&stated(98.2, "98.2"), 98.2416), Fit::Rounded);
        assert_eq!(fit(&stated(100.0, "100"), 100.0), Fit::Rounded);
        assert_eq!(fit(&stated(95.5, "95,5"), 92.5), Fit::No);
    }

    #[test]
    fn a_figure_rounded_up_is_told_from_one_rounded() {
        assert!(fits_ceiling(&stated(88.2, "88.2"), 88.11));
        assert!(!fits_ceiling(&stated(88.1, "88.1"), 88.11));
        assert!(!fits_ceiling(&stated(88.2, "88,2"), 88.16));
    }

    #[test]
    fn bands_cover_up_to_the_next_whole_number() {
        assert!(in_band(69.5, 60.0, 69.0));
        assert!(!in_band(70.0, 60.0, 69.0));
        assert!(in_band(100.0, 90.0, 100.0));
        assert!(!in_band(89.0, 90.0, 100.0));
    }
}
