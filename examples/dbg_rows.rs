fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let out = biyelelt::read::read_bytes(
        std::path::Path::new(&path),
        &bytes,
        &Default::default(),
        &Default::default(),
    )
    .unwrap();
    for b in &out.document.blocks {
        if let biyelelt::layout::Block::Table(t) = b {
            for r in t.rows.iter().take(12) {
                let c0 = r.cells.first().map(|c| c.text()).unwrap_or_default();
                println!(
                    "{:?} -> {:?} ncells={}",
                    c0,
                    biyelelt::normalize::ocr_digits(&c0),
                    r.cells.len()
                );
            }
            break;
        }
    }
}
