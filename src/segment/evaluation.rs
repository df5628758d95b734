//! The evaluation part: summary table, narrative measure list, stated counts, conclusion.
//!
//! Enters: the document and the block index of the plan table (the evaluation follows it).
//! Leaves: an [`Evaluation`] (band scale as the report prints it, narrative items under their
//! band headings, counts stated in prose, the conclusion's percent) and the summary table's
//! rows, which [`apply_summary`] puts on the objectives.

use super::band_placement::{self, Placement};
use super::{parse_score, ScoreCell};
use crate::layout::{Block, Cell, Document, Row, Table};
use crate::model::{
    Band, BandHeading, Evaluation, Message, NarrativeItem, Objective, Problem, Source, StatedCount,
    StatedNumber, Text,
};
use crate::normalize::{field, normalize};
use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

const NUM: &str = r"\d+(?:\.\d+)?";

/// "100 /90-100/", "70 (60-69)", "/-/", "ХБ".
static BAND: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:({NUM})\s*%?\s*)?[/(]\s*({NUM})\s*%?\s*-\s*({NUM})\s*%?\s*[/)]$"
    ))
});
/// Band labels inside a line of text: "100 /90-100/", "/-/".
static BAND_IN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:(?:{NUM})\s*%?\s*)?[/(]\s*{NUM}\s*%?\s*-\s*{NUM}\s*%?\s*[/)]|/\s*-\s*/"
    ))
});
/// "Зорилт 1: <text>" in the summary table.
static SUMMARY_OBJECTIVE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^Зорилт\s*(\d{1,3})\s*[:.]?\s*(.*)$"));
/// "Зорилт 5.1. <text> /93.9/;", numbered or coded in front ("3.", "5.1 Зорилт 5.1. …").
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:[-•–]\s*)?(?:\d+(?:\.\d+)*\.?\s*)?Зорилт\s*(\d{1,3})\.(\d{1,3})\.?\s*(.*)$")
});
static ITEM_SCORE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"\s*/\s*({NUM}\s*%?|-|ХБ)\s*/\s*[.;,]?\s*$")));
/// "… /100/ 0/": a list set as a table, its cell's right rule read by OCR as a digit or a bar
/// and a slash, makes a second "/0/" out of the score's closing slash. No item states two
/// scores, so the first is the score and the debris stays in the raw text, the evidence.
static ITEM_SCORE_RULE_DEBRIS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\s*/\s*({NUM}\s*%?|-|ХБ)\s*/\s*[0-9lI|!]\s*/\s*[.;,]?\s*$"
    ))
});
/// "“Үр дүнтэй” буюу 100 хувийн биелэлттэй:", "90-95 хувийн биелэлттэй:", and a band label
/// with its range and count: "30 /30-69/ хувийн биелэлттэй: 3 арга хэмжээ".
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)({NUM})(?:\s*-\s*({NUM}))?\s*(?:/\s*({NUM})\s*-\s*({NUM})\s*/\s*)?(?:хувийн|%-ийн|%)\s+биелэлттэй\s*:?\s*(?:(\d+)\s+(?:арга\s+хэмжээ|заалт)\s*)?$"
    ))
});
/// "… тодорхой үр дүн гарсан 9 арга хэмжээ:"
static HEADING_COUNT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d+)\s+(?:арга\s+хэмжээ|заалт)\s*:\s*$"));
/// "100 хувийн биелэлттэй 9 арга хэмжээ", "90-95 хувийн биелэлттэй 3 арга хэмжээ байна."
static BAND_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)({NUM})(?:\s*-\s*({NUM}))?\s*(?:хувийн|%-ийн)\s+биелэлттэй\s+(\d+)\s+(?:арга\s+хэмжээ|заалт)"
    ))
});
/// "6 зорилтын 12 арга хэмжээ", "6 зорилт бүхий 12 арга хэмжээ"; a count as OCR may read it
/// ("б зорилтын": 6, see [`count_value`]).
static TOTALS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)({COUNT})\s+зорилт(?:ын|\s+бүхий|,)\s+({COUNT})\s+(?:арга\s+хэмжээ|заалт)"
    ))
});

/// A count of objectives or measures: digits, or a short number with the letters OCR reads
/// for digits ("б" for 6, "З" for 3, "О" for 0).
const COUNT: &str = r"\d+|[\dбЗО]{1,3}";

/// The value of a [`COUNT`]: its look-alike letters read as the digits they stand for.
fn count_value(raw: &str) -> f64 {
    crate::normalize::ocr_digits(raw)
        .parse()
        .unwrap_or(f64::NAN)
}
/// "… 98.2 хувьтай дүгнэгдэв."
static CONCLUSION: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)({NUM})\s*(?:хувьтай|%-тай|%-иар|хувиар)\s+(?:дүгнэгдэв|үнэлэгдэв|дүгнэгдлээ|үнэлэгдлээ|дүгнэв|үнэлэв|дүгнэгдсэн|үнэлэгдсэн)"
    ))
});

/// "Төлөвлөгөөний хэрэгжилт 98.2 хувьтай байна": the plan's (or programme's) implementation
/// as a whole, not a category's ("… хүрээний асуудал 90.5 хувьтай байна").
static PLAN_PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:төлөвлөгөөний|хөтөлбөрийн)\s+(?:хэрэгжилт|биелэлт)\s+({NUM})\s*(?:хувьтай|%-тай|%)"
    ))
});

/// Band counts in prose: "100 хувь-41 заалт", "хугацаа болоогүй-3 заалт".
static PROSE_BAND: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)({NUM})\s*(?:хувь|%)\s*-\s*(\d+)\s*(?:заалт|арга\s+хэмжээ)"
    ))
});
static PROSE_NOT_DUE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:хугацаа\s+болоогүй|ХБ)\s*-\s*(\d+)\s*(?:заалт|арга\s+хэмжээ)"));
/// "Нийт 64 арга хэмжээнээс …"
static PROSE_TOTAL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)нийт\s+(\d+)\s+(?:арга\s+хэмжээ|заалт)"));
/// "Хэрэгжилтийн дундаж 87.6 хувьтай"
static PROSE_MEAN: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)дундаж\s+({NUM})\s*(?:хувьтай|%)")));

#[derive(Debug, Clone)]
pub struct SummaryRow {
    pub objective_no: u32,
    pub text: Text,
    pub n_measures: Option<StatedNumber>,
    pub band_counts: Vec<Option<u32>>,
    /// Band figures printed without their columns that no single order of the bands explains:
    /// their sum as the value, the figures as printed as the raw text.
    pub band_counts_unplaced: Option<StatedNumber>,
    pub percent: Option<StatedNumber>,
    pub source: Source,
}

pub struct EvalOutput {
    pub evaluation: Evaluation,
    pub summary: Vec<SummaryRow>,
}

/// A band label's text with its figures as OCR gives them: "З0 /10-29/" is 30 (each word
/// alone: the range's slashes keep "/10-" as read).
fn band_text(label: &str) -> String {
    normalize(label)
        .split_whitespace()
        .map(crate::normalize::ocr_digits)
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_band(label: &str) -> Option<Band> {
    let t = band_text(label);
    let t = t.trim();
    let lower = t.to_lowercase();
    if matches!(lower.as_str(), "/-/" | "-" | "хб" | "/хб/") || lower.contains("хугацаа болоогүй")
    {
        return Some(Band {
            label: t.to_string(),
            value: None,
            low: None,
            high: None,
            not_due: true,
        });
    }
    let c = BAND.captures(t)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<f64>().ok());
    // A band's value is at most 100: a larger one is a table border read as "1" ("|70" → "170").
    let value = num(1).map(|v| {
        let raw = &c[1];
        if v > 100.0 && raw.starts_with('1') {
            raw[1..].parse::<f64>().unwrap_or(v)
        } else {
            v
        }
    });
    Some(Band {
        // A label joined from two header rows ("100 /90-" + "100/") reads as printed whole.
        label: t.replace("- ", "-"),
        value,
        low: num(2),
        high: num(3),
        not_due: false,
    })
}

/// "50 /30-" followed by nothing or by marks and figures garbled together, no letter ("зо /10-
/// 49/”:29/::9/": the labels' second lines run into one word): a band label whose range lost
/// its end to OCR.
static BAND_CUT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:({NUM})\s*%?\s*)?[/(]\s*({NUM})\s*%?\s*-[^\p{{L}}]*$"
    ))
});

/// "90770-89/": a band label whose first slash OCR read as a digit ("7" or "1", the glyphs
/// closest to "/"). The figures before the dash are the value, that digit and the range's
/// low; read only when one split alone gives a value and a range within 0-100 (the value at
/// least the low: "30 /10-29/", "100 /90-100/").
static BAND_SLASH_AS_DIGIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\d{3,7})\s*-\s*(\d{1,3})\s*[/)]?$"));

/// A band label as OCR may leave it when [`parse_band`] cannot read it: cut after its dash
/// (its high then `None`, see [`complete_cut_ranges`]) or its first slash read as a digit.
fn parse_garbled_band(label: &str) -> Option<Band> {
    let t = band_text(label);
    let t = t.trim();
    if let Some(c) = BAND_CUT.captures(t) {
        // A figure standing alone after the label ("100 /90-100/ 2") is a row's, read into
        // the header: the header took in a row, and its columns are not known.
        let after_dash = t.split_once('-').map_or("", |(_, rest)| rest);
        let lone_figure = after_dash
            .split_whitespace()
            .skip(1)
            .any(|w| w.chars().all(|ch| ch.is_ascii_digit()));
        if lone_figure {
            return None;
        }
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<f64>().ok());
        return Some(Band {
            label: t.to_string(),
            value: num(1).filter(|v| *v <= 100.0),
            low: num(2),
            high: None,
            not_due: false,
        });
    }
    let c = BAND_SLASH_AS_DIGIT.captures(t)?;
    let (head, high) = (&c[1], c[2].parse::<f64>().ok()?);
    let splits: Vec<(f64, f64)> = head
        .char_indices()
        .filter(|&(i, ch)| matches!(ch, '7' | '1') && i > 0 && i + 1 < head.len())
        .filter_map(|(i, _)| {
            let (value, low) = (&head[..i], &head[i + 1..]);
            // "090" is no way to print a figure.
            let plain = |s: &str| s == "0" || !s.starts_with('0');
            (plain(value) && plain(low)).then_some(())?;
            let (value, low) = (value.parse::<f64>().ok()?, low.parse::<f64>().ok()?);
            (value <= 100.0 && low <= high && high <= 100.0 && value >= low).then_some((value, low))
        })
        .collect();
    let [(value, low)] = splits[..] else {
        return None;
    };
    Some(Band {
        label: t.to_string(),
        value: Some(value),
        low: Some(low),
        high: Some(high),
        not_due: false,
    })
}

/// Bands whose range lost its end to OCR ([`parse_garbled_band`]: "50 /30-") end one under the
/// low of the band above them (the top one at 100): a report's bands split 0-100 between them
/// ("100 /90-100/, 90 /70-89/, 70 /50-69/ …"). A high is left unknown where the band above has
/// no whole-number low.
fn complete_cut_ranges(bands: &mut [Band]) {
    let lows: Vec<f64> = bands.iter().filter_map(|b| b.low).collect();
    for b in bands.iter_mut().filter(|b| b.high.is_none() && !b.not_due) {
        let Some(low) = b.low else { continue };
        let above = lows
            .iter()
            .copied()
            .filter(|l| *l > low)
            .min_by(f64::total_cmp);
        b.high = match above {
            None => Some(100.0),
            Some(l) if l.fract() == 0.0 => Some(l - 1.0),
            Some(_) => None,
        };
    }
}

/// A row of the summary table proper: its header or an objective's row.
fn is_summary_row(row: &Row) -> bool {
    let first = row
        .cells
        .iter()
        .map(|c| normalize(&c.text()))
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    (SUMMARY_OBJECTIVE.is_match(&first) && !ITEM.is_match(&first)) || is_summary_header(row)
}

