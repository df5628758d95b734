//! Second readings of what the page reading skipped or got wrong.
//!
//! Enters: a page's image (deskewed, pixels), its words and rules in points (`Page`), and the
//! maps between points and pixels. Leaves: the page with the new words put where they stand,
//! and each new word's confidence and text (the caller keeps numbers read unsure). Tesseract's
//! page segmentation skips lone short text (a "1" in a count column, a score alone in its
//! cell, a line of column numbers) and reads a digit as a letter in a short number ("ж" for
//! "3"): empty cells and ink no word covers, and then number cells that do not read as numbers,
//! are cropped, stacked into one image, read in one run as a block of text (with digits only,
//! for a column of numbers) and their words put back in place.

use super::raster::PixelBox;
use super::{engine, raster, tsv, DPI, LOW_CONFIDENCE};
use crate::layout::{Page, Rect, Word};
use image::GrayImage;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// A cell on the page and its pixels in the page image (x0, y0, x1, y1).
type Crop = (Rect, (usize, usize, usize, usize));

/// How far inside its borders a cell is cropped, in points: the rules stay out.
const INSET: f64 = 2.5;

/// The crop of a cell, inset from its borders, and how many dark pixels it holds.
fn cell_crop(
    img: &GrayImage,
    cell: Rect,
    unmap: &impl Fn(f64, f64) -> (f64, f64),
) -> Option<(Crop, usize)> {
    let Rect { x0, y0, x1, y1 } = cell;
    if x1 - x0 < 3.0 * INSET || y1 - y0 < 3.0 * INSET {
        return None;
    }
    let corners = [
        unmap(x0 + INSET, y0 + INSET),
        unmap(x1 - INSET, y0 + INSET),
        unmap(x0 + INSET, y1 - INSET),
        unmap(x1 - INSET, y1 - INSET),
    ];
    let min = |f: fn(&(f64, f64)) -> f64| {
        corners.iter().map(f).fold(f64::INFINITY, f64::min).max(0.0) as usize
    };
    let max = |f: fn(&(f64, f64)) -> f64| corners.iter().map(f).fold(0.0, f64::max) as usize;
    let (px0, py0) = (min(|c| c.0), min(|c| c.1));
    let (px1, py1) = (
        max(|c| c.0).min(img.width() as usize),
        max(|c| c.1).min(img.height() as usize),
    );
    if px1 <= px0 + 4 || py1 <= py0 + 4 {
        return None;
    }
    let ink = raster::ink_in(img, (px0, py0, px1, py1));
    Some(((cell, (px0, py0, px1, py1)), ink))
}

fn words_in(page: &Page, cell: Rect) -> impl Iterator<Item = &Word> {
    page.words.iter().filter(move |w| cell.holds(w))
}

/// Read cells again: their crops stacked into one image (a band each, white margins), one
/// Tesseract run over them, the words put back in their cells. `whitelist` limits the characters
/// (digits for a number column); a word read with less than `min_confidence` is left out.
fn reread_cells(
    img: &GrayImage,
    page: &mut Page,
    crops: &[Crop],
    stem: &Path,
    whitelist: Option<&str>,
    min_confidence: f64,
) -> Result<Vec<(f64, String)>, String> {
    if crops.is_empty() {
        return Ok(Vec::new());
    }
    let margin = 40;
    let width = crops.iter().map(|c| c.1 .2 - c.1 .0).max().unwrap_or(0) + 2 * margin;
    let mut bands = Vec::new();
    let mut height = 0;
    for (_, (px0, py0, px1, py1)) in crops {
        bands.push((height + margin, py1 - py0, *px0, *py0, px1 - px0));
        height += (py1 - py0) + 2 * margin;
    }
    let source = img.as_raw();
    let source_width = img.width() as usize;
    let mut pixels = vec![255u8; width * height];
    for (top, h, px0, py0, w) in &bands {
        for dy in 0..*h {
            let src = (py0 + dy) * source_width + px0;
            let dst = (top + dy) * width + margin;
            pixels[dst..dst + w].copy_from_slice(&source[src..src + w]);
        }
    }
    let stacked = GrayImage::from_raw(width as u32, height as u32, pixels)
        .ok_or("stacked cells: image size does not match its pixels")?;
    let path = stem.with_extension("pgm");
    engine::write_pgm(&stacked, &path)?;
    let read = engine::tesseract_tsv(&path, 6, whitelist);
    let _ = std::fs::remove_file(&path);
    let mut confs = Vec::new();
    for w in tsv::parse(&read?).words {
        let cy = w.top + w.height / 2.0;
        let Some(k) = bands
            .iter()
            .position(|(top, h, ..)| cy >= (*top as f64) - 10.0 && cy <= (*top + *h) as f64 + 10.0)
        else {
            continue;
        };
        if let Some(word) = placed(&w, crops[k].0, bands[k].0, margin, min_confidence) {
            confs.push((w.conf, word.text.clone()));
            page.words.push(word);
        }
    }
    Ok(confs)
}

