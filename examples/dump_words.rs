//! Print the words of one page of a PDF with their boxes (debugging aid): `dump_words FILE PAGE`.
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let page: u32 = std::env::args()
        .nth(2)
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let bytes = std::fs::read(&path).expect("read");
    let read = biyelelt::read::pdf::read(
        std::path::Path::new(&path),
        &bytes,
        &Default::default(),
        &Default::default(),
    )
    .expect("readable");
    for w in &read.pages[(page - 1) as usize].words {
        println!(
            "{:7.1} {:7.1} {:7.1} {:7.1} {:5.1} {}",
            w.x0, w.x1, w.top, w.bottom, w.font_size, w.text
        );
    }
}
