//! Print the OCR words of one page of a scan with their boxes, the ruling lines found and the tables the layout saw (debugging aid):
//! `dump_ocr_words FILE PAGE`.
fn main() {
    let path = std::env::args().nth(1).expect("a scan");
    let page: usize = std::env::args()
        .nth(2)
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let bytes = std::fs::read(&path).expect("readable");
    let pages = biyelelt::read::read_pages(
        std::path::Path::new(&path),
        &bytes,
        &Default::default(),
        &Default::default(),
    )
    .expect("ocr");
    let p = &pages[page - 1];
    for w in &p.words {
        println!(
            "word {:7.1} {:7.1} {:7.1} {:7.1} {:5.1} {}",
            w.x0, w.x1, w.top, w.bottom, w.font_size, w.text
        );
    }
    let (_, seen) = biyelelt::layout::pages::layout(&pages);
    for t in &seen[page - 1].tables {
        println!(
            "table {} {} xs {:.1?} ys {:.1?}",
            t.table,
            t.kind.as_str(),
            t.xs,
            t.ys
        );
    }
    for r in &p.rules {
        println!("rule {:7.1} {:7.1} {:7.1} {:7.1}", r.x0, r.x1, r.y0, r.y1);
    }
}