/// A word read in a cell's band of the stacked image (its band's top `band_top`, the crop
/// `margin` pixels right of the image's edge), put back in the cell on the page; none when it is
/// empty or read with less than `min_confidence`.
fn placed(
    w: &tsv::TsvWord,
    cell: Rect,
    band_top: usize,
    margin: usize,
    min_confidence: f64,
) -> Option<Word> {
    let text = w.text.trim_matches('|').to_string();
    if text.is_empty() || w.conf < min_confidence {
        return None;
    }
    let pt = 72.0 / DPI;
    let left = cell.x0 + INSET + (w.left - margin as f64).max(0.0) * pt;
    let size = (w.height * pt).max(4.0);
    // Where the word stands in its cell: a tall cell (a column of row numbers Tesseract
    // skipped, in a table without rules whose rows are not yet known) holds several lines,
    // each the anchor of its own row.
    let top = (cell.y0 + INSET + (w.top - band_top as f64).max(0.0) * pt).min(cell.y1 - size);
    Some(Word {
        text,
        x0: left,
        x1: left + w.width * pt,
        top,
        bottom: top + size,
        font_size: size,
        baseline: None,
    })
}

/// Crops of ink no word of the first reading covers: Tesseract's page segmentation drops lone
/// short text (a row number alone in its cell, a score, the line of column numbers under a
/// table's header), which tells rows and columns apart. Each cluster of such ink of text
/// height, standing apart from the words read, is one crop.
fn lost_ink_crops(
    img: &GrayImage,
    page: &Page,
    map: &impl Fn(f64, f64) -> (f64, f64),
    unmap: &impl Fn(f64, f64) -> (f64, f64),
) -> Vec<(Crop, PixelBox)> {
    let pt = 72.0 / DPI;
    let mut heights: Vec<f64> = page.words.iter().map(|w| (w.bottom - w.top) / pt).collect();
    if heights.len() < 5 {
        return Vec::new();
    }
    heights.sort_by(f64::total_cmp);
    let text_height = heights[heights.len() / 2];
    // A word's box, a little wider than Tesseract drew it: its letters' edges stay covered.
    let covered: Vec<PixelBox> = page
        .words
        .iter()
        .map(|w| {
            let (pad_x, pad_y) = (0.25 * text_height, 0.15 * text_height);
            let corners = [unmap(w.x0, w.top), unmap(w.x1, w.bottom)];
            let x0 = corners[0].0.min(corners[1].0) - pad_x;
            let y0 = corners[0].1.min(corners[1].1) - pad_y;
            let x1 = corners[0].0.max(corners[1].0) + pad_x;
            let y1 = corners[0].1.max(corners[1].1) + pad_y;
            (
                x0.max(0.0) as usize,
                y0.max(0.0) as usize,
                x1.max(0.0) as usize,
                y1.max(0.0) as usize,
            )
        })
        .collect();
    let join = (0.3 * text_height).clamp(1.0, 255.0) as u8;
    // Grain: dots a tenth of the text's height at most.
    let speck = (0.12 * text_height) as usize;
    let clusters = raster::uncovered_ink(
        img,
        &covered,
        join,
        speck,
        ((0.45 * text_height) as usize, (2.0 * text_height) as usize),
        ((0.02 * text_height * text_height) as usize).max(12),
    );
    let margin = (0.2 * text_height) as usize;
    let (width, height) = (img.width() as usize, img.height() as usize);
    // Text a reading skips stands alone (in its cell, on its line); ink beside a word on its
    // line is that word's edge, which its box missed (a bold letter's stem), or dust.
    let apart = |&(x0, y0, x1, y1): &PixelBox| {
        let near = 0.8 * text_height;
        covered.iter().all(|&(cx0, cy0, cx1, cy1)| {
            let overlap = (y1.min(cy1) as f64 - y0.max(cy0) as f64).max(0.0);
            let gap = (cx0 as f64 - x1 as f64).max(x0 as f64 - cx1 as f64);
            overlap < 0.5 * (y1 - y0) as f64 || gap >= near
        })
    };
    clusters
        .into_iter()
        .filter(apart)
        .map(|ink @ (x0, y0, x1, y1)| {
            let px = (
                x0.saturating_sub(margin),
                y0.saturating_sub(margin),
                (x1 + margin).min(width),
                (y1 + margin).min(height),
            );
            // The crop's cell, as `placed` reads it back: the crop inset by INSET.
            let (cx0, cy0) = map(px.0 as f64, px.1 as f64);
            let (cx1, cy1) = map(px.2 as f64, px.3 as f64);
            let cell = Rect {
                x0: cx0.min(cx1) - INSET,
                y0: cy0.min(cy1) - INSET,
                x1: cx0.max(cx1) + INSET,
                y1: cy0.max(cy1) + INSET,
            };
            ((cell, px), ink)
        })
        .collect()
}

