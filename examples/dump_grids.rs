//! Print the ruled grids the layout finds on each page of a PDF (debugging aid):
//! `dump_grids FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).expect("read");
    let read = biyelelt::read::pdf::read(
        std::path::Path::new(&path),
        &bytes,
        &Default::default(),
        &Default::default(),
    )
    .expect("readable");
    for p in &read.pages {
        for g in biyelelt::layout::ruled::grids(p) {
            let r = |v: &[f64]| v.iter().map(|x| x.round()).collect::<Vec<_>>();
            println!("page {} xs {:?} ys {:?}", p.number, r(&g.xs), r(&g.ys));
        }
    }
}
