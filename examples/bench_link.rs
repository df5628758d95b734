//! Benchmark (not a test): series linking alone over members read from a TSV (doc_id, agency,
//! year, code, objective number, text, context), printing its wall time and a digest of the
//! assignment (the same digest: the same series and links).
//!
//!     python3 scripts/bench/members_tsv.py DATASET MEMBERS.tsv
//!     cargo run --release --example bench_link -- MEMBERS.tsv [SPILL_FOLDER]
//!
//! With a folder, long runs of link candidates wait in a file there, as in an ingest.

use sha2::{Digest, Sha256};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("MEMBERS.tsv");
    let data = std::fs::read_to_string(&path).expect("readable TSV");
    let members: Vec<biyelelt::series::Member> = data
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 7).then(|| biyelelt::series::Member {
                doc_id: f[0],
                agency: (!f[1].is_empty()).then_some(f[1]),
                year: f[2].parse().ok(),
                code: f[3].into(),
                number: f[4].parse().unwrap_or(0),
                text: f[5],
                context: (!f[6].is_empty()).then_some(f[6]),
            })
        })
        .collect();
    let t = Instant::now();
    let spill = std::env::args().nth(2).map(std::path::PathBuf::from);
    let assigned = match &spill {
        Some(dir) => {
            biyelelt::series::assign_updating(members.clone(), None, Some(dir))
                .expect("spilled runs read back")
                .0
        }
        None => biyelelt::series::assign(&members),
    };
    let wall = t.elapsed().as_secs_f64();
    // By member keys, sorted: the digest does not depend on the order of the lines.
    let key = |i: u32| {
        let m = &members[i as usize];
        biyelelt::series::member_key(m.doc_id, &m.code)
    };
    let mut lines: Vec<String> = assigned
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let link = a
                .link
                .map(|l| format!("{} {} {}", key(l.member), l.similarity, l.rule.as_str()));
            format!("{} {} {link:?}\n", key(i as u32), key(a.first))
        })
        .collect();
    lines.sort_unstable();
    let mut h = Sha256::new();
    for l in &lines {
        h.update(l.as_bytes());
    }
    let linked = assigned.iter().filter(|a| a.link.is_some()).count();
    println!(
        "{} members, {linked} linked, {wall:.2} s, digest {:x}",
        members.len(),
        h.finalize()
    );
}
