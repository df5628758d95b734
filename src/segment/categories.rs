//! Evaluation summary tables: a row per category (chapter, direction, objective) with its
//! items, its counts per status and per band, and its percent; a total row.
//!
//! Enters: a document's tables. Leaves: the [`Category`] rows of the first table whose header
//! names band or status columns beside a count or a percent, and the band values of its scale.
//! Text exports drop empty cells, so a row shorter than its header has its figures put in
//! columns by reconciling them with one another (statuses and bands add up to the items, the
//! bands' weighted mean is the percent); figures no single placement explains are kept as
//! printed (`unplaced`), never guessed.

use crate::layout::{Document, Row, Table};
use crate::model::{BandCount, Category, CategoryLevel, Source, StatedNumber};
use crate::normalize::normalize;
use crate::scoring::{fit, fits_ceiling, Fit};
use regex::Regex;
use std::sync::LazyLock;

/// What a column of an evaluation summary holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Code,
    Name,
    Items,
    Done,
    InProgress,
    Broken,
    NotDue,
    NotEvaluable,
    /// Items scored in the band of this value.
    Band(f64),
    Percent,
}

impl Column {
    fn is_status(self) -> bool {
        matches!(
            self,
            Column::Done
                | Column::InProgress
                | Column::Broken
                | Column::NotDue
                | Column::NotEvaluable
        )
    }

    fn is_figure(self) -> bool {
        !matches!(self, Column::Code | Column::Name)
    }
}

/// A band heading: "100", "70%", "40 хувь", "100 /90-100/".
static BAND_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3})\s*(?:%|хувь)?\s*(?:[/(]\s*\d{1,3}\s*%?\s*-\s*\d{1,3}\s*%?\s*[/)])?$")
        .expect("valid regex")
});

/// A total row's name: "Нийт", "Бүгд", "Дүн", "Дундаж" (all, sum, mean).
static TOTAL_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:нийт|бүгд|дүн|дундаж)").expect("valid regex"));

/// The column a header label names (lowercase, normalized).
fn column_of(label: &str) -> Option<Column> {
    let l = label.to_lowercase();
    let l = l.trim();
    if let Some(c) = BAND_LABEL.captures(l) {
        let v: f64 = c[1].parse().ok()?;
        return (v <= 100.0).then_some(Column::Band(v));
    }
    let has = |k: &str| l.contains(k);
    Some(if l == "№" || l == "д/д" || l == "д/д." || l == "no" {
        Column::Code
    } else if has("хугацаа болоогүй") {
        Column::NotDue
    } else if has("үнэлэх боломжгүй") || has("үнэлгээ хийх боломжгүй")
    {
        Column::NotEvaluable
    } else if has("тасарсан") || has("хэрэгжээгүй") || has("биелээгүй")
    {
        Column::Broken
    } else if has("шатанд") || has("хэрэгжиж байгаа") || has("явцтай") {
        Column::InProgress
    } else if has("биелсэн") || has("хэрэгжсэн") {
        Column::Done
    } else if has("тоо") {
        Column::Items
    } else if has("хувь") || has("%") || has("дундаж") {
        Column::Percent
    } else if has("агуулга") || has("нэр") || has("чиглэл") || has("бүлэг") || has("зорилт")
    {
        Column::Name
    } else {
        return None;
    })
}

fn cell_text(row: &Row, i: usize) -> String {
    normalize(&row.cells[i].paragraphs.join(" "))
}

/// The columns a header row names, one per cell (`None` for a label of none).
fn labels(row: &Row) -> Vec<Option<Column>> {
    (0..row.cells.len())
        .map(|i| column_of(&cell_text(row, i)))
        .collect()
}

