//! The layout engine: positioned words and ruling lines of pages → a document.
//!
//! Enters: [`Page`]s (from the PDF reader now, from OCR later). Leaves: a [`Document`] of
//! paragraphs and tables in reading order, with the page of each. Running headers and footers
//! (lines in the page margins that repeat on several pages, page numbers) are dropped; table
//! cells come from the grid of ruling lines; a table that goes on over the next page is joined
//! to it, its repeated header row dropped and its first row there marked as following a page
//! break. Paragraphs inside a cell are kept apart by vertical gaps and list markers.

use super::aligned::{aligned_tables, Carry, Columns};
use super::lines::{line_groups, lines_of, paragraphs_of, starts_list_item};
use super::margins::running_lines;
use super::ruled::{grids, Grid};
use super::{
    Block, Cell, Document, Page, PageLayout, Paragraph, Row, Table, TableKind, TableLayout, Word,
};
use crate::model::Source;

/// A table block's columns, how they were found and its row bounds on the page.
type TableGeometry = (Columns, TableKind, Vec<f64>);

fn row_text(row: &Row) -> Vec<String> {
    row.cells.iter().map(Cell::text).collect()
}

/// Two grids with the same column rules: a table and its part on the next page.
fn same_columns(a: &Grid, b: &Grid) -> bool {
    a.xs.len() == b.xs.len() && a.xs.iter().zip(&b.xs).all(|(x, y)| (x - y).abs() < 2.0)
}

/// Text hanging below a ruled table's bottom rule at the end of the page's body, when the
/// table goes on over the next page: the last row, cut by the page break, whose text the
/// producer let run past the rule it drew at the page's end (WeasyPrint does, under a cell
/// merged down rows; Chromium under a table of row rules). Lines each less than a line below
/// the one above (or a blank line, between a cell's paragraphs), from the rule down, every word
/// inside one of the table's columns, with no other text under them but the page's margin.
fn hanging_below<'a>(g: &Grid, words: &[&'a Word], grids: &[Grid], height: f64) -> Vec<&'a Word> {
    let bottom = g.ys[g.ys.len() - 1];
    let margin = 0.9 * height;
    let below: Vec<&Word> = words
        .iter()
        .copied()
        .filter(|w| w.cy() > bottom && !grids.iter().any(|o| o.contains(w)))
        .collect();
    let in_a_column = |w: &Word| {
        g.xs.windows(2)
            .any(|c| w.x0 >= c[0] - 0.5 && w.x1 <= c[1] + 0.5)
    };
    let mut edge = bottom;
    let mut hanging = Vec::new();
    for line in line_groups(&below) {
        let top = line.iter().map(|w| w.top).fold(f64::INFINITY, f64::min);
        let size = line.iter().map(|w| w.font_size).fold(0.0, f64::max);
        // A blank line parts a cell's paragraphs (two measures in one cell).
        let paragraph_gap = top - edge <= 1.6 * size && !hanging.is_empty();
        if top - edge > 0.6 * size && !paragraph_gap {
            // What stands apart below may only be the page's margin (a footer).
            if top < margin {
                return Vec::new();
            }
            break;
        }
        edge = edge.max(line.iter().map(|w| w.bottom).fold(edge, f64::max));
        hanging.extend(line);
    }
    if hanging.iter().all(|w| in_a_column(w)) {
        hanging
    } else {
        Vec::new()
    }
}

/// The top of the page's first horizontal rule across the table between `xs` (drawn whole or
/// cell by cell), if any.
fn first_rule_across(page: &Page, xs: &[f64]) -> Option<f64> {
    let (left, right) = (xs[0], xs[xs.len() - 1]);
    let mut ys: Vec<f64> = page
        .rules
        .iter()
        .filter(|r| r.is_horizontal())
        .map(|r| r.y0)
        .collect();
    ys.sort_by(f64::total_cmp);
    ys.into_iter().find(|&y| {
        let covered: f64 = page
            .rules
            .iter()
            .filter(|r| r.is_horizontal() && (r.y0 - y).abs() < 1.0)
            .map(|r| (r.x1.min(right) - r.x0.max(left)).max(0.0))
            .sum();
        covered >= 0.9 * (right - left)
    })
}

