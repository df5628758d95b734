//! Tesseract's TSV output: its rows read into words and line boxes.
//!
//! Enters: the TSV text of one Tesseract run (a header row, then one row per page, block,
//! paragraph, line and word). Leaves: the words (box in image pixels, confidence, text, the line
//! they belong to) and each line's box.

use serde::Deserialize;
use std::collections::BTreeMap;

/// One row of the TSV, as Tesseract names its columns.
#[derive(Debug, Deserialize)]
struct TsvRow {
    level: u8,
    block_num: u32,
    par_num: u32,
    line_num: u32,
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    conf: f64,
    #[serde(default)]
    text: String,
}

/// Rows of level 4 are text lines, of level 5 words.
const LINE: u8 = 4;
const WORD: u8 = 5;

/// A word read by Tesseract, in image pixels.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TsvWord {
    /// (block, paragraph, line): the words of one text line share it.
    pub(super) line_key: (u32, u32, u32),
    pub(super) left: f64,
    pub(super) top: f64,
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) conf: f64,
    pub(super) text: String,
}

/// What one run read: its words, and each line's box (left, top, right, bottom) by line key.
#[derive(Debug, Default)]
pub(super) struct Tsv {
    pub(super) words: Vec<TsvWord>,
    pub(super) line_boxes: BTreeMap<(u32, u32, u32), [i64; 4]>,
}

/// Parse a TSV; a row that does not parse (Tesseract writes none, but a text cell may hold a
/// quote) is skipped, not the run.
pub(super) fn parse(tsv: &str) -> Tsv {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_reader(tsv.as_bytes());
    let mut out = Tsv::default();
    for row in reader.deserialize::<TsvRow>().flatten() {
        let key = (row.block_num, row.par_num, row.line_num);
        match row.level {
            LINE => {
                let (left, top) = (row.left as i64, row.top as i64);
                let right = left + row.width as i64;
                out.line_boxes
                    .insert(key, [left, top, right, top + row.height as i64]);
            }
            WORD if !row.text.trim().is_empty() => out.words.push(TsvWord {
                line_key: key,
                left: row.left,
                top: row.top,
                width: row.width,
                height: row.height,
                conf: row.conf,
                text: row.text.trim().to_string(),
            }),
            _ => {}
        }
    }
    out
}

/// A speck of noise read as a period: "арга. хэмжээг". A word ending in "." followed, in the
/// same block of text, by a word in lowercase loses the period (sentences start in capitals);
/// numbers ("1.") and initials ("Д.") keep theirs.
pub(super) fn drop_speck_periods(words: &mut [TsvWord]) {
    for i in 0..words.len().saturating_sub(1) {
        let same_par = words[i].line_key.0 == words[i + 1].line_key.0;
        let next_lower = words[i + 1]
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        let w = &words[i].text;
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if same_par && next_lower && w.ends_with('.') && letters >= 2 && !w.ends_with("..") {
            words[i].text.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    #[test]
    fn words_and_line_boxes_from_their_levels() {
        let tsv = format!(
            "{HEADER}\
            4\t1\t1\t1\t1\t0\t100\t100\t900\t30\t-1\t\n\
            5\t1\t1\t1\t1\t1\t100\t100\t200\t30\t96.5\tНийгмийн\n\
            5\t1\t1\t1\t1\t2\t400\t103\t200\t30\t91.0\t\"даатгалын\n\
            5\t1\t1\t1\t1\t3\t800\t107\t200\t30\t-1\t \n\
            5\t1\t1\t1\t1\t4\t800\t107\t200\t30\t40.0\tгазар\n"
        );
        let t = parse(&tsv);
        let texts: Vec<&str> = t.words.iter().map(|w| w.text.as_str()).collect();
        // A quote is text (no quoting in Tesseract's TSV); a blank word is none.
        assert_eq!(texts, vec!["Нийгмийн", "\"даатгалын", "газар"]);
        assert_eq!(t.words[2].conf, 40.0);
        assert_eq!(t.words[1].left, 400.0);
        assert_eq!(t.line_boxes.get(&(1, 1, 1)), Some(&[100, 100, 1000, 130]));
    }

    #[test]
    fn speck_periods() {
        let w = |t: &str, line: u32| TsvWord {
            line_key: (1, 1, line),
            left: 0.0,
            top: 0.0,
            width: 1.0,
            height: 1.0,
            conf: 90.0,
            text: t.into(),
        };
        let mut ws = vec![
            w("арга.", 1),
            w("хэмжээг", 1),
            w("байна.", 1),
            w("Мөн", 2),
            w("Д.", 2),
            w("зоригт", 2),
        ];
        drop_speck_periods(&mut ws);
        let texts: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["арга", "хэмжээг", "байна.", "Мөн", "Д.", "зоригт"]
        );
    }
}
