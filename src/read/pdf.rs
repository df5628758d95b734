//! Born-digital PDFs: pages of positioned words and ruling lines.
//!
//! Enters: a PDF file's bytes. Leaves: [`Page`]s (words with boxes and font sizes, table
//! borders as horizontal and vertical rules), plus the pages that could not be read and why.
//! Glyphs and paths come from pdf-extract's `OutputDev` in drawing order; they are sorted here.
//! pdf-extract panics on some odd fonts: every page runs under `catch_unwind`, so one bad page
//! is reported and the others are kept.

use crate::error::ReadError;
use crate::layout::{Page, Rule, Word};
use crate::limits::{Cancel, Limits};
use pdf_extract::{
    ColorSpace, MediaBox, OutputDev, OutputError, Path as PdfPath, PathOp, Transform,
};
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[derive(Debug, Clone)]
struct Glyph {
    ch: String,
    x: f64,
    /// Baseline, from the page top.
    y: f64,
    w: f64,
    size: f64,
}

#[derive(Default)]
struct Collector {
    llx: f64,
    ury: f64,
    width: f64,
    height: f64,
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
}

impl Collector {
    /// User space → page space with y from the top.
    fn point(&self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
        (px - self.llx, self.ury - py)
    }

    fn add_segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        let (x0, x1) = if a.0 <= b.0 { (a.0, b.0) } else { (b.0, a.0) };
        let (y0, y1) = if a.1 <= b.1 { (a.1, b.1) } else { (b.1, a.1) };
        if (y1 - y0) < 1.0 && (x1 - x0) > 2.0 {
            let y = (y0 + y1) / 2.0;
            self.rules.push(Rule {
                x0,
                y0: y,
                x1,
                y1: y,
            });
        } else if (x1 - x0) < 1.0 && (y1 - y0) > 2.0 {
            let x = (x0 + x1) / 2.0;
            self.rules.push(Rule {
                x0: x,
                y0,
                x1: x,
                y1,
            });
        }
    }

    fn add_path(&mut self, ctm: &Transform, path: &PdfPath, filled: bool) {
        let mut start: Option<(f64, f64)> = None;
        let mut cur: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    let p = self.point(ctm, x, y);
                    start = Some(p);
                    cur = Some(p);
                }
                PathOp::LineTo(x, y) => {
                    let p = self.point(ctm, x, y);
                    if let Some(c) = cur {
                        self.add_segment(c, p);
                    }
                    cur = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => cur = Some(self.point(ctm, x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let a = self.point(ctm, x, y);
                    let b = self.point(ctm, x + w, y + h);
                    let (wd, ht) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
                    // A thin rectangle (filled or not) is a rule.
                    if wd < 1.5 && ht >= 1.5 {
                        let x = (a.0 + b.0) / 2.0;
                        self.add_segment((x, a.1.min(b.1)), (x, a.1.max(b.1)));
                    } else if ht < 1.5 && wd >= 1.5 {
                        let y = (a.1 + b.1) / 2.0;
                        self.add_segment((a.0.min(b.0), y), (a.0.max(b.0), y));
                    } else if !filled {
                        // A stroked box: its four edges.
                        let (l, r, t, btm) =
                            (a.0.min(b.0), a.0.max(b.0), a.1.min(b.1), a.1.max(b.1));
                        self.add_segment((l, t), (r, t));
                        self.add_segment((l, btm), (r, btm));
                        self.add_segment((l, t), (l, btm));
                        self.add_segment((r, t), (r, btm));
                    }
                }
                PathOp::Close => {
                    if let (Some(c), Some(s)) = (cur, start) {
                        self.add_segment(c, s);
                    }
                    cur = start;
                }
            }
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.llx = media_box.llx;
        self.ury = media_box.ury;
        self.width = media_box.urx - media_box.llx;
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let (x, y) = (trm.m31 - self.llx, self.ury - trm.m32);
        // The size of the text as drawn: the font size through the text matrix.
        let sx = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let sy = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        let size = (font_size * font_size * sx * sy).sqrt().max(0.1);
        let scale = if font_size.abs() > 1e-9 {
            size / font_size
        } else {
            1.0
        };
        self.glyphs.push(Glyph {
            ch: ch.to_string(),
            x,
            y,
            w: width * font_size * scale,
            size,
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &PdfPath,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, false);
        Ok(())
    }
    fn fill(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &PdfPath,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, true);
        Ok(())
    }
}

