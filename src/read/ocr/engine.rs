//! The OCR engines, run as processes: poppler's `pdftoppm` renders a page of the PDF as an
//! image, Tesseract (`mon` model) reads an image into TSV (and hOCR).
//!
//! Enters: a PDF path and a page number, or an image. Leaves: the page image (8-bit gray), or
//! Tesseract's TSV (and hOCR) text; or what failed, said with the engine's own message.

use image::codecs::pnm::{PnmEncoder, PnmSubtype, SampleEncoding};
use image::{GrayImage, ImageEncoder};
use std::path::Path;
use std::process::Command;

/// Is the OCR engine there? (`tesseract` with the `mon` model, `pdftoppm`.) Asked once a
/// process: each asking runs Tesseract (0.1 s), and an archive's scans are many.
pub fn engine_missing() -> Option<String> {
    static MISSING: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    MISSING.get_or_init(look_for_engines).clone()
}

fn look_for_engines() -> Option<String> {
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

/// Page `page` of `pdf` rendered gray at `dpi`, through the file `stem`.pgm (removed after).
pub(crate) fn render_page(
    pdf: &Path,
    page: u32,
    dpi: f64,
    stem: &Path,
) -> Result<GrayImage, String> {
    let out = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-gray", "-f", &page.to_string()])
        .args(["-l", &page.to_string(), "-singlefile"])
        .arg(pdf)
        .arg(stem)
        .output()
        .map_err(|e| format!("pdftoppm did not run: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "pdftoppm failed on page {page}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let path = stem.with_extension("pgm");
    let image = image::open(&path).map_err(|e| format!("page image unreadable: {e}"));
    let _ = std::fs::remove_file(&path);
    Ok(image?.into_luma8())
}

/// Write an image as a binary PGM (no compression: Tesseract reads it at once).
pub(super) fn write_pgm(img: &GrayImage, path: &Path) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    PnmEncoder::new(std::io::BufWriter::new(file))
        .with_subtype(PnmSubtype::Graymap(SampleEncoding::Binary))
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::L8,
        )
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The Tesseract command for the image at `path`: page segmentation mode `psm` (3: a page, 6:
/// one block), characters limited to `whitelist` when given. One thread per process: pages run
/// in parallel instead.
fn tesseract(path: &Path, out: &str, psm: u8, whitelist: Option<&str>) -> Command {
    let mut cmd = Command::new("tesseract");
    cmd.arg(path)
        .args([out, "-l", "mon", "--psm", &psm.to_string()]);
    if let Some(chars) = whitelist {
        cmd.args(["-c", &format!("tessedit_char_whitelist={chars}")]);
    }
    cmd.env("OMP_THREAD_LIMIT", "1");
    cmd
}

/// Run `cmd`; its failure said with the engine's own message.
fn run(mut cmd: Command, path: &Path) -> Result<Vec<u8>, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("tesseract did not run: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "tesseract failed on {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// Tesseract's TSV for the image at `path` (see [`tesseract`] for `psm` and `whitelist`).
pub(super) fn tesseract_tsv(
    path: &Path,
    psm: u8,
    whitelist: Option<&str>,
) -> Result<String, String> {
    let mut cmd = tesseract(path, "-", psm, whitelist);
    cmd.arg("tsv");
    Ok(String::from_utf8_lossy(&run(cmd, path)?).into_owned())
}

/// Tesseract's TSV and hOCR of a whole page (one run, both written beside the image and
/// removed after): the TSV holds the words, the hOCR each line's font size and baseline.
pub(super) fn tesseract_page(path: &Path) -> Result<(String, String), String> {
    let base = path.with_extension("");
    let mut cmd = tesseract(path, &base.to_string_lossy(), 3, None);
    cmd.args(["tsv", "hocr"]);
    run(cmd, path)?;
    let read = |ext: &str| {
        let file = base.with_extension(ext);
        let text = std::fs::read(&file)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| format!("tesseract wrote no {ext} ({}): {e}", file.display()));
        let _ = std::fs::remove_file(&file);
        text
    };
    let (tsv, hocr) = (read("tsv"), read("hocr"));
    Ok((tsv?, hocr?))
}
