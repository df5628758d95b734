//! Words broken at a cell's edge without a hyphen, joined again.
//!
//! Enters: the document the pages gave, whose cell paragraphs mark each line break that may
//! fall inside a word ([`MAY_BREAK_WORD`]: the line above ends with no room for one more
//! letter and the next begins in lowercase). Leaves: the document with each mark resolved:
//! the two pieces joined into one word, or an ordinary line break.
//!
//! A word processor breaks a word that does not fit on a line of its own (a narrow column:
//! "хэлэлцүү" / "лгийг"), with no hyphen. Geometry alone cannot tell that from a long word that
//! fitted, followed by the next word (a browser sizes a column to its widest line, which then
//! ends at the edge); the document's own words can: the pieces join when the word they make
//! is one the document writes whole elsewhere (in a wider cell, the narrative list, the
//! letter). A word broken everywhere it stands stays broken: a missed join loses a space, a
//! wrong one would make two words one.

use super::{Block, Document};
use std::collections::HashSet;

/// Marks a line break in a cell's paragraph that may fall inside a word.
pub(super) const MAY_BREAK_WORD: &str = "\u{ad}\n";

/// Marks a cell's first paragraph, on the row a page break cut, that may end a word broken at
/// the break: its first piece may join the last word of the cell above.
pub(super) const GOES_ON_FROM_ABOVE: &str = "\u{ad}\u{ad}";

/// A word as the vocabulary keeps it: lowercase, without surrounding punctuation.
fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Words known to be whole: the document's own (as its paragraphs and cells hold them) and
/// those the Mongolian dictionary confirmed among the joins the marks propose.
/// Also the pairs of words the document writes side by side, apart ("ёс зүйн").
#[derive(Default)]
struct Vocabulary {
    words: HashSet<String>,
    pairs: HashSet<(String, String)>,
}

impl Vocabulary {
    fn add(&mut self, text: &str) {
        self.words.extend(
            text.split(|c: char| c.is_whitespace() || c == '\u{ad}')
                .filter(|w| !w.is_empty())
                .map(key),
        );
        for piece in text.split(MAY_BREAK_WORD) {
            let words: Vec<String> = piece.split_whitespace().map(key).collect();
            self.pairs
                .extend(words.windows(2).map(|p| (p[0].clone(), p[1].clone())));
        }
    }

    fn knows(&self, word: &str) -> bool {
        self.words.contains(&key(word))
    }

    /// Join two pieces when the word they make is a known one, or when the second cannot be
    /// a word of its own; never two words the document writes apart elsewhere (the
    /// dictionary takes "ёсзүйн" for a compound, the document writes "ёс зүйн").
    fn joins(&self, first: &str, second: &str) -> bool {
        !self.pairs.contains(&(key(first), key(second)))
            && (self.knows(&format!("{first}{second}")) || no_word_alone(first, second))
    }
}

/// A piece no Mongolian word is: one beginning with ы, ь or ъ (no word does) or with й (none
/// but a few loans), one without a vowel ("г", "йг": the tail of a case ending), but for
/// a unit of measure after a number, or a case ending of a stem in a consonant or и, which
/// Mongolian writes joined to its word ("эрсдэл" / "ийн": a stem the dictionary lacks).
fn no_word_alone(before: &str, piece: &str) -> bool {
    const UNITS: [&str; 8] = ["м", "км", "см", "мм", "кг", "г", "т", "л"];
    // Genitive, accusative, ablative and instrumental endings beginning with и.
    const CASE_ENDINGS: [&str; 7] = ["ийн", "ийг", "ийнх", "иас", "иос", "иар", "иор"];
    let unit = before.ends_with(|c: char| c.is_ascii_digit());
    let piece = key(piece);
    let Some(first) = piece.chars().next() else {
        return false;
    };
    let cyrillic = piece
        .chars()
        .all(|c| ('а'..='я').contains(&c) || "ёөү".contains(c));
    let vowel = piece.chars().any(|c| "аэиоуөүыеёюя".contains(c));
    let a_unit = unit && UNITS.contains(&piece.as_str());
    cyrillic
        && ("ыьъй".contains(first) || !(vowel || a_unit) || CASE_ENDINGS.contains(&piece.as_str()))
}