/// Some fonts give pdf-extract no width for some glyphs (Chromium's subsets, digits among
/// them): measured from their start alone, "2020" would read "2 0 2 0", and a word ending in
/// one looks a point short, its space a column gap. Such a glyph takes the advance it shows
/// where a letter or digit follows it on the page (the least seen for that character, per
/// size), else half an em. `glyphs` are in reading order (by baseline, then x).
fn give_widths(glyphs: &mut [Glyph]) {
    let missing = |g: &Glyph| g.w <= 0.01 * g.size;
    let key = |g: &Glyph| (g.ch.clone(), (g.size * 10.0).round() as i64);
    // Letters and digits follow each other inside words; a comma or a stop is followed by a
    // space, or by the next column's text.
    let inside = |g: &Glyph| !g.ch.is_empty() && g.ch.chars().all(char::is_alphanumeric);
    let mut advance: std::collections::HashMap<(String, i64), f64> = Default::default();
    for pair in glyphs.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let step = b.x - a.x;
        let same_line = (a.y - b.y).abs() < 0.3 * a.size;
        if missing(a)
            && same_line
            && inside(a)
            && inside(b)
            && step > 0.2 * a.size
            && step <= a.size
        {
            let least = advance.entry(key(a)).or_insert(step);
            *least = least.min(step);
        }
    }
    for g in glyphs.iter_mut().filter(|g| missing(g)) {
        g.w = advance.get(&key(g)).copied().unwrap_or(0.5 * g.size);
    }
}

/// Glyphs → words: lines by baseline, words split at spaces, at gaps wider than a quarter
/// of the font size, and at a vertical rule between two glyphs (a narrow table's cells set
/// two points apart: "тоо" | "100" | "90" is no word "тоо10090"); a glyph without a width
/// counts as half an em.
fn words_of(mut glyphs: Vec<Glyph>, rules: &[Rule]) -> Vec<Word> {
    let verticals: Vec<&Rule> = rules.iter().filter(|r| r.is_vertical()).collect();
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    give_widths(&mut glyphs);
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (line[0].y - g.y).abs() < 0.3 * g.size.max(line[0].size) => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut words = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut cur: Option<Word> = None;
        // Where the last glyph of the word in progress ends: its middle.
        let mut last_mid = f64::NEG_INFINITY;
        for g in line {
            let blank = g.ch.trim().is_empty();
            let gap_break = cur.as_ref().is_some_and(|w| g.x - w.x1 > 0.25 * g.size);
            let ruled = cur.is_some()
                && verticals.iter().any(|r| {
                    r.x0 > last_mid
                        && r.x0 < g.x + 0.3 * g.w
                        && r.y0 <= g.y - 0.3 * g.size
                        && r.y1 >= g.y
                });
            last_mid = g.x + 0.5 * g.w;
            if blank || gap_break || ruled {
                if let Some(w) = cur.take() {
                    words.push(w);
                }
                if blank {
                    continue;
                }
            }
            match cur.as_mut() {
                Some(w) => {
                    w.text.push_str(&g.ch);
                    w.x1 = w.x1.max(g.x + g.w);
                    w.top = w.top.min(g.y - 0.8 * g.size);
                    w.bottom = w.bottom.max(g.y + 0.2 * g.size);
                    w.font_size = w.font_size.max(g.size);
                }
                None => {
                    cur = Some(Word {
                        text: g.ch.clone(),
                        x0: g.x,
                        x1: g.x + g.w,
                        top: g.y - 0.8 * g.size,
                        bottom: g.y + 0.2 * g.size,
                        font_size: g.size,
                        baseline: Some(g.y),
                    })
                }
            }
        }
        if let Some(w) = cur {
            words.push(w);
        }
    }
    words
}

/// The resolution of a page's largest image in pixels per inch, taken as covering the page of
/// `width` × `height` points (a scan's page is its image): its pixels over the page's area, so
/// that an image turned on the page gives the same.
fn image_ppi(
    doc: &pdf_extract::Document,
    page: pdf_extract::ObjectId,
    width: f64,
    height: f64,
) -> Option<f64> {
    let pixels = doc
        .get_page_images(page)
        .ok()?
        .iter()
        .map(|i| i.width as f64 * i.height as f64)
        .fold(0.0, f64::max);
    let square_inches = width * height / (72.0 * 72.0);
    (pixels > 0.0 && square_inches > 0.0).then(|| (pixels / square_inches).sqrt())
}

