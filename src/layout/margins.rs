//! Running headers and footers: what repeats in the page margins is not the report's text.
//!
//! Enters: pages and their ruled grids. Leaves: per page, the vertical bands (top, bottom) of
//! lines to drop: margin lines that recur on other pages (digits aside) or hold a page number.

use super::lines::lines_of;
use super::ruled::Grid;
use super::{Page, Word};

/// A line in a page's margin.
struct MarginLine {
    /// Its text without digits.
    sig: String,
    numbers: Vec<u64>,
    top: f64,
    bottom: f64,
    /// It holds a page number alone.
    page_number: bool,
}

/// Running headers and footers: lines alone at their height in the top or bottom 8% of a
/// page whose text, digits removed, recurs at about the same height on half the other pages at
/// least, or that
/// hold only a number.
/// Words inside tables never count: a table's repeated header row is handled with the table.
pub(super) fn running_lines(pages: &[Page], grids: &[Vec<Grid>]) -> Vec<Vec<(f64, f64)>> {
    let margin_lines: Vec<Vec<MarginLine>> = pages
        .iter()
        .zip(grids)
        .map(|(p, gs)| {
            let words: Vec<&Word> = p
                .words
                .iter()
                .filter(|w| !gs.iter().any(|g| g.contains(w)))
                .collect();
            let lines = lines_of(&words);
            // A running line stands alone at its height; a line beside another, a fraction of
            // a line lower or higher, is a table's (cells centred vertically).
            let alone = |l: &super::lines::Line| {
                !lines.iter().any(|o| {
                    !std::ptr::eq(o, l)
                        && o.bottom.min(l.bottom) - o.top.max(l.top) > 0.3 * l.size.max(o.size)
                })
            };
            lines
                .iter()
                .filter(|l| l.top < 0.08 * p.height || l.bottom > 0.92 * p.height)
                .filter(|l| alone(l))
                .map(|l| {
                    let sig: String = l.text.chars().filter(|c| !c.is_ascii_digit()).collect();
                    // A page number is narrow: a table row's number and score at the foot
                    // of a page ("3 … 0") stand a table's width apart.
                    let bare = is_page_number(&l.text) && l.x1 - l.x0 < 6.0 * l.size;
                    MarginLine {
                        sig: sig.trim().to_string(),
                        numbers: numbers(&l.text),
                        top: l.top,
                        bottom: l.bottom,
                        page_number: bare,
                    }
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
                .filter(|l| {
                    // At about the same height of another page: a header where headers stand,
                    // not a table's row cut at one page's foot and its like atop the next.
                    let near = |t: f64| (t - l.top).abs() < 0.03 * pages[i].height;
                    // The other pages with a line at about this height that `like` takes
                    // for this one and whose numbers run with the pages.
                    let pages_with = |like: &dyn Fn(&MarginLine) -> bool| {
                        margin_lines
                            .iter()
                            .enumerate()
                            .filter(|(j, other)| {
                                *j != i
                                    && other.iter().any(|o| {
                                        like(o)
                                            && near(o.top)
                                            && numbers_run(&l.numbers, &o.numbers, i, *j)
                                    })
                            })
                            .count()
                    };
                    // On half the other pages at least: a row cut at the top of two pages of
                    // many may read alike ("Дотоод аудитын алба I-IV /-/"), a header is on
                    // most pages.
                    let others = pages_with(&|o| o.sig == l.sig);
                    let recurs = others >= 1 && 2 * others >= pages.len() - 1;
                    // A page number runs with the pages on half the others at least; a score
                    // cut off atop one page ("70") does not.
                    let numbered = pages_with(&|o| o.page_number);
                    let page_number =
                        l.page_number && (pages.len() == 1 || 2 * numbered >= pages.len() - 1);
                    // What recurs must be words: a row's number and score ("4 … 30%") leave
                    // only a "%" once their digits are gone.
                    let worded = l.sig.chars().any(char::is_alphabetic);
                    page_number || (recurs && worded && pages.len() > 1)
                })
                .map(|l| (l.top, l.bottom))
                .collect()
        })
        .collect()
}

/// The numbers of a line, in order.
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// Do the numbers of the same running line on pages `i` and `j` differ only as the pages do?
/// A header's date and a page count stay ("3/8", "4/8"), its page number runs with the pages;
/// two band headings atop consecutive pages ("70 /60-89/ … 8 арга хэмжээ", "0 /0-30/ … 1 арга
/// хэмжээ") read alike once their digits go but are no running line.
fn numbers_run(a: &[u64], b: &[u64], i: usize, j: usize) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x == y || *y as i64 - *x as i64 == j as i64 - i as i64)
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
    fn a_line_beside_another_is_no_running_header_though_its_word_recurs() {
        use crate::layout::synthetic::{unruled_page, word};
        // Page 1 opens with a table's row cut by the page break: a measure's line and, 2.6 pt
        // lower, the unit cell's second line "хэлтэс", which page 2 also has up there.
        let footer = || word("Тайлан", 300.0, 800.0);
        let p1 = unruled_page(
            1,
            vec![
                word("Орон", 160.0, 53.8),
                word("хэлтэс", 267.0, 56.4),
                footer(),
            ],
        );
        let p2 = unruled_page(2, vec![word("хэлтэс", 267.0, 56.4), footer()]);
        let bands = running_lines(&[p1, p2], &[Vec::new(), Vec::new()]);
        assert_eq!(bands[0], vec![(800.0, 810.0)]);
        assert_eq!(bands[1], vec![(800.0, 810.0)]);
    }

    #[test]
    fn a_table_row_cut_at_the_page_end_is_no_footer_though_its_percent_recurs() {
        use crate::layout::synthetic::{line, unruled_page};
        let p1 = unruled_page(1, line(&[("4", 50.0), ("30%", 500.0)], 780.0));
        let p2 = unruled_page(2, line(&[("5", 50.0), ("100", 500.0)], 780.0));
        let bands = running_lines(&[p1, p2], &[Vec::new(), Vec::new()]);
        assert!(bands.iter().all(Vec::is_empty), "{bands:?}");
    }

    #[test]
    fn a_row_cut_at_a_page_foot_and_its_like_atop_the_next_page_are_no_running_lines() {
        use crate::layout::synthetic::{line, unruled_page};
        let row =
            |score: &str, top: f64| line(&[("5 Иргэдийн оролцоог", 17.0), (score, 543.0)], top);
        let p1 = unruled_page(
            1,
            [row("50 хувь", 815.0), line(&[("Тайлан", 300.0)], 20.0)].concat(),
        );
        let p2 = unruled_page(
            2,
            [row("70 хувь", 40.0), line(&[("Тайлан", 300.0)], 20.0)].concat(),
        );
        let bands = running_lines(&[p1, p2], &[Vec::new(), Vec::new()]);
        // The header "Тайлан" at the top of both pages runs; the rows do not.
        assert_eq!(bands, vec![vec![(20.0, 30.0)], vec![(20.0, 30.0)]]);
    }

    #[test]
    fn headings_alike_but_for_their_numbers_are_no_running_lines() {
        use crate::layout::synthetic::{line, unruled_page};
        let page = |n: u32, heading: &str| {
            let footer = format!("Хуудас {n}/3");
            unruled_page(
                n,
                [
                    line(&[(heading, 60.0)], 20.0),
                    line(&[(footer.as_str(), 300.0)], 810.0),
                ]
                .concat(),
            )
        };
        let p1 = page(1, "100 /90-100/ хувийн биелэлттэй: 11 арга хэмжээ");
        let p2 = page(2, "70 /60-89/ хувийн биелэлттэй: 8 арга хэмжээ");
        let p3 = page(3, "0 /0-30/ хувийн биелэлттэй: 1 арга хэмжээ");
        let bands = running_lines(&[p1, p2, p3], &[Vec::new(), Vec::new(), Vec::new()]);
        // The footer's page number runs with the pages, its count stays: it is dropped.
        assert!(
            bands.iter().all(|b| b == &vec![(810.0, 820.0)]),
            "{bands:?}"
        );
    }

    #[test]
    fn a_row_cut_alike_atop_two_pages_of_five_is_no_running_line() {
        use crate::layout::synthetic::{line, unruled_page};
        let pages: Vec<Page> = (1..=5)
            .map(|n| {
                let mut words = line(&[("Тайлан", 300.0)], 810.0);
                if n == 2 || n == 4 {
                    words.extend(line(
                        &[
                            ("Дотоод аудитын алба", 400.0),
                            ("I-IV", 512.0),
                            ("/-/", 751.0),
                        ],
                        46.0,
                    ));
                }
                unruled_page(n, words)
            })
            .collect();
        let grids = vec![Vec::new(); 5];
        let bands = running_lines(&pages, &grids);
        assert!(
            bands.iter().all(|b| b == &vec![(810.0, 820.0)]),
            "{bands:?}"
        );
    }

    #[test]
    fn page_numbers_run_with_the_pages_a_score_cut_atop_one_does_not() {
        use crate::layout::synthetic::{line, unruled_page};
        let pages: Vec<Page> = (1..=4)
            .map(|n| {
                let number = n.to_string();
                let mut words = line(&[(number.as_str(), 300.0)], 810.0);
                if n == 3 {
                    words.extend(line(&[("70", 746.0)], 46.0));
                }
                unruled_page(n, words)
            })
            .collect();
        let bands = running_lines(&pages, &vec![Vec::new(); 4]);
        assert!(
            bands.iter().all(|b| b == &vec![(810.0, 820.0)]),
            "{bands:?}"
        );
    }

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
