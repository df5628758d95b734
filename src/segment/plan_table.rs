//! The main plan table: objectives, their measures, targets, implementation, scores.
//!
//! Enters: a layout [`Table`] whose header names a measure and an implementation column.
//! Leaves: objectives with measures (scores from the table only) and the "Дундаж үнэлгээ" row.
//! Rows short of cells are aligned by their content; rows that continue the one above (after a
//! page break, or with an empty № cell and text starting in lowercase) are joined to it; a
//! measure cell with several paragraphs holds several measures.

use super::{continues, labels, parse_score, ScoreCell};
use crate::layout::{Block, Cell, Document, Row, Table};
use crate::model::{Measure, Objective, Problem, Source, StatedNumber, Text, TextScope};
use crate::normalize::{field, normalize};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    No,
    Activity,
    Measure,
    Target,
    Implementation,
    Score,
    /// The agency's own score beside the evaluator's ("Өөрийн үнэлгээ", "Байгууллагын
    /// үнэлгээ"): the evaluator's column is the score.
    SelfScore,
}

#[derive(Debug, Clone)]
pub struct Columns {
    roles: Vec<Option<Role>>,
}

impl Columns {
    fn of(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }
    fn n(&self) -> usize {
        self.roles.len()
    }
}

/// Column role from a header label: its key words as written, or else misread by a letter or
/// two (OCR: "Хэрэгжүүлэх арга шэцжээ", "Биелзлт").
fn role_of(label: &str) -> Option<Role> {
    // Spaces dropped: a narrow header cell breaks words anywhere.
    let l: String = normalize(label).to_lowercase().split_whitespace().collect();
    let l = l.as_str();
    if l.is_empty() {
        return None;
    }
    // OCR's `mon` model has no "№": it reads "Мо", "Ме", "Мь" or "Мс".
    if matches!(
        l,
        "№" | "д/д" | "№д/д" | "#" | "д.д" | "мо" | "ме" | "мь" | "мс" | "м°"
    ) {
        return Some(Role::No);
    }
    role_by_keys(l, |key| l.contains(key))
        .or_else(|| role_by_keys(l, |key| labels::contains_fuzzy(l, key)))
}

/// The role whose key words `has` finds in the label `l`.
fn role_by_keys(l: &str, has: impl Fn(&str) -> bool) -> Option<Role> {
    // "хүрэх түвшин": level to reach; "шалгуур": criterion; "үр дүнгийн үзүүлэлт": result
    // indicator.
    if has("хүрэхтүвшин") || has("шалгуур") || has("үрдүнгийнүзүүлэлт")
    {
        return Some(Role::Target);
    }
    // "(хэрэгжүүлэх) арга хэмжээ": measure (to implement); "хэрэгжүүлэх арга" alone, its last
    // word lost (OCR read "хэмжээ" "ХЭВ" at 300 dpi): the way to implement, no other column's.
    if has("аргахэмжээ") || has("хэрэгжүүлэхаргахэмжээ") || l.starts_with("хэрэгжүүлэхарга")
    {
        return Some(Role::Measure);
    }
    // "үйл ажиллагаа": activity; "зорилт": objective.
    if has("үйлажиллагаа") || l.starts_with("зорилт") {
        return Some(Role::Activity);
    }
    // "өөрийн / байгууллагын үнэлгээ": own / the agency's score.
    if has("үнэлгээ") && (has("өөрийн") || has("байгууллагын")) {
        return Some(Role::SelfScore);
    }
    // "үнэлгээ": score; "хувь": percent.
    if has("үнэлгээ") || has("хувь") || l == "%" {
        return Some(Role::Score);
    }
    // "биелэлт": fulfilment; "хэрэгжилт": implementation.
    if has("биелэлт") || has("хэрэгжилт") {
        return Some(Role::Implementation);
    }
    None
}

/// Without a № label (OCR reads "№" as "Хос", "Мо", …), the first column is the № column when
/// its label is a short mark and the cells under it that hold anything hold objective numbers,
/// two of them at least, counting up ("1", "2", … with the column-number row's "1"; or "1",
/// "1", "2", "2", … repeated on each measure's row).
fn number_column_by_contents(cols: &mut Columns, header: &Row, rows: &[Row]) {
    if cols.of(Role::No).is_some() || cols.roles.first() != Some(&None) {
        return;
    }
    // The label, without the column numbers' row OCR may draw into it ("Мо" over "1").
    if header
        .cells
        .first()
        .is_none_or(|c| c.paragraphs.first().is_none_or(|p| p.chars().count() > 3))
    {
        return;
    }
    // The column numbers' row, misread ("152 2 5 4 5 6"), is no objective's number.
    let numbers: Vec<Option<u32>> = rows
        .iter()
        .filter(|r| !is_column_numbers(r, header.cells.len()))
        .filter_map(|r| r.cells.first())
        .map(|c| normalize(&crate::normalize::ocr_digits(&c.text())))
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            OBJECTIVE_NO
                .captures(t.trim())
                .and_then(|c| c[1].parse().ok())
        })
        .collect();
    let read: Vec<u32> = numbers.iter().flatten().copied().collect();
    // Counting up, each number on one row or repeated on every row of its objective (a table
    // of a row per measure): rising somewhere, falling rarely (a misread digit).
    let rising = read.windows(2).filter(|w| w[1] > w[0]).count();
    let falling = read.windows(2).filter(|w| w[1] < w[0]).count();
    if read.len() >= 2
        && 4 * read.len() >= 3 * numbers.len()
        && rising > 0
        && 4 * falling < read.len()
    {
        cols.roles[0] = Some(Role::No);
    }
}

fn columns_of(row: &Row) -> Option<Columns> {
    let mut roles: Vec<Option<Role>> = row.cells.iter().map(|c| role_of(&c.text())).collect();
    // A label OCR garbled past recognition ("Хэрэгжүүл Эинн, туса") between the activity's
    // column and the target's is the measures' column: the genre's plan tables set the
    // measures there, and no other column of theirs stands between those two.
    if !roles.contains(&Some(Role::Measure)) {
        if let Some(a) = roles.iter().position(|r| *r == Some(Role::Activity)) {
            let letters = |i: usize| {
                row.cells[i]
                    .text()
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .count()
            };
            if roles.get(a + 1) == Some(&None)
                && roles.get(a + 2) == Some(&Some(Role::Target))
                && letters(a + 1) >= 3
            {
                roles[a + 1] = Some(Role::Measure);
            }
        }
    }
    let has = |r: Role| roles.contains(&Some(r));
    (has(Role::Measure) && has(Role::Implementation)).then_some(Columns { roles })
}

/// The plan table: the first table with a measure and an implementation column in one of its
/// first three rows, with the tables that go on from it (see [`goes_on`]). Returns the block
/// index of its first and of its last part.
pub fn find(doc: &Document) -> Option<(usize, usize, std::borrow::Cow<'_, Table>)> {
    let (first, table) = doc.blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Table(t) if t.rows.iter().take(3).any(|r| columns_of(r).is_some()) => Some((i, t)),
        _ => None,
    })?;
    let mut plan = std::borrow::Cow::Borrowed(table);
    let mut last = first;
    let mut between = 0;
    for (i, block) in doc.blocks.iter().enumerate().skip(first + 1) {
        match block {
            Block::Paragraph(p) => {
                between += 1;
                if between > MAX_PARAGRAPHS_BETWEEN_PARTS || is_part_heading(&p.text) {
                    break;
                }
            }
            Block::Table(t) => {
                if !goes_on(&plan, t) {
                    break;
                }
                plan.to_mut().rows.extend(t.rows.iter().cloned());
                last = i;
                between = 0;
            }
        }
    }
    Some((first, last, plan))
}

/// Lines of text that may stand between two parts of one plan table on a scan: rows whose
/// rules were lost, read as text.
const MAX_PARAGRAPHS_BETWEEN_PARTS: usize = 6;

/// A heading between two tables (most letters capitals: "ХЯНАЛТ-ШИНЖИЛГЭЭ, ҮНЭЛГЭЭНИЙ ТАЙЛАН")
/// or the evaluation's own text ("Зорилт 1.1 …", "Дүгнэлт: …"): the plan table has ended.
fn is_part_heading(text: &str) -> bool {
    let t = normalize(text);
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
    let lower = t.trim_start().to_lowercase();
    (letters.len() >= 8 && 3 * capitals >= 2 * letters.len())
        || lower.starts_with("зорилт")
        || lower.starts_with("дүгнэлт")
}

/// Whether `next`, a table after the plan table with only a few lines of text between, is
/// more of its rows: a scan whose rules were lost or faint on part of a page parts one table
/// into several, and a page whose header was not found still holds the table's rows. The plan
/// table has not ended (no "Дундаж үнэлгээ" row), `next` has no header of its own, no more
/// cells than the plan table, and its rows are plan rows: most hold two texts of words (a
/// measure and its implementation; a summary or the evaluation's list holds one, and numbers).
fn goes_on(plan: &Table, next: &Table) -> bool {
    let width = plan.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let ended = plan
        .rows
        .iter()
        .rev()
        .take(2)
        .any(|r| is_overall_row(&r.cells));
    let texts = |r: &Row| {
        r.cells
            .iter()
            .filter(|c| {
                c.text()
                    .split_whitespace()
                    .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                    .count()
                    >= 2
            })
            .count()
    };
    let plan_rows = next.rows.iter().filter(|r| texts(r) >= 2).count();
    !ended
        && !next.rows.is_empty()
        && !next.rows.iter().take(3).any(|r| columns_of(r).is_some())
        && next.rows.iter().all(|r| r.cells.len() <= width)
        && 2 * plan_rows > next.rows.len()
}

pub struct TableOutput {
    pub objectives: Vec<Objective>,
    /// "Дундаж үнэлгээ" row.
    pub overall: Option<StatedNumber>,
}

/// One paragraph of a cell with the line or page it came from.
#[derive(Debug, Clone)]
struct Para {
    text: String,
    source: Source,
}

/// A table row after joining its continuations: paragraphs per column.
#[derive(Debug, Clone)]
struct Unit {
    cols: Vec<Vec<Para>>,
    source: Source,
    /// The score cell spans several rows (HTML rowspan): it is the objective's, not a measure's.
    score_spans_rows: bool,
}

struct Group {
    objective_no: u32,
    units: Vec<Unit>,
    source: Source,
}

/// "2", "2.", "2)"; OCR reads a speck after the digit as ",".
static OBJECTIVE_NO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:Зорилт\s*)?(\d{1,3})\s*[.),]?$").expect("valid regex"));
/// "1.1. <text>"; OCR may put a stray "(" or "|" before the code, read its dots as "," or ":"
/// ("3.1:", "1:5,", "2-5,") and lose the space after it ("3.2.Улирал"): a separator after the number
/// then tells a code from an amount ("1,5 тэрбум").
static MEASURE_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?s)^[(|\[]?(?:Зорилт\s*)?(\d{1,3})(?:\.(\d{1,3})\.?\s+(\S.*)|[.,:-](\d{1,3})[.,:;]\s*([^\d\s].*))$",
    )
    .expect("valid regex")
});

/// A code OCR read without its inner dot ("1.5." as "152:", "2.5." as "252."): digits and a
/// closing mark before the text. Its numbers are not trusted; the measure's position is.
static MISREAD_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{2,3}[.:;](?:\s+|$)").expect("valid regex"));

/// A measure paragraph's code as written ("2.3") and its text after the code; no code when
/// it has none, or one OCR garbled (then the text after it).
fn split_code(raw: &str) -> (Option<String>, &str) {
    let raw = raw.trim();
    let norm = normalize(raw);
    if let Some(c) = MEASURE_CODE.captures(&norm) {
        let second = c.get(2).or(c.get(4)).map_or("", |m| m.as_str());
        let code = format!("{}.{second}", &c[1]);
        let text = MEASURE_CODE
            .captures(raw)
            .and_then(|r| r.get(3).or(r.get(5)))
            .map_or_else(
                || {
                    raw.split_once(char::is_whitespace)
                        .map_or("", |(_, rest)| rest)
                },
                |m| &raw[m.start()..],
            );
        return (Some(code), text);
    }
    match MISREAD_CODE.find(raw) {
        Some(m) => (None, &raw[m.end()..]),
        None => (None, raw),
    }
}

fn looks_like_no(text: &str) -> bool {
    OBJECTIVE_NO.is_match(normalize(text).trim())
}

fn looks_like_score(text: &str) -> bool {
    !matches!(parse_score(text), ScoreCell::Unreadable)
}

/// Median character length of each column's non-empty cells over the full rows: the yardstick
/// for aligning short rows.
fn typical_lengths(rows: &[&Row], n: usize) -> Vec<f64> {
    (0..n)
        .map(|c| {
            let mut lens: Vec<usize> = rows
                .iter()
                .filter(|r| r.cells.len() == n)
                .map(|r| r.cells[c].char_len())
                .filter(|&l| l > 0)
                .collect();
            lens.sort_unstable();
            lens.get(lens.len() / 2).copied().unwrap_or(20) as f64
        })
        .collect()
}

/// A row with fewer cells than the header: choose the shift that puts its cells in the columns
/// they fit best (a converter may drop the № cell of a row cut by a page break).
fn align(row: &Row, cols: &Columns, typical: &[f64], problems: &mut Vec<Problem>) -> Vec<Cell> {
    let n = cols.n();
    let mut cells = row.cells.clone();
    if cells.len() > n {
        let extra: Vec<String> = cells[n..]
            .iter()
            .map(Cell::text)
            .filter(|t| !t.is_empty())
            .collect();
        if !extra.is_empty() {
            problems.push(Problem {
                stage: crate::model::Stage::PlanTable,
                source: row.source.clone(),
                message: format!(
                    "row has {} cells, the header {n}; extra text dropped from the row: {:?}",
                    cells.len(),
                    extra
                ),
                message_mn: format!(
                    "мөр {} нүдтэй, толгой нь {n}; мөрийн илүү текстийг хассан: {:?}",
                    cells.len(),
                    extra
                ),
            });
        }
        cells.truncate(n);
        return cells;
    }
    if cells.len() == n {
        return cells;
    }
    let len = cells.len();
    let cost = |shift: usize| -> f64 {
        cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .map(|(i, c)| {
                let col = i + shift;
                match cols.roles[col] {
                    Some(Role::No) if !looks_like_no(&c.text()) => f64::INFINITY,
                    Some(Role::Score) if !looks_like_score(&c.text()) => f64::INFINITY,
                    _ => ((c.char_len() as f64 + 1.0).ln() - (typical[col] + 1.0).ln()).abs(),
                }
            })
            .sum()
    };
    let best = (0..=n - len)
        .min_by(|a, b| cost(*a).total_cmp(&cost(*b)))
        .unwrap_or(0);
    if best > 0 {
        problems.push(Problem {
            stage: crate::model::Stage::PlanTable,
            source: row.source.clone(),
            message: format!(
                "row has {len} cells of {n}: its first {best} cell(s) are missing; cells aligned to the columns their text fits"
            ),
            message_mn: format!(
                "мөр {n} нүдний {len}-тэй: эхний {best} нүд нь дутуу; нүднүүдийг текстэд нь тохирох баганад байрлуулсан"
            ),
        });
    }
    let mut out = vec![Cell::default(); best];
    out.extend(cells);
    out.resize(n, Cell::default());
    out
}

