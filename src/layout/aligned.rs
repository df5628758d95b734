//! Tables without ruling lines, from the alignment of their words.
//!
//! Enters: the words of a page outside its ruled grids, and the columns of tables that may go
//! on among them ([`Carry`]: the previous page's open table, a grid of this page whose last
//! row the page end cut). Leaves: [`PlacedTable`]s (rows and cells, with their column
//! boundaries and row bounds on the page) and the words they took; and, for OCR's second
//! reading of number cells, the same tables as [`Grid`]s.
//!
//! Columns come from gutters: vertical strips that no word of the table's lines touches. A
//! table starts at a line of three runs or more (its header, whose labels may be centred over
//! their columns); every line that follows narrows the gutters between the runs to what its
//! words leave free, and the table ends at a line whose words fill a gutter, unless that line
//! starts at the table's left edge and the table goes on below it (a row spanning the columns:
//! an objective's heading, "Дундаж үнэлгээ … 98.2"). A column boundary is a gutter's middle.

use super::centred::{owners, LineBox};
use super::lines::{line_groups, lines_of, paragraphs_of};
use super::ruled::{grids, Grid};
use super::{Cell, Page, Row, Table, Word};
use crate::model::Source;

/// The widest blank between two lines of one table, in font sizes: a row's padding and its
/// cells' paragraph margins (an em each) above and below.
const MAX_ROW_GAP: f64 = 4.0;

/// The narrowest gutter between two columns, in font sizes: a word space, for cells without
/// padding whose columns a shared left edge tells apart.
const MIN_GUTTER: f64 = 0.2;