/// The page's tables as the layout will see them: ruled, and aligned without rules.
fn table_grids(page: &Page) -> Vec<crate::layout::ruled::Grid> {
    let mut grids = crate::layout::ruled::grids(page);
    grids.extend(crate::layout::aligned::aligned_grids(page));
    grids
}

/// Crops of lost ink (each with the box of its ink) that no cell crop reads whole: ink inside
/// an empty cell's crop is read with its cell (read twice, it would be two words), ink near one
/// is left to it; but ink the crop's edge cuts (a digit set close under the cell's top rule,
/// which the crop's inset leaves out in part: "3" read from its lower two thirds, at 30%) is
/// read from its own crop, and that cell's crop is not read.
fn outside_cells(lost: Vec<(Crop, PixelBox)>, cells: &mut Vec<Crop>) -> Vec<Crop> {
    let meets = |a: PixelBox, b: PixelBox| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    let holds = |a: PixelBox, b: PixelBox| a.0 <= b.0 && a.1 <= b.1 && b.2 <= a.2 && b.3 <= a.3;
    let mut kept = Vec::new();
    for (crop, ink) in lost {
        let cut = |c: &Crop| meets(c.1, ink) && !holds(c.1, ink);
        if cells.iter().any(cut) {
            cells.retain(|c| !cut(c));
            kept.push(crop);
        } else if !cells.iter().any(|c| meets(c.1, crop.1)) {
            kept.push(crop);
        }
    }
    kept
}

/// What the first reading skipped, read again: cells of the page's tables (ruled, or aligned
/// without rules) that hold ink but no word, and ink no word covers elsewhere
/// ([`lost_ink_crops`]), in one run; then, when that found words, the cells left empty in the
/// tables as those words rebuild them (in a table without rules, row numbers found part rows
/// that ran together, and the cells of the rows they part can be empty in turn: a score under
/// a score the first pass saw). A word read with less than [`LOW_CONFIDENCE`] is no reading:
/// the first pass saw nothing there ("/-/" read "14" at 39%, where figures read at 85% and
/// more; specks, a stamp's edge).
pub(super) fn reread_skipped(
    img: &GrayImage,
    page: &mut Page,
    map: impl Fn(f64, f64) -> (f64, f64),
    unmap: impl Fn(f64, f64) -> (f64, f64),
    stem: &Path,
) -> Result<Vec<(f64, String)>, String> {
    let mut confs = Vec::new();
    let mut read: Vec<Rect> = Vec::new();
    for pass in 0..2 {
        let grids = table_grids(page);
        let mut crops: Vec<Crop> = grids
            .iter()
            .flat_map(|g| g.cells())
            .filter(|c| words_in(page, *c).next().is_none())
            .filter(|c| !read.contains(c))
            .filter_map(|c| cell_crop(img, c, &unmap))
            .filter(|(_, ink)| *ink >= 30)
            .map(|(crop, ..)| crop)
            .collect();
        read.extend(crops.iter().map(|(cell, _)| *cell));
        if pass == 0 {
            let lost = outside_cells(lost_ink_crops(img, page, &map, &unmap), &mut crops);
            crops.extend(lost);
        }
        let words_before = page.words.len();
        confs.extend(reread_cells(img, page, &crops, stem, None, LOW_CONFIDENCE)?);
        if page.words.len() == words_before {
            break;
        }
    }
    Ok(confs)
}

