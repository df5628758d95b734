//! The fork's one-pass ToUnicode CMap reader (vendor/pdf-extract/src/cmap.rs) against
//! adobe-cmap-parser's `get_unicode_map`, which it replaces: the same map, the same error, or
//! both panic.

use std::panic::{catch_unwind, AssertUnwindSafe};

type Outcome = Result<Result<Vec<(u32, Vec<u8>)>, &'static str>, ()>;

fn sorted(
    r: Result<std::collections::HashMap<u32, Vec<u8>>, &'static str>,
) -> Result<Vec<(u32, Vec<u8>)>, &'static str> {
    r.map(|m| {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort();
        v
    })
}

/// Where the two differ on `data`: both outcomes, for the message.
fn difference(data: &[u8]) -> Option<String> {
    let ours: Outcome = catch_unwind(AssertUnwindSafe(|| {
        sorted(pdf_extract::to_unicode_map(data))
    }))
    .map_err(|_| ());
    let theirs: Outcome = catch_unwind(AssertUnwindSafe(|| {
        sorted(adobe_cmap_parser::get_unicode_map(data))
    }))
    .map_err(|_| ());
    (ours != theirs).then(|| {
        format!(
            "on {:?}: ours {ours:?}, adobe-cmap-parser {theirs:?}",
            String::from_utf8_lossy(data)
        )
    })
}

fn same_as_adobe_cmap_parser(data: &[u8]) {
    if let Some(d) = difference(data) {
        panic!("{d}");
    }
}

const TO_UNICODE: &str = "/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <0020>
<0011><0430>
<  00 12 > <D835DC00>
endbfchar
2 beginbfrange
<0020> <0025> <0410>
<0030> <0032> [<0031> <0032> <00660069>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
";

#[test]
fn a_tounicode_cmap_maps_as_adobe_cmap_parser_maps_it() {
    same_as_adobe_cmap_parser(TO_UNICODE.as_bytes());
    let ours = pdf_extract::to_unicode_map(TO_UNICODE.as_bytes()).unwrap();
    assert_eq!(ours[&0x11], vec![0x04, 0x30]);
    assert_eq!(ours[&0x22], vec![0x04, 0x12]);
    assert_eq!(ours[&0x32], vec![0x00, 0x66, 0x00, 0x69]);
}

#[test]
fn quirks_and_malformed_cmaps_as_there() {
    for s in [
        "%!PS-Adobe-3.0 Resource-CMap\n%%comment\n1 beginbfchar <01> <0041> endbfchar",
        "1 beginbfchar (\\001) (\\000A) endbfchar",
        "1 beginbfchar (a\\(b\\)c\\\\d\\n\\r\\t\\b\\f\\x\\400\\7\\\nz) <0041> endbfchar",
        "1 beginbfchar (nested (paren) here) <0041> endbfchar",
        "1 beginbfchar (unclosed <0041> endbfchar",
        "1 beginbfchar <abc> <0041> endbfchar",
        "1 beginbfchar <a b> <0041> endbfchar",
        "1 beginbfchar <01> <0041>",
        "beginbfchar <01> <0041> endbfchar",
        "2 beginbfchar <01> <0041> endbfchar",
        "1 beginbfrange <01> <03> <004100> endbfrange",
        "1 beginbfrange <01> <03> [<0041> <0042>] endbfrange",
        "1 beginbfrange <01> <02> [<0041> 5] endbfrange",
        "1 beginbfrange <01> <02> /Name endbfrange",
        "1 beginbfrange <05> <02> <0041> endbfrange",
        "/N#41me /Bad#zz /Nul\0l 99999999999999999999 -.5 +7 - . true false truex",
        "<< /A 1 /B [1 2 (x)] /C << /D /E >> >> def 1 beginbfchar <01> <0041> endbfchar",
        "<< /A >> x",
        "[1 %c\n 2] x",
        "\0 x",
        "%only a comment\n",
        "",
        "   \n",
        "1 beginbfchar <01> <0041> endbfchar { 1 beginbfchar <02> <0042> endbfchar",
        "1 beginbfchar\r\n<01>\t<0041>\x0c endbfchar",
    ] {
        same_as_adobe_cmap_parser(s.as_bytes());
    }
    // A dictionary key that is not UTF-8 panics there, and here.
    same_as_adobe_cmap_parser(b"<< /\xff 1 >> 1 beginbfchar <01> <0041> endbfchar");
}

#[test]
fn random_token_soup_maps_as_there() {
    const PIECES: [&str; 36] = [
        " ",
        "\n",
        "\r",
        "\t",
        "\0",
        "\x0c",
        "%c\n",
        "%",
        "(",
        ")",
        "\\",
        "\\1",
        "<",
        ">",
        "<<",
        ">>",
        "[",
        "]",
        "/",
        "/N",
        "#",
        "#41",
        "1",
        "2",
        "-",
        ".",
        "0041",
        "<01>",
        "<0041>",
        "beginbfchar",
        "endbfchar",
        "beginbfrange",
        "endbfrange",
        "true",
        "def",
        "x",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // The panics of both are expected here; their messages are kept out of the output.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let first = (0..20_000).find_map(|_| {
        let n = (next() % 20) as usize;
        let s: String = (0..n).map(|_| PIECES[(next() % 36) as usize]).collect();
        difference(s.as_bytes())
    });
    std::panic::set_hook(hook);
    assert_eq!(first, None);
}

#[test]
fn nesting_past_the_bound_ends_the_cmap_instead_of_the_stack() {
    // adobe-cmap-parser recurses here until the stack overflows (the process aborts).
    let deep = format!(
        "1 beginbfchar <01> <0041> endbfchar {}{}",
        "[".repeat(1_000_000),
        "]".repeat(1_000_000)
    );
    let map = pdf_extract::to_unicode_map(deep.as_bytes()).unwrap();
    assert_eq!(map[&1], vec![0x00, 0x41]);
    // Within the bound, as there.
    let nested = format!(
        "{}{} 1 beginbfchar <01> <0041> endbfchar",
        "[".repeat(50),
        "]".repeat(50)
    );
    same_as_adobe_cmap_parser(nested.as_bytes());
}