/// The summary table's header: it names the count of measures or carries band labels.
fn is_summary_header(row: &Row) -> bool {
    row.cells.iter().any(|c| {
        let l: String = normalize(&c.text())
            .to_lowercase()
            .split_whitespace()
            .collect();
        l.contains("аргахэмжээнийтоо")
    }) || row
        .cells
        .iter()
        .filter(|c| parse_band(&c.text()).is_some())
        .count()
        >= 2
}

/// A row of a table after the plan table that is not the summary (the narrative list set as a
/// table: band headings across the row, items as "code | Зорилт N.M. text /score/") read as
/// the paragraphs it stands for: from the cell holding the item on, else the row's cells in
/// order. Where every cell holds as many paragraphs, two lines or more of the list drawn as
/// one row (a scan's lines set close), each line is a paragraph: its cells' paragraphs side by
/// side.
fn row_as_paragraphs(row: &Row) -> Vec<crate::layout::Paragraph> {
    let cells: Vec<&Cell> = row.cells.iter().filter(|c| !c.text().is_empty()).collect();
    let lines = cells.first().map_or(0, |c| c.paragraphs.len());
    let texts: Vec<String> = if lines > 1 && cells.iter().all(|c| c.paragraphs.len() == lines) {
        (0..lines)
            .map(|k| {
                cells
                    .iter()
                    .map(|c| c.paragraphs[k].trim())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    } else {
        let cells: Vec<String> = cells.iter().map(|c| c.text()).collect();
        if cells.is_empty() {
            return Vec::new();
        }
        // From the item's cell on: its score may stand in a cell of its own.
        vec![
            match cells.iter().position(|c| ITEM.is_match(&normalize(c))) {
                Some(i) => cells[i..].join(" "),
                None => cells.join(" "),
            },
        ]
    };
    texts
        .into_iter()
        .map(|text| crate::layout::Paragraph {
            text,
            source: row.source.clone(),
            emphasis: false,
            list_item: false,
        })
        .collect()
}

/// The summary table found after the plan table, and the blocks after the plan table it was
/// read from, by index (more than one when a page break cut it).
struct Summary<'a> {
    table: std::borrow::Cow<'a, Table>,
    parts: Vec<usize>,
    /// The band scale of a header left as a line of text above the table: its columns are
    /// not known, so the rows' band figures are placed by reconciliation.
    bands_of_header_line: Option<Vec<Band>>,
}

/// The summary table: a table after the plan table whose header names counts of measures
/// or carries band labels.
fn find_summary(doc: &Document, plan_idx: usize) -> Option<Summary<'_>> {
    let blocks = &doc.blocks[plan_idx + 1..];
    let table_at = |i: usize| match blocks.get(i) {
        Some(Block::Table(t)) => Some(t),
        _ => None,
    };
    let tables = || (0..blocks.len()).filter_map(|i| table_at(i).map(|t| (i, t)));
    if let Some((i, t)) = tables().find(|(_, t)| t.rows.iter().take(3).any(is_summary_header)) {
        // The table goes on in the next one after a page break (its header alone at a page's
        // foot): objectives' rows at its top and no header of its own. A cut row's name alone
        // at the top of the page may stand between as a paragraph.
        let goes_on = |n: &Table| {
            n.rows.iter().take(2).any(is_objective_row)
                && !n.rows.iter().take(3).any(is_summary_header)
        };
        let cut_name = match blocks.get(i + 1) {
            Some(Block::Paragraph(p)) => {
                let name = normalize(&p.text);
                let name = name.trim();
                (SUMMARY_OBJECTIVE.is_match(name) && !ITEM.is_match(name)).then_some(p)
            }
            _ => None,
        };
        let next = match cut_name {
            Some(_) => table_at(i + 2).filter(|n| goes_on(n)),
            None => table_at(i + 1).filter(|n| goes_on(n)),
        };
        if let Some(next) = next {
            let mut body = next.clone();
            if let Some(p) = cut_name {
                let width = next.rows.iter().map(|r| r.cells.len()).max().unwrap_or(1);
                let mut cells = vec![Cell::default(); width];
                cells[0] = Cell::new(vec![p.text.clone()]);
                body.rows.insert(
                    0,
                    Row {
                        cells,
                        source: p.source.clone(),
                        after_page_break: false,
                    },
                );
            }
            let mut parts = vec![i, i + 1];
            if cut_name.is_some() {
                parts.push(i + 2);
            }
            return Some(Summary {
                table: std::borrow::Cow::Owned(continue_with(t, &body)),
                parts,
                bands_of_header_line: None,
            });
        }
        return Some(Summary {
            table: std::borrow::Cow::Borrowed(t),
            parts: vec![i],
            bands_of_header_line: None,
        });
    }
    // A header lost (cut off by a page break, never printed): rows of objectives, each
    // with its percent in the last column. Its first rows, left at the foot of the page before
    // with the header, may have come out as lines of text: read back as rows.
    let (i, t) =
        tables().find(|(_, t)| t.rows.iter().filter(|r| is_objective_row(r)).count() >= 2)?;
    let width = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut lead: Vec<(usize, Row)> = Vec::new();
    let mut header_line: Option<(usize, Vec<Band>)> = None;
    let mut cut_header: Option<(usize, Row)> = None;
    for k in (0..i).rev() {
        match blocks.get(k) {
            Some(Block::Paragraph(p)) => match flattened_row(p, width) {
                Some(row) => lead.push((k, row)),
                None => {
                    header_line = header_line_bands(p).map(|b| (k, b));
                    if header_line.is_none() && k + 1 == i {
                        cut_header = t
                            .rows
                            .first()
                            .and_then(|r| header_cut_above(p, r))
                            .map(|r| (k, r));
                    }
                    break;
                }
            },
            _ => break,
        }
    }
    lead.reverse();
    let mut parts: Vec<usize> = header_line.iter().map(|(k, _)| *k).collect();
    parts.extend(cut_header.iter().map(|(k, _)| *k));
    parts.extend(lead.iter().map(|(k, _)| *k));
    parts.push(i);
    let mut rows: Vec<Row> = cut_header.into_iter().map(|(_, r)| r).collect();
    rows.extend(lead.into_iter().map(|(_, r)| r));
    rows.extend(t.rows.iter().cloned());
    Some(Summary {
        table: std::borrow::Cow::Owned(Table {
            rows,
            source: t.source.clone(),
        }),
        parts,
        bands_of_header_line: header_line.map(|(_, b)| b),
    })
}

/// A summary header a page break cut through its labels: the first line of each label left
/// as a line of text at the page's foot ("Зорилт Арга хэмжээний 100 /90- 90 /70- … Хэрэгжилт"),
/// the rest the first row of the table on the next page ("тоо | 100/ | 89/ | … | хувь"). The
/// line's cut band labels ("100 /90-") pair in order with the row's cells that end one
/// ("100/"); the words before the first go to the cell left of the first band's, those after
/// the last to the cell right of the last band's. Returns the line as a header row above
/// `row`, to be read with it column by column; `None` unless both hold the same number of cut
/// labels (two or more) and nothing else stands between them.
fn header_cut_above(p: &crate::layout::Paragraph, row: &Row) -> Option<Row> {
    let text = normalize(&p.text);
    let starts: Vec<regex::Match> = CUT_START.find_iter(&text).collect();
    let ends: Vec<usize> = (0..row.cells.len())
        .filter(|&c| CUT_END.is_match(normalize(&row.cell_text(c)).trim()))
        .collect();
    if starts.len() < 2 || starts.len() != ends.len() {
        return None;
    }
    let between_empty = starts
        .windows(2)
        .all(|w| text[w[0].end()..w[1].start()].trim().is_empty());
    if !between_empty {
        return None;
    }
    let mut cells = vec![Cell::default(); row.cells.len()];
    for (m, &c) in starts.iter().zip(&ends) {
        cells[c] = Cell::new(vec![m.as_str().trim().to_string()]);
    }
    let filled = |c: usize| !row.cell_text(c).trim().is_empty();
    // The labels before the bands and after them need cells of their own there: without
    // one, the row's columns are not the header's (a band's column merged with the percent's).
    let prefix = text[..starts[0].start()].trim();
    if !prefix.is_empty() {
        let c = (0..ends[0]).rev().find(|&c| filled(c))?;
        cells[c] = Cell::new(vec![prefix.to_string()]);
    }
    let suffix = text[starts[starts.len() - 1].end()..].trim();
    let last = ends[ends.len() - 1];
    if !suffix.is_empty() {
        let c = (last + 1..row.cells.len()).find(|&c| filled(c))?;
        cells[c] = Cell::new(vec![suffix.to_string()]);
    }
    Some(Row {
        cells,
        source: p.source.clone(),
        after_page_break: false,
    })
}

/// The bands of a summary header left as a line of text ("Зорилт Арга хэмжээний тоо
/// 100 /90-100/ 70 /70-89/ 30 /30-69/ 0 /0-29/ Хэрэгжилт хувь"), in order; `None` unless it
/// names the count of measures and at least two bands. Labels wrapped in their cells come out
/// as lines of the labels' first parts, then of their second ("… 100 /90- 70 /70- …" over
/// "тоо 100/ 89/ …"): their parts pair in order.
fn header_line_bands(p: &crate::layout::Paragraph) -> Option<Vec<Band>> {
    let text = normalize(&p.text);
    let squeezed: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let names_count = squeezed.contains("аргахэмжээнийтоо")
        || (squeezed.contains("аргахэмжээний")
            && text.split_whitespace().any(|w| w.to_lowercase() == "тоо"));
    if !names_count {
        return None;
    }
    bands_in_text(&text)
        .or_else(|| wrapped_bands_in_text(&text))
        .filter(|b| b.len() >= 2)
}

/// "100 /90-": a band label's first part, its range cut after the dash.
static CUT_START: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"({NUM})\s*%?\s*[/(]\s*({NUM})\s*%?\s*-")));
/// "100/": a band label's second part, the range's end.
static CUT_END: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{NUM}\s*%?\s*[/)]$")));

/// Band labels wrapped in their cells, read as lines of text: the labels whole or cut after
/// their range's dash ("100 /90-") in order, then the cut ones' ends ("100/") in order, paired.
/// `None` unless every cut label gets an end, no other figure is left, and the ranges read
/// follow each other without overlapping (a wrong pairing gives "/90-89/").
fn wrapped_bands_in_text(text: &str) -> Option<Vec<Band>> {
    // Whole labels as a cell prints them, the range without a space after its dash: with
    // one, "100 /90- 70 /" is two cut labels, not one.
    static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"{NUM}\s*%?\s*[/(]\s*{NUM}\s*%?\s*-{NUM}\s*%?\s*[/)]|/\s*-\s*/"
        ))
    });
    let whole: Vec<(usize, usize)> = WHOLE
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let in_whole = |i: usize| whole.iter().any(|&(a, b)| a <= i && i < b);
    let cut: Vec<(usize, usize)> = CUT_START
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .filter(|&(a, _)| !in_whole(a))
        .collect();
    let mut rest = text.to_string();
    for &(a, b) in whole.iter().chain(&cut) {
        rest.replace_range(a..b, &" ".repeat(b - a));
    }
    let (ends, others): (Vec<&str>, Vec<&str>) = rest
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .partition(|w| CUT_END.is_match(w));
    if cut.is_empty() || cut.len() != ends.len() || !others.is_empty() {
        return None;
    }
    let mut labels: Vec<(usize, String)> = whole
        .iter()
        .map(|&(a, b)| (a, text[a..b].to_string()))
        .chain(
            cut.iter()
                .zip(&ends)
                .map(|(&(a, b), end)| (a, format!("{}{end}", text[a..b].trim()))),
        )
        .collect();
    labels.sort_by_key(|(at, _)| *at);
    let bands: Vec<Band> = labels
        .iter()
        .map(|(_, l)| parse_band(l))
        .collect::<Option<_>>()?;
    let ranges: Vec<(f64, f64)> = bands
        .iter()
        .filter(|b| !b.not_due)
        .map(|b| b.low.zip(b.high))
        .collect::<Option<_>>()?;
    let ordered = ranges.iter().all(|(low, high)| low <= high)
        && (ranges.windows(2).all(|w| w[1].1 < w[0].0)
            || ranges.windows(2).all(|w| w[0].1 < w[1].0));
    ordered.then_some(bands)
}