/// Inflate the compressed streams (images excepted: they are never decoded here) once, in
/// place, and refuse a PDF whose streams inflate past `limit` in all: each inflate stops at what
/// is left of the limit, so a decompression bomb costs neither the memory nor the parse.
///
/// A stream whose only filter is FlateDecode, without parameters, keeps its inflated bytes and
/// loses the filter: pdf-extract would otherwise inflate it again on every use (a page's content
/// was inflated three times: here, for the damage check, by the extractor); the inflated bytes
/// are held until the document is read, at most `limit` in all. Other filtered streams are
/// only counted. Returns the streams whose data breaks: lopdf reads what came
/// before the break without a word, their pages are reported damaged.
fn inflate_streams(
    path: &Path,
    doc: &mut pdf_extract::Document,
    limit: u64,
) -> Result<BTreeSet<pdf_extract::ObjectId>, ReadError> {
    use pdf_extract::Object;
    let mut total: u64 = 0;
    let mut damaged = BTreeSet::new();
    for (id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let is_image = stream
            .dict
            .get(b"Subtype")
            .and_then(|s| s.as_name())
            .is_ok_and(|n| n == b"Image");
        if is_image || !is_deflated(stream) {
            continue;
        }
        let (inflated, whole) = inflate(&stream.content, limit.saturating_sub(total));
        // A broken stream counts what inflated before the break.
        total += inflated.len() as u64;
        if total > limit {
            return Err(ReadError::Inflated {
                path: path.to_path_buf(),
                object: format!("{} {} R", id.0, id.1),
                limit_mib: Limits::mib(limit),
            });
        }
        if !whole {
            damaged.insert(*id);
        } else if is_plain_deflate(stream) {
            stream.set_plain_content(inflated);
        }
    }
    Ok(damaged)
}

/// The first content stream of a page whose deflated data is broken, as "N G R".
fn damaged_content(
    doc: &pdf_extract::Document,
    page: pdf_extract::ObjectId,
    damaged: &BTreeSet<pdf_extract::ObjectId>,
) -> Option<String> {
    doc.get_page_contents(page)
        .into_iter()
        .find(|id| damaged.contains(id))
        .map(|id| format!("{} {} R", id.0, id.1))
}

fn is_deflated(stream: &pdf_extract::Stream) -> bool {
    use pdf_extract::Object;
    match stream.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"FlateDecode",
        Ok(Object::Array(a)) => a
            .iter()
            .any(|f| f.as_name().is_ok_and(|n| n == b"FlateDecode")),
        _ => false,
    }
}

/// FlateDecode alone, no predictor or other parameters: inflating is the whole decoding.
fn is_plain_deflate(stream: &pdf_extract::Stream) -> bool {
    use pdf_extract::Object;
    let filter_is_deflate = match stream.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"FlateDecode",
        Ok(Object::Array(a)) => a.len() == 1 && a[0].as_name().is_ok_and(|n| n == b"FlateDecode"),
        _ => false,
    };
    filter_is_deflate && stream.dict.get(b"DecodeParms").is_err()
}

/// A zlib stream's bytes, inflated up to `cap` + 1 (a bomb is never inflated whole), and
/// whether the data inflated to its end without breaking (what came before a break is kept).
fn inflate(deflated: &[u8], cap: u64) -> (Vec<u8>, bool) {
    use std::io::Read;
    let mut out = Vec::new();
    let mut decoder = flate2::read::ZlibDecoder::new(deflated).take(cap.saturating_add(1));
    match decoder.read_to_end(&mut out) {
        Ok(_) => (out, true),
        Err(_) => (out, false),
    }
}

/// A page that could not be read.
#[derive(Debug, Clone)]
pub struct PageProblem {
    pub page: u32,
    pub message: crate::model::Message,
}

pub struct PdfPages {
    pub pages: Vec<Page>,
    pub problems: Vec<PageProblem>,
}

fn panic_text(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".into())
}

