//! Running headers and footers: what repeats in the page margins is not the report's text.
//!
//! Enters: pages and their ruled grids. Leaves: per page, the vertical bands (top, bottom) of
//! lines to drop: margin lines that recur on other pages (digits aside) or hold a page number.

use super::lines::lines_of;
use super::ruled::Grid;
use super::{Page, Word};

/// Running headers and footers: lines in the top or bottom 8% of a page whose text, digits
/// removed, recurs on another page, or that hold only a number.
/// Words inside tables never count: a table's repeated header row is handled with the table.
pub(super) fn running_lines(pages: &[Page], grids: &[Vec<Grid>]) -> Vec<Vec<(f64, f64)>> {
    let margin_lines: Vec<Vec<(String, f64, f64, bool)>> = pages
        .iter()
        .zip(grids)
        .map(|(p, gs)| {
            let words: Vec<&Word> = p
                .words
                .iter()
                .filter(|w| !gs.iter().any(|g| g.contains(w)))
                .collect();
            lines_of(&words)
                .into_iter()
                .filter(|l| l.top < 0.08 * p.height || l.bottom > 0.92 * p.height)
                .map(|l| {
                    let sig: String = l.text.chars().filter(|c| !c.is_ascii_digit()).collect();
                    let bare = is_page_number(&l.text);
                    (sig.trim().to_string(), l.top, l.bottom, bare)
                })
                .collect()
        })
        .collect();
    margin_lines
        .iter()
        .enumerate()
        .map(|(i, lines)| {
            lines
                .iter()
                .filter(|(sig, _, _, bare_number)| {
                    let recurs = margin_lines
                        .iter()
                        .enumerate()
                        .any(|(j, other)| j != i && other.iter().any(|(s, _, _, _)| s == sig));
                    *bare_number || (recurs && pages.len() > 1)
                })
                .map(|(_, top, bottom, _)| (*top, *bottom))
                .collect()
        })
        .collect()
}

/// A page number as printed in a margin: "3", "- 3 -", "(3)", "3/9". Not a letter's date and
/// number ("2021.02.14 № 9/141"), which a producer with thin margins puts in the top 8% too.
pub(super) fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().count() <= 12
        && t.chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-–—()[]/.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_but_not_letter_lines() {
        for n in ["3", "- 3 -", "(12)", "3/9", " 7 "] {
            assert!(is_page_number(n), "{n}");
        }
        for t in ["2021.02.14 № 9/141", "Хуудас", "2021.02.14 9/141 extra"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
