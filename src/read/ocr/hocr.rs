//! Tesseract's hOCR: what it knows of each text line beyond its box.
//!
//! Enters: the hOCR (XHTML) of one Tesseract run. Leaves: per text line, its box (image pixels),
//! its font size (`x_size`: Tesseract's estimate of the line's size from its glyphs, steady from
//! line to line where a line's box grows with its capitals and descenders).

use scraper::{Html, Selector};

/// One text line of the hOCR.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct HocrLine {
    /// left, top, right, bottom in image pixels (TSV's line box: left, top, left + width,
    /// top + height).
    pub(super) bbox: [i64; 4],
    /// The font size in image pixels.
    pub(super) x_size: Option<f64>,
}

/// The text lines of an hOCR page (every kind Tesseract writes: lines, headers, captions,
/// floating text). A line whose title has no box is skipped.
pub(super) fn lines(hocr: &str) -> Vec<HocrLine> {
    let doc = Html::parse_document(hocr);
    let Ok(selector) = Selector::parse(".ocr_line, .ocr_header, .ocr_caption, .ocr_textfloat")
    else {
        return Vec::new();
    };
    doc.select(&selector)
        .filter_map(|el| {
            let title = el.value().attr("title")?;
            let mut line = HocrLine {
                bbox: [0; 4],
                x_size: None,
            };
            let mut has_box = false;
            for property in title.split(';') {
                let mut parts = property.split_whitespace();
                let numbers = |parts: std::str::SplitWhitespace| -> Vec<f64> {
                    parts.filter_map(|p| p.parse().ok()).collect()
                };
                match parts.next() {
                    Some("bbox") => {
                        let n = numbers(parts);
                        if n.len() == 4 {
                            line.bbox = [n[0] as i64, n[1] as i64, n[2] as i64, n[3] as i64];
                            has_box = true;
                        }
                    }
                    Some("x_size") => line.x_size = numbers(parts).first().copied(),
                    _ => {}
                }
            }
            has_box.then_some(line)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_size_from_the_title() {
        let hocr = r#"<html><body><div class='ocr_page' title='bbox 0 0 2480 3508'>
            <span class='ocr_line' id='line_1_1' title="bbox 145 690 1001 718; baseline 0.001 -6; x_size 27; x_descenders 6; x_ascenders 5">
              <span class='ocrx_word' title='bbox 145 690 300 718'>Нийт</span></span>
            <span class='ocr_header' id='line_1_2' title="bbox 137 418 229 443; baseline 0 -5; x_size 36.25">
              <span class='ocrx_word'>ГАЗАР</span></span>
            <span class='ocr_line' title="x_size 20"></span>
            </div></body></html>"#;
        let ls = lines(hocr);
        assert_eq!(ls.len(), 2, "{ls:?}");
        assert_eq!(ls[0].bbox, [145, 690, 1001, 718]);
        assert_eq!(ls[0].x_size, Some(27.0));
        assert_eq!(ls[1].x_size, Some(36.25));
        assert!(lines("not html at all").is_empty());
    }
}