/// Read the pages of a PDF, up to `limits.max_pages`; stops early when `cancel` is set.
pub fn read(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
    cancel: &Cancel,
) -> Result<PdfPages, ReadError> {
    let fail = |detail: String| ReadError::Pdf {
        path: path.to_path_buf(),
        detail,
    };
    let loaded = catch_unwind(|| pdf_extract::Document::load_mem(bytes))
        .map_err(|p| fail(format!("the PDF parser failed: {}", panic_text(p))))?;
    let mut doc = loaded.map_err(|e| fail(e.to_string()))?;
    if doc.is_encrypted() {
        // Many archived PDFs are "protected" with an empty user password: they open.
        if doc.decrypt("").is_err() {
            return Err(ReadError::Encrypted {
                path: path.to_path_buf(),
            });
        }
    }
    let damaged = inflate_streams(path, &mut doc, limits.max_inflated_bytes)?;
    let page_ids = doc.get_pages();
    let mut page_numbers: Vec<u32> = page_ids.keys().copied().collect();
    if page_numbers.is_empty() {
        return Err(fail("the PDF has no pages".into()));
    }
    let mut problems = Vec::new();
    let n_pages = page_numbers.len() as u32;
    if page_numbers.len() > limits.max_pages as usize {
        let first_left_out = page_numbers[limits.max_pages as usize];
        problems.push(PageProblem {
            page: first_left_out,
            message: crate::model::Message::new(
                format!(
                    "the PDF has {} pages; pages {first_left_out} to the end were not read (limit {}, raise --max-pages)",
                    page_numbers.len(),
                    limits.max_pages
                ),
                format!(
                    "PDF файл {} хуудастай; {first_left_out}-р хуудаснаас төгсгөл хүртэл уншаагүй (хязгаар {}, --max-pages-ийг өсгөнө үү)",
                    page_numbers.len(),
                    limits.max_pages
                ),
            ),
        });
        page_numbers.truncate(limits.max_pages as usize);
    }
    let mut pages = Vec::new();
    // One extractor for the document: each font is built once, not once per page.
    let mut extractor = pdf_extract::PageExtractor::new(&doc);
    for n in page_numbers {
        if cancel.is_cancelled() {
            break;
        }
        // pdf-extract reads a content stream that does not inflate as an empty page, silently.
        if let Some(object) = page_ids
            .get(&n)
            .and_then(|id| damaged_content(&doc, *id, &damaged))
        {
            problems.push(PageProblem {
                page: n,
                message: crate::model::Message::new(
                    format!(
                        "page {n}: its content stream (object {object}) is damaged and does not inflate; the page's text is lost"
                    ),
                    format!(
                        "{n}-р хуудас: агуулгын урсгал нь ({object}-р объект) гэмтсэн тул задрахгүй; хуудасны текст алдагдсан"
                    ),
                ),
            });
        }
        let mut c = Collector::default();
        let result = catch_unwind(AssertUnwindSafe(|| extractor.output_page(&mut c, n)));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => problems.push(PageProblem {
                page: n,
                message: crate::model::Message::new(
                    format!("page {n} could not be read: {e}"),
                    format!("{n}-р хуудсыг уншиж чадсангүй: {e}"),
                ),
            }),
            Err(p) => problems.push(PageProblem {
                page: n,
                message: {
                    let why = panic_text(p);
                    crate::model::Message::new(
                        format!("page {n}: the PDF parser failed ({why}); the page is left out"),
                        format!(
                            "{n}-р хуудас: PDF задлагч алдаа гаргасан ({why}); хуудсыг орхисон"
                        ),
                    )
                },
            }),
        }
        pages.push(Page {
            number: n,
            width: c.width,
            height: c.height,
            words: words_of(std::mem::take(&mut c.glyphs), &c.rules),
            rules: c.rules,
        });
    }
    if pages.iter().all(|p| p.words.is_empty()) {
        let image_ppi = pages
            .iter()
            .map(|p| {
                let id = page_ids.get(&p.number)?;
                image_ppi(&doc, *id, p.width, p.height)
            })
            .collect();
        return Err(ReadError::NeedsOcr {
            path: path.to_path_buf(),
            pages: n_pages,
            image_ppi,
        });
    }
    Ok(PdfPages { pages, problems })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflate(bytes: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(bytes).unwrap();
        z.finish().unwrap()
    }

    fn glyph(ch: &str, x: f64, w: f64) -> Glyph {
        Glyph {
            ch: ch.into(),
            x,
            y: 100.0,
            w,
            size: 11.7,
        }
    }

    #[test]
    fn glyphs_without_a_width_still_make_one_word() {
        // Chromium's bold digits: no width, 7.3 pt apart.
        let g: Vec<Glyph> = ["2", "0", "2", "0"]
            .iter()
            .enumerate()
            .map(|(i, c)| glyph(c, 167.1 + 7.3 * i as f64, 0.0))
            .collect();
        let words = words_of(g, &[]);
        assert_eq!(words.len(), 1, "{words:?}");
        assert_eq!(words[0].text, "2020");
        // A real space between words still splits them.
        let spaced = vec![glyph("a", 10.0, 5.0), glyph("b", 20.0, 5.0)];
        assert_eq!(words_of(spaced, &[]).len(), 2);
    }

    #[test]
    fn a_vertical_rule_between_two_glyphs_parts_them() {
        // "тоо" and "100" in cells of a narrow table, 2.3 pt apart, a rule between.
        let mut g: Vec<Glyph> = ["т", "о", "о"]
            .iter()
            .enumerate()
            .map(|(i, c)| glyph(c, 217.7 + 5.7 * i as f64, 5.7))
            .collect();
        g.extend(
            ["1", "0", "0"]
                .iter()
                .enumerate()
                .map(|(i, c)| glyph(c, 237.0 + 6.0 * i as f64, 6.0)),
        );
        let rule = Rule {
            x0: 236.0,
            y0: 80.0,
            x1: 236.0,
            y1: 110.0,
        };
        let texts = |w: Vec<Word>| w.into_iter().map(|w| w.text).collect::<Vec<_>>();
        assert_eq!(texts(words_of(g.clone(), &[rule])), vec!["тоо", "100"]);
        // Without the rule they stay one word (the gap is under a quarter em); a rule that
        // stops above the line parts nothing.
        assert_eq!(texts(words_of(g.clone(), &[])), vec!["тоо100"]);
        let above = Rule { y1: 85.0, ..rule };
        assert_eq!(texts(words_of(g, &[above])), vec!["тоо100"]);
    }

    #[test]
    fn a_glyph_without_a_width_takes_the_advance_it_shows_elsewhere() {
        // "44" shows a "4" 6.4 pt wide; the "4" that ends "24" has a space after it, not a
        // glyph, and would otherwise end 1.4 pt short (half an em of 10 pt).
        let mut g: Vec<Glyph> = ["4", "4"]
            .iter()
            .enumerate()
            .map(|(i, c)| glyph(c, 10.0 + 6.4 * i as f64, 0.0))
            .collect();
        g.extend([glyph("2", 100.0, 0.0), glyph("4", 106.4, 0.0)]);
        g.push(glyph("а", 116.0, 5.0));
        for x in &mut g {
            x.size = 10.0;
        }
        let words = words_of(g, &[]);
        let w24 = words.iter().find(|w| w.text == "24").expect("24");
        assert!((w24.x1 - 112.8).abs() < 1e-9, "{w24:?}");
    }

    #[test]
    fn a_scans_resolution_is_its_images_pixels_over_the_page() {
        // A 200-dpi scan of 9 pages (pdfimages -list: 2347 × 1664 pixels, x-ppi 200).
        let scan = std::fs::read("tests/fixtures/scan/sample_scan.pdf").unwrap();
        let limits = Limits::default();
        let Err(ReadError::NeedsOcr { image_ppi, .. }) =
            read(Path::new("scan.pdf"), &scan, &limits, &Cancel::default())
        else {
            panic!("a scan needs OCR");
        };
        assert_eq!(image_ppi.len(), 9);
        for ppi in image_ppi {
            let ppi = ppi.expect("the page has an image");
            assert!((ppi - 200.0).abs() < 2.0, "{ppi}");
        }
    }

    #[test]
    fn inflated_size_is_counted_and_capped() {
        let data = deflate(&vec![b' '; 300_000]);
        let (all, whole) = inflate(&data, u64::MAX);
        assert!(whole);
        assert_eq!(all, vec![b' '; 300_000]);
        // Stops right after the cap: a bomb is never inflated whole.
        let (capped, _) = inflate(&data, 1000);
        assert_eq!(capped.len(), 1001);
    }

    #[test]
    fn broken_deflate_data_is_an_error_with_what_came_before() {
        let mut data = deflate(&vec![b'x'; 200_000]);
        let n = data.len();
        data[n / 2..].fill(0xff);
        let (before, whole) = inflate(&data, u64::MAX);
        assert!(!whole);
        assert!(
            before.iter().all(|&b| b == b'x'),
            "what came before the break is kept"
        );
        assert_eq!(
            inflate(b"\x78\x9c not deflate", u64::MAX),
            (Vec::new(), false)
        );
    }
}
