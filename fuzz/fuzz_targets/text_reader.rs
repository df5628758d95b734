//! The text reader (decode, nesting guard, tab / markdown / HTML forms) on arbitrary bytes:
//! it may refuse them, never panic. The first byte picks the file's extension.
#![no_main]

use biyelelt::limits::{Cancel, Limits};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = ["r.txt", "r.md", "r.html"][pick as usize % 3];
    let _ = biyelelt::read::read_bytes(
        Path::new(name),
        bytes,
        &Limits::default(),
        &Cancel::default(),
    );
});
