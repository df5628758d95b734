//! Words into lines and lines into paragraphs: the text inside a cell or outside tables.
//!
//! Enters: positioned [`Word`]s of one region (a cell, or a page outside its tables). Leaves:
//! lines (words whose vertical centres are close, left to right) and paragraphs (lines split at
//! vertical gaps, font size changes, list markers and lines that ended short).

use super::Word;

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) text: String,
    pub(super) top: f64,
    pub(super) bottom: f64,
    pub(super) size: f64,
    pub(super) x0: f64,
    pub(super) x1: f64,
    /// Width of the line's first word: would it have fitted at the end of the line above?
    pub(super) first_word: f64,
    /// Width of the first word's first letter (its width over its letters).
    pub(super) first_letter: f64,
    /// Width of the line's last word.
    pub(super) last_word: f64,
}

/// Words grouped into lines: words whose vertical centres are close, each line left to right.
pub(super) fn line_groups<'a>(words: &[&'a Word]) -> Vec<Vec<&'a Word>> {
    let mut sorted: Vec<&Word> = words.to_vec();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Word>> = Vec::new();
    for w in sorted {
        match groups.last_mut() {
            Some(g)
                if (g[0].cy() - w.cy()).abs() < 0.4 * w.font_size.max(g[0].font_size)
                    && !on_other_baselines(g[0], w) =>
            {
                g.push(w)
            }
            _ => groups.push(vec![w]),
        }
    }
    for g in groups.iter_mut() {
        g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    groups
}

/// Two words whose known baselines are more than a sixth of a line apart: lines of two cells
/// centred vertically, which may stand at any offset from each other.
fn on_other_baselines(a: &Word, b: &Word) -> bool {
    match (a.baseline, b.baseline) {
        (Some(x), Some(y)) => (x - y).abs() > 0.16 * a.font_size.max(b.font_size),
        _ => false,
    }
}

/// Words → lines of text.
pub(super) fn lines_of(words: &[&Word]) -> Vec<Line> {
    line_groups(words)
        .into_iter()
        .map(|g| Line {
            text: g
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            top: g.iter().map(|w| w.top).fold(f64::INFINITY, f64::min),
            bottom: g.iter().map(|w| w.bottom).fold(f64::NEG_INFINITY, f64::max),
            size: g.iter().map(|w| w.font_size).fold(0.0, f64::max),
            x0: g.first().map_or(0.0, |w| w.x0),
            x1: g.last().map_or(0.0, |w| w.x1),
            first_word: g.first().map_or(0.0, |w| w.x1 - w.x0),
            last_word: g.last().map_or(0.0, |w| w.x1 - w.x0),
            first_letter: g.first().map_or(0.0, |w| {
                (w.x1 - w.x0) / w.text.chars().count().max(1) as f64
            }),
        })
        .collect()
}

pub(super) fn starts_list_item(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with("- ") || t.starts_with("• ") || t.starts_with("– ") {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 2 && t[digits..].starts_with(". ") {
        return true;
    }
    // A measure's code: "1.2. ", "1.2.1. ", "1.2.1 " (not "97.9 хувь", a number in the text).
    MEASURE_CODE.is_match(t)
}

static MEASURE_CODE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.\s+\p{L}|^\d{1,2}(?:\.\d{1,2}){2,3}\s+\p{L}")
        .expect("valid regex")
});