/// Every band label in a text, in order; `None` when a figure is left outside them (a label
/// broken by its cell's wrapping, "100 /90-" … "100/"): the scale read would miss a band.
fn bands_in_text(text: &str) -> Option<Vec<Band>> {
    let bands: Vec<Band> = BAND_IN_LINE
        .find_iter(text)
        .filter_map(|m| parse_band(m.as_str()))
        .collect();
    let rest = BAND_IN_LINE.replace_all(text, " ");
    (!rest.chars().any(|c| c.is_ascii_digit())).then_some(bands)
}

/// A summary row read as a line of text ("Зорилт 1: <name> 5 3 2 91,5"): its name, then its
/// figures in order (the count of measures first, the percent last, band counts between), the
/// percent in the last of `width` cells. The band figures keep their order but not their
/// columns, which the line no longer shows.
fn flattened_row(p: &crate::layout::Paragraph, width: usize) -> Option<Row> {
    let text = normalize(&p.text);
    let text = text.trim();
    if width < 3 || !SUMMARY_OBJECTIVE.is_match(text) || ITEM.is_match(text) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let figures = words
        .iter()
        .rev()
        .take_while(|w| matches!(parse_score(w), ScoreCell::Value(_) | ScoreCell::NotDue))
        .count();
    // "Зорилт 1: name" before the figures, and at least a count and a percent.
    if figures < 2 || words.len() < figures + 3 {
        return None;
    }
    let split = words.len() - figures;
    let name = words[..split].join(" ");
    let mut cells: Vec<Cell> = std::iter::once(name)
        .chain(words[split..].iter().map(|w| w.to_string()))
        .map(|t| Cell::new(vec![t]))
        .collect();
    let percent = cells.pop().unwrap_or_default();
    cells.resize(width.max(cells.len() + 1) - 1, Cell::default());
    cells.push(percent);
    Some(Row {
        cells,
        source: p.source.clone(),
        after_page_break: false,
    })
}

/// A summary table followed by the rest of its rows, after a page break. A PDF may set the rows in one grid with a table below
/// them (the narrative list), so a row can have more cells than the header: the columns taken
/// out are those empty in every objective's row, those holding the other table's text first.
fn continue_with(header: &Table, body: &Table) -> Table {
    let width = header.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let body_width = body.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let is_objective = |r: &Row| SUMMARY_OBJECTIVE.is_match(normalize(&r.cell_text(0)).trim());
    let filled = |i: usize, objective: bool| {
        body.rows
            .iter()
            .filter(|r| is_objective(r) == objective)
            .filter(|r| r.cells.get(i).is_some_and(|c| !c.is_empty()))
            .count()
    };
    let mut spare: Vec<usize> = (1..body_width).filter(|&i| filled(i, true) == 0).collect();
    spare.sort_by_key(|&i| (std::cmp::Reverse(filled(i, false)), i));
    let extra = body_width.saturating_sub(width);
    let drop: Vec<usize> = if spare.len() >= extra {
        spare[..extra].to_vec()
    } else {
        Vec::new()
    };
    let page_break =
        header.rows.last().map(|r| r.source.page) != body.rows.first().map(|r| r.source.page);
    let rows = body.rows.iter().enumerate().map(|(n, r)| {
        let mut r = r.clone();
        r.after_page_break |= n == 0 && page_break;
        if r.cells.len() == body_width {
            r.cells = r
                .cells
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !drop.contains(i))
                .map(|(_, c)| c)
                .collect();
        }
        r
    });
    Table {
        rows: header.rows.iter().cloned().chain(rows).collect(),
        source: header.source.clone(),
    }
}

/// A summary row without its header: "Зорилт N: text" first, a percent last.
fn is_objective_row(row: &Row) -> bool {
    let first = normalize(&row.cell_text(0));
    let last = row
        .cells
        .iter()
        .rev()
        .map(|c| c.text())
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    row.cells.len() >= 3
        && SUMMARY_OBJECTIVE.is_match(first.trim())
        && !ITEM.is_match(first.trim())
        && matches!(parse_score(&last), ScoreCell::Value(_) | ScoreCell::NotDue)
}

fn stated(raw: &str, source: &Source) -> Option<StatedNumber> {
    match parse_score(raw) {
        ScoreCell::Value(v) => Some(StatedNumber {
            value: v,
            raw: raw.trim().to_string(),
            source: source.clone(),
        }),
        _ => None,
    }
}

/// An objective's name cut by a row edge drawn too high (a table without rules: the name's
/// last lines, below its figures, read as the next row's first): the lines in a row's name
/// cell before its own "Зорилт N" go back to the row above, when that is an objective's.
fn name_tails_up(mut rows: Vec<Row>) -> Vec<Row> {
    for k in 1..rows.len() {
        if !SUMMARY_OBJECTIVE.is_match(normalize(&rows[k - 1].cell_text(0)).trim()) {
            continue;
        }
        let Some(cell) = rows[k].cells.first() else {
            continue;
        };
        let lines: Vec<String> = cell
            .paragraphs
            .iter()
            .flat_map(|p| p.lines().map(str::to_string))
            .collect();
        let Some(at) = lines
            .iter()
            .position(|l| SUMMARY_OBJECTIVE.is_match(normalize(l).trim()))
            .filter(|&at| at > 0)
        else {
            continue;
        };
        rows[k].cells[0].paragraphs = vec![lines[at..].join("\n")];
        if let Some(above) = rows[k - 1].cells.first_mut() {
            above.paragraphs.push(lines[..at].join("\n"));
        }
    }
    rows
}

/// Summary rows with a page break inside them joined back: an objective's name on one side of
/// the break, its figures alone on the other (a page may take the figures and leave the name,
/// set lower in its cell, to the next), or the name itself cut ("Зорилт" / "4: Ашиг …").
fn join_cut_rows(rows: &[Row]) -> Vec<Row> {
    let name_only = |r: &Row| {
        SUMMARY_OBJECTIVE.is_match(normalize(&r.cell_text(0)).trim())
            && r.cells.iter().skip(1).all(Cell::is_empty)
    };
    let figures_only = |r: &Row| {
        r.cells.first().is_some_and(Cell::is_empty) && r.cells.iter().skip(1).any(|c| !c.is_empty())
    };
    let mut out: Vec<Row> = Vec::new();
    for row in rows {
        if let Some(last) = out.last_mut() {
            let cut = row.after_page_break && last.cells.len() == row.cells.len();
            let (name, figures) = if cut && figures_only(last) && name_only(row) {
                (row, last.clone())
            } else if cut && name_only(last) && figures_only(row) {
                (&last.clone(), row.clone())
            } else if cut
                && row.cells.iter().skip(1).all(Cell::is_empty)
                && !last.cells[0].is_empty()
                && !SUMMARY_OBJECTIVE.is_match(normalize(&last.cell_text(0)).trim())
            {
                // The name itself cut: "Зорилт" above the break, "4: Ашиг …" below.
                let rest = row.cells[0].paragraphs.clone();
                let name = &mut last.cells[0].paragraphs;
                match (name.last_mut(), rest.split_first()) {
                    (Some(end), Some((first, more))) => {
                        end.push(' ');
                        end.push_str(first);
                        name.extend(more.iter().cloned());
                    }
                    _ => name.extend(rest),
                }
                continue;
            } else {
                out.push(row.clone());
                continue;
            };
            let mut joined = figures;
            joined.cells[0] = name.cells[0].clone();
            joined.source = name.source.clone();
            *last = joined;
            continue;
        }
        out.push(row.clone());
    }
    out
}

/// What a summary table's header cell names.
enum HeaderRole {
    Band(Band),
    /// Several band labels in one cell: their columns merged.
    Bands(Vec<Band>),
    /// "Арга хэмжээний тоо": the count of measures.
    Count,
    /// "Хэрэгжилт хувь", "%": the percent.
    Percent,
}

fn header_role(text: &str) -> Option<HeaderRole> {
    // Spaces dropped: a narrow header cell breaks words anywhere ("хэмжээни й тоо").
    let l: String = normalize(text)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let several: Vec<Band> = bands_in_text(&normalize(text)).unwrap_or_default();
    if let Some(b) = parse_band(text) {
        Some(HeaderRole::Band(b))
    } else if several.len() >= 2 {
        Some(HeaderRole::Bands(several))
    } else if l.contains("аргахэмжээнийтоо") && !l.contains("хувь") {
        Some(HeaderRole::Count)
    } else if (l.contains("хувь") || l == "%") && !l.contains("аргахэмжээнийтоо")
    {
        Some(HeaderRole::Percent)
    } else {
        None
    }
}

/// A summary row's figures read in order, its band columns not known.
struct InOrder {
    n_measures: Option<StatedNumber>,
    band_counts: Vec<Option<u32>>,
    unplaced: Option<StatedNumber>,
    percent: Option<StatedNumber>,
}

