//! One scanned page read: its image rendered and turned straight, its words read, its rules
//! found, all in PDF points.
//!
//! Enters: the PDF and a page number. Leaves: a [`Page`] like the PDF reader's (words and rules
//! in points, top-left origin), the words' confidences, and the problems of the second readings
//! (the page is kept without them).

use super::hocr::{self, HocrLine};
use super::tsv::TsvWord;
use super::{engine, raster, reread, tsv, DPI, LOW_CONFIDENCE, SURE_CONFIDENCE};
use crate::layout::{Page, Rule, Word};
use std::path::Path;

/// Lone dots per million pixels from which a page is despeckled before it is read.
const SPECKLED: f64 = 100.0;

/// Ink pixels per million below which a page is blank: a page number alone has some thirty.
/// Tesseract binarizes a blank page's grain into letters ("УХЛОЖ, ТЭС"), so it is not read.
const BLANK: f64 = 10.0;

/// Whether the image holds no ink to read (the grain of a blank page is paper, not ink).
fn is_blank(img: &image::GrayImage) -> bool {
    let pixels = (img.width() as usize * img.height() as usize).max(1);
    let ink = raster::ink_in(img, (0, 0, img.width() as usize, img.height() as usize));
    (ink as f64) * 1e6 / (pixels as f64) < BLANK
}

/// What one page gave.
pub(super) struct PageRead {
    pub(super) page: Page,
    pub(super) confidences: Vec<f64>,
    /// Numbers read with less than [`LOW_CONFIDENCE`]: a figure resting on one of them is
    /// doubted, not compared.
    pub(super) unsure: Vec<String>,
    /// Numbers every reading of which on the page had [`SURE_CONFIDENCE`] or more.
    pub(super) sure: Vec<String>,
    pub(super) problems: Vec<crate::model::Message>,
}

/// A word's font size in pixels, from its line's `x_size` (Tesseract's estimate) and box height,
/// its own box height and the page's median line height. The line's box spans its tallest
/// letters (about the font size), but a line without capitals, ascenders or descenders
/// ("хэмжээ") has a shorter one, and `x_size` runs short on some short lines: the larger of the
/// two (without `x_size`, the box with the page's median as floor). But Tesseract joins the
/// lines of cells side by side into one line whose box and `x_size` span several baselines (22
/// pt for 10 pt text): the word's own height, or the median for a word without ascenders,
/// bounds it.
fn word_size(x_size: Option<f64>, line_height: f64, word_height: f64, median: f64) -> f64 {
    let size = match x_size {
        Some(x_size) => x_size.max(line_height),
        None => line_height.max(median) * 0.95,
    };
    size.min(word_height.max(median / 1.15) * 1.15)
}

/// Table borders read as text: a lone "|", or a "|", "1", "l" glued to a word that touches a
/// vertical rule ("|100" → "100").
fn strip_border_marks(page: &mut Page) {
    let verticals: Vec<Rule> = page
        .rules
        .iter()
        .filter(|r| r.is_vertical())
        .copied()
        .collect();
    let near_rule = |x: f64, w: &Word| {
        verticals
            .iter()
            .any(|v| (v.x0 - x).abs() < 1.5 && w.cy() > v.y0 && w.cy() < v.y1)
    };
    for w in page.words.iter_mut() {
        let n = w.text.chars().count() as f64;
        let per_char = (w.x1 - w.x0) / n.max(1.0);
        if w.text.chars().count() > 1
            && near_rule(w.x0, w)
            && w.text.starts_with(['|', '1', 'l', 'I', '['])
        {
            w.text = w.text.chars().skip(1).collect();
            w.x0 += per_char;
        }
        if w.text.chars().count() > 1
            && near_rule(w.x1, w)
            && w.text.ends_with(['|', 'l', 'I', ']'])
        {
            w.text.pop();
            w.x1 -= per_char;
        }
        w.text = w.text.trim_matches('|').to_string();
    }
    page.words.retain(|w| !w.text.is_empty());
}