/// Build the document from pages.
pub fn document(pages: &[Page]) -> Document {
    layout(pages).0
}

/// Build the document from pages, with what the layout saw on each page.
pub fn layout(pages: &[Page]) -> (Document, Vec<PageLayout>) {
    let mut seen: Vec<PageLayout> = Vec::new();
    let mut n_tables = 0;
    let page_grids: Vec<Vec<Grid>> = pages.iter().map(grids).collect();
    let running = running_lines(pages, &page_grids);
    let all_sizes: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.words.iter().map(|w| w.font_size))
        .collect();
    let body_size = {
        let mut s = all_sizes.clone();
        s.sort_by(f64::total_cmp);
        s.get(s.len() / 2).copied().unwrap_or(10.0)
    };
    let mut blocks: Vec<Block> = Vec::new();
    // Column positions of the last block when it is a table, to join a table going on.
    // The last table (its block index and column positions) while only page-margin text has
    // come after it: a table on the next page with the same columns goes on from it.
    let mut open_table: Option<(usize, Columns)> = None;
    // The open table is drawn with a rule between its rows only (no vertical rules).
    let mut open_row_rules = false;
    for (pi, page) in pages.iter().enumerate() {
        let words: Vec<&Word> = page
            .words
            .iter()
            .filter(|w| {
                !running[pi]
                    .iter()
                    .any(|(t, b)| w.cy() >= *t - 0.5 && w.cy() <= *b + 0.5)
            })
            .collect();
        let grids = &page_grids[pi];
        let source = Source {
            page: Some(page.number),
            ..Default::default()
        };
        // (top, block) in page order.
        let mut items: Vec<(f64, Block, Option<TableGeometry>)> = Vec::new();
        let mut page_seen = PageLayout {
            tables: Vec::new(),
            running: running[pi].clone(),
        };
        let mut overflowed: Vec<&Word> = Vec::new();
        // Each grid's columns as read (a grid going on from the page before has that page's),
        // with its gutters.
        let mut read_columns: Vec<Columns> = Vec::new();
        for (gi, g) in grids.iter().enumerate() {
            // A table of row rules going on from the page before takes that page's columns:
            // its rest may hold text in a few of them only, too few for whitespace to tell; or
            // as many, but with its boundaries elsewhere in the same gaps (a boundary found
            // from whitespace is the middle of the gap, which moves with the text).
            let carried;
            let g = match &open_table {
                Some((_, open)) if gi == 0 && g.gap_columns && open.xs.len() >= g.xs.len() => {
                    // As wide as the open table, and no word of it across one of its boundaries
                    // (another table's would be) but a label row's ("Дундаж үнэлгээ").
                    let (a, b) = (&open.xs, &g.xs);
                    let same_width =
                        (a[0] - b[0]).abs() < 3.0 && (a[a.len() - 1] - b[b.len() - 1]).abs() < 3.0;
                    let inner = &open.xs[1..open.xs.len() - 1];
                    let across = words
                        .iter()
                        .filter(|w| g.contains(w))
                        // Over it by more than a character on both sides: OCR's specks
                        // read as a quote or a dash stick to a word's end ("“мэдлэг").
                        .filter(|w| {
                            inner
                                .iter()
                                .any(|&x| (x - w.x0).min(w.x1 - x) > 0.6 * w.font_size)
                        })
                        .count();
                    let fits = across <= 2;
                    if same_width && fits {
                        carried = Grid {
                            xs: open.xs.clone(),
                            ..g.clone()
                        };
                        &carried
                    } else {
                        g
                    }
                }
                _ => g,
            };
            let continued = page_grids.get(pi + 1).and_then(|next| next.first());
            let hanging = match continued {
                Some(next) if same_columns(g, next) => hanging_below(g, &words, grids, page.height),
                _ => Vec::new(),
            };
            let mut inside: Vec<&Word> = words.iter().copied().filter(|w| g.contains(w)).collect();
            let columns = if g.gap_columns {
                Columns::of_gaps(&g.xs, &inside)
            } else {
                Columns::of_rules(&g.xs)
            };
            read_columns.push(columns.clone());
            inside.extend(&hanging);
            // The hanging text is a row of its own, which the next page's part goes on.
            let mut ys = g.ys.clone();
            if !hanging.is_empty() {
                ys.push(hanging.iter().map(|w| w.bottom + 1.0).fold(0.0, f64::max));
            }
            overflowed.extend(hanging);
            let mut rows = Vec::new();
            for r in 0..ys.len() - 1 {
                let (y0, y1) = (ys[r], ys[r + 1]);
                let drawn = r + 1 < g.ys.len();
                // A cell spanning columns (no rule between them on this row) keeps its text in
                // its first column; the columns it covers get empty cells, as HTML colspan does.
                let mut cells: Vec<Cell> = Vec::new();
                let mut c = 0;
                while c < g.xs.len() - 1 {
                    let mut end = c + 1;
                    while end < g.xs.len() - 1 && drawn && !g.has_divider(end, r) {
                        end += 1;
                    }
                    let (x0, x1) = (g.xs[c], g.xs[end]);
                    let cw: Vec<&Word> = inside
                        .iter()
                        .copied()
                        .filter(|w| w.cx() > x0 && w.cx() < x1 && w.cy() > y0 && w.cy() < y1)
                        .collect();
                    let lines = lines_of(&cw);
                    // The text area: the cell less the padding seen on its left.
                    let pad = lines
                        .iter()
                        .map(|l| l.x0 - x0)
                        .fold(f64::INFINITY, f64::min);
                    let right = (pad.is_finite() && pad >= 0.0).then_some(x1 - pad);
                    cells.push(Cell::new(
                        paragraphs_of(&lines, right, right)
                            .into_iter()
                            .map(|p| p.0)
                            .collect(),
                    ));
                    cells.extend((c + 1..end).map(|_| Cell::default()));
                    c = end;
                }
                if y1 - y0 < 1.0 {
                    continue;
                }
                rows.push(Row {
                    cells,
                    source: Source {
                        span: Some((y0, y1)),
                        ..source.clone()
                    },
                    after_page_break: false,
                });
            }
            items.push((
                g.top(),
                Block::Table(Table {
                    rows,
                    source: source.clone(),
                }),
                Some((
                    columns,
                    if g.gap_columns {
                        TableKind::RowRules
                    } else {
                        TableKind::Ruled
                    },
                    g.ys.clone(),
                )),
            ));
        }
        let outside: Vec<&Word> = words
            .iter()
            .copied()
            .filter(|w| !grids.iter().any(|g| g.contains(w)))
            .filter(|w| !overflowed.iter().any(|o| std::ptr::eq(*o, *w)))
            .collect();
        // Tables that may go on among these words: the previous page's open table from the
        // page's top; a grid drawn with row rules only whose last row the page end cut.
        let mut carries: Vec<Carry> = open_table
            .iter()
            .map(|(_, columns)| {
                // A table of row rules: its text above the page's first rule across its width
                // is the rest of the row the break cut.
                let first_rule = open_row_rules
                    .then(|| first_rule_across(page, &columns.xs))
                    .flatten();
                Carry {
                    below: 0.0,
                    columns: columns.clone(),
                    to_page_end: false,
                    one_row: first_rule.is_some(),
                    until: first_rule,
                }
            })
            .collect();
        // Text under a grid's last rule is read in the grid's columns as read, the page
        // before's when it went on from there: so it goes on the same table.
        carries.extend(
            grids
                .iter()
                .zip(&read_columns)
                .filter(|(g, _)| g.gap_columns)
                .map(|(g, columns)| Carry {
                    below: g.ys[g.ys.len() - 1],
                    columns: columns.clone(),
                    to_page_end: true,
                    // Two rules at least under its first row: not a header rule alone.
                    one_row: g.ys.len() >= 4,
                    until: None,
                }),
        );
        let (aligned, taken) = aligned_tables(&outside, &source, &carries);
        let taken: std::collections::HashSet<*const Word> =
            taken.into_iter().map(|w| w as *const Word).collect();
        let outside: Vec<&Word> = outside
            .into_iter()
            .filter(|w| !taken.contains(&(*w as *const Word)))
            .collect();
        for t in aligned {
            items.push((
                t.top,
                Block::Table(t.table),
                Some((t.columns, TableKind::Aligned, t.ys)),
            ));
        }
        for (text, top, size, bottom) in paragraphs_of(&lines_of(&outside), None, None) {
            items.push((
                top,
                Block::Paragraph(Paragraph {
                    list_item: starts_list_item(&text),
                    text,
                    source: Source {
                        span: Some((top, bottom)),
                        ..source.clone()
                    },
                    emphasis: size >= 1.12 * body_size,
                }),
                None,
            ));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut first_in_body = true;
        // The item above on this page was the open table: a table right under it with the
        // same columns is its next rows (a grid's row the page end cut, read by alignment).
        let mut follows_open = false;
        for (top, block, geometry) in items.into_iter() {
            match (block, geometry) {
                (Block::Table(mut t), Some((xs, kind, ys))) => {
                    let mut table_layout = TableLayout {
                        table: n_tables,
                        kind,
                        xs: xs.xs.clone(),
                        ys,
                    };
                    // Its columns among the open table's: the same, or some of them.
                    let placed = open_table
                        .as_ref()
                        .filter(|_| first_in_body || follows_open)
                        .and_then(|(_, prev)| prev.place(&xs).map(|p| (p, prev.xs.len() - 1)));
                    let goes_on = placed.is_some();
                    if let Some((place, n)) = placed.filter(|(p, n)| p.len() != *n) {
                        for row in t.rows.iter_mut() {
                            let mut cells = vec![Cell::default(); n];
                            for (k, c) in std::mem::take(&mut row.cells).into_iter().enumerate() {
                                cells[place[k]] = c;
                            }
                            row.cells = cells;
                        }
                    }
                    let at = open_table.as_ref().map(|(i, _)| *i);
                    if let Some(i) = at.filter(|_| goes_on) {
                        table_layout.table = blocks[..i]
                            .iter()
                            .filter(|b| matches!(b, Block::Table(_)))
                            .count();
                    }
                    match (goes_on, at.and_then(|i| blocks.get_mut(i))) {
                        (true, Some(Block::Table(prev))) => {
                            // The header row repeated on the new page (OCR may read it a
                            // little differently each time).
                            let header = prev.rows.first().map(row_text).unwrap_or_default();
                            let first = t.rows.first().map(row_text).unwrap_or_default();
                            if !header.is_empty()
                                && crate::normalize::similarity(&header.join(" "), &first.join(" "))
                                    >= 0.8
                            {
                                t.rows.remove(0);
                            }
                            if let Some(first) = t.rows.first_mut() {
                                first.after_page_break = first_in_body;
                            }
                            if first_in_body {
                                mark_word_pieces(prev, &mut t);
                            }
                            prev.rows.extend(t.rows);
                            // Its gutters as these rows narrowed them, for the next page.
                            if let Some((_, open)) =
                                open_table.as_mut().filter(|(_, o)| o.same_as(&xs))
                            {
                                open.gutters = xs.gutters.clone();
                            }
                        }
                        _ => {
                            blocks.push(Block::Table(t));
                            open_table = Some((blocks.len() - 1, xs.clone()));
                            open_row_rules = kind == TableKind::RowRules;
                            n_tables += 1;
                        }
                    }
                    page_seen.tables.push(table_layout);
                    first_in_body = false;
                    follows_open = true;
                }
                (block, _) => {
                    // Text in the page's top or bottom margin of a scan (a footer OCR did not
                    // recognise as running) does not end a table. A PDF's running lines are
                    // known exactly: what is left there is the report's (a heading under a
                    // table at the page foot ends it).
                    let scanned = page.words.iter().any(|w| w.baseline.is_none());
                    let in_margin = scanned && (top < 0.1 * page.height || top > 0.9 * page.height);
                    blocks.push(block);
                    if !in_margin {
                        open_table = None;
                        open_row_rules = false;
                        first_in_body = false;
                        follows_open = false;
                    }
                }
            }
        }
        seen.push(page_seen);
    }
    let mut doc = Document {
        blocks,
        n_pages: Some(pages.len() as u32),
    };
    super::breaks::rejoin_broken_words(&mut doc);
    (doc, seen)
}