/// A paragraph cut at its marks: the text before the first, then each piece of text after a
/// mark. A word broken twice ("хэлэлц" / "үүлгий" / "г") is a run of pieces.
fn pieces(text: &str) -> Vec<&str> {
    text.split(MAY_BREAK_WORD).collect()
}

/// The last word of a piece and the first word of the next.
fn last_word(piece: &str) -> &str {
    piece.rsplit(char::is_whitespace).next().unwrap_or("")
}
fn first_word(piece: &str) -> &str {
    piece.split(char::is_whitespace).next().unwrap_or("")
}

/// The words a paragraph's marks may make: each pair of pieces joined, and each run of
/// pieces of one word joined whole.
fn candidates(text: &str, out: &mut Vec<String>) {
    let ps = pieces(text);
    for k in 1..ps.len() {
        let mut word = format!("{}{}", last_word(ps[k - 1]), first_word(ps[k]));
        out.push(word.clone());
        // The piece after the mark is a word's middle when a mark follows it at once.
        let mut j = k;
        while j + 1 < ps.len() && !ps[j].contains(char::is_whitespace) {
            word.push_str(first_word(ps[j + 1]));
            out.push(word.clone());
            j += 1;
        }
    }
}

/// Resolve one paragraph's marks: a run of pieces that makes a known word joins whole; else
/// each mark joins when its two pieces do.
fn resolve(text: &str, words: &Vocabulary) -> String {
    let ps = pieces(text);
    let mut join = vec![false; ps.len()];
    let mut k = 1;
    while k < ps.len() {
        let mut word = format!("{}{}", last_word(ps[k - 1]), first_word(ps[k]));
        let mut end = k;
        let mut whole = None;
        while end + 1 < ps.len() && !ps[end].contains(char::is_whitespace) {
            word.push_str(first_word(ps[end + 1]));
            end += 1;
            if words.knows(&word) {
                whole = Some(end);
            }
        }
        if let Some(end) = whole {
            join[k..=end].iter_mut().for_each(|j| *j = true);
            k = end + 1;
            continue;
        }
        join[k] = words.joins(last_word(ps[k - 1]), first_word(ps[k]));
        k += 1;
    }
    let mut out = String::with_capacity(text.len());
    for (k, piece) in ps.iter().enumerate() {
        if k > 0 && !join[k] {
            out.push('\n');
        }
        out.push_str(piece);
    }
    out
}

/// Every paragraph of the document, cells' included.
fn paragraphs(doc: &Document) -> impl Iterator<Item = &String> {
    doc.blocks
        .iter()
        .flat_map(|b| -> Box<dyn Iterator<Item = &String>> {
            match b {
                Block::Paragraph(p) => Box::new(std::iter::once(&p.text)),
                Block::Table(t) => Box::new(
                    t.rows
                        .iter()
                        .flat_map(|r| r.cells.iter())
                        .flat_map(|c| c.paragraphs.iter()),
                ),
            }
        })
}

/// Resolve every mark in the document's paragraphs and cells.
pub(super) fn rejoin_broken_words(doc: &mut Document) {
    if !paragraphs(doc).any(|p| p.contains(MAY_BREAK_WORD) || p.starts_with(GOES_ON_FROM_ABOVE)) {
        return;
    }
    let mut words = Vocabulary::default();
    let mut proposed = Vec::new();
    for p in paragraphs(doc) {
        words.add(p);
        candidates(p, &mut proposed);
    }
    for (above, below) in across_page_breaks(doc) {
        proposed.push(format!("{}{}", last_word(above), first_word(below)));
    }
    // The dictionary sees a word as written (its capital kept: proper nouns have one).
    for w in &mut proposed {
        *w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    }
    proposed.retain(|w| !w.is_empty() && !words.knows(w));
    proposed.sort();
    proposed.dedup();
    if let Some(known) = crate::lexicon::known(&proposed) {
        for (word, known) in proposed.iter().zip(known) {
            if known {
                words.add(word);
            }
        }
    }
    for block in &mut doc.blocks {
        match block {
            Block::Paragraph(p) => p.text = resolve(&p.text, &words),
            Block::Table(t) => {
                for cell in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                    for p in &mut cell.paragraphs {
                        *p = resolve(p, &words);
                    }
                }
                join_across_page_breaks(t, &words);
            }
        }
    }
}

