//! Evidence located on its page: for a PDF or a scan, the boxes of the words that print each
//! finding's figure, from the same positioned words the layout engine rebuilt the tables from
//! (PDF text or OCR), so the report page can outline the figure on a picture of the page
//! without reading the file again.
//!
//! Enters: findings and the pages' positioned words. Leaves: the findings, each page evidence
//! with the boxes of its figure (none when no word of its page prints it).

use crate::layout::{Page, Word};
use crate::model::{Finding, PageBox};

/// The token a figure is matched by: its digits and decimal point ("/93,9/;" → "93.9").
pub fn figure_key(raw: &str) -> String {
    raw.chars()
        .map(|c| if c == ',' { '.' } else { c })
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect::<String>()
        .trim_matches('.')
        .to_string()
}

/// The words of `page` that print the figure `raw`.
pub fn find<'a>(page: &'a Page, raw: &str) -> Vec<&'a Word> {
    let key = figure_key(raw);
    if key.is_empty() {
        return Vec::new();
    }
    page.words
        .iter()
        .filter(|w| figure_key(&w.text) == key)
        .collect()
}

/// A word's box as fractions of its page.
fn page_box(page: &Page, w: &Word) -> PageBox {
    let (width, height) = (page.width.max(1.0), page.height.max(1.0));
    PageBox {
        x0: w.x0 / width,
        top: w.top / height,
        x1: w.x1 / width,
        bottom: w.bottom / height,
    }
}

/// Give each page evidence of `findings` the boxes of its figure on its page: the words that
/// print it within the table row or paragraph it was read from, when the layout recorded where
/// that stands (a score of 100 is printed on many rows); every word that prints it otherwise.
pub fn locate(findings: &mut [Finding], pages: &[Page]) {
    for e in findings.iter_mut().flat_map(|f| &mut f.evidence) {
        let Some(page) = e
            .source
            .page
            .and_then(|n| pages.iter().find(|p| p.number == n))
        else {
            continue;
        };
        let found = find(page, &e.raw);
        let within: Vec<&Word> = match e.source.span {
            Some((top, bottom)) => found
                .iter()
                .copied()
                .filter(|w| w.cy() >= top - 1.0 && w.cy() <= bottom + 1.0)
                .collect(),
            None => Vec::new(),
        };
        let shown = if within.is_empty() { found } else { within };
        e.boxes = shown.into_iter().map(|w| page_box(page, w)).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, FindingKind, Message, Severity, Source};

    fn word(text: &str, x0: f64) -> Word {
        Word {
            text: text.into(),
            x0,
            x1: x0 + 20.0,
            top: 100.0,
            bottom: 110.0,
            font_size: 10.0,
            baseline: None,
        }
    }

    fn page() -> Page {
        Page {
            number: 2,
            width: 600.0,
            height: 800.0,
            words: vec![
                word("97,9", 10.0),
                word("/93.9/;", 60.0),
                word("5.1", 120.0),
                word("Зорилт", 180.0),
            ],
            rules: Vec::new(),
        }
    }

    #[test]
    fn a_figure_is_found_whatever_its_punctuation() {
        let page = page();
        assert_eq!(find(&page, "97.9").len(), 1);
        assert_eq!(find(&page, "/93.9/,").len(), 1);
        assert!(find(&page, "93").is_empty());
        assert!(find(&page, "хувь").is_empty());
    }

    #[test]
    fn page_evidence_gets_its_boxes_as_fractions_of_the_page() {
        let on = |page: Option<u32>, raw: &str| {
            Evidence::new(
                Message::new("score", "оноо"),
                raw.into(),
                Source {
                    page,
                    ..Default::default()
                },
            )
        };
        let mut findings = vec![Finding::new(
            FindingKind::MeasureScoreConflict,
            Severity::Warning,
            Message::new("two scores", "хоёр оноо"),
        )
        .evidence(vec![
            on(Some(2), "93.9"),
            on(Some(1), "97.9"),
            on(None, "97.9"),
            on(Some(2), "41"),
        ])];
        locate(&mut findings, &[page()]);
        let e = &findings[0].evidence;
        assert_eq!(
            e[0].boxes,
            vec![PageBox {
                x0: 0.1,
                top: 0.125,
                x1: 80.0 / 600.0,
                bottom: 110.0 / 800.0
            }]
        );
        // Another page, no page, a figure the page does not print: no box.
        assert!(e[1].boxes.is_empty() && e[2].boxes.is_empty() && e[3].boxes.is_empty());
    }

    /// A figure printed on several rows is outlined on the row it was read from.
    #[test]
    fn a_figure_printed_twice_is_located_on_its_row() {
        let mut page = page();
        page.words.push(Word {
            top: 300.0,
            bottom: 310.0,
            ..word("97.9", 10.0)
        });
        let at = |span: Option<(f64, f64)>| {
            let mut f = vec![Finding::new(
                FindingKind::ScoreRounding,
                Severity::Info,
                Message::new("truncated", "тасалсан"),
            )
            .evidence(vec![Evidence::new(
                Message::new("score", "оноо"),
                "97.9".into(),
                Source {
                    page: Some(2),
                    line: None,
                    span,
                },
            )])];
            locate(&mut f, std::slice::from_ref(&page));
            f[0].evidence[0]
                .boxes
                .iter()
                .map(|b| b.top * 800.0)
                .collect::<Vec<f64>>()
        };
        assert_eq!(at(Some((290.0, 320.0))), vec![300.0]);
        assert_eq!(at(Some((95.0, 115.0))), vec![100.0]);
        // Unknown row, or a row where OCR read no such word: every place it stands.
        assert_eq!(at(None), vec![100.0, 300.0]);
        assert_eq!(at(Some((500.0, 520.0))), vec![100.0, 300.0]);
    }
}