/// A row cut by the page break (the new page's first row has nothing in its first column):
/// where a cell of it begins in lowercase under a cell of the last row above whose last line
/// is one word, the word may have been broken at the break. Its first paragraph is marked so
/// ([`super::breaks`] joins the pieces on the document's words, or drops the mark). A producer
/// breaks inside a word only when the word does not fit on a line of its own, so its first
/// piece fills a line alone; a line of several words ended with a whole one ("… дамжуулан ёс"
/// / "зүйн …").
fn mark_word_pieces(prev: &Table, next: &mut Table) {
    let (Some(last), Some(first)) = (prev.rows.last(), next.rows.first_mut()) else {
        return;
    };
    // A row of its own begins with its number: only the rest of a cut row has none.
    if first.cells.first().is_none_or(|c| !c.is_empty()) {
        return;
    }
    for (above, below) in last.cells.iter().zip(first.cells.iter_mut()) {
        let starts_lower = below
            .paragraphs
            .first()
            .and_then(|p| p.chars().next())
            .is_some_and(char::is_lowercase);
        let alone_on_its_line = above.paragraphs.last().is_some_and(|p| {
            let last_line = p.rsplit('\n').next().unwrap_or("").trim();
            !last_line.is_empty() && !last_line.contains(char::is_whitespace)
        });
        if starts_lower && alone_on_its_line {
            below.paragraphs[0].insert_str(0, super::breaks::GOES_ON_FROM_ABOVE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::synthetic::*;
    use crate::layout::Rule;

    #[test]
    fn only_a_lone_word_ending_a_cell_at_the_page_end_may_be_a_broken_word() {
        use crate::layout::{Cell, Row};
        let row = |cells: &[&str]| Row {
            cells: cells
                .iter()
                .map(|p| {
                    Cell::new(if p.is_empty() {
                        vec![]
                    } else {
                        vec![p.to_string()]
                    })
                })
                .collect(),
            source: Default::default(),
            after_page_break: false,
        };
        let prev = Table {
            rows: vec![row(&[
                "3",
                "Шилэн дансаар дамжуулан ёс",
                "Орон нутагт\nмэдүүлг",
            ])],
            source: Default::default(),
        };
        let mut next = Table {
            rows: vec![row(&["", "зүйн дүрмийг", "ийг хянах"])],
            source: Default::default(),
        };
        mark_word_pieces(&prev, &mut next);
        let marked: Vec<bool> = next.rows[0]
            .cells
            .iter()
            .map(|c| {
                c.paragraphs
                    .first()
                    .is_some_and(|p| p.starts_with(crate::layout::breaks::GOES_ON_FROM_ABOVE))
            })
            .collect();
        assert_eq!(marked, vec![false, false, true]);
    }

    #[test]
    fn a_heading_under_a_table_at_a_pdf_page_s_foot_ends_it() {
        let row = |n: &str, activity: &str, measure: &str, score: &str, top: f64| {
            line(
                &[
                    (n, 50.0),
                    (activity, 80.0),
                    (measure, 220.0),
                    (score, 400.0),
                ],
                top,
            )
        };
        let page1 = [
            line(
                &[
                    ("№", 50.0),
                    ("Үйл", 131.0),
                    ("Арга", 290.0),
                    ("Үнэлгээ", 400.0),
                ],
                700.0,
            ),
            row("1", "Сургалт", "Журам батлах", "100", 720.0),
            row("2", "Тайлан", "Хэлэлцүүлэг", "70", 740.0),
            line(
                &[("100 /90-100/ хувийн биелэлттэй: 1 арга хэмжээ", 50.0)],
                775.0,
            ),
        ]
        .concat();
        // Atop the next page, an item of the list that fits the table's columns.
        let page2 = [
            line(&[("Зорилт 1.1. Журам", 80.0), ("/100/", 400.0)], 60.0),
            line(&[("Дүгнэлт: хэрэгжилт 85 хувьтай байна.", 50.0)], 100.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, page1), unruled_page(2, page2)]);
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(t.rows.len(), 3, "{:?}", t.rows);
        let texts: Vec<&str> = doc.blocks[1..]
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.as_str()),
                Block::Table(_) => None,
            })
            .collect();
        assert!(
            texts.iter().any(|t| t.starts_with("Зорилт 1.1.")),
            "{:?}",
            doc.blocks
        );
    }

    #[test]
    fn its_rows_and_cells_are_read_like_a_ruled_table() {
        let doc = document(&[horizontal_only_page()]);
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("no table: {:?}", doc.blocks);
        };
        let texts: Vec<Vec<String>> = t.rows.iter().map(row_text).collect();
        assert_eq!(texts[0][1], "Хэрэгжүүлэх\nарга хэмжээ");
        assert_eq!(texts[1], vec!["1", "Сургалт зохион байгуулах", "100"]);
        assert_eq!(texts[2], vec!["2", "Журам батлах", "70"]);
    }

    #[test]
    fn the_rest_of_a_table_of_row_rules_on_the_next_page_keeps_its_columns() {
        // Page 2 holds one row of the table (text in the measure and score columns) and its
        // label row, whose label runs over the number column: too little for whitespace to
        // tell the three columns apart.
        let p2 = whole_line_rules_page(
            2,
            &[60.0, 90.0, 120.0],
            [
                line(&[("Хэлэлцүүлэг", 85.0), ("40", 305.0)], 65.0),
                line(&[("Дундаж үнэлгээ", 55.0), ("80", 305.0)], 95.0),
            ]
            .concat(),
        );
        let doc = document(&[horizontal_only_page_of_whole_lines(), p2]);
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("no table: {:?}", doc.blocks);
        };
        let texts: Vec<Vec<String>> = t.rows.iter().map(row_text).collect();
        assert_eq!(texts.len(), 5, "{texts:?}");
        assert_eq!(texts[3], vec!["", "Хэлэлцүүлэг", "40"], "{texts:?}");
    }

    /// Page 2 of [`horizontal_only_page_of_whole_lines`]'s table: above its first rule the
    /// rest of page 1's last row, then two rows whose text stands a few points right of page
    /// 1's (a scan's words), so that their gutters differ from page 1's; under its last rule,
    /// at the page end, `cut_row` (the start of a row). The texts of the document's tables.
    fn gone_on_with(cut_row: Vec<Word>) -> Vec<Vec<Vec<String>>> {
        let mut words = line(&[("хэлэлцүүлэх", 85.0)], 45.0);
        words.extend(
            [
                line(&[("3", 55.0), ("Тайлан", 95.0), ("90", 320.0)], 65.0),
                line(&[("4", 55.0), ("Мэдээлэх", 95.0), ("80", 320.0)], 95.0),
                cut_row,
            ]
            .concat(),
        );
        let p2 = whole_line_rules_page(2, &[60.0, 90.0, 120.0], words);
        document(&[horizontal_only_page_of_whole_lines(), p2])
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.rows.iter().map(row_text).collect()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn text_under_the_last_rule_of_a_table_gone_on_is_read_in_the_table_s_columns() {
        let mut cut_row = line(&[("5", 55.0), ("Хянах", 95.0), ("60", 320.0)], 125.0);
        cut_row.extend(line(&[("ажил", 95.0)], 137.0));
        let tables = gone_on_with(cut_row);
        assert_eq!(tables.len(), 1, "{tables:?}");
        assert_eq!(tables[0].last().unwrap(), &vec!["5", "Хянах\nажил", "60"]);
    }

    #[test]
    fn text_of_a_page_a_little_off_may_reach_past_the_middle_of_a_gap_not_across() {
        // Page 1's gap between the measure and score columns is 223-305, its boundary 264;
        // the cut row's measure reaches 266 on page 2 (its first line; a second follows):
        // inside the gap still.
        let measure = "Хянах ажил зохион мэдээллийгээ";
        let mut cut_row = line(&[("5", 55.0), (measure, 95.0), ("60", 320.0)], 125.0);
        assert_eq!(cut_row[4].x1, 266.0);
        cut_row.extend(line(&[("хийх", 95.0)], 137.0));
        let tables = gone_on_with(cut_row);
        assert_eq!(tables.len(), 1, "{tables:?}");
        let last = tables[0].last().unwrap();
        assert_eq!(last, &vec!["5", &format!("{measure}\nхийх"), "60"]);
    }

    #[test]
    fn under_the_last_row_rule_at_the_page_end_the_rest_is_one_row_however_spaced() {
        // Objective 3's row begins under the page's last rule and the page end cuts it: its
        // two measures stand a blank line apart, as two paragraphs of one cell do, each with
        // its own score in the last column: with no rule between them they are one row.
        let mut p1 = horizontal_only_page_of_whole_lines();
        p1.words.extend(
            [
                line(
                    &[("3", 55.0), ("3.1. Сургалт", 85.0), ("100", 305.0)],
                    196.0,
                ),
                line(&[("зохион", 85.0)], 208.0),
                line(&[("3.2. Журам", 85.0), ("70", 305.0)], 232.0),
                line(&[("батлах", 85.0)], 244.0),
            ]
            .concat(),
        );
        let p2 = whole_line_rules_page(
            2,
            &[60.0, 90.0],
            [
                line(&[("3.3. Тайлан", 85.0)], 40.0),
                line(&[("4", 55.0), ("Хэлэлцүүлэг", 85.0), ("40", 305.0)], 65.0),
            ]
            .concat(),
        );
        let doc = document(&[p1, p2]);
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("no table: {:?}", doc.blocks);
        };
        let texts: Vec<Vec<String>> = t.rows.iter().map(row_text).collect();
        assert_eq!(texts[3][0], "3", "{texts:?}");
        assert_eq!(texts[3][2], "100 70", "{texts:?}");
        assert!(texts[3][1].contains("3.2. Журам"), "{texts:?}");
        assert!(texts[4][1].contains("3.3. Тайлан"), "{texts:?}");
        assert!(t.rows[4].after_page_break, "{texts:?}");
    }

    #[test]
    fn above_the_first_row_rule_of_the_next_page_the_rest_is_one_row_however_spaced() {
        // The break cut objective 2's row after its first line: its measures go on at the
        // top of page 2, a blank line apart, each with its own figure, above the first rule.
        let p2 = whole_line_rules_page(
            2,
            &[90.0, 120.0, 150.0],
            [
                line(&[("шинэчлэх", 85.0), ("60", 305.0)], 40.0),
                line(&[("Тайлан гаргах", 85.0), ("50", 305.0)], 64.0),
                line(&[("3", 55.0), ("Хэлэлцүүлэг", 85.0), ("40", 305.0)], 95.0),
                line(
                    &[
                        ("4", 55.0),
                        ("Сургалт зохион байгуулах", 85.0),
                        ("90", 305.0),
                    ],
                    125.0,
                ),
            ]
            .concat(),
        );
        let doc = document(&[horizontal_only_page_of_whole_lines(), p2]);
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("no table: {:?}", doc.blocks);
        };
        let texts: Vec<Vec<String>> = t.rows.iter().map(row_text).collect();
        assert_eq!(texts.len(), 6, "{texts:?}");
        assert_eq!(texts[3], vec!["", "шинэчлэх Тайлан гаргах", "60 50"]);
        assert!(t.rows[3].after_page_break);
        assert_eq!(texts[4], vec!["3", "Хэлэлцүүлэг", "40"]);
    }

    /// A page of `words` under rules drawn as whole lines from 50 to 400 at `ys`.
    fn whole_line_rules_page(number: u32, ys: &[f64], words: Vec<Word>) -> Page {
        Page {
            number,
            width: 595.0,
            height: 842.0,
            words,
            rules: ys.iter().map(|&y| hline(y, 50.0, 400.0)).collect(),
        }
    }

    /// A page whose ruled table (columns at 50, 100, 300, 400) has rules at `ys`.
    fn ruled_page(number: u32, ys: &[f64], words: Vec<Word>) -> Page {
        let xs = [50.0, 100.0, 300.0, 400.0];
        let (top, bottom) = (ys[0], ys[ys.len() - 1]);
        let mut rules: Vec<Rule> = ys.iter().map(|&y| hline(y, xs[0], xs[3])).collect();
        rules.extend(xs.iter().map(|&x| Rule {
            x0: x,
            y0: top,
            x1: x,
            y1: bottom,
        }));
        Page {
            number,
            width: 595.0,
            height: 842.0,
            words,
            rules,
        }
    }

    #[test]
    fn hanging_text_goes_on_over_a_blank_line_between_a_cell_s_paragraphs() {
        // Objective 2's row under the page's last rule holds two measures a blank line apart.
        let p1 = ruled_page(
            1,
            &[690.0, 712.0, 740.0],
            [
                line(&[("№", 55.0), ("Арга", 105.0), ("Үнэлгээ", 305.0)], 695.0),
                line(&[("1", 55.0), ("Журам", 105.0), ("100", 305.0)], 718.0),
                line(&[("2", 55.0), ("2.1. Тайлан", 105.0)], 743.0),
                line(&[("гаргах", 105.0)], 754.0),
                line(&[("2.2. Сургалт", 105.0)], 776.0),
            ]
            .concat(),
        );
        let p2 = ruled_page(
            2,
            &[60.0, 90.0],
            [line(&[("хийх", 105.0), ("70", 305.0)], 66.0)].concat(),
        );
        let doc = document(&[p1, p2]);
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("no table: {:?}", doc.blocks);
        };
        let texts: Vec<Vec<String>> = t.rows.iter().map(row_text).collect();
        assert!(texts[2][1].contains("2.2. Сургалт"), "{texts:?}");
        assert_eq!(texts.len(), 4, "{texts:?} {:?}", doc.blocks);
    }

    #[test]
    fn text_hanging_below_the_last_rule_at_the_page_end_is_a_row_the_next_page_goes_on() {
        // The row of objective 2 begins under the page's last rule (the producer drew no rule
        // under it there) and goes on over the next page.
        let p1 = ruled_page(
            1,
            &[690.0, 712.0, 740.0],
            [
                line(&[("№", 55.0), ("Арга", 105.0), ("Үнэлгээ", 305.0)], 695.0),
                line(&[("1", 55.0), ("Журам", 105.0), ("100", 305.0)], 718.0),
                line(&[("2", 55.0), ("Тайлан", 105.0)], 743.0),
                line(&[("гаргах", 105.0)], 754.0),
                line(&[("зохион", 105.0)], 765.0),
            ]
            .concat(),
        );
        let p2 = ruled_page(
            2,
            &[60.0, 90.0],
            [line(&[("хэлэлцэх", 105.0), ("70", 305.0)], 66.0)].concat(),
        );
        let doc = document(&[p1, p2]);
        let tables: Vec<&Table> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 1, "{:?}", doc.blocks);
        let texts: Vec<Vec<String>> = tables[0].rows.iter().map(row_text).collect();
        assert_eq!(texts[2], vec!["2", "Тайлан\nгаргах\nзохион", ""]);
        assert_eq!(texts[3], vec!["", "хэлэлцэх", "70"]);
        assert!(tables[0].rows[3].after_page_break);
    }
}
