//! The analyst's report page on the corpus (with its PDF and scan) and a PDF whose findings
//! stand on its pages: every error and warning
//! finding with its evidence; crops of PDF and scan pages that show the figure (OCR of the
//! crop reads it), outlined in red (headless Chromium's screenshot has the outline's pixels);
//! labels in Mongolian or English; the user's own files are never overwritten.

mod common;

use base64::Engine;
use common::{count_color, ingest, rows, run, s, screenshot};

const PDF: &str = "tests/fixtures/pdf/sample_landscape.pdf";

/// The PNG crops embedded in a page.
fn crops(page: &str) -> Vec<Vec<u8>> {
    page.split("data:image/png;base64,")
        .skip(1)
        .map(|rest| {
            let b64: String = rest.chars().take_while(|c| *c != '"').collect();
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("a crop is base64 PNG")
        })
        .collect()
}

/// The part of a crop inside its red outline, enlarged three times (a PNG): what the
/// outline points at.
fn outlined(png: &[u8]) -> Vec<u8> {
    let img = image::load_from_memory(png).unwrap().to_rgb8();
    let red: Vec<(u32, u32)> = img
        .enumerate_pixels()
        .filter(|(_, _, p)| p.0 == [214, 0, 0])
        .map(|(x, y, _)| (x, y))
        .collect();
    assert!(!red.is_empty(), "a crop without an outline");
    let (x0, x1) = (
        red.iter().map(|p| p.0).min().unwrap() + 4,
        red.iter().map(|p| p.0).max().unwrap() - 4,
    );
    let (y0, y1) = (
        red.iter().map(|p| p.1).min().unwrap() + 4,
        red.iter().map(|p| p.1).max().unwrap() - 4,
    );
    let inside = image::imageops::crop_imm(&img, x0, y0, x1 - x0, y1 - y0).to_image();
    let big = image::imageops::resize(
        &inside,
        inside.width() * 3,
        inside.height() * 3,
        image::imageops::FilterType::CatmullRom,
    );
    let mut bytes = Vec::new();
    big.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .unwrap();
    bytes
}

/// What Tesseract reads on a PNG, its usual misreadings of a decimal point (a comma, a colon)
/// read back as one.
fn ocr(png: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crop.png");
    std::fs::write(&path, png).unwrap();
    let out = std::process::Command::new("tesseract")
        .arg(&path)
        .args(["-", "-l", "mon", "--psm", "6"])
        .output()
        .expect("tesseract runs (make test installs it)");
    String::from_utf8_lossy(&out.stdout).replace([',', ':'], ".")
}

#[test]
fn report_page_shows_every_finding_with_its_evidence_and_crops() {
    let (dir, out, _) = ingest(&["corpus", PDF]);
    let o = out.to_string_lossy().to_string();
    let page_path = dir.path().join("report.html");
    let p = page_path.to_string_lossy().to_string();
    let (ok, _, stderr) = run(&["report", &o, "-o", &p, "--lang", "mn"]);
    assert!(ok, "{stderr}");
    let page = std::fs::read_to_string(&page_path).unwrap();

    // Every error and warning finding is there with each piece of its evidence.
    let findings = rows(&out, "findings");
    let shown: Vec<_> = findings
        .iter()
        .filter(|f| matches!(s(&f["severity"]), "error" | "warning"))
        .collect();
    assert!(shown.len() >= 4, "the corpus has errors and warnings");
    for f in &shown {
        // The page is in Mongolian: the finding's Mongolian message.
        let message = maud::html! { (s(&f["message_mn"])) }.into_string();
        assert!(page.contains(&message), "{message}");
        for e in f["evidence"].as_array().unwrap() {
            let raw = maud::html! { (s(&e["raw"])) }.into_string();
            assert!(page.contains(&raw), "evidence {raw} missing");
        }
    }
    // A crop for each evidence that stands on a page (the PDF's and the corpus scan's), each
    // showing its figure in the outlined box.
    let on_pages: Vec<String> = shown
        .iter()
        .flat_map(|f| f["evidence"].as_array().unwrap())
        .filter(|e| !e["page"].is_null())
        .map(|e| s(&e["raw"]).trim_matches(['/', ';', ' ']).replace(',', "."))
        .collect();
    assert!(
        on_pages.len() >= 4,
        "the PDF's two figures and the scan's two: {on_pages:?}"
    );
    let crops = crops(&page);
    assert_eq!(crops.len(), on_pages.len(), "one crop per page evidence");
    for png in &crops {
        let text = ocr(&outlined(png));
        assert!(
            on_pages.iter().any(|figure| text.contains(figure.as_str())),
            "the crop does not show a figure of {on_pages:?}: {text}"
        );
    }
    assert!(
        !page.contains("Харуулаагүй"),
        "an evidence could not be shown"
    );
    // Mongolian labels, no English ones.
    for label in [
        "Findings and their evidence",
        "overall, stated",
        "warnings",
        ">year<",
        "Not shown",
    ] {
        assert!(
            !page.contains(label),
            "English label {label:?} on the mn page"
        );
    }
    assert!(page.contains("анхааруулга") && page.contains("нотолгоо"));

    // Rendered: the outline's red is on screen, with the finding's text.
    let shot = dir.path().join("report.png");
    screenshot(&page_path, &shot, (1300, 2400));
    let red = count_color(&shot, (214, 0, 0));
    assert!(red > 100, "{red} pixels of the outline color");
    // The known finding's text, as the browser drew it: the sample's measure 5.1 scored 97.9
    // in the plan table and 93.9 in the evaluation.
    let seen = std::process::Command::new("tesseract")
        .arg(&shot)
        .args(["-", "-l", "mon", "--psm", "3"])
        .output()
        .expect("tesseract runs");
    let seen = String::from_utf8_lossy(&seen.stdout);
    assert!(
        seen.lines()
            .any(|l| l.contains("5.1 арга хэмжээ хоёр оноотой")
                && l.contains("97.9")
                && l.contains("93.9")),
        "the screenshot does not show the sample's finding:\n{seen}"
    );

    // English on request.
    let (ok, _, _) = run(&["report", &o, "-o", &p, "--lang", "en"]);
    assert!(ok);
    let en = std::fs::read_to_string(&page_path).unwrap();
    assert!(en.contains("Findings and their evidence") && !en.contains("анхааруулга"));
}

#[test]
fn report_never_overwrites_a_file_it_did_not_write() {
    let (dir, out, _) = ingest(&["corpus/ndeg_2021.txt"]);
    let mine = dir.path().join("notes.html");
    std::fs::write(&mine, "<p>my notes</p>").unwrap();
    let (ok, _, stderr) = run(&[
        "report",
        &out.to_string_lossy(),
        "-o",
        &mine.to_string_lossy(),
    ]);
    assert!(!ok);
    assert!(
        stderr.contains("was not written by `biyelelt report`"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "<p>my notes</p>");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "nothing left beside"
    );
}