/// Render page `page` of `pdf`, turn it straight, read it (Tesseract reading the image scaled
/// by `read_scale`); its files go in `tmp`.
pub(super) fn read_page(
    pdf: &Path,
    page: u32,
    read_scale: f64,
    tmp: &Path,
) -> Result<PageRead, String> {
    let stem = tmp.join(format!("p{page}"));
    let rendered = engine::render_page(pdf, page, DPI, &stem)?;
    // Straight before reading: rules found as runs of pixels break up on a turned page, and
    // Tesseract reads level lines best.
    let angle = raster::skew(&rendered);
    let (img, skew_left) = raster::deskew(rendered, angle);
    let mut img = raster::flatten(&img);
    // Salt and pepper out, where there is any: a clean page keeps its finest marks (a decimal
    // point) as they are. A page with none shows fewer than 50 lone dots per million pixels;
    // dust and a copier's grain, hundreds.
    if raster::specks_per_million(&img) >= SPECKLED {
        img = raster::despeckle(&img);
    }
    // Rules found, then taken out of what Tesseract reads: beside a cell's text a rule reads
    // as "1" or "|" ("70" beside a border read "170").
    // A rule is a fifth of an inch long at least; specks break it for a pixel or two, a line
    // a fraction of a degree off level steps across a few rows.
    let strokes = raster::strokes(
        &img,
        (DPI / 5.0) as usize,
        (DPI / 60.0) as usize,
        (DPI / 15.0) as usize,
    );
    raster::erase(&mut img, &strokes.runs);
    if is_blank(&img) {
        return Ok(PageRead {
            page: Page {
                number: page,
                width: img.width() as f64 * 72.0 / DPI,
                height: img.height() as f64 * 72.0 / DPI,
                words: Vec::new(),
                rules: Vec::new(),
            },
            confidences: Vec::new(),
            unsure: Vec::new(),
            sure: Vec::new(),
            problems: Vec::new(),
        });
    }
    let image_path = stem.with_extension("pgm");
    if read_scale < 1.0 {
        engine::write_pgm(&scaled(&img, read_scale), &image_path)?;
    } else {
        engine::write_pgm(&img, &image_path)?;
    }
    let read = engine::tesseract_page(&image_path);
    let _ = std::fs::remove_file(&image_path);
    let (tsv_text, hocr_text) = read?;
    let tsv::Tsv {
        mut words,
        mut line_boxes,
    } = tsv::parse(&tsv_text);
    tsv::drop_speck_periods(&mut words);
    // Each TSV line's hOCR line (the same box): its font size.
    let mut hocr_lines: std::collections::HashMap<[i64; 4], HocrLine> = hocr::lines(&hocr_text)
        .into_iter()
        .map(|l| (l.bbox, l))
        .collect();
    if read_scale < 1.0 {
        // Back to the rendering's pixels, where the rules and the second readings are.
        let up = |v: i64| (v as f64 / read_scale).round() as i64;
        for w in words.iter_mut() {
            w.left /= read_scale;
            w.top /= read_scale;
            w.width /= read_scale;
            w.height /= read_scale;
        }
        for b in line_boxes.values_mut() {
            *b = b.map(up);
        }
        hocr_lines = hocr_lines
            .into_values()
            .map(|mut l| {
                l.bbox = l.bbox.map(up);
                l.x_size = l.x_size.map(|x| x / read_scale);
                (l.bbox, l)
            })
            .collect();
    }
    trim_to_ink(&img, &mut words);
    let line_of = |w: &TsvWord| line_boxes.get(&w.line_key).and_then(|b| hocr_lines.get(b));
    // Image pixels → PDF points, the skew of a page not turned taken out. (Not the words' own
    // slope: Tesseract's lines run across a table's cells, whose lines stand at other heights.)
    let (sin, cos) = (-skew_left).sin_cos();
    let pt = 72.0 / DPI;
    let map = |x: f64, y: f64| ((x * cos - y * sin) * pt, (x * sin + y * cos) * pt);
    let mut confidences: Vec<f64> = words.iter().map(|w| w.conf).collect();
    let mut unsure: Vec<String> = words
        .iter()
        .filter(|w| is_unsure_number(w.conf, &w.text))
        .map(|w| w.text.clone())
        .collect();
    // Each number's lowest confidence on the page, over its first and second readings.
    let mut lowest: std::collections::BTreeMap<String, f64> = Default::default();
    let mut note_number = |conf: f64, text: &str| {
        if text.chars().any(|c| c.is_ascii_digit()) {
            let low = lowest.entry(text.to_string()).or_insert(conf);
            *low = low.min(conf);
        }
    };
    for w in &words {
        note_number(w.conf, &w.text);
    }
    let mut heights: Vec<f64> = line_boxes.values().map(|b| (b[3] - b[1]) as f64).collect();
    heights.sort_by(f64::total_cmp);
    let median_height = heights.get(heights.len() / 2).copied().unwrap_or(0.0);
    let page_words = words
        .iter()
        .map(|w| {
            let (x0, top) = map(w.left, w.top);
            let (x1, bottom) = map(w.left + w.width, w.top + w.height);
            let line_height = line_boxes
                .get(&w.line_key)
                .map(|b| (b[3] - b[1]) as f64)
                .unwrap_or(w.height);
            let x_size = line_of(w).and_then(|l| l.x_size);
            let size = word_size(x_size, line_height, w.height, median_height) * pt;
            Word {
                text: w.text.clone(),
                x0: x0.min(x1),
                x1: x0.max(x1),
                top: top.min(bottom),
                bottom: top.max(bottom),
                font_size: size.max(1.0),
                // Tesseract's baseline is its line's, and its lines run across a table's
                // cells: two cells' lines a fraction apart would share one.
                baseline: None,
            }
        })
        .collect();
    let rules = strokes
        .lines
        .into_iter()
        .map(|r| {
            let (x0, y0) = map(r.x0, r.y0);
            let (x1, y1) = map(r.x1, r.y1);
            // Straightened, a run is level or upright: snap it to its axis.
            if (y1 - y0).abs() < (x1 - x0).abs() {
                let y = (y0 + y1) / 2.0;
                Rule {
                    x0: x0.min(x1),
                    y0: y,
                    x1: x0.max(x1),
                    y1: y,
                }
            } else {
                let x = (x0 + x1) / 2.0;
                Rule {
                    x0: x,
                    y0: y0.min(y1),
                    x1: x,
                    y1: y0.max(y1),
                }
            }
        })
        .collect();
    let mut out = Page {
        number: page,
        width: img.width() as f64 * pt,
        height: img.height() as f64 * pt,
        words: page_words,
        rules,
    };
    strip_border_marks(&mut out);
    // PDF points → image pixels.
    let unmap = |x: f64, y: f64| ((x * cos + y * sin) / pt, (-x * sin + y * cos) / pt);
    let mut problems = Vec::new();
    // A second reading's words join the page's confidences (and its unsure numbers); one that
    // fails leaves the page as first read, and says so.
    let mut second = |read: Result<Vec<(f64, String)>, String>, what: &str| {
        match read {
        Ok(c) => {
            for (conf, text) in &c {
                note_number(*conf, text);
            }
            unsure.extend(
                c.iter()
                    .filter(|(conf, text)| is_unsure_number(*conf, text))
                    .map(|(_, text)| text.clone()),
            );
            confidences.extend(c.into_iter().map(|(conf, _)| conf));
        }
        Err(e) => problems.push(crate::model::Message::new(
            format!("page {page}: {what} failed ({e}); the page is kept as first read"),
            format!(
                "{page}-р хуудас: текст таниулалтын нэмэлт уншилт амжилтгүй ({e}); хуудсыг анх уншсанаар нь үлдээсэн"
            ),
        )),
    }
    };
    second(
        reread::reread_skipped(
            &img,
            &mut out,
            map,
            unmap,
            &tmp.join(format!("cells{page}")),
        ),
        "second OCR pass on text the first skipped",
    );
    second(
        reread::reread_number_columns(&img, &mut out, unmap, &tmp.join(format!("numbers{page}"))),
        "OCR pass on number columns",
    );
    second(
        reread::reread_codes(&img, &mut out, unmap, &tmp.join(format!("codes{page}"))),
        "OCR pass on measure codes",
    );
    let sure = lowest
        .into_iter()
        .filter(|(_, conf)| *conf >= SURE_CONFIDENCE)
        .map(|(text, _)| text)
        .collect();
    Ok(PageRead {
        page: out,
        confidences,
        unsure,
        sure,
        problems,
    })
}