/// A second header row: every cell names a status or a band, and no two bands are alike
/// (a data row of figures reads as bands too, but repeats or climbs).
fn is_sub_header(cols: &[Option<Column>]) -> bool {
    let bands: Vec<f64> = cols
        .iter()
        .filter_map(|c| match c {
            Some(Column::Band(v)) => Some(*v),
            _ => None,
        })
        .collect();
    cols.len() >= 2
        && cols
            .iter()
            .all(|c| c.is_some_and(|c| c.is_status() || matches!(c, Column::Band(_))))
        && bands.windows(2).all(|w| w[0] > w[1])
}

/// The header's columns in order: a top row's group labels ("Биелэлтийн түвшин" over the
/// bands) replaced by the runs of the row under them.
fn header_columns(top: &[Option<Column>], sub: Option<&[Option<Column>]>) -> Vec<Column> {
    let mut runs: Vec<Vec<Column>> = Vec::new();
    for c in sub.unwrap_or_default().iter().flatten() {
        match runs.last_mut() {
            Some(run) if run[0].is_status() == c.is_status() => run.push(*c),
            _ => runs.push(vec![*c]),
        }
    }
    let mut runs = runs.into_iter();
    let mut out = Vec::new();
    for c in top {
        match c {
            Some(c) => out.push(*c),
            None => out.extend(runs.next().unwrap_or_default()),
        }
    }
    let rest: Vec<Column> = runs.flatten().collect();
    let at = match out.last() {
        Some(Column::Percent) => out.len() - 1,
        _ => out.len(),
    };
    out.splice(at..at, rest);
    out
}

/// A header fit for a summary of categories: band or status columns, and a count of items
/// or a percent to check them against.
fn is_summary_header(cols: &[Column]) -> bool {
    let bands = cols.iter().filter(|c| matches!(c, Column::Band(_))).count();
    let statuses = cols.iter().filter(|c| c.is_status()).count();
    let anchored = cols.contains(&Column::Items) || cols.contains(&Column::Percent);
    (bands >= 2 || statuses >= 2) && anchored
}

/// A figure of a row's cell: a count or a percent ("96,4", "25", "96.4%").
fn figure(text: &str, source: &Source) -> Option<StatedNumber> {
    let t = text.trim().trim_end_matches(['%', '.']).trim();
    let t = t.strip_suffix("хувь").unwrap_or(t).trim();
    let value: f64 = t.replace(',', ".").parse().ok()?;
    value.is_finite().then(|| StatedNumber {
        value,
        raw: text.trim().to_string(),
        source: source.clone(),
    })
}

/// The first table that is a summary of categories: its columns and the index of its first
/// data row.
fn find_header(table: &Table) -> Option<Header> {
    for (i, row) in table.rows.iter().enumerate().take(6) {
        let top = labels(row);
        let sub = table.rows.get(i + 1).map(labels);
        let sub = sub.filter(|s| is_sub_header(s));
        let columns = header_columns(&top, sub.as_deref());
        if is_summary_header(&columns) {
            return Some(Header {
                // One header row: each cell's column by its place (a PDF's table keeps empty
                // cells, and its rules' doubled lines add empty ones).
                by_cell: sub.is_none().then_some(top),
                columns,
                first_row: i + 1 + usize::from(sub.is_some()),
            });
        }
    }
    None
}

struct Header {
    /// The columns in order.
    columns: Vec<Column>,
    /// Each header cell's column, when the header is one row.
    by_cell: Option<Vec<Option<Column>>>,
    first_row: usize,
}

/// Every summary table's categories and its band values, the first table that has any.
pub fn from_tables(doc: &Document) -> Option<(Vec<Category>, Vec<f64>)> {
    doc.blocks.iter().find_map(|b| match b {
        crate::layout::Block::Table(t) => {
            let header = find_header(t)?;
            let cols = &header.columns;
            let mut out: Vec<Category> = t.rows[header.first_row..]
                .iter()
                .filter_map(|row| category_of(row, &header))
                .collect();
            if out.is_empty() {
                return None;
            }
            mark_totals(&mut out);
            let bands = cols
                .iter()
                .filter_map(|c| match c {
                    Column::Band(v) => Some(*v),
                    _ => None,
                })
                .collect();
            Some((out, bands))
        }
        _ => None,
    })
}

