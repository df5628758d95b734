//! Print the OCR words of one page of a scan with their boxes (debugging aid):
//! `dump_ocr_words FILE PAGE`.
fn main() {
    let path = std::env::args().nth(1).expect("a scan");
    let page: usize = std::env::args()
        .nth(2)
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let r = biyelelt::read::ocr::read(
        std::path::Path::new(&path),
        2,
        &Default::default(),
        &Default::default(),
    )
    .expect("ocr");
    let p = &r.pages[page - 1];
    for w in &p.words {
        println!(
            "word {:7.1} {:7.1} {:7.1} {:7.1} {:5.1} {}",
            w.x0, w.x1, w.top, w.bottom, w.font_size, w.text
        );
    }
}
