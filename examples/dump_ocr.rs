//! Print the ruling grids OCR found on each page of a scan, then page N's rules (second argument, 1 by default), its vertical rules and the words by them that may be borders read as text (debugging aid).
fn main() {
    let path = std::env::args().nth(1).expect("a scan");
    let bytes = std::fs::read(&path).expect("readable");
    let pages = biyelelt::read::read_pages(
        std::path::Path::new(&path),
        &bytes,
        &Default::default(),
        &Default::default(),
    )
    .expect("ocr");
    for p in &pages {
        let g = biyelelt::layout::ruled::grids(p);
        for g in g {
            println!(
                "page {} xs {:?} ys {:?}",
                p.number,
                g.xs.iter().map(|x| x.round()).collect::<Vec<_>>(),
                g.ys.iter().map(|y| y.round()).collect::<Vec<_>>()
            );
        }
    }
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let p = &pages[n - 1];
    for r in &p.rules {
        println!("rule {:.1},{:.1} - {:.1},{:.1}", r.x0, r.y0, r.x1, r.y1);
    }
    let vs: Vec<f64> = p
        .rules
        .iter()
        .filter(|r| r.is_vertical())
        .map(|r| r.x0)
        .collect();
    let mut xs = vs.clone();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    println!(
        "vertical rule xs: {:?}",
        xs.iter().map(|x| x.round()).collect::<Vec<_>>()
    );
    for w in &p.words {
        if w.text.starts_with(['(', '|', '1', 'З', '3']) {
            println!("{:?} x0={:.1} cy={:.1}", w.text, w.x0, w.cy());
        }
    }
}
