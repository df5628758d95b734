//! Crops of a PDF's or scan's page around a figure, for the analyst's report page.
//!
//! Enters: a source file, a 1-based page and the figure as the report printed it (an
//! evidence's `raw`). Leaves: a PNG of the band of the page where the figure stands, every
//! place it stands outlined in [`OUTLINE`], or why there is none. The words and their boxes
//! come from the same layout engine that parsed the report (PDF text or OCR), so a crop shows
//! what the parse read; the page is rendered by poppler's `pdftoppm`.

use crate::layout::{Page, Word};
use crate::limits::Limits;
use image::{Rgb, RgbImage};
use imageproc::drawing::draw_hollow_rect_mut;
use imageproc::rect::Rect;
use std::path::Path;
use std::process::Command;

/// The outline's color (tested for in the report page's screenshot).
pub const OUTLINE: [u8; 3] = [214, 0, 0];
/// Resolution of the rendered page.
const DPI: u32 = 150;

/// The pages of a file as the layout engine saw them, read once per file.
pub fn pages_of(path: &Path, limits: &Limits) -> Result<Vec<Page>, String> {
    crate::pipeline::layout_of_file(path, limits)
        .map(|(pages, _)| pages)
        .map_err(|e| e.to_string())
}

/// The token a figure is matched by: its digits and decimal point ("/93,9/;" → "93.9").
fn figure_key(raw: &str) -> String {
    raw.chars()
        .map(|c| if c == ',' { '.' } else { c })
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect::<String>()
        .trim_matches('.')
        .to_string()
}

/// The words of `page` that print the figure `raw`.
pub fn find(page: &Page, raw: &str) -> Vec<Word> {
    let key = figure_key(raw);
    if key.is_empty() {
        return Vec::new();
    }
    page.words
        .iter()
        .filter(|w| figure_key(&w.text) == key)
        .cloned()
        .collect()
}

/// A PNG of the band of page `number` of `pdf` holding `found` (full width, a little above
/// and below), each word outlined.
pub fn render(pdf: &Path, page: &Page, found: &[Word]) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("a temporary folder: {e}"))?;
    let prefix = dir.path().join("page");
    let n = page.number.to_string();
    let out = Command::new("pdftoppm")
        .args([
            "-f",
            &n,
            "-l",
            &n,
            "-r",
            &DPI.to_string(),
            "-png",
            "-singlefile",
        ])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .map_err(|e| format!("pdftoppm (poppler-utils) could not run: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "pdftoppm failed on page {n}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let png = prefix.with_extension("png");
    let mut img: RgbImage = image::open(&png)
        .map_err(|e| format!("reading the rendered page: {e}"))?
        .to_rgb8();
    // Page units (points for PDF text, the OCR's own for scans) to pixels.
    let scale = f64::from(img.width()) / page.width.max(1.0);
    let margin = 40.0;
    let top = found.iter().map(|w| w.top).fold(f64::MAX, f64::min) * scale - margin;
    let bottom = found.iter().map(|w| w.bottom).fold(f64::MIN, f64::max) * scale + margin;
    for w in found {
        // Clear of the glyphs, so the figure stays legible (to a reader and to OCR).
        let pad = 8.0;
        let x = (w.x0 * scale - pad).max(0.0) as i32;
        let y = (w.top * scale - pad).max(0.0) as i32;
        let width = ((w.x1 - w.x0) * scale + 2.0 * pad).max(4.0) as u32;
        let height = ((w.bottom - w.top) * scale + 2.0 * pad).max(4.0) as u32;
        for k in 0..3 {
            let r = Rect::at(x - k, y - k).of_size(width + 2 * k as u32, height + 2 * k as u32);
            draw_hollow_rect_mut(&mut img, r, Rgb(OUTLINE));
        }
    }
    let top = top.max(0.0) as u32;
    let bottom = (bottom.max(0.0) as u32).min(img.height());
    let band =
        image::imageops::crop_imm(&img, 0, top, img.width(), bottom.saturating_sub(top).max(1))
            .to_image();
    let mut bytes = Vec::new();
    band.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .map_err(|e| format!("encoding the crop: {e}"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Word {
        Word {
            text: text.into(),
            x0: 10.0,
            x1: 30.0,
            top: 100.0,
            bottom: 110.0,
            font_size: 10.0,
            baseline: None,
        }
    }

    #[test]
    fn a_figure_is_found_whatever_its_punctuation() {
        let page = Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            words: vec![word("97,9"), word("/93.9/;"), word("5.1"), word("Зорилт")],
            rules: Vec::new(),
        };
        assert_eq!(find(&page, "97.9").len(), 1);
        assert_eq!(find(&page, "/93.9/,").len(), 1);
        assert!(find(&page, "93").is_empty());
        assert!(find(&page, "хувь").is_empty());
    }
}