/// A plan report's own summary table as categories of the objective level: counts, band
/// counts in the order of the report's scale (the not-due band as not due) and percent.
pub fn from_summary(
    rows: &[super::evaluation::SummaryRow],
    bands: &[crate::model::Band],
) -> Vec<Category> {
    rows.iter()
        .map(|row| {
            let raw = row.text.text.clone();
            let mut cat = Category::named(
                CategoryLevel::Objective,
                &row.text.text,
                row.source.clone(),
                &raw,
            );
            cat.code = Some(row.objective_no.to_string());
            cat.scored_by_band = bands
                .iter()
                .all(|b| b.low.is_none() || b.low == b.high || b.value.is_none());
            cat.n_items = row.n_measures.clone();
            cat.percent = row.percent.clone();
            cat.unplaced = row.band_counts_unplaced.as_ref().map(|s| s.raw.clone());
            let count = |n: u32| StatedNumber {
                value: n as f64,
                raw: n.to_string(),
                source: row.source.clone(),
            };
            for (band, n) in bands.iter().zip(&row.band_counts) {
                let Some(n) = n else { continue };
                match band.value {
                    Some(v) if !band.not_due => cat.bands.push(BandCount {
                        band: v,
                        count: count(*n),
                    }),
                    _ => cat.n_not_due = Some(count(*n)),
                }
            }
            cat
        })
        .collect()
}

/// The last total-like row is the table's total; earlier ones are sections' subtotals.
fn mark_totals(rows: &mut [Category]) {
    let totals: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, c)| TOTAL_NAME.is_match(&c.name))
        .map(|(i, _)| i)
        .collect();
    for (k, i) in totals.iter().enumerate() {
        rows[*i].level = if k + 1 == totals.len() {
            CategoryLevel::Total
        } else {
            CategoryLevel::Subtotal
        };
    }
}

/// One data row as a category: its number, its name, its figures put in their columns.
fn category_of(row: &Row, header: &Header) -> Option<Category> {
    let texts: Vec<String> = (0..row.cells.len()).map(|i| cell_text(row, i)).collect();
    let source = row.source.clone();
    // Figures keep their cell's text as printed ("96,4").
    let figure_at = |i: usize| {
        figure(&texts[i], &source).map(|mut f| {
            f.raw = row.cells[i].paragraphs.join(" ").trim().to_string();
            f
        })
    };
    if let Some(by_cell) = header.by_cell.as_ref().filter(|b| b.len() == texts.len()) {
        // The row's cells stand under the header's: each figure in its own column.
        let first_figure = by_cell
            .iter()
            .position(|c| c.is_some_and(Column::is_figure))?;
        let mut cat = lead(&texts[..first_figure], &source, &texts)?;
        let mut any = false;
        for (i, c) in by_cell.iter().enumerate().skip(first_figure) {
            if let (Some(c), Some(v)) = (c.filter(|c| c.is_figure()), figure_at(i)) {
                put(&mut cat, c, v);
                any = true;
            }
        }
        return any.then_some(cat);
    }
    let name_at = texts
        .iter()
        .position(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3)?;
    let mut cat = lead(&texts[..=name_at], &source, &texts)?;
    let cells: Vec<Option<StatedNumber>> = (name_at + 1..texts.len()).map(figure_at).collect();
    let cols = &header.columns;
    let figure_cols: Vec<Column> = cols.iter().copied().filter(|c| c.is_figure()).collect();
    let figures: Vec<StatedNumber> = cells.iter().flatten().cloned().collect();
    if figures.is_empty() {
        return None;
    }
    if cells.len() == figure_cols.len() {
        // Every cell kept: the header places them.
        for (c, v) in figure_cols.iter().zip(&cells) {
            if let Some(v) = v {
                put(&mut cat, *c, v.clone());
            }
        }
        return Some(cat);
    }
    match place(&figures, &figure_cols) {
        Placement::One(columns) => {
            for (c, v) in columns.iter().zip(&figures) {
                put(&mut cat, *c, v.clone());
            }
        }
        Placement::Ambiguous { agreed } => {
            let mut left = Vec::new();
            for (i, v) in figures.iter().enumerate() {
                match agreed.get(i).copied().flatten() {
                    Some(c) => put(&mut cat, c, v.clone()),
                    None => left.push(v.raw.clone()),
                }
            }
            cat.unplaced = Some(left.join(" "));
        }
    }
    Some(cat)
}

