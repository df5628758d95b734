//! Tables drawn with ruling lines: grids from a page's rules.
//!
//! Enters: a [`Page`]'s rules (and its words, for the columns of a table drawn with horizontal
//! rules only). Leaves: [`Grid`]s, each a table's column and row boundaries on the page, with
//! the vertical rules that tell which cells span columns.

use super::lines::cluster;
use super::{Page, Rect, Rule, Word};

/// A table's grid on one page.
#[derive(Debug, Clone)]
pub struct Grid {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// Vertical rules of the table, to find cells spanning columns.
    pub(super) verticals: Vec<Rule>,
    /// Columns found from whitespace (a table drawn with horizontal rules only): every column
    /// boundary divides every row.
    pub(super) gap_columns: bool,
}

impl Grid {
    pub(super) fn contains(&self, w: &Word) -> bool {
        self.bounds().holds(w)
    }
    /// The whole table's rectangle.
    pub fn bounds(&self) -> Rect {
        Rect {
            x0: self.xs[0],
            y0: self.ys[0],
            x1: self.xs[self.xs.len() - 1],
            y1: self.ys[self.ys.len() - 1],
        }
    }
    /// Cell `c` of row `r`, ignoring spans.
    pub fn cell(&self, r: usize, c: usize) -> Rect {
        Rect {
            x0: self.xs[c],
            y0: self.ys[r],
            x1: self.xs[c + 1],
            y1: self.ys[r + 1],
        }
    }
    pub(super) fn top(&self) -> f64 {
        self.ys[0]
    }
    /// Cells of the grid, row by row, ignoring spans.
    pub fn cells(&self) -> Vec<Rect> {
        (0..self.ys.len() - 1)
            .flat_map(|r| (0..self.xs.len() - 1).map(move |c| self.cell(r, c)))
            .collect()
    }
    /// Is there a rule at column boundary `c` (1..len-1) along most of row `r`?
    pub(super) fn has_divider(&self, c: usize, r: usize) -> bool {
        if self.gap_columns {
            return true;
        }
        let (x, y0, y1) = (self.xs[c], self.ys[r], self.ys[r + 1]);
        let covered: f64 = self
            .verticals
            .iter()
            .filter(|v| (v.x0 - x).abs() < 2.0)
            .map(|v| (v.y1.min(y1) - v.y0.max(y0)).max(0.0))
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
            let verticals: Vec<Rule> = idx
                .iter()
                .filter(|&&i| rules[i].is_vertical())
                .map(|&i| *rules[i])
                .collect();
            let mut ys = cluster(hs, 1.5);
            let mut xs = cluster(vs, 1.5);
            // An outer border faded on a scan (a thin grey rule under a copier's contrast):
            // the horizontal rules reaching well past the last vertical one close the grid.
            let horizontal: Vec<&Rule> = idx
                .iter()
                .map(|&i| rules[i])
                .filter(|r| r.is_horizontal())
                .collect();
            let median = |mut v: Vec<f64>| {
                v.sort_by(f64::total_cmp);
                v.get(v.len() / 2).copied()
            };
            if let (Some(&last), Some(end)) =
                (xs.last(), median(horizontal.iter().map(|r| r.x1).collect()))
            {
                if end > last + 10.0 {
                    xs.push(end);
                }
            }
            if let (Some(&first), Some(start)) = (
                xs.first(),
                median(horizontal.iter().map(|r| r.x0).collect()),
            ) {
                if start < first - 10.0 {
                    xs.insert(0, start);
                }
            }
            // A row cut by a page break has no closing rule (WeasyPrint, Chromium): the
            // vertical rules reaching past the last horizontal one close it.
            if let (Some(&last), Some(bottom)) =
                (ys.last(), verticals.iter().map(|v| v.y1).reduce(f64::max))
            {
                if bottom > last + 3.0 {
                    ys.push(bottom);
                }
            }
            if let (Some(&first), Some(top)) =
                (ys.first(), verticals.iter().map(|v| v.y0).reduce(f64::min))
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
    // The body's font size: the median word's.
    let mut sizes: Vec<f64> = page.words.iter().map(|w| w.font_size).collect();
    sizes.sort_by(f64::total_cmp);
    let body = sizes.get(sizes.len() / 2).copied().unwrap_or(f64::INFINITY);
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
    // Lines of one table end at its right edge; under cells merged down the first columns they
    // start right of its left edge (the page may begin there: a later line reaches further left).
    let same_extent = |top: &(f64, f64, f64), b: &(f64, f64, f64)| (top.2 - b.2).abs() <= 3.0 * tol;
    let edge = |st: &[(f64, f64, f64)]| st.iter().map(|l| l.1).fold(f64::INFINITY, f64::min);
    // Stacks of lines (y, x0, x1), each with the joints of its lines and whether any line was
    // drawn a segment per cell (a scan's lines, found as runs of pixels, are whole).
    type Stack = (Vec<(f64, f64, f64)>, Vec<f64>, bool);
    let mut stacks: Vec<Stack> = Vec::new();
    for (l, js) in lines.into_iter().zip(joints) {
        if l.2 - l.1 < 50.0 {
            continue;
        }
        // Where a line starts right of the edge, a merged cell ends: a boundary. A scan's
        // line ends stray by a few pixels (blur, a faint end, 2 pt at 150 dpi); a merged cell
        // ends a column's width in: half a character is the margin.
        let drawn = !js.is_empty();
        let mut js = js;
        if let Some((st, _, _)) = stacks.last() {
            let left = edge(st);
            let margin = if body.is_finite() {
                tol.max(0.4 * body)
            } else {
                tol
            };
            if l.1 > left + margin {
                js.push(l.1);
            } else if l.1 < left - margin {
                js.push(left);
            }
        }
        // The next table drawn right under this one, as wide, has its own columns: a line
        // whose cell borders meet where no line above had one (nor the other way) starts it.
        let within =
            |a: &[f64], b: &[f64]| a.iter().all(|x| b.iter().any(|y| (x - y).abs() <= tol));
        // A heading between two rules (text larger than the body's) is no row: the tables
        // above and below it are two, however alike their rules. The heading is the first line
        // under the rule: one larger line further down (OCR's sizes vary from line to line)
        // is no heading.
        let heading_between = |st: &[(f64, f64, f64)]| {
            let above = st[st.len() - 1].0;
            let between: Vec<&Word> = page
                .words
                .iter()
                .filter(|w| w.cy() > above && w.cy() < l.0 && w.cx() > l.1 && w.cx() < l.2)
                .collect();
            let Some(first) = between.iter().min_by(|a, b| a.top.total_cmp(&b.top)) else {
                return false;
            };
            let line_end = first.bottom.max(first.top + 0.5 * first.font_size);
            between
                .iter()
                .filter(|w| w.cy() < line_end)
                .all(|w| w.font_size >= 1.12 * body)
        };
        match stacks.last_mut() {
            Some((st, all, any_drawn))
                if same_extent(&st[0], &l)
                    && (within(&js, all) || within(all, &js))
                    && !heading_between(st) =>
            {
                if (l.0 - st[st.len() - 1].0).abs() > 1.0 {
                    st.push(l);
                    all.extend(js);
                    *any_drawn |= drawn;
                }
            }
            _ => stacks.push((vec![l], js, drawn)),
        }
    }
    stacks
        .into_iter()
        .filter(|(st, _, _)| st.len() >= 3)
        .filter_map(|(st, all_joints, drawn)| {
            let ys: Vec<f64> = st.iter().map(|l| l.0).collect();
            let (left, right) = (edge(&st), st[0].2);
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
            let xs = if !drawn {
                // Whole lines tell only where merged cells end; the whitespace tells the rest.
                let (top, bottom) = (ys[0], ys[ys.len() - 1]);
                let mut xs = whitespace_columns(&page.words, left, right, top, bottom);
                // A boundary from the whitespace and a merged cell's edge with no word between
                // them are one boundary: the edge, where the cell's border is drawn.
                let clear = |a: f64, b: f64| {
                    let (a, b) = (a.min(b), a.max(b));
                    !page
                        .words
                        .iter()
                        .any(|w| w.cy() > top && w.cy() < bottom && w.x1 > a && w.x0 < b)
                };
                let n = xs.len();
                for x in recurring {
                    let inner = &mut xs[1..n.saturating_sub(1).max(1)];
                    match inner
                        .iter_mut()
                        .find(|c| (**c - x).abs() <= 4.0 * tol || clear(**c, x))
                    {
                        Some(c) => *c = x,
                        None => xs.push(x),
                    }
                }
                xs.sort_by(f64::total_cmp);
                xs
            } else if recurring.is_empty() {
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
/// quarter of the body size here: cells are padded on both sides, words are not). In a table of
/// many words one word may cross a strip that is otherwise white over its whole width: OCR
/// glues words of two cells ("1 2" read "12522", "2.1.1.Байгууллагын"); a strip with a white
/// part wide enough keeps its boundary there.
pub(super) fn whitespace_columns(
    words: &[Word],
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
) -> Vec<f64> {
    let inside: Vec<&Word> = words
        .iter()
        .filter(|w| w.cx() > left && w.cx() < right && w.cy() > top && w.cy() < bottom)
        .collect();
    let spans: Vec<(f64, f64, f64)> = inside.iter().map(|w| (w.x0, w.x1, w.font_size)).collect();
    if spans.is_empty() {
        return Vec::new();
    }
    let mut sizes: Vec<f64> = spans.iter().map(|s| s.2).collect();
    sizes.sort_by(f64::total_cmp);
    let min_gap = 0.4 * sizes[sizes.len() / 2];
    let crossings = usize::from(spans.len() >= 30);
    // How many words cover each stretch between word edges.
    let mut edges: Vec<(f64, i32)> = spans
        .iter()
        .flat_map(|&(x0, x1, _)| [(x0, 1), (x1, -1)])
        .collect();
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut xs = vec![left];
    let mut covered = 0i32;
    // The strip being crossed by few words: where it began, and its widest white part.
    let mut strip: Option<(f64, (f64, f64))> = None;
    let mut white_from: Option<f64> = None;
    for (i, &(x, step)) in edges.iter().enumerate() {
        let before = covered;
        covered += step;
        if i == 0 {
            continue;
        }
        if covered <= crossings as i32 && before > crossings as i32 {
            strip = Some((x, (x, x)));
        }
        if covered == 0 {
            white_from = Some(x);
        } else if before == 0 {
            if let (Some(from), Some((_, widest))) = (white_from.take(), strip.as_mut()) {
                if x - from > widest.1 - widest.0 {
                    *widest = (from, x);
                }
            }
        }
        if covered > crossings as i32 && before <= crossings as i32 {
            if let Some((from, widest)) = strip.take() {
                // A strip crossed by a word may be a word space of one line, narrow, that a
                // word of another line covers ("Хариуцах нэгж" over "Захиргааны газар",
                // "responsible unit" over "administration office"): no boundary.
                let word_space = || {
                    inside.iter().any(|a| {
                        a.x1 == from
                            && inside.iter().any(|b| {
                                b.x0 == x
                                    && (a.cy() - b.cy()).abs() < 0.5 * a.font_size
                                    && x - from < 0.6 * a.font_size
                            })
                    })
                };
                if widest.1 - widest.0 > min_gap
                    && !word_space_on_every_line(&inside, widest.0, widest.1)
                {
                    xs.push((widest.0 + widest.1) / 2.0);
                } else if x - from > min_gap && crossings > 0 && !word_space() {
                    xs.push((from + x) / 2.0);
                }
            }
        }
    }
    xs.push(right);
    xs
}

/// Whether the white strip from `a` to `b` is a word space on every line that starts a word
/// at its right edge (two lines at least): rows of one text ("Тайланг хагас жил тутам гаргаж,
/// 3 удаа", "… 9 удаа") line their word spaces up, but a column's cells start at its edge
/// after a gap or nothing (the cells on the left are ragged, or padded). A word space is what
/// the line's words leave between them: OCR's boxes make it vary, twice the usual at most.
fn word_space_on_every_line(inside: &[&Word], a: f64, b: f64) -> bool {
    let mut lines = 0;
    for r in inside
        .iter()
        .filter(|w| w.x0 >= b - 0.5 && w.x0 <= b + 0.25 * w.font_size)
    {
        let mut line: Vec<&Word> = inside
            .iter()
            .filter(|w| (w.cy() - r.cy()).abs() < 0.5 * r.font_size)
            .copied()
            .collect();
        line.sort_by(|p, q| p.x0.total_cmp(&q.x0));
        let before = line
            .iter()
            .filter(|w| w.x1 <= a + 0.5)
            .map(|w| w.x1)
            .fold(f64::NEG_INFINITY, f64::max);
        let mut spaces: Vec<f64> = line
            .windows(2)
            .map(|p| p[1].x0 - p[0].x1)
            .filter(|g| *g > 0.0 && *g < 0.6 * r.font_size)
            .collect();
        spaces.sort_by(f64::total_cmp);
        let usual = spaces.get(spaces.len() / 2).copied().unwrap_or(0.0);
        if r.x0 - before >= (0.6 * r.font_size).max(2.0 * usual) {
            return false;
        }
        lines += 1;
    }
    lines >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::synthetic::*;

    #[test]
    fn a_table_of_horizontal_rules_gets_its_columns_from_the_joints_of_its_rules() {
        let grids = grids(&horizontal_only_page());
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].ys, vec![100.0, 130.0, 160.0, 190.0]);
        assert_eq!(grids[0].xs, vec![50.0, 80.0, 300.0, 400.0]);
    }

    #[test]
    fn a_heading_between_two_tables_of_whole_line_rules_parts_them() {
        // A second table right under the first, its rules as wide, a heading between them.
        let mut page = horizontal_only_page_of_whole_lines();
        let mut heading = word("ТАЙЛАН", 60.0, 200.0);
        heading.font_size = 11.7;
        page.words.push(heading);
        for y in [220.0, 240.0, 260.0] {
            page.rules.push(hline(y, 50.0, 400.0));
        }
        for (k, y) in [222.0, 242.0].iter().enumerate() {
            page.words.push(word(&format!("{}.1", k + 1), 55.0, *y));
            page.words.push(word("Зорилт", 100.0, *y));
        }
        let grids = grids(&page);
        let ys: Vec<Vec<f64>> = grids.iter().map(|g| g.ys.clone()).collect();
        assert_eq!(
            ys,
            vec![vec![100.0, 130.0, 160.0, 190.0], vec![220.0, 240.0, 260.0]]
        );
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
    fn a_page_beginning_under_merged_cells_keeps_its_rows_when_a_later_rule_reaches_further_left() {
        // The page's first two rules start at the № cell's right edge (it spans from the page
        // above); the third runs the table's whole width.
        let mut page = horizontal_only_page();
        page.rules
            .retain(|r| !((r.y0 == 100.0 || r.y0 == 130.0) && r.x0 == 50.0));
        let grids = grids(&page);
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].ys, vec![100.0, 130.0, 160.0, 190.0]);
        assert_eq!(grids[0].xs, vec![50.0, 80.0, 300.0, 400.0]);
    }

    #[test]
    fn a_scan_s_rule_ends_stray_by_a_few_pixels_without_parting_the_table() {
        // Whole lines as a scan gives them: the first starts 2.5 pt left of the others, the
        // third under a cell merged down the first column.
        let mut page = horizontal_only_page_of_whole_lines();
        for r in &mut page.rules {
            if r.y0 == 100.0 {
                r.x0 = 47.5;
            }
            if r.y0 == 160.0 {
                r.x0 = 80.0;
            }
        }
        let grids = grids(&page);
        assert_eq!(grids.len(), 1, "{grids:?}");
        assert_eq!(grids[0].ys, vec![100.0, 130.0, 160.0, 190.0]);
    }

    #[test]
    fn a_merged_cell_s_edge_and_the_whitespace_in_the_same_gap_are_one_boundary() {
        // The first column merged down the rows: the rules under it start at 83, right of
        // the whitespace's middle (73) with no word between.
        let mut page = horizontal_only_page_of_whole_lines();
        for r in &mut page.rules {
            if r.y0 == 130.0 || r.y0 == 160.0 {
                r.x0 = 83.0;
            }
        }
        let grids = grids(&page);
        assert_eq!(grids.len(), 1, "{grids:?}");
        assert_eq!(grids[0].xs.len(), 4, "{:?}", grids[0].xs);
        assert_eq!(grids[0].xs[1], 83.0);
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
    fn words_spaced_apart_inside_a_column_do_not_make_a_column() {
        // A gap of a word space (a quarter of the body size) is not a column boundary.
        let words = vec![
            word("Журам", 85.0, 135.0),
            word("батлах", 85.0 + 30.0 + 2.5, 135.0),
        ];
        let xs = whitespace_columns(&words, 50.0, 400.0, 100.0, 190.0);
        assert_eq!(xs, vec![50.0, 400.0]);
    }

    #[test]
    fn rows_of_one_text_lining_up_their_word_spaces_do_not_make_columns() {
        // "Тайланг хагас жил тутам" on three rows, the same x each time (a scan's word space:
        // 4 pt at a 9.4 pt size), the score column 60 pt further.
        let rows = |third: &[&str]| {
            let mut words = Vec::new();
            for top in [110.0, 140.0, 170.0] {
                for (text, x0, x1) in [
                    ("Тайланг", 100.0, 143.0),
                    ("хагас", 147.0, 175.0),
                    ("жил", 179.0, 200.0),
                    ("тутам", 204.0, 235.0),
                    ("100,0", 295.0, 322.0),
                ] {
                    if top == 170.0 && !third.contains(&text) {
                        continue;
                    }
                    words.push(Word {
                        x1,
                        font_size: 9.4,
                        ..word(text, x0, top)
                    });
                }
            }
            words
        };
        let all = ["Тайланг", "хагас", "жил", "тутам", "100,0"];
        let xs = whitespace_columns(&rows(&all), 50.0, 400.0, 100.0, 190.0);
        assert_eq!(xs, vec![50.0, 265.0, 400.0]);
        // OCR's boxes vary: one word space read wider, twice the line's usual.
        let mut words = rows(&all);
        words[0].x1 -= 3.0;
        let xs = whitespace_columns(&words, 50.0, 400.0, 100.0, 190.0);
        assert_eq!(xs, vec![50.0, 265.0, 400.0]);
        // A row whose text stops short of a word starting there: the strip is a column's
        // edge.
        let xs = whitespace_columns(
            &rows(&["Тайланг", "тутам", "100,0"]),
            50.0,
            400.0,
            100.0,
            190.0,
        );
        assert_eq!(xs, vec![50.0, 202.0, 265.0, 400.0]);
    }

    #[test]
    fn a_word_space_in_a_column_crossed_by_one_word_of_another_row_is_no_boundary() {
        // 30 words (OCR may glue two cells' words then); a column whose header's two words
        // ("Хариуцах нэгж", "responsible unit") stand half an em apart, over a row of two
        // words ("Захиргааны газар") also half an em apart: each line's word space is covered
        // by a word of the other.
        let mut words: Vec<Word> = (0..26)
            .map(|k| word("үг", 60.0 + 10.0 * (k % 2) as f64, 120.0 + 10.0 * k as f64))
            .collect();
        for (text, x0, x1, top) in [
            ("Хариуцах", 200.0, 240.0, 110.0),
            ("нэгж", 245.0, 265.0, 110.0),
            ("Захиргааны", 200.0, 247.0, 125.0),
            ("газар", 252.0, 270.0, 125.0),
        ] {
            words.push(Word {
                x1,
                ..word(text, x0, top)
            });
        }
        let xs = whitespace_columns(&words, 50.0, 400.0, 100.0, 400.0);
        assert_eq!(xs.len(), 3, "{xs:?}");
    }
}
