//! Print the ruling lines of one page of a PDF (debugging aid): `dump_rules FILE PAGE`.
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
        "page {} ({} x {}): {} rules",
        p.number,
        p.width,
        p.height,
        p.rules.len()
    );
    for r in &p.rules {
        println!("{:8.1} {:8.1} {:8.1} {:8.1}", r.x0, r.y0, r.x1, r.y1);
    }
}
