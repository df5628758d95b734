//! Print the layout document of a file (debugging aid): blocks, rows, cells.
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).expect("read");
    let out = biyelelt::read::read_bytes(
        std::path::Path::new(&path),
        &bytes,
        &Default::default(),
        &Default::default(),
    )
    .expect("readable");
    for b in &out.document.blocks {
        match b {
            biyelelt::layout::Block::Paragraph(p) => {
                println!(
                    "P[{:?}{}] {}",
                    p.source.page,
                    if p.emphasis { " em" } else { "" },
                    p.text.replace('\n', " / ")
                )
            }
            biyelelt::layout::Block::Table(t) => {
                println!("TABLE {} rows", t.rows.len());
                for r in &t.rows {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| {
                            c.paragraphs
                                .iter()
                                .map(|p| {
                                    p.chars()
                                        .take(
                                            std::env::var("W")
                                                .ok()
                                                .and_then(|v| v.parse().ok())
                                                .unwrap_or(25),
                                        )
                                        .collect::<String>()
                                })
                                .collect::<Vec<_>>()
                                .join(" ¶ ")
                        })
                        .collect();
                    println!(
                        "  {:?}{} | {}",
                        r.source.page,
                        if r.after_page_break { " BRK" } else { "" },
                        cells.join(" | ")
                    );
                }
            }
        }
    }
}
