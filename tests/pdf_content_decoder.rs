//! The fork's one-pass content stream decoder (vendor/pdf-extract/src/content.rs) against
//! lopdf's `Content::decode`, which it replaces: the same operations, or both fail.

use lopdf::content::Content;
use pdf_extract::decode_content as decode;

/// Both decoders give the same operations, or both fail.
fn same_as_lopdf(data: &[u8]) {
    let ours = decode(data).map(|c| c.operations);
    let theirs = Content::decode(data).map(|c| c.operations);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(
                a.len(),
                b.len(),
                "operations of {:?}",
                String::from_utf8_lossy(data)
            );
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(
                    x.operator,
                    y.operator,
                    "in {:?}",
                    String::from_utf8_lossy(data)
                );
                assert!(
                    x.operands == y.operands,
                    "{:?} vs {:?} in {:?}",
                    x.operands,
                    y.operands,
                    String::from_utf8_lossy(data)
                );
            }
        }
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "{:?}: ours ok {}, lopdf ok {}",
            String::from_utf8_lossy(data),
            a.is_ok(),
            b.is_ok()
        ),
    }
}

#[test]
fn every_operand_kind_as_lopdf_reads_it() {
    for s in [
        "BT /F1 12 Tf 1 0 0 -1 72.5 700 Tm (Hello) Tj ET",
        "q 0.5 0 0 .5 -.25 +3. cm Q",
        "[(A) -120 (B) 5.5 <00410042>] TJ",
        "<4 1 4> Tj <> Tj < 0a0B\n> Tj",
        "(a\\(b\\)c\\\\d\\n\\r\\t\\b\\f\\x) Tj",
        "(\\101\\7\\0123\\777) Tj",
        "(line\\\ncontinued\\\r\nand\\\rmore) Tj",
        "(raw\r\nnew\rlines\n) Tj",
        "(nested (paren (deep)) text) Tj",
        "/Name#20with#41 /Bad#zz gs",
        "/P <</MCID 0 /Alt (x) /R 1 0 R /A [1 2 0 R] /D <</E true>>>> BDC EMC",
        "null true false 3 d0",
        "nullify true2 x",
        "1 2 3 4 re f* 0.1 0.2 0.3 rg 1 w [3 2] 0 d",
        "T* 5 TL (x) ' 1 2 (y) \"",
        "%comment\nBT ET %trailing\n",
        "%comment\n  BT ET",
        "[1 %c\n 2 %c\n] 0 d",
        "1 2 m 3 4 l %no end of line",
        "99999999999999999999 w",
        "1.5.3 w",
        "- w",
        "+ w",
        "/A#2 x",
        "(unclosed Tj",
        "(a(b) Tj",
        "<zz> Tj",
        "<<>> x <</A>> y",
        "[ ] x [1 [2 [3]]] y",
        "{ x",
        "1 0 R x",
        "\u{0}\x0c BT",
        "BT\u{0}ET",
        "q BI /W 1 /H 1 /BPC 8 /CS /G ID \u{0} EI Q",
        "(\\) Tj",
        "(\\",
        "",
        "   ",
    ] {
        same_as_lopdf(s.as_bytes());
    }
}

#[test]
fn nesting_past_lopdfs_bound_fails_as_there() {
    let deep = format!("{}{} x", "[".repeat(150), "]".repeat(150));
    same_as_lopdf(deep.as_bytes());
    assert!(decode(deep.as_bytes()).is_err());
    let parens = format!("({}{}) Tj", "(".repeat(150), ")".repeat(150));
    same_as_lopdf(parens.as_bytes());
    let dicts = format!("{}{} x", "<</A ".repeat(120), ">>".repeat(120));
    same_as_lopdf(dicts.as_bytes());
}

#[test]
fn random_token_soup_reads_as_lopdf_reads_it() {
    const PIECES: [&str; 40] = [
        " ", "\n", "\r", "\t", "\0", "\x0c", "%c\n", "%", "(", ")", "\\", "\\n", "<", ">", "<<",
        ">>", "[", "]", "/", "/N", "#", "#4", "#41", "1", "-", "+", ".", "0.5", "R", "0 R", "Tj",
        "TJ", "T*", "'", "\"", "null", "true", "fa", "e", "\u{e9}",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let n = (next() % 24) as usize;
        let s: String = (0..n).map(|_| PIECES[(next() % 40) as usize]).collect();
        same_as_lopdf(s.as_bytes());
    }
}