fn is_overall_row(cells: &[Cell]) -> bool {
    cells.iter().take(2).any(|c| {
        let t = normalize(&c.text()).to_lowercase();
        t.contains("дундаж") || t == "нийт" || t.contains("нийт дүн")
    })
}

fn is_header_repeat(row: &Row, header: &Row) -> bool {
    let text = |r: &Row| r.cells.iter().map(Cell::text).collect::<Vec<_>>().join(" ");
    row.cells.len() == header.cells.len()
        && crate::normalize::similarity(&text(row), &text(header)) >= 0.8
}

/// Paragraphs of a cell, with paragraphs that continue the one before (lowercase start) joined.
/// Measures written one under another in a cell without a gap or a marker between them (a
/// PDF's cell gives them as one paragraph): a measure is an action in the infinitive ("…
/// зохион байгуулах", "… сайжруулах"), so a line ending in "-х" followed by a line that starts
/// with a capital starts the next measure.
fn split_measures(paras: Vec<Para>) -> Vec<Para> {
    let mut out = Vec::new();
    for p in paras {
        let mut cur: Vec<&str> = Vec::new();
        let lines: Vec<&str> = p.text.split('\n').collect();
        for (i, line) in lines.iter().enumerate() {
            let ends_action = i > 0 && {
                let prev = lines[i - 1].trim_end().trim_end_matches(['.', ';', ',']);
                prev.ends_with('х') || prev.ends_with('Х')
            };
            let capital = line
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if ((ends_action && capital) || starts_with_code(line)) && !cur.is_empty() {
                out.push(Para {
                    text: cur.join("\n"),
                    source: p.source.clone(),
                });
                cur.clear();
            }
            cur.push(line);
        }
        out.push(Para {
            text: cur.join("\n"),
            source: p.source.clone(),
        });
    }
    out
}

/// A line that starts with a measure's code ("1.3.", "2.1.4.", alone or before its text): a
/// PDF's narrow cell gives measures one under another with no gap, the code on a line of its
/// own when the first word does not fit beside it.
fn starts_with_code(line: &str) -> bool {
    static CODE: LazyLock<Regex> = LazyLock::new(|| {
        // A three-level code's last dot may be lost or read as a digit at a line's end
        // ("2.5.1." read "2:5:15", cut from its text by a page break).
        Regex::new(r"^\d{1,3}[.,:-]\d{1,3}[.,:;](?:\d{1,3}[.,:;]|\d{1,3}$)?(?:\s|$|\p{Lu})")
            .expect("valid regex")
    });
    CODE.is_match(line.trim()) || MISREAD_CODE.is_match(line.trim())
}

/// A measure's code alone in a paragraph ("3.1.1.") goes with the text that follows it: a row
/// cut by a page break after its code, the text on the next page, is one measure.
fn join_lone_codes(paras: Vec<Para>) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    for p in paras {
        match out.last_mut() {
            Some(prev) if is_code_alone(&prev.text) && !starts_with_code(&p.text) => {
                prev.text.push('\n');
                prev.text.push_str(&p.text);
            }
            _ => out.push(p),
        }
    }
    out
}

/// In a measure cell whose measures are coded (in the cell, or `table_coded`: in the table,
/// a row per measure), a paragraph of one short word (three letters at most), of one word
/// mostly digits, or of a few short words without a lowercase letter, before one that starts
/// with a capital, is the next measure's code as OCR garbled it ("3.1." read "За", "ЗАС";
/// "5.2.1." read "52221Л"; "5.1.1." read "УН БН"): no measure is short words in capitals,
/// and a measure starts with its code where its neighbours do. It is left out (said in a
/// problem), and the measure after it is numbered by its place.
fn drop_garbled_codes(
    paras: Vec<Para>,
    objective_no: u32,
    table_coded: bool,
    problems: &mut Vec<Problem>,
) -> Vec<Para> {
    if !table_coded && !paras.iter().any(|p| starts_with_code(&p.text)) {
        return paras;
    }
    let garbled = |p: &Para| {
        let t = p.text.trim();
        let n = t.chars().count();
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let words: Vec<&str> = t.split_whitespace().collect();
        let capital_start = t
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let short_capitals = (2..=3).contains(&words.len())
            && words.iter().all(|w| w.chars().count() <= 3)
            && !t.chars().any(char::is_lowercase);
        !starts_with_code(t)
            && ((!t.contains(char::is_whitespace)
                && (((1..=3).contains(&n) && capital_start) || (digits >= 3 && 2 * digits >= n)))
                || (short_capitals && capital_start))
    };
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    let mut it = paras.into_iter().peekable();
    while let Some(p) = it.next() {
        let next_capital = it.peek().is_some_and(|n| {
            !starts_with_code(&n.text)
                && n.text
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        });
        if garbled(&p) && next_capital {
            problems.push(Problem {
                stage: crate::model::Stage::PlanTable,
                source: p.source.clone(),
                message: format!(
                    "measure cell of objective {objective_no}: {:?} stands where a measure's code is, its neighbours coded: read as the code garbled, the measure after it numbered by its place",
                    p.text.trim()
                ),
                message_mn: format!(
                    "{objective_no}-р зорилтын арга хэмжээний нүд: арга хэмжээний кодын байранд {:?} байгаа бөгөөд хөршүүд нь кодтой: кодыг эвдэрсэн гэж уншиж, дараагийн арга хэмжээг байрлалаар нь дугаарласан",
                    p.text.trim()
                ),
            });
            continue;
        }
        out.push(p);
    }
    out
}

fn is_code_alone(text: &str) -> bool {
    starts_with_code(text) && !text.trim().contains(char::is_whitespace)
}

fn cell_paras(cell: &Cell, source: &Source) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    for p in &cell.paragraphs {
        if p.trim().is_empty() {
            continue;
        }
        match out.last_mut() {
            // A paragraph in lowercase goes on with the one above even after a full stop: a
            // measure or a sentence starts with a capital, and a scan's speck reads as ".".
            Some(prev) if starts_lowercase(p) => {
                prev.text.push('\n');
                prev.text.push_str(p);
            }
            // A lone letter is no word: a word's tail a narrow column wrapped, which OCR reads
            // in capitals where the two cases differ only in size ("системий" / "Г" for "г").
            Some(prev) if lone_letter(p).is_some() => {
                let (letter, rest) = lone_letter(p).expect("matched");
                prev.text.push('\n');
                prev.text.extend(letter.to_lowercase());
                prev.text.push_str(rest);
            }
            // So is a lone digit before lowercase after text that ends no action (a measure
            // ends in "-х"): the tail's letter misread ("шалгалты" / "5 байршуулах" for "г").
            Some(prev)
                if lone_digit_before_lowercase(p)
                    && !prev.text.trim_end().ends_with(['х', 'Х']) =>
            {
                prev.text.push('\n');
                prev.text.push_str(p);
            }
            _ => out.push(Para {
                text: p.clone(),
                source: source.clone(),
            }),
        }
    }
    out
}

/// A paragraph whose first word is one letter alone (no dot: "Б." is an initial): the letter
/// and what follows it.
fn lone_letter(s: &str) -> Option<(char, &str)> {
    let t = s.trim_start();
    let mut chars = t.chars();
    let letter = chars.next().filter(|c| c.is_alphabetic())?;
    let rest = chars.as_str();
    rest.chars()
        .next()
        .is_none_or(char::is_whitespace)
        .then_some((letter, rest))
}

/// A paragraph that begins with one digit alone, then a word in lowercase or nothing ("5
/// байршуулах", "5": each line may come as a paragraph of its own).
fn lone_digit_before_lowercase(s: &str) -> bool {
    let mut words = s.split_whitespace();
    words
        .next()
        .is_some_and(|w| w.chars().count() == 1 && w.chars().all(|c| c.is_ascii_digit()))
        && words.next().is_none_or(starts_lowercase)
}

fn starts_lowercase(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ';'))
}

/// A row of column numbers ("1 2 3 4 5 6") under the header: 1 to `n` in order, word by word
/// (a PDF may draw two of them in one cell when a column edge was not seen). OCR misreads a
/// few ("1 2 3" as "12522 2 5"): digits only, two in three in their place, is the same row (a
/// row of data has text).
fn is_column_numbers(row: &Row, n: usize) -> bool {
    let words: Vec<String> = row
        .cells
        .iter()
        .flat_map(|c| {
            c.text()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    // More numbers than header cells: two columns whose edge the layout did not see share one
    // header cell ("Хүрэх түвшин Хугацаа") and one number cell ("4 5").
    let in_place = words
        .iter()
        .enumerate()
        .filter(|(i, w)| **w == (i + 1).to_string())
        .count();
    // Small figures in narrow cells read worst ("3 4 5" as "5 й Э"): a row of marks no longer
    // than three characters each, half of them in place, is the same row.
    let marks = row.cells.iter().all(|c| c.text().chars().count() <= 3);
    // Columns the layout merged shift the numbers out of place, and OCR garbles a number or
    // glues two ("1 2" as "15:42", "1БРЧУЛ"): short words, none a word of letters (a row of
    // data has text: "Ашиг"), and
    // at least three, half of the row, counting up from one place on ("… 3 4 9 6 7 8"). A row
    // of scores does not count up.
    let counting = {
        let mut offsets: Vec<i64> = words
            .iter()
            .enumerate()
            .filter_map(|(k, w)| w.parse::<i64>().ok().map(|v| v - k as i64))
            .collect();
        offsets.sort_unstable();
        let most = offsets
            .chunk_by(|a, b| a == b)
            .map(<[i64]>::len)
            .max()
            .unwrap_or(0);
        // A spurious empty column (a cell edge seen twice) leaves one header cell without a
        // number: four counting up are enough then.
        most >= 3
            && 2 * most >= words.len()
            && (words.len() + 1 >= n || most >= 4)
            && words.iter().all(|w| {
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                w.chars().count() <= 8 && (letters < 3 || w.chars().any(|c| c.is_ascii_digit()))
            })
    };
    // OCR loses a number or two in narrow cells and glues others ("1 2 3" as "1::52" in the
    // first cell, the next two empty): cells, not words, in place — three at least, half of
    // the cells read, none with text.
    let by_cell = {
        let read: Vec<(usize, String)> = row
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.text().trim().to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let placed = read
            .iter()
            .filter(|(i, t)| *t == (i + 1).to_string())
            .count();
        placed >= 3
            && 2 * placed >= read.len()
            && read.iter().all(|(_, t)| {
                let letters = t.chars().filter(|c| c.is_alphabetic()).count();
                t.chars().count() <= 8 && (letters < 3 || t.chars().any(|c| c.is_ascii_digit()))
            })
    };
    counting
        || by_cell
        || (words.len() >= n.max(3)
            && ((words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()))
                && 3 * in_place >= 2 * words.len())
                || (marks && 2 * in_place >= words.len())))
}

/// The first row with the column numbers a PDF set on its first line taken out (a table
/// without rules draws the numbers' line and the row under it as one row): every cell's first
/// line is its column's number.
fn without_column_numbers(row: &Row) -> Row {
    let numbered = row.cells.len() >= 3
        && row.cells.iter().enumerate().all(|(i, c)| {
            c.paragraphs
                .first()
                .and_then(|p| p.lines().next())
                .is_some_and(|l| l.trim() == (i + 1).to_string())
        });
    if !numbered {
        return row.clone();
    }
    let mut row = row.clone();
    for c in &mut row.cells {
        let first = c.paragraphs.remove(0);
        let rest: Vec<&str> = first.lines().skip(1).collect();
        if !rest.is_empty() {
            c.paragraphs.insert(0, rest.join("\n"));
        }
    }
    row
}

