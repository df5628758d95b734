//! The layout engine: positioned words and ruling lines of pages → a document.
//!
//! Enters: [`Page`]s (from the PDF reader now, from OCR later). Leaves: a [`Document`] of
//! paragraphs and tables in reading order, with the page of each. Running headers and footers
//! (lines in the page margins that repeat on several pages, page numbers) are dropped; table
//! cells come from the grid of ruling lines; a table that goes on over the next page is joined
//! to it, its repeated header row dropped and its first row there marked as following a page
//! break. Paragraphs inside a cell are kept apart by vertical gaps and list markers.

use super::{Block, Cell, Document, Page, Paragraph, Row, Rule, Table, Word};
use crate::model::Source;

#[derive(Debug, Clone)]
struct Line {
    text: String,
    top: f64,
    bottom: f64,
    size: f64,
    x0: f64,
    x1: f64,
    /// Width of the line's first word: would it have fitted at the end of the line above?
    first_word: f64,
}

/// Words grouped into lines: words whose vertical centres are close, each line left to right.
fn line_groups<'a>(words: &[&'a Word]) -> Vec<Vec<&'a Word>> {
    let mut sorted: Vec<&Word> = words.to_vec();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Word>> = Vec::new();
    for w in sorted {
        match groups.last_mut() {
            Some(g) if (g[0].cy() - w.cy()).abs() < 0.4 * w.font_size.max(g[0].font_size) => {
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

/// Words → lines of text.
fn lines_of(words: &[&Word]) -> Vec<Line> {
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
        })
        .collect()
}

fn starts_list_item(text: &str) -> bool {
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
fn paragraphs_of(lines: &[Line], right: Option<f64>) -> Vec<(String, f64, f64)> {
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
        prev_x1 = Some(l.x1);
        if new {
            out.push((l.text.clone(), l.top, l.size, l.bottom));
        } else if let Some(last) = out.last_mut() {
            last.0.push('\n');
            last.0.push_str(&l.text);
            last.3 = l.bottom;
        }
    }
    out.into_iter()
        .map(|(t, top, size, _)| (t, top, size))
        .collect()
}

/// Values within `tol` of each other merged (sorted, averaged).
fn cluster(mut values: Vec<f64>, tol: f64) -> Vec<f64> {
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

/// A table's grid on one page.
#[derive(Debug, Clone)]
pub struct Grid {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// Vertical rules of the table: (x, top, bottom), to find cells spanning columns.
    verticals: Vec<(f64, f64, f64)>,
    /// Columns found from whitespace (a table drawn with horizontal rules only): every column
    /// boundary divides every row.
    gap_columns: bool,
}

impl Grid {
    fn contains(&self, w: &Word) -> bool {
        let (x, y) = (w.cx(), w.cy());
        x > self.xs[0]
            && x < self.xs[self.xs.len() - 1]
            && y > self.ys[0]
            && y < self.ys[self.ys.len() - 1]
    }
    fn top(&self) -> f64 {
        self.ys[0]
    }
    /// Cells of the grid as (x0, y0, x1, y1), ignoring spans.
    pub fn cells(&self) -> Vec<(f64, f64, f64, f64)> {
        let mut out = Vec::new();
        for r in 0..self.ys.len() - 1 {
            for c in 0..self.xs.len() - 1 {
                out.push((self.xs[c], self.ys[r], self.xs[c + 1], self.ys[r + 1]));
            }
        }
        out
    }
    /// Is there a rule at column boundary `c` (1..len-1) along most of row `r`?
    fn has_divider(&self, c: usize, r: usize) -> bool {
        if self.gap_columns {
            return true;
        }
        let (x, y0, y1) = (self.xs[c], self.ys[r], self.ys[r + 1]);
        let covered: f64 = self
            .verticals
            .iter()
            .filter(|(vx, _, _)| (vx - x).abs() < 2.0)
            .map(|(_, t, b)| (b.min(y1) - t.max(y0)).max(0.0))
            .sum();
        covered > 0.5 * (y1 - y0)
    }
}

/// Tables on a page from its ruling lines: rules that touch form a group; a group with two
/// or more horizontal and vertical rules is a table whose grid is their distinct positions.
pub fn grids(page: &Page) -> Vec<Grid> {
    let rules: Vec<_> = page
        .rules
        .iter()
        .filter(|r| r.is_horizontal() || r.is_vertical())
        .collect();
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let tol = 2.0;
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (rules[i], rules[j]);
            let touch = a.x0 <= b.x1 + tol
                && b.x0 <= a.x1 + tol
                && a.y0 <= b.y1 + tol
                && b.y0 <= a.y1 + tol;
            if touch {
                let (ra, rb) = (find(&mut parent, i), find(&mut parent, j));
                parent[ra] = rb;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Grid> = groups
        .values()
        .filter_map(|idx| {
            let hs: Vec<f64> = idx
                .iter()
                .filter(|&&i| rules[i].is_horizontal())
                .map(|&i| rules[i].y0)
                .collect();
            let vs: Vec<f64> = idx
                .iter()
                .filter(|&&i| rules[i].is_vertical())
                .map(|&i| rules[i].x0)
                .collect();
            let verticals: Vec<(f64, f64, f64)> = idx
                .iter()
                .filter(|&&i| rules[i].is_vertical())
                .map(|&i| (rules[i].x0, rules[i].y0, rules[i].y1))
                .collect();
            let mut ys = cluster(hs, 1.5);
            let xs = cluster(vs, 1.5);
            // A row cut by a page break has no closing rule (WeasyPrint, Chromium): the
            // vertical rules reaching past the last horizontal one close it.
            if let (Some(&last), Some(bottom)) =
                (ys.last(), verticals.iter().map(|v| v.2).reduce(f64::max))
            {
                if bottom > last + 3.0 {
                    ys.push(bottom);
                }
            }
            if let (Some(&first), Some(top)) =
                (ys.first(), verticals.iter().map(|v| v.1).reduce(f64::min))
            {
                if top < first - 3.0 {
                    ys.insert(0, top);
                }
            }
            (ys.len() >= 2 && xs.len() >= 2).then_some(Grid {
                xs,
                ys,
                verticals,
                gap_columns: false,
            })
        })
        .collect();
    let loose: Vec<&Rule> = rules
        .iter()
        .copied()
        .filter(|r| r.is_horizontal())
        .filter(|r| {
            !out.iter().any(|g| {
                r.y0 >= g.ys[0] - tol
                    && r.y0 <= g.ys[g.ys.len() - 1] + tol
                    && r.x0 >= g.xs[0] - tol
                    && r.x1 <= g.xs[g.xs.len() - 1] + tol
            })
        })
        .collect();
    out.extend(horizontal_rule_tables(page, &loose));
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

/// Tables drawn with horizontal rules only (row separators: "borderless" tables of many
/// producers). Segments at one height that meet are one line; lines of the same extent one
/// under another are a table's row boundaries; its columns come from the whitespace that runs
/// down the whole table.
fn horizontal_rule_tables(page: &Page, rules: &[&Rule]) -> Vec<Grid> {
    let tol = 2.0;
    let mut segs: Vec<(f64, f64, f64)> = rules.iter().map(|r| (r.y0, r.x0, r.x1)).collect();
    segs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // Whole lines (y, x0, x1) and where their segments meet: drawn a segment per cell, a line's
    // joints are the table's column boundaries.
    let mut lines: Vec<(f64, f64, f64)> = Vec::new();
    let mut joints: Vec<Vec<f64>> = Vec::new();
    for (y, x0, x1) in segs {
        match lines.last_mut() {
            Some(l) if (l.0 - y).abs() <= 1.0 && x0 <= l.2 + tol => {
                if x0 >= l.2 - tol && x1 > l.2 + tol {
                    joints.last_mut().expect("one per line").push(x0);
                }
                l.2 = l.2.max(x1);
            }
            _ => {
                lines.push((y, x0, x1));
                joints.push(Vec::new());
            }
        }
    }
    // A line under a cell merged down the first columns starts right of the table's edge.
    let same_extent = |top: &(f64, f64, f64), b: &(f64, f64, f64)| {
        b.1 >= top.1 - 3.0 * tol && (top.2 - b.2).abs() <= 3.0 * tol
    };
    // Stacks of lines (y, x0, x1), each with the joints of its lines.
    type Stack = (Vec<(f64, f64, f64)>, Vec<f64>);
    let mut stacks: Vec<Stack> = Vec::new();
    for (l, js) in lines.into_iter().zip(joints) {
        if l.2 - l.1 < 50.0 {
            continue;
        }
        match stacks.last_mut() {
            Some((st, all)) if same_extent(&st[0], &l) => {
                if (l.0 - st[st.len() - 1].0).abs() > 1.0 {
                    // Where a line starts right of the edge, a merged cell ends: a boundary.
                    if l.1 > st[0].1 + tol {
                        all.push(l.1);
                    }
                    st.push(l);
                    all.extend(js);
                }
            }
            _ => stacks.push((vec![l], js)),
        }
    }
    stacks
        .into_iter()
        .filter(|(st, _)| st.len() >= 3)
        .filter_map(|(st, all_joints)| {
            let ys: Vec<f64> = st.iter().map(|l| l.0).collect();
            let (left, right) = (st[0].1, st[0].2);
            // Every cell border ends at a column boundary, but a row under merged cells or a
            // spanning row shows fewer: a joint on two lines or more is a boundary (one line
            // could be a rule drawn in two pieces for another reason).
            let mut sorted = all_joints;
            sorted.sort_by(f64::total_cmp);
            let mut recurring: Vec<f64> = Vec::new();
            let mut k = 0;
            while k < sorted.len() {
                let run = sorted[k..]
                    .iter()
                    .take_while(|x| **x - sorted[k] <= tol)
                    .count();
                if run >= 2 {
                    recurring.push(sorted[k..k + run].iter().sum::<f64>() / run as f64);
                }
                k += run;
            }
            let xs = if recurring.is_empty() {
                whitespace_columns(&page.words, left, right, ys[0], ys[ys.len() - 1])
            } else {
                std::iter::once(left)
                    .chain(recurring)
                    .chain(std::iter::once(right))
                    .collect()
            };
            (xs.len() >= 3).then_some(Grid {
                xs,
                ys,
                verticals: Vec::new(),
                gap_columns: true,
            })
        })
        .collect()
}

/// Column boundaries of a table region from its words: the left and right ends, and the middle
/// of every vertical strip no word of any row touches that is wider than a word space (a
/// quarter of the body size here: cells are padded on both sides, words are not).
fn whitespace_columns(words: &[Word], left: f64, right: f64, top: f64, bottom: f64) -> Vec<f64> {
    let mut spans: Vec<(f64, f64, f64)> = words
        .iter()
        .filter(|w| w.cx() > left && w.cx() < right && w.cy() > top && w.cy() < bottom)
        .map(|w| (w.x0, w.x1, w.font_size))
        .collect();
    if spans.is_empty() {
        return Vec::new();
    }
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut sizes: Vec<f64> = spans.iter().map(|s| s.2).collect();
    sizes.sort_by(f64::total_cmp);
    let min_gap = 0.4 * sizes[sizes.len() / 2];
    let mut xs = vec![left];
    let mut reach = spans[0].1;
    for &(x0, x1, _) in &spans[1..] {
        if x0 - reach > min_gap {
            xs.push((reach + x0) / 2.0);
        }
        reach = reach.max(x1);
    }
    xs.push(right);
    xs
}

/// Tables without rules on a page as grids: a cell runs from a little left of its column's
/// start to the next column's, from its row's top to the next row's. For OCR's second reading
/// of number cells; the layout itself keeps the aligned tables' own cells.
pub fn aligned_grids(page: &Page) -> Vec<Grid> {
    let ruled = grids(page);
    let words: Vec<&Word> = page
        .words
        .iter()
        .filter(|w| !ruled.iter().any(|g| g.contains(w)))
        .collect();
    let (tables, _) = aligned_tables(&words, &Source::default());
    tables
        .into_iter()
        .map(|t| {
            // Half a gap to the left: digits may start before their column's label.
            let mut xs: Vec<f64> = t.cols.iter().map(|c| c - 3.0).collect();
            xs.push(t.right + 3.0);
            // Row bounds a little above each row's first line (OCR's crops are inset by 2.5 pt
            // from a cell's edges, which are rules in a ruled grid) and below the last line.
            let n = t.ys.len();
            let ys: Vec<f64> =
                t.ys.iter()
                    .enumerate()
                    .map(|(k, y)| if k + 1 == n { y + 3.5 } else { y - 3.5 })
                    .collect();
            Grid {
                xs,
                ys,
                verticals: Vec::new(),
                gap_columns: false,
            }
        })
        .collect()
}

/// Running headers and footers: lines in the top or bottom 8% of a page whose text, digits
/// removed, recurs on another page, or that hold only a number.
/// Words inside tables never count: a table's repeated header row is handled with the table.
fn running_lines(pages: &[Page], grids: &[Vec<Grid>]) -> Vec<Vec<(f64, f64)>> {
    let margin_lines: Vec<Vec<(String, f64, f64, bool)>> = pages
        .iter()
        .zip(grids)
        .map(|(p, gs)| {
            let words: Vec<&Word> = p
                .words
                .iter()
                .filter(|w| !gs.iter().any(|g| g.contains(w)))
                .collect();
            lines_of(&words)
                .into_iter()
                .filter(|l| l.top < 0.08 * p.height || l.bottom > 0.92 * p.height)
                .map(|l| {
                    let sig: String = l.text.chars().filter(|c| !c.is_ascii_digit()).collect();
                    let bare = is_page_number(&l.text);
                    (sig.trim().to_string(), l.top, l.bottom, bare)
                })
                .collect()
        })
        .collect();
    margin_lines
        .iter()
        .enumerate()
        .map(|(i, lines)| {
            lines
                .iter()
                .filter(|(sig, _, _, bare_number)| {
                    let recurs = margin_lines
                        .iter()
                        .enumerate()
                        .any(|(j, other)| j != i && other.iter().any(|(s, _, _, _)| s == sig));
                    *bare_number || (recurs && pages.len() > 1)
                })
                .map(|(_, top, bottom, _)| (*top, *bottom))
                .collect()
        })
        .collect()
}

/// A page number as printed in a margin: "3", "- 3 -", "(3)", "3/9". Not a letter's date and
/// number ("2021.02.14 № 9/141"), which a producer with thin margins puts in the top 8% too.
fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().count() <= 12
        && t.chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-–—()[]/.".contains(c))
}

/// A run: words of one line with word-sized gaps between them (a wider gap starts a new run).
#[derive(Debug, Clone)]
struct Run {
    x0: f64,
    x1: f64,
}

/// A line of words with its runs, for tables without ruling lines.
struct AlignedLine<'a> {
    words: Vec<&'a Word>,
    runs: Vec<Run>,
    top: f64,
    bottom: f64,
    size: f64,
}

fn aligned_lines<'a>(words: &[&'a Word]) -> Vec<AlignedLine<'a>> {
    // OCR sizes a line by its ink: a line without ascenders looks smaller than it is, and its
    // word gaps would look like column gaps. The page's median size is a floor.
    let mut sizes: Vec<f64> = words.iter().map(|w| w.font_size).collect();
    sizes.sort_by(f64::total_cmp);
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    line_groups(words)
        .into_iter()
        .map(|g| {
            let size = g.iter().map(|w| w.font_size).fold(median, f64::max);
            let mut runs: Vec<Run> = Vec::new();
            for w in &g {
                match runs.last_mut() {
                    Some(r) if w.x0 - r.x1 < 0.6 * size => r.x1 = w.x1,
                    _ => runs.push(Run { x0: w.x0, x1: w.x1 }),
                }
            }
            AlignedLine {
                top: g.iter().map(|w| w.top).fold(f64::INFINITY, f64::min),
                bottom: g.iter().map(|w| w.bottom).fold(f64::NEG_INFINITY, f64::max),
                words: g,
                runs,
                size,
            }
        })
        .collect()
}