fn is_number_cell(text: &str) -> bool {
    let t = crate::normalize::ocr_digits(text);
    let t = t.trim();
    t == "/-/"
        || (t.chars().any(|c| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | '%' | ' ')))
}

/// In a column of numbers (labelled "№" or as a score, or most of its cells below the header
/// read as numbers), a short cell that does not is read again with digits only ("ж" for "3").
pub(super) fn reread_number_columns(
    img: &GrayImage,
    page: &mut Page,
    unmap: impl Fn(f64, f64) -> (f64, f64),
    stem: &Path,
) -> Result<Vec<(f64, String)>, String> {
    let grids = table_grids(page);
    let mut targets: Vec<Rect> = Vec::new();
    let mut empty: Vec<Rect> = Vec::new();
    for g in &grids {
        for c in 0..g.xs.len() - 1 {
            let cells: Vec<(Rect, String)> = (1..g.ys.len() - 1)
                .map(|r| {
                    let cell = g.cell(r, c);
                    let text = words_in(page, cell)
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    (cell, text)
                })
                .filter(|(_, t)| !t.trim().is_empty())
                .collect();
            // The column's label: "№" (read "Мо", "Ме"), a score ("Үнэлгээ", "… хувь").
            let label: String = words_in(page, g.cell(0, c))
                .map(|w| w.text.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            let number_label =
                matches!(label.trim(), "№" | "мо" | "ме" | "мь" | "мс" | "м°" | "д/д")
                    || label.contains("үнэлгээ")
                    || label.contains("хувь");
            let numeric = cells.iter().filter(|(_, t)| is_number_cell(t)).count();
            if !number_label && (numeric < 3 || (numeric as f64) < 0.6 * cells.len() as f64) {
                continue;
            }
            targets.extend(
                cells
                    .iter()
                    .filter(|(_, t)| !is_number_cell(t) && t.chars().count() <= 4)
                    .map(|(cell, _)| *cell),
            );
            empty.extend(
                (1..g.ys.len() - 1)
                    .map(|r| g.cell(r, c))
                    .filter(|cell| words_in(page, *cell).next().is_none()),
            );
        }
    }
    let mut confs = reread_empty_number_cells(img, page, &empty, &unmap, stem)?;
    let crops: Vec<Crop> = targets
        .iter()
        .filter_map(|c| cell_crop(img, *c, &unmap))
        .map(|(crop, ..)| crop)
        .collect();
    if crops.is_empty() {
        return Ok(confs);
    }
    // The first reading goes, but comes back if the second fails.
    let (first, kept): (Vec<Word>, Vec<Word>) = std::mem::take(&mut page.words)
        .into_iter()
        .partition(|w| crops.iter().any(|(cell, _)| cell.holds(w)));
    page.words = kept;
    confs.extend(
        reread_cells(img, page, &crops, stem, Some("0123456789.,/-%"), 0.0).inspect_err(|_| {
            page.words.extend(first);
        })?,
    );
    Ok(confs)
}

/// Whether ink touches the top or bottom row of a crop: a figure its edge cuts.
fn cut_at_edge(img: &GrayImage, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> bool {
    raster::ink_in(img, (x0, y0, x1, y0 + 1)) > 0 || raster::ink_in(img, (x0, y1 - 1, x1, y1)) > 0
}

/// Cells of a number column still empty that hold ink, read with digits only: a lone figure
/// the readings before saw as a letter at low confidence ("6" alone at the top of a tall №
/// cell, read at 47%). What reads unsure is no reading, and a cell whose ink its top or bottom
/// edge cuts is not read: a row's edge inside a merged cell runs through the figure centred in
/// it, whose lower half alone reads "4" for 1.
fn reread_empty_number_cells(
    img: &GrayImage,
    page: &mut Page,
    cells: &[Rect],
    unmap: &impl Fn(f64, f64) -> (f64, f64),
    stem: &Path,
) -> Result<Vec<(f64, String)>, String> {
    let crops: Vec<Crop> = cells
        .iter()
        .filter_map(|c| cell_crop(img, *c, unmap))
        .filter(|(_, ink)| *ink >= 30)
        .map(|(crop, _)| crop)
        .filter(|(_, px)| !cut_at_edge(img, *px))
        .collect();
    reread_cells(
        img,
        page,
        &crops,
        stem,
        Some("0123456789.,/-%"),
        LOW_CONFIDENCE,
    )
}

/// A measure's code as printed: "2.1", "1.1.1." (one or two digits a level).
static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}(\.\d{1,2}){1,3}\.?$").expect("valid regex"));
/// A code as OCR reads it on a scan, its dots read as colons or commas ("2:1:1.", "1,3:1.").
static CODE_AS_READ: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}([.,:;]\d{1,2}){1,3}[.,:;]?$").expect("valid regex"));

