//! Synthetic pages for the layout's unit tests: words and rules placed by hand, so that each
//! rule of the layout is tested on the geometry it is about, whatever producer drew it.

use super::{Page, Rule, Word};

pub fn word(text: &str, x0: f64, top: f64) -> Word {
    Word {
        text: text.into(),
        x0,
        x1: x0 + 6.0 * text.chars().count() as f64,
        top,
        bottom: top + 10.0,
        font_size: 10.0,
        baseline: Some(top + 8.0),
    }
}

pub fn hline(y: f64, x0: f64, x1: f64) -> Rule {
    Rule {
        x0,
        y0: y,
        x1,
        y1: y,
    }
}

/// A table of three columns whose rows are separated by horizontal rules only, each drawn
/// as one segment per cell (as Chromium does), with a header wrapped over two lines; words
/// 6 pt a letter, a 3 pt space between them.
pub fn horizontal_only_page() -> Page {
    let mut rules = Vec::new();
    for y in [100.0, 130.0, 160.0, 190.0] {
        for (a, b) in [(50.0, 80.0), (80.0, 300.0), (300.0, 400.0)] {
            rules.push(hline(y, a, b));
        }
    }
    Page {
        rules,
        ..horizontal_only_page_of_whole_lines()
    }
}

/// The same table with each row's rule drawn as one line: columns from whitespace.
pub fn horizontal_only_page_of_whole_lines() -> Page {
    let rules = [100.0, 130.0, 160.0, 190.0]
        .iter()
        .map(|&y| hline(y, 50.0, 400.0))
        .collect();
    let words = vec![
        word("№", 55.0, 105.0),
        word("Хэрэгжүүлэх", 85.0, 104.0),
        word("арга", 85.0, 116.0),
        word("хэмжээ", 112.0, 116.0),
        word("Үнэлгээ", 305.0, 105.0),
        word("1", 55.0, 135.0),
        word("Сургалт", 85.0, 135.0),
        word("зохион", 130.0, 135.0),
        word("байгуулах", 169.0, 135.0),
        word("100", 305.0, 135.0),
        word("2", 55.0, 165.0),
        word("Журам", 85.0, 165.0),
        word("батлах", 118.0, 165.0),
        word("70", 305.0, 165.0),
    ];
    Page {
        number: 1,
        width: 595.0,
        height: 842.0,
        words,
        rules,
    }
}

/// The words of one line: each (text, x) is a cell's text starting at x, its words 6 pt a
/// letter with a 3 pt space between them.
pub fn line(cells: &[(&str, f64)], top: f64) -> Vec<Word> {
    let mut out = Vec::new();
    for (text, x) in cells {
        let mut x = *x;
        for w in text.split_whitespace() {
            let word = word(w, x, top);
            x = word.x1 + 3.0;
            out.push(word);
        }
    }
    out
}

/// A page of these words and no rules.
pub fn unruled_page(number: u32, words: Vec<Word>) -> Page {
    Page {
        number,
        width: 595.0,
        height: 842.0,
        words,
        rules: Vec::new(),
    }
}