/// Each word's box narrowed to the ink in its middle rows, where Tesseract drew it over white
/// paper wider than half its height: a box stretched left over another cell's gap to a mark
/// it read from the tops of the line below ('"Хүний' 18 pt left of "Хүний", across the column
/// boundary) would place the word in two columns. A box a little wider than its ink (a
/// letter's side bearing) is kept.
fn trim_to_ink(img: &image::GrayImage, words: &mut [TsvWord]) {
    for w in words.iter_mut() {
        let (x0, x1) = (
            w.left.max(0.0) as usize,
            (w.left + w.width).max(0.0) as usize,
        );
        // The box's middle rows: its top and bottom may hold the next line's tops or the
        // line above's descenders.
        let (y0, y1) = (
            (w.top + 0.25 * w.height).max(0.0) as usize,
            (w.top + 0.75 * w.height).max(0.0) as usize,
        );
        let Some((first, last)) = raster::ink_columns(img, (x0, y0, x1, y1)) else {
            continue;
        };
        let slack = 0.5 * w.height;
        let mut left = w.left;
        let mut right = w.left + w.width;
        if first as f64 - w.left > slack {
            left = first as f64;
        }
        if right - last as f64 > slack {
            right = last as f64;
        }
        w.left = left;
        w.width = right - left;
    }
}