/// A cell's first word in a column of codes that does not read as one but may be one gone
/// wrong: it starts with a digit (or "З", a 3), holds another, and has no mark of a number or
/// an ordinal ("3-аас", "5/18", "95%"): "1ДЭ15" for "1.1.1.", "1:5:Е:" for "1.5.1.". A code
/// read with colons or commas for its dots is one as it stands: read again, "2:1:1." lost a
/// dot ("21.1").
fn maybe_code(text: &str) -> bool {
    let first = text.chars().next();
    text.chars().count() <= 8
        && matches!(first, Some(c) if c.is_ascii_digit() || c == 'З')
        && text.chars().filter(|c| c.is_ascii_digit()).count() >= 2
        && !text.contains(['-', '/', '%'])
        && !CODE_AS_READ.is_match(text)
}

/// The first word of each cell below a table's header that holds more words after it (a code
/// opens a measure's text; a score cell, "91,4", holds its figure alone), with its cell.
fn first_words(page: &Page, grid: &crate::layout::ruled::Grid, c: usize) -> Vec<(Rect, usize)> {
    (1..grid.ys.len() - 1)
        .filter_map(|r| {
            let cell = grid.cell(r, c);
            let words: Vec<(usize, &Word)> = page
                .words
                .iter()
                .enumerate()
                .filter(|(_, w)| cell.holds(w))
                .collect();
            if words.len() < 2 {
                return None;
            }
            let first = words.iter().min_by(|a, b| {
                (a.1.top, a.1.x0)
                    .partial_cmp(&(b.1.top, b.1.x0))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })?;
            Some((cell, first.0))
        })
        .collect()
}