/// A measure's or an item's code: "4.1.", "1.2.3".
fn is_code(word: &str) -> bool {
    let t = word.trim_end_matches(['.', ')']);
    t.contains('.')
        && t.split('.')
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// How near a word must start to where a column's text starts to start a cell of it, in points.
const CELL_EDGE: f64 = 1.5;

/// A run: words of one line with word-sized gaps between them (a wider gap starts a new run).
#[derive(Debug, Clone)]
struct Run {
    x0: f64,
    x1: f64,
}

/// A line of words with its runs.
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
    let groups = line_groups(words);
    // The page's word space: the lower quartile of gaps between neighbours on a line (a table
    // of short cells has more column gaps than word spaces). A gap half as wide again is not a
    // word space (OCR's boxes make its spaces wider than a font's); nor is one of 0.8 em.
    let mut gaps: Vec<f64> = groups
        .iter()
        .flat_map(|g| g.windows(2).map(|p| p[1].x0 - p[0].x1))
        .filter(|gap| *gap > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let space = gaps.get(gaps.len() / 4).copied().unwrap_or(0.0);
    let edges = left_edges(&groups);
    groups
        .into_iter()
        .enumerate()
        .map(|(k, g)| {
            let size = g.iter().map(|w| w.font_size).fold(median, f64::max);
            // A larger line (a title) has wider spaces, in proportion.
            let line_space = space * size / median.max(f64::EPSILON);
            let wide = (1.35 * line_space).clamp(0.4 * size, 0.8 * size);
            let mut runs: Vec<Run> = Vec::new();
            for (i, w) in g.iter().enumerate() {
                let at_edge = edges.iter().any(|e| {
                    (w.x0 - e.x).abs() <= EDGE_TOLERANCE && (e.lines.0..=e.lines.1).contains(&k)
                });
                let label = i > 0 && is_band_label(&g[i - 1].text, &w.text);
                // A band's label is the whole of its cell: the word after its closed range
                // begins the next cell, however narrow the gap (labels filling their cells),
                // when it begins a label (a capital, or the next band's value and range); a
                // sentence goes on in lowercase ("100 /90-100/ хувийн биелэлттэй: 3").
                let next_label = w.text.chars().next().is_some_and(char::is_uppercase)
                    || g.get(i + 1)
                        .is_some_and(|r| is_band_label(&w.text, &r.text));
                let after_label = i > 1
                    && next_label
                    && is_band_label(&g[i - 2].text, &g[i - 1].text)
                    && g[i - 1].text.ends_with(['/', ')']);
                match runs.last_mut() {
                    Some(r) if label && w.x0 - r.x1 < 0.8 * size => r.x1 = r.x1.max(w.x1),
                    Some(r) if after_label && w.x0 - r.x1 >= MIN_GUTTER * size => {
                        runs.push(Run { x0: w.x0, x1: w.x1 })
                    }
                    Some(r) if w.x0 - r.x1 < wide && !(at_edge && w.x0 > r.x1) => {
                        r.x1 = r.x1.max(w.x1)
                    }
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

/// A band's value and its range, one label of a summary table's header ("100 /90-100/",
/// "70 (60-69)"): producers set the space before the range wider than a word space, and the
/// label must stay one run.
fn is_band_label(value: &str, range: &str) -> bool {
    static RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[/(]\s*\d{1,3}\s*%?\s*-").expect("valid regex")
    });
    value.trim_end_matches('%').parse::<f64>().is_ok() && RANGE.is_match(range)
}

/// How far apart two words may start and still share a left edge, in points.
const EDGE_TOLERANCE: f64 = 0.4;

/// A column's left edge: an x and the lines (first, last, as indexes) it holds over.
struct Edge {
    x: f64,
    lines: (usize, usize),
}

/// Left edges of columns: an x where words of three lines or more start, over a stretch of
/// lines of one font size none of whose words crosses it, and where the text before it ends ragged. A cell
/// without padding may end a word's space before the next cell's text; the shared edge still
/// tells the columns apart. (The words after a row's code, "1.1. Орон", or after a list's
/// "Зорилт 1.1.", share an edge too, but what comes before them ends at one x.)
fn left_edges(groups: &[Vec<&Word>]) -> Vec<Edge> {
    let mut starts: Vec<(f64, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(k, g)| g.iter().map(move |w| (w.x0, k)))
        .collect();
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut edges: Vec<Edge> = Vec::new();
    let mut i = 0;
    while i < starts.len() {
        let mut j = i;
        while j + 1 < starts.len() && starts[j + 1].0 - starts[i].0 <= EDGE_TOLERANCE {
            j += 1;
        }
        let x = starts[i].0;
        let mut lines: Vec<usize> = starts[i..=j].iter().map(|s| s.1).collect();
        lines.sort_unstable();
        lines.dedup();
        i = j + 1;
        if lines.len() < 3 {
            continue;
        }
        // Stretches between lines with a word across x.
        let crosses = |k: usize| {
            groups[k]
                .iter()
                .any(|w| w.x0 < x - EDGE_TOLERANCE && w.x1 > x + EDGE_TOLERANCE)
        };
        let mut stretch: Vec<usize> = Vec::new();
        // Where the text before the edge ends on each line: ragged in a column of cells, the
        // same on every line of a list whose items share a prefix ("Зорилт 1.1. …").
        let end_before = |k: usize| {
            groups[k]
                .iter()
                .filter(|w| w.x1 <= x + EDGE_TOLERANCE && w.x0 < x - EDGE_TOLERANCE)
                .map(|w| (w.x1, w.font_size))
                .max_by(|a, b| a.0.total_cmp(&b.0))
        };
        let ragged = |stretch: &[usize]| {
            let ends: Vec<(f64, f64)> = stretch.iter().filter_map(|&k| end_before(k)).collect();
            let lo = ends.iter().map(|e| e.0).fold(f64::INFINITY, f64::min);
            let hi = ends.iter().map(|e| e.0).fold(f64::NEG_INFINITY, f64::max);
            ends.len() >= 2 && hi - lo >= 0.5 * ends[0].1
        };
        // The same phrase on (nearly) every line ("100 хувь" in a score column): its second
        // word starts at one x, after the same first word a word space before it. One cell,
        // not two. (A cell filled to the next column's edge may end in the same word on a
        // few lines.)
        let repeated = |stretch: &[usize]| {
            let pairs: Vec<(&str, &str, f64)> = stretch
                .iter()
                .filter_map(|&k| {
                    let at = groups[k]
                        .iter()
                        .find(|w| (w.x0 - x).abs() <= EDGE_TOLERANCE)?;
                    let before = groups[k]
                        .iter()
                        .filter(|w| w.x1 <= x + EDGE_TOLERANCE && x - w.x1 < w.font_size)
                        .max_by(|a, b| a.x1.total_cmp(&b.x1))?;
                    Some((before.text.as_str(), at.text.as_str(), before.x1))
                })
                .collect();
            pairs.len() >= 3
                && 4 * pairs.len() >= 3 * stretch.len()
                && pairs.iter().all(|p| {
                    p.0 == pairs[0].0 && p.1 == pairs[0].1 && (p.2 - pairs[0].2).abs() <= 0.5
                })
        };
        let mut flush = |stretch: &mut Vec<usize>| {
            if stretch.len() >= 3 && ragged(stretch) && !repeated(stretch) {
                edges.push(Edge {
                    x,
                    lines: (stretch[0], stretch[stretch.len() - 1]),
                });
            }
            stretch.clear();
        };
        // Lines of another font size (a title over the table) are not the table's. A line's
        // size is its middle word's: OCR sizes a lone word by its box, which a "%" or a speck
        // makes a line taller ("30%" sized 17 pt on a line of 10).
        let size = |k: usize| {
            let mut sizes: Vec<f64> = groups[k].iter().map(|w| w.font_size).collect();
            sizes.sort_by(f64::total_cmp);
            sizes.get(sizes.len() / 2).copied().unwrap_or(0.0)
        };
        let mut prev = lines[0];
        for &k in &lines {
            let other_size = stretch
                .first()
                .is_some_and(|&f| (size(k) - size(f)).abs() > 0.1 * size(f));
            if (prev..k).any(crosses) || other_size {
                flush(&mut stretch);
            }
            stretch.push(k);
            prev = k;
        }
        flush(&mut stretch);
    }
    edges
}

/// Where a table's columns are.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Columns {
    /// Column boundaries: the table's left edge, one between each two columns, its right edge.
    pub(super) xs: Vec<f64>,
    /// The free strip around each inner boundary: text of the table's next rows (on the next
    /// page) may reach into it but not across it.
    pub(super) gutters: Vec<Gutter>,
}

impl Columns {
    /// Columns drawn as rules: a boundary is the rule itself.
    pub(super) fn of_rules(xs: &[f64]) -> Self {
        Columns {
            xs: xs.to_vec(),
            gutters: xs[1..xs.len() - 1]
                .iter()
                .map(|x| (x - 1.0, x + 1.0))
                .collect(),
        }
    }

    /// Columns found from whitespace between rules (a table of row rules): each inner
    /// boundary's gutter is the white strip it stands in among `words`, the grid's (at least
    /// a point either side, at most half an em: a wider strip would let prose under the
    /// table fit). A scanned page lies a point or two off the page before: text of the
    /// table's rows may reach past the middle of a gap, not across it.
    pub(super) fn of_gaps(xs: &[f64], words: &[&Word]) -> Self {
        let mut sizes: Vec<f64> = words.iter().map(|w| w.font_size).collect();
        sizes.sort_by(f64::total_cmp);
        let reach = sizes
            .get(sizes.len() / 2)
            .map_or(1.0, |s| (0.5 * s).max(1.0));
        let gutters = xs[1..xs.len() - 1]
            .iter()
            .map(|&x| {
                // Words across the boundary (OCR glued two cells' words) are left out.
                let left = words
                    .iter()
                    .filter(|w| w.x1 <= x)
                    .map(|w| w.x1)
                    .fold(f64::NEG_INFINITY, f64::max);
                let right = words
                    .iter()
                    .filter(|w| w.x0 >= x)
                    .map(|w| w.x0)
                    .fold(f64::INFINITY, f64::min);
                (
                    left.min(x - 1.0).max(x - reach),
                    right.max(x + 1.0).min(x + reach),
                )
            })
            .collect();
        Columns {
            xs: xs.to_vec(),
            gutters,
        }
    }

    /// The same columns as `other` (within a few points)?
    pub(super) fn same_as(&self, other: &Columns) -> bool {
        self.xs.len() == other.xs.len()
            && self
                .xs
                .iter()
                .zip(&other.xs)
                .all(|(a, b)| (a - b).abs() < 3.0)
    }

    /// Where `part`'s columns stand among these: for each of its columns, the index of the
    /// column here that starts where it starts. `None` unless every boundary of `part` is one
    /// of these (rows under cells merged down the first columns are drawn from the first
    /// column they fill).
    pub(super) fn place(&self, part: &Columns) -> Option<Vec<usize>> {
        let at = |x: f64| self.xs.iter().position(|b| (b - x).abs() < 3.0);
        let idx: Vec<usize> = part.xs.iter().map(|&x| at(x)).collect::<Option<_>>()?;
        (idx.windows(2).all(|w| w[0] < w[1]) && idx.len() >= 2)
            .then(|| idx[..idx.len() - 1].to_vec())
    }
}

/// A table found on a page by alignment, with its geometry.
pub(super) struct PlacedTable {
    pub(super) top: f64,
    pub(super) table: Table,
    pub(super) columns: Columns,
    /// Row bounds: each row's top, then the last row's bottom.
    pub(super) ys: Vec<f64>,
}

/// Columns of a table that may go on among the words: from the first line below `below`, lines
/// whose words stay inside these columns continue it.
#[derive(Debug, Clone)]
pub(super) struct Carry {
    pub(super) below: f64,
    pub(super) columns: Columns,
    /// The continuation must run to the page's last line (the rest of a row the page end cut).
    pub(super) to_page_end: bool,
    /// The table draws a rule between its rows: what it takes (under its last rule to the
    /// page's end, or from the page's top to its first rule) is one row, the rest of a row the
    /// page break cut, whatever gaps its cells' paragraphs leave.
    pub(super) one_row: bool,
    /// The cut row ends above this line (the first rule of the table on this page); rows
    /// below it are rows of their own.
    pub(super) until: Option<f64>,
}

/// A free strip between two columns, (left, right).
pub(super) type Gutter = (f64, f64);

/// A gap between the first line's runs, as the lines below narrow it: strips (a word inside a
/// wide gap splits it: a narrow column's text, or centred labels over wider columns), and how
/// many lines had words on both sides of it.
#[derive(Debug, Clone)]
struct Family {
    strips: Vec<Gutter>,
    support: usize,
}

/// Strips less what a run covers, those narrower than `min_gap` (or empty) dropped.
fn less(strips: Vec<Gutter>, run: &Run, min_gap: f64) -> Vec<Gutter> {
    strips
        .into_iter()
        .flat_map(|(p0, p1)| {
            if run.x1 <= p0 || run.x0 >= p1 {
                vec![(p0, p1)]
            } else {
                vec![(p0, run.x0), (run.x1, p1)]
            }
        })
        .filter(|(p0, p1)| p1 - p0 >= min_gap && p1 > p0)
        .collect()
}

/// The gutters left after a line's runs: each strip less the runs' extents, strips narrower
/// than `min_gap` dropped. A family no strip of which is left is a column boundary the line
/// crosses: `None`, unless it was a gap no other line had confirmed (two words of one cell set
/// wide apart) and the line keeps most families; then the family is dropped.
fn narrow(
    gutters: &[Family],
    line: &AlignedLine,
    min_gap: f64,
    by_words: bool,
) -> Option<Vec<Family>> {
    let words: Vec<Run> = line
        .words
        .iter()
        .map(|w| Run { x0: w.x0, x1: w.x1 })
        .collect();
    // A line of column numbers crosses a gap where OCR glued two of its numbers ("1 2" as
    // "17,", "1БРЧУЛ", "152"): only its clean numbers narrow the gaps, and it drops none. A
    // column's number is at most the line's count of numbers and a glued or lost one or two.
    let numbers = numbers_line(line);
    let most = line.words.len() + 2;
    let clean: Vec<Run> = line
        .words
        .iter()
        .filter(|_| numbers)
        .filter(|w| {
            w.text.len() <= 3
                && w.text.chars().all(|c| c.is_ascii_digit())
                && w.text.parse::<usize>().is_ok_and(|n| n <= most)
        })
        .map(|w| Run { x0: w.x0, x1: w.x1 })
        .collect();
    // A word a little more than a space after the one before it, starting where the column's
    // text starts on the lines above (the gutter's right edge): a cell's text, come close to
    // its neighbour's, not a word space that happens to fall in the gutter.
    // A code ("4.1.") starts the text after it, in a cell or in the evaluation's list
    // ("Зорилт 4.1. Албан …"): it never ends a cell.
    let starts_a_cell = |family: &Family| {
        line.words.windows(2).any(|p| {
            p[1].x0 - p[0].x1 >= min_gap
                && !is_code(&p[0].text)
                && family
                    .strips
                    .iter()
                    .any(|g| (p[1].x0 - g.1).abs() <= CELL_EDGE)
        })
    };
    let mut out = Vec::new();
    let mut killed = 0;
    for family in gutters {
        let mut strips = family.strips.clone();
        // Runs, not words, while the columns are being found: word spaces that happen to line
        // up with a gutter do not make a prose line fit them. Words in columns carried from
        // above, or where a word starts a cell at a gutter a line has confirmed: text filling
        // a cell may come closer to the next cell's than a wide space.
        let pieces = if numbers {
            &clean
        } else if by_words || family.support >= 1 && starts_a_cell(family) {
            &words
        } else {
            &line.runs
        };
        for w in pieces {
            strips = less(strips, w, min_gap);
        }
        if strips.is_empty() && numbers {
            out.push(family.clone());
            continue;
        }
        if strips.is_empty() {
            // Only a row's runs may drop a family: a single run across a gap is a row
            // spanning the columns, or prose.
            if family.support >= 2 || line.runs.len() < 2 {
                return None;
            }
            killed += 1;
            continue;
        }
        let both_sides = line.runs.iter().any(|r| r.x1 <= strips[0].0)
            && line.runs.iter().any(|r| r.x0 >= strips[strips.len() - 1].1);
        out.push(Family {
            strips,
            support: family.support.saturating_add(usize::from(both_sides)),
        });
    }
    (2 * killed <= gutters.len() && out.len() >= 2).then_some(out)
}

/// A line of three numbers or more and nothing else (the row of column numbers under a
/// header), as OCR reads it: short words with a digit, or marks of one or two characters.
fn numbers_line(line: &AlignedLine) -> bool {
    let numeric = |w: &&&Word| {
        w.text.chars().any(|c| c.is_ascii_digit()) && !w.text.chars().any(char::is_alphabetic)
    };
    line.words.len() >= 3
        && 2 * line.words.iter().filter(numeric).count() >= line.words.len()
        && line.words.iter().all(|w| {
            let n = w.text.chars().count();
            n <= 8 && (n <= 2 || w.text.chars().any(|c| c.is_ascii_digit()))
        })
}

/// Fit a header line found above a table to its columns: each gutter keeps the widest part
/// the line's runs leave free, and its boundary moves to that part's middle (a label may be
/// wider than its column's values). False, and nothing changed, when a run fills a gutter or a
/// word stands outside the table. A label in the first or the last column may overhang the
/// table's edge by two of its sizes (a cell narrower than its longest word: LibreOffice squeezes
/// a table wider than the page so).
fn fit_above(region: &mut Region, line: &AlignedLine) -> bool {
    let n = region.xs.len();
    let (left, right) = (region.xs[0], region.xs[n - 1]);
    let overhang = |w: &Word| 2.0 * w.font_size;
    if line.words.iter().any(|w| {
        (w.x0 < left - 3.0 && (w.x1 > region.xs[1] || w.x0 < left - overhang(w)))
            || (w.x1 > right + 3.0 && (w.x0 < region.xs[n - 2] || w.x1 > right + overhang(w)))
    }) {
        return false;
    }
    let mut gutters = Vec::with_capacity(region.gutters.len());
    for &(a, b) in &region.gutters {
        let mut strips = vec![(a, b)];
        for r in &line.runs {
            strips = less(strips, r, 0.0);
        }
        match strips
            .into_iter()
            .max_by(|x, y| (x.1 - x.0).total_cmp(&(y.1 - y.0)))
        {
            Some(g) => gutters.push(g),
            None => return false,
        }
    }
    for (k, g) in gutters.iter().enumerate() {
        region.xs[k + 1] = (g.0 + g.1) / 2.0;
    }
    region.gutters = gutters;
    true
}

/// The lines of a table: from `start`, while lines fit the columns. Returns the end (exclusive),
/// the column boundaries and which lines span columns.
struct Region {
    end: usize,
    xs: Vec<f64>,
    spanning: Vec<bool>,
    /// The free strip around each inner boundary.
    gutters: Vec<Gutter>,
    /// The table goes on from the page before: its first rows may belong to cells merged
    /// down from there.
    continues: bool,
}

/// How far a table found from gutters goes, starting at line `start` (a line of three runs).
fn grow_free(lines: &[AlignedLine], start: usize) -> Option<Region> {
    let first = &lines[start];
    let size = first.size;
    let min_gap = MIN_GUTTER * size;
    // A header whose labels are centred vertically stands on several overlapping lines: its
    // runs are theirs together.
    let mut header = start + 1;
    while header < lines.len() && lines[header].top < lines[header - 1].bottom {
        header += 1;
    }
    let mut union: Vec<Run> = lines[start..header]
        .iter()
        .flat_map(|l| l.runs.iter().cloned())
        .collect();
    union.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut runs: Vec<Run> = Vec::new();
    for r in union {
        match runs.last_mut() {
            Some(last) if r.x0 < last.x1 + min_gap => last.x1 = last.x1.max(r.x1),
            _ => runs.push(r),
        }
    }
    let mut gutters: Vec<Family> = runs
        .windows(2)
        .map(|w| Family {
            strips: vec![(w[0].x1, w[1].x0)],
            support: 0,
        })
        .collect();
    let mut left = runs[0].x0;
    let mut right = runs[runs.len() - 1].x1;
    let mut spanning = vec![false];
    let mut j = start + 1;
    while j < lines.len() {
        let l = &lines[j];
        let gap = l.top - lines[j - 1].bottom;
        // Under the header, a line of column numbers ("1 2 3 …") that OCR skipped (lone
        // digits) leaves two rows' padding and a line: the first row still belongs, when its
        // words fit the header's columns and stand in two of them at least (on its line or on
        // lines overlapping it: cells centred vertically).
        let lost_numbers = j == header
            && gap <= (2.0 * MAX_ROW_GAP + 1.5) * l.size
            && narrow(&gutters, l, min_gap, false).is_some()
            && lines[j..]
                .iter()
                .take_while(|o| o.top < l.bottom)
                .flat_map(|o| &o.runs)
                .map(|r| gutters.iter().filter(|f| f.strips[0].1 <= r.x0).count())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                >= 2;
        if gap > MAX_ROW_GAP * l.size && !lost_numbers {
            break;
        }
        if let Some(g) = narrow(&gutters, l, min_gap, false) {
            gutters = g;
            left = left.min(l.words[0].x0);
            right = right.max(l.runs[l.runs.len() - 1].x1);
            spanning.push(false);
            j += 1;
            continue;
        }
        // A row spanning the columns starts at the table's left edge, and the table goes on
        // below it, with a line of two runs or more that fits the columns (a short line in the
        // first column may be prose); or its last words stand in the last column (a label row
        // with its figure).
        // Prose under the table starts at the page's margin, left of the cells' text (their
        // padding), and a heading is set larger than the table's text.
        let at_left = (l.words[0].x0 - left).abs() <= 0.5 * size
            && l.words[0].x0 >= left - 0.2 * size
            && l.size <= 1.1 * size;
        let last_gutter = gutters
            .last()
            .and_then(|f| f.strips.last())
            .map_or(f64::INFINITY, |g| g.1);
        let label_row = is_label_row(l, left, last_gutter, right);
        let goes_on = (j + 1..lines.len().min(j + 4))
            .take_while(|&k| lines[k].top - lines[k - 1].bottom <= MAX_ROW_GAP * size)
            .find(|&k| {
                lines[k].runs.len() >= 2 && narrow(&gutters, &lines[k], min_gap, false).is_some()
            })
            .is_some_and(|k| (j + 1..k).all(|m| (lines[m].words[0].x0 - left).abs() <= size));
        if at_left && (goes_on || label_row) {
            spanning.push(true);
            j += 1;
            continue;
        }
        if garbled_by_ocr(lines, j, left, size, |l| {
            narrow(&gutters, l, min_gap, false).is_some()
        }) {
            spanning.push(false);
            j += 1;
            continue;
        }
        break;
    }
    if gutters.len() < 2 {
        return None;
    }
    // A gap left in several strips holds words between them that no line crossed: either
    // sub-columns under a label spanning them (a line, the sub-labels' or a row's, has text
    // on both sides of the strip within the gap), or a column's short values under its
    // centred label, which no line flanks on both sides. A strip is a boundary where a line
    // flanks it; when none does, the one where most cells start their text (then the widest).
    let table_lines = &lines[start..j];
    let strips: Vec<Gutter> = gutters
        .iter()
        .flat_map(|f| {
            // On one line, text ends just before strip k (after the strip before it; for the
            // first, within two ems) and text starts just after it (before the next strip; for
            // the last, within two ems).
            let flanked = |k: usize| {
                let g = f.strips[k];
                let prev_edge = if k == 0 {
                    g.0 - 2.0 * size
                } else {
                    f.strips[k - 1].1
                };
                let next_edge = f.strips.get(k + 1).map_or(g.1 + 2.0 * size, |n| n.0);
                let ends_before = |l: &AlignedLine| {
                    l.runs.iter().any(|r| {
                        r.x1 <= g.0 + 1.0
                            && r.x1 >= prev_edge - 1.0
                            && (k == 0 || r.x0 >= prev_edge - 1.0)
                    })
                };
                let starts_after = |l: &AlignedLine| {
                    l.runs
                        .iter()
                        .any(|r| r.x0 >= g.1 - 1.0 && r.x0 <= next_edge + 1.0)
                };
                // On one line, or on two lines less than a line apart (cells centred
                // vertically set their lines at different heights).
                table_lines.iter().filter(|l| ends_before(l)).any(|a| {
                    table_lines.iter().any(|b| {
                        starts_after(b)
                            && ((a.top + a.bottom) - (b.top + b.bottom)).abs() / 2.0 < 0.75 * a.size
                    })
                })
            };
            // Lines starting their text at the strip; a label wrapped over several lines
            // counts once, as one value does. A header of labels centred on overlapping lines
            // does not count: labels are often centred over a column whose values start at
            // its left edge.
            let labels = if header - start >= 2 {
                header - start
            } else {
                0
            };
            let starts_on = |g: &Gutter| {
                let at = |l: &AlignedLine| l.runs.iter().any(|r| (r.x0 - g.1).abs() <= 1.5);
                (labels.min(table_lines.len())..table_lines.len())
                    .filter(|&k| at(&table_lines[k]))
                    .filter(|&k| {
                        k == labels
                            || !at(&table_lines[k - 1])
                            || table_lines[k].top - table_lines[k - 1].bottom > 0.6 * size
                    })
                    .count()
            };
            let kept: Vec<Gutter> = (0..f.strips.len())
                .filter(|&k| flanked(k))
                .map(|k| f.strips[k])
                .collect();
            if kept.is_empty() {
                f.strips
                    .iter()
                    .copied()
                    .max_by(|a, b| {
                        starts_on(a)
                            .cmp(&starts_on(b))
                            .then((a.1 - a.0).total_cmp(&(b.1 - b.0)))
                    })
                    .into_iter()
                    .collect()
            } else {
                kept
            }
        })
        .collect();
    let mut strips = strips;
    // Rows spanning the columns cross every gutter.
    let row_lines: Vec<&AlignedLine> = table_lines
        .iter()
        .zip(&spanning)
        .filter(|(_, s)| !**s)
        .map(|(l, _)| l)
        .collect();
    let (first, last) = (strips[0].0, strips[strips.len() - 1].1);
    if let Some(s) = edge_gutter(&row_lines, (left, runs[0].x0), first, min_gap) {
        strips.insert(0, s);
    }
    if let Some(s) = edge_gutter(&row_lines, (runs[runs.len() - 1].x1, right), last, min_gap) {
        strips.push(s);
    }
    let mut xs = vec![left - 1.0];
    xs.extend(strips.iter().map(|(a, b)| (a + b) / 2.0));
    xs.push(right + 1.0);
    Some(Region {
        end: j,
        xs,
        spanning,
        gutters: strips,
        continues: false,
    })
}

/// Lines of a table needed on each side of a column boundary found outside its first line.
const EDGE_LINES: usize = 3;

/// A gutter in `zone`, the part of a table beyond its first line's text (its left or right
/// edge to where that line's text starts or ends): a table that starts with the rest of a row
/// cut by the page break has no text in its first or last column on that line (the row's
/// number, its score), and those columns' gutters cannot come from it. The widest strip of
/// the zone no line's run covers, with text of `EDGE_LINES` lines at least on each side of it:
/// beyond it (toward the table's edge) and in the column next to it, which ends at `inner`
/// (the first gutter found from the first line, or the last).
fn edge_gutter(
    lines: &[&AlignedLine],
    zone: (f64, f64),
    inner: f64,
    min_gap: f64,
) -> Option<Gutter> {
    if zone.1 - zone.0 < min_gap {
        return None;
    }
    let mut strips = vec![zone];
    for r in lines.iter().flat_map(|l| &l.runs) {
        strips = less(strips, r, min_gap);
    }
    let on_left = inner > zone.1;
    let lines_with =
        |test: &dyn Fn(&Run) -> bool| lines.iter().filter(|l| l.runs.iter().any(test)).count();
    strips
        .into_iter()
        .filter(|g| {
            let before = lines_with(&|r| r.x1 <= g.0 + 0.5 && (on_left || r.x0 >= inner));
            let after = lines_with(&|r| r.x0 >= g.1 - 0.5 && (!on_left || r.x1 <= inner));
            before >= EDGE_LINES && after >= EDGE_LINES
        })
        .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
}

/// Whether line `j`, which crosses the table's gutters, is a line of its rows that OCR
/// garbled (Tesseract reads pieces of two cells' lines at near heights as one line, "Улирал р
/// бүр үр х худалд ан ав"), not the end of the table: a scan's line of several runs starting
/// inside the table (prose starts at its left edge or the margin), of the table's size, with
/// a line of two runs or more that fits the gutters one or two lines below.
fn garbled_by_ocr(
    lines: &[AlignedLine],
    j: usize,
    left: f64,
    size: f64,
    fits: impl Fn(&AlignedLine) -> bool,
) -> bool {
    let row_like = |l: &AlignedLine| {
        l.words.iter().all(|w| w.baseline.is_none())
            && l.runs.len() >= 2
            && l.words[0].x0 > left + size
            && l.size <= 1.1 * size
    };
    if !row_like(&lines[j]) {
        return false;
    }
    (j + 1..lines.len().min(j + 3))
        .take_while(|&k| lines[k].top - lines[k - 1].bottom <= MAX_ROW_GAP * size)
        .find(|&k| lines[k].runs.len() >= 2 && fits(&lines[k]))
        .is_some_and(|k| (j + 1..k).all(|m| fits(&lines[m]) || row_like(&lines[m])))
}

/// A row spanning the columns with a label at the left edge and its figure in the last
/// column, which starts after `last_gutter` ("Дундаж үнэлгээ … 89").
fn is_label_row(l: &AlignedLine, left: f64, last_gutter: f64, right: f64) -> bool {
    let last = &l.runs[l.runs.len() - 1];
    l.runs.len() >= 2
        && (l.words[0].x0 - left).abs() <= 0.5 * l.size
        && last.x0 >= last_gutter - 1.0
        && last.x1 <= right + l.size
}

/// How far a carried table goes on from line `start`: while no line's run fills one of its
/// gutters. Its boundaries on this page are the middles of what its lines left of the gutters
/// (the text of these rows may reach further into a gutter than the rows above did).
fn grow_carried(lines: &[AlignedLine], start: usize, columns: &Columns) -> Region {
    let mut gutters: Vec<Family> = columns
        .gutters
        .iter()
        .map(|g| Family {
            strips: vec![*g],
            support: usize::MAX,
        })
        .collect();
    let (left, right) = (columns.xs[0], columns.xs[columns.xs.len() - 1]);
    let last_gutter = columns.gutters.last().map_or(f64::INFINITY, |g| g.1);
    let mut spanning = Vec::new();
    // Whether a line taken so far holds text in two columns or more (a row, not a list).
    let mut after_rows = false;
    let mut j = start;
    while j < lines.len() {
        let l = &lines[j];
        if j > start && l.top - lines[j - 1].bottom > MAX_ROW_GAP * l.size {
            break;
        }
        let outside = l
            .words
            .iter()
            .any(|w| w.x0 < left - 3.0 || w.x1 > right + 3.0);
        // Prose under the table: one run across half its width; or, under rows of several
        // columns, a line in the first column alone that starts a sentence (a list under a
        // summary table whose first column is wide), not a row's number nor a cell's first
        // line with the row's other cells just below.
        let prose = l.runs.len() == 1 && l.runs[0].x1 - l.runs[0].x0 > 0.5 * (right - left);
        let in_first = l.words.iter().all(|w| w.x1 <= columns.xs[1] + 1.0);
        let text: String = l
            .words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let starts_sentence = text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        // A cell centred on a taller one sets its first line (or first few, the taller
        // cell's lines going on in the first column) alone above the row's others.
        let beside_cells = {
            let mut k = j;
            loop {
                let Some(next) = lines.get(k + 1).filter(|_| k < j + 3) else {
                    break false;
                };
                if next.top - lines[k].bottom >= 0.5 * l.size {
                    break false;
                }
                if next.words.iter().any(|w| w.x0 > columns.xs[1] - 1.0) {
                    break true;
                }
                k += 1;
            }
        };
        let list =
            in_first && starts_sentence && after_rows && !one_per_row(&text) && !beside_cells;
        match narrow(&gutters, l, 0.5, true) {
            Some(g) if !outside && !prose && !list => {
                gutters = g;
                spanning.push(false);
            }
            // A label row with its figure in the last column ("Дундаж үнэлгээ … 89") ends
            // the table.
            _ if !outside && is_label_row(l, left, last_gutter, right) => {
                spanning.push(true);
                j += 1;
                break;
            }
            _ if !outside
                && garbled_by_ocr(lines, j, left, l.size, |o| {
                    narrow(&gutters, o, 0.5, true).is_some()
                }) =>
            {
                spanning.push(false);
            }
            _ => break,
        }
        let first = l.words.first().map(|w| column_of(&columns.xs, w.cx()));
        after_rows |= l
            .words
            .iter()
            .any(|w| Some(column_of(&columns.xs, w.cx())) != first);
        j += 1;
    }
    let mut xs = vec![left];
    xs.extend(gutters.iter().map(|f| {
        let (a, b) = (f.strips[0].0, f.strips[f.strips.len() - 1].1);
        (a + b) / 2.0
    }));
    xs.push(right);
    Region {
        end: j,
        xs,
        spanning,
        gutters: gutters
            .iter()
            .map(|f| (f.strips[0].0, f.strips[f.strips.len() - 1].1))
            .collect(),
        continues: true,
    }
}

/// Column of `x` between the boundaries.
fn column_of(xs: &[f64], x: f64) -> usize {
    xs[1..xs.len() - 1]
        .iter()
        .position(|b| x < *b)
        .unwrap_or(xs.len() - 2)
}

/// A row number ("1", "2.", "1.3") or a score ("95", "97,5", "95%"): one per row.
fn one_per_row(text: &str) -> bool {
    // A number ("95", "95.0", "95%", "95 хувь": percent) or a not-due mark ("/-/", "ХБ":
    // хугацаа болоогүй, not yet due), as a score cell holds them.
    static ONE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:\d{1,3}(?:[.,]\d{1,2})*\.?\s*(?:%|хувь)?|/\s*(?:-|ХБ)\s*/|ХБ)$")
            .expect("valid regex")
    });
    ONE.is_match(text.trim())
}

/// The rows of a region and their cells.
fn rows_of(
    lines: &[AlignedLine],
    region_start: usize,
    region: &Region,
    source: &Source,
    page_lead: Option<f64>,
) -> (Vec<Row>, Vec<f64>, Vec<usize>) {
    let xs = &region.xs;
    let n = xs.len() - 1;
    let region_lines = &lines[region_start..region.end];
    // Each line's words by column (a spanning line's words go to the column where their run
    // starts, its first run to the first column).
    let by_col: Vec<Vec<Vec<&Word>>> = region_lines
        .iter()
        .zip(&region.spanning)
        .map(|(l, &span)| {
            let mut cells: Vec<Vec<&Word>> = vec![Vec::new(); n];
            for w in &l.words {
                let x = if span {
                    l.runs
                        .iter()
                        .find(|r| w.x0 >= r.x0 - 0.1 && w.x0 <= r.x1)
                        .map_or(w.x0, |r| r.x0)
                } else {
                    w.cx()
                };
                cells[column_of(xs, x)].push(w);
            }
            cells
        })
        .collect();
    let text_of = |ws: &[&Word]| -> String {
        ws.iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Row starts: after a vertical gap, a line with text in the first or last column or in
    // three columns; a spanning line and the line after it; a second row number or score in
    // the first or last column (rows without padding have no gap between them).
    // A row gap is wider than the gap between the lines of one cell by the cells' padding: the
    // lead is measured where a cell's text wraps (a line going on in lowercase under text of
    // the same column).
    // The gap above line `k` when it goes on with the text of a column (starts in lowercase
    // under text of that column): measured from the column's previous line, which is not the
    // line just above when cells centred vertically put their lines at different heights.
    let wrap_gap = |k: usize| -> Option<f64> {
        (0..n)
            .filter(|&c| {
                by_col[k][c]
                    .first()
                    .and_then(|w| w.text.chars().next())
                    .is_some_and(char::is_lowercase)
            })
            .filter_map(|c| {
                let j = (0..k).rev().find(|&j| !by_col[j][c].is_empty())?;
                let gap = region_lines[k].top - region_lines[j].bottom;
                (j + 1 == k || gap <= 0.55 * region_lines[k].size).then_some(gap)
            })
            .min_by(f64::total_cmp)
    };
    let wraps = |k: usize| wrap_gap(k).is_some();
    let mut leads: Vec<f64> = (1..region_lines.len()).filter_map(wrap_gap).collect();
    leads.sort_by(f64::total_cmp);
    // A table none of whose cells wraps (rows of one line) takes the page's lead.
    let lead = leads.get(leads.len() / 2).copied().or(page_lead);
    let row_gap = |size: f64| match lead {
        Some(lead) => (lead + 0.15 * size).min(0.55 * size),
        None => 0.55 * size,
    };
    let hit = |k: usize| -> Vec<usize> { (0..n).filter(|&c| !by_col[k][c].is_empty()).collect() };
    let at_edge = |k: usize| {
        let h = hit(k);
        h.contains(&0) || h.contains(&(n - 1))
    };
    // A line of figures alone at the table's edges (an objective's number, its score) with a
    // cell between them going on above and below it stands beside that cell's paragraphs:
    // centred on its row, not the top of one (the top line of a row set at the top holds its
    // cells' first lines).
    let figure_between = |k: usize| {
        let h = hit(k);
        !h.is_empty()
            && h.iter()
                .all(|&c| (c == 0 || c == n - 1) && one_per_row(&text_of(&by_col[k][c])))
            && k > 0
            && k + 1 < region_lines.len()
            && (1..n.saturating_sub(1))
                .any(|c| !by_col[k - 1][c].is_empty() && !by_col[k + 1][c].is_empty())
    };
    let gap_above = |k: usize| {
        if k == 0 {
            f64::INFINITY
        } else {
            region_lines[k].top - region_lines[k - 1].bottom
        }
    };
    // Blank bands across the whole table. Below one, a row whose cells are centred vertically
    // begins with its tallest cell's first line, which need not reach the first or last column:
    // between two lines at the table's edges (a number or a score) the widest band starts the
    // row of the second (the last of equal ones), unless that line starts its row itself below
    // a band (a row set at the top; the bands before it part a tall cell's paragraphs). The
    // paragraphs of a cell of several measures are nearer each other than rows are. Above the
    // first such line, the table's top starts a row (a page going on in the middle of a row,
    // whose number stands lower): a band there starts another only as wide as the table's
    // widest (a row's, not a paragraph's inside the row the page began in).
    let bands: Vec<usize> = (1..region_lines.len())
        .filter(|&k| gap_above(k) > row_gap(region_lines[k].size) && !wraps(k))
        .collect();
    let widest_band = bands
        .iter()
        .map(|&b| gap_above(b))
        .fold(f64::NEG_INFINITY, f64::max);
    // Bands between rows are alike (the cells' padding below and above); a band between a
    // cell's paragraphs is narrower. The second widest band, not the widest: one band may be
    // wider than a row's (an empty line, the header's).
    let row_band = {
        let mut widths: Vec<f64> = bands
            .iter()
            .filter(|&&b| !region.spanning[b] && !region.spanning[b - 1])
            .map(|&b| gap_above(b))
            .collect();
        widths.sort_by(|a, b| b.total_cmp(a));
        widths.get(1).or(widths.first()).copied().unwrap_or(0.0)
    };
    let edge_lines: Vec<usize> = (0..region_lines.len()).filter(|&k| at_edge(k)).collect();
    let centred_start = |k: usize| {
        if bands.binary_search(&k).is_err() {
            return false;
        }
        let i = edge_lines.partition_point(|&e| e < k);
        let Some(&edge) = edge_lines.get(i) else {
            return false;
        };
        if edge != k && bands.binary_search(&edge).is_ok() && !figure_between(edge) {
            return false;
        }
        let same = 0.15 * region_lines[k].size;
        if i == 0 && gap_above(k) < widest_band - same {
            return false;
        }
        let after = if i == 0 { 0 } else { edge_lines[i - 1] + 1 };
        bands
            .iter()
            .filter(|&&b| b >= after && b <= edge && b != k)
            .all(|&b| {
                gap_above(b) < gap_above(k) - same || (b < k && gap_above(b) <= gap_above(k) + same)
            })
    };
    // A band above line `j` blank in every column that has text both in the row begun at
    // `last` above it and below it (two columns at least), but for columns left of all of
    // those: cells merged down an objective's rows (its number, its activity) stand left of
    // the cells they group, centred on their rows and so across the band. `Some((blank, cut,
    // own))` when the band is there: how many columns it is blank in, whether line `j` holds
    // text of such a cell, and whether it holds text of a column the band is blank in (the
    // row's own cells begin there).
    let band_but_merged = |last: usize, j: usize| -> Option<(usize, bool, bool)> {
        let holds = |i: usize, c: usize| !by_col[i][c].is_empty();
        let number_at = |i: usize, c: usize| one_per_row(&text_of(&by_col[i][c]));
        let mut clear = Vec::new();
        let mut crossing = Vec::new();
        for c in 0..n {
            // An objective's number above (one short line, centred on its rows) tells nothing
            // of the band: the next number is the next objective's, rows below.
            let numbered = (last..j)
                .rev()
                .find(|&i| holds(i, c))
                .is_some_and(|i| c == 0 && number_at(i, c));
            if numbered {
                continue;
            }
            let above = (last..j)
                .filter(|&i| holds(i, c))
                .map(|i| region_lines[i].bottom)
                .max_by(f64::total_cmp);
            let below = (j..region_lines.len())
                .find(|&i| holds(i, c))
                .map(|i| region_lines[i].top);
            if let (Some(above), Some(below)) = (above, below) {
                if below - above > row_gap(region_lines[j].size) {
                    clear.push(c);
                } else {
                    crossing.push(c);
                }
            }
        }
        let merged_left = crossing.iter().all(|&c| clear.iter().all(|&d| c < d));
        (clear.len() >= 2 && merged_left).then(|| {
            (
                clear.len(),
                crossing.iter().any(|&c| holds(j, c)),
                clear.iter().any(|&c| holds(j, c)),
            )
        })
    };
    let mut starts: Vec<usize> = Vec::new();
    let mut holds_one = [false, false];
    for (k, l) in region_lines.iter().enumerate() {
        let cells = &by_col[k];
        let key = (at_edge(k) || hit(k).len() >= 3) && !figure_between(k);
        let gap = gap_above(k);
        let after_span = k > 0 && region.spanning[k - 1];
        let second = [0, n - 1].iter().enumerate().any(|(slot, &c)| {
            holds_one[slot]
                && k > 0
                && by_col[k - 1][c].is_empty()
                && one_per_row(&text_of(&cells[c]))
        });
        let holds = |k: usize, slot: usize| one_per_row(&text_of(&by_col[k][[0, n - 1][slot]]));
        // Two lines in a row each with a number or score in the same edge column are two rows
        // (rows of one line each, set without padding: a summary table's).
        let consecutive = k > 0 && (0..2).any(|slot| holds(k - 1, slot) && holds(k, slot));
        if k == 0
            || region.spanning[k]
            || after_span
            || consecutive
            || (key
                && gap > row_gap(l.size)
                && !wraps(k)
                && (at_edge(k) || gap >= row_band - 0.15 * l.size))
            || centred_start(k)
        {
            starts.push(k);
            holds_one = [false, false];
        } else if second {
            // A second number with no gap above it: a row of cells centred vertically began
            // at the widest blank band since the last row's start, or, where a cell merged
            // down the rows stands in that band, at the first line below a band blank in every
            // other column (a top-aligned row without padding begins at the number itself).
            let last = starts.last().copied().unwrap_or(0);
            let start = bands
                .iter()
                .copied()
                .filter(|&b| b > last && b < k)
                .max_by(|a, b| gap_above(*a).total_cmp(&gap_above(*b)))
                .or_else(|| {
                    // The band blank in most columns (a cell's own lines may stand across
                    // another band, beside a merged cell's); of those, the line where the
                    // row's own cells begin (not a merged cell's first line above them: the
                    // cell then crosses the row's start and shows merged) with no text of a
                    // merged cell (which keeps that cell one block).
                    let bands: Vec<(usize, usize, bool, bool)> = (last + 1..k)
                        .filter_map(|j| {
                            band_but_merged(last, j).map(|(n, cut, own)| (j, n, cut, own))
                        })
                        .collect();
                    let most = bands.iter().map(|b| b.1).max().unwrap_or(0);
                    let widest: Vec<&(usize, usize, bool, bool)> =
                        bands.iter().filter(|b| b.1 == most).collect();
                    widest
                        .iter()
                        .find(|b| !b.2 && b.3)
                        .or(widest.iter().find(|b| !b.2))
                        .or(widest.first())
                        .map(|b| b.0)
                })
                .unwrap_or(k);
            starts.push(start);
            holds_one = [0, 1].map(|slot| (start..k).any(|j| holds(j, slot)));
        }
        for (slot, held) in holds_one.iter_mut().enumerate() {
            *held |= holds(k, slot);
        }
    }
    // Cells merged down rows and centred on them go to their first row.
    let boxes: Vec<LineBox> = region_lines
        .iter()
        .enumerate()
        .map(|(k, l)| LineBox {
            top: l.top,
            bottom: l.bottom,
            size: l.size,
            filled: (0..n).map(|c| !by_col[k][c].is_empty()).collect(),
            spanning: region.spanning[k],
        })
        .collect();
    let size = region_lines.first().map_or(0.0, |l| l.size);
    let owner = owners(
        &boxes,
        &starts,
        n,
        row_gap(size),
        (region.continues, region.end == lines.len()),
    );
    // Where a column's text ends: its widest line's end (a cell without rules shows no
    // edge), for breaks that may fall inside a word.
    let text_edge: Vec<Option<f64>> = (0..n)
        .map(|c| {
            by_col
                .iter()
                .zip(&region.spanning)
                .filter(|(_, &span)| !span)
                .flat_map(|(cells, _)| cells[c].iter().map(|w| w.x1))
                .max_by(f64::total_cmp)
        })
        .collect();
    let mut rows = Vec::new();
    let mut ys = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        ys.push(region_lines[s].top);
        let cells = (0..n)
            .map(|c| {
                let ws: Vec<&Word> = (0..region_lines.len())
                    .filter(|&k| owner[k][c] == i)
                    .flat_map(|k| by_col[k][c].clone())
                    .collect();
                Cell::new(
                    paragraphs_of(&lines_of(&ws), None, text_edge[c])
                        .into_iter()
                        .map(|p| p.0)
                        .collect(),
                )
            })
            .collect();
        rows.push(Row {
            cells,
            source: source.clone(),
            after_page_break: false,
        });
    }
    ys.push(region_lines.last().map_or(0.0, |l| l.bottom));
    for (row, y) in rows.iter_mut().zip(ys.windows(2)) {
        row.source.span = Some((y[0], y[1]));
    }
    // A row left empty held only a merged cell's text, set between two rows.
    let mut k = 0;
    while k < rows.len() {
        if rows.len() > 1 && rows[k].cells.iter().all(Cell::is_empty) {
            rows.remove(k);
            starts.remove(k);
            ys.remove(k);
        } else {
            k += 1;
        }
    }
    (rows, ys, starts)
}

/// The gap between the lines of a paragraph on the page: the median gap above a line that goes
/// on in lowercase under the line before it, overlapping it.
fn page_lead(lines: &[AlignedLine]) -> Option<f64> {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .filter(|p| {
            let (a, b) = (&p[0], &p[1]);
            let goes_on = b.words[0]
                .text
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            let overlaps = b.words[0].x0 < a.words[a.words.len() - 1].x1
                && a.words[0].x0 < b.words[b.words.len() - 1].x1;
            goes_on && overlaps && b.top > a.bottom && b.top - a.bottom < a.size
        })
        .map(|p| p[1].top - p[0].bottom)
        .collect();
    gaps.sort_by(f64::total_cmp);
    gaps.get(gaps.len() / 2).copied()
}

/// Does a region hold a table: rows with text in two columns or more (a letterhead whose
/// words stand apart does not)?
fn is_table(rows: &[Row], needed: usize) -> bool {
    rows.iter()
        .filter(|r| r.cells.iter().filter(|c| !c.is_empty()).count() >= 2)
        .count()
        >= needed
}

/// Tables without ruling lines among `words`: first those going on from `carries`, then any
/// other. Returns the tables and the words they took.
pub(super) fn aligned_tables<'a>(
    words: &[&'a Word],
    source: &Source,
    carries: &[Carry],
) -> (Vec<PlacedTable>, Vec<&'a Word>) {
    let lines = aligned_lines(words);
    let page_lead = page_lead(&lines);
    let mut taken = vec![false; lines.len()];
    let mut regions: Vec<(usize, Region, Option<&Carry>)> = Vec::new();
    for carry in carries {
        let Some(start) = lines.iter().position(|l| l.top >= carry.below - 1.0) else {
            continue;
        };
        if taken[start] {
            continue;
        }
        let region = grow_carried(&lines, start, &carry.columns);
        if region.end == start || (carry.to_page_end && region.end < lines.len()) {
            continue;
        }
        // A heading alone in the first column is not the rest of a row.
        let (rows, _, _) = rows_of(&lines, start, &region, source, page_lead);
        let outside_first = rows.iter().all(|r| r.cells[0].is_empty());
        if !(is_table(&rows, 1) || outside_first) {
            continue;
        }
        taken[start..region.end].iter_mut().for_each(|t| *t = true);
        regions.push((start, region, Some(carry)));
    }
    let mut i = 0;
    while i < lines.len() {
        if taken[i] || lines[i].runs.len() < 3 {
            i += 1;
            continue;
        }
        // Labels centred vertically in a header row stand on lines that overlap: the columns
        // come from the one with most runs, the others join it as header lines.
        while i + 1 < lines.len()
            && !taken[i + 1]
            && lines[i + 1].top < lines[i].bottom
            && lines[i + 1].runs.len() > lines[i].runs.len()
        {
            i += 1;
        }
        let Some(mut region) = grow_free(&lines, i) else {
            i += 1;
            continue;
        };
        // A line just above the table whose runs happen to fit its gutters (a title whose
        // word OCR lost leaves a gap, "хөт 7 … хүрээнд", over a table without rules) would
        // give it that line's few columns: a line a little lower with more runs, whose columns
        // hold as far down, is where the table starts (the lines above it join as header
        // lines only if they fit its columns).
        if let Some((k, finer)) = (i + 1..region.end.min(i + 4))
            .filter(|&k| !taken[k] && lines[k].runs.len() > lines[i].runs.len())
            .filter_map(|k| Some((k, grow_free(&lines, k)?)))
            .find(|(_, r)| r.gutters.len() > region.gutters.len() && r.end >= region.end)
        {
            i = k;
            region = finer;
        }
        // Stop before lines a carried table took.
        if let Some(k) = (i..region.end).find(|&k| taken[k]) {
            region.end = k;
            region.spanning.truncate(k - i);
        }
        if region.end - i < 3 {
            i += 1;
            continue;
        }
        let (rows, _, starts) = rows_of(&lines, i, &region, source, page_lead);
        if !is_table(&rows, 2) {
            i += 1;
            continue;
        }
        // Rows after the last one with text beyond the first column, each with text in the
        // first column only, are prose under the table (a heading, a list) that happens to fit
        // that column; but not a row's number alone on the page's last line: the page break
        // cut that row after its first line, the rest goes on on the next page.
        let cut_row_number = region.end == lines.len()
            && rows.last().is_some_and(|r| {
                one_per_row(&r.cells[0].text()) && r.cells.iter().skip(1).all(Cell::is_empty)
            });
        if let Some(last) = rows
            .iter()
            .rposition(|r| r.cells.iter().skip(1).any(|c| !c.is_empty()))
            .filter(|&last| !(cut_row_number && last + 2 == rows.len()))
        {
            if let Some(&cut) = starts.get(last + 1) {
                region.end = i + cut;
                region.spanning.truncate(cut);
            }
        }
        // Header lines above the first line of three runs (a label wrapped over two lines,
        // a spanning label over its sub-columns) that fit the columns.
        let mut start = i;
        // A label of one run belongs when it overlaps the line below (labels centred
        // vertically in their cells).
        while start > 0
            && !taken[start - 1]
            && (lines[start - 1].runs.len() >= 2 || lines[start].top < lines[start - 1].bottom)
            && lines[start].top - lines[start - 1].bottom <= 0.55 * lines[start].size
            && fit_above(&mut region, &lines[start - 1])
        {
            start -= 1;
            region.spanning.insert(0, false);
        }
        taken[start..region.end].iter_mut().for_each(|t| *t = true);
        i = region.end;
        regions.push((start, region, None));
    }
    let mut tables = Vec::new();
    let mut used = Vec::new();
    for (start, region, carried) in regions {
        let (mut rows, mut ys, _) = rows_of(&lines, start, &region, source, page_lead);
        if let Some(c) = carried.filter(|c| c.one_row) {
            // The rows above the rule that closes the cut row (all, down to the page's end).
            let n = c.until.map_or(rows.len(), |until| {
                ys[..rows.len()].iter().filter(|&&y| y < until).count()
            });
            if n > 1 {
                let rest = rows.split_off(n);
                rows = std::iter::once(one_row(rows)).chain(rest).collect();
                ys.drain(1..n);
            }
        }
        // A carried table keeps the boundaries it came with (it is joined to its table by
        // them), and the gutters as narrowed here.
        let columns = Columns {
            xs: carried.map_or(region.xs.clone(), |c| c.columns.xs.clone()),
            gutters: region.gutters.clone(),
        };
        used.extend(
            lines[start..region.end]
                .iter()
                .flat_map(|l| l.words.clone()),
        );
        tables.push(PlacedTable {
            top: lines[start].top,
            table: Table {
                rows,
                source: source.clone(),
            },
            columns,
            ys,
        });
    }
    tables.sort_by(|a, b| a.top.total_cmp(&b.top));
    (tables, used)
}

/// Rows read as one: each cell's paragraphs in order, the first row's source spanning them all.
fn one_row(rows: Vec<Row>) -> Row {
    let mut rows = rows.into_iter();
    let mut first = rows.next().expect("one row at least");
    for row in rows {
        if let (Some(a), Some(b)) = (first.source.span, row.source.span) {
            first.source.span = Some((a.0.min(b.0), a.1.max(b.1)));
        }
        for (cell, more) in first.cells.iter_mut().zip(row.cells) {
            cell.paragraphs.extend(more.paragraphs);
        }
    }
    first
}

/// Tables without rules on a page as grids: a cell runs between its column's boundaries, from
/// its row's top to the next row's. For OCR's second reading of number cells; the layout itself
/// keeps the aligned tables' own cells.
pub fn aligned_grids(page: &Page) -> Vec<Grid> {
    let ruled = grids(page);
    let words: Vec<&Word> = page
        .words
        .iter()
        .filter(|w| !ruled.iter().any(|g| g.contains(w)))
        .collect();
    let (tables, _) = aligned_tables(&words, &Source::default(), &[]);
    tables
        .into_iter()
        .map(|t| {
            // A little wider: digits may start before their column's label.
            let mut xs = t.columns.xs.clone();
            let last = xs.len() - 1;
            xs[0] -= 3.0;
            xs[last] += 3.0;
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

#[cfg(test)]
mod tests {
    use super::{narrow, AlignedLine, Family, Run};
    use crate::layout::pages::document;
    use crate::layout::synthetic::{line, unruled_page, word};
    use crate::layout::{Block, Cell, Document, Table, Word};

    #[test]
    fn a_gap_s_gutter_is_its_white_strip_within_half_an_em_of_its_middle() {
        // Words 10 pt: a measure column's text ends at 143 and at 250 (a word 256-262 crosses
        // the boundary 251 as OCR glues: left out); the score column starts at 320 and 330.
        let words: Vec<Word> = [
            ("Тайлан", 107.0),
            ("Хэлэлцэх", 202.0),
            ("90", 320.0),
            ("5", 330.0),
        ]
        .into_iter()
        .map(|(t, x)| word(t, x, 100.0))
        .chain([super::Word {
            x0: 248.0,
            x1: 262.0,
            ..word("12", 0.0, 120.0)
        }])
        .collect();
        let refs: Vec<&Word> = words.iter().collect();
        let narrow = super::Columns::of_gaps(&[50.0, 251.0, 400.0], &refs);
        assert_eq!(narrow.gutters, vec![(250.0, 256.0)]);
        let wide = super::Columns::of_gaps(&[50.0, 290.0, 400.0], &refs);
        assert_eq!(wide.gutters, vec![(285.0, 295.0)]);
    }

    fn tables(doc: &Document) -> Vec<&Table> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    fn texts(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(Cell::text).collect())
            .collect()
    }

    /// The header of a plan table without rules: labels centred over their columns (№ 50,
    /// activity 80, measure 220, score 400).
    fn plan_header() -> Vec<Word> {
        line(
            &[
                ("№", 50.0),
                ("Үйл", 131.0),
                ("Арга", 290.0),
                ("Үнэлгээ", 400.0),
            ],
            100.0,
        )
    }

    /// A plan table under that header: cells left-aligned, a cell wrapped over two lines.
    fn plan_lines() -> Vec<Word> {
        [
            plan_header(),
            line(
                &[
                    ("1", 50.0),
                    ("Сургалт зохион", 80.0),
                    ("Журам батлах", 220.0),
                    ("100", 400.0),
                ],
                120.0,
            ),
            line(&[("байгуулах", 80.0), ("шинэчлэх", 220.0)], 131.0),
            line(
                &[
                    ("2", 50.0),
                    ("Тайлан гаргах", 80.0),
                    ("Хэлэлцүүлэг", 220.0),
                    ("70", 400.0),
                ],
                150.0,
            ),
        ]
        .concat()
    }

    #[test]
    fn a_cell_s_text_a_word_space_from_the_next_cell_s_keeps_the_table_open() {
        let header = line(
            &[
                ("№", 50.0),
                ("Үйл ажиллагаа", 80.0),
                ("Арга хэмжээ", 200.0),
                ("Түвшин", 340.0),
                ("Үнэлгээ", 460.0),
            ],
            100.0,
        );
        let row = |activity: &str, top: f64, no: &str, measure: &str| {
            line(
                &[
                    (no, 50.0),
                    (activity, 80.0),
                    (measure, 200.0),
                    ("Тогтмол", 340.0),
                    ("100", 460.0),
                ],
                top,
            )
        };
        // Row 2's activity ends 3 pt (a word space) left of where its measure starts, which
        // OCR puts 0.6 pt right of the column's other lines.
        let mut row2 = line(
            &[
                ("2", 50.0),
                ("Хурал хийх", 200.6),
                ("Тогтмол", 340.0),
                ("100", 460.0),
            ],
            140.0,
        );
        row2.push(word("Эрсдэлийг", 80.0, 140.0));
        row2.push(word("бууруулах,", 137.6, 140.0));
        let words = [
            header,
            row("Авлигыг бууруулах", 120.0, "1", "Журам батлах"),
            row2,
            row("Ил тод", 160.0, "3", "Мэдээлэл өгөх"),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[2][1], "Эрсдэлийг бууруулах,");
        assert_eq!(rows[2][2], "Хурал хийх");
    }

    #[test]
    fn a_last_label_overhanging_the_table_s_edge_is_still_its_header() {
        // "Байгууллагы" is wider than its column and overhangs the table's right edge (as
        // LibreOffice sets a table squeezed to the page's width).
        let mut words = [
            line(&[("Үйл", 131.0), ("Байгууллагы", 392.0)], 88.0),
            line(
                &[
                    ("№", 50.0),
                    ("ажиллагаа", 120.0),
                    ("Арга", 290.0),
                    ("н үнэлгээ", 396.0),
                ],
                100.0,
            ),
        ]
        .concat();
        words.extend(plan_lines().into_iter().filter(|w| w.top > 110.0));
        let doc = document(&[unruled_page(1, words)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        assert_eq!(
            texts(t[0])[0],
            vec!["№", "Үйл\nажиллагаа", "Арга", "Байгууллагын үнэлгээ"]
        );
    }

    #[test]
    fn a_header_keeps_its_table_across_a_line_of_column_numbers_ocr_skipped() {
        // Between the header and the first row, the line "1 2 3 4" was not read: 45 pt of
        // white (two rows' padding and a line) where a row gap is at most 40.
        let mut words = plan_header();
        words.extend(
            plan_lines()
                .into_iter()
                .filter(|w| w.top > 110.0)
                .map(|mut w| {
                    w.top += 35.0;
                    w.bottom += 35.0;
                    w.baseline = w.baseline.map(|b| b + 35.0);
                    w
                }),
        );
        let doc = document(&[unruled_page(1, words)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        assert_eq!(texts(t[0])[0], vec!["№", "Үйл", "Арга", "Үнэлгээ"]);
        assert_eq!(texts(t[0]).len(), 3);
        // A line of three runs above prose far below it is no header of it.
        let mut words = plan_header();
        words.extend(line(&[("Тайлан хавсралтаар хүргүүлэв.", 50.0)], 155.0));
        let doc = document(&[unruled_page(1, words)]);
        assert!(tables(&doc).is_empty(), "{:?}", doc.blocks);
    }

    #[test]
    fn a_title_whose_gaps_fit_the_table_s_gutters_gives_it_no_columns() {
        // A title over the table whose word OCR half lost ("хөт 7 … хүрээнд"): three runs,
        // their gaps free all the way down, but fewer columns than the header's.
        let mut words = line(
            &[
                ("Төлөвлөгөөний биелэлт", 50.0),
                ("7", 190.0),
                ("хүрээнд хэрэгжүүлэх ажлын тайлан", 230.0),
            ],
            82.0,
        );
        words.extend(plan_lines());
        let doc = document(&[unruled_page(1, words)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        assert_eq!(texts(t[0])[0], vec!["№", "Үйл", "Арга", "Үнэлгээ"]);
        assert_eq!(texts(t[0]).len(), 3);
        assert!(
            matches!(&doc.blocks[0], Block::Paragraph(p) if p.text.starts_with("Төлөвлөгөөний"))
        );
    }

    #[test]
    fn columns_come_from_the_gutters_under_centred_labels() {
        let doc = document(&[unruled_page(1, plan_lines())]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        assert_eq!(
            texts(t[0]),
            vec![
                vec!["№", "Үйл", "Арга", "Үнэлгээ"],
                vec![
                    "1",
                    "Сургалт зохион\nбайгуулах",
                    "Журам батлах\nшинэчлэх",
                    "100"
                ],
                vec!["2", "Тайлан гаргах", "Хэлэлцүүлэг", "70"],
            ]
        );
    }

    /// A summary table of one-line rows set without padding (4 pt between rows) under a
    /// paragraph whose lines stand 1.5 pt apart; band labels with a wide space before their
    /// range. `last` is each row's percent.
    fn summary_lines(last: [&str; 3]) -> Vec<Word> {
        let mut words = line(&[("Төлөвлөгөөнд 3 зорилтын 5 арга хэмжээ", 50.0)], 40.0);
        words.extend(line(&[("тусгагдсан байна.", 50.0)], 51.5));
        words.extend(line(
            &[("Зорилт", 80.0), ("Тоо", 250.0), ("Хувь", 480.0)],
            80.0,
        ));
        for (label, range, x) in [("100", "/90-100/", 300.0), ("0", "/0-29/", 400.0)] {
            let value = word(label, x, 80.0);
            let after = value.x1 + 4.5;
            words.push(value);
            words.push(word(range, after, 80.0));
        }
        let rows = [
            ("Зорилт 1: Нэг", "2", "2", "", last[0]),
            ("Зорилт 2: Хоёр", "3", "2", "1", last[1]),
            ("Зорилт 3: Гурав", "1", "", "1", last[2]),
        ];
        for (k, (name, n, top_band, low_band, percent)) in rows.into_iter().enumerate() {
            let cells = [
                (name, 50.0),
                (n, 250.0),
                (top_band, 300.0),
                (low_band, 400.0),
                (percent, 480.0),
            ];
            words.extend(line(&cells, 94.0 + 14.0 * k as f64));
        }
        words
    }

    #[test]
    fn band_labels_filling_their_cells_are_cells_of_their_own() {
        // A summary header whose band labels fill their cells: the gap after each closed
        // range is a word space wide, yet each label, and the percent's after them, heads a
        // column of its own.
        let mut words = line(&[("Төлөвлөгөөнд 3 зорилтын 5 арга хэмжээ", 50.0)], 40.0);
        words.extend(line(&[("тусгагдсан байна.", 50.0)], 51.5));
        words.extend(line(&[("Зорилт", 80.0), ("Тоо", 250.0)], 80.0));
        let mut x = 300.0;
        let mut edges = Vec::new();
        for part in ["100", "/90-100/", "0", "/0-29/", "Хувь"] {
            let w = word(part, x, 80.0);
            if !part.starts_with('/') {
                edges.push(x);
            }
            x = w.x1 + 3.0;
            words.push(w);
        }
        let rows = [
            ("Зорилт 1: Нэг", "2", "2", "", "100"),
            ("Зорилт 2: Хоёр", "3", "2", "1", "66,7"),
            ("Зорилт 3: Гурав", "1", "", "1", "0"),
        ];
        for (k, (name, n, top_band, low_band, percent)) in rows.into_iter().enumerate() {
            let cells = [
                (name, 50.0),
                (n, 250.0),
                (top_band, edges[0]),
                (low_band, edges[1]),
                (percent, edges[2]),
            ];
            words.extend(line(&cells, 94.0 + 14.0 * k as f64));
        }
        let doc = document(&[unruled_page(1, words)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(
            rows[0],
            vec!["Зорилт", "Тоо", "100 /90-100/", "0 /0-29/", "Хувь"]
        );
        assert_eq!(rows[2], vec!["Зорилт 2: Хоёр", "3", "2", "1", "66,7"]);
    }

    #[test]
    fn a_sentence_going_on_after_a_band_label_stays_one_run() {
        let heading = line(
            &[("100 /90-100/ хувийн биелэлттэй: 3 арга хэмжээ", 50.0)],
            100.0,
        );
        let header = line(&[("0 /0-29/ Хэрэгжилт хувь", 50.0)], 120.0);
        let words: Vec<&Word> = heading.iter().chain(&header).collect();
        let lines = super::aligned_lines(&words);
        assert_eq!(lines[0].runs.len(), 1, "the heading");
        assert_eq!(lines[1].runs.len(), 2, "the header's two labels");
    }

    #[test]
    fn one_line_rows_without_padding_part_at_the_page_s_lead() {
        let doc = document(&[unruled_page(1, summary_lines(["100", "/-/", "0"]))]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        assert_eq!(
            texts(t[0]),
            vec![
                vec!["Зорилт", "Тоо", "100 /90-100/", "0 /0-29/", "Хувь"],
                vec!["Зорилт 1: Нэг", "2", "2", "", "100"],
                vec!["Зорилт 2: Хоёр", "3", "2", "1", "/-/"],
                vec!["Зорилт 3: Гурав", "1", "", "1", "0"],
            ]
        );
    }

    #[test]
    fn two_scores_on_consecutive_lines_are_two_rows() {
        // No paragraph gives a lead: the percents one under the other part the rows (the
        // header, with no number, still sticks to the first row: no lead tells them apart).
        let words: Vec<Word> = summary_lines(["100", "66,7", "0"])
            .into_iter()
            .filter(|w| w.top >= 80.0)
            .collect();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        let n = rows.len();
        assert_eq!(rows[n - 2], vec!["Зорилт 2: Хоёр", "3", "2", "1", "66,7"]);
        assert_eq!(rows[n - 1], vec!["Зорилт 3: Гурав", "1", "", "1", "0"]);
    }

    #[test]
    fn prose_under_the_table_is_not_a_row() {
        let mut words = plan_lines();
        words.extend(line(
            &[("Дүгнэлт: төлөвлөгөөний хэрэгжилт 90 хувьтай байна.", 50.0)],
            175.0,
        ));
        words.extend(line(&[("Дүгнэлт", 50.0)], 195.0));
        let doc = document(&[unruled_page(1, words)]);
        assert_eq!(texts(tables(&doc)[0]).len(), 3);
        let paragraphs = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph(_)))
            .count();
        assert!(paragraphs >= 1, "{:?}", doc.blocks);
    }

    #[test]
    fn a_heading_and_prose_at_the_page_s_margin_end_the_table() {
        // Under the table, at the page's margin (left of the cells' padded text): a heading in
        // a larger size, a sentence, then the next table's header, which fits the columns.
        let mut words = plan_lines();
        let mut heading = line(&[("ХЯНАЛТ-ШИНЖИЛГЭЭ, ҮНЭЛГЭЭНИЙ ТАЙЛАН", 47.0)], 175.0);
        for w in heading.iter_mut() {
            w.font_size = 12.0;
            w.bottom = w.top + 12.0;
        }
        words.extend(heading);
        words.extend(line(&[("Төлөвлөгөөнд 3 зорилт тусгагдсан.", 47.0)], 197.0));
        words.extend(line(
            &[("Зорилт", 80.0), ("Тоо", 220.0), ("Хувь", 400.0)],
            217.0,
        ));
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        let paragraphs = paragraphs(&doc);
        assert!(
            paragraphs.iter().any(|p| p.starts_with("ХЯНАЛТ")),
            "{:?}",
            doc.blocks
        );
    }

    #[test]
    fn values_starting_left_of_a_label_wrapped_over_three_lines_keep_their_column() {
        // A summary table: the band's label "100 /90- 100/" is centred on three lines, its
        // counts start at the cell's left, left of the label; the count column's label is
        // centred too.
        let words = [
            line(
                &[
                    ("Зорилт", 50.0),
                    ("Арга", 140.0),
                    ("100", 260.0),
                    ("Хувь", 330.0),
                ],
                100.0,
            ),
            line(&[("хэмжээний", 128.0), ("/90-", 260.0)], 111.0),
            line(&[("тоо", 146.0), ("100/", 260.0)], 122.0),
            line(
                &[
                    ("Зорилт 1", 50.0),
                    ("5", 128.0),
                    ("5", 250.0),
                    ("100", 330.0),
                ],
                140.0,
            ),
            line(
                &[
                    ("Зорилт 2", 50.0),
                    ("4", 128.0),
                    ("4", 250.0),
                    ("100", 330.0),
                ],
                155.0,
            ),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows[1], vec!["Зорилт 1", "5", "5", "100"], "{rows:?}");
    }

    #[test]
    fn a_row_spanning_the_columns_stays_in_the_table() {
        let mut words = plan_lines();
        // An objective's heading across the columns, between the header and the first row.
        for w in words.iter_mut().filter(|w| w.top >= 120.0) {
            w.top += 20.0;
            w.bottom += 20.0;
        }
        words.extend(line(&[("1. Зорилт: ил тод байдлыг хангах", 50.0)], 120.0));
        let doc = document(&[unruled_page(1, words)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[1][0], "1. Зорилт: ил тод байдлыг хангах");
        assert_eq!(rows[2][3], "100");
    }

    #[test]
    fn values_under_a_centred_label_are_its_column_not_one_of_their_own() {
        // "3" starts the column, its label "Арга тоо" is centred further right.
        let words = [
            line(
                &[("Зорилт", 50.0), ("Арга тоо", 230.0), ("Хувь", 350.0)],
                100.0,
            ),
            line(
                &[("Зорилт 1: сургалт", 50.0), ("3", 200.0), ("85", 350.0)],
                120.0,
            ),
            line(
                &[("Зорилт 2: журам", 50.0), ("2", 200.0), ("70", 350.0)],
                140.0,
            ),
            line(
                &[("Зорилт 3: тайлан", 50.0), ("4", 200.0), ("100", 350.0)],
                160.0,
            ),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows[0], vec!["Зорилт", "Арга тоо", "Хувь"]);
        assert_eq!(rows[1], vec!["Зорилт 1: сургалт", "3", "85"]);
    }

    #[test]
    fn sub_columns_under_a_spanning_label_are_columns() {
        // "Үнэлгээ" spans the band columns 100, 70 and 0 of the line below it.
        let words = [
            line(
                &[("Зорилт", 50.0), ("Үнэлгээ", 236.0), ("Хувь", 350.0)],
                100.0,
            ),
            line(&[("100", 200.0), ("70", 250.0), ("0", 300.0)], 112.0),
            line(
                &[
                    ("Зорилт 1", 50.0),
                    ("2", 200.0),
                    ("1", 250.0),
                    ("1", 300.0),
                    ("80", 350.0),
                ],
                130.0,
            ),
            line(
                &[
                    ("Зорилт 2", 50.0),
                    ("3", 200.0),
                    ("2", 300.0),
                    ("60", 350.0),
                ],
                150.0,
            ),
            line(&[("Зорилт 3", 50.0), ("1", 250.0), ("70", 350.0)], 170.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        let last = rows.len() - 1;
        assert_eq!(
            rows[last - 2],
            vec!["Зорилт 1", "2", "1", "1", "80"],
            "{rows:?}"
        );
        assert_eq!(rows[last], vec!["Зорилт 3", "", "1", "", "70"], "{rows:?}");
    }

    #[test]
    fn a_table_starting_with_the_rest_of_a_row_finds_its_first_and_last_columns_below() {
        // A scanned page without rules starts with the end of a row cut by the page break:
        // text in the middle columns only. The rows below have their number at 50 and their
        // score at 450, outside that first line's text.
        let mut words = line(
            &[
                ("зүйг төлөвшүүлэх", 80.0),
                ("санал сургах", 220.0),
                ("сургалт хамрагдсан.", 330.0),
            ],
            60.0,
        );
        for (k, no) in ["3", "4", "4", "5"].iter().enumerate() {
            let top = 90.0 + 40.0 * k as f64;
            words.extend(line(
                &[
                    (no, 50.0),
                    ("Ашиг сонирхлын", 80.0),
                    ("Шилэн дансаар", 220.0),
                    ("Нийт 230", 330.0),
                    ("100", 450.0),
                ],
                top,
            ));
            words.extend(line(
                &[("урьдчилан", 80.0), ("хяналт", 220.0), ("хүрсэн.", 330.0)],
                top + 12.0,
            ));
        }
        let doc = document(&[unruled_page(1, words)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(
            rows[1],
            vec![
                "3",
                "Ашиг сонирхлын\nурьдчилан",
                "Шилэн дансаар\nхяналт",
                "Нийт 230\nхүрсэн.",
                "100"
            ],
            "{rows:?}"
        );
        assert_eq!(rows.len(), 5, "{rows:?}");
    }

    #[test]
    fn the_next_page_goes_on_in_the_columns_carried_from_this_one() {
        // Page 2 starts with the rest of row 2's activity cell, then row 3; no header.
        let page2 = [
            line(&[("үргэлжилсэн", 80.0)], 60.0),
            line(
                &[
                    ("3", 50.0),
                    ("Мэдээлэл нийтлэх", 80.0),
                    ("Цахим хуудас", 220.0),
                    ("40", 400.0),
                ],
                80.0,
            ),
        ]
        .concat();
        let doc = document(&[unruled_page(1, plan_lines()), unruled_page(2, page2)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert_eq!(rows[3], vec!["", "үргэлжилсэн", "", ""]);
        assert!(t[0].rows[3].after_page_break);
        assert_eq!(rows[4], vec!["3", "Мэдээлэл нийтлэх", "Цахим хуудас", "40"]);
        assert!(!t[0].rows[4].after_page_break);
    }

    #[test]
    fn a_column_starts_where_its_values_do_not_where_its_centred_label_does() {
        // Page 1 ends under the header: labels centred over their columns on three
        // overlapping lines, then the column numbers at the columns' left edges (column 3's
        // "3" at 160, its label from 180). Page 2's measures start at 160 too.
        let page1 = [
            line(&[("Хэрэгжүүлэх арга", 180.0)], 94.0),
            line(
                &[
                    ("№", 46.0),
                    ("Үйл ажиллагаа", 71.0),
                    ("Хүрэх түвшин", 303.0),
                    ("Үнэлгээ", 420.0),
                ],
                100.0,
            ),
            line(&[("хэмжээ", 205.0)], 106.0),
            line(
                &[
                    ("1", 46.0),
                    ("2", 61.0),
                    ("3", 160.0),
                    ("4", 295.0),
                    ("5", 410.0),
                ],
                130.0,
            ),
        ]
        .concat();
        let page2 = [
            line(&[("Салбарын хэмжээнд", 160.0)], 60.0),
            line(
                &[
                    ("1", 46.0),
                    ("Төрийн ил тод", 61.0),
                    ("Журам батлах", 160.0),
                    ("80 хувь", 295.0),
                    ("100", 410.0),
                ],
                72.0,
            ),
            line(&[("сайжруулах", 160.0)], 84.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, page1), unruled_page(2, page2)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(rows[1], vec!["1", "2", "3", "4", "5"], "{rows:?}");
        assert!(rows[2][2].starts_with("Салбарын хэмжээнд"), "{rows:?}");
        assert_eq!(rows[2][4], "100", "{rows:?}");
    }

    #[test]
    fn column_numbers_ocr_glued_across_a_gap_keep_the_columns() {
        // "1 2" read as one word that crosses the gap between the № and activity columns:
        // with letters ("1БРЧУЛ"), or all digits as a number no table of four columns numbers
        // a column ("152", its box as wide as the two numbers).
        for (glued, x1) in [("1БРЧУЛ", None), ("152", Some(84.0))] {
            let mut words = plan_lines();
            for w in &mut words {
                if w.top > 105.0 {
                    w.top += 12.0;
                    w.bottom += 12.0;
                }
            }
            let mut numbers = line(&[(glued, 50.0), ("3", 220.0), ("4", 400.0)], 111.0);
            if let Some(x1) = x1 {
                numbers[0].x1 = x1;
            }
            words.extend(numbers);
            let doc = document(&[unruled_page(1, words)]);
            let t = tables(&doc);
            assert_eq!(t.len(), 1, "{glued}: {:?}", doc.blocks);
            let rows = texts(t[0]);
            assert_eq!(rows[0].len(), 4, "{glued}: {rows:?}");
            assert!(
                rows.iter()
                    .any(|r| r == &vec!["2", "Тайлан гаргах", "Хэлэлцүүлэг", "70"]),
                "{glued}: {rows:?}"
            );
        }
    }

    #[test]
    fn a_row_number_alone_at_the_page_foot_keeps_the_table_open() {
        // The page break cut row 3 after the first line of its number's cell.
        let page1 = [plan_lines(), line(&[("3", 50.0)], 170.0)].concat();
        let page2 = line(
            &[
                ("Мэдээлэл нийтлэх", 80.0),
                ("Цахим хуудас", 220.0),
                ("40", 400.0),
            ],
            60.0,
        );
        let doc = document(&[unruled_page(1, page1), unruled_page(2, page2)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(rows[3], vec!["3", "", "", ""], "{rows:?}");
        assert_eq!(rows[4], vec!["", "Мэдээлэл нийтлэх", "Цахим хуудас", "40"]);
        assert!(t[0].rows[4].after_page_break);
    }

    #[test]
    fn a_second_score_in_the_last_column_starts_a_row_without_a_gap() {
        // Rows set without padding: no gap between the two rows, but a row has one score.
        let words = [
            plan_header(),
            line(
                &[
                    ("1", 50.0),
                    ("Сургалт", 80.0),
                    ("Журам", 220.0),
                    ("100", 400.0),
                ],
                116.0,
            ),
            line(&[("зохион", 80.0), ("батлах", 220.0)], 127.0),
            line(&[("Хэлэлцүүлэг", 220.0), ("70", 400.0)], 138.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[2], vec!["", "", "Хэлэлцүүлэг", "70"]);
    }

    /// A row of cells centred vertically (no rules): the tall measure cell's lines at 130,
    /// 141.6, 153.2; the number, activity and score centred on them, half a line lower.
    /// A measure cell of three lines with its score centred on the middle one.
    fn measure_lines(top: f64, measure: [&str; 3], score: &str) -> Vec<Word> {
        [
            line(&[(measure[0], 220.0)], top),
            line(&[(measure[1], 220.0), (score, 400.0)], top + 11.6),
            line(&[(measure[2], 220.0)], top + 23.2),
        ]
        .concat()
    }

    fn centred_row(top: f64, no: &str, measure: [&str; 3], score: &str) -> Vec<Word> {
        [
            line(&[(measure[0], 220.0)], top),
            line(&[(no, 50.0), ("Сургалт", 80.0), (score, 400.0)], top + 5.8),
            line(&[(measure[1], 220.0)], top + 11.6),
            line(&[("зохион", 80.0)], top + 17.4),
            line(&[(measure[2], 220.0)], top + 23.2),
        ]
        .concat()
    }

    #[test]
    fn cells_centred_vertically_start_their_row_at_the_blank_band_above() {
        let words = [
            plan_header(),
            centred_row(130.0, "1", ["Журам", "батлах", "ажил"], "100"),
            centred_row(175.0, "2", ["Тайлан", "гаргах", "хэлэлцэх"], "70"),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(
            rows[1],
            vec!["1", "Сургалт\nзохион", "Журам\nбатлах\nажил", "100"]
        );
        assert_eq!(
            rows[2],
            vec!["2", "Сургалт\nзохион", "Тайлан\nгаргах\nхэлэлцэх", "70"]
        );
    }

    #[test]
    fn a_cell_merged_down_two_rows_standing_in_the_band_between_them_goes_to_the_first() {
        // Objective 1 spans two rows; its number and activity, centred on both, stand across
        // the band between them (no band is blank across the whole table).
        let words = [
            plan_header(),
            measure_lines(130.0, ["Журам", "батлах", "ажил"], "100"),
            line(&[("Сургалт", 80.0)], 160.0),
            line(&[("1", 50.0)], 166.0),
            line(&[("зохион", 80.0)], 171.6),
            line(&[("Тайлан", 220.0)], 180.0),
            line(&[("гаргах", 220.0), ("70", 400.0)], 191.6),
            line(&[("хэлэлцэх", 220.0)], 203.2),
            centred_row(230.0, "2", ["Хяналт", "хийх", "ажил"], "40"),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(
            rows[1],
            vec!["1", "Сургалт\nзохион", "Журам\nбатлах\nажил", "100"]
        );
        assert_eq!(rows[2], vec!["", "", "Тайлан\nгаргах\nхэлэлцэх", "70"]);
    }

    #[test]
    fn a_cell_of_several_measures_centred_keeps_its_row_whatever_its_paragraph_gaps() {
        // One row whose measure cell holds three paragraphs (4 pt apart, its lines 1.6 pt
        // apart), the number and score centred on it; rows are 20 pt apart.
        let para = |a: &str, b: &str, top: f64| {
            [line(&[(a, 220.0)], top), line(&[(b, 220.0)], top + 11.6)].concat()
        };
        let words = [
            plan_header(),
            para("Журам", "батлах", 130.0),
            para("Тайлан", "гаргах", 155.6),
            line(&[("1", 50.0), ("100", 400.0)], 161.4),
            para("Хяналт", "хийх", 181.2),
            para("Сургалт", "явуулах", 222.8),
            line(&[("2", 50.0), ("70", 400.0)], 228.6),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[1][0], "1");
        assert_eq!(rows[1][3], "100");
        for measure in ["Журам", "Тайлан", "Хяналт"] {
            assert!(rows[1][2].contains(measure), "{rows:?}");
        }
        assert_eq!(rows[2][2], "Сургалт\nявуулах");
    }

    #[test]
    fn a_page_going_on_in_a_row_of_several_measures_keeps_its_paragraphs_in_one_row() {
        // Page 2 begins a row whose measure cell holds three paragraphs (4 pt apart, lines
        // 1.6 pt apart); its number and score stand centred on them, below the first
        // paragraph gap; rows are 22 pt apart. The gap above the second paragraph, with no
        // number above it, is no row's.
        let para = |a: &str, b: &str, top: f64| {
            [line(&[(a, 220.0)], top), line(&[(b, 220.0)], top + 11.6)].concat()
        };
        let page2 = [
            para("Журам", "батлах", 60.0),
            para("Тайлан", "гаргах", 85.6),
            line(&[("3", 50.0), ("70", 400.0)], 91.4),
            para("Хяналт", "хийх", 111.2),
            centred_row(155.0, "4", ["Сургалт", "явуулах", "ажил"], "40"),
        ]
        .concat();
        let doc = document(&[unruled_page(1, plan_lines()), unruled_page(2, page2)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        let first = rows
            .iter()
            .position(|r| r[2].contains("Хяналт"))
            .expect("page 2's first row");
        assert_eq!(rows.len(), first + 2, "{rows:?}");
        for measure in ["Журам", "Тайлан", "Хяналт"] {
            assert!(rows[first][2].contains(measure), "{rows:?}");
        }
        assert_eq!(
            (rows[first][0].as_str(), rows[first][3].as_str()),
            ("3", "70")
        );
    }

    #[test]
    fn a_merged_cell_not_centred_on_all_its_rows_still_goes_to_its_first() {
        // Objective 1 spans three rows, but its number and activity stand across the start of
        // the second row only (LibreOffice centres a merged cell on the rows it had laid out
        // when it set it), with no blank band across the table there; the second row's score
        // is a not-due mark; objective 2 and a total row end the table.
        let words = [
            plan_header(),
            measure_lines(130.0, ["Журам", "батлах", "ажил"], "100"),
            line(&[("Сургалт", 80.0)], 156.0),
            line(&[("1", 50.0), ("зохион", 80.0)], 167.6),
            line(&[("Тайлан", 220.0)], 170.0),
            line(&[("байгуулах", 80.0)], 179.2),
            line(&[("гаргах", 220.0), ("/-/", 400.0)], 181.6),
            line(&[("хэлэлцэх", 220.0)], 193.2),
            measure_lines(220.0, ["Хяналт", "хийх", "ажил"], "40"),
            centred_row(275.0, "2", ["Сургалт", "явуулах", "ажил"], "70"),
            line(&[("Дүн", 50.0), ("70", 400.0)], 325.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 6, "{rows:?}");
        assert_eq!(
            rows[1],
            vec![
                "1",
                "Сургалт\nзохион\nбайгуулах",
                "Журам\nбатлах\nажил",
                "100"
            ]
        );
        assert_eq!(rows[2], vec!["", "", "Тайлан\nгаргах\nхэлэлцэх", "/-/"]);
    }

    #[test]
    fn a_number_centred_in_a_paragraph_gap_of_its_row_does_not_start_a_row() {
        // Row 3's measure cell holds four paragraphs (15.8 pt apart; rows 18.6 pt apart); its
        // number and score, centred on the row, stand in the gap after the second paragraph,
        // clear of the line above: a top-set row's first line, but for the cell going on
        // beside them.
        let words = [
            plan_header(),
            centred_row(130.0, "1", ["Журам", "батлах", "ажил"], "100"),
            line(
                &[
                    ("2", 50.0),
                    ("Сургалт", 80.0),
                    ("Тайлан", 220.0),
                    ("100", 400.0),
                ],
                182.0,
            ),
            line(&[("Хяналт", 220.0)], 210.6),
            line(&[("Хэлэлцүүлэг", 220.0)], 236.4),
            line(&[("3", 50.0), ("65", 400.0)], 255.1),
            line(&[("Мэдээлэл", 220.0)], 262.2),
            line(&[("түгээх", 220.0)], 273.8),
            line(&[("Сургалт", 220.0)], 299.6),
            line(&[("Дүн", 50.0), ("76", 400.0)], 328.2),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert_eq!((rows[3][0].as_str(), rows[3][3].as_str()), ("3", "65"));
        for measure in ["Хяналт", "Хэлэлцүүлэг", "Мэдээлэл", "Сургалт"]
        {
            assert!(rows[3][2].contains(measure), "{rows:?}");
        }
    }

    #[test]
    fn a_score_cell_holds_a_number_or_a_not_due_mark() {
        for score in [
            "95",
            "95.0",
            "97,9",
            "95%",
            "95 хувь",
            "/-/",
            "/ - /",
            "ХБ",
            "/ХБ/",
        ] {
            assert!(super::one_per_row(score), "{score}");
        }
        for text in ["Тогтмол", "2 удаа", "1.1.1. Журам", "/"] {
            assert!(!super::one_per_row(text), "{text}");
        }
    }

    /// A header line of four labels, the third at `target_x`.
    fn labels(target_x: f64) -> Vec<Word> {
        line(
            &[
                ("№", 50.0),
                ("Арга хэмжээ", 80.0),
                ("Түвшин", target_x),
                ("Үнэлгээ", 400.0),
            ],
            100.0,
        )
    }

    #[test]
    fn a_left_edge_shared_by_the_rows_parts_cells_without_padding() {
        // The target column starts at 152; the measure texts end a word space before it.
        let row = |no: &str, measure: &str, target: &str, top: f64| {
            line(
                &[(no, 50.0), (measure, 80.0), (target, 152.0), ("100", 400.0)],
                top,
            )
        };
        let words = [
            labels(152.0),
            row("1", "Журам батлах", "Нэг удаа", 120.0),
            row("2", "Хурал хийх", "Хоёр удаа", 140.0),
            row("3", "Төлөв батлах", "Тогтмол", 160.0),
            row("4", "Дүрэм батлах", "Жил бүр", 180.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert_eq!(rows[1], vec!["1", "Журам батлах", "Нэг удаа", "100"]);
        assert_eq!(rows[4], vec!["4", "Дүрэм батлах", "Жил бүр", "100"]);
    }

    #[test]
    fn a_tall_score_box_does_not_make_its_line_another_size() {
        // As above, but OCR sized each row's score by its box: 17, 19, 15.5, 17 pt on lines of
        // 10 pt text. The rows are still one size, and the shared edge still parts the cells.
        let row = |no: &str, measure: &str, target: &str, top: f64, score_size: f64| {
            let mut words = line(
                &[(no, 50.0), (measure, 80.0), (target, 152.0), ("100", 400.0)],
                top,
            );
            words.last_mut().expect("a score").font_size = score_size;
            words
        };
        let words = [
            labels(152.0),
            row("1", "Журам батлах", "Нэг удаа", 120.0, 17.0),
            row("2", "Хурал хийх", "Хоёр удаа", 140.0, 19.0),
            row("3", "Төлөв батлах", "Тогтмол", 160.0, 15.5),
            row("4", "Дүрэм батлах", "Жил бүр", 180.0, 17.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert_eq!(rows[2], vec!["2", "Хурал хийх", "Хоёр удаа", "100"]);
    }

    #[test]
    fn a_line_ocr_garbled_across_the_gutters_does_not_end_a_scans_table() {
        let row = |no: &str, measure: &str, top: f64| {
            line(
                &[
                    (no, 50.0),
                    (measure, 80.0),
                    ("Тогтмол", 252.0),
                    ("100", 400.0),
                ],
                top,
            )
        };
        let garbled = line(
            &[
                ("Улирал р бүр үр х худалд ан ав ажиллагааг", 80.0),
                ("5", 400.0),
            ],
            160.0,
        );
        let words = |scanned: bool| {
            let mut words = [
                labels(252.0),
                row("1", "Журам батлах", 120.0),
                row("2", "Хурал хийх", 140.0),
                garbled.clone(),
                row("3", "Төлөв батлах", 180.0),
                row("4", "Дүрэм батлах", 200.0),
            ]
            .concat();
            if scanned {
                words.iter_mut().for_each(|w| w.baseline = None);
            }
            words
        };
        // A scan: Tesseract read pieces of two lines as one; the rows below stay the table's.
        let doc = document(&[unruled_page(1, words(true))]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 6, "{rows:?}");
        assert_eq!(rows[5], vec!["4", "Дүрэм батлах", "Тогтмол", "100"]);
        // A PDF's text is as written: a line across the columns ends the table.
        let doc = document(&[unruled_page(1, words(false))]);
        assert_eq!(texts(tables(&doc)[0]).len(), 3);
    }

    #[test]
    fn a_column_of_three_cells_parts_a_neighbour_filled_to_its_edge() {
        // The score column starts at 400 on three lines only (its label, two scores); row 2's
        // implementation ends a word space before it.
        let words = [
            line(
                &[
                    ("№", 50.0),
                    ("Арга хэмжээ", 80.0),
                    ("Биелэлт", 250.0),
                    ("Үнэлгээ", 400.0),
                ],
                100.0,
            ),
            line(
                &[
                    ("1", 50.0),
                    ("Журам батлах", 80.0),
                    ("Ажлыг зохион", 250.0),
                    ("100", 400.0),
                ],
                120.0,
            ),
            line(
                &[
                    ("2", 50.0),
                    ("Хурал хийх", 80.0),
                    ("Ажлыг зохион байгуулж, 464", 250.0),
                    ("30", 400.0),
                ],
                140.0,
            ),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(
            rows[2],
            vec!["2", "Хурал хийх", "Ажлыг зохион байгуулж, 464", "30"]
        );
    }

    #[test]
    fn a_paragraph_gap_narrower_than_the_rows_does_not_start_a_row() {
        // Rows of one objective each, 14 pt apart; the measure, target and implementation
        // cells hold three paragraphs 8 pt apart, each beginning on one line in the three
        // columns; number and score are centred on the row.
        let row = |no: &str, score: &str, top: f64| {
            let para = |m: [&str; 2], top: f64| {
                [
                    line(&[(m[0], 80.0), ("Тогтмол", 200.0), ("Хийв", 300.0)], top),
                    line(&[(m[1], 80.0)], top + 11.6),
                ]
                .concat()
            };
            [
                para(["Журам", "батлах"], top),
                para(["Тайлан", "гаргах"], top + 29.6),
                line(&[(no, 50.0), (score, 420.0)], top + 35.4),
                para(["Хяналт", "хийх"], top + 59.2),
            ]
            .concat()
        };
        let words = [
            line(
                &[
                    ("№", 50.0),
                    ("Арга", 80.0),
                    ("Түвшин", 200.0),
                    ("Биелэлт", 300.0),
                    ("Үнэлгээ", 420.0),
                ],
                100.0,
            ),
            row("1", "100", 130.0),
            row("2", "70", 224.8),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        for (r, (no, score)) in rows[1..].iter().zip([("1", "100"), ("2", "70")]) {
            assert_eq!((r[0].as_str(), r[4].as_str()), (no, score), "{rows:?}");
            for measure in ["Журам", "Тайлан", "Хяналт"] {
                assert!(r[1].contains(measure), "{rows:?}");
            }
        }
    }

    #[test]
    fn the_same_phrase_on_every_row_is_one_cell_not_two_columns() {
        // "100 хувь" in the agency's score column on every row: its "хувь" starts at one x,
        // as does a header word above it; the "100" before it ends at one x too.
        let row = |no: &str, measure: &str, top: f64| {
            line(
                &[
                    (no, 50.0),
                    (measure, 80.0),
                    ("100 хувь", 250.0),
                    ("100 хувь", 350.0),
                ],
                top,
            )
        };
        let words = [
            // Labels centred vertically: one line, two, three.
            line(&[("Хэрэгжүүлэх", 80.0), ("Байгууллагын", 250.0)], 100.0),
            line(&[("№", 50.0), ("Үнэлгээ", 350.0)], 106.0),
            line(&[("арга хэмжээ", 80.0), ("үнэлгээ", 271.0)], 112.0),
            row("1", "Журам батлах", 130.0),
            row("2", "Хурал хийх", 150.0),
            row("3", "Төлөв батлах", 170.0),
            row("4", "Дүрэм батлах", 190.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert!(rows.iter().all(|r| r.len() == 4), "{rows:?}");
        assert!(
            rows.contains(&vec![
                "1".to_string(),
                "Журам батлах".into(),
                "100 хувь".into(),
                "100 хувь".into()
            ]),
            "{rows:?}"
        );
    }

    #[test]
    fn columns_whose_labels_and_cells_stand_at_different_heights() {
        // The measure column's label takes two lines, centred on the one-line labels; in the
        // rows, the activity's two lines sit between the measure's three. No line holds text
        // of both the activity and the measure column.
        let words = [
            line(&[("Хэрэгжүүлэх", 220.0)], 94.0),
            line(&[("№", 50.0), ("Үйл", 80.0), ("Үнэлгээ", 400.0)], 100.0),
            line(&[("арга", 230.0)], 106.0),
            centred_row(130.0, "1", ["Журам", "батлах", "ажил"], "100"),
            centred_row(175.0, "2", ["Тайлан", "гаргах", "хэлэлцэх"], "70"),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[0], vec!["№", "Үйл", "Хэрэгжүүлэх\nарга", "Үнэлгээ"]);
        assert_eq!(
            rows[2],
            vec!["2", "Сургалт\nзохион", "Тайлан\nгаргах\nхэлэлцэх", "70"]
        );
    }

    #[test]
    fn a_header_whose_labels_stand_at_several_heights_gives_every_column() {
        // Two-line labels centred on the one-line ones: the upper line has three runs but not
        // the last column's; the line below it, overlapping, has them all.
        let words = [
            line(
                &[
                    ("Үйл", 80.0),
                    ("Хэрэгжүүлэх", 220.0),
                    ("Байгууллагын", 330.0),
                ],
                94.0,
            ),
            line(
                &[
                    ("№", 50.0),
                    ("ажиллагаа", 80.0),
                    ("арга", 220.0),
                    ("үнэлгээ", 330.0),
                    ("Үнэлгээ", 430.0),
                ],
                100.0,
            ),
            line(
                &[
                    ("1", 50.0),
                    ("Сургалт", 80.0),
                    ("Журам", 220.0),
                    ("100", 330.0),
                    ("90", 430.0),
                ],
                125.0,
            ),
            line(
                &[
                    ("2", 50.0),
                    ("Тайлан", 80.0),
                    ("Хурал", 220.0),
                    ("70", 330.0),
                    ("70", 430.0),
                ],
                145.0,
            ),
        ]
        .concat();
        let doc = document(&[unruled_page(1, words)]);
        let rows = texts(tables(&doc)[0]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(
            rows[0],
            vec![
                "№",
                "Үйл\nажиллагаа",
                "Хэрэгжүүлэх\nарга",
                "Байгууллагын\nүнэлгээ",
                "Үнэлгээ"
            ]
        );
        assert_eq!(rows[1], vec!["1", "Сургалт", "Журам", "100", "90"]);
    }

    #[test]
    fn a_list_whose_items_share_a_prefix_is_not_a_table() {
        // "Зорилт 1.1. …" items: their words after the prefix start at one x on every line,
        // a word space after it, like cells without padding; but the prefix ends at one x.
        let items = [
            "Журам батлах /100/",
            "Хурал хийх /70/",
            "Тайлан гаргах /100/",
        ];
        let words: Vec<Word> = (0..5)
            .flat_map(|k| {
                line(
                    &[(
                        format!("Зорилт {}.1. {}", k + 1, items[k % 3]).as_str(),
                        50.0,
                    )],
                    100.0 + 20.0 * k as f64,
                )
            })
            .collect();
        let doc = document(&[unruled_page(1, words)]);
        assert!(tables(&doc).is_empty(), "{:?}", doc.blocks);
    }

    #[test]
    fn a_word_a_space_after_a_code_starts_no_cell_at_a_confirmed_gutter() {
        // A gutter a line confirmed, ending where text starts at 116.3; a line whose word
        // starts there a little more than a space after the word before.
        let family = Family {
            strips: vec![(113.2, 116.3)],
            support: 1,
        };
        let narrowed = |before: &str| {
            let words = [
                word("Зорилт", 50.0, 100.0),
                word(before, 89.5, 100.0),
                word("Албан", 116.5, 100.0),
            ];
            let refs: Vec<&Word> = words.iter().collect();
            let line = AlignedLine {
                runs: vec![Run {
                    x0: 50.0,
                    x1: 146.5,
                }],
                words: refs,
                top: 100.0,
                bottom: 110.0,
                size: 10.0,
            };
            narrow(&[family.clone(), family.clone()], &line, 2.0, false).is_some()
        };
        // After a word, a cell starts: the gutter stays.
        assert!(narrowed("буур"));
        // After a code ("4.1."), the item's text goes on: the line crosses the gutter.
        assert!(!narrowed("4.1."));
    }

    #[test]
    fn a_label_row_with_its_figure_ends_the_table_carried_to_the_next_page() {
        // Page 2 goes on in page 1's columns and ends with the mean's row, its label across
        // the first columns.
        let page2 = [
            line(
                &[
                    ("3", 50.0),
                    ("Мэдээлэл нийтлэх", 80.0),
                    ("Цахим хуудас", 220.0),
                    ("40", 400.0),
                ],
                60.0,
            ),
            line(&[("Дундаж үнэлгээ", 50.0), ("70", 400.0)], 80.0),
            line(&[("Дүгнэлт: биелэлт 70 хувьтай байна.", 50.0)], 120.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, plan_lines()), unruled_page(2, page2)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(
            rows[rows.len() - 1],
            vec!["Дундаж үнэлгээ", "", "", "70"],
            "{rows:?}"
        );
    }

    /// The document's paragraphs' texts.
    fn paragraphs(doc: &Document) -> Vec<&str> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// A row of a summary table: name, count, a band's count, percent.
    fn summary_row(name: &str, n: &str, band: &str, pct: &str, top: f64) -> Vec<Word> {
        line(
            &[(name, 50.0), (n, 300.0), (band, 350.0), (pct, 400.0)],
            top,
        )
    }

    /// Page 1 of a summary table going on over the next page: its header and two rows.
    fn summary_page1() -> Vec<Word> {
        [
            summary_row("Зорилт", "Тоо", "100", "Хувь", 100.0),
            summary_row("Зорилт 1: Авлигын эрсдэл", "3", "2", "80", 120.0),
            summary_row("Зорилт 2: Ил тод", "2", "2", "100", 140.0),
        ]
        .concat()
    }

    #[test]
    fn a_list_under_a_summary_table_carried_to_the_next_page_is_not_its_rows() {
        // The summary table's first column is wide; on page 2, under its last row, the
        // narrative list's items fit in that column alone.
        let (row, page1) = (summary_row, summary_page1());
        let page2 = [
            row("Зорилт 3: Цахим", "4", "3", "90", 60.0),
            line(&[("Зорилт 1.1. Сургалт /100/", 50.0)], 90.0),
            line(&[("Зорилт 2.1. Журам /100/", 50.0)], 110.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, page1), unruled_page(2, page2)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(rows.len(), 4, "{rows:?}");
        let paragraphs = paragraphs(&doc);
        assert!(
            paragraphs.contains(&"Зорилт 1.1. Сургалт /100/"),
            "{paragraphs:?}"
        );
    }

    #[test]
    fn a_name_wrapped_over_lines_above_its_row_s_centred_figures_keeps_its_row() {
        // On page 2 the summary's last row: its name on four lines, its figures centred on
        // them, two lines below the name's first; then the narrative list.
        let (row, page1) = (summary_row, summary_page1());
        let page2 = [
            row("Зорилт 3: Хяналт", "1", "1", "100", 40.0),
            line(&[("Зорилт 4: Цахим", 50.0)], 60.0),
            line(&[("үйлчилгээг", 50.0)], 71.0),
            line(&[("4", 300.0), ("3", 350.0), ("90", 400.0)], 82.0),
            line(&[("өргөжүүлэх", 50.0)], 93.0),
            line(&[("хөгжүүлэх", 50.0)], 104.0),
            line(&[("Зорилт 1.1. Сургалт /100/", 50.0)], 125.0),
            line(&[("Зорилт 2.1. Журам /100/", 50.0)], 145.0),
        ]
        .concat();
        let doc = document(&[unruled_page(1, page1), unruled_page(2, page2)]);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{:?}", doc.blocks);
        let rows = texts(t[0]);
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert!(rows[4][0].starts_with("Зорилт 4"), "{rows:?}");
        assert_eq!(rows[4][1], "4", "{rows:?}");
    }

    #[test]
    fn a_title_in_a_larger_font_is_not_on_a_columns_edge() {
        use crate::layout::synthetic::word;
        // Four table lines start a word at 152 after ragged text; so does a title line set
        // in 12 pt above them, by chance.
        let mut title = line(&[("Тайлан хүргүүлэх", 50.0), ("газраас", 152.0)], 60.0);
        for w in &mut title {
            w.font_size = 12.0;
        }
        let rows: Vec<Word> = ["Журам батлах", "Хурал", "Төлөв хийх", "Дүрэм"]
            .iter()
            .enumerate()
            .flat_map(|(k, text)| {
                let top = 100.0 + 20.0 * k as f64;
                let mut l = line(&[(*text, 50.0)], top);
                l.push(word("удаа", 152.0, top));
                l
            })
            .collect();
        let words: Vec<Word> = [title, rows].concat();
        let refs: Vec<&Word> = words.iter().collect();
        let groups = super::line_groups(&refs);
        let edges = super::left_edges(&groups);
        let at_152: Vec<&super::Edge> =
            edges.iter().filter(|e| (e.x - 152.0).abs() < 0.5).collect();
        assert_eq!(at_152.len(), 1);
        assert_eq!(
            at_152[0].lines,
            (1, 4),
            "the title (line 0) is not on the edge"
        );
    }
}
