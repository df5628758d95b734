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

/// A word as the vocabulary keeps it: lowercase, without surrounding punctuation.
fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The document's words, as its paragraphs and cells hold them.
#[derive(Default)]
struct Vocabulary(HashSet<String>);

impl Vocabulary {
    fn add(&mut self, text: &str) {
        self.0.extend(
            text.split(|c: char| c.is_whitespace() || c == '\u{ad}')
                .filter(|w| !w.is_empty())
                .map(key),
        );
    }

    /// Join two pieces when the word they make is one the document uses elsewhere, or when
    /// the second cannot be a word of its own.
    fn joins(&self, first: &str, second: &str) -> bool {
        self.0.contains(&key(&format!("{first}{second}"))) || no_word_alone(first, second)
    }
}

/// A piece no Mongolian word is: one beginning with ы, ь or ъ (no word does) or with й (none
/// but a few loans), or one without a vowel ("г", "йг": the tail of a case ending), but for
/// a unit of measure after a number.
fn no_word_alone(before: &str, piece: &str) -> bool {
    const UNITS: [&str; 8] = ["м", "км", "см", "мм", "кг", "г", "т", "л"];
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
    cyrillic && ("ыьъй".contains(first) || !(vowel || a_unit))
}

/// Resolve one paragraph's marks.
fn resolve(text: &str, words: &Vocabulary) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MAY_BREAK_WORD) {
        let (before, after) = (&rest[..at], &rest[at + MAY_BREAK_WORD.len()..]);
        out.push_str(before);
        let first = out.rsplit(char::is_whitespace).next().unwrap_or("");
        let second = after
            .split(|c: char| c.is_whitespace() || c == '\u{ad}')
            .next()
            .unwrap_or("");
        if !words.joins(first, second) {
            out.push('\n');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Resolve every mark in the document's paragraphs and cells.
pub(super) fn rejoin_broken_words(doc: &mut Document) {
    let marked = |t: &str| t.contains(MAY_BREAK_WORD);
    let any = doc.blocks.iter().any(|b| match b {
        Block::Paragraph(p) => marked(&p.text),
        Block::Table(t) => t.rows.iter().any(|r| {
            r.cells
                .iter()
                .any(|c| c.paragraphs.iter().any(|p| marked(p)))
        }),
    });
    if !any {
        return;
    }
    let mut words = Vocabulary::default();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => words.add(&p.text),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| r.cells.iter())
                .flat_map(|c| c.paragraphs.iter())
                .for_each(|p| words.add(p)),
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
    fn a_piece_no_word_can_be_joins_the_piece_before_it() {
        let words = Vocabulary::default();
        let m = MAY_BREAK_WORD;
        // No Mongolian word begins with ы; none is without a vowel.
        assert_eq!(
            resolve(&format!("Салбар{m}ын хэмжээнд"), &words),
            "Салбарын хэмжээнд"
        );
        assert_eq!(resolve(&format!("дүрми{m}йг"), &words), "дүрмийг");
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