/// Segment the plan table.
pub fn segment(table: &Table, problems: &mut Vec<Problem>) -> TableOutput {
    let header_idx = table
        .rows
        .iter()
        .take(3)
        .position(|r| columns_of(r).is_some())
        .unwrap_or(0);
    let header = &table.rows[header_idx];
    let mut cols = columns_of(header).expect("find() checked the header");
    number_column_by_contents(&mut cols, header, &table.rows[header_idx + 1..]);
    let n = cols.n();
    let rows: Vec<Row> = table.rows[header_idx + 1..]
        .iter()
        .filter(|r| !is_header_repeat(r, header))
        .filter(|r| !is_column_numbers(r, n))
        .enumerate()
        .map(|(i, r)| match i {
            0 => without_column_numbers(r),
            _ => r.clone(),
        })
        .collect();
    let data: Vec<&Row> = rows.iter().collect();
    let typical = typical_lengths(&data, n);
    let no_col = cols.of(Role::No);
    let activity_col = cols.of(Role::Activity);
    let score_col = cols.of(Role::Score);
    let prose = |c: usize| {
        matches!(
            cols.roles[c],
            Some(Role::Activity | Role::Target | Role::Implementation)
        )
    };

    let mut groups: Vec<Group> = Vec::new();
    let mut overall = None;
    // A page break seen on an empty row (a cut row's border drawn at the page's top) belongs to
    // the next row with text.
    let mut break_pending = false;
    for row in data {
        let cells = align(row, &cols, &typical, problems);
        if is_overall_row(&cells) {
            overall = cells
                .iter()
                .rev()
                .find_map(|c| match parse_score(&c.text()) {
                    ScoreCell::Value(v) => Some(StatedNumber {
                        value: v,
                        raw: c.text(),
                        source: row.source.clone(),
                    }),
                    _ => None,
                });
            continue;
        }
        if cells.iter().all(Cell::is_empty) {
            break_pending |= row.after_page_break;
            continue;
        }
        let after_page_break = row.after_page_break || std::mem::take(&mut break_pending);
        let mut paras: Vec<Vec<Para>> = cells.iter().map(|c| cell_paras(c, &row.source)).collect();
        if let Some(m) = cols.of(Role::Measure) {
            paras[m] = split_measures(std::mem::take(&mut paras[m]));
        }
        let no_text = no_col
            .map(|c| normalize(&crate::normalize::ocr_digits(&cells[c].text())))
            .unwrap_or_default();
        let new_objective_no = OBJECTIVE_NO
            .captures(no_text.trim())
            .and_then(|c| c[1].parse::<u32>().ok());

        // Without a № column, a row whose activity cell starts a new text opens an objective.
        // With one, so does a row whose № cell holds no number (OCR skips a lone digit in a
        // cell, or misreads it: "э") and whose activity text neither goes on from the one above (lowercase, or the
        // line above stops on a comma) nor repeats it: an activity cell merged down rows is
        // empty below its first.
        let prev_activity = |a: usize| {
            groups
                .last()
                .and_then(|g| g.units.iter().rev().find_map(|u| u.cols[a].last()))
        };
        let opens_without_no = new_objective_no.is_none()
            && activity_col.is_some_and(|a| {
                if paras[a].is_empty() {
                    return false;
                }
                let next = &paras[a][0].text;
                if no_col.is_none() {
                    let continues_above = after_page_break
                        && groups
                            .last()
                            .and_then(|g| g.units.last())
                            .and_then(|u| u.cols[a].last())
                            .is_some_and(|prev| continues(&prev.text, next, true));
                    // The activity repeated on every row of its objective (a row per
                    // measure, no cell merged down) goes on with it.
                    let repeats_above = prev_activity(a)
                        .is_some_and(|prev| crate::normalize::similarity(&prev.text, next) >= 0.9);
                    return !continues_above && !repeats_above;
                }
                prev_activity(a).is_some_and(|prev| {
                    !continues(&prev.text, next, after_page_break)
                        && crate::normalize::similarity(&prev.text, next) < 0.9
                })
            });
        if new_objective_no.is_none() && !no_text.trim().is_empty() && !opens_without_no {
            problems.push(Problem {
                stage: crate::model::Stage::PlanTable,
                source: row.source.clone(),
                message: format!(
                    "the № cell reads {no_text:?}, not an objective number (an OCR misreading?); the row is kept with the objective above"
                ),
                message_mn: format!(
                    "№ нүдэнд {no_text:?} гэж байгаа нь зорилтын дугаар биш (текст таниулалтын алдаа?); мөрийг дээрх зорилтод үлдээсэн"
                ),
            });
        }
        // The № repeated on every row of an objective (not merged) goes on with it.
        let repeats_no =
            new_objective_no.is_some() && groups.last().map(|g| g.objective_no) == new_objective_no;
        if repeats_no {
        } else if let Some(no) = new_objective_no.filter(|_| no_col.is_some()) {
            groups.push(Group {
                objective_no: no,
                units: Vec::new(),
                source: row.source.clone(),
            });
        } else if opens_without_no || groups.is_empty() {
            let no = groups.last().map(|g| g.objective_no + 1).unwrap_or(1);
            if no_col.is_some() {
                problems.push(Problem {
                    stage: crate::model::Stage::PlanTable,
                    source: row.source.clone(),
                    message: format!(
                        "row has no objective number (№ cell {no_text:?}); numbered {no} by its place"
                    ),
                    message_mn: format!(
                        "мөрөнд зорилтын дугаар алга (№ нүд {no_text:?}); байрлалаар нь {no} гэж дугаарласан"
                    ),
                });
            }
            groups.push(Group {
                objective_no: no,
                units: Vec::new(),
                source: row.source.clone(),
            });
        }
        let group = groups.last_mut().expect("a group was opened above");
        // A repeated activity cell says again what the objective's first row said.
        if let Some(a) = activity_col.filter(|_| repeats_no) {
            let said: Vec<&str> = group
                .units
                .iter()
                .flat_map(|u| u.cols[a].iter().map(|p| p.text.as_str()))
                .collect();
            let again: Vec<&str> = paras[a].iter().map(|p| p.text.as_str()).collect();
            if !again.is_empty() && said.starts_with(&again) {
                paras[a].clear();
            }
        }

        // Does the row continue the unit above?
        let measure_col = cols.of(Role::Measure);
        let merge = match group.units.last() {
            None => false,
            Some(prev) => {
                let non_empty: Vec<usize> = (0..n).filter(|&c| !paras[c].is_empty()).collect();
                let has_score = score_col.is_some_and(|s| !paras[s].is_empty());
                let has_figure = score_col.is_some_and(|s| holds_score_figure(&paras[s]));
                if after_page_break {
                    // The rest of a row cut by the page break has no score of its own; a row with
                    // a score is a new row that happens to start the page.
                    !has_figure
                } else {
                    // A line going on in a text column may start with a figure ("165 сая
                    // төгрөг" after "… 70%"), never the measure's own; one column at least
                    // goes on in lowercase.
                    let goes_on = |c: usize| {
                        let first = &paras[c][0].text;
                        let by_figure = Some(c) != measure_col
                            && prose(c)
                            && first
                                .trim_start()
                                .starts_with(|ch: char| ch.is_ascii_digit());
                        (starts_lowercase(first) || by_figure)
                            && prev.cols[c].last().is_some_and(|p| !ends_sentence(&p.text))
                    };
                    !has_score
                        && !non_empty.is_empty()
                        && non_empty.iter().all(|&c| goes_on(c))
                        && non_empty
                            .iter()
                            .any(|&c| starts_lowercase(&paras[c][0].text))
                }
            }
        };
        // The rest of a row the page break cut, set in one row with the next one (no rule
        // between them at the page's top): each column's first paragraph that goes on from the
        // row above joins it; the rest is the next row.
        let measure_col = cols.of(Role::Measure);
        if let (false, true, Some(prev), Some(m)) =
            (merge, after_page_break, group.units.last_mut(), measure_col)
        {
            let goes_on = |prev: &Unit, c: usize, paras: &[Vec<Para>]| {
                paras[c].first().is_some_and(|f| {
                    starts_lowercase(&f.text)
                        && prev.cols[c].last().is_some_and(|p| {
                            !ends_sentence(&p.text) && continues(&p.text, &f.text, prose(c))
                        })
                })
            };
            if paras[m].len() >= 2 && goes_on(prev, m, &paras) {
                for c in 0..n {
                    if goes_on(prev, c, &paras) {
                        let first = paras[c].remove(0);
                        if let Some(last) = prev.cols[c].last_mut() {
                            last.text.push('\n');
                            last.text.push_str(&first.text);
                        }
                    }
                }
            }
        }
        if merge {
            let prev = group.units.last_mut().expect("checked above");
            for (c, col_paras) in paras.into_iter().enumerate() {
                let mut iter = col_paras.into_iter();
                if let Some(first) = iter.next() {
                    match prev.cols[c].last_mut() {
                        Some(last) if continues(&last.text, &first.text, prose(c)) => {
                            last.text.push('\n');
                            last.text.push_str(&first.text);
                        }
                        _ => prev.cols[c].push(first),
                    }
                }
                prev.cols[c].extend(iter);
            }
        } else {
            group.units.push(Unit {
                cols: paras,
                source: row.source.clone(),
                score_spans_rows: score_col.is_some_and(|s| cells[s].row_span > 1),
            });
        }
    }

    if no_col.is_some() {
        if let Some(s) = score_col {
            split_rows_of_lost_numbers(&mut groups, s, problems);
        }
    }
    // Measures written with their codes in the table (two at least): a row per measure puts
    // one in each cell, so a cell alone cannot say it.
    let table_coded = cols.of(Role::Measure).is_some_and(|m| {
        groups
            .iter()
            .flat_map(|g| &g.units)
            .flat_map(|u| &u.cols[m])
            .filter(|p| starts_with_code(&p.text))
            .count()
            >= 2
    });
    let mut objectives: Vec<Objective> = groups
        .into_iter()
        .map(|g| build_objective(g, &cols, table_coded, problems))
        .collect();
    renumber_by_codes(&mut objectives, problems);
    renumber_by_sequence(&mut objectives, problems);
    join_misread_repeats(&mut objectives, problems);
    join_misread_into_next(&mut objectives, problems);
    split_by_codes(&mut objectives, problems);
    regroup_by_stated_codes(&mut objectives, problems);
    recode_misread_codes(&mut objectives, problems);
    TableOutput {
        objectives,
        overall,
    }
}

/// A score cell's paragraphs hold a score's own figure (a value, or "not due"): the rest of
/// one cut by the page break ("хувь" of "100 хувь") does not.
fn holds_score_figure(paras: &[Para]) -> bool {
    paras.iter().any(|p| {
        matches!(
            parse_score(&p.text),
            ScoreCell::Value(_) | ScoreCell::NotDue
        )
    })
}

/// In a table of one scored row per objective (every other objective is one row), an
/// objective of several scored rows followed by a gap in the numbers as wide as its rows after
/// the first is that many objectives: OCR lost their lone № digits ("2", "", "4"), so their
/// rows read as more rows of the objective above. Each row after the first opens the next
/// number. Rows of one objective each with a score (a row per measure) make every objective
/// several rows, and nothing is split.
fn split_rows_of_lost_numbers(
    groups: &mut Vec<Group>,
    score_col: usize,
    problems: &mut Vec<Problem>,
) {
    let scored = |u: &Unit| holds_score_figure(&u.cols[score_col]);
    let one_row = groups.iter().filter(|g| g.units.len() == 1).count();
    let mut i = 0;
    while i + 1 < groups.len() {
        let (g, next) = (&groups[i], &groups[i + 1]);
        let rows = g.units.len();
        let gap = next.objective_no.saturating_sub(g.objective_no + 1) as usize;
        let fits = rows >= 2
            && gap + 1 == rows
            && one_row >= 2
            && one_row + 1 == groups.len()
            && g.units.iter().all(scored)
            && !groups
                .iter()
                .any(|o| (g.objective_no + 1..next.objective_no).contains(&o.objective_no));
        if !fits {
            i += 1;
            continue;
        }
        let g = &mut groups[i];
        let rest: Vec<Unit> = g.units.split_off(1);
        let from = g.objective_no;
        problems.push(Problem {
            stage: crate::model::Stage::PlanTable,
            source: rest[0].source.clone(),
            message: format!(
                "objective {from} reads as {rows} scored rows, the others as one each, and the numbers go on at {}: its rows after the first are objectives {}-{} (their № cells lost or unread)",
                from + rows as u32,
                from + 1,
                from + gap as u32
            ),
            message_mn: format!(
                "{from}-р зорилт оноотой {rows} мөр болж уншигдсан, бусад нь нэг нэг мөр, дугаарлалт {}-ээс үргэлжилнэ: эхнийхээс хойших мөрүүд нь {}-{}-р зорилтууд (№ нүд нь алдагдсан эсвэл уншигдаагүй)",
                from + rows as u32,
                from + 1,
                from + gap as u32
            ),
        });
        let opened: Vec<Group> = rest
            .into_iter()
            .enumerate()
            .map(|(k, u)| Group {
                objective_no: from + 1 + k as u32,
                source: u.source.clone(),
                units: vec![u],
            })
            .collect();
        groups.splice(i + 1..i + 1, opened);
        i += rows;
    }
}

/// An objective whose measures' written codes all name one other number, which no objective
/// of the table has and which fits between its neighbours, takes that number: OCR misread its
/// lone № digit ("3" as "5"); the codes are several witnesses of it against one.
fn renumber_by_codes(objectives: &mut [Objective], problems: &mut Vec<Problem>) {
    for i in 0..objectives.len() {
        let o = &objectives[i];
        let written: Vec<u32> = o
            .measures
            .iter()
            .filter_map(|m| {
                if m.code_written {
                    m.code.split_once('.').and_then(|(no, _)| no.parse().ok())
                } else {
                    three_level_objective(m)
                }
            })
            .collect();
        let Some(&k) = written.first() else { continue };
        let fits = (i == 0 || objectives[i - 1].objective_no < k)
            && objectives
                .get(i + 1)
                .is_none_or(|next| k < next.objective_no);
        // Every measure's code, or two at least where OCR garbled the others' ("52221Л").
        if written.len() < o.measures.len().min(2)
            || written.iter().any(|&no| no != k)
            || k == o.objective_no
            || objectives.iter().any(|other| other.objective_no == k)
            || !fits
        {
            continue;
        }
        problems.push(Problem {
            stage: crate::model::Stage::PlanTable,
            source: o.source.clone(),
            message: format!(
                "objective numbered {} in its № cell, but the {} measure code(s) read in its rows all say {k}: numbered {k} (the № cell misread?)",
                o.objective_no,
                written.len()
            ),
            message_mn: format!(
                "№ нүдэнд {} гэж дугаарласан зорилтын мөрүүдэд уншсан {} арга хэмжээний код бүгд {k} гэж байна: {k} гэж дугаарласан (№ нүдийг буруу уншсан?)",
                o.objective_no,
                written.len()
            ),
        });
        let o = &mut objectives[i];
        o.objective_no = k;
        for m in &mut o.measures {
            m.objective_no = k;
            if !m.code_written {
                m.code = format!("{k}.{}", m.measure_no);
            }
        }
    }
}

/// A measure's written code that OCR misread takes the measure's place in its objective: a
/// code another measure of the objective also has ("5.2." read "5.3." beside the true 5.3), or
/// one that lost the dot of a third level ("1.3.1." read "1.341"), when no other measure of the
/// objective has the place's code. A code that merely skips (1.1, 1.2, 1.4: a measure dropped
/// from the plan) is no misreading and is kept.
pub(super) fn recode_misread_codes(objectives: &mut [Objective], problems: &mut Vec<Problem>) {
    for o in objectives.iter_mut() {
        let no = o.objective_no;
        let second = |m: &Measure| -> Option<String> {
            let (first, second) = m.code.split_once('.')?;
            (m.code_written && first.parse() == Ok(no)).then(|| second.to_string())
        };
        let read: Vec<Option<String>> = o.measures.iter().map(second).collect();
        for (i, code) in read.iter().enumerate() {
            let place = (i + 1).to_string();
            let Some(code) = code.as_ref().filter(|c| **c != place) else {
                continue;
            };
            let twice = read
                .iter()
                .enumerate()
                .any(|(j, c)| j != i && c.as_ref() == Some(code));
            let lost_dot = code.len() > place.len() && code.starts_with(&place);
            let place_free = !o
                .measures
                .iter()
                .any(|m| m.code.split_once('.').is_some_and(|(_, s)| s == place));
            if !place_free || !(twice || lost_dot) {
                continue;
            }
            let m = &mut o.measures[i];
            let was = std::mem::replace(&mut m.code, format!("{no}.{place}"));
            problems.push(Problem {
                stage: crate::model::Stage::PlanTable,
                source: m.source.clone(),
                message: format!(
                    "measure {place} of objective {no} reads code {was:?}, {}: coded {no}.{place} by its place (OCR misread the code?)",
                    if twice { "which another measure of the objective has" } else { "its place's code with a dot lost" }
                ),
                message_mn: format!(
                    "{no}-р зорилтын {place} дахь арга хэмжээний код {was:?} гэж уншигдсан, {}: байрлалаар нь {no}.{place} гэж кодолсон (текст таниулалт кодыг буруу уншсан?)",
                    if twice { "энэ кодтой өөр арга хэмжээ тус зорилтод байна" } else { "цэг нь алдагдсан байрлалын код" }
                ),
            });
        }
    }
}

/// An objective numbered out of the table's rising order, where exactly one number fits
/// between its neighbours and no objective has it, takes that number: OCR misread its lone №
/// digit ("4" as "1" between 3 and 5) and no code says otherwise (coded measures are
/// [`renumber_by_codes`]'). Written codes naming its number as read keep it.
fn renumber_by_sequence(objectives: &mut [Objective], problems: &mut Vec<Problem>) {
    for i in 0..objectives.len() {
        let Some(next) = objectives.get(i + 1).map(|o| o.objective_no) else {
            break;
        };
        let prev = if i == 0 {
            0
        } else {
            objectives[i - 1].objective_no
        };
        let o = &objectives[i];
        let in_order = prev < o.objective_no && o.objective_no < next;
        if in_order || next != prev + 2 {
            continue;
        }
        let k = prev + 1;
        let codes_say_read = o.measures.iter().any(|m| {
            m.code_written
                && m.code
                    .split_once('.')
                    .is_some_and(|(no, _)| no.parse() == Ok(o.objective_no))
        });
        if codes_say_read || objectives.iter().any(|other| other.objective_no == k) {
            continue;
        }
        problems.push(Problem {
            stage: crate::model::Stage::PlanTable,
            source: o.source.clone(),
            message: format!(
                "objective numbered {} in its № cell, between {prev} and {next}: numbered {k} (the № cell misread?)",
                o.objective_no
            ),
            message_mn: format!(
                "{prev}, {next}-р зорилтуудын хооронд № нүдэнд {} гэж дугаарласан зорилт: {k} гэж дугаарласан (№ нүдийг буруу уншсан?)",
                o.objective_no
            ),
        });
        let o = &mut objectives[i];
        o.objective_no = k;
        for m in &mut o.measures {
            m.objective_no = k;
            if !m.code_written {
                m.code = format!("{k}.{}", m.measure_no);
            }
        }
    }
}

