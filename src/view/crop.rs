//! Crops of a PDF's or scan's page around a figure, for the analyst's report page.
//!
//! Enters: a source file, a 1-based page and the boxes of the words that print the figure
//! (an evidence's `boxes`, located at parse time on the positioned words the tables were
//! rebuilt from: PDF text or OCR). Leaves: a PNG of the band of the page where the figure
//! stands, every box outlined in [`OUTLINE`]. The page is rendered by poppler's `pdftoppm`,
//! through the same function OCR renders its pages with.

use crate::model::PageBox;
use image::{Rgb, RgbImage};
use imageproc::drawing::draw_hollow_rect_mut;
use imageproc::rect::Rect;
use std::path::Path;

/// The outline's color (tested for in the report page's screenshot).
pub const OUTLINE: [u8; 3] = [214, 0, 0];
/// Resolution of the rendered page.
const DPI: f64 = 150.0;

/// A PNG of the band of page `page` of `pdf` holding `boxes` (full width, a little above and
/// below), each box outlined.
pub fn render(pdf: &Path, page: u32, boxes: &[PageBox]) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("a temporary folder: {e}"))?;
    let gray = crate::read::ocr::render_page(pdf, page, DPI, &dir.path().join("page"))?;
    let mut img: RgbImage = image::DynamicImage::ImageLuma8(gray).to_rgb8();
    encode(&outline(&mut img, boxes))
}

/// The band of `img` holding `boxes`, each outlined (drawn on `img`).
fn outline(img: &mut RgbImage, boxes: &[PageBox]) -> RgbImage {
    let (w, h) = (f64::from(img.width()), f64::from(img.height()));
    let margin = 40.0;
    let top = boxes.iter().map(|b| b.top).fold(f64::MAX, f64::min) * h - margin;
    let bottom = boxes.iter().map(|b| b.bottom).fold(f64::MIN, f64::max) * h + margin;
    for b in boxes {
        // Clear of the glyphs, so the figure stays legible (to a reader and to OCR).
        let pad = 8.0;
        let x = (b.x0 * w - pad).max(0.0) as i32;
        let y = (b.top * h - pad).max(0.0) as i32;
        let width = ((b.x1 - b.x0) * w + 2.0 * pad).max(4.0) as u32;
        let height = ((b.bottom - b.top) * h + 2.0 * pad).max(4.0) as u32;
        for k in 0..3 {
            let r = Rect::at(x - k, y - k).of_size(width + 2 * k as u32, height + 2 * k as u32);
            draw_hollow_rect_mut(img, r, Rgb(OUTLINE));
        }
    }
    let top = (top.max(0.0) as u32).min(img.height().saturating_sub(1));
    let bottom = (bottom.max(0.0) as u32).min(img.height());
    image::imageops::crop_imm(img, 0, top, img.width(), bottom.saturating_sub(top).max(1))
        .to_image()
}

fn encode(img: &RgbImage) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .map_err(|e| format!("encoding the crop: {e}"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The band spans the boxes with a margin, and the outline stands around each box.
    #[test]
    fn the_band_holds_the_outlined_boxes() {
        let mut img = RgbImage::from_pixel(600, 800, Rgb([255, 255, 255]));
        let b = PageBox {
            x0: 0.5,
            top: 0.5,
            x1: 0.6,
            bottom: 0.52,
        };
        let band = outline(&mut img, &[b]);
        assert_eq!(band.width(), 600);
        // 0.02 of 800 px high plus 40 px above and below.
        assert_eq!(band.height(), 16 + 80);
        // The outline's left edge, 8 px left of the box, within the band.
        let red = |x: u32, y: u32| band.get_pixel(x, y).0 == OUTLINE;
        assert!(red(292, 40));
        assert!(!red(310, 48), "inside the box stays clear");
    }
}