/// The image scaled by `scale` (under 1: each pixel the mean of those it covers).
fn scaled(img: &image::GrayImage, scale: f64) -> image::GrayImage {
    image::imageops::resize(
        img,
        ((img.width() as f64 * scale).round() as u32).max(1),
        ((img.height() as f64 * scale).round() as u32).max(1),
        image::imageops::FilterType::Triangle,
    )
}

/// A word with a digit read with less than [`LOW_CONFIDENCE`] ("77.4" read "77.1" at 58%).
fn is_unsure_number(confidence: f64, text: &str) -> bool {
    confidence < LOW_CONFIDENCE && text.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_drawn_over_white_paper_is_narrowed_to_its_ink() {
        // Ink in columns 40-59 of rows 10-29; one box from 10 (30 px of paper on its left,
        // but for the tops of the line below),
        // one from 37 (a letter's bearing), one with no ink at all.
        let mut img = image::GrayImage::from_pixel(100, 40, image::Luma([255]));
        for x in 40..60 {
            for y in 10..30 {
                img.put_pixel(x, y, image::Luma([0]));
            }
        }
        // The next line's tops in the box's bottom rows.
        for x in 12..30 {
            img.put_pixel(x, 29, image::Luma([0]));
        }
        let word = |left: f64, width: f64| TsvWord {
            line_key: (1, 1, 1),
            left,
            top: 10.0,
            width,
            height: 20.0,
            conf: 90.0,
            text: "\"Хүний".into(),
        };
        let mut words = vec![word(10.0, 50.0), word(37.0, 25.0), word(70.0, 20.0)];
        trim_to_ink(&img, &mut words);
        assert_eq!((words[0].left, words[0].width), (40.0, 20.0));
        assert_eq!((words[1].left, words[1].width), (37.0, 25.0));
        assert_eq!((words[2].left, words[2].width), (70.0, 20.0));
    }

    #[test]
    fn a_page_of_grain_is_blank_a_page_number_is_not() {
        // Paper with a scanner's grain (greys 220-255), 1000 × 1000 pixels.
        let mut img = image::GrayImage::from_fn(1000, 1000, |x, y| {
            image::Luma([220 + ((x * 7919 + y * 104_729) % 36) as u8])
        });
        assert!(is_blank(&img));
        // A page number: a 6 × 30 pixel stroke.
        for y in 500..530 {
            for x in 500..506 {
                img.put_pixel(x, y, image::Luma([20]));
            }
        }
        assert!(!is_blank(&img));
    }

    #[test]
    fn a_word_is_sized_by_its_line_within_its_own_height() {
        // A line of 10-pixel text: its box 10, x_size 9.
        assert_eq!(word_size(Some(9.0), 10.0, 10.0, 10.0), 10.0);
        // A word without ascenders on it (6 pixels high) keeps the line's size.
        assert_eq!(word_size(Some(9.0), 10.0, 6.0, 10.0), 10.0);
        // Two cells' lines joined into one: box 22, x_size 22; the word is 10 high.
        assert_eq!(word_size(Some(22.0), 22.0, 10.0, 10.0), 11.5);
        // A heading's larger words stay larger.
        assert_eq!(word_size(Some(14.0), 15.0, 15.0, 10.0), 15.0);
    }
}