/// An objective numbered out of the table's rising order where no number is free between its
/// neighbours ("9" between 3 and 4, or "2" between two rows of objective 3 whose activity all
/// three repeat), with no activity of its own (none, or the one before repeated) and no written
/// code naming its number, is rows of the objective before whose repeated № OCR misread: they
/// join it, and the rows after it of the same objective with them (the evaluation's list may
/// still move them on, see `regroup`).
fn join_misread_repeats(objectives: &mut Vec<Objective>, problems: &mut Vec<Problem>) {
    let mut i = 1;
    while i + 1 < objectives.len() {
        let (prev, o, next) = (&objectives[i - 1], &objectives[i], &objectives[i + 1]);
        let out_of_order =
            !(prev.objective_no < o.objective_no && o.objective_no < next.objective_no);
        // Between two rows of one objective ("3", "2", "3": the № and the activity repeated
        // per row) no number is free either; "2", "1", "2" with the second 2's activity
        // another is objective 1 whose first row's № was misread (`join_misread_into_next`).
        // OCR garbles each row's copy of the activity its own way ("урьдчилан" read
        // "УрэдАЙНӨ ьдчилан"): copies read 0.7-0.8 alike, two objectives' activities 0.1-0.4.
        let alike = |a: &Objective| crate::normalize::similarity(&o.text.text, &a.text.text) >= 0.7;
        let one_block = next.objective_no == prev.objective_no
            && !o.text.text.is_empty()
            && alike(prev)
            && alike(next);
        let none_free = next.objective_no == prev.objective_no + 1 || one_block;
        let own_activity = !o.text.text.is_empty() && o.text.text != prev.text.text && !one_block;
        let codes_say_read = o.measures.iter().any(|m| {
            m.code_written
                && m.code
                    .split_once('.')
                    .is_some_and(|(no, _)| no.parse() == Ok(o.objective_no))
        });
        if !out_of_order || !none_free || own_activity || codes_say_read {
            i += 1;
            continue;
        }
        let joined = objectives.remove(i);
        problems.push(Problem {
            stage: crate::model::Stage::PlanTable,
            source: joined.source.clone(),
            message: format!(
                "objective numbered {} in its № cell between {} and {}, with no activity of its own (none, or its neighbours' repeated): its {} measure(s) joined objective {} (a repeated № misread?)",
                joined.objective_no,
                objectives[i - 1].objective_no,
                objectives[i].objective_no,
                joined.measures.len(),
                objectives[i - 1].objective_no
            ),
            message_mn: format!(
                "{1}, {2}-р зорилтуудын хооронд № нүдэнд {0} гэж дугаарласан зорилт өөрийн үйл ажиллагаагүй (хоосон, эсвэл хөршийнхөө давталт): түүний {3} арга хэмжээг {4}-р зорилтод нэгтгэсэн (давтсан №-ийг буруу уншсан?)",
                joined.objective_no,
                objectives[i - 1].objective_no,
                objectives[i].objective_no,
                joined.measures.len(),
                objectives[i - 1].objective_no
            ),
        });
        let mut joined = vec![joined];
        // The rows after it went on with the same objective: one block of rows again.
        if objectives[i].objective_no == objectives[i - 1].objective_no {
            joined.push(objectives.remove(i));
        }
        let o = &mut objectives[i - 1];
        for j in joined {
            let shift = o.measures.len();
            o.row_scores
                .extend(j.row_scores.into_iter().map(|(k, s)| (k + shift, s)));
            for m in j.measures {
                let positional = !m.code_written;
                take_in(o, m, positional);
            }
        }
        scores_on_rows_are_the_measures(o);
        if o.measures.iter().filter(|m| m.score_self.is_some()).count() >= 2 {
            o.score_self = None;
        }
    }
}

/// An objective numbered out of order with the next (not below it), with the next one's
/// activity (as alike as OCR's copies of one text read: 0.7 at least, see
/// `join_misread_repeats`), and no written code naming its number: the № repeated on each
/// row of the next objective, misread on its first row ("2", "1", "1", … before "2"). Its
/// measures go first in the next objective.
fn join_misread_into_next(objectives: &mut Vec<Objective>, problems: &mut Vec<Problem>) {
    let mut i = 0;
    while i + 1 < objectives.len() {
        let (o, next) = (&objectives[i], &objectives[i + 1]);
        let out_of_order = o.objective_no >= next.objective_no
            && (i == 0 || objectives[i - 1].objective_no < next.objective_no);
        let same_activity = !o.text.text.is_empty()
            && crate::normalize::similarity(&o.text.text, &next.text.text) >= 0.7;
        let codes_say_read = o.measures.iter().any(|m| {
            m.code_written
                && m.code
                    .split_once('.')
                    .is_some_and(|(no, _)| no.parse() == Ok(o.objective_no))
        });
        if !out_of_order || !same_activity || codes_say_read {
            i += 1;
            continue;
        }
        let joined = objectives.remove(i);
        let next = &mut objectives[i];
        problems.push(Problem {
            stage: crate::model::Stage::PlanTable,
            source: joined.source.clone(),
            message: format!(
                "objective numbered {} in its № cell before objective {} with the same activity: its {} measure(s) go first in objective {} (a repeated № misread?)",
                joined.objective_no,
                next.objective_no,
                joined.measures.len(),
                next.objective_no
            ),
            message_mn: format!(
                "№ нүдэнд {} гэж дугаарласан зорилт ижил үйл ажиллагаатай {}-р зорилтын өмнө байна: түүний {} арга хэмжээ {}-р зорилтын эхэнд орсон (давтсан №-ийг буруу уншсан?)",
                joined.objective_no,
                next.objective_no,
                joined.measures.len(),
                next.objective_no
            ),
        });
        let rest = std::mem::take(&mut next.measures);
        // The rows moved in front: the next one's rows start later.
        let shift = joined.measures.len();
        let mut row_scores = joined.row_scores;
        row_scores.extend(
            std::mem::take(&mut next.row_scores)
                .into_iter()
                .map(|(k, s)| (k + shift, s)),
        );
        next.row_scores = row_scores;
        for m in joined.measures.into_iter().chain(rest) {
            let positional = !m.code_written;
            take_in(next, m, positional);
        }
        scores_on_rows_are_the_measures(next);
    }
}

/// A measure moved into objective `o`, numbered after its last; a measure numbered by its
/// place only takes its new place's code.
fn take_in(o: &mut Objective, mut m: Measure, positional: bool) {
    m.objective_no = o.objective_no;
    m.measure_no = o.measures.len() as u32 + 1;
    if positional {
        m.code = format!("{}.{}", o.objective_no, m.measure_no);
    }
    o.measures.push(m);
}

/// A score read as the objective's (its one row, or its first, scored) is a measure's own when
/// the objective now holds several measures scored on their rows.
fn scores_on_rows_are_the_measures(o: &mut Objective) {
    if o.measures
        .iter()
        .filter(|m| m.score_table.is_some())
        .count()
        >= 2
    {
        o.score_table = None;
    }
}

/// An objective whose last measures' written codes name other numbers, rising, which no
/// objective of the table has and which fit between it and the next, is several objectives:
/// the next ones' № cells were lost (OCR skips a lone digit; their rows then read as more rows
/// of the objective above). Its first measures keep the objective; those coded for each other
/// number open it, in the table's order.
fn split_by_codes(objectives: &mut Vec<Objective>, problems: &mut Vec<Problem>) {
    let written_no = |m: &Measure| -> Option<u32> {
        m.code_written
            .then(|| m.code.split_once('.')?.0.parse().ok())
            .flatten()
    };
    let mut i = 0;
    while i < objectives.len() {
        let o = &objectives[i];
        let Some(j) = o
            .measures
            .iter()
            .position(|m| written_no(m).is_some_and(|k| k != o.objective_no))
        else {
            i += 1;
            continue;
        };
        let rest: Option<Vec<u32>> = o.measures[j..].iter().map(written_no).collect();
        let fits = rest.as_ref().is_some_and(|ks| {
            ks.windows(2).all(|w| w[0] <= w[1])
                && ks[0] > o.objective_no
                && objectives
                    .get(i + 1)
                    .is_none_or(|next| ks[ks.len() - 1] < next.objective_no)
        });
        let head_own = o.measures[..j]
            .iter()
            .all(|m| written_no(m).is_none_or(|no| no == o.objective_no));
        if j == 0 || !fits || !head_own {
            i += 1;
            continue;
        }
        let o = &mut objectives[i];
        let moved: Vec<Measure> = o.measures.split_off(j);
        let from = o.objective_no;
        // Each part takes the score of the one scored row it starts with, when its measures
        // have no scores of their own (the score cell merged over the row's measures).
        let row_scores = std::mem::take(&mut o.row_scores);
        let row_score = |start: usize, end: usize, measures: &[Measure]| {
            let within: Vec<&(usize, StatedNumber)> = row_scores
                .iter()
                .filter(|(k, _)| (start..end).contains(k))
                .collect();
            match within.as_slice() {
                [(k, s)] if *k == start && measures.iter().all(|m| m.score_table.is_none()) => {
                    Some(s.clone())
                }
                _ => None,
            }
        };
        if o.score_table.is_none() {
            o.score_table = row_score(0, j, &o.measures);
        }
        let mut start = j;
        let mut opened: Vec<Objective> = Vec::new();
        for run in moved.chunk_by(|a, b| written_no(a) == written_no(b)) {
            let k = written_no(&run[0]).expect("all written, checked above");
            problems.push(Problem {
                stage: crate::model::Stage::PlanTable,
                source: run[0].source.clone(),
                message: format!(
                    "objective {from}'s rows hold {} measure(s) coded {k}.…: objective {k}, whose № cell was lost or unread",
                    run.len()
                ),
                message_mn: format!(
                    "{from}-р зорилтын мөрүүдэд {k}.… кодтой {} арга хэмжээ байна: эдгээр нь № нүд нь алдагдсан эсвэл уншигдаагүй {k}-р зорилт",
                    run.len()
                ),
            });
            let measures = run
                .iter()
                .cloned()
                .enumerate()
                .map(|(n, mut m)| {
                    m.objective_no = k;
                    m.measure_no = n as u32 + 1;
                    m
                })
                .collect();
            let mut part = Objective::opened_with(k, measures);
            part.score_table = row_score(start, start + run.len(), &part.measures);
            start += run.len();
            opened.push(part);
        }
        let n = opened.len();
        objectives.splice(i + 1..i + 1, opened);
        i += 1 + n;
    }
}

/// The objective a three-level code left in a measure's text names ("2.3.1. …" → 2).
fn three_level_objective(m: &Measure) -> Option<u32> {
    static THREE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,3})\.\d{1,3}\.\d{1,3}\.?\s").expect("valid regex"));
    THREE.captures(&m.text.text)?[1].parse().ok()
}

/// The objective a measure's own code names, when it is not the measure's position: "2.3. …"
/// (parsed into `code`) or "2.3.1. …" (three levels, left in the text).
fn stated_objective(m: &Measure) -> Option<u32> {
    if let Some(no) = three_level_objective(m) {
        return Some(no);
    }
    if m.code == format!("{}.{}", m.objective_no, m.measure_no) {
        return None;
    }
    let (no, _) = m.code.split_once('.')?;
    no.parse().ok()
}

/// A measure whose own code names another objective of the table than the one its rows put it
/// under (the objective's cell merged down rows and set where the layout could not place it)
/// moves to the one its code names, in table order; codes that were only a measure's position
/// are renumbered. The author's code is the better witness of membership than the layout.
fn regroup_by_stated_codes(objectives: &mut [Objective], problems: &mut Vec<Problem>) {
    let numbers: Vec<u32> = objectives.iter().map(|o| o.objective_no).collect();
    let target = |m: &Measure| {
        stated_objective(m).filter(|no| *no != m.objective_no && numbers.contains(no))
    };
    let misplaced = objectives
        .iter()
        .flat_map(|o| &o.measures)
        .filter(|m| target(m).is_some())
        .count();
    if misplaced == 0 {
        return;
    }
    // (objective, renumber: the code was only the measure's position, measure)
    let flat: Vec<(u32, bool, Measure)> = objectives
        .iter_mut()
        .flat_map(|o| std::mem::take(&mut o.measures))
        .map(|m| {
            let positional = !m.code_written;
            let no = target(&m).unwrap_or(m.objective_no);
            (no, positional, m)
        })
        .collect();
    problems.push(Problem {
        stage: crate::model::Stage::PlanTable,
        source: flat[0].2.source.clone(),
        message: format!(
            "{misplaced} measure(s) stood under another objective than the one their code names; moved to it"
        ),
        message_mn: format!(
            "{misplaced} арга хэмжээ кодынхоо заасан зорилтоос өөр зорилтын дор байсан; өөрийнх рүү нь шилжүүлсэн"
        ),
    });
    for o in objectives.iter_mut() {
        let own = o.objective_no;
        for (_, positional, m) in flat.iter().filter(|(no, _, _)| *no == own) {
            take_in(o, m.clone(), *positional);
        }
        scores_on_rows_are_the_measures(o);
    }
}

