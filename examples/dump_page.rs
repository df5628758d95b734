//! Print what the PDF reader saw on one page (debugging aid): `dump_page FILE PAGE`. Words with
//! their boxes and font size, then the ruling lines and the ruled grids found from them, in
//! points from the page's top-left.
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
    let p = &read.pages[(page - 1) as usize];
    println!(
        "page {} ({} x {}): {} words",
        p.number,
        p.width,
        p.height,
        p.words.len()
    );
    for w in &p.words {
        println!(
            "word {:7.1} {:7.1} {:7.1} {:7.1} {:5.1} {}",
            w.x0, w.x1, w.top, w.bottom, w.font_size, w.text
        );
    }
    for r in &p.rules {
        println!("rule {:7.1} {:7.1} {:7.1} {:7.1}", r.x0, r.y0, r.x1, r.y1);
    }
    let round = |v: &[f64]| v.iter().map(|x| x.round()).collect::<Vec<_>>();
    for g in biyelelt::layout::ruled::grids(p) {
        println!("grid xs {:?} ys {:?}", round(&g.xs), round(&g.ys));
    }
}
