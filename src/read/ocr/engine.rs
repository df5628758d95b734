//! The OCR engines, run as processes: poppler's `pdftoppm` renders a page of the PDF as an
//! image, Tesseract (`mon` model) reads an image into TSV.
//!
//! Enters: a PDF path and a page number, or an image. Leaves: the page image (8-bit gray), or
//! Tesseract's TSV text; or what failed, said with the engine's own message.

use image::codecs::pnm::{PnmEncoder, PnmSubtype, SampleEncoding};
use image::{GrayImage, ImageEncoder};
use std::path::Path;
use std::process::Command;

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

/// Page `page` of `pdf` rendered gray at `dpi`, through the file `stem`.pgm (removed after).
pub(super) fn render_page(
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

/// Tesseract's TSV for the image at `path`: page segmentation mode `psm` (3: a page, 6: one
/// block), characters limited to `whitelist` when given. One thread per process: pages run in
/// parallel instead.
pub(super) fn tesseract_tsv(
    path: &Path,
    psm: u8,
    whitelist: Option<&str>,
) -> Result<String, String> {
    let mut cmd = Command::new("tesseract");
    cmd.arg(path)
        .args(["-", "-l", "mon", "--psm", &psm.to_string()]);
    if let Some(chars) = whitelist {
        cmd.args(["-c", &format!("tessedit_char_whitelist={chars}")]);
    }
    let out = cmd
        .arg("tsv")
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .map_err(|e| format!("tesseract did not run: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "tesseract failed on {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