/// Lines → paragraphs: a new paragraph at a vertical gap wider than a third of the font size,
/// at a change of font size, at a list marker, or after a line that ended short: when a cell's
/// text area ends at `right`, a line whose first word would have fitted at the end of the line
/// above, and that begins with a capital or a digit, begins a paragraph (a wrapped line never
/// does: it wrapped because its first word did not fit).
///
/// `edge`: where a cell's text area ends, to mark line breaks that may fall inside a word (see
/// [`super::breaks`]): the line above left no room for one more (wide) letter, the next begins in
/// lowercase, and the two words side by side would not fit the cell's width, as a word broken
/// for want of room on a line of its own does not.
///
/// Each paragraph: its text, top, font size and bottom.
pub(super) fn paragraphs_of(
    lines: &[Line],
    right: Option<f64>,
    edge: Option<f64>,
) -> Vec<(String, f64, f64, f64)> {
    let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let mut prev: Option<&Line> = None;
    let mut prev_x1: Option<f64> = None;
    let mut out: Vec<(String, f64, f64, f64)> = Vec::new(); // text, top, size, bottom
    for l in lines {
        let new = match out.last() {
            None => true,
            Some((_, _, size, bottom)) => {
                let ended_short = right.zip(prev_x1).is_some_and(|(right, prev)| {
                    right - prev > l.first_word + 0.6 * l.size
                        && l.text
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                });
                l.top - bottom > 0.3 * l.size.max(*size)
                    || (l.size - size).abs() > 0.18 * size
                    || starts_list_item(&l.text)
                    || ended_short
            }
        };
        let inside_word = edge.zip(prev).is_some_and(|(edge, p)| {
            p.x1 + 1.5 * l.first_letter.max(0.5 * l.size) > edge
                && p.last_word + l.first_word > edge - left - 0.5
                && l.text.chars().next().is_some_and(char::is_lowercase)
        });
        prev = Some(l);
        prev_x1 = Some(l.x1);
        if new {
            out.push((l.text.clone(), l.top, l.size, l.bottom));
        } else if let Some(last) = out.last_mut() {
            last.0.push_str(if inside_word {
                super::breaks::MAY_BREAK_WORD
            } else {
                "\n"
            });
            last.0.push_str(&l.text);
            last.3 = l.bottom;
        }
    }
    out
}

/// Values within `tol` of each other merged (sorted, averaged).
pub(super) fn cluster(mut values: Vec<f64>, tol: f64) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((c, n)) if (v - *c / *n as f64).abs() <= tol => {
                *c += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(c, n)| c / n as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_and_measure_codes_start_paragraphs() {
        for t in ["1. Нэг", "- Нэг", "1.2. Нэг", "3.1.2. Нэг", "3.1.2 Нэг"] {
            assert!(starts_list_item(t), "{t}");
        }
        for t in ["97.9 хувь", "2.5 сая төгрөг", "2020.01.30", "Нэг"] {
            assert!(!starts_list_item(t), "{t}");
        }
    }

    #[test]
    fn lines_of_two_cells_a_quarter_line_apart_stay_two_lines_when_baselines_are_known() {
        use crate::layout::synthetic::word;
        // Cells centred vertically set their lines at any offset: 2.6 pt here, at 10 pt.
        let pdf = [
            word("байгуулах", 100.0, 335.1),
            word("Дотоод", 300.0, 337.7),
        ];
        let refs: Vec<&Word> = pdf.iter().collect();
        assert_eq!(line_groups(&refs).len(), 2);
        // OCR boxes the ink, whose top and bottom move with the letters: one line.
        let ocr = pdf.clone().map(|w| Word {
            baseline: None,
            ..w
        });
        let refs: Vec<&Word> = ocr.iter().collect();
        assert_eq!(line_groups(&refs).len(), 1);
    }

    #[test]
    fn a_break_with_no_room_left_may_fall_inside_a_word() {
        use crate::layout::synthetic::word;
        // A cell's text from 100 to 150: "хэлэлцүү" (48 pt) ends 2 pt before the edge, less
        // than a letter, and with "лгийг" (30 pt) would not fit the cell. In a cell to 160,
        // "Журам" ends 30 pt short: an ordinary break.
        let broken = [word("хэлэлцүү", 100.0, 100.0), word("лгийг", 100.0, 111.0)];
        let refs: Vec<&Word> = broken.iter().collect();
        let p = paragraphs_of(&lines_of(&refs), Some(150.0), Some(150.0));
        assert_eq!(
            p[0].0,
            format!("хэлэлцүү{}лгийг", super::super::breaks::MAY_BREAK_WORD)
        );
        let wrapped = [word("Журам", 100.0, 100.0), word("батлах", 100.0, 111.0)];
        let refs: Vec<&Word> = wrapped.iter().collect();
        let p = paragraphs_of(&lines_of(&refs), Some(160.0), Some(160.0));
        assert_eq!(p[0].0, "Журам\nбатлах");
    }
}