/// Measure codes read again with digits and dots only. A column whose cells start with codes
/// (two or more read as codes, dots read as colons counted) is a column of codes; a cell of
/// it that starts with a word that may be a code gone wrong ([`maybe_code`]) has that word
/// read again, and the new reading replaces it when it is a code; otherwise the word stays as
/// first read (a year, a word beginning with a figure).
pub(super) fn reread_codes(
    img: &GrayImage,
    page: &mut Page,
    unmap: impl Fn(f64, f64) -> (f64, f64),
    stem: &Path,
) -> Result<Vec<(f64, String)>, String> {
    let mut targets: Vec<usize> = Vec::new();
    for g in table_grids(page) {
        for c in 0..g.xs.len() - 1 {
            let firsts = first_words(page, &g, c);
            let codes = firsts
                .iter()
                .filter(|(_, i)| CODE_AS_READ.is_match(&page.words[*i].text))
                .count();
            if codes >= 2 {
                targets.extend(
                    firsts
                        .iter()
                        .map(|(_, i)| *i)
                        .filter(|i| maybe_code(&page.words[*i].text)),
                );
            }
        }
    }
    targets.sort_unstable();
    targets.dedup();
    // Each word's box, a point wider all round (its trimmed box may clip a dot), as a cell
    // for [`cell_crop`], which insets it.
    let pad = INSET + 1.0;
    let crops: Vec<(usize, Crop)> = targets
        .iter()
        .filter_map(|&i| {
            let w = &page.words[i];
            let rect = Rect {
                x0: w.x0 - pad,
                y0: w.top - pad,
                x1: w.x1 + pad,
                y1: w.bottom + pad,
            };
            cell_crop(img, rect, &unmap).map(|(crop, ..)| (i, crop))
        })
        .collect();
    if crops.is_empty() {
        return Ok(Vec::new());
    }
    let mut read = Page {
        words: Vec::new(),
        ..page.clone()
    };
    let only: Vec<Crop> = crops.iter().map(|(_, c)| *c).collect();
    let confs = reread_cells(img, &mut read, &only, stem, Some("0123456789."), 0.0)?;
    for (i, (cell, _)) in &crops {
        let words: Vec<&Word> = words_in(&read, *cell).collect();
        if let [code] = words[..] {
            if CODE.is_match(&code.text) {
                page.words[*i].text = code.text.clone();
            }
        }
    }
    Ok(confs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, top: f64, conf: f64) -> tsv::TsvWord {
        tsv::TsvWord {
            line_key: (1, 1, 1),
            left: 40.0,
            top,
            width: 25.0,
            height: 40.0,
            conf,
            text: text.to_string(),
        }
    }

    #[test]
    fn words_read_in_a_tall_cell_keep_their_heights() {
        // A № column's cell spanning rows that ran together: its numbers, read one under the
        // other in the cell's band (top at pixel 40), stay one under the other on the page.
        let cell = Rect {
            x0: 12.8,
            y0: 204.3,
            x1: 27.8,
            y1: 471.7,
        };
        let px = DPI / 72.0;
        let words: Vec<Word> = [(40.0 + 10.0 * px, "2"), (40.0 + 50.0 * px, "3")]
            .iter()
            .filter_map(|&(top, text)| placed(&read(text, top, 96.0), cell, 40, 40, 60.0))
            .collect();
        assert_eq!(words.len(), 2);
        assert!(
            (words[0].top - (204.3 + INSET + 10.0)).abs() < 0.01,
            "{words:?}"
        );
        assert!(
            (words[1].top - (204.3 + INSET + 50.0)).abs() < 0.01,
            "{words:?}"
        );
        // Never below the cell.
        let low = placed(&read("4", 40.0 + 400.0 * px, 96.0), cell, 40, 40, 60.0).unwrap();
        assert!(low.bottom <= cell.y1 + 1e-9);
    }

    #[test]
    fn an_unsure_second_reading_of_an_empty_cell_is_no_reading() {
        let cell = Rect {
            x0: 787.3,
            y0: 434.0,
            x1: 828.9,
            y1: 471.7,
        };
        // "/-/" read "14" at 39%.
        assert!(placed(&read("14", 40.0, 38.9), cell, 40, 40, LOW_CONFIDENCE).is_none());
        assert!(placed(&read("100", 40.0, 96.9), cell, 40, 40, LOW_CONFIDENCE).is_some());
        // The number columns' reading keeps every word (it replaces a first reading).
        assert!(placed(&read("14", 40.0, 38.9), cell, 40, 40, 0.0).is_some());
        assert!(placed(&read("|", 40.0, 96.9), cell, 40, 40, 0.0).is_none());
    }

    #[test]
    fn lost_ink_is_text_standing_apart_from_the_words_read() {
        // Five words read on a line (40 px tall boxes); ink of text height far right of them
        // (a lone score) is a crop; ink just after the last word (its bold edge) is not.
        let pt = 72.0 / DPI;
        let mut img = GrayImage::from_pixel(1200, 200, image::Luma([255]));
        let mut ink = |x0: u32, x1: u32| {
            for y in 60..90 {
                for x in x0..x1 {
                    img.put_pixel(x, y, image::Luma([0]));
                }
            }
        };
        for k in 0..5 {
            ink(20 + 110 * k, 110 + 110 * k);
        }
        ink(572, 580);
        ink(1000, 1040);
        let words = (0..5)
            .map(|k| Word {
                text: "үг".into(),
                x0: (20.0 + 110.0 * k as f64) * pt,
                x1: (110.0 + 110.0 * k as f64) * pt,
                top: 55.0 * pt,
                bottom: 95.0 * pt,
                font_size: 40.0 * pt,
                baseline: None,
            })
            .collect();
        let page = Page {
            number: 1,
            width: 1200.0 * pt,
            height: 200.0 * pt,
            words,
            rules: Vec::new(),
        };
        let map = |x: f64, y: f64| (x * pt, y * pt);
        let unmap = |x: f64, y: f64| (x / pt, y / pt);
        let crops = lost_ink_crops(&img, &page, &map, &unmap);
        let boxes: Vec<_> = crops.iter().map(|c| (c.0 .1, c.1)).collect();
        assert_eq!(boxes, vec![((992, 52, 1048, 98), (1000, 60, 1040, 90))]);
    }

    #[test]
    fn lost_ink_in_an_empty_cell_is_read_with_the_cell_unless_its_edge_cuts_it() {
        let rect = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 1.0,
            y1: 1.0,
        };
        let mut cells = vec![(rect, (100, 100, 200, 150))];
        // Each crop 4 px round its ink.
        let lost = |inks: &[PixelBox]| -> Vec<(Crop, PixelBox)> {
            inks.iter()
                .map(|&(x0, y0, x1, y1)| {
                    ((rect, (x0 - 4, y0 - 4, x1 + 4, y1 + 4)), (x0, y0, x1, y1))
                })
                .collect()
        };
        let kept: Vec<_> = outside_cells(
            lost(&[
                (124, 114, 136, 126), // inside
                (202, 114, 208, 126), // beside its edge: left to the cell
                (304, 114, 316, 126), // elsewhere
            ]),
            &mut cells,
        )
        .iter()
        .map(|c| c.1)
        .collect();
        assert_eq!(kept, vec![(300, 110, 320, 130)]);
        assert_eq!(cells.len(), 1);
        // Ink across the crop's top edge: read from its own crop, the cell's crop not read.
        let kept: Vec<_> = outside_cells(lost(&[(124, 94, 136, 112)]), &mut cells)
            .iter()
            .map(|c| c.1)
            .collect();
        assert_eq!(kept, vec![(120, 90, 140, 116)]);
        assert!(cells.is_empty());
    }

    #[test]
    fn number_cells_are_digits_with_their_marks() {
        for t in ["100", "97,9", "95%", "/-/", "5/18", "1 200"] {
            assert!(is_number_cell(t), "{t}");
        }
        for t in ["ж", "Жилдээ", "хувь", ""] {
            assert!(!is_number_cell(t), "{t}");
        }
    }
    #[test]
    fn a_code_gone_wrong_is_read_again_a_year_or_an_ordinal_is_not() {
        for t in ["1ДЭ15", "1:5:Е:", "З3:3:15"] {
            assert!(maybe_code(t), "{t}");
        }
        for t in [
            "1.1.1.",
            "2.1",
            "2:1:1.",
            "1,3:1.",
            "3-аас",
            "5/18",
            "95%",
            "Хүний",
            "7",
        ] {
            assert!(!maybe_code(t), "{t}");
        }
        for t in ["2:1:1.", "1,3:1.", "4.1", "1.2.1."] {
            assert!(CODE_AS_READ.is_match(t), "{t}");
        }
        assert!(!CODE_AS_READ.is_match("2016"));
        assert!(CODE.is_match("1.1.1.") && !CODE.is_match("2016") && !CODE.is_match("1:5:1"));
    }
    #[test]
    fn a_figure_the_crop_s_edge_runs_through_is_cut() {
        let mut img = GrayImage::from_pixel(100, 100, image::Luma([255]));
        for y in 40..60 {
            img.put_pixel(50, y, image::Luma([0]));
        }
        assert!(!cut_at_edge(&img, (0, 30, 100, 70)));
        assert!(cut_at_edge(&img, (0, 50, 100, 90)), "top edge through it");
        assert!(
            cut_at_edge(&img, (0, 10, 100, 45)),
            "bottom edge through it"
        );
    }
}