/// A row's code and name from the cells before its figures: "1.1" | "Аж үйлдвэр", or as a
/// PDF's narrow № column may leave them, "1.1Аж" | "үйлдвэр".
fn lead(cells: &[String], source: &Source, all: &[String]) -> Option<Category> {
    let text = cells
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let (code, name) = match LEADING_CODE.captures(&text) {
        Some(c) if c[2].chars().next().is_some_and(char::is_alphabetic) => {
            (Some(c[1].to_string()), c[2].to_string())
        }
        _ => (None, text.clone()),
    };
    if name.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let raw = all.join(" | ");
    let mut cat = Category::named(CategoryLevel::Category, name.trim(), source.clone(), &raw);
    cat.code = code;
    Some(cat)
}

/// A row's number before its name: "2 Эдийн засаг", "1.1Аж үйлдвэр", "II Нийгэм".
static LEADING_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,5}))\.?\s*(.*)$").expect("valid regex")
});

fn put(cat: &mut Category, column: Column, v: StatedNumber) {
    match column {
        Column::Items => cat.n_items = Some(v),
        Column::Done => cat.n_done = Some(v),
        Column::InProgress => cat.n_in_progress = Some(v),
        Column::Broken => cat.n_broken = Some(v),
        Column::NotDue => cat.n_not_due = Some(v),
        Column::NotEvaluable => cat.n_not_evaluable = Some(v),
        Column::Band(band) => cat.bands.push(BandCount { band, count: v }),
        Column::Percent => cat.percent = Some(v),
        Column::Code | Column::Name => {}
    }
}

enum Placement {
    One(Vec<Column>),
    /// Several placements explain the row equally: the columns all of them give a figure.
    Ambiguous {
        agreed: Vec<Option<Column>>,
    },
}

/// The figures' columns when cells were dropped: of every order-keeping placement, those that
/// satisfy the most of the row's own identities (see [`agreements`]).
fn place(figures: &[StatedNumber], cols: &[Column]) -> Placement {
    let mut best: Vec<Vec<Column>> = Vec::new();
    let mut best_score = -1i32;
    let n = figures.len();
    if n > cols.len() {
        return Placement::Ambiguous {
            agreed: vec![None; n],
        };
    }
    let mut idx: Vec<usize> = (0..n).collect();
    loop {
        let placed: Vec<Column> = idx.iter().map(|&i| cols[i]).collect();
        if let Some(score) = agreements(figures, &placed) {
            if score > best_score {
                best_score = score;
                best.clear();
            }
            if score == best_score {
                best.push(placed);
            }
        }
        // Next combination of n columns out of cols.len(), in order.
        let Some(k) = (0..n).rev().find(|&k| idx[k] < cols.len() - n + k) else {
            break;
        };
        idx[k] += 1;
        for j in k + 1..n {
            idx[j] = idx[j - 1] + 1;
        }
    }
    match best.len() {
        1 => Placement::One(best.remove(0)),
        0 => Placement::Ambiguous {
            agreed: vec![None; n],
        },
        _ => Placement::Ambiguous {
            agreed: (0..n)
                .map(|i| {
                    let c = best[0][i];
                    best.iter().all(|p| p[i] == c).then_some(c)
                })
                .collect(),
        },
    }
}

