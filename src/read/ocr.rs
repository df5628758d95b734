//! Scanned PDFs: page images → Tesseract's Mongolian model → positioned words and ruling lines.
//!
//! Enters: a PDF whose pages have no text layer. Leaves: [`Page`]s in PDF points, like the PDF
//! reader's, so the same layout engine rebuilds their tables, plus the word confidences.
//! Pages are rendered with poppler's `pdftoppm` (gray, 300 dpi) and read with `tesseract -l mon`
//! (TSV: word boxes and confidences), one single-threaded process per page (OMP_THREAD_LIMIT=1)
//! with pages in parallel. Table rules are found in the image as long runs of dark pixels. The
//! page's skew is measured from the text lines and taken out of every coordinate.

use crate::error::ReadError;
use crate::layout::{Page, Rect, Rule, Word};
use crate::limits::{Cancel, Limits};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Rendering resolution for OCR.
pub const DPI: f64 = 300.0;
/// A word below this confidence counts as doubtful.
pub const LOW_CONFIDENCE: f64 = 60.0;

/// OCR quality of a report: mean word confidence and the share of doubtful words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Confidence {
    pub mean: f64,
    pub low_share: f64,
    pub words: usize,
}

pub struct OcrPages {
    pub pages: Vec<Page>,
    pub confidence: Confidence,
    pub problems: Vec<(u32, String)>,
}

/// Is the OCR engine there? (`tesseract` with the `mon` model, `pdftoppm`.)
pub fn engine_missing() -> Option<String> {
    let tess = Command::new("tesseract").arg("--list-langs").output();
    match tess {
        Err(_) => return Some("tesseract not found".into()),
        Ok(o) => {
            let langs = String::from_utf8_lossy(&o.stdout).to_string()
                + &String::from_utf8_lossy(&o.stderr);
            if !langs.lines().any(|l| l.trim() == "mon") {
                return Some("tesseract has no Mongolian model (mon)".into());
            }
        }
    }
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        return Some("pdftoppm (poppler-utils) not found".into());
    }
    None
}

#[derive(Debug, Clone)]
struct TsvWord {
    line_key: (u32, u32, u32),
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    conf: f64,
    text: String,
}

/// Tesseract's TSV: level-4 rows are text lines: their boxes, by (block, paragraph, line).
fn parse_tsv_lines(tsv: &str) -> std::collections::BTreeMap<(u32, u32, u32), (f64, f64)> {
    tsv.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 12 || f[0] != "4" {
                return None;
            }
            let key = (f[2].parse().ok()?, f[3].parse().ok()?, f[4].parse().ok()?);
            let top: f64 = f[7].parse().ok()?;
            let height: f64 = f[9].parse().ok()?;
            Some((key, (top, top + height)))
        })
        .collect()
}

/// Tesseract's TSV: level-5 rows are words.
fn parse_tsv(tsv: &str) -> Vec<TsvWord> {
    tsv.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 12 || f[0] != "5" || f[11].trim().is_empty() {
                return None;
            }
            let n = |i: usize| f[i].parse::<f64>().ok();
            Some(TsvWord {
                line_key: (f[2].parse().ok()?, f[3].parse().ok()?, f[4].parse().ok()?),
                left: n(6)?,
                top: n(7)?,
                width: n(8)?,
                height: n(9)?,
                conf: n(10)?,
                text: f[11].trim().to_string(),
            })
        })
        .collect()
}

/// A speck of noise read as a period: "арга. хэмжээг". A word ending in "." followed, in the
/// same block of text, by a word in lowercase loses the period (sentences start in capitals);
/// numbers ("1.") and initials ("Д.") keep theirs.
fn drop_speck_periods(words: &mut [TsvWord]) {
    for i in 0..words.len().saturating_sub(1) {
        let same_par = words[i].line_key.0 == words[i + 1].line_key.0;
        let next_lower = words[i + 1]
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        let w = &words[i].text;
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if same_par && next_lower && w.ends_with('.') && letters >= 2 && !w.ends_with("..") {
            words[i].text.pop();
        }
    }
}

