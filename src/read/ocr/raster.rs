//! What the page image itself shows: its skew, its ruling lines, the ink in a region.
//!
//! Enters: a page image (8-bit gray, as rendered for OCR). Leaves: the skew angle of its text
//! lines and rules, the image turned straight, the rules (long runs of dark pixels, in image
//! pixels), and how much ink a rectangle holds.

use crate::layout::Rule;
use image::{GrayImage, Luma};
use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};

/// A pixel darker than this is ink.
const INK: u8 = 128;

/// The widest skew looked for, in degrees: scanners and copiers turn a page a degree or two.
const MAX_SKEW_DEGREES: f64 = 3.0;

/// A skew below this (degrees) is left alone: across a 300-dpi page 0.3° moves a line by a
/// third of its height, which neither Tesseract nor the rules' pixel runs mind, and turning
/// the image costs time and blurs it.
const MIN_SKEW_DEGREES: f64 = 0.3;

/// The page's skew in radians, positive when lines go down to the right: the angle at which
/// the ink's rows line up best (projection profile: the sum of squared counts of ink pixels per
/// one-pixel row, counted along lines at that angle, is largest when text lines and rules fall
/// into few rows). Every other pixel of a row is looked at; searched coarse, then fine.
pub(super) fn skew(img: &GrayImage) -> f64 {
    let (width, height) = (img.width() as usize, img.height() as usize);
    let pixels = img.as_raw();
    let ink: Vec<(f64, f64)> = (0..height)
        .flat_map(|y| (0..width).step_by(2).map(move |x| (x, y)))
        .filter(|&(x, y)| pixels[y * width + x] < INK)
        .map(|(x, y)| (x as f64, y as f64))
        .collect();
    if ink.len() < 100 {
        return 0.0;
    }
    let max_slope = MAX_SKEW_DEGREES.to_radians().tan();
    // Rows offset so that no row index goes negative at the widest angle.
    let offset = (width as f64 * max_slope).ceil();
    let mut rows = vec![0u32; height + 2 * offset as usize + 2];
    let mut sharpness = |degrees: f64| {
        let slope = degrees.to_radians().tan();
        rows.iter_mut().for_each(|r| *r = 0);
        for &(x, y) in &ink {
            rows[(y - x * slope + offset) as usize] += 1;
        }
        rows.iter().map(|&c| (c as f64) * (c as f64)).sum::<f64>()
    };
    let mut best = |from: f64, to: f64, by: f64| {
        let steps = ((to - from) / by).round() as i64;
        (0..=steps)
            .map(|i| from + i as f64 * by)
            .map(|d| (d, sharpness(d)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(0.0, |(d, _)| d)
    };
    let coarse = best(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, 0.2);
    let fine = best(
        (coarse - 0.2).max(-MAX_SKEW_DEGREES),
        (coarse + 0.2).min(MAX_SKEW_DEGREES),
        0.02,
    );
    fine.to_radians()
}

/// The image turned by `-angle` about its centre (white where the turn uncovers the page), so
/// that lines skewed by `angle` are level; the image itself when the skew is negligible.
pub(super) fn deskew(img: GrayImage, angle: f64) -> GrayImage {
    if angle.to_degrees().abs() < MIN_SKEW_DEGREES {
        return img;
    }
    // imageproc turns clockwise, in image coordinates (y down), by its angle.
    rotate_about_center(
        &img,
        -angle as f32,
        Interpolation::Bilinear,
        Border::Constant(Luma([255u8])),
    )
}

/// Stretches `start..end` of `len` positions where `dark` holds, at least `min_len` long.
fn runs(len: usize, dark: impl Fn(usize) -> bool, min_len: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < len {
        if !dark(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < len && dark(i) {
            i += 1;
        }
        if i - start >= min_len {
            out.push((start, i));
        }
    }
    out
}

/// Runs of dark pixels at least `min_len` long, along rows (horizontal) and columns (vertical),
/// as rules in image pixels.
pub(super) fn dark_runs(img: &GrayImage, min_len: usize) -> Vec<Rule> {
    let (width, height) = (img.width() as usize, img.height() as usize);
    let pixels = img.as_raw();
    let dark = |x: usize, y: usize| pixels[y * width + x] < INK;
    let mut rules = Vec::new();
    for y in 0..height {
        for (x0, x1) in runs(width, |x| dark(x, y), min_len) {
            rules.push(Rule {
                x0: x0 as f64,
                y0: y as f64,
                x1: x1 as f64,
                y1: y as f64,
            });
        }
    }
    for x in 0..width {
        for (y0, y1) in runs(height, |y| dark(x, y), min_len) {
            rules.push(Rule {
                x0: x as f64,
                y0: y0 as f64,
                x1: x as f64,
                y1: y1 as f64,
            });
        }
    }
    rules
}

/// Paint `runs` (rules, in pixels) white, and the pixel on each side of them: a rule's
/// anti-aliased edge. Text crossed by a rule loses those pixels only.
pub(super) fn erase(img: &mut GrayImage, runs: &[Rule]) {
    let (width, height) = (img.width() as usize, img.height() as usize);
    let pixels: &mut [u8] = img;
    for r in runs {
        let (x0, y0) = (r.x0 as usize, r.y0 as usize);
        if r.y0 == r.y1 {
            for y in y0.saturating_sub(1)..=(y0 + 1).min(height - 1) {
                pixels[y * width + x0..y * width + (r.x1 as usize).min(width)].fill(255);
            }
        } else {
            for y in y0..(r.y1 as usize).min(height) {
                for x in x0.saturating_sub(1)..=(x0 + 1).min(width - 1) {
                    pixels[y * width + x] = 255;
                }
            }
        }
    }
}

/// Ink pixels in the rectangle `x0..x1` × `y0..y1` (pixels, clipped to the image).
pub(super) fn ink_in(img: &GrayImage, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> usize {
    let (width, height) = (img.width() as usize, img.height() as usize);
    let pixels = img.as_raw();
    (y0.min(height)..y1.min(height))
        .map(|y| {
            pixels[y * width + x0.min(width)..y * width + x1.min(width)]
                .iter()
                .filter(|&&p| p < INK)
                .count()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_stretches_shorter_than_the_minimum_are_not_rules() {
        let row = [1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1];
        assert_eq!(runs(row.len(), |i| row[i] == 1, 3), vec![(3, 6), (8, 12)]);
        assert!(runs(row.len(), |_| false, 1).is_empty());
    }

    #[test]
    fn dark_runs_and_ink() {
        let img = GrayImage::from_raw(
            4,
            3,
            vec![0, 0, 0, 255, 255, 255, 255, 255, 0, 255, 255, 255],
        )
        .expect("4 x 3 pixels");
        assert_eq!(
            dark_runs(&img, 3),
            vec![Rule {
                x0: 0.0,
                y0: 0.0,
                x1: 3.0,
                y1: 0.0
            }]
        );
        assert_eq!(ink_in(&img, (0, 0, 4, 3)), 4);
        assert_eq!(ink_in(&img, (1, 1, 9, 9)), 0);
        // Erased with the row below it: the lone pixel at (0, 2) stays.
        let mut erased = img.clone();
        erase(&mut erased, &dark_runs(&img, 3));
        assert_eq!(ink_in(&erased, (0, 0, 4, 3)), 1);
        assert_eq!(erased.get_pixel(0, 2).0[0], 0);
    }

    /// A page of text-like lines (dashes 2 px thick, 30 px apart) and one long rule, drawn
    /// skewed by `degrees` (down to the right when positive).
    fn skewed_page(degrees: f64) -> GrayImage {
        let (w, h) = (1200u32, 900u32);
        let slope = degrees.to_radians().tan();
        let mut img = GrayImage::from_pixel(w, h, Luma([255]));
        for line in 0..25 {
            let y0 = 60.0 + 30.0 * line as f64;
            for x in 100..1100u32 {
                // Words: 40 px of ink, 12 px of space.
                if line != 12 && x % 52 >= 40 {
                    continue;
                }
                let y = y0 + x as f64 * slope;
                for dy in 0..2 {
                    img.put_pixel(x, (y as u32 + dy).min(h - 1), Luma([0]));
                }
            }
        }
        img
    }

    #[test]
    fn the_skew_is_the_angle_that_lines_the_ink_up() {
        for degrees in [-2.0, -0.7, 0.0, 1.3, 2.0] {
            let found = skew(&skewed_page(degrees)).to_degrees();
            assert!((found - degrees).abs() < 0.06, "{degrees}: found {found}");
        }
    }

    #[test]
    fn a_deskewed_page_has_level_lines() {
        let straight = deskew(skewed_page(1.5), 1.5f64.to_radians());
        let found = skew(&straight).to_degrees();
        assert!(found.abs() < 0.06, "found {found}");
        // A negligible skew leaves the image as it is.
        let page = skewed_page(0.0);
        assert_eq!(deskew(page.clone(), 0.0001), page);
    }
}