/// How many of the row's identities a placement satisfies; `None` when it is impossible (a
/// fraction counted, a percent over 100). The identities: statuses add up to the items;
/// bands (with the not-due and not-evaluable) add up to the items; the bands' weighted mean
/// is the percent; done items are the top band's, broken ones the 0 band's, in-progress ones
/// the bands between.
fn agreements(figures: &[StatedNumber], placed: &[Column]) -> Option<i32> {
    let mut cat = Category::named(CategoryLevel::Category, "", Source::default(), "");
    for (c, v) in placed.iter().zip(figures) {
        let count = !matches!(c, Column::Percent);
        if count && (v.value.fract() != 0.0 || v.value < 0.0) || v.value > 100_000.0 {
            return None;
        }
        if *c == Column::Percent && v.value > 100.0 {
            return None;
        }
        put(&mut cat, *c, v.clone());
    }
    let val = |s: &Option<StatedNumber>| s.as_ref().map(|s| s.value);
    let mut score = 0;
    let statuses = [
        &cat.n_done,
        &cat.n_in_progress,
        &cat.n_broken,
        &cat.n_not_due,
        &cat.n_not_evaluable,
    ];
    let band_sum: f64 = cat.bands.iter().map(|b| b.count.value).sum();
    let aside = val(&cat.n_not_due).unwrap_or(0.0) + val(&cat.n_not_evaluable).unwrap_or(0.0);
    if let Some(items) = val(&cat.n_items) {
        if statuses.iter().any(|s| s.is_some()) {
            let sum: f64 = statuses.iter().filter_map(|s| val(s)).sum();
            score += i32::from(sum == items);
        }
        if !cat.bands.is_empty() {
            score += i32::from(band_sum + aside == items || band_sum == items);
        }
    }
    if let (Some(p), Some(mean)) = (&cat.percent, cat.percent_computed()) {
        score += i32::from(fit(p, mean) != Fit::No || fits_ceiling(p, mean));
    }
    let top = cat.bands.iter().map(|b| b.band).fold(f64::NAN, f64::max);
    let count_of = |pred: &dyn Fn(f64) -> bool| -> f64 {
        cat.bands
            .iter()
            .filter(|b| pred(b.band))
            .map(|b| b.count.value)
            .sum()
    };
    if !cat.bands.is_empty() {
        if let Some(done) = val(&cat.n_done) {
            score += i32::from(done == count_of(&|b| b == top));
        }
        if let Some(broken) = val(&cat.n_broken) {
            score += i32::from(broken == count_of(&|b| b == 0.0));
        }
        if let Some(going) = val(&cat.n_in_progress) {
            score += i32::from(going == count_of(&|b| b > 0.0 && b < top));
        }
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Block, Cell, Paragraph};

    fn row(cells: &[&str]) -> Row {
        Row {
            cells: cells
                .iter()
                .map(|c| Cell {
                    paragraphs: if c.is_empty() {
                        vec![]
                    } else {
                        vec![c.to_string()]
                    },
                    ..Default::default()
                })
                .collect(),
            source: Source::line(1),
            after_page_break: false,
        }
    }

    fn doc(rows: Vec<Row>) -> Document {
        Document {
            blocks: vec![
                Block::Paragraph(Paragraph {
                    text: "Үнэлгээний нэгтгэл".into(),
                    ..Default::default()
                }),
                Block::Table(Table {
                    rows,
                    source: Source::line(1),
                }),
            ],
            n_pages: None,
        }
    }

    const HEADER: [&str; 13] = [
        "№",
        "Агуулга",
        "Нийт заалтын тоо",
        "Биелсэн",
        "Хэрэгжих шатандаа",
        "Тасарсан",
        "Хугацаа болоогүй",
        "Үнэлэх боломжгүй",
        "100",
        "70",
        "40",
        "0",
        "Үнэлгээний хувь",
    ];

    #[test]
    fn a_row_whose_empty_cells_were_dropped_is_placed_by_its_own_sums() {
        let d = doc(vec![
            row(&HEADER),
            row(&[
                "2",
                "Эдийн засгийн хөгжил",
                "25",
                "22",
                "3",
                "22",
                "3",
                "96,4",
            ]),
        ]);
        let (cats, bands) = from_tables(&d).expect("a summary");
        assert_eq!(bands, vec![100.0, 70.0, 40.0, 0.0]);
        let c = &cats[0];
        assert_eq!(c.code.as_deref(), Some("2"));
        assert_eq!(c.n_items.as_ref().unwrap().value, 25.0);
        assert_eq!(c.n_done.as_ref().unwrap().value, 22.0);
        assert_eq!(c.n_in_progress.as_ref().unwrap().value, 3.0);
        assert!(c.n_broken.is_none());
        let bands: Vec<(f64, f64)> = c.bands.iter().map(|b| (b.band, b.count.value)).collect();
        assert_eq!(bands, vec![(100.0, 22.0), (70.0, 3.0)]);
        assert_eq!(c.percent.as_ref().unwrap().value, 96.4);
        assert!(c.unplaced.is_none());
    }

    #[test]
    fn a_row_with_every_cell_is_placed_by_its_header_and_totals_are_marked() {
        let d = doc(vec![
            row(&HEADER),
            row(&[
                "1",
                "Засаглал",
                "10",
                "8",
                "1",
                "1",
                "",
                "",
                "8",
                "1",
                "",
                "1",
                "87",
            ]),
            row(&[
                "", "Нийт", "10", "8", "1", "1", "", "", "8", "1", "", "1", "87",
            ]),
        ]);
        let (cats, _) = from_tables(&d).unwrap();
        assert_eq!(cats[0].level, CategoryLevel::Category);
        assert_eq!(cats[0].n_broken.as_ref().unwrap().value, 1.0);
        assert_eq!(cats[0].bands.len(), 3);
        assert_eq!(cats[1].level, CategoryLevel::Total);
    }

    #[test]
    fn figures_no_single_placement_explains_are_kept_as_printed() {
        // Items 10 and two counts of 5: 100 and 70, or 70 and 40, … with no percent to decide.
        let d = doc(vec![
            row(&["№", "Агуулга", "Тоо", "100", "70", "40", "0"]),
            row(&["1", "Нийгэм", "10", "5", "5"]),
        ]);
        let (cats, _) = from_tables(&d).unwrap();
        assert_eq!(cats[0].n_items.as_ref().unwrap().value, 10.0);
        assert!(cats[0].bands.is_empty());
        assert_eq!(cats[0].unplaced.as_deref(), Some("5 5"));
    }

    #[test]
    fn a_two_row_header_gives_its_group_cells_the_labels_beneath() {
        let d = doc(vec![
            row(&["№", "Агуулга", "Нийт тоо", "Үнэлгээ", "Хувь"]),
            row(&["100", "70", "30", "0"]),
            row(&["1", "Дэд бүтэц", "4", "3", "1", "", "", "92,5"]),
        ]);
        let (cats, bands) = from_tables(&d).unwrap();
        assert_eq!(bands, vec![100.0, 70.0, 30.0, 0.0]);
        assert_eq!(cats[0].bands.len(), 2);
        assert_eq!(cats[0].percent.as_ref().unwrap().value, 92.5);
    }

    #[test]
    fn a_plan_table_is_no_summary_of_categories() {
        let d = doc(vec![
            row(&[
                "№",
                "Хөтөлбөрийн арга хэмжээ",
                "Хэрэгжүүлэх арга хэмжээ",
                "Биелэлт",
                "Үнэлгээ",
            ]),
            row(&[
                "1",
                "Авлигын эсрэг",
                "1.1 Сургалт",
                "Зохион байгуулсан",
                "100",
            ]),
        ]);
        assert!(from_tables(&d).is_none());
    }
}
