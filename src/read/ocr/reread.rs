//! Second readings of table cells the page reading got wrong or skipped.
//!
//! Enters: a page's image (deskewed, pixels), its words and rules in points (`Page`), and the
//! map from points back to pixels. Leaves: the page with the cells read again, and the new
//! words' confidences. Tesseract's page segmentation skips lone short text in a cell (a "1" in
//! a count column), and reads a digit as a letter in a short number ("ж" for "3"): such cells
//! are cropped, stacked into one image, read in one run as a block of text (with digits only,
//! for a column of numbers) and their words put back in their cells.

use super::{engine, raster, tsv, DPI};
use crate::layout::{Page, Rect, Word};
use image::GrayImage;
use std::path::Path;

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
/// (digits for a number column).
fn reread_cells(
    img: &GrayImage,
    page: &mut Page,
    crops: &[Crop],
    stem: &Path,
    whitelist: Option<&str>,
) -> Result<Vec<f64>, String> {
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
    let pt = 72.0 / DPI;
    let mut confs = Vec::new();
    for w in tsv::parse(&read?).words {
        let cy = w.top + w.height / 2.0;
        let Some(k) = bands
            .iter()
            .position(|(top, h, ..)| cy >= (*top as f64) - 10.0 && cy <= (*top + *h) as f64 + 10.0)
        else {
            continue;
        };
        let text = w.text.trim_matches('|').to_string();
        if text.is_empty() {
            continue;
        }
        let (Rect { x0, y0, y1, .. }, _) = crops[k];
        let left = x0 + INSET + (w.left - margin as f64).max(0.0) * pt;
        let size = (w.height * pt).max(4.0);
        let top = (y0 + y1) / 2.0 - size / 2.0;
        confs.push(w.conf);
        page.words.push(Word {
            text,
            x0: left,
            x1: left + w.width * pt,
            top,
            bottom: top + size,
            font_size: size,
            baseline: None,
        });
    }
    Ok(confs)
}

/// The page's tables as the layout will see them: ruled, and aligned without rules.
fn table_grids(page: &Page) -> Vec<crate::layout::ruled::Grid> {
    let mut grids = crate::layout::ruled::grids(page);
    grids.extend(crate::layout::aligned::aligned_grids(page));
    grids
}

/// Cells of the page's tables (ruled, or aligned without rules) that hold ink but no word are
/// read again.
pub(super) fn reread_empty_cells(
    img: &GrayImage,
    page: &mut Page,
    unmap: impl Fn(f64, f64) -> (f64, f64),
    stem: &Path,
) -> Result<Vec<f64>, String> {
    let grids = table_grids(page);
    let crops: Vec<Crop> = grids
        .iter()
        .flat_map(|g| g.cells())
        .filter(|c| words_in(page, *c).next().is_none())
        .filter_map(|c| cell_crop(img, c, &unmap))
        .filter(|(_, ink)| *ink >= 30)
        .map(|(crop, _)| crop)
        .collect();
    reread_cells(img, page, &crops, stem, None)
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
) -> Result<Vec<f64>, String> {
    let grids = table_grids(page);
    let mut targets: Vec<Rect> = Vec::new();
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
        }
    }
    let crops: Vec<Crop> = targets
        .iter()
        .filter_map(|c| cell_crop(img, *c, &unmap))
        .map(|(c, _)| c)
        .collect();
    if crops.is_empty() {
        return Ok(Vec::new());
    }
    // The first reading goes, but comes back if the second fails.
    let (first, kept): (Vec<Word>, Vec<Word>) = std::mem::take(&mut page.words)
        .into_iter()
        .partition(|w| crops.iter().any(|(cell, _)| cell.holds(w)));
    page.words = kept;
    reread_cells(img, page, &crops, stem, Some("0123456789.,/-%")).inspect_err(|_| {
        page.words.extend(first);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_cells_are_digits_with_their_marks() {
        for t in ["100", "97,9", "95%", "/-/", "5/18", "1 200"] {
            assert!(is_number_cell(t), "{t}");
        }
        for t in ["ж", "Жилдээ", "хувь", ""] {
            assert!(!is_number_cell(t), "{t}");
        }
    }
}