/// The pairs (last paragraph of the cell above, first paragraph below) a page break may have
/// cut a word between, the mark taken off.
fn across_page_breaks(doc: &Document) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        let Block::Table(t) = block else { continue };
        for pair in t.rows.windows(2) {
            for (above, below) in pair[0].cells.iter().zip(&pair[1].cells) {
                let marked = below
                    .paragraphs
                    .first()
                    .and_then(|p| p.strip_prefix(GOES_ON_FROM_ABOVE));
                if let (Some(below), Some(above)) = (marked, above.paragraphs.last()) {
                    out.push((above.as_str(), below));
                }
            }
        }
    }
    out
}

/// Resolve the marks of rows a page break cut: the first piece below joins the word above when
/// the two make a known word (it moves up, so that the word stands whole in one row's cell);
/// the mark goes either way.
fn join_across_page_breaks(t: &mut super::Table, words: &Vocabulary) {
    for r in 1..t.rows.len() {
        let (upper, lower) = t.rows.split_at_mut(r);
        let (above_row, below_row) = (&mut upper[r - 1], &mut lower[0]);
        for (above, below) in above_row.cells.iter_mut().zip(below_row.cells.iter_mut()) {
            let Some(first) = below.paragraphs.first_mut() else {
                continue;
            };
            let Some(rest) = first.strip_prefix(GOES_ON_FROM_ABOVE).map(str::to_string) else {
                continue;
            };
            *first = rest;
            let Some(end) = above.paragraphs.last_mut() else {
                continue;
            };
            let piece = first_word(first).to_string();
            if words.joins(last_word(end), &piece) {
                end.push_str(&piece);
                *first = first[piece.len()..].trim_start().to_string();
                if first.is_empty() {
                    below.paragraphs.remove(0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_a_word_join_when_the_document_writes_it_whole() {
        let mut words = Vocabulary::default();
        words.add("Байгууллагын хэмжээнд зохион\nбайгуулах");
        let m = MAY_BREAK_WORD;
        assert_eq!(
            resolve(&format!("Байгуулл{m}агын хэмжээнд"), &words),
            "Байгууллагын хэмжээнд"
        );
        // A word that fitted, then the next one.
        assert_eq!(
            resolve(&format!("байгуулах{m}зохион"), &words),
            "байгуулах\nзохион"
        );
        // Pieces of a word the document never writes whole stay apart.
        assert_eq!(
            resolve(&format!("хэлэлцүү{m}лгийн"), &words),
            "хэлэлцүү\nлгийн"
        );
    }

    #[test]
    fn words_the_document_writes_apart_never_join() {
        let mut words = Vocabulary::default();
        words.add("ёс зүйн дүрэм ёсзүйн");
        let m = MAY_BREAK_WORD;
        assert_eq!(resolve(&format!("ёс{m}зүйн"), &words), "ёс\nзүйн");
    }

    #[test]
    fn a_word_broken_at_a_page_break_joins_in_the_row_above() {
        use crate::layout::{Cell, Row, Table};
        let row = |cells: &[&[&str]], after_page_break: bool| Row {
            cells: cells
                .iter()
                .map(|ps| Cell::new(ps.iter().map(|p| p.to_string()).collect()))
                .collect(),
            source: Default::default(),
            after_page_break,
        };
        let g = GOES_ON_FROM_ABOVE;
        let below_1 = format!("{g}ийг байршуулах");
        let below_2 = format!("{g}хэлэлцэх");
        let table = Table {
            rows: vec![
                row(&[&["1"], &["Хөрөнгийн мэдүүлгийг хянах"], &["100"]], false),
                row(
                    &[&["2"], &["Орон нутагт мэдүүлг"], &["Тайлан зохион"]],
                    false,
                ),
                row(&[&[], &[below_1.as_str()], &[below_2.as_str()]], true),
            ],
            source: Default::default(),
        };
        let mut doc = Document {
            blocks: vec![Block::Table(table)],
            n_pages: Some(2),
        };
        rejoin_broken_words(&mut doc);
        let Block::Table(t) = &doc.blocks[0] else {
            unreachable!()
        };
        let texts: Vec<Vec<String>> = t.rows[1..]
            .iter()
            .map(|r| r.cells.iter().map(Cell::text).collect())
            .collect();
        // "мэдүүлгийг" is the document's own word; "зохионхэлэлцэх" is none: it stays below.
        assert_eq!(
            texts,
            vec![
                vec!["2", "Орон нутагт мэдүүлгийг", "Тайлан зохион"],
                vec!["", "байршуулах", "хэлэлцэх"],
            ]
        );
    }

    #[test]
    fn a_word_broken_twice_joins_whole_when_known() {
        let mut words = Vocabulary::default();
        words.add("хэлэлцүүлгийг");
        let m = MAY_BREAK_WORD;
        assert_eq!(
            resolve(&format!("Орон нутагт хэлэлц{m}үүлгий{m}г зохион"), &words),
            "Орон нутагт хэлэлцүүлгийг зохион"
        );
        let mut proposed = Vec::new();
        candidates(&format!("хэлэлц{m}үүлгий{m}г зохион"), &mut proposed);
        assert_eq!(proposed, ["хэлэлцүүлгий", "хэлэлцүүлгийг", "үүлгийг"]);
    }

    #[test]
    fn the_dictionary_confirms_a_join_the_document_never_writes_whole() {
        let mut doc = Document {
            blocks: vec![Block::Paragraph(crate::layout::Paragraph {
                text: format!("Салбарын хэмжээнд байгуул{MAY_BREAK_WORD}ах"),
                ..Default::default()
            })],
            ..Default::default()
        };
        rejoin_broken_words(&mut doc);
        let Block::Paragraph(p) = &doc.blocks[0] else {
            unreachable!()
        };
        // With the mn_MN dictionary "байгуулах" is a word; without it the pieces stay apart.
        let expected = match crate::lexicon::known(&["байгуулах".to_string()]) {
            Some(_) => "Салбарын хэмжээнд байгуулах",
            None => "Салбарын хэмжээнд байгуул\nах",
        };
        assert_eq!(p.text, expected);
    }

    #[test]
    fn a_piece_no_word_can_be_joins_the_piece_before_it() {
        let words = Vocabulary::default();
        let m = MAY_BREAK_WORD;
        // No Mongolian word begins with ы; none is without a vowel.
        assert_eq!(
            resolve(&format!("Салбар{m}ын хэмжээнд"), &words),
            "Салбарын хэмжээнд"
        );
        assert_eq!(resolve(&format!("дүрми{m}йг"), &words), "дүрмийг");
        // A case ending is written joined to its word, whatever the stem.
        assert_eq!(
            resolve(&format!("эрсдэл{m}ийн үнэлгээ"), &words),
            "эрсдэлийн үнэлгээ"
        );
        assert_eq!(
            resolve(&format!("хэлэлцүүлгий{m}г"), &words),
            "хэлэлцүүлгийг"
        );
        // A unit is a word of its own; so is a piece with a vowel the document never joins.
        assert_eq!(resolve(&format!("1200{m}км"), &words), "1200\nкм");
        assert_eq!(
            resolve(&format!("хэлэлц{m}үүлгийг"), &words),
            "хэлэлц\nүүлгийг"
        );
    }
}
