//! The bad-input corpus, made at test time: every case an unlucky user meets (bombs, endless
//! files, devices, deep nesting, lost pages, the usual broken files). Each must give a reports
//! row with its reason, none may stop the batch, and memory must stay bounded.

mod common;

use common::{repo, rows, run, s};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::Path;

/// A PDF of one font and the given content streams, one page each; `(dict extra, bytes)` lets
/// a stream carry its filter.
fn pdf(pages: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Count {n} /Kids [{}] >>", kids.join(" ")).into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    for (i, (extra, content)) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} {extra} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A 1 MB-class PDF whose one content stream inflates to `mib` MiB of spaces.
fn bomb(mib: usize) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..mib {
        z.write_all(&chunk).unwrap();
    }
    pdf(&[("/Filter /FlateDecode", z.finish().unwrap())])
}

/// Variant A's PDF with page 2's content replaced by bytes that do not inflate.
fn with_a_broken_page() -> Vec<u8> {
    let mut doc =
        lopdf::Document::load(repo().join("tests/fixtures/pdf/tatvar_landscape.pdf")).unwrap();
    let page2 = doc.get_pages()[&2];
    let contents = doc.get_page_contents(page2);
    for id in contents {
        if let Ok(lopdf::Object::Stream(stream)) = doc.get_object_mut(id) {
            stream.set_content(b"\x78\x9c this is not deflate data at all".to_vec());
            stream
                .dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Peak resident memory of the largest child process that has ended, in MiB.
fn children_peak_rss_mib() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss / 1024
}

fn make_corpus(dir: &Path) {
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    let copy = |from: &str, name: &str| {
        std::fs::copy(repo().join(from), dir.join(name)).unwrap();
    };
    w("bomb.pdf", &bomb(320));
    w(
        "ten_thousand_pages.pdf",
        &pdf(&vec![("", Vec::new()); 10_000]),
    );
    w("broken_page.pdf", &with_a_broken_page());
    w(
        "nested_tables.html",
        format!("<html><body>{}x", "<table><tr><td>".repeat(5000)).as_bytes(),
    );
    w("nested_divs.html", "<div>".repeat(100_000).as_bytes());
    w(
        "nested_cell.txt",
        format!(
            "№\tАрга хэмжээ\tБиелэлт\n1\t{}x\t100\n",
            "<div>".repeat(100_000)
        )
        .as_bytes(),
    );
    w("too_large.txt", &vec![b'a'; 5 << 20]);
    w(
        "huge_line.txt",
        "Зорилт 1.1 арга хэмжээ 97,9 хувь "
            .repeat(20_000)
            .as_bytes(),
    );
    w("empty.txt", b"");
    w("binary.txt", &[0u8, 159, 146, 150, 0, 1, 2, 3]);
    let sample = std::fs::read(repo().join("corpus/000_ef92a22f4dcf0ecd.txt")).unwrap();
    // Cut inside a character, as a broken download is.
    w("truncated.txt", &sample[..sample.len() / 2 + 1]);
    copy("tests/fixtures/pdf/bad/truncated.pdf", "truncated.pdf");
    copy(
        "tests/fixtures/pdf/bad/encrypted_password.pdf",
        "encrypted.pdf",
    );
    copy("corpus/burtgel_2018_cp1251.txt", "cp1251.txt");
    copy("tests/fixtures/sample_utf16le.txt", "utf16.txt");
    let c = std::ffi::CString::new(dir.join("fifo.txt").to_str().unwrap()).unwrap();
    // SAFETY: a valid path; mkfifo keeps nothing.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
}

#[test]
fn every_bad_input_is_a_row_with_its_reason_and_memory_stays_bounded() {
    let t = tempfile::tempdir().unwrap();
    let bad = t.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    make_corpus(&bad);
    let out = t.path().join("ds");
    let (ok, stdout, stderr) = run(&[
        "ingest",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--max-file-mb",
        "4",
        "--max-pages",
        "40",
        "--max-ocr-pages",
        "2",
    ]);
    assert!(ok, "{stdout}\n{stderr}");
    let reports = rows(&out, "reports");
    let by = |name: &str| -> Map<String, Value> {
        reports
            .iter()
            .find(|r| s(&r["source_path"]).ends_with(&format!("/{name}")))
            .unwrap_or_else(|| panic!("no row for {name}:\n{stdout}"))
            .clone()
    };
    let expect = |name: &str, status: &str, reason: &str| {
        let r = by(name);
        assert_eq!(s(&r["status"]), status, "{name}: {r:?}");
        let text = format!("{} {}", s(&r["error"]), r["problems"]);
        assert!(text.contains(reason), "{name}: {text}");
    };
    expect("bomb.pdf", "failed", "inflate to more than 256 MiB");
    expect(
        "ten_thousand_pages.pdf",
        "failed",
        "not read by OCR (limit 2",
    );
    expect("broken_page.pdf", "partial", "page 2");
    expect("nested_tables.html", "failed", "nests 257 elements deep");
    expect("nested_divs.html", "failed", "nests 257 elements deep");
    expect("nested_cell.txt", "failed", "nests 257 elements deep");
    expect("too_large.txt", "failed", "above the limit of 4 MiB");
    expect("huge_line.txt", "failed", "not a plan report");
    expect("empty.txt", "failed", "empty (0 bytes)");
    expect("binary.txt", "failed", "not a text file");
    expect("truncated.pdf", "failed", "cannot read the PDF");
    expect("encrypted.pdf", "failed", "needs a password");
    expect("fifo.txt", "failed", "a FIFO");
    expect("zero.txt", "failed", "a device");
    // The usual odd encodings and a truncated export still give their reports.
    assert_eq!(s(&by("cp1251.txt")["status"]), "ok");
    assert_eq!(s(&by("utf16.txt")["status"]), "ok");
    assert_ne!(s(&by("truncated.txt")["status"]), "failed");
    assert_eq!(reports.len(), 17, "{stdout}");
    let peak = children_peak_rss_mib();
    assert!(peak < 1024, "peak RSS {peak} MiB");
}

#[test]
fn a_bomb_within_a_raised_limit_is_read() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("small_bomb.pdf");
    std::fs::write(&f, bomb(2)).unwrap();
    let (_, stdout, _) = run(&["show", f.to_str().unwrap(), "--max-inflated-mb", "1"]);
    assert!(stdout.contains("inflate to more than 1 MiB"), "{stdout}");
    let (_, stdout, _) = run(&["show", f.to_str().unwrap(), "--max-inflated-mb", "4"]);
    assert!(!stdout.contains("inflate to more than"), "{stdout}");
}