fn join_field(paras: &[Para]) -> Text {
    field(
        &paras
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn build_objective(
    group: Group,
    cols: &Columns,
    table_coded: bool,
    problems: &mut Vec<Problem>,
) -> Objective {
    let col = |r: Role| cols.of(r);
    let activity: Vec<Para> = col(Role::Activity)
        .map(|a| group.units.iter().flat_map(|u| u.cols[a].clone()).collect())
        .unwrap_or_default();
    let mut measures = Vec::new();
    let mut unit_scores = Vec::new();
    let mut row_scores = Vec::new();
    let mut self_scores = Vec::new();
    // Text of rows above the objective's first measure: kept on that measure.
    let mut orphan_targets: Vec<Para> = Vec::new();
    let mut orphan_impls: Vec<Para> = Vec::new();
    for (row_idx, unit) in group.units.iter().enumerate() {
        let get = |r: Role| col(r).map(|c| unit.cols[c].clone()).unwrap_or_default();
        // A measure is an action in words: a paragraph of the measure cell with no letter
        // ("?", a stray mark a scan left) is none.
        let cell = drop_garbled_codes(
            get(Role::Measure),
            group.objective_no,
            table_coded,
            problems,
        );
        let (measure_paras, marks): (Vec<Para>, Vec<Para>) = join_lone_codes(cell)
            .into_iter()
            .partition(|p| p.text.chars().any(char::is_alphabetic));
        if let Some(first) = marks.first() {
            problems.push(Problem {
                stage: crate::model::Stage::PlanTable,
                source: first.source.clone(),
                message: format!(
                    "measure cell text {:?} of objective {} has no word; not a measure",
                    marks.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
                    group.objective_no
                ),
                message_mn: format!(
                    "{1}-р зорилтын арга хэмжээний нүдний текст {0:?}-д үг алга; арга хэмжээ биш",
                    marks.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
                    group.objective_no
                ),
            });
        }
        let mut targets = get(Role::Target);
        let mut impls = get(Role::Implementation);
        if !measure_paras.is_empty() {
            targets.splice(0..0, std::mem::take(&mut orphan_targets));
            impls.splice(0..0, std::mem::take(&mut orphan_impls));
        }
        let k = measure_paras.len();
        let read = read_score(unit, col(Role::Score), k);
        let read_self = read_score(unit, col(Role::SelfScore), k);
        for r in [&read, &read_self] {
            if let (Some((ScoreCell::Unreadable, raw, src)), true) = (&r.cell, r.own.is_empty()) {
                problems.push(Problem {
                    stage: crate::model::Stage::PlanTable,
                    source: src.clone(),
                    message: format!(
                        "score cell {raw:?} of objective {} is not a number; left out",
                        group.objective_no
                    ),
                    message_mn: format!(
                        "{}-р зорилтын онооны нүд {raw:?} тоо биш; орхисон",
                        group.objective_no
                    ),
                });
            }
        }
        unit_scores.push(read.cell.clone());
        if let (Some((ScoreCell::Value(v), raw, src)), false) =
            (&read.cell, measure_paras.is_empty())
        {
            row_scores.push((
                measures.len(),
                StatedNumber {
                    value: *v,
                    raw: raw.clone(),
                    source: src.clone(),
                },
            ));
        }
        self_scores.push(read_self.cell.clone());
        if measure_paras.is_empty() {
            if !targets.is_empty() || !impls.is_empty() {
                let kept_on = measures.last().map(|m: &Measure| m.code.clone());
                problems.push(Problem {
                    stage: crate::model::Stage::PlanTable,
                    source: unit.source.clone(),
                    message: format!(
                        "a row of objective {} has target or implementation text but no measure; its text is kept on measure {}",
                        group.objective_no,
                        kept_on.as_deref().unwrap_or("(the objective's first)")
                    ),
                    message_mn: format!(
                        "{}-р зорилтын нэг мөрөнд хүрэх үр дүн эсвэл хэрэгжилтийн текст байгаа ч арга хэмжээ алга; текстийг {} арга хэмжээнд хадгалсан",
                        group.objective_no,
                        kept_on.as_deref().unwrap_or("(зорилтын эхний)")
                    ),
                });
                match measures.last_mut() {
                    Some(m) => {
                        m.target = extend_text(&m.target, &targets);
                        m.implementation = extend_text(&m.implementation, &impls);
                        m.text_scope = TextScope::Row;
                    }
                    None => {
                        orphan_targets.extend(targets);
                        orphan_impls.extend(impls);
                    }
                }
            }
            continue;
        }
        let assign = |paras: &[Para], i: usize| -> (Text, bool) {
            if k == 1 {
                (join_field(paras), false)
            } else if paras.len() == k {
                (join_field(&paras[i..=i]), false)
            } else if i == 0 {
                (join_field(paras), !paras.is_empty())
            } else {
                (Text::default(), !paras.is_empty())
            }
        };
        for (i, mp) in measure_paras.iter().enumerate() {
            let (code, text) = split_code(&mp.text);
            let text = field(text);
            let (target, t_shared) = assign(&targets, i);
            let (implementation, i_shared) = assign(&impls, i);
            let measure_no = measures.len() as u32 + 1;
            let (score_table, due_table) = read.of_measure(i, k, unit.score_spans_rows);
            let (score_self, due_self) = read_self.of_measure(i, k, unit.score_spans_rows);
            let not_due = due_table.or(due_self).unwrap_or(false);
            measures.push(Measure {
                objective_no: group.objective_no,
                measure_no,
                code_written: code.is_some(),
                code: code.unwrap_or_else(|| format!("{}.{}", group.objective_no, measure_no)),
                text,
                target,
                implementation,
                text_scope: if t_shared || i_shared {
                    TextScope::Row
                } else {
                    TextScope::Measure
                },
                table_row: row_idx as u32,
                source: mp.source.clone(),
                score: None,
                score_source: None,
                score_table,
                score_self,
                score_narrative: None,
                not_due,
                narrative: None,
            });
        }
    }
    if !orphan_targets.is_empty() || !orphan_impls.is_empty() {
        problems.push(Problem {
            stage: crate::model::Stage::PlanTable,
            source: group.source.clone(),
            message: format!(
                "objective {} has target or implementation text but no measure at all; its text is not in measures: {:?}",
                group.objective_no,
                orphan_targets.iter().chain(&orphan_impls).map(|p| p.text.as_str()).collect::<Vec<_>>()
            ),
            message_mn: format!(
                "{}-р зорилтод хүрэх үр дүн эсвэл хэрэгжилтийн текст байгаа ч нэг ч арга хэмжээ алга; текст нь арга хэмжээнд ороогүй: {:?}",
                group.objective_no,
                orphan_targets.iter().chain(&orphan_impls).map(|p| p.text.as_str()).collect::<Vec<_>>()
            ),
        });
    }
    let score_table = objective_score(&unit_scores);
    let score_self = objective_score(&self_scores);
    Objective {
        objective_no: group.objective_no,
        text: join_field(&activity),
        measures,
        source: group.source,
        score_table,
        score_self,
        score_summary: None,
        n_measures_stated: None,
        band_counts_stated: Vec::new(),
        band_counts_unplaced: None,
        row_scores,
    }
}

/// A score column's cell on one row, for `k` measures: the whole cell read as one score, and
/// when the row holds several measures with as many scores one under another, each one.
struct ScoreRead {
    cell: Option<(ScoreCell, String, Source)>,
    own: Vec<(ScoreCell, String)>,
}

fn read_score(unit: &Unit, col: Option<usize>, k: usize) -> ScoreRead {
    let Some(c) = col else {
        return ScoreRead {
            cell: None,
            own: Vec::new(),
        };
    };
    let paras = &unit.cols[c];
    let raw = crate::normalize::ocr_digits(
        &paras
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let cell = match parse_score(&raw) {
        ScoreCell::Empty => None,
        cell => Some((cell, raw, unit.source.clone())),
    };
    // Several measures in one row with as many scores one under another in the score cell:
    // each measure has its own, in order.
    let own: Vec<(ScoreCell, String)> = paras
        .iter()
        .map(|p| {
            let raw = crate::normalize::ocr_digits(&p.text);
            (parse_score(&raw), raw)
        })
        .collect();
    let each_own = k > 1
        && !unit.score_spans_rows
        && own.len() == k
        && own
            .iter()
            .all(|(c, _)| matches!(c, ScoreCell::Value(_) | ScoreCell::NotDue));
    ScoreRead {
        cell,
        own: if each_own { own } else { Vec::new() },
    }
}

impl ScoreRead {
    /// Measure `i` of the row's `k`: its own score, and whether the cell marks it not due
    /// (None when the cell says nothing of it).
    fn of_measure(
        &self,
        i: usize,
        k: usize,
        spans_rows: bool,
    ) -> (Option<StatedNumber>, Option<bool>) {
        let source = self.cell.as_ref().map(|(_, _, src)| src.clone());
        match (self.own.get(i), &self.cell) {
            (Some((ScoreCell::Value(v), raw)), _) => (
                Some(StatedNumber {
                    value: *v,
                    raw: raw.clone(),
                    source: source.unwrap_or_default(),
                }),
                Some(false),
            ),
            (Some((cell, _)), _) => (None, Some(matches!(cell, ScoreCell::NotDue))),
            (None, Some((ScoreCell::Value(v), raw, src))) if k == 1 && !spans_rows => (
                Some(StatedNumber {
                    value: *v,
                    raw: raw.clone(),
                    source: src.clone(),
                }),
                Some(false),
            ),
            (None, Some((ScoreCell::NotDue, _, _))) => (None, Some(true)),
            _ => (None, None),
        }
    }
}

/// The table's score belongs to the objective when only its first row carries one (a cell
/// spanning the objective's rows).
fn objective_score(rows: &[Option<(ScoreCell, String, Source)>]) -> Option<StatedNumber> {
    let scored: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_some())
        .map(|(i, _)| i)
        .collect();
    match (scored.as_slice(), rows.first()) {
        ([0], Some(Some((ScoreCell::Value(v), raw, src)))) => Some(StatedNumber {
            value: *v,
            raw: raw.clone(),
            source: src.clone(),
        }),
        _ => None,
    }
}

/// A field with more paragraphs appended (raw text extended, then normalized again).
fn extend_text(t: &Text, paras: &[Para]) -> Text {
    let mut raw: Vec<&str> = Vec::new();
    let base = t.raw.as_deref().unwrap_or(&t.text);
    if !base.is_empty() {
        raw.push(base);
    }
    raw.extend(paras.iter().map(|p| p.text.as_str()));
    field(&raw.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;
    use crate::read::text::parse;

    /// The texts of the first objective's measures.
    fn first_objective_texts(out: &TableOutput) -> Vec<&str> {
        out.objectives[0]
            .measures
            .iter()
            .map(|m| m.text.text.as_str())
            .collect()
    }

    fn table(text: &str) -> Table {
        let (doc, _) = parse(text, SourceFormat::Text);
        find(&doc).expect("plan table").2.into_owned()
    }

    const HEADER: &str =
        "№\tҮйл ажиллагаа\tХэрэгжүүлэх арга хэмжээ\tХүрэх түвшин\tБиелэлт\tҮнэлгээ\n";

    fn rows(lines: &[&str]) -> Table {
        Table {
            rows: lines
                .iter()
                .map(|l| Row {
                    cells: l
                        .split('\t')
                        .map(|c| Cell::new(vec![c.to_string()]))
                        .collect(),
                    source: Source::default(),
                    after_page_break: false,
                })
                .collect(),
            source: Source::default(),
        }
    }

    fn paragraph(text: &str) -> Block {
        Block::Paragraph(crate::layout::Paragraph {
            text: text.to_string(),
            source: Source::default(),
            emphasis: false,
            list_item: false,
        })
    }

    #[test]
    fn a_table_of_plan_rows_after_a_few_lines_goes_on_the_plan_table_a_heading_ends_it() {
        // A scan's faint rules part the table: the rest of objective 1 read as a line of text,
        // objective 2's rows a table of their own, without the score column nobody filled.
        let doc = Document {
            blocks: vec![
                Block::Table(rows(&[
                    HEADER.trim_end(),
                    "1\tАвлигаас урьдчилан сэргийлэх\tСургалт зохион байгуулах\tТогтмол\tСургалтад 40 хүн хамрагдсан\t100",
                ])),
                paragraph("байна зохион байгуулсан 2 удаа"),
                Block::Table(rows(&[
                    "2\tИл тод байдлыг хангах\tМэдээллийг байршуулах\tТогтмол\tМэдээллийг цахим хуудсанд байршуулсан",
                    "\t\tДотоод журмыг шинэчлэх\tТогтмол\tЖурмыг шинэчлэн баталсан",
                ])),
                paragraph("ХЯНАЛТ-ШИНЖИЛГЭЭ, ҮНЭЛГЭЭНИЙ ТАЙЛАН"),
                Block::Table(rows(&[
                    "1\tХэрэгжүүлэх арга хэмжээ нэмэгдүүлэх\tМэдээллийг шинэчлэх\tТогтмол\tТайланг хүргүүлсэн",
                ])),
            ],
            n_pages: Some(2),
        };
        let (first, last, plan) = find(&doc).expect("plan table");
        assert_eq!((first, last), (0, 2));
        assert_eq!(plan.rows.len(), 4);
        let mut problems = Vec::new();
        let out = segment(&plan, &mut problems);
        let nos: Vec<u32> = out.objectives.iter().map(|o| o.objective_no).collect();
        assert_eq!(nos, vec![1, 2], "{problems:?}");
        assert_eq!(out.objectives[1].measures.len(), 2);
    }

    #[test]
    fn a_table_of_numbers_or_one_text_a_row_is_no_part_of_the_plan_table() {
        let plan = rows(&[
            HEADER.trim_end(),
            "1\tАвлигаас урьдчилан сэргийлэх\tСургалт зохион байгуулах\tТогтмол\tСургалтад 40 хүн хамрагдсан\t100",
        ]);
        // A summary table without its header: a name and counts.
        let summary = rows(&["1\tАвлигаас урьдчилан сэргийлэх\t4\t3\t1\t92,5"]);
        assert!(!goes_on(&plan, &summary));
        // The evaluation's list set as a table.
        let list = rows(&["Зорилт 1.1 Сургалт зохион байгуулах ажил /100/\t"]);
        assert!(!goes_on(&plan, &list));
        let ended = rows(&[
            HEADER.trim_end(),
            "1\tАвлигаас урьдчилан сэргийлэх\tСургалт зохион байгуулах\tТогтмол\tСургалтад 40 хүн хамрагдсан\t100",
            "Дундаж үнэлгээ\t\t\t\t\t100",
        ]);
        let more = rows(&["2\tИл тод байдлыг хангах\tМэдээллийг байршуулах\tТогтмол\tМэдээллийг цахим хуудсанд байршуулсан"]);
        assert!(goes_on(&plan, &more));
        assert!(!goes_on(&ended, &more));
    }

    #[test]
    fn several_measures_in_one_cell_and_a_page_break_join() {
        let t = table(&format!(
            "{HEADER}1\tҮйл\t<p>Нэг арга.</p> <p>Хоёр арга, эхлэл,</p>\t<p>Т1</p> <p>Т2</p>\t<p>Б1.</p>\t100\n\n\t\t<p>Гурав дахь газар</p>\t\t<p>үргэлжлэл.</p>\t\n\t\t<p>Дөрөв арга</p>\t<p>Т3</p>\t<p>Б3.</p>\t\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        let o = &out.objectives[0];
        let texts: Vec<&str> = o.measures.iter().map(|m| m.text.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Нэг арга.",
                "Хоёр арга, эхлэл, Гурав дахь газар",
                "Дөрөв арга"
            ]
        );
        assert_eq!(o.measures[0].target.text, "Т1");
        assert_eq!(o.measures[1].target.text, "Т2");
        // Two measures, one implementation paragraph: the row's text stays on the first measure.
        assert_eq!(o.measures[0].implementation.text, "Б1. үргэлжлэл.");
        assert_eq!(o.measures[0].text_scope, TextScope::Row);
        assert_eq!(o.measures[2].implementation.text, "Б3.");
        assert_eq!(o.score_table.as_ref().map(|s| s.value), Some(100.0));
        assert!(o.measures[0].score_table.is_none());
    }

    #[test]
    fn a_row_s_second_line_read_as_a_row_joins_it_though_a_text_goes_on_with_a_figure() {
        // A table of row rules read line by line: the second line's implementation goes on
        // with "165 сая …" after "… 70%"; its measure in lowercase.
        let t = table(&format!(
            "{HEADER}1\tҮйл\tНэг арга санал\tТ1\tАжлыг зохион байгуулж, 70%\t100\n\t\tхүсэлтийг сургах\t\t165 сая төгрөгийн зардал гарсан.\t\n\t\tХоёр арга.\tТ2\t9 удаа.\t70\n"
        ));
        let out = segment(&t, &mut Vec::new());
        let texts: Vec<(&str, &str)> = out.objectives[0]
            .measures
            .iter()
            .map(|m| (m.text.text.as_str(), m.implementation.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (
                    "Нэг арга санал хүсэлтийг сургах",
                    "Ажлыг зохион байгуулж, 70% 165 сая төгрөгийн зардал гарсан."
                ),
                ("Хоёр арга.", "9 удаа.")
            ]
        );
    }

    #[test]
    fn a_paragraph_in_lowercase_goes_on_with_the_one_above_even_after_a_full_stop() {
        // A scan's speck after "үнэлгээг" reads as "."; "хэрэгжүүлэх" is the measure's last word.
        let t = table(&format!(
            "{HEADER}1\tҮйл\t<p>Эрсдэлийн үнэлгээг.</p><p>хэрэгжүүлэх</p>\tТ\tБ.\t100\n"
        ));
        let out = segment(&t, &mut Vec::new());
        let texts = first_objective_texts(&out);
        assert_eq!(texts, vec!["Эрсдэлийн үнэлгээг. хэрэгжүүлэх"]);
    }

    #[test]
    fn a_lone_letter_read_in_capitals_goes_on_with_the_paragraph_above() {
        // A narrow column wraps "системийг" before its "г", which OCR reads "Г".
        let t = table(&format!(
            "{HEADER}1\tҮйл\t<p>Цахим системий</p><p>Г байршуулах</p><p>Дүрмийг</p><p>Х</p>\tТ\tБ.\t100\n"
        ));
        let out = segment(&t, &mut Vec::new());
        let texts = first_objective_texts(&out);
        assert_eq!(texts, vec!["Цахим системий г байршуулах", "Дүрмийг х"]);
        // A digit for the tail's letter after text that ends no action; after an action it
        // may begin a measure ("2 удаа …").
        let t = table(&format!(
            "{HEADER}1\tҮйл\t<p>Хяналт шалгалты</p><p>5 байршуулах</p><p>2 удаа хэлэлцэх</p><p>Хяналт шалгалты</p><p>5</p><p>байршуулах</p>\tТ\tБ.\t100\n"
        ));
        let out = segment(&t, &mut Vec::new());
        let texts = first_objective_texts(&out);
        assert_eq!(
            texts,
            vec![
                "Хяналт шалгалты 5 байршуулах",
                "2 удаа хэлэлцэх",
                "Хяналт шалгалты 5 байршуулах"
            ]
        );
        // An initial is no lone letter.
        assert_eq!(lone_letter("Б.Бат"), None);
        assert_eq!(lone_letter("Г байр"), Some(('Г', " байр")));
    }

    #[test]
    fn the_rest_of_a_cut_row_set_in_one_row_with_the_next_joins_the_row_above() {
        // After the page break, "үргэлжлэл" ends measure 1's text; "Хоёр арга." and its 70
        // are the next row, drawn in the same row with no rule between.
        let t = table(&format!(
            "{HEADER}1\tҮйл\t<p>Нэг арга, эхлэл</p>\t<p>Т1</p>\t<p>Б1.</p>\t100\n\n\t\t<p>үргэлжлэл</p> <p>Хоёр арга.</p>\t<p>Т2</p>\t<p>Б2.</p>\t70\n"
        ));
        let out = segment(&t, &mut Vec::new());
        let measures: Vec<(&str, Option<f64>)> = out.objectives[0]
            .measures
            .iter()
            .map(|m| {
                (
                    m.text.text.as_str(),
                    m.score_table.as_ref().map(|s| s.value),
                )
            })
            .collect();
        assert_eq!(
            measures,
            vec![
                ("Нэг арга, эхлэл үргэлжлэл", Some(100.0)),
                ("Хоёр арга.", Some(70.0))
            ]
        );
    }

    #[test]
    fn column_numbers_drawn_into_the_first_row_or_split_oddly_are_not_data() {
        // The numbers' line set in the first row's cells (a table without rules).
        let t = table(&format!(
            "{HEADER}<p>1</p>\t<p>2</p>\t<p>3</p> <p>Нэг арга.</p>\t<p>4</p> <p>Т1</p>\t<p>5</p> <p>Б1.</p>\t<p>6</p> <p>100</p>\n2\tҮйл\tХоёр арга.\tТ2\tБ2.\t70\n"
        ));
        let out = segment(&t, &mut Vec::new());
        let texts: Vec<&str> = out
            .objectives
            .iter()
            .flat_map(|o| o.measures.iter().map(|m| m.text.text.as_str()))
            .collect();
        assert_eq!(texts, vec!["Нэг арга.", "Хоёр арга."]);
        assert_eq!(out.objectives[0].measures[0].target.text, "Т1");
        // Two numbers in one cell where a column edge was not seen.
        let t = table(&format!(
            "{HEADER}1\t2 3\t\t4\t5 6\t\n1\tҮйл\tНэг арга.\tТ1\tБ1.\t100\n"
        ));
        let out = segment(&t, &mut Vec::new());
        assert_eq!(out.objectives.len(), 1);
        assert_eq!(out.objectives[0].text.text, "Үйл");
        assert_eq!(out.objectives[0].measures.len(), 1);
        // More numbers than the header has cells: two columns merged under one header cell.
        let t = table(&format!(
            "{HEADER}1\t2\t3\t4\t5 6\t7\n1\tҮйл\tНэг арга.\tТ1\tБ1.\t100\n"
        ));
        let out = segment(&t, &mut Vec::new());
        assert_eq!(out.objectives.len(), 1);
        assert_eq!(out.objectives[0].text.text, "Үйл");
        assert_eq!(out.objectives[0].measures.len(), 1); // Misread by OCR ("1 2" glued into "12522", "3" read "5"): still no data.
        let t = table(&format!(
            "{HEADER}12522\t2\t5\t4\t5\t6\n1\tҮйл\tНэг арга.\tТ1\tБ1.\t100\n"
        ));
        let out = segment(&t, &mut Vec::new());
        assert_eq!(out.objectives.len(), 1);
        assert_eq!(out.objectives[0].text.text, "Үйл");
        assert_eq!(out.objectives[0].measures.len(), 1);
        // A row of mostly other numbers is data (or something else), not the column numbers.
        let row = Row {
            cells: ["3", "40", "1", "70", "5", "100"]
                .iter()
                .map(|t| Cell::new(vec![t.to_string()]))
                .collect(),
            ..Default::default()
        };
        assert!(!is_column_numbers(&row, 6));
        // Narrow cells read worst: marks of a character or two, half of them in place.
        let row = |cells: &[&str]| Row {
            cells: cells
                .iter()
                .map(|t| Cell::new(vec![t.to_string()]))
                .collect(),
            ..Default::default()
        };
        assert!(is_column_numbers(
            &row(&["1-2", "2", "5", "й", "Э", "6", "7", "8"]),
            8
        ));
        assert!(!is_column_numbers(
            &row(&["1", "Ашиг", "5", "й", "Э", "6", "7", "8"]),
            8
        ));
        // Merged columns and a glued pair: "1 2" read as "15:42", the rest counting up.
        assert!(is_column_numbers(&row(&["15:42", "3", "4", "5"]), 4));
        assert!(!is_column_numbers(&row(&["15:42", "3", "4", "Гомдол"]), 4));
        // Numbers lost in two narrow cells, three glued in the first: the cells read in place.
        assert!(is_column_numbers(
            &row(&["1::52", "", "", "4", "Э", "6", "7"]),
            7
        ));
        assert!(!is_column_numbers(
            &row(&["1::52", "", "", "4", "Гомдол", "6", "7"]),
            7
        ));
        assert!(is_column_numbers(
            &row(&["3Л9847) 2", "с", "4", "5", "6"]),
            6
        ));
        assert!(is_column_numbers(
            &row(&["1БРЧУЛ 2", "3", "4", "9", "6", "7", "8"]),
            8
        ));
        assert!(!is_column_numbers(&row(&["1.1", "100", "2", "3"]), 4));
        // A spurious empty column among seven: "1 2" glued into "152", "3 4 5 6" counting up.
        assert!(is_column_numbers(
            &row(&["152", "", "3", "", "4", "5", "6"]),
            7
        ));
        assert!(!is_column_numbers(
            &row(&["152", "", "3", "", "4", "", ""]),
            7
        ));
    }

    #[test]
    fn a_new_activity_under_an_empty_number_cell_is_the_next_objective() {
        // OCR lost the "2" of the second objective's № cell and misread the "3" of the third
        // ("э"); their activities are texts of their own. A row below with no activity, or
        // one going on in lowercase, stays with its objective.
        let t = table(&format!(
            "{HEADER}1\tАшиг сонирхлыг хянах\tНэг арга.\tТ\tБ.\t100\n\tИл тод байдлыг хангах\tХоёр арга.\tТ\tБ.\t70\n\t\tГурав арга.\tТ\tБ.\t70\n\tболон бусад\tДөрөв арга.\tТ\tБ.\t70\nэ\tХяналтыг сайжруулах\tТав арга.\tТ\tБ.\t70\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        let shape: Vec<(u32, usize)> = out
            .objectives
            .iter()
            .map(|o| (o.objective_no, o.measures.len()))
            .collect();
        assert_eq!(shape, vec![(1, 1), (2, 3), (3, 1)], "{problems:?}");
        assert!(problems
            .iter()
            .any(|p| p.message.contains("numbered 2 by its place")));
    }

    #[test]
    fn an_objective_number_its_measures_codes_contradict_takes_theirs() {
        let t = table(&format!(
            "{HEADER}1\tНэг\t1.1. Нэг арга.\tТ\tБ.\t100\n5\tХоёр\t<p>2.1. Хоёр арга.</p><p>2.2. Гурав арга.</p>\tТ\tБ.\t70\n3\tГурав\t3.1. Дөрөв арга.\tТ\tБ.\t70\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        let numbers: Vec<u32> = out.objectives.iter().map(|o| o.objective_no).collect();
        assert_eq!(numbers, vec![1, 2, 3], "{problems:?}");
        assert_eq!(out.objectives[1].measures[1].objective_no, 2);
        // One code against the № is no reason: a measure may be misfiled.
        let t = table(&format!(
            "{HEADER}1\tНэг\t1.1. Нэг арга.\tТ\tБ.\t100\n5\tХоёр\t<p>2.1. Хоёр арга.</p><p>5.2. Гурав арга.</p>\tТ\tБ.\t70\n"
        ));
        let out = segment(&t, &mut Vec::new());
        assert_eq!(out.objectives[1].objective_no, 5);
        // The last objective read "9" for 5, its three-level codes left in the texts, one of
        // them garbled ("52221Л"): the two read are witnesses enough.
        let t = table(&format!(
            "{HEADER}4\tНэг\t4.1.1. Нэг арга.\tТ\tБ.\t100\n9\tХоёр\t<p>5.1.1. Хоёр арга.</p><p>52221Л</p><p>Гурав арга.</p><p>5.3.1. Дөрөв арга.</p>\tТ\tБ.\t70\n"
        ));
        let out = segment(&t, &mut Vec::new());
        assert_eq!(
            shape(&out),
            vec![(4, vec!["4.1"]), (5, vec!["5.1", "5.2", "5.3"])]
        );
    }

    /// Each objective's number with its measures' codes.
    fn shape(out: &TableOutput) -> Vec<(u32, Vec<&str>)> {
        out.objectives
            .iter()
            .map(|o| {
                (
                    o.objective_no,
                    o.measures.iter().map(|m| m.code.as_str()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn an_objective_number_out_of_order_where_one_fits_takes_it() {
        // Objective 4's № read "1" between 3 and 5; its measures carry no codes.
        let rows = "3\tГурав\tГурав арга.\tТ\tБ.\t100\n1\tДөрөв\t<p>Дөрөв арга.</p><p>Тав арга.</p>\tТ\tБ.\t70\n5\tТав\tЗургаа арга.\tТ\tБ.\t70\n";
        let t = table(&format!("{HEADER}{rows}"));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        let shape = shape(&out);
        assert_eq!(
            shape,
            vec![(3, vec!["3.1"]), (4, vec!["4.1", "4.2"]), (5, vec!["5.1"])],
            "{problems:?}"
        );
        assert!(problems
            .iter()
            .any(|p| p.message.contains("between 3 and 5")));
        // Two numbers fit between 3 and 6: which one is not known.
        let t = table(&format!("{HEADER}{}", rows.replace("\n5\t", "\n6\t")));
        let out = segment(&t, &mut Vec::new());
        let numbers: Vec<u32> = out.objectives.iter().map(|o| o.objective_no).collect();
        assert_eq!(numbers, vec![3, 1, 6]);
        // Its measures' written codes say 1: kept.
        let t = table(&format!(
            "{HEADER}{}",
            rows.replace("<p>Дөрөв арга.</p>", "<p>1.1. Дөрөв арга.</p>")
        ));
        let out = segment(&t, &mut Vec::new());
        let numbers: Vec<u32> = out.objectives.iter().map(|o| o.objective_no).collect();
        assert_eq!(numbers, vec![3, 1, 5]);
    }

    #[test]
    fn a_repeated_number_misread_out_of_order_joins_the_objective_before() {
        // Objective 3's № repeated on each of its rows, the second read "9" between 3 and 4:
        // no number is free there.
        let rows = "3\t\tГурав арга.\tТ\tБ.\t70\n9\t\tДөрөв арга.\tТ\tБ.\t100\n4\t\tТав арга.\tТ\tБ.\t70\n";
        let t = table(&format!("{HEADER}{rows}"));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        assert_eq!(
            shape(&out),
            vec![(3, vec!["3.1", "3.2"]), (4, vec!["4.1"])],
            "{problems:?}"
        );
        // Its first row's 70 is measure 3.1's, not the objective's.
        assert_eq!(out.objectives[0].score_table, None);
        assert!(problems
            .iter()
            .any(|p| p.message.contains("joined objective 3")));
        // An activity of its own is an objective misnumbered, not rows misread.
        let t = table(&format!("{HEADER}{}", rows.replace("9\t\t", "9\tДөрөв\t")));
        let out = segment(&t, &mut Vec::new());
        let numbers: Vec<u32> = out.objectives.iter().map(|o| o.objective_no).collect();
        assert_eq!(numbers, vec![3, 9, 4]);
    }

    #[test]
    fn a_repeated_number_misread_between_rows_of_one_objective_joins_them() {
        // Objective 3's № and activity repeated on each row, its third row's "3" read "2"
        // (20261213 r003 @300: nine objectives for seven).
        // Each copy of the activity garbled its own way.
        let rows = "2\tХоёр\tХоёр арга.\tТ\tБ.\t70\n\
            3\tАшиг сонирхлын зөрчлөөс урьдчилан сэргийлэх\tГурав арга.\tТ\tБ.\t100\n\
            3\tАшиг сонирхлын зөрчлөөс урьдчилан сэргийлэх\tДөрөв арга.\tТ\tБ.\t0\n\
            2\tАшиг сонирхлын зөрчлөөс УрэдАЙНӨ ьдчилан сэргийлэх\tТав арга.\tТ\tБ.\t100\n\
            3\tАшиг сонирхлын р зөрчлөөс урьдчилан Е сэргийлэх\tЗургаа арга.\tТ\tБ.\t70\n\
            4\tДөрөв\tДолоо арга.\tТ\tБ.\t70\n";
        let t = table(&format!("{HEADER}{rows}"));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        assert_eq!(
            shape(&out),
            vec![
                (2, vec!["2.1"]),
                (3, vec!["3.1", "3.2", "3.3", "3.4"]),
                (4, vec!["4.1"])
            ],
            "{problems:?}"
        );
        // The activity of objective 2 on it: an objective of its own, kept.
        let t = table(&format!(
            "{HEADER}{}",
            rows.replace("2\tАшиг сонирхлын зөрчлөөс УрэдАЙНӨ ьдчилан", "2\tХоёр")
        ));
        let out = segment(&t, &mut Vec::new());
        let numbers: Vec<u32> = out.objectives.iter().map(|o| o.objective_no).collect();
        assert_eq!(numbers, vec![2, 3, 2, 3, 4]);
    }

    #[test]
    fn objectives_parted_by_their_codes_take_their_rows_merged_scores_back() {
        // Objective 3's № lost: its row, with its score cell merged over its two measures,
        // reads as objective 2's second row (20261213 r020 @300: objective 2's 100 lost, so
        // the summary's planted 88 had nothing to disagree with).
        let t = table(&format!(
            "{HEADER}1\tНэг\t1.1. Нэг арга.\tТ\tБ.\t100\n\
             2\tХоёр\t<p>2.1. Хоёр арга.</p><p>2.2. Гурав арга.</p>\tТ\tБ.\t70\n\
             \t\t<p>3.1. Дөрөв арга.</p><p>3.2. Тав арга.</p>\tТ\tБ.\t40\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        let scores: Vec<(u32, Option<f64>)> = out
            .objectives
            .iter()
            .map(|o| (o.objective_no, o.score_table.as_ref().map(|s| s.value)))
            .collect();
        assert_eq!(
            scores,
            vec![(1, Some(100.0)), (2, Some(70.0)), (3, Some(40.0))],
            "{problems:?}"
        );
        assert!(out.objectives[1..]
            .iter()
            .flat_map(|o| &o.measures)
            .all(|m| m.score_table.is_none()));
    }

    #[test]
    fn measures_coded_for_the_next_objective_under_a_lost_number_open_it() {
        // Objective 3's № cell and activity were not read: its row reads as objective 2's.
        let t = table(&format!(
            "{HEADER}1\tНэг\t1.1. Нэг арга.\tТ\tБ.\t100\n2\tХоёр\t2.1. Хоёр арга.\tТ\tБ.\t70\n\t\t<p>3.1. Гурав арга.</p><p>3.2. Дөрөв арга.</p>\tТ\tБ.\t70\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        assert_eq!(
            shape(&out),
            vec![(1, vec!["1.1"]), (2, vec!["2.1"]), (3, vec!["3.1", "3.2"])],
            "{problems:?}"
        );
        // Two objectives' numbers lost in a row: each opens its own.
        let t = table(&format!(
            "{HEADER}1\tНэг\t1.1. Нэг арга.\tТ\tБ.\t100\n2\tХоёр\t2.1. Хоёр арга.\tТ\tБ.\t70\n\t\t<p>3.1. Гурав арга.</p><p>3.2. Дөрөв арга.</p>\tТ\tБ.\t70\n\t\t4.1. Тав арга.\tТ\tБ.\t70\n5\tТав\t5.1. Зургаа арга.\tТ\tБ.\t70\n"
        ));
        assert_eq!(
            shape(&segment(&t, &mut Vec::new())),
            vec![
                (1, vec!["1.1"]),
                (2, vec!["2.1"]),
                (3, vec!["3.1", "3.2"]),
                (4, vec!["4.1"]),
                (5, vec!["5.1"])
            ]
        );
        // A number another objective has, or one out of order, is no lost objective.
        let t = table(&format!(
            "{HEADER}1\tНэг\t<p>1.1. Нэг арга.</p><p>3.1. Хоёр арга.</p>\tТ\tБ.\t100\n2\tХоёр\t2.1. Гурав арга.\tТ\tБ.\t70\n"
        ));
        let out = segment(&t, &mut Vec::new());
        let numbers: Vec<u32> = out.objectives.iter().map(|o| o.objective_no).collect();
        assert_eq!(numbers, vec![1, 2]);
    }

    #[test]
    fn a_scored_row_under_an_objective_where_the_numbers_skip_one_is_the_lost_objective() {
        const NO_ACTIVITY: &str = "№\tХэрэгжүүлэх арга хэмжээ\tХүрэх түвшин\tБиелэлт\tҮнэлгээ\n";
        // Objective 3's lone digit lost: its row reads as a second row of objective 2.
        let lost = |three: &str| {
            table(&format!(
                "{NO_ACTIVITY}1\t<p>Нэг арга.</p><p>Хоёр арга.</p>\tТ\tБ.\t100\n2\tГурав арга.\tТ\tБ.\t100\n{three}\t<p>Дөрөв арга.</p><p>Тав арга.</p>\tТ\tБ.\t30\n4\tЗургаа арга.\tТ\tБ.\t0\n5\tДолоо арга.\tТ\tБ.\t70\n"
            ))
        };
        let mut problems = Vec::new();
        let out = segment(&lost(""), &mut problems);
        assert_eq!(
            shape(&out),
            vec![
                (1, vec!["1.1", "1.2"]),
                (2, vec!["2.1"]),
                (3, vec!["3.1", "3.2"]),
                (4, vec!["4.1"]),
                (5, vec!["5.1"])
            ],
            "{problems:?}"
        );
        assert_eq!(
            out.objectives[2].score_table.as_ref().map(|s| s.value),
            Some(30.0)
        );
        // Read, it is the same table.
        assert_eq!(shape(&segment(&lost("3"), &mut Vec::new())), shape(&out));
        // A row per measure (objectives of several rows): rows without a number are the
        // objective's own, whatever the numbers do.
        let t = table(&format!(
            "{NO_ACTIVITY}1\tНэг арга.\tТ\tБ.\t100\n\tХоёр арга.\tТ\tБ.\t100\n2\tГурав арга.\tТ\tБ.\t100\n\tДөрөв арга.\tТ\tБ.\t30\n4\tТав арга.\tТ\tБ.\t0\n\tЗургаа арга.\tТ\tБ.\t70\n"
        ));
        assert_eq!(
            shape(&segment(&t, &mut Vec::new())),
            vec![
                (1, vec!["1.1", "1.2"]),
                (2, vec!["2.1", "2.2"]),
                (4, vec!["4.1", "4.2"])
            ]
        );
    }

    #[test]
    fn a_mark_without_a_word_in_the_measure_cell_is_no_measure() {
        let t = table(&format!(
            "{HEADER}1\tНэг\t<p>?</p><p>Нэг арга.</p>\tТ\tБ.\t100\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        let texts = first_objective_texts(&out);
        assert_eq!(texts, vec!["Нэг арга."]);
        assert_eq!(
            out.objectives[0].measures[0]
                .score_table
                .as_ref()
                .map(|s| s.value),
            Some(100.0)
        );
        assert!(problems.iter().any(|p| p.message.contains("not a measure")));
    }

    #[test]
    fn a_first_column_of_objective_numbers_is_the_number_column_whatever_its_label() {
        // "№" read "Хос"; objective 2 starts a page, where an activity cell without a
        // sentence end could go on from the page before.
        let header = HEADER.replacen('№', "Хос", 1);
        let mut t = table(&format!(
            "{header}1\tГомдол шийдвэрлэх\tНэг арга.\tТ\tБ.\t100\n2\tИргэдийн оролцоо\tХоёр арга.\tТ\tБ.\t70\n\t\tГурав арга.\tТ\tБ.\t70\n"
        ));
        t.rows[2].after_page_break = true;
        let out = segment(&t, &mut Vec::new());
        let shape: Vec<(u32, usize)> = out
            .objectives
            .iter()
            .map(|o| (o.objective_no, o.measures.len()))
            .collect();
        assert_eq!(shape, vec![(1, 1), (2, 2)]);
        assert_eq!(out.objectives[1].text.text, "Иргэдийн оролцоо");
        // Repeated on every row of its objective (a row per measure).
        let t = table(&format!(
            "{header}1\tГомдол\tНэг арга.\tТ\tБ.\t100\n1\tГомдол\tХоёр арга.\tТ\tБ.\t70\n\
             1\tГомдол\tГурав арга.\tТ\tБ.\t70\n2\tОролцоо\tДөрөв арга.\tТ\tБ.\t70\n\
             2\tОролцоо\tТав арга.\tТ\tБ.\t70\n"
        ));
        let shape: Vec<(u32, usize)> = segment(&t, &mut Vec::new())
            .objectives
            .iter()
            .map(|o| (o.objective_no, o.measures.len()))
            .collect();
        assert_eq!(shape, vec![(1, 3), (2, 2)]);
        // A first column of other figures is no № column.
        let header = HEADER.replacen('№', "Он", 1);
        let t = table(&format!(
            "{header}2020\tНэг\tНэг арга.\tТ\tБ.\t100\n2019\tХоёр\tХоёр арга.\tТ\tБ.\t70\n"
        ));
        let mut cols = columns_of(&t.rows[0]).unwrap();
        number_column_by_contents(&mut cols, &t.rows[0], &t.rows[1..]);
        assert_eq!(cols.of(Role::No), None);
    }

    #[test]
    fn a_number_label_over_the_column_numbers_misread_still_labels_the_number_column() {
        // "№" read "Мо", and the column numbers' "1" drawn into its cell read "5э5:2".
        let mut t = rows(&[
            HEADER.trim_end(),
            "1\tГомдол\tНэг арга.\tТ\tБ.\t100",
            "1\tГомдол\tХоёр арга.\tТ\tБ.\t70",
            "2\tОролцоо\tГурав арга.\tТ\tБ.\t70",
        ]);
        t.rows[0].cells[0] = Cell::new(vec!["Мо".to_string(), "5э5:2".to_string()]);
        let mut cols = columns_of(&t.rows[0]).unwrap();
        assert_eq!(cols.of(Role::No), None);
        number_column_by_contents(&mut cols, &t.rows[0], &t.rows[1..]);
        assert_eq!(cols.of(Role::No), Some(0));
    }

    #[test]
    fn the_column_numbers_misread_and_the_mean_row_do_not_hide_the_number_column() {
        // "№" read "Мсо"; the column numbers' "1" glued to "3" ("152"), "3" read "5"; the mean
        // row's "Д" (Дундаж) under the objective numbers.
        let t = rows(&[
            HEADER.replacen('№', "Мсо", 1).trim_end(),
            "152	2	5	4	5	6",
            "1	Гомдол	Нэг арга.	Т	Б.	100",
            "2	Оролцоо	Хоёр арга.	Т	Б.	70",
            "3	Сургалт	Гурав арга.	Т	Б.	70",
            "Д	Дундаж үнэлгээ				80",
        ]);
        let mut cols = columns_of(&t.rows[0]).unwrap();
        assert_eq!(cols.of(Role::No), None);
        number_column_by_contents(&mut cols, &t.rows[0], &t.rows[1..]);
        assert_eq!(cols.of(Role::No), Some(0));
    }

    #[test]
    fn without_a_number_column_an_activity_repeated_on_every_row_is_one_objective() {
        let header = "Үйл ажиллагаа\tХэрэгжүүлэх арга хэмжээ\tХүрэх түвшин\tБиелэлт\tҮнэлгээ\n";
        let t = table(&format!(
            "{header}Гомдол шийдвэрлэх\tНэг арга.\tТ\tБ.\t100\nГомдол шийдвэрлэх\tХоёр арга.\tТ\tБ.\t70\n\
             Иргэдийн оролцоо\tГурав арга.\tТ\tБ.\t70\nИргэдийн оролцоо\tДөрөв арга.\tТ\tБ.\t70\n"
        ));
        let shape: Vec<(u32, usize)> = segment(&t, &mut Vec::new())
            .objectives
            .iter()
            .map(|o| (o.objective_no, o.measures.len()))
            .collect();
        assert_eq!(shape, vec![(1, 2), (2, 2)]);
    }

    #[test]
    fn a_repeated_number_misread_on_an_objective_s_first_row_joins_it() {
        let t = table(&format!(
            "{HEADER}2\tГомдол шийдвэрлэх\tНэг арга.\tТ\tБ.\t100\n\
             1\tГомдол шийдвэрлэх\tХоёр арга.\tТ\tБ.\t70\n\
             1\tГомдол шийдвэрлэх\tГурав арга.\tТ\tБ.\t70\n\
             2\tИргэдийн оролцоо\tДөрөв арга.\tТ\tБ.\t70\n"
        ));
        let out = segment(&t, &mut Vec::new());
        assert_eq!(
            shape(&out),
            vec![(1, vec!["1.1", "1.2", "1.3"]), (2, vec!["2.1"])]
        );
        assert_eq!(out.objectives[0].measures[0].text.text, "Нэг арга.");
        // The first row's copy of the activity as OCR garbles it (20261213 r003 @150).
        let t = table(&format!(
            "{HEADER}1\tОлон нийтийн мэдлэгийг дээшлүүлэх\tНэг арга.\tТ\tБ.\t100\n\
             3\tАвлигын эрсдэлийг үнэлэх, бууруулах шмюэн 8Ууруу\tХоёр арга.\tТ\tБ.\t70\n\
             2\tАвлигын эрсдэлийг үнэлэх, бууруулах\tГурав арга.\tТ\tБ.\t70\n"
        ));
        assert_eq!(
            shape(&segment(&t, &mut Vec::new())),
            vec![(1, vec!["1.1"]), (2, vec!["2.1", "2.2"])]
        );
    }

    #[test]
    fn codes_as_ocr_reads_them_are_codes() {
        assert_eq!(
            split_code("1.2. Нэг арга"),
            (Some("1.2".into()), "Нэг арга")
        );
        assert_eq!(split_code("1.2 Нэг арга"), (Some("1.2".into()), "Нэг арга"));
        assert_eq!(
            split_code("3.1: Нэг\nарга"),
            (Some("3.1".into()), "Нэг\nарга")
        );
        assert_eq!(
            split_code("3.2.Улирал бүр"),
            (Some("3.2".into()), "Улирал бүр")
        );
        assert_eq!(split_code("1:5, Нэг"), (Some("1.5".into()), "Нэг"));
        assert_eq!(split_code("2-5, Нэг"), (Some("2.5".into()), "Нэг"));
        assert!(!starts_with_code("2-5 удаа"));
        // Three levels: the code stays in the text (the objective is read from it).
        assert_eq!(split_code("4.4.1. Нэг"), (None, "4.4.1. Нэг"));
        // A code without its inner dot: its numbers are not trusted, its text is kept.
        assert_eq!(split_code("152: Нэг арга"), (None, "Нэг арга"));
        assert_eq!(split_code("2024 онд"), (None, "2024 онд"));
        assert!(starts_with_code("3.2.Улирал"));
        assert!(starts_with_code("3.1:"));
        assert!(starts_with_code("252."));
        assert!(!starts_with_code("1,5 тэрбум"));
        assert!(!starts_with_code("2024."));
        assert!(is_code_alone("2:5:15"));
        assert!(!starts_with_code("2.5.15 удаа"));
    }

    #[test]
    fn several_measures_in_one_row_with_a_score_each_keep_their_own() {
        let t = table(&format!(
            "{HEADER}1\tҮйл\t<p>Нэг арга.</p> <p>Хоёр арга.</p>\t<p>Т1</p> <p>Т2</p>\t<p>Б1.</p> <p>Б2.</p>\t<p>100</p> <p>/-/</p>\n2\tҮйл\t<p>Гурав арга.</p> <p>Дөрөв арга.</p>\t\t\t<p>70</p>\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let first = &out.objectives[0];
        let scores: Vec<Option<f64>> = first
            .measures
            .iter()
            .map(|m| m.score_table.as_ref().map(|s| s.value))
            .collect();
        assert_eq!(scores, vec![Some(100.0), None]);
        assert!(!first.measures[0].not_due && first.measures[1].not_due);
        assert!(first.score_table.is_none());
        // One score for two measures stays the objective's.
        let second = &out.objectives[1];
        assert!(second.measures.iter().all(|m| m.score_table.is_none()));
        assert_eq!(second.score_table.as_ref().map(|s| s.value), Some(70.0));
    }

    #[test]
    fn the_rest_of_a_score_cut_by_a_page_break_is_no_score_of_a_new_row() {
        // "100 хувь" cut: "100" above the break, "хувь" below with the rest of the row.
        let t = table(&format!(
            "{HEADER}4\tҮйл\t4.4.1. Шилэн дансаар\tТ\tБ.\t100\n\n\t\tдамжуулан байршуулах\t\t\tхувь\n4\tҮйл\t4.5.1. Хэлэлцүүлэх\tТ\tБ.\t70 хувь\n"
        ));
        let out = segment(&t, &mut Vec::new());
        let m = &out.objectives[0].measures;
        let texts: Vec<&str> = m.iter().map(|m| m.text.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "4.4.1. Шилэн дансаар дамжуулан байршуулах",
                "4.5.1. Хэлэлцүүлэх"
            ]
        );
        assert_eq!(m[0].score_table.as_ref().map(|s| s.value), Some(100.0));
    }

    #[test]
    fn a_page_break_on_an_empty_row_belongs_to_the_row_below() {
        // A cut row's border drawn at the page's top makes an empty row after the break.
        let mut t = table(&format!(
            "{HEADER}4\tҮйл\t4.4.1. Шилэн дансаар\tТ\tНийт 20-ийн 18 буюу\t90\n\t\tдамжуулан байршуулах\t\t90 хувьд хүрсэн.\t\n"
        ));
        let width = t.rows[1].cells.len();
        t.rows.insert(
            2,
            Row {
                cells: vec![Cell::default(); width],
                source: Source::default(),
                after_page_break: true,
            },
        );
        t.rows[3].after_page_break = false;
        let out = segment(&t, &mut Vec::new());
        let texts = first_objective_texts(&out);
        assert_eq!(texts, vec!["4.4.1. Шилэн дансаар дамжуулан байршуулах"]);
    }

    #[test]
    fn short_row_without_no_cell_is_aligned_right() {
        let t = table(&format!(
            "{HEADER}5\tТөрийн үйлчилгээг хүргэх\tАрга хэмжээний эхлэл\tТоон гарын үсэг\tУрт урт биелэлтийн текст энд бичигдсэн байна.\t97,9\n\n<p>тогтолцоог бүрдүүлэн</p>\t<p>хүлээн авах ажил</p>\t<p>гарын үсэг ашиглан</p>\t<p>Шинэ догол мөр.</p>\t\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        let o = &out.objectives[0];
        assert_eq!(o.text.text, "Төрийн үйлчилгээг хүргэх тогтолцоог бүрдүүлэн");
        assert_eq!(o.measures.len(), 1);
        assert_eq!(
            o.measures[0].text.text,
            "Арга хэмжээний эхлэл хүлээн авах ажил"
        );
        assert_eq!(
            o.measures[0].score_table.as_ref().map(|s| s.value),
            Some(97.9)
        );
        assert!(problems.iter().any(|p| p.message.contains("missing")));
    }

    #[test]
    fn objective_numbers_with_trailing_marks() {
        for no in ["2", "2.", "2)", "2,", "Зорилт 2"] {
            assert!(looks_like_no(no), "{no}");
        }
        assert!(!looks_like_no("2.1"));
        assert!(!looks_like_no("2,5"));
    }

    #[test]
    fn a_number_and_activity_repeated_on_every_row_are_one_objective() {
        let t = table(&format!(
            "{HEADER}1\tҮйл\tНэг\tТ\tБ.\t90\n1\tҮйл\tХоёр\tТ\tБ.\t70\n2\tӨөр\tГурав\tТ\tБ.\t100\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        assert_eq!(out.objectives.len(), 2);
        let o = &out.objectives[0];
        assert_eq!(o.measures.len(), 2);
        assert_eq!(o.text.text, "Үйл");
        assert_eq!(o.measures[1].code, "1.2");
        assert_eq!(out.objectives[1].objective_no, 2);
    }

    #[test]
    fn header_labels_misread_by_ocr_keep_their_roles() {
        // Read at 150 dpi: "хэмжээ" as "шэцжЭЭ", "Биелэлт" as "Биелзлт", "түвшин" as "түвшйн".
        assert_eq!(role_of("Хэрэгжүүлэх арга шэцжЭЭ"), Some(Role::Measure));
        assert_eq!(role_of("Биелзлт"), Some(Role::Implementation));
        assert_eq!(role_of("Хүрэх түвшйн"), Some(Role::Target));
        assert_eq!(role_of("Үнэлгэз"), Some(Role::Score));
        // Its last word misread past recognition, "Хэрэгжүүлэх арга" is still the measure's.
        assert_eq!(role_of("Хэрэгжүүлэх арга ХЭВ"), Some(Role::Measure));
        // Misread past a letter in six, a label is not guessed.
        assert_eq!(role_of("Өнөлөлт"), None);
        assert_eq!(role_of("Хариуцах нэгж"), None);
    }

    /// A header row of one cell per label.
    fn header_row(labels: &[&str]) -> Row {
        Row {
            cells: labels
                .iter()
                .map(|l| Cell::new(vec![l.to_string()]))
                .collect(),
            source: Default::default(),
            after_page_break: false,
        }
    }

    #[test]
    fn a_garbled_label_between_the_activity_and_the_target_is_the_measures() {
        // "Хэрэгжүүлэх арга хэмжээ" read at 150 dpi.
        let cols = columns_of(&header_row(&[
            "Мо",
            "Үйл ажиллагаа",
            "Хэрэгжүүл Эинн, туса",
            "Хүрэх түвшин",
            "Хариуцах нэгж",
            "Биелэлт",
            "Үнэлгээ",
        ]))
        .expect("a plan table's header");
        assert_eq!(cols.of(Role::Measure), Some(2));
        // Elsewhere, or with no letters to be a label, it is not guessed.
        assert!(columns_of(&header_row(&[
            "Мо",
            "Үйл ажиллагаа",
            "Хүрэх түвшин",
            "Хэрэгжүүл Эинн, туса",
            "Биелэлт",
        ]))
        .is_none());
        assert!(columns_of(&header_row(&[
            "Мо",
            "Үйл ажиллагаа",
            "1 2",
            "Хүрэх түвшин",
            "Биелэлт",
        ]))
        .is_none());
    }

    #[test]
    fn the_evaluators_score_column_is_the_score_the_agencys_own_is_not() {
        let two = role_of("Байгууллагын үнэлгээ");
        assert_eq!(two, Some(Role::SelfScore));
        assert_eq!(role_of("Өөрийн үнэлгээ"), Some(Role::SelfScore));
        assert_eq!(role_of("Хяналтын үнэлгээ"), Some(Role::Score));
        let both = columns_of(&header_row(&[
            "№",
            "Хэрэгжүүлэх арга хэмжээ",
            "Биелэлт",
            "Байгууллагын үнэлгээ",
            "Үнэлгээ",
        ]))
        .unwrap();
        assert_eq!(both.of(Role::Score), Some(4));
        assert_eq!(both.of(Role::SelfScore), Some(3));
        let own_only = columns_of(&header_row(&[
            "№",
            "Хэрэгжүүлэх арга хэмжээ",
            "Биелэлт",
            "Өөрийн үнэлгээ",
        ]))
        .unwrap();
        assert_eq!(own_only.of(Role::Score), None);
        assert_eq!(own_only.of(Role::SelfScore), Some(3));
    }

    #[test]
    fn the_agencys_own_scores_are_kept_apart_from_the_evaluators() {
        let two = table(
            "№\tХэрэгжүүлэх арга хэмжээ\tБиелэлт\tБайгууллагын үнэлгээ\tҮнэлгээ\n1\tНэг арга.\tБ1.\t75\t70\n\tХоёр арга.\tБ2.\t100\t100\n",
        );
        let mut problems = Vec::new();
        let out = segment(&two, &mut problems);
        let m = &out.objectives[0].measures[0];
        assert_eq!(m.score_table.as_ref().map(|s| s.value), Some(70.0));
        assert_eq!(m.score_self.as_ref().map(|s| s.value), Some(75.0));
        // The agency's own column alone: kept as its own, never as the table's score.
        let own =
            table("№\tХэрэгжүүлэх арга хэмжээ\tБиелэлт\tӨөрийн үнэлгээ\n1\tНэг арга.\tБ1.\t75\n");
        let out = segment(&own, &mut problems);
        let m = &out.objectives[0].measures[0];
        assert!(m.score_table.is_none());
        assert_eq!(m.score_self.as_ref().map(|s| s.value), Some(75.0));
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn measures_one_under_another_without_a_gap_are_split_at_their_verbs() {
        let para = |t: &str| Para {
            text: t.into(),
            source: Source::default(),
        };
        let split = split_measures(vec![para(
            "Байгууллагын хэмжээнд\nхэлэлцүүлэх\nОрон нутагт цахим\nсистемийг тайлагнах",
        )]);
        let texts: Vec<&str> = split.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Байгууллагын хэмжээнд\nхэлэлцүүлэх",
                "Орон нутагт цахим\nсистемийг тайлагнах"
            ]
        );
        // A code at a line's start starts a measure; a figure does not.
        let coded = split_measures(vec![para(
            "1.1. Журам\nбатлах\n1.2.\nТайлан гаргах\n2.5 сая төгрөг",
        )]);
        let texts: Vec<&str> = coded.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["1.1. Журам\nбатлах", "1.2.\nТайлан гаргах\n2.5 сая төгрөг"]
        );
        // A capital after another ending (a proper noun) is not a new measure.
        let kept = split_measures(vec![para("Сургалтыг\nУлаанбаатар хотод зохион байгуулах")]);
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn a_code_cut_from_its_text_by_a_page_break_is_one_measure_with_it() {
        let para = |t: &str| Para {
            text: t.into(),
            source: Default::default(),
        };
        let joined = join_lone_codes(vec![
            para("3.1.1."),
            para("Салбарын хэмжээнд мэдүүлгийг хэлэлцүүлэх"),
            para("3.2.1."),
            para("3.3.1. Улирал бүр тайлагнах"),
        ]);
        let texts: Vec<&str> = joined.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "3.1.1.\nСалбарын хэмжээнд мэдүүлгийг хэлэлцүүлэх",
                "3.2.1.",
                "3.3.1. Улирал бүр тайлагнах"
            ]
        );
    }

    #[test]
    fn a_short_word_where_a_coded_cell_has_its_code_is_the_code_garbled() {
        let para = |t: &str| Para {
            text: t.into(),
            source: Default::default(),
        };
        let mut problems = Vec::new();
        let cell = vec![
            para("За"),
            para("Шилэн дансаар худалдан авах ажиллагааг хэрэгжүүлэх"),
            para("3.2. Орон нутагт иргэдийн санал хүсэлтийг хянах"),
        ];
        let kept = drop_garbled_codes(cell.clone(), 3, false, &mut problems);
        let texts: Vec<&str> = kept.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, [cell[1].text.as_str(), cell[2].text.as_str()]);
        assert!(problems[0].message.contains("\"За\""));
        // Without a code in the cell, nothing tells a short word from a code.
        let uncoded = vec![para("За"), para("Шилэн дансаар хэрэгжүүлэх")];
        assert_eq!(
            drop_garbled_codes(uncoded.clone(), 3, false, &mut problems).len(),
            2
        );
        // A row per measure: the table's other cells are coded.
        assert_eq!(drop_garbled_codes(uncoded, 3, true, &mut problems).len(), 1);
        // Short words in capitals ("5.1.1." read "УН БН").
        let spaced = vec![
            para("УН БН"),
            para("Салбарын хэмжээнд цахим системийг хянах"),
        ];
        assert_eq!(drop_garbled_codes(spaced, 5, true, &mut problems).len(), 1);
        // A measure in words is kept, coded table or not.
        let words = vec![para("Ил тод"), para("Шилэн дансаар хэрэгжүүлэх")];
        assert_eq!(drop_garbled_codes(words, 5, true, &mut problems).len(), 2);
    }

    #[test]
    fn a_code_read_twice_or_with_a_dot_lost_is_coded_by_its_place() {
        let codes_of = |rows: &str| -> (Vec<String>, Vec<Problem>) {
            let mut problems = Vec::new();
            let out = segment(&table(&format!("{HEADER}{rows}")), &mut problems);
            let codes = out.objectives[0]
                .measures
                .iter()
                .map(|m| m.code.clone())
                .collect();
            (codes, problems)
        };
        let (twice, problems) = codes_of(
            "5\tҮйл\t5.1. Нэг\tТ\tБ.\t90\n\t\t5.3. Хоёр\tТ\tБ.\t80\n\t\t5.3. Гурав\tТ\tБ.\t70\n",
        );
        assert_eq!(twice, ["5.1", "5.2", "5.3"]);
        assert!(problems.iter().any(|p| p.message.contains("\"5.3\"")));
        let (lost_dot, _) = codes_of(
            "1\tҮйл\t1.1. Нэг\tТ\tБ.\t90\n\t\t1.2. Хоёр\tТ\tБ.\t80\n\t\t1.341 Гурав\tТ\tБ.\t70\n",
        );
        assert_eq!(lost_dot, ["1.1", "1.2", "1.3"]);
        // A plan whose codes skip one keeps them.
        let (skip, _) = codes_of(
            "1\tҮйл\t1.1. Нэг\tТ\tБ.\t90\n\t\t1.2. Хоёр\tТ\tБ.\t80\n\t\t1.4. Гурав\tТ\tБ.\t70\n",
        );
        assert_eq!(skip, ["1.1", "1.2", "1.4"]);
    }

    #[test]
    fn codes_in_cells_and_own_scores() {
        let t = table(&format!(
            "{HEADER}1\tҮйл\t1.1. Нэг\tТ\tБ.\t90\n\t\t1.2. Хоёр\tТ\tБ.\t/-/\n<b>Дундаж үнэлгээ</b>\t\t\t\t\t<b>90</b>\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        let o = &out.objectives[0];
        assert_eq!(o.measures[0].code, "1.1");
        assert_eq!(o.measures[0].text.text, "Нэг");
        assert_eq!(
            o.measures[0].score_table.as_ref().map(|s| s.value),
            Some(90.0)
        );
        assert!(o.measures[1].not_due);
        assert!(o.score_table.is_none());
        assert_eq!(out.overall.map(|s| s.value), Some(90.0));
    }

    #[test]
    fn a_measure_under_another_objective_than_its_code_names_moves_to_it() {
        // Objective 2's number set lower than its first measure (a merged cell centred on its
        // rows): the row of 2.1.1 went to objective 1.
        let t = table(&format!(
            "{HEADER}1\tҮйл\t1.1.1. Журам батлах\tТ\tБ.\t90\n\t\t2.1.1. Хурал хийх\tТ\tБ.\t80\n2\tҮйл 2\t2.2.1. Тайлан гаргах\tТ\tБ.\t70\n"
        ));
        let mut problems = Vec::new();
        let out = segment(&t, &mut problems);
        let codes =
            |o: &Objective| -> Vec<String> { o.measures.iter().map(|m| m.code.clone()).collect() };
        assert_eq!(codes(&out.objectives[0]), ["1.1"]);
        assert_eq!(codes(&out.objectives[1]), ["2.1", "2.2"], "{problems:?}");
        // 2.2.1's score (its row was objective 2's only scored one) is its own, not the
        // objective's.
        assert!(out.objectives[1].score_table.is_none());
        assert!(problems
            .iter()
            .any(|p| p.message.contains("their code names")));
    }
}