/// Tables without ruling lines, from column alignment. A table starts at a line of three or
/// more runs; its columns are the left edges where the runs of its first two rows start; it
/// goes on while every run of a line starts at a column and no run crosses one (running prose
/// crosses them). A row starts after a vertical gap at a line with text in the first or last
/// column, or in three columns or more. Returns the tables (with their column starts and top)
/// and the words they took.
/// A table found on a page by alignment, with its geometry.
struct PlacedTable {
    top: f64,
    table: Table,
    /// Column starts.
    cols: Vec<f64>,
    /// Row bounds: each row's top, then the last row's bottom.
    ys: Vec<f64>,
    /// Right edge of the table's text.
    right: f64,
}

fn aligned_tables<'a>(words: &[&'a Word], source: &Source) -> (Vec<PlacedTable>, Vec<&'a Word>) {
    let lines = aligned_lines(words);
    let mut tables = Vec::new();
    let mut used: Vec<&Word> = Vec::new();
    let tol = 2.0;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].runs.len() < 3 {
            i += 1;
            continue;
        }
        // Column starts: the run edges of the table's first two rows (the header labels every
        // column, or its second row does under a spanning label), each a gap apart.
        let mut head_end = i + 1;
        let mut big_gaps = 0;
        while head_end < lines.len() {
            if lines[head_end].top - lines[head_end - 1].bottom > 0.55 * lines[head_end].size {
                big_gaps += 1;
                if big_gaps == 2 {
                    break;
                }
            }
            head_end += 1;
        }
        let left = lines[i].runs[0].x0 - tol;
        let starts: Vec<f64> = lines[i..head_end]
            .iter()
            .flat_map(|l| l.runs.iter().map(|r| r.x0))
            .filter(|x| *x >= left)
            .collect();
        let cols: Vec<f64> = cluster(starts, 1.0);
        let at_col = |x: f64| cols.iter().position(|c| (x - c).abs() <= tol);
        let crosses = |r: &Run| cols.iter().any(|c| r.x0 < c - tol && r.x1 > c + tol);
        let n = cols.len();
        if n < 3 || lines[i].runs.iter().any(|r| at_col(r.x0).is_none()) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < lines.len() {
            let l = &lines[end];
            let starts_ok = l.runs.iter().all(|r| at_col(r.x0).is_some());
            // A label spanning the columns up to the last ("Дундаж үнэлгээ … 98.2").
            let label_row = l.runs.len() <= 2
                && at_col(l.runs[0].x0) == Some(0)
                && l.runs.iter().skip(1).all(|r| at_col(r.x0) == Some(n - 1));
            if !starts_ok || (l.runs.iter().any(crosses) && !label_row) {
                break;
            }
            end += 1;
        }
        if end - i < 2 {
            i += 1;
            continue;
        }
        // Rows.
        let mut rows: Vec<Vec<&AlignedLine>> = Vec::new();
        for (k, l) in lines[i..end].iter().enumerate() {
            let cols_hit: Vec<usize> = l.runs.iter().filter_map(|r| at_col(r.x0)).collect();
            let key = cols_hit.contains(&0) || cols_hit.contains(&(n - 1)) || cols_hit.len() >= 3;
            let gap = if k == 0 {
                f64::INFINITY
            } else {
                l.top - lines[i + k - 1].bottom
            };
            if rows.is_empty() || (key && gap > 0.55 * l.size) {
                rows.push(vec![l]);
            } else if let Some(r) = rows.last_mut() {
                r.push(l);
            }
        }
        // A table has rows with text in two columns or more; a letterhead whose words stand
        // apart does not.
        let multi = rows
            .iter()
            .filter(|r| {
                let hit: std::collections::BTreeSet<usize> = r
                    .iter()
                    .flat_map(|l| l.runs.iter().filter_map(|run| at_col(run.x0)))
                    .collect();
                hit.len() >= 2
            })
            .count();
        if multi < 2 {
            i += 1;
            continue;
        }
        let mut ys: Vec<f64> = rows.iter().map(|r| r[0].top).collect();
        ys.push(rows.last().and_then(|r| r.last()).map_or(0.0, |l| l.bottom));
        let mut out_rows = Vec::new();
        for row in rows {
            let mut cells: Vec<Vec<&Word>> = vec![Vec::new(); n];
            for l in &row {
                for w in &l.words {
                    // A word belongs to the column where its run starts (a spanning label too).
                    let run_start = l
                        .runs
                        .iter()
                        .find(|r| w.x0 >= r.x0 - 0.1 && w.x0 <= r.x1)
                        .map_or(w.x0, |r| r.x0);
                    let c = cols.iter().rposition(|c| run_start >= c - tol).unwrap_or(0);
                    cells[c].push(w);
                    used.push(w);
                }
            }
            out_rows.push(Row {
                cells: cells
                    .iter()
                    .map(|cw| {
                        Cell::new(
                            paragraphs_of(&lines_of(cw), None)
                                .into_iter()
                                .map(|p| p.0)
                                .collect(),
                        )
                    })
                    .collect(),
                source: source.clone(),
                after_page_break: false,
            });
        }
        let right = lines[i..end]
            .iter()
            .flat_map(|l| l.runs.iter().map(|r| r.x1))
            .fold(0.0, f64::max);
        tables.push(PlacedTable {
            top: lines[i].top,
            table: Table {
                rows: out_rows,
                source: source.clone(),
            },
            cols,
            ys,
            right,
        });
        i = end;
    }
    (tables, used)
}

