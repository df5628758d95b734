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

/// Vertical bands of the page whose projection profiles are measured apart (see `skew`):
/// measured on the scans of two seeds' 40 reports at 150, 200 and 300 dpi, four found every
/// page with text within 0.3° of its turn, one band missed a table page by 0.8°, eight
/// bands (too few lines each) missed pages by 0.26°.
const SKEW_BANDS: usize = 4;

/// A skew below this (degrees) is left alone: across a 300-dpi page 0.3° moves a line by a
/// third of its height, which neither Tesseract nor the rules' pixel runs mind, and turning
/// the image costs time and blurs it.
const MIN_SKEW_DEGREES: f64 = 0.3;

/// The page's skew in radians, positive when lines go down to the right: the angle at which
/// the ink's rows line up best (projection profile: the sum of squared counts of ink pixels per
/// one-pixel row, counted along lines at that angle, is largest when text lines and rules fall
/// into few rows). Each of `SKEW_BANDS` vertical bands of the page has its own profile: a
/// table's cells centre their lines at heights of their own, and across the whole width the
/// columns' lines fill each other's gaps at any angle. Every other pixel of a row is looked
/// at; searched coarse, then fine.
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
    let stride = height + 2 * offset as usize + 2;
    let mut rows = vec![0u32; SKEW_BANDS * stride];
    let mut sharpness = |degrees: f64| {
        let slope = degrees.to_radians().tan();
        rows.iter_mut().for_each(|r| *r = 0);
        for &(x, y) in &ink {
            let band = (x as usize * SKEW_BANDS / width).min(SKEW_BANDS - 1);
            rows[band * stride + (y - x * slope + offset) as usize] += 1;
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
/// that lines skewed by `angle` are level, and the skew left in it (0); the image itself and
/// `angle` when the skew is negligible: what is found on it is turned by that in points.
pub(super) fn deskew(img: GrayImage, angle: f64) -> (GrayImage, f64) {
    if angle.to_degrees().abs() < MIN_SKEW_DEGREES {
        return (img, angle);
    }
    // imageproc turns clockwise, in image coordinates (y down), by its angle.
    let turned = rotate_about_center(
        &img,
        -angle as f32,
        Interpolation::Bilinear,
        Border::Constant(Luma([255u8])),
    );
    (turned, 0.0)
}

/// Stretches `start..end` of `len` positions that begin and end where `dark` holds and skip
/// at most `max_gap` positions where it does not at a time: a rule on a scan is broken by white
/// specks and by its grey dipping under the threshold. A stretch counts when it holds an
/// unbroken run `min_len` long, or when it is three times that and dark on at least
/// `min_share` of its length: letters side by side in a word make short stretches of the first
/// kind, never long ones (a row through text is dark a third of its length).
fn gapped_runs(
    len: usize,
    dark: impl Fn(usize) -> bool,
    min_len: usize,
    max_gap: usize,
    min_share: f64,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < len {
        if !dark(i) {
            i += 1;
            continue;
        }
        let (start, mut end, mut n_dark) = (i, i + 1, 1usize);
        let (mut unbroken_from, mut longest) = (i, 1usize);
        i += 1;
        while i < len && i - end <= max_gap {
            if dark(i) {
                if i != end {
                    unbroken_from = i;
                }
                end = i + 1;
                n_dark += 1;
                longest = longest.max(end - unbroken_from);
            }
            i += 1;
        }
        let long = end - start >= 3 * min_len && n_dark as f64 >= min_share * (end - start) as f64;
        if longest >= min_len || long {
            out.push((start, end));
        }
        i = end;
    }
    out
}

/// Distances (pixels) from a line at which it must have paper on each side, four fifths of
/// its length at least, to be a rule and not a row of text.
const ISOLATION: [usize; 2] = [3, 5];

/// Side of the square blocks the paper's brightness is measured in, in pixels.
const PAPER_BLOCK: usize = 32;

/// The paper's brightness over the page, block by block: a scan's light falls off towards a
/// side, and a thin grey rule is dark only against the paper around it.
struct Paper {
    blocks_across: usize,
    levels: Vec<u8>,
}

impl Paper {
    /// Each block's 80th percentile: the paper, whatever ink the block holds (text covers less
    /// than a fifth of a block; a block that is all ink is rare and reads as dark paper).
    fn of(img: &GrayImage) -> Self {
        let (width, height) = (img.width() as usize, img.height() as usize);
        let pixels = img.as_raw();
        let across = width.div_ceil(PAPER_BLOCK);
        let down = height.div_ceil(PAPER_BLOCK);
        let mut levels = Vec::with_capacity(across * down);
        for by in 0..down {
            for bx in 0..across {
                let mut histogram = [0usize; 256];
                let (x0, y0) = (bx * PAPER_BLOCK, by * PAPER_BLOCK);
                let (x1, y1) = (
                    (x0 + PAPER_BLOCK).min(width),
                    (y0 + PAPER_BLOCK).min(height),
                );
                for y in y0..y1 {
                    for &p in &pixels[y * width + x0..y * width + x1] {
                        histogram[p as usize] += 1;
                    }
                }
                let n = (x1 - x0) * (y1 - y0);
                let mut seen = 0;
                let level = (0..256)
                    .find(|&v| {
                        seen += histogram[v];
                        5 * seen >= 4 * n
                    })
                    .unwrap_or(255);
                levels.push(level as u8);
            }
        }
        Paper {
            blocks_across: across,
            levels,
        }
    }

    /// The paper's level at (x, y): the brightest block level among the block and its eight
    /// neighbours (a block all ink, a dense bold title, borrows the paper beside it).
    fn level_around(&self, x: usize, y: usize) -> u8 {
        let (bx, by) = (x / PAPER_BLOCK, y / PAPER_BLOCK);
        let down = self.levels.len() / self.blocks_across.max(1);
        let mut level = 0u8;
        for yy in by.saturating_sub(1)..=(by + 1).min(down.saturating_sub(1)) {
            for xx in bx.saturating_sub(1)..=(bx + 1).min(self.blocks_across - 1) {
                level = level.max(self.levels[yy * self.blocks_across + xx]);
            }
        }
        level
    }

    /// A pixel darker than this at (x, y) may be part of a rule: 12% darker than the paper
    /// there (a thin grey rule faded by a copier is about 20% darker; the paper's grain, a few
    /// percent), and never lighter than ink.
    fn rule_threshold(&self, x: usize, y: usize) -> u8 {
        let level = self.levels[(y / PAPER_BLOCK) * self.blocks_across + x / PAPER_BLOCK];
        ((level as f64 * 0.88) as u8).max(INK)
    }
}

/// A page image's strokes: the ruling lines found, and the runs of pixels they are made of.
pub(super) struct Strokes {
    /// One rule per line drawn, in pixels: horizontal (`y0 == y1`, at the middle of its
    /// thickness) or vertical.
    pub(super) lines: Vec<Rule>,
    /// The pixel runs of those lines, one row or column each: what to paint out.
    pub(super) runs: Vec<Rule>,
}

/// Lines along one axis. `dark(across, along)`; `n_across` rows (or columns) of `n_along`
/// pixels. Runs on neighbouring rows that overlap are one line (a line a few pixels thick, or
/// one a fraction of a degree off level, which steps from row to row); a line thicker than
/// `max_thick` is a filled area, not a rule. Returns (across, along0, along1) per line and the
/// runs (across, along0, along1) of those lines.
type Span = (usize, usize, usize);
fn lines_along(
    n_across: usize,
    n_along: usize,
    dark: impl Fn(usize, usize) -> bool,
    (min_len, max_gap, max_thick): (usize, usize, usize),
) -> (Vec<(f64, usize, usize)>, Vec<Span>) {
    // Every run with the index of its line (union-find over runs).
    let mut runs: Vec<Span> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    // Runs of the last two rows: a row missing (a speck across a thin line) does not cut it.
    let mut recent: Vec<usize> = Vec::new();
    for a in 0..n_across {
        let row = gapped_runs(n_along, |i| dark(a, i), min_len, max_gap, 0.85);
        recent.retain(|&k| runs[k].0 + 2 >= a);
        let mut added = Vec::new();
        for (s, e) in row {
            let k = runs.len();
            runs.push((a, s, e));
            parent.push(k);
            for &j in &recent {
                let (_, js, je) = runs[j];
                if s < je && js < e {
                    let (rj, rk) = (find(&mut parent, j), find(&mut parent, k));
                    parent[rj] = rk;
                }
            }
            added.push(k);
        }
        recent.extend(added);
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for k in 0..runs.len() {
        let root = find(&mut parent, k);
        groups.entry(root).or_default().push(k);
    }
    let mut lines = Vec::new();
    let mut kept = Vec::new();
    for members in groups.values() {
        let first = members.iter().map(|&k| runs[k].0).min().unwrap_or(0);
        let last = members.iter().map(|&k| runs[k].0).max().unwrap_or(0);
        let start = members.iter().map(|&k| runs[k].1).min().unwrap_or(0);
        let end = members.iter().map(|&k| runs[k].2).max().unwrap_or(0);
        // Thickness where the line is thickest, not the rows it spans in all: a long line a
        // fraction of a degree off level (a skew too small to turn the page for) steps across
        // more rows than a filled area is thick, but is a few rows thick at any one place.
        let mut depth = vec![0i32; end - start + 1];
        for &k in members {
            depth[runs[k].1 - start] += 1;
            depth[runs[k].2 - start] -= 1;
        }
        let thickest = depth
            .iter()
            .scan(0i32, |d, &step| {
                *d += step;
                Some(*d)
            })
            .max()
            .unwrap_or(0);
        if thickest as usize > max_thick {
            continue;
        }
        // A rule stands alone: a few pixels off it on either side is paper. A row through a
        // line of text (bold, or with the grey of its letters' edges) has text above and below.
        // (A serif font's baseline is a dense row too, under a row of stems.)
        let crowded = |a: usize| {
            let n = (start..end).filter(|&i| dark(a, i)).count();
            5 * n > end - start
        };
        let beside = |off: usize| {
            first.checked_sub(off).is_some_and(crowded)
                || (last + off < n_across && crowded(last + off))
        };
        if ISOLATION.iter().any(|&off| beside(off)) {
            continue;
        }
        let weight: usize = members.iter().map(|&k| runs[k].2 - runs[k].1).sum();
        let across = members
            .iter()
            .map(|&k| runs[k].0 as f64 * (runs[k].2 - runs[k].1) as f64)
            .sum::<f64>()
            / weight.max(1) as f64;
        lines.push((across, start, end));
        kept.extend(members.iter().map(|&k| runs[k]));
    }
    (lines, kept)
}

/// The ruling lines of a straightened page image: stretches of dark pixels at least `min_len`
/// long that may skip `max_gap` light pixels at a time, and at most `max_thick` thick.
pub(super) fn strokes(
    img: &GrayImage,
    min_len: usize,
    max_gap: usize,
    max_thick: usize,
) -> Strokes {
    let (width, height) = (img.width() as usize, img.height() as usize);
    let pixels = img.as_raw();
    let paper = Paper::of(img);
    // Each pixel's darkness once, row by row and column by column (the vertical pass reads
    // its columns as rows: a column of the image is a stride apart in memory).
    let mut rows = vec![false; width * height];
    for (y, (row, dark)) in pixels
        .chunks(width.max(1))
        .zip(rows.chunks_mut(width.max(1)))
        .enumerate()
    {
        let pieces = row
            .chunks(PAPER_BLOCK)
            .zip(dark.chunks_mut(PAPER_BLOCK))
            .enumerate();
        for (b, (piece, dark)) in pieces {
            let threshold = paper.rule_threshold(b * PAPER_BLOCK, y);
            for (p, d) in piece.iter().zip(dark.iter_mut()) {
                *d = *p < threshold;
            }
        }
    }
    let mut columns = vec![false; width * height];
    const TILE: usize = 64;
    for y0 in (0..height).step_by(TILE) {
        for x0 in (0..width).step_by(TILE) {
            for y in y0..(y0 + TILE).min(height) {
                for x in x0..(x0 + TILE).min(width) {
                    columns[x * height + y] = rows[y * width + x];
                }
            }
        }
    }
    let limits = (min_len, max_gap, max_thick);
    let (h_lines, h_runs) = lines_along(height, width, |y, x| rows[y * width + x], limits);
    let (v_lines, v_runs) = lines_along(width, height, |x, y| columns[x * height + y], limits);
    let lines = h_lines
        .into_iter()
        .map(|(y, x0, x1)| Rule {
            x0: x0 as f64,
            y0: y,
            x1: x1 as f64,
            y1: y,
        })
        .chain(v_lines.into_iter().map(|(x, y0, y1)| Rule {
            x0: x,
            y0: y0 as f64,
            x1: x,
            y1: y1 as f64,
        }))
        .collect();
    let runs = h_runs
        .into_iter()
        .map(|(y, x0, x1)| Rule {
            x0: x0 as f64,
            y0: y as f64,
            x1: x1 as f64,
            y1: y as f64,
        })
        .chain(v_runs.into_iter().map(|(x, y0, y1)| Rule {
            x0: x as f64,
            y0: y0 as f64,
            x1: x as f64,
            y1: y1 as f64,
        }))
        .collect();
    Strokes { lines, runs }
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

/// The image with its paper made white: each pixel scaled by the paper's level around it. A
/// scan's light falls off towards one side; Tesseract thresholds the whole page at one level,
/// and the darker side's grain then reads as marks and its letters blur together.
pub(super) fn flatten(img: &GrayImage) -> GrayImage {
    let paper = Paper::of(img);
    let width = img.width() as usize;
    let across = paper.blocks_across;
    // Each block's level around it, once.
    let around: Vec<u32> = (0..paper.levels.len())
        .map(|b| {
            let (x, y) = ((b % across) * PAPER_BLOCK, (b / across) * PAPER_BLOCK);
            paper.level_around(x, y).max(1) as u32
        })
        .collect();
    let mut out = img.clone();
    let pixels: &mut [u8] = &mut out;
    // Block by block along each row, each block's scaling as a table of the 256 grey levels.
    let mut scaled = vec![[0u8; 256]; around.len()];
    for (table, level) in scaled.iter_mut().zip(&around) {
        for (v, t) in table.iter_mut().enumerate() {
            *t = ((v as u32 * 255) / level).min(255) as u8;
        }
    }
    for (y, row) in pixels.chunks_mut(width.max(1)).enumerate() {
        let blocks = &scaled[(y / PAPER_BLOCK) * across..];
        for (table, piece) in blocks.iter().zip(row.chunks_mut(PAPER_BLOCK)) {
            piece.iter_mut().for_each(|p| *p = table[*p as usize]);
        }
    }
    out
}

/// Specks: ink pixels with at most 4 ink pixels (themselves included) in the 5 × 5 square
/// around them (a speck of one or two scan pixels, enlarged to the rendering's resolution), per
/// million pixels of the image. Text and rules are never that alone.
pub(super) fn specks_per_million(img: &GrayImage) -> f64 {
    let (width, height) = (img.width() as usize, img.height() as usize);
    let pixels = img.as_raw();
    let ink = |x: usize, y: usize| pixels[y * width + x] < INK;
    let mut specks = 0usize;
    for y in 2..height.saturating_sub(2) {
        for x in 2..width.saturating_sub(2) {
            if !ink(x, y) {
                continue;
            }
            // Counted until a fifth ink pixel shows it is not alone.
            let around = (y - 2..=y + 2)
                .flat_map(|yy| (x - 2..=x + 2).map(move |xx| (xx, yy)))
                .filter(|&(xx, yy)| ink(xx, yy))
                .take(5)
                .count();
            specks += usize::from(around <= 4);
        }
    }
    specks as f64 * 1e6 / (width * height).max(1) as f64
}

/// The image with salt and pepper taken out (a median over 3 × 3 pixels): Tesseract reads
/// specks as letters and marks ("ГАЗАР" read "Г. АЗАР"). Strokes of text and rules, wider than
/// a pixel at the rendering's resolution, stay.
pub(super) fn despeckle(img: &GrayImage) -> GrayImage {
    imageproc::filter::median_filter(img, 1, 1)
}

/// A box of pixels: x0, y0, x1, y1 (ends excluded).
pub(super) type PixelBox = (usize, usize, usize, usize);

/// Clusters of ink that no box of `covered` holds (text the first reading skipped: Tesseract's
/// page segmentation drops lone short text, a row number "1" or a score "100" alone in its
/// cell), as boxes of pixels. Ink within `join` pixels of other ink is one cluster (the digits
/// of a number), specks (pieces within `speck` × `speck` pixels) left out; a cluster counts
/// when its height is within `heights` (text, not specks nor a picture) and it holds `min_ink`
/// pixels.
pub(super) fn uncovered_ink(
    img: &GrayImage,
    covered: &[PixelBox],
    join: u8,
    speck: usize,
    heights: (usize, usize),
    min_ink: usize,
) -> Vec<PixelBox> {
    let (width, height) = (img.width() as usize, img.height() as usize);
    let mut hidden = vec![false; width * height];
    for &(x0, y0, x1, y1) in covered {
        for y in y0.min(height)..y1.min(height) {
            hidden[y * width + x0.min(width)..y * width + x1.min(width)].fill(true);
        }
    }
    let pixels = img.as_raw();
    let mut mask = GrayImage::new(img.width(), img.height());
    for (i, m) in mask.as_mut().iter_mut().enumerate() {
        if pixels[i] < INK && !hidden[i] {
            *m = 255;
        }
    }
    let clusters: Vec<(PixelBox, usize)> = apart_blocks(&mask, usize::from(join))
        .into_iter()
        .flat_map(|block| clusters_in(&mask, block, join, speck))
        .collect();
    // Lines the reading skipped one under another (a cell's three lines, "ах / 1.2. Орон /
    // нутагт", between lines it read) join into one cluster taller than text: each line of it
    // is a cluster of its own. A bar, a picture's edge, has no white row to part it.
    let mut boxes: Vec<PixelBox> = clusters
        .into_iter()
        .flat_map(|(b, ink)| {
            if b.3 - b.1 > heights.1 {
                lines_of(&mask, b)
            } else {
                vec![(b, ink)]
            }
        })
        .filter(|&((_, y0, _, y1), ink)| {
            (heights.0..=heights.1).contains(&(y1 - y0)) && ink >= min_ink
        })
        .map(|(b, _)| b)
        .collect();
    boxes.sort_unstable_by_key(|b| (b.1, b.0));
    boxes
}

/// Boxes of `mask` (255 = ink) that hold all its ink, parted by more than `2 * join` blank rows
/// or columns: ink joined within `join` pixels never reaches across such a gap, so each box's
/// clusters are found apart, on its pixels alone (the whole page's labelling cost a union-find
/// over every pixel, 140 MB at 300 dpi, for the few words a reading skipped).
fn apart_blocks(mask: &GrayImage, join: usize) -> Vec<PixelBox> {
    let (width, height) = (mask.width() as usize, mask.height() as usize);
    let raw = mask.as_raw();
    // Runs of `0..len` where `inked` holds, bridged over gaps of at most `2 * join`.
    let spans = |len: usize, inked: &dyn Fn(usize) -> bool| {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for i in (0..len).filter(|&i| inked(i)) {
            match out.last_mut() {
                Some(last) if i - last.1 <= 2 * join => last.1 = i + 1,
                _ => out.push((i, i + 1)),
            }
        }
        out
    };
    let row_inked = |y: usize| raw[y * width..(y + 1) * width].iter().any(|&m| m != 0);
    spans(height, &row_inked)
        .into_iter()
        .flat_map(|(y0, y1)| {
            let mut columns = vec![false; width];
            for y in y0..y1 {
                for (c, &m) in columns.iter_mut().zip(&raw[y * width..(y + 1) * width]) {
                    *c |= m != 0;
                }
            }
            spans(width, &|x: usize| columns[x])
                .into_iter()
                .map(move |(x0, x1)| (x0, y0, x1, y1))
        })
        .collect()
}

/// The clusters of `mask`'s ink inside `block` (ink within `join` pixels of other ink is one
/// cluster), each with its box in the mask's pixels and its ink pixels.
fn clusters_in(
    mask: &GrayImage,
    (x0, y0, x1, y1): PixelBox,
    join: u8,
    speck: usize,
) -> Vec<(PixelBox, usize)> {
    // A blank pixel all round: imageproc's labelling numbers its union-find by the image's
    // pixels from 1, and panics on an image whose every pixel is a cluster of its own (a
    // one-pixel speck alone in its block).
    let (w, h) = ((x1 - x0) as u32, (y1 - y0) as u32);
    let mut crop = GrayImage::new(w + 2, h + 2);
    image::imageops::replace(
        &mut crop,
        &*image::imageops::crop_imm(mask, x0 as u32, y0 as u32, w, h),
        1,
        1,
    );
    if speck > 0 {
        clear_specks(&mut crop, speck);
    }
    let joined =
        imageproc::morphology::dilate(&crop, imageproc::distance_transform::Norm::LInf, join);
    let labels = imageproc::region_labelling::connected_components(
        &joined,
        imageproc::region_labelling::Connectivity::Eight,
        Luma([0u8]),
    );
    let width = crop.width() as usize;
    // Each cluster's box and ink, over its own ink only (not the joining margin).
    let mut clusters: std::collections::BTreeMap<u32, (PixelBox, usize)> = Default::default();
    for (i, m) in crop.as_raw().iter().enumerate() {
        if *m == 0 {
            continue;
        }
        let (x, y) = (x0 + i % width - 1, y0 + i / width - 1);
        let c = clusters
            .entry(labels.as_raw()[i])
            .or_insert(((x, y, x + 1, y + 1), 0));
        c.0 = (
            c.0 .0.min(x),
            c.0 .1.min(y),
            c.0 .2.max(x + 1),
            c.0 .3.max(y + 1),
        );
        c.1 += 1;
    }
    clusters.into_values().collect()
}

/// `mask` (255 = ink) without its specks: pieces of ink that fit in `speck` × `speck` pixels.
/// A copier's grain strewn about a figure joins it to the words beside it (a row number then
/// stands "beside a word on its line" and is taken for that word's edge) or stretches it taller
/// than text; a decimal point is inside its number's cluster either way.
fn clear_specks(mask: &mut GrayImage, speck: usize) {
    let labels = imageproc::region_labelling::connected_components(
        &*mask,
        imageproc::region_labelling::Connectivity::Eight,
        Luma([0u8]),
    );
    let width = mask.width() as usize;
    let mut boxes: std::collections::HashMap<u32, PixelBox> = Default::default();
    for (i, &l) in labels.as_raw().iter().enumerate() {
        if l == 0 {
            continue;
        }
        let (x, y) = (i % width, i / width);
        let b = boxes.entry(l).or_insert((x, y, x + 1, y + 1));
        *b = (b.0.min(x), b.1.min(y), b.2.max(x + 1), b.3.max(y + 1));
    }
    for (m, &l) in mask.as_mut().iter_mut().zip(labels.as_raw()) {
        if l != 0 {
            let b = boxes[&l];
            if b.2 - b.0 <= speck && b.3 - b.1 <= speck {
                *m = 0;
            }
        }
    }
}

/// The lines of ink in box `b` of `mask` (255 = ink): runs of rows holding ink, parted by
/// white rows, each with the box of its ink and its ink's pixels.
fn lines_of(mask: &GrayImage, (x0, y0, x1, y1): PixelBox) -> Vec<(PixelBox, usize)> {
    let width = mask.width() as usize;
    let raw = mask.as_raw();
    let mut lines = Vec::new();
    let mut current: Option<(PixelBox, usize)> = None;
    for y in y0..y1 {
        let row = &raw[y * width + x0..y * width + x1];
        let ink: Vec<usize> = (0..row.len()).filter(|&i| row[i] != 0).collect();
        match (ink.first(), ink.last(), current.as_mut()) {
            (Some(&a), Some(&z), Some((b, n))) => {
                *b = (b.0.min(x0 + a), b.1, b.2.max(x0 + z + 1), y + 1);
                *n += ink.len();
            }
            (Some(&a), Some(&z), None) => {
                current = Some(((x0 + a, y, x0 + z + 1, y + 1), ink.len()))
            }
            _ => lines.extend(current.take()),
        }
    }
    lines.extend(current);
    lines
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

/// The first and last column of `x0..x1` with ink in rows `y0..y1` (pixels, clipped to the
/// image), or `None` when the rectangle holds none.
pub(super) fn ink_columns(
    img: &GrayImage,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
) -> Option<(usize, usize)> {
    let (width, height) = (img.width() as usize, img.height() as usize);
    let pixels = img.as_raw();
    let inked = |x: usize| (y0.min(height)..y1.min(height)).any(|y| pixels[y * width + x] < INK);
    let (x0, x1) = (x0.min(width), x1.min(width));
    let first = (x0..x1).find(|&x| inked(x))?;
    let last = (x0..x1).rev().find(|&x| inked(x))?;
    Some((first, last + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ink_columns_are_the_first_and_last_with_a_dark_pixel() {
        let mut img = GrayImage::from_pixel(20, 10, image::Luma([255]));
        img.put_pixel(5, 3, image::Luma([0]));
        img.put_pixel(12, 6, image::Luma([40]));
        img.put_pixel(15, 9, image::Luma([0]));
        assert_eq!(ink_columns(&img, (0, 0, 20, 8)), Some((5, 13)));
        assert_eq!(ink_columns(&img, (6, 0, 12, 10)), None);
        assert_eq!(ink_columns(&img, (0, 0, 40, 40)), Some((5, 16)));
    }

    #[test]
    fn runs_long_enough_unbroken_or_dark_enough_with_gaps() {
        let dark = |pattern: &str| {
            let v: Vec<bool> = pattern.chars().map(|c| c == '#').collect();
            move |i: usize| v[i]
        };
        // Unbroken runs of 3: the first stretch (2) is too short, a lone pixel too.
        let row = "##.###..####.#";
        assert_eq!(
            gapped_runs(row.len(), dark(row), 3, 0, 0.85),
            vec![(3, 6), (8, 12)]
        );
        // Gaps of one pixel bridged, not of two: the short stretches join the runs.
        assert_eq!(
            gapped_runs(row.len(), dark(row), 3, 1, 0.85),
            vec![(0, 6), (8, 14)]
        );
        // No unbroken run of 3, but nine times as long and dark on 9/10: a specked rule.
        let specked = "####.####.####.####.####.####.####.";
        assert_eq!(
            gapped_runs(specked.len(), dark(specked), 5, 1, 0.7),
            vec![(0, 34)]
        );
        // A row through text: short dark bits, half of it light.
        let text = "##.#.##..#.##.#..##.#.##.#..##.#";
        assert!(gapped_runs(text.len(), dark(text), 5, 2, 0.85).is_empty());
        assert!(gapped_runs(row.len(), |_| false, 1, 2, 0.85).is_empty());
    }

    #[test]
    fn ink_no_word_covers_is_found_as_clusters_of_text_height() {
        // A word the reading saw (covered), a two-digit number it skipped (strokes 4 px
        // apart: one cluster), a speck, and a tall bar (a picture's edge, not text).
        let img = image(
            400,
            200,
            rect(10, 20, 90, 40)
                .chain(rect(200, 100, 204, 120))
                .chain(rect(208, 100, 214, 120))
                .chain(rect(300, 50, 302, 52))
                .chain(rect(350, 10, 354, 190)),
        );
        let found = uncovered_ink(&img, &[(5, 15, 95, 45)], 3, 2, (8, 60), 20);
        assert_eq!(found, vec![(200, 100, 214, 120)]);
        // Nothing covered: the word is found too.
        assert_eq!(uncovered_ink(&img, &[], 3, 2, (8, 60), 20).len(), 2);
    }

    #[test]
    fn grain_about_a_figure_neither_joins_nor_stretches_it() {
        // A figure 12 × 20 px, and two-pixel specks 4 px apart running from it down and right:
        // joined, they would make it 46 px high and 40 px wide.
        let mut dark: Vec<(u32, u32)> = rect(100, 100, 112, 120).collect();
        for k in 0..5 {
            dark.extend(rect(114 + 6 * k, 122 + 6 * k, 116 + 6 * k, 124 + 6 * k));
        }
        let img = image(300, 200, dark.into_iter());
        assert_eq!(
            uncovered_ink(&img, &[], 3, 2, (8, 30), 20),
            vec![(100, 100, 112, 120)]
        );
        assert_eq!(
            uncovered_ink(&img, &[], 3, 0, (8, 60), 20),
            vec![(100, 100, 140, 148)],
            "specks kept: one cluster with them"
        );
    }

    #[test]
    fn lines_skipped_one_under_another_are_found_line_by_line() {
        // Three lines of text 20 px high, 2 px apart (joined into one cluster 64 px high, over
        // the 30 px of text), and a bar 64 px high.
        let img = image(
            400,
            200,
            rect(10, 20, 60, 40)
                .chain(rect(10, 42, 90, 62))
                .chain(rect(10, 64, 40, 84))
                .chain(rect(300, 20, 304, 84)),
        );
        let found = uncovered_ink(&img, &[], 3, 2, (8, 30), 20);
        assert_eq!(
            found,
            vec![(10, 20, 60, 40), (10, 42, 90, 62), (10, 64, 40, 84)]
        );
    }

    #[test]
    fn clusters_found_block_by_block_are_those_of_the_whole_page() {
        // Specks and strokes strewn by a fixed recipe, some within `join` of each other, some
        // parted by gaps just over and just under twice `join`.
        let mut dark = Vec::new();
        let mut seed = 12345u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as u32
        };
        for _ in 0..60 {
            let (x, y, w, h) = (next(380), next(280), 1 + next(12), 1 + next(15));
            dark.extend(rect(x, y, x + w, y + h));
        }
        dark.extend(rect(100, 290, 104, 295).chain(rect(111, 290, 115, 295)));
        dark.extend(rect(200, 290, 204, 295).chain(rect(212, 290, 216, 295)));
        let img = image(400, 300, dark.into_iter());
        let mask = {
            let mut m = GrayImage::new(400, 300);
            for (p, q) in m.as_mut().iter_mut().zip(img.as_raw()) {
                *p = if *q < INK { 255 } else { 0 };
            }
            m
        };
        // A lone speck is a block of one pixel.
        let mut one = GrayImage::new(1, 1);
        one.put_pixel(0, 0, Luma([255]));
        assert_eq!(
            clusters_in(&one, (0, 0, 1, 1), 2, 0),
            vec![((0, 0, 1, 1), 1)]
        );
        for join in [1u8, 3, 4, 6] {
            let mut whole = clusters_in(&mask, (0, 0, 400, 300), join, 2);
            let mut blocks: Vec<_> = apart_blocks(&mask, usize::from(join))
                .into_iter()
                .flat_map(|b| clusters_in(&mask, b, join, 2))
                .collect();
            whole.sort_unstable();
            blocks.sort_unstable();
            assert_eq!(blocks, whole, "join {join}");
        }
    }

    /// The pixels of the rectangle `x0..x1` × `y0..y1`.
    fn rect(x0: u32, y0: u32, x1: u32, y1: u32) -> impl Iterator<Item = (u32, u32)> {
        (y0..y1).flat_map(move |y| (x0..x1).map(move |x| (x, y)))
    }

    /// A white image `w` × `h` with the dark pixels `(x, y)` listed.
    fn image(w: u32, h: u32, dark: impl Iterator<Item = (u32, u32)>) -> GrayImage {
        let mut img = GrayImage::from_pixel(w, h, Luma([255]));
        for (x, y) in dark {
            img.put_pixel(x, y, Luma([0]));
        }
        img
    }

    #[test]
    fn a_specked_thick_line_off_level_is_one_rule() {
        // Two pixels thick, one row lower from x = 100, white specks at x = 40 and 150.
        let line = (0..200u32).filter(|x| *x != 40 && *x != 150).flat_map(|x| {
            let y = if x < 100 { 20 } else { 21 };
            [(x, y), (x, y + 1)]
        });
        let img = image(200, 60, line);
        let s = strokes(&img, 30, 2, 5);
        assert_eq!(s.lines.len(), 1, "{:?}", s.lines);
        let r = s.lines[0];
        assert!(r.is_horizontal());
        assert_eq!((r.x0, r.x1), (0.0, 200.0));
        assert!(r.y0 > 20.0 && r.y0 < 22.0, "{}", r.y0);
        // Painted out, with the pixel on each side: nothing of it is left.
        let mut erased = img.clone();
        erase(&mut erased, &s.runs);
        assert_eq!(ink_in(&erased, (0, 0, 200, 60)), 0);
    }

    #[test]
    fn paper_darker_on_one_side_is_made_white_and_ink_stays_ink() {
        // Paper from 250 on the left to 165 on the right (a third darker across the page, as
        // a copier's light falls off); a black bar in the middle.
        let mut img = GrayImage::from_fn(1280, 96, |x, _| Luma([(250 - (x * 85 / 1279)) as u8]));
        for x in 630..650u32 {
            for y in 40..56u32 {
                img.put_pixel(x, y, Luma([20]));
            }
        }
        let flat = flatten(&img);
        for x in [0u32, 400, 900, 1279] {
            let v = flat.get_pixel(x, 10).0[0];
            assert!(v >= 240, "paper at x = {x} reads {v}");
        }
        assert!(flat.get_pixel(640, 48).0[0] < 40);
    }

    #[test]
    fn filled_areas_and_short_strokes_are_no_rules() {
        // A black box 20 px high, and a dash 10 px long.
        let block = (10..190u32).flat_map(|x| (5..25u32).map(move |y| (x, y)));
        let dash = (50..60u32).map(|x| (x, 40));
        let img = image(200, 60, block.chain(dash));
        let s = strokes(&img, 30, 2, 5);
        assert!(s.lines.iter().all(|r| r.is_vertical()), "{:?}", s.lines);
        // Its sides are upright strokes 20 px long: shorter than a rule.
        assert!(s.lines.is_empty(), "{:?}", s.lines);
        assert_eq!(ink_in(&img, (0, 0, 200, 60)), 180 * 20 + 10);
    }

    #[test]
    fn a_long_rule_a_little_off_upright_is_a_rule_though_it_steps_across_many_columns() {
        // 2 px wide, 1200 px long, 24 px to the right at its foot (about 1.1 degree): at any
        // height 2 or 3 columns thick, over all 26 columns.
        let line = (0..1200u32).flat_map(|y| {
            let x = 20 + y / 50;
            [(x, y), (x + 1, y)]
        });
        let img = image(80, 1200, line);
        let s = strokes(&img, 60, 2, 5);
        let upright: Vec<&Rule> = s.lines.iter().filter(|r| r.is_vertical()).collect();
        assert_eq!(upright.len(), 1, "{:?}", s.lines);
        assert!(upright[0].y1 - upright[0].y0 > 1100.0, "{:?}", upright[0]);
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

    /// A table page: four columns of lines 10 px tall, 30 px apart, each column's lines set
    /// 9 px lower than the column before it (cells centred at heights of their own), drawn
    /// skewed by `degrees`.
    fn skewed_table(degrees: f64) -> GrayImage {
        let (w, h) = (1200u32, 900u32);
        let slope = degrees.to_radians().tan();
        let mut img = GrayImage::from_pixel(w, h, Luma([255]));
        for column in 0..4u32 {
            for line in 0..23 {
                let y0 = 60.0 + 30.0 * line as f64 + 9.0 * column as f64;
                for x in 100 + 250 * column..330 + 250 * column {
                    if x % 13 >= 10 {
                        continue;
                    }
                    let y = (y0 + x as f64 * slope) as u32;
                    for dy in 0..10 {
                        img.put_pixel(x, (y + dy).min(h - 1), Luma([0]));
                    }
                }
            }
        }
        img
    }

    #[test]
    fn a_tables_skew_comes_from_its_columns_lines_not_from_lines_across_them() {
        // Across the whole width the columns' lines line up in a staircase at about 2°; a
        // band that holds parts of two columns still leans a little toward it, within what
        // deskewing leaves alone.
        for degrees in [-1.0, 0.0, 0.5] {
            let found = skew(&skewed_table(degrees)).to_degrees();
            assert!(
                (found - degrees).abs() < MIN_SKEW_DEGREES,
                "{degrees}: found {found}"
            );
        }
    }

    #[test]
    fn a_deskewed_page_has_level_lines() {
        let (straight, left) = deskew(skewed_page(1.5), 1.5f64.to_radians());
        let found = skew(&straight).to_degrees();
        assert!(found.abs() < 0.06, "found {found}");
        assert_eq!(left, 0.0);
        // A negligible skew leaves the image as it is, and is left to take out of positions.
        let page = skewed_page(0.2);
        let angle = 0.2f64.to_radians();
        assert_eq!(deskew(page.clone(), angle), (page, angle));
    }
}