/// The figures of a summary row whose band columns are not known (its header was a line of
/// text): the count of measures first, the percent last, the band counts between in printed
/// order, placed on `scale` by [`band_placement::place`]. A dash is a band printed as none.
fn read_in_order(
    r: &Row,
    no: u32,
    columns: Option<(usize, usize)>,
    scale: &[Band],
    problems: &mut Vec<Problem>,
) -> InOrder {
    let mut problem = |message: Message| {
        problems.push(Problem {
            stage: crate::model::Stage::Evaluation,
            source: r.source.clone(),
            message: format!("summary table row of objective {no}: {}", message.en),
            message_mn: format!("{no}-р зорилтын нэгтгэл хүснэгтийн мөр: {}", message.mn),
        })
    };
    let words = |cells: &[Cell]| -> Vec<String> {
        cells
            .iter()
            .flat_map(|c| {
                normalize(&c.text())
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let mut out = InOrder {
        n_measures: None,
        band_counts: Vec::new(),
        unplaced: None,
        percent: None,
    };
    // The count's and the percent's columns known: the band figures are what stands between
    // (the first band's figure may have run into the count's cell: read word by word).
    let figures: Vec<String> = match columns {
        Some((count, percent))
            if count < percent && percent < r.cells.len() && !r.cells[count].is_empty() =>
        {
            let mut f = words(&r.cells[count..percent]);
            f.push(normalize(&r.cell_text(percent)).trim().to_string());
            f
        }
        Some(_) => return out,
        None => words(&r.cells[1.min(r.cells.len())..]),
    };
    let [count, middle @ .., percent] = figures.as_slice() else {
        return out;
    };
    out.percent = stated(percent, &r.source);
    out.n_measures = count
        .parse::<u32>()
        .ok()
        .and_then(|_| stated(count, &r.source));
    let is_dash = |t: &str| t.chars().all(|c| matches!(c, '-' | '–' | '—' | '/'));
    let slots: Option<Vec<Option<u32>>> = middle
        .iter()
        .map(|t| match t.parse::<u32>() {
            Ok(n) => Some(Some(n)),
            Err(_) if is_dash(t) => Some(None),
            Err(_) => None,
        })
        .collect();
    let Some(slots) = slots else {
        problem(Message::new(
            format!(
                "figures {middle:?} between its count and its percent are not all whole numbers; the row's band counts were not checked"
            ),
            format!(
                "тоо ба хувийн хоорондох {middle:?} бүгд бүхэл тоо биш; мөрийн түвшний тоонуудыг шалгаагүй"
            ),
        ));
        return out;
    };
    // Every band printed (a dash for none): the order places them, if they agree.
    if slots.len() == scale.len() && slots.iter().any(Option::is_none) {
        let counts: Vec<u32> = slots.iter().map(|c| c.unwrap_or(0)).collect();
        if band_placement::place(
            &counts,
            scale,
            out.n_measures.as_ref(),
            out.percent.as_ref(),
        ) != Placement::NoFit
        {
            out.band_counts = slots;
            return out;
        }
    }
    let numbers: Vec<u32> = slots.iter().flatten().copied().collect();
    if numbers.is_empty() {
        return out;
    }
    match band_placement::place(
        &numbers,
        scale,
        out.n_measures.as_ref(),
        out.percent.as_ref(),
    ) {
        Placement::Placed(counts) => out.band_counts = counts,
        outcome => {
            let why = if outcome == Placement::Ambiguous {
                Message::new(
                    "fit more than one of the header's bands",
                    "толгойн нэгээс олон түвшинд тохирч байна",
                )
            } else {
                Message::new(
                    "fit no order of the header's bands that agrees with its count and percent",
                    "тоо, хувьтайгаа нийцэх толгойн түвшний ямар ч дараалалд тохирохгүй",
                )
            };
            problem(Message::new(
                format!(
                    "band figures {numbers:?} (columns not printed) {}; kept unplaced",
                    why.en
                ),
                format!(
                    "түвшний тоонууд {numbers:?} (багана нь хэвлэгдээгүй) {}; байршуулалгүй үлдээсэн",
                    why.mn
                ),
            ));
            out.unplaced = Some(StatedNumber {
                value: numbers.iter().sum::<u32>() as f64,
                raw: numbers
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                source: r.source.clone(),
            });
        }
    }
    out
}

fn parse_summary(
    table: &Table,
    header_line: Option<&[Band]>,
    problems: &mut Vec<Problem>,
) -> (Vec<Band>, Vec<SummaryRow>) {
    let rows = name_tails_up(join_cut_rows(&table.rows));
    let table = &Table {
        rows,
        source: table.source.clone(),
    };
    let header_rows: Vec<&Row> = table
        .rows
        .iter()
        .take_while(|r| !SUMMARY_OBJECTIVE.is_match(normalize(&r.cell_text(0)).trim()))
        .collect();
    let n_header = header_rows.len();
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    // Column roles from each header row's cells; then, for a column none names, from its
    // cells joined down the header rows (a label broken over two rows by a page break:
    // "100 /90-" above, "100/" below).
    let mut bands: Vec<(usize, Band)> = Vec::new();
    let mut merged_at: Vec<usize> = Vec::new();
    let mut count_col = None;
    let mut percent_col = None;
    let mut assign = |i: usize, role: HeaderRole| match role {
        HeaderRole::Band(b) => bands.push((i, b)),
        HeaderRole::Bands(several) => {
            // Band columns merged into one (their sparse counts did not show their edges):
            // the rows' figures under them are read in order.
            merged_at.push(i);
            bands.extend(several.into_iter().map(|b| (i, b)));
        }
        HeaderRole::Count => count_col = Some(i),
        HeaderRole::Percent => percent_col = Some(i),
    };
    let mut named: Vec<usize> = Vec::new();
    for r in &header_rows {
        for (i, c) in r.cells.iter().enumerate() {
            if let Some(role) = header_role(&c.text()) {
                named.push(i);
                assign(i, role);
            }
        }
    }
    for i in (0..width).filter(|i| !named.contains(i)) {
        let joined: Vec<String> = header_rows.iter().map(|r| r.cell_text(i)).collect();
        if let Some(role) = header_role(&joined.join(" ")) {
            assign(i, role);
        }
    }
    // Last, a column none names whose label OCR garbled: its band read as it can be.
    let placed: Vec<usize> = bands.iter().map(|(i, _)| *i).collect();
    for i in (0..width).filter(|i| !named.contains(i) && !placed.contains(i)) {
        let joined: Vec<String> = header_rows.iter().map(|r| r.cell_text(i)).collect();
        if let Some(b) = parse_garbled_band(&joined.join(" ")) {
            bands.push((i, b));
        }
    }
    // Column 0 holds the objectives' names: a count label there means the count's column was
    // drawn into it (its figures are read from the name cell).
    if count_col == Some(0) {
        count_col = None;
    }
    if percent_col.is_none() && width > 0 && !bands.iter().any(|(i, _)| *i == width - 1) {
        percent_col = Some(width - 1);
    }
    // A header label split over two columns ("Хэрэгжилт" | "хувь"): the figures stand under
    // the other part; the column named "хувь" is then empty on every objective's row.
    let objective_rows = || {
        table.rows[n_header..]
            .iter()
            .filter(|r| SUMMARY_OBJECTIVE.is_match(normalize(&r.cell_text(0)).trim()))
    };
    if let Some(i) = percent_col.filter(|&i| i > 0) {
        let filled = |c: usize| {
            objective_rows()
                .filter(|r| !r.cell_text(c).trim().is_empty())
                .count()
        };
        let left_free = count_col != Some(i - 1) && !bands.iter().any(|(b, _)| *b == i - 1);
        if filled(i) == 0 && left_free && filled(i - 1) > 0 {
            percent_col = Some(i - 1);
        }
    }
    bands.sort_by_key(|(i, _)| *i);
    let mut scale: Vec<Band> = bands.iter().map(|(_, b)| b.clone()).collect();
    complete_cut_ranges(&mut scale);
    for ((_, b), completed) in bands.iter_mut().zip(scale) {
        *b = completed;
    }
    let merged_bands: Option<Vec<Band>> =
        (!merged_at.is_empty()).then(|| bands.iter().map(|(_, b)| b.clone()).collect());
    let mut rows: Vec<SummaryRow> = Vec::new();
    for r in &table.rows[n_header..] {
        let first = normalize(&r.cell_text(0));
        let others_empty = r.cells.iter().skip(1).all(Cell::is_empty);
        if !is_summary_row(r)
            && (HEADING.is_match(first.trim())
                || r.cells.iter().any(|c| ITEM.is_match(&normalize(&c.text()))))
        {
            // A narrative band heading or item run into the table: read with the narrative.
            continue;
        }
        if let Some(c) = SUMMARY_OBJECTIVE
            .captures(first.trim())
            .filter(|_| !ITEM.is_match(first.trim()))
        {
            let Ok(no) = c[1].parse::<u32>() else {
                continue;
            };
            let raw_text = r.cell_text(0);
            // The text after "Зорилт N:" in the raw cell.
            let raw_rest = raw_text
                .split_once([':', '.'])
                .map(|(_, rest)| rest.trim().to_string())
                .unwrap_or_else(|| c[2].to_string());
            let in_order = match (header_line, &merged_bands) {
                (Some(scale), _) if bands.is_empty() => Some((scale, None)),
                (_, Some(scale)) => Some((scale.as_slice(), count_col.zip(percent_col))),
                _ => None,
            };
            if let Some((scale, columns)) = in_order {
                let read = read_in_order(r, no, columns, scale, problems);
                rows.push(SummaryRow {
                    objective_no: no,
                    text: field(&raw_rest),
                    n_measures: read.n_measures,
                    band_counts: read.band_counts,
                    band_counts_unplaced: read.unplaced,
                    percent: read.percent,
                    source: r.source.clone(),
                });
                continue;
            }
            let mut n_measures = count_col.and_then(|i| stated(&r.cell_text(i), &r.source));
            let mut band_counts: Vec<Option<u32>> = bands
                .iter()
                .map(|(i, _)| normalize(&r.cell_text(*i)).parse::<u32>().ok())
                .collect();
            // A count cell that holds text but no single whole number ("3 2": two columns'
            // figures read as one cell; an OCR misreading) leaves the row's counts unknown,
            // not zero: the row was not read as printed.
            let misread: Vec<String> = count_col
                .filter(|_| n_measures.is_none())
                .into_iter()
                .chain(bands.iter().map(|(i, _)| *i))
                .map(|i| normalize(&r.cell_text(i)).trim().to_string())
                // A dash is how many tables print "none".
                .filter(|t| {
                    !t.is_empty()
                        && !t.chars().all(|c| matches!(c, '-' | '–' | '—' | '/'))
                        && t.parse::<u32>().is_err()
                })
                .collect();
            // Figures on a line of their own in the name's cell: the count's and bands' columns
            // were drawn into it (a header cut by a page break shifts the columns).
            let in_name = r.cells[0]
                .paragraphs
                .iter()
                .flat_map(|p| p.lines())
                .find(|l| {
                    let words: Vec<&str> = l.split_whitespace().collect();
                    !words.is_empty()
                        && words
                            .iter()
                            .all(|w| w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit()))
                });
            // They stand in the columns' order: the count first, then the first bands'
            // figures, whose own cells are then empty.
            let mut in_name = in_name;
            if let (Some(line), true, None) = (in_name, misread.is_empty(), &n_measures) {
                let figures: Vec<u32> = line
                    .split_whitespace()
                    .filter_map(|w| w.parse().ok())
                    .collect();
                let count_empty = count_col.is_none_or(|i| r.cell_text(i).trim().is_empty());
                let bands_free = figures.len() - 1 <= band_counts.len()
                    && band_counts[..figures.len() - 1].iter().all(Option::is_none);
                if count_empty && bands_free {
                    n_measures = stated(&figures[0].to_string(), &r.source);
                    for (slot, &f) in band_counts.iter_mut().zip(&figures[1..]) {
                        *slot = Some(f);
                    }
                    in_name = None;
                }
            }
            if !misread.is_empty() || in_name.is_some() {
                let what = match in_name {
                    Some(line) => Message::new(
                        format!("figures {line:?} stand in the objective's name cell"),
                        format!("зорилтын нэрийн нүдэнд {line:?} тоонууд байна"),
                    ),
                    None => Message::new(
                        format!(
                            "count cell(s) {misread:?} hold no single whole number (figures of two columns read as one?)"
                        ),
                        format!(
                            "тооны нүд {misread:?}-д ганц бүхэл тоо алга (хоёр баганын тоог нэг гэж уншсан?)"
                        ),
                    ),
                };
                problems.push(Problem {
                    stage: crate::model::Stage::Evaluation,
                    source: r.source.clone(),
                    message: format!(
                        "summary table row of objective {no}: {}; the row's counts were not checked",
                        what.en
                    ),
                    message_mn: format!(
                        "{no}-р зорилтын нэгтгэл хүснэгтийн мөр: {}; мөрийн тоонуудыг шалгаагүй",
                        what.mn
                    ),
                });
                band_counts.clear();
                n_measures = None;
            }
            let percent = percent_col.and_then(|i| stated(&r.cell_text(i), &r.source));
            // A percent above 0 needs a measure in some band: with every band cell empty, the
            // cells were not read (their figures stand in another column), not all zero.
            let unread = !band_counts.is_empty()
                && band_counts.iter().all(Option::is_none)
                && percent.as_ref().is_some_and(|p| p.value > 0.0);
            if unread {
                problems.push(Problem {
                    stage: crate::model::Stage::Evaluation,
                    source: r.source.clone(),
                    message: format!(
                        "summary table row of objective {no}: percent {:?} but no band count; the row's band counts were not read and were not checked",
                        percent.as_ref().map(|p| p.raw.as_str()).unwrap_or_default()
                    ),
                    message_mn: format!(
                        "{no}-р зорилтын нэгтгэл хүснэгтийн мөр: хувь {:?} байгаа ч түвшний тоо алга; мөрийн түвшний тоонуудыг уншаагүй, шалгаагүй",
                        percent.as_ref().map(|p| p.raw.as_str()).unwrap_or_default()
                    ),
                });
                band_counts.clear();
            }
            rows.push(SummaryRow {
                objective_no: no,
                text: field(&raw_rest),
                n_measures,
                band_counts,
                band_counts_unplaced: None,
                percent,
                source: r.source.clone(),
            });
        } else if !first.is_empty() && others_empty && !HEADING.is_match(first.trim()) {
            // The objective's text continues on the next page.
            if let Some(last) = rows.last_mut() {
                let raw = last.text.raw.clone().unwrap_or(last.text.text.clone());
                last.text = field(&format!("{raw}\n{}", r.cell_text(0)));
            }
        } else if !first.is_empty() {
            problems.push(Problem {
                stage: crate::model::Stage::Evaluation,
                source: r.source.clone(),
                message: format!("summary table row {first:?} is not an objective row; skipped"),
                message_mn: format!("нэгтгэл хүснэгтийн {first:?} мөр зорилтын мөр биш; алгассан"),
            });
        }
    }
    let bands: Vec<Band> = match header_line {
        Some(scale) if bands.is_empty() => scale.to_vec(),
        _ => bands.into_iter().map(|(_, b)| b).collect(),
    };
    (bands, rows)
}

/// Parse the evaluation part after the plan table. `None` when the report has none.
pub fn parse(doc: &Document, plan_idx: usize, problems: &mut Vec<Problem>) -> Option<EvalOutput> {
    let summary_table = find_summary(doc, plan_idx);
    let (bands, summary) = summary_table
        .as_ref()
        .map(|s| parse_summary(&s.table, s.bands_of_header_line.as_deref(), problems))
        .unwrap_or_default();
    let in_summary = |i: usize| summary_table.as_ref().is_some_and(|s| s.parts.contains(&i));
    let mut eval = Evaluation {
        bands,
        ..Default::default()
    };
    let mut heading: Option<BandHeading> = None;
    let mut pending_count_for_heading = false;
    // A list item that wraps onto a paragraph of its own (a page break, an OCR line gap) is
    // joined back: the part after it starts in lowercase and the item has not ended.
    let mut paragraphs: Vec<crate::layout::Paragraph> = Vec::new();
    let mut blocks: Vec<crate::layout::Paragraph> = Vec::new();
    for (i, block) in doc.blocks[plan_idx + 1..].iter().enumerate() {
        match block {
            Block::Paragraph(_) if in_summary(i) => {}
            Block::Paragraph(p) => blocks.push(p.clone()),
            Block::Table(t) if !in_summary(i) => {
                blocks.extend(t.rows.iter().flat_map(row_as_paragraphs))
            }
            // A narrative list set as a table right under the summary may come out of a PDF
            // as the summary's own rows: what is not a summary row is read as text.
            Block::Table(t) => blocks.extend(
                t.rows
                    .iter()
                    .filter(|r| !is_summary_row(r))
                    .flat_map(row_as_paragraphs),
            ),
        }
    }
    for p in blocks {
        let t = normalize(&p.text);
        let starts_lower = t
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_lowercase);
        // A score alone ("/100/") is the end of the item above, wrapped onto its own line.
        let lone_score = ITEM_SCORE
            .find(&t)
            .is_some_and(|m| m.start() == 0 && !t.trim().is_empty());
        match paragraphs.last_mut() {
            Some(prev)
                if ITEM.is_match(&normalize(&prev.text))
                    && !ITEM_SCORE.is_match(&normalize(&prev.text))
                    && (lone_score
                        || starts_lower && !normalize(&prev.text).ends_with(['.', ';'])) =>
            {
                prev.text.push('\n');
                prev.text.push_str(&p.text);
            }
            _ => paragraphs.push(p),
        }
    }
    for p in &paragraphs {
        let t = normalize(&p.text);
        if let Some(c) = ITEM.captures(&t) {
            let code = format!("{}.{}", &c[1], &c[2]);
            let mut rest = c[3].to_string();
            let mut score = None;
            let mut not_due = false;
            let stated = ITEM_SCORE_RULE_DEBRIS
                .captures(&rest)
                .or_else(|| ITEM_SCORE.captures(&rest));
            if let Some(s) = stated {
                let raw = s[0].trim().to_string();
                match parse_score(&s[1]) {
                    ScoreCell::Value(v) => {
                        score = Some(StatedNumber {
                            value: v,
                            raw,
                            source: p.source.clone(),
                        })
                    }
                    ScoreCell::NotDue => not_due = true,
                    _ => {}
                }
                rest.truncate(s.get(0).map_or(rest.len(), |m| m.start()));
            }
            let text = rest
                .trim()
                .trim_end_matches([';', '.', ','])
                .trim()
                .to_string();
            eval.items.push(NarrativeItem {
                code,
                text: Text {
                    text,
                    raw: Some(p.text.clone()),
                },
                score,
                not_due,
                heading: heading.clone(),
                source: p.source.clone(),
                raw: p.text.clone(),
            });
            pending_count_for_heading = false;
            continue;
        }
        if let Some(c) = HEADING.captures(&t) {
            let number = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<f64>().ok());
            // A band label's range ("30 /30-69/") is where its measures' scores lie.
            let (low, high) = match (number(3), number(4)) {
                (Some(low), Some(high)) => (low, high),
                _ => {
                    let low = number(1).unwrap_or(f64::NAN);
                    (low, number(2).unwrap_or(low))
                }
            };
            let count_stated = number(5).map(|value| StatedNumber {
                value,
                raw: t.clone(),
                source: p.source.clone(),
            });
            if let Some(n) = &count_stated {
                eval.stated_counts.push(StatedCount {
                    what: format!("band:{low}-{high}"),
                    value: n.value,
                    raw: t.clone(),
                    source: p.source.clone(),
                });
            }
            pending_count_for_heading = count_stated.is_none();
            heading = Some(BandHeading {
                raw: t.clone(),
                low,
                high,
                count_stated,
                source: p.source.clone(),
            });
            continue;
        }
        if pending_count_for_heading {
            if let Some(c) = HEADING_COUNT.captures(&t) {
                if let Some(h) = heading.as_mut() {
                    h.count_stated = Some(StatedNumber {
                        value: c[1].parse().unwrap_or(f64::NAN),
                        raw: c[0].to_string(),
                        source: p.source.clone(),
                    });
                    eval.stated_counts.push(StatedCount {
                        what: format!("band:{}-{}", h.low, h.high),
                        value: c[1].parse().unwrap_or(f64::NAN),
                        raw: t.clone(),
                        source: p.source.clone(),
                    });
                }
                pending_count_for_heading = false;
                continue;
            }
        }
        if p.emphasis {
            heading = None;
        }
        if let Some(c) = TOTALS.captures(&t) {
            for (what, i) in [("objectives", 1), ("measures", 2)] {
                eval.stated_counts.push(StatedCount {
                    what: what.into(),
                    value: count_value(&c[i]),
                    raw: t.clone(),
                    source: p.source.clone(),
                });
            }
        }
        if let Some(c) = BAND_COUNT.captures(&t) {
            let low: f64 = c[1].parse().unwrap_or(f64::NAN);
            let high: f64 = c
                .get(2)
                .and_then(|m| m.as_str().parse().ok())
                .unwrap_or(low);
            eval.stated_counts.push(StatedCount {
                what: format!("band:{low}-{high}"),
                value: c[3].parse().unwrap_or(f64::NAN),
                raw: t.clone(),
                source: p.source.clone(),
            });
        }
        for c in PROSE_BAND.captures_iter(&t) {
            eval.stated_counts.push(StatedCount {
                what: format!("band:{}-{}", &c[1], &c[1]),
                value: c[2].parse().unwrap_or(f64::NAN),
                raw: c[0].to_string(),
                source: p.source.clone(),
            });
        }
        for c in PROSE_NOT_DUE.captures_iter(&t) {
            eval.stated_counts.push(StatedCount {
                what: "not_due".into(),
                value: c[1].parse().unwrap_or(f64::NAN),
                raw: c[0].to_string(),
                source: p.source.clone(),
            });
        }
        if !TOTALS.is_match(&t) {
            if let Some(c) = PROSE_TOTAL.captures(&t) {
                eval.stated_counts.push(StatedCount {
                    what: "measures".into(),
                    value: c[1].parse().unwrap_or(f64::NAN),
                    raw: c[0].to_string(),
                    source: p.source.clone(),
                });
            }
        }
        if eval.overall_conclusion.is_none() {
            if let Some(c) = PROSE_MEAN.captures(&t) {
                eval.overall_conclusion = Some(StatedNumber {
                    value: c[1].parse().unwrap_or(f64::NAN),
                    raw: c[0].to_string(),
                    source: p.source.clone(),
                });
            }
        }
        if eval.overall_conclusion.is_none() {
            if let Some(c) = CONCLUSION
                .captures(&t)
                .or_else(|| PLAN_PERCENT.captures(&t))
            {
                eval.overall_conclusion = Some(StatedNumber {
                    value: c[1].parse().unwrap_or(f64::NAN),
                    raw: c[0].to_string(),
                    source: p.source.clone(),
                });
            }
        }
    }
    let found = !summary.is_empty()
        || !eval.items.is_empty()
        || eval.overall_conclusion.is_some()
        || !eval.stated_counts.is_empty();
    found.then_some(EvalOutput {
        evaluation: eval,
        summary,
    })
}