fn row_text(row: &Row) -> Vec<String> {
    row.cells.iter().map(Cell::text).collect()
}

/// Build the document from pages.
pub fn document(pages: &[Page]) -> Document {
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
    let mut open_table: Option<(usize, Vec<f64>)> = None;
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
            line: None,
        };
        // (top, block) in page order.
        let mut items: Vec<(f64, Block, Option<Vec<f64>>)> = Vec::new();
        for g in grids {
            let inside: Vec<&Word> = words.iter().copied().filter(|w| g.contains(w)).collect();
            let mut rows = Vec::new();
            for r in 0..g.ys.len() - 1 {
                let (y0, y1) = (g.ys[r], g.ys[r + 1]);
                // A cell spanning columns (no rule between them on this row) keeps its text in
                // its first column; the columns it covers get empty cells, as HTML colspan does.
                let mut cells: Vec<Cell> = Vec::new();
                let mut c = 0;
                while c < g.xs.len() - 1 {
                    let mut end = c + 1;
                    while end < g.xs.len() - 1 && !g.has_divider(end, r) {
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
                        paragraphs_of(&lines, right)
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
                    source: source.clone(),
                    after_page_break: false,
                });
            }
            items.push((
                g.top(),
                Block::Table(Table {
                    rows,
                    source: source.clone(),
                }),
                Some(g.xs.clone()),
            ));
        }
        let outside: Vec<&Word> = words
            .iter()
            .copied()
            .filter(|w| !grids.iter().any(|g| g.contains(w)))
            .collect();
        let (aligned, taken) = aligned_tables(&outside, &source);
        let taken: std::collections::HashSet<*const Word> =
            taken.into_iter().map(|w| w as *const Word).collect();
        let outside: Vec<&Word> = outside
            .into_iter()
            .filter(|w| !taken.contains(&(*w as *const Word)))
            .collect();
        for t in aligned {
            items.push((t.top, Block::Table(t.table), Some(t.cols)));
        }
        for (text, top, size) in paragraphs_of(&lines_of(&outside), None) {
            items.push((
                top,
                Block::Paragraph(Paragraph {
                    list_item: starts_list_item(&text),
                    text,
                    source: source.clone(),
                    emphasis: size >= 1.12 * body_size,
                }),
                None,
            ));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut first_in_body = true;
        for (top, block, xs) in items.into_iter() {
            match (block, xs) {
                (Block::Table(mut t), Some(xs)) => {
                    let goes_on = first_in_body
                        && open_table.as_ref().is_some_and(|(_, prev)| {
                            prev.len() == xs.len()
                                && prev.iter().zip(&xs).all(|(a, b)| (a - b).abs() < 3.0)
                        });
                    let at = open_table.as_ref().map(|(i, _)| *i);
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
                                first.after_page_break = true;
                            }
                            prev.rows.extend(t.rows);
                        }
                        _ => {
                            blocks.push(Block::Table(t));
                            open_table = Some((blocks.len() - 1, xs.clone()));
                        }
                    }
                    first_in_body = false;
                }
                (block, _) => {
                    // Text in the page's top or bottom margin (a footer OCR did not recognise
                    // as running) does not end a table.
                    let in_margin = top < 0.1 * page.height || top > 0.9 * page.height;
                    blocks.push(block);
                    if !in_margin {
                        open_table = None;
                        first_in_body = false;
                    }
                }
            }
        }
    }
    Document {
        blocks,
        n_pages: Some(pages.len() as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f64, top: f64) -> Word {
        Word {
            text: text.into(),
            x0,
            x1: x0 + 6.0 * text.chars().count() as f64,
            top,
            bottom: top + 10.0,
            font_size: 10.0,
        }
    }

    fn hline(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }

    /// A table of three columns whose rows are separated by horizontal rules only, each drawn
    /// as one segment per cell (as Chromium does), with a header wrapped over two lines; words
    /// 6 pt a letter, a 3 pt space between them.
    fn horizontal_only_page() -> Page {
        let mut rules = Vec::new();
        for y in [100.0, 130.0, 160.0, 190.0] {
            for (a, b) in [(50.0, 80.0), (80.0, 300.0), (300.0, 400.0)] {
                rules.push(hline(y, a, b));
            }
        }
        Page {
            rules,
            ..horizontal_only_page_of_whole_lines()
        }
    }

    /// The same table with each row's rule drawn as one line: columns from whitespace.
    fn horizontal_only_page_of_whole_lines() -> Page {
        let rules = [100.0, 130.0, 160.0, 190.0]
            .iter()
            .map(|&y| hline(y, 50.0, 400.0))
            .collect();
        let words = vec![
            word("№", 55.0, 105.0),
            word("Хэрэгжүүлэх", 85.0, 104.0),
            word("арга", 85.0, 116.0),
            word("хэмжээ", 112.0, 116.0),
            word("Үнэлгээ", 305.0, 105.0),
            word("1", 55.0, 135.0),
            word("Сургалт", 85.0, 135.0),
            word("зохион", 130.0, 135.0),
            word("байгуулах", 169.0, 135.0),
            word("100", 305.0, 135.0),
            word("2", 55.0, 165.0),
            word("Журам", 85.0, 165.0),
            word("батлах", 118.0, 165.0),
            word("70", 305.0, 165.0),
        ];
        Page {
            number: 1,
            width: 595.0,
            height: 842.0,
            words,
            rules,
        }
    }

    #[test]
    fn a_table_of_horizontal_rules_gets_its_columns_from_the_joints_of_its_rules() {
        let grids = grids(&horizontal_only_page());
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].ys, vec![100.0, 130.0, 160.0, 190.0]);
        assert_eq!(grids[0].xs, vec![50.0, 80.0, 300.0, 400.0]);
    }

    #[test]
    fn rows_under_a_cell_merged_down_the_first_column_stay_in_the_table() {
        // The № cell spans rows 2 and 3: the rule between them starts at its right edge.
        let mut page = horizontal_only_page();
        page.rules.retain(|r| !(r.y0 == 160.0 && r.x0 == 50.0));
        let grids = grids(&page);
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].ys, vec![100.0, 130.0, 160.0, 190.0]);
        assert_eq!(grids[0].xs, vec![50.0, 80.0, 300.0, 400.0]);
    }

    #[test]
    fn or_from_whitespace_when_its_rules_are_whole_lines() {
        let grids = grids(&horizontal_only_page_of_whole_lines());
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs.len(), 4, "{:?}", g.xs);
        assert!(g.xs[1] > 61.0 && g.xs[1] < 85.0, "{:?}", g.xs);
        assert!(g.xs[2] > 223.0 && g.xs[2] < 305.0, "{:?}", g.xs);
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
    fn list_items_and_measure_codes_start_paragraphs() {
        for t in ["1. Нэг", "- Нэг", "1.2. Нэг", "3.1.2. Нэг", "3.1.2 Нэг"] {
            assert!(starts_list_item(t), "{t}");
        }
        for t in ["97.9 хувь", "2.5 сая төгрөг", "2020.01.30", "Нэг"] {
            assert!(!starts_list_item(t), "{t}");
        }
    }

    #[test]
    fn a_row_cut_by_the_page_end_is_closed_by_its_vertical_rules() {
        // Two columns, a header row, then a row whose bottom rule is not drawn.
        let mut rules = vec![hline(100.0, 50.0, 400.0), hline(130.0, 50.0, 400.0)];
        for x in [50.0, 200.0, 400.0] {
            rules.push(Rule {
                x0: x,
                y0: 100.0,
                x1: x,
                y1: 180.0,
            });
        }
        let page = Page {
            number: 1,
            width: 595.0,
            height: 842.0,
            words: vec![word("1", 55.0, 140.0), word("Нэг", 205.0, 140.0)],
            rules,
        };
        assert_eq!(grids(&page)[0].ys, vec![100.0, 130.0, 180.0]);
    }

    #[test]
    fn page_numbers_but_not_letter_lines() {
        for n in ["3", "- 3 -", "(12)", "3/9", " 7 "] {
            assert!(is_page_number(n), "{n}");
        }
        for t in ["2021.02.14 № 9/141", "Хуудас", "2021.02.14 9/141 extra"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn words_spaced_apart_inside_a_column_do_not_make_a_column() {
        // A gap of a word space (a quarter of the body size) is not a column boundary.
        let words = vec![
            word("Журам", 85.0, 135.0),
            word("батлах", 85.0 + 30.0 + 2.5, 135.0),
        ];
        let xs = whitespace_columns(&words, 50.0, 400.0, 100.0, 190.0);
        assert_eq!(xs, vec![50.0, 400.0]);
    }
}