/// The page's skew (radians, positive when lines go down to the right), from the slope of the
/// word bottoms along each long text line; the median over lines.
fn skew(words: &[TsvWord]) -> f64 {
    let mut lines: std::collections::BTreeMap<(u32, u32, u32), Vec<&TsvWord>> = Default::default();
    for w in words {
        lines.entry(w.line_key).or_default().push(w);
    }
    let mut slopes: Vec<f64> = lines
        .values()
        .filter(|ws| ws.len() >= 3)
        .filter_map(|ws| {
            let first = ws.first()?;
            let last = ws.last()?;
            let dx = (last.left + last.width / 2.0) - (first.left + first.width / 2.0);
            (dx > 300.0).then(|| ((last.top + last.height) - (first.top + first.height)) / dx)
        })
        .collect();
    if slopes.len() < 3 {
        return 0.0;
    }
    slopes.sort_by(f64::total_cmp);
    slopes[slopes.len() / 2].atan()
}

/// A gray image (PGM, P5, 8 bit).
struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

fn read_pgm(bytes: &[u8]) -> Option<Gray> {
    // Header: "P5" width height maxval, separated by whitespace, then one whitespace byte.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 && i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b'#') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..i]).ok()?.to_string());
    }
    if fields.first().map(String::as_str) != Some("P5") {
        return None;
    }
    let (width, height): (usize, usize) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
    let pixels = bytes.get(i + 1..i + 1 + width * height)?.to_vec();
    Some(Gray {
        width,
        height,
        pixels,
    })
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
fn dark_runs(img: &Gray, min_len: usize) -> Vec<Rule> {
    let dark = |x: usize, y: usize| img.pixels[y * img.width + x] < 128;
    let mut rules = Vec::new();
    for y in 0..img.height {
        for (x0, x1) in runs(img.width, |x| dark(x, y), min_len) {
            rules.push(Rule {
                x0: x0 as f64,
                y0: y as f64,
                x1: x1 as f64,
                y1: y as f64,
            });
        }
    }
    for x in 0..img.width {
        for (y0, y1) in runs(img.height, |y| dark(x, y), min_len) {
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

/// Render one page and read it.
fn ocr_page(pdf: &Path, page: u32, tmp: &Path) -> Result<(Page, Vec<f64>), String> {
    let stem = tmp.join(format!("p{page}"));
    let out = Command::new("pdftoppm")
        .args([
            "-r",
            &DPI.to_string(),
            "-gray",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
            "-singlefile",
        ])
        .arg(pdf)
        .arg(&stem)
        .output()
        .map_err(|e| format!("pdftoppm did not run: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "pdftoppm failed on page {page}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let image: PathBuf = stem.with_extension("pgm");
    let tsv = Command::new("tesseract")
        .arg(&image)
        .args(["-", "-l", "mon", "--psm", "3", "tsv"])
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .map_err(|e| format!("tesseract did not run: {e}"))?;
    if !tsv.status.success() {
        return Err(format!(
            "tesseract failed on page {page}: {}",
            String::from_utf8_lossy(&tsv.stderr).trim()
        ));
    }
    let tsv_text = String::from_utf8_lossy(&tsv.stdout).to_string();
    let mut words = parse_tsv(&tsv_text);
    drop_speck_periods(&mut words);
    let line_boxes = parse_tsv_lines(&tsv_text);
    let bytes = std::fs::read(&image).map_err(|e| format!("page image unreadable: {e}"))?;
    let _ = std::fs::remove_file(&image);
    let img = read_pgm(&bytes).ok_or("page image is not a gray PGM")?;
    let angle = skew(&words);
    let (sin, cos) = (-angle).sin_cos();
    // Image pixels → deskewed PDF points.
    let pt = 72.0 / DPI;
    let map = |x: f64, y: f64| ((x * cos - y * sin) * pt, (x * sin + y * cos) * pt);
    let confs: Vec<f64> = words.iter().map(|w| w.conf).collect();
    // A line's box spans ascenders to descenders: about the font size.
    let line_height: std::collections::BTreeMap<(u32, u32, u32), f64> =
        line_boxes.iter().map(|(k, (t, b))| (*k, b - t)).collect();
    let page_words = words
        .iter()
        .map(|w| {
            let (x0, top) = map(w.left, w.top);
            let (x1, bottom) = map(w.left + w.width, w.top + w.height);
            let size = line_height.get(&w.line_key).copied().unwrap_or(w.height) * pt * 0.95;
            Word {
                text: w.text.clone(),
                x0: x0.min(x1),
                x1: x0.max(x1),
                top: top.min(bottom),
                bottom: top.max(bottom),
                font_size: size.max(1.0),
                baseline: None,
            }
        })
        .collect();
    let rules = dark_runs(&img, (DPI / 5.0) as usize)
        .into_iter()
        .map(|r| {
            let (x0, y0) = map(r.x0, r.y0);
            let (x1, y1) = map(r.x1, r.y1);
            // Deskewed, a run is straight again: snap it to its axis.
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
        width: img.width as f64 * pt,
        height: img.height as f64 * pt,
        words: page_words,
        rules,
    };
    strip_border_marks(&mut out);
    // Deskewed points → image pixels.
    let unmap = |x: f64, y: f64| ((x * cos + y * sin) / pt, (-x * sin + y * cos) / pt);
    let mut confs = confs;
    match reread_empty_cells(&img, &mut out, unmap, &tmp.join(format!("cells{page}"))) {
        Ok(c) => confs.extend(c),
        Err(e) => {
            return Err(format!(
                "page {page}: second OCR pass on empty table cells failed: {e}"
            ))
        }
    }
    match reread_number_columns(&img, &mut out, unmap, &tmp.join(format!("numbers{page}"))) {
        Ok(c) => confs.extend(c),
        Err(e) => {
            return Err(format!(
                "page {page}: OCR pass on number columns failed: {e}"
            ))
        }
    }
    Ok((out, confs))
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

/// A table cell (points) and its crop of the page image (pixels).
/// A cell on the page and its pixels in the page image (x0, y0, x1, y1).
type Crop = (Rect, (usize, usize, usize, usize));

/// The crop of a cell, inset from its borders, and how many dark pixels it holds.
fn cell_crop(
    img: &Gray,
    cell: Rect,
    unmap: &impl Fn(f64, f64) -> (f64, f64),
) -> Option<(Crop, usize)> {
    let Rect { x0, y0, x1, y1 } = cell;
    let inset = 2.5;
    if x1 - x0 < 3.0 * inset || y1 - y0 < 3.0 * inset {
        return None;
    }
    let corners = [
        unmap(x0 + inset, y0 + inset),
        unmap(x1 - inset, y0 + inset),
        unmap(x0 + inset, y1 - inset),
        unmap(x1 - inset, y1 - inset),
    ];
    let min = |f: fn(&(f64, f64)) -> f64| {
        corners.iter().map(f).fold(f64::INFINITY, f64::min).max(0.0) as usize
    };
    let max = |f: fn(&(f64, f64)) -> f64| corners.iter().map(f).fold(0.0, f64::max) as usize;
    let (px0, py0) = (min(|c| c.0), min(|c| c.1));
    let (px1, py1) = (max(|c| c.0).min(img.width), max(|c| c.1).min(img.height));
    if px1 <= px0 + 4 || py1 <= py0 + 4 {
        return None;
    }
    let ink = (py0..py1)
        .flat_map(|y| (px0..px1).map(move |x| (x, y)))
        .filter(|&(x, y)| img.pixels[y * img.width + x] < 128)
        .count();
    Some(((cell, (px0, py0, px1, py1)), ink))
}

fn words_in(page: &Page, cell: Rect) -> impl Iterator<Item = &Word> {
    page.words.iter().filter(move |w| cell.holds(w))
}

/// Read cells again: their crops stacked into one image (a band each, white margins), one
/// Tesseract run over them, the words put back in their cells. `whitelist` limits the characters
/// (digits for a number column).
fn reread_cells(
    img: &Gray,
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
    let mut pixels = vec![255u8; width * height];
    for (top, h, px0, py0, w) in &bands {
        for dy in 0..*h {
            let src = (py0 + dy) * img.width + px0;
            let dst = (top + dy) * width + margin;
            pixels[dst..dst + w].copy_from_slice(&img.pixels[src..src + w]);
        }
    }
    let path = stem.with_extension("pgm");
    let mut data = format!("P5\n{width} {height}\n255\n").into_bytes();
    data.extend(&pixels);
    std::fs::write(&path, data).map_err(|e| e.to_string())?;
    let mut cmd = Command::new("tesseract");
    cmd.arg(&path).args(["-", "-l", "mon", "--psm", "6"]);
    if let Some(chars) = whitelist {
        cmd.args(["-c", &format!("tessedit_char_whitelist={chars}")]);
    }
    let tsv = cmd
        .arg("tsv")
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .map_err(|e| format!("tesseract did not run: {e}"))?;
    let _ = std::fs::remove_file(&path);
    let pt = 72.0 / DPI;
    let mut confs = Vec::new();
    for w in parse_tsv(&String::from_utf8_lossy(&tsv.stdout)) {
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
        let left = x0 + 2.5 + (w.left - margin as f64).max(0.0) * pt;
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

/// Tesseract's page segmentation skips lone short text in table cells (a "1" in a count
/// column): cells of a ruled table that hold ink but no word are read again.
fn reread_empty_cells(
    img: &Gray,
    page: &mut Page,
    unmap: impl Fn(f64, f64) -> (f64, f64),
    stem: &Path,
) -> Result<Vec<f64>, String> {
    let mut grids = crate::layout::ruled::grids(page);
    grids.extend(crate::layout::aligned::aligned_grids(page));
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
fn reread_number_columns(
    img: &Gray,
    page: &mut Page,
    unmap: impl Fn(f64, f64) -> (f64, f64),
    stem: &Path,
) -> Result<Vec<f64>, String> {
    let mut grids = crate::layout::ruled::grids(page);
    grids.extend(crate::layout::aligned::aligned_grids(page));
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
            let number_label = matches!(label.trim(), "№" | "мо" | "ме" | "мь" | "м°" | "д/д")
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
    page.words
        .retain(|w| !crops.iter().any(|(cell, _)| cell.holds(w)));
    reread_cells(img, page, &crops, stem, Some("0123456789.,/-%"))
}

/// Temporary folders of OCR runs: `biyelelt-ocr-PID-RANDOM` in the system's temp folder.
const TEMP_PREFIX: &str = "biyelelt-ocr-";

/// Remove the OCR temporary folders of processes that no longer run (killed mid-scan; a run
/// that ends, even by a panic, removes its own). Returns how many were removed.
pub fn remove_stale_temp() -> usize {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = Path::new("/proc").join(pid.to_string()).exists();
        if !alive && std::fs::remove_dir_all(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// OCR the pages of a scanned PDF in parallel, up to `limits.max_ocr_pages`; pages not yet
/// started when `cancel` is set are skipped.
pub fn read(
    path: &Path,
    n_pages: u32,
    limits: &Limits,
    cancel: &Cancel,
) -> Result<OcrPages, ReadError> {
    if let Some(why) = engine_missing() {
        return Err(ReadError::OcrEngine {
            path: path.to_path_buf(),
            detail: why,
        });
    }
    // A random name, removed on drop (a panic included); the pid in the prefix lets a later run
    // remove the folder of a killed one ([`remove_stale_temp`]).
    let tmp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(|e| ReadError::Io {
            path: std::env::temp_dir(),
            source: e,
        })?;
    let n_read = n_pages.min(limits.max_ocr_pages).min(limits.max_pages);
    type PageResult = (u32, Result<(Page, Vec<f64>), String>);
    let mut results: Vec<PageResult> = (1..=n_read)
        .into_par_iter()
        .map(|p| {
            if cancel.is_cancelled() {
                return (
                    p,
                    Err(format!("page {p} not read: the report ran out of time")),
                );
            }
            (p, ocr_page(path, p, tmp.path()))
        })
        .collect();
    drop(tmp);
    if n_read < n_pages {
        results.push((
            n_read + 1,
            Err(format!(
                "the scan has {n_pages} pages; pages {} to the end were not read by OCR (limit {}, raise --max-ocr-pages or --max-pages)",
                n_read + 1,
                n_read
            )),
        ));
    }
    let mut pages = Vec::new();
    let mut confs = Vec::new();
    let mut problems = Vec::new();
    for (p, r) in results {
        match r {
            Ok((page, c)) => {
                pages.push(page);
                confs.extend(c);
            }
            Err(e) => problems.push((p, e)),
        }
    }
    if pages.is_empty() {
        return Err(ReadError::Pdf {
            path: path.to_path_buf(),
            detail: format!(
                "OCR read no page: {}",
                problems.first().map(|p| p.1.clone()).unwrap_or_default()
            ),
        });
    }
    let n = confs.len().max(1) as f64;
    let confidence = Confidence {
        mean: confs.iter().sum::<f64>() / n,
        low_share: confs.iter().filter(|c| **c < LOW_CONFIDENCE).count() as f64 / n,
        words: confs.len(),
    };
    Ok(OcrPages {
        pages,
        confidence,
        problems,
    })
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
    fn tsv_words_and_skew() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            4\t1\t1\t1\t1\t0\t100\t100\t900\t30\t-1\t\n\
            5\t1\t1\t1\t1\t1\t100\t100\t200\t30\t96.5\tНийгмийн\n\
            5\t1\t1\t1\t1\t2\t400\t103\t200\t30\t91.0\tдаатгалын\n\
            5\t1\t1\t1\t1\t3\t800\t107\t200\t30\t40.0\tгазар\n";
        let w = parse_tsv(tsv);
        assert_eq!(w.len(), 3);
        assert_eq!(w[0].text, "Нийгмийн");
        assert_eq!(w[2].conf, 40.0);
        // One line is too few to trust a skew.
        assert_eq!(skew(&w), 0.0);
    }

    #[test]
    fn speck_periods() {
        let w = |t: &str, line: u32| TsvWord {
            line_key: (1, 1, line),
            left: 0.0,
            top: 0.0,
            width: 1.0,
            height: 1.0,
            conf: 90.0,
            text: t.into(),
        };
        let mut ws = vec![
            w("арга.", 1),
            w("хэмжээг", 1),
            w("байна.", 1),
            w("Мөн", 2),
            w("Д.", 2),
            w("зоригт", 2),
        ];
        drop_speck_periods(&mut ws);
        let texts: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["арга", "хэмжээг", "байна.", "Мөн", "Д.", "зоригт"]
        );
    }

    #[test]
    fn pgm_and_dark_runs() {
        let mut pgm = b"P5\n4 3\n255\n".to_vec();
        pgm.extend([0, 0, 0, 255, 255, 255, 255, 255, 0, 255, 255, 255]);
        let img = read_pgm(&pgm).unwrap();
        assert_eq!((img.width, img.height), (4, 3));
        let runs = dark_runs(&img, 3);
        assert_eq!(
            runs,
            vec![Rule {
                x0: 0.0,
                y0: 0.0,
                x1: 3.0,
                y1: 0.0
            }]
        );
    }
}