/// Put the summary table's figures on the objectives (matched by number); an objective the
/// plan table lacks, or whose text is missing there, takes the summary's text.
pub fn apply_summary(e: &EvalOutput, objectives: &mut [Objective], problems: &mut Vec<Problem>) {
    for row in &e.summary {
        match objectives
            .iter_mut()
            .find(|o| o.objective_no == row.objective_no)
        {
            Some(o) => {
                o.score_summary = row.percent.clone();
                o.n_measures_stated = row.n_measures.clone();
                o.band_counts_stated = row.band_counts.clone();
                o.band_counts_unplaced = row.band_counts_unplaced.clone();
                if o.text.is_empty() {
                    o.text = row.text.clone();
                }
            }
            None => problems.push(Problem {
                stage: crate::model::Stage::Evaluation,
                source: row.source.clone(),
                message: format!(
                    "summary table names objective {} which the plan table does not have",
                    row.objective_no
                ),
                message_mn: format!(
                    "нэгтгэл хүснэгтэд төлөвлөгөөний хүснэгтэд байхгүй {}-р зорилт байна",
                    row.objective_no
                ),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;
    use crate::read::text::parse as parse_text;

    /// A row of cells with these texts ("" for an empty cell).
    fn row_of(cells: &[&str], source: Source, after_page_break: bool) -> Row {
        Row {
            cells: cells
                .iter()
                .map(|t| {
                    Cell::new(if t.is_empty() {
                        vec![]
                    } else {
                        vec![t.to_string()]
                    })
                })
                .collect(),
            source,
            after_page_break,
        }
    }

    /// Each summary row's objective, stated count of measures and percent.
    #[test]
    fn first_rows_left_as_lines_above_a_headerless_summary_are_its_rows() {
        // The header and objective 1's row stood at a page's foot and came out as text.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
            <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
            <p>Зорилт Арга хэмжээний тоо 100 /90-100/ 0 /0-30/ Хэрэгжилт хувь</p>\
            <p>Зорилт 1: Нэг зорилт 5 4 1 80</p>\
            <table><tr><td>Зорилт 2: Хоёр</td><td>2</td><td>2</td><td></td><td>100</td></tr>\
            <tr><td>Зорилт 3: Гурав</td><td>4</td><td>4</td><td></td><td>88</td></tr></table>";
        let (doc, _) = parse_text(html, SourceFormat::Html);
        let out = parse(&doc, 0, &mut Vec::new()).unwrap();
        let percents = percents(&out);
        assert_eq!(
            percents,
            vec![(1, Some(80.0)), (2, Some(100.0)), (3, Some(88.0))]
        );
        assert_eq!(out.summary[0].text.text, "Нэг зорилт");
        // The line is the summary's, not a narrative paragraph.
        assert!(out.evaluation.items.is_empty());
    }

    #[test]
    fn a_header_line_of_labels_wrapped_in_their_cells_pairs_their_parts() {
        let labels = |text: &str| -> Option<Vec<String>> {
            let line = crate::layout::Paragraph {
                text: text.into(),
                source: Source::default(),
                emphasis: false,
                list_item: false,
            };
            header_line_bands(&line).map(|bands| bands.into_iter().map(|b| b.label).collect())
        };
        assert_eq!(
            labels("Арга хэмжээний 100 /90- 70 /70- 30 /30- 0 /0-\nЗорилт Хэрэгжилт хувь\nтоо 100/ 89/ 69/ 29/")
                .unwrap(),
            vec!["100 /90-100/", "70 /70-89/", "30 /30-69/", "0 /0-29/"]
        );
        // Whole labels between cut ones keep their places.
        assert_eq!(
            labels("Арга хэмжээний 100 /90-\nЗорилт 70 /60-89/ 40 /31-59/ 0 /0-30/ Хэрэгжилт хувь\nтоо 100/")
                .unwrap(),
            vec!["100 /90-100/", "70 /60-89/", "40 /31-59/", "0 /0-30/"]
        );
        // A second part missing, or parts that pair into ranges out of order: not read.
        assert!(labels("Арга хэмжээний 100 /90- 70 /70-\nЗорилт тоо 100/").is_none());
        assert!(labels("Арга хэмжээний 100 /90- 70 /70-\nЗорилт тоо 89/ 100/").is_none());
    }

    #[test]
    fn a_header_cut_through_its_labels_by_a_page_break_is_read_whole() {
        // The labels' first lines stood at a page's foot and came out as text; their second
        // lines head the table on the next page, the count's column drawn into the names'.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
            <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
            <p>Зорилт Арга хэмжээний 100 /90- 70 /50- 0 /0- Хэрэгжилт</p>\
            <table><tr><td>тоо</td><td>100/</td><td>89/</td><td>49/</td><td>хувь</td></tr>\
            <tr><td>Зорилт 1: Нэг</td><td>2</td><td>1</td><td></td><td>90</td></tr>\
            <tr><td>Зорилт 2: Хоёр</td><td></td><td>1</td><td>1</td><td>35</td></tr></table>";
        let (doc, _) = parse_text(html, SourceFormat::Html);
        let out = parse(&doc, 0, &mut Vec::new()).unwrap();
        let labels: Vec<&str> = out
            .evaluation
            .bands
            .iter()
            .map(|b| b.label.as_str())
            .collect();
        assert_eq!(labels, vec!["100 /90-100/", "70 /50-89/", "0 /0-49/"]);
        let counts: Vec<Vec<Option<u32>>> =
            out.summary.iter().map(|r| r.band_counts.clone()).collect();
        assert_eq!(counts[0], vec![Some(2), Some(1), None]);
        assert_eq!(counts[1], vec![None, Some(1), Some(1)]);
        assert_eq!(percents(&out), vec![(1, Some(90.0)), (2, Some(35.0))]);
        // The last band's column merged with the percent's (no cell for "хувь"): the header
        // is not read so, and no count is taken from the percent.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
            <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
            <p>Зорилт Арга хэмжээний 100 /90- 70 /50- 0 /0- Хэрэгжилт хувь</p>\
            <table><tr><td>тоо</td><td>100/</td><td>89/</td><td>49/</td></tr>\
            <tr><td>Зорилт 1: Нэг</td><td>2</td><td>1</td><td>90</td></tr>\
            <tr><td>Зорилт 2: Хоёр</td><td></td><td>1</td><td>35</td></tr></table>";
        let (doc, _) = parse_text(html, SourceFormat::Html);
        let out = parse(&doc, 0, &mut Vec::new()).unwrap();
        assert!(out.summary.iter().all(|r| !r
            .band_counts
            .iter()
            .any(|c| matches!(c, Some(90) | Some(35)))));
    }

    #[test]
    fn band_figures_under_a_header_left_as_a_line_are_placed_by_count_and_percent() {
        // The header's columns are lost with it: a row's band figures are placed where they
        // agree with its count and percent, or kept unplaced when no one order does.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
            <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
            <p>Зорилт Арга хэмжээний тоо 100 /90-100/ 70 /60-89/ 40 /31-59/ 0 /0-30/ Хэрэгжилт хувь</p>\
            <p>Зорилт 1: Нэг 5 3 1 91,2</p>\
            <table><tr><td>Зорилт 2: Хоёр</td><td>25</td><td>22</td><td></td><td>3</td><td>96,4</td></tr>\
            <tr><td>Зорилт 3: Гурав</td><td>5</td><td>3</td><td>2</td><td>1</td><td>74</td></tr>\
            <tr><td>Зорилт 4: Дөрөв</td><td>2</td><td>1</td><td></td><td>1</td><td>50</td></tr></table>";
        let (doc, _) = parse_text(html, SourceFormat::Html);
        let mut problems = Vec::new();
        let out = parse(&doc, 0, &mut problems).unwrap();
        assert_eq!(out.evaluation.bands.len(), 4);
        let placed: Vec<Vec<Option<u32>>> =
            out.summary.iter().map(|r| r.band_counts.clone()).collect();
        assert_eq!(placed[0], vec![Some(3), Some(1), None, None]);
        assert_eq!(placed[1], vec![Some(22), Some(3), None, None]);
        // 3 + 2 + 1 measures of 5: no order fits; 1 and 1 at 50: two orders fit.
        assert!(placed[2].is_empty() && placed[3].is_empty());
        let unplaced: Vec<Option<(f64, String)>> = out
            .summary
            .iter()
            .map(|r| {
                r.band_counts_unplaced
                    .as_ref()
                    .map(|s| (s.value, s.raw.clone()))
            })
            .collect();
        assert_eq!(unplaced[2], Some((6.0, "3 2 1".to_string())));
        assert_eq!(unplaced[3], Some((2.0, "1 1".to_string())));
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    /// The summary read from rows of cell texts (one page, no page break), with its problems.
    fn summary_of(rows: &[&[&str]]) -> (Vec<Band>, Vec<SummaryRow>, Vec<Problem>) {
        let table = Table {
            rows: rows
                .iter()
                .map(|cells| row_of(cells, Source::default(), false))
                .collect(),
            source: Source::default(),
        };
        let mut problems = Vec::new();
        let (bands, rows) = parse_summary(&table, None, &mut problems);
        (bands, rows, problems)
    }

    #[test]
    fn a_band_label_ocr_cut_or_misread_is_read_as_far_as_it_goes() {
        let b = parse_garbled_band("50 /30-").unwrap();
        assert_eq!((b.value, b.low, b.high), (Some(50.0), Some(30.0), None));
        // The labels' second lines run together into one word under another band.
        let b = parse_garbled_band("зо /10- 49/”:29/::9/").unwrap();
        assert_eq!((b.value, b.low, b.high), (Some(30.0), Some(10.0), None));
        // "/" read as "7": 90 /70-89/.
        let b = parse_garbled_band("90770-89/").unwrap();
        assert_eq!(
            (b.value, b.low, b.high),
            (Some(90.0), Some(70.0), Some(89.0))
        );
        let b = parse_garbled_band("30110-29/").unwrap();
        assert_eq!(
            (b.value, b.low, b.high),
            (Some(30.0), Some(10.0), Some(29.0))
        );
        // Two splits fit ("1" and "7" both could be the slash): not guessed.
        assert!(parse_garbled_band("17170-89/").is_none());
        // A heading of the narrative, words after the range: not a header's label.
        assert!(parse_garbled_band("50 /30- хувийн биелэлттэй").is_none());
        assert!(parse_garbled_band("2024-2025").is_none());
        // A row's figure read into the header under its label (20261129 r002).
        assert!(parse_garbled_band("100 /90-100/ 2").is_none());
    }

    #[test]
    fn a_band_cut_by_ocr_ends_under_the_band_above() {
        let band = |value: f64, low: f64, high: Option<f64>| Band {
            label: String::new(),
            value: Some(value),
            low: Some(low),
            high,
            not_due: false,
        };
        let mut scale = vec![
            band(100.0, 90.0, None),
            band(70.0, 50.0, Some(89.0)),
            band(50.0, 30.0, None),
            band(0.0, 0.0, None),
        ];
        complete_cut_ranges(&mut scale);
        let highs: Vec<Option<f64>> = scale.iter().map(|b| b.high).collect();
        assert_eq!(highs, vec![Some(100.0), Some(89.0), Some(49.0), Some(29.0)]);
    }

    #[test]
    fn a_summary_header_garbled_by_ocr_keeps_every_band_column() {
        // 20261129 r000 at 200 dpi: the labels' second lines ran into one word.
        let (bands, rows, _) = summary_of(&[
            &[
                "Зорилт",
                "Арга хэмжээний тоо",
                "100 /90-100/",
                "70 /50-69/",
                "50 /30-",
                "зо /10- 49/”:29/::9/",
                "0 /0-",
                "Хэрэгжилт хувь",
            ],
            &["Зорилт 1: Нэг", "4", "2", "1", "", "", "1", "67,5"],
        ]);
        let ranges: Vec<(Option<f64>, Option<f64>)> =
            bands.iter().map(|b| (b.low, b.high)).collect();
        assert_eq!(
            ranges,
            vec![
                (Some(90.0), Some(100.0)),
                (Some(50.0), Some(69.0)),
                (Some(30.0), Some(49.0)),
                (Some(10.0), Some(29.0)),
                (Some(0.0), Some(9.0)),
            ]
        );
        assert_eq!(
            rows[0].band_counts,
            vec![Some(2), Some(1), None, None, Some(1)]
        );
    }

    #[test]
    fn figures_drawn_into_the_name_cell_stand_in_the_columns_order() {
        // A header cut by a page break shifts the columns: the count, and the first bands'
        // figures, come out on a line of the objective's name cell.
        let (_, rows, problems) = summary_of(&[
            &[
                "Зорилт",
                "Арга хэмжээний тоо",
                "/90-100/",
                "/70-89/",
                "хувь",
            ],
            &["Зорилт 1: Нэг\n2 2\nхоёр", "", "", "", "100"],
            &["Зорилт 2: Хоёр\n3", "", "2", "1", "90"],
            // The first band's cell holds a figure of its own: which is which is unknown.
            &["Зорилт 3: Гурав\n2 1", "", "1", "", "85"],
        ]);
        assert_eq!(
            counts(&rows[..2]),
            vec![(1, Some(2.0), Some(100.0)), (2, Some(3.0), Some(90.0))]
        );
        assert_eq!(rows[0].band_counts, vec![Some(2), None]);
        assert_eq!(rows[1].band_counts, vec![Some(2), Some(1)]);
        assert!(rows[2].band_counts.is_empty() && rows[2].n_measures.is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn a_percent_label_split_over_two_columns_reads_the_one_with_figures() {
        let (_, rows, _) = summary_of(&[
            &[
                "Зорилт",
                "Арга хэмжээний тоо",
                "100 /90-100/",
                "Хэрэгжилт",
                "хувь",
            ],
            &["Зорилт 1: Нэг", "2", "2", "100", ""],
            &["Зорилт 2: Хоёр", "1", "1", "91,5", ""],
        ]);
        assert_eq!(
            counts(&rows),
            vec![(1, Some(2.0), Some(100.0)), (2, Some(1.0), Some(91.5))]
        );
    }

    #[test]
    fn a_header_broken_over_two_rows_is_read_column_by_column() {
        // A page break inside the header row: each label's lines on both sides.
        let (bands, rows, _) = summary_of(&[
            &["Зорилт", "Арга", "100 /90-", "0 /0-89/", "Хэрэгжилт"],
            &["", "хэмжээний тоо", "100/", "", "хувь"],
            &["Зорилт 1: Нэг", "3", "2", "1", "66,7"],
        ]);
        let labels: Vec<&str> = bands.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, vec!["100 /90-100/", "0 /0-89/"]);
        assert_eq!(counts(&rows), vec![(1, Some(3.0), Some(66.7))]);
        assert_eq!(rows[0].band_counts, vec![Some(2), Some(1)]);
    }

    #[test]
    fn a_band_label_broken_by_wrapping_leaves_the_scale_unread() {
        let whole = "Зорилт Арга хэмжээний тоо 100 /90-100/ 70 /70-89/ 0 /0-69/ Хэрэгжилт хувь";
        assert_eq!(bands_in_text(whole).map(|b| b.len()), Some(3));
        // "100 /90-100/" wrapped in its cell, the lines interleaved with the others'.
        let broken =
            "100 /90- / Зорилт Арга хэмжээний тоо 70 /70-89/ 0 /0-69/ Хэрэгжилт хувь / 100/";
        assert!(bands_in_text(broken).is_none());
    }

    #[test]
    fn band_columns_merged_into_one_are_read_in_order() {
        // A PDF whose band counts are sparse may show their columns as one: the header cell
        // holds every band label, a row's cell its figures.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
            <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
            <table><tr><td>Зорилт</td><td>Арга хэмжээний тоо</td>\
            <td>100 /90-100/ 70 /60-89/ 40 /31-59/ 0 /0-30/</td><td>Хэрэгжилт хувь</td></tr>\
            <tr><td>Зорилт 1: Нэг</td><td>5</td><td>3 1</td><td>91,2</td></tr>\
            <tr><td>Зорилт 2: Хоёр</td><td>3</td><td>3 1</td><td>66,7</td></tr>\
            <tr><td>Зорилт 3: Гурав</td><td>5 3</td><td>1</td><td>91,2</td></tr></table>";
        let (doc, _) = parse_text(html, SourceFormat::Html);
        let out = parse(&doc, 0, &mut Vec::new()).unwrap();
        assert_eq!(out.evaluation.bands.len(), 4);
        assert_eq!(
            out.summary[0].band_counts,
            vec![Some(3), Some(1), None, None]
        );
        assert!(out.summary[1].band_counts.is_empty());
        assert_eq!(
            out.summary[1]
                .band_counts_unplaced
                .as_ref()
                .map(|s| s.value),
            Some(4.0)
        );
        // The first band's figure run into the count's cell.
        assert_eq!(
            out.summary[2].band_counts,
            vec![Some(3), Some(1), None, None]
        );
        assert_eq!(
            out.summary[2].n_measures.as_ref().map(|n| n.value),
            Some(5.0)
        );
        assert_eq!(
            percents(&out),
            vec![(1, Some(91.2)), (2, Some(66.7)), (3, Some(91.2))]
        );
    }

    /// Each summary row's objective and percent.
    fn percents(out: &EvalOutput) -> Vec<(u32, Option<f64>)> {
        out.summary
            .iter()
            .map(|r| (r.objective_no, r.percent.as_ref().map(|p| p.value)))
            .collect()
    }

    fn counts(rows: &[SummaryRow]) -> Vec<(u32, Option<f64>, Option<f64>)> {
        rows.iter()
            .map(|r| {
                (
                    r.objective_no,
                    r.n_measures.as_ref().map(|n| n.value),
                    r.percent.as_ref().map(|p| p.value),
                )
            })
            .collect()
    }

    #[test]
    fn bands_as_printed() {
        let b = parse_band("100 /90-100/").unwrap();
        assert_eq!(
            (b.value, b.low, b.high),
            (Some(100.0), Some(90.0), Some(100.0))
        );
        let b = parse_band("0 /0-30/").unwrap();
        assert_eq!((b.value, b.low, b.high), (Some(0.0), Some(0.0), Some(30.0)));
        assert!(parse_band("/-/").unwrap().not_due);
        assert_eq!(parse_band("170 /70-89/").unwrap().value, Some(70.0));
        // OCR's letters for digits in the band's value.
        let b = parse_band("З0 /10-29/").unwrap();
        assert_eq!(
            (b.value, b.low, b.high),
            (Some(30.0), Some(10.0), Some(29.0))
        );
        assert!(parse_band("Хэрэгжилт хувь").is_none());
    }

    #[test]
    fn items_numbered_or_coded_in_front() {
        for line in [
            "Зорилт 3.1. Нэг /40/",
            "3. Зорилт 3.1. Нэг /40/",
            "3.1 Зорилт 3.1. Нэг /40/",
            "- Зорилт 3.1 Нэг /40/",
        ] {
            let c = ITEM.captures(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((&c[1], &c[2]), ("3", "1"), "{line}");
        }
        assert!(!ITEM.is_match("Зорилт 3: Нэг 2 1 1 65"));
    }

    #[test]
    fn a_summary_table_that_lost_its_header_still_gives_its_percents() {
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
            <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
            <table><tr><td>Зорилт 1: Нэг</td><td>2</td><td>2</td><td>100</td></tr>\
            <tr><td>Зорилт 2: Хоёр</td><td>4</td><td>4</td><td>88</td></tr></table>\
            <table><tr><td>Зорилт 1.1. Нэг /100/</td><td></td><td>100</td></tr>\
            <tr><td>Зорилт 1.2. Хоёр /100/</td><td></td><td>100</td></tr></table>";
        let (doc, _) = parse_text(html, SourceFormat::Html);
        let out = parse(&doc, 0, &mut Vec::new()).unwrap();
        let percents = percents(&out);
        assert_eq!(percents, vec![(1, Some(100.0)), (2, Some(88.0))]);
        // A narrative list set as a table is no summary, header or not.
        assert_eq!(out.evaluation.items.len(), 2);
    }

    #[test]
    fn a_summary_row_cut_by_a_page_break_is_joined() {
        let row = |cells: &[&str], after_page_break: bool| {
            row_of(cells, Source::default(), after_page_break)
        };
        let table = Table {
            rows: vec![
                row(
                    &[
                        "Зорилт",
                        "Арга хэмжээний тоо",
                        "100 /90-100/",
                        "0 /0-30/",
                        "Хувь",
                    ],
                    false,
                ),
                row(&["Зорилт 2: Хоёр", "4", "3", "1", "75"], false),
                row(&["", "3", "2", "1", "66.7"], false),
                row(&["Зорилт 3: Гурав", "", "", "", ""], true),
                row(&["Зорилт 4: Дөрөв", "", "", "", ""], false),
                row(&["", "1", "1", "", "100"], true),
                row(&["Зорилт", "2", "2", "", "100"], false),
                row(&["5: Тав", "", "", "", ""], true),
            ],
            source: Source::default(),
        };
        let (_, rows) = parse_summary(&table, None, &mut Vec::new());
        let got = counts(&rows);
        assert_eq!(
            got,
            vec![
                (2, Some(4.0), Some(75.0)),
                (3, Some(3.0), Some(66.7)),
                (4, Some(1.0), Some(100.0)),
                (5, Some(2.0), Some(100.0))
            ]
        );
    }

    #[test]
    fn a_name_s_last_lines_read_into_the_next_row_go_back_to_it() {
        let row = |cells: &[&str]| row_of(cells, Source::default(), false);
        let table = Table {
            rows: vec![
                row(&["Зорилт", "Арга хэмжээний тоо", "100 /90-100/", "Хувь"]),
                row(&["Зорилт 1: Олон нийтийн", "4", "4", "100"]),
                row(&[
                    "мэдлэг, хандлагыг\nтөлөвшүүлэх\nЗорилт 2: Гомдол",
                    "5",
                    "5",
                    "100",
                ]),
                row(&["шийдвэрлэх", "", "", ""]),
            ],
            source: Source::default(),
        };
        let mut problems = Vec::new();
        let (_, rows) = parse_summary(&table, None, &mut problems);
        assert_eq!(
            counts(&rows),
            vec![(1, Some(4.0), Some(100.0)), (2, Some(5.0), Some(100.0))],
            "{problems:?}"
        );
        assert_eq!(
            rows[0].text.text,
            "Олон нийтийн мэдлэг, хандлагыг төлөвшүүлэх"
        );
    }

    #[test]
    fn a_count_cell_holding_two_figures_leaves_the_row_s_counts_unknown() {
        let row = |cells: &[&str]| row_of(cells, Source::default(), false);
        let table = Table {
            rows: vec![
                row(&[
                    "Зорилт",
                    "Арга хэмжээний тоо",
                    "100 /90-100/",
                    "0 /0-30/",
                    "Хувь",
                ]),
                // The band's "2" drawn under the count's column: read as one cell.
                row(&["Зорилт 1: Нэг", "3 2", "", "", "100"]),
                row(&["Зорилт 2: Хоёр", "2", "-", "2", "0"]),
                // A band's count misread: the row's stated count is no surer.
                row(&["Зорилт 3: Гурав", "2", "l.", "", "100"]),
                // A percent with no band count: the counts were not read.
                row(&["Зорилт 4: Дөрөв", "2", "", "", "100"]),
            ],
            source: Source::default(),
        };
        let mut problems = Vec::new();
        let (_, rows) = parse_summary(&table, None, &mut problems);
        assert!(rows[0].band_counts.is_empty() && rows[0].n_measures.is_none());
        assert_eq!(rows[1].band_counts, vec![None, Some(2)]);
        assert!(rows[2].band_counts.is_empty() && rows[2].n_measures.is_none());
        assert!(rows[3].band_counts.is_empty());
        assert_eq!(rows[3].n_measures.as_ref().map(|n| n.value), Some(2.0));
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].message.contains("\"3 2\""));
    }

    #[test]
    fn a_summary_header_left_at_a_page_foot_goes_on_in_the_next_table() {
        let row = |cells: &[&str]| row_of(cells, Source::default(), false);
        let header = Table {
            rows: vec![row(&[
                "Зорилт",
                "Арга хэмжээний тоо",
                "100 /90-100/",
                "0 /0-29/",
                "Хувь",
            ])],
            source: Source::default(),
        };
        // The rows share a grid with the narrative list: its item column (3) is spare here.
        let body = Table {
            rows: vec![
                row(&["Зорилт 1: Нэг", "2", "1", "", "1", "50"]),
                row(&["Зорилт 2: Хоёр", "1", "1", "", "", "100"]),
                row(&["1.1", "", "", "Зорилт 1.1. Нэг /100/", "", ""]),
            ],
            source: Source::default(),
        };
        let (bands, rows) = parse_summary(&continue_with(&header, &body), None, &mut Vec::new());
        assert_eq!(bands.len(), 2);
        let got: Vec<(u32, Vec<Option<u32>>, Option<f64>)> = rows
            .iter()
            .map(|r| {
                (
                    r.objective_no,
                    r.band_counts.clone(),
                    r.percent.as_ref().map(|p| p.value),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (1, vec![Some(1), Some(1)], Some(50.0)),
                (2, vec![Some(1), None], Some(100.0))
            ]
        );
    }

    #[test]
    fn a_summary_row_cut_by_a_page_break_with_its_name_left_as_a_paragraph() {
        let page = |n: u32| Source {
            page: Some(n),
            ..Default::default()
        };
        let row = |cells: &[&str], n: u32| row_of(cells, page(n), false);
        let table = |rows: Vec<Row>| {
            Block::Table(Table {
                rows,
                source: page(1),
            })
        };
        let doc = Document {
            blocks: vec![
                table(vec![
                    row(&["№", "Хэрэгжүүлэх арга хэмжээ", "Биелэлт"], 1),
                    row(&["1", "А", "100"], 1),
                ]),
                table(vec![
                    row(
                        &[
                            "Зорилт",
                            "Арга хэмжээний тоо",
                            "100 /90-100/",
                            "0 /0-29/",
                            "Хувь",
                        ],
                        1,
                    ),
                    row(&["", "3", "3", "", "100"], 1),
                ]),
                Block::Paragraph(crate::layout::Paragraph {
                    text: "Зорилт 1: Нэг".into(),
                    source: page(2),
                    emphasis: false,
                    list_item: false,
                }),
                table(vec![
                    row(&["Зорилт 2: Хоёр", "2", "1", "1", "50"], 2),
                    row(&["Зорилт 3: Гурав", "1", "1", "", "100"], 2),
                ]),
            ],
            n_pages: Some(2),
        };
        let out = parse(&doc, 0, &mut Vec::new()).unwrap();
        let got = counts(&out.summary);
        assert_eq!(
            got,
            vec![
                (1, Some(3.0), Some(100.0)),
                (2, Some(2.0), Some(50.0)),
                (3, Some(1.0), Some(100.0))
            ]
        );
    }

    #[test]
    fn narrative_list_set_as_a_table() {
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
            <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
            <table><tr><td colspan=\"2\"><b>30 /30-69/ хувийн биелэлттэй: 1 арга хэмжээ</b></td></tr>\
            <tr><td>3.1</td><td>Зорилт 3.1. Мэдээллийг шинэчлэх /40/</td></tr></table>";
        let (doc, _) = parse_text(html, SourceFormat::Html);
        let mut problems = Vec::new();
        let e = parse(&doc, 0, &mut problems).unwrap().evaluation;
        assert_eq!(e.items.len(), 1);
        let item = &e.items[0];
        assert_eq!(
            (item.code.as_str(), item.text.text.as_str()),
            ("3.1", "Мэдээллийг шинэчлэх")
        );
        assert_eq!(item.score.as_ref().map(|s| s.value), Some(40.0));
        let h = item.heading.as_ref().unwrap();
        assert_eq!((h.low, h.high), (30.0, 69.0));
        assert_eq!(h.count_stated.as_ref().map(|c| c.value), Some(1.0));
    }

    /// The evaluation's items as (code, text, score).
    fn items_of(e: &Evaluation) -> Vec<(&str, &str, Option<f64>)> {
        e.items
            .iter()
            .map(|i| {
                (
                    i.code.as_str(),
                    i.text.text.as_str(),
                    i.score.as_ref().map(|s| s.value),
                )
            })
            .collect()
    }

    #[test]
    fn two_lines_of_the_list_drawn_as_one_row_are_read_line_by_line() {
        // A heading and the item under it set close on a scan: one row, two paragraphs a cell.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
            <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
            <table><tr><td>70 /70-89/ хувийн</td><td>биелэлттэй:</td><td>1 арга хэмжээ</td></tr>\
            <tr><td>Зорилт 2.5. Хэлэлцүүлгийг шинэчлэх /70/</td><td></td><td></td></tr>\
            <tr><td><p>30 /30-69/ хувийн</p><p>Зорилт 1.2. Улирал</p></td>\
            <td><p>биелэлттэй:</p><p>бүр иргэдийн</p></td>\
            <td><p>1 арга хэмжээ</p><p>санал хүсэлтийг хэлэлцүүлэх /30/</p></td></tr></table>";
        let (doc, _) = parse_text(html, SourceFormat::Html);
        let mut problems = Vec::new();
        let e = parse(&doc, 0, &mut problems).unwrap().evaluation;
        let items = items_of(&e);
        assert_eq!(
            items,
            vec![
                ("2.5", "Хэлэлцүүлгийг шинэчлэх", Some(70.0)),
                (
                    "1.2",
                    "Улирал бүр иргэдийн санал хүсэлтийг хэлэлцүүлэх",
                    Some(30.0)
                )
            ]
        );
    }

    #[test]
    fn narrative_rows_run_into_the_summary_table() {
        // A PDF drew the narrative table right under the summary: one table came out.
        let html = "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
            <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
            <table><tr><td>Зорилт</td><td>Арга хэмжээний тоо</td><td>100 /90-100/</td><td>30 /30-69/</td></tr>\
            <tr><td>Зорилт 3: Мэдээлэл</td><td>1</td><td></td><td>1</td></tr>\
            <tr><td>30 /30-69/ хувийн биелэлттэй: 1 арга хэмжээ</td><td></td><td></td><td></td></tr>\
            <tr><td>3.1</td><td>Зорилт 3.1. Мэдээллийг шинэчлэх /40/</td><td></td><td></td></tr>\
            <tr><td>Зорилт 3.2. Тайлагнах</td><td>/100/</td><td></td><td></td></tr></table>";
        let (doc, _) = parse_text(html, SourceFormat::Html);
        let mut problems = Vec::new();
        let out = parse(&doc, 0, &mut problems).unwrap();
        assert_eq!(out.summary.len(), 1);
        let items: Vec<(&str, Option<f64>)> = out
            .evaluation
            .items
            .iter()
            .map(|i| (i.code.as_str(), i.score.as_ref().map(|s| s.value)))
            .collect();
        // An item whose score stands in the count column is no objective 3 of 100 measures.
        assert_eq!(items, vec![("3.1", Some(40.0)), ("3.2", Some(100.0))]);
    }

    #[test]
    fn a_rule_read_after_an_item_s_score_is_not_a_second_score() {
        let text = "№\tХэрэгжүүлэх арга хэмжээ\tБиелэлт\n1\tА\tБ\n\n\
            Зорилт 2.1. Дотоод журмыг хэрэгжүүлэх /100/ 0/\n\n\
            Зорилт 2.2. Сургалт зохион байгуулах /85/ |/\n\n\
            Зорилт 2.3. Мэдээлэл /70/\n";
        let (doc, _) = parse_text(text, SourceFormat::Text);
        let e = parse(&doc, 0, &mut Vec::new()).unwrap().evaluation;
        let items: Vec<(&str, Option<f64>, &str)> = e
            .items
            .iter()
            .map(|i| {
                let s = i.score.as_ref();
                (
                    i.code.as_str(),
                    s.map(|s| s.value),
                    s.map_or("", |s| s.raw.as_str()),
                )
            })
            .collect();
        assert_eq!(
            items,
            vec![
                ("2.1", Some(100.0), "/100/ 0/"),
                ("2.2", Some(85.0), "/85/ |/"),
                ("2.3", Some(70.0), "/70/")
            ]
        );
        assert_eq!(e.items[0].text.text, "Дотоод журмыг хэрэгжүүлэх");
    }

    #[test]
    fn a_score_wrapped_onto_a_line_of_its_own_ends_the_item_above() {
        let text = "№\tХэрэгжүүлэх арга хэмжээ\tБиелэлт\n1\tА\tБ\n\n\
            100 /90-100/ хувийн биелэлттэй: 2 арга хэмжээ\n\n\
            Зорилт 1.1. Албан хаагчдад чиглэсэн ажиллагааг зохион байгуулах.\n\n/100/\n\n\
            Зорилт 1.2. Хоёр /95/\n";
        let (doc, _) = parse_text(text, SourceFormat::Text);
        let mut problems = Vec::new();
        let e = parse(&doc, 0, &mut problems).unwrap().evaluation;
        let items: Vec<(&str, Option<f64>)> = e
            .items
            .iter()
            .map(|i| (i.code.as_str(), i.score.as_ref().map(|s| s.value)))
            .collect();
        assert_eq!(items, vec![("1.1", Some(100.0)), ("1.2", Some(95.0))]);
    }

    #[test]
    fn the_plan_s_implementation_percent_is_the_overall_and_a_category_s_is_not() {
        let doc = |conclusion: &str| {
            let html = format!(
                "<table><tr><th>№</th><th>Хэрэгжүүлэх арга хэмжээ</th><th>Биелэлт</th></tr>\
                 <tr><td>1</td><td>А</td><td>Б</td></tr></table>\
                 <p>Зорилт 1.1. А /100/</p><p>{conclusion}</p>"
            );
            let (doc, _) = parse_text(&html, SourceFormat::Html);
            let out = parse(&doc, 0, &mut Vec::new()).unwrap();
            out.evaluation.overall_conclusion.map(|c| c.value)
        };
        assert_eq!(
            doc("Дүгнэлт: Төлөвлөгөөний хэрэгжилт 53,2 хувьтай байна."),
            Some(53.2)
        );
        assert_eq!(
            doc("Иргэн төвтэй үйлчилгээний хүрээний асуудал 90.5 хувьтай байна."),
            None
        );
    }

    #[test]
    fn counts_of_objectives_and_measures_as_ocr_reads_them() {
        let counts = |sentence: &str| {
            let text = format!("№\tХэрэгжүүлэх арга хэмжээ\tБиелэлт\n1\tА\tБ\n\n{sentence}\n");
            let (doc, _) = parse_text(&text, SourceFormat::Text);
            parse(&doc, 0, &mut Vec::new())
                .map(|o| {
                    o.evaluation
                        .stated_counts
                        .iter()
                        .map(|c| (c.what.clone(), c.value))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        let both =
            |o: f64, m: f64| vec![("objectives".to_string(), o), ("measures".to_string(), m)];
        // "6" read "б", "30" read "З0".
        assert_eq!(
            counts("Төлөвлөгөөнд б зорилтын 22 арга хэмжээ тусгагдсан."),
            both(6.0, 22.0)
        );
        assert_eq!(
            counts("Төлөвлөгөөнд 8 зорилтын З0 арга хэмжээ тусгагдсан."),
            both(8.0, 30.0)
        );
        // A word, not a count.
        assert!(counts("Төлөвлөгөөнд бүх зорилтын арга хэмжээ тусгагдсан.").is_empty());
    }

    #[test]
    fn narrative_items_headings_counts_conclusion() {
        let text = "№\tХэрэгжүүлэх арга хэмжээ\tБиелэлт\n1\tА\tБ\n\n\
            Уг төлөвлөгөөнд нийт 6 зорилт бүхий 12 арга хэмжээ байна.\n\n\
            “Үр дүнтэй” буюу 100 хувийн биелэлттэй:\n\n\
            Зорилт, арга хэмжээ ... гарсан 9 арга хэмжээ:\n\n\
            - *Зорилт 1.1.* Нэг арга;\n- Зорилт 1.2. Хоёр ;\n\n\
            #### 90-95 хувийн биелэлттэй:\n\n- Зорилт 5.1. Тав /93,9/;\n\n\
            #### **Дөрөв. Дүгнэлт**\n\n1. ... явц 2019 оны жилийн эцсийн байдлаар 98.2 хувьтай дүгнэгдэв.\n\n\
            - 100 хувийн биелэлттэй 9 арга хэмжээ\n";
        let (doc, _) = parse_text(text, SourceFormat::Text);
        let mut problems = Vec::new();
        let e = parse(&doc, 0, &mut problems).unwrap().evaluation;
        let items = items_of(&e);
        assert_eq!(
            items,
            vec![
                ("1.1", "Нэг арга", None),
                ("1.2", "Хоёр", None),
                ("5.1", "Тав", Some(93.9))
            ]
        );
        assert_eq!(
            e.items[0].heading.as_ref().and_then(|h| h.value()),
            Some(100.0)
        );
        assert_eq!(
            e.items[0]
                .heading
                .as_ref()
                .and_then(|h| h.count_stated.as_ref())
                .map(|c| c.value),
            Some(9.0)
        );
        assert_eq!(
            e.items[2].heading.as_ref().map(|h| (h.low, h.high)),
            Some((90.0, 95.0))
        );
        assert_eq!(e.overall_conclusion.map(|c| c.value), Some(98.2));
        let counts: Vec<(&str, f64)> = e
            .stated_counts
            .iter()
            .map(|c| (c.what.as_str(), c.value))
            .collect();
        assert_eq!(
            counts,
            vec![
                ("objectives", 6.0),
                ("measures", 12.0),
                ("band:100-100", 9.0),
                ("band:100-100", 9.0)
            ]
        );
    }
}
